"""The eras every comparison runs along, read from one editable table.

`data/eras.csv` (or the file named by `config.ERAS_FILE`, a notebook parameter) gives each era
a label, a window (start, end) and a description; an optional `colour` column overrides the
house palette. Labels stay categorical from the file to the figure, in the file's order.
An article whose date lies wholly inside one window gets that era; a dated article outside
every window is grouped by its calendar year ("2015"), so a corpus the file does not cover
still has groups; an undated article has none.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config

# Colours by an era's place in the file (seaborn's "deep" palette), so renaming an era or
# adding one never needs code; years outside every era are grey.
PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#CCB974", "#64B5CD"]
OUTSIDE_COLOUR = "#8C8C8C"


class ErasError(ValueError):
    """The eras file cannot be used; the message names the file and the row."""


def load_eras(path: str | Path | None = None) -> pd.DataFrame:
    """era, start, end, description and colour, one row per era in the file's order; `path`
    defaults to `config.ERAS_FILE`. Windows must be valid days, start <= end, and must not
    overlap (an article would belong to two eras)."""
    return _read(str(Path(path if path is not None else config.ERAS_FILE).resolve())).copy()


@lru_cache(maxsize=8)
def _read(path: str) -> pd.DataFrame:
    name = Path(path).name
    try:
        with open(path, encoding="utf-8") as f:      # lines starting with '#' are comments
            lines = [line for line in f if not line.lstrip().startswith("#")]
        table = pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise ErasError(f"{path}: no such eras file") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ErasError(f"{name}: cannot be read as a CSV table ({err})") from None
    missing = {"era", "start", "end"} - set(table.columns)
    if missing:
        raise ErasError(f"{name}: needs the columns era, start, end (missing {sorted(missing)})")
    table = table.apply(lambda column: column.str.strip())
    if table["era"].eq("").any() or table["era"].duplicated().any():
        raise ErasError(f"{name}: every era needs a label of its own")
    for column in ("start", "end"):
        parsed = pd.to_datetime(table[column], format="%Y-%m-%d", errors="coerce")
        if parsed.isna().any():
            bad = table.loc[parsed.isna(), "era"].tolist()
            raise ErasError(f"{name}: {column} of {bad} is not a day (YYYY-MM-DD)")
        table[column] = parsed
    if (table["start"] > table["end"]).any():
        raise ErasError(f"{name}: {table.loc[table['start'] > table['end'], 'era'].tolist()} end before they start")
    ordered = table.sort_values("start")
    overlap = ordered["start"].iloc[1:].to_numpy() <= ordered["end"].iloc[:-1].to_numpy()
    if overlap.any():
        raise ErasError(f"{name}: the windows of {ordered['era'].iloc[1:][overlap].tolist()} overlap an earlier era")
    if "description" not in table:
        table["description"] = ""
    given = table["colour"] if "colour" in table else pd.Series("", index=table.index)
    table["colour"] = [c or PALETTE[i % len(PALETTE)] for i, c in enumerate(given)]
    return table[["era", "start", "end", "description", "colour"]].reset_index(drop=True)


def era_of_interval(first: pd.Series, last: pd.Series, eras: pd.DataFrame | None = None) -> pd.Categorical:
    """The era of each interval first..last that lies wholly inside one window (a year inside
    one window is enough); an interval inside one calendar year but no window is grouped by
    that year; anything else (undated, or spanning years outside every window) has no era.
    Categories: the eras in file order, then any year groups, all sorted by date."""
    eras = load_eras() if eras is None else eras
    labels = pd.Series(pd.NA, index=first.index, dtype="object")
    for era in eras.itertuples():
        labels[(first >= era.start) & (last <= era.end)] = era.era
    same_year = labels.isna() & first.notna() & (first.dt.year == last.dt.year)
    labels[same_year] = first[same_year].dt.year.astype(int).astype(str)
    return pd.Categorical(labels, categories=group_order(set(labels[same_year]), eras), ordered=True)


def group_order(years=(), eras: pd.DataFrame | None = None) -> list[str]:
    """Every era of the eras file and the given year groups ('2015'), in time order."""
    eras = load_eras() if eras is None else eras
    groups = [(era.start, era.era) for era in eras.itertuples()]
    groups += [(pd.Timestamp(f"{year}-01-01"), year) for year in sorted(years)]
    return [label for _, label in sorted(groups, key=lambda g: g[0])]


def era_of(dates: pd.Series, eras: pd.DataFrame | None = None) -> pd.Categorical:
    """The era of each day (see era_of_interval)."""
    return era_of_interval(dates, dates, eras)


def era_colour(era, eras: pd.DataFrame | None = None) -> str:
    """The colour of an era label (grey for a year group or an unknown label)."""
    eras = load_eras() if eras is None else eras
    match = eras.loc[eras["era"] == era, "colour"]
    return match.iloc[0] if len(match) else OUTSIDE_COLOUR


def is_year_group(label) -> bool:
    """Whether a group label is a calendar year standing in for an era (outside every window)."""
    return isinstance(label, str) and label.isdigit()

"""Official series beside the press figures: Russia–Azerbaijan trade turnover by year and
source, and Azerbaijan's realised crude output (data/trade_official.csv,
data/oil_output_azerbaijan.csv; sources, gaps and column meanings in data/official_series.md).

A press figure is checked against its year's official values with both sides' bounds: a floor
("over $1.5 billion") agrees with any official value at or above it, a rounded figure with any
value within its rounding. A year without an official value is "unknown", never a guess.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .quantities import APPROX_TOLERANCE, EXACT_TOLERANCE

TRADE_FILE = DATA_DIR / "trade_official.csv"
OIL_FILE = DATA_DIR / "oil_output_azerbaijan.csv"
TRADE_COLUMNS = ("year", "value_usd", "bound", "rounding_usd", "reporter", "source", "source_type",
                 "citation_or_url", "date_read")
OIL_COLUMNS = ("year", "value", "unit", "includes_ngl", "source", "edition", "citation_or_url", "date_read")
BOUNDS = ("approx", "at_least", "at_most", "exact")
KBD = "thousand barrels per day"


def _read(path: Path, columns) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, comment="#", dtype={"edition": str})
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise ValueError(f"{Path(path).name}: cannot be read as a CSV table ({error})") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {missing}")
    blank = table[list(columns)].isna().any(axis=1)
    if blank.any():
        raise ValueError(f"{Path(path).name}, data row {int(np.flatnonzero(blank)[0]) + 1}: a required field is empty")
    return table


def official_trade(path: str | Path = TRADE_FILE) -> pd.DataFrame:
    """Turnover rows (year, value_usd, bound, rounding_usd, reporter, source, source_type, ...)
    with `low` and `high`: the values each row allows (a floor has no ceiling)."""
    table = _read(Path(path), TRADE_COLUMNS)
    bad = table[~table["bound"].isin(BOUNDS)]
    if len(bad):
        raise ValueError(f"{Path(path).name}: bound {bad['bound'].iloc[0]!r} is not one of {list(BOUNDS)}")
    table["year"] = table["year"].astype(int)
    value, rounding = table["value_usd"].astype(float), table["rounding_usd"].astype(float)
    table["low"] = np.where(table["bound"] == "at_most", 0.0, value - np.where(table["bound"] == "at_least", 0, rounding))
    table["high"] = np.where(table["bound"] == "at_least", np.inf,
                             value + np.where(table["bound"] == "at_most", 0, rounding))
    return table.sort_values(["year", "value_usd"], kind="stable").reset_index(drop=True)


def official_oil(path: str | Path = OIL_FILE, unit: str = KBD) -> pd.DataFrame:
    """Realised crude output in `unit`, one value per year: the median over the sources and
    editions in the file (their spread is kept as `low`, `high` and `n_sources`)."""
    table = _read(Path(path), OIL_COLUMNS)
    rows = table[table["unit"] == unit]
    if rows.empty:
        raise ValueError(f"{Path(path).name}: no row in {unit!r}")
    return (rows.groupby("year")["value"].agg(value="median", low="min", high="max", n_sources="size")
            .reset_index())


def year_path(trade: pd.DataFrame) -> pd.DataFrame:
    """One value a year (the median of that year's rows; their range as low_value/high_value)."""
    return (trade.groupby("year")["value_usd"].agg(value="median", low_value="min", high_value="max",
                                                   n_rows="size").reset_index())


def press_interval(row) -> tuple[float, float]:
    """The values a press figure allows, from its qualifier (analysis.quantities reads them)."""
    value = float(row["value"])
    qualifier = row.get("qualifier", "exact")
    if qualifier == "at_least":
        return value, np.inf
    if qualifier == "at_most":
        return 0.0, value
    tolerance = APPROX_TOLERANCE if qualifier in ("approx", "projected") else EXACT_TOLERANCE
    return value * (1 - tolerance), value * (1 + tolerance)


def agreement(levels: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """For each press turnover figure (analysis.views.trade_figures.levels), its year's
    official values and a verdict: 'agrees' when every official value for the year is allowed
    by the press figure's bound and vice versa, 'disagrees' when none is, 'mixed' when sources
    split, 'unknown (no official value for YEAR)' when the year has none."""
    rows = []
    for press in levels.itertuples(index=False):
        p = press._asdict()
        low, high = press_interval(p)
        same = trade[trade["year"] == int(p["year"])]
        fits = [(r.low <= high) and (low <= r.high) for r in same.itertuples()]
        verdict = (f"unknown (no official value for {int(p['year'])})" if not fits else
                   "agrees" if all(fits) else "disagrees" if not any(fits) else "mixed")
        rows.append({"doc_id": p["doc_id"], "outlet": p["outlet"], "span": p["span"], "year": int(p["year"]),
                     "press_low": low, "press_high": high,
                     "official": "; ".join(f"${r.value_usd / 1e9:,.2f}bn ({r.source_type}, {r.reporter})"
                                           for r in same.itertuples()) or "none",
                     "verdict": verdict})
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "span", "year", "press_low", "press_high", "official",
                                       "verdict"])


def path_summary(trade: pd.DataFrame, before: int = 2022) -> dict:
    """What the year path looks like: first and last year, the years when it fell below an
    earlier year's value (a dip), and the share of the first-to-last rise reached before
    `before` (from the last year on record before it). Values are each year's median."""
    path = year_path(trade).set_index("year")["value"]
    if len(path) < 2:
        return {"years": list(path.index), "dips": [], "share_before": None, "path": path}
    running_max = path.cummax()
    dips = [int(y) for y in path.index if path[y] < running_max[y]]
    earlier = path[path.index < before]
    rise = path.iloc[-1] - path.iloc[0]
    share = (float((earlier.iloc[-1] - path.iloc[0]) / rise) if len(earlier) and rise > 0 and path.index[-1] >= before
             else None)
    return {"first": (int(path.index[0]), float(path.iloc[0])), "last": (int(path.index[-1]), float(path.iloc[-1])),
            "dips": dips, "share_before": share,
            "last_before": (int(earlier.index[-1]), float(earlier.iloc[-1])) if len(earlier) else None, "path": path}


def path_sentence(summary: dict, before: int = 2022) -> str:
    """The path in words, from path_summary."""
    if "first" not in summary:
        return "Too few official values to describe a path."
    (y0, v0), (y1, v1) = summary["first"], summary["last"]
    text = f"Official and officials' figures (median per year) go from ${v0 / 1e9:,.2f}bn in {y0} to ${v1 / 1e9:,.2f}bn in {y1}"
    dips = summary["dips"]
    if dips:
        low = summary["path"].loc[dips].idxmin()
        text += (f"; they fall below an earlier year's level in {', '.join(map(str, dips))} "
                 f"(lowest ${summary['path'][low] / 1e9:,.2f}bn in {low})")
    if summary["share_before"] is not None:
        yb, vb = summary["last_before"]
        text += (f"; {summary['share_before']:.0%} of the {y0}-{y1} rise was reached by {yb} "
                 f"(${vb / 1e9:,.2f}bn), before {before}")
    years = summary["path"].index
    gaps = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(int(y) for y in years))
    if gaps:
        text += f". No official value for {len(gaps)} of the years between (e.g. {', '.join(map(str, gaps[:4]))})"
    return text + "."

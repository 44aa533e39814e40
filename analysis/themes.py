"""How much of each unit of text (sentence or paragraph) is about each theme, by dictionary.

The dictionary is data, `data/themes.csv` (guide: `data/themes.md`): one row per term, with
its theme and how it matches (any inflection by Snowball stem, this word only, or an acronym
with its case). Terms are found word by word, so a term never matches inside another word
("oil" is not in "turmoil"); phrases match across spaces and hyphens; where terms overlap the
longest wins and its words count once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR, N_BOOT, SEED
from .words import Word, count_words, joined_at, word_columns, words

THEMES_FILE = DATA_DIR / "themes.csv"
MATCH_TYPES = ("stem", "word", "acronym")
DROP_FROM_KEYS = ("text", "start", "end")


@dataclass(frozen=True)
class Pattern:
    theme: str
    term: str
    match: str
    keys: tuple[str, ...]     # one per word of the term, compared with the word's `match` form

    def fits(self, text: str, forms, starts, ends, i: int) -> bool:
        """Whether the term's words stand at word i onwards (word_columns' columns)."""
        if i + len(self.keys) > len(forms):
            return False
        field = _FIELD[self.match]
        for j, key in enumerate(self.keys):
            if forms[i + j][field] != key:
                return False
            if j and not joined_at(text, ends[i + j - 1], starts[i + j]):
                return False
        return True


_FIELD = {"acronym": 0, "word": 1, "stem": 2}     # the match type's place in (bare, lower, stem)


def _key(word: Word, match: str) -> str:
    return {"stem": word.stem, "word": word.lower, "acronym": word.bare}[match]


def load_themes(path: str | Path | None = None) -> pd.DataFrame:
    """The theme dictionary: theme, term, match, note (checked: known match types, every term
    in one theme only)."""
    if path is None:
        return _default_themes().copy()
    return _read_themes(path)


@lru_cache(maxsize=1)
def _default_themes() -> pd.DataFrame:
    return _read_themes(THEMES_FILE)


def read_keyword_table(path: str | Path, label: str) -> pd.DataFrame:
    """An editable keyword table (`label`, term, match, ...), stripped, with its columns and
    match types checked; shared by the theme dictionary and the tone targets."""
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {label, "term", "match"} - set(table.columns)
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {sorted(missing)}")
    table = table.apply(lambda col: col.str.strip())
    bad = table[~table["match"].isin(MATCH_TYPES)]
    if len(bad):
        raise ValueError(f"{Path(path).name}: unknown match type(s) {sorted(set(bad['match']))} "
                         f"for term(s) {list(bad['term'])}; use one of {MATCH_TYPES}")
    return table


def _read_themes(path: str | Path) -> pd.DataFrame:
    table = read_keyword_table(path, "theme")
    table["keys"] = [_pattern_keys(t, m) for t, m in zip(table["term"], table["match"])]
    clash = table[table.duplicated(["match", "keys"], keep=False)]
    clash = clash.groupby(["match", "keys"])["theme"].nunique()
    if (clash > 1).any():
        raise ValueError("term(s) listed under two themes: "
                         + ", ".join(" ".join(k) for k in clash[clash > 1].index.get_level_values(1)))
    return table.drop(columns="keys")


def _pattern_keys(term: str, match: str) -> tuple[str, ...]:
    keys = tuple(_key(w, match) for w in words(term))
    if not keys:
        raise ValueError(f"theme term {term!r} has no words")
    return keys


def theme_order(themes: pd.DataFrame | None = None) -> list[str]:
    """Themes in the order the dictionary lists them."""
    themes = load_themes() if themes is None else themes
    return list(dict.fromkeys(themes["theme"]))


@lru_cache(maxsize=8)
def _compile(rows: tuple[tuple[str, str, str], ...]) -> dict[str, list[Pattern]]:
    """Patterns indexed by their first key, longest first (ties: dictionary order)."""
    index: dict[str, list[Pattern]] = {}
    for theme, term, match in rows:
        pattern = Pattern(theme, term, match, _pattern_keys(term, match))
        index.setdefault(pattern.keys[0], []).append(pattern)
    for patterns in index.values():
        patterns.sort(key=lambda p: -len(p.keys))     # stable: dictionary order breaks ties
    return index


def _rows(themes: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    return tuple(zip(themes["theme"], themes["term"], themes["match"]))


def find_terms(text: str, themes: pd.DataFrame | None = None) -> list[tuple[str, str, int, int]]:
    """(theme, term, start, end) of every dictionary term in `text`, left to right; where
    terms overlap, the longest wins."""
    return _find_terms(text, _compile(_rows(load_themes() if themes is None else themes)))


def _find_terms(text: str, index: dict[str, list[Pattern]]) -> list[tuple[str, str, int, int]]:
    forms, starts, ends = word_columns(text)
    hits, i = [], 0
    while i < len(forms):
        bare, lower, stem = forms[i]
        if stem not in index and lower not in index and bare not in index:
            i += 1
            continue
        candidates = {p for key in (stem, lower, bare) for p in index.get(key, ())}
        best = max((p for p in candidates if p.fits(text, forms, starts, ends, i)),
                   key=lambda p: (len(p.keys), -_order(index, p)), default=None)
        if best is None:
            i += 1
            continue
        hits.append((best.theme, best.term, starts[i], ends[i + len(best.keys) - 1]))
        i += len(best.keys)
    return hits


def _order(index: dict[str, list[Pattern]], pattern: Pattern) -> int:
    return index[pattern.keys[0]].index(pattern)


def _keys(units: pd.DataFrame) -> list[str]:
    return [c for c in units.columns if c not in DROP_FROM_KEYS]


def _found(units: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Every term found, with the row number of its unit in `units` (column `_unit`)."""
    index = _compile(_rows(themes))
    rows = [(i, theme, term, text[s:e], s, e)
            for i, text in enumerate(units["text"])
            for theme, term, s, e in _find_terms(text, index)]
    return pd.DataFrame(rows, columns=["_unit", "theme", "term", "span", "start", "end"])


def theme_matches(units: pd.DataFrame, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per dictionary term found: the unit's columns, theme, term, the words as
    printed (`span`), `start`/`end` in the unit's text and, when `units` carries offsets (as
    analysis.sentences does), `doc_start`/`doc_end` in the article's clean text."""
    themes = load_themes() if themes is None else themes
    keys = _keys(units)
    found = _found(units, themes)
    table = units[keys].iloc[found["_unit"]].reset_index(drop=True)
    table = pd.concat([table, found.drop(columns="_unit")], axis=1)
    if "start" in units:
        unit_start = units["start"].to_numpy()[found["_unit"]]
        table["doc_start"] = unit_start + found["start"].to_numpy()
        table["doc_end"] = unit_start + found["end"].to_numpy()
    table["theme"] = pd.Categorical(table["theme"], categories=theme_order(themes), ordered=True)
    return table


def theme_shares(units: pd.DataFrame, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table, one row per unit and theme: the unit's columns (not its text), `n_words`,
    `theme`, `hits` (dictionary terms found; a phrase counts once), `terms` (the words found,
    '; '-joined) and `share` = hits / all theme hits in the unit (NaN when it has none).

    Aggregate by summing `hits`, never by averaging `share`: see theme_totals."""
    themes = load_themes() if themes is None else themes
    order = theme_order(themes)
    base = units[_keys(units)].reset_index(drop=True)
    base["n_words"] = [count_words(t) for t in units["text"]]
    base["_unit"] = np.arange(len(units))
    spans: dict[tuple[int, str], list[str]] = {}
    for unit, theme, span in _found(units, themes)[["_unit", "theme", "span"]].itertuples(index=False):
        spans.setdefault((unit, theme), []).append(span)
    counted = pd.DataFrame([(u, t, len(s), "; ".join(s)) for (u, t), s in spans.items()],
                           columns=["_unit", "theme", "hits", "terms"])
    long = base.merge(pd.DataFrame({"theme": order}), how="cross")
    long = long.merge(counted, on=["_unit", "theme"], how="left")
    long["hits"] = long["hits"].fillna(0).astype(int)
    long["terms"] = long["terms"].fillna("")
    per_unit = long.groupby("_unit")["hits"].transform("sum")
    long["share"] = (long["hits"] / per_unit).where(per_unit > 0)
    long["theme"] = pd.Categorical(long["theme"], categories=order, ordered=True)
    return long.sort_values(["_unit", "theme"], kind="stable").drop(columns="_unit").reset_index(drop=True)


def theme_totals(shares: pd.DataFrame, by: str | list[str] = "doc_id") -> pd.DataFrame:
    """theme_shares aggregated to articles, eras or any grouping: per group and theme, `hits`,
    `n_units` (units in the group), `units_with` (units with at least one hit of the theme),
    `n_words`, `share` (theme hits / all theme hits in the group) and `per_1000_words`."""
    by = [by] if isinstance(by, str) else list(by)
    unit_words = shares.drop_duplicates(["doc_id", "position"])
    sizes = (unit_words.groupby(by, observed=True)
             .agg(n_units=("position", "size"), n_docs=("doc_id", "nunique"),
                  n_words=("n_words", "sum")).reset_index())
    totals = (shares.groupby(by + ["theme"], observed=True)
              .agg(hits=("hits", "sum"), units_with=("hits", lambda h: int((h > 0).sum())))
              .reset_index())
    totals = totals.merge(sizes, on=by)
    all_hits = totals.groupby(by, observed=True)["hits"].transform("sum")
    totals["share"] = (totals["hits"] / all_hits).where(all_hits > 0)
    totals["per_1000_words"] = 1000 * totals["hits"] / totals["n_words"]
    return totals[by + ["theme", "hits", "units_with", "n_units", "n_docs", "n_words", "share",
                        "per_1000_words"]]


def theme_intervals(shares: pd.DataFrame, by: str = "era", n_boot: int = N_BOOT,
                    seed: int = SEED, level: float = 0.95) -> pd.DataFrame:
    """Percentile bootstrap interval for each group's theme share, resampling the group's
    units (sentences) with replacement. Units of one article are not independent, so with
    few articles the interval is too narrow: read it as a floor on the uncertainty."""
    rng = np.random.default_rng(seed)
    rows = []
    order = list(shares["theme"].cat.categories)
    for group, part in shares.groupby(by, observed=True, sort=True):
        matrix = (part.pivot_table(index=["doc_id", "position"], columns="theme", values="hits",
                                   observed=False, aggfunc="sum")
                  .reindex(columns=order, fill_value=0).to_numpy(dtype=float))
        draws = rng.integers(0, len(matrix), size=(n_boot, len(matrix)))
        sums = matrix[draws].sum(axis=1)                      # n_boot x themes
        totals = sums.sum(axis=1, keepdims=True)
        boot = np.divide(sums, totals, out=np.full_like(sums, np.nan), where=totals > 0)
        low, high = np.nanquantile(boot, [(1 - level) / 2, (1 + level) / 2], axis=0)
        for theme, lo, hi in zip(order, low, high):
            rows.append({by: group, "theme": theme, "share_low": lo, "share_high": hi})
    table = pd.DataFrame(rows)
    table["theme"] = pd.Categorical(table["theme"], categories=order, ordered=True)
    if isinstance(shares[by].dtype, pd.CategoricalDtype):
        table[by] = table[by].astype(shares[by].dtype)
    return table

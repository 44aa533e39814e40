"""Keyword in context: every place a word or phrase occurs, with the text either side.

Occurrences are found like theme terms (analysis.themes): word by word, by Snowball stem
unless told otherwise, so "pipeline" finds "pipelines" and "gas" is never found inside
another word.
"""

from __future__ import annotations

import pandas as pd

from .themes import find_terms

KWIC_COLUMNS = ["query", "left", "keyword", "right", "start", "end", "doc_start", "doc_end"]


def kwic(units: pd.DataFrame, term: str | list[str], width: int = 40,
         match: str = "stem") -> pd.DataFrame:
    """One row per occurrence of `term` (a word or phrase, or a list of them) in `units`: the
    unit's columns (not its text), `query`, `left` and `right` (up to `width` characters of
    the unit's text either side), `keyword` (as printed), `start`/`end` in the unit's text
    and `doc_start`/`doc_end` in the article's clean text when `units` carries offsets.
    `match` is 'stem' (any inflection), 'word' (this form, any case) or 'acronym' (exact)."""
    queries = [term] if isinstance(term, str) else list(term)
    dictionary = pd.DataFrame({"theme": queries, "term": queries, "match": match})
    keys = [c for c in units.columns if c not in ("text", "start", "end")]
    rows = []
    for unit in units.to_dict("records"):
        text = unit["text"]
        for query, _, s, e in find_terms(text, dictionary):
            doc = unit.get("start")
            rows.append({**{k: unit[k] for k in keys}, "query": query,
                         "left": text[max(0, s - width):s], "keyword": text[s:e],
                         "right": text[e:e + width], "start": s, "end": e,
                         "doc_start": None if doc is None else doc + s,
                         "doc_end": None if doc is None else doc + e})
    table = pd.DataFrame(rows, columns=keys + KWIC_COLUMNS)
    for k in keys:
        if isinstance(units[k].dtype, pd.CategoricalDtype):
            table[k] = table[k].astype(units[k].dtype)
    return table

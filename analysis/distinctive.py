"""Words that tell two groups of text apart: the log-odds ratio with an informative Dirichlet
prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", Political Analysis 16(4), eq. 16).

For word w with counts y_i, y_j in groups i and j of sizes n_i, n_j, and prior counts a_w
summing to a_0:

    delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    var(delta_w) ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)        z_w = delta_w / sqrt(var)

The prior shrinks the log-odds of rare words towards zero, so a word said twice in one group
and never in the other does not outrank a word said ten times against two.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .text.words import content_words, display_forms, stop_words

KEYNESS_COLUMNS = ["term", "stem", "focus", "other", "n_focus", "n_other", "words_focus",
                   "words_other", "log_odds_ratio", "se", "z"]


def _groups(units: pd.DataFrame, group) -> pd.Series:
    labels = units[group] if isinstance(group, str) else pd.Series(group, index=units.index)
    if len(labels) != len(units):
        raise ValueError("group must be a column name or one label per unit")
    return labels


def _levels(labels: pd.Series, focus) -> tuple:
    if isinstance(labels.dtype, pd.CategoricalDtype):
        levels = [c for c in labels.cat.categories if (labels == c).any()]
    else:
        levels = sorted(labels.dropna().unique())
    if focus is None:
        if len(levels) != 2:
            raise ValueError(f"keyness compares two groups; found {len(levels)} ({levels}): "
                             "pass focus= to compare one group with all the others")
        focus = levels[-1]
    if focus not in levels:
        raise ValueError(f"focus {focus!r} is not a group label ({levels})")
    others = [g for g in levels if g != focus]
    return focus, " + ".join(map(str, others))


def keyness(units: pd.DataFrame, group, focus=None, prior_total: float | None = None,
            drop: frozenset[str] | None = None) -> pd.DataFrame:
    """Distinctive words of one group against the rest: one row per word (stem) with its
    counts, the log-odds ratio with an informative Dirichlet prior, its standard error and z
    (positive: more typical of `focus`). Sorted by z, highest first.

    `group`: a column of `units` or one label per unit; with two labels the later one (in
    category or sorted order) is the focus unless `focus` names it; with more, `focus` is
    compared with all the others pooled. The prior is the pooled word frequencies of both
    groups scaled to `prior_total` pseudo-counts (default: the pooled word count, i.e. the
    prior doubles every count). `drop`: words left out (default: analysis.words.stop_words())."""
    drop = stop_words() if drop is None else drop
    labels = _groups(units, group)
    focus, other = _levels(labels, focus)
    in_focus = (labels == focus).to_numpy()
    counts = {True: {}, False: {}}
    for text, side in zip(units["text"], in_focus):
        for w in content_words(text, drop):
            counts[bool(side)][w.stem] = counts[bool(side)].get(w.stem, 0) + 1
    stems = sorted(set(counts[True]) | set(counts[False]))
    y_i = np.array([counts[True].get(s, 0) for s in stems], dtype=float)
    y_j = np.array([counts[False].get(s, 0) for s in stems], dtype=float)
    n_i, n_j = y_i.sum(), y_j.sum()
    pooled = y_i + y_j
    a_0 = pooled.sum() if prior_total is None else float(prior_total)
    a_w = a_0 * pooled / pooled.sum()
    delta = (np.log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
             - np.log((y_j + a_w) / (n_j + a_0 - y_j - a_w)))
    se = np.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    forms = display_forms(units["text"], drop)
    table = pd.DataFrame({
        "term": [forms[s] for s in stems], "stem": stems, "focus": str(focus), "other": other,
        "n_focus": y_i.astype(int), "n_other": y_j.astype(int), "words_focus": int(n_i),
        "words_other": int(n_j), "log_odds_ratio": delta, "se": se, "z": delta / se})
    return table.sort_values(["z", "stem"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)[KEYNESS_COLUMNS]

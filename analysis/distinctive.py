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

from .config import N_BOOT
from .stats import LEVEL, generator, resample_blocks, resample_weights
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
    forms = display_forms(units["text"], drop)
    return keyness_table(stems, y_i, y_j, focus, other, [forms[s] for s in stems], prior_total)


def keyness_table(stems, y_i, y_j, focus, other, terms=None, prior_total: float | None = None) -> pd.DataFrame:
    """keyness from word counts already summed per side (`y_i` for `focus`, `y_j` for
    `other`, one per stem): what keyness computes after counting, and what make.py tables'
    document-term counts give when summed. `terms`: the words shown (default: the stems)."""
    y_i, y_j = np.asarray(y_i, dtype=float), np.asarray(y_j, dtype=float)
    delta, se = log_odds(y_i, y_j, prior(y_i + y_j, prior_total))
    table = pd.DataFrame({
        "term": list(stems) if terms is None else list(terms), "stem": list(stems), "focus": str(focus),
        "other": other, "n_focus": y_i.astype(int), "n_other": y_j.astype(int), "words_focus": int(y_i.sum()),
        "words_other": int(y_j.sum()), "log_odds_ratio": delta, "se": se, "z": delta / se})
    return table.sort_values(["z", "stem"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)[KEYNESS_COLUMNS]


def prior(pooled: np.ndarray, prior_total: float | None = None) -> np.ndarray:
    """Prior counts a_w: the pooled word frequencies scaled to `prior_total` pseudo-counts
    (default: the pooled word count)."""
    pooled = np.asarray(pooled, dtype=float)
    a_0 = pooled.sum() if prior_total is None else float(prior_total)
    return a_0 * pooled / pooled.sum()


def log_odds(y_i, y_j, a_w) -> tuple[np.ndarray, np.ndarray]:
    """delta_w and its standard error (the formula above) for counts y_i, y_j and prior a_w;
    the last axis holds the words, so a stack of resampled counts works at once."""
    y_i, y_j, a_w = (np.asarray(v, dtype=float) for v in (y_i, y_j, a_w))
    n_i, n_j = y_i.sum(axis=-1, keepdims=True), y_j.sum(axis=-1, keepdims=True)
    a_0 = a_w.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
                 - np.log((y_j + a_w) / (n_j + a_0 - y_j - a_w)))
        se = np.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    return delta, se


def stem_counts(units: pd.DataFrame, by: str = "doc_id", drop: frozenset[str] | None = None) -> pd.DataFrame:
    """Content-word counts per group of units (one row per article by default, one column per
    stem, in sorted order): what keyness counts, kept apart by article so that articles can
    be resampled or left out without reading the text again."""
    counts = _group_stem_counts(units, by, drop)
    stems = sorted({s for row in counts.values() for s in row})
    index = {s: j for j, s in enumerate(stems)}
    matrix = np.zeros((len(counts), len(stems)), dtype=np.int64)
    for i, row in enumerate(counts.values()):
        for s, n in row.items():
            matrix[i, index[s]] = n
    return pd.DataFrame(matrix, index=pd.Index(list(counts), name=by), columns=stems)


def stem_count_table(units: pd.DataFrame, by: str = "doc_id", drop: frozenset[str] | None = None) -> pd.DataFrame:
    """Content-word counts in long form, one row per group, stem and printed form (lower case)
    it holds (`by`, stem, form, count): what make.py tables writes, without the group x
    vocabulary matrix, which on a partition of 500 articles took 50 MB dense and 250 MB more
    when reshaped. A stem's count is the sum over its forms; the forms give each stem the word
    tables show (display_forms) without the text."""
    rows = [(key, stem, form, n) for key, row in _group_stem_counts(units, by, drop, forms=True).items()
            for (stem, form), n in sorted(row.items())]
    return pd.DataFrame(rows, columns=[by, "stem", "form", "count"])


def _group_stem_counts(units: pd.DataFrame, by: str, drop: frozenset[str] | None, forms: bool = False) -> dict:
    """{group: {stem: count}} over the units' content words, groups in order of appearance;
    with `forms`, {group: {(stem, printed form): count}}."""
    drop = stop_words() if drop is None else drop
    counts: dict = {}
    for key, text in zip(units[by], units["text"]):
        row = counts.setdefault(key, {})
        for w in content_words(text, drop):
            word = (w.stem, w.lower) if forms else w.stem
            row[word] = row.get(word, 0) + 1
    return counts


def keyness_intervals(counts: pd.DataFrame, side: pd.Series, focus, n_boot: int = N_BOOT,
                      level: float = LEVEL, prior_total: float | None = None) -> pd.DataFrame:
    """An interval for each word's log-odds ratio from resampling articles: `counts` is
    stem_counts (one row per article), `side` each article's group label (same index); the
    articles of the focus group and of the other group are each resampled whole with
    replacement (a stratified cluster bootstrap), the prior held at the full data's. Returns
    stem, low, high; NaN where a group has fewer than two articles (nothing to resample)."""
    side = side.reindex(counts.index)
    focus_rows = counts[(side == focus).to_numpy()].to_numpy(dtype=float)
    other_rows = counts[((side != focus) & side.notna()).to_numpy()].to_numpy(dtype=float)
    a_w = prior(focus_rows.sum(axis=0) + other_rows.sum(axis=0), prior_total)
    if len(focus_rows) < 2 or len(other_rows) < 2:
        nan = np.full(counts.shape[1], np.nan)
        return pd.DataFrame({"stem": counts.columns, "low": nan, "high": nan})
    rng = generator("keyness", str(focus))
    delta, _ = log_odds(resampled_sums(focus_rows, n_boot, rng), resampled_sums(other_rows, n_boot, rng), a_w)
    low, high = np.quantile(delta, [(1 - level) / 2, (1 + level) / 2], axis=0)
    return pd.DataFrame({"stem": counts.columns, "low": low, "high": high})


def resampled_sums(rows: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """n_boot sums of `rows` (articles x words) over articles drawn with replacement: the
    column totals of each resample (drawn a block at a time: analysis.stats.resample_blocks)."""
    sums = [resample_weights(draws) @ rows for draws in resample_blocks(len(rows), n_boot, rng)]
    return np.vstack(sums) if sums else np.zeros((0, rows.shape[1]))

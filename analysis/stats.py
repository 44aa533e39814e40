"""Uncertainty in one place: seeded bootstrap resampling of units (sentences) or of whole
clusters (articles), and exact binomial bounds for small counts.

Every random draw starts from `config.SEED`. A group's generator can be keyed by the group's
label, so adding an article or an era never moves another group's interval. Sentences of one
article are not independent: when eras are compared, articles are the sampling units and
`cluster_ratio_interval` resamples them whole (Davison & Hinkley 1997, sec. 3.8); resampling
sentences (`bootstrap_mean`) describes variation within an article only.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import beta

from .config import N_BOOT, SEED

LEVEL = 0.95


def generator(*key, seed: int = SEED) -> np.random.Generator:
    """A generator seeded from `seed` and, if given, a key such as a group's label (the key's
    repr is hashed with CRC-32, which is stable across runs and machines)."""
    if not key:
        return np.random.default_rng(seed)
    return np.random.default_rng([seed, zlib.crc32(repr(key if len(key) > 1 else key[0]).encode())])


def _quantiles(draws: np.ndarray, level: float) -> tuple:
    return tuple(np.nanquantile(draws, [(1 - level) / 2, (1 + level) / 2], axis=0))


def bootstrap_mean(values, n_boot: int = N_BOOT, rng: np.random.Generator | None = None,
                   level: float = LEVEL) -> tuple[float, float, float]:
    """Mean of `values` and its percentile bootstrap interval, resampling the values with
    replacement `n_boot` times. NaN for no values; one value has no spread (low = high)."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.nan, np.nan, np.nan
    rng = generator() if rng is None else rng
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    low, high = _quantiles(means, level)
    return float(values.mean()), float(low), float(high)


def cluster_ratio_interval(numerators, denominators, n_boot: int = N_BOOT,
                           rng: np.random.Generator | None = None, level: float = LEVEL):
    """Percentile interval of sum(numerators) / sum(denominators) when whole clusters (rows)
    are resampled with replacement: one row per article, holding its totals.

    `numerators` is (clusters,) or (clusters, k) for k ratios at once (theme hits per theme);
    `denominators` is (clusters,) or matches `numerators`. A mean of sentence scores is
    (sum of scores, number of sentences) per article; a mean of article means is (article
    mean, 1). Returns (low, high), NaN where fewer than two clusters leave nothing to resample.
    """
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    n = len(num)
    shape = num.shape[1:]
    if n < 2:
        return np.full(shape, np.nan), np.full(shape, np.nan)
    rng = generator() if rng is None else rng
    blocks = resample_blocks(n, n_boot, rng)
    if n * n_boot <= RESAMPLE_CELLS:           # one block, as for a corpus of ordinary size: sum the drawn rows
        draws = next(blocks)
        sums, totals = num[draws].sum(axis=1), den[draws].sum(axis=1)
    else:                                      # a large one: how often each article is drawn, times its row
        sums, totals = [], []
        for draws in blocks:
            weights = resample_weights(draws)
            sums.append(weights @ num)
            totals.append(weights @ den)
        sums, totals = np.concatenate(sums), np.concatenate(totals)
    if totals.ndim < sums.ndim:
        totals = totals[:, None]
    ratios = np.divide(sums, totals, out=np.full(np.broadcast(sums, totals).shape, np.nan), where=totals > 0)
    low, high = _quantiles(ratios, level)
    return low, high


RESAMPLE_CELLS = 5_000_000    # draws held at once (40 MB, a few times that while summed): a block of resamples at a time


def resample_blocks(n: int, n_boot: int, rng: np.random.Generator):
    """The draws of `n_boot` resamples of `n` clusters with replacement, a block of resamples
    at a time (each block: resamples x n indices), so that a million articles never need
    an n_boot x articles array at once. When one block holds them all, the draws are exactly
    those of a single `rng.integers(0, n, (n_boot, n))`."""
    block = max(1, RESAMPLE_CELLS // max(n, 1))
    for start in range(0, n_boot, block):
        yield rng.integers(0, n, size=(min(block, n_boot - start), n))


def resample_weights(draws: np.ndarray) -> np.ndarray:
    """How many times each of n clusters is drawn in each resample of a block (resamples x n
    indices, as resample_blocks yields them): the block's sums are these weights @ rows."""
    size, n = draws.shape
    counts = np.bincount((draws + n * np.arange(size)[:, None]).ravel(), minlength=size * n)
    return counts.reshape(size, n).astype(float)


def exact_binomial_interval(successes, trials, level: float = LEVEL):
    """Clopper-Pearson interval for a share: exact, and honest at zero (0 of 22 sentences
    still allows up to 15%), where a percentile bootstrap can only answer 0-0. Works on
    scalars or arrays; NaN where there are no trials."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    alpha = 1 - level
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(k > 0, beta.ppf(alpha / 2, k, n - k + 1), 0.0)
        high = np.where(k < n, beta.ppf(1 - alpha / 2, k + 1, n - k), 1.0)
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def era_summary(articles: pd.DataFrame, value: str, group: str = "era", n_boot: int = N_BOOT,
                level: float = LEVEL) -> pd.DataFrame:
    """Per group (era): n_articles, the mean of the articles' `value` (each article counts
    once), and its interval from resampling the group's articles (a cluster bootstrap, keyed
    by the group's label). With one article there is nothing to resample: the interval is
    empty and `note` says so; the article's own interval over its sentences, if shown, is
    within-article variation only."""
    rows = []
    for label, members in articles.groupby(group, observed=True, sort=True):
        values = members[value].dropna().to_numpy(dtype=float)
        low, high = (cluster_ratio_interval(values, np.ones(len(values)), n_boot, generator(label), level)
                     if len(values) > 1 else (np.nan, np.nan))
        rows.append({group: label, "n_articles": len(values), "mean": values.mean() if len(values) else np.nan,
                     "low": float(low), "high": float(high),
                     "note": "" if len(values) > 1 else "one article: no interval for the era"})
    table = pd.DataFrame(rows, columns=[group, "n_articles", "mean", "low", "high", "note"])
    if isinstance(articles[group].dtype, pd.CategoricalDtype):
        table[group] = pd.Categorical(table[group], dtype=articles[group].dtype)
    return table


def leave_one_out(articles: pd.DataFrame, finding, unit: str = "doc_id") -> pd.DataFrame:
    """`finding(table)` (a dict of named values) on all articles, then with each article left
    out in turn: one row per run, `dropped` empty for the full corpus. A finding that holds
    only while one article is in rests on that article."""
    rows = [{"dropped": "", **finding(articles)}]
    for doc in articles[unit].drop_duplicates():
        rows.append({"dropped": doc, **finding(articles[articles[unit] != doc])})
    return pd.DataFrame(rows)


def exact_rate_test(k_a, n_a, k_b, n_b) -> float:
    """One-sided exact p-value that events are more frequent in group a (k_a in n_a words or
    sentences) than in group b: given k_a + k_b events, under equal rates k_a is binomial with
    probability n_a / (n_a + n_b) (the conditional test for two Poisson rates, Przyborowski &
    Wilenski 1940). No events at all: 1.0. The units it counts are treated as independent, so
    with events clustered in a few articles read it beside a leave-one-article-out check."""
    from scipy.stats import binomtest
    k_a, k_b = int(k_a), int(k_b)
    if k_a + k_b == 0 or n_a + n_b <= 0:
        return 1.0
    return float(binomtest(k_a, k_a + k_b, n_a / (n_a + n_b), alternative="greater").pvalue)


def _holds(value) -> bool:
    return value is not None and not pd.isna(value) and bool(value)


def survival(runs: pd.DataFrame, findings=None, unit: str = "dropped") -> pd.DataFrame:
    """What `leave_one_out` runs say about each finding (a column of True, False or None;
    None: the finding cannot be checked without that article, as when its era empties): per
    finding, whether it holds on all articles, in how many leave-one-out runs, and the
    articles without which it fails or cannot be checked. A finding holds up when it holds
    on all articles and in every run."""
    findings = [c for c in runs.columns if c != unit] if findings is None else list(findings)
    full = runs[runs[unit] == ""]
    loo = runs[runs[unit] != ""]
    rows = []
    for name in findings:
        held = loo[name].map(_holds)
        on_all = _holds(full[name].iloc[0]) if len(full) else False
        rows.append({"finding": name, "all articles": on_all, "runs": len(loo),
                     "holds in": int(held.sum()), "fails without": loo.loc[~held, unit].tolist(),
                     "holds up": bool(on_all and held.all())})
    return pd.DataFrame(rows, columns=["finding", "all articles", "runs", "holds in", "fails without",
                                       "holds up"])


# ---------------------------------------------------------------------------------------------
# Sensitivity of a comparison: all articles, each article left out, wire news only

WIRE_GENRE = "wire news"      # the metadata genre of the wire-only variant


@dataclass
class Sensitivity:
    """A comparison's findings on all articles, without each article, and on wire news only."""
    runs: pd.DataFrame        # one row per run (`dropped`: '' for all articles), one column per finding
    table: pd.DataFrame       # per finding: all articles, leave one article out, wire news only, ...
    wire_note: str            # what the wire-only variant used, or why it is unavailable
    wire: bool                # whether the wire-only variant could run

    def holding(self, column: str = "holds up") -> list[str]:
        """Findings that hold in every leave-one-out run ('holds up') or with wire news only
        ('wire holds')."""
        return list(self.table.index[self.table[column].astype(bool)])

    def view(self) -> pd.DataFrame:
        """The table as a notebook shows it: findings by rows, the three variants as columns."""
        return self.table[["all articles", "leave one article out", "wire news only"]]


def wire_articles(articles: pd.DataFrame) -> tuple[set | None, str]:
    """The doc_ids whose `genre` is wire news, with a note; None and the reason where the
    corpus has no genre metadata or no wire article."""
    genre = articles["genre"].fillna("").astype(str) if "genre" in articles else pd.Series("", index=articles.index)
    if not genre.str.strip().any():
        return None, "unavailable (this corpus has no genre metadata)"
    wire = set(articles.loc[genre == WIRE_GENRE, "doc_id"])
    if not wire:
        return None, f"unavailable (no article has the genre '{WIRE_GENRE}')"
    return wire, f"{len(wire)} of {len(articles)} article{'s' * (len(articles) != 1)}"


def _verdict_word(value) -> str:
    return "cannot be checked" if value is None or pd.isna(value) else ("holds" if value else "does not hold")


def _names(docs: list, most: int = 4) -> str:
    return ", ".join(map(str, docs[:most])) + (f" and {len(docs) - most} more" if len(docs) > most else "")


def sensitivity(articles: pd.DataFrame, finding) -> Sensitivity:
    """Run `finding` (a set of doc_ids -> {finding: True, False or None}) on all `articles`
    (doc_id, genre), with each left out in turn (leave_one_out), and on wire news only. None
    means the finding cannot be checked on those articles (an era or side without articles):
    it counts as not holding, and the table says 'cannot be checked without ...'."""
    runs = leave_one_out(articles[["doc_id"]], lambda t: finding(set(t["doc_id"])))
    kept = survival(runs).set_index("finding")
    wire, wire_note = wire_articles(articles)
    wire_values = finding(wire) if wire is not None else {}
    by_doc = runs.set_index("dropped")
    rows = {}
    for name, r in kept.iterrows():
        unknown = [d for d in r["fails without"] if by_doc.loc[d, name] is None]
        failing = [d for d in r["fails without"] if d not in unknown]
        loo = "; ".join(([f"fails without {_names(failing)}"] if failing else [])
                        + ([f"cannot be checked without {_names(unknown)} (no article left on one side)"]
                           if unknown else [])) or f"holds in all {r['runs']} runs"
        rows[name] = {"all articles": _verdict_word(runs[name].iloc[0]),
                      "leave one article out": loo if r["all articles"] else "—",
                      "wire news only": _verdict_word(wire_values[name]) if wire is not None else "unavailable",
                      "holds up": bool(r["holds up"]),
                      "wire holds": bool(wire is not None and _holds(wire_values[name])),
                      "fails without": r["fails without"]}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "finding"
    return Sensitivity(runs, table, wire_note, wire is not None)

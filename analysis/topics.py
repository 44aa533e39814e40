"""Topics found by the data rather than by a dictionary: TF-IDF weighted word counts factored by
non-negative matrix factorisation (NMF, scikit-learn), and a check that they are stable.

Words are Snowball stems of the content words (analysis.words.content_words): English stop
words, people's names, outlets, the two countries and their capitals, titles, reporting verbs
and calendar words are left out on purpose (data/topic_stopwords.csv), so topics gather around
subjects rather than around who is speaking. NMF starts from random factors drawn from `seed`,
so a fixed seed gives the same topics and different seeds show how much they depend on luck:
`topic_stability` refits with several seeds and matches topics one to one (Hungarian
assignment on the cosine similarity of their term vectors; Greene, O'Callaghan & Cunningham
2014, "How many topics? Stability analysis for topic models").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from .config import SEED
from .stats import generator
from .text.words import content_words, forms_of, stop_words

MIN_UNITS = 2          # a word must occur in at least this many units to enter the model
MAX_SHARE = 0.5        # ... and in at most this share of units (ubiquitous words carry no topic)
TOP_TERMS = 8          # terms listed per topic
MAX_ITER = 2000
TOLERANCE = 1e-6
STABLE = 0.95          # mean matched cosine at or above which a k counts as stable
N_SEEDS = 20           # refits for the stability check (190 pairs)
SWEEP_UNITS = 400      # choose_k fits on a random sample of at most this many units
DENSE_CELLS = 4_000_000  # a TF-IDF matrix up to this many cells (32 MB) is factored dense


@dataclass(frozen=True)
class TopicModel:
    """A fitted NMF topic model as tidy tables."""
    k: int
    seed: int
    terms: pd.DataFrame          # topic, rank, term, stem, weight (top TOP_TERMS per topic)
    weights: pd.DataFrame        # unit columns + topic, weight, share (one row per unit x topic)
    labels: dict[int, str]       # topic -> its three top terms
    components: np.ndarray       # k x vocabulary, the topic-term matrix (rows sum to 1)
    vocabulary: list[str]        # stems, in component column order
    reconstruction_error: float  # Frobenius norm of the residual
    n_units: int


def _content_words(units: pd.DataFrame, drop: frozenset[str]) -> list:
    """content_words of every unit, in order (read once for the matrix and the display forms)."""
    return [content_words(text, drop) for text in units["text"]]


def _matrix(units: pd.DataFrame, drop: frozenset[str], min_units: int, max_share: float,
            found: list | None = None):
    """TF-IDF matrix of the units' content-word stems (`found`: their content_words, if
    already read) and its vocabulary."""
    found = _content_words(units, drop) if found is None else found
    vectorizer = TfidfVectorizer(analyzer=lambda ws: [w.stem for w in ws],
                                 min_df=min_units, max_df=max_share)
    x = vectorizer.fit_transform(found)
    return x, list(vectorizer.get_feature_names_out())


def _factor(x, k: int, seed: int):
    """NMF of x. A small x is factored dense: scikit-learn's coordinate descent transposes a
    sparse matrix at every iteration, which made the k sweep's 180 fits of notebook 02 1.7x
    slower; results agree to 1e-15."""
    x = dense_if_small(x)
    model = nmf_model(k, seed)
    w = model.fit_transform(x)
    return w, model.components_, model.reconstruction_err_


def nmf_model(k: int, seed: int) -> NMF:
    """The NMF every fit uses: random start from `seed`, coordinate descent to TOLERANCE."""
    return NMF(n_components=k, init="random", random_state=seed, max_iter=MAX_ITER, tol=TOLERANCE)


def dense_if_small(x):
    """x dense when it has at most DENSE_CELLS cells (NMF runs faster on it; see _factor)."""
    return x.toarray() if hasattr(x, "toarray") and x.shape[0] * x.shape[1] <= DENSE_CELLS else x


def normalise_rows(h: np.ndarray) -> np.ndarray:
    sums = h.sum(axis=1, keepdims=True)
    return np.divide(h, sums, out=np.zeros_like(h), where=sums > 0)


def fit_topics(units: pd.DataFrame, k: int, seed: int = SEED, drop: frozenset[str] | None = None,
               min_units: int = MIN_UNITS, max_share: float = MAX_SHARE,
               top: int = TOP_TERMS) -> TopicModel:
    """TF-IDF + NMF with `k` topics and random_state `seed` on the units' text.

    Topics are numbered 1..k by prevalence (total weight over units, largest first), so the
    numbering does not depend on the order NMF happened to find them in."""
    drop = stop_words() if drop is None else drop
    found = _content_words(units, drop)
    x, vocabulary = _matrix(units, drop, min_units, max_share, found)
    w, h, error = _factor(x, k, seed)
    forms = forms_of(found)
    order, h, terms, labels = describe_topics(w, h, vocabulary, [forms.get(v, v) for v in vocabulary], top)
    w = w[:, order]
    keys = [c for c in units.columns if c not in ("text", "start", "end")]
    weights = units[keys].reset_index(drop=True).loc[np.repeat(np.arange(len(units)), k)]
    weights = weights.reset_index(drop=True)
    weights["topic"] = np.tile(np.arange(1, k + 1), len(units))
    weights["weight"] = w.ravel()
    weights["share"] = row_shares(w).ravel()
    return TopicModel(k, seed, terms, weights, labels, h, vocabulary, float(error), len(units))


def describe_topics(w: np.ndarray, h: np.ndarray, vocabulary, shown, top: int = TOP_TERMS):
    """A fit in the order and tables every topic model reports: `order` numbers the topics
    1..k by prevalence (total weight over units, largest first), so the numbering does not
    depend on the order NMF found them in; `h` its rows in that order, each summing to 1; the
    `top` terms of each topic (topic, rank, term, stem, weight; `shown` is the word printed
    for each vocabulary stem) and each topic's label (its three top terms)."""
    order = np.argsort(-w.sum(axis=0), kind="stable")
    h = normalise_rows(h[order])
    term_rows = []
    for t, row in enumerate(h, 1):
        best = np.argsort(-row, kind="stable")[:top]
        term_rows += [(t, r, shown[j], vocabulary[j], row[j]) for r, j in enumerate(best, 1) if row[j] > 0]
    terms = pd.DataFrame(term_rows, columns=["topic", "rank", "term", "stem", "weight"])
    labels = {t: " / ".join(terms.loc[terms["topic"] == t, "term"].head(3)) for t in range(1, len(h) + 1)}
    return order, h, terms, labels


def row_shares(w: np.ndarray) -> np.ndarray:
    """Each unit's topic weights as shares of its total (NaN for a unit with no weight)."""
    totals = w.sum(axis=1, keepdims=True)
    return np.divide(w, totals, out=np.full_like(w, np.nan), where=totals > 0)


def match_topics(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of each topic of `a` with its one-to-one best match in `b` (Hungarian
    assignment maximising total similarity); both are k x vocabulary topic-term matrices."""
    def unit_rows(m):
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
    similarity = unit_rows(a) @ unit_rows(b).T
    rows, cols = linear_sum_assignment(-similarity)
    return similarity[rows, cols]


def _pairs(x, k: int, seeds: list[int]) -> pd.DataFrame:
    fits = {s: normalise_rows(_factor(x, k, s)[1]) for s in seeds}
    rows = []
    for s1, s2 in combinations(seeds, 2):
        matched = match_topics(fits[s1], fits[s2])
        rows.append({"k": k, "seed_a": s1, "seed_b": s2, "mean_similarity": matched.mean(),
                     "min_similarity": matched.min()})
    return pd.DataFrame(rows)


def default_seeds(n: int = N_SEEDS) -> list[int]:
    """The refit seeds: SEED, SEED + 1, ... (SEED itself is the reported fit)."""
    return list(range(SEED, SEED + n))


def topic_stability(units: pd.DataFrame, k: int, seeds=None,
                    drop: frozenset[str] | None = None, min_units: int = MIN_UNITS,
                    max_share: float = MAX_SHARE) -> pd.DataFrame:
    """Refit with each seed and compare every pair of fits: one row per pair with the mean and
    the lowest cosine similarity of one-to-one matched topics (1 = the same topics)."""
    drop = stop_words() if drop is None else drop
    x, _ = _matrix(units, drop, min_units, max_share)
    return _pairs(x, k, default_seeds() if seeds is None else list(seeds))


def choose_k(units: pd.DataFrame, ks=range(2, 11), seeds=None, stable: float = STABLE,
             drop: frozenset[str] | None = None, min_units: int = MIN_UNITS,
             max_share: float = MAX_SHARE, max_units: int | None = SWEEP_UNITS) -> pd.DataFrame:
    """Stability of each candidate k over all pairs of refits: `stability` (mean over pairs of
    the mean matched cosine), `worst_pair`, `worst_topic` (the lowest single topic match),
    `reconstruction_error` of the fit at seed SEED, and `chosen`: the largest k such that it
    and every smaller candidate have stability at least `stable`, i.e. the most detailed model
    whose topics come back in (nearly) every refit. Stability is not monotone in k: a lone
    stable k after unstable ones can hinge on a single word of the vocabulary, so the run of
    stable k has to be unbroken.

    The sweep refits every k with every seed (9 x 21 fits by default), so on more than
    `max_units` units it runs on a random sample of that many (drawn from SEED, units kept in
    their order); `table.attrs["sample"]` says how many of how many. Candidates above the
    number of units (or of vocabulary words) are left out: NMF cannot find more topics."""
    drop = stop_words() if drop is None else drop
    sample = sweep_sample(units, max_units)
    x, _ = _matrix(sample, drop, min_units, max_share)
    table = stability_sweep(x, ks, seeds, stable)
    table.attrs["sample"] = (len(sample), len(units))
    return table


def stability_sweep(x, ks=range(2, 11), seeds=None, stable: float = STABLE) -> pd.DataFrame:
    """choose_k's table for a TF-IDF matrix already made (units x words): every candidate k
    refitted with every seed, its stability over all pairs of refits, and the chosen k."""
    seeds = default_seeds() if seeds is None else list(seeds)
    ks = [k for k in ks if k <= min(x.shape)]
    rows = []
    for k in ks:
        pairs = _pairs(x, k, seeds)
        rows.append({"k": k, "stability": pairs["mean_similarity"].mean(),
                     "worst_pair": pairs["mean_similarity"].min(),
                     "worst_topic": pairs["min_similarity"].min(),
                     "reconstruction_error": _factor(x, k, SEED)[2],
                     "n_seeds": len(seeds), "n_pairs": len(pairs)})
    table = pd.DataFrame(rows, columns=["k", "stability", "worst_pair", "worst_topic",
                                        "reconstruction_error", "n_seeds", "n_pairs"])
    table["chosen"] = table["k"] == pick_k(table["k"], table["stability"], stable) if len(table) else []
    return table


def sweep_sample(units: pd.DataFrame, max_units: int | None = SWEEP_UNITS) -> pd.DataFrame:
    """The units choose_k fits on: all of them, or a random sample of `max_units` drawn from
    SEED (kept in their order), the same on every call."""
    if max_units is None or len(units) <= max_units:
        return units
    return units.iloc[sample_rows(len(units), max_units, "k sweep")]


def sample_rows(n: int, size: int, key: str) -> np.ndarray:
    """Row numbers of a random sample of `size` of `n` rows (all of them when n <= size), drawn
    from SEED and `key`, in row order: the same on every call."""
    if n <= size:
        return np.arange(n)
    return np.sort(generator(key).choice(n, size=size, replace=False))


def pick_k(ks, stability, stable: float = STABLE) -> int:
    """The largest k of the unbroken run of stable k from the smallest candidate up (the
    smallest candidate when none is stable)."""
    chosen = None
    for k, s in sorted(zip(ks, stability)):
        if s < stable:
            break
        chosen = k
    return int(min(ks) if chosen is None else chosen)

"""Topics and distinctive words from document-term counts alone: the `terms` table that
`make.py tables` writes (doc_id, stem, count), never the text, so a corpus of any size costs
a sparse matrix of its counts.

- Keyness sums the counts of each side and applies the same log-odds ratio with an
  informative Dirichlet prior as notebook 02 (analysis.distinctive.keyness_table); its
  intervals resample articles. On the same articles it gives notebook 02's numbers.
- Topics are fitted per article (the counts hold no paragraphs): TF-IDF of the counts as
  scikit-learn's TfidfVectorizer makes it (the same document-frequency limits as
  analysis.topics), k chosen by the same stability sweep on a stated random sample of
  articles, the model fitted on a larger stated sample, and every article's topic shares
  computed from that model a block at a time.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer

from .config import N_BOOT, SEED
from .corpus import CorpusError
from .distinctive import keyness_intervals, keyness_table
from .stats import LEVEL
from .topics import (MAX_SHARE, MIN_UNITS, SWEEP_UNITS, TOP_TERMS, dense_if_small, describe_topics, nmf_model,
                     row_shares, sample_rows, stability_sweep)

FIT_ARTICLES = 5000      # the topic model is fitted on a random sample of at most this many articles
TOPIC_WORDS = 1000       # ... on the words most frequent in that sample (an article has far more words
                         # than notebook 02's paragraph: on 400 articles of 8,000 words a fit took 2-3 s,
                         # and the k sweep makes 189 of them)
BLOCK = 20000            # articles whose topic shares are computed at a time


@dataclass(frozen=True)
class Counts:
    """The terms table as a sparse articles x stems matrix."""
    matrix: sparse.csr_matrix     # counts, one row per article
    doc_ids: np.ndarray           # row labels, in order of first appearance in the table
    stems: np.ndarray             # column labels, sorted
    forms: np.ndarray             # each stem's most frequent printed form (the stem without forms)


def count_matrix(terms: pd.DataFrame) -> Counts:
    """The long terms table (doc_id, stem, form, count) as a sparse matrix of stem counts (the
    forms of a stem summed), with each stem's most frequent form over the whole table (ties:
    alphabetical), as analysis.text.words.display_forms picks it from the text."""
    return counts_from_parts([terms])


COMPACT = 32     # parts whose form counts are gathered before they are summed


def counts_from_parts(parts) -> Counts:
    """count_matrix of a terms table given as parts (tables.table_parts): one part in memory
    at a time, the matrix built as the parts come (int32 counts, 8 bytes per nonzero cell)."""
    doc_ids: list = []
    stem_ids: dict[str, int] = {}
    blocks, forms, pending = [], None, []
    for part in parts:
        if part.empty:
            continue
        docs = pd.unique(part["doc_id"])
        rows = pd.Index(docs).get_indexer(part["doc_id"])
        stems = pd.Categorical(part["stem"].astype(str))
        for stem in stems.categories:
            stem_ids.setdefault(stem, len(stem_ids))
        ids = np.array([stem_ids[c] for c in stems.categories], dtype=np.int64)
        block = sparse.coo_matrix((part["count"].to_numpy(dtype=np.int32), (rows, ids[stems.codes])),
                                  shape=(len(docs), len(stem_ids))).tocsr()
        block.sum_duplicates()
        blocks.append(block)
        doc_ids.extend(docs)
        if "form" in part:
            pending.append(part.groupby(["stem", "form"], sort=False)["count"].sum())
            if len(pending) >= COMPACT:
                forms, pending = _sum_forms(forms, pending), []
    if not blocks:
        empty = np.array([], dtype=object)
        return Counts(sparse.csr_matrix((0, 0), dtype=np.int32), empty, empty, empty)
    names = np.array(list(stem_ids), dtype=object)
    order = np.argsort(names.astype(str), kind="stable")                   # columns: stems sorted
    stems = names[order]
    matrix = _stacked(blocks, order)
    shown = stems.copy()
    forms = _sum_forms(forms, pending) if pending else forms
    if forms is not None:
        best = (forms.reset_index().sort_values(["stem", "count", "form"], ascending=[True, False, True], kind="stable")
                .drop_duplicates("stem").set_index("stem")["form"])
        found = best.reindex(stems)
        shown = np.where(found.notna(), found.to_numpy(dtype=object), stems)
    repeated = pd.Index(doc_ids)[pd.Index(doc_ids).duplicated()].unique()
    if len(repeated):
        raise CorpusError(f"the terms table lists {len(repeated)} doc_id(s) in two parts ({', '.join(map(str, repeated[:5]))}"
                          f"{' ...' if len(repeated) > 5 else ''}): two articles of the export share an id; "
                          "give each row its own id")
    return Counts(matrix, np.asarray(doc_ids, dtype=object), stems, shown)


def _stacked(blocks: list, order: np.ndarray) -> sparse.csr_matrix:
    """The blocks' rows one under another, columns renumbered so that column j is old column
    order[j]: copied block by block into arrays made once, each block let go once copied,
    so the peak is the matrix and one block, not twice the matrix."""
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    nnz, n_rows = sum(b.nnz for b in blocks), sum(b.shape[0] for b in blocks)
    index = np.int32 if max(nnz, len(order)) < 2**31 else np.int64
    data, indices = np.empty(nnz, dtype=np.int32), np.empty(nnz, dtype=index)
    indptr = np.zeros(n_rows + 1, dtype=index)
    at = row = 0
    for i in range(len(blocks)):
        block, blocks[i] = blocks[i], None
        data[at:at + block.nnz] = block.data
        indices[at:at + block.nnz] = rank[block.indices]
        indptr[row + 1:row + 1 + block.shape[0]] = block.indptr[1:] + at
        at, row = at + block.nnz, row + block.shape[0]
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(n_rows, len(order)), copy=False)
    matrix.sort_indices()
    return matrix


def _sum_forms(forms: pd.Series | None, pending: list[pd.Series]) -> pd.Series:
    frames = ([forms] if forms is not None else []) + pending
    return pd.concat(frames).groupby(level=["stem", "form"], sort=False).sum()


# ---------------------------------------------------------------------------------------------
# Keyness


def keyness_from_counts(counts: Counts, side: pd.Series, focus, other_label: str | None = None,
                        shown: int = 12, n_boot: int = N_BOOT, level: float = LEVEL) -> pd.DataFrame:
    """keyness of the articles whose `side` (indexed by doc_id) is `focus` against the articles
    of every other side: the columns of analysis.distinctive.keyness, terms shown as stems,
    plus `low`/`high`, the 95% interval of the log-odds from resampling each side's articles,
    for the `shown` words at each end of the table (NaN for the others, and for a side of one
    article). The interval treats every other word as one pooled column, which leaves the
    log-odds of a shown word exactly as with all words apart."""
    side = side.reindex(counts.doc_ids)
    in_focus = (side == focus).to_numpy()
    in_other = (side.notna() & (side != focus)).to_numpy()
    y_i = counts.matrix.T @ in_focus.astype(float)                 # summed without copying the rows
    y_j = counts.matrix.T @ in_other.astype(float)
    said = (y_i + y_j) > 0
    other = other_label or " + ".join(sorted(map(str, side[in_other].unique())))
    table = keyness_table(counts.stems[said], y_i[said], y_j[said], focus, other, counts.forms[said])
    table["low"], table["high"] = np.nan, np.nan
    ends = pd.concat([table.head(shown), table.tail(shown)]).index.unique()
    column = {s: j for j, s in enumerate(counts.stems)}
    picked = np.array([column[s] for s in table.loc[ends, "stem"]], dtype=np.int64)
    shown_rows = pd.DataFrame(_with_rest(counts.matrix, picked), index=counts.doc_ids)
    intervals = keyness_intervals(shown_rows, side, focus, n_boot, level)
    table.loc[ends, "low"], table.loc[ends, "high"] = intervals["low"].to_numpy()[:-1], intervals["high"].to_numpy()[:-1]
    return table


def _with_rest(matrix: sparse.csr_matrix, picked: np.ndarray) -> np.ndarray:
    """The picked columns, dense, and one last column with every other word's count."""
    chosen = matrix[:, picked].toarray().astype(float)
    rest = np.asarray(matrix.sum(axis=1), dtype=float).reshape(-1, 1) - chosen.sum(axis=1, keepdims=True)
    return np.hstack([chosen, rest])


# ---------------------------------------------------------------------------------------------
# Topics


def tfidf(counts: sparse.csr_matrix, min_units: int = MIN_UNITS, max_share: float = MAX_SHARE,
          max_words: int | None = None):
    """TF-IDF of count rows as TfidfVectorizer(min_df=min_units, max_df=max_share,
    max_features=max_words) makes it from the same counts (the `max_words` most frequent
    words, ties in word order): the kept columns and the fitted transformer (which weighs any
    other rows by these rows' document frequencies)."""
    df = np.bincount(counts.indices, minlength=counts.shape[1]) if counts.nnz else np.zeros(counts.shape[1], int)
    kept = np.flatnonzero((df >= min_units) & (df <= max_share * counts.shape[0]))
    if max_words is not None and len(kept) > max_words:
        frequency = np.asarray(counts[:, kept].sum(axis=0)).ravel()
        kept = np.sort(kept[np.argsort(-frequency, kind="stable")[:max_words]])
    if not len(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    transformer = TfidfTransformer().fit(counts[:, kept])
    return transformer.transform(counts[:, kept]), kept, transformer


@dataclass(frozen=True)
class ScaleTopics:
    """Topics of a corpus fitted from its counts, with what they rest on."""
    choice: pd.DataFrame       # topics.stability_sweep on the sweep sample
    k: int
    terms: pd.DataFrame        # topic, rank, term, stem, weight (top TOP_TERMS per topic)
    labels: dict[int, str]     # topic -> its three top terms
    shares: pd.DataFrame       # doc_id, topic, share of the article's topic weight
    sweep_articles: int        # articles the k sweep fitted on
    fit_articles: int          # articles the model was fitted on
    n_articles: int            # articles with counts
    unconverged: int = 0       # fits (sweep, model, shares) stopped at the iteration limit
    fits: int = 0              # fits of the sweep and the model, and solves of shares, in all


def scale_topics(counts: Counts, sweep: int = SWEEP_UNITS, fit: int = FIT_ARTICLES,
                 top: int = TOP_TERMS, words: int = TOPIC_WORDS) -> ScaleTopics | None:
    """k by the stability sweep on a random sample of `sweep` articles, the NMF model at that
    k fitted (seed SEED) on a random sample of `fit` articles, each on the `words` most
    frequent words of its sample, and every article's share of each topic. None when the
    articles share too few words for two topics. A fit (or a block of shares) that stops at
    the iteration limit is counted in `unconverged`, not printed."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        found = _scale_topics(counts, sweep, fit, top, words)
    if found is None:
        return None
    return replace(found, unconverged=sum(issubclass(w.category, ConvergenceWarning) for w in caught))


def _scale_topics(counts: Counts, sweep: int, fit: int, top: int, words: int) -> ScaleTopics | None:
    n = counts.matrix.shape[0]
    on = counts.matrix[sample_rows(n, sweep, "k sweep at scale")]
    try:
        x, _, _ = tfidf(on, max_words=words)
    except ValueError:
        return None
    choice = stability_sweep(x)
    if choice.empty:
        return None
    k = int(choice.loc[choice["chosen"], "k"].iloc[0])
    rows = sample_rows(n, fit, "topic fit at scale")
    x, kept, transformer = tfidf(counts.matrix[rows], max_words=words)
    model = nmf_model(k, SEED)
    w = model.fit_transform(dense_if_small(x))
    order, _, terms, labels = describe_topics(w, model.components_, counts.stems[kept], counts.forms[kept], top)
    shares = []
    for start in range(0, n, BLOCK):
        block = transformer.transform(counts.matrix[start:start + BLOCK][:, kept])
        share = row_shares(model.transform(block)[:, order])
        shares.append(pd.DataFrame({"doc_id": np.repeat(counts.doc_ids[start:start + BLOCK], k),
                                    "topic": np.tile(np.arange(1, k + 1), len(share)),
                                    "share": share.ravel()}))
    # every seed and the reported fit per k, the model, and one solve of shares per block
    fits = int((choice["n_seeds"] + 1).sum()) + 1 + len(shares)
    return ScaleTopics(choice, k, terms, labels, pd.concat(shares, ignore_index=True), on.shape[0],
                       len(rows), n, 0, fits)

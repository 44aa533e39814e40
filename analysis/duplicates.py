"""Near-duplicate articles: the same wire story reposted by several sites, kept once.

Counted twice, a reposted story doubles its outlet's weight in every share and mean. Two
articles are near-duplicates when the Jaccard similarity of their sets of word 5-grams
(shingles, on the clean text, lower case) is at least THRESHOLD: a repost with another
headline, other furniture or a changed sentence stays above it, two reports of the same event
in their own words fall far below it.

Finding the pairs does not compare every article with every other: MinHash signatures
(Broder 1997) with banding (locality-sensitive hashing; Leskovec, Rajaraman & Ullman, Mining
of Massive Datasets, ch. 3) propose candidate pairs in time linear in the corpus, and each
candidate's exact Jaccard similarity decides. Deterministic: the hash functions come from a
fixed seed.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from .config import SEED

THRESHOLD = 0.7
SHINGLE = 5
N_HASHES = 64
BANDS = 16                 # 16 bands of 4 rows: a pair at Jaccard 0.8 is proposed with p > 0.999
_PRIME = 4_294_967_291     # the largest prime below 2**32: (a*x + b) stays below 2**64
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """CRC-32 hashes of the text's word `size`-grams (the whole text if it is shorter)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _signatures(sets: list[frozenset[int]]) -> np.ndarray:
    """MinHash signature of each set: for N_HASHES universal hash functions (a*x + b) mod p,
    the smallest value over the set (x < 2**32, a and b < p < 2**32, so no overflow)."""
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, _PRIME, size=N_HASHES, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=N_HASHES, dtype=np.uint64)
    out = np.full((len(sets), N_HASHES), np.iinfo(np.uint64).max, dtype=np.uint64)
    for i, items in enumerate(sets):
        if items:
            x = np.fromiter(items, dtype=np.uint64, count=len(items))[:, None]
            out[i] = ((a * x + b) % _PRIME).min(axis=0)
    return out


def near_duplicate_groups(texts: list[str], threshold: float = THRESHOLD) -> list[list[tuple[int, float]]]:
    """Groups of near-duplicate texts, as lists of (index, similarity to the group's first);
    each group is sorted by index and holds at least two texts. Texts in no group are unique."""
    sets = [shingles(t) for t in texts]
    signatures = _signatures(sets)
    rows = N_HASHES // BANDS
    candidates: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        for i, key in enumerate(map(bytes, signatures[:, band * rows:(band + 1) * rows])):
            if sets[i]:
                buckets.setdefault(key, []).append(i)
        for members in buckets.values():
            candidates.update((members[0], j) for j in members[1:])
            candidates.update((i, j) for i, j in zip(members[1:], members[2:]))
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidates):
        if jaccard(sets[i], sets[j]) >= threshold:
            ri, rj = root(i), root(j)
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return [[(i, jaccard(sets[members[0]], sets[i])) for i in members]
            for members in groups.values() if len(members) > 1]


def duplicate_table(corpus: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    """One row per article set aside as a near-duplicate: doc_id, file, kept (the doc_id kept
    for its group: the first in the corpus's order) and similarity (Jaccard of 5-grams)."""
    rows = []
    for group in near_duplicate_groups(list(corpus["text"]), threshold):
        kept = corpus.iloc[group[0][0]]
        for i, similarity in group[1:]:
            row = corpus.iloc[i]
            rows.append({"doc_id": row["doc_id"], "file": row["file"], "kept": kept["doc_id"],
                         "similarity": round(similarity, 3)})
    return pd.DataFrame(rows, columns=["doc_id", "file", "kept", "similarity"])

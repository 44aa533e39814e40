"""What a result was computed from: package versions and the corpus checksum."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from .corpus import corpus_checksum

PACKAGES = ["pandas", "numpy", "matplotlib", "scikit-learn", "textblob", "vaderSentiment",
            "wordfreq", "wordsegment", "krippendorff"]


def provenance(corpus: pd.DataFrame) -> pd.DataFrame:
    """A two-column table for the last cell of every notebook (stable across rebuilds)."""
    rows = [("python", platform.python_version())]
    for name in PACKAGES:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    rows += [("articles", str(len(corpus))), ("corpus sha256", corpus_checksum(corpus))]
    return pd.DataFrame(rows, columns=["item", "value"]).set_index("item")

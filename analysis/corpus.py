"""Load the raw articles with their curated metadata, verify them, and clean them.

`seeds/` is the immutable raw corpus: one .txt per article plus `metadata.csv`, whose
`sha256` column pins every file. Anything unexpected (a changed, missing or extra file,
bad encoding, an HTML page, an impossible date) stops loading with an error that names
the file: a silently wrong corpus is worse than no corpus.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from .cleaning import clean_text
from .config import DATA_DIR, SEEDS_DIR

METADATA_COLUMNS = [
    "doc_id", "file", "title", "outlet", "author", "genre", "place",
    "event_date", "published", "date_evidence", "sha256",
]
MAX_ARTICLE_BYTES = 5_000_000
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['-][^\W_]+)*")
_HTML = re.compile(r"<\s*(?:html|head|body|div|p|span|script|meta|a\s+href)\b", re.I)


class CorpusError(ValueError):
    """The corpus on disk is not what its metadata says; the message names the file."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_words(text: str) -> int:
    """Words as a reader counts them: '1.5', "Russia's" and 'two-fold' are one word each."""
    return len(_WORD.findall(text))


def read_article(path: Path) -> str:
    """The text of one raw article, refusing files that cannot be a plain-text article."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_ARTICLE_BYTES:
        raise CorpusError(f"{path.name}: {len(data):,} bytes is too large for one article "
                          f"(limit {MAX_ARTICLE_BYTES:,}); is it a whole database export?")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path.name}: not valid UTF-8 (byte {err.start}); "
                          "re-export the article as UTF-8 text") from None
    if not text.strip():
        raise CorpusError(f"{path.name}: the file is empty")
    if len(_HTML.findall(text)) >= 3:
        raise CorpusError(f"{path.name}: looks like an HTML page, not article text; "
                          "extract the text first")
    return text


def parse_day_interval(value: str, column: str, file: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """'2024-08-19' or an ISO 8601 interval '2024-08-19/2024-08-25' as (first, last) day."""
    parts = str(value).split("/")
    try:
        days = [pd.Timestamp(p.strip()) for p in parts]
    except (ValueError, TypeError):
        raise CorpusError(f"{file}: {column} {value!r} is not a date (YYYY-MM-DD)") from None
    if len(days) > 2 or days[0] > days[-1]:
        raise CorpusError(f"{file}: {column} {value!r} is not a valid day or interval")
    if not pd.Timestamp("1900-01-01") <= days[0] <= pd.Timestamp("2100-01-01"):
        raise CorpusError(f"{file}: {column} {value!r} is outside 1900-2100")
    return days[0], days[-1]


def read_metadata(seeds_dir: Path) -> pd.DataFrame:
    """The curated metadata table, checked for the required columns and valid dates."""
    path = seeds_dir / "metadata.csv"
    if not path.exists():
        raise CorpusError(f"{path}: metadata.csv is missing")
    meta = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in METADATA_COLUMNS if c not in meta.columns]
    if missing:
        raise CorpusError(f"{path.name}: missing columns {missing}")
    duplicated = meta.loc[meta["doc_id"].duplicated() | meta["file"].duplicated(), "file"]
    if len(duplicated):
        raise CorpusError(f"{path.name}: duplicate rows for {sorted(duplicated)}")
    for column in ("event_date", "published"):
        meta[[f"{column}_start", f"{column}_end"]] = [
            parse_day_interval(v, column, f) for v, f in zip(meta[column], meta["file"])
        ]
    meta["event_date"] = meta.pop("event_date_start")
    meta = meta.drop(columns="event_date_end")
    late = meta["published_end"] < meta["event_date"]
    if late.any():
        raise CorpusError(f"{path.name}: published before the event for {list(meta.loc[late, 'file'])}")
    return meta


def verify_files(seeds_dir: Path, meta: pd.DataFrame) -> None:
    """Every .txt has a metadata row, every row has its file, every checksum matches."""
    on_disk = {p.name for p in seeds_dir.glob("*.txt")}
    listed = set(meta["file"])
    if extra := sorted(on_disk - listed):
        raise CorpusError(f"{', '.join(extra)}: no row in metadata.csv; add one (with its sha256)")
    if absent := sorted(listed - on_disk):
        raise CorpusError(f"{', '.join(absent)}: listed in metadata.csv but not in {seeds_dir}")
    for file, expected in zip(meta["file"], meta["sha256"]):
        actual = sha256_of(seeds_dir / file)
        if actual != expected:
            raise CorpusError(f"{file}: sha256 {actual[:12]}... does not match metadata "
                              f"({expected[:12]}...); the raw file changed")


def era_of(dates: pd.Series) -> pd.Series:
    """Era label from the editable table data/eras.csv (NaN outside every era)."""
    eras = pd.read_csv(DATA_DIR / "eras.csv", parse_dates=["start", "end"])
    labels = pd.Series(pd.NA, index=dates.index, dtype="object")
    for era in eras.itertuples():
        labels[(dates >= era.start) & (dates <= era.end)] = era.era
    return pd.Categorical(labels, categories=list(eras["era"]), ordered=True)


def corpus_checksum(corpus: pd.DataFrame) -> str:
    """One SHA-256 over the sorted per-file checksums: names the corpus a result came from."""
    joined = "\n".join(sorted(f"{f} {h}" for f, h in zip(corpus["file"], corpus["sha256"])))
    return hashlib.sha256(joined.encode()).hexdigest()


def load_corpus(seeds_dir=None) -> pd.DataFrame:
    """One row per article, sorted by event date: metadata, era, text_raw, clean text, n_words."""
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
    if not seeds_dir.is_dir():
        raise CorpusError(f"{seeds_dir}: no such corpus folder")
    meta = read_metadata(seeds_dir)
    verify_files(seeds_dir, meta)
    meta["text_raw"] = [read_article(seeds_dir / f) for f in meta["file"]]
    meta["text"] = [clean_text(raw) for raw in meta["text_raw"]]
    meta["n_words"] = [count_words(t) for t in meta["text"]]
    meta["era"] = era_of(meta["event_date"])
    meta = meta.sort_values(["event_date", "doc_id"], kind="stable").reset_index(drop=True)
    first = ["doc_id", "event_date", "era", "outlet", "title"]
    return meta[first + [c for c in meta.columns if c not in first]]

"""Load the raw articles with their curated metadata, verify them, and clean them.

`seeds/` is the immutable raw corpus: one .txt per article plus `metadata.csv`, whose
`sha256` column pins every file. Anything unexpected (a changed, missing or extra file,
bad encoding, an HTML page, an impossible date) stops loading with an error that names
the file: a silently wrong corpus is worse than no corpus.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pandas as pd

from .cleaning import clean_many
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


class CorpusWarning(UserWarning):
    """Something a reader must know about the corpus (inferred dates, near-duplicates)."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_words(text: str) -> int:
    """Words as a reader counts them: '1.5', "Russia's" and 'two-fold' are one word each."""
    return len(_WORD.findall(text))


def read_article(path: Path) -> str:
    """The text of one raw article, refusing files that cannot be a plain-text article."""
    path = Path(path)
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise CorpusError(f"{path.name}: {path.stat().st_size:,} bytes is too large for one article "
                          f"(limit {MAX_ARTICLE_BYTES:,}); is it a whole database export?")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path.name}: not valid UTF-8 (byte {err.start}); "
                          "re-export the article as UTF-8 text") from None
    return check_text(text, path.name)


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


DATE_COLUMNS = ["event_date", "published_start", "published_end"]


def parse_curated_dates(meta: pd.DataFrame, source: str, require_published: bool = True) -> pd.DataFrame:
    """event_date, published_start and published_end parsed from the curated `event_date` and
    `published` text, one row per row of `meta`; refuses bad dates and a publication before
    the event, naming the file."""
    def published(value, file):
        if not require_published and not str(value).strip():
            return pd.NaT, pd.NaT
        return parse_day_interval(value, "published", file)

    pub = [published(v, f) for v, f in zip(meta["published"], meta["file"])]
    dates = pd.DataFrame({
        "event_date": [parse_day_interval(v, "event_date", f)[0] for v, f in zip(meta["event_date"], meta["file"])],
        "published_start": [p[0] for p in pub], "published_end": [p[1] for p in pub],
    }, index=meta.index, columns=DATE_COLUMNS).apply(pd.to_datetime)
    late = dates["published_end"] < dates["event_date"]
    if late.any():
        raise CorpusError(f"{source}: published before the event for {list(meta.loc[late, 'file'])}")
    return dates


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
    meta[DATE_COLUMNS] = parse_curated_dates(meta, path.name)
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


def check_text(text: str, name: str) -> str:
    """Refuse text that cannot be one plain-text article (empty, huge, or an HTML page)."""
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise CorpusError(f"{name}: {len(text):,} characters is too large for one article "
                          f"(limit {MAX_ARTICLE_BYTES:,} bytes); is it a whole database export?")
    if not text.strip():
        raise CorpusError(f"{name}: the article text is empty")
    if len(_HTML.findall(text)) >= 3:
        raise CorpusError(f"{name}: looks like an HTML page, not article text; extract the text first")
    return text


def infer_dates(text: str) -> dict:
    """Event and publication dates guessed from the text itself, for articles without
    curated metadata: the first full date that is not a page stamp (else the latest year
    mentioned), with the evidence written down. Marked as inferred wherever it is used."""
    from .dates import find_dates

    found = find_dates(text)
    full = found[(found["kind"] == "absolute") & found["date_start"].notna()]
    if len(full):
        first = full.iloc[0]
        day = first["date_start"]
        return {"event_date": day, "published_start": day, "published_end": day,
                "date_evidence": f"inferred from the first full date in the text: {first['span']!r}"}
    years = found[(found["kind"].isin(["year", "month_year"])) & found["date_start"].notna()]
    if len(years):
        latest = years.sort_values("date_end").iloc[-1]
        return {"event_date": latest["date_start"], "published_start": latest["date_start"],
                "published_end": latest["date_end"],
                "date_evidence": f"inferred from the latest year mentioned: {latest['span']!r} (coarse)"}
    return {"event_date": pd.NaT, "published_start": pd.NaT, "published_end": pd.NaT,
            "date_evidence": "no date found in the text"}


def _fill_inferred(meta: pd.DataFrame, source: str) -> pd.DataFrame:
    """Give rows without curated dates inferred ones, and warn (naming them) that they are."""
    meta = meta.copy()
    for column in METADATA_COLUMNS:
        if column not in meta:
            meta[column] = ""
    meta["dates_inferred"] = meta["event_date"].astype(str).str.strip().isin(["", "nan", "NaT"])
    curated = ~meta["dates_inferred"]
    dates = pd.DataFrame(pd.NaT, index=meta.index, columns=DATE_COLUMNS, dtype="datetime64[ns]")
    if curated.any():
        dates.loc[curated] = parse_curated_dates(meta[curated], source, require_published=False)
    inferred = meta.index[~curated]
    for idx in inferred:
        guess = infer_dates(meta.at[idx, "text_raw"])
        dates.loc[idx] = [guess["event_date"], guess["published_start"], guess["published_end"]]
        meta.loc[idx, "date_evidence"] = guess["date_evidence"]
    if len(inferred):
        names = ", ".join(meta.loc[inferred[:5], "file"]) + (" ..." if len(inferred) > 5 else "")
        warnings.warn(f"{source}: {len(inferred)} article(s) have no curated dates; dates were "
                      f"inferred from the text and marked dates_inferred=True ({names})",
                      CorpusWarning, stacklevel=3)
    meta[DATE_COLUMNS] = dates
    undated = meta["event_date"].isna()
    if undated.any():
        warnings.warn(f"{source}: no date could be found for {list(meta.loc[undated, 'file'])}; "
                      "they have no era and drop out of every time comparison", CorpusWarning, stacklevel=3)
    return meta


def _curated_folder(folder: Path) -> pd.DataFrame:
    meta = read_metadata(folder)
    verify_files(folder, meta)
    meta["text_raw"] = [read_article(folder / f) for f in meta["file"]]
    meta["dates_inferred"] = False
    return meta


def _plain_folder(folder: Path) -> pd.DataFrame:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise CorpusError(f"{folder}: no .txt articles and no metadata.csv")
    meta = pd.DataFrame({
        "doc_id": [p.stem for p in files], "file": [p.name for p in files],
        "sha256": [sha256_of(p) for p in files], "text_raw": [read_article(p) for p in files],
    })
    return _fill_inferred(meta, str(folder))


def _table_file(path: Path) -> pd.DataFrame:
    """A CSV or JSON Lines export: one article per row, a `text` column, any metadata columns."""
    try:
        if path.suffix.lower() == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                                skip_blank_lines=False)
        else:
            table = pd.read_json(path, lines=True, dtype=False, encoding="utf-8")
    except (UnicodeDecodeError, ValueError) as err:
        raise CorpusError(f"{path.name}: cannot be read as {path.suffix[1:].upper()} ({err})") from None
    if "text" not in table.columns:
        raise CorpusError(f"{path.name}: needs a 'text' column (found {list(table.columns)})")
    table = table.fillna("").astype(str)
    rows = [f"{path.name} row {i + 1}" for i in range(len(table))]
    table["text_raw"] = [check_text(t, name) for t, name in zip(table.pop("text"), rows)]
    if "doc_id" not in table or (table["doc_id"] == "").any():
        table["doc_id"] = [f"{path.stem}-{i + 1:05d}" for i in range(len(table))]
    table["file"] = rows
    table["sha256"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in table["text_raw"]]
    return _fill_inferred(table, path.name)


def check_duplicates(meta: pd.DataFrame) -> None:
    """The same article under two names would be counted twice: stop and name both."""
    same = meta[meta["sha256"].duplicated(keep=False)]
    if len(same):
        groups = same.groupby("sha256")["file"].apply(lambda f: " = ".join(f))
        raise CorpusError("duplicate articles (identical files): " + "; ".join(groups)
                          + "; remove one copy or its metadata row")
    twins = meta[meta["text"].duplicated(keep=False)]
    if len(twins):
        groups = twins.groupby("text")["file"].apply(lambda f: " = ".join(f))
        warnings.warn("articles with identical clean text (same story, different page furniture): "
                      + "; ".join(groups), CorpusWarning, stacklevel=3)


def load_corpus(seeds_dir=None) -> pd.DataFrame:
    """One row per article, sorted by event date: metadata, era, text_raw, clean text, n_words.

    `seeds_dir` is a folder laid out like seeds/ (the .txt files and metadata.csv), a folder of
    .txt files without metadata, or one .csv/.jsonl file with a `text` column. Articles without
    curated dates get dates inferred from their text, marked `dates_inferred`, with a warning.
    """
    source = Path(seeds_dir) if seeds_dir is not None else SEEDS_DIR
    if source.is_file() and source.suffix.lower() in {".csv", ".jsonl", ".json"}:
        meta = _table_file(source)
    elif source.is_dir():
        meta = _curated_folder(source) if (source / "metadata.csv").exists() else _plain_folder(source)
    else:
        raise CorpusError(f"{source}: no such corpus folder (or .csv/.jsonl file)")
    meta["text"] = clean_many(list(meta["text_raw"]))
    check_duplicates(meta)
    meta["n_words"] = [count_words(t) for t in meta["text"]]
    meta["era"] = era_of(meta["event_date"])
    meta = meta.sort_values(["event_date", "doc_id"], kind="stable", na_position="last").reset_index(drop=True)
    first = ["doc_id", "event_date", "era", "outlet", "title"]
    return meta[first + [c for c in meta.columns if c not in first]]

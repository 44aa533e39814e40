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
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd

from .config import SEEDS_DIR
from .duplicates import duplicate_table
from .eras import era_of_interval
from .guard import CorpusError, CorpusWarning, attempt, set_aside as guard_set_aside
from .parallel import map_in_order
from .text.cleaning import clean_text
from .text.language import ENGLISH_SHARE, english_share
from .text.words import count_words

METADATA_COLUMNS = [
    "doc_id", "file", "title", "outlet", "author", "genre", "place",
    "event_date", "published", "date_evidence", "sha256",
]
MAX_ARTICLE_BYTES = 5_000_000
_HTML = re.compile(r"<\s*(?:html|head|body|div|p|span|script|meta|a\s+href)\b", re.I)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


# ---------------------------------------------------------------------------------------
# Dates. Curated metadata.csv dates are used as they are (and checked against the text);
# every other article is dated by `analysis.dating.date_article` in the order of trust
# documented there, and carries event_precision, date_source and date_evidence.

PUBLISHED_COLUMNS = ("published", "date", "publish_date", "pubdate", "timestamp", "published_at",
                     "pub_date", "publication_date", "date_published")
DATE_TABLE_COLUMNS = ["event_date", "event_end", "event_precision", "published", "published_start",
                      "published_end", "date_source", "date_evidence", "dates_inferred"]
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
                      re.ASCII)
_NUMERIC_DAY = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:[T ,]+\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII)
_EPOCH_LIMIT = 4_102_444_800          # seconds from 1970 to 2100-01-01


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _numeric_dayfirst(values) -> bool | None:
    """How a column writes numeric dates: day-first if some value can only be read that way
    (13/04/2007), month-first if some can only be read the other way; None if undecided."""
    firsts = set()
    for value in values:
        m = _NUMERIC_DAY.fullmatch(str(value).strip())
        if m and (int(m.group(1)) > 12) != (int(m.group(3)) > 12):
            firsts.add(int(m.group(1)) > 12)
    return firsts.pop() if len(firsts) == 1 else None


def parse_supplied_date(value, column: str, name: str, dayfirst: bool | None = None):
    """A date supplied with an article, as (first day, last day), or None when blank.

    Accepts ISO days and date-times (the day as written, whatever the time zone), ISO
    intervals 'start/end', 'YYYY-MM' and 'YYYY' (as month and year intervals), Unix
    timestamps (seconds or milliseconds, UTC), numeric dates (a reading fixed by `dayfirst`;
    both readings are kept as an interval when it is None and both are valid) and written
    dates ('19 August 2024', 'Mon, 19 Aug 2024 10:00:00 +0000'). Anything else raises
    CorpusError naming the article and column.
    """
    from .text.dates import expressions

    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "null"}:
        return None

    def bad(why="is not a date we can read"):
        return CorpusError(f"{name}: {column} {text!r} {why}")

    def valid(year, month, day):
        try:
            found = date(year, month, day)
        except ValueError:
            raise bad("is not a valid calendar date") from None
        if not 1900 <= found.year <= 2100:
            raise bad("is outside 1900-2100")
        return found

    if "/" in text and _ISO_DAY.match(text):
        parts = [parse_supplied_date(p, column, name) for p in text.split("/")]
        if len(parts) != 2 or None in parts or parts[0][0] > parts[1][1]:
            raise bad("is not a valid interval")
        return parts[0][0], parts[1][1]
    if m := _ISO_DAY.fullmatch(text):
        day = valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text, re.ASCII):
        first = valid(int(m.group(1)), int(m.group(2)), 1)
        return first, (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    if re.fullmatch(r"\d{4}", text, re.ASCII):
        return valid(int(text), 1, 1), valid(int(text), 12, 31)
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?|\d{12,13}", text, re.ASCII):
        seconds = float(text) / (1000 if len(text) >= 12 and "." not in text else 1)
        if seconds >= _EPOCH_LIMIT:
            raise bad("is outside 1900-2100")
        day = pd.Timestamp(seconds, unit="s").date()
        return valid(day.year, day.month, day.day), day
    if m := _NUMERIC_DAY.fullmatch(text):
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        readings = []
        for month, day in ((a, b), (b, a)):
            try:
                readings.append(valid(year, month, day))
            except CorpusError:
                readings.append(None)
        if dayfirst is not None and readings[int(dayfirst)]:
            return readings[int(dayfirst)], readings[int(dayfirst)]
        both = sorted({r for r in readings if r})
        if not both:
            raise bad("is not a valid calendar date")
        return both[0], both[-1]
    found = [e for e in expressions(text) if e.kind in ("absolute", "stamp")]
    if found and (r := found[0].resolve(None)).first is not None:
        return valid(r.first.year, r.first.month, r.first.day), r.last
    raise bad()


def _supplied_published(meta: pd.DataFrame) -> tuple[str | None, bool | None]:
    """The column holding supplied publication dates, and how it writes numeric dates."""
    for column in PUBLISHED_COLUMNS:
        if column in meta and meta[column].astype(str).str.strip().ne("").any():
            return column, _numeric_dayfirst(meta[column])
    return None, None


def _dating_row(result, inferred: bool) -> dict:
    pub = (result.published_start, result.published_end)
    published = "" if pub[0] is None else (pub[0].isoformat() if pub[0] == pub[1] or pub[1] is None
                                           else f"{pub[0].isoformat()}/{pub[1].isoformat()}")
    return {"event_date": _day(result.event_start), "event_end": _day(result.event_end),
            "event_precision": result.precision, "published": published,
            "published_start": _day(pub[0]), "published_end": _day(pub[1]),
            "date_source": result.source, "date_evidence": result.evidence, "dates_inferred": inferred}


def _as_table(rows: list[dict], index) -> pd.DataFrame:
    table = pd.DataFrame(rows, index=index, columns=DATE_TABLE_COLUMNS)
    for column in ("event_date", "event_end", "published_start", "published_end"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    table["dates_inferred"] = table["dates_inferred"].astype(bool)
    return table


def _warn_named(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=4)


def _fill_inferred(meta: pd.DataFrame, source: str, strict: bool = False) -> pd.DataFrame:
    """Date every article that has no curated metadata.csv row: a date supplied with it (an
    export column, HTML metadata) wins, else its own stamps and lead (analysis.dating).
    An article whose dating fails is set aside with a warning naming it (or, if `strict`,
    stops loading); its name, step and error are kept in `.attrs['set_aside']`."""
    meta = meta.copy()
    for column in METADATA_COLUMNS:
        if column not in meta:
            meta[column] = ""
    pub_column, dayfirst = _supplied_published(meta)
    froms = list(meta["_published_from"]) if "_published_from" in meta else [""] * len(meta)
    names, texts, events = list(meta["file"]), list(meta["text_raw"]), list(meta["event_date"])
    pubs = list(meta[pub_column]) if pub_column else [""] * len(meta)
    jobs = []
    for name, text, event_text, pub_text, from_html in zip(names, texts, events, pubs, froms):
        try:
            event = parse_supplied_date(event_text, "event_date", name)
            published = parse_supplied_date(pub_text, pub_column, name, dayfirst) if pub_column else None
        except Exception as err:
            jobs.append(err)
            continue
        supplied_from = [from_html or f"column '{pub_column}'"] if published else []
        supplied_from += ["column 'event_date'"] if event else []
        jobs.append((text, published, event, " and ".join(supplied_from)))
    todo = [i for i, job in enumerate(jobs) if isinstance(job, tuple)]
    for i, outcome in zip(todo, map_in_order(_date_one, [jobs[i] for i in todo])):
        jobs[i] = outcome
    rows, kept, set_aside = [], [], []
    for idx, name, from_html, result in zip(meta.index, names, froms, jobs):
        if isinstance(result, Exception):           # one article's failure never stops the corpus
            set_aside.append(guard_set_aside(name, "dating", result, strict))
            continue
        for warning in result.warnings:
            _warn_named(f"{name}: {warning}")
        rows.append(_dating_row(result, inferred=bool(from_html) or result.source != "supplied"))
        kept.append(idx)
    meta = meta.loc[kept].drop(columns=[c for c in ["_published_from"] if c in meta])
    dates = _as_table(rows, meta.index)
    meta[DATE_TABLE_COLUMNS] = dates
    meta.attrs["set_aside"] = set_aside
    return meta


def with_dates(table: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """`table` (any per-article or per-sentence table with a doc_id) with each article's
    event_end, event_precision, date_source and date_evidence beside its date, so a reader
    of any dated table can see how well each date is known and why."""
    columns = [c for c in ("event_end", "event_precision", "date_source", "date_evidence") if c not in table]
    return table.merge(corpus[["doc_id", *columns]], on="doc_id", how="left", validate="many_to_one")


def _warn_inferred(meta: pd.DataFrame, source: str) -> None:
    """Name the articles whose dates were inferred, and those left undated."""
    inferred = meta.index[meta["dates_inferred"]]
    if len(inferred):
        names = ", ".join(meta.loc[inferred[:5], "file"]) + (" ..." if len(inferred) > 5 else "")
        _warn_named(f"{source}: {len(inferred)} article(s) have no curated dates; dates were "
                    f"inferred from the text or page markup and marked dates_inferred=True ({names}); "
                    "date_source and date_evidence say how each was found")
    undated = meta["event_date"].isna()
    if undated.any():
        _warn_named(f"{source}: no date could be found for {list(meta.loc[undated, 'file'])}; "
                    "they have no era and drop out of every time comparison (date_evidence says why)")


def infer_dates(text: str) -> dict:
    """Event and publication dates read from the text alone (analysis.dating.date_article),
    as a dict of this module's date columns."""
    from .text.dating import date_article

    return _dating_row(date_article(text), inferred=True)


def _date_one(job: tuple):
    """date_article on one (text, published, event, supplied_from), or the exception it
    raised (a module-level function, so worker processes can run it)."""
    from .text import dating

    return attempt(lambda item: dating.date_article(*item), job)


def _check_curated_against_text(meta: pd.DataFrame) -> None:
    """Curated dates win, but a text that contradicts them is reported by name. Always strict."""
    jobs = [(row.text_raw, (_day(row.published_start), _day(row.published_end)),
             (_day(row.event_date), _day(row.event_date)), "metadata.csv") for row in meta.itertuples()]
    for file, result in zip(meta["file"], map_in_order(_date_one, jobs)):
        if isinstance(result, Exception):
            guard_set_aside(file, "dating", result, strict=True)
        for warning in result.warnings:
            _warn_named(f"{file}: {warning}")


def _curated_folder(folder: Path) -> pd.DataFrame:
    meta = read_metadata(folder)
    verify_files(folder, meta)
    meta["text_raw"] = [read_article(folder / f) for f in meta["file"]]
    _check_curated_against_text(meta)
    meta["event_end"] = meta["event_date"]
    meta["event_precision"] = "day"
    meta["date_source"] = "supplied"
    meta["dates_inferred"] = False
    meta.attrs["set_aside"] = []
    return meta


HTML_SUFFIXES = (".html", ".htm")
_DATE_MARKUP = r"<(?:meta|time|abbr)\b[^>]*{day}[^>]*>|\"date\w*\"\s*:\s*\"{day}[^\"]*\""


def _html_date_evidence(html: str, day: str) -> str:
    """The tag, JSON-LD field or marked-up stamp the page's date came from, quoted."""
    from .text.dates import expressions

    found = re.search(_DATE_MARKUP.format(day=re.escape(day)), html, re.I)
    if found:
        quoted = " ".join(found.group().split())
        return "HTML metadata " + (quoted if len(quoted) <= 160 else quoted[:157] + "...")
    wanted = date.fromisoformat(day)
    for e in expressions(html):
        if e.kind in ("stamp", "absolute") and e.resolve(None).first == wanted:
            return f"HTML markup (htmldate): '{' '.join(e.span.split())}'"
    return f"HTML markup (htmldate read {day} from the page markup)"


def read_html_article(path: Path) -> dict:
    """Text, title, site name and the publication date from a saved web page's markup
    (trafilatura for the text, htmldate's markup-only search for the date)."""
    import htmldate
    import trafilatura

    path = Path(path)
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise CorpusError(f"{path.name}: {path.stat().st_size:,} bytes is too large for one page "
                          f"(limit {MAX_ARTICLE_BYTES:,})")
    data = path.read_bytes()
    html = data.decode("utf-8", errors="replace")
    if not _HTML.search(html):
        raise CorpusError(f"{path.name}: has an HTML name but holds no HTML; save the page as HTML "
                          "or rename it .txt")
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_images=False, include_links=False)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise CorpusError(f"{path.name}: trafilatura found no article text in this page")
    title = (doc.title or "").strip()
    text = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip())
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    day = htmldate.find_date(data, extensive_search=False, original_date=True,
                             min_date="1900-01-01", max_date="2100-12-31")
    return {"doc_id": path.stem, "file": path.name, "title": title, "outlet": (doc.sitename or "").strip(),
            "author": (doc.author or "").strip(), "source_url": (doc.url or "").strip(),
            "published": day or "", "_published_from": _html_date_evidence(html, day) if day else "",
            "text_raw": check_text(text, path.name)}


def _plain_folder(folder: Path, strict: bool = False) -> pd.DataFrame:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt",) + HTML_SUFFIXES)
    if not files:
        raise CorpusError(f"{folder}: no .txt or .html articles and no metadata.csv")
    rows = []
    for path in files:
        if path.suffix.lower() in HTML_SUFFIXES:
            row = read_html_article(path)
        else:
            row = {"doc_id": path.stem, "file": path.name, "text_raw": read_article(path)}
        rows.append({**row, "sha256": sha256_of(path)})
    meta = pd.DataFrame(rows).fillna("")
    if "_published_from" not in meta:
        meta["_published_from"] = ""
    return _fill_inferred(meta, str(folder), strict)


EXPORT_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
# Column names that exports commonly use for what the corpus calls text, title, outlet, author
# and source_url; the first one found is used unless the user maps the column (`columns`).
COMMON_COLUMNS = {
    "text": ("text", "body", "content", "article", "full_text", "article_text", "maintext", "story"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "media_name", "source", "publisher", "site_name", "sitename", "media", "domain"),
    "author": ("author", "authors", "byline"),
    "source_url": ("source_url", "url", "link"),
}


def parse_column_map(columns) -> dict[str, str]:
    """`text=body,published=publish_date` (or a dict) as {corpus column: export column}."""
    if not columns:
        return {}
    if isinstance(columns, dict):
        return {str(k).strip(): str(v).strip() for k, v in columns.items()}
    pairs = {}
    for item in str(columns).split(","):
        ours, sep, theirs = item.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise CorpusError(f"column map {columns!r}: write it as ours=theirs pairs, e.g. "
                              "text=body,published=publish_date")
        pairs[ours.strip()] = theirs.strip()
    return pairs


def export_reader(path: Path, rows: int | None = None):
    """The export read whole (`rows` None: one table), or lazily as tables of at most `rows`
    rows each (the partitions of analysis.tables); CSV and JSON cells stay strings."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", skip_blank_lines=False,
                           chunksize=rows)
    if suffix == ".parquet":
        if rows is None:
            return pd.read_parquet(path)
        import pyarrow.parquet as pq

        return (batch.to_pandas() for batch in pq.ParquetFile(path).iter_batches(batch_size=rows))
    return pd.read_json(path, lines=True, dtype=False, encoding="utf-8", chunksize=rows)


def _read_export(path: Path) -> pd.DataFrame:
    """The export as a table of strings, or a CorpusError naming the file and what is wrong."""
    suffix = path.suffix.lower()
    kind = {".csv": "CSV", ".jsonl": "JSON Lines", ".json": "JSON Lines", ".parquet": "Parquet"}[suffix]
    if path.stat().st_size == 0:
        raise CorpusError(f"{path.name}: the export is empty (0 bytes)")
    try:
        table = export_reader(path)
    except (UnicodeDecodeError, ValueError, OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise CorpusError(f"{path.name}: cannot be read as {kind}, as its name says ({reason[:200]})") from None
    except ImportError as err:
        raise CorpusError(f"{path.name}: reading {kind} needs a package that is not installed ({err})") from None
    if table.empty:
        raise CorpusError(f"{path.name}: the export has no rows")
    return table


def _name_columns(table: pd.DataFrame, mapping: dict[str, str], name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename the export's columns to the corpus's names: the user's mapping first, then the
    common names; returns the table and what was used ({corpus column: export column})."""
    missing = {ours: theirs for ours, theirs in mapping.items() if theirs not in table.columns}
    if missing:
        raise CorpusError(f"{name}: the column map names {sorted(missing.values())}, which the export "
                          f"does not have (its columns: {list(table.columns)})")
    used = dict(mapping)
    for ours, candidates in COMMON_COLUMNS.items():
        if ours not in used:
            found = next((c for c in candidates if c in table.columns), None)
            if found:
                used[ours] = found
    if "text" not in used:
        raise CorpusError(f"{name}: no article text column (looked for {', '.join(COMMON_COLUMNS['text'])}; "
                          f"the export has {list(table.columns)}); name it with --columns text=YOURCOLUMN")
    taken = {theirs: ours for ours, theirs in used.items()}
    clashes = [ours for ours in used if ours in table.columns and taken.get(ours) != ours]
    table = table.drop(columns=clashes).rename(columns=taken)
    return table, used


def _table_file(path: Path, strict: bool = False, columns=None) -> pd.DataFrame:
    """A CSV, JSON Lines or Parquet export: one article per row, a text column (found by
    name, or named by `columns`) and any metadata columns. A row that cannot be an article
    (empty text, an HTML page, too large) is set aside with its row number."""
    return _export_rows(_read_export(path), path, 1, strict, columns)


def _export_rows(table: pd.DataFrame, path: Path, first_row: int, strict: bool, columns) -> pd.DataFrame:
    """_table_file on rows already read: the export's rows first_row, first_row + 1, ... (one
    partition of a large export, in analysis.tables). Without a usable doc_id column, each
    article is named after the export and its row number, so partitions never clash."""
    table, used = _name_columns(table, parse_column_map(columns), path.name)
    table = table.astype(object).where(table.notna(), "").astype(str)
    rows = [f"{path.name} row {first_row + i}" for i in range(len(table))]
    if "doc_id" not in table or (table["doc_id"] == "").any() or table["doc_id"].duplicated().any():
        table["doc_id"] = [f"{path.stem}-{first_row + i:05d}" for i in range(len(table))]
    table["file"] = rows
    set_aside, keep = [], []
    for i, (text, row) in enumerate(zip(table.pop("text"), rows)):
        try:
            table.loc[table.index[i], "text_raw"] = check_text(text, row)
            keep.append(table.index[i])
        except CorpusError as err:
            set_aside.append(guard_set_aside(row, "reading", str(err).split(": ", 1)[-1], strict))
    if not keep:
        raise CorpusError(f"{path.name}: no row holds article text ({len(set_aside)} set aside)")
    table = table.loc[keep]
    table["sha256"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in table["text_raw"]]
    meta = _fill_inferred(table, path.name, strict)
    meta.attrs["set_aside"] = set_aside + meta.attrs.get("set_aside", [])
    meta.attrs["columns"] = used
    return meta


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


def read_corpus(source=None, dates=None, strict: bool = False, columns=None) -> pd.DataFrame:
    """The raw articles with their metadata and dates, not yet cleaned (see load_corpus)."""
    source = Path(source) if source is not None else SEEDS_DIR
    if source.is_file() and source.suffix.lower() in EXPORT_SUFFIXES:
        meta = _table_file(source, strict, columns)
    elif source.is_dir():
        if columns:
            raise CorpusError(f"{source}: a column map applies to an export file, not to a folder")
        meta = _curated_folder(source) if (source / "metadata.csv").exists() else _plain_folder(source, strict)
    elif source.is_file():
        raise CorpusError(f"{source.name}: not a corpus: give a folder of .txt or .html/.htm files, or one "
                          f"{', '.join(EXPORT_SUFFIXES)} export")
    else:
        raise CorpusError(f"{source}: no such corpus folder or export file")
    return _with_eras(meta, dates, source)


def _with_eras(meta: pd.DataFrame, dates, source: Path) -> pd.DataFrame:
    """Dates corrected from a review sheet, inferred dates named, and every article's era."""
    set_aside = meta.attrs.get("set_aside", [])
    if dates is not None:
        from .dates_review import apply_date_corrections
        meta = apply_date_corrections(meta, dates)
    _warn_inferred(meta, source.name if source.is_file() else str(source))
    meta["era"] = era_of_interval(meta["event_date"], meta["event_end"])
    meta.attrs["set_aside"] = set_aside
    meta.attrs["curated"] = source.is_dir() and (source / "metadata.csv").exists()
    return meta


def load_corpus(seeds_dir=None, dates=None, strict: bool = False, columns=None) -> pd.DataFrame:
    """One row per article, sorted by event date: metadata, era, dates, text_raw, clean text,
    n_words and language.

    `seeds_dir` is a folder laid out like seeds/ (the .txt files and metadata.csv), a folder of
    .txt or saved .html/.htm pages without metadata, or one .csv/.jsonl/.parquet export whose
    text column is found by name or named in `columns` ("text=body,published=publish_date").
    Articles without curated dates are dated by `analysis.text.dating` (a supplied column
    such as `published` first, then page stamps and the lead), marked `dates_inferred`, with a
    warning. Every row carries event_date (first day), event_end, event_precision ('day',
    'month', 'year' or '' when undated), date_source, date_evidence and the era its whole
    interval falls in. `dates` is a filled review sheet (analysis.dates_review) whose
    `corrected_event_date` entries replace the inferred dates, marked date_source='researcher'.

    Nothing is dropped silently. An article that cannot be read, dated or cleaned, or that has
    no words after cleaning, is set aside with a warning naming it (or, if `strict`, stops
    loading; a curated folder is always strict). Near-duplicates (reposted wire copy) in an
    export or plain folder are kept once. Articles not in English stay, flagged by `english`.
    `.attrs['intake']` counts and lists all of it: read, kept, set_aside, duplicates,
    not_english.
    """
    return _cleaned(read_corpus(seeds_dir, dates, strict, columns), strict)


def load_part(table: pd.DataFrame, path: str | Path, first_row: int = 1, strict: bool = False,
              columns=None) -> pd.DataFrame:
    """load_corpus on one partition of a large export already read into `table`: its rows are
    rows first_row, first_row + 1, ... of the export at `path` (named in doc_ids and
    set-aside records). Near-duplicates are found within the partition only."""
    path = Path(Path(path).name)          # named, never located: a worker may not see the file
    return _cleaned(_with_eras(_export_rows(table, path, first_row, strict, columns), None, path), strict)


def _cleaned(meta: pd.DataFrame, strict: bool) -> pd.DataFrame:
    """The read and dated articles cleaned, checked for empty text, duplicates and language."""
    curated = meta.attrs.get("curated", False)
    set_aside = list(meta.attrs.get("set_aside", []))
    read = len(meta) + len(set_aside)
    cleaned = map_in_order(partial(attempt, clean_text), list(meta["text_raw"]))
    failed = [i for i, c in enumerate(cleaned) if isinstance(c, Exception)]
    meta["text"] = ["" if isinstance(c, Exception) else c for c in cleaned]
    meta["n_words"] = [count_words(t) for t in meta["text"]]
    empty = [i for i in range(len(meta)) if i not in failed and meta["n_words"].iloc[i] == 0]
    for i in failed + empty:
        name = meta["file"].iloc[i]
        why = "0 words after cleaning" if i in empty else cleaned[i]
        set_aside.append(guard_set_aside(name, "cleaning", why, strict or curated))
    meta = meta.drop(index=meta.index[failed + empty])
    duplicates = pd.DataFrame(columns=["doc_id", "file", "kept", "similarity"])
    if curated:
        check_duplicates(meta)
    else:
        duplicates = duplicate_table(meta)
        if len(duplicates):
            meta = meta[~meta["doc_id"].isin(duplicates["doc_id"])]
            _warn_named(f"{len(duplicates)} near-duplicate article(s) kept once: "
                        + "; ".join(f"{r.file} repeats {r.kept}" for r in duplicates.head(5).itertuples())
                        + (" ..." if len(duplicates) > 5 else ""))
    shares = [english_share(t) for t in meta["text"]]       # None: too short to judge
    meta["english_share"] = pd.array(shares, dtype="Float64")
    meta["english"] = [share is None or share >= ENGLISH_SHARE for share in shares]
    not_english = list(meta.loc[~meta["english"], "doc_id"])
    if not_english:
        _warn_named(f"{len(not_english)} article(s) not in English, left out of tone, themes and figures: "
                    + ", ".join(not_english[:5]) + (" ..." if len(not_english) > 5 else ""))
    meta = meta.sort_values(["event_date", "doc_id"], kind="stable", na_position="last").reset_index(drop=True)
    first = ["doc_id", "event_date", "era", "outlet", "title"]
    meta = meta[first + [c for c in meta.columns if c not in first]]
    meta.attrs["set_aside"] = set_aside
    meta.attrs["intake"] = {"read": read, "kept": len(meta), "set_aside": set_aside,
                            "duplicates": duplicates.to_dict("records"), "not_english": not_english}
    return meta

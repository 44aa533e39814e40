"""The review loop: a researcher checks every article's date in a spreadsheet, and the
corrections come back as curated dates.

    python3 make.py dates --corpus PATH --out dates.csv     (or: python -m analysis.dates_review ...)

writes one row per article: the dates inferred, their precision, source and the quoted
evidence, and an empty `corrected_event_date` column. The researcher fills in what is wrong or
missing (a day `2024-08-19`, a month `2024-08`, a year `2024`, an interval
`2024-08-19/2024-08-25`, or `undated`), copies a date they checked into it to confirm it, and
passes the file back: `load_corpus(PATH, dates="dates.csv")`. Those rows then carry
date_source 'researcher' and the note, and everything else keeps its inferred date.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, CorpusWarning, parse_supplied_date, read_corpus
from .text.dating import precision_of

SHEET_COLUMNS = ["doc_id", "file", "title", "event_date", "event_end", "event_precision", "era",
                 "published", "date_source", "date_evidence", "corrected_event_date",
                 "corrected_published", "note"]
UNDATED = {"undated", "none", "unknown"}


def date_sheet(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article, in the corpus's order, ready for a researcher to check."""
    sheet = pd.DataFrame(index=corpus.index)
    for column in SHEET_COLUMNS:
        values = corpus[column] if column in corpus else ""
        sheet[column] = values
    for column in ("event_date", "event_end"):
        sheet[column] = pd.to_datetime(corpus[column]).dt.strftime("%Y-%m-%d").fillna("")
    sheet["era"] = corpus["era"].astype("object").where(corpus["era"].notna(), "")
    for column in ("corrected_event_date", "corrected_published", "note"):
        sheet[column] = ""
    return sheet.fillna("").reset_index(drop=True)


def write_date_sheet(corpus_path, out_csv) -> pd.DataFrame:
    """Read (without cleaning) and date the corpus at `corpus_path`; write the review sheet."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)       # the sheet itself lists every case
        corpus = read_corpus(corpus_path)
    order = corpus.sort_values(["event_date", "doc_id"], kind="stable", na_position="first").index
    sheet = date_sheet(corpus.loc[order])
    sheet.to_csv(out_csv, index=False)
    return sheet


def read_date_sheet(path) -> pd.DataFrame:
    """A filled review sheet: needs doc_id and corrected_event_date columns."""
    path = Path(path)
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise CorpusError(f"{path.name}: cannot read the date sheet ({err})") from None
    missing = [c for c in ("doc_id", "corrected_event_date") if c not in sheet]
    if missing:
        raise CorpusError(f"{path.name}: the date sheet needs columns {missing}")
    duplicated = sheet.loc[sheet["doc_id"].duplicated(), "doc_id"]
    if len(duplicated):
        raise CorpusError(f"{path.name}: more than one row for {sorted(set(duplicated))}")
    return sheet


def apply_date_corrections(meta: pd.DataFrame, sheet_path) -> pd.DataFrame:
    """The corpus with the sheet's corrected dates applied, marked as the researcher's.

    A filled `corrected_event_date` replaces event_date/event_end/event_precision and sets
    date_source 'researcher', dates_inferred False and date_evidence to the note (the
    inferred evidence is kept after it); `corrected_published` likewise replaces the
    publication dates. Rows for unknown articles are named in a warning; a date that cannot
    be read is an error naming the article.
    """
    name = Path(sheet_path).name
    sheet = read_date_sheet(sheet_path)
    meta = meta.copy()
    position = {doc: i for i, doc in enumerate(meta["doc_id"])}
    unknown = [d for d in sheet["doc_id"] if d not in position]
    if unknown:
        warnings.warn(f"{name}: rows for articles not in this corpus were ignored: {unknown[:10]}",
                      CorpusWarning, stacklevel=3)
    for row in sheet.itertuples():
        if row.doc_id not in position:
            continue
        event_text = row.corrected_event_date.strip()
        published_text = getattr(row, "corrected_published", "").strip()
        if not event_text and not published_text:
            continue
        index = meta.index[position[row.doc_id]]
        label = f"{name} {row.doc_id}"
        note = getattr(row, "note", "").strip()
        before = meta.at[index, "date_evidence"]
        if event_text:
            if event_text.lower() in UNDATED:
                first = last = None
            else:
                first, last = parse_supplied_date(event_text, "corrected_event_date", label)
            meta.at[index, "event_date"] = pd.Timestamp(first) if first else pd.NaT
            meta.at[index, "event_end"] = pd.Timestamp(last) if last else pd.NaT
            meta.at[index, "event_precision"] = precision_of(first, last)
        if published_text:
            first, last = parse_supplied_date(published_text, "corrected_published", label)
            meta.at[index, "published_start"], meta.at[index, "published_end"] = pd.Timestamp(first), pd.Timestamp(last)
            meta.at[index, "published"] = first.isoformat() if first == last else f"{first}/{last}"
        meta.at[index, "date_source"] = "researcher"
        meta.at[index, "dates_inferred"] = False
        meta.at[index, "date_evidence"] = (f"corrected by the researcher ({name})" + (f": {note}" if note else "")
                                           + f" [before: {before}]")
    return meta


def main(argv: list[str] | None = None) -> int:
    """`--corpus PATH --out dates.csv`: write the review sheet for a corpus."""
    parser = argparse.ArgumentParser(prog="python3 make.py dates", description="Write a date review sheet, one row per article.")
    parser.add_argument("--corpus", default=None, help="corpus folder or .csv/.jsonl export (default: seeds/)")
    parser.add_argument("--out", required=True, help="the CSV sheet to write")
    args = parser.parse_args(argv)
    try:
        sheet = write_date_sheet(args.corpus, args.out)
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    counts = sheet["event_precision"].replace("", "undated").value_counts()
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("day", "month", "year", "undated"))
    print(f"wrote {len(sheet)} articles to {args.out} ({summary}); fill corrected_event_date and pass "
          "the file back with --dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The tables of a large corpus, partition by partition, on Dask (`python3 make.py tables`).

    python3 make.py tables --corpus export.jsonl --out DIR                 # this machine's cores
    python3 make.py tables --corpus export.jsonl --out DIR --scheduler tcp://host:8786

A CSV, JSON Lines or Parquet export is read in partitions of `rows` articles, never whole
(CSV and JSON Lines in chunks, Parquet batch by batch), and each partition runs on a Dask
cluster: a local one with a worker process per core by default, or any cluster given its
scheduler address (dask-jobqueue on HPC, Kubernetes, ...; see the README). Each partition is
loaded exactly as `load_corpus` loads an export (read, dated, cleaned, every article under the
guard of analysis.guard), split into sentences, scored, themed, and its figures read. It
writes its part of each table as Parquet:

    articles/     one row per article: metadata, dates, era, words, sentences, edits by rule
    sentences/    one row per sentence: tone columns, words, theme hits (a column per theme), targets
    figures/      every figure with its article (analysis.quantities.quantity_table)
    terms/        document-term counts (doc_id, stem, count): what topics and keyness count
    set_aside/    every article set aside, with its step and error
    warnings/     every warning the partition raised (unreadable figures, inferred dates ...)

Each part is written under a temporary name and renamed when whole, so a worker killed
mid-run leaves nothing half-written: Dask runs the partition again elsewhere, and the tables
are the same. They are also the same, row for row, whether computed in this process
(`scheduler="sync"`) or on a cluster (tests/test_tables.py). Near-duplicates are found within
a partition only.
"""

from __future__ import annotations

import argparse
import os
import warnings
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, EXPORT_SUFFIXES, export_reader, load_part
from .distinctive import stem_count_table
from .guard import set_aside_table
from .parallel import release_text_caches
from .quantities import quantity_table
from .study import english_only
from .text.cleaning import cleaning_report
from .text.segment import sentences
from .themes import load_themes, theme_order, theme_shares
from .tone import label_targets, score_units

TABLES = ("articles", "sentences", "figures", "terms", "set_aside", "warnings")
ROWS = 1000          # articles per partition
IN_FLIGHT = 2        # partitions per worker submitted ahead: the driver never holds the export
SHOWN = 10           # set-aside articles and warnings printed by make.py tables (all are in the tables)


def partitions(path: Path, rows: int = ROWS):
    """(first_row, table) for each partition of the export, read lazily."""
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise CorpusError(f"{path.name}: make.py tables reads one {', '.join(EXPORT_SUFFIXES)} export; "
                          "for a folder of files, use make.py build --corpus")
    first = 1
    for table in export_reader(path, rows):
        yield first, table
        first += len(table)


def part_tables(table: pd.DataFrame, name: str, first_row: int = 1, strict: bool = False,
                columns=None) -> dict[str, pd.DataFrame]:
    """Every table for one partition (rows first_row, ... of the export `name`)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            corpus = load_part(table, name, first_row, strict, columns)
        except CorpusError as err:            # no row of the partition is an article
            if strict:
                raise
            corpus = None
            failed = pd.DataFrame([{"file": f"{name} rows {first_row}-{first_row + len(table) - 1}",
                                    "step": "reading", "error": str(err)}])
        if corpus is not None:
            out = corpus_tables(corpus)          # already plain
        else:
            out = {t: pd.DataFrame() for t in TABLES}
            out["set_aside"] = _plain(failed)
    out["warnings"] = _plain(pd.DataFrame({"category": [w.category.__name__ for w in caught],
                                           "message": [str(w.message) for w in caught]}))
    return out


def corpus_tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables of a loaded corpus (articles, sentences, figures, terms, set_aside), as
    make.py tables writes them for each partition; set_aside holds the articles set aside at
    loading (`corpus.attrs`) and at every later step."""
    out = _tables(corpus)
    loading = pd.DataFrame(corpus.attrs.get("set_aside", []), columns=["file", "step", "error"])
    out["set_aside"] = pd.concat([loading, out["set_aside"]], ignore_index=True)
    return {kind: _plain(frame) for kind, frame in out.items()}


def later_steps(corpus: pd.DataFrame, units: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Every per-article step after loading, run once on the articles the English lexicons
    read: their sentences (`units`, if already split), tone scores, theme shares and figures.
    Each table carries the articles its step set aside (analysis.guard)."""
    english = english_only(corpus)
    units = sentences(english) if units is None else units[units["doc_id"].isin(english["doc_id"])]
    return {"units": units, "scored": score_units(units), "shares": theme_shares(units),
            "figures": quantity_table(english)}


def _tables(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    steps = later_steps(corpus)
    units, scored, shares = steps["units"], steps["scored"], steps["shares"]
    themes = theme_order(load_themes())
    hits = (shares.pivot_table(index=["doc_id", "position"], columns="theme", values="hits",
                               aggfunc="sum", observed=False)
            .reindex(columns=themes, fill_value=0).add_prefix("theme: ").reset_index())
    targets = label_targets(units)
    targets = (targets[targets["target"].astype(str) != "no target"]
               .groupby(["doc_id", "position"])["target"].agg(lambda t: "; ".join(map(str, t)))
               .rename("targets").reset_index())
    n_words = shares.drop_duplicates(["doc_id", "position"])[["doc_id", "position", "n_words"]]
    per_sentence = (scored.drop(columns=["era"]).merge(n_words, on=["doc_id", "position"], how="left")
                    .merge(hits, on=["doc_id", "position"], how="left")
                    .merge(targets, on=["doc_id", "position"], how="left"))
    per_sentence["targets"] = per_sentence["targets"].fillna("")
    per_sentence.insert(2, "era", scored["era"].astype(str).where(scored["era"].notna(), ""))
    figures = steps["figures"]
    terms = stem_count_table(units)
    edits = cleaning_report(corpus)
    by_rule = (edits.groupby(["doc_id", "rule"]).size().unstack(fill_value=0).add_prefix("edits: ")
               if len(edits) else pd.DataFrame(index=pd.Index([], name="doc_id")))
    articles = corpus.drop(columns=["text_raw", "text"]).merge(
        units.groupby("doc_id").size().rename("n_sentences"), left_on="doc_id", right_index=True, how="left")
    articles = articles.merge(by_rule, left_on="doc_id", right_index=True, how="left")
    articles = articles.fillna({c: 0 for c in articles.columns if c.startswith("edits: ") or c == "n_sentences"})
    later = set_aside_table(units, scored, shares, figures)
    return {"articles": articles, "sentences": per_sentence, "figures": figures, "terms": terms,
            "set_aside": later}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as strings, object columns of mixed types as strings, and a fresh index:
    parts written by any worker read back as one table."""
    frame = frame.reset_index(drop=True).copy()
    frame.attrs = {}
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(str).where(frame[column].notna(), "")
        elif frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
    return frame


def write_part(index: int, table: pd.DataFrame, name: str, first_row: int, out: str,
               strict: bool = False, columns=None) -> dict[str, int]:
    """Compute one partition's tables and write them as Parquet parts; returns row counts.
    A part appears under its final name only when it is whole."""
    tables = part_tables(table, name, first_row, strict, columns)
    release_text_caches()                 # a worker's memory follows the partition, not the corpus
    counts = {}
    for kind, frame in tables.items():
        folder = Path(out) / kind
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{index:05d}.parquet"
        partial = folder / f".part-{index:05d}.{os.getpid()}.tmp"
        frame.to_parquet(partial, index=False)
        os.replace(partial, final)
        counts[kind] = len(frame)
    return counts


def build_tables(corpus: str | Path, out: str | Path, scheduler: str | None = None, rows: int = ROWS,
                 strict: bool = False, columns=None, workers: int | None = None, task=write_part) -> pd.DataFrame:
    """Write every table of `corpus` under `out` (see the module's docstring): `scheduler`
    None for a local cluster of `workers` processes (default: this machine's cores), "sync"
    to run in this process, or a Dask scheduler address. `task` is the function run per
    partition (write_part; the tests pass one whose worker dies once). Returns one row per
    partition with its row counts."""
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if scheduler == "sync":
        results = [task(i, table, corpus.name, first, str(out), strict, columns)
                   for i, (first, table) in enumerate(partitions(corpus, rows))]
    else:
        results = _on_cluster(corpus, out, scheduler, rows, strict, columns, workers, task)
    summary = pd.DataFrame(results)
    summary.index.name = "partition"
    return summary


def _on_cluster(corpus: Path, out: Path, scheduler, rows, strict, columns, workers, task) -> list[dict]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or max(1, min(os.cpu_count() or 1, 8)), threads_per_worker=1,
                               processes=True, dashboard_address=None)
    client = Client(cluster if cluster is not None else scheduler)
    try:
        return _submit_all(client, corpus, out, rows, strict, columns, task)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _submit_all(client, corpus: Path, out: Path, rows, strict, columns, task) -> list[dict]:
    """Submit every partition to the cluster, at most IN_FLIGHT per worker at a time (the
    driver reads the next partition only when one is done), and gather the row counts."""
    from dask.distributed import as_completed

    limit = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
    futures, results = {}, {}
    pending = as_completed()
    for i, (first, table) in enumerate(partitions(corpus, rows)):
        future = client.submit(task, i, table, corpus.name, first, str(out), strict, columns,
                               key=f"tables-part-{i:05d}-{corpus.name}", pure=False)
        futures[future.key] = i
        pending.add(future)
        while pending.count() >= limit:
            done = next(pending)
            results[futures[done.key]] = done.result()
    for done in pending:
        results[futures[done.key]] = done.result()
    return [results[i] for i in sorted(results)]


def table_parts(out: str | Path, kind: str, columns: list[str] | None = None):
    """One table's parts from a `make.py tables` folder, one DataFrame at a time in partition
    order (`columns`: only these, where a part has them): a table larger than memory can be
    aggregated part by part. Parts without columns (a partition that held no article) are
    skipped."""
    if kind not in TABLES:
        raise ValueError(f"unknown table {kind!r}; one of {', '.join(TABLES)}")
    folder = Path(out) / kind
    if not folder.is_dir():
        raise CorpusError(f"{Path(out).name}: no {kind}/ folder; is it a folder written by make.py tables?")
    for path in sorted(folder.glob("part-*.parquet")):
        if columns is None:
            frame = pd.read_parquet(path)
        else:
            import pyarrow.parquet as pq
            present = set(pq.read_schema(path).names)
            frame = pd.read_parquet(path, columns=[c for c in columns if c in present])
        if len(frame.columns):
            yield frame


def read_table(out: str | Path, kind: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table (all its parts, in partition order) from a `make.py tables` folder."""
    frames = list(table_parts(out, kind, columns))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def main(argv: list[str] | None = None) -> int:
    """tables: write a large export's tables as Parquet, partition by partition, on Dask."""
    parser = argparse.ArgumentParser(prog="make.py tables", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="one .csv, .jsonl or .parquet export")
    parser.add_argument("--out", required=True, help="the folder the tables go to")
    parser.add_argument("--scheduler", help="a Dask scheduler address (default: a local cluster of this "
                                            "machine's cores; 'sync' runs in this process)")
    parser.add_argument("--workers", type=int, help="worker processes of the local cluster (default: cores)")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"articles per partition ({ROWS})")
    parser.add_argument("--columns", help="column mapping for the export, e.g. text=body,published=date")
    parser.add_argument("--strict", action="store_true", help="stop at the first article that fails a step")
    args = parser.parse_args(argv)
    summary = build_tables(args.corpus, args.out, args.scheduler, args.rows, args.strict, args.columns,
                           args.workers)
    print(summary.to_string())
    totals = summary.sum()
    print(f"{len(summary)} partition(s): {totals.get('articles', 0):,} articles, {totals.get('sentences', 0):,} "
          f"sentences, {totals.get('figures', 0):,} figures, {totals.get('set_aside', 0):,} set aside, "
          f"{totals.get('warnings', 0):,} warnings; tables in {args.out} (read one with "
          "analysis.tables.read_table(OUT, 'sentences'))")
    for kind, label in (("set_aside", "set aside"), ("warnings", "warning")):
        table = read_table(args.out, kind)
        for row in table.head(SHOWN).itertuples(index=False):
            print(f"{label}: " + (f"{row.file} at {row.step} ({row.error})" if kind == "set_aside" else row.message))
        if len(table) > SHOWN:
            print(f"... {len(table) - SHOWN:,} more in {kind}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

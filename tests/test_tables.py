"""make.py tables (issue 20): a large export's tables, partition by partition, on Dask. The
tables from this process and from a LocalCluster of two worker processes are identical row for
row; a worker killed mid-run still leaves complete, identical tables; every article and every
set-aside one is accounted for; the per-article guard holds on a worker."""

import json
import os
import sys
from pathlib import Path

import cloudpickle
import pandas as pd
import pytest

from analysis import tables
from analysis.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import honest_corpus  # noqa: E402

N = 200
ROWS = 50


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """200 look-alike articles (seed sentences with a quarter of their words swapped and every
    number redrawn), plus one row that cannot be an article."""
    path = tmp_path_factory.mktemp("export") / "corpus.jsonl"
    rows = list(honest_corpus.articles(N))
    rows[120]["text"] = "   "
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def in_process(export, tmp_path_factory):
    out = tmp_path_factory.mktemp("sync")
    summary = tables.build_tables(export, out, scheduler="sync", rows=ROWS)
    return out, summary


def read_all(out):
    return {kind: tables.read_table(out, kind) for kind in tables.TABLES}


def test_every_article_is_in_the_tables_or_set_aside_by_name(export, in_process):
    out, summary = in_process
    got = read_all(out)
    assert len(summary) == N // ROWS
    aside = got["set_aside"]
    assert list(aside["file"]) == ["corpus.jsonl row 121"] and list(aside["step"]) == ["reading"]
    duplicates = sum(1 for r in honest_corpus.articles(N) if r.get("duplicate_of"))
    assert len(got["articles"]) + len(aside) <= N and len(got["articles"]) >= N - 1 - duplicates
    assert got["articles"]["doc_id"].is_unique
    assert set(got["sentences"]["doc_id"]) <= set(got["articles"]["doc_id"])
    assert set(got["figures"]["doc_id"]) <= set(got["articles"]["doc_id"])
    sentences = got["sentences"]
    assert {"tone", "vader", "polarity", "targets"} <= set(sentences.columns)
    assert any(c.startswith("theme: ") for c in sentences.columns)
    assert sentences["tone"].between(-1, 1).all()
    # a sentence's own text holds the terms the themes table counted for it
    hit = sentences[sentences["theme: energy & pipelines"] > 0].iloc[0]
    assert any(w in hit["text"].lower() for w in ("oil", "gas", "pipeline", "energy", "fuel"))
    terms = got["terms"]
    assert (terms["count"] > 0).all() and set(terms["doc_id"]) <= set(got["articles"]["doc_id"])


def test_a_local_cluster_of_two_workers_gives_the_same_tables(export, in_process, tmp_path):
    out, _ = in_process
    tables.build_tables(export, tmp_path, rows=ROWS, workers=2)
    expected, got = read_all(out), read_all(tmp_path)
    for kind in tables.TABLES:
        pd.testing.assert_frame_equal(got[kind], expected[kind], obj=kind)


def dies_once(index, table, name, first_row, out, strict=False, columns=None):
    """write_part, except that the worker computing partition 1 dies the first time."""
    marker = Path(out) / "killed-once"
    if index == 1 and not marker.exists():
        marker.touch()
        os._exit(1)
    return tables.write_part(index, table, name, first_row, out, strict, columns)


def test_a_worker_killed_mid_run_still_leaves_complete_identical_tables(export, in_process, tmp_path):
    cloudpickle.register_pickle_by_value(sys.modules[__name__])    # workers cannot import tests/
    try:
        tables.build_tables(export, tmp_path, rows=ROWS, workers=2, task=dies_once)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert (tmp_path / "killed-once").exists()                        # a worker did die
    assert not list(tmp_path.rglob("*.tmp"))                          # and left nothing half-written
    expected, got = read_all(in_process[0]), read_all(tmp_path)
    for kind in tables.TABLES:
        pd.testing.assert_frame_equal(got[kind], expected[kind], obj=kind)


def test_only_an_export_is_partitioned(tmp_path):
    with pytest.raises(tables.CorpusError, match="make.py tables reads one"):
        list(tables.partitions(tmp_path))
    with pytest.raises(ValueError, match="unknown table"):
        tables.read_table(tmp_path, "paragraphs")


def test_a_worker_can_release_its_text_caches_between_partitions(corpus):
    from analysis.parallel import release_text_caches
    from analysis.text import cleaning, wordbreaks

    strategia = corpus.set_index("doc_id").loc["strategianews-2024", "text_raw"]
    cleaning.clean_text(strategia)                       # the damaged seed fills the repair caches
    assert wordbreaks.web_model().logp.cache_info().currsize > 0
    assert release_text_caches() >= 5
    assert wordbreaks.web_model().logp.cache_info().currsize == 0
    assert cleaning._clean.cache_info().currsize == 0
    assert cleaning.clean_text(strategia) == corpus.set_index("doc_id").loc["strategianews-2024", "text"]


def test_make_py_build_takes_tables_for_notebook_04_only(tmp_path):
    sys.path.insert(0, str(PROJECT_ROOT / "tools"))
    import tasks

    args = tasks.parser().parse_args(["build", "--tables", str(tmp_path), "--out", str(tmp_path / "run")])
    out, values = tasks.corpus_run(args)
    assert out == (tmp_path / "run").resolve() and values["TABLES"] == str(tmp_path.resolve())
    assert "CORPUS" not in values
    args = tasks.parser().parse_args(["build", "01", "--tables", str(tmp_path), "--out", str(tmp_path / "run")])
    with pytest.raises(SystemExit, match="notebook 04 only"):
        tasks.corpus_run(args)
    args = tasks.parser().parse_args(["build", "--tables", str(tmp_path)])
    with pytest.raises(SystemExit, match="need --out"):
        tasks.corpus_run(args)


GIGABYTE = os.environ.get("TABLES_GIGABYTE_TEST") == "1"


@pytest.mark.skipif(not GIGABYTE, reason="a 1 GB export takes about 80 minutes on two cores; "
                                         "run with TABLES_GIGABYTE_TEST=1 (the README gives the last measured run)")
def test_a_gigabyte_export_stays_within_two_gigabytes(tmp_path):
    import tables_scale

    run = tables_scale.measure("--mb 1000", 500, tmp_path)
    assert run["mb"] >= 1000 and run["articles"] > 300_000
    # every process of the run at its own peak, added: the driver, the workers (and nannies)
    assert run["total_mb"] <= tables_scale.TARGET_MB

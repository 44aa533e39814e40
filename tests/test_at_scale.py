"""Notebook 04 (at scale) aggregates the tables of make.py tables with the methods of notebooks
01 and 02: on the seeds its era comparisons are exactly theirs, and tables read back from a
folder give what the same tables computed in memory give."""

import json
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import tables
from analysis.config import PROJECT_ROOT
from analysis.themes import theme_era_intervals, theme_shares, theme_totals
from analysis.views import at_scale
from analysis.views import tone_over_time

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import honest_corpus  # noqa: E402


@pytest.fixture(scope="module")
def seed_tables(corpus):
    return tables.corpus_tables(corpus)


def test_tone_by_era_is_notebook_01s(corpus, seed_tables):
    articles = at_scale.article_tone(seed_tables["sentences"])
    ours = at_scale.tone_by_era(articles)
    theirs = tone_over_time.tone_overview(corpus)["eras"]
    assert list(ours["era"].astype(str)) == list(theirs["era"].astype(str))
    for column in ("n_articles", "mean", "low", "high", "note"):
        assert ours[column].tolist() == pytest.approx(theirs[column].tolist(), nan_ok=True) \
            if column != "note" else ours[column].tolist() == theirs[column].tolist()
    # read by hand from the seeds: 1, 1 and 3 articles; the 2024 interval spans its articles
    assert ours["n_articles"].tolist() == [1, 1, 3]


def test_theme_shares_are_notebook_02s(corpus, seed_tables):
    units = at_scale.theme_units(seed_tables["sentences"])
    ours = at_scale.theme_shares_by_era(units).set_index(["era", "theme"])
    direct = theme_shares(analysis.sentences(corpus))
    totals = theme_totals(direct, "era").set_index(["era", "theme"])
    intervals = theme_era_intervals(direct, "era").set_index(["era", "theme"])
    index = [(str(e), str(t)) for e, t in totals.index]
    assert [(str(e), str(t)) for e, t in ours.index] == index
    assert ours["hits"].tolist() == totals["hits"].tolist()
    assert np.allclose(ours["share"], totals["share"], equal_nan=True)
    assert np.allclose(ours["share_low"], intervals["share_low"], equal_nan=True)
    assert np.allclose(ours["share_high"], intervals["share_high"], equal_nan=True)


def test_tables_read_from_a_folder_give_the_in_memory_answer(tmp_path):
    export = tmp_path / "corpus.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in honest_corpus.articles(40)), encoding="utf-8")
    tables.build_tables(export, tmp_path / "tables", scheduler="sync", rows=40)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        in_memory = at_scale.open_tables(None, export)
    from_folder = at_scale.open_tables(tmp_path / "tables")
    assert not analysis.is_seed_corpus()             # tables are never taken for the seeds
    # row 27 reposts row 2 (the generator's wire copy): kept once within a partition ...
    assert len(from_folder["articles"]) == len(in_memory["articles"]) == 39
    # ... but counted twice when the two rows fall in different partitions (the README says so)
    tables.build_tables(export, tmp_path / "split", scheduler="sync", rows=15)
    assert len(tables.read_table(tmp_path / "split", "articles")) == 40
    for read in (in_memory, from_folder):
        read["eras"] = at_scale.tone_by_era(at_scale.article_tone(read["sentences"]))
        read["shares"] = at_scale.theme_shares_by_era(at_scale.theme_units(read["sentences"]))
    pd.testing.assert_frame_equal(from_folder["eras"], in_memory["eras"])
    pd.testing.assert_frame_equal(from_folder["shares"], in_memory["shares"])


def test_eras_are_ordered_in_time_with_year_groups_between():
    assert at_scale.era_order(["2024 sanctions era", "2015", "", "2001 first visit", "other", "2007 gas-price rift"]) == \
        ["2001 first visit", "2007 gas-price rift", "2015", "2024 sanctions era", "other"]

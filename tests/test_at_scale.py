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


@pytest.fixture(scope="module")
def seed_data(seed_tables):
    return at_scale.in_memory(seed_tables)


def test_tone_by_era_is_notebook_01s(corpus, seed_data):
    articles = at_scale.article_tone(seed_data["by_article"])
    ours = at_scale.tone_by_era(articles)
    theirs = tone_over_time.tone_overview(corpus)["eras"]
    assert list(ours["era"].astype(str)) == list(theirs["era"].astype(str))
    for column in ("n_articles", "mean", "low", "high", "note"):
        assert ours[column].tolist() == pytest.approx(theirs[column].tolist(), nan_ok=True) \
            if column != "note" else ours[column].tolist() == theirs[column].tolist()
    # read by hand from the seeds: 1, 1 and 3 articles; the 2024 interval spans its articles
    assert ours["n_articles"].tolist() == [1, 1, 3]


def test_theme_shares_are_notebook_02s(corpus, seed_data):
    ours = at_scale.theme_shares_by_era(seed_data).set_index(["era", "theme"])
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
        read["eras"] = at_scale.tone_by_era(at_scale.article_tone(read["by_article"]))
        read["shares"] = at_scale.theme_shares_by_era(read)
        read["distinctive"] = at_scale.distinctive_at_scale(read)[0]
        read["topics"] = at_scale.topics_at_scale(read)[0]
    pd.testing.assert_frame_equal(from_folder["eras"], in_memory["eras"])
    pd.testing.assert_frame_equal(from_folder["shares"], in_memory["shares"])
    pd.testing.assert_frame_equal(from_folder["distinctive"], in_memory["distinctive"])
    pd.testing.assert_frame_equal(from_folder["topics"].shares, in_memory["topics"].shares)
    pd.testing.assert_frame_equal(from_folder["topics"].terms, in_memory["topics"].terms)


def test_eras_are_ordered_in_time_with_year_groups_between():
    assert at_scale.era_order(["2024 sanctions era", "2015", "", "2001 first visit", "other", "2007 gas-price rift"]) == \
        ["2001 first visit", "2007 gas-price rift", "2015", "2024 sanctions era", "other"]


def test_distinctive_words_are_notebook_02s(corpus, seed_data):
    from analysis.views import topic_shifts

    s = topic_shifts.spans(corpus)
    theirs = topic_shifts.distinctive_words(topic_shifts.with_span(analysis.sentences(corpus), corpus, s), s).table
    ours, note = at_scale.distinctive_at_scale(seed_data)
    assert "early 2001–2007" in note and "late 2024" in note
    for column in ("term", "stem", "n_focus", "n_other", "words_focus", "words_other", "focus", "other"):
        assert ours[column].tolist() == theirs[column].tolist(), column
    assert np.allclose(ours["z"], theirs["z"]) and np.allclose(ours["log_odds_ratio"], theirs["log_odds_ratio"])
    shown = ours["low"].notna()
    assert shown.sum() == 2 * topic_shifts.TOP_WORDS               # intervals for the words shown only
    assert np.allclose(ours.loc[shown, ["low", "high"]], theirs.loc[shown, ["low", "high"]])
    # read from the seeds: 'strengthen' is said 5 times in 2024 and never in 2001-2007
    row = ours.set_index("term").loc["strengthen"]
    assert (row["n_focus"], row["n_other"]) == (5, 0)


def test_counts_read_in_parts_are_the_whole_table(seed_tables):
    from analysis import counts

    terms = seed_tables["terms"]
    docs = list(dict.fromkeys(terms["doc_id"]))
    parts = [terms[terms["doc_id"].isin(docs[i:i + 2])] for i in range(0, len(docs), 2)]
    whole, read = counts.count_matrix(terms), counts.counts_from_parts(iter(parts))
    assert (whole.matrix != read.matrix).nnz == 0
    assert list(whole.doc_ids) == list(read.doc_ids) == docs
    assert list(whole.stems) == list(read.stems) == sorted(set(terms["stem"]))
    assert list(whole.forms) == list(read.forms)
    with pytest.raises(analysis.CorpusError, match="two parts"):
        counts.counts_from_parts([parts[0], parts[0]])


def test_topics_from_counts_weigh_words_as_the_vectorizer_does(corpus, seed_tables):
    from analysis import counts, topics
    from analysis.text.words import stop_words

    found = counts.count_matrix(seed_tables["terms"])
    units = analysis.sentences(corpus)
    articles = pd.DataFrame({"doc_id": found.doc_ids,
                             "text": [" ".join(units.loc[units["doc_id"] == d, "text"]) for d in found.doc_ids]})
    expected, vocabulary = topics._matrix(articles, stop_words(), topics.MIN_UNITS, topics.MAX_SHARE)
    x, kept, _ = counts.tfidf(found.matrix)
    assert list(found.stems[kept]) == vocabulary
    assert np.allclose(x.toarray(), expected.toarray())


def test_topics_at_scale_state_their_samples(seed_tables):
    from analysis import counts

    found = counts.count_matrix(seed_tables["terms"])
    model = counts.scale_topics(found, sweep=4, fit=4)
    assert (model.sweep_articles, model.fit_articles, model.n_articles) == (4, 4, 5)
    assert set(model.shares["doc_id"]) == set(found.doc_ids)            # every article gets shares
    shares = model.shares.dropna().groupby("doc_id")["share"].sum()
    assert np.allclose(shares, 1.0)
    again = counts.scale_topics(found, sweep=4, fit=4)
    pd.testing.assert_frame_equal(model.shares, again.shares)            # fixed seeds


def test_sentences_of_a_few_articles_are_read_alone(tmp_path):
    export = tmp_path / "corpus.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in honest_corpus.articles(30)), encoding="utf-8")
    tables.build_tables(export, tmp_path / "tables", scheduler="sync", rows=10)
    data = at_scale.open_tables(tmp_path / "tables")
    whole = tables.read_table(tmp_path / "tables", "sentences")
    wanted = [whole["doc_id"].iloc[0], whole["doc_id"].iloc[-1]]                 # in the first and last part
    read = at_scale.sentences_of(data, wanted)
    pd.testing.assert_frame_equal(read.reset_index(drop=True),
                                  whole[whole["doc_id"].isin(wanted)].reset_index(drop=True))
    with pytest.raises(analysis.CorpusError, match="make.py tables"):
        at_scale.open_tables(tmp_path)                  # the export's folder, not a tables folder


def test_leaving_one_article_out_is_computed_exactly(seed_data):
    articles = at_scale.article_tone(seed_data["by_article"])
    moves = at_scale.tone_without_one(articles).set_index("era")
    late = articles[articles["era"] == "2024 sanctions era"]
    assert len(late) == 3                                      # AP, dpa, StrategiaNews (read from the seeds)
    shifts = {d: late.loc[late["doc_id"] != d, "mean"].mean() - late["mean"].mean() for d in late["doc_id"]}
    doc = max(shifts, key=lambda d: abs(shifts[d]))
    assert moves.loc["2024 sanctions era", "without"] == doc
    assert moves.loc["2024 sanctions era", "largest_shift"] == pytest.approx(shifts[doc])
    assert np.isnan(moves.loc["2001 first visit", "largest_shift"])          # one article: none to leave out
    leading = at_scale.leading_theme_without_one(seed_data).set_index("era").loc["2024 sanctions era"]

    def leader_without(doc):                                  # the shares recomputed without one article
        by_article = seed_data["by_article"]
        shares = at_scale.theme_shares_by_era(dict(seed_data, by_article=by_article[by_article["doc_id"] != doc]))
        era = shares[shares["era"] == "2024 sanctions era"]
        return era.loc[era["share"].idxmax(), "theme"]
    assert leading["holds_without_any_one"] == all(leader_without(d) == leading["leading"] for d in late["doc_id"])


def test_fits_stopped_at_the_iteration_limit_are_counted_and_stated(seed_data, monkeypatch):
    from analysis import topics

    found, note = at_scale.topics_at_scale(seed_data)
    assert found.unconverged == 0 and "iteration limit" not in note
    monkeypatch.setattr(topics, "MAX_ITER", 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                         # none escapes to the reader's screen
        found, note = at_scale.topics_at_scale(seed_data)
    assert 0 < found.unconverged <= found.fits == 4 * 21 + 1 + 1   # k = 2..5 on five articles (20 seeds + 1), the model, one block of shares
    assert f"{found.unconverged} of the {found.fits} fits stopped at the iteration limit" in note


def test_topic_words_are_the_most_frequent_of_those_the_limits_keep(seed_tables):
    from analysis import counts

    found = counts.count_matrix(seed_tables["terms"])
    x, kept, _ = counts.tfidf(found.matrix, max_words=30)
    everywhere = np.asarray(found.matrix.sum(axis=0)).ravel()
    df = np.asarray((found.matrix > 0).sum(axis=0)).ravel()
    eligible = np.flatnonzero((df >= 2) & (df <= 0.5 * found.matrix.shape[0]))
    left = np.setdiff1d(eligible, kept)
    assert len(kept) == 30 and set(kept) <= set(eligible)
    assert everywhere[kept].min() >= everywhere[left].max()           # the 30 most frequent words
    _, all_kept, _ = counts.tfidf(found.matrix)
    assert list(all_kept) == list(eligible)                           # without a limit, all of them

"""Notebook 01's generated findings: true of every article they name, checked against
dropping each article, and written for any number of eras."""

import pandas as pd
import pytest

from analysis.views import tone_over_time as views


def _articles(rows, eras):
    table = pd.DataFrame(rows, columns=["doc_id", "era", "mean"])
    table["era"] = pd.Categorical(table["era"], categories=eras, ordered=True)
    table["n_sentences"] = 10
    return table


ERAS = ["2001", "2007", "2024"]


def test_an_ordering_true_on_average_but_not_article_by_article_names_the_exceptions():
    # The seeds' pattern: the 2024 mean sits between, but one 2024 article is below the 2001
    # article and another above the 2007 one.
    articles = _articles([("a", "2001", -0.02), ("b", "2007", 0.17), ("c", "2024", -0.05),
                          ("d", "2024", 0.06), ("e", "2024", 0.28)], ERAS)
    found = views.ordering(articles)
    assert (found["low"], found["high"]) == ("2001", "2007") and found["holds"] is False
    assert {(e["doc_id"], e["side"]) for e in found["exceptions"]} == {("c", "low"), ("e", "high")}
    sentence = views.ordering_sentence(articles, "Lexicon")
    assert "not article by article" in sentence and "c (2024, -0.05) is below" in sentence
    assert "e (2024, +0.28) is above" in sentence


def test_an_ordering_that_holds_for_every_article_says_so():
    articles = _articles([("a", "2001", -0.3), ("b", "2007", 0.5), ("c", "2024", 0.0), ("d", "2024", 0.1)], ERAS)
    assert views.ordering(articles)["holds"] is True
    assert "article by article this holds" in views.ordering_sentence(articles, "Lexicon")


def test_one_era_has_no_ordering():
    articles = _articles([("a", "2024", 0.1), ("b", "2024", 0.2)], ["2024"])
    assert "no ordering of eras" in views.ordering_sentence(articles, "Lexicon")


def test_era_findings_fail_or_cannot_be_checked_without_the_article_they_rest_on():
    articles = _articles([("a", "2001", -0.02), ("b", "2007", 0.17), ("c", "2024", -0.05),
                          ("d", "2024", 0.06), ("e", "2024", 0.28)], ERAS)
    finding = views.era_findings(articles)
    everything = finding(set("abcde"))
    assert everything["2007 warmer than 2001 (lexicon)"] is True
    assert everything["2024 warmer than 2007 (lexicon)"] is False          # 2024 mean 0.097 < 0.17
    assert everything["2024 warmer than 2001 (lexicon)"] is True
    assert finding(set("abcd"))["2024 warmer than 2001 (lexicon)"] is True    # without e: 0.005 > -0.02, barely
    warmer_start = views.era_findings(articles.assign(mean=articles["mean"].where(articles["doc_id"] != "a", 0.01)))
    assert warmer_start(set("abcde"))["2024 warmer than 2001 (lexicon)"] is True      # 0.097 > 0.01
    assert warmer_start(set("abcd"))["2024 warmer than 2001 (lexicon)"] is False      # 0.005 < 0.01: rests on e
    assert finding(set("bcde"))["2007 warmer than 2001 (lexicon)"] is None     # 2001 has no article left
    # pairs: same era |c-d|, |c-e|, |d-e| = 0.11, 0.33, 0.22 (mean 0.22); different eras mean is smaller
    assert everything["articles of different eras differ more than articles of one era (lexicon)"] is False


@pytest.mark.parametrize("eras", [["early", "late"], ["w", "x", "y", "z"]])
def test_the_answer_is_written_for_two_and_for_four_eras(eras):
    rows = [(f"{era}-{i}", era, 0.1 * k + 0.01 * i) for k, era in enumerate(eras) for i in range(2)]
    articles = _articles(rows, eras)
    key = {"n_articles": len(articles), "n_sentences": 10 * len(articles), "n_dated": len(articles),
           "eras": eras, "lexicon_by_era": articles.groupby("era", observed=True)["mean"].mean().to_dict(),
           "hand_by_era": {}, "ordering_lexicon": views.ordering_sentence(articles, "Lexicon index"),
           "ordering_hand": "", "pairs": views.pair_summary(__import__("analysis").tone.article_pairs(articles)),
           "warmest_target_lexicon": {}, "coldest_target_lexicon": {}, "quote_eras": [],
           "quotes_warmer_lexicon": [], "n_quoted_parts": 0, "validated": False}
    text = views.answer(key)
    for era in eras:
        assert f"in the {era}" in text
    assert "article by article this holds" in text        # each era strictly above the last
    assert "unvalidated on this corpus" in text


def test_voice_is_compared_on_the_lexicon_only_with_its_n(corpus):
    from analysis import study
    overview = views.tone_overview(corpus)
    voice = views.voice_comparison(overview["by_voice"], overview["voice"])
    assert "hand_code_mean" not in voice
    assert int(voice["quoted_parts"].sum()) == int((overview["voice"]["voice"] == "quoted").sum())
    assert study.is_seed_corpus()

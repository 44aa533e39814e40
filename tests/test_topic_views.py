"""Claim checks behind notebook 02: spans from the eras, which sentences carry a claim part,
the verdict rules, the exact test, and which findings survive leaving one article out or
keeping wire news only. Expected values are read off the seed texts (comments say where)."""

import pandas as pd
import pytest

import analysis
from analysis import config
from analysis.views import topic_shifts as views

SPAN = views.SPAN


@pytest.fixture(scope="module")
def spans(corpus):
    return views.spans(corpus)


@pytest.fixture(scope="module")
def sentences(corpus, spans):
    return views.with_span(analysis.sentences(corpus), corpus, spans)


@pytest.fixture(scope="module")
def evidence(sentences):
    return views.claim_evidence(sentences)


@pytest.fixture(scope="module")
def claim(sentences, evidence):
    return views.claim_table(sentences, evidence)


@pytest.fixture(scope="module")
def robust(sentences, evidence, corpus, spans):
    return views.claim_sensitivity(sentences, evidence, corpus, spans)


def test_spans_come_from_the_eras_and_the_article_years(spans):
    assert (spans.early, spans.late) == ("2001–2007", "2024")
    assert spans.early_eras == ("2001 first visit", "2007 gas-price rift")
    assert spans.late_era == "2024 sanctions era"
    assert spans.outside == () and spans.undated == 0 and spans.note == ""


def test_span_column_is_not_the_match_span(sentences):
    # 'span' is the words of a theme match (theme_matches); the claim's half has its own name
    assert SPAN != "span" and "span" not in sentences.columns
    assert list(sentences[SPAN].cat.categories) == ["2001–2007", "2024"]


def test_caspian_borders_needs_both_words(evidence):
    rows = evidence[evidence["part"] == "Caspian borders"]
    # read in the Moscow Times seed: the three sentences with 'Caspian' and 'borders';
    # "the volatile Caucasus region which borders Russia's south" has no 'Caspian'
    assert list(zip(rows["doc_id"], rows["position"])) == [("mt-2001", 16), ("mt-2001", 17), ("mt-2001", 20)]


def test_cargo_is_carried_by_freight_and_cargo_in_ap_only(evidence):
    rows = evidence[evidence["part"] == "cargo"]
    assert list(zip(rows["doc_id"], rows["position"])) == [("ap-2024", 2), ("ap-2024", 3)]


def stats(sentences, articles, n_articles, rate):
    return {"sentences": sentences, "articles": articles, "n_articles": n_articles, "rate": rate}


@pytest.mark.parametrize("expected, other, verdict", [
    (stats(0, 0, 2, 0.0), stats(3, 2, 3, 2.0), "not supported: absent from A"),
    (stats(2, 1, 2, 1.0), stats(3, 2, 3, 2.0), "not supported: as common or more common in B"),
    (stats(4, 2, 2, 3.0), stats(0, 0, 3, 0.0), "supported: in all 2 of 2 A articles, absent from B"),
    (stats(2, 1, 2, 3.0), stats(0, 0, 3, 0.0), "partly: absent from B, but only in 1 of 2 A articles"),
    (stats(5, 2, 2, 4.0), stats(1, 1, 3, 1.0), "partly: more frequent in A, but also in 1 B sentence"),
])
def test_verdict_rules(expected, other, verdict):
    assert views._verdict(expected, other, "A", "B") == verdict


def test_claim_table_counts(claim):
    # pipelines: "oil exports via Russian pipelines" and "a trans-Caspian gas pipeline" (EurasiaNet)
    assert claim.loc["pipelines", "sentences 2001–2007"] == 2
    assert claim.loc["pipelines", "articles 2001–2007"] == "1 of 2"
    assert claim.loc["pipelines", "sentences 2024"] == 0
    # sanctions: one AP sentence, two StrategiaNews sentences
    assert claim.loc["sanctions", "sentences 2024"] == 3
    assert claim.loc["sanctions", "articles 2024"] == "2 of 3"


def test_each_part_gets_an_exact_test(claim):
    # Caspian borders: 3 sentences in 2001-2007 (1,176 words: 529 + 647), none in 2024 (1,309
    # words). Given 3 sentences in all, each falls in 2001-2007 with probability 1176/2485 under
    # equal rates, so P(all 3 there) = (1176/2485)^3 = 0.106.
    assert claim.loc["Caspian borders", "per 1,000 words 2001–2007"] == pytest.approx(1000 * 3 / 1176, abs=0.005)
    assert claim.loc["Caspian borders", views.P_COLUMN] == pytest.approx((1176 / 2485) ** 3, abs=5e-4)
    # sanctions: 3 of 3 in 2024: (1309/2485)^3 = 0.146
    assert claim.loc["sanctions", views.P_COLUMN] == pytest.approx((1309 / 2485) ** 3, abs=5e-4)
    assert (claim[views.P_COLUMN] > 0.05).all()


def test_leave_one_out_names_the_article_each_part_rests_on(robust):
    # pipelines: both sentences are EurasiaNet's; Caspian borders: all three are the Moscow
    # Times'; cargo: both are AP's. Oil (both early articles, two 2024 articles), transit
    # corridors (AP and StrategiaNews against EurasiaNet) and sanctions (AP 1, StrategiaNews 2,
    # none early) still lean the claimed way without any one article.
    assert robust.holding("holds up") == ["oil", "transit corridors", "sanctions"]
    table = robust.table
    assert table.loc["pipelines", "fails without"] == ["eurasianet-2007"]
    assert table.loc["Caspian borders", "fails without"] == ["mt-2001"]
    assert table.loc["cargo", "fails without"] == ["ap-2024"]
    assert table.loc["cargo", "leave one article out"] == "fails without ap-2024"


def test_wire_only_keeps_the_moscow_times_ap_and_dpa(robust):
    # wire news: mt-2001, ap-2024, dpa-2024. The early span is then the Moscow Times alone,
    # which never says 'pipeline': pipelines no longer leans the claimed way (0 against 0).
    assert robust.wire and robust.wire_note == "3 of 5 articles"
    assert robust.holding("wire holds") == ["oil", "Caspian borders", "transit corridors", "cargo", "sanctions"]
    assert robust.table.loc["pipelines", "wire news only"] == "does not hold"


def test_claim_is_data_and_names_dictionary_themes():
    themes = views.claim_themes()
    assert themes == {"falls": ["energy & pipelines", "Caspian Sea", "borders"],
                      "rises": ["transit & logistics", "sanctions"],
                      "left out": ["Karabakh & Armenia"]}
    assert [p for p, _, _ in views.load_claim()] == ["oil", "pipelines", "Caspian borders",
                                                     "transit corridors", "cargo", "sanctions"]


def test_keywords_in_context_are_the_claims_words():
    assert views.claim_keywords() == ["oil", "pipeline", "Caspian", "border", "delimitation", "seabed",
                                      "transit", "corridor", "route", "trans-Caspian", "cargo", "freight",
                                      "sanction"]


def test_export_routes_carry_transit_corridors_in_2007(evidence):
    # issue 19: "transit never occurs in 2001-2007" was an artefact of narrow keywords.
    # EurasiaNet: "a trans-Caspian gas pipeline" and "That potential export route ..."
    rows = evidence[(evidence["part"] == "transit corridors") & (evidence[SPAN] == "2001–2007")]
    assert list(zip(rows["doc_id"], rows["position"])) == [("eurasianet-2007", 13), ("eurasianet-2007", 14)]


def test_summary_is_true_of_each_article_it_names(sentences, corpus, evidence, claim, robust, spans):
    shares = analysis.theme_shares(sentences)
    text = views.summary(claim, robust, analysis.theme_totals(shares, "era"), evidence, sentences, corpus, spans)
    # 3 parts lean the claimed way without any one article, none passes the exact test
    assert text.startswith("Partly, and not beyond chance. In these 5 articles (111 sentences), 6 of 6 parts")
    assert "3 still are in every run (oil, transit corridors and sanctions): the answer rests on those parts" in text
    assert "Pipelines fails without eurasianet-2007, Caspian borders fails without mt-2001 and cargo fails " \
           "without ap-2024." in text
    assert "none passes a one-sided exact test at the 5% level" in text and "smallest p = 0.11, Caspian borders" in text
    assert "occur in 2 sentences of 2001–2007 (2 in eurasianet-2007)" in text
    assert "dpa-2024 carries none of them" in text
    assert "Oil stays in the 2024 coverage (3 sentences in 2 of 3 articles)" in text
    assert "With wire news only (3 of 5 articles), 5 of 6 parts lean the claimed way (not pipelines)." in text
    assert "(2001 first visit, 2007 gas-price rift, 2024 sanctions era; 1, 1 and 3 articles)" in text
    assert "Karabakh & Armenia, which the claim leaves out" in text


def test_theme_comparisons_with_one_article_left_out(sentences, corpus, spans):
    shares = analysis.theme_shares(sentences)
    result = views.theme_sensitivity(analysis.theme_totals(shares, "doc_id"), corpus, spans)
    table = result.table
    # every borders hit of the seeds is the Moscow Times' ("economic borders in the Caspian",
    # "consensus over borders", "Questions of borders"): without it, 0 against 0
    assert table.loc["borders falls (2001–2007 → 2024)", "fails without"] == ["mt-2001"]
    assert table.loc["sanctions rises (2001–2007 → 2024)", "holds up"]
    # the 2001 and 2007 eras are one article each: the era-by-era comparison rests on both
    era_level = table.loc["sanctions rises (each earlier era → 2024 sanctions era)"]
    assert era_level["leave one article out"].startswith("cannot be checked without mt-2001, eurasianet-2007")
    assert era_level["wire news only"] == "cannot be checked"          # no wire article in 2007
    assert table.loc["borders falls (each earlier era → 2024 sanctions era)", "all articles"] == "does not hold"


def test_distinctive_words_with_articles_resampled_and_left_out(sentences, corpus, spans):
    found = views.distinctive_words(sentences, spans)
    assert views.claim_words_among_top(found.table) == {"late": ["corridor", "sanctions", "transport"],
                                                        "early": ["borders", "caspian", "gas"]}
    result = views.distinctive_sensitivity(found, corpus, spans)
    # 'borders' (4 times, all in the Moscow Times) drops out of the early top words without it;
    # 'corridor' (4 times, all StrategiaNews) out of the late ones without StrategiaNews
    assert result.table.loc["'borders' in the top 12 of 2001–2007", "fails without"] == ["mt-2001"]
    assert result.table.loc["'corridor' in the top 12 of 2024", "fails without"] == ["strategianews-2024"]
    assert result.table.loc["no word at |z| >= 1.96", "holds up"]
    # 'corridor' is in one of the three 2024 articles: a resample without it gives it no count,
    # so its article interval reaches almost 0; 'transport' is in all three
    rows = found.table.set_index("term")
    assert rows.loc["corridor", "low"] < rows.loc["transport", "low"]


def test_joint_words_line_reads_the_seeds(sentences, evidence, spans):
    # dpa: "from the Caspian and Black Sea", "on the Caspian Sea"; StrategiaNews: "Caspian Sea
    # regions"; none of the three with a border word
    assert views.joint_word_lines(sentences, evidence, spans) == [
        ("'Caspian' occurs 3 times in 2024, in 2 of 3 articles; 0 sentences of 2024 carry Caspian borders.", True)]


def test_theme_validation_on_the_seeds_and_on_unjudged_text(sentences):
    seeds = views.theme_validation(sentences)
    assert seeds.note.startswith("Theme precision from hand verdicts on 277 of")
    assert seeds.themes.loc["diplomacy & protocol", "judged"] == 100
    new = sentences[sentences["doc_id"] == "mt-2001"].assign(doc_id="another-article")
    unjudged = views.theme_validation(new)
    assert unjudged.note.startswith("The themes are unvalidated for this corpus")
    assert unjudged.themes.empty and unjudged.shares is None


def test_topics_line_says_when_no_k_is_stable():
    led = pd.DataFrame({"first k": [pd.NA, 3]}, index=["transit & logistics", "sanctions"])
    text, none_led = views.topics_line(led, 2, 0.86, 20, ["transit & logistics", "sanctions"], 0.95)
    assert text.startswith("Topic model: at the smallest candidate k (none is stable) (2, stability 0.860")
    assert none_led
    text, none_led = views.topics_line(led, 4, 0.97, 20, ["transit & logistics", "sanctions"], 0.95)
    assert "largest stable k (4" in text and "led by words of sanctions" in text and not none_led


# ---------------------------------------------------------------------------------------------
# Corpora other than the seeds: one era only, and an article outside every era window


def test_one_era_corpus_has_no_spans_and_says_why(corpus):
    one = corpus[corpus["era"] == "2024 sanctions era"].copy()
    spans = views.spans(one)
    assert not spans.compared and spans.labels == []
    assert spans.note.startswith("No comparison between eras: this corpus has only one era or year (2024 sanctions era)")
    units = views.with_span(analysis.sentences(one), one, spans)
    assert units[SPAN].isna().all()
    evidence = views.claim_evidence(units)
    claim = views.claim_table(units, evidence)
    assert claim.empty and views.claim_sensitivity(units, evidence, one, spans) is None
    assert views.distinctive_words(units, spans) is None
    shares = analysis.theme_shares(units)
    text = views.summary(claim, None, analysis.theme_totals(shares, "era"), evidence, units, one, spans)
    assert text.startswith("No answer on this corpus. No comparison between eras")


def test_year_groups_are_not_part_of_the_spans(tmp_path, monkeypatch):
    # An eras file without the 2007 window: EurasiaNet (27 March 2007) is then grouped by its
    # year, stays in the tables by era, and belongs to neither span of the claim.
    eras = tmp_path / "eras.csv"
    eras.write_text("era,start,end\nfirst visit,2000-01-01,2003-12-31\nsanctions era,2022-01-01,2025-12-31\n")
    monkeypatch.setattr(config, "ERAS_FILE", eras)
    corpus = analysis.load_corpus()
    spans = views.spans(corpus)
    assert (spans.early, spans.late, spans.outside) == ("2001", "2024", (("2007", 1),))
    assert "1 article lies outside every era window and is grouped by year (2007: 1 article)" in views.span_note(spans)
    units = views.with_span(analysis.sentences(corpus), corpus, spans)
    assert units.loc[units["doc_id"] == "eurasianet-2007", SPAN].isna().all()
    evidence = views.claim_evidence(units)
    claim = views.claim_table(units, evidence)
    # without EurasiaNet, pipelines has no sentence in the early span (the Moscow Times has none)
    assert claim.loc["pipelines", "sentences 2001"] == 0
    shares = analysis.theme_shares(units)
    by_era = analysis.theme_totals(shares, "era")
    intervals = analysis.themes.theme_era_intervals(shares)
    assert "2007" in views.era_table(by_era, intervals).columns
    views.plot_article_shares(analysis.theme_totals(shares, "doc_id"), by_era, intervals, corpus,
                              views.sample_line(corpus, units))        # a year group has a window too

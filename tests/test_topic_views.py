"""Claim checks behind notebook 02: periods from the eras, which sentences carry a claim part,
and the verdict rules."""

import pytest

import analysis
from analysis.views import topic_shifts as views


@pytest.fixture(scope="module")
def sentences(corpus):
    return views.with_period(analysis.sentences(corpus), corpus)


def test_periods_come_from_the_article_years(corpus):
    assert views.periods(corpus) == {"early": "2001–2007", "late": "2024"}


def test_caspian_borders_needs_both_words(sentences):
    evidence = views.claim_evidence(sentences)
    rows = evidence[evidence["part"] == "Caspian borders"]
    # read in the Moscow Times seed: the three sentences with 'Caspian' and 'borders';
    # "the volatile Caucasus region which borders Russia's south" has no 'Caspian'
    assert list(zip(rows["doc_id"], rows["position"])) == [("mt-2001", 16), ("mt-2001", 17), ("mt-2001", 20)]


def test_cargo_is_carried_by_freight_and_cargo_in_ap_only(sentences):
    evidence = views.claim_evidence(sentences)
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


def test_claim_table_counts(sentences):
    claim = views.claim_table(sentences, views.claim_evidence(sentences))
    # pipelines: "oil exports via Russian pipelines" and "a trans-Caspian gas pipeline" (EurasiaNet)
    assert claim.loc["pipelines", "sentences 2001–2007"] == 2
    assert claim.loc["pipelines", "articles 2001–2007"] == "1 of 2"
    assert claim.loc["pipelines", "sentences 2024"] == 0
    # sanctions: one AP sentence, two StrategiaNews sentences
    assert claim.loc["sanctions", "sentences 2024"] == 3
    assert claim.loc["sanctions", "articles 2024"] == "2 of 3"


def test_claim_is_data_and_names_dictionary_themes():
    themes = views.claim_themes()
    assert themes == {"falls": ["energy & pipelines", "Caspian Sea", "borders"],
                      "rises": ["transit & logistics", "sanctions"],
                      "left out": ["Karabakh & Armenia"]}
    assert [p for p, _, _ in views.load_claim()] == ["oil", "pipelines", "Caspian borders",
                                                     "transit corridors", "cargo", "sanctions"]


def test_export_routes_carry_transit_corridors_in_2007(sentences):
    # issue 19: "transit never occurs in 2001-2007" was an artefact of narrow keywords.
    # EurasiaNet: "a trans-Caspian gas pipeline" and "That potential export route ..."
    evidence = views.claim_evidence(sentences)
    rows = evidence[(evidence["part"] == "transit corridors") & (evidence["period"] == "2001–2007")]
    assert list(zip(rows["doc_id"], rows["position"])) == [("eurasianet-2007", 13), ("eurasianet-2007", 14)]


def test_summary_is_true_of_each_article_it_names(sentences, corpus):
    shares = analysis.theme_shares(sentences)
    evidence = views.claim_evidence(sentences)
    claim = views.claim_table(sentences, evidence)
    text = views.summary(claim, analysis.theme_totals(shares, "era"), evidence, sentences, corpus)
    assert "occur in 2 sentences of 2001–2007 (2 in eurasianet-2007)" in text
    assert "dpa-2024 carries none of them" in text
    assert "Karabakh & Armenia, which the claim leaves out" in text


def test_theme_validation_on_the_seeds_and_on_unjudged_text(sentences):
    seeds = views.theme_validation(sentences)
    assert seeds.note.startswith("Theme precision from hand verdicts on 277 of")
    assert seeds.themes.loc["diplomacy & protocol", "judged"] == 100
    new = sentences[sentences["doc_id"] == "mt-2001"].assign(doc_id="another-article")
    unjudged = views.theme_validation(new)
    assert unjudged.note.startswith("The themes are unvalidated for this corpus")
    assert unjudged.themes.empty and unjudged.shares is None

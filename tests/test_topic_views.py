"""Claim checks behind notebook 02: periods from the eras, which sentences carry a claim part,
and the verdict rules."""

import pytest

import analysis
from analysis import topic_views as views


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

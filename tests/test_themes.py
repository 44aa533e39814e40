"""Theme dictionary matching on real seed sentences: inflections, phrases and their spelling
variants, longest match, and words that must not match (a term inside another word, a stem
that collides with a common word, a pronoun that looks like an acronym)."""

from collections import Counter

import pandas as pd
import pytest

import analysis
from analysis.themes import find_terms, load_themes, theme_intervals, theme_order, theme_totals


def themes_of(sentence: str) -> Counter:
    return Counter(theme for theme, _, _, _ in find_terms(sentence))


def spans_of(sentence: str) -> list[str]:
    return [sentence[s:e] for _, _, s, e in find_terms(sentence)]


# Sentences copied from the clean seed text, with the counts read off by hand.
SEED_SENTENCES = {
    # inflections: pipelines, importing, exports; 'declaring' is not a declaration
    "The Aliyev administration reacted to the Gazprom move by declaring that Azerbaijan would "
    "cease importing Russian gas, and suspend oil exports via Russian pipelines.":
        {"energy & pipelines": 4, "trade & investment": 2},
    # 'sanctions' by stem, 'Western' in sanctions & the West
    "Markov explained that the primary focus of the talks was on economic collaboration, "
    "especially in by passing Western sanctions.":
        {"sanctions & the West": 2, "diplomacy & protocol": 1, "trade & investment": 1},
    # the corridor's full name is one hit; 'supported' holds no 'port'
    "He also mentioned that the discussions likely extended beyond bilateral issues to include "
    "multilateral initiatives, such as Azerbaijan's potential membership in BRICS, a proposal "
    "supported by Russia, and the North-South Transport Corridor project, which connects Russia "
    "and Iran via Azerbaijan.":
        {"diplomacy & protocol": 3, "transit & logistics": 1},
    # the seed's misspelling 'Nagarno-Karabakh' is one hit; 'good' is not 'goods', 'support' not 'port'
    "Relations with Azerbaijan have been generally good but tinged with Azeri suspicion that Russia "
    "has given more support to Armenia in a long-running and bitter conflict over the "
    "Nagarno-Karabakh region.":
        {"diplomacy & protocol": 1, "Karabakh & Armenia": 2},
    # 'turmoil' holds no 'oil'; the verb 'borders' counts (a documented over-match)
    "Azerbaijan lies in the volatile Caucasus region which borders Russia's south, a key strategic "
    "zone for Moscow which has also seen its fair share of war and turmoil.":
        {"Caspian & borders": 1, "security & military": 1},
    # the OSCE's full name is diplomacy, not security; 'Vienna-based' is not a military base
    "Russia is helping to mediate talks under the so-called Minsk Group of the Vienna-based "
    "Organisation for Security and Cooperation in Europe (OSCE).":
        {"diplomacy & protocol": 4, "Karabakh & Armenia": 1},
    # 'us' is not the US; 'talking' is not talks; 'transporting' is transport
    "\"We are talking about the possibility of transporting 15 million tons of cargo per year or "
    "more,\" he said, adding that the two countries last year exceeded the $4 billion mark for "
    "Russia-Azerbaijan turnover and \"neither of us thinks that this is the point where business "
    "will stop,\"":
        {"transit & logistics": 2, "trade & investment": 2},
    # acronyms with their case; 'United Nations' one hit
    "Despite sanctions from the EU and the US, the United Nations has not imposed restrictions on "
    "Russia's energy exports, allowing Azerbaijan, as a UN member, to legally engage in trade with "
    "Russia in this sector.":
        {"sanctions & the West": 4, "diplomacy & protocol": 2, "energy & pipelines": 1,
         "trade & investment": 2},
    # 'charm' holds no 'arm'
    "Putin's charm offensive is linked to geopolitics and Russia's unstinting efforts to maintain "
    "its commanding Caspian Basin energy position.":
        {"Caspian & borders": 1, "energy & pipelines": 1},
    # 'natural gas' is one hit, not also 'gas'
    "Starting in late 2006, Azerbaijani-Russian relations took a nosedive after the "
    "Kremlin-controlled conglomerate, Gazprom, attempted to dramatically raise the price of natural "
    "gas exports to Azerbaijan.":
        {"diplomacy & protocol": 1, "energy & pipelines": 2, "trade & investment": 2},
}


@pytest.mark.parametrize("sentence", list(SEED_SENTENCES))
def test_theme_counts_on_seed_sentences(sentence, clean):
    assert any(sentence in text for text in clean.values()), "not a sentence of the seeds"
    assert themes_of(sentence) == Counter(SEED_SENTENCES[sentence])


def test_phrases_keep_their_full_span():
    s = ("Soltan pointed to the North-South Transport Corridor as a critical discussion point, "
         "noting that Russia's reliance on this route has increased due to the current geopolitical "
         "landscape.")
    assert spans_of(s) == ["North-South Transport Corridor", "route"]


def test_inflections_match_once_each():
    assert spans_of("suspend oil exports via Russian pipelines") == ["oil", "exports", "pipelines"]
    assert [t for _, t, _, _ in find_terms("sanctions imposed on Moscow; it was sanctioned")] == \
        ["sanction", "sanction"]


@pytest.mark.parametrize("variant", ["Nagorno-Karabakh", "Nagorno Karabakh", "Nagarno-Karabakh",
                                     "Nagorny Karabakh", "Nagorno-Karabagh", "Karabakh"])
def test_karabakh_spelling_variants_count_once(variant):
    found = find_terms(f"talks over {variant} resumed")
    assert [(t, f"talks over {variant} resumed"[s:e]) for t, _, s, e in found] == \
        [("diplomacy & protocol", "talks"), ("Karabakh & Armenia", variant)]


def test_a_comma_breaks_a_phrase():
    # 'natural, gas' is not the phrase 'natural gas': only 'gas' is found
    assert spans_of("natural, gas") == ["gas"]


def test_gas_never_matches_inside_another_word():
    # invented on purpose: the seeds hold no word containing 'gas' except Gazprom's cousins
    assert spans_of("Gasparyan flew to Las Vegas for the gasket fair") == []
    assert spans_of("Gazprom raised the gas price") == ["Gazprom", "gas price"]


def test_words_inside_other_words_never_match(clean):
    text = clean["mt-2001"] + clean["eurasianet-2007"]
    for inside in ("turmoil", "toward", "charm", "Vienna-based"):
        start = text.index(inside)
        assert not any(s < start + len(inside) and e > start for _, _, s, e in find_terms(text)
                       if text[s:e] != inside), inside


def test_dictionary_rejects_a_term_in_two_themes(tmp_path):
    path = tmp_path / "themes.csv"
    path.write_text("theme,term,match\nenergy,pipeline,stem\ntransit,pipelines,stem\n")
    with pytest.raises(ValueError, match="two themes"):
        load_themes(path)


def test_dictionary_rejects_unknown_match_type(tmp_path):
    path = tmp_path / "themes.csv"
    path.write_text("theme,term,match\nenergy,oil,lemma\n")
    with pytest.raises(ValueError, match="lemma"):
        load_themes(path)


def test_dictionary_has_the_issue_themes_plus_caspian():
    assert theme_order() == ["energy & pipelines", "Caspian & borders", "transit & logistics",
                             "sanctions & the West", "Karabakh & Armenia", "security & military",
                             "trade & investment", "diplomacy & protocol", "society & culture"]


@pytest.fixture(scope="module")
def sentences(corpus):
    return analysis.sentences(corpus)


@pytest.fixture(scope="module")
def shares(sentences):
    return analysis.theme_shares(sentences)


def test_shares_are_long_one_row_per_unit_and_theme(shares, sentences):
    assert len(shares) == len(sentences) * len(theme_order())
    assert "text" not in shares.columns
    per_unit = shares.groupby(["doc_id", "position"])["share"].sum(min_count=1)
    hit_units = shares.groupby(["doc_id", "position"])["hits"].sum() > 0
    assert (per_unit[hit_units] - 1).abs().max() < 1e-12
    assert per_unit[~hit_units].isna().all()


def test_shares_agree_with_matches_and_offsets(shares, sentences, clean):
    matches = analysis.theme_matches(sentences)
    assert shares["hits"].sum() == len(matches)
    assert all(clean[r.doc_id][r.doc_start:r.doc_end] == r.span for r in matches.itertuples())


def test_headline_row_counts(shares):
    # 'Putin Reinforces Ties With Azerbaijan': one diplomacy hit, nothing else
    row = shares[(shares["doc_id"] == "mt-2001") & (shares["position"] == 0)].set_index("theme")
    assert row["hits"].to_dict() == {t: int(t == "diplomacy & protocol") for t in theme_order()}


def test_totals_sum_hits_and_count_articles(shares):
    by_era = theme_totals(shares, "era")
    assert by_era["hits"].sum() == shares["hits"].sum()
    assert by_era.groupby("era", observed=True)["share"].sum().round(12).eq(1).all()
    sizes = by_era.drop_duplicates("era").set_index("era")
    assert sizes["n_docs"].astype(int).to_dict() == {
        "2001 first visit": 1, "2007 gas-price rift": 1, "2024 sanctions era": 3}
    assert sizes["n_units"].sum() == 111


def test_bootstrap_interval_contains_the_share_and_is_reproducible(shares):
    a = theme_intervals(shares, "era", n_boot=200, seed=1)
    b = theme_intervals(shares, "era", n_boot=200, seed=1)
    pd.testing.assert_frame_equal(a, b)
    joined = theme_totals(shares, "era").merge(a, on=["era", "theme"])
    assert ((joined["share_low"] <= joined["share"] + 1e-12)
            & (joined["share"] <= joined["share_high"] + 1e-12)).all()
    never = joined[joined["hits"] == 0]
    assert (never["share_high"] == 0).all()

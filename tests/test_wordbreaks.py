"""Word-boundary repair only where the text shows damage, and names left whole.

Texts are written for these tests (the names are real people's and places' names; the
sentences are invented), plus the real seeds.
"""

from collections import Counter

import pytest

from analysis.text import wordbreaks
from analysis.text.cleaning import clean_text, text_edits
from analysis.text.wordbreaks import damage_signs, plan_word_repairs, repair_word_boundaries, word_key

BOUNDARY_RULES = {"glued_words", "split_word", "shifted_boundary"}


def doc(tokens):
    return Counter(map(word_key, tokens))


@pytest.mark.parametrize("name", [
    "Overchuk", "Kovalchuk", "Lankaran", "Karasin", "Shahmar", "Hasanov", "Sadraddin", "Mishustin",
    "Mustafayev", "Zardusht", "Prikhodko", "Pezeshkian",
])
def test_a_capitalised_unknown_word_that_splits_into_no_common_words_is_a_name(name):
    tokens = ["Minister", name, "met", "the", "delegation", "over", "tea"]
    assert damage_signs(tokens, doc(tokens)) == []
    sentence = f"Deputy Prime Minister {name} met the delegation on Friday."
    assert repair_word_boundaries(sentence) == []


@pytest.mark.parametrize("tokens, signs", [
    (["Uponarrival", "the", "president", "spoke"], [0]),           # "upon" + "arrival": common words
    (["the", "leaders", "discussedtrade"], [2]),                    # an unknown word in lower case
    (["Putine", "mbarked", "on", "a", "visit"], [0, 1]),             # fragments: "putin" + "embarked"
    (["First", "Lady", "MehribanAliyeva"], [2]),                     # a case change inside a word
    (["Russiais", "the", "guarantor"], [0]),                        # "russia" + "is"
    (["NATO", "and", "the", "CSTO"], []),                            # acronyms are never damage
    (["talks", "overthe", "border"], [1]),                           # a rare word made of common ones
    (["they", "ha", "ve", "met"], [1, 2]),                           # fragments that make "have"
    (["Soltanmentioned", "that", "Soltan", "spoke"], [0]),           # "soltan" is a word the article uses
    (["Soltanmentioned", "that", "he", "spoke"], []),                # ... or else a name
    (["I", "am", "grateful", "for", "a", "ban", "on", "imports"], []),   # rare but real words
])
def test_signs_of_damage(tokens, signs):
    assert damage_signs(tokens, doc(tokens)) == signs


def test_a_text_without_signs_of_damage_gets_no_edits_and_no_model(monkeypatch):
    """The gate is also the speed lever: a clean article never builds the language model."""
    def refuse(*args):
        raise AssertionError("the language model was built for a clean text")
    monkeypatch.setattr(wordbreaks, "ArticleModel", refuse)
    text = ("Alexei Overchuk and Shahin Mustafayev met at the Samur crossing. Overchuk said the "
            "relation ship between the customs services is good, and that Azerbaijanis free to "
            "travel is a sign of it.")
    assert plan_word_repairs(text) == ([], [])


def test_real_words_that_could_merge_stay_apart_in_a_clean_text():
    """'relation ship' and 'Azerbaijanis free' are repaired in the damaged 2024 seed; in a text
    with no other damage there is no evidence for it."""
    text = "The relation ship sailed, and Azerbaijanis free to travel said so."
    assert clean_text(text) == text


def test_a_name_beside_damage_is_not_cut():
    text = ("Officials saidthat the Overchuk plan wasfine and thatLankaran agreed, while Karasin "
            "andHasanov signed.")
    assert clean_text(text) == ("Officials said that the Overchuk plan was fine and that Lankaran agreed, "
                                "while Karasin and Hasanov signed.")


def test_the_seeds_keep_every_repair_and_gain_none(corpus):
    """The 56 word-boundary edits on the seeds before the gate, counted by rule and article
    (each is listed with its text in test_cleaning.REPAIRS)."""
    import analysis
    report = analysis.cleaning_report(corpus)
    boundary = report[report["rule"].isin(BOUNDARY_RULES)]
    assert boundary.groupby(["doc_id", "rule"]).size().to_dict() == {
        ("ap-2024", "glued_words"): 2,
        ("strategianews-2024", "glued_words"): 44,
        ("strategianews-2024", "shifted_boundary"): 8,
        ("strategianews-2024", "split_word"): 2,
    }


@pytest.mark.parametrize("length", [49, 500, 2000])
def test_a_letter_run_longer_than_the_cap_is_left_and_noted(length):
    run = ("abcdefghij" * (length // 10 + 1))[:length]
    text = f"The file hash is {run} and it was logged."
    plan = plan_word_repairs(text)
    assert plan.edits == [] and plan.capped == [(17, 17 + length)]
    assert clean_text(text) == text
    notes = [e for e in text_edits(text) if e.rule == "repair_capped"]
    assert [(n.before, n.after, n.offset) for n in notes] == [(run, run, 17)]


def test_a_run_at_the_cap_is_still_searched():
    run = "thedelegationwasgreetedwithawarmwelcomeinbaku"      # 45 letters, glued beyond reading
    assert len(run) <= wordbreaks.MAX_TOKEN
    assert plan_word_repairs(f"On Monday {run} by officials.").capped == []


def test_damage_around_a_capped_run_is_still_repaired():
    text = "Officials saidthat the code " + "x" * 3000 + " wasrejected on Monday."
    repaired = clean_text(text)
    assert "said that" in repaired and "was rejected" in repaired and "x" * 3000 in repaired


@pytest.mark.parametrize("text, repaired", [
    ("The ministers' visitwas a success.", "The ministers' visit was a success."),
    ("Both countries' relationsare strong.", "Both countries' relations are strong."),
])
def test_damage_beside_a_plural_possessive_is_repaired(text, repaired):
    assert clean_text(text) == repaired

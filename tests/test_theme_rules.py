"""Sense rules and blocking names (issue 24) on sentences written for these tests, and the
British/American spelling merge (issue 19) that themes and keyness share."""

from collections import Counter

import pytest

from analysis.themes import find_terms, load_names, load_themes, read_senses
from analysis.text.words import american, stem


def hits(sentence):
    return [(theme, sentence[s:e]) for theme, _, s, e in find_terms(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # the verb cues of the noun rule, one by one
    ("Talks resumed to border the new state.", [("diplomacy & protocol", "Talks")]),           # (a)
    ("The region, which borders Iran, is mountainous.", []),                                  # (b)
    ("He ties his boat to the pier.", []),                                                    # (b)
    ("Critics attack the plan.", []),                                                         # (c)
    ("Azerbaijan borders Russia to the north.", []),                                          # (d)
    ("The law forces migrants to register.", [("society & culture", "migrants")]),            # (e)
    # the nouns stay
    ("Questions of borders remain.", [("borders", "borders")]),
    ("The attack on the convoy killed two.", [("security & military", "attack")]),
    ("Attacks this week killed two.", [("security & military", "Attacks")]),                 # (c) time word
    ("Russian forces crossed into the region.", [("security & military", "forces")]),
    ("Russia and Iran have close ties.", [("diplomacy & protocol", "ties")]),
])
def test_noun_rule(sentence, expected):
    assert hits(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The decision fuels speculation about a deal.", []),
    ("Fuel prices rose.", [("energy & pipelines", "Fuel prices")]),
    ("Diesel fuel was scarce.", [("energy & pipelines", "Diesel"), ("energy & pipelines", "fuel")]),
    ("Travel restrictions ended.", []),
    ("EU restrictions on oil imports tightened.",
     [("the West", "EU"), ("sanctions", "restrictions"), ("energy & pipelines", "oil"),
      ("trade & investment", "imports")]),
    ("Police found the stolen goods.", []),
    ("Exports of goods fell.", [("trade & investment", "Exports"), ("trade & investment", "goods")]),
    ("Output must rise to meet demand.", []),
    ("Putin meets Aliyev in Sochi.", [("diplomacy & protocol", "meets")]),
    ("He will meet the president on Friday.", [("diplomacy & protocol", "meet")]),
])
def test_context_and_name_rules(sentence, expected):
    assert hits(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Social Security checks rose.", []),
    ("Settlers moved into the West Bank.", []),
    ("He had a heart attack.", []),
    ("Tear gas was fired.", []),
    ("Sunflower oil exports rose.", [("trade & investment", "exports")]),
    ("India is a nuclear power.", []),
    ("A nuclear power plant was built.", [("energy & pipelines", "A nuclear power plant")]),
    ("The Justice Department sued.", []),
    ("A manager with ties to the Kremlin resigned.", []),
    ("Sanctions on banks on Friday hit lending.",
     [("sanctions", "Sanctions"), ("trade & investment", "banks")]),
])
def test_names_block_the_terms_inside_them(sentence, expected):
    assert hits(sentence) == expected


def test_a_keyword_list_is_matched_without_the_theme_rules():
    # kwic and the tone targets pass their own dictionaries: no names, no senses
    import pandas as pd
    dictionary = pd.DataFrame({"theme": ["security"], "term": ["security"], "match": ["word"]})
    assert [t for _, t, _, _ in find_terms("Social Security rose.", dictionary)] == ["security"]


def test_sense_rules_name_one_word_terms_of_the_dictionary():
    senses, terms = read_senses(), set(load_themes()["term"])
    assert set(senses["term"]) <= terms
    with_rule = load_themes().set_index("term")["rule"]
    assert with_rule["border"] == "noun" and with_rule["oil"] == ""


def test_sense_file_errors_are_named(tmp_path):
    path = tmp_path / "senses.csv"
    path.write_text("term,rule,context,window\nfuel,near,,\n")
    with pytest.raises(ValueError, match="context"):
        read_senses(path)
    path.write_text("term,rule,context,window\nfuel,verb,,\n")
    with pytest.raises(ValueError, match="verb"):
        read_senses(path)


def test_names_table_reads():
    names = load_names()
    assert {"Social Security", "West Bank", "Security Council", "Justice Department"} <= set(names["name"])


@pytest.mark.parametrize("british, american_form", [
    ("neighbours", "neighbors"), ("neighbouring", "neighboring"), ("defence", "defense"),
    ("organisation", "organization"), ("centre", "center"), ("fuelled", "fueled"),
    ("programme", "program"), ("harbour", "harbor"), ("criticised", "criticized"),
    ("catalogue", "catalog"), ("analyse", "analyze"), ("litres", "liters")])
def test_british_spellings_read_as_american(british, american_form):
    assert american(british) == american_form
    assert stem(british) == stem(american_form)


@pytest.mark.parametrize("word", ["flour", "four", "hour", "tour", "genre", "acre", "filled",
                                  "willing", "promise", "surprise", "noise", "entre", "livre",
                                  "scour", "controlled", "massacre", "science"])
def test_words_without_an_american_variant_stay(word):
    assert american(word) == word


def test_keyness_merges_spelling_variants():
    import pandas as pd
    import analysis
    units = pd.DataFrame({"text": ["our neighbours", "neighboring states"], "g": ["a", "b"]})
    table = analysis.keyness(units, "g", drop=frozenset())
    row = table.set_index("stem").loc["neighbor"]
    assert (row["n_focus"], row["n_other"]) == (1, 1)
    assert Counter(t for t, _ in hits("Neighbouring states raised harbour fees.")) == \
        Counter({"transit & logistics": 1})

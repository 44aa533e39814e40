"""Cleaning on the real seeds: damage repaired, correct text untouched, every edit auditable.

Expected strings were written by reading the raw files, not by running the cleaner.
"""

import re

import pytest

import analysis
from analysis.text.cleaning import RULE_DESCRIPTIONS, clean_text, text_edits
from analysis.text.wordbreaks import repair_word_boundaries

# (doc_id, damaged text in the raw file, what the sentence says)
REPAIRS = [
    ("ap-2024", "Ukraineaccording", "Ukraine according"),
    ("ap-2024", "Karabakh regionending", "Karabakh region ending"),
    ("strategianews-2024", "Putine mbarked", "Putin embarked"),
    ("strategianews-2024", "ever-strengtheningties", "ever-strengthening ties"),
    ("strategianews-2024", "Uponarrival", "Upon arrival"),
    ("strategianews-2024", "wasgreeted", "was greeted"),
    ("strategianews-2024", "MehribanAliyeva, whohostedhim", "Mehriban Aliyeva, who hosted him"),
    ("strategianews-2024", "dinner attheir residence", "dinner at their residence"),
    ("strategianews-2024", "The followingday", "The following day"),
    ("strategianews-2024", "lacks diplomaticties", "lacks diplomatic ties"),
    ("strategianews-2024", "despitebeing", "despite being"),
    ("strategianews-2024", "the EurasianEconomic Union", "the Eurasian Economic Union"),
    ("strategianews-2024", "increasin glyaligned its elf", "increasingly aligned itself"),
    ("strategianews-2024", "Aliyevemphasizedduring", "Aliyev emphasized during"),
    ("strategianews-2024", "relation ship between Russia and Azerbaijanis free",
     "relationship between Russia and Azerbaijan is free"),
    ("strategianews-2024", "the talkswas", "the talks was"),
    ("strategianews-2024", "transactions thatavoid", "transactions that avoid"),
    ("strategianews-2024", "includ emultilateral", "include multilateral"),
    ("strategianews-2024", "energyre sources", "energy resources"),
    ("strategianews-2024", "suggestedthat", "suggested that"),
    ("strategianews-2024", "politicaltopics", "political topics"),
    ("strategianews-2024", "Azerbaijanicommunity", "Azerbaijani community"),
    ("strategianews-2024", "Whilethese", "While these"),
    ("strategianews-2024", "itremains", "it remains"),
    ("strategianews-2024", "noted thatitis a recurringtopic in suchhigh-level",
     "noted that it is a recurring topic in such high-level"),
    ("strategianews-2024", "conflictmight", "conflict might"),
    ("strategianews-2024", "potentiallyplaying", "potentially playing"),
    ("strategianews-2024", "peacetalks", "peace talks"),
    ("strategianews-2024", "concernsrelated", "concerns related"),
    ("strategianews-2024", "givenboth", "given both"),
    ("strategianews-2024", "close tieswith Iran", "close ties with Iran"),
    ("strategianews-2024", "Addingfurther", "Adding further"),
    ("strategianews-2024", "foreign policysp heres", "foreign policy spheres"),
    ("strategianews-2024", "Caspian Searegions", "Caspian Sea regions"),
    ("strategianews-2024", "showcaseits", "showcase its"),
    ("strategianews-2024", "partnerslike", "partners like"),
    ("strategianews-2024", "economiclinkbetweenAsia", "economic link between Asia"),
    ("strategianews-2024", "connectingIndia", "connecting India"),
    ("strategianews-2024", "withRussia", "with Russia"),
    ("strategianews-2024", "safertrade", "safer trade"),
    ("strategianews-2024", "the president smight", "the presidents might"),
    ("strategianews-2024", "naturalgas and oiltrade", "natural gas and oil trade"),
    ("strategianews-2024", "thissector", "this sector"),
    ("strategianews-2024", "a keytopic", "a key topic"),
    ("strategianews-2024", "mightalsoplay", "might also play"),
    ("strategianews-2024", "where Russiais the guarantor", "where Russia is the guarantor"),
    ("strategianews-2024", "PresidentPutinmay", "President Putin may"),
    ("strategianews-2024", "Soltane mphasized", "Soltan emphasized"),
    ("strategianews-2024", "thes eneighboring", "these neighboring"),
]

# Correct tokens, names, numbers and compounds that must come through unchanged:
# (doc_id, token). Counted as whole tokens in the raw and the clean text.
UNTOUCHED = [
    ("mt-2001", t) for t in [
        "Prikhodko", "Nagarno-Karabakh", "LUKOIL", "Azerbijan", "Haydar", "Chechnya", "Turkmenistan",
        "Kazakhstan", "OSCE", "Vienna-based", "so-called", "long-running", "non-Russian", "35,000",
        "1988", "1994", "12", "loggerheads", "guerrillas", "neighbours", "criticised", "onshore",
        "Commonwealth", "Nagorno-Karabakh", "Iran",
    ]
] + [
    ("eurasianet-2007", t) for t in [
        "Azerbaijanis", "Itar-Tass", "Gazprom", "Kremlin-controlled", "energy-dependent",
        "trans-Caspian", "237", "476", "Mironov", "Ogtay", "Asadov", "Rasizade", "11th", "Azeris",
        "nosedive", "solicitous", "get-together", "stranglehold", "APA", "Petersburg's",
    ]
] + [
    ("ap-2024", t) for t in [
        "Zardusht", "Alizade", "beleaguered", "peacekeepers", "Armenian-Azerbaijani", "two-day",
        "Russia-Azerbaijan", "120", "15", "goodwill",
    ]
] + [
    ("dpa-2024", t) for t in [
        "Pashinyan", "Yerevan's", "long-disputed", "oil-rich", "Mediterranean", "reprisals",
    ]
] + [
    ("strategianews-2024", t) for t in [
        "Sadraddin", "Shusha", "CSTO", "BRICS", "North-South", "Russian-speaking", "Baku-based",
        "Israel-Iran", "Armenia-Azerbaijan", "Russia-Ukraine", "tripartite", "Markov", "Sergey",
        "Orthodox", "2022", "2020", "Iran", "UN",
    ]
]

BOILERPLATE = [
    "Get the latest updates", "Last Updated", "07/27/2016", "Leave a Comment", "Your email address",
    "Scroll to Top", "Source link", "---", "730094bfc0188003b1815fcbcad793ce", "[For background",
    "Eurasia Insight archive", "Editor's Note", "Moscow-based specialist", "Sergei Blagov",
    "EurasiaNet, NY", "2/4/2007", "# ", "\\$", "-/Kremlin/dpa", "attend an informal meeting",
    "\u2019", "\u201c", "\u201d",
]

# (doc_id, first body sentence, last body sentence), copied from the raw files by reading them
# (with curly quotes written straight, as the cleaner normalises them).
BODY_ENDS = [
    ("mt-2001",
     "Russian President Vladimir Putin held talks with Azeri President Haydar Aliyev on Tuesday, "
     "smoothing relations on his first official visit to the Caspian Sea state and discussing "
     "the Azeri conflict with Armenia.",
     "Azerbaijan, Kazakhstan, Russia, Turkmenistan and Iran share the closed inland sea."),
    ("eurasianet-2007",
     "Russian leader Vladimir Putin is intent on reducing tension with Azerbaijan, one of the "
     "Caspian Basin's key energy producers.",
     '"Nothing will change in the lives of Azerbaijanis in Russia," Mironov insisted.'),
    ("ap-2024",
     "Russian leader Vladimir Putin held talks with his Azerbaijani counterpart on Monday as part "
     "of a two-day trip aimed at securing Moscow's beleaguered trade routes and strengthening ties "
     "in the South Caucasus.",
     '"Russia can accelerate the settlement of Armenian-Azerbaijani relations."'),
    ("dpa-2024",
     "Russia and Azerbaijan have agreed to strengthen their cooperation during a meeting in Baku "
     "on Monday between Presidents Vladimir Putin and Ilham Aliyev.",
     "Aliyev, criticized for severe human rights violations, visited Moscow in April."),
    ("strategianews-2024",
     "On August 18, Russian President Vladimir Putin embarked on an official visit to Azerbaijan, "
     "marking a significant development in the ever-strengthening ties between the two nations.",
     "In conclusion, Soltan emphasized that President Putin's visit to Azerbaijan reflects the "
     "deep and strategic partnership between these neighboring countries."),
]

HEADLINES = {
    "mt-2001": "Putin Reinforces Ties With Azerbaijan",
    "eurasianet-2007": "Russia Moves To Repair Ties With Azerbaijan.",
    "ap-2024": "Putin meets Azerbaijani president in Baku to strengthen ties as regional tensions persist",
    "strategianews-2024": "New Horizons: The Key Topics Putin and Aliyev Discussed in Baku",
}


def count_token(text: str, token: str) -> int:
    return len(re.findall(rf"(?<![\w'-]){re.escape(token)}(?![\w-])", text))


@pytest.mark.parametrize("doc_id, damaged, repaired", REPAIRS)
def test_word_boundary_damage_is_repaired(raw, clean, doc_id, damaged, repaired):
    assert damaged in raw[doc_id]
    assert repaired in clean[doc_id]
    assert damaged not in clean[doc_id]


KNOWN_MISSES = [
    # Two real words whose merged form the bigram model cannot prefer strongly enough:
    # "in by" and "under scores" are common web bigrams. Recorded so a fix shows up as XPASS.
    ("strategianews-2024", "especially in by passing Western", "especially in bypassing Western"),
    ("strategianews-2024", "this visit also under scores", "this visit also underscores"),
]


@pytest.mark.xfail(strict=True, reason="known miss of the word-boundary model (see KNOWN_MISSES)")
@pytest.mark.parametrize("doc_id, damaged, repaired", KNOWN_MISSES)
def test_known_misses_of_split_words(raw, clean, doc_id, damaged, repaired):
    assert repaired in clean[doc_id]


def test_azerbaijanis_as_a_plural_is_kept(clean):
    """The same string is a real word in the clean 2007 article and must stay."""
    assert "in the lives of Azerbaijanis in Russia" in clean["eurasianet-2007"]


def test_glued_agency_credit_is_split():
    edits = repair_word_boundaries("informal meeting. -/Kremlin/dpaRussian President Vladimir Putin")
    assert [(e[2], e[3]) for e in edits] == [("dpa Russian", "glued_words")]


def test_at_least_forty_correct_tokens_are_checked():
    assert len(UNTOUCHED) >= 40


@pytest.mark.parametrize("doc_id, token", UNTOUCHED)
def test_correct_tokens_untouched(raw, clean, doc_id, token):
    n_raw = count_token(raw[doc_id].replace("\u2019", "'"), token)
    assert n_raw > 0, f"{token!r} is not in the raw {doc_id}"
    assert count_token(clean[doc_id], token) == n_raw


@pytest.mark.parametrize("needle", BOILERPLATE)
def test_boilerplate_is_gone(clean, needle):
    for doc_id, text in clean.items():
        assert needle not in text, f"{needle!r} left in {doc_id}"


@pytest.mark.parametrize("doc_id, first, last", BODY_ENDS)
def test_body_is_intact(clean, doc_id, first, last):
    text = clean[doc_id]
    assert first in text
    assert text.endswith(last)


@pytest.mark.parametrize("doc_id", ["mt-2001", "eurasianet-2007", "ap-2024", "dpa-2024", "strategianews-2024"])
def test_headline_kept_first_and_byline_out(clean, doc_id):
    text = clean[doc_id]
    if doc_id in HEADLINES:
        assert text.split("\n\n")[0] == HEADLINES[doc_id]
    else:   # the dpa scrape has no headline: the lead comes first
        assert text.startswith("Russia and Azerbaijan have agreed")


def test_paragraph_broken_mid_sentence_is_rejoined(clean):
    assert "must leave the disputed territory under Azerbaijani control" in clean["eurasianet-2007"]


def test_markdown_escape_and_dashes(clean):
    assert "stood at over $1.5 billion for the year" in clean["eurasianet-2007"]
    assert "BAKU, Azerbijan \u2014 Russian President" in clean["mt-2001"]
    assert "Russia and Azerbaijan \u2014 currently the strongest" in clean["strategianews-2024"]


def test_caption_glued_to_itself_and_duplicates_are_removed(corpus):
    report = analysis.cleaning_report(corpus)
    dpa = report[report["doc_id"] == "dpa-2024"]
    assert list(dpa.loc[dpa["rule"].isin(["caption_glued", "duplicate_paragraph", "caption"]), "rule"]) == [
        "caption_glued", "duplicate_paragraph", "caption"]


def test_report_offsets_point_into_the_raw_file(corpus, raw):
    report = analysis.cleaning_report(corpus)
    assert set(report.columns) == {"doc_id", "rule", "before", "after", "offset"}
    assert set(report["rule"]) <= set(RULE_DESCRIPTIONS)
    boundary = report[report["rule"].isin(["glued_words", "split_word", "shifted_boundary"])]
    for row in boundary.itertuples():
        assert raw[row.doc_id][row.offset:row.offset + len(row.before)] == row.before
    stamp = report[report["rule"] == "page_stamp"].iloc[0]
    assert raw[stamp.doc_id][stamp.offset:].startswith(". Last Updated: 07/27/2016")


def test_cleaning_is_idempotent_on_the_seeds(clean):
    for doc_id, text in clean.items():
        assert clean_text(text) == text, doc_id
        assert text_edits(text) == [], doc_id


def test_clean_text_on_small_texts():
    assert clean_text("") == ""
    assert clean_text("   \n\n ") == ""
    assert clean_text("He said \u201cyes\u201d \u2014 twice.") == 'He said "yes" \u2014 twice.'
    assert clean_text("Trade rose to \\$2 billion.") == "Trade rose to $2 billion."
    # A clean sentence full of names and compounds is left exactly as it is.
    sentence = "Sergei Prikhodko met LUKOIL's chief in Nagorno-Karabakh's long-running talks on 12 May."
    assert clean_text(sentence) == sentence


def test_corpus_cleaning_on_every_core_matches_clean_text_in_order(raw, monkeypatch):
    from functools import partial

    from analysis import parallel
    from analysis.guard import attempt

    texts = list(raw.values()) * 3
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)      # force the worker pool on this small set
    assert parallel.map_in_order(partial(attempt, clean_text), texts) == [clean_text(t) for t in texts]


@pytest.mark.parametrize("text", ["#—", "\\# Title", "## —\n\nBody"])
def test_header_marks_made_by_other_rules_go_in_the_same_pass(text):
    # Found by the idempotence property: dash spacing turned "#—" into the header mark "# —",
    # which only a second cleaning removed.
    once = clean_text(text)
    assert clean_text(once) == once
    assert not once.startswith("#")


def test_a_hyphen_glued_to_a_dash_is_one_dash():
    # "-—" is one dash typed twice; kept, the hyphen became a second dash on the next cleaning
    assert clean_text("a -—") == clean_text(clean_text("a -—")) == "a —"
    assert clean_text("talks —- and") == "talks — and"
    assert clean_text("a - b") == "a — b"                 # a spaced hyphen is still a dash

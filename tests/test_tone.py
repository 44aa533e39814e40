"""Tone: lexicon scores on hand-checked seed sentences, hand-code coverage, bootstrap
determinism, target and voice labels on real sentences, raw-vs-clean accounting."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import tone
from analysis.views import tone_over_time


@pytest.fixture(scope="module")
def units(corpus):
    return analysis.sentences(corpus)


def sentence(units, doc_id, position):
    return units.loc[(units["doc_id"] == doc_id) & (units["position"] == position), "text"].item()


# --- score_tone -----------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id, position", [
    ("dpa-2024", 3),            # "we are very satisfied with the level of cooperation"
    ("eurasianet-2007", 3),     # "I am grateful to the president of Azerbaijan ..."
    ("eurasianet-2007", 18),    # "stable, friendly and cooperative relations"
])
def test_clearly_positive_sentences_score_positive(units, doc_id, position):
    assert tone.score_tone([sentence(units, doc_id, position)])["tone"].item() >= tone.NEUTRAL_BAND


def test_textblob_reads_satisfied_and_friendly_as_positive(units):
    polarity = tone.score_tone([sentence(units, "dpa-2024", 3), sentence(units, "eurasianet-2007", 18)])["polarity"]
    assert (polarity > 0).all()


@pytest.mark.xfail(strict=True, reason="known lexicon miss: 'grateful' is not in TextBlob's "
                   "adjective lexicon, so Putin's thanks score 0")
def test_textblob_reads_gratitude_as_positive(units):
    assert tone.score_tone([sentence(units, "eurasianet-2007", 3)])["polarity"].item() > 0


@pytest.mark.parametrize("doc_id, position", [
    ("mt-2001", 10),            # "Some 35,000 people died in the conflict ..."
    ("mt-2001", 13),            # "... suspicion ... Aliyev has criticised Russia for supplying Armenia with ... arms"
    ("eurasianet-2007", 14),    # "... Russia's stranglehold ... a severe blow to the Kremlin's energy policy"
])
def test_clearly_negative_sentences_score_negative(units, doc_id, position):
    assert tone.score_tone([sentence(units, doc_id, position)])["tone"].item() <= -tone.NEUTRAL_BAND


def test_negation_turns_a_seed_phrase_negative():
    plain, negated = tone.score_tone(["Relations with Azerbaijan have been good",
                                      "Relations with Azerbaijan have not been good"])["tone"]
    assert plain > 0 > negated


@pytest.mark.xfail(strict=True, reason="known lexicon miss: 'not' sits four words before "
                   "'peace', beyond VADER's three-word negation window, and 'but' weights the "
                   "clause holding 'peace agreement': VADER reads it as strongly positive")
def test_talks_that_produced_no_peace_read_negative(units):
    text = sentence(units, "mt-2001", 11)     # "... but talks have not yet produced a peace agreement."
    assert tone.score_tone([text])["tone"].item() < 0


@pytest.mark.xfail(strict=True, reason="known lexicon miss: reassurance by negation "
                   "('Nothing will change') has no lexicon word, so it scores neutral")
def test_reassurance_by_negation_reads_positive(units):
    text = sentence(units, "eurasianet-2007", 33)
    assert tone.score_tone([text])["tone"].item() > 0


def test_empty_and_missing_texts_score_zero_in_order():
    scores = tone.score_tone(["", "We support any decision which will suit both sides.", None, ""])
    assert list(scores.columns[:4]) == ["polarity", "subjectivity", "vader", "tone"]
    assert len(scores) == 4
    assert (scores.loc[[0, 2, 3]] == 0).all().all()
    assert scores.loc[1, "tone"] > 0


def test_no_texts_give_an_empty_table_with_the_columns():
    scores = tone.score_tone([])
    assert len(scores) == 0 and {"polarity", "subjectivity", "vader", "tone"} <= set(scores.columns)


def test_typographic_quotes_score_like_ascii_quotes():
    curly, ascii_ = tone.score_tone(["emphasized the “deep trust” between the leaders",
                                     'emphasized the "deep trust" between the leaders'])["tone"]
    assert curly == ascii_ > 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=8))
def test_any_list_of_strings_gives_one_bounded_row_each(texts):
    scores = tone.score_tone(texts)
    assert len(scores) == len(texts)
    assert scores["tone"].between(-1, 1).all() and scores["polarity"].between(-1, 1).all()
    assert scores["subjectivity"].between(0, 1).all()


def test_tone_class_cut_offs():
    labels = tone.tone_class([0.05, 0.0499, 0.0, -0.0499, -0.05, 1, -1])
    assert list(labels) == ["positive", "neutral", "neutral", "neutral", "negative", "positive", "negative"]


# --- hand codes and validation ------------------------------------------------------------

def test_hand_codes_cover_every_seed_sentence_and_still_match_its_text(units):
    codes = tone.load_hand_codes()
    assert len(codes) == len(units) == 111
    problems = tone.hand_code_mismatches(units, codes)
    assert problems.empty, problems.to_string()
    assert set(codes["code"]) == set(tone.TONE_CLASSES)


def test_hand_code_check_names_changed_and_missing_sentences(units):
    codes = tone.load_hand_codes()
    changed = codes.copy()
    changed.loc[0, "text"] = "Putin Reinforces Ties"
    problems = tone.hand_code_mismatches(units, changed.drop(index=5))
    assert set(zip(problems["doc_id"], problems["position"], problems["problem"])) == {
        ("mt-2001", 0, "text changed"), ("mt-2001", 5, "not coded")}
    with pytest.raises(ValueError, match="mt-2001#5 not coded"):
        tone.with_hand_codes(tone.score_units(units), changed.drop(index=5))


def test_unknown_hand_code_is_refused(tmp_path):
    bad = tmp_path / "codes.csv"
    bad.write_text("doc_id,position,code,note,text\nmt-2001,0,upbeat,,Putin Reinforces Ties With Azerbaijan\n")
    with pytest.raises(ValueError, match="upbeat"):
        tone.load_hand_codes(bad)


def test_agreement_is_perfect_for_a_score_that_copies_the_codes_and_negative_when_reversed():
    codes = ["negative", "neutral", "positive", "positive", "neutral", "negative", "positive"]
    coded = pd.DataFrame({"code": pd.Categorical(codes, categories=tone.TONE_CLASSES, ordered=True)})
    coded["code_value"] = coded["code"].map(tone.CODE_VALUES).astype(int)
    coded["copy"] = coded["code_value"] * 0.5
    coded["reversed"] = -coded["copy"]
    table = tone.agreement(coded, ["copy", "reversed"])
    assert table.loc["copy", ["accuracy", "alpha", "rho"]].tolist() == pytest.approx([1, 1, 1])
    assert table.loc["reversed", "alpha"] < 0 and table.loc["reversed", "rho"] == pytest.approx(-1)
    assert table.loc["copy", "majority_accuracy"] == pytest.approx(3 / 7)
    confusion = tone.confusion_table(coded, "reversed")
    assert confusion.shape == (3, 3) and confusion.to_numpy().sum() == 7
    assert confusion.loc["positive", "negative"] == 3


# --- aggregation --------------------------------------------------------------------------

def test_bootstrap_is_deterministic_for_a_seed_and_brackets_the_mean():
    values = [-0.5, 0.0, 0.2, 0.4, 0.9, 0.1]
    first, again = tone.bootstrap_mean(values, 500, seed=7), tone.bootstrap_mean(values, 500, seed=7)
    assert first == again
    assert first[0] == pytest.approx(np.mean(values))
    assert first[1] < first[0] < first[2]
    assert tone.bootstrap_mean(values, 500, seed=8) != first
    assert tone.bootstrap_mean(values, 50, seed=7) != first


def test_bootstrap_of_one_value_or_none():
    assert tone.bootstrap_mean([0.3], 100) == (0.3, 0.3, 0.3)
    assert all(np.isnan(tone.bootstrap_mean([], 100)))


def test_group_intervals_do_not_depend_on_the_other_groups():
    scored = pd.DataFrame({"doc_id": list("aaabbbb"), "tone": [0.1, 0.5, -0.2, 0.3, 0.3, 0.0, 0.9]})
    both = tone.tone_by(scored, "doc_id", n_boot=300, seed=1)
    alone = tone.tone_by(scored[scored["doc_id"] == "b"], "doc_id", n_boot=300, seed=1)
    assert both.iloc[1].tolist() == alone.iloc[0].tolist()
    assert both["mean"].tolist() == pytest.approx([0.4 / 3, 1.5 / 4])
    assert both["n_sentences"].tolist() == [3, 4]


def test_article_tone_is_one_row_per_article_in_date_order_and_repeatable(units):
    scored = tone.score_units(units)
    articles = tone.article_tone(scored, n_boot=400)
    assert articles["doc_id"].tolist() == ["mt-2001", "eurasianet-2007", "ap-2024", "dpa-2024",
                                           "strategianews-2024"]
    assert articles["n_sentences"].sum() == 111
    assert (articles["low"] <= articles["mean"]).all() and (articles["mean"] <= articles["high"]).all()
    pd.testing.assert_frame_equal(articles, tone.article_tone(scored, n_boot=400))
    dpa = scored.loc[scored["doc_id"] == "dpa-2024", "tone"].mean()
    assert articles.set_index("doc_id").loc["dpa-2024", "mean"] == pytest.approx(dpa)


def test_article_pairs_compare_differences_of_two_articles():
    era = pd.Categorical(["A", "B", "C", "C"], categories=["A", "B", "C"], ordered=True)
    articles = pd.DataFrame({"doc_id": list("wxyz"), "era": era, "mean": [0.0, 0.2, 0.1, 0.4]})
    pairs = tone.article_pairs(articles).set_index(["first", "second"])
    assert len(pairs) == 6                                   # 4 articles, 6 pairs
    assert pairs.loc[("y", "z"), "same_era"] and pairs.loc[("y", "z"), "difference"] == pytest.approx(0.3)
    assert not pairs.loc[("w", "x"), "same_era"] and pairs.loc[("w", "x"), "difference"] == pytest.approx(0.2)
    assert pairs.loc[("x", "y"), "difference"] == pytest.approx(-0.1)    # a decline stays negative


def test_extreme_sentences_per_group():
    scored = pd.DataFrame({"era": ["x"] * 4, "doc_id": ["d"] * 4, "position": range(4),
                           "tone": [0.2, -0.6, 0.8, 0.0], "text": list("abcd")})
    table = tone.extreme_sentences(scored, n=1)
    assert table.set_index("end")["text"].to_dict() == {"most positive": "c", "most negative": "b"}


# --- targets ------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id, position, expected", [
    ("mt-2001", 9, {"Armenia & Karabakh"}),                        # at loggerheads with Armenia over Nagorno-Karabakh
    ("mt-2001", 15, {"Armenia & Karabakh"}),                       # Minsk Group of the OSCE: not "cooperation"
    ("mt-2001", 7, set()),                                         # "war and turmoil": no oil in turmoil
    ("eurasianet-2007", 11, {"energy", "transit & trade"}),        # cease importing gas, suspend oil exports
    # "mend fences with Moscow": warm words no longer pick out the relationship (a target chosen
    # by evaluative vocabulary is warm by construction), and no subject word names it
    ("eurasianet-2007", 20, set()),
    ("ap-2024", 4, {"relationship", "the West & sanctions", "transit & trade"}),   # ties, sanctions, markets
    ("strategianews-2024", 10, {"energy", "transit & trade", "the West & sanctions"}),  # Western interference
])
def test_targets_of_seed_sentences(units, doc_id, position, expected):
    assert set(tone.find_targets(sentence(units, doc_id, position))) == expected


def test_every_sentence_gets_a_target_row(units):
    labelled = tone.label_targets(units)
    assert labelled.drop_duplicates(["doc_id", "position"]).shape[0] == len(units)
    lone = labelled.groupby(["doc_id", "position"])["target"].agg(lambda t: set(t.astype(str)))
    assert all(tone.NO_TARGET not in t or t == {tone.NO_TARGET} for t in lone)
    row = labelled[(labelled["doc_id"] == "mt-2001") & (labelled["position"] == 9)]
    assert row["terms"].item() == "Armenia; Nagorno-Karabakh"


def test_unknown_match_type_in_target_table_is_refused(tmp_path):
    bad = tmp_path / "targets.csv"
    bad.write_text("target,term,match,note\nenergy,oil,fuzzy,\n")
    with pytest.raises(ValueError, match="fuzzy"):
        tone.load_targets(bad)


# --- voice --------------------------------------------------------------------------------

def quoted(text):
    return [part for voice, part in tone.split_voice(text) if voice == "quoted"]


def test_prikhodko_quotes_in_2001(units):
    first = sentence(units, "mt-2001", 5)
    assert quoted(first) == ['"Russia and Azerbaijan are ready to end the pause which took place '
                             'in their mutual relations,"']
    assert tone.label_voice(first) == "partly quoted"      # the attribution is longer than the quote
    assert quoted(sentence(units, "mt-2001", 12)) == ['"We support any decision which will suit both sides."']
    assert tone.label_voice(sentence(units, "mt-2001", 6)) == "quoted"


def test_mironov_quotes_in_2007(units):
    assert quoted(sentence(units, "eurasianet-2007", 26)) == ['"wound that does not heal."']
    assert quoted(sentence(units, "eurasianet-2007", 27)) == [
        '"Russia will do its best to help resolve the issue as soon as possible."']
    assert tone.label_voice(sentence(units, "eurasianet-2007", 33)) == "quoted"


def test_aliyev_two_quotes_in_ap_2024_with_straight_or_curly_marks(units):
    text = sentence(units, "ap-2024", 3)
    parts = quoted(text)
    assert len(parts) == 2
    assert parts[0].startswith('"We are talking') and parts[1].startswith('"neither of us')
    curly = text.replace('"We', "“We").replace('more,"', "more,”").replace('"neither', "“neither").replace('stop,"', "stop,”")
    assert [p.replace("“", '"').replace("”", '"') for p in quoted(curly)] == parts


def test_narration_has_no_quoted_part(units):
    text = sentence(units, "mt-2001", 10)
    assert tone.split_voice(text) == [("narration", text)]
    assert tone.label_voice(text) == "narration"


def test_quotation_begun_in_an_earlier_sentence_runs_from_the_start(units):
    text = sentence(units, "mt-2001", 6)[1:]       # drop the opening mark
    assert tone.split_voice(text)[0] == ("quoted", text[: text.index('," he said') + 2])


def test_voice_parts_join_back_to_every_seed_sentence(units):
    for text in units["text"]:
        assert "".join(part for _, part in tone.split_voice(text)) == text


def test_voice_parts_drop_attribution_tags_but_keep_short_quotes(units):
    parts = tone.voice_parts(units)
    def voices(doc_id, position):
        rows = parts[(parts["doc_id"] == doc_id) & (parts["position"] == position)]
        return dict(zip(rows["voice"].astype(str), rows["text"]))
    assert voices("mt-2001", 6).keys() == {"quoted"}                     # ", he said." dropped
    assert voices("dpa-2024", 11)["quoted"] == '"deep trust"'             # two words, kept
    assert "narration" in voices("dpa-2024", 11)


# --- raw vs clean -------------------------------------------------------------------------

def test_glued_words_hide_lexicon_words_in_the_raw_scrape():
    assert "strengthening" not in tone.lexicon_words("the ever-strengtheningties between the two nations")
    assert "strengthening" in tone.lexicon_words("the ever-strengthening ties between the two nations")


def test_cleaning_effect_lists_the_words_the_repairs_revealed(corpus):
    table = tone.cleaning_effect(corpus).set_index("doc_id")
    revealed = table.loc["strategianews-2024", "only_in_clean"].split(", ")
    assert {"greeted", "strengthening", "peace"} <= set(revealed)      # wasgreeted, ever-strengtheningties, peacetalks
    assert table.loc["eurasianet-2007", "only_in_clean"] == ""           # nothing glued in EurasiaNet
    assert table.loc["mt-2001", "raw_sentences"] > table.loc["mt-2001", "clean_sentences"]   # site prompt and stamp


def test_voice_parts_carry_no_sentence_code(units):
    parts = tone.score_voice(units)
    row = parts[(parts["doc_id"] == "eurasianet-2007") & (parts["position"] == 7)]
    assert set(row["voice"].astype(str)) == {"quoted", "narration"}      # "take a hike ... commercial blackmail"
    assert "code" not in parts and "code_value" not in parts            # a code judges the whole sentence
    assert (row["tone"].to_numpy() == tone.score_tone(row["text"])["tone"].to_numpy()).all()


def test_tone_table_puts_lexicon_and_hand_codes_side_by_side_and_flags_small_groups():
    scored = pd.DataFrame({"doc_id": ["a"] * 6 + ["b"] * 2, "group": ["big"] * 6 + ["small"] * 2,
                           "tone": [0.5, 0.1, 0.3, -0.1, 0.2, 0.4, -0.6, -0.2],
                           "code_value": [1, 0, 1, 0, 0, 1, -1, -1]})
    table = tone.tone_table(scored, "group", n_boot=200).set_index("group")
    assert table.loc["big", "tone"] == pytest.approx(0.7 / 3) and table.loc["big", "hand_code_mean"] == 0.5
    assert table.loc["small", "hand_code_mean"] == -1
    assert table["note"].to_dict() == {"big": "", "small": "too few sentences"}


# --- what the lexicons read: reporting verbs and names (look-alike sentences) -------------

LOOKALIKE = pd.read_csv(Path(__file__).parent / "fixtures" / "lookalike" / "tone_sentences.csv", comment="#")


@pytest.mark.parametrize("text", LOOKALIKE.loc[LOOKALIKE["kind"] == "reporting", "text"])
def test_reporting_verbs_read_as_neutral(text):
    # As published, VADER reads "stressed" and "argued" as distress, TextBlob "confirmed" as praise.
    as_published = tone.score_tone([text], reporting=False).iloc[0]
    assert as_published["tone"] <= -tone.NEUTRAL_BAND or as_published["polarity"] >= tone.NEUTRAL_BAND
    masked = tone.score_tone([text]).iloc[0]                    # read as "said": nothing else scores
    assert masked["tone"] == masked["polarity"] == 0.0


def test_a_reporting_verb_beside_praise_keeps_the_praise():
    text = LOOKALIKE.loc[LOOKALIKE["text"].str.startswith("Aliyev stressed"), "text"].item()
    assert tone.mask_for_lexicon(text) == "Aliyev said the importance of trust between the two countries."
    assert tone.score_tone([text])["tone"].item() > tone.score_tone([text], reporting=False)["tone"].item() > 0


@pytest.mark.parametrize("text", LOOKALIKE.loc[LOOKALIKE["kind"] == "name", "text"])
def test_masked_names_hold_no_sentiment(text):
    assert tone.score_tone([text], names=False)["tone"].item() >= tone.NEUTRAL_BAND
    assert tone.score_tone([text], names=True)["tone"].item() == 0.0
    assert tone.NAME_MASK in tone.mask_for_lexicon(text)


@pytest.mark.parametrize("reading, text", LOOKALIKE.loc[LOOKALIKE["kind"] == "keep", ["reading", "text"]].values)
def test_masking_leaves_real_sentiment_alone(reading, text):
    """'is stressed' and 'stresses' are not reporting; a war's name is about the war; a Title
    Case headline is not a name; praise stays praise."""
    scores = {tone.score_tone([text], names=names, reporting=reporting)["tone"].item()
              for names in (False, True) for reporting in (False, True)} - {None}
    if not text.startswith("Aliyev stressed"):
        assert len(scores) == 1
    assert set(tone.tone_class(list(scores))) == {reading}


def test_issue_examples_of_reporting_and_names():
    assert tone.mask_for_lexicon("He stressed, however, that the talks go on.") == "He said, however, that the talks go on."
    assert tone.mask_for_lexicon("Former Soviet states.", names=False) == "Former Soviet states."
    # "and the" does not join two names into one
    assert tone.mask_for_lexicon("Armenia and the Eurasian Economic Union") == "Armenia and the Name"


def test_names_are_masked_only_if_that_does_not_lower_agreement(corpus):
    """The rule fixed before measuring: a reading of the text is kept only if no agreement
    measure of the headline index with the hand codes falls."""
    coded = tone_over_time.tone_overview(corpus)["sentences"]
    table = tone.masking_agreement(coded).set_index(["reading", "score"])
    published = table.loc[("lexicons as published", "vader")]
    reporting = table.loc[("reporting verbs neutral", "vader")]
    names = table.loc[("reporting verbs neutral, names masked", "vader")]
    measures = ["accuracy", "alpha", "rho"]
    assert (reporting[measures] >= published[measures]).all() and tone.MASK_REPORTING
    assert (names[measures] < reporting[measures]).any() and not tone.MASK_NAMES
    assert table["in_use"].sum() == 2 and table.loc["reporting verbs neutral", "in_use"].all()


def test_the_one_seed_sentence_a_reporting_verb_moved(units):
    text = sentence(units, "ap-2024", 11)          # "... rejected the accusations and argued that ..."
    assert tone.score_tone([text], reporting=False)["tone"].item() == pytest.approx(-0.8519)
    assert tone.score_tone([text])["tone"].item() == pytest.approx(-0.7783)


def test_changed_sentences_finds_exactly_the_pairs_of_comparing_every_pair(corpus):
    """The skips (verbatim sentences, difflib's upper bounds) never change which raw sentence
    a clean one is paired with: checked against scoring every pair of an article."""
    from difflib import SequenceMatcher

    found = tone.changed_sentences(corpus)
    raw, clean = tone.raw_sentences(corpus), tone.sentences(corpus)
    expected = []
    for c in clean.itertuples():
        candidates = raw[raw["doc_id"] == c.doc_id]["text"].tolist()
        ratios = [SequenceMatcher(None, r, c.text, autojunk=False).ratio() for r in candidates]
        best = candidates[ratios.index(max(ratios))]
        if max(ratios) >= 0.8 and best != c.text:
            expected.append((c.doc_id, c.position, best))
    assert list(zip(found["doc_id"], found["position"], found["raw_text"])) == expected
    assert len(expected) > 20                      # the damaged article changes many sentences

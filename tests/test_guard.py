"""One guard for every per-article step (issue 26): an article whose segmenting, scoring, theme
matching or figure reading raises is set aside by name and step, the others go on, strict
stops with an error naming it, and notebook 00's intake lists every one."""

import warnings

import pandas as pd
import pytest

import analysis
import analysis.quantities
import analysis.text.segment
import analysis.themes
import analysis.tone
from analysis import config
from analysis.guard import CorpusError, CorpusWarning, keep_articles, set_aside, set_aside_table
from analysis.views import corpus as views

CALM = ("Baku, 14 May 2019. The ferry line between Baku and Makhachkala carried 12,000 passengers "
        "last year, the port said on Tuesday. Officials praised the smooth cooperation on trade.")
BAD = ("Moscow, 2 June 2019. A trade delegation arrived in Moscow for talks on oil and gas. "
       "The word BOOM marks this article for the failing step. Turnover grew by 13 percent.")


@pytest.fixture()
def two_articles(tmp_path):
    (tmp_path / "calm.txt").write_text(CALM, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return analysis.load_corpus(tmp_path)


def failing(real):
    def wrapped(text, *args, **kwargs):
        if "BOOM" in str(text):
            raise ZeroDivisionError("simulated")
        return real(text, *args, **kwargs)
    return wrapped


STEPS = {   # step: (module, the function inside the step that is made to fail, the table it builds)
    "segmenting": (analysis.text.segment, "split_sentences", lambda c: analysis.sentences(c)),
    "scoring": (analysis.tone, "mask_for_lexicon", lambda c: analysis.tone.score_units(analysis.sentences(c))),
    "themes": (analysis.themes, "_find_terms", lambda c: analysis.theme_shares(analysis.sentences(c))),
    "quantities": (analysis.quantities, "_figure_rows", lambda c: analysis.quantity_table(c)),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_a_failing_article_is_set_aside_at_its_step_and_the_rest_goes_on(two_articles, monkeypatch, step):
    module, name, build = STEPS[step]
    monkeypatch.setattr(module, name, failing(getattr(module, name)))
    with pytest.warns(CorpusWarning, match=rf"bad: set aside at {step} \(ZeroDivisionError: simulated\)"):
        table = build(two_articles)
    assert set(table["doc_id"]) == {"calm"}          # the calm article's rows are all there
    assert table.attrs["set_aside"] == [{"file": "bad", "step": step, "error": "ZeroDivisionError: simulated"}]
    with pytest.raises(CorpusError, match=rf"bad: {step} failed \(ZeroDivisionError: simulated\)"):
        monkeypatch.setattr(config, "STRICT", True)
        build(two_articles)


def test_nothing_is_set_aside_when_nothing_fails(two_articles):
    for _, _, build in STEPS.values():
        table = build(two_articles)
        assert set(table["doc_id"]) == {"calm", "bad"} and table.attrs["set_aside"] == []


def test_notebook_00_lists_later_failures_with_the_loading_ones(two_articles, monkeypatch):
    monkeypatch.setattr(analysis.tone, "mask_for_lexicon", failing(analysis.tone.mask_for_lexicon))
    monkeypatch.setattr(analysis.quantities, "_figure_rows", failing(analysis.quantities._figure_rows))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        later = views.screen(two_articles)
    assert later.to_dict("records") == [
        {"file": "bad", "step": "scoring", "error": "ZeroDivisionError: simulated"},
        {"file": "bad", "step": "quantities", "error": "ZeroDivisionError: simulated"}]
    table = views.intake_table(two_articles, later)
    assert list(table["what"]) == ["set aside at scoring", "set aside at quantities"]
    summary = views.intake_summary(two_articles, later)
    assert "Set aside 2 (1 at scoring, 1 at quantities)" in summary and "kept 2" in summary


def test_the_seed_study_is_strict(monkeypatch):
    corpus = analysis.open_study()
    assert config.STRICT
    monkeypatch.setattr(analysis.tone, "mask_for_lexicon", lambda *a, **k: 1 / 0)
    with pytest.raises(CorpusError, match=r"scoring failed \(ZeroDivisionError"):
        analysis.tone.score_units(analysis.sentences(corpus.head(1)))


def test_a_unit_table_without_doc_ids_is_named_by_row():
    with pytest.warns(CorpusWarning, match="1: set aside at scoring"):
        keep, records = keep_articles("scoring", [1, ValueError("x"), 3], [0, 1, 2], strict=False)
    assert keep == [True, False, True] and records[0]["file"] == "1"
    with pytest.raises(ValueError, match="unknown step"):
        set_aside("a.txt", "printing", "x")
    assert set_aside_table(pd.DataFrame()).empty


def test_score_tone_names_the_text_it_cannot_score(monkeypatch):
    monkeypatch.setattr(analysis.tone, "mask_for_lexicon", failing(analysis.tone.mask_for_lexicon))
    with pytest.raises(ValueError, match=r"text 1 could not be scored \(ZeroDivisionError: simulated\)"):
        analysis.score_tone(["fine words", "BOOM"])


# --- issue 26: a unit whose scoring cost would grow with the square of its words is refused, by name

def test_a_unit_far_longer_than_a_sentence_sets_its_article_aside_at_scoring(two_articles):
    units = analysis.sentences(two_articles)
    units.loc[units["doc_id"] == "bad", "text"] = "trade " * (analysis.tone.MAX_TONE_WORDS + 1)
    with pytest.warns(CorpusWarning, match=r"bad: set aside at scoring \(TooLongToScore: one unit holds 401 words"):
        scored = analysis.tone.score_units(units)
    assert set(scored["doc_id"]) == {"calm"}
    with pytest.raises(ValueError, match="text 0 could not be scored"):
        analysis.score_tone(["trade " * 401])
    assert analysis.score_tone(["a good day " * 130])["tone"].iloc[0] > 0.9   # 390 words: scored


def test_empty_unit_tables_keep_their_columns(two_articles):
    """An empty sentence table (a corpus with no English article) goes through every guarded
    step and keeps its columns: no article is dropped because none is there."""
    empty = analysis.sentences(two_articles.iloc[0:0])
    assert list(empty.columns) == list(analysis.sentences(two_articles).columns) and empty.empty
    scored = analysis.tone.score_units(empty)
    assert {"doc_id", "text", "tone", "vader"} <= set(scored.columns) and scored.empty
    assert {"doc_id", "theme", "hits"} <= set(analysis.theme_shares(empty).columns)
    assert {"doc_id", "theme", "term"} <= set(analysis.theme_matches(empty).columns)


def test_a_partition_of_articles_not_in_english_gives_empty_tables_not_an_error():
    from analysis import tables

    french = ("Le président russe est arrivé à Bakou mardi pour des entretiens avec son homologue. Les deux "
              "pays ont signé plusieurs accords sur le commerce et le transport, selon les communiqués.")
    got = tables.part_tables(pd.DataFrame({"text": [french], "published": ["2024-08-19"]}), "fr.csv", 1)
    assert len(got["articles"]) == 1 and got["sentences"].empty and got["figures"].empty
    assert got["set_aside"].empty

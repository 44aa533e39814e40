"""A run of the notebooks on any corpus: parameters applied in one place, claims asserted on the
seeds and printed elsewhere, long tables shown in part and saved whole."""

import pandas as pd
import pytest

from analysis import config, study


@pytest.fixture()
def restore_config():
    saved = {k: getattr(config, k) for k in ("CORPUS", "OUT_DIR", "FIGURES_DIR", "ERAS_FILE", "CODES_FILE",
                                             "THEME_CODES_FILE")}
    yield
    for k, v in saved.items():
        setattr(config, k, v)


def test_a_claim_is_an_assert_on_the_seeds(restore_config):
    config.CORPUS = None
    study.check(True, "holds")
    with pytest.raises(AssertionError, match="two eras"):
        study.check(False, "two eras")


def test_a_claim_is_a_printed_check_on_another_corpus(restore_config, tmp_path, capsys):
    config.CORPUS = tmp_path
    study.check(False, "the last era holds most words")
    study.check(True, "word damage is concentrated")
    assert capsys.readouterr().out.splitlines() == [
        "DOES NOT HOLD on this corpus: the last era holds most words",
        "holds on this corpus: word damage is concentrated"]


def test_a_long_table_is_shown_in_part_and_saved_whole(restore_config, tmp_path, capsys):
    config.OUT_DIR = tmp_path
    frame = pd.DataFrame({"x": range(100)})
    shown = study.table(frame, "numbers", rows=10)
    assert len(shown) == 10
    assert "100 rows; the first 10 are shown; the full table is tables/numbers.csv" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "tables" / "numbers.csv")["x"].tolist() == list(range(100))
    assert study.table(frame.head(0), "empty") is None and capsys.readouterr().out == "(none)\n"


def test_open_study_applies_the_parameters(restore_config, tmp_path):
    eras = tmp_path / "eras.csv"
    eras.write_text("era,start,end\nall,2000-01-01,2030-12-31\n")
    corpus = study.open_study(out=tmp_path / "run", eras=eras)
    assert config.FIGURES_DIR == (tmp_path / "run" / "figures").resolve() and config.ERAS_FILE == eras.resolve()
    assert set(corpus["era"]) == {"all"} and study.is_seed_corpus()
    assert study.comparison_note(corpus).startswith("No comparison between eras: this corpus has only one era")


def test_comparison_note_is_empty_with_two_eras(corpus):
    assert study.comparison_note(corpus) == "" and study.dated_groups(corpus) == list(corpus["era"].cat.categories)

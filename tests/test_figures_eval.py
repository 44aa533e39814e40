"""The figure extractor against 180 sentences written for the purpose, each with its figures
written by hand (tests/fixtures/figures_eval.txt; scored by benchmarks/figures_eval.py)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "figures_eval.py"


@pytest.fixture(scope="module")
def evaluation():
    spec = importlib.util.spec_from_file_location("figures_eval", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["figures_eval"] = module          # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(evaluation):
    return evaluation.evaluate()


def test_the_set_is_large_enough_and_well_formed(evaluation):
    cases = evaluation.read_cases()
    assert len(cases) >= 150
    assert sum(len(golds) for _, golds in cases) >= 150
    assert len({sentence for sentence, _ in cases}) == len(cases)          # no sentence twice


def test_precision_and_recall_meet_the_targets(scores):
    assert scores["precision"] >= 0.97, scores["problems"]
    assert scores["recall"] >= 0.95, scores["problems"]
    assert scores["all_fields_right"] >= 0.95, scores["problems"]


def test_no_zero_without_a_zero_and_no_measurement_as_a_count(scores):
    assert scores["zero_without_zero"] == 0
    assert scores["measurement_as_count"] == 0


def test_the_flag_columns_agree_with_the_hand_codes(scores):
    for column in ("ambiguous", "unit_word", "direction"):
        assert scores[f"{column}_agreement"] >= 0.95, scores["problems"]


def test_a_wrong_reading_lowers_the_scores(evaluation):
    """The scorer can fail: a case whose hand-written value is off counts as wrong."""
    case = evaluation.read_cases()[0]
    sentence, golds = case
    bad = [evaluation.Gold(g.span, g.value * 10, g.unit, g.per, g.flags) for g in golds]
    scores = evaluation.evaluate([(sentence, bad)])
    assert scores["all_fields_right"] == 0 and scores["precision"] == 1

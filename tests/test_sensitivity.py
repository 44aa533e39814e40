"""The sensitivity helpers added to analysis.stats: the exact test of two rates, and a
comparison run again without each article and with wire news only."""

import pandas as pd
import pytest

from analysis import stats


def test_exact_rate_test_by_hand():
    # 3 events, all in group a, equal sizes: P(all 3 in a) = 0.5 ** 3
    assert stats.exact_rate_test(3, 100, 0, 100) == pytest.approx(0.125)
    # a is three times b's size: P(X >= 2 | n = 2, p = 0.75) = 0.5625
    assert stats.exact_rate_test(2, 300, 0, 100) == pytest.approx(0.5625)
    # 1 in a, 2 in b, equal sizes: P(X >= 1 | n = 3, p = 0.5) = 1 - 0.125
    assert stats.exact_rate_test(1, 10, 2, 10) == pytest.approx(0.875)
    assert stats.exact_rate_test(0, 10, 0, 10) == 1.0


ARTICLES = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                         "genre": ["wire news", "analysis", "wire news", "wire news"]})
SIDE = {"a": "early", "b": "early", "c": "late", "d": "late"}
VALUE = {"a": 1, "b": 5, "c": 2, "d": 2}


def finding(keep):
    """'late is higher': the mean of the late articles kept above the mean of the early ones;
    None when a side has no article left."""
    early = [VALUE[d] for d in keep if SIDE[d] == "early"]
    late = [VALUE[d] for d in keep if SIDE[d] == "late"]
    if not early or not late:
        return {"late is higher": None, "b is kept": "b" in keep}
    return {"late is higher": sum(late) / len(late) > sum(early) / len(early), "b is kept": "b" in keep}


def test_sensitivity_names_the_article_a_finding_rests_on():
    result = stats.sensitivity(ARTICLES, finding)
    table = result.table
    # all: late 2 against early 3 -> no; it is not a finding on all articles
    assert table.loc["late is higher", "all articles"] == "does not hold"
    assert table.loc["late is higher", "leave one article out"] == "—"
    # wire news only (a, c, d): late 2 against early 1 -> holds
    assert table.loc["late is higher", "wire news only"] == "holds"
    assert result.wire and result.wire_note == "3 of 4 articles"
    assert table.loc["b is kept", "fails without"] == ["b"]
    assert table.loc["b is kept", "leave one article out"] == "fails without b"
    assert result.holding("holds up") == []


def test_a_finding_that_cannot_be_checked_says_so():
    two = ARTICLES[ARTICLES["doc_id"].isin(["b", "c"])]
    result = stats.sensitivity(two, lambda keep: {"late is higher": finding(keep)["late is higher"]})
    # b alone is early, c alone is late: without either, one side is empty
    row = result.table.loc["late is higher"]
    assert row["all articles"] == "does not hold"
    result = stats.sensitivity(ARTICLES[ARTICLES["doc_id"].isin(["a", "c"])],
                               lambda keep: {"late is higher": finding(keep)["late is higher"]})
    row = result.table.loc["late is higher"]
    assert row["all articles"] == "holds"
    assert row["leave one article out"] == "cannot be checked without a, c (no article left on one side)"
    assert not row["holds up"]


def test_wire_only_needs_a_genre():
    assert stats.wire_articles(ARTICLES.drop(columns="genre")) == \
        (None, "unavailable (this corpus has no genre metadata)")
    assert stats.wire_articles(ARTICLES.assign(genre="")) == (None, "unavailable (this corpus has no genre metadata)")
    assert stats.wire_articles(ARTICLES.assign(genre="analysis"))[0] is None
    result = stats.sensitivity(ARTICLES.drop(columns="genre"), finding)
    assert not result.wire and (result.table["wire news only"] == "unavailable").all()


def test_survival_counts_runs():
    runs = stats.leave_one_out(ARTICLES, lambda t: {"x": len(t) > 3, "y": True})
    table = stats.survival(runs).set_index("finding")
    assert table.loc["x", "holds in"] == 0 and table.loc["x", "fails without"] == ["a", "b", "c", "d"]
    assert table.loc["y", "holds up"] and table.loc["y", "runs"] == 4

"""Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) against
numbers worked out by hand from the formula, on short fragments of the seeds."""

import math

import numpy as np
import pandas as pd
import pytest

import analysis

# Five fragments of the seeds. Early: "oil exports", "gas pipeline", "oil production" (6 words);
# late: "oil trade", "transit country" (4 words). Pooled counts: oil 3, every other word 1;
# n = 10. The default prior is the pooled counts: a_w = y_w, a_0 = 10.
FRAGMENTS = pd.DataFrame({
    "text": ["oil exports", "gas pipeline", "oil production", "oil trade", "transit country"],
    "span": ["2001-2007", "2001-2007", "2001-2007", "2024", "2024"],
})

# Worked by hand (focus = 2024: y_i counts in 2024, n_i = 4; y_j in 2001-2007, n_j = 6):
# oil:     y_i=1, y_j=2, a=3: delta = ln(4/10) - ln(5/11) = ln(0.88)      = -0.127833
#          var = 1/4 + 1/5 = 0.45, se = 0.670820, z = -0.190563
# transit: y_i=1, y_j=0, a=1: delta = ln(2/12) - ln(1/15) = ln(2.5)       =  0.916291
#          var = 1/2 + 1/1 = 1.5, se = 1.224745, z = 0.748148
# gas:     y_i=0, y_j=1, a=1: delta = ln(1/13) - ln(2/14) = ln(14/26)     = -0.619039
#          se = 1.224745, z = -0.505443
HAND = {"oil": (1, 2, -0.127833, 0.670820, -0.190563),
        "transit": (1, 0, 0.916291, 1.224745, 0.748148),
        "gas": (0, 1, -0.619039, 1.224745, -0.505443)}


@pytest.fixture(scope="module")
def table():
    return analysis.keyness(FRAGMENTS, "span", drop=frozenset())


def test_fragments_are_from_the_seeds(clean):
    text = " ".join(clean.values())
    for fragment in ("oil exports", "gas pipeline", "oil production", "oil trade", "transit country"):
        assert fragment in text


@pytest.mark.parametrize("word", HAND)
def test_matches_hand_computation(table, word):
    row = table.set_index("term").loc[word]
    n_late, n_early, delta, se, z = HAND[word]
    assert (row["n_focus"], row["n_other"]) == (n_late, n_early)
    assert row["log_odds_ratio"] == pytest.approx(delta, abs=1e-6)
    assert row["se"] == pytest.approx(se, abs=1e-6)
    assert row["z"] == pytest.approx(z, abs=1e-6)


def test_focus_defaults_to_the_later_group_and_sizes_are_reported(table):
    assert set(table["focus"]) == {"2024"} and set(table["other"]) == {"2001-2007"}
    assert set(table["words_focus"]) == {4} and set(table["words_other"]) == {6}
    assert list(table["z"]) == sorted(table["z"], reverse=True)


def test_swapping_the_focus_flips_the_sign(table):
    other = analysis.keyness(FRAGMENTS, "span", focus="2001-2007", drop=frozenset())
    merged = table.merge(other, on="stem", suffixes=("", "_swapped"))
    assert np.allclose(merged["z"], -merged["z_swapped"])


def test_a_weaker_prior_shrinks_less():
    # prior_total 5: a_w = y_w / 2. transit: a = 0.5, a_0 = 5:
    # delta = ln(1.5/7.5) - ln(0.5/10.5) = ln(4.2) = 1.435085; se = sqrt(1/1.5 + 1/0.5) = 1.632993
    row = analysis.keyness(FRAGMENTS, "span", prior_total=5, drop=frozenset()).set_index("term").loc["transit"]
    assert row["log_odds_ratio"] == pytest.approx(1.435085, abs=1e-6)
    assert row["z"] == pytest.approx(1.435085 / 1.632993, abs=1e-6)
    assert row["log_odds_ratio"] > math.log(2.5)


def test_stop_words_and_names_are_left_out_by_default():
    units = pd.DataFrame({"text": ["Putin said the oil deal", "Aliyev told us about cargo"],
                          "span": ["a", "b"]})
    assert set(analysis.keyness(units, "span")["term"]) == {"oil", "deal", "cargo"}


def test_three_groups_need_a_focus():
    units = FRAGMENTS.assign(span=["2001", "2007", "2007", "2024", "2024"])
    with pytest.raises(ValueError, match="focus"):
        analysis.keyness(units, "span", drop=frozenset())
    pooled = analysis.keyness(units, "span", focus="2024", drop=frozenset())
    assert set(pooled["other"]) == {"2001 + 2007"}


def test_article_resampling_interval_by_hand():
    # Focus side: article A says "oil oil", B "gas gas"; other side: C and D each "oil gas".
    # Pooled: oil 4, gas 4, so a_w = 4 for both and a_0 = 8 (the prior stays at the full data's).
    # Resampling C and D changes nothing; resampling A and B gives AA (oil 4, gas 0), AB or BB
    # (oil 0), each extreme with probability 1/4 > 2.5%, so the 95% interval of oil's log-odds
    # runs between the extremes:
    #   AA: ln((4+4)/(4+8-4-4)) - ln((2+4)/(4+8-2-4)) = ln(8/4) - ln(6/6) = ln 2
    #   BB: ln((0+4)/(4+8-0-4)) - 0 = ln(4/8) = -ln 2
    from analysis.distinctive import keyness_intervals, stem_counts
    units = pd.DataFrame({"doc_id": ["A", "B", "C", "D"], "text": ["oil oil", "gas gas", "oil gas", "oil gas"]})
    counts = stem_counts(units, drop=frozenset())
    side = pd.Series(["late", "late", "early", "early"], index=["A", "B", "C", "D"])
    table = keyness_intervals(counts, side, focus="late").set_index("stem")
    assert table.loc["oil", "low"] == pytest.approx(-math.log(2))
    assert table.loc["oil", "high"] == pytest.approx(math.log(2))
    # one article on a side: nothing to resample
    alone = keyness_intervals(counts.loc[["A", "C", "D"]], side, focus="late")
    assert alone["low"].isna().all()


def test_counts_by_article_add_up_to_keyness_counts(table):
    from analysis.distinctive import stem_counts
    counts = stem_counts(FRAGMENTS.assign(doc_id=["a", "b", "c", "d", "e"]), drop=frozenset())
    assert counts.loc[["a", "b", "c"], "oil"].sum() == table.set_index("term").loc["oil", "n_other"]
    assert counts.loc[["d", "e"], "oil"].sum() == table.set_index("term").loc["oil", "n_focus"]


def test_the_long_stem_counts_are_the_nonzero_cells_of_the_matrix(corpus):
    from analysis.distinctive import stem_count_table, stem_counts

    units = analysis.sentences(corpus)
    wide, long = stem_counts(units), stem_count_table(units)
    cells = {(d, s): int(n) for (d, s), n in wide.stack().items() if n}
    summed = long.groupby(["doc_id", "stem"])["count"].sum()
    assert {key: int(n) for key, n in summed.items()} == cells
    assert len(summed) == len(cells) and (long["count"] > 0).all()
    # the forms as the seeds print them: 'allowed' and 'allowing' (seed 003), 'allowing' twice (seed 004)
    allow = long[long["stem"] == "allow"].groupby("form")["count"].sum().to_dict()
    assert allow == {"allowed": 1, "allowing": 3}

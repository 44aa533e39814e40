"""The one bootstrap module: seeded, keyed, sentence- or article-level, exact at zero."""

import numpy as np
import pytest

from analysis import stats, tone


def test_exact_interval_at_zero_is_not_zero_to_zero():
    """0 of 22 sentences: the 95% Clopper-Pearson upper bound solves (1 - p)^22 = 0.025."""
    low, high = stats.exact_binomial_interval(0, 22)
    assert low == 0.0
    assert high == pytest.approx(1 - 0.025 ** (1 / 22))      # 0.154
    assert 0.15 < high < 0.16


def test_exact_interval_is_symmetric_and_covers_the_share():
    low, high = stats.exact_binomial_interval(np.array([3, 19]), np.array([22, 22]))
    assert low[0] == pytest.approx(1 - high[1]) and high[0] == pytest.approx(1 - low[1])
    assert low[0] < 3 / 22 < high[0]
    assert stats.exact_binomial_interval(22, 22)[1] == 1.0
    assert np.isnan(stats.exact_binomial_interval(0, 0)[0])


def test_sentence_bootstrap_matches_the_tone_module_draw_for_draw():
    values = [0.5, -0.2, 0.0, 0.9, 0.1, -0.4]
    assert stats.bootstrap_mean(values, 500, stats.generator(seed=7)) == tone.bootstrap_mean(values, 500, 7)


def test_keyed_generators_do_not_depend_on_other_groups():
    a = stats.generator(("2007 gas-price rift", "energy")).integers(0, 1000, 5)
    b = stats.generator(("2007 gas-price rift", "energy")).integers(0, 1000, 5)
    c = stats.generator(("2024 sanctions era", "energy")).integers(0, 1000, 5)
    assert (a == b).all() and not (a == c).all()


def test_cluster_interval_resamples_whole_articles():
    # Two articles: one all-positive (3 of 3 sentences), one all-neutral (0 of 5).
    low, high = stats.cluster_ratio_interval([3, 0], [3, 5], n_boot=2000, rng=stats.generator())
    assert low == 0.0 and high == 1.0        # drawing one article twice is possible
    # Identical articles leave no between-article variation.
    low, high = stats.cluster_ratio_interval([2, 2, 2], [4, 4, 4], rng=stats.generator())
    assert low == high == 0.5


def test_cluster_interval_needs_two_articles():
    low, high = stats.cluster_ratio_interval([[1, 2]], [3], rng=stats.generator())
    assert np.isnan(low).all() and np.isnan(high).all() and low.shape == (2,)


def test_cluster_interval_for_several_shares_at_once():
    hits = np.array([[4, 0], [1, 1], [0, 3]])               # theme hits per article
    low, high = stats.cluster_ratio_interval(hits, hits.sum(axis=1), rng=stats.generator())
    assert low.shape == (2,) and (low <= hits.sum(0) / hits.sum()).all() and (high >= hits.sum(0) / hits.sum()).all()


def test_era_summary_resamples_articles_and_says_when_it_cannot():
    import pandas as pd
    articles = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "era": ["x", "y", "y", "y"],
                             "tone": [0.5, -0.1, 0.2, 0.4]})
    table = stats.era_summary(articles, "tone").set_index("era")
    assert table.loc["x", "n_articles"] == 1 and table.loc["x", "note"].startswith("one article")
    assert np.isnan(table.loc["x", "low"])
    assert table.loc["y", "mean"] == pytest.approx(0.5 / 3)
    assert -0.1 - 1e-12 <= table.loc["y", "low"] < table.loc["y", "mean"] < table.loc["y", "high"] <= 0.4 + 1e-12


def test_leave_one_out_names_the_article_a_finding_rests_on():
    import pandas as pd
    articles = pd.DataFrame({"doc_id": ["a", "b", "c"], "tone": [0.1, 0.0, 0.9]})
    runs = stats.leave_one_out(articles, lambda t: {"warm": t["tone"].mean() > 0.2})
    assert list(runs["dropped"]) == ["", "a", "b", "c"]
    assert list(runs["warm"]) == [True, True, True, False]        # rests on article c


def test_resamples_drawn_in_blocks_are_those_of_one_draw(monkeypatch):
    from analysis import distinctive, stats

    rng = np.random.default_rng(3)
    hits, words = rng.integers(0, 5, size=(60, 4)).astype(float), rng.integers(1, 9, size=(60, 3)).astype(float)
    one = stats.cluster_ratio_interval(hits, hits.sum(axis=1), 500, stats.generator("x"))
    sums = distinctive.resampled_sums(words, 500, stats.generator("y"))
    monkeypatch.setattr(stats, "RESAMPLE_CELLS", 7 * 60)          # blocks of 7 resamples
    blocked = stats.cluster_ratio_interval(hits, hits.sum(axis=1), 500, stats.generator("x"))
    assert np.allclose(one, blocked)
    assert np.allclose(sums, distinctive.resampled_sums(words, 500, stats.generator("y")))
    assert len(list(stats.resample_blocks(60, 500, stats.generator("z")))) == 72     # ceil(500 / 7)

"""NMF topics: the same seed gives the same topics, names and actors stay out of the vocabulary,
tables are tidy, and the stability matching and the k rule do what they say."""

import numpy as np
import pytest

import analysis
from analysis.config import SEED
from analysis.topics import TOP_TERMS, match_topics, pick_k, topic_stability


@pytest.fixture(scope="module")
def paragraphs(corpus):
    return analysis.paragraphs(corpus)


@pytest.fixture(scope="module")
def model(paragraphs):
    return analysis.fit_topics(paragraphs, k=4, seed=SEED)


def test_same_seed_same_topics(paragraphs, model):
    again = analysis.fit_topics(paragraphs, k=4, seed=SEED)
    assert np.array_equal(model.components, again.components)
    assert model.terms.equals(again.terms)
    assert model.weights.equals(again.weights)


def test_seed_reaches_the_model(paragraphs):
    # at k = 6 the random start matters: two seeds do not give identical factors
    a = analysis.fit_topics(paragraphs, k=6, seed=SEED)
    b = analysis.fit_topics(paragraphs, k=6, seed=SEED + 1)
    assert not np.array_equal(a.components, b.components)


def test_names_actors_and_stop_words_are_not_topic_words(model):
    for word in ("putin", "aliyev", "russia", "azerbaijan", "baku", "moscow", "said", "the"):
        assert word not in model.vocabulary
    assert "karabakh" in model.vocabulary and "caspian" in model.vocabulary


def test_tables_are_tidy(paragraphs, model):
    assert len(model.weights) == len(paragraphs) * 4
    assert "text" not in model.weights.columns
    assert model.terms.groupby("topic").size().max() <= TOP_TERMS
    for _, group in model.terms.groupby("topic"):
        assert list(group["weight"]) == sorted(group["weight"], reverse=True)
    prevalence = model.weights.groupby("topic")["weight"].sum()
    assert list(prevalence) == sorted(prevalence, reverse=True)       # topic 1 is the largest
    assert np.allclose(model.components.sum(axis=1), 1)
    shares = model.weights.groupby(["doc_id", "position"])["share"].sum(min_count=1).dropna()
    assert np.allclose(shares, 1)


def test_matching_by_hand():
    a = np.array([[1.0, 0.0], [0.0, 1.0]])
    b = np.array([[0.0, 2.0], [1.0, 1.0]])
    # cosines: a0.b0 = 0, a0.b1 = 0.7071, a1.b0 = 1, a1.b1 = 0.7071 -> a0~b1, a1~b0
    assert np.allclose(match_topics(a, b), [1 / np.sqrt(2), 1.0])
    assert np.allclose(match_topics(a, a[::-1]), [1.0, 1.0])


def test_k_rule_needs_an_unbroken_run():
    assert pick_k([2, 3, 4, 5], [1.0, 0.99, 0.90, 0.97], stable=0.95) == 3
    assert pick_k([2, 3, 4], [0.8, 0.99, 0.99], stable=0.95) == 2
    assert pick_k([2, 3, 4], [0.96, 0.97, 0.98], stable=0.95) == 4


def test_stability_table_has_every_pair(paragraphs):
    pairs = topic_stability(paragraphs, k=2, seeds=[1, 2, 3])
    assert list(zip(pairs["seed_a"], pairs["seed_b"])) == [(1, 2), (1, 3), (2, 3)]
    assert ((pairs["mean_similarity"] <= 1 + 1e-9) & (pairs["min_similarity"] <= pairs["mean_similarity"])).all()


def test_the_k_sweep_runs_on_a_stated_sample_of_a_large_corpus(paragraphs):
    from analysis.topics import choose_k, sweep_sample
    sample = sweep_sample(paragraphs, max_units=30)
    assert len(sample) == 30 and sample.index.is_monotonic_increasing
    assert sample.equals(sweep_sample(paragraphs, max_units=30))          # the same draw every time
    assert sweep_sample(paragraphs).equals(paragraphs)                    # 73 paragraphs: all of them
    choice = choose_k(paragraphs, ks=[2, 3], seeds=[1, 2], max_units=30)
    assert choice.attrs["sample"] == (30, len(paragraphs))
    assert list(choice["k"]) == [2, 3] and choice["chosen"].sum() == 1

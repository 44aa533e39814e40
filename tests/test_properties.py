"""Property-based tests (hypothesis): cleaning never raises, is idempotent, and keeps every
sentence that carries no boilerplate."""

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.text.cleaning import clean_text

CLEAN_SENTENCES = list(analysis.sentences(analysis.load_corpus()).query("not is_title")["text"])

messy_alphabet = st.sampled_from(
    list(string.ascii_letters + string.digits + "  .,;:!?'\"-$\\#*[]()/")
    + ["\n", "\n\n", "\u2014", "\u2013", "\u2019", "\u201c", "\u201d", "\u00a0", "\ufeff", "\r\n"]
)
messy_text = st.lists(messy_alphabet, max_size=300).map("".join)


@st.composite
def seed_document(draw):
    """Distinct clean seed sentences in paragraphs (a repeated paragraph is scrape damage)."""
    chosen = draw(st.lists(st.sampled_from(CLEAN_SENTENCES), min_size=1, max_size=12, unique=True))
    cuts = sorted(draw(st.sets(st.integers(1, max(len(chosen) - 1, 1)), max_size=4)))
    bounds = [0, *[c for c in cuts if c < len(chosen)], len(chosen)]
    return "\n\n".join(" ".join(chosen[a:b]) for a, b in zip(bounds, bounds[1:]) if a < b)


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_clean_text_never_raises_on_any_text(text):
    assert isinstance(clean_text(text), str)


@PROPERTY_SETTINGS
@given(st.one_of(messy_text, seed_document()))
@example("a -—")              # found by a random search: a hyphen glued to a dash became a second dash
@example("x —- y")
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@PROPERTY_SETTINGS
@given(seed_document())
def test_sentences_without_boilerplate_survive(document):
    cleaned = clean_text(document)
    for paragraph in document.split("\n\n"):
        assert paragraph in cleaned

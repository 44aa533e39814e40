"""Any text in, for the figure modules (issue 26): every public function of quantities,
numbers and periods takes any string (control characters, bidi marks, lone combining marks,
private-use characters, any length) without an error from inside, and gives the right figures
on pathological text: long runs of one number, many short sentences, long digit strings,
tables of numbers. (Timing is the benchmark's job: `make.py bench --adversarial` prints growth
exponents.)

Example budgets are modest; set HYPOTHESIS_PROFILE=thorough for a larger search.
"""

import os
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.text import numbers, periods
from analysis.quantities import MAX_SENTENCE_CHARS, MAX_WARNINGS, UnreadableFigureWarning, extract_quantities

EXAMPLES = 2000 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 60
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPACES = [" ", "\t", "\u00a0", "\u2007", "\u2009", "\u202f", "\u2003", "\u3000", "\u1680"]
ODD = ["\x00", "\x07", "\x1b", "\ufeff", "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
       "\u2069", "\u0301", "\u20dd", "\ue000", "\U000f0000", "\u00ad", "\u2028", "\r", "\x85"]
PIECES = ["7", "7 ", "7,", "7.", "000", "1 234", "$", "€", "-", "\u2212", "(", ")", "%", "bn", " million",
          " tonnes", "-km", " per day", "/h", " GHz", "fell by ", "deficit of ", "last year", "the first ",
          " months of ", "2024", "Russia 24 ", "between ", " and ", " to ", "from ", "minus ", "seven ",
          "\n", "\n\n", ". ", "x", "Q1 ", "H1", "January-July ", "9,5", "4,500", "1.234.567", "10'000"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES + SPACES + ODD), max_size=80).map("".join),
    st.tuples(st.sampled_from(PIECES + SPACES + ODD), st.integers(1, 3000)).map(lambda t: t[0] * t[1]),
    st.text(alphabet=st.sampled_from("0123456789 ,.'\u00a0\u2009-$%"), max_size=300),
)
published = st.sampled_from([None, "2024-08-19", "2024-08-19/2024-08-25", 2007, "2024", float("nan")])


@SETTINGS
@given(texts, published)
def test_extract_quantities_takes_any_text(text, when):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnreadableFigureWarning)
        found = extract_quantities(text, when)
    for row in found.itertuples():
        assert 0 <= row.start <= row.end <= len(text)
        assert text[row.start:row.end] == row.span
        assert row.span in row.sentence and row.sentence in text
        assert row.low != row.low or row.high != row.high or row.low <= row.high


@SETTINGS
@given(texts)
def test_number_readers_take_any_text(text):
    for token in [text, text.strip(), text[:50]]:
        reading = numbers.read_digits(token)
        assert reading is None or reading.value == reading.value
        numbers.parse_digits(token)
        numbers.words_to_number(token)
        numbers.scale_of(token)
    numbers.article_style(text.split())


@SETTINGS
@given(texts, published)
def test_find_periods_takes_any_text(text, when):
    for p in periods.find_periods(text, when):
        assert 0 <= p.start < p.end <= len(text)
        assert p.first is None or (p.date_start <= p.date_end and p.label)


@SETTINGS
@given(st.text(max_size=60))
def test_publication_takes_any_string_or_says_what_is_wrong(text):
    try:
        periods.publication(text)
    except ValueError as error:
        assert "published=" in str(error)


def test_periods_beyond_what_a_date_column_holds_stay_unresolved():
    row = extract_quantities("Trade will reach $4 billion over the next 200 years.", 2099).iloc[0]
    assert row["period"] == "" and row["period_start"] is pd.NaT
    assert [p.first for p in periods.find_periods("over the next 150 years", 2024)] == [2024]


def test_non_text_gives_an_empty_table():
    for value in (None, float("nan"), 7, b"7 tonnes", ["7 tonnes"]):
        assert extract_quantities(value).empty
    assert periods.find_periods(None) == []


# ---------------------------------------------------------------------------------------------
# The right figures on pathological text


def test_a_run_of_one_number():
    text = "7 " * 5000
    found = extract_quantities(text, "2024-08-19")
    assert len(found) == 5000 and set(found["value"]) == {7.0} and set(found["unit"]) == {"count"}
    assert all(text[r.start:r.end] == "7" for r in found.itertuples())
    assert found["sentence"].str.len().max() <= MAX_SENTENCE_CHARS      # one 10,000-character "sentence", shown as a window


def test_runs_of_short_sentences_lines_and_ranges():
    assert len(extract_quantities("7. " * 3000)) == 3000
    assert len(extract_quantities("7\n" * 3000)) == 3000
    found = extract_quantities("7-7-7-7-7-7 " * 200)
    assert set(found["qualifier"]) <= {"exact", "range"} and (found["low"] <= found["high"]).all()


def test_a_table_of_grouped_numbers_reads_each_cell():
    row = "1 234 567\t8 900\t12,5\n"
    found = extract_quantities(row * 500)
    assert list(found["value"][:3]) == [1_234_567, 8900, 12.5] and len(found) == 1500


def test_repeated_periods_and_years_each_resolve():
    found = extract_quantities("last year 7%, " * 1000, "2024-08-19")
    assert len(found) == 1000 and set(found["period"]) == {"2023"}
    found = extract_quantities("2001 7 " * 1000)
    assert len(found) == 1000 and set(found["value"]) == {7.0} and set(found["period"]) == {"2001"}


def test_many_names_and_framing_durations():
    assert extract_quantities("Russia 24 TV " * 1000).empty
    assert extract_quantities("in the first seven months, " * 1000, "2024-08-19").empty


def test_a_long_digit_string_is_one_unreadable_figure_named_once():
    with pytest.warns(UnreadableFigureWarning, match=r"x.txt: cannot read the figure '7{60}\.\.\. \(100,000 characters\)'"):
        found = extract_quantities("7" * 100_000, source="x.txt")
    assert found.empty


def test_many_unreadable_figures_give_a_bounded_number_of_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        extract_quantities("12,34,567 " * 2000, source="x.txt")
    unreadable = [w for w in caught if issubclass(w.category, UnreadableFigureWarning)]
    assert len(unreadable) == MAX_WARNINGS + 1 and "1,995 more" in str(unreadable[-1].message)


@pytest.mark.parametrize("char", ODD + SPACES)
def test_odd_characters_around_a_figure(char):
    text = f"Trade{char}reached{char}$4 billion{char}in{char}2023{char}."
    found = extract_quantities(text, "2024-08-19")
    assert all(text[r.start:r.end] == r.span for r in found.itertuples())
    assert 4e9 in set(found["value"])


def test_deep_brackets_and_long_tokens():
    assert extract_quantities("(" * 5000 + "$5" + ")" * 5000).iloc[0]["value"] in (5.0, -5.0)
    assert extract_quantities("x" * 100_000 + " 5 tonnes").iloc[0]["value"] == 5


@SETTINGS
@given(st.lists(st.sampled_from(["trade", "turnover", "surplus", "killed", "set aside", "SURPLUS", "ſurplus",
                                 "Killed", "İnvest", "invest", "gas", "price of natural gas", "produce oil", " ",
                                 "x", "-", "deficit", "lives", "goods"]), max_size=12).map(" ".join))
def test_the_keyword_gate_never_hides_a_match(window):
    """The literal words a measure row needs (quantities._needles) are in every window its
    pattern matches, so skipping windows without them changes no measure."""
    from analysis.quantities import _gated_rows, _measure_rows
    for measure, _, pattern, kinds, _ in _measure_rows():
        if pattern.search(window):
            assert any(m == measure for kind in kinds for m, _, _ in _gated_rows(window, kind))

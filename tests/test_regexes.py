"""The regex speed-ups must find exactly what the plain patterns find."""

import re

from analysis.text.periods import find_periods
from analysis.text.regexes import Gated, initials, starting_with


def test_look_ahead_finds_the_same_matches_on_every_seed(clean):
    words = ["double", "twice", "half", "triple"]
    plain = re.compile(r"\b(" + "|".join(words) + r")\b", re.I)
    fast = starting_with(initials(words), plain.pattern, re.I)
    digits = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
    fast_digits = starting_with(r"\d", digits.pattern)
    for text in clean.values():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in fast_digits.finditer(text)] == [m.span() for m in digits.finditer(text)]
    # Digits outside ASCII are digits too.
    assert [m.group() for m in fast_digits.finditer("rose by ٣٤ points")] == ["٣٤"]


def test_gated_pattern_skips_only_texts_without_its_words():
    gated = Gated(re.compile(r"\bthat\s+year\b", re.I), ("year",))
    assert [m.group() for m in gated.finditer("THAT YEAR trade fell")] == ["THAT YEAR"]
    assert list(gated.finditer("that month trade fell")) == []


def test_relative_years_in_capitals_still_resolve():
    # "Last Year" and "THE SAME PERIOD" pass the gate (it compares lower case).
    periods = find_periods("Trade rose 5% Last Year and fell over THE SAME PERIOD.", 2024)
    assert [(p.kind, p.first) for p in periods] == [("relative", 2023), ("anaphoric", 2023)]

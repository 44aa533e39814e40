"""Read the numbers written in news copy: digits in English or European style, and words.

Small pure functions used by `analysis.quantities`. They return None rather than raise when a
string is not a number, so the extractor can try a reading and move on.
"""

from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "quadrillion": 1e15,
}
# Abbreviations seen in wire copy and business news ("$1.5 bln", "4.5bn", "RUB 300 mln").
SCALE_ABBREVIATIONS = {
    "k": 1e3, "thou": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "bil": 1e9,
    "tn": 1e12, "trn": 1e12, "trln": 1e12,
}
NUMBER_WORDS = {**UNITS_WORDS, **TENS_WORDS}
# "millions of dollars", "thousands of people": a plural magnitude with no number in front.
# Read as a floor of two of that magnitude (the smallest value the plural allows).
VAGUE_PLURALS = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2e3, "millions": 2e6,
    "billions": 2e9, "trillions": 2e12,
}
# "double", "two-fold": a multiple of something else, in the unit "times".
MULTIPLIER_WORDS = {
    "double": 2.0, "doubled": 2.0, "doubles": 2.0, "doubling": 2.0,
    "triple": 3.0, "tripled": 3.0, "triples": 3.0, "tripling": 3.0,
    "quadruple": 4.0, "quadrupled": 4.0, "quadruples": 4.0, "quadrupling": 4.0,
    "twice": 2.0, "thrice": 3.0,
    "halve": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5,
}

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_GROUPED_DOTS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}")
_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_digits(token: str, comma_is_decimal: bool = False) -> float | None:
    """The value of a digit string: '35,000' -> 35000, '1.5' -> 1.5, '4,5' -> 4.5 when
    `comma_is_decimal` (the caller knows a scale word follows), '1.234.567' -> 1234567."""
    token = token.strip()
    try:
        if _GROUPED.fullmatch(token):
            return float(token.replace(",", ""))
        if _GROUPED_DOTS.fullmatch(token):
            return float(token.replace(".", "").replace(",", "."))
        if _PLAIN.fullmatch(token):
            return float(token)
        if comma_is_decimal and _COMMA_DECIMAL.fullmatch(token):
            return float(token.replace(",", "."))
    except (ValueError, OverflowError):
        return None
    return None


def words_to_number(phrase: str) -> float | None:
    """The value of a number written in words: 'three' -> 3, 'twenty-five' -> 25,
    'two hundred thousand' -> 200000, 'a dozen' -> 12; None if any word is not a number."""
    words = [w for w in _WORD_SPLIT.split(phrase.lower().strip()) if w and w != "and"]
    if not words:
        return None
    if words[0] in {"a", "an"}:
        if len(words) == 1:
            return None
        words[0] = "one"
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in {"hundred", "dozen"}:
            current = (current or 1.0) * (100.0 if word == "hundred" else 12.0)
            seen = True
        elif word in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def scale_of(word: str) -> float | None:
    """Multiplier of a scale word or abbreviation ('billion', 'bln', 'bn') or None."""
    word = word.lower().rstrip(".")
    return SCALE_WORDS.get(word) or SCALE_ABBREVIATIONS.get(word)

"""Read the numbers written in news copy: digits grouped and punctuated in English, European,
Russian or Swiss style, and number words.

Digits: thousands may be grouped with a space (also a no-break or thin space), a comma, a
point or an apostrophe, and decimals written with a point or a comma ("4 300,5", "1.234.567",
"10'000", "4,5"). A lone separator followed by three digits ("4,500", "4.500") reads two ways;
`read_digits` returns both, and `article_style` says which way the rest of an article writes
its numbers, so the caller can choose, or mark the figure ambiguous when nothing decides.

Small pure functions used by `analysis.quantities`. They return None rather than raise when a
string is not a number, so the extractor can try a reading and move on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR

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

SCALE_FILE = DATA_DIR / "scales.csv"
SCALE_WHEN = {"always", "glued", "currency"}


@lru_cache(maxsize=1)
def scale_table() -> pd.DataFrame:
    """The editable table data/scales.csv: form, factor, case, when (checked on reading)."""
    table = pd.read_csv(SCALE_FILE, comment="#", dtype=str, keep_default_na=False)
    problems = [f"row {i + 2}: when={w!r}" for i, w in enumerate(table["when"]) if w not in SCALE_WHEN]
    problems += [f"row {i + 2}: case={c!r}" for i, c in enumerate(table["case"]) if c not in {"exact", "any"}]
    factors = pd.to_numeric(table["factor"], errors="coerce")
    problems += [f"row {i + 2}: factor={f!r}" for i, f in enumerate(table["factor"]) if not factors[i] > 0]
    if problems:
        raise ValueError(f"{SCALE_FILE.name}: {'; '.join(problems)} (see figures_tables.md)")
    table["factor"] = factors
    return table


def _scale_words() -> dict[str, float]:
    table = scale_table()
    return {f.lower(): v for f, v in zip(table["form"], table["factor"]) if f.isalpha() and len(f) > 4}


SCALE_WORDS = _scale_words()   # hundred, thousand, million, billion, trillion, quadrillion
_SCALE_LOOKUP = {(f if c == "exact" else f.lower()): v
                 for f, v, c in zip(scale_table()["form"], scale_table()["factor"], scale_table()["case"])}


def scale_of(word: str) -> float | None:
    """Multiplier of a scale word or abbreviation ('billion', 'bln', 'bn', 'M') or None."""
    word = word.strip().rstrip(".")
    return _SCALE_LOOKUP.get(word) or _SCALE_LOOKUP.get(word.lower())


# ---------------------------------------------------------------------------------------------
# Digits

SPACES = " \u00a0\u2007\u2009\u202f"     # space, no-break, figure, thin and narrow no-break space
APOSTROPHES = "'\u2019"
GROUP_SPACE = f"[{SPACES}]"
_SEPARATOR = re.compile(f"[.,{SPACES}{APOSTROPHES}]")


@dataclass(frozen=True)
class DigitReading:
    """How a digit string reads: its `value`, the `other` value when one separator could be
    either a decimal mark or a thousands separator ('4,500': 4500 or 4.5), and what the
    string shows about how its text writes decimals (`style`: 'english' for a decimal point,
    'european' for a decimal comma, '' when it shows neither)."""

    value: float
    other: float | None = None
    style: str = ""

    @property
    def ambiguous(self) -> bool:
        return self.other is not None


def _grouped(groups: list[str]) -> bool:
    """1-3 digits (no leading zero), then groups of exactly three."""
    return (1 <= len(groups[0]) <= 3 and not (groups[0].startswith("0") and len(groups[0]) > 1)
            and all(len(g) == 3 for g in groups[1:]))


def _finite(reading: DigitReading) -> DigitReading | None:
    values = [reading.value] + ([reading.other] if reading.other is not None else [])
    return reading if all(math.isfinite(v) for v in values) else None


def read_digits(token: str) -> DigitReading | None:
    """The reading of a digit string, or None if no number format fits.

    '35,000' and '1 234 567' and "10'000" are grouped; '1.5', '4,5' and '1.234,56' have
    decimals; '4,512' and '4.512' are ambiguous (both readings kept: first the English one,
    or the grouped one when the digits end in 0, as in '2,700' or '4.500', since a decimal is
    seldom written with a trailing zero) unless the three digits are '000' (nobody writes 35.0
    as 35.000) or the part before the separator has four or more digits or is 0.
    """
    token = token.strip()
    if not token or not token[0].isdigit() or not token[-1].isdigit():
        return None
    groups = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    if not all(g.isdigit() and g.isascii() for g in groups):
        return None
    try:
        if not seps:
            return _finite(DigitReading(float(token)))
        if len(set(seps)) == 1:
            sep = seps[0]
            if sep in SPACES or sep in APOSTROPHES or len(seps) >= 2:
                if not _grouped(groups):
                    return None
                style = {",": "english", ".": "european"}.get(sep, "")
                return _finite(DigitReading(float("".join(groups)), None, style))
            head, tail = groups
            decimal = float(f"{head}.{tail}")
            decimal_style = "english" if sep == "." else "european"
            if len(tail) != 3 or len(head) > 3 or head.startswith("0"):
                return _finite(DigitReading(decimal, None, decimal_style))
            grouped = float(head + tail)
            if tail == "000":
                return _finite(DigitReading(grouped))
            if tail.endswith("0"):                     # '2,700', '4.500': a decimal seldom ends in 0
                return _finite(DigitReading(grouped, decimal))
            english, other = (grouped, decimal) if sep == "," else (decimal, grouped)
            return _finite(DigitReading(english, other))
        *grouping, last = seps
        if len(set(grouping)) == 1 and last in ",." and last not in grouping and _grouped(groups[:-1]):
            value = float("".join(groups[:-1]) + "." + groups[-1])
            return _finite(DigitReading(value, None, "english" if last == "." else "european"))
    except (ValueError, OverflowError):
        return None
    return None


def parse_digits(token: str) -> float | None:
    """The value of a digit string ('35,000' -> 35000, '1.5' -> 1.5, '4,5' -> 4.5); for an
    ambiguous one ('4,500') the English reading. None if no number format fits."""
    reading = read_digits(token)
    return None if reading is None else reading.value


def article_style(tokens) -> str:
    """How an article writes decimals, from its unambiguous digit strings: 'english' (decimal
    point, comma groups), 'european' (decimal comma, point or space groups), or '' when its
    numbers show neither or both."""
    seen = set()
    for token in tokens:
        reading = read_digits(token)
        if reading is not None and reading.style:
            seen.add(reading.style)
    return seen.pop() if len(seen) == 1 else ""


def resolve(reading: DigitReading, style: str, separator: str) -> DigitReading:
    """An ambiguous reading of a number written with one `separator` (',' or '.') settled by
    the article's style: in an English article a comma groups and a point is decimal, in a
    European one the other way round. Without a style it stays ambiguous."""
    if not reading.ambiguous or not style:
        return reading
    grouped, decimal = sorted((reading.value, reading.other), key=lambda v: not float(v).is_integer())
    groups = (separator == ",") == (style == "english")
    return DigitReading(grouped if groups else decimal)


# ---------------------------------------------------------------------------------------------
# Words

_WORD_SPLIT = re.compile(r"[\s-]+")


def words_to_number(phrase: str) -> float | None:
    """The value of a number written in words: 'three' -> 3, 'twenty-five' -> 25,
    'two hundred thousand' -> 200000, 'a dozen' -> 12; None if any word is not a number or the
    words do not make one number ('seven seven', 'twenty thirty')."""
    words = [w for w in _WORD_SPLIT.split(phrase.lower().strip()) if w and w != "and"]
    if not words:
        return None
    if words[0] in {"a", "an"}:
        if len(words) == 1:
            return None
        words[0] = "one"
    total, current, last = 0.0, 0.0, ""
    for word in words:
        if word in UNITS_WORDS:
            if last in {"unit", "dozen"} or (last == "tens" and UNITS_WORDS[word] >= 10):
                return None
            current += UNITS_WORDS[word]
            last = "unit"
        elif word in TENS_WORDS:
            if last in {"unit", "tens", "dozen"}:
                return None
            current += TENS_WORDS[word]
            last = "tens"
        elif word in {"hundred", "dozen"}:
            if last in {"hundred", "dozen"}:
                return None
            current = (current or 1.0) * (100.0 if word == "hundred" else 12.0)
            last = word
        elif word in SCALE_WORDS:
            if last == "scale":
                return None
            total += (current or 1.0) * SCALE_WORDS[word]
            current, last = 0.0, "scale"
        else:
            return None
    return total + current

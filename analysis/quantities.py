"""Every figure an article states, normalised (value in base units, unit, sign, bound, rate,
period) and traced to its sentence.

`extract_quantities(text, published)` reads money ("$1.5 billion", "\\$1.5 bln", "$4,5
billion", "4.3-4.5 billion dollars", "-$120 million", "($99.99)", "15 €"), numbers grouped the
way the region's outlets write them ("4 300 million dollars", "10 000 tonnes", "1.234.567",
"10'000"), physical amounts ("15 million tons", "2,700-km", "4,500 tpd", "8 bcm a year"),
percentages, multiples ("two-fold", "more than double"), durations ("two-day", "three
decades") and counts ("Some 35,000 people", "12 former Soviet states"). Years, dates, times,
ages, ordinals, reference numbers, numbers inside names ("Russia 24 TV Channel", "Boeing
737") and durations that only frame a period ("in the first seven months") are never figures:
periods feed the `period` columns instead.

What the words around a number mean lives in editable tables (data/units.csv, scales.csv,
rates.csv, directions.csv, measures.csv; guide: data/figures_tables.md). A number followed by
a unit-like word no table knows gets the unit "unknown" and the word in `unit_word`, never
"count"; a separator that could be a decimal mark or a thousands separator ("4,500") is
settled by the article's other numbers, or the figure is marked `ambiguous` with both readings
as its bounds.

Every function here takes any string and runs in time linear in its length: each figure looks
only at a bounded window around itself, and lookups into the text's sentences, periods and
blocked spans are binary searches.
"""

from __future__ import annotations

import math
import re
import warnings
from bisect import bisect_left, bisect_right
from functools import lru_cache, partial

import pandas as pd

from .config import DATA_DIR
from .guard import CorpusWarning, attempt, keep_articles, with_records
from .parallel import map_in_order
from .text.collector import without_cycle_collection
from .text.numbers import (GROUP_SPACE, MULTIPLIER_WORDS, NUMBER_WORDS, SCALE_WORDS, VAGUE_PLURALS,
                           DigitReading, article_style, read_digits, resolve, words_to_number)
from .text.periods import MONTHS, Period, find_periods, publication
from .text.regexes import Gated, initials, starting_with
from .text.segment import sentence_spans
from .text.units import COUNT, UNKNOWN, Unit, direction_reader, rate_reader, scale_reader, unit_reader

COLUMNS = ["span", "start", "end", "value", "unit", "per", "qualifier", "low", "high", "measure",
           "period", "sentence", "projected", "period_start", "period_end", "theme", "direction",
           "ambiguous", "unit_word", "period_start_year", "period_end_year"]
QUALIFIERS = ["exact", "approx", "at_least", "at_most", "range", "projected"]
MEASURE_WINDOW = 150     # characters: how far from a figure a measure keyword may stand
OWN_PHRASE_WINDOW = 60   # characters: how far the phrase a figure heads may run ("$4bn in direct investments")
PERIOD_WINDOW = 200      # characters: how far from a figure a time expression may stand
CUE_WINDOW = 120         # characters: how far before a figure a forecast word may stand
MAX_NUMBER_CHARS = 40    # a digit string longer than this is not a figure (a hash, a table row run together)
MAX_SENTENCE_CHARS = 1000  # a longer "sentence" (a run with no full stop) is shown as a window around the figure
HEADLINE_CHARS = 120     # a line this short, mostly in capitals, is a title-case headline
MAX_WARNINGS = 5         # unreadable figures named one by one per text; the rest are counted
TABLE_COLUMNS = ["doc_id", "outlet", "event_date", "era", "published"]

# ---------------------------------------------------------------------------------------------
# The grammar of a figure: [qualifier] [sign] [currency] number [scale] [unit] [per ...] [or more]

_W = "|".join(sorted([*NUMBER_WORDS, *SCALE_WORDS, "dozen"], key=len, reverse=True))
_JOIN = r"(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[ \t]+|-)"
_WORD_NUMBER = starting_with(
    initials(["a", *NUMBER_WORDS, *SCALE_WORDS, "dozen"]),
    rf"\b(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|quadrillion|dozen)\b))?(?:{_W})(?:{_JOIN}(?:{_W}))*\b",
    re.I)
# Digits: first a number grouped by spaces ('4 300', '10 000,5'), else digits with points,
# commas or apostrophes between them. A space only groups when exactly three digits follow, so
# 'in 2023 10 000 tonnes' reads as a year and 10,000, and '7 7 7' as three numbers.
_DIGITS = starting_with(
    r"\d", rf"(?<![\w.,'’])(?<![A-Za-z]-)(?:\d{{1,3}}(?:{GROUP_SPACE}\d{{3}}(?!\d))+(?:[.,]\d+)?(?![.,'’]?\d)"
           r"|\d+(?:[.,'’]\d+)*)")
_DIGITS_AT = re.compile(_DIGITS.pattern.replace(r"(?<![\w.,'’])(?<![A-Za-z]-)", ""))   # at a known start
_SPACE = r"[^\S\n]"
_SIGN_BEFORE = re.compile(rf"(?:(?<![\w.,%)\]'’-])[-\u2212]|\b(?i:minus){_SPACE}+)\Z")
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*", re.I)
_BETWEEN_AND = re.compile(r"\s+and\s+", re.I)
_TIMES_PER = re.compile(rf"{_SPACE}+times(?={_SPACE}+(?:a|an|per|each|every)\b)", re.I)
_PER_UNKNOWN = re.compile(rf"{_SPACE}*(?:\b(?i:per){_SPACE}+|/)([A-Za-zµμΩ][A-Za-z0-9µμΩ/^²³]*)")
_INCH = re.compile(rf"{_SPACE}?in(?:ch(?:es)?)?\b(?={_SPACE}+(?:thick|thin|long|wide|high|tall|deep|across|in{_SPACE}+diameter)\b"
                   rf"|\.?{_SPACE}*$|\.?{_SPACE}*[,;)]|\.{_SPACE}+[A-Z])", re.M)
_NEXT_WORD = re.compile(rf"{_SPACE}*(?:-{_SPACE}*)?([A-Za-zµμΩ°][A-Za-z0-9µμΩ°/^²³·.\u2212-]*)")
_UNIT_ROOTS = re.compile(
    r"(?:kilo|mega|giga|tera|peta|exa|milli|micro|nano|pico|femto|centi|deci|hecto)?"
    r"(?:met(?:re|er)|grams?|grammes?|watts?|hertz|bytes?|lit(?:re|er)|joules?|volts?|amperes?|pascals?|"
    r"calories?|ohms?|tons?|tonnes?|seconds?|bits?|newtons?|sieverts?|grays?|teslas?|barrels?|annum)s?")
_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b|\s+years?\s+of\s+age\b", re.I)
_AGE_YEARS_AFTER = re.compile(r"(?:-|\s)old\b|\s+of\s+age\b", re.I)
_AGE_APPOSITION_BEFORE = re.compile(r"\b[A-Z][a-z][\w'’-]*,[^\S\n]*\Z")
_AGE_APPOSITION_AFTER = re.compile(r"[^\S\n]*(?:,|\)|;)")
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s+\Z", re.I)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|article|section|chapter|resolution|page|paragraph|flight|route|"
    r"room|item|clause|part|vol|volume|protocol|annex|phase|stage|level|lot|line|grade|"
    r"episode|round|seat|code|zone|unit)\.?\s*|#\s*)\Z", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|our|his|her|all|both|every)\s+\Z", re.I)
_TRAILING_BOUND = re.compile(
    r"\s*,?\s*(?:or|and)\s+(more|above|higher|over|greater|upwards|beyond|less|fewer|below|lower|under)\b"
    r"(?!\s+(?:than|of|about|some|around|\$|\d))", re.I)
_PLUS = re.compile(r"(?:-plus\b|\+)")
_LEADING = [  # (pattern ending where the figure starts, qualifier, part of the span?)
    (r"\b(?:more\s+than|over|above|at\s+least|no\s+(?:less|fewer)\s+than|in\s+excess\s+of|upwards\s+of|"
     r"(?:just|well)\s+(?:over|above)|exceeding|beyond)\s+\Z", "at_least", True),
    (r"\b(?:less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|"
     r"as\s+(?:much|many)\s+as|nearly|almost|just\s+(?:under|below)|short\s+of)\s+\Z", "at_most", True),
    (r"\b(?:some|about|around|roughly|approximately|approx\.|circa|an\s+estimated|estimated|"
     r"close\s+to|an\s+approximate)\s+\Z", "approx", True),
    (r"\b(?:exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|top(?:ped|s|ping)?|pass(?:ed|es|ing)|"
     r"cross(?:ed|es|ing)|br(?:oke|eaking)|beat)\s+(?:the\s+|a\s+)?\Z", "at_least", False),
    (r"\b(?:(?:did|does|do|will|would)\s+not\s+exceed|fell\s+short\s+of)\s+(?:the\s+|a\s+)?\Z", "at_most", False),
]
_LEADING = [(re.compile(p, re.I), q, inside) for p, q, inside in _LEADING]
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:some|about|around|roughly|over|under|nearly|almost)\s+)?\Z", re.I)
_TO_AFTER = re.compile(r"\s+to\s+", re.I)
_CROSSING = re.compile(r"(?:below|above|under|beyond|past)\s", re.I)
_COMPOUND_JOIN = re.compile(r"\s+(?:and\s+)?", re.I)
_SHARED_UNIT_JOIN = re.compile(r"\s+(?:to|and|or)\s+|\s*,\s*", re.I)
_SCALE_ONLY = {*SCALE_WORDS, "dozen", "and", ""}
_MULTIPLIER = starting_with(
    initials(MULTIPLIER_WORDS),
    r"\b(" + "|".join(sorted(MULTIPLIER_WORDS, key=len, reverse=True)) + r")\b(?!-)", re.I)
_FOLD_WORD = Gated(starting_with(
    "tfsenh", r"\b(two|three|four|five|six|seven|eight|nine|ten|hundred)fold\b", re.I), ("fold",))
_MODAL_BEFORE = re.compile(
    r"\b(?:to|will|would|could|can|may|might|should|shall|than|nearly|almost|over|at\s+least|"
    r"roughly|about|set\s+to|expected\s+to)\s+\Z", re.I)
_VAGUE = Gated(starting_with(
    "tdhmb", r"\b(?:(tens|hundreds)\s+of\s+(thousands|millions|billions)|"
    r"(dozens|hundreds|thousands|millions|billions|trillions)(?=\s+of\b))"
    r"(?:\s+of\s+(?:US\s+)?(dollars|euros|roubles|rubles|manats|tons|tonnes|barrels)\b)?", re.I),
    ("ten", "hundred", "dozen", "thou", "million", "billion", "trillion"))
_VAGUE_UNITS = {"dollars": "USD", "euros": "EUR", "roubles": "RUB", "rubles": "RUB",
                "manats": "AZN", "tons": "tonnes", "tonnes": "tonnes", "barrels": "barrels"}

# Never quantities: dates (and days ranges: '18-19 August', 'August 18 to 20'), clock times,
# ordinals, fractions such as 24/7.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_RANGE = rf"{_DAY}(?:\s*(?:-|–|—|to|and|until|through)\s*{_DAY})?"
_BLOCKED = [
    starting_with("JFMASOND", rf"\b{MONTHS}\.?\s+{_DAY_RANGE}\b(?:,?\s+\d{{4}}\b)?"),
    starting_with(r"\d", rf"\b{_DAY_RANGE}\s+(?:of\s+)?{MONTHS}\b(?:,?\s+\d{{4}}\b)?"),
    starting_with(r"\d", r"(?<![\w.])\d{1,4}([/.-])\d{1,2}\1\d{1,4}(?![\w/])"),
    starting_with(r"\d", r"(?<![\w.])\d+/\d+"),
    starting_with(r"\d", r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),
    starting_with(r"\d", r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I),
    starting_with(r"\d", r"\b\d+(?:st|nd|rd|th)\b", re.I),
]
# Forecast words: a figure after one of these (in the same clause) is projected.
_FORECAST = re.compile(
    r"\b(?:project(?:ed|ion|ions|s)?|expect(?:ed|s|ing)?|forecast(?:s|ed)?|predict(?:ed|s|ion)?|"
    r"will|shall|would|could|plans?|planned|aims?|aimed|targets?|targeted|possibility|"
    r"potential(?:ly)?|envisag\w*|intends?|intended|set\s+to|is\s+to|are\s+to|going\s+to)\b", re.I)
_CLAUSE_BREAK_BEFORE = re.compile(
    r"[;:\"“”]|,\s*(?:when|which|who|where|while|but|although|though|whereas)\b|\b(?:but|whereas)\b", re.I)
_CLAUSE_BREAK_AFTER = re.compile(
    r"[;:\"“”]|\b(?:that|which|who|whom|whose|when|where|after|before|while|because|although|though|"
    r"until|unless|if|but)\b", re.I)
# Within a clause, commas, semicolons and dashes part the phrases a period can belong to:
# 'last year it grew by about 14%, this year more than 7%'.
_SEGMENT_BREAK = re.compile(r",(?!\d)|;|:(?!\d)|\s[–—]\s")
# Where the phrase a figure heads ends: '$4 billion in direct investments and ...'.
_PHRASE_STOP = re.compile(
    r"[.,;:!?()\[\]\"“”]|\s[–—-]\s|\b(?:and|or|but|which|that|who|whom|whose|while|whereas|as|than|to|from|"
    r"by|was|were|is|are|be|been|has|had|have|will|would|could|should|may|might|after|before|since|"
    r"when|where|because|although|though|if|with|according|said|says)\b", re.I)
# Capitalised words that may stand before a number in running text without making it a name.
_NOT_NAME_WORDS = frozenset("""
in on at by for of to from about some over nearly almost around only all the these those last this
next and or but with after before since until during between among than just roughly approximately
estimated up down under above below more less fewer least most another other each every per its their
his her our your my it they we he she you i there here when while if as that which who what where why
how also still yet so then now exactly precisely barely already even are were was is be been has have
had will would could should may might must shall can did do does no not nor both either neither
nearly total totalling some about around circa top over another further reportedly
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""".split())
_LOCATIVE = frozenset("in at from to across throughout within inside outside for with by on into".split())


_DTYPES = {"start": "int64", "end": "int64", "value": "float64", "low": "float64", "high": "float64",
           "projected": "bool", "period_start": "datetime64[ns]", "period_end": "datetime64[ns]",
           "ambiguous": "bool", "period_start_year": "Int64", "period_end_year": "Int64"}


class _Spans:
    """Sorted, merged character spans with overlap tests by binary search."""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos


# ---------------------------------------------------------------------------------------------
# Reading one figure


def _sign_before(text: str, start: int) -> tuple[int, int]:
    """(-1, where the sign starts) for '-', '−' or 'minus' right before `start`, else (1, start)."""
    m = _SIGN_BEFORE.search(text, max(0, start - 8), start)
    return (-1, m.start()) if m else (1, start)


def _accounting_negative(text: str, start: int, end: int, currency: bool) -> int | None:
    """End of the closing bracket of '($99.99)', an accounting negative: a money amount alone
    in brackets where a value is expected (after 'is', 'was', 'of', ':', or alone in a table
    cell), not an aside such as 'the deal ($4 billion) was signed'."""
    if not currency or start == 0 or text[start - 1] != "(":
        return None
    close = re.match(rf"{_SPACE}?\)", text[end:end + 3])
    if close is None:
        return None
    before = text[max(0, start - 25):start - 1]
    if re.search(r"(?:^|[\n\t|:=])[^\S\n]*\Z", before) or re.search(
            r"\b(?:is|was|were|are|be|been|of|at|totall?ed|reached|stood|amounted\s+to|net|balance)"
            rf"{_SPACE}*\Z", before, re.I):
        return end + close.end()
    return None


def _is_code(token: str) -> bool:
    """'007', '000': a leading zero before more digits marks a code, never a figure."""
    return len(token) > 1 and token[0] == "0" and token[1].isdigit()


def _unit_like(word: str) -> bool:
    """Whether a word after a number reads as a unit the table does not know ('GHz', 'mGy',
    'mph', 'J/m^2', 'kilotons'), rather than a counted noun ('people', 'MPs', 'Russian')."""
    if len(word) == 1:
        return word not in "aAIxX"
    if len(word) == 2 and word[0].isupper() and word[1].islower():
        return True                                    # 'Bq', 'Sv', 'Gy', 'Pa'

    if word.lower() in {"vs", "nd", "th", "st", "rd"}:
        return False
    if any(c in word for c in "/^²³°µμΩ·\u2212") or any(c.isdigit() for c in word):
        return True
    if word[-1] == "s" and word[:-1].isupper():
        return False                                   # 'MPs', 'NGOs'
    has_upper, has_lower = any(c.isupper() for c in word), any(c.islower() for c in word)
    if has_upper and has_lower and not (word[0].isupper() and word[1:].islower()):
        return True                                    # 'GHz', 'kWh', 'dB'
    if word.islower():
        if len(word) <= 5 and not set(word) & set("aeiouy"):
            return True                                # 'mg', 'cds', 'mph'
        return _UNIT_ROOTS.fullmatch(word) is not None  # 'kilotons', 'nanometres'
    return False


def _unit_at(text: str, pos: int, currency: Unit | None):
    """(unit, word as written, end) of what follows a number and its scale."""
    times = _TIMES_PER.match(text, pos)
    if times:                                          # 'four times per week': a count per week
        return COUNT, "", times.end()
    found = unit_reader().after(text, pos)
    if found:
        return found
    inch = _INCH.match(text, pos)
    if inch and currency is None:                      # '3 in thick'; never 'rose 5 in 2023'
        return Unit("kilometres", "length", 2.54e-5), "in", inch.end()
    if currency is not None:
        return currency, "", pos
    m = _NEXT_WORD.match(text, pos)
    if m:
        word = m.group(1).rstrip(".-")
        if word and _unit_like(word):
            return UNKNOWN, word, m.start(1) + len(word)
    return COUNT, "", pos


def _unit_follows(text: str):
    """Whether a known unit, or a plural noun ('2m refugees'), starts at a position."""
    def check(pos: int) -> bool:
        return unit_reader().after(text, pos) is not None or re.match(
            rf"{_SPACE}+[a-z]+s\b", text[pos:pos + 40]) is not None
    return check


def _read_number(text: str, start: int, end: int, is_word: bool) -> DigitReading | None:
    token = text[start:end]
    if is_word:
        if not set(re.split(r"[\s-]+", token.lower())) - _SCALE_ONLY:
            return None                                # 'billion' alone is a word, not a number
        value = words_to_number(token)
        return None if value is None else DigitReading(value)
    if len(token) > MAX_NUMBER_CHARS or _is_code(token):
        return None
    return read_digits(token)


def _figure(text: str, start: int, end: int, is_word: bool, style: str):
    """A candidate figure starting with the number at text[start:end], or None."""
    reading = _read_number(text, start, end, is_word)
    if reading is None:
        return None
    units = unit_reader()
    sign, lead = _sign_before(text, start)              # '-15€', '$-99.99'
    found = units.currency_before(text, lead)
    currency, span_start = found if found else (None, lead)
    if sign == 1:
        sign, span_start = _sign_before(text, span_start)  # '-$120 million', 'minus $45'
    scale, pos = scale_reader().after(text, end, currency is not None, _unit_follows(text))
    if not is_word and pos == end and end < len(text) and text[end].isalpha() and units.after(text, end) is None:
        return None                                   # part of a code such as 'b1815fcb' or '5G'
    second = None
    between = re.search(r"\bbetween\s+\Z", text[max(0, span_start - 9):span_start], re.I)
    range_start = span_start - len(between.group(0)) if between else span_start
    sep = (_BETWEEN_AND if between else _RANGE_SEPARATOR).match(text, pos)
    if sep and not _FROM_BEFORE.search(text, max(0, span_start - 30), span_start):
        found = _second_of_range(text, sep.end(), currency is not None)
        if found is not None:
            second_reading, scale2, pos2 = found
            first_scale = scale if scale != 1.0 else scale2
            if sign * reading.value * first_scale < second_reading.value * scale2:
                second = (second_reading, scale2)
                scale, span_start, pos = first_scale, range_start, pos2
    unit, written, unit_end = _unit_at(text, pos, currency)
    if currency is not None and unit.kind != "currency" and unit is not COUNT:
        return None                                   # '$5 tons' is not a figure
    if currency is not None and unit is COUNT:
        unit = currency
    closing = _accounting_negative(text, span_start, unit_end, unit.kind == "currency")
    if closing is not None and sign == 1 and second is None:
        sign, span_start, unit_end = -1, span_start - 1, closing
    counted = unit is COUNT and scale == 1.0
    separator = next((c for c in text[start:end] if c in ",."), "")
    reading = _settle(reading, style, counted, separator)
    factor = scale * unit.factor
    value = sign * reading.value * factor
    alternatives = [sign * reading.other * factor] if reading.ambiguous else []
    low = high = None
    if second is not None:
        second_reading = _settle(second[0], style, counted, separator)
        low, high = sorted((value, second_reading.value * second[1] * unit.factor))
        if second_reading.ambiguous:
            alternatives.append(second_reading.other * second[1] * unit.factor)
    return dict(start=span_start, core_start=start, end=unit_end, unit_end=unit_end, value=value,
                unit=unit.name, kind=unit.kind, per=unit.per, low=low, high=high, is_word=is_word,
                has_scale=scale != 1.0 or unit is not COUNT, raw_value=reading.value, sign=sign, scale=scale,
                factor=unit.factor, currency=currency is not None,
                unit_word=written if unit is UNKNOWN else "", alternatives=alternatives)


def _settle(reading: DigitReading, style: str, counted: bool, separator: str) -> DigitReading:
    """Settle '4,512' vs '4.512': a count of things cannot be 4.512 (read 4512), else the
    article's style decides; otherwise the reading stays ambiguous."""
    if not reading.ambiguous:
        return reading
    if counted:
        whole = [v for v in (reading.value, reading.other) if float(v).is_integer()]
        if len(whole) == 1:
            return DigitReading(whole[0])
    return resolve(reading, style, separator)


def _second_of_range(text: str, pos: int, currency: bool):
    """(reading, scale, end) of the second number in '4.3-4.5 billion' or '$2bn-3bn', or None."""
    sign = re.match(r"\\?[$€£₽₼]\s?", text[pos:pos + 3])
    if sign:
        pos += sign.end()
    m = _DIGITS_AT.match(text, pos) or _WORD_NUMBER.match(text, pos)
    if m is None:
        return None
    reading = _read_number(text, m.start(), m.end(), is_word=not m.group(0)[0].isdigit())
    if reading is None:
        return None
    scale, end = scale_reader().after(text, m.end(), currency, _unit_follows(text))
    return reading, scale, end


def _inside_name(text: str, fig: dict) -> bool:
    """A bare number inside a name: 'Russia 24 TV Channel', 'Boeing 737', 'Formula 1'. The word
    before it is capitalised and not a function word, and either the word after it is
    capitalised too or the word before that is not a preposition ('In Baku 300 people' counts)."""
    before = text[max(0, fig["core_start"] - 60):fig["core_start"]]
    m = re.search(rf"(?:^|(\S+){_SPACE}+)([A-Z][\w.'’&-]*){_SPACE}\Z", before)
    if m is None:
        return False
    word = m.group(2)
    if word.lower() in _NOT_NAME_WORDS or word.endswith((".", "'s", "’s", "s'")) or word.isupper() and len(word) == 1:
        return False
    if _in_title_case_line(text, m.start(2) + max(0, fig["core_start"] - 60), fig["end"]):
        return False                                   # a headline in title case: 'Putin Signs 12 Agreements'
    after = re.match(rf"{_SPACE}+([A-Z][A-Za-z]|\d)", text[fig["end"]:fig["end"] + 4])
    previous = (m.group(1) or "").lower().strip(",;:()\"“”")
    return bool(after) or previous not in _LOCATIVE


def _in_title_case_line(text: str, before: int, after: int) -> bool:
    """Whether text[before:after] sits in a short line (a headline) whose other words are
    mostly capitalised."""
    lo, hi = max(0, before - HEADLINE_CHARS), min(len(text), after + HEADLINE_CHARS)
    newline = text.rfind("\n", lo, before)
    line_start = newline + 1 if newline != -1 else 0 if lo == 0 else None
    newline = text.find("\n", after, hi)
    line_end = newline if newline != -1 else len(text) if hi == len(text) else None
    if line_start is None or line_end is None or line_end - line_start > HEADLINE_CHARS:
        return False
    words = re.findall(r"[A-Za-z][a-z']{3,}", text[line_start:before])
    words += re.findall(r"[A-Za-z][a-z']{3,}", text[after:line_end])[1:]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _is_excluded(text: str, fig: dict, blocked: _Spans) -> bool:
    """Dates, years, ages, ordinals, reference numbers, names and non-counting number words."""
    if blocked.overlaps(fig["core_start"], fig["end"]):
        return True
    before = text[max(0, fig["start"] - 30):fig["start"]]
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(text, fig["end"]):
        return True
    if fig["unit"] == "years" and _AGE_YEARS_AFTER.match(text, fig["end"]):
        return True
    if fig["unit"] == "count" and not fig["has_scale"]:
        if _REFERENCE_BEFORE.search(before):
            return True
        if fig["is_word"] and (fig["raw_value"] == 1 or _DEFINITE_BEFORE.search(before)):
            return True               # 'one of', 'the two countries': reference, not a figure
        if fig["is_word"] and re.match(r"-[a-z]", text[fig["end"]:fig["end"] + 2], re.I):
            return True               # 'two-way', 'one-sided'
        if not fig["is_word"] and fig["start"] == fig["core_start"] and _inside_name(text, fig):
            return True
        if fig["raw_value"] <= 120 and _AGE_APPOSITION_BEFORE.search(before) and _AGE_APPOSITION_AFTER.match(
                text, fig["end"]):
            return True               # 'Putin, 71, and Aliyev, 62, met': ages
    return False


def _finish(text: str, fig: dict) -> dict:
    """Add the per phrase, the bound words before and after, low/high and the qualifier."""
    per = rate_reader().after(text, fig["end"], counted_noun=fig["unit"] == "count" and not fig["has_scale"])
    if per is None:
        m = _PER_UNKNOWN.match(text, fig["end"])
        if m and _unit_like(m.group(1)):
            per = m.group(1), m.end()                  # '$3.5 per MMBtu'
    if per and not fig["per"]:
        fig["per"], fig["end"] = per
    qualifier, start = _leading_qualifier(text, fig["start"])
    if qualifier == "at_least" and fig["unit"] in {"years", "days", "months", "hours"} \
            and re.search(r"\bover\s+\Z", text[max(0, fig["start"] - 6):fig["start"]], re.I):
        qualifier, start = "", fig["start"]           # 'over ten years' is a time span
    plus = _PLUS.match(text, fig["end"])
    trailing = _TRAILING_BOUND.match(text, fig["end"])
    if trailing:
        fig["end"] = trailing.end()
        qualifier = "at_most" if trailing.group(1).lower() in {"less", "fewer", "below", "lower", "under"} \
            else "at_least"
    elif plus:
        fig["end"] = plus.end()
        qualifier = "at_least"
    fig["start"] = start
    _bounds(fig, qualifier)
    return fig


def _bounds(fig: dict, qualifier: str) -> None:
    """low/high from the qualifier; an ambiguous figure's bounds span both readings."""
    alternatives = fig.get("alternatives") or []
    fig["ambiguous"] = bool(alternatives)
    if fig["low"] is not None:
        fig["qualifier"] = "range"
        fig["value"] = (fig["low"] + fig["high"]) / 2
        if alternatives:
            fig["low"], fig["high"] = min([fig["low"], *alternatives]), max([fig["high"], *alternatives])
        return
    fig["qualifier"] = qualifier or "exact"
    value = fig["value"]
    low, high = min([value, *alternatives]), max([value, *alternatives])
    fig["low"], fig["high"] = {
        "exact": (low, high), "approx": (low, high) if alternatives else (None, None),
        "at_least": (low, None), "at_most": (None, high)}[fig["qualifier"]]


def _leading_qualifier(text: str, start: int) -> tuple[str, int]:
    """The bound word just before a figure ('over', 'Some', 'exceeded the') and where the span
    should start (verbs stay outside the span)."""
    lo = max(0, start - 40)
    for rx, qualifier, inside in _LEADING:
        m = rx.search(text, lo, start)
        if m:
            return qualifier, m.start() if inside else start
    return "", start


def _number_figures(text: str, blocked: _Spans, style: str) -> list[dict]:
    figures = []
    cores = [(m.start(), m.end(), False) for m in _DIGITS.finditer(text)]
    cores += [(m.start(), m.end(), True) for m in _WORD_NUMBER.finditer(text)]
    for start, end, is_word in cores:
        fig = _figure(text, start, end, is_word, style)
        if fig is not None and not _is_excluded(text, fig, blocked):
            figures.append(_finish(text, fig))
    return figures


def _word_figures(text: str, blocked: _Spans) -> list[dict]:
    """'more than double', 'twofold', 'millions of dollars'."""
    figures = []
    base = dict(per="", low=None, high=None, unit_word="", alternatives=[], kind="ratio", scale=1.0,
                factor=1.0, currency=False, is_word=True, has_scale=True)
    for m in _MULTIPLIER.finditer(text):
        word = m.group(1).lower()
        if word in {"double", "triple", "quadruple", "halve"} and not _MODAL_BEFORE.search(
                text, max(0, m.start() - 20), m.start()):
            continue                                      # 'double standards'
        figures.append(dict(base, start=m.start(), core_start=m.start(), end=m.end(), unit_end=m.end(),
                            value=MULTIPLIER_WORDS[word], unit="times"))
    for m in _FOLD_WORD.finditer(text):
        figures.append(dict(base, start=m.start(), core_start=m.start(), end=m.end(), unit_end=m.end(),
                            value=words_to_number(m.group(1)), unit="times"))
    figures = [_finish(text, f) for f in figures]
    for m in _VAGUE.finditer(text):
        if m.group(1):
            value = {"tens": 20, "hundreds": 200}[m.group(1).lower()] * VAGUE_PLURALS[m.group(2).lower()] / 2
        else:
            value = VAGUE_PLURALS[m.group(3).lower()]
        unit = _VAGUE_UNITS.get((m.group(4) or "").lower(), "count")
        figures.append(dict(base, start=m.start(), core_start=m.start(), end=m.end(), unit_end=m.end(),
                            value=value, unit=unit, kind=unit_reader().kinds.get(unit, "count"),
                            low=value, high=None, qualifier="at_least", ambiguous=False))
    return [f for f in figures if not blocked.overlaps(f["start"], f["end"])]


def _merge_compounds(text: str, figures: list[dict]) -> list[dict]:
    """'3 billion 47 million dollars' is one number (3,047 million), not two figures: a figure
    with a scale word directly followed by a smaller one joins it when at most one has a unit."""
    merged: list[dict] = []
    for fig in figures:
        a = merged[-1] if merged else None
        if (a is not None and a["qualifier"] != "range" and fig["qualifier"] in {"exact", "at_least", "at_most", "approx"}
                and a["end"] == a["unit_end"] and fig["start"] == fig["core_start"]
                and 1.0 < fig.get("scale", 1.0) < a.get("scale", 1.0)
                and fig["raw_value"] * fig["scale"] < a["scale"]
                and "count" in (a["unit"], fig["unit"]) and a.get("factor", 1.0) == 1.0
                and _COMPOUND_JOIN.fullmatch(text, a["end"], fig["start"])):
            unit_of = fig if fig["unit"] != "count" else a
            factor = unit_of.get("factor", 1.0)
            value = a["sign"] * (a["raw_value"] * a["scale"] + fig["raw_value"] * fig["scale"]) * factor
            a.update(end=fig["end"], unit_end=fig["unit_end"], value=value, unit=unit_of["unit"],
                     kind=unit_of["kind"], per=unit_of["per"], unit_word=unit_of["unit_word"],
                     currency=a["currency"] or fig["currency"], factor=factor, alternatives=[],
                     low=None, high=None)
            _bounds(a, a["qualifier"])
            continue
        merged.append(fig)
    return merged


def _share_units(text: str, figures: list[dict]) -> None:
    """'from 50 to 80%', '45 and 50 mg', '5, 10 and 15 tonnes', 'from $2 to $3 billion': a bare
    number takes the unit, scale and rate of the figure it is paired with; a bare number after
    'from $2 to' takes its currency. Pairs are read right to left, so a list shares its last unit."""
    for a, b in reversed(list(zip(figures, figures[1:]))):
        if "range" in (a["qualifier"], b["qualifier"]) or a["end"] != a["unit_end"]:
            continue
        join = _SHARED_UNIT_JOIN.fullmatch(text, a["end"], b["start"])
        if join is None or (join.group(0).strip() == "," and not _SHARED_UNIT_JOIN.match(text, b["end"])):
            continue
        bare = a["unit"] == "count" and b["unit"] != "count"
        unscaled = a["unit"] == b["unit"] != "count" and a["scale"] == 1.0 and b["scale"] != 1.0
        if bare or unscaled:
            factor = (b["scale"] if a["scale"] == 1.0 else 1.0) * (b["factor"] if bare else 1.0)
            a.update(unit=b["unit"], kind=b["kind"], per=a["per"] or b["per"], unit_word=b["unit_word"],
                     scale=a["scale"] if a["scale"] != 1.0 else b["scale"], has_scale=True)
            for key in ("value", "low", "high"):
                if a[key] is not None:
                    a[key] *= factor
            a["alternatives"] = [v * factor for v in a["alternatives"]]
        elif (a["currency"] and b["unit"] == "count" and re.search(r"\bto\b", join.group(0))
              and _FROM_BEFORE.search(text, max(0, a["start"] - 30), a["start"])):
            b.update(unit=a["unit"], kind=a["kind"])


# ---------------------------------------------------------------------------------------------
# Context: sentence, period, forecast, measure, direction


class _Context:
    """What a text's figures are looked up in: sentences, periods and figure positions, each
    sorted for binary search."""

    def __init__(self, text: str, periods: list[Period], figures: list[dict]):
        self.text = text
        self.sentences = sentence_spans(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.periods = [p for p in periods if p.first is not None]
        self.period_starts = [p.start for p in self.periods]
        self.figure_starts = [f["start"] for f in figures]
        self.figures = figures

    def sentence_of(self, fig: dict) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, fig["start"]) - 1
        if i >= 0 and self.sentences[i][0] <= fig["start"] < self.sentences[i][1]:
            return self.sentences[i]
        return fig["start"], fig["end"]

    def periods_near(self, fig: dict) -> list[Period]:
        lo = bisect_left(self.period_starts, fig["start"] - PERIOD_WINDOW - 100)
        hi = bisect_right(self.period_starts, fig["end"] + PERIOD_WINDOW)
        return self.periods[lo:hi]

    def other_figure_in_segment(self, fig: dict, pos: int, limit: int) -> bool:
        """Whether a figure other than `fig` starts after `pos` before the next phrase break."""
        stop = _SEGMENT_BREAK.search(self.text, pos, limit)
        stop = stop.start() if stop else limit
        i = bisect_left(self.figure_starts, pos)
        return i < len(self.figures) and self.figures[i] is not fig and self.figure_starts[i] < stop


def _period_for(ctx: _Context, fig: dict, sentence: tuple[int, int]) -> Period | None:
    """The time expression a figure refers to: the nearest one in its own phrase (between
    commas), else the nearest in its clause, never one that opens the next phrase's figure."""
    text = ctx.text
    best, best_key = None, None
    for p in ctx.periods_near(fig):
        if p.start < sentence[0] or p.end > sentence[1]:
            continue
        if p.start >= fig["end"]:
            gap = text[fig["end"]:p.start]
            if len(gap) > PERIOD_WINDOW or _CLAUSE_BREAK_AFTER.search(gap):
                continue
            distance = len(gap) - 0.5                          # ties: '$3 billion in 2015'
        elif p.end <= fig["start"]:
            gap = text[p.end:fig["start"]]
            if len(gap) > PERIOD_WINDOW or _CLAUSE_BREAK_BEFORE.search(gap):
                continue
            distance = len(gap)
        else:
            continue
        same_phrase = _SEGMENT_BREAK.search(gap) is None
        if not same_phrase and p.start >= fig["end"] and ctx.other_figure_in_segment(
                fig, p.end, min(sentence[1], p.end + PERIOD_WINDOW)):
            continue                                           # ', this year more than 7%'
        key = (not same_phrase, distance)
        if best_key is None or key < best_key:
            best, best_key = p, key
    return best


def _is_projected(text: str, fig: dict, period: Period | None, pub, sentence) -> bool:
    """A forecast: a future period, or a forecast word earlier in the same clause; the 'from'
    figure of 'from X to Y' is the starting level, not the forecast."""
    if _FROM_BEFORE.search(text, max(0, fig["start"] - 30), fig["start"]) and _TO_AFTER.match(text, fig["end"]):
        return False
    year = pub.year
    if period is not None and year is not None:
        if period.last < year:
            return False
        if period.last > year:
            return True
        if not period.whole_years and period.first == year:
            if period.last_month < pub.first.month:
                return False
            if period.first_month > pub.last.month:
                return True
    lo = max(sentence[0], fig["start"] - CUE_WINDOW)
    for cue in _FORECAST.finditer(text, lo, fig["start"]):
        if not _CLAUSE_BREAK_BEFORE.search(text, cue.end(), fig["start"]):
            return True
    return False


@lru_cache(maxsize=1)
def measure_table() -> pd.DataFrame:
    """The editable keyword table data/measures.csv (one row per measure)."""
    table = pd.read_csv(DATA_DIR / "measures.csv", comment="#", dtype=str, keep_default_na=False)
    table["pattern"] = [re.compile(rf"\b(?:{k})", re.I) for k in table["keywords"]]
    table["kinds"] = [set(k.split("|")) for k in table["unit_kinds"]]
    return table


@lru_cache(maxsize=1)
def _measure_rows() -> tuple:
    """measure_table as plain tuples (read once per figure), each with the literal words one
    of which every match must contain (None when a keyword opens with a pattern): a window
    holding none of them is not scanned, which never changes a match (see regexes.Gated)."""
    table = measure_table()
    return tuple(zip(table["measure"], table["theme"], table["pattern"], table["kinds"],
                     [_needles(k) for k in table["keywords"]]))


def _needles(keywords: str) -> tuple[str, ...] | None:
    """For each top-level alternative of a keyword pattern, the longest piece of its literal
    start, lower-cased, that holds no s or k (whose odd Unicode cousins case-insensitive
    matching accepts): 'surplus' gives 'urplu', 'killed' 'illed'."""
    alternatives, depth, current = [], 0, ""
    for char in keywords:
        if char == "|" and depth == 0:
            alternatives.append(current)
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current += char
    alternatives.append(current)
    needles = []
    for alternative in alternatives:
        literal = re.match(r"[^\\.^$*+?{}\[\]()|]*", alternative).group(0)
        if alternative[len(literal):len(literal) + 1] in {"?", "*", "{"}:
            literal = literal[:-1]                     # 'lives?': the last letter is optional
        literal = max(re.split(r"[sk]", literal.lower()), key=len)
        if not literal:
            return None
        needles.append(literal)
    return tuple(needles)


def _gated_rows(window: str, kind: str):
    """The measure rows of a unit kind whose keywords could match in `window`."""
    lowered = window.lower().replace("\u0307", "")          # 'İ' lower-cases to 'i' + a combining dot
    for measure, theme, pattern, kinds, needles in _measure_rows():
        if kind in kinds and (needles is None or any(n in lowered for n in needles)):
            yield measure, theme, pattern


def _own_phrase_measure(text: str, fig: dict, sentence: tuple[int, int]) -> tuple[str, str] | None:
    """The measure named in the phrase a figure heads: the noun it modifies or the head of
    the 'in/of ...' after it ('$4 billion in direct investments', '13 percent growth')."""
    lo, hi = fig["unit_end"], min(sentence[1], fig["unit_end"] + OWN_PHRASE_WINDOW)
    stop = _PHRASE_STOP.search(text, lo, hi)
    hi = stop.start() if stop else hi
    best, best_start = None, hi
    for measure, theme, pattern in _gated_rows(text[lo:hi], fig["kind"]):
        m = pattern.search(text, lo, hi)
        if m and m.start() < best_start:
            best, best_start = (measure, theme), m.start()
    return best


def _measure_for(text: str, fig: dict, sentence: tuple[int, int]) -> tuple[str, str]:
    """(measure, theme): from the figure's own phrase, else the nearest keyword of a matching
    unit kind in the sentence."""
    own = _own_phrase_measure(text, fig, sentence)
    if own is not None:
        return own
    best, best_distance = ("", ""), MEASURE_WINDOW + 1
    lo, hi = max(sentence[0], fig["start"] - MEASURE_WINDOW), min(sentence[1], fig["end"] + MEASURE_WINDOW)
    for measure, theme, pattern in _gated_rows(text[lo:hi], fig["kind"]):
        for m in pattern.finditer(text, lo, hi):
            distance = max(0, fig["start"] - m.end(), m.start() - fig["end"])
            if distance < best_distance:
                best, best_distance = (measure, theme), distance
    return best


def _direction(text: str, fig: dict) -> tuple[str, bool]:
    """('up' | 'down' | '', whether the figure is the size of a change) from the words right
    before or after it: 'fell by 5%', 'a deficit of $2bn', '13 percent growth'."""
    reader = direction_reader()
    found = reader.before(text, fig["start"])
    if found and _CROSSING.match(text, fig["start"]) and not re.search(r"\b(?:by|of)\s+\Z", text[max(0, fig["start"] - 4):fig["start"]]):
        found = None                                   # 'fell below $70': a level crossed, not a change
    found = found or reader.after(text, fig["end"])
    return found if found else ("", False)


class UnreadableFigureWarning(CorpusWarning):
    """A figure the extractor cannot read: left out, never guessed."""


_MALFORMED_TAIL = re.compile(r"(?:\s*(?:thousand|million|billion|trillion|quadrillion|bn|bln|mln)\b)?", re.I)
_CURRENCY_WITHOUT_NUMBER = re.compile(r"[$€£₽₼]\s*(?=(?:thousand|million|billion|trillion)\b)", re.I)


def _unreadable_figures(text: str, blocked: _Spans, tokens: list[re.Match]) -> list[tuple[int, int]]:
    """Digit strings no number format fits ('$1.2.3 billion', '12,34,567') and currency signs
    with no number ('$ billion'), each with its scale word; dates are already blocked."""
    spans = []
    for m in tokens:
        token, tail = m.group(), _MALFORMED_TAIL.match(text, m.end()).end()
        if blocked.covers(m.start()) and tail == m.end():
            continue                 # a date; but no date is followed by "billion"
        if _is_code(token) and len(token) <= MAX_NUMBER_CHARS:
            continue                 # '007': a code, not a figure
        if len(token) > MAX_NUMBER_CHARS or read_digits(token) is None:
            spans.append((m.start(), tail))
    for m in _CURRENCY_WITHOUT_NUMBER.finditer(text):
        spans.append((m.start(), _MALFORMED_TAIL.match(text, m.end()).end()))
    return spans


def _shown(span: str, limit: int = 60) -> str:
    return span if len(span) <= limit else span[:limit] + f"... ({len(span):,} characters)"


def extract_quantities(text: str, published=None, source: str | None = None) -> pd.DataFrame:
    """One row per figure in `text`: span, start, end, value (base units, negative when the
    text writes a sign), unit, per, qualifier, low, high, measure, period, sentence, then
    projected, period_start and period_end (first and last day of the period), theme,
    direction ('up'/'down' from words such as 'fell by', 'deficit', 'growth'), ambiguous
    (True when '4,500' could be 4.5 or 4,500: low/high hold both readings), unit_word (the word
    of an 'unknown' unit) and period_start_year/period_end_year.

    `published` (a day, a year, an ISO interval '2024-08-19/2024-08-25', a (first, last) pair,
    or None) resolves 'last year' and 'the first seven months'; a `published` that is no date
    raises ValueError naming it. Never raises on text; `text[start:end] == span` for every row.
    A figure that cannot be read is left out with an UnreadableFigureWarning naming `source`
    (the file), never guessed.
    """
    return _frame(_figure_rows(text, published, source), COLUMNS)


@lru_cache(maxsize=4)
def _empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "object")) for c in columns})


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """The rows as a table with fixed column types (an empty table has them too)."""
    if not rows:
        return _empty_frame(tuple(columns)).copy()
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: t for c, t in _DTYPES.items() if c in frame.columns and c not in {"start", "end"}})


@without_cycle_collection
def _figure_rows(text: str, published, source: str | None) -> list[dict]:
    """The extractor's rows as plain dicts (one DataFrame is built per call site, not per text)."""
    if not isinstance(text, str):
        return []
    pub = publication(published)
    periods = find_periods(text, pub)
    spans = [(p.start, p.end) for p in periods if p.kind != "anaphoric"]
    spans += [m.span() for rx in _BLOCKED for m in rx.finditer(text)]
    blocked = _Spans(spans)
    tokens = list(_DIGITS.finditer(text))
    unreadable = _unreadable_figures(text, blocked, tokens)
    for start, end in unreadable[:MAX_WARNINGS]:
        warnings.warn(f"{source or 'text'}: cannot read the figure {_shown(text[start:end])!r} (offset {start}); "
                      "left out, check the source", UnreadableFigureWarning, stacklevel=3)
    if len(unreadable) > MAX_WARNINGS:
        warnings.warn(f"{source or 'text'}: {len(unreadable) - MAX_WARNINGS:,} more unreadable figures "
                      "left out", UnreadableFigureWarning, stacklevel=3)
    blocked = _Spans(spans + unreadable)
    style = article_style(m.group() for m in tokens if len(m.group()) <= MAX_NUMBER_CHARS)
    figures = _number_figures(text, blocked, style) + _word_figures(text, blocked)
    figures.sort(key=lambda f: (f["start"], -(f["end"] - f["start"])))
    kept, last_end = [], -1
    for fig in figures:
        if fig["start"] >= last_end:
            kept.append(fig)
            last_end = fig["end"]
    if not kept:
        return []
    kept = _merge_compounds(text, kept)
    _share_units(text, kept)
    ctx = _Context(text, periods, kept)
    return [_row(ctx, fig, pub) for fig in kept]


def _row(ctx: _Context, fig: dict, pub) -> dict:
    text = ctx.text
    sentence = ctx.sentence_of(fig)
    period = _period_for(ctx, fig, sentence)
    projected = _is_projected(text, fig, period, pub, sentence)
    measure, theme = _measure_for(text, fig, sentence)
    direction, change = _direction(text, fig)
    if change:
        measure = f"{measure} {'growth' if direction == 'up' else 'decline'}".strip()
    qualifier = "projected" if projected and fig["qualifier"] == "exact" else fig["qualifier"]
    shown = sentence
    if sentence[1] - sentence[0] > MAX_SENTENCE_CHARS:
        half = MAX_SENTENCE_CHARS // 2
        shown = (max(sentence[0], fig["start"] - half), min(sentence[1], max(fig["end"], fig["start"] + half)))
    return dict(
        span=text[fig["start"]:fig["end"]], start=fig["start"], end=fig["end"],
        value=float(fig["value"]), unit=fig["unit"], per=fig["per"], qualifier=qualifier,
        low=fig["low"], high=fig["high"], measure=measure,
        period=period.label if period else "", sentence=text[shown[0]:shown[1]],
        projected=projected, period_start=period.date_start if period else pd.NaT,
        period_end=period.date_end if period else pd.NaT, theme=theme, direction=direction,
        ambiguous=fig.get("ambiguous", False), unit_word=fig.get("unit_word", ""),
        period_start_year=period.first if period else None, period_end_year=period.last if period else None)


def _article_rows(article: tuple) -> list[dict]:
    """_figure_rows for one (text, published, source) triple: the unit of parallel work."""
    return _figure_rows(*article)


def quantity_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every figure in the corpus (clean `text`, periods resolved against the publication
    window `published_start`..`published_end`), with its article: doc_id, outlet, event_date,
    era, published, then the extractor's columns. An article whose figures cannot be read is
    set aside (analysis.guard)."""
    docs = list(corpus.itertuples(index=False))
    found = map_in_order(partial(attempt, _article_rows), [
        (doc.text, (doc.published_start, getattr(doc, "published_end", doc.published_start)),
         getattr(doc, "file", doc.doc_id)) for doc in docs])
    keep, records = keep_articles("quantities", found, [doc.doc_id for doc in docs])
    rows = []
    for doc, doc_rows, kept in zip(docs, found, keep):
        if kept:
            article = {c: getattr(doc, "published_start" if c == "published" else c) for c in TABLE_COLUMNS}
            rows.extend({**article, **row} for row in doc_rows)
    table = with_records(_frame(rows, TABLE_COLUMNS + COLUMNS), records)
    if table.empty:
        return table
    if "era" in corpus and isinstance(corpus["era"].dtype, pd.CategoricalDtype):
        table["era"] = pd.Categorical(table["era"], dtype=corpus["era"].dtype)
    table["implausible"] = flag_implausible(table, dict(zip(corpus["doc_id"], corpus["file"])))
    return with_records(table.sort_values(["event_date", "doc_id", "start"], kind="stable").reset_index(drop=True), records)


def plausible_limits() -> dict[str, float]:
    """Largest plausible value per unit, from the editable table data/plausible_limits.csv."""
    limits = pd.read_csv(DATA_DIR / "plausible_limits.csv", comment="#")
    return dict(zip(limits["unit"], limits["max_value"].astype(float)))


def flag_implausible(table: pd.DataFrame, files: dict[str, str]) -> pd.Series:
    """True where a figure's size exceeds its unit's plausible limit; warns naming each article."""
    limits = plausible_limits()
    ceiling = table["unit"].map(limits).fillna(math.inf)
    size = table[["value", "low", "high"]].abs().max(axis=1)
    flagged = table[size > ceiling]
    for row in flagged.itertuples():
        warnings.warn(f"{files.get(row.doc_id, row.doc_id)}: {row.span!r} reads as {row.value:.3g} "
                      f"{row.unit}, above the plausible limit {limits[row.unit]:.3g}; kept and "
                      "flagged implausible (check the source and its scale words)", CorpusWarning,
                      stacklevel=3)
    return table.index.isin(flagged.index)


EXACT_TOLERANCE = 0.01    # a stated figure may be rounded: 'exact' figures within 1% agree
APPROX_TOLERANCE = 0.10   # 'some', 'about': within 10%


def _interval(row) -> tuple[float, float]:
    """The values a stated figure allows, for checking two figures against each other."""
    if row.qualifier == "at_least":
        return row.low, math.inf
    if row.qualifier == "at_most":
        return -math.inf, row.high
    if row.qualifier == "range" or getattr(row, "ambiguous", False):
        return row.low, row.high
    tolerance = APPROX_TOLERANCE if row.qualifier == "approx" else EXACT_TOLERANCE
    low, high = sorted((row.value * (1 - tolerance), row.value * (1 + tolerance)))
    return low, high


def same_period_comparisons(table: pd.DataFrame) -> pd.DataFrame:
    """Figures for the same measure, unit and period stated by two or more articles, side by
    side, with a verdict per group: 'consistent' when every stated interval overlaps,
    'disagree' otherwise. A figure with no period is compared with others from the same event."""
    known = table[table["measure"] != ""].copy()
    no_period = known["period"] == ""
    known["compared_period"] = known["period"]
    known.loc[no_period, "compared_period"] = [       # an undated article's figure is compared with none
        f"not stated (event of {d:%Y-%m-%d})" if pd.notna(d) else f"not stated (undated article {doc})"
        for d, doc in zip(known.loc[no_period, "event_date"], known.loc[no_period, "doc_id"])]
    keys = ["measure", "unit", "per", "compared_period"]
    n_docs = known.groupby(keys)["doc_id"].transform("nunique")
    shared = known[n_docs >= 2].copy()
    columns = keys + ["doc_id", "outlet", "span", "qualifier", "value", "low", "high", "verdict"]
    if shared.empty:
        return pd.DataFrame(columns=columns)
    intervals = [_interval(r) for r in shared.itertuples()]
    shared["_lo"], shared["_hi"] = zip(*intervals)
    verdict = shared.groupby(keys)["_lo"].transform("max") <= shared.groupby(keys)["_hi"].transform("min")
    shared["verdict"] = verdict.map({True: "consistent", False: "disagree"})
    return shared.sort_values(keys + ["event_date", "doc_id"], kind="stable")[columns].reset_index(drop=True)

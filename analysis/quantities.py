"""Every figure an article states, normalised (value in base units, unit, bound, period) and
traced to its sentence.

`extract_quantities(text, published)` reads money ("$1.5 billion", "\\$1.5 bln", "$4,5
billion", "4.3-4.5 billion dollars"), physical amounts ("15 million tons", "237 million
barrels"), percentages, multiples ("two-fold", "more than double"), durations ("two-day",
"three decades") and counts ("Some 35,000 people", "12 former Soviet states"). Years, dates,
times, ages, ordinals and reference numbers are never quantities: years feed the `period`
column instead. The rules are regular expressions over edited English news copy; keywords that
name the measure live in the editable table `data/measures.csv`.
"""

from __future__ import annotations

import math
import re
import warnings
from functools import lru_cache

import pandas as pd

from .config import DATA_DIR
from .corpus import CorpusWarning
from .text.numbers import (MULTIPLIER_WORDS, NUMBER_WORDS, SCALE_WORDS, VAGUE_PLURALS, parse_digits,
                      scale_of, words_to_number)
from .text.periods import MONTHS, Period, find_periods
from .parallel import map_in_order
from .text.regexes import Gated, initials, starting_with
from .text.segment import sentence_spans

COLUMNS = ["span", "start", "end", "value", "unit", "per", "qualifier", "low", "high", "measure",
           "period", "sentence", "projected", "period_start", "period_end", "theme"]
QUALIFIERS = ["exact", "approx", "at_least", "at_most", "range", "projected"]
CURRENCIES = {"USD", "EUR", "RUB", "AZN", "GBP"}
UNIT_KINDS = {
    **{c: "currency" for c in CURRENCIES}, "tonnes": "mass", "barrels": "oil",
    "cubic metres": "gas", "percent": "percent", "percentage points": "percent",
    "count": "count", "times": "ratio", "days": "duration", "months": "duration",
    "years": "duration", "hours": "duration", "kilometres": "length",
}
MEASURE_WINDOW = 150     # characters: how far from a figure a measure keyword may stand
PERIOD_WINDOW = 200      # characters: how far from a figure a time expression may stand
CUE_WINDOW = 120         # characters: how far before a figure a forecast word may stand
TABLE_COLUMNS = ["doc_id", "outlet", "event_date", "era", "published"]

# ---------------------------------------------------------------------------------------------
# The grammar of a figure: [qualifier] [currency] number [scale] [unit] [per ...] [or more]

_W = "|".join(sorted([*NUMBER_WORDS, *SCALE_WORDS, "dozen"], key=len, reverse=True))
_JOIN = r"(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[ \t]+|-)"
_WORD_NUMBER = starting_with(
    initials(["a", *NUMBER_WORDS, *SCALE_WORDS, "dozen"]),
    rf"\b(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|quadrillion|dozen)\b))?(?:{_W})(?:{_JOIN}(?:{_W}))*\b",
    re.I)
_DIGITS = starting_with(r"\d", r"(?<![\w.,])(?<![A-Za-z]-)\d+(?:[.,]\d+)*")
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w$])(?:US|U\.S\.)\s?\\?\$|\\?\$\s?US|\\?[$€£₽₼]|\b(?:USD|EUR|RUB|AZN|GBP)(?=\s?\Z))\s?\Z")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₼": "AZN"}
_SCALE_WORD = re.compile(r"(?:\s+|-)(thousand|million|billion|trillion|quadrillion)\b", re.I)
_SCALE_ABBREVIATION = re.compile(r"\s?(bn|bln|mln|mn|tn|trn|trln)\b\.?", re.I)
_SCALE_TIGHT = re.compile(r"\s?([mbk])\b(?!\.\w)", re.I)     # "$4m", "$4 b": only after a currency
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*", re.I)
_BETWEEN_AND = re.compile(r"\s+and\s+", re.I)
_UNITS = [  # (pattern matched right after the number and scale, unit, multiplier, per)
    (r"\s*(?:US\s+|U\.S\.\s+|American\s+)?dollars?\b|\s*USD\b", "USD", 1, ""),
    (r"\s*euros?\b|\s*EUR\b", "EUR", 1, ""),
    (r"\s*(?:roubles?|rubles?|RUB)\b", "RUB", 1, ""),
    (r"\s*(?:manats?|AZN)\b", "AZN", 1, ""),
    (r"\s*(?:pounds\s+sterling|GBP)\b", "GBP", 1, ""),
    (r"\s*(?:%|percent\b|per\s?cent\b|pct\b)", "percent", 1, ""),
    (r"\s*percentage\s+points?\b", "percentage points", 1, ""),
    (r"\s*(?:metric\s+)?(?:tonnes?|tons?)\b", "tonnes", 1, ""),
    (r"\s*(?:barrels?|bbl)\s*(?:(?:per|a)\s+day\b|/\s*d(?:ay)?\b)|\s*(?:bpd|b/d)\b", "barrels", 1, "day"),
    (r"\s*(?:barrels?|bbl)\b", "barrels", 1, ""),
    (r"\s*bcm\b", "cubic metres", 1e9, ""),
    (r"\s*tcm\b", "cubic metres", 1e12, ""),
    (r"\s*cubic\s+met(?:re|er)s?\b|\s*cu\.?\s?m\b|\s*m3\b|\s*m³", "cubic metres", 1, ""),
    (r"\s*(?:km|kilomet(?:re|er)s?)\b", "kilometres", 1, ""),
    (r"(?:\s+|-)days?\b", "days", 1, ""),
    (r"(?:\s+|-)weeks?\b", "days", 7, ""),
    (r"(?:\s+|-)months?\b", "months", 1, ""),
    (r"(?:\s+|-)years?\b", "years", 1, ""),
    (r"(?:\s+|-)decades?\b", "years", 10, ""),
    (r"(?:\s+|-)centur(?:y|ies)\b", "years", 100, ""),
    (r"(?:\s+|-)hours?\b", "hours", 1, ""),
    (r"\s?-?fold\b", "times", 1, ""),
    (r"\s+times\b(?!\s+(?:a|per)\b)", "times", 1, ""),
]
_UNITS = [(re.compile(p, re.I), unit, factor, per) for p, unit, factor, per in _UNITS]
_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b|\s+years?\s+of\s+age\b", re.I)
_AGE_YEARS_AFTER = re.compile(r"(?:-|\s)old\b|\s+of\s+age\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s+\Z", re.I)
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:no|nos|number|article|section|chapter|resolution|page|paragraph|flight|route|"
    r"room|item|clause|part|vol|volume|protocol|annex|phase|stage|level|lot|line|grade|"
    r"episode|round|seat|code|zone|unit)\.?\s*|#\s*)\Z", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|our|his|her|all|both|every)\s+\Z", re.I)
_PER = re.compile(
    r"(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?\s*(?:\b(?:per|a|an|each|every)\s+|/\s*)"
    r"(year|annum|day|month|week|quarter|capita|person|head)\b"
    r"|\s+(annually|yearly|daily|monthly|weekly)\b", re.I)
_PER_NAMES = {"annum": "year", "annually": "year", "yearly": "year", "daily": "day",
              "monthly": "month", "weekly": "week", "capita": "person", "head": "person"}
_TRAILING_BOUND = re.compile(
    r"\s*,?\s*(?:or|and)\s+(more|above|higher|over|greater|upwards|beyond|less|fewer|below|lower|under)\b",
    re.I)
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

# Never quantities: dates, clock times, ordinals, fractions such as 24/7.
_BLOCKED = [
    starting_with("JFMASOND", rf"\b{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"),
    starting_with(r"\d", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b(?:,?\s+\d{{4}}\b)?"),
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


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "value": "float64", "low": "float64",
                         "high": "float64", "projected": "bool", "period_start": "Int64",
                         "period_end": "Int64"})


# ---------------------------------------------------------------------------------------------
# Reading one figure


def _currency_before(text: str, start: int) -> tuple[str, int]:
    """('USD', index where '$' or 'US$' starts) if a currency sign stands right before `start`."""
    m = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return "", start
    sign = m.group(0)
    for symbol, code in _SYMBOLS.items():
        if symbol in sign:
            return code, m.start()
    return sign.strip(), m.start()


def _scale_after(text: str, pos: int, currency: str) -> tuple[float, int]:
    for rx in (_SCALE_WORD, _SCALE_ABBREVIATION) + ((_SCALE_TIGHT,) if currency else ()):
        m = rx.match(text, pos)
        if m:
            return scale_of(m.group(1)), m.end()
    return 1.0, pos


def _unit_after(text: str, pos: int):
    for rx, unit, factor, per in _UNITS:
        m = rx.match(text, pos)
        if m:
            return unit, factor, per, m.end()
    return "count", 1, "", pos


def _read_core(text: str, start: int, end: int, is_word: bool):
    """(value, end) of the number at text[start:end], trimming a trailing ',5' that is a list."""
    token = text[start:end]
    if is_word:
        value = words_to_number(token)
        return (value, end) if value is not None else (None, end)
    after_scale = bool(_SCALE_WORD.match(text, end) or _SCALE_ABBREVIATION.match(text, end)
                       or re.match(r"\s*(?:%|percent)", text[end:end + 9]))
    while token:
        value = parse_digits(token, comma_is_decimal=after_scale)
        if value is not None:
            return value, start + len(token)
        cut = max(token.rfind(","), token.rfind("."))
        if cut <= 0:
            return None, end
        token = token[:cut]
    return None, end


def _leading_qualifier(text: str, start: int) -> tuple[str, int]:
    """The bound word just before a figure ('over', 'Some', 'exceeded the') and where the span
    should start (verbs stay outside the span)."""
    lo = max(0, start - 40)
    for rx, qualifier, inside in _LEADING:
        m = rx.search(text, lo, start)
        if m:
            return qualifier, m.start() if inside else start
    return "", start


def _figure(text: str, start: int, end: int, is_word: bool):
    """A candidate figure starting with the number at text[start:end], or None."""
    value, end = _read_core(text, start, end, is_word)
    if value is None or not math.isfinite(value):
        return None
    currency, span_start = _currency_before(text, start)
    scale, pos = _scale_after(text, end, currency)
    low = high = None
    if not is_word and pos == end and end < len(text) and text[end].isalpha():
        if not any(rx.match(text, end) for rx, *_ in _UNITS):
            return None                                   # part of a code such as 'b1815fcb'
    between = re.search(r"\bbetween\s+\Z", text[max(0, span_start - 9):span_start], re.I)
    range_start = span_start - len(between.group(0)) if between else span_start
    sep = (_BETWEEN_AND if between else _RANGE_SEPARATOR).match(text, pos)
    if sep and not _FROM_BEFORE.search(text, max(0, span_start - 30), span_start):
        second = _second_of_range(text, sep.end(), currency)
        if second is not None:
            value2, scale2, pos = second
            if scale == 1.0:
                scale = scale2
            low, high = value * scale, value2 * scale2
            span_start = range_start
            if not low < high:
                low = high = None
                span_start = _currency_before(text, start)[1]
                pos = _scale_after(text, end, currency)[1]
    unit, factor, per, pos = _unit_after(text, pos)
    if currency:
        if unit not in CURRENCIES | {"count"}:
            return None                                   # '$5 tons' is not a figure
        unit = currency
    return dict(start=span_start, core_start=start, end=pos, value=value * scale * factor,
                unit=unit, per=per, low=None if low is None else low * factor,
                high=None if high is None else high * factor, is_word=is_word,
                has_scale=scale != 1.0 or unit != "count", raw_value=value)


def _second_of_range(text: str, pos: int, currency: str):
    """(value, scale, end) of the second number in '4.3-4.5 billion', or None."""
    sign = re.match(r"\\?[$€£₽₼]\s?", text[pos:pos + 3])
    if sign:
        pos += sign.end()
    m = _DIGITS.match(text, pos) or _WORD_NUMBER.match(text, pos)
    if m is None:
        return None
    value, end = _read_core(text, m.start(), m.end(), is_word=not m.group(0)[0].isdigit())
    if value is None:
        return None
    scale, end = _scale_after(text, end, currency)
    return value, scale, end


def _is_excluded(text: str, fig: dict, blocked: list[tuple[int, int]]) -> bool:
    """Dates, years, ages, ordinals, reference numbers and non-counting number words."""
    s, e = fig["core_start"], fig["end"]
    if any(bs < e and s < be for bs, be in blocked):
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
    return False


def _finish(text: str, fig: dict) -> dict:
    """Add the per phrase, the bound words before and after, low/high and the qualifier."""
    per = _PER.match(text, fig["end"])
    if per and not fig["per"]:
        word = (per.group(1) or per.group(2)).lower()
        fig["per"] = _PER_NAMES.get(word, word)
        fig["end"] = per.end()
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
    if fig["low"] is not None:
        fig["qualifier"] = "range"
        fig["value"] = (fig["low"] + fig["high"]) / 2
    else:
        fig["qualifier"] = qualifier or "exact"
        value = fig["value"]
        fig["low"], fig["high"] = {
            "exact": (value, value), "approx": (None, None), "at_least": (value, None),
            "at_most": (None, value)}[fig["qualifier"]]
    return fig


def _number_figures(text: str, blocked) -> list[dict]:
    figures = []
    cores = [(m.start(), m.end(), False) for m in _DIGITS.finditer(text)]
    cores += [(m.start(), m.end(), True) for m in _WORD_NUMBER.finditer(text)]
    for start, end, is_word in cores:
        fig = _figure(text, start, end, is_word)
        if fig is not None and not _is_excluded(text, fig, blocked):
            figures.append(_finish(text, fig))
    return figures


def _word_figures(text: str, blocked) -> list[dict]:
    """'more than double', 'twofold', 'millions of dollars'."""
    figures = []
    for m in _MULTIPLIER.finditer(text):
        word = m.group(1).lower()
        if word in {"double", "triple", "quadruple", "halve"} and not _MODAL_BEFORE.search(
                text, max(0, m.start() - 20), m.start()):
            continue                                      # 'double standards'
        figures.append(dict(start=m.start(), end=m.end(), value=MULTIPLIER_WORDS[word],
                            unit="times", per="", low=None, high=None))
    for m in _FOLD_WORD.finditer(text):
        figures.append(dict(start=m.start(), end=m.end(), value=words_to_number(m.group(1)),
                            unit="times", per="", low=None, high=None))
    figures = [_finish(text, f) for f in figures]
    for m in _VAGUE.finditer(text):
        if m.group(1):
            value = {"tens": 20, "hundreds": 200}[m.group(1).lower()] * VAGUE_PLURALS[m.group(2).lower()] / 2
        else:
            value = VAGUE_PLURALS[m.group(3).lower()]
        unit = _VAGUE_UNITS.get((m.group(4) or "").lower(), "count")
        figures.append(dict(start=m.start(), end=m.end(), value=value, unit=unit, per="",
                            low=value, high=None, qualifier="at_least"))
    return [f for f in figures if not any(bs < f["end"] and f["start"] < be for bs, be in blocked)]


# ---------------------------------------------------------------------------------------------
# Context: sentence, period, forecast, measure


def _period_for(text: str, fig: dict, periods: list[Period], sentence: tuple[int, int]) -> Period | None:
    """The time expression that a figure refers to: the nearest one in its clause."""
    best, best_distance = None, PERIOD_WINDOW + 1
    for p in periods:
        if p.first is None or p.start < sentence[0] or p.end > sentence[1]:
            continue
        if p.start >= fig["end"]:
            gap = text[fig["end"]:p.start]
            if _CLAUSE_BREAK_AFTER.search(gap):
                continue
        elif p.end <= fig["start"]:
            gap = text[p.end:fig["start"]]
            if _CLAUSE_BREAK_BEFORE.search(gap):
                continue
        else:
            continue
        distance = len(gap) - (0.5 if p.start >= fig["end"] else 0)   # ties: '$3 billion in 2015'
        if distance < best_distance:
            best, best_distance = p, distance
    return best


def _is_projected(text: str, fig: dict, period: Period | None, year: int | None, sentence) -> bool:
    """A forecast: a future period, or a forecast word earlier in the same clause; the 'from'
    figure of 'from X to Y' is the starting level, not the forecast."""
    if _FROM_BEFORE.search(text, max(0, fig["start"] - 30), fig["start"]) and _TO_AFTER.match(text, fig["end"]):
        return False
    if period is not None and year is not None:
        if period.last < year:
            return False
        if period.last > year:
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


def _measure_for(text: str, fig: dict, sentence: tuple[int, int]) -> tuple[str, str]:
    """(measure, theme) from the nearest keyword of a matching unit kind in the sentence."""
    kind = UNIT_KINDS.get(fig["unit"], "")
    best, best_distance = ("", ""), MEASURE_WINDOW + 1
    lo, hi = max(sentence[0], fig["start"] - MEASURE_WINDOW), min(sentence[1], fig["end"] + MEASURE_WINDOW)
    for measure, theme, pattern, kinds in _measure_rows():
        if kind not in kinds:
            continue
        for m in pattern.finditer(text, lo, hi):
            distance = max(0, fig["start"] - m.end(), m.start() - fig["end"])
            if distance < best_distance:
                best, best_distance = (measure, theme), distance
    return best


@lru_cache(maxsize=1)
def _measure_rows() -> tuple:
    """measure_table as plain tuples: it is read once per figure."""
    table = measure_table()
    return tuple(zip(table["measure"], table["theme"], table["pattern"], table["kinds"]))


def _published_year(published) -> int | None:
    if published is None or (not isinstance(published, str) and pd.isna(published)):
        return None
    if isinstance(published, int):
        return published
    return pd.Timestamp(published).year


class UnreadableFigureWarning(CorpusWarning):
    """A figure the extractor cannot read: left out, never guessed."""


_MALFORMED_TAIL = re.compile(r"(?:\s*(?:thousand|million|billion|trillion|quadrillion|bn|bln|mln)\b)?", re.I)
_CURRENCY_WITHOUT_NUMBER = re.compile(r"[$€£₽₼]\s*(?=(?:thousand|million|billion|trillion)\b)", re.I)


def _unreadable_figures(text: str, blocked) -> list[tuple[int, int]]:
    """Digit strings no number format fits ('$1.2.3 billion', '12,34,567') and currency signs
    with no number ('$ billion'), each with its scale word; dates are already blocked."""
    spans = []
    for m in _DIGITS.finditer(text):
        token, tail = m.group(), _MALFORMED_TAIL.match(text, m.end()).end()
        if any(s <= m.start() < e for s, e in blocked) and tail == m.end():
            continue                 # a date; but no date is followed by "billion"
        if parse_digits(token) is None and parse_digits(token, comma_is_decimal=True) is None:
            spans.append((m.start(), tail))
    for m in _CURRENCY_WITHOUT_NUMBER.finditer(text):
        spans.append((m.start(), _MALFORMED_TAIL.match(text, m.end()).end()))
    return spans


def extract_quantities(text: str, published=None, source: str | None = None) -> pd.DataFrame:
    """One row per figure in `text`: span, start, end, value (base units), unit, per, qualifier,
    low, high, measure, period, sentence (+ projected, period_start, period_end, theme).

    `published` (a date, or a year) resolves 'last year' and 'over the next three years'.
    Never raises on text; `text[start:end] == span` for every row. A figure that cannot be
    read is left out with an UnreadableFigureWarning naming `source` (the file), never guessed.
    """
    return _frame(_figure_rows(text, published, source), COLUMNS)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    if not rows:
        empty = _empty()
        for column in reversed([c for c in columns if c not in empty.columns]):
            empty.insert(0, column, pd.Series(dtype="object"))
        return empty
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"low": "float64", "high": "float64", "period_start": "Int64",
                         "period_end": "Int64"})


def _figure_rows(text: str, published, source: str | None) -> list[dict]:
    """The extractor's rows as plain dicts (one DataFrame is built per call site, not per text)."""
    if not isinstance(text, str):
        return []
    year = _published_year(published)
    periods = find_periods(text, year)
    blocked = [(p.start, p.end) for p in periods if p.kind != "anaphoric"]
    blocked += [m.span() for rx in _BLOCKED for m in rx.finditer(text)]
    for start, end in _unreadable_figures(text, blocked):
        warnings.warn(f"{source or 'text'}: cannot read the figure {text[start:end]!r} (offset {start}); "
                      "left out, check the source", UnreadableFigureWarning, stacklevel=2)
        blocked.append((start, end))
    figures = _number_figures(text, blocked) + _word_figures(text, blocked)
    figures.sort(key=lambda f: (f["start"], -(f["end"] - f["start"])))
    kept, last_end = [], -1
    for fig in figures:
        if fig["start"] >= last_end:
            kept.append(fig)
            last_end = fig["end"]
    sentences = sentence_spans(text)
    rows = []
    for fig in kept:
        sentence = next(((s, e) for s, e in sentences if s <= fig["start"] < e), (fig["start"], fig["end"]))
        period = _period_for(text, fig, periods, sentence)
        projected = _is_projected(text, fig, period, year, sentence)
        measure, theme = _measure_for(text, fig, sentence)
        qualifier = "projected" if projected and fig["qualifier"] == "exact" else fig["qualifier"]
        rows.append(dict(
            span=text[fig["start"]:fig["end"]], start=fig["start"], end=fig["end"],
            value=float(fig["value"]), unit=fig["unit"], per=fig["per"], qualifier=qualifier,
            low=fig["low"], high=fig["high"], measure=measure,
            period=period.label if period else "", sentence=text[sentence[0]:sentence[1]],
            projected=projected, period_start=period.first if period else None,
            period_end=period.last if period else None, theme=theme))
    return rows


def _article_rows(article: tuple) -> list[dict]:
    """_figure_rows for one (text, published, source) triple: the unit of parallel work."""
    return _figure_rows(*article)


def quantity_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every figure in the corpus (clean `text`, periods resolved against `published_start`),
    with its article: doc_id, outlet, event_date, era, published, then the extractor's columns."""
    docs = list(corpus.itertuples(index=False))
    found = map_in_order(_article_rows, [(doc.text, doc.published_start, getattr(doc, "file", doc.doc_id))
                                         for doc in docs])
    rows = []
    for doc, doc_rows in zip(docs, found):
        article = {c: getattr(doc, "published_start" if c == "published" else c) for c in TABLE_COLUMNS}
        rows.extend({**article, **row} for row in doc_rows)
    table = _frame(rows, TABLE_COLUMNS + COLUMNS)
    if table.empty:
        return table
    if "era" in corpus and isinstance(corpus["era"].dtype, pd.CategoricalDtype):
        table["era"] = pd.Categorical(table["era"], dtype=corpus["era"].dtype)
    table["implausible"] = flag_implausible(table, dict(zip(corpus["doc_id"], corpus["file"])))
    return table.sort_values(["event_date", "doc_id", "start"], kind="stable").reset_index(drop=True)


def plausible_limits() -> dict[str, float]:
    """Largest plausible value per unit, from the editable table data/plausible_limits.csv."""
    limits = pd.read_csv(DATA_DIR / "plausible_limits.csv", comment="#")
    return dict(zip(limits["unit"], limits["max_value"].astype(float)))


def flag_implausible(table: pd.DataFrame, files: dict[str, str]) -> pd.Series:
    """True where a figure exceeds its unit's plausible limit; warns naming each article."""
    limits = plausible_limits()
    ceiling = table["unit"].map(limits).fillna(math.inf)
    flagged = table[table[["value", "high"]].max(axis=1) > ceiling]
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
    if row.qualifier == "range":
        return row.low, row.high
    tolerance = APPROX_TOLERANCE if row.qualifier == "approx" else EXACT_TOLERANCE
    return row.value * (1 - tolerance), row.value * (1 + tolerance)


def same_period_comparisons(table: pd.DataFrame) -> pd.DataFrame:
    """Figures for the same measure, unit and period stated by two or more articles, side by
    side, with a verdict per group: 'consistent' when every stated interval overlaps,
    'disagree' otherwise. A figure with no period is compared with others from the same event."""
    known = table[table["measure"] != ""].copy()
    no_period = known["period"] == ""
    known["compared_period"] = known["period"]
    known.loc[no_period, "compared_period"] = [
        f"not stated (event of {d:%Y-%m-%d})" for d in known.loc[no_period, "event_date"]]
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

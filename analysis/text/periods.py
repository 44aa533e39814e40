"""Find the years and year ranges a text talks about, resolved against its publication date.

"in 2006", "late 2006", "September 2023" and "2/4/2007" name a year; "2007-2010" and "since
2006" a range; "last year", "this year" and "over the next three years" count from the
publication year; "for the year" and "over the same period" point back to the last period
named earlier in the paragraph. `analysis.quantities` uses these mentions to give each figure
its `period`. (Self-contained on purpose: day-level dates are `analysis.find_dates`' job.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import words_to_number
from .regexes import Gated, starting_with

YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")


@dataclass(frozen=True)
class Period:
    """A time expression in the text and the calendar years it covers (None if unresolved)."""

    start: int
    end: int
    first: int | None
    last: int | None
    kind: str          # year, range, relative, anaphoric

    @property
    def label(self) -> str:
        if self.first is None:
            return ""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


_NOT_AFTER = r"(?<![\w$€£₽₼.,/\\-])"
_RANGE = starting_with(
    "bf12", rf"(?:\bbetween\s+{_NOT_AFTER}({YEAR})\s+and\s+|(?:\bfrom\s+)?{_NOT_AFTER}({YEAR})\s*"
    rf"(?:-|–|—|/|\bto\b|\buntil\b|\bthrough\b)\s*)({YEAR}|\d\d)(?![\w%]|[.,]\d)")
_DECADE = Gated(starting_with("12", rf"{_NOT_AFTER}((?:1[89]|20)\d0)s\b"), ("0s",))
_SINCE = Gated(starting_with("s", rf"\bsince\s+(?:(?:early|mid|late)[\s-]+|{MONTHS}\s+)?({YEAR})\b"),
               ("since",))
_YEAR = starting_with("12", rf"{_NOT_AFTER}({YEAR})(?![\w%]|[.,]\d|/\d|\s*(?:-|–)\s*\d)")
_NUMERIC_DATE = starting_with(r"\d", r"(?<![\w./-])(?:\d{1,2}[/.-]\d{1,2}[/.-](\d{4})|(\d{4})-\d{2}-\d{2})(?![\w/.-]?\d)")
_RELATIVE = Gated(starting_with(
    "ltnpcaoidwf", r"\b(?:(last|this|next|past|current|coming|previous)\s+year|a\s+year\s+(ago|earlier)|"
    r"the\s+year\s+(before\s+last|before|after)|"
    rf"(?:over|in|during|within|for)\s+the\s+(next|coming|following|past|last|previous)\s+({_NUM})\s+years?)\b",
    re.I), ("year",))
_ANAPHORIC = Gated(starting_with(
    "fidot", r"\b(?:(?:for|in|during|over|throughout)\s+the\s+(?:same\s+)?(?:year|period)(?!\s+\d)|"
    r"that\s+year|the\s+same\s+year|that\s+period)\b", re.I),
    ("year", "period"))
# A figure followed by one of these is a quantity, not a year ("2000 tons", "1900 people").
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|thousand|million|billion|trillion|bn|bln|mln|tons?|tonnes?|"
    r"barrels?|cubic|dollars?|euros?|roubles?|rubles?|manats?|people|troops|soldiers|workers|"
    r"vehicles|wagons|trucks|km|kilomet|miles?)\b", re.I)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    value = words_to_number(word)
    return int(value) if value is not None and value == int(value) else None


def is_year_at(text: str, start: int, end: int) -> bool:
    """Whether the 4-digit number at text[start:end] is a year (not '2000 tons')."""
    return _UNIT_AFTER.match(text, end) is None and not text[max(0, start - 2):start].rstrip().endswith(("$", "€", "£"))


def _relative(m: re.Match, year: int | None) -> tuple[int | None, int | None]:
    if year is None:
        return None, None
    word, ago, before, direction, count = (g.lower() if g else g for g in m.groups())
    if word:
        offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
                  "next": 1, "coming": 1}[word]
        return year + offset, year + offset
    if ago:
        return year - 1, year - 1
    if before:
        offset = {"before last": -2, "before": -1, "after": 1}[" ".join(before.split())]
        return year + offset, year + offset
    n = _number(count)
    if n is None or n > 200:
        return None, None
    if direction in {"next", "coming", "following"}:
        return year, year + n
    return year - n, year


def find_periods(text: str, year: int | None = None) -> list[Period]:
    """Every year, year range and relative period in `text`, in order, resolved against the
    publication `year` (relative expressions stay unresolved when it is None)."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def add(start, end, first, last, kind):
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Period(start, end, first, last, kind))

    for m in _NUMERIC_DATE.finditer(text):
        y = int(m.group(1) or m.group(2))
        add(m.start(), m.end(), y, y, "year")
    for m in _RANGE.finditer(text):
        head, last = m.group(1) or m.group(2), m.group(3)
        first, last = int(head), int(last) if len(last) == 4 else int(head[:2] + last)
        if first < last <= first + 100 and is_year_at(text, m.start(3), m.end()):
            add(m.start(), m.end(), first, last, "range")
    for m in _SINCE.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), max(int(m.group(1)), year or int(m.group(1))), "range")
    for m in _RELATIVE.finditer(text):
        first, last = _relative(m, year)
        add(m.start(), m.end(), first, last, "relative")
    for m in _DECADE.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), int(m.group(1)) + 9, "range")
    for m in _YEAR.finditer(text):
        if is_year_at(text, m.start(1), m.end(1)):
            add(m.start(1), m.end(1), int(m.group(1)), int(m.group(1)), "year")
    for m in _ANAPHORIC.finditer(text):
        add(m.start(), m.end(), None, None, "anaphoric")
    found.sort(key=lambda p: p.start)
    return _resolve_anaphora(text, found)


def _resolve_anaphora(text: str, periods: list[Period]) -> list[Period]:
    """'for the year' takes the last resolved period before it in the same paragraph."""
    resolved: list[Period] = []
    for p in periods:
        if p.kind == "anaphoric":
            paragraph_start = max(text.rfind("\n\n", 0, p.start), 0)
            earlier = [q for q in resolved if q.first is not None and q.end <= p.start
                       and q.start >= paragraph_start]
            if earlier:
                p = Period(p.start, p.end, earlier[-1].first, earlier[-1].last, "anaphoric")
        resolved.append(p)
    return resolved

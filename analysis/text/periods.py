"""Find the periods a text's figures refer to, at month precision, resolved against the
publication date.

"in 2006", "late 2006" and "2/4/2007" name a year; "September 2023" a month; "2007-2010",
"since 2006" and "the 1990s" a range of years; "the first nine months of 2017", "the first
half of 2024", "the first quarter of 2018", "Q1 2018" and "January-July 2024" part of a year;
"last year", "this year", "over the next three years", "in the past 12 months" and "in the
first seven months" count from the publication date; "for the year" and "over the same
period" point back to the last period named earlier in the paragraph. `analysis.quantities`
uses these to give each figure its period, and treats the duration inside a period ("seven
months" in "the first seven months") as part of the period, not as a figure.

A period that the publication date cannot settle stays unresolved (first year None): "the
first seven months" in an article published in July, or "last year" in an article dated only
to a week that spans New Year. (Self-contained on purpose: day-level dates are
`analysis.find_dates`' job.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import MONTH_PATTERN, MONTHS as MONTH_INDEX
from .numbers import words_to_number
from .regexes import Gated, starting_with

YEAR = r"(?:1[89]\d\d|20\d\d)"
FIRST_YEAR, LAST_YEAR = 1678, 2261     # the years a pandas date column can hold
_NUM = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
MONTHS = MONTH_PATTERN       # one month table for the package: analysis.text.dates


@dataclass(frozen=True)
class Period:
    """A time expression in the text and the months it covers: from `first_month` of year
    `first` to `last_month` of year `last` (years None if unresolved)."""

    start: int
    end: int
    first: int | None
    last: int | None
    kind: str          # year, month, months, range, relative, anaphoric
    first_month: int = 1
    last_month: int = 12

    @property
    def whole_years(self) -> bool:
        return self.first_month == 1 and self.last_month == 12

    @property
    def label(self) -> str:
        """'2006', '2007-2010', or at month precision '2023-09', '2024-01/2024-06'."""
        if self.first is None:
            return ""
        if self.whole_years:
            return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"
        first, last = f"{self.first}-{self.first_month:02d}", f"{self.last}-{self.last_month:02d}"
        return first if first == last else f"{first}/{last}"

    @property
    def date_start(self) -> pd.Timestamp:
        """First day of the period (NaT if unresolved)."""
        if self.first is None:
            return pd.NaT
        return pd.Timestamp(self.first, self.first_month, 1)

    @property
    def date_end(self) -> pd.Timestamp:
        """Last day of the period (NaT if unresolved)."""
        if self.last is None:
            return pd.NaT
        return pd.Timestamp(self.last, self.last_month, calendar.monthrange(self.last, self.last_month)[1])


# ---------------------------------------------------------------------------------------------
# The publication date, in whatever form the corpus gives it


@dataclass(frozen=True)
class Publication:
    """When a text was published: a day, or the first and last day it can have been."""

    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None

    @property
    def year(self) -> int | None:
        """The publication year, if the window does not straddle New Year."""
        if self.first is None or self.last is None or self.first.year != self.last.year:
            return None
        return self.first.year

    def month_index(self) -> tuple[int, int] | None:
        """(first, last) month of the window as year * 12 + month - 1."""
        if self.first is None or self.last is None:
            return None
        return self.first.year * 12 + self.first.month - 1, self.last.year * 12 + self.last.month - 1


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _day(value, original) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(f"published={original!r} is not a date, a year or an ISO interval "
                         f"'YYYY-MM-DD/YYYY-MM-DD' ({error})") from None
    if day is pd.NaT:
        raise ValueError(f"published={original!r} is not a date")
    return day.tz_localize(None) if day.tzinfo is not None else day


def publication(published) -> Publication:
    """A Publication from every form a corpus gives: None/NaN/NaT/'' (unknown), a year (2007,
    '2007'), a month ('2024-08'), a day (str, date, datetime, Timestamp, numpy datetime64), an
    ISO 8601 interval ('2024-08-19/2024-08-25'), or a (first, last) pair. Anything else is a
    ValueError naming the value."""
    if isinstance(published, Publication):
        return published
    if isinstance(published, (tuple, list)) and len(published) == 2:
        first, last = (publication(p) for p in published)
        return Publication(first.first if first.first is not None else last.first,
                           last.last if last.last is not None else first.last)
    if _missing(published):
        return Publication()
    if isinstance(published, (bool, np.bool_)):
        raise ValueError(f"published={published!r} is not a date")
    if isinstance(published, (int, np.integer)) or (isinstance(published, (float, np.floating))
                                                    and float(published).is_integer()):
        year = int(published)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"published={published!r} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
        return Publication(pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31))
    if isinstance(published, str):
        text = published.strip()
        if not text or text.lower() in {"nan", "nat", "none", "null", ".."}:
            return Publication()
        if "/" in text:
            head, _, tail = text.partition("/")
            return publication((head.strip() or None, tail.strip() or None))
        if re.fullmatch(r"\d{4}", text):
            return publication(int(text))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = _day(text + "-01", published)
            return Publication(first, first + pd.offsets.MonthEnd(0))
        day = _day(text, published)
        return Publication(day.normalize(), day.normalize())
    if isinstance(published, (dt.date, np.datetime64, pd.Timestamp)):
        day = _day(published, published).normalize()
        return Publication(day, day)
    raise ValueError(f"published={published!r} ({type(published).__name__}) is not a date, a year "
                     "or an ISO interval")


# ---------------------------------------------------------------------------------------------
# Patterns

_NOT_AFTER = r"(?<![\w$€£₽₼.,/\\-])"
_RANGE = starting_with(
    "bf12", rf"(?:\bbetween\s+{_NOT_AFTER}({YEAR})\s+and\s+|(?:\bfrom\s+)?{_NOT_AFTER}({YEAR})\s*"
    rf"(?:-|–|—|/|\bto\b|\buntil\b|\bthrough\b)\s*)({YEAR}|\d\d)(?![\w%]|[.,]\d)")
_DECADE = Gated(starting_with("12", rf"{_NOT_AFTER}((?:1[89]|20)\d0)s\b"), ("0s",))
_SINCE = Gated(starting_with("s", rf"\bsince\s+(?:(?:early|mid|late)[\s-]+|({MONTHS})\s+)?({YEAR})\b"),
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
# Part of a year. `of_year` names the year: a number, or 'this/last/next year', 'the year'.
_OF_YEAR = (rf"(?:\s+of\s+(?:(?P<year>{YEAR})\b|(?P<rel>this|last|next|the\s+current|the\s+previous|"
            r"the\s+past|the\s+same|the)\s+year\b)|\s+(?P<year2>" + YEAR + r")\b)?")
_PREP = r"(?:(?:in|during|over|for|throughout)\s+)?"
_FIRST_MONTHS = Gated(starting_with(
    "idoftIDOFT", rf"(?i:\b{_PREP}the\s+(?P<which>first|last)\s+(?P<n>{_NUM})\s+months\b){_OF_YEAR}"), ("month",))
_HALF = Gated(starting_with(
    "idoftIDOFT", rf"(?i:\b{_PREP}the\s+(?P<which>first|second|1st|2nd)\s+half\b){_OF_YEAR}"), ("half",))
_QUARTER = Gated(starting_with(
    "idoftIDOFT", rf"(?i:\b{_PREP}the\s+(?P<which>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter\b)"
    rf"{_OF_YEAR}"), ("quarter",))
_CODE = starting_with("HQ1234", rf"\b(?:(?P<h>H[12]|[12]H)|(?P<q>Q[1-4]|[1-4]Q))\b(?:\s*(?P<year>{YEAR})\b|"
                                rf"\s*['’](?P<yy>\d\d)\b)?")
_MONTH_RANGE = starting_with(
    "JFMASOND", rf"\b(?P<m1>{MONTHS})\.?\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b)\s*(?P<m2>{MONTHS})\b\.?"
                rf"(?:,?\s+(?P<year>{YEAR})\b)?")
_MONTH_YEAR = starting_with("JFMASOND", rf"\b(?P<m1>{MONTHS})\.?,?\s+(?P<year>{YEAR})\b")
_PAST_MONTHS = Gated(starting_with(
    "oidwfOIDWF", rf"(?i:\b(?:over|in|during|within|for)\s+the\s+(?P<which>next|coming|following|past|last|"
             rf"previous)\s+(?P<n>{_NUM})\s+months)\b"), ("month",))
_MONTH_RELATIVE = Gated(starting_with(
    "ltnpsyLTNPSY", r"(?i:\b(?P<which>last|this|next|past|previous)\s+month\b|"
              r"\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year\b|\bso\s+far\s+this\s+year\b|"
              r"\byear[\s-]to[\s-]date\b)"), ("month", "year", "date"))
# A figure followed by one of these is a quantity, not a year ("2000 tons", "1900 people").
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|thousand|million|billion|trillion|bn|bln|mln|tons?|tonnes?|"
    r"barrels?|cubic|dollars?|euros?|roubles?|rubles?|manats?|people|troops|soldiers|workers|"
    r"vehicles|wagons|trucks|km|kilomet|miles?)\b", re.I)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4}


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


def _year_of_part(m: re.Match, pub: Publication, last_month: int) -> int | None:
    """The year a part-of-year expression refers to: the one it names, or the publication
    year when the part ended before publication (else unresolved)."""
    groups = m.groupdict()
    named = groups.get("year") or groups.get("year2")
    if named:
        return int(named)
    if groups.get("yy"):
        return 2000 + int(groups["yy"])
    relative = " ".join((groups.get("rel") or "").lower().split())
    year = pub.year
    if year is None:
        return None
    if relative == "the same":
        return None             # 'of the same year' points back; not resolved here
    if relative in {"this", "the current", "the"}:
        return year
    if relative in {"last", "the previous", "the past"}:
        return year - 1
    if relative == "next":
        return year + 1
    return year if pub.first.month > last_month else None


def _month_window(index_first: int, index_last: int) -> tuple[int, int, int, int]:
    return index_first // 12, index_first % 12 + 1, index_last // 12, index_last % 12 + 1


def _month_of(name: str) -> int:
    return MONTH_INDEX[name.lower()[:3]]


def find_periods(text: str, published=None) -> list[Period]:
    """Every period in `text` in order: years, months, parts of years, year ranges and
    relative periods, resolved against `published` (any form `publication` accepts; a
    plain year works as before). Relative expressions stay unresolved without it."""
    if not isinstance(text, str):
        return []
    pub = publication(published)
    year = pub.year
    found: list[Period] = []
    covered = bytearray(len(text) + 1)

    def add(start, end, first, last, kind, first_month=1, last_month=12):
        if end <= start or covered.find(1, start, end) != -1:
            return
        covered[start:end] = b"\x01" * (end - start)
        if first is None or last is None or not (FIRST_YEAR <= first <= last <= LAST_YEAR):
            first = last = None       # unresolved, or beyond the dates a table can hold
        found.append(Period(start, end, first, last, kind, first_month, last_month))

    for m in _NUMERIC_DATE.finditer(text):
        y = int(m.group(1) or m.group(2))
        add(m.start(), m.end(), y, y, "year")
    for m in _RANGE.finditer(text):
        head, last = m.group(1) or m.group(2), m.group(3)
        first, last = int(head), int(last) if len(last) == 4 else int(head[:2] + last)
        if first < last <= first + 100 and is_year_at(text, m.start(3), m.end()):
            add(m.start(), m.end(), first, last, "range")
    for m in _SINCE.finditer(text):
        first = int(m.group(2))
        if m.group(1) is None:
            add(m.start(), m.end(), first, max(first, year or first), "range")
            continue
        first_month = _month_of(m.group(1))
        if pub.last is not None and (pub.last.year, pub.last.month) >= (first, first_month):
            add(m.start(), m.end(), first, pub.last.year, "range", first_month, pub.last.month)
        else:
            add(m.start(), m.end(), first, first, "range", first_month, 12)
    _parts_of_years(text, pub, add)
    for m in _RELATIVE.finditer(text):
        first, last = _relative(m, year)
        add(m.start(), m.end(), first, last, "relative")
    for m in _DECADE.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), int(m.group(1)) + 9, "range")
    for m in _MONTH_YEAR.finditer(text):
        month, y = _month_of(m.group("m1")), int(m.group("year"))
        add(m.start(), m.end(), y, y, "month", month, month)
    for m in _YEAR.finditer(text):
        if is_year_at(text, m.start(1), m.end(1)):
            add(m.start(1), m.end(1), int(m.group(1)), int(m.group(1)), "year")
    for m in _ANAPHORIC.finditer(text):
        add(m.start(), m.end(), None, None, "anaphoric")
    found.sort(key=lambda p: p.start)
    return _resolve_anaphora(text, found)


def _parts_of_years(text: str, pub: Publication, add) -> None:
    """'the first nine months of 2017', 'the first half', 'Q1 2018', 'January-July 2024',
    'in the past 12 months', 'last month', 'since the start of the year'."""
    for m in _FIRST_MONTHS.finditer(text):
        n = _number(m.group("n"))
        if n is None or not 1 <= n <= 12:
            continue
        if m.group("which").lower() == "last" and not (m.group("year") or m.group("rel") or m.group("year2")):
            continue            # 'in the last three months': counted back from publication, below
        months = (1, n) if m.group("which").lower() == "first" else (13 - n, 12)
        y = _year_of_part(m, pub, months[1])
        add(m.start(), m.end(), y, y, "months", *months)
    for rx, size in ((_HALF, 6), (_QUARTER, 3)):
        for m in rx.finditer(text):
            k = _ORDINAL[m.group("which").lower()]
            months = ((k - 1) * size + 1, k * size)
            y = _year_of_part(m, pub, months[1])
            add(m.start(), m.end(), y, y, "months", *months)
    for m in _CODE.finditer(text):
        code = (m.group("h") or m.group("q")).upper()
        k, size = int(code.strip("HQ")), 6 if "H" in code else 3
        months = ((k - 1) * size + 1, k * size)
        y = _year_of_part(m, pub, months[1])
        add(m.start(), m.end(), y, y, "months", *months)
    for m in _MONTH_RANGE.finditer(text):
        first_month, last_month = _month_of(m.group("m1")), _month_of(m.group("m2"))
        if first_month >= last_month:
            continue
        y = _year_of_part(m, pub, last_month)
        add(m.start(), m.end(), y, y, "months", first_month, last_month)
    window = pub.month_index()
    for m in _PAST_MONTHS.finditer(text):
        n = _number(m.group("n"))
        if n is None or not 1 <= n <= 1200 or window is None or window[0] != window[1]:
            add(m.start(), m.end(), None, None, "relative")
            continue
        now = window[0]
        span = (now - n, now) if m.group("which").lower() in {"past", "last", "previous"} else (now, now + n)
        add(m.start(), m.end(), *_month_span(span))
    for m in _MONTH_RELATIVE.finditer(text):
        if window is None or window[0] != window[1]:
            add(m.start(), m.end(), None, None, "relative")
            continue
        now = window[0]
        which = (m.group("which") or "").lower()
        span = {"last": (now - 1, now - 1), "past": (now - 1, now - 1), "previous": (now - 1, now - 1),
                "this": (now, now), "next": (now + 1, now + 1)}.get(which, (now - now % 12, now))
        add(m.start(), m.end(), *_month_span(span))


def _month_span(span: tuple[int, int]) -> tuple:
    """(first year, last year, 'relative', first month, last month) of two month indexes."""
    first_year, first_month, last_year, last_month = _month_window(*span)
    return first_year, last_year, "relative", first_month, last_month


def _resolve_anaphora(text: str, periods: list[Period]) -> list[Period]:
    """'for the year' takes the last resolved period before it in the same paragraph."""
    breaks = [m.start() for m in re.finditer(r"\n\n", text)] if "\n\n" in text else []
    resolved: list[Period] = []
    last_known: Period | None = None
    for p in periods:
        if p.kind == "anaphoric":
            i = bisect_right(breaks, p.start - 2) - 1
            paragraph_start = breaks[i] if i >= 0 else 0
            if last_known is not None and last_known.end <= p.start and last_known.start >= paragraph_start:
                p = Period(p.start, p.end, last_known.first, last_known.last, "anaphoric",
                           last_known.first_month, last_known.last_month)
        if p.first is not None:
            last_known = p
        resolved.append(p)
    return resolved

"""Find every date expression in a text and resolve it to an interval of whole days.

News copy dates itself loosely: full dates ("January 9, 2001"), a month and day without a
year ("August 18"), weekdays ("on Tuesday"), relative phrases ("last year"), datelines
("BAKU, Azerbaijan (AP) —") and page stamps ("Last Updated: 07/27/2016") that belong to the
web page, not the story. `find_dates` lists each expression with its character offsets and,
given a reference day (usually the publication day), the first and last day it can mean, so
a notebook can show what an article says about time and where its stamps mislead.

Conventions. News reports are written in the past tense about the days just before they
appear, so vague expressions are resolved towards the recent past; each row's `resolution`
says which rule was used.

- Intervals are inclusive whole days: "September 2023" is 1-30 September 2023.
- The tense of the clause gives a month, a month and day or a weekday named without a year
  its direction (`clause_tense`: the tense marker nearest the expression in its sentence).
  "told reporters in August" in a story of March 2013 is August 2012; "will visit in August"
  is August 2013. A modal verb ("could recover in 2014") leaves the direction open.
- A weekday ("on Tuesday") is the most recent such day on or before the reference, or in a
  future-tense clause the first on or after it; "last Tuesday" is strictly before it,
  "next Tuesday" strictly after.
- A day and month without a year ("March 27") fall on or before the reference in a past-tense
  clause and on or after it in a future one; in a clause without tense they take the year
  that puts them nearest the reference (always within six months), so "December 30" in a
  January article is the previous December. A month alone ("in April") likewise; "this June"
  is the one in the reference year, "since April" the latest on or before the reference,
  "last April" the latest before it, "next April" / "by April" the first after it.
- "early", "mid" and "late" split a year into January-April, May-August and
  September-December, a month into days 1-10, 11-20 and 21-end, a decade into years 0-3,
  4-6 and 7-9. "last year" / "this week" are whole calendar units (weeks run Monday-Sunday).
- "over the next three years" runs from the reference to three years after it, "the past
  decade" from ten years before it; "in recent days/weeks/months/years" is the 7 days,
  4 weeks, 6 months or 3 years up to it; "a few"/"several" count as three.
- Phrases anchored to another event ("10 years after the collapse", "the following day")
  are listed as relative with no days, because their anchor is not a date. Bare durations
  ("three decades of rule") are not date expressions and are not listed.
- Numeric dates with two valid readings (2/4/2007) are flagged `ambiguous`. `dayfirst`
  picks the reading; by default the reading nearer the reference wins, and without a
  reference the US month-first reading (day-first for dotted dates such as 2.4.2007).
- A bare four-digit number 1900-2099 is a year only in date-like context: after a time
  word ("in 1988", "since 2014", "2001 and 2007"), as a modifier ("A 1994 ceasefire",
  "the 2022 Declaration"), or in parentheses; never before a counted noun ("2000 troops")
  nor inside amounts ("35,000", "$1.5 billion", "34.4%"). A year's span is the number
  alone; words that change what a phrase means ("this June", "late 2006") are in the span.
- A dateline (a place in capitals opening a line, then a dash) is taken to be filed on the
  reference day, or on the date it names ("MOSCOW, Aug. 19 (Reuters) -").
- A day and month with a clock time ("13 Oct. 17:20", "09:40, 8 May", "4 Nov. 2016, 09:05")
  is a page stamp for that day: the clock's hour is never read as the day. Year-first dates
  ("2021-05-14", "2012/04/24") are read year, month, day.
- Labelled stamps ("Published:", "Posted on", "Last Updated", "Modified", "Updated on") are
  kind `stamp`; `Expression.is_update_stamp` tells an update from a publication.
- Month and weekday names must be capitalised ("may" and "march" stay verbs).

Speed: every anchor pattern starts with a literal or a digit so `re` can skip ahead, and
context ("in", "the", "last") is checked only in the few characters before each anchor.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from .collector import without_cycle_collection

COLUMNS = ["span", "start", "end", "kind", "date_start", "date_end", "resolution", "ambiguous"]
KINDS = ("absolute", "month_year", "year", "partial", "relative", "dateline", "stamp")

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
MONTHS = {**{n.lower(): i for i, n in enumerate(_MONTH_NAMES, 1)},
          **{n[:3].lower(): i for i, n in enumerate(_MONTH_NAMES, 1)}, "sept": 9}
# The same names as one regex (full, three-letter or "Sept"), for readers of figures and periods.
MONTH_PATTERN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                 r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"])}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3, "several": 3}
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
RECENT = {"day": ("day", 7), "week": ("week", 4), "month": ("month", 6), "year": ("year", 3),
          "decade": ("year", 20)}
CONTEXT_WINDOW = 40            # characters before an anchor searched for its context words


class Resolved(NamedTuple):
    first: date | None
    last: date | None
    how: str
    ambiguous: bool = False


NO_REFERENCE = Resolved(None, None, "no reference")
INVALID = Resolved(None, None, "not a valid calendar date")
ANCHORED = Resolved(None, None, "anchored to another event, not to the reference")

# ---------------------------------------------------------------------------------------
# Pattern pieces. Anchors are compiled case-sensitively so that they start with literals.


def _cased(*words: str) -> str:
    """Alternation of each word in lower case and capitalised."""
    return "|".join(f"{w}|{w.capitalize()}" for w in words)


def _month(name: str = "month") -> str:
    words = sorted({w for n in _MONTH_NAMES for w in (n, n[:3])} | {"Sept"}, key=len, reverse=True)
    abbreviation_dot = r"(?:(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|(?<=\bSept))\."
    return rf"(?P<{name}>{'|'.join(words + [w.upper() for w in words])})\b(?:{abbreviation_dot})?"


def _day(name: str = "day") -> str:
    """A day of the month, 1-31, never the hour of a clock time ("Oct. 17:20" is not the 17th)."""
    return rf"(?P<{name}>\d\d?)(?<!\b0)(?<!00)(?<![4-9]\d)(?<!3[2-9])(?:st|nd|rd|th)?\b(?!:\d)"


def _year(name: str = "year") -> str:
    return rf"(?P<{name}>(?:1[89]|20)\d\d)(?!\d)"


_WEEKDAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?\b"
_DAY_RANGE = rf"{_day()}(?:\s*[-–]\s*{_day('day2')})?"
_MONTH_DAY = rf"{_month()}\s+{_DAY_RANGE}"
_DAY_MONTH = rf"{_DAY_RANGE}\s+(?:of\s+)?{_month()}"
_NO_NUMBER_AFTER = r"(?!\.?,?\s*\d)"
_COUNTED_NOUNS = (
    "people|persons|men|women|children|troops|soldiers|servicemen|police|officers|refugees|"
    "residents|civilians|workers|students|families|homes|houses|jobs|cases|deaths|votes|"
    "tons|tonnes|barrels|cubic|litres|liters|dollars|euros|manats|roubles|rubles|km|"
    "kilometres|kilometers|miles|metres|meters|hectares|units|cars|vehicles|tanks|rockets|"
    "missiles|shells|million|billion|thousand|percent|per")
_BARE_YEAR = (rf"(?P<year>(?:19|20)\d\d)(?:\s*[-–]\s*(?P<year2>(?:19|20)\d\d))?(?!\d)"
              rf"(?!%|[.,/-]\d|\s+(?:{_COUNTED_NOUNS})\b)")
_NUMERIC = rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep){_year()}(?![/.]?\d)"
_ISO = (rf"{_year()}(?P<isep>[-/.])(?P<iso_month>0[1-9]|1[0-2])(?P=isep)(?P<iso_day>0[1-9]|[12]\d|3[01])"
        r"(?![\d/.-]\d)(?!\d)")
_NOT_A_PLACE = r"(?!(?:NATO|CSTO|OSCE|CIS|BRICS|OPEC|EU|UN|US|USA|UK|UPDATE|NOTE|EDITOR'S NOTE)\b)"
_PLACE = _NOT_A_PLACE + r"[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]*){0,3}"
_REGION = r"[A-Z][A-Za-z'.]*(?:[ -][A-Z][A-Za-z'.]*){0,3}"
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?!\d)(?:\s*(?:[ap]\.m\.|[ap]m|[AP]M)\b)?"
_DATELINE_DATE = (rf"(?:{_month('dmonth')}\s+{_day('dday')}(?:,?\s+{_year('dyear')})?"
                  rf"|{_day('dday2')}\s+{_month('dmonth2')}(?:\s+{_year('dyear2')})?)(?:,?[ \t]+{_CLOCK})?")
_DATELINE = (rf"^[ \t]*(?P<core>{_PLACE}(?:,[ \t]*{_REGION})?(?:,[ \t]*(?:{_DATELINE_DATE}))?"
             r"[ \t]*(?:\([A-Za-z.&/ -]{1,30}\))?[ \t]*(?:[—–]|--?(?=[ \t])))")

# Context expected just before an anchor (searched case-insensitively, must end at the anchor).
_COUNT = r"(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several)"
_BEFORE_WEEKDAY = rf"(?:\b(?P<weekday>{_WEEKDAY_NAMES}),?\s+(?:the\s+)?)?\Z"
_STAMP_LABEL = (r"(?P<label>Last\s+(?:Updated|Modified)(?:\s+on)?|(?:Updated|Modified)(?:\s+on)?|"
                r"(?:First\s+)?Published(?:\s+on)?|Posted(?:\s+by\s+[\w.'-]+(?:\s+[\w.'-]+)?)?(?:\s+on)?|"
                r"Date(?:\s+published)?\s*:)")
_BEFORE_STAMP = rf"\b{_STAMP_LABEL}\s*:?\s*\Z"
_MAYBE_STAMP_LABEL = rf"(?:\b{_STAMP_LABEL}\s*:?\s*)?\Z"
UPDATE_LABEL = re.compile(r"(?i)^(?:last\s+)?(?:updated|modified)\b")
_BEFORE_PART = r"(?:\b(?P<part>early|mid|late)[- ](?:in\s+)?)?\Z"
_BEFORE_YEAR_WORD = (r"\b(?:in|since|of|by|until|till|from|before|after|during|through|throughout|"
                     r"between|circa|year|spring|summer|autumn|fall|winter|fiscal)\s+\Z")
_BEFORE_MODIFIER = r"(?:\b(?:a|an|the|its|his|her|their|our|this|that)|\w['’]s)\s+\Z"
_BEFORE_ANOTHER_YEAR = r"(?<![\d,.])(?:19|20)\d\d(?:\s+(?:and|or|to|through|until)\s+|,\s*)\Z"

# ---------------------------------------------------------------------------------------
# Tense of the clause around an expression: a month, a month and day or a weekday named
# without a year points back in a past-tense clause ("told reporters in August") and forward
# in a future one ("will visit in August"). The marker nearest the expression decides.

_FUTURE = (r"(?:\b(?:will|shall|won't)|'ll)(?:\s+not)?(?:\s+(?:be|have(?:\s+been)?)\s+[a-z]+)?\b|"
           r"\bto\s+be\s+[a-z]+(?:ed|en|held|made|met|paid|built|sold|sent|kept)\b|\b(?:is|are|was|were|be)\s+(?:expected|scheduled|set|due|"
           r"going|planned|slated|poised|about)\s+to\b|\b(?:plans?|intends?|aims?|hopes?|prepares?)\s+to\b|"
           r"\b(?:is|are)\s+to\s+(?:be\s+[a-z]+\b)?|\bto\s+be\s+held\b|\bto\s+take\s+place\b|"
           r"\b(?:scheduled|planned|slated)\s+(?:for|to)\b|\bupcoming\b|\bforthcoming\b")
_PAST_IRREGULAR = (
    "was|were|had|did|said|told|met|held|took|went|came|made|gave|began|saw|left|found|became|spoke|"
    "wrote|sent|brought|kept|led|won|lost|fell|rose|grew|paid|sold|bought|ran|struck|broke|chose|drew|"
    "drove|flew|fought|got|knew|meant|sat|stood|thought|threw|understood|withdrew|arose|sought|taught|"
    "upheld|overtook|undertook|ago|earlier|previously|already|arrived|agreed")
_NOT_PAST_ED = frozenset(
    "need needed? feed seed speed indeed red bed bred shed wed united based related limited so-called "
    "detailed advanced armed expected scheduled planned proposed intended unprecedented interested "
    "concerned talented skilled renewed hundred embed biased".split())
_PAST = rf"\b(?:{_PAST_IRREGULAR})\b|\b(?:has|have)\s+(?:been|[a-z]+ed|[a-z]+en)\b|\b[a-z][a-z'-]*ed\b"
_MODAL = r"\b(?:could|would|might|may|should|can|must)(?:\s+not)?(?:\s+(?:be|have(?:\s+been)?)\s+[a-z]+)?\b"
# A participle after a present-tense "is/are/am" ("once it is finished in 2014", "are expected
# in May") is a present passive: it leaves the direction open, like a modal.
_PRESENT_PASSIVE = r"\b(?:is|are|am|gets|get)\s+(?:not\s+)?(?:being\s+)?[a-z][a-z'-]*(?:ed|en)\b"
_TENSE = re.compile(rf"(?P<future>{_FUTURE})|(?P<modal>{_MODAL}|{_PRESENT_PASSIVE})|(?P<past>{_PAST})")
_CLAUSE_END = re.compile(r"[.!?;](?=\s+[A-Z\"“‘'(])|\n")
TENSE_WINDOW = 120            # characters each side of an expression searched for its tense


def clause_tense(text: str, start: int, end: int) -> tuple[str | None, str]:
    """('past' | 'future' | None, the marker word) for the clause around text[start:end].

    Looks at most TENSE_WINDOW characters each side, within the sentence, and takes the tense
    marker nearest the expression: "said he will visit in August" is future for "in August";
    a modal verb nearest ("could recover in 2014", "would meet in May") leaves it open (None).
    """
    low, high = max(0, start - TENSE_WINDOW), min(len(text), end + TENSE_WINDOW)
    for stop in _CLAUSE_END.finditer(text, low, start):
        low = stop.end()
    stop = _CLAUSE_END.search(text, end, high)
    high = stop.start() if stop else high
    best, best_distance = (None, ""), None     # a modal verb nearest ("could recover in 2014") leaves it open
    for m in _TENSE.finditer(text, low, high):
        if m.start() < end and m.end() > start:
            continue                                  # inside the expression itself
        word = m.group()
        if m.lastgroup == "past" and word.endswith("ed") and (word.lower() in _NOT_PAST_ED
                                                              or word[:1].isupper()):
            continue
        distance = start - m.end() if m.end() <= start else m.start() - end
        if best_distance is None or distance < best_distance:
            best, best_distance = (m.lastgroup, " ".join(word.split())), distance
    return (None, best[1]) if best[0] == "modal" else best


def _tense_note(g: dict) -> str:
    return f"; {g['tense']} tense ('{g['tense_word']}')" if g.get("tense") else ""


# ---------------------------------------------------------------------------------------
# Calendar helpers (pure).


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(day: date, unit: str, count: int) -> date:
    """`day` moved by `count` units (negative = back), month ends clamped."""
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, _month_end(year, month0 + 1).day))


def _months_from(year: int, month: int, ref: date) -> int:
    return year * 12 + month - (ref.year * 12 + ref.month)


def _nearest_day(month: int, day: int, ref: date) -> date | None:
    """The month/day whose year puts it nearest the reference (ties go to the past)."""
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid_day(y, month, day))]
    return min(candidates, key=lambda d: (abs((d - ref).days), d > ref), default=None)


def _day_toward(month: int, day: int, ref: date, back: bool) -> date | None:
    """The latest such day on or before the reference (back) or the first on or after it."""
    step = -1 if back else 1
    for year in range(ref.year, ref.year + 9 * step, step):      # 29 February: up to 8 years away
        found = _valid_day(year, month, day)
        if found and (found <= ref if back else found >= ref):
            return found
    return None


def _nearest_month_year(month: int, ref: date) -> int:
    distance = lambda y: _months_from(y, month, ref)      # noqa: E731
    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (abs(distance(y)), distance(y) > 0))


def _part_of_month(year: int, month: int, part: str) -> tuple[date, date]:
    low, high = MONTH_PARTS[part]
    return date(year, month, low), min(_month_end(year, month), date(year, month, 1) + timedelta(days=high - 1))


def _long(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _count(word: str | None) -> int:
    word = " ".join((word or "a").lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _lower(word: str | None) -> str:
    return (word or "").lower()


def _month_of(groups: dict) -> int:
    return MONTHS[groups["month"].lower()]


def _weekday_note(groups: dict, day: date) -> str:
    named = groups.get("weekday")
    if not named or WEEKDAYS[named.lower()] == day.weekday():
        return ""
    return f"; but {_long(day)} was a {day:%A}, not a {named.capitalize()}"


def _day_span(year: int, month: int, groups: dict) -> tuple[date, date] | None:
    first = _valid_day(year, month, int(groups["day"]))
    last = _valid_day(year, month, int(groups["day2"])) if groups.get("day2") else first
    return (first, last) if first and last and first <= last else None


# ---------------------------------------------------------------------------------------
# Resolvers: (named groups of one match, reference day or None, dayfirst) -> Resolved.


def _resolve_full_date(g: dict, ref, dayfirst) -> Resolved:
    span = _day_span(int(g["year"]), _month_of(g), g)
    return Resolved(*span, "explicit" + _weekday_note(g, span[0])) if span else INVALID


def _resolve_iso(g: dict, ref, dayfirst) -> Resolved:
    day = _valid_day(int(g["year"]), int(g["iso_month"]), int(g["iso_day"]))
    how = "explicit (ISO)" if g.get("isep", "-") == "-" else "explicit (year-first)"
    return Resolved(day, day, how) if day else INVALID


def _resolve_numeric(g: dict, ref, dayfirst) -> Resolved:
    a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
    month_first, day_first = _valid_day(year, a, b), _valid_day(year, b, a)
    if not (month_first and day_first) or month_first == day_first:
        day = month_first or day_first
        return Resolved(day, day, "explicit (numeric, one valid reading)") if day else INVALID
    if dayfirst is not None:
        pick, why = (day_first if dayfirst else month_first), f"as requested (dayfirst={dayfirst})"
    elif ref is not None:
        pick = min((month_first, day_first), key=lambda d: abs((d - ref).days))
        why = "because that is nearer the reference"
    elif g["sep"] == ".":
        pick, why = day_first, "because dotted dates are day-first (no reference)"
    else:
        pick, why = month_first, "by US convention (no reference)"
    other = month_first if pick == day_first else day_first
    reading = "day-first" if pick == day_first else "month-first"
    text = f"{g['a']}{g['sep']}{g['b']}{g['sep']}{g['year']}"
    return Resolved(pick, pick, f"ambiguous, {reading}: {text} read as {_long(pick)} {why}; "
                                f"the other reading is {_long(other)}", True)


def _resolve_month_year(g: dict, ref, dayfirst) -> Resolved:
    year, month, part = int(g["year"]), _month_of(g), _lower(g.get("part"))
    if not part:
        return Resolved(date(year, month, 1), _month_end(year, month), "explicit month")
    low, high = MONTH_PARTS[part]
    return Resolved(*_part_of_month(year, month, part), f"explicit month, '{part}' = days {low}-{high}")


def _resolve_year(g: dict, ref, dayfirst) -> Resolved:
    first, last, part = int(g["year"]), int(g.get("year2") or g["year"]), _lower(g.get("part"))
    if part:
        low, high = YEAR_PARTS[part]
        return Resolved(date(first, low, 1), _month_end(first, high),
                        f"'{part}' year = {_MONTH_NAMES[low - 1]}-{_MONTH_NAMES[high - 1]}")
    if last < first:
        return INVALID
    return Resolved(date(first, 1, 1), date(last, 12, 31), "explicit year" + ("s" if last > first else ""))


def _resolve_decade(g: dict, ref, dayfirst) -> Resolved:
    decade, part = int(g["decade"]), _lower(g.get("part"))
    low, high = DECADE_PARTS.get(part, (0, 9))
    how = f"decade, '{part}' = years {low}-{high}" if part else "decade"
    return Resolved(date(decade + low, 1, 1), date(decade + high, 12, 31), how)


def _resolve_month_day(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    tense = g.get("tense")
    if tense:
        found = _day_toward(_month_of(g), int(g["day"]), ref, back=tense == "past")
        rule = "latest on or before reference" if tense == "past" else "first on or after reference"
    else:
        found, rule = _nearest_day(_month_of(g), int(g["day"]), ref), "year from reference (nearest)"
    span = _day_span(found.year, _month_of(g), g) if found else None
    return Resolved(*span, rule + _tense_note(g) + _weekday_note(g, span[0])) if span else INVALID


def _month_alone_year(month: int, which: str, ref: date, tense: str | None = None) -> tuple[int, str]:
    """The year a month named without one falls in, and the rule used. Words that fix the
    direction ("last", "since", "by") win; otherwise the clause's tense, else the nearest."""
    if which not in ("this", "last", "since", "next", "by", "until", "till") and tense:
        which = "since" if tense == "past" else "by"
    if which == "this":
        return ref.year, "in the reference year"
    if which in ("last", "since"):
        on_or_before = month < ref.month or (month == ref.month and which == "since")
        return (ref.year if on_or_before else ref.year - 1), ("latest before reference" if which == "last"
                                                              else "latest on or before reference")
    if which in ("next", "by", "until", "till"):
        on_or_after = month > ref.month or (month == ref.month and which != "next")
        return (ref.year if on_or_after else ref.year + 1), ("first after reference" if which == "next"
                                                             else "first on or after reference")
    return _nearest_month_year(month, ref), "year from reference (nearest)"


def _resolve_month_alone(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    month, which = _month_of(g), _lower(g["which"])
    year, rule = _month_alone_year(month, which, ref, g.get("tense"))
    how = f"'{which} {g['month']}': {rule}" + _tense_note(g)
    if which in MONTH_PARTS:
        low, high = MONTH_PARTS[which]
        return Resolved(*_part_of_month(year, month, which), f"{how}, '{which}' = days {low}-{high}")
    return Resolved(date(year, month, 1), _month_end(year, month), how)


def _resolve_deictic(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    word = g["deictic"].lower()
    day = ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    return Resolved(day, day, f"{word}, from reference")


def _resolve_weekday(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    which, target = _lower(g.get("which")), WEEKDAYS[g["weekday"].lower()]
    back, ahead = (ref.weekday() - target) % 7, (target - ref.weekday()) % 7
    if which in ("", "on", "this") and g.get("tense") == "future":
        day = ref + timedelta(days=ahead)
        return Resolved(day, day, "weekday on or after reference" + _tense_note(g))
    if which == "next":
        day, how = ref + timedelta(days=ahead or 7), "weekday after reference"
    elif which in ("by", "until"):
        day, how = ref + timedelta(days=ahead), "weekday on or after reference"
    elif which == "last":
        day, how = ref - timedelta(days=back or 7), "weekday strictly before reference"
    else:
        day, how = ref - timedelta(days=back), "weekday before reference (on or before)"
    return Resolved(day, day, how + _tense_note(g))


def _resolve_calendar_unit(g: dict, ref, dayfirst) -> Resolved:
    """'last year', 'this week', 'next month': whole calendar units around the reference."""
    if ref is None:
        return NO_REFERENCE
    which, unit = g["which"].lower(), g["unit"]
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return Resolved(monday, monday + timedelta(days=6), f"'{which} week', Monday-Sunday")
    if unit == "month":
        first = _shift(ref.replace(day=1), "month", shift)
        return Resolved(first, _month_end(first.year, first.month), f"'{which} month', calendar month")
    if unit == "year":
        year = ref.year + shift
        return Resolved(date(year, 1, 1), date(year, 12, 31), f"'{which} year' = {year}")
    start = ref.year // 10 * 10 + 10 * shift
    return Resolved(date(start, 1, 1), date(start + 9, 12, 31), f"'{which} decade' = the {start}s")


def _resolve_ago(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    unit, count = g["unit"], _count(g["count"])
    day, how = _shift(ref, unit, -count), f"{count} {unit}(s) before reference"
    if unit == "month":
        return Resolved(day.replace(day=1), _month_end(day.year, day.month), how + ", whole month")
    if unit in ("year", "decade"):
        return Resolved(date(day.year, 1, 1), date(day.year, 12, 31), how + ", whole year")
    return Resolved(day, day, how)


def _resolve_period(g: dict, ref, dayfirst) -> Resolved:
    """'over the next three years', 'in the past decade': from or up to the reference."""
    if ref is None:
        return NO_REFERENCE
    unit, count = g["unit"], _count(g.get("count"))
    if g["direction"] in ("next", "coming"):
        return Resolved(ref, _shift(ref, unit, count), f"the next {count} {unit}(s) from reference")
    return Resolved(_shift(ref, unit, -count), ref, f"the past {count} {unit}(s) up to reference")


def _resolve_recent(g: dict, ref, dayfirst) -> Resolved:
    if ref is None:
        return NO_REFERENCE
    unit, count = RECENT[g["unit"]]
    return Resolved(_shift(ref, unit, -count), ref, f"recent {g['unit']}s = {count} {unit}s up to reference")


def _resolve_anchored(g: dict, ref, dayfirst) -> Resolved:
    return ANCHORED


def _resolve_dateline(g: dict, ref, dayfirst) -> Resolved:
    month_name, day = g.get("dmonth") or g.get("dmonth2"), g.get("dday") or g.get("dday2")
    year = g.get("dyear") or g.get("dyear2")
    if month_name and year:
        found = _valid_day(int(year), MONTHS[month_name.lower()], int(day))
        return Resolved(found, found, "date given in the dateline") if found else INVALID
    if ref is None:
        return NO_REFERENCE
    if month_name:
        found = _nearest_day(MONTHS[month_name.lower()], int(day), ref)
        return Resolved(found, found, "date in the dateline, year from reference") if found else INVALID
    return Resolved(ref, ref, "filed on the reference day (assumed)")


def _resolve_clock_stamp(g: dict, ref, dayfirst) -> Resolved:
    """A day, month and clock time ("4 Nov. 09:05"): that day, its year given or nearest the reference."""
    if g.get("year"):
        return _resolve_full_date(g, ref, dayfirst)
    if ref is None:
        return NO_REFERENCE
    found = _nearest_day(_month_of(g), int(g["day"]), ref)
    span = _day_span(found.year, _month_of(g), g) if found else None
    return Resolved(*span, "day and month of a time stamp, year from reference (nearest)") if span else INVALID


# ---------------------------------------------------------------------------------------
# Rules. Each has an anchor pattern and optionally the context that must precede it; where
# matches overlap, the longest wins, then the lower priority number.


class _Rule(NamedTuple):
    kind: str
    priority: int
    anchor: re.Pattern
    resolve: Callable[[dict, date | None, bool | None], Resolved]
    before: re.Pattern | None = None      # must match the text ending at the anchor
    before_in_span: bool = True           # the context words are part of the span
    tensed: bool = False                  # its year or direction depends on the clause's tense
    gate: re.Pattern | None = None        # every match holds a match of it: a text without one is not scanned


def _rule(kind, priority, anchor, resolve, before=None, before_in_span=True, flags=0, tensed=False,
          gate=None) -> _Rule:
    return _Rule(kind, priority, re.compile(anchor, flags), resolve,
                 re.compile(before, re.I) if before else None, before_in_span, tensed, gate)


_CLOCK_AFTER = rf"[,.]?\s+(?:{_year()}[,.]?\s+)?(?:at\s+)?{_CLOCK}"
_HAS_CLOCK = re.compile(r"\d:[0-5]\d")
_RULES = [
    _rule("stamp", 0, _NUMERIC, _resolve_numeric, _BEFORE_STAMP),
    _rule("stamp", 0, _ISO, _resolve_iso, _BEFORE_STAMP),
    _rule("stamp", 0, rf"{_MONTH_DAY},?\s+{_year()}", _resolve_full_date, _BEFORE_STAMP),
    _rule("stamp", 0, rf"{_DAY_MONTH},?\s+{_year()}", _resolve_full_date, _BEFORE_STAMP),
    _rule("stamp", 0, rf"{_DAY_MONTH}{_CLOCK_AFTER}", _resolve_clock_stamp, _MAYBE_STAMP_LABEL, gate=_HAS_CLOCK),
    _rule("stamp", 0, rf"{_MONTH_DAY}{_CLOCK_AFTER}", _resolve_clock_stamp, _MAYBE_STAMP_LABEL, gate=_HAS_CLOCK),
    _rule("stamp", 0, rf"{_CLOCK},?\s+(?:on\s+)?{_DAY_MONTH}(?:,?\s+{_year()})?", _resolve_clock_stamp,
          _MAYBE_STAMP_LABEL, gate=_HAS_CLOCK),
    _rule("stamp", 0, rf"{_CLOCK},?\s+(?:on\s+)?{_MONTH_DAY}(?:,?\s+{_year()})?", _resolve_clock_stamp,
          _MAYBE_STAMP_LABEL, gate=_HAS_CLOCK),
    _rule("dateline", 1, _DATELINE, _resolve_dateline, flags=re.M),
    _rule("absolute", 2, _ISO, _resolve_iso),
    _rule("absolute", 2, _NUMERIC, _resolve_numeric),
    _rule("absolute", 2, rf"{_MONTH_DAY},?\s+{_year()}", _resolve_full_date, _BEFORE_WEEKDAY),
    _rule("absolute", 2, rf"{_DAY_MONTH},?\s+{_year()}", _resolve_full_date, _BEFORE_WEEKDAY),
    _rule("month_year", 3, rf"{_month()},?\s+(?:of\s+)?{_year()}", _resolve_month_year, _BEFORE_PART),
    _rule("month_year", 3, _BARE_YEAR, _resolve_year, r"\b(?P<part>early|mid|late)[- ](?:in\s+)?\Z"),
    _rule("partial", 4, rf"{_MONTH_DAY}{_NO_NUMBER_AFTER}", _resolve_month_day, _BEFORE_WEEKDAY, tensed=True),
    _rule("partial", 4, rf"{_DAY_MONTH}{_NO_NUMBER_AFTER}", _resolve_month_day, _BEFORE_WEEKDAY, tensed=True),
    _rule("partial", 4, rf"{_month()}{_NO_NUMBER_AFTER}", _resolve_month_alone,
          r"\b(?P<which>in|this|last|next|since|by|until|till|from|during|early|mid|late)[- ]+\Z", tensed=True),
    _rule("relative", 5, r"(?:following|next|previous|same)\s+(?:day|week|month|year)\b", _resolve_anchored,
          r"\bthe\s+\Z"),
    _rule("relative", 5, r"(?:day|week)\s+(?:before|after)\b", _resolve_anchored, r"\bthe\s+\Z"),
    _rule("relative", 5, rf"{_UNIT}\s+(?:after|before|later|earlier)\b", _resolve_anchored, rf"\b{_COUNT}\s+\Z"),
    _rule("relative", 6, rf"(?P<deictic>{_cased('yesterday', 'today', 'tomorrow', 'tonight')})\b",
          _resolve_deictic),
    _rule("relative", 6, rf"(?P<weekday>{_WEEKDAY_NAMES})\b", _resolve_weekday,
          r"(?:\b(?P<which>on|last|this|next|late|early|by|until)\s+)?\Z", tensed=True),
    _rule("relative", 6, rf"(?P<which>{_cased('last', 'this', 'next')})\s+(?P<unit>week|month|year|decade)\b",
          _resolve_calendar_unit),
    _rule("relative", 6, rf"{_UNIT}\s+ago\b", _resolve_ago, rf"\b{_COUNT}\s+\Z"),
    _rule("relative", 6, rf"(?P<direction>next|past|last|coming)\s+(?:{_COUNT}\s+)?{_UNIT}", _resolve_period,
          r"(?:\b(?:over|in|within|during|for)\s+)?\bthe\s+\Z"),
    _rule("relative", 6, rf"(?:{_cased('recent')})\s+(?P<unit>day|week|month|year|decade)s\b", _resolve_recent,
          r"(?:\b(?:in|over|during)\s+)?\Z"),
    _rule("year", 7, r"(?P<decade>(?:19|20)\d0)['’]?s\b", _resolve_decade, r"(?:\b(?P<part>early|mid|late)[- ])?\Z"),
    _rule("year", 8, _BARE_YEAR, _resolve_year, _BEFORE_YEAR_WORD, before_in_span=False),
    _rule("year", 8, rf"{_BARE_YEAR}(?=\s+[A-Za-z])", _resolve_year, _BEFORE_MODIFIER, before_in_span=False),
    _rule("year", 8, _BARE_YEAR, _resolve_year, _BEFORE_ANOTHER_YEAR, before_in_span=False),
    _rule("year", 8, rf"{_BARE_YEAR}(?=\))", _resolve_year, r"\(\Z", before_in_span=False),
]


class Expression(NamedTuple):
    """One date expression found in a text: text[start:end] == span. `groups` holds what the
    patterns read (month, day, label, which, ...) and, for expressions whose direction depends
    on it, the clause's `tense` and `tense_word`."""
    start: int
    end: int
    span: str
    kind: str
    groups: dict
    rule: _Rule

    def resolve(self, reference=None, dayfirst: bool | None = None) -> Resolved:
        """The first and last day meant, counted from `reference` (a date or None)."""
        return _resolve_safely(self, reference, dayfirst)

    @property
    def sense(self) -> str:
        """What the expression names, from its resolver: 'full_date', 'iso', 'numeric',
        'clock_stamp', 'dateline', 'month_year', 'year', 'decade', 'month_day', 'month_alone',
        'deictic', 'weekday', 'calendar_unit', 'ago', 'period', 'recent' or 'anchored'."""
        return self.rule.resolve.__name__.removeprefix("_resolve_")

    @property
    def label(self) -> str:
        """A stamp's label ("Published", "Last Updated"), normalised, or ''."""
        return " ".join((self.groups.get("label") or "").replace(":", " ").split())

    @property
    def is_update_stamp(self) -> bool:
        return bool(UPDATE_LABEL.match(self.label))


class _Match(NamedTuple):
    start: int
    end: int
    rule: _Rule
    groups: dict


def _anchors(anchor: re.Pattern, text: str) -> list[tuple[int, int, dict]]:
    """Spans and groups of an anchor pattern's matches that start at a word start."""
    has_core = "core" in anchor.groupindex
    found = []
    for m in anchor.finditer(text):
        start, end = m.span("core") if has_core else m.span()
        if not (start and text[start - 1].isalnum()):
            found.append((start, end, m.groupdict()))
    return found


def _matches(text: str) -> list[_Match]:
    """Every rule's matches, each anchor pattern scanned once, its context checked per rule."""
    scans: dict[re.Pattern, list] = {}
    gates: dict[re.Pattern, bool] = {}
    found = []
    for rule in _RULES:
        if rule.gate is not None:
            if rule.gate not in gates:
                gates[rule.gate] = rule.gate.search(text) is not None
            if not gates[rule.gate]:
                continue
        if rule.anchor not in scans:
            scans[rule.anchor] = _anchors(rule.anchor, text)
        for start, end, groups in scans[rule.anchor]:
            if rule.before is not None:
                context = rule.before.search(text, max(0, start - CONTEXT_WINDOW), start)
                if context is None:
                    continue
                groups = {**groups, **{k: v for k, v in context.groupdict().items() if v is not None}}
                start = context.start() if rule.before_in_span else start
            found.append(_Match(start, end, rule, groups))
    return found


def _without_overlaps(matches: list[_Match], length: int) -> list[_Match]:
    """Longest match first (then rule priority); drop anything overlapping a kept match.
    Taken characters are marked in a byte array, so the cost is linear in the text."""
    taken = bytearray(length + 1)
    kept = []
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.rule.priority, m.start)):
        if m.end <= m.start or taken.find(1, m.start, m.end) != -1:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def expressions(text: str) -> list[Expression]:
    """Every date expression in `text`, in text order, without overlaps, unresolved."""
    text = text if isinstance(text, str) else ""
    found = []
    for m in _without_overlaps(_matches(text), len(text)):
        groups = m.groups
        if m.rule.tensed:
            tense, word = clause_tense(text, m.start, m.end)
            groups = {**groups, "tense": tense, "tense_word": word}
        found.append(Expression(m.start, m.end, text[m.start:m.end], m.rule.kind, groups, m.rule))
    return found


_FIRST_DAY, _LAST_DAY = pd.Timestamp.min.date() + timedelta(days=1), pd.Timestamp.max.date()


def _resolve_safely(match, ref: date | None, dayfirst: bool | None) -> Resolved:
    """The rule's resolution, or no days when the arithmetic leaves pandas' date range."""
    try:
        resolved = match.rule.resolve(match.groups, ref, dayfirst)
    except (ValueError, OverflowError):
        return Resolved(None, None, "outside the supported date range")
    if any(d is not None and not _FIRST_DAY <= d <= _LAST_DAY for d in resolved[:2]):
        return Resolved(None, None, "outside the supported date range", resolved.ambiguous)
    return resolved


def reference_day(reference) -> date | None:
    """None, or the day of a 'YYYY-MM-DD' string, date, datetime or Timestamp."""
    if reference is None or (not isinstance(reference, str) and pd.isna(reference)):
        return None
    return pd.Timestamp(reference).date()


def _days(values: list) -> np.ndarray:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[D]").astype("datetime64[ns]")


@without_cycle_collection
def find_dates(text: str, reference=None, dayfirst: bool | None = None) -> pd.DataFrame:
    """Every date expression in `text`, one row each in text order.

    Columns: span, start, end (text[start:end] == span), kind (one of KINDS), date_start and
    date_end (first and last day meant, NaT when unresolvable), resolution (how) and
    ambiguous (numeric date with two valid readings). `reference` is the day relative
    expressions count from: None, 'YYYY-MM-DD', a date, datetime or Timestamp. `dayfirst`
    fixes the reading of ambiguous numeric dates (None: the reading nearer the reference).
    Never raises on any text; an unparseable reference string raises ValueError.
    """
    text = text if isinstance(text, str) else ""
    ref = reference_day(reference)
    found = expressions(text)
    resolved = [e.resolve(ref, dayfirst) for e in found]
    return pd.DataFrame({
        "span": pd.array([e.span for e in found], dtype="str"),
        "start": np.array([e.start for e in found], dtype=np.int64),
        "end": np.array([e.end for e in found], dtype=np.int64),
        "kind": pd.array([e.kind for e in found], dtype="str"),
        "date_start": _days([r.first for r in resolved]),
        "date_end": _days([r.last for r in resolved]),
        "resolution": pd.array([r.how for r in resolved], dtype="str"),
        "ambiguous": np.array([r.ambiguous for r in resolved], dtype=bool),
    }, copy=False)

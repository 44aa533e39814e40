"""Find every date expression in a text and resolve it to a day interval.

News text dates itself loosely: full dates, a month and a day without a year ("August 18"),
weekdays ("on Tuesday"), relative phrases ("last year"), datelines ("BAKU, Azerbaijan (AP) —")
and page stamps ("Last Updated: 07/27/2016") that are not publication dates at all. Each
expression becomes an inclusive interval of whole days, resolved against a reference date
(usually the publication day), so a notebook can show what an article says about time and
where its stamps conflict with the established dates.

Conventions (chosen for past-tense news reports, and written into `resolution`):
- a weekday ("on Tuesday") is the most recent such day on or before the reference;
  "last Tuesday" is strictly before it, "next Tuesday" strictly after;
- a month and day without a year take the year that puts them nearest the reference;
  a month alone ("in April") is that month of the reference year, "last June" the one before;
- "early", "mid" and "late" a year cover January-April, May-August, September-December;
- "in recent months" is the six months up to the reference, "recent weeks" four weeks,
  "recent years" three years;
- numeric dates d/m/y vs m/d/y: when both readings are valid, the one nearer the reference
  is taken and the row is flagged `ambiguous`; with no reference, the US month-first reading.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

COLUMNS = ["span", "start", "end", "kind", "date_start", "date_end", "resolution", "ambiguous"]

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"])}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3}
SEASON_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = r"(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_NUMERIC = r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:1[89]|20)\d\d)"
_STAMP_LEAD = r"(?:Last\s+Updated|Updated|Published|Posted|Date)\s*:?\s*"
_COUNTED_NOUN = (r"people|persons|troops|soldiers|tons|tonnes|barrels|dollars|euros|roubles|rubles|"
                 r"km|kilometres|kilometers|miles|metres|meters|units|cars|homes|jobs|families")

# (kind, priority, pattern); at one position the longest match wins, then the lower priority.
_PATTERNS = [
    ("stamp", 0, rf"{_STAMP_LEAD}{_NUMERIC}"),
    ("stamp", 0, rf"{_STAMP_LEAD}{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("absolute", 1, r"(?P<iso_year>(?:1[89]|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)\b"),
    ("absolute", 1, rf"(?<![\d/.]){_NUMERIC}(?![\d/])"),
    ("absolute", 1, rf"\b(?:(?:on\s+)?{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("absolute", 1, rf"\b(?:(?:on\s+)?{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("month_year", 2, rf"\b(?:(?P<part>early|mid|late)[- ](?:in\s+)?)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
    ("month_year", 2, rf"\b(?P<part>early|mid|late)[- ](?:in\s+)?{_YEAR}\b"),
    ("partial", 3, rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d)"),
    ("partial", 3, rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d)"),
    ("partial", 3, rf"\b(?P<which>in|this|last|next|since|by|until|from|early|late|mid)[- ]{_MONTH}\b(?!\s+\d)"),
    ("relative", 4, r"\b(?P<deictic>yesterday|today|tomorrow|tonight)\b"),
    ("relative", 4, rf"\b(?:(?P<which>on|last|this|next|late|early)\s+)?{_WEEKDAY}\b"),
    ("relative", 4, r"\b(?P<which>last|this|next|previous|the\s+previous|the\s+following|the\s+past)\s+"
                    r"(?P<unit>week|month|year|decade)\b"),
    ("relative", 4, rf"\b{_COUNT}\s+{_UNIT}\s+ago\b"),
    ("relative", 4, rf"\b(?:over|in|within|during)\s+the\s+(?P<direction>next|past|last|coming)\s+"
                    rf"(?:{_COUNT}\s+)?{_UNIT}\b"),
    ("relative", 4, r"\bin\s+recent\s+(?P<unit>week|month|year)s\b"),
    ("relative", 4, r"\bthe\s+(?:following|next|previous)\s+day\b"),
    ("relative", 4, rf"\b{_COUNT}\s+{_UNIT}\s+(?:after|before|later|earlier)\b"),
    ("year", 5, rf"(?<![\d$€£.,/-])\b{_YEAR}\b(?![\d%/]|[.,]\d|-\d|\s+(?:{_COUNTED_NOUN})\b)"),
]
_COMPILED = [(kind, prio, re.compile(p, re.I)) for kind, prio, p in _PATTERNS]
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,}?)(?:,\s*[A-Z][\w .'-]+?)?\s*(?:\((?P<agency>[A-Za-z. -]+)\))?\s*[-\u2014\u2013]+\s",
    re.M)


def _to_date(reference) -> date | None:
    if reference is None or (not isinstance(reference, str) and pd.isna(reference)):
        return None
    return pd.Timestamp(reference).date()


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: date) -> date | None:
    """The month/day whose year puts it nearest the reference."""
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe_date(y, month, day))]
    return min(candidates, key=lambda d: abs((d - ref).days)) if candidates else None


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:                       # 29 February
        return d.replace(year=d.year + years, day=28)


def _span_back(ref: date, unit: str, count: int) -> date:
    days = {"day": 1, "week": 7}.get(unit)
    if days:
        return ref - timedelta(days=days * count)
    months = {"month": 1, "year": 12, "decade": 120}[unit] * count
    y, m = divmod(ref.year * 12 + ref.month - 1 - months, 12)
    return _safe_date(y, m + 1, min(ref.day, _month_end(y, m + 1).day))


def _count(value: str | None) -> int:
    if not value:
        return 1
    value = value.lower()
    return int(value) if value.isdigit() else NUMBER_WORDS.get(value, 1)


def _resolve(kind: str, g: dict, ref: date | None):
    """(first day, last day, how it was resolved, ambiguous) for one match."""
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    year = int(g["year"]) if g.get("year") else None
    if g.get("iso_year"):
        d = _safe_date(int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"]))
        return (d, d, "explicit ISO date", False) if d else (None, None, "not a valid date", False)
    if g.get("a"):
        return _resolve_numeric(int(g["a"]), int(g["b"]), year, ref)
    if kind in ("absolute", "stamp") and month and year:
        d = _safe_date(year, month, int(g["day"]))
        return (d, d, "explicit", False) if d else (None, None, "not a valid date", False)
    if kind == "month_year":
        part = (g.get("part") or "").lower()
        if month:
            return date(year, month, 1), _month_end(year, month), "explicit month", False
        first, last = SEASON_PARTS[part]
        return date(year, first, 1), _month_end(year, last), f"'{part}' = months {first}-{last}", False
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31), "explicit year", False
    if ref is None:
        return None, None, "no reference date", False
    if kind == "partial":
        return _resolve_partial(g, month, ref)
    return _resolve_relative(g, ref)


def _resolve_numeric(a: int, b: int, year: int, ref: date | None):
    month_first = _safe_date(year, a, b) if a <= 12 else None
    day_first = _safe_date(year, b, a) if b <= 12 else None
    if month_first and day_first and month_first != day_first:
        if ref is None:
            return month_first, month_first, "ambiguous numeric date; read month-first (US) without a reference", True
        pick = min((month_first, day_first), key=lambda d: abs((d - ref).days))
        reading = "day-first" if pick == day_first else "month-first"
        return pick, pick, f"ambiguous numeric date; read {reading}, the reading nearer the reference", True
    d = month_first or day_first
    if d is None:
        return None, None, "not a valid date", False
    return d, d, "numeric date, only one valid reading", False


def _resolve_partial(g: dict, month: int, ref: date):
    if g.get("day"):
        d = _nearest_year(month, int(g["day"]), ref)
        return (d, d, "year taken from the reference (nearest)", False) if d else (None, None, "not a valid date", False)
    which = (g.get("which") or "in").lower()
    year = ref.year
    if which == "last" or (which == "since" and month > ref.month):
        year -= 1 if month >= ref.month else 0
    elif which == "next" and month <= ref.month:
        year += 1
    return date(year, month, 1), _month_end(year, month), f"'{which} {g['month']}': month of year {year}", False


def _resolve_relative(g: dict, ref: date):
    text_unit = (g.get("unit") or "").lower()
    if g.get("deictic"):
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["deictic"].lower()]
        d = ref + timedelta(days=shift)
        return d, d, f"{g['deictic'].lower()} relative to the reference", False
    if g.get("weekday"):
        which = (g.get("which") or "on").lower()
        target = WEEKDAYS[g["weekday"].lower()]
        back = (ref.weekday() - target) % 7
        if which == "next":
            d = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
            return d, d, "weekday after the reference", False
        if which == "last" and back == 0:
            back = 7
        d = ref - timedelta(days=back)
        return d, d, "weekday on or before the reference", False
    if g.get("direction"):
        count = _count(g.get("count"))
        if g["direction"].lower() in ("next", "coming"):
            return ref, _add_years(ref, count) if text_unit == "year" else ref + timedelta(
                days={"day": 1, "week": 7, "month": 30, "decade": 3652}.get(text_unit, 365) * count), \
                f"the next {count} {text_unit}(s) from the reference", False
        return _span_back(ref, text_unit, count), ref, f"the past {count} {text_unit}(s) to the reference", False
    if "ago" in g.get("_span", "").lower():
        d = _span_back(ref, text_unit, _count(g.get("count")))
        return d, d, f"{_count(g.get('count'))} {text_unit}(s) before the reference", False
    if "recent" in g.get("_span", "").lower():
        back = {"week": ("week", 4), "month": ("month", 6), "year": ("year", 3)}[text_unit]
        return _span_back(ref, *back), ref, f"recent {text_unit}s: {back[1]} {back[0]}s up to the reference", False
    which = re.sub(r"\s+", " ", (g.get("which") or "").lower())
    if text_unit and which:
        shift = {"last": -1, "previous": -1, "the previous": -1, "the past": -1, "this": 0,
                 "next": 1, "the following": 1}.get(which, 0)
        if text_unit == "year":
            y = ref.year + shift
            return date(y, 1, 1), date(y, 12, 31), f"'{which} year' = {y}", False
        if text_unit == "month":
            y, m = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
            return date(y, m + 1, 1), _month_end(y, m + 1), f"'{which} month' relative to the reference", False
        if text_unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
            return monday, monday + timedelta(days=6), f"'{which} week' (Monday-Sunday)", False
        if text_unit == "decade":
            return _span_back(ref, "decade", 1), ref, "'the past decade'", False
    return None, None, "anchored to another event, not to the reference", False


def _matches(text: str) -> list[tuple[int, int, int, str, dict]]:
    found = []
    for kind, prio, regex in _COMPILED:
        for m in regex.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), prio, kind, {**m.groupdict(), "_span": m.group()}))
    for m in _DATELINE.finditer(text):
        found.append((m.start(), -(m.end() - m.start()), -1, "dateline", {"_span": m.group()}))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    kept, last_end = [], -1
    for start, neg_len, prio, kind, groups in found:
        if start >= last_end:
            kept.append((start, start - neg_len, prio, kind, groups))
            last_end = start - neg_len
    return kept


def find_dates(text: str, reference=None) -> pd.DataFrame:
    """Every date expression in `text` with its span and its resolved interval of days.

    Columns: span, start, end (text[start:end] == span), kind (absolute, stamp, month_year,
    year, partial, relative, dateline), date_start, date_end (Timestamps; NaT if unresolved),
    resolution (how), ambiguous (numeric dates with two valid readings).
    """
    ref = _to_date(reference)
    rows = []
    for start, end, _prio, kind, groups in _matches(text if isinstance(text, str) else ""):
        if kind == "dateline":
            span = text[start:end].rstrip(" -\u2014\u2013")
            end = start + len(span)
            first = last = ref
            how, ambiguous = ("filed on the reference day (assumed)" if ref else "no reference date"), False
        else:
            span = text[start:end]
            first, last, how, ambiguous = _resolve(kind, groups, ref)
        rows.append((span, start, end, kind, first, last, how, ambiguous))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.astype({"start": "int64", "end": "int64", "ambiguous": "bool"})

"""Date one article from what came with it and from its own text, or say why it cannot be.

A wrong date is worse than none: it moves an article into another era and no reader can see
it. So an article is dated in a fixed order of trust, and every answer carries its source,
its precision and the quoted words it rests on.

1. **Supplied.** A date that came with the article (`metadata.csv`, an export column such as
   `published`, HTML metadata) always wins. The text is only checked against it, and a text
   that contradicts it (reports later events as past, carries another publication stamp)
   is reported.
2. **Publication stamp.** A labelled stamp ("Published:", "Posted on"), a date alone on a line
   in the page header ("2/4/2007", "2021-05-14", "4 Nov. 09:05"), or a dateline with a date
   ("MOSCOW, Aug. 19 (Reuters) -"). A numeric stamp with two readings is read with the
   article's own evidence: a weekday beside it, the site's other numeric dates, and the dates
   the text reports in the past or future tense; otherwise both readings are kept as an
   interval. A stamp without a year takes one only from full dates in the same article. An
   update stamp ("Last Updated", "Modified") is never the publication date: it only bounds it
   from above.
3. **The event.** The first day the lead names ("on Tuesday", "yesterday", "on February 22",
   "last month", a full date), counted from the publication date with the tense of its clause;
   without one, the publication day itself.
4. **Nothing else.** Years mentioned in passing, plan horizons ("until 2030") and background
   dates never date an article: the latest year mentioned is no evidence of when it was
   written. Undated is an answer, and its reason is written down.

Precision is what the evidence supports: `day`, `month` or `year` (the coarsest calendar unit
holding the whole interval), or empty when undated. Year-only evidence never gives a day.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from .collector import without_cycle_collection
from .dates import MONTHS, Expression, clause_tense, expressions

PRECISIONS = ("day", "month", "year")
SOURCES = ("supplied", "stamp", "relative", "content", "none")
BODY_WORDS = 12            # a line of this many words ending a sentence starts the body
HEADER_CHARS = 400         # the header of a text with no body line
LEAD_PARAGRAPHS = 2        # the lead: the first body paragraphs ...
LEAD_CHARS = 1500          # ... at most this many characters
RECENT_DAYS = 62           # the lead's event lies at most this long before publication
MULTI_DAY = 3              # later days of the same paragraph within this many days widen the event
NEAR_STAMP_DAYS = 92       # a full date this close to a yearless stamp lends it its year
MAX_EVIDENCE = 300         # expressions weighed as evidence (a table of dates is not prose)

Interval = tuple[date, date]

_SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LINE_FURNITURE = re.compile(
    r"(?i)\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday|sday)?\b|"
    r"\b(?:GMT|UTC|MSK|CET|CEST|EST|EDT|BST|AZT|am|pm|a\.m\.|p\.m\.|at|by|on|updated|published|posted)\b|"
    r"[|•·/\\,.:;()\[\]–—-]|\d")
_WEEKDAY_BEFORE = re.compile(r"(?i)\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*\Z")
_HORIZON_BEFORE = re.compile(r"(?i)\b(?:until|till|by|through|to|before|into|towards?|up\s+to|"
                             r"(?:the\s+)?(?:end|start|beginning)\s+of)\s+(?:the\s+)?\Z")
_WEEKDAY_NUMBER = {w: i for i, w in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
_EVENT_SENSES = {"deictic", "weekday", "month_day", "month_alone", "full_date", "iso", "numeric",
                 "month_year", "calendar_unit", "ago", "anchored"}
_EXPLICIT_SENSES = {"full_date", "iso", "numeric", "month_year", "clock_stamp"}


@dataclass(frozen=True)
class ArticleDate:
    """When an article's event happened and when it was published, how we know, and what
    the text said. Intervals are inclusive days; None where unknown."""
    event_start: date | None = None
    event_end: date | None = None
    published_start: date | None = None
    published_end: date | None = None
    source: str = "none"
    evidence: str = "the text names no date"
    warnings: tuple[str, ...] = field(default=())

    @property
    def precision(self) -> str:
        return precision_of(self.event_start, self.event_end)


def precision_of(first: date | None, last: date | None) -> str:
    """'day', 'month' or 'year': the smallest calendar unit holding first..last; '' if none."""
    if first is None or last is None or last < first:
        return ""
    if first == last:
        return "day"
    if (first.year, first.month) == (last.year, last.month):
        return "month"
    return "year" if first.year == last.year else ""


def _long(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _show(interval: Interval) -> str:
    first, last = interval
    if first == last:
        return _long(first)
    if precision_of(first, last) == "month" and first.day == 1 and (last + timedelta(days=1)).day == 1:
        return f"{first:%B} {first.year}"
    return f"{_long(first)} to {_long(last)}"


def _quote(e: Expression) -> str:
    return "'" + " ".join(e.span.split()) + "'"


# ---------------------------------------------------------------------------------------
# Where things are on the page: the header above the body, the lead, lines.


class _Layout:
    """Line starts, the end of the page header and the span of the lead."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        body = [i for i in self._body_lines(LEAD_PARAGRAPHS)]
        if body:
            self.header_end = self.line_starts[body[0]]
            self.lead = (self.header_end, min(self.line_end(body[-1]), self.header_end + LEAD_CHARS))
            self.first_paragraph = (self.header_end, min(self.line_end(body[0]), self.lead[1]))
        else:
            self.header_end = min(len(text), HEADER_CHARS)
            self.lead = (0, min(len(text), LEAD_CHARS))
            self.first_paragraph = self.lead

    def _body_lines(self, wanted: int):
        """Indexes of the first `wanted` lines that read as body text (stops early)."""
        found = 0
        for i in range(len(self.line_starts)):
            if self.line_starts[i] > LEAD_CHARS * 4 and not found:
                return
            line = self.text[self.line_starts[i]:self.line_end(i)].strip()
            if len(line) >= 40 and (_SENTENCE_END.search(line) or len(line) > 160) \
                    and len(_WORDS.findall(line[:400])) >= BODY_WORDS:
                yield i
                found += 1
                if found == wanted:
                    return

    def line_end(self, i: int) -> int:
        return self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)

    def line_of(self, position: int) -> tuple[int, int]:
        i = bisect_left(self.line_starts, position + 1) - 1
        return self.line_starts[i], self.line_end(i)

    def alone_on_line(self, e: Expression) -> bool:
        """Whether the expression is all its line holds, apart from weekday, clock time,
        separators and at most four other words (a byline, a city, 'Updated')."""
        start, end = self.line_of(e.start)
        if e.end > end or end - start > 160:
            return False
        rest = _LINE_FURNITURE.sub(" ", self.text[start:e.start] + " " + self.text[e.end:end])
        return len(_WORDS.findall(rest)) <= 4

    def in_header(self, e: Expression) -> bool:
        return e.start < self.header_end

    def in_lead(self, e: Expression) -> bool:
        """In the lead; a full date only in its first paragraph, where it describes the event
        rather than the background ('built on a memorandum signed on September 29, 2021')."""
        end = self.first_paragraph[1] if e.sense in _EXPLICIT_SENSES else self.lead[1]
        return self.lead[0] <= e.start < end

    def same_line(self, a: Expression, b: Expression) -> bool:
        return self.line_of(a.start) == self.line_of(b.start)


# ---------------------------------------------------------------------------------------
# Reading one expression: tense, month and day, explicit days.


def _tense(text: str, e: Expression) -> str | None:
    if "tense" in e.groups:
        return e.groups["tense"]
    return clause_tense(text, e.start, e.end)[0]


def _explicit(e: Expression) -> Interval | None:
    """The days an expression names with no reference needed (a full date, a month and
    year), provided that is at most a month; an ambiguous numeric date gives None."""
    if e.sense not in _EXPLICIT_SENSES:
        return None
    r = e.resolve(None)
    if r.first is None or r.ambiguous or (r.last - r.first).days > 31:
        return None
    return r.first, r.last


def _month_day(e: Expression) -> tuple[int, int] | None:
    g = e.groups
    month = g.get("month") or g.get("dmonth") or g.get("dmonth2")
    day = g.get("day") or g.get("dday") or g.get("dday2")
    if not month or not day:
        return None
    return MONTHS[month.lower().rstrip(".")], int(day)


def _is_horizon(text: str, e: Expression) -> bool:
    """'until 2030', 'by the end of 2025': a plan's horizon, not an event."""
    return _HORIZON_BEFORE.search(text, max(0, e.start - 30), e.start) is not None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------
# Evidence inside the article for ambiguous and yearless stamps.


def _yearless_conflicts(text: str, exprs: list[Expression], stamp: Expression, day: date) -> list[str]:
    """Dates the text reports that contradict publication on `day`: a month or month and day
    without a year reported in the past tense yet later in the same year (or in the future
    tense yet earlier), and full dates reported in the past tense after it."""
    conflicts, seen = [], set()
    for x in exprs[:MAX_EVIDENCE]:
        if x is stamp or x.kind == "stamp" or x.span in seen:
            continue
        if x.sense in ("month_day", "month_alone"):
            which = (x.groups.get("which") or "").lower()
            if x.sense == "month_alone" and which not in ("", "in", "during", "from", "early", "mid", "late"):
                continue
            tense = x.groups.get("tense")
            md = _month_day(x) if x.sense == "month_day" else None
            month = md[0] if md else None
            if month is None:
                month = MONTHS[x.groups["month"].lower().rstrip(".")]
            same_year = _valid(day.year, month, md[1]) if md else None
            later = same_year > day if same_year else month > day.month
            earlier = same_year < day if same_year else month < day.month
            if (tense == "past" and later) or (tense == "future" and earlier):
                conflicts.append(f"{_quote(x)} ({tense} tense '{x.groups.get('tense_word')}')")
                seen.add(x.span)
        elif (days := _explicit(x)) and x.kind != "stamp" and days[0] > day:
            if _tense(text, x) == "past" and not _is_horizon(text, x):
                conflicts.append(f"{_quote(x)} (past tense)")
                seen.add(x.span)
    return conflicts


def _read_ambiguous(text: str, exprs: list[Expression], e: Expression) -> tuple[Interval, str]:
    """A numeric date with two valid readings, read with the article's own evidence."""
    month_first, day_first = e.resolve(None, dayfirst=False).first, e.resolve(None, dayfirst=True).first
    readings = {"month-first": month_first, "day-first": day_first}
    shown = f"{_quote(e)} could be {_long(month_first)} (month-first) or {_long(day_first)} (day-first)"
    weekday = _WEEKDAY_BEFORE.search(text, max(0, e.start - 15), e.start)
    if weekday:
        number = _WEEKDAY_NUMBER[weekday.group(1).lower()]
        fits = [name for name, d in readings.items() if d.weekday() == number]
        if len(fits) == 1:
            d = readings[fits[0]]
            return (d, d), f"{shown}; read {fits[0]}: {_long(d)} is a {d:%A}, as the page says"
    sep = e.groups.get("sep")
    for x in exprs[:MAX_EVIDENCE]:
        if x is not e and x.sense == "numeric" and x.groups.get("sep") == sep:
            a, b = int(x.groups["a"]), int(x.groups["b"])
            if (a > 12) != (b > 12):
                name = "day-first" if a > 12 else "month-first"
                d = readings[name]
                return (d, d), f"{shown}; read {name}, as the page's {_quote(x)} is written"
    conflicts = {name: _yearless_conflicts(text, exprs, e, d) for name, d in readings.items()}
    fits = [name for name in readings if not conflicts[name]]
    if len(fits) == 1:
        other = next(n for n in readings if n != fits[0])
        d = readings[fits[0]]
        against = conflicts[other][:3]
        return (d, d), (f"{shown}; read {fits[0]}, because the {other} reading would put "
                        f"{', '.join(against)} on the wrong side of publication")
    first, last = sorted(readings.values())
    return (first, last), f"{shown}; nothing in the text settles which, so both are kept"


def _year_from_evidence(text: str, exprs: list[Expression], e: Expression,
                        month: int, day: int) -> tuple[date | None, str]:
    """The year of a stamp that gives none, taken only from full dates in the same article:
    the one year in which some of them lie within NEAR_STAMP_DAYS before (or a month after)
    it and none reported in the past tense lies after it."""
    named = e.groups.get("weekday")
    if not named and e.sense != "dateline":
        before = _WEEKDAY_BEFORE.search(text, max(0, e.start - 15), e.start)
        named = before.group(1) if before else None
    weekday = _WEEKDAY_NUMBER[named[:3].lower()] if named else None
    explicit = [(x, d) for x in exprs[:MAX_EVIDENCE] if x is not e and (d := _explicit(x))]
    years = sorted({d[0].year + k for _, d in explicit for k in (-1, 0, 1)})
    supported = []
    for year in years:
        stamp = _valid(year, month, day)
        if stamp is None or (weekday is not None and stamp.weekday() != weekday):
            continue
        near = [x for x, d in explicit
                if d[1] >= stamp - timedelta(days=NEAR_STAMP_DAYS) and d[0] <= stamp + timedelta(days=31)]
        if near:
            supported.append((stamp, near[0]))
    if len(supported) > 3:                    # a list of dates across many years, not one story
        return None, f"{_quote(e)} has no year, and the article's dates fit {len(supported)} different years"
    fits = [(stamp, near) for stamp, near in supported if not _yearless_conflicts(text, exprs, e, stamp)]
    if len(fits) == 1:
        stamp, near = fits[0]
        return stamp, f"year {stamp.year} from {_quote(near)} in the same article"
    if fits:
        return None, f"{_quote(e)} has no year, and the article's dates fit {len(fits)} different years"
    return None, f"{_quote(e)} has no year, and no full date in the article lends it one"


# ---------------------------------------------------------------------------------------
# Publication.


@dataclass
class _Publication:
    interval: Interval | None
    source: str              # 'stamp' or 'supplied'
    evidence: str
    labelled: bool = False


def _stamp_candidates(text: str, exprs: list[Expression], layout: _Layout) -> list[tuple[Expression, bool]]:
    """Publication stamps in order of trust, each with whether it carries a label."""
    labelled, alone, clock, datelines = [], [], [], []
    for e in exprs[:MAX_EVIDENCE]:
        if e.kind == "stamp" and e.label and not e.is_update_stamp:
            line_start = layout.line_of(e.start)[0]
            shown_as_label = (e.label[:1].isupper() or ":" in e.span or not text[line_start:e.start].strip())
            if shown_as_label and (layout.in_header(e) or layout.alone_on_line(e) or ":" in e.span):
                labelled.append(e)
        elif e.kind in ("absolute", "stamp", "partial") and e.sense in (
                "full_date", "iso", "numeric", "clock_stamp", "month_day") and not e.is_update_stamp:
            if layout.in_header(e) and layout.alone_on_line(e):
                alone.append(e)
            elif e.sense == "clock_stamp" and layout.in_header(e):
                clock.append(e)
        elif e.sense == "dateline" and _month_day(e):
            datelines.append(e)
    return [(e, True) for e in labelled] + [(e, False) for e in alone + clock + datelines]


def _stamp_days(text: str, exprs: list[Expression], e: Expression) -> tuple[Interval | None, str]:
    """The publication days a stamp gives, with the reasoning, or None and why not."""
    what = "dateline" if e.sense == "dateline" else "publication stamp"
    r = e.resolve(None)
    if r.ambiguous:
        days, how = _read_ambiguous(text, exprs, e)
        return days, f"{what} {how}"
    if r.first is not None:
        return (r.first, r.last), f"{what} {_quote(e)}"
    md = _month_day(e)
    if md is None:
        return None, f"{what} {_quote(e)} is not a valid date"
    day, how = _year_from_evidence(text, exprs, e, *md)
    if day is None:
        return None, how
    return (day, day), f"{what} {_quote(e)}, {how}"


def _update_bound(exprs: list[Expression]) -> tuple[date | None, str]:
    """The earliest update stamp: publication was on or before it (for a numeric stamp with
    two readings, on or before the later one)."""
    bounds = []
    for e in exprs[:MAX_EVIDENCE]:
        if e.kind == "stamp" and e.is_update_stamp and (r := e.resolve(None)).first is not None:
            later = max(e.resolve(None, dayfirst=True).last, e.resolve(None, dayfirst=False).last) \
                if r.ambiguous else r.last
            bounds.append((later, e))
    if not bounds:
        return None, ""
    day, e = min(bounds, key=lambda b: b[0])
    return day, f"{_quote(e)} is an update stamp, so publication was on or before {_long(day)}"


def _later_past_events(text: str, exprs: list[Expression], day: date, limit: int = 3) -> list[str]:
    """Explicit dates (full dates, months, years) after `day` that the text reports in the
    past tense: signs that `day` is not when the article was written."""
    found = []
    for x in exprs:
        if x.kind in ("stamp", "dateline") or x.sense not in _EXPLICIT_SENSES | {"year"}:
            continue
        r = x.resolve(None)
        if r.first is None or r.first <= day or (r.ambiguous and x.resolve(None, dayfirst=True).first <= day):
            continue
        if _is_horizon(text, x) or _tense(text, x) != "past":
            continue
        found.append(f"{_quote(x)}")
        if len(found) == limit:
            break
    return found


# ---------------------------------------------------------------------------------------
# The event.


def _resolve_both(e: Expression, publication: Interval) -> Interval | None:
    """Days `e` names counted from both ends of the publication interval, joined."""
    first, last = e.resolve(publication[0]), e.resolve(publication[1])
    if first.first is None or last.first is None:
        return None
    days = [first.first, first.last, last.first, last.last]
    if first.ambiguous:
        days += [d for dayfirst in (True, False) for d in e.resolve(None, dayfirst=dayfirst)[:2]]
    return min(days), max(days)


def _anchored_day(e: Expression, previous: date | None) -> Interval | None:
    if previous is None:
        return None
    span = " ".join(e.span.lower().split())
    if span in ("the following day", "the next day", "the day after"):
        return previous + timedelta(days=1), previous + timedelta(days=1)
    if span in ("the previous day", "the day before"):
        return previous - timedelta(days=1), previous - timedelta(days=1)
    if span == "the same day":
        return previous, previous
    return None


def _lead_event(text: str, exprs: list[Expression], layout: _Layout,
                publication: Interval) -> tuple[Interval | None, Expression | None, list[Expression]]:
    """The first day (or month) the lead names that lies in the RECENT_DAYS before
    publication, counted from it, widened by the days of the same paragraph that follow it
    within MULTI_DAY days (arrival on the 5th, signing "the following day"); also the
    explicit dates in the lead that lie far earlier."""
    found, far = _lead_candidates(text, exprs, layout, publication)
    if not found:
        return None, None, far
    (first, last), e = found[0]
    for (a, b), x in found[1:]:
        if layout.same_line(e, x) and first == last and a == b and 0 < (a - last).days <= MULTI_DAY:
            last = a
    return (first, last), e, far


def _lead_candidates(text: str, exprs: list[Expression], layout: _Layout, publication: Interval):
    previous, far, found = None, [], []
    for e in exprs:
        if e.start >= layout.lead[1]:
            break
        if e.sense not in _EVENT_SENSES or e.kind in ("stamp", "dateline"):
            continue
        if e.sense == "anchored":
            days = _anchored_day(e, previous)
        elif e.sense == "calendar_unit" and (e.groups.get("unit") not in ("week", "month")
                                             or e.groups["which"].lower() == "next"):
            continue
        elif e.sense == "ago" and e.groups.get("unit") not in ("day", "week", "month"):
            continue
        else:
            days = _resolve_both(e, publication)
        if days is None:
            continue
        if days[0] == days[1]:
            previous = days[0]
        if not layout.in_lead(e) or _tense(text, e) == "future":
            continue
        if days[1] <= publication[1] and days[0] >= publication[0] - timedelta(days=RECENT_DAYS):
            found.append((days, e))
        elif days[1] < publication[0] and e.sense in _EXPLICIT_SENSES and not found:
            far.append(e)
    return found, far


def _lead_content_date(text: str, exprs: list[Expression], layout: _Layout) -> tuple[Interval | None, Expression | None]:
    """Without a publication date: the first full date (or month and year) in the lead that
    describes a past or present event."""
    for e in exprs:
        if e.start >= layout.lead[1]:
            break
        if not layout.in_lead(e) or e.kind in ("stamp", "dateline"):
            continue
        days = _explicit(e)
        if days and e.sense != "clock_stamp" and _tense(text, e) != "future" and not _is_horizon(text, e):
            return days, e
    return None, None


# ---------------------------------------------------------------------------------------
# Checking a supplied date against the text.


def _contradictions(text: str, exprs: list[Expression], layout: _Layout,
                    published: Interval | None, event: Interval | None) -> list[str]:
    found = []
    latest = max(d[1] for d in (published, event) if d)
    later = _later_past_events(text, exprs, latest)
    if later:
        found.append(f"the text reports {', '.join(later)} in the past tense, after the supplied date "
                     f"{_long(latest)}")
    if published:
        for e, _ in _stamp_candidates(text, exprs, layout)[:1]:
            days, how = _stamp_days(text, exprs, e)
            slack = timedelta(days=1)
            if days and (days[1] < published[0] - slack or days[0] > published[1] + slack):
                found.append(f"its {how} = {_show(days)}, not the supplied {_show(published)}")
    return found


_YEAR_NUMBER = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_LABEL_WORD = re.compile(r"(?i)\b(?:published|posted|date\s*:)")


def _expressions_for_check(text: str, layout: _Layout, latest: date, lead: bool) -> list[Expression]:
    """The expressions a supplied date is checked against (and, with `lead`, the lead's event
    read from). A stamp sits in the header or carries a label, and only an explicit date with
    a year can contradict a supplied date, so the rest of the text is read only when it names
    a year as late as the supplied date or a stamp label (most texts do not: this keeps
    loading a large curated corpus cheap)."""
    head = layout.lead[1] if lead else layout.header_end
    later_year = any(int(m.group()) >= latest.year for m in _YEAR_NUMBER.finditer(text, head))
    if later_year or _LABEL_WORD.search(text, head):
        return expressions(text)
    exprs = expressions(text[:head])
    if any(_needs_evidence(e) for e, _ in _stamp_candidates(text, exprs, layout)):
        return expressions(text)              # an ambiguous or yearless stamp is read with all of it
    return exprs


def _needs_evidence(e: Expression) -> bool:
    r = e.resolve(None)
    return r.ambiguous or r.first is None


# ---------------------------------------------------------------------------------------
# The whole article.


def _undated_reason(text: str, exprs: list[Expression], layout: _Layout, notes: list[str]) -> str:
    reasons = list(notes)
    waiting = [e for e in exprs if layout.in_lead(e) and e.sense in ("weekday", "deictic", "month_day",
                                                                     "month_alone", "calendar_unit", "ago")]
    if waiting:
        reasons.append(f"{', '.join(_quote(e) for e in waiting[:3])} in the lead can be placed only "
                       "from a publication date, and the page gives none")
    years = sorted({e.span[-4:] for e in exprs if e.sense in ("year", "month_year", "decade")
                    and e.span[-4:].isdigit()})
    if years:
        shown = ", ".join(years[:6]) + (", ..." if len(years) > 6 else "")
        reasons.append(f"the years it mentions ({shown}) date events in the story, not the article")
    if not reasons:
        reasons.append("the text names no date" if not exprs else
                       "its date expressions are not ones that fix when it was written")
    return "undated: " + "; ".join(reasons)


@without_cycle_collection
def date_article(text: str, published: Interval | None = None, event: Interval | None = None,
                 supplied_from: str = "") -> ArticleDate:
    """Date one article (see the module docstring for the order of trust).

    `published` and `event` are days supplied with the article, as (first, last) intervals
    of `datetime.date`, and `supplied_from` says where they came from ("metadata.csv",
    "column 'published'"). Returns an ArticleDate; `warnings` lists contradictions between a
    supplied date and the text. Never raises on any text.
    """
    text = text if isinstance(text, str) else ""
    layout = _Layout(text)
    supplied_from = supplied_from or "supplied with the article"

    if event or published:
        exprs = _expressions_for_check(text, layout, max(d[1] for d in (published, event) if d), lead=not event)
        warnings = tuple(_contradictions(text, exprs, layout, published, event))
        if event:
            return ArticleDate(event[0], event[1], *(published or (None, None)), "supplied",
                               f"supplied ({supplied_from}): event {_show(event)}", warnings)
        days, e, _ = _lead_event(text, exprs, layout, published)
        if e is not None:
            source = "content" if e.sense in _EXPLICIT_SENSES else "relative"
            how = f"{_quote(e)} in the lead, counted from the supplied publication date {_show(published)} " \
                  f"({supplied_from})"
            return ArticleDate(*days, *published, source, how, warnings)
        return ArticleDate(*published, *published, "supplied",
                           f"supplied publication date {_show(published)} ({supplied_from}); "
                           "the lead names no other day", warnings)

    exprs = expressions(text)
    notes = []
    bound, bound_note = _update_bound(exprs)
    if bound_note:
        notes.append(bound_note)
    publication = None
    for stamp, labelled in _stamp_candidates(text, exprs, layout):
        days, how = _stamp_days(text, exprs, stamp)
        if days is None:
            notes.append(how)
            continue
        if bound and days[0] > bound:
            notes.append(f"{how} is later than the update stamp ({_long(bound)}), so it is not the publication date")
            continue
        later = _later_past_events(text, exprs, days[1])
        if later:
            notes.append(f"{how} cannot be the publication date: the text reports {', '.join(later)} "
                         "in the past tense, after it")
            continue
        publication = _Publication(days, "stamp", how, labelled)
        break

    if publication is not None:
        days, e, far = _lead_event(text, exprs, layout, publication.interval)
        if e is not None:
            source = "content" if e.sense in _EXPLICIT_SENSES else "relative"
            return ArticleDate(*days, *publication.interval, source,
                               f"{_quote(e)} in the lead, counted from the {publication.evidence}")
        if far and not publication.labelled:
            notes.append(f"the lead reports {_quote(far[0])}, long before the {publication.evidence}: "
                         "the stamp may belong to an archive copy, not the story")
            return ArticleDate(None, None, None, None, "none", _undated_reason(text, exprs, layout, notes))
        tail = f"; the lead also reports {_quote(far[0])}" if far else ""
        return ArticleDate(*publication.interval, *publication.interval, "stamp",
                           f"{publication.evidence}; the lead names no other recent day{tail}")

    days, e = _lead_content_date(text, exprs, layout)
    if e is not None and not (bound and days[0] > bound):
        note = f"; {bound_note}" if bound_note else ""
        return ArticleDate(*days, None, None, "content",
                           f"{_quote(e)} in the lead, the event it reports; no publication stamp{note}")
    return ArticleDate(None, None, None, None, "none", _undated_reason(text, exprs, layout, notes))

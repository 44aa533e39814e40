"""Page furniture: the lines around an article that a scrape picks up, found by general rules.

A news page surrounds its article with controls (share and print rows, "Back to top"),
counters ("7990 views"), timestamps, cookie notices, font-size widgets, analytics-counter
text, section labels above the headline and lists of related articles. Left in the text they
become "sentences" with a tone score and "figures". This module finds such LINES by what they
are made of and where they sit, not by one site's strings (those stay in boilerplate.csv):

- a line made only of furniture words (data/furniture.csv: controls, counters, networks, list
  headings, cookie words, dates and times, in several languages), numbers and symbols;
- a short line (at most eight words, no sentence punctuation) two thirds of whose words are
  furniture words; a line opened by a list label ("Tags: ...", "Read also: ...");
- a line of symbols only; a line of script code; a cookie notice (cookie words addressed to
  the reader, at any length, unless article text surrounds it);
- around the headline, the first line that reads as a title (`layout.looks_like_headline`,
  three to 25 words, no furniture words) and is followed by body text with only shorter,
  non-sentence lines between: short labels and breadcrumbs above it are section labels, the
  non-sentence lines between it and the body are its byline, and another copy of it is a
  repeated title. The headline itself is never removed;
- a list of related articles: a list heading ("Read also", "Читайте также") with the
  headline-like lines under it, or three or more headline-like lines after the article's last
  sentence.

A line that is not made of furniture words and ends as a sentence ends is kept, however
short ("He declined to comment.").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..config import DATA_DIR
from .layout import is_body_line, is_sentence_like, line_spans, looks_like_headline

FURNITURE_FILE = DATA_DIR / "furniture.csv"
KINDS = ("ui", "label", "list_label", "counter", "social", "related", "cookie", "address",
         "analytics", "font", "unit", "time", "filler")
HEADLINE_BLOCKERS = frozenset({"ui", "counter", "related", "cookie", "analytics", "font"})
NEUTRAL = frozenset({"filler", "address"})          # count neither for nor against furniture
WEAK = frozenset({"label", "list_label", "time", "unit"}) | NEUTRAL   # not enough alone in a mixed line
MAX_SHORT_WORDS = 8
MIN_FURNITURE_SHARE = 2 / 3
MAX_LABEL_WORDS = 4
MIN_TITLE_WORDS, MAX_TITLE_WORDS = 3, 25
MIN_LINK_WORDS, MAX_LINK_WORDS = 3, 25
MIN_TRAILING_LINKS = 3
MAX_SITE_WORDS = 6

RULES = {
    "section_label": "Section labels and breadcrumbs above the headline ('World Economy', 'Home › News') are removed.",
    "repeated_title": "A second copy of the headline, alone or with the site's name ('Headline | Site'), is removed.",
    "ui_line": "Lines of page controls in any language are removed ('Share:', 'Print', 'Поделиться:', 'Back to top button', 'Subscribe to our newsletter').",
    "view_counter": "Counters on their own line are removed ('7990 views', 'Comments: 3').",
    "timestamp": "Dates and times on their own line are removed ('13 Oct. 17:20', 'Updated 2 hours ago'): page stamps, not article text.",
    "font_widget": "Font-size widgets are removed ('+ ↺ − 16 px', 'A- A A+').",
    "analytics": "Analytics-counter text and script code are removed ('Yandex.Metrika counter', 'function(m,e,t,r,i,k,a){...}').",
    "cookie_notice": "Cookie notices addressed to the reader are removed ('We use cookies ...').",
    "symbol_line": "Lines of symbols only (icons, separators) are removed.",
    "related_links": "Lists of related articles are removed: a list heading ('Read also', 'Читайте также') and the headline-like lines under it, 'Read also: ...' lines, and three or more headline-like lines after the last sentence.",
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DATE_OR_TIME = re.compile(r"(?<!\d)(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})(?!\d)")
_CODE = re.compile(r"function\s*\(|\bvar\s+\w+\s*=|\b(?:document|window)\.\w|=>|[{}][^{}]{0,80}[;=(]")
_FONT_SIGNS = re.compile(r"[+\u2212\u21ba\u21bb\u27f2\u27f3]")
_A_LETTER = re.compile(r"(?<![^\W\d_])[aAаА](?![^\W\d_])")
_SEPARATOR = re.compile(r"\s+[|\u2014\u2013\-\u00b7\u2022/»›]+\s+")
_BREADCRUMB = re.compile(r"\s*[›»>/|\u2192\u2022\u00b7]\s*")
_BYLINE = re.compile(r"(?i)^(?:by|от|автор|author|written by|reporting by)\b\s*:?\s*(?=[^\W\d_])")
_CREDIT = re.compile(r"-?/[\w .-]{1,60}/|\b(?:Photo|Фото)\s*:")
_CLOSERS = "\"')]»”’"
_MAGNITUDE = re.compile(r"(?<=\d)[KkMmКкМм](?![^\W\d_])")      # the K of "1.2K shares" is no word


@lru_cache(maxsize=1)
def vocabulary() -> pd.DataFrame:
    """The furniture vocabulary (data/furniture.csv): kind, term, language; checked for known
    kinds, lower-case terms, and terms listed twice."""
    table = pd.read_csv(FURNITURE_FILE, comment="#", dtype=str, keep_default_na=False)
    missing = {"kind", "term", "language"} - set(table.columns)
    if missing:
        raise ValueError(f"{FURNITURE_FILE.name} lacks column(s) {sorted(missing)}")
    table = table.apply(lambda column: column.str.strip())
    table["term"] = table["term"].map(lambda t: " ".join(t.split()))
    bad = sorted(set(table["kind"]) - set(KINDS))
    if bad:
        raise ValueError(f"{FURNITURE_FILE.name}: unknown kind(s) {bad}; use one of {KINDS}")
    upper = table.loc[table["term"] != table["term"].str.lower(), "term"]
    if len(upper):
        raise ValueError(f"{FURNITURE_FILE.name}: write terms in lower case: {list(upper)}")
    twice = table.loc[table["term"].duplicated(), "term"]
    if len(twice):
        raise ValueError(f"{FURNITURE_FILE.name}: term(s) listed twice: {list(twice)}")
    return table


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Terms as word sequences, indexed by their first word, longest first, with their kind.
    Words are runs of letters (an apostrophe inside stays), so "e-mail" is ("e", "mail") and
    matches "e mail" too; a term never matches part of a word."""
    index: dict[str, list] = {}
    for term, kind in zip(vocabulary()["term"], vocabulary()["kind"]):
        words = tuple(_WORD.findall(term))
        if words:
            index.setdefault(words[0], []).append((words, kind))
    for options in index.values():
        options.sort(key=lambda option: -len(option[0]))
    return index


def _word_kinds(line: str) -> tuple[list[str], list[str | None]]:
    """The line's words (lower case) and, for each, the kind of the term it belongs to."""
    words = [w.lower() for w in _WORD.findall(line)]
    kinds: list[str | None] = [None] * len(words)
    index, i = _lexicon(), 0
    while i < len(words):
        for term, kind in index.get(words[i], ()):
            if tuple(words[i:i + len(term)]) == term:
                kinds[i:i + len(term)] = [kind] * len(term)
                i += len(term)
                break
        else:
            i += 1
    return words, kinds


class LineReading(NamedTuple):
    """What a line is made of: its rule (None for article text), its words that are not
    neutral (`content`), how many of them are furniture words, and the kinds found."""
    rule: str | None
    content: int
    furniture: int
    kinds: frozenset


def _kind_rule(kinds: frozenset, line: str) -> str:
    """The rule for a line made of furniture: what it mostly is."""
    has_digit = any(ch.isdigit() for ch in line)
    if "analytics" in kinds:
        return "analytics"
    if "cookie" in kinds:
        return "cookie_notice"
    if "counter" in kinds and has_digit:
        return "view_counter"
    if _DATE_OR_TIME.search(line) or ("time" in kinds and (has_digit or kinds <= {"time"} | NEUTRAL)):
        return "timestamp"
    if kinds & {"font", "unit"}:
        return "font_widget"
    if "related" in kinds:
        return "related_links"
    return "ui_line"


def _opens_with_label(line: str, kinds: list) -> bool:
    """Whether the line opens with a list label or list heading ('Tags:', 'Read also |')."""
    if not kinds or kinds[0] not in ("related", "list_label"):
        return False
    n = 1
    while n < len(kinds) and kinds[n] == kinds[0]:
        n += 1
    label = list(_WORD.finditer(line))[n - 1]
    if line[:_WORD.search(line).start()].strip(" \t•·*-—–>»"):
        return False
    return line[label.end():].lstrip()[:1] in (":", "|", "\u2014", "\u2013", "-", "»")


@lru_cache(maxsize=20_000)
def read_line(line: str) -> LineReading:
    """Classify one line (see the module docstring)."""
    stripped = line.strip()
    if not stripped:
        return LineReading(None, 0, 0, frozenset())
    if not any(ch.isalnum() for ch in stripped):
        return LineReading("symbol_line", 0, 0, frozenset())
    _, word_kinds = _word_kinds(_MAGNITUDE.sub("", stripped))
    kinds = frozenset(k for k in word_kinds if k is not None)
    if "cookie" in kinds and "address" in kinds:
        return LineReading("cookie_notice", 0, 0, kinds)
    if _CODE.search(stripped):
        return LineReading("analytics", 0, 0, kinds)
    content = sum(k not in NEUTRAL for k in word_kinds)
    furniture = sum(k is not None and k not in NEUTRAL for k in word_kinds)
    if content == 0:
        if _DATE_OR_TIME.search(stripped):
            return LineReading("timestamp", 0, 0, kinds)
        if any(ch.isdigit() for ch in stripped) and any(
                unicodedata.category(ch) in ("So", "Co") for ch in stripped):
            return LineReading("view_counter", 0, 0, kinds)
        if _FONT_SIGNS.search(stripped) and _A_LETTER.search(stripped):
            return LineReading("font_widget", 0, 0, kinds)
        return LineReading(None, 0, 0, kinds)
    ends_sentence = stripped.rstrip(_CLOSERS)[-1:] in (".", "!", "?")
    if furniture == content:
        rule = _kind_rule(kinds, stripped)
    elif (kinds - WEAK and not ends_sentence and content <= MAX_SHORT_WORDS
          and furniture >= MIN_FURNITURE_SHARE * content):
        rule = _kind_rule(kinds, stripped)
    elif not ends_sentence and content <= MAX_LINK_WORDS and _opens_with_label(stripped, word_kinds):
        rule = "related_links" if word_kinds[0] == "related" else "ui_line"
    else:
        rule = None
    return LineReading(rule, content, furniture, kinds)


def line_rule(line: str) -> str | None:
    """The furniture rule a line falls under on its own, or None for article text."""
    return read_line(line).rule


def _headline_blockers(line: str) -> tuple[int, int]:
    """(furniture words of the kinds a headline may not hold, content words) in the line."""
    _, kinds = _word_kinds(line)
    return sum(k in HEADLINE_BLOCKERS for k in kinds), max(sum(k not in NEUTRAL for k in kinds), 1)


def _reads_as_title(line: str, strict: bool) -> bool:
    """Title length, a headline's shape, not a byline, and no furniture words (or, in the
    lenient pass, fewer than a third: 'Kremlin declines to comment on the talks')."""
    if not MIN_TITLE_WORDS <= len(line.split()) <= MAX_TITLE_WORDS or not looks_like_headline(line):
        return False
    if _BYLINE.match(line):
        return False
    blockers, content = _headline_blockers(line)
    return blockers == 0 if strict else 3 * blockers < content


def _followed_by_body(i: int, lines: list[str], rules: list) -> bool:
    """Whether body text follows line i with only shorter non-sentence lines (a byline,
    a date) or furniture between."""
    n_words = len(lines[i].split())
    for j in range(i + 1, len(lines)):
        if rules[j] is not None:
            continue
        words = len(lines[j].split())
        if is_sentence_like(lines[j]) and not (looks_like_headline(lines[j]) and words >= n_words):
            return True
        if words >= n_words:
            return False
    return False


def _find_title(lines: list[str], rules: list) -> int | None:
    """Index of the headline, searched among the lines before the first body line."""
    region = []
    for i, line in enumerate(lines):
        if rules[i] is None and is_body_line(line):
            break
        region.append(i)
    for strict in (True, False):
        for i in region:
            if rules[i] is None and _reads_as_title(lines[i], strict) and _followed_by_body(i, lines, rules):
                return i
    return None


def _is_section_label(line: str) -> bool:
    """A short label ('World Economy') or a breadcrumb ('Home › News › Caucasus')."""
    if line.rstrip(_CLOSERS)[-1:] in (".", "!", "?"):
        return False
    if len(line.split()) <= MAX_LABEL_WORDS:
        return True
    parts = [p for p in _BREADCRUMB.split(line) if p.strip()]
    return len(parts) > 1 and all(len(p.split()) <= MAX_LABEL_WORDS for p in parts)


def _title_key(line: str) -> str:
    return " ".join(line.casefold().split()).strip(" .!?:;\"'«»“”’")


def _with_site_name(line_key: str, title_key: str) -> bool:
    """Whether a line is the title plus a short site name on one side ('Title | Site')."""
    if not title_key or len(line_key) <= len(title_key):
        return False
    if line_key.startswith(title_key):
        site = _SEPARATOR.match(line_key, len(title_key))
        rest = line_key[site.end():] if site else None
    elif line_key.endswith(title_key):
        site = _SEPARATOR.search(line_key, 0, len(line_key) - len(title_key) + 1)
        rest = line_key[:site.start()] if site and site.end() == len(line_key) - len(title_key) else None
    else:
        rest = None
    return rest is not None and 0 < len(rest.split()) <= MAX_SITE_WORDS


def _mark_title_copies(lines: list[str], rules: list) -> None:
    """'Headline | Site' where another line is 'Headline': the copy with the site's name is
    the repeated title, so the plain headline can be found."""
    keys: dict[str, int] = {}
    for i, line in enumerate(lines):
        if rules[i] is None:
            keys.setdefault(_title_key(line), i)
    for i, line in enumerate(lines):
        if rules[i] is not None:
            continue
        line_key = _title_key(line)
        separators = list(_SEPARATOR.finditer(line_key))
        if not separators:
            continue
        for part in (line_key[:separators[-1].start()], line_key[separators[0].end():]):
            other = keys.get(part)
            if other is not None and other != i and _with_site_name(line_key, part):
                rules[i] = "repeated_title"


def _link_like(line: str) -> bool:
    """A line shaped like a linked headline: 3 to 25 words, no closing period, no photo credit."""
    words = len(line.split())
    return (MIN_LINK_WORDS <= words <= MAX_LINK_WORDS and line.rstrip(_CLOSERS)[-1:] not in ".!;:"
            and not _CREDIT.search(line))


def _is_list_heading(line: str) -> bool:
    reading = read_line(line)
    return reading.rule == "related_links" and reading.furniture == reading.content


def _mark_related_lists(lines: list[str], rules: list, title: int | None) -> None:
    """Headline-like lines under a list heading, and a trailing run of them after the last
    body line, are related links."""
    i = 0
    while i < len(lines):
        if rules[i] == "related_links" and _is_list_heading(lines[i]):
            j = i + 1
            while j < len(lines) and j != title:
                if rules[j] is None and _link_like(lines[j]):
                    rules[j] = "related_links"
                elif rules[j] is None:
                    break
                j += 1
            i = j
        else:
            i += 1
    body = [i for i, line in enumerate(lines) if rules[i] is None and is_body_line(line)]
    if not body:
        return
    tail = [i for i in range(body[-1] + 1, len(lines)) if rules[i] is None and i != title]
    if len(tail) >= MIN_TRAILING_LINKS and all(_link_like(lines[i]) for i in tail):
        for i in tail:
            rules[i] = "related_links"


def _keep_cookie_sentences_in_the_body(lines: list[str], rules: list) -> None:
    """A cookie notice sits above or below the article; a sentence about cookies with body
    text on both sides of it is article text (a quotation about privacy rules)."""
    body = [rules[i] is None and is_body_line(line) for i, line in enumerate(lines)]
    seen_before, after = False, sum(body)
    for i, line in enumerate(lines):
        after -= body[i]
        if rules[i] == "cookie_notice" and seen_before and after and is_body_line(line):
            rules[i] = None
        seen_before = seen_before or body[i]


def _spans_to_edits(text: str, spans: list, paragraph_of: list, rules: list) -> list:
    """Deletions, one per run of lines with one rule inside a paragraph, each with the line
    break that joined it to the next line of its paragraph, or else to a kept line before it;
    a whole paragraph goes without its surrounding blank lines (whitespace tidying follows)."""
    edits, i = [], 0
    while i < len(spans):
        if rules[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(spans) and rules[j + 1] == rules[i] and paragraph_of[j + 1] == paragraph_of[i]:
            j += 1
        if j + 1 < len(spans) and paragraph_of[j + 1] == paragraph_of[j]:
            edits.append((spans[i][0], spans[j + 1][0], "", rules[i]))
        elif i > 0 and paragraph_of[i - 1] == paragraph_of[i] and rules[i - 1] is None:
            edits.append((spans[i - 1][1], spans[j][1], "", rules[i]))
        else:
            edits.append((spans[i][0], spans[j][1], "", rules[i]))
        i = j + 1
    return edits


def plan_furniture(text: str) -> list[tuple[int, int, str, str]]:
    """Deletions (start, end, '', rule) of every furniture line in `text`: the byline and
    section labels around the headline, furniture lines, repeated titles and related-link
    lists. The headline is never among them."""
    spans, paragraph_of, paragraph = [], [], 0
    for start, end in line_spans(text):
        if text[start:end].strip():
            spans.append((start, end))
            paragraph_of.append(paragraph)
        else:
            paragraph += 1
    lines = [text[start:end] for start, end in spans]
    rules = [read_line(line).rule for line in lines]
    _keep_cookie_sentences_in_the_body(lines, rules)
    _mark_title_copies(lines, rules)
    title = _find_title(lines, rules)
    if title is not None:
        for i in range(title):
            if rules[i] is None and _is_section_label(lines[i]):
                rules[i] = "section_label"
        title_key = _title_key(lines[title])
        j = title + 1
        while j < len(lines) and (rules[j] is not None or not is_sentence_like(lines[j])):
            if rules[j] in (None, "timestamp"):      # a date under the headline is part of its byline
                rules[j] = "repeated_title" if _title_key(lines[j]) == title_key else "byline"
            j += 1
        for i, line in enumerate(lines):
            if i != title and rules[i] is None and (
                    _title_key(line) == title_key or _with_site_name(_title_key(line), title_key)):
                rules[i] = "repeated_title"
    _mark_related_lists(lines, rules, title)
    return _spans_to_edits(text, spans, paragraph_of, rules)

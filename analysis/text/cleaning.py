"""Turn a raw scrape into clean article text, logging every edit against raw offsets.

Cleaning is a fixed sequence of named rules. Each rule proposes span replacements on the
current text; `_Draft` applies them and remembers, for every character, where it came from
in the raw file, so each logged edit carries the raw offset a reader can look up, and its
position in the text of its moment, so `replay_edits` can rebuild the clean text from the
log alone. Page furniture and the headline are found in `furniture`, word boundaries in
`wordbreaks`. Every pattern reads a run of one character once: time is linear in the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR
from .collector import paused_collection
from .furniture import RULES as FURNITURE_RULES
from .furniture import plan_furniture
from .layout import TERMINAL, looks_like_headline, paragraph_spans
from .wordbreaks import MAX_TOKEN, plan_word_repairs

RULE_DESCRIPTIONS = {
    "line_endings": "Windows/old-Mac line endings, Unicode line and paragraph separators, vertical tabs and form feeds become \\n.",
    "invisible_chars": "Byte-order marks, zero-width and bidirectional marks, soft hyphens and control characters are removed; no-break and other Unicode spaces become spaces.",
    "site_prompt": "Site prompts such as 'Get the latest updates ...' are removed.",
    "page_stamp": "Page stamps such as 'Last Updated: ...' are removed (they are not publication dates).",
    "comment_form": "Comment-form text is removed.",
    "navigation": "Navigation links such as 'Scroll to Top' are removed.",
    "source_link": "Aggregator 'Source link' lines are removed.",
    "markdown_rule": "Markdown horizontal rules (---) are removed.",
    "hex_id": "Stray hexadecimal IDs on their own line are removed.",
    "editor_note": "Editor's notes about the author are removed from the body.",
    "link_stub": "Link stubs such as '[For background see ...]' are removed.",
    "markdown_header": "Markdown header marks (#) are removed; the header text stays.",
    "markdown_escape": "Markdown escapes are undone: '\\$1.5' becomes '$1.5'.",
    "quotes": "Curly quotes become straight quotes.",
    "dashes": "Em and en dashes used as punctuation become a spaced em dash; en dashes in ranges and compounds ('1990–2000', 'Volga–Don') become hyphens.",
    "whitespace": "Trailing spaces, repeated spaces and runs of blank lines are collapsed.",
    "byline": "Byline, outlet and date lines between the headline and the body are removed.",
    **FURNITURE_RULES,
    "caption_glued": "A caption glued to its own copy is cut to one copy.",
    "duplicate_paragraph": "A paragraph repeating an earlier one is removed.",
    "caption": "Photo captions (with a photo credit such as '-/Kremlin/dpa') are removed.",
    "paragraph_rejoin": "A paragraph broken in mid-sentence is joined to its continuation.",
    "glued_words": "Words run together are separated ('Uponarrival' -> 'Upon arrival').",
    "split_word": "A word split in two is rejoined ('relation ship' -> 'relationship').",
    "shifted_boundary": "A space moved into the wrong place is put back ('Putine mbarked' -> 'Putin embarked').",
    "repair_capped": f"A run of more than {MAX_TOKEN} letters without a space (a hash, words glued beyond repair) is left as typed: word-boundary repair does not search it (a note; nothing changes).",
}

# A credit's path has a few short parts ("-/Kremlin/dpa"); bounding them keeps the search
# linear on text full of slashes.
_CREDIT = re.compile(
    r"(?:Photo:\s*)?-?/(?:[\w .-]{1,60}/){0,4}(?:dpa|AP|AFP|Reuters|TASS|Sputnik|EPA|Getty Images|Anadolu)\b"
)


@dataclass(frozen=True)
class Edit:
    """One change made by a rule: what was there, what replaced it, where in the raw text
    (`offset`), and where in the text as it stood when the edit was made, after every
    earlier edit (`position`; `replay_edits` uses it). An edit whose `before` equals its
    `after` is a note: the rule looked at the text and left it as it was
    ("repair_capped")."""

    rule: str
    before: str
    after: str
    offset: int
    position: int = -1


class _Draft:
    """Text under cleaning plus, per character, its offset in the raw text."""

    def __init__(self, raw: str):
        self.text = raw
        self.origin = list(range(len(raw) + 1))
        self.edits: list[Edit] = []

    def replace(self, rule: str, spans) -> None:
        """Apply non-overlapping (start, end, new) replacements and log each under `rule`."""
        self.replace_labelled((s, e, new, rule) for s, e, new in spans)

    def replace_labelled(self, spans) -> None:
        """Apply non-overlapping (start, end, new, rule) replacements and log each."""
        spans = sorted(span for span in spans if self.text[span[0]:span[1]] != span[2])
        if not spans:
            return
        parts, origin, last, shift = [], [], 0, 0
        for start, end, new, rule in spans:
            if start < last:
                raise ValueError(f"rule {rule!r} proposed overlapping edits at {start}")
            parts.append(self.text[last:start])
            origin.extend(self.origin[last:start])
            parts.append(new)
            origin.extend([self.origin[start]] * len(new))
            self.edits.append(Edit(rule, self.text[start:end], new, self.origin[start], start + shift))
            shift += len(new) - (end - start)
            last = end
        parts.append(self.text[last:])
        origin.extend(self.origin[last:])
        self.text = "".join(parts)
        self.origin = origin

    def note(self, rule: str, spans) -> None:
        """Log (start, end) spans under `rule` without changing them: a rule that chose to
        leave text as it was, and says so in the audit."""
        for start, end in sorted(spans):
            piece = self.text[start:end]
            self.edits.append(Edit(rule, piece, piece, self.origin[start], start))

    def sub(self, rule: str, pattern, repl, flags: int = 0) -> None:
        """Regex substitution as a logged rule; `repl` is a string template or a function."""
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        if callable(repl):
            expand = repl
        elif "\\" in repl:
            expand = lambda m: m.expand(repl)      # noqa: E731 (a template with groups)
        else:
            expand = lambda m: repl                # noqa: E731 (plain text: no parsing per match)
        self.replace(rule, ((m.start(), m.end(), expand(m)) for m in regex.finditer(self.text)))

    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraph_spans(self.text)


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    """(rule, scope, regex) rows from the editable table `data/boilerplate.csv`."""
    with open(DATA_DIR / "boilerplate.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        (row["rule"], row["scope"], re.compile(row["pattern"] + (r"\n?" if row["scope"] == "line" else ""), re.M))
        for row in rows
    )


def _self_glued(paragraph: str) -> str | None:
    """The single copy if the paragraph is one string repeated twice, else None."""
    n = len(paragraph)
    for sep in ("", " "):
        half = (n - len(sep)) // 2
        if half > 20 and paragraph == paragraph[:half] + sep + paragraph[:half]:
            return paragraph[:half]
    return None


def _fix_captions_and_duplicates(draft: _Draft) -> None:
    spans = []
    for start, end in draft.paragraphs():
        single = _self_glued(draft.text[start:end])
        if single is not None and _CREDIT.search(single):
            spans.append((start, end, single))
    draft.replace("caption_glued", spans)

    seen, spans = set(), []
    for start, end in draft.paragraphs():
        para = draft.text[start:end]
        if para in seen:
            spans.append((start, end, ""))
        seen.add(para)
    draft.replace("duplicate_paragraph", spans)

    draft.replace("caption", [
        (start, end, "") for start, end in draft.paragraphs()
        if _CREDIT.search(draft.text[start:end]) and len(draft.text[start:end].split()) < 60
    ])


def _rejoin_broken_paragraphs(draft: _Draft) -> None:
    """Join a paragraph that stops mid-sentence to a next one starting in lower case."""
    paras = draft.paragraphs()
    spans = []
    for i, ((s1, e1), (s2, _)) in enumerate(zip(paras, paras[1:])):
        first, second = draft.text[s1:e1], draft.text[s2:s2 + 1]
        if i == 0 and looks_like_headline(first):
            continue
        if first.rstrip()[-1] not in TERMINAL and second.islower():
            spans.append((e1, s2, " "))
    draft.replace("paragraph_rejoin", spans)


# Every whitespace pattern starts a match only where a run of whitespace starts (a
# look-behind) and takes the run whole (possessive): a run of n spaces is read once, not n
# times, so cleaning stays linear in the length of the text.
_TRAILING_SPACES = re.compile(r"(?<![ \t])[ \t]++(?=\n|\Z)")
_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}+(?=\S)")
_LEADING_SPACES = re.compile(r"^[ \t]++", re.M)
_BLANK_LINES = re.compile(r"\n{3,}")
_TEXT_ENDS = re.compile(r"\A\s++|(?<!\s)\s++\Z")


def _tidy_whitespace(draft: _Draft) -> None:
    draft.sub("whitespace", _TRAILING_SPACES, "")
    draft.sub("whitespace", _INNER_SPACES, " ")
    draft.sub("whitespace", _LEADING_SPACES, "")
    draft.sub("whitespace", _BLANK_LINES, "\n\n")
    draft.sub("whitespace", _TEXT_ENDS, "")


_MARKDOWN_HEADER = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)


# A spaced dash: an em/en dash with the spaces around it (a run of spaces is entered only
# at its start, so a long run costs one pass) and a hyphen glued to either side of it ("-—",
# typed twice: left, a spaced hyphen would become a second dash on the next cleaning), or a
# hyphen between spaces.
_SPACED_DASH = re.compile(r"(?:(?<![ \t])[ \t]++)?(?:-(?=[\u2014\u2013\u2015]))?[\u2014\u2013\u2015]-?[ \t]*+"
                          r"|(?<=\S) - (?=\S)")


def _spaced_dash(match: re.Match) -> str:
    """An em dash with one space each side, except where a line (or the text) starts or ends
    or a space is already there: the same text comes out of a second cleaning unchanged,
    with no edit ("— — —", "— at a line start")."""
    text, start, end = match.string, match.start(), match.end()
    before = "" if start == 0 or text[start - 1] in " \t\n" else " "
    after = "" if end == len(text) or text[end] == "\n" else " "
    return before + "\u2014" + after
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad"
                        "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]+")
_ODD_SPACES = re.compile("[\u00a0\u202f\u2000-\u200a\u205f\u3000\u1680]+")     # a run is one edit


def _apply_rules(draft: _Draft) -> None:
    draft.sub("line_endings", _LINE_BREAKS, "\n")
    draft.sub("invisible_chars", _INVISIBLE, "")
    draft.sub("invisible_chars", _ODD_SPACES, lambda m: " " * len(m.group()))
    for rule, _scope, regex in boilerplate_patterns():
        draft.sub(rule, regex, "")
    draft.sub("markdown_header", _MARKDOWN_HEADER, "")
    draft.sub("markdown_escape", r"(?<!\\)\\([`*_{}\[\]()#+\-.!$&])", r"\1")
    draft.sub("quotes", "[\u2018\u2019\u201a\u2032]", "'")
    draft.sub("quotes", "[\u201c\u201d\u201e\u2033]", '"')
    draft.sub("dashes", r"\u2013(?<=[^\W_]\u2013)(?=[^\W_])", "-")
    draft.sub("dashes", _SPACED_DASH, _spaced_dash)
    # Unescaping ("\# x") and dash spacing ("#—" -> "# —") can make a header mark: clear it
    # now, or a second cleaning would change the text again.
    draft.sub("markdown_header", _MARKDOWN_HEADER, "")
    _tidy_whitespace(draft)
    draft.replace_labelled(plan_furniture(draft.text))
    _fix_captions_and_duplicates(draft)
    _rejoin_broken_paragraphs(draft)
    _tidy_whitespace(draft)
    _repair_word_boundaries(draft)


# Word-boundary repair re-estimates the damage rate from the text it is given, so repaired
# text can show it a boundary it did not choose the first time ("CjABNB" -> "CjA BNB" ->
# "Cj A BNB"). It runs again until it changes nothing, so cleaning twice changes nothing;
# on the seeds the second round finds nothing (their repaired text is stable).
MAX_REPAIR_ROUNDS = 4


def _repair_word_boundaries(draft: _Draft) -> None:
    for round_ in range(MAX_REPAIR_ROUNDS):
        plan = plan_word_repairs(draft.text)
        if round_ == 0:
            draft.note("repair_capped", plan.capped)
        if not plan.edits:
            return
        draft.replace_labelled(plan.edits)
        # Words decide the rules that ran before the repair: a repaired line may be furniture
        # ("VIEWShARE" -> "VIEW ShARE"), a repaired paragraph a duplicate of another or the
        # broken half of one. Run them again, or a second cleaning would change the text.
        removals = plan_furniture(draft.text)
        if removals:
            draft.replace_labelled(removals)
        _fix_captions_and_duplicates(draft)
        _rejoin_broken_paragraphs(draft)
        _tidy_whitespace(draft)


@lru_cache(maxsize=4096)
def _clean(raw: str) -> tuple[str, tuple[Edit, ...]]:
    with paused_collection():            # linear time on a long text (see .collector)
        draft = _Draft(raw)
        _apply_rules(draft)
        return draft.text, tuple(draft.edits)


def clean_text(raw: str) -> str:
    """Clean article text (headline and body) from a raw scrape; see RULE_DESCRIPTIONS."""
    return _clean(raw)[0]


def text_edits(raw: str) -> list[Edit]:
    """Every edit `clean_text` makes to `raw`, in the order the rules ran."""
    return list(_clean(raw)[1])


def replay_edits(raw: str, edits) -> str:
    """Apply logged edits to `raw` in order, checking that each finds the text it says it
    replaced: `replay_edits(raw, text_edits(raw)) == clean_text(raw)` is the audit trail's
    proof that it accounts for every change. One pass per run of edits in text order."""
    text, i = raw, 0
    while i < len(edits):
        parts, cursor, shift = [], 0, 0
        while i < len(edits):
            edit = edits[i]
            start = edit.position - shift
            if start < cursor:
                break                       # the next rule's edits: apply these first
            end = start + len(edit.before)
            if text[start:end] != edit.before:
                raise ValueError(f"edit {i} ({edit.rule}) does not find {edit.before!r} at {edit.position}")
            parts += [text[cursor:start], edit.after]
            cursor, shift = end, shift + len(edit.after) - len(edit.before)
            i += 1
        parts.append(text[cursor:])
        text = "".join(parts)
    return text


def cleaning_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per edit: doc_id, rule, before, after, offset (character offset in the raw file)."""
    rows = [
        {"doc_id": doc_id, "rule": e.rule, "before": e.before, "after": e.after, "offset": e.offset}
        for doc_id, raw in zip(corpus["doc_id"], corpus["text_raw"])
        for e in text_edits(raw)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "before", "after", "offset"])

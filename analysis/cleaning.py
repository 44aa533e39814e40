"""Turn a raw scrape into clean article text, logging every edit against raw offsets.

Cleaning is a fixed sequence of named rules. Each rule proposes span replacements on the
current text; `_Draft` applies them and remembers, for every character, where it came from
in the raw file, so each logged edit carries the raw offset a reader can look up.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .config import DATA_DIR
from .parallel import map_in_order
from .wordbreaks import repair_word_boundaries

RULE_DESCRIPTIONS = {
    "line_endings": "Windows/old-Mac line endings become \\n.",
    "invisible_chars": "Byte-order marks and zero-width characters are removed; no-break spaces become spaces.",
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
    "dashes": "Em and en dashes used as punctuation become a spaced em dash; en dashes in ranges become hyphens.",
    "whitespace": "Trailing spaces, repeated spaces and runs of blank lines are collapsed.",
    "byline": "Byline, outlet and date lines between the headline and the body are removed.",
    "caption_glued": "A caption glued to its own copy is cut to one copy.",
    "duplicate_paragraph": "A paragraph repeating an earlier one is removed.",
    "caption": "Photo captions (with a photo credit such as '-/Kremlin/dpa') are removed.",
    "paragraph_rejoin": "A paragraph broken in mid-sentence is joined to its continuation.",
    "glued_words": "Words run together are separated ('Uponarrival' -> 'Upon arrival').",
    "split_word": "A word split in two is rejoined ('relation ship' -> 'relationship').",
    "shifted_boundary": "A space moved into the wrong place is put back ('Putine mbarked' -> 'Putin embarked').",
}

_TERMINAL = ".!?\"')]:;"
_CREDIT = re.compile(
    r"(?:Photo:\s*)?-?/(?:[\w .-]+/)*(?:dpa|AP|AFP|Reuters|TASS|Sputnik|EPA|Getty Images|Anadolu)\b"
)


_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a run of non-blank lines."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


@dataclass(frozen=True)
class Edit:
    """One change made by a rule: what was there, what replaced it, where in the raw text."""

    rule: str
    before: str
    after: str
    offset: int


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
        parts, origin, last = [], [], 0
        for start, end, new, rule in spans:
            if start < last:
                raise ValueError(f"rule {rule!r} proposed overlapping edits at {start}")
            parts.append(self.text[last:start])
            origin.extend(self.origin[last:start])
            parts.append(new)
            origin.extend([self.origin[start]] * len(new))
            self.edits.append(Edit(rule, self.text[start:end], new, self.origin[start]))
            last = end
        parts.append(self.text[last:])
        origin.extend(self.origin[last:])
        self.text = "".join(parts)
        self.origin = origin

    def sub(self, rule: str, pattern, repl, flags: int = 0) -> None:
        """Regex substitution as a logged rule; `repl` is a string template or a function."""
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        expand = repl if callable(repl) else (lambda m: m.expand(repl))
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


def looks_like_headline(paragraph: str) -> bool:
    """A short single line without sentence punctuation, or in Title Case."""
    words = paragraph.split()
    if not words or len(words) > 25 or "\n" in paragraph.strip():
        return False
    if paragraph.rstrip()[-1] not in _TERMINAL:
        return True
    capitalised = sum(w[0].isupper() for w in words if w[0].isalpha())
    return capitalised >= 0.7 * len(words)


def _is_sentence_like(paragraph: str) -> bool:
    return len(paragraph.split()) > 8 or paragraph.rstrip()[-1] in _TERMINAL


def _drop_header_block(draft: _Draft) -> None:
    """Remove byline/outlet/date paragraphs that sit between the headline and the body."""
    paras = draft.paragraphs()
    if not paras or not looks_like_headline(draft.text[slice(*paras[0])]):
        return
    drops = []
    for start, end in paras[1:]:
        if _is_sentence_like(draft.text[start:end]):
            break
        drops.append((start, end, ""))
    draft.replace("byline", drops)


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
        if first.rstrip()[-1] not in _TERMINAL and second.islower():
            spans.append((e1, s2, " "))
    draft.replace("paragraph_rejoin", spans)


def _tidy_whitespace(draft: _Draft) -> None:
    # Patterns open with a look-ahead for their first character: same matches, fewer tries.
    draft.sub("whitespace", r"(?=[ \t])(?:[ \t]+(?=\n)|[ \t]+\Z)", "")
    draft.sub("whitespace", r"(?=[ \t])(?<=\S)[ \t]{2,}(?=\S)", " ")
    draft.sub("whitespace", r"^[ \t]+", "", re.M)
    draft.sub("whitespace", r"\n{3,}", "\n\n")
    draft.sub("whitespace", r"(?=\s)(?:\A\s+|\s+\Z)", "")


_MARKDOWN_HEADER = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)


def _apply_rules(draft: _Draft) -> None:
    draft.sub("line_endings", r"\r\n?", "\n")
    draft.sub("invisible_chars", "[\ufeff\u200b\u200c\u200d\u2060]", "")
    draft.sub("invisible_chars", "[\u00a0\u202f]", " ")
    for rule, _scope, regex in boilerplate_patterns():
        draft.sub(rule, regex, "")
    draft.sub("markdown_header", _MARKDOWN_HEADER, "")
    draft.sub("markdown_escape", r"(?<!\\)\\([`*_{}\[\]()#+\-.!$&])", r"\1")
    draft.sub("quotes", "[\u2018\u2019\u201a\u2032]", "'")
    draft.sub("quotes", "[\u201c\u201d\u201e\u2033]", '"')
    draft.sub("dashes", r"\u2013(?<=\d\u2013)(?=\d)", "-")
    draft.sub("dashes", r"(?=[ \t\u2014\u2013\u2015])(?:[ \t]*[\u2014\u2013\u2015][ \t]*|(?<=\S) - (?=\S))",
              " \u2014 ")
    # Unescaping ("\# x") and dash spacing ("#—" -> "# —") can make a header mark: clear it
    # now, or a second cleaning would change the text again.
    draft.sub("markdown_header", _MARKDOWN_HEADER, "")
    _tidy_whitespace(draft)
    _drop_header_block(draft)
    _fix_captions_and_duplicates(draft)
    _rejoin_broken_paragraphs(draft)
    _tidy_whitespace(draft)
    draft.replace_labelled(repair_word_boundaries(draft.text))


@lru_cache(maxsize=4096)
def _clean(raw: str) -> tuple[str, tuple[Edit, ...]]:
    draft = _Draft(raw)
    _apply_rules(draft)
    return draft.text, tuple(draft.edits)


def clean_text(raw: str) -> str:
    """Clean article text (headline and body) from a raw scrape; see RULE_DESCRIPTIONS."""
    return _clean(raw)[0]


def clean_many(raws: list[str]) -> list[str]:
    """`clean_text` over many articles, in order; spread over the machine's cores for large
    corpora (each article is cleaned on its own, so the result is the same either way)."""
    return map_in_order(clean_text, raws)


def text_edits(raw: str) -> list[Edit]:
    """Every edit `clean_text` makes to `raw`, in the order the rules ran."""
    return list(_clean(raw)[1])


def cleaning_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per edit: doc_id, rule, before, after, offset (character offset in the raw file)."""
    rows = [
        {"doc_id": doc_id, "rule": e.rule, "before": e.before, "after": e.after, "offset": e.offset}
        for doc_id, raw in zip(corpus["doc_id"], corpus["text_raw"])
        for e in text_edits(raw)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "rule", "before", "after", "offset"])

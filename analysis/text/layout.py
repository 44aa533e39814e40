"""Lines and paragraphs of a text, and whether a line reads as a headline or a sentence.

Shared by cleaning (which lines are furniture, where the headline is) and segmentation (which
paragraph is the title). Every function is one pass over the text.
"""

from __future__ import annotations

TERMINAL = ".!?\"')]:;"


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line (split at \\n only), blank lines included."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a run of non-blank lines."""
    spans, current = [], None
    for start, end in line_spans(text):
        if start == end or text[start:end].isspace():
            if current:
                spans.append(current)
            current = None
        else:
            current = (current[0], end) if current else (start, end)
    if current:
        spans.append(current)
    return spans


def looks_like_headline(paragraph: str) -> bool:
    """A short single line without sentence punctuation, or in Title Case."""
    words = paragraph.split()
    if not words or len(words) > 25 or "\n" in paragraph.strip():
        return False
    if paragraph.rstrip()[-1] not in TERMINAL:
        return True
    capitalised = sum(w[0].isupper() for w in words if w[0].isalpha())
    return capitalised >= 0.7 * len(words)


def is_sentence_like(paragraph: str) -> bool:
    """More than eight words, or ending as a sentence does."""
    stripped = paragraph.rstrip()
    return len(paragraph.split()) > 8 or (bool(stripped) and stripped[-1] in TERMINAL)


def is_body_line(line: str) -> bool:
    """A line of running text: longer than any headline, or a sentence not in Title Case."""
    return is_sentence_like(line) and not looks_like_headline(line)

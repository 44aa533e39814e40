"""One regex helper shared by the figure and period finders.

Python's regex engine tries a pattern at every position of the text. A pattern that opens
with a word boundary, a look-behind or an alternation of words pays for that test at every
character; one that opens with a look-ahead for its possible first characters rejects most
positions at once (about 3x faster on the seeds' prose). The look-ahead only skips
positions where no match can start, so what is found does not change.
"""

from __future__ import annotations

import re


def starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    r"""`pattern` compiled behind a look-ahead for `first`, a character-class body that every
    match's first character belongs to (e.g. r"\d", or the initials of a word list)."""
    return re.compile(f"(?=[{first}]){pattern}", flags)


def initials(words) -> str:
    """The first letters of `words`, as a character-class body."""
    return "".join(sorted({re.escape(w[0]) for w in words if w}))


class Gated:
    """A compiled pattern every match of which contains one of `needles` (lower case, and
    free of the letters s and k, whose odd Unicode cousins case-insensitive matching also
    accepts). A text holding none of them is not scanned: most articles never say "twofold"
    or "the same period", and a substring test costs far less than a regex scan."""

    def __init__(self, pattern: re.Pattern, needles: tuple[str, ...]):
        self.pattern, self.needles = pattern, needles

    def finditer(self, text: str):
        lowered = text.lower()
        if not any(needle in lowered for needle in self.needles):
            return iter(())
        return self.pattern.finditer(text)

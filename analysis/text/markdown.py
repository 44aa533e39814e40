"""Computed prose shown as Markdown: the one place where text becomes Markdown.

Findings quote article text (headlines, sentences, figures with dollar signs). Shown as
Markdown they wrap like prose in JupyterLab and in the HTML report, but article text must stay
text: "$4.3 billion ... $120 million" on one line would be typeset as LaTeX, "*" would turn
into emphasis, "<script>" into a tag, "[x](y)" into a link. So every paragraph is escaped here
before it is shown, and no other module builds Markdown from text.
"""

from __future__ import annotations

import re

# ASCII punctuation that CommonMark, GitHub-flavoured Markdown or the notebook's math
# typesetting ($) give a meaning to; a backslash before any of them shows the character.
_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#+\-!|$~])")
_ORDERED_LIST = re.compile(r"^(\s*\d+)([.)])", re.M)     # "2007. Gazprom" must not become a list
_AUTOLINK = re.compile(r"(?i)(?<=\w)(://)|\b(www)(\.)")


def escape_markdown(text: str) -> str:
    """`text` with every character Markdown would act on escaped, so it renders as itself.

    Also breaks bare autolinks ("http://", "www.") and turns "&" into "&amp;", so an entity
    such as "&lt;" in an article shows as written.
    """
    text = str(text).replace("&", "&amp;")
    text = _ACTIVE.sub(r"\\\1", text)
    text = _ORDERED_LIST.sub(r"\1\\\2", text)
    return _AUTOLINK.sub(lambda m: "\\://" if m.group(1) else "www\\.", text)


class Answer:
    """Escaped paragraphs (or bullet points) that a notebook shows as Markdown, with the
    plain text as the fallback a terminal prints."""

    def __init__(self, paragraphs: list[str], bullets: bool = False):
        self.paragraphs = [str(p) for p in paragraphs]
        self.bullets = bullets

    def _repr_markdown_(self) -> str:
        if self.bullets:
            return "\n".join("- " + escape_markdown(p).replace("\n", " ") for p in self.paragraphs)
        return "\n\n".join(escape_markdown(p) for p in self.paragraphs)

    def __repr__(self) -> str:
        return ("\n".join(f"- {p}" for p in self.paragraphs) if self.bullets
                else "\n\n".join(self.paragraphs))


def as_markdown(*paragraphs: str, bullets: bool = False) -> Answer:
    """Computed findings shown as Markdown: `as_markdown(answer)` as a cell's last line. Each
    argument is one paragraph (one bullet point with `bullets=True`); its text is escaped,
    never interpreted."""
    return Answer(list(paragraphs), bullets)

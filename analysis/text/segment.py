"""Split clean articles into paragraphs and sentences, as tidy tables with offsets.

The sentence splitter is a small set of rules for edited English news text, so it needs no
downloaded model: a sentence ends at . ! or ? (plus any closing quotes or brackets) when the
next word starts a sentence (capital letter, digit or opening quote), unless the period
belongs to an abbreviation, an initial or a mid-sentence ellipsis.
"""

from __future__ import annotations

import re
from functools import partial

import pandas as pd

from ..guard import attempt, keep_articles, with_records
from .layout import looks_like_headline, paragraph_spans

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt maj capt sgt cmdr adm gov sen rep pres amb st mt ft
jr sr inc ltd co corp bros no nos vs etc al approx dept est fig gov't
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
_BOUNDARY = re.compile(r"""(?<=[.!?])["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")

UNIT_COLUMNS = ["doc_id", "event_date", "era", "outlet", "position", "paragraph", "is_title",
                "start", "end", "text"]


TAIL_CHARS = 200   # the boundary test reads this much text before a full stop (linear time)


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the punctuation just before `stop` really closes a sentence. Only the last
    TAIL_CHARS characters are read: the test looks at the word before the stop, and reading
    the whole text before every stop made a run of short sentences quadratic."""
    head = text[max(0, stop - TAIL_CHARS):stop].rstrip("\"')]")
    if head.endswith("..."):
        return True
    if not head.endswith("."):
        return True
    word = re.search(r"([\w.']+)\.$", head)
    if word is None:
        return True
    token = word.group(1)
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):   # initials and U.S.-style acronyms
        return False
    return True


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in one paragraph."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        if _ends_sentence(paragraph, m.end()):
            spans.append((start, m.end()))
            start = m.end()
            while start < len(paragraph) and paragraph[start].isspace():
                start += 1
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in a whole text, paragraph by paragraph."""
    return [(p_start + s, p_start + e) for p_start, p_end in paragraph_spans(text)
            for s, e in split_sentences(text[p_start:p_end])]


def _doc_units(doc, by_sentence: bool) -> list[tuple]:
    """The unit rows of one article (a corpus row)."""
    rows, position = [], 0
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(doc.text)):
        paragraph = doc.text[p_start:p_end]
        is_title = p_index == 0 and looks_like_headline(paragraph)
        spans = split_sentences(paragraph) if by_sentence else [(0, len(paragraph))]
        for s, e in spans:
            rows.append((doc.doc_id, doc.event_date, doc.era, doc.outlet, position, p_index,
                         is_title, p_start + s, p_start + e, paragraph[s:e]))
            position += 1
    return rows


def _units(corpus: pd.DataFrame, by_sentence: bool) -> pd.DataFrame:
    """Every article's units; an article whose segmenting fails is set aside (analysis.guard)."""
    docs = list(corpus.itertuples(index=False))
    found = [attempt(partial(_doc_units, by_sentence=by_sentence), doc) for doc in docs]
    keep, records = keep_articles("segmenting", found, [doc.doc_id for doc in docs])
    units = pd.DataFrame([row for rows, kept in zip(found, keep) if kept for row in rows], columns=UNIT_COLUMNS)
    if "era" in corpus and isinstance(corpus["era"].dtype, pd.CategoricalDtype):
        units["era"] = pd.Categorical(units["era"], dtype=corpus["era"].dtype)
    return with_records(units, records)


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: doc_id, event_date, era, outlet, position (in the article),
    paragraph, is_title, start/end (offsets in the clean text) and text."""
    return _units(corpus, by_sentence=True)


def paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph, with the same columns as `sentences`."""
    return _units(corpus, by_sentence=False)

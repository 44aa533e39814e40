"""Is a text English? A documented rule, not a model: the share of English function words.

The lexicons (TextBlob, VADER), the theme dictionary and the figure reader are English; an
article in another language would score neutral and count no themes, which would read as a
finding. So articles are flagged by name and left out of those measures.

The rule: at least ENGLISH_SHARE of a text's letter words (it needs MIN_WORDS of them) are
among FUNCTION_WORDS, the most frequent English words that are not also words of the large
European languages ("a", "in", "on", "an", "die" are left out for that reason). English news
prose scores 0.2-0.3 (the five seed articles: 0.24-0.31); French, German, Spanish, Italian,
Dutch, Turkish, Russian or Azerbaijani text scores 0, bar a quoted English phrase. Too short
a text is not judged.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    "the of and to that for with was by from his has have are be it this which were will been "
    "their they not but had would its also after who said is than more about into over".split())
ENGLISH_SHARE = 0.08
MIN_WORDS = 20
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> float | None:
    """The share of the text's letter words that are English function words; None when it has
    fewer than MIN_WORDS words to judge by."""
    found = _LETTER_WORD.findall(text)
    if len(found) < MIN_WORDS:
        return None
    return sum(w.lower() in FUNCTION_WORDS for w in found) / len(found)


def is_english(text: str) -> bool:
    """Whether a text passes the English rule (a text too short to judge counts as English)."""
    share = english_share(text)
    return share is None or share >= ENGLISH_SHARE

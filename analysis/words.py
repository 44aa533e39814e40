"""Words with their offsets, their stems, and the stop-word list the topic tools share.

Stems come from the Snowball ("Porter2") English stemmer in nltk, which is rules only and
needs no downloaded data: "pipeline" and "pipelines" share the stem "pipelin", "sanction",
"sanctions" and "sanctioned" share "sanction". Words are runs of letters and digits, so a
hyphen splits ("Nagorno-Karabakh" is two words) and "gas" is never found inside "Las Vegas";
an apostrophe inside a word keeps it whole and a possessive "'s" is dropped ("Russia's" reads
as "russia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .config import DATA_DIR

STOPWORDS_FILE = DATA_DIR / "topic_stopwords.csv"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_JOINER = re.compile(r"[ \t\-‐‑–]*")       # what may stand between the words of a phrase
_STEMMER = SnowballStemmer("english")


@dataclass(frozen=True)
class Word:
    text: str          # as printed
    bare: str          # as printed, possessive 's dropped (case kept, for acronyms)
    lower: str         # lower case, possessive 's dropped
    stem: str          # Snowball stem of `lower`
    start: int         # offsets in the text the word was read from
    end: int


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word."""
    return _STEMMER.stem(word)


def words(text: str) -> list[Word]:
    """Every word in `text`, in order, with its offsets."""
    found = []
    for m in _WORD.finditer(text):
        bare = _POSSESSIVE.sub("", m.group()).replace("’", "'")
        found.append(Word(m.group(), bare, bare.lower(), stem(bare.lower()), m.start(), m.end()))
    return found


def joined(text: str, left: Word, right: Word) -> bool:
    """Whether two neighbouring words are one phrase (only spaces or hyphens between them)."""
    return _JOINER.fullmatch(text, left.end, right.start) is not None


@lru_cache(maxsize=1)
def stopword_table() -> pd.DataFrame:
    """The project's extra stop words (data/topic_stopwords.csv): word, kind, note."""
    table = pd.read_csv(STOPWORDS_FILE, comment="#", dtype=str, keep_default_na=False)
    table["word"] = table["word"].str.strip().str.lower()
    return table


def stop_words(kinds: tuple[str, ...] | None = None) -> frozenset[str]:
    """Lower-case words the topic tools drop: scikit-learn's English list plus the project
    list (people, outlets, the two countries and their capitals, reporting verbs, calendar
    words). `kinds` keeps only some kinds of the project list."""
    table = stopword_table()
    if kinds is not None:
        table = table[table["kind"].isin(kinds)]
    return frozenset(ENGLISH_STOP_WORDS) | frozenset(table["word"])


def content_words(text: str, drop: frozenset[str]) -> list[Word]:
    """The words of `text` a topic model or a keyness count should see: no stop words, no
    numbers, no single letters. Words of the project list also drop their inflections (by
    stem); scikit-learn's list drops only the listed forms ('states' goes, 'state' stays)."""
    drop_stems = _project_stems(drop)
    return [w for w in words(text)
            if len(w.lower) > 1 and not any(c.isdigit() for c in w.lower)
            and w.lower not in drop and w.stem not in drop_stems]


@lru_cache(maxsize=8)
def _project_stems(drop: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in drop - ENGLISH_STOP_WORDS)


def display_forms(texts, drop: frozenset[str]) -> dict[str, str]:
    """For each stem, its most frequent printed form (lower case; ties: alphabetical), so
    tables show 'sanctions' rather than 'sanction' when that is what the articles say."""
    counts: dict[str, dict[str, int]] = {}
    for text in texts:
        for w in content_words(text, drop):
            forms = counts.setdefault(w.stem, {})
            forms[w.lower] = forms.get(w.lower, 0) + 1
    return {s: min(forms, key=lambda f: (-forms[f], f)) for s, forms in counts.items()}

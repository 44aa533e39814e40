"""Words with their offsets, their stems, and the stop-word list the topic tools share.

Stems come from the Snowball ("Porter2") English stemmer in nltk, which is rules only and
needs no downloaded data: "pipeline" and "pipelines" share the stem "pipelin", "sanction",
"sanctions" and "sanctioned" share "sanction". British spellings are read as American ones
before stemming (`american`), so "neighbours" and "neighboring", "defence" and "defense",
"organisation" and "organization" share a stem wherever stems are compared: theme terms,
tone targets, topic words and distinctive words. Words are runs of letters and digits, so a
hyphen splits ("Nagorno-Karabakh" is two words) and "gas" is never found inside "Las Vegas";
an apostrophe inside a word keeps it whole and a possessive "'s" is dropped ("Russia's" reads
as "russia").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

import wordfreq

from ..config import DATA_DIR

STOPWORDS_FILE = DATA_DIR / "topic_stopwords.csv"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_POSSESSIVE = re.compile(r"['’]s$")
_JOINER = re.compile(r"[ \t\-‐‑–]*")       # what may stand between the words of a phrase
_STEMMER = SnowballStemmer("english")


class Word(NamedTuple):
    text: str          # as printed
    bare: str          # as printed, possessive 's dropped (case kept, for acronyms)
    lower: str         # lower case, possessive 's dropped
    stem: str          # Snowball stem of `lower`
    start: int         # offsets in the text the word was read from
    end: int


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word, read in its American spelling."""
    return _STEMMER.stem(american(word))


# British -> American spelling. Each rule proposes a respelling; it is taken only when the
# respelled word is itself a common English word (in wordfreq's list of the VARIANT_WORDS most
# frequent) and not much rarer than the word it replaces (Zipf frequency at most
# VARIANT_MARGIN lower), so "flour" never becomes "flor", "genre" never "gener", and words
# without an American variant stay as they are. Each pattern also asks for a few letters
# before the changed ending, which leaves "four", "hour", "tour", "noise", "rise" alone.
VARIANT_WORDS = 100_000
VARIANT_MARGIN = 1.0
_NO_VARIANT = frozenset({"amour", "amours", "devises", "scour", "scours", "scoured", "scouring",
                         "stour"})                 # respelled, they would be other words
# -re -> -er only after the endings of the English -re words (centre, theatre, metre, litre,
# lustre, spectre, sceptre, mitre, fibre, calibre, sabre, sombre, meagre, ochre, sepulchre),
# never in French or Spanish words ("entre", "livre", "madre").
_RE_END = r"[a-z]*(?:cent|theat|met|lit|lust|spect|scept|mit|fib|calib|sab|somb|meag|och|sepulch)"
_VARIANT_RULES = (
    (re.compile(r"^([a-z]{2,})our(s|ed|ing|ite|ites|able|ably|er|ers|ful|less|hood|hoods|ly|y|"
                r"al|ally|ism|ist|ists)?$"), r"\1or\2"),                     # neighbour, labour
    (re.compile(r"^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),  # organise
    (re.compile(r"^([a-z]{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),                 # analyse
    (re.compile(rf"^({_RE_END})re(s)?$"), r"\1er\2"),                         # centre, litres
    (re.compile(rf"^({_RE_END})r(ed|ing)$"), r"\1er\2"),                      # centred
    (re.compile(r"^([a-z]{3,})ogue(s)?$"), r"\1og\2"),                        # catalogue
    (re.compile(r"^([a-z]{2,})ence(s)?$"), r"\1ense\2"),                      # defence, licence
    (re.compile(r"^([a-z]{3,})mme(s)?$"), r"\1m\2"),                          # programme
    (re.compile(r"^([a-z]{2,}[aeiou]l)l(ed|ing|er|ers|or|ors)$"), r"\1\2"),    # fuelled, travelling
)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(wordfreq.top_n_list("en", VARIANT_WORDS))


@lru_cache(maxsize=200_000)
def american(word: str) -> str:
    """The American spelling of a lower-case word when it has a common one ("neighbours" ->
    "neighbors", "fuelled" -> "fueled", "centre" -> "center", "defence" -> "defense",
    "programme" -> "program"), else the word itself. One place for the whole package."""
    if not word.isascii() or len(word) < 5 or word in _NO_VARIANT:
        return word
    common = _common_words()
    for pattern, replacement in _VARIANT_RULES:
        if not pattern.match(word):
            continue
        variant = pattern.sub(replacement, word)
        if variant in common and (wordfreq.zipf_frequency(variant, "en")
                                  >= wordfreq.zipf_frequency(word, "en") - VARIANT_MARGIN):
            return variant
    return word


@lru_cache(maxsize=200_000)
def _forms(token: str) -> tuple[str, str, str]:
    """bare, lower and stem of one printed word (words repeat, so each is worked out once)."""
    bare = _POSSESSIVE.sub("", token).replace("’", "'")
    return bare, bare.lower(), stem(bare.lower())


def words(text: str) -> list[Word]:
    """Every word in `text`, in order, with its offsets."""
    return [Word(m.group(), *_forms(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def word_columns(text: str) -> tuple[list[tuple[str, str, str]], list[int], list[int]]:
    """words() as three columns: (bare, lower, stem) of every word, their starts and their
    ends. Several times cheaper than one Word per word, which matters on large corpora."""
    parts = _WORD_SPLIT.split(text)              # separator, word, separator, word, ...
    offsets = list(accumulate(map(len, parts)))
    return [_forms(token) for token in parts[1::2]], offsets[0::2], offsets[1::2]


_READER_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: '1.5', "Russia's" and 'two-fold' are one word each.
    The one word count behind every `n_words` column and every rate per 1,000 words."""
    return len(_READER_WORD.findall(text))


def joined_at(text: str, left_end: int, right_start: int) -> bool:
    """Whether two neighbouring words (the first ending at `left_end`, the next starting at
    `right_start`) are one phrase: only spaces or hyphens between them."""
    return _JOINER.fullmatch(text, left_end, right_start) is not None


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


class ContentWord(NamedTuple):
    lower: str         # lower case, possessive 's dropped
    stem: str          # Snowball stem of `lower`


def content_words(text: str, drop: frozenset[str]) -> list[ContentWord]:
    """The words of `text` a topic model or a keyness count should see: no stop words, no
    numbers, no single letters. Words of the project list also drop their inflections (by
    stem); scikit-learn's list drops only the listed forms ('states' goes, 'state' stays).
    Offsets are not kept (use words() for those): each distinct word is read once and the
    same ContentWord is returned for every occurrence, which keeps large corpora cheap."""
    read = _content_reader(drop)
    return [w for w in map(read, _WORD.findall(text)) if w is not None]


@lru_cache(maxsize=8)
def _content_reader(drop: frozenset[str]):
    """token -> its ContentWord under `drop`, or None for a word the topic tools drop."""
    drop_stems = frozenset(stem(w) for w in drop - ENGLISH_STOP_WORDS)

    @lru_cache(maxsize=200_000)
    def read(token: str) -> ContentWord | None:
        _, lower, stemmed = _forms(token)
        if (len(lower) > 1 and not any(c.isdigit() for c in lower)
                and lower not in drop and stemmed not in drop_stems):
            return ContentWord(lower, stemmed)
        return None
    return read


def display_forms(texts, drop: frozenset[str]) -> dict[str, str]:
    """For each stem, its most frequent printed form (lower case; ties: alphabetical), so
    tables show 'sanctions' rather than 'sanction' when that is what the articles say."""
    return forms_of([content_words(text, drop) for text in texts])


def forms_of(word_lists) -> dict[str, str]:
    """display_forms for words already found (lists of content_words' output)."""
    counts: dict[str, dict[str, int]] = {}
    for found in word_lists:
        for w in found:
            forms = counts.setdefault(w.stem, {})
            forms[w.lower] = forms.get(w.lower, 0) + 1
    return {s: min(forms, key=lambda f: (-forms[f], f)) for s, forms in counts.items()}

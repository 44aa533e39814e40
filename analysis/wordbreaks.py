"""Repair word-boundary damage (glued, split and shifted words) with a noisy-channel model.

A scrape that damages spaces keeps the letters, so for a short window of words we keep the
letters and choose where the spaces go. The chosen spacing maximises

    log P(words)           a bigram language model: word frequencies shipped with `wordfreq`
                           and bigram counts shipped with `wordsegment` (Google Web Trillion
                           Word Corpus), with stupid backoff, mixed with the article's own
                           vocabulary as a cache model (Kuhn & De Mori 1990), so the names an
                           article repeats ("Prikhodko", "Soltan") count as words;
  + log P(spacing|words)   every space added or removed costs log r, where r is the
                           article's damage rate, re-estimated from the article itself (EM).

A heavily damaged article makes the next repair cheap; a clean one needs overwhelming
evidence, which is what keeps "Azerbaijanis" in one article and splits "Azerbaijanis free"
into "Azerbaijan is free" in another. Acronyms, numbers and apostrophes are never split,
hyphens and punctuation are never crossed, single letters other than "a" and "I" are never
created, and a lower-to-upper case change inside an unknown token ("MehribanAliyeva") is
always a word boundary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

# Tuned on the seed corpus; changing them changes which repairs are made (tests guard this).
BACKOFF = 0.4              # stupid-backoff weight for an unseen bigram (Brants et al. 2007)
CACHE_WEIGHT = 0.1         # share of probability from the article's own word counts
UNKNOWN_BASE = 8.0         # log10 penalty of an unknown word ...
UNKNOWN_PER_CHAR = 0.75    # ... plus this per character (English spelling: ~2.5 bits/letter)
PRIOR_DAMAGED, PRIOR_INTACT = 1.0, 2000.0   # Beta prior on the damage rate: ~1 error per 2000 letters
MAX_WORD = 24
MAX_ITER = 4

_LETTERS = r"[^\W\d_]"
_TOKEN = rf"{_LETTERS}+(?:'{_LETTERS}+)*'?"
_CHUNK = re.compile(rf"(?<![\w']){_TOKEN}(?: {_TOKEN})*(?!\w)")
_TOKEN_RE = re.compile(_TOKEN)
_CAMEL = re.compile(r"[a-z][A-Z]")


@lru_cache(maxsize=1)
def _web_counts():
    """Word frequencies (wordfreq, 'large' English list: cleaned, multi-source) and bigram
    counts with their unigram denominators (wordsegment, web text). Loaded once, < 1 s."""
    import wordfreq
    import wordsegment

    wordsegment.load()
    return wordfreq.get_frequency_dict("en", wordlist="large"), wordsegment.UNIGRAMS, wordsegment.BIGRAMS


def word_key(word: str) -> str:
    """The lower-case form the frequency tables use."""
    return word.lower()


def _bigram_key(key: str) -> str:
    return key.replace("'", "")


@lru_cache(maxsize=1_000_000)
def _web_probability(key: str, previous: str | None) -> float:
    """P(key | previous) from the web tables with stupid backoff; -1 for an unknown word."""
    frequency, web_unigrams, bigrams = _web_counts()
    if previous is not None:
        prev = _bigram_key(previous)
        pair = bigrams.get(f"{prev} {_bigram_key(key)}")
        if pair is not None and prev in web_unigrams:
            return pair / web_unigrams[prev]
    freq = frequency.get(key)
    if freq is None and key.endswith(("'s", "'")):
        freq = frequency.get(key[: -2 if key.endswith("'s") else -1])
    if freq is None:
        return -1.0
    return freq * (BACKOFF if previous is not None else 1.0)


class _LanguageModel:
    """Bigram model with backoff, mixed with a leave-one-out cache of the article's words."""

    def __init__(self, doc_keys: Counter):
        self.frequency, self.web_unigrams, self.bigrams = _web_counts()
        self.doc = doc_keys
        self.doc_total = max(sum(doc_keys.values()), 1)
        self.held_out: Counter = Counter()

    def cache_count(self, key: str) -> int:
        """Occurrences elsewhere in the article, minus one: a word must recur to vouch for
        itself, so one stray "Azerbaijanis" (or one glued token) elsewhere proves nothing."""
        n = self.doc.get(key)
        if not n:
            return 0
        return max(n - self.held_out.get(key, 0) - 1, 0)

    def _dictionary(self, key: str) -> float | None:
        freq = self.frequency.get(key)
        if freq is None and key.endswith(("'s", "'")):
            freq = self.frequency.get(key[: -2 if key.endswith("'s") else -1])
        return freq

    def known(self, key: str) -> bool:
        return key in self.frequency or self._dictionary(key) is not None or self.cache_count(key) > 0

    def unigram(self, key: str) -> float:
        freq = self._dictionary(key)
        if freq is not None:
            return freq
        return 10.0 ** -(UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(key))

    def logp(self, key: str, previous: str | None) -> float:
        web = _web_probability(key, previous)
        if web < 0:
            web = 10.0 ** -(UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(key)) * (BACKOFF if previous else 1.0)
        cache = self.cache_count(key) if key in self.doc else 0
        return math.log10((1 - CACHE_WEIGHT) * web + CACHE_WEIGHT * cache / self.doc_total)


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper()


@lru_cache(maxsize=200_000)
def _dictionary_cuts(key: str) -> tuple[tuple[str, str], ...]:
    """Ways to cut a word into two dictionary words (no single letters but "a" and "i")."""
    frequency = _web_counts()[0]
    return tuple(
        (key[:cut], key[cut:]) for cut in range(1, len(key))
        if key[:cut] in frequency and key[cut:] in frequency
        and (cut > 1 or key[0] in "ai") and (len(key) - cut > 1 or key[-1] in "ai")
    )


def _path_logp(words, previous, following, lm: _LanguageModel) -> float:
    total, last = 0.0, previous
    for word in words:
        total += lm.logp(word, last)
        last = word
    return total + (lm.logp(following, last) if following else 0.0)


def _suspects(tokens: list[str], lm: _LanguageModel) -> list[tuple[int, int]]:
    """Token ranges [i, j) whose spacing might be wrong and deserve a full comparison.

    Unknown and camel-case tokens always; a known token that splits into two known words, or
    two tokens that join into a known word, only when the language model (with context)
    already prefers the change before its cost: otherwise no damage rate could make it win.
    """
    found = []
    keys = [word_key(t) for t in tokens]
    context = [None, *keys, None]          # context[i] precedes token i, context[i + 2] follows it
    for i, (token, key) in enumerate(zip(tokens, keys)):
        if _is_acronym(token) or not key:
            continue
        lm.held_out = Counter([key])
        if _CAMEL.search(token) or not lm.known(key):
            found.append((i, i + 1))
            continue
        cuts = _dictionary_cuts(key)
        if cuts:
            whole = _path_logp([key], context[i], context[i + 2], lm)
            if any(_path_logp(pair, context[i], context[i + 2], lm) > whole for pair in cuts):
                found.append((i, i + 1))
    for i in range(len(tokens) - 1):
        merged = keys[i] + keys[i + 1]
        if _is_acronym(tokens[i]) or _is_acronym(tokens[i + 1]) or "'" in tokens[i]:
            continue
        if lm._dictionary(merged) is None:
            continue
        lm.held_out = Counter(keys[i:i + 2])
        if _path_logp([merged], context[i], context[i + 3], lm) > _path_logp(
            keys[i:i + 2], context[i], context[i + 3], lm
        ):
            found.append((i, i + 2))
    return found


def _windows(suspects, n_tokens: int) -> list[tuple[int, int]]:
    """Suspect ranges widened by one neighbour each side and merged when they touch."""
    merged: list[list[int]] = []
    for i, j in sorted(suspects):
        lo, hi = max(i - 1, 0), min(j + 1, n_tokens)
        if merged and lo < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [tuple(w) for w in merged]


def _layout(tokens):
    """Letters of the window, original space positions, camel-case positions, positions
    that may never take a space (inside acronyms, beside apostrophes), and the token index
    of every letter."""
    letters = "".join(tokens)
    original, locked, token_of, pos = set(), set(), [], 0
    for i, t in enumerate(tokens):
        if _is_acronym(t):
            locked.update(range(pos + 1, pos + len(t)))
        locked.update(pos + m.start() + d for m in re.finditer("'", t) for d in (0, 1))
        token_of.extend([i] * len(t))
        pos += len(t)
        original.add(pos)
    original.discard(pos)
    camel = {m.start() + 1 for m in _CAMEL.finditer(letters)} - original
    return letters, original, camel, locked, token_of


def _candidates(tokens, compound, following, lm: _LanguageModel):
    """For every start position, the words that may begin there: (end, word, key, flips).

    A word is a dictionary or cached word, or an original token / camel-case piece even if
    unknown; single letters other than "a"/"I" and short pieces of hyphenated compounds are
    never created, and nothing new may end the window just before punctuation.
    """
    letters, original, camel, locked, token_of = _layout(tokens)
    n = len(letters)
    typed = original | {0, n}
    edges = typed | camel
    by_start = []
    for start in range(n):
        options = []
        if letters[start] != "'":
            inside = 0
            for end in range(start + 1, min(n, start + MAX_WORD) + 1):
                if end - 1 > start and end - 1 in original:
                    inside += 1
                if end < n and end in locked:
                    continue
                word = letters[start:end]
                key = word_key(word)
                whole = start in edges and end in edges and not inside
                as_typed = whole and start in typed and end in typed
                if not as_typed and len(key) < 3 and (
                    (len(key) == 1 and key not in "ai")
                    or (end == n and following is None)
                    or compound[token_of[start]] or compound[token_of[end - 1]]
                ):
                    continue
                if not lm.known(key) and (not whole or _CAMEL.search(word)):
                    continue
                flips = inside + (end < n and end not in original and end not in camel)
                options.append((end, word, key, flips))
        by_start.append(options)
    return by_start


class _Window:
    """A run of suspect tokens with their context, prepared once for every EM round."""

    def __init__(self, tokens, offsets, compound, lo, hi, lm: _LanguageModel):
        self.tokens, self.offsets = tokens[lo:hi], offsets[lo:hi]
        self.previous = word_key(tokens[lo - 1]) if lo > 0 else None
        self.following = word_key(tokens[hi]) if hi < len(tokens) else None
        self.held_out = Counter(word_key(t) for t in self.tokens)
        lm.held_out = self.held_out
        self.candidates = _candidates(self.tokens, compound[lo:hi], self.following, lm)
        # Only the original spacing is possible when no alternative word exists anywhere.
        self.open = sum(map(len, self.candidates)) > len(self.tokens)


def _best_spacing(window: _Window, lm: _LanguageModel, flip_cost: float) -> list[str]:
    """Viterbi search over spacings of the window's letters; returns the word list."""
    lm.held_out = window.held_out
    by_start, following = window.candidates, window.following
    n = len(by_start)
    logp = lru_cache(maxsize=None)(lm.logp)
    states = {0: {window.previous: (0.0, None)}}
    for start in range(n):
        current = states.get(start)
        if not current:
            continue
        for last, (cost, _) in current.items():
            for end, word, key, flips in by_start[start]:
                total = cost - logp(key, last) + flips * flip_cost
                slot = states.setdefault(end, {})
                if key not in slot or total < slot[key][0]:
                    slot[key] = (total, (start, last, word))
    finals = states.get(n)
    if not finals:          # no spacing passes the rules: keep the text as typed
        return list(window.tokens)
    best_key = min(finals, key=lambda k: finals[k][0] - (logp(following, k) if following else 0.0))
    words, pos, key = [], n, best_key
    while pos > 0:
        _, (start, last, word) = states[pos][key]
        words.append(word)
        pos, key = start, last
    return words[::-1]


def _diff(tokens, offsets, words):
    """Minimal (start, end, new, rule) edits turning the original tokens into `words`,
    and the number of spaces added or removed."""
    def cuts(parts):
        out, pos = set(), 0
        for p in parts[:-1]:
            pos += len(p)
            out.add(pos)
        return out

    old, new = cuts(tokens), cuts(words)
    if old == new:
        return [], 0
    letters = "".join(tokens)
    char_offset, pos = [], 0
    for token, offset in zip(tokens, offsets):
        char_offset.extend(range(offset, offset + len(token)))
    common = sorted((old & new) | {0, len(letters)})
    edits = []
    for lo, hi in zip(common, common[1:]):
        added, removed = (new - old) & set(range(lo + 1, hi)), (old - new) & set(range(lo + 1, hi))
        if not added and not removed:
            continue
        rule = "shifted_boundary" if added and removed else "glued_words" if added else "split_word"
        spaced = "".join(
            (" " if p in new else "") + ch for p, ch in enumerate(letters[lo:hi], start=lo)
        ).lstrip()
        edits.append((char_offset[lo], char_offset[hi - 1] + 1, spaced, rule))
    return edits, len(old ^ new)


def _chunks(text: str):
    """Runs of words separated by single spaces, as (tokens, offsets, touches-a-hyphen flags)."""
    for m in _CHUNK.finditer(text):
        toks = list(_TOKEN_RE.finditer(m.group()))
        offsets = [m.start() + t.start() for t in toks]
        compound = [
            (o > 0 and text[o - 1] == "-") or (o + len(t.group()) < len(text) and text[o + len(t.group())] == "-")
            for t, o in zip(toks, offsets)
        ]
        yield [t.group() for t in toks], offsets, compound


def repair_word_boundaries(text: str) -> list[tuple[int, int, str, str]]:
    """Edits (start, end, replacement, rule) that fix word boundaries in `text`.

    Rules: "glued_words", "split_word" and "shifted_boundary" (see module docstring).
    """
    chunks = list(_chunks(text))
    if not chunks:
        return []
    lm = _LanguageModel(Counter(word_key(t) for tokens, _, _ in chunks for t in tokens))
    n_letters = sum(len(t) for tokens, _, _ in chunks for t in tokens)
    windows = [
        _Window(tokens, offsets, compound, lo, hi, lm)
        for tokens, offsets, compound in chunks
        for lo, hi in _windows(_suspects(tokens, lm), len(tokens))
    ]
    windows = [w for w in windows if w.open]

    rate = PRIOR_DAMAGED / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)   # "no damage seen yet"
    edits: list = []
    for _ in range(MAX_ITER):
        flip_cost = -math.log10(rate / (1 - rate))
        edits, flips = [], 0
        for window in windows:
            found, n_flips = _diff(window.tokens, window.offsets, _best_spacing(window, lm, flip_cost))
            edits.extend(found)
            flips += n_flips
        new_rate = (flips + PRIOR_DAMAGED) / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)
        if abs(math.log(new_rate / rate)) < 0.05:
            break
        rate = new_rate
    return edits

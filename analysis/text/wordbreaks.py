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

Repair runs only where there is evidence of damage (`damage_signs`): an unknown word in
lower case ("wasgreeted", the fragment "mbarked"), a case change inside a word, or a
capitalised unknown word that splits into common words ("Uponarrival"). An article with no
such sign gets no word-boundary edits at all, and costs little more than one dictionary
look-up per word. A capitalised unknown word that does not split into common words
("Overchuk": "chuk" is no common word) is a name: it is never a reason to search, so it
stays whole unless a damaged neighbour shares its letters ("Putine mbarked").

A run of more than MAX_TOKEN letters without a space (a hash, or text glued beyond repair)
is left as typed and reported (`RepairPlan.capped`), so the search stays linear in the
length of the text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

# Tuned on the seed corpus; changing them changes which repairs are made (tests guard this).
BACKOFF = 0.4              # stupid-backoff weight for an unseen bigram (Brants et al. 2007)
CACHE_WEIGHT = 0.1         # share of probability from the article's own word counts
UNKNOWN_BASE = 8.0         # log10 penalty of an unknown word ...
UNKNOWN_PER_CHAR = 0.75    # ... plus this per character (English spelling: ~2.5 bits/letter)
PRIOR_DAMAGED, PRIOR_INTACT = 1.0, 2000.0   # Beta prior on the damage rate: ~1 error per 2000 letters
MAX_WORD = 24
MAX_ITER = 4
MAX_TOKEN = 48             # longer runs of letters are not searched (the seeds' longest glued run: 23)
# A piece of a capitalised unknown word is a common word when its Zipf frequency (log10 of
# uses per billion words) reaches this for its length: short strings are in the dictionary
# as abbreviations and name parts ("chuk" 1.7, "ov" 3.0, "ran" 4.9), so they must be far
# more common to count ("sea" 5.1, "is" 7.1); long ones rarely are ("aliyev" 2.4).
PIECE_ZIPF = {1: 6.0, 2: 6.0, 3: 5.0, 4: 3.5, 5: 3.5}
LONG_PIECE_ZIPF = 2.0
_SMALLEST_PROBABILITY = 1e-300    # keeps log10 finite for any length

_LETTERS = r"[^\W\d_]"
_TOKEN = rf"{_LETTERS}+(?:'{_LETTERS}+)*'?"
_CHUNK = re.compile(rf"(?<![\w']){_TOKEN}(?: {_TOKEN})*(?!\w)")
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
def _dictionary_frequency(key: str) -> float | None:
    """The word's frequency, or its stem's for a possessive ("russia's", "putins'"); None
    for a word the dictionary does not know."""
    frequency = _web_counts()[0]
    freq = frequency.get(key)
    if freq is None and key.endswith(("'s", "'")):
        freq = frequency.get(key[: -2 if key.endswith("'s") else -1])
    return freq


@lru_cache(maxsize=1_000_000)
def _web_probability(key: str, previous: str | None) -> float:
    """P(key | previous) from the web tables with stupid backoff; -1 for an unknown word."""
    _, web_unigrams, bigrams = _web_counts()
    if previous is not None:
        prev = _bigram_key(previous)
        pair = bigrams.get(f"{prev} {_bigram_key(key)}")
        if pair is not None and prev in web_unigrams:
            return pair / web_unigrams[prev]
    freq = _dictionary_frequency(key)
    if freq is None:
        return -1.0
    return freq * (BACKOFF if previous is not None else 1.0)


@lru_cache(maxsize=None)
def _unknown_probability(length: int) -> float:
    return max(10.0 ** -(UNKNOWN_BASE + UNKNOWN_PER_CHAR * length), _SMALLEST_PROBABILITY)


@lru_cache(maxsize=1)
def _bigram_summary() -> tuple[dict[str, float], dict[str, float], set[str], set[str]]:
    """One pass over the bigrams `_web_probability` can use: each word's highest and lowest
    probability after any word, and the words they start and end with. Any other pair of
    words gets the backoff probability, which needs no table lookup (most pairs)."""
    _, web_unigrams, bigrams = _web_counts()
    best: dict[str, float] = {}
    worst: dict[str, float] = {}
    starters, enders = set(), set()
    for pair, count in bigrams.items():
        prev, _, word = pair.partition(" ")
        if prev in web_unigrams:
            starters.add(prev)
            enders.add(word)
            probability = count / web_unigrams[prev] if web_unigrams[prev] else 0.0
            best[word] = max(best.get(word, 0.0), probability)
            worst[word] = min(worst.get(word, math.inf), probability)
    return best, worst, starters, enders


@lru_cache(maxsize=200_000)
def _plain_context(previous: str | None) -> bool:
    """Whether no bigram starts with `previous` (a word, not None): then every word's web
    probability after it is its backoff probability."""
    return bool(previous) and _bigram_key(previous) not in _bigram_summary()[2]


@lru_cache(maxsize=200_000)
def _backoff_web(key: str) -> float:
    """_smoothed(key, previous) when no bigram links `previous` (a word) to `key`."""
    freq = _dictionary_frequency(key)
    return (_unknown_probability(len(key)) if freq is None else freq) * BACKOFF


def _smoothed(key: str, previous: str | None) -> float:
    """The web probability, or the unknown-word penalty where the web tables have nothing."""
    if previous:
        _, _, starters, enders = _bigram_summary()
        if _bigram_key(previous) not in starters or _bigram_key(key) not in enders:
            return _backoff_web(key)        # no bigram can apply: skip the table lookup
    web = _web_probability(key, previous)
    if web < 0:
        web = _unknown_probability(len(key)) * (BACKOFF if previous else 1.0)
    return web


def _log_mixture(web: float, cache: int = 0, total: int = 1) -> float:
    """log10 of the model's mixture of the web probability and the article's cache share
    (cache occurrences of the word among the article's total words)."""
    return math.log10(max((1 - CACHE_WEIGHT) * web + CACHE_WEIGHT * cache / total, _SMALLEST_PROBABILITY))


@lru_cache(maxsize=1_000_000)
def _uncached_logp(key: str, previous: str | None) -> float:
    """log P(key | previous) when the article's cache adds nothing: the same in every
    article, so it is worth keeping across articles. (Adding the cache's 0.0 is exact.)"""
    return _log_mixture(_smoothed(key, previous))


@lru_cache(maxsize=200_000)
def _backoff_logp(key: str) -> float:
    """_uncached_logp(key, previous) when no bigram links `previous` (a word) to `key`."""
    return _log_mixture(_backoff_web(key))


# Bounds on log P that hold in any context and with any cache share, so that `_suspects`
# can dismiss most changes without computing their exact probabilities.

@lru_cache(maxsize=200_000)
def _web_ceiling(key: str) -> float:
    """An upper bound on _smoothed(key, previous) over every previous word."""
    freq = _dictionary_frequency(key)
    unigram = _unknown_probability(len(key)) if freq is None else freq
    return max(_bigram_summary()[0].get(_bigram_key(key), 0.0), unigram)


@lru_cache(maxsize=200_000)
def _uncached_ceiling(key: str) -> float:
    """`_LanguageModel.ceiling` for a word the article's cache cannot vouch for."""
    return _log_mixture(_web_ceiling(key))


@lru_cache(maxsize=200_000)
def _logp_floor(key: str) -> float:
    """A lower bound on logp(key, previous) over every previous word (the cache only adds)."""
    lowest = min(_backoff_web(key), _bigram_summary()[1].get(_bigram_key(key), math.inf))
    return _log_mixture(lowest) if lowest > 0 else -math.inf


class _LanguageModel:
    """Bigram model with backoff, mixed with a leave-one-out cache of the article's words."""

    def __init__(self, doc_keys: Counter):
        self.frequency, self.web_unigrams, self.bigrams = _web_counts()
        self.doc = doc_keys
        self.doc_total = max(sum(doc_keys.values()), 1)
        self.held_out: dict = {}
        # Only a word seen twice can get anything from the cache (see cache_count).
        self.recurring = {key for key, n in doc_keys.items() if n > 1}
        self.cached_prefixes = {
            key[:end] for key in self.recurring if key not in self.frequency
            for end in range(1, len(key) + 1)
        }
        self._ceilings: dict = {}

    def cache_count(self, key: str) -> int:
        """Occurrences elsewhere in the article, minus one: a word must recur to vouch for
        itself, so one stray "Azerbaijanis" (or one glued token) elsewhere proves nothing."""
        n = self.doc.get(key)
        if not n:
            return 0
        return max(n - self.held_out.get(key, 0) - 1, 0)

    def known(self, key: str) -> bool:
        if key in self.frequency:
            return True
        n = self.doc.get(key)
        if n and n - self.held_out.get(key, 0) - 1 > 0:
            return True
        return key.endswith(("'s", "'")) and _dictionary_frequency(key) is not None

    def ceiling(self, key: str) -> float:
        """An upper bound on logp(key, anything), whatever is held out."""
        if key not in self.recurring:
            return _uncached_ceiling(key)
        bound = self._ceilings.get(key)
        if bound is None:
            cache = self.doc[key] - 1
            bound = self._ceilings[key] = _log_mixture(_web_ceiling(key), cache, self.doc_total)
        return bound

    def logp(self, key: str, previous: str | None) -> float:
        n = self.doc.get(key)
        if n:
            cache = n - self.held_out.get(key, 0) - 1
            if cache > 0:
                return _log_mixture(_smoothed(key, previous), cache, self.doc_total)
        return _uncached_logp(key, previous)


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper()


@lru_cache(maxsize=200_000)
def _is_common_piece(piece: str) -> bool:
    """A dictionary word frequent enough for its length (PIECE_ZIPF) to count as a common
    word; a possessive counts as its stem ("russia's")."""
    if len(piece) == 1 and piece not in "ai":
        return False
    freq = _dictionary_frequency(piece)
    stem = piece[: -2 if piece.endswith("'s") else -1] if piece.endswith(("'s", "'")) else piece
    return freq is not None and math.log10(freq) + 9 >= PIECE_ZIPF.get(len(stem), LONG_PIECE_ZIPF)


@lru_cache(maxsize=200_000)
def _splits_into_common_words(key: str) -> bool:
    return _splits_into_words(key, None)


def _splits_into_words(key: str, article=None) -> bool:
    """Whether `key` cuts into two or more pieces, each a common word or a word of three
    letters or more that the article (`article`, its word counts) uses on its own: "upon" +
    "arrival", "soltan" + "mentioned", "aliyev" + "emphasized" + "during"; not "over" +
    "chuk". (A repair adds words to an article, so repair runs until nothing changes.)"""
    if article is not None and _splits_into_common_words(key):
        return True
    n = len(key)
    reach = [True] + [False] * n
    for i in range(n):
        if not reach[i]:
            continue
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            if reach[j] or (i == 0 and j == n):
                continue
            piece = key[i:j]
            if _is_common_piece(piece) or (article is not None and j - i > 2 and article.get(piece)):
                reach[j] = True
    return reach[n]


def _unknown(key: str, doc: Counter) -> bool:
    """Not in the dictionary, and not repeated enough in the article (three times) to vouch
    for itself: the tokens `_suspects` always examines."""
    return _dictionary_frequency(key) is None and doc.get(key, 0) <= 2


def _is_name(token: str, doc: Counter) -> bool:
    """A capitalised unknown word that does not split into common words (or words the
    article uses): a name such as "Overchuk", never a sign of damage, never cut in two."""
    return (token[:1].isupper() and not _is_acronym(token) and not _CAMEL.search(token)
            and _unknown(word_key(token), doc) and not _splits_into_words(word_key(token), doc))


def _joins_a_word(keys: list[str], tokens: list[str], i: int) -> bool:
    """Whether token i joined to a neighbour makes a common word ("ha ve", "Mosco w"), or, for
    a token the dictionary lacks, common words ("Uponarri val")."""
    unknown = _dictionary_frequency(keys[i]) is None
    for a, b in ((i - 1, i), (i, i + 1)):
        if 0 <= a and b < len(keys) and not _is_acronym(tokens[a]) and not _is_acronym(tokens[b]) \
                and "'" not in tokens[a]:
            merged = keys[a] + keys[b]
            if _is_common_piece(merged) or (unknown and _splits_into_common_words(merged)):
                return True
    return False


def damage_signs(tokens, doc: Counter) -> list[int]:
    """Indices of tokens that show word-boundary damage: a case change inside a word
    ("withRussia"); an unknown word in lower case ("wasgreeted"); a rare word that splits into
    common words ("overthe", "hasin"); a capitalised unknown word that splits into common
    words or words the article uses ("Uponarrival", "Soltanmentioned"); and a fragment that
    is no common word but makes one with its neighbour ("ha ve", "Mosco w"). `doc` counts the article's word keys; a word it repeats three times
    vouches for itself."""
    keys = [word_key(t) for t in tokens]
    signs = []
    for i, (token, key) in enumerate(zip(tokens, keys)):
        if _is_acronym(token):
            continue
        if _CAMEL.search(token):
            signs.append(i)
            continue
        if _is_common_piece(key) or doc.get(key, 0) > 2:
            continue
        known = _dictionary_frequency(key) is not None
        if token[:1].isupper():
            damaged = (not known and _splits_into_words(key, doc)) or _joins_a_word(keys, tokens, i)
        else:
            damaged = not known or _splits_into_common_words(key) or _joins_a_word(keys, tokens, i)
        if damaged:
            signs.append(i)
    return signs


@lru_cache(maxsize=200_000)
def _dictionary_cuts(key: str) -> tuple[tuple[str, str], ...]:
    """Ways to cut a word into two dictionary words (no single letters but "a" and "i")."""
    frequency = _web_counts()[0]
    return tuple(
        (key[:cut], key[cut:]) for cut in range(1, len(key))
        if key[:cut] in frequency and key[cut:] in frequency
        and (cut > 1 or key[0] in "ai") and (len(key) - cut > 1 or key[-1] in "ai")
    )


class _Facts(NamedTuple):
    """What `_suspects` asks of a token that does not depend on the article. Ceilings are
    those of words the article's cache does not vouch for."""
    key: str
    acronym: bool
    camel: bool                 # a lower-to-upper case change inside
    in_dictionary: bool
    cuts: tuple                 # (a, b, ceiling of a, ceiling of b) per dictionary cut
    cut_words: frozenset
    cut_ceiling: float | None   # the highest ceiling of a cut
    ceiling: float
    floor: float


@lru_cache(maxsize=200_000)
def _token_facts(token: str) -> _Facts:
    key = word_key(token)
    in_dictionary = _dictionary_frequency(key) is not None
    cuts = tuple((a, b, _uncached_ceiling(a), _uncached_ceiling(b)) for a, b in _dictionary_cuts(key))
    return _Facts(
        key, _is_acronym(token), bool(_CAMEL.search(token)), in_dictionary, cuts,
        frozenset(word for cut in cuts for word in cut[:2]),
        max(ceiling_a + ceiling_b for _, _, ceiling_a, ceiling_b in cuts) if cuts else None,
        _uncached_ceiling(key), _logp_floor(key),
    )


@lru_cache(maxsize=1)
def _sorted_words() -> list[str]:
    return sorted(_web_counts()[0])


@lru_cache(maxsize=200_000)
def _starts_a_word(prefix: str) -> bool:
    """Whether some dictionary word begins with (or is) `prefix`: if not, no longer stretch
    of the same letters can be a dictionary word either."""
    words = _sorted_words()
    i = bisect_left(words, prefix)
    return i < len(words) and words[i].startswith(prefix)


def _path_logp(words, previous, following, logp) -> float:
    total, last = 0.0, previous
    for word in words:
        total += logp(word, last)
        last = word
    return total + (logp(following, last) if following else 0.0)


def _cut_wins(previous, key, following, cuts, cut_ceiling, following_ceiling, lowest,
              lm: _LanguageModel) -> bool:
    """Whether some dictionary cut (a, b) of `key` beats the whole word in this context
    (`_path_logp` written out, same sums in the same order). `cuts` and `cut_ceiling` as in
    `_Facts` (cut_ceiling None when the article's cache may raise it), `following_ceiling`
    bounds logp(following, anything), `lowest` is a floor for the whole word's sum.

    Most cuts lose clearly: even with a, b and the following word at their most probable,
    in any context, the cut stays below a floor of the whole word: first one valid in any
    context, then the whole word without the cache's share. Only the others need the exact
    sums. (The 1e-9 margin is far above rounding error.)
    """
    if cut_ceiling is not None and cut_ceiling < lowest - 1e-9 - following_ceiling:
        return False
    floor = _uncached_logp(key, previous) + (_uncached_logp(following, key) if following else 0.0)
    below_floor = floor - 1e-9 - following_ceiling
    if cut_ceiling is not None and cut_ceiling < below_floor:
        return False
    logp, recurring = lm.logp, lm.recurring
    whole = hopeless = None
    for a, b, ceiling_a, ceiling_b in cuts:
        if a in recurring:
            ceiling_a = lm.ceiling(a)
        if b in recurring:
            ceiling_b = lm.ceiling(b)
        if ceiling_a + ceiling_b < below_floor:
            continue
        if whole is None:
            whole = 0.0 + logp(key, previous) + (logp(following, key) if following else 0.0)
            hopeless = whole - 1e-9 - following_ceiling
        if ceiling_a + ceiling_b < hopeless:
            continue
        first = 0.0 + logp(a, previous)
        if first + ceiling_b < hopeless:
            continue
        if first + logp(b, a) + (logp(following, b) if following else 0.0) > whole:
            return True
    return False


def _suspects(tokens: list[str], lm: _LanguageModel) -> list[tuple[int, int]]:
    """Token ranges [i, j) whose spacing might be wrong and deserve a full comparison.

    Unknown and camel-case tokens always; a known token that splits into two known words, or
    two tokens that join into a known word, only when the language model (with context)
    already prefers the change before its cost: otherwise no damage rate could make it win.
    """
    found = []
    facts = [_token_facts(t) for t in tokens]
    keys = [f.key for f in facts]
    context = [None, *keys, None]          # context[i] precedes token i, context[i + 2] follows it
    recurring = lm.recurring
    for i, (key, acronym, camel, in_dictionary, cuts, cut_words, cut_ceiling, _, floor) in enumerate(
        facts
    ):
        if acronym or not key:
            continue
        # lm.known(key) with the token itself held out of the cache
        if camel or not (in_dictionary or lm.doc.get(key, 0) > 2):
            if camel or not tokens[i][:1].isupper() or _splits_into_words(key, lm.doc) or \
                    _joins_a_word(keys, tokens, i):
                found.append((i, i + 1))        # a name alone is no reason to search
            continue
        if cuts:
            # The ceilings in the token facts hold unless the article's cache raises them.
            if not recurring.isdisjoint(cut_words):
                cut_ceiling = None          # the article's cache may raise it
            following = context[i + 2]
            if following is None:
                following_ceiling = lowest = 0.0
            else:
                following_ceiling = (
                    lm.ceiling(following) if following in recurring else facts[i + 1].ceiling
                )
                lowest = facts[i + 1].floor
            lowest += floor
            lm.held_out = {key: 1}
            if _cut_wins(context[i], key, following, cuts, cut_ceiling, following_ceiling, lowest, lm):
                found.append((i, i + 1))
    frequency = lm.frequency
    for i in range(len(tokens) - 1):
        merged = keys[i] + keys[i + 1]
        if merged not in frequency and (
            not merged.endswith(("'s", "'")) or _dictionary_frequency(merged) is None
        ):
            continue
        if facts[i].acronym or facts[i + 1].acronym or "'" in tokens[i]:
            continue
        previous, following = context[i], context[i + 3]
        # As for cuts: clearly hopeless merges need no exact comparison.
        if lm.ceiling(merged) + (lm.ceiling(following) if following else 0.0) < _path_logp(
            keys[i:i + 2], previous, following, _uncached_logp
        ) - 1e-9:
            continue
        lm.held_out = held = {keys[i]: 1}
        held[keys[i + 1]] = held.get(keys[i + 1], 0) + 1
        if _path_logp((merged,), previous, following, lm.logp) > _path_logp(
            keys[i:i + 2], previous, following, lm.logp
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
        if "'" in t:
            locked.update(pos + m.start() + d for m in re.finditer("'", t) for d in (0, 1))
        token_of.extend([i] * len(t))
        pos += len(t)
        original.add(pos)
    original.discard(pos)
    camel = {m.start() + 1 for m in _CAMEL.finditer(letters)} - original
    return letters, original, camel, locked, token_of


def _candidates(tokens, compound, following, lm: _LanguageModel):
    """For every start position, the words that may begin there: (end, word, key, flips);
    and how many words there are in all.

    A word is a dictionary or cached word, or an original token / camel-case piece even if
    unknown; single letters other than "a"/"I" and short pieces of hyphenated compounds are
    never created, and nothing new may end the window just before punctuation. A word after
    which no word sequence reaches the window's end is counted but not listed: no spacing
    can use it. (Scanning from the end finds those.) A word that starts inside a name
    (`_is_name`; a token, or a piece of one after a case change) must run past the name's
    end: a name's last letters may join the next word ("Putine mbarked"), but the name is
    never cut into two words ("Over chuk", "thatLanka ran").
    """
    letters, original, camel, locked, token_of = _layout(tokens)
    n = len(letters)
    name_end, pos = {}, 0
    for token in tokens:
        cuts = [0, *(m.start() + 1 for m in _CAMEL.finditer(token)), len(token)]
        for a, b in zip(cuts, cuts[1:]):            # a token, or each piece of "thatLankaran"
            if _is_name(token[a:b], lm.doc):
                name_end.update((p, pos + b) for p in range(pos + a + 1, pos + b))
        pos += len(token)
    typed = original | {0, n}
    edges = typed | camel
    # Lower-casing ASCII maps letter to letter, so keys can be sliced from one lowered copy,
    # and a key that begins no known word ends the scan for longer ones from that start.
    lowered = letters.lower() if letters.isascii() else None
    frequency, known, cached_prefixes = lm.frequency, lm.known, lm.cached_prefixes
    locked.discard(n)                       # the window's end is always a boundary
    adds_space = [end < n and end not in original and end not in camel for end in range(n + 1)]
    by_start, count = [None] * n, 0
    completes = [False] * n + [True]        # positions from which a word sequence reaches n
    for start in range(n - 1, -1, -1):
        options = []
        if letters[start] != "'":
            inside, extendable = 0, True
            start_edge, start_typed = start in edges, start in typed
            inside_name_until = name_end.get(start, start)
            for end in range(start + 1, min(n, start + MAX_WORD) + 1):
                if end <= inside_name_until:
                    continue
                if end - 1 in original and end - 1 > start:
                    inside += 1
                if not extendable and (inside or not start_edge):
                    break           # only known words remain possible, and there are none
                if end in locked:
                    continue
                word = letters[start:end]
                if lowered is None:
                    key = word_key(word)
                    length = len(key)
                else:
                    key, length = lowered[start:end], end - start
                    if extendable and key not in frequency and "'" not in key:
                        extendable = _starts_a_word(key) or key in cached_prefixes
                whole = start_edge and not inside and end in edges
                if length < 3 and not (whole and start_typed and end in typed) and (
                    (length == 1 and key not in "ai")
                    or (end == n and following is None)
                    or compound[token_of[start]] or compound[token_of[end - 1]]
                ):
                    continue
                if (not whole or _CAMEL.search(word)) and (
                    key not in frequency and not (extendable and known(key))
                ):
                    continue
                count += 1
                if completes[end]:
                    options.append((end, word, key, inside + adds_space[end]))
        by_start[start] = options
        completes[start] = bool(options)
    return by_start, count


class _Window:
    """A run of suspect tokens with their context, prepared once for every EM round."""

    def __init__(self, tokens, offsets, compound, lo, hi, lm: _LanguageModel):
        self.tokens, self.offsets = tokens[lo:hi], offsets[lo:hi]
        self.previous = word_key(tokens[lo - 1]) if lo > 0 else None
        self.following = word_key(tokens[hi]) if hi < len(tokens) else None
        self.held_out = Counter(map(word_key, self.tokens))
        lm.held_out = self.held_out
        candidates, count = _candidates(self.tokens, compound[lo:hi], self.following, lm)
        # Only the original spacing is possible when no alternative word exists anywhere.
        self.open = count > len(self.tokens)
        if self.open:
            self.plan, self.finals, self.n_states = _lattice(self, candidates, lm)
        self.words = self.diff = None


class _LogpRow(dict):
    """_uncached_logp(key, previous) by key, for one `previous`: the lattice looks up many
    keys after one word, and a dict does that fastest. Filled on demand, up to `limit` keys."""

    def __init__(self, logp, limit: int):
        super().__init__()
        self.logp, self.limit = logp, limit

    def __missing__(self, key):
        value = self.logp(key)
        if len(self) < self.limit:
            self[key] = value
        return value


# The one row for every previous word no bigram starts with: backoff log P.
_BACKOFF_ROW = _LogpRow(_backoff_logp, 200_000)


@lru_cache(maxsize=2048)
def _logp_row(previous) -> dict:
    if _plain_context(previous):
        return _BACKOFF_ROW
    return _LogpRow(lambda key: _log_mixture(_smoothed(key, previous)), 512)


def _lattice(window: _Window, candidates, lm: _LanguageModel):
    """The search graph of `_best_spacing`, with its language-model costs.

    A state is (position, last word), numbered in order of discovery. Only the spacing cost
    changes between EM rounds, so the log-probabilities are computed once, here. Returns,
    per position in order, its states (in order of discovery), the moves from there
    [(target, flips, word)] and log P of every move from every state, one state after the
    other; then the final states with the log-probability of the word after the window, and
    the number of states. Words after which no spacing reaches the end are not candidates,
    so no state is a dead end.
    """
    lm.held_out = window.held_out
    n = len(candidates)
    ids = [{} for _ in range(n + 1)]        # position -> {last word: state}, in order of discovery
    ids[0][window.previous] = 0
    count = 1
    recurring, cache_count, logp = lm.recurring, lm.cache_count, lm.logp
    plan = []
    for start in range(n):
        if not ids[start]:
            continue
        moves, keys, vouched = [], [], []
        for end, word, key, flips in candidates[start]:
            slot = ids[end]
            target = slot.get(key)
            if target is None:
                target = slot[key] = count
                count += 1
            # Words the article's cache vouches for need the article's model; the rest do not.
            if key in recurring and cache_count(key) > 0:
                vouched.append((len(keys), key))
            moves.append((target, flips, word))
            keys.append(key)
        logps = []
        for last in ids[start]:
            offset = len(logps)
            logps.extend(map(_logp_row(last).__getitem__, keys))
            for i, key in vouched:
                logps[offset + i] = logp(key, last)
        plan.append((tuple(ids[start].values()), moves, logps))
    following = window.following
    finals = [(state, lm.logp(following, key) if following else 0.0) for key, state in ids[n].items()]
    return plan, finals, count


def _best_spacing(window: _Window, step: list[float]) -> list[str]:
    """Viterbi search over spacings of the window's letters; returns the word list.

    step[flips] is flips * flip_cost. States are relaxed in the order a plain search over
    the candidates visits them, sums keep the order cost - log P + flips * flip_cost, and
    the first of equal costs wins, so ties resolve exactly as in such a search.
    """
    if not window.finals:       # no spacing passes the rules: keep the text as typed
        return list(window.tokens)
    cost = [math.inf] * window.n_states
    cost[0] = 0.0
    back, via = [0] * window.n_states, [""] * window.n_states
    for states, moves, logps in window.plan:
        remaining = iter(logps)             # len(moves) of them for each state in turn
        for state in states:
            current = cost[state]
            for (target, flips, word), logp in zip(moves, remaining):
                total = current - logp + step[flips]
                if total < cost[target]:
                    cost[target] = total
                    back[target], via[target] = state, word
    best, best_total = None, math.inf
    for state, following_logp in window.finals:
        total = cost[state] - following_logp
        if best is None or total < best_total:
            best, best_total = state, total
    words = []
    while best:
        words.append(via[best])
        best = back[best]
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
    char_offset = []
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


class RepairPlan(NamedTuple):
    """What word-boundary repair proposes for a text: `edits` (start, end, replacement, rule)
    and `capped`, the (start, end) spans of letter runs longer than MAX_TOKEN that were not
    searched."""
    edits: list
    capped: list


def _chunks(text: str, capped: list):
    """Runs of words separated by single spaces, as (tokens, offsets, touches-a-hyphen flags).

    A chunk is tokens joined by single spaces, so splitting it on spaces gives its tokens. A
    token longer than MAX_TOKEN ends its chunk and is added to `capped` as (start, end)."""
    for m in _CHUNK.finditer(text):
        tokens = m.group().split(" ")
        if m.end() - m.start() <= MAX_TOKEN:            # no token can be too long: one piece
            start, end = m.span()
            offsets, pos = [], start
            for t in tokens:
                offsets.append(pos)
                pos += len(t) + 1
            compound = [False] * len(tokens)
            compound[0] = start > 0 and text[start - 1] == "-"
            compound[-1] = compound[-1] or (end < len(text) and text[end] == "-")
            yield tokens, offsets, compound
            continue
        pieces, current, pos = [], [], m.start()
        for t in tokens:
            if len(t) > MAX_TOKEN:
                capped.append((pos, pos + len(t)))
                if current:
                    pieces.append(current)
                current = []
            else:
                current.append((t, pos))
            pos += len(t) + 1
        if current:
            pieces.append(current)
        for piece in pieces:
            first, last = piece[0][1], piece[-1][1] + len(piece[-1][0])
            # Inner tokens sit between spaces: only the chunk's ends can touch a hyphen.
            compound = [False] * len(piece)
            compound[0] = first > 0 and text[first - 1] == "-"
            compound[-1] = compound[-1] or (last < len(text) and text[last] == "-")
            yield [t for t, _ in piece], [p for _, p in piece], compound


def plan_word_repairs(text: str) -> RepairPlan:
    """Word-boundary edits for `text`, and the letter runs too long to search.

    Rules: "glued_words", "split_word" and "shifted_boundary" (see module docstring). An
    article without `damage_signs` gets no edits."""
    capped: list = []
    chunks = list(_chunks(text, capped))
    if not chunks:
        return RepairPlan([], capped)
    doc = Counter(map(word_key, chain.from_iterable(tokens for tokens, _, _ in chunks)))
    if not any(damage_signs(tokens, doc) for tokens, _, _ in chunks):
        return RepairPlan([], capped)
    lm = _LanguageModel(doc)
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
        step = [flips * flip_cost for flips in range(MAX_WORD + 1)]
        edits, flips = [], 0
        for window in windows:
            words = _best_spacing(window, step)
            if words != window.words:
                window.words, window.diff = words, _diff(window.tokens, window.offsets, words)
            found, n_flips = window.diff
            edits.extend(found)
            flips += n_flips
        new_rate = (flips + PRIOR_DAMAGED) / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)
        if abs(math.log(new_rate / rate)) < 0.05:
            break
        rate = new_rate
    return RepairPlan(edits, capped)


def repair_word_boundaries(text: str) -> list[tuple[int, int, str, str]]:
    """Edits (start, end, replacement, rule) that fix word boundaries in `text`.

    Rules: "glued_words", "split_word" and "shifted_boundary" (see module docstring).
    """
    return plan_word_repairs(text).edits

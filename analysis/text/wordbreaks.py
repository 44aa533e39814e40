"""Repair word-boundary damage (glued, split and shifted words) with a noisy-channel model.

The model
---------
A scrape that damages spaces keeps the letters, so for a short window of words we keep the
letters and choose where the spaces go: of the spacings W of the window's letters, the one
that maximises (a noisy channel; Kernighan, Church & Gale 1990)

    log10 P(W)          a bigram language model (below), including the word after the window
  + log10 P(T | W)      the channel: each space added to or removed from the typed text T
                        adds log10(r / (1 - r)), where r is the article's damage rate.

The language model, P(word | previous word), mixes two sources:

- the web: bigram counts and their unigram denominators from the Google Web Trillion Word
  Corpus (Brants & Franz 2006), as shipped with `wordsegment` (Norvig 2009), with stupid
  backoff (Brants et al. 2007): an unseen pair gets BACKOFF times the word's unigram
  frequency, taken from `wordfreq`'s "large" English list (Speer 2022), a possessive
  ("russia's") by its stem; a word neither table knows gets
  10^-(UNKNOWN_BASE + UNKNOWN_PER_CHAR * length), floored at 1e-300 so that log P stays
  finite for any length;
- the article itself, a cache model (Kuhn & De Mori 1990): with weight CACHE_WEIGHT, the
  word's share of the article's words, so the names an article repeats ("Prikhodko",
  "Soltan") count as words. The words being re-spaced are held out of the cache, and a word
  must occur once more than that to count (a word must recur to vouch for itself).

The damage rate r is re-estimated from the article by hard EM (Dempster, Laird & Rubin
1977): r starts as "no damage seen yet", PRIOR_DAMAGED / (letters + PRIOR_DAMAGED +
PRIOR_INTACT) (a Beta prior of about one damaged space per 2,000 letters); every window is
repaired with it; r becomes (spaces changed + PRIOR_DAMAGED) / (letters + PRIOR_DAMAGED +
PRIOR_INTACT); and so on until r moves by less than about 5% (at most MAX_ITER rounds). The
edits are those of the last round. A heavily damaged article makes the next repair cheap; a
clean one needs overwhelming evidence, which is what keeps "Azerbaijanis" in one article and
splits "Azerbaijanis free" into "Azerbaijan is free" in another.

The rules
---------
- The gate (`damage_signs`): repair runs only in an article with a sign of damage: a case
  change inside a word ("withRussia"), an unknown word in lower case ("wasgreeted", the
  fragment "mbarked"), a rare word that splits into common words ("overthe"), a capitalised
  unknown word that splits into common words or words the article uses ("Uponarrival"), or a
  fragment that makes a common word with its neighbour ("ha ve"). "Common" is a Zipf
  frequency (van Heuven et al. 2014) of at least PIECE_ZIPF for the word's length. An article
  without a sign gets no edits and costs little more than one dictionary look-up per word.
- The name rule: a capitalised unknown word that does not split into common words or words
  the article uses ("Overchuk": "chuk" is no common word) is a name. It is no sign of
  damage, and it is never cut in two; its last letters may still join the next word when
  that word is damaged ("Putine mbarked").
- Only suspect tokens are searched (`_suspects`), each in a window with one neighbour each
  side: camel-case and unknown tokens, and known tokens or pairs of tokens where the
  language model in context already prefers a cut or a join before the channel's cost.
- Acronyms and apostrophes are never split, numbers and hyphens are never crossed, single
  letters other than "a" and "I" are never created, no new two-letter word ends a window
  nothing follows or sits in a hyphenated compound, and a lower-to-upper case change inside
  an unknown token ("MehribanAliyeva") is always a word boundary.
- A run of more than MAX_TOKEN letters without a space (a hash, or text glued beyond repair)
  is left as typed and reported (`RepairPlan.capped`), so the search stays linear in the
  length of the text.

`tests/reference_wordbreaks.py` is the same model written plainly, without the caches,
bounds and pruning that make this one fast; `tests/test_wordbreaks_reference.py` checks
that both make exactly the same edits.

Where the state lives
---------------------
`WebModel` holds what every article shares: the shipped tables and the bounded caches of
functions of them (`web_model()` builds it once per process). `ArticleModel` is built per
article: the web model mixed with the article's word counts. `ArticleModel.leaving_out`
gives the model seen from a window, with the window's own words held out of the cache. No
object's fields change after it is built.

Sources
-------
Brants, T. & Franz, A. (2006). Web 1T 5-gram Version 1. Linguistic Data Consortium, LDC2006T13.
Brants, T., Popat, A. C., Xu, P., Och, F. J. & Dean, J. (2007). Large language models in
    machine translation. EMNLP-CoNLL 2007, 858-867.
Dempster, A. P., Laird, N. M. & Rubin, D. B. (1977). Maximum likelihood from incomplete data
    via the EM algorithm. Journal of the Royal Statistical Society B 39(1), 1-38.
Kernighan, M. D., Church, K. W. & Gale, W. A. (1990). A spelling correction program based on
    a noisy channel model. COLING 1990, 205-210.
Kuhn, R. & De Mori, R. (1990). A cache-based natural language model for speech recognition.
    IEEE Transactions on Pattern Analysis and Machine Intelligence 12(6), 570-583.
Norvig, P. (2009). Natural language corpus data. In Segaran, T. & Hammerbacher, J. (eds.),
    Beautiful Data, O'Reilly, 219-242. (The `wordsegment` package's tables and method.)
Speer, R. (2022). rspeer/wordfreq: v3.0. Zenodo. https://doi.org/10.5281/zenodo.7199437
van Heuven, W. J. B., Mandera, P., Keuleers, E. & Brysbaert, M. (2014). SUBTLEX-UK: a new
    and improved word frequency database for British English. Quarterly Journal of
    Experimental Psychology 67(6), 1176-1190. (The Zipf scale.)
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
_MARGIN = 1e-9                    # bounds prune only what loses by more (far above rounding error)

_LETTERS = r"[^\W\d_]"
_TOKEN = rf"{_LETTERS}+(?:'{_LETTERS}+)*'?"
_CHUNK = re.compile(rf"(?<![\w']){_TOKEN}(?: {_TOKEN})*(?!\w)")
_CAMEL = re.compile(r"[a-z][A-Z]")


def word_key(word: str) -> str:
    """The lower-case form the frequency tables use."""
    return word.lower()


def _bigram_key(key: str) -> str:
    return key.replace("'", "")


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def _unknown_probability(length: int) -> float:
    """The web probability of a word no table knows, by its length."""
    return max(10.0 ** -(UNKNOWN_BASE + UNKNOWN_PER_CHAR * length), _SMALLEST_PROBABILITY)


def _log_mixture(web: float, cache: int = 0, total: int = 1) -> float:
    """log10 of the model's mixture of the web probability and the article's cache share
    (cache occurrences of the word among the article's total words)."""
    return math.log10(max((1 - CACHE_WEIGHT) * web + CACHE_WEIGHT * cache / total, _SMALLEST_PROBABILITY))


# --- the web model: what every article shares -------------------------------------------------

@lru_cache(maxsize=1)
def _web_counts():
    """Word frequencies (wordfreq, 'large' English list: cleaned, multi-source) and bigram
    counts with their unigram denominators (wordsegment, web text). Loaded once, < 1 s.
    A pure function: no arguments, data shipped with the installed packages."""
    import wordfreq
    import wordsegment

    wordsegment.load()
    return wordfreq.get_frequency_dict("en", wordlist="large"), wordsegment.UNIGRAMS, wordsegment.BIGRAMS


@lru_cache(maxsize=1)
def _bigram_summary() -> tuple[dict[str, float], dict[str, float], frozenset, frozenset]:
    """One pass over the bigrams the web probability can use: each word's highest and lowest
    probability after any word, and the words they start and end with. Any other pair of
    words gets the backoff probability, which needs no table lookup (most pairs). A pure
    function of the shipped tables."""
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
    return best, worst, frozenset(starters), frozenset(enders)


@lru_cache(maxsize=1)
def _sorted_words() -> list[str]:
    """The dictionary's words in order, for prefix search. A pure function of the tables."""
    return sorted(_web_counts()[0])


@lru_cache(maxsize=1)
def web_model() -> WebModel:
    """The process's one `WebModel`. A pure function (no arguments): the tables it reads are
    loaded once and never change."""
    frequency, unigrams, bigrams = _web_counts()
    return WebModel(frequency, unigrams, bigrams, _bigram_summary(), _sorted_words())


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


class _LogpRow(dict):
    """log P(key | previous) without the article's cache, by key, for one `previous`: the
    lattice looks up many keys after one word, and a dict does that fastest. Filled on demand
    by `logp(key)`, up to `limit` keys (a bounded cache of a pure function of the key)."""

    def __init__(self, logp, limit: int):
        super().__init__()
        self.logp, self.limit = logp, limit

    def __missing__(self, key):
        value = self.logp(key)
        if len(self) < self.limit:
            self[key] = value
        return value


class WebModel:
    """The article-independent half of the language model: P_web(word | previous) from the
    shipped tables with stupid backoff, its log mixed with an empty cache, bounds on both, and
    facts about words (common? splits into common words? begins a dictionary word?).

    Built once per process by `web_model()`; its fields are never reassigned. Its caches live
    on it, each bounded, each of a pure function of its arguments (the tables never change):
    `dictionary_frequency` and `logp` (1,000,000 entries), `is_common_word`,
    `splits_into_common_words`, `starts_a_word` and `token_facts` (200,000), `row` (2,048 rows
    of up to 512 log-probabilities) and `backoff_row` (200,000).
    """

    def __init__(self, frequency: dict, unigrams: dict, bigrams: dict, summary, sorted_words: list):
        self.frequency, self.unigrams, self.bigrams = frequency, unigrams, bigrams
        self.best_after, self.worst_after, self.starters, self.enders = summary
        self.sorted_words = sorted_words
        # Bounded caches of pure functions: an evicted entry is recomputed, never different.
        self.dictionary_frequency = lru_cache(maxsize=1_000_000)(self._dictionary_frequency)
        self.logp = lru_cache(maxsize=1_000_000)(self._logp)
        self.is_common_word = lru_cache(maxsize=200_000)(self._is_common_word)
        self.splits_into_common_words = lru_cache(maxsize=200_000)(self._splits_into_common_words)
        self.starts_a_word = lru_cache(maxsize=200_000)(self._starts_a_word)
        self.token_facts = lru_cache(maxsize=200_000)(self._token_facts)
        self.row = lru_cache(maxsize=2048)(self._row)
        # The one row for every previous word no bigram starts with: backoff log P.
        self.backoff_row = _LogpRow(lambda key: _log_mixture(self.backoff_probability(key)), 200_000)

    def _dictionary_frequency(self, key: str) -> float | None:
        """The word's frequency, or its stem's for a possessive ("russia's", "putins'"); None
        for a word the dictionary does not know."""
        freq = self.frequency.get(key)
        if freq is None and key.endswith(("'s", "'")):
            freq = self.frequency.get(key[: -2 if key.endswith("'s") else -1])
        return freq

    def backoff_probability(self, key: str) -> float:
        """P_web(key | previous) when no bigram links the previous word (a word) to `key`."""
        freq = self.dictionary_frequency(key)
        return (_unknown_probability(len(key)) if freq is None else freq) * BACKOFF

    def probability(self, key: str, previous: str | None) -> float:
        """P_web(key | previous): the bigram's share of the previous word's count where the
        tables have the pair, else stupid backoff; for an unknown word, its length penalty."""
        if previous is not None:
            prev = _bigram_key(previous)
            if prev not in self.starters or _bigram_key(key) not in self.enders:
                return self.backoff_probability(key)    # no bigram can apply: skip the lookup
            pair = self.bigrams.get(f"{prev} {_bigram_key(key)}")
            if pair is not None:
                return pair / self.unigrams[prev]
        freq = self.dictionary_frequency(key)
        if freq is None:
            return _unknown_probability(len(key)) * (BACKOFF if previous is not None else 1.0)
        return freq * (BACKOFF if previous is not None else 1.0)

    def _logp(self, key: str, previous: str | None) -> float:
        """log P(key | previous) when the article's cache adds nothing: the same in every
        article. (Adding the cache's 0.0 is exact.)"""
        return _log_mixture(self.probability(key, previous))

    def _row(self, previous) -> _LogpRow:
        """`logp(key, previous)` for many keys after one `previous`, as a dict."""
        if previous is not None and _bigram_key(previous) not in self.starters:
            return self.backoff_row
        return _LogpRow(lambda key: _log_mixture(self.probability(key, previous)), 512)

    # Bounds on log P that hold in any context and with any cache share, so that `_suspects`
    # can dismiss most changes without computing their exact probabilities.

    def web_ceiling(self, key: str) -> float:
        """An upper bound on P_web(key | previous) over every previous word."""
        freq = self.dictionary_frequency(key)
        unigram = _unknown_probability(len(key)) if freq is None else freq
        return max(self.best_after.get(_bigram_key(key), 0.0), unigram)

    def ceiling(self, key: str) -> float:
        """An upper bound on log P(key | anything) for a word the article's cache does not
        vouch for (`ArticleModel.ceiling` for one it may)."""
        return _log_mixture(self.web_ceiling(key))

    def floor(self, key: str) -> float:
        """A lower bound on log P(key | previous) over every previous word (a cache only adds)."""
        lowest = min(self.backoff_probability(key), self.worst_after.get(_bigram_key(key), math.inf))
        return _log_mixture(lowest) if lowest > 0 else -math.inf

    # Facts about words.

    def _is_common_word(self, piece: str) -> bool:
        """A dictionary word frequent enough for its length (PIECE_ZIPF) to count as a common
        word; a possessive counts as its stem ("russia's")."""
        if len(piece) == 1 and piece not in "ai":
            return False
        freq = self.dictionary_frequency(piece)
        stem = piece[: -2 if piece.endswith("'s") else -1] if piece.endswith(("'s", "'")) else piece
        return freq is not None and math.log10(freq) + 9 >= PIECE_ZIPF.get(len(stem), LONG_PIECE_ZIPF)

    def _splits_into_common_words(self, key: str) -> bool:
        return _splits_into_words(key, self, None)

    def _starts_a_word(self, prefix: str) -> bool:
        """Whether some dictionary word begins with (or is) `prefix`: if not, no longer stretch
        of the same letters can be a dictionary word either."""
        words = self.sorted_words
        i = bisect_left(words, prefix)
        return i < len(words) and words[i].startswith(prefix)

    def dictionary_cuts(self, key: str) -> tuple[tuple[str, str], ...]:
        """Ways to cut a word into two dictionary words (no single letters but "a" and "i")."""
        frequency = self.frequency
        return tuple(
            (key[:cut], key[cut:]) for cut in range(1, len(key))
            if key[:cut] in frequency and key[cut:] in frequency
            and (cut > 1 or key[0] in "ai") and (len(key) - cut > 1 or key[-1] in "ai")
        )

    def _token_facts(self, token: str) -> _Facts:
        key = word_key(token)
        ceiling = self.ceiling
        cuts = tuple((a, b, ceiling(a), ceiling(b)) for a, b in self.dictionary_cuts(key))
        return _Facts(
            key, _is_acronym(token), bool(_CAMEL.search(token)), self.dictionary_frequency(key) is not None,
            cuts, frozenset(word for cut in cuts for word in cut[:2]),
            max(ceiling_a + ceiling_b for _, _, ceiling_a, ceiling_b in cuts) if cuts else None,
            ceiling(key), self.floor(key),
        )


# --- the article model ------------------------------------------------------------------------

class ArticleModel:
    """The language model of one article: the web model mixed with the article's own word
    counts `doc` as a cache model (Kuhn & De Mori 1990). Built once per article that shows
    damage; its fields are never reassigned. `leaving_out` gives it as seen from a window."""

    def __init__(self, doc: Counter, web: WebModel):
        self.web = web
        self.doc = doc
        self.total = max(sum(doc.values()), 1)
        # Only a word seen twice can get anything from the cache (see HeldOutModel.cache_count).
        self.recurring = frozenset(key for key, n in doc.items() if n > 1)
        self.cached_prefixes = frozenset(
            key[:end] for key in self.recurring if key not in web.frequency
            for end in range(1, len(key) + 1)
        )
        self._ceilings: dict[str, float] = {}   # ceiling() of recurring words, for this article

    def ceiling(self, key: str) -> float:
        """An upper bound on log P(key | anything), whatever is held out."""
        if key not in self.recurring:
            return self.web.ceiling(key)
        bound = self._ceilings.get(key)
        if bound is None:
            bound = self._ceilings[key] = _log_mixture(self.web.web_ceiling(key), self.doc[key] - 1, self.total)
        return bound

    def leaving_out(self, held_out) -> HeldOutModel:
        """The model with the words `held_out` counts taken out of the article's cache: the
        words being re-spaced must not vouch for themselves."""
        return HeldOutModel(self, held_out)


class HeldOutModel:
    """An `ArticleModel` with some of the article's words held out of its cache (a mapping of
    word keys to counts); what a window's search and a suspect's test score with."""

    __slots__ = ("article", "held_out", "web", "doc")

    def __init__(self, article: ArticleModel, held_out):
        self.article, self.held_out = article, held_out
        self.web, self.doc = article.web, article.doc

    def cache_count(self, key: str) -> int:
        """Occurrences elsewhere in the article, minus one: a word must recur to vouch for
        itself, so one stray "Azerbaijanis" (or one glued token) elsewhere proves nothing."""
        n = self.doc.get(key)
        if not n:
            return 0
        return max(n - self.held_out.get(key, 0) - 1, 0)

    def known(self, key: str) -> bool:
        if key in self.web.frequency:
            return True
        n = self.doc.get(key)
        if n and n - self.held_out.get(key, 0) - 1 > 0:
            return True
        return key.endswith(("'s", "'")) and self.web.dictionary_frequency(key) is not None

    def logp(self, key: str, previous: str | None) -> float:
        n = self.doc.get(key)
        if n:
            cache = n - self.held_out.get(key, 0) - 1
            if cache > 0:
                return _log_mixture(self.web.probability(key, previous), cache, self.article.total)
        return self.web.logp(key, previous)


# --- the gate and the name rule ---------------------------------------------------------------

def _splits_into_words(key: str, web: WebModel, article=None) -> bool:
    """Whether `key` cuts into two or more pieces, each a common word or a word of three
    letters or more that the article (`article`, its word counts) uses on its own: "upon" +
    "arrival", "soltan" + "mentioned", "aliyev" + "emphasized" + "during"; not "over" +
    "chuk". (A repair adds words to an article, so repair runs until nothing changes.)"""
    if article is not None and web.splits_into_common_words(key):
        return True
    common = web.is_common_word
    n = len(key)
    reach = [True] + [False] * n
    for i in range(n):
        if not reach[i]:
            continue
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            if reach[j] or (i == 0 and j == n):
                continue
            piece = key[i:j]
            if common(piece) or (article is not None and j - i > 2 and article.get(piece)):
                reach[j] = True
    return reach[n]


def _is_name(token: str, doc: Counter, web: WebModel) -> bool:
    """A capitalised unknown word that does not split into common words (or words the
    article uses): a name such as "Overchuk", never a sign of damage, never cut in two.
    Unknown: not in the dictionary, and not repeated three times in the article."""
    key = word_key(token)
    return (token[:1].isupper() and not _is_acronym(token) and not _CAMEL.search(token)
            and web.dictionary_frequency(key) is None and doc.get(key, 0) <= 2
            and not _splits_into_words(key, web, doc))


def _joins_a_word(keys: list[str], tokens: list[str], i: int, web: WebModel) -> bool:
    """Whether token i joined to a neighbour makes a common word ("ha ve", "Mosco w"), or, for
    a token the dictionary lacks, common words ("Uponarri val")."""
    unknown = web.dictionary_frequency(keys[i]) is None
    for a, b in ((i - 1, i), (i, i + 1)):
        if 0 <= a and b < len(keys) and not _is_acronym(tokens[a]) and not _is_acronym(tokens[b]) \
                and "'" not in tokens[a]:
            merged = keys[a] + keys[b]
            if web.is_common_word(merged) or (unknown and web.splits_into_common_words(merged)):
                return True
    return False


def damage_signs(tokens, doc: Counter, web: WebModel | None = None) -> list[int]:
    """Indices of tokens that show word-boundary damage: a case change inside a word
    ("withRussia"); an unknown word in lower case ("wasgreeted"); a rare word that splits into
    common words ("overthe", "hasin"); a capitalised unknown word that splits into common
    words or words the article uses ("Uponarrival", "Soltanmentioned"); and a fragment that
    is no common word but makes one with its neighbour ("ha ve", "Mosco w"). `doc` counts the
    article's word keys; a word it repeats three times vouches for itself."""
    web = web or web_model()
    keys = [word_key(t) for t in tokens]
    signs = []
    for i, (token, key) in enumerate(zip(tokens, keys)):
        if _is_acronym(token):
            continue
        if _CAMEL.search(token):
            signs.append(i)
            continue
        if web.is_common_word(key) or doc.get(key, 0) > 2:
            continue
        known = web.dictionary_frequency(key) is not None
        if token[:1].isupper():
            damaged = (not known and _splits_into_words(key, web, doc)) or _joins_a_word(keys, tokens, i, web)
        else:
            damaged = not known or web.splits_into_common_words(key) or _joins_a_word(keys, tokens, i, web)
        if damaged:
            signs.append(i)
    return signs


# --- suspects and windows ---------------------------------------------------------------------

def _path_logp(words, previous, following, logp) -> float:
    total, last = 0.0, previous
    for word in words:
        total += logp(word, last)
        last = word
    return total + (logp(following, last) if following else 0.0)


def _cut_wins(previous, key, following, cuts, cut_ceiling, following_ceiling, lowest,
              model: HeldOutModel) -> bool:
    """Whether some dictionary cut (a, b) of `key` beats the whole word in this context
    (`_path_logp` written out, same sums in the same order). `cuts` and `cut_ceiling` as in
    `_Facts` (cut_ceiling None when the article's cache may raise it), `following_ceiling`
    bounds logp(following, anything), `lowest` is a floor for the whole word's sum.

    Most cuts lose clearly: even with a, b and the following word at their most probable,
    in any context, the cut stays below a floor of the whole word: first one valid in any
    context, then the whole word without the cache's share. Only the others need the exact
    sums.
    """
    if cut_ceiling is not None and cut_ceiling < lowest - _MARGIN - following_ceiling:
        return False
    web_logp = model.web.logp
    floor = web_logp(key, previous) + (web_logp(following, key) if following else 0.0)
    below_floor = floor - _MARGIN - following_ceiling
    if cut_ceiling is not None and cut_ceiling < below_floor:
        return False
    logp, recurring, article = model.logp, model.article.recurring, model.article
    whole = hopeless = None
    for a, b, ceiling_a, ceiling_b in cuts:
        if a in recurring:
            ceiling_a = article.ceiling(a)
        if b in recurring:
            ceiling_b = article.ceiling(b)
        if ceiling_a + ceiling_b < below_floor:
            continue
        if whole is None:
            whole = 0.0 + logp(key, previous) + (logp(following, key) if following else 0.0)
            hopeless = whole - _MARGIN - following_ceiling
        if ceiling_a + ceiling_b < hopeless:
            continue
        first = 0.0 + logp(a, previous)
        if first + ceiling_b < hopeless:
            continue
        if first + logp(b, a) + (logp(following, b) if following else 0.0) > whole:
            return True
    return False


def _suspects(tokens: list[str], article: ArticleModel) -> list[tuple[int, int]]:
    """Token ranges [i, j) whose spacing might be wrong and deserve a full comparison.

    Unknown and camel-case tokens always, but a name alone is no reason to search; a known
    token that splits into two known words, or two tokens that join into a known word, only
    when the language model (with context, the tokens held out of the cache) already
    prefers the change before its cost: otherwise no damage rate could make it win.
    """
    web, doc = article.web, article.doc
    found = []
    facts = [web.token_facts(t) for t in tokens]
    keys = [f.key for f in facts]
    context = [None, *keys, None]          # context[i] precedes token i, context[i + 2] follows it
    recurring = article.recurring
    for i, (key, acronym, camel, in_dictionary, cuts, cut_words, cut_ceiling, _, floor) in enumerate(
        facts
    ):
        if acronym or not key:
            continue
        # known(key) with the token itself held out of the cache
        if camel or not (in_dictionary or doc.get(key, 0) > 2):
            if camel or not tokens[i][:1].isupper() or _splits_into_words(key, web, doc) or \
                    _joins_a_word(keys, tokens, i, web):
                found.append((i, i + 1))
            continue
        if cuts:
            # The ceilings in the token facts hold unless the article's cache raises them.
            if not recurring.isdisjoint(cut_words):
                cut_ceiling = None
            following = context[i + 2]
            if following is None:
                following_ceiling = lowest = 0.0
            else:
                following_ceiling = (
                    article.ceiling(following) if following in recurring else facts[i + 1].ceiling
                )
                lowest = facts[i + 1].floor
            lowest += floor
            if _cut_wins(context[i], key, following, cuts, cut_ceiling, following_ceiling, lowest,
                         article.leaving_out({key: 1})):
                found.append((i, i + 1))
    frequency = web.frequency
    for i in range(len(tokens) - 1):
        merged = keys[i] + keys[i + 1]
        if merged not in frequency and (
            not merged.endswith(("'s", "'")) or web.dictionary_frequency(merged) is None
        ):
            continue
        if facts[i].acronym or facts[i + 1].acronym or "'" in tokens[i]:
            continue
        previous, following = context[i], context[i + 3]
        # As for cuts: clearly hopeless merges need no exact comparison.
        if article.ceiling(merged) + (article.ceiling(following) if following else 0.0) < _path_logp(
            keys[i:i + 2], previous, following, web.logp
        ) - _MARGIN:
            continue
        pair = article.leaving_out(Counter(keys[i:i + 2]))
        if _path_logp((merged,), previous, following, pair.logp) > _path_logp(
            keys[i:i + 2], previous, following, pair.logp
        ):
            found.append((i, i + 2))
    return found


def _windows(suspects, n_tokens: int) -> list[tuple[int, int]]:
    """Suspect ranges widened by one neighbour each side and merged when they overlap."""
    merged: list[list[int]] = []
    for i, j in sorted(suspects):
        lo, hi = max(i - 1, 0), min(j + 1, n_tokens)
        if merged and lo < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [tuple(w) for w in merged]


# --- the search in one window -----------------------------------------------------------------

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
    locked -= original          # a typed space may always stay, even beside an apostrophe
    camel = {m.start() + 1 for m in _CAMEL.finditer(letters)} - original
    return letters, original, camel, locked, token_of


def _candidates(tokens, compound, following, model: HeldOutModel):
    """For every start position, the words that may begin there: (end, word, key, flips);
    and whether any of them is other than a typed token (if not, the typed spacing is the
    only one possible, or none is: either way the window keeps its text).

    A word is a dictionary or cached word, or an original token / camel-case piece even if
    unknown; single letters other than "a"/"I" and short pieces of hyphenated compounds are
    never created, and nothing new may end the window just before punctuation. A word after
    which no word sequence reaches the window's end is not listed: no spacing can use it.
    (Scanning from the end finds those.) A word that starts inside a name (`_is_name`; a
    token, or a piece of one after a case change) must run past the name's end: a name's
    last letters may join the next word ("Putine mbarked"), but the name is never cut into
    two words ("Over chuk", "thatLanka ran").
    """
    web, doc = model.web, model.doc
    letters, original, camel, locked, token_of = _layout(tokens)
    n = len(letters)
    name_end, pos = {}, 0
    for token in tokens:
        cuts = [0, *(m.start() + 1 for m in _CAMEL.finditer(token)), len(token)]
        for a, b in zip(cuts, cuts[1:]):            # a token, or each piece of "thatLankaran"
            if _is_name(token[a:b], doc, web):
                name_end.update((p, pos + b) for p in range(pos + a + 1, pos + b))
        pos += len(token)
    typed = original | {0, n}
    edges = typed | camel
    # Lower-casing ASCII maps letter to letter, so keys can be sliced from one lowered copy,
    # and a key that begins no known word ends the scan for longer ones from that start.
    lowered = letters.lower() if letters.isascii() else None
    frequency, known = web.frequency, model.known
    starts_a_word, cached_prefixes = web.starts_a_word, model.article.cached_prefixes
    locked.discard(n)                       # the window's end is always a boundary
    adds_space = [end < n and end not in original and end not in camel for end in range(n + 1)]
    by_start, alternatives = [None] * n, 0
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
                        extendable = starts_a_word(key) or key in cached_prefixes
                whole = start_edge and not inside and end in edges
                as_typed = whole and start_typed and end in typed
                if length < 3 and not as_typed and (
                    (length == 1 and key not in "ai")
                    or (end == n and following is None)
                    or compound[token_of[start]] or compound[token_of[end - 1]]
                ):
                    continue
                if (not whole or _CAMEL.search(word)) and (
                    key not in frequency and not (extendable and known(key))
                ):
                    continue
                if not as_typed:
                    alternatives += 1
                if completes[end]:
                    options.append((end, word, key, inside + adds_space[end]))
        by_start[start] = options
        completes[start] = bool(options)
    return by_start, alternatives > 0


class _Window:
    """A run of suspect tokens with their context, prepared once for every EM round: the
    search graph when some word other than the typed tokens is possible (`open`)."""

    def __init__(self, tokens, offsets, compound, lo, hi, article: ArticleModel):
        self.tokens, self.offsets = tokens[lo:hi], offsets[lo:hi]
        self.previous = word_key(tokens[lo - 1]) if lo > 0 else None
        self.following = word_key(tokens[hi]) if hi < len(tokens) else None
        model = article.leaving_out(Counter(map(word_key, self.tokens)))
        candidates, self.open = _candidates(self.tokens, compound[lo:hi], self.following, model)
        self.plan, self.finals, self.n_states = (
            _lattice(candidates, self.previous, self.following, model) if self.open else (None, None, 0)
        )


def _lattice(candidates, previous, following, model: HeldOutModel):
    """The search graph of `_best_spacing`, with its language-model costs.

    A state is (position, last word), numbered in order of discovery. Only the spacing cost
    changes between EM rounds, so the log-probabilities are computed once, here. Returns,
    per position in order, its states (in order of discovery), the moves from there
    [(target, flips, word)] and log P of every move from every state, one state after the
    other; then the final states with the log-probability of the word after the window, and
    the number of states. Words after which no spacing reaches the end are not candidates,
    so no state is a dead end.
    """
    n = len(candidates)
    ids = [{} for _ in range(n + 1)]        # position -> {last word: state}, in order of discovery
    ids[0][previous] = 0
    count = 1
    recurring, cache_count, logp, row = model.article.recurring, model.cache_count, model.logp, model.web.row
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
            logps.extend(map(row(last).__getitem__, keys))
            for i, key in vouched:
                logps[offset + i] = logp(key, last)
        plan.append((tuple(ids[start].values()), moves, logps))
    finals = [(state, logp(following, key) if following else 0.0) for key, state in ids[n].items()]
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


# --- the article ------------------------------------------------------------------------------

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


def plan_word_repairs(text: str, web: WebModel | None = None) -> RepairPlan:
    """Word-boundary edits for `text`, and the letter runs too long to search.

    Rules: "glued_words", "split_word" and "shifted_boundary" (see module docstring). An
    article without `damage_signs` gets no edits and builds no `ArticleModel`."""
    web = web or web_model()
    capped: list = []
    chunks = list(_chunks(text, capped))
    if not chunks:
        return RepairPlan([], capped)
    doc = Counter(map(word_key, chain.from_iterable(tokens for tokens, _, _ in chunks)))
    if not any(damage_signs(tokens, doc, web) for tokens, _, _ in chunks):
        return RepairPlan([], capped)
    article = ArticleModel(doc, web)
    n_letters = sum(len(t) for tokens, _, _ in chunks for t in tokens)
    windows = [
        _Window(tokens, offsets, compound, lo, hi, article)
        for tokens, offsets, compound in chunks
        for lo, hi in _windows(_suspects(tokens, article), len(tokens))
    ]
    windows = [w for w in windows if w.open]

    rate = PRIOR_DAMAGED / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)   # "no damage seen yet"
    edits: list = []
    spacing = [None] * len(windows)      # each window's last words and their diff (rounds repeat)
    for _ in range(MAX_ITER):
        flip_cost = -math.log10(rate / (1 - rate))
        step = [flips * flip_cost for flips in range(MAX_WORD + 1)]
        edits, flips = [], 0
        for i, window in enumerate(windows):
            words = _best_spacing(window, step)
            if spacing[i] is None or spacing[i][0] != words:
                spacing[i] = (words, _diff(window.tokens, window.offsets, words))
            found, n_flips = spacing[i][1]
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

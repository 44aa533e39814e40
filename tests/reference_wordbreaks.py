"""The word-boundary model of `analysis.text.wordbreaks`, written plainly to be read, not run fast.

`test_wordbreaks_reference.py` checks that the production search makes exactly the edits this
file makes. Here every rule is written once, in the order of the model:

1. Tokens: runs of letters (with inner apostrophes) separated by single spaces form a chunk;
   a token longer than MAX_TOKEN letters is left as typed ("capped") and ends its chunk.
2. The gate: an article with no sign of damage (`damage_signs`) gets no edits.
3. Suspects: tokens, or pairs of tokens, whose spacing may be wrong (`suspects`), widened by
   one neighbour each side into windows.
4. In each window, the candidate words (`candidates`) and a plain dynamic programme over
   (position, last word) that finds the spacing of the window's letters with the least
   cost: -log10 P(words) under the bigram language model (`LanguageModel`) plus log10((1-r)/r)
   per space added or removed (`best_spacing`).
5. The damage rate r, re-estimated from the spaces the repair changes (EM, `plan_word_repairs`).

Nothing here is cached, bounded or pruned: every candidate, every state and every suspect
comparison is computed in full. Only the model's parameters (the constants) and the frequency
tables shipped with wordfreq and wordsegment are taken from the production module.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from analysis.text import wordbreaks as production

BACKOFF = production.BACKOFF
CACHE_WEIGHT = production.CACHE_WEIGHT
UNKNOWN_BASE, UNKNOWN_PER_CHAR = production.UNKNOWN_BASE, production.UNKNOWN_PER_CHAR
PRIOR_DAMAGED, PRIOR_INTACT = production.PRIOR_DAMAGED, production.PRIOR_INTACT
MAX_WORD, MAX_ITER, MAX_TOKEN = production.MAX_WORD, production.MAX_ITER, production.MAX_TOKEN
PIECE_ZIPF, LONG_PIECE_ZIPF = production.PIECE_ZIPF, production.LONG_PIECE_ZIPF
SMALLEST_PROBABILITY = 1e-300

LETTER = r"[^\W\d_]"
TOKEN = rf"{LETTER}+(?:'{LETTER}+)*'?"
CHUNK = re.compile(rf"(?<![\w']){TOKEN}(?: {TOKEN})*(?!\w)")
CAMEL = re.compile(r"[a-z][A-Z]")       # a lower-to-upper case change


# --- the language model -----------------------------------------------------------------------

class LanguageModel:
    """P(word | previous word) for one article: web bigrams with stupid backoff, mixed with the
    article's own word counts (the cache), from which the words being re-spaced are held out."""

    def __init__(self, doc: Counter):
        web = production.web_model()
        self.frequency, self.unigrams, self.bigrams = web.frequency, web.unigrams, web.bigrams
        self.doc = doc
        self.total = max(sum(doc.values()), 1)

    def dictionary_frequency(self, key):
        """The word's frequency, or for a possessive its stem's; None for an unknown word."""
        freq = self.frequency.get(key)
        if freq is None and key.endswith("'s"):
            freq = self.frequency.get(key[:-2])
        elif freq is None and key.endswith("'"):
            freq = self.frequency.get(key[:-1])
        return freq

    def web_probability(self, key, previous):
        """The bigram's share of the previous word's count where the web tables have the pair;
        otherwise BACKOFF times the word's frequency (no backoff at the start of a chunk);
        an unknown word's frequency is 10^-(UNKNOWN_BASE + UNKNOWN_PER_CHAR * length)."""
        if previous is not None:
            before = previous.replace("'", "")
            pair = self.bigrams.get(before + " " + key.replace("'", ""))
            if pair is not None and before in self.unigrams:
                return pair / self.unigrams[before]
        freq = self.dictionary_frequency(key)
        if freq is None:
            freq = max(10.0 ** -(UNKNOWN_BASE + UNKNOWN_PER_CHAR * len(key)), SMALLEST_PROBABILITY)
        return freq if previous is None else freq * BACKOFF

    def cache_count(self, key, held_out: Counter) -> int:
        """The word's count in the article without the held-out words, minus one: a word
        must recur to vouch for itself."""
        return max(self.doc.get(key, 0) - held_out.get(key, 0) - 1, 0)

    def logp(self, key, previous, held_out: Counter) -> float:
        web = self.web_probability(key, previous)
        cache = self.cache_count(key, held_out)
        mixture = (1 - CACHE_WEIGHT) * web + CACHE_WEIGHT * cache / self.total
        return math.log10(max(mixture, SMALLEST_PROBABILITY))

    def known(self, key, held_out: Counter) -> bool:
        return self.dictionary_frequency(key) is not None or self.cache_count(key, held_out) > 0

    def path_logp(self, words, previous, following, held_out: Counter) -> float:
        """log10 P of `words` after `previous`, and of `following` after them."""
        total, last = 0.0, previous
        for word in words:
            total += self.logp(word, last, held_out)
            last = word
        if following is not None:
            total += self.logp(following, last, held_out)
        return total


# --- tokens and the gate ----------------------------------------------------------------------

def chunks(text: str):
    """[(tokens, offsets, compound)], and the (start, end) of tokens longer than MAX_TOKEN.
    compound[i]: token i touches a hyphen."""
    runs, capped = [], []
    for match in CHUNK.finditer(text):
        run, position = [], match.start()
        for token in match.group().split(" "):
            if len(token) > MAX_TOKEN:
                capped.append((position, position + len(token)))
                runs.append(run)
                run = []
            else:
                run.append((token, position))
            position += len(token) + 1
        runs.append(run)
    out = []
    for run in runs:
        if not run:
            continue
        tokens = [token for token, _ in run]
        offsets = [offset for _, offset in run]
        compound = [
            (offset > 0 and text[offset - 1] == "-")
            or (offset + len(token) < len(text) and text[offset + len(token)] == "-")
            for token, offset in run
        ]
        out.append((tokens, offsets, compound))
    return out, capped


def is_acronym(token) -> bool:
    return len(token) > 1 and token.isupper()


def is_common_word(piece, model: LanguageModel) -> bool:
    """A dictionary word whose Zipf frequency reaches PIECE_ZIPF for its length (a possessive
    is measured by its stem); single letters other than "a" and "i" never."""
    if len(piece) == 1 and piece not in ("a", "i"):
        return False
    freq = model.dictionary_frequency(piece)
    if freq is None:
        return False
    stem = piece[:-2] if piece.endswith("'s") else piece[:-1] if piece.endswith("'") else piece
    return math.log10(freq) + 9 >= PIECE_ZIPF.get(len(stem), LONG_PIECE_ZIPF)


def splits_into_words(key, model: LanguageModel, article: Counter | None = None) -> bool:
    """Whether `key` cuts into two or more pieces of at most MAX_WORD letters, each a common
    word or (given the article's counts) a word of three letters or more the article uses."""
    def word(piece):
        return is_common_word(piece, model) or (
            article is not None and len(piece) >= 3 and article.get(piece, 0) > 0)

    n = len(key)
    reachable = [True] + [False] * n        # reachable[j]: key[:j] cuts into such pieces
    for j in range(1, n + 1):
        reachable[j] = any(
            reachable[i] and word(key[i:j])
            for i in range(max(j - MAX_WORD, 0), j)
            if not (i == 0 and j == n)      # the whole key is not a cut
        )
    return reachable[n]


def joins_a_word(keys, tokens, i, model: LanguageModel) -> bool:
    """Token i joined to its left or right neighbour is a common word, or (when token i is
    not in the dictionary) splits into common words."""
    unknown = model.dictionary_frequency(keys[i]) is None
    for a, b in ((i - 1, i), (i, i + 1)):
        if a < 0 or b >= len(keys) or is_acronym(tokens[a]) or is_acronym(tokens[b]) or "'" in tokens[a]:
            continue
        merged = keys[a] + keys[b]
        if is_common_word(merged, model) or (unknown and splits_into_words(merged, model)):
            return True
    return False


def damage_signs(tokens, doc: Counter, model: LanguageModel) -> list[int]:
    keys = [token.lower() for token in tokens]
    signs = []
    for i, (token, key) in enumerate(zip(tokens, keys)):
        if is_acronym(token):
            continue
        if CAMEL.search(token):
            signs.append(i)
            continue
        if is_common_word(key, model) or doc.get(key, 0) > 2:
            continue
        known = model.dictionary_frequency(key) is not None
        if token[0].isupper():
            damaged = (not known and splits_into_words(key, model, doc)) or joins_a_word(keys, tokens, i, model)
        else:
            damaged = not known or splits_into_words(key, model) or joins_a_word(keys, tokens, i, model)
        if damaged:
            signs.append(i)
    return signs


def is_name(piece, doc: Counter, model: LanguageModel) -> bool:
    """A capitalised word, no acronym, with no case change inside, not in the dictionary nor
    repeated three times in the article, that does not split into common or article words."""
    key = piece.lower()
    return (piece[:1].isupper() and not is_acronym(piece) and not CAMEL.search(piece)
            and model.dictionary_frequency(key) is None and doc.get(key, 0) <= 2
            and not splits_into_words(key, model, doc))


# --- suspects and windows ---------------------------------------------------------------------

def dictionary_cuts(key, model: LanguageModel):
    """Cuts of `key` into two dictionary words (single letters only "a" and "i")."""
    return [
        (key[:cut], key[cut:]) for cut in range(1, len(key))
        if key[:cut] in model.frequency and key[cut:] in model.frequency
        and (cut > 1 or key[0] in "ai") and (len(key) - cut > 1 or key[-1] in "ai")
    ]


def suspects(tokens, model: LanguageModel) -> list[tuple[int, int]]:
    """Token ranges [i, j) worth a search: a camel-case token; an unknown token (not in the
    dictionary nor vouched for by the article) unless it is capitalised and neither splits into
    words nor joins a neighbour into one; a known token that some cut into two dictionary words
    makes more probable in its context; two tokens whose join is more probable in context."""
    keys = [token.lower() for token in tokens]
    previous = [None, *keys[:-1]]
    following = [*keys[1:], None]
    found = []
    for i, (token, key) in enumerate(zip(tokens, keys)):
        if is_acronym(token):
            continue
        alone = Counter([key])
        if CAMEL.search(token) or not model.known(key, alone):
            if (CAMEL.search(token) or not token[0].isupper() or splits_into_words(key, model, model.doc)
                    or joins_a_word(keys, tokens, i, model)):
                found.append((i, i + 1))
            continue
        whole = model.path_logp([key], previous[i], following[i], alone)
        if any(model.path_logp([a, b], previous[i], following[i], alone) > whole
               for a, b in dictionary_cuts(key, model)):
            found.append((i, i + 1))
    for i in range(len(tokens) - 1):
        if is_acronym(tokens[i]) or is_acronym(tokens[i + 1]) or "'" in tokens[i]:
            continue
        merged = keys[i] + keys[i + 1]
        if model.dictionary_frequency(merged) is None:
            continue
        pair = Counter(keys[i:i + 2])
        if model.path_logp([merged], previous[i], following[i + 1], pair) > model.path_logp(
                keys[i:i + 2], previous[i], following[i + 1], pair):
            found.append((i, i + 2))
    return found


def windows(found, n_tokens) -> list[tuple[int, int]]:
    """Suspect ranges widened by one token each side; overlapping ones merged."""
    merged = []
    for i, j in sorted(found):
        lo, hi = max(i - 1, 0), min(j + 1, n_tokens)
        if merged and lo < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


# --- the search in one window -----------------------------------------------------------------

def candidates(tokens, compound, following, model: LanguageModel, held_out: Counter):
    """For each start position in the window's letters, the words that may start there:
    [(end, word, key, flips)] by increasing end; flips counts the spaces the word removes
    inside it and adds at its end. The rules:

    - a word has at most MAX_WORD letters and never starts at an apostrophe;
    - no space inside an acronym or beside an apostrophe (the window's end is always a space);
    - no new word of one letter other than "a"/"I", and no new word of two, at the window's end
      when nothing follows it, or in a token touching a hyphen;
    - a word must be known (`LanguageModel.known`), unless it is exactly one typed token or
      camel-case piece with no case change inside;
    - a word that starts inside a name (`is_name`: a token, or a camel-case piece of one) ends
      after the name: the name is never cut, but its last letters may join the next word.
    """
    letters = "".join(tokens)
    n = len(letters)
    original, locked, name_end, token_of = set(), set(), {}, []
    position = 0
    for i, token in enumerate(tokens):
        if is_acronym(token):
            locked.update(range(position + 1, position + len(token)))
        for k, ch in enumerate(token):
            if ch == "'":
                locked.update((position + k, position + k + 1))
        cuts = [0, *(m.start() + 1 for m in CAMEL.finditer(token)), len(token)]
        for a, b in zip(cuts, cuts[1:]):
            if is_name(token[a:b], model.doc, model):
                for p in range(position + a + 1, position + b):
                    name_end[p] = position + b
        token_of.extend([i] * len(token))
        position += len(token)
        original.add(position)
    original.discard(n)
    locked.discard(n)
    locked -= original          # a typed space may always stay, even beside an apostrophe
    camel = {m.start() + 1 for m in CAMEL.finditer(letters)} - original
    typed = original | {0, n}
    edges = typed | camel

    by_start = []
    for start in range(n):
        options = []
        for end in range(start + 1, min(n, start + MAX_WORD) + 1):
            if letters[start] == "'" or end in locked or end <= name_end.get(start, start):
                continue
            word = letters[start:end]
            key = word.lower()
            inside = sum(1 for p in original if start < p < end)
            whole = start in edges and end in edges and inside == 0
            as_typed = whole and start in typed and end in typed
            if len(key) < 3 and not as_typed and (
                (len(key) == 1 and key not in ("a", "i"))
                or (end == n and following is None)
                or compound[token_of[start]] or compound[token_of[end - 1]]
            ):
                continue
            if (not whole or CAMEL.search(word)) and not model.known(key, held_out):
                continue
            adds = end < n and end not in original and end not in camel
            options.append((end, word, key, inside + adds))
        by_start.append(options)
    return by_start


def best_spacing(tokens, by_start, previous, following, model, held_out, flip_cost) -> list[str]:
    """The spacing with the least cost, by dynamic programming over (position, last word):
    cost = sum of (-log10 P(word | last) + flips * flip_cost), then -log10 P(following | last).
    Of equal costs the first found wins. No spacing passes the rules: the tokens as typed."""
    n = len(by_start)
    states = [{} for _ in range(n + 1)]     # position -> {last word: (cost, (start, last, word))}
    states[0][previous] = (0.0, None)
    for start in range(n):
        for last, (cost, _) in states[start].items():
            for end, word, key, flips in by_start[start]:
                total = cost - model.logp(key, last, held_out) + flips * flip_cost
                if key not in states[end] or total < states[end][key][0]:
                    states[end][key] = (total, (start, last, word))
    finals = states[n]
    if not finals:
        return list(tokens)

    def final_cost(key):
        return finals[key][0] - (model.logp(following, key, held_out) if following is not None else 0.0)

    key, position, words = min(finals, key=final_cost), n, []
    while position > 0:
        start, last, word = states[position][key][1]
        words.append(word)
        position, key = start, last
    return words[::-1]


def diff(tokens, offsets, words):
    """Edits (start, end, replacement, rule) turning the typed tokens into `words`, one per
    run of letters between space positions the two share; and how many spaces changed."""
    def spaces(parts):
        return {sum(map(len, parts[:k])) for k in range(1, len(parts))}

    old, new = spaces(tokens), spaces(words)
    letters = "".join(tokens)
    raw_offset = [offset + k for token, offset in zip(tokens, offsets) for k in range(len(token))]
    shared = sorted((old & new) | {0, len(letters)})
    edits = []
    for lo, hi in zip(shared, shared[1:]):
        added = {p for p in new - old if lo < p < hi}
        removed = {p for p in old - new if lo < p < hi}
        if not added and not removed:
            continue
        rule = "shifted_boundary" if added and removed else "glued_words" if added else "split_word"
        spaced = "".join((" " if p in new and p > lo else "") + letters[p] for p in range(lo, hi))
        edits.append((raw_offset[lo], raw_offset[hi - 1] + 1, spaced, rule))
    return edits, len(old ^ new)


# --- the article ------------------------------------------------------------------------------

def plan_word_repairs(text: str):
    """(edits, capped) for `text`, as `analysis.text.wordbreaks.plan_word_repairs` returns."""
    runs, capped = chunks(text)
    if not runs:
        return [], capped
    doc = Counter(token.lower() for tokens, _, _ in runs for token in tokens)
    model = LanguageModel(doc)
    if not any(damage_signs(tokens, doc, model) for tokens, _, _ in runs):
        return [], capped
    searched = []
    for tokens, offsets, compound in runs:
        for lo, hi in windows(suspects(tokens, model), len(tokens)):
            window = tokens[lo:hi]
            held_out = Counter(token.lower() for token in window)
            previous = tokens[lo - 1].lower() if lo > 0 else None
            following = tokens[hi].lower() if hi < len(tokens) else None
            by_start = candidates(window, compound[lo:hi], following, model, held_out)
            searched.append((window, offsets[lo:hi], by_start, previous, following, held_out))

    n_letters = sum(len(token) for tokens, _, _ in runs for token in tokens)
    rate = PRIOR_DAMAGED / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)
    edits = []
    for _ in range(MAX_ITER):
        flip_cost = -math.log10(rate / (1 - rate))
        edits, flips = [], 0
        for window, offsets, by_start, previous, following, held_out in searched:
            words = best_spacing(window, by_start, previous, following, model, held_out, flip_cost)
            found, changed = diff(window, offsets, words)
            edits.extend(found)
            flips += changed
        new_rate = (flips + PRIOR_DAMAGED) / (n_letters + PRIOR_DAMAGED + PRIOR_INTACT)
        if abs(math.log(new_rate / rate)) < 0.05:
            break
        rate = new_rate
    return edits, capped

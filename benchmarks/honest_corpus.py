"""A benchmark corpus that behaves like a real one: nearly every sentence distinct.

Recombining the seeds' paragraphs repeats sentences, so per-sentence caches do the work and a
benchmark flatters the pipeline. Here every sentence is a seed sentence with about a quarter
of its words swapped for other English words (from wordfreq's list, by the same word shape),
and every number redrawn, so at 5,000 articles over 95% of sentences are distinct. On top:

- a share of damaged articles (10% by default) with word-boundary damage like the
  StrategiaNews seed: glued words, split words and shifted spaces;
- page furniture (share rows, counters, related links, timestamps) on most articles;
- near-duplicate wire copies: a share of articles reposted by another outlet with other
  furniture and a changed sentence or two.

Deterministic for a seed. `python3 benchmarks/honest_corpus.py --n 500 --out corpus.jsonl`
writes an export the pipeline (and `make.py build --corpus`) reads; `describe` prints the
distinct and damaged shares.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np

SEED = 20240819
SWAP_SHARE = 0.25
DAMAGE_SHARE = 0.10
FURNITURE_SHARE = 0.7
DUPLICATE_SHARE = 0.03
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKL"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FURNITURE = [
    "Share this article", "Print", "Comments (0)", "{n} views", "Read more:", "Subscribe to our newsletter",
    "Back to top", "Font size: A- A+", "Поделиться:", "Related articles", "Updated {hh}:{mm}",
    "We use cookies to improve your experience. Accept",
]
_WORD = re.compile(r"[A-Za-z]+|\d[\d,.]*")


@lru_cache(maxsize=1)
def seed_sentences() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The seeds' clean sentences and headlines (the only text the generator starts from)."""
    import analysis

    corpus = analysis.load_corpus()
    units = analysis.sentences(corpus)
    body = tuple(t for t in units["text"] if len(t.split()) >= 6)
    return body, tuple(corpus["title"])


@lru_cache(maxsize=1)
def replacement_words() -> dict[tuple[bool, int], list[str]]:
    """Common English words by (capitalised, length bucket): a swap keeps a word's shape."""
    import wordfreq

    pool: dict[tuple[bool, int], list[str]] = {}
    for word in wordfreq.top_n_list("en", 30000):
        if word.isalpha() and word.isascii() and len(word) > 2:
            for capital in (False, True):
                pool.setdefault((capital, min(len(word), 10)), []).append(word.capitalize() if capital else word)
    return pool


def _swap(sentence: str, rng: np.random.Generator) -> str:
    """About SWAP_SHARE of the words swapped (at least one), every number redrawn."""
    pool = replacement_words()
    words = list(_WORD.finditer(sentence))
    eligible = [i for i, m in enumerate(words) if len(m.group()) > 2 and not m.group()[0].isdigit()]
    chosen = {i for i in eligible if rng.random() < SWAP_SHARE}
    if eligible and not chosen:
        chosen = {eligible[int(rng.integers(len(eligible)))]}
    parts, last = [], 0
    for i, match in enumerate(words):
        word = match.group()
        if word[0].isdigit():
            word = f"{rng.integers(1, 1000):,}" if "," in word or len(word) > 3 else str(rng.integers(1, 100))
        elif i in chosen:
            choices = pool[(word[0].isupper(), min(len(word), 10))]
            word = choices[rng.integers(len(choices))]
        parts += [sentence[last:match.start()], word]
        last = match.end()
    return "".join(parts) + sentence[last:]


def _damage(text: str, rng: np.random.Generator, rate: float = 0.06) -> str:
    """Glue, split or shift word boundaries at `rate` per word gap, as a bad scrape does."""
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        pieces = []
        for i, word in enumerate(words):
            roll = rng.random()
            if pieces and roll < rate / 3 and word.isalpha():
                pieces[-1] += word                                        # glued
            elif roll < 2 * rate / 3 and len(word) > 6 and word.isalpha():
                cut = int(rng.integers(2, len(word) - 2))
                pieces += [word[:cut], word[cut:]]                        # split
            elif pieces and roll < rate and len(word) > 3 and pieces[-1].isalpha():
                pieces[-1] += word[0]                                     # shifted
                pieces.append(word[1:])
            else:
                pieces.append(word)
        out.append(" ".join(pieces))
    return "\n".join(out)


def _furniture(rng: np.random.Generator) -> str:
    lines = rng.choice(FURNITURE, size=int(rng.integers(2, 5)), replace=False)
    return "\n".join(str(line).format(n=int(rng.integers(10, 99999)), hh=f"{rng.integers(0, 24):02d}",
                                      mm=f"{rng.integers(0, 60):02d}") for line in lines)


def _date(rng: np.random.Generator) -> tuple[str, str]:
    year = int(rng.choice([2001, 2003, 2007, 2010, 2015, 2019, 2022, 2024]))
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    return f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} {year}"


def articles(n: int, seed: int = SEED, damage_share: float = DAMAGE_SHARE) -> Iterator[dict]:
    """n articles as export rows: doc_id, outlet, published, title, text, damaged, duplicate_of."""
    body, titles = seed_sentences()
    rng = np.random.default_rng(seed)
    made: list[dict] = []
    for i in range(n):
        if made and rng.random() < DUPLICATE_SHARE:                       # wire copy reposted
            source = made[int(rng.integers(len(made)))]
            paragraphs = source["_paragraphs"][:]
            k = int(rng.integers(len(paragraphs)))                        # one sentence edited
            sentences = re.split(r"(?<=[.!?]) ", paragraphs[k])
            j = int(rng.integers(len(sentences)))
            sentences[j] = _swap(sentences[j], rng)
            paragraphs[k] = " ".join(sentences)
            row = {**source, "doc_id": f"honest-{i:06d}", "outlet": OUTLETS[int(rng.integers(len(OUTLETS)))],
                   "duplicate_of": source["doc_id"], "_paragraphs": paragraphs}
        else:
            published, shown = _date(rng)
            paragraphs = []
            for _ in range(int(rng.integers(5, 12))):
                picks = rng.integers(len(body), size=int(rng.integers(1, 4)))
                paragraphs.append(" ".join(_swap(body[j], rng) for j in picks))
            paragraphs[0] = f"BAKU, {shown} — " + paragraphs[0]
            row = {"doc_id": f"honest-{i:06d}", "outlet": OUTLETS[int(rng.integers(len(OUTLETS)))],
                   "published": published, "title": _swap(titles[int(rng.integers(len(titles)))], rng),
                   "damaged": bool(rng.random() < damage_share), "duplicate_of": "", "_paragraphs": paragraphs}
        made.append(row)
        text = "\n\n".join(row["_paragraphs"])
        if row["damaged"]:
            text = _damage(text, rng)
        parts = [row["title"], text]
        if rng.random() < FURNITURE_SHARE:
            parts.insert(int(rng.integers(0, 2)) * 2, _furniture(rng))    # above the title or at the end
        yield {k: v for k, v in row.items() if not k.startswith("_")} | {"text": "\n\n".join(parts)}


def describe(rows) -> dict:
    """Shares a benchmark prints beside its timings: distinct sentences, damaged articles,
    near-duplicates (sentences split at . ! ? followed by a space). Takes any iterable of rows
    and keeps only a hash per sentence, so it can describe an export of any size."""
    seen: set[int] = set()
    n = sentences = damaged = duplicates = 0
    for row in rows:
        n += 1
        damaged += bool(row["damaged"])
        duplicates += bool(row["duplicate_of"])
        for s in re.split(r"(?<=[.!?])\s+", row["text"]):
            if len(s.split()) > 3:
                sentences += 1
                seen.add(hash(s))
    return {"articles": n, "sentences": sentences, "distinct_share": len(seen) / max(sentences, 1),
            "damaged_share": damaged / max(n, 1), "duplicate_share": duplicates / max(n, 1)}


def write_export(out: Path, n: int | None = None, mb: float | None = None, seed: int = SEED,
                 damage_share: float = DAMAGE_SHARE) -> dict:
    """Write n articles, or articles until the file holds `mb` megabytes, as JSON Lines; the
    rows stream to the file (a 1 GB export is never held as text) and are described as they go."""
    def rows():
        written = 0
        for row in articles(n if n is not None else 10**12, seed, damage_share):
            line = json.dumps(row, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            yield row
            if mb is not None and written >= mb * 1e6:
                return
    with open(out, "w", encoding="utf-8") as f:
        return describe(rows())


def main(argv: list[str] | None = None) -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = cli.add_mutually_exclusive_group()
    size.add_argument("--n", type=int, help="number of articles (500 unless --mb)")
    size.add_argument("--mb", type=float, help="write articles until the export holds this many MB")
    cli.add_argument("--seed", type=int, default=SEED)
    cli.add_argument("--damaged", type=float, default=DAMAGE_SHARE, help="share of damaged articles")
    cli.add_argument("--out", type=Path, help="write a JSON Lines export here")
    args = cli.parse_args(argv)
    n = args.n if args.n is not None or args.mb is not None else 500
    if args.out:
        print(json.dumps(write_export(args.out, n, args.mb, args.seed, args.damaged)))
    else:
        print(json.dumps(describe(articles(n if n is not None else 500, args.seed, args.damaged))))


if __name__ == "__main__":
    main()

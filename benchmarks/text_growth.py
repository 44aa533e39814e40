"""How the text functions' time grows with the length of pathological text (prints; not a test).

    .venv/bin/python benchmarks/text_growth.py            # 10 KB and 100 KB
    .venv/bin/python benchmarks/text_growth.py --large    # and 1 MB
    .venv/bin/python benchmarks/text_growth.py --clean-vs-damaged

For each family of text (runs of one character, long tokens, many short lines, numbers in
bulk, mixed scripts, furniture in bulk, and ordinary news text as the floor) and each size,
the time of `clean_text`, and the growth exponent b between sizes (time ~ n^b; 1 is linear),
plus the cost per KB beside ordinary text measured in the same run. Ordinary text is built
from the seeds' sentences with their words shuffled (fixed seed), so nearly every sentence is
distinct and no cache is flattered; every cache that depends on the text is cleared before
each timing (the dictionaries, loaded once, are kept).

--clean-vs-damaged times `clean_text` per KB on the clean seeds and on the damaged one, the
gate's effect: an article without signs of word-boundary damage skips the repair search.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from functools import _lru_cache_wrapper
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.text import cleaning  # noqa: E402

KEEP = {"_web_counts", "_bigram_summary", "_sorted_words", "boilerplate_patterns", "vocabulary",
        "_lexicon", "_analysers", "_lexicon_words", "reporting_verbs", "_reporting_pattern"}


def clear_caches() -> None:
    """Clear every cache that remembers text (words, lines, articles); keep loaded tables."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("analysis"):
            continue
        for name, value in vars(module).items():
            if isinstance(value, _lru_cache_wrapper) and name not in KEEP:
                value.cache_clear()


def ordinary_text(size: int, seed: int = 1) -> str:
    """Seed sentences with their words shuffled, in paragraphs of three, up to `size` chars."""
    rng = random.Random(seed)
    units = analysis.sentences(analysis.load_corpus())
    sentences = [t.split() for t in units["text"] if len(t.split()) > 4]
    paragraphs, length = [], 0
    while length < size:
        paragraph = []
        for _ in range(3):
            words = list(rng.choice(sentences))
            rng.shuffle(words)
            paragraph.append(" ".join(words).rstrip(".") + ".")
        paragraphs.append(" ".join(paragraph))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:size]


def damaged_text(size: int, seed: int = 3) -> str:
    """Ordinary text with one space in 15 lost and one in 100 moved a letter to the right
    ("Putine mbarked"): the damage word-boundary repair is for."""
    rng = random.Random(seed)
    out = []
    text = ordinary_text(size, seed)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " " and text[i - 1:i].isalpha() and text[i + 1:i + 2].isalpha():
            draw = rng.random()
            if draw < 1 / 15:
                i += 1
                continue
            if draw < 1 / 15 + 1 / 100:
                out.append(text[i + 1] + " ")
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def families(size: int) -> dict[str, str]:
    half = size // 2
    frame = ordinary_text(2_000)
    mid = lambda run: frame[:1_000] + run + frame[1_000:]   # noqa: E731 (a run in mid-text)
    glued = "".join(random.Random(2).choice(["trade", "route", "baku", "moscow", "cargo", "visit"])
                    for _ in range(size // 5))[:size]
    return {
        "ordinary news text": ordinary_text(size),
        "damaged news text": damaged_text(size),
        "run of spaces": mid(" " * size),
        "run of tabs": mid("\t" * size),
        "run of no-break spaces": mid("\u00a0" * size),
        "run of em spaces": mid("\u2003" * size),
        "run of space+newline": mid(" \n" * half),
        "run of newlines": mid("\n" * size),
        "run of one letter": mid("a" * size),
        "run of digits 7 7 7": mid("7 " * half),
        "run of dashes": mid("\u2014 " * half),
        "run of slashes": mid("/a" * half),
        "glued token": mid(glued),
        "many short lines": "\n".join(["Share", "7990 views", "Trade rose."] * (size // 24)),
        "mixed scripts": ("Баку и Москва. باكو. 巴库 Baku " * (size // 30 + 1))[:size],
        "furniture in bulk": ("Share: Facebook Telegram\n13 Oct. 17:20\nRead also\n"
                              "Port of Baku reports a record month\n" * (size // 90 + 1))[:size],
    }


def time_clean(text: str) -> float:
    clear_caches()
    start = time.perf_counter()
    cleaning.clean_text(text)
    return time.perf_counter() - start


def growth(sizes: list[int], only=None) -> None:
    cleaning.clean_text("warm up the dictionaries: wasgreeted")
    keep = lambda name: name == "ordinary news text" or not only or name.startswith(tuple(only))  # noqa: E731
    results = {size: {name: (len(text), time_clean(text)) for name, text in families(size).items()
                      if keep(name)}
               for size in sizes}
    floor = {size: results[size]["ordinary news text"][1] / results[size]["ordinary news text"][0] * 1000
             for size in sizes}
    header = "family".ljust(26) + "".join(f"{s // 1000:>8} KB" for s in sizes)
    header += "".join(f"  b {a // 1000}->{b // 1000}" for a, b in zip(sizes, sizes[1:]))
    print(header + f"   ms/KB at {sizes[-1] // 1000} KB (x ordinary)")
    for name in results[sizes[0]]:
        times = [results[s][name][1] for s in sizes]
        lengths = [results[s][name][0] for s in sizes]
        row = name.ljust(26) + "".join(f"{t:>10.3f}s" for t in times)
        for (t1, n1), (t2, n2) in zip(zip(times, lengths), zip(times[1:], lengths[1:])):
            row += f"  {math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(n2 / n1):>9.2f}"
        per_kb = times[-1] / lengths[-1] * 1000 * 1000
        row += f"   {per_kb:8.2f} (x{per_kb / floor[sizes[-1]] / 1000:.2f})"
        print(row, flush=True)


def clean_vs_damaged() -> None:
    """clean_text per KB on each seed's raw text (fresh caches each time)."""
    corpus = analysis.load_corpus()
    cleaning.clean_text("warm up the dictionaries: wasgreeted")
    print("article".ljust(22) + "   KB   word-boundary edits   ms   ms/KB")
    for doc in corpus.itertuples():
        repairs = sum(e.rule in ("glued_words", "split_word", "shifted_boundary")
                      for e in cleaning.text_edits(doc.text_raw))
        best = min(time_clean(doc.text_raw) for _ in range(5))
        kb = len(doc.text_raw) / 1000
        print(f"{doc.doc_id:22s} {kb:5.1f} {repairs:>10d}          {best * 1000:7.1f} {best * 1000 / kb:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="also 1 MB")
    parser.add_argument("--clean-vs-damaged", action="store_true", help="only the seeds, clean vs damaged")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes in characters (default 10,000 and 100,000)")
    parser.add_argument("--only", nargs="+", help="families whose names start with these words")
    args = parser.parse_args()
    if args.clean_vs_damaged:
        clean_vs_damaged()
        return
    sizes = args.sizes or [10_000, 100_000] + ([1_000_000] if args.large else [])
    growth(sorted(sizes), args.only)


if __name__ == "__main__":
    main()

"""Worst-case benchmark: every public text function on pathological text (prints; not a test).

    python3 make.py bench --adversarial                    # 10 KB, 100 KB and 1 MB
    python3 make.py bench --adversarial --sizes 10000 100000
    python3 make.py bench --adversarial --only "run of" --functions clean_text
    python3 make.py bench --adversarial --clean-vs-damaged   # clean_text per KB, seed by seed

For each function (cleaning, sentence splitting, date finding, article dating, theme terms,
tone scoring, figure reading) and each family of text (runs of one character or of
whitespace of every kind, long tokens, numbers in bulk, many short lines, mixed scripts,
furniture in bulk, word-boundary damage), it prints the seconds at each size, the growth
exponent b between the two largest sizes (time ~ n^b; 1 is linear) and the cost per KB
against ordinary news text timed in the same run. Targets: b <= 1.1 and cost per KB within
5x of ordinary text; a row outside either is marked '!'.

Ordinary text is built from the seeds' sentences with their words shuffled (fixed seed), so
nearly every sentence is distinct, and every cache that remembers text or words is emptied
before each timing (analysis.parallel.release_text_caches; loaded dictionaries are kept):
no cache is flattered. A call that would blow the
budget at the next size (its time extrapolated with b = 2) is skipped and said so.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.parallel import release_text_caches  # noqa: E402
from analysis.quantities import extract_quantities  # noqa: E402
from analysis.text.cleaning import clean_text  # noqa: E402
from analysis.text.dates import find_dates  # noqa: E402
from analysis.text.dating import date_article  # noqa: E402
from analysis.text.segment import sentence_spans  # noqa: E402
from analysis.themes import find_terms  # noqa: E402
from analysis.tone import score_tone  # noqa: E402

FUNCTIONS = {
    "clean_text": clean_text,
    "sentence_spans": sentence_spans,
    "find_dates": lambda text: find_dates(text, "2024-08-19"),
    "date_article": date_article,
    "find_terms": find_terms,
    # as the pipeline scores: sentence by sentence (a whole text is no sentence, and is refused)
    "score_tone": lambda text: score_tone([text[s:e] for s, e in sentence_spans(text)]),
    "extract_quantities": lambda text: extract_quantities(text, "2024-08-19"),
}
EXPONENT_TARGET, COST_TARGET = 1.1, 5.0
BUDGET_SECONDS = 120.0      # per call: a call extrapolated past this at the next size is skipped
FLOOR = "ordinary news text"


def _seed_sentences() -> list[list[str]]:
    units = analysis.sentences(analysis.load_corpus())
    return [t.split() for t in units["text"] if len(t.split()) > 4]


def ordinary_text(size: int, seed: int = 1) -> str:
    """Seed sentences with their words shuffled, in paragraphs of three, up to `size` chars."""
    rng, sentences = random.Random(seed), _seed_sentences()
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
    rng, text, out, i = random.Random(seed), ordinary_text(size, seed), [], 0
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


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def families(size: int) -> dict[str, str]:
    """Each pathological family at about `size` characters (a run sits in mid-text)."""
    frame = ordinary_text(2_000)
    mid = lambda run: frame[:1_000] + run + frame[1_000:]   # noqa: E731
    glued = "".join(random.Random(2).choice(["trade", "route", "baku", "moscow", "cargo", "visit"])
                    for _ in range(size // 5))[:size]
    return {
        FLOOR: ordinary_text(size),
        "damaged news text": damaged_text(size),
        "run of spaces": mid(" " * size),
        "run of tabs": mid("\t" * size),
        "run of no-break spaces": mid("\u00a0" * size),
        "run of thin/ideographic spaces": mid(repeat("\u2009\u202f\u3000", size)),
        "run of newlines": mid("\n" * size),
        "run of one letter": mid("a" * size),
        "long glued token": mid(glued),
        "numbers 7 7 7": mid(repeat("7 ", size)),
        "numbers 7 777 7 777": mid(repeat("7 777 ", size)),
        "numbers $7 bn, ...": mid(repeat("$7 bn, ", size)),
        "years 2001 7 2001": mid(repeat("2001 7 ", size)),
        "dates 4 Nov. 09:05": mid(repeat("4 Nov. 09:05 ", size)),
        "digits 777...": mid("7" * size),
        "dashes and slashes": mid(repeat("\u2014 /a-", size)),
        "many short lines": repeat("Share\n7990 views\nTrade rose.\n", size),
        "mixed scripts": repeat("Баку и Москва. باكو. 巴库 Baku \u200f\u0301 ", size),
        "furniture in bulk": repeat("Share: Facebook Telegram\n13 Oct. 17:20\nRead also\n"
                                    "Port of Baku reports a record month\n", size),
    }


REFUSED: set[tuple[str, str]] = set()     # (function, family) that raised their documented error


def seconds(func, text: str, key: tuple[str, str] = ("", "")) -> float:
    """Seconds for func(text), caches cleared first; a documented refusal (ValueError, such as
    score_tone's TooLongToScore) counts as an answer and is recorded in REFUSED."""
    release_text_caches()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        try:
            func(text)
        except ValueError:
            REFUSED.add(key)
        return time.perf_counter() - start


def run(sizes: list[int], only=None, functions=None) -> int:
    """Print one table per function; return how many rows miss a target."""
    for func in FUNCTIONS.values():         # load every dictionary and lexicon once
        seconds(func, "warm up: wasgreeted on 4 Nov. 2024, $4 billion of trade in oil.")
    chosen = {n: f for n, f in FUNCTIONS.items() if not functions or n in functions}
    texts = {size: {name: text for name, text in families(size).items()
                    if name == FLOOR or not only or name.startswith(tuple(only))} for size in sizes}
    misses = 0
    for fname, func in chosen.items():
        print(f"\n{fname}")
        print("  family".ljust(34) + "".join(f"{s // 1000:>9} KB" for s in sizes)
              + "   b (last)   ms/KB   x ordinary")
        floor_per_kb = None
        for name in texts[sizes[0]]:
            times, lengths = [], []
            for size in sizes:
                if times and len(times) >= 2 and times[-1] * (size / sizes[len(times) - 1]) ** 2 > BUDGET_SECONDS:
                    break
                text = texts[size][name]
                times.append(seconds(func, text, (fname, name)))
                lengths.append(len(text))
            row = f"  {name}".ljust(34) + "".join(f"{t:>11.3f}" for t in times)
            row += " " * 11 * (len(sizes) - len(times))
            b = (math.log(max(times[-1], 1e-5) / max(times[-2], 1e-5)) / math.log(lengths[-1] / lengths[-2])
                 if len(times) >= 2 else float("nan"))
            per_kb = times[-1] / lengths[-1] * 1e6
            if name == FLOOR:
                floor_per_kb = per_kb
            ratio = per_kb / floor_per_kb if floor_per_kb else float("nan")
            # tiny times are noise: judge the exponent only where the largest call takes >= 20 ms
            miss = (times[-1] >= 0.02 and b > EXPONENT_TARGET) or ratio > COST_TARGET or len(times) < len(sizes)
            misses += miss
            row += f"   {b:8.2f}  {per_kb:7.3f}  {ratio:8.2f}" + ("  !" if miss else "")
            if (fname, name) in REFUSED:
                row += "  (refused with its documented error)"
            if len(times) < len(sizes):
                row += f"  (skipped from {sizes[len(times)] // 1000} KB: over the {BUDGET_SECONDS:.0f} s budget)"
            print(row, flush=True)
    print(f"\n{misses} row(s) outside the targets (b <= {EXPONENT_TARGET}, cost <= {COST_TARGET:.0f}x ordinary text)")
    return misses


def clean_vs_damaged() -> None:
    """clean_text per KB on each seed's raw text (fresh caches each time): the gate's effect,
    an article without signs of word-boundary damage skips the repair search."""
    from analysis.text.cleaning import text_edits

    clean_text("warm up the dictionaries: wasgreeted")
    print("article".ljust(22) + "   KB   word-boundary edits   ms   ms/KB")
    for doc in analysis.load_corpus().itertuples():
        repairs = sum(e.rule in ("glued_words", "split_word", "shifted_boundary") for e in text_edits(doc.text_raw))
        best = min(seconds(clean_text, doc.text_raw) for _ in range(5))
        kb = len(doc.text_raw) / 1000
        print(f"{doc.doc_id:22s} {kb:5.1f} {repairs:>10d}          {best * 1000:7.1f} {best * 1000 / kb:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="sizes in characters (default 10 KB, 100 KB, 1 MB)")
    parser.add_argument("--only", nargs="+", help="families whose names start with these words")
    parser.add_argument("--functions", nargs="+", choices=list(FUNCTIONS), help="only these functions")
    parser.add_argument("--clean-vs-damaged", action="store_true", help="only clean_text on each seed")
    args = parser.parse_args()
    if args.clean_vs_damaged:
        clean_vs_damaged()
        return
    run(sorted(args.sizes), args.only, args.functions)


if __name__ == "__main__":
    main()

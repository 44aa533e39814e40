"""Scaling benchmark (not a test): the whole pipeline on synthetic corpora of growing size.

    python3 make.py bench                 # 50, 500 and 5,000 articles, then the notebook rebuild
    python3 make.py bench --sizes 50 500  # smaller run

Synthetic articles recombine the seeds' paragraphs (no external data) with a fixed seed. For
each size, in a fresh process: wall time per stage, articles per second, peak memory; then the
growth exponent between sizes (time ~ n^b; b = 1 is linear) and the ratio of the whole pipeline
to TextBlob alone on the same sentences (the lexicon is the irreducible cost). Prints only.

Read the ratio with two facts beside it. The pipeline spreads cleaning, theme matching and
figure extraction over every core, while TextBlob alone runs in one process. And
`score_tone` scores each distinct sentence once; recombined paragraphs repeat sentences, so
the `distinct` column says how much of the tone stage's work the synthetic corpus spared it.

    python3 make.py bench --without-word-repair --no-rebuild

is a diagnostic, not a result: the same run with word-boundary repair switched off (the
cleaned text then differs), to show what the rest of the pipeline costs and so how much time
any repair method could take within the 1.5x target.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["load", "sentences", "tone", "themes", "topics", "quantities"]


def synthetic_corpus(n: int, seed: int = 20240819) -> pd.DataFrame:
    """n articles of 6-14 seed paragraphs each, dated like a random seed article."""
    import analysis

    corpus = analysis.load_corpus()
    paragraphs = [p for raw in corpus["text_raw"] for p in raw.split("\n\n") if len(p.split()) > 12]
    dates = list(corpus["event_date"].dt.strftime("%Y-%m-%d"))
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        body = rng.sample(paragraphs, rng.randint(6, 14))
        rows.append({"doc_id": f"synthetic-{i:05d}", "outlet": f"outlet-{i % 7}",
                     "event_date": (d := rng.choice(dates)), "published": d,
                     "text": f"Synthetic article {i}\n\n" + "\n\n".join(body)})
    return pd.DataFrame(rows)


def run_size(n: int, word_repair: bool = True) -> dict:
    """Time every stage on n articles (called in a fresh process)."""
    import multiprocessing

    import analysis
    from textblob import TextBlob

    if not word_repair:
        # Worker processes inherit the switch only when forked.
        if "fork" not in multiprocessing.get_all_start_methods():
            sys.exit("--without-word-repair needs the fork start method (Linux, macOS)")
        multiprocessing.set_start_method("fork", force=True)
        import analysis.cleaning
        from analysis.text.wordbreaks import RepairPlan

        analysis.cleaning.plan_word_repairs = lambda text: RepairPlan([], [])

    # Import every stage's module first, as TextBlob is imported before its timing: a stage's
    # time is its work on the corpus, not the one-off cost of importing its libraries.
    for module in ("corpus", "segment", "tone", "themes", "topics", "quantities"):
        importlib.import_module(f"analysis.{module}")
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.csv"
        synthetic_corpus(n).to_csv(path, index=False)
        start = time.perf_counter()
        corpus = analysis.load_corpus(path)
        timings["load"] = time.perf_counter() - start
    steps = {
        "sentences": lambda: analysis.sentences(corpus),
    }
    start = time.perf_counter()
    sents = steps["sentences"]()
    timings["sentences"] = time.perf_counter() - start
    texts = list(sents["text"])
    stage_calls = {
        "tone": lambda: analysis.score_tone(texts),
        "themes": lambda: analysis.theme_shares(sents),
        "topics": lambda: analysis.fit_topics(analysis.paragraphs(corpus), k=6, seed=0),
        "quantities": lambda: analysis.quantity_table(corpus),
    }
    for stage, call in stage_calls.items():
        start = time.perf_counter()
        try:
            call()
            timings[stage] = time.perf_counter() - start
        except (AttributeError, ImportError, TypeError) as err:   # a stage not built yet
            timings[stage] = float("nan")
            print(f"  ({stage} skipped: {err})", file=sys.stderr)
    start = time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment
    textblob_alone = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "sentences": len(texts), "distinct": len(set(texts)), "timings": timings,
            "textblob": textblob_alone, "peak_mb": peak_mb}


def rebuild_seconds() -> float:
    """Execute every notebook in a fresh kernel, as `make.py build` does, without saving."""
    sys.path.insert(0, str(ROOT))
    from make import execute_notebooks

    return execute_notebooks([], save=False)


def _total(result: dict) -> float:
    return sum(v for v in result["timings"].values() if not math.isnan(v))


def report(results: list[dict], word_repair: bool = True) -> None:
    if not word_repair:
        print("\nDIAGNOSTIC: word-boundary repair switched off (the cleaned text differs)")
    print(f"\n{'articles':>8} {'sentences':>9} {'distinct':>8} " + " ".join(f"{s:>10}" for s in STAGES)
          + f" {'total s':>8} {'art/s':>7} {'TextBlob s':>10} {'ratio':>6} {'peak MB':>8}")
    for r in results:
        total = _total(r)
        print(f"{r['n']:>8} {r['sentences']:>9} {r.get('distinct', 0):>8} "
              + " ".join(f"{r['timings'].get(s, float('nan')):>10.2f}" for s in STAGES)
              + f" {total:>8.1f} {r['n'] / total:>7.1f} {r['textblob']:>10.2f}"
              f" {total / r['textblob']:>6.1f} {r['peak_mb']:>8.0f}")
    for a, b in zip(results, results[1:]):
        scale = math.log(b["n"] / a["n"])
        parts = []
        for s in STAGES:
            ta, tb = a["timings"].get(s), b["timings"].get(s)
            if ta and tb and not math.isnan(ta) and not math.isnan(tb) and ta > 0:
                parts.append(f"{s} {math.log(tb / ta) / scale:.2f}")
        ta, tb = _total(a), _total(b)
        print(f"growth exponent {a['n']}->{b['n']}: total {math.log(tb / ta) / scale:.2f} ({', '.join(parts)})")
    if not word_repair:
        for r in results:
            print(f"{r['n']} articles: at 1.5x TextBlob alone, word-boundary repair could take "
                  f"{1.5 * r['textblob'] - _total(r):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--no-rebuild", action="store_true", help="skip timing the notebook rebuild")
    parser.add_argument("--without-word-repair", action="store_true",
                        help="diagnostic: switch word-boundary repair off (see above)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)      # internal: one size, JSON out
    args = parser.parse_args()
    word_repair = not args.without_word_repair
    if args.one:
        print(json.dumps(run_size(args.one, word_repair)))
        return
    results = []
    for n in args.sizes:
        print(f"running {n} articles ...", flush=True)
        switch = [] if word_repair else ["--without-word-repair"]
        out = subprocess.run([sys.executable, __file__, "--one", str(n), *switch], check=True,
                             capture_output=True, text=True, cwd=ROOT)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    report(results, word_repair)
    if not args.no_rebuild:
        print(f"\nfull notebook rebuild: {rebuild_seconds():.1f} s (target: under 60 s)")


if __name__ == "__main__":
    main()

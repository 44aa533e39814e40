"""Scaling benchmark (prints figures; not a test): the pipeline on an honest corpus, against
the lexicons alone, and the notebook rebuild against notebooks that only import.

    python3 make.py bench                  # 500 and 5,000 articles, then the notebook rebuild
    python3 make.py bench --sizes 500      # one size
    python3 make.py bench --large          # also 50,000 articles
    python3 make.py bench --rebuild-only   # only the notebook rebuild against its floor

The corpus (benchmarks/honest_corpus.py) behaves like a real one: over 95% of its sentences are
distinct, 10% of its articles carry word-boundary damage, most carry page furniture and 3% are
reposted wire copy. Its shares are printed beside every result, because a corpus that repeats
sentences lets per-sentence caches do the work and flatters the pipeline.

The floor, "lexicons alone": score every sentence of the clean text with both lexicons the
tone index needs (TextBlob's polarity and subjectivity, VADER's compound score), in one
process, with no cache across sentences. Nothing the pipeline does can be cheaper than
reading each sentence through both lexicons once. Each size runs twice in fresh processes:
in one process (ANALYSIS_WORKERS=1) and on every core; each time the floor is measured in
the same process, so the ratio is free of the machine's day-to-day speed.

The rebuild: every notebook, and as many floor notebooks that import the same libraries,
load the corpus and save one figure, each run in fresh kernels by the same runner as
`make.py build`, into a temporary folder (nothing tracked is written).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
STAGES = ["load", "sentences", "tone", "themes", "topics", "quantities"]
TOPIC_K = 6


def run_size(n: int) -> dict:
    """Time every stage on n honest articles, then the floor on the same sentences (called in
    a fresh process)."""
    import honest_corpus

    import analysis

    # Import every stage's module (and the lexicons) before the clock starts, as the floor's
    # libraries are: a stage's time is its work on the corpus, not the cost of an import.
    for module in ("corpus", "text.segment", "tone", "themes", "topics", "quantities"):
        importlib.import_module(f"analysis.{module}")
    rows = list(honest_corpus.articles(n))
    shares = honest_corpus.describe(rows)
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        del rows
        start = time.perf_counter()
        corpus = analysis.load_corpus(path)
        timings["load"] = time.perf_counter() - start
    start = time.perf_counter()
    sents = analysis.sentences(corpus)
    timings["sentences"] = time.perf_counter() - start
    texts = list(sents["text"])
    calls = {
        "tone": lambda: analysis.score_tone(texts),
        "themes": lambda: analysis.theme_shares(sents),
        "topics": lambda: analysis.fit_topics(analysis.paragraphs(corpus), k=TOPIC_K, seed=0),
        "quantities": lambda: analysis.quantity_table(corpus),
    }
    for stage, call in calls.items():
        start = time.perf_counter()
        call()
        timings[stage] = time.perf_counter() - start
    floor = lexicons_alone(texts)
    return {"n": n, "articles_kept": len(corpus), "sentences": len(texts), "distinct_sentences": len(set(texts)),
            "shares": shares, "timings": timings, "floor": floor,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def lexicons_alone(texts: list[str]) -> float:
    """Seconds to score every sentence with TextBlob (polarity, subjectivity) and VADER
    (compound), one process, a fresh reading of each sentence (no cache)."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment
        vader.polarity_scores(text)
    return time.perf_counter() - start


def measure(n: int, workers: int | None) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if workers:
        env["ANALYSIS_WORKERS"] = str(workers)
    out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True,
                         text=True, cwd=ROOT, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["workers"] = workers or os.cpu_count()
    return result


def _total(result: dict) -> float:
    return sum(result["timings"].values())


def report(results: list[dict]) -> None:
    print(f"\n{'articles':>8} {'cores':>5} {'distinct':>8} {'damaged':>7} "
          + " ".join(f"{s:>10}" for s in STAGES)
          + f" {'total s':>8} {'floor s':>8} {'ratio':>6} {'peak MB':>8}")
    for r in results:
        total = _total(r)
        print(f"{r['n']:>8,} {r['workers']:>5} {r['shares']['distinct_share']:>8.1%} "
              f"{r['shares']['damaged_share']:>7.1%} "
              + " ".join(f"{r['timings'][s]:>10.2f}" for s in STAGES)
              + f" {total:>8.1f} {r['floor']:>8.2f} {total / r['floor']:>6.2f} {r['peak_mb']:>8.0f}")
    print("ratio: the pipeline's total over the floor measured in the same process "
          "(targets at 5,000 articles: one core <= 1.5, every core <= 0.9)")
    by_workers: dict[int, list[dict]] = {}
    for r in results:
        by_workers.setdefault(r["workers"], []).append(r)
    for workers, runs in by_workers.items():
        for a, b in zip(runs, runs[1:]):
            exponent = math.log(_total(b) / _total(a)) / math.log(b["n"] / a["n"])
            print(f"growth exponent {a['n']:,} -> {b['n']:,} articles on {workers} core(s): {exponent:.2f}")


FLOOR_NOTEBOOK = '''import analysis
import matplotlib
import pandas as pd
import sklearn.decomposition
import textblob
import vaderSentiment.vaderSentiment
from analysis.plotting import new_figure, save_figure

corpus = analysis.load_corpus()
fig, ax = new_figure()
ax.plot(range(len(corpus)), corpus["n_words"])
print(save_figure(fig, "{number}_floor"))
'''


def rebuild_seconds() -> tuple[float, float]:
    """(every notebook, one floor notebook for each): seconds in fresh kernels, same runner."""
    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    import tasks

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ[tasks.FIGURES_ENV] = str(tmp / "figures")
        notebooks = tasks.execute_notebooks([], out=tmp / "real")
        floor_dir = tmp / "floor-src"
        floor_dir.mkdir()
        for path in tasks.notebook_paths([]):
            nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
            nb.cells = [nbformat.v4.new_code_cell(FLOOR_NOTEBOOK.replace("{number}", path.name[:2]))]
            nbformat.write(nb, floor_dir / path.name)
        saved, tasks.NOTEBOOKS = tasks.NOTEBOOKS, floor_dir
        try:
            floor = tasks.execute_notebooks([], out=tmp / "floor")
        finally:
            tasks.NOTEBOOKS = saved
    return notebooks, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--large", action="store_true", help="also 50,000 articles")
    parser.add_argument("--no-rebuild", action="store_true", help="skip timing the notebook rebuild")
    parser.add_argument("--rebuild-only", action="store_true", help="only time the notebook rebuild")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)      # internal: one size, JSON out
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one)))
        return
    sizes = [] if args.rebuild_only else args.sizes + ([50_000] if args.large else [])
    results = []
    for workers in (1, None):
        for n in sizes:
            print(f"running {n:,} articles on {'1 core' if workers else 'every core'} ...", flush=True)
            results.append(measure(n, workers))
    if results:
        report(results)
    if not args.no_rebuild:
        notebooks, floor = rebuild_seconds()
        print(f"\nnotebook rebuild: {notebooks:.1f} s; import-only floor notebooks: {floor:.1f} s; "
              f"ratio {notebooks / floor:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()

"""Check that a change to word repair keeps every edit of an earlier revision (prints; not a test).

    .venv/bin/python benchmarks/wordbreaks_equivalence.py                  # against HEAD
    .venv/bin/python benchmarks/wordbreaks_equivalence.py --against main --synthetic 100

The normal test suite checks the search against the plain reference model
(tests/test_wordbreaks_reference.py). This script checks a change against the code of a git
revision (default: HEAD, the last commit) on many more texts, so that a change meant to keep
every repair (speed, tidying) can show it did: it runs the working tree's
`repair_word_boundaries` and the revision's over the same texts and lists any text where they
differ: the seeds whole and paragraph by paragraph, synthetic articles (recombined seed
paragraphs), and groups of seed sentences damaged at random (fixed seed) so that most damage
is unseen. Prints both timings; exits 1 if any output differs.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "analysis/text/wordbreaks.py"
OLD_MODULE = "analysis/wordbreaks.py"     # its place before the move to analysis/text/


def load_module(name: str, path: Path):
    """Import one file as a module (wordbreaks needs nothing from the rest of the package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def damaged(sentences: list[str], n: int, seed: int = 7) -> list[str]:
    """n groups of 1-4 sentences with about 5% of spaces removed and 4% of words split."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words, kept = " ".join(rng.sample(sentences, rng.randint(1, 4))).split(" "), []
        for word in words:
            r = rng.random()
            if r < 0.05 and kept:
                kept[-1] += word
            elif r < 0.09 and len(word) > 3:
                cut = rng.randint(1, len(word) - 1)
                kept += [word[:cut], word[cut:]]
            else:
                kept.append(word)
        out.append(" ".join(kept))
    return out


def texts(n_synthetic: int, n_damaged: int) -> list[str]:
    sys.path.insert(0, str(ROOT))
    import analysis
    from benchmarks.pipeline import synthetic_corpus

    raws = list(analysis.load_corpus()["text_raw"])
    paragraphs = [p for raw in raws for p in raw.split("\n\n")]
    sentences = [s for raw in raws for s in raw.replace("\n", " ").split(". ") if len(s) > 30]
    synthetic = list(synthetic_corpus(n_synthetic)["text"]) if n_synthetic else []
    return raws + paragraphs + synthetic + damaged(sentences, n_damaged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", default="HEAD", help="git revision to compare with")
    parser.add_argument("--synthetic", type=int, default=300)
    parser.add_argument("--damaged", type=int, default=1500)
    args = parser.parse_args()
    shown = subprocess.run(["git", "show", f"{args.against}:{MODULE}"], cwd=ROOT,
                           capture_output=True, text=True)
    if shown.returncode:
        shown = subprocess.run(["git", "show", f"{args.against}:{OLD_MODULE}"], cwd=ROOT, check=True,
                               capture_output=True, text=True)
    source = shown.stdout
    with tempfile.TemporaryDirectory() as tmp:
        reference_path = Path(tmp) / "wordbreaks_reference.py"
        reference_path.write_text(source)
        reference = load_module("wordbreaks_reference", reference_path)
    current = load_module("wordbreaks_current", ROOT / MODULE)
    corpus = texts(args.synthetic, args.damaged)
    results = {}
    for label, module in ((args.against, reference), ("working tree", current)):
        module.repair_word_boundaries("warm up the tables")      # load the frequency tables
        start = time.perf_counter()
        results[label] = [module.repair_word_boundaries(text) for text in corpus]
        print(f"{label:>12}: {time.perf_counter() - start:6.1f} s, "
              f"{sum(map(len, results[label])):,} edits in {len(corpus):,} texts")
    differ = [i for i, (a, b) in enumerate(zip(*results.values())) if a != b]
    print(f"texts whose edits differ: {len(differ)}" + (f" (first: {differ[:5]})" if differ else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

"""Theme dictionary against hand-written sentences (not a test; prints figures).

    .venv/bin/python benchmarks/themes_eval.py

Reads tests/fixtures/theme_gold.csv: sentences written for this project with the theme words
a reader marks in them (collisions, senses, names, and plain hits in every theme), and prints
each theme's precision and recall against the targets of issue 24 (precision >= 0.9 per
theme, recall >= 0.8), then every wrong or missed hit. tests/test_theme_eval.py asserts the
same targets.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.theme_precision import gold_errors, read_gold, score_gold  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "theme_gold.csv"
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8


def main() -> int:
    gold = read_gold(GOLD)
    table = score_gold(gold)
    kinds = gold["kind"].value_counts()
    print(f"{len(gold)} hand-written sentences ({', '.join(f'{k} {n}' for k, n in kinds.items())}); "
          f"{int(table.loc['all', 'right hits'] + table.loc['all', 'missed'])} marked theme words")
    with pd.option_context("display.width", 160):
        print(table.round(3).to_string())
    themes = table.drop(index="all")
    low_p = themes.index[themes["precision"] < PRECISION_TARGET].tolist()
    low_r = themes.index[themes["recall"] < RECALL_TARGET].tolist()
    print(f"targets: precision >= {PRECISION_TARGET} per theme: "
          f"{'met' if not low_p else 'missed by ' + ', '.join(low_p)}; recall >= {RECALL_TARGET} per theme: "
          f"{'met' if not low_r else 'missed by ' + ', '.join(low_r)}")
    errors = gold_errors(gold)
    if len(errors):
        print(f"\n{len(errors)} wrong or missed hits:")
        with pd.option_context("display.width", 160, "display.max_rows", None):
            print(errors.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Precision and recall of `extract_quantities` on hand-written sentences (issue 23).

Reads tests/fixtures/figures_eval.txt (sentences written for this purpose, each with the
figures a careful reader takes from it, written by hand) and prints:

- precision: extracted figures that are real figures / all extracted figures;
- recall: real figures the extractor found / all real figures;
- all fields right: real figures found with value, unit, sign and per all right / all real
  figures;
- how many figures have the value 0 where the sentence shows no zero, and how many
  measurements came out as counts (both must be 0);
- agreement on the `ambiguous`, `unit_word` and `direction` columns.

A found figure matches a real one when their spans overlap. Targets: precision >= 0.97 and
recall >= 0.95. Benchmark output, not a test; tests/test_figures_eval.py checks the targets.

    .venv/bin/python benchmarks/figures_eval.py [--verbose]
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.quantities import extract_quantities  # noqa: E402

EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "figures_eval.txt"
PUBLISHED = "2024-08-19"
PLACEHOLDERS = {"{nbsp}": "\u00a0", "{thin}": "\u2009", "{nnbsp}": "\u202f", "{minus}": "\u2212"}


@dataclass
class Gold:
    span: str
    value: float
    unit: str
    per: str
    flags: set[str] = field(default_factory=set)

    @property
    def direction(self) -> str:
        return "up" if "up" in self.flags else "down" if "down" in self.flags else ""

    @property
    def word(self) -> str:
        return next((f[5:] for f in self.flags if f.startswith("word=")), "")


def _fill(text: str) -> str:
    for key, char in PLACEHOLDERS.items():
        text = text.replace(key, char)
    return text


def read_cases(path: Path = EVAL_FILE) -> list[tuple[str, list[Gold]]]:
    """[(sentence, [Gold, ...]), ...] from the evaluation file."""
    cases: list[tuple[str, list[Gold]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("S: "):
            cases.append((_fill(line[3:]), []))
        elif line.startswith("F: "):
            parts = [p.strip() for p in line[3:].split("|")]
            if len(parts) != 5 or not cases:
                raise ValueError(f"{path.name}:{number}: expected 'F: span | value | unit | per | flags'")
            span, value, unit, per, flags = parts
            gold = Gold(_fill(span), float(value), unit, per, set(flags.split()))
            if gold.span not in cases[-1][0]:
                raise ValueError(f"{path.name}:{number}: {gold.span!r} is not in its sentence")
            cases[-1][1].append(gold)
    return cases


def _located(sentence: str, golds: list[Gold]) -> list[tuple[int, int, Gold]]:
    """Each gold figure's character span in its sentence (repeated spans in order)."""
    found, start_from = [], {}
    for gold in golds:
        whole = re.compile(rf"(?<![0-9A-Za-z]){re.escape(gold.span)}(?![0-9A-Za-z])")
        m = whole.search(sentence, start_from.get(gold.span, 0))     # '2', not the 2 of '12'
        start = m.start() if m else sentence.find(gold.span, start_from.get(gold.span, 0))
        start_from[gold.span] = start + 1
        found.append((start, start + len(gold.span), gold))
    return found


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def evaluate(cases=None) -> dict:
    """Scores over the evaluation set, plus the list of disagreements."""
    cases = read_cases() if cases is None else cases
    n_found = n_gold = n_matched = n_right = 0
    zeros = counted_measures = 0
    agree = {"ambiguous": 0, "unit_word": 0, "direction": 0}
    problems = []
    for sentence, golds in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = extract_quantities(sentence, PUBLISHED)
        n_found += len(found)
        n_gold += len(golds)
        has_zero = "0" in sentence or re.search(r"\bzero\b", sentence, re.I)
        zeros += int(((found["value"] == 0) & (not has_zero)).sum())
        unmatched = list(found.itertuples())
        for start, end, gold in _located(sentence, golds):
            row = next((r for r in unmatched if r.start < end and start < r.end), None)
            if row is None:
                problems.append(f"MISSED   {gold.span!r} in {sentence!r}")
                continue
            unmatched.remove(row)
            n_matched += 1
            right = (_same_value(row.value, gold.value) and row.unit == gold.unit and row.per == gold.per
                     and (row.value < 0) == (gold.value < 0))
            n_right += right
            counted_measures += gold.unit != "count" and row.unit == "count"
            agree["ambiguous"] += bool(row.ambiguous) == ("ambiguous" in gold.flags)
            agree["unit_word"] += row.unit_word == gold.word
            agree["direction"] += row.direction == gold.direction
            if not right:
                problems.append(f"WRONG    {row.span!r}: {row.value:g} {row.unit} per {row.per!r}; "
                                f"expected {gold.value:g} {gold.unit} per {gold.per!r}  ({sentence!r})")
            for column, expected in (("ambiguous", "ambiguous" in gold.flags), ("unit_word", gold.word),
                                     ("direction", gold.direction)):
                if getattr(row, column) != expected:
                    problems.append(f"{column.upper():8s} {row.span!r}: {getattr(row, column)!r}, expected "
                                    f"{expected!r}  ({sentence!r})")
        problems += [f"EXTRA    {r.span!r}: {r.value:g} {r.unit}  ({sentence!r})" for r in unmatched]
    return {"sentences": len(cases), "gold": n_gold, "found": n_found, "matched": n_matched,
            "precision": n_matched / n_found if n_found else 1.0,
            "recall": n_matched / n_gold if n_gold else 1.0,
            "all_fields_right": n_right / n_gold if n_gold else 1.0,
            "zero_without_zero": zeros, "measurement_as_count": counted_measures,
            **{f"{k}_agreement": v / n_matched if n_matched else 1.0 for k, v in agree.items()},
            "problems": problems}


def main(verbose: bool = False) -> None:
    scores = evaluate()
    print(f"{scores['sentences']} sentences, {scores['gold']} figures written by hand, "
          f"{scores['found']} extracted, {scores['matched']} matched")
    print(f"precision                      {scores['precision']:.3f}   (target >= 0.97)")
    print(f"recall                         {scores['recall']:.3f}   (target >= 0.95)")
    print(f"value, unit, sign, per right   {scores['all_fields_right']:.3f}")
    print(f"value 0 with no zero in text   {scores['zero_without_zero']}")
    print(f"measurements read as counts    {scores['measurement_as_count']}")
    for column in ("ambiguous", "unit_word", "direction"):
        print(f"{column + ' agrees':30s} {scores[column + '_agreement']:.3f}")
    if verbose or scores["problems"]:
        print(f"\n{len(scores['problems'])} disagreement(s):")
        print("\n".join(scores["problems"]))


if __name__ == "__main__":
    main(verbose="--verbose" in sys.argv)

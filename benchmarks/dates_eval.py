"""How well articles are dated from their text alone, on look-alike articles written for the
project with their true dates written by hand: a development set
(tests/fixtures/dates_lookalike.txt) and a held-out set written after the rules were settled
(tests/fixtures/dates_lookalike_heldout.txt; one rule was added after reading it: year-first
dates such as 2012/04/24).

    python3 benchmarks/dates_eval.py            (or .venv/bin/python benchmarks/dates_eval.py -v)

Prints, over the articles:
- precision: of the articles given a date, the share whose true date lies inside the interval
  given (a right month at month precision counts; a day inside the true month does not);
- coverage: of the articles a careful reader could date from their text (`dateable: yes`),
  the share given a date at any precision;
- exact-day share: of those, the share given exactly their true day;
- day precision from year-only evidence: articles whose only dates are years that got a day
  (must be 0).
Targets (issue 25): precision >= 98%, coverage >= 80%, no day from year-only evidence.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.text.dating import date_article  # noqa: E402

SET = ROOT / "tests" / "fixtures" / "dates_lookalike.txt"
HELD_OUT = ROOT / "tests" / "fixtures" / "dates_lookalike_heldout.txt"


def read_lookalike(path: Path = SET) -> list[dict]:
    """The articles of the look-alike set: id, true (first, last day), dateable, evidence, text."""
    articles = []
    for block in re.split(r"(?m)^=== ", path.read_text(encoding="utf-8"))[1:]:
        head, _, text = block.partition("\n---\n")
        lines = head.splitlines()
        fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        articles.append({"id": lines[0].strip(), "true": _interval(fields["true"]),
                         "dateable": fields["dateable"] == "yes", "evidence": fields["evidence"],
                         "text": text.rstrip("\n") + "\n"})
    return articles


def _interval(value: str) -> tuple[date, date]:
    if re.fullmatch(r"\d{4}-\d{2}", value):
        first = pd.Timestamp(value + "-01")
        return first.date(), (first + pd.offsets.MonthEnd(0)).date()
    day = pd.Timestamp(value).date()
    return day, day


def evaluate(path: Path = SET) -> tuple[pd.DataFrame, dict]:
    """One row per article (what was assigned and whether it is right), and the measures."""
    rows = []
    for article in read_lookalike(path):
        result = date_article(article["text"])
        true_first, true_last = article["true"]
        dated = result.precision != ""
        right = dated and result.event_start <= true_first and true_last <= result.event_end
        rows.append({"id": article["id"], "evidence": article["evidence"], "dateable": article["dateable"],
                     "true": true_first.isoformat() if true_first == true_last else f"{true_first:%Y-%m}",
                     "event_start": result.event_start, "event_end": result.event_end,
                     "precision": result.precision, "source": result.source, "right": right,
                     "exact_day": dated and result.precision == "day" and true_first == true_last == result.event_start,
                     "evidence_text": result.evidence})
    table = pd.DataFrame(rows)
    dated = table[table["precision"] != ""]
    dateable = table[table["dateable"]]
    year_only = table[table["evidence"].str.fullmatch("year-only|horizon")]
    measures = {
        "articles": len(table), "dateable": len(dateable), "dated": len(dated),
        "precision": dated["right"].mean() if len(dated) else float("nan"),
        "coverage": (dateable["precision"] != "").mean(),
        "exact_day_share": dateable["exact_day"].mean(),
        "day_from_year_only": int((year_only["precision"] == "day").sum()),
        "wrong": list(dated.loc[~dated["right"], "id"]),
        "missed": list(dateable.loc[dateable["precision"] == "", "id"]),
    }
    return table, measures


def _report(name: str, path: Path, verbose: bool) -> dict:
    table, m = evaluate(path)
    if verbose:
        with pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.max_rows", 200):
            print(table.drop(columns="evidence_text").to_string(index=False))
        print()
    print(f"{name}: {m['articles']} look-alike articles ({m['dateable']} dateable from their text), "
          f"dated: {m['dated']}")
    print(f"  precision (right at the stated precision): {m['precision']:.1%}   target >= 98%")
    print(f"  coverage (dateable articles given a date): {m['coverage']:.1%}   target >= 80%")
    print(f"  exact-day share (dateable articles given their true day): {m['exact_day_share']:.1%}")
    print(f"  day precision from year-only evidence: {m['day_from_year_only']}   target 0")
    print(f"  wrong: {m['wrong'] or 'none'}; dateable but undated: {m['missed'] or 'none'}")
    by_precision = table["precision"].replace("", "undated").value_counts()
    print("  by precision: " + ", ".join(f"{k} {by_precision.get(k, 0)}" for k in ("day", "month", "year", "undated")))
    return m


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    _report("development set", SET, verbose)
    _report("held-out set (written after the rules were settled)", HELD_OUT, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

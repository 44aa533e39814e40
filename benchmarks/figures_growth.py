"""How the time `extract_quantities` takes grows with the length of pathological texts.

Prints, for each family of text (runs of one number, numbers with full stops, hyphens,
commas, years, periods, long digit strings, ...), the seconds at two sizes and the growth
exponent log(t2/t1)/log(n2/n1): 1.0 is linear, 2.0 quadratic. A benchmark that prints figures,
not a test; ordinary news text is timed alongside as the floor.

    .venv/bin/python benchmarks/figures_growth.py [small large [family ...]]   (default 8000 32000, all)
"""

from __future__ import annotations

import math
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.quantities import extract_quantities  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_852ae38d7ba74477.txt"

FAMILIES = {
    "7 7 7 ...": "7 ",
    "7. 7. 7. ...": "7. ",
    "7\\n7\\n ...": "7\n",
    "7-7-7 ...": "7-",
    "7,7,7 ...": "7,",
    "7 777 7 777 ...": "7 777 ",
    "$7 bn, ...": "$7 bn, ",
    "digits 777...": "7",
    "seven seven ...": "seven ",
    "last year 7%, ...": "last year 7%, ",
    "for the year 7 ...": "for the year 7 ",
    "2001 7 2001 7 ...": "2001 7 ",
    "Russia 24 ...": "Russia 24 ",
    "(7) (7) ...": "($7) ",
    "spaces": " ",
    "news text (floor)": None,
}


def text_of(unit: str | None, n: int) -> str:
    if unit is None:
        news = SEED.read_text(encoding="utf-8")
        return (news * (n // len(news) + 1))[:n]
    return (unit * (n // len(unit) + 1))[:n]


def seconds(text: str) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        extract_quantities(text, "2024-08-19")
        return time.perf_counter() - start


def main(small: int = 8_000, large: int = 32_000, only: list[str] | None = None) -> None:
    print(f"{'family':22s} {small:>10,} {large:>10,}  exponent")
    for name, unit in FAMILIES.items():
        if only and not any(o in name for o in only):
            continue
        t1, t2 = seconds(text_of(unit, small)), seconds(text_of(unit, large))
        exponent = math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(large / small)
        print(f"{name:22s} {t1:10.3f} {t2:10.3f}  {exponent:8.2f}", flush=True)


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:3]]
    main(*sizes, only=sys.argv[3:] or None)

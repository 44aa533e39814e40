"""A sample of sentences to code by hand, so notebook 01 can validate the lexicons on a corpus
that has no hand codes.

    python3 make.py codesheet --corpus PATH --n 200 --out sheet.csv   # draw sentences to code
    python3 make.py build --corpus PATH --codes sheet.csv --out DIR   # validate with the codes

A lexicon that agrees with a reader on five 2001-2024 articles need not agree on yours. The
sheet draws `n` sentences stratified by era and outlet (every stratum gets at least one while
`n` allows; the rest follow the strata's sentence counts), in a reproducible order keyed on
the seed. It carries the coding rule in its header (lines starting with `#`) and a blank
`code` column to fill with positive, neutral or negative; `note` is free text. Rows left
blank are not coded and are left out, counted. Each row keeps the sentence's text, so a
sheet coded against an older cleaning of the corpus is caught rather than misapplied.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR, SEED
from .stats import generator
from .theme_precision import allocate

SHEET_N = 200
SHEET_COLUMNS = ["doc_id", "position", "era", "outlet", "code", "note", "text"]
CODES = ("positive", "neutral", "negative")
RULE_FILE = DATA_DIR / "hand_codes.md"


def coding_rule() -> list[str]:
    """The coding rule's lines (the 'Coding rule' section of data/hand_codes.md)."""
    text = RULE_FILE.read_text(encoding="utf-8")
    section = text.split("## Coding rule", 1)[-1].split("\n## ", 1)[0]
    return [line for line in section.strip().splitlines()]


def code_sheet(corpus: pd.DataFrame, n: int = SHEET_N, seed: int = SEED) -> pd.DataFrame:
    """Up to `n` sentences to code, stratified by era and outlet, with blank `code` and `note`
    (one row per sentence: doc_id, position, era, outlet, code, note, text)."""
    from .text.segment import sentences
    units = sentences(corpus)
    if units.empty:
        return pd.DataFrame(columns=SHEET_COLUMNS)
    units = units.assign(era=units["era"].astype(str), outlet=units["outlet"].fillna("").astype(str))
    strata = units.groupby(["era", "outlet"], sort=True).size()
    strata.index = [f"{era}\t{outlet}" for era, outlet in strata.index]
    take = allocate(strata, n)
    rows = []
    for key in sorted(take.index):
        era, outlet = key.split("\t")
        pool = units[(units["era"] == era) & (units["outlet"] == outlet)]
        rng = generator("code sheet", key, seed=seed)
        rows.append(pool.iloc[np.sort(rng.choice(len(pool), size=int(take[key]), replace=False))])
    sheet = pd.concat(rows, ignore_index=True)
    sheet["code"], sheet["note"] = "", ""
    return sheet[SHEET_COLUMNS].sort_values(["doc_id", "position"], kind="stable").reset_index(drop=True)


def write_sheet(sheet: pd.DataFrame, path: str | Path) -> None:
    """The sheet as CSV, the coding rule above it as `#` lines."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "".join(f"# {line}".rstrip() + "\n" for line in
                     ["Code each sentence's tone: fill `code` with positive, neutral or negative.",
                      "Rows left blank are not coded. Do not edit `text`.", ""] + coding_rule())
    path.write_text(header + sheet.to_csv(index=False), encoding="utf-8")


def read_sheet(path: str | Path) -> pd.DataFrame:
    """The coded rows of a sheet (doc_id, position, code, note, text; blank codes left out and
    counted in `.attrs['uncoded']`). A code that is not one of the three stops with its row."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    skip = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    sheet = pd.read_csv(path, skiprows=skip, dtype=str, keep_default_na=False)
    missing = {"doc_id", "position", "code", "text"} - set(sheet.columns)
    if missing:
        raise ValueError(f"{path.name} lacks column(s) {sorted(missing)}")
    sheet["code"] = sheet["code"].str.strip().str.lower()
    bad = sheet[~sheet["code"].isin(CODES + ("",))]
    if len(bad):
        row = bad.index[0]
        raise ValueError(f"{path.name}, row {row + 1}: code {bad['code'].iloc[0]!r} is not one of {list(CODES)}")
    coded = sheet[sheet["code"] != ""].copy()
    coded["position"] = pd.to_numeric(coded["position"], errors="raise").astype(int)
    coded["note"] = coded["note"] if "note" in coded else ""
    coded = coded[["doc_id", "position", "code", "note", "text"]].reset_index(drop=True)
    coded.attrs["uncoded"] = int(len(sheet) - len(coded))
    return coded


def main(argv: list[str] | None = None) -> int:
    """codesheet: draw sentences of a corpus to code by hand (--corpus, --n, --seed, --out)."""
    parser = argparse.ArgumentParser(prog="codesheet", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="a folder of .txt or .html pages, or a .csv/.jsonl/.parquet "
                                         "export (default: the seeds)")
    parser.add_argument("--columns", help="column mapping for an export, e.g. text=body,published=date")
    parser.add_argument("--n", type=int, default=SHEET_N, help=f"sentences to draw ({SHEET_N})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    parser.add_argument("--out", required=True, help="where to write the sheet (CSV)")
    args = parser.parse_args(argv)
    from .corpus import load_corpus
    sheet = code_sheet(load_corpus(args.corpus, columns=args.columns), n=args.n, seed=args.seed)
    write_sheet(sheet, args.out)
    per_era = sheet.groupby("era", sort=False).size()
    print(f"{len(sheet)} sentences to code ({', '.join(f'{e}: {k}' for e, k in per_era.items())}) "
          f"written to {args.out}: fill `code`, then pass it back with --codes {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How often a theme hit is right, on any corpus: a sheet of hits to judge by hand, and the
precision of each theme and term from the judged sheet.

The dictionary was written from five articles. On another corpus its terms may be used in
other senses, so its theme shares mean nothing until someone has read a sample of its hits.

    python3 make.py themesheet --corpus PATH --n 30 --out sheet.csv   # draw hits to judge
    python3 make.py themesheet --score sheet.csv                       # precision once judged

`theme_sheet` draws up to n hits per theme, stratified by term (every term that has hits
gets at least one row when n allows; the rest follow the terms' hit counts), and writes the
sentence, the term, the words matched and a blank `verdict` column. A reader fills `verdict`
with 1 (the hit is about the theme) or 0 (it is not), and may say why in `reason`.
`theme_precision` turns the filled sheet into each theme's precision with a Clopper-Pearson
interval (rows weighted by how many hits of their term each stands for, with Kish's
effective sample size for the interval) and each term's precision; terms under
LOW_PRECISION are flagged, and `shares_with_and_without` shows the theme shares with and
without them. The seed corpus has its census: every hit judged, `data/theme_verdicts_seeds.csv`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .config import DATA_DIR, SEED
from .stats import exact_binomial_interval, generator
from .themes import load_themes, theme_matches, theme_order, theme_shares, theme_totals

SEED_VERDICTS = DATA_DIR / "theme_verdicts_seeds.csv"
LOW_PRECISION = 0.5
SHEET_N = 30
SHEET_COLUMNS = ["theme", "term", "span", "doc_id", "position", "start", "sentence",
                 "term_hits", "term_sampled", "verdict", "reason"]
MATCH_KEYS = ["doc_id", "sentence", "start", "span"]      # a sheet row <-> a hit
_YES = {"1", "y", "yes", "true", "correct", "right"}
_NO = {"0", "n", "no", "false", "wrong", "incorrect"}


def _hits(units: pd.DataFrame, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every theme hit with its sentence text (`sentence`), from sentences or paragraphs."""
    matches = theme_matches(units, themes)
    text = dict(zip(zip(units["doc_id"], units["position"]), units["text"]))
    matches["sentence"] = [text[k] for k in zip(matches["doc_id"], matches["position"])]
    return matches


def allocate(counts: pd.Series, n: int) -> pd.Series:
    """Rows per term for a theme: at least one per term while n allows (most hits first),
    the rest in proportion to the terms' hits (largest remainder), never more than a term has."""
    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    if counts.sum() <= n:
        return counts.copy()
    take = pd.Series(0, index=counts.index)
    first = counts.index[:n]
    take[first] = 1
    left = n - int(take.sum())
    while left > 0:
        room = counts - take
        share = (counts * n / counts.sum()) - take
        share[room <= 0] = -np.inf
        best = share.idxmax()
        take[best] += 1
        left -= 1
    return take


def theme_sheet(corpus: pd.DataFrame, n: int = SHEET_N, seed: int = SEED,
                themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Up to `n` hits per theme to judge, stratified by term, in theme and term order, with a
    blank `verdict` and `reason`. `term_hits` is how many hits the term has in the corpus and
    `term_sampled` how many of them the sheet holds (the weights theme_precision needs).
    The draw is reproducible: each theme's generator is keyed by the seed and the theme."""
    from .text.segment import sentences
    hits = _hits(sentences(corpus), themes)
    rows = []
    for theme in theme_order(load_themes() if themes is None else themes):
        part = hits[hits["theme"] == theme]
        if not len(part):
            continue
        counts = part.groupby("term", sort=False).size()
        take = allocate(counts, n)
        rng = generator("theme sheet", theme, seed=seed)
        for term, k in take.items():
            pool = part[part["term"] == term]
            chosen = pool.iloc[np.sort(rng.choice(len(pool), size=int(k), replace=False))]
            rows.append(chosen.assign(term_hits=len(pool), term_sampled=int(k)))
    sheet = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=SHEET_COLUMNS)
    sheet["theme"] = sheet["theme"].astype(str)
    sheet["verdict"], sheet["reason"] = "", ""
    return sheet[SHEET_COLUMNS]


def read_sheet(path: str | Path) -> pd.DataFrame:
    """A judged sheet (or the seed verdicts), verdicts read as 1, 0 or NaN (not judged yet).
    A verdict that is neither yes nor no stops with the row it is on."""
    sheet = pd.read_csv(path, comment="#", dtype={"verdict": str, "reason": str, "doc_id": str},
                        keep_default_na=False)
    missing = {"theme", "term", "verdict"} - set(sheet.columns)
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {sorted(missing)}")
    return sheet.assign(verdict=_verdicts(sheet["verdict"], Path(path).name))


def _verdicts(values: pd.Series, source: str) -> pd.Series:
    out = []
    for i, v in enumerate(values.fillna("").astype(str).str.strip().str.lower()):
        if v in _YES:
            out.append(1.0)
        elif v in _NO:
            out.append(0.0)
        elif v == "" or v == "nan":
            out.append(np.nan)
        else:
            raise ValueError(f"{source}, row {i + 1}: verdict {v!r} is neither 1 (right) nor 0 (wrong)")
    return pd.Series(out, index=values.index)


class Precision(NamedTuple):
    themes: pd.DataFrame     # per theme: judged, right, precision, low, high, flagged terms
    terms: pd.DataFrame      # per theme and term: judged, right, precision, low, high, flagged


def theme_precision(sheet: pd.DataFrame | str | Path, low_precision: float = LOW_PRECISION) -> Precision:
    """Precision of each theme and term from a judged sheet (unjudged rows are left out and
    counted). A theme's precision weights each judged row by the hits of its term it stands
    for (term_hits / judged rows of the term; 1 when the sheet has no such columns, as in a
    census); its interval is Clopper-Pearson on Kish's effective sample size. A term's
    precision is its share of right rows, with its own exact interval; terms under
    `low_precision` are flagged."""
    sheet = read_sheet(sheet) if isinstance(sheet, (str, Path)) else sheet.copy()
    if not pd.api.types.is_numeric_dtype(sheet["verdict"]):
        sheet["verdict"] = _verdicts(sheet["verdict"], "sheet")
    sheet["theme"] = sheet["theme"].astype(str)
    judged = sheet[sheet["verdict"].notna()].copy()
    per_term = judged.groupby(["theme", "term"], sort=False)["verdict"].agg(["size", "sum"])
    if "term_hits" in judged:
        hits = judged.groupby(["theme", "term"], sort=False)["term_hits"].first()
        judged["weight"] = [hits[k] / per_term.loc[k, "size"] for k in zip(judged["theme"], judged["term"])]
    else:
        judged["weight"] = 1.0
    terms = per_term.rename(columns={"size": "judged", "sum": "right"}).reset_index()
    terms["right"] = terms["right"].astype(int)
    terms["precision"] = terms["right"] / terms["judged"]
    terms["low"], terms["high"] = exact_binomial_interval(terms["right"], terms["judged"])
    terms["flagged"] = terms["precision"] < low_precision
    rows = []
    for theme, part in judged.groupby("theme", sort=False):
        w, y = part["weight"].to_numpy(float), part["verdict"].to_numpy(float)
        p = float((w * y).sum() / w.sum())
        n_eff = float(w.sum() ** 2 / (w ** 2).sum())
        low, high = exact_binomial_interval(p * n_eff, n_eff)
        flagged = terms.loc[(terms["theme"] == theme) & terms["flagged"], "term"]
        rows.append({"theme": theme, "rows": int((sheet["theme"] == theme).sum()),
                     "judged": len(part), "right": int(y.sum()), "precision": p,
                     "low": low, "high": high, "effective n": round(n_eff, 1),
                     "flagged terms": ", ".join(flagged)})
    table = pd.DataFrame(rows, columns=["theme", "rows", "judged", "right", "precision", "low",
                                        "high", "effective n", "flagged terms"])
    return Precision(table, terms)


def verdicts_for(units: pd.DataFrame, sheet: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """Every theme hit in `units` with its verdict from `sheet` (default: the seed verdicts),
    matched on doc_id, sentence text, offset and words; NaN where the sheet has no row for a
    hit (a new article, or a sentence that changed)."""
    sheet = read_sheet(SEED_VERDICTS if sheet is None else sheet) if not isinstance(sheet, pd.DataFrame) else sheet
    hits = _hits(units)
    keys = [k for k in MATCH_KEYS if k in sheet.columns]
    if keys != MATCH_KEYS:
        raise ValueError(f"a verdict sheet needs the columns {MATCH_KEYS} to find its hits")
    sheet = sheet.assign(doc_id=sheet["doc_id"].astype(str), start=sheet["start"].astype(int))
    cols = keys + ["verdict"] + (["reason"] if "reason" in sheet else [])
    return hits.merge(sheet[cols].drop_duplicates(keys), on=keys, how="left")


def coverage(units: pd.DataFrame, sheet=None) -> dict:
    """How many of the corpus' theme hits the sheet has judged: hits, judged, share."""
    joined = verdicts_for(units, sheet)
    judged = int(joined["verdict"].notna().sum())
    return {"hits": len(joined), "judged": judged,
            "share": judged / len(joined) if len(joined) else np.nan}


def shares_with_and_without(units: pd.DataFrame, terms, by: str = "era") -> pd.DataFrame:
    """Theme share (%) per group with the full dictionary and without `terms` (the flagged
    ones), side by side: one column per group and dictionary."""
    themes = load_themes()
    drop = set(terms)
    columns = {}
    for label, dictionary in (("all terms", themes), ("without flagged", themes[~themes["term"].isin(drop)])):
        totals = theme_totals(theme_shares(units, dictionary), by)
        for group, part in totals.groupby(by, observed=True):
            columns[(group, label)] = (100 * part.set_index("theme")["share"]).round(1)
    table = pd.DataFrame(columns)
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=[by, "dictionary"])
    return table


# ---------------------------------------------------------------------------------------------
# Hand-written test sentences with gold theme words (tests/fixtures/theme_gold.csv)


def read_gold(path: str | Path) -> pd.DataFrame:
    """Sentences with the theme words a reader marks in them: id, kind, sentence, gold
    ('theme=words; theme=words'; words as printed, in order), note."""
    gold = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    for r in gold.itertuples():
        for theme, span in _gold_items(r.gold):
            if span not in r.sentence:
                raise ValueError(f"gold sentence {r.id}: {span!r} is not in the sentence")
    return gold


def _gold_items(cell: str) -> list[tuple[str, str]]:
    items = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        theme, _, span = part.partition("=")
        items.append((theme.strip(), span.strip()))
    return items


def score_gold(gold: pd.DataFrame, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Precision and recall per theme of the dictionary's hits against the gold words: a hit
    is right when the gold marks the same words for the same theme. Rows: themes, then 'all'."""
    known = theme_order(load_themes() if themes is None else themes)
    from .themes import find_terms
    tp, fp, fn = ({t: 0 for t in known} for _ in range(3))
    for r in gold.itertuples():
        expected = _gold_items(r.gold)
        found = [(t, r.sentence[s:e]) for t, _, s, e in find_terms(r.sentence, themes)]
        unknown = {t for t, _ in expected} - set(known)
        if unknown:
            raise ValueError(f"gold sentence {r.id}: unknown theme(s) {sorted(unknown)}")
        left = list(expected)
        for item in found:
            if item in left:
                left.remove(item)
                tp[item[0]] += 1
            else:
                fp[item[0]] += 1
        for theme, _ in left:
            fn[theme] += 1
    rows = [{"theme": t, "right hits": tp[t], "wrong hits": fp[t], "missed": fn[t]} for t in known]
    rows.append({"theme": "all", "right hits": sum(tp.values()), "wrong hits": sum(fp.values()),
                 "missed": sum(fn.values())})
    table = pd.DataFrame(rows).set_index("theme")
    found = table["right hits"] + table["wrong hits"]
    marked = table["right hits"] + table["missed"]
    table["precision"] = (table["right hits"] / found).where(found > 0)
    table["recall"] = (table["right hits"] / marked).where(marked > 0)
    return table


def gold_errors(gold: pd.DataFrame, themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every wrong or missed hit on the gold sentences: id, kind, theme, words, error."""
    from .themes import find_terms
    rows = []
    for r in gold.itertuples():
        left = _gold_items(r.gold)
        for t, _, s, e in find_terms(r.sentence, themes):
            item = (t, r.sentence[s:e])
            if item in left:
                left.remove(item)
            else:
                rows.append({"id": r.id, "kind": r.kind, "theme": t, "words": item[1], "error": "wrong hit"})
        rows += [{"id": r.id, "kind": r.kind, "theme": t, "words": w, "error": "missed"} for t, w in left]
    return pd.DataFrame(rows, columns=["id", "kind", "theme", "words", "error"])


# ---------------------------------------------------------------------------------------------
# Command line: python3 make.py themesheet ...


def main(argv: list[str] | None = None) -> int:
    """themesheet: write a sheet of hits to judge (--corpus, --n, --seed, --out), or score a
    judged one (--score)."""
    parser = argparse.ArgumentParser(prog="themesheet", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="a folder like seeds/, a folder of .txt files, or a "
                                         ".csv/.jsonl file with a text column (default: the seeds)")
    parser.add_argument("--n", type=int, default=SHEET_N, help=f"hits per theme ({SHEET_N})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    parser.add_argument("--out", help="where to write the sheet (CSV)")
    parser.add_argument("--score", metavar="SHEET", help="a judged sheet: print each theme's and term's precision")
    args = parser.parse_args(argv)
    if args.score:
        result = theme_precision(args.score)
        with pd.option_context("display.width", 160, "display.max_rows", None):
            print(result.themes.round(3).to_string(index=False))
            print()
            print(result.terms.round(3).to_string(index=False))
        return 0
    if not args.out:
        parser.error("--out FILE.csv is needed to write a sheet (or --score SHEET to read one)")
    from .corpus import load_corpus
    corpus = load_corpus(args.corpus)
    sheet = theme_sheet(corpus, n=args.n, seed=args.seed)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(args.out, index=False)
    per_theme = sheet.groupby("theme", sort=False).size()
    print(f"{len(sheet)} hits to judge ({', '.join(f'{t} {k}' for t, k in per_theme.items())}) "
          f"written to {args.out}: fill `verdict` with 1 (about the theme) or 0, then "
          f"--score {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

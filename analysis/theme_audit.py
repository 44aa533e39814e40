"""Stem-collision audit of the theme dictionary: which common English words each stem term
brings in, and whether each has been reviewed.

A stem term matches every word with its Snowball stem, and some of those words mean something
else: "transition" has the stem of "transit", "routed" and "rout" that of "route", "busy"
that of "business", "universe" that of "university". The audit expands every stem term
against wordfreq's list of the AUDIT_WORDS most frequent English words (wordfreq ships its
data) and lists each word that shares the stem of one of the term's words. Each such word
must be reviewed in `themes.csv`: accepted (`accepted_forms`: the term means it) or rejected
(`rejected_forms`: it never matches). A phrase may accept all forms of its words with `*`
(its other words hold the sense) and still reject some ("based" in "military base"). Words
outside the list are rare; they match by stem.

    python3 make.py themes-audit            # summary, then every unreviewed form (exit 1 if any)
    python3 make.py themes-audit --all      # every form of every stem term, with its review
"""

from __future__ import annotations

import argparse
import re
from functools import lru_cache

import pandas as pd
import wordfreq

from .themes import ALL_FORMS, form_list, load_themes
from .text.words import stem, words

AUDIT_WORDS = 50_000       # wordfreq's most frequent English words (Zipf frequency >= ~2.5)
AUDIT_COLUMNS = ["theme", "term", "word", "stem", "form", "zipf", "review"]


@lru_cache(maxsize=4)
def _forms_by_stem(n: int) -> dict[str, tuple[str, ...]]:
    """Stem -> the words of wordfreq's n most frequent English words with that stem."""
    found: dict[str, list[str]] = {}
    for word in wordfreq.top_n_list("en", n):
        if re.fullmatch(r"[a-z]+", word):
            found.setdefault(stem(word), []).append(word)
    return {s: tuple(f) for s, f in found.items()}


def collision_audit(themes: pd.DataFrame | None = None, n: int = AUDIT_WORDS) -> pd.DataFrame:
    """One row per stem term, word of the term and common word sharing that word's stem
    (`form`), with the form's Zipf frequency and its review: 'term' (the term's own word),
    'accepted', 'accepted (phrase *)', 'rejected' or 'unreviewed'."""
    themes = load_themes() if themes is None else themes
    by_stem = _forms_by_stem(n)
    rows = []
    for r in themes[themes["match"] == "stem"].itertuples():
        accepted = set(form_list(getattr(r, "accepted_forms", "")))
        rejected = set(form_list(getattr(r, "rejected_forms", "")))
        for w in words(r.term):
            for form in by_stem.get(w.stem, ()):
                if form == w.lower:
                    review = "term"
                elif form in rejected:
                    review = "rejected"
                elif form in accepted:
                    review = "accepted"
                elif ALL_FORMS in accepted:
                    review = "accepted (phrase *)"
                else:
                    review = "unreviewed"
                rows.append((r.theme, r.term, w.lower, w.stem, form,
                             wordfreq.zipf_frequency(form, "en"), review))
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def unreviewed(audit: pd.DataFrame | None = None) -> pd.DataFrame:
    """The forms no column of themes.csv has reviewed: what a new stem term brings in."""
    audit = collision_audit() if audit is None else audit
    return audit[audit["review"] == "unreviewed"].reset_index(drop=True)


def audit_summary(audit: pd.DataFrame | None = None, themes: pd.DataFrame | None = None) -> dict:
    """Counts: stem terms, common words sharing a stem other than the term's own words, and
    how they were reviewed (accepted one by one, accepted as forms of a phrase, rejected,
    unreviewed)."""
    themes = load_themes() if themes is None else themes
    audit = collision_audit(themes) if audit is None else audit
    others = audit[audit["review"] != "term"]
    counts = others["review"].value_counts()
    return {"stem terms": int((themes["match"] == "stem").sum()),
            "one-word stem terms": int(sum(len(words(t)) == 1
                                           for t in themes.loc[themes["match"] == "stem", "term"])),
            "forms sharing a stem": len(others),
            "accepted": int(counts.get("accepted", 0)),
            "accepted (phrase *)": int(counts.get("accepted (phrase *)", 0)),
            "rejected (prevented)": int(counts.get("rejected", 0)),
            "unreviewed": int(counts.get("unreviewed", 0))}


def main(argv: list[str] | None = None) -> int:
    """themes-audit: print the summary and the unreviewed forms (or every form with --all);
    exit status 1 when a form is unreviewed."""
    parser = argparse.ArgumentParser(prog="themes-audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="list every form, not only the unreviewed")
    parser.add_argument("--words", type=int, default=AUDIT_WORDS,
                        help=f"how many of wordfreq's most frequent words to expand against ({AUDIT_WORDS})")
    args = parser.parse_args(argv)
    audit = collision_audit(n=args.words)
    summary = audit_summary(audit)
    print(f"Stem-collision audit against wordfreq's {args.words:,} most frequent English words:")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    shown = audit if args.all else unreviewed(audit)
    if len(shown):
        with pd.option_context("display.max_rows", None, "display.width", 160):
            print(shown.round({"zipf": 2}).to_string(index=False))
    if summary["unreviewed"]:
        print(f"{summary['unreviewed']} form(s) unreviewed: add each to accepted_forms or "
              "rejected_forms of its term in analysis/data/themes.csv")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""One run of the notebooks: which corpus, where its outputs go, and how its claims are checked.

Every notebook opens with the same parameters cell (papermill's convention: a cell tagged
`parameters`; `make.py build --corpus ...` injects new values after it, and a JupyterLab user
may edit it and Run All). `open_study` applies those values to `analysis.config`, the one
place settings live, and loads the corpus.

On the embedded seed corpus, a notebook's claims are asserts: a changed seed or method fails
loudly. On any other corpus the same claims are printed checks, because what is true of five
articles need not be true of yours, and a notebook that stops on it would tell you nothing.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from . import config
from .corpus import CorpusWarning, load_corpus

PARAMETERS = ("CORPUS", "OUT", "ERAS", "CODES", "DATES", "THEME_CODES", "COLUMNS", "STRICT")


def _path(value) -> Path | None:
    return Path(value).expanduser().resolve() if value not in (None, "") else None


def apply_parameters(corpus=None, out=None, eras=None, codes=None, theme_codes=None, strict=False) -> None:
    """Apply a notebook's parameters to `analysis.config` (the one place settings live) and
    set the display for scraped text, without loading anything."""
    # Scraped text is data: a table cell holding "$4 billion ... $120 million" must not be typeset
    # as TeX by JupyterLab (pandas then marks its HTML tables tex2jax_ignore).
    pd.set_option("display.html.use_mathjax", False)
    # Every warning about the corpus is shown, each time, as one plain line (_show_warning).
    warnings.simplefilter("always", CorpusWarning)
    warnings.showwarning = _show_warning
    config.CORPUS = _path(corpus)
    config.OUT_DIR = _path(out)
    if config.OUT_DIR is not None:
        config.FIGURES_DIR = config.OUT_DIR / "figures"
    config.ERAS_FILE = _path(eras) or config.DATA_DIR / "eras.csv"
    config.CODES_FILE = _path(codes)
    config.THEME_CODES_FILE = _path(theme_codes)
    config.STRICT = bool(strict)


def open_study(corpus=None, out=None, eras=None, codes=None, dates=None, theme_codes=None,
               columns=None, strict=False) -> pd.DataFrame:
    """Apply a notebook's parameters to `analysis.config` and load the corpus (see the
    parameters cell of any notebook for what each one means; None is the embedded default)."""
    apply_parameters(corpus, out, eras, codes, theme_codes, strict)
    corpus = load_corpus(config.CORPUS, dates=_path(dates), strict=config.STRICT, columns=columns)
    # a failure in the curated seeds/ (or any folder with a metadata.csv) is a bug: always strict
    config.STRICT = config.STRICT or bool(corpus.attrs.get("curated"))
    return corpus


_SHOW_WARNING = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """A CorpusWarning (an article set aside, an implausible figure) as one plain line, with
    no source path: it is about the corpus, not the code."""
    if issubclass(category, CorpusWarning):
        print(f"warning: {message}")
    else:
        _SHOW_WARNING(message, category, filename, lineno, file, line)


def is_seed_corpus() -> bool:
    """Whether this run reads the embedded five seed articles."""
    return config.CORPUS is None or config.CORPUS == Path(config.SEEDS_DIR).resolve()


def check(condition, claim: str) -> None:
    """A claim the notebook's prose makes: asserted on the seed corpus, printed as a check
    (holds / does not hold) on any other, so a new corpus never meets a silent lie."""
    holds = bool(condition)
    if is_seed_corpus():
        assert holds, claim
    else:
        print(f"{'holds' if holds else 'DOES NOT HOLD'} on this corpus: {claim}")


def table(frame: pd.DataFrame, name: str, rows: int | None = None) -> pd.DataFrame | None:
    """A table for the notebook: written in full to OUT/tables/<name>.csv when the run has an
    output folder, and shown whole if short, else its first `rows` rows with a note saying
    how many there are and where the rest is; an empty table prints "(none)"."""
    rows = config.TABLE_ROWS if rows is None else rows
    where = ""
    if config.OUT_DIR is not None:
        folder = config.OUT_DIR / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_csv(folder / f"{name}.csv", index=not isinstance(frame.index, pd.RangeIndex))
        where = f"; the full table is tables/{name}.csv"
    if frame.empty:
        print("(none)")
        return None
    if len(frame) <= rows:
        return frame
    print(f"{len(frame):,} rows; the first {rows} are shown{where}")
    return frame.head(rows)


def dated_groups(corpus: pd.DataFrame) -> list[str]:
    """The era (or year) groups that hold at least one article, in order."""
    era = corpus["era"]
    categories = list(era.cat.categories) if isinstance(era.dtype, pd.CategoricalDtype) else sorted(era.dropna().unique())
    present = set(era.dropna())
    return [str(c) for c in categories if c in present]


def comparison_note(corpus: pd.DataFrame) -> str:
    """'' when the corpus has articles in two or more eras; else the plain sentence a notebook
    prints in place of a comparison between eras."""
    groups = dated_groups(corpus)
    undated = int(corpus["era"].isna().sum())
    if len(groups) >= 2:
        return ""
    held = f"only one era or year ({groups[0]})" if groups else "no dated article in any era or year"
    return (f"No comparison between eras: this corpus has {held}"
            + (f", and {undated} article(s) without a usable date" if undated else "")
            + ". Date the articles (python3 make.py dates) or widen the eras file to compare.")


def english_only(corpus: pd.DataFrame) -> pd.DataFrame:
    """The articles the English lexicons, themes and figure reader can read; the others are
    flagged by name in notebook 00 (column `english`)."""
    return corpus[corpus["english"]] if "english" in corpus else corpus

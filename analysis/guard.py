"""One guard for every per-article step, so one bad article never stops a corpus.

The steps are reading, cleaning and dating (when a corpus is loaded), and segmenting, scoring,
themes and quantities (when its tables are built). An article whose step raises is set aside:
its rows leave that table, a warning names it, and a record (file, step, error) rides on the
table in `.attrs['set_aside']`. Notebook 00 runs every step once and lists them all at its top.

`strict` stops at the first failure instead, with an error naming the article and the step.
It is `config.STRICT` unless given: the notebooks' STRICT parameter and `make.py build
--strict` set it, and the curated seeds/ corpus is always strict, because a failure there is
a bug, not a bad page.
"""

from __future__ import annotations

import warnings

import pandas as pd

from . import config

STEPS = ("reading", "cleaning", "dating", "segmenting", "scoring", "themes", "quantities")
SET_ASIDE_COLUMNS = ["file", "step", "error"]


class CorpusError(ValueError):
    """The corpus on disk is not what its metadata says, or (strict) an article failed a
    step; the message names the file."""


class CorpusWarning(UserWarning):
    """Something a reader must know about the corpus (inferred dates, near-duplicates, an
    article set aside)."""


def attempt(func, item):
    """func(item), or the exception it raised (module level, so worker processes can run it)."""
    try:
        return func(item)
    except Exception as err:        # one article's failure never stops the corpus
        return err


def why(error) -> str:
    return error if isinstance(error, str) else f"{type(error).__name__}: {error}"


def set_aside(name: str, step: str, error, strict: bool | None = None) -> dict:
    """The record of article `name` set aside at `step`, after a warning naming it; with
    `strict`, CorpusError naming the article and step instead."""
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}; one of {', '.join(STEPS)}")
    if config.STRICT if strict is None else strict:
        raise CorpusError(f"{name}: {step} failed ({why(error)})") from (
            error if isinstance(error, BaseException) else None)
    warnings.warn(f"{name}: set aside at {step} ({why(error)})", CorpusWarning, stacklevel=3)
    return {"file": name, "step": step, "error": why(error)}


def keep_articles(step: str, results: list, names: list, strict: bool | None = None) -> tuple[list[bool], list[dict]]:
    """Which items to keep, given each item's result (an Exception where its step raised) and
    the article it belongs to (`names[i]`; the sentences of one article share its name): every
    item of a failing article is dropped, and the article is set aside once."""
    records, failed = [], set()
    for result, name in zip(results, names):
        if isinstance(result, Exception) and name not in failed:
            records.append(set_aside(str(name), step, result, strict))
            failed.add(name)
    return [name not in failed for name in names], records


def with_records(table: pd.DataFrame, records: list[dict], *inherited: pd.DataFrame) -> pd.DataFrame:
    """`table` carrying its own set-aside records and those of the tables it was built from."""
    earlier = [r for frame in inherited for r in frame.attrs.get("set_aside", [])]
    table.attrs["set_aside"] = earlier + [r for r in records if r not in earlier]
    return table


def set_aside_table(*tables: pd.DataFrame) -> pd.DataFrame:
    """Every article set aside in the given tables (file, step, error), each record once."""
    rows = []
    for table in tables:
        rows += [r for r in table.attrs.get("set_aside", []) if r not in rows]
    return pd.DataFrame(rows, columns=SET_ASIDE_COLUMNS)

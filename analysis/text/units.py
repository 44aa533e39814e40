"""The words around a number that say what it is: units and currency signs, scale words,
rates ("per day") and directions ("fell by"), read from the editable tables in data/
(units.csv, scales.csv, rates.csv, directions.csv; guide: data/figures_tables.md).

Each table becomes one compiled pattern, matched at a position right after (or, for currency
signs, right before) a number; `analysis.quantities` decides what the match means for the
figure. A researcher adds a currency or a unit by adding a row; no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..config import DATA_DIR
from .numbers import scale_table

UNIT_FILE = DATA_DIR / "units.csv"
RATE_FILE = DATA_DIR / "rates.csv"
DIRECTION_FILE = DATA_DIR / "directions.csv"
_SPACE = r"[^\S\n]"


@dataclass(frozen=True)
class Unit:
    """A unit as the table defines it: the figure's unit name, its kind, the factor from the
    spelling to the unit, and a rate built into the spelling ('bpd': per day)."""

    name: str
    kind: str
    factor: float
    per: str = ""


COUNT = Unit("count", "count", 1.0)
UNKNOWN = Unit("unknown", "unknown", 1.0)


def _read(path, required: list[str]) -> pd.DataFrame:
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"{path.name}: missing columns {missing} (see figures_tables.md)")
    return table


def _form_pattern(form: str, case: str) -> str:
    """A spelling as a regex: spaces match runs of spaces; 'any' case is case-insensitive."""
    body = _SPACE.join(re.escape(part) for part in form.split(" ")).replace(_SPACE, _SPACE + "+")
    return body if case == "exact" else f"(?i:{body})"


def _alternation(forms: list[tuple[str, str]]) -> str:
    """Longest spelling first, so 'barrels per day' wins over 'barrels' and 'kWh' over 'kW'."""
    ordered = sorted(set(forms), key=lambda fc: (-len(fc[0]), fc[0]))
    return "|".join(_form_pattern(f, c) for f, c in ordered)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@lru_cache(maxsize=1)
def unit_table() -> pd.DataFrame:
    """data/units.csv, one row per unit and spelling group, checked on reading."""
    table = _read(UNIT_FILE, ["unit", "kind", "factor", "per", "case", "position", "forms"])
    factors = pd.to_numeric(table["factor"], errors="coerce")
    bad = [i + 2 for i, (f, c, p) in enumerate(zip(factors, table["case"], table["position"]))
           if not f > 0 or c not in {"exact", "any"} or p not in {"after", "before", "both"}]
    if bad:
        raise ValueError(f"{UNIT_FILE.name}: rows {bad} need a positive factor, case exact|any and "
                         "position after|before|both (see figures_tables.md)")
    table["factor"] = factors
    return table


class UnitReader:
    """Matches the unit spelled at a position: `after(text, pos)` for a unit after a number,
    `currency_before(text, end)` for a currency sign or code ending at `end`."""

    def __init__(self, table: pd.DataFrame):
        self.exact: dict[str, Unit] = {}
        self.folded: dict[str, Unit] = {}
        self.before: dict[str, Unit] = {}
        after_forms, before_forms = [], []
        for row in table.itertuples(index=False):
            unit = Unit(row.unit, row.kind, float(row.factor), row.per)
            for form in (f.strip() for f in row.forms.split("|")):
                if not form:
                    continue
                if row.position in {"after", "both"}:
                    target, key = (self.exact, form) if row.case == "exact" else (self.folded, form.lower())
                    if target.get(key, unit) != unit:
                        raise ValueError(f"{UNIT_FILE.name}: {form!r} is given two different units")
                    target[key] = unit
                    after_forms.append((form, row.case))
                if row.position in {"before", "both"}:
                    self.before[form] = unit
                    before_forms.append((form, "exact"))
        self.kinds = {u.name: u.kind for u in [*self.exact.values(), *self.folded.values(),
                                                 *self.before.values(), COUNT, UNKNOWN]}
        self.currencies = {name for name, kind in self.kinds.items() if kind == "currency"}
        # after a number: optional spaces, or a hyphen ("27-kilometer"), then the spelling
        self._after = re.compile(rf"{_SPACE}*(?:-{_SPACE}*)?({_alternation(after_forms)})(?![A-Za-z0-9])")
        signs = []
        for form, _ in sorted(set(before_forms), key=lambda fc: -len(fc[0])):
            guard = r"(?<![A-Za-z0-9])" if form[0].isalnum() else r"(?<![A-Za-z0-9$])"
            signs.append(guard + r"\\?" + re.escape(form).replace(r"\ ", r"\s?"))
        self._before = re.compile(rf"(?:{'|'.join(signs)}){_SPACE}?\Z")

    def after(self, text: str, pos: int) -> tuple[Unit, str, int] | None:
        """(unit, spelling as written, end) of a unit starting at `pos`, or None."""
        m = self._after.match(text, pos)
        if m is None:
            return None
        written = _key(m.group(1))
        unit = self.exact.get(written) or self.folded.get(written.lower())
        return (unit, m.group(1), m.end()) if unit else None

    def currency_before(self, text: str, end: int) -> tuple[Unit, int] | None:
        """(currency, where its sign starts) for a sign or code standing right before `end`."""
        m = self._before.search(text, max(0, end - 8), end)
        if m is None:
            return None
        written = m.group(0).strip().lstrip("\\")
        unit = self.before.get(written) or self.before.get(written.replace(" ", ""))
        return (unit, m.start()) if unit else None


@lru_cache(maxsize=1)
def unit_reader() -> UnitReader:
    return UnitReader(unit_table())


# ---------------------------------------------------------------------------------------------
# Scale words


class ScaleReader:
    """The scale word after a number ('billion', 'bn', glued 'k', '$4m'), by the rules in the
    `when` column of data/scales.csv."""

    def __init__(self, table: pd.DataFrame):
        self.lookup = {}
        groups: dict[str, list] = {"always": [], "glued": [], "currency": []}
        for form, factor, case, when in zip(table["form"], table["factor"], table["case"], table["when"]):
            self.lookup[form if case == "exact" else form.lower()] = float(factor)
            groups[when].append((form, case))
        end = r"(?![A-Za-z0-9/])"
        self._always = re.compile(rf"(?:{_SPACE}{{0,2}}-?{_SPACE}?)({_alternation(groups['always'])}){end}")
        tight = groups["glued"] + groups["currency"]
        self._glued = re.compile(rf"({_alternation(groups['glued'])}){end}")
        self._spaced = re.compile(rf"{_SPACE}?({_alternation(tight)}){end}")

    def factor(self, written: str) -> float:
        return self.lookup.get(written) or self.lookup[written.lower()]

    def after(self, text: str, pos: int, currency: bool, unit_follows) -> tuple[float, int]:
        """(factor, end) of the scale at `pos`; (1.0, pos) when there is none. `unit_follows`
        tells whether a known unit stands at a position (for 'glued' and 'currency' forms)."""
        m = self._always.match(text, pos)
        if m:
            return self.factor(m.group(1)), m.end()
        m = self._glued.match(text, pos)
        if m:
            return self.factor(m.group(1)), m.end()
        m = self._spaced.match(text, pos)
        if m and (currency or unit_follows(m.end())):
            return self.factor(m.group(1)), m.end()
        return 1.0, pos


@lru_cache(maxsize=1)
def scale_reader() -> ScaleReader:
    return ScaleReader(scale_table())


# ---------------------------------------------------------------------------------------------
# Rates and directions


class RateReader:
    """The 'per' of a rate right after a figure: 'per year', 'a day', '/h', 'annually', also
    after an 'of ...' phrase ('15 million tons of cargo per year')."""

    def __init__(self, table: pd.DataFrame):
        self.lookup = {_key(f).lower(): p for f, p in zip(table["form"], table["per"])}
        by_how = {h: [(f, "any") for f, hw in zip(table["form"], table["how"]) if hw == h]
                  for h in ("word", "slash", "adverb")}
        words, slash = _alternation(by_how["word"]), _alternation(by_how["word"] + by_how["slash"])
        rate = (rf"(?:{_SPACE}*\b(?i:per|an?|each|every){_SPACE}+({words})"
                rf"|{_SPACE}*/{_SPACE}*({slash})"
                rf"|{_SPACE}+({_alternation(by_how['adverb'])}))"
                rf"(?![A-Za-z0-9])(?!{_SPACE}+(?:ago|earlier|before|later|after)\b)")
        # '15 million tons of cargo per year'; after a bare count, its noun: '1,500 passengers a day'
        self._pattern = re.compile(rf"(?:{_SPACE}+of{_SPACE}+[a-z]+(?:{_SPACE}+[a-z]+)?)?{rate}")
        self._after_noun = re.compile(rf"{_SPACE}+(?:of{_SPACE}+)?[a-z]+(?:{_SPACE}+[a-z]+)?{rate}")

    def after(self, text: str, pos: int, counted_noun: bool = False) -> tuple[str, int] | None:
        """(per, end) of a rate starting at `pos`; with `counted_noun`, also after the noun a
        bare count is followed by."""
        m = self._pattern.match(text, pos) or (self._after_noun.match(text, pos) if counted_noun else None)
        if m is None:
            return None
        written = next(g for g in m.groups() if g)
        return self.lookup[_key(written).lower()], m.end()


@lru_cache(maxsize=1)
def rate_reader() -> RateReader:
    return RateReader(_read(RATE_FILE, ["per", "form", "how"]))


class DirectionReader:
    """'fell by', 'a deficit of' (before a figure) and '13 percent growth' (after it)."""

    def __init__(self, table: pd.DataFrame):
        bad = [i + 2 for i, (d, p, c) in enumerate(zip(table["direction"], table["position"], table["change"]))
               if d not in {"up", "down"} or p not in {"before", "after"} or c not in {"yes", "no"}]
        if bad:
            raise ValueError(f"{DIRECTION_FILE.name}: rows {bad} need direction up|down, position "
                             "before|after and change yes|no (see figures_tables.md)")
        self.lookup = {_key(p).lower(): (d, c == "yes")
                       for p, d, c in zip(table["phrase"], table["direction"], table["change"])}
        before = [(p, "any") for p, pos in zip(table["phrase"], table["position"]) if pos == "before"]
        after = [(p, "any") for p, pos in zip(table["phrase"], table["position"]) if pos == "after"]
        self._before = re.compile(rf"\b({_alternation(before)}){_SPACE}+(?:(?i:the|a|an){_SPACE}+)?\Z")
        self._after = re.compile(rf"{_SPACE}+(?:[A-Za-z][\w-]*{_SPACE}+)??({_alternation(after)})\b")

    def before(self, text: str, start: int) -> tuple[str, bool] | None:
        m = self._before.search(text, max(0, start - 40), start)
        return self.lookup[_key(m.group(1)).lower()] if m else None

    def after(self, text: str, end: int) -> tuple[str, bool] | None:
        m = self._after.match(text, end)
        return self.lookup[_key(m.group(1)).lower()] if m else None


@lru_cache(maxsize=1)
def direction_reader() -> DirectionReader:
    return DirectionReader(_read(DIRECTION_FILE, ["phrase", "direction", "position", "change"]))


def reload_tables() -> None:
    """Read units.csv, rates.csv and directions.csv again (after editing them in a running
    notebook); they are otherwise read once per process."""
    for cache in (unit_table, unit_reader, rate_reader, direction_reader):
        cache.cache_clear()

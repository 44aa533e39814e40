"""How much of each unit of text (sentence or paragraph) is about each theme, by dictionary.

The dictionary is data, `data/themes.csv` (guide: `data/themes.md`): one row per term, with
its theme and how it matches (any inflection by Snowball stem, this word only, or an acronym
with its case). Terms are found word by word, so a term never matches inside another word
("oil" is not in "turmoil"); phrases match across spaces and hyphens; where terms overlap the
longest wins and its words count once.

Three more tables keep a stem from finding what it should not, all data:
- `themes.csv` itself lists, for each stem term, the common words that share its stem and
  whether each is meant (`accepted_forms`) or not (`rejected_forms`: "transition" is not
  transit, "routed" not a route); a rejected form never matches. `analysis.theme_audit`
  checks that every common word sharing a stem has been reviewed.
- `theme_senses.csv`: terms read in one sense only, as a noun (the verb in "which borders
  Russia" is not a border) or only with a context word nearby ("fuel" near oil, prices,
  supply; not "fuels tensions").
- `theme_names.csv`: names that contain a theme word and block it ("Social Security",
  "West Bank", "heart attack").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR, N_BOOT, SEED
from .guard import attempt, keep_articles, with_records
from .stats import cluster_ratio_interval, exact_binomial_interval, generator
from .text.words import Word, count_words, joined_at, stem, word_columns, words

THEMES_FILE = DATA_DIR / "themes.csv"
SENSES_FILE = DATA_DIR / "theme_senses.csv"
NAMES_FILE = DATA_DIR / "theme_names.csv"
MATCH_TYPES = ("stem", "word", "acronym")
SENSE_RULES = ("noun", "near", "name")
DROP_FROM_KEYS = ("text", "start", "end")
FORM_COLUMNS = ("accepted_forms", "rejected_forms")
ALL_FORMS = "*"            # in accepted_forms of a phrase: every form of its words is meant
SMALL_COUNT = 5            # theme_intervals: fewer hits than this get an exact interval

# Verb cues for the "noun" sense rule (themes.md, "Sense rules"). A word with the rule is read
# as a verb, and not counted, when
#  (a) it is a base form after "to", a modal or "do": "to fuel", "will border";
#  (b) it is an -s form after he/she/it or a relative pronoun ("which borders"), or a base
#      form after they/we/I/you;
#  (c) the next word opens an object: a determiner or an object pronoun ("fuels the debate",
#      "attack them"), except "this/that/these/those" before a time word ("attacks this week");
#  (d) it is a lower-case -s form followed by a capitalised name and preceded by neither a
#      determiner nor a preposition ("Azerbaijan borders Russia", not "the borders Russia...");
#  (e) it is an -s form followed by one lower-case word and "to" and a lower-case word that
#      is not a determiner ("the law forces migrants to register"; not "forces to the north").
# Adverbs between the subject and the verb are skipped ("which also borders").
_TO_MODAL = frozenset("to will would can could may might must shall should cannot do does did "
                      "don't doesn't didn't won't wouldn't can't couldn't".split())
_S_SUBJECTS = frozenset("he she it which who that".split())
_BASE_SUBJECTS = frozenset("they we i you".split())
_OBJECT_OPENERS = frozenset("the a an his her its their our my your him them us me".split())
_DEMONSTRATIVES = frozenset("this that these those".split())
_TIME_WORDS = frozenset("week weekend month year morning afternoon evening night summer winter "
                        "spring autumn fall time season decade century".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your some any "
                         "no every each both all many several two three new its".split())
_PREPOSITIONS = frozenset("of in on at to for from with by along across over under between "
                          "around near beyond within without into onto through via".split())
_ADVERBS = frozenset("also still further now already often not never even only just again "
                     "reportedly allegedly effectively largely partly mainly directly "
                     "increasingly actually indeed thus therefore currently".split())


@dataclass(frozen=True)
class Sense:
    """How a one-word term must be read: `noun` (no verb cue) and, when `context` or `name`
    is set, at least one of: a context word (stem) within `window` words, or (`name`) a
    capitalised word right after it ("meets Aliyev")."""
    noun: bool = False
    context: frozenset = frozenset()
    window: int = 0
    name: bool = False

    def holds(self, text: str, forms, starts, ends, i: int) -> bool:
        if self.noun and _reads_as_verb(text, forms, starts, ends, i):
            return False
        if not (self.context or self.name):
            return True
        if self.name and i + 1 < len(forms) and _spaced(text, ends[i], starts[i + 1]) \
                and text[starts[i + 1]].isupper():
            return True
        lo, hi = max(0, i - self.window), min(len(forms), i + self.window + 1)
        return any(forms[j][2] in self.context for j in range(lo, hi) if j != i)


def _spaced(text: str, left_end: int, right_start: int) -> bool:
    """Only blanks between two words (no punctuation): they belong to one clause."""
    return text[left_end:right_start].strip() == ""


def _reads_as_verb(text: str, forms, starts, ends, i: int) -> bool:
    """The verb cues (a)-(d) above, for word i."""
    lower = forms[i][1]
    s_form = lower.endswith("s") and not lower.endswith("ss")
    j = i - 1
    while j >= 0 and forms[j][1] in _ADVERBS and _spaced(text, ends[j], starts[j + 1]):
        j -= 1
    prev = forms[j][1] if j >= 0 and _spaced(text, ends[j], starts[j + 1]) else None
    nxt = forms[i + 1][1] if i + 1 < len(forms) and _spaced(text, ends[i], starts[i + 1]) else None
    if prev in _TO_MODAL and not s_form:
        return True                                                             # (a)
    if (s_form and prev in _S_SUBJECTS) or (not s_form and prev in _BASE_SUBJECTS):
        return True                                                             # (b)
    if nxt in _OBJECT_OPENERS:
        return True                                                             # (c)
    if nxt in _DEMONSTRATIVES:
        after = forms[i + 2][1] if i + 2 < len(forms) else None
        return after not in _TIME_WORDS                                         # (c)
    if (s_form and nxt is not None and text[starts[i]].islower() and text[starts[i + 1]].isupper()
            and prev not in _DETERMINERS and prev not in _PREPOSITIONS):
        return True                                                             # (d)
    if (s_form and i + 3 < len(forms) and forms[i + 2][1] == "to"
            and text[starts[i + 1]].islower() and text[starts[i + 3]].islower()
            and forms[i + 1][1] not in _DETERMINERS and forms[i + 3][1] not in _DETERMINERS):
        return True                                                             # (e)
    return False


@dataclass(frozen=True)
class Pattern:
    theme: str | None         # None: a name that blocks the terms inside it
    term: str
    match: str
    keys: tuple[str, ...]     # one per word of the term, compared with the word's `match` form
    rejected: frozenset = frozenset()   # lower-case words that never match (stem terms)
    sense: Sense | None = None

    def fits(self, text: str, forms, starts, ends, i: int) -> bool:
        """Whether the term's words stand at word i onwards (word_columns' columns)."""
        if i + len(self.keys) > len(forms):
            return False
        field = _FIELD[self.match]
        for j, key in enumerate(self.keys):
            if forms[i + j][field] != key or forms[i + j][1] in self.rejected:
                return False
            if j and not joined_at(text, ends[i + j - 1], starts[i + j]):
                return False
        return self.sense is None or self.sense.holds(text, forms, starts, ends, i)


_FIELD = {"acronym": 0, "word": 1, "stem": 2}     # the match type's place in (bare, lower, stem)


def _key(word: Word, match: str) -> str:
    return {"stem": word.stem, "word": word.lower, "acronym": word.bare}[match]


def load_themes(path: str | Path | None = None, senses: str | Path | None = None) -> pd.DataFrame:
    """The theme dictionary: theme, term, match, accepted_forms, rejected_forms, note, and the
    sense rule of each term (rule, context, window; from theme_senses.csv). Checked: known
    match types, every term in one theme only, every reviewed form sharing its term's stem,
    every sense rule naming a one-word term of the dictionary."""
    if path is None and senses is None:
        return _default_themes().copy()
    return _read_themes(path or THEMES_FILE, senses or SENSES_FILE)


@lru_cache(maxsize=1)
def _default_themes() -> pd.DataFrame:
    return _read_themes(THEMES_FILE, SENSES_FILE)


def load_names(path: str | Path | None = None) -> pd.DataFrame:
    """Names that block the theme terms inside them (data/theme_names.csv): name, match, note."""
    if path is None:
        return _default_names().copy()
    return _read_names(path)


@lru_cache(maxsize=1)
def _default_names() -> pd.DataFrame:
    return _read_names(NAMES_FILE)


def _read_names(path: str | Path) -> pd.DataFrame:
    table = read_keyword_table(path, "name", label_is_term=True)
    for name, match in zip(table["name"], table["match"]):
        _pattern_keys(name, match)
    return table


def read_keyword_table(path: str | Path, label: str, label_is_term: bool = False) -> pd.DataFrame:
    """An editable keyword table (`label`, term, match, ...), stripped, with its columns and
    match types checked; shared by the theme dictionary and the tone targets."""
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {label, "match"} | ({"term"} if not label_is_term else set())
    missing -= set(table.columns)
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {sorted(missing)}")
    table = table.apply(lambda col: col.str.strip())
    bad = table[~table["match"].isin(MATCH_TYPES)]
    if len(bad):
        what = label if label_is_term else "term"
        raise ValueError(f"{Path(path).name}: unknown match type(s) {sorted(set(bad['match']))} "
                         f"for {what}(s) {list(bad[what])}; use one of {MATCH_TYPES}")
    return table


def form_list(cell: str) -> list[str]:
    """A reviewed-forms cell ('transit transits') as its lower-case words."""
    return cell.lower().split() if isinstance(cell, str) else []


def _read_themes(path: str | Path, senses_path: str | Path) -> pd.DataFrame:
    table = read_keyword_table(path, "theme")
    for column in FORM_COLUMNS:
        if column not in table:
            table[column] = ""
    table["keys"] = [_pattern_keys(t, m) for t, m in zip(table["term"], table["match"])]
    clash = table[table.duplicated(["match", "keys"], keep=False)]
    clash = clash.groupby(["match", "keys"])["theme"].nunique()
    if (clash > 1).any():
        raise ValueError("term(s) listed under two themes: "
                         + ", ".join(" ".join(k) for k in clash[clash > 1].index.get_level_values(1)))
    for row in table.itertuples():
        _check_forms(row, Path(path).name)
    table = table.drop(columns="keys")
    return _with_senses(table, senses_path, strict=Path(path) == THEMES_FILE)


def _check_forms(row, source: str) -> None:
    """Reviewed forms belong to stem terms, share the stem of one of the term's words, and are
    either accepted or rejected, not both; '*' is for phrases only."""
    accepted, rejected = form_list(row.accepted_forms), form_list(row.rejected_forms)
    if not (accepted or rejected):
        return
    if row.match != "stem":
        raise ValueError(f"{source}: {row.term!r} lists reviewed forms but matches by {row.match}; "
                         "forms are for stem terms")
    stems = set(row.keys)
    if ALL_FORMS in accepted and len(stems) == 1 and len(row.keys) == 1:
        raise ValueError(f"{source}: {row.term!r}: '{ALL_FORMS}' accepts every form of a phrase's "
                         "words; a one-word term must list its forms")
    both = set(accepted) & set(rejected)
    if both:
        raise ValueError(f"{source}: {row.term!r} both accepts and rejects {sorted(both)}")
    stale = [f for f in accepted + rejected if f != ALL_FORMS and stem(f) not in stems]
    if stale:
        raise ValueError(f"{source}: {row.term!r} reviews form(s) {stale} that do not share its "
                         f"stem(s) {sorted(stems)}")


def read_senses(path: str | Path | None = None) -> pd.DataFrame:
    """The sense rules (data/theme_senses.csv): term, rule ('noun', 'near', 'name', or
    several), context (words, any inflection), window (words either side), note."""
    table = pd.read_csv(path or SENSES_FILE, comment="#", dtype=str, keep_default_na=False)
    missing = {"term", "rule", "context", "window"} - set(table.columns)
    if missing:
        raise ValueError(f"{Path(path or SENSES_FILE).name} lacks column(s) {sorted(missing)}")
    table = table.apply(lambda col: col.str.strip())
    for row in table.itertuples():
        rules = row.rule.split()
        if not rules or set(rules) - set(SENSE_RULES):
            raise ValueError(f"sense rule {row.rule!r} for {row.term!r}: use {' and/or '.join(SENSE_RULES)}")
        if ("near" in rules) != bool(row.context.split()):
            raise ValueError(f"sense rule for {row.term!r}: 'near' needs context words, and only 'near' uses them")
        if "near" in rules and not row.window.isdigit():
            raise ValueError(f"sense rule for {row.term!r}: 'near' needs a window (words either side)")
    if table["term"].duplicated().any():
        raise ValueError(f"sense rules listed twice: {sorted(set(table.loc[table['term'].duplicated(), 'term']))}")
    return table


def _with_senses(table: pd.DataFrame, senses_path: str | Path, strict: bool) -> pd.DataFrame:
    """The dictionary with each term's sense rule. `strict`: a rule for a term the dictionary
    lacks is an error (the shipped pair of files); a researcher's own dictionary read with
    the shipped rules keeps the rules of the terms it has."""
    senses = read_senses(senses_path)
    unknown = sorted(set(senses["term"]) - set(table["term"]))
    if unknown and strict:
        raise ValueError(f"sense rule(s) for term(s) not in the dictionary: {unknown}")
    phrases = [t for t in senses["term"] if len(words(t)) != 1]
    if phrases:
        raise ValueError(f"sense rules are for one-word terms: {phrases}")
    merged = table.merge(senses[["term", "rule", "context", "window"]], on="term", how="left")
    return merged.fillna({"rule": "", "context": "", "window": ""})


def _pattern_keys(term: str, match: str) -> tuple[str, ...]:
    keys = tuple(_key(w, match) for w in words(term))
    if not keys:
        raise ValueError(f"theme term {term!r} has no words")
    return keys


def theme_order(themes: pd.DataFrame | None = None) -> list[str]:
    """Themes in the order the dictionary lists them."""
    themes = load_themes() if themes is None else themes
    return list(dict.fromkeys(themes["theme"]))


def _sense(rule: str, context: str, window: str) -> Sense | None:
    rules = rule.split()
    if not rules:
        return None
    return Sense(noun="noun" in rules, context=frozenset(stem(w.lower()) for w in context.split()),
                 window=int(window) if window else 0, name="name" in rules)


@lru_cache(maxsize=8)
def _compile(rows: tuple[tuple, ...], names: tuple[tuple[str, str], ...] = ()) -> dict[str, list[Pattern]]:
    """Patterns indexed by their first key, longest first (ties: names first, then dictionary
    order)."""
    index: dict[str, list[Pattern]] = {}
    for name, match in names:
        pattern = Pattern(None, name, match, _pattern_keys(name, match))
        index.setdefault(pattern.keys[0], []).append(pattern)
    for theme, term, match, rejected, rule, context, window in rows:
        pattern = Pattern(theme, term, match, _pattern_keys(term, match),
                          frozenset(form_list(rejected)), _sense(rule, context, window))
        index.setdefault(pattern.keys[0], []).append(pattern)
    for patterns in index.values():
        patterns.sort(key=lambda p: -len(p.keys))     # stable: names, then dictionary order
    return index


def _rows(themes: pd.DataFrame) -> tuple[tuple, ...]:
    blank = [""] * len(themes)
    column = lambda name: themes[name].fillna("").astype(str) if name in themes else blank  # noqa: E731
    return tuple(zip(themes["theme"], themes["term"], themes["match"], column("rejected_forms"),
                     column("rule"), column("context"), column("window")))


def _name_rows(names: pd.DataFrame | None) -> tuple[tuple[str, str], ...]:
    return () if names is None or not len(names) else tuple(zip(names["name"], names["match"]))


def _index(themes: pd.DataFrame | None, names: pd.DataFrame | None, default_names: bool):
    """The compiled dictionary; names default to theme_names.csv when `default_names`."""
    if names is None and default_names:
        names = load_names()
    return _compile(_rows(load_themes() if themes is None else themes), _name_rows(names))


def find_terms(text: str, themes: pd.DataFrame | None = None,
               names: pd.DataFrame | None = None) -> list[tuple[str, str, int, int]]:
    """(theme, term, start, end) of every dictionary term in `text`, left to right; where
    terms overlap, the longest wins. With the default dictionary the names of
    theme_names.csv block the terms inside them; another dictionary (a keyword list, the tone
    targets) is matched as it is unless `names` is given."""
    return _find_terms(text, _index(themes, names, default_names=themes is None))


def _find_terms(text: str, index: dict[str, list[Pattern]]) -> list[tuple[str, str, int, int]]:
    forms, starts, ends = word_columns(text)
    hits, i = [], 0
    while i < len(forms):
        bare, lower, stemmed = forms[i]
        if stemmed not in index and lower not in index and bare not in index:
            i += 1
            continue
        candidates = {p for key in (stemmed, lower, bare) for p in index.get(key, ())}
        best = max((p for p in candidates if p.fits(text, forms, starts, ends, i)),
                   key=lambda p: (len(p.keys), p.theme is None, -_order(index, p)), default=None)
        if best is None:
            i += 1
            continue
        if best.theme is not None:
            hits.append((best.theme, best.term, starts[i], ends[i + len(best.keys) - 1]))
        i += len(best.keys)
    return hits


def _order(index: dict[str, list[Pattern]], pattern: Pattern) -> int:
    return index[pattern.keys[0]].index(pattern)


def _keys(units: pd.DataFrame) -> list[str]:
    return [c for c in units.columns if c not in DROP_FROM_KEYS]


def _found(units: pd.DataFrame, themes: pd.DataFrame, names: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units kept, and every term found in them with its unit's row number among the kept
    (column `_unit`). An article in which matching fails is set aside (analysis.guard): its
    units are left out, and the records ride on the kept units."""
    index = _index(themes, names, default_names=True)
    found = [attempt(partial(_find_terms, index=index), text) for text in units["text"]]
    keep, records = keep_articles("themes", found, list(units["doc_id"]) if "doc_id" in units else list(range(len(units))))
    kept = with_records(units[np.asarray(keep, dtype=bool)].reset_index(drop=True), records, units)
    rows = [(i, theme, term, text[s:e], s, e)
            for i, (text, terms) in enumerate(zip(kept["text"], (f for f, k in zip(found, keep) if k)))
            for theme, term, s, e in terms]
    return kept, pd.DataFrame(rows, columns=["_unit", "theme", "term", "span", "start", "end"])


def theme_matches(units: pd.DataFrame, themes: pd.DataFrame | None = None,
                  names: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per dictionary term found: the unit's columns, theme, term, the words as
    printed (`span`), `start`/`end` in the unit's text and, when `units` carries offsets (as
    analysis.sentences does), `doc_start`/`doc_end` in the article's clean text. `names`:
    the blocking names (default theme_names.csv; an empty table blocks nothing)."""
    themes = load_themes() if themes is None else themes
    keys = _keys(units)
    units, found = _found(units, themes, names)
    table = units[keys].iloc[found["_unit"]].reset_index(drop=True)
    table = pd.concat([table, found.drop(columns="_unit")], axis=1)
    if "start" in units:
        unit_start = units["start"].to_numpy()[found["_unit"]]
        table["doc_start"] = unit_start + found["start"].to_numpy()
        table["doc_end"] = unit_start + found["end"].to_numpy()
    table["theme"] = pd.Categorical(table["theme"], categories=theme_order(themes), ordered=True)
    return with_records(table, [], units)


def theme_shares(units: pd.DataFrame, themes: pd.DataFrame | None = None,
                 names: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table, one row per unit and theme: the unit's columns (not its text), `n_words`,
    `theme`, `hits` (dictionary terms found; a phrase counts once), `terms` (the words found,
    '; '-joined) and `share` = hits / all theme hits in the unit (NaN when it has none).

    Aggregate by summing `hits`, never by averaging `share`: see theme_totals."""
    themes = load_themes() if themes is None else themes
    order = theme_order(themes)
    units, found = _found(units, themes, names)
    base = units[_keys(units)].reset_index(drop=True)
    base["n_words"] = [count_words(t) for t in units["text"]]
    base["_unit"] = np.arange(len(units))
    spans: dict[tuple[int, str], list[str]] = {}
    for unit, theme, span in found[["_unit", "theme", "span"]].itertuples(index=False):
        spans.setdefault((unit, theme), []).append(span)
    counted = pd.DataFrame([(u, t, len(s), "; ".join(s)) for (u, t), s in spans.items()],
                           columns=["_unit", "theme", "hits", "terms"])
    long = base.merge(pd.DataFrame({"theme": order}), how="cross")
    long = long.merge(counted, on=["_unit", "theme"], how="left")
    long["hits"] = long["hits"].fillna(0).astype(int)
    long["terms"] = long["terms"].fillna("")
    per_unit = long.groupby("_unit")["hits"].transform("sum")
    long["share"] = (long["hits"] / per_unit).where(per_unit > 0)
    long["theme"] = pd.Categorical(long["theme"], categories=order, ordered=True)
    shares = long.sort_values(["_unit", "theme"], kind="stable").drop(columns="_unit").reset_index(drop=True)
    return with_records(shares, [], units)


def theme_totals(shares: pd.DataFrame, by: str | list[str] = "doc_id") -> pd.DataFrame:
    """theme_shares aggregated to articles, eras or any grouping: per group and theme, `hits`,
    `n_units` (units in the group), `units_with` (units with at least one hit of the theme),
    `n_words`, `share` (theme hits / all theme hits in the group) and `per_1000_words`."""
    by = [by] if isinstance(by, str) else list(by)
    unit_words = shares.drop_duplicates(["doc_id", "position"])
    sizes = (unit_words.groupby(by, observed=True)
             .agg(n_units=("position", "size"), n_docs=("doc_id", "nunique"),
                  n_words=("n_words", "sum")).reset_index())
    totals = (shares.groupby(by + ["theme"], observed=True)
              .agg(hits=("hits", "sum"), units_with=("hits", lambda h: int((h > 0).sum())))
              .reset_index())
    totals = totals.merge(sizes, on=by)
    all_hits = totals.groupby(by, observed=True)["hits"].transform("sum")
    totals["share"] = (totals["hits"] / all_hits).where(all_hits > 0)
    totals["per_1000_words"] = 1000 * totals["hits"] / totals["n_words"]
    return totals[by + ["theme", "hits", "units_with", "n_units", "n_docs", "n_words", "share",
                        "per_1000_words"]]


def theme_intervals(shares: pd.DataFrame, by: str = "era", n_boot: int = N_BOOT,
                    seed: int = SEED, level: float = 0.95, small: int = SMALL_COUNT) -> pd.DataFrame:
    """An interval for each group's theme share, with the method in `interval`:

    - "bootstrap": percentile bootstrap resampling the group's units (sentences) with
      replacement;
    - "exact": for a theme with fewer than `small` hits (zero included), where a bootstrap
      has too little to resample (it answers "0-0" for a zero), the Clopper-Pearson interval
      with the sentences that carry any theme hit as the trials (an effective sample size:
      hits of one sentence move together) and share x trials as the successes, so 0 of 22
      sentences allows up to 15%.

    Units of one article are not independent, so with few articles both are too narrow:
    read them as a floor on the uncertainty."""
    rows = []
    order = list(shares["theme"].cat.categories)
    for group, part in shares.groupby(by, observed=True, sort=True):
        rng = generator("theme sentences", str(group), seed=seed)    # a group's draws do not depend on the others
        matrix = (part.pivot_table(index=["doc_id", "position"], columns="theme", values="hits",
                                   observed=False, aggfunc="sum")
                  .reindex(columns=order, fill_value=0).to_numpy(dtype=float))
        draws = rng.integers(0, len(matrix), size=(n_boot, len(matrix)))
        sums = matrix[draws].sum(axis=1)                      # n_boot x themes
        totals = sums.sum(axis=1, keepdims=True)
        boot = np.divide(sums, totals, out=np.full_like(sums, np.nan), where=totals > 0)
        low, high = np.nanquantile(boot, [(1 - level) / 2, (1 + level) / 2], axis=0)
        hits = matrix.sum(axis=0)
        trials = int((matrix.sum(axis=1) > 0).sum())
        share = hits / hits.sum() if hits.sum() else np.full_like(hits, np.nan)
        exact_low, exact_high = exact_binomial_interval(share * trials, np.full_like(hits, trials),
                                                        level=level)
        for t, theme in enumerate(order):
            exact = hits[t] < small
            rows.append({by: group, "theme": theme,
                         "share_low": float(exact_low[t] if exact else low[t]),
                         "share_high": float(exact_high[t] if exact else high[t]),
                         "interval": "exact" if exact else "bootstrap"})
    table = pd.DataFrame(rows)
    table["theme"] = pd.Categorical(table["theme"], categories=order, ordered=True)
    if isinstance(shares[by].dtype, pd.CategoricalDtype):
        table[by] = table[by].astype(shares[by].dtype)
    return table


ONE_ARTICLE = "one article: no interval for the era"


def theme_era_intervals(shares: pd.DataFrame, by: str = "era", n_boot: int = N_BOOT,
                        level: float = 0.95, small: int = SMALL_COUNT) -> pd.DataFrame:
    """The interval an era comparison needs: articles, not sentences, are the sampling units.

    - A group with two or more articles: percentile bootstrap resampling its articles whole
      (stats.cluster_ratio_interval, the generator keyed by the group's label). A theme with
      under `small` hits also gets its exact interval (theme_intervals) and the wider bound at
      each end is kept, so a zero still shows how large the share could be.
    - A group with one article has nothing to resample: `note` says "one article: no interval
      for the era", and the interval shown is theme_intervals' over its sentences, which
      describes variation within that article only.

    Columns: `by`, theme, n_docs, share_low, share_high, `unit` ('articles' or 'sentences
    (within article)'), `exact` (the exact bound was used), note."""
    order = list(shares["theme"].cat.categories)
    per_doc = shares.pivot_table(index=[by, "doc_id"], columns="theme", values="hits", aggfunc="sum",
                                 observed=True).reindex(columns=order, fill_value=0).fillna(0)
    unit_hits = shares.groupby([by, "doc_id", "position"], observed=True)["hits"].sum()
    trials = (unit_hits > 0).groupby(level=by, observed=True).sum()
    docs = per_doc.groupby(level=by, observed=True).size()
    alone = shares[shares[by].isin(docs.index[docs < 2])]
    within = theme_intervals(alone, by, n_boot, SEED, level, small) if len(alone) else None
    return article_theme_intervals(per_doc, trials, within, by, n_boot, level, small)


def article_theme_intervals(per_doc: pd.DataFrame, trials: pd.Series, within: pd.DataFrame | None,
                            by: str = "era", n_boot: int = N_BOOT, level: float = 0.95,
                            small: int = SMALL_COUNT) -> pd.DataFrame:
    """theme_era_intervals from per-article theme hits, so that tables of any size need no
    sentence: `per_doc` indexed by (`by`, doc_id) with a column per theme, `trials` the
    sentences with any theme hit per group (the exact interval's trials), and `within`
    theme_intervals of the groups of one article (their sentences), or None if there are none."""
    order = list(per_doc.columns)
    rows = []
    for group, frame in per_doc.groupby(level=by, observed=True, sort=True):
        hits = frame.to_numpy(dtype=float)
        total = hits.sum(axis=0)
        n = int(trials.get(group, 0))
        share = total / total.sum() if total.sum() else np.full_like(total, np.nan)
        exact = total < small
        if len(hits) >= 2:
            exact_low, exact_high = exact_binomial_interval(share * n, np.full_like(total, n), level=level)
            low, high = cluster_ratio_interval(hits, hits.sum(axis=1), n_boot,
                                               generator("theme shares", str(group)), level)
            low = np.where(exact, np.minimum(low, exact_low), low)
            high = np.where(exact, np.maximum(high, exact_high), high)
            unit, note = "articles", ""
        else:
            part = within[within[by] == group].set_index("theme").reindex(order)
            low, high = part["share_low"].to_numpy(), part["share_high"].to_numpy()
            unit, note = "sentences (within article)", ONE_ARTICLE
        for t, theme in enumerate(order):
            rows.append({by: group, "theme": theme, "n_docs": len(hits), "share_low": float(low[t]),
                         "share_high": float(high[t]), "unit": unit, "exact": bool(exact[t]),
                         "note": note})
    table = pd.DataFrame(rows, columns=[by, "theme", "n_docs", "share_low", "share_high", "unit",
                                        "exact", "note"])
    table["theme"] = pd.Categorical(table["theme"], categories=order, ordered=True)
    groups = per_doc.index.get_level_values(by)
    if isinstance(groups.dtype, pd.CategoricalDtype):
        table[by] = table[by].astype(groups.dtype)
    return table

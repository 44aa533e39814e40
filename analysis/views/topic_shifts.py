"""Tables, figures and claim checks for notebook 02 (topic shifts).

The claim under test: the agenda of Russia-Azerbaijan coverage moved from oil, pipelines and
Caspian borders (2001-2007) to transit corridors, cargo and sanctions (2024). The claim is data
(`data/claim.csv`: its parts, their themes and words) and so are the themes (`data/themes.csv`)
and the eras (`data/eras.csv`); nothing here names an article, a theme or an era. The claim's
two halves are year *spans* made of eras: the late span is the last era of the eras file that
holds articles, the early span the eras before it. Articles outside every era window (grouped
by calendar year) and undated articles belong to no span.

Articles, not sentences, are the sampling units of every comparison between eras or spans:
intervals resample whole articles (an era with one article says it has none), every comparison
has a leave-one-article-out table and a wire-only variant, and each part of the claim gets an
exact test beside its counts.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..concordance import kwic
from ..config import DATA_DIR
from ..distinctive import keyness, keyness_intervals, log_odds, prior, stem_counts
from ..eras import load_eras
from ..plotting import OUTLET_MARKERS, era_colour, new_figure, outlet_markers, shade_eras
from ..stats import WIRE_GENRE as WIRE, Sensitivity, exact_rate_test, sensitivity, wire_articles
from ..study import comparison_note
from ..theme_precision import (LOW_PRECISION, SEED_VERDICTS, read_sheet, shares_with_and_without,
                              theme_precision, verdicts_for)
from ..themes import ONE_ARTICLE, load_themes, theme_matches, theme_order, theme_totals
from ..text.words import count_words, words

Z_LINE = 1.96             # |z| at which a single word would pass a two-sided 5% test
TOP_WORDS = 12            # distinctive words shown per side
ALPHA = 0.05              # level of the one-sided exact test of each claim part
MAX_ARTICLE_ROWS = 40     # the topic heat map shows articles up to this many, else eras
SPAN = "year_span"        # the column with_span adds: the claim's span of the unit ('span' is a match's words)

CLAIM_FILE = DATA_DIR / "claim.csv"
DIRECTIONS = {"falls": "early", "rises": "late", "left out": None}


# ---------------------------------------------------------------------------------------------
# The claim (data/claim.csv)


@lru_cache(maxsize=4)
def _read_claim(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    missing = {"part", "direction", "themes", "words"} - set(table.columns)
    if missing:
        raise ValueError(f"{Path(path).name} lacks column(s) {sorted(missing)}")
    table = table.apply(lambda col: col.str.strip())
    bad = sorted(set(table["direction"]) - set(DIRECTIONS))
    if bad:
        raise ValueError(f"{Path(path).name}: direction(s) {bad}; use {sorted(DIRECTIONS)}")
    return table


def claim_data(path=None) -> pd.DataFrame:
    """The claim table (part, direction, themes, words, note), checked against the theme
    dictionary as it is now: a theme the dictionary lacks (renamed in themes.csv only) is an
    error naming both files."""
    path = Path(path or CLAIM_FILE)
    table = _read_claim(str(path.resolve())).copy()
    unknown = sorted({t for cell in table["themes"] for t in _split(cell, ";")} - set(theme_order()))
    if unknown:
        raise ValueError(f"{path.name} names theme(s) the dictionary (themes.csv) lacks: {unknown}; "
                         "a renamed theme must be renamed in both files")
    return table


def _split(cell: str, sep: str) -> list[str]:
    return [p.strip() for p in cell.split(sep) if p.strip()]


def load_claim(path=None) -> list[tuple[str, str, list[list[str]]]]:
    """The claim's parts: (part, span 'early'/'late', groups of words; a sentence carries the
    part when every group has a word in it)."""
    return [(r.part, DIRECTIONS[r.direction], [w.split() for w in _split(r.words, "+")])
            for r in claim_data(path).itertuples() if r.direction != "left out"]


def claim_themes(path=None) -> dict[str, list[str]]:
    """Dictionary themes of the claim by direction ('falls', 'rises', 'left out'), each list
    in the order the claim names them, without repeats."""
    table = claim_data(path)
    return {d: list(dict.fromkeys(t for cell in table.loc[table["direction"] == d, "themes"]
                                  for t in _split(cell, ";")))
            for d in DIRECTIONS}


def claim_theme_list(path=None) -> list[str]:
    """Every theme the claim names or sets beside it: falls, rises, left out."""
    return [t for themes in claim_themes(path).values() for t in themes]


def claim_keywords(claim=None) -> list[str]:
    """Every word the claim's parts are counted by, in the claim's order: the keywords shown
    in context, so the concordance holds every word that decides a part."""
    claim = load_claim() if claim is None else claim
    seen: dict[str, str] = {}
    for _, _, groups in claim:
        for group in groups:
            for word in group:
                seen.setdefault(word.lower(), word)
    return list(seen.values())


def claim_parts(spans: "Spans", claim=None) -> pd.DataFrame:
    """The claim's parts as the notebook counts them: the span each is claimed for, and the
    words a sentence needs ('+' joins groups that must all be present)."""
    claim = load_claim() if claim is None else claim
    table = claim_data().set_index("part")
    rows = [{"part": part, "claimed for": spans.side_label(side) if spans.compared else side,
             "themes": table.loc[part, "themes"],
             "a sentence carries it with": " + ".join(" / ".join(g) for g in groups)}
            for part, side, groups in claim]
    return pd.DataFrame(rows).set_index("part")


# ---------------------------------------------------------------------------------------------
# Spans: the eras before the last one that holds articles are "early", that era is "late"


@dataclass(frozen=True)
class Spans:
    """The claim's two year spans on this corpus, or why there are none (`note`)."""
    early: str | None                 # label from the articles' years, e.g. '2001–2007'
    late: str | None                  # e.g. '2024'
    early_eras: tuple[str, ...]
    late_era: str | None
    eras: tuple[str, ...]             # eras of the eras file that hold articles, in order
    outside: tuple[tuple[str, int], ...]   # year groups outside every era: (year, articles)
    undated: int                      # articles in no era and no year
    note: str                         # '' when the spans can be compared

    @property
    def compared(self) -> bool:
        return self.late is not None

    @property
    def labels(self) -> list[str]:
        return [self.early, self.late] if self.compared else []

    def side_label(self, side: str) -> str:
        return {"early": self.early, "late": self.late}[side]

    def of(self, era) -> str | None:
        if not self.compared or era is None or pd.isna(era):
            return None
        return self.late if era == self.late_era else (self.early if era in self.early_eras else None)


def _years(corpus: pd.DataFrame, eras) -> str:
    years = sorted(int(y) for y in corpus.loc[corpus["era"].isin(eras), "event_date"].dt.year.dropna().unique())
    if not years:
        return " + ".join(map(str, eras))
    return f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def spans(corpus: pd.DataFrame) -> Spans:
    """The claim's spans from the eras file: late = the last era holding articles, early = the
    eras before it that hold articles; labelled by the years of their articles."""
    present = corpus["era"].value_counts()
    in_file = list(load_eras()["era"])
    holding = tuple(e for e in in_file if present.get(e, 0) > 0)
    groups = list(corpus["era"].cat.categories) if isinstance(corpus["era"].dtype, pd.CategoricalDtype) \
        else sorted(corpus["era"].dropna().unique())
    outside = tuple((str(g), int(present[g])) for g in groups if g not in in_file and present.get(g, 0) > 0)
    undated = int(corpus["era"].isna().sum())
    if len(holding) < 2:
        note = comparison_note(corpus) or (
            f"No comparison of the claim's spans: only one era of the eras file holds articles "
            f"({holding[0] if holding else 'none'}); the other articles lie outside every era window. "
            "Widen the eras file to compare.")
        return Spans(None, None, (), None, holding, outside, undated, note)
    early, late = _years(corpus, holding[:-1]), _years(corpus, holding[-1:])
    if early == late:                                      # eras within one year: use their names
        early, late = " + ".join(holding[:-1]), holding[-1]
    return Spans(early, late, holding[:-1], holding[-1], holding, outside, undated, "")


def span_note(s: Spans) -> str:
    """What the spans are on this corpus and which articles they leave out."""
    lines = [s.note] if s.note else [
        f"The claim's spans: early {s.early} ({', '.join(s.early_eras)}), late {s.late} ({s.late_era})."]
    if s.outside:
        years = ", ".join(f"{y}: {_plural(n, 'article')}" for y, n in s.outside)
        n = sum(n for _, n in s.outside)
        lines.append(f"{_plural(n, 'article')} {'lies' if n == 1 else 'lie'} outside every era window and "
                     f"{'is' if n == 1 else 'are'} grouped by year ({years}): in the tables by era, but in no "
                     "span of the claim, which the eras file defines; add an era to the file to bring "
                     f"{'it' if n == 1 else 'them'} in.")
    if s.undated:
        lines.append(f"{_plural(s.undated, 'article')} {'has' if s.undated == 1 else 'have'} no usable date "
                     f"and {'belongs' if s.undated == 1 else 'belong'} to no era or span.")
    return " ".join(lines)


def english_note(corpus: pd.DataFrame, english: pd.DataFrame) -> str:
    """How many articles the English dictionary, topics and keyness leave out, by name."""
    left = sorted(set(corpus["doc_id"]) - set(english["doc_id"]))
    if not left:
        return f"All {_plural(len(corpus), 'article')} are read as English."
    names = ", ".join(left[:10]) + (f" and {len(left) - 10} more" if len(left) > 10 else "")
    return (f"{len(left)} of {len(corpus)} articles are not in English and are left out of everything "
            f"below (the dictionary, the topic model and keyness read English): {names}.")


def with_span(units: pd.DataFrame, corpus: pd.DataFrame, s: Spans | None = None) -> pd.DataFrame:
    """`units` plus the article's genre and a `year_span` column: the claim's span of its
    article (ordered: early, late; empty for articles in no span). Not `span`, which names
    the words of a theme match (analysis.themes.theme_matches)."""
    s = spans(corpus) if s is None else s
    meta = corpus[["doc_id"]].assign(genre=corpus["genre"].fillna("") if "genre" in corpus else "")
    out = units.merge(meta, on="doc_id", how="left")
    out[SPAN] = pd.Categorical([s.of(e) for e in out["era"]], categories=s.labels, ordered=True)
    return out


def sample_line(corpus: pd.DataFrame, units: pd.DataFrame) -> str:
    """'n = 5 articles, 111 sentences (2001 first visit: 1 article, 22 sentences; ...)'."""
    parts = []
    for era, rows in units.groupby("era", observed=True):
        docs = rows["doc_id"].nunique()
        parts.append(f"{era}: {_plural(docs, 'article')}, {len(rows)} sentences")
    return f"n = {len(corpus)} articles, {len(units)} sentences ({'; '.join(parts)})"


def _genre(corpus: pd.DataFrame) -> pd.Series:
    return corpus["genre"].fillna("").astype(str) if "genre" in corpus else pd.Series("", index=corpus.index)


def sample_table(corpus: pd.DataFrame, sentences: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Per era: articles, outlets, genres, paragraphs, sentences and words."""
    rows = {}
    genre = _genre(corpus).replace("", "no genre")
    for era, docs in corpus.groupby("era", observed=True):
        ids = set(docs["doc_id"])
        outlets = sorted(set(docs["outlet"].fillna("").astype(str)))
        rows[era] = {"articles": len(docs),
                     "outlets": ", ".join(outlets) if len(outlets) <= 6 else f"{len(outlets)} outlets",
                     "genres": ", ".join(f"{g} {n}" for g, n in genre[docs.index].value_counts().sort_index().items()),
                     "paragraphs": int(paragraphs["doc_id"].isin(ids).sum()),
                     "sentences": int(sentences["doc_id"].isin(ids).sum()),
                     "words": int(docs["n_words"].sum())}
    return pd.DataFrame(rows).T


# ---------------------------------------------------------------------------------------------
# Sensitivity: every comparison with one article left out, and with wire news only (stats.sensitivity)


def _share(hits: np.ndarray, rows: np.ndarray, theme: int):
    total = hits[rows].sum()
    return None if not rows.any() or total == 0 else float(hits[rows, theme].sum() / total)


def theme_findings(by_article: pd.DataFrame, corpus: pd.DataFrame, s: Spans):
    """The era comparisons of section 1 as a function of the articles kept: for each theme the
    claim expects to fall or rise, whether its share of theme hits is smaller ('falls') or
    larger ('rises') in the late span than in the early span ('2001–2007 → 2024'), and, with
    three or more eras, in the late era than in each earlier era. None where a side has no
    article left."""
    hits = by_article.pivot(index="doc_id", columns="theme", values="hits").fillna(0)
    order = list(hits.columns)
    era = corpus.set_index("doc_id")["era"].reindex(hits.index)
    docs = hits.index.to_numpy()
    matrix = hits.to_numpy(dtype=float)
    themes = claim_themes()
    directed = [(t, "falls") for t in themes["falls"]] + [(t, "rises") for t in themes["rises"]]

    def names():
        out = []
        for theme, way in directed:
            out.append((theme, way, "span", f"{theme} {way} ({s.early} → {s.late})"))
            if len(s.eras) > 2:
                out.append((theme, way, "era", f"{theme} {way} (each earlier era → {s.late_era})"))
        return out

    def finding(keep: set) -> dict:
        kept = np.isin(docs, list(keep))
        result = {}
        for theme, way, level, name in names():
            t = order.index(theme)
            late = _share(matrix, kept & (era == s.late_era).to_numpy(), t)
            if level == "span":
                others = [_share(matrix, kept & era.isin(s.early_eras).to_numpy(), t)]
            else:
                others = [_share(matrix, kept & (era == e).to_numpy(), t) for e in s.early_eras]
            if late is None or any(o is None for o in others):
                result[name] = None
            else:
                result[name] = all((late < o) if way == "falls" else (late > o) for o in others)
        return result
    return finding


def span_articles(corpus: pd.DataFrame, s: Spans) -> pd.DataFrame:
    """The articles of the claim's spans (the units every span comparison resamples)."""
    keep = corpus["era"].isin(s.eras)
    return corpus.loc[keep, ["doc_id"]].assign(genre=_genre(corpus)[keep])


def theme_sensitivity(by_article: pd.DataFrame, corpus: pd.DataFrame, s: Spans) -> Sensitivity:
    """Section 1's era comparisons without each article, and on wire news only."""
    return sensitivity(span_articles(corpus, s), theme_findings(by_article, corpus, s))


def _wrap(text: str, width: int = 120) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _names(docs: list, most: int = 4) -> str:
    return ", ".join(map(str, docs[:most])) + (f" and {len(docs) - most} more" if len(docs) > most else "")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


# ---------------------------------------------------------------------------------------------
# Section 1: theme shares


def dictionary_overview(themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per theme: number of terms and a few examples, in dictionary order."""
    themes = load_themes() if themes is None else themes
    rows = [{"theme": t, "terms": len(g), "examples": ", ".join(g["term"].head(6))}
            for t, g in themes.groupby("theme", sort=False)]
    return pd.DataFrame(rows).set_index("theme")


def article_table(doc_totals: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article in date order: its date, era, genre and n (sentences, words, theme
    hits), then each theme's share (% of the article's theme hits)."""
    meta = corpus.set_index("doc_id")
    wide = doc_totals.pivot(index="doc_id", columns="theme", values="share").mul(100).round(1)
    order = [d for d in corpus.sort_values(["event_date", "doc_id"])["doc_id"] if d in wide.index]
    sizes = doc_totals.drop_duplicates("doc_id").set_index("doc_id")
    hits = doc_totals.groupby("doc_id")["hits"].sum()
    genre = _genre(corpus).set_axis(corpus["doc_id"])
    head = pd.DataFrame({
        "date": [meta.loc[d, "event_date"].date().isoformat() if pd.notna(meta.loc[d, "event_date"]) else "undated"
                 for d in order],
        "era": [str(meta.loc[d, "era"]) if pd.notna(meta.loc[d, "era"]) else "" for d in order],
        "genre": [genre[d] for d in order],
        "sentences": [int(sizes.loc[d, "n_units"]) for d in order],
        "words": [int(sizes.loc[d, "n_words"]) for d in order],
        "theme hits": [int(hits[d]) for d in order]}, index=pd.Index(order, name="article"))
    wide = wide.reindex(order)
    wide.columns = [f"{t} (%)" for t in wide.columns]
    return pd.concat([head, wide], axis=1)


EXACT_MARK = "†"
INTERVAL_NOTE = ("( ) 95% interval from resampling the era's articles; [ ] one article: no interval for "
                 f"the era, within-article variation (its sentences resampled); {EXACT_MARK} exact "
                 "(Clopper–Pearson) bound for a theme with under 5 hits, sentences with theme hits as "
                 "trials, kept where wider")


def _interval_text(share: float, low: float, high: float, within: bool, exact: bool) -> str:
    left, right = ("[", "]") if within else ("(", ")")
    return f"{100 * share:.0f} {left}{100 * low:.0f}–{100 * high:.0f}{right}{EXACT_MARK if exact else ''}"


def era_table(era_totals: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    """Theme share per era as '6 (0–15)' (95% interval over the era's articles) or, for an era
    of one article, '8 [2–17]' (within-article variation only); '†' marks an exact bound for
    a rare theme. The era's n in the first rows, what its interval is in the last."""
    table = era_totals.merge(intervals.drop(columns="n_docs"), on=["era", "theme"])
    cells = {}
    for era, rows in table.groupby("era", observed=True):
        first = rows.iloc[0]
        column = {"articles": str(first["n_docs"]), "sentences": str(first["n_units"]),
                  "theme hits": str(rows["hits"].sum())}
        for r in rows.itertuples():
            column[f"{r.theme} (%)"] = _interval_text(r.share, r.share_low, r.share_high,
                                                      r.unit != "articles", r.exact)
        column["interval"] = "95% over articles" if first["unit"] == "articles" else ONE_ARTICLE
        column["intervals"] = INTERVAL_NOTE if not cells else ""
        cells[era] = column
    return pd.DataFrame(cells)


def _window(era, windows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """An era's window, or the calendar year of a year group."""
    if era in windows.index:
        return windows.loc[era, "start"], windows.loc[era, "end"]
    return pd.Timestamp(f"{era}-01-01"), pd.Timestamp(f"{era}-12-31")


def _band_label(era, unit: str, n_docs: int) -> str:
    if unit == "articles":
        return f"{era} ({n_docs} articles; band: 95% over articles)"
    return f"{era} (one article; band: within-article variation)"


def plot_article_shares(doc_totals: pd.DataFrame, era_totals: pd.DataFrame,
                        intervals: pd.DataFrame, corpus: pd.DataFrame, n_line: str):
    """One panel per theme: each article's share on the true date axis (points, marker by
    outlet) and each era's pooled share across its window (line) with its 95% interval (band:
    over the era's articles; hatched: within the one article of an era that has one)."""
    order = list(doc_totals["theme"].cat.categories)
    ncols = 3
    nrows = int(np.ceil(len(order) / ncols))
    fig, axes = new_figure(nrows, ncols, width=9.0, height=2.2 * nrows + 0.8, sharex=True, sharey=True,
                           squeeze=False)
    meta = corpus.set_index("doc_id")
    outlets = meta["outlet"].fillna("").astype(str)
    many = outlets.nunique() > len(OUTLET_MARKERS)
    markers = {o: "o" for o in outlets.unique()} if many else outlet_markers(outlets)
    windows = load_eras().set_index("era")
    eras = era_totals.merge(intervals.drop(columns="n_docs"), on=["era", "theme"])
    points_all = doc_totals[["doc_id", "theme", "share"]].assign(
        event_date=meta["event_date"].reindex(doc_totals["doc_id"]).to_numpy(),
        era=meta["era"].reindex(doc_totals["doc_id"]).astype(object).to_numpy(),
        marker=[markers[outlets[d]] for d in doc_totals["doc_id"]]).dropna(subset=["event_date", "share", "era"])
    for ax, theme in zip(axes.flat, order):
        shade_eras(ax)
        for text in list(ax.texts):
            text.remove()                       # era names go in the shared legend instead
        for r in eras[eras["theme"] == theme].itertuples():
            start, end = _window(r.era, windows)
            within = r.unit != "articles"
            ax.fill_between([start, end], 100 * r.share_low, 100 * r.share_high,
                            facecolor=era_colour(r.era), alpha=0.12 if within else 0.25, lw=0,
                            hatch="////" if within else None, edgecolor=era_colour(r.era))
            ax.plot([start, end], [100 * r.share] * 2, color=era_colour(r.era), lw=2)
        points = points_all[(points_all["theme"] == theme)]
        for (marker, era), group in points.groupby(["marker", "era"], observed=True, sort=False):
            ax.scatter(group["event_date"], 100 * group["share"], marker=marker, s=28, facecolor="white",
                       edgecolor=era_colour(era), lw=1.2, zorder=3)
        ax.set_title(theme, fontsize=9)
        ax.xaxis.set_major_locator(mdates.YearLocator(6))
    for ax in axes.flat[len(order):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("% of theme hits")
    groups = eras.drop_duplicates("era")
    handles = [Patch(facecolor=era_colour(r.era), alpha=0.5, hatch="////" if r.unit != "articles" else None,
                     edgecolor=era_colour(r.era), label=_band_label(r.era, r.unit, int(r.n_docs)))
               for r in groups.itertuples()]
    if many:
        handles.append(Line2D([], [], ls="", marker="o", color="black", mfc="white",
                              label=f"one article ({outlets.nunique()} outlets)"))
    else:
        handles += [Line2D([], [], ls="", marker=m, color="black", mfc="white", label=o)
                    for o, m in markers.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7)
    fig.suptitle("Theme shares per article (points) and per era (lines); bands: 95% intervals over the era's "
                 "articles,\nhatched: within-article variation where an era has one article; exact bounds under "
                 "5 hits\n" + _wrap(n_line), fontsize=9)
    return fig


def plot_era_shares(era_totals: pd.DataFrame, intervals: pd.DataFrame, n_line: str):
    """Horizontal bars: each theme's share of theme hits per era, with its 95% interval (over
    the era's articles; dashed grey for an era of one article: within-article variation; exact
    for rare themes, so a zero shows its upper bound)."""
    table = era_totals.merge(intervals.drop(columns="n_docs"), on=["era", "theme"])
    order = list(table["theme"].cat.categories)
    eras = [e for e in table["era"].cat.categories if (table["era"] == e).any()]
    fig, ax = new_figure(width=7.0, height=max(5.0, 0.3 * len(order) * max(1, len(eras) / 3) + 1.5))
    height = 0.8 / len(eras)
    y = np.arange(len(order))
    for i, era in enumerate(eras):
        rows = table[table["era"] == era].set_index("theme").reindex(order)
        share = 100 * rows["share"].fillna(0).to_numpy()
        err = np.vstack([share - 100 * rows["share_low"].to_numpy(),
                         100 * rows["share_high"].to_numpy() - share])
        n = rows.iloc[0]
        within = n["unit"] != "articles"
        how = "dashed: within-article variation" if within else "95% over articles"
        bars = ax.barh(y + (i - (len(eras) - 1) / 2) * height, share, height=height, xerr=np.nan_to_num(err),
                       color=era_colour(era),
                       error_kw={"lw": 0.8, "capsize": 1.5, "ecolor": "#777777" if within else "black"},
                       label=f"{era} ({_plural(int(n['n_docs']), 'article')}, {int(n['n_units'])} sentences; {how})")
        if within:
            for lines in bars.errorbar.lines[2]:
                lines.set_linestyle((0, (2, 1.5)))
    ax.set_yticks(y, order)
    ax.invert_yaxis()
    ax.set_xlabel("% of the era's theme hits\n(95% intervals from resampling the era's articles; dashed: an era "
                  "of one article,\nwithin-article variation only; exact (Clopper–Pearson) bounds under 5 hits)")
    ax.set_title(f"Theme shares by era ({n_line.split(' (')[0]}; per era in the legend)", fontsize=9)
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", fontsize=7)
    return fig


def claim_theme_trends(era_totals: pd.DataFrame, intervals: pd.DataFrame, s: Spans) -> str:
    """For each theme of the claim, its share of theme hits in each era of the claim's spans,
    with the era's interval over articles or 'one article', and where it peaks."""
    table = era_totals.merge(intervals.drop(columns="n_docs"), on=["era", "theme"]).set_index(["era", "theme"])
    themes = claim_themes()
    lines = []
    for way in DIRECTIONS:
        for theme in themes[way]:
            cells = []
            for era in s.eras:
                r = table.loc[(era, theme)]
                low, high = 100 * r["share_low"], 100 * r["share_high"]
                how = ("one article" if r["unit"] != "articles"
                       else f"{low:.0f}–{high:.0f} over {int(r['n_docs'])} articles")
                cells.append(f"{era} {100 * r['share']:.0f}% ({how})")
            peak = max(s.eras, key=lambda e: table.loc[(e, theme), "share"])
            lines.append(f"{theme} ({way} in the claim): {', '.join(cells)}; largest in {peak}.")
    return "\n".join(lines)


def wire_only(shares: pd.DataFrame) -> pd.DataFrame:
    """Theme share (%) per era twice: all articles, and wire news only (no analysis pieces),
    with the number of articles in each column's name; only all articles where the corpus
    has no wire news genre."""
    columns = {}
    variants = [("all", shares)]
    if "genre" in shares and (shares["genre"] == WIRE).any():
        variants.append(("wire news only", shares[shares["genre"] == WIRE]))
    for label, rows in variants:
        totals = theme_totals(rows, "era")
        for era, part in totals.groupby("era", observed=True):
            n = int(part["n_docs"].iloc[0])
            columns[(era, f"{label} (n = {n})")] = (100 * part.set_index("theme")["share"]).round(1)
    table = pd.DataFrame(columns)
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["era", "articles"])
    return table


def wire_note(corpus: pd.DataFrame) -> str:
    """How many wire news articles the wire-only variants use, or why there are none."""
    return wire_articles(corpus)[1]


def wire_lines(wires: pd.DataFrame, s: Spans) -> list[tuple[str, float, float]]:
    """(theme, % with all articles, % with wire news only) in the late era for each theme the
    claim expects to rise; empty where the late era has no wire article."""
    if not s.compared or s.late_era not in wires.columns.get_level_values(0):
        return []
    columns = list(wires[s.late_era].columns)
    if len(columns) < 2:
        return []
    return [(t, float(wires.loc[t, (s.late_era, columns[0])]), float(wires.loc[t, (s.late_era, columns[1])]))
            for t in claim_themes()["rises"]]


# ---------------------------------------------------------------------------------------------
# Section 1: are the hits right?


@dataclass
class ThemeValidation:
    """What the hand verdicts say about the dictionary on this corpus (theme_validation)."""
    note: str                      # one paragraph: validated or not, on how many hits
    themes: pd.DataFrame           # per theme: judged, right, precision, 95% interval
    terms: pd.DataFrame            # terms under LOW_PRECISION (flagged), with their counts
    shares: pd.DataFrame | None    # era shares with and without the flagged terms


def theme_validation(units: pd.DataFrame, theme_codes=None) -> ThemeValidation:
    """Theme precision from hand verdicts: a judged sheet (`theme_codes`, a path written by
    `python3 make.py themesheet` and filled in) or, by default, the seed census
    (data/theme_verdicts_seeds.csv). Only verdicts on hits of this corpus count; with none,
    the note says the themes are unvalidated here."""
    source = "the seed census, analysis/data/theme_verdicts_seeds.csv" if theme_codes is None \
        else f"the judged sheet {theme_codes}"
    sheet = read_sheet(SEED_VERDICTS if theme_codes is None else theme_codes)
    joined = verdicts_for(units, sheet)
    judged = joined[joined["verdict"].notna()]
    if judged.empty:
        note = (f"The themes are unvalidated for this corpus: none of its {len(joined)} theme hits has a "
                f"hand verdict in {source}. Draw a sheet with `python3 make.py themesheet --corpus PATH "
                "--out sheet.csv`, fill its verdict column, and set THEME_CODES to its path.")
        return ThemeValidation(note, pd.DataFrame(), pd.DataFrame(), None)
    keys = ["doc_id", "sentence", "start", "span"]
    # each hit's theme as the dictionary has it now (a renamed theme keeps its verdicts)
    rows = sheet.drop(columns="theme").assign(doc_id=sheet["doc_id"].astype(str), start=sheet["start"].astype(int)) \
        .merge(judged[keys + ["theme"]].drop_duplicates(keys), on=keys)
    rows["theme"] = rows["theme"].astype(str)
    result = theme_precision(rows)
    themes = result.themes.set_index("theme")[["judged", "right", "precision", "low", "high"]]
    themes = themes.reindex([t for t in theme_order() if t in themes.index])
    flagged = result.terms[result.terms["flagged"]].drop(columns="flagged")
    lowest = themes["precision"].idxmin()
    note = (f"Theme precision from hand verdicts on {len(judged)} of this corpus' {len(joined)} theme hits "
            f"in {source}: lowest {lowest} {themes.loc[lowest, 'precision']:.0%} "
            f"(95% interval {themes.loc[lowest, 'low']:.0%}–{themes.loc[lowest, 'high']:.0%}); "
            f"{_plural(len(flagged), 'term')} under {LOW_PRECISION:.0%} precision"
            + (f" ({', '.join(flagged['term'])})." if len(flagged) else "."))
    if len(judged) < len(joined):
        note += (f" {len(joined) - len(judged)} hits have no verdict: the precision describes the judged "
                 "hits only.")
    shares = shares_with_and_without(units, flagged["term"]) if len(flagged) else None
    return ThemeValidation(note, themes.round(3), flagged.round(3).reset_index(drop=True), shares)




# ---------------------------------------------------------------------------------------------
# Section 2: topics


def topic_sweep(units: pd.DataFrame) -> tuple[pd.DataFrame | None, str]:
    """topics.choose_k on the units, and a sentence on what it ran on: '' for every unit, the
    sample it used on a large corpus, or why no topic model can be fitted (too little text)."""
    from ..topics import choose_k
    try:
        choice = choose_k(units)
    except ValueError as err:                 # no word left after the document-frequency limits
        return None, f"No topic model: the paragraphs share too few words ({err})."
    if choice.empty:
        return None, f"No topic model: {_plural(len(units), 'paragraph')} are too few for two topics."
    used, total = choice.attrs["sample"]
    if used < total:
        return choice, (f"The k sweep refits every k with every seed, so on this corpus it runs on a random "
                        f"sample of {used:,} of the {total:,} paragraphs (drawn from the fixed seed), and so "
                        "does the search for topics led by the claim's themes; the model at the chosen k is "
                        "fitted on all of them.")
    return choice, ""


def k_line(choice: pd.DataFrame, k: int, stable: float, n_seeds: int) -> tuple[str, bool]:
    """The chosen k in words, and whether it meets the rule (stable, and the next k is not)."""
    table = choice.set_index("k")
    chosen = table.loc[k]
    nxt = table.loc[k + 1, "stability"] if k + 1 in table.index else None
    text = (f"k = {k} (criterion: mean matched cosine >= {stable} for every k up to it). Stability at k = {k}: "
            f"{chosen['stability']:.3f} mean over {int(chosen['n_pairs'])} seed pairs ({n_seeds} seeds), worst pair "
            f"{chosen['worst_pair']:.3f}. "
            + (f"Next k ({k + 1}): {nxt:.3f}." if nxt is not None else "No larger candidate k."))
    return text, bool(chosen["stability"] >= stable and (nxt is None or nxt < stable))


def plot_k_choice(choice: pd.DataFrame, stable: float):
    """Stability (mean matched cosine across seed pairs) against k, with the chosen k."""
    fig, (ax, ax2) = new_figure(1, 2, width=7.0, height=3.0)
    ax.plot(choice["k"], choice["stability"], marker="o", color="#4C72B0", label="mean over pairs")
    ax.plot(choice["k"], choice["worst_pair"], marker="v", ls=":", color="#8C8C8C", label="worst pair")
    ax.axhline(stable, color="#C44E52", lw=0.8, ls="--", label=f"threshold {stable:.2f}")
    chosen = choice[choice["chosen"]].iloc[0]
    ax.scatter([chosen["k"]], [chosen["stability"]], s=120, facecolor="none", edgecolor="#C44E52",
               zorder=3, label=f"chosen k = {int(chosen['k'])}")
    ax.set_xlabel("number of topics k")
    ax.set_ylabel("matched topic cosine similarity")
    ax.set_title(f"Stability over {int(chosen['n_seeds'])} seeds ({int(chosen['n_pairs'])} pairs)")
    ax.legend(fontsize=7, loc="lower left")
    ax2.plot(choice["k"], choice["reconstruction_error"], marker="o", color="#55A868")
    ax2.set_xlabel("number of topics k")
    ax2.set_ylabel("reconstruction error (Frobenius)")
    ax2.set_title("Fit (lower is closer)")
    return fig


def topic_terms_table(model) -> pd.DataFrame:
    """One row per topic: its top terms with weights ('caspian .12'), and its share of all
    topic weight."""
    total = model.weights["weight"].sum()
    rows = []
    for t, group in model.terms.groupby("topic"):
        rows.append({"topic": t, "label": model.labels[t],
                     "weight %": round(100 * model.weights.loc[model.weights["topic"] == t, "weight"].sum() / total, 1),
                     "top terms (weight)": ", ".join(f"{r.term} {r.weight:.3f}" for r in group.itertuples())})
    return pd.DataFrame(rows).set_index("topic")


def topic_by_article(model, corpus: pd.DataFrame) -> pd.DataFrame:
    """Share of each article's topic weight per topic (rows: articles in date order)."""
    per = model.weights.groupby(["doc_id", "topic"])["weight"].sum().unstack("topic")
    per = per.div(per.sum(axis=1), axis=0)
    order = corpus.sort_values(["event_date", "doc_id"])["doc_id"]
    return per.reindex(order)


def theme_stems(theme: str, themes: pd.DataFrame | None = None) -> set[str]:
    """Stems of the one-word stem terms of a dictionary theme (to spot them among topic terms)."""
    themes = load_themes() if themes is None else themes
    rows = themes[(themes["theme"] == theme) & (themes["match"] == "stem")]
    return {w.stem for term in rows["term"] for w in words(term)[:1] if len(words(term)) == 1}


def first_topics_led_by(units: pd.DataFrame, choice: pd.DataFrame, claim_themes, lead: int = 3,
                        fit=None) -> pd.DataFrame:
    """For each theme: the smallest candidate k at which some NMF topic has one of the theme's
    words among its `lead` top terms, that topic, the stability of that k, and the article that
    holds most of the topic's weight (with its share). Fitted on the units the k sweep used
    (all of them, or its random sample on a large corpus)."""
    from ..topics import fit_topics, sweep_sample
    fit = fit or fit_topics
    units = sweep_sample(units)           # the units the sweep's stability was measured on
    models = {}
    rows = []
    for theme in claim_themes:
        stems = theme_stems(theme)
        found = None
        for k in choice["k"]:
            model = models.setdefault(k, fit(units, int(k)))
            leaders = model.terms[model.terms["rank"] <= lead]
            hit = leaders[leaders["stem"].isin(stems)]
            if len(hit):
                found = (int(k), int(hit["topic"].iloc[0]), model)
                break
        if found is None:
            rows.append({"theme": theme, "first k": pd.NA})
            continue
        k, topic, model = found
        weight = model.weights[model.weights["topic"] == topic].groupby("doc_id")["weight"].sum()
        rows.append({"theme": theme, "first k": k, "topic": f"{topic}: {model.labels[topic]}",
                     "stability at k": round(float(choice.loc[choice["k"] == k, "stability"].iloc[0]), 3),
                     "main article": weight.idxmax(),
                     "its share of the topic": round(float(weight.max() / weight.sum()), 2)})
    return pd.DataFrame(rows).set_index("theme")


def topics_line(led: pd.DataFrame, k: int, stability: float, n_seeds: int, rising: list[str],
                stable: float) -> tuple[str, bool]:
    """What the topic model says about the themes the claim expects to rise: whether any of
    them leads a topic at the chosen k (and whether none does)."""
    first = led.loc[[t for t in rising if t in led.index], "first k"]
    leading = [t for t, x in first.items() if pd.notna(x) and x <= k]
    which = "the largest stable k" if stability >= stable else "the smallest candidate k (none is stable)"
    text = (f"Topic model: at {which} ({k}, stability {stability:.3f} over {n_seeds} seeds) "
            + (f"no topic is led by words of {' or '.join(rising)}" if not leading
               else f"topics are led by words of {_and(leading)}"))
    return text, not leading


def topic_by_genre(by_article: pd.DataFrame, model, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per topic: its mean share of the articles of each genre (n articles in the column name);
    one column for all articles where the corpus has no genre."""
    genre = _genre(corpus).set_axis(corpus["doc_id"]).reindex(by_article.index).replace("", "no genre")
    table = by_article.groupby(genre).mean().T.round(2)
    counts = genre.value_counts()
    table.columns = [f"{g} (n = {counts[g]})" for g in table.columns]
    table.insert(0, "label", [model.labels[t] for t in table.index])
    return table


def plot_topic_prevalence(by_article: pd.DataFrame, model, corpus: pd.DataFrame, n_line: str):
    """Heat map: topic share of each article, articles in date order (dates in the labels); on
    more than MAX_ARTICLE_ROWS articles, the mean share of each era's articles instead."""
    meta = corpus.set_index("doc_id")
    if len(by_article) > MAX_ARTICLE_ROWS:
        era = meta["era"].reindex(by_article.index)
        grouped = by_article.groupby(era, observed=True)
        rows = grouped.mean()
        labels = [f"{e} (mean of {n} articles)" for e, n in grouped.size().items()]
        what = "NMF topics, mean share of each era's articles"
    else:
        rows = by_article
        genre = _genre(corpus).set_axis(corpus["doc_id"])
        labels = [f"{meta.loc[d, 'event_date'].date() if pd.notna(meta.loc[d, 'event_date']) else 'undated'} "
                  f"{meta.loc[d, 'outlet']}" + (f" ({genre[d]})" if genre[d] else "") for d in by_article.index]
        what = "NMF topics per article, oldest first"
    fig, ax = new_figure(width=8.0, height=max(3.4, 0.25 * len(rows) + 1.0))
    values = rows.to_numpy()
    image = ax.imshow(100 * values, cmap="Blues", aspect="auto", vmin=0)
    ax.grid(False)
    ax.set_xticks(range(model.k), [f"{t}: {model.labels[t]}" for t in rows.columns],
                  rotation=35, ha="right", fontsize=7)
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{100 * values[i, j]:.0f}", ha="center", va="center", fontsize=7,
                    color="white" if values[i, j] > 0.5 * np.nanmax(values) else "black")
    fig.colorbar(image, ax=ax, label="% of the article's topic weight", shrink=0.8)
    ax.set_title(f"{what} (k = {model.k}, seed {model.seed})\n{n_line}", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# Section 3: distinctive words


@dataclass
class Distinctive:
    """Keyness of the late span against the early span, with what resampling articles needs."""
    table: pd.DataFrame       # keyness() plus `low`/`high`: 95% interval of the log-odds over articles
    counts: pd.DataFrame      # stem_counts: one row per article of the spans
    side: pd.Series           # each article's span


def distinctive_words(sentences: pd.DataFrame, s: Spans) -> Distinctive | None:
    """keyness of the late span against the early one (sentences in no span left out), with
    each word's log-odds interval from resampling each span's articles; None without spans."""
    if not s.compared:
        return None
    units = sentences[sentences[SPAN].notna()]
    table = keyness(units, SPAN)
    counts = stem_counts(units)
    side = units.drop_duplicates("doc_id").set_index("doc_id")[SPAN].astype(str)
    intervals = keyness_intervals(counts, side, focus=s.late)
    table = table.merge(intervals, on="stem", how="left")
    return Distinctive(table, counts, side)


def _article_interval(low: float, high: float) -> str:
    return "—" if pd.isna(low) else f"{low:.2f} to {high:.2f}"


def distinctive_table(table: pd.DataFrame, top: int = TOP_WORDS) -> pd.DataFrame:
    """The `top` most distinctive words of each side, with counts, z and the 95% interval of
    the log-odds from resampling articles ('—' where a side has one article)."""
    show = ["term", "n_focus", "n_other", "log_odds_ratio", "z"]
    focus, other = table["focus"].iloc[0], table["other"].iloc[0]
    head = table.head(top).assign(side=focus)
    tail = table.tail(top).iloc[::-1].assign(side=other)
    out = pd.concat([head, tail])
    out["log-odds 95% (articles)"] = [_article_interval(lo, hi) for lo, hi in
                                      zip(out.get("low", np.nan), out.get("high", np.nan))]
    out = out[show + ["log-odds 95% (articles)", "side"]]
    out = out.rename(columns={"n_focus": f"n {focus}", "n_other": f"n {other}"})
    return out.round({"log_odds_ratio": 3, "z": 2}).reset_index(drop=True)


def claim_words_among_top(table: pd.DataFrame, top: int = TOP_WORDS) -> dict[str, list[str]]:
    """Words of the claim's themes among the `top` most distinctive of each span: words of the
    themes expected to rise among the late span's, of those expected to fall among the early
    span's (themes and words from data/claim.csv and data/themes.csv)."""
    themes = claim_themes()
    rising = set().union(*(theme_stems(t) for t in themes["rises"])) if themes["rises"] else set()
    falling = set().union(*(theme_stems(t) for t in themes["falls"])) if themes["falls"] else set()
    late, early = table.head(top), table.tail(top)
    return {"late": sorted(late.loc[late["stem"].isin(rising), "term"]),
            "early": sorted(early.loc[early["stem"].isin(falling), "term"])}


def _keyness_of(counts: np.ndarray, stems: np.ndarray, focus: np.ndarray, other: np.ndarray) -> pd.DataFrame | None:
    y_i, y_j = counts[focus].sum(axis=0), counts[other].sum(axis=0)
    keep = (y_i + y_j) > 0
    if not focus.any() or not other.any() or not keep.any():
        return None
    delta, se = log_odds(y_i[keep], y_j[keep], prior(y_i[keep] + y_j[keep]))
    table = pd.DataFrame({"stem": stems[keep], "z": delta / se})
    return table.sort_values(["z", "stem"], ascending=[False, True], kind="stable")


def distinctive_findings(found: Distinctive, s: Spans, top: int = TOP_WORDS):
    """Section 3's findings as a function of the articles kept: no word reaches |z| >= Z_LINE,
    and each claim word among the top words on all articles stays among them."""
    stems = found.counts.columns.to_numpy()
    matrix = found.counts.to_numpy(dtype=float)
    docs = found.counts.index.to_numpy()
    late = (found.side.reindex(found.counts.index) == s.late).to_numpy()
    among = claim_words_among_top(found.table, top)
    stem_of = dict(zip(found.table["term"], found.table["stem"]))
    none_name = f"no word at |z| >= {Z_LINE}"
    named = [(f"'{w}' in the top {top} of {s.late}", stem_of[w], "late") for w in among["late"]]
    named += [(f"'{w}' in the top {top} of {s.early}", stem_of[w], "early") for w in among["early"]]

    def finding(keep: set) -> dict:
        kept = np.isin(docs, list(keep))
        table = _keyness_of(matrix, stems, kept & late, kept & ~late)
        if table is None:
            return {none_name: None, **{name: None for name, _, _ in named}}
        out = {none_name: bool((table["z"].abs() < Z_LINE).all())}
        head, tail = set(table["stem"].head(top)), set(table["stem"].tail(top))
        for name, stem_, side in named:
            out[name] = stem_ in (head if side == "late" else tail)
        return out
    return finding


def distinctive_sensitivity(found: Distinctive, corpus: pd.DataFrame, s: Spans) -> Sensitivity:
    """Section 3's findings without each article, and on wire news only."""
    return sensitivity(span_articles(corpus, s), distinctive_findings(found, s))


def plot_distinctive(table: pd.DataFrame, corpus: pd.DataFrame, n_line: str, top: int = TOP_WORDS):
    """Bars of z for the `top` words of each side, labelled 'word (early/late count)'."""
    focus, other = table["focus"].iloc[0], table["other"].iloc[0]
    rows = pd.concat([table.head(top), table.tail(top)]).sort_values("z", kind="stable")
    eras = spans(corpus)
    colours = [era_colour(eras.late_era) if z > 0 else era_colour(eras.early_eras[0]) for z in rows["z"]]
    fig, ax = new_figure(width=7.0, height=0.2 * len(rows) + 1.4)
    y = np.arange(len(rows))
    ax.barh(y, rows["z"], color=colours)
    ax.set_yticks(y, [f"{r.term} ({r.n_other}/{r.n_focus})" for r in rows.itertuples()], fontsize=7)
    for x in (-Z_LINE, Z_LINE):
        ax.axvline(x, color="#C44E52", lw=0.8, ls="--")
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlim(-max(Z_LINE, rows["z"].abs().max()) * 1.1, max(Z_LINE, rows["z"].abs().max()) * 1.1)
    ax.set_xlabel(f"z of the log-odds ratio with informative Dirichlet prior\n"
                  f"< 0: more typical of {other}; > 0: of {focus}; dashed: |z| = {Z_LINE}")
    ax.set_title(f"Distinctive words, {other} vs {focus}; label: word (count {other}/{focus})\n"
                 f"{n_line.split(' (')[0]}", fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# Section 4: keyword in context


def keyword_counts(units: pd.DataFrame, keywords=None) -> pd.DataFrame:
    """Per keyword (default: the claim's words) and era: occurrences, and the articles they
    come from ('k of n')."""
    keywords = claim_keywords() if keywords is None else keywords
    lines = kwic(units, keywords)
    docs_per_era = units.groupby("era", observed=True)["doc_id"].nunique()
    cells = {}
    for era, n_docs in docs_per_era.items():
        column = {}
        for key in keywords:
            rows = lines[(lines["era"] == era) & (lines["query"] == key)]
            column[key] = f"{len(rows)} ({rows['doc_id'].nunique()} of {n_docs})"
        cells[f"{era} (n = {n_docs})"] = column
    return pd.DataFrame(cells)


def kwic_lines(units: pd.DataFrame, keywords=None, width: int = 45) -> pd.DataFrame:
    """Every occurrence of the keywords (default: the claim's words), grouped by keyword,
    oldest article first."""
    keywords = claim_keywords() if keywords is None else keywords
    lines = kwic(units, keywords, width=width)
    lines["query"] = pd.Categorical(lines["query"], categories=list(keywords), ordered=True)
    lines = lines.sort_values(["query", "event_date", "doc_id", "position", "start"], kind="stable")
    return lines[["query", "doc_id", "left", "keyword", "right"]].reset_index(drop=True)


def joint_word_lines(units: pd.DataFrame, evidence: pd.DataFrame, s: Spans, claim=None) -> list[tuple[str, bool]]:
    """For each part of the claim that needs two groups of words in one sentence ('Caspian' +
    a border word): how often its first group's words occur in the span it is not claimed
    for, and how many sentences there carry the whole part. (text, whether the words occur
    there without ever carrying the part)."""
    claim = load_claim() if claim is None else claim
    out = []
    if not s.compared:
        return out
    for part, side, groups in claim:
        if len(groups) < 2:
            continue
        where = s.late if side == "early" else s.early
        found = kwic(units[units[SPAN] == where], groups[0])
        carry = evidence[(evidence["part"] == part) & (evidence[SPAN] == where)]
        n_docs = units.loc[units[SPAN] == where, "doc_id"].nunique()
        words_ = " / ".join(f"'{w}'" for w in groups[0])
        out.append((f"{words_} occurs {_plural(len(found), 'time')} in {where}, in {found['doc_id'].nunique()} of "
                    f"{_plural(n_docs, 'article')}; {_plural(len(carry), 'sentence')} of {where} "
                    f"{'carries' if len(carry) == 1 else 'carry'} {part}.", len(found) > 0 and len(carry) == 0))
    return out


# ---------------------------------------------------------------------------------------------
# Section 5: the claim, part by part


def _spans_by_unit(units: pd.DataFrame) -> dict[tuple, list[frozenset[str]]]:
    """(doc_id, position) -> for each theme hit of the unit, the stems of its words."""
    found: dict[tuple, list[frozenset[str]]] = {}
    for r in theme_matches(units).itertuples():
        found.setdefault((r.doc_id, r.position), []).append(frozenset(w.stem for w in words(r.span)))
    return found


def claim_evidence(units: pd.DataFrame, claim=None) -> pd.DataFrame:
    """One row per claim part and sentence that carries it: for every group of the part's
    words, one of the sentence's theme hits holds one of the group's words (a phrase such as
    "trans-Caspian": all its words), so the dictionary's sense rules and blocking names apply."""
    claim = load_claim() if claim is None else claim
    spans_ = _spans_by_unit(units)
    rows = []
    for part, side, groups in claim:
        wanted = [[frozenset(w.stem for w in words(item)) for item in group] for group in groups]
        for key in sorted(spans_):
            if all(any(item <= hit for item in group for hit in spans_[key]) for group in wanted):
                rows.append({"part": part, "claimed for": side, "doc_id": key[0], "position": key[1]})
    evidence = pd.DataFrame(rows, columns=["part", "claimed for", "doc_id", "position"])
    cols = ["doc_id", "position", "era", SPAN, "outlet", "genre", "event_date", "text"]
    evidence = evidence.merge(units[cols], on=["doc_id", "position"], how="left")
    evidence["part"] = pd.Categorical(evidence["part"], categories=[c[0] for c in claim], ordered=True)
    return evidence.sort_values(["part", "event_date", "doc_id", "position"], kind="stable").reset_index(drop=True)


def _verdict(expected: dict, other: dict, where: str, elsewhere: str) -> str:
    if expected["sentences"] == 0:
        return f"not supported: absent from {where}"
    if expected["rate"] <= other["rate"]:
        return f"not supported: as common or more common in {elsewhere}"
    breadth = f"{expected['articles']} of {expected['n_articles']} {where} articles"
    if other["sentences"] == 0 and expected["articles"] == expected["n_articles"]:
        return f"supported: in all {breadth}, absent from {elsewhere}"
    if other["sentences"] == 0:
        return f"partly: absent from {elsewhere}, but only in {breadth}"
    return (f"partly: more frequent in {where}, but also in {other['sentences']} {elsewhere} "
            f"sentence{'s' * (other['sentences'] != 1)}")


P_COLUMN = "p (exact, one-sided)"


def claim_table(units: pd.DataFrame, evidence: pd.DataFrame, claim=None) -> pd.DataFrame:
    """Per claim part: sentences and articles that carry it in each span, the rate per 1,000
    words, the one-sided exact p-value of the difference in the claimed direction (sentences
    carrying the part, given the words of each span: stats.exact_rate_test), and a verdict
    (supported / partly / not supported) from the counts. Empty without two spans."""
    claim = load_claim() if claim is None else claim
    labels = list(units[SPAN].cat.categories)
    if len(labels) < 2:
        return pd.DataFrame()
    side_label = {"early": labels[0], "late": labels[1]}
    words_per = {p: sum(count_words(t) for t in units.loc[units[SPAN] == p, "text"]) for p in labels}
    docs_per = units.groupby(SPAN, observed=True)["doc_id"].nunique().to_dict()
    rows = []
    for part, side, _ in claim:
        stats = {}
        for p in labels:
            rows_p = evidence[(evidence["part"] == part) & (evidence[SPAN] == p)]
            stats[p] = {"sentences": len(rows_p), "articles": rows_p["doc_id"].nunique(),
                        "n_articles": docs_per.get(p, 0), "rate": 1000 * len(rows_p) / words_per[p]}
        where = side_label[side]
        elsewhere = labels[1] if where == labels[0] else labels[0]
        row = {"part": part, "claimed for": where}
        for p in labels:
            row[f"sentences {p}"] = stats[p]["sentences"]
            row[f"articles {p}"] = f"{stats[p]['articles']} of {stats[p]['n_articles']}"
            row[f"per 1,000 words {p}"] = round(stats[p]["rate"], 2)
        row[P_COLUMN] = round(exact_rate_test(stats[where]["sentences"], words_per[where],
                                              stats[elsewhere]["sentences"], words_per[elsewhere]), 3)
        row["verdict"] = _verdict(stats[where], stats[elsewhere], where, elsewhere)
        rows.append(row)
    return pd.DataFrame(rows).set_index("part")


def claim_findings(units: pd.DataFrame, evidence: pd.DataFrame, s: Spans, claim=None):
    """Section 5's findings as a function of the articles kept: for each part, whether it is
    more frequent per 1,000 words in the span the claim gives it (None where a span has no
    article left)."""
    claim = load_claim() if claim is None else claim
    inside = units[units[SPAN].notna()]
    doc_words = inside.assign(n=[count_words(t) for t in inside["text"]]).groupby("doc_id")["n"].sum()
    doc_span = inside.drop_duplicates("doc_id").set_index("doc_id")[SPAN].astype(str).reindex(doc_words.index)
    carried = evidence.groupby(["part", "doc_id"], observed=True).size()
    docs = doc_words.index.to_numpy()
    per_part = {part: carried.get(part, pd.Series(dtype=int)).reindex(doc_words.index, fill_value=0).to_numpy()
                for part, _, _ in claim}
    words_ = doc_words.to_numpy(dtype=float)

    def finding(keep: set) -> dict:
        kept = np.isin(docs, list(keep))
        out = {}
        for part, side, _ in claim:
            where = kept & (doc_span == s.side_label(side)).to_numpy()
            other = kept & (doc_span == s.side_label("late" if side == "early" else "early")).to_numpy()
            if words_[where].sum() == 0 or words_[other].sum() == 0:
                out[part] = None
                continue
            out[part] = bool(per_part[part][where].sum() / words_[where].sum()
                             > per_part[part][other].sum() / words_[other].sum())
        return out
    return finding


def claim_sensitivity(units: pd.DataFrame, evidence: pd.DataFrame, corpus: pd.DataFrame,
                      s: Spans) -> Sensitivity | None:
    """Section 5's findings (each part leans the claimed way) without each article, and on
    wire news only; None without two spans."""
    if not s.compared:
        return None
    return sensitivity(span_articles(corpus, s), claim_findings(units, evidence, s))


def evidence_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that carries a part of the claim, by part, oldest article first."""
    return evidence[["part", "doc_id", "genre", SPAN, "text"]].reset_index(drop=True)


def _and(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _theme_trend(era_totals: pd.DataFrame, corpus: pd.DataFrame) -> str:
    share = era_totals.set_index(["era", "theme"])["share"]
    sizes = era_totals.drop_duplicates("era").set_index("era")["n_docs"]
    eras = [e for e in corpus["era"].cat.categories if (era_totals["era"] == e).any()]
    trend = lambda theme: ", ".join(f"{100 * share[(e, theme)]:.0f}%" for e in eras)  # noqa: E731
    themes = claim_themes()
    named = themes["falls"] + themes["rises"]
    runs = [f"{t} {'runs ' if i == 0 else ''}{trend(t)}" for i, t in enumerate(named)]
    n_docs = _and([str(int(sizes[e])) for e in eras])
    text = (f"By share of theme hits per era ({', '.join(eras)}; {n_docs} "
            f"article{'s' * bool(sizes[eras].sum() != 1)}), {', '.join(runs)}")
    if themes["left out"]:
        left = themes["left out"]
        text += (f"; {' and '.join(left)}, which the claim leaves out, "
                 f"{'holds' if len(left) == 1 else 'hold'} {'; '.join(trend(t) for t in left)}")
    return text + "."


def summary(claim: pd.DataFrame, robust: Sensitivity | None, era_totals: pd.DataFrame,
            evidence: pd.DataFrame, units: pd.DataFrame, corpus: pd.DataFrame, s: Spans) -> str:
    """The answer in one paragraph, built from the computed tables: how many parts lean the
    claimed way, how many still do without any one article (the verdict rests on those), the
    exact tests, the wire-only variant, and where the evidence sits. The answer is Yes when
    every part leans the claimed way without any one article and passes the exact test, No
    when no part does so without any one article, else Partly ('and not beyond chance' when no
    part passes the exact test)."""
    if not s.compared or claim.empty:
        return f"No answer on this corpus. {s.note} " + _theme_trend(era_totals, corpus)
    early, late = s.labels
    other = {early: late, late: early}
    rate = lambda r, p: r[f"per 1,000 words {p}"]  # noqa: E731
    lean = [part for part, r in claim.iterrows() if rate(r, r["claimed for"]) > rate(r, other[r["claimed for"]])]
    held = robust.holding("holds up")
    significant = list(claim.index[claim[P_COLUMN] < ALPHA])
    answer = ("Yes" if len(held) == len(claim) and len(significant) == len(claim)
              else "No" if not held else "Partly" if significant else "Partly, and not beyond chance")
    counts = claim[f"sentences {early}"] + claim[f"sentences {late}"]
    genre = _genre(corpus).set_axis(corpus["doc_id"])
    tag = lambda d: f" ({genre[d]})" if genre.get(d, "") else ""  # noqa: E731
    lowest = claim[P_COLUMN].idxmin()
    lines = [f"{answer}. In these {len(corpus):,} articles ({len(units):,} sentences), {len(lean)} of {len(claim)} "
             f"parts of the claim are more frequent per 1,000 words in the span the claim gives them; with one "
             f"article left out at a time, {len(held)} still {'is' if len(held) == 1 else 'are'} in every run"
             + (f" ({_and(held)}): the answer rests on {'that part' if len(held) == 1 else 'those parts'}."
                if held else ".")]
    fragile = [p for p in lean if p not in held]
    if fragile:
        text = _and([f"{p} {robust.table.loc[p, 'leave one article out']}" for p in fragile])
        lines.append(f"{text[0].upper()}{text[1:]}.")
    lines.append(f"Each part rests on {int(counts.min())} to {int(counts.max())} sentences; "
                 + (f"{len(significant)} of {len(claim)} pass" if significant else "none passes")
                 + f" a one-sided exact test at the {ALPHA:.0%} level (sentences carrying the part against the "
                 f"words of each span; smallest p = {claim.loc[lowest, P_COLUMN]:.2f}, {lowest}), and the test "
                 "counts sentences as independent, which sentences of one article are not.")
    full = int(claim["verdict"].str.startswith("supported").sum())
    lines.append(f"{'None' if full == 0 else f'{full} of {len(claim)}'} of the parts "
                 f"{'is' if full <= 1 else 'are'} carried by every article of its span.")
    late_parts = claim[claim["claimed for"] == late]
    late_ev = evidence[(evidence["claimed for"] == "late") & (evidence[SPAN] == late)]
    late_ev = late_ev.drop_duplicates(["doc_id", "position"])
    if len(late_ev) and len(late_parts):
        by_doc = late_ev.groupby("doc_id").size().sort_values(ascending=False, kind="stable")
        silent = sorted(set(units.loc[units[SPAN] == late, "doc_id"]) - set(by_doc.index))
        names = _and(list(late_parts.index))
        before = evidence[(evidence["claimed for"] == "late") & (evidence[SPAN] == early)]
        before = before.drop_duplicates(["doc_id", "position"]).groupby("doc_id").size()
        before = before.sort_values(ascending=False, kind="stable")
        where_before = (f"never occur in {early}" if before.empty else
                        f"occur in {_plural(int(before.sum()), 'sentence')} of {early} ("
                        + ", ".join(f"{n} in {d}" for d, n in before.head(4).items())
                        + (f" and {len(before) - 4} more articles" if len(before) > 4 else "") + ")")
        lines.append(f"{names[0].upper()}{names[1:]} {where_before} and in "
                     f"{_plural(len(late_ev), 'sentence')} of {late}, {by_doc.iloc[0]} of them in "
                     f"{by_doc.index[0]}{tag(by_doc.index[0])}"
                     + (f"; {_names(silent)} {'carries' if len(silent) == 1 else 'carry'} none of them."
                        if silent else "."))
    single = []
    for part in claim.index[claim["claimed for"] == early]:
        docs = sorted(evidence.loc[(evidence["part"] == part) & (evidence[SPAN] == early), "doc_id"].unique())
        if len(docs) == 1:
            single.append(f"{part} only in {docs[0]}")
    if single:
        lines.append(f"In {early}, " + " and ".join(single) + " (of "
                     + _plural(int(units.loc[units[SPAN] == early, "doc_id"].nunique()), "article") + ").")
    stays = [f"{part} stays in the {late} coverage ({_plural(int(r[f'sentences {late}']), 'sentence')} "
             f"in {r[f'articles {late}']} articles)" for part, r in claim.iterrows()
             if r["claimed for"] == early and r[f"sentences {late}"] > 0]
    if stays:
        text = "; ".join(stays)
        lines.append(f"{text[0].upper()}{text[1:]}.")
    wire_lean = robust.holding("wire holds")
    if not robust.wire:
        lines.append(f"The wire-only variant is {robust.wire_note}.")
    else:
        missing = [p for p in claim.index if p not in wire_lean]
        lines.append(f"With wire news only ({robust.wire_note}), {len(wire_lean)} of {len(claim)} parts lean "
                     "the claimed way" + (f" (not {_and(missing)})." if missing else "."))
    lines.append(_theme_trend(era_totals, corpus))
    return " ".join(lines)


def robustness(named: dict[str, Sensitivity | None]) -> list[str]:
    """One paragraph per comparison: which of its findings that hold on all articles still
    hold without any one article, which fail (or cannot be checked) without which article,
    and which hold with wire news only."""
    out = []
    for label, result in named.items():
        if result is None:
            continue
        t = result.table
        on_all = [f for f in t.index if t.loc[f, "all articles"] == "holds"]
        if not on_all:
            out.append(f"{label}: none of its {len(t)} findings holds on all articles.")
            continue
        groups: dict[str, list[str]] = {}
        for f in on_all:
            key = "hold without any one article" if t.loc[f, "holds up"] else t.loc[f, "leave one article out"]
            groups.setdefault(key, []).append(f)
        text = (f"{label}: {len(on_all)} of {len(t)} findings hold on all articles. "
                + " ".join(f"{key[0].upper()}{key[1:]}: {'; '.join(fs)}." for key, fs in groups.items()))
        if not result.wire:
            text += f" The wire-only variant is {result.wire_note}."
        else:
            wire = {f: t.loc[f, "wire news only"] for f in on_all}
            held = [f for f, v in wire.items() if v == "holds"]
            text += f" With wire news only ({result.wire_note}), {len(held)} of these {len(on_all)} hold"
            rest = {v: [f for f, w in wire.items() if w == v] for v in ("does not hold", "cannot be checked")}
            text += "".join(f"; {v}: {'; '.join(fs)}" for v, fs in rest.items() if fs) + "."
        out.append(text)
    return out


def caveats(corpus: pd.DataFrame, evidence: pd.DataFrame, s: Spans) -> list[str]:
    """The caveats this corpus needs, computed: eras resting on one article, outlets confounded
    with eras, and how much of the late evidence comes from analysis pieces."""
    per_era = corpus.groupby("era", observed=True)["doc_id"].nunique()
    single = [str(e) for e, n in per_era.items() if n == 1]
    lines = [f"The corpus has {_plural(len(corpus), 'article')}. "
             + (f"Eras resting on one article: {_and(single)}; there an era's share is that article's share, "
                "so era and article cannot be told apart, and the era has no interval of its own (the "
                "bracketed intervals show variation within the article)." if single
                else "Every era holds at least two articles, and era intervals resample them.")]
    outlets = corpus.dropna(subset=["era"]).groupby("outlet")["era"].nunique()
    spread = sorted(outlets.index[outlets > 1])
    if len(per_era) > 1:
        lines.append("No outlet appears in two eras, so era and outlet cannot be told apart." if not spread
                     else f"{_plural(len(spread), 'outlet')} appear in two or more eras ({_names(spread)}), so "
                          "their articles compare eras within one outlet.")
    genre = _genre(corpus).set_axis(corpus["doc_id"])
    if genre.str.strip().any() and s.compared:
        late_ev = evidence[(evidence["claimed for"] == "late") & (evidence[SPAN] == s.late)]
        late_ev = late_ev.drop_duplicates(["doc_id", "position"])
        other_genre = late_ev[late_ev["genre"] != WIRE]
        pieces = sorted(set(corpus.loc[genre.to_numpy() != WIRE, "doc_id"]))
        lines.append(f"Genre: {_plural(len(pieces), 'article')} {'is' if len(pieces) == 1 else 'are'} not wire news "
                     f"({_names(pieces)}). {len(other_genre)} of the {len(late_ev)} sentences that carry the "
                     f"{s.late} parts of the claim come from them"
                     + (f" ({', '.join(f'{d} {n}' for d, n in other_genre.groupby('doc_id').size().items())})"
                        if len(other_genre) else "")
                     + "; analysis pieces list many agenda items and may report what commentators expected "
                     "rather than what was said.")
    elif not genre.str.strip().any():
        lines.append("Genre: this corpus has no genre metadata, so wire copy and analysis pieces cannot be "
                     "told apart and the wire-only variants are unavailable.")
    return lines

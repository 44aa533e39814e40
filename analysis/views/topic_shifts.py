"""Tables, figures and claim checks for notebook 02 (topic shifts).

The claim under test: the agenda of Russia-Azerbaijan coverage moved from oil, pipelines and
Caspian borders (2001-2007) to transit corridors, cargo and sanctions (2024). The claim is data
(`data/claim.csv`: its parts, their themes and words); nothing here names an article or a
theme: periods come from the eras, evidence from theme matches, so a new article, a renamed
theme or a different claim flows into every table and chart.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..concordance import kwic
from ..config import DATA_DIR
from ..eras import load_eras
from ..plotting import era_colour, new_figure, outlet_markers, shade_eras
from ..theme_precision import (LOW_PRECISION, SEED_VERDICTS, read_sheet, shares_with_and_without,
                              theme_precision, verdicts_for)
from ..themes import load_themes, theme_matches, theme_order, theme_totals
from ..text.words import count_words, words

KEYWORDS = ["oil", "pipeline", "gas", "Caspian", "corridor", "transit", "cargo", "sanctions"]
Z_LINE = 1.96             # |z| at which a single word would pass a two-sided 5% test
TOP_WORDS = 12            # distinctive words shown per side

CLAIM_FILE = DATA_DIR / "claim.csv"
DIRECTIONS = {"falls": "early", "rises": "late", "left out": None}


@lru_cache(maxsize=2)
def _claim_table(path=CLAIM_FILE) -> pd.DataFrame:
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    table = table.apply(lambda col: col.str.strip())
    bad = sorted(set(table["direction"]) - set(DIRECTIONS))
    if bad:
        raise ValueError(f"{path.name}: direction(s) {bad}; use {sorted(DIRECTIONS)}")
    known = set(theme_order())
    unknown = sorted({t for cell in table["themes"] for t in _split(cell, ";")} - known)
    if unknown:
        raise ValueError(f"{path.name} names theme(s) the dictionary lacks: {unknown}")
    return table


def _split(cell: str, sep: str) -> list[str]:
    return [p.strip() for p in cell.split(sep) if p.strip()]


def load_claim() -> list[tuple[str, str, list[list[str]]]]:
    """The claim's parts, from data/claim.csv: (part, period 'early'/'late', groups of words;
    a sentence carries the part when every group has a word in it)."""
    table = _claim_table()
    return [(r.part, DIRECTIONS[r.direction], [w.split() for w in _split(r.words, "+")])
            for r in table.itertuples() if r.direction != "left out"]


def claim_themes() -> dict[str, list[str]]:
    """Dictionary themes of the claim by direction ('falls', 'rises', 'left out'), each list
    in the order the claim names them, without repeats."""
    table = _claim_table()
    return {d: list(dict.fromkeys(t for cell in table.loc[table["direction"] == d, "themes"]
                                  for t in _split(cell, ";")))
            for d in DIRECTIONS}


def claim_theme_list() -> list[str]:
    """Every theme the claim names or sets beside it: falls, rises, left out."""
    return [t for themes in claim_themes().values() for t in themes]


CLAIM = load_claim()


# ---------------------------------------------------------------------------------------------
# Periods: every era before the last one is "early", the last one is "late"


def periods(corpus: pd.DataFrame) -> dict[str, str]:
    """{'early': '2001–2007', 'late': '2024'}: labels from the years of the articles."""
    last = corpus["era"].cat.categories[-1]
    labels = {}
    for side, rows in (("early", corpus[corpus["era"] != last]), ("late", corpus[corpus["era"] == last])):
        years = sorted(rows["event_date"].dt.year.unique())
        labels[side] = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    return labels


def with_period(units: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """`units` plus the article's genre and a `period` column (ordered: early, late)."""
    labels = periods(corpus)
    last = corpus["era"].cat.categories[-1]
    out = units.merge(corpus[["doc_id", "genre"]], on="doc_id", how="left")
    out["period"] = pd.Categorical(np.where(out["era"] == last, labels["late"], labels["early"]),
                                   categories=[labels["early"], labels["late"]], ordered=True)
    return out


def sample_line(corpus: pd.DataFrame, units: pd.DataFrame) -> str:
    """'n = 5 articles, 111 sentences (2001 first visit: 1 article, 22 sentences; ...)'."""
    parts = []
    for era, rows in units.groupby("era", observed=True):
        docs = rows["doc_id"].nunique()
        parts.append(f"{era}: {_plural(docs, 'article')}, {len(rows)} sentences")
    return f"n = {len(corpus)} articles, {len(units)} sentences ({'; '.join(parts)})"


def sample_table(corpus: pd.DataFrame, sentences: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Per era: articles, outlets, genres, paragraphs, sentences and words."""
    rows = {}
    for era, docs in corpus.groupby("era", observed=True):
        ids = set(docs["doc_id"])
        rows[era] = {"articles": len(docs), "outlets": ", ".join(sorted(docs["outlet"])),
                     "genres": ", ".join(f"{g} {n}" for g, n in docs["genre"].value_counts().sort_index().items()),
                     "paragraphs": int(paragraphs["doc_id"].isin(ids).sum()),
                     "sentences": int(sentences["doc_id"].isin(ids).sum()),
                     "words": int(docs["n_words"].sum())}
    return pd.DataFrame(rows).T


# ---------------------------------------------------------------------------------------------
# Section 1: theme shares


def dictionary_overview(themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per theme: number of terms and a few examples, in dictionary order."""
    themes = load_themes() if themes is None else themes
    rows = [{"theme": t, "terms": len(g), "examples": ", ".join(g["term"].head(6))}
            for t, g in themes.groupby("theme", sort=False)]
    return pd.DataFrame(rows).set_index("theme")


def article_table(doc_totals: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Theme share (% of the article's theme hits) per article, articles as columns in date
    order, with the article's n (sentences, words, theme hits) in the first rows."""
    meta = corpus.set_index("doc_id")
    wide = doc_totals.pivot(index="theme", columns="doc_id", values="share").mul(100).round(1)
    order = list(corpus.sort_values(["event_date", "doc_id"])["doc_id"])
    wide = wide[[d for d in order if d in wide.columns]]
    sizes = doc_totals.drop_duplicates("doc_id").set_index("doc_id")
    head = pd.DataFrame({d: {"date": meta.loc[d, "event_date"].date().isoformat(),
                             "genre": meta.loc[d, "genre"],
                             "sentences": int(sizes.loc[d, "n_units"]),
                             "words": int(sizes.loc[d, "n_words"]),
                             "theme hits": int(doc_totals.loc[doc_totals["doc_id"] == d, "hits"].sum())}
                         for d in wide.columns})
    wide.index = [f"{t} (%)" for t in wide.index]
    return pd.concat([head, wide.astype(object)])


EXACT_MARK = "†"
INTERVAL_NOTE = (f"95% intervals: bootstrap over sentences; {EXACT_MARK} exact (Clopper–Pearson) "
                 "for themes with under 5 hits, sentences with hits as trials")


def era_table(era_totals: pd.DataFrame, intervals: pd.DataFrame) -> pd.DataFrame:
    """Theme share per era as '27 (15–38)' (95% bootstrap interval over sentences; '0 (0–15)†'
    marks an exact interval for a rare theme), with the era's n in the first rows and the
    intervals' key in the last."""
    table = era_totals.merge(intervals, on=["era", "theme"])
    cells = {}
    for era, rows in table.groupby("era", observed=True):
        column = {"articles": str(rows["n_docs"].iloc[0]), "sentences": str(rows["n_units"].iloc[0]),
                  "theme hits": str(rows["hits"].sum())}
        for r in rows.itertuples():
            mark = EXACT_MARK if r.interval == "exact" else ""
            column[f"{r.theme} (%)"] = (f"{100 * r.share:.0f} ({100 * r.share_low:.0f}–"
                                        f"{100 * r.share_high:.0f}){mark}")
        column["intervals"] = INTERVAL_NOTE if not cells else ""
        cells[era] = column
    return pd.DataFrame(cells)


def _wrap(text: str, width: int = 120) -> str:
    return "\n".join(textwrap.wrap(text, width))


def plot_article_shares(doc_totals: pd.DataFrame, era_totals: pd.DataFrame,
                        intervals: pd.DataFrame, corpus: pd.DataFrame, n_line: str):
    """One panel per theme: each article's share on the true date axis (points, marker by
    outlet) and each era's pooled share across its window (line, with bootstrap band)."""
    order = list(doc_totals["theme"].cat.categories)
    ncols = 3
    nrows = int(np.ceil(len(order) / ncols))
    fig, axes = new_figure(nrows, ncols, width=9.0, height=2.2 * nrows + 0.8, sharex=True, sharey=True)
    meta = corpus.set_index("doc_id")
    markers = outlet_markers(corpus["outlet"])
    windows = load_eras().set_index("era")
    eras = era_totals.merge(intervals, on=["era", "theme"])
    for ax, theme in zip(axes.flat, order):
        shade_eras(ax)
        for text in list(ax.texts):
            text.remove()                       # era names go in the shared legend instead
        for r in eras[eras["theme"] == theme].itertuples():
            start, end = windows.loc[r.era, "start"], windows.loc[r.era, "end"]
            ax.fill_between([start, end], 100 * r.share_low, 100 * r.share_high,
                            color=era_colour(r.era), alpha=0.25, lw=0)
            ax.plot([start, end], [100 * r.share] * 2, color=era_colour(r.era), lw=2)
        for r in doc_totals[doc_totals["theme"] == theme].itertuples():
            outlet, era = meta.loc[r.doc_id, "outlet"], meta.loc[r.doc_id, "era"]
            ax.scatter(meta.loc[r.doc_id, "event_date"], 100 * r.share, marker=markers[outlet],
                       s=28, facecolor="white", edgecolor=era_colour(era), lw=1.2, zorder=3)
        ax.set_title(theme, fontsize=9)
        ax.xaxis.set_major_locator(mdates.YearLocator(6))
    for ax in axes.flat[len(order):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("% of theme hits")
    handles = [Patch(color=era_colour(e), alpha=0.5, label=f"{e} (pooled, 95% interval)")
               for e in corpus["era"].cat.categories]
    handles += [Line2D([], [], ls="", marker=m, color="black", mfc="white", label=o)
                for o, m in markers.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=7)
    fig.suptitle("Theme shares per article (points) and per era (lines; bands: 95% intervals, exact under "
                 "5 hits) on the date axis\n" + _wrap(n_line),
                 fontsize=9)
    return fig


def plot_era_shares(era_totals: pd.DataFrame, intervals: pd.DataFrame, n_line: str):
    """Horizontal bars: each theme's share of theme hits per era, with 95% intervals
    (bootstrap over sentences; exact for rare themes, so a zero shows its upper bound)."""
    table = era_totals.merge(intervals, on=["era", "theme"])
    order = list(table["theme"].cat.categories)
    eras = [e for e in table["era"].cat.categories if (table["era"] == e).any()]
    fig, ax = new_figure(width=7.0, height=5.0)
    height = 0.8 / len(eras)
    y = np.arange(len(order))
    for i, era in enumerate(eras):
        rows = table[table["era"] == era].set_index("theme").reindex(order)
        share = 100 * rows["share"].to_numpy()
        err = np.vstack([share - 100 * rows["share_low"].to_numpy(),
                         100 * rows["share_high"].to_numpy() - share])
        n = rows.iloc[0]
        ax.barh(y + (i - (len(eras) - 1) / 2) * height, share, height=height, xerr=err,
                color=era_colour(era), error_kw={"lw": 0.8, "capsize": 1.5},
                label=f"{era} ({_plural(int(n['n_docs']), 'article')}, {int(n['n_units'])} sentences)")
    ax.set_yticks(y, order)
    ax.invert_yaxis()
    ax.set_xlabel("% of the era's theme hits\n(95% intervals: bootstrap over sentences; "
                  "exact (Clopper–Pearson) under 5 hits)")
    ax.set_title(f"Theme shares by era ({n_line.split(' (')[0]}; per era in the legend)", fontsize=9)
    ax.legend(loc="lower right", fontsize=7)
    return fig


def wire_only(shares: pd.DataFrame) -> pd.DataFrame:
    """Theme share (%) per era twice: all articles, and wire news only (no analysis pieces),
    with the number of articles in each column's name."""
    columns = {}
    for label, rows in (("all", shares), ("wire news only", shares[shares["genre"] == "wire news"])):
        totals = theme_totals(rows, "era")
        for era, part in totals.groupby("era", observed=True):
            n = int(part["n_docs"].iloc[0])
            columns[(era, f"{label} (n = {n})")] = (100 * part.set_index("theme")["share"]).round(1)
    table = pd.DataFrame(columns)
    table.columns = pd.MultiIndex.from_tuples(table.columns, names=["era", "articles"])
    return table


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
    rows = sheet.assign(doc_id=sheet["doc_id"].astype(str), start=sheet["start"].astype(int)) \
        .merge(judged[["doc_id", "sentence", "start", "span"]].drop_duplicates(),
               on=["doc_id", "sentence", "start", "span"])
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
    holds most of the topic's weight (with its share)."""
    from ..topics import fit_topics
    fit = fit or fit_topics
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


def topic_by_genre(by_article: pd.DataFrame, model, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per topic: its mean share of the articles of each genre (n articles in the column name)."""
    genre = corpus.set_index("doc_id")["genre"].reindex(by_article.index)
    table = by_article.groupby(genre).mean().T.round(2)
    counts = genre.value_counts()
    table.columns = [f"{g} (n = {counts[g]})" for g in table.columns]
    table.insert(0, "label", [model.labels[t] for t in table.index])
    return table


def plot_topic_prevalence(by_article: pd.DataFrame, model, corpus: pd.DataFrame, n_line: str):
    """Heat map: topic share of each article, articles in date order (dates in the labels)."""
    meta = corpus.set_index("doc_id")
    fig, ax = new_figure(width=8.0, height=3.4)
    values = by_article.to_numpy()
    image = ax.imshow(100 * values, cmap="Blues", aspect="auto", vmin=0)
    ax.grid(False)
    ax.set_xticks(range(model.k), [f"{t}: {model.labels[t]}" for t in by_article.columns],
                  rotation=35, ha="right", fontsize=7)
    ax.set_yticks(range(len(by_article)),
                  [f"{meta.loc[d, 'event_date'].date()} {meta.loc[d, 'outlet']} ({meta.loc[d, 'genre']})"
                   for d in by_article.index], fontsize=7)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{100 * values[i, j]:.0f}", ha="center", va="center", fontsize=7,
                    color="white" if values[i, j] > 0.5 * values.max() else "black")
    fig.colorbar(image, ax=ax, label="% of the article's topic weight", shrink=0.8)
    ax.set_title(f"NMF topics per article, oldest first (k = {model.k}, seed {model.seed})\n{n_line}",
                 fontsize=9)
    return fig


# ---------------------------------------------------------------------------------------------
# Section 3: distinctive words


def distinctive_table(table: pd.DataFrame, top: int = TOP_WORDS) -> pd.DataFrame:
    """The `top` most distinctive words of each side, with counts and z."""
    show = ["term", "n_focus", "n_other", "log_odds_ratio", "z"]
    focus, other = table["focus"].iloc[0], table["other"].iloc[0]
    head = table.head(top)[show].assign(side=focus)
    tail = table.tail(top)[show].iloc[::-1].assign(side=other)
    out = pd.concat([head, tail]).rename(columns={"n_focus": f"n {focus}", "n_other": f"n {other}"})
    return out.round({"log_odds_ratio": 3, "z": 2}).reset_index(drop=True)


def plot_distinctive(table: pd.DataFrame, corpus: pd.DataFrame, n_line: str, top: int = TOP_WORDS):
    """Bars of z for the `top` words of each side, labelled 'word (early/late count)'."""
    focus, other = table["focus"].iloc[0], table["other"].iloc[0]
    rows = pd.concat([table.head(top), table.tail(top)]).sort_values("z", kind="stable")
    last = corpus["era"].cat.categories[-1]
    colours = [era_colour(last) if z > 0 else era_colour(corpus["era"].cat.categories[0])
               for z in rows["z"]]
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


def keyword_counts(units: pd.DataFrame, keywords=KEYWORDS) -> pd.DataFrame:
    """Per keyword and era: occurrences, and the articles they come from ('k of n')."""
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


def kwic_lines(units: pd.DataFrame, keywords=KEYWORDS, width: int = 45) -> pd.DataFrame:
    """Every occurrence of the keywords, grouped by keyword, oldest article first."""
    lines = kwic(units, keywords, width=width)
    lines["query"] = pd.Categorical(lines["query"], categories=list(keywords), ordered=True)
    lines = lines.sort_values(["query", "event_date", "doc_id", "position", "start"], kind="stable")
    return lines[["query", "doc_id", "left", "keyword", "right"]].reset_index(drop=True)


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
    claim = CLAIM if claim is None else claim
    spans = _spans_by_unit(units)
    rows = []
    for part, side, groups in claim:
        wanted = [[frozenset(w.stem for w in words(item)) for item in group] for group in groups]
        for key in sorted(spans):
            if all(any(item <= hit for item in group for hit in spans[key]) for group in wanted):
                rows.append({"part": part, "claimed for": side, "doc_id": key[0], "position": key[1]})
    evidence = pd.DataFrame(rows, columns=["part", "claimed for", "doc_id", "position"])
    cols = ["doc_id", "position", "era", "period", "outlet", "genre", "event_date", "text"]
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


def claim_table(units: pd.DataFrame, evidence: pd.DataFrame, claim=None) -> pd.DataFrame:
    """Per claim part: sentences and articles that carry it in each period, the rate per 1,000
    words, and a verdict (supported / partly / not supported) from those counts."""
    claim = CLAIM if claim is None else claim
    labels = list(units["period"].cat.categories)
    side_label = {"early": labels[0], "late": labels[1]}
    words_per = {p: sum(count_words(t) for t in units.loc[units["period"] == p, "text"]) for p in labels}
    docs_per = units.groupby("period", observed=True)["doc_id"].nunique().to_dict()
    rows = []
    for part, side, _ in claim:
        stats = {}
        for p in labels:
            rows_p = evidence[(evidence["part"] == part) & (evidence["period"] == p)]
            stats[p] = {"sentences": len(rows_p), "articles": rows_p["doc_id"].nunique(),
                        "n_articles": docs_per[p], "rate": 1000 * len(rows_p) / words_per[p]}
        where = side_label[side]
        elsewhere = labels[1] if where == labels[0] else labels[0]
        row = {"part": part, "claimed for": where}
        for p in labels:
            row[f"sentences {p}"] = stats[p]["sentences"]
            row[f"articles {p}"] = f"{stats[p]['articles']} of {stats[p]['n_articles']}"
            row[f"per 1,000 words {p}"] = round(stats[p]["rate"], 2)
        row["verdict"] = _verdict(stats[where], stats[elsewhere], where, elsewhere)
        rows.append(row)
    return pd.DataFrame(rows).set_index("part")


def evidence_lines(evidence: pd.DataFrame) -> str:
    """The sentences that carry each part, as printable lines."""
    out = []
    for part, rows in evidence.groupby("part", observed=True, sort=True):
        out.append(f"{part} ({len(rows)} sentence{'s' * (len(rows) != 1)}):")
        for r in rows.itertuples():
            out.append(f"  [{r.doc_id}, {r.genre}, {r.period}] {r.text}")
    return "\n".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def summary(claim: pd.DataFrame, era_totals: pd.DataFrame, evidence: pd.DataFrame,
            units: pd.DataFrame, corpus: pd.DataFrame) -> str:
    """The answer in one paragraph, built from the computed tables."""
    early, late = list(units["period"].cat.categories)
    other = {early: late, late: early}
    rate = lambda r, p: r[f"per 1,000 words {p}"]
    lean = int(sum(rate(r, r["claimed for"]) > rate(r, other[r["claimed for"]]) for _, r in claim.iterrows()))
    full = int(claim["verdict"].str.startswith("supported").sum())
    answer = "Yes" if full == len(claim) else ("No" if lean == 0 else "Partly")
    full_text = "none is" if full == 0 else f"{full} {'is' if full == 1 else 'are'}"
    genre = corpus.set_index("doc_id")["genre"]
    lines = [f"{answer}. In these {len(corpus)} articles ({len(units)} sentences), {lean} of "
             f"{len(claim)} parts of the claim lean the claimed way (more frequent per 1,000 words in "
             f"the period the claim gives them), but {full_text} carried by every article of its period."]
    late_parts = claim[claim["claimed for"] == late]
    late_ev = evidence[(evidence["claimed for"] == "late") & (evidence["period"] == late)]
    late_ev = late_ev.drop_duplicates(["doc_id", "position"])
    if len(late_ev):
        by_doc = late_ev.groupby("doc_id").size().sort_values(ascending=False, kind="stable")
        silent = sorted(set(units.loc[units["period"] == late, "doc_id"]) - set(by_doc.index))
        names = f"{', '.join(late_parts.index[:-1])} and {late_parts.index[-1]}"
        before = evidence[(evidence["claimed for"] == "late") & (evidence["period"] == early)]
        before = before.drop_duplicates(["doc_id", "position"]).groupby("doc_id").size()
        where_before = (f"never occur in {early}" if before.empty else
                        f"occur in {_plural(int(before.sum()), 'sentence')} of {early} ("
                        + ", ".join(f"{n} in {d}" for d, n in before.items()) + ")")
        lines.append(f"{names[0].upper()}{names[1:]} {where_before} and in "
                     f"{_plural(len(late_ev), 'sentence')} of {late}, {by_doc.iloc[0]} of them in "
                     f"{by_doc.index[0]} ({genre[by_doc.index[0]]})"
                     + (f"; {', '.join(silent)} {'carries' if len(silent) == 1 else 'carry'} none of them."
                        if silent else "."))
    single = []
    for part, r in claim[claim["claimed for"] == early].iterrows():
        docs = sorted(evidence.loc[(evidence["part"] == part) & (evidence["period"] == early), "doc_id"].unique())
        if len(docs) == 1:
            single.append(f"{part} only in {docs[0]}")
    if single:
        lines.append(f"In {early}, " + " and ".join(single) + " (of "
                     + _plural(int(units.loc[units["period"] == early, "doc_id"].nunique()), "article") + ").")
    if "oil" in claim.index and claim.loc["oil", f"sentences {late}"] > 0:
        lines.append(f"Oil stays in the {late} coverage ({_plural(int(claim.loc['oil', f'sentences {late}']), 'sentence')} "
                     f"in {claim.loc['oil', f'articles {late}']} articles).")
    share = era_totals.set_index(["era", "theme"])["share"]
    eras = [e for e in corpus["era"].cat.categories if (era_totals["era"] == e).any()]
    trend = lambda theme: ", ".join(f"{100 * share[(e, theme)]:.0f}%" for e in eras)  # noqa: E731
    themes = claim_themes()
    named = themes["falls"] + themes["rises"]
    runs = [f"{t} {'runs ' if i == 0 else ''}{trend(t)}" for i, t in enumerate(named)]
    text = f"By share of theme hits per era ({', '.join(eras)}), {', '.join(runs)}"
    if themes["left out"]:
        left = themes["left out"]
        text += (f"; {' and '.join(left)}, which the claim leaves out, "
                 f"{'holds' if len(left) == 1 else 'hold'} {'; '.join(trend(t) for t in left)}")
    lines.append(text + ".")
    return " ".join(lines)

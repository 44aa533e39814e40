"""Notebook 00 (the corpus): what was read and kept, when each article is dated and how
surely, what cleaning changed; tables, figures and the computed answer."""

from __future__ import annotations

import pandas as pd

from ..eras import is_year_group, load_eras
from ..guard import set_aside_table
from ..tables import later_steps
from ..plotting import era_colour, new_figure, outlet_markers, shade_eras
from ..text.cleaning import RULE_DESCRIPTIONS
from ..text.words import count_words

BOUNDARY_RULES = ["glued_words", "split_word", "shifted_boundary"]
MAX_COLUMNS = 12       # an edit table keeps one column per article up to this many
FEW_ARTICLES = 5       # an era with fewer articles is read as a case, not a sample
MAX_LABELLED = 30      # up to this many articles, figures name each one; beyond, they summarise


def screen(corpus: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every later per-article step once (segmenting, scoring, themes, quantities) on the
    articles the English lexicons read, and return the articles each set aside (file, step,
    error), so notebook 00 lists them all before any notebook computes with the rest."""
    return set_aside_table(*later_steps(corpus, sents).values())


def _set_aside(corpus: pd.DataFrame, later: pd.DataFrame | None) -> list[dict]:
    return list(corpus.attrs.get("intake", {}).get("set_aside", [])) + (
        later.to_dict("records") if later is not None else [])


def intake_summary(corpus: pd.DataFrame, later: pd.DataFrame | None = None) -> str:
    """How many articles were read, kept and set aside, and why (`later`: the articles set
    aside by the later steps, from `screen`): nothing is dropped silently."""
    intake = corpus.attrs.get("intake", {})
    read = intake.get("read", len(corpus))
    set_aside, duplicates = _set_aside(corpus, later), intake.get("duplicates", [])
    not_english = intake.get("not_english", [])
    steps = pd.Series([s["step"] for s in set_aside]).value_counts()
    why = ", ".join(f"{n} at {step}" for step, n in steps.items())
    after = (" (an article set aside by a later step is left out of that step's tables only)"
             if later is not None and len(later) else "")
    return (f"Read {read:,} article(s); kept {len(corpus):,}. Set aside {len(set_aside):,}"
            + (f" ({why})" if why else "") + after + f"; {len(duplicates):,} near-duplicate(s) kept once; "
            f"{len(not_english):,} kept but not in English, so left out of tone, themes and figures. "
            + ("Every one is listed below." if set_aside or duplicates or not_english else ""))


def intake_table(corpus: pd.DataFrame, later: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article set aside (at loading, or by a later step: `later`), merged as a
    near-duplicate, or not in English, with why."""
    intake = corpus.attrs.get("intake", {})
    rows = [{"article": s["file"], "what": f"set aside at {s['step']}", "why": s["error"]}
            for s in _set_aside(corpus, later)]
    rows += [{"article": d["file"], "what": "near-duplicate, kept once",
              "why": f"repeats {d['kept']} (Jaccard similarity {d['similarity']:.2f})"}
             for d in intake.get("duplicates", [])]
    share = corpus.set_index("doc_id")["english_share"] if "english_share" in corpus else pd.Series(dtype=float)
    rows += [{"article": doc, "what": "not in English",
              "why": f"{share.get(doc, float('nan')):.0%} English function words"}
             for doc in intake.get("not_english", [])]
    return pd.DataFrame(rows, columns=["article", "what", "why"])


def provenance_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Who published what, when, how precisely the date is known, where it came from, and the
    evidence for it."""
    table = corpus[["doc_id", "outlet", "author", "genre", "place", "event_date", "event_precision",
                    "published", "date_source", "date_evidence"]].copy()
    table["event_date"] = table["event_date"].dt.strftime("%Y-%m-%d").fillna("(undated)")
    table["author"] = table["author"].replace("", "(unknown)")
    return table.set_index("doc_id")


def dating_gaps(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every article that is undated or dated coarser than a day, with the evidence: the list
    a reader needs before any comparison along time."""
    gaps = corpus[corpus["event_precision"] != "day"]
    table = gaps[["doc_id", "file", "event_date", "event_end", "event_precision", "era", "date_source",
                  "date_evidence"]].copy()
    for column in ("event_date", "event_end"):
        table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("")
    table["event_precision"] = table["event_precision"].replace("", "undated")
    return table.set_index("doc_id")


def dating_summary(corpus: pd.DataFrame) -> str:
    """How precisely the articles are dated and where the dates came from, in one sentence."""
    precision = corpus["event_precision"].replace("", "undated").value_counts()
    sources = corpus["date_source"].value_counts()
    by_source = ", ".join(f"{n} {source}" for source, n in sources.items())
    day = int(precision.get("day", 0))
    if day == len(corpus):
        return (f"All {len(corpus)} articles have an event date to the day ({by_source}); "
                "none is undated or coarsely dated.")
    counts = {k: int(precision.get(k, 0)) for k in ("day", "month", "year", "undated")}
    no_era = int(corpus["era"].isna().sum())
    return (f"Of {len(corpus)} articles: {counts['day']} dated to the day, {counts['month']} to the month, "
            f"{counts['year']} to the year, {counts['undated']} undated (sources: {by_source}); {no_era} have "
            "no era and drop out of every comparison by era. All but those dated to the day are listed below "
            "with their evidence; `python3 make.py dates` writes a sheet to correct them.")


def word_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """Words per article before and after cleaning (long format: doc_id, version, n_words)."""
    wide = pd.DataFrame({
        "doc_id": corpus["doc_id"],
        "raw": [count_words(t) for t in corpus["text_raw"]],
        "clean": corpus["n_words"],
    })
    return wide.melt(id_vars="doc_id", var_name="version", value_name="n_words")


def edits_by_rule(report: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Edit counts: one row per rule, one column per article (in corpus order; per era or year
    group when there are more than MAX_COLUMNS articles), plus a total."""
    if len(corpus) > MAX_COLUMNS:
        era = report["doc_id"].map(corpus.set_index("doc_id")["era"].astype(object)).fillna("undated")
        groups = [str(g) for g in corpus["era"].cat.categories] + ["undated"]
        counts = pd.crosstab(report["rule"], era).reindex(columns=[g for g in groups if g in set(era)], fill_value=0)
    else:
        counts = pd.crosstab(report["rule"], report["doc_id"]).reindex(columns=corpus["doc_id"], fill_value=0)
    order = [r for r in RULE_DESCRIPTIONS if r in counts.index]
    counts = counts.loc[order]
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = None
    counts.attrs["per"] = "era" if len(corpus) > MAX_COLUMNS else "article"
    return counts


def edit_examples(report: pd.DataFrame, per_rule: int = 2, width: int = 60) -> pd.DataFrame:
    """The first `per_rule` edits of every rule, before and after, shortened for display."""
    def shorten(text: str) -> str:
        text = text.replace("\n", "\u21b5")
        return text if len(text) <= width else text[: width - 1] + "\u2026"

    order = {rule: i for i, rule in enumerate(RULE_DESCRIPTIONS)}
    shown = (report.assign(order=report["rule"].map(order))
             .sort_values(["order", "doc_id", "offset"], kind="stable")
             .groupby("rule", sort=False).head(per_rule))
    return shown.assign(before=shown["before"].map(shorten), after=shown["after"].map(shorten))[
        ["rule", "doc_id", "offset", "before", "after"]].reset_index(drop=True)


def _date_limits(corpus: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A year before the first era or article to a year after the last, on whole years."""
    eras = load_eras()
    dated = corpus["event_date"].dropna()
    first = min([eras["start"].min().year] + ([dated.min().year] if len(dated) else []))
    last = max([eras["end"].max().year] + ([corpus["event_end"].max().year] if len(dated) else []))
    return pd.Timestamp(f"{first - 1}-01-01"), pd.Timestamp(f"{last + 2}-01-01")


def plot_timeline(corpus: pd.DataFrame):
    """Articles on a true date axis at their event dates, one marker shape per outlet: one row
    per article (named) for a small corpus, one row per outlet for a large one.

    Publication windows are days long, invisible at this scale: the provenance table has them.
    """
    corpus = corpus[corpus["event_date"].notna()]            # undated articles are listed, not placed
    named = len(corpus) <= MAX_LABELLED
    rows = list(corpus["doc_id"]) if named else sorted(corpus["outlet"].unique())
    fig, ax = new_figure(height=2.8 if named else max(2.8, 0.22 * len(rows) + 1.2))
    shade_eras(ax)
    markers = outlet_markers(corpus["outlet"])
    left_edge, right_edge = _date_limits(corpus)
    middle = left_edge + (right_edge - left_edge) * 0.6
    place = {row: y for y, row in enumerate(rows)}
    for doc in corpus.itertuples():
        y = place[doc.doc_id if named else doc.outlet]
        if doc.event_end > doc.event_date:                 # known only to the month or year: a bar
            ax.plot([doc.event_date, doc.event_end], [y, y], color=era_colour(doc.era), lw=3, zorder=2)
        ax.scatter(doc.event_date, y, marker=markers[doc.outlet], color=era_colour(doc.era),
                   s=40 if named else 18, zorder=3)
        if named:
            left = doc.event_date > middle                 # label inward, away from the axis edges
            ax.annotate(f"{doc.outlet}, {doc.event_date:%d %b %Y}", (doc.event_date, y),
                        xytext=(-6 if left else 6, 0), textcoords="offset points", va="center",
                        ha="right" if left else "left", fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=None if len(rows) <= MAX_LABELLED else 6)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(left_edge, right_edge)
    ax.set_xlabel("date of the event reported")
    groups = corpus["era"].dropna().nunique()
    ax.set_title(f"The corpus: {len(corpus)} dated articles in {groups} era(s), true date axis"
                 + ("" if named else ", one row per outlet"))
    ax.grid(axis="y", visible=False)
    return fig


def era_gaps(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per era or year group with dated articles: its articles, first event date and the years
    since the previous group's first event."""
    dated = corpus[corpus["event_date"].notna() & corpus["era"].notna()]
    table = (dated.groupby("era", observed=True)
             .agg(articles=("doc_id", "size"), first_event=("event_date", "min")).reset_index())
    table["years_since_previous"] = table["first_event"].diff().dt.days.div(365.25).round(1)
    return table


def words_by_era(corpus: pd.DataFrame) -> pd.DataFrame:
    """Clean words per era or year group, and each group's share of all words."""
    table = corpus.groupby("era", observed=True).agg(articles=("doc_id", "size"), words=("n_words", "sum"))
    table["share"] = table["words"] / table["words"].sum()
    return table


def damage_concentration(report: pd.DataFrame) -> tuple[str, int, int] | None:
    """(the article with most word-boundary repairs, its repairs, all repairs), or None."""
    boundary = report[report["rule"].isin(BOUNDARY_RULES)]
    if boundary.empty:
        return None
    worst = boundary["doc_id"].value_counts()
    return str(worst.index[0]), int(worst.iloc[0]), len(boundary)


def plot_word_counts(counts: pd.DataFrame):
    """Words per article, raw scrape beside clean text (a histogram of both for a large corpus)."""
    wide = counts.pivot(index="doc_id", columns="version", values="n_words")
    wide = wide.loc[counts["doc_id"].drop_duplicates(), ["raw", "clean"]]
    fig, ax = new_figure(height=2.8)
    if len(wide) <= MAX_LABELLED:
        wide.plot.barh(ax=ax, color={"raw": "0.75", "clean": "#4C72B0"}, width=0.75)
        ax.invert_yaxis()
        ax.set_xlabel("words")
        ax.set_ylabel("")
    else:
        bins = 30
        ax.hist([wide["raw"], wide["clean"]], bins=bins, color=["0.75", "#4C72B0"], label=["raw", "clean"])
        ax.legend()
        ax.set_xlabel("words per article")
        ax.set_ylabel("articles")
    ax.set_title("Words per article before and after cleaning")
    return fig


def plot_edits(counts: pd.DataFrame):
    """Edits per rule and article (or era) as an annotated grid."""
    grid = counts.drop(columns="total")
    fig, ax = new_figure(width=7.0, height=0.28 * len(grid) + 1.2)
    ax.imshow(grid.to_numpy() > 0, cmap="Blues", vmin=0, vmax=1.6, aspect="auto")
    for (i, j), n in pd.DataFrame(grid.to_numpy()).stack().items():
        if n:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=20, ha="right")
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.grid(False)
    ax.set_title(f"Cleaning edits per rule and {counts.attrs.get('per', 'article')} "
                 f"({int(grid.to_numpy().sum())} in all)")
    return fig


def _date_verdict(row) -> str:
    if pd.isna(row.date_start):
        return "unresolved"
    if pd.isna(row.event_date):
        return "article undated: no established date to compare with"
    overlaps_publication = row.date_start <= row.published_end and row.date_end >= row.published_start
    if row.kind == "stamp" and not overlaps_publication:
        return "page stamp: not the publication date"
    if row.ambiguous:
        return "ambiguous numeric date: both readings are valid days"
    if row.date_start <= row.event_date <= row.date_end:
        return "fixes the event date"
    if overlaps_publication and row.kind in ("absolute", "stamp"):
        return "agrees with the publication date"
    return "refers to another time"


def date_stamps(corpus: pd.DataFrame) -> pd.DataFrame:
    """What the raw scrapes say about time versus the established dates.

    Each full date, page stamp, dateline and weekday in the raw text, resolved against the
    established publication day, with a verdict on how it relates to the curated dates.
    """
    from ..text.dates import find_dates

    frames = []
    for doc in corpus.itertuples():
        found = find_dates(doc.text_raw, reference=doc.published_start)
        found = found[found["kind"].isin(["absolute", "stamp", "dateline", "relative", "partial"])]
        frames.append(found.assign(doc_id=doc.doc_id, event_date=doc.event_date,
                                   published_start=doc.published_start, published_end=doc.published_end))
    table = pd.concat(frames, ignore_index=True)
    table["verdict"] = [_date_verdict(r) for r in table.itertuples()]
    for column in ("date_start", "date_end"):
        table[column] = table[column].dt.strftime("%Y-%m-%d")
    return table[["doc_id", "span", "kind", "date_start", "date_end", "resolution", "verdict"]]


def corpus_summary(corpus: pd.DataFrame, report: pd.DataFrame, sents: pd.DataFrame,
                   stamps: pd.DataFrame) -> str:
    """The notebook's opening answer, computed."""
    per_era = corpus.groupby("era", observed=True).size()
    damage = damage_concentration(report)
    boundary = report["rule"].isin(BOUNDARY_RULES).sum()
    misleading = stamps[stamps["verdict"].str.startswith(("page stamp", "ambiguous"))]
    eras = ", ".join(f"{n} from {era}" if is_year_group(era) else f"{n} from the {era}"
                     for era, n in per_era.items()) or "none in an era window"
    dated = corpus["event_date"].dropna()
    undated = len(corpus) - len(dated)
    when = (f"reporting events dated between {dated.min():%d %B %Y} and {dated.max():%d %B %Y}"
            if len(dated) else "none of them dated") + (f" ({undated} undated)" if undated and len(dated) else "")
    curated = (corpus["date_source"] == "supplied").all() and not corpus["dates_inferred"].any()
    source = ("the dates used here come from internal evidence instead" if curated else
              "each date used here carries its source, precision and quoted evidence")
    intake = corpus.attrs.get("intake", {})
    read = intake.get("read", len(corpus))
    opening = "" if read == len(corpus) else f"Of {read:,} articles read, {len(corpus):,} were kept (see below). "
    repairs = (f"{boundary} repaired word boundaries, {damage[1]} of them in one article ({damage[0]})"
               if damage else "none repaired a word boundary")
    return (
        f"{opening}The corpus holds {len(corpus):,} articles from {corpus['outlet'].nunique():,} outlets "
        f"({eras}), {when}: {corpus['n_words'].sum():,} words and "
        f"{len(sents):,} sentences after cleaning. Cleaning made {len(report):,} logged edits; "
        f"{repairs}. {len(misleading):,} date expressions in the raw text would mislead if taken at face "
        f"value (page stamps and ambiguous numeric dates); {source}."
    )


def caveats(corpus: pd.DataFrame) -> list[str]:
    """The caveats that follow from this corpus's own numbers."""
    per_era = corpus.groupby("era", observed=True).size()
    lines = []
    if len(per_era):
        smallest, outlets = per_era.min(), corpus.groupby("era", observed=True)["outlet"].nunique().min()
        if smallest < FEW_ARTICLES:
            lines.append(f"The eras hold {smallest:,} to {per_era.max():,} articles; where an era rests on "
                         f"{'one article' if smallest == 1 else 'a few articles'}, its outlet, genre and author "
                         "are confounded with the era, so differences between eras are differences between "
                         "these articles.")
        else:
            lines.append(f"The eras hold {smallest:,} to {per_era.max():,} articles, from at least {outlets} "
                         "outlet(s) each; where an era's outlets differ from another's, outlet and era are "
                         "confounded.")
    intervals = corpus["published"].astype(str).str.contains("/").sum()
    if intervals:
        lines.append(f"{intervals} article(s) have a publication date known only as an interval (a week, a "
                     "month); the analysis uses event dates, whose precision is in the provenance table.")
    coarse = (corpus["event_precision"] != "day").sum()
    if coarse:
        lines.append(f"{coarse} article(s) are dated to the month or year, or undated: they are listed above, "
                     "with the evidence, before any comparison.")
    if "outlet_evidence" in corpus and corpus["outlet_evidence"].astype(str).str.strip().ne("").any():
        found = corpus.loc[corpus["outlet_evidence"].astype(str).str.contains("web archive", case=False), "doc_id"]
        if len(found):
            lines.append(f"The outlets of {', '.join(found)} were identified by matching the text against a "
                         "web archive (outlet_evidence and source_url in the metadata).")
    lines.append("Word-boundary repair is statistical: on a heavily damaged article, check its repairs "
                 "against the audit table (the README lists the known misses).")
    return lines

"""Tables and figures that describe the corpus itself (notebook 00)."""

from __future__ import annotations

import pandas as pd

from ..text.cleaning import RULE_DESCRIPTIONS
from ..text.words import count_words
from ..plotting import era_colour, new_figure, outlet_markers, shade_eras

BOUNDARY_RULES = ["glued_words", "split_word", "shifted_boundary"]


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
    """Edit counts: one row per rule, one column per article (in corpus order), plus a total."""
    counts = pd.crosstab(report["rule"], report["doc_id"]).reindex(columns=corpus["doc_id"], fill_value=0)
    order = [r for r in RULE_DESCRIPTIONS if r in counts.index]
    counts = counts.loc[order]
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = None
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


def plot_timeline(corpus: pd.DataFrame):
    """Articles on a true date axis at their event dates, one marker shape per outlet.

    Publication windows are days long, invisible at this scale: the provenance table has them.
    """
    corpus = corpus[corpus["event_date"].notna()]            # undated articles are listed, not placed
    fig, ax = new_figure(height=2.8)
    shade_eras(ax)
    markers = outlet_markers(corpus["outlet"])
    ys = range(len(corpus))
    for y, doc in zip(ys, corpus.itertuples()):
        if doc.event_end > doc.event_date:                 # known only to the month or year: a bar
            ax.plot([doc.event_date, doc.event_end], [y, y], color=era_colour(str(doc.era)), lw=3, zorder=2)
        ax.scatter(doc.event_date, y, marker=markers[doc.outlet], color=era_colour(str(doc.era)),
                   s=40, zorder=3)
        left = doc.event_date.year > 2015            # label inward, away from the axis edges
        ax.annotate(f"{doc.outlet}, {doc.event_date:%d %b %Y}", (doc.event_date, y),
                    xytext=(-6 if left else 6, 0), textcoords="offset points", va="center",
                    ha="right" if left else "left", fontsize=7)
    ax.set_yticks(list(ys), corpus["doc_id"])
    ax.set_ylim(-0.7, len(corpus) - 0.3)
    ax.set_xlim(pd.Timestamp("1999-01-01"), pd.Timestamp("2027-01-01"))
    ax.set_xlabel("date of the meeting reported")
    ax.set_title(f"The corpus: {len(corpus)} articles on three visits, true date axis")
    ax.grid(axis="y", visible=False)
    return fig


def plot_word_counts(counts: pd.DataFrame):
    """Words per article, raw scrape beside clean text."""
    fig, ax = new_figure(height=2.8)
    wide = counts.pivot(index="doc_id", columns="version", values="n_words")
    wide = wide.loc[counts["doc_id"].drop_duplicates(), ["raw", "clean"]]
    wide.plot.barh(ax=ax, color={"raw": "0.75", "clean": "#4C72B0"}, width=0.75)
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.set_ylabel("")
    ax.set_title("Words per article before and after cleaning")
    return fig


def plot_edits(counts: pd.DataFrame):
    """Edits per rule and article as an annotated grid."""
    grid = counts.drop(columns="total")
    fig, ax = new_figure(width=7.0, height=0.28 * len(grid) + 1.2)
    ax.imshow(grid.to_numpy() > 0, cmap="Blues", vmin=0, vmax=1.6, aspect="auto")
    for (i, j), n in pd.DataFrame(grid.to_numpy()).stack().items():
        if n:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=7)
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=20, ha="right")
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.grid(False)
    ax.set_title(f"Cleaning edits per rule and article ({int(grid.to_numpy().sum())} in all)")
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
    boundary = report[report["rule"].isin(BOUNDARY_RULES)]
    worst = boundary["doc_id"].value_counts()
    misleading = stamps[stamps["verdict"].str.startswith(("page stamp", "ambiguous"))]
    eras = ", ".join(f"{n} from the {era}" for era, n in per_era.items()) or "none in an era window"
    dated = corpus["event_date"].dropna()
    undated = len(corpus) - len(dated)
    when = (f"reporting meetings between {dated.min():%d %B %Y} and {dated.max():%d %B %Y}"
            if len(dated) else "none of them dated") + (f" ({undated} undated)" if undated and len(dated) else "")
    curated = (corpus["date_source"] == "supplied").all() and not corpus["dates_inferred"].any()
    source = ("the dates used here come from internal evidence instead" if curated else
              "each date used here carries its source, precision and quoted evidence")
    return (
        f"The corpus holds {len(corpus)} articles from {corpus['outlet'].nunique()} outlets "
        f"({eras}), {when}: {corpus['n_words'].sum():,} words and "
        f"{len(sents)} sentences after cleaning. Cleaning made {len(report)} logged edits; "
        f"{len(boundary)} repaired word boundaries, {worst.iloc[0] if len(worst) else 0} of them "
        f"in one article ({worst.index[0] if len(worst) else '-'}). "
        f"{len(misleading)} date expressions in the raw scrapes would mislead if taken at face "
        f"value (page stamps and ambiguous numeric dates); {source}."
    )

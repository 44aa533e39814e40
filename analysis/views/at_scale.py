"""Notebook 04 (at scale): the era comparisons of notebooks 01-03 read from the tables that
`make.py tables` writes, so a corpus too large for those notebooks is only aggregated here.

Every comparison between eras counts each article once and takes its interval from
resampling the era's articles (a cluster bootstrap, analysis.stats), as notebooks 01 and 02
do; an era with one article has no interval, and says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import study
from ..counts import ScaleTopics, count_matrix, keyness_from_counts, scale_topics
from ..eras import group_order, is_year_group
from ..plotting import era_colour, new_figure
from ..stats import era_summary, generator
from ..tables import TABLES, corpus_tables, read_table
from ..themes import theme_era_intervals, theme_totals
from .topic_shifts import TOP_WORDS, Z_LINE, span_note, spans

THEME_PREFIX = "theme: "
TOP_MEASURES = 8       # measures listed by name in the figures table; the rest are "other"


def open_tables(tables=None, corpus=None, out=None, eras=None, codes=None, dates=None, theme_codes=None,
                columns=None, strict=False) -> dict[str, pd.DataFrame]:
    """The notebook's parameters applied, and its tables: read from `tables` (a folder written
    by make.py tables), or without one computed here from the corpus (the seeds by default)
    exactly as make.py tables computes each partition."""
    if tables in (None, ""):
        return corpus_tables(study.open_study(corpus, out, eras, codes, dates, theme_codes, columns, strict))
    # the tables stand for the corpus: claims true of the seeds are printed checks here, not asserts
    study.apply_parameters(corpus or tables, out, eras, codes, theme_codes, strict)
    return {kind: read_table(tables, kind) for kind in TABLES if kind != "warnings"}


def era_order(labels) -> list[str]:
    """The eras present, in time order (eras.group_order: the eras file's and year groups),
    then any other label."""
    present = {str(x) for x in labels if isinstance(x, str) and x}
    ordered = [g for g in group_order({x for x in present if is_year_group(x)}) if g in present]
    return ordered + sorted(present - set(ordered))


def _with_era_order(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    frame = frame[frame["era"].isin(order)].copy()
    frame["era"] = pd.Categorical(frame["era"], categories=order, ordered=True)
    return frame


def intake_line(data: dict[str, pd.DataFrame]) -> str:
    """How much the tables hold, and how many articles were set aside on the way."""
    articles, sentences, figures = data["articles"], data["sentences"], data["figures"]
    dated = articles["era"].astype(str).ne("").sum() if len(articles) else 0
    aside = data["set_aside"]
    steps = aside["step"].value_counts() if len(aside) else pd.Series(dtype=int)
    return (f"The tables hold {len(articles):,} articles ({dated:,} in an era or year group), "
            f"{len(sentences):,} English sentences and {len(figures):,} figures; "
            f"{len(aside):,} article(s) were set aside"
            + (" (" + ", ".join(f"{n} at {step}" for step, n in steps.items()) + ")" if len(aside) else "") + ".")


def article_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article with sentences in an era: doc_id, era, n_sentences, mean tone
    (each sentence once; the article then counts once in its era)."""
    order = era_order(sentences["era"]) if len(sentences) else []
    table = (sentences[sentences["era"].isin(order)].groupby(["doc_id", "era"], sort=False)["tone"]
             .agg(n_sentences="size", mean="mean").reset_index())
    return _with_era_order(table, order).sort_values(["era", "doc_id"]).reset_index(drop=True)


def tone_by_era(articles: pd.DataFrame) -> pd.DataFrame:
    """Per era: n_articles, the mean of its articles' mean tone, and an interval from
    resampling its articles (none for one article)."""
    if articles.empty:
        return pd.DataFrame(columns=["era", "n_articles", "mean", "low", "high", "note"])
    return era_summary(articles, "mean")


def theme_units(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences table in the long form of themes.theme_shares (one row per sentence and
    theme: doc_id, position, era, n_words, theme, hits), for the eras present, so the era
    shares and intervals are those notebook 02 computes (themes.theme_totals and
    themes.theme_era_intervals)."""
    columns = [c for c in sentences.columns if c.startswith(THEME_PREFIX)]
    order = era_order(sentences["era"]) if len(sentences) else []
    kept = _with_era_order(sentences[["doc_id", "position", "era", "n_words"] + columns], order)
    long = kept.melt(id_vars=["doc_id", "position", "era", "n_words"], var_name="theme", value_name="hits")
    long["theme"] = pd.Categorical(long["theme"].str.removeprefix(THEME_PREFIX),
                                   categories=[c.removeprefix(THEME_PREFIX) for c in columns], ordered=True)
    long["hits"] = long["hits"].astype(int)
    return long.sort_values(["doc_id", "position", "theme"], kind="stable").reset_index(drop=True)


def theme_shares_by_era(units: pd.DataFrame) -> pd.DataFrame:
    """Per era and theme: n_docs, hits, share of all theme hits in the era, and its interval
    (share_low, share_high; articles resampled, exact bounds for rare themes, none from
    articles for an era of one: themes.theme_era_intervals)."""
    if units.empty:
        return pd.DataFrame(columns=["era", "theme", "n_docs", "hits", "share", "share_low", "share_high", "note"])
    totals = theme_totals(units, "era")
    intervals = theme_era_intervals(units, "era")
    table = totals[["era", "theme", "hits", "share"]].merge(
        intervals[["era", "theme", "n_docs", "share_low", "share_high", "note"]], on=["era", "theme"])
    return table[["era", "theme", "n_docs", "hits", "share", "share_low", "share_high", "note"]]


def figures_by_era(figures: pd.DataFrame, top: int = TOP_MEASURES) -> pd.DataFrame:
    """Figures per era and measure (the `top` commonest measures by name, the rest 'other',
    no measure '(none)'), with the number of articles stating them."""
    if figures.empty:
        return pd.DataFrame(columns=["era", "measure", "figures", "articles"])
    order = era_order(figures["era"])
    table = figures[figures["era"].isin(order)].copy()
    measure = table["measure"].replace("", "(none)")
    common = measure.value_counts().index[:top]
    table["measure"] = measure.where(measure.isin(common), "other")
    counts = (table.groupby(["era", "measure"]).agg(figures=("span", "size"), articles=("doc_id", "nunique"))
              .reset_index())
    return _with_era_order(counts, order).sort_values(["era", "figures"], ascending=[True, False]).reset_index(drop=True)


def plot_tone_by_era(articles: pd.DataFrame, eras: pd.DataFrame):
    """Each article's mean tone (dots) and each era's mean of them with its interval."""
    fig, ax = new_figure(width=7.0, height=3.4)
    labels = list(eras["era"].astype(str))
    for i, label in enumerate(labels):
        members = articles[articles["era"].astype(str) == label]
        x = i + (generator("at scale jitter", label).random(len(members)) - 0.5) * 0.3
        ax.scatter(x, members["mean"], s=14, color=era_colour(label), alpha=0.6, lw=0)
        row = eras.iloc[i]
        ax.plot([i - 0.25, i + 0.25], [row["mean"]] * 2, color="#222222", lw=2)
        if pd.notna(row["low"]):
            ax.plot([i, i], [row["low"], row["high"]], color="#222222", lw=1)
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_xticks(range(len(labels)), [f"{label}\n(n={n})" for label, n in zip(labels, eras["n_articles"])],
                  fontsize=7)
    ax.set_ylabel("mean tone of an article (VADER)")
    ax.set_title("Tone by era: articles (dots), era mean and article-level interval")
    return fig


def plot_theme_shares(shares: pd.DataFrame, ylabel: str = "share of theme hits",
                      title: str = "Theme shares by era (intervals resample articles; rare themes: exact bounds)"):
    """Each theme's share (`share`, interval `share_low`-`share_high` where `note` is empty) by
    era: the themes of notebook 02's dictionary, or the topics fitted from the counts."""
    themes = list(shares["theme"].cat.categories)
    eras = [str(e) for e in shares["era"].cat.categories if e in set(shares["era"].astype(str))]
    fig, ax = new_figure(width=7.0, height=3.8)
    width = 0.8 / max(1, len(eras))
    for j, era in enumerate(eras):
        part = shares[shares["era"].astype(str) == era].set_index("theme").reindex(themes)
        x = np.arange(len(themes)) + (j - (len(eras) - 1) / 2) * width
        ax.bar(x, part["share"].fillna(0), width=width, color=era_colour(era), label=era)
        has = part["share_low"].notna().to_numpy() & part["note"].eq("").to_numpy()   # article-level only
        ax.errorbar(x[has], part["share"].to_numpy()[has],
                    yerr=[(part["share"] - part["share_low"]).to_numpy()[has],
                          (part["share_high"] - part["share"]).to_numpy()[has]],
                    fmt="none", ecolor="#333333", lw=0.7)
    ax.set_xticks(range(len(themes)), themes, rotation=35, ha="right", fontsize=7)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.legend(*ax.get_legend_handles_labels(), fontsize=7, loc="outside lower center", ncol=max(1, len(eras)),
               frameon=False)
    return fig


def answer(eras: pd.DataFrame, shares: pd.DataFrame, data: dict[str, pd.DataFrame]) -> str:
    """The computed answer: what the tables hold, tone by era, and each era's leading theme."""
    lines = [intake_line(data)]
    if len(eras) >= 2:
        lines.append("Mean article tone by era (each article once): "
                     + "; ".join(f"{r.era} {r.mean:+.2f}" + (f" ({r.low:+.2f} to {r.high:+.2f})" if pd.notna(r.low)
                                                             else " (one article: no interval)")
                                 + f", {r.n_articles} article(s)" for r in eras.itertuples()) + ".")
    else:
        lines.append(f"No comparison between eras: the tables hold {len(eras)} era(s) with dated articles.")
    if len(shares):
        leading = shares.loc[shares.dropna(subset=["share"]).groupby("era", observed=True)["share"].idxmax()]
        lines.append("Leading theme by share of theme hits: "
                     + "; ".join(f"{r.era}: {r.theme} {r.share:.0%}" for r in leading.itertuples()) + ".")
    return " ".join(lines)


# ---------------------------------------------------------------------------------------------
# Distinctive words and topics, from the document-term counts alone (analysis.counts)


def article_eras(articles: pd.DataFrame) -> pd.DataFrame:
    """doc_id, event_date and era of the articles table as notebooks 01-03 hold them (era
    categorical in time order, missing where the article is in no era or year), so their
    rules, such as the claim's two spans, apply to the tables unchanged."""
    order = era_order(articles["era"]) if len(articles) else []
    frame = articles[["doc_id", "event_date", "era"]].copy()
    frame["era"] = pd.Categorical(frame["era"].where(frame["era"].astype(str).ne("")), categories=order,
                                  ordered=True)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


def distinctive_at_scale(data: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame | None, str]:
    """Notebook 02's distinctive words (the late span against the early one) from the summed
    counts, with intervals from resampling articles for the words shown; None and the reason
    when the corpus has no two spans."""
    frame = article_eras(data["articles"])
    s = spans(frame)
    if not s.compared:
        return None, span_note(s)
    side = pd.Series([s.of(e) for e in frame["era"]], index=frame["doc_id"]).dropna()
    table = keyness_from_counts(count_matrix(data["terms"]), side, s.late, other_label=s.early, shown=TOP_WORDS)
    counted = int(side.index.isin(data["terms"]["doc_id"]).sum())
    return table, f"{span_note(s)} {counted:,} articles of the two spans have English words counted."


def distinctive_line(table: pd.DataFrame, top: int = TOP_WORDS) -> str:
    """How many words pass |z| >= Z_LINE, and the most distinctive of each side."""
    focus, other = table["focus"].iloc[0], table["other"].iloc[0]
    passing = table[table["z"].abs() >= Z_LINE]
    return (f"{len(passing):,} of {len(table):,} words reach |z| >= {Z_LINE} (a single-word 5% line, not corrected "
            f"for the {len(table):,} words tested). Most typical of {focus}: "
            + ", ".join(f"{r.term} (z {r.z:.2f})" for r in table.head(min(5, top)).itertuples())
            + f"; of {other}: " + ", ".join(f"{r.term} (z {r.z:.2f})" for r in table.tail(min(5, top)).iloc[::-1].itertuples())
            + ".")


def topics_at_scale(data: dict[str, pd.DataFrame]) -> tuple[ScaleTopics | None, str]:
    """Topics fitted from the counts (analysis.counts.scale_topics), and what they rest on."""
    found = scale_topics(count_matrix(data["terms"]))
    n = data["terms"]["doc_id"].nunique() if len(data["terms"]) else 0
    if found is None:
        return None, f"No topic model: the {n:,} articles with English words share too few words for two topics."
    def on(used: int) -> str:
        return (f"all {used:,} articles" if used == found.n_articles else
                f"a random sample of {used:,} of the {found.n_articles:,} articles (drawn from the fixed seed)")
    return found, (f"Topics are fitted per article from the counts (the tables hold no paragraphs, which notebook 02 "
                   f"fits). k was chosen by the stability sweep on {on(found.sweep_articles)}, the model at "
                   f"k = {found.k} was fitted on {on(found.fit_articles)}, and every article's topic shares come "
                   "from that model.")


def topic_shares_by_era(found: ScaleTopics, articles: pd.DataFrame) -> pd.DataFrame:
    """Per era and topic: n_articles, the mean over the era's articles of the topic's share of
    each article's topic weight (each article once), and its interval from resampling the
    era's articles; in the columns plot_theme_shares draws (theme: the topic's label)."""
    frame = article_eras(articles)
    shares = found.shares.merge(frame[["doc_id", "era"]], on="doc_id").dropna(subset=["era", "share"])
    labels = [f"{t}: {found.labels[t]}" for t in range(1, found.k + 1)]
    rows = []
    for topic, part in shares.groupby("topic", sort=True):
        summary = era_summary(part, "share")
        summary.insert(1, "theme", labels[int(topic) - 1])
        rows.append(summary)
    if not rows:
        return pd.DataFrame(columns=["era", "theme", "n_articles", "share", "share_low", "share_high", "note"])
    table = pd.concat(rows, ignore_index=True).rename(columns={"mean": "share", "low": "share_low", "high": "share_high"})
    table["era"] = pd.Categorical(table["era"].astype(str), categories=list(frame["era"].cat.categories), ordered=True)
    table["theme"] = pd.Categorical(table["theme"], categories=labels, ordered=True)
    return table.sort_values(["era", "theme"]).reset_index(drop=True)

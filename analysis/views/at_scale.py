"""Notebook 04 (at scale): the era comparisons of notebooks 01-03 read from the tables that
`make.py tables` writes, so a corpus too large for those notebooks is only aggregated here.

Every comparison between eras counts each article once and takes its interval from
resampling the era's articles (a cluster bootstrap, analysis.stats), as notebooks 01 and 02
do; an era with one article has no interval, and says so.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import study
from ..counts import TOPIC_WORDS, ScaleTopics, count_matrix, counts_from_parts, keyness_from_counts, scale_topics
from ..eras import group_order, is_year_group
from ..plotting import era_colour, new_figure
from ..stats import era_summary, generator
from ..tables import corpus_tables, read_table, table_parts
from ..themes import article_theme_intervals, theme_intervals
from ..topics import MAX_ITER, STABLE
from .topic_shifts import TOP_WORDS, Z_LINE, distinctive_table, plot_distinctive, plot_k_choice as _plot_k, span_note, spans

THEME_PREFIX = "theme: "
TOP_MEASURES = 8       # measures listed by name in the figures table; the rest are "other"


def open_tables(tables=None, corpus=None, out=None, eras=None, codes=None, dates=None, theme_codes=None,
                columns=None, strict=False) -> dict:
    """The notebook's parameters applied, and what it aggregates: read from `tables` (a folder
    written by make.py tables) part by part, or without one computed here from the corpus (the
    seeds by default) exactly as make.py tables computes each partition.

    Returns articles, figures and set_aside (the tables), by_article (article_summary: one row
    per article with sentences), counts (analysis.counts.Counts of the terms table) and
    `sentences`: where the sentences are (the folder, or the table itself), read only for the
    few articles that need them (eras of one article). Neither the sentences nor the terms are
    ever held whole, so the notebook's memory follows the number of articles."""
    if tables in (None, ""):
        return in_memory(corpus_tables(study.open_study(corpus, out, eras, codes, dates, theme_codes, columns, strict)))
    # the tables stand for the corpus: claims true of the seeds are printed checks here, not asserts
    study.apply_parameters(corpus or tables, out, eras, codes, theme_codes, strict)
    summaries = [article_summary(part) for part in table_parts(tables, "sentences")]
    return {"articles": read_table(tables, "articles"),
            "figures": read_table(tables, "figures", FIGURE_COLUMNS),
            "set_aside": read_table(tables, "set_aside"),
            "by_article": pd.concat(summaries, ignore_index=True) if summaries else article_summary(pd.DataFrame()),
            "counts": counts_from_parts(table_parts(tables, "terms")),
            "sentences": Path(tables)}


def in_memory(made: dict[str, pd.DataFrame]) -> dict:
    """open_tables' answer for tables computed in memory (tables.corpus_tables)."""
    return {"articles": made["articles"], "figures": made["figures"], "set_aside": made["set_aside"],
            "by_article": article_summary(made["sentences"]), "counts": count_matrix(made["terms"]),
            "sentences": made["sentences"]}


FIGURE_COLUMNS = ["doc_id", "era", "measure", "span"]
ANY_HIT = "sentences with a theme hit"
WITH_PREFIX = "sentences with: "


def article_summary(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article of the sentences table (a part or all of it; an article never spans
    two parts): doc_id, era, n_sentences, tone (the mean of its sentences'), n_words, its
    hits of each theme ('theme: X'), its sentences with a hit of each theme ('sentences with: X')
    and with any theme hit: every era comparison of this notebook is a sum of these."""
    themes = [c for c in sentences.columns if c.startswith(THEME_PREFIX)]
    if sentences.empty:
        return pd.DataFrame(columns=["doc_id", "era", "n_sentences", "tone", "n_words", *themes,
                                     *[WITH_PREFIX + c.removeprefix(THEME_PREFIX) for c in themes], ANY_HIT])
    hits = sentences[themes].astype(int)
    frame = sentences[["doc_id", "era", "tone", "n_words"]].copy()
    frame[themes] = hits
    for column in themes:
        frame[WITH_PREFIX + column.removeprefix(THEME_PREFIX)] = hits[column] > 0
    frame[ANY_HIT] = hits.sum(axis=1) > 0
    sums = {c: "sum" for c in frame.columns if c not in ("doc_id", "era", "tone")}
    table = frame.groupby(["doc_id", "era"], sort=False).agg(n_sentences=("tone", "size"), tone=("tone", "mean"),
                                                             **{c: (c, how) for c, how in sums.items()})
    return table.reset_index()


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


def intake_line(data: dict) -> str:
    """How much the tables hold, and how many articles were set aside on the way."""
    articles, by_article, figures = data["articles"], data["by_article"], data["figures"]
    dated = articles["era"].astype(str).ne("").sum() if len(articles) else 0
    aside = data["set_aside"]
    steps = aside["step"].value_counts() if len(aside) else pd.Series(dtype=int)
    return (f"The tables hold {len(articles):,} articles ({dated:,} in an era or year group), "
            f"{int(by_article['n_sentences'].sum()):,} English sentences and {len(figures):,} figures; "
            f"{len(aside):,} article(s) were set aside"
            + (" (" + ", ".join(f"{n} at {step}" for step, n in steps.items()) + ")" if len(aside) else "") + ".")


def article_tone(by_article: pd.DataFrame) -> pd.DataFrame:
    """One row per article in an era: doc_id, era, n_sentences, mean tone (each sentence once;
    the article then counts once in its era)."""
    order = era_order(by_article["era"]) if len(by_article) else []
    table = by_article.loc[by_article["era"].isin(order), ["doc_id", "era", "n_sentences", "tone"]]
    table = table.rename(columns={"tone": "mean"})
    return _with_era_order(table, order).sort_values(["era", "doc_id"]).reset_index(drop=True)


def tone_by_era(articles: pd.DataFrame) -> pd.DataFrame:
    """Per era: n_articles, the mean of its articles' mean tone, and an interval from
    resampling its articles (none for one article)."""
    if articles.empty:
        return pd.DataFrame(columns=["era", "n_articles", "mean", "low", "high", "note"])
    return era_summary(articles, "mean")


def theme_units(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences table in the long form of themes.theme_shares (one row per sentence and
    theme: doc_id, position, era, n_words, theme, hits), for the eras present: what the
    sentence-level interval of an era of one article is computed on."""
    columns = [c for c in sentences.columns if c.startswith(THEME_PREFIX)]
    order = era_order(sentences["era"]) if len(sentences) else []
    kept = _with_era_order(sentences[["doc_id", "position", "era", "n_words"] + columns], order)
    long = kept.melt(id_vars=["doc_id", "position", "era", "n_words"], var_name="theme", value_name="hits")
    long["theme"] = pd.Categorical(long["theme"].str.removeprefix(THEME_PREFIX),
                                   categories=[c.removeprefix(THEME_PREFIX) for c in columns], ordered=True)
    long["hits"] = long["hits"].astype(int)
    return long.sort_values(["doc_id", "position", "theme"], kind="stable").reset_index(drop=True)


def sentences_of(data: dict, doc_ids) -> pd.DataFrame:
    """The sentences of a few articles: from the table in memory, or read from the folder's
    parts with a filter (the rest of the table is never loaded)."""
    source, wanted = data["sentences"], list(doc_ids)
    if isinstance(source, pd.DataFrame):
        return source[source["doc_id"].isin(wanted)]
    frames = [pd.read_parquet(path, filters=[("doc_id", "in", wanted)])
              for path in sorted((Path(source) / "sentences").glob("part-*.parquet"))] if wanted else []
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", "position", "era", "n_words"])


def _dated_articles(by_article: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The per-article rows in an era or year group (era categorical, in time order) and the
    theme columns they carry."""
    order = era_order(by_article["era"]) if len(by_article) else []
    return (_with_era_order(by_article, order),
            [c for c in by_article.columns if c.startswith(THEME_PREFIX)])


def theme_shares_by_era(data: dict) -> pd.DataFrame:
    """Per era and theme: n_docs, hits, share of all theme hits in the era, and its interval
    (share_low, share_high; articles resampled, exact bounds for rare themes, and for an era of
    one article its sentences, with a note: themes.theme_era_intervals), from the per-article
    sums, so the answer is notebook 02's at any size."""
    kept, themes = _dated_articles(data["by_article"])
    if kept.empty or not themes:
        return pd.DataFrame(columns=["era", "theme", "n_docs", "hits", "share", "share_low", "share_high", "note"])
    names = [c.removeprefix(THEME_PREFIX) for c in themes]
    per_doc = kept.set_index(["era", "doc_id"])[themes].set_axis(names, axis=1)
    trials = kept.groupby("era", observed=True)[ANY_HIT].sum()
    docs = kept.groupby("era", observed=True).size()
    alone = docs.index[docs < 2]
    within = None
    if len(alone):
        one = kept.loc[kept["era"].isin(alone), "doc_id"]
        within = theme_intervals(theme_units(sentences_of(data, one)), "era")
    intervals = article_theme_intervals(per_doc, trials, within, "era")
    hits = kept.groupby("era", observed=True)[themes].sum().set_axis(names, axis=1)
    totals = hits.stack().rename("hits").reset_index().rename(columns={"level_1": "theme"})
    totals.columns = ["era", "theme", "hits"]
    all_hits = totals.groupby("era", observed=True)["hits"].transform("sum")
    totals["share"] = (totals["hits"] / all_hits).where(all_hits > 0)
    totals["theme"] = pd.Categorical(totals["theme"], categories=names, ordered=True)
    table = totals.merge(intervals[["era", "theme", "n_docs", "share_low", "share_high", "note"]], on=["era", "theme"])
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
    many = len(labels) > 4                    # ten eras and year groups side by side overlap: slant them
    ax.set_xticks(range(len(labels)), [f"{label}\n(n={n:,})" for label, n in zip(labels, eras["n_articles"])],
                  fontsize=7, rotation=30 if many else 0, ha="right" if many else "center")
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


def tone_without_one(articles: pd.DataFrame) -> pd.DataFrame:
    """Per era: the largest move of its mean tone when one of its articles is left out, and
    that article. Exact for every article at once: without article i the era's mean is
    (sum - x_i) / (n - 1), so a million articles cost one pass. An era of one article has
    none to leave out."""
    rows = []
    for era, part in articles.groupby("era", observed=True, sort=True):
        x = part["mean"].to_numpy(dtype=float)
        if len(x) < 2:
            rows.append({"era": era, "n_articles": len(x), "largest_shift": np.nan, "without": "",
                         "note": "one article: nothing to leave out"})
            continue
        shift = (x.sum() - x) / (len(x) - 1) - x.mean()
        i = int(np.argmax(np.abs(shift)))
        rows.append({"era": era, "n_articles": len(x), "largest_shift": float(shift[i]),
                     "without": str(part["doc_id"].iloc[i]), "note": ""})
    return pd.DataFrame(rows, columns=["era", "n_articles", "largest_shift", "without", "note"])


def leading_theme_without_one(data: dict) -> pd.DataFrame:
    """Per era: its leading theme (the largest share of theme hits) and whether it still leads
    with any one article left out (every article tried, from the per-article hits); if not,
    the first article whose absence hands the lead to another theme, and that theme."""
    kept, themes = _dated_articles(data["by_article"])
    rows = []
    for era, part in kept.groupby("era", observed=True, sort=True):
        hits = part[themes].to_numpy(dtype=float)
        total = hits.sum(axis=0)
        if not total.sum():
            continue
        lead = int(np.argmax(total))
        row = {"era": era, "n_articles": len(hits), "leading": themes[lead].removeprefix(THEME_PREFIX),
               "holds_without_any_one": None, "fails_without": "", "then_leads": ""}
        if len(hits) >= 2:
            without = total[None, :] - hits
            moved = np.flatnonzero((without.sum(axis=1) > 0) & (np.argmax(without, axis=1) != lead))
            row["holds_without_any_one"] = not len(moved)
            if len(moved):
                row["fails_without"] = str(part["doc_id"].iloc[moved[0]])
                row["then_leads"] = themes[int(np.argmax(without[moved[0]]))].removeprefix(THEME_PREFIX)
        rows.append(row)
    return pd.DataFrame(rows, columns=["era", "n_articles", "leading", "holds_without_any_one", "fails_without",
                                       "then_leads"])


def answer(eras: pd.DataFrame, shares: pd.DataFrame, data: dict, distinctive: pd.DataFrame | None = None,
           topics: ScaleTopics | None = None) -> str:
    """The computed answer: what the tables hold, tone by era (and how far one article moves
    it), each era's leading theme (and whether it survives leaving out any one article), the
    distinctive words of the claim's spans and the topics fitted from the counts."""
    lines = [intake_line(data)]
    if len(eras) >= 2:
        lines.append("Mean article tone by era (each article once): "
                     + "; ".join(f"{r.era} {r.mean:+.2f}" + (f" ({r.low:+.2f} to {r.high:+.2f})" if pd.notna(r.low)
                                                             else " (one article: no interval)")
                                 + f", {r.n_articles:,} article(s)" for r in eras.itertuples()) + ".")
        moves = tone_without_one(article_tone(data["by_article"])).dropna(subset=["largest_shift"])
        if len(moves):
            top = moves.loc[moves["largest_shift"].abs().idxmax()]
            lines.append(f"Leaving out any one article moves an era's mean tone by at most {abs(top.largest_shift):.3f} "
                         f"({top.era}, without {top.without}).")
    else:
        lines.append(f"No comparison between eras: the tables hold {len(eras)} era(s) with dated articles.")
    if len(shares):
        leading = leading_theme_without_one(data)
        share = shares.set_index(["era", "theme"])["share"]
        lines.append("Leading theme by share of theme hits: "
                     + "; ".join(f"{r.era}: {r.leading} {share.get((r.era, r.leading), np.nan):.0%}"
                                 + ("" if r.holds_without_any_one is None else " (holds without any one article)"
                                    if r.holds_without_any_one else f" (not without {r.fails_without}: then {r.then_leads})")
                                 for r in leading.itertuples()) + ".")
    if distinctive is not None:
        lines.append(distinctive_line(distinctive))
    if topics is not None:
        stability = topics.choice.loc[topics.choice["chosen"], "stability"].iloc[0]
        lines.append(f"Topics fitted from the counts: k = {topics.k} (stability {stability:.3f}); "
                     + "; ".join(f"{t}: {label}" for t, label in topics.labels.items()) + ".")
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
    table = keyness_from_counts(data["counts"], side, s.late, other_label=s.early, shown=TOP_WORDS)
    counted = int(side.index.isin(data["counts"].doc_ids).sum())
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
    found = scale_topics(data["counts"])
    n = len(data["counts"].doc_ids)
    if found is None:
        return None, f"No topic model: the {n:,} articles with English words share too few words for two topics."
    def on(used: int) -> str:
        return (f"all {used:,} articles" if used == found.n_articles else
                f"a random sample of {used:,} of the {found.n_articles:,} articles (drawn from the fixed seed)")
    return found, (f"Topics are fitted per article from the counts (the tables hold no paragraphs, which notebook 02 "
                   f"fits), on the {TOPIC_WORDS:,} words most frequent in each sample. k was chosen by the stability sweep "
                   f"on {on(found.sweep_articles)}, the model at "
                   f"k = {found.k} was fitted on {on(found.fit_articles)}, and every article's topic shares come "
                   "from that model."
                   + (f" {found.unconverged} of the {found.fits} fits stopped at the iteration limit "
                      f"({MAX_ITER:,}) before the fit settled: the stability is that of the fits as they stopped."
                      if found.unconverged else ""))


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


def plot_distinctive_at_scale(table: pd.DataFrame, data: dict):
    """Notebook 02's figure of distinctive words, for the tables."""
    n = int(data["counts"].doc_ids.size)
    return plot_distinctive(table, article_eras(data["articles"]), f"n = {n:,} articles with English words counted")


def plot_k_choice(choice: pd.DataFrame):
    """Notebook 02's figure of the k sweep (stability and fit against k)."""
    return _plot_k(choice, STABLE)

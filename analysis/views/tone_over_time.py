"""Notebook 01 (tone over time): every table it reads, its figures and its computed answer.

Every figure states its n (articles, sentences); points resting on fewer than MIN_SENTENCES
sentences are drawn hollow and labelled, because their interval is not worth reading.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..config import N_BOOT, SEED
from ..plotting import era_colour, new_figure, outlet_markers, shade_eras
from ..text.segment import sentences
from ..stats import era_summary, leave_one_out, sensitivity
from ..tone import (MIN_SENTENCES, NEUTRAL_BAND, NO_TARGET, PUBLISHED_CODER_ACCURACY,
                    PUBLISHED_DICTIONARY_ACCURACY, agreement, article_pairs, article_tone, corpus_codes,
                    label_targets, score_units, score_voice, target_order, tone_table, with_hand_codes)

SAME_DAY_OFFSET_DAYS = 150  # articles on the same day are spread this far apart on the date axis
HAND_CODE_LABEL = "hand codes (−1, 0, +1)"
MAX_LEGEND_OUTLETS = 12   # a legend longer than this would hide the figure; the table names every outlet


def _offsets(articles: pd.DataFrame) -> pd.Series:
    """Date of each article, spread sideways when several share a day (legibility only)."""
    rank = articles.groupby("event_date").cumcount()
    size = articles.groupby("event_date")["doc_id"].transform("size")
    shift = (rank - (size - 1) / 2) * SAME_DAY_OFFSET_DAYS
    return articles["event_date"] + pd.to_timedelta(shift, unit="D")


def _jitter(n: int, width: float, seed: int = SEED) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-width, width, n)


def _years(comparison: str) -> str:
    """'2001 first visit → 2007 gas-price rift' as '2001 → 2007'; 'within 2024 ...' as '2024 outlets'."""
    if comparison.startswith("within"):
        return f"within {comparison.split()[1]}\n{comparison[comparison.index('('):]}"
    return " → ".join(part.split()[0] for part in comparison.split(" → "))


def _article_panel(ax, articles, sentences, score, markers, ylabel, jitter_y=0.0):
    x = _offsets(articles).set_axis(articles["doc_id"])
    for i, doc in enumerate(articles.itertuples()):
        mine = sentences[sentences["doc_id"] == doc.doc_id]
        days = _jitter(len(mine), 40, SEED + i)
        y = mine[score].to_numpy() + _jitter(len(mine), jitter_y, SEED + 100 + i)
        ax.scatter(x[doc.doc_id] + pd.to_timedelta(days, unit="D"), y, s=7, color="#8C8C8C",
                   alpha=0.45, lw=0, zorder=1)
        ax.errorbar(x[doc.doc_id], doc.mean, yerr=[[doc.mean - doc.low], [doc.high - doc.mean]],
                    fmt=markers[doc.outlet], color=era_colour(doc.era), ms=7, capsize=3, lw=1.3,
                    zorder=3)
    ax.axhline(0, color="black", lw=0.6)
    ax.set_ylabel(ylabel)
    ax.set_ylim(-1.08, 1.08)
    shade_eras(ax)


def plot_tone_over_time(articles: pd.DataFrame, coded_articles: pd.DataFrame | None, scored: pd.DataFrame):
    """Article tone on a true date axis (top: headline lexicon index; bottom, where every
    sentence is hand-coded: the reader's codes), one point per article with its 95% bootstrap
    interval over sentences, marker per outlet, the sentences behind each point as a grey
    strip. The legend sits below the panels, never over the data."""
    undated = int(articles["event_date"].isna().sum())
    articles = articles.dropna(subset=["event_date"])
    if coded_articles is not None:
        coded_articles = coded_articles.dropna(subset=["event_date"])
    panels = 1 if coded_articles is None else 2
    fig, axes = new_figure(panels, 1, width=7.5, height=2.9 * panels + 0.9, sharex=True, squeeze=False)
    axes = axes[:, 0]
    markers = outlet_markers(articles["outlet"])
    _article_panel(axes[0], articles, scored, "tone", markers, "lexicon tone (VADER)")
    n_docs, n_sent = len(articles), int(articles["n_sentences"].sum())
    axes[0].set_title(f"Article tone: mean of its sentences, 95% bootstrap interval "
                      f"({n_docs} articles, {n_sent} sentences"
                      + (f"; {undated} undated not shown)" if undated else ")"), loc="left")
    if coded_articles is not None:
        _article_panel(axes[1], coded_articles, scored, "code_value", markers, HAND_CODE_LABEL, 0.06)
        axes[1].set_title("The same articles as hand-coded by a reader", loc="left")
    outlets = list(dict.fromkeys(articles["outlet"]))
    handles = [Line2D([], [], ls="", marker=markers[o], color="#555555",
                      label=f"{o} ({int(articles.loc[articles['outlet'] == o, 'n_sentences'].sum())} sentences)")
               for o in outlets[:MAX_LEGEND_OUTLETS]]
    handles.append(Line2D([], [], ls="", marker="o", ms=3, color="#8C8C8C", label="one sentence"))
    fig.legend(handles=handles, loc="outside lower center", fontsize=7, ncol=3)
    axes[-1].set_xlabel(f"event date (articles on the same day are set {SAME_DAY_OFFSET_DAYS} days "
                        "apart so they can be seen)")
    return fig


def plot_era_means(articles: pd.DataFrame, eras: pd.DataFrame, coded_articles: pd.DataFrame | None = None,
                   coded_eras: pd.DataFrame | None = None):
    """Per era, each article's tone (dots) and the era mean with its interval from resampling
    the era's articles (bar); an era of one article has no interval and says so. The lexicon
    index and the hand codes are different scales, so each has its own panel and axis."""
    measures = [("lexicon index (VADER)", articles, eras)]
    if coded_articles is not None and coded_eras is not None:
        measures.append((HAND_CODE_LABEL, coded_articles, coded_eras))
    fig, axes = new_figure(1, len(measures), width=3.9 * len(measures), height=0.55 * len(eras) + 1.6,
                           sharey=True, squeeze=False)
    labels = [str(e) for e in eras["era"]]
    y = {label: i for i, label in enumerate(reversed(labels))}
    for ax, (name, table, summary) in zip(axes[0], measures):
        for r in summary.itertuples():
            yi, colour = y[str(r.era)], era_colour(r.era)
            if np.isfinite(r.low):
                ax.plot([r.low, r.high], [yi, yi], color=colour, lw=5, alpha=0.35, solid_capstyle="butt")
            ax.plot(r.mean, yi, marker="|", ms=16, mew=2.5, color=colour)
            members = table[table["era"].astype(str) == str(r.era)]
            ax.scatter(members["mean"], yi + _jitter(len(members), 0.12, SEED + yi), s=16, color=colour,
                       edgecolor="white", lw=0.5, zorder=3)
        ax.axvline(0, color="black", lw=0.6)
        ax.set_xlabel(name)
        ax.grid(axis="y", visible=False)
    axes[0][0].set_yticks(list(y.values()), [f"{label}\n({int(n)} article{'s' * (n != 1)})" for label, n in
                                            zip(reversed(labels), reversed(eras["n_articles"].tolist()))],
                          fontsize=7)
    fig.suptitle("Era means of article tone (each article counts once); band: 95% interval from "
                 "resampling the era's articles, none for a one-article era", x=0.01, ha="left", fontsize=8)
    return fig


def _group_panel(ax, table, group):
    levels = list(table[group].cat.categories) if hasattr(table[group], "cat") else sorted(set(table[group]))
    levels = [lv for lv in levels if lv in set(table[group])]
    eras = list(table["era"].cat.categories)
    base = np.arange(len(levels))[::-1] * (len(eras) + 1)
    ticks = []
    for j, era in enumerate(eras):
        for i, level in enumerate(levels):
            row = table[(table["era"] == era) & (table[group] == level)]
            if row.empty:
                continue
            r = row.iloc[0]
            yi = base[i] + (len(eras) - 1 - j)
            few = r.n_sentences < MIN_SENTENCES
            ax.errorbar(r["tone"], yi, xerr=[[r["tone"] - r["tone_low"]], [r["tone_high"] - r["tone"]]], fmt="o",
                        color=era_colour(era), mfc="white" if few else era_colour(era), ms=5, capsize=2,
                        lw=1)
            ax.plot(r["hand_code_mean"], yi, marker="D", mfc="none", color="black", ms=5, ls="")
            ax.annotate(f"n={r.n_sentences}" + (" (too few)" if few else ""), (1.02, yi),
                        xycoords=("axes fraction", "data"), fontsize=6, va="center")
    for i, level in enumerate(levels):
        ticks.append((base[i] + (len(eras) - 1) / 2, level))
    ax.set_yticks([t for t, _ in ticks], [lv for _, lv in ticks])
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlim(-1.1, 1.1)
    ax.grid(axis="y", visible=False)


def plot_tone_by_target_and_voice(by_target: pd.DataFrame, by_voice: pd.DataFrame):
    """Tone per target and era (left) and per voice and era (right): lexicon mean with 95%
    interval (dots; hollow when fewer than MIN_SENTENCES sentences), hand-code mean (open
    diamonds), n per point; both tables from analysis.tone.tone_table."""
    fig, (left, right) = new_figure(1, 2, width=8.0, height=4.6, width_ratios=[1.25, 1])
    _group_panel(left, by_target, "target")
    _group_panel(right, by_voice, "voice")
    left.set_title(f"By target (n = {int(by_target['n_sentences'].sum())} sentence-target rows)",
                   loc="left")
    right.set_title(f"By voice (n = {int(by_voice['n_sentences'].sum())} sentence parts)", loc="left")
    for ax in (left, right):
        ax.set_xlabel("tone (lexicon dot with 95% interval; ◇ hand codes)")
    eras = list(by_target["era"].cat.categories)
    handles = [Line2D([], [], ls="", marker="o", color=era_colour(e), label=e) for e in eras]
    handles.append(Line2D([], [], ls="", marker="D", mfc="none", color="black", label="hand codes"))
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=7)
    return fig


def plot_raw_against_clean(effect: pd.DataFrame):
    """Each article's mean sentence tone scored on the raw scrape and on the clean text."""
    fig, ax = new_figure(width=7.0, height=2.8)
    y = np.arange(len(effect))[::-1]
    for yi, row in zip(y, effect.itertuples()):
        ax.plot([row.raw_tone, row.clean_tone], [yi, yi], color="#BBBBBB", lw=2, zorder=1)
        ax.scatter(row.raw_tone, yi, marker="o", facecolor="white", edgecolor=era_colour(row.era), zorder=2)
        ax.scatter(row.clean_tone, yi, marker="o", color=era_colour(row.era), zorder=3)
        revealed = len(row.only_in_clean.split(", ")) if row.only_in_clean else 0
        ax.annotate(f"{revealed} lexicon words revealed", (1.01, yi), xycoords=("axes fraction", "data"),
                    fontsize=7, va="center")
    ax.set_yticks(y, [f"{r.outlet} ({r.raw_sentences}→{r.clean_sentences} sentences)" for r in effect.itertuples()],
                  fontsize=7)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("mean sentence tone (VADER): ○ raw scrape, ● clean text")
    ax.set_title(f"How much cleaning moved each article's tone (n = {len(effect)} articles)", loc="left")
    return fig


def plot_scores_by_hand_code(coded: pd.DataFrame, columns=("polarity", "vader"), band: float = NEUTRAL_BAND):
    """Each lexicon's sentence scores against the reader's code, with the fixed neutral band."""
    fig, axes = new_figure(1, len(columns), width=7.0, height=3.0, sharey=True)
    codes = list(coded["code"].cat.categories)
    for k, (ax, column) in enumerate(zip(axes, columns)):
        for i, code in enumerate(codes):
            values = coded.loc[coded["code"] == code, column].to_numpy()
            ax.scatter(values, i + _jitter(len(values), 0.18, SEED + 10 * k + i), s=10, alpha=0.6,
                       color=["#C44E52", "#8C8C8C", "#55A868"][i], lw=0)
            ax.plot(np.median(values), i, marker="|", ms=16, mew=2, color="black")
        ax.axvspan(-band, band, color="#DDDDDD", alpha=0.6, lw=0)
        ax.set_xlim(-1.05, 1.05)
        ax.set_title(column, loc="left")
        ax.set_xlabel("score (grey band: neutral, |score| < %.2f)" % band)
    axes[0].set_yticks(range(len(codes)), [f"{c} (n={int((coded['code'] == c).sum())})" for c in codes])
    axes[0].set_ylabel("hand code")
    fig.suptitle(f"Lexicon scores of each hand-coded sentence (n = {len(coded)}; bar = median)",
                 x=0.01, ha="left", fontsize=10, fontweight="bold")
    return fig


def tone_overview(corpus: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> dict:
    """Every table notebook 01 reads, computed once: `sentences` (scored), `coded` (the
    sentences that carry a hand code, None without codes), `codes_complete` and `codes_source`,
    `articles` and `coded_articles` (article tone by lexicon and, where every sentence is
    coded, by hand codes), `eras` and `coded_eras` (era means with article-level intervals),
    `pairs` (article_pairs), `agreement` (None without codes), `targets` and `voice` (scored
    label_targets and score_voice rows) and their tone_table per era, `by_target`, `by_voice`."""
    units = sentences(corpus)
    scored = score_units(units)
    codes, complete, source = corpus_codes()
    coded = with_hand_codes(scored, codes, complete) if codes is not None else None
    with_codes = coded if complete else scored          # the table every later step reads
    articles = article_tone(scored, "tone", n_boot, seed)
    coded_articles = article_tone(coded, "code_value", n_boot, seed) if complete else None
    targets = score_units(label_targets(units))
    if complete:
        targets = with_hand_codes(targets, codes)
    voice = score_voice(units)
    return {
        "sentences": with_codes, "coded": coded, "codes_complete": complete, "codes_source": source,
        "articles": articles, "coded_articles": coded_articles,
        "eras": era_summary(articles.dropna(subset=["era"]), "mean", n_boot=n_boot),
        "coded_eras": (era_summary(coded_articles.dropna(subset=["era"]), "mean", n_boot=n_boot)
                       if complete else None),
        "pairs": article_pairs(articles.dropna(subset=["era"])),
        "agreement": agreement(coded) if coded is not None and len(coded) else None,
        "targets": targets, "by_target": tone_table(targets, ["era", "target"], n_boot, seed),
        "voice": voice, "by_voice": tone_table(voice, ["era", "voice"], n_boot, seed),
    }


# ---------------------------------------------------------------------------------------------
# Findings that are true of every article they name, and how they fare without each article

def ordering(articles: pd.DataFrame, value: str = "mean") -> dict:
    """Which era has the lowest and the highest mean article tone, and whether that holds
    article by article: every article of the lowest era below every article of the other eras
    (and likewise for the highest). `exceptions` names each article that breaks it."""
    table = articles.dropna(subset=["era", value])
    means = table.groupby("era", observed=True)[value].mean()
    if len(means) < 2:
        return {"low": None, "high": None, "exceptions": [], "holds": None, "means": means}
    low, high = means.idxmin(), means.idxmax()
    exceptions = []
    for era, side, worst in ((low, "low", table.loc[table["era"] == low, value].max()),
                             (high, "high", table.loc[table["era"] == high, value].min())):
        others = table[table["era"] != era]
        crossing = others[others[value] <= worst] if side == "low" else others[others[value] >= worst]
        for r in crossing.itertuples():
            exceptions.append({"doc_id": r.doc_id, "era": r.era, "value": getattr(r, value),
                               "crosses": era, "side": side})
    return {"low": low, "high": high, "exceptions": exceptions, "holds": not exceptions, "means": means}


def ordering_sentence(articles: pd.DataFrame, measure: str, value: str = "mean") -> str:
    """The ordering of eras by `measure`, said only as far as it is true of every article."""
    found = ordering(articles, value)
    if found["low"] is None:
        return f"{measure}: one era or none in this corpus, so no ordering of eras."
    means = found["means"]
    head = (f"{measure}: by era mean (each article once) the {found['low']} is the least positive "
            f"({means[found['low']]:+.2f}) and the {found['high']} the most ({means[found['high']]:+.2f})")
    if found["holds"]:
        return head + "; article by article this holds: every article of those eras lies beyond every other article."
    broken = "; ".join(
        f"{e['doc_id']} ({e['era']}, {e['value']:+.2f}) is {'below' if e['side'] == 'low' else 'above'} "
        f"an article of the {e['crosses']}" for e in found["exceptions"])
    return head + f", but not article by article: {broken}."


def era_findings(articles: pd.DataFrame, coded_articles: pd.DataFrame | None = None):
    """The era comparisons of notebook 01 as a function of a set of doc_ids (for
    stats.sensitivity): for each pair of consecutive eras, whether the later era's mean article
    tone is higher (None where an era has no article left), by lexicon and by hand codes; and
    whether articles of different eras differ more than articles of the same era (mean absolute
    difference of article pairs; None without both kinds of pair)."""
    eras = [e for e in articles["era"].cat.categories if (articles["era"] == e).any()] \
        if isinstance(articles["era"].dtype, pd.CategoricalDtype) else sorted(articles["era"].dropna().unique())
    measures = [("lexicon", articles)] + ([("hand codes", coded_articles)] if coded_articles is not None else [])

    def finding(docs: set) -> dict:
        out = {}
        for name, table in measures:
            kept = table[table["doc_id"].isin(docs)]
            means = kept.groupby("era", observed=True)["mean"].mean()
            steps = list(zip(eras[:-1], eras[1:])) + ([(eras[0], eras[-1])] if len(eras) > 2 else [])
            for a, b in steps:
                out[f"{b} warmer than {a} ({name})"] = (bool(means[b] > means[a])
                                                       if a in means.index and b in means.index else None)
            pairs = article_pairs(kept.dropna(subset=["era"]))
            same, other = pairs.loc[pairs["same_era"], "difference"].abs(), pairs.loc[~pairs["same_era"], "difference"].abs()
            out[f"articles of different eras differ more than articles of one era ({name})"] = (
                bool(other.mean() > same.mean()) if len(same) and len(other) else None)
        return out
    return finding


def era_sensitivity(corpus: pd.DataFrame, overview: dict):
    """stats.sensitivity of era_findings: all articles, each left out, wire news only."""
    articles = overview["articles"].dropna(subset=["era"])
    meta = articles[["doc_id"]].merge(corpus[["doc_id", "genre"]] if "genre" in corpus else
                                      corpus[["doc_id"]].assign(genre=""), on="doc_id", how="left")
    return sensitivity(meta, era_findings(articles, overview["coded_articles"]))


def era_means_without_each(articles: pd.DataFrame, value: str = "mean") -> pd.DataFrame:
    """Each era's mean article tone on all articles and with each article left out (a row per
    run; NaN where the era has no article left)."""
    table = articles.dropna(subset=["era"])
    eras = [str(e) for e in table["era"].unique()]
    runs = leave_one_out(table, lambda t: {e: t.loc[t["era"].astype(str) == e, value].mean() for e in eras})
    runs["dropped"] = runs["dropped"].replace("", "(none: all articles)")
    return runs.set_index("dropped")


def pair_summary(pairs: pd.DataFrame) -> pd.DataFrame:
    """Mean and largest absolute difference of article pairs, within one era and across eras."""
    if pairs.empty:
        return pd.DataFrame(columns=["pairs", "n", "mean_abs_difference", "max_abs_difference"])
    kind = np.where(pairs["same_era"], "same era", "different eras")
    return (pairs.assign(pairs=kind, abs_difference=pairs["difference"].abs())
            .groupby("pairs")["abs_difference"].agg(n="size", mean_abs_difference="mean", max_abs_difference="max")
            .reset_index())


def _extreme_target(by_target: pd.DataFrame, column: str, warmest: bool) -> dict[str, str]:
    """Per era, the target with the highest (or lowest) mean, among real targets with enough sentences."""
    usable = by_target[(by_target["note"] == "") & (by_target["target"] != NO_TARGET)].dropna(subset=[column])
    pick = "idxmax" if warmest else "idxmin"
    return {era: str(group.loc[getattr(group[column], pick)(), "target"])
            for era, group in usable.groupby("era", observed=True)}


def relationship_by_era(by_target: pd.DataFrame, target: str | None = None) -> pd.DataFrame:
    """Tone of the first target in the targets file (the relationship itself) by era."""
    target = target or target_order()[0]
    rows = by_target[by_target["target"] == target]
    return rows[["era", "n_articles", "n_sentences", "tone", "tone_low", "tone_high", "hand_code_mean", "note"]]


def voice_comparison(by_voice: pd.DataFrame, voice: pd.DataFrame) -> pd.DataFrame:
    """Per era, quoted against narrated tone (lexicon only: a hand code judges a whole
    sentence, not its parts), with the number of quoted parts and the articles they come from;
    `quoted_warmer` is None where an era has fewer than MIN_SENTENCES quoted parts."""
    rows = []
    for era in by_voice["era"].drop_duplicates():
        mine = by_voice[by_voice["era"] == era].set_index(by_voice.loc[by_voice["era"] == era, "voice"].astype(str))
        q = mine["tone"].get("quoted", np.nan)
        n = mine["tone"].get("narration", np.nan)
        n_quoted = int(mine["n_sentences"].get("quoted", 0))
        quoted = voice[(voice["era"] == era) & (voice["voice"] == "quoted")]
        bounds = [mine[c].get(v, np.nan) for v in ("quoted", "narration") for c in ("tone_low", "tone_high")]
        overlap = (None if any(pd.isna(bounds)) else bool(bounds[0] <= bounds[3] and bounds[2] <= bounds[1]))
        rows.append({"era": era, "quoted_parts": n_quoted, "quoted_articles": quoted["doc_id"].nunique(),
                     "quoted_tone": q, "narration_tone": n,
                     "quoted_warmer": (bool(q > n) if n_quoted >= MIN_SENTENCES and not pd.isna(n) else None),
                     "intervals_overlap": overlap})
    return pd.DataFrame(rows, columns=["era", "quoted_parts", "quoted_articles", "quoted_tone", "narration_tone",
                                       "quoted_warmer", "intervals_overlap"])


def key_numbers(overview: dict) -> dict:
    """The numbers notebook 01's answer and findings quote, computed from tone_overview."""
    articles, eras, coded_eras = overview["articles"], overview["eras"], overview["coded_eras"]
    checks = overview["agreement"]
    voice = voice_comparison(overview["by_voice"], overview["voice"])
    key = {
        "n_articles": len(articles), "n_sentences": int(articles["n_sentences"].sum()),
        "n_dated": int(articles["era"].notna().sum()),
        "eras": [str(e) for e in eras["era"]],
        "lexicon_by_era": dict(zip(eras["era"].astype(str), eras["mean"])),
        "hand_by_era": dict(zip(coded_eras["era"].astype(str), coded_eras["mean"])) if coded_eras is not None else {},
        "ordering_lexicon": ordering_sentence(articles, "Lexicon index"),
        "ordering_hand": (ordering_sentence(overview["coded_articles"], "Hand codes")
                          if overview["coded_articles"] is not None else ""),
        "pairs": pair_summary(overview["pairs"]),
        "warmest_target_lexicon": _extreme_target(overview["by_target"], "tone", True),
        "coldest_target_lexicon": _extreme_target(overview["by_target"], "tone", False),
        "warmest_target_hand": _extreme_target(overview["by_target"], "hand_code_mean", True),
        "coldest_target_hand": _extreme_target(overview["by_target"], "hand_code_mean", False),
        "voice": voice,
        "quote_eras": [str(e) for e in voice.loc[voice["quoted_warmer"].notna(), "era"]],
        "quotes_warmer_lexicon": [str(e) for e in voice.loc[voice["quoted_warmer"] == True, "era"]],  # noqa: E712
        "n_quoted_parts": int(voice["quoted_parts"].sum()),
        "codes_source": overview["codes_source"], "validated": checks is not None,
    }
    if checks is not None:
        codes = overview["coded"]["code"].astype(str)
        key.update({"accuracy": float(checks.loc["tone", "accuracy"]), "alpha": float(checks.loc["tone", "alpha"]),
                    "rho": float(checks.loc["tone", "rho"]), "n_coded": int(len(codes)),
                    "majority_accuracy": float(checks.loc["tone", "majority_accuracy"]),
                    "majority_code": codes.value_counts().index[0],
                    "best_lexicon_by_rho": checks.drop(index="tone")["rho"].idxmax()})
    return key


def band_position(accuracy: float) -> str:
    """Where an accuracy sits against the published dictionary band ('inside', 'just above', ...)."""
    low, high = PUBLISHED_DICTIONARY_ACCURACY
    where = "inside" if low <= accuracy <= high else ("above" if accuracy > high else "below")
    near_edge = min(abs(accuracy - low), abs(accuracy - high)) < 0.02
    return f"just {where}" if where != "inside" and near_edge else where


def _era_list(values: dict) -> str:
    return ", ".join(f"{v:+.2f} in the {era}" for era, v in values.items())


def validation_sentence(key: dict) -> str:
    """What the validation says, or that there is none for this corpus."""
    if not key["validated"]:
        return ("The lexicons are unvalidated on this corpus: no hand codes were given (draw a sample with "
                "`python3 make.py codesheet`, code it, and pass it back with `--codes`).")
    low, high = PUBLISHED_DICTIONARY_ACCURACY
    return (f"The lexicon agrees with the reader on {key['accuracy']:.3f} of {key['n_coded']} coded sentences "
            f"(Krippendorff's alpha {key['alpha']:.2f}, Spearman rho {key['rho']:.2f}), "
            f"{band_position(key['accuracy'])} the published band for dictionaries on news ({low:.2f}-{high:.2f}; "
            f"trained coders {PUBLISHED_CODER_ACCURACY:.2f}), and {key['accuracy'] - key['majority_accuracy']:+.3f} "
            f"against always answering '{key['majority_code']}' ({key['majority_accuracy']:.3f}).")


def sensitivity_sentence(sens) -> str:
    """Which era comparisons hold without any one article, and with wire news only."""
    if sens is None or sens.table.empty:
        return ""
    table = sens.table
    on_all = [f for f in table.index if table.loc[f, "all articles"] == "holds"]
    if not on_all:
        return "None of the era comparisons holds on all articles."
    robust = [f for f in on_all if table.loc[f, "holds up"]]
    fragile = {f: table.loc[f, "fails without"] for f in on_all if not table.loc[f, "holds up"]}
    unknown = {f: docs for f, docs in fragile.items() if "cannot be checked" in table.loc[f, "leave one article out"]}
    parts = [f"Of {len(on_all)} era comparison(s) that hold on all articles, {len(robust)} hold without any one article"
             + (f" ({'; '.join(robust)})" if robust else "")]
    if fragile:
        parts.append("these rest on single articles: " + "; ".join(
            f"{f} ({'cannot be checked' if f in unknown else 'fails'} without {', '.join(map(str, docs[:3]))})"
            for f, docs in fragile.items()))
    if sens.wire:
        wire = [f for f in on_all if table.loc[f, "wire holds"]]
        parts.append(f"with wire news only ({sens.wire_note}), {len(wire)} of them hold")
    else:
        parts.append(f"a wire-only check is {sens.wire_note}")
    return "; ".join(parts) + "."


def answer(key: dict, sens=None) -> str:
    """Notebook 01's opening paragraph, computed from key_numbers and era_sensitivity: every
    ordering it states is checked article by article, every comparison against dropping each
    article."""
    lines = [f"From {key['n_articles']} articles ({key['n_sentences']} sentences, {key['n_dated']} of them "
             f"dated into an era or year group)."]
    if len(key["eras"]) < 2:
        lines.append("This corpus has one era or none, so there is no comparison between eras; the article "
                     "table below still shows each article's tone.")
    else:
        lines.append(f"Mean article tone by the headline lexicon index (VADER), each article counted once: "
                     f"{_era_list(key['lexicon_by_era'])}"
                     + (f"; by a reader's hand codes (-1/0/+1): {_era_list(key['hand_by_era'])}." if key["hand_by_era"] else "."))
        lines.append(key["ordering_lexicon"])
        if key["ordering_hand"]:
            lines.append(key["ordering_hand"])
        pairs = key["pairs"].set_index("pairs") if len(key["pairs"]) else None
        if pairs is not None and {"same era", "different eras"} <= set(pairs.index):
            same, other = pairs.loc["same era"], pairs.loc["different eras"]
            lines.append(f"Comparing like with like (the difference between two articles), articles of different eras "
                         f"differ by {other['mean_abs_difference']:.2f} on average ({int(other['n'])} pairs) and "
                         f"articles of the same era by {same['mean_abs_difference']:.2f} ({int(same['n'])} pairs).")
        lines.append(sensitivity_sentence(sens))
    warm, cold = key["warmest_target_lexicon"], key["coldest_target_lexicon"]
    if warm:
        lines.append("Toward whom (lexicon, targets with enough sentences): warmest "
                     + "; ".join(f"{t} in the {e}" for e, t in warm.items()) + "; coldest "
                     + "; ".join(f"{t} in the {e}" for e, t in cold.items()) + ".")
    lines.append(f"Quoted words against narration (lexicon only; {key['n_quoted_parts']} quoted parts in all): "
                 f"quotes are warmer in {len(key['quotes_warmer_lexicon'])} of the {len(key['quote_eras'])} "
                 f"era(s) with at least {MIN_SENTENCES} quoted parts.")
    lines.append(validation_sentence(key))
    return " ".join(line for line in lines if line)

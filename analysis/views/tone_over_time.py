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
from ..tone import (MIN_SENTENCES, NEUTRAL_BAND, NO_TARGET, PUBLISHED_CODER_ACCURACY,
                    PUBLISHED_DICTIONARY_ACCURACY, agreement, article_tone, era_change, label_targets,
                    score_units, score_voice, tone_table, with_hand_codes)

SAME_DAY_OFFSET_DAYS = 150  # articles on the same day are spread this far apart on the date axis
HAND_CODE_LABEL = "hand codes (−1, 0, +1)"


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


def plot_tone_over_time(articles: pd.DataFrame, coded_articles: pd.DataFrame, scored: pd.DataFrame):
    """Article tone on a true date axis (top: headline lexicon index; bottom: hand codes),
    one point per article with its 95% bootstrap interval over sentences, marker per outlet,
    the sentences behind each point as a grey strip."""
    fig, axes = new_figure(2, 1, width=7.5, height=5.6, sharex=True)
    markers = outlet_markers(articles["outlet"])
    _article_panel(axes[0], articles, scored, "tone", markers, "lexicon tone (VADER)")
    _article_panel(axes[1], coded_articles, scored, "code_value", markers, HAND_CODE_LABEL, 0.06)
    n_docs, n_sent = len(articles), int(articles["n_sentences"].sum())
    axes[0].set_title(f"Article tone: mean of its sentences, 95% bootstrap interval "
                      f"({n_docs} articles, {n_sent} sentences)", loc="left")
    axes[1].set_title("The same articles as hand-coded by a reader", loc="left")
    handles = [Line2D([], [], ls="", marker=markers[o], color="#555555",
                      label=f"{o} ({int(articles.loc[articles['outlet'] == o, 'n_sentences'].sum())} sentences)")
               for o in articles["outlet"]]
    handles.append(Line2D([], [], ls="", marker="o", ms=3, color="#8C8C8C", label="one sentence"))
    axes[0].legend(handles=handles, loc="lower left", fontsize=7, ncol=2)
    axes[1].set_xlabel(f"event date (articles on the same day are set {SAME_DAY_OFFSET_DAYS} days "
                       "apart so they can be seen)")
    return fig


def plot_era_against_outlets(articles: pd.DataFrame, change: pd.DataFrame, coded_change: pd.DataFrame):
    """Left: each article's tone with its interval, grouped by era, era means as bars.
    Right: size of the change between eras beside the spread between outlets within 2024,
    for the lexicon index and for the hand codes."""
    fig, (left, right) = new_figure(1, 2, width=7.5, height=3.4, width_ratios=[1.2, 1])
    markers = outlet_markers(articles["outlet"])
    y = np.arange(len(articles))[::-1]
    for yi, doc in zip(y, articles.itertuples()):
        left.errorbar(doc.mean, yi, xerr=[[doc.mean - doc.low], [doc.high - doc.mean]],
                      fmt=markers[doc.outlet], color=era_colour(doc.era), capsize=3, ms=6)
    for era, group in articles.groupby("era", observed=True):
        rows = y[articles.index.get_indexer(group.index)]
        left.vlines(group["mean"].mean(), rows.min() - 0.4, rows.max() + 0.4, color=era_colour(era),
                    lw=2, alpha=0.5)
    left.set_yticks(y, [f"{d.outlet}\n{d.era} (n={d.n_sentences})" for d in articles.itertuples()],
                    fontsize=7)
    left.axvline(0, color="black", lw=0.6)
    left.set_xlabel("lexicon tone (VADER), 95% interval")
    left.set_title(f"Article tone ({len(articles)} articles, {int(articles['n_sentences'].sum())} "
                   "sentences); bar: era mean", loc="left", fontsize=9)
    both = pd.concat([change.assign(measure="lexicon"), coded_change.assign(measure="hand codes")])
    labels = list(dict.fromkeys(both["comparison"]))
    ypos = np.arange(len(labels))[::-1]
    for shift, (measure, group) in zip((0.18, -0.18), both.groupby("measure", sort=False)):
        rows = ypos[[labels.index(c) for c in group["comparison"]]]
        colours = ["#C44E52" if k.startswith("spread") else "#4C72B0" for k in group["kind"]]
        right.barh(rows + shift, group["difference"].abs(), height=0.34, color=colours,
                   alpha=1.0 if measure == "lexicon" else 0.45, label=measure)
    right.set_yticks(ypos, [_years(c) for c in labels], fontsize=7)
    right.set_xlabel("absolute difference in mean tone\n(dark: lexicon, light: hand codes)")
    right.set_title("Eras (blue) vs outlets (red)", loc="left")
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


def tone_overview(corpus: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every table notebook 01 reads, computed once: `sentences` (scored, with hand codes),
    `articles` and `coded_articles` (article tone by lexicon and by hand codes), `change` and
    `coded_change` (era_change of each), `agreement`, `targets` and `voice` (scored
    label_targets and score_voice rows) and their tone_table per era, `by_target`, `by_voice`."""
    units = sentences(corpus)
    scored = with_hand_codes(score_units(units))
    articles = article_tone(scored, "tone", n_boot, seed)
    coded_articles = article_tone(scored, "code_value", n_boot, seed)
    targets = with_hand_codes(score_units(label_targets(units)))
    voice = score_voice(units)
    return {
        "sentences": scored, "articles": articles, "coded_articles": coded_articles,
        "change": era_change(articles), "coded_change": era_change(coded_articles),
        "agreement": agreement(scored),
        "targets": targets, "by_target": tone_table(targets, ["era", "target"], n_boot, seed),
        "voice": voice, "by_voice": tone_table(voice, ["era", "voice"], n_boot, seed),
    }


def _extreme_target(by_target: pd.DataFrame, column: str, warmest: bool) -> dict[str, str]:
    """Per era, the target with the highest (or lowest) mean, among real targets with enough sentences."""
    usable = by_target[(by_target["note"] == "") & (by_target["target"] != NO_TARGET)]
    pick = "idxmax" if warmest else "idxmin"
    return {era: str(group.loc[getattr(group[column], pick)(), "target"])
            for era, group in usable.groupby("era", observed=True)}


def key_numbers(overview: dict[str, pd.DataFrame]) -> dict:
    """The numbers notebook 01's answer and findings quote, computed from tone_overview."""
    articles, coded = overview["articles"], overview["coded_articles"]
    change, coded_change = overview["change"], overview["coded_change"]
    checks = overview["agreement"]
    codes = overview["sentences"]["code"].astype(str)
    voice = overview["by_voice"]
    wide = voice.pivot(index="era", columns="voice", values=["tone", "hand_code_mean", "n_sentences"])
    enough = wide["n_sentences"]["quoted"] >= MIN_SENTENCES
    between = change["kind"] == "change between eras"
    largest = change.loc[between, "difference"].abs().idxmax()
    return {
        "n_articles": len(articles), "n_sentences": int(articles["n_sentences"].sum()),
        "eras": list(articles["era"].cat.categories),
        "lexicon_by_era": articles.groupby("era", observed=True)["mean"].mean().to_dict(),
        "hand_by_era": coded.groupby("era", observed=True)["mean"].mean().to_dict(),
        "n_last_era": int((articles["era"] == articles["era"].cat.categories[-1]).sum()),
        "largest_change_pair": change.loc[largest, "comparison"],
        "largest_change_lexicon": float(change.loc[between, "difference"].abs().max()),
        "largest_change_hand": float(coded_change.loc[between, "difference"].abs().max()),
        "outlet_spread_lexicon": float(change.loc[~between, "difference"].item()),
        "outlet_spread_hand": float(coded_change.loc[~between, "difference"].item()),
        "warmest_target_hand": _extreme_target(overview["by_target"], "hand_code_mean", True),
        "coldest_target_hand": _extreme_target(overview["by_target"], "hand_code_mean", False),
        "warmest_target_lexicon": _extreme_target(overview["by_target"], "tone", True),
        "coldest_target_lexicon": _extreme_target(overview["by_target"], "tone", False),
        "quote_eras": [str(e) for e in wide.index[enough]],
        "quotes_warmer_lexicon": [str(e) for e in wide.index[enough]
                                  if wide.loc[e, ("tone", "quoted")] > wide.loc[e, ("tone", "narration")]],
        "quotes_warmer_hand": [str(e) for e in wide.index[enough]
                               if wide.loc[e, ("hand_code_mean", "quoted")] > wide.loc[e, ("hand_code_mean", "narration")]],
        "accuracy": float(checks.loc["tone", "accuracy"]), "alpha": float(checks.loc["tone", "alpha"]),
        "rho": float(checks.loc["tone", "rho"]),
        "majority_accuracy": float(checks.loc["tone", "majority_accuracy"]),
        "majority_code": codes.value_counts().index[0],
        "best_lexicon_by_rho": checks.drop(index="tone")["rho"].idxmax(),
    }


def band_position(accuracy: float) -> str:
    """Where an accuracy sits against the published dictionary band ('inside', 'just above', ...)."""
    low, high = PUBLISHED_DICTIONARY_ACCURACY
    where = "inside" if low <= accuracy <= high else ("above" if accuracy > high else "below")
    near_edge = min(abs(accuracy - low), abs(accuracy - high)) < 0.02
    return f"just {where}" if where != "inside" and near_edge else where


def answer(key: dict) -> str:
    """Notebook 01's opening paragraph, computed from key_numbers."""
    lex, hand = key["lexicon_by_era"], key["hand_by_era"]
    first, middle, last = key["eras"]
    wider = "smaller" if key["largest_change_lexicon"] < key["outlet_spread_lexicon"] else "larger"
    low, high = PUBLISHED_DICTIONARY_ACCURACY
    warm, cold = set(key["warmest_target_hand"].values()), set(key["coldest_target_hand"].values())
    return (
        f"From {key['n_articles']} articles ({key['n_sentences']} sentences): by the headline lexicon index "
        f"(VADER) mean article tone was {lex[first]:+.2f} in the {first}, {lex[middle]:+.2f} in the {middle} and "
        f"{lex[last]:+.2f} across the {key['n_last_era']} articles of the {last}; a reader's hand codes (-1/0/+1) "
        f"give {hand[first]:+.2f}, {hand[middle]:+.2f} and {hand[last]:+.2f}. The largest change between eras "
        f"({key['largest_change_lexicon']:.2f} lexicon, {key['largest_change_hand']:.2f} hand codes) is {wider} "
        f"than the spread between the {key['n_last_era']} outlets that reported the same 2024 visit "
        f"({key['outlet_spread_lexicon']:.2f}, {key['outlet_spread_hand']:.2f}), so these articles cannot tell a "
        f"change of era from a difference of outlet. Toward whom: by the hand codes the warmest target in "
        f"{'every era' if len(warm) == 1 else 'the eras'} is {' / '.join(sorted(warm))} and the coldest "
        f"{' / '.join(sorted(cold))}. Quoted words are warmer than narration in "
        f"{len(key['quotes_warmer_hand'])} of the {len(key['quote_eras'])} eras with enough quotes (hand codes; "
        f"lexicon {len(key['quotes_warmer_lexicon'])} of {len(key['quote_eras'])}). The lexicon agrees with the "
        f"reader on {key['accuracy']:.3f} of sentences (Krippendorff's alpha {key['alpha']:.2f}, Spearman rho "
        f"{key['rho']:.2f}), {band_position(key['accuracy'])} the published band for dictionaries on news "
        f"({low:.2f}-{high:.2f}; trained coders {PUBLISHED_CODER_ACCURACY:.2f}), and only "
        f"{key['accuracy'] - key['majority_accuracy']:.3f} above always answering '{key['majority_code']}' "
        f"({key['majority_accuracy']:.3f})."
    )

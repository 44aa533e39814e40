"""Tables and figures for notebook 03 (trade figures), all built from `quantity_table`.

Nothing here names an article: figures are selected by measure, unit and period, so a new
article in seeds/ with new figures flows into every table and chart.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..growth import (constant_dollars, cpi_u, growth_between, per_day)
from .. import official
from ..plotting import era_colour, new_figure, shade_eras

LABEL_GAP_YEARS = 4                     # turnover labels closer than this many years are stacked
BASE_YEAR = 2024                       # constant dollars are expressed in this year's prices
ANNUAL_IF_UNSTATED = "year"            # production figures with no 'per' are read as annual
BOUND_SIGNS = {"at_least": "≥ ", "at_most": "≤ ", "approx": "≈ ", "range": "", "exact": "",
               "projected": ""}
THEME_ORDER = ["trade", "energy", "transit", "economy", "conflict", "security", "politics", "diplomacy"]
SCAN_COLUMNS = ["doc_id", "era", "span", "reads", "measure", "period", "qualifier", "sentence"]


READINGS = {
    "neither": "Each figure is a bound and they pull the ratio in opposite directions (a floor on "
               "the later year raises it, a floor on the earlier year lowers it), so the ratio is "
               "neither a floor nor a ceiling on the true growth: it is only the growth between the "
               "stated figures.",
    "at least": "The true growth is at least this.",
    "at most": "The true growth is at most this.",
    "approximate": "Both figures are approximate, so is the growth.",
    "exact": "Both figures are stated exactly.",
}


def _short(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _money(value: float) -> str:
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"${_short(value / size)}{word}"
    return f"${value:,.0f}"


def reads_as(row) -> str:
    """A figure as a reader would say it: '≥ $1.5bn', '≈ 35,000 (count)', '476m barrels',
    '14 mGy (unit not in the tables)', '2,700 kilometres (ambiguous: 2.7 to 2,700)'."""
    unit, value = row.unit, row.value
    suffix = {"count": "", "times": "×", "percent": "%"}.get(unit, f" {unit}")
    if unit == "unknown":
        suffix = f" {getattr(row, 'unit_word', '')} (unit not in the tables)"
    show = _money if unit in {"USD"} else (
        lambda v: f"{_short(v / 1e6)}m" if v >= 1e6 else f"{v:,.6g}")
    if row.qualifier == "range":
        text = f"{show(row.low)}-{show(row.high)}"
    else:
        text = show(value)
    text += "" if unit == "USD" else suffix
    per = f" per {row.per}" if row.per else ""
    projected = " (projected)" if row.projected else ""
    ambiguous = (f" (ambiguous: {show(row.low)} to {show(row.high)})"
                 if getattr(row, "ambiguous", False) and row.qualifier != "range" else "")
    return f"{BOUND_SIGNS.get(row.qualifier, '')}{text}{per}{projected}{ambiguous}"


FLAGS = {"ambiguous": "ambiguous separator (low/high hold both readings)",
         "unknown": "unit not in the tables (unit_word holds the word)",
         "per": "a rate (per holds what it is per)"}


def flagged_figures(quantities: pd.DataFrame) -> pd.DataFrame:
    """One row per figure and flag it carries: an ambiguous separator, an unknown unit, or a
    rate; with how it reads and its sentence, so each can be checked by hand."""
    masks = {"ambiguous": quantities["ambiguous"].astype(bool), "unknown": quantities["unit"] == "unknown",
             "per": quantities["per"] != ""}
    parts = [quantities[mask].assign(flag=flag) for flag, mask in masks.items()]
    rows = pd.concat(parts) if parts else quantities.iloc[:0].assign(flag="")
    rows = rows.assign(reads=[reads_as(r) for r in rows.itertuples()])
    return rows[["flag", "doc_id", "span", "reads", "unit_word", "per", "low", "high", "sentence"]].reset_index(drop=True)


def flag_counts(quantities: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """How many figures carry each flag, out of all figures."""
    counts = flagged["flag"].value_counts().reindex(list(FLAGS), fill_value=0)
    return pd.DataFrame({"flag": list(FLAGS), "means": list(FLAGS.values()), "figures": counts.to_numpy(),
                         "of all figures": len(quantities)})


def scan_table(quantities: pd.DataFrame) -> pd.DataFrame:
    """Every figure with how it reads, what it measures, its period and its sentence."""
    table = quantities.assign(reads=[reads_as(r) for r in quantities.itertuples()])
    return table[SCAN_COLUMNS]


# ---------------------------------------------------------------------------------------------
# Levels of one measure by year, nominal and constant dollars


def levels(quantities: pd.DataFrame, measure: str = "trade turnover", unit: str = "USD",
           base_year: int = BASE_YEAR) -> pd.DataFrame:
    """One row per reported (not projected) figure of `measure` in `unit` that refers to one
    whole calendar year (not part of one: 'the first half of 2024' is not annual turnover),
    oldest first, with its value in constant `base_year` dollars (CPI-U)."""
    rows = quantities[(quantities["measure"] == measure) & (quantities["unit"] == unit)
                      & ~quantities["projected"] & whole_single_year(quantities)].copy()
    rows["year"] = rows["period_start_year"].astype(int)
    rows = rows.sort_values(["year", "event_date", "doc_id"], kind="stable")
    rows["bound"] = rows["qualifier"].map({"at_least": "at least", "at_most": "at most",
                                          "approx": "about", "range": "range"}).fillna("stated")
    if unit == "USD":
        cpi = cpi_u()
        for year in rows["year"]:
            constant_dollars(1.0, year, base_year)          # a missing CPI year stops here, named
        rows["cpi_u"] = rows["year"].map(cpi)
        rows[f"constant_{base_year}"] = constant_dollars(rows["value"], rows["year"], base_year)
    return rows.reset_index(drop=True)


def whole_single_year(quantities: pd.DataFrame) -> pd.Series:
    """True where a figure's period is exactly one calendar year (1 January to 31 December)."""
    start, end = quantities["period_start"], quantities["period_end"]
    return (start.notna() & (quantities["period_start_year"] == quantities["period_end_year"])
            & (start.dt.month == 1) & (start.dt.day == 1) & (end.dt.month == 12) & (end.dt.day == 31)).fillna(False)


def levels_display(level_rows: pd.DataFrame, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """The levels table for reading: billions of dollars, rounded."""
    return pd.DataFrame({
        "year": level_rows["year"], "outlet": level_rows["outlet"], "span": level_rows["span"],
        "bound": level_rows["bound"], "nominal $bn": (level_rows["value"] / 1e9).round(3),
        "CPI-U": level_rows["cpi_u"],
        f"{base_year} $bn": (level_rows[f"constant_{base_year}"] / 1e9).round(3),
        "doc_id": level_rows["doc_id"]})


def growth_display(growth: pd.DataFrame) -> pd.DataFrame:
    """The growth table for reading: billions, multiple and annual rate rounded."""
    return pd.DataFrame({
        "from": growth["start_year"], "$bn then": (growth["start"] / 1e9).round(3),
        "to": growth["end_year"], "$bn later": (growth["end"] / 1e9).round(3),
        "years": growth["years"], "multiple": growth["multiple"].round(3),
        "annual rate %": (100 * growth["annual_rate"]).round(2), "reading": growth["reading"]})


def claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    """The guaranteed-claims table for reading: billions and percent, rounded."""
    return pd.DataFrame({
        "holds unless the first-year value exceeded ($bn)": (claims.iloc[:, 0] / 1e9).round(3),
        "above the stated first-year figure by (%)": (100 * claims.iloc[:, 1]).round(1)})


def _representative(rows: pd.DataFrame) -> pd.Series:
    """The figure used for one year when several articles state it: a stated value first,
    else the highest floor, else the lowest ceiling."""
    stated = rows[rows["qualifier"].isin(["exact", "projected", "approx", "range"])]
    if len(stated):
        return stated.iloc[0]
    floors = rows[rows["qualifier"] == "at_least"]
    if len(floors):
        return floors.loc[floors["value"].idxmax()]
    return rows.loc[rows["value"].idxmin()]


def first_and_last(level_rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The figures for the earliest and the latest year (one per year)."""
    years = sorted(level_rows["year"].unique())
    if len(years) < 2:
        raise ValueError(f"growth needs figures for two different years; found {years}")
    pick = lambda y: _representative(level_rows[level_rows["year"] == y])   # noqa: E731
    return pick(years[0]), pick(years[-1])


def growth_table(level_rows: pd.DataFrame, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """Growth from the earliest to the latest year, in nominal and constant dollars:
    multiple, compound annual rate and what the pair of figures allows ('reading')."""
    first, last = first_and_last(level_rows)
    rows = []
    for prices, column in (("nominal", "value"), (f"constant {base_year} dollars", f"constant_{base_year}")):
        g = growth_between(first[column], first["year"], first["qualifier"],
                           last[column], last["year"], last["qualifier"])
        rows.append({"prices": prices, "start": first[column], "end": last[column], **g})
    return pd.DataFrame(rows).set_index("prices")


def guaranteed_claims(level_rows: pd.DataFrame, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """What the bounds do guarantee: for 'real growth' and 'nominal doubling', the largest
    first-year value for which the claim follows from the latest figure's floor."""
    first, last = first_and_last(level_rows)
    if last["qualifier"] not in {"at_least", "exact", "projected"}:
        return pd.DataFrame(columns=["claim", "holds unless the first-year value exceeded",
                                     "above the stated first-year figure by"])
    real_break_even = constant_dollars(last["value"], last["year"], first["year"])
    claims = [("real growth (constant dollars)", real_break_even),
              ("nominal turnover at least doubled", last["value"] / 2)]
    return pd.DataFrame([{"claim": claim, "holds unless the first-year value exceeded": limit,
                          "above the stated first-year figure by": limit / first["value"] - 1}
                         for claim, limit in claims]).set_index("claim")


def period_years(label: str) -> tuple[int, int]:
    """First and last year of a period label: '2007-2010', '2006', '2024-01/2024-06', '2023-09'."""
    years = [int(y) for y in re.findall(r"\d{4}", label)]
    return years[0], years[-1]


def _year_date(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=int(year), month=7, day=1)


def plot_levels(level_rows: pd.DataFrame, base_year: int = BASE_YEAR, title: str = "Trade turnover"):
    """Each figure at its year, nominal and in constant dollars; floors drawn as upward arrows."""
    fig, ax = new_figure(height=3.6)
    shade_eras(ax)
    constant = f"constant_{base_year}"
    styles = {"value": ("nominal dollars", "o", "#4C72B0", -55),
              constant: (f"constant {base_year} dollars (CPI-U)", "D", "#C44E52", 55)}
    top = level_rows[[c for c in styles]].to_numpy().max() / 1e9
    for column, (label, marker, colour, shift) in styles.items():
        x = [_year_date(y) + pd.Timedelta(days=shift) for y in level_rows["year"]]
        y = level_rows[column] / 1e9
        ax.scatter(x, y, marker=marker, color=colour, s=36, zorder=3, label=label)
        for xi, yi, row in zip(x, y, level_rows.itertuples()):
            if row.qualifier == "at_least":
                ax.annotate("", xy=(xi, yi + 0.22 * top), xytext=(xi, yi),
                            arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.2))
            elif row.qualifier == "at_most":
                ax.annotate("", xy=(xi, max(yi - 0.22 * top, 0)), xytext=(xi, yi),
                            arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.2))
            sign = BOUND_SIGNS.get(row.qualifier, "")
            ax.annotate(f"{sign}${yi:.2f}bn", (xi, yi), xytext=(-4 if shift < 0 else 4, -10),
                        textcoords="offset points", ha="right" if shift < 0 else "left", fontsize=7,
                        color=colour)
    level, previous = 0, None
    for row in level_rows.drop_duplicates("year").sort_values("year").itertuples():
        # labels of years close together are stacked, so they never print over each other
        level = level + 1 if previous is not None and row.year - previous < LABEL_GAP_YEARS else 0
        previous = row.year
        ax.annotate(f"{row.outlet}\n'{row.span}'", (_year_date(row.year), 0),
                    xytext=(0, 4 + 20 * level), textcoords="offset points", ha="center", fontsize=6.5, color="0.3")
    ax.set_ylim(0, top * 1.35)
    ax.set_xlim(pd.Timestamp("1999-06-01"), pd.Timestamp("2027-06-01"))
    ax.set_ylabel("billion US dollars")
    n_docs = level_rows["doc_id"].nunique()
    ax.set_title(f"{title}: {len(level_rows)} stated figures, {n_docs} articles")
    ax.plot([], [], marker=r"$\uparrow$", ls="", color="0.3", markersize=9,
            label="stated as a floor: the true value is at or above the point")
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.93), fontsize=7)
    return fig


# ---------------------------------------------------------------------------------------------
# Projections: a starting level and a projected level over a stated range of years


def base_year_of(start: pd.Series, first_year: int, per: str) -> tuple[int, str]:
    """The year a projection's starting level describes. An annual total stated as the level
    now ("from 237 million barrels") in an article of year Y describes the last year that is
    over, Y - 1: a year's total is not known before it ends. A level with a year of its own, or
    a per-day rate, keeps the period's first year."""
    published = pd.Timestamp(start["published"]) if pd.notna(start.get("published")) else None
    if per == "year" and published is not None and published.year == first_year:
        return first_year - 1, f"last full year before publication ({first_year - 1}): an annual total is known only once the year is over"
    return first_year, "the period's first year"


def projections(quantities: pd.DataFrame, measure: str = "oil production", unit: str = "barrels") -> pd.DataFrame:
    """Pairs of figures in one sentence: the current level and the projected level at the end
    of the stated period (spanning at least two calendar years), per day (annual if
    unstated), with the implied growth."""
    rows = quantities[(quantities["measure"] == measure) & (quantities["unit"] == unit)
                      & quantities["period_start_year"].notna()]
    pairs = []
    for (doc_id, sentence), group in rows.groupby(["doc_id", "sentence"], sort=False):
        now, later = group[~group["projected"]], group[group["projected"]]
        if now.empty or later.empty:
            continue
        start, end = now.iloc[0], later.iloc[-1]
        first_year, last_year = int(end["period_start_year"]), int(end["period_end_year"])
        if last_year <= first_year:
            continue                 # no horizon of whole years to compound over ('this year')
        per = start["per"] or ANNUAL_IF_UNSTATED
        base_year, base_note = base_year_of(start, first_year, per)
        g = growth_between(start["value"], base_year, start["qualifier"], end["value"], last_year,
                           end["qualifier"])
        pairs.append({"doc_id": doc_id, "outlet": start["outlet"], "period": end["period"],
                      "base_year": base_year, "end_year": last_year, "base_note": base_note,
                      "start": start["value"], "end": end["value"], "per": per,
                      "stated_per": start["per"] or "(not stated)",
                      "start_per_day": per_day(start["value"], per), "end_per_day": per_day(end["value"], per),
                      "years": g["years"], "multiple": g["multiple"], "annual_rate": g["annual_rate"],
                      "sentence": sentence})
    return pd.DataFrame(pairs, columns=PROJECTION_COLUMNS)


PROJECTION_COLUMNS = ["doc_id", "outlet", "period", "base_year", "end_year", "base_note", "start", "end", "per",
                      "stated_per", "start_per_day", "end_per_day", "years", "multiple", "annual_rate", "sentence"]


def plot_projections(pairs: pd.DataFrame, unit: str = "barrels", title: str = "Azerbaijan's oil production",
                     realised: pd.DataFrame | None = None):
    """Start (at its base year) and projected level of each pair, the realised output path
    beside them (official_oil, thousand barrels a day, restated per year); right axis in the
    same flow per day."""
    fig, ax = new_figure(width=6.0, height=3.4)
    per_label = pairs["per"].iloc[0] if len(pairs) else "year"
    if realised is not None and len(realised):
        scale = 365 / 1000 if per_label == "year" else 1 / 1000          # thousand b/d -> million per year or day
        ax.plot([_year_date(y) for y in realised["year"]], realised["value"] * scale, color="#55A868",
                marker="o", ms=3, lw=1.2, label="realised output (official series)")
    for row in pairs.itertuples():
        x = [_year_date(row.base_year), _year_date(row.end_year)]
        y = [row.start / 1e6, row.end / 1e6]
        ax.plot(x, y, ls="--", color="0.5", lw=1)
        ax.scatter(x[:1], y[:1], color="#4C72B0", s=40, zorder=3, label="stated level")
        ax.scatter(x[1:], y[1:], facecolor="white", edgecolor="#4C72B0", s=40, zorder=3,
                   label="projected level")
        for xi, yi, when in zip(x, y, (f"in {row.base_year}", f"projected for {row.end_year}")):
            ax.annotate(f"{yi:,.0f}m {unit} ({when})", (xi, yi), xytext=(6, -3),
                        textcoords="offset points", fontsize=7)
        ax.annotate(f"{row.multiple:.2f}× in {row.years} years = {row.annual_rate:.1%} a year",
                    (x[0] + (x[1] - x[0]) / 2, sum(y) / 2), xytext=(-8, 10),
                    textcoords="offset points", ha="right", fontsize=7)
    per = pairs["per"].iloc[0] if len(pairs) else "year"
    days = 1 if per == "day" else 365
    right = ax.secondary_yaxis("right", functions=(lambda v: v * 1e6 / days / 1e6,
                                                   lambda v: v * 1e6 * days / 1e6))
    right.set_ylabel(f"million {unit} per day")
    ax.set_ylabel(f"million {unit} per {per}" + (" (read as annual)" if per == ANNUAL_IF_UNSTATED else ""))
    top = max([pairs["end"].max() / 1e6 if len(pairs) else 0]
              + ([realised["value"].max() * 365 / 1000] if realised is not None and len(realised) else []) + [1])
    ax.set_ylim(0, top * 1.25)
    years = ([_year_date(y) for r in pairs.itertuples() for y in (r.base_year, r.end_year)]
             + ([_year_date(y) for y in realised["year"]] if realised is not None else []))
    if years:
        ax.set_xlim(min(years) - pd.Timedelta(days=300), max(years) + pd.Timedelta(days=900))
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper left", fontsize=7)
    n_docs = pairs["doc_id"].nunique() if len(pairs) else 0
    ax.set_title(f"{title}: {len(pairs)} projection{'s' * (len(pairs) != 1)}, "
                 f"{n_docs} article{'s' * (n_docs != 1)}")
    return fig


# ---------------------------------------------------------------------------------------------
# What the figures are about, by era


def figures_by_theme(quantities: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Sentences that state at least one figure of a theme (rows), by era (columns), with the
    number of articles per era; a sentence with three energy figures counts once, so a single
    figure-dense sentence cannot make a theme look prominent. No measure: 'unclear'."""
    themes = quantities["theme"].replace("", "unclear")
    order = [t for t in THEME_ORDER if t in set(themes)] + sorted(set(themes) - set(THEME_ORDER) - {"unclear"})
    order += ["unclear"] if "unclear" in set(themes) else []
    eras = corpus["era"].cat.categories
    sentences = (quantities.assign(theme=themes)[["doc_id", "sentence", "theme", "era"]]
                 .drop_duplicates(["doc_id", "sentence", "theme"]))
    counts = pd.crosstab(pd.Categorical(sentences["theme"], categories=order),
                         pd.Categorical(sentences["era"].astype(str), categories=eras), dropna=False)
    counts.index.name, counts.columns.name = "theme (sentences with a figure)", "era"
    counts.loc["articles"] = corpus.groupby("era", observed=False).size().reindex(eras).to_numpy()
    return counts


def plot_figures_by_theme(counts: pd.DataFrame):
    """A grid: how many figures each era's articles give on each theme."""
    grid = counts.drop(index="articles")
    fig, ax = new_figure(width=6.0, height=0.32 * len(grid) + 1.4)
    values = grid.to_numpy()
    for (i, j), n in np.ndenumerate(values):
        if n:
            ax.scatter(j, i, s=110 * n, color=era_colour(grid.columns[j]), alpha=0.6, lw=0)
            ax.text(j, i, str(n), ha="center", va="center", fontsize=8)
    n_articles = {era: int(counts.loc["articles", era]) for era in grid.columns}
    labels = [f"{era}\n(n = {n} article{'' if n == 1 else 's'})" for era, n in n_articles.items()]
    ax.set_xticks(range(grid.shape[1]), labels)
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.set_xlim(-0.6, grid.shape[1] - 0.4)
    ax.set_ylim(grid.shape[0] - 0.5, -0.5)
    ax.grid(False)
    ax.set_title(f"Sentences stating a figure, by theme and era (a sentence counts once per theme)",
                 loc="left", fontsize=9)
    return fig


def theme_figures(quantities: pd.DataFrame, themes=("energy", "transit", "trade")) -> pd.DataFrame:
    """The figures of the given themes, oldest first, as a reader would say them."""
    rows = quantities[quantities["theme"].isin(themes)]
    table = rows.assign(reads=[reads_as(r) for r in rows.itertuples()])
    return table[["era", "doc_id", "theme", "measure", "reads", "period", "span"]].reset_index(drop=True)


def transit_beside_energy(counts: pd.DataFrame) -> list[str]:
    """Which eras carry sentences with energy figures and which with transit figures. Nothing
    is divided across kinds: a one-off investment (a stock) is not a share of a year's trade
    (a flow), and freight capacity is not comparable with a forecast of oil output."""
    eras_with = {t: [e for e, n in counts.loc[t].items() if n] if t in counts.index else []
                 for t in ("energy", "transit")}
    lines = [f"Sentences with energy figures appear in: {', '.join(eras_with['energy']) or 'no era'}; "
             f"with transit figures in: {', '.join(eras_with['transit']) or 'no era'}."]
    overlap = set(eras_with["energy"]) & set(eras_with["transit"])
    lines.append("No era has both kinds of figure." if not overlap
                 else f"Both kinds appear in: {', '.join(sorted(overlap))}.")
    return lines


# ---------------------------------------------------------------------------------------------
# The opening answer


def summary(quantities: pd.DataFrame, corpus: pd.DataFrame, base_year: int = BASE_YEAR) -> str:
    """The notebook's one-paragraph answer, computed."""
    per_era = quantities.groupby("era", observed=False).size()
    parts = [f"The {len(corpus)} articles state {len(quantities)} figures ("
             + "; ".join(f"{era}: {n}" for era, n in per_era.items()) + ")."]
    trade = levels(quantities, base_year=base_year)
    if trade["year"].nunique() >= 2:
        first, last = first_and_last(trade)
        growth = growth_table(trade, base_year)
        nominal, real = growth.iloc[0], growth.iloc[1]
        claims = guaranteed_claims(trade, base_year)
        years = sorted(trade["year"].unique())
        parts.append(
            f"Bilateral trade turnover is stated for {len(years)} years ({', '.join(map(str, years))}); "
            f"the earliest is {first['year']} ({first['bound']} "
            f"{_money(first['value'])}, {first['outlet']}), the latest {last['year']} ({last['bound']} "
            f"{_money(last['value'])}, {last['outlet']}); in constant {base_year} dollars "
            f"{_money(first[f'constant_{base_year}'])} and {_money(last[f'constant_{base_year}'])}. "
            f"The later figure is {nominal['multiple']:.2f}× the earlier in nominal terms and "
            f"{real['multiple']:.2f}× in real terms ({nominal['annual_rate']:.1%} and "
            f"{real['annual_rate']:.1%} a year over {nominal['years']} years). "
            + READINGS[nominal["reading"]])
        if len(claims) and (claims.iloc[:, 1] <= 0).any():
            parts.append(f"The figures guarantee no growth: the {first['year']} figure is already above what "
                         f"real growth to the {last['year']} figure would allow.")
        elif len(claims):
            real_claim, double_claim = claims.iloc[0], claims.iloc[1]
            parts.append(
                f"What the figures do guarantee: real turnover grew unless {first['year']} turnover "
                f"exceeded {_money(real_claim.iloc[0])} ({real_claim.iloc[1]:.0%} above its stated "
                f"figure), and nominal turnover at least doubled unless it exceeded "
                f"{_money(double_claim.iloc[0])}.")
    if len(trade):
        checked = official.agreement(trade, official.official_trade())
        parts.append("Against the official and officials' turnover figures: " + "; ".join(
            f"{r.span} for {r.year} ({r.outlet}) {r.verdict}" for r in checked.itertuples()) + ".")
    oil = projections(quantities)
    realised = realised_against_projected(oil, official.official_oil())
    for row in oil.itertuples():
        parts.append(
            f"Oil production was projected ({row.outlet}) to go from {row.start / 1e6:,.0f} million barrels in "
            f"{row.base_year} to {row.end / 1e6:,.0f} million by {row.end_year} (about "
            f"{row.start_per_day / 1e6:.2f} to {row.end_per_day / 1e6:.2f} million barrels a day "
            f"if the figures are annual): {row.multiple:.2f}×, or {row.annual_rate:.1%} a year.")
    for r in realised.itertuples():
        if pd.notna(r.realised_end_kbd):
            parts.append(f"Realised output was {r.realised_end_kbd / 1000:.2f} million barrels a day in {r.end_year} "
                         f"(projected {r.projected_end_kbd / 1000:.2f}); it peaked at {r.peak_kbd / 1000:.2f} in {r.peak_year}.")
    counts = figures_by_theme(quantities, corpus)
    energy = counts.loc["energy"] if "energy" in counts.index else pd.Series(0, counts.columns)
    transit = counts.loc["transit"] if "transit" in counts.index else pd.Series(0, counts.columns)
    parts.append(
        "Sentences with energy figures appear in " + _eras_with(energy) + "; with transit figures in "
        + _eras_with(transit) + ".")
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# Official series beside the press figures


def realised_against_projected(pairs: pd.DataFrame, realised: pd.DataFrame) -> pd.DataFrame:
    """Each projection's base and end level per day beside the realised output (thousand
    barrels a day, official_oil) in those years, and the realised peak within the series."""
    rows = []
    by_year = realised.set_index("year")["value"] if len(realised) else pd.Series(dtype=float)
    for r in pairs.itertuples():
        window = by_year[(by_year.index >= r.base_year) & (by_year.index <= r.end_year)]
        rows.append({"doc_id": r.doc_id, "base_year": r.base_year, "end_year": r.end_year,
                     "stated_base_kbd": r.start_per_day / 1000, "realised_base_kbd": by_year.get(r.base_year, np.nan),
                     "projected_end_kbd": r.end_per_day / 1000, "realised_end_kbd": by_year.get(r.end_year, np.nan),
                     "peak_year": int(window.idxmax()) if len(window) else None,
                     "peak_kbd": float(window.max()) if len(window) else np.nan})
    return pd.DataFrame(rows, columns=["doc_id", "base_year", "end_year", "stated_base_kbd", "realised_base_kbd",
                                       "projected_end_kbd", "realised_end_kbd", "peak_year", "peak_kbd"])


SOURCE_MARKERS = {"official": "s", "reported": "o", "statement": "^", "unattributed": "x"}


def plot_official_beside_press(trade_official: pd.DataFrame, level_rows: pd.DataFrame):
    """The official and officials' turnover figures by year (marker by source type, a line
    through each year's median, a bar over the spread where sources disagree) with the press
    figures on top (floors as upward arrows)."""
    fig, ax = new_figure(width=7.0, height=3.6)
    path = official.year_path(trade_official)
    ax.plot([_year_date(y) for y in path["year"]], path["value"] / 1e9, color="0.6", lw=1, zorder=1,
            label="median per year (gaps: no value)")
    spread = path[path["n_rows"] > 1]
    ax.vlines([_year_date(y) for y in spread["year"]], spread["low_value"] / 1e9, spread["high_value"] / 1e9,
              color="0.4", lw=3, alpha=0.35, zorder=1, label="spread between sources")
    for kind, rows in trade_official.groupby("source_type", sort=True):
        ax.scatter([_year_date(y) for y in rows["year"]], rows["value_usd"] / 1e9, s=22,
                   marker=SOURCE_MARKERS.get(kind, "o"), color="#4C72B0", zorder=2, label=f"official series: {kind}")
    for r in level_rows.itertuples():
        x, y = _year_date(r.year), r.value / 1e9
        ax.scatter([x], [y], s=70, marker="D", color="#C44E52", zorder=3,
                   label="press figure (arrow: a floor)")
        if r.qualifier == "at_least":
            ax.annotate("", (x, y * 1.25), (x, y), arrowprops={"arrowstyle": "->", "color": "#C44E52"})
    ax.set_ylabel("turnover, billion current US$")
    ax.set_ylim(0, max([path["high_value"].max() / 1e9 if len(path) else 1]
                       + [level_rows["value"].max() / 1e9 * 1.3 if len(level_rows) else 0]) * 1.15)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    fig.legend(unique.values(), unique.keys(), loc="outside lower center", ncol=3, fontsize=7)
    ax.set_title("Russia–Azerbaijan trade turnover: official and officials' figures, and the press figures",
                 loc="left", fontsize=9)
    return fig


def _eras_with(counts: pd.Series) -> str:
    found = [f"the {era} ({n})" for era, n in counts.items() if n]
    return ", ".join(found) if found else "no era"

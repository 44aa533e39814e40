"""Figures in the seeds, tricky formats, things that are not figures, periods, CPI deflation,
growth between bounds, cross-article checks, and adding an article (analysis.quantities)."""

import math
import re
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.views import trade_figures as views
from analysis.growth import MissingCPIYear, annual_growth_rate, constant_dollars, cpi_u, per_day, ratio_reading
from analysis.quantities import QUALIFIERS, extract_quantities

FIXTURES = Path(__file__).parent / "fixtures" / "new_article"
NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "03_trade_figures.ipynb"

# Every figure in the five seeds, written by reading the clean text:
# (span, value in base units, unit, per, qualifier, period)
EXPECTED = {
    "mt-2001": [
        ("12", 12, "count", "", "exact", ""),                      # 12 former Soviet states
        ("Some 35,000", 35_000, "count", "", "approx", ""),        # people died; 1988 is the war's start
        ("millions of dollars", 2e6, "USD", "", "at_least", ""),   # 'millions' is at least two million
        ("10 years", 10, "years", "", "exact", ""),                # after the Soviet collapse
    ],
    "eurasianet-2007": [
        ("more than double", 2, "times", "", "at_least", "2007-2010"),
        ("237 million barrels", 237e6, "barrels", "", "exact", "2007-2010"),      # 'from': today's level
        ("476 million barrels", 476e6, "barrels", "", "projected", "2007-2010"),  # 'to', in three years
        ("over $1.5 billion", 1.5e9, "USD", "", "at_least", "2006"),              # 'for the year' = 2006
    ],
    "ap-2024": [
        ("two-day", 2, "days", "", "exact", ""),
        ("$120 million", 120e6, "USD", "", "exact", ""),
        ("15 million tons of cargo per year or more", 15e6, "tonnes", "year", "at_least", ""),
        ("$4 billion", 4e9, "USD", "", "at_least", "2023"),        # 'last year exceeded the ... mark'
        ("three decades", 30, "years", "", "exact", ""),
    ],
    "dpa-2024": [
        ("two-day", 2, "days", "", "exact", ""),
    ],
    "strategianews-2024": [],   # dates (August 18, 19), years (2022, 2020) and 'these two nations' only
}
EXPECTED_MEASURES = {
    "over $1.5 billion": "trade turnover", "$4 billion": "trade turnover",
    "237 million barrels": "oil production", "476 million barrels": "oil production",
    "more than double": "oil production", "$120 million": "freight investment",
    "15 million tons of cargo per year or more": "cargo volume", "Some 35,000": "deaths",
    "12": "CIS member states", "10 years": "",
}


@pytest.fixture(scope="module")
def table(corpus):
    return analysis.quantity_table(corpus)


def rows_of(table, doc_id):
    found = table[table["doc_id"] == doc_id]
    return [(r.span, r.value, r.unit, r.per, r.qualifier, r.period) for r in found.itertuples()]


@pytest.mark.parametrize("doc_id", list(EXPECTED))
def test_every_figure_in_the_seeds(table, doc_id):
    found = rows_of(table, doc_id)
    assert [f[0] for f in found] == [e[0] for e in EXPECTED[doc_id]]
    for got, want in zip(found, EXPECTED[doc_id]):
        assert got[1] == pytest.approx(want[1]), got
        assert got[2:] == want[2:], got


def test_measures_named_by_keywords(table):
    measures = dict(zip(table["span"], table["measure"]))
    for span, measure in EXPECTED_MEASURES.items():
        assert measures[span] == measure, span


def test_bounds_and_projection_flags(table):
    by_span = table.set_index("span")
    assert by_span.loc["over $1.5 billion", "low"] == 1.5e9
    assert math.isnan(by_span.loc["over $1.5 billion", "high"])
    assert by_span.loc["476 million barrels", "projected"]
    assert not by_span.loc["237 million barrels", "projected"]          # the starting level
    assert by_span.loc["15 million tons of cargo per year or more", "projected"]   # 'the possibility of'
    assert not by_span.loc["$4 billion", "projected"]
    assert math.isnan(by_span.loc["Some 35,000", "low"])                 # 'some' gives no bound


def test_table_columns_and_sentences(table, corpus):
    for column in ["doc_id", "outlet", "event_date", "era", "span", "start", "end", "value", "unit",
                   "per", "qualifier", "low", "high", "measure", "period", "sentence"]:
        assert column in table.columns
    assert table["era"].dtype == corpus["era"].dtype
    text = dict(zip(corpus["doc_id"], corpus["text"]))
    for row in table.itertuples():
        assert text[row.doc_id][row.start:row.end] == row.span
        assert row.span in row.sentence and row.sentence in text[row.doc_id]
    turnover = table[table["span"] == "$4 billion"].iloc[0]
    assert turnover["sentence"].startswith('"We are talking about the possibility')
    assert turnover["outlet"] == "Associated Press"


def test_raw_text_reads_the_escaped_dollar_and_skips_stamps(raw):
    """The raw 2007 scrape writes '\\$1.5 billion' and carries the stamp '2/4/2007'; the raw 2001
    scrape carries 'Last Updated: 07/27/2016'; the raw AP scrape a hex id."""
    q = extract_quantities(raw["eurasianet-2007"], "2007-04-02")
    dollars = q[q["unit"] == "USD"].iloc[0]
    assert dollars["span"] == "over \\$1.5 billion" and dollars["value"] == 1.5e9
    assert not q["span"].str.contains("2/4|2007").any()
    assert set(q["span"]) == {"more than double", "237 million barrels", "476 million barrels",
                              "over \\$1.5 billion"}
    assert not extract_quantities(raw["mt-2001"])["span"].str.contains("07|27|2016").any()
    assert "730094" not in "".join(extract_quantities(raw["ap-2024"])["span"])


# ---------------------------------------------------------------------------------------------
# Formats


@pytest.mark.parametrize("text, span, value, unit, qualifier", [
    ("Trade stood at $1.5 billion in 2006.", "$1.5 billion", 1.5e9, "USD", "exact"),
    ("Trade stood at over \\$1.5 billion for the year.", "over \\$1.5 billion", 1.5e9, "USD", "at_least"),
    ("They last year exceeded the $4 billion mark.", "$4 billion", 4e9, "USD", "at_least"),
    ("Turnover reached the $4 billion mark.", "$4 billion", 4e9, "USD", "exact"),
    ("transporting 15 million tons of cargo", "15 million tons", 15e6, "tonnes", "exact"),
    ("from 237 million barrels a day", "237 million barrels a day", 237e6, "barrels", "exact"),
    ("Aliyev announced that $120 million had been set aside", "$120 million", 120e6, "USD", "exact"),
    ("Some 35,000 people died in the conflict.", "Some 35,000", 35_000, "count", "approx"),
    ("a loose grouping of 12 former Soviet states", "12", 12, "count", "exact"),
    ("Exports will reach 4.3-4.5 billion dollars.", "4.3-4.5 billion dollars", 4.4e9, "USD", "range"),
    ("Turnover was $4,5 billion.", "$4,5 billion", 4.5e9, "USD", "exact"),
    ("Its share rose to 34.4% of exports.", "34.4%", 34.4, "percent", "exact"),
    ("Some 62 percent of trade goes by rail.", "Some 62 percent", 62, "percent", "approx"),
    ("Trade reached $1.5 bln last year.", "$1.5 bln", 1.5e9, "USD", "exact"),
    ("a two-fold increase in trade", "two-fold", 2, "times", "exact"),
    ("Trade grew twofold.", "twofold", 2, "times", "exact"),
    ("is projected to more than double its oil production", "more than double", 2, "times", "at_least"),
    ("as part of a two-day trip", "two-day", 2, "days", "exact"),
    ("ending three decades of separatist rule", "three decades", 30, "years", "exact"),
    ("nearly 300 million roubles", "nearly 300 million roubles", 3e8, "RUB", "at_most"),
    ("a €2 million grant", "€2 million", 2e6, "EUR", "exact"),
    ("8 bcm of gas a year", "8 bcm of gas a year", 8e9, "cubic metres", "exact"),
    ("between 20 and 30 people", "between 20 and 30", 25, "count", "range"),
    ("Thousands of people fled.", "Thousands", 2000, "count", "at_least"),
    ("twenty-five countries signed", "twenty-five", 25, "count", "exact"),
])
def test_formats(text, span, value, unit, qualifier):
    q = extract_quantities(text, "2024-08-19")
    assert len(q) == 1, q[["span", "value"]]
    row = q.iloc[0]
    assert (row["span"], row["unit"], row["qualifier"]) == (span, unit, qualifier)
    assert row["value"] == pytest.approx(value)


def test_range_bounds_and_per():
    row = extract_quantities("Exports will reach 4.3-4.5 billion dollars next year.", "2024-08-19").iloc[0]
    assert (row["low"], row["high"]) == (pytest.approx(4.3e9), pytest.approx(4.5e9))
    assert row["period"] == "2025" and row["projected"]
    row = extract_quantities("8 bcm of gas a year").iloc[0]
    assert row["per"] == "year"
    assert extract_quantities("1.2 million bpd").iloc[0]["per"] == "day"


@pytest.mark.parametrize("text", [
    "The stamp reads 2/4/2007.",
    "Last Updated: 07/27/2016",
    "During an informal get-together March 27 in Moscow.",
    "On 19 August 2024 the leaders met.",
    "relations took a nosedive in late 2006",
    "strained since September 2023",
    "St. Petersburg's 11th International Economic Forum",
    "the 2nd and 3rd rounds",
    "a 45-year-old man, aged 71",
    "He is 71 years old.",
    "the talks at 10:30 a.m.",
    "under Article 5 and Resolution 1325",
    "G20 leaders and F-16 jets",
    "In the 1990s the war ended.",
    "One of Putin's main drives; the two countries; these two nations",
    "Monday, 2024-08-19",
    "double standards",
])
def test_dates_years_ordinals_ages_are_not_figures(text):
    assert extract_quantities(text, "2024-08-19").empty


# ---------------------------------------------------------------------------------------------
# Periods


def test_period_last_year_and_next_three_years():
    ap = '"The two countries last year exceeded the $4 billion mark for turnover"'
    assert extract_quantities(ap, "2024-08-19").iloc[0]["period"] == "2023"
    assert extract_quantities(ap, None).iloc[0]["period"] == ""             # no publication date
    oil = "Azerbaijan will double its output over the next three years, to 476 million barrels."
    rows = extract_quantities(oil, pd.Timestamp("2007-04-02"))
    assert list(rows["period"]) == ["2007-2010", "2007-2010"]
    # issue 17: period_start/period_end are the first and last day; the years stay in their own columns
    assert list(rows["period_start"]) == [pd.Timestamp("2007-01-01")] * 2
    assert list(rows["period_end"]) == [pd.Timestamp("2010-12-31")] * 2
    assert list(rows["period_start_year"]) == [2007, 2007] and list(rows["period_end_year"]) == [2010, 2010]


def test_period_for_the_year_points_back():
    text = "turnover experienced a surge in 2006 and stood at over $1.5 billion for the year."
    assert extract_quantities(text).iloc[0]["period"] == "2006"
    text = "Trade grew from $2 billion in 2010 to $3 billion in 2015."
    assert list(extract_quantities(text)["period"]) == ["2010", "2015"]


def test_period_not_taken_from_another_clause():
    text = ("Some 35,000 people died in the conflict that erupted there after the mainly Armenian "
            "population in Karabakh tried to break away from Azeri rule in 1988.")
    assert extract_quantities(text).iloc[0]["period"] == ""


# ---------------------------------------------------------------------------------------------
# Never raises; spans are where they say


TOKENS = list("0123456789 .,-$\\%/:\n") + [
    "billion", " million", "bln", "two", "-day", "over ", "Some ", "the ", "March ", "2007",
    "last year", "for the year", "between ", " and ", " to ", "tons", "barrels", "per year",
    "or more", "dozens of ", "more than double", "\n\n", "€", "US$", "fold", "th", "years", "-old"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "2024-08-19", 2007]))
def test_never_raises_and_spans_match_on_any_text(text, published):
    found = extract_quantities(text, published)
    assert list(found.columns[:12]) == ["span", "start", "end", "value", "unit", "per", "qualifier",
                                        "low", "high", "measure", "period", "sentence"]
    for row in found.itertuples():
        assert text[row.start:row.end] == row.span


@pytest.mark.filterwarnings("ignore::analysis.quantities.UnreadableFigureWarning")   # expected on junk
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_never_raises_on_number_like_text(text):
    found = extract_quantities(text, "2024-08-19")
    for row in found.itertuples():
        assert text[row.start:row.end] == row.span
        assert row.qualifier in QUALIFIERS


def test_non_text_gives_an_empty_table(corpus):
    assert extract_quantities(None).empty and extract_quantities(float("nan")).empty
    empty = analysis.quantity_table(corpus.iloc[:0])
    assert empty.empty and {"doc_id", "span", "sentence"} <= set(empty.columns)


# ---------------------------------------------------------------------------------------------
# CPI-U and growth


def test_cpi_file_holds_the_bls_annual_averages():
    cpi = cpi_u()
    assert list(cpi.index) == list(range(1990, 2025))                 # every year, none missing
    assert {y: cpi[y] for y in (2001, 2006, 2007, 2023, 2024)} == {2001: 177.1, 2006: 201.6, 2007: 207.342,
                                                                  2023: 304.702, 2024: 313.689}
    assert cpi.diff().dropna().gt(0).sum() == len(cpi) - 2                # prices fell in one year only: 2009


def test_constant_dollars():
    assert constant_dollars(1.5e9, 2006) == pytest.approx(1.5e9 * 313.689 / 201.6)
    assert constant_dollars(4e9, 2024) == 4e9
    series = constant_dollars(pd.Series([1.0, 1.0]), [2001, 2023], base_year=2007)
    assert list(series.round(6)) == [round(207.342 / 177.1, 6), round(207.342 / 304.702, 6)]


def test_missing_cpi_year_is_a_clear_error():
    with pytest.raises(MissingCPIYear, match=r"1985.*cpi_u\.csv.*CUUR0000SA0"):
        constant_dollars(1e9, 1985)
    fake = pd.DataFrame({"measure": ["trade turnover"], "unit": ["USD"], "projected": [False],
                         "period_start": [pd.Timestamp("1985-01-01")], "period_end": [pd.Timestamp("1985-12-31")],
                         "period_start_year": pd.array([1985], "Int64"), "period_end_year": pd.array([1985], "Int64"),
                         "qualifier": ["exact"], "value": [2e9], "event_date": [pd.Timestamp("1986-01-01")],
                         "doc_id": ["x"]})
    with pytest.raises(MissingCPIYear, match="1985"):
        views.levels(fake)


@pytest.mark.parametrize("start, end, reading", [
    ("at_least", "at_least", "neither"), ("exact", "at_least", "at least"),
    ("at_least", "exact", "at most"), ("exact", "exact", "exact"), ("at_most", "at_least", "at least"),
    ("approx", "exact", "approximate"),
])
def test_ratio_of_bounds(start, end, reading):
    assert ratio_reading(start, end) == reading


def test_growth_rates():
    assert annual_growth_rate(2.0, 1) == pytest.approx(1.0)
    assert annual_growth_rate(476 / 237, 3) == pytest.approx(0.2617, abs=1e-4)
    assert per_day(365e6, "year") == 1e6
    with pytest.raises(ValueError):
        per_day(1.0, "")


def test_trade_growth_from_the_seeds(table):
    """Read in the texts: over $1.5bn (2006) and over $4bn (2023)."""
    trade = views.levels(table)
    growth = views.growth_table(trade)
    assert growth.loc["nominal", "multiple"] == pytest.approx(4 / 1.5)
    assert growth.loc["nominal", "years"] == 17 and growth.loc["nominal", "reading"] == "neither"
    real = (4 * 313.689 / 304.702) / (1.5 * 313.689 / 201.6)
    assert growth.iloc[1]["multiple"] == pytest.approx(real)
    claims = views.guaranteed_claims(trade)
    assert claims.iloc[0, 0] == pytest.approx(4e9 * 201.6 / 304.702)   # real growth unless 2006 > this
    assert claims.iloc[1, 0] == pytest.approx(2e9)


def test_oil_projection(table):
    oil = views.projections(table).iloc[0]
    # "from 237 million barrels to 476 million barrels" over "the next three years" (to 2010), in an
    # article of 2007: the starting annual total is 2006's, so growth runs over 2006-2010
    assert (oil["start"], oil["end"], oil["base_year"], oil["end_year"], oil["years"]) == (237e6, 476e6, 2006, 2010, 4)
    assert oil["start_per_day"] == pytest.approx(237e6 / 365)


def test_same_period_disagreement_is_flagged():
    text = {"a": "Trade turnover last year exceeded the $4 billion mark.",
            "b": "Trade turnover was $3.6 billion last year.",
            "c": "Trade turnover was about $4.2 billion last year."}
    frames = [extract_quantities(t, "2024-08-19").assign(doc_id=d, outlet=d, event_date=pd.Timestamp("2024-08-19"))
              for d, t in text.items()]
    checks = analysis.same_period_comparisons(pd.concat(frames, ignore_index=True))
    assert set(checks["doc_id"]) == {"a", "b", "c"} and set(checks["verdict"]) == {"disagree"}
    agreeing = analysis.same_period_comparisons(pd.concat([frames[0], frames[2]], ignore_index=True))
    assert set(agreeing["verdict"]) == {"consistent"}


def test_seeds_cross_article_check(table):
    checks = analysis.same_period_comparisons(table)
    assert set(checks["doc_id"]) == {"ap-2024", "dpa-2024"}            # both: a 'two-day' visit
    assert set(checks["verdict"]) == {"consistent"}


# ---------------------------------------------------------------------------------------------
# Adding an article extends the tables and the notebook with no code change


@pytest.fixture()
def extended_seeds(seed_copy):
    """seeds/ plus the invented fixture article and its metadata row (with its sha256)."""
    shutil.copy(FIXTURES / "005_test_fixture_trade.txt", seed_copy)
    row = (FIXTURES / "metadata_row.csv").read_text(encoding="utf-8").splitlines()[1]
    with open(seed_copy / "metadata.csv", "a", encoding="utf-8") as f:
        f.write(row + "\n")
    return seed_copy


def test_new_article_extends_the_tables(extended_seeds):
    corpus = analysis.load_corpus(extended_seeds)
    table = analysis.quantity_table(corpus)
    new = table[table["doc_id"] == "fixture-2025"]
    assert [(r.span, r.value, r.unit, r.qualifier, r.period) for r in new.itertuples()] == [
        ("$4,5 billion", 4.5e9, "USD", "exact", "2024"),
        ("$3.6 billion", 3.6e9, "USD", "exact", "2023"),
        ("4.8-5.0 billion dollars", 4.9e9, "USD", "range", "2026"),     # 'next year' in 2025
        ("34.4%", 34.4, "percent", "exact", ""),
        ("6 million tonnes", 6e6, "tonnes", "exact", ""),
    ]
    trade = views.levels(table)
    assert list(trade["year"]) == [2006, 2023, 2023, 2024]               # the projection is left out
    assert views.growth_table(trade).loc["nominal", "multiple"] == pytest.approx(3.0)
    checks = analysis.same_period_comparisons(table)
    turnover = checks[checks["measure"] == "trade turnover"]
    assert set(turnover["doc_id"]) == {"ap-2024", "fixture-2025"}       # 'over $4bn' vs '$3.6bn'
    assert set(turnover["verdict"]) == {"disagree"}


def test_notebook_runs_unchanged_on_the_extended_corpus(extended_seeds, tmp_path, monkeypatch, capsys):
    """Every code cell of notebook 03, run on seeds + the fixture as a corpus of its own: it runs
    through, the new article's figures join the tables, and the seed-only claims become checks."""
    monkeypatch.setattr("analysis.corpus.SEEDS_DIR", extended_seeds)
    monkeypatch.setattr("analysis.config.FIGURES_DIR", tmp_path / "figures")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    namespace = {}
    try:
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, "notebook-03-cell", "exec"), namespace)
                if "parameters" in cell.metadata.get("tags", []):
                    namespace["CORPUS"] = str(extended_seeds)   # another corpus: its claims are printed checks
    finally:
        plt.close("all")
    out = capsys.readouterr().out
    answer = repr(namespace["views"].summary(namespace["quantities"], namespace["corpus"]))
    assert "The 6 articles state" in answer and "Test Fixture Wire" in out
    assert "trade turnover (2023)" in out                                # flagged in section 5
    assert "DOES NOT HOLD on this corpus: no press turnover figure contradicts" in out   # $4.5bn for 2023
    assert len(list((tmp_path / "figures").glob("03_*.svg"))) == 4


def test_a_quantity_too_large_to_be_real_is_flagged_with_a_warning_naming_the_file(seed_copy):
    import hashlib
    import warnings

    text = ("Putin and Aliyev met in Baku on Monday.\n\nTrade between the two countries reached "
            "$4 quadrillion last year, officials said, and $3 billion the year before.")
    (seed_copy / "009_typo.txt").write_text(text, encoding="utf-8")
    meta = pd.read_csv(seed_copy / "metadata.csv", dtype=str, keep_default_na=False)
    row = {c: "" for c in meta.columns}
    row.update(doc_id="typo-2024", file="009_typo.txt", title="t", outlet="o", place="Baku",
               event_date="2024-08-19", published="2024-08-19", date_evidence="test",
               sha256=hashlib.sha256(text.encode()).hexdigest())
    pd.concat([meta, pd.DataFrame([row])]).to_csv(seed_copy / "metadata.csv", index=False)
    corpus = analysis.load_corpus(seed_copy)
    with pytest.warns(analysis.corpus.CorpusWarning, match="009_typo.txt.*plausible limit"):
        table = analysis.quantity_table(corpus)
    typo = table[table["doc_id"] == "typo-2024"]
    assert list(typo["implausible"]) == [True, False]       # kept, flagged, not dropped
    with warnings.catch_warnings():
        warnings.simplefilter("error")                       # the real seeds raise no such warning
        assert not analysis.quantity_table(analysis.load_corpus())["implausible"].any()


@pytest.mark.parametrize("text, unreadable", [
    ("Trade hit $1.2.3 billion last year.", "1.2.3 billion"),
    ("Cargo reached 12,34,567 tons.", "12,34,567"),
    ("Officials set aside $ billion for freight.", "$ billion"),
])
def test_unreadable_figures_are_left_out_with_a_warning_naming_the_source(text, unreadable):
    from analysis.quantities import UnreadableFigureWarning

    with pytest.warns(UnreadableFigureWarning, match=f"new.txt: cannot read the figure '{re.escape(unreadable)}'"):
        found = extract_quantities(text, "2024-08-19", source="new.txt")
    assert found.empty                      # no guessed number takes its place


def test_seed_figures_are_all_readable(corpus):
    import warnings

    from analysis.quantities import UnreadableFigureWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", UnreadableFigureWarning)
        analysis.quantity_table(corpus)


def test_quantity_table_on_worker_processes_matches_one_process_and_keeps_warnings(corpus, monkeypatch):
    """A large corpus is read on several processes; the table and the warnings naming each
    file must be the same as when everything runs here."""
    from analysis import parallel
    from analysis.quantities import UnreadableFigureWarning

    bad = corpus.iloc[:1].assign(doc_id="bad-2024", file="bad.txt",
                                 text="Trade hit $1.2.3 billion last year, up from $2 billion.")
    many = pd.concat([corpus, bad], ignore_index=True)
    with pytest.warns(UnreadableFigureWarning, match="bad.txt: cannot read the figure '1.2.3 billion'"):
        here = analysis.quantity_table(many)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    with pytest.warns(UnreadableFigureWarning, match="bad.txt: cannot read the figure '1.2.3 billion'"):
        spread = analysis.quantity_table(many)
    pd.testing.assert_frame_equal(here, spread)
    assert list(spread.loc[spread["doc_id"] == "bad-2024", "span"]) == ["$2 billion"]

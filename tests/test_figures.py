"""Figures as the region's outlets write them (issue 23) and figures read in their own clause
(issue 17): grouped digits, signs and directions, unit adjectives and short forms, rates,
unknown units, ranges that share a unit, the editable tables, names and durations that are
not figures, measures from the figure's own phrase, and periods at month precision.

Every sentence here is written for the test; the expected figures are read off by hand.
"""

import math
import os
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import quantities
from analysis.text import numbers, units
from analysis.views import trade_figures as views
from analysis.text.numbers import DigitReading, article_style, read_digits, resolve, words_to_number
from analysis.text.periods import find_periods, publication
from analysis.quantities import extract_quantities

PUBLISHED = "2024-08-19"
EXAMPLES = 1000 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 100


def figures(text, published=PUBLISHED):
    """(span, value, unit, per) of every figure."""
    found = extract_quantities(text, published)
    return [(r.span, r.value, r.unit, r.per) for r in found.itertuples()]


def one(text, published=PUBLISHED):
    found = extract_quantities(text, published)
    assert len(found) == 1, found[["span", "value", "unit"]]
    return found.iloc[0]


def same(got, want):
    """Figures equal, values compared to 1e-9 relative."""
    assert [g[0] for g in got] == [w[0] for w in want], got
    for g, w in zip(got, want):
        assert g[1] == pytest.approx(w[1], rel=1e-9), g
        assert g[2:] == w[2:], g


# ---------------------------------------------------------------------------------------------
# The issue's table, row by row


@pytest.mark.parametrize("text, want", [
    ("Trade turnover reached 4 300 million dollars", [("4 300 million dollars", 4.3e9, "USD", "")]),
    ("They exported 10 000 tonnes of grain", [("10 000 tonnes", 10_000, "tonnes", "")]),
    ("The 27-kilometer pipeline", [("27-kilometer", 27, "kilometres", "")]),
    ("The 2,700-km corridor", [("2,700-km", 2700, "kilometres", "")]),
    ("the trade balance was -$120 million", [("-$120 million", -120e6, "USD", "")]),
    ("4,500 tpd of cargo", [("4,500 tpd", 4500, "tonnes", "day")]),
    ("rose from 50 to 80%", [("50", 50, "percent", ""), ("80%", 80, "percent", "")]),
])
def test_the_issue_table(text, want):
    same(figures(text), want)


def test_ten_thousand_dollars_is_never_a_zero_figure():
    same(figures("valued at 10 000 dollars"), [("10 000 dollars", 10_000, "USD", "")])
    assert not (extract_quantities("1234 000 and 007")["value"] == 0).any()


# ---------------------------------------------------------------------------------------------
# Digit grouping


@pytest.mark.parametrize("separator", [" ", "\u00a0", "\u2009", "\u202f", ",", "'", "\u2019"])
def test_every_thousands_separator(separator):
    text = f"Customs cleared 1{separator}234{separator}567 tonnes of cargo."
    same(figures(text), [(f"1{separator}234{separator}567 tonnes", 1_234_567, "tonnes", "")])


@pytest.mark.parametrize("text, value", [
    ("Customs cleared 1.234.567 tonnes.", 1_234_567),        # points group, no decimals
    ("Exports reached 3.456,75 tonnes.", 3456.75),           # point groups, comma decimal
    ("Exports reached 3,456.75 tonnes.", 3456.75),
    ("Exports reached 3 456,75 tonnes.", 3456.75),           # Russian style
    ("Exports reached 3'456.75 tonnes.", 3456.75),           # Swiss style
    ("Exports reached 4,5 tonnes.", 4.5),                    # a comma before one or two digits is decimal
    ("Exports reached 4,75 tonnes.", 4.75),
    ("Exports reached 1234,567 tonnes.", 1234.567),          # four digits cannot open a group
    ("Exports reached 0,500 tonnes.", 0.5),                  # nor can 0
    ("Exports reached 35,000 tonnes.", 35_000),              # ',000' is never a decimal
    ("Exports reached 35.000 tonnes.", 35_000),
])
def test_grouping_and_decimal_marks_read_from_the_shape(text, value):
    row = one(text)
    assert row["value"] == pytest.approx(value) and not row["ambiguous"]


def test_an_ambiguous_separator_keeps_both_readings_as_bounds():
    row = one("The tanker carried 4,512 tonnes of diesel.")
    assert row["ambiguous"] and row["value"] == 4512
    assert (row["low"], row["high"]) == (pytest.approx(4.512), 4512)
    row = one("The tanker carried 4.512 tonnes of diesel.")
    assert row["ambiguous"] and row["value"] == pytest.approx(4.512)     # a point reads as decimal first
    assert (row["low"], row["high"]) == (pytest.approx(4.512), 4512)
    row = one("The tanker carried 4.500 tonnes of diesel.")            # a decimal seldom ends in 0
    assert row["ambiguous"] and row["value"] == 4500 and row["low"] == pytest.approx(4.5)
    row = one("The tanker carried over 4,512 tonnes.")                  # a floor: the lower reading
    assert row["qualifier"] == "at_least" and row["low"] == pytest.approx(4.512) and math.isnan(row["high"])


def test_the_article_settles_an_ambiguous_separator():
    european = extract_quantities("Exports fell by 3,5 percent, while imports reached 4,512 tonnes.", PUBLISHED)
    assert list(european["value"]) == [3.5, pytest.approx(4.512)] and not european["ambiguous"].any()
    english = extract_quantities("Prices rose 2.5 percent and 4,512 tonnes of sugar were sold.", PUBLISHED)
    assert list(english["value"]) == [2.5, 4512] and not english["ambiguous"].any()
    mixed = extract_quantities("It fell 3,5 percent and 2.5 percent; 4,512 tonnes were sold.", PUBLISHED)
    assert mixed["ambiguous"].tolist() == [False, False, True]          # both styles: still ambiguous


def test_a_count_of_things_is_never_fractional():
    row = one("A total of 4,512 wagons crossed the border.")
    assert row["value"] == 4512 and not row["ambiguous"]
    found = extract_quantities("Exports fell by 3,5 percent and 4,512 wagons crossed.", PUBLISHED)
    assert list(found["value"]) == [3.5, 4512]                          # even in a decimal-comma article


def test_years_next_to_a_grouped_number_stay_separate():
    found = extract_quantities("In 2023 10 000 tonnes of wheat crossed the border.", PUBLISHED)
    assert list(found["span"]) == ["10 000 tonnes"] and found.iloc[0]["period"] == "2023"
    found = extract_quantities("By 2030 25 000 trucks and 7 7 7 more.", PUBLISHED)
    assert list(found["span"]) == ["25 000", "7", "7", "7"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999_999),
       st.sampled_from([" ", "\u00a0", "\u2009", "\u202f", ","]),
       st.sampled_from(["Customs cleared {} tonnes of cargo.", "The fund paid ${} to the port.",
                        "Exports reached {} dollars in 2023.", "The pipeline carried {} barrels a day."]))
def test_writing_a_grouped_number_with_any_separator_never_changes_its_value(n, separator, template):
    plain = f"{n:,}".replace(",", separator)
    grouped = extract_quantities(template.format(plain), PUBLISHED)
    ungrouped = extract_quantities(template.format(n), PUBLISHED)
    assert len(grouped) == len(ungrouped) == 1
    assert grouped.iloc[0]["value"] == ungrouped.iloc[0]["value"] == n


# ---------------------------------------------------------------------------------------------
# Signs and directions


@pytest.mark.parametrize("text, span, value", [
    ("the trade balance was -$120 million", "-$120 million", -120e6),
    ("the balance stood at \u221245 million dollars", "\u221245 million dollars", -45e6),
    ("net exports came to minus 45 million euros", "minus 45 million euros", -45e6),
    ("The annual revenue is ($99.99).", "($99.99)", -99.99),
    ("Operating result:\t($2.5 million)", "($2.5 million)", -2.5e6),
    ("The account showed -15 € that day.", "-15 €", -15),
    ("The balance was $-99.99.", "$-99.99", -99.99),
])
def test_written_signs_make_values_negative(text, span, value):
    row = one(text)
    assert (row["span"], row["value"]) == (span, pytest.approx(value))
    assert row["low"] == row["high"] == pytest.approx(value)


def test_a_bracketed_aside_is_not_a_negative():
    assert one("The deal ($4 billion) was signed on Monday.")["value"] == 4e9
    assert one("Armenia (12) and others")["value"] == 12


@pytest.mark.parametrize("text, value, direction", [
    ("Azerbaijan ran a trade deficit of $120 million with Russia.", 120e6, "down"),
    ("The budget deficit reached 2.1% of GDP.", 2.1, "down"),
    ("Exports fell by 12% in 2023.", 12, "down"),
    ("There was a decline of 3.4 percent in cargo volumes.", 3.4, "down"),
    ("Freight rates posted a 6% drop in July.", 6, "down"),
    ("Turnover grew by about 13 percent.", 13, "up"),
    ("Analysts reported 13 percent growth.", 13, "up"),
    ("The surplus of $2 billion was a record.", 2e9, "up"),
    ("Gas exports stood at 12.9 bcm, up 7.2%.", 7.2, "up"),
    ("Trade rose to $4 billion.", 4e9, ""),                           # a level, not a change
    ("Revenue was up from $3 billion.", 3e9, ""),
])
def test_direction_words_never_flip_a_stated_level(text, value, direction):
    found = extract_quantities(text, PUBLISHED)
    row = found[[math.isclose(v, value) for v in found["value"]]].iloc[0]
    assert row["value"] > 0 and row["direction"] == direction


def test_growth_figures_get_a_growth_measure():
    assert one("Analysts reported 13 percent growth.")["measure"] == "growth"
    assert one("Trade turnover grew by 13 percent.")["measure"] == "trade turnover growth"
    assert one("In 2023 exports fell by 12%.")["measure"] == "exports decline"
    assert one("Azerbaijan ran a trade deficit of $120 million.")["measure"] == "trade deficit"


# ---------------------------------------------------------------------------------------------
# Unit adjectives, short forms, rates


@pytest.mark.parametrize("text, value, unit", [
    ("The 27-kilometer pipeline", 27, "kilometres"),
    ("The 2,700-km corridor costs $3.5 billion", 2700, "kilometres"),
    ("a 10-year contract", 10, "years"),
    ("a 5-billion-dollar package", 5e9, "USD"),
    ("a 300-metre bridge", 0.3, "kilometres"),
    ("a 500-megawatt plant", 500, "megawatts"),
])
def test_unit_adjectives(text, value, unit):
    row = extract_quantities(text, PUBLISHED).iloc[0]
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, value, unit, per", [
    ("60 t", 60, "tonnes", ""), ("250 kt", 250e3, "tonnes", ""), ("15 Mt", 15e6, "tonnes", ""),
    ("4.5 mln t", 4.5e6, "tonnes", ""), ("$1.5 bn", 1.5e9, "USD", ""), ("$10m", 10e6, "USD", ""),
    ("$3tn", 3e12, "USD", ""), ("2.5 bcm", 2.5e9, "cubic metres", ""), ("2.6 tcm", 2.6e12, "cubic metres", ""),
    ("600,000 b/d", 600e3, "barrels", "day"), ("30,000 bpd", 30e3, "barrels", "day"),
    ("4,000 tpd", 4000, "tonnes", "day"), ("50,000 TEU", 50e3, "TEU", ""), ("230 MW", 230, "megawatts", ""),
    ("1.2 GW", 1200, "megawatts", ""), ("3.1 billion kWh", 3.1e9, "kilowatt-hours", ""),
])
def test_short_forms_used_in_the_field(text, value, unit, per):
    row = one(f"The figure was {text}.")
    assert (row["value"], row["unit"], row["per"]) == (pytest.approx(value), unit, per)


@pytest.mark.parametrize("text, per", [
    ("15 million tonnes of cargo per year", "year"), ("600,000 barrels a day", "day"),
    ("20,000 tonnes daily", "day"), ("60 km/h", "hour"), ("$15.40/hour", "hour"), ("8 bcm annually", "year"),
    ("$80 a barrel", "barrel"), ("$235 per 1,000 cubic metres", "1,000 cubic metres"),
    ("1,500 passengers a day", "day"), ("four times a week", "week"), ("$3.5 per MMBtu", "MMBtu"),
])
def test_rates_keep_their_per(text, per):
    assert one(f"It was {text} then.")["per"] == per


def test_a_year_ago_is_not_a_rate():
    assert one("Turnover was $4 billion a year ago.")["per"] == ""


# ---------------------------------------------------------------------------------------------
# Unknown is not a count


@pytest.mark.parametrize("text, word", [
    ("a dose of 14 mGy", "mGy"), ("noise of 85 dB", "dB"), ("below 0.3 mSv", "mSv"), ("250 ppb of methane", "ppb"),
    ("3,000 rpm", "rpm"), ("40 kN", "kN"), ("15 kilotons of TNT", "kilotons"), ("20 J/m^2", "J/m^2"),
])
def test_a_unit_the_tables_do_not_know_is_unknown_with_its_word(text, word):
    row = one(f"It showed {text}.")
    assert (row["unit"], row["unit_word"]) == ("unknown", word)


@pytest.mark.parametrize("text", ["120 people", "15 agreements", "12 former Soviet states", "7 OPEC members",
                                  "30 MPs", "12 Russian governors"])
def test_counted_nouns_are_counts(text):
    row = one(f"They named {text} yesterday.")
    assert (row["unit"], row["unit_word"]) == ("count", "")


# ---------------------------------------------------------------------------------------------
# Ranges share their unit and scale


@pytest.mark.parametrize("text, want", [
    ("Exports rose from 50 to 80% of output.", [("50", 50, "percent", ""), ("80%", 80, "percent", "")]),
    ("Support stood at 50–80 per cent.", [("50–80 per cent", 65, "percent", "")]),
    ("It will cost between $2 and $3 billion.", [("between $2 and $3 billion", 2.5e9, "USD", "")]),
    ("Analysts expect $2bn-3bn in new investment.", [("$2bn-3bn", 2.5e9, "USD", "")]),
    ("Revenue rose from $2 to $3 billion.", [("$2", 2e9, "USD", ""), ("$3 billion", 3e9, "USD", "")]),
    ("Volumes grew from 12.5 million to 15 million tonnes.",
     [("12.5 million", 12.5e6, "tonnes", ""), ("15 million tonnes", 15e6, "tonnes", "")]),
    ("Tariffs of 5, 10 and 15 percent apply.",
     [("5", 5, "percent", ""), ("10", 10, "percent", ""), ("15 percent", 15, "percent", "")]),
    ("Trade reached 3 billion 47 million dollars.", [("3 billion 47 million dollars", 3.047e9, "USD", "")]),
])
def test_ranges_and_lists_share_unit_and_scale(text, want):
    same(figures(text), want)


def test_range_bounds():
    row = one("Analysts expect $2bn-3bn in new investment.")
    assert (row["qualifier"], row["low"], row["high"]) == ("range", 2e9, 3e9)


# ---------------------------------------------------------------------------------------------
# The tables are data: a researcher adds a row, no code changes


@pytest.fixture()
def table_copy(tmp_path, monkeypatch):
    """Copies of the figure tables that a test may edit; the readers' caches are cleared."""
    for name in ("units.csv", "scales.csv", "rates.csv", "directions.csv"):
        shutil.copy(units.DATA_DIR / name, tmp_path / name)
    monkeypatch.setattr(units, "UNIT_FILE", tmp_path / "units.csv")
    monkeypatch.setattr(units, "RATE_FILE", tmp_path / "rates.csv")
    monkeypatch.setattr(units, "DIRECTION_FILE", tmp_path / "directions.csv")
    units.reload_tables()
    yield tmp_path
    units.reload_tables()


def test_adding_a_currency_row_teaches_the_extractor(table_copy):
    assert one("They paid 500 sums for it.")["unit"] == "count"
    with open(table_copy / "units.csv", "a", encoding="utf-8") as f:
        f.write("UZS,currency,1,,any,after,sum|sums|soum|soums\n")
    units.reload_tables()
    row = one("They paid 500 sums for it.")
    assert (row["unit"], row["span"]) == ("UZS", "500 sums")


def test_adding_a_direction_row(table_copy):
    assert one("Exports slipped 4%.")["direction"] == ""
    with open(table_copy / "directions.csv", "a", encoding="utf-8") as f:
        f.write("slipped,down,before,yes\n")
    units.reload_tables()
    assert one("Exports slipped 4%.")["direction"] == "down"


def test_a_malformed_table_row_is_a_clear_error(table_copy):
    with open(table_copy / "units.csv", "a", encoding="utf-8") as f:
        f.write("lakh,count,not-a-number,,any,after,lakh\n")
    units.reload_tables()
    with pytest.raises(ValueError, match=r"units\.csv: rows \[\d+\]"):
        extract_quantities("5 lakh", PUBLISHED)


def test_the_guide_names_every_table():
    guide = (units.DATA_DIR / "figures_tables.md").read_text(encoding="utf-8")
    for name in ("units.csv", "scales.csv", "rates.csv", "directions.csv", "measures.csv", "plausible_limits.csv"):
        assert f"`{name}`" in guide


# ---------------------------------------------------------------------------------------------
# Issue 17: names and framing durations are not figures; the measure from the own phrase


@pytest.mark.parametrize("text", [
    "Russia 24 TV Channel broadcast the talks.", "The airline flies Boeing 737 aircraft.",
    "Formula 1 returns to Baku.", "Channel One and Russia 1 covered the summit.",
    "Exports rose in the first seven months.", "Exports rose in the first 7 months.",
    "the first nine months of 2017", "over the past 12 months", "in the first half of the year",
])
def test_names_and_framing_durations_are_not_figures(text):
    assert extract_quantities(text, PUBLISHED).empty


def test_but_counts_near_names_stay():
    same(figures("In Baku 300 companies operate; Russia's 12 regions signed."),
         [("300", 300, "count", ""), ("12", 12, "count", "")])
    same(figures("Putin Signs 12 Agreements With Aliyev"), [("12", 12, "count", "")])   # a title-case headline


def test_the_measure_comes_from_the_figures_own_phrase():
    found = extract_quantities("Trade turnover, more than $4 billion in direct investments and 15 agreements.", PUBLISHED)
    assert found.iloc[0]["measure"] == "investment"
    found = extract_quantities("Turnover reached $10 billion, and more than $4 billion in direct investments.", PUBLISHED)
    assert list(found["measure"]) == ["trade turnover", "investment"]
    assert one("They moved 15 million tons of cargo per year.")["measure"] == "cargo volume"


# ---------------------------------------------------------------------------------------------
# Periods at month precision


@pytest.mark.parametrize("text, published, label, start, end", [
    ("Turnover was $2.4 billion in the first half of 2024.", PUBLISHED, "2024-01/2024-06", "2024-01-01", "2024-06-30"),
    ("Turnover was $2.4 billion in the first nine months of 2017.", PUBLISHED, "2017-01/2017-09", "2017-01-01", "2017-09-30"),
    ("Turnover was $2.4 billion in the first quarter of 2018.", PUBLISHED, "2018-01/2018-03", "2018-01-01", "2018-03-31"),
    ("In the first seven months, turnover reached $2.4 billion.", PUBLISHED, "2024-01/2024-07", "2024-01-01", "2024-07-31"),
    ("Turnover was $2.4 billion in the first half of the year.", PUBLISHED, "2024-01/2024-06", "2024-01-01", "2024-06-30"),
    ("Turnover was $2.4 billion in January-July 2024.", PUBLISHED, "2024-01/2024-07", "2024-01-01", "2024-07-31"),
    ("Turnover was $2.4 billion in Q1 2019.", PUBLISHED, "2019-01/2019-03", "2019-01-01", "2019-03-31"),
    ("Turnover was $2.4 billion in September 2023.", PUBLISHED, "2023-09", "2023-09-01", "2023-09-30"),
    ("Turnover was $2.4 billion in 2023.", PUBLISHED, "2023", "2023-01-01", "2023-12-31"),
])
def test_periods_at_month_precision(text, published, label, start, end):
    row = one(text, published)
    assert row["period"] == label
    assert (row["period_start"], row["period_end"]) == (pd.Timestamp(start), pd.Timestamp(end))
    assert (row["period_start_year"], row["period_end_year"]) == (int(start[:4]), int(end[:4]))


def test_a_part_of_a_year_not_yet_over_stays_unresolved():
    row = one("In the first seven months, turnover reached $2.4 billion.", "2024-06-10")
    assert row["period"] == "" and pd.isna(row["period_start"])


def test_each_figure_takes_its_own_clauses_period():
    found = extract_quantities("Last year it grew by about 14%, this year more than 7%.", PUBLISHED)
    assert list(found["period"]) == ["2023", "2024"]
    found = extract_quantities("This year more than 7%, last year about 14%.", PUBLISHED)
    assert list(found["period"]) == ["2024", "2023"]


@pytest.mark.parametrize("published", [
    "2024-08-19", "2024-08-19/2024-08-25", pd.Timestamp("2024-08-19"), (pd.Timestamp("2024-08-19"),
    pd.Timestamp("2024-08-25")), 2024, "2024", "2024-08", "2024-08-19/", "2024-08-19T10:00:00+03:00",
])
def test_every_form_of_published(published):
    assert one("Trade last year exceeded $4 billion.", published)["period"] == "2023"


@pytest.mark.parametrize("published", [None, float("nan"), pd.NaT, "", "nan"])
def test_an_unknown_publication_date_leaves_relative_periods_unresolved(published):
    assert one("Trade last year exceeded $4 billion.", published)["period"] == ""


def test_a_publication_window_across_new_year_does_not_guess_the_year():
    assert one("Trade last year exceeded $4 billion.", "2024-12-28/2025-01-03")["period"] == ""


@pytest.mark.parametrize("published", ["next Tuesday", "2024-13-45", object(), True])
def test_a_bad_publication_date_is_a_clear_error(published):
    with pytest.raises(ValueError, match="published="):
        extract_quantities("Trade was $4 billion.", published)


def test_levels_use_whole_years_only():
    text = {"a": "Trade turnover was $2.4 billion in the first half of 2023.",
            "b": "Trade turnover was $4.1 billion in 2023.",
            "c": "Trade turnover was $1.5 billion in 2006."}
    rows = pd.concat([extract_quantities(t, PUBLISHED).assign(doc_id=d, outlet=d, event_date=pd.Timestamp(PUBLISHED))
                      for d, t in text.items()], ignore_index=True)
    assert list(views.levels(rows)["doc_id"]) == ["c", "b"]


# ---------------------------------------------------------------------------------------------
# The number readers on their own


@pytest.mark.parametrize("token, value, other, style", [
    ("35,000", 35000, None, ""), ("1,234,567", 1234567, None, "english"), ("1.234.567", 1234567, None, "european"),
    ("1 234 567", 1234567, None, ""), ("10'000", 10000, None, ""), ("4,5", 4.5, None, "european"),
    ("3.5", 3.5, None, "english"), ("4,512", 4512, 4.512, ""), ("4.512", 4.512, 4512, ""),
    ("2,700", 2700, 2.7, ""), ("1.234,5", 1234.5, None, "european"), ("1,234.5", 1234.5, None, "english"),
])
def test_read_digits(token, value, other, style):
    reading = read_digits(token)
    assert reading.value == pytest.approx(value) and reading.style == style
    assert (reading.other is None) == (other is None) and (other is None or reading.other == pytest.approx(other))


@pytest.mark.parametrize("token", ["12,34,567", "1.2.3", "1,234 567", "", "abc", "1,,2", "٣٤٥"])
def test_read_digits_refuses_what_no_format_fits(token):
    assert read_digits(token) is None


def test_resolve_and_article_style():
    assert resolve(read_digits("4,512"), "european", ",").value == pytest.approx(4.512)
    assert resolve(read_digits("4.512"), "european", ".").value == 4512
    assert resolve(read_digits("4,512"), "", ",").ambiguous
    assert article_style(["3.5", "1,234,567", "2024"]) == "english"
    assert article_style(["4,5", "3.5"]) == ""
    assert DigitReading(1.0).ambiguous is False


@pytest.mark.parametrize("phrase, value", [
    ("twenty-five", 25), ("one hundred and two", 102), ("two million five hundred thousand", 2.5e6),
    ("a dozen", 12), ("zero", 0), ("seven seven", None), ("twenty thirty", None), ("nineteen ninety", None),
    ("million billion", None),
])
def test_words_to_number(phrase, value):
    assert words_to_number(phrase) == value


def test_scale_table_is_data():
    assert numbers.scale_of("bn") == 1e9 and numbers.scale_of("M") == 1e6 and numbers.scale_of("bln.") == 1e9
    assert numbers.SCALE_WORDS["quadrillion"] == 1e15


def test_find_periods_and_publication():
    periods = find_periods("In the first half of 2024 and in H2 2023 and since September 2023.", "2024-08-19")
    assert [p.label for p in periods] == ["2024-01/2024-06", "2023-07/2023-12", "2023-09/2024-08"]
    assert publication("2024-08-19/2024-08-25").year == 2024
    assert publication(("2024-12-30", "2025-01-02")).year is None


def test_projections_need_a_horizon_of_years_and_read_month_labels():
    text = ("Azerbaijan expects oil production to grow from 30 million tonnes to 32 million tonnes this year. "
            "Oil production will rise from 30 million tonnes to 40 million tonnes over the next three years.")
    rows = extract_quantities(text, PUBLISHED).assign(doc_id="a", outlet="a", event_date=pd.Timestamp(PUBLISHED))
    pairs = views.projections(rows, unit="tonnes")
    assert list(pairs["period"]) == ["2024-2027"] and pairs.iloc[0]["years"] == 3
    assert views.period_years("2024-01/2024-06") == (2024, 2024) and views.period_years("2007-2010") == (2007, 2010)

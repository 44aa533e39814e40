"""find_dates on real phrases from the seeds; expected days worked out from a calendar.

9 January 2001 was a Tuesday, 2 April 2007 a Monday, 19 August 2024 a Monday.
"""

import csv
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.dates import COLUMNS, KINDS, find_dates

SEEDS = Path(__file__).parent.parent / "seeds"
METADATA = {row["file"][:3]: row for row in csv.DictReader(open(SEEDS / "metadata.csv", encoding="utf-8"))}


def seed_text(prefix: str) -> str:
    return (SEEDS / METADATA[prefix]["file"]).read_text(encoding="utf-8")


def published(prefix: str) -> str:
    """First day of the curated publication window."""
    return METADATA[prefix]["published"].split("/")[0]


def one(text, reference=None, span=None, **kwargs):
    found = find_dates(text, reference, **kwargs)
    if span is not None:
        found = found[found["span"] == span]
    assert len(found) == 1, found
    return found.iloc[0]


def days(row):
    if pd.isna(row["date_start"]):
        return None
    return str(row["date_start"].date()), str(row["date_end"].date())


SEED_PHRASES = [
    # seed, phrase quoted from it, reference, span, kind, (first day, last day)
    ("000", "held talks with Azeri President Haydar Aliyev on Tuesday", "2001-01-09",
     "on Tuesday", "relative", ("2001-01-09", "2001-01-09")),
    ("000", ". Last Updated: 07/27/2016", "2001-01-09",
     "Last Updated: 07/27/2016", "stamp", ("2016-07-27", "2016-07-27")),
    ("000", "tried to break away from Azeri rule in 1988.", None, "1988", "year", ("1988-01-01", "1988-12-31")),
    ("000", "A 1994 ceasefire ended the fighting", None, "1994", "year", ("1994-01-01", "1994-12-31")),
    ("000", "still undefined 10 years after the collapse of the Soviet Union", "2001-01-09",
     "10 years after", "relative", None),
    ("001", "During an informal get-together March 27 in Moscow", "2007-04-02",
     "March 27", "partial", ("2007-03-27", "2007-03-27")),
    ("001", "a new law that went into effect April 1 that imposes a ban", "2007-04-02",
     "April 1", "partial", ("2007-04-01", "2007-04-01")),
    ("001", "Starting in late 2006, Azerbaijani-Russian relations took a nosedive", None,
     "late 2006", "month_year", ("2006-09-01", "2006-12-31")),
    ("001", "an informal CIS summit this June.", "2007-04-02", "this June", "partial", ("2007-06-01", "2007-06-30")),
    ("001", "more than double its oil production over the next three years, from 237 million barrels",
     "2007-04-02", "over the next three years", "relative", ("2007-04-02", "2010-04-02")),
    ("001", "Azerbaijan has in recent months sought to bolster support", "2007-04-02",
     "in recent months", "relative", ("2006-10-02", "2007-04-02")),
    ("001", "a breakthrough can be achieved in 2007.", None, "2007", "year", ("2007-01-01", "2007-12-31")),
    ("001", "experienced a surge in 2006 and stood at over \\$1.5 billion for the year", None,
     "2006", "year", ("2006-01-01", "2006-12-31")),
    ("002", "the two countries last year exceeded the $4 billion mark", "2024-08-19",
     "last year", "relative", ("2023-01-01", "2023-12-31")),
    ("002", "increasingly strained since September 2023, when Azerbaijan", None,
     "September 2023", "month_year", ("2023-09-01", "2023-09-30")),
    ("002", "Putin held talks with his Azerbaijani counterpart on Monday as part of a two-day trip",
     "2024-08-19", "on Monday", "relative", ("2024-08-19", "2024-08-19")),
    ("003", "the long-disputed region of Nagorno-Karabakh in 2023.", None,
     "2023", "year", ("2023-01-01", "2023-12-31")),
    ("003", "criticized for severe human rights violations, visited Moscow in April.", "2024-08-19",
     "in April", "partial", ("2024-04-01", "2024-04-30")),
    ("004", "On August 18, Russian President Vladimir Putine mbarked", "2024-08-19",
     "August 18", "partial", ("2024-08-18", "2024-08-18")),
    ("004", "The followingday, August 19, the leaders met privately", "2024-08-19",
     "August 19", "partial", ("2024-08-19", "2024-08-19")),
    ("004", "referencing the tripartite declaration of November 2020, where Russiais", None,
     "November 2020", "month_year", ("2020-11-01", "2020-11-30")),
    ("004", "He underscored that the 2022 Declaration on Allied Interaction", None,
     "2022", "year", ("2022-01-01", "2022-12-31")),
]


@pytest.mark.parametrize("seed, phrase, reference, span, kind, expected", SEED_PHRASES)
def test_seed_phrases(seed, phrase, reference, span, kind, expected):
    assert phrase in seed_text(seed)
    row = one(phrase, reference, span)
    assert row["kind"] == kind
    assert phrase[row["start"]:row["end"]] == span
    assert days(row) == expected


# The whole seeds, resolved against their curated publication day: every expression listed.
SEED_SPANS = {
    "000": ["Last Updated: 07/27/2016", "BAKU, Azerbijan -", "on Tuesday", "1988", "1994", "10 years after"],
    "001": ["2/4/2007", "March 27", "late 2006", "over the next three years", "March 27", "this June",
            "in recent months", "2007", "March 28", "2006", "April 1", "March 28"],
    "002": ["BAKU, Azerbaijan (AP) —", "on Monday", "last year", "September 2023"],
    "003": ["on Monday", "2023", "September 2023", "in April"],
    "004": ["August 18", "August 19", "2022", "November 2020"],
}


@pytest.mark.parametrize("seed", sorted(SEED_SPANS))
def test_every_expression_in_each_seed(seed):
    text = seed_text(seed)
    found = find_dates(text, published(seed))
    assert list(found["span"]) == SEED_SPANS[seed]
    assert all(text[r.start:r.end] == r.span for r in found.itertuples())
    assert (found["start"].to_numpy()[1:] >= found["end"].to_numpy()[:-1]).all()     # in order, no overlaps
    assert set(found["kind"]) <= set(KINDS)
    resolved = found.dropna(subset=["date_start"])
    assert (resolved["date_start"] <= resolved["date_end"]).all()


@pytest.mark.parametrize("seed", sorted(SEED_SPANS))
def test_each_seed_has_an_expression_that_fixes_its_curated_event_date(seed):
    event = pd.Timestamp(METADATA[seed]["event_date"])
    found = find_dates(seed_text(seed), published(seed))
    assert ((found["date_start"] == event) & (found["date_end"] == event)).any()


def test_weekday_is_the_one_on_or_before_the_reference():
    # The 2024 wire stories were published some day in 19-25 August; 'on Monday' is the 19th throughout.
    phrase = "held talks with his Azerbaijani counterpart on Monday"
    for day in pd.date_range("2024-08-19", "2024-08-25"):
        assert days(one(phrase, day)) == ("2024-08-19", "2024-08-19")
    row = one(phrase, "2024-08-19")
    assert row["resolution"].startswith("weekday before reference")
    assert days(one("talks last Tuesday", "2001-01-09")) == ("2001-01-02", "2001-01-02")
    assert days(one("talks next Friday", "2001-01-09")) == ("2001-01-12", "2001-01-12")


def test_day_first_stamp_is_flagged_ambiguous_and_read_near_the_reference():
    stamp = "Sergei Blagov  \nEurasiaNet, NY\n\n2/4/2007\n"
    assert stamp in seed_text("001")
    row = one(stamp, "2007-04-02")
    assert row["kind"] == "absolute" and row["ambiguous"]
    assert days(row) == ("2007-04-02", "2007-04-02")
    assert row["resolution"].startswith("ambiguous, day-first: 2/4/2007 read as 2 April 2007 because")
    no_reference = one(stamp)                                           # US reading, still flagged
    assert days(no_reference) == ("2007-02-04", "2007-02-04") and no_reference["ambiguous"]
    assert days(one(stamp, "2007-04-02", dayfirst=False)) == ("2007-02-04", "2007-02-04")
    assert days(one(stamp, dayfirst=True)) == ("2007-04-02", "2007-04-02")
    assert days(one("filed 2.4.2007")) == ("2007-04-02", "2007-04-02")  # dotted: day-first
    assert not one(". Last Updated: 07/27/2016")["ambiguous"]            # 27 cannot be a month
    assert not one("on 19/08/2024")["ambiguous"]


def test_datelines():
    row = one("BAKU, Azerbijan - Russian President Vladimir Putin held talks", "2001-01-09")
    assert (row["kind"], row["span"], days(row)) == ("dateline", "BAKU, Azerbijan -", ("2001-01-09", "2001-01-09"))
    assert one("BAKU, Azerbijan - Russian President")["date_start"] is pd.NaT
    row = one("\n\nBAKU, Azerbaijan (AP) — Russian leader Vladimir Putin", "2024-08-19", "BAKU, Azerbaijan (AP) —")
    assert row["kind"] == "dateline" and row["start"] == 2
    assert one("MOSCOW (Reuters) - Gazprom said")["kind"] == "dateline"
    row = one("MOSCOW, Aug. 19 (Reuters) - Gazprom said", "2024-08-25")
    assert row["kind"] == "dateline" and days(row) == ("2024-08-19", "2024-08-19")


@pytest.mark.parametrize("text", [
    "a loose grouping of 12 former Soviet states.",
    "Some 35,000 people died in the conflict",
    "stood at over \\$1.5 billion for the year",
    "the possibility of transporting 15 million tons of cargo per year or more",
    "from 237 million barrels to 476 million barrels",
    "invited Aliyev to attend St. Petersburg's 11th International Economic Forum",
    "turnover grew by 34.4% to 2000 tons",
    "took control of the Karabakh regionending three decades of ethnic Armenian separatist rule there.",
    "730094bfc0188003b1815fcbcad793ce",
    "Putin may march on; Armenia's 2000 troops",
    "NATO - the alliance said",
])
def test_quantities_and_durations_are_not_dates(text):
    assert find_dates(text, "2024-08-19").empty


def test_without_reference_relative_and_partial_dates_are_listed_but_unresolved():
    found = find_dates("the two countries last year exceeded the mark, on Monday, on August 18, in 2023")
    assert list(found["kind"]) == ["relative", "relative", "partial", "year"]
    assert found["date_start"].iloc[:3].isna().all() and found["date_end"].iloc[:3].isna().all()
    assert set(found["resolution"].iloc[:3]) == {"no reference"}
    assert days(found.iloc[3]) == ("2023-01-01", "2023-12-31")


def test_december_in_a_january_article_is_the_previous_year():
    assert days(one("Talks began on December 30.", "2001-01-09")) == ("2000-12-30", "2000-12-30")
    assert days(one("Talks began on 30 December.", "2001-01-09")) == ("2000-12-30", "2000-12-30")
    assert days(one("Talks began in December.", "2001-01-09")) == ("2000-12-01", "2000-12-31")
    assert days(one("Talks resume on January 5.", "2000-12-28")) == ("2001-01-05", "2001-01-05")


def test_reference_may_be_str_date_datetime_or_timestamp():
    phrase = "held talks with Azeri President Haydar Aliyev on Tuesday"
    for reference in ("2001-01-09", date(2001, 1, 9), datetime(2001, 1, 9, 18, 30), pd.Timestamp("2001-01-09")):
        assert days(one(phrase, reference)) == ("2001-01-09", "2001-01-09")
    assert one(phrase, pd.NaT)["date_start"] is pd.NaT


def test_full_dates_ranges_and_parts():
    assert days(one("Putin arrived on January 9, 2001, for talks.")) == ("2001-01-09", "2001-01-09")
    assert days(one("Putin arrived on 9 January 2001 for talks.")) == ("2001-01-09", "2001-01-09")
    assert days(one("Filed 2024-08-19.")) == ("2024-08-19", "2024-08-19")
    assert one("on Tuesday, January 9, 2001")["resolution"] == "explicit"
    assert "was a Tuesday, not a Monday" in one("on Monday, January 9, 2001")["resolution"]
    assert days(one("Putin's 18-19 August 2024 state visit")) == ("2024-08-18", "2024-08-19")
    assert days(one("tensions in early 2024")) == ("2024-01-01", "2024-04-30")
    assert days(one("by mid-2024")) == ("2024-05-01", "2024-08-31")
    assert days(one("talks in late August", "2024-08-19")) == ("2024-08-21", "2024-08-31")
    assert days(one("the late 1990s")) == ("1997-01-01", "1999-12-31")
    assert days(one("the 1988-1994 war")) == ("1988-01-01", "1994-12-31")
    assert one("the following day, talks resumed", "2024-08-19")["date_start"] is pd.NaT


def test_empty_and_odd_input():
    empty = find_dates("")
    assert list(empty.columns) == COLUMNS and empty.empty
    assert list(find_dates(None).columns) == COLUMNS
    assert (empty.dtypes == find_dates("in 2001").dtypes).all()
    assert days(one("February 30, 2024")) is None
    assert days(one("999 decades ago", "2024-08-19")) is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("0123456789/.-—, ()$%\nADJMSTadefhilnoprstuy")) | st.characters(), max_size=300),
       st.one_of(st.none(), st.dates(date(1700, 1, 1), date(2200, 12, 31)).map(pd.Timestamp)),
       st.sampled_from([None, True, False]))
def test_never_raises_and_spans_are_substrings(text, reference, dayfirst):
    found = find_dates(text, reference, dayfirst=dayfirst)
    assert list(found.columns) == COLUMNS
    assert all(text[r.start:r.end] == r.span for r in found.itertuples())


# --- issue 17 and 25: clock stamps, tense, year-first dates ------------------------------------

def test_day_month_time_stamp_is_that_day():
    # "13 Oct. 17:20": the clock's hour is not the day (it used to read as 17 October).
    row = one("MOSCOW, 13 Oct. 17:20 — Gazprom said", "2021-10-20")
    assert days(row) == ("2021-10-13", "2021-10-13")
    for stamp in ("13 Oct. 17:20", "Oct. 13, 17:20", "17:20, 13 Oct.", "Published: 13 Oct. 2021, 17:20"):
        row = one(stamp, "2021-10-20")
        assert row["kind"] == "stamp" and days(row) == ("2021-10-13", "2021-10-13"), stamp
    assert one("13 Oct. 17:20")["date_start"] is pd.NaT              # no year, no reference: unresolved


@pytest.mark.parametrize("text, reference, expected", [
    # "told reporters in August" in a story of March 2013 means August 2012 (issue 25).
    ("The minister told reporters in August that the route was the cheapest.", "2013-03-05", ("2012-08-01", "2012-08-31")),
    ("The minister will visit Baku in August to open the terminal.", "2013-03-05", ("2013-08-01", "2013-08-31")),
    ("Talks will be held on Tuesday in Moscow.", "2024-08-21", ("2024-08-27", "2024-08-27")),
    ("Talks were held on Tuesday in Moscow.", "2024-08-21", ("2024-08-20", "2024-08-20")),
    ("The deal is to be signed on March 27 in Baku.", "2007-04-02", ("2008-03-27", "2008-03-27")),
    ("The deal was signed on December 30 in Baku.", "2001-01-09", ("2000-12-30", "2000-12-30")),
    ("Putin said he will visit Baku in August.", "2013-03-05", ("2013-08-01", "2013-08-31")),
    ("Output could recover in May, analysts said.", "2013-03-05", ("2013-05-01", "2013-05-31")),
])
def test_tense_of_the_clause_gives_a_yearless_date_its_direction(text, reference, expected):
    found = find_dates(text, reference)
    found = found[found["kind"].isin(["partial", "relative"])]
    assert len(found) == 1 and days(found.iloc[0]) == expected


def test_year_first_dates():
    assert days(one("Filed 2012/04/24 by the desk")) == ("2012-04-24", "2012-04-24")
    assert days(one("Filed 2012.04.24 by the desk")) == ("2012-04-24", "2012-04-24")
    assert find_dates("code 2012/04/245").empty


def test_update_stamps_are_told_from_publication_stamps():
    from analysis.text.dates import expressions
    found = {e.span: e.is_update_stamp for e in expressions(
        "Published: 2021-05-14\nLast Updated: 2021-05-15\nModified 16.05.2021\nUpdated on 17 May 2021\n"
        "Posted on May 14, 2021")}
    assert found == {"Published: 2021-05-14": False, "Last Updated: 2021-05-15": True,
                     "Modified 16.05.2021": True, "Updated on 17 May 2021": True, "Posted on May 14, 2021": False}


@pytest.mark.parametrize("make", [
    lambda n: "7" * n, lambda n: " " * n, lambda n: "in 2001 " * (n // 8), lambda n: "Oct\n" * (n // 4),
    lambda n: "A" * n + " -", lambda n: "13 Oct. 17:20\n" * (n // 14), lambda n: "2/" * (n // 2),
])
def test_long_runs_are_read_without_error(make):
    text = make(100_000)
    found = find_dates(text, "2024-08-19")
    assert all(text[r.start:r.end] == r.span for r in found.head(50).itertuples())

"""find_dates on real phrases from the seeds; expected days worked out from a calendar."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.dates import COLUMNS, find_dates


def one(text, reference=None, span=None):
    found = find_dates(text, reference)
    if span is not None:
        found = found[found["span"] == span]
    assert len(found) == 1, found
    return found.iloc[0]


def days(row):
    return str(row["date_start"].date()), str(row["date_end"].date())


@pytest.mark.parametrize("text, reference, span, kind, expected", [
    # 2001: 9 January 2001 was a Tuesday.
    ("held talks with Azeri President Haydar Aliyev on Tuesday, smoothing relations", "2001-01-09",
     "on Tuesday", "relative", ("2001-01-09", "2001-01-09")),
    (". Last Updated: 07/27/2016", "2001-01-09", "Last Updated: 07/27/2016", "stamp", ("2016-07-27", "2016-07-27")),
    ("tried to break away from Azeri rule in 1988.", None, "1988", "year", ("1988-01-01", "1988-12-31")),
    ("A 1994 ceasefire ended the fighting", None, "1994", "year", ("1994-01-01", "1994-12-31")),
    # 2007 article, published Monday 2 April 2007.
    ("During an informal get-together March 27 in Moscow", "2007-04-02", "March 27", "partial",
     ("2007-03-27", "2007-03-27")),
    ("a new law that went into effect April 1 that imposes a ban", "2007-04-02", "April 1", "partial",
     ("2007-04-01", "2007-04-01")),
    ("Starting in late 2006, Azerbaijani-Russian relations took a nosedive", None, "late 2006", "month_year",
     ("2006-09-01", "2006-12-31")),
    ("an informal CIS summit this June.", "2007-04-02", "this June", "partial", ("2007-06-01", "2007-06-30")),
    ("to more than double its oil production over the next three years, from 237 million barrels",
     "2007-04-02", "over the next three years", "relative", ("2007-04-02", "2010-04-02")),
    ("Azerbaijan has in recent months sought to bolster support", "2007-04-02", "in recent months",
     "relative", ("2006-10-02", "2007-04-02")),
    # 2024 wires, Monday 19 August 2024.
    ("the two countries last year exceeded the $4 billion mark", "2024-08-19", "last year", "relative",
     ("2023-01-01", "2023-12-31")),
    ("increasingly strained since September 2023, when Azerbaijan waged", None, "September 2023",
     "month_year", ("2023-09-01", "2023-09-30")),
    ("Russian leader Vladimir Putin held talks with his Azerbaijani counterpart on Monday as part",
     "2024-08-19", "on Monday", "relative", ("2024-08-19", "2024-08-19")),
    ("Aliyev, criticized for severe human rights violations, visited Moscow in April.", "2024-08-19",
     "in April", "partial", ("2024-04-01", "2024-04-30")),
    # 2024 analysis piece, which never states its year.
    ("On August 18, Russian President Vladimir Putin embarked on an official visit", "2024-08-19",
     "August 18", "partial", ("2024-08-18", "2024-08-18")),
    ("The following day, August 19, the leaders met privately", "2024-08-19", "August 19", "partial",
     ("2024-08-19", "2024-08-19")),
    ("referencing the tripartite declaration of November 2020, where Russia", None, "November 2020",
     "month_year", ("2020-11-01", "2020-11-30")),
    ("He underscored that the 2022 Declaration on Allied Interaction", None, "2022", "year",
     ("2022-01-01", "2022-12-31")),
])
def test_seed_phrases(text, reference, span, kind, expected):
    row = one(text, reference, span)
    assert row["kind"] == kind
    assert text[row["start"]:row["end"]] == span
    assert days(row) == expected


def test_day_first_stamp_is_flagged_ambiguous_and_read_near_the_reference():
    row = one("Sergei Blagov\nEurasiaNet, NY\n\n2/4/2007", "2007-04-02")
    assert row["ambiguous"]
    assert days(row) == ("2007-04-02", "2007-04-02")
    assert "day-first" in row["resolution"]
    assert days(one("2/4/2007")) == ("2007-02-04", "2007-02-04")        # no reference: US reading
    assert not one("07/27/2016")["ambiguous"]                            # 27 cannot be a month


def test_datelines():
    row = one("BAKU, Azerbaijan (AP) \u2014 Russian leader Vladimir Putin held talks", "2024-08-19",
              "BAKU, Azerbaijan (AP)")
    assert row["kind"] == "dateline" and days(row) == ("2024-08-19", "2024-08-19")
    assert one("BAKU, Azerbijan - Russian President Vladimir Putin")["kind"] == "dateline"


@pytest.mark.parametrize("text", [
    "a loose grouping of 12 former Soviet states.",
    "Some 35,000 people died in the conflict",
    "stood at over $1.5 billion for the year",
    "transporting 15 million tons of cargo per year or more",
    "St. Petersburg's 11th International Economic Forum",
    "turnover grew by 34.4% to 2000 tons",
    "three decades of ethnic Armenian separatist rule",
])
def test_quantities_are_not_dates(text):
    assert find_dates(text, "2024-08-19").empty


def test_without_reference_relative_dates_are_listed_but_unresolved():
    found = find_dates("the two countries last year exceeded the mark, on Monday")
    assert list(found["kind"]) == ["relative", "relative"]
    assert found["date_start"].isna().all()


def test_december_in_a_january_article_is_the_previous_year():
    assert days(one("Talks began on December 30.", "2001-01-09")) == ("2000-12-30", "2000-12-30")
    assert days(one("Talks began on 30 December.", "2001-01-09")) == ("2000-12-30", "2000-12-30")


def test_full_dates_in_both_orders():
    assert days(one("Putin arrived on August 18, 2024, for talks.")) == ("2024-08-18", "2024-08-18")
    assert days(one("Putin arrived on 18 August 2024 for talks.")) == ("2024-08-18", "2024-08-18")
    assert days(one("Putin arrived on Monday, 19 August 2024.")) == ("2024-08-19", "2024-08-19")
    assert days(one("Filed 2024-08-19.")) == ("2024-08-19", "2024-08-19")


def test_empty_and_odd_input():
    assert list(find_dates("").columns) == COLUMNS
    assert find_dates("").empty
    assert find_dates("February 30, 2024")["date_start"].isna().all()


def test_spans_sit_at_their_offsets_in_every_seed(corpus):
    for doc in corpus.itertuples():
        for text in (doc.text_raw, doc.text):
            found = find_dates(text, doc.published_start)
            assert all(text[r.start:r.end] == r.span for r in found.itertuples())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.dates().map(pd.Timestamp)))
def test_never_raises_and_spans_are_substrings(text, reference):
    found = find_dates(text, reference)
    assert all(text[r.start:r.end] == r.span for r in found.itertuples())

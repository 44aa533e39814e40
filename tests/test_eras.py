"""Eras come from one editable file: labels in file order, windows checked, articles outside
every window grouped by calendar year, colours by place in the file."""

import pandas as pd
import pytest

from analysis import eras


def write(tmp_path, text):
    path = tmp_path / "eras.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_file_gives_the_three_eras_in_order():
    table = eras.load_eras()
    assert list(table["era"]) == ["2001 first visit", "2007 gas-price rift", "2024 sanctions era"]
    assert (table["start"] <= table["end"]).all()


def test_a_day_gets_the_era_whose_window_holds_it(tmp_path):
    days = pd.Series(pd.to_datetime(["2001-01-09", "2007-03-27", "2024-08-19"]))
    labels = eras.era_of(days)
    assert list(labels) == ["2001 first visit", "2007 gas-price rift", "2024 sanctions era"]
    assert list(labels.categories) == list(eras.load_eras()["era"])


def test_outside_every_window_an_article_is_grouped_by_its_year():
    first = pd.Series(pd.to_datetime(["2015-03-01", "2007-05-02", "2010-12-30", None]))
    last = pd.Series(pd.to_datetime(["2015-03-01", "2007-05-02", "2011-01-02", None]))
    labels = eras.era_of_interval(first, last)
    assert labels[0] == "2015" and labels[1] == "2007 gas-price rift"
    assert pd.isna(labels[2]) and pd.isna(labels[3])            # spans two years; undated
    assert list(labels.categories) == ["2001 first visit", "2007 gas-price rift", "2015", "2024 sanctions era"]
    assert eras.is_year_group("2015") and not eras.is_year_group("2007 gas-price rift")
    assert eras.era_colour("2015") == eras.OUTSIDE_COLOUR


def test_a_year_inside_one_window_is_enough_for_its_era():
    first, last = pd.Series(pd.to_datetime(["2024-01-01"])), pd.Series(pd.to_datetime(["2024-12-31"]))
    assert eras.era_of_interval(first, last)[0] == "2024 sanctions era"


def test_renamed_and_added_eras_need_no_code(tmp_path):
    path = write(tmp_path, "era,start,end\nbefore,1990-01-01,1999-12-31\nafter,2000-01-01,2030-12-31\n"
                           "later,2031-01-01,2040-12-31\nlast,2041-01-01,2050-12-31\n")
    table = eras.load_eras(path)
    assert list(table["era"]) == ["before", "after", "later", "last"]
    assert eras.era_colour("after", table) == eras.PALETTE[1]
    assert eras.era_of(pd.Series(pd.to_datetime(["2024-08-19"])), table)[0] == "after"


@pytest.mark.parametrize("text, message", [
    ("era,start\nx,2001-01-01\n", "needs the columns"),
    ("era,start,end\nx,2001-13-01,2002-01-01\n", "is not a day"),
    ("era,start,end\nx,2003-01-01,2002-01-01\n", "end before they start"),
    ("era,start,end\nx,2001-01-01,2005-01-01\ny,2004-01-01,2006-01-01\n", "overlap"),
    ("era,start,end\nx,2001-01-01,2002-01-01\nx,2004-01-01,2006-01-01\n", "label of its own"),
    ("era,start,end\nx,2001-01-01,2002-01-01\ny,2004-01-01,2006-01-01,extra\n", "cannot be read"),
])
def test_a_bad_eras_file_is_refused_by_name(tmp_path, text, message):
    with pytest.raises(eras.ErasError, match=message):
        eras.load_eras(write(tmp_path, text))


def test_a_colour_column_overrides_the_palette(tmp_path):
    path = write(tmp_path, "era,start,end,colour\na,2000-01-01,2001-12-31,#000000\nb,2002-01-01,2003-12-31,\n")
    table = eras.load_eras(path)
    assert list(table["colour"]) == ["#000000", eras.PALETTE[1]]

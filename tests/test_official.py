"""Official series beside the press figures: bounds on both sides, 'unknown' for a year
without a value, the path described from the table, and a projection drawn from its base year."""

import pandas as pd
import pytest

from analysis import official
from analysis.views import trade_figures as views


def _trade(rows):
    table = pd.DataFrame(rows, columns=["year", "value_usd", "bound", "rounding_usd"])
    for column, value in [("reporter", "Azerbaijan"), ("source", "a customs agency"), ("source_type", "reported"),
                          ("citation_or_url", "https://example.org/t"), ("date_read", "2026-12-03")]:
        table[column] = value
    return table


def _write(tmp_path, table):
    path = tmp_path / "trade.csv"
    table.to_csv(path, index=False)
    return official.official_trade(path)


def _press(year, value, qualifier):
    return pd.DataFrame([{"doc_id": "d", "outlet": "o", "span": "s", "year": year, "value": value,
                          "qualifier": qualifier}])


def test_a_floor_agrees_with_values_above_it_and_a_missing_year_is_unknown(tmp_path):
    trade = _write(tmp_path, _trade([(2023, 4.4e9, "approx", 5e7), (2014, 1.96e9, "approx", 5e6),
                                     (2014, 4.0e9, "approx", 5e8)]))
    assert official.agreement(_press(2023, 4e9, "at_least"), trade)["verdict"].item() == "agrees"
    assert official.agreement(_press(2023, 5e9, "at_least"), trade)["verdict"].item() == "disagrees"
    # the two customs services disagree about 2014: a floor of $3bn fits one and not the other
    assert official.agreement(_press(2014, 3e9, "at_least"), trade)["verdict"].item() == "mixed"
    assert official.agreement(_press(2006, 1.5e9, "at_least"), trade)["verdict"].item() == \
        "unknown (no official value for 2006)"


def test_the_path_names_its_dip_and_the_share_of_the_rise_before_2022(tmp_path):
    trade = _write(tmp_path, _trade([(2000, 1e9, "approx", 0), (2013, 3e9, "approx", 0), (2016, 2e9, "approx", 0),
                                     (2021, 3e9, "approx", 0), (2024, 5e9, "approx", 0)]))
    summary = official.path_summary(trade)
    assert summary["dips"] == [2016]                 # 2021 is back at 2013's level, not below it
    assert summary["share_before"] == pytest.approx(0.5)     # (3 - 1) / (5 - 1)
    assert "lowest $2.00bn in 2016" in official.path_sentence(summary)


def test_a_table_with_a_bad_bound_or_a_missing_column_names_the_file(tmp_path):
    table = _trade([(2023, 4.4e9, "roughly", 5e7)])
    with pytest.raises(ValueError, match="trade.csv: bound 'roughly'"):
        _write(tmp_path, table)
    path = tmp_path / "trade.csv"
    table.drop(columns="source").to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"trade.csv lacks column\(s\) \['source'\]"):
        official.official_trade(path)


def test_the_curated_oil_series_gives_the_2010_peak():
    oil = official.official_oil().set_index("year")["value"]
    assert oil.idxmax() == 2010 and 1000 < oil[2010] < 1050       # thousand barrels a day
    assert 640 < oil[2006] < 650                                   # 237m barrels a year = 649 thousand a day


def test_an_annual_level_stated_as_now_describes_the_year_before_publication(corpus):
    from analysis import quantity_table
    oil = views.projections(quantity_table(corpus))
    row = oil.set_index("doc_id").loc["eurasianet-2007"]            # "from 237 million barrels to 476 ..." (2007)
    assert (row["base_year"], row["end_year"]) == (2006, 2010)
    assert "last full year" in row["base_note"]


def test_no_line_divides_a_stock_by_a_flow_or_freight_by_oil(corpus):
    from analysis import quantity_table
    quantities = quantity_table(corpus)
    lines = " ".join(views.transit_beside_energy(views.figures_by_theme(quantities, corpus)))
    summary = views.summary(quantities, corpus)
    for text in (lines, summary):
        assert "of one year's turnover" not in text and "by weight of the oil output" not in text


def test_a_sentence_with_several_figures_of_one_theme_counts_once(corpus):
    from analysis import quantity_table
    quantities = quantity_table(corpus)
    counts = views.figures_by_theme(quantities, corpus)
    energy = quantities[quantities["theme"] == "energy"]
    assert len(energy) > energy[["doc_id", "sentence"]].drop_duplicates().shape[0]   # several in one sentence
    assert counts.loc["energy"].sum() == energy[["doc_id", "sentence"]].drop_duplicates().shape[0]

"""Theme precision (issues 19 and 24): the seed census of hand verdicts covers every hit, the
sheet draws hits stratified by term, precision is computed as worked out by hand, and the
dictionary meets its targets on the hand-written sentences."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.theme_precision import (SEED_VERDICTS, coverage, main, read_gold, read_sheet,
                                      score_gold, shares_with_and_without, theme_precision,
                                      theme_sheet, verdicts_for)
from analysis.themes import theme_order

GOLD = Path(__file__).parent / "fixtures" / "theme_gold.csv"


@pytest.fixture(scope="module")
def sentences(corpus):
    return analysis.sentences(corpus)


def test_seed_census_judges_every_hit_once(sentences):
    joined = verdicts_for(sentences)
    assert joined["verdict"].notna().all(), joined[joined["verdict"].isna()][["doc_id", "span"]]
    census = read_sheet(SEED_VERDICTS)
    assert len(census) == len(joined), "a verdict row has no hit: re-judge the seed census"
    assert coverage(sentences) == {"hits": len(joined), "judged": len(joined), "share": 1.0}


def test_seed_census_records_the_issue_19_false_positives_as_fixed(sentences):
    census = read_sheet(SEED_VERDICTS)
    # the verb 'borders', gas pricing and the migration law's 'goods'/'markets' no longer hit
    verb = census[(census["doc_id"] == "mt-2001") & census["sentence"].str.contains("which borders")]
    assert set(verb["span"]) == {"war"}
    law = census[census["sentence"].str.contains("selling goods at markets")]
    assert list(law["theme"]) == ["society & culture"]
    pricing = census[census["sentence"].str.contains("pricing negotiations")]
    assert "trade & investment" not in set(pricing["theme"])
    # the EU as an energy customer counts for the West, never for sanctions
    eu = census[census["span"] == "European Union"]
    assert list(eu["theme"]) == ["the West"]


def test_precision_from_a_census_is_the_share_of_right_rows():
    census = read_sheet(SEED_VERDICTS)
    result = theme_precision(census)
    by_theme = result.themes.set_index("theme")
    for theme, part in census.groupby("theme"):
        assert by_theme.loc[theme, "precision"] == pytest.approx(part["verdict"].mean())
        assert by_theme.loc[theme, "effective n"] == len(part)
        assert by_theme.loc[theme, "low"] <= by_theme.loc[theme, "precision"] <= by_theme.loc[theme, "high"]


def test_weighted_precision_by_hand():
    # theme A: term x has 8 hits, 2 judged (1 right); term y has 2 hits, 2 judged (both right).
    # weights: x rows 8/2 = 4, y rows 2/2 = 1. precision = (4*1 + 4*0 + 1 + 1) / 10 = 0.6;
    # Kish n = 10^2 / (16 + 16 + 1 + 1) = 100 / 34 = 2.94
    sheet = pd.DataFrame({"theme": ["A"] * 4, "term": ["x", "x", "y", "y"],
                          "term_hits": [8, 8, 2, 2], "term_sampled": [2, 2, 2, 2],
                          "verdict": ["1", "0", "yes", "y"]})
    result = theme_precision(sheet)
    row = result.themes.iloc[0]
    assert row["precision"] == pytest.approx(0.6)
    assert row["effective n"] == pytest.approx(2.9, abs=0.05)
    terms = result.terms.set_index("term")
    assert terms.loc["x", "precision"] == 0.5 and not terms.loc["x", "flagged"]
    assert terms.loc["y", "precision"] == 1.0


def test_terms_under_half_are_flagged_and_blank_verdicts_are_left_out():
    sheet = pd.DataFrame({"theme": ["A"] * 4, "term": ["x", "x", "x", "y"],
                          "verdict": ["0", "0", "", "1"]})
    result = theme_precision(sheet)
    assert result.themes.iloc[0]["judged"] == 3 and result.themes.iloc[0]["rows"] == 4
    assert result.themes.iloc[0]["flagged terms"] == "x"


def test_a_verdict_that_is_not_yes_or_no_is_refused(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("theme,term,verdict\nA,x,maybe\n")
    with pytest.raises(ValueError, match="row 1"):
        read_sheet(path)


def test_sheet_is_stratified_by_term_and_reproducible(corpus):
    a = theme_sheet(corpus, n=6, seed=1)
    b = theme_sheet(corpus, n=6, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert (a.groupby("theme").size() <= 6).all()
    assert set(a["theme"]) == set(theme_order())
    assert a["verdict"].eq("").all()
    # diplomacy has more than six terms with hits: six different terms, one each
    diplomacy = a[a["theme"] == "diplomacy & protocol"]
    assert diplomacy["term"].nunique() == 6 and (diplomacy["term_sampled"] == 1).all()
    # a theme with fewer hits than n gets all of them
    borders = a[a["theme"] == "borders"]
    assert len(borders) == 3 and (borders["term_sampled"] == borders["term_hits"]).all()


def test_sheet_round_trip_through_the_command_line(tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    assert main(["--n", "4", "--out", str(out)]) == 0
    sheet = pd.read_csv(out, keep_default_na=False)
    sheet["verdict"] = 1
    sheet.to_csv(out, index=False)
    assert main(["--score", str(out)]) == 0
    assert "precision" in capsys.readouterr().out


def test_shares_without_flagged_terms(sentences):
    table = shares_with_and_without(sentences, ["visit"])
    era = "2024 sanctions era"        # 'visit' stands in strategianews-2024 and dpa-2024
    assert table.loc["diplomacy & protocol", (era, "without flagged")] < \
        table.loc["diplomacy & protocol", (era, "all terms")]
    assert np.allclose(table.xs("all terms", axis=1, level=1).sum(), 100, atol=0.5)


def test_gold_has_120_sentences_in_every_theme_and_kind():
    gold = read_gold(GOLD)
    assert len(gold) >= 120
    assert set(gold["kind"]) == {"plain", "collision", "sense", "name"}
    themes = {item.split("=")[0].strip() for cell in gold["gold"] for item in cell.split(";") if item.strip()}
    assert themes == set(theme_order())


def test_dictionary_meets_its_targets_on_the_gold_sentences():
    table = score_gold(read_gold(GOLD)).drop(index="all")
    assert (table["precision"] >= 0.9).all(), table[table["precision"] < 0.9]
    assert (table["recall"] >= 0.8).all(), table[table["recall"] < 0.8]


def test_gold_refuses_words_not_in_the_sentence(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("id,kind,sentence,gold,note\ng1,plain,Oil rose.,energy & pipelines=gas,\n")
    with pytest.raises(ValueError, match="gas"):
        read_gold(path)

"""The coding sheet: a stratified, reproducible draw of sentences, and reading it back."""

import pandas as pd
import pytest

from analysis.codesheet import code_sheet, main, read_sheet, write_sheet
from analysis.text.segment import sentences


def test_every_era_and_outlet_is_drawn_and_rows_are_real_sentences(corpus):
    sheet = code_sheet(corpus, n=12)
    assert len(sheet) == 12
    strata = set(zip(corpus["era"].astype(str), corpus["outlet"]))
    assert set(zip(sheet["era"], sheet["outlet"])) == strata      # five articles, five strata
    units = sentences(corpus).set_index(["doc_id", "position"])["text"]
    assert all(units[(r.doc_id, r.position)] == r.text for r in sheet.itertuples())
    assert (sheet["code"] == "").all()


def test_the_draw_is_reproducible_and_depends_on_the_seed(corpus):
    assert code_sheet(corpus, n=12).equals(code_sheet(corpus, n=12))
    assert not code_sheet(corpus, n=12).equals(code_sheet(corpus, n=12, seed=7))


def test_a_sheet_larger_than_the_corpus_holds_every_sentence_once(corpus):
    sheet = code_sheet(corpus, n=10_000)
    assert len(sheet) == len(sentences(corpus)) == len(sheet.drop_duplicates(["doc_id", "position"]))


def test_a_filled_sheet_reads_back_with_blank_rows_counted(corpus, tmp_path):
    sheet = code_sheet(corpus, n=6)
    sheet.loc[0, "code"], sheet.loc[1, "code"] = "Positive", "negative"
    path = tmp_path / "sheet.csv"
    write_sheet(sheet, path)
    assert path.read_text().startswith("# Code each sentence")
    assert "**negative**" in path.read_text()                      # the rule travels with the sheet
    coded = read_sheet(path)
    assert coded["code"].tolist() == ["positive", "negative"]
    assert coded.attrs["uncoded"] == 4
    assert coded["text"].tolist() == sheet["text"].iloc[:2].tolist()


def test_a_code_that_is_not_one_of_the_three_names_its_row(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("doc_id,position,code,note,text\na,0,positive,,One.\na,1,warm,,Two.\n")
    with pytest.raises(ValueError, match="row 2.*'warm'"):
        read_sheet(path)


def test_command_writes_a_sheet(tmp_path, capsys):
    out = tmp_path / "codes.csv"
    assert main(["--n", "5", "--out", str(out)]) == 0
    assert "5 sentences to code" in capsys.readouterr().out
    assert len(read_sheet(out)) == 0                              # nothing coded yet
    assert len(pd.read_csv(out, skiprows=len(out.read_text().split("\ndoc_id,")[0].splitlines()))) == 5

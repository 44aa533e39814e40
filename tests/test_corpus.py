"""Loading: checksums, curated dates that agree with the text, and clear errors on bad input."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.config import SEEDS_DIR
from analysis.corpus import CorpusError, load_corpus

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_metadata_checksums_match_files(corpus):
    for file, digest in zip(corpus["file"], corpus["sha256"]):
        assert sha256(SEEDS_DIR / file) == digest


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared raw corpus is not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_originals():
    originals = sorted(SHARED_SEEDS.glob("*.txt"))
    assert originals
    for original in originals:
        assert (SEEDS_DIR / original.name).read_bytes() == original.read_bytes()


def test_one_row_per_article_sorted_by_event_date(corpus):
    assert len(corpus) == 5
    assert corpus["event_date"].is_monotonic_increasing
    assert corpus["doc_id"].is_unique
    for column in ["doc_id", "file", "title", "outlet", "author", "place", "event_date", "published",
                   "date_evidence", "sha256", "text_raw", "text", "n_words", "era"]:
        assert column in corpus.columns
    assert (corpus["n_words"] > 100).all()
    assert list(corpus["era"].astype(str)) == ["2001 first visit", "2007 gas-price rift"] + ["2024 sanctions era"] * 3


def test_word_count_by_hand():
    assert analysis.corpus.count_words("Russia's trade rose to $1.5 billion in 2006 - a two-fold rise.") == 11


def test_curated_dates_agree_with_the_text(corpus):
    row = corpus.set_index("doc_id")
    # "held talks ... on Tuesday" (2001) and "on Monday" (2024 wires): the weekday must match.
    assert row.loc["mt-2001", "event_date"].day_name() == "Tuesday"
    assert row.loc["ap-2024", "event_date"].day_name() == "Monday"
    assert row.loc["dpa-2024", "event_date"].day_name() == "Monday"
    # "The following day, August 19" in an article that never states its year.
    assert row.loc["strategianews-2024", "event_date"] == pd.Timestamp("2024-08-19")
    # "2/4/2007" is day-first: the text reports a law that "went into effect April 1".
    assert row.loc["eurasianet-2007", "published_start"] == pd.Timestamp("2007-04-02")
    assert row.loc["eurasianet-2007", "event_date"] == pd.Timestamp("2007-03-27")
    # The page stamp "Last Updated: 07/27/2016" is not the publication date.
    assert row.loc["mt-2001", "published_end"].year == 2001
    assert (corpus["published_start"] >= corpus["event_date"]).all()


def test_loads_any_folder_laid_out_like_seeds(seed_copy):
    copy = load_corpus(seed_copy)
    assert list(copy["doc_id"]) == list(load_corpus()["doc_id"])


def test_modified_file_is_an_error_naming_it(seed_copy):
    path = seed_copy / "002_ab8a3d9295534d9c.txt"
    path.write_bytes(path.read_bytes().replace(b"$4 billion", b"$5 billion"))
    with pytest.raises(CorpusError, match="002_ab8a3d9295534d9c.txt.*changed"):
        load_corpus(seed_copy)


def test_file_without_metadata_row_is_an_error_naming_it(seed_copy):
    (seed_copy / "005_new_article.txt").write_text("Putin visited Baku.", encoding="utf-8")
    with pytest.raises(CorpusError, match="005_new_article.txt.*no row in metadata"):
        load_corpus(seed_copy)


def test_missing_file_is_an_error_naming_it(seed_copy):
    (seed_copy / "003_33dcc1077882f6d9.txt").unlink()
    with pytest.raises(CorpusError, match="003_33dcc1077882f6d9.txt"):
        load_corpus(seed_copy)


def _add_article(folder: Path, name: str, data: bytes, **fields) -> None:
    (folder / name).write_bytes(data)
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False)
    row = {c: "" for c in meta.columns}
    row.update(doc_id=name.split(".")[0], file=name, title="t", outlet="o", place="Baku",
               event_date="2024-08-19", published="2024-08-19", date_evidence="test",
               sha256=hashlib.sha256(data).hexdigest())
    row.update(fields)
    pd.concat([meta, pd.DataFrame([row])]).to_csv(folder / "metadata.csv", index=False)


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"  \n\n  ", "empty"),
    ("Baku talks \u2014 caf\u00e9".encode("cp1252"), "not valid UTF-8"),
    (b"<html><head><title>x</title></head><body><div><p>Putin in Baku</p></div></body></html>", "HTML"),
])
def test_bad_article_files_are_clear_errors(seed_copy, data, message):
    _add_article(seed_copy, "009_bad.txt", data)
    with pytest.raises(CorpusError, match=f"009_bad.txt.*{message}"):
        load_corpus(seed_copy)


def test_impossible_date_in_metadata_is_an_error(seed_copy):
    _add_article(seed_copy, "009_date.txt", b"Putin met Aliyev in Baku on Monday.", event_date="2024-02-30")
    with pytest.raises(CorpusError, match="009_date.txt.*event_date"):
        load_corpus(seed_copy)


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus folder"):
        load_corpus(tmp_path / "nowhere")


def test_corpus_checksum_is_stable_and_sensitive(corpus):
    digest = analysis.corpus_checksum(corpus)
    assert digest == analysis.corpus_checksum(corpus.iloc[::-1])
    assert digest != analysis.corpus_checksum(corpus.iloc[1:])


def test_fifty_megabyte_file_is_refused(seed_copy):
    _add_article(seed_copy, "009_export.txt", b"Putin met Aliyev. " * (50 * 1024 * 1024 // 18))
    with pytest.raises(CorpusError, match="009_export.txt.*too large"):
        load_corpus(seed_copy)


def test_duplicate_article_under_two_names_is_an_error_naming_both(seed_copy):
    data = (seed_copy / "003_33dcc1077882f6d9.txt").read_bytes()
    _add_article(seed_copy, "009_copy_of_dpa.txt", data)
    with pytest.raises(CorpusError, match="003_33dcc1077882f6d9.txt = 009_copy_of_dpa.txt"):
        load_corpus(seed_copy)


def test_same_story_with_different_page_furniture_warns(seed_copy):
    data = (seed_copy / "003_33dcc1077882f6d9.txt").read_bytes() + b"\n\nScroll to Top\n"
    _add_article(seed_copy, "009_dpa_again.txt", data)
    with pytest.warns(analysis.corpus.CorpusWarning, match="009_dpa_again.txt"):
        corpus = load_corpus(seed_copy)
    assert len(corpus) == 6          # nothing is silently dropped


ARTICLE_A = ("Putin visits Baku\n\nBAKU, Azerbaijan (AP) — Vladimir Putin met Ilham Aliyev on "
             "August 19, 2024, and said trade had grown.")
ARTICLE_B = "Talks in Moscow\n\nOn 27 March 2007 Ilham Aliyev met Vladimir Putin in Moscow."


def test_plain_folder_without_metadata_gets_inferred_dates(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    with pytest.warns(analysis.corpus.CorpusWarning, match="inferred"):
        corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["b", "a"]
    assert list(corpus["event_date"]) == [pd.Timestamp("2007-03-27"), pd.Timestamp("2024-08-19")]
    assert corpus["dates_inferred"].all()
    assert list(corpus["era"].astype(str)) == ["2007 gas-price rift", "2024 sanctions era"]


def test_csv_and_jsonl_exports(tmp_path):
    table = pd.DataFrame({"text": [ARTICLE_A, ARTICLE_B], "outlet": ["AP", "EurasiaNet"],
                          "event_date": ["", "2007-03-27"], "published": ["", "2007-04-02"]})
    table.to_csv(tmp_path / "export.csv", index=False)
    table.to_json(tmp_path / "export.jsonl", orient="records", lines=True)
    for name in ("export.csv", "export.jsonl"):
        with pytest.warns(analysis.corpus.CorpusWarning, match="1 article"):
            corpus = load_corpus(tmp_path / name)
        by_outlet = corpus.set_index("outlet")
        assert by_outlet.loc["EurasiaNet", "published_start"] == pd.Timestamp("2007-04-02")
        assert not by_outlet.loc["EurasiaNet", "dates_inferred"]
        assert by_outlet.loc["AP", "dates_inferred"]
        assert by_outlet.loc["AP", "event_date"] == pd.Timestamp("2024-08-19")


def test_export_without_text_column_or_with_empty_text(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(CorpusError, match="bad.csv.*'text' column"):
        load_corpus(tmp_path / "bad.csv")
    pd.DataFrame({"text": [ARTICLE_A, "  "]}).to_csv(tmp_path / "gap.csv", index=False)
    with pytest.raises(CorpusError, match="gap.csv row 2.*empty"):
        load_corpus(tmp_path / "gap.csv")

"""Loading: checksums, curated dates that agree with the text, and clear errors on bad input."""

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.config import SEEDS_DIR
from analysis.corpus import CorpusError, CorpusWarning, load_corpus

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_metadata_checksums_match_files(corpus):
    for file, digest in zip(corpus["file"], corpus["sha256"]):
        assert sha256(SEEDS_DIR / file) == digest


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
    assert analysis.text.words.count_words("Russia's trade rose to $1.5 billion in 2006 - a two-fold rise.") == 11


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
    pd.DataFrame({"words": ["x"]}).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(CorpusError, match="bad.csv: no article text column.*--columns text="):
        load_corpus(tmp_path / "bad.csv")
    pd.DataFrame({"text": [ARTICLE_A, "  "]}).to_csv(tmp_path / "gap.csv", index=False)
    with pytest.warns(CorpusWarning, match="gap.csv row 2: set aside"):
        corpus = load_corpus(tmp_path / "gap.csv")
    assert len(corpus) == 1 and corpus.attrs["intake"]["read"] == 2
    assert corpus.attrs["intake"]["set_aside"] == [{"file": "gap.csv row 2", "step": "reading",
                                                   "error": "the article text is empty"}]
    with pytest.raises(CorpusError, match="gap.csv row 2.*empty"):
        load_corpus(tmp_path / "gap.csv", strict=True)


# --- issue 25: dates travel with every article; supplied dates win ------------------------------

def test_curated_seeds_keep_their_dates_and_carry_precision_and_source(corpus):
    meta = pd.read_csv(SEEDS_DIR / "metadata.csv", dtype=str).set_index("doc_id")
    row = corpus.set_index("doc_id")
    for doc_id, curated in meta.iterrows():
        assert row.loc[doc_id, "event_date"] == pd.Timestamp(curated["event_date"])
        assert row.loc[doc_id, "published"] == curated["published"]
        assert row.loc[doc_id, "date_evidence"] == curated["date_evidence"]
    assert (corpus["event_end"] == corpus["event_date"]).all()
    assert set(corpus["event_precision"]) == {"day"} and set(corpus["date_source"]) == {"supplied"}
    assert not corpus["dates_inferred"].any() and corpus.attrs["set_aside"] == []


def test_curated_seeds_load_without_a_warning():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus()


ARTICLE_MONDAY = ("Presidents discuss transit\n\nThe presidents held talks in Baku on Monday about the transit "
                  "corridor and the volume of freight it could carry.")


@pytest.mark.parametrize("column, value, published", [
    ("published", "2024-08-20", "2024-08-20"),
    ("date", "2024-08-20T09:00:00+04:00", "2024-08-20"),
    ("publish_date", "20 August 2024", "2024-08-20"),
    ("pubdate", "Tue, 20 Aug 2024 09:00:00 +0000", "2024-08-20"),
    ("timestamp", "1724144400", "2024-08-20"),
])
def test_supplied_publication_column_wins_and_anchors_the_lead(tmp_path, column, value, published):
    pd.DataFrame({"text": [ARTICLE_MONDAY], column: [value]}).to_csv(tmp_path / "export.csv", index=False)
    with pytest.warns(analysis.corpus.CorpusWarning, match="inferred"):
        row = load_corpus(tmp_path / "export.csv").iloc[0]
    assert row["published"] == published
    assert row["event_date"] == pd.Timestamp("2024-08-19") and row["event_precision"] == "day"
    assert row["date_source"] == "relative" and f"column '{column}'" in row["date_evidence"]
    assert row["era"] == "2024 sanctions era"


def test_numeric_dates_in_a_column_are_read_the_way_the_column_writes_them(tmp_path):
    table = pd.DataFrame({"text": [ARTICLE_A, ARTICLE_B, "Trade talks\n\nOfficials met to discuss trade."],
                          "date": ["19/08/2024", "02/04/2007", "04/11/2016"]})
    table.to_csv(tmp_path / "export.csv", index=False)
    with pytest.warns(analysis.corpus.CorpusWarning):
        corpus = load_corpus(tmp_path / "export.csv").set_index("file")
    assert corpus.loc["export.csv row 2", "published_start"] == pd.Timestamp("2007-04-02")   # day-first column
    assert corpus.loc["export.csv row 3", "published"] == "2016-11-04"


def test_text_contradicting_a_supplied_date_is_named(tmp_path):
    text = ("Trade figures\n\nTrade rose in 2023, the committee said, and officials met in February 2025 "
            "to discuss further growth in food exports.")
    pd.DataFrame({"text": [text], "published": ["2021-03-01"]}).to_csv(tmp_path / "export.csv", index=False)
    with pytest.warns(analysis.corpus.CorpusWarning, match=r"export.csv row 1: .*'February 2025'"):
        row = load_corpus(tmp_path / "export.csv").iloc[0]
    assert row["published"] == "2021-03-01"                         # the supplied date still wins


def test_undated_articles_keep_an_empty_date_and_a_reason(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "years.txt").write_text("Grain\n\nOfficials discussed grain supplies, building on a deal "
                                        "first signed in 2008 and expanded in 2014.", encoding="utf-8")
    with pytest.warns(analysis.corpus.CorpusWarning, match=r"no date could be found for \['years.txt'\]"):
        corpus = load_corpus(tmp_path).set_index("doc_id")
    assert pd.isna(corpus.loc["years", "event_date"]) and pd.isna(corpus.loc["years", "era"])
    assert corpus.loc["years", "event_precision"] == "" and corpus.loc["years", "date_source"] == "none"
    assert "2008, 2014" in corpus.loc["years", "date_evidence"]
    assert list(corpus.index) == ["a", "years"]                     # undated articles sort last


def test_a_year_inside_one_era_window_is_enough_for_its_era():
    first = pd.Series(pd.to_datetime(["2007-01-01", "2003-06-01", "2005-01-01"]))
    last = pd.Series(pd.to_datetime(["2007-12-31", "2006-06-01", "2005-12-31"]))
    eras = analysis.corpus.era_of_interval(first, last)
    # 2003-2006 lies in no one window and spans years: no group; 2005 is outside every window,
    # so it is grouped by its calendar year (issue 18), never guessed into a neighbouring era.
    assert list(pd.Series(eras).astype(object).fillna("none")) == ["2007 gas-price rift", "none", "2005"]


def test_a_failing_article_is_set_aside_by_name(tmp_path, monkeypatch):
    import analysis.text.dating
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    real = analysis.text.dating.date_article

    def failing(text, *args, **kwargs):
        if "Moscow" in text:
            raise ZeroDivisionError("simulated")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(analysis.text.dating, "date_article", failing)
    with pytest.warns(analysis.corpus.CorpusWarning, match=r"b.txt: set aside.*ZeroDivisionError"):
        corpus = load_corpus(tmp_path)
    assert list(corpus["doc_id"]) == ["a"]
    assert corpus.attrs["set_aside"] == [{"file": "b.txt", "step": "dating", "error": "ZeroDivisionError: simulated"}]
    with pytest.raises(CorpusError, match=r"b.txt: dating failed \(ZeroDivisionError: simulated\)"):
        load_corpus(tmp_path, strict=True)


def test_the_curated_corpus_is_always_strict(seed_copy, monkeypatch):
    import analysis.text.dating
    monkeypatch.setattr(analysis.text.dating, "date_article", lambda *a, **k: 1 / 0)
    with pytest.raises(CorpusError, match=r"\.txt: dating failed \(ZeroDivisionError"):
        load_corpus(seed_copy)


def test_bad_supplied_date_in_an_export_sets_the_row_aside(tmp_path):
    pd.DataFrame({"text": [ARTICLE_A, ARTICLE_B], "published": ["2024-02-30", "2007-04-02"]}).to_csv(
        tmp_path / "export.csv", index=False)
    with pytest.warns(analysis.corpus.CorpusWarning, match=r"export.csv row 1: set aside.*2024-02-30"):
        corpus = load_corpus(tmp_path / "export.csv")
    assert list(corpus["file"]) == ["export.csv row 2"]


# --- issue 18: saved web pages ------------------------------------------------------------------

HTML_PAGES = Path(__file__).parent / "fixtures" / "html_pages"


def test_folder_of_saved_web_pages(tmp_path):
    for page in HTML_PAGES.iterdir():
        shutil.copy(page, tmp_path)
    with pytest.warns(analysis.corpus.CorpusWarning, match="3 article"):
        corpus = load_corpus(tmp_path).set_index("doc_id")
    wire = corpus.loc["caspian_wire_transit"]
    assert (wire["title"], wire["outlet"]) == ("Presidents discuss the transit corridor", "Caspian Wire")
    assert wire["text_raw"].startswith("Presidents discuss the transit corridor\n\nThe presidents of Russia")
    assert "<" not in wire["text_raw"] and "Share this article" not in wire["text_raw"]
    assert wire["published"] == "2024-08-20" and wire["event_date"] == pd.Timestamp("2024-08-19")
    assert 'article:published_time" content="2024-08-20T09:00:00+04:00"' in wire["date_evidence"]
    ferry = corpus.loc["harbour_news_ferry"]
    assert ferry["event_date"] == pd.Timestamp("2021-05-14") and ferry["date_source"] == "supplied"
    assert '"datePublished": "2021-05-14T08:30:00Z"' in ferry["date_evidence"]
    gas = corpus.loc["steppe_review_gas"]                          # a .htm page with a visible stamp
    assert gas["event_date"] == pd.Timestamp("2007-03-27") and "'Published: 2 April 2007'" in gas["date_evidence"]
    assert corpus["dates_inferred"].all()                          # dates found in pages are marked inferred
    assert corpus["n_words"].gt(40).all()


def test_html_name_without_html_inside_is_an_error_naming_it(tmp_path):
    (tmp_path / "page.html").write_text("Just words, no markup at all.", encoding="utf-8")
    with pytest.raises(CorpusError, match="page.html.*no HTML"):
        load_corpus(tmp_path)


def test_html_page_inside_a_txt_is_still_refused(tmp_path):
    shutil.copy(HTML_PAGES / "caspian_wire_transit.html", tmp_path / "saved.txt")
    with pytest.raises(CorpusError, match="saved.txt.*HTML"):
        load_corpus(tmp_path)


# --- the review loop ----------------------------------------------------------------------------

def test_review_sheet_round_trip(tmp_path):
    from analysis.dates_review import SHEET_COLUMNS, main
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "monday.txt").write_text(ARTICLE_MONDAY, encoding="utf-8")
    sheet_path = tmp_path / "dates.csv"
    assert main(["--corpus", str(folder), "--out", str(sheet_path)]) == 0
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    assert list(sheet.columns) == SHEET_COLUMNS and list(sheet["doc_id"]) == ["monday", "a"]   # undated first
    assert (sheet["corrected_event_date"] == "").all()
    assert sheet.set_index("doc_id").loc["a", "event_date"] == "2024-08-19"
    assert sheet.set_index("doc_id").loc["monday", "date_source"] == "none"

    sheet.loc[sheet["doc_id"] == "monday", ["corrected_event_date", "note"]] = ["2024-08-19", "AP wire, 19 Aug"]
    sheet.loc[sheet["doc_id"] == "a", "corrected_event_date"] = "2024-08"
    sheet.to_csv(sheet_path, index=False)
    corpus = load_corpus(folder, dates=sheet_path).set_index("doc_id")
    assert corpus.loc["monday", "event_date"] == pd.Timestamp("2024-08-19")
    assert corpus.loc["monday", "date_source"] == "researcher" and not corpus.loc["monday", "dates_inferred"]
    assert corpus.loc["monday", "date_evidence"].startswith("corrected by the researcher (dates.csv): AP wire")
    assert corpus.loc["monday", "era"] == "2024 sanctions era"
    assert (corpus.loc["a", "event_precision"], corpus.loc["a", "event_end"]) == ("month", pd.Timestamp("2024-08-31"))


def test_review_sheet_errors_name_the_article(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    sheet = tmp_path / "dates.csv"
    pd.DataFrame({"doc_id": ["a"], "corrected_event_date": ["19.19.2024"]}).to_csv(sheet, index=False)
    with pytest.raises(CorpusError, match="dates.csv a: corrected_event_date"):
        load_corpus(tmp_path, dates=sheet)
    pd.DataFrame({"doc_id": ["a", "ghost"], "corrected_event_date": ["undated", "2024"]}).to_csv(sheet, index=False)
    with pytest.warns(analysis.corpus.CorpusWarning, match="ghost"):
        corpus = load_corpus(tmp_path, dates=sheet)
    assert corpus.iloc[0]["event_precision"] == "" and corpus.iloc[0]["date_source"] == "researcher"


def test_with_dates_puts_precision_source_and_evidence_beside_any_table(corpus):
    sentences = analysis.sentences(corpus)
    dated = analysis.corpus.with_dates(sentences, corpus)
    assert len(dated) == len(sentences) and list(dated.columns[:len(sentences.columns)]) == list(sentences.columns)
    assert set(dated["event_precision"]) == {"day"} and set(dated["date_source"]) == {"supplied"}
    first = dated[dated["doc_id"] == "eurasianet-2007"].iloc[0]
    assert first["date_evidence"].startswith("The stamp '2/4/2007' is day-first")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"\d{1,14}(\.\d{1,3})?", fullmatch=True),
                 st.from_regex(r"\d{4}-\d{2}(-\d{2})?(/\d{4}-\d{2}-\d{2})?", fullmatch=True),
                 st.from_regex(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", fullmatch=True)),
       st.sampled_from([None, True, False]))
def test_any_supplied_date_is_read_or_refused_by_name(value, dayfirst):
    try:
        found = analysis.corpus.parse_supplied_date(value, "published", "x.txt", dayfirst)
    except CorpusError as err:
        assert str(err).startswith("x.txt: published")
        return
    assert found is None or (found[0] <= found[1] and 1900 <= found[0].year <= 2100)


def test_one_word_count_agrees_in_every_table(corpus):
    """n_words of an article equals the words of its sentences and its theme table's words:
    one count_words serves every table (notebooks 00 and 02 once printed different counts)."""
    from analysis.text.words import count_words

    units = analysis.sentences(corpus)
    by_sentences = units.groupby("doc_id")["text"].apply(lambda t: sum(count_words(x) for x in t))
    shares = analysis.theme_shares(units)
    by_themes = shares.drop_duplicates(["doc_id", "position"]).groupby("doc_id")["n_words"].sum()
    expected = corpus.set_index("doc_id")["n_words"]
    assert (by_sentences[expected.index] == expected).all()
    assert (by_themes[expected.index] == expected).all()
    # A reader's count: '1.5', "Putin’s" (curly apostrophe) and 'two-fold' are one word each.
    assert count_words("Putin’s two-fold rise to $1.5 billion") == 6

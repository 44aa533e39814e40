"""Reading a researcher's own corpus: exports by column name or map, Parquet, bad files named,
bad rows set aside, reposted wire copy kept once, other languages flagged. Nothing dropped
silently: `.attrs['intake']` counts and lists it all. The articles are written for these tests."""

import pandas as pd
import pytest

from analysis.corpus import CorpusError, CorpusWarning, load_corpus
from analysis.duplicates import jaccard, near_duplicate_groups, shingles
from analysis.text.language import english_share, is_english

FERRY = ("Caspian ferry line reopens\n\nThe ferry line between Baku and Aktau reopened on Tuesday after a "
         "two-month pause for repairs to the port's loading ramps, the operator said. Freight traffic on "
         "the route had been diverted to rail through Russia while the work went on, adding several days to "
         "deliveries of grain and machinery. Officials said the line would carry more trucks this year than "
         "last, and that a second vessel was due to join it in the autumn.")
GRAIN = ("Grain exports rise\n\nWheat shipments from the northern ports rose in the spring as the new "
         "season's harvest reached the coast, traders said on Monday. Buyers in the region paid more than a "
         "year earlier, and the ministry expected the growth to continue into the summer months, although "
         "it warned that the weather could still change the picture for the later crops.")
REPOST = FERRY.replace("the operator said", "the operator told reporters").replace(
    "Caspian ferry line reopens", "Ferry between Baku and Aktau back in service")
FRENCH = ("La ligne de ferry entre Bakou et Aktaou a rouvert mardi après deux mois de travaux sur les rampes "
          "de chargement du port, selon l'opérateur. Le trafic de marchandises avait été détourné vers le rail "
          "pendant les travaux, ce qui ajoutait plusieurs jours aux livraisons de céréales et de machines.")


def export(tmp_path, rows: dict, name: str = "export.csv"):
    path = tmp_path / name
    frame = pd.DataFrame(rows)
    if name.endswith(".parquet"):
        frame.to_parquet(path, index=False)
    elif name.endswith(".jsonl"):
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_csv(path, index=False)
    return path


def quiet_load(*args, **kwargs):
    with pytest.warns(CorpusWarning):
        return load_corpus(*args, **kwargs)


def test_common_column_names_are_found_and_a_map_names_the_rest(tmp_path):
    path = export(tmp_path, {"body": [FERRY, GRAIN], "headline": ["a", "b"], "media_name": ["X", "Y"],
                             "publish_date": ["2019-05-14", "2019-05-20"]})
    corpus = quiet_load(path, columns="published=publish_date")
    assert list(corpus["outlet"]) == ["X", "Y"] and list(corpus["title"]) == ["a", "b"]
    assert list(corpus["published"]) == ["2019-05-14", "2019-05-20"]
    # "reopened on Tuesday" and "said on Monday", counted from the supplied days (both fall on them)
    assert list(corpus["event_date"].dt.strftime("%Y-%m-%d")) == ["2019-05-14", "2019-05-20"]


def test_a_column_map_naming_a_missing_column_is_refused(tmp_path):
    path = export(tmp_path, {"body": [FERRY]})
    with pytest.raises(CorpusError, match="names \\['story'\\], which the export does not have"):
        load_corpus(path, columns="text=story")
    with pytest.raises(CorpusError, match="ours=theirs"):
        load_corpus(path, columns="text")


@pytest.mark.parametrize("name", ["export.parquet", "export.jsonl"])
def test_parquet_and_json_lines_exports(tmp_path, name):
    corpus = quiet_load(export(tmp_path, {"text": [FERRY, GRAIN], "date": ["2019-05-14", "2019-05-20"]}, name))
    assert len(corpus) == 2 and corpus.attrs["intake"]["read"] == 2


@pytest.mark.parametrize("name, content, message", [
    ("empty.csv", b"", "the export is empty"),
    ("binary.parquet", b"text,date\nnot,parquet\n", "cannot be read as Parquet"),
    ("lines.jsonl", b"text,date\nthis is a CSV,2019\n", "cannot be read as JSON Lines"),
    ("corpus.docx", b"PK\x03\x04", "not a corpus"),
])
def test_a_file_that_is_not_what_its_name_says_is_named(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CorpusError, match=f"{name}: .*{message}|{message}"):
        load_corpus(tmp_path / name)


def test_a_repost_is_kept_once_and_listed(tmp_path):
    path = export(tmp_path, {"text": [FERRY, GRAIN, REPOST], "outlet": ["A", "B", "C"],
                             "date": ["2019-05-14", "2019-05-20", "2019-05-15"]})
    corpus = quiet_load(path)
    assert len(corpus) == 2 and "export-00003" not in set(corpus["doc_id"])
    (dup,) = corpus.attrs["intake"]["duplicates"]
    assert dup["doc_id"] == "export-00003" and dup["kept"] == "export-00001" and dup["similarity"] >= 0.7


def test_near_duplicates_are_told_from_reports_of_the_same_event():
    own_words = ("Ferry service across the Caspian resumed this week. After two months of repair work at the "
                 "port, the operator restored the crossing from Baku to Aktau, and trucks that had gone by rail "
                 "through Russia returned to the sea route, according to a statement.")
    assert jaccard(shingles(FERRY), shingles(REPOST)) >= 0.7
    assert jaccard(shingles(FERRY), shingles(own_words)) < 0.1
    assert near_duplicate_groups([FERRY, own_words, GRAIN, REPOST]) == [[(0, 1.0), (3, pytest.approx(
        jaccard(shingles(FERRY), shingles(REPOST))))]]


def test_an_article_in_another_language_is_flagged_by_name(tmp_path):
    corpus = quiet_load(export(tmp_path, {"text": [FERRY, FRENCH], "date": ["2019-05-14", "2019-05-14"]}))
    assert list(corpus["english"]) == [True, False]
    assert corpus.attrs["intake"]["not_english"] == ["export-00002"]


def test_the_english_rule_on_text_written_for_it():
    assert english_share(FERRY) > 0.2 and english_share(FRENCH) == 0
    assert is_english("Too short to judge.") and english_share("Too short to judge.") is None


def test_an_article_with_no_words_after_cleaning_is_set_aside(tmp_path):
    furniture = "Share\nPrint\nComments (0)\n1234 views\nBack to top"
    path = export(tmp_path, {"text": [FERRY, furniture], "date": ["2019-05-14", "2019-05-14"]})
    corpus = quiet_load(path)
    assert len(corpus) == 1
    assert corpus.attrs["intake"]["set_aside"] == [{"file": "export.csv row 2", "step": "cleaning",
                                                   "error": "0 words after cleaning"}]
    with pytest.raises(CorpusError, match=r"export.csv row 2: cleaning failed \(0 words after cleaning\)"):
        load_corpus(path, strict=True)


def test_the_seeds_report_a_full_intake(corpus):
    intake = corpus.attrs["intake"]
    assert intake == {"read": 5, "kept": 5, "set_aside": [], "duplicates": [], "not_english": []}


def test_a_text_too_short_to_judge_counts_as_english(tmp_path):
    corpus = quiet_load(export(tmp_path, {"text": [FERRY, "Ferry line reopens."], "date": ["2019-05-14"] * 2}))
    assert list(corpus["english"]) == [True, True]
    assert corpus["english_share"].isna().tolist() == [False, True]

"""Keyword in context: spans sit at their offsets, inflections are found, other words are not."""

import pytest

import analysis


@pytest.fixture(scope="module")
def sentences(corpus):
    return analysis.sentences(corpus)


def test_spans_sit_at_their_offsets(sentences, clean):
    lines = analysis.kwic(sentences, ["oil", "pipeline", "gas", "Caspian", "corridor", "transit",
                                      "cargo", "sanctions"], width=30)
    text = dict(zip(sentences.set_index(["doc_id", "position"]).index, sentences["text"]))
    for r in lines.itertuples():
        unit = text[(r.doc_id, r.position)]
        assert unit[r.start:r.end] == r.keyword
        assert clean[r.doc_id][r.doc_start:r.doc_end] == r.keyword
        assert r.left == unit[max(0, r.start - 30):r.start]
        assert r.right == unit[r.end:r.end + 30]


def test_pipeline_finds_both_numbers_in_eurasianet(sentences):
    lines = analysis.kwic(sentences, "pipeline", width=20)
    # read in the seed: "suspend oil exports via Russian pipelines." and "a trans-Caspian gas pipeline."
    assert list(zip(lines["doc_id"], lines["keyword"])) == [("eurasianet-2007", "pipelines"),
                                                            ("eurasianet-2007", "pipeline")]
    assert list(lines["left"]) == ["exports via Russian ", "a trans-Caspian gas "]
    assert list(lines["right"]) == [".", "."]


def test_gas_is_not_found_in_gazprom_and_context_is_clipped():
    import pandas as pd
    units = pd.DataFrame({"doc_id": ["x"], "position": [0],
                          "text": ["Gazprom attempted to dramatically raise the price of natural gas exports"]})
    lines = analysis.kwic(units, "gas", width=8)
    assert len(lines) == 1
    assert (lines.loc[0, "left"], lines.loc[0, "keyword"], lines.loc[0, "right"]) == ("natural ", "gas", " exports")
    assert (lines.loc[0, "start"], lines.loc[0, "end"]) == (61, 64)
    assert lines["doc_start"].isna().all()


def test_phrase_query_and_case(sentences):
    lines = analysis.kwic(sentences, "North-South Transport Corridor")
    assert list(lines["doc_id"]) == ["strategianews-2024"] * 2
    assert set(lines["keyword"]) == {"North-South Transport Corridor"}
    assert analysis.kwic(sentences, "US", match="acronym")["keyword"].tolist() == ["US"] * 3

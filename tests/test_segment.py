"""Sentence and paragraph tables on the seeds, and the splitter's rules on small texts."""

import pytest

import analysis
from analysis.text.segment import split_sentences


def sentence_texts(paragraph):
    return [paragraph[s:e] for s, e in split_sentences(paragraph)]


def test_tidy_columns_and_offsets(corpus):
    units = analysis.sentences(corpus)
    assert list(units.columns[:5]) == ["doc_id", "event_date", "era", "outlet", "position"]
    text = dict(zip(corpus["doc_id"], corpus["text"]))
    for row in units.itertuples():
        assert text[row.doc_id][row.start:row.end] == row.text
    for _, group in units.groupby("doc_id"):
        assert list(group["position"]) == list(range(len(group)))


def test_headline_rows(corpus):
    units = analysis.sentences(corpus)
    titles = units[units["is_title"]]
    assert set(titles["doc_id"]) == {"mt-2001", "eurasianet-2007", "ap-2024", "strategianews-2024"}
    assert (titles["position"] == 0).all()


def test_paragraph_of_three_sentences(corpus):
    """Read in the 2007 article: the 'informal get-together' paragraph has three sentences."""
    units = analysis.sentences(corpus)
    para = units[(units["doc_id"] == "eurasianet-2007")
                 & units["text"].str.startswith("During an informal get-together")]["paragraph"].iloc[0]
    inside = units[(units["doc_id"] == "eurasianet-2007") & (units["paragraph"] == para)]
    assert list(inside["text"]) == [
        "During an informal get-together March 27 in Moscow, Putin was unusually solicitous toward "
        "Azerbaijani President Ilham Aliyev.",
        '"I am grateful to the president of Azerbaijan for using any opportunity for meeting," '
        "the Itar-Tass news agency quoted Putin as saying.",
        'Putin went on to say that Aliyev "always was a welcome guest."',
    ]


def test_paragraph_counts(corpus):
    """Paragraphs as printed: the 2001 article has a headline and 18 body paragraphs."""
    paras = analysis.paragraphs(corpus)
    assert (paras["doc_id"] == "mt-2001").sum() == 19
    assert paras.loc[paras["doc_id"] == "dpa-2024", "text"].iloc[-1] == (
        "Aliyev, criticized for severe human rights violations, visited Moscow in April.")


@pytest.mark.parametrize("paragraph, expected", [
    ("Putin invited Aliyev to St. Petersburg's forum. Aliyev accepted.",
     ["Putin invited Aliyev to St. Petersburg's forum.", "Aliyev accepted."]),
    ('"There is a mutual understanding...that the pause was wrong," he said.',
     ['"There is a mutual understanding...that the pause was wrong," he said.']),
    ('Aliyev "always was a welcome guest." Details proved elusive.',
     ['Aliyev "always was a welcome guest."', "Details proved elusive."]),
    ("The U.S. and the E.U. imposed sanctions. Baku did not.",
     ["The U.S. and the E.U. imposed sanctions.", "Baku did not."]),
    ("Mr. Putin met Dr. Aliyev on Aug. 19 in Baku. Talks began at 10.",
     ["Mr. Putin met Dr. Aliyev on Aug. 19 in Baku.", "Talks began at 10."]),
    ("Some 35,000 people died. A 1994 ceasefire ended the fighting.",
     ["Some 35,000 people died.", "A 1994 ceasefire ended the fighting."]),
    ("Vladimir V. Putin arrived. Was it planned? Yes!",
     ["Vladimir V. Putin arrived.", "Was it planned?", "Yes!"]),
    ("", []),
])
def test_splitter_rules(paragraph, expected):
    assert sentence_texts(paragraph) == expected

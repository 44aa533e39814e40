"""The HTML report reads offline and is navigable: written from the committed notebooks into a
temporary folder, no page fetches anything over the network, every page links back to the
front page, and the front page gives each notebook's question, computed answer and figure."""

import re
import sys

import nbformat
import pytest

from analysis.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "tools"))
import report  # noqa: E402

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    report.write_report(PROJECT_ROOT / "notebooks", PROJECT_ROOT / "figures", out)
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}


def test_a_page_per_notebook_and_a_front_page(pages):
    assert set(pages) == {"index.html"} | {f"{p.stem}.html" for p in NOTEBOOKS}


def test_no_page_fetches_anything_over_the_network(pages):
    for name, page in pages.items():
        assert report.external_sources(page) == [], name
        assert not re.search(r"<script[^>]+src=", page), name       # no script file at all
        assert "cdnjs" not in page and "mathjax" not in page.lower(), name


def test_external_sources_finds_what_it_must():
    page = ('<script src="https://cdn.example/require.js"></script><link href="//fonts.example/x.css">'
            '<img src="data:image/png;base64,AAAA"><a href="https://example.com">a link is not a fetch</a>')
    assert report.external_sources(page) == ["https://cdn.example/require.js", "//fonts.example/x.css"]


def test_every_notebook_page_links_back_to_the_front_page(pages):
    for name, page in pages.items():
        if name != "index.html":
            assert '<a href="index.html">' in page, name


def test_front_page_gives_question_answer_and_thumbnail(pages):
    front = pages["index.html"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert f'href="{path.stem}.html"' in front
        question = report.question_of(nb)
        assert question and question.split()[0] in front
        answer = report.answer_of(nb)
        assert len(answer) > 20 and answer[:20] in front.replace("&#x27;", "'")
        assert nb.metadata["report"]["main_figure"] in front
    assert front.count('<img src="data:image/png;base64,') == len(NOTEBOOKS)


def test_figures_are_embedded_in_the_notebook_pages(pages):
    for path in NOTEBOOKS:
        assert "data:image/png;base64," in pages[f"{path.stem}.html"]

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
        assert "cdnjs" not in page and not re.search(r"mathjax[.@/-]|MathJax\.", page, re.I), name


def test_tables_and_computed_answers_render_as_html_not_as_tag_text(pages):
    """nbconvert's own sanitizer escapes thead, tbody, th, p and headings: a table then shows
    its tags as text. Ours keeps that structure and still escapes anything live."""
    corpus_page = pages["00_corpus.html"]
    assert "<thead>" in corpus_page and "<th>" in corpus_page and "<p>" in corpus_page
    for name, page in pages.items():
        assert not re.search(r"&lt;/?(?:p|th|td|tr|thead|tbody|table|h[1-6]|style)\b", page), name


def test_the_sanitizer_escapes_live_markup_but_keeps_table_structure():
    dirty = ('<style scoped>.x{}</style><table><thead><tr><th>a</th></tr></thead><tbody><tr>'
             '<td>&lt;b&gt;</td><td><script>alert(1)</script><img src=x onerror=alert(2)></td></tr></tbody></table>')
    clean = report.clean_html(dirty)
    assert "<thead><tr><th>a</th></tr></thead><tbody>" in clean and "style" not in clean
    assert "<script>" not in clean and "&lt;script&gt;alert(1)&lt;/script&gt;" in clean
    assert "<img" not in clean and "&lt;img" in clean


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

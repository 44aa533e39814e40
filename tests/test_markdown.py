"""Computed prose shown as Markdown keeps article text as text: no tag, link, emphasis, heading
or math survives, and the words read as written once rendered (with the same Markdown renderer
nbconvert uses for the HTML report)."""

import html
import re

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from analysis import as_markdown, escape_markdown

HOSTILE = [
    "Trade reached $4.3 billion, and Aliyev set aside $120 million for freight.",
    "<script>alert('x')</script> and <img src=x onerror=alert(1)> and <iframe src='x'></iframe>",
    "# Not a heading, [not a link](http://example.com) and *not emphasis* or __bold__",
    "2007. Gazprom raised the price",
    "- not a list item; 1) not one either",
    "See www.example.com or https://example.com/a_b for details & more: &lt;b&gt;",
    "a | table | row, `code`, ~~strike~~ and a back\\slash",
]


def rendered(markdown: str) -> str:
    return markdown2html_mistune(markdown)


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text):
    page = rendered(escape_markdown(text))
    assert not re.search(r"<(script|img|iframe|a|em|strong|h\d|li|code|del|table)\b", page), page
    assert "math" not in page.lower() and "\\(" not in page
    assert visible_text(page).strip() == text


def test_no_dollar_is_left_for_the_math_typesetter():
    """JupyterLab hands every '$' not preceded by a backslash to its LaTeX typesetter before
    rendering Markdown, so '$4.3 billion ... $120 million' would become one formula."""
    unescaped_dollar = re.compile(r"(?<!\\)\$")
    assert len(unescaped_dollar.findall(HOSTILE[0])) == 2
    assert not unescaped_dollar.search(escape_markdown(HOSTILE[0]))
    assert not unescaped_dollar.search(as_markdown(*HOSTILE)._repr_markdown_())


def test_answer_shows_paragraphs_and_bullets():
    answer = as_markdown("First *claim*: $1.", "Second.")
    assert answer._repr_markdown_() == "First \\*claim\\*: \\$1.\n\nSecond."
    assert repr(answer) == "First *claim*: $1.\n\nSecond."
    bullets = as_markdown("one", "two", bullets=True)
    assert bullets._repr_markdown_() == "- one\n- two"
    assert "<li>one</li>" in rendered(bullets._repr_markdown_())

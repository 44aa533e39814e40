"""Write a static HTML report of every notebook (with its stored outputs) to report/.

    python3 make.py report

For readers who will not run anything. Every page reads offline: no script, style or font
is fetched from the network, figures are embedded, HTML in outputs is sanitized (article text
stays text), and each page links back to the front page. The front page gives, per notebook,
its question, its computed answer and a thumbnail of its main figure (named in the notebook's
metadata as report.main_figure).
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import re
from pathlib import Path

import bleach
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "report_template"
THUMBNAIL_WIDTH = 420
TITLE = "Russia–Azerbaijan relations in the news, 2001–2024"

STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.lead { color: #555; margin-top: 0; }
article { display: grid; grid-template-columns: 1fr auto; gap: 1.2rem; align-items: start;
          border-top: 1px solid #ddd; padding: 1.2rem 0; }
article h2 { font-size: 1.2rem; margin: 0 0 0.4rem; }
article img { width: 100%; max-width: 420px; border: 1px solid #eee; }
.answer { background: #f6f8fa; border-left: 3px solid #4C72B0; padding: 0.4rem 0.8rem; }
.label { font-weight: bold; }
footer { color: #777; font-size: 0.85rem; border-top: 1px solid #ddd; padding-top: 0.8rem; }
@media (max-width: 50rem) { article { grid-template-columns: 1fr; } }
"""


# The tags pandas tables and rendered Markdown are built from. nbconvert's own clean_html
# allows table, tr and td but not thead, tbody, th, p or headings, so with the sanitizer on
# every table and computed answer showed its tags as text. Anything else (script, img, iframe,
# style, form, ...) is still escaped and shows as text.
STRUCTURE_TAGS = frozenset(bleach.ALLOWED_TAGS) | {
    "div", "span", "pre", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "sub", "sup",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "del"}
STRUCTURE_ATTRIBUTES = {**bleach.ALLOWED_ATTRIBUTES, "*": ["class", "id"],
                        "th": ["class", "id", "colspan", "rowspan"], "td": ["class", "id", "colspan", "rowspan"]}
# pandas' own stylesheet before each table (cell text inside a table is escaped by pandas, so a
# <style scoped> can only be pandas' own): dropped, not shown as text.
_PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>", re.S)


def clean_html(element) -> str:
    """nbconvert's clean_html filter with the structure of tables and Markdown allowed."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(_PANDAS_STYLE.sub("", text), tags=STRUCTURE_TAGS, attributes=STRUCTURE_ATTRIBUTES)


def exporter() -> HTMLExporter:
    return HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                        sanitize_html=True, filters={"clean_html": clean_html})


def title_of(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip("# ").splitlines()[0]
    return ""


def question_of(nb) -> str:
    """The notebook's '**Question.**' paragraph (authored Markdown), or ''."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "**Question.**" in cell.source:
            paragraph = cell.source.split("**Question.**", 1)[1].split("\n\n", 1)[0]
            return " ".join(paragraph.split())
    return ""


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)%'\"][.!?])\s+(?=[A-Z])")


def answer_of(nb) -> str:
    """The opening of the first computed Markdown answer the notebook shows (its first
    sentence, or more while that is shorter than a line), as plain text: the text/plain form,
    which is unescaped article text (escaped again by the caller)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data and "text/plain" in data:
                paragraph = " ".join(data["text/plain"].split("\n\n", 1)[0].split())
                opening = ""
                for sentence in _SENTENCE_END.split(paragraph):
                    opening = f"{opening} {sentence}".strip()
                    if len(opening) >= 80:
                        break
                return opening
    return ""


def thumbnail(path: Path) -> str:
    """The figure scaled to THUMBNAIL_WIDTH, as a data URI, so the front page is one file."""
    image = Image.open(path)
    height = round(image.height * THUMBNAIL_WIDTH / image.width)
    image = image.convert("RGB").resize((THUMBNAIL_WIDTH, height), Image.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def entry(nb, stem: str, figures: Path) -> str:
    figure = nb.metadata.get("report", {}).get("main_figure", "")
    png = figures / f"{figure}.png"
    image = (f'<a href="{stem}.html"><img src="{thumbnail(png)}" alt="{html.escape(figure)}"></a>'
             if figure and png.exists() else "")
    question = markdown2html_mistune(question_of(nb)) if question_of(nb) else ""
    return (f'<article><div><h2><a href="{stem}.html">{html.escape(title_of(nb) or stem)}</a></h2>'
            f'<div><span class="label">Question.</span> {question}</div>'
            f'<p class="answer"><span class="label">Answer, computed.</span> {html.escape(answer_of(nb))} '
            f'<a href="{stem}.html">More in the notebook.</a></p>'
            f"</div>{image}</article>")


def index_page(entries: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">"
            f"<title>{html.escape(TITLE)}: report</title><style>{STYLE}</style></head><body>"
            f"<h1>{html.escape(TITLE)}</h1>"
            "<p class=\"lead\">Static copies of the research notebooks with their stored outputs, "
            "in reading order. Every number is computed from the corpus; open a notebook for its "
            "data, method, figures and caveats.</p>"
            + "".join(entries)
            + "<footer>Rebuild with <code>python3 make.py build</code> (re-runs every notebook "
              "and rewrites this report) or <code>python3 make.py report</code> (this report only)."
              "</footer></body></html>\n")


def write_report(notebooks: Path, figures: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    export, entries = exporter(), []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        body, _ = export.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
        entries.append(entry(nb, path.stem, figures))
        print(f"wrote {shown(out / f'{path.stem}.html')}")
    (out / "index.html").write_text(index_page(entries), encoding="utf-8")
    print(f"wrote {shown(out / 'index.html')}")


def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


def external_sources(page: str) -> list[str]:
    """Every script, stylesheet, image or frame the page would fetch over the network."""
    return re.findall(r"<(?:script|link|img|iframe)\b[^>]*?(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
                      page, flags=re.I)


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description="Write the static HTML report.")
    cli.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="executed notebooks")
    cli.add_argument("--figures", type=Path, default=ROOT / "figures", help="their figures")
    cli.add_argument("--out", type=Path, default=ROOT / "report", help="folder to write")
    args = cli.parse_args()
    write_report(args.notebooks, args.figures, args.out)

"""Write a static HTML report of every notebook (with its stored outputs) to report/.

    python3 make.py report

For readers who will not run anything: report/index.html links one page per notebook.
"""

import html
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "report"


def first_heading(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip("# ").splitlines()[0]
    return ""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    items = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        (OUT / f"{path.stem}.html").write_text(body, encoding="utf-8")
        items.append(f'<li><a href="{path.stem}.html">{html.escape(first_heading(nb) or path.stem)}</a></li>')
        print(f"wrote report/{path.stem}.html")
    (OUT / "index.html").write_text(
        "<!doctype html><meta charset='utf-8'><title>Russia-Azerbaijan coverage: report</title>"
        "<h1>Russia&ndash;Azerbaijan relations in the news, 2001&ndash;2024</h1>"
        "<p>Static copies of the notebooks with their stored outputs. Rebuild with "
        "<code>python3 make.py build</code> and <code>python3 make.py report</code>.</p>"
        f"<ol>{''.join(items)}</ol>\n", encoding="utf-8")
    print("wrote report/index.html")


if __name__ == "__main__":
    main()

"""A made-up corpus for trying the notebooks on text they were never tuned on, in all three
input forms: a folder of .txt files, a folder of saved web pages, and one export (.csv, .jsonl
and .parquet). Every sentence is a template written for this project; nothing is copied.

    python3 tools/sample_corpus.py OUT [--n 160] [--seed 7]

The articles span the three eras of analysis/data/eras.csv and years outside them, come from
invented outlets, and carry what real exports carry: page furniture, reposted wire copy
(near-duplicates), a row that is only furniture (set aside as empty), one article in French
(flagged), undated articles, and text that must stay text (an HTML tag, Markdown, two dollar
amounts on one line). `make.py test` builds the notebooks on the CSV export of 160 articles.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from html import escape
from pathlib import Path

OUTLETS = ["Caspian Wire", "Steppe Herald", "Harbour Daily", "Baku Ledger", "Volga Courier",
           "Southern Gate News", "Eurasia Desk", "Kura Review"]
YEARS = [2001, 2002, 2003, 2006, 2007, 2008, 2011, 2014, 2017, 2022, 2023, 2024]
CITIES = ["Baku", "Moscow", "Astrakhan", "Ganja", "Sochi", "Makhachkala"]
HEADLINES = [
    "Leaders meet in {city} to discuss {topic}",
    "{city} talks end with {k} new agreements",
    "Officials weigh {topic} after a year of change",
    "What the {city} meeting means for {topic}",
    "Ministers promise more cooperation on {topic}",
]
TOPICS = ["trade", "the northern corridor", "oil exports", "gas supplies", "border crossings",
          "rail freight", "the Caspian shelf", "migration rules", "banking ties"]
SENTENCES = [
    "The two presidents met in {city} for {k} hours and signed a joint statement on {topic}.",
    "Officials said trade between the two countries reached ${x} billion last year, up {p}% on the year before.",
    "A new pipeline section would carry {k} million tonnes of oil a year once it is finished in {later}.",
    "Cargo on the north-south corridor rose by {p}% in the first half of {year}, the railway operator said.",
    "Analysts said the sanctions had pushed exporters to look for routes through third countries.",
    "The talks also touched on the dispute over the mountain region, where a ceasefire has held since {earlier}.",
    "Farmers near {city} complained that border checks now take {k} days, twice as long as before.",
    "The ministry warned that falling prices could hurt the budget, which depends on energy sales.",
    "Both sides praised what they called a warm and trusting relationship between the two capitals.",
    "Critics in the opposition said the deal was signed in haste and left many questions open.",
    "The state oil company plans to drill {k} new wells on the shelf over the next {k2} years.",
    "About {n} trucks a day now cross the border, the customs service said on {weekday}.",
    "A spokesman described the meeting as constructive but gave no details of the agreements.",
    "Diplomats said a visit by the foreign minister was expected before the end of {year}.",
    "Prices for wheat and fruit rose sharply after the new rules on market traders came into force.",
    "Observers noted that the ferry link across the sea carried {n} passengers in {year}.",
]
FURNITURE = ["Share this article", "{n} views", "Read more:", "Subscribe to our newsletter",
             "We use cookies to improve your experience. Accept", "Back to top", "Print", "Comments (0)"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FRENCH = ("Les présidents se sont rencontrés à Bakou pour discuter du commerce et des routes de transit. "
          "Selon les responsables, les échanges entre les deux pays ont nettement augmenté l'an dernier, "
          "et de nouveaux accords sur le fret ferroviaire doivent être signés avant la fin de l'année.")
HOSTILE = ("Readers asked about the two figures: trade of $4 billion and $120 million for freight, "
           "about a <script>alert('x')</script> tag in the old page, an <img src=x onerror=alert(1)> image and "
           "an <iframe src='x'></iframe> frame, and about [a link](http://example.com) and *stars* in the text."
           "\n\n# Not a heading, a line of the scrape that starts with a hash")


def _fill(template: str, rng: random.Random, year: int) -> str:
    return template.format(city=rng.choice(CITIES), topic=rng.choice(TOPICS), k=rng.randint(2, 9),
                           k2=rng.randint(2, 6), x=rng.randint(1, 9), p=rng.randint(2, 40),
                           n=f"{rng.randint(120, 9000):,}", year=year, later=year + rng.randint(1, 4),
                           earlier=year - rng.randint(2, 12), weekday=rng.choice(WEEKDAYS))


def articles(n: int = 160, seed: int = 7) -> list[dict]:
    """n made-up articles as export rows (doc_id, outlet, title, published, text), plus the
    odd rows real exports hold."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        year = YEARS[i % len(YEARS)]
        day = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
        body = [" ".join(_fill(rng.choice(SENTENCES), rng, year) for _ in range(rng.randint(2, 4)))
                for _ in range(rng.randint(3, 6))]
        text = "\n\n".join(body)
        if rng.random() < 0.5:
            text = rng.choice(FURNITURE).format(n=rng.randint(10, 9999)) + "\n\n" + text
        rows.append({"doc_id": f"sample-{i:04d}", "outlet": rng.choice(OUTLETS),
                     "title": _fill(rng.choice(HEADLINES), rng, year),
                     "published": day.isoformat() if i % 10 else "", "text": text})
    for i in range(0, n, 25):                                    # reposted wire copy
        source = rows[i]
        rows.append({**source, "doc_id": f"{source['doc_id']}-repost", "outlet": rng.choice(OUTLETS),
                     "title": source["title"] + " (update)",
                     "text": source["text"] + "\n\nRead more: related stories"})
    rows.append({"doc_id": "sample-french", "outlet": "Kura Review", "title": "Rencontre à Bakou",
                 "published": "2024-08-20", "text": FRENCH})
    # dated first, so it heads the article tables the notebooks show
    rows.append({"doc_id": "sample-hostile", "outlet": "Harbour Daily",
                 "title": "Readers' <script>alert('t')</script> questions on $4 billion and $120 million",
                 "published": "2000-01-03", "text": HOSTILE + "\n\n" + _fill(SENTENCES[1], rng, 2000)})
    rows.append({"doc_id": "sample-furniture", "outlet": "Steppe Herald", "title": "",
                 "published": "2022-03-03", "text": "Share this article\n\n1,024 views\n\nBack to top"})
    return rows


def _page(row: dict) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in row["text"].split("\n\n"))
    published = (f'<meta property="article:published_time" content="{row["published"]}">'
                 if row["published"] else "")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(row["title"])}</title>'
            f'<meta property="og:site_name" content="{escape(row["outlet"])}">{published}</head><body>'
            f'<nav>Home | World | Economy</nav><article><h1>{escape(row["title"])}</h1>{paragraphs}</article>'
            "<footer>All rights reserved</footer></body></html>\n")


def write(out: Path, n: int = 160, seed: int = 7) -> dict[str, Path]:
    """The corpus in every input form under `out`; returns where each is."""
    import pandas as pd

    rows = articles(n, seed)
    out.mkdir(parents=True, exist_ok=True)
    forms = {"txt": out / "txt", "html": out / "html", "csv": out / "export.csv",
             "jsonl": out / "export.jsonl", "parquet": out / "export.parquet"}
    forms["txt"].mkdir(exist_ok=True)
    forms["html"].mkdir(exist_ok=True)
    for row in rows:
        stamp = f"Published: {row['published']}\n\n" if row["published"] else ""
        (forms["txt"] / f"{row['doc_id']}.txt").write_text(f"{row['title']}\n\n{stamp}{row['text']}\n",
                                                            encoding="utf-8")
        (forms["html"] / f"{row['doc_id']}.html").write_text(_page(row), encoding="utf-8")
    table = pd.DataFrame(rows)
    table.to_csv(forms["csv"], index=False)
    with open(forms["jsonl"], "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    table.to_parquet(forms["parquet"], index=False)
    return forms


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("out", type=Path)
    cli.add_argument("--n", type=int, default=160)
    cli.add_argument("--seed", type=int, default=7)
    args = cli.parse_args()
    for form, path in write(args.out, args.n, args.seed).items():
        print(f"{form}: {path}")

"""The data drives notebook 02 (issue 22): a theme added to themes.csv that never occurs, or a
theme renamed there (and in claim.csv where the claim names it), flows through every table,
figure and answer of notebook 02's code path on the seeds; nothing in analysis/ names a theme."""

import matplotlib.pyplot as plt
import pytest

import analysis
import analysis.eras
from analysis import themes as themes_module
from analysis.themes import theme_era_intervals, theme_order
from analysis.views import topic_shifts as views


def use_dictionary(tmp_path, monkeypatch, edit, claim_edit=None):
    """Point the package at a copy of themes.csv (and claim.csv) changed by `edit`."""
    path = tmp_path / "themes.csv"
    path.write_text(edit(themes_module.THEMES_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(themes_module, "THEMES_FILE", path)
    if claim_edit is not None:
        claim = tmp_path / "claim.csv"
        claim.write_text(claim_edit(views.CLAIM_FILE.read_text(encoding="utf-8")), encoding="utf-8")
        monkeypatch.setattr(views, "CLAIM_FILE", claim)
    themes_module._default_themes.cache_clear()


@pytest.fixture(autouse=True)
def fresh_dictionary():
    themes_module._default_themes.cache_clear()
    yield
    themes_module._default_themes.cache_clear()


def notebook_02(corpus):
    """Notebook 02's code path on the seeds, as its cells call it; returns what it shows."""
    spans = views.spans(corpus)
    sentences = views.with_span(analysis.sentences(corpus), corpus, spans)
    shares = analysis.theme_shares(sentences)
    by_article, by_era = analysis.theme_totals(shares, "doc_id"), analysis.theme_totals(shares, "era")
    intervals = theme_era_intervals(shares, "era")
    evidence = views.claim_evidence(sentences)
    claim = views.claim_table(sentences, evidence)
    robust = views.claim_sensitivity(sentences, evidence, corpus, spans)
    n_line = views.sample_line(corpus, sentences)
    shown = {
        "overview": views.dictionary_overview(),
        "validation": views.theme_validation(sentences),
        "articles": views.article_table(by_article, corpus),
        "eras": views.era_table(by_era, intervals),
        "trends": views.claim_theme_trends(by_era, intervals, spans),
        "wire": views.wire_only(shares),
        "themes robust": views.theme_sensitivity(by_article, corpus, spans).table,
        "claim": claim,
        "parts": views.claim_parts(spans),
        "summary": views.summary(claim, robust, by_era, evidence, sentences, corpus, spans),
    }
    for fig in (views.plot_article_shares(by_article, by_era, intervals, corpus, n_line),
                views.plot_era_shares(by_era, intervals, n_line)):
        plt.close(fig)
    found = views.distinctive_words(sentences, spans)
    shown["words"] = views.claim_words_among_top(found.table)
    return shown


def test_a_theme_whose_terms_never_occur_is_listed_everywhere(corpus, tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch,
                   lambda text: text + "deep-sea mining,manganese nodule,word,,,never in the seeds\n")
    assert theme_order()[-1] == "deep-sea mining"
    shown = notebook_02(corpus)
    assert shown["overview"].loc["deep-sea mining", "terms"] == 1
    assert (shown["articles"]["deep-sea mining (%)"] == 0).all()
    # a zero everywhere still gets its exact upper bound (Clopper-Pearson over the era's
    # sentences with a theme hit), never "0 (0–0)"
    row = shown["eras"].loc["deep-sea mining (%)"]
    assert all(cell.startswith("0 ") and cell.endswith("†") and not cell.startswith("0 (0–0)") for cell in row)
    assert (shown["wire"].loc["deep-sea mining"] == 0).all()


RENAMED = "diplomacy, visits & talks"


def test_renaming_a_theme_the_claim_does_not_name(corpus, tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, lambda text: text.replace("diplomacy & protocol,", f'"{RENAMED}",'))
    assert RENAMED in theme_order() and "diplomacy & protocol" not in theme_order()
    shown = notebook_02(corpus)
    assert f"{RENAMED} (%)" in shown["eras"].index
    # the hand verdicts keep their hits: the census judged 100 diplomacy hits (99 right)
    assert shown["validation"].themes.loc[RENAMED, "judged"] == 100
    assert shown["summary"].startswith("Partly, and not beyond chance.")


def test_renaming_a_theme_the_claim_names_in_both_files(corpus, tmp_path, monkeypatch):
    new = "sanctions & embargoes"
    use_dictionary(tmp_path, monkeypatch, lambda text: text.replace("\nsanctions,", f'\n"{new}",'),
                   claim_edit=lambda text: text.replace(",rises,sanctions,", f",rises,{new},"))
    assert new in views.claim_themes()["rises"]
    shown = notebook_02(corpus)
    assert f"{new} rises (2001–2007 → 2024)" in shown["themes robust"].index
    assert f"{new} 0%, 0%, 3%" in shown["summary"]
    assert shown["parts"].loc["sanctions", "themes"] == new


def test_renaming_a_claim_theme_in_one_file_only_is_a_clear_error(tmp_path, monkeypatch):
    use_dictionary(tmp_path, monkeypatch, lambda text: text.replace("\nsanctions,", '\n"sanctions & embargoes",'))
    with pytest.raises(ValueError, match=r"claim.csv names theme\(s\) the dictionary \(themes.csv\) lacks: \['sanctions'\]"):
        views.load_claim()


def test_the_era_figure_draws_the_exact_bound_of_a_zero(corpus):
    # borders has no hit in 2024: its bar has no length, and its whisker runs from 0 to the exact
    # upper bound (not 0-0)
    spans = views.spans(corpus)
    shares = analysis.theme_shares(views.with_span(analysis.sentences(corpus), corpus, spans))
    by_era, intervals = analysis.theme_totals(shares, "era"), theme_era_intervals(shares, "era")
    fig = views.plot_era_shares(by_era, intervals, "n = 5 articles")
    from matplotlib.container import BarContainer
    late = [c for c in fig.axes[0].containers if isinstance(c, BarContainer)][2]    # 2001, 2007, 2024
    whiskers = late.errorbar.lines[2][0].get_segments()
    row = theme_order().index("borders")
    bound = intervals.set_index(["era", "theme"]).loc[("2024 sanctions era", "borders"), "share_high"]
    assert late.patches[row].get_width() == 0
    assert whiskers[row][:, 0] == pytest.approx([0, 100 * bound]) and bound > 0.05
    plt.close(fig)


def test_no_view_names_a_theme_or_era():
    """The words of themes.csv's theme column and of eras.csv's era column appear nowhere in
    notebook 02's view code (docstrings and comments aside)."""
    import ast
    import inspect
    tree = ast.parse(inspect.getsource(views))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Module)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    code_strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                    and isinstance(n.value, str) and id(n) not in docstrings]
    named = set(theme_order()) | set(analysis.eras.load_eras()["era"])
    assert not [s for s in code_strings for name in named if name in s]

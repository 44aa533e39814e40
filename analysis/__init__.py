"""Russia-Azerbaijan coverage, 2001-2024: clean tidy data and small helpers for the notebooks.

Public names are imported lazily from their modules, so `import analysis` stays fast and a
notebook only loads what it uses.
"""

from importlib import import_module

_EXPORTS = {
    "CorpusError": "corpus", "CorpusWarning": "corpus", "load_corpus": "corpus",
    "corpus_checksum": "corpus",
    "clean_text": "text.cleaning", "cleaning_report": "text.cleaning",
    "sentences": "text.segment", "paragraphs": "text.segment",
    "find_dates": "text.dates",
    "score_tone": "tone", "article_tone": "tone", "label_targets": "tone", "split_voice": "tone",
    "theme_shares": "themes", "theme_totals": "themes", "theme_matches": "themes",
    "fit_topics": "topics", "keyness": "distinctive", "kwic": "concordance",
    "extract_quantities": "quantities", "quantity_table": "quantities",
    "same_period_comparisons": "quantities", "constant_dollars": "growth", "growth_between": "growth",
    "provenance": "reproducibility",
    "save_figure": "plotting", "new_figure": "plotting",
    "as_markdown": "text.markdown", "escape_markdown": "text.markdown",
    "open_study": "study", "is_seed_corpus": "study", "check": "study", "table": "study",
    "build_tables": "tables", "read_table": "tables",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__():
    return sorted(list(globals()) + __all__)

"""Russia-Azerbaijan coverage, 2001-2024: clean tidy data and small helpers for the notebooks."""

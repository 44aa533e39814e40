"""Settings a reader may change, in one place (paths, random seed, resamples).

Paths work both from a checkout of the repository and from an installed copy of the package:
the default corpus ships inside the package, and figures go to the project being worked on,
never into the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def _is_checkout(folder: Path) -> bool:
    """A clone of this project: its pyproject.toml beside analysis/ and seeds/."""
    return (folder / "pyproject.toml").is_file() and (folder / "analysis").is_dir() and (folder / "seeds").is_dir()


# The repository the package was imported from, or None for an installed copy.
PROJECT_ROOT: Path | None = PACKAGE_DIR.parent if _is_checkout(PACKAGE_DIR.parent) else None
# The five seed articles and metadata.csv: seeds/ in a checkout, package data when installed.
SEEDS_DIR = PROJECT_ROOT / "seeds" if PROJECT_ROOT else PACKAGE_DIR / "seeds"

FIGURES_ENV = "ANALYSIS_FIGURES_DIR"
FIGURES_DIR: Path | None = None     # set to a folder to send every figure there

# One run of the notebooks (set from their parameters cell by analysis.open_study):
CORPUS: Path | None = None          # the corpus read; None: the five seed articles
OUT_DIR: Path | None = None         # figures/ and tables/ of a run on another corpus
CODES_FILE: Path | None = None      # a filled tone coding sheet; None: the seeds' hand codes
THEME_CODES_FILE: Path | None = None  # a judged theme sheet; None: the seeds' verdicts
STRICT = False                      # stop at the first article that fails a step (analysis.guard)
TABLE_ROWS = 60                     # longer tables show their first rows (the rest go to OUT)

ERAS_FILE = DATA_DIR / "eras.csv"  # the eras every comparison runs along (label, start, end)

SEED = 20240819          # every random draw in the package starts from this
N_BOOT = 2000            # bootstrap resamples for intervals


def figures_dir() -> Path:
    """Where `save_figure` writes, first of: `FIGURES_DIR` above, the environment variable
    ANALYSIS_FIGURES_DIR, the checkout's figures/ (the package's own, or the one the current
    folder sits in), and else the current folder."""
    if FIGURES_DIR is not None:
        return Path(FIGURES_DIR)
    if os.environ.get(FIGURES_ENV):
        return Path(os.environ[FIGURES_ENV])
    if PROJECT_ROOT is not None:
        return PROJECT_ROOT / "figures"
    here = Path.cwd()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder / "figures"
    return here

"""Settings a reader may change, in one place (paths, random seed, resamples)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
DATA_DIR = Path(__file__).resolve().parent / "data"

SEED = 20240819          # every random draw in the package starts from this
N_BOOT = 2000            # bootstrap resamples for intervals

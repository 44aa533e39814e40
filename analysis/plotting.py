"""House style and saving for every figure: one place, so figures look alike and rebuild
byte-identically (fixed fonts and sizes, no dates or random IDs in the files)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .config import DATA_DIR, FIGURES_DIR, PROJECT_ROOT

STYLE = {
    "figure.figsize": (7.0, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "ru-az-coverage",
    "svg.fonttype": "path",
    "path.simplify": True,
}
ERA_COLOURS = {"2001 first visit": "#4C72B0", "2007 gas-price rift": "#DD8452", "2024 sanctions era": "#55A868"}
OUTLET_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


def apply_style() -> None:
    plt.rcParams.update(STYLE)


def new_figure(nrows: int = 1, ncols: int = 1, width: float = 7.0, height: float = 3.6, **kwargs):
    """A figure and axes in the house style."""
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)


def save_figure(fig, name: str) -> str:
    """Write figures/<name>.svg and .png reproducibly; return the paths relative to the repo.

    `name` starts with the notebook number ("01_tone_by_year") so a reader can find the code.
    """
    if not name[:2].isdigit() or "/" in name:
        raise ValueError(f"figure name {name!r} must start with its notebook number, e.g. '00_timeline'")
    FIGURES_DIR.mkdir(exist_ok=True)
    paths = []
    for ext, metadata in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
        path = FIGURES_DIR / f"{name}.{ext}"
        fig.savefig(path, format=ext, metadata=metadata)
        paths.append(Path(path).relative_to(PROJECT_ROOT).as_posix())
    return " and ".join(paths)


def era_colour(era: str) -> str:
    return ERA_COLOURS.get(era, "#8C8C8C")


def outlet_markers(outlets) -> dict[str, str]:
    """A stable marker per outlet (sorted by name, so adding an outlet never reshuffles others)."""
    names = sorted(set(outlets))
    return {o: OUTLET_MARKERS[i % len(OUTLET_MARKERS)] for i, o in enumerate(names)}


def shade_eras(ax) -> None:
    """Shade the era windows of data/eras.csv on a true date x-axis and label them."""
    eras = pd.read_csv(DATA_DIR / "eras.csv", parse_dates=["start", "end"])
    for era in eras.itertuples():
        ax.axvspan(era.start, era.end, color=era_colour(era.era), alpha=0.08, lw=0)
        ax.text(era.start, 1.0, f" {era.era}", transform=ax.get_xaxis_transform(), va="top",
                ha="left", fontsize=7, color=era_colour(era.era))
    ax.xaxis.set_major_locator(mdates.YearLocator(4))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))

"""House style and saving for every figure: one place, so figures look alike and rebuild
byte-identically (fixed fonts and sizes, no dates or random IDs in the files)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from . import config
from .eras import era_colour, load_eras

__all__ = ["STYLE", "apply_style", "new_figure", "save_figure", "SnappedLayout", "era_colour",
           "outlet_markers", "shade_eras"]

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
OUTLET_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


def apply_style() -> None:
    plt.rcParams.update(STYLE)


def new_figure(nrows: int = 1, ncols: int = 1, width: float = 7.0, height: float = 3.6,
               compress: bool = False, **kwargs):
    """A figure and axes in the house style (`compress=True` for grids of fixed-aspect axes)."""
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout=SnappedLayout(compress=compress), **kwargs)


def save_figure(fig, name: str) -> str:
    """Write <name>.svg and .png reproducibly into `config.figures_dir()` (the checkout's
    figures/ by default); return their paths as a reader finds them, without machine paths.

    `name` starts with the notebook number ("01_tone_by_year") so a reader can find the code.
    """
    if not name[:2].isdigit() or "/" in name:
        raise ValueError(f"figure name {name!r} must start with its notebook number, e.g. '00_timeline'")
    folder = config.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    engine = fig.get_layout_engine()
    if type(engine) is ConstrainedLayoutEngine:     # a figure not made by new_figure
        # Its padding carries over; a "compressed" layout would not (matplotlib has no public
        # way to read it), so make such figures with new_figure(compress=True).
        fig.set_layout_engine(SnappedLayout(**engine.get()))
    paths = []
    for ext, metadata in (("svg", {"Date": None, "Creator": None}), ("png", {"Software": None})):
        path = folder / f"{name}.{ext}"
        fig.savefig(path, format=ext, metadata=metadata)
        paths.append(_shown_path(path))
    overlaps = text_overlaps(fig)              # checked after saving, so the files do not depend on it
    if overlaps and config.CORPUS is None:     # the seeds' figures are ours to get right: a bug
        raise FigureOverlapError(f"figure {name}: " + "; ".join(f"the text {a!r} overlaps {b!r}" for a, b in overlaps))
    for a, b in overlaps:                      # on another corpus, labels we never saw: say so, go on
        print(f"figure {name}: the text {a!r} overlaps {b!r}")
    return " and ".join(paths)


class FigureOverlapError(ValueError):
    """Two text elements of a figure drawn from the seed corpus overlap (titles, labels, legend)."""


def _hidden_ticks(fig) -> set[int]:
    """ids of tick labels whose tick lies outside its axis's view: matplotlib keeps them as
    visible Text objects but does not draw them."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - span <= tick.get_loc() <= high + span:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return hidden


def _corners(text: Text, renderer) -> np.ndarray:
    """The four corners (pixels) of a text's rotated box: the axis-aligned extent of a rotated
    text is far larger than the text, so neighbouring slanted tick labels would seem to touch."""
    box = text.get_window_extent(renderer)
    angle = text.get_rotation()
    if angle % 90 == 0:
        return np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]])
    text.set_rotation(0)
    flat = text.get_window_extent(renderer)
    text.set_rotation(angle)
    w, h = flat.width / 2, flat.height / 2
    theta = np.radians(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    centre = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    return centre + np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ rotation.T


def _overlap(a: np.ndarray, b: np.ndarray, tolerance: float) -> bool:
    """Whether two convex quadrilaterals overlap by more than `tolerance` pixels along every
    separating direction (the separating axis theorem)."""
    for poly in (a, b):
        for i in range(4):
            edge = poly[(i + 1) % 4] - poly[i]
            normal = np.array([-edge[1], edge[0]]) / (np.hypot(*edge) or 1.0)
            pa, pb = a @ normal, b @ normal
            if min(pa.max(), pb.max()) - max(pa.min(), pb.min()) <= tolerance:
                return False
    return True


def text_overlaps(fig, tolerance: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of drawn, non-empty text elements (titles, labels, tick labels, annotations,
    legend entries) whose rendered boxes overlap by more than `tolerance` pixels, as
    (text, text). Used by save_figure on every figure."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    hidden = _hidden_ticks(fig)
    shapes = [(t.get_text().strip(), _corners(t, renderer)) for t in fig.findobj(Text)
              if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
    return [(a, b) for i, (a, corners_a) in enumerate(shapes) for b, corners_b in shapes[i + 1:]
            if _overlap(corners_a, corners_b, tolerance)]


def _shown_path(path: Path) -> str:
    """The path relative to the current folder when it lies inside it, else relative to the
    figures folder's parent ('figures/00_timeline.svg'): never an absolute machine path."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.relative_to(path.parent.parent).as_posix()


class SnappedLayout(ConstrainedLayoutEngine):
    """Constrained layout with every axes pinned to a position rounded to `GRID` (a fraction of
    the figure), at every draw and so at each output's own resolution.

    The solver's answer moves with the data's last bits (tick labels sit where the data put
    them), and the linear algebra under NMF differs in those bits from one CPU to another.
    Where the answer lies on a rounding boundary of the SVG's six decimals, that noise flips a
    digit ("16.598677" on one machine, "16.598678" on another) and the figure no longer
    reproduces byte for byte. Rounded positions lie far from such boundaries; an axes moves by
    at most half of `GRID` (0.04 px on a 7-inch figure at 150 dpi).
    """

    GRID = 1e-4

    def execute(self, fig):
        super().execute(fig)
        for ax in fig.axes:
            x0, y0, x1, y1 = (round(v / self.GRID) * self.GRID for v in ax.get_position(original=True).extents)
            # Public API only: set_position also takes the axes out of the layout, so put it back
            # (tests/test_plotting.py pins that this keeps it in the next layout).
            in_layout = ax.get_in_layout()
            ax.set_position([x0, y0, x1 - x0, y1 - y0])
            ax.set_in_layout(in_layout)


def outlet_markers(outlets) -> dict[str, str]:
    """A stable marker per outlet (sorted by name, so adding an outlet never reshuffles others)."""
    names = sorted(set(outlets))
    return {o: OUTLET_MARKERS[i % len(OUTLET_MARKERS)] for i, o in enumerate(names)}


def shade_eras(ax) -> None:
    """Shade the era windows (analysis.eras) on a true date x-axis and label them."""
    for era in load_eras().itertuples():
        ax.axvspan(era.start, era.end, color=era.colour, alpha=0.08, lw=0)
        ax.text(era.start, 1.0, f" {era.era}", transform=ax.get_xaxis_transform(), va="top",
                ha="left", fontsize=7, color=era.colour)
    ax.xaxis.set_major_locator(mdates.YearLocator(4))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))

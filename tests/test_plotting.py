"""Figures reproduce byte for byte even when the data move in their last bits, as NMF's
results do from one CPU to another."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import plotting
from analysis.views.topic_shifts import plot_k_choice
from analysis.topics import STABLE, pick_k

NOISE = [0.0, 1e-13, -1e-13, 1e-12, -1e-12]     # relative: far below anything a reader could see


def k_choice(noise: float) -> pd.DataFrame:
    """A choose_k table shaped like the seeds' (20 seeds, 190 pairs), scaled by 1 + noise."""
    stability = np.array([1.0, 1.0, 0.99995, 0.97, 0.96, 0.93, 0.955, 0.94, 0.92]) * (1 + noise)
    table = pd.DataFrame({
        "k": range(2, 11), "stability": stability,
        "worst_pair": stability - np.array([0, 0, 1e-4, 0.03, 0.05, 0.1, 0.06, 0.08, 0.1]),
        "reconstruction_error": np.array([7.99, 7.82, 7.68, 7.55, 7.44, 7.33, 7.23, 7.13, 7.04]) * (1 + noise),
        "n_seeds": 20, "n_pairs": 190})
    table["chosen"] = table["k"] == pick_k(table["k"], table["stability"])
    return table


def svg(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    plt.close(fig)
    return out.getvalue()


def test_snapped_axes_stay_in_the_layout_at_every_draw():
    """SnappedLayout places axes with the public set_position, which takes an axes out of the
    layout, and puts it back: so a second draw (the PNG after the SVG) lays it out again.
    Checked against matplotlib as locked (3.11.2 when written)."""
    fig, ax = plotting.new_figure(width=7.0, height=3.0)
    ax.plot([0, 1], [0, 1])
    fig.draw_without_rendering()
    assert ax.get_in_layout()
    first = ax.get_position().extents
    ax.set_ylabel("a long label that needs\nmore room on the left")
    fig.draw_without_rendering()
    assert ax.get_in_layout() and ax.get_position().extents[0] > first[0] + 0.01
    plt.close(fig)


def test_snapped_layout_gives_the_same_bytes_under_last_bit_noise():
    files = {svg(plot_k_choice(k_choice(noise), STABLE)) for noise in NOISE}
    assert len(files) == 1


def test_snapped_axes_sit_on_the_grid_and_barely_move():
    fig, axes = plotting.new_figure(1, 2, width=7.0, height=3.0)
    for ax in axes:
        ax.plot([0, 1], [0.3, 0.7])
        ax.set_title("a title")
    fig.draw_without_rendering()
    grid = plotting.SnappedLayout.GRID
    snapped = [ax.get_position().extents for ax in axes]
    fig.set_layout_engine("constrained")
    fig.draw_without_rendering()
    plain = [ax.get_position().extents for ax in axes]
    plt.close(fig)
    for ours, theirs in zip(snapped, plain):
        assert np.allclose(ours / grid, np.round(ours / grid), atol=1e-6)
        assert np.abs(ours - theirs).max() <= grid / 2 + 1e-12


def test_save_figure_snaps_a_figure_made_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.config.FIGURES_DIR", tmp_path / "figures")
    fig, ax = plt.subplots(layout="constrained")
    ax.plot([1, 2, 3])
    assert plotting.save_figure(fig, "09_test") == "figures/09_test.svg and figures/09_test.png"
    assert isinstance(fig.get_layout_engine(), plotting.SnappedLayout)
    plt.close(fig)
    assert (tmp_path / "figures" / "09_test.png").read_bytes().startswith(b"\x89PNG")


def test_save_figure_refuses_a_name_without_its_notebook_number(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.config.FIGURES_DIR", tmp_path / "figures")
    fig, _ = plotting.new_figure()
    with pytest.raises(ValueError, match="must start with its notebook number"):
        plotting.save_figure(fig, "timeline")
    plt.close(fig)
    assert not (tmp_path / "figures").exists()


def test_text_overlaps_finds_covering_text_and_only_that():
    fig, ax = plotting.new_figure(width=4.0, height=2.0)
    ax.set_title("a long title that runs across")
    ax.text(0.5, 1.02, "a label placed on the title", transform=ax.transAxes, ha="center", va="bottom")
    ax.set_xlim(0, 10)
    assert [set(pair) for pair in plotting.text_overlaps(fig)] == [{"a long title that runs across", "a label placed on the title"}]
    plt.close(fig)


def test_slanted_tick_labels_side_by_side_do_not_count_as_overlapping():
    """Their axis-aligned boxes overlap; the slanted text itself does not."""
    fig, ax = plotting.new_figure(width=5.0, height=2.5)
    names = ["mt-2001", "eurasianet-2007", "ap-2024", "dpa-2024", "strategianews-2024"]
    ax.set_xticks(range(5), names, rotation=20, ha="right")
    ax.set_xlim(-0.5, 4.5)
    assert plotting.text_overlaps(fig) == []
    ax.set_xticks(range(5), [n * 4 for n in names], rotation=20, ha="right")     # now they do
    assert plotting.text_overlaps(fig)
    plt.close(fig)


def _overlapping_figure():
    fig, ax = plotting.new_figure(width=4.0, height=2.0)
    ax.set_title("a long title that runs across")
    ax.text(0.5, 1.02, "a label placed on the title", transform=ax.transAxes, ha="center", va="bottom")
    return fig


def test_an_overlap_stops_a_seed_figure_and_is_printed_for_another_corpus(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("analysis.config.FIGURES_DIR", tmp_path / "figures")
    monkeypatch.setattr("analysis.config.CORPUS", None)
    with pytest.raises(plotting.FigureOverlapError, match="00_test.*a long title"):
        plotting.save_figure(_overlapping_figure(), "00_test")
    monkeypatch.setattr("analysis.config.CORPUS", tmp_path / "my-corpus")
    plotting.save_figure(_overlapping_figure(), "00_test")
    printed = capsys.readouterr().out
    assert printed.startswith("figure 00_test: the text ") and "a long title that runs across" in printed
    plt.close("all")

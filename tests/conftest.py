"""Shared fixtures: the real corpus, read once, and a throw-away copy of seeds/ to damage."""

import hashlib
import os
import shutil
import tempfile

import pytest
from hypothesis import HealthCheck, settings

import analysis
from analysis.config import FIGURES_ENV, SEEDS_DIR

# Property tests: in CI a fixed search (derandomized), so a run is reproducible and a red run
# is the code's fault, not the draw's; HYPOTHESIS_PROFILE=thorough searches at random, longer.
# Any failure found either way is written into the test as an explicit @example.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    """Tests never write the tracked figures/: unless make.py chose a folder for the figures
    of the notebooks re-run under nbval, they go to a temporary one."""
    if not os.environ.get(FIGURES_ENV):
        os.environ[FIGURES_ENV] = os.path.join(tempfile.mkdtemp(prefix="pytest-"), "figures")


@pytest.fixture(scope="session")
def corpus():
    return analysis.load_corpus()


@pytest.fixture(scope="session")
def clean(corpus):
    """Clean text by doc_id."""
    return dict(zip(corpus["doc_id"], corpus["text"]))


@pytest.fixture(scope="session")
def raw(corpus):
    return dict(zip(corpus["doc_id"], corpus["text_raw"]))


@pytest.fixture()
def seed_copy(tmp_path):
    """A copy of seeds/ that a test may break; the real seeds/ is never written."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def seeds_never_written():
    """Fail the run if any test changed a file in seeds/."""
    def snapshot():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(SEEDS_DIR.iterdir())}
    before = snapshot()
    yield
    assert snapshot() == before, "a test modified seeds/"


RUN_SETTINGS = ("CORPUS", "OUT_DIR", "FIGURES_DIR", "CODES_FILE", "THEME_CODES_FILE", "ERAS_FILE", "STRICT")


@pytest.fixture(autouse=True)
def one_run_per_test():
    """A test that opens a study on another corpus (analysis.open_study sets analysis.config)
    must not leave the next test reading that corpus's settings."""
    from analysis import config
    saved = {name: getattr(config, name) for name in RUN_SETTINGS}
    yield
    for name, value in saved.items():
        setattr(config, name, value)

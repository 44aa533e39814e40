"""The project installs as promised: the three dependency files agree, the lock is valid for
every Python the README promises, every third-party import is declared, and a plain wheel
installed elsewhere loads the corpus and saves figures into the working directory."""

import ast
import os
import re
import subprocess
import sys
import textwrap
import tomllib
import venv
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from analysis.config import PROJECT_ROOT

PROMISED = ["3.11.0", "3.11.2", "3.11.9", "3.12.0", "3.13.0"]
PROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_lines() -> list[tuple[str, str, str]]:
    """(name, version, marker) for every pin in requirements.lock."""
    lines = (PROJECT_ROOT / "requirements.lock").read_text().splitlines()
    pins = []
    for line in lines:
        if line.strip() and not line.startswith("#"):
            requirement, _, marker = line.partition(";")
            name, version = requirement.strip().split("==")
            pins.append((canonical(name), version, marker.strip()))
    return pins


def pins_for(python: str) -> dict[str, str]:
    """The lock as pip reads it on Linux with this Python."""
    env = {"python_full_version": python, "python_version": python.rsplit(".", 1)[0],
           "sys_platform": "linux", "os_name": "posix", "implementation_name": "cpython",
           "platform_system": "Linux", "platform_machine": "x86_64"}
    chosen = {}
    for name, version, marker in lock_lines():
        if not marker or Marker(marker).evaluate(env):
            assert name not in chosen, f"{name} pinned twice for Python {python}"
            chosen[name] = version
    return chosen


def test_every_dependency_is_pinned_in_the_lock():
    wanted = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]
    names = {canonical(re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0]) for d in wanted}
    for python in PROMISED:
        missing = names - pins_for(python).keys()
        assert not missing, f"not in requirements.lock for Python {python}: {sorted(missing)}"


def test_the_lock_admits_every_promised_python():
    """soupsieve 4.1.2 needs 3.11.5+: the lock must give 3.11.0-3.11.4 another version. Checked
    on the installed distributions' own Requires-Python, for the Python each line serves."""
    checked = 0
    for python in PROMISED:
        for name, version in pins_for(python).items():
            try:
                dist = distribution(name)
            except PackageNotFoundError:
                continue                    # a line for another Python or platform
            if dist.version != version:
                continue
            requires = dist.metadata.get("Requires-Python")
            if requires:
                checked += 1
                assert Version(python) in SpecifierSet(requires), \
                    f"{name}=={version} requires Python {requires}, the lock offers it to {python}"
    assert checked > 50


def test_environment_yml_pins_the_same_versions_as_the_lock():
    text = (PROJECT_ROOT / "environment.yml").read_text()
    env = re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)
    assert sorted((canonical(n), v) for n, v in env) == sorted((n, v) for n, v, _ in lock_lines())
    assert "python>=3.11" in text


def third_party_imports() -> set[str]:
    names = set()
    for path in (PROJECT_ROOT / "analysis").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "analysis"}


IMPORT_NAMES = {"sklearn": "scikit-learn", "vaderSentiment": "vadersentiment", "IPython": "ipython"}


def test_every_third_party_import_is_declared():
    declared = {canonical(re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0]) for d in PROJECT["dependencies"]}
    imported = {canonical(IMPORT_NAMES.get(n, n)) for n in third_party_imports()}
    assert "pandas" in imported and "numpy" in imported
    assert imported <= declared, f"imported but not declared: {sorted(imported - declared)}"


def test_make_py_refuses_an_old_python_in_one_line(tmp_path):
    """Whatever Python runs it, make.py reads far enough to name the version it needs."""
    old = [Path(p) for p in ["/usr/bin/python2", "/usr/bin/python3.9", "/usr/bin/python3.10"]
           + sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.[6-9]*/bin/python3"))
           + sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.10*/bin/python3")) if Path(p).exists()]
    if not old:
        fake = tmp_path / "sys_version.py"     # no old Python here: pretend to be one
        fake.write_text("import sys, runpy\nsys.version_info = (3, 9, 18, 'final', 0)\n"
                        f"sys.argv = ['make.py', 'build']\nrunpy.run_path({str(PROJECT_ROOT / 'make.py')!r})\n")
        old = [(Path(sys.executable), fake)]
    for python in old:
        args = [str(p) for p in (python if isinstance(python, tuple) else (python, PROJECT_ROOT / "make.py", "build"))]
        done = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 1
        message = (done.stderr + done.stdout).strip()
        assert len(message.splitlines()) == 1 and "needs Python 3.11 or newer; found Python" in message


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory):
    """The project built as a wheel and installed (no dependencies) into a fresh venv that
    borrows this environment's third-party packages, but not its editable `analysis`."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp / "dist"), str(PROJECT_ROOT)], check=True, capture_output=True)
    wheel = next((tmp / "dist").glob("*.whl"))
    target = tmp / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (site / "borrowed.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    return python, wheel


def test_a_wheel_installed_elsewhere_loads_the_corpus_and_saves_figures_here(installed_wheel, tmp_path):
    python, wheel = installed_wheel
    script = textwrap.dedent("""
        import analysis, pathlib
        assert "venv" in analysis.__file__ and "site-packages" in analysis.__file__, analysis.__file__
        corpus = analysis.load_corpus()
        print(" ".join(corpus["doc_id"]))
        fig, ax = analysis.new_figure()
        ax.plot([1, 2])
        print(analysis.save_figure(fig, "09_check"))
        print(sorted(p.name for p in pathlib.Path(analysis.__file__).parent.rglob("*.svg")))
    """)
    env = {k: v for k, v in os.environ.items() if k not in {"ANALYSIS_FIGURES_DIR", "PYTHONPATH"}}
    done = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    doc_ids, figure, inside_package = done.stdout.strip().splitlines()
    assert doc_ids == "mt-2001 eurasianet-2007 ap-2024 dpa-2024 strategianews-2024"   # by event date
    assert figure == "09_check.svg and 09_check.png"
    assert (tmp_path / "09_check.png").read_bytes().startswith(b"\x89PNG")
    assert inside_package == "[]"


def test_the_wheel_builds_without_a_license_deprecation_warning(installed_wheel):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
                           "--wheel-dir", str(installed_wheel[1].parent / "again"), str(PROJECT_ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "project.license" not in done.stdout + done.stderr
    assert "License-Expression: MIT" in distribution_metadata(installed_wheel[1])


def distribution_metadata(wheel: Path) -> str:
    import zipfile
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode()

"""The package's three layers, visible in its folders, with imports running downward only:
analysis/text/ (functions of one string) <- analysis/ (measures over a corpus) <- analysis/views/
(one module per notebook). config, parallel and guard are settings and plumbing every layer may
use."""

import ast
from pathlib import Path

import pytest

import analysis
from analysis.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "analysis"
SHARED = {"analysis.config", "analysis.parallel", "analysis.guard"}


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the analysis modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("analysis"):
                names = [f"{module}.{a.name}" for a in node.names]
                found |= {n if _is_module(n) else module for n in names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("analysis")}
    return found


def _is_module(name: str) -> bool:
    path = PROJECT_ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer(module: str) -> int:
    if module in SHARED or module == "analysis":
        return -1
    if module.startswith("analysis.text"):
        return 0
    if module.startswith("analysis.views"):
        return 2
    return 1


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward_only(path):
    module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if path.name == "__init__.py":
        return                              # the lazy export table names every layer
    here = layer(module)
    upward = [m for m in imported_modules(path) if layer(m) > here and layer(m) != -1]
    if module in SHARED:
        upward = [m for m in imported_modules(path) if m not in SHARED and m != "analysis"]
    assert not upward, f"{module} imports from a higher layer: {sorted(upward)}"


def test_the_layer_check_sees_relative_imports():
    cleaning = imported_modules(PACKAGE / "text" / "cleaning.py")
    assert "analysis.text.wordbreaks" in cleaning and "analysis.config" in cleaning
    assert "analysis.tone" in imported_modules(PACKAGE / "views" / "tone_over_time.py")


def test_every_public_name_is_still_importable_from_analysis():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_each_notebook_has_its_view_module():
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        name = notebook.stem.split("_", 1)[1]
        assert (PACKAGE / "views" / f"{name}.py").exists(), f"no analysis/views/{name}.py for {notebook.name}"


def test_no_export_is_named_like_a_module_of_the_package():
    """Importing a submodule binds its name on the package, so an export named like a module
    (the provenance function once lived in provenance.py) would turn into that module."""
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    assert not set(analysis.__all__) & modules

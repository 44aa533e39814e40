#!/usr/bin/env python3
"""One entry point for every derived artifact; needs only Python 3.11+ on the machine.

    python3 make.py build    install (into .venv), then re-run every notebook and figure,
                             record the figure hashes and rewrite the HTML report
                             (python3 make.py build 01 re-runs only notebooks named 01_*)
    python3 make.py test     install, then run the unit tests and nbval over the notebooks,
                             then check the re-run notebooks reproduced figures/ byte for byte
    python3 make.py report   install, then write a static HTML report of all notebooks
    python3 make.py bench    install, then run the scaling benchmark (prints figures)

Installs come from requirements.lock (exact versions), so a rebuild next year uses the same
libraries and reproduces the committed figures. Set VENV=path to use another environment.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
LOCK = ROOT / "requirements.lock"
NOTEBOOKS = ROOT / "notebooks"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*args, **kwargs) -> None:
    """Run a command from the repo root; stop with its exit code if it fails."""
    print("+", " ".join(str(Path(a).relative_to(ROOT)) if str(a).startswith(str(ROOT)) else str(a)
                        for a in args), flush=True)
    code = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs).returncode
    if code:
        sys.exit(code)


def install() -> Path:
    """Create .venv if needed and install the locked dependencies plus this package."""
    python = venv_python()
    if not python.exists():
        print(f"creating virtual environment {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed-lock"
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        print("dependencies up to date (requirements.lock unchanged)", flush=True)
        return python
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", LOCK)
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
        "-e", ".")
    stamp.write_text(wanted)
    return python


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stdout/stderr chunks, so stored outputs do not depend on how the
    kernel happened to flush them (rebuilds stay byte-identical)."""
    merged = []
    for out in outputs:
        if (out.get("output_type") == "stream" and merged and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1]["text"] += out["text"]
        else:
            merged.append(out)
    return merged


def execute_notebooks(prefixes: list[str], save: bool = True) -> float:
    """Run every notebook (or those whose names start with `prefixes`) top to bottom in a
    fresh kernel, in order, saving outputs in place; returns the seconds it took."""
    import tempfile

    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    paths = [p for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
             if not prefixes or p.name.startswith(tuple(prefixes))]
    total = time.perf_counter()
    for i, path in enumerate(paths, 1):
        start = time.perf_counter()
        print(f"[{i}/{len(paths)}] running {path.name}", flush=True)
        nb = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory() as sockets:
            # Local sockets rather than TCP: nothing listens on the network while it runs.
            km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
            client = NotebookClient(nb, km=km, timeout=900, record_timing=False,
                                    resources={"metadata": {"path": str(NOTEBOOKS)}})
            try:
                client.execute()
            except CellExecutionError as err:
                print(err, file=sys.stderr)
                sys.exit(f"notebook {path.name} failed; its outputs were not saved")
            finally:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = coalesce_streams(cell.outputs)
        if save:
            nbformat.write(nb, path)
        print(f"[{i}/{len(paths)}] {path.name} ok ({time.perf_counter() - start:.1f} s)", flush=True)
    seconds = time.perf_counter() - total
    print(f"{'rebuilt' if save else 'ran'} {len(paths)} notebooks in {seconds:.1f} s")
    return seconds


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "help"
    if command == "_execute":            # internal: runs inside the venv
        execute_notebooks(argv[2:])
        return
    if command not in {"build", "test", "report", "bench"}:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)
    python = install()
    env = {**os.environ, "PYTHONHASHSEED": "0", "TZ": "UTC"}
    if command == "build":
        run(python, ROOT / "make.py", "_execute", *argv[2:], env=env)
        if not argv[2:]:
            run(python, ROOT / "tools" / "figures_manifest.py", "write", env=env)
            run(python, ROOT / "tools" / "report.py", env=env)
    elif command == "test":
        run(python, "-m", "pytest", "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", *argv[2:], env=env)
        if not argv[2:]:        # nbval re-ran every notebook, rewriting figures/: compare
            run(python, ROOT / "tools" / "figures_manifest.py", "check", env=env)
    elif command == "report":
        run(python, ROOT / "tools" / "report.py", env=env)
    elif command == "bench":
        run(python, ROOT / "benchmarks" / "pipeline.py", *argv[2:], env=env)


if __name__ == "__main__":
    main(sys.argv)

"""The commands behind make.py: install into .venv, then build, test, report or benchmark.

Runs on the interpreter that started make.py (3.11+, already checked there) and uses only the
standard library; everything else happens inside .venv, installed from requirements.lock.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
LOCK = ROOT / "requirements.lock"
NOTEBOOKS = ROOT / "notebooks"
FIGURES_ENV = "ANALYSIS_FIGURES_DIR"      # read by analysis.config.figures_dir
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def shown(arg) -> str:
    text = str(arg)
    return str(Path(text).relative_to(ROOT)) if text.startswith(str(ROOT) + os.sep) else text


def run(*args, cwd: Path = ROOT, **kwargs) -> None:
    """Run a command (from the repo root unless `cwd` says otherwise); stop with its exit
    code if it fails."""
    print("+", " ".join(shown(a) for a in args), flush=True)
    code = subprocess.run([str(a) for a in args], cwd=cwd, **kwargs).returncode
    if code:
        sys.exit(code)


def venv_version(python: Path) -> str | None:
    """The Python version .venv was made with, or None if it cannot run."""
    try:
        return subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def create_venv() -> None:
    print(f"creating virtual environment {shown(VENV)}/ with Python {platform.python_version()}", flush=True)
    try:
        venv.create(VENV, with_pip=True, clear=True)
    except (OSError, subprocess.CalledProcessError) as err:
        sys.exit(f"could not create {shown(VENV)}/ with {sys.executable} ({err}). On Debian or Ubuntu "
                 f"install the venv module first: sudo apt install python{sys.version_info[0]}."
                 f"{sys.version_info[1]}-venv")


def install() -> Path:
    """Create .venv with this Python if needed and install the locked dependencies plus this
    package; a .venv made by another Python version is made again."""
    python = venv_python()
    if venv_version(python) != platform.python_version():
        create_venv()
    stamp = VENV / ".installed-lock"
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()
                            + platform.python_version().encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        print("dependencies up to date (requirements.lock unchanged)", flush=True)
        return python
    run(python, *PIP, "-r", LOCK)
    # setuptools comes from the lock, so the package installs without fetching a build backend
    run(python, *PIP, "--no-deps", "--no-build-isolation", "-e", ".")
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


def notebook_paths(prefixes: list[str]) -> list[Path]:
    paths = [p for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
             if not prefixes or p.name.startswith(tuple(prefixes))]
    if not paths:
        sys.exit(f"no notebook in notebooks/ starts with {' or '.join(prefixes)}")
    return paths


def inject_parameters(nb, parameters: dict) -> None:
    """Papermill's convention: a cell tagged `injected-parameters`, placed after the cell
    tagged `parameters`, assigns the values given on the command line."""
    if not parameters:
        return
    import nbformat

    cells = nb.cells
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not tagged:
        sys.exit("the notebook has no cell tagged 'parameters' to follow with the injected values")
    source = "# Parameters injected by make.py\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cells.insert(tagged[0] + 1, cell)


def execute_notebooks(prefixes: list[str], out: Path | None = None, parameters: dict | None = None) -> float:
    """Run every notebook (or those whose names start with `prefixes`) top to bottom in a
    fresh kernel, in order, and save it with its outputs: in place, or into `out` (with
    `parameters` injected) for a run on another corpus. Returns the seconds it took. Runs
    inside .venv (it needs nbclient)."""
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    paths = notebook_paths(prefixes)
    total = time.perf_counter()
    for i, path in enumerate(paths, 1):
        start = time.perf_counter()
        print(f"[{i}/{len(paths)}] running {path.name}", flush=True)
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, parameters or {})
        with tempfile.TemporaryDirectory() as sockets:
            # Local sockets rather than TCP: nothing listens on the network while it runs.
            km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
            client = NotebookClient(nb, km=km, timeout=1800, record_timing=False,
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
        nb.metadata.get("language_info", {}).pop("version", None)   # the same file from any 3.11+
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = coalesce_streams(cell.outputs)
        target = path if out is None else out / "notebooks" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        print(f"[{i}/{len(paths)}] {path.name} ok ({time.perf_counter() - start:.1f} s)", flush=True)
    seconds = time.perf_counter() - total
    print(f"{'rebuilt' if out is None else 'ran'} {len(paths)} notebooks in {seconds:.1f} s")
    return seconds


# Notebook parameters a run on another corpus may set (the `parameters` cell of every
# notebook names the same ones): command-line flag -> notebook variable.
PARAMETERS = {"corpus": "CORPUS", "out": "OUT", "eras": "ERAS", "codes": "CODES", "dates": "DATES",
              "theme_codes": "THEME_CODES", "columns": "COLUMNS", "strict": "STRICT", "tables": "TABLES"}
PATH_PARAMETERS = {"corpus", "out", "eras", "codes", "dates", "theme_codes", "tables"}
TABLES_NOTEBOOK = "04"      # the notebook that reads the tables of make.py tables (--tables)


def corpus_run(args) -> tuple[Path, dict] | None:
    """For `--corpus PATH --out DIR`: the output folder and the notebook parameters, with paths
    made absolute (the notebooks run in notebooks/); None for the seeds' own build. `--tables
    DIR` (a make.py tables folder) stands in for --corpus, for notebook 04 only."""
    if getattr(args, "tables", None) and any(not TABLES_NOTEBOOK.startswith(n) for n in args.notebooks):
        sys.exit(f"--tables is read by notebook {TABLES_NOTEBOOK} only: `make.py build {TABLES_NOTEBOOK} --tables DIR --out OUT`")
    if args.corpus is None and not getattr(args, "tables", None):
        for flag in PARAMETERS:
            if flag not in {"corpus", "out"} and getattr(args, flag, None):
                sys.exit(f"--{flag.replace('_', '-')} needs --corpus (the seeds' build takes no parameters)")
        if args.out:
            sys.exit("--out needs --corpus: the seeds' build writes notebooks/, figures/ and report/")
        return None
    if not args.out:
        sys.exit("--corpus and --tables need --out DIR: a run on other data never writes into this repository")
    out = Path(args.out).resolve()
    for tracked in ("notebooks", "figures", "report", "seeds", "analysis"):
        if out == ROOT / tracked or (ROOT / tracked) in out.parents or out == ROOT:
            sys.exit(f"--out {args.out} is inside the repository's {tracked}/; choose a folder of your own")
    values = {}
    for flag, name in PARAMETERS.items():
        value = getattr(args, flag, None)
        if value in (None, False, ""):
            continue
        if flag in PATH_PARAMETERS:
            path = Path(value).resolve()
            if flag != "out" and not path.exists():
                sys.exit(f"--{flag.replace('_', '-')} {value}: no such file or folder")
            value = str(path)
        values[name] = value
    return out, values


def build(args, env) -> None:
    notebook_paths(args.notebooks)          # refuse an unknown prefix before installing anything
    run_on = corpus_run(args)
    python = install()
    if run_on is None:
        run(python, ROOT / "make.py", "_execute", *args.notebooks, env=env)
        # The manifest and the report always describe every figure and notebook as they now are.
        run(python, ROOT / "tools" / "figures_manifest.py", "write", env=env)
        run(python, ROOT / "tools" / "report.py", env=env)
        return
    out, values = run_on
    notebooks = args.notebooks or ([TABLES_NOTEBOOK] if "TABLES" in values else [])
    env = {**env, FIGURES_ENV: str(out / "figures")}
    run(python, ROOT / "make.py", "_execute", "--out", out, "--parameters", json.dumps(values),
        *notebooks, env=env)
    run(python, ROOT / "tools" / "figures_manifest.py", "write", "--dir", out / "figures", env=env)
    run(python, ROOT / "tools" / "report.py", "--notebooks", out / "notebooks", "--figures", out / "figures",
        "--out", out / "report", env=env)
    print(f"wrote the notebooks, figures, tables and report for {values.get('CORPUS') or values['TABLES']} into {out}")


def tracked_state() -> str | None:
    """`git status` of the checkout (None outside a git checkout): to prove a run wrote
    nothing the repository tracks."""
    try:
        return subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


# Article text is data: these pieces of the sample corpus's hostile article must never reach a
# notebook's Markdown or the report as live markup or as TeX.
LIVE_MARKUP = ("<script>alert", "<img src=x onerror", "<iframe src=")
DOLLAR_PAIR = re.compile(r"(?<!\\)\$4 billion and (?<!\\)\$120 million")


def markup_problems(out: Path) -> list[str]:
    """Where the hostile sample article's markup or dollar signs went live in the executed
    notebooks' Markdown or HTML outputs, or in the report (empty when all shows as text)."""
    problems = []
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                for kind in ("text/markdown", "text/html"):
                    text = "".join(data.get(kind, ""))
                    live = [m for m in LIVE_MARKUP if m in text]
                    tex = DOLLAR_PAIR.search(text) and (kind == "text/markdown" or "tex2jax_ignore" not in text)
                    if live or tex:
                        problems.append(f"{path.name}: {kind} output shows {live or 'two dollar signs typeset as TeX'}")
    shown = False
    for path in sorted((out / "report").glob("*.html")):
        page = path.read_text(encoding="utf-8")
        shown = shown or "&lt;script&gt;alert(" in page
        live = [m for m in LIVE_MARKUP if m in page]
        if live:
            problems.append(f"report/{path.name} holds live markup {live}")
        if re.search(r"&lt;/?(?:p|th|td|tr|thead|tbody|h[1-6])\b", page):
            problems.append(f"report/{path.name} shows a table's or paragraph's tags as text")
    if not shown:
        problems.append("the hostile sample article's text is shown nowhere in the report, so its escaping is unchecked")
    return problems


def corpus_build_check(python: Path, env: dict, tmp: Path) -> None:
    """Build every notebook on a made-up corpus it was never tuned on (tools/sample_corpus.py,
    its CSV export) and check the run: all notebooks executed, figures, manifest, tables and
    report under the output folder, and nothing the repository tracks changed."""
    before = tracked_state()
    run(python, ROOT / "tools" / "sample_corpus.py", tmp / "sample", env=env)
    out = tmp / "sample-run"
    run(python, ROOT / "make.py", "_execute", "--out", out, "--parameters",
        json.dumps({"CORPUS": str(tmp / "sample" / "export.csv"), "OUT": str(out)}),
        env={**env, FIGURES_ENV: str(out / "figures")})
    run(python, ROOT / "tools" / "figures_manifest.py", "write", "--dir", out / "figures", env=env)
    run(python, ROOT / "tools" / "report.py", "--notebooks", out / "notebooks", "--figures", out / "figures",
        "--out", out / "report", env=env)
    problems = [f"{name} was not written" for name in
                [f"notebooks/{p.name}" for p in notebook_paths([])] + ["figures/MANIFEST.sha256", "report/index.html"]
                if not (out / name).exists()]
    if not list((out / "figures").glob("*.png")):
        problems.append("no figure was written")
    problems += markup_problems(out)
    if tracked_state() != before:
        problems.append("the run changed files the repository tracks")
    if problems:
        sys.exit("the build on the sample corpus failed its checks:\n  " + "\n  ".join(problems))
    print(f"the notebooks ran on the sample corpus: {len(notebook_paths([]))} notebooks, "
          f"{len(list((out / 'figures').glob('*.png')))} figures, report written, nothing tracked changed")


def test(args, env) -> None:
    python = install()
    with tempfile.TemporaryDirectory(prefix="make-test-") as tmp:
        # Notebooks re-run under nbval save their figures here, never into the tracked figures/.
        figures = Path(tmp) / "figures"
        run(python, "-m", "pytest", "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
            *args.pytest_args, env={**env, FIGURES_ENV: str(figures)})
        if not args.pytest_args:        # every notebook ran: compare its figures
            run(python, ROOT / "tools" / "figures_manifest.py", "check", "--dir", figures, env=env)
            # and the same notebooks on a corpus they were never tuned on, hostile markup included
            corpus_build_check(python, env, Path(tmp))


def report(args, env) -> None:
    run_on = corpus_run(args)
    if run_on is None:
        run(install(), ROOT / "tools" / "report.py", env=env)
        return
    out = run_on[0]
    run(install(), ROOT / "tools" / "report.py", "--notebooks", out / "notebooks", "--figures", out / "figures",
        "--out", out / "report", env=env)


def bench(args, env) -> None:
    """The scaling benchmark; with --adversarial the worst-case one (pathological text), with
    --tables the Dask tables path (time and peak memory)."""
    scripts = {"--adversarial": "adversarial.py", "--tables": "tables_scale.py"}
    chosen = [scripts[a] for a in args.bench_args if a in scripts]
    rest = [a for a in args.bench_args if a not in scripts]
    run(install(), ROOT / "benchmarks" / (chosen[0] if chosen else "pipeline.py"), *rest, env=env)


# Commands that run one module of the package inside .venv, with their own options (and their
# own --help); they run from the folder make.py was started in, so relative paths mean what
# the user meant.
MODULE_COMMANDS = {
    "dates": ("analysis.dates_review", "write the date review sheet for a corpus (--corpus PATH --out dates.csv)"),
    "themes-audit": ("analysis.theme_audit", "list every common word a stem-matched theme term would also find"),
    "codesheet": ("analysis.codesheet", "draw sentences to code by hand (--corpus PATH --n 200 --out FILE.csv)"),
    "tables": ("analysis.tables", "a large export's tables as Parquet, partition by partition, on Dask "
                                  "(--corpus FILE --out DIR [--scheduler ADDRESS])"),
    "themesheet": ("analysis.theme_precision",
                   "draw theme hits to judge (--corpus PATH --n 30 --out FILE.csv), or score a judged sheet"),
}


def module_command(args, env) -> None:
    module = MODULE_COMMANDS[args.command][0]
    run(install(), "-m", module, *args.module_args, cwd=Path.cwd(), env=env)


def add_corpus_flags(cmd) -> None:
    group = cmd.add_argument_group("your own corpus (nothing in the repository is written)")
    group.add_argument("--corpus", metavar="PATH",
                       help="a folder of .txt or .html/.htm files, or one .csv/.jsonl/.parquet export")
    group.add_argument("--out", metavar="DIR", help="where the notebooks, figures, tables and report go")
    group.add_argument("--eras", metavar="FILE", help="an eras CSV (era,start,end; default analysis/data/eras.csv)")
    group.add_argument("--codes", metavar="FILE", help="a filled tone coding sheet (make.py codesheet)")
    group.add_argument("--dates", metavar="FILE", help="a filled date review sheet (make.py dates)")
    group.add_argument("--theme-codes", metavar="FILE", help="a judged theme sheet (make.py themesheet)")
    group.add_argument("--columns", metavar="MAP",
                       help="export columns, e.g. text=body,published=publish_date,outlet=media_name")
    group.add_argument("--strict", action="store_true", help="stop at the first article that fails")
    group.add_argument("--tables", metavar="DIR", help="a make.py tables folder, read by notebook 04 (no --corpus needed)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python3 make.py",
        description="Install into .venv from requirements.lock, then rebuild, test, report or benchmark.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd = commands.add_parser("build", help="re-run notebooks, rewrite figures/, the manifest and the report",
                              description="Re-run the notebooks in order in fresh kernels, saving their "
                                          "outputs; then record the figure hashes and rewrite report/.")
    cmd.add_argument("notebooks", nargs="*", metavar="NN",
                     help="only notebooks whose names start with NN (e.g. 02); default: all")
    add_corpus_flags(cmd)
    cmd.set_defaults(func=build)
    cmd = commands.add_parser("test", help="unit tests, nbval over every notebook, figure check",
                              description="Run the unit tests and nbval over every notebook (figures are "
                                          "written to a temporary folder, never to figures/), then check "
                                          "they reproduce figures/MANIFEST.sha256 byte for byte. Extra "
                                          "arguments go to pytest (and skip the figure check).")
    cmd.set_defaults(func=test, forward="pytest_args")
    cmd = commands.add_parser("report", help="write the static HTML report to report/",
                              description="Write report/index.html and one self-contained page per notebook "
                                          "from the stored outputs (nothing is re-run); with --corpus and "
                                          "--out, the report of that run, in DIR/report.")
    cmd.add_argument("--corpus", metavar="PATH", help="the corpus a `build --corpus` ran on")
    cmd.add_argument("--out", metavar="DIR", help="that run's output folder")
    cmd.set_defaults(func=report)
    cmd = commands.add_parser("bench", help="run the scaling benchmark (prints figures)",
                              description="Run benchmarks/pipeline.py (with --adversarial: benchmarks/adversarial.py, "
                                          "with --tables: benchmarks/tables_scale.py); "
                                          "extra arguments go to it.")
    cmd.set_defaults(func=bench, forward="bench_args")
    for name, (module, help_text) in MODULE_COMMANDS.items():
        cmd = commands.add_parser(name, help=help_text, add_help=False,
                                  description=f"Runs python -m {module}; its options follow.")
        cmd.set_defaults(func=module_command, forward="module_args")
    return top


def main(argv: list[str]) -> None:
    if argv[:1] == ["_execute"]:            # internal: runs inside .venv
        inner = argparse.ArgumentParser(prog="make.py _execute")
        inner.add_argument("--out", type=Path)
        inner.add_argument("--parameters", type=json.loads, default={})
        inner.add_argument("notebooks", nargs="*")
        args = inner.parse_args(argv[1:])
        execute_notebooks(args.notebooks, args.out, args.parameters)
        return
    top = parser()
    args, extra = top.parse_known_args(argv)
    forward = getattr(args, "forward", None)
    if extra and not forward:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    if forward:
        setattr(args, forward, extra)
    env = {**os.environ, "PYTHONHASHSEED": "0", "TZ": "UTC"}
    args.func(args, env)

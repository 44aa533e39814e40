"""Record or check the SHA-256 of every figure (nbval does not compare images).

    python tools/figures_manifest.py write [--dir PATH]  # after a rebuild: record the figures
                                                         # in PATH (default figures/) there
    python tools/figures_manifest.py check [--dir PATH]  # compare figures in PATH (default
                                                         # figures/) with the committed manifest

`check` fails naming every figure that differs from the committed manifest, is missing, or
is not listed in it. `make.py test` re-runs the notebooks with their figures sent to a
temporary folder and checks that folder, so testing never writes a tracked file.
"""

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "figures"
MANIFEST = FIGURES / "MANIFEST.sha256"


def current(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*")) if p.suffix in {".svg", ".png"}}


def recorded() -> dict[str, str]:
    if not MANIFEST.exists():
        sys.exit(f"{MANIFEST.relative_to(ROOT)} is missing: run python3 make.py build")
    pairs = (line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def write(folder: Path) -> None:
    """Record the hashes of the figures in `folder` in its own MANIFEST.sha256."""
    manifest = folder / MANIFEST.name
    lines = [f"{digest}  {name}" for name, digest in current(folder).items()]
    text = "\n".join(lines) + "\n"
    if not manifest.exists() or manifest.read_text() != text:    # unchanged: leave the file alone
        manifest.write_text(text)
    shown = manifest.relative_to(ROOT) if ROOT in manifest.resolve().parents else manifest
    print(f"recorded {len(lines)} figure hashes in {shown}")


def check(folder: Path) -> None:
    now, then = current(folder), recorded()
    differ = sorted(n for n in now.keys() & then.keys() if now[n] != then[n])
    missing = sorted(then.keys() - now.keys())
    unlisted = sorted(now.keys() - then.keys())
    problems = [f"differs from the committed manifest: {n}" for n in differ]
    problems += [f"listed but not produced: {n}" for n in missing]
    problems += [f"produced but not in the manifest: {n}" for n in unlisted]
    if problems:
        sys.exit("figures are not reproduced:\n  " + "\n  ".join(problems))
    print(f"all {len(now)} figures reproduce byte for byte")


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("action", choices=["write", "check"])
    cli.add_argument("--dir", type=Path, default=FIGURES, help="folder holding the figures (default figures/)")
    args = cli.parse_args()
    {"write": write, "check": check}[args.action](args.dir)

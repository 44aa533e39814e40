"""Record or check the SHA-256 of every file in figures/ (nbval does not compare images).

    python tools/figures_manifest.py write   # after a rebuild: record the hashes
    python tools/figures_manifest.py check   # after the tests re-ran the notebooks: compare

`check` fails naming every figure that differs from the committed manifest, is missing, or
is not listed in it.
"""

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "figures"
MANIFEST = FIGURES / "MANIFEST.sha256"


def current() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(FIGURES.glob("*")) if p.suffix in {".svg", ".png"}}


def recorded() -> dict[str, str]:
    if not MANIFEST.exists():
        sys.exit(f"{MANIFEST.relative_to(ROOT)} is missing: run python3 make.py build")
    pairs = (line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def write() -> None:
    lines = [f"{digest}  {name}" for name, digest in current().items()]
    MANIFEST.write_text("\n".join(lines) + "\n")
    print(f"recorded {len(lines)} figure hashes in {MANIFEST.relative_to(ROOT)}")


def check() -> None:
    now, then = current(), recorded()
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
    {"write": write, "check": check}[sys.argv[1] if len(sys.argv) > 1 else "check"]()

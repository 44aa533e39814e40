"""The README's findings are the notebooks' findings: every number in its "What the seed
notebooks find" section appears in the stored outputs of the notebook its bullet names, so a
rebuild that changes a number makes this test fail until the README says the new one."""

import json
import re

import pytest

from analysis.config import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## What the seed notebooks find", 1)[1].split("\n## ", 1)[0]
BULLETS = [" ".join(b.split()) for b in re.split(r"\n- ", SECTION)[1:]]
NUMBER = re.compile(r"(?<![\w.])[+-]?\$?\d[\d,]*(?:\.\d+)?(?:bn|%|×)?")


def outputs(stem: str) -> str:
    path = next((PROJECT_ROOT / "notebooks").glob(f"{stem}_*.ipynb"))
    text = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            text.append("".join(output.get("data", {}).get("text/plain", "")) + "".join(output.get("text", "")))
    return "\n".join(text)


def test_the_section_names_a_notebook_in_every_bullet():
    assert len(BULLETS) == 4
    assert [re.match(r"\*\*(\d\d) ·", b).group(1) for b in BULLETS] == ["00", "01", "02", "03"]


@pytest.mark.parametrize("bullet", BULLETS, ids=lambda b: b[2:4])
def test_every_number_in_a_finding_is_in_its_notebooks_outputs(bullet):
    stem = bullet[2:4]
    shown = outputs(stem)
    numbers = [n for n in NUMBER.findall(bullet.split("**", 2)[2])]
    assert numbers
    missing = [n for n in numbers if n not in shown]
    assert not missing, f"notebook {stem} does not show {missing}"

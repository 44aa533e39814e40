"""The three dependency files agree: pyproject.toml names, requirements.lock pins exactly,
environment.yml pins the same versions."""

import re
import tomllib

from analysis.config import PROJECT_ROOT


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins() -> dict[str, str]:
    lines = (PROJECT_ROOT / "requirements.lock").read_text().splitlines()
    return {canonical(n): v for n, v in (l.split("==") for l in lines if "==" in l and not l.startswith("#"))}


def test_every_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {canonical(re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0]) for d in wanted}
    missing = names - lock_pins().keys()
    assert not missing, f"not in requirements.lock: {sorted(missing)}"


def test_environment_yml_pins_the_same_versions_as_the_lock():
    text = (PROJECT_ROOT / "environment.yml").read_text()
    env = {canonical(n): v for n, v in re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==(\S+)$", text, re.M)}
    assert env == lock_pins()
    assert "python=3.11" in text

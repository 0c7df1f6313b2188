"""Every notebook runs with papermill on the seeds, as `make report` runs it."""

from __future__ import annotations

import json

import nbformat
import pytest

from analysis import render

pytestmark = pytest.mark.slow


def test_every_page_renders_without_error(rendered):
    reports, _, pages, errors = rendered
    assert errors == []
    for page in pages:
        assert (reports / f"{page.name}.html").stat().st_size > 10_000, page.name


def test_every_notebook_is_rendered_at_least_once(rendered):
    _, _, pages, _ = rendered
    assert {page.notebook for page in pages} == {p.stem for p in render.NOTEBOOKS.glob("*.ipynb")}


@pytest.mark.parametrize("name", [
    "target_vs_actual_ganxianqu_2020",
    "cross_district_2022_target_growth",
    "cross_district_2021_outcome_growth",
    "targets_by_level_2021",
])  # fmt: skip
def test_figures_exist_and_are_not_empty(rendered, name):
    _, figures, _, _ = rendered
    png, svg = figures / f"{name}.png", figures / f"{name}.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert b"<svg" in svg.read_bytes()[:2000] and svg.stat().st_size > 10_000


def test_code_is_hidden_by_default(rendered):
    reports, _, _, _ = rendered
    html = (reports / "target_vs_actual_ganxianqu_2020.html").read_text(encoding="utf-8")
    assert "load_observations" not in html


@pytest.mark.parametrize("path", sorted(render.NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_are_committed_thin_and_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].source.startswith("# Parameters")
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    assert not any("def " in c.source or "class " in c.source for c in code)
    for line in parameters[0].source.splitlines()[1:]:
        assert "  # " in line, f"parameter without a comment: {line}"
        json.loads(line.split("=", 1)[1].split("  #")[0].strip().replace("'", '"'))  # a plain literal


def test_escaped_report_text_in_a_rendered_page(observations, tmp_path):
    hostile = observations.copy()
    hostile.loc[hostile["region"] == "赣县区", "doc"] = "<script>alert(1)</script>.txt"
    data = tmp_path / "hostile.csv"
    hostile.to_csv(data, index=False)
    page = render.Page("target_vs_actual", {"region": "赣县区", "period": 2020, "lang": "en"}, "")
    html = render.render_page(page, tmp_path, data=str(data), figures=tmp_path).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in html
    assert "<script>alert(1)</script>" not in html

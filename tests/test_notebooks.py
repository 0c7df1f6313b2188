"""Every notebook runs with papermill on the seeds, as `make report` runs it."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from analysis.pages import render

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(render.NOTEBOOKS.glob("*.ipynb"))


def test_every_page_renders_without_error(rendered):
    reports, _, pages, errors = rendered
    assert errors == []
    for page in pages:
        assert (reports / f"{page.name}.html").stat().st_size > 10_000, page.name


def test_every_notebook_is_rendered_at_least_once(rendered):
    _, _, pages, _ = rendered
    assert {page.notebook for page in pages} == {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("name", [
    "target_vs_actual_ganxianqu_2020",
    "cross_district_nanchangshi_2022_target_growth",
    "cross_district_nanchangshi_2022_target_level",
    "cross_district_nanchangshi_2021_outcome_growth",
    "cross_district_nanchangshi_2021_outcome_level",
    "targets_by_level_ganxianqu_2021",
    "targets_by_level_taihexian-19d95f_2022",
    "over_time_quanguo_gdp_growth",
    "overview_coverage",
    "overview_met",
    "overview_gaps",
    "overview_wording",
])  # fmt: skip
def test_figures_exist_and_are_not_empty(rendered, name):
    _, figures, _, _ = rendered
    png, svg = figures / f"{name}.png", figures / f"{name}.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert b"<svg" in svg.read_bytes()[:2000] and svg.stat().st_size > 10_000


def test_one_region_below_its_level_above_is_not_drawn_side_by_side(rendered):
    """泰和县 is the only region below 吉安市 with targets for 2022: a line says so, no chart."""
    reports, figures, _, _ = rendered
    page = (reports / "targets_by_level_taihexian-19d95f_2022.html").read_text(encoding="utf-8")
    assert "吉安市下一级2022年有增长目标的只有泰和县：没有可并列的地区。" in page
    assert not (figures / "targets_by_level_taihexian-19d95f_2022_children.png").exists()


def test_no_missing_glyph_warning_in_any_executed_notebook(rendered):
    reports, _, pages, _ = rendered
    for page in pages:
        notebook = nbformat.read(reports / f"{page.name}.ipynb", as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
                assert "missing from font" not in text and "findfont" not in text, (page.name, text)


def test_code_is_hidden_by_default(rendered):
    reports, _, _, _ = rendered
    html = (reports / "target_vs_actual_ganxianqu_2020.html").read_text(encoding="utf-8")
    assert "load_observations" not in html and "<img" in html


def test_notebooks_run_on_their_defaults_as_opened_in_jupyterlab(tmp_path):
    """data = "" extracts seeds/ with the library: no file needs making first."""
    pages = [render.Page(path.stem, {}) for path in NOTEBOOKS]
    errors = render.render_all(pages, tmp_path, figures=tmp_path / "figures", index=False)
    assert errors == []
    assert (tmp_path / "figures" / "target_vs_actual_ganxianqu_2020.png").is_file()


@pytest.mark.parametrize(("notebook", "parameters", "message"), [
    ("target_vs_actual", {"region": "青山湖区"}, "ParameterError: region '青山湖区' not in the data; valid: 赣县区"),
    ("cross_district", {"period": 2019}, "ParameterError: period 2019 has no target figures of two or more "
                                         "regions; valid: 2021, 2022"),
    ("targets_by_level", {"period": 2020}, "ParameterError: period 2020 not in the data; valid: 2021"),
    ("over_time", {"indicator": "cpi"}, "ParameterError: indicator 'cpi' has no target or outcome of 赣县区; "
                                        "valid: gdp, fiscal_revenue, general_budget_revenue"),
    ("walkthrough", {"doc": "nowhere.txt"}, "ParameterError: doc 'nowhere.txt' not in seeds/"),
    ("review", {"check": "hunch"}, "ParameterError: check 'hunch' not in the checks; valid: conflict, two_values, "
                                   "period_from_position, weak_metadata, region_from_text, implausible, "
                                   "far_from_ancestor, part_year, several_years, past_target, target_words, "
                                   "other_scope"),
])  # fmt: skip
def test_bad_parameters_stop_at_once_with_the_library_message(tmp_path, notebook, parameters, message):
    with pytest.raises(render.RenderError) as error:
        render.render_notebook(notebook, parameters, tmp_path, figures=tmp_path)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith(f"notebooks/{notebook}.ipynb (")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_thin_and_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and parameters[0].source.startswith("# Parameters")
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    assert notebook.cells[1] is parameters[0]
    for line in parameters[0].source.splitlines()[1:]:
        assert "  # " in line, f"parameter without a comment: {line}"
        ast.literal_eval(line.split("=", 1)[1].split("  #")[0].strip())  # a plain literal
    for cell in code:
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While)) for n in ast.walk(tree))
    # After the check, markdown alternates with one-line calls; a figure is drawn and saved in one
    # cell, so that the page shows the PNG it saved instead of drawing the figure again.
    for cell in code[2:]:
        lines = cell.source.splitlines()
        assert len(lines) == 1 or (
            len(lines) == 2 and lines[0].split(" = plot.")[1].split("(")[0].endswith("_plot")
            and lines[1].startswith("plot.save_figure(") and not lines[1].endswith(";")
        ), cell.source  # fmt: skip


def test_report_text_is_escaped_in_rendered_pages(hostile_pages):
    walkthrough, pairs, over_time, levels = (path.read_text(encoding="utf-8") for path in hostile_pages)
    assert "window.__xss" in walkthrough  # the text is shown ...
    assert "<script>window.__xss" not in walkthrough and "<img src=x" not in walkthrough  # ... not run
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in walkthrough
    assert "&lt;script&gt;window.__xss = 3&lt;/script&gt;.txt" in pairs
    assert "<script>window.__xss" not in pairs
    for page in (over_time, levels):  # evidence: the sentence escaped, then the figure marked
        assert "<script>window.__xss" not in page and "<b onmouseover" not in page
        # (the HTML export writes &quot; back as ", which text may hold)
        assert re.search(r"&lt;script&gt;window.__xss = 4&lt;/script&gt;&lt;b onmouseover=(&quot;|\")window.__xss = 5"
                         r"(&quot;|\")&gt;今年发展的主要预期目标是:国内生产总值增长<mark>5.5%左右</mark>", page)


def test_the_over_time_notebook_draws_each_year_as_worded(tmp_path, chain_observations):
    """over_time run by papermill on the chain cases; then, in the kernel that ran it, what
    the notebook's figure holds: a band for the 2019 range, a floor for 2021's 以上, hollow
    dots for 2022's and 2023's 左右, the outcomes as a line and a dot each by verdict."""
    import json

    from jupyter_core.utils import run_sync

    data = tmp_path / "chain.parquet"
    chain_observations.to_parquet(data, index=False)
    source = render.NOTEBOOKS / "over_time.ipynb"
    parameters = {"region": "全国", "indicator": "gdp", "measure": "growth", "data": str(data),
                  "figures": str(tmp_path / "figures")}  # fmt: skip
    probe = ("import json\nprint(json.dumps({'points': {c.get_gid(): c.get_offsets().tolist() for c in ax.collections},"
             "'faces': {c.get_gid(): matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in ax.collections},"
             "'bands': [(p.get_gid(), p.get_x() + p.get_width() / 2, p.get_y(), p.get_y() + p.get_height()) "
             "for p in ax.patches],"
             "'lines': {l.get_gid(): [None if y != y else y for y in l.get_ydata().tolist()] for l in ax.lines},"
             "'title': ax.get_title()}))")  # fmt: skip
    with render.PageKernel() as kernel:
        kernel.run(source, tmp_path / "over_time.ipynb", parameters)
        client = kernel.manager.client()
        client.start_channels()
        printed = []
        try:
            run_sync(client.wait_for_ready)(timeout=60)
            run_sync(client.execute_interactive)("import matplotlib.colors\n" + probe, timeout=60,
                                                 output_hook=lambda m: printed.append(m["content"].get("text", "")))  # fmt: skip
        finally:
            client.stop_channels()
    drawn = json.loads("".join(printed))
    assert drawn["bands"] == [["target-range", 2019.0, 6.0, 6.5]]
    assert drawn["points"]["target-at_least"] == [[2021, 6.0]]
    assert drawn["points"]["target-about"] == [[2022, 5.5], [2023, 5.0]]
    assert drawn["faces"]["target-about"] == "#ffffff" and drawn["faces"]["target-at_least"] == "#2166ac"
    assert drawn["points"]["outcome-met"] == [[2019, 6.1], [2021, 8.1]]
    assert drawn["points"]["outcome-missed"] == [[2022, 3.0]]
    assert drawn["points"]["outcome-none"] == [[2018, 6.6], [2020, 2.3]]  # years without a target
    assert drawn["lines"]["outcome-line"] == [6.6, 6.1, 2.3, 8.1, 3.0, None]  # 2023: no outcome yet
    assert drawn["title"] == "全国 国内生产总值增速：历年目标与实际"  # the nation's word for GDP
    assert (tmp_path / "figures" / "over_time_quanguo_gdp_growth.png").is_file()

"""Batch rendering: parameter sets from the data, failures named, the index page."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import render


def test_parameter_sets_of_the_seeds(observations):
    names = [page.name for page in render.parameter_sets(observations)]
    assert names == [
        "target_vs_actual_ganxianqu_2020",
        "cross_district_2021_target",
        "cross_district_2022_target",
        "cross_district_2021_outcome",
        "targets_by_level_2021",
        "walkthrough_ganxian-2021-plan-report",
        "walkthrough_nanchangxian-2022-government-work-report",
        "walkthrough_qingyunpu-2022-government-work-report",
        "walkthrough_qingyunpu-2022-plan-report",
        "walkthrough_xihu-2022-government-work-report",
    ]


def _notebook(folder, name, source):
    notebook = new_notebook(cells=[new_code_cell("# Parameters\nvalue = 1", metadata={"tags": ["parameters"]}),
                                   new_code_cell(source)])  # fmt: skip
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / f"{name}.ipynb")


@pytest.mark.slow
def test_a_failing_notebook_is_named_and_the_others_render(tmp_path, monkeypatch, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks, "fine", "print('<script>alert(1)</script>', value)")
    _notebook(notebooks, "broken", "raise ValueError(f'no data for value {value}')")
    monkeypatch.setattr(render, "NOTEBOOKS", notebooks)
    pages = [render.Page("broken", {"value": 7}, "fails"), render.Page("fine", {"value": 2}, "works")]
    errors = render.render_all(pages, tmp_path / "out", figures=tmp_path / "figures")
    assert len(errors) == 1 and errors[0].endswith("broken.ipynb (value=7): ValueError: no data for value 7")
    html = (tmp_path / "out" / "fine_2.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 2" in html and "<script>alert(1)" not in html
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="fine_2.html"' in index and "broken" not in index
    assert "broken.ipynb (value=7): ValueError" in capsys.readouterr().err


def test_index_escapes_descriptions(tmp_path):
    page = render.Page("walkthrough", {"doc": "a.txt"}, "<b>bold</b> & more")
    index = render.write_index([(page, tmp_path / "walkthrough_a.html")], tmp_path)
    text = index.read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in text and 'href="walkthrough_a.html"' in text


def test_unknown_notebook_is_one_line_listing_the_notebooks(tmp_path, capsys):
    assert render.cli(["no_such_page", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "analysis: notebook 'no_such_page' not in notebooks/; valid: cross_district, target_vs_actual, " \
           "targets_by_level, walkthrough" in err


def test_parameters_are_json_or_plain_text():
    assert render._parse_parameter("2020") == 2020
    assert render._parse_parameter('["gdp", "fdi"]') == ["gdp", "fdi"]
    assert render._parse_parameter("赣县区") == "赣县区"


def test_cli_needs_a_notebook_or_all():
    with pytest.raises(SystemExit):
        render.cli([])

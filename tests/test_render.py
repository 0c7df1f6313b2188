"""Batch rendering: parameter sets from the data, failures named, the index page."""

from __future__ import annotations

import inspect
import re

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis.compare import make_observations
from analysis.pages import index, render


def test_parameter_sets_of_the_seeds(observations):
    sets = render.parameter_sets(observations)
    assert [page.name for page in sets] == [
        "overview",
        "target_vs_actual_ganxianqu_2020",
        "cross_district_nanchangshi_2022_target",
        "cross_district_nanchangshi_2021_outcome",
        "targets_by_level_ganxianqu_2021",
        "walkthrough_ganxian-2021-plan-report",
        "walkthrough_nanchangxian-2022-government-work-report",
        "walkthrough_qingyunpu-2022-government-work-report",
        "walkthrough_qingyunpu-2022-plan-report",
        "walkthrough_xihu-2022-government-work-report",
        "review_period-from-position",
        "review_region-from-text",
    ]
    assert sets[-1].parameters == {"check": "region_from_text"}
    assert sets[-1].description == "13 rows checked region_from_text, report by report"
    assert sets[0].parameters == {"lang": "zh"}
    assert sets[1].parameters == {"region": "赣县区", "period": 2020, "lang": "zh"}
    assert [page.description for page in sets[1:5]] == [
        "赣县区, 2020: growth targets against outcomes, met or missed",
        "2022: the targets of 南昌县、西湖区、青云谱区 (南昌市) side by side",
        "2021: the outcomes of 南昌县、西湖区、青云谱区 (南昌市) side by side",
        "2021: targets of 赣县区 → 赣州市",
    ]
    assert sets[2].parameters == {"parent": "南昌市", "period": 2022, "kind": "target", "lang": "zh"}


def test_regions_are_compared_with_their_neighbours():
    """A corpus of many counties makes a page per city, not one chart of every county: two
    cities' districts give two pages; a region without a known parent is on none."""
    obs = make_observations([dict(region=r, parent_region=p, indicator="gdp", period=2022, kind="target", value=v)
                             for r, p, v in [("青云谱区", "南昌市", 7.5), ("西湖区", "南昌市", 7), ("章贡区", "赣州市", 8),
                                             ("赣县区", "赣州市", 9), ("某区", "", 6)]])  # fmt: skip
    pages = [page for page in render.parameter_sets(obs) if page.notebook == "cross_district"]
    assert [page.name for page in pages] == ["cross_district_nanchangshi_2022_target",
                                             "cross_district_ganzhoushi_2022_target"]  # fmt: skip


def test_parameter_sets_need_data():
    """One region with a target and no outcome: no pairs, no second region, no parent."""
    obs = make_observations([dict(doc="elsewhere.txt", region="赣县区", indicator="gdp", period=2021,
                                  kind="target", value=9)])  # fmt: skip
    # only the overview: no pair, no second region, and no walkthrough of a report this project lacks
    assert [page.notebook for page in render.parameter_sets(obs)] == ["overview"]


def test_english_pages_get_their_own_names(observations):
    assert [page.name for page in render.parameter_sets(observations, lang="en")[:2]] == [
        "overview_en", "target_vs_actual_ganxianqu_2020_en"]  # fmt: skip


def _notebook(folder, name, source):
    notebook = new_notebook(cells=[new_code_cell("# Parameters\nvalue = 1  # a number", metadata={"tags": ["parameters"]}),
                                   new_code_cell(source)])  # fmt: skip
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / f"{name}.ipynb")


def _toy_folder(tmp_path, monkeypatch, sources: dict):
    """notebooks/ replaced by a folder of one-cell notebooks, name -> source."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name, source in sources.items():
        _notebook(notebooks, name, source)
    monkeypatch.setattr(render, "NOTEBOOKS", notebooks)
    return notebooks


@pytest.fixture
def toy_notebooks(tmp_path, monkeypatch):
    return _toy_folder(tmp_path, monkeypatch, {"fine": "print('<script>alert(1)</script>', value)",
                                               "broken": "raise ValueError(f'no data for value {value}')"})  # fmt: skip


@pytest.mark.slow
def test_a_failing_notebook_is_named_and_the_others_render(toy_notebooks, tmp_path, capsys):
    pages = [render.Page("broken", {"value": 7}, "fails"), render.Page("fine", {"value": 2}, "works <b>")]
    errors = render.render_all(pages, tmp_path / "out", figures=tmp_path / "figures")
    assert len(errors) == 1 and errors[0].endswith("broken.ipynb (value=7): ValueError: no data for value 7")
    html = (tmp_path / "out" / "fine_2.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 2" in html and "<script>alert(1)" not in html
    assert "print(" not in html  # code hidden by default
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="fine_2.html"' in index and "works &lt;b&gt;" in index and "broken" not in index
    err = capsys.readouterr().err
    # the failure is named; no progress bar where stderr is not a terminal (as for extract)
    assert "broken.ipynb (value=7): ValueError: no data for value 7" in err and "\r" not in err and "render:" not in err


@pytest.mark.slow
def test_show_code_keeps_the_code(toy_notebooks, tmp_path):
    html = render.render_notebook("fine", {"value": 3}, tmp_path, show_code=True).read_text(encoding="utf-8")
    assert "print" in html and "fine_3.html" == render.Page("fine", {"value": 3}).name + ".html"


def test_a_parameter_the_notebook_lacks_is_named_with_the_valid_ones(toy_notebooks, tmp_path):
    with pytest.raises(render.RenderError) as error:
        render.render_notebook("fine", {"valeu": 3}, tmp_path)
    assert str(error.value).endswith("fine.ipynb (valeu=3): parameter 'valeu' not in the notebook; valid: value")


def test_the_cli_exits_non_zero_naming_the_failure(toy_notebooks, tmp_path, capsys):
    assert render.cli(["broken", "-p", "value", "5", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "broken.ipynb (value=5): ValueError: no data for value 5" in err
    assert "analysis: 0 page(s) rendered into" in err and "1 failed" in err


def test_index_groups_pages_and_escapes_descriptions(tmp_path):
    done = [(render.Page("walkthrough", {"doc": "a.txt"}, "<b>bold</b> & more"), tmp_path / "walkthrough_a.html"),
            (render.Page("cross_district", {"period": 2022}, "2022"), tmp_path / "cross_district_2022.html")]
    text = render.write_index(done, tmp_path, lang="en").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in text and "<b>bold" not in text
    assert text.index("From a report to rows") < text.index('href="walkthrough_a.html"') < \
        text.index("Regions side by side") < text.index('href="cross_district_2022.html"')  # fmt: skip
    chinese = render.write_index(done, tmp_path).read_text(encoding="utf-8")
    assert "<html lang='zh-Hans'>" in chinese and "从报告到数据" in chinese and "@font-face" in chinese


def test_every_notebook_is_a_page_kind_with_its_module():
    """A page kind is notebooks/<kind>.ipynb, analysis/pages/<kind>.py (its heading in the index
    and its parameter sets) and its name in index.KINDS."""
    assert sorted(index.KINDS) == sorted(path.stem for path in render.NOTEBOOKS.glob("*.ipynb"))
    for kind in index.KINDS:
        module = index.kind_module(kind)
        assert module.__name__ == f"analysis.pages.{kind}" and module.HEADING, kind
        assert list(inspect.signature(module.parameter_sets).parameters) == ["facts", "observations", "lang",
                                                                             "folders"], kind  # fmt: skip


def test_unknown_notebook_is_one_line_listing_the_notebooks(tmp_path, capsys):
    assert render.cli(["no_such_page", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "analysis: notebook 'no_such_page' not in notebooks/; valid: cross_district, over_time, overview, " \
           "review, target_vs_actual, targets_by_level, walkthrough" in err


def test_bad_data_for_all_is_one_line(tmp_path, capsys):
    assert render.cli(["--all", "--data", str(tmp_path / "none.csv"), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"analysis: data '{tmp_path / 'none.csv'}' is not a .csv or")


def test_parameters_are_json_or_plain_text():
    assert render._parse_parameter("2020") == 2020
    assert render._parse_parameter('["gdp", "fdi"]') == ["gdp", "fdi"]
    assert render._parse_parameter("赣县区") == "赣县区"


def test_cli_needs_a_notebook_or_all():
    with pytest.raises(SystemExit):
        render.cli([])
    with pytest.raises(SystemExit):
        render.cli(["walkthrough", "--all"])


def test_a_bad_lang_is_the_notebooks_one_line_error(tmp_path):
    with pytest.raises(render.RenderError) as error:
        render.render_notebook("targets_by_level", {"lang": "fr"}, tmp_path, figures=tmp_path)
    assert str(error.value) == ('notebooks/targets_by_level.ipynb (lang="fr"): ParameterError: lang \'fr\' not in '
                                "the languages; valid: zh, en")


@pytest.fixture
def kernel_notebooks(tmp_path, monkeypatch):
    return _toy_folder(tmp_path, monkeypatch, {
        "leaves": "import os\nleft_behind = value\nos.chdir('/')\nprint(os.getpid())",
        "finds": "import os\nprint(os.getpid(), 'left_behind' in globals(), value, os.getcwd())",
        "dies": "import os\nos._exit(1)",
    })  # fmt: skip


def _printed(path) -> str:
    cells = nbformat.read(path, as_version=4).cells
    return "".join(o.get("text", "") for c in cells if c.cell_type == "code" for o in c.outputs).strip()


def _counts(path) -> list:
    return [c.execution_count for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [False, True], ids=["kernel_kept", "fresh_kernels"])
def test_each_page_starts_from_an_empty_namespace_in_the_notebooks_folder(kernel_notebooks, tmp_path, fresh):
    pages = [render.Page("leaves", {"value": 1}), render.Page("finds", {"value": 2})]
    assert render.render_all(pages, tmp_path / "out", jobs=1, figures=tmp_path, index=False,
                             fresh_kernels=fresh) == []  # fmt: skip
    first = _printed(tmp_path / "out" / "leaves_1.ipynb")
    pid, leaked, value, folder = _printed(tmp_path / "out" / "finds_2.ipynb").split()
    assert (leaked, value, folder) == ("False", "2", str(kernel_notebooks))  # the page before moved away
    assert (pid == first) is not fresh  # one worker: one kernel for both pages, unless fresh
    assert _counts(tmp_path / "out" / "finds_2.ipynb") == [1, 2, 3]  # counted from 1 on every page


@pytest.mark.slow
def test_a_kernel_that_dies_is_named_and_the_next_page_gets_a_new_one(kernel_notebooks, tmp_path):
    pages = [render.Page("dies", {"value": 1}), render.Page("finds", {"value": 3})]
    errors = render.render_all(pages, tmp_path / "out", jobs=1, figures=tmp_path, index=False)
    assert len(errors) == 1 and errors[0].endswith("dies.ipynb (value=1): the kernel died (out of memory?)")
    assert _printed(tmp_path / "out" / "finds_3.ipynb").split()[1:3] == ["False", "3"]


@pytest.mark.slow
def test_reports_folders_are_read_written_and_rendered(tmp_path, capsys):
    """`render NOTEBOOK --reports FOLDER`: the folder read with its manifest, the table written
    to --data, the page rendered from it."""
    from .conftest import CHAIN

    status = render.cli(["over_time", "--reports", str(CHAIN), "--data", str(tmp_path / "chain.csv"),
                         "-p", "region", "全国", "--out", str(tmp_path), "--figures", str(tmp_path / "figures")])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 0, err
    assert f"analysis: 11 report(s) read from {CHAIN}, 0 could not be read, 26 rows" in err
    assert "全国" in (tmp_path / "chain.csv").read_text(encoding="utf-8")
    assert (tmp_path / "over_time_quanguo.html").is_file()
    assert (tmp_path / "figures" / "over_time_quanguo_gdp_growth.png").is_file()


def test_a_reports_folder_that_is_not_there_is_one_line(tmp_path, capsys):
    assert render.cli(["--all", "--reports", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"analysis: reports '{tmp_path / 'nowhere'}' is not a folder; valid: folders "
                                       "of .txt, .html, .htm, .pdf or .docx reports, e.g. seeds\n")
    assert render.cli(["--all", "--reports", "seeds", "--data", str(tmp_path / "t.xlsx"), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"analysis: data '{tmp_path / 't.xlsx'}' is not a .csv or .parquet file "
                                       "name; valid: e.g. data/indicators.parquet\n")
    many = ["--data", str(tmp_path / "t.parquet"), "--data", str(tmp_path / "t.txt")]
    assert render.cli(["--all", "--reports", "seeds", *many, "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"analysis: data '{tmp_path / 't.txt'}' is not a .csv, .parquet, .dta or .xlsx file name\n"
    assert render.cli(["--all", *many[:2], "--data", str(tmp_path / "u.csv"), "--out", str(tmp_path)]) == 2
    assert "one file is read; several are written only with --reports" in capsys.readouterr().err


def test_the_table_of_the_folders_is_written_to_every_data_file(tmp_path, monkeypatch):
    """`make report` writes data/indicators.parquet, .csv, .dta and .xlsx from the folders, the
    same rows in each; the pages read the .parquet (render_all is not what is tested here)."""
    read = {}
    monkeypatch.setattr(render, "render_all", lambda pages, out, show_code, data, *a, **k: read.setdefault("data", data) and [])
    names = [tmp_path / f"t.{suffix}" for suffix in ("dta", "parquet", "csv", "xlsx")]
    assert render.cli(["--all", "--reports", "seeds", *[a for n in names for a in ("--data", str(n))],
                       "--out", str(tmp_path)]) == 0  # fmt: skip
    assert read["data"] == str(tmp_path / "t.parquet")
    parquet = pd.read_parquet(tmp_path / "t.parquet")
    assert len(parquet) == len(pd.read_csv(tmp_path / "t.csv")) == len(pd.read_stata(tmp_path / "t.dta")) > 100
    assert len(pd.read_excel(tmp_path / "t.xlsx", sheet_name="indicators")) == len(parquet)


def test_the_index_says_when_and_from_what_and_links_the_data_once(tmp_path):
    import pandas as pd

    data = tmp_path / "data"
    data.mkdir()
    pd.DataFrame({"doc": ["a.txt", "a.txt", "b.txt"]}).to_parquet(data / "t.parquet")
    (data / "t.csv").write_text("doc\na.txt\n", encoding="utf-8")
    (data / "codebook.md").write_text("# codebook\n", encoding="utf-8")
    text = render.write_index([], tmp_path / "reports", data=str(data / "t.parquet"),
                              downloads=[str(data / "t.parquet"), str(data / "t.csv")]).read_text(encoding="utf-8")  # fmt: skip
    assert "数据：t.parquet（2份报告，3行）" in text
    assert [href for href in re.findall(r'href="([^"]+)"', text)] == ["../data/t.parquet", "../data/t.csv",
                                                                     "../data/codebook.md"]  # fmt: skip

"""Pages of careless and hostile data: one page per region whatever its pinyin, one rule for
region names, group pages that leave out what they cannot draw, no stray files, messages that
say what is wrong (issue 17, rows 1, 12, 13 and 18)."""

from __future__ import annotations

import warnings
from collections import defaultdict

import pandas as pd
import pytest

from analysis import pages, regions
from analysis.__main__ import main
from analysis.compare import ParameterError, make_observations
from analysis.filenames import _homophones, figure_name, pinyin_slug
from analysis.pages import render
from analysis.reading import outputs

from .hostile import GOOD, good_folder, named

# Two districts whose names are both xihuqu in pinyin, each with a target and its outcome.
HOMOPHONES = make_observations([
    dict(region=region, parent_region=parent, indicator="gdp", period=2022, kind=kind, value=value)
    for region, parent in (("西湖区", "南昌市"), ("溪湖区", "本溪市"))
    for kind, value in (("target", 7.5), ("actual", 8.0))
])  # fmt: skip


# --- 12. Page and figure names: unique and stable ---


def test_homophone_regions_get_two_pages_with_two_names():
    made = [page for page in render.parameter_sets(HOMOPHONES) if page.notebook == "target_vs_actual"]
    assert [page.parameters["region"] for page in made] == ["溪湖区", "西湖区"]
    assert [page.name for page in made] == ["target_vs_actual_xihuqu-320385_2022", "target_vs_actual_xihuqu-aef8f5_2022"]


def test_a_name_is_the_same_whatever_else_the_corpus_holds():
    """A region's name depends on its own characters and the division table only."""
    assert figure_name("target_vs_actual", "西湖区", 2022) == "target_vs_actual_xihuqu-aef8f5_2022"
    assert figure_name("target_vs_actual", "赣县区", 2020) == "target_vs_actual_ganxianqu_2020"  # no homophone
    assert figure_name("walkthrough", "某地报告") == "walkthrough_moudibaogao-" + figure_name("x", "某地报告")[-6:]


def test_the_homophones_list_is_the_division_table_s():
    """vocab/pinyin_homophones.csv holds exactly the names of the table that share their pinyin."""
    by_slug = defaultdict(set)
    for region in regions.all_regions():
        by_slug[pinyin_slug(region.name)].add(region.name)
    assert _homophones() == {name for names in by_slug.values() if len(names) > 1 for name in names}


def test_no_two_names_of_the_division_table_give_one_file():
    names = {region.name for region in regions.all_regions()}
    files = {figure_name("p", name) for name in names}
    assert len(files) == len(names)


@pytest.mark.slow
def test_homophone_regions_are_rendered_to_two_pages_and_indexed_apart(tmp_path):
    data = tmp_path / "homophones.csv"
    HOMOPHONES.to_csv(data, index=False)
    made = [page for page in render.parameter_sets(HOMOPHONES) if page.notebook == "target_vs_actual"]
    errors = render.render_all(made, tmp_path / "reports", data=str(data), figures=tmp_path / "figures")
    assert errors == []
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    for page in made:
        assert (tmp_path / "reports" / f"{page.name}.html").is_file()
        assert (tmp_path / "figures" / f"{page.name}.png").is_file()
        assert index.count(f'href="{page.name}.html"') == 1
    assert sorted(p.name for p in (tmp_path / "reports").iterdir() if p.name.startswith(".")) == []


# --- 13. One rule for names; group pages leave out what they cannot draw; no stray files ---


@pytest.mark.parametrize(("column", "value"), [("region", "Xihu"), ("parent_region", "南昌市/东湖区")])
def test_a_region_name_pages_cannot_use_is_refused_when_the_manifest_is_read(tmp_path, capsys, column, value):
    folder = good_folder(tmp_path / "in")
    (folder / "manifest.csv").write_text(f"file,{column}\nxihu.txt,{value}\n", encoding="utf-8")
    code = main(["extract", str(folder), "-o", str(tmp_path / "o.csv"), "--no-progress"])
    assert (code, capsys.readouterr().err) == (2, f"analysis: {folder / 'manifest.csv'}, line 2: {column} '{value}' "
                                                  f"is {regions.REGION_NAME_RULE}\n")  # fmt: skip


def _with_a_bad_region(observations):
    """The seeds, and a district of 南昌市 whose name a hand-edited table spelled in Latin letters."""
    bad = observations[observations["region"] == "西湖区"].assign(region="Xihu District")
    return pd.concat([observations, bad], ignore_index=True)


def test_a_group_page_leaves_out_a_region_it_cannot_name(observations):
    table = _with_a_bad_region(observations)
    with pytest.warns(UserWarning, match=f"^region 'Xihu District' left out: {regions.REGION_NAME_RULE}$"):
        growth, _ = pages.cross_district_page(table, 2022, "target", parent="南昌市")
    assert sorted(growth.index) == ["南昌县", "西湖区", "青云谱区"]
    labelled = pages.labelled(growth, "en")  # what failed for the whole page
    assert "Xihu District" in labelled.index


def test_pages_are_made_for_the_regions_that_can_be_named(observations):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = render.parameter_sets(_with_a_bad_region(observations))
    # (Only the warnings to the user: a ResourceWarning of an event loop another test left for the
    # garbage collector may land here too, whenever the collector runs.)
    told = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    assert told == [f"region 'Xihu District' left out: {regions.REGION_NAME_RULE}"]
    assert [page.name for page in made] == [page.name for page in render.parameter_sets(observations)]


@pytest.mark.slow
def test_a_page_that_fails_leaves_no_file_behind(tmp_path, observations):
    data = tmp_path / "seeds.csv"
    observations.to_csv(data, index=False)
    failing = render.Page("target_vs_actual", {"region": "溪湖区", "period": 2022})
    errors = render.render_all([failing], tmp_path / "reports", data=str(data), figures=tmp_path / "figures",
                               index=False)  # fmt: skip
    assert len(errors) == 1 and "ParameterError: region '溪湖区' not in the data" in errors[0]
    assert list((tmp_path / "reports").iterdir()) == []  # no .ipynb, no temporary file


# --- 18. Messages that say what is wrong ---


def test_a_year_given_as_text_is_named_as_text(observations):
    with pytest.raises(ParameterError, match=r"^period '2020' is text, not a number \(give it without quotes\); "
                                             r"valid: 2020$"):  # fmt: skip
        pages.target_vs_actual_page(observations, "赣县区", "2020")
    with pytest.raises(ParameterError, match=r"^period '2022' is text, not a number \(give it without quotes\); "
                                             r"valid: 2021, 2022$"):  # fmt: skip
        pages.cross_district_page(observations, "2022", "target")


def test_render_refuses_a_nonsense_number_of_workers(tmp_path, capsys):
    assert render.cli(["--all", "--jobs", "0", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "analysis: --jobs 0: not a number of worker processes; give 1 or more\n"


# --- 1. Reports whose names are not UTF-8, rendered ---


def test_a_walkthrough_of_a_report_whose_name_is_not_utf8_finds_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    path = named(folder, "西湖区.txt".encode("gbk"))
    path.write_text(GOOD["xihu.txt"], encoding="utf-8")
    with pytest.warns(UserWarning, match=r"\\xce\\xf7\\xba\\xfe\\xc7\\xf8.txt: its name is not UTF-8; its rows are named 西湖区.txt$"):
        table = pages.read_folders([folder])
    made = [page for page in render.parameter_sets(table, folders=[folder]) if page.notebook == "walkthrough"]
    assert [(page.name, page.parameters["doc"]) for page in made] == [
        ("walkthrough_xihuqu-aef8f5", str(folder.resolve() / "西湖区.txt"))]  # fmt: skip
    from analysis.pages.walkthrough import find_report, walkthrough

    assert find_report(made[0].parameters["doc"]) == folder.resolve() / path.name
    assert walkthrough(made[0].parameters["doc"]).doc == "西湖区.txt"


@pytest.mark.slow
def test_render_reports_of_a_folder_with_a_name_that_is_not_utf8(tmp_path, capsys):
    folder = good_folder(tmp_path / "in")
    path = named(folder, "西湖区.txt".encode("gbk"))
    path.write_text(GOOD["xihu.txt"], encoding="utf-8")
    status = render.cli(["--all", "--reports", str(folder), "--out", str(tmp_path / "reports"),
                         "--figures", str(tmp_path / "figures")])  # fmt: skip
    err = capsys.readouterr().err.splitlines()
    assert status == 0, err
    assert err == [f"analysis: {folder}/\\xce\\xf7\\xba\\xfe\\xc7\\xf8.txt: its name is not UTF-8; its rows are named 西湖区.txt",
                   f"analysis: 3 report(s) read from {folder}, 0 could not be read, 6 rows",
                   f"analysis: 6 page(s) rendered into {tmp_path / 'reports'}/, 0 failed"]  # fmt: skip
    assert (tmp_path / "reports" / "walkthrough_xihuqu-aef8f5.html").is_file()


def test_a_render_removes_what_a_killed_render_left_and_spares_a_live_one(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    stale = [reports / ".index.html.k1ll3d.part", reports / ".walkthrough_a.ipynb.k1ll3d.part.ipynb"]
    for path in stale:
        path.write_text("half a page", encoding="utf-8")
    live = outputs.temporary(reports / "cross_district_2022.html")  # another render, writing now
    try:
        render.render_all([], reports)
        assert sorted(p.name for p in reports.iterdir()) == sorted([live.name, "index.html"])
    finally:
        outputs.discard(live)

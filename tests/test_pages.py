"""The library side of the notebooks: parameters checked, tables, names, evidence escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import compare, pages
from analysis.compare import ParameterError
from tests.conftest import as_report


def test_seeds_are_the_default_data(observations):
    loaded = pages.load_observations("")
    assert sorted(set(loaded["doc"])) == sorted(set(observations["doc"]))


def test_observations_round_trip_through_csv_and_parquet(observations, tmp_path):
    observations.to_csv(tmp_path / "o.csv", index=False)
    observations.to_parquet(tmp_path / "o.parquet", index=False)
    for name in ("o.csv", "o.parquet"):
        loaded = pages.load_observations(str(tmp_path / name))
        pd.testing.assert_frame_equal(loaded.reset_index(drop=True), observations.reset_index(drop=True))


def test_bad_data_parameter_names_what_is_valid(tmp_path):
    with pytest.raises(ParameterError) as error:
        pages.load_observations(str(tmp_path / "missing.xlsx"))
    assert str(error.value) == (f"data '{tmp_path / 'missing.xlsx'}' is not a .csv or .parquet file; valid: such "
                                "a file made by `python -m analysis extract`, a folder of reports, or '' for the "
                                "project's seeds")


def test_target_vs_actual_page_of_ganxian_2020(observations):
    pairs = pages.target_vs_actual_page(observations, "赣县区", 2020)
    assert list(pairs["indicator"][:3]) == ["gdp", "fiscal_revenue", "general_budget_revenue"]  # gdp first
    gdp = pairs.iloc[0]
    assert (gdp["target"], gdp["qualifier"], gdp["outcome"], bool(gdp["met"])) == (4.5, "about", 4.4, False)
    assert set(pairs["measure"]) == {"growth"} and pairs["outcome"].notna().all()
    assert list(pages.target_vs_actual_page(observations, "赣县区", 0, ["gdp"])["indicator"]) == ["gdp"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda o: pages.target_vs_actual_page(o, "青山湖区"), "region '青山湖区' not in the data; valid: 赣县区"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2021), "period 2021 not in the data; valid: 2020"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2020, ["gpd"]),
     "indicator 'gpd' not in the indicators; valid: gdp, fiscal_revenue"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2020, ["cpi"]),
     "indicator 'cpi' has no figure here; valid: gdp, fiscal_revenue, general_budget_revenue"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2020, lang="fr"),
     "lang 'fr' not in the languages; valid: zh, en"),
    (lambda o: pages.cross_district_page(o, 2019), "period 2019 has no target figures of two or more regions; "
                                                   "valid: 2021, 2022"),
    (lambda o: pages.cross_district_page(o, 2022, "outcome"), "period 2022 has no outcome figures of two or "
                                                              "more regions; valid: 2021"),
    (lambda o: pages.cross_district_page(o, 2022, "plan"), "kind 'plan' not in the kinds; valid: target, outcome"),
    (lambda o: pages.targets_by_level_page(o, "赣县区", 2022), "period 2022 not in the data; valid: 2021"),
    (lambda o: pages.targets_by_level_page(o, "南昌县", 2022), "region '南昌县' not in the data; valid: 赣县区"),
    (lambda o: pages.cross_district_page(o, 2022, parent="赣州市"),
     "parent '赣州市' has no two regions with target figures; valid: 南昌市, or '' for every region"),
    (lambda o: pages.cross_district_page(o, 2021, "target", parent="南昌市"),
     "period 2021 has no target figures of two or more regions of 南昌市; valid: 2022"),
    (lambda o: pages.targets_by_level_page(o, "赣县区", 2021, ancestor="江西省"),
     "ancestor '江西省' has no targets above 赣县区 in 2021; valid: 赣州市, or '' for the nearest"),
    (lambda o: pages.over_time_page(o, "青山湖区"), "region '青山湖区' not in the data; valid: 南昌县, 西湖区, 赣县区"),
    (lambda o: pages.over_time_page(o, "赣县区", "gpd"), "indicator 'gpd' not in the indicators; valid: gdp"),
    (lambda o: pages.over_time_page(o, "赣县区", "gdp", "level"),
     "measure 'level' has no figure of gdp for 赣县区; valid: growth"),
    (lambda o: pages.over_time_page(o, "赣县区", lang="fr"), "lang 'fr' not in the languages; valid: zh, en"),
])  # fmt: skip
def test_bad_parameters_stop_with_one_line_listing_valid_choices(observations, call, message):
    with pytest.raises(ParameterError) as error:
        call(observations)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_cross_district_puts_growth_and_levels_apart(observations):
    growth, levels = pages.cross_district_page(observations, 2021, "outcome")
    assert list(growth.index) == ["南昌县", "西湖区", "青云谱区"]
    assert growth.loc["西湖区", "gdp (%)"] == 10.0
    assert levels.loc["西湖区", "gdp (亿元)"] == 670.68
    assert {c.split(" (")[1] for c in growth.columns} == {"%)"}
    growth, levels = pages.cross_district_page(observations, 2022, "target", ["gdp", "new_urban_jobs"])
    assert list(growth.columns) == ["gdp (%)"] and list(levels.columns) == ["new_urban_jobs (人)"]


def test_cross_district_of_one_parent_keeps_its_regions(observations):
    growth, _ = pages.cross_district_page(observations, 2021, "target", parent="")
    assert list(growth.index) == ["赣县区", "赣州市"]  # every region of the year: a district and its city
    growth, levels = pages.cross_district_page(observations, 2022, "target", parent="南昌市")
    assert list(growth.index) == ["南昌县", "西湖区", "青云谱区"] and list(levels.index) == list(growth.index)


def test_cross_district_titles():
    assert pages.cross_district_title(2022, "target", "growth", "zh") == "2022年 增长目标"
    assert pages.cross_district_title(2021, "outcome", "level", "en") == "Amounts achieved in 2021"
    assert pages.cross_district_title(2022, "target", "growth", "zh", "南昌市") == "南昌市 2022年 增长目标"
    assert pages.cross_district_title(2022, "target", "growth", "en", "南昌市") == "Nanchang: growth targets for 2022"


def test_growth_keeps_growth_rows(observations):
    table = pages.targets_by_level_page(observations, "赣县区", 2021).chain
    assert set(table["measure"]) == {"growth", "level"}
    assert set(pages.growth(table)["measure"]) == {"growth"}


def test_a_folder_of_reports_is_read_with_its_manifest(tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "somewhere_2022.txt").write_text(as_report("地区生产总值增长9%。", region="某地"), encoding="utf-8")
    (folder / "manifest.csv").write_text("file,region,region_level,parent_region\n"
                                         "somewhere_2022.txt,泰和县,county,吉安市\n", encoding="utf-8")  # fmt: skip
    table = pages.load_observations(str(folder))
    assert table[["region", "region_level", "parent_region", "period", "value"]].values.tolist() == [
        ["泰和县", "county", "吉安市", 2021, 9.0]]  # fmt: skip
    both = pages.read_folders([folder, pages.SEEDS])
    assert set(both["doc"]) == {"somewhere_2022.txt", *(p.name for p in pages.SEEDS.glob("*.txt"))}
    (folder / "manifest.csv").write_text("region\n泰和县\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"^reports '.*more': .*manifest.csv: needs a 'file' or 'doc' column"):
        pages.read_folders([folder])
    with pytest.raises(ParameterError, match=r"^reports '.*nowhere' is not a folder; valid: folders of"):
        pages.read_folders([tmp_path / "nowhere"])


def test_a_report_name_in_two_folders_is_named_and_kept_apart(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(as_report("地区生产总值增长9%。"), encoding="utf-8")
    with pytest.warns(UserWarning, match="^same.txt: 2 files have this name; their rows are named a/same.txt, b/same.txt$"):
        table = pages.read_folders([tmp_path / "a", tmp_path / "b"])
    assert sorted(table["doc"]) == ["a/same.txt", "b/same.txt"]


def test_evidence_is_escaped_and_marked():
    assert pages.highlight_evidence("<script>alert(1)</script>增长9%", 25, 29) == (
        "&lt;script&gt;alert(1)&lt;/script&gt;<mark>增长9%</mark>")
    assert pages.highlight_spans("增长9%左右,增长7%", [(2, 6), (3, 4), (9, 11)]) == (
        "增长<mark>9%左右</mark>,增长<mark>7%</mark>")


def test_tables_escape_report_text():
    frame = pd.DataFrame({"indicator": ["gdp"], "source_text": ["<img src=x onerror=alert(1)>"]})
    html = pages.html_table(frame, "en").data
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<td>GDP</td>" in html


def test_tables_name_ids_and_verdicts_in_the_language():
    frame = pd.DataFrame({"indicator": ["gdp", "fdi"], "met": pd.array([True, None], dtype="boolean")})
    assert pages.labelled(frame, "zh").values.tolist() == [["地区生产总值", "完成"], ["实际利用外资", ""]]
    wide = pd.DataFrame({"gdp (亿元)": [390.0]}, index=pd.Index(["青云谱区"], name="region"))
    shown = pages.labelled(wide, "en")
    assert list(shown.columns) == ["GDP (100m yuan)"] and list(shown.index) == ["Qingyunpu District"]


def test_figure_names_are_ascii_and_stable():
    assert pages.figure_name("target_vs_actual", "赣县区", 2020) == "target_vs_actual_ganxianqu_2020"
    assert pages.figure_name("cross_district", 2022, "target", "growth") == "cross_district_2022_target_growth"
    assert pages.figure_name("walkthrough", "ganxian_2021_plan_report") == "walkthrough_ganxian-2021-plan-report"


def test_walkthrough_follows_the_richest_sentence():
    report = pages.walkthrough("qingyunpu_2022_plan_report.txt")
    assert report.meta["region"] == "青云谱区" and report.meta["report_type"] == "plan_report"
    sentence = report.sentence().data
    assert "地区生产总值<mark>390亿元左右</mark>,同比增长<mark>9%左右</mark>" in sentence
    rows = report.sentence_rows().data
    assert "<td>390亿元左右</td>" in rows and "<td>estimate</td>" in rows
    assert report.tidy_table().data.count("<tr") == len(report.table) + 1


def test_walkthrough_of_a_table_row_marks_its_cells():
    # The district's own 2021 target (同口径5.5左右) is the figure the report's prose states
    # too: one row, read from the prose; the row's other cells are marked.
    report = pages.walkthrough("ganxian_2021_plan_report.txt", 34)
    assert report.sentence().data == ("<blockquote style='line-height:1.9'>一般公共预算收入 | 亿元 | <mark>4</mark> | "
                                      "<mark>3.6</mark> | 同口径5.5左右 | <mark>5.5左右</mark></blockquote>")


def test_walkthrough_escapes_markup_in_the_report(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(as_report("地区生产总值增长9%左右<script>alert(1)</script>,社会消费品零售总额增长17%。"),
                    encoding="utf-8")  # fmt: skip
    report = pages.walkthrough(str(path))
    for shown in (report.opening(), report.sentence(), report.sentence_rows(), report.tidy_table()):
        assert "<script>" not in shown.data
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.sentence().data


@pytest.mark.parametrize(("doc", "row", "message"), [
    ("nowhere.txt", -1, "doc 'nowhere.txt' not in seeds/ and not a report file; valid: ganxian_2021_plan_report.txt"),
    ("ganxian_2021_plan_report.txt", 999, "row 999 not a row of ganxian_2021_plan_report.txt; valid: -1 "
                                          "(the richest sentence) or 0 to "),
])  # fmt: skip
def test_walkthrough_parameters_are_checked(doc, row, message):
    with pytest.raises(ParameterError) as error:
        pages.walkthrough(doc, row)
    assert str(error.value).startswith(message)


def test_english_figures_get_their_own_files():
    assert pages.figure_name("targets_by_level", 2021, lang="en") == "targets_by_level_2021_en"
    with pytest.raises(ParameterError, match="^lang 'fr' not in the languages"):
        pages.figure_name("targets_by_level", 2021, lang="fr")


def test_a_data_file_is_read_once_while_it_is_unchanged(observations, tmp_path, monkeypatch):
    path = tmp_path / "o.parquet"
    observations.to_parquet(path, index=False)
    reads = []
    real = pd.read_parquet
    monkeypatch.setattr(pd, "read_parquet", lambda *a, **k: reads.append(a) or real(*a, **k))
    first = pages.load_observations(str(path))
    first["value"] = -1.0  # a page that changes its table changes only its own copy
    second = pages.load_observations(str(path))
    assert len(reads) == 1 and (second["value"] != -1.0).any()
    observations.head(3).to_parquet(path, index=False)  # the file changes: read again
    assert len(pages.load_observations(str(path))) == 3 and len(reads) == 2


def test_facts_of_a_loaded_table_are_worked_out_once(observations, tmp_path, monkeypatch):
    path = tmp_path / "o.parquet"
    observations.to_parquet(path, index=False)
    calls = []
    real = compare.facts
    monkeypatch.setattr(compare, "facts", lambda o: calls.append(len(o)) or real(o))
    for _ in range(2):
        pages.target_vs_actual_page(pages.load_observations(str(path)), "赣县区", 2020)
    assert len(calls) == 1
    changed = pages.load_observations(str(path))
    changed.loc[changed["region"] == "赣县区", "value_norm"] += 100  # no longer the table read: its own facts
    pairs = pages.target_vs_actual_page(changed, "赣县区", 2020)
    assert len(calls) == 2 and pairs.loc[0, "outcome"] == 104.4


def test_a_bad_parameter_in_jupyter_is_its_one_line_without_a_traceback(observations, capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns.update(pages=pages, observations=observations)
    result = shell.run_cell('pages.target_vs_actual_page(observations, "青山湖区")')
    assert isinstance(result.error_in_exec, ParameterError)
    shown = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert shown == ["ParameterError: region '青山湖区' not in the data; valid: 赣县区"]


def test_regions_below_one_level_are_drawn_side_by_side_only_when_there_are_two(tmp_path):
    from analysis.compare import make_observations

    rows = [("吉安市", "江西省", 8), ("泰和县", "吉安市", 8.5), ("万安县", "吉安市", 9)]
    obs = make_observations([dict(region=r, parent_region=p, indicator="gdp", period=2022, kind="target", value=v)
                             for r, p, v in rows])  # fmt: skip
    drawn = pages.targets_by_level_page(obs, "泰和县", 2022).children_figure(tmp_path)
    assert drawn.png.is_file() and drawn.alt.startswith("吉安市下一级 2022年 增长目标")
    alone = pages.targets_by_level_page(obs[obs["region"] != "万安县"], "泰和县", 2022, lang="en")
    assert alone.children_figure(tmp_path).data == (
        "<p><em>Below Ji&#x27;an, only Taihe County states growth targets for 2022: there is nothing to set beside "
        "it.</em></p>")  # fmt: skip

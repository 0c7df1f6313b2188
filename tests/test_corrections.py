"""Corrections that survive the next run: drop, set, confirm and add rows by row_id; stable ids."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main
from analysis.pages import render
from analysis.reading.corrections import CorrectionsError, load_corrections

from .conftest import SEEDS, as_report

SUMMARY = re.compile(r"analysis: (\d+) report\(s\) read, (\d+) could not be read, (\d+) rows, "
                     r"(\d+) unparsed sentence\(s\), (?:(\d+) correction\(s\) applied, (\d+) unmatched, )?\d+\.\ds")  # fmt: skip
# A figure told as a story: the reader finds no row in it (README, "Known kinds of failure").
STORY = as_report("外商投资势头良好，全年引进的金额达到3.3亿美元。地区生产总值增长9%左右。")
STORY_ADD = ("doc=story.txt;indicator=fdi;period=2021;kind=actual;measure=level;value=3.3;unit=亿美元;"
             "evidence=全年引进的金额达到3.3亿美元")  # fmt: skip


def _extract(capsys, *argv) -> tuple[int, str, str]:
    code = main(["extract", *map(str, argv), "--no-progress"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def folder(tmp_path):
    """The seeds with their manifest, and a report whose one figure the reader misses."""
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    (reports / "story.txt").write_text(STORY, encoding="utf-8")
    return reports


@pytest.fixture
def read(folder, tmp_path, capsys):
    """The folder's table before any correction."""
    code, _, _ = _extract(capsys, folder, "-o", tmp_path / "before.csv", "--jobs", "1")
    assert code == 0
    return _csv(tmp_path / "before.csv")


def _csv(path) -> pd.DataFrame:
    """An output .csv as the pages read it: empty text, missing numbers."""
    return pd.read_csv(path, keep_default_na=False, na_values={c: [""] for c in ("value", "value_norm", "value_high")})


def _corrections(path, *lines: str) -> None:
    path.write_text("row_id,action,column,value,note\n" + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def _row(table: pd.DataFrame, doc: str, indicator: str, period: int, measure: str = "growth") -> pd.Series:
    rows = table[(table["doc"] == doc) & (table["indicator"] == indicator) & (table["period"] == period)
                 & (table["measure"] == measure)]  # fmt: skip
    return rows.iloc[0]


# --- Row ids: the same in every run and output ---


def test_row_ids_are_the_same_across_jobs_and_formats_and_unique(tmp_path, capsys):
    _extract(capsys, SEEDS, "-o", tmp_path / "serial.csv", "-o", tmp_path / "serial.parquet", "--jobs", "1")
    _extract(capsys, SEEDS, "-o", tmp_path / "parallel.csv", "--jobs", "2")
    serial = pd.read_csv(tmp_path / "serial.csv", keep_default_na=False)["row_id"]
    assert serial.is_unique and len(serial) > 150
    assert serial.str.fullmatch(r"r[0-9a-f]{12}").all()
    assert set(serial) == set(pd.read_parquet(tmp_path / "serial.parquet")["row_id"])
    assert set(serial) == set(pd.read_csv(tmp_path / "parallel.csv", keep_default_na=False)["row_id"])


def test_two_reports_of_one_name_in_two_folders_get_their_own_ids(tmp_path, capsys):
    for folder in ("2021", "2022"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(STORY, encoding="utf-8")
    _extract(capsys, tmp_path / "2021", tmp_path / "2022", "-o", tmp_path / "o.csv", "--jobs", "1")
    table = _csv(tmp_path / "o.csv")
    assert table["doc"].nunique() == 2 and len(table) == 2 and table["row_id"].is_unique


def test_one_span_read_for_two_places_gives_two_ids():
    table = analysis.extract(as_report("南昌县、进贤县财政总收入超百亿。", region="南昌市"), doc="r.txt")
    assert table["region"].tolist() == ["南昌县", "进贤县"] and table["row_id"].is_unique


# --- The folder's corrections.csv: drop, set, add (the bar of the issue) ---


def test_a_folders_corrections_drop_set_confirm_and_add(folder, read, tmp_path, capsys):
    dropped = _row(read, "xihu_2022_government_work_report.txt", "gdp", 2021)
    changed = _row(read, "nanchangxian_2022_government_work_report.txt", "gdp", 2022)
    confirmed = _row(read, "ganxian_2021_plan_report.txt", "gdp", 2020)
    _corrections(folder / "corrections.csv",
                 f"{dropped.row_id},drop,,,a figure of another year",
                 f"{changed.row_id},set,value,7.8,misread",
                 f"{changed.row_id},set,period,2023,",
                 f"{confirmed.row_id},confirm,,,checked against the PDF",
                 f',add,,"{STORY_ADD}",told as a story')  # fmt: skip
    code, out, err = _extract(capsys, folder, "-o", tmp_path / "after.csv", "-o", tmp_path / "after.parquet",
                              "--jobs", "1", "--summary")  # fmt: skip
    assert code == 0
    assert SUMMARY.fullmatch(err.strip()).group(3, 5, 6) == (str(len(read)), "5", "0")
    assert out.splitlines()[-1] == "5 correction(s) applied, 0 unmatched"
    after = _csv(tmp_path / "after.csv")
    ids = set(after["row_id"])
    assert dropped.row_id not in ids
    row = after.set_index("row_id").loc[changed.row_id]
    assert (row["value"], row["period"], row["review"]) == (7.8, 2023, "corrected")
    assert (row["source_text"], row["char_start"]) == (changed.source_text, changed.char_start)  # as read
    assert after.set_index("row_id").loc[confirmed.row_id, "review"] == "confirmed"
    added = after[after["review"] == "added"]
    assert added[["doc", "indicator", "period", "kind", "measure", "value", "unit", "region"]].values.tolist() == [
        ["story.txt", "fdi", 2021, "actual", "level", 3.3, "亿美元", "青云谱区"]]
    start, end = added[["char_start", "char_end"]].iloc[0]
    assert STORY[start:end] == "3.3亿美元"
    assert set(after["review"]) == {"", "corrected", "confirmed", "added"}
    assert set(pd.read_parquet(tmp_path / "after.parquet")["row_id"]) == ids


def test_a_correction_of_value_period_or_kind_keeps_the_row_id(folder, read, tmp_path, capsys):
    row = _row(read, "qingyunpu_2022_plan_report.txt", "gdp", 2022)
    _corrections(tmp_path / "c.csv", f"{row.row_id},set,kind,estimate,", f"{row.row_id},set,period,2021,",
                 f"{row.row_id},set,value,6.5,")  # fmt: skip
    _extract(capsys, folder, "-o", tmp_path / "o.csv", "--corrections", tmp_path / "c.csv", "--jobs", "1")
    after = _csv(tmp_path / "o.csv").set_index("row_id")
    assert after.loc[row.row_id, ["kind", "period", "value", "review"]].tolist() == ["estimate", 2021, 6.5, "corrected"]


def test_a_correction_matching_no_row_is_listed_with_its_line_and_the_run_goes_on(folder, read, tmp_path, capsys):
    gone = "r000000000000"
    _corrections(folder / "corrections.csv", f"{read.row_id[0]},confirm,,,", f"{gone},drop,,,report removed")
    code, _, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", "--jobs", "1")
    assert code == 0
    assert err.splitlines()[0] == (f"analysis: {folder / 'corrections.csv'}, line 3: row_id {gone} is in no row "
                                   "(the reader changed, or its report was not read); not applied")  # fmt: skip
    assert SUMMARY.fullmatch(err.splitlines()[-1]).group(5, 6) == ("1", "1")


def test_an_add_of_a_figure_the_reader_reads_now_is_not_added_twice(folder, tmp_path, capsys):
    _corrections(folder / "corrections.csv", ',add,,"doc=story.txt;indicator=gdp;period=2021;kind=actual;'
                 'measure=growth;value=9;unit=%;qualifier=about;evidence=地区生产总值增长9%左右",')  # fmt: skip
    code, _, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", "--jobs", "1")
    assert code == 0
    assert re.fullmatch(rf"analysis: {re.escape(str(folder))}/corrections.csv, line 2: the reader reads this figure "
                        r"now \(row r[0-9a-f]{12}\); not added", err.splitlines()[0])  # fmt: skip


def test_an_adds_evidence_may_be_copied_as_the_review_page_shows_it(tmp_path, capsys):
    """A scraped copy splits numbers (3. 3亿美元); the page shows the sentence as the reader reads it."""
    (tmp_path / "story.txt").write_text(STORY.replace("3.3亿美元", "3. 3亿美元"), encoding="utf-8")
    _corrections(tmp_path / "corrections.csv", f',add,,"{STORY_ADD}",')
    code, _, _ = _extract(capsys, tmp_path, "-o", tmp_path / "o.csv")
    added = _csv(tmp_path / "o.csv").query("review == 'added'").iloc[0]
    assert code == 0 and added["source_text"] == "全年引进的金额达到3.3亿美元"
    text = (tmp_path / "story.txt").read_text(encoding="utf-8")
    assert text[added["char_start"] : added["char_end"]] == "3. 3亿美元"


# --- A malformed line stops the run: exit 2, one line, nothing written ---

BAD_LINES = [
    pytest.param("{id},remove,,,", "line 2: unknown action 'remove'; valid: drop, set, confirm, add", id="unknown_action"),
    pytest.param("{id},set,colour,red,", "line 2: unknown column 'colour' for set; valid: region, region_level, "
                 "parent_region, report_type, report_year, indicator, indicator_text, period, kind, measure, value, "
                 "unit, qualifier, value_high, basis, text", id="unknown_column"),
    pytest.param("{id},set,source_text,增长8%,", "line 2: unknown column 'source_text' for set; valid: region, "
                 "region_level, parent_region, report_type, report_year, indicator, indicator_text, period, kind, "
                 "measure, value, unit, qualifier, value_high, basis, text", id="evidence_is_kept"),
    pytest.param("{id},set,kind,hope,", "line 2: kind 'hope' is not one of actual, estimate, target", id="bad_kind"),
    pytest.param("{id},set,period,明年,", "line 2: period '明年' is not a year from 1949 to 2100", id="bad_period"),
    pytest.param("{id},set,value,九,", "line 2: value '九' is not a number", id="bad_value"),
    pytest.param("{id},set,unit,亿日元,", "line 2: unit '亿日元' is not one of %, 个百分点, 元, 万元, 亿元, 万亿元, 兆元, "
                 "美元, 万美元, 亿美元, 人, 万人, 斤, 万斤, 亿斤, 万亿斤, 公斤, 万公斤, 亿公斤, 吨, 万吨, 亿吨", id="bad_unit"),
    pytest.param(",drop,,,", "line 2: a drop needs the row_id of the row it concerns", id="drop_without_id"),
    pytest.param('{id},add,,"' + STORY_ADD + '",', "line 2: an add has an empty row_id (the added row gets its own)",
                 id="add_with_id"),
    pytest.param(',add,,"doc=story.txt;indicator=fdi;value=3.3",', "line 2: an add needs doc, indicator, period, "
                 "kind, measure, value, unit, evidence; missing: period, kind, measure, unit, evidence",
                 id="add_missing_fields"),
    pytest.param(',add,,"doc=story.txt;colour=red;evidence=x",', "line 2: 'colour=red' is not a column=value pair "
                 "of the contract; valid columns: doc, region, region_level, parent_region, report_type, report_year, "
                 "indicator, indicator_text, period, kind, measure, value, unit, qualifier, value_high, basis, text, "
                 "evidence (last)", id="add_unknown_field"),
    pytest.param(',add,,"' + STORY_ADD.replace("3.3亿美元", "4.4亿美元") + '",',
                 "line 2: the evidence '全年引进的金额达到4.4亿美元' is not in story.txt", id="evidence_not_in_report"),
    pytest.param("{id},drop,,,\n{id},confirm,,,", "line 3: row {id} is dropped on line 2", id="set_after_drop"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_malformed_line_exits_2_naming_the_file_and_line(folder, read, tmp_path, capsys, line, message):
    some = read.row_id[0]
    (folder / "corrections.csv").write_text("row_id,action,column,value,note\n" + line.format(id=some) + "\n",
                                            encoding="utf-8")  # fmt: skip
    code, _, err = _extract(capsys, folder, "-o", tmp_path / "out" / "o.csv", "--jobs", "1")
    assert (code, err) == (2, f"analysis: {folder / 'corrections.csv'}, {message.format(id=some)}\n")
    assert not (tmp_path / "out" / "o.csv").exists() and not list((tmp_path / "out").glob("*.part"))


def test_line_numbers_count_lines_of_the_file_not_records(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('row_id,action,column,value,note\nr000000000001,drop,,,"two\nlines"\n\nr000000000002,undo,,,\n',
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(CorrectionsError) as error:
        load_corrections(path)
    assert str(error.value) == f"{path}, line 5: unknown action 'undo'; valid: drop, set, confirm, add"


def test_a_file_without_the_columns_is_named(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,what\nr000000000001,drop\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match=r"c\.csv: needs the columns row_id, action, column, value, note; "
                                               r"missing: row_id, action, column, value$"):  # fmt: skip
        load_corrections(path)


def test_a_set_that_breaks_the_contract_is_refused_with_its_line(folder, read, tmp_path, capsys):
    row = read[read["qualifier"] != "range"].iloc[0]
    _corrections(folder / "corrections.csv", f"{row.row_id},set,value_high,9.5,")
    code, _, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", "--jobs", "1")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"analysis: {folder / 'corrections.csv'}, line 2: the row would break the contract (")


# --- The library and the pages read corrections too ---


def test_read_reports_applies_a_folders_corrections_and_warns_of_unmatched_ones(folder, read):
    _corrections(folder / "corrections.csv", f"{read.row_id[0]},drop,,,", "r000000000000,confirm,,,")
    with pytest.warns(UserWarning, match=r"line 3: row_id r000000000000 is in no row"):
        table = analysis.read_reports([folder], manifest=folder / "manifest.csv")
    assert read.row_id[0] not in set(table["row_id"]) and len(table) == len(read) - 1
    assert table.attrs["corrections"]["applied"] == 1 and len(table.attrs["corrections"]["unmatched"]) == 1
    assert len(analysis.read_reports([folder], manifest=folder / "manifest.csv", corrections=[])) == len(read)


def test_render_reads_the_corrections_and_counts_them(folder, read, tmp_path, capsys):
    _corrections(tmp_path / "c.csv", f"{read.row_id[0]},drop,,,", "r000000000000,confirm,,,")
    table, _ = render.read_report_folders([folder], corrections=tmp_path / "c.csv")
    assert len(table) == len(read) - 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].endswith(f"{len(read) - 1} rows, 1 correction(s) applied, 1 unmatched")
    assert "line 3: row_id r000000000000 is in no row" in err[0]

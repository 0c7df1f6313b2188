"""Every output format holds the same rows and values: CSV, Parquet, Stata .dta and Excel .xlsx,
each read back; Stata's labels and types, Excel's sheets; a format that cannot hold the table."""

from __future__ import annotations

import math
import os
import stat

import openpyxl
import pandas as pd
import pytest

import analysis
from analysis.__main__ import main
from analysis.codebook import codebook, variable_labels
from analysis.observations import COLUMNS, rows_to_table, validate
from analysis.reading import export

from .conftest import SEEDS, as_report
from .documents import write_pdf

TEXT_COLUMNS = [c for c, dtype in COLUMNS.items() if dtype == "str"]
LONG = "地区生产总值增长9%左右，" * 200  # 2,400 characters, 7,200 bytes: more than a Stata str2045


def read_back(path) -> pd.DataFrame:
    """An output file read the way its users' tools read it, then checked by the contract."""
    suffix = path.suffix
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=False,
                            na_values={"value": [""], "value_norm": [""], "value_high": [""]})  # fmt: skip
    elif suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".dta":
        frame = pd.read_stata(path)
    else:
        frame = pd.read_excel(path, sheet_name="indicators", dtype={c: str for c in TEXT_COLUMNS})
    return validate(frame)


@pytest.fixture(scope="module")
def awkward():
    """Rows with every kind of value a format may mangle: missing numbers and pages, a range,
    text that looks like a formula, a link or a number, a sentence longer than a Stata str."""
    base = analysis.extract(as_report("地区生产总值增长9%左右。"), doc="r.txt").to_dict("records")[0]
    rows = [
        dict(base, doc="=SUM(A1:A9).txt", page=3),
        dict(base, doc="http://www.example.gov.cn/r.pdf", value=math.nan, value_norm=math.nan, qualifier="",
             text="0012", kind="target", period=2022),
        dict(base, qualifier="range", value=6.0, value_norm=6.0, value_high=6.5, basis="同口径", page=1),
        dict(base, source_text=LONG, char_start=1_000_000, char_end=1_000_005, page=12),
        dict(base, doc="青云谱区2022年政府工作报告.docx", region="青云谱区", indicator_text="GDP", page=None),
    ]  # fmt: skip
    return rows_to_table(rows)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".dta", ".xlsx"])
def test_awkward_values_survive_a_round_trip(tmp_path, awkward, suffix):
    path = analysis.write_table(awkward, tmp_path / f"o{suffix}")
    pd.testing.assert_frame_equal(read_back(path), awkward)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".dta", ".xlsx"])
def test_an_output_gets_the_permissions_of_any_new_file(tmp_path, awkward, suffix):
    umask = os.umask(0o022)
    try:
        path = analysis.write_table(awkward, tmp_path / f"o{suffix}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # readable by others, as `>` would make it


@pytest.mark.parametrize("suffix", [".dta", ".xlsx"])
def test_an_empty_table_is_a_file_with_the_columns(tmp_path, suffix):
    path = analysis.write_table(rows_to_table([]), tmp_path / f"o{suffix}")
    assert list(read_back(path).columns) == list(COLUMNS)
    assert read_back(path).empty


def test_every_output_of_the_command_holds_the_same_rows(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (inputs / seed.name).write_bytes(seed.read_bytes())
    lines = as_report("地区生产总值增长9%左右。", part="plan").splitlines()
    write_pdf(inputs / "qingyunpu.pdf", [lines[:3], lines[3:]])
    outputs = [tmp_path / f"o{suffix}" for suffix in (".csv", ".parquet", ".dta", ".xlsx")]
    argv = ["extract", str(inputs), "--manifest", str(SEEDS / "manifest.csv"), "--no-progress", "--jobs", "1"]
    assert main([*argv, *(arg for path in outputs for arg in ("-o", str(path)))]) == 0
    tables = [read_back(path) for path in outputs]
    assert len(tables[0]) > 50 and set(tables[0]["page"].dropna()) == {2}
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table, tables[0])


def test_stata_file_is_format_118_with_the_codebooks_labels(tmp_path, awkward):
    path = analysis.write_table(awkward, tmp_path / "o.dta")
    assert b"<release>118</release>" in path.read_bytes()[:200]
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        assert reader.data_label == export.STATA_DATA_LABEL
    assert labels == variable_labels()
    assert list(labels) == list(COLUMNS) and all(0 < len(label) <= 80 for label in labels.values())
    assert labels["indicator_text"] == "the indicator words exactly as printed (500万元以上固定资产投资)"


def test_excel_file_has_the_rows_and_the_codebook_and_text_stays_text(tmp_path, awkward):
    path = analysis.write_table(awkward, tmp_path / "o.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["indicators", "codebook"]
    sheet = workbook["indicators"]
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    last = openpyxl.utils.get_column_letter(len(COLUMNS))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{last}{len(awkward) + 1}"
    formula = sheet.cell(row=2, column=1)
    assert (formula.value, formula.data_type) == ("=SUM(A1:A9).txt", "s")
    sheets = pd.read_excel(path, sheet_name="codebook", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(sheets, codebook().astype(str))


def test_a_table_too_large_for_excel_is_refused_and_the_other_outputs_written(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export, "EXCEL_ROWS", 10)
    argv = ["extract", str(SEEDS / "xihu_2022_government_work_report.txt"), "-o", str(tmp_path / "o.xlsx"),
            "-o", str(tmp_path / "o.csv"), "--no-progress"]  # fmt: skip
    assert main(argv) == 4
    err = capsys.readouterr().err.splitlines()
    rows = len(pd.read_csv(tmp_path / "o.csv"))
    assert err[0] == (f"analysis: {tmp_path / 'o.xlsx'}: {rows} rows do not fit on an Excel sheet (10 at most); "
                      "write .csv, .parquet or .dta")  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv"]

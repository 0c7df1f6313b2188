"""python -m analysis extract: outputs, manifest, bad input, atomic writes, parallel runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import analysis
from analysis import corpus
from analysis.__main__ import main

from .conftest import ROOT, SEEDS, as_report


def _run(capsys, *argv) -> tuple[int, str]:
    code = main(["extract", *map(str, argv), "--no-progress"])
    return code, capsys.readouterr().err


def test_csv_and_parquet_have_the_contract_columns(tmp_path, capsys):
    code, _ = _run(capsys, SEEDS, "-o", tmp_path / "o.csv", "-o", tmp_path / "o.parquet")
    assert code == 0
    csv = pd.read_csv(tmp_path / "o.csv", keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "o.parquet")
    assert list(csv.columns) == list(parquet.columns) == list(analysis.COLUMNS)
    assert len(csv) == len(parquet) > 150
    assert parquet.dtypes.astype(str).to_dict() == {c: t for c, t in analysis.COLUMNS.items()}


def test_command_line_runs_as_a_module(tmp_path):
    out = tmp_path / "o.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS), "-o", str(out),
                             "--no-progress", "--jobs", "2"], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "5 report(s) read, 0 could not be read" in result.stderr


def test_manifest_values_win_and_empty_cells_keep_the_text(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(as_report("地区生产总值增长9%左右。"), encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,region,report_year,parent_region,notes\nr.txt,,2023,,x\n", encoding="utf-8")
    code, _ = _run(capsys, tmp_path / "r.txt", "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    row = pd.read_csv(tmp_path / "o.csv").iloc[0]
    assert code == 0 and (row["region"], row["report_year"], row["parent_region"]) == ("青云谱区", 2023, "南昌市")


@pytest.mark.parametrize(("manifest", "message"), [
    ("name,region\nr.txt,x\n", "needs a 'file' or 'doc' column naming each document"),
    ("file,region_level\nr.txt,town\n", "line 2: region_level 'town' is not one of province, city, county, district, other"),
    ("file,report_year\nr.txt,next\n", "line 2: report_year 'next' is not a year from 1949 to 2100"),
])  # fmt: skip
def test_bad_manifest_is_one_line_and_exit_2(tmp_path, capsys, manifest, message):
    (tmp_path / "m.csv").write_text(manifest, encoding="utf-8")
    code, err = _run(capsys, SEEDS, "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert code == 2 and err == f"analysis: {tmp_path / 'm.csv'}: {message}\n" or err.endswith(f"{message}\n")
    assert err.count("\n") == 1 and not (tmp_path / "o.csv").exists()


def _bad_inputs(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 64)
    (folder / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 8)
    (folder / "anonymous.txt").write_text("今年地区生产总值增长9%左右。", encoding="utf-8")


def test_bad_files_are_named_and_the_good_ones_still_read(tmp_path, capsys):
    _bad_inputs(tmp_path)
    shutil.copy(SEEDS / "xihu_2022_government_work_report.txt", tmp_path / "xihu.txt")
    code, err = _run(capsys, tmp_path, "-o", tmp_path / "out" / "o.csv")
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("analysis: /")]
    assert lines == [
        f"analysis: {tmp_path / 'anonymous.txt'}: no region or report year found in the text; "
        "give it in a manifest (--manifest) with a 'file' column",
        f"analysis: {tmp_path / 'binary.txt'}: binary file (contains NUL bytes), not a text report",
        f"analysis: {tmp_path / 'empty.txt'}: file is empty",
        f"analysis: {tmp_path / 'undecodable.txt'}: could not decode: not UTF-8, GB18030, Big5 or UTF-16 text",
    ]
    assert set(pd.read_csv(tmp_path / "out" / "o.csv")["doc"]) == {"xihu.txt"}


def test_nothing_readable_exits_1(tmp_path, capsys):
    _bad_inputs(tmp_path)
    code, err = _run(capsys, tmp_path, "-o", tmp_path / "o.csv")
    assert code == 1 and "0 report(s) read, 4 could not be read" in err


def test_bad_output_suffix_is_one_line(tmp_path, capsys):
    code, err = _run(capsys, SEEDS, "-o", tmp_path / "o.xlsx")
    assert code == 2 and err == f"analysis: {tmp_path / 'o.xlsx'}: output must end in .csv or .parquet\n"


def test_output_is_never_half_written(tmp_path, capsys, monkeypatch):
    out = tmp_path / "o.csv"
    out.write_text("previous,content\n", encoding="utf-8")
    original = corpus.TableWriter.write
    calls = []

    def failing_write(self, rows):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("disk full")
        original(self, rows)

    monkeypatch.setattr(corpus.TableWriter, "write", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        _run(capsys, SEEDS, "-o", out, "--jobs", "1")
    assert out.read_text(encoding="utf-8") == "previous,content\n"
    assert list(tmp_path.iterdir()) == [out]


def test_unparsed_sentences_are_listed(tmp_path, capsys):
    text = as_report("地区生产总值比上年多出很多，约占全省的8.5%。")
    assert analysis.extract(text).empty
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    _run(capsys, tmp_path / "r.txt", "-o", tmp_path / "o.csv", "--unparsed", tmp_path / "u.csv")
    unparsed = pd.read_csv(tmp_path / "u.csv")
    assert list(unparsed.columns) == ["doc", "char_start", "char_end", "sentence"]
    assert unparsed["sentence"].tolist() == ["地区生产总值比上年多出很多,约占全省的8.5%"]
    start, end = unparsed.loc[0, ["char_start", "char_end"]]
    assert text[start:end] == "地区生产总值比上年多出很多，约占全省的8.5%"


def test_parallel_run_writes_exactly_what_a_serial_run_writes(tmp_path, capsys):
    _run(capsys, SEEDS, "-o", tmp_path / "serial.csv", "--jobs", "1")
    _run(capsys, SEEDS, "-o", tmp_path / "parallel.csv", "--jobs", "2")
    assert (tmp_path / "serial.csv").read_bytes() == (tmp_path / "parallel.csv").read_bytes()


def test_read_reports_warns_and_lists_unreadable_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = analysis.read_reports([SEEDS / "xihu_2022_government_work_report.txt", tmp_path / "empty.txt"])
    assert [str(w.message) for w in caught] == [f"{tmp_path / 'empty.txt'}: file is empty"]
    assert table.attrs["unreadable"] == [f"{tmp_path / 'empty.txt'}: file is empty"]
    assert set(table["doc"]) == {"xihu_2022_government_work_report.txt"}


def test_a_document_whose_rows_fail_the_schema_is_named_and_the_others_written(tmp_path):
    good = analysis.extract(as_report("地区生产总值增长9%左右。"), doc="good.txt").to_dict("records")
    bad = [dict(row, doc="bad.txt", kind="guess") for row in good]
    writer = corpus.TableWriter(tmp_path / "o.csv")
    writer.write(good)
    writer.write(bad)
    writer.close()
    assert set(pd.read_csv(tmp_path / "o.csv")["doc"]) == {"good.txt"}
    assert len(writer.rejected) == 1 and writer.rejected[0].startswith("bad.txt: its rows fail the table's schema")

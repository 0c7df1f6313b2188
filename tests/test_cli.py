"""python -m analysis extract: outputs, manifest, bad input, atomic writes, unparsed sentences, parallel runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main
from analysis.reading import corpus

from .conftest import ROOT, SEEDS, as_report

SUMMARY = re.compile(r"analysis: (\d+) report\(s\) read, (\d+) could not be read, (\d+) rows, "
                     r"(\d+) unparsed sentence\(s\), \d+\.\ds")  # fmt: skip
GAP = "give it in a manifest (--manifest) with a 'file' column"


def _run(capsys, *argv) -> tuple[int, str]:
    code = main(["extract", *map(str, argv), "--no-progress"])
    return code, capsys.readouterr().err


def _problems(err: str) -> list[str]:
    """The lines of stderr before the closing summary line."""
    *problems, summary = err.splitlines()
    assert SUMMARY.fullmatch(summary), summary
    return problems


def _meta_rows(path) -> list[tuple]:
    table = pd.read_csv(path, keep_default_na=False)
    columns = ["doc", "region", "region_level", "parent_region", "report_type", "report_year"]
    return sorted(set(map(tuple, table[columns].values.tolist())))


# --- Outputs have the contract's columns ---


def test_csv_and_parquet_have_the_contract_columns_in_order(tmp_path, capsys):
    code, err = _run(capsys, SEEDS, "-o", tmp_path / "o.csv", "-o", tmp_path / "o.parquet", "--jobs", "1")
    assert code == 0 and _problems(err) == []
    csv = pd.read_csv(tmp_path / "o.csv", keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "o.parquet")
    assert list(csv.columns) == list(parquet.columns) == list(analysis.COLUMNS)
    assert parquet.dtypes.astype(str).to_dict() == analysis.COLUMNS
    assert len(csv) == len(parquet) == int(SUMMARY.search(err).group(3)) > 150
    pd.testing.assert_frame_equal(parquet, analysis.read_reports([SEEDS]))


def test_command_line_runs_as_a_module(tmp_path, capsys):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", "seeds", "-o", str(tmp_path / "o.csv"), "--no-progress",
         "--jobs", "2"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert SUMMARY.fullmatch(result.stderr.strip()).group(1, 2) == ("5", "0")
    assert result.stdout == ""
    _run(capsys, SEEDS, "-o", tmp_path / "in_process.csv", "--jobs", "1")
    assert (tmp_path / "o.csv").read_bytes() == (tmp_path / "in_process.csv").read_bytes()


def test_parallel_run_writes_exactly_what_a_serial_run_writes(tmp_path, capsys):
    _run(capsys, SEEDS, "-o", tmp_path / "serial.csv", "--jobs", "1")
    _run(capsys, SEEDS, "-o", tmp_path / "parallel.csv", "--jobs", "2")
    assert (tmp_path / "serial.csv").read_bytes() == (tmp_path / "parallel.csv").read_bytes()


# --- The manifest: what the user knows wins, empty cells keep the text ---

QINGYUNPU_REPORT = as_report("地区生产总值增长9%左右。")  # 青云谱区, 南昌市, government work report of 2022


def test_manifest_values_win_and_empty_cells_keep_the_text(tmp_path, capsys):
    for name in ("r1.txt", "r2.txt", "r3.txt"):
        (tmp_path / name).write_text(QINGYUNPU_REPORT, encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "file,region,region_level,parent_region,report_type,report_year,notes\n"
        "r1.txt,青云谱区,,,,2023,year corrected\n"
        "elsewhere/r2.txt,西湖区,,,plan_report,,named by a path\n"
        "absent.txt,赣县区,,,,,not among the inputs\n",
        encoding="utf-8",
    )
    code, err = _run(capsys, tmp_path, "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert code == 0 and _problems(err) == [f"analysis: {tmp_path / 'm.csv'}, line 4: absent.txt matches no report read"]
    assert _meta_rows(tmp_path / "o.csv") == [
        ("r1.txt", "青云谱区", "district", "南昌市", "government_work_report", 2023),
        ("r2.txt", "西湖区", "district", "南昌市", "plan_report", 2022),
        ("r3.txt", "青云谱区", "district", "南昌市", "government_work_report", 2022),
    ]


def test_manifest_may_name_documents_in_a_doc_column(tmp_path, capsys):
    (tmp_path / "r.txt").write_text(QINGYUNPU_REPORT, encoding="utf-8")
    (tmp_path / "m.csv").write_text("doc,report_year\nr.txt,2021\n", encoding="utf-8")
    _run(capsys, tmp_path / "r.txt", "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert _meta_rows(tmp_path / "o.csv") == [
        ("r.txt", "青云谱区", "district", "南昌市", "government_work_report", 2021)]  # fmt: skip


def test_manifest_supplies_what_an_excerpt_never_says(tmp_path, capsys):
    (tmp_path / "excerpt.txt").write_text("一、2021年工作总结\n地区生产总值增长9%左右。\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "file,region,region_level,parent_region,report_type,report_year\n"
        "excerpt.txt,赣县区,district,赣州市,government_work_report,2022\n",
        encoding="utf-8",
    )
    code, _ = _run(capsys, tmp_path / "excerpt.txt", "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert code == 0
    assert _meta_rows(tmp_path / "o.csv") == [
        ("excerpt.txt", "赣县区", "district", "赣州市", "government_work_report", 2022)]  # fmt: skip


@pytest.mark.parametrize("text", [
    pytest.param(QINGYUNPU_REPORT, id="text_names_another_region"),
    pytest.param("一、2021年工作总结\n地区生产总值增长9%左右。\n", id="text_names_no_region"),
])  # fmt: skip
def test_a_region_from_the_manifest_brings_its_own_level_and_parent(tmp_path, capsys, text):
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,region,report_year\nr.txt,赣县区,2022\n", encoding="utf-8")
    _run(capsys, tmp_path / "r.txt", "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert [row[1:4] for row in _meta_rows(tmp_path / "o.csv")] == [("赣县区", "district", "赣州市")]


BAD_MANIFESTS = [
    pytest.param("name,region\nr.txt,青云谱区\n",
                 "{m}: needs a 'file' or 'doc' column naming each document", id="no_file_or_doc_column"),
    pytest.param("file,region_level\nr.txt,town\n",
                 "{m}, line 2: region_level 'town' is not one of country, province, city, county, district, other",
                 id="invalid_region_level"),
    pytest.param("file,report_type\nr.txt,budget_report\n",
                 "{m}, line 2: report_type 'budget_report' is not one of government_work_report, plan_report, "
                 "statistical_bulletin, other", id="invalid_report_type"),
    pytest.param("file,report_year\nr1.txt,2022\nr2.txt,二〇二二\n",
                 "{m}, line 3: report_year '二〇二二' is not a year from 1949 to 2100", id="invalid_year_on_line_3"),
    pytest.param(b"file,region\nr.txt,\xc7\xe0\xd4\xc6\xc6\xd7\xc7\xf8\n",
                 "{m}: not UTF-8 (byte 0xc7 at position 18); save it as CSV UTF-8", id="gbk_manifest"),
    pytest.param(None, "{m}: no such file", id="missing_manifest"),
]  # fmt: skip


@pytest.mark.parametrize(("manifest", "message"), BAD_MANIFESTS)
def test_bad_manifest_is_one_line_naming_it_and_exit_2(tmp_path, capsys, manifest, message):
    m = tmp_path / "m.csv"
    if isinstance(manifest, bytes):
        m.write_bytes(manifest)
    elif manifest is not None:
        m.write_text(manifest, encoding="utf-8")
    code, err = _run(capsys, SEEDS, "--manifest", m, "-o", tmp_path / "out" / "o.csv")
    assert (code, err) == (2, f"analysis: {message.format(m=m)}\n")
    assert not (tmp_path / "out").exists()


def test_empty_manifest_is_one_line_naming_it(tmp_path, capsys):
    (tmp_path / "m.csv").write_bytes(b"")
    code, err = _run(capsys, SEEDS, "--manifest", tmp_path / "m.csv", "-o", tmp_path / "o.csv")
    assert code == 2 and err.startswith(f"analysis: {tmp_path / 'm.csv'}: ") and err.count("\n") == 1


# --- Bad inputs: one line each, the good files still read ---


def _bad_inputs(folder) -> list[str]:
    """Unreadable reports, and the line each must get (in file-name order)."""
    (folder / "anonymous.txt").write_text("今年地区生产总值增长9%左右。\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "no_region.txt").write_text("二、2022年主要工作安排\n地区生产总值增长9%左右。\n", encoding="utf-8")
    (folder / "no_year.txt").write_text("青云谱区人民政府区长 汪众华\n地区生产总值增长9%左右。\n", encoding="utf-8")
    (folder / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 8)
    return [
        f"analysis: {folder / 'anonymous.txt'}: no region or report year found in the text; {GAP}",
        f"analysis: {folder / 'binary.txt'}: binary file (contains NUL bytes), not a text report",
        f"analysis: {folder / 'empty.txt'}: file is empty",
        f"analysis: {folder / 'no_region.txt'}: no region found in the text; {GAP}",
        f"analysis: {folder / 'no_year.txt'}: no report year found in the text; {GAP}",
        f"analysis: {folder / 'undecodable.txt'}: could not decode: not UTF-8, GB18030, Big5 or UTF-16 text",
    ]


def test_bad_files_are_named_one_line_each_and_the_good_ones_still_read(tmp_path, capsys):
    expected = _bad_inputs(tmp_path)
    shutil.copy(SEEDS / "xihu_2022_government_work_report.txt", tmp_path / "xihu.txt")
    code, err = _run(capsys, tmp_path, "-o", tmp_path / "out" / "o.csv", "--jobs", "1")
    assert code == 0
    assert _problems(err) == expected
    assert SUMMARY.search(err).group(1, 2) == ("1", "6")
    table = pd.read_csv(tmp_path / "out" / "o.csv")
    assert set(table["doc"]) == {"xihu.txt"} and len(table) > 20


def test_nothing_readable_exits_1(tmp_path, capsys):
    expected = _bad_inputs(tmp_path)
    code, err = _run(capsys, tmp_path, "-o", tmp_path / "o.csv")
    assert code == 1
    assert _problems(err) == [*expected, "analysis: no report could be read: the outputs are left as they were"]
    assert SUMMARY.search(err).group(1, 2, 3) == ("0", "6", "0")


@pytest.mark.parametrize("output", ["o.xls", "o", "o.csv.gz", "o.sav"])
def test_bad_output_suffix_is_one_line(tmp_path, capsys, output):
    code, err = _run(capsys, SEEDS, "-o", tmp_path / output)
    assert (code, err) == (2, f"analysis: {tmp_path / output}: output must end in .csv, .parquet, .dta or .xlsx\n")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_second_output_leaves_nothing_behind(tmp_path, capsys):
    code, _ = _run(capsys, SEEDS, "-o", tmp_path / "o.dta", "-o", tmp_path / "o.xls")
    assert code == 2
    assert list(tmp_path.iterdir()) == []


# --- Atomic writes: a failed run leaves the previous output as it was ---


def _fail_after_first_document(monkeypatch, where, error):
    calls = []
    if where == "extraction":
        original = corpus._extract_one

        def patched(job):
            calls.append(job)
            if len(calls) > 1:
                raise error
            return original(job)

        monkeypatch.setattr(corpus, "_extract_one", patched)
    else:
        original = corpus.TableWriter.write

        def patched(self, rows):
            calls.append(self)
            if len(calls) > 2:  # two writers: the second document's first write
                raise error
            original(self, rows)

        monkeypatch.setattr(corpus.TableWriter, "write", patched)


@pytest.mark.parametrize("where", ["extraction", "writing"])
@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path, capsys, monkeypatch, where, error):
    previous = {"o.csv": b"doc,region\nold.txt,\xe9\x9d\x92\xe4\xba\x91\xe8\xb0\xb1\xe5\x8c\xba\n",
                "o.parquet": b"PAR1 a previous run's table PAR1"}  # fmt: skip
    for name, content in previous.items():
        (tmp_path / name).write_bytes(content)
    _fail_after_first_document(monkeypatch, where, error)
    argv = [SEEDS, "-o", tmp_path / "o.csv", "-o", tmp_path / "o.parquet", "--jobs", "1", "--unparsed", tmp_path / "u.csv"]
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C: one line, no traceback
        assert _run(capsys, *argv) == (130, "analysis: interrupted: the outputs are left as they were\n")
    else:  # a bug: its traceback, for the bug report
        with pytest.raises(type(error)):
            _run(capsys, *argv)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == previous  # no .part file, no u.csv


def test_write_table_replaces_a_file_in_one_step(tmp_path):
    table = analysis.extract(QINGYUNPU_REPORT, doc="r.txt")
    for name in ("o.csv", "o.parquet"):
        (tmp_path / name).write_text("previous", encoding="utf-8")
        analysis.write_table(table, tmp_path / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv", "o.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "o.parquet"), table)
    assert pd.read_csv(tmp_path / "o.csv")["value"].tolist() == table["value"].tolist()


def test_a_document_whose_rows_fail_the_schema_is_named_and_the_others_written(tmp_path):
    good = analysis.extract(QINGYUNPU_REPORT, doc="good.txt").to_dict("records")
    bad = [dict(row, doc="bad.txt", kind="guess") for row in good]
    writer = corpus.TableWriter(tmp_path / "o.csv")
    writer.write(good)
    writer.write(bad)
    writer.close()
    assert set(pd.read_csv(tmp_path / "o.csv")["doc"]) == {"good.txt"}
    assert len(writer.rejected) == 1 and writer.rejected[0].startswith("bad.txt: its rows fail the table's schema (")


# --- Sentences that name an indicator and a number but yield no row ---


def test_unparsed_sentences_are_listed_with_their_offsets(tmp_path, capsys):
    sentence = "地区生产总值比上年多出很多，约8.5%"
    text = as_report(sentence + "。")
    assert analysis.extract(text).empty
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    code, err = _run(capsys, tmp_path / "r.txt", "-o", tmp_path / "o.csv", "--unparsed", tmp_path / "u.csv")
    assert code == 0 and SUMMARY.search(err).group(3, 4) == ("0", "1")
    unparsed = pd.read_csv(tmp_path / "u.csv")
    assert list(unparsed.columns) == ["doc", "char_start", "char_end", "sentence"]
    assert unparsed[["doc", "sentence"]].values.tolist() == [["r.txt", "地区生产总值比上年多出很多,约8.5%"]]
    start, end = unparsed.loc[0, ["char_start", "char_end"]]
    assert text[start:end] == sentence  # offsets index the file as the user has it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.csv", "r.txt", "u.csv"]


# --- The library: unreadable files are a warning, not an error ---


def test_read_reports_warns_one_line_and_lists_unreadable_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = analysis.read_reports([SEEDS / "xihu_2022_government_work_report.txt", tmp_path / "empty.txt"])
    # (The warnings to the user only: a ResourceWarning of another test's event loop may land here.)
    assert [str(w.message) for w in caught if issubclass(w.category, UserWarning)] == [
        f"{tmp_path / 'empty.txt'}: file is empty"]
    assert table.attrs["unreadable"] == [f"{tmp_path / 'empty.txt'}: file is empty"]
    assert set(table["doc"]) == {"xihu_2022_government_work_report.txt"}


def test_summary_names_what_decided_each_reports_metadata(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(as_report("地区生产总值增长8%。"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("发布时间:2023-01-12 09:30\n1月11日,九江市第十六届人民代表大会第二次会议开幕。"
                                    "一般公共预算收入增长5%。\n", encoding="utf-8")  # fmt: skip
    code = main(["extract", str(tmp_path), "-o", str(tmp_path / "o.csv"), "--summary", "--no-progress"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines == [
        "a.txt: 青云谱区 (district, 南昌市), government_work_report 2022: 1 rows (1 actual, 0 estimate, 0 target) "
        "[region from role: 在青云谱区第十七届人民代表大会; report year from meeting line: 2022年1月13日在]",
        "b.txt: 九江市 (city, 江西省), other 2023: 1 rows (1 actual, 0 estimate, 0 target) "
        "[region from role: 九江市第十六届人民代表大会; report year from dateline: 发布时间:2023-01-12 (weak evidence)]",
    ]


def test_summary_names_a_file_name_as_evidence_of_last_resort(tmp_path, capsys):
    (tmp_path / "南宁市2016年政府工作报告.txt").write_text("今年全市地区生产总值增长6%左右。\n", encoding="utf-8")
    code = main(["extract", str(tmp_path), "-o", str(tmp_path / "o.csv"), "--summary", "--no-progress"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "南宁市2016年政府工作报告.txt: 南宁市 (city, 广西壮族自治区), government_work_report 2016: 1 rows "
        "(0 actual, 0 estimate, 1 target) [region from file name: 南宁市2016年政府工作报告.txt (evidence of last resort); "
        "report year from file name: 南宁市2016年政府工作报告.txt (evidence of last resort)]"
    ]


def test_each_folder_is_read_with_the_manifest_inside_it(tmp_path, capsys):
    """Without --manifest, `extract seeds more/` reads each folder with its own manifest.csv."""
    more = tmp_path / "more"
    more.mkdir()
    (more / "excerpt.txt").write_text("今年经济社会发展的主要预期目标是:地区生产总值增长7%左右。\n", encoding="utf-8")
    (more / "manifest.csv").write_text("file,region,report_year\nexcerpt.txt,九江市,2023\n", encoding="utf-8")
    code, err = _run(capsys, SEEDS, more, "-o", tmp_path / "o.csv")
    assert code == 0 and _problems(err) == []
    table = pd.read_csv(tmp_path / "o.csv")
    assert table[table["doc"] == "excerpt.txt"][["region", "period", "kind", "value"]].values.tolist() == [
        ["九江市", 2023, "target", 7.0]]
    assert set(table["doc"]) == {p.name for p in SEEDS.glob("*.txt")} | {"excerpt.txt"}


def test_many_unmatched_manifest_rows_are_one_line(tmp_path, capsys):
    report = tmp_path / "r1.txt"
    report.write_text(as_report("地区生产总值增长8%。"), encoding="utf-8")
    names = [f"other{k}.txt" for k in range(5)]
    (tmp_path / "m.csv").write_text("file,region\n" + "".join(f"{n},南昌县\n" for n in ["r1.txt", *names]),
                                    encoding="utf-8")  # fmt: skip
    code = main(["extract", str(report), "--manifest", str(tmp_path / "m.csv"), "-o", str(tmp_path / "o.csv"), "-q"])
    err = capsys.readouterr().err.splitlines()
    assert code == 0 and err == [f"analysis: {tmp_path / 'm.csv'}: 5 rows match no report read "
                                 "(other0.txt, other1.txt, other2.txt, …)"]  # fmt: skip


@pytest.mark.parametrize(("manifest", "said"), [
    ("file,region\nother.txt,南昌县\n", "no region or report year found in the text; add a row for it (file, region, "
                                       "report_year) to {folder}/manifest.csv, which has none"),
    ("file,region\nx.txt,南昌县\n", "no report year found in the text; its row ({folder}/manifest.csv, line 2) gives "
                                   "no report_year: fill it in"),
    (None, "no region or report year found in the text; give it in a manifest (--manifest) with a 'file' column"),
], ids=["folder_manifest_without_its_row", "its_row_without_a_year", "no_manifest"])  # fmt: skip
def test_a_refusal_names_the_manifest_it_consulted(tmp_path, capsys, manifest, said):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "x.txt").write_text("地区生产总值增长7%。\n", encoding="utf-8")
    if manifest:
        (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    main(["extract", str(folder), "-o", str(tmp_path / "o.csv")])
    assert f"analysis: {folder}/x.txt: {said.format(folder=folder)}\n" in capsys.readouterr().err

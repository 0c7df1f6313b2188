"""Careless commands: outputs that cannot be written, slips in a manifest, nonsense options,
signals and closed pipes. Nothing written is ever lost or half-written, and every refusal is
one line (issue 17)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.__main__ import main
from analysis.reading import corpus, outputs

from .conftest import ROOT
from .hostile import GOOD, good_folder, permission_bits_apply, rows_of, run_command, unlock


def _extract(capsys, *argv, jobs: str = "1") -> tuple[int, list[str]]:
    code = main(["extract", *map(str, argv), "--no-progress", "--jobs", jobs])
    return code, capsys.readouterr().err.splitlines()


def _files(folder) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def yesterday(tmp_path):
    """A folder of outputs a previous run wrote, in every format, and --unparsed's list."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("o.csv", "o.parquet", "o.dta", "o.xlsx", "u.csv"):
        (out / name).write_bytes(f"yesterday's {name}".encode())
    return out


def _all_outputs(out) -> list[str]:
    return [arg for name in ("o.csv", "o.parquet", "o.dta", "o.xlsx") for arg in ("-o", str(out / name))] + [
        "--unparsed", str(out / "u.csv")]  # fmt: skip


# --- 2. A run that reads nothing leaves yesterday's outputs byte for byte ---

def _empty_folder(tmp):
    (tmp / "empty").mkdir()
    return [tmp / "empty"]


def _blank_file(tmp):
    (tmp / "blank.txt").write_bytes(b"")
    return [tmp / "blank.txt"]


NOTHING = [
    pytest.param(lambda tmp: [tmp / "unmounted"], ["{0}: no such file"], id="missing_path"),
    pytest.param(_empty_folder, ["{0}: no report files in it (.txt, .html, .htm, .pdf, .docx)"], id="empty_folder"),
    pytest.param(_blank_file, ["{0}: file is empty"], id="only_unreadable_files"),
]  # fmt: skip


@pytest.mark.parametrize(("inputs", "lines"), NOTHING)
def test_a_run_that_reads_nothing_leaves_the_outputs_untouched(tmp_path, capsys, yesterday, inputs, lines):
    before = _files(yesterday)
    paths = inputs(tmp_path)
    code, err = _extract(capsys, *paths, *_all_outputs(yesterday))
    assert code == 1
    assert err[:-1] == [f"analysis: {line.format(*paths)}" for line in lines] + [
        "analysis: no report could be read: the outputs are left as they were"]  # fmt: skip
    assert _files(yesterday) == before  # byte for byte, and no temporary file left


# --- 6. --jobs ---


@pytest.mark.parametrize("jobs", ["0", "-1", "many", "2.5"])
def test_a_nonsense_number_of_workers_is_refused(tmp_path, capsys, jobs):
    folder = good_folder(tmp_path / "in")
    code, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", jobs=jobs)
    assert (code, err) == (2, [f"analysis: --jobs {jobs}: not a number of worker processes; give 1 or more"])
    assert not (tmp_path / "o.csv").exists()


def test_workers_are_never_more_than_the_files_or_the_cores(tmp_path, capsys, monkeypatch):
    folder = good_folder(tmp_path / "in")
    started = []
    real = corpus.ProcessPoolExecutor
    monkeypatch.setattr(corpus, "available_cores", lambda: 8)
    monkeypatch.setattr(corpus, "ProcessPoolExecutor", lambda max_workers, **kw: started.append(max_workers) or
                        real(max_workers=max_workers, **kw))  # fmt: skip
    code, _ = _extract(capsys, folder, "-o", tmp_path / "o.csv", jobs="100000")
    assert code == 0 and started == [len(GOOD)]  # two files: two workers
    monkeypatch.setattr(corpus, "available_cores", lambda: 1)
    assert _extract(capsys, folder, "-o", tmp_path / "o.csv", jobs="100000")[0] == 0
    assert started == [len(GOOD)]  # one core: read in this process, no pool


# --- 7. Outputs that cannot be written: checked before reading; a write error named ---


def test_an_output_in_a_read_only_folder_is_refused_before_reading(tmp_path, capsys):
    folder = good_folder(tmp_path / "in")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        with permission_bits_apply():
            code, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", "-o", locked / "o.parquet")
    finally:
        unlock(locked)
    assert (code, err) == (2, [f"analysis: {locked / 'o.parquet'}: cannot be written (Permission denied)"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "locked"] and not list(locked.iterdir())


def _a_folder(tmp):
    (tmp / "o.csv").mkdir()
    return tmp / "o.csv"


def _under_a_file(tmp):
    (tmp / "data").write_text("x")
    return tmp / "data" / "o.csv"


def _a_pipe(tmp):
    os.mkfifo(tmp / "o.csv")
    return tmp / "o.csv"


BAD_PLACES = [
    pytest.param(_a_folder, "{0}: is a folder; name a file in it", id="a_folder_named_as_the_output"),
    pytest.param(_under_a_file, "{0}: cannot be written ({0.parent} is a file, not a folder)",
                 id="a_parent_that_is_a_file"),
    pytest.param(lambda tmp: tmp / ("o" * 300 + ".csv"), "{0}: cannot be written (File name too long)",
                 id="a_name_too_long"),
    pytest.param(_a_pipe, "{0}: is not a regular file (a device or a pipe); name a file", id="a_pipe"),
]  # fmt: skip


@pytest.mark.parametrize(("place", "message"), BAD_PLACES)
def test_an_output_that_cannot_be_placed_is_one_line_and_exit_2(tmp_path, capsys, place, message):
    folder = good_folder(tmp_path / "in")
    output = place(tmp_path)
    code, err = _extract(capsys, folder, "-o", tmp_path / "good.csv", "-o", output)
    assert (code, err) == (2, [f"analysis: {message.format(output)}"])
    assert not (tmp_path / "good.csv").exists()


def test_a_name_that_fills_the_file_system_s_limit_still_has_a_temporary_file(tmp_path, capsys):
    output = tmp_path / ("o" * 250 + ".csv")  # 254 bytes: the old temporary name, 10 more, did not fit
    code, _ = _extract(capsys, good_folder(tmp_path / "in"), "-o", output, "--unparsed", tmp_path / "new" / "u.csv")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", "new", output.name])
    assert (tmp_path / "new" / "u.csv").is_file()  # --unparsed into a missing folder: made, as for -o


def test_a_full_disk_on_one_output_names_it_and_the_others_are_written(tmp_path, capsys, yesterday, monkeypatch):
    real = pq.ParquetWriter.write_table

    def full(self, table, *args, **kwargs):  # the disk fills up as o.parquet is written (.dta, .xlsx go on)
        if Path(self.where).name.startswith(".o.parquet."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, table, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    before = _files(yesterday)
    code, err = _extract(capsys, good_folder(tmp_path / "in"), *_all_outputs(yesterday))
    assert code == 4
    assert err[:-1] == [f"analysis: {yesterday / 'o.parquet'}: cannot be written (No space left on device)"]
    after = _files(yesterday)
    assert after["o.parquet"] == before["o.parquet"]  # left as it was
    assert sorted(after) == ["o.csv", "o.dta", "o.parquet", "o.xlsx", "u.csv"]  # no temporary file
    assert rows_of(pd.read_csv(yesterday / "o.csv")) == rows_of(pd.read_excel(yesterday / "o.xlsx")) != []


# --- 9. An output that is another file of the run ---

SAME_FILE = [
    pytest.param(lambda tmp: ["-o", tmp / "o.csv", "--unparsed", tmp / "o.csv"],
                 "{tmp}/o.csv: named twice as an output (-o and --unparsed)", id="unparsed_is_the_output"),
    pytest.param(lambda tmp: ["-o", tmp / "o.csv", "-o", tmp / "." / "o.csv"],
                 "{tmp}/o.csv: named twice as an output (-o and -o)", id="one_output_twice"),
    pytest.param(lambda tmp: ["--manifest", tmp / "m.csv", "-o", tmp / "m.csv"],
                 "{tmp}/m.csv: is a manifest this run reads; -o would overwrite it", id="output_is_the_manifest"),
    pytest.param(lambda tmp: ["-o", tmp / "in" / "manifest.csv"],
                 "{tmp}/in/manifest.csv: is a manifest this run reads; -o would overwrite it",
                 id="output_is_a_folder_manifest"),
]  # fmt: skip


@pytest.mark.parametrize(("options", "message"), SAME_FILE)
def test_an_output_that_would_overwrite_another_file_of_the_run_is_refused(tmp_path, capsys, options, message):
    folder = good_folder(tmp_path / "in")
    for manifest in (tmp_path / "m.csv", folder / "manifest.csv"):
        manifest.write_text("file,report_year\nxihu.txt,2022\n", encoding="utf-8")
    before = _files(tmp_path)
    code, err = _extract(capsys, folder, *options(tmp_path))
    assert (code, err) == (2, [f"analysis: {message.format(tmp=tmp_path)}"])
    assert _files(tmp_path) == before


# --- 10. Manifest slips ---

SLIPS = [
    pytest.param("file,region,report_year\nxihu.txt,西湖区,2022,\n",
                 "{m}, line 2: 4 cells where the header names 3 (a comma too many?)", id="trailing_comma"),
    pytest.param("file,region,report_year\nxihu.txt,2022\n", "{m}, line 2: 2 cells where the header names 3",
                 id="a_cell_missing"),
    pytest.param("file,report_year\nxihu.txt,2022\nqingyunpu.txt,2022\n./xihu.txt,2021\n",
                 "{m}, line 4: xihu.txt is named again (first at {m}, line 2)", id="a_report_named_twice"),
    pytest.param("file,report_year\n,2022\n", "{m}, line 2: the file cell names no file", id="no_file_named"),
    pytest.param("file,region_level\nxihu.txt,\x1b[2Jdistrict\n",
                 "{m}, line 2: region_level '\\x1b[2Jdistrict' is not one of country, province, city, county, "
                 "district, other", id="a_terminal_escape_in_a_value"),
]  # fmt: skip


@pytest.mark.parametrize(("manifest", "message"), SLIPS)
def test_a_manifest_is_read_exactly_as_written(tmp_path, capsys, manifest, message):
    folder = good_folder(tmp_path / "in")
    (folder / "m.csv").write_text(manifest, encoding="utf-8")
    code, err = _extract(capsys, folder, "--manifest", folder / "m.csv", "-o", tmp_path / "o.csv")
    assert (code, err) == (2, [f"analysis: {message.format(m=folder / 'm.csv')}"])
    assert not (tmp_path / "o.csv").exists()


def test_a_manifest_row_matching_no_report_is_named_and_the_others_used(tmp_path, capsys):
    folder = good_folder(tmp_path / "in")
    (folder / "manifest.csv").write_text("file,report_year\nxihu.txt,2023\nxihu.text,2023\n", encoding="utf-8")
    code, err = _extract(capsys, folder, "-o", tmp_path / "o.csv")
    assert code == 0
    assert err[:-1] == [f"analysis: {folder / 'manifest.csv'}, line 3: xihu.text matches no report read"]
    table = pd.read_csv(tmp_path / "o.csv")
    assert table.groupby("doc")["report_year"].first().to_dict() == {"qingyunpu.txt": 2022, "xihu.txt": 2023}


def test_reports_of_one_name_in_two_folders_take_each_folder_s_manifest(tmp_path, capsys):
    for year in ("2021", "2022"):
        folder = good_folder(tmp_path / year)
        (folder / "manifest.csv").write_text(f"file,report_year\nxihu.txt,{year}\n", encoding="utf-8")
    code, err = _extract(capsys, tmp_path / "2021", tmp_path / "2022", "-o", tmp_path / "o.csv")
    assert code == 0
    table = pd.read_csv(tmp_path / "o.csv")
    assert table.groupby("doc")["report_year"].first()[["2021/xihu.txt", "2022/xihu.txt"]].tolist() == [2021, 2022]


# --- 14. Cells a spreadsheet would run ---


def test_formula_cells_are_escaped_on_request_and_kept_exact_otherwise(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("=HYPERLINK(x).txt", "@SUM(1).txt", "+1.txt", "-2.txt"):
        (folder / name).write_text(GOOD["xihu.txt"] + "地区生产总值比上年多出很多，约8.5%。\n", encoding="utf-8")
    for flag, out in (([], "exact"), (["--csv-escape-formulas"], "escaped")):
        code, _ = _extract(capsys, folder, "-o", tmp_path / f"{out}.csv", "-o", tmp_path / f"{out}.parquet",
                           "--unparsed", tmp_path / f"{out}_unparsed.csv", *flag)  # fmt: skip
        assert code == 0
    docs = {out: sorted(set(pd.read_csv(tmp_path / f"{out}.csv", keep_default_na=False)["doc"]))
            for out in ("exact", "escaped")}  # fmt: skip
    assert docs["exact"] == ["+1.txt", "-2.txt", "=HYPERLINK(x).txt", "@SUM(1).txt"]
    assert docs["escaped"] == ["'+1.txt", "'-2.txt", "'=HYPERLINK(x).txt", "'@SUM(1).txt"]
    unparsed = pd.read_csv(tmp_path / "escaped_unparsed.csv")
    assert sorted(unparsed["doc"]) == docs["escaped"]
    exact, escaped = (pd.read_parquet(tmp_path / f"{out}.parquet") for out in ("exact", "escaped"))
    pd.testing.assert_frame_equal(exact, escaped)  # only the CSV is for spreadsheets
    assert (pd.read_csv(tmp_path / "escaped.csv")["value"] == exact["value"]).all()  # numbers stay numbers


# --- 15. Signals: one line, outputs untouched, no stale temporary files ---


def _many_reports(folder, copies: int = 600):  # (a run of 60 took 0.6 s: over before a loaded machine signalled it)
    folder = good_folder(folder)
    for number in range(copies):
        (folder / f"copy{number:03}.txt").write_text(GOOD["xihu.txt"], encoding="utf-8")
    return folder


def _stopped_midway(tmp_path, yesterday, how) -> tuple[subprocess.Popen, str]:
    """Start an extract of many reports, wait for its first summary line, then `how(process)`."""
    command = [sys.executable, "-m", "analysis", "extract", str(_many_reports(tmp_path / "in")),
               *_all_outputs(yesterday), "--summary", "--no-progress", "--jobs", "2"]  # fmt: skip
    # (Bytes: the rest of the summary, which communicate() reads past what readline() took ahead,
    # may begin inside a character.)
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)  # fmt: skip
    assert process.stdout.readline()  # a report is read: the outputs' temporary files exist
    how(process)
    _, err = process.communicate(timeout=60)
    return process, err.decode("utf-8")


@pytest.mark.parametrize(("how", "status"), [
    pytest.param(lambda p: os.killpg(p.pid, signal.SIGINT), 130, id="ctrl_c_to_the_terminal_s_group"),
    pytest.param(lambda p: p.send_signal(signal.SIGTERM), 143, id="sigterm"),
])  # fmt: skip
def test_an_interrupted_run_is_one_line_and_leaves_every_output(tmp_path, yesterday, how, status):
    before = _files(yesterday)
    process, err = _stopped_midway(tmp_path, yesterday, how)
    assert (process.returncode, err) == (status, "analysis: interrupted: the outputs are left as they were\n"), err
    assert _files(yesterday) == before


def test_the_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path, yesterday, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the runs keep their rows while they read
    process, _ = _stopped_midway(tmp_path, yesterday, lambda p: os.killpg(p.pid, signal.SIGKILL))
    assert process.returncode == -signal.SIGKILL
    stale = sorted(p.name for p in yesterday.iterdir() if p.name.endswith(".part"))
    assert len(stale) >= 2  # what SIGKILL leaves
    assert len(list(tmp_path.glob("analysis-rows-*/.*.part"))) == 1  # and its rows, in their folder
    live = outputs.temporary(yesterday / "o.csv")  # a run writing o.csv at this moment
    try:
        result = run_command("extract", good_folder(tmp_path / "small"), *_all_outputs(yesterday), "--no-progress")
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in yesterday.iterdir() if p.name.startswith(".")) == [live.name]
        assert list(tmp_path.glob("analysis-rows-*")) == []
    finally:
        outputs.discard(live)


# --- 17. --summary into a closed pipe or a stdout that is not UTF-8 ---


def test_a_summary_piped_into_head_never_costs_the_outputs(tmp_path):
    folder = _many_reports(tmp_path / "in", copies=10)
    command = [sys.executable, "-m", "analysis", "extract", str(folder), "-o", str(tmp_path / "o.csv"), "--summary",
               "--no-progress", "--jobs", "1"]  # fmt: skip
    head = subprocess.Popen(["head", "-n", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    process = subprocess.Popen(command, cwd=ROOT, stdout=head.stdin, stderr=subprocess.PIPE, text=True)
    head.stdin.close()  # only head holds the pipe's reading end
    _, err = process.communicate(timeout=120)
    assert head.stdout.read().decode().startswith("copy000.txt: 西湖区") and head.wait(timeout=10) == 0
    lines = err.splitlines()
    assert process.returncode == 0, err
    assert lines[:-1] == ["analysis: --summary: standard output was closed; the outputs are still written"]
    assert pd.read_csv(tmp_path / "o.csv")["doc"].nunique() == 12


def test_a_summary_on_a_stdout_that_is_not_utf8_is_escaped(tmp_path):
    folder = good_folder(tmp_path / "in")
    result = run_command("extract", folder, "-o", tmp_path / "o.csv", "--summary", "--no-progress",
                         env={**os.environ, "PYTHONIOENCODING": "ascii"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("xihu.txt: \\u897f\\u6e56\\u533a (district")
    assert pd.read_csv(tmp_path / "o.csv")["doc"].nunique() == 2

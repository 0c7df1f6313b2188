"""The command line in scripts and cron jobs: a progress bar only on a terminal, messages on lines
of their own, --quiet, --strict, and the documented exit statuses."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios

import pytest

from analysis.__main__ import EXIT_STATUSES, main

from .conftest import ROOT, SEEDS

XIHU = SEEDS / "xihu_2022_government_work_report.txt"
SUMMARY = re.compile(r"analysis: \d+ report\(s\) read, \d+ could not be read, \d+ rows, \d+ unparsed sentence\(s\), "
                     r"\d+\.\ds")  # fmt: skip


@pytest.fixture
def folder(tmp_path):
    """A folder of one good report and one empty file; the line the empty file gets."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(XIHU, inputs / "xihu.txt")
    (inputs / "empty.txt").write_bytes(b"")
    return inputs, f"analysis: {inputs / 'empty.txt'}: file is empty"


def _command(*argv) -> list[str]:
    return [sys.executable, "-m", "analysis", "extract", *map(str, argv), "--jobs", "1"]


def test_stderr_redirected_to_a_file_holds_no_carriage_return(folder, tmp_path):
    inputs, refusal = folder
    log = tmp_path / "log.txt"
    with open(log, "wb") as handle:
        done = subprocess.run(_command(inputs, "-o", tmp_path / "o.csv"), stderr=handle, stdout=subprocess.PIPE,
                              cwd=ROOT, timeout=120)  # fmt: skip
    assert done.returncode == 0 and done.stdout == b""
    err = log.read_bytes().decode("utf-8")
    assert "\r" not in err
    first, second = err.splitlines()
    assert first == refusal and SUMMARY.fullmatch(second)


def test_a_forced_bar_keeps_each_message_on_a_line_of_its_own(folder, tmp_path):
    inputs, refusal = folder
    log = tmp_path / "log.txt"
    with open(log, "wb") as handle:
        subprocess.run(_command(inputs, "-o", tmp_path / "o.csv", "--progress"), stderr=handle, cwd=ROOT,
                       timeout=120, check=True)  # fmt: skip
    err = log.read_bytes().decode("utf-8")
    assert "\r" in err and "extract:" in err  # the bar was drawn
    pieces = [piece.strip() for piece in re.split(r"[\r\n]", err)]
    assert refusal in pieces and any(SUMMARY.fullmatch(piece) for piece in pieces)
    assert err.endswith("\n") and SUMMARY.fullmatch(err.rstrip("\n").rsplit("\n", 1)[-1])


def test_a_terminal_gets_the_bar(folder, tmp_path):
    inputs, refusal = folder
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a 120-column terminal
    try:
        done = subprocess.run(_command(inputs, "-o", tmp_path / "o.csv"), stderr=follower, stdout=subprocess.DEVNULL,
                              cwd=ROOT, timeout=120)  # fmt: skip
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    err = output.decode("utf-8")
    assert "extract: 100%" in err
    assert refusal in [piece.strip() for piece in re.split(r"[\r\n]", err)]


def test_quiet_prints_only_errors(folder, tmp_path, capsys):
    inputs, refusal = folder
    assert main(["extract", str(inputs), "-o", str(tmp_path / "o.csv"), "--quiet", "--jobs", "1"]) == 0
    assert capsys.readouterr() == ("", refusal + "\n")
    assert main(["extract", str(XIHU), "-o", str(tmp_path / "o.csv"), "-q"]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("flag", ["--summary", "--progress"])
def test_quiet_with_output_it_forbids_is_a_usage_error(tmp_path, capsys, flag):
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(XIHU), "-o", str(tmp_path / "o.csv"), "--quiet", flag])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m analysis extract: error: --quiet prints only errors: it cannot go with --summary or --progress")
    assert list(tmp_path.iterdir()) == []


# --- Exit statuses: (inputs, options) -> status ---

EXITS = [
    pytest.param(["good"], [], 0, id="all_read"),
    pytest.param(["good"], ["--strict"], 0, id="all_read_strict"),
    pytest.param(["good", "bad"], [], 0, id="some_refused"),
    pytest.param(["good", "bad"], ["--strict"], 3, id="some_refused_strict"),
    pytest.param(["bad"], [], 1, id="nothing_read"),
    pytest.param(["bad"], ["--strict"], 1, id="nothing_read_strict"),
    pytest.param(["good"], ["--manifest", "missing.csv"], 2, id="bad_manifest"),
    pytest.param(["good"], ["-o", "o.sav"], 2, id="bad_output"),
    pytest.param(["good"], ["-o", "o.csv"], 2, id="output_named_twice"),
    pytest.param(["good"], ["--jobs", "0"], 2, id="bad_jobs"),
]


@pytest.mark.parametrize(("inputs", "options", "status"), EXITS)
def test_exit_status(tmp_path, capsys, inputs, options, status):
    files = {"good": XIHU, "bad": tmp_path / "empty.txt"}
    files["bad"].write_bytes(b"")
    options = [str(tmp_path / o) if o.endswith((".csv", ".sav")) else o for o in options]
    argv = ["extract", *(str(files[i]) for i in inputs), "-o", str(tmp_path / "o.csv"), "--no-progress", *options]
    assert main(argv) == status


def test_exit_statuses_are_documented_in_help_and_docs(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert EXIT_STATUSES in capsys.readouterr().out
    readme = (ROOT / "docs" / "command_line.md").read_text(encoding="utf-8")  # linked from the README
    documented = re.findall(r"^\| `(\d+)`", readme, re.M)
    assert documented == ["0", "1", "2", "3", "4", "130"]
    assert [line.split()[0] for line in EXIT_STATUSES.splitlines()[1:] if line[:3].strip().isdigit()] == documented

"""Hostile input against its bar (issue 17): time and peak memory where a careless or hostile
file once stalled a run, filled the memory or took quadratic time.

- a saved web page of a 25,000-row table, read and extracted in this process, against the same
  rows as a text file (the floor): at most 4 times;
- the extract command over a folder holding a report, a named pipe, a link to /dev/zero and a
  4 GB sparse file: it ends, within 60 s and 600 MB, with the report written;
- the extract command over a .docx whose _rels/.rels inflates to 600 MB: refused, under 500 MB.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from analysis.reading.document import extract_document
from analysis.reading.files import read_source

from .memory import Run, run_measured

PROJECT = Path(__file__).resolve().parent.parent
HEAD = ["政府工作报告", "——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上", "一、2021年工作总结"]
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def table_rows(count: int) -> list[str]:
    """One-cell rows of a statistics table: a figure each."""
    return [f"地区生产总值增长{i % 10}.{i % 7}%" for i in range(count)]


def page_against_text(count: int = 25_000, rounds: int = 3) -> tuple[float, float]:
    """Seconds to read and extract a saved page of `count` one-cell table rows, and the same
    lines as a text file (fastest of `rounds` each)."""
    rows = table_rows(count)
    page = ("<html><body>" + "".join(f"<p>{line}</p>" for line in HEAD) + "<table>"
            + "".join(f"<tr><td>{row}</td></tr>" for row in rows) + "</table></body></html>")  # fmt: skip
    text = "\n".join(HEAD + rows) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        files = {"page": Path(folder) / "table.html", "text": Path(folder) / "table.txt"}
        files["page"].write_text(page, encoding="utf-8")
        files["text"].write_text(text, encoding="utf-8")
        best = {}
        for _ in range(max(1, rounds)):
            for kind, path in files.items():
                started = time.perf_counter()
                extract_document(read_source(path).text, path.name)
                best[kind] = min(best.get(kind, float("inf")), time.perf_counter() - started)
    return best["page"], best["text"]


def command_beside_pipe_and_devices() -> Run:
    """The extract command over a report beside a FIFO, a /dev/zero link and a 4 GB sparse file."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(PROJECT / "seeds" / "xihu_2022_government_work_report.txt", Path(folder) / "xihu.txt")
        os.mkfifo(Path(folder) / "pipe.txt")
        (Path(folder) / "zero.txt").symlink_to("/dev/zero")
        with open(Path(folder) / "huge.txt", "wb") as handle:
            handle.truncate(4 * 2**30)
        command = [sys.executable, "-m", "analysis", "extract", folder, "-o", f"{folder}/out/rows.csv",
                   "--no-progress"]  # fmt: skip
        run = run_measured(command, cwd=PROJECT).check()
        if not (Path(folder) / "out" / "rows.csv").is_file():
            raise RuntimeError("the report beside them was not written")
        return run


def command_on_inflating_relationships(megabytes: int = 600) -> Run:
    """The extract command over a .docx whose _rels/.rels unpacks to `megabytes` MB."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            with archive.open("_rels/.rels", "w", force_zip64=True) as part:
                part.write(f'<Relationships><Relationship Type="{RELATIONSHIP}" Target="word/document.xml"/>'.encode())
                for _ in range(megabytes):
                    part.write(b" " * 1_000_000)
                part.write(b"</Relationships>")
            archive.writestr("word/document.xml", "<document/>")
        command = [sys.executable, "-m", "analysis", "extract", str(path), "-o", f"{folder}/rows.csv", "--no-progress"]
        run = run_measured(command, cwd=PROJECT)
        if run.returncode != 1 or "unpacks to more than" not in run.stderr:
            raise RuntimeError(f"the file was not refused: exit {run.returncode}, {run.stderr.strip()[:200]}")
        return run

"""Property: any file in a folder of good reports never costs the good reports their rows.

Whatever lands beside them (random bytes, a truncated or forged Word file, a page of markup, a
pipe, a link to a device or to nowhere, a folder named like a report, a name that is not UTF-8
or holds a newline), the run ends, every message is one line, and the good reports' rows are
all written."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.__main__ import main
from analysis.reading.paths import shown

from .hostile import GOOD, WORD, docx_bytes, good_folder, named

SUFFIXES = [".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".TXT", ".csv", ""]
# Words of a report, in pieces: text that is nearly a report, and markup around it.
WORDS = ["政府工作报告\n", "——2022年1月13日在", "青云谱区", "第十七届人民代表大会第二次会议上\n", "一、2021年工作总结\n",
         "地区生产总值增长9%左右。", "<p>", "</td>", "<script>", "\x00", "\ufffd", "\n", "=SUM(A1)", "&amp;"]  # fmt: skip

names = st.one_of(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
    st.integers(1, 230).map(lambda n: "长" * (n // 3) or "x"),  # names up to the file system's 255 bytes
).flatmap(lambda stem: st.sampled_from(SUFFIXES).map(lambda suffix: stem + suffix))


def _zipped(xml: str) -> bytes:
    return docx_bytes({"word/document.xml": xml})


contents = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.sampled_from(WORDS), max_size=40).map("".join).flatmap(
        lambda text: st.sampled_from(["utf-8", "gb18030", "utf-16"]).map(lambda enc: text.encode(enc, "replace"))),
    st.binary(max_size=500).map(lambda tail: b"%PDF-1.7\n" + tail),
    st.binary(max_size=500).map(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail),
    st.lists(st.sampled_from(WORDS), max_size=20).map(
        lambda words: _zipped(f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>{"".join(words)}'
                              "</w:t></w:r></w:p></w:body></w:document>")),  # fmt: skip
    st.integers(0, 400).map(lambda cut: _zipped("<w:document/>" * 50)[:cut]),  # a truncated archive
    st.sampled_from(list(GOOD.values())).map(str.encode),  # a copy of a good report
)
KINDS = ["file", "fifo", "device_link", "dangling_link", "loop_link", "folder", "link_to_good", "in_subfolder"]


def _place(folder: Path, name: str, kind: str, content: bytes) -> None:
    path = named(folder, os.fsencode(name))
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device_link":
        path.symlink_to("/dev/zero")
    elif kind == "dangling_link":
        path.symlink_to(folder / "nowhere")
    elif kind == "loop_link":
        path.symlink_to(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "link_to_good":
        path.symlink_to(folder / "xihu.txt")
    elif kind == "in_subfolder":
        (folder / "sub").mkdir()
        named(folder / "sub", os.fsencode(name)).write_bytes(content)
    else:
        path.write_bytes(content)


def _rows(table: pd.DataFrame) -> Counter:
    """The rows as figures (the document's name aside: a file of the same name in a subfolder
    gives both documents longer names, and says so)."""
    columns = ["region", "indicator", "period", "kind", "measure", "value", "char_start", "source_text"]
    return Counter(map(tuple, table[columns].astype(str).values.tolist()))


def _run(folder: Path, out: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["extract", str(folder), "-o", str(out), "--no-progress", "--jobs", "1"])
    return code, err.getvalue()


def _good_rows() -> Counter:
    with tempfile.TemporaryDirectory() as tmp:
        assert _run(good_folder(Path(tmp) / "in"), Path(tmp) / "o.csv")[0] == 0
        return _rows(pd.read_csv(Path(tmp) / "o.csv", keep_default_na=False))


GOOD_ROWS: list[Counter] = []


@settings(max_examples=40, deadline=None)
@given(name=names.filter(lambda n: n not in (*GOOD, "manifest.csv", ".", "..") and len(os.fsencode(n)) <= 250),
       kind=st.sampled_from(KINDS), content=contents)  # fmt: skip
def test_no_file_beside_good_reports_costs_them_their_rows(name, kind, content):
    """A manifest.csv is the one file that is not a report: a folder's manifest that cannot be
    read stops the run before anything is read (exit 2), as a bad --manifest does."""
    if not GOOD_ROWS:
        GOOD_ROWS.append(_good_rows())
    with tempfile.TemporaryDirectory() as tmp:
        folder = good_folder(Path(tmp) / "in")
        _place(folder, name, kind, content)
        code, err = _run(folder, Path(tmp) / "o.csv")
        assert code == 0, err
        assert not GOOD_ROWS[0] - _rows(pd.read_csv(Path(tmp) / "o.csv", keep_default_na=False))
    lines = err.splitlines()
    assert all(line.startswith("analysis: ") and shown(line) == line for line in lines), lines
    assert lines[-1].startswith("analysis: ") and "report(s) read" in lines[-1]

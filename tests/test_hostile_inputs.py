"""Careless and hostile input files: each is named in one line (or read under a name that can be
written), the run never stalls, and the good reports beside it keep every row (issue 17).

Each test builds its input in a temporary folder: names that are not UTF-8, pipes, links to
devices, sparse files, forged Word files, folders that cannot be listed, names with newlines."""

from __future__ import annotations

import os
import tracemalloc

import pandas as pd
import pytest
from bs4 import Tag

from analysis.__main__ import main
from analysis.reading import files, word
from analysis.reading.files import ReadError, read_text
from analysis.reading.paths import decoded_name, list_reports, shown

from .hostile import (
    GOOD,
    WORD,
    docx_bytes,
    fifo,
    good_folder,
    inflating_docx,
    named,
    permission_bits_apply,
    rows_of,
    run_command,
    sparse,
    unlock,
)


def _extract(capsys, *argv) -> tuple[int, list[str]]:
    code = main(["extract", *map(str, argv), "--no-progress", "--jobs", "1"])
    return code, capsys.readouterr().err.splitlines()


@pytest.fixture(scope="module")
def good_rows(tmp_path_factory):
    """The rows of the GOOD reports read alone: what every run beside hostile files must keep."""
    folder = good_folder(tmp_path_factory.mktemp("good"))
    assert main(["extract", str(folder), "-o", str(folder / "o.csv"), "--no-progress", "--quiet"]) == 0
    rows = rows_of(pd.read_csv(folder / "o.csv"))
    assert len(rows) >= 4
    return rows


# --- 1. File names that are not UTF-8 ---

GBK_NAMES = [
    pytest.param("青云谱区报告.txt".encode("gbk"), "青云谱区报告.txt", id="gbk_name_read_as_gb18030"),
    pytest.param(b"report_\xff\xfe.txt", "report_\ufffd\ufffd.txt", id="bytes_of_no_encoding_replaced"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "doc"), GBK_NAMES)
def test_a_name_that_is_not_utf8_is_read_and_every_output_written(tmp_path, capsys, good_rows, raw, doc):
    folder = good_folder(tmp_path / "in")
    stray = named(folder, raw)
    stray.write_text(GOOD["qingyunpu.txt"], encoding="utf-8")
    outputs = [tmp_path / f"o{suffix}" for suffix in (".csv", ".parquet", ".dta", ".xlsx")]
    code, err = _extract(capsys, folder, *(arg for path in outputs for arg in ("-o", path)))
    assert code == 0
    assert err[:-1] == [f"analysis: {shown(stray)}: its name is not UTF-8; its rows are named {doc}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "o.csv", "o.dta", "o.parquet", "o.xlsx"]  # no .part
    table = pd.read_parquet(outputs[1])
    assert rows_of(table) == good_rows
    assert set(table["doc"]) == {*GOOD, doc}
    assert pd.read_csv(outputs[0])["doc"].nunique() == 3


def test_a_gbk_name_is_evidence_as_its_text_would_be(tmp_path, capsys):
    """A file name is the last resort for a region and a year: a GBK name as much as a UTF-8 one."""
    stray = named(tmp_path, "南宁市2016年政府工作报告.txt".encode("gbk"))
    stray.write_text("今年全市地区生产总值增长6%左右。\n", encoding="utf-8")
    code, _ = _extract(capsys, tmp_path, "-o", tmp_path / "o.csv")
    assert code == 0
    table = pd.read_csv(tmp_path / "o.csv")
    assert table[["doc", "region", "report_year"]].values.tolist() == [["南宁市2016年政府工作报告.txt", "南宁市", 2016]]


def test_a_name_is_decoded_as_gb18030_else_with_replacement_characters():
    assert decoded_name(os.fsdecode("西湖区.txt".encode("gbk"))) == "西湖区.txt"
    assert decoded_name("西湖区.txt") == "西湖区.txt"
    assert decoded_name(os.fsdecode(b"\x80.txt")) == "\ufffd.txt"  # 0x80 starts no GB18030 character


# --- 3. Only regular files, each up to a size checked before reading ---


def test_a_pipe_a_device_and_a_sparse_file_are_named_and_the_run_ends(tmp_path, good_rows):
    folder = good_folder(tmp_path / "in")
    pipe = fifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    huge = sparse(folder / "huge.txt", 4 * 2**30)
    result = run_command("extract", folder, "-o", tmp_path / "o.csv", "--no-progress", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:-1] == [
        f"analysis: {huge}: too large: 4,295 MB, more than the 100 MB of the largest report file read",
        f"analysis: {pipe}: is a named pipe (FIFO), not a report file",
        f"analysis: {folder / 'zero.txt'}: is a device, not a report file",
    ]
    assert rows_of(pd.read_csv(tmp_path / "o.csv")) == good_rows


def test_a_file_one_byte_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "r.txt"
    path.write_text("地区生产总值增长9%。" * 100, encoding="utf-8")  # 2,900 bytes
    opened = []
    monkeypatch.setattr(files.os, "open", lambda *args: opened.append(args))
    with pytest.raises(ReadError) as error:
        files.read_source(path)
    assert str(error.value) == f"{path}: too large: 2,900 bytes, more than the 1,000 bytes of the largest report file read"
    assert opened == []  # refused on its size, never opened


def test_a_manifest_that_is_a_device_is_refused_in_one_line(tmp_path, capsys):
    folder = good_folder(tmp_path / "in")
    code, err = _extract(capsys, folder, "--manifest", "/dev/zero", "-o", tmp_path / "o.csv")
    assert (code, err) == (2, ["analysis: /dev/zero: is a device, not a manifest"])
    assert not (tmp_path / "o.csv").exists()


# --- 4. Saved web pages: linear in their size ---


def test_a_long_table_is_read_without_editing_the_page(tmp_path, monkeypatch):
    """Inserting a line break before each of 25,000 rows searched the parent's children each
    time (quadratic); the page is now walked once and never edited (`make bench` times it)."""
    def refuse(*_):
        raise AssertionError("the parse tree was edited")

    for method in ("insert_before", "index", "decompose", "extract"):
        monkeypatch.setattr(Tag, method, refuse)
    cells = "".join(f"<tr><td>第{i}行</td></tr>" for i in range(25_000))
    path = tmp_path / "table.html"
    path.write_text(f"<html><head><script>x</script></head><body><table>{cells}</table></body></html>", encoding="utf-8")
    lines = read_text(path).split()
    assert len(lines) == 25_000 and lines[:2] == ["第0行", "第1行"] and lines[-1] == "第24999行"


# --- 5. Word files: bounded chunks, whatever the archive declares ---

DOCUMENT = f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>地区生产总值增长9%</w:t></w:r></w:p></w:body></w:document>'


@pytest.mark.parametrize("part", ["_rels/.rels", "word/document.xml"])
def test_a_word_part_that_inflates_past_the_limit_is_refused(tmp_path, monkeypatch, part):
    monkeypatch.setattr(word, "MAX_WORD_PART_BYTES", 2_000_000)
    path = inflating_docx(tmp_path / "bomb.docx", part, megabytes=3)
    assert path.stat().st_size < 50_000
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as error:
            read_text(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value) == f"{path}: {part} unpacks to more than 2 MB: too large for a report"
    assert peak < 1_000_000  # a chunk at a time, never the part


def test_a_forged_small_declared_size_does_not_inflate_the_part_at_once(tmp_path):
    """The old reader took the declared size on trust and inflated the rest in one read."""
    xml = DOCUMENT.replace("</w:body>", " " * 30_000_000 + "</w:body>")
    path = tmp_path / "forged.docx"
    path.write_bytes(docx_bytes({"word/document.xml": xml}, declared={"word/document.xml": 100}))
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as error:
            read_text(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value) == f"{path}: not a readable Word .docx file (Bad CRC-32 for file 'word/document.xml')"
    assert peak < 5_000_000


def test_many_paragraphs_are_read_in_memory_of_their_text_not_of_their_markup(tmp_path):
    paragraph = ('<w:p><w:pPr><w:jc w:val="both"/><w:spacing w:line="360"/></w:pPr>' + '<w:r><w:rPr><w:sz w:val="24"/>'
                 '</w:rPr><w:t>增长</w:t></w:r>' * 20 + "</w:p>")  # fmt: skip
    xml = DOCUMENT.replace("</w:body>", paragraph * 20_000 + "</w:body>")  # 17 MB of markup, 800,000 characters
    path = tmp_path / "long.docx"
    path.write_bytes(docx_bytes({"word/document.xml": xml}))
    tracemalloc.start()
    try:
        text = read_text(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert text.splitlines()[1:] == ["增长" * 20] * 20_000
    assert peak < len(xml) / 2  # its text twice over; a tree of it would take several times its size


@pytest.mark.parametrize("doctype", [
    pytest.param('<!DOCTYPE w:document [<!ENTITY a "地区生产总值">]>', id="internal_entity"),
    pytest.param('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', id="external_entity"),
])  # fmt: skip
def test_a_word_part_that_declares_a_dtd_is_refused(tmp_path, doctype):
    path = tmp_path / "entity.docx"
    path.write_bytes(docx_bytes({"word/document.xml": doctype + DOCUMENT.replace("地区生产总值", "&a;")}))
    with pytest.raises(ReadError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: not a readable Word .docx file (it declares a DTD, which Word files never do)"


# --- 8. Folders that cannot be listed ---


@pytest.mark.parametrize("where", ["subfolder", "named_folder"])
def test_a_folder_that_cannot_be_listed_is_named_and_counted(tmp_path, capsys, good_rows, where):
    folder = good_folder(tmp_path / "in")
    locked = tmp_path / "locked" if where == "named_folder" else folder / "locked"
    good_folder(locked)
    os.chmod(locked, 0)
    try:
        with permission_bits_apply():
            codes = [_extract(capsys, folder, *([locked] if where == "named_folder" else []),
                              "-o", tmp_path / name, *strict)  # fmt: skip
                     for name, strict in (("o.csv", []), ("strict.csv", ["--strict"]))]
    finally:
        unlock(tmp_path)
    for _, err in codes:
        assert err[0] == f"analysis: {locked}: cannot be listed (Permission denied)"
        assert err[1].startswith("analysis: 2 report(s) read, 1 could not be read")
    assert [code for code, _ in codes] == [0, 3]
    assert rows_of(pd.read_csv(tmp_path / "o.csv")) == good_rows


# --- 11. The same report twice; two reports of one name ---


def test_a_report_named_twice_is_read_once(tmp_path, capsys, good_rows):
    folder = good_folder(tmp_path / "in")
    code, err = _extract(capsys, folder, folder / "xihu.txt", tmp_path / "in" / ".." / "in", "-o", tmp_path / "o.csv")
    assert code == 0 and len(err) == 1
    assert sorted(rows_of(pd.read_csv(tmp_path / "o.csv"))) == good_rows


def test_two_reports_of_one_name_are_kept_apart_and_named(tmp_path, capsys):
    for year in ("2021", "2022"):
        good_folder(tmp_path / year)
    code, err = _extract(capsys, tmp_path / "2021", tmp_path / "2022", "-o", tmp_path / "o.csv")
    assert code == 0
    assert err[:-1] == ["analysis: qingyunpu.txt: 2 files have this name; their rows are named 2021/qingyunpu.txt, "
                        "2022/qingyunpu.txt",
                        "analysis: xihu.txt: 2 files have this name; their rows are named 2021/xihu.txt, 2022/xihu.txt"]  # fmt: skip
    table = pd.read_csv(tmp_path / "o.csv")
    counts = table["doc"].value_counts()
    assert sorted(counts.index) == ["2021/qingyunpu.txt", "2021/xihu.txt", "2022/qingyunpu.txt", "2022/xihu.txt"]
    assert counts["2021/xihu.txt"] == counts["2022/xihu.txt"] > 0


def test_a_link_to_a_report_keeps_its_own_name(tmp_path):
    folder = good_folder(tmp_path / "in")
    (folder / "also.txt").symlink_to(folder / "xihu.txt")
    listing = list_reports([folder])
    assert [listing.docs[p] for p in listing.files] == ["also.txt", "qingyunpu.txt", "xihu.txt"]


# --- 16. Control characters in names never break a message ---

CONTROL_NAMES = [
    pytest.param("forged\nanalysis: 0 report(s) read.txt", "forged\\nanalysis: 0 report(s) read.txt", id="newline"),
    pytest.param("red\x1b[31m.txt", "red\\x1b[31m.txt", id="terminal_escape"),
    pytest.param("tab\tcr\r.txt", "tab\\tcr\\r.txt", id="tab_and_carriage_return"),
    pytest.param("rtl\u202etxt.exe.txt", "rtl\\u202etxt.exe.txt", id="right_to_left_override"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "escaped"), CONTROL_NAMES)
def test_control_characters_in_a_name_are_escaped_in_every_message(tmp_path, capsys, good_rows, name, escaped):
    folder = good_folder(tmp_path / "in")
    (folder / name).write_text("今年地区生产总值增长9%左右。\n", encoding="utf-8")  # no region, no year
    code, err = _extract(capsys, folder, "-o", tmp_path / "o.csv", "--summary")
    assert code == 0
    assert err[:-1] == [f"analysis: {folder}/{escaped}: no region or report year found in the text; give it in a "
                        "manifest (--manifest) with a 'file' column"]  # fmt: skip
    assert rows_of(pd.read_csv(tmp_path / "o.csv")) == good_rows


def test_shown_escapes_controls_and_undecodable_bytes_but_not_chinese():
    assert shown("西湖区\n2022.txt") == "西湖区\\n2022.txt"
    assert shown(os.fsdecode(b"\xce\xf7.txt")) == "\\xce\\xf7.txt"
    assert shown("\x85\u2028\x7f") == "\\x85\\u2028\\x7f"

"""Bytes -> text: encodings, saved web pages, and every kind of bad file."""

from __future__ import annotations

import codecs

import pytest

from analysis.read import ReadError, expand_paths, read_text

SENTENCE = "地区生产总值增长9%左右，城镇居民人均可支配收入增长8%。\n"


@pytest.mark.parametrize(("name", "encode"), [
    ("utf8", lambda s: s.encode("utf-8")),
    ("utf8_bom", lambda s: codecs.BOM_UTF8 + s.encode("utf-8")),
    ("gb18030", lambda s: s.encode("gb18030")),
    ("gbk", lambda s: s.encode("gbk")),
    ("utf16_le_bom", lambda s: s.encode("utf-16")),
    ("utf16_be_bom", lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be")),
])  # fmt: skip
def test_encodings_are_detected(tmp_path, name, encode):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encode(SENTENCE * 3))
    assert read_text(path) == SENTENCE * 3


def test_big5_traditional_text(tmp_path):
    text = "地區生產總值增長4.7%左右，城鎮新增就業91.6萬人。\n" * 4
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_text(path) == text


def test_saved_web_page_is_reduced_to_its_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>t</title><style>p{color:red}</style>"
            "<script>var x = '地区生产总值增长99%';</script></head><body>"
            "<div>政府工作报告</div><p>地区生产总值增长9%左右<br>出口&ldquo;量稳质升&rdquo;</p>"
            "<table><tr><td>地区生产总值</td><td>4.5左右</td></tr></table></body></html>")  # fmt: skip
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_text(path)
    assert "99%" not in text and "color" not in text
    assert "地区生产总值增长9%左右\n出口“量稳质升”" in text
    assert "地区生产总值\n4.5左右" in text  # table cells on their own lines


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "file is empty"),
    (b"  \n\t\n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20, "binary file (contains NUL bytes), not a text report"),
    (bytes(range(128, 256)) * 8, "could not decode: not UTF-8, GB18030, Big5 or UTF-16 text"),
])  # fmt: skip
def test_bad_files_get_one_line_naming_the_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: {reason}"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReadError, match=r"missing.txt: no such file$"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match=r": is a folder, not a report file$"):
        read_text(tmp_path)


def test_folders_expand_to_their_reports_sorted(tmp_path):
    for name in ("b.txt", "a.html", "c.htm", "notes.md", "sub/d.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == [
        "a.html", "b.txt", "c.htm", "sub/d.txt"]

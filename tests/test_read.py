"""Bytes -> text: the encodings reports arrive in, saved web pages, and every kind of bad file."""

from __future__ import annotations

import codecs

import pytest

from analysis.reading.document import extract_file
from analysis.reading.files import ReadError, expand_paths, read_text

from .conftest import SEEDS

# One sentence of a plan report, as the user's file would hold it.
SENTENCE = "预计地区生产总值增长9%左右，城镇居民人均可支配收入增长8%。\n"
TRADITIONAL = "預計地區生產總值增長4.7%左右，城鎮新增就業1.6萬人。\n"


# --- Encodings: the same sentence, every way a government website saves it ---

ENCODINGS = [
    pytest.param(SENTENCE, lambda s: s.encode("utf-8"), id="utf8"),
    pytest.param(SENTENCE, lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), id="utf8_bom"),
    pytest.param(SENTENCE, lambda s: s.encode("gb18030"), id="gb18030"),
    pytest.param(SENTENCE, lambda s: s.encode("gbk"), id="gbk"),
    pytest.param(SENTENCE, lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), id="utf16_le_bom"),
    pytest.param(SENTENCE, lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), id="utf16_be_bom"),
    pytest.param(TRADITIONAL, lambda s: s.encode("big5"), id="big5_traditional"),
    pytest.param(TRADITIONAL, lambda s: s.encode("gb18030"), id="gb18030_traditional"),
]


@pytest.mark.parametrize(("sentence", "encode"), ENCODINGS)
def test_one_sentence_reads_back_in_every_encoding(tmp_path, sentence, encode):
    path = tmp_path / "report.txt"
    path.write_bytes(encode(sentence))
    assert read_text(path) == sentence


@pytest.mark.parametrize("line_break", ["\r\n", "\r"], ids=["windows", "old_mac"])
def test_a_report_saved_with_other_line_breaks_gives_the_same_rows(tmp_path, line_break):
    """A file saved on Windows reads like the same file saved on Linux: same text, same rows, same offsets."""
    seed = SEEDS / "ganxian_2021_plan_report.txt"  # review, plan and an appendix table
    copy = tmp_path / seed.name
    copy.write_bytes(seed.read_text(encoding="utf-8").replace("\n", line_break).encode("gb18030"))
    assert read_text(copy) == read_text(seed)
    known = {"region": "赣县区", "report_year": 2021}
    assert extract_file(copy, known).rows == extract_file(seed, known).rows


@pytest.mark.parametrize(("sentence", "encode"), ENCODINGS)
def test_a_whole_page_reads_back_in_every_encoding(tmp_path, sentence, encode):
    heading = "政府工作報告\n" if sentence is TRADITIONAL else "政府工作报告\n"
    text = heading + sentence * 20
    path = tmp_path / "report.txt"
    path.write_bytes(encode(text))
    assert read_text(path) == text


# --- Saved web pages: visible text only ---

HEAD = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>南昌县人民政府</title>"
        "<style>p { color: red }</style><script>var gdp = '增长99%';</script></head>")  # fmt: skip

PAGES = [
    pytest.param(
        HEAD + "<body><div>政府工作报告</div><p>地区生产总值增长9%左右<br>出口&ldquo;量稳质升&rdquo;</p></body></html>",
        ["政府工作报告", "地区生产总值增长9%左右", "出口“量稳质升”"],
        id="script_style_br_and_quotes"),
    pytest.param(
        "<html><body><table><tr><td>地区生产总值</td><td>4.5左右</td></tr></table></body></html>",
        ["地区生产总值", "4.5左右"],
        id="table_cells_on_their_own_lines"),
    pytest.param(
        "<html><body><p>一般公共预算收入&nbsp;12.3亿元&amp;增长5%</p><noscript>请启用脚本</noscript>"
        "<!-- 旧稿: 增长1% --></body></html>",
        ["一般公共预算收入\xa012.3亿元&增长5%"],
        id="entities_comments_noscript"),
    pytest.param(
        "<p>地区生产总值<span>增长</span><b>9%</b></p>\n<p>第二段</p>",
        ["地区生产总值增长9%", "第二段"],
        id="inline_tags_stay_in_the_line"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "lines"), PAGES)
def test_saved_web_page_is_reduced_to_its_visible_text(tmp_path, page, lines):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = read_text(path)
    assert [line for line in text.splitlines() if line.strip()] == lines
    assert "<" not in text and "99%" not in text and "color" not in text and "南昌县人民政府" not in text


def test_paragraphs_of_a_page_are_lines_as_in_a_text_file(tmp_path):
    """The breaks that lay out the page's source are not the text's: an infographic's indicator and
    its value, each a paragraph, read as in a text file, and so give their row."""
    path = tmp_path / "page.html"
    path.write_text("<html><body>\n  <p>瑞金市政府工作报告</p>\n  <p>2022年成绩单</p>\n  <p>全年GDP</p>\n"
                    "  <p>增长5.3%左右</p>\n</body></html>", encoding="utf-8")  # fmt: skip
    assert read_text(path) == "瑞金市政府工作报告\n2022年成绩单\n全年GDP\n增长5.3%左右\n"
    rows = extract_file(path, {"region": "瑞金市", "report_year": 2023}).rows
    assert [(r["indicator"], r["period"], r["value"], r["qualifier"]) for r in rows] == [("gdp", 2022, 5.3, "about")]


def test_a_page_saved_as_txt_is_still_a_page(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(HEAD + "<body><div>政府工作报告</div></body></html>", encoding="utf-8")
    assert read_text(path) == "政府工作报告\n"


def test_a_gb18030_page_reads_back(tmp_path):
    path = tmp_path / "page.htm"
    page = ('<html><head><meta charset="gb2312"></head><body><p>地区生产总值增长7.5%以上；</p>'
            "<p>一般公共预算收入增长5%左右。</p></body></html>")  # fmt: skip
    path.write_bytes(page.encode("gb18030"))
    assert read_text(path) == "地区生产总值增长7.5%以上；\n一般公共预算收入增长5%左右。\n"


def test_angle_brackets_in_plain_text_are_not_markup(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("城镇调查失业率<5.5%，地区生产总值>390亿元", encoding="utf-8")
    assert read_text(path) == "城镇调查失业率<5.5%，地区生产总值>390亿元"


# --- Bad input: one line naming the file and the reason ---

BAD_FILES = [
    pytest.param("empty.txt", b"", "file is empty", id="empty"),
    pytest.param("blank.txt", b"  \r\n\t\n", "file is empty", id="whitespace_only"),
    pytest.param("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20,
                 "binary file (contains NUL bytes), not a text report", id="png_header_and_nuls"),
    pytest.param("garbled.txt", bytes(range(128, 256)) * 8,
                 "could not decode: not UTF-8, GB18030, Big5 or UTF-16 text", id="undecodable"),
    pytest.param("blank.html", HEAD.encode() + b"<body><script>x = 1</script> </body></html>",
                 "no text left after removing the page's markup", id="page_of_markup_only"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_is_one_line_naming_the_file_and_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: {reason}"
    assert (error.value.path, error.value.reason) == (str(path), reason)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError) as error:
        read_text(tmp_path / "missing.txt")
    assert str(error.value) == f"{tmp_path / 'missing.txt'}: no such file"


def test_folder_given_as_a_file(tmp_path):
    with pytest.raises(ReadError) as error:
        read_text(tmp_path)
    assert str(error.value) == f"{tmp_path}: is a folder, not a report file"


@pytest.mark.parametrize("content", [
    pytest.param(codecs.BOM_UTF8, id="utf8_bom_only"),  # what Notepad saves for an empty document
    pytest.param(codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), id="utf16_spaces"),
    pytest.param("\u3000\u3000\n".encode(), id="ideographic_spaces"),
])  # fmt: skip
def test_a_file_of_a_bom_or_spaces_is_empty(tmp_path, content):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: file is empty"


# --- Folders ---


def test_folders_expand_to_their_reports_sorted(tmp_path):
    for name in ("b.txt", "a.html", "c.htm", "D.TXT", "notes.md", "manifest.csv", "sub/e.txt", "sub/f.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])] == [
        "D.TXT", "a.html", "b.txt", "c.htm", "sub/e.txt", "sub/f.pdf"]  # fmt: skip


def test_files_named_directly_are_kept_as_given(tmp_path):
    # A file the user names is read (or reported) even if missing or oddly named.
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("x", encoding="utf-8")
    named = [tmp_path / "z.md", tmp_path / "folder", tmp_path / "missing.txt"]
    assert expand_paths(named) == [tmp_path / "z.md", tmp_path / "folder" / "a.txt", tmp_path / "missing.txt"]

"""PDF and Word files read like .txt: the same text gives the same rows, each PDF figure knows its
page, and files that cannot be read (scans, passwords, legacy .doc) get one line naming the reason."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.reading.document import extract_file
from analysis.reading.files import ReadError, expand_paths, read_source, read_text

from .documents import write_docx, write_pdf, write_scanned_pdf

# One report of 青云谱区 over three pages: the review on pages 1 and 2, the plan on page 3.
PAGES = [
    ["政府工作报告", "——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上", "一、2021年工作总结",
     "地区生产总值增长9%左右，城镇居民人均可支配收入增长8.5%。"],
    ["一般公共预算收入12.3亿元，增长5%。"],
    ["二、2022年主要工作安排", "地区生产总值增长7.5%以上，社会消费品零售总额增长10%左右。"],
]  # fmt: skip
LINES = [line for page in PAGES for line in page]
TEXT = "".join(line + "\n" for line in LINES)
FIGURE_PAGES = {("gdp", 2021): 1, ("urban_income", 2021): 1, ("general_budget_revenue", 2021): 2,
                ("gdp", 2022): 3, ("retail_sales", 2022): 3}  # fmt: skip


def _same_rows(table: pd.DataFrame, txt: pd.DataFrame) -> None:
    """The rows of a PDF or Word file are those of the .txt, but for the file name, the page and the
    row ids (made of the file name)."""
    assert len(table) == len(txt) >= 6
    other = ["doc", "page", "row_id"]
    pd.testing.assert_frame_equal(table.drop(columns=other), txt.drop(columns=other))


@pytest.fixture(scope="module")
def txt_rows(tmp_path_factory):
    path = tmp_path_factory.mktemp("txt") / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return extract_file(path).table


def test_a_pdf_reads_to_the_rows_of_the_same_text(tmp_path, txt_rows):
    path = write_pdf(tmp_path / "report.pdf", PAGES)
    assert read_text(path) == TEXT  # a line of text per line, offsets into this text
    table = extract_file(path).table
    _same_rows(table, txt_rows)
    assert set(table["doc"]) == {"report.pdf"}
    pages = {(row.indicator, row.period): row.page for row in table.itertuples()}
    assert pages == FIGURE_PAGES
    assert txt_rows["page"].isna().all()


def test_a_docx_reads_to_the_rows_of_the_same_text(tmp_path, txt_rows):
    path = write_docx(tmp_path / "report.docx", LINES)
    assert read_text(path) == TEXT
    table = extract_file(path).table
    _same_rows(table, txt_rows)
    assert table["page"].isna().all()  # a Word file has no fixed pages: its layout is Word's


def test_page_numbers_count_blank_pages(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", [PAGES[0], [], [], *PAGES[1:]])
    source = read_source(path)
    assert len(source.page_starts) == 5
    table = extract_file(path).table
    shifted = {key: page + 2 if page > 1 else page for key, page in FIGURE_PAGES.items()}
    assert {(row.indicator, row.period): row.page for row in table.itertuples()} == shifted
    for row in table.itertuples():  # the evidence stands on its page
        start, end = source.page_starts[row.page - 1], (source.page_starts + (len(source.text),))[row.page]
        assert start <= row.char_start < row.char_end <= end


# Sentences without figures, so that the paragraphs fill whole lines, as in a real report.
REVIEW_FILLER = "一年来，我们坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，全区经济运行稳中有进、稳中向好。"
PLAN_FILLER = "我们将坚持稳中求进工作总基调，统筹发展和安全，推动经济社会高质量发展，确保各项工作落到实处。"


def test_lines_wrapped_by_the_page_read_as_their_sentences(tmp_path, txt_rows):
    # A PDF breaks every line of a paragraph at the page's width, inside words (一般公共⏎预算收入)
    # and numbers; the normaliser joins such lines again.
    review = REVIEW_FILLER + "".join(PAGES[0][3:] + PAGES[1]) + REVIEW_FILLER
    plan = PLAN_FILLER + PAGES[2][1] + PLAN_FILLER
    path = write_pdf(tmp_path / "report.pdf", [[*PAGES[0][:3], review], [PAGES[2][0], plan]], width=100)
    assert "一般公共\n预算收入" in read_text(path)
    columns = ["indicator", "period", "kind", "measure", "value", "unit", "qualifier"]
    table = extract_file(path).table
    assert table[columns].values.tolist() == txt_rows[columns].values.tolist()
    assert table["page"].tolist() == [1, 1, 1, 1, 2, 2]


def test_word_tables_give_each_cell_a_line_once(tmp_path):
    # As a saved web page gives a table: merged cells once, empty cells left out.
    table = [["指标名称", "单位", "2022年目标"], ["地区生产总值", "亿元", "420左右"], ["", "%", "7.5以上"],
             ["城镇调查失业率", "", "5.5以内"]]  # fmt: skip
    path = write_docx(tmp_path / "r.docx", ["附件"], table, merge=((1, 0), (2, 0)))
    assert read_text(path).splitlines() == ["附件", "指标名称", "单位", "2022年目标", "地区生产总值", "亿元",
                                            "420左右", "%", "7.5以上", "城镇调查失业率", "5.5以内"]  # fmt: skip


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path, txt_rows):
    # Government PDFs often forbid copying or printing; that does not stop reading the text.
    path = write_pdf(tmp_path / "report.pdf", PAGES, owner_password="owner")
    _same_rows(extract_file(path).table, txt_rows)


def test_a_pdf_saved_as_txt_is_still_a_pdf(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", PAGES).rename(tmp_path / "report.txt")
    assert read_text(path) == TEXT


# --- Files that are not read: one line naming the file and the reason ---


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
EMPTY_BODY = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              "<w:body><w:p/></w:body></w:document>")  # fmt: skip

REFUSED = [
    pytest.param("scan.pdf", write_scanned_pdf, "no text layer: a scanned document (OCR it first)", id="scanned_pdf"),
    pytest.param("locked.pdf", lambda p: write_pdf(p, PAGES, owner_password="o", user_password="u"),
                 "encrypted PDF: it needs a password to open", id="encrypted_pdf"),
    pytest.param("old.doc", OLE + "WordDocument".encode("utf-16-le"),
                 "legacy Word .doc: save it as .docx or .pdf", id="legacy_doc"),
    pytest.param("locked.docx", OLE + "EncryptedPackage".encode("utf-16-le"),
                 "encrypted Word file: save a copy without a password as .docx or .pdf", id="encrypted_docx"),
    pytest.param("report.rtf.doc", b"{\\rtf1\\ansi report}", "RTF file: save it as .docx or .pdf", id="rtf"),
    pytest.param("download.pdf", b"<html><body>404 Not Found</body></html>",
                 "not a PDF file (no %PDF header)", id="web_page_named_pdf"),
    pytest.param("broken.pdf", b"%PDF-1.7\n garbage", "not a readable PDF (data format error)", id="broken_pdf"),
    pytest.param("broken.docx", b"not a zip", "not a Word .docx file (not a zip archive)", id="docx_not_zip"),
    pytest.param("other.docx", _zip({"readme.txt": "x"}), "not a Word .docx file (no word/document.xml)",
                 id="zip_without_document"),
    pytest.param("blank.docx", _zip({"word/document.xml": EMPTY_BODY}), "no text in the Word file", id="empty_docx"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED)
def test_a_file_that_cannot_be_read_is_one_line_naming_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ReadError) as error:
        read_text(path)
    assert str(error.value) == f"{path}: {reason}"


def test_a_folder_names_each_file_it_cannot_read_and_reads_the_others(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    write_pdf(folder / "report.pdf", PAGES)
    write_docx(folder / "report.docx", LINES)
    write_scanned_pdf(folder / "scan.pdf")
    (folder / "old.doc").write_bytes(OLE)
    (folder / "~$report.docx").write_bytes(b"\x04owner")  # Word's lock file beside an open document
    out = tmp_path / "o.csv"
    assert main(["extract", str(folder), "-o", str(out), "--no-progress", "--jobs", "1", "--strict"]) == 3
    *refused, summary = capsys.readouterr().err.splitlines()
    assert refused == [f"analysis: {folder / 'old.doc'}: legacy Word .doc: save it as .docx or .pdf",
                       f"analysis: {folder / 'scan.pdf'}: no text layer: a scanned document (OCR it first)"]  # fmt: skip
    assert summary.startswith("analysis: 2 report(s) read, 2 could not be read, 12 rows")
    table = pd.read_csv(out)
    assert table.groupby("doc")["page"].apply(lambda p: p.isna().all()).to_dict() == {
        "report.docx": True, "report.pdf": False}  # fmt: skip


def test_a_web_page_saved_as_doc_is_read_as_the_page(tmp_path):
    path = tmp_path / "report.doc"
    path.write_text("<html><body><p>政府工作报告</p><p>地区生产总值增长9%。</p></body></html>", encoding="utf-8")
    assert read_text(path).split() == ["政府工作报告", "地区生产总值增长9%。"]


def test_folders_hold_pdf_and_word_files_but_not_words_lock_files(tmp_path):
    for name in ("a.pdf", "b.DOCX", "c.doc", "~$b.docx", "d.xlsx", "e.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.pdf", "b.DOCX", "c.doc", "e.txt"]


# --- Word's markup: the text as Word shows it ---

NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:v="urn:schemas-microsoft-com:vml"')
BOX = "<w:txbxContent><w:p><w:r><w:t>框中</w:t></w:r></w:p></w:txbxContent>"
MARKUP = [
    pytest.param("<w:p><w:r><w:t>地区</w:t></w:r><w:hyperlink><w:r><w:t>生产总值</w:t></w:r></w:hyperlink></w:p>",
                 ["地区生产总值"], id="hyperlink"),
    pytest.param("<w:p><w:ins><w:r><w:t>增长</w:t></w:r></w:ins><w:del><w:r><w:delText>下降</w:delText></w:r></w:del>"
                 "<w:r><w:t>9%</w:t></w:r></w:p>", ["增长9%"], id="tracked_changes_as_accepted"),
    pytest.param('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
                 "<w:r><w:t>一</w:t><w:tab/><w:t>二</w:t></w:r></w:p>", ["一\t二"], id="tab_stops_are_not_tabs"),
    pytest.param("<w:p><w:r><w:t>地区生产总值</w:t><w:br/><w:t>增长9%</w:t></w:r></w:p>", ["地区生产总值", "增长9%"],
                 id="line_break"),
    pytest.param("<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>",
                 ["目录"], id="content_control"),
    pytest.param("<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>", ["3"],
                 id="field_code_is_not_text"),
    pytest.param("<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                 f"<wps:txbx>{BOX}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{BOX}"
                 "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>", ["正文", "框中"],
                 id="text_box_once"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "lines"), MARKUP)
def test_word_markup_gives_the_text_as_shown(tmp_path, body, lines):
    path = tmp_path / "r.docx"
    path.write_bytes(_zip({"word/document.xml": f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"}))
    assert read_text(path).splitlines() == lines

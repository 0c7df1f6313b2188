"""Bytes -> text: detect the encoding, reduce saved web pages, PDF and Word files to their text.

The only module that opens reports. Every failure is a `ReadError` whose
message is one line naming the file and the reason.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

# .doc is listed so that a folder's legacy Word files are named with the reason they are not read.
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc")

# Encodings these reports arrive in; the detector is asked to choose among them
# first, so that short GB18030 files are not read as some Cyrillic code page.
CHINESE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<meta|<body|<div|<p[ >])", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section")


class ReadError(Exception):
    """A report that could not be read; str() is one line naming the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode report bytes: BOMs first, then strict UTF-8, then a detector.

    >>> decode("地区生产总值增长9%".encode("gb18030"))
    '地区生产总值增长9%'
    >>> decode(codecs.BOM_UTF8 + "增长".encode("utf-8"))
    '增长'
    """
    if not data.strip():
        raise ReadError(path, "file is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        # UTF-16 without a BOM is the only text with NUL bytes; anything else is binary.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text) and _mostly_chinese_or_ascii(text):
                return text
        raise ReadError(path, "binary file (contains NUL bytes), not a text report")
    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best() or from_bytes(data).best()
    if best is None or not _mostly_text(str(best)):
        raise ReadError(path, "could not decode: not UTF-8, GB18030, Big5 or UTF-16 text")
    return str(best)


def _mostly_chinese_or_ascii(text: str) -> bool:
    usual = sum(1 for ch in text if ch.isascii() or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return usual / max(1, len(text)) > 0.9


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd")
    return bad / len(text) < 0.01


def html_to_text(html: str) -> str:
    """The visible text of a saved web page, one block element per line."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
    text = soup.get_text()
    return re.sub(r"\n\s*\n+", "\n\n", text).strip() + "\n"


# --- PDF and Word files ---

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of legacy Office files
# Characters PDFium puts where a glyph has no text (hyphenation marks, unmapped glyphs).
_PDF_NO_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SOME_TEXT = re.compile(r"[\u3400-\u9fffA-Za-z]{2}")  # page numbers alone are not a text layer
_DOCX_XML_LIMIT = 200_000_000  # bytes of document.xml unpacked: larger is a zip bomb, not a report


def file_format(path: Path, data: bytes) -> str:
    """'.pdf', '.docx', '.doc' (legacy or encrypted Office) or '.txt' (text or a saved web page).

    The content decides where it is unambiguous (a PDF saved as .txt is a PDF), the suffix otherwise.
    """
    suffix = path.suffix.lower()
    if data.startswith(_OLE):
        return ".doc"
    if data.startswith(b"{\\rtf"):
        raise ReadError(path, "RTF file: save it as .docx or .pdf")
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return ".pdf"
    if suffix == ".pdf":
        raise ReadError(path, "not a PDF file (no %PDF header)")
    if suffix == ".docx":
        return ".docx"
    if suffix == ".doc" and data.strip() and not _HTML_START.match(data[:512]):
        return ".doc"  # a web page saved as .doc is read as the page it is
    return ".txt"


def ole_reason(data: bytes) -> str:
    """Why a legacy Office file (an OLE compound file) is not read."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted Word file: save a copy without a password as .docx or .pdf"
    return "legacy Word .doc: save it as .docx or .pdf"


def pdf_source(data: bytes, path: str | Path = "<bytes>") -> Source:
    """The text layer of a PDF, page after page, one line of text per line, with each page's start."""
    import pypdfium2 as pdfium  # PDFium loads only when a PDF is read

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ReadError(path, "encrypted PDF: it needs a password to open") from None
        detail = re.search(r"\(PDFium: ([^)]*)\)", str(error))
        raise ReadError(path, f"not a readable PDF ({detail.group(1).lower() if detail else error})") from None
    pages, starts, length = [], [], 0
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
            text = _PDF_NO_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n") + "\n"
            starts.append(length)
            pages.append(text)
            length += len(text)
    finally:
        document.close()
    text = "".join(pages)
    if not _SOME_TEXT.search(text):
        raise ReadError(path, "no text layer: a scanned document (OCR it first)")
    return Source(text, tuple(starts))


def docx_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text of a Word .docx: one line per paragraph, each table cell on its own line.

    Tables come out as saved web pages give them (and appendix_tables.py reads them): a cell that
    continues a merged cell, and an empty cell, are left out. Headers, footers and
    footnotes are not part of the report's text.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(path, "not a Word .docx file (not a zip archive)") from None
    with archive:
        name = _main_part(archive)
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise ReadError(path, f"not a Word .docx file (no {name})") from None
        if info.file_size > _DOCX_XML_LIMIT:
            raise ReadError(path, f"{name} unpacks to {info.file_size // 1_000_000} MB, more than a report")
        try:
            root = ElementTree.fromstring(archive.read(info))
        except (ElementTree.ParseError, zipfile.BadZipFile, EOFError) as error:
            raise ReadError(path, f"not a readable Word .docx file ({error})") from None
    lines: list[str] = []
    _docx_blocks(root, lines)
    text = "\n".join(lines) + "\n"
    if not text.strip():
        raise ReadError(path, "no text in the Word file")
    return text


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml in practice)."""
    try:
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
    except (KeyError, ElementTree.ParseError):
        return "word/document.xml"
    for rel in rels:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


def _local(element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _docx_blocks(element, lines: list[str]) -> None:
    """Paragraphs and tables in reading order (inside content controls too)."""
    for child in element:
        name = _local(child)
        if name == "p":
            runs: list[str] = []
            boxes: list[str] = []
            _docx_runs(child, runs, boxes)
            lines.append("".join(runs))
            lines.extend(boxes)
        elif name == "tbl":
            _docx_table(child, lines)
        elif name in ("body", "sdt", "sdtContent", "customXml", "txbxContent"):
            _docx_blocks(child, lines)


# Paragraph properties hold tab stops (w:tab), deletions and moved-away text are not the text,
# and mc:Fallback repeats a text box the document already has.
_NOT_TEXT = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "Fallback"}


def _docx_runs(element, runs: list[str], boxes: list[str]) -> None:
    for child in element:
        name = _local(child)
        if name == "t":
            runs.append(child.text or "")
        elif name == "tab":
            runs.append("\t")
        elif name in ("br", "cr"):
            runs.append("\n")
        elif name == "noBreakHyphen":
            runs.append("-")
        elif name == "txbxContent":
            _docx_blocks(child, boxes)  # a text box's lines follow its paragraph
        elif name not in _NOT_TEXT:
            _docx_runs(child, runs, boxes)


def _docx_table(table, lines: list[str]) -> None:
    for row in (r for r in table if _local(r) == "tr"):
        for cell in (c for c in row if _local(c) == "tc"):
            if _continues_merge(cell):
                continue
            cell_lines: list[str] = []
            _docx_blocks(cell, cell_lines)
            lines.extend(line for line in cell_lines if line.strip())


def _continues_merge(cell) -> bool:
    """A cell under the first of a vertical merge (w:vMerge without val="restart")."""
    for prop in (p for p in cell if _local(p) == "tcPr"):
        for merge in (m for m in prop if _local(m) == "vMerge"):
            values = [v for k, v in merge.attrib.items() if k.rpartition("}")[2] == "val"]
            return values != ["restart"]
    return False


def is_html(path: str | Path, data: bytes) -> bool:
    return Path(path).suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(data[:512]))


@dataclass(frozen=True)
class Source:
    """The text of one report file, and where each of its pages begins in that text.

    `page_starts` is empty for formats without pages (.txt, .html, .docx)."""

    text: str
    page_starts: tuple[int, ...] = ()

    def page(self, offset: int) -> int | None:
        """The page (1 = the first) holding the character at `offset`; None without pages.

        >>> Source("一页\\n二页\\n", page_starts=(0, 3)).page(4)
        2
        """
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))


def read_text(path: str | Path) -> str:
    """The text of one report file (HTML, PDF and Word files reduced to their text).

    Offsets in the extracted table index this text; for a saved web page, a PDF
    or a Word file they index the text as this function returns it.
    """
    return read_source(path).text


def read_source(path: str | Path) -> Source:
    """The text of one report file, with the offsets where its pages begin (PDF)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a report file") from None
    except OSError as error:
        raise ReadError(path, f"cannot be opened ({error.strerror})") from None
    kind = file_format(path, data)
    if kind == ".pdf":
        return pdf_source(data, path)
    if kind == ".docx":
        return Source(docx_text(data, path))
    if kind == ".doc":
        raise ReadError(path, ole_reason(data))
    return Source(_plain_text(data, path))


def _plain_text(data: bytes, path: Path) -> str:
    text = decode(data, path)
    if not text.strip():
        raise ReadError(path, "file is empty")  # a BOM alone, or only (full-width) spaces
    if is_html(path, data):
        text = html_to_text(text)
    if not text.strip():
        raise ReadError(path, "no text left after removing the page's markup")
    return text


def expand_paths(paths) -> list[Path]:
    """Files named directly, plus the reports inside named folders (by suffix), sorted.

    Word's lock files (~$report.docx, left beside an open document) are not reports."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith("~$")))  # fmt: skip
        else:
            files.append(path)
    return files

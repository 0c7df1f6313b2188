"""Bytes -> text: detect the encoding, reduce saved web pages, PDF and Word files to their text.

The only module that opens reports. Every failure is a `ReadError` whose
message is one line naming the file and the reason.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from charset_normalizer import from_bytes

from .paths import REPORT_SUFFIXES, ReadError, expand_paths, shown  # noqa: F401 (the names files.py has always offered)

# The largest report file read, checked before reading (README, "Limits"): a report is a few MB,
# a PDF with pictures tens; a 4 GB sparse file or a disk image named .txt is not read.
MAX_FILE_BYTES = 100_000_000

# Encodings these reports arrive in; the detector is asked to choose among them
# first, so that short GB18030 files are not read as some Cyrillic code page.
CHINESE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<meta|<body|<div|<p[ >])", re.I)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section"})
_NOT_SHOWN = frozenset({"script", "style", "noscript", "head"})


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
    """The visible text of a saved web page, one block element per line.

    The tree is walked once, left as parsed: inserting a line break before each block tag
    searched its parent's children each time, which made a long table quadratic."""
    soup = BeautifulSoup(html, "html.parser")
    strings = soup.interesting_string_types  # what get_text() keeps: text and CDATA, not comments
    parts: list[str] = []
    todo = [iter(soup.contents)]
    while todo:
        node = next(todo[-1], None)
        if node is None:
            todo.pop()
        elif isinstance(node, Tag):
            if node.name not in _NOT_SHOWN:
                if node.name in _BLOCK_TAGS:
                    parts.append("\n")
                todo.append(iter(node.contents))
        elif type(node) in strings and not (node.isspace() and "\n" in node):
            # (A break between tags lays out the page's source, not its text: kept, it would put a
            # blank line, a paragraph's end, between every two paragraphs, and between an
            # infographic's indicator and its value.)
            parts.append(node)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parts)).strip() + "\n"


# --- PDF and Word files ---

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of legacy Office files
# Characters PDFium puts where a glyph has no text (hyphenation marks, unmapped glyphs).
_PDF_NO_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SOME_TEXT = re.compile(r"[\u3400-\u9fffA-Za-z]{2}")  # page numbers alone are not a text layer


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
            text = _PDF_NO_TEXT.sub("", one_line_break(text)).rstrip("\n") + "\n"
            starts.append(length)
            pages.append(text)
            length += len(text)
    finally:
        document.close()
    text = "".join(pages)
    if not _SOME_TEXT.search(text):
        raise ReadError(path, "no text layer: a scanned document (OCR it first)")
    return Source(text, tuple(starts))


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


def one_line_break(text: str) -> str:
    """The text with its line breaks as \\n: a file saved on Windows (\\r\\n) or an old Mac (\\r)
    reads like any other (a \\r left in would end no line and hide every break the reader looks at)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_source(path: str | Path) -> Source:
    """The text of one report file, with the offsets where its pages begin (PDF)."""
    path = Path(path)
    data = read_bytes(path)
    kind = file_format(path, data)
    if kind == ".pdf":
        return pdf_source(data, path)
    if kind == ".docx":
        from .word import docx_text  # the Word reader loads only when a Word file is read

        return Source(docx_text(data, path))
    if kind == ".doc":
        raise ReadError(path, ole_reason(data))
    return Source(_plain_text(data, path))


_NOT_FILES = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
              stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}  # fmt: skip


def read_bytes(path: str | Path, limit: int | None = None, what: str = "report file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; a ReadError naming it otherwise.

    Only regular files are read: a named pipe waits for a writer forever, a device (a link to
    /dev/zero) never ends. Their kind and size are checked before reading, on the open file
    too (it may change in between), and at most one byte more than the limit is read."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        _check_file(path, os.stat(path), limit, what)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # an open that never waits for a writer
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except OSError as error:
        raise ReadError(path, f"cannot be opened ({error.strerror})") from None
    with open(fd, "rb") as handle:
        size = os.fstat(fd).st_size
        _check_file(path, os.fstat(fd), limit, what)
        try:
            data = handle.read(size + 1)  # a buffer of the file's size, not of the limit
            if len(data) > size:  # it grows while it is read
                data += handle.read(limit + 1 - len(data))
        except OSError as error:
            raise ReadError(path, f"cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise ReadError(path, _too_large(len(data), limit, what))
    return data


def _check_file(path, info: os.stat_result, limit: int, what: str) -> None:
    kind = stat.S_IFMT(info.st_mode)
    if kind != stat.S_IFREG:
        raise ReadError(path, f"is {_NOT_FILES.get(kind, 'not a regular file')}, not a {what}")
    if info.st_size > limit:
        raise ReadError(path, _too_large(info.st_size, limit, what))


def _too_large(size: int, limit: int, what: str) -> str:
    return f"too large: {_megabytes(size)}, more than the {_megabytes(limit)} of the largest {what} read"


def _megabytes(size: int) -> str:
    """4,295 MB (rounded up: a file over the limit never shows as the limit), or bytes below 1 MB."""
    return f"{math.ceil(size / 1e6):,} MB" if size >= 1_000_000 else f"{size:,} bytes"


def _plain_text(data: bytes, path: Path) -> str:
    text = one_line_break(decode(data, path))
    if not text.strip():
        raise ReadError(path, "file is empty")  # a BOM alone, or only (full-width) spaces
    if is_html(path, data):
        text = html_to_text(text)
    if not text.strip():
        raise ReadError(path, "no text left after removing the page's markup")
    return text

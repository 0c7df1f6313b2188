"""Bytes -> text: detect the encoding, reduce saved web pages to their text.

The only module that opens reports. Every failure is a `ReadError` whose
message is one line naming the file and the reason.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

REPORT_SUFFIXES = (".txt", ".html", ".htm")

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


def is_html(path: str | Path, data: bytes) -> bool:
    return Path(path).suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(data[:512]))


def read_text(path: str | Path) -> str:
    """The text of one report file (HTML reduced to its text).

    Offsets in the extracted table index this text; for a saved web page they
    index the page's text as this function returns it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a report file") from None
    except OSError as error:
        raise ReadError(path, f"cannot be opened ({error.strerror})") from None
    text = decode(data, path)
    if not text.strip():
        raise ReadError(path, "file is empty")  # a BOM alone, or only (full-width) spaces
    if is_html(path, data):
        text = html_to_text(text)
    if not text.strip():
        raise ReadError(path, "no text left after removing the page's markup")
    return text


def expand_paths(paths) -> list[Path]:
    """Files named directly, plus the .txt/.html files inside named folders, sorted."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES)
            )
        else:
            files.append(path)
    return files

"""Word .docx files -> their text, in bounded memory whatever the archive says.

A .docx is a zip archive of XML parts. The sizes an archive declares are not trusted (a forged
small size would otherwise inflate a whole part in one read): each part is inflated a chunk at
a time and parsed as it comes, by expat, without building a tree, and a part that unpacks to
more than MAX_WORD_PART_BYTES is refused. Memory stays about that of the text read. A Word file
declares no DTD: one that does is refused, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from .paths import ReadError, shown

MAX_WORD_PART_BYTES = 100_000_000  # bytes of one part unpacked: larger is a zip bomb, not a report (README)
_CHUNK = 1 << 16
_DEFAULT_MAIN = "word/document.xml"


def docx_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """The text of a Word .docx: one line per paragraph, each table cell on its own line.

    Tables come out as saved web pages give them (and appendix_tables.py reads them): a cell that
    continues a merged cell, and an empty cell, are left out. Headers, footers and
    footnotes are not part of the report's text.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise ReadError(path, "not a Word .docx file (not a zip archive)") from None
    with archive:
        names = set(archive.namelist())
        relationships = _Relationships()
        if "_rels/.rels" in names:
            try:
                _parse_part(archive, "_rels/.rels", path, relationships)
            except _Unreadable:
                relationships.main = None  # a package without usable relationships: the usual name
        name = relationships.main or _DEFAULT_MAIN
        if name not in names:
            raise ReadError(path, f"not a Word .docx file (no {shown(name)})")
        text = _WordText()
        try:
            _parse_part(archive, name, path, text)
        except _Unreadable as error:
            raise ReadError(path, f"not a readable Word .docx file ({error})") from None
    result = "\n".join(text.lines) + "\n"
    if not result.strip():
        raise ReadError(path, "no text in the Word file")
    return result


class _Unreadable(Exception):
    """A part that is not well-formed XML, or whose compressed data is broken."""


def _parse_part(archive: zipfile.ZipFile, name: str, path, handler) -> None:
    """Feed one part to `handler` (start, end, chars) a chunk at a time, at most
    MAX_WORD_PART_BYTES unpacked."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.chars
    parser.StartDoctypeDeclHandler = _no_doctype
    unpacked = 0
    try:
        with archive.open(name) as part:
            while chunk := part.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_WORD_PART_BYTES:
                    raise ReadError(path, f"{shown(name)} unpacks to more than {MAX_WORD_PART_BYTES // 1_000_000} MB: "
                                          "too large for a report")  # fmt: skip
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise _Unreadable(str(error)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        raise _Unreadable(str(error) or type(error).__name__) from None  # broken, encrypted or exotic data


def _no_doctype(*_) -> None:
    raise _Unreadable("it declares a DTD, which Word files never do")


def _local(name: str) -> str:
    return name.rpartition("}")[2]


class _Relationships:
    """The package's relationships (_rels/.rels): the main document part they name."""

    def __init__(self):
        self.main: str | None = None
        self.depth = 0

    def start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        if self.depth == 2 and self.main is None and attrs.get("Type", "").endswith("/officeDocument"):
            self.main = attrs.get("Target", "").lstrip("/")

    def end(self, name: str) -> None:
        self.depth -= 1

    def chars(self, data: str) -> None:
        pass


# Containers whose children are paragraphs and tables (content controls, custom XML, text boxes).
_BLOCKS = {"body", "sdt", "sdtContent", "customXml", "txbxContent"}
# Paragraph properties hold tab stops (w:tab), deletions and moved-away text are not the text,
# and mc:Fallback repeats a text box the document already has.
_NOT_TEXT = {"pPr", "rPr", "del", "moveFrom", "instrText", "delText", "Fallback"}
_MARKS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class _Paragraph:
    def __init__(self, lines: list[str]):
        self.lines = lines  # where its line goes: the document's, a cell's or a text box's
        self.runs: list[str] = []
        self.boxes: list[str] = []  # the lines of its text boxes, which follow its own


class _Cell:
    def __init__(self, lines: list[str]):
        self.lines = lines  # the document's (or an outer cell's) lines
        self.own: list[str] = []
        self.continues: bool | None = None  # under the first cell of a vertical merge


class _WordText:
    """The lines of a main part, built as expat reports its elements.

    One frame per open element says what its children are: blocks (paragraphs and tables),
    runs of a paragraph, a w:t's text, a table, a row, a cell, a cell's properties, or nothing
    the text needs (skipped). Only open elements are held, never the tree."""

    def __init__(self):
        self.lines: list[str] = []
        self.stack: list[tuple[str, object]] = [("document", self.lines)]

    def start(self, name: str, attrs: dict) -> None:
        mode, frame = self.stack[-1]
        self.stack.append(self._child(mode, frame, _local(name), attrs))

    def _child(self, mode: str, frame, name: str, attrs: dict) -> tuple[str, object]:
        if mode == "document":
            return "blocks", frame  # the root's children are the document's blocks
        if mode == "cell" and name == "tcPr":
            return "cell_properties", frame
        if mode in ("blocks", "cell"):
            lines = frame.own if mode == "cell" else frame
            if name == "p":
                return "runs", _Paragraph(lines)
            if name == "tbl":
                return "table", lines
            return ("blocks", lines) if name in _BLOCKS else ("skip", None)
        if mode == "runs":
            if name == "t":
                return "text", (frame, [])
            if name in _MARKS:
                frame.runs.append(_MARKS[name])
                return "skip", None
            if name == "txbxContent":
                return "blocks", frame.boxes  # a text box's lines follow its paragraph
            return ("skip", None) if name in _NOT_TEXT else ("runs", frame)
        if mode == "table" and name == "tr":
            return "row", frame
        if mode == "row" and name == "tc":
            return "cell", _Cell(frame)
        if mode == "cell_properties" and name == "vMerge" and frame.continues is None:
            frame.continues = [v for k, v in attrs.items() if _local(k) == "val"] != ["restart"]
        if mode == "text":
            self.stack[-1] = ("skip", None)  # w:t's text is what comes before any child element
            frame[0].runs.append("".join(frame[1]))
        return "skip", None

    def end(self, name: str) -> None:
        mode, frame = self.stack.pop()
        if mode == "text":
            frame[0].runs.append("".join(frame[1]))
        elif mode == "runs" and self.stack[-1][1] is not frame:  # the paragraph's own element ends
            frame.lines.append("".join(frame.runs))
            frame.lines.extend(frame.boxes)
        elif mode == "cell" and not frame.continues:
            frame.lines.extend(line for line in frame.own if line.strip())

    def chars(self, data: str) -> None:
        mode, frame = self.stack[-1]
        if mode == "text":
            frame[1].append(data)

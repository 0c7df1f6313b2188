"""Hostile input the tests build themselves: names that are not UTF-8, pipes, links to devices,
sparse files, forged and inflating Word files, and a way to make permission bits count when
the tests run as root."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from .conftest import ROOT, as_report

# Two small reports of 2022 in the words of the tests: each yields its own rows.
GOOD = {"qingyunpu.txt": as_report("地区生产总值增长9%左右，一般公共预算收入增长5%。"),
        "xihu.txt": as_report("地区生产总值增长8.5%，社会消费品零售总额增长10%。", region="西湖区")}  # fmt: skip
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def good_folder(folder: Path) -> Path:
    """A folder holding the GOOD reports."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def rows_of(table: pd.DataFrame, docs=tuple(GOOD)) -> list[tuple]:
    """The rows of some documents, in a form two runs can be compared in."""
    columns = ["doc", "region", "indicator", "period", "kind", "measure", "value", "char_start"]
    return sorted(map(tuple, table.loc[table["doc"].isin(docs), columns].astype(str).values.tolist()))


def named(folder: Path, raw: bytes) -> Path:
    """The path of a file in `folder` whose name is these bytes (GBK, say), as Python names it."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on the disk (a hole)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def run_command(*argv, timeout: float = 60, **options) -> subprocess.CompletedProcess:
    """`python -m analysis ARGV` in a fresh process, which `timeout` stops if it hangs."""
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, argv)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, **options)  # fmt: skip


def docx_bytes(parts: dict[str, bytes | str], declared: dict[str, int] | None = None) -> bytes:
    """A zip archive of `parts`; `declared` forges the unpacked size an entry claims."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    data = bytearray(buffer.getvalue())
    for name, size in (declared or {}).items():
        _forge_size(data, name.encode(), size)
    return bytes(data)


def _forge_size(data: bytearray, name: bytes, size: int) -> None:
    """Write `size` as the unpacked size of entry `name` in its local header and in the
    central directory (the offsets of the size, the name's length and the name in each record,
    per the zip format)."""
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + length_at)[0]
            if bytes(data[at + name_at : at + name_at + length]) == name:
                struct.pack_into("<I", data, at + size_at, size)
            at = data.find(signature, at + 4)


def inflating_docx(path: Path, part: str, megabytes: int, main_first: bool = True) -> Path:
    """A small .docx whose `part` (_rels/.rels or word/document.xml) unpacks to `megabytes` MB
    of well-formed XML (padding inside its root element), written a MB at a time."""
    rels = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIP}" Target="word/document.xml"/>')  # fmt: skip
    document = f'<w:document xmlns:w="{WORD}"><w:body><w:p><w:r><w:t>地区生产总值增长9%</w:t></w:r></w:p>'
    heads = {"_rels/.rels": (rels, "</Relationships>"), "word/document.xml": (document, "</w:body></w:document>")}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (head, tail) in heads.items():
            with archive.open(name, "w", force_zip64=True) as handle:
                handle.write(head.encode())
                for _ in range(megabytes if name == part else 0):
                    handle.write(b" " * 1_000_000)
                handle.write(tail.encode())
    return path


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


_CAPABILITY_VERSION_3 = 0x20080522
_DAC_OVERRIDE, _DAC_READ_SEARCH = 1, 2  # what lets root read, write and list anything


@contextlib.contextmanager
def permission_bits_apply():
    """Inside, file permission bits stop this process as they stop any user. Run as root, the
    tests would otherwise list a folder of mode 000 and write into one of mode 555: root's two
    capabilities that bypass the bits are taken from this thread's effective set for the
    duration (they stay permitted, and come back after). Skipped where that is not possible."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        pytest.skip("run as root, and the capabilities that bypass permission bits cannot be read")
    saved = [(d.effective, d.permitted, d.inheritable) for d in data]
    data[0].effective &= ~((1 << _DAC_OVERRIDE) | (1 << _DAC_READ_SEARCH))
    if libc.capset(ctypes.byref(header), data) != 0:
        pytest.skip("run as root, which permission bits do not stop, and its capabilities cannot be lowered")
    try:
        yield
    finally:
        for entry, values in zip(data, saved):
            entry.effective, entry.permitted, entry.inheritable = values
        libc.capset(ctypes.byref(header), data)


def unlock(folder: Path) -> None:
    """Give back the permissions of `folder` and of every folder under it (so it can be removed)."""
    os.chmod(folder, 0o755)
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            unlock(Path(entry.path))

"""Which files a run reads, and the names messages and the table give them.

Paths come from command lines and from folders unzipped from other systems: a name may hold
bytes that are not UTF-8 (GBK names from archives made on Chinese Windows), a newline or a
terminal escape; a folder may refuse to be listed; one report may be named twice (a folder and
a file inside it), and two reports may share a name in two folders. Every message names a path
through `shown`, so a name can neither break a message in two nor forge a line of a log.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# .doc is listed so that a folder's legacy Word files are named with the reason they are not read.
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc")

# What a terminal or a log would act on: C0 and C1 controls, DEL, line and paragraph separators,
# the marks that reorder text (bidi overrides), and the bytes of a name that is not UTF-8
# (Python keeps them as lone surrogates, U+DC80-U+DCFF).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")



class ReadError(Exception):
    """A report that could not be read; str() is one line naming the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{shown(self.path)}: {reason}")

def shown(text: str | os.PathLike) -> str:
    """A path, name or value as it goes into a one-line message: control characters escaped
    (a newline as \\n, an escape as \\x1b), each byte that is not UTF-8 as \\xNN.

    >>> shown("report\\n2022.txt")
    'report\\\\n2022.txt'
    >>> shown(os.fsdecode(b"\\xce\\xf7\\xba\\xfe.txt"))
    '\\\\xce\\\\xf7\\\\xba\\\\xfe.txt'
    """
    return _UNPRINTABLE.sub(_escaped, os.fspath(text) if isinstance(text, os.PathLike) else str(text))


def _escaped(match: re.Match) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def decoded_name(path: str | os.PathLike) -> str:
    """A file's name as text: as it is when it is UTF-8; else its bytes read as GB18030 (the
    names of archives made on Chinese Windows), and failing that with U+FFFD for each byte that
    cannot be read.

    >>> decoded_name(os.fsdecode(b"reports/\\xce\\xf7\\xba\\xfe\\xc7\\xf8.txt"))
    '西湖区.txt'
    """
    name = Path(path).name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


@dataclass
class Listing:
    """The files a run reads, each once and in order, with the document name of each.

    `problems` are folders that could not be listed (one line each, counted as failures);
    `notices` are names the table gives otherwise than the file system does (one line each)."""

    files: list[Path] = field(default_factory=list)
    docs: dict[Path, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def list_reports(paths) -> Listing:
    """Files named directly (whatever their suffix, even missing: they are then named with the
    reason), plus the reports inside named folders and their subfolders, sorted; each path once
    (a folder and a file inside it). A folder without reports is named in a notice.

    Word's lock files (~$report.docx, left beside an open document) are not reports. Links to
    folders inside a folder are not followed (a link loop cannot make the run endless)."""
    listing, seen = Listing(), set()
    for name in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        path = Path(name)
        # os.path.isdir, not Path.is_dir: a path whose folder cannot be entered is not a folder
        # here but a file, named with the reason when it is read.
        if os.path.isdir(path):
            problems = len(listing.problems)
            found = _folder_reports(path, listing.problems)
            if not found and len(listing.problems) == problems:
                listing.notices.append(f"{shown(path)}: no report files in it ({', '.join(REPORT_SUFFIXES[:-1])})")
        else:
            found = [path]
        for file in found:
            key = os.path.abspath(file)  # not realpath: a link keeps its own name, as the user sees it
            if key not in seen:
                seen.add(key)
                listing.files.append(file)
    listing.docs = _document_names(listing.files, listing.notices)
    return listing


def expand_paths(paths) -> list[Path]:
    """The files `list_reports` reads (folders that cannot be listed are left out)."""
    return list_reports(paths).files


def _folder_reports(folder: Path, problems: list[str]) -> list[Path]:
    """Report files under `folder`, sorted; a folder that cannot be listed is a problem line.
    Walked with a stack, not recursion: nesting deeper than Python's stack is still listed."""
    found, todo = [], [folder]
    while todo:
        current = todo.pop()
        try:
            with os.scandir(current) as entries:
                entries = list(entries)
        except OSError as error:
            problems.append(f"{shown(current)}: cannot be listed ({error.strerror})")
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            path = Path(entry.path)
            if is_folder:
                todo.append(path)
            elif path.suffix.lower() in REPORT_SUFFIXES and not entry.name.startswith("~$"):
                found.append(path)
    return sorted(found)


def _document_names(files: list[Path], notices: list[str]) -> dict[Path, str]:
    """Each file's document name: its name as text (`decoded_name`); where two files share one,
    the end of each path that tells them apart (2021/report.txt, 2022/report.txt)."""
    by_name: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_name[decoded_name(path)].append(path)
    docs = {}
    for name, paths in by_name.items():
        names = [name] if len(paths) == 1 else _apart(paths)
        for path, doc in zip(paths, names):
            docs[path] = doc
            if doc != path.name and len(paths) == 1:
                notices.append(f"{shown(path)}: its name is not UTF-8; its rows are named {shown(doc)}")
        if len(paths) > 1:
            notices.append(f"{shown(name)}: {len(paths)} files have this name; their rows are named "
                           f"{', '.join(map(shown, names))}")  # fmt: skip
    return docs


def _apart(paths: list[Path]) -> list[str]:
    """The shortest ends of `paths` (in folders, as text) that differ; the paths themselves (with
    \\xNN for bytes that are not UTF-8) where only the bytes of a name differ."""
    absolute = [Path(os.path.abspath(path)) for path in paths]  # "in/../in" is "in"
    parts = [[decoded_name(p) for p in (path, *path.parents) if p.name][::-1] for path in absolute]
    for size in range(2, max(map(len, parts)) + 1):
        ends = ["/".join(p[-size:]) for p in parts]
        if len(set(ends)) == len(ends):
            return ends
    return [shown(path) for path in paths]

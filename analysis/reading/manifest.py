"""The user's manifest: a CSV of what they know of each report (region, level, parent, type, year).

Read exactly as written, since a silent slip costs a whole report its metadata: a row with more
or fewer cells than the header (a trailing comma shifts the columns), a report named twice,
and an unknown level, type or year are refused with one line naming the manifest and the line;
rows that match no report read are named in a warning (`unmatched`).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..observations import REGION_LEVELS, REPORT_TYPES
from ..regions import REGION_NAME_RULE, is_region_name
from .files import ReadError, read_bytes
from .metadata import FIRST_YEAR, LAST_YEAR, META_FIELDS
from .paths import shown

MAX_MANIFEST_BYTES = 20_000_000  # a line per report: 20 MB names some 100,000 reports (README, "Limits")


class ManifestError(ValueError):
    """A manifest that cannot be used; str() is one line naming the file and the reason."""


UNMATCHED_LISTED = 3  # rows of one manifest named one by one


class Manifest(dict):
    """File name -> the metadata the user gives for it (empty cells left out).

    A row names a report by its name or by its path from the manifest's folder (2021/report.txt):
    `known` finds a report's row by its path first, then by its name, and remembers which rows
    were used, so that `unmatched` can name the others."""

    def __init__(self):
        super().__init__()
        self.where: dict[str, str] = {}  # name -> "manifest.csv, line 3"
        self._rows: list[tuple[str, str, dict]] = []  # (where, name, known)
        self._by_path: dict[str, int] = {}
        self._by_name: dict[str, int] = {}  # -1 for a name rows of two paths share
        self._used: set[int] = set()

    def add(self, where: str, written: str, folder: Path | None, known: dict) -> None:
        name = Path(written).name
        key = os.path.realpath(Path(folder or ".") / written)
        if key in self._by_path:
            raise ManifestError(f"{where}: {shown(written)} is named again (first at {self._rows[self._by_path[key]][0]})")
        self._by_path[key] = len(self._rows)
        self._by_name[name] = -1 if name in self._by_name else len(self._rows)
        self._rows.append((where, name, known))
        self[name] = known
        self.where[name] = where

    def merge(self, other: Manifest) -> None:
        """Add the rows of another folder's manifest (found by path first, as in their folder)."""
        for key, index in other._by_path.items():
            where, name, known = other._rows[index]
            if key in self._by_path:
                raise ManifestError(f"{where}: {shown(name)} is named again (first at {self._rows[self._by_path[key]][0]})")
            self._by_path[key] = len(self._rows)
            self._by_name[name] = -1 if name in self._by_name else len(self._rows)
            self._rows.append((where, name, known))
            self[name] = known
            self.where[name] = where

    def known(self, path: Path, name: str) -> dict:
        """The row of the report at `path` whose document name is `name`: by path, else by name."""
        index = self._by_path.get(os.path.realpath(path), self._by_name.get(name, -1))
        if index < 0:
            return {}
        self._used.add(index)
        return self._rows[index][2]

    def unmatched(self) -> list[str]:
        """The warnings for the rows that named no report read (`known` never found them): a line
        each, or, for more than UNMATCHED_LISTED of one manifest (a corpus's manifest given for a
        few of its files), one line that counts them and names the first."""
        lines: dict[str, list[tuple[str, str]]] = {}
        for index, (where, name, _) in enumerate(self._rows):
            if index not in self._used:
                lines.setdefault(where.rsplit(", line ", 1)[0], []).append((where, name))
        found = []
        for manifest, rows in lines.items():
            if len(rows) <= UNMATCHED_LISTED:
                found += [f"{where}: {shown(name)} matches no report read" for where, name in rows]
            else:
                first = ", ".join(shown(name) for _, name in rows[:UNMATCHED_LISTED])
                found.append(f"{manifest}: {len(rows)} rows match no report read ({first}, …)")
        return found


def load_manifest(path: str | os.PathLike | None) -> Manifest:
    """File name -> the metadata the user gives for it (empty cells left out)."""
    manifest = Manifest()
    if path is None:
        return manifest
    rows = _rows(path)
    header = [cell.strip() for cell in next(rows, [])]
    if not any(header):
        raise ManifestError(f"{shown(path)}: is empty; it needs a 'file' column naming each document")
    key = "file" if "file" in header else "doc" if "doc" in header else None
    if key is None:
        raise ManifestError(f"{shown(path)}: needs a 'file' or 'doc' column naming each document")
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or a row of empty cells a spreadsheet leaves below a table
        where = f"{shown(path)}, line {line}"
        if len(cells) != len(header):
            raise ManifestError(f"{where}: {len(cells)} cells where the header names {len(header)}"
                                + (" (a comma too many?)" if len(cells) > len(header) else ""))  # fmt: skip
        row = dict(zip(header, cells))
        written = os.path.normpath(row[key].strip()) if row[key].strip() else ""
        if not Path(written).name:
            raise ManifestError(f"{where}: the {key} cell names no file")
        known = {k: v.strip() for k, v in row.items() if k in META_FIELDS and v.strip()}
        if "region" in row and not row["region"].strip():
            known["region"] = ""  # an empty region: a text about several regions (ReportMeta.updated)
        _check_row(where, known)
        manifest.add(where, written, Path(path).parent, known)
    return manifest


def _rows(path):
    """The header, then (line number, cells) of each row after it."""
    try:
        data = read_bytes(path, MAX_MANIFEST_BYTES, "manifest")
    except ReadError as error:
        raise ManifestError(str(error)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(f"{shown(path)}: not UTF-8 (byte 0x{data[error.start]:02x} at position {error.start}); "
                            "save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield next(reader, [])
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise ManifestError(f"{shown(path)}, line {reader.line_num}: cannot be read as CSV ({error})") from None


def folder_manifests(paths) -> Manifest:
    """The manifests of the folders among `paths`: the manifest.csv inside each, where there is one
    (`python -m analysis extract seeds more/` reads each folder with its own)."""
    manifest = Manifest()
    for path in manifest_files(paths):
        manifest.merge(load_manifest(path))
    return manifest


def manifest_files(paths, manifest: str | os.PathLike | None = None) -> list[Path]:
    """The manifest files a run reads: `manifest`, else the manifest.csv of each folder named."""
    if manifest:
        return [Path(manifest)]
    files, seen = [], set()
    for name in paths:
        path = Path(name) / "manifest.csv"
        if os.path.isfile(path) and os.path.realpath(path) not in seen:  # a folder named twice: read once
            seen.add(os.path.realpath(path))
            files.append(path)
    return files


def _check_row(where: str, known: dict) -> None:
    for column in ("region", "parent_region"):  # the rule pages name and label regions by
        if known.get(column) and not is_region_name(known[column]):
            raise ManifestError(f"{where}: {column} '{shown(known[column])}' is {REGION_NAME_RULE}")
    for column, valid in (("region_level", REGION_LEVELS), ("report_type", REPORT_TYPES)):
        if column in known and known[column] not in valid:
            raise ManifestError(f"{where}: {column} '{shown(known[column])}' is not one of {', '.join(valid)}")
    if "report_year" in known:
        try:
            year = int(float(known["report_year"]))
        except ValueError:
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ManifestError(f"{where}: report_year '{shown(known['report_year'])}' is not a year "
                                f"from {FIRST_YEAR} to {LAST_YEAR}")  # fmt: skip

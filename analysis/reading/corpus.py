"""Many reports: the user's manifest, parallel extraction, streaming output.

Documents are extracted in worker processes and come back in input order, so
a parallel run writes exactly what a serial run writes. Rows are streamed to
the output file one document at a time; the corpus is never held in memory.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pandera.errors import SchemaError, SchemaErrors

from ..observations import COLUMNS, REGION_LEVELS, REPORT_TYPES, empty_table, rows_to_table
from .document import Extraction, extract_file
from .files import ReadError, expand_paths
from .metadata import FIRST_YEAR, LAST_YEAR, META_FIELDS


class ManifestError(ValueError):
    """A manifest that cannot be used; str() is one line naming the file and the reason."""


def load_manifest(path: str | os.PathLike | None) -> dict[str, dict]:
    """File name -> the metadata the user gives for it (empty cells left out)."""
    if path is None:
        return {}
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise ManifestError(f"{path}: is empty; it needs a 'file' column naming each document") from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: cannot be read as CSV ({error})") from None
    key = "file" if "file" in frame.columns else "doc" if "doc" in frame.columns else None
    if key is None:
        raise ManifestError(f"{path}: needs a 'file' or 'doc' column naming each document")
    manifest = {}
    for number, row in enumerate(frame.to_dict("records"), start=2):
        known = {k: v.strip() for k, v in row.items() if k in META_FIELDS and v.strip()}
        if "region" in row and not row["region"].strip():
            known["region"] = ""  # an empty region: a text about several regions (ReportMeta.updated)
        _check_row(path, number, known)
        manifest[Path(row[key].strip()).name] = known
    return manifest


def folder_manifests(paths) -> dict[str, dict]:
    """The manifests of the folders among `paths`: the manifest.csv inside each, where there is one
    (`python -m analysis extract seeds more/` reads each folder with its own)."""
    manifest: dict[str, dict] = {}
    for name in paths:
        path = Path(name) / "manifest.csv"
        if path.is_file():
            manifest.update(load_manifest(path))
    return manifest


def _check_row(path, line: int, known: dict) -> None:
    for column, valid in (("region_level", REGION_LEVELS), ("report_type", REPORT_TYPES)):
        if column in known and known[column] not in valid:
            raise ManifestError(
                f"{path}, line {line}: {column} '{known[column]}' is not one of {', '.join(valid)}"
            )
    if "report_year" in known:
        try:
            year = int(float(known["report_year"]))
        except ValueError:
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ManifestError(f"{path}, line {line}: report_year '{known['report_year']}' is not a year "
                                f"from {FIRST_YEAR} to {LAST_YEAR}")  # fmt: skip


@dataclass
class Outcome:
    """What became of one input file: its extraction, or why it could not be read."""

    path: Path
    size: int
    extraction: Extraction | None = None
    error: str = ""


def _extract_one(job: tuple[Path, dict]) -> Outcome:
    path, known = job
    size = path.stat().st_size if path.is_file() else 0
    try:
        return Outcome(path, size, extract_file(path, known))
    except ReadError as error:
        return Outcome(path, size, error=str(error))
    except Exception as error:  # a bug must not stop the other files; it is reported
        return Outcome(path, size, error=f"{path}: extraction failed ({type(error).__name__}: {error})")


def iter_extractions(paths: Iterable, manifest: dict | None = None, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1, files are read in worker processes."""
    manifest = manifest or {}
    work = [(path, manifest.get(path.name, {})) for path in expand_paths(paths)]
    if jobs <= 1 or len(work) < 2:
        yield from map(_extract_one, work)
        return
    # A bounded window of files in flight, taken in input order: memory stays flat
    # however large the corpus, and the output is the same as a serial run's.
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = deque(pool.submit(_extract_one, job) for job in work[:window])
        for job in work[window:]:
            yield pending.popleft().result()
            pending.append(pool.submit(_extract_one, job))
        while pending:
            yield pending.popleft().result()


def read_reports(paths, manifest: str | os.PathLike | dict | None = None, jobs: int = 1) -> pd.DataFrame:
    """One validated table of every report in `paths` (files or folders).

    Files that cannot be read are named in a warning, one line each, and listed
    in ``table.attrs["unreadable"]``; the others are still read.
    """
    known = manifest if isinstance(manifest, dict) else load_manifest(manifest)
    rows, unreadable = [], []
    for outcome in iter_extractions(paths if not isinstance(paths, (str, Path)) else [paths], known, jobs):
        if outcome.extraction is None:
            unreadable.append(outcome.error)
            warnings.warn(outcome.error, stacklevel=2)
        else:
            rows.extend(outcome.extraction.rows)
    table = rows_to_table(rows)
    table.attrs["unreadable"] = unreadable
    return table


OUTPUT_SUFFIXES = (".csv", ".parquet", ".dta", ".xlsx")
WHOLE_FILE_SUFFIXES = (".dta", ".xlsx")  # written whole on close (export.py)


class TableWriter:
    """Streams documents' rows to a CSV or Parquet file, made visible only on close.

    Rows are validated in batches of about `batch_rows` before they are written:
    schema checks cost about as much per call as per row, so one call per
    document would dominate a corpus run. A Stata (.dta) or Excel (.xlsx) file
    cannot be appended to: its rows are streamed to a Parquet file, and the
    finished table is written in that format on close.
    """

    def __init__(self, path: str | os.PathLike, batch_rows: int = 20_000):
        self.path = Path(path)
        self.format = self.path.suffix.lower()
        if self.format not in OUTPUT_SUFFIXES:
            raise ValueError(f"{self.path}: output must end in {', '.join(OUTPUT_SUFFIXES[:-1])} "
                             f"or {OUTPUT_SUFFIXES[-1]}")  # fmt: skip
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self._temporary()
        self.rows = 0
        self.batch_rows = batch_rows
        self._pending: list[dict] = []
        self.rejected: list[str] = []  # documents whose rows failed the schema, one line each
        self._parquet = None
        self._schema = pa.Schema.from_pandas(empty_table(), preserve_index=False)
        if self.format == ".csv":
            empty_table().to_csv(self.tmp, index=False, encoding="utf-8")

    def write(self, rows: list[dict] | pd.DataFrame) -> None:
        """Queue one document's rows (dicts of `to_rows`, or a contract table)."""
        if isinstance(rows, pd.DataFrame):
            rows = rows.to_dict("records")
        self._pending.extend(rows)
        if len(self._pending) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        try:
            table = rows_to_table(self._pending)
        except (SchemaError, SchemaErrors):
            table = rows_to_table(self._valid_documents(self._pending))
        table = table[list(COLUMNS)]
        self._pending = []
        if self.format == ".csv":
            table.to_csv(self.tmp, mode="a", header=False, index=False, encoding="utf-8")
        else:
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp, self._schema)
            self._parquet.write_table(pa.Table.from_pandas(table, schema=self._schema, preserve_index=False))
        self.rows += len(table)

    def _valid_documents(self, rows: list[dict]) -> list[dict]:
        """A batch failed the schema: keep the documents that pass, name the others.
        Halves are checked in turn, so a few bad documents cost a few checks each."""
        by_doc: dict[str, list[dict]] = {}
        for row in rows:
            by_doc.setdefault(row["doc"], []).append(row)
        return self._split_valid(list(by_doc.items()))

    def _split_valid(self, documents: list[tuple[str, list[dict]]]) -> list[dict]:
        rows = [row for _, doc_rows in documents for row in doc_rows]
        try:
            rows_to_table(rows)
            return rows
        except (SchemaError, SchemaErrors) as error:
            if len(documents) == 1:
                reason = str(error).splitlines()[0][:200]
                self.rejected.append(f"{documents[0][0]}: its rows fail the table's schema ({reason})")
                return []
        half = len(documents) // 2
        return self._split_valid(documents[:half]) + self._split_valid(documents[half:])

    def _temporary(self) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        os.close(fd)
        os.chmod(tmp, _default_mode())  # mkstemp's files are private (0600); an output is not
        return Path(tmp)

    def close(self) -> Path:
        """Write what is pending and make the output visible; a ValueError naming the output
        if its format cannot hold the table (more rows than an Excel sheet), leaving no file."""
        self._flush()
        if self.format != ".csv":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp, self._schema)
            self._parquet.close()
            self._parquet = None
        if self.format in WHOLE_FILE_SUFFIXES:
            from .export import WRITERS  # the codebook and Excel writer load only when needed

            finished = self._temporary()
            try:
                WRITERS[self.format](pd.read_parquet(self.tmp), finished)
            except ValueError as error:
                finished.unlink(missing_ok=True)
                self.abort()
                raise ValueError(f"{self.path}: {error}") from None
            except BaseException:
                finished.unlink(missing_ok=True)
                self.abort()
                raise
            self.tmp.unlink()
            self.tmp = finished
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        self.tmp.unlink(missing_ok=True)


def _default_mode() -> int:
    """The mode a new file gets under this process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_table(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write one table to CSV, Parquet, Stata (.dta) or Excel (.xlsx) atomically: never a
    half-written file."""
    writer = TableWriter(path)
    try:
        writer.write(frame)
    except BaseException:
        writer.abort()
        raise
    return writer.close()

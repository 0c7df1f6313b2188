"""Many reports: the user's manifest, parallel extraction, streaming output.

Documents are extracted in worker processes and come back in input order, so
a parallel run writes exactly what a serial run writes. A `TableWriter` streams
rows to a file one document at a time, checked in batches: a run gathers its
rows so in a temporary file (compare/checked.py) while the corpus is read, and
writes each output from the finished table, a batch of rows at a time.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pandera.errors import SchemaError, SchemaErrors

from ..errors import interruption
from ..observations import COLUMNS, STAMP_KEY, TableDigest, empty_table, rows_to_table, validate, with_row_ids
from .document import Extraction, extract_file
from .files import ReadError
from .manifest import Manifest, ManifestError, folder_manifests, load_manifest  # noqa: F401 (corpus's names)
from .outputs import discard, publish, temporary
from .paths import Listing, list_reports, shown


@dataclass
class Outcome:
    """What became of one input file: its extraction, or why it could not be read."""

    path: Path
    size: int
    extraction: Extraction | None = None
    error: str = ""


def _extract_one(job: tuple[Path, str, dict]) -> Outcome:
    path, doc, known = job
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:  # a file gone since it was listed, in a folder that cannot be entered
        size = 0
    try:
        return Outcome(path, size, _named(extract_file(path, known), doc))
    except ReadError as error:
        return Outcome(path, size, error=str(error))
    except Exception as error:  # a bug must not stop the other files; it is reported
        return Outcome(path, size, error=f"{shown(path)}: extraction failed ({type(error).__name__}: {shown(error)})")


def _named(extraction: Extraction, doc: str) -> Extraction:
    """The extraction under its document name (`paths.list_reports`: the file's name as text,
    or the end of its path that tells it from another file of that name)."""
    if extraction.doc != doc:
        extraction.doc = doc
        for row in extraction.rows:
            row["doc"] = doc
        with_row_ids(extraction.rows)  # an id is made of the document's name too
    return extraction


def available_cores() -> int:
    """The cores this process may run on (a container's or a job's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(text: str) -> int:
    """A --jobs value as a number of workers; a ValueError of one line for anything but 1 or more."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise ValueError(f"--jobs {shown(text)}: not a number of worker processes; give 1 or more")
    return jobs


def iter_extractions(paths: Iterable | Listing, manifest: dict | None = None, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order; with jobs > 1, files are read in worker processes, as many as
    `jobs` but no more than the files and the cores. `paths` are files and folders, or their
    `list_reports` listing (whose folders that cannot be listed are not outcomes here)."""
    listing = paths if isinstance(paths, Listing) else list_reports(paths)
    manifest = manifest if manifest is not None else {}
    work = [(path, listing.docs[path], _known(manifest, path, listing.docs[path])) for path in listing.files]
    jobs = min(jobs, len(work), available_cores())
    if jobs <= 1:
        yield from map(_extract_one, work)
        return
    # A bounded window of files in flight, taken in input order: memory stays flat
    # however large the corpus, and the output is the same as a serial run's.
    window = jobs * 8
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_ignores_interrupts)
    try:
        with held_interrupts():
            pending = deque(pool.submit(_extract_one, job) for job in work[:window])
        for job in work[window:]:
            with held_interrupts():
                outcome = pending.popleft().result()
                pending.append(pool.submit(_extract_one, job))
            yield outcome
        while pending:
            with held_interrupts():
                outcome = pending.popleft().result()
            yield outcome
    except BaseException:  # interrupted, or the reader stopped: the workers stop now, not after their files
        _stop_workers(pool)
        raise
    pool.shutdown()


class _Interrupts:
    """A signal that arrives while the main thread holds interrupts (`held_interrupts`: inside the
    pool, writing a line through tqdm) is kept until it lets go; one that arrives elsewhere is raised."""

    depth = 0
    kept: int | None = None


def interrupt_later(signum: int) -> bool:
    """For a signal handler: whether the signal is kept, to be raised when the main thread lets
    go of interrupts (True), or must be raised now (False)."""
    if _Interrupts.depth:
        _Interrupts.kept = signum
    return bool(_Interrupts.depth)


@contextlib.contextmanager
def held_interrupts():
    """Ctrl-C and SIGTERM (as `python -m analysis` handles them) wait until the block is done: raised
    inside the locking of the pool or of tqdm, they could leave a lock held (a hang when the workers
    are stopped, "cannot release un-acquired lock")."""
    _Interrupts.depth += 1
    try:
        yield
    finally:
        _Interrupts.depth -= 1
    if not _Interrupts.depth and _Interrupts.kept is not None:
        kept, _Interrupts.kept = _Interrupts.kept, None
        raise interruption(kept)


def _known(manifest, path: Path, doc: str) -> dict:
    """The manifest's row for one file: by its path, else by its name."""
    name = Path(doc).name
    return manifest.known(path, name) if isinstance(manifest, Manifest) else manifest.get(name, {})


def _worker_ignores_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent alone answers it (one
    line, and the workers stopped), where each worker would print its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way to stop a worker
        process.kill()
    # Waited for: the pool's own thread, left running, would race the interpreter's exit, which
    # wakes it through a pipe it may be closing ("Exception ignored … Bad file descriptor").
    pool.shutdown(wait=True, cancel_futures=True)


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

    def __init__(self, path: str | os.PathLike, batch_rows: int = 20_000, escape_formulas: bool = False):
        self.path = Path(path)
        self.escape_formulas = escape_formulas  # CSV cells a spreadsheet would run (export.escape_formulas)
        self.format = self.path.suffix.lower()
        if self.format not in OUTPUT_SUFFIXES:
            raise ValueError(f"{shown(self.path)}: output must end in {', '.join(OUTPUT_SUFFIXES[:-1])} "
                             f"or {OUTPUT_SUFFIXES[-1]}")  # fmt: skip
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self._temporary()
        self.rows = 0
        self.batch_rows = batch_rows
        self._pending: list[dict] = []
        self.rejected: list[str] = []  # documents whose rows failed the schema, one line each
        self._parquet = None
        self._schema = pa.Schema.from_pandas(empty_table(), preserve_index=False)
        self._digest = TableDigest()  # of the rows written, the file's stamp (observations.STAMP_KEY)
        if self.format == ".csv":
            empty_table().to_csv(self.tmp, index=False, encoding="utf-8")

    def write(self, rows: list[dict] | pd.DataFrame) -> None:
        """Queue one document's rows (dicts of `to_rows`), or write a whole contract table at
        once (checked as one: a table is not taken apart into dicts and documents again)."""
        if isinstance(rows, pd.DataFrame):
            self._flush()
            self._append(validate(rows))
            return
        self._pending.extend(rows)
        if len(self._pending) >= self.batch_rows:
            self._flush()

    def flush(self) -> None:
        """Write the rows queued so far; a document whose rows fail the schema is left out and
        named in `rejected`."""
        self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        try:
            table = rows_to_table(self._pending)
        except (SchemaError, SchemaErrors):
            table = rows_to_table(self._valid_documents(self._pending))
        self._pending = []
        self._append(table)

    def _append(self, table: pd.DataFrame) -> None:
        """Rows the schema has passed, added to the temporary file."""
        table = table[list(COLUMNS)]
        if self.format == ".csv":
            if self.escape_formulas:
                from .export import escape_formulas

                table = escape_formulas(table)
            table.to_csv(self.tmp, mode="a", header=False, index=False, encoding="utf-8")
        else:
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp, self._schema)
            self._parquet.write_table(pa.Table.from_pandas(table, schema=self._schema, preserve_index=False))
            self._digest.update(table)
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
                self.rejected.append(f"{shown(documents[0][0])}: its rows fail the table's schema ({reason})")
                return []
        half = len(documents) // 2
        return self._split_valid(documents[:half]) + self._split_valid(documents[half:])

    def _temporary(self) -> Path:
        return temporary(self.path)  # hidden, locked while written (outputs.py)

    def close(self) -> Path:
        """Write what is pending and make the output visible; a ValueError naming the output
        if its format cannot hold the table (more rows than an Excel sheet), leaving no file."""
        self._flush()
        if self.format != ".csv":
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp, self._schema)
            stamp = self._digest.hexdigest()
            if stamp is not None:  # every row written passed the schema: a page need not check them again
                self._parquet.add_key_value_metadata({STAMP_KEY: stamp})
            self._parquet.close()
            self._parquet = None
        if self.format in WHOLE_FILE_SUFFIXES:
            from .export import WRITERS  # the codebook and Excel writer load only when needed

            finished = self._temporary()
            try:
                WRITERS[self.format](pd.read_parquet(self.tmp), finished)
            except ValueError as error:
                discard(finished)
                self.abort()
                raise ValueError(f"{shown(self.path)}: {error}") from None
            except BaseException:
                discard(finished)
                self.abort()
                raise
            discard(self.tmp)
            self.tmp = finished
        return publish(self.tmp, self.path)

    def abort(self) -> None:
        """Remove the temporary file: the output stays as it was. Never raises (a full disk may
        be why the output is abandoned)."""
        if self._parquet is not None:
            with contextlib.suppress(Exception):
                self._parquet.close()
            self._parquet = None
        discard(self.tmp)


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

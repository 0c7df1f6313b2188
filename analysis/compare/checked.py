"""The checked table, as every command makes it: reports read, corrections applied, checks computed.

    read (analysis/reading) -> apply the corrections (reading/corrections.py)
                            -> compute the checks (compare/checks.py) -> write

The reading stage knows nothing of the checks (a stage imports only the stages before it), and
the checks need the whole table (a conflict is between reports), so the rows of a run are
gathered first (`Gathered`: in a temporary Parquet file, checked against the schema document by
document) and the outputs are written from the finished table. `python -m analysis extract`,
`render --reports`, `analysis.read_reports` and `analysis.extract` all go through here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ..observations import READING_NOTES, rows_to_table, validate
from ..reading.corpus import Outcome, TableWriter, iter_extractions
from ..reading.corrections import (
    Applied,
    Correction,
    Report,
    apply_corrections,
    folder_corrections,
    load_corrections,
)
from ..reading.document import extract_document
from ..reading.manifest import Manifest, load_manifest, manifest_files
from ..reading.outputs import remove_stale_folders
from ..reading.paths import list_reports, shown
from .checks import add_checks

_FOLDER_PREFIX = "analysis-rows-"  # the temporary folder of a run's rows
# Rows checked and written to the temporary file at a time: fewer than an output's batch, since
# the whole table comes after them in the same process.
GATHER_ROWS = 5_000


class Gathered:
    """A run's rows, checked against the schema document by document and kept in a temporary
    Parquet file rather than in memory, with what the later stages need: each report's file and
    metadata (for corrections that add a figure) and each row's reading notes (for the checks)."""

    def __init__(self):
        remove_stale_folders(Path(tempfile.gettempdir()), _FOLDER_PREFIX)  # a killed run's rows (SIGKILL)
        self._folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX))
        self._writer = TableWriter(self._folder / "rows.parquet", batch_rows=GATHER_ROWS)
        self.reports: dict[str, Report] = {}
        self.unreadable: list[str] = []
        # Sentences that name an indicator beside a number but gave no row: (doc, char_start,
        # char_end, sentence), as `extract --unparsed` lists them.
        self.unparsed: list[tuple[str, int, int, str]] = []
        # Reading notes of the rows whose notes say something (most say nothing): a few lists of
        # plain values, not a dict per row.
        self._notes: dict[str, list] = {name: [] for name in ("row_id", *READING_NOTES)}

    def add(self, outcome: Outcome) -> None:
        """One file's outcome: its rows and notes, or why it could not be read."""
        if outcome.extraction is None:
            self.unreadable.append(outcome.error)
            return
        extraction = outcome.extraction
        self._writer.write(extraction.rows)
        self.reports[extraction.doc] = Report(outcome.path, extraction.meta)
        self.unparsed += [(extraction.doc, u.char_start, u.char_end, u.sentence) for u in extraction.unparsed]
        noted = [row for row in extraction.rows
                 if not row["period_stated"] or row["region_from_text"] or row["weak_metadata"]]  # fmt: skip
        for name, values in self._notes.items():
            values.extend(row[name] for row in noted)

    @property
    def rejected(self) -> list[str]:
        """Documents whose rows failed the schema, one line each (after `table`)."""
        return self._writer.rejected

    def table(self) -> pd.DataFrame:
        """Every row gathered, as one table of the contract's columns, its repetitive text
        (sentences, documents, regions) dictionary-encoded: a sentence of several figures is
        held once (`observations.validate` gives the contract's dtypes back)."""
        path = self._writer.close()
        # Each column's Arrow memory is let go as it becomes pandas': not the table twice at once.
        return pq.read_table(path, read_dictionary=list(REPEATED)).to_pandas(self_destruct=True, split_blocks=True)

    def notes(self) -> pd.DataFrame:
        """The reading notes of the rows whose notes say something, indexed by row_id (the
        other rows have `checks.NOTE_DEFAULTS`)."""
        return _notes_frame(self._notes)

    def close(self) -> None:
        self._writer.abort()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Gathered:
        return self

    def __exit__(self, *_) -> None:
        self.close()


# Text columns whose values repeat from row to row (held once each by `Gathered.table`); the
# checks compare kind, measure and indicator and map indicators to numbers, which they keep plain.
REPEATED = ("doc", "region", "region_level", "parent_region", "report_type", "indicator_text", "unit", "unit_norm",
            "qualifier", "basis", "text", "source_text")  # fmt: skip


def finish(gathered: Gathered, corrections: list[Correction] = ()) -> tuple[pd.DataFrame, Applied]:
    """The gathered table with the corrections applied and the checks computed, and what became
    of the corrections. A malformed correction raises `CorrectionsError`. Its REPEATED columns
    may be dictionary-encoded: write it, or `observations.validate` it for the contract's dtypes."""
    table, applied = apply_corrections(gathered.table(), list(corrections), gathered.reports)
    return add_checks(table, gathered.notes()), applied


def corrections_of(paths, corrections) -> list[Correction]:
    """`corrections`: a file, a list already loaded, or None for the corrections.csv inside each
    folder of `paths` (as the manifest.csv inside a folder is its manifest)."""
    if corrections is None:
        return folder_corrections(paths)
    if isinstance(corrections, (str, os.PathLike)):
        return load_corrections(corrections)
    return list(corrections)


def read_reports(paths, manifest: str | os.PathLike | dict | None = None, jobs: int = 1,
                 corrections=None) -> pd.DataFrame:  # fmt: skip
    """One validated table of every report in `paths` (files or folders), corrections applied
    and checks computed.

    `corrections` is a corrections file, or None (the default) for the corrections.csv inside
    each folder named; `[]` applies none. Files that cannot be read and folders that cannot be
    listed are named in a warning, one line each, and listed in ``table.attrs["unreadable"]``;
    the others are still read. Names the table gives otherwise than the file system does (not
    UTF-8; shared by two files), manifest rows that match no report and corrections that match
    no row are named in a warning too; ``table.attrs["corrections"]`` counts the corrections
    applied and lists the unmatched ones. A malformed correction raises `CorrectionsError`."""
    return read_reports_and_unparsed(paths, manifest, jobs, corrections)[0]


UNPARSED = ["doc", "char_start", "char_end", "sentence"]
# How the reader ends a refusal for want of a region or a year (reading.document).
MANIFEST_HINT = "give it in a manifest (--manifest) with a 'file' column"


def named_manifest(message: str, path, consulted, manifest) -> str:
    """A refusal for want of a region or a year, naming the manifest the run read for the file:
    its row there (which gives neither), or the manifest of its folder that has no row for it.

    >>> m = Manifest()
    >>> named_manifest(f"a/x.txt: no report year found in the text; {MANIFEST_HINT}", "a/x.txt", ["a/manifest.csv"], m)
    'a/x.txt: no report year found in the text; add a row for it (file, region, report_year) to a/manifest.csv, which has none'
    """
    message = str(message)
    if not message.endswith(MANIFEST_HINT) or not consulted:
        return message
    name = Path(path).name
    where = manifest.where.get(name) if isinstance(manifest, Manifest) else None
    if where:
        missing = " and ".join(f for f in ("region", "report_year") if not manifest[name].get(f)) or "region"
        return message[: -len(MANIFEST_HINT)] + f"its row ({where}) gives no {missing}: fill it in"
    own = [m for m in consulted if Path(m).resolve().parent in Path(path).resolve().parents] or list(consulted)
    return message[: -len(MANIFEST_HINT)] + f"add a row for it (file, region, report_year) to {shown(own[-1])}, which has none"



def read_reports_and_unparsed(paths, manifest: str | os.PathLike | dict | None = None, jobs: int = 1,
                              corrections=None) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """`read_reports`, and the sentences that named an indicator beside a number but gave no row
    (columns UNPARSED, as `extract --unparsed` writes them), for the review page."""
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    known = manifest if isinstance(manifest, dict) else load_manifest(manifest)
    wanted = corrections_of(paths, corrections)
    listing = list_reports(paths)
    for line in listing.problems + listing.notices:
        warnings.warn(line, stacklevel=3)
    consulted = manifest_files(paths, manifest if isinstance(manifest, (str, os.PathLike)) else None)
    with Gathered() as gathered:
        for outcome in iter_extractions(listing, known, jobs):
            if outcome.extraction is None:
                outcome.error = named_manifest(outcome.error, outcome.path, consulted, known)
                warnings.warn(outcome.error, stacklevel=3)
            gathered.add(outcome)
        table, applied = finish(gathered, wanted)
        unreadable = listing.problems + gathered.unreadable + gathered.rejected
        unparsed = pd.DataFrame(gathered.unparsed, columns=UNPARSED)
    for line in [*gathered.rejected, *(known.unmatched() if isinstance(known, Manifest) else []), *applied.unmatched]:
        warnings.warn(line, stacklevel=3)
    table = validate(table)
    table.attrs["unreadable"] = unreadable
    table.attrs["corrections"] = {"applied": applied.applied, "unmatched": applied.unmatched}
    return table, unparsed


def extract(text: str, doc: str = "<text>", manifest_row: dict | None = None) -> pd.DataFrame:
    """The contract's table of one report's text, with its checks.

    >>> rows = extract("政府工作报告\\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\\n"
    ...                "一、2021年工作总结\\n地区生产总值增长9%左右。\\n"
    ...                "二、2022年主要工作安排\\n地区生产总值增长7.5%以上。")
    >>> rows[["region", "period", "kind", "value", "qualifier", "checks"]].values.tolist()
    [['青云谱区', 2021, 'actual', 9.0, 'about', 'period_from_position'], \
['青云谱区', 2022, 'target', 7.5, 'at_least', 'period_from_position']]
    """
    rows = extract_document(text, doc, manifest_row).rows
    notes = _notes_frame({name: [row[name] for row in rows] for name in ("row_id", *READING_NOTES)})
    return add_checks(rows_to_table(rows), notes)


def _notes_frame(notes: dict[str, list]) -> pd.DataFrame:
    """Reading notes (row_id and READING_NOTES, a list each) as a frame indexed by row_id."""
    types = {"row_id": "str", "period_stated": "bool", "region_from_text": "bool", "weak_metadata": "str"}
    return pd.DataFrame(notes).astype(types).drop_duplicates("row_id").set_index("row_id")

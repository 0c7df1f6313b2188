"""A reviewer's corrections, applied to every later run: drop, set, confirm or add rows.

A corrections file is a CSV with columns `row_id, action, column, value, note`, one decision a
line, kept beside the reports (a `corrections.csv` inside a folder of reports is that folder's,
as its manifest.csv is):

- `drop`: the row is not a figure of its report; it is left out.
- `set`: one column of the row takes `value` (value, qualifier, period, kind, region, indicator,
  …; checked against the contract); the evidence stays as the reader read it. `review` says
  `corrected`.
- `confirm`: the row was checked and is right; `review` says `confirmed`.
- `add`: a figure the reader missed. `row_id` is empty; `value` holds the row's fields as
  `column=value` pairs separated by ";", at least doc, indicator, period, kind, measure, value,
  unit and, last, `evidence=` the words as printed (which may hold ";"), which must occur in
  that document. `review` says `added`; its row_id is made as a read row's is.

Rows are known by `row_id` (observations.row_id), which a new reading keeps as long as it reads
the same figure at the same place. A correction whose row is in no row of the run (the reader
changed, the report was removed) is returned as unmatched, to be listed; a malformed line stops
the run with a `CorrectionsError` naming the file, the line and the reason. Adding needs the
report's text, which is why this is part of the reading stage.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from ..labels import indicator_label
from ..observations import (
    BASES,
    COLUMNS,
    INDICATORS,
    KINDS,
    MEASURES,
    QUALIFIERS,
    REGION_LEVELS,
    REPORT_TYPES,
    row_id,
    rows_to_table,
)
from ..units import UNIT_SCALE, normalise_value
from ..vocab import LANGUAGE
from .files import read_source
from .metadata import FIRST_YEAR, LAST_YEAR, ReportMeta
from .normalise import clean, normalise

FILE_NAME = "corrections.csv"
FIELDS = ("row_id", "action", "column", "value", "note")
ACTIONS = ("drop", "set", "confirm", "add")
# What the reader read stays: the evidence, where it stands, and what is derived from other columns.
KEPT = ("doc", "source_text", "char_start", "char_end", "page", "value_norm", "unit_norm", "row_id", "checks",
        "review", "region_code")  # fmt: skip
SETTABLE = tuple(c for c in COLUMNS if c not in KEPT)
REQUIRED_TO_ADD = ("doc", "indicator", "period", "kind", "measure", "value", "unit", "evidence")
VOCABULARIES = {"region_level": REGION_LEVELS, "report_type": REPORT_TYPES, "indicator": INDICATORS,
                "kind": KINDS, "measure": MEASURES, "qualifier": QUALIFIERS, "basis": BASES}  # fmt: skip


class CorrectionsError(ValueError):
    """A corrections file that cannot be applied; str() is one line naming the file, the line and
    the reason."""


@dataclass(frozen=True)
class Correction:
    """One line of a corrections file; `fields` holds an `add`'s columns, parsed and checked."""

    path: str
    line: int
    row_id: str
    action: str
    column: str = ""
    value: str = ""
    note: str = ""
    fields: tuple[tuple[str, object], ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}, line {self.line}"


@dataclass
class Report:
    """What adding a figure to a report needs: its file (for the text) and its metadata."""

    path: Path
    meta: ReportMeta


@dataclass
class Applied:
    """What became of the corrections: how many were applied, and the unmatched ones, one line each."""

    applied: int = 0
    unmatched: list[str] | None = None

    def __post_init__(self):
        self.unmatched = self.unmatched or []


def load_corrections(path: str | os.PathLike) -> list[Correction]:
    """The corrections of one file, each line checked; a `CorrectionsError` at the first bad one."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            missing = [f for f in FIELDS[:4] if f not in header]
            if missing:
                raise CorrectionsError(f"{path}: needs the columns {', '.join(FIELDS)}; missing: {', '.join(missing)}")
            corrections, line = [], reader.line_num + 1
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    row = dict(zip(header, (cell.strip() for cell in cells)))
                    corrections.append(_checked(Correction(str(path), line, *(row.get(f, "") for f in FIELDS))))
                line = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CorrectionsError(f"{path}: cannot be read as CSV ({error})") from None
    return corrections


def folder_corrections(paths) -> list[Correction]:
    """The corrections of the folders among `paths`: the corrections.csv inside each, where there is one."""
    found, seen = [], set()
    for name in paths:
        path = Path(name) / FILE_NAME
        # os.path.isfile: a folder that cannot be entered has no corrections file to read (it is
        # named when its reports are listed); a folder named twice is read once.
        if os.path.isfile(path) and os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            found += load_corrections(path)
    return found


def _checked(c: Correction) -> Correction:
    if c.action not in ACTIONS:
        raise CorrectionsError(f"{c.where}: unknown action '{c.action}'; valid: {', '.join(ACTIONS)}")
    if c.action == "add":
        if c.row_id:
            raise CorrectionsError(f"{c.where}: an add has an empty row_id (the added row gets its own)")
        return Correction(**{**vars(c), "fields": tuple(_added_fields(c).items())})
    if not c.row_id:
        raise CorrectionsError(f"{c.where}: a {c.action} needs the row_id of the row it concerns")
    if c.action == "set":
        if c.column not in SETTABLE:
            raise CorrectionsError(f"{c.where}: unknown column '{c.column}' for set; valid: {', '.join(SETTABLE)}")
        _value(c, c.column, c.value)
    return c


def _added_fields(c: Correction) -> dict[str, object]:
    """`doc=…;indicator=…;…;evidence=…` -> the fields, checked; the evidence takes the rest of the cell."""
    head, found, evidence = c.value.partition("evidence=")
    fields: dict[str, object] = {"evidence": evidence.strip()} if found else {}
    for pair in filter(None, (p.strip() for p in head.split(";"))):
        name, equals, text = (part.strip() for part in pair.partition("="))
        if not equals or name not in (*SETTABLE, "doc"):
            raise CorrectionsError(f"{c.where}: '{pair}' is not a column=value pair of the contract; "
                                   f"valid columns: doc, {', '.join(SETTABLE)}, evidence (last)")  # fmt: skip
        fields[name] = text if name == "doc" else _value(c, name, text)
    missing = [f for f in REQUIRED_TO_ADD if not fields.get(f) and fields.get(f) != 0]
    if missing:
        raise CorrectionsError(f"{c.where}: an add needs {', '.join(REQUIRED_TO_ADD)}; missing: {', '.join(missing)}")
    return fields


def _value(c: Correction, column: str, text: str):
    """`text` as a value of `column`, or a CorrectionsError saying why the contract refuses it."""
    dtype = COLUMNS[column]
    if column in VOCABULARIES and text not in VOCABULARIES[column]:
        valid = ", ".join(v or "(empty)" for v in VOCABULARIES[column])
        raise CorrectionsError(f"{c.where}: {column} '{text}' is not one of {valid}")
    if column == "unit" and text and text not in UNIT_SCALE:
        raise CorrectionsError(f"{c.where}: unit '{text}' is not one of {', '.join(UNIT_SCALE)}")
    if dtype == "int64":
        number = _number(text)
        if number is None or number != int(number) or not FIRST_YEAR <= number <= LAST_YEAR:
            raise CorrectionsError(f"{c.where}: {column} '{text}' is not a year from {FIRST_YEAR} to {LAST_YEAR}")
        return int(number)
    if dtype == "float64":
        number = _number(text) if text else math.nan
        if number is None:
            raise CorrectionsError(f"{c.where}: {column} '{text}' is not a number")
        return number
    if column in ("region", "indicator_text") and not text:
        raise CorrectionsError(f"{c.where}: {column} may not be empty")
    return text


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def apply_corrections(table: pd.DataFrame, corrections: list[Correction],
                      reports: dict[str, Report] | None = None) -> tuple[pd.DataFrame, Applied]:  # fmt: skip
    """The table with `corrections` applied in the order of their lines, and what became of them.

    `reports` (document name -> `Report`) are the reports of the run, which an `add` may name."""
    if not corrections:
        return table, Applied()
    rows = table.to_dict("records")
    at = {row["row_id"]: i for i, row in enumerate(rows)}
    dropped: dict[str, Correction] = {}
    done = Applied()
    for c in corrections:
        if c.action == "add":
            added = _added_row(c, (reports or {}).get(dict(c.fields)["doc"]), rows)
            if isinstance(added, str):
                done.unmatched.append(added)
                continue
            at[added["row_id"]] = len(rows)
            rows.append(added)
        elif c.row_id not in at:
            done.unmatched.append(f"{c.where}: row_id {c.row_id} is in no row (the reader changed, or its "
                                  "report was not read); not applied")  # fmt: skip
            continue
        elif c.row_id in dropped:
            raise CorrectionsError(f"{c.where}: row {c.row_id} is dropped on line {dropped[c.row_id].line}")
        elif c.action == "drop":
            dropped[c.row_id] = c
        elif c.action == "confirm":
            row = rows[at[c.row_id]]
            row["review"] = row["review"] or "confirmed"
        else:
            rows[at[c.row_id]] = _set(rows[at[c.row_id]], c)
        done.applied += 1
    kept = [row for row in rows if row["row_id"] not in dropped]
    return rows_to_table(kept), done


def _set(row: dict, c: Correction) -> dict:
    row = {**row, c.column: _value(c, c.column, c.value), "review": "corrected"}
    row["value_norm"], row["unit_norm"] = normalise_value(row["indicator"], row["measure"], row["value"], row["unit"])
    _contract_row(row, c)
    return row


def _contract_row(row: dict, c: Correction) -> None:
    try:
        rows_to_table([row])
    except (SchemaError, SchemaErrors) as error:
        reason = str(error).splitlines()[0][:160]
        raise CorrectionsError(f"{c.where}: the row would break the contract ({reason})") from None


def _added_row(c: Correction, report: Report | None, rows: list[dict]) -> dict | str:
    """The row an `add` describes, or the line saying why it is not added (its report was not read,
    or the reader reads that figure now: a row of the same indicator and measure on its words)."""
    fields = dict(c.fields)
    if report is None:
        return f"{c.where}: doc {fields['doc']} was not read in this run; not added"
    source = read_source(report.path)
    evidence = normalise(str(fields.pop("evidence")).strip())
    span = _evidence_span(source.text, evidence, fields["value"], fields["unit"])
    if span is None:
        raise CorrectionsError(f"{c.where}: the evidence '{evidence[:40]}' is not in {fields['doc']}")
    sentence, (start, end) = span
    meta = report.meta
    region = fields.get("region") or meta.region
    row = {"region_level": meta.region_level, "parent_region": meta.parent_region, "qualifier": "exact",
           "value_high": math.nan, "basis": "", "text": "", "indicator_text": indicator_label(fields["indicator"], "zh"),
           **fields, "region": region, "report_type": fields.get("report_type") or meta.report_type,
           "report_year": fields.get("report_year") or meta.report_year, "source_text": sentence,
           "char_start": start, "char_end": end, "page": source.page(start), "checks": "", "review": "added",
           "region_code": ""}  # fmt: skip (region_code: made by rows_to_table)
    if region != meta.region and "region_level" not in fields:
        row["region_level"], row["parent_region"] = "other", fields.get("parent_region", "")
    row["value_norm"], row["unit_norm"] = normalise_value(row["indicator"], row["measure"], row["value"], row["unit"])
    row["row_id"] = row_id(row["doc"], row["char_start"], row["char_end"], row["indicator"], row["measure"],
                           row["basis"], "" if region == meta.region else region)  # fmt: skip
    read = next((r["row_id"] for r in rows if r["doc"] == row["doc"] and r["indicator"] == row["indicator"]
                 and r["measure"] == row["measure"] and r["char_start"] < row["char_end"]
                 and row["char_start"] < r["char_end"]), None)  # fmt: skip
    if read is not None:
        return f"{c.where}: the reader reads this figure now (row {read}); not added"
    _contract_row(row, c)
    return {column: row[column] for column in COLUMNS}


def _evidence_span(text: str, evidence: str, value: float, unit: str) -> tuple[str, tuple[int, int]] | None:
    """The evidence as it stands in the report and where its figure stands in the report's text
    (as a read row's `char_start`, `char_end`); None where the report does not hold it. It is
    looked for in the text as the reader reads it (scraping debris and broken lines dropped,
    which is how the review page shows sentences), then as printed."""
    normalised = normalise(text)
    if not evidence:
        return None
    cleaned = clean(normalised)
    at = cleaned.text.find(evidence)
    if at >= 0:
        start, end = _figure_span(evidence, value, unit)
        return evidence, cleaned.span(at + start, at + end)
    at = normalised.find(evidence)
    if at < 0:
        return None
    start, end = _figure_span(evidence, value, unit)
    return evidence, (at + start, at + end)


def _figure_span(evidence: str, value: float, unit: str) -> tuple[int, int]:
    """Where the added figure stands in its evidence: its number as printed with the unit and a
    qualifier right after it (7.5%以上), as the reader marks a figure; else the whole evidence."""
    number = f"{abs(value):.10g}" if not math.isnan(value) else ""
    after = "|".join(map(re.escape, LANGUAGE["qualifiers"]["suffix"]))
    pattern = rf"(?<![\d.]){re.escape(number)}(?:\.0+)?(?![\d.])(?:{re.escape(unit)})?(?:{after})?" if number else "(?!)"
    found = re.search(pattern, evidence)
    return found.span() if found else (0, len(evidence))

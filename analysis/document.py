"""The whole flow for one document: read -> normalise -> sections -> figures/tables -> table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .figures import Unparsed, extract_figures
from .meta import ReportMeta, infer_meta
from .normalise import clean, normalise
from .read import ReadError, read_source
from .sections import find_sections
from .table import rows_to_table, to_rows
from .tables import extract_tables

PERIOD_SPAN = 6  # years between a report's session and the periods it speaks of (十四五: 2025)


class MetadataError(ReadError):
    """A report whose region or year is neither in the text nor in the manifest."""


@dataclass
class Extraction:
    """One document's rows (plain dicts, cheap to pass between processes), its
    metadata, and the sentences that named an indicator but yielded no row."""

    doc: str
    rows: list[dict]
    meta: ReportMeta
    unparsed: list[Unparsed] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The rows as a validated contract table."""
        return rows_to_table(self.rows)


def extract_document(text: str, doc: str, known: dict | None = None) -> Extraction:
    """Rows of one report's text; `known` is the user's metadata (a manifest row)."""
    normalised = normalise(text)
    cleaned = clean(normalised)
    meta = infer_meta(cleaned.text).updated(**(known or {}))
    missing = [name for name in ("region", "report_year") if not getattr(meta, name)]
    if missing:
        raise MetadataError(
            doc, f"no {' or '.join(m.replace('_', ' ') for m in missing)} found in the text; "
            "give it in a manifest (--manifest) with a 'file' column"
        )
    if not meta.region_level:
        meta = meta.updated(region_level="other")
    if not meta.report_type:
        meta = meta.updated(report_type="other")
    sections = find_sections(cleaned.text, meta.report_year)
    context = cleaned.text[:3000] + meta.parent_region + meta.region
    figures = extract_figures(cleaned, sections, context)
    mentions = figures.mentions + extract_tables(cleaned, sections, meta)
    # A period far from the session is a misread date (a garbled table header):
    # such figures are reported as unparsed, not written.
    plausible, unparsed = [], list(figures.unparsed)
    for m in mentions:
        if abs(m.period - meta.report_year) <= PERIOD_SPAN:
            plausible.append(m)
        else:
            unparsed.append(Unparsed(m.source_text, m.char_start, m.char_end))
    mentions = plausible
    return Extraction(doc, to_rows(mentions, meta, doc), meta, unparsed)


def extract(text: str, doc: str = "<text>", manifest_row: dict | None = None) -> pd.DataFrame:
    """The contract's table of one report's text.

    >>> rows = extract("政府工作报告\\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\\n"
    ...                "一、2021年工作总结\\n地区生产总值增长9%左右。\\n"
    ...                "二、2022年主要工作安排\\n地区生产总值增长7.5%以上。")
    >>> rows[["region", "period", "kind", "value", "qualifier"]].values.tolist()
    [['青云谱区', 2021, 'actual', 9.0, 'about'], ['青云谱区', 2022, 'target', 7.5, 'at_least']]
    """
    return extract_document(text, doc, manifest_row).table


def extract_file(path: str | Path, known: dict | None = None) -> Extraction:
    path = Path(path)
    source = read_source(path)
    try:
        extraction = extract_document(source.text, path.name, known)
    except MetadataError as error:
        raise MetadataError(path, error.reason) from None  # name the file as the user gave it
    for row in extraction.rows:  # the page of a PDF where the figure's evidence begins
        row["page"] = source.page(row["char_start"])
    return extraction

"""The whole flow for one document: read -> normalise -> sections -> figures/tables -> table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..observations import rows_to_table, to_rows
from .appendix_tables import extract_tables
from .files import ReadError, one_line_break, read_source
from .metadata import ReportMeta, infer_meta
from .normalise import clean, normalise
from .pairing import Mention
from .paths import decoded_name
from .periods import Reading
from .roundups import read_roundup
from .sections import find_sections
from .sentences import Unparsed, extract_figures
from .wide_tables import read_wide_tables

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
    """Rows of one report's text; `known` is the user's metadata (a manifest row).

    A text that names no region of its own (a news article on several cities' reports, or
    a manifest row whose region is empty) is read for the regions it names for each figure;
    figures that belong to no named region are reported as unparsed. Such a text without
    any named figure is refused.
    """
    normalised = normalise(one_line_break(text))  # (offsets index this text: \r\n counts as one break)
    cleaned = clean(normalised)
    meta = infer_meta(cleaned.text, doc).updated(**(known or {}))
    several = not meta.region and "region" in meta.evidence  # the text or the manifest says so
    if not meta.report_year:
        missing = "region or report year" if not (meta.region or several) else "report year"
        raise MetadataError(doc, f"no {missing} found in the text; {_MANIFEST_HINT}")
    if not meta.region_level:
        meta = meta.updated(region_level="other")
    if not meta.report_type:
        meta = meta.updated(report_type="other")
    outline = find_sections(cleaned.text, meta.report_year, meta.december)
    context = cleaned.text[:3000] + meta.parent_region + meta.region
    figures = extract_figures(cleaned, Reading(outline, context, meta.region_level if meta.region else ""))
    mentions = figures.mentions + extract_tables(cleaned, outline.sections, meta) + read_wide_tables(normalised, outline)
    if not meta.region:  # a text on several regions: the lists of a roundup too
        mentions += read_roundup(cleaned, outline, {(m.char_start, m.char_end) for m in mentions})
    # A period far from the session is a misread date (a garbled table header), and a figure
    # of no region cannot be written: such figures are reported as unparsed.
    kept, unparsed = [], list(figures.unparsed)
    for m in mentions:
        if abs(m.period - meta.report_year) <= PERIOD_SPAN and (m.region or meta.region):
            kept.append(m)
        else:
            unparsed.append(Unparsed(m.source_text, m.char_start, m.char_end))
    if not meta.region and not kept:
        if several:
            raise MetadataError(doc, f"no figure names its region in a text about several regions; {_MANIFEST_HINT}")
        raise MetadataError(doc, f"no region found in the text; {_MANIFEST_HINT}")
    return Extraction(doc, to_rows(one_per_figure(kept, cleaned.text), meta, doc), meta, unparsed)


_MANIFEST_HINT = "give it in a manifest (--manifest) with a 'file' column"
# Older wordings, read only where the report gives no newer one for the same figure
# (DATA_CONTRACT.md, "National reports").
_OLDER_WORDINGS = ("纯收入", "生活费收入")
HEADLINE_LENGTH = 40


def one_per_figure(mentions: list[Mention], text: str) -> list[Mention]:
    """Each figure once: a headline that repeats a figure of the body ("江苏2023年GDP达12.82万亿元
    增5.8%" above the report's sentence) and a figure stated twice are the same figure; an
    older wording (农民人均纯收入) gives way to the newer one of the same figure."""
    head_lines = set(text[:2000].split("\n"))
    keys = [(m.region, m.indicator, m.period, m.kind, m.measure) for m in mentions]
    older = [any(w in m.indicator_text for w in _OLDER_WORDINGS) for m in mentions]
    headline = [_in_headline(m, head_lines) for m in mentions]
    newer = {k for k, old in zip(keys, older) if not old}
    # A headline restates a figure of the body, whatever it makes of its year and kind
    # ("GDP目标增速8.5%" above "本市生产总值增长8.5%左右").
    body = {_stated(m) for m, top in zip(mentions, headline) if not top}
    seen, kept = set(), []
    for m, k, old, top in zip(mentions, keys, older, headline):
        full = (k, m.value, m.unit, m.qualifier, m.basis, m.text)
        if full not in seen and not (old and k in newer) and not (top and _stated(m) in body):
            kept.append(m)
            seen.add(full)
    return kept


def _stated(m: Mention) -> tuple:
    return m.region, m.indicator, m.measure, m.value, m.unit


def _in_headline(m: Mention, head_lines: set[str]) -> bool:
    """A figure read from a short line near the top that ends no sentence: a title, a headline."""
    return len(m.source_text) <= HEADLINE_LENGTH and m.source_text[-1:] not in "。；;" and m.source_text in head_lines


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
        extraction = extract_document(source.text, decoded_name(path), known)  # a GBK name as text, for its evidence
    except MetadataError as error:
        raise MetadataError(path, error.reason) from None  # name the file as the user gave it
    for row in extraction.rows:  # the page of a PDF where the figure's evidence begins
        row["page"] = source.page(row["char_start"])
    return extraction

"""Evidence: where in its sentence a figure stands, and that sentence as escaped HTML.

The table keeps each figure's sentence (`source_text`) and the figure's offsets in the whole
document (`char_start`, `char_end`); a page that shows a value from a table file has the
sentence but not the document. `mark_records` finds the figure in its sentence again: the
number as printed (9, 9.0 or 9.00 for 9.0), with its unit and a 左右/以上/以内 that follow it,
after the indicator's words (`indicator_text`) where they are there, taking the figures of one
sentence in the order they stand in the document, so that "4.5左右 | 4.4 | 9左右" marks each
cell once. A figure printed in Chinese numerals (百分之九点五, 二千零一十五亿元, 突破万亿元) is found by
the reader's own pattern of printed values (`reading.tokens.find_values`). A figure that cannot
be found is shown with its sentence unmarked: offsets -1.

Report text is data, not markup: every piece is escaped before <mark> goes in.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

# Words printed right after a figure that belong to it (its qualifier).
_SUFFIX = "(?:左右|以上|以内|以下|多)?"
_RANGE = r"\s*[-—–~～至到]\s*"


def _number(value: float) -> str:
    """A regular expression for a number as a report may print it: 9 as 9, 9.0 or 9.00."""
    whole, _, fraction = f"{abs(value):.10g}".partition(".")
    if "e" in whole:  # far too large or small to be printed as digits in a report
        return re.escape(f"{abs(value):f}".rstrip("0").rstrip("."))
    fraction = rf"\.{fraction}0*" if fraction else r"(?:\.0+)?"
    return rf"(?<![\d.]){whole}{fraction}(?!\.?\d)"


@lru_cache(maxsize=4096)
def figure_pattern(value: float, value_high: float, unit: str) -> re.Pattern:
    """The figure as printed: its number, an optional unit, a range's upper end, a qualifier."""
    unit = rf"(?:\s*{re.escape(unit)})?" if unit else ""
    pattern = _number(value) + unit
    if not math.isnan(value_high):
        pattern += _RANGE + _number(value_high) + unit
    return re.compile(pattern + _SUFFIX)


def locate(row: dict, source_text: str, start: int = 0) -> tuple[int, int]:
    """(start, end) of the row's figure in `source_text`: after its indicator's words where
    they stand at or after `start` (a number before them is another one: 2022年, 第5次), else
    from `start`, else from the beginning; (-1, -1) where it is not found. A qualitative target
    marks its words."""
    value = row["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        words = row.get("text", "")
        found = source_text.find(words, start) if words else -1
        found = source_text.find(words) if words and found < 0 else found
        return (found, found + len(words)) if found >= 0 else (-1, -1)
    high = row.get("value_high")
    high = float("nan") if high is None else float(high)
    pattern = figure_pattern(float(value), high, row.get("unit", "") or "")
    words = row.get("indicator_text", "")
    at = source_text.find(words, start) if words else -1
    match = (pattern.search(source_text, at + len(words)) if at >= 0 else None) or \
        pattern.search(source_text, start) or pattern.search(source_text)  # fmt: skip
    if match:
        return match.span()
    return _printed_in_words(source_text, float(value), row.get("unit", "") or "", max(at + len(words), start))


def _printed_in_words(source_text: str, value: float, unit: str, start: int) -> tuple[int, int]:
    """(start, end) of a figure printed in Chinese numerals (百分之九点五) or in words (突破万亿元):
    the first printed value of that number and unit from `start`, else from the beginning."""
    if not re.search("[零〇一二两三四五六七八九十百千万亿]", source_text):
        return -1, -1
    from ..reading.tokens import find_values  # the reader's pattern of printed values, loaded when needed

    found = [v for v in find_values(source_text) if math.isclose(v.value, value) and (not unit or v.unit == unit)]
    after = [v for v in found if v.start >= start] or found
    return (after[0].start, after[0].end) if after else (-1, -1)


def mark_records(records: list[dict]) -> list[dict]:
    """Each record (an observation as a dict) with `mark_start` and `mark_end`: where its
    figure stands in its `source_text`. Records of one document must come in the order of
    `char_start`, as a document yields them; figures of one sentence are then found in turn."""
    after: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record["doc"], record["source_text"])
        start, end = locate(record, record["source_text"], after.get(key, 0))
        if start >= 0:
            after[key] = end
        record["mark_start"], record["mark_end"] = start, end
    return records


# -- HTML ---------------------------------------------------------------------------------------


def highlight_evidence(source_text: str, start: int, end: int) -> str:
    """HTML of a text with [start, end) marked; everything escaped.

    >>> highlight_evidence("<b>增长9%</b>", 5, 7)
    '&lt;b&gt;增长<mark>9%</mark>&lt;/b&gt;'
    """
    return highlight_spans(source_text, [(start, end)])


def highlight_spans(text: str, spans) -> str:
    """HTML of `text` with each (start, end) span marked (overlaps merged); all escaped."""
    out, position = [], 0
    for start, end in _merged(spans, len(text)):
        out += [html.escape(text[position:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        position = end
    return "".join(out) + html.escape(text[position:])


def _merged(spans, size: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(s)), min(size, int(e))) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


@dataclass(frozen=True)
class Evidence:
    """One value's evidence: the sentence it was read from, where the figure stands in it, the
    document of that sentence and every document stating the value (`docs`, "a.txt; b.txt").

    As HTML it is a <details> element: `label` (the value as the page writes it) or else the
    figure as printed as its summary (原文, source, where neither is there), opening on the
    sentence with the figure marked and the documents, each a <cite> (the page of a PDF beside
    it), with no script. A table row read from an appendix table ("地区生产总值 | 亿元 | 4.5左右 |
    4.4") opens as a grid of its cells under `columns`: what each cell was read as (2020年 目标),
    from the rows of the table read from that row (`table_columns`). Everything from the report
    is escaped.

    >>> print(Evidence("a.txt", "增长9%左右<b>", 2, 6).html())
    <details class="evidence"><summary>9%左右</summary><blockquote>增长<mark>9%左右</mark>&lt;b&gt;<footer><cite>a.txt</cite></footer></blockquote></details>
    """

    doc: str
    source_text: str
    start: int = -1
    end: int = -1
    docs: str = ""
    label: str = ""
    page: int | None = None
    columns: tuple = ()  # ((start, end, what the cell was read as), ...) of a table row

    def html(self, lang: str = "zh") -> str:
        found = 0 <= self.start < self.end
        summary = self.label or (self.source_text[self.start : self.end] if found else
                                 ("原文" if lang == "zh" else "source"))  # fmt: skip
        body = marked_text(self.source_text, [(self.start, self.end)] if found else [], self.columns, lang)
        # The sentence's document first, then any other stating the same value.
        others = [d for d in (self.docs or self.doc).split("; ") if d and d != self.doc]
        where = "" if self.page is None or pd.isna(self.page) else \
            (f", 第{int(self.page)}页" if lang == "zh" else f", p. {int(self.page)}")  # fmt: skip
        documents = "; ".join([f"<cite>{html.escape(self.doc)}</cite>{where}",
                               *(f"<cite>{html.escape(d)}</cite>" for d in others)])  # fmt: skip
        return (f'<details class="evidence"><summary>{html.escape(summary)}</summary>'
                f"<blockquote>{body}<footer>{documents}</footer></blockquote></details>")  # fmt: skip


TABLE_CELL = " | "  # how the reader joins the cells of a table row (reading.appendix_tables)


def marked_text(text: str, spans, columns=(), lang: str = "zh") -> str:
    """A sentence with `spans` marked, or, for a table row whose cells were read (`table_columns`),
    the row as a grid under what each cell was read as: the row alone does not say which cell is
    which year's target."""
    return _grid(text, spans, columns, lang) if columns and TABLE_CELL in text else highlight_spans(text, spans)


def _grid(row: str, spans, columns, lang: str) -> str:
    """A table row as a grid: each cell under what it was read as, the figure's cell marked."""
    heads, cells, position = [], [], 0
    for cell in row.split(TABLE_CELL):
        start, end = position, position + len(cell)
        read_as = dict.fromkeys(label for s, e, label in columns if start <= s < end)
        heads.append(html.escape(" / ".join(read_as)))
        inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
        cells.append(highlight_spans(cell, inside))
        position = end + len(TABLE_CELL)
    caption = "表中一行：各格上方为读出的年份与类别" if lang == "zh" else "a table row: above each cell, the year and kind it was read as"
    return (f'<table class="evidence-row"><caption>{caption}</caption><tr>'
            + "".join(f"<th>{h}</th>" for h in heads) + "</tr><tr>"
            + "".join(f"<td>{c}</td>" for c in cells) + "</tr></table>")  # fmt: skip


def table_columns(observations: pd.DataFrame, lang: str = "zh") -> dict[tuple[str, str], tuple]:
    """(doc, table row) -> ((start, end, what the cell was read as), ...) for every row of a table
    (a source_text with cells joined by " | "): where each figure read from it stands in the row,
    and its year, kind and region where not the report's own (2021年 目标, 全市 2021年 实际)."""
    from ..labels import kind_label

    rows = observations[observations["source_text"].str.contains(TABLE_CELL, regex=False)]
    if rows.empty:
        return {}
    rows = rows.sort_values(["doc", "char_start"], kind="stable")
    marked = mark_records(rows.to_dict("records"))
    out: dict[tuple[str, str], list] = {}
    own = {}
    for record in marked:
        if record["mark_start"] < 0:
            continue
        own.setdefault(record["doc"], record["region"])
        region = "" if record["region"] == own[record["doc"]] else record["region"] + " "
        year = f"{record['period']}年" if lang == "zh" else str(record["period"])
        out.setdefault((record["doc"], record["source_text"]), []).append(
            (record["mark_start"], record["mark_end"], f"{region}{year} {kind_label(record['kind'], lang)}"))
    return {key: tuple(spans) for key, spans in out.items()}


def evidence_of(frame, role: str, labels=None, columns=None) -> list[Evidence | None]:
    """The evidence of each row's `role` value (target, outcome, ancestor) of a comparison table
    (columns <role>_doc, <role>_source_text, <role>_mark_start, <role>_mark_end and, where the
    table has them, <role>_docs and <role>_page); None where the row has no such value.
    `labels` are the values as the page writes them (the summaries), `columns` the cells of
    table rows as read (`table_columns`)."""
    docs = frame[f"{role}_docs"] if f"{role}_docs" in frame else frame[f"{role}_doc"]
    pages = frame[f"{role}_page"] if f"{role}_page" in frame else [None] * len(frame)
    labels = [""] * len(frame) if labels is None else labels
    out: list[Evidence | None] = []
    for doc, text, start, end, every, page, label in zip(frame[f"{role}_doc"], frame[f"{role}_source_text"],
                                                         frame[f"{role}_mark_start"], frame[f"{role}_mark_end"],
                                                         docs, pages, labels):  # fmt: skip
        if not isinstance(text, str) or not text:
            out.append(None)
            continue
        start = -1 if pd.isna(start) else int(start)
        end = -1 if pd.isna(end) else int(end)
        cells = (columns or {}).get((doc, text), ())
        out.append(Evidence(doc, text, start, end, every if isinstance(every, str) else "", label or "",
                            None if page is None or pd.isna(page) else int(page), cells))  # fmt: skip
    return out

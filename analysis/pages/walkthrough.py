"""The page notebooks/walkthrough.ipynb: one report followed from its raw text to its rows, for teaching.

It reads a report itself (seeds/ or any path), so `walkthrough` imports the reading chain when
it is called: pages of a ready table do not need it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..compare.evidence import highlight_spans
from ..errors import ParameterError
from ..labels import check_lang, region_label, report_type_label
from .header import PageHeader, page_header
from .load import SEEDS
from .tables import as_html, html_table

if TYPE_CHECKING:
    from IPython.display import HTML

HEADING = "From a report to rows (teaching)"
HEADING_ZH = "从报告到数据（教学）"


def find_report(doc: str) -> Path:
    """A report by its file name in seeds/, or by its path; the path may end in the name the table
    gives a file whose name is not UTF-8 (西湖区.txt for GBK bytes), which a page's parameters
    can hold where the bytes cannot."""
    from ..reading.paths import decoded_name

    path = Path(doc)
    named = [p for p in (path.parent.iterdir() if path.parent.is_dir() and not path.exists() else ())
             if decoded_name(p) == path.name]  # fmt: skip
    for candidate in (path, SEEDS / doc, *named):
        if candidate.suffix.lower() in (".txt", ".html", ".htm", ".pdf", ".docx") and candidate.is_file():
            return candidate
    valid = ", ".join(p.name for p in sorted(SEEDS.glob("*.txt")))
    raise ParameterError(f"doc {doc!r} not in seeds/ and not a report file; valid: {valid}")


# The columns of the contract a student reads first.
WALK_COLUMNS = ["region", "indicator", "indicator_text", "period", "kind", "measure", "value", "unit", "qualifier",
                "value_high", "basis", "text"]  # fmt: skip


@dataclass
class Walkthrough:
    """One report followed from its raw text to its rows (see `walkthrough`)."""

    doc: str
    text: str  # the normalised text: the table's offsets index it
    table: pd.DataFrame
    meta: dict
    row: int
    lang: str

    def header(self) -> PageHeader:
        """The page's head: "从报告到数据：qingyunpu_2022_plan_report.txt", and what the report is."""
        region, year, kind = self.meta["region"], self.meta["report_year"], self.meta["report_type"]
        if self.lang == "zh":
            title = f"从报告到数据：{self.doc}"
            intro = (f"{region}{year}年的{report_type_label(kind, 'zh')}，读出{len(self.table)}行；"
                     f"下面跟随第{self.row}行所在的句子。")  # fmt: skip
        else:
            title = f"From a report to rows: {self.doc}"
            intro = (f"The {report_type_label(kind, 'en')} of {region_label(region, 'en')} of {year}: "
                     f"{len(self.table)} rows read; below, the sentence of row {self.row} is followed.")  # fmt: skip
        return page_header(title, self.table, self.doc, self.lang, intro)

    def opening(self, lines: int = 12) -> HTML:
        """The first lines of the report as printed (escaped)."""
        head = "\n".join(self.text.lstrip().splitlines()[:lines])
        return as_html(f"<pre style='white-space:pre-wrap'>{html.escape(head)}\n…</pre>")

    def metadata(self) -> HTML:
        """What the report says about itself (or its manifest row says for it)."""
        return html_table(pd.DataFrame([self.meta]), self.lang)

    def _sentence_rows(self) -> pd.DataFrame:
        sentence = self.table.loc[self.row, "source_text"]
        return self.table[self.table["source_text"] == sentence]

    def sentence(self) -> HTML:
        """The sentence (or table row) of the chosen row, every figure read from it marked."""
        rows = self._sentence_rows().sort_values("char_start")
        sentence = self.table.loc[self.row, "source_text"]
        spans, position = [], 0
        # Each figure's evidence, as printed, found in turn in the sentence (a table row is
        # kept as one line, "地区生产总值 | 亿元 | 4.5左右 | 4.4 ...").
        for start, end in zip(rows["char_start"], rows["char_end"]):
            found = _find_evidence(sentence, self.text[start:end], position)
            if found < 0:
                break
            spans.append((found, found + end - start))
            position = found + end - start
        if len(spans) < len(rows):  # the sentence was cleaned of line breaks: show the text as printed
            left = self.text.rfind("\n", 0, int(rows["char_start"].min())) + 1
            right = self.text.find("\n", int(rows["char_end"].max()))
            sentence = self.text[left : right if right >= 0 else len(self.text)]
            spans = [(s - left, e - left) for s, e in zip(rows["char_start"], rows["char_end"])]
        passage = highlight_spans(sentence, spans).replace("\n", "<br>")
        return as_html(f"<blockquote style='line-height:1.9'>{passage}</blockquote>")

    def sentence_rows(self) -> HTML:
        """The rows that sentence yields, with the evidence of each."""
        rows = self._sentence_rows().assign(evidence=lambda d: [self.text[s:e] for s, e in
                                                                zip(d["char_start"], d["char_end"])])  # fmt: skip
        return html_table(rows, self.lang, columns=["evidence", *WALK_COLUMNS], label=False)

    def tidy_table(self) -> HTML:
        """Every row of the report, in the contract's words."""
        return html_table(self.table, self.lang, columns=WALK_COLUMNS, label=False)


def _find_evidence(sentence: str, evidence: str, position: int) -> int:
    """Where `evidence` stands in `sentence` from `position`; in a table row, only a whole
    cell counts (5.5左右 is not the tail of the cell 同口径5.5左右)."""
    if " | " not in sentence:
        return sentence.find(evidence, position)
    for match in re.finditer(re.escape(evidence), sentence[position:]):
        at = position + match.start()
        if sentence[:at].endswith(" | ") and sentence[at + len(evidence) :][:3] in (" | ", ""):
            return at
    return -1


def walkthrough(doc: str, row: int = -1, lang: str = "zh") -> Walkthrough:
    """Read one report (a file of seeds/ or a path; with its row of the manifest.csv beside it,
    if there is one) for teaching.

    `row` picks the row whose sentence is followed; -1 picks the sentence that yields the
    most rows (the first such).
    """
    from ..reading.corpus import load_manifest
    from ..reading.document import extract_document
    from ..reading.files import read_text
    from ..reading.normalise import normalise
    from ..reading.paths import decoded_name

    check_lang(lang)
    path = find_report(doc)
    manifest = path.parent / "manifest.csv"  # the folder's manifest, as `make report` reads it
    name = decoded_name(path)  # the name the table gives it: text, even where the file system's is not UTF-8
    known = load_manifest(manifest).get(name, {}) if manifest.is_file() else {}
    text = read_text(path)
    extraction = extract_document(text, name, known)
    table = extraction.table.reset_index(drop=True)
    if not len(table):
        raise ParameterError(f"doc {doc!r} yields no rows; valid: a report with headline figures")
    if isinstance(row, bool) or not isinstance(row, int) or not -1 <= row < len(table):
        raise ParameterError(f"row {row!r} not a row of {name}; valid: -1 (the richest sentence) "
                             f"or 0 to {len(table) - 1}")  # fmt: skip
    if row == -1:
        counts = table.groupby("source_text", sort=False)["char_start"].agg(["size", "min"])
        best = counts.sort_values(["size", "min"], ascending=[False, True], kind="stable").index[0]
        row = int(table.index[table["source_text"] == best][0])
    meta = {k: getattr(extraction.meta, k) for k in ("region", "region_level", "parent_region",
                                                      "report_type", "report_year")}  # fmt: skip
    return Walkthrough(name, normalise(text), table, meta, row, lang)


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A walkthrough of each report of the table that can be found: in seeds/, or in `folders`,
    the folders the table was read from."""
    reports = _report_paths(folders)
    return [({"doc": reports[doc], "lang": lang}, f"{doc}: from the raw text to rows")
            for doc in sorted(set(observations["doc"])) if doc in reports]  # fmt: skip


def _report_paths(folders) -> dict[str, str]:
    """Document name -> how a walkthrough page names its report: the name for a report of
    seeds/ (as before), the path for one of another folder. Names are those the table gives
    (`list_reports`: a name that is not UTF-8 as text, two files of one name apart)."""
    from ..reading.paths import REPORT_SUFFIXES, decoded_name, list_reports

    walked = tuple(s for s in REPORT_SUFFIXES if s != ".doc")  # named as text: parameters hold no other bytes
    found = {}
    listing = list_reports([folder for folder in folders or () if Path(folder).is_dir()])
    for path in listing.files:
        if path.suffix.lower() in walked:
            found.setdefault(listing.docs[path], str(path.resolve().parent / decoded_name(path)))
    for path in list_reports([SEEDS]).files:
        if path.suffix.lower() in walked:
            found[path.name] = path.name
    return found

"""Report metadata from the text: region, level, parent, report type, report year.

Read from what the text says of itself: the meeting line ("——2022年1月13日在青云谱区第十七届
人民代表大会第二次会议上"), the title, the speaker's title (report_region.py, report_year.py).
News copies and excerpts often lack these; weaker evidence then decides, and says so.
`ReportMeta.evidence` names what decided each field ("kind: words"), so that a user can audit
it (`--summary`), and `ReportMeta.weak_fields` names the fields that only weak evidence decided
(a dateline, the places a text names, the file name), so that their rows can be flagged. What
the text does not say is left empty for the manifest to fill; a place merely mentioned (北京,
香港) never becomes the region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .. import regions
from .report_region import find_region, region_of_file_name, region_of_places_named, several_regions
from .report_year import (
    FIRST_YEAR,
    INFERRED,
    KINDS,
    LAST_RESORT,
    LAST_YEAR,
    PLANNED,
    STATED,
    WEAK,
    YearCue,
    decide_year,
    year_cues,
)

__all__ = ["FIRST_YEAR", "LAST_YEAR", "META_FIELDS", "ReportMeta", "evidence_strength", "infer_meta"]

META_FIELDS = ("region", "region_level", "parent_region", "report_type", "report_year")
GIVEN = "given"  # by the user, in the manifest
# How far each kind of evidence may be trusted: the report's own words (STATED), what it says of
# this year and last or of several regions (INFERRED), or only WEAK: a page's date may be a
# repost's, the places named may be a neighbour's; the file name is the LAST_RESORT.
EVIDENCE_KINDS = {**KINDS, "role": STATED, "several regions": INFERRED, "places named": WEAK,
                  "file name": LAST_RESORT, "manifest": GIVEN}  # fmt: skip
_HEAD = 3000  # titles and the meeting line stand near the top


def evidence_strength(how: str) -> str:
    """stated, inferred, weak, last resort or given, for evidence as recorded ("dateline: …")."""
    return EVIDENCE_KINDS.get(how.split(":", 1)[0], INFERRED)


@dataclass
class ReportMeta:
    region: str = ""
    region_level: str = ""
    parent_region: str = ""
    report_type: str = ""
    report_year: int = 0
    # The session met in November or December: it reviews its own year and plans the next.
    december: bool = False
    # Field -> what decided it, "kind: words" ("role: 在青云谱区第十七届人民代表大会", "manifest").
    evidence: dict[str, str] = field(default_factory=dict, compare=False)
    # The year the text's title, targets or headings plan (0 where none does): a manifest's
    # year one before it is a session held in December.
    planned_year: int = field(default=0, compare=False)

    @property
    def weak_fields(self) -> tuple[str, ...]:
        """The fields (region, report_year) that only weak or last-resort evidence decided."""
        return tuple(f for f, how in self.evidence.items() if evidence_strength(how) in (WEAK, LAST_RESORT))

    def updated(self, **known) -> ReportMeta:
        """A copy where every non-empty value of `known` wins (the user's manifest). A region
        given as "" says the text is about several regions: each figure's region is the one it
        names (DATA_CONTRACT.md), never the text's."""
        several = known.get("region") == ""
        given = {k: v for k, v in known.items() if k in META_FIELDS and v not in ("", None)}
        if "report_year" in given:
            given["report_year"] = int(float(given["report_year"]))
            if self.planned_year:
                given["december"] = self.planned_year == given["report_year"] + 1
        if several:
            given = {"region_level": "", "parent_region": "", **given, "region": ""}
        elif given.get("region", self.region) != self.region:
            # Another region than the text's: its level and parent come with it, from the
            # division table, unless the user gives them too.
            region = regions.lookup(given["region"], context=given.get("parent_region", ""))
            given.setdefault("region_level", region.level if region else "other")
            given.setdefault("parent_region", region.parent if region else "")
        evidence = {**self.evidence, **{k: "manifest" for k in given if k in ("region", "report_year")}}
        return replace(self, **given, evidence=evidence)


def infer_meta(text: str, name: str = "") -> ReportMeta:
    """Metadata that the text (and, as a last resort, its file `name`) states; empty fields
    where it is silent.

    >>> m = infer_meta("政府工作报告\\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上")
    >>> (m.region, m.region_level, m.parent_region, m.report_type, m.report_year)
    ('青云谱区', 'district', '南昌市', 'government_work_report', 2022)
    >>> m.evidence["region"]
    'role: 在青云谱区第十七届人民代表大会'
    >>> m = infer_meta("今年全市地区生产总值增长6%左右。", "南宁市2016年政府工作报告.txt")
    >>> (m.region, m.report_year, m.weak_fields)
    ('南宁市', 2016, ('region', 'report_year'))
    """
    head = text[:_HEAD]
    evidence = {}
    several = several_regions(head)
    found = find_region(head, text, several=bool(several))
    if found is None and not several:
        found = region_of_places_named(text) or region_of_file_name(name)
    region = None
    if found is not None:
        region, evidence["region"] = found
    elif several:
        evidence["region"] = f"several regions: {several}"
    cues = year_cues(text, name, stated_only=True)
    if not settled(cues):  # (the cues the text gives of this year and last, read only where they count)
        cues = year_cues(text, name)
    year, december, evidence["report_year"] = decide_year(cues, text)
    report_type = find_report_type(head)
    if report_type == "other" and evidence.get("report_year", "").startswith("file name"):
        report_type = find_report_type(name)
    meta = ReportMeta(report_type=report_type, report_year=year, december=december,
                      evidence={k: v for k, v in evidence.items() if v}, planned_year=planned_year(cues))  # fmt: skip
    if region is not None:
        meta = replace(meta, region=region.name, region_level=region.level, parent_region=region.parent)
    return meta


def find_report_type(head: str) -> str:
    # (A bulletin's title may be cut short by the page: "…2006年国民经济和社会发展统计公".)
    if "统计公报" in head or re.search(r"国民经济和社会发展统计公?$", head, re.M):
        return "statistical_bulletin"
    if re.search(r"计划执行情况|计划草案|国民经济和社会发展计划", head):
        return "plan_report"
    if "政府工作报告" in head or re.search(r"政\s*府\s*工\s*作\s*报\s*告|向大会报告政府工作", head):
        return "government_work_report"
    return "other"


def settled(cues) -> bool:
    """Whether a report's meeting line and titles (`year_cues(..., stated_only=True)`) decide its
    year and the year it plans as all its cues would: the strongest of them is no title (which
    the text's other cues may contradict: `report_year.decide_year`), and one names the year planned."""
    stated = [c for c in cues if KINDS[c.kind] == STATED]
    return bool(stated) and stated[0].kind not in ("title", "headline") and any(c.relation == PLANNED for c in stated)


def planned_year(cues: list[YearCue]) -> int:
    """The year the report's own title, targets or headings plan; 0 where none does."""
    return next((c.year for c in cues if c.relation == PLANNED and KINDS[c.kind] in (STATED, INFERRED)), 0)

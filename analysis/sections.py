"""Review vs plan: which part of a report a sentence stands in decides its period and kind.

A report of 2022 reviews 2021 (outcomes: period 2021, actual or estimate) and
plans 2022 (targets: period 2022). Headings say which part begins where
("一、2021年工作总结", "2022年工作安排", "二、2021年…预期目标"); the years they
name win over the report year, since some sessions meet in December and plan
for the year after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import LANGUAGE

REVIEW, PLAN = "review", "plan"

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+部分|[(（][一二三四五六七八九十]+[)）])")
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})年")
_REVIEW = re.compile(LANGUAGE["review_headings"])
_PLAN = re.compile(LANGUAGE["plan_headings"])
_NEXT_YEAR = re.compile(r"今年|明年|新的一年")


@dataclass(frozen=True)
class Section:
    start: int  # offsets in the cleaned text
    end: int
    role: str  # review or plan
    period: int
    heading: str


def heading_role(line: str) -> str | None:
    """review, plan or None for a line that is a heading of one of them.

    >>> heading_role("一、2021年工作总结")
    'review'
    >>> heading_role("2022年工作安排")
    'plan'
    >>> heading_role("(一)提升产业能级再上新台阶") is None
    True
    """
    line = line.strip()
    if not line or len(line) > 45 or line[-1] in "。；;,，":
        return None
    standalone = bool(_NUMBERED.match(line)) or bool(_YEAR.search(line)) or len(line) <= 12
    if not standalone:
        return None
    if _REVIEW.search(line):
        return REVIEW
    if _PLAN.search(line) and (_YEAR.search(line) or _NUMBERED.match(line) or _NEXT_YEAR.search(line)):
        return PLAN
    return None


def find_sections(text: str, report_year: int) -> list[Section]:
    """Review and plan sections of a report, covering the whole text.

    Text before the first heading counts as review. Years: a heading's own year,
    else the report year for the plan and the year before it for the review.
    """
    marks: list[tuple[int, str, int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        role = heading_role(line)
        if role is not None:
            years = [int(y) for y in _YEAR.findall(line)]
            marks.append((offset, role, max(years) if years else 0, line.strip()))
        offset += len(line)
    plan_years = [y for _, role, y, _ in marks if role == PLAN and y]
    review_years = [y for _, role, y, _ in marks if role == REVIEW and y]
    plan_year = min(plan_years) if plan_years else (max(review_years) + 1 if review_years else report_year)
    sections: list[Section] = []
    starts = [(0, REVIEW, 0, "")] + marks
    for i, (start, role, year, heading) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if end <= start:
            continue
        period = year or (plan_year if role == PLAN else plan_year - 1)
        sections.append(Section(start, end, role, period, heading))
    return sections


def section_at(sections: list[Section], position: int) -> Section:
    for section in sections:
        if section.start <= position < section.end:
            return section
    return sections[-1]

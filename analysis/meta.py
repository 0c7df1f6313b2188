"""Report metadata from the text: region, level, parent, report type, report year.

Read from the lines that state them (the title, the meeting line "——2022年1月13日
在青云谱区第十七届人民代表大会第二次会议上", the speaker's title), not from the
file name. What the text does not say is left empty for the manifest to fill.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from . import regions

FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years the schema accepts
META_FIELDS = ("region", "region_level", "parent_region", "report_type", "report_year")


@dataclass
class ReportMeta:
    region: str = ""
    region_level: str = ""
    parent_region: str = ""
    report_type: str = ""
    report_year: int = 0

    def updated(self, **known) -> ReportMeta:
        """A copy where every non-empty value of `known` wins (the user's manifest)."""
        given = {k: v for k, v in known.items() if k in META_FIELDS and v not in ("", None)}
        if "report_year" in given:
            given["report_year"] = int(float(given["report_year"]))
        if given.get("region", self.region) != self.region:
            # Another region than the text's: its level and parent come with it, from the
            # division table, unless the user gives them too.
            region = regions.lookup(given["region"], context=given.get("parent_region", ""))
            given.setdefault("region_level", region.level if region else "other")
            given.setdefault("parent_region", region.parent if region else "")
        return replace(self, **given)


_HEAD = 3000  # titles and the meeting line stand near the top
# Up to 24 characters: the longest names are autonomous counties of 15 (双江拉祜族佤族布朗族傣族自治县),
# written after their city's (临沧市双江…自治县).
_ADMIN_NAME = r"[\u4e00-\u9fff]{2,24}?(?:省|市|区|县|旗|州)"
# Places named in the roles that only the report's own government takes.
_ROLE_PATTERNS = [
    rf"在({_ADMIN_NAME})第[一二三四五六七八九十\d]+届人民代表大会",
    rf"({_ADMIN_NAME})第[一二三四五六七八九十\d]+届人民代表大会",
    rf"({_ADMIN_NAME})人民政府(?:区长|县长|市长|省长|代区长|代县长|代市长|代省长)",
    rf"代表({_ADMIN_NAME})人民政府",
    rf"\d{{4}}年({_ADMIN_NAME})人民政府工作报告",
    rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展",
    rf"关于({_ADMIN_NAME})\d{{4}}年",
    rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展统计公报",
    rf"({_ADMIN_NAME})(?:发展和改革委员会|发改委|统计局)",
    rf"({_ADMIN_NAME})[一二三四五六七八九十]+届人大[一二三四五六七八九十]+次会议",
    rf"({_ADMIN_NAME})(?:区长|县长|市长|省长)",
]
# A role phrase reaches at most this far from its role word ("在" + a name of up to 25
# characters + "第十七届" before 人民代表大会).
_ROLE_REACH = 36
_ROLE_WORDS = re.compile(r"人民代表大会|人民政府|国民经济和社会发展|统计公报|发展和改革|发改委|统计局|关于|人大|区长|县长|市长|省长")
_MEETING = re.compile(r"[-—]{1,2}\s*(\d{4})\s*年?[\d\s月日]*在")
_TITLE_YEAR = re.compile(r"(\d{4})年[\u4e00-\u9fff]{0,12}(?:人民政府工作报告|政府工作报告)")
_PLAN_YEARS = re.compile(r"(\d{4})年[^\n]{0,30}?计划执行情况[^\n]{0,6}?(\d{4})年")
_BULLETIN_YEAR = re.compile(r"(\d{4})年[^\n]{0,20}统计公报")
_PUBLISHED = re.compile(r"(?:生成日期|发布日期|发布时间|成文日期)[:：]?\s*(\d{4})-\d{1,2}-\d{1,2}")


def infer_meta(text: str) -> ReportMeta:
    """Metadata that the text states; empty fields where it is silent.

    >>> m = infer_meta("政府工作报告\\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上")
    >>> (m.region, m.region_level, m.parent_region, m.report_type, m.report_year)
    ('青云谱区', 'district', '南昌市', 'government_work_report', 2022)
    """
    head = text[:_HEAD]
    region = find_region(head, text) or most_named_region(text)
    year = find_report_year(head) or year_from_headings(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        year = 0  # a garbled date is no year at all
    meta = ReportMeta(report_type=find_report_type(head), report_year=year)
    if region is not None:
        meta = replace(meta, region=region.name, region_level=region.level, parent_region=region.parent)
    return meta


def find_region(head: str, text: str) -> regions.Region | None:
    """The government whose report this is: the most named in the report's roles;
    namesakes (南昌市西湖区, 杭州市西湖区) are told apart by the places named in those
    roles first ("2022年南昌市西湖区人民政府工作报告"), then by the whole text."""
    votes: Counter[str] = Counter()
    phrases = []
    # A line is read with the next one: pages break "在青云谱区第十七届⏎人民代表大会".
    rows = [line.strip() for line in head.splitlines() if line.strip()]
    pairs = [a + b for a, b in zip(rows, [*rows[1:], ""])]
    lines = "\n".join(window for pair in pairs for window in _role_windows(pair))
    for pattern in _ROLE_PATTERNS:
        for match in re.finditer(pattern, lines):
            name = _known_suffix(match.group(1))
            if name:
                votes[name] += 1
                phrases.append(match.group(1))
    if not votes:
        return None
    name = max(votes, key=lambda n: (votes[n], regions.by_name()[n][0].level != "province"))
    return regions.lookup(name, context="".join(phrases) * 20 + text)


def _role_windows(line: str) -> list[str]:
    """The stretches of a line around its role words: the role patterns, which may begin
    at any character, are tried there and not along whole paragraphs."""
    spans: list[list[int]] = []
    for match in _ROLE_WORDS.finditer(line):
        start, end = max(0, match.start() - _ROLE_REACH), match.end() + _ROLE_REACH
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return [line[start:end] for start, end in spans]


def most_named_region(text: str) -> regions.Region | None:
    """For an excerpt that never names its government's role: the place named
    most often, when it is named at least three times and twice as often as any
    other place; otherwise None (the user's manifest must say)."""
    from .tokens import regions_named_all  # tokens imports this module's neighbours

    counts = Counter(r.name for r in regions_named_all(text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return regions.lookup(ranked[0][0], context=text)


def year_from_headings(text: str) -> int:
    """The session's year from the report's own headings: the year its plan
    heading names ("二、2022年工作安排"), else the year after its review
    ("2022年工作回顾"). A session held in December plans the year after it; the
    manifest corrects that."""
    from .sections import PLAN, REVIEW, heading_role

    plans, reviews = [], []
    for line in text.splitlines():
        role = heading_role(line)
        years = [int(y) for y in re.findall(r"(?<!\d)(20\d{2}|19\d{2})年", line)]
        if role == PLAN and years:
            plans.append(min(years))
        elif role == REVIEW and years:
            reviews.append(max(years) + 1)
    return (plans or reviews or [0])[0]


def _known_suffix(phrase: str) -> str:
    """The longest tail of `phrase` that is a region name (赣州市赣县区 -> 赣县区)."""
    for start in range(len(phrase) - 1):
        if phrase[start:] in regions.by_name():
            return phrase[start:]
    return ""


def find_report_type(head: str) -> str:
    if "统计公报" in head:
        return "statistical_bulletin"
    if re.search(r"计划执行情况|计划草案|国民经济和社会发展计划", head):
        return "plan_report"
    if "政府工作报告" in head or re.search(r"政\s*府\s*工\s*作\s*报\s*告", head):
        return "government_work_report"
    return "other"


def find_report_year(head: str) -> int:
    """The year of the congress session: from the meeting line even when garbled
    ("——2022211日在…", "——2021 3日在…"), else the title, else the publication date.

    >>> find_report_year("——2022211日在西湖区第十七届人民代表大会")
    2022
    >>> find_report_year("关于赣县区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告")
    2021
    """
    # (pattern, group holding the year, years to add): the first plausible year wins.
    sources = ((_MEETING, 1, 0), (_TITLE_YEAR, 1, 0), (_PLAN_YEARS, 2, 0),
               (_BULLETIN_YEAR, 1, 1),  # a bulletin of year Y is published in Y+1
               (_PUBLISHED, 1, 0))  # fmt: skip
    for pattern, group, add in sources:
        for match in pattern.finditer(head):
            year = int(match.group(group)) + add
            if FIRST_YEAR <= year <= LAST_YEAR:
                return year
    return 0

"""Report metadata from the text: region, level, parent, report type, report year.

Read from the lines that state them (the title, the meeting line "——2022年1月13日
在青云谱区第十七届人民代表大会第二次会议上", the speaker's title), not from the
file name. News copies and summaries often lack the meeting line; the year then
comes from weaker evidence, in this order: the title (2024年政府工作报告), the
year of the targets (2023年…主要预期目标), the report's own headings, a dateline
(日期:2022年01月24日). `ReportMeta.evidence` names what decided each field, so
that a user can audit it (`--summary`). What the text does not say is left empty
for the manifest to fill; a place merely mentioned (北京, 香港) never becomes the
region.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .. import regions
from ..vocab import LANGUAGE
from .sections import year_number

FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years the schema accepts
META_FIELDS = ("region", "region_level", "parent_region", "report_type", "report_year")
# Evidence that only suggests a field (the first words of `evidence`): its rows are checked
# `weak_metadata` (analysis/compare/checks.py).
WEAK_EVIDENCE = ("named most often", "dateline", "file name")


@dataclass
class ReportMeta:
    region: str = ""
    region_level: str = ""
    parent_region: str = ""
    report_type: str = ""
    report_year: int = 0
    # The session met in November or December: it reviews its own year and plans the next.
    december: bool = False
    # Field -> what decided it ("meeting line: 在青云谱区第十七届人民代表大会", "manifest").
    evidence: dict[str, str] = field(default_factory=dict, compare=False)

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
        evidence = {**self.evidence, **{k: "manifest" for k in given if k in ("region", "report_year")}}
        return replace(self, **given, evidence=evidence)

    def weak_fields(self) -> tuple[str, ...]:
        """The fields (region, report_year) decided by weak evidence (WEAK_EVIDENCE)."""
        return tuple(f for f, said in self.evidence.items() if said.startswith(WEAK_EVIDENCE))


_HEAD = 3000  # titles and the meeting line stand near the top
# Up to 24 characters: the longest names are autonomous counties of 15 (双江拉祜族佤族布朗族傣族自治县),
# written after their city's (临沧市双江…自治县).
_ADMIN_NAME = r"[\u4e00-\u9fff]{2,24}?(?:省|市|区|县|旗|州)"
_NUMERAL = "[一二三四五六七八九十\\d]+"
# Places named in the roles that only the report's own government takes.
_ROLE_PATTERNS = [
    rf"在({_ADMIN_NAME})第{_NUMERAL}届人民代表大会",
    rf"({_ADMIN_NAME})第{_NUMERAL}届人民代表大会",
    rf"({_ADMIN_NAME})人民政府(?:区长|县长|市长|省长|代区长|代县长|代市长|代省长)",
    rf"代表({_ADMIN_NAME})人民政府",
    rf"\d{{4}}年({_ADMIN_NAME})(?:人民)?政府工作报告",
    rf"\n({_ADMIN_NAME})(?:\d{{4}}年)?(?:人民)?政府工作报告",  # a title: 南城县政府工作报告(2021年)
    rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展",
    rf"\d{{4}}年({_ADMIN_NAME})(?:人民政府)?国民经济和社会发展",
    rf"关于({_ADMIN_NAME})\d{{4}}年",
    rf"({_ADMIN_NAME})\d{{4}}年国民经济和社会发展统计公报",
    rf"({_ADMIN_NAME})(?:发展和改革委员会|发改委|统计局)",
    rf"({_ADMIN_NAME})第?{_NUMERAL}届人大{_NUMERAL}次会议",
    rf"({_ADMIN_NAME})(?:区长|县长|市长|省长)",
]
# The State Council's report: its meeting line and its speaker (DATA_CONTRACT.md, "National
# reports"). A local report that mentions the national session in passing has its own roles,
# which win a tie.
_NATIONAL_ROLES = re.compile(
    rf"在第{_NUMERAL}届全国人民代表大会第{_NUMERAL}次会议上|(?:^|——|\n)\s*国务院总理|国务院政府工作报告"
    r"|代表国务院[,，]?(?:向大会)?(?:作|报告)"
)
# A role phrase reaches at most this far from its role word ("在" + a name of up to 25
# characters + "第十七届" before 人民代表大会).
_ROLE_REACH = 36
_ROLE_WORDS = re.compile(r"人民代表大会|人民政府|国民经济和社会发展|统计公报|发展和改革|发改委|统计局|关于|人大|区长|县长|市长|省长|政府工作报告")
_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
_YEAR_NUMBER = rf"(\d{{4}}|{_CN_YEAR})"
_CN_MONTH = "[一二三四五六七八九十]{1,2}"
# The meeting line: "——2022年1月13日在…", "2022年1月22日,在南昌市第十六届人民代表大会…".
_MEETING = re.compile(
    rf"[-—]{{1,2}}\s*{_YEAR_NUMBER}\s*年?\s*(?:(\d{{1,2}}|{_CN_MONTH})\s*月)?[\d\s月日一二三四五六七八九十]*在"
)
_DATED_MEETING = re.compile(
    rf"{_YEAR_NUMBER}年(\d{{1,2}}|{_CN_MONTH})月[\d一二三四五六七八九十]{{1,3}}日[^。\n]{{0,8}}?在[^。\n]{{0,40}}?(?:人民代表大会|人大)"
)
# The session's month where its year is not given ("12月25日,东宝区第八届人民代表大会…开幕").
_SESSION_MONTH = re.compile(r"(?<![\d年])(\d{1,2})月\d{1,2}日[^。\n]{0,40}?(?:人民代表大会|人大)[^。\n]{0,16}?(?:会议|开幕)")
_TITLE_YEAR = re.compile(r"(\d{4})年[\u4e00-\u9fff]{0,12}(?:人民政府工作报告|政府工作报告)")
_TITLE_YEAR_AFTER = re.compile(r"政府工作报告[(（](\d{4})年?[)）]")  # 南城县政府工作报告(2021年)
# A news headline: "部署2022政府工作", "2024年江西政府工作报告解读".
_HEADLINE_YEAR = re.compile(r"(\d{4})年?[\u4e00-\u9fff]{0,12}?政府工作")
_PLAN_YEARS = re.compile(r"(\d{4})年[^\n]{0,30}?计划执行情况[^\n]{0,6}?(\d{4})年")
_BULLETIN_YEAR = re.compile(r"(\d{4})年[^\n]{0,20}统计公报")
# A statistics office's release on a whole year, published in the next ("2024年江西经济运行情况新闻发布会").
_RELEASE_YEAR = re.compile(r"(\d{4})年(?:全年)?[\u4e00-\u9fff]{0,8}?经济运行情况")
_TARGETS_YEAR = re.compile(r"(\d{4})年[,，]?[\u4e00-\u9fff]{0,16}?(?:主要预期目标|预期目标|增长目标)")
_PUBLISHED = re.compile(
    r"(?:生成日期|发布日期|发布时间|成文日期|日期|时间)[:：]\s*(\d{4})[-年./]\d{1,2}[-月./]\d{1,2}"
    r"|(?<!\d)(\d{4})-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}",  # a date with its time: 2024-01-23 17:02
)
_DATELINE_LINES = 8  # a dateline stands among the first lines of a news page


def infer_meta(text: str) -> ReportMeta:
    """Metadata that the text states; empty fields where it is silent.

    >>> m = infer_meta("政府工作报告\\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上")
    >>> (m.region, m.region_level, m.parent_region, m.report_type, m.report_year)
    ('青云谱区', 'district', '南昌市', 'government_work_report', 2022)
    >>> m.evidence["region"]
    'role: 在青云谱区第十七届人民代表大会'
    """
    head = text[:_HEAD]
    evidence = {}
    found = find_region(head, text)
    if found is not None:
        region, evidence["region"] = found
    else:
        region = most_named_region(text)
        if region is not None:
            evidence["region"] = f"named most often: {region.name}"
    year, december, evidence["report_year"] = find_report_year(head, text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        year, december = 0, False  # a garbled date is no year at all
    meta = ReportMeta(report_type=find_report_type(head), report_year=year, december=december,
                      evidence={k: v for k, v in evidence.items() if v})  # fmt: skip
    if region is not None:
        meta = replace(meta, region=region.name, region_level=region.level, parent_region=region.parent)
    return meta


def find_region(head: str, text: str) -> tuple[regions.Region, str] | None:
    """The government whose report this is, and the words that say so: the most named in
    the report's roles; namesakes (南昌市西湖区, 杭州市西湖区) are told apart by the places
    named in those roles first ("2022年南昌市西湖区人民政府工作报告"), then by the whole
    text. The State Council's meeting line or speaker make it 全国."""
    votes: Counter[str] = Counter()
    phrases: dict[str, list[str]] = {}
    # A line is read with the next one: pages break "在青云谱区第十七届⏎人民代表大会".
    rows = [line.strip() for line in head.splitlines() if line.strip()]
    pairs = [a + b for a, b in zip(rows, [*rows[1:], ""])]
    # (Each window on a line of its own, a line break before the first: a title's pattern starts there.)
    lines = "".join("\n" + window for pair in pairs for window in _role_windows(pair))
    for pattern in _ROLE_PATTERNS:
        for match in re.finditer(pattern, lines):
            name = _known_suffix(match.group(1))
            if name:
                votes[name] += 1
                phrases.setdefault(name, []).append(match.group(0))
    national = _NATIONAL_ROLES.search(head) if "国务院" in head or "全国人民代表大会" in head else None
    if national:
        votes[regions.NATION] += 1
        phrases[regions.NATION] = [national.group(0).strip("—\n ")]
    if not votes:
        return None
    name = max(votes, key=lambda n: (votes[n], regions.by_name()[n][0].level not in ("province", "country")))
    context = "".join(phrases[name]) * 20 + text
    region = regions.lookup(name, context=context)
    return (region, f"role: {phrases[name][0]}") if region else None


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


# The words a government uses of its own area (全县经济…), by the level of the area.
_OWN_AREA = {"province": ("全省",), "city": ("全市",), "county": ("全县", "全市", "全旗"), "district": ("全区",)}


def most_named_region(text: str) -> regions.Region | None:
    """For an excerpt that never names its government's role: the place named
    most often, when it is named at least three times and twice as often as any
    other place, and the text speaks of its own area at that place's level (全省 for a
    province, 全县 for a county); otherwise None (the user's manifest must say). A place
    a report mentions often in passing (香港 in a national report) is not its region."""
    from .tokens import regions_named_all  # tokens imports this module's neighbours

    counts = Counter(r.name for r in regions_named_all(text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    region = regions.lookup(ranked[0][0], context=text)
    if region is None or not any(word in text for word in _OWN_AREA.get(region.level, ())):
        return None
    return region


def year_from_headings(text: str) -> tuple[int, str]:
    """The year planned, from the report's own headings: the year its plan heading
    names ("二、2022年工作安排"), else the year after its review ("2022年工作回顾"),
    with the heading that says so."""
    from .sections import PLAN, REVIEW, heading_role, heading_years, review_period

    found: dict[str, list[tuple[int, str]]] = {PLAN: [], REVIEW: []}
    for line in text.splitlines():
        role = heading_role(line)
        years = heading_years(line)
        if role == PLAN and years:
            found[PLAN].append((min(years), line.strip()))
        elif role == REVIEW and years:
            found[REVIEW].append((review_period(line, years) + 1, line.strip()))
    first = (found[PLAN] or found[REVIEW] or [(0, "")])[0]
    return first[0], (f"heading: {first[1]}" if first[0] else "")


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


def find_report_year(head: str, text: str = "") -> tuple[int, bool, str]:
    """The year of the congress session, whether it met in December, and the words that say so.

    From the meeting line even when garbled ("——2022211日在…"); else, in this order, the
    title, the plan report's title, a bulletin's year, the year of the targets, the
    report's headings, a dateline. The title, the targets and the headings name the year
    planned: a session that met in December ("12月25日,…人民代表大会…开幕") is a year before it.

    >>> find_report_year("——2022211日在西湖区第十七届人民代表大会")[:2]
    (2022, False)
    >>> find_report_year("关于赣县区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告")[:2]
    (2021, False)
    >>> find_report_year("2020年东宝区政府工作报告\\n12月25日,东宝区第八届人民代表大会第五次会议开幕。")[:2]
    (2019, True)
    """
    for pattern in (_MEETING, _DATED_MEETING):
        for match in pattern.finditer(head):
            year = year_number(match.group(1))
            if FIRST_YEAR <= year <= LAST_YEAR:
                month = _month(match.group(2)) if match.group(2) else 0
                return year, month >= 11, f"meeting line: {match.group(0).strip('—- ')}"
    session_month = _SESSION_MONTH.search(head)
    december = bool(session_month) and int(session_month.group(1)) >= 11
    title = "\n".join(head.lstrip().splitlines()[:3])
    # (pattern, where, group holding the year, years to add, names the year planned)
    sources = ((_TITLE_YEAR, head, 1, 0, True), (_TITLE_YEAR_AFTER, title, 1, 0, True),
               (_HEADLINE_YEAR, title, 1, 0, True),
               (_PLAN_YEARS, head, 2, 0, False),
               (_BULLETIN_YEAR, head, 1, 1, False),  # a bulletin of year Y is published in Y+1
               (_RELEASE_YEAR, title, 1, 1, False),
               (_TARGETS_YEAR, text or head, 1, 0, True))  # fmt: skip
    for pattern, where, group, add, planned in sources:
        for match in pattern.finditer(where):
            if pattern is _RELEASE_YEAR and re.search(LANGUAGE["part_year"], match.group(0)):
                continue
            year = int(match.group(group)) + add - (planned and december)
            if FIRST_YEAR <= year <= LAST_YEAR:
                said = f"{_SOURCE_NAMES[pattern]}: {match.group(0)}"
                return year, december, said + (_december_note(session_month) if planned else "")
    planned, heading = year_from_headings(text or head)
    if planned:
        return planned - december, december, heading + _december_note(session_month)
    lines = "\n".join(head.splitlines()[:_DATELINE_LINES])
    for match in _PUBLISHED.finditer(lines):
        year = int(match.group(1) or match.group(2))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return year, december, f"dateline: {match.group(0).strip()}"
    return 0, False, ""


def _december_note(session_month: re.Match | None) -> str:
    """The evidence of a session held in November or December, which plans the year after it."""
    if session_month is None or int(session_month.group(1)) < 11:
        return ""
    return f"; the session met on {session_month.group(0)[:6].split(',')[0]}: the year before"


_SOURCE_NAMES = {_TITLE_YEAR: "title", _TITLE_YEAR_AFTER: "title", _HEADLINE_YEAR: "headline", _PLAN_YEARS: "plan report title",
                 _BULLETIN_YEAR: "bulletin title", _RELEASE_YEAR: "statistics release",
                 _TARGETS_YEAR: "year of the targets"}  # fmt: skip
def _month(numerals: str) -> int:
    """3 or 十二 -> the month's number."""
    if numerals.isdigit():
        return int(numerals)
    from .tokens import chinese_number

    return int(chinese_number(numerals) or 0)

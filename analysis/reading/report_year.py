"""The year of the session that heard a report, from what the text says of itself.

Every statement that dates the report is a cue: the meeting line ("——2022年1月13日在…"),
the title (2024年政府工作报告), the year of the targets, the headings, what the text says
of this year ("今年是“十四五”开局之年") and of the last ("过去一年…2012年,"; "2020年是极不
平凡的一年"), a dateline (发布时间:2022-01-24; a bulletin's issue date under its issuer),
and, as a last resort, the file name (南宁市2016年政府工作报告.txt). A cue names a year
and how it stands to the session: the session's own year, the year planned (the next for a
session held in November or December), or a year reviewed (the session is the year after).

Cues are read in the order of their strength (`STATED`, `INFERRED`, `WEAK`, `LAST_RESORT`) and
the strongest decides; but a title that nothing the text says of this year and last bears out,
and something contradicts (a page titled with another year than its text), leaves the year
unknown: precision first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..vocab import LANGUAGE
from .sections import year_number
from .spans import in_sentences

FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years the schema accepts
SESSION, PLANNED, REVIEWED = "session", "planned", "reviewed"
STATED, INFERRED, WEAK, LAST_RESORT = "stated", "inferred", "weak", "last resort"

_YEAR = r"(\d{4}|[〇零○0一二三四五六七八九]{4})"  # 2022, 二〇二二, 二0二二
_CN_MONTH = "[一二三四五六七八九十]{1,2}"
_MONTH = rf"(\d{{1,2}}|{_CN_MONTH})"
_DAY = r"[\d一二三四五六七八九十]{1,3}"
_NUMERAL = "[一二三四五六七八九十]+"


@dataclass(frozen=True)
class YearCue:
    kind: str  # what the words are: "meeting line", "title", "dateline", ... (see KINDS)
    words: str
    year: int
    relation: str  # SESSION, PLANNED or REVIEWED
    month: int = 0  # of a dated cue (the meeting line, a dateline), where printed

    def session_year(self, december: bool) -> int:
        """The session's year by this cue: a session held in December plans the year after it."""
        if self.relation == SESSION:
            return self.year
        return self.year - december + (self.relation == REVIEWED)


# The kind of each cue and how far it may be trusted: `STATED` by the report of itself, `INFERRED`
# from what it says of this year and last, `WEAK` (a page's date may be a repost's), `LAST_RESORT`.
KINDS = {
    "meeting line": STATED, "national session": STATED, "title": STATED, "headline": STATED,
    "plan report title": STATED, "bulletin title": STATED, "statistics release": STATED,
    "year of the targets": INFERRED, "heading": INFERRED, "this year": INFERRED,
    "the year it acts in": INFERRED, "the year it reviews": INFERRED, "outcomes of": INFERRED,
    "dateline": WEAK, "file name": LAST_RESORT,
}  # fmt: skip


# --- Stated: the meeting line and the titles ---

# "——2022年1月13日在…", garbled "——2022211日在…".
_MEETING = re.compile(rf"[-—][-—]?\s*{_YEAR}\s*年?\s*(?:{_MONTH}\s*月)?[\d\s月日一二三四五六七八九十]*在")
_DATED_MEETING = re.compile(
    rf"{_YEAR}年{_MONTH}月{_DAY}日[^。\n]{{0,8}}?在[^。\n]{{0,40}}?(?:人民代表大会|人大)"
)
# The national session named by its place in its term (在第十届全国人民代表大会第三次会议上): since
# the sixth NPC (1983) every term has lasted five years with one session a year.
_NATIONAL_SESSION = re.compile(rf"(?:在|向)第({_NUMERAL})届全国人民代表大会第([一二三四五])次会议")
_SIXTH_NPC, _SIXTH_NPC_YEAR = 6, 1983
# The session's month where its year is not given ("12月25日,东宝区第八届人民代表大会…开幕").
_SESSION_MONTH = re.compile(
    r"(?<![\d年])(\d{1,2})月\d{1,2}日[^。\n]{0,40}?(?:人民代表大会|人大)[^。\n]{0,16}?(?:会议|开幕)"
)
_TITLE_YEAR = re.compile(r"(\d{4})年[\u4e00-\u9fff]{0,12}(?:人民政府工作报告|政府工作报告)")
_TITLE_YEAR_AFTER = re.compile(r"政府工作报告[(（](\d{4})年?[)）]")  # 南城县政府工作报告(2021年)
# A news headline: "部署2022政府工作", "2024年江西政府工作报告解读".
_HEADLINE_YEAR = re.compile(r"(\d{4})年?[\u4e00-\u9fff]{0,12}?政府工作")
_PLAN_YEARS = re.compile(r"(\d{4})年[^\n]{0,30}?计划执行情况[^\n]{0,6}?(\d{4})年")
# A bulletin's title, also cut short by the page ("…2006年国民经济和社会发展统计公").
_BULLETIN_YEAR = re.compile(r"(\d{4})年[^\n]{0,20}(?:统计公报|国民经济和社会发展统计公?$)", re.M)
# A statistics office's release on a whole year, published in the next ("2024年江西经济运行情况新闻发布会").
_RELEASE_YEAR = re.compile(r"(\d{4})年(?:全年)?[\u4e00-\u9fff]{0,8}?经济运行情况")

# --- Inferred: the targets, the headings, what the text says of this year and last ---

_TARGETS_YEAR = re.compile(r"(\d{4})年[,，]?[\u4e00-\u9fff]{0,16}?(?:主要预期目标|预期目标|增长目标)")
# 今年 is the session's own year; the text names it by its place in a five-year plan (今年是“十四五”
# 开局之年) or as the year of a party congress (今年是党的二十大召开之年), or names it outright in
# the sentence that calls it 今年 ("2003年是…,做好今年政府工作,意义重大").
_THIS_YEAR = re.compile(r"今年是[^。\n]{0,80}")
_PLAN_NAME = re.compile(r"“?(十[一二三四五]?|九|八|七|六)五”?(?:规划|计划)?(?:的)?")
_PLAN_PLACES = (("开局|起步|第一年|开篇", 0), ("第二年", 1), ("承上启下|承前启后|中期|第三年", 2),
                ("第四年", 3), ("收官|最后一年|决胜|决战", 4))  # fmt: skip
_CONGRESS = re.compile(r"党的(十[六七八九]|二十[一二三]?)大(?:胜利)?召开之年")
_FIRST_PLAN_YEAR = 1951  # the N-th five-year plan starts in 1951 + 5N (十四五: 2021)
_SIXTEENTH_CONGRESS = 2002
_YEAR_IS_THIS_YEAR = re.compile(rf"(?:^|[。\n!！])[^。\n]{{0,6}}?{_YEAR}年[,，]?是[^。\n]{{0,80}}?今年")
# The year a clause says its government will act in ("会议提出,2022年,龙岗区将…").
_ACTS_IN = re.compile(
    rf"(?:^|[。\n,，:：!！])(?:[^。\n,，]{{0,6}}?(?:提出|明确|指出|表示)[,，]?)?{_YEAR}年[,，]?[\u4e00-\u9fff]{{0,8}}?(?<!即)将"
)
# The year a text looks back on: "过去一年工作回顾⏎2004年,", "首先报告2001年的工作", "在回顾2020年和
# “十三五”工作时", "刚刚过去的1992年", "2020年是极不平凡的一年".
_REVIEWS = re.compile(
    rf"(?:过去一年|去年)(?:工作)?回顾\s*\n\s*{_YEAR}年[,，]"
    rf"|(?:回顾|首先报告)(?:过去的)?{_YEAR}年(?:的)?(?:工作|和)"
    rf"|过去的{_YEAR}年"
    rf"|(?:^|[。\n])[^。\n]{{0,6}}?{_YEAR}年[,，]?是[^。\n]{{0,30}}?(?:极不平凡|很不平凡|极为不易|极不寻常)"
)
# Outcomes or preliminary estimates stated of a year at the head of a sentence ("2021年,全区实现地区生产
# 总值468亿元", "2019年,重庆地区生产总值增速保持在合理区间,初步预计全年增长6.3%"): the year reviewed,
# also by a session held in December. A goal in the words is no outcome; 左右 and 以上 are goals' words
# unless the sentence estimates. (News write a bare 预计 of targets too: "2024年…GDP预计增长5%".)
# (Tried only where four digits and 年 follow the sentence's or the clause's end: `_outcomes`.)
_OUTCOMES = re.compile(
    r"(?:^|[。\n,，:：])(\d{4})年(?:全年)?[,，]?([^。\n;；]{0,30}?(?:实现|达到|完成|初步预计|初步核算)[^。\n,，;；]*)"
)
_GOAL = re.compile(r"力争|争取|确保|目标|计划|预期|将|要|努力|突破")
_BOUND = re.compile(r"左右|以上")
_ESTIMATE = re.compile(r"初步预计|初步核算")
_RELEASED = re.compile(r"(?:发布|公布)(?:了)?[^。\n]{0,10}?(\d{4})年(?:全年)?[^。\n]{0,10}?经济运行情况")


_YEAR_WORD, _FOUR_DIGITS = re.compile("年"), re.compile(r"\d{4}")


def _outcomes(text: str):
    """`_OUTCOMES.finditer(text)`, tried only before each 年 that four digits and an end (or the
    text's start) stand before: a pattern that begins with ^ or a class is tried far more often."""
    at = 0
    for year in _YEAR_WORD.finditer(text):
        digits = year.start() - 4
        if digits < 0 or not _FOUR_DIGITS.fullmatch(text, digits, year.start()):
            continue
        start = max(digits - 1, 0)
        if start < at or (digits and text[start] not in "。\n,，:："):
            continue
        if match := _OUTCOMES.match(text, start):
            at = match.end()
            yield match


# --- Weak: the page's date ---

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# (year, month): after its label (发布时间:2022-01-24), with its time (2024-01-23 17:02), in a page's
# header (date: Mon, 21 Feb 2022).
_PUBLISHED = (
    re.compile(
        r"(?:生成日期|发布日期|发布时间|成文日期|日期|时间)[:：]\s*(\d{4})[-年./](\d{1,2})[-月./]\d{1,2}"
    ),
    re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-\d{1,2}\s*\d{1,2}:\d{2}"),
    re.compile(rf"^date:\s*(?:[A-Za-z]{{3}},?\s*)?\d{{1,2}}\s*({'|'.join(_MONTHS)})\s*(\d{{4}})", re.M),
)
_DATE_LINE = re.compile(rf"^[(（]?{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日[)）]?$", re.M)
_ISSUER = re.compile(r"(?:统计局|人民政府|发展和改革委员会|调查队)$")
# A dateline stands among the first lines of a news page (after its header's title, tags, image).
_DATELINE_LINES = 12
_HEAD, _TITLE_LENGTH = 3000, 60  # titles and the meeting line stand near the top; a title's length


def year_cues(text: str, name: str = "", stated_only: bool = False) -> list[YearCue]:
    """Every cue to the session's year in `text` (and the file `name`), strongest first; with
    `stated_only`, the meeting line, the titles and the datelines alone (metadata.settled)."""
    cues = list(_stated(text))
    if not stated_only:
        for match in in_sentences(_TARGETS_YEAR, text, "目标"):
            cues.append(YearCue("year of the targets", match.group(0), int(match.group(1)), PLANNED))
        cues += _heading_cues(text) + _this_year_cues(text) + _last_year_cues(text) + file_name_cues(name)
    strengths = [STATED, INFERRED, WEAK, LAST_RESORT]
    return sorted((c for c in cues if FIRST_YEAR <= c.year <= LAST_YEAR), key=lambda c: strengths.index(KINDS[c.kind]))


@lru_cache(maxsize=2)  # read twice where they do not settle the year (metadata.py)
def _stated(text: str) -> tuple[YearCue, ...]:
    """The cues the report states of itself (its meeting line, its titles) and its datelines."""
    head = text[:_HEAD]
    # (The first lines, each cut to a title's length: a copy without line breaks has all on the first.)
    title = "\n".join(line[:_TITLE_LENGTH] for line in head.lstrip().splitlines()[:3])
    cues = _meeting_cues(head)
    # (Each pattern is tried on the lines or sentences holding the words every match of it holds.)
    for pattern, where, words, kind, relation, group in (
        (_TITLE_YEAR, head, "政府工作报告", "title", PLANNED, 1), (_TITLE_YEAR_AFTER, title, "政府工作报告", "title", PLANNED, 1),
        (_HEADLINE_YEAR, title, "政府工作", "headline", PLANNED, 1), (_PLAN_YEARS, head, "计划执行情况", "plan report title", PLANNED, 2),
        (_BULLETIN_YEAR, head, "统计公", "bulletin title", REVIEWED, 1), (_RELEASE_YEAR, title, "经济运行情况", "statistics release", REVIEWED, 1),
    ):  # fmt: skip
        for match in in_sentences(pattern, where, words, "\n"):
            if pattern is _RELEASE_YEAR and re.search(LANGUAGE["part_year"], match.group(0)):
                continue
            cues.append(YearCue(kind, match.group(0), int(match.group(group)), relation))
    return tuple(cues + _dateline_cues(text))


def _meeting_cues(head: str) -> list[YearCue]:
    cues = []
    dated = in_sentences(_DATED_MEETING, head, "人民代表大会|人大")
    for match in [*_MEETING.finditer(head), *dated]:
        month = _month(match.group(2)) if match.group(2) else 0
        words, year = match.group(0).strip("—- "), year_number(match.group(1))
        cues.append(YearCue("meeting line", words, year, SESSION, month))
    for match in _NATIONAL_SESSION.finditer(head):
        term, session = _number(match.group(1)), _number(match.group(2))
        if term >= _SIXTH_NPC:
            year = _SIXTH_NPC_YEAR + 5 * (term - _SIXTH_NPC) + session - 1
            cues.append(YearCue("national session", match.group(0), year, SESSION))
    return cues


def _heading_cues(text: str) -> list[YearCue]:
    """The year planned, from the report's own headings: the year a plan heading names
    ("二、2022年工作安排"), a review heading's year (2021年工作回顾) reviewed."""
    from .sections import PLAN, REVIEW, TERM, heading_phrase, heading_years, headings, review_period

    cues = []
    for offset, role, words, line in headings(text):  # (found once: the outline reads them too)
        if not line:  # a heading inside a long line (a copy that lost its breaks): from its mark
            phrase = heading_phrase(words)
            line = text[offset : text.find(phrase, offset) + len(phrase)]
        years = heading_years(line)
        if role in (PLAN, TERM) and years:  # (a plan heading is a term's where it names no year)
            cues.append(YearCue("heading", line.strip(), min(years), PLANNED))
        elif role == REVIEW and years:
            cues.append(YearCue("heading", line.strip(), review_period(line, years), REVIEWED))
    # The plan headings first: a review heading may name a term (过去五年) rather than the year.
    return sorted(cues, key=lambda c: c.relation != PLANNED)


def _this_year_cues(text: str) -> list[YearCue]:
    cues = []
    for match in _THIS_YEAR.finditer(text):
        sentence = match.group(0)
        plan = _PLAN_NAME.search(sentence)
        place = next((offset for words, offset in _PLAN_PLACES
                      if plan and re.match(rf"[^。,，]{{0,6}}?(?:{words})", sentence[plan.end():])), None)  # fmt: skip
        if place is not None:
            start = _FIRST_PLAN_YEAR + 5 * _number(plan.group(1))  # 九 9, 十 10 (“十五”), 十四 14
            cues.append(YearCue("this year", sentence[: plan.end() + 8], start + place, SESSION))
        congress = _CONGRESS.search(sentence)
        if congress:
            year = _SIXTEENTH_CONGRESS + 5 * (_number(congress.group(1)) - 16)
            cues.append(YearCue("this year", sentence[: congress.end()], year, SESSION))
    for match in in_sentences(_YEAR_IS_THIS_YEAR, text, "今年"):
        words = match.group(0).lstrip("。\n!！")
        cues.append(YearCue("this year", words, year_number(match.group(1)), SESSION))
    for match in in_sentences(_ACTS_IN, text, "将"):
        words = match.group(0).lstrip("。\n,，:：!！")
        cues.append(YearCue("the year it acts in", words, year_number(match.group(1)), PLANNED))
    return cues


def _last_year_cues(text: str) -> list[YearCue]:
    cues = []
    # (One of the wordings runs over a line break: the sentences end at 。 only.)
    for match in in_sentences(_REVIEWS, text, "回顾|首先报告|过去的|极不平凡|很不平凡|极为不易|极不寻常", "。"):  # fmt: skip
        digits = next(g for g in match.groups() if g)
        words = match.group(0).strip("。\n")
        cues.append(YearCue("the year it reviews", words, year_number(digits), REVIEWED))
    for match in _RELEASED.finditer(text) if "经济运行情况" in text else ():
        if not re.search(LANGUAGE["part_year"], match.group(0)):
            cues.append(YearCue("the year it reviews", match.group(0), int(match.group(1)), REVIEWED))
    for match in _outcomes(text):
        words = match.group(2)
        if not _GOAL.search(words) and (_ESTIMATE.search(words) or not _BOUND.search(words)):
            outcomes = match.group(0).lstrip("。\n,，:：")
            cues.append(YearCue("outcomes of", outcomes, int(match.group(1)), REVIEWED))
    return cues


def _dateline_cues(text: str) -> list[YearCue]:
    """The page's date among its first lines, or a date on a line of its own under its issuer
    (a bulletin's "运城市统计局⏎2008年03月21日", at its head or its foot)."""
    lines = text.lstrip().splitlines()
    first = "\n".join(lines[:_DATELINE_LINES])
    cues = []
    for pattern in _PUBLISHED:
        for m in pattern.finditer(first):
            year, month = (m.group(2), _MONTHS.index(m.group(1)) + 1) if m.group(1) in _MONTHS else m.groups()
            cues.append(YearCue("dateline", m.group(0).strip(), int(year), SESSION, int(month)))
    for i in [i for i, line in enumerate(lines) if "日" in line]:  # (a cheap look at every line first)
        match = _DATE_LINE.match(lines[i].strip())
        if match and (i < _DATELINE_LINES or (i and _ISSUER.search(lines[i - 1].strip()))):
            month = _month(match.group(2))
            cues.append(YearCue("dateline", match.group(0), year_number(match.group(1)), SESSION, month))
    return cues


def file_name_cues(name: str) -> list[YearCue]:
    """A file name in Chinese that names a year and a report (南宁市2016年政府工作报告.txt,
    2019_吉林省_统计公报.pdf): read like a title, as a last resort."""
    stem = re.sub(r"[\s_\-.]+", "", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    year = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", stem)
    if not year or not re.search(r"[\u4e00-\u9fff]", stem):
        return []
    if "统计公报" in stem:
        relation = REVIEWED
    elif re.search(r"政府工作报告|计划", stem):
        relation = PLANNED
    else:
        return []
    return [YearCue("file name", name, int(year.group(1)), relation)]


_NEXT_YEAR_PLANNED = re.compile(r"做好明年[^。\n]{0,6}?工作|明年[^。\n]{0,16}?主要预期目标")


def session_in_december(text: str, cues: list[YearCue]) -> tuple[bool, str]:
    """Whether the session met in November or December, with the words that say so: its
    meeting line or its date, a plan part that speaks of 明年 ("做好明年的政府工作"), or a
    title naming the year after a date of November or December."""
    dated = [c for c in cues if c.kind in ("meeting line", "dateline") and c.month]
    meeting = next((c for c in dated if c.kind == "meeting line"), None)
    if meeting is not None:
        return meeting.month >= 11, meeting.words if meeting.month >= 11 else ""
    session = _SESSION_MONTH.search(text[:_HEAD])
    if session:
        month = int(session.group(1))
        return month >= 11, session.group(0)[:6].split(",")[0] if month >= 11 else ""
    next_year = next(in_sentences(_NEXT_YEAR_PLANNED, text, "明年"), None)
    if next_year:
        return True, next_year.group(0)
    planned = {c.year for c in cues if c.relation == PLANNED and KINDS[c.kind] == STATED}
    late = next((c for c in dated if c.month >= 11 and c.year + 1 in planned), None)
    return (True, late.words) if late else (False, "")


def find_report_year(text: str, name: str = "") -> tuple[int, bool, str]:
    """The session's year, whether it met in December, and the evidence ("kind: words").

    >>> find_report_year("——2022211日在西湖区第十七届人民代表大会")[:2]
    (2022, False)
    >>> find_report_year("关于赣县区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告")[:2]
    (2021, False)
    >>> find_report_year("2020年东宝区政府工作报告\\n12月25日,东宝区第八届人民代表大会第五次会议开幕。")
    (2019, True, 'title: 2020年东宝区政府工作报告; the session met on 12月25日: the year before')
    """
    return decide_year(year_cues(text, name), text)


def decide_year(cues: list[YearCue], text: str) -> tuple[int, bool, str]:
    """The session's year by the strongest of `cues`, whether it met in December, and the evidence."""
    december, said = session_in_december(text, cues)
    for strength in (STATED, INFERRED, WEAK, LAST_RESORT):
        group = [c for c in cues
                 if KINDS[c.kind] == strength and (c.kind != "dateline" or _dates_its_text(c, text))]  # fmt: skip
        if not group:
            continue
        cue = _decisive(group)
        year = cue.session_year(december)
        if cue.kind in ("title", "headline") and _contradicted(year, december, cues):
            return 0, False, ""  # the page names another year than its text: no year is known
        note = f"; the session met on {said}: the year before" if december and cue.relation != SESSION else ""
        return year, december, f"{cue.kind}: {' '.join(cue.words.split())}{note}"  # on one line
    return 0, False, ""


def _decisive(group: list[YearCue]) -> YearCue:
    """The first cue of the strongest kind; among outcomes, those of the year most stated (a
    report of 1993 restates 1992's outcomes and sets goals for 1997: "1997年钢产量达到9400万吨")."""
    if group[0].kind != "outcomes of":
        return group[0]
    years = Counter(c.year for c in group if c.kind == "outcomes of")
    return next(c for c in group if years[c.year] == max(years.values()))


def _dates_its_text(cue: YearCue, text: str) -> bool:
    """A page's date, unless the page is a later copy: a text that names years names the
    date's year or the year before (an archive dated 2022-08-17 holding a bulletin on 2013
    names neither)."""
    named = {int(y) for y in re.findall(r"(?<!\d)(\d{4})年", text.replace(cue.words, ""))}
    return not named or bool({cue.year, cue.year - 1} & named)


def _contradicted(year: int, december: bool, cues: list[YearCue]) -> bool:
    """A title's year that nothing the text says of its year bears out, and something contradicts:
    a page titled 2023年…政府工作报告 whose text opens "一、2023年工作的简要回顾"."""
    said = {c.session_year(december) for c in cues
            if c.kind in _OWN_YEAR_WORDS and (c.kind != "heading" or _NUMBERED_HEADING.match(c.words))}  # fmt: skip
    return bool(said) and year not in said


# What a report says of its own year: its targets, its numbered headings (a title broken over
# lines is no heading: "执行情况及2022年国民经济和社会发展"), this year and the last.
_OWN_YEAR_WORDS = ("year of the targets", "heading", "this year", "the year it reviews")
_NUMBERED_HEADING = re.compile(r"[一二三四五六七八九十]+[、.]")


def _month(numerals: str) -> int:
    """3 or 十二 -> the month's number."""
    return int(numerals) if numerals.isdigit() else _number(numerals)


def _number(numerals: str) -> int:
    from .tokens import chinese_number  # (tokens imports this module's neighbours)
    return int(chinese_number(numerals) or 0)

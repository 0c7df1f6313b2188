"""Review vs plan: which part of a report a sentence stands in, and the years it speaks of.

A report of 2022 reviews 2021 (outcomes: period 2021, actual or estimate) and
plans 2022 (targets: period 2022). Headings say which part begins where
("一、2021年工作总结", "2022年工作安排", "二、2021年…预期目标"). A session held
in December plans the year after it: its plan headings name that year, and its
今年 is the year it reviews. `Outline` keeps both years, so that the words of a
sentence (2021年, 去年, 今年, 明年) can be turned into periods (pairing.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..vocab import LANGUAGE

REVIEW, PLAN = "review", "plan"
# A part on a five-year plan's goals ("二、“十三五”时期主要目标任务"): no single year's figures.
TERM = "term"
_FIVE_YEAR_PLAN = re.compile(r"十[一二三四五六七八九]五")

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+部分|[(（][一二三四五六七八九十]+[)）]|【)")
# A year in a heading, with or without 年 (2023成就鼓舞人心: an infographic's heading), or in
# Chinese numerals (一九九一年国民经济和社会发展的回顾).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|(?=[\u4e00-\u9fff])|$)|([〇零○一二三四五六七八九]{4})年")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def year_number(digits: str) -> int:
    """2022 or 二〇二二 -> 2022.

    >>> year_number("一九九一")
    1991
    """
    if digits.isdigit():
        return int(digits)
    return int("".join(_CN_DIGITS.get(c, c) for c in digits))
_REVIEW = re.compile(LANGUAGE["review_headings"])
_PLAN = re.compile(LANGUAGE["plan_headings"])
_NEXT_YEAR = re.compile(r"今年|明年|新的一年")
_INSIDE_SENTENCE = re.compile(r"[。；;！？!?]")
HEADING_LENGTH = 45  # a heading is a short line; a paragraph that names 任务 is not one


@dataclass(frozen=True)
class Section:
    start: int  # offsets in the cleaned text
    end: int
    role: str  # review or plan
    period: int
    heading: str


@dataclass(frozen=True)
class Outline:
    """A report's sections and its two years: the session's (report_year) and the year it
    plans (the same, or the next for a session held in December)."""

    sections: tuple[Section, ...]
    session_year: int
    plan_year: int

    def at(self, position: int) -> Section:
        for section in self.sections:
            if section.start <= position < section.end:
                return section
        return self.sections[-1]

    def year_of(self, word: str) -> int:
        """The year a relative word names: 今年 the session's year, 去年/上年 the one before,
        明年 the one after, 过去(的)一年/一年来 the year the report reviews."""
        if word in ("过去一年", "过去的一年", "一年来"):
            return self.plan_year - 1
        offset = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1}[word]
        return self.session_year + offset


@lru_cache(maxsize=8192)  # reports repeat their short lines (blank ones, units, headings)
def heading_role(line: str) -> str | None:
    """review, plan or None for a line that is a heading of one of them.

    >>> heading_role("一、2021年工作总结")
    'review'
    >>> heading_role("2022年工作安排")
    'plan'
    >>> heading_role("(一)提升产业能级再上新台阶") is None
    True
    >>> heading_role("主要目标"), heading_role("【经济社会发展主要预期目标建议】")
    ('plan', 'plan')
    """
    if len(line) > 2 * HEADING_LENGTH:  # a paragraph (most lines): not copied to be stripped
        return None
    line = line.strip()
    if not line or len(line) > HEADING_LENGTH or line[-1] in "。；;,，" or _INSIDE_SENTENCE.search(line):
        return None
    short = len(line) <= 12
    standalone = bool(_NUMBERED.match(line)) or bool(_YEAR.search(line)) or short
    if not standalone:
        return None
    if _REVIEW.search(line):
        return REVIEW
    plan = _PLAN.search(line)
    if plan and (_YEAR.search(line) or _NUMBERED.match(line) or _NEXT_YEAR.search(line)):
        return PLAN
    if plan and short and plan.end() == len(line):
        return PLAN  # a short line that names the plan's part: 主要目标, 重点工作
    return None


# A heading inside a long line, where the copy lost its line breaks ("…提出意见。一、2022年工作
#回顾2022年,是…"): a numbered or bracketed heading right after a sentence's end, whose
# first words name a year (or 今年, 过去一年) and a part of the report.
_MARK = (r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]"
         r"|第[一二三四五六七八九十]{1,3}部分[,，、:：]?|【(?=[^】\n]{2,30}】))")  # fmt: skip
# (The sentence's end is part of the pattern, which the engine then skips to; a look-behind
# before the mark would be tried at every character.)
_MARK_AT_START, _MARK_AFTER_END = re.compile(_MARK), re.compile(f"[。！？!?；;”]{_MARK}")
# Where a heading may stand in a long line: at its start, or after a sentence's end, found along
# the whole text by a pattern for each end (the engine skips to one character much faster than
# to one of a class): only the lines holding one are read for headings.
_MARK_FIRST = "一二三四五六七八九十(（第【"
_MARK_AFTER_EACH_END = [re.compile(re.escape(end) + _MARK) for end in "。！？!?；;”"]
_MARK_AFTER_EACH_END += [re.compile(re.escape(end) + r"(?=(?:19|20)\d{2}年)") for end in "。；"]
_INLINE_WORDS = 24  # a heading's words: what follows the mark up to a comma, at most this many
_INLINE_TIME = re.compile(r"^.{0,8}?(?:(?:19|20)\d{2}年?|[〇零○一二三四五六七八九]{4}年|今年|明年|新的一年|过去一年|过去五年)")


def inline_headings(line: str) -> list[tuple[int, str]]:
    """(offset in `line`, words) of the headings inside a long line.

    >>> inline_headings("请予审议。一、2022年工作回顾2022年,是极不平凡的一年。二、2023年工作安排今年的主要预期目标是")
    [(5, '2022年工作回顾2022年'), (31, '2023年工作安排今年的主要预期目标是')]
    >>> inline_headings("问题不容忽视。2022年工作任务各位代表,…。2022年工作任务繁重,…")
    [(7, '2022年工作任务各位代表')]
    """
    found = []
    first = _MARK_AT_START.match(line)
    marks = [first] if first else []
    marks += _MARK_AFTER_END.finditer(line, first.end() if first else 0)
    for mark in marks:
        rest = line[mark.end() : mark.end() + _INLINE_WORDS]
        words = _WORDS_END.split(rest, maxsplit=1)[0]
        if _INLINE_TIME.match(words) and (_REVIEW.search(words) or _PLAN.search(words) or _YEARS_WORK.match(words)):
            found.append((mark.end() - len(mark.group(0).lstrip("。！？!?；;”").lstrip()), words))
    for year in _YEAR_AFTER_END.finditer(line):  # an unnumbered heading: 。2022年工作任务各位代表,
        words = _WORDS_END.split(line[year.end() : year.end() + _INLINE_WORDS], maxsplit=1)[0]
        phrase = heading_phrase(words)
        if phrase != words and len(phrase) <= _YEAR_HEADING and _OPENS_PARAGRAPH.match(words, len(phrase)):
            found.append((year.end(), words))
    return sorted(found)


# A heading without a number inside a long line: right after a sentence's end, a year and the name
# of a part of the report, and at once the words that open a paragraph ("。2021年工作回顾2021年,是…",
# "。2022年工作任务各位代表,"; not "。2022年工作任务繁重,").
_YEAR_AFTER_END = re.compile(r"[。！？!?；;”]\s*(?=(?:19|20)\d{2}年)")
_YEAR_HEADING = 14
_OPENS_PARAGRAPH = re.compile(r"(?:19|20)\d{2}年|今年|过去的?一年|一年来|各位代表|新的一年")


_WORDS_END = re.compile(r"[,，。；;:：!?！？】]")
# "三、2011年的工作" inside a long line: the plan's heading where the paragraph after it opens with
# a year or 今年 (a line of its own says so by ending there: plan_headings).
_YEARS_WORK = re.compile(r"(?:19|20)\d{2}年的?工作(?=(?:19|20)\d{2}年|今年)")


def _inline_role(words: str) -> str:
    return REVIEW if _REVIEW.search(words) and not (_PLAN.search(words) and _PLAN.search(words).start()
                                                     < _REVIEW.search(words).start()) else PLAN


def heading_phrase(words: str) -> str:
    """The words of a heading found inside a long line, up to the end of the name of its part
    (what follows may be the paragraph's first words, and their years).

    >>> heading_phrase("2021年工作回顾2021年是极不平凡的一年")
    '2021年工作回顾'
    """
    ends = [m.end() for pattern in (_REVIEW, _PLAN) for m in pattern.finditer(words)]
    return words[: min(ends)] if ends else words


def heading_years(line: str) -> list[int]:
    """The years a heading names: 2022年 and 二〇二二年 are 2022."""
    return [year_number(digits or numerals) for digits, numerals in _YEAR.findall(line)]


def review_period(line: str, years: list[int]) -> int:
    """The year a review heading reviews: its latest year ("过去五年(2017-2021)"), or its
    first where it also names the plan ("1993年国内工作的回顾和1994年工作的基本方针") or the
    year after it ("2015年国民经济和社会发展计划执行情况与2016年国民经济…", a title cut short).

    >>> review_period("2015年国民经济和社会发展计划执行情况与2016年国民经济", [2015, 2016])
    2015
    """
    if len(set(years)) > 1 and (_PLAN.search(line) or _THEN_NEXT.search(line)):
        return min(years)
    return max(years)


_THEN_NEXT = re.compile(r"(?:执行情况|回顾|总结)[^与和及]{0,6}(?:与|和|及)(?:19|20)\d{2}年")


@lru_cache(maxsize=2)  # read twice: for the report's year (report_year.py) and for its outline
def headings(text: str) -> tuple[tuple[int, str, str, str], ...]:
    """(offset, role, words, line) of every review or plan heading: a line of its own (`line`
    is that line without its break), or a heading inside a long line (a copy that lost its line
    breaks; `line` is "")."""
    found = []
    marks = sorted(m.start() for pattern in _MARK_AFTER_EACH_END for m in pattern.finditer(text))
    lines = text.splitlines(keepends=True)
    starts = list(accumulate(map(len, lines), initial=0))
    for k in [k for k, line in enumerate(lines) if not line.isspace()]:  # (many lines are blank)
        line, offset = lines[k], starts[k]
        role = heading_role(line) if len(line) <= 2 * HEADING_LENGTH else None  # (most lines: paragraphs)
        if role == PLAN and _FIVE_YEAR_PLAN.search(line) and not heading_years(line):
            role = TERM
        if role is not None:
            found.append((offset, role, line.strip(), line.splitlines()[0]))
        elif len(line) > HEADING_LENGTH and (
            line.lstrip()[:1] in _MARK_FIRST or bisect_left(marks, offset) < bisect_left(marks, offset + len(line))
        ):  # fmt: skip
            found += [(offset + at, _inline_role(words), words, "") for at, words in inline_headings(line)]
    return tuple(found)


def find_sections(text: str, report_year: int, december: bool = False) -> Outline:
    """Review and plan sections of a report, covering the whole text.

    Text before the first heading counts as review. The year planned is the year
    the plan headings name, else the year after the reviewed one, else the
    session's year (the year after it for a session held in December). A heading
    that would plan a year before that is a review of it ("2021年…目标任务全面完成"
    in a report of 2022).
    """
    expected_plan = report_year + 1 if december else report_year
    marks: list[tuple[int, str, int, str]] = []
    for offset, role, heading, _ in headings(text):
        years = heading_years(heading)
        if role == PLAN and years and max(years) < expected_plan:
            role = REVIEW
        year = (review_period(heading, years) if role == REVIEW else max(years)) if years else 0
        marks.append((offset, role, year, heading))
    plan_years = [y for _, role, y, _ in marks if role == PLAN and y]
    review_years = [y for _, role, y, _ in marks if role == REVIEW and y]
    if plan_years:
        plan_year = min(plan_years)
    elif review_years and max(review_years) + 1 >= expected_plan:
        plan_year = max(review_years) + 1
    else:
        plan_year = expected_plan
    sections: list[Section] = []
    starts = [(0, REVIEW, 0, "")] + marks
    for i, (start, role, year, heading) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        if end <= start:
            continue
        period = year or (plan_year if role == PLAN else plan_year - 1)
        sections.append(Section(start, end, role, period, heading))
    if not sections:
        sections.append(Section(0, len(text), REVIEW, plan_year - 1, ""))
    return Outline(tuple(sections), report_year, plan_year)

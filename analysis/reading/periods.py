"""A figure's period and kind: the year it is of, and whether it is a target, an estimate or an outcome.

They come from what the text says before the value: a year (2023年), a relative word (去年, 今年,
过去一年), 预计 for an estimate, 预期目标 for a target, the head of the paragraph and what the
sentences before said (`ParagraphHead`); where it says nothing, from the part of the report
(sections.py). A year at or after the one planned is a target, an earlier one an outcome; a
year two or more after it is a five-year plan's goal, one more than three before it history.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..vocab import LANGUAGE
from .quick import quick
from .sections import PLAN, TERM, Outline, year_number

# An aside in brackets between an indicator and its value: (人民币,下同), (主要是…未达预期目标).
ASIDE = re.compile(r"\([^()]{0,60}\)|在[^,，。;；()]{0,24}的基础上")  # 在上年大幅度增长的基础上 too
TARGET_CUE = re.compile(LANGUAGE["target_cues"])
_TARGETS_MET = re.compile(LANGUAGE["targets_met"])
ESTIMATE_CUE = re.compile(LANGUAGE["estimate_cues"])
# Words that make a figure of a year already past its target (2021年主要预期目标是…); 力争 and
# 确保, which announce targets of the coming year, do not.
_PLANNED = re.compile(r"预期目标|主要目标|目标是|目标为|目标定在|增长目标|年度?计划|全年计划")
# The year a growth is counted from (比2020年增长): a growth of the year counts from the year before.
BASE_YEAR = re.compile(r"(?:比|较|与|同)((?:19|20)\d{2})年")
# Words that make one value the total of several places named before it.
# Words after a base year that say what changed since (比2016年翻一番,达到520亿元): the value that
# follows is no level of the base year.
_CHANGED_SINCE = re.compile(r"翻|增|减|提高|下降|达|实现|完成|突破|超过|上升|扩大|缩小|多|少|高|低")
# A year that names the period (2022年郑州…, 一九九一年), not a date (2022年1月), a base of
# comparison (比2020年增长, 与2019年相比, 2020年以来) nor a report's name (2023年政府工作报告: a
# title glued to the text of a copy that lost its line breaks would govern the whole report);
# or a word naming one (去年, 今年, 过去的一年).
# (Each alternative begins with its own words and looks back after them: a pattern that
# begins with a look-behind is tried at every character of a report.)
PERIOD_WORD = quick(
    r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})(?<![\d比较与同]....)年(?![\d]{1,2}月|以来|来|相比|前|的[\d.]+倍|政府工作报告)"
    r"|(今年|本年|明年|去年|上年|过去的?一年|一年来)(?<![比较与同]今年)(?<![比较与同]本年)(?<![比较与同]明年)"
    r"(?<![比较与同]去年)(?<![比较与同]上年)(?!同期|基础|水平|以来|的基础)"
)
# A year at least this far after the one planned is a goal of a five-year plan (到2025年).
GOAL_YEARS = 2
# An outcome of a year at most this far before the one planned (a revised figure of the year
# before last is still read; older figures are history).
HISTORY_YEARS = 3


@dataclass
class Reading:
    """What the reader of a report's sentences knows of the report."""

    outline: Outline
    region_context: str = ""  # text that tells namesake places apart
    own_level: str = ""  # the level of the report's region (全省… is its own in a province's report)


@dataclass
class ParagraphHead:
    """What the opening words of a paragraph say of all its sentences."""

    part_year: bool = False  # 2022年一季度, 上半年, 1-11月
    estimate: bool = False  # 初步预计, 据统计预测
    period: int = 0  # 2019年, 去年
    multi_year: bool = False  # 过去五年, 十三五期间: only a figure said to be of the year reviewed counts
    period_at: int = -1  # where the paragraph's first sentence says its year (-1: before this sentence)



def period_of(match: re.Match, outline: Outline) -> int:
    if match.group(1):
        return year_number(match.group(1))
    return outline.year_of(match.group(2))




class Marks:
    """Where the words of one pattern stand in a sentence, outside its asides: found once per
    sentence, so that asking whether one stands before a value costs a bisection, not a
    search of the words before it (a long sentence holds many values)."""

    def __init__(self, matches: list[re.Match]):
        self.matches = matches
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    @classmethod
    def of(cls, pattern: re.Pattern, text: str, start: int, end: int, asides: list[tuple[int, int]]) -> Marks:
        matches = list(pattern.finditer(text, start, end))
        if matches and asides:
            matches = [m for m in matches if not _in_aside(m, asides)]
        return cls(matches) if matches else _NO_MARKS  # (most words are not in most sentences)

    def last_before(self, position: int) -> re.Match | None:
        i = bisect_right(self.ends, position)
        return self.matches[i - 1] if i else None

    def between(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.ends[i] <= end

    def last_between(self, start: int, end: int) -> re.Match | None:
        i = bisect_right(self.ends, end)
        return self.matches[i - 1] if i and self.starts[i - 1] >= start else None

    def last_outside(self, position: int, skipped: list[tuple[int, int]]) -> re.Match | None:
        """The last match before `position` that stands in none of the `skipped` spans."""
        for match in reversed(self.matches[: bisect_right(self.ends, position)]):
            if not _in_aside(match, skipped):
                return match
        return None


_NO_MARKS = Marks([])


def _in_aside(match: re.Match, asides: list[tuple[int, int]]) -> bool:
    return any(a <= match.start() and match.end() <= b for a, b in asides)


CLAUSE_CUT = re.compile(r"[,，;；:：]")


class TimedSentence:
    """One sentence being read: where its clauses are, the words it says, and for a value in it,
    its period and kind (`kind_and_period`). `pairing.Sentence` pairs its indicators and values."""

    def __init__(self, text, start, end, reading: Reading, head: ParagraphHead, governed: bool):
        self.text, self.start, self.end = text, start, end
        self.source = text[start:end]  # one copy, shared by the sentence's mentions
        self.reading, self.head, self.governed = reading, head, governed
        self._asides = [m.span() for m in ASIDE.finditer(text, start, end)] if "(" in self.source else []
        # By the pattern's id: a compiled pattern hashes its whole compiled code each time.
        self._found: dict[int, Marks] = {}
        self._old: list[tuple[int, int]] = []  # 由…: the words of a value the sentence then changes
        self.cuts = [m.start() for m in CLAUSE_CUT.finditer(text, start, end)]
        self.section = reading.outline.at(start)
        # The period stated for a value, by its position (and the words of changed values so far):
        # asked when a value is paired and again when its row is made.
        self._stated: dict[tuple[int, int], int] = {}

    def _marks(self, pattern: re.Pattern) -> Marks:
        """The words of `pattern` in the sentence, looked for once, when first asked about. Words of
        a target are no cue where the sentence says the target was met (超过预期目标)."""
        found = self._found.get(id(pattern))
        if found is None:
            skipped = self._asides
            if pattern is TARGET_CUE or pattern is _PLANNED:
                skipped = skipped + [m.span() for m in self._marks(_TARGETS_MET).matches]
            found = self._found[id(pattern)] = Marks.of(pattern, self.text, self.start, self.end, skipped)
        return found

    def _clause_end(self, position: int) -> int:
        """Where the clause holding `position` ends (at the next ,; after it; 是: does not end it)."""
        i = bisect_left(self.cuts, position)
        while i < len(self.cuts) and self.text[self.cuts[i]] in ":：":
            i += 1
        return self.cuts[i] if i < len(self.cuts) else self.end

    def _clause_start(self, position: int) -> int:
        """Where the clause holding `position` begins (after the last ,;: before it)."""
        i = bisect_left(self.cuts, position)
        return self.cuts[i - 1] + 1 if i else self.start

    def _compared_with(self, position: int) -> int:
        """The year of a level quoted for comparison right after 比/相比 that year (比2020年的73129亿元),
        with nothing between them but places and the indicator's words; 0 for none."""
        base = self._marks(BASE_YEAR).last_before(position)
        if base is None or self._clause_start(position) > base.start():
            return 0
        between = self.text[base.end() : position]
        year = int(base.group(1))
        if _CHANGED_SINCE.search(between) or not self.reading.outline.plan_year - HISTORY_YEARS <= year:
            return 0
        return year if year < self.reading.outline.plan_year else 0

    def kind_and_period(self, position: int) -> tuple[str, int] | None:
        """Kind and period of a value at `position`; None for a goal years ahead (到2025年).

        What the sentence says before the value decides: the last year or relative word
        (2023年, 去年, 今年), else the paragraph's opening year, else the part of the report.
        A year at or after the one planned is a target; an earlier one is an outcome, an
        estimate where 预计/初步 says so. Without a year, a sentence in the review that
        announces targets (主要预期目标是…, or a list such a sentence opened) states the
        plan year's targets.
        """
        outline = self.reading.outline
        section = self.section
        said = self._marks(PERIOD_WORD).last_outside(position, self._old)
        if self.head.multi_year or section.role == TERM:
            # A review of a whole term: cumulative and end-of-term figures, except one said to be of
            # the year reviewed (截至2016年末,全县地方生产总值完成96.4亿元).
            if not said or not said.group(1) or period_of(said, outline) != outline.plan_year - 1:
                return None
        estimate = bool(self._marks(ESTIMATE_CUE).last_before(position)) or self.head.estimate
        target = self.governed or bool(self._marks(TARGET_CUE).last_before(position))
        period = self.stated_period(position, said, target)
        plan_year = outline.plan_year
        if period:
            if period >= plan_year + GOAL_YEARS or period < plan_year - HISTORY_YEARS:
                return None
            if period >= plan_year or (self._marks(_PLANNED).last_before(position) and not estimate):
                return "target", period
            return ("estimate" if estimate else "actual"), period
        if section.role == PLAN:
            return "target", section.period
        if target:
            return "target", plan_year
        return ("estimate" if estimate else "actual"), section.period

    def stated_period(self, position: int, said: re.Match | None = None, target: bool | None = None) -> int:
        """The period the words state for a value at `position`: the last year or time word
        before it, else the paragraph's head; 0 where neither does (the part of the report then
        decides: `period_from_position`). `said` and `target` are those of `kind_and_period`."""
        key = (position, len(self._old))
        found = self._stated.get(key)
        if found is not None:
            return found
        said = self._marks(PERIOD_WORD).last_outside(position, self._old) if said is None else said
        if said:
            found = period_of(said, self.reading.outline)
        else:
            if target is None:
                target = self.governed or bool(self._marks(TARGET_CUE).last_before(position))
            # A cue of this sentence outweighs a year said before it (去年…。把居民消费价格涨幅控制
            # 在3.5%左右), and a year said after the value is not its year.
            found = 0 if target or self.head.period_at >= position else self.head.period
        self._stated[key] = found
        return found

"""What stands around a sentence: its paragraph's head, the sentences before it, a list it is in.

The head of a paragraph says things of all its sentences (一季度 makes them part-year; 初步预计
makes their outcomes estimates; 2019年 names their year); so does what the sentences before a
sentence said (过去一年…。国内生产总值增长10.3%: the year reviewed; 过去五年: no year's figure),
a title naming part of the year, and a list announced by a colon (今年的主要预期目标是:), which
makes its sentences targets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..vocab import LANGUAGE
from .periods import ESTIMATE_CUE, GOAL_YEARS, HISTORY_YEARS, PERIOD_WORD, ParagraphHead, Reading, period_of
from .sections import Outline
from .spans import MAX_SENTENCE, sentence_start

_PART_YEAR = re.compile(LANGUAGE["part_year"])
_ANNOUNCE = re.compile(LANGUAGE["target_cues"] + "|目标|指标")  # "…定下这些具体目标:" opens a list
# Paragraphs reviewing a whole term state cumulative or end-of-term figures.
_MULTI_YEAR = re.compile(LANGUAGE["multi_year_paragraphs"])


_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[,，。;；:：\n]")
# A colon that ends a sentence: a pattern for each colon, since the engine skips to one character
# much faster than to one of a class.
_COLON_ENDS = [re.compile(rf"{colon}(?=[。！？!?\n]|$)") for colon in ":："]


# A line longer than nearly every paragraph of the reports read: a copy that lost its line breaks,
# the whole report or a part of it on one line. (A few paragraphs run to 1,000 characters: split at
# the sentences that open a paragraph, none of their figures changed.)
LONG_LINE = 600
# Where a paragraph begins inside such a line: a sentence that opens with a heading's mark, a
# list's dash, or the time it speaks of (2022年一季度, / 过去的一年, / 今年以来,); not 一是, 二是,
# which go on within a paragraph (过去五年…。一是…).
_OPENING = re.compile(
    r"[。！？!?；;]\s*(?=[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)"
    r"|——|各位代表"
    r"|(?:(?:19|20)\d{2}年|今年|去年|过去的?一年|一年来|新的一年)[^,，。；;:：]{0,10}[,，])"
)


class Paragraphs:
    """Where the paragraph holding a position begins: the start of its line, or, in a line
    longer than any paragraph (`LONG_LINE`), the last sentence before it that opens a paragraph
    (`_OPENING`): what a paragraph's head says must not govern a whole report glued into one line."""

    def __init__(self, text: str):
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        ends = [*self.breaks, len(text)]
        starts = [0] + [b + 1 for b in self.breaks]
        self.openings = sorted(m.end() for line_start, line_end in zip(starts, ends)
                               if line_end - line_start > LONG_LINE
                               for m in _OPENING.finditer(text, line_start, line_end))  # fmt: skip

    def start_of(self, position: int) -> int:
        at = bisect_left(self.breaks, position)
        line = self.breaks[at - 1] + 1 if at else 0  # the start of the line holding the position
        i = bisect_right(self.openings, position) - 1
        return max(line, self.openings[i]) if i >= 0 else line


class Lists:
    """Lists announced by a sentence that ends with a colon (今年的主要预期目标是:): a sentence
    after such a colon states targets, until a sentence ends with 。 or a heading begins."""

    def __init__(self, text: str, outline: Outline):
        self.text, self.outline = text, outline
        colons = sorted(m.start() for colon in _COLON_ENDS for m in colon.finditer(text))
        self.colons = [at for at in colons if _ANNOUNCE.search(text, sentence_start(text, at, at - MAX_SENTENCE), at + 1)]  # fmt: skip

    def govern(self, start: int) -> bool:
        i = bisect_left(self.colons, start) - 1
        if i < 0:
            return False
        colon = self.colons[i]
        if self.text.find("。", colon + 1, start) >= 0:
            return False  # a sentence ended with 。 between them
        here = self.outline.at(start)
        return self.outline.at(colon) is here and here.start != start  # no heading since, nor here


_TITLE = re.compile(r"^(?:title:)?\s*['\"]?([^\n]{4,60})$", re.MULTILINE)


def title_names_part_of_year(text: str) -> bool:
    """A news article whose title names part of the year ("杭州前三季度GDP增长10%"): its figures
    are of that part, unless a sentence says 全年, even where a paragraph no longer names it."""
    title = _TITLE.search(text[:400])
    return bool(title) and bool(_PART_YEAR.search(title.group(1))) and "全年" not in title.group(1)


def opens_with_part_year(text: str, start: int, first_indicator: int) -> bool:
    """A sentence whose opening clauses, before its indicators, name part of the year (比如,2021年
    1-11月,全市…), or that goes on from such a sentence (…前三季度,进出口总额…。其中,出口…): its
    figures are not the year's."""
    stop = text.rfind(",", start, first_indicator)
    if stop > start and _PART_YEAR.search(text, start, stop):
        return True
    if text.startswith("其中", start):
        before = sentence_start(text, max(0, start - 1), max(0, start - MAX_SENTENCE))
        return bool(_PART_YEAR.search(text, before, start))
    return False


class SaidBefore:
    """What the sentences of a paragraph before this one last said of time: a year (过去一年，我们
    的各项工作取得了很大成绩。国内生产总值增长10.3%: the year reviewed), or a whole term (过去五年,
    …。城镇新增就业人数超过6400万人: no year's figure). Read once along each paragraph."""

    _TERM = re.compile(r"这五年|过去五年|五年来|今后五年|未来五年|“?十[一二三四五六七八九]五”?(?:时期|期间|以来)")

    def __init__(self, text: str, outline: Outline):
        self.text, self.outline = text, outline
        self.paragraph, self.upto, self.period, self.term = -1, 0, 0, False
        self.first_end = 0  # where the paragraph's first sentence ends

    def of(self, paragraph: int, start: int, head: ParagraphHead) -> ParagraphHead:
        if paragraph != self.paragraph:
            self.paragraph, self.upto, self.period, self.term = paragraph, paragraph, 0, False
            _, self.first_end = _first_sentence(self.text, paragraph)
        end = self.first_end
        if start > end:  # sentences after the first: what those before them said
            self._read(max(self.upto, end), start)
        self.upto = max(self.upto, start)
        if self.term:
            return replace(head, multi_year=True)
        return replace(head, period=self.period, period_at=-1) if self.period else head

    def _read(self, start: int, end: int) -> None:
        plan = self.outline.plan_year
        said = [(m.start(), False, p) for m in PERIOD_WORD.finditer(self.text, start, end)
                if plan - HISTORY_YEARS <= (p := period_of(m, self.outline)) < plan + GOAL_YEARS]  # fmt: skip
        said += [(m.start(), True, 0) for m in self._TERM.finditer(self.text, start, end)]
        if said:
            _, self.term, period = max(said)
            self.period = period or self.period


def _first_sentence(text: str, paragraph: int) -> tuple[int, int]:
    end = _SENTENCE_END.search(text[paragraph : paragraph + 400])
    return paragraph, paragraph + (end.start() if end else 400)


def paragraph_head(text: str, start: int, reading: Reading) -> ParagraphHead:
    """The paragraph's opening clause (2022年一季度, / 初步预计,) and the year its first
    sentence ends on (在1992年快速增长的基础上，1993年我国经济继续蓬勃发展。: 1993)."""
    stop = _CLAUSE_END.search(text[start : start + 40])
    clause = text[start : start + (stop.start() if stop else 20)]
    end = _SENTENCE_END.search(text[start : start + 60])
    first = text[start : start + (end.start() if end else 60)]
    # (A goal of a five-year plan or a year of history at the head governs only its own sentence.)
    plan = reading.outline.plan_year
    periods = [(p, m.start()) for m in PERIOD_WORD.finditer(first)
               if plan - HISTORY_YEARS <= (p := period_of(m, reading.outline)) < plan + GOAL_YEARS]  # fmt: skip
    return ParagraphHead(
        part_year=bool(_PART_YEAR.search(clause)),
        estimate=bool(ESTIMATE_CUE.search(clause)),
        period=periods[-1][0] if periods else 0,
        period_at=start + periods[-1][1] if periods else -1,
        multi_year=bool(_MULTI_YEAR.match(text[start : start + 20])),
    )

"""Sentences -> mentions: every figure stated in the prose of a report.

The sentences that hold an indicator's words (`spans`) are read one by one (`pairing.Sentence`)
with what stands around them (`paragraphs`: the paragraph's head, the sentences before, a list
announced by a colon) and whose figures they state (`subjects`). A sentence that names an
indicator next to a number but yields no row of it is reported (`Unparsed`), never dropped
silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .normalise import Cleaned
from .pairing import Mention, Sentence, breaks_subject
from .paragraphs import (
    Lists,
    Paragraphs,
    SaidBefore,
    opens_with_part_year,
    paragraph_head,
    title_names_part_of_year,
)
from .periods import ParagraphHead, Reading
from .spans import sentences_holding
from .subjects import Subjects, mark_scopes, name_regions
from .tokens import IndicatorToken, ValueToken, any_indicator_positions, find_indicators, find_values


@dataclass
class Unparsed:
    """A sentence that names an indicator next to a number but yielded no row."""

    sentence: str
    char_start: int
    char_end: int


@dataclass
class Figures:
    mentions: list[Mention] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)



def extract_figures(cleaned: Cleaned, reading: Reading) -> Figures:
    """Every figure of a canonical indicator stated in the prose of a report."""
    result = Figures()
    text = cleaned.text
    hits = any_indicator_positions(text)
    paragraphs = Paragraphs(text)
    lists = Lists(text, reading.outline)
    heads: dict[int, ParagraphHead] = {}
    territory_stated = "在地" in text  # 在地口径 beside 区属: the territory's figure is the region's
    said_before = SaidBefore(text, reading.outline)
    title_part_year = title_names_part_of_year(text)
    subjects = Subjects(text, reading.region_context, active=not reading.own_level)
    for start, end in sentences_holding(text, hits):
        governed = lists.govern(start)  # inside a list announced by "主要预期目标是:"
        indicators = find_indicators(text, start, end)
        mark_scopes(text, start, indicators, reading.own_level, territory_stated)
        values, mentions = [], []
        paragraph = paragraphs.start_of(start)
        if indicators:
            head = heads.get(paragraph) or heads.setdefault(paragraph, paragraph_head(text, paragraph, reading))
            head = said_before.of(paragraph, start, head)
            values = _outside(find_values(text, start, end), indicators)
            part_year = head.part_year or title_part_year or opens_with_part_year(text, start, indicators[0].start)
            if not (part_year and "全年" not in text[start:end]):
                subject = subjects.of(paragraph, start, indicators[0].start) if subjects.active else None
                name_regions(text, start, indicators, values, reading.region_context, subject)
                subjects.named(indicators)
                sentence = Sentence(text, start, end, reading, head, governed)
                mentions = sentence.read(indicators, values)
        for mention in mentions:
            mention.char_start, mention.char_end = cleaned.span(mention.char_start, mention.char_end)
        result.mentions.extend(mentions)
        if indicators and ((values and not mentions and any(not t.blocked and t.canonical for t in indicators))
                           or _unread(text, end, indicators, mentions)):  # fmt: skip
            s, e = cleaned.span(start, end)
            result.unparsed.append(Unparsed(text[start:end], s, e))
    return result


# A number without a unit (增长8.5个点, 比上年提高1.2): not a year, a date, a session or a rank.
_BARE_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|年|月|日|届|次|位|名)")
_BARE_REACH = 20  # "next to an indicator": within this many characters after it, glue between


def _unread(text: str, end: int, indicators: list[IndicatorToken], mentions: list[Mention]) -> bool:
    """Whether an indicator that yielded no row has a number next to it: a figure the reader
    could not read (a unit it does not know, words it does not take as growth), which the user
    should see rather than lose."""
    read = {m.indicator for m in mentions}
    for token in indicators:
        if token.blocked or {i for i in token.indicators if i} <= read:
            continue
        number = _BARE_NUMBER.search(text, token.end, min(end, token.end + _BARE_REACH))
        if number and not breaks_subject(text[token.end : number.start()]):
            return True
    return False


def _outside(values: list[ValueToken], indicators: list[IndicatorToken]) -> list[ValueToken]:
    """The values that do not stand inside an indicator's words (500万元以上固定资产投资)."""
    starts = [t.start for t in indicators]  # in order, without overlaps
    kept = []
    for value in values:
        i = bisect_right(starts, value.start) - 1
        if i < 0 or value.start >= indicators[i].end:
            kept.append(value)
    return kept

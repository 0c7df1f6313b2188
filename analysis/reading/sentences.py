"""Sentences -> mentions: which sentences hold figures, and what their paragraphs say.

A report has tens of thousands of sentences, a few hundred with an indicator's words: those
are found from the words (`sentences_holding`), each read by `pairing.Sentence`. A sentence
longer than MAX_SENTENCE (a page that lost its punctuation) is read in windows. What stands
around a sentence counts too: the head of its paragraph (一季度 makes a whole paragraph
part-year; 初步预计 makes its outcomes estimates; 2019年 names its year), a list announced by a
colon (今年的主要预期目标是:) makes its sentences targets, and a paragraph that reviews a
whole term (过去五年) states no year's figures. A sentence that names an indicator next to a
number but yields no row of it is reported (`Unparsed`), never dropped silently.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..regions import lookup as regions_lookup
from ..vocab import LANGUAGE
from .normalise import Cleaned
from .pairing import (
    ESTIMATE_CUE,
    GOAL_YEARS,
    HISTORY_YEARS,
    PERIOD_WORD,
    Mention,
    ParagraphHead,
    Reading,
    Sentence,
    breaks_subject,
    period_of,
)
from .sections import Outline
from .tokens import (
    MAX_BEFORE_ANCHOR,
    IndicatorToken,
    ValueToken,
    any_indicator_positions,
    find_indicators,
    find_values,
    region_pattern,
    regions_named,
)


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


_SENTENCE = re.compile(r"[^。！？!?\n]+")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_PART_YEAR = re.compile(LANGUAGE["part_year"])
_ANNOUNCE = re.compile(LANGUAGE["target_cues"] + "|目标|指标")  # "…定下这些具体目标:" opens a list
# Paragraphs reviewing a whole term state cumulative or end-of-term figures.
_MULTI_YEAR = re.compile(LANGUAGE["multi_year_paragraphs"])


# The longest stretch read as one sentence. Report sentences run to a few hundred characters
# (the longest of the seeds, the labelled excerpts and the national reports: 377); a page
# that lost its punctuation (a flattened statistics table on one line) would otherwise be one
# sentence of any length, and reading a sentence costs more than its length. Longer
# sentences are read in windows that end at a clause's end, else before an indicator.
MAX_SENTENCE = 1000
_CLAUSE_END = re.compile(r"[;；,，]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: a sentence ends at 。！？ or a line break; one longer than
    MAX_SENTENCE is cut into windows of at most that length."""
    spans = [match.span() for match in _SENTENCE.finditer(text)]
    if all(end - start <= MAX_SENTENCE for start, end in spans):
        return spans
    return [window for start, end in spans for window in _windows(text, start, end)]


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence as read: itself, or windows of at most MAX_SENTENCE characters."""
    windows = []
    while end - start > MAX_SENTENCE:
        cut = _window_end(text, start, start + MAX_SENTENCE)
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return windows


_DELIMITERS = "。！？!?\n"


def _sentence_start(text: str, position: int, low: int = 0) -> int:
    """Where the sentence holding `position` begins, looked for back to `low` (0 if none there)."""
    return max(text.rfind(c, max(0, low), position) for c in _DELIMITERS) + 1


def sentences_holding(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """The sentences (windows) of `sentences(text)` that hold one of the offsets `hits`, found
    from the hits: a report has tens of thousands of sentences, a few hundred with an indicator."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(hits):
        hit = hits[i]
        low = max(0, hit - MAX_SENTENCE)
        start = _sentence_start(text, hit, low)
        if start == 0 and low > 0:  # a sentence longer than a window: its start, once
            start = _sentence_start(text, hit)
        found = _SENTENCE_END.search(text, hit)
        end = found.start() if found else len(text)
        for window in _windows(text, start, end):
            if bisect_left(hits, window[0]) < bisect_left(hits, window[1]):
                spans.append(window)
        i = bisect_left(hits, end)
    return spans


_COLON_END = re.compile(r"[:：](?=[。！？!?\n]|$)")


class _Lists:
    """Lists announced by a sentence that ends with a colon (今年的主要预期目标是:): a sentence
    after such a colon states targets, until a sentence ends with 。 or a heading begins."""

    def __init__(self, text: str, outline: Outline):
        self.text, self.outline = text, outline
        self.colons = [m.start() for m in _COLON_END.finditer(text)
                       if _ANNOUNCE.search(text, _sentence_start(text, m.start(), m.start() - MAX_SENTENCE), m.end())]  # fmt: skip
        self.stops = [m.start() for m in re.finditer("。", text)] if self.colons else []

    def govern(self, start: int) -> bool:
        i = bisect_left(self.colons, start) - 1
        if i < 0:
            return False
        colon = self.colons[i]
        if bisect_left(self.stops, start) > bisect_right(self.stops, colon):
            return False  # a sentence ended with 。 between them
        here = self.outline.at(start)
        return self.outline.at(colon) is here and here.start != start  # no heading since, nor here


def _window_end(text: str, start: int, limit: int) -> int:
    """Where a window of text[start:limit] ends: after its last clause end in the second half,
    else before its last indicator there, else at the limit."""
    middle = (start + limit) // 2
    ends = [m.end() for m in _CLAUSE_END.finditer(text, middle, limit)]
    if ends:
        return ends[-1]
    starts = any_indicator_positions(text[middle:limit])
    if starts:
        # an anchor word stands inside its wording: step back to the wording's start
        found = find_indicators(text, max(start, middle + starts[-1] - MAX_BEFORE_ANCHOR), limit)
        if found and found[-1].start > start:
            return found[-1].start
    return limit


def extract_figures(cleaned: Cleaned, reading: Reading) -> Figures:
    """Every figure of a canonical indicator stated in the prose of a report."""
    result = Figures()
    text = cleaned.text
    hits = any_indicator_positions(text)
    breaks = [m.start() for m in re.finditer("\n", text)]
    lists = _Lists(text, reading.outline)
    heads: dict[int, ParagraphHead] = {}
    territory_stated = "在地" in text  # 在地口径 beside 区属: the territory's figure is the region's
    said_before = _SaidBefore(text, reading.outline)
    title_part_year = _title_names_part_of_year(text)
    subjects = _Subjects(text, reading.region_context, active=not reading.own_level)
    for start, end in sentences_holding(text, hits):
        governed = lists.govern(start)  # inside a list announced by "主要预期目标是:"
        indicators = find_indicators(text, start, end)
        for token in indicators:
            if token.scope and token.scope != reading.own_level:
                token.blocked = True  # 全省… in a county's report: the province's figure
        _block_parts_of_blocked(text, indicators)
        _block_zone_subjects(text, start, indicators)
        _local_and_total_revenue(indicators)
        if territory_stated:
            _block_own_share(text, indicators)
        values, mentions = [], []
        at = bisect_left(breaks, start)
        paragraph = breaks[at - 1] + 1 if at else 0  # the start of the line holding the sentence
        if indicators:
            head = heads.get(paragraph) or heads.setdefault(paragraph, _paragraph_head(text, paragraph, reading))
            head = said_before.of(paragraph, start, head)
            values = _outside(find_values(text, start, end), indicators)
            part_year = head.part_year or title_part_year or _opens_with_part_year(text, start, indicators[0].start)
            if not (part_year and "全年" not in text[start:end]):
                subject = subjects.of(paragraph, start, indicators[0].start) if subjects.active else None
                _name_regions(text, start, indicators, values, reading.region_context, subject)
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


_TITLE = re.compile(r"^(?:title:)?\s*['\"]?([^\n]{4,60})$", re.MULTILINE)


def _title_names_part_of_year(text: str) -> bool:
    """A news article whose title names part of the year ("杭州前三季度GDP增长10%"): its figures
    are of that part, unless a sentence says 全年, even where a paragraph no longer names it."""
    title = _TITLE.search(text[:400])
    return bool(title) and bool(_PART_YEAR.search(title.group(1))) and "全年" not in title.group(1)


def _opens_with_part_year(text: str, start: int, first_indicator: int) -> bool:
    """A sentence whose opening clauses, before its indicators, name part of the year (比如,2021年
    1-11月,全市…), or that goes on from such a sentence (…前三季度,进出口总额…。其中,出口…): its
    figures are not the year's."""
    stop = text.rfind(",", start, first_indicator)
    if stop > start and _PART_YEAR.search(text, start, stop):
        return True
    if text.startswith("其中", start):
        before = _sentence_start(text, max(0, start - 1), max(0, start - MAX_SENTENCE))
        return bool(_PART_YEAR.search(text, before, start))
    return False


# A park or zone opening a sentence is its subject (天易经开区实现技工贸总收入1200亿元;完成地区
# 生产总值430亿元): its figures are the zone's, unless the region's own area is named again.
_ZONE = re.compile(r"(?:经开区|开发区|高新区|园区|工业园|产业园|综保区|保税区|示范区|试验区)")
_OWN_AGAIN = re.compile(r"(?:全|本|我)(?:省|市|区|县|旗)(?!委|政府)")


def _block_zone_subjects(text: str, start: int, indicators: list[IndicatorToken]) -> None:
    zone = _ZONE.search(text, start, indicators[0].start) if indicators else None
    if zone is None or region_pattern().search(text, start, zone.start()):
        return  # (南昌县、西湖区、高新区财政总收入超百亿: places and a zone, each with its figure)
    for token in indicators:
        if not _OWN_AGAIN.search(text, zone.end(), token.start):
            token.blocked = token.narrower = True


class _SaidBefore:
    """What the sentences of a paragraph before this one last said of time: a year (过去一年，我们
    的各项工作取得了很大成绩。国内生产总值增长10.3%: the year reviewed), or a whole term (过去五年,
    …。城镇新增就业人数超过6400万人: no year's figure). Read once along each paragraph."""

    _TERM = re.compile(r"这五年|过去五年|五年来|今后五年|未来五年|“?十[一二三四五六七八九]五”?(?:时期|期间|以来)")

    def __init__(self, text: str, outline: Outline):
        self.text, self.outline = text, outline
        self.paragraph, self.upto, self.period, self.term = -1, 0, 0, False

    def of(self, paragraph: int, start: int, head: ParagraphHead) -> ParagraphHead:
        if paragraph != self.paragraph:
            self.paragraph, self.upto, self.period, self.term = paragraph, paragraph, 0, False
        _, end = _first_sentence(self.text, paragraph)
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
    end = re.search(r"[。！？!?\n]", text[paragraph : paragraph + 400])
    return paragraph, paragraph + (end.start() if end else 400)


def _paragraph_head(text: str, start: int, reading: Reading) -> ParagraphHead:
    """The paragraph's opening clause (2022年一季度, / 初步预计,) and the year its first
    sentence ends on (在1992年快速增长的基础上，1993年我国经济继续蓬勃发展。: 1993)."""
    stop = re.search(r"[,，。;；:：\n]", text[start : start + 40])
    clause = text[start : start + (stop.start() if stop else 20)]
    end = re.search(r"[。！？!?\n]", text[start : start + 60])
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


def _name_regions(text: str, start: int, indicators: list[IndicatorToken], values: list[ValueToken],
                  context: str, subject: tuple | None = None) -> None:
    """Places named as the subject before an indicator (2022年郑州全市生产总值,
    南昌县、西湖区…财政总收入) own it and the indicators after it in the sentence. The
    subject stands in the indicator's clause, after the value or indicator before it; else it is
    `subject`, the place a text on several regions speaks of (see `_Subjects`)."""
    named: tuple = subject or ()
    ends = sorted(t.end for t in [*indicators, *values])
    for token in indicators:
        i = bisect_right(ends, token.start)
        since = max(start, token.start - 40, ends[i - 1] if i else start)
        prefix = _clause_tail(text[since : token.start])
        places = regions_named(prefix, context) if prefix else ()
        if not places and subject is not None:
            places = _topic_before(text[since : token.start], context)
        if not places and _OWN_AREA.search(prefix):
            token.regions = named = subject or ()  # 全区实现生产总值: the report's own region again
            continue
        token.regions = places or named
        if not token.blocked:  # 按照西安市生产总值统一核算结果: a place named in passing
            named = token.regions


_CLAUSES = re.compile(r"[,，;；:：]")


def _topic_before(words: str, context: str) -> tuple:
    """The place that ends or opens the clause before an indicator's, in a text on several regions:
    "经济总量最小的哈尔滨,2021年GDP为5352亿元"."""
    clauses = _CLAUSES.split(words)
    if len(clauses) < 2:
        return ()
    clause = clauses[-2].strip()
    found = list(region_pattern().finditer(clause))
    if found and found[-1].end() == len(clause):
        place = found[-1]
    elif found and found[0].start() == 0:
        # 玉环市排名第二位,人均可支配收入是68138元: the place opening the clause before (江苏省昆山市:
        # the narrowest of the places named one after another)
        place = found[0]
        for later in found[1:]:
            if later.start() != place.end():
                break
            place = later
    else:
        return ()
    region = regions_lookup(place.group(0), context)
    return (region,) if region is not None else ()


class _Subjects:
    """The place a text on several regions speaks of, sentence after sentence of a paragraph: the
    source of its figures ("宁波市统计局的数据显示,…。其中,出口7624.3亿元") or the topic of the
    sentence ("经济总量最小的哈尔滨,2021年GDP为5352亿元"): a place before the first indicator
    that ends a clause or names the place's own office. Texts with a region of their own keep
    to their own region."""

    _TOPIC = re.compile(r"(?:[,，]|统计局|海关|市委|省委|政府|发改委|的数据|提出|的目标|GDP|经济|20\d\d年|全年)")
    _BACK = re.compile(r"^(?:其中[,，]?|同时[,，]?)?(?:该|全|其)(?:省|市|区|县|地|州|旗)|^其中")
    _ANOTHER = re.compile(r"(?:另一|另外一|其他|其它|其余|别的)(?:个)?(?:省|市|区|县|地|城)")
    _OPENING = re.compile(r"^(?:其中[,，]?|而|同时[,，]?)?$")  # a place that opens the sentence is its subject

    def __init__(self, text: str, context: str, active: bool):
        self.text, self.context, self.active = text, context, active
        self.paragraph, self.places, self.last = -1, (), ()

    def of(self, paragraph: int, start: int, first_indicator: int) -> tuple:
        if not self.active:
            return ()
        if paragraph != self.paragraph:
            self.paragraph, self.places, self.last = paragraph, (), ()
        before = self.text[start:first_indicator]
        if self.last and self._BACK.search(before):
            self.places = self.last  # 该市地区生产总值…: the place the sentence before named
        if self._ANOTHER.search(before):
            self.places = ()  # 另一省份地区生产总值…: not the place spoken of so far
            return ()
        for match in reversed(list(region_pattern().finditer(before))):
            if self._TOPIC.match(before, match.end()) or self._OPENING.match(before[: match.start()]):
                region = regions_lookup(match.group(0), self.context)
                if region is not None:
                    self.places = (region,)
                    break
        return self.places

    def named(self, indicators: list[IndicatorToken]) -> None:
        """The last place a sentence named for its figures: the one 该市, 其中 or 全市 in the next
        sentence of the paragraph refers back to."""
        if self.active:
            self.last = next((t.regions for t in reversed(indicators) if t.regions and not t.blocked), self.last)


# Words by which a report names its own area (全区, 本县, 我市): the figures after them are its own.
_OWN_AREA = re.compile(r"(?:全|本|我)(?:省|市|区|县|旗|州)(?!委|政府|人大|政协)")


_OWN_SHARE = re.compile(r"[区县市]属$")


def _block_own_share(text: str, indicators: list[IndicatorToken]) -> None:
    """区属地区生产总值 beside 在地口径 figures: the district government's own share, not the
    territory's figure (a text that gives only 区属 figures gives the region's)."""
    for token in indicators:
        if _OWN_SHARE.search(text, max(0, token.start - 2), token.start):
            token.blocked = token.narrower = True


def _local_and_total_revenue(indicators: list[IndicatorToken]) -> None:
    """公共财政收入14.5亿元…;地方公共财政收入8.06亿元: where a sentence names a budget revenue with
    地方 and without, the one without is the total collected in the region (fiscal revenue)."""
    revenue = [t for t in indicators if t.indicators == ("general_budget_revenue",) and not t.blocked]
    if any(t.text.startswith("地方") for t in revenue):
        for token in revenue:
            if not token.text.startswith(("地方", "全国", "国家")):
                token.indicators = ("fiscal_revenue",)


def _block_parts_of_blocked(text: str, indicators: list[IndicatorToken]) -> None:
    """区本级地区生产总值204.3亿元,其中,第三产业增加值137.8亿元: the parts (其中) of a figure that
    is not the region's are not the region's either."""
    blocked_at = None
    for token in indicators:
        if token.narrower:
            blocked_at = token.end
        elif blocked_at is not None and "其中" in text[blocked_at : token.start]:
            token.blocked = True


def _outside(values: list[ValueToken], indicators: list[IndicatorToken]) -> list[ValueToken]:
    """The values that do not stand inside an indicator's words (500万元以上固定资产投资)."""
    starts = [t.start for t in indicators]  # in order, without overlaps
    kept = []
    for value in values:
        i = bisect_right(starts, value.start) - 1
        if i < 0 or value.start >= indicators[i].end:
            kept.append(value)
    return kept


def _clause_tail(prefix: str) -> str:
    return re.split(r"[,，;；:：]", prefix)[-1]

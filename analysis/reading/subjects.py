"""Whose figure a sentence states: the places named as its subject, or a narrower body's.

A figure is the report's region's unless the sentence names another place as its subject
(2022年郑州全市生产总值, 南昌县、西湖区…财政总收入), or, in a text on several regions, the place the
text speaks of (its source, a topic ending or opening the clause before). A figure of a body
narrower than the region is none of the region's: a zone opening the sentence (天易经开区…), the
parts (其中) of a 区本级 figure, a 区属 figure beside 在地口径 ones; and a budget revenue named both
with and without 地方 is, without it, the total revenue.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..regions import lookup as regions_lookup
from .places import iter_places, regions_named
from .tokens import IndicatorToken, ValueToken

# A park or zone opening a sentence is its subject (天易经开区实现技工贸总收入1200亿元;完成地区
# 生产总值430亿元): its figures are the zone's, unless the region's own area is named again.
_ZONE = re.compile(r"(?:经开区|开发区|高新区|园区|工业园|产业园|综保区|保税区|示范区|试验区)")
_OWN_AGAIN = re.compile(r"(?:全|本|我)(?:省|市|区|县|旗)(?!委|政府)")


def block_zone_subjects(text: str, start: int, indicators: list[IndicatorToken]) -> None:
    zone = _ZONE.search(text, start, indicators[0].start) if indicators else None
    if zone is None or next(iter_places(text, start, zone.start()), None):
        return  # (南昌县、西湖区、高新区财政总收入超百亿: places and a zone, each with its figure)
    for token in indicators:
        if not _OWN_AGAIN.search(text, zone.end(), token.start):
            token.blocked = token.narrower = True


def name_regions(text: str, start: int, indicators: list[IndicatorToken], values: list[ValueToken],
                  context: str, subject: tuple | None = None) -> None:
    """Places named as the subject before an indicator (2022年郑州全市生产总值,
    南昌县、西湖区…财政总收入) own it and the indicators after it in the sentence. The
    subject stands in the indicator's clause, after the value or indicator before it; else it is
    `subject`, the place a text on several regions speaks of (see `Subjects`)."""
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
    found = list(iter_places(clause))
    if found and found[-1][1] == len(clause):
        place = found[-1]
    elif found and found[0][0] == 0:
        # 玉环市排名第二位,人均可支配收入是68138元: the place opening the clause before (江苏省昆山市:
        # the narrowest of the places named one after another)
        place = found[0]
        for later in found[1:]:
            if later[0] != place[1]:
                break
            place = later
    else:
        return ()
    region = regions_lookup(clause[place[0] : place[1]], context)
    return (region,) if region is not None else ()


class Subjects:
    """The place a text on several regions speaks of, sentence after sentence of a paragraph: the
    source of its figures ("宁波市统计局的数据显示,…。其中,出口7624.3亿元") or the topic of the
    sentence ("经济总量最小的哈尔滨,2021年GDP为5352亿元"): a place before the first indicator
    that ends a clause or names the place's own office. Texts with a region of their own keep
    to their own region."""

    _TOPIC = re.compile(r"(?:[,，]|统计局|海关|市委|省委|政府|发改委|的数据|提出|的目标|GDP|经济|20\d\d年|全年)")
    _BACK = re.compile(r"^(?:其中[,，]?|同时[,，]?)?(?:该|全|其)(?:省|市|区|县|地|州|旗)|^其中")
    _SOURCE = re.compile(r"(?:省|市)?(?:统计局|海关|政府|人民政府|发改委|新闻办)")
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
            self._source_before(paragraph, start)
        before = self.text[start:first_indicator]
        if self.last and self._BACK.search(before):
            self.places = self.last  # 该市地区生产总值…: the place the sentence before named
        if self._ANOTHER.search(before):
            self.places = ()  # 另一省份地区生产总值…: not the place spoken of so far
            return ()
        for start, end in reversed(list(iter_places(before))):
            if self._TOPIC.match(before, end) or self._OPENING.match(before[:start]):
                region = regions_lookup(before[start:end], self.context)
                if region is not None:
                    self.places = (region,)
                    break
        return self.places

    def _source_before(self, paragraph: int, start: int) -> None:
        """A source named in the paragraph's sentences before the first that holds a figure
        ("山东省政府新闻办公室发布的信息显示,…。全年地区生产总值突破8万亿元")."""
        for begin, end in iter_places(self.text, paragraph, start):
            if self._SOURCE.match(self.text, end):
                region = regions_lookup(self.text[begin:end], self.context)
                self.places = (region,) if region is not None else self.places

    def named(self, indicators: list[IndicatorToken]) -> None:
        """The last place a sentence named for its figures: the one 该市, 其中 or 全市 in the next
        sentence of the paragraph refers back to."""
        if self.active:
            self.last = next((t.regions for t in reversed(indicators) if t.regions and not t.blocked), self.last)


# Words by which a report names its own area (全区, 本县, 我市): the figures after them are its own.
_OWN_AREA = re.compile(r"(?:全|本|我)(?:省|市|区|县|旗|州)(?!委|政府|人大|政协)")


_OWN_SHARE = re.compile(r"[区县市]属$")


def block_own_share(text: str, indicators: list[IndicatorToken]) -> None:
    """区属地区生产总值 beside 在地口径 figures: the district government's own share, not the
    territory's figure (a text that gives only 区属 figures gives the region's)."""
    for token in indicators:
        if _OWN_SHARE.search(text, max(0, token.start - 2), token.start):
            token.blocked = token.narrower = True


def local_and_total_revenue(indicators: list[IndicatorToken]) -> None:
    """公共财政收入14.5亿元…;地方公共财政收入8.06亿元: where a sentence names a budget revenue with
    地方 and without, the one without is the total collected in the region (fiscal revenue)."""
    revenue = [t for t in indicators if t.indicators == ("general_budget_revenue",) and not t.blocked]
    if any(t.text.startswith("地方") for t in revenue):
        for token in revenue:
            if not token.text.startswith(("地方", "全国", "国家")):
                token.indicators = ("fiscal_revenue",)


def block_parts_of_blocked(text: str, indicators: list[IndicatorToken]) -> None:
    """区本级地区生产总值204.3亿元,其中,第三产业增加值137.8亿元: the parts (其中) of a figure that
    is not the region's are not the region's either."""
    blocked_at = None
    for token in indicators:
        if token.narrower:
            blocked_at = token.end
        elif blocked_at is not None and "其中" in text[blocked_at : token.start]:
            token.blocked = True


def _clause_tail(prefix: str) -> str:
    return _CLAUSES.split(prefix)[-1]


def mark_scopes(text: str, start: int, indicators: list[IndicatorToken], own_level: str, territory_stated: bool) -> None:
    """Block the indicators of a sentence that are another government's or body's figures."""
    for token in indicators:
        if token.scope and token.scope != own_level:
            token.blocked = True  # 全省… in a county's report: the province's figure
    block_parts_of_blocked(text, indicators)
    block_zone_subjects(text, start, indicators)
    local_and_total_revenue(indicators)
    if territory_stated:
        block_own_share(text, indicators)

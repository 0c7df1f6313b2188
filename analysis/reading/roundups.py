"""Roundups: a text about several regions that states an indicator once and lists each region's value.

"31省份2021年GDP目标出炉…其中,湖北为10%以上,海南为10%以上,西藏为9%左右,甘肃、宁夏为7%左右…其余
省份为6%以上" (an example written for this module): the indicator and its kind are named once, in a
title or lead sentence (the lead); then each place, or list of places, is given a value ("湖北为10%
以上"). Each listed region gets its own row under its full name (宁夏 -> 宁夏回族自治区). "其余省份"
stands for the regions of that level the text has not yet given a value, and is read only where
the text says how many there are ("31个省区市") and that many regions of the level are known, so
the rest is known.

Only texts that speak for no government of their own are read this way (document.py): in a
report, a place followed by a value is seldom a roundup's item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import regions
from ..vocab import LANGUAGE
from .normalise import Cleaned
from .pairing import Mention
from .periods import PERIOD_WORD, period_of
from .places import iter_places, name_at
from .sections import Outline
from .tokens import find_indicators, find_values

_SENTENCE = re.compile(r"[^。！？!?\n]+")
# Part of the year: no lead, no item of the year's figures (an average of several years, 两年平均,
# is no item either: its words are no item's glue).
_PART_YEAR = re.compile(LANGUAGE["part_year"] + r"|\d+月份?")
_TARGET_WORDS = re.compile(r"目标|预期|计划|力争")
_ESTIMATE_WORDS = re.compile(r"预计|初步")
# What may stand between the places of an item and its value.
_ITEM_GLUE = re.compile(
    r"(?:(?:19|20)\d{2}年)?(?:的)?(?:GDP|经济)?(?P<basis>实际|名义)?(?:增长)?(?:预期)?(?:目标|增速|增幅)?"
    r"(?:仅|均|都|分别)?(?:为|是|定为|定在|设定为|设为|达到了|达到|达|在)?(?:增长)?"
)
_PLACE_JOIN = re.compile(r"[、和与及]")
_BEFORE_ITEM = re.compile(r"(?:^|[,，;；:：])\s*(?:其中[,，]?\s*)?(?:(?:19|20)\d{2}年)?$")
# A clause right after an item that gives the same places another value (…名义增速仅为3.24%,
# 实际增速仅为5.5%): the glue of an item, without places.
_MORE = re.compile(r"[,，]\s*(?P<basis>实际|名义)?(?:增速|增幅|增长)(?:仅|也)?(?:为|是|达到了|达到|达)?")
_REST = re.compile(
    r"(?:其余|其他|其它|剩余|剩下)(?:的)?(?:\d+个)?(?P<what>省份|省区市|省市区|省区|省市|地区|城市|设区市|地市|市州|市)"
    r"(?:的)?(?:目标)?(?:均|都)?(?:为|是|定为|定在|在)"
)
_PROVINCE_COUNT = re.compile(r"(\d{2})\s*(?:个)?(?:省份|省区市|省市区|省区|省\(区、市\)|省\(自治区、直辖市\))")
_CITY_COUNT = re.compile(r"(\d{1,2})\s*(?:个)?(?:设区市|地级市|市州|地市|城市)")


@dataclass
class Lead:
    """The indicator a roundup names once, and what its values are."""

    indicator: str
    printed: str
    kind: str
    period: int


def read_roundup(cleaned: Cleaned, outline: Outline, read: set[tuple[int, int]]) -> list[Mention]:
    """The items of a roundup's lists, each a row of its region; `read`: spans of the values
    already read (an item that names its indicator is read as any sentence is)."""
    text = cleaned.text
    found: list[Mention] = []
    lead: Lead | None = None
    given: list[regions.Region] = []
    for sentence in _SENTENCE.finditer(text):
        start, end = sentence.span()
        if _PART_YEAR.search(text, start, end) and "全年" not in text[start:end]:
            lead = None  # 2021年1-11月,…: part of the year, in the lead or the list
            continue
        new = _lead(text, start, end, outline)
        if new is not None:
            if lead is None or (new.indicator, new.kind) != (lead.indicator, lead.kind):
                given = []
            lead = new
        if lead is None:
            continue
        for places, value, basis in _items(text, start, end):
            if cleaned.span(value.start, value.end) in read or value.unit != "%":
                continue
            found += _mentions(cleaned, lead, places, value, start, end, basis)
            given += places
        rest = _REST.search(text, start, end)
        if rest:
            value = next(iter(find_values(text, rest.end(), min(end, rest.end() + 12))), None)
            universe = _universe(text, rest.group("what"), given)
            if value is not None and value.start == rest.end() and universe and value.unit == "%":
                others = [r for r in universe if r not in given]
                found += _mentions(cleaned, lead, others, value, start, end)
                given += others
    return found


def _lead(text: str, start: int, end: int, outline: Outline) -> Lead | None:
    """The lead a sentence makes: it names one indicator (in any number of wordings)."""
    tokens = [t for t in find_indicators(text, start, end) if t.canonical and not t.blocked]
    names = {t.indicators for t in tokens}
    if len(names) != 1 or len(tokens[0].indicators) != 1:
        return None
    sentence = text[start:end]
    years = [period_of(m, outline) for m in PERIOD_WORD.finditer(sentence)]
    if _TARGET_WORDS.search(sentence):
        kind, period = "target", (years[-1] if years else outline.plan_year)
    else:
        kind = "estimate" if _ESTIMATE_WORDS.search(sentence) else "actual"
        period = years[-1] if years else outline.plan_year - 1
    return Lead(tokens[0].indicators[0], tokens[0].text, kind, period)


def _items(text: str, start: int, end: int):
    """(places, value) of each item of the sentence: places at a clause's start, joined by 、 or
    和, then only the glue of an item (为, 目标为, 增长) and a value."""
    at = start
    while True:
        first = next(iter_places(text, at, end), None)
        if first is None:
            return
        at = first[1]
        if not _BEFORE_ITEM.search(text[max(start, first[0] - 8) : first[0]]):
            continue
        names, position = [text[first[0] : first[1]]], first[1]
        while (join := _PLACE_JOIN.match(text, position)) and (more := name_at(text, join.end())):
            names.append(text[join.end() : more])
            position = more
        glue = _ITEM_GLUE.match(text, position, end)
        values = find_values(text, glue.end(), min(end, glue.end() + 16))
        if not values or values[0].start != glue.end():
            continue
        places = [regions.lookup(name, text[start:end]) for name in names]
        if all(places) and len(set(places)) == len(places):
            yield places, values[0], glue.group("basis") or ""
            at = values[0].end
            while (more := _MORE.match(text, at, end)) and (
                    found := find_values(text, more.end(), min(end, more.end() + 16))) and found[0].start == more.end():
                yield places, found[0], more.group("basis") or ""
                at = found[0].end


def _universe(text: str, what: str, given: list[regions.Region]) -> list[regions.Region]:
    """The regions "其余省份" may stand for: every one of the level, where the text's count of
    them equals the regions known of it."""
    if what in ("省份", "省区市", "省市区", "省区", "省市") or (what == "地区" and given and given[0].level == "province"):
        universe = list(regions.mainland_provinces())
        count = _PROVINCE_COUNT.search(text)
    else:
        parents = {r.parent for r in given if r.level == "city"}
        if len(parents) != 1:
            return []
        universe = [r for r in regions.children(parents.pop()) if r.level == "city" and not r.name.endswith("新区")]
        count = _CITY_COUNT.search(text)
    return universe if count and int(count.group(1)) == len(universe) else []


def _mentions(cleaned: Cleaned, lead: Lead, places, value, start: int, end: int, basis: str = "") -> list[Mention]:
    span = cleaned.span(value.start, value.end)
    return [
        Mention(lead.indicator, lead.printed, lead.period, lead.kind, "growth", value.value, "%", value.qualifier,
                cleaned.text[start:end], span[0], span[1], value_high=value.value_high, basis=basis,
                region=place.name, region_level=place.level, parent_region=place.parent)
        for place in places
    ]

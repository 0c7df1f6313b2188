"""Sentence -> mentions: indicator, value, unit, qualifier and the evidence span.

Within a sentence, indicators and values are read left to right. A value
belongs to the indicator before it when the words between them are only the
glue of these reports (实现, 同比增长, 预计, 分别, …); any other words start a new
subject ("总量全省第一", "工业投资"), and the value belongs to nothing. A list
of n indicators takes a run of n values in order (分别). The part of the report
(sections.py) and the cues of the sentence (预计, 预期目标) give period and kind.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .normalise import Cleaned
from .sections import PLAN, Section, heading_role, section_at
from .tokens import (
    RATE_INDICATORS,
    IndicatorToken,
    ValueToken,
    any_indicator_positions,
    find_indicators,
    find_values,
    level_units,
    regions_named,
)
from .vocab import LANGUAGE


@dataclass
class Mention:
    """One figure as read from the text, with its evidence.

    `char_start`/`char_end` index the normalised document text, which has the
    same offsets as the decoded file (see normalise.py).
    """

    indicator: str
    indicator_text: str
    period: int
    kind: str
    measure: str
    value: float
    unit: str
    qualifier: str
    source_text: str
    char_start: int
    char_end: int
    value_high: float = math.nan
    basis: str = ""
    text: str = ""
    region: str = ""  # empty: the report's own region
    region_level: str = ""
    parent_region: str = ""


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


_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
# Longest words first, so that 比上年 is not read as 比 followed by other words.
_GLUE = re.compile("|".join(sorted(LANGUAGE["glue"].split("|"), key=len, reverse=True)))
_IGNORABLE = re.compile(r"[\s,，、:：()（）“”\"'\[\]【】\-—·]|\d{4}年|\d+")
_DISQUALIFIED = re.compile(LANGUAGE["disqualifiers"])
_GROWTH = re.compile(LANGUAGE["growth_words"])
_NEGATIVE = re.compile(LANGUAGE["negative_words"])
_TARGET_CUE = re.compile(LANGUAGE["target_cues"])
_ESTIMATE_CUE = re.compile(LANGUAGE["estimate_cues"])
_ANNOUNCE = re.compile(LANGUAGE["target_cues"] + "|目标|指标")  # "…定下这些具体目标:" opens a list
_QUALITATIVE = re.compile(
    "|".join(sorted(LANGUAGE["qualitative"].split("|"), key=len, reverse=True))
)
_BASIS = re.compile("|".join(LANGUAGE["bases"]))
_LIST_JOIN = re.compile(r"^[、和及与,，]?$")
# A year that names the period (2022年郑州…), not a date (2022年1月) nor a base of
# comparison (比2020年增长, 与2019年相比, 2020年以来).
_YEAR = re.compile(r"(?<![\d比较与])(20\d{2})年(?![\d]{1,2}月|以来|相比)")
# Paragraphs reviewing a whole term state cumulative or end-of-term figures.
_MULTI_YEAR = re.compile(LANGUAGE["multi_year_paragraphs"])


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: a sentence ends at 。！？ or a line break."""
    return [match.span() for match in _SENTENCE.finditer(text)]


def extract_figures(cleaned: Cleaned, sections: list[Section], region_context: str = "") -> Figures:
    """Every figure of a canonical indicator stated in the prose of a report."""
    result = Figures()
    text = cleaned.text
    governed = False  # inside a list announced by "主要预期目标是:"
    hits = any_indicator_positions(text)
    for start, end in sentences(text):
        announces = text[end - 1 : end] in (":", "：") and bool(_ANNOUNCE.search(text, start, end))
        if governed and heading_role(text[start:end]) is not None:
            governed = False
        has_indicator = bisect_left(hits, start) < bisect_left(hits, end)
        indicators = find_indicators(text, start, end) if has_indicator else []
        if indicators and not _MULTI_YEAR.match(_paragraph(text, start)):
            values = [v for v in find_values(text, start, end) if not _inside(v, indicators)]
            _name_regions(text, start, indicators, region_context)
            mentions = _read_sentence(text, start, end, indicators, values, sections, governed)
        else:
            values, mentions = [], []
        governed = (governed and text[end : end + 1] not in ("。", "")) or announces
        for mention in mentions:
            mention.char_start, mention.char_end = cleaned.span(mention.char_start, mention.char_end)
        result.mentions.extend(mentions)
        if values and not mentions and any(not t.blocked for t in indicators):
            s, e = cleaned.span(start, end)
            result.unparsed.append(Unparsed(text[start:end], s, e))
    return result


def _paragraph(text: str, position: int) -> str:
    """The opening words of the paragraph (line) holding `position`."""
    start = text.rfind("\n", 0, position) + 1
    return text[start : start + 20]


def _name_regions(text: str, start: int, indicators: list[IndicatorToken], context: str) -> None:
    """Places named as the subject before an indicator (2022年郑州全市生产总值,
    南昌县、西湖区…财政总收入) own it and the indicators after it in the sentence."""
    named: tuple = ()
    for token in indicators:
        prefix = _clause_tail(text[max(start, token.start - 40) : token.start])
        token.regions = regions_named(prefix, context) or named
        named = token.regions


def _inside(value: ValueToken, indicators: list[IndicatorToken]) -> bool:
    return any(t.start <= value.start < t.end for t in indicators)


def _clause_tail(prefix: str) -> str:
    return re.split(r"[,，;；:：]", prefix)[-1]


def _breaks_subject(gap: str) -> bool:
    """True when the words between an indicator and a value name something else."""
    if ";" in gap or "；" in gap:
        return True
    rest = _IGNORABLE.sub("", _GLUE.sub("", gap))
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", rest))


def _read_sentence(text, start, end, indicators, values, sections, governed=False) -> list[Mention]:
    tokens = sorted([*indicators, *values], key=lambda t: t.start)
    mentions: list[Mention] = []
    group: IndicatorToken | None = None
    anchor, basis, used = start, "", set()
    named: list[IndicatorToken] = []  # indicators of the sentence so far, for 分别 after them
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if isinstance(token, IndicatorToken):
            named = [*named, token] if not token.blocked else []
            joined = group is not None and not group.blocked and not token.blocked
            if joined and re.fullmatch(r"[、和及与]", text[group.end : token.start]):
                group = IndicatorToken(group.start, token.end, group.indicators + token.indicators,
                                       text[group.start : token.end], False, group.regions)
            else:
                group, basis, used = token, "", set()
            anchor = token.end
            continue
        gap = text[anchor : token.start]
        if group is None or group.blocked or _breaks_subject(gap):
            group, anchor = None, token.end
            continue
        run = [token]
        while i < len(tokens) and isinstance(tokens[i], ValueToken) and tokens[i].unit == token.unit \
                and _LIST_JOIN.match(text[run[-1].end : tokens[i].start]):
            run.append(tokens[i])
            i += 1
        anchor = run[-1].end
        found = _BASIS.search(gap)
        after = re.match(r"[(（](同口径|省口径|可比价)[)）]", text[anchor : anchor + 5])
        basis = found.group(0) if found else basis
        run_basis = after.group(1) if after else basis
        clause = text[max(start, _clause_start(text, start, group.start)) : token.start]
        if _DISQUALIFIED.search(clause) or _DISQUALIFIED.search(gap):
            continue
        measure, sign = _measure(group, token, gap)
        if measure is None:
            continue
        _share_trailing_qualifier(run)
        pairs = _pair(group, run, named if "分别" in gap else [])
        kind, period = _kind_and_period(text, start, token.start, sections, governed)
        for (indicator, printed), value in pairs:
            if measure == "level" and value.unit not in level_units(indicator):
                continue
            key = (indicator, measure, run_basis)
            if key in used:
                continue
            used.add(key)
            mentions.extend(
                _mention(text, start, end, group, indicator, printed, value, measure, sign, kind, period,
                         run_basis)
            )  # fmt: skip
    mentions.extend(_qualitative(text, start, end, indicators, mentions, sections, governed))
    return mentions


def _clause_start(text: str, start: int, position: int) -> int:
    cut = max(text.rfind(c, start, position) for c in ",，;；:：")
    return cut + 1 if cut >= start else start


def _measure(group: IndicatorToken, value: ValueToken, gap: str) -> tuple[str | None, int]:
    """growth or level for a value, and the sign of a growth (下降 -> -1)."""
    if value.unit == "个百分点":
        return None, 1
    if value.unit != "%":
        return "level", 1
    words = _GROWTH.findall(gap)
    if words:
        return "growth", -1 if _NEGATIVE.fullmatch(words[-1]) else 1
    if all(ind in RATE_INDICATORS for ind in group.indicators):
        return "growth", 1
    return None, 1


def _share_trailing_qualifier(run: list[ValueToken]) -> None:
    """分别增长8%、10%左右: a qualifier after the last value of a list covers the list."""
    last = run[-1]
    if len(run) > 1 and last.qualifier != "exact" and all(v.qualifier == "exact" for v in run[:-1]):
        for value in run[:-1]:
            value.qualifier = last.qualifier


def _pair(group: IndicatorToken, run: list[ValueToken], named: list[IndicatorToken]):
    """((indicator, words as printed), value) pairs of a run of values.

    A list of n indicators takes n values in order. "城镇居民…42318元、农村居民…
    20156元,分别增长7.1%和9.3%": a run after 分别 that is longer than the
    current group pairs with the indicators named last in the sentence.
    """
    if len(run) > len(group.indicators) and named:
        recent = [(ind, t.text) for t in named for ind in t.indicators][-len(run) :]
        if len(recent) == len(run) and len({ind for ind, _ in recent}) == len(run):
            return list(zip(recent, run))
    if len(group.indicators) == 1:
        # Several values for one indicator name is a list this reading cannot pair.
        return [((group.indicators[0], group.text), run[0])] if len(run) == 1 else []
    if len(run) == len(group.indicators):
        return [((ind, group.text), value) for ind, value in zip(group.indicators, run)]
    return []


def _kind_and_period(text, start, position, sections, governed=False) -> tuple[str, int]:
    """Kind and period of a value at `position` of the sentence starting at `start`.

    The section gives both; within a review, a sentence announcing targets
    (主要预期目标是…, or a list such a sentence opened) states the plan year's
    targets, and 预计/初步 before the value makes an outcome an estimate.
    """
    section = section_at(sections, start)
    before = text[start:position]
    years = [int(y) for y in _YEAR.findall(before)]
    if section.role == PLAN:
        year = years[-1] if years and years[-1] >= section.period else section.period
        if _ESTIMATE_CUE.search(before) and years and years[-1] < section.period:
            return "estimate", years[-1]
        return "target", year
    plan_year = section.period + 1
    if governed or _TARGET_CUE.search(before):
        if not years or years[-1] >= plan_year:
            return "target", years[-1] if years else plan_year
    year = years[-1] if years and section.period - 1 <= years[-1] <= section.period else section.period
    return ("estimate" if _ESTIMATE_CUE.search(before) else "actual"), year


def _mention(text, start, end, group, indicator, printed, value, measure, sign, kind, period, basis):
    number = value.value * sign
    high = value.value_high * sign if not math.isnan(value.value_high) else math.nan
    base = dict(
        indicator=indicator, indicator_text=printed, period=period, kind=kind, measure=measure,
        value=number, unit="%" if measure == "growth" else value.unit, qualifier=value.qualifier,
        source_text=text[start:end], char_start=value.start, char_end=value.end,
        value_high=high, basis=basis,
    )  # fmt: skip
    if not group.regions:
        return [Mention(**base)]
    return [
        Mention(**base, region=r.name, region_level=r.level, parent_region=r.parent)
        for r in group.regions
    ]


def _qualitative(text, start, end, indicators, mentions, sections, governed) -> list[Mention]:
    """出口总额实现量稳质升: a target in words, kept as a row with its words in `text`."""
    found = []
    stated = {m.indicator for m in mentions}
    for token in indicators:
        if token.blocked or len(token.indicators) != 1 or token.indicators[0] in stated:
            continue
        tail = text[token.end : end]
        stop = re.search(r"[;；,，]", tail)
        clause = tail[: stop.start()] if stop else tail
        match = _QUALITATIVE.search(clause)
        if not match or find_values(clause):
            continue
        kind, period = _kind_and_period(text, start, token.start, sections, governed)
        if kind != "target":
            continue
        at = token.end + match.start()
        found.append(
            Mention(token.indicators[0], token.text, period, "target", "growth", math.nan, "", "",
                    text[start:end], at, token.end + match.end(), text=match.group(0))
        )  # fmt: skip
    return found

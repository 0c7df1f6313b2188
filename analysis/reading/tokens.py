"""The words a figure is made of: indicator wordings and printed values.

`find_indicators` and `find_values` scan cleaned text (normalise.clean) and
return tokens with offsets into it; pairing.py pairs them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import regions
from ..vocab import LANGUAGE

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
UNITS = ("个百分点", "%", "万亿元", "兆元", "亿美元", "万美元", "美元", "亿元", "万元", "元",
         "万人", "人", "万亿斤", "亿斤", "万斤", "亿公斤", "亿吨", "万吨", "吨")  # fmt: skip
RATE_INDICATORS = ("registered_unemployment", "surveyed_unemployment", "cpi")
LEVEL_UNITS: dict[str, tuple[str, ...]] = {
    "money": ("亿元", "万元", "万亿元", "兆元"),
    "foreign": ("亿美元", "万美元", "美元", "万亿元", "亿元", "万元"),
    "income": ("元", "万元"),
    "jobs": ("人", "万人"),
    "grain": ("万亿斤", "亿斤", "万斤", "亿公斤", "亿吨", "万吨", "吨"),
    "rate": (),
}
_LEVEL_KIND = {
    "fdi": "foreign", "exports": "foreign", "urban_income": "income", "rural_income": "income",
    "resident_income": "income", "new_urban_jobs": "jobs", "grain_output": "grain",
    "registered_unemployment": "rate", "surveyed_unemployment": "rate", "cpi": "rate",
}  # fmt: skip


def level_units(indicator: str) -> tuple[str, ...]:
    """Units a level of `indicator` can be printed in."""
    return LEVEL_UNITS[_LEVEL_KIND.get(indicator, "money")]


@dataclass
class IndicatorToken:
    start: int
    end: int
    indicators: tuple[str, ...]  # two for 城镇、农村居民人均可支配收入
    text: str
    blocked: bool = False  # words around it make it another quantity (人均GDP)
    regions: tuple[regions.Region, ...] = ()  # places named right before it
    scope: str = ""  # the level of a wider area named right before it (全省 -> province)
    narrower: bool = False  # the figure of a narrower body (区本级, 开发区): blocked, and its parts too

    @property
    def canonical(self) -> bool:
        """Whether it names an indicator of the contract (not only 第二产业增加值 of a list)."""
        return any(self.indicators)


@dataclass
class ValueToken:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    text: str
    value_high: float = math.nan
    bound_only_before: bool = False  # the qualifier is a word before it alone (控制在3.3%)


def alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# A wording marked `needs_value` names its indicator only where a value follows it.
_VALUE_AHEAD = r"(?=[约近超]|百分之|[0-9])"


def wording_pattern(wording: dict) -> str:
    """The regular expression of one wording of language.yaml."""
    pattern = wording["pattern"]
    return f"(?:{pattern}){_VALUE_AHEAD}" if wording.get("needs_value") else pattern


@lru_cache(maxsize=1)
def _indicator_patterns() -> list[tuple[tuple[str, ...], re.Pattern, str]]:
    """(indicators, pattern, subject) of every wording; an empty indicator is a quantity named
    beside the indicators in a list (第二产业增加值), whose values are read in their place and never
    written; `subject` is a word the sentence must name before the wording (粮食 before 总产量)."""
    patterns = [
        (tuple(ind or "" for ind in entry["indicators"]), re.compile(entry["pattern"]), "")
        for entry in [*LANGUAGE["indicator_pairs"], *LANGUAGE["indicator_lists"]]
    ]
    for indicator, wordings in LANGUAGE["indicators"].items():
        for wording in wordings:
            patterns.append(((indicator,), re.compile(wording_pattern(wording)), wording.get("needs_subject", "")))
    for wording in LANGUAGE["other_quantities"]:
        patterns.append((("",), re.compile(wording["pattern"]), ""))
    return patterns


@lru_cache(maxsize=1)
def _any_indicator() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for _, p, _ in _indicator_patterns()))


_ANCHORS = re.compile(LANGUAGE["indicator_anchors"])


# The most characters a wording may have before its first anchor word (城镇居民、农村居民人均年可支配收入: 13);
# tests/test_vocab.py checks every wording against it.
MAX_BEFORE_ANCHOR = 16


def any_indicator_positions(text: str) -> list[int]:
    """Offsets of the words every indicator wording contains (值, 收入, 投资, …):
    one fast pass of plain words, so that only the few sentences holding one are
    read closely. tests/test_vocab.py checks that every wording has an anchor."""
    return [m.start() for m in _ANCHORS.finditer(text)]


_BLOCKED_BEFORE = re.compile(LANGUAGE["blocked_before"])
_OTHER_SCOPE_BEFORE = re.compile(LANGUAGE["other_scope_before"])
_BLOCKED_AFTER = re.compile(LANGUAGE["blocked_after"])
# Words right before one indicator's wording that make it another quantity ("新三样"出口).
_BLOCKED_BEFORE_ONE = {ind: re.compile(words) for ind, words in LANGUAGE["blocked_before_indicator"].items()}
_SCOPE_BEFORE = re.compile(f"({alternation(LANGUAGE['scope_before'])})$")


_FIRST_CHARACTERS = frozenset(LANGUAGE["indicator_first_characters"])
# A wording and the words its look-ahead reads after it fit in this many characters (the
# longest, 城镇常住居民与农村常住居民人均年可支配收入, has 21).
_SNIPPET = 48


# Characters before a place that a wording's look-behind reads ((?<![城乡镇村])居民收入).
_LOOK_BEHIND = 4


@lru_cache(maxsize=8192)
def _longest_wording(snippet: str, at: int) -> tuple[int, tuple[str, ...], str] | None:
    """The longest wording at `at` in `snippet`: (its length, its indicators, the subject it
    needs), or None. Remembered: a report repeats its wordings (地区生产总值 a hundred times),
    and trying every wording's pattern at a place is the costliest step of reading a sentence."""
    if not _any_indicator().match(snippet, at):
        return None
    return max(
        ((m.end() - at, names, subject) for names, p, subject in _indicator_patterns() if (m := p.match(snippet, at))),
        key=lambda found: found[0],
    )


# A wording that needs a subject (总产量 for 粮食) follows it in the sentence, a clause later at
# most: "粮食连续四年增产,2007年产量达到…", "粮食播种面积77.27万亩,总产量达…".
_SUBJECT_REACH = 24
_AFTER_SUBJECT = re.compile(r"(?:[,，;；、]|\d年|全年)$")


def _has_subject(text: str, start: int, at: int, subject: str) -> bool:
    before = text[max(start, at - _SUBJECT_REACH) : at]
    return subject in before and bool(_AFTER_SUBJECT.search(before))


def find_indicators(text: str, start: int = 0, end: int | None = None) -> list[IndicatorToken]:
    """Indicator wordings in text[start:end], leftmost-longest, without overlaps.

    >>> [t.indicators for t in find_indicators("人均GDP突破2万美元;城镇、农村居民人均可支配收入分别增长8%、10%")]
    [('gdp',), ('urban_income', 'rural_income')]
    >>> find_indicators("人均GDP突破2万美元")[0].blocked
    True
    >>> [t.text for t in find_indicators("地区生产总值(GDP)250亿元")]  # a name in brackets repeats the one before
    ['地区生产总值']
    """
    end = len(text) if end is None else end
    tokens: list[IndicatorToken] = []
    at = start
    # A wording holds an anchor word within MAX_BEFORE_ANCHOR characters of its start: the
    # leftmost wording is tried only at the few places before each anchor, not along the whole
    # sentence (the alternation of every wording is slow to search).
    for anchor in _ANCHORS.finditer(text, start, end):
        if anchor.start() < at:
            continue
        for s in range(max(at, anchor.start() - MAX_BEFORE_ANCHOR), anchor.start() + 1):
            if text[s] not in _FIRST_CHARACTERS:
                continue
            left = max(start, s - _LOOK_BEHIND)
            found = _longest_wording(text[left : min(end, s + _SNIPPET)], s - left)
            if found is not None and (not found[2] or _has_subject(text, start, s, found[2])):
                break
        else:
            continue
        e, indicators = s + found[0], found[1]
        if tokens and tokens[-1].end == s - 1 and text[s - 1] in "(（" and text[e : e + 1] in ")）":
            at = e + 1  # 地区生产总值(GDP): the same indicator named again
            continue
        before = text[max(start, s - 6) : s]
        scope_word = _OTHER_SCOPE_BEFORE.search(before)
        # (南昌县、西湖区、高新区财政总收入: a zone closing a list of places is one subject of many)
        narrower = bool(scope_word) and text[s - len(scope_word.group(0)) - 1 : s - len(scope_word.group(0))] != "、"
        blocked = narrower or bool(_BLOCKED_BEFORE.search(before) or _BLOCKED_AFTER.search(text[e : e + 6]))
        own = _BLOCKED_BEFORE_ONE.get(indicators[0]) if len(indicators) == 1 else None
        if own is not None and own.search(before):
            blocked = True
        scope = _SCOPE_BEFORE.search(before)
        tokens.append(IndicatorToken(s, e, indicators, text[s:e], blocked, narrower=narrower,
                                     scope=LANGUAGE["scope_before"][scope.group(1)] if scope else ""))
        at = max(e, s + 1)
    return tokens


_PREFIX = LANGUAGE["qualifiers"]["prefix"]
_SUFFIX = LANGUAGE["qualifiers"]["suffix"]
_INFIX = LANGUAGE["qualifiers"]["infix"]
# 39,175元: digits grouped by thousands (three after each comma), then the plain form.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUMBER = "[零〇一二两三四五六七八九十百千万点]+"
_VALUE = re.compile(
    rf"(?P<pre>{alternation(map(re.escape, _PREFIX))})?"
    rf"(?:(?P<num>(?<![\d.A-Za-z]){_NUMBER})(?P<kilo>千(?=亿|万))?(?:%?[-~至到](?P<high>{_NUMBER}))?"
    rf"(?P<inf>{alternation(_INFIX)})?(?P<unit>{alternation(UNITS)})"
    # 百分之八点五: the percentages of older national reports, in Chinese numerals.
    rf"|百分之(?P<cnpct>{_CN_NUMBER})(?:[-~至到](?:百分之)?(?P<cnhigh>{_CN_NUMBER}))?"
    # 二千零一十五亿元, 一百二十亿元, 三点五%: a number in Chinese numerals before its unit.
    rf"|(?<![第每之零〇一二两三四五六七八九十百千万\d.])(?P<cnval>[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千点]*)"
    rf"(?P<cninf>多)?(?P<cnvunit>万亿元|亿元|万元|亿美元|万美元|万人|万吨|亿斤|亿公斤|%)"
    rf"|(?P<cn>[一二两三四五六七八九]?[百千])(?P<cnunit>亿元?|万元)"
    # 突破万亿元大关, 过万亿: a trillion without a digit, only after a word that bounds it.
    rf"|(?<=突破|超过|跨越|迈上|站上)(?P<wan>万亿)元?|(?<=[过超破])(?P<wan1>万亿)元?)"
    rf"(?P<suf>{alternation(_SUFFIX)})?"
)


# What a value may begin with: a digit, a numeral (百分之, 二千…, 万亿), a qualifier before it.
_VALUE_START = re.compile(f"[\\d零〇一二两三四五六七八九十百千万{re.escape(''.join(sorted({w[0] for w in _PREFIX})))}]")  # fmt: skip


def _value_matches(text: str, start: int, end: int) -> list[re.Match]:
    """`_VALUE.finditer(text, start, end)`, tried only where a value may begin: the pattern, which
    may begin with many things, is tried at every character by a search (3-4x slower)."""
    found, at = [], start
    for first in _VALUE_START.finditer(text, start, end):
        if first.start() >= at and (match := _VALUE.match(text, first.start(), end)):
            found.append(match)
            at = match.end()
    return found


def _signed(text: str, begin: int) -> bool:
    """A minus sign right before a rate, not the dash of a range (6%-6.5%) or of months (1-11月)."""
    return begin > 0 and text[begin - 1] == "-" and (begin < 2 or text[begin - 2] not in "0123456789.%")



def chinese_number(numerals: str) -> float | None:
    """十八点六 -> 18.6 (cn2an); None for numerals that are no number (点 alone, 十十).

    >>> chinese_number("十八点六"), chinese_number("九点零"), chinese_number("十点零五"), chinese_number("点")
    (18.6, 9.0, 10.05, None)
    """
    if numerals in _CN_UNITS:  # 百, 千 alone
        return float(_CN_UNITS[numerals])
    numerals = numerals.replace("两", "二").replace("〇", "零")
    if "点" in numerals and numerals.endswith("零"):  # 九点零 (9.0), which cn2an's strict mode refuses
        numerals = numerals.rstrip("零").removesuffix("点")
    try:
        # cn2an compiles its patterns as it loads (~0.1 s): loaded at the first numeral in words.
        from cn2an import cn2an

        return float(cn2an(numerals, "strict"))
    except (ValueError, KeyError, IndexError):
        return None


def find_values(text: str, start: int = 0, end: int | None = None) -> list[ValueToken]:
    """Printed values with their unit and qualifier.

    >>> [(v.value, v.unit, v.qualifier) for v in find_values("增长7.5%以上,控制在5.5%以内,超百亿")]
    [(7.5, '%', 'at_least'), (5.5, '%', 'at_most'), (100.0, '亿元', 'at_least')]
    >>> [(v.value, v.unit, v.text) for v in find_values("收入二千零一十五亿元,增长百分之九点五,突破万亿元大关")]
    [(2015.0, '亿元', '二千零一十五亿元'), (9.5, '%', '百分之九点五'), (1.0, '万亿元', '突破万亿元')]
    >>> v = find_values("增长6%-6.5%")[0]
    >>> (v.value, v.value_high, v.qualifier)
    (6.0, 6.5, 'range')
    """
    end = len(text) if end is None else end
    tokens = []
    for match in _value_matches(text, start, end):
        high = math.nan
        if match.group("num") is not None:
            value, unit = float(match.group("num").replace(",", "")), match.group("unit")
            if match.group("kilo"):
                value *= 1000  # 7千亿元
        elif match.group("cnpct") is not None:
            value, unit = chinese_number(match.group("cnpct")), "%"
            if value is None:
                continue
            if match.group("cnhigh") is not None:
                high = chinese_number(match.group("cnhigh")) or math.nan
        elif match.group("cnval") is not None:
            value, unit = chinese_number(match.group("cnval")), match.group("cnvunit")
            if value is None:
                continue
        elif match.group("cn") is not None:
            value = float(_CN_DIGITS.get(match.group("cn")[:-1], 1) * _CN_UNITS[match.group("cn")[-1]])
            unit = "亿元" if match.group("cnunit").startswith("亿") else "万元"
        else:  # 突破万亿元: one trillion, at least
            value, unit = 1.0, "万亿元"
        qualifier = (_SUFFIX.get(match.group("suf") or "") or _INFIX.get(match.group("inf") or "")
                     or _INFIX.get(match.group("cninf") or "") or _PREFIX.get(match.group("pre") or ""))  # fmt: skip
        if match.group("wan") or match.group("wan1"):
            qualifier = qualifier or "at_least"
        if match.group("high") is not None:
            high = float(match.group("high"))
        if not math.isnan(high):
            qualifier = "range"
        begin = match.start()
        if unit == "%" and match.group("num") and _signed(text, begin):
            value, high, begin = -value, -high, begin - 1  # 增长-2.1%: a fall printed with its sign
        before_only = not (match.group("suf") or match.group("inf") or match.group("cninf")) and bool(match.group("pre"))
        tokens.append(ValueToken(begin, match.end(), value, unit, qualifier or "exact", text[begin : match.end()],
                                 high, before_only))
    return tokens


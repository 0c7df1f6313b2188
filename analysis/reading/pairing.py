"""One sentence's indicators and values, paired.

Within a sentence, indicators and values are read left to right. A value
belongs to the indicator before it when the words between them are only the
glue of these reports (实现, 同比增长, 预计, 分别, …) or an aside in brackets;
any other words start a new subject ("总量全省第一", "工业投资"), and the value
belongs to nothing, unless they are only places' names (南昌县增长8%，进贤县增长
7.5%: the indicator carries over to the new place). A list of n indicators
takes a run of n values in order (分别), as a list of places does.

Each value's period and kind come from `periods.TimedSentence`, which `Sentence` extends.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocab import LANGUAGE
from .periods import ASIDE, BASE_YEAR, TimedSentence
from .places import only_places
from .quick import quick
from .tokens import RATE_INDICATORS, IndicatorToken, ValueToken, find_values, level_units


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
    # False: no year or time word before the figure in its sentence or paragraph head; the
    # period comes from where the sentence stands (checked `period_from_position`).
    period_stated: bool = True



# Longest words first, so that 比上年 is not read as 比 followed by other words.
_GLUE = re.compile("|".join(sorted(LANGUAGE["glue"].split("|"), key=len, reverse=True)))
# (Part of the year, 1-6月 or 上半年, is no new subject: the disqualifiers decide about it.)
_IGNORABLE = re.compile(r"[\s,，、:：()（）“”\"'\[\]【】\-—·]|\d{4}年|" + LANGUAGE["part_year"] + r"|\d+月份?|\d+")
_DISQUALIFIED = quick(LANGUAGE["disqualifiers"])
_GROWTH = re.compile(LANGUAGE["growth_words"])
_NEGATIVE = re.compile(LANGUAGE["negative_words"])
# Part of the year (1-11月, 7月份, 上半年) before a value that 全年 then overrides: "出口从7月份开始
# 回升,全年达到1949亿美元".
_PART_OF_YEAR = re.compile(LANGUAGE["part_year"] + r"|\d+月份?")
_WHOLE_YEAR = re.compile("全年")
# A value the sentence then changes (分别由614.26亿元修订为605.78亿元, 由上年的58.6%回落到27.8%):
# the words after it say what it became, and the value after them is the figure.
_CHANGED_TO = re.compile(r"(?:修订|调整|回落|下降|降|提高|上升|升|增加|增长|减少|扩大|缩小|变)(?:到|为|至)")
_CHANGED_TO_END = re.compile(_CHANGED_TO.pattern + r"$")
# Words right after a value that make it no figure of the year: a five-year plan's goal (达到
# 4万亿元“十四五”经济目标), a figure quoted for comparison (相比2020年GDP总量110760.94亿元的数据).
_NOT_THE_FIGURE_AFTER = re.compile(
    r"[“\"]?十[一二三四五六七八九]五[”\"]?[^,，;；。]{0,6}(?:目标|规划)|的(?:基础上|高?基数)"
    r"|(?:\([^()]{0,20}\))?作为[^,，;；。]{0,12}标准"  # 农民人均纯收入2300元(2010年不变价)作为新的国家扶贫标准
)
_TOTAL = re.compile(r"合计|总计|共计|总和|之和|加起来|合起来|等\d+[个座]?(?:市|县|区|省|城)")
# An amount right after these words is an increment (比上年增加1501亿元), not a level; 增加到 is.
_INCREMENT = re.compile(r"(?:增加|增长|减少|下降|多增|增收|增产|减产)了?约?\s*$")
# 完成年计划710亿元的89.4%: the year's planned level, stated in the review.
_YEAR_PLAN = re.compile(r"(?:年度?|全年)计划")
QUALITATIVE = re.compile(
    "|".join(sorted(LANGUAGE["qualitative"].split("|"), key=len, reverse=True))
)
_BASES = LANGUAGE["bases"]
_BASIS = re.compile("|".join(sorted(_BASES, key=len, reverse=True)))
_LIST_JOIN = re.compile(r"^[、和及与,，]?$")


def _without_asides(text: str) -> str:
    return ASIDE.sub("", text)


@lru_cache(maxsize=4096)  # the words between an indicator and its value repeat (增长, 比上年增长)
def _leftover(gap: str) -> str:
    """The words between an indicator and a value that are not glue (empty: none)."""
    return _IGNORABLE.sub("", _GLUE.sub("", _without_asides(gap)))


def breaks_subject(gap: str) -> bool:
    """True when the words between an indicator and a value name something else."""
    if ";" in gap or "；" in gap:
        return True
    return bool(_WORDS.search(_leftover(gap)))


_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_SAYS_GROWTH = re.compile("增长|增速")
_AND = re.compile(r"[、和及与]")
_SAME_BASIS_AFTER = re.compile(r"[(（](同口径|省口径|可比价)[)）]")


class Sentence(TimedSentence):
    """One sentence being read: its indicators and values, paired left to right."""

    def _disqualified(self, since: int, position: int) -> bool:
        """Whether words since the indicator make the value at `position` not the year's figure
        (年均, 累计, 1-11月, 协议): part of the year counts unless 全年 follows it."""
        found = self._marks(_DISQUALIFIED).last_between(since, position)
        if found is None:
            return False
        if _PART_OF_YEAR.fullmatch(found.group(0)) or found.group(0).endswith("月份"):
            whole = self._marks(_WHOLE_YEAR).last_before(position)
            return not (whole and whole.start() >= found.end())
        return True


    def read(self, indicators: list[IndicatorToken], values: list[ValueToken]) -> list[Mention]:
        text = self.text
        tokens = sorted([*indicators, *values], key=lambda t: t.start)
        mentions: list[Mention] = []
        group: IndicatorToken | None = None
        anchor, basis, used = self.start, "", {}
        fresh_group = True  # the group has no value yet: its whole clause is read for disqualifiers
        named: list[IndicatorToken] = []  # indicators of the sentence so far, for 分别 after them
        stated: set[tuple[str, str]] = set()  # (indicator, measure) already given a value
        i = 0
        while i < len(tokens):
            token = tokens[i]
            i += 1
            if isinstance(token, IndicatorToken):
                if token.blocked:
                    named = []
                else:
                    named.append(token)
                joined = group is not None and not group.blocked and not token.blocked
                if joined and _AND.fullmatch(text[group.end : token.start]):
                    group = IndicatorToken(group.start, token.end, group.indicators + token.indicators,
                                           text[group.start : token.end], False, group.regions)
                else:
                    group, basis, used = token, "", {}
                anchor, fresh_group = token.end, True
                continue
            gap = text[anchor : token.start]
            if group is not None and not group.blocked and breaks_subject(gap):
                group, fresh_group = self._other_place(group, gap), True
            if group is None or group.blocked:
                group, anchor = None, token.end
                continue
            anchor_before = anchor
            run = [token]
            while i < len(tokens) and isinstance(tokens[i], ValueToken) and tokens[i].unit == token.unit \
                    and _LIST_JOIN.match(text[run[-1].end : tokens[i].start]):
                run.append(tokens[i])
                i += 1
            anchor = run[-1].end
            found = _BASIS.search(gap)
            after = _SAME_BASIS_AFTER.match(text[anchor : anchor + 5])
            basis = _BASES[found.group(0)] if found else basis
            run_basis = after.group(1) if after else basis
            # The words since the indicator's clause began (its first value) or since its last value.
            since = self._clause_start(group.start) if fresh_group else anchor_before
            fresh_group = False
            if self._disqualified(since, token.start):
                continue  # 年均增长, 1-11月, 协议金额 before it: not the year's figure
            if len(group.regions) > 1 and _TOTAL.search(text, self._clause_start(group.start), token.start):
                continue  # 广州、深圳等6市GDP合计…: a total of several regions is none of theirs
            if _NOT_THE_FIGURE_AFTER.match(text, anchor, anchor + 40):
                continue  # 达到4万亿元“十四五”目标, 110760.94亿元的数据: a goal, a figure compared with
            if "由" in gap and _CHANGED_TO.match(text, anchor, anchor + 4):
                self._old.append((text.rfind("由", anchor_before, token.start), anchor))
                continue  # 由614.26亿元修订为605.78亿元: the value before the change is not the figure
            measure, sign = _measure(group, token, gap)
            if measure is None or (measure == "level" and _INCREMENT.search(gap)):
                continue  # not the indicator's level: 比上年增加321元 is how much it grew
            _share_trailing_qualifier(run)
            if len(run) > 1 and len(group.indicators) == 1 and len(group.regions) == len(run):
                # 进贤县、安义县分别增长7.6%和7.1%: one value for each place, in order
                mentions.extend(self._places_in_turn(group, run, measure, sign, run_basis))
                continue
            # (a list under 分别 pairs within its own clause: 粮食产量…;高技术制造业、装备制造业增加值
            # 分别增长8.9%、7.7% gives grain nothing)
            clause = text.rfind(";", self.start, token.start)
            pairs = _pair(group, run, _fresh([t for t in named if t.start > clause], stated, measure, len(run)))
            when = self.kind_and_period(token.start)
            if when is None:
                continue
            kind, period = when
            base = self._marks(BASE_YEAR).last_before(token.start)  # 与2000年相比,…增长57.3%
            if measure == "growth" and base and int(base.group(1)) != period - 1:
                continue  # 比2002年增长65.5%: growth over several years, not the year's
            if measure == "level" and _YEAR_PLAN.search(gap) and kind != "target":
                kind = "target"  # 完成年计划710亿元: the level planned for the year reviewed
            if measure == "level":
                compared = self._compared_with(token.start)
                if compared:  # 比2020年的73129亿元, 相比2020年广东GDP总量110760.94亿元: that year's level
                    kind, period = "actual", compared
            for (indicator, printed), value in pairs:
                if not indicator:  # 第二产业增加值 in a list: its value, not written
                    stated.add((indicator, measure))
                    continue
                if measure == "level" and value.unit not in level_units(indicator):
                    continue
                key = (indicator, measure, run_basis, kind, period, group.regions)
                if key in used:
                    if not _bound_then_exact(used[key], value):
                        continue
                    # 突破9万亿元,达9.01万亿元: the exact figure after the round bound it passed
                    mentions = [m for m in mentions if all(m is not old for old in used[key])]
                stated.add((indicator, measure))
                used[key] = self._mentions(group, indicator, printed, value, measure, sign, kind, period, run_basis)
                mentions.extend(used[key])
        mentions.extend(self._qualitative(indicators, mentions))
        return mentions

    def _other_place(self, group: IndicatorToken, gap: str) -> IndicatorToken | None:
        """南昌县地区生产总值增长8%；进贤县、安义县分别增长7.5%和7%: words that are only
        places' names carry the indicator over to those places; any other words end it (None)."""
        rest = _leftover(gap).replace(";", "").replace("；", "")
        if len(group.indicators) != 1 or not rest:
            return None
        places = only_places(rest, self.reading.region_context)
        if not places:
            return None
        return IndicatorToken(group.start, group.end, group.indicators, group.text, False, places)

    def _places_in_turn(self, group, run, measure, sign, basis) -> list[Mention]:
        when = self.kind_and_period(run[0].start)
        if when is None or (measure == "level" and run[0].unit not in level_units(group.indicators[0])):
            return []
        found = []
        for region, value in zip(group.regions, run):
            one = IndicatorToken(group.start, group.end, group.indicators, group.text, False, (region,))
            found += self._mentions(one, group.indicators[0], group.text, value, measure, sign, *when, basis)
        return found


    def _mentions(self, group, indicator, printed, value, measure, sign, kind, period, basis) -> list[Mention]:
        number = value.value * sign
        high = value.value_high * sign if not math.isnan(value.value_high) else math.nan
        qualifier = value.qualifier
        if kind != "target" and value.bound_only_before and qualifier == "at_most" and "控制在" in value.text:
            qualifier = "exact"  # 失业率控制在2.0%: an outcome as it came out; a target's ceiling
        unit, stated = "%" if measure == "growth" else value.unit, bool(self.stated_period(value.start))
        if not group.regions:
            return [Mention(indicator, printed, period, kind, measure, number, unit, qualifier, self.source,
                            value.start, value.end, high, basis, period_stated=stated)]  # fmt: skip
        return [
            Mention(indicator, printed, period, kind, measure, number, unit, qualifier, self.source, value.start,
                    value.end, high, basis, region=r.name, region_level=r.level, parent_region=r.parent,
                    period_stated=stated)
            for r in group.regions
        ]  # fmt: skip

    def _qualitative(self, indicators, mentions) -> list[Mention]:
        """出口总额实现量稳质升: a target in words, kept as a row with its words in `text`."""
        text, found = self.text, []
        stated = {m.indicator for m in mentions}
        for token in indicators:
            if token.blocked or len(token.indicators) != 1 or token.indicators[0] in stated or not token.canonical:
                continue
            clause = text[token.end : self._clause_end(token.end)]
            match = QUALITATIVE.search(clause, 0, _QUALITATIVE_REACH)
            if not match or find_values(clause) or any(token.end < t.start < token.end + match.start() for t in indicators):
                continue  # (words far on, or after another indicator, are not this one's: a table glued into a line)
            when = self.kind_and_period(token.start)
            if when is None or when[0] != "target":
                continue
            at = token.end + match.start()
            found.append(
                Mention(token.indicators[0], token.text, when[1], "target", "growth", math.nan, "", "",
                        self.source, at, token.end + match.end(), text=match.group(0),
                        period_stated=bool(self.stated_period(token.start)))
            )  # fmt: skip
        return found


# How far after its indicator a target in words may begin (城镇居民人均可支配收入与经济增长保持同步).
_QUALITATIVE_REACH = 24


def _bound_then_exact(earlier: list[Mention], value: ValueToken) -> bool:
    """Whether `value` states exactly a figure given before as a bound (突破9万亿元 -> 9.01万亿元)."""
    return value.qualifier == "exact" and bool(earlier) and all(m.qualifier in ("at_least", "about") for m in earlier)


def _fresh(named: list[IndicatorToken], stated: set, measure: str, wanted: int) -> list[IndicatorToken]:
    """The last indicators named that have no value of `measure` yet, enough for `wanted`
    values (looked for from the end: a long sentence names many)."""
    fresh, count = [], 0
    for token in reversed(named):
        if count >= wanted:
            break
        if any((ind, measure) not in stated for ind in token.indicators):
            fresh.append(token)
            count += len(token.indicators)
    return fresh[::-1]


def _measure(group: IndicatorToken, value: ValueToken, gap: str) -> tuple[str | None, int]:
    """growth or level for a value, and the sign of a growth (下降 -> -1)."""
    if value.unit == "个百分点":
        return None, 1
    if value.unit != "%":
        return "level", 1
    words = _GROWTH.findall(gap)
    if words and _CHANGED_TO_END.search(gap):
        return "growth", 1  # 由上年的58.6%回落到27.8%: the rate it came to, not a change of it
    if words:
        return "growth", -1 if _NEGATIVE.fullmatch(words[-1]) else 1
    if all(ind in RATE_INDICATORS for ind in group.indicators) or _SAYS_GROWTH.search(group.text):
        return "growth", 1  # a rate, or a wording that says growth (经济增长5%左右)
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
    20156元,分别增长7.1%和9.3%": a run (after 分别, or joined by 和/、) that is longer than
    the current group pairs with the indicators named last in the sentence that have no
    value of its kind yet.
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

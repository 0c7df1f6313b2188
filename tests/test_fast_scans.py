"""The fast ways of finding words find what the plain patterns find.

Reading looks for some words in ways that are faster than a regular expression searched
along the whole text (benchmarks: extraction against its floor): place names by a dictionary
of names by first character, values only where a value may begin, whole-text patterns only
in the sentences holding their words. Each must find exactly what the plain pattern finds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.reading import places
from analysis.reading.pairing import _DISQUALIFIED
from analysis.reading.periods import PERIOD_WORD
from analysis.reading.quick import first_characters
from analysis.reading.spans import sentences_with
from analysis.reading.tokens import _VALUE, _value_matches, alternation

NAMES = list(places.place_names())
SOME_NAMES = ["南昌市", "南昌县", "南昌", "西湖区", "江西", "江西省", "赣州市", "赣县区", "进贤县", "吉林", "吉林市",
              "北京", "北京市", "海南", "海南省", "新疆", "延边"]  # fmt: skip
GLUE = ["", "、", "和", "，", "。", "全", "市", "县", "区", "省", "新", "南", "昌", "湖", "西", "\n", "人民政府"]


def _place_text(draw_parts: list[str]) -> str:
    return "".join(draw_parts)


place_text = st.lists(st.one_of(st.sampled_from(SOME_NAMES), st.sampled_from(NAMES), st.sampled_from(GLUE)),
                      max_size=20).map(_place_text)  # fmt: skip


def _every_name() -> re.Pattern:
    return re.compile(alternation(map(re.escape, NAMES)))


EVERY_NAME = _every_name()


@settings(max_examples=300, deadline=None)
@given(place_text, st.integers(0, 6), st.integers(0, 6))
def test_place_names_are_those_the_alternation_of_every_name_finds(text, cut_start, cut_end):
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert list(places.iter_places(text, start, end)) == [m.span() for m in EVERY_NAME.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(place_text, st.integers(0, 40))
def test_the_longest_name_at_a_place_is_the_one_the_alternation_matches(text, at):
    at = min(at, len(text))
    match = EVERY_NAME.match(text, at)
    assert places.name_at(text, at) == (match.end() if match else 0)


VALUE_PARTS = ["增长", "7.5", "6", "-", "%", "％", "亿元", "万亿元", "万元", "元", "人", "左右", "以上", "约", "超过", "突破",
               "控制在", "不低于", "百分之", "八点五", "二千零一十五", "一百二十", "千", "百", "万亿", "过", "破", "第",
               "之", "1,234", "39,175", "千亿", "多", "至", "~", "、", "，", "A", ".", "年"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VALUE_PARTS), max_size=20).map("".join), st.integers(0, 4))
def test_values_are_those_the_value_pattern_finds(text, start):
    start = min(start, len(text))
    found = _value_matches(text, start, len(text))
    assert [m.groupdict() | {"at": m.span()} for m in found] == [
        m.groupdict() | {"at": m.span()} for m in _VALUE.finditer(text, start)
    ]


# A pattern that reads no sentence's end but as its first character, every match of which
# holds 今年: what it finds in the sentences holding 今年 is what it finds in the whole text.
_YEAR_IS_THIS_YEAR = re.compile(r"(?:^|[。\n!！])[^。\n]{0,6}?(\d{4})年[,，]?是[^。\n]{0,20}?今年")
SENTENCE_PARTS = ["2022年", "2023年是", "是", "今年", "今年是", "，", "。", "\n", "!", "过去", "我们", "政府工作"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_PARTS), max_size=24).map("".join))
def test_a_pattern_tried_on_the_sentences_holding_its_words_finds_what_it_finds_in_the_whole_text(text):
    spans = sentences_with(text, "今年")
    found = [m.span() for start, end in spans for m in _YEAR_IS_THIS_YEAR.finditer(text, start, end)]
    assert found == [m.span() for m in _YEAR_IS_THIS_YEAR.finditer(text)]


# Patterns with a look-ahead of the characters a match may begin with (quick.py): the class
# read from each pattern, and the same matches as the pattern compiled as it is.
FIRST_CHARACTERS = [
    ("年均|累计|\\d+-\\d+月", "[年累\\d]"),  # alternatives, one of them beginning with a digit
    ("(?:约)?增长", "[约增]"),  # an optional word: the word after it may begin the match too
    ("(?:^|[。,])(\\d{4})年", "[。,\\d]"),  # ^ consumes nothing
    ("(?<=突破)万亿|过(?=万)", "[万过]"),  # look-behinds and look-aheads consume nothing
    ("(?:约)?\\d*", None),  # a match may be empty
    (".年", None),  # any character
    ("[^。]+年", None),  # a negated class
    ("(?i)gdp", None),  # case-insensitive letters
]


@pytest.mark.parametrize("pattern, expected", FIRST_CHARACTERS, ids=[p for p, _ in FIRST_CHARACTERS])
def test_the_characters_a_match_may_begin_with_are_read_from_the_pattern(pattern, expected):
    assert first_characters(pattern) == expected


QUICK_PATTERNS = [_DISQUALIFIED, PERIOD_WORD]
QUICK_PARTS = ["2022年", "二〇二二年", "比2021年", "今年", "比上年", "去年同期", "年均", "累计", "1-11月", "7月份",
               "上半年", "一季度", "截至2023年末", "增速比", "百分点", "五年", "第十五年", "一、", "(二)", "回顾",
               "工作安排", "主要目标", "，", "。", "\n", "增长", "8%", "以来", "相比"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(QUICK_PARTS), max_size=16).map("".join), st.integers(0, 5))
def test_a_quick_pattern_finds_what_the_pattern_finds(text, start):
    start = min(start, len(text))
    for pattern in QUICK_PATTERNS:
        plain = re.compile(pattern.pattern, pattern.flags)
        assert [m.span() + m.groups() for m in pattern.finditer(text, start)] == [
            m.span() + m.groups() for m in plain.finditer(text, start)
        ]

"""Normalised text keeps every offset; the cleaned view keeps a map back to it."""

from __future__ import annotations

import pytest

from analysis.normalise import clean, normalise, wrapped_breaks


@pytest.mark.parametrize(("text", "expected"), [
    ("地區生產總值增長４．７％", "地区生产总值增长4.7%"),
    ("城鎮調查失業率控制在５.５％以內", "城镇调查失业率控制在5.5%以内"),
    ("ＧＤＰ增长８％（同口径）", "GDP增长8%(同口径)"),
    ("增长6%－6.5%", "增长6%-6.5%"),
])  # fmt: skip
def test_normalise_is_simplified_half_width_and_same_length(text, expected):
    assert normalise(text) == expected
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(("text", "cleaned", "kept"), [
    ("收入 263. 18 亿元", "收入263.18亿元", "263. 18"),
    ("預(yù)計增长4.7%", "預計增长4.7%", "計增长"),
    ("[bookmark: _GoBack]地方一般公共预算收入", "地方一般公共预算收入", "地方"),
    ("平台[endnoteRef:3]建设。 [3: .“阳光驿道”：指服务。] 增长", "平台建设。增长", "建设"),
    ("做好“六稳”1工作", "做好“六稳”工作", "工作"),
    ("“十四五”2025年", "“十四五”2025年", "2025"),
    ("占比达到89.9\n%", "占比达到89.9%", "89.9\n%"),
    ("经济4kA增长", "经济增长", "济"),
    ("GDP growth 增长", "GDP growth增长", "growth"),
])  # fmt: skip
def test_clean_drops_debris_and_maps_back(text, cleaned, kept):
    view = clean(text)
    assert view.text == cleaned
    at = view.text.index(kept.replace(" ", "").replace("\n", ""))
    start, end = view.span(at, at + len(kept.replace(" ", "").replace("\n", "")))
    assert text[start:end] == kept


def test_fixed_width_pages_are_joined_but_paragraphs_are_not():
    wrapped = "\n".join(["初步预计全区地区生产总值增长7%、固定资产投资增长二十个百分点之多并且", "定资产投资增长20%,社会消费品零售总额增长百分之九以上而且还在增长当中",
                         "继续保持较快增长势头并且主要经济指标增幅位居全市前列而且持续向好发展", "全年一般公共预算收入完成一百零八亿元并且税收收入占比达到较高的水平了",
                         "结尾。"])  # fmt: skip
    assert len(wrapped_breaks(wrapped)) == 4
    paragraphs = "地区生产总值增长9%左右。\n一、2022年主要工作安排\n" * 5
    assert wrapped_breaks(paragraphs) == []

"""The extractor never raises on arbitrary text, and what it returns is always valid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.document import MetadataError
from analysis.table import OBSERVATIONS

HEAD = "——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n"
FRAGMENTS = [
    "地区生产总值", "一般公共预算收入", "城镇、农村居民人均可支配收入", "規上工業增加值", "GDP", "出口总额",
    "城镇调查失业率", "粮食产量", "增长", "下降", "分别", "预计", "预期目标是:", "实现", "同口径", "(省口径)",
    "9", "7.5", "１２．３", "%", "亿元", "万美元", "万人", "亿斤", "左右", "以上", "以内", "控制在", "超", "百亿",
    "、", "和", ",", "，", "；", ";", "。", "\n", "一、2021年工作总结\n", "二、2022年主要工作安排\n", "-", "～",
    "“六稳”1", "[bookmark: _GoBack]", "(yù)", "量稳质升", "人均", "占", "年均", "1-11月", " ", "<script>",
]  # fmt: skip
report_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_but_a_metadata_error(text):
    try:
        table = analysis.extract(text)
    except MetadataError:
        return
    OBSERVATIONS.validate(table)


@settings(max_examples=300, deadline=None)
@given(st.one_of(report_like, st.text(max_size=200)))
def test_report_like_text_gives_valid_rows_with_offsets_inside_the_text(body):
    text = HEAD + body
    table = analysis.extract(text)
    OBSERVATIONS.validate(table)
    assert ((0 <= table["char_start"]) & (table["char_start"] <= table["char_end"])
            & (table["char_end"] <= len(text))).all()  # fmt: skip

"""The extractor never raises on arbitrary text, and what it returns always passes the contract's schema.

Validating a table costs about 0.1 s (pandera), far more than extracting a short
text. The report-like texts therefore run through the same pipeline as
`analysis.extract` (`extract_document`) and their rows, each named by its text,
are validated in one batch; a smaller run goes through `analysis.extract` itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandera.errors import SchemaError

import analysis
from analysis.observations import COLUMNS, OBSERVATIONS, rows_to_table
from analysis.reading.document import MetadataError, extract_document
from analysis.reading.normalise import clean, normalise
from analysis.reading.spans import MAX_SENTENCE, sentences, sentences_holding
from analysis.reading.tokens import any_indicator_positions

MEETING_LINE = "——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n"

# Report fragments: indicators (simplified and traditional, and some that are not
# indicators), verbs, numbers, units, qualifiers, separators and scraping debris.
INDICATORS = [
    "地区生产总值", "地區生產總值", "GDP", "一般公共预算收入", "一般公共預算收入", "财政总收入", "规上工业增加值",
    "規上工業增加值", "500万元以上固定资产投资", "社会消费品零售总额", "实际利用外资", "实际利用省外资金", "出口总额",
    "出口", "城镇居民人均可支配收入", "城镇、农村居民人均可支配收入", "居民人均可支配收入", "新增城镇就业",
    "城镇调查失业率", "城镇登记失业率", "粮食产量", "糧食總產量", "居民消费价格总水平涨幅",
    "人均GDP", "占地区生产总值比重", "一般公共预算支出", "全市", "全市平均水平",
]  # fmt: skip
VERBS = ["", "增长", "增長", "下降", "分别增长", "分別增長", "实现", "达到", "预计增长", "預計", "力争增长", "比上年增长",
         "同比增长", "为", "控制在", "保持", "年均增长", "一季度增长", "1-11月增长"]  # fmt: skip
PREFIXES = ["", "约", "超过", "突破", "不低于", "控制在", "<"]
NUMBERS = ["9", "7.5", "１２．３", "390", "0", "0.0", "0.43", "21775", "6553", "100000000000", "6-6.5", "6%-6.5",
           "8、10", "3～4", "百", "九"]  # fmt: skip
UNITS = ["%", "％", "亿元", "億元", "万亿元", "万元", "元", "万美元", "亿美元", "万人", "萬人", "人", "亿斤", "个百分点", "倍", ""]
QUALIFIERS = ["", "左右", "以上", "以内", "以下", "上下"]
SEPARATORS = ["，", ",", "；", ";", "。", "、", "和", "\n", "", "(同口径)", "(可比价)"]
FRAGMENTS = [
    "一、2021年工作总结\n", "二、2022年主要工作安排\n", "2021年工作回顾\n", "今年经济社会发展的主要预期目标是:",
    "过去五年,", "“十四五”期间", "“六稳”1", "[bookmark: _GoBack]", "[endnoteRef:3]", "預(yù)計", "量稳质升",
    "与经济增长同步", "小幅增长", "2030年", "2022年", "南昌市", "赣县区", "全省第一", " ", "\n\n", "<script>", "—",
]  # fmt: skip


def _joined(*parts: str) -> str:
    return "".join(parts)


clause = st.builds(_joined, *map(st.sampled_from, (INDICATORS, VERBS, PREFIXES, NUMBERS, UNITS, QUALIFIERS, SEPARATORS)))
report_like = st.lists(st.one_of(clause, st.sampled_from(FRAGMENTS)), max_size=30).map("".join)


def _check_offsets(table: pd.DataFrame, text: str) -> None:
    assert ((0 <= table["char_start"]) & (table["char_start"] <= table["char_end"])
            & (table["char_end"] <= len(text))).all(), table[["char_start", "char_end"]]  # fmt: skip


def _check_table(table: pd.DataFrame, text: str) -> None:
    assert list(table.columns) == list(COLUMNS)
    if not table.empty:  # an empty table has nothing to check, and a check costs 0.1 s
        OBSERVATIONS.validate(table)
        _check_offsets(table, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_raises_nothing_but_a_metadata_error(text):
    try:
        table = analysis.extract(text)
    except MetadataError:
        return
    _check_table(table, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_after_a_meeting_line_never_raises(body):
    text = MEETING_LINE + body
    _check_table(analysis.extract(text), text)


@settings(max_examples=30, deadline=None)
@given(report_like)
def test_report_like_text_through_the_public_function(body):
    text = MEETING_LINE + body
    _check_table(analysis.extract(text), text)


def test_report_like_text_never_raises_and_every_row_passes_the_schema():
    rows: list[dict] = []

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(report_like)
    def extract_one(body):
        text = MEETING_LINE + body
        extraction = extract_document(text, doc=body)  # the document is named by its text
        for row in extraction.rows:
            assert 0 <= row["char_start"] <= row["char_end"] <= len(text), row
        rows.extend(extraction.rows)

    extract_one()
    assert len({row["doc"] for row in rows}) > 50, "the strategy should produce rows for many texts"
    try:
        rows_to_table(rows)  # what analysis.extract does with one document's rows
    except SchemaError as error:
        failing = sorted({rows[i]["doc"] for i in error.failure_cases["index"].dropna().astype(int)})
        pytest.fail(f"rows failing the schema (column {error.schema.name}) for these texts: {failing[:5]}")


# --- Pages without sentences: one endless line (a flattened table, a page stripped of its punctuation) ---

# A clause without the punctuation that ends sentences: what a flattened table or a stripped page repeats.
unpunctuated_clause = st.builds(
    _joined, *map(st.sampled_from, (INDICATORS, VERBS, PREFIXES, NUMBERS, UNITS, QUALIFIERS, ["", " ", "、", "和"]))
)
long_line = st.lists(unpunctuated_clause, min_size=50, max_size=400).map("".join)


@settings(max_examples=25, deadline=None)
@given(long_line, st.integers(min_value=5, max_value=40))
def test_a_long_line_is_read_in_windows_of_bounded_length(line, repeats):
    """However long the line, no sentence read is longer than MAX_SENTENCE: reading costs at
    most a window's work per window, so time grows with the size of the text (the benchmark
    `make bench` times it at two sizes)."""
    text = MEETING_LINE + "一、2021年工作总结\n" + line * repeats
    cleaned = clean(normalise(text))
    spans = sentences(cleaned.text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    assert "".join(cleaned.text[s:e] for s, e in spans) == re.sub(r"[。！？!?\n]", "", cleaned.text)
    _check_table(analysis.extract(text), text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(report_like, long_line.map(lambda line: line * 3)))
def test_the_sentences_read_are_those_holding_an_indicators_word(body):
    """Only sentences with an indicator's word are read, found from those words: the same
    sentences (and windows of long ones) as splitting the whole text and keeping those."""
    text = clean(normalise(MEETING_LINE + body)).text
    hits = any_indicator_positions(text)
    holding = [(s, e) for s, e in sentences(text) if bisect_left(hits, s) < bisect_left(hits, e)]
    assert sentences_holding(text, hits) == holding

"""Normalised text keeps every offset; the cleaned view drops debris and keeps a map back to it."""

from __future__ import annotations

import pytest

from analysis.reading.normalise import clean, normalise, wrapped_breaks

# --- normalise(): same length, simplified, half-width ---

NORMALISED = [
    ("地區生產總值增長４．７％", "地区生产总值增长4.7%"),
    ("城鎮調查失業率控制在５.５％以內", "城镇调查失业率控制在5.5%以内"),
    ("實際利用外資１．２億美元", "实际利用外资1.2亿美元"),
    ("規模以上工業增加值增長８％以上", "规模以上工业增加值增长8%以上"),
    ("社會消費品零售總額", "社会消费品零售总额"),
    ("糧食總產量穩定在３．６億斤", "粮食总产量稳定在3.6亿斤"),
    ("居民消費價格總水平漲幅３％左右", "居民消费价格总水平涨幅3%左右"),
    ("計劃執行情況", "计划执行情况"),
    ("ＧＤＰ增长８％（同口径）", "GDP增长8%(同口径)"),
    ("全\u3000年", "全 年"),  # ideographic space
    ("增长6%－6.5%", "增长6%-6.5%"),  # full-width hyphen
    ("增长6%—6.5%", "增长6%-6.5%"),  # em dash
    ("增长6%～6.5%", "增长6%~6.5%"),  # full-width tilde
    ("增长6%〜6.5%", "增长6%~6.5%"),  # wave dash
    ("“六稳”、“六保”", "“六稳”、“六保”"),  # curly quotes are kept: the footnote rule needs them
    ("地区生产总值增长9%", "地区生产总值增长9%"),  # already simplified and half-width
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED, ids=[t for t, _ in NORMALISED])
def test_normalise_is_simplified_half_width_and_same_length(text, expected):
    assert normalise(text) == expected
    assert len(normalise(text)) == len(text)


# --- clean(): debris dropped, every kept character mapped back ---

CLEANED = [
    # Spaces inside numbers, as PDF-to-text leaves them.
    ("一般公共预算收入263. 18 亿元", "一般公共预算收入263.18亿元"),
    ("下降 4. 1%", "下降4.1%"),
    ("GDP growth 增长", "GDP growth增长"),  # a space between Latin words stays
    # Pinyin glosses a website injected after characters.
    ("预(yù)计增长4.7%", "预计增长4.7%"),
    ("(yù)计", "计"),
    # Word-processor debris pasted as text.
    ("[bookmark: _GoBack]地方一般公共预算收入增长5%左右", "地方一般公共预算收入增长5%左右"),
    ("实施产业高质量发展十大提升行动[endnoteRef:0],不断优化", "实施产业高质量发展十大提升行动,不断优化"),
    ("平台[footnoteRef:12]建设", "平台建设"),
    ("平台[endnoteRef:3]建设。 [3: .“阳光驿道”：指服务。] 增长", "平台建设。增长"),
    # Footnote digits glued after a quoted term (ganxian and xihu seeds) ...
    ("扎实做好“六稳”1工作", "扎实做好“六稳”工作"),
    ("面落实“六保”2任务", "面落实“六保”任务"),
    ("实施“六大攻坚战”7项目", "实施“六大攻坚战”项目"),
    ("完工的“胡子工程”1;水厂路", "完工的“胡子工程”;水厂路"),
    ("“六稳”1、“六保”2工作", "“六稳”、“六保”工作"),
    # ... but a number after a quote that is a figure stays: a year, a date, a
    # decimal, an amount with its unit, a count of three digits or more.
    ("“十四五”2025年", "“十四五”2025年"),
    ("“十四五”12月", "“十四五”12月"),
    ("推进,“打财断血”102.4亿元", "推进,“打财断血”102.4亿元"),
    ("首批上线“赣服通”3.0县区", "首批上线“赣服通”3.0县区"),
    ("农村“法律明白人”7.8万人", "农村“法律明白人”7.8万人"),
    ("全年实现“个转企”100家", "全年实现“个转企”100家"),
    ("召开“幸福圆桌会”1377场", "召开“幸福圆桌会”1377场"),
    # A line break between a number and its unit or decimals.
    ("占比达到89.9\n%", "占比达到89.9%"),
    # A line break that separates two things stays.
    ("地区生产总值\n4.5左右", "地区生产总值\n4.5左右"),
    ("4.4\n\n9左右", "4.4\n\n9左右"),  # cells of the ganxian seed's appendix table
    # Latin-digit tokens injected between characters (anti-scraping noise).
    ("经济4kA增长", "经济增长"),
    # Lines a PDF or an infographic broke inside a sentence are one line again ...
    ("城镇、\n农村居民人均可支配收入", "城镇、农村居民人均可支配收入"),  # after a list's comma
    ("规模以上\n工业增加值增长8%", "规模以上工业增加值增长8%"),  # inside an indicator's words
    ("固定资产投资 316 亿\n元", "固定资产投资316亿元"),  # inside a value
    ("地区生产总值增长\n7.6%", "地区生产总值增长7.6%"),  # between 增长 and its value
    ("全年GDP\n增长5.3%左右", "全年GDP增长5.3%左右"),  # an infographic's indicator and its value
    ("全年GDP\n增长5.3\u200b%左右", "全年GDP增长5.3%左右"),  # also with a zero-width space in its value
    ("地区生产总值增长\u00ad\n7.6%", "地区生产总值增长7.6%"),  # or a soft hyphen before the break
    ("增长\n- 3 -\n8.5%", "增长8.5%"),  # a page's number between them goes too
    ("增长\n第 3 页 共 20 页\n8.5%", "增长8.5%"),
    # ... but not a heading, a table's cells, a finished sentence or a paragraph.
    ("2019年成绩\n2019年,全区", "2019年成绩\n2019年,全区"),
    ("地区生产总值\n亿元\n4.5左右", "地区生产总值\n亿元\n4.5左右"),
    ("增长8%。\n固定资产投资", "增长8%。\n固定资产投资"),
    ("全年GDP\n\n增长5.3%", "全年GDP\n\n增长5.3%"),
    # A web page's links to other articles, copied after the report, go; a list followed by prose stays.
    ("增长8%。\n相关新闻\n新余市2022年地区生产总值增长4.8%\n\n责任编辑:王五\n", "增长8%。\n"),
    ("增长8%。\n【推荐阅读】\n上饶GDP增长5%", "增长8%。\n"),
    ("增长8%。\n上一篇:上饶GDP增长5%\n全年增长。", "增长8%。\n\n全年增长。"),
    ("相关新闻\n各位代表:\n现在,我代表县人民政府向大会报告工作。", "相关新闻\n各位代表:\n现在,我代表县人民政府向大会报告工作。"),
    # A middle dot between digits is a decimal point (normalise), kept by clean.
    ("增长14.1%", "增长14.1%"),
]


@pytest.mark.parametrize(("normalised", "cleaned"), CLEANED, ids=[c[0] for c in CLEANED])
def test_clean_drops_debris_and_keeps_the_offsets_of_what_it_keeps(normalised, cleaned):
    view = clean(normalised)
    assert view.text == cleaned
    assert len(view.origin) == len(view.text)
    assert "".join(normalised[i] for i in view.origin) == view.text
    assert list(view.origin) == sorted(set(view.origin))


def test_numbers_in_adjacent_table_cells_stay_apart():
    assert clean("地区生产总值增长(%)\n4.4\n9左右").text == "地区生产总值增长(%)\n4.4\n9左右"


# (normalised text, evidence as the cleaned text has it, the same evidence as printed):
# a span over dropped debris maps back to the printed slice, debris and all.
EVIDENCE = [
    ("一般公共预算收入263. 18 亿元", "263.18亿元", "263. 18 亿元"),
    ("下降 4. 1%", "4.1%", "4. 1%"),
    ("预(yù)计增长4.7%", "预计增长4.7%", "预(yù)计增长4.7%"),
    ("[bookmark: _GoBack]地方一般公共预算收入增长5%左右", "地方一般公共预算收入", "地方一般公共预算收入"),
    ("实施“六大攻坚战”7项目", "攻坚战”项目", "攻坚战”7项目"),
    ("占比达到89.9\n%", "89.9%", "89.9\n%"),
    ("“十四五”2025年", "2025年", "2025年"),
]


@pytest.mark.parametrize(("normalised", "piece", "printed"), EVIDENCE, ids=[c[0] for c in EVIDENCE])
def test_evidence_found_in_the_cleaned_text_reads_as_printed(normalised, piece, printed):
    view = clean(normalised)
    at = view.text.index(piece)
    start, end = view.span(at, at + len(piece))
    assert normalised[start:end] == printed


def test_an_empty_span_sits_where_it_was():
    view = clean("收入 263. 18 亿元")
    assert view.span(2, 2) == (3, 3)
    assert view.span(len(view.text), len(view.text)) == (len("收入 263. 18 亿元"),) * 2
    assert clean("").span(0, 0) == (0, 0)


def test_clean_then_normalise_order_on_a_traditional_sentence():
    printed = "預(yù)計地區生產總值增長 ８．５ ％[endnoteRef:2]"
    normalised = normalise(printed)
    view = clean(normalised)
    assert view.text == "预计地区生产总值增长8.5%"
    start, end = view.span(view.text.index("8.5%"), len(view.text))
    assert printed[start:end] == "８．５ ％"  # offsets index the user's own file


# --- Fixed-width pages: lines wrapped mid-sentence are joined ---

PARAGRAPH = ("过去一年全区上下坚持稳中求进工作总基调经济运行持续向好主要指标增速位居全市前列其中地区生产总值增长8.5%"
             "左右一般公共预算收入完成12.3亿元增长15.5%固定资产投资增长9.1%社会消费品零售总额增长17.4%城镇居民"
             "人均可支配收入达到48562元增长8.2%农村居民人均可支配收入增长10.1%全年新增城镇就业6553人。")  # fmt: skip
WIDTH = 38


def _wrapped(paragraph: str, width: int = WIDTH) -> str:
    return "\n".join(paragraph[i : i + width] for i in range(0, len(paragraph), width)) + "\n"


def test_fixed_width_lines_are_joined_and_offsets_kept():
    text = _wrapped(PARAGRAPH)
    assert len(wrapped_breaks(text)) == text.count("\n") - 1  # every break but the paragraph's end
    view = clean(text)
    assert view.text == PARAGRAPH + "\n"
    assert "".join(text[i] for i in view.origin) == view.text
    at = view.text.index("城镇居民人均可支配收入")
    start, end = view.span(at, at + len("城镇居民人均可支配收入"))
    assert text[start:end].replace("\n", "") == "城镇居民人均可支配收入"
    assert "\n" in text[start:end]  # the wrap fell inside it


def test_paragraphs_of_single_lines_are_left_alone():
    text = "地区生产总值增长9%左右。\n一、2022年主要工作安排\n" * 5
    assert wrapped_breaks(text) == []
    assert clean(text).text == text


def test_a_few_long_lines_are_not_a_fixed_width_page():
    text = "\n".join([PARAGRAPH[:WIDTH], PARAGRAPH[WIDTH : 2 * WIDTH], "结尾。"])
    assert wrapped_breaks(text) == []

"""Evidence: each figure found again in its sentence, and shown as escaped HTML on demand."""

from __future__ import annotations

import math

import pytest

from analysis import pages
from analysis.compare import facts, make_observations, target_vs_actual
from analysis.compare.evidence import Evidence, locate, mark_records
from analysis.reading.files import read_text
from analysis.reading.normalise import normalise

from .conftest import seed_paths


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.stem)
def test_every_seed_figure_is_marked_inside_its_evidence(seed, seed_tables):
    """The mark lies inside the figure's evidence as the extractor found it (text[char_start:
    char_end], located in the sentence in reading order), and holds its number."""
    text = normalise(read_text(seed))
    records = mark_records(seed_tables[seed.name].to_dict("records"))
    after: dict[str, int] = {}
    for record in records:
        sentence, evidence = record["source_text"], text[record["char_start"] : record["char_end"]]
        found = sentence.find(evidence, after.get(sentence, 0))
        found = sentence.find(evidence) if found < 0 else found
        after[sentence] = found + len(evidence)
        assert found <= record["mark_start"] < record["mark_end"] <= found + len(evidence), (evidence, record)


# sentence, the rows' value, value_high, unit, text (in the order the document gives them), marks
SENTENCES = [
    ("地区生产总值 | % | 4.5左右 | 4.4 | 9左右 | 8.5左右",
     [(4.5, "%"), (4.4, "%"), (9, "%"), (8.5, "%")], ["4.5左右", "4.4", "9左右", "8.5左右"]),
    ("财政总收入 | % | 1左右 | 1.1 | 6.5左右 | 6.5左右",  # the same value twice: each cell once
     [(1, "%"), (1.1, "%"), (6.5, "%"), (6.5, "%")], ["1左右", "1.1", "6.5左右", "6.5左右"]),
    ("地区生产总值实现1195.6亿元,同比增长8.7%", [(1195.6, "亿元"), (8.7, "%")], ["1195.6亿元", "8.7%"]),
    ("2022年地区生产总值增长9.0%", [(9, "%")], ["9.0%"]),  # not the 2 of 2022; 9 printed as 9.0
    ("国内生产总值增长6%-6.5%", [(6, "%", 6.5)], ["6%-6.5%"]),
    ("进出口总额下降2.0%", [(-2, "%")], ["2.0%"]),
    ("实际利用外资21775万美元左右", [(21775, "万美元")], ["21775万美元左右"]),
    ("出口实现量稳质升", [(math.nan, "", math.nan, "量稳质升")], ["量稳质升"]),
    ("财政收入突破百亿", [(100, "亿元")], ["突破百亿"]),  # in words: the reader's own pattern finds it
    ("国内生产总值比上年增长百分之九点五", [(9.5, "%")], ["百分之九点五"]),  # Chinese numerals
    ("财政收入二千零一十五亿元,增长百分之十二", [(2015, "亿元"), (12, "%")], ["二千零一十五亿元", "百分之十二"]),
    ("财政收入增长较快", [(100, "亿元")], [None]),  # nowhere in the sentence: unmarked
    ("第5次会议确定:地区生产总值增长5%左右", [(5, "%")], ["5%左右"]),  # after the indicator's words
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "rows", "marks"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_figures_of_one_sentence_are_marked_in_turn(sentence, rows, marks):
    records = []
    for position, row in enumerate(rows):
        value, unit, high, words = (*row, math.nan, "")[:4] if len(row) < 4 else row
        records.append(dict(doc="a.txt", source_text=sentence, value=value, unit=unit, value_high=high, text=words,
                            indicator_text="地区生产总值", char_start=position))  # fmt: skip
    found = [r["source_text"][r["mark_start"] : r["mark_end"]] if r["mark_start"] >= 0 else None
             for r in mark_records(records)]  # fmt: skip
    assert found == marks


def test_a_figure_not_after_the_one_before_is_found_from_the_start():
    row = dict(value=9.0, value_high=math.nan, unit="%", text="", indicator_text="地区生产总值")
    assert locate(row, "增长9%,增长7%", start=5) == (2, 4)


def test_facts_keep_the_evidence_of_the_document_whose_figure_they_keep():
    base = dict(region="泰和县", indicator="gdp", period=2021, kind="actual")
    obs = make_observations([dict(doc="b.txt", report_year=2023, value=9.1, source_text="全县增长9.1%", **base),
                             dict(doc="a.txt", report_year=2022, value=9.2, source_text="<b>全县增长9.2%", **base)])  # fmt: skip
    row = facts(obs).iloc[0]
    assert (row["doc"], row["source_text"], row["mark_start"], row["mark_end"]) == ("a.txt", "<b>全县增长9.2%", 7, 11)


def test_evidence_is_a_details_element_escaped_and_marked():
    shown = Evidence("<i>.txt", "<script>x</script>增长9%左右", 20, 25, "<i>.txt; b.txt").html("en")
    assert shown == ('<details class="evidence"><summary>9%左右</summary><blockquote>&lt;script&gt;x&lt;/script'
                     '&gt;增长<mark>9%左右</mark><footer><cite>&lt;i&gt;.txt</cite>; <cite>b.txt</cite></footer>'
                     '</blockquote></details>')  # fmt: skip
    assert "<summary>source</summary>" in Evidence("a.txt", "财政收入增长较快").html("en")
    assert "<summary>原文</summary>" in Evidence("a.txt", "财政收入增长较快").html("zh")
    assert "<footer><cite>b.txt</cite>; <cite>a.txt</cite></footer>" in Evidence("b.txt", "增长9%", 2, 4, "a.txt; b.txt").html()
    assert "<summary>9%左右</summary>" in Evidence("a.pdf", "增长9%左右", 2, 6, label="9%左右").html()
    assert "<footer><cite>a.pdf</cite>, p. 3</footer>" in Evidence("a.pdf", "增长9%", 2, 4, page=3).html("en")
    assert "<footer><cite>a.pdf</cite>, 第3页</footer>" in Evidence("a.pdf", "增长9%", 2, 4, page=3).html("zh")


def test_a_table_row_opens_as_its_cells_under_what_each_was_read_as():
    row = "地区生产总值 | 亿元 | 4.5左右 | 4.4 | 9左右"
    cells = ((14, 19, "2020年 目标"), (22, 25, "2020年 实际"), (28, 31, "2021年 目标"))
    shown = Evidence("a.txt", row, 22, 25, columns=cells).html()
    assert "<tr><th></th><th></th><th>2020年 目标</th><th>2020年 实际</th><th>2021年 目标</th></tr>" in shown
    assert "<td>4.5左右</td><td><mark>4.4</mark></td><td>9左右</td>" in shown


def test_tables_show_evidence_and_escape_everything_else():
    obs = make_observations([
        dict(doc="<img src=x onerror=alert(1)>.txt", region="泰和县", indicator="gdp", period=2021, kind="target",
             value=9, qualifier="about", source_text="<script>alert(2)</script>地区生产总值增长9%左右"),
        dict(doc="b.txt", region="泰和县", indicator="gdp", period=2021, kind="actual", value=9.2,
             source_text="evidence-0000000000000000-0 全县增长9.2%")])  # a cell that looks like a token  # fmt: skip
    pairs = target_vs_actual(facts(obs))
    table = pages.html_table(pairs, "zh", columns=["indicator", "target", "target_evidence", "outcome_evidence"]).data
    assert "<script>" not in table and "<img" not in table
    assert "&lt;script&gt;alert(2)&lt;/script&gt;地区生产总值增长<mark>9%左右</mark>" in table
    assert "<footer><cite>&lt;img src=x onerror=alert(1)&gt;.txt</cite></footer>" in table
    assert "evidence-0000000000000000-0 全县增长<mark>9.2%</mark>" in table  # left as the text it is
    # the target's own cell opens on its evidence too, written as a report writes it
    assert table.count('<details class="evidence">') == 3 and "<td>地区生产总值</td>" in table
    assert "<summary>9%左右</summary>" in table


def test_a_value_without_evidence_leaves_its_cell_empty():
    obs = make_observations([dict(region="泰和县", indicator="gdp", period=2022, kind="target", value=8.5)])
    table = pages.html_table(target_vs_actual(facts(obs)), "en", columns=["outcome", "outcome_evidence"]).data
    assert "<details" not in table and "<td></td>" in table

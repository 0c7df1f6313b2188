"""Every page names itself: a title in its language, the data it was made from, the way back to
the index, an introduction written from its own parameters and figures."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from analysis import pages
from analysis.pages import webpage

TODAY = dt.date.today().isoformat()


def test_target_vs_actual_names_its_region_and_year(observations):
    pairs = pages.target_vs_actual_page(observations, "赣县区", 2020)
    header = pages.target_vs_actual_header(observations, pairs, "赣县区", 2020, "zh", "data/indicators.parquet")
    assert header.title == "赣县区 2020年 目标与实际"
    assert header.made_from == f"数据：indicators.parquet（5份报告，156行）；生成于{TODAY}；本页的数值来自其中1份报告。"
    assert header.introduction == "赣县区2020年的增长目标中，12项已有结果：完成5项，未完成6项，1项无从判断。"
    english = pages.target_vs_actual_header(observations, pairs, "赣县区", 2020, "en")
    assert english.title == "Ganxian District, 2020: targets and outcomes" and english.made_from.startswith("Data: seeds/")


def test_over_time_names_its_series_and_years_and_says_which_are_missing(chain_observations):
    record = pages.over_time_page(chain_observations, "全国", "gdp", "growth")
    header = pages.over_time_header(chain_observations, record, "全国", "gdp", "growth", "zh")
    assert header.title == f"全国 国内生产总值增速 {record['period'].min()}–{record['period'].max()}"
    assert "南昌" not in header.html() and "赣县" not in header.html()  # nothing of another region
    gap = record[record["period"] != 2021]
    assert "1个年份没有报告数据" in pages.over_time_header(chain_observations, gap, "全国", "gdp").introduction


def test_regions_side_by_side_name_their_parent_and_regions(observations):
    growth, levels = pages.cross_district_page(observations, 2022, "target", parent="南昌市")
    header = pages.cross_district_header(observations, growth, levels, 2022, "target", "zh", "南昌市")
    assert header.title == "南昌市下辖地区 2022年 目标对比"
    assert header.introduction.startswith("南昌县、西湖区和青云谱区（均属南昌市）2022年的目标：增速10项，总量1项")
    assert pages.cross_district_header(observations, growth, levels, 2022, "target", "en", "南昌市").title == \
        "Nanchang's regions side by side: targets for 2022"  # fmt: skip


def test_across_levels_names_the_chain_it_follows(chain_observations):
    levels = pages.targets_by_level_page(chain_observations, "泰和县", 2022)
    header = levels.header(chain_observations)
    assert header.title == "泰和县 2022年 目标与上级目标"
    assert "（吉安市 → 江西省 → 全国）" in header.introduction


def test_a_walkthrough_names_its_report():
    report = pages.walkthrough("qingyunpu_2022_plan_report.txt", -1, "en")
    assert report.header().title == "From a report to rows: qingyunpu_2022_plan_report.txt"
    assert report.header().introduction.startswith("The plan report of Qingyunpu District of 2022:")


def test_a_header_is_escaped_and_carries_its_title_for_the_html():
    frame = pd.DataFrame({"doc": ["a.txt"]})
    header = pages.page_header("<b>赣县区</b>", frame, "", "zh", "<script>x</script>")
    markup, metadata = header._repr_html_()
    assert "<b>赣县区" not in markup and "&lt;script&gt;" in markup and '<a href="index.html">' in markup
    assert metadata == {"page_header": {"title": "<b>赣县区</b>", "lang": "zh-Hans"}}


def test_render_puts_the_header_first_and_its_title_in_the_html():
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    output = new_output("display_data", data={"text/html": "<header>…</header>"},
                        metadata={"page_header": {"title": "赣县区 2020年 目标与实际", "lang": "zh-Hans"}})  # fmt: skip
    notebook = new_notebook(cells=[new_markdown_cell("# Targets against outcomes\n\nWords."),
                                   new_code_cell("# Parameters"), new_code_cell("header", outputs=[output])])  # fmt: skip
    assert webpage.arrange(notebook) == ("赣县区 2020年 目标与实际", "zh-Hans")
    assert notebook.cells[0].source == "header" and notebook.cells[1].source.startswith("## Targets against outcomes")
    assert notebook.metadata["title"] == "赣县区 2020年 目标与实际"
    assert webpage.arrange(nbformat.v4.new_notebook()) is None


@pytest.mark.parametrize(("cited", "href"), [
    ("<cite>a.txt</cite>", '<a class="report-file" href="../seeds/a.txt"><cite>a.txt</cite></a>'),
    ("<cite>b 1.pdf</cite>, 第3页", '<a class="report-file" href="../r/b%201.pdf#page=3"><cite>b 1.pdf</cite>, 第3页</a>'),
    ("<cite>&lt;x&gt;.txt</cite>", "<cite>&lt;x&gt;.txt</cite>"),  # not a report of the folders: no link
])  # fmt: skip
def test_cited_reports_link_to_their_files(cited, href):
    page = webpage.finish(f"<html><head></head><body>{cited}</body></html>", {"a.txt": "../seeds/a.txt",
                                                                              "b 1.pdf": "../r/b%201.pdf"})
    assert href in page and re.search(r"@font-face\{font-family:'Noto Sans CJK SC \(page\)';src:url\(data:font/woff;", page)

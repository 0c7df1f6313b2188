"""Appendix tables flattened into lines: header -> columns, rows -> figures."""

from __future__ import annotations

import math

import pytest

import analysis

HEAD = "关于{region}{prev}年国民经济和社会发展计划执行情况与{year}年国民经济和社会发展计划草案的报告\n——{year}年1月5日在{region}第五届人民代表大会第二次会议上\n各位代表:\n"


def _table(region: str, year: int, lines: list[str]) -> str:
    return HEAD.format(region=region, prev=year - 1, year=year) + "\n\n".join(lines) + "\n"


def _rows(text: str) -> set[tuple]:
    table = analysis.extract(text, doc="table.txt")
    return {
        (r["region"], r["indicator"], r["period"], r["kind"], r["measure"],
         None if math.isnan(r["value"]) else r["value"], r["unit"], r["qualifier"], r["basis"], r["text"])
        for r in table.to_dict("records")
    }  # fmt: skip


# A county plan report's table of growth rates: last year's plan and outcome,
# this year's plan for the county and for its city (全市), cells split on lines.
GROWTH_TABLE = [
    "附件:于都县2021年主要经济指标计划(草案)",
    "指标名称", "单位", "2020", "2021年计划增长%", "计划", "增长%", "实际", "增长%", "于都县", "全市",
    "地区生产总值", "亿元", "5左右", "4.1", "8.5左右", "8.5左右",
    "一般公共预算收入", "亿元", "3", "2.6", "同口径", "5.5左右", "同口径5左右",
    "出口总额", "亿元", "小幅增长", "8", "量稳质升", "量稳质升",
    "城镇登记失业率", "%", "<4.5", "3.2",
    "城镇调查失业率", "%", "5.5左右", "5.5左右",
    "注:1.2021年起开展城镇调查失业率统计,该指标与全市一致。",
]


def test_growth_table_columns_and_regions():
    rows = _rows(_table("于都县", 2021, GROWTH_TABLE))
    own, city = "于都县", "赣州市"
    assert rows == {
        (own, "gdp", 2020, "target", "growth", 5.0, "%", "about", "", ""),
        (own, "gdp", 2020, "actual", "growth", 4.1, "%", "exact", "", ""),
        (own, "gdp", 2021, "target", "growth", 8.5, "%", "about", "", ""),
        (city, "gdp", 2021, "target", "growth", 8.5, "%", "about", "", ""),
        (own, "general_budget_revenue", 2020, "target", "growth", 3.0, "%", "exact", "", ""),
        (own, "general_budget_revenue", 2020, "actual", "growth", 2.6, "%", "exact", "", ""),
        (own, "general_budget_revenue", 2021, "target", "growth", 5.5, "%", "about", "同口径", ""),
        (city, "general_budget_revenue", 2021, "target", "growth", 5.0, "%", "about", "同口径", ""),
        (own, "exports", 2020, "target", "growth", None, "", "", "", "小幅增长"),
        (own, "exports", 2020, "actual", "growth", 8.0, "%", "exact", "", ""),
        (own, "exports", 2021, "target", "growth", None, "", "", "", "量稳质升"),
        (city, "exports", 2021, "target", "growth", None, "", "", "", "量稳质升"),
        (own, "registered_unemployment", 2020, "target", "growth", 4.5, "%", "at_most", "", ""),
        (own, "registered_unemployment", 2020, "actual", "growth", 3.2, "%", "exact", "", ""),
        (own, "surveyed_unemployment", 2021, "target", "growth", 5.5, "%", "about", "", ""),
        (city, "surveyed_unemployment", 2021, "target", "growth", 5.5, "%", "about", "", ""),
    }


# A city's table of amounts: this year's estimate and next year's target.
LEVEL_TABLE = [
    "宜春市主要经济指标",
    "指标", "单位", "2022年", "预计完成", "2023年", "目标",
    "地区生产总值", "亿元", "3400", "3650以上",
    "城镇新增就业", "万人", "4.6", "4.5",
    "城镇调查失业率", "%", "5.3", "5.5以内",
]


def test_level_table_with_kinds_under_years():
    rows = _rows(_table("宜春市", 2023, LEVEL_TABLE))
    city = "宜春市"
    assert rows == {
        (city, "gdp", 2022, "estimate", "level", 3400.0, "亿元", "exact", "", ""),
        (city, "gdp", 2023, "target", "level", 3650.0, "亿元", "at_least", "", ""),
        (city, "new_urban_jobs", 2022, "estimate", "level", 4.6, "万人", "exact", "", ""),
        (city, "new_urban_jobs", 2023, "target", "level", 4.5, "万人", "exact", "", ""),
        (city, "surveyed_unemployment", 2022, "estimate", "growth", 5.3, "%", "exact", "", ""),
        (city, "surveyed_unemployment", 2023, "target", "growth", 5.5, "%", "at_most", "", ""),
    }


# A yearbook's table: one column per city, the year in the table's title, a row of levels and
# a row of rates named with 增长.
YEARBOOK_TABLE = [
    "2022年全省各设区市主要经济指标",
    "指标", "单位", "九江市", "上饶市", "抚州市",
    "地区生产总值", "亿元", "4100.5", "3200.7", "1900.2",
    "地区生产总值增长", "%", "4.6", "4.9", "5.1",
]  # fmt: skip


def test_yearbook_table_with_one_column_per_city():
    rows = _rows(_table("江西省", 2023, YEARBOOK_TABLE))
    assert rows == {
        ("九江市", "gdp", 2022, "actual", "level", 4100.5, "亿元", "exact", "", ""),
        ("上饶市", "gdp", 2022, "actual", "level", 3200.7, "亿元", "exact", "", ""),
        ("抚州市", "gdp", 2022, "actual", "level", 1900.2, "亿元", "exact", "", ""),
        ("九江市", "gdp", 2022, "actual", "growth", 4.6, "%", "exact", "", ""),
        ("上饶市", "gdp", 2022, "actual", "growth", 4.9, "%", "exact", "", ""),
        ("抚州市", "gdp", 2022, "actual", "growth", 5.1, "%", "exact", "", ""),
    }


def test_missing_cells_keep_one_region_on_one_scale():
    """Two 以上 values in a four-column row: never the outcome column; 3.6 and 51
    are one district's and its city's amounts, not one district's two years."""
    lines = GROWTH_TABLE[:12] + ["粮食产量", "亿斤", "3.6以上", "51以上"]
    rows = _rows(_table("于都县", 2021, lines))
    assert ("于都县", "grain_output", 2021, "target", "level", 3.6, "亿斤", "at_least", "", "") in rows
    assert ("赣州市", "grain_output", 2021, "target", "level", 51.0, "亿斤", "at_least", "", "") in rows


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(["地区生产总值", "亿元", "5左右"], id="row_without_header"),
        pytest.param(GROWTH_TABLE[:12] + ["地区生产总值", "亿元", "1", "2", "3", "4", "5"], id="more_cells_than_columns"),
    ],
)
def test_rows_that_do_not_fit_yield_nothing(lines):
    rows = _rows(_table("于都县", 2021, lines))
    assert not any(r[1] == "gdp" and r[5] in (1.0, 5.0) and len(lines) < 12 for r in rows)
    assert not any(r[5] == 5.0 and r[1] == "gdp" and r[3] == "actual" for r in rows)

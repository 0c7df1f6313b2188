"""Yearbook tables with a column per region (reading/wide_tables.py); the page is written for the test."""

from __future__ import annotations

from analysis.reading.document import extract_document
from analysis.reading.normalise import normalise

PAGE = """12-3 续表 Continued
       Item 赣州市 吉安市 瑞金市 南康区
全市 市辖区 全市 市辖区
Total Municipal District Total Municipal District
四、综合经济 General Economic
 (一)地区生产总值(万元) Gross Domestic Product (10 000 yuan) 38076100 12000500 24500000 7800400 2050100 3550200
   第一产业增加值 Primary Industry 380000 26000 520000 111000 40900 47800
   第三产业增加值 Tertiary Industry 19000000 7000000 11000000 4000000 1100000 1700000
   人均地区生产总值 (元) Per Capita GDP (yuan) 42000 60000 50000 55000 30000 33000
   地区生产总值增长率 (%) Growth Rate of GDP (%) 8.5 8.9 8.1 8.0 9.2 -1.5
 (二)财政 (万元) Public Finance (10 000 yuan)
   公共财政收入 Local General Budget Revenue 2800000 900000 1600000 500000 180000 150000
   公共财政支出 Local General Budget Expenditure 8000000 2000000 6000000 1500000 600000 500000
"""


def _rows(page: str = PAGE):
    extraction = extract_document(page, "yearbook.txt", {"region": "", "report_year": 2021})
    return extraction, {(r["region"], r["indicator"], r["measure"]): r for r in extraction.rows}


def test_each_region_column_gives_the_regions_rows():
    _, rows = _rows()
    assert rows[("赣州市", "gdp", "level")]["value"] == 38076100 and rows[("赣州市", "gdp", "level")]["unit"] == "万元"
    assert rows[("南康区", "gdp", "growth")]["value"] == -1.5
    assert rows[("瑞金市", "general_budget_revenue", "level")]["value"] == 180000
    assert rows[("吉安市", "tertiary_value_added", "level")]["value"] == 11000000  # the block's unit
    assert {r["period"] for r in rows.values()} == {2020}


def test_urban_district_columns_and_other_quantities_give_no_row():
    _, rows = _rows()
    assert 12000500 not in {r["value"] for r in rows.values()}  # 赣州市's 市辖区
    assert {indicator for _, indicator, _ in rows} == {"gdp", "tertiary_value_added", "general_budget_revenue"}
    assert len(rows) == 4 * 4


def test_evidence_is_the_number_in_the_text():
    extraction, _ = _rows()
    text = normalise(PAGE)
    for row in extraction.rows:
        assert float(text[row["char_start"] : row["char_end"]]) == row["value"]


def test_a_row_with_a_number_missing_is_not_placed():
    page = PAGE.replace("9.2 -1.5", "9.2")
    _, rows = _rows(page)
    assert ("南康区", "gdp", "growth") not in rows and ("赣州市", "gdp", "growth") not in rows



BULLETIN = """2021年东湖区国民经济和社会发展统计公报
表1 主要经济指标
指 标 | 单 位 | 绝对数 | 比上年增长(%) |
地区生产总值 | 万元 | 6371390 | 3.8 |
第一产业 | 万元 | 170599 | 6.4 |
第三产业 | 万元 | 2679218 | 3.0 |
人均地区生产总值 | 元 | 98000 | 2.1 |
一般公共预算支出 | 万元 | 500000 | 5.0 |
"""


def test_a_bulletin_table_whose_cells_are_joined_by_bars():
    extraction = extract_document(BULLETIN, "bulletin.txt", {"region": "东湖区", "report_year": 2022})
    rows = {(r["indicator"], r["measure"]): (r["value"], r["unit"], r["period"]) for r in extraction.rows}
    assert rows == {
        ("gdp", "level"): (6371390, "万元", 2021), ("gdp", "growth"): (3.8, "%", 2021),
        ("tertiary_value_added", "level"): (2679218, "万元", 2021),
        ("tertiary_value_added", "growth"): (3.0, "%", 2021),
    }  # fmt: skip
    text = normalise(BULLETIN)
    assert {text[r["char_start"] : r["char_end"]] for r in extraction.rows} == {"6371390", "3.8", "2679218", "3.0"}


ROWS = """表3 2021年各设区市主要经济指标
地区 地区生产总值(亿元) 增长(%) 一般公共预算收入(亿元) 人均生产总值(元)
全省 29619.7 8.8 2812.3 65560
南昌市 6650.5 8.7 492.4 102000
九江市 3735.7 8.8 275.0 81000
赣州市 4169.4 9.5 295.0 46000
"""


def test_a_table_with_a_row_per_region():
    extraction = extract_document(ROWS, "yearbook.txt", {"region": "", "report_year": 2022})
    rows = {(r["region"], r["indicator"], r["measure"]): r["value"] for r in extraction.rows}
    assert rows == {
        ("南昌市", "gdp", "level"): 6650.5, ("南昌市", "gdp", "growth"): 8.7,
        ("南昌市", "general_budget_revenue", "level"): 492.4,
        ("九江市", "gdp", "level"): 3735.7, ("九江市", "gdp", "growth"): 8.8,
        ("九江市", "general_budget_revenue", "level"): 275.0,
        ("赣州市", "gdp", "level"): 4169.4, ("赣州市", "gdp", "growth"): 9.5,
        ("赣州市", "general_budget_revenue", "level"): 295.0,
    }  # fmt: skip
    assert {r["period"] for r in extraction.rows} == {2021}

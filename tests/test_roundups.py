"""Roundups: texts on several regions that name the indicator once and list each region's value."""

from __future__ import annotations

import pytest

from analysis import regions
from analysis.reading.document import MetadataError, extract_document

PROVINCES = ("2021年各地GDP增长目标出炉\n"
             "记者梳理发现,截至目前,31个省区市已全部公布2021年经济增长目标。其中,湖北为10%以上,海南为10%以上,"
             "西藏为9%左右,甘肃、宁夏为7%左右,其余省份为6%以上。\n")  # fmt: skip


def _rows(text: str, year: int = 2021) -> dict[str, tuple]:
    rows = extract_document(text, "roundup.txt", {"report_year": year}).rows
    return {row["region"]: (row["indicator"], row["kind"], row["period"], row["value"], row["qualifier"]) for row in rows}


def test_the_rest_of_the_provinces_when_the_text_counts_them():
    rows = _rows(PROVINCES)
    named = {"湖北省", "海南省", "西藏自治区", "甘肃省", "宁夏回族自治区"}
    assert set(rows) == {r.name for r in regions.mainland_provinces()}
    assert rows["宁夏回族自治区"] == ("gdp", "target", 2021, 7.0, "about")
    assert {rows[name] for name in set(rows) - named} == {("gdp", "target", 2021, 6.0, "at_least")}


def test_the_rest_is_not_guessed_without_a_count():
    rows = _rows(PROVINCES.replace("31个省区市已全部", "各地已陆续"))
    assert set(rows) == {"湖北省", "海南省", "西藏自治区", "甘肃省", "宁夏回族自治区"}


def test_the_cities_of_one_province():
    text = ("河北各市今年GDP目标\n全省11个设区市已公布2023年地区生产总值预期目标。石家庄、唐山为6.5%以上,"
            "邯郸为6%左右,其余城市为6%以上。\n")  # fmt: skip
    rows = _rows(text, 2023)
    assert rows["唐山市"] == ("gdp", "target", 2023, 6.5, "at_least")
    assert rows["邯郸市"] == ("gdp", "target", 2023, 6.0, "about")
    assert len(rows) == 11 and rows["保定市"] == ("gdp", "target", 2023, 6.0, "at_least")


@pytest.mark.parametrize("text", [
    # a report of its own government: places followed by values are not a roundup's items
    "政府工作报告\n——2023年1月8日在南昌县第十八届人民代表大会第三次会议上\n地区生产总值增长7%。进贤为8%。\n",
    # no lead names the indicator
    "今年各地目标陆续公布。湖北为10%以上,海南为10%以上。\n",
])  # fmt: skip
def test_no_items_without_a_roundup(text):
    try:
        rows = extract_document(text, "x.txt", {"report_year": 2023}).rows
    except MetadataError:  # a text on several regions of which nothing could be read
        rows = []
    assert {row["region"] for row in rows} <= {"南昌县"}


NEWS = ("县级市居民收入十强出炉\n"
        "相比之下,浙江更为强势,义乌市以人均可支配收入78100元居首,玉环市排名第二位,人均可支配收入是68200元;"
        "江苏省昆山市位列第三,人均可支配收入是67900元。\n"
        "经济总量最小的常德,2021年GDP为4054亿元。另一城市地区生产总值增长5%左右。\n"
        "宁波市统计局的数据显示,2021年全市外贸进出口总额11926亿元。其中,出口7624亿元,增长19%。\n"
        "山东省政府新闻办公室发布的信息显示,山东家底越来越厚。全年一般公共预算收入达到7284亿元。\n")  # fmt: skip


def test_each_figure_of_a_news_article_takes_the_place_it_speaks_of():
    extraction = extract_document(NEWS, "news.txt", {"region": "", "report_year": 2022})
    rows = {(r["region"], r["indicator"], r["measure"], r["value"]) for r in extraction.rows}
    assert rows == {("义乌市", "resident_income", "level", 78100), ("宁波市", "exports", "growth", 19),
                    ("宁波市", "exports", "level", 7624), ("常德市", "gdp", "level", 4054),
                    ("山东省", "general_budget_revenue", "level", 7284),
                    ("昆山市", "resident_income", "level", 67900), ("玉环市", "resident_income", "level", 68200)}
    assert [u.sentence for u in extraction.unparsed] == ["另一城市地区生产总值增长5%左右"]


def test_a_roundup_item_and_the_clause_after_it():
    text = ("15个副省级城市GDP\n需要说明的是,统计部门发布的GDP增速均为实际增速。"
            "受疫情影响,2021年哈尔滨名义增速仅为3.2%,实际增速仅为5.5%,两年平均增速仅为3%。\n")  # fmt: skip
    rows = extract_document(text, "news.txt", {"region": "", "report_year": 2022}).rows
    assert sorted((r["region"], r["indicator"], r["value"], r["basis"]) for r in rows) == [
        ("哈尔滨市", "gdp", 3.2, "名义"), ("哈尔滨市", "gdp", 5.5, "实际")]

"""Report metadata from the text: region, level, parent, type and year."""

from __future__ import annotations

import pytest

from analysis.meta import ReportMeta, infer_meta
from analysis.normalise import clean, normalise

from .conftest import SEEDS


def _meta(text: str) -> tuple:
    m = infer_meta(clean(normalise(text)).text)
    return (m.region, m.region_level, m.parent_region, m.report_type, m.report_year)


@pytest.mark.parametrize(("seed", "expected"), [
    ("qingyunpu_2022_plan_report.txt", ("青云谱区", "district", "南昌市", "plan_report", 2022)),
    ("qingyunpu_2022_government_work_report.txt", ("青云谱区", "district", "南昌市", "government_work_report", 2022)),
    ("xihu_2022_government_work_report.txt", ("西湖区", "district", "南昌市", "government_work_report", 2022)),
    ("nanchangxian_2022_government_work_report.txt", ("南昌县", "county", "南昌市", "government_work_report", 2022)),
    ("ganxian_2021_plan_report.txt", ("赣县区", "district", "赣州市", "plan_report", 2021)),
])  # fmt: skip
def test_seed_metadata_from_their_text(seed, expected):
    assert _meta((SEEDS / seed).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2022年南昌市西湖区人民政府工作报告\n——2022211日在西湖区第十七届人民代表大会\n第二次会议上\n"
                 "加强与经济发达地区,尤其是广州市、杭州市城区联动合作,学习杭州市西湖区经验。",
                 ("西湖区", "district", "南昌市", "government_work_report", 2022), id="garbled_date_and_namesake"),
    pytest.param("关于赣州市赣县区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告\n"
                 "——2021 3日在赣州市赣县区第一届人民代表大会第次会议上",
                 ("赣县区", "district", "赣州市", "plan_report", 2021), id="garbled_plan_report"),
    pytest.param("政府工作报告\n——2022年1月10日在瑞金市第十七届人民代表大会第一次会议上",
                 ("瑞金市", "county", "赣州市", "government_work_report", 2022), id="county_level_city"),
    pytest.param("政府工作报告\n——2022年1月21日在赣州市第五届人民代表大会第一次会议上",
                 ("赣州市", "city", "江西省", "government_work_report", 2022), id="city"),
    pytest.param("政府工作报告\n——2023年1月12日在湖北省第十四届人民代表大会第一次会议上",
                 ("湖北省", "province", "", "government_work_report", 2023), id="province"),
    pytest.param("凤庆县2021年国民经济和社会发展统计公报\n凤庆县统计局",
                 ("凤庆县", "county", "临沧市", "statistical_bulletin", 2022), id="bulletin_published_next_year"),
    pytest.param("今年经济社会发展的主要预期目标是:地区生产总值增长7%以上。",
                 ("", "", "", "other", 0), id="nothing_said"),
    pytest.param("二、2022年的工作安排\n今年地区生产总值增长8%左右。",
                 ("", "", "", "other", 2022), id="year_from_plan_heading"),
])  # fmt: skip
def test_metadata_from_headings_and_meeting_lines(text, expected):
    assert _meta(text) == expected


def test_what_the_user_knows_wins_and_empty_cells_keep_the_text():
    inferred = ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2022)
    assert inferred.updated(region="西湖区", report_year="2021", parent_region="") == ReportMeta(
        "西湖区", "district", "南昌市", "plan_report", 2021)
    assert inferred.updated(file="x.txt", notes="ignored") == inferred

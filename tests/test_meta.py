"""Report metadata from the text: region, level, parent, report type and report year."""

from __future__ import annotations

import pytest

from analysis.reading.metadata import ReportMeta, infer_meta
from analysis.reading.normalise import clean, normalise

from .conftest import SEEDS


def _meta(text: str) -> tuple:
    m = infer_meta(clean(normalise(text)).text)
    return (m.region, m.region_level, m.parent_region, m.report_type, m.report_year)


QINGYUNPU = ("青云谱区", "district", "南昌市")
XIHU = ("西湖区", "district", "南昌市")
NANCHANGXIAN = ("南昌县", "county", "南昌市")
GANXIAN = ("赣县区", "district", "赣州市")

# --- The five seeds: their first 40 lines, as the user's file begins ---

SEED_HEADS = [
    ("qingyunpu_2022_plan_report.txt", (*QINGYUNPU, "plan_report", 2022)),
    ("qingyunpu_2022_government_work_report.txt", (*QINGYUNPU, "government_work_report", 2022)),
    ("xihu_2022_government_work_report.txt", (*XIHU, "government_work_report", 2022)),
    ("nanchangxian_2022_government_work_report.txt", (*NANCHANGXIAN, "government_work_report", 2022)),
    ("ganxian_2021_plan_report.txt", (*GANXIAN, "plan_report", 2021)),
]


@pytest.mark.parametrize(("seed", "expected"), SEED_HEADS, ids=[s for s, _ in SEED_HEADS])
def test_seed_metadata_from_its_first_40_lines(seed, expected):
    with open(SEEDS / seed, encoding="utf-8") as handle:
        head = "".join(line for _, line in zip(range(40), handle, strict=False))
    assert _meta(head) == expected


# --- Headings as printed (titles, meeting lines, speakers), copied from the seeds ---

HEADINGS = [
    pytest.param("青云谱区2021年国民经济和社会发展计划\n执行情况及2022年国民经济和社会发展\n计划草案的报告\n"
                 "——2022年1月13日在青云谱区第十七届\n人民代表大会第二次会议上\n区发展和改革委员会 周青\n",
                 (*QINGYUNPU, "plan_report", 2022), id="qingyunpu_plan_title"),
    pytest.param("政 府 工 作 报 告\n——2022年1月13日在青云谱区第十七届\n人民代表大会第二次会议上\n"
                 "青云谱区人民政府区长 汪众华\n",
                 (*QINGYUNPU, "government_work_report", 2022), id="qingyunpu_spaced_title_and_speaker"),
    pytest.param("——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n",
                 (*QINGYUNPU, "other", 2022), id="qingyunpu_meeting_line_alone"),
    pytest.param("政府工作报告\n\n——2022年2月12日在南昌县第十届人民代表大会\n\n第二次会议上\n\n"
                 "南昌县人民政府县长   贾彧超\n",
                 (*NANCHANGXIAN, "government_work_report", 2022), id="nanchangxian_meeting_line"),
    pytest.param("2022年南昌市西湖区人民政府工作报告\n——2022211日在西湖区第十七届人民代表大会\n\n第二次会议上\n\n"
                 "西湖区人民政府区长陶亿国\n",
                 (*XIHU, "government_work_report", 2022), id="xihu_garbled_date"),
    pytest.param("——2022211日在西湖区第十七届人民代表大会第二次会议上\n",
                 (*XIHU, "other", 2022), id="xihu_garbled_date_alone"),
    pytest.param("关于赣州市赣县区2020年国民经济和社会\n\n发展计划执行情况与2021年国民经济和\n\n社会发展计划草案的报告\n\n"
                 "——2021 3日在赣州市赣县区第一届人民代表大会第次会议上\n\n赣州市赣县区发展和改革委员会主任简慧文\n",
                 (*GANXIAN, "plan_report", 2021), id="ganxian_garbled_date"),
    pytest.param("——2021 3日在赣州市赣县区第一届人民代表大会第次会议上\n",
                 (*GANXIAN, "other", 2021), id="ganxian_garbled_date_alone"),
]  # fmt: skip

# --- Places of every level, namesakes, and texts that say nothing ---

PLACES = [
    pytest.param("2022年南昌市西湖区人民政府工作报告\n——2022211日在西湖区第十七届人民代表大会第二次会议上\n"
                 "加强与经济发达地区,尤其是广州市、杭州市城区联动合作,强化与广州市越秀区、杭州市西湖区战略合作。\n",
                 (*XIHU, "government_work_report", 2022), id="xihu_of_nanchang_mentions_xihu_of_hangzhou"),
    pytest.param("政府工作报告\n——2022年1月10日在瑞金市第十七届人民代表大会第一次会议上\n",
                 ("瑞金市", "county", "赣州市", "government_work_report", 2022), id="county_level_city"),
    pytest.param("政府工作报告\n——2022年1月21日在赣州市第五届人民代表大会第一次会议上\n",
                 ("赣州市", "city", "江西省", "government_work_report", 2022), id="city"),
    pytest.param("政府工作报告\n——2022年1月20日在南昌市第十六届人民代表大会第一次会议上\n",
                 ("南昌市", "city", "江西省", "government_work_report", 2022), id="provincial_capital"),
    pytest.param("政府工作报告\n——2022年1月23日在江西省第十三届人民代表大会第六次会议上\n",
                 ("江西省", "province", "全国", "government_work_report", 2022), id="province"),
    pytest.param("政府工作报告\n——2023年1月12日在湖北省第十四届人民代表大会第一次会议上\n",
                 ("湖北省", "province", "全国", "government_work_report", 2023), id="another_province"),
    pytest.param("政府工作报告\n——2022年1月13日在浦东新区第七届人民代表大会第二次会议上\n",
                 ("浦东新区", "district", "上海市", "government_work_report", 2022), id="district_of_a_municipality"),
    pytest.param("凤庆县2021年国民经济和社会发展统计公报\n凤庆县统计局\n",
                 ("凤庆县", "county", "临沧市", "statistical_bulletin", 2022), id="bulletin_published_next_year"),
    pytest.param("赣县区2021年国民经济和社会发展统计公报\n赣州市赣县区统计局\n",
                 (*GANXIAN, "statistical_bulletin", 2022), id="bulletin_of_a_district"),
    pytest.param("关于临沧市双江拉祜族佤族布朗族傣族自治县2020年国民经济和社会发展计划执行情况与2021年国民经济和社会"
                 "发展计划草案的报告\n——2021年1月8日在双江拉祜族佤族布朗族傣族自治县第十七届人民代表大会第五次会议上\n",
                 ("双江拉祜族佤族布朗族傣族自治县", "county", "临沧市", "plan_report", 2021),
                 id="autonomous_county_of_fifteen_characters"),
    pytest.param("政府工作报告\n——2022年1月13日在乾安县第十七届\n人民代表大会第二次会议上\n乾安县人民政府县长 王某\n",
                 ("乾安县", "county", "松原市", "government_work_report", 2022), id="qian_is_not_gan_in_place_names"),
    pytest.param("政府工作報告\n——2022年1月13日在乾安縣第十七屆人民代表大會第二次會議上\n",
                 ("乾安县", "county", "松原市", "government_work_report", 2022), id="qian_in_traditional_characters"),
    pytest.param("今年经济社会发展的主要预期目标是:地区生产总值增长7%以上。\n",
                 ("", "", "", "other", 0), id="nothing_said"),
    pytest.param("政府工作报告\n——2022年1月10日在第十七届人民代表大会第一次会议上\n",
                 ("", "", "", "government_work_report", 2022), id="meeting_line_without_a_place"),
    pytest.param("二、2022年的工作安排\n今年地区生产总值增长8%左右。\n",
                 ("", "", "", "other", 2022), id="year_from_the_plan_heading"),
    pytest.param("2021年工作回顾\n地区生产总值增长9%。\n",
                 ("", "", "", "other", 2022), id="year_after_the_review_heading"),
    # News copies and summaries: no meeting line; the year from a title, the targets, a dateline.
    pytest.param("南城县政府工作报告(2021年)\n全县地区生产总值增长4%。\n",
                 ("南城县", "county", "抚州市", "government_work_report", 2021), id="title_with_the_place_first"),
    pytest.param("日期:2022年01月24日 来源:融媒体中心\n1月20日,安义县人民政府县长在作《政府工作报告》时指出。\n",
                 ("安义县", "county", "南昌市", "government_work_report", 2022), id="dateline_and_speaker"),
    pytest.param("1月8日,芦溪县第十八届人大三次会议开幕。报告提出2024年全县经济社会发展主要预期目标。\n",
                 ("芦溪县", "county", "萍乡市", "other", 2024), id="year_of_the_targets_and_a_session_without_di"),
    pytest.param("2022年1月22日,在南昌市第十六届人民代表大会第二次会议上,市长作报告。\n",
                 ("南昌市", "city", "江西省", "other", 2022), id="dated_meeting_without_a_dash"),
    pytest.param("(江西省)2022年宜春市袁州区国民经济和社会发展统计公报\n  2023年6月26日\n",
                 ("袁州区", "district", "宜春市", "statistical_bulletin", 2023), id="bulletin_title_with_the_year_first"),
    pytest.param("2020年东宝区政府工作报告\n12月25日,东宝区第八届人民代表大会第五次会议开幕。\n",
                 ("东宝区", "district", "荆门市", "government_work_report", 2019), id="december_session"),
    # The State Council's report: 全国, from its meeting line or from its speaker's words.
    pytest.param("政府工作报告\n——2009年3月5日在第十一届全国人民代表大会第二次会议上\n国务院总理 温家宝\n",
                 ("全国", "country", "", "government_work_report", 2009), id="national_meeting_line"),
    pytest.param("各位代表：\n现在，我代表国务院向大会作政府工作报告，请予审议。\n一、1998年工作回顾和1999年工作的总体要求\n",
                 ("全国", "country", "", "government_work_report", 1999), id="national_speaker_and_combined_heading"),
    pytest.param("各位代表：\n现在，我代表国务院向大会作政府工作报告。\n香港、澳门保持繁荣稳定。香港特别行政区政府依法施政,"
                 "香港经济回升。北京奥运会筹备顺利。\n", ("全国", "country", "", "government_work_report", 0),
                 id="places_a_national_report_mentions_are_not_its_region"),
    # A place named often is the region only where the text speaks of its own area at its level.
    pytest.param("安义县地区生产总值增长8%。安义县财政总收入增长9%。全县固定资产投资增长10%。安义县出口增长5%。\n",
                 ("安义县", "county", "南昌市", "other", 0), id="named_often_and_its_own_area"),
    pytest.param("加强与北京的合作。北京高校对接。北京企业落户。我们要学习北京经验。\n",
                 ("", "", "", "other", 0), id="named_often_in_passing"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), HEADINGS + PLACES)
def test_metadata_from_headings_and_meeting_lines(text, expected):
    assert _meta(text) == expected


def test_meeting_line_broken_before_the_congress():
    text = "政 府 工 作 报 告\n——2022年1月13日在青云谱区第十七届\n人民代表大会第二次会议上\n"
    assert _meta(text) == (*QINGYUNPU, "government_work_report", 2022)


def test_an_excerpt_of_xihu_of_nanchang_mentioning_xihu_of_hangzhou_once():
    text = ("政府工作报告\n——2022211日在西湖区第十七届人民代表大会第二次会议上\n西湖区人民政府区长陶亿国\n"
            "完善以南昌火车站、地铁站为中心的交通网络,携手成为大南昌都市圈高质量一体化建设的排头兵,"
            "为南昌打造“一枢纽四中心”贡献力量。\n强化与广州市越秀区、杭州市西湖区战略合作,定期组织联合招商。\n")  # fmt: skip
    assert _meta(text) == (*XIHU, "government_work_report", 2022)


# --- What the user knows (a manifest row) wins; empty cells keep the text's value ---

INFERRED = ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2022)

UPDATES = [
    pytest.param({"region": "西湖区"}, ReportMeta("西湖区", "district", "南昌市", "plan_report", 2022), id="region"),
    pytest.param({"report_year": "2021"}, ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2021),
                 id="year_as_csv_text"),
    pytest.param({"report_year": "2021.0"}, ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2021),
                 id="year_as_pandas_float_text"),
    pytest.param({"report_year": 2023}, ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2023),
                 id="year_as_int"),
    pytest.param({"report_type": "government_work_report", "region_level": "other"},
                 ReportMeta("青云谱区", "other", "南昌市", "government_work_report", 2022), id="type_and_level"),
    pytest.param({"parent_region": "", "report_year": ""}, INFERRED, id="empty_cells"),
    # An empty region is the manifest's way to say "several regions": each figure names its own.
    pytest.param({"region": ""}, ReportMeta("", "", "", "plan_report", 2022), id="empty_region_is_several_regions"),
    pytest.param({"region": "", "region_level": "city"}, ReportMeta("", "city", "", "plan_report", 2022),
                 id="several_cities"),
    pytest.param({"region": None, "report_year": None}, INFERRED, id="missing_cells"),
    pytest.param({"file": "x.txt", "doc": "x.txt", "title": "青云谱区政府工作报告"}, INFERRED,
                 id="other_columns_ignored"),
]  # fmt: skip


@pytest.mark.parametrize(("known", "expected"), UPDATES)
def test_what_the_user_knows_wins_and_empty_cells_keep_the_text(known, expected):
    assert INFERRED.updated(**known) == expected
    assert INFERRED == ReportMeta("青云谱区", "district", "南昌市", "plan_report", 2022)  # a copy, not a change

"""Report metadata from the text: region, level, parent, report type and report year."""

from __future__ import annotations

import pytest

from analysis.reading.metadata import ReportMeta, infer_meta, planned_year, settled
from analysis.reading.normalise import clean, normalise
from analysis.reading.report_year import decide_year, year_cues

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


# --- The year from what a copy says of this year and last (no meeting line), written for these tests ---

NATION = ("全国", "country", "")
YEARS_SAID = [
    # A national copy names its session by its place in the NPC's term, or reviews last year by name.
    pytest.param("各位代表:\n现在,我代表国务院,向第十二届全国人民代表大会第一次会议报告过去五年的工作。\n",
                 (*NATION, "other", 2013), id="national_session_by_its_place_in_the_term"),
    pytest.param("各位代表:\n现在,我代表国务院向大会报告政府工作,请予审议。\n一、过去一年工作回顾\n\n"
                 "2016年,我国经济运行缓中趋稳。\n", (*NATION, "government_work_report", 2017),
                 id="national_last_year_reviewed_under_its_heading"),
    pytest.param("各位代表:\n现在,我代表国务院向大会作政府工作报告。\n首先报告2009年的工作\n",
                 (*NATION, "government_work_report", 2010), id="national_reports_on_last_years_work_first"),
    # 今年 named by its place in a five-year plan or as a party congress's year.
    pytest.param("各位代表:\n现在,我代表国务院向大会作政府工作报告。\n今年是实施“十二五”规划的开局之年。\n",
                 (*NATION, "government_work_report", 2011), id="this_year_opens_a_five_year_plan"),
    pytest.param("今年是“十三五”规划的收官之年,全县上下要加倍努力。\n", ("", "", "", "other", 2020),
                 id="this_year_closes_a_five_year_plan"),
    pytest.param("今年是“十四五”规划承上启下之年。\n", ("", "", "", "other", 2023), id="this_year_midway_in_a_plan"),
    pytest.param("今年是党的二十大召开之年,做好经济工作意义重大。\n", ("", "", "", "other", 2022),
                 id="this_year_of_a_party_congress"),
    pytest.param("2003年是实施新规划的第一年,做好今年的政府工作,责任重大。\n", ("", "", "", "other", 2003),
                 id="a_year_called_this_year_in_its_sentence"),
    # The year looked back on: the session is the year after it.
    pytest.param("2018年是极不平凡的一年。我们顶住压力,全县经济保持平稳。\n", ("", "", "", "other", 2019),
                 id="an_extraordinary_year_is_the_year_reviewed"),
    pytest.param("区长在回顾2020年和“十三五”工作时说,全区发展迈上新台阶。\n", ("", "", "", "other", 2021),
                 id="the_year_a_speaker_reviews"),
    pytest.param("过去的2021年,各地经济恢复势头良好。\n", ("", "", "", "other", 2022), id="the_year_just_past"),
    pytest.param("2021年,全县实现地区生产总值150亿元,增长7%。\n", ("", "", "", "other", 2022),
                 id="outcomes_stated_of_a_year"),
    pytest.param("2021年,全县力争实现地区生产总值150亿元。\n", ("", "", "", "other", 0),
                 id="a_goal_is_no_outcome"),
    pytest.param("今年2月1日,省统计局发布了全省2023年经济运行情况。\n", ("", "", "", "other", 2024),
                 id="a_release_on_last_year"),
    pytest.param("会议提出,2022年,全区将加快建设科创新城。\n", ("", "", "", "other", 2022),
                 id="the_year_a_government_will_act_in"),
    # A page titled with another year than its text opens with: no year is known.
    pytest.param("2023年某市政府工作报告全文\n各位代表:\n一、2023年工作的简要回顾\n", ("", "", "", "government_work_report", 0),
                 id="title_contradicted_by_the_review_heading"),
    # Datelines in any form: spaced digits (as PDFs print them), Chinese numerals, a page header.
    pytest.param("某县统计局\n2010 年 3 月 23 日\n全县地区生产总值增长9%。\n", ("", "", "", "other", 2010),
                 id="spaced_digits_under_the_issuer"),
    pytest.param("全县地区生产总值增长9%。\n凤庆县统计局\n二〇一〇年三月二十三日\n",
                 ("凤庆县", "county", "临沧市", "other", 2010), id="bulletin_dated_in_chinese_numerals_at_its_foot"),
    pytest.param("全县地区生产总值增长9%。\n凤庆县统计局\n二0一0年三月二十三日\n",
                 ("凤庆县", "county", "临沧市", "other", 2010), id="chinese_numerals_with_a_latin_zero"),
    pytest.param("---\ntitle: 某市经济观察\ndate: Mon, 21 Feb 2022 06:22:59 GMT\n---\n2021年该市经济稳中有进。\n",
                 ("", "", "", "other", 2022), id="a_page_header_date"),
    pytest.param("公文搜 2021-07-27 18:01:35\n一、2012年工作回顾\n到2035年基本实现现代化。\n",
                 ("", "", "", "other", 2013), id="an_archives_date_gives_way_to_the_text"),
    pytest.param("公文搜 2021-07-27 18:01:35\n到2035年基本实现现代化。\n", ("", "", "", "other", 0),
                 id="an_archives_date_the_text_does_not_bear_out"),
    # A bulletin's title cut short by the page still names its place, its kind and its year.
    pytest.param("(江西省)2006年宜春市国民经济和社会发展统计公\n一、综合\n",
                 ("宜春市", "city", "江西省", "statistical_bulletin", 2007), id="bulletin_title_cut_short"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), YEARS_SAID)
def test_year_from_what_the_text_says_of_this_year_and_last(text, expected):
    assert _meta(text) == expected


# --- A December session: it reviews its own year and plans the next ---

DECEMBER = [
    pytest.param("湘潭县2023年政府工作报告\n——2022年12月28日在湘潭县第十八届人民代表大会第二次会议上\n", 2022,
                 id="the_session_date_names_this_year_the_title_the_next"),
    pytest.param("二、2023年工作安排\n做好明年的政府工作,要坚持稳中求进。\n", 2022, id="the_plan_speaks_of_next_year"),
    pytest.param("某县2023年政府工作报告\n发布时间:2022年12月29日\n", 2022, id="dated_in_december_titled_the_next_year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year"), DECEMBER)
def test_december_session(text, year):
    meta = infer_meta(clean(normalise(text)).text)
    assert (meta.report_year, meta.december) == (year, True)


def test_december_session_when_the_manifest_names_the_year_before_the_title():
    meta = infer_meta(clean(normalise("湘潭县2023年政府工作报告\n各位代表:\n")).text)
    assert (meta.report_year, meta.december) == (2023, False)
    assert meta.updated(report_year="2022").december
    assert not meta.updated(report_year="2023").december


# --- The region a text speaks as (全市, 我县) when it names no role; several regions; the file name ---

SPEAKS_AS = [
    pytest.param("学习总书记视察江西和赣州时的讲话精神。我市地区生产总值增长8%左右,我市财政收入增长6%。\n",
                 ("赣州市", "city", "江西省", "other", 0), id="the_only_city_named_beside_its_province"),
    pytest.param("全市生产总值增长6%。深圳全年新增就业12万人。深圳研发投入再创新高。本市居民收入增长7%。\n",
                 ("深圳市", "city", "广东省", "other", 0), id="named_often_and_speaks_of_its_city"),
    pytest.param("南昌市下达的任务全面完成。全区地区生产总值增长7%,全区财政收入增长5%,在全市排名第二。\n",
                 ("", "", "", "other", 0), id="a_districts_text_naming_only_its_city"),
    pytest.param("15个副省级城市GDP排名出炉\n记者梳理15个副省级城市的数据。深圳市统计局的数据显示,深圳全市生产总值增长6.7%。\n",
                 ("", "", "", "other", 0), id="a_text_on_several_cities_has_no_region_of_its_own"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SPEAKS_AS)
def test_region_a_text_speaks_as(text, expected):
    assert _meta(text) == expected


FILE_NAMES = [
    pytest.param("南宁市2016年政府工作报告.txt", ("南宁市", "city", "广西壮族自治区", "government_work_report", 2016),
                 id="place_year_and_report"),
    pytest.param("2019_吉林省_统计公报.pdf", ("吉林省", "province", "全国", "statistical_bulletin", 2020),
                 id="bulletin_published_the_year_after"),
    pytest.param("nanning_2016_government_work_report.txt", ("", "", "", "other", 0), id="a_latin_name_says_nothing"),
    pytest.param("南宁市资料.txt", ("", "", "", "other", 0), id="a_place_without_a_report"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), FILE_NAMES)
def test_file_name_is_the_last_resort(name, expected):
    meta = infer_meta(clean(normalise("今年全市经济稳中求进。\n")).text, name)
    assert (
        meta.region,
        meta.region_level,
        meta.parent_region,
        meta.report_type,
        meta.report_year,
    ) == expected
    assert meta.weak_fields == (("region", "report_year") if expected[0] else ())
    assert all(how.startswith("file name: ") for how in meta.evidence.values())


def test_the_text_wins_over_its_file_name():
    text = "政府工作报告\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n"
    meta = infer_meta(clean(normalise(text)).text, "南宁市2016年政府工作报告.txt")
    assert (meta.region, meta.report_year, meta.weak_fields) == ("青云谱区", 2022, ())


WEAK = [
    pytest.param("政府工作报告\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n", (), id="stated"),
    pytest.param("日期:2022年01月24日\n全县地区生产总值增长8%。安义县财政收入增长5%。安义县出口增长6%。安义县就业稳定。\n",
                 ("region", "report_year"), id="places_named_and_a_dateline"),
    pytest.param("2021年,全县实现地区生产总值150亿元。\n", (), id="inferred_is_not_weak"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "weak"), WEAK)
def test_weak_evidence_is_named(text, weak):
    assert infer_meta(clean(normalise(text)).text).weak_fields == weak


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


# --- The meeting line and the titles alone decide where they settle the year ---


def _settling_texts() -> list[str]:
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name, _ in SEED_HEADS]
    texts += [case.values[0] for case in [*YEARS_SAID, *DECEMBER]]
    return [clean(normalise(text)).text for text in texts]


def test_the_stated_cues_decide_as_every_cue_where_they_settle_the_year():
    settling = 0
    for text in _settling_texts():
        stated, every = year_cues(text, stated_only=True), year_cues(text)
        if settled(stated):
            settling += 1
            assert decide_year(stated, text) == decide_year(every, text)
            assert planned_year(stated) == planned_year(every)
        else:  # a title first, or no year planned: the other cues are read
            assert infer_meta(text).report_year == decide_year(every, text)[0]
    assert settling >= 3  # the seeds' meeting lines and titles

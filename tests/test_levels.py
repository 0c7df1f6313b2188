"""Levels as a chain (amplification up to 全国) and a region over the years (over_time).

The hand-computed values come from the chain cases (tests/cases/chain, README there): short
reports written for these tests, read by the extractor with their manifest. GDP growth targets:

            2021      2022
    全国    6以上     5.5左右
    江西省  8以上     7以上
    吉安市  8.5左右   8左右
    泰和县  9左右     8.5以上

and retail sales growth targets for 2022: 江西省 10左右, 吉安市 11左右, 泰和县 12左右. Tests of
one rule build their observations by hand (`make_observations`), independent of the extractor.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import compare, pages
from analysis.compare import amplification, facts, levels, make_observations, over_time
from analysis.pages import render

from .conftest import CHAIN


@pytest.fixture(scope="module")
def chain_facts(chain_observations):
    return facts(chain_observations)


# the chain of ancestors ----------------------------------------------------------------------


@pytest.mark.parametrize(("region", "parents", "chain"), [
    ("泰和县", {}, ("吉安市", "江西省", "全国")),  # the administrative-division table alone
    ("赣县区", {"赣县区": "赣州市"}, ("赣州市", "江西省", "全国")),
    ("江西省", {}, ("全国",)),
    ("全国", {}, ()),  # the root
    ("西湖区", {}, ()),  # 南昌市's and 杭州市's: the table cannot tell, so the chain stops
    ("西湖区", {"西湖区": "南昌市"}, ("南昌市", "江西省", "全国")),  # the data tells
    ("某区", {"某区": "南昌市"}, ("南昌市", "江西省", "全国")),  # not in the table; the data says
    ("某区", {}, ()),
    ("甲区", {"甲区": "乙市", "乙市": "甲区"}, ("乙市",)),  # a loop in what the data says stops
])  # fmt: skip
def test_ancestors_come_from_the_data_then_from_the_division_table(region, parents, chain):
    assert levels.ancestors(region, parents) == chain


def test_the_level_of_an_ancestor_comes_from_the_data_then_the_table():
    assert levels.region_level("吉安市") == "city"
    assert levels.region_level("吉安市", {"吉安市": "other"}) == "other"  # what the data says wins
    assert levels.region_level("全国", {"全国": "other"}) == "country"  # the root is always the country


def test_chains_list_every_ancestor_with_its_level_and_steps(chain_facts):
    table = levels.chains(chain_facts, regions=["泰和县"])
    assert table.values.tolist() == [["泰和县", "吉安市", "city", 1], ["泰和县", "江西省", "province", 2],
                                     ["泰和县", "全国", "country", 3]]  # fmt: skip


# amplification along the chain ---------------------------------------------------------------

# region, ancestor, ancestor_level, steps, indicator, period, target, ancestor_target, gap
CHAIN_AMPLIFICATION = [
    ("吉安市", "江西省", "province", 1, "gdp", 2021, 8.5, 8.0, 0.5),
    ("吉安市", "全国", "country", 2, "gdp", 2021, 8.5, 6.0, 2.5),
    ("吉安市", "江西省", "province", 1, "gdp", 2022, 8.0, 7.0, 1.0),
    ("吉安市", "全国", "country", 2, "gdp", 2022, 8.0, 5.5, 2.5),
    ("吉安市", "江西省", "province", 1, "retail_sales", 2022, 11.0, 10.0, 1.0),
    ("江西省", "全国", "country", 1, "gdp", 2021, 8.0, 6.0, 2.0),
    ("江西省", "全国", "country", 1, "gdp", 2022, 7.0, 5.5, 1.5),
    ("泰和县", "吉安市", "city", 1, "gdp", 2021, 9.0, 8.5, 0.5),
    ("泰和县", "江西省", "province", 2, "gdp", 2021, 9.0, 8.0, 1.0),
    ("泰和县", "全国", "country", 3, "gdp", 2021, 9.0, 6.0, 3.0),
    ("泰和县", "吉安市", "city", 1, "gdp", 2022, 8.5, 8.0, 0.5),
    ("泰和县", "江西省", "province", 2, "gdp", 2022, 8.5, 7.0, 1.5),
    ("泰和县", "全国", "country", 3, "gdp", 2022, 8.5, 5.5, 3.0),
    ("泰和县", "吉安市", "city", 1, "retail_sales", 2022, 12.0, 11.0, 1.0),
    ("泰和县", "江西省", "province", 2, "retail_sales", 2022, 12.0, 10.0, 2.0),  # 全国 sets none
]  # fmt: skip


def test_each_target_is_set_against_every_ancestor_with_one(chain_facts):
    table = amplification(chain_facts)
    columns = ["region", "ancestor", "ancestor_level", "steps", "indicator", "period", "target",
               "ancestor_target", "gap"]  # fmt: skip
    assert [tuple(row) for row in table[columns].values.tolist()] == CHAIN_AMPLIFICATION
    assert dict(zip(table["region"], table["parent_region"])) == {"吉安市": "江西省", "江西省": "全国", "泰和县": "吉安市"}
    county = table[(table["region"] == "泰和县") & (table["period"] == 2022) & (table["indicator"] == "gdp")]
    assert county["qualifier"].tolist() == ["at_least"] * 3
    assert county["ancestor_qualifier"].tolist() == ["about", "at_least", "about"]
    assert county["ancestor_docs"].tolist() == ["jian_2022_government_work_report.txt",
                                                "jiangxi_2022_government_work_report.txt",
                                                "quanguo_2022_government_work_report.txt"]  # fmt: skip


def test_each_value_of_the_chain_keeps_its_sentence_and_figure(chain_facts):
    row = compare.select(amplification(chain_facts), region="泰和县", ancestor="全国", period=2022).iloc[0]
    target = row["target_source_text"][row["target_mark_start"] : row["target_mark_end"]]
    above = row["ancestor_source_text"][row["ancestor_mark_start"] : row["ancestor_mark_end"]]
    assert (row["target_doc"], target) == ("taihe_2022_government_work_report.txt", "8.5%以上")
    assert (row["ancestor_doc"], above) == ("quanguo_2022_government_work_report.txt", "5.5%左右")
    assert row["ancestor_source_text"] == "今年发展的主要预期目标是:国内生产总值增长5.5%左右"


def test_a_chain_reaches_over_levels_without_targets():
    """A county and the nation only: the county is compared with 全国 three levels up, its
    parent named from the administrative-division table."""
    obs = make_observations([dict(region="泰和县", indicator="gdp", period=2022, kind="target", value=8.5),
                             dict(region="全国", indicator="gdp", period=2022, kind="target", value=5.5)])  # fmt: skip
    row = amplification(facts(obs)).iloc[0]
    assert (row["region"], row["region_level"], row["parent_region"]) == ("泰和县", "county", "吉安市")
    assert (row["ancestor"], row["ancestor_level"], row["steps"], row["gap"]) == ("全国", "country", 3, 3.0)


def test_targets_in_other_units_or_words_are_not_compared():
    base = dict(indicator="fdi", period=2022, kind="target", measure="level")
    obs = make_observations([dict(region="泰和县", value=1.5, unit="亿美元", **base),
                             dict(region="吉安市", value=15, unit="亿元", **base),
                             dict(region="泰和县", indicator="exports", period=2022, kind="target", text="量稳质升"),
                             dict(region="吉安市", indicator="exports", period=2022, kind="target", text="稳中提质")])  # fmt: skip
    assert amplification(facts(obs)).empty


# a region over the years ---------------------------------------------------------------------


def _series(frame, region, indicator="gdp", measure="growth"):
    rows = frame[(frame["region"] == region) & (frame["indicator"] == indicator) & (frame["measure"] == measure)]
    return rows.set_index("period")


def test_the_outcome_of_a_target_comes_from_the_next_years_report(chain_facts):
    county = _series(over_time(chain_facts), "泰和县")
    assert list(county.index) == [2020, 2021, 2022]
    year = county.loc[2021]
    assert (year["target"], year["qualifier"], year["outcome"], year["gap"], bool(year["met"])) == (
        9.0, "about", 9.2, 0.2, True)  # fmt: skip
    assert (year["target_docs"], year["outcome_docs"]) == ("taihe_2021_government_work_report.txt",
                                                           "taihe_2022_government_work_report.txt")  # fmt: skip


def test_a_year_with_a_target_and_no_outcome_yet_is_kept(chain_facts):
    year = _series(over_time(chain_facts), "泰和县").loc[2022]
    assert (year["target"], year["qualifier"], year["outcome_docs"]) == (8.5, "at_least", "")
    assert pd.isna(year["outcome"]) and pd.isna(year["gap"]) and pd.isna(year["met"])


def test_a_year_with_an_outcome_and_no_target_is_kept(chain_facts):
    year = _series(over_time(chain_facts), "泰和县").loc[2020]
    assert (year["outcome"], year["target_docs"], year["outcome_docs"]) == (
        4.3, "", "taihe_2021_government_work_report.txt")  # fmt: skip
    assert pd.isna(year["target"]) and pd.isna(year["met"])


# 全国, year by year: target, target_high, qualifier, outcome, gap, met (None: no verdict).
NATION = [
    (2018, None, None, "", 6.6, None, None),
    (2019, 6.0, 6.5, "range", 6.1, 0.1, True),  # a range is met from its low end
    (2020, None, None, "", 2.3, None, None),  # no target that year
    (2021, 6.0, None, "at_least", 8.1, 2.1, True),
    (2022, 5.5, None, "about", 3.0, -2.5, False),
    (2023, 5.0, None, "about", None, None, None),  # no outcome yet
]


def test_the_record_of_the_nation(chain_facts):
    nation = _series(over_time(chain_facts), "全国")
    columns = ["target", "target_high", "qualifier", "outcome", "gap", "met"]
    got = [(year, *(None if pd.isna(v) else v for v in row)) for year, row in zip(nation.index, nation[columns].values)]
    assert got == NATION


def test_tolerance_stretches_zuoyou_over_time(chain_facts):
    assert bool(_series(over_time(chain_facts, tolerance=2.5), "全国").loc[2022, "met"])
    assert not _series(over_time(chain_facts, tolerance=2.4), "全国").loc[2022, "met"]


def test_one_series_per_indicator_plain_basis_and_usual_unit_first():
    base = dict(region="全国", indicator="resident_income", kind="actual")
    obs = make_observations([dict(period=2021, value=8.1, basis="实际", **base),
                             dict(period=2021, value=9.1, **base),
                             dict(period=2022, value=2.9, basis="实际", **base),
                             dict(region="泰和县", indicator="exports", period=2021, kind="actual", measure="level",
                                  value=30, unit="亿元"),
                             dict(region="泰和县", indicator="exports", period=2022, kind="actual", measure="level",
                                  value=31, unit="亿元"),
                             dict(region="泰和县", indicator="exports", period=2023, kind="actual", measure="level",
                                  value=4.5, unit="亿美元")])  # fmt: skip
    table = over_time(facts(obs))
    income = _series(table, "全国", "resident_income")
    assert income[["outcome", "basis"]].values.tolist() == [[9.1, ""], [2.9, "实际"]]
    assert list(_series(table, "泰和县", "exports", "level").index) == [2021, 2022]  # 亿美元 left out


def test_the_summary_line_counts_the_years_met(chain_facts):
    nation = pages.over_time_page(pages.load_observations(str(CHAIN)), "全国")
    assert pages.over_time_summary(nation, "zh").data == (
        "<p><strong>有目标和结果的3年中完成2年；平均差距（结果减目标）\u22120.1个百分点。</strong></p>")
    assert pages.over_time_summary(nation, "en").data == (
        "<p><strong>Met in 2 of the 3 years with a target and an outcome; mean gap (outcome minus target) "
        "\u22120.1 percentage points.</strong></p>")


# the pages -----------------------------------------------------------------------------------


def test_the_across_levels_page_follows_the_chain_and_sets_siblings_side_by_side(chain_observations):
    page = pages.targets_by_level_page(chain_observations, "泰和县", 2022)
    assert page.path == ["泰和县", "吉安市", "江西省", "全国"] and page.ancestor == "吉安市"
    assert page.chain_title == "泰和县 → 吉安市 → 江西省 → 全国 2022年 增长目标"
    assert page.children_growth.to_dict("index") == {"泰和县": {"gdp (%)": 8.5, "retail_sales (%)": 12.0}}
    assert page.reference.to_dict() == {"gdp (%)": 8.0, "retail_sales (%)": 11.0}
    above = pages.targets_by_level_page(chain_observations, "泰和县", 2022, ancestor="江西省", lang="en")
    assert list(above.children["region"].unique()) == ["吉安市"]  # 泰和县's nearest level above is 吉安市
    assert above.reference_label == "Jiangxi's target"
    nation = pages.targets_by_level_page(chain_observations, "泰和县", 2022, ancestor="全国")
    assert nation.children[["region", "ancestor_target", "gap"]].values.tolist() == [["江西省", 5.5, 1.5]]


def test_the_over_time_page_is_one_series(chain_observations):
    record = pages.over_time_page(chain_observations, "江西省", "gdp", "level")
    assert record[["period", "outcome"]].values.tolist() == [[2020, 25691.5], [2021, 29619.7]]
    with pytest.raises(compare.ParameterError, match=r"^indicator 'retail_sales' has no target or outcome of 全国; "
                                                    r"valid: gdp$"):  # fmt: skip
        pages.over_time_page(chain_observations, "全国", "retail_sales")


def test_pages_of_the_chain_cases(chain_observations):
    made = render.parameter_sets(chain_observations, folders=[CHAIN])
    names = [page.name for page in made]
    assert [n for n in names if n.startswith(("over_time", "targets_by_level"))] == [
        # 吉安市 shares its pinyin with 集安市, 泰和县 with 太和县: their pages carry a mark (analysis/filenames.py)
        "targets_by_level_jianshi-085f84_2021", "targets_by_level_jiangxisheng_2021", "targets_by_level_taihexian-19d95f_2021",
        "targets_by_level_jianshi-085f84_2022", "targets_by_level_jiangxisheng_2022", "targets_by_level_taihexian-19d95f_2022",
        "over_time_quanguo_gdp_growth",  # three years with a target and an outcome; the others have one
    ]  # fmt: skip
    by_name = {page.name: page for page in made}
    assert by_name["over_time_quanguo_gdp_growth"].description == "全国, gdp growth: targets and outcomes, 2018-2023"
    assert by_name["targets_by_level_taihexian-19d95f_2022"].description == "2022: targets of 泰和县 → 吉安市 → 江西省 → 全国"
    walk = by_name["walkthrough_taihe-2022-government-work-report"]
    assert walk.parameters["doc"] == str((CHAIN / "taihe_2022_government_work_report.txt").resolve())

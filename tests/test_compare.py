"""analysis.compare: facts across reports, targets against outcomes, targets across levels.

Expected values are worked out by hand from the seeds: the appendix table of
ganxian_2021_plan_report.txt (赣县区 2020 计划 and 实际, 2021 赣县区 and 全市) and the two
青云谱区 reports of 2022. The first tests build the observations by hand, so they hold whatever
the extractor does; the tests at the end run the extractor on the seeds.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.compare import (
    ParameterError,
    amplification,
    cross_region,
    facts,
    make_observations,
    select,
    target_ambition,
    target_vs_actual,
)

GANXIAN = "ganxian_2021_plan_report.txt"
QYP_GWR = "qingyunpu_2022_government_work_report.txt"
QYP_PLAN = "qingyunpu_2022_plan_report.txt"
GANXIAN_META = dict(region="赣县区", region_level="district", parent_region="赣州市")
CITY_META = dict(region="赣州市", region_level="city", parent_region="江西省")
QYP_META = dict(region="青云谱区", region_level="district", parent_region="南昌市")

# The appendix table of ganxian_2021_plan_report.txt as printed (growth, %):
# indicator, 2020 计划, 2020 实际, 2021 计划 赣县区, 2021 计划 全市.
GANXIAN_TABLE = [
    ("gdp", "4.5左右", "4.4", "9左右", "8.5左右"),
    ("industrial_value_added", "4.3左右", "4.8", "9左右", "8.8左右"),
    ("fiscal_revenue", "1左右", "1.1", "6.5左右", "6.5左右"),
    ("general_budget_revenue", "4", "3.6", "同口径5.5左右", "同口径5.5左右"),
    ("fixed_asset_investment", "8.8左右", "8.5", "9.5左右", "9左右"),
    ("retail_sales", "1左右", "3.7", "9.5左右", "9.5左右"),
    ("domestic_investment", "8左右", "9.08", "8左右", "8左右"),
    ("fdi", "8左右", "7.93", "7左右", "7左右"),
    ("exports", "小幅增长", "6", "量稳质升", "量稳质升"),
    ("urban_income", "6.5左右", "5.48", "8.2左右", "8左右"),
    ("rural_income", "9左右", "8.82", "10左右", "9.8左右"),
    ("registered_unemployment", "<4.5", "3.68", "", ""),
    ("surveyed_unemployment", "", "", "5.5左右", "5.5左右"),
]
QUALIFIER_WORDS = {"左右": "about", "以上": "at_least", "<": "at_most", "": "exact"}


def cell(printed: str) -> dict:
    """A table cell as printed -> value, qualifier, basis or text ('同口径5.5左右', '<4.5')."""
    m = re.fullmatch(r"(同口径)?(<)?([\d.]+)(左右|以上)?", printed)
    if not m:
        return dict(text=printed, qualifier="")
    basis, below, number, suffix = m.groups()
    qualifier = QUALIFIER_WORDS[below or suffix or ""]
    return dict(value=float(number), qualifier=qualifier, basis=basis or "")


def ganxian_rows() -> list[dict]:
    """The seed's table as observations, plus the 2020 actuals its text restates."""
    rows = []
    for indicator, plan_2020, actual_2020, plan_2021, city_2021 in GANXIAN_TABLE:
        for printed, period, kind, meta in [(plan_2020, 2020, "target", GANXIAN_META),
                                            (actual_2020, 2020, "actual", GANXIAN_META),
                                            (plan_2021, 2021, "target", GANXIAN_META),
                                            (city_2021, 2021, "target", CITY_META)]:  # fmt: skip
            if printed:
                rows.append(dict(doc=GANXIAN, report_year=2021, indicator=indicator,
                                 period=period, kind=kind, **meta, **cell(printed)))  # fmt: skip
    # The text restates one of them: 全年实现GDP增长4.4%.
    rows.append(dict(doc=GANXIAN, report_year=2021, indicator="gdp", period=2020, kind="actual",
                     value=4.4, char_start=900, **GANXIAN_META))  # fmt: skip
    for value, meta in [(3.6, GANXIAN_META), (51, CITY_META)]:  # 粮食产量 3.6以上 | 51以上 (亿斤)
        rows.append(dict(doc=GANXIAN, report_year=2021, indicator="grain_output", period=2021,
                         kind="target", measure="level", value=value, qualifier="at_least",
                         **meta))  # fmt: skip
    return rows


def qingyunpu_rows() -> list[dict]:
    """What both 青云谱区 reports of 2022 state: 2021 estimates and actuals, 2022 targets."""
    stated = [
        ("gdp", 2021, "estimate", "growth", 9, "about"),
        ("gdp", 2021, "estimate", "level", 390, "about"),
        ("fdi", 2021, "estimate", "growth", 6.1, "about"),
        ("general_budget_revenue", 2021, "actual", "growth", 15.5, "exact"),
        ("retail_sales", 2021, "estimate", "growth", 17, "about"),
        ("gdp", 2022, "target", "growth", 7.5, "at_least"),
        ("general_budget_revenue", 2022, "target", "growth", 5, "about"),
        ("fdi", 2022, "target", "growth", 6.5, "about"),
        ("retail_sales", 2022, "target", "growth", 10.5, "at_least"),
    ]
    rows = [dict(doc=doc, report_year=2022, indicator=i, period=p, kind=k, measure=m, value=v,
                 qualifier=q, **QYP_META)
            for doc in (QYP_GWR, QYP_PLAN) for i, p, k, m, v, q in stated]  # fmt: skip
    fdi = dict(report_year=2022, indicator="fdi", period=2021, kind="estimate", measure="level",
               value=21775, unit="万美元", qualifier="about", **QYP_META)  # fmt: skip
    return [*rows, dict(doc=QYP_GWR, **fdi), dict(doc=QYP_PLAN, **fdi),
            dict(doc=QYP_GWR, report_year=2022, indicator="exports", period=2022, kind="target",
                 text="量稳质升", qualifier="", **QYP_META)]  # fmt: skip


# A 2022 plan report of 赣县区 stating its 2021 outcomes (written for these tests):
# 2021年，全区地区生产总值增长9.2%，规上工业增加值增长9.5%，财政总收入增长7.1%，
# 固定资产投资增长10.2%，社会消费品零售总额增长12.3%，城镇居民人均可支配收入增长8.6%，
# 农村居民人均可支配收入增长9.6%。
GANXIAN_2021_OUTCOMES = {
    "gdp": 9.2, "industrial_value_added": 9.5, "fiscal_revenue": 7.1,
    "fixed_asset_investment": 10.2, "retail_sales": 12.3, "urban_income": 8.6,
    "rural_income": 9.6,
}  # fmt: skip
GANXIAN_2022_TEXT = (
    "关于赣县区2021年国民经济和社会发展计划执行情况与2022年计划草案的报告\n"
    "一、2021年国民经济和社会发展计划执行情况\n"
    "2021年，全区地区生产总值增长9.2%，规上工业增加值增长9.5%，财政总收入增长7.1%，"
    "固定资产投资增长10.2%，社会消费品零售总额增长12.3%，城镇居民人均可支配收入增长8.6%，"
    "农村居民人均可支配收入增长9.6%。\n"
)
GANXIAN_2022_DOC = "ganxian_2022_plan_report.txt"


def ganxian_2021_outcome_rows() -> list[dict]:
    return [dict(doc=GANXIAN_2022_DOC, report_year=2022, indicator=i, period=2021, kind="actual",
                 value=v, **GANXIAN_META) for i, v in GANXIAN_2021_OUTCOMES.items()]  # fmt: skip


@pytest.fixture(scope="module")
def seed_facts() -> pd.DataFrame:
    return facts(make_observations(ganxian_rows() + qingyunpu_rows()))


def one(frame: pd.DataFrame, **values) -> pd.Series:
    rows = select(frame, **values)
    assert len(rows) == 1, rows
    return rows.iloc[0]


def same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or a == pytest.approx(b)


# facts ---------------------------------------------------------------------------------------


def test_facts_name_every_document_stating_a_figure(seed_facts):
    row = one(seed_facts, region="青云谱区", indicator="gdp", period=2021, measure="growth")
    assert (row["kind"], row["value_norm"], row["qualifier"]) == ("estimate", 9, "about")
    assert row["docs"] == f"{QYP_GWR}; {QYP_PLAN}"
    assert (row["n_docs"], row["conflict"], row["conflict_note"]) == (2, False, "")


def test_facts_keep_growth_and_level_apart(seed_facts):
    rows = select(seed_facts, region="青云谱区", indicator="gdp", period=2021)
    assert dict(zip(rows["measure"], rows["value_norm"])) == {"growth": 9, "level": 390}


def test_facts_count_a_figure_in_the_text_and_table_of_one_report_once(seed_facts):
    row = one(seed_facts, region="赣县区", indicator="gdp", period=2020, kind="actual")
    assert (row["docs"], row["n_docs"], row["conflict"]) == (GANXIAN, 1, False)


def test_facts_take_level_and_parent_of_each_region(seed_facts):
    levels = seed_facts.drop_duplicates("region").set_index("region")
    assert levels.loc["赣州市", ["region_level", "parent_region"]].tolist() == ["city", "江西省"]
    assert levels.loc["赣县区", ["region_level", "parent_region"]].tolist() == ["district", "赣州市"]


def test_facts_have_one_row_per_key(seed_facts):
    assert not seed_facts.duplicated(["region", "indicator", "period", "kind", "measure",
                                      "basis"]).any()  # fmt: skip
    # 赣县区 2020 targets and actuals; 2021 targets of 赣县区 and of 赣州市; 青云谱区 (6 outcomes, 5 targets)
    assert len(seed_facts) == 2 * 12 + 2 * 13 + 6 + 5


def test_an_actual_sets_aside_the_estimate_of_its_year():
    obs = make_observations([
        dict(doc="a.txt", report_year=2022, region="赣县区", indicator="gdp", period=2021,
             kind="estimate", value=9, qualifier="about"),
        dict(doc="b.txt", report_year=2023, region="赣县区", indicator="gdp", period=2021,
             kind="actual", value=9.2),
    ])  # fmt: skip
    row = one(facts(obs), indicator="gdp")
    assert (row["kind"], row["value_norm"], row["docs"], row["conflict"]) == (
        "actual", 9.2, "b.txt", False)
    assert row["superseded"] == "estimate 9 about (a.txt)"


# Two documents (or one twice) state one figure differently: conflict, both kept, none picked.
CONFLICTS = [
    # id, first figure, second figure, conflict_note
    ("value", dict(value=9.2), dict(value=9.0), "9.2 exact (a.txt); 9 exact (b.txt)"),
    ("qualifier", dict(value=9, qualifier="about"), dict(value=9, qualifier="at_least"),
     "9 about (a.txt); 9 at_least (b.txt)"),
    ("wording", dict(text="量稳质升", qualifier=""), dict(text="稳中有进", qualifier=""),
     "量稳质升 (a.txt); 稳中有进 (b.txt)"),
    ("range", dict(value=6, value_high=6.5, qualifier="range"), dict(value=6, qualifier="about"),
     "6-6.5 range (a.txt); 6 about (b.txt)"),
    ("unit", dict(measure="level", value=21775, unit="万美元"), dict(measure="level", value=2.2,
     unit="亿美元"), "2.1775 亿美元 exact (a.txt); 2.2 亿美元 exact (b.txt)"),
]  # fmt: skip


@pytest.mark.parametrize("first, second, note", [c[1:] for c in CONFLICTS],
                         ids=[c[0] for c in CONFLICTS])  # fmt: skip
def test_documents_that_disagree_make_a_conflict(first, second, note):
    base = dict(report_year=2022, region="青云谱区", indicator="fdi", period=2021, kind="estimate")
    obs = make_observations([dict(doc="a.txt", **base, **first), dict(doc="b.txt", **base, **second)])
    row = one(facts(obs), indicator="fdi")
    assert (row["conflict"], row["conflict_note"], row["docs"]) == (True, note, "a.txt; b.txt")
    assert same(row["value"], first.get("value", math.nan))  # the first document's figure


def test_a_conflict_keeps_the_figure_of_the_earlier_report_year():
    base = dict(region="赣县区", indicator="gdp", period=2020, kind="actual")
    obs = make_observations([dict(doc="a.txt", report_year=2022, value=4.3, **base),
                             dict(doc="b.txt", report_year=2021, value=4.4, **base)])  # fmt: skip
    row = one(facts(obs), indicator="gdp")
    assert (row["value_norm"], row["conflict_note"]) == (4.4, "4.4 exact (b.txt); 4.3 exact (a.txt)")


def test_one_document_stating_two_values_is_a_conflict():
    base = dict(doc="a.txt", region="赣县区", indicator="gdp", period=2020, kind="actual")
    obs = make_observations([dict(value=4.4, char_start=5, **base), dict(value=4.2, char_start=9,
                                                                         **base)])  # fmt: skip
    assert one(facts(obs), indicator="gdp")["conflict_note"] == "4.4 exact (a.txt); 4.2 exact (a.txt)"


def test_facts_of_no_observations_are_an_empty_table():
    assert facts(make_observations([])).empty


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt"]),
                          st.sampled_from(["gdp", "fdi"]), st.sampled_from([2020, 2021]),
                          st.sampled_from(["actual", "estimate", "target"]),
                          st.sampled_from([4.4, 4.5, 9.0])), max_size=12))  # fmt: skip
def test_any_observations_give_one_fact_per_key_and_flag_every_disagreement(rows):
    obs = make_observations([dict(doc=d, region="赣县区", indicator=i, period=p, kind=k, value=v)
                             for d, i, p, k, v in rows])  # fmt: skip
    result = facts(obs)
    outcome = result["kind"].where(result["kind"] == "target", "outcome")
    assert not result.assign(o=outcome).duplicated(["indicator", "period", "o"]).any()
    for row in result.itertuples():
        stated = obs[(obs["indicator"] == row.indicator) & (obs["period"] == row.period)
                     & (obs["kind"] == row.kind)]  # fmt: skip
        assert row.conflict == (stated["value"].nunique() > 1)


# target_vs_actual ----------------------------------------------------------------------------

# 赣县区 2020 from the seed's table: indicator, target, qualifier, outcome, gap, met, direction.
GANXIAN_2020_PAIRS = [
    ("gdp", 4.5, "about", 4.4, -0.1, False, "floor"),
    ("industrial_value_added", 4.3, "about", 4.8, 0.5, True, "floor"),
    ("fiscal_revenue", 1, "about", 1.1, 0.1, True, "floor"),
    ("general_budget_revenue", 4, "exact", 3.6, -0.4, False, "floor"),
    ("fixed_asset_investment", 8.8, "about", 8.5, -0.3, False, "floor"),
    ("retail_sales", 1, "about", 3.7, 2.7, True, "floor"),
    ("domestic_investment", 8, "about", 9.08, 1.08, True, "floor"),
    ("fdi", 8, "about", 7.93, -0.07, False, "floor"),
    ("urban_income", 6.5, "about", 5.48, -1.02, False, "floor"),
    ("rural_income", 9, "about", 8.82, -0.18, False, "floor"),
    ("registered_unemployment", 4.5, "at_most", 3.68, -0.82, True, "ceiling"),
]  # fmt: skip


def check_pair(pairs, indicator, target, qualifier, outcome, gap, met, direction, period=2020):
    row = one(pairs, region="赣县区", indicator=indicator, period=period)
    assert (row["target"], row["qualifier"], row["outcome"], row["direction"]) == (
        target, qualifier, outcome, direction)
    assert (row["gap"], bool(row["met"]), row["outcome_kind"]) == (gap, met, "actual")


@pytest.mark.parametrize("pair", GANXIAN_2020_PAIRS, ids=[p[0] for p in GANXIAN_2020_PAIRS])
def test_ganxian_2020_targets_against_outcomes(seed_facts, pair):
    pairs = target_vs_actual(seed_facts)
    check_pair(pairs, *pair)
    assert one(pairs, indicator=pair[0], period=2020)["target_docs"] == GANXIAN


def test_a_qualitative_target_is_carried_without_a_verdict(seed_facts):
    row = one(target_vs_actual(seed_facts), region="赣县区", indicator="exports", period=2020)
    assert (row["text"], row["outcome"], row["unit_norm"]) == ("小幅增长", 6, "%")
    assert math.isnan(row["target"]) and math.isnan(row["gap"]) and row["met"] is pd.NA


def test_a_target_without_an_outcome_is_kept(seed_facts):
    row = one(target_vs_actual(seed_facts), region="赣州市", indicator="gdp", period=2021)
    assert (row["target"], row["outcome_kind"], row["outcome_docs"]) == (8.5, "", "")
    assert math.isnan(row["outcome"]) and row["met"] is pd.NA


# indicator, tolerance, met: tolerance stretches 左右 only.
TOLERANCES = [
    ("gdp", 0.1, True),  # 4.5左右 vs 4.4
    ("gdp", 0.09, False),
    ("fdi", 0.07, True),  # 8左右 vs 7.93
    ("urban_income", 1.0, False),  # 6.5左右 vs 5.48
    ("general_budget_revenue", 0.5, False),  # 4 (exact) vs 3.6: no 左右 to stretch
]


@pytest.mark.parametrize("indicator, tolerance, met", TOLERANCES)
def test_tolerance_is_how_far_zuoyou_stretches(seed_facts, indicator, tolerance, met):
    pairs = target_vs_actual(seed_facts, tolerance=tolerance)
    assert bool(one(pairs, indicator=indicator, period=2020)["met"]) is met


# Rules written on purpose: indicator, target (as dict), outcome, met, direction.
RULES = [
    ("range floor: low end", "gdp", dict(value=6, value_high=6.5, qualifier="range"), 6.2, True,
     "floor"),
    ("range ceiling: high end", "cpi", dict(value=2.5, value_high=3, qualifier="range"), 2.8, True,
     "ceiling"),
    ("range ceiling above", "cpi", dict(value=2.5, value_high=3, qualifier="range"), 3.1, False,
     "ceiling"),
    ("控制在 makes a ceiling", "fixed_asset_investment", dict(value=5, qualifier="at_most"), 4,
     True, "ceiling"),
    ("unemployment is a ceiling", "surveyed_unemployment", dict(value=5.5, qualifier="about"),
     5.7, False, "ceiling"),
    ("以上 is a floor", "gdp", dict(value=7.5, qualifier="at_least"), 7.5, True, "floor"),
]  # fmt: skip


@pytest.mark.parametrize("indicator, target, outcome, met, direction", [r[1:] for r in RULES],
                         ids=[r[0] for r in RULES])  # fmt: skip
def test_met_follows_the_stated_rules(indicator, target, outcome, met, direction):
    base = dict(region="赣县区", indicator=indicator, period=2021)
    obs = make_observations([dict(kind="target", **base, **target),
                             dict(kind="actual", value=outcome, **base)])  # fmt: skip
    row = one(target_vs_actual(facts(obs)), indicator=indicator)
    assert (bool(row["met"]), row["direction"]) == (met, direction)
    assert row["gap"] == pytest.approx(outcome - target["value"])


def test_the_outcome_on_the_same_basis_is_preferred():
    base = dict(region="赣县区", indicator="general_budget_revenue", period=2021)
    rows = [dict(kind="target", value=5.5, qualifier="about", basis="同口径", **base),
            dict(kind="actual", value=4.0, **base),
            dict(kind="actual", value=6.0, basis="同口径", **base)]  # fmt: skip
    for stated, outcome in [(rows, 6.0), (rows[:2], 4.0)]:  # else any basis
        pairs = target_vs_actual(facts(make_observations(stated)))
        assert one(pairs, indicator="general_budget_revenue")["outcome"] == outcome


def test_levels_in_other_currencies_are_not_compared():
    base = dict(region="赣县区", indicator="exports", period=2021, measure="level")
    obs = make_observations([dict(kind="target", value=4.5, unit="亿美元", **base),
                             dict(kind="actual", value=30, unit="亿元", **base)])  # fmt: skip
    row = one(target_vs_actual(facts(obs)), indicator="exports")
    assert math.isnan(row["outcome"]) and row["met"] is pd.NA


def test_a_later_report_of_outcomes_gives_the_2021_pairs():
    obs = make_observations(ganxian_rows() + ganxian_2021_outcome_rows())
    pairs = select(target_vs_actual(facts(obs)), region="赣县区", period=2021)
    paired = pairs[pairs["outcome"].notna()]
    assert dict(zip(paired["indicator"], paired["gap"])) == pytest.approx({
        "gdp": 0.2, "industrial_value_added": 0.5, "fiscal_revenue": 0.6,
        "fixed_asset_investment": 0.7, "retail_sales": 2.8, "urban_income": 0.4,
        "rural_income": -0.4})  # fmt: skip
    assert set(paired["outcome_docs"]) == {GANXIAN_2022_DOC}
    assert paired.set_index("indicator")["met"].tolist().count(False) == 1  # 农村 10左右 vs 9.6


def test_a_conflicting_outcome_is_flagged_in_the_pair():
    obs = make_observations(ganxian_rows() + ganxian_2021_outcome_rows() + [
        dict(doc="ganxian_2022_government_work_report.txt", report_year=2022, indicator="gdp",
             period=2021, kind="actual", value=9, qualifier="about", **GANXIAN_META)])  # fmt: skip
    pairs = select(target_vs_actual(facts(obs)), region="赣县区", period=2021)
    assert pairs.set_index("indicator")["conflict"].to_dict()["gdp"]
    assert pairs["conflict"].sum() == 1


# target_ambition -----------------------------------------------------------------------------

# region, indicator, period, target, previous_outcome, previous_kind, ambition
AMBITIONS = [
    ("青云谱区", "gdp", 2022, 7.5, 9, "estimate", -1.5),
    ("青云谱区", "general_budget_revenue", 2022, 5, 15.5, "actual", -10.5),
    ("青云谱区", "fdi", 2022, 6.5, 6.1, "estimate", 0.4),
    ("青云谱区", "retail_sales", 2022, 10.5, 17, "estimate", -6.5),
    ("赣县区", "gdp", 2021, 9, 4.4, "actual", 4.6),
    ("赣县区", "general_budget_revenue", 2021, 5.5, 3.6, "actual", 1.9),  # 同口径 target
    ("赣县区", "fiscal_revenue", 2021, 6.5, 1.1, "actual", 5.4),
]


@pytest.mark.parametrize("region, indicator, period, target, previous, kind, ambition", AMBITIONS,
                         ids=[f"{a[0]}-{a[1]}" for a in AMBITIONS])  # fmt: skip
def test_ambition_is_the_target_minus_last_years_outcome(seed_facts, region, indicator, period,
                                                         target, previous, kind, ambition):
    row = one(target_ambition(seed_facts), region=region, indicator=indicator)
    assert (row["period"], row["target"], row["previous_outcome"], row["previous_kind"]) == (
        period, target, previous, kind)
    assert row["ambition"] == ambition


def test_ambition_needs_a_number_and_last_years_outcome(seed_facts):
    ambition = target_ambition(seed_facts)
    assert set(ambition["region"]) == {"青云谱区", "赣县区"}  # 赣州市 states no 2020 outcome
    assert "exports" not in set(ambition["indicator"])  # qualitative
    assert len(select(ambition, region="赣县区")) == 10  # 11 growth targets; 调查失业率 is new


# amplification -------------------------------------------------------------------------------

# 赣县区 against 赣州市, 2021, from the seed's table: indicator, target, ancestor_target, gap.
GANXIAN_AMPLIFICATION = [
    ("gdp", 9, 8.5, 0.5), ("industrial_value_added", 9, 8.8, 0.2), ("fiscal_revenue", 6.5, 6.5, 0),
    ("general_budget_revenue", 5.5, 5.5, 0), ("fixed_asset_investment", 9.5, 9, 0.5),
    ("retail_sales", 9.5, 9.5, 0), ("domestic_investment", 8, 8, 0), ("fdi", 7, 7, 0),
    ("urban_income", 8.2, 8, 0.2), ("rural_income", 10, 9.8, 0.2),
    ("surveyed_unemployment", 5.5, 5.5, 0),
    ("grain_output", 3.6, 51, None),  # amounts (亿斤): a county's share of its city's, never differenced
]  # fmt: skip


def check_amplification(frame):
    got = {r.indicator: (r.target, r.ancestor_target, None if pd.isna(r.gap) else r.gap) for r in frame.itertuples()}
    assert got == {i: (t, p, d) for i, t, p, d in GANXIAN_AMPLIFICATION}
    assert set(frame["region"]) == {"赣县区"} and set(frame["parent_region"]) == {"赣州市"}
    assert set(zip(frame["ancestor"], frame["ancestor_level"], frame["steps"])) == {("赣州市", "city", 1)}


def test_ganxian_targets_against_ganzhou(seed_facts):
    frame = amplification(seed_facts)
    check_amplification(frame)
    row = one(frame, indicator="general_budget_revenue")
    assert (row["basis"], row["qualifier"], row["ancestor_qualifier"]) == ("同口径", "about", "about")
    assert one(frame, indicator="grain_output")["unit_norm"] == "亿斤"


def test_a_parent_report_added_later_is_used():
    nanchang = dict(doc="nanchang_2022_government_work_report.txt", report_year=2022,
                    region="南昌市", region_level="city", parent_region="江西省", period=2022,
                    kind="target", indicator="gdp", value=7, qualifier="at_least")  # fmt: skip
    obs = make_observations(qingyunpu_rows() + [nanchang])
    row = one(amplification(facts(obs)), region="青云谱区")
    assert (row["parent_region"], row["ancestor"], row["target"], row["ancestor_target"], row["gap"]) == (
        "南昌市", "南昌市", 7.5, 7, 0.5)


# cross_region --------------------------------------------------------------------------------


def test_cross_region_lays_out_one_year_in_standard_units(seed_facts):
    extra = make_observations([dict(doc="xihu.txt", region="西湖区", indicator="fdi", period=2021,
                                    kind="actual", measure="level", value=3.91, unit="亿美元")])
    both = facts(pd.concat([make_observations(qingyunpu_rows()), extra], ignore_index=True))
    table = cross_region(both, 2021, "outcome", measure="level")
    assert table.index.name == "region" and list(table.columns) == ["gdp (亿元)", "fdi (亿美元)"]
    assert table.loc["青云谱区"].tolist() == [390, 2.1775]  # 21775万美元
    assert table.loc["西湖区", "fdi (亿美元)"] == 3.91


def test_cross_region_of_targets(seed_facts):
    asked = ["gdp", "registered_unemployment", "fdi"]  # no 登记失业率 target for 2021
    table = cross_region(seed_facts, 2021, "target", indicators=asked)
    assert list(table.columns) == ["gdp (%)", "registered_unemployment (%)", "fdi (%)"]
    assert table["gdp (%)"].to_dict() == {"赣州市": 8.5, "赣县区": 9.0}
    assert table["registered_unemployment (%)"].isna().all()
    assert len(cross_region(seed_facts, 2021, "target").columns) == 11  # those with a figure


def test_cross_region_kinds(seed_facts):
    outcome = cross_region(seed_facts, 2021, "outcome", regions=["青云谱区"])
    assert outcome.loc["青云谱区", "general_budget_revenue (%)"] == 15.5
    estimate = cross_region(seed_facts, 2021, "estimate")
    assert "general_budget_revenue (%)" not in estimate


# errors --------------------------------------------------------------------------------------

VALID_INDICATORS = ("gdp, fiscal_revenue, general_budget_revenue, industrial_value_added, "
                    "fixed_asset_investment, retail_sales, fdi, domestic_investment, exports, "
                    "urban_income, rural_income, registered_unemployment, surveyed_unemployment")
ERRORS = [
    ("indicator", lambda f: cross_region(f, 2021, "target", indicators=["gpd"]),
     f"indicator 'gpd' not in the data; valid: {VALID_INDICATORS}"),
    ("region", lambda f: cross_region(f, 2021, "target", regions="青山湖区"),
     "region '青山湖区' not in the data; valid: 赣县区, 赣州市, 青云谱区"),
    ("period", lambda f: cross_region(f, 2019, "target"),
     "period 2019 not in the data; valid: 2020, 2021, 2022"),
    ("kind", lambda f: cross_region(f, 2021, "plan"),
     "kind 'plan' not in the kinds; valid: target, outcome, actual, estimate"),
    ("measure", lambda f: cross_region(f, 2021, "target", measure="rate"),
     "measure 'rate' not in the measures; valid: growth, level"),
    ("tolerance", lambda f: target_vs_actual(f, tolerance=-1),
     "tolerance -1 not valid; valid: a number >= 0 in the unit of the figures (percentage "
     "points for growth)"),
    ("tolerance text", lambda f: target_vs_actual(f, tolerance="0.5"),
     "tolerance '0.5' not valid; valid: a number >= 0 in the unit of the figures (percentage "
     "points for growth)"),
    ("observations for facts", lambda f: target_ambition(make_observations([])),
     "facts: missing columns docs, n_docs, conflict, conflict_note, superseded, mark_start, mark_end; "
     "pass the table facts(observations) returns"),
    ("not a frame", lambda f: amplification([]), "facts: expected a DataFrame, not list"),
    ("select column", lambda f: select(f, province="江西省"),
     "province: not a column; valid: region, region_level, parent_region, indicator, period, "
     "kind, measure, basis, value, value_high, unit, value_norm, unit_norm, qualifier, text, "
     "docs, n_docs, conflict, conflict_note, superseded, doc, source_text, mark_start, mark_end, page"),
    ("select value", lambda f: select(f, region="青云谱区", period=2020),
     "period 2020 not in the data; valid: 2021, 2022"),
]  # fmt: skip


@pytest.mark.parametrize("call, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_bad_arguments_raise_one_line_listing_the_choices(seed_facts, call, message):
    with pytest.raises(ParameterError) as error:
        call(seed_facts)
    assert str(error.value) == message


def test_observations_missing_columns_are_named():
    with pytest.raises(ParameterError, match=r"^observations: missing columns doc; the contract"):
        facts(make_observations([]).drop(columns="doc"))


def test_a_bad_observation_is_one_line():
    obs = make_observations([dict(region="赣县区", indicator="gdp", period=2020, kind="actual",
                                  value=4.4)]).assign(kind="plan")  # fmt: skip
    with pytest.raises(ParameterError, match=r"^observations: .*kind") as error:
        facts(obs)
    assert "\n" not in str(error.value)


def test_make_observations_names_what_a_row_lacks():
    with pytest.raises(ParameterError, match=r"^rows: a row lacks period, kind; each needs"):
        make_observations([dict(region="赣县区", indicator="gdp")])


# on the seeds, through the extractor ---------------------------------------------------------

needs_extractor = pytest.mark.skipif(not hasattr(analysis, "read_reports"),
                                     reason="the extractor (analysis.read_reports) is not ready")
# `observations` (tests/conftest.py): every seed, read by the extractor with seeds/manifest.csv.
GANXIAN_2022_META = dict(region="赣县区", region_level="district", parent_region="赣州市",
                         report_type="plan_report", report_year=2022)  # fmt: skip


@needs_extractor
@pytest.mark.parametrize("pair", GANXIAN_2020_PAIRS, ids=[p[0] for p in GANXIAN_2020_PAIRS])
def test_seed_ganxian_2020_targets_against_outcomes(observations, pair):
    check_pair(target_vs_actual(facts(observations)), *pair)


@needs_extractor
def test_seed_ganxian_targets_against_ganzhou(observations):
    frame = amplification(facts(observations))
    check_amplification(frame)


@needs_extractor
def test_seed_qingyunpu_reports_agree_and_set_2022_against_2021(observations):
    f = facts(observations)
    row = one(f, region="青云谱区", indicator="gdp", period=2021, measure="growth")
    assert (row["docs"], row["conflict"]) == (f"{QYP_GWR}; {QYP_PLAN}", False)
    gdp = one(target_ambition(f), region="青云谱区", indicator="gdp")
    assert (gdp["target"], gdp["qualifier"], gdp["previous_outcome"], gdp["ambition"]) == (
        7.5, "at_least", 9, -1.5)


@needs_extractor
def test_seed_plus_a_report_of_2021_outcomes_gives_the_2021_pairs(observations):
    later = analysis.extract(GANXIAN_2022_TEXT, doc=GANXIAN_2022_DOC, manifest_row=GANXIAN_2022_META)
    pairs = select(target_vs_actual(facts(pd.concat([observations, later], ignore_index=True))),
                   region="赣县区", period=2021)  # fmt: skip
    paired = pairs[pairs["outcome"].notna()].set_index("indicator")
    assert paired["outcome"].to_dict() == GANXIAN_2021_OUTCOMES
    assert paired.loc["gdp", ["target", "gap"]].tolist() == [9, pytest.approx(0.2)]
    assert not paired.loc["rural_income", "met"]


@needs_extractor
def test_two_small_texts_that_disagree_make_a_conflict():
    heading = "一、2021年国民经济和社会发展计划执行情况\n"
    plan = analysis.extract(heading + "2021年，全区地区生产总值增长9.2%。\n", doc="b_plan.txt",
                            manifest_row=GANXIAN_2022_META)  # fmt: skip
    gwr = analysis.extract(heading + "2021年，全区地区生产总值增长9%左右。\n", doc="a_gwr.txt",
                           manifest_row=dict(GANXIAN_2022_META,
                                             report_type="government_work_report"))  # fmt: skip
    row = one(facts(pd.concat([plan, gwr], ignore_index=True)), indicator="gdp", period=2021)
    assert (row["conflict"], row["value_norm"], row["docs"]) == (True, 9, "a_gwr.txt; b_plan.txt")
    assert row["conflict_note"] == "9 about (a_gwr.txt); 9.2 exact (b_plan.txt)"


# --- A table handed on is checked once; a changed one is checked again ---


@pytest.fixture
def counted_checks(monkeypatch):
    """The schema names of every real check (pandera validation) made while a test runs."""
    import pandera.pandas as pa

    names = []
    validate = pa.DataFrameSchema.validate

    def counting(schema, frame, *args, **kwargs):
        names.append(schema.name)
        return validate(schema, frame, *args, **kwargs)

    monkeypatch.setattr(pa.DataFrameSchema, "validate", counting)
    monkeypatch.setattr("analysis.observations._PASSED", type(analysis.observations._PASSED)())  # nothing passed yet
    return names


def _two_figures(value=4.4):
    return make_observations([dict(region="赣县区", indicator="gdp", period=2020, kind="target", value=4.5),
                              dict(region="赣县区", indicator="gdp", period=2020, kind="actual", value=value)])  # fmt: skip


def test_a_table_handed_on_is_checked_once(counted_checks):
    obs = _two_figures()
    f = facts(obs)
    target_vs_actual(f)
    target_vs_actual(f.copy())  # the same content: no check either
    # make_observations checks the rows, facts its result, target_vs_actual its result (twice:
    # its output is the same, so once); the observations and facts handed on are not checked again.
    assert len(counted_checks) == 3


def test_a_table_changed_since_its_check_is_checked_again(counted_checks):
    f = facts(_two_figures())
    before = len(counted_checks)
    f.loc[0, "kind"] = "plan"  # in place: same length, columns and dtypes, another value
    with pytest.raises(ParameterError, match="^facts: .*kind"):
        target_vs_actual(f)
    assert len(counted_checks) == before + 1


def test_large_tables_are_always_checked(counted_checks, monkeypatch):
    monkeypatch.setattr("analysis.observations.CHECKED_ROWS", 0)
    f = facts(_two_figures())
    before = len(counted_checks)
    target_vs_actual(f)
    target_vs_actual(f)
    assert len(counted_checks) == before + 4  # facts in, pairs out, each time

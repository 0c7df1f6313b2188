"""The `checks` column: each reason to look again, with cases that raise it and cases that must not.

Figures and sentences are written for these tests (illustrative numbers)."""

from __future__ import annotations

import pytest

import analysis
from analysis import observations
from analysis.compare import checks, make_observations

from .conftest import as_report


def _checked(rows: list[dict]) -> list[str]:
    """The checks of each row of a table made of short dicts (no reading notes)."""
    return checks.add_checks(make_observations(rows))["checks"].tolist()


def _has(check: str, rows: list[dict]) -> list[bool]:
    return [check in found.split(";") for found in _checked(rows)]


def test_every_check_is_one_function_in_the_contracts_order():
    assert list(checks.CHECK_FUNCTIONS) == list(observations.CHECKS)


def test_a_table_with_no_reason_to_look_again_has_empty_checks():
    rows = [dict(doc="a", region="赣县区", indicator="gdp", period=2021, kind="actual", value=8.2)]
    assert _checked(rows) == [""]


def test_checks_of_an_empty_table_are_an_empty_table():
    empty = observations.empty_table()
    assert checks.add_checks(empty).empty


# --- conflict and two_values: the same figure, different values ---

GDP_2021 = dict(region="赣县区", indicator="gdp", period=2021, kind="actual")


@pytest.mark.parametrize(("first", "second", "conflict"), [
    (dict(doc="a", value=9.0), dict(doc="b", value=8.5), True),
    # Printed to another precision, the same number.
    (dict(doc="a", value=1195.6, measure="level", unit="亿元"),
     dict(doc="b", value=1195.58, measure="level", unit="亿元"), False),
    (dict(doc="a", value=8.3, measure="level", unit="万亿元"),
     dict(doc="b", value=82935.0, measure="level", unit="亿元"), False),
    (dict(doc="a", value=8.3, measure="level", unit="万亿元"),
     dict(doc="b", value=84935.0, measure="level", unit="亿元"), True),
    # A real and a nominal growth are two figures.
    (dict(doc="a", value=9.0, basis="实际"), dict(doc="b", value=12.0, basis="名义"), False),
    # An estimate revised by the outcome is not a disagreement.
    (dict(doc="a", value=9.0, kind="estimate"), dict(doc="b", value=8.8), False),
    (dict(doc="a", value=9.0), dict(doc="b", value=9.0, qualifier="about"), False),
])  # fmt: skip
def test_conflict_is_another_report_stating_another_value(first, second, conflict):
    rows = [{**GDP_2021, **first}, {**GDP_2021, **second}]
    assert _has("conflict", rows) == [conflict, conflict]
    assert _has("two_values", rows) == [False, False]


def test_two_values_is_one_report_stating_two():
    rows = [{**GDP_2021, "doc": "a", "value": 595.0, "measure": "level", "unit": "亿元", "char_start": 10},
            {**GDP_2021, "doc": "a", "value": 430.0, "measure": "level", "unit": "亿元", "char_start": 90},
            {**GDP_2021, "doc": "b", "value": 595.0, "measure": "level", "unit": "亿元"}]  # fmt: skip
    assert _has("two_values", rows) == [True, True, False]
    assert _has("conflict", rows) == [False, True, True]  # b agrees with one of a's values, not the other


def test_disagreements_name_the_rows_that_disagree():
    rows = make_observations([{**GDP_2021, "doc": d, "value": v} for d, v in (("a", 9.0), ("b", 8.5), ("c", 9.0))])
    assert checks.disagreements(rows) == {0: [1], 1: [0, 2], 2: [1]}


# --- what the reading knows: period_from_position, weak_metadata, region_from_text ---


@pytest.mark.parametrize(("sentence", "part", "flagged"), [
    ("地区生产总值增长9%。", "review", True),  # the review's year, from where the sentence stands
    ("2021年地区生产总值增长9%。", "review", False),
    ("去年地区生产总值增长9%。", "plan", False),
    ("今年地区生产总值增长7%左右。", "plan", False),
    ("地区生产总值增长7%左右。", "plan", True),
])  # fmt: skip
def test_period_from_position_is_a_period_no_word_states(sentence, part, flagged):
    table = analysis.extract(as_report(sentence, part=part), doc="r.txt")
    assert ["period_from_position" in c for c in table["checks"]] == [flagged]


EXCERPT = "各地积极推进。南昌县全县上下奋力拼搏，南昌县经济稳中有进，南昌县地区生产总值2021年增长8.2%。\n"


@pytest.mark.parametrize(("text", "manifest", "weak"), [
    # The place named most and a dateline: suggestive only.
    ("发布时间:2022-01-20\n" + EXCERPT, None, True),
    ("发布时间:2022-01-20\n" + EXCERPT, {"region": "南昌县", "report_year": "2022"}, False),
    ("——2022年1月10日在南昌县第十九届人民代表大会第一次会议上\n" + EXCERPT, None, False),
])  # fmt: skip
def test_weak_metadata_is_a_region_or_year_from_weak_evidence(text, manifest, weak):
    table = analysis.extract(text, doc="r.txt", manifest_row=manifest)
    assert ["weak_metadata" in c for c in table["checks"]] == [weak]


def test_region_from_text_is_a_figure_of_another_region_than_the_reports():
    text = as_report("南昌县地区生产总值增长8.2%;进贤县增长7.6%。", region="南昌县")
    table = analysis.extract(text, doc="r.txt")
    assert dict(zip(table["region"], ["region_from_text" in c for c in table["checks"]])) == {
        "南昌县": False, "进贤县": True}


def test_a_table_read_back_keeps_the_reading_checks_it_was_written_with():
    table = analysis.extract(as_report("地区生产总值增长9%。"), doc="r.txt")
    assert table["checks"].tolist() == ["period_from_position"]
    assert checks.add_checks(table)["checks"].tolist() == ["period_from_position"]
    assert checks.add_checks(table.assign(checks=""))["checks"].tolist() == [""]


# --- implausible: growth beyond history, a level against last year's ---


@pytest.mark.parametrize(("row", "flagged"), [
    (dict(indicator="gdp", kind="target", value=20.0), True),
    (dict(indicator="gdp", kind="target", value=7.5), False),
    (dict(indicator="gdp", kind="actual", value=20.0), False),  # outcomes of the 1990s reached it
    (dict(indicator="surveyed_unemployment", kind="actual", value=15.0), True),
    (dict(indicator="fdi", kind="actual", value=85.0), False),
    (dict(indicator="gdp", kind="target", value=7.0, value_high=18.0, qualifier="range"), True),
])  # fmt: skip
def test_implausible_growth_is_beyond_the_indicators_history(row, flagged):
    assert _has("implausible", [dict(doc="a", region="赣县区", period=2021, **row)]) == [flagged]


def _levels(last: float, level: float, growth: float | None, indicator="gdp", unit="亿元") -> list[dict]:
    rows = [dict(doc="2021.txt", region="赣县区", indicator=indicator, period=2020, kind="actual",
                 measure="level", value=last, unit=unit),
            dict(doc="2022.txt", region="赣县区", indicator=indicator, period=2021, kind="actual",
                 measure="level", value=level, unit=unit, char_start=5)]  # fmt: skip
    if growth is not None:
        rows.append(dict(doc="2022.txt", region="赣县区", indicator=indicator, period=2021, kind="actual",
                         value=growth, char_start=20))  # fmt: skip
    return rows


@pytest.mark.parametrize(("last", "level", "growth", "flagged"), [
    (400.0, 432.0, 8.0, False),
    (400.0, 460.0, 8.0, False),  # nominal above real: within the margin
    (400.0, 520.0, 8.0, True),
    (400.0, 300.0, 8.0, True),
    (400.0, 530.0, None, False),  # no growth stated: only many times last year's is odd
    (400.0, 900.0, None, True),
])  # fmt: skip
def test_implausible_level_disagrees_with_growth_and_last_years_level(last, level, growth, flagged):
    assert _has("implausible", _levels(last, level, growth))[1] is flagged


def test_a_total_of_five_years_is_many_times_a_years_jobs():
    rows = _levels(1100.0, 5700.0, None, indicator="new_urban_jobs", unit="万人")
    assert _has("implausible", rows) == [False, True]


# --- far_from_ancestor ---


@pytest.mark.parametrize(("target", "ancestor", "flagged"), [
    (20.0, 8.5, True),
    (9.0, 8.5, False),
    (13.5, 8.5, False),  # 5 points apart, not more
    (17.0, 8.5, False),  # 8.5 points apart, not more than the ancestor's target
    (17.5, 8.5, True),
])  # fmt: skip
def test_far_from_ancestor_is_a_target_far_from_the_one_above(target, ancestor, flagged):
    rows = [dict(doc="a", region="赣县区", parent_region="赣州市", indicator="gdp", period=2021, kind="target",
                 value=target),
            dict(doc="b", region="赣州市", indicator="gdp", period=2021, kind="target", value=ancestor)]  # fmt: skip
    assert _has("far_from_ancestor", rows) == [flagged, False]


def test_far_from_ancestor_asks_the_nearest_level_above_that_states_the_target():
    rows = [dict(doc="a", region="赣县区", indicator="gdp", period=2021, kind="target", value=14.0),
            dict(doc="b", region="全国", indicator="gdp", period=2021, kind="target", value=5.0)]  # fmt: skip
    assert _has("far_from_ancestor", rows) == [True, False]  # 9 points apart: more than 5, and than 5
    city = dict(doc="c", region="赣州市", indicator="gdp", period=2021, kind="target", value=12.0)
    assert _has("far_from_ancestor", [*rows, city]) == [False, False, True]  # 赣州市 is nearer; it is far from 全国


# --- past_target ---


@pytest.mark.parametrize(("report_type", "period", "flagged"), [
    ("government_work_report", 2021, True),
    ("government_work_report", 2022, False),
    ("plan_report", 2021, False),  # last year's plan beside its outcome
])  # fmt: skip
def test_past_target_is_a_target_of_a_past_year_outside_a_plan_report(report_type, period, flagged):
    row = dict(doc="a", region="赣县区", indicator="gdp", period=period, kind="target", value=8.0,
               report_type=report_type, report_year=2022)  # fmt: skip
    assert _has("past_target", [row]) == [flagged]


# --- words before the figure in its sentence ---


def _sentence(check: str, sentence: str, indicator: str, value: float, kind="actual", measure="growth",
              unit="%") -> bool:
    row = dict(doc="a", region="泰和县", indicator=indicator, indicator_text="地区生产总值" if indicator == "gdp" else
               "城镇新增就业", period=2021, kind=kind, measure=measure, value=value, unit=unit,
               source_text=sentence)  # fmt: skip
    return _has(check, [row]) == [True]


@pytest.mark.parametrize(("check", "sentence", "indicator", "value", "kind", "flagged"), [
    ("part_year", "前三季度,泰和地区生产总值增长6.3%", "gdp", 6.3, "actual", True),
    ("part_year", "1-11月,地区生产总值增长6.3%", "gdp", 6.3, "actual", True),
    ("part_year", "全年地区生产总值增长6.3%,上半年增长7.1%", "gdp", 6.3, "actual", False),
    ("several_years", "过去五年,城镇新增就业1.2万人", "new_urban_jobs", 1.2, "actual", True),
    ("several_years", "地区生产总值增长6.3%,年均增长5.9%", "gdp", 6.3, "actual", False),
    ("target_words", "县长作报告,地区生产总值目标增速7.5%", "gdp", 7.5, "actual", True),
    ("target_words", "经济增长预期6.5%左右", "gdp", 6.5, "actual", True),
    ("target_words", "全面完成年度目标,地区生产总值增长6.3%", "gdp", 6.3, "actual", False),
    ("target_words", "地区生产总值预期目标增长7%", "gdp", 7.0, "target", False),
    ("other_scope", "高新区完成地区生产总值增长9.5%", "gdp", 9.5, "actual", True),
    ("other_scope", "县本级地区生产总值增长9.5%", "gdp", 9.5, "actual", True),
    ("other_scope", "整个都市圈的地区生产总值预计增长9.5%", "gdp", 9.5, "estimate", True),
    ("other_scope", "全县地区生产总值增长6.3%,工业园区增长9.5%", "gdp", 6.3, "actual", False),
])  # fmt: skip
def test_words_before_the_figure(check, sentence, indicator, value, kind, flagged):
    assert _sentence(check, sentence, indicator, value, kind) is flagged


def test_every_id_in_checks_is_a_known_check():
    table = analysis.extract(as_report("地区生产总值增长9%。"), doc="r.txt")
    with pytest.raises(Exception, match="known_checks"):
        observations.validate(table.assign(checks="period_from_position;hunch"))
    assert observations.validate(table.assign(checks="conflict;implausible"))["checks"].tolist() == [
        "conflict;implausible"]

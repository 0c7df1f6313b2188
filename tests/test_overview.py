"""The overview: coverage, targets met, the gap to the level above and the wording of targets,
each with the regions, targets and reports behind every number."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import compare, pages, plot
from analysis.compare import make_observations

# 全国 → 江西省 → 吉安市 → 泰和县 and 万安县, 2022 (illustrative figures): targets, then outcomes.
TARGETS = [("全国", "", "country", "gdp", 5.5, "about", "国内生产总值增长5.5%左右"),
           ("江西省", "全国", "province", "gdp", 7, "about", "地区生产总值增长7%左右"),
           ("吉安市", "江西省", "city", "gdp", 8, "at_least", "地区生产总值增长8%以上"),
           ("泰和县", "吉安市", "county", "gdp", 8.5, "exact", "确保地区生产总值增长8.5%"),
           ("万安县", "吉安市", "county", "gdp", 9, "about", "地区生产总值增长9%左右"),
           ("泰和县", "吉安市", "county", "retail_sales", 10, "at_least", "社会消费品零售总额增长10%以上")]  # fmt: skip
OUTCOMES = [("全国", "country", "gdp", 3.0), ("江西省", "province", "gdp", 4.7), ("吉安市", "city", "gdp", 8.1),
            ("泰和县", "county", "gdp", 8.0), ("万安县", "county", "gdp", 9.2)]  # fmt: skip


@pytest.fixture(scope="module")
def chain():
    rows = [dict(doc=f"{r}_2022.txt", region=r, parent_region=p, region_level=lev, indicator=i, period=2022,
                 kind="target", value=v, qualifier=q, source_text=t, report_year=2022)
            for r, p, lev, i, v, q, t in TARGETS]
    rows += [dict(doc=f"{r}_2023.txt", region=r, region_level=lev, indicator=i, period=2022, kind="actual", value=v,
                  report_year=2023) for r, lev, i, v in OUTCOMES]  # fmt: skip
    return make_observations(rows)


def _rows(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_coverage_counts_regions_and_reports_by_year_and_level(chain):
    assert _rows(compare.coverage(chain), "year", "region_level", "value", "reports") == [
        (2022, "country", 1, 1), (2022, "province", 1, 1), (2022, "city", 1, 1), (2022, "county", 2, 2),
        (2023, "country", 1, 1), (2023, "province", 1, 1), (2023, "city", 1, 1), (2023, "county", 2, 2)]  # fmt: skip


def test_the_share_met_rests_on_the_targets_and_reports_behind_it(chain):
    met = compare.met_shares(compare.facts(chain))
    # 全国 5.5 → 3.0 missed, 江西省 7 → 4.7 missed, 吉安市 8 → 8.1 met, 泰和县 8.5 → 8.0 missed, 万安县 9 → 9.2 met
    assert _rows(met, "region_level", "value", "targets", "reports") == [
        ("country", 0.0, 1, 2), ("province", 0.0, 1, 2), ("city", 1.0, 1, 2), ("county", 0.5, 2, 4)]  # fmt: skip


def test_each_level_is_measured_against_the_nearest_level_above(chain):
    gaps = compare.level_gaps(compare.facts(chain))
    # 江西省 7 - 5.5; 吉安市 8 - 7; the counties against 吉安市: (8.5 - 8 + 9 - 8) / 2
    assert _rows(gaps, "region_level", "value", "targets", "regions") == [
        ("province", 1.5, 1, 1), ("city", 1.0, 1, 1), ("county", 0.75, 2, 2)]  # fmt: skip


def test_floors_are_以上_and_确保_soft_aims_左右(chain):
    wording = compare.wording_shares(compare.facts(chain))
    county = wording[wording["region_level"] == "county"]
    # 泰和县: 确保…8.5% (a floor) and 10%以上 (a floor); 万安县: 9%左右 (a soft aim)
    assert _rows(county, "wording", "targets", "reports") == [("floor", 2, 2), ("soft", 1, 2), ("other", 0, 2)]


def test_the_overview_page_has_four_figures_and_their_tables(chain):
    view = pages.overview_page(chain, "zh")
    header = view.header(chain)
    assert header.title == "概览：报告说了什么" and "10份报告" in header.introduction
    for name, draw in (("coverage", plot.coverage_plot), ("met", plot.met_share_plot), ("gaps", plot.level_gap_plot),
                       ("wording", plot.wording_plot)):  # fmt: skip
        ax = draw(getattr(view, name), lang="zh")
        assert ax.get_title() and ax.texts, name  # each point or bar says the reports behind it
        assert "<details class=\"table\">" in view.table(name).data, name
    assert "50%（2个目标，4份）" in view.table("met").data
    assert [t.get_text() for t in plot.wording_plot(view.wording, lang="en").get_legend().get_texts()] == [
        "floor (以上, 确保)", "soft aim (左右)", "other (exact, ceiling, range)"]  # fmt: skip


def test_regions_are_counted_in_whole_numbers_on_the_coverage_axis():
    # Two regions with reports of one year, three of the next: matplotlib alone would tick 0.5, 1.5, 2.5.
    counts = pd.DataFrame({"year": [2021, 2021, 2022, 2022], "region_level": ["city", "district", "county", "district"],
                           "value": [1, 1, 1, 2], "reports": [1, 1, 1, 3]})  # fmt: skip
    ax = plot.coverage_plot(counts, lang="zh")
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks

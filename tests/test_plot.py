"""Figures: what was drawn (markers, labels, legend), the CJK font, stable files."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import compare, plot
from analysis.compare import ParameterError, make_observations


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def pairs():
    """赣县区 2020: a 左右 target missed, a 以内 ceiling met, a target in words."""
    obs = make_observations([
        dict(region="赣县区", indicator="gdp", period=2020, kind="target", value=4.5, qualifier="about"),
        dict(region="赣县区", indicator="gdp", period=2020, kind="actual", value=4.4),
        dict(region="赣县区", indicator="registered_unemployment", period=2020, kind="target", value=4.5,
             qualifier="at_most"),
        dict(region="赣县区", indicator="registered_unemployment", period=2020, kind="actual", value=3.68),
        dict(region="赣县区", indicator="exports", period=2020, kind="target", text="小幅增长"),
    ])  # fmt: skip
    return compare.target_vs_actual(compare.facts(obs))


@pytest.fixture
def wide():
    obs = make_observations([
        dict(region=r, indicator=i, period=2022, kind="target", value=v)
        for r, i, v in [("青云谱区", "gdp", 7.5), ("南昌县", "gdp", 7.5), ("西湖区", "gdp", 7),
                        ("南昌县", "rural_income", 8.5)]
    ])  # fmt: skip
    return compare.cross_region(compare.facts(obs), 2022, "target")


def _draw_without_missing_glyphs(figure):
    """Draw the figure; matplotlib's missing-glyph warning (a box instead of a character) fails."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing.*")
        warnings.filterwarnings("error", message=r".*findfont.*")
        figure.canvas.draw()


def _hex(collection) -> str:
    return matplotlib.colors.to_hex(collection.get_facecolor()[0])


def test_cjk_font_is_registered_from_the_mplfonts_package():
    assert plot.cjk_font_path().is_file()
    assert "mplfonts" in plot.cjk_font_path().parts
    assert matplotlib.rcParams["font.sans-serif"][0] == plot.FONT_NAME == "Noto Sans CJK SC"


def test_a_font_without_chinese_would_fail_the_glyph_check():
    """The check above is live: DejaVu Sans alone draws boxes for 地区生产总值 and warns."""
    figure, ax = plt.subplots()
    ax.set_title("地区生产总值", fontfamily="DejaVu Sans")
    with pytest.raises(UserWarning, match="Glyph .* missing"):
        _draw_without_missing_glyphs(figure)


@pytest.mark.parametrize(("lang", "labels", "title"), [
    ("zh", ["地区生产总值", "城镇登记失业率"], "赣县区 2020年：目标与实际"),
    ("en", ["GDP", "Registered urban unemployment rate"], "Ganxian District, 2020: targets and outcomes"),
])  # fmt: skip
def test_dumbbell_draws_each_numeric_target_and_outcome(pairs, lang, labels, title):
    ax = plot.target_vs_actual_plot(pairs, lang=lang)
    _draw_without_missing_glyphs(ax.figure)
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    assert ax.get_title() == title
    # One target marker and one outcome dot per numeric pair; the target in words is not drawn.
    targets = [c for c in ax.collections if c.get_sizes()[0] == 110]
    outcomes = [c for c in ax.collections if c.get_sizes()[0] == 55]
    assert [tuple(c.get_offsets()[0]) for c in targets] == [(4.5, 0), (4.5, 1)]
    assert [tuple(c.get_offsets()[0]) for c in outcomes] == [(4.4, 0), (3.68, 1)]
    assert [_hex(c) for c in outcomes] == [plot.MET_COLOURS[False], plot.MET_COLOURS[True]]
    assert [t.get_text() for t in ax.texts] == ["\u22120.1", "\u22120.82"]


def test_yilai_and_zuoyou_targets_are_drawn_differently(pairs):
    ax = plot.target_vs_actual_plot(pairs, lang="zh")
    about, at_most = [c for c in ax.collections if c.get_sizes()[0] == 110]
    assert _hex(about) == "#ffffff" and _hex(at_most) == plot.TARGET_COLOUR  # 左右 is hollow
    assert about.get_paths()[0] != at_most.get_paths()[0]  # and another shape
    assert len(set(plot.QUALIFIER_MARKERS.values())) == len(plot.QUALIFIER_MARKERS)


def test_dumbbell_legend_names_the_wordings_and_verdicts_drawn(pairs):
    ax = plot.target_vs_actual_plot(pairs, lang="zh")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["目标 (以内)", "目标 (左右)", "完成", "未完成"]


def test_a_range_target_is_a_band_between_its_ends():
    obs = make_observations([
        dict(region="南昌县", indicator="gdp", period=2021, kind="target", value=6, value_high=6.5,
             qualifier="range"),
        dict(region="南昌县", indicator="gdp", period=2021, kind="actual", value=8.7),
    ])  # fmt: skip
    ax = plot.target_vs_actual_plot(compare.target_vs_actual(compare.facts(obs)), lang="en")
    ends = [tuple(c.get_offsets()[0]) for c in ax.collections if c.get_sizes()[0] == 110]
    assert ends == [(6, 0), (6.5, 0)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["target (range)", "met"]


def test_rows_in_several_units_are_refused(pairs):
    mixed = pairs.copy()
    mixed.loc[mixed["indicator"] == "gdp", "unit_norm"] = "亿元"
    with pytest.raises(ParameterError, match=r"^data: rows in several units \(%, 亿元\); valid: rows of one"):
        plot.target_vs_actual_plot(mixed)


def test_cross_region_draws_one_marker_per_region_and_indicator(wide):
    ax = plot.cross_region_plot(wide, lang="en", title="Growth targets for 2022")
    _draw_without_missing_glyphs(ax.figure)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["GDP", "Rural disposable income per capita"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Nanchang County", "Xihu District", "Qingyunpu District"]  # fmt: skip
    points = {(float(x), float(y)) for c in ax.collections for x, y in np.ma.filled(c.get_offsets(), np.nan)
              if not np.isnan(x)}
    assert points == {(7.5, -0.15), (8.5, 0.85), (7.0, 0), (7.5, 0.15)}  # one row per indicator, nudged
    assert len({c.get_paths()[0] for c in ax.collections}) == 3  # a shape per region
    assert ax.get_title() == "Growth targets for 2022" and ax.get_xlabel() == "growth (%)"


def test_more_regions_than_colours_are_dots_a_box_and_the_two_ends_named():
    """The districts of a large city: no legend of repeated colours but the spread of the
    row, the median marked, and the lowest and highest region (when one region holds it)."""
    names = ["东湖区", "西湖区", "青云谱区", "青山湖区", "新建区", "红谷滩区", "南昌县", "进贤县", "安义县"]
    values = [6.5, 7.0, 7.5, 7.5, 8.0, 8.5, 7.5, 9.0, 9.0]
    data = pd.DataFrame({"gdp (%)": values}, index=pd.Index(names, name="region"))
    ax = plot.cross_region_plot(data, lang="zh", title="南昌市 2022年 增长目标")
    _draw_without_missing_glyphs(ax.figure)
    assert ax.get_legend() is None
    dots = np.ma.filled(ax.collections[0].get_offsets(), np.nan)
    assert sorted(dots[:, 0]) == sorted(values) and set(dots[:, 1]) == {0}
    box = ax.patches[0]
    assert (box.get_x(), box.get_x() + box.get_width()) == (7.5, 8.5)  # the middle half of the regions
    assert list(ax.lines[0].get_xdata()) == [7.5, 7.5]  # the median
    named = [t.get_text() for t in ax.texts]
    assert "东湖区" in named and "进贤县" not in named and "安义县" not in named  # 9.0 is shared: nobody named
    assert "9个地区" in named


def test_levels_get_a_panel_each(wide):
    levels = wide.rename(columns={"gdp (%)": "gdp (亿元)", "rural_income (%)": "rural_income (元)"})
    axes = plot.cross_region_levels_plot(levels, lang="zh", title="2022年 总量目标")
    _draw_without_missing_glyphs(axes[0].figure)
    assert [ax.get_title() for ax in axes] == ["地区生产总值", "农村居民人均可支配收入"]
    assert [t.get_text() for t in axes[1].texts] == ["8.5元", "—", "—"]  # missing figures say so
    with pytest.raises(ParameterError, match="several units"):
        plot.cross_region_plot(levels)


def test_no_levels_is_said_not_failed():
    axes = plot.cross_region_levels_plot(pd.DataFrame(), lang="en")
    assert [t.get_text() for t in axes[0].texts] == ["no figures"]


@pytest.fixture
def chain():
    """泰和县's 2022 growth targets beside 吉安市's, 江西省's and 全国's (全国 has no retail target)."""
    obs = make_observations([
        dict(region=r, indicator=i, period=2022, kind="target", value=v)
        for r, i, v in [("泰和县", "gdp", 8.5), ("吉安市", "gdp", 8), ("江西省", "gdp", 7), ("全国", "gdp", 5.5),
                        ("泰和县", "retail_sales", 12), ("吉安市", "retail_sales", 12), ("江西省", "retail_sales", 10)]
    ])  # fmt: skip
    return compare.amplification(compare.facts(obs))


def test_a_chain_draws_each_level_and_the_gap_to_the_nearest(chain):
    rows = chain[chain["region"] == "泰和县"]
    ax = plot.chain_plot(rows, lang="en", title="chain")
    _draw_without_missing_glyphs(ax.figure)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["GDP", "Retail sales of consumer goods"]
    levels = {c.get_gid(): c.get_offsets().tolist() for c in ax.collections}
    assert levels == {"level-0": [[8.5, 0], [12, 1]], "level-1": [[8, 0], [12, 1]], "level-2": [[7, 0], [10, 1]],
                      "level-3": [[5.5, 0]]}  # fmt: skip
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Taihe County", "Ji'an", "Jiangxi", "China"]
    assert [t.get_text() for t in ax.texts] == ["+0.5", "0"]  # against 吉安市, the nearest on each row
    assert len({c.get_paths()[0] for c in ax.collections}) == 4  # a shape per level
    with pytest.raises(ParameterError, match="^data: rows of several regions"):
        plot.chain_plot(chain)


def test_a_reference_line_marks_the_ancestors_target(wide):
    reference = pd.Series({"gdp (%)": 7.0})
    ax = plot.cross_region_plot(wide, reference=reference, reference_label="南昌市目标", lang="zh")
    lines = [line for line in ax.lines if line.get_gid() == "reference"]
    assert [(list(line.get_xdata()), line.get_linestyle()) for line in lines] == [([7.0, 7.0], "--")]
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "南昌市目标"


@pytest.fixture
def record():
    """A record of five years: a range met, no target, a floor met, a 左右 missed, an exact
    target with no outcome yet, and a ceiling (以内) of the same series."""
    rows = [(2019, "target", 6, "range", 6.5), (2019, "actual", 6.1, "exact", None), (2020, "actual", 2.3, "exact", None),
            (2021, "target", 6, "at_least", None), (2021, "actual", 8.1, "exact", None),
            (2022, "target", 5.5, "about", None), (2022, "actual", 3.0, "exact", None),
            (2023, "target", 5, "exact", None)]  # fmt: skip
    obs = make_observations([dict(region="全国", indicator="gdp", period=p, kind=k, value=v, qualifier=q,
                                  **({"value_high": h} if h else {})) for p, k, v, q, h in rows])  # fmt: skip
    return compare.over_time(compare.facts(obs))


def test_over_time_draws_each_target_as_worded_and_outcomes_as_a_line(record):
    ax = plot.over_time_plot(record, lang="en")
    _draw_without_missing_glyphs(ax.figure)
    bands = [(p.get_gid(), p.get_x() + p.get_width() / 2, p.get_y(), p.get_y() + p.get_height()) for p in ax.patches]
    assert bands == [("target-range", 2019, 6, 6.5)]
    drawn = {c.get_gid(): c for c in ax.collections}
    assert {gid: c.get_offsets().tolist() for gid, c in drawn.items()} == {
        "target-at_least": [[2021, 6]], "target-about": [[2022, 5.5]], "target-exact": [[2023, 5]],
        "outcome-met": [[2019, 6.1], [2021, 8.1]], "outcome-missed": [[2022, 3.0]], "outcome-none": [[2020, 2.3]]}  # fmt: skip
    assert _hex(drawn["target-about"]) == "#ffffff" and _hex(drawn["target-exact"]) == plot.TARGET_COLOUR  # ○ and ●
    assert drawn["target-at_least"].get_paths()[0] != drawn["target-exact"].get_paths()[0]  # ▲ is not a dot
    assert [_hex(drawn[f"outcome-{v}"]) for v in ("met", "missed", "none")] == [
        plot.MET_COLOURS[True], plot.MET_COLOURS[False], plot.MET_COLOURS[None]]  # fmt: skip
    line = next(line for line in ax.lines if line.get_gid() == "outcome-line")
    assert list(line.get_xdata()) == [2019, 2020, 2021, 2022, 2023]
    assert np.isnan(line.get_ydata()[-1]) and list(line.get_ydata()[:-1]) == [6.1, 2.3, 8.1, 3.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020", "2021", "2022", "2023"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "target (range)", "target (at least)", "target (about)", "target (exact)", "outcome", "met", "missed",
        "no numeric target"]  # fmt: skip
    assert ax.get_title() == "China, GDP growth: targets and outcomes" and ax.get_ylabel() == "growth (%)"


def test_amounts_read_as_a_report_prints_them_never_in_scientific_notation():
    """New urban jobs of 全国 (in 人 in the table): the axis in 万人, no offset such as 1e7; the
    bars of levels say 900万人 and 1.2万亿元."""
    obs = make_observations([dict(region="全国", indicator="new_urban_jobs", measure="level", period=p, kind=k,
                                  value=v, unit="万人") for p, k, v in [(2021, "target", 1100), (2021, "actual", 1269),
                                                                      (2022, "target", 1100), (2022, "actual", 1206)]])  # fmt: skip
    ax = plot.over_time_plot(compare.over_time(compare.facts(obs)), lang="zh")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_ylabel() == "万人" and "1,100" in ticks and not ax.yaxis.get_offset_text().get_text()
    levels = pd.DataFrame({"new_urban_jobs (人)": [9_000_000, 8590], "gdp (亿元)": [12000, 670.68]},
                          index=pd.Index(["全国", "赣县区"], name="region"))  # fmt: skip
    axes = plot.cross_region_levels_plot(levels, lang="zh")
    assert [[t.get_text() for t in ax.texts] for ax in axes] == [["900万人", "8,590人"], ["1.2万亿元", "670.68亿元"]]


@pytest.mark.parametrize(("indicators", "label"), [
    (["gdp", "retail_sales"], "增速(%)"), (["surveyed_unemployment"], "失业率(%)"), (["cpi"], "价格涨幅(%)"),
    (["gdp", "surveyed_unemployment"], "增速或比率(%)"),
])  # fmt: skip
def test_rates_are_labelled_as_rates_not_growth(indicators, label):
    obs = make_observations([dict(region="赣县区", indicator=i, period=2022, kind=k, value=5, qualifier="about")
                             for i in indicators for k in ("target", "actual")])  # fmt: skip
    ax = plot.target_vs_actual_plot(compare.target_vs_actual(compare.facts(obs)), lang="zh")
    assert ax.get_xlabel() == label


def test_years_without_reports_are_gaps_on_the_axis():
    obs = make_observations([dict(region="全国", indicator="gdp", period=p, kind="actual", value=v)
                             for p, v in [(2015, 6.9), (2016, 6.7), (2019, 6.0)]])  # fmt: skip
    ax = plot.over_time_plot(compare.over_time(compare.facts(obs)), lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2015", "2016", "2017", "2018", "2019"]
    shaded = [p for p in ax.patches if p.get_gid() == "year-missing"]
    assert sorted(round(p.get_x() + p.get_width() / 2) for p in shaded) == [2017, 2018]
    assert "无报告数据的年份" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_a_ceiling_points_down():
    obs = make_observations([dict(region="全国", indicator="surveyed_unemployment", period=p, kind=k, value=v,
                                  qualifier=q) for p, k, v, q in [(2022, "target", 5.5, "at_most"),
                                                                  (2022, "actual", 5.6, "exact")]])  # fmt: skip
    ax = plot.over_time_plot(compare.over_time(compare.facts(obs)), lang="zh")
    drawn = {c.get_gid(): c for c in ax.collections}
    assert set(drawn) == {"target-at_most", "outcome-missed"}
    assert ax.get_title() == "全国 城镇调查失业率：历年目标与实际"  # a rate: no 增速


def test_over_time_wants_one_series(record):
    two = pd.concat([record, record.assign(region="江西省")], ignore_index=True)
    with pytest.raises(ParameterError, match="^data: rows of 2 series; valid: the over_time rows of one region"):
        plot.over_time_plot(two)


def test_saved_figure_is_the_same_file_when_drawn_again(pairs, tmp_path):
    contents = []
    for attempt in range(2):
        ax = plot.target_vs_actual_plot(pairs, lang="zh")
        saved = plot.save_figure(ax.figure, "tva", folder=tmp_path / str(attempt))
        paths = [saved.png, saved.svg]
        contents.append([p.read_bytes() for p in paths])
        plt.close("all")
    assert [p.name for p in paths] == ["tva.png", "tva.svg"]
    assert all(len(c) > 1000 for c in contents[0])
    assert contents[0] == contents[1]


def test_figure_names_must_be_plain_ascii(pairs, tmp_path):
    ax = plot.target_vs_actual_plot(pairs)
    with pytest.raises(ParameterError, match="^name '赣县区' is not a plain ASCII file name"):
        plot.save_figure(ax.figure, "赣县区", folder=tmp_path)


def test_bad_lang_is_one_line():
    with pytest.raises(ParameterError, match="^lang 'fr' not in the languages; valid: zh, en$"):
        plot.cross_region_plot(pd.DataFrame(), lang="fr")


def test_a_saved_figure_shows_as_its_png_with_its_title_as_alt_text(pairs, tmp_path):
    ax = plot.target_vs_actual_plot(pairs, lang="en")
    saved = plot.save_figure(ax.figure, "tva", folder=tmp_path)
    data, shown = saved._repr_png_()
    assert data == saved.png.read_bytes() and data.startswith(b"\x89PNG")
    pixels = ax.figure.get_size_inches() * plot.PNG_DPI
    assert (shown["width"], shown["height"]) == tuple(round(p * 100 / plot.PNG_DPI) for p in pixels)
    assert shown["alt"] == ax.get_title() and "2020" in shown["alt"]
    # closed in pyplot (a notebook does not draw it again), its layout engine kept for another save
    assert not plt.get_fignums()
    assert ax.figure.get_layout_engine().__class__.__name__ == "ConstrainedLayoutEngine"

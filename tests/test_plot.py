"""Figures: what was drawn (markers, labels, legend), the CJK font, stable files."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from analysis import compare, plot
from analysis.compare import make_observations


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def pairs():
    obs = make_observations([
        dict(region="赣县区", indicator="gdp", period=2020, kind="target", value=4.5, qualifier="about"),
        dict(region="赣县区", indicator="gdp", period=2020, kind="actual", value=4.4),
        dict(region="赣县区", indicator="registered_unemployment", period=2020, kind="target", value=4.5,
             qualifier="at_most"),
        dict(region="赣县区", indicator="registered_unemployment", period=2020, kind="actual", value=3.68),
        dict(region="赣县区", indicator="exports", period=2020, kind="target", text="小幅增长"),
    ])  # fmt: skip
    return compare.target_vs_actual(compare.facts(obs))


def _draw_without_missing_glyphs(ax):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph .* missing.*")
        warnings.filterwarnings("error", message=".*findfont.*")
        ax.figure.canvas.draw()


def test_cjk_font_is_registered_from_the_mplfonts_package():
    assert plot.cjk_font_path().is_file()
    assert matplotlib.rcParams["font.sans-serif"][0] == plot.FONT_NAME == "Noto Sans CJK SC"


@pytest.mark.parametrize(("lang", "labels"), [
    ("zh", ["地区生产总值", "城镇登记失业率"]),
    ("en", ["GDP", "Registered urban unemployment rate"]),
])  # fmt: skip
def test_dumbbell_draws_each_numeric_target_and_outcome(pairs, lang, labels):
    ax = plot.target_vs_actual_plot(pairs, lang=lang)
    _draw_without_missing_glyphs(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    # One outcome dot and one target marker per numeric pair; the qualitative target is not drawn.
    assert len(ax.collections) == 4
    outcomes = [c for c in ax.collections if c.get_sizes()[0] == 70]
    colours = [matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in outcomes]
    assert colours == [plot.MET_COLOURS[False], plot.MET_COLOURS[True]]  # gdp missed, unemployment met


def test_dumbbell_legend_names_the_wordings_and_the_verdicts(pairs):
    ax = plot.target_vs_actual_plot(pairs, lang="zh")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["目标 (以内)", "目标 (左右)", "完成", "未完成", "暂无结果"]


def test_target_markers_tell_floor_ceiling_and_about_apart():
    assert len(set(plot.QUALIFIER_MARKERS.values())) == len(plot.QUALIFIER_MARKERS)


def test_cross_region_draws_one_bar_per_region_and_indicator():
    obs = make_observations([
        dict(region=r, indicator=i, period=2022, kind="target", value=v)
        for r, i, v in [("青云谱区", "gdp", 7.5), ("南昌县", "gdp", 7.5), ("西湖区", "gdp", 7),
                        ("南昌县", "rural_income", 8.5)]
    ])  # fmt: skip
    wide = compare.cross_region(compare.facts(obs), 2022, "target")
    ax = plot.cross_region_plot(wide, lang="en")
    _draw_without_missing_glyphs(ax)
    assert len(ax.patches) == 3 * 2  # three regions x two indicators (NaN bars drawn empty)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Nanchang County", "Xihu District", "Qingyunpu District"]


def test_amplification_writes_the_difference():
    obs = make_observations([
        dict(region="赣县区", parent_region="赣州市", indicator="gdp", period=2021, kind="target", value=9),
        dict(region="赣州市", indicator="gdp", period=2021, kind="target", value=8.5),
    ])  # fmt: skip
    ax = plot.amplification_plot(compare.amplification(compare.facts(obs)), lang="zh")
    _draw_without_missing_glyphs(ax)
    assert [t.get_text() for t in ax.texts] == ["+0.5"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["赣县区", "赣州市"]


def test_saved_figure_is_the_same_file_when_drawn_again(pairs, tmp_path):
    contents = []
    for attempt in range(2):
        ax = plot.target_vs_actual_plot(pairs, lang="zh")
        paths = plot.save_figure(ax.figure, "tva", folder=tmp_path / str(attempt))
        contents.append([p.read_bytes() for p in paths])
        plt.close("all")
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert all(len(c) > 1000 for c in contents[0])
    assert contents[0] == contents[1]

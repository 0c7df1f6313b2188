"""What every figure shares: the CJK font, colours and markers, axis words, saving.

`analysis.pages.plot` (and `analysis.pages.plot_time`) draw the figures; this module holds what they
have in common, so that each of them imports it and neither imports the other. Chinese
labels use the Noto Sans CJK SC font that the mplfonts package ships, registered with
matplotlib's font manager when this module is imported (matplotlib's own files are
untouched), so a fresh machine draws no missing-glyph boxes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter

from ..errors import ParameterError
from ..labels import indicator_label, unit_label
from ..observations import INDICATORS
from ..units import format_number, reader_unit
from .webfont import FONT_FILE, cjk_font_path  # noqa: F401 (plot.FONT_FILE, plot.cjk_font_path)

# Target markers say how the target was worded: a floor (以上) points right, a ceiling (以内)
# left, 左右 is an open circle, a bare number a diamond; a range is a band between squares.
QUALIFIER_MARKERS = {"at_least": ">", "at_most": "<", "about": "o", "exact": "D", "range": "s"}
MET_COLOURS = {True: "#1b7837", False: "#c51b7d", None: "#878787"}
TARGET_COLOUR = "#2166ac"
PARENT_COLOUR = "#f4a582"
# A region and its ancestors (nearest first) along a chain of levels.
LEVEL_COLOURS = (TARGET_COLOUR, "#f4a582", "#d6604d", "#762a83", "#1b7837", "#878787")
LEVEL_MARKERS = ("o", "s", "^", "D", "v", "P")
# Regions side by side: a colour and a shape each, so the chart reads in grey too.
REGION_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
REGION_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and make it the default; returns its name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    others = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = [name, *others]
    matplotlib.rcParams["svg.hashsalt"] = "analysis"  # stable SVG ids: same figure, same file
    return name


FONT_NAME = use_cjk_font()


def verdict(value) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


# -- shared pieces ------------------------------------------------------------------------------


def new_axes(ax, height: float):
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, height)), layout="constrained")
    return ax


def tidy(ax) -> None:
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def in_indicator_order(data: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows in the contract's order of indicators (gdp first), then by region and period."""
    order = {name: number for number, name in enumerate(INDICATORS)}
    keys = [c for c in ("region", "period") if c in data]
    rank = data[column].map(order).fillna(len(order))
    return data.assign(_rank=rank).sort_values([*keys, "_rank"], kind="stable").drop(columns="_rank")


def one_unit(rows: pd.DataFrame) -> pd.DataFrame:
    units = sorted(set(rows["unit_norm"])) if "unit_norm" in rows else []
    if len(units) > 1:
        raise ParameterError(f"data: rows in several units ({', '.join(units)}); valid: rows of one "
                             "unit (select one measure, or indicators of one unit)")  # fmt: skip
    return rows.reset_index(drop=True)


def row_labels(rows: pd.DataFrame, column: str, lang: str) -> list[str]:
    """Indicator names, with the year where the rows span several years."""
    names = [indicator_label(i, lang) for i in rows[column]]
    if "period" in rows and rows["period"].nunique() > 1:
        names = [f"{name} {period}" for name, period in zip(names, rows["period"])]
    return names


# Rates in % that are not growth: an axis of them says what they are (失业率, 价格涨幅), not 增速.
RATE_WORDS = {"registered_unemployment": ("失业率", "unemployment rate"),
              "surveyed_unemployment": ("失业率", "unemployment rate"), "cpi": ("价格涨幅", "price rise")}  # fmt: skip


def axis_label(unit: str, lang: str, indicators=()) -> str:
    """增速(%) for growth rates; 失业率(%), 价格涨幅(%) for those rates; 增速或比率(%) for a mix; the
    unit a reader writes for amounts (万人)."""
    if unit != "%":
        return unit_label(unit, lang)
    names = {RATE_WORDS.get(i, ("增速", "growth"))[0 if lang == "zh" else 1] for i in indicators} or \
        {words("growth_word", lang)}  # fmt: skip
    word = names.pop() if len(names) == 1 else words("rate_word", lang)
    return f"{word}(%)" if lang == "zh" else f"{word} (%)"


def value_axis(ax, values, unit: str, lang: str, which: str = "x", indicators=()) -> str:
    """Label an axis of `values` in `unit` and write its ticks as a reader does: amounts in the
    unit a report prints for the largest of them (900万人, not 9e6 or an offset 1e7), thousands
    separated, never scientific notation; rates and growth in %. Returns the axis label."""
    finite = [abs(float(v)) for v in values if v is not None and pd.notna(v)]
    shown, divisor = reader_unit(max(finite, default=1.0), unit, lang)
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v / divisor)))
    label = axis_label(unit, lang, indicators) if unit in ("%", "个百分点") else shown
    (ax.set_xlabel if which == "x" else ax.set_ylabel)(label)
    return label


WORDS = {
    "growth_word": ("增速", "growth"),
    "rate_word": ("增速或比率", "growth or rate"),
    "target": ("目标", "target"),
    "met": ("完成", "met"),
    "missed": ("未完成", "missed"),
    "no_outcome": ("暂无结果", "no outcome yet"),
    "no_figures": ("无数据", "no figures"),
    "regions_count": ("{count}个地区", "{count} regions"),
    "tva_title": ("{region} {periods}年：目标与实际", "{region}, {periods}: targets and outcomes"),
    "reference": ("{region}目标", "{region}'s target"),
    "outcome": ("实际", "outcome"),
    "no_target": ("无数值目标", "no numeric target"),
    "no_report": ("无报告数据的年份", "years no report covers"),
    "regions_axis": ("有报告的地区数", "regions with reports"),
    "coverage_title": ("各年有报告的地区（按层级；柱上数字为报告份数）", "Regions with reports by year and level (reports above each bar)"),
    "met_title": ("完成目标的比例（点旁数字为报告份数）", "Share of targets met (reports beside each point)"),
    "met_axis": ("完成的目标占比", "targets met"),
    "gap_title": ("地区生产总值增速目标高出上级目标多少（点旁数字为报告份数）",
                  "GDP growth target above the level above's (reports beside each point)"),
    "gap_axis": ("高出上级目标（百分点）", "above the level above (points)"),
    "wording_title": ("目标的表述（按层级）", "How targets are worded, by level"),
    "targets_reports": ("{targets}个目标，{reports}份报告", "{targets} targets, {reports} reports"),
    "time_title": ("{region} {indicator}{measure}：历年目标与实际", "{region}, {indicator}{measure}: targets and outcomes"),
}


def words(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "zh" else 1]


@dataclass(frozen=True)
class SavedFigure:
    """The two files `save_figure` wrote. A notebook shows it as its PNG, at screen size,
    with the figure's titles as the image's alt text (read aloud by screen readers)."""

    png: Path
    svg: Path
    alt: str = ""

    def _repr_png_(self):
        data = self.png.read_bytes()
        width, height = struct.unpack(">II", data[16:24])  # the PNG header's IHDR chunk
        shown = {"width": round(width * 100 / PNG_DPI), "height": round(height * 100 / PNG_DPI)}
        return data, {**shown, **({"alt": self.alt} if self.alt else {})}


PNG_DPI = 150


def save_figure(figure, name: str, folder: str | Path = "figures") -> SavedFigure:
    """Write `name`.png and `name`.svg into `folder`, with fixed metadata so that an
    unchanged figure is an unchanged file; returns them (`.png`, `.svg`), which a
    notebook shows as the picture.

    The layout is worked out once, at the PNG's resolution; the figure is drawn twice (PNG,
    then SVG with the PNG's layout) and closed in pyplot: a notebook shows the PNG it wrote
    instead of drawing the figure a third time. It can still be changed and saved again."""
    if not name or not name.isascii() or "/" in name:
        raise ParameterError(f"name {name!r} is not a plain ASCII file name; valid: e.g. "
                             "target_vs_actual_ganxianqu_2020")  # fmt: skip
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    titles = [figure.get_suptitle(), *(ax.get_title() for ax in figure.axes)]
    alt = "; ".join(dict.fromkeys(t for t in titles if t))
    saved = SavedFigure(folder / f"{name}.png", folder / f"{name}.svg", alt)
    engine = figure.get_layout_engine()
    if engine is not None:
        # savefig would work the layout out before each of its two draws of the PNG (one to
        # measure, one to render) and draw the SVG twice too: the same files, a third slower.
        dpi = figure.get_dpi()
        figure.set_dpi(PNG_DPI)
        try:
            engine.execute(figure)
        finally:
            figure.set_dpi(dpi)
    figure.set_layout_engine(None)  # None, not "none": each file is drawn once
    try:
        figure.savefig(saved.png, dpi=PNG_DPI, metadata={"Software": None})
        figure.savefig(saved.svg, metadata={"Date": None, "Creator": None})
    finally:
        if engine is not None:
            figure.set_layout_engine(engine)
    plt.close(figure)
    return saved

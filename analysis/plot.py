"""Figures of the comparison tables; CJK font set-up.

Every function takes a table of `analysis.compare`, column names as keyword
arguments, `lang` ("zh" or "en") and an optional `ax`; it draws and returns
the Axes. Saving is `save_figure`. Chinese labels use the Noto Sans CJK SC
font that the mplfonts package ships, registered with matplotlib's font
manager when this module is imported (matplotlib's own files are untouched),
so a fresh machine draws no missing-glyph boxes.
"""

from __future__ import annotations

import importlib.util
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .compare import ParameterError
from .labels import check_lang, indicator_label, qualifier_label, region_label, unit_label
from .table import INDICATORS

FONT_FILE = "NotoSansCJKsc-Regular.otf"

# Target markers say how the target was worded: a floor (以上) points right, a ceiling (以内)
# left, 左右 is an open circle, a bare number a diamond; a range is a band between squares.
QUALIFIER_MARKERS = {"at_least": ">", "at_most": "<", "about": "o", "exact": "D", "range": "s"}
MET_COLOURS = {True: "#1b7837", False: "#c51b7d", None: "#878787"}
TARGET_COLOUR = "#2166ac"
PARENT_COLOUR = "#f4a582"
# Regions side by side: a colour and a shape each, so the chart reads in grey too.
REGION_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
REGION_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def cjk_font_path() -> Path:
    """The CJK font file inside the installed mplfonts package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package (CJK fonts) is not installed; run `make report`")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE


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


# -- targets against outcomes -------------------------------------------------------------------


def target_vs_actual_plot(data: pd.DataFrame, *, y="indicator", target="target", outcome="outcome",
                          qualifier="qualifier", met="met", lang="zh", ax=None):  # fmt: skip
    """A dumbbell per indicator: the target (its marker says 以上, 以内, 左右 or a bare number)
    and the outcome (green met, pink missed, grey unknown), joined by a grey line; the gap
    (outcome - target) is written at the end of the row.

    `data` is a `target_vs_actual` table in one unit (growth rates); rows without a numeric
    target are left out (qualitative targets stay in the table beside the chart).
    """
    check_lang(lang)
    rows = _one_unit(_in_indicator_order(data[data[target].notna()], y))
    ax = _axes(ax, 0.45 * len(rows) + 1.4)
    high = rows["target_high"] if "target_high" in rows else pd.Series(np.nan, index=rows.index)
    for position, (_, values) in enumerate(rows.iterrows()):
        low, top, seen, word = values[target], high.iloc[position], values[outcome], values[qualifier]
        colour = MET_COLOURS[_verdict(values[met])]
        ends = [v for v in (low, top, seen) if pd.notna(v)]
        ax.plot([min(ends), max(ends)], [position, position], color="#bbbbbb", lw=2, zorder=1)
        if word == "range" and pd.notna(top):
            ax.plot([low, top], [position, position], color=TARGET_COLOUR, lw=7, alpha=0.25,
                    solid_capstyle="butt", zorder=2)  # fmt: skip
        for x in [low, top] if word == "range" and pd.notna(top) else [low]:
            ax.scatter(x, position, s=110, marker=QUALIFIER_MARKERS.get(word, "D"), zorder=3,
                       facecolor="white" if word in ("about", "range") else TARGET_COLOUR,
                       edgecolor=TARGET_COLOUR, linewidth=1.6)  # fmt: skip
        if pd.notna(seen):
            ax.scatter(seen, position, s=55, color=colour, zorder=4)
            ax.annotate(f"{seen - low:+.3g}".replace("-", "\u2212"), (max(ends), position),
                        xytext=(9, 0), textcoords="offset points", va="center", fontsize="small",
                        color=colour)  # fmt: skip
    ax.set_yticks(range(len(rows)), _row_labels(rows, y, lang))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(_axis_label(rows["unit_norm"].iloc[0] if len(rows) else "%", lang))
    _tidy(ax)
    verdicts = [_verdict(v) for v in rows[met]] if len(rows) else []
    ax.legend(handles=_dumbbell_legend(list(rows[qualifier]), verdicts, lang), loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)  # fmt: skip
    if len(rows) and rows["region"].nunique() == 1:
        periods = "、".join(map(str, sorted(set(rows["period"])))) if lang == "zh" else \
            ", ".join(map(str, sorted(set(rows["period"]))))  # fmt: skip
        ax.set_title(_text("tva_title", lang).format(region=region_label(rows["region"].iloc[0], lang),
                                                     periods=periods))  # fmt: skip
    return ax


def _verdict(value) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


def _dumbbell_legend(qualifiers: list, verdicts: list, lang: str) -> list[Line2D]:
    handles = []
    for word in [q for q in QUALIFIER_MARKERS if q in qualifiers]:
        handles.append(Line2D([], [], ls="", marker=QUALIFIER_MARKERS[word], markersize=9,
                              color=TARGET_COLOUR, markeredgewidth=1.6,
                              markerfacecolor="white" if word in ("about", "range") else TARGET_COLOUR,
                              label=f"{_text('target', lang)} ({qualifier_label(word, lang)})"))  # fmt: skip
    names = {True: "met", False: "missed", None: "no_outcome"}
    for verdict in [v for v in (True, False, None) if v in verdicts]:
        handles.append(Line2D([], [], ls="", marker="o", color=MET_COLOURS[verdict],
                              label=_text(names[verdict], lang)))  # fmt: skip
    return handles


# -- regions side by side -----------------------------------------------------------------------


def cross_region_plot(data: pd.DataFrame, *, lang="zh", title=None, ax=None):
    """One row per indicator, one marker per region (a colour and a shape each).

    `data` is a `cross_region` table (regions as rows, "indicator (unit)" columns) whose
    columns share one unit, such as growth rates; levels differ in scale, so they are drawn
    by `cross_region_levels_plot`, one panel per indicator.
    """
    check_lang(lang)
    units = sorted({_split_column(c)[1] for c in data.columns})
    if len(units) > 1:
        raise ParameterError(f"data: columns in several units ({', '.join(units)}); valid: columns of "
                             "one unit, or cross_region_levels_plot for one panel each")  # fmt: skip
    columns, regions = list(data.columns), list(data.index)
    ax = _axes(ax, 0.42 * len(columns) + 1.4)
    if not columns:
        ax.text(0.5, 0.5, _text("no_figures", lang), ha="center", va="center", transform=ax.transAxes)
    if len(regions) > len(REGION_COLOURS):
        _many_regions(ax, data, columns, lang)
    else:
        _few_regions(ax, data, columns, regions, lang)
    ax.set_yticks(range(len(columns)), [indicator_label(_split_column(c)[0], lang) for c in columns])
    ax.set_ylim(len(columns) - 0.5, -0.5)
    ax.set_xlabel(_axis_label(units[0] if units else "%", lang))
    _tidy(ax)
    if title:
        ax.set_title(title)
    return ax


def _few_regions(ax, data: pd.DataFrame, columns: list, regions: list, lang: str) -> None:
    """A marker per region, each in its own colour and shape, named in a legend."""
    for row, column in enumerate(columns):
        values = data[column].dropna()
        if len(values) > 1:
            ax.plot([values.min(), values.max()], [row, row], color="#dddddd", lw=2, zorder=1)
    # Regions stating one value would hide each other: each is nudged up or down a little.
    step = min(0.15, 0.6 / max(1, len(regions)))
    for index, region in enumerate(regions):
        offset = (index - (len(regions) - 1) / 2) * step
        ax.scatter(data.loc[region].to_numpy(dtype=float), np.arange(len(columns)) + offset, s=60, zorder=3,
                   color=REGION_COLOURS[index % 7], marker=REGION_MARKERS[index % 7],
                   label=region_label(region, lang))  # fmt: skip
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def _many_regions(ax, data: pd.DataFrame, columns: list, lang: str) -> None:
    """More regions than colours: a grey dot per region, the middle half of them as a box with
    the median marked, and the lowest and highest region named at the ends of the row (when
    no other region shares its value)."""
    for row, column in enumerate(columns):
        values = data[column].dropna().sort_values(kind="stable")
        if values.empty:
            continue
        low, middle, high = values.quantile([0.25, 0.5, 0.75])
        ax.add_patch(Rectangle((low, row - 0.2), high - low, 0.4, facecolor="#e8eef6", edgecolor=TARGET_COLOUR,
                               lw=0.8, zorder=1))  # fmt: skip
        ax.plot([middle, middle], [row - 0.2, row + 0.2], color=TARGET_COLOUR, lw=2, zorder=2)
        ax.scatter(values, np.full(len(values), row), s=14, color="#555555", alpha=0.6, zorder=3)
        ends = [("right", values.index[0], values.iloc[0], values.iloc[1:2])]
        if len(values) > 1:
            ends.append(("left", values.index[-1], values.iloc[-1], values.iloc[-2:-1]))
        for side, region, value, neighbour in ends:
            if (neighbour == value).any():
                continue  # shared by several regions: no one region to name
            ax.annotate(region_label(region, lang), (value, row), xytext=(-4 if side == "right" else 4, 9),
                        textcoords="offset points", ha=side, fontsize="x-small", color="#555555")  # fmt: skip
    ax.margins(x=0.12)
    ax.text(1.0, 1.0, _text("regions_count", lang).format(count=len(data.index)), transform=ax.transAxes,
            ha="right", va="bottom", fontsize="small", color="#555555")  # fmt: skip


def cross_region_levels_plot(data: pd.DataFrame, *, lang="zh", title=None, axes=None):
    """One small panel per indicator, each on its own scale: a bar per region, its value written.

    `data` is a `cross_region` table of levels (亿元, 元, 人 ...). Returns the array of Axes,
    one per column (`axes`, if given, must hold at least that many).
    """
    check_lang(lang)
    columns, regions = list(data.columns), list(data.index)
    if not columns:  # a year whose reports state no level: say so rather than fail
        ax = _axes(axes[0] if axes is not None else None, 1.5)
        ax.set_axis_off()
        ax.text(0.5, 0.5, _text("no_figures", lang), ha="center", va="center", transform=ax.transAxes)
        return np.array([ax])
    if axes is None:
        ncols = min(3, len(columns))
        nrows = math.ceil(len(columns) / ncols)
        figure, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, (0.42 * len(regions) + 1.3) * nrows),
                                    layout="constrained", squeeze=False)  # fmt: skip
        for spare in axes.flat[len(columns):]:
            spare.set_axis_off()
        if title:
            figure.suptitle(title)
    axes = np.asarray(axes).ravel()[: len(columns)]
    names = [region_label(r, lang) for r in regions]
    for ax, column in zip(axes, columns):
        indicator, unit = _split_column(column)
        values = data[column].to_numpy(dtype=float)
        many = len(regions) > len(REGION_COLOURS)  # more regions than colours: one colour, names say who
        ax.barh(range(len(regions)), np.nan_to_num(values), height=0.6,
                color=[TARGET_COLOUR if many else REGION_COLOURS[i] for i in range(len(regions))])  # fmt: skip
        for row, value in enumerate(values):
            ax.annotate("—" if np.isnan(value) else f"{value:,.6g}", (0 if np.isnan(value) else value, row),
                        xytext=(3, 0), textcoords="offset points", va="center", fontsize="small")  # fmt: skip
        # The values are written on the bars: no x axis; region names once per row of panels.
        first = ax.get_subplotspec() is None or ax.get_subplotspec().is_first_col()
        ax.set_yticks(range(len(regions)), names if first else [])
        ax.set_ylim(len(regions) - 0.5, -0.5)
        ax.set_title(f"{indicator_label(indicator, lang)} ({unit_label(unit, lang)})", fontsize="medium")
        ax.margins(x=0.3)
        ax.xaxis.set_visible(False)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
    return axes


def _split_column(column: str) -> tuple[str, str]:
    """'gdp (亿元)' -> ('gdp', '亿元')."""
    indicator, _, unit = str(column).partition(" (")
    return indicator, unit[:-1] if unit.endswith(")") else unit


# -- a region's targets against its parent's ----------------------------------------------------


def amplification_plot(data: pd.DataFrame, *, lang="zh", ax=None):
    """Each region's target (blue) beside its parent's (orange), a pair of bars per indicator,
    with the difference (region - parent) written at the end of the pair.

    `data` is an `amplification` table in one unit (growth targets: a county's amounts are a
    fraction of its city's, so levels stay in the table).
    """
    check_lang(lang)
    rows = _one_unit(_in_indicator_order(data, "indicator"))
    ax = _axes(ax, 0.6 * len(rows) + 1.4)
    positions = np.arange(len(rows))
    pairs = sorted(set(zip(rows["region"], rows["parent_region"])))
    child, parent = (_text("region_target", lang), _text("parent_target", lang))
    if len(pairs) == 1:
        child, parent = (region_label(name, lang) for name in pairs[0])
    ax.barh(positions - 0.2, rows["target"], height=0.4, color=TARGET_COLOUR, label=child)
    ax.barh(positions + 0.2, rows["parent_target"], height=0.4, color=PARENT_COLOUR, label=parent)
    for position, row in enumerate(rows.itertuples(index=False)):
        end = max(row.target, row.parent_target)
        shown = "0" if row.difference == 0 else f"{row.difference:+.3g}".replace("-", "\u2212")
        ax.annotate(shown, (end, position), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize="small")  # fmt: skip
    labels = _row_labels(rows, "indicator", lang)
    if len(pairs) > 1:
        labels = [f"{region_label(r, lang)}: {label}" for r, label in zip(rows["region"], labels)]
    ax.set_yticks(positions, labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(_axis_label(rows["unit_norm"].iloc[0] if len(rows) else "%", lang))
    ax.margins(x=0.08)
    _tidy(ax)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    if len(pairs) == 1:
        periods = ", ".join(map(str, sorted(set(rows["period"]))))
        ax.set_title(_text("level_title", lang).format(region=child, parent=parent, periods=periods))
    return ax


# -- shared pieces ------------------------------------------------------------------------------


def _axes(ax, height: float):
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, height)), layout="constrained")
    return ax


def _tidy(ax) -> None:
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _in_indicator_order(data: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows in the contract's order of indicators (gdp first), then by region and period."""
    order = {name: number for number, name in enumerate(INDICATORS)}
    keys = [c for c in ("region", "period") if c in data]
    rank = data[column].map(order).fillna(len(order))
    return data.assign(_rank=rank).sort_values([*keys, "_rank"], kind="stable").drop(columns="_rank")


def _one_unit(rows: pd.DataFrame) -> pd.DataFrame:
    units = sorted(set(rows["unit_norm"])) if "unit_norm" in rows else []
    if len(units) > 1:
        raise ParameterError(f"data: rows in several units ({', '.join(units)}); valid: rows of one "
                             "unit (select one measure, or indicators of one unit)")  # fmt: skip
    return rows.reset_index(drop=True)


def _row_labels(rows: pd.DataFrame, column: str, lang: str) -> list[str]:
    """Indicator names, with the year where the rows span several years."""
    names = [indicator_label(i, lang) for i in rows[column]]
    if "period" in rows and rows["period"].nunique() > 1:
        names = [f"{name} {period}" for name, period in zip(names, rows["period"])]
    return names


def _axis_label(unit: str, lang: str) -> str:
    return _text("growth_axis", lang).format(unit=unit_label(unit, lang)) if unit == "%" else \
        unit_label(unit, lang)  # fmt: skip


_TEXTS = {
    "growth_axis": ("增速({unit})", "growth ({unit})"),
    "target": ("目标", "target"),
    "met": ("完成", "met"),
    "missed": ("未完成", "missed"),
    "no_outcome": ("暂无结果", "no outcome yet"),
    "no_figures": ("无数据", "no figures"),
    "regions_count": ("{count}个地区", "{count} regions"),
    "region_target": ("本级目标", "region's target"),
    "parent_target": ("上级目标", "parent's target"),
    "tva_title": ("{region} {periods}年：目标与实际", "{region}, {periods}: targets and outcomes"),
    "level_title": ("{region}与{parent} {periods}年目标", "{region} and {parent}: targets for {periods}"),
}


def _text(key: str, lang: str) -> str:
    return _TEXTS[key][0 if lang == "zh" else 1]


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

    The figure is drawn twice (PNG, then SVG with the PNG's layout) and closed in pyplot:
    a notebook shows the PNG it wrote instead of drawing the figure a third time. It can
    still be changed and saved again."""
    if not name or not name.isascii() or "/" in name:
        raise ParameterError(f"name {name!r} is not a plain ASCII file name; valid: e.g. "
                             "target_vs_actual_ganxianqu_2020")  # fmt: skip
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    titles = [figure.get_suptitle(), *(ax.get_title() for ax in figure.axes)]
    alt = "; ".join(dict.fromkeys(t for t in titles if t))
    saved = SavedFigure(folder / f"{name}.png", folder / f"{name}.svg", alt)
    figure.savefig(saved.png, dpi=PNG_DPI, metadata={"Software": None})
    engine = figure.get_layout_engine()
    if engine is not None:
        figure.set_layout_engine("none")  # the layout is computed once, for the PNG
    try:
        figure.savefig(saved.svg, metadata={"Date": None, "Creator": None})
    finally:
        if engine is not None:
            figure.set_layout_engine(engine)
    plt.close(figure)
    return saved

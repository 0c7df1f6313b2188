"""Figures of the comparison tables.

Every function takes a table of `analysis.compare`, column names as keyword
arguments, `lang` ("zh" or "en") and an optional `ax`; it draws and returns
the Axes. Saving is `save_figure`. The CJK font, colours and the other pieces
all figures share are in `analysis.pages.plot_base` (imported here, so that
`plot.save_figure`, `plot.FONT_NAME` and the colours are this module's names
too); a region's record over the years is `over_time_plot` (`analysis.pages.plot_time`).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..errors import ParameterError
from ..labels import check_lang, indicator_label, qualifier_label, region_label
from ..units import format_number, format_value
from .plot_base import (  # noqa: F401 (the names figures and notebooks use: plot.save_figure, ...)
    FONT_FILE,
    FONT_NAME,
    LEVEL_COLOURS,
    LEVEL_MARKERS,
    MET_COLOURS,
    PARENT_COLOUR,
    PNG_DPI,
    QUALIFIER_MARKERS,
    REGION_COLOURS,
    REGION_MARKERS,
    TARGET_COLOUR,
    SavedFigure,
    axis_label,
    cjk_font_path,
    in_indicator_order,
    new_axes,
    one_unit,
    row_labels,
    save_figure,
    tidy,
    use_cjk_font,
    value_axis,
    verdict,
    words,
)
from .plot_overview import coverage_plot, level_gap_plot, met_share_plot, wording_plot  # noqa: F401
from .plot_time import over_time_plot  # noqa: F401

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
    rows = one_unit(in_indicator_order(data[data[target].notna()], y))
    ax = new_axes(ax, 0.45 * len(rows) + 1.4)
    high = rows["target_high"] if "target_high" in rows else pd.Series(np.nan, index=rows.index)
    for position, (_, values) in enumerate(rows.iterrows()):
        low, top, seen, word = values[target], high.iloc[position], values[outcome], values[qualifier]
        colour = MET_COLOURS[verdict(values[met])]
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
            ax.annotate(format_number(seen - low, signed=True), (max(ends), position),
                        xytext=(9, 0), textcoords="offset points", va="center", fontsize="small",
                        color=colour)  # fmt: skip
    ax.set_yticks(range(len(rows)), row_labels(rows, y, lang))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    value_axis(ax, [*rows[target], *rows[outcome]], rows["unit_norm"].iloc[0] if len(rows) else "%", lang,
               indicators=rows[y])  # fmt: skip
    tidy(ax)
    verdicts = [verdict(v) for v in rows[met]] if len(rows) else []
    ax.legend(handles=_dumbbell_legend(list(rows[qualifier]), verdicts, lang), loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)  # fmt: skip
    if len(rows) and rows["region"].nunique() == 1:
        periods = "、".join(map(str, sorted(set(rows["period"])))) if lang == "zh" else \
            ", ".join(map(str, sorted(set(rows["period"]))))  # fmt: skip
        ax.set_title(words("tva_title", lang).format(region=region_label(rows["region"].iloc[0], lang),
                                                     periods=periods))  # fmt: skip
    return ax


def _dumbbell_legend(qualifiers: list, verdicts: list, lang: str) -> list[Line2D]:
    handles = []
    for word in [q for q in QUALIFIER_MARKERS if q in qualifiers]:
        handles.append(Line2D([], [], ls="", marker=QUALIFIER_MARKERS[word], markersize=9,
                              color=TARGET_COLOUR, markeredgewidth=1.6,
                              markerfacecolor="white" if word in ("about", "range") else TARGET_COLOUR,
                              label=f"{words('target', lang)} ({qualifier_label(word, lang)})"))  # fmt: skip
    names = {True: "met", False: "missed", None: "no_outcome"}
    for found in [v for v in (True, False, None) if v in verdicts]:
        handles.append(Line2D([], [], ls="", marker="o", color=MET_COLOURS[found],
                              label=words(names[found], lang)))  # fmt: skip
    return handles


# -- regions side by side -----------------------------------------------------------------------


def cross_region_plot(data: pd.DataFrame, *, reference=None, reference_label=None, lang="zh", title=None,
                      ax=None):  # fmt: skip
    """One row per indicator, one marker per region (a colour and a shape each).

    `data` is a `cross_region` table (regions as rows, "indicator (unit)" columns) whose
    columns share one unit, such as growth rates; levels differ in scale, so they are drawn
    by `cross_region_levels_plot`, one panel per indicator. `reference` (a value per column,
    such as the parent region's targets) is drawn as a dashed line across each row, named
    `reference_label` in the legend.
    """
    check_lang(lang)
    units = sorted({_split_column(c)[1] for c in data.columns})
    if len(units) > 1:
        raise ParameterError(f"data: columns in several units ({', '.join(units)}); valid: columns of "
                             "one unit, or cross_region_levels_plot for one panel each")  # fmt: skip
    columns, regions = list(data.columns), list(data.index)
    ax = new_axes(ax, 0.42 * len(columns) + 1.4)
    if not columns:
        ax.text(0.5, 0.5, words("no_figures", lang), ha="center", va="center", transform=ax.transAxes)
    if reference is not None:
        _reference_lines(ax, reference, columns, reference_label)
    if len(regions) > len(REGION_COLOURS):
        _many_regions(ax, data, columns, lang)
    else:
        _few_regions(ax, data, columns, regions, lang)
    ax.set_yticks(range(len(columns)), [indicator_label(_split_column(c)[0], lang) for c in columns])
    ax.set_ylim(len(columns) - 0.5, -0.5)
    value_axis(ax, data.to_numpy(dtype=float).ravel(), units[0] if units else "%", lang,
               indicators=[_split_column(c)[0] for c in columns])  # fmt: skip
    tidy(ax)
    if title:
        ax.set_title(title)
    return ax


def _reference_lines(ax, reference: pd.Series, columns: list, label) -> None:
    """A dashed line across each row at the reference value; one legend entry for them all."""
    drawn = False
    for row, column in enumerate(columns):
        value = reference.get(column, np.nan)
        if pd.notna(value):
            ax.plot([value, value], [row - 0.38, row + 0.38], color=PARENT_COLOUR, lw=2.2, ls="--", zorder=2,
                    gid="reference", label=label if label and not drawn else "_nolegend_")  # fmt: skip
            drawn = True


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
    if any(line.get_gid() == "reference" for line in ax.lines):
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.text(1.0, 1.0, words("regions_count", lang).format(count=len(data.index)), transform=ax.transAxes,
            ha="right", va="bottom", fontsize="small", color="#555555")  # fmt: skip


def cross_region_levels_plot(data: pd.DataFrame, *, lang="zh", title=None, axes=None):
    """One small panel per indicator, each on its own scale: a bar per region, its value written.

    `data` is a `cross_region` table of levels (亿元, 元, 人 ...). Returns the array of Axes,
    one per column (`axes`, if given, must hold at least that many).
    """
    check_lang(lang)
    columns, regions = list(data.columns), list(data.index)
    if not columns:  # a year whose reports state no level: say so rather than fail
        ax = new_axes(axes[0] if axes is not None else None, 1.5)
        ax.set_axis_off()
        ax.text(0.5, 0.5, words("no_figures", lang), ha="center", va="center", transform=ax.transAxes)
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
            ax.annotate("—" if np.isnan(value) else format_value(value, unit, lang), (0 if np.isnan(value) else value, row),
                        xytext=(3, 0), textcoords="offset points", va="center", fontsize="small")  # fmt: skip
        # The values are written on the bars: no x axis; region names once per row of panels.
        first = ax.get_subplotspec() is None or ax.get_subplotspec().is_first_col()
        ax.set_yticks(range(len(regions)), names if first else [])
        ax.set_ylim(len(regions) - 0.5, -0.5)
        ax.set_title(indicator_label(indicator, lang), fontsize="medium")
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


# -- a region's targets along its chain of levels -----------------------------------------------


def chain_plot(data: pd.DataFrame, *, lang="zh", title=None, ax=None):
    """One row per indicator: the region's target and each ancestor's (a colour and a shape per
    level, nearest first), joined by a grey line; the gap to the nearest ancestor on the row
    (region - ancestor) is written at its end.

    `data` is an `amplification` table of one region, in one unit (growth targets: a county's
    amounts are a fraction of its city's, so levels stay in the table).
    """
    check_lang(lang)
    rows = one_unit(in_indicator_order(data, "indicator"))
    regions = sorted(set(rows["region"]))
    if len(regions) > 1:
        raise ParameterError(f"data: rows of several regions ({', '.join(regions)}); valid: the "
                             "amplification rows of one region")  # fmt: skip
    keys = list(dict.fromkeys(zip(rows["indicator"], rows["period"])))
    chain = [*regions, *dict.fromkeys(rows.sort_values("steps", kind="stable")["ancestor"])]
    ax = new_axes(ax, 0.5 * len(keys) + 1.4)
    values: dict[str, list] = {name: [] for name in chain}
    for position, key in enumerate(keys):
        on_row = rows[[(i, p) == key for i, p in zip(rows["indicator"], rows["period"])]]
        on_row = on_row.sort_values("steps", kind="stable")
        points = {on_row["region"].iloc[0]: on_row["target"].iloc[0],
                  **dict(zip(on_row["ancestor"], on_row["ancestor_target"]))}  # fmt: skip
        for name, value in points.items():
            values[name].append((value, position))
        ax.plot([min(points.values()), max(points.values())], [position, position], color="#dddddd", lw=2,
                zorder=1)  # fmt: skip
        gap = on_row["gap"].iloc[0]
        shown = format_number(gap, signed=True)
        ax.annotate(shown, (max(points.values()), position), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize="small")  # fmt: skip
    for index, name in enumerate(chain):
        if values[name]:
            x, y = zip(*values[name])
            ax.scatter(x, y, s=90 if index == 0 else 60, zorder=3 if index else 4, gid=f"level-{index}",
                       color=LEVEL_COLOURS[index % len(LEVEL_COLOURS)], marker=LEVEL_MARKERS[index % len(LEVEL_MARKERS)],
                       label=region_label(name, lang))  # fmt: skip
    ax.set_yticks(range(len(keys)), row_labels(pd.DataFrame(keys, columns=["indicator", "period"]), "indicator", lang))
    ax.set_ylim(len(keys) - 0.5, -0.5)
    value_axis(ax, [*rows["target"], *rows["ancestor_target"]], rows["unit_norm"].iloc[0] if len(rows) else "%",
               lang, indicators=rows["indicator"])  # fmt: skip
    ax.margins(x=0.1)
    tidy(ax)
    if keys:
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    if title:
        ax.set_title(title)
    return ax

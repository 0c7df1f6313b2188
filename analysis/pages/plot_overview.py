"""The overview's four figures: coverage, targets met, the gap to the level above, the wording.

Each takes a table of `analysis.compare.overview` (a row per year and level, or per level and
wording, with the regions, targets and reports behind it), `lang` and an optional `ax`, draws,
writes beside every point or bar the count of reports behind it, and returns the Axes.
Levels keep one colour and shape in every figure. `analysis.pages.plot` re-exports them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..labels import check_lang, level_label
from ..units import format_number
from .plot_base import new_axes, words

# A level's colour and marker in every overview figure (the nation dark, counties light).
LEVEL_STYLE = {"country": ("#762a83", "D"), "province": ("#2166ac", "s"), "city": ("#1b7837", "o"),
               "county": ("#d6604d", "^"), "district": ("#f4a582", "v"), "other": ("#878787", "P")}  # fmt: skip
WORDING_COLOURS = {"floor": "#2166ac", "soft": "#92c5de", "other": "#dddddd"}
WORDING_NAMES = {"floor": ("底线（以上、确保）", "floor (以上, 确保)"), "soft": ("约数（左右）", "soft aim (左右)"),
                 "other": ("其他（确数、上限、区间）", "other (exact, ceiling, range)")}  # fmt: skip


def _levels(data: pd.DataFrame) -> list[str]:
    return [level for level in LEVEL_STYLE if level in set(data["region_level"])]


def _year_axis(ax, years) -> None:
    years = sorted({int(y) for y in years})
    if not years:
        return
    first, last = years[0], years[-1]
    step = 1 if last - first <= 12 else (2 if last - first <= 24 else 5)
    ticks = [y for y in range(first, last + 1) if (y - first) % step == 0]
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(first - 0.7, last + 0.7)


def _tidy(ax, axis: str = "y") -> None:
    ax.set_axisbelow(True)
    ax.grid(axis=axis, color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def coverage_plot(data: pd.DataFrame, *, lang: str = "zh", ax=None):
    """Regions with reports by report year, a stacked bar per year with a part per level; the
    count of reports written above each bar."""
    check_lang(lang)
    ax = new_axes(ax, 4.0)
    years = sorted({int(y) for y in data["year"]})
    bottom = pd.Series(0.0, index=years)
    for level in _levels(data):
        rows = data[data["region_level"] == level].set_index("year")["value"].reindex(years, fill_value=0.0)
        ax.bar(years, rows.to_numpy(), bottom=bottom.to_numpy(), color=LEVEL_STYLE[level][0], width=0.8,
               label=level_label(level, lang), gid=f"coverage-{level}")  # fmt: skip
        bottom += rows
    reports = data.groupby("year")["reports"].sum()
    for year in years:
        ax.annotate(format_number(reports[year]), (year, bottom[year]), xytext=(0, 2), textcoords="offset points",
                    ha="center", fontsize="x-small", color="#555555")  # fmt: skip
    _year_axis(ax, years)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # regions are counted: no 1.5 regions
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v)))
    ax.set_ylabel(words("regions_axis", lang))
    ax.set_title(words("coverage_title", lang))
    _tidy(ax)
    if years:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    return ax


def by_year_plot(data: pd.DataFrame, *, percent: bool = False, title: str = "", ylabel: str = "",
                 lang: str = "zh", ax=None):  # fmt: skip
    """A line per level over the years (a share in % with `percent`, else the value as it is), the
    count of reports behind each point written beside it; a dashed line at 0 for gaps."""
    check_lang(lang)
    ax = new_axes(ax, 4.0)
    scale = 100.0 if percent else 1.0
    for level in _levels(data):
        rows = data[data["region_level"] == level].sort_values("year")
        colour, marker = LEVEL_STYLE[level]
        full = np.arange(int(rows["year"].min()), int(rows["year"].max()) + 1)
        values = rows.set_index("year")["value"].reindex(full).to_numpy(dtype=float) * scale
        ax.plot(full, values, color=colour, lw=1.5, zorder=2)  # broken where a year has no figure
        ax.scatter(rows["year"], rows["value"] * scale, color=colour, marker=marker, s=36, zorder=3,
                   label=level_label(level, lang), gid=f"level-{level}")  # fmt: skip
        for year, value, reports in zip(rows["year"], rows["value"] * scale, rows["reports"]):
            ax.annotate(format_number(reports), (year, value), xytext=(4, 3), textcoords="offset points",
                        fontsize="xx-small", color=colour)  # fmt: skip
    if not percent:
        ax.axhline(0, color="#999999", lw=0.8, ls="--", zorder=1)
    else:
        ax.set_ylim(-5, 105)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v) + ("%" if percent else "")))
    _year_axis(ax, data["year"])
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    _tidy(ax)
    if len(data):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    return ax


def met_share_plot(data: pd.DataFrame, *, lang: str = "zh", ax=None):
    """`met_shares`: the share of targets met, a line per level over the target years."""
    return by_year_plot(data, percent=True, title=words("met_title", lang), ylabel=words("met_axis", lang),
                        lang=lang, ax=ax)  # fmt: skip


def level_gap_plot(data: pd.DataFrame, *, lang: str = "zh", ax=None):
    """`level_gaps`: each level's GDP growth target minus the nearest level above's, by year."""
    return by_year_plot(data, title=words("gap_title", lang), ylabel=words("gap_axis", lang), lang=lang, ax=ax)


def wording_plot(data: pd.DataFrame, *, lang: str = "zh", ax=None):
    """`wording_shares`: a bar per level split into floors, soft aims and the rest (shares of its
    numeric targets), the targets and reports behind each bar written at its end."""
    check_lang(lang)
    levels = _levels(data)
    ax = new_axes(ax, 0.5 * len(levels) + 1.6)
    for row, level in enumerate(levels):
        rows = data[data["region_level"] == level].set_index("wording")
        left = 0.0
        for word in WORDING_COLOURS:
            share = float(rows["value"].get(word, 0.0)) * 100
            ax.barh(row, share, left=left, color=WORDING_COLOURS[word], height=0.6, gid=f"wording-{level}-{word}",
                    label=WORDING_NAMES[word][0 if lang == "zh" else 1] if row == 0 else None)  # fmt: skip
            if share >= 8:
                ax.text(left + share / 2, row, f"{format_number(share, 0)}%", ha="center", va="center",
                        fontsize="x-small", color="white" if word == "floor" else "#222222")  # fmt: skip
            left += share
        targets, reports = int(rows["targets"].sum()), int(rows["reports"].iloc[0]) if len(rows) else 0
        ax.annotate(words("targets_reports", lang).format(targets=format_number(targets), reports=format_number(reports)),
                    (100, row), xytext=(4, 0), textcoords="offset points", va="center", fontsize="x-small")  # fmt: skip
    ax.set_yticks(range(len(levels)), [level_label(level, lang) for level in levels])
    ax.set_ylim(len(levels) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{format_number(v)}%"))
    ax.set_title(words("wording_title", lang))
    _tidy(ax, "x")
    if levels:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize="small", frameon=False)
    return ax

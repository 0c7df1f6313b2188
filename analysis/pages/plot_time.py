"""A region's record over the years: the classic figure of targets and outcomes.

One line of outcomes year after year, and each year's target drawn as it was worded: a band
for a range (6%-6.5%), a floor for 以上 (a triangle pointing up: the outcome should be at or
above it), a ceiling for 以内 (pointing down), a dot for 左右 (hollow) or a bare number
(filled). Each outcome is green where the target was met, pink where it was missed and grey
where the year has no numeric target. `analysis.pages.plot` re-exports `over_time_plot`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..compare.schemas import CEILING_INDICATORS
from ..errors import ParameterError
from ..labels import check_lang, indicator_label, measure_label, qualifier_label, region_label
from .plot_base import MET_COLOURS, TARGET_COLOUR, new_axes, one_unit, value_axis, verdict, words

# Target markers on a vertical scale: the shape says how the target was worded (a range is a band).
TIME_MARKERS = {"at_least": "^", "at_most": "v", "about": "o", "exact": "o"}
HOLLOW = ("about",)
OUTCOME_COLOUR = "#444444"
BAND_WIDTH = 0.56  # of a year


def over_time_plot(data: pd.DataFrame, *, x="period", target="target", outcome="outcome", qualifier="qualifier",
                   met="met", lang="zh", title=None, ax=None):  # fmt: skip
    """Targets by their wording and outcomes as a line, year by year (see the module's words).

    `data` is an `over_time` table of one region, indicator and measure (one row per year).
    Artists carry a gid saying what they are: target-range (a band per year), target-at_least,
    target-at_most, target-about, target-exact, outcome-line, outcome-met, outcome-missed,
    outcome-none (no numeric target that year). The title names the series unless `title`.
    """
    check_lang(lang)
    rows = one_unit(data.sort_values(x, kind="stable"))
    series = sorted(set(zip(rows["region"], rows["indicator"], rows["measure"])))
    if len(series) > 1:
        raise ParameterError(f"data: rows of {len(series)} series; valid: the over_time rows of one region, "
                             "indicator and measure")  # fmt: skip
    ax = new_axes(ax, 4.2)
    handles = _targets(ax, rows, x, target, qualifier, lang)
    handles += _outcomes(ax, rows, x, outcome, met, lang)
    years = [int(year) for year in rows[x]]
    if years:
        handles += _year_axis(ax, years, lang)
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    value_axis(ax, [*rows[target], *rows.get("target_high", []), *rows[outcome]],
               rows["unit_norm"].iloc[0] if len(rows) and rows["unit_norm"].iloc[0] else "%", lang, which="y",
               indicators=rows["indicator"])  # fmt: skip
    ax.set_axisbelow(True)
    ax.grid(axis="y", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title is None and series:
        region, indicator, measure = series[0]
        # A rate (失业率, cpi) is its own measure: "城镇调查失业率", not "城镇调查失业率增速".
        measure = "" if indicator in CEILING_INDICATORS else measure_label(measure, lang)
        title = words("time_title", lang).format(region=region_label(region, lang),
                                                 indicator=indicator_label(indicator, lang, region),
                                                 measure=measure if lang == "zh" else f" {measure}".rstrip())  # fmt: skip
    if title:
        ax.set_title(title)
    return ax


def _year_axis(ax, years: list[int], lang: str) -> list:
    """Every year from the first to the last on the axis, a tick each (every 2nd or 5th over a
    long span), and each year the reports say nothing of shaded: a gap is shown as a gap."""
    first, last = min(years), max(years)
    step = 1 if last - first <= 16 else (2 if last - first <= 32 else 5)
    ticks = [year for year in range(first, last + 1) if (year - first) % step == 0]
    ax.set_xticks(ticks, [str(year) for year in ticks])
    ax.set_xlim(first - 0.7, last + 0.7)
    missing = sorted(set(range(first, last + 1)) - set(years))
    for year in missing:
        ax.axvspan(year - 0.5, year + 0.5, color="#f0f0f0", zorder=0, lw=0, gid="year-missing")
    return [Patch(color="#f0f0f0", label=words("no_report", lang))] if missing else []


def _targets(ax, rows: pd.DataFrame, x: str, target: str, qualifier: str, lang: str) -> list:
    """Each numeric target by its wording; returns the legend entries of the wordings drawn."""
    numeric = rows[rows[target].notna()]
    high = numeric["target_high"] if "target_high" in numeric else pd.Series(np.nan, index=numeric.index)
    handles = []
    ranges = numeric[(numeric[qualifier] == "range") & high.notna()]
    for year, low, top in zip(ranges[x], ranges[target], high[ranges.index]):
        ax.add_patch(Rectangle((year - BAND_WIDTH / 2, low), BAND_WIDTH, top - low, facecolor=TARGET_COLOUR,
                               alpha=0.25, edgecolor=TARGET_COLOUR, lw=1.2, zorder=2, gid="target-range"))  # fmt: skip
    if len(ranges):
        handles.append(Patch(facecolor=TARGET_COLOUR, alpha=0.25, edgecolor=TARGET_COLOUR,
                             label=f"{words('target', lang)} ({qualifier_label('range', lang)})"))  # fmt: skip
    points = numeric.drop(index=ranges.index)
    wording = points[qualifier].where(points[qualifier].isin(list(TIME_MARKERS)), "exact")
    for word, marker in TIME_MARKERS.items():
        chosen = points[wording == word]
        if chosen.empty:
            continue
        face = "white" if word in HOLLOW else TARGET_COLOUR
        ax.scatter(chosen[x], chosen[target], s=90, marker=marker, facecolor=face, edgecolor=TARGET_COLOUR,
                   linewidth=1.6, zorder=3, gid=f"target-{word}")  # fmt: skip
        handles.append(Line2D([], [], ls="", marker=marker, markersize=9, markerfacecolor=face,
                              markeredgecolor=TARGET_COLOUR, markeredgewidth=1.6,
                              label=f"{words('target', lang)} ({qualifier_label(word, lang)})"))  # fmt: skip
    return handles


def _outcomes(ax, rows: pd.DataFrame, x: str, outcome: str, met: str, lang: str) -> list:
    """The outcomes as a line (broken where a year has none) and a dot each, by verdict."""
    handles = []
    if rows[outcome].notna().any():
        years = np.arange(int(rows[x].min()), int(rows[x].max()) + 1)
        values = rows.set_index(x)[outcome].reindex(years).to_numpy(dtype=float)
        ax.plot(years, values, color=OUTCOME_COLOUR, lw=1.8, zorder=4, gid="outcome-line")
        handles.append(Line2D([], [], color=OUTCOME_COLOUR, lw=1.8, label=words("outcome", lang)))
    seen = rows[rows[outcome].notna()]
    verdicts = [verdict(v) for v in seen[met]]
    names = {True: "met", False: "missed", None: "none"}
    for found in (True, False, None):
        chosen = seen[[v is found for v in verdicts]]
        if chosen.empty:
            continue
        ax.scatter(chosen[x], chosen[outcome], s=45, color=MET_COLOURS[found], zorder=5, gid=f"outcome-{names[found]}")
        label = words("no_target", lang) if found is None else words(names[found], lang)
        handles.append(Line2D([], [], ls="", marker="o", color=MET_COLOURS[found], label=label))
    return handles

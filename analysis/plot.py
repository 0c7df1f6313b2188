"""Figures of the comparison tables; CJK font set-up.

Every function takes a table of `analysis.compare`, column names as keyword
arguments, `lang` ("zh" or "en") and an optional `ax`; it draws and returns
the Axes. Saving is `save_figure`. Chinese labels use the Noto Sans CJK SC
font that the mplfonts package ships, registered with matplotlib's font
manager when this module is imported (matplotlib's own files are untouched).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.lines import Line2D

from .labels import check_lang, indicator_label, qualifier_label, region_label, unit_label

FONT_FILE = "NotoSansCJKsc-Regular.otf"

# Target markers say how the target was worded: a floor points right, a ceiling
# left, 左右 is an open circle, a bare number a diamond; ranges draw their span.
QUALIFIER_MARKERS = {"at_least": ">", "at_most": "<", "about": "o", "exact": "D", "range": "s"}
MET_COLOURS = {True: "#1b7837", False: "#c51b7d", None: "#878787"}
TARGET_COLOUR = "#2166ac"


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
    matplotlib.rcParams["font.sans-serif"] = [name, *matplotlib.rcParams["font.sans-serif"]]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212
    matplotlib.rcParams["svg.hashsalt"] = "analysis"  # stable SVG ids: same figure, same file
    return name


FONT_NAME = use_cjk_font()


def _axes(ax, height: float):
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, height)), layout="constrained")
    return ax


def _met_key(value) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


def target_vs_actual_plot(data: pd.DataFrame, *, y="indicator", target="target", outcome="outcome",
                          qualifier="qualifier", met="met", lang="zh", ax=None):  # fmt: skip
    """A dumbbell per indicator: the target (marker by its wording) and the outcome
    (green met, pink missed, grey unknown), joined by a line.

    `data` is a `target_vs_actual` table of one region and unit (growth rates);
    rows without a numeric target are left out (qualitative targets stay in the table).
    """
    check_lang(lang)
    rows = data[data[target].notna()].reset_index(drop=True)
    ax = _axes(ax, 0.42 * len(rows) + 1.2)
    labels = [indicator_label(i, lang) for i in rows[y]]
    for position, row in rows.iterrows():
        colour = MET_COLOURS[_met_key(row[met])]
        if pd.notna(row[outcome]):
            ax.plot([row[target], row[outcome]], [position, position], color="#bbbbbb", lw=2, zorder=1)
            ax.scatter(row[outcome], position, s=70, color=colour, zorder=3)
        marker = QUALIFIER_MARKERS.get(row[qualifier], "D")
        face = "white" if row[qualifier] == "about" else TARGET_COLOUR
        ax.scatter(row[target], position, s=80, marker=marker, facecolor=face, edgecolor=TARGET_COLOUR,
                   linewidth=1.5, zorder=4)  # fmt: skip
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    unit = rows["unit_norm"].iloc[0] if "unit_norm" in rows and len(rows) else "%"
    ax.set_xlabel(_text("growth_axis", lang).format(unit=unit_label(unit, lang)) if unit == "%"
                  else unit_label(unit, lang))  # fmt: skip
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(handles=_legend(rows[qualifier].unique(), lang), loc="upper left", bbox_to_anchor=(1.01, 1),
              fontsize="small", frameon=False)  # fmt: skip
    return ax


def _legend(qualifiers, lang: str) -> list[Line2D]:
    handles = []
    for qualifier in [q for q in QUALIFIER_MARKERS if q in set(qualifiers)]:
        face = "white" if qualifier == "about" else TARGET_COLOUR
        handles.append(Line2D([], [], ls="", marker=QUALIFIER_MARKERS[qualifier], color=TARGET_COLOUR,
                              markerfacecolor=face,
                              label=f"{_text('target', lang)} ({qualifier_label(qualifier, lang)})"))  # fmt: skip
    for key in (True, False, None):
        handles.append(Line2D([], [], ls="", marker="o", color=MET_COLOURS[key],
                              label=_text({True: "met", False: "missed", None: "no_outcome"}[key], lang)))
    return handles


def cross_region_plot(data: pd.DataFrame, *, lang="zh", ax=None):
    """Grouped horizontal bars: one group per indicator, one bar per region.

    `data` is a `cross_region` table (regions as rows, "indicator (unit)" columns).
    """
    check_lang(lang)
    columns = list(data.columns)
    regions = list(data.index)
    ax = _axes(ax, 0.35 * len(columns) * max(1, len(regions)) + 1.5)
    height = 0.8 / max(1, len(regions))
    colours = plt.get_cmap("tab10")
    for index, region in enumerate(regions):
        positions = np.arange(len(columns)) + index * height
        ax.barh(positions, data.loc[region].to_numpy(dtype=float), height=height,
                color=colours(index % 10), label=region_label(region, lang))  # fmt: skip
    ax.set_yticks(np.arange(len(columns)) + height * (len(regions) - 1) / 2,
                  [_column_label(c, lang) for c in columns])  # fmt: skip
    ax.invert_yaxis()
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def _column_label(column: str, lang: str) -> str:
    indicator, _, unit = column.partition(" (")
    return f"{indicator_label(indicator, lang)} ({unit_label(unit.rstrip(')'), lang)})"


def amplification_plot(data: pd.DataFrame, *, lang="zh", ax=None):
    """Each region's target beside its parent's, per indicator (paired bars), with
    the difference written at the end of the pair."""
    check_lang(lang)
    rows = data.reset_index(drop=True)
    ax = _axes(ax, 0.6 * len(rows) + 1.5)
    positions = np.arange(len(rows))
    child = rows["region"].iloc[0] if len(rows) else ""
    parent = rows["parent_region"].iloc[0] if len(rows) else ""
    ax.barh(positions - 0.2, rows["target"], height=0.4, color=TARGET_COLOUR, label=region_label(child, lang))
    ax.barh(positions + 0.2, rows["parent_target"], height=0.4, color="#f4a582",
            label=region_label(parent, lang))  # fmt: skip
    for position, row in rows.iterrows():
        end = max(row["target"], row["parent_target"])
        ax.annotate(f"{row['difference']:+g}", (end, position), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize="small")  # fmt: skip
    ax.set_yticks(positions, [f"{indicator_label(i, lang)} ({unit_label(u, lang)})"
                              for i, u in zip(rows["indicator"], rows["unit_norm"])])  # fmt: skip
    ax.invert_yaxis()
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


_TEXTS = {
    "growth_axis": ("增速({unit})", "growth ({unit})"),
    "target": ("目标", "target"),
    "met": ("完成", "met"),
    "missed": ("未完成", "missed"),
    "no_outcome": ("暂无结果", "no outcome yet"),
}


def _text(key: str, lang: str) -> str:
    return _TEXTS[key][0 if lang == "zh" else 1]


def save_figure(figure, name: str, folder: str | Path = "figures") -> list[Path]:
    """Write `name`.png and `name`.svg into `folder`, with fixed metadata so that an
    unchanged figure is an unchanged file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    figure.savefig(paths[0], dpi=150, metadata={"Software": None})
    figure.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths

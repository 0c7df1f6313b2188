"""The page notebooks/overview.ipynb: what the reports of the whole table say, at a glance.

Coverage (regions with reports by year and level), the share of targets met by year and level,
the gap of each level's GDP growth target to the level above by year, and how targets are worded
by level (`analysis.compare.overview`): each a figure and its table, with the reports behind
every number. `make report` renders it first and the index links it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .. import compare
from ..compare.schemas import WORDINGS
from ..labels import check_lang, level_label
from ..units import format_number
from .header import PageHeader, page_header, years
from .load import facts_of
from .tables import html_table

if TYPE_CHECKING:
    from IPython.display import HTML

HEADING = "Overview: what the reports say"
HEADING_ZH = "概览：报告说了什么"


@dataclass
class Overview:
    """The four tables of the overview (see the module's words) in one language."""

    lang: str
    coverage: pd.DataFrame
    met: pd.DataFrame
    gaps: pd.DataFrame
    wording: pd.DataFrame
    reports: int
    regions: int
    targets: int

    def header(self, observations, data: str = "") -> PageHeader:
        """The page's head: what the table holds, in one sentence."""
        span = years(self.coverage["year"])
        levels = self.coverage.groupby("region_level")["regions"].max()
        judged = int(self.met["targets"].sum())
        if self.lang == "zh":
            title = "概览：报告说了什么"
            by_level = "、".join(level_label(k, "zh") + f"{v}个" for k, v in levels.items())
            intro = (f"{span}年的{format_number(self.reports)}份报告，来自{format_number(self.regions)}个地区"
                     f"（{by_level}，按各年最多计）；"
                     f"{format_number(self.targets)}个数值目标，其中{format_number(judged)}个已有可比的结果。"
                     "每个图旁的数字是其背后的报告份数，样本少的点不宜多作解读。")  # fmt: skip
        else:
            title = "Overview: what the reports say"
            intro = (f"{format_number(self.reports)} reports of {span} from {format_number(self.regions)} regions; "
                     f"{format_number(self.targets)} numeric targets, {format_number(judged)} of them with a "
                     "comparable outcome. The numbers beside the points are the reports behind them: read little "
                     "into a point of one or two reports.")  # fmt: skip
        return page_header(title, observations, data, self.lang, intro)

    def table(self, name: str) -> HTML:
        """The table of one figure (coverage, met, gaps, wording) as the page shows it: a row per
        year (per level for wording), a column per level, each cell its value and what it rests on."""
        frame = {"coverage": self.coverage, "met": self.met, "gaps": self.gaps, "wording": self.wording}[name]
        zh = self.lang == "zh"
        if name == "wording":
            cells = frame.assign(cell=[f"{format_number(v * 100, 0)}%（{t}个）" if zh else f"{format_number(v * 100, 0)}% ({t})"
                                       for v, t in zip(frame["value"], frame["targets"])])  # fmt: skip
            wide = cells.pivot(index="region_level", columns="wording", values="cell")
            wide = wide.reindex(index=list(dict.fromkeys(frame["region_level"])), columns=list(WORDINGS))
            wide["reports"] = frame.drop_duplicates("region_level").set_index("region_level")["reports"].map(format_number)
            names = {"floor": ("底线", "floor"), "soft": ("约数", "soft aim"), "other": ("其他", "other"),
                     "reports": ("报告份数", "reports")}  # fmt: skip
            wide.columns = [names[c][0 if zh else 1] for c in wide.columns]
            wide.index = [level_label(level, self.lang) for level in wide.index]
            wide.index.name = "层级" if zh else "level"
            return self._folded(html_table(wide, self.lang, label=False))
        cells = frame.assign(cell=[self._cell(name, v, t, r) for v, t, r in
                                   zip(frame["value"], frame["targets"], frame["reports"])])  # fmt: skip
        wide = cells.pivot(index="year", columns="region_level", values="cell")
        wide = wide.reindex(columns=list(dict.fromkeys(frame["region_level"]))).fillna("")
        wide.columns = [level_label(level, self.lang) for level in wide.columns]
        wide.index.name = "年份" if zh else "year"
        return self._folded(html_table(wide, self.lang, label=False))

    def _folded(self, table: HTML) -> HTML:
        """The table under a summary line that opens it (printing opens it too)."""
        from .tables import as_html

        summary = "表格：每格的数值与其背后的目标和报告" if self.lang == "zh" else "The table: each value and the targets and reports behind it"
        return as_html(f'<details class="table"><summary>{summary}</summary>{table.data}</details>')

    def _cell(self, name: str, value: float, targets: int, reports: int) -> str:
        zh = self.lang == "zh"
        if name == "coverage":
            return f"{format_number(value)}（{reports}份）" if zh else f"{format_number(value)} ({reports})"
        shown = f"{format_number(value * 100, 0)}%" if name == "met" else format_number(value, 2, signed=True)
        return f"{shown}（{targets}个目标，{reports}份）" if zh else f"{shown} ({targets} targets, {reports} reports)"


def overview_page(observations, lang: str = "zh", tolerance: float = 0.0) -> Overview:
    """The overview of a whole table (see the module's words)."""
    check_lang(lang)
    facts = facts_of(observations)
    numeric = observations[(observations["kind"] == "target") & observations["value"].notna()]
    return Overview(lang, compare.coverage(observations), compare.met_shares(facts, tolerance),
                    compare.level_gaps(facts), compare.wording_shares(facts), observations["doc"].nunique(),
                    observations["region"].nunique(), len(numeric))  # fmt: skip


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """One page for the whole table."""
    if observations.empty:
        return []
    return [({"lang": lang}, "coverage, targets met, the gap to the level above and the wording of targets")]

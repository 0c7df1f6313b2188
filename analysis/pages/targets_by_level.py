"""The page notebooks/targets_by_level.ipynb: a region's targets up its chain of levels, and the
regions below one ancestor side by side."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from .. import compare
from ..errors import ParameterError
from ..labels import check_lang, region_label
from .header import PageHeader, documents, page_header
from .load import facts_of
from .tables import as_html, by_indicator, drawable, figure_name, growth

HEADING = "Targets across levels"
HEADING_ZH = "目标与上级目标"

# Columns of the across-levels tables a reader needs (each value opens on its evidence).
CHAIN_COLUMNS = ["indicator", "target", "ancestor", "ancestor_level", "ancestor_target", "gap"]
CHILDREN_COLUMNS = ["region", "indicator", "target", "ancestor_target", "gap"]


@dataclass
class Levels:
    """The across-levels page of one region and year (see `targets_by_level_page`).

    `chain`: the region's targets beside each ancestor's (`amplification` rows, nearest
    ancestor first); `children`: the targets of every region whose nearest ancestor with
    targets that year is `ancestor`, beside the ancestor's."""

    region: str
    period: int
    ancestor: str
    lang: str
    chain: pd.DataFrame
    children: pd.DataFrame

    @property
    def path(self) -> list[str]:
        """The region and its ancestors with targets, nearest first: 泰和县, 吉安市, 江西省, 全国."""
        return [self.region, *dict.fromkeys(self.chain.sort_values("steps", kind="stable")["ancestor"])]

    @property
    def chain_title(self) -> str:
        names = " → ".join(region_label(r, self.lang) for r in self.path)
        return f"{names} {self.period}年 增长目标" if self.lang == "zh" else \
            f"{names}: growth targets for {self.period}"  # fmt: skip

    @property
    def children_growth(self) -> pd.DataFrame:
        """The children's growth targets side by side: a `cross_region` table (regions x
        "indicator (%)"); the ancestor's own targets are `reference`."""
        rows = by_indicator(growth(self.children))
        if rows.empty:
            return pd.DataFrame(index=pd.Index([], name="region"))
        rows = rows.assign(label=rows["indicator"] + " (" + rows["unit_norm"] + ")")
        rows = rows.sort_values(["basis"], kind="stable").drop_duplicates(["region", "label"])
        wide = rows.pivot(index="region", columns="label", values="target")
        wide = wide.reindex(columns=list(dict.fromkeys(by_indicator(rows)["label"])))
        wide.columns.name = None
        return wide.astype("float64")

    @property
    def reference(self) -> pd.Series:
        """The ancestor's growth target per column of `children_growth`."""
        rows = growth(self.children).assign(label=lambda d: d["indicator"] + " (" + d["unit_norm"] + ")")
        reference = rows.drop_duplicates("label").set_index("label")["ancestor_target"].astype("float64")
        return reference.rename_axis(None)

    @property
    def reference_label(self) -> str:
        """The legend's name of the reference line: 吉安市目标, Ji'an's target."""
        name = region_label(self.ancestor, self.lang)
        return f"{name}目标" if self.lang == "zh" else f"{name}'s target"

    def header(self, observations, data: str = "") -> PageHeader:
        """The page's head: "泰和县 2022年 目标与上级目标", the data, and the chain it follows."""
        name, above = region_label(self.region, self.lang), [region_label(r, self.lang) for r in self.path[1:]]
        below = self.children["region"].nunique()
        if self.lang == "zh":
            title = f"{self.region} {self.period}年 目标与上级目标"
            intro = (f"{self.region}{self.period}年的增长目标，与数据中同年有目标的上级（{' → '.join(above)}）逐项对照；"
                     f"其下并列{above[0] if above else ''}下一级有目标的{below}个地区。")  # fmt: skip
        else:
            title = f"{name}, {self.period}: targets beside the levels above"
            intro = (f"{name}'s growth targets for {self.period}, beside those of the levels above it that state "
                     f"targets that year ({' → '.join(above)}); then the {below} regions below "
                     f"{region_label(self.ancestor, self.lang)} with targets, side by side.")  # fmt: skip
        shown = documents(self.chain, "target", "ancestor") + documents(self.children, "target")
        return page_header(title, observations, data, self.lang, intro, shown)

    @property
    def children_title(self) -> str:
        name = region_label(self.ancestor, self.lang)
        return f"{name}下一级 {self.period}年 增长目标(虚线为{name}目标)" if self.lang == "zh" else \
            f"Below {name}: growth targets for {self.period} (dashed: {name}'s target)"  # fmt: skip

    def children_figure(self, folder="figures"):
        """The regions below the ancestor side by side (`plot.cross_region_plot`, saved into
        `folder`), or, where the region is the only one below it with targets that year, a line
        saying so: one region is not drawn "side by side"."""
        regions = self.children_growth.index
        if len(regions) < 2:
            name, only = region_label(self.ancestor, self.lang), region_label(self.region, self.lang)
            line = (f"{name}下一级{self.period}年有增长目标的只有{only}：没有可并列的地区。" if self.lang == "zh" else
                    f"Below {name}, only {only} states growth targets for {self.period}: there is nothing to set "
                    "beside it.")  # fmt: skip
            return as_html(f"<p><em>{html.escape(line)}</em></p>")
        from . import plot

        ax = plot.cross_region_plot(self.children_growth, reference=self.reference, reference_label=self.reference_label,
                                    lang=self.lang, title=self.children_title)  # fmt: skip
        name = figure_name("targets_by_level", self.region, self.period, "children", lang=self.lang)
        return plot.save_figure(ax.figure, name, folder=folder)


def targets_by_level_page(observations, region: str, period: int, ancestor: str = "",
                          lang: str = "zh") -> Levels:  # fmt: skip
    """A region's targets of one year along its chain of levels (赣县区 → 赣州市 → 江西省 → 全国,
    as far as the data has targets), and the children of one ancestor side by side: those of
    `ancestor` ("" the nearest ancestor with targets)."""
    check_lang(lang)
    every = compare.amplification(facts_of(observations))
    table = compare.select(every, region=region)
    table = compare.select(table, period=period)
    ancestors = list(dict.fromkeys(table.sort_values("steps", kind="stable")["ancestor"]))
    if ancestor and ancestor not in ancestors:
        raise ParameterError(f"ancestor {ancestor!r} has no targets above {region} in {period}; "
                             f"valid: {', '.join(ancestors)}, or '' for the nearest")  # fmt: skip
    ancestor = ancestor or ancestors[0]
    same_year = every[every["period"] == period]
    nearest = same_year.groupby("region")["steps"].transform("min") == same_year["steps"]
    children = drawable(same_year[nearest & (same_year["ancestor"] == ancestor)])
    return Levels(region, int(period), ancestor, lang, by_indicator(table).reset_index(drop=True),
                  by_indicator(children).reset_index(drop=True))  # fmt: skip


def targets_by_level_sets(facts: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """(region, year, its ancestors with targets that year) where the region and an ancestor
    both state targets: a page each."""
    table = compare.amplification(facts).sort_values("steps", kind="stable")
    chains: dict[tuple[str, int], list[str]] = {}
    for region, period, ancestor in zip(table["region"], table["period"], table["ancestor"]):
        above = chains.setdefault((region, int(period)), [])
        if ancestor not in above:
            above.append(ancestor)
    return [(region, period, chains[region, period]) for region, period in sorted(chains, key=lambda k: (k[1], k[0]))]


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each region and year with targets beside an ancestor's."""
    return [({"region": region, "period": period, "lang": lang},
             f"{period}: targets of {' → '.join([region, *chain])}")
            for region, period, chain in targets_by_level_sets(facts)]  # fmt: skip

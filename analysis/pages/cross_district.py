"""The page notebooks/cross_district.ipynb: the regions of one parent side by side for one year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .. import compare
from ..compare.evidence import Evidence, table_columns
from ..errors import ParameterError
from ..labels import check_lang, kind_label, region_label
from .header import PageHeader, listing, page_header
from .load import facts_of, facts_rows
from .tables import drawable, html_table, in_order, indicators_asked, value_labels, worded

if TYPE_CHECKING:
    from IPython.display import HTML

HEADING = "Regions side by side"
HEADING_ZH = "地区对比"
OUTCOME_KINDS = ("target", "outcome", "actual", "estimate")


def cross_district_page(observations, period: int, kind: str = "target", indicators=(), lang: str = "zh",
                        parent: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Regions side by side for one year: (growth rates, levels), two `cross_region` tables.

    `kind` is target or outcome (actual, else estimate); `parent` keeps the regions of one
    parent region (the districts and counties of 南昌市), "" every region. The year must have
    figures of at least two of them. An indicator asked for appears in whichever measure has it.
    """
    check_lang(lang)
    if kind not in OUTCOME_KINDS:
        raise ParameterError(f"kind {kind!r} not in the kinds; valid: {', '.join(OUTCOME_KINDS)}")
    facts = drawable(facts_of(observations))
    if parent:
        parents = sorted({p for _, p in cross_district_groups(facts, kind)})
        if parent not in parents:
            raise ParameterError(f"parent {parent!r} has no two regions with {kind} figures; "
                                 f"valid: {', '.join(parents) or 'none'}, or '' for every region")  # fmt: skip
        facts = facts_rows(facts, facts["parent_region"] == parent)
    periods = cross_district_periods(facts, kind)
    if isinstance(period, bool) or period not in periods:
        why = compare.wrong_type(period, periods) or \
            f"has no {kind} figures of two or more regions{f' of {parent}' if parent else ''}"  # fmt: skip
        raise ParameterError(f"period {period!r} {why}; valid: {', '.join(map(str, periods)) or 'none'}")
    chosen = _kind_rows(facts, kind)
    chosen = chosen[chosen["period"] == period]
    wanted = indicators_asked(indicators, in_order(chosen["indicator"]))
    tables = []
    for measure in ("growth", "level"):
        have = set(chosen.loc[chosen["measure"] == measure, "indicator"])
        names = [i for i in wanted if i in have]
        tables.append(compare.cross_region(facts, period, kind, names, measure) if names
                      else pd.DataFrame(index=pd.Index([], name="region")))  # fmt: skip
    return tables[0], tables[1]


def side_by_side_table(observations, wide: pd.DataFrame, period: int, kind: str = "target",
                       lang: str = "zh") -> HTML:  # fmt: skip
    """A table of `cross_district_page` (regions x "indicator (unit)") as HTML, each value
    written as a reader does and opening on the sentence it was read from, the figure marked."""
    check_lang(lang)
    rows = _kind_rows(facts_of(observations), kind)
    rows = rows[(rows["period"] == period) & rows["region"].isin(wide.index)]
    # The figure each cell shows, as cross_region picks it: the plain basis first.
    rows = rows.assign(other=rows["basis"] != "").sort_values(["other", "basis"], kind="stable")
    rows = rows.assign(label=rows["indicator"] + " (" + rows["unit_norm"] + ")").drop_duplicates(["region", "label"])
    found = {(r["region"], r["label"]): r for r in rows.to_dict("records")}
    cells = table_columns(observations, lang)
    shown = wide.copy().astype(object)
    for column in wide.columns:
        labels = value_labels(wide[[column]], column, lang)
        evidence = []
        for region, label in zip(wide.index, labels):
            fact = found.get((region, column))
            evidence.append(label if fact is None or not label else Evidence(
                fact["doc"], fact["source_text"], int(fact["mark_start"]), int(fact["mark_end"]), fact["docs"],
                worded(label, fact["qualifier"], lang),
                None if pd.isna(fact["page"]) else int(fact["page"]), cells.get((fact["doc"], fact["source_text"]), ())))  # fmt: skip
        shown[column] = evidence
    return html_table(shown, lang)


def _kind_rows(facts: pd.DataFrame, kind: str) -> pd.DataFrame:
    kinds = ["actual", "estimate"] if kind == "outcome" else [kind]
    return facts[facts["kind"].isin(kinds) & facts["value_norm"].notna()]


def cross_district_periods(facts: pd.DataFrame, kind: str) -> list[int]:
    """The years with figures of `kind` of two or more regions."""
    counts = _kind_rows(facts, kind).groupby("period")["region"].nunique()
    return sorted(int(p) for p in counts[counts >= 2].index)


def cross_district_groups(facts: pd.DataFrame, kind: str) -> list[tuple[int, str]]:
    """(year, parent region) where two or more regions of that parent have figures of `kind`:
    the pages that compare neighbours (a corpus of every county would make one chart of
    thousands of regions per year, slow to draw and impossible to read)."""
    rows = _kind_rows(facts, kind)
    counts = rows[rows["parent_region"] != ""].groupby(["period", "parent_region"])["region"].nunique()
    return sorted((int(period), parent) for (period, parent), n in counts.items() if n >= 2)


def cross_district_title(period: int, kind: str, measure: str, lang: str = "zh", parent: str = "") -> str:
    """'2022年 增长目标' / 'Growth targets for 2022', preceded by the parent region if any
    ('南昌市 2022年 增长目标' / 'Nanchang: growth targets for 2022')."""
    check_lang(lang)
    what = {("growth", "target"): ("增长目标", "Growth targets for"),
            ("growth", "outcome"): ("实际增长", "Growth achieved in"),
            ("level", "target"): ("总量目标", "Targets for"),
            ("level", "outcome"): ("实际总量", "Amounts achieved in")}  # fmt: skip
    zh, en = what.get((measure, kind), (kind_label(kind, "zh"), kind_label(kind, "en").capitalize() + ","))
    if lang == "zh":
        return f"{parent + ' ' if parent else ''}{period}年 {zh}"
    return f"{region_label(parent, 'en')}: {en[0].lower()}{en[1:]} {period}" if parent else f"{en} {period}"


def cross_district_header(observations, growth: pd.DataFrame, levels: pd.DataFrame, period: int,
                          kind: str = "target", lang: str = "zh", parent: str = "", data: str = "") -> PageHeader:  # fmt: skip
    """The page's head: "南昌市下辖地区 2022年 目标对比", the data, and which regions it sets side by side."""
    check_lang(lang)
    regions = list(dict.fromkeys([*growth.index, *levels.index]))
    names = listing([region_label(r, lang) for r in regions], lang)
    if lang == "zh":
        what = "目标" if kind == "target" else kind_label(kind, "zh") if kind != "outcome" else "实际"
        title = f"{parent + '下辖地区' if parent else '各地区'} {period}年 {what}对比"
        intro = (f"{names}{f'（均属{parent}）' if parent else ''}{period}年的{what}：增速{growth.shape[1]}项，"
                 f"总量{levels.shape[1]}项；空白表示该地区的报告没有这项数字。")  # fmt: skip
    else:
        what = "targets" if kind == "target" else "outcomes" if kind == "outcome" else kind_label(kind, "en") + "s"
        title = (f"{region_label(parent, 'en')}'s regions side by side: {what} for {period}" if parent
                 else f"Regions side by side: {what} for {period}")  # fmt: skip
        intro = (f"The {what} of {names} for {period}: {growth.shape[1]} growth rates, {levels.shape[1]} amounts; "
                 "a blank means the region's reports state no such figure.")  # fmt: skip
    rows = _kind_rows(facts_of(observations), kind)
    shown = rows.loc[(rows["period"] == period) & rows["region"].isin(regions), "docs"]
    return page_header(title, observations, data, lang, intro, list(shown))


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each year and parent region with figures of two or more of its regions:
    targets, then outcomes."""
    sets = []
    for kind in ("target", "outcome"):
        for period, parent in cross_district_groups(facts, kind):
            rows = facts[(facts["period"] == period) & (facts["parent_region"] == parent)]
            rows = rows[(rows["kind"] == "target") == (kind == "target")]
            regions = "、".join(sorted(set(rows["region"])))
            sets.append(({"parent": parent, "period": period, "kind": kind, "lang": lang},
                         f"{period}: the {kind}s of {regions} ({parent}) side by side"))  # fmt: skip
    return sets

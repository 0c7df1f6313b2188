"""The page notebooks/over_time.ipynb: one region's record of one indicator over the years."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from .. import compare
from ..compare.schemas import CEILING_INDICATORS
from ..errors import ParameterError
from ..labels import check_lang, indicator_label, measure_label, region_label
from ..observations import INDICATORS
from ..units import format_value
from .header import PageHeader, documents, page_header, years
from .load import facts_of, facts_rows
from .tables import as_html, in_order

if TYPE_CHECKING:
    from IPython.display import HTML

HEADING = "A region over the years"
HEADING_ZH = "历年目标与实际"

# Columns of the over-time table a reader needs (each value opens on its evidence).
OVER_TIME_COLUMNS = ["period", "target", "outcome", "outcome_kind", "gap", "met"]  # a target in words: in its cell


def over_time_page(observations, region: str, indicator: str = "gdp", measure: str = "growth",
                   lang: str = "zh", tolerance: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """One region's record of one indicator over the years (`over_time`): every year with a
    target or an outcome, the target's outcome from whichever report states it."""
    check_lang(lang)
    facts = facts_of(observations)
    facts = facts_rows(facts, facts["region"] == region) if region in set(facts["region"]) else facts  # one region's work
    table = compare.select(compare.over_time(facts, tolerance=tolerance), region=region)
    if indicator not in INDICATORS:
        raise ParameterError(f"indicator {indicator!r} not in the indicators; valid: {', '.join(INDICATORS)}")
    available = in_order(table["indicator"])
    if indicator not in available:
        raise ParameterError(f"indicator {indicator!r} has no target or outcome of {region}; "
                             f"valid: {', '.join(available)}")  # fmt: skip
    table = table[table["indicator"] == indicator]
    if measure not in set(table["measure"]):
        valid = [m for m in ("growth", "level") if m in set(table["measure"])]
        raise ParameterError(f"measure {measure!r} has no figure of {indicator} for {region}; "
                             f"valid: {', '.join(valid)}")  # fmt: skip
    return table[table["measure"] == measure].reset_index(drop=True)


def over_time_sets(facts: pd.DataFrame, years: int = 3) -> list[tuple[str, str, str, str]]:
    """(region, indicator, measure, its first and last year "2019-2023") with a numeric target
    and its outcome in at least `years` years: a page each."""
    table = compare.over_time(facts)
    both = table[table["target"].notna() & table["outcome"].notna()]
    counts = both.groupby(["region", "indicator", "measure"])["period"].nunique()
    keys = sorted((key for key, n in counts.items() if n >= years), key=lambda k: (k[0], INDICATORS.index(k[1]), k[2]))
    spans = table.groupby(["region", "indicator", "measure"])["period"].agg(["min", "max"])
    return [(*key, f"{spans.loc[key, 'min']}-{spans.loc[key, 'max']}") for key in keys]


def over_time_summary(table: pd.DataFrame, lang: str = "zh") -> HTML:
    """One line: the years met out of the years with a target and an outcome, and the mean gap."""
    check_lang(lang)
    both = table[table["target"].notna() & table["outcome"].notna()]
    met = int(both["met"].fillna(False).sum())
    unit = "个百分点" if (table["measure"] == "growth").all() else ""
    unit = unit or (table["unit_norm"].iloc[0] if len(table) else "")
    gap = format_value(both["gap"].mean(), unit, lang, signed=True) if len(both) else "—"
    if lang == "zh":
        line = f"有目标和结果的{len(both)}年中完成{met}年；平均差距（结果减目标）{gap}。"
    else:
        line = (f"Met in {met} of the {len(both)} years with a target and an outcome; mean gap "
                f"(outcome minus target) {gap}.")  # fmt: skip
    return as_html(f"<p><strong>{html.escape(line)}</strong></p>")


def series_name(region: str, indicator: str, measure: str, lang: str = "zh") -> str:
    """全国 国内生产总值增速, 全国 城镇调查失业率 (a rate is its own measure), China, GDP growth."""
    rate = indicator in CEILING_INDICATORS or measure == "level"
    if lang == "zh":
        return f"{region} {indicator_label(indicator, lang, region)}{'' if rate else measure_label(measure, lang)}"
    words = indicator_label(indicator, lang) + ("" if rate else f" {measure_label(measure, lang)}")
    return f"{region_label(region, lang)}, {words}"


def over_time_header(observations, record: pd.DataFrame, region: str, indicator: str = "gdp",
                     measure: str = "growth", lang: str = "zh", data: str = "") -> PageHeader:  # fmt: skip
    """The page's head: "全国 国内生产总值增速 1993–2025", the data, and what the record holds."""
    check_lang(lang)
    span = years(record["period"])
    first, last = (int(record["period"].min()), int(record["period"].max())) if len(record) else (0, -1)
    missing = sorted(set(range(first, last + 1)) - {int(p) for p in record["period"]})
    targets, outcomes = int(record["target"].notna().sum()), int(record["outcome"].notna().sum())
    both = record[record["target"].notna() & record["outcome"].notna()]
    met = int(both["met"].fillna(False).sum())
    title = f"{series_name(region, indicator, measure, lang)}{' ' if lang == 'zh' else ', '}{span}".strip(", ")
    if lang == "zh":
        intro = (f"{span}年间，{targets}年有数值目标，{outcomes}年有结果；两者都有的{len(both)}年中完成{met}年。"
                 + (f"{len(missing)}个年份没有报告数据，图中以灰色标出。" if missing else ""))  # fmt: skip
    else:
        intro = (f"From {span}, {targets} years have a numeric target and {outcomes} an outcome; of the "
                 f"{len(both)} years with both, {met} met the target."
                 + (f" {len(missing)} years have no report in the data (grey in the chart)." if missing else ""))  # fmt: skip
    return page_header(title, observations, data, lang, intro, documents(record, "target", "outcome"))


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each region and indicator with targets and outcomes in three or more years."""
    return [({"region": region, "indicator": indicator, "measure": measure, "lang": lang},
             f"{region}, {indicator} {measure}: targets and outcomes, {years}")
            for region, indicator, measure, years in over_time_sets(facts)]  # fmt: skip

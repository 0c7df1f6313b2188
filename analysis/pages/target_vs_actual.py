"""The page notebooks/target_vs_actual.ipynb: one region's growth targets against their outcomes."""

from __future__ import annotations

import pandas as pd

from .. import compare
from ..labels import check_lang, region_label
from .header import PageHeader, documents, page_header, years
from .load import facts_of
from .tables import by_indicator, in_order, indicators_asked

HEADING = "Targets against outcomes"
HEADING_ZH = "目标与实际"

# The columns of target_vs_actual a reader needs beside the chart (each value opens on its evidence).
PAIR_COLUMNS = ["indicator", "period", "target", "outcome", "outcome_kind", "gap", "met"]  # a target in words: in its cell


def target_vs_actual_page(observations, region: str, period: int = 0, indicators=(), lang: str = "zh",
                          tolerance: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """The growth targets of one region that have an outcome (`target_vs_actual`), for one
    target year (0: every year) and the indicators asked (all when none)."""
    check_lang(lang)
    pairs = compare.target_vs_actual(facts_of(observations), tolerance=tolerance)
    pairs = pairs[pairs["outcome"].notna() & (pairs["measure"] == "growth")]
    pairs = compare.select(pairs, region=region)
    if period:
        pairs = compare.select(pairs, period=period)
    wanted = indicators_asked(indicators, in_order(pairs["indicator"]))
    return by_indicator(pairs[pairs["indicator"].isin(wanted)]).reset_index(drop=True)


def target_vs_actual_header(observations, pairs: pd.DataFrame, region: str, period: int = 0, lang: str = "zh",
                            data: str = "") -> PageHeader:  # fmt: skip
    """The page's head: "赣县区 2020年 目标与实际", the data, and what the pairs say."""
    check_lang(lang)
    name, when = region_label(region, lang), str(period) if period else years(pairs["period"])
    met = int(pairs["met"].fillna(False).sum())
    missed = int((pairs["met"] == False).sum())  # noqa: E712 (a nullable boolean: <NA> is neither)
    if lang == "zh":
        title = f"{region} {when}年 目标与实际" if when else f"{region} 目标与实际"
        intro = (f"{region}{when}年的增长目标中，{len(pairs)}项已有结果：完成{met}项，未完成{missed}项"
                 + (f"，{len(pairs) - met - missed}项无从判断" if len(pairs) > met + missed else "") + "。")  # fmt: skip
    else:
        title = f"{name}, {when}: targets and outcomes" if when else f"{name}: targets and outcomes"
        intro = (f"Of {name}'s growth targets for {when or 'these years'}, {len(pairs)} have an outcome: "
                 f"{met} met, {missed} missed" + (f", {len(pairs) - met - missed} undecided"
                                                  if len(pairs) > met + missed else "") + ".")  # fmt: skip
    return page_header(title, observations, data, lang, intro, documents(pairs, "target", "outcome"))


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each region and year with growth targets and their outcomes."""
    pairs = compare.target_vs_actual(facts)
    pairs = pairs[pairs["outcome"].notna() & pairs["target"].notna() & (pairs["measure"] == "growth")]
    return [({"region": region, "period": int(period), "lang": lang},
             f"{region}, {period}: growth targets against outcomes, met or missed")
            for region, period in sorted(set(zip(pairs["region"], pairs["period"])))]  # fmt: skip

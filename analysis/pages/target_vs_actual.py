"""The page notebooks/target_vs_actual.ipynb: one region's growth targets against their outcomes."""

from __future__ import annotations

import pandas as pd

from .. import compare
from ..labels import check_lang
from .load import facts_of
from .tables import by_indicator, in_order, indicators_asked

HEADING = "Targets against outcomes"

# The columns of target_vs_actual a reader needs beside the chart.
PAIR_COLUMNS = ["indicator", "period", "target", "qualifier", "text", "outcome", "outcome_kind", "gap", "met",
                "target_evidence", "outcome_evidence"]  # fmt: skip


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


def parameter_sets(facts: pd.DataFrame, observations: pd.DataFrame, lang: str, folders) -> list[tuple[dict, str]]:
    """A page for each region and year with growth targets and their outcomes."""
    pairs = compare.target_vs_actual(facts)
    pairs = pairs[pairs["outcome"].notna() & pairs["target"].notna() & (pairs["measure"] == "growth")]
    return [({"region": region, "period": int(period), "lang": lang},
             f"{region}, {period}: growth targets against outcomes, met or missed")
            for region, period in sorted(set(zip(pairs["region"], pairs["period"])))]  # fmt: skip

"""A region's targets and outcomes year after year: one series per region, indicator, measure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .inputs import check_facts
from .schemas import CEILING_INDICATORS, EVIDENCE, OVER_TIME, finish, outcomes, plain_basis_first, usual_unit
from .target_vs_actual import target_vs_actual


def over_time(facts: pd.DataFrame, tolerance: float = 0.0) -> pd.DataFrame:
    """Every year with a target or an outcome, one row per region, indicator, measure and year.

    A year with a target is its `target_vs_actual` row (same columns, same rules for `met`):
    the outcome comes from whichever report states it, usually the report of the next year
    (the national report of 2016 states 2015's outcome). A year with an outcome and no target
    has target NaN, target_docs "" and met <NA>; a year with a target and no outcome, outcome
    NaN. Where a year's figure is stated on several bases the plain one is kept (else the first
    by name), and rows in another unit than the indicator's usual one are left out (exports in
    亿美元 beside 亿元), so that each region, indicator and measure is one series.

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([
    ...     dict(doc="2021.txt", region="全国", indicator="gdp", period=2021, kind="target",
    ...          value=6, qualifier="at_least"),
    ...     dict(doc="2021.txt", region="全国", indicator="gdp", period=2020, kind="actual", value=2.3),
    ...     dict(doc="2022.txt", region="全国", indicator="gdp", period=2021, kind="actual", value=8.1)])
    >>> over_time(facts(obs))[["period", "target", "outcome", "met", "target_docs", "outcome_docs"]]
       period  target  outcome   met target_docs outcome_docs
    0    2020     NaN      2.3  <NA>                 2021.txt
    1    2021     6.0      8.1  True    2021.txt     2022.txt
    """
    f = check_facts(facts)
    on = ["region", "indicator", "measure", "period"]
    pairs = plain_basis_first(target_vs_actual(f, tolerance), on)
    found = outcomes(f)
    found = found[~found.set_index(on).index.isin(pairs.set_index(on).index)]
    found = plain_basis_first(found, on)
    lonely = pd.DataFrame({
        **{c: found[c] for c in on}, "unit_norm": found["unit_norm"], "target": np.nan, "target_high": np.nan,
        "qualifier": "", "text": "",
        "direction": np.where(found["indicator"].isin(CEILING_INDICATORS), "ceiling", "floor"),
        "outcome": found["value_norm"], "outcome_kind": found["kind"], "gap": np.nan,
        "met": pd.array([pd.NA] * len(found), dtype="boolean"), "target_docs": "", "outcome_docs": found["docs"],
        "basis": found["basis"], "conflict": found["conflict"],
        **{f"target_{c}": "" for c in EVIDENCE[:2]}, **{f"target_{c}": pd.NA for c in EVIDENCE[2:]},
        **{f"outcome_{c}": found[c] for c in EVIDENCE}, "outcome_page": found["page"].astype("Int64"),
    })  # fmt: skip
    rows = pd.concat([pairs, lonely[list(OVER_TIME.columns)]], ignore_index=True) if len(lonely) else pairs
    return finish(usual_unit(rows), OVER_TIME, on)

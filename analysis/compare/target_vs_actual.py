"""A target beside the outcome of its year: the gap, and whether it was met.

The rules for `met` (floors and ceilings, what 左右 may stretch to) are in `target_vs_actual`'s
words; `over_time` lists the same pairs year after year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .inputs import check_facts, check_tolerance
from .schemas import CEILING_INDICATORS, PAIRS, evidence_from, finish, match_one, outcomes, range_high


def target_vs_actual(facts: pd.DataFrame, tolerance: float = 0.0) -> pd.DataFrame:
    """Each target for year Y beside the outcome for Y, with the gap and whether it was met.

    The outcome is the fact for the same region, indicator, measure and year, from whichever
    report states it (the same report's table or a later report); the same basis is preferred,
    else any basis. Targets without an outcome are kept with outcome NaN. Rules for `met`:

    - a ceiling is a target for unemployment or prices (cpi), or one worded 以内/以下/控制在…以内
      (qualifier at_most): met when outcome <= target + tolerance (a range: its high end);
    - every other target (growth, revenue, investment, income, output) is a floor: met when
      outcome >= target - tolerance (a range: its low end);
    - `tolerance` (default 0, in the unit of the figure) is how far 左右 may stretch; no source
      defines it, so it is the user's choice and applies to qualifier about only;
    - qualitative targets (量稳质升) and targets without an outcome have met <NA>.

    gap = outcome - target, in percentage points for growth. Each value's evidence is in
    target_doc, target_source_text, target_mark_start, target_mark_end (the same four for the
    outcome): the document, the sentence and where the figure stands in it (see `facts`).

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([
    ...     dict(region="赣县区", indicator="gdp", period=2020, kind="target", value=4.5,
    ...          qualifier="about"),
    ...     dict(region="赣县区", indicator="gdp", period=2020, kind="actual", value=4.4)])
    >>> pairs = target_vs_actual(facts(obs))
    >>> pairs[["target", "qualifier", "outcome", "gap", "met"]].values.tolist()
    [[4.5, 'about', 4.4, -0.1, False]]
    >>> bool(target_vs_actual(facts(obs), tolerance=0.1)["met"].iloc[0])
    True
    """
    f = check_facts(facts)
    tolerance = check_tolerance(tolerance)
    on = ["region", "indicator", "measure", "period"]
    m = match_one(f[f["kind"] == "target"], outcomes(f), on=on, how="left", units=False)
    numeric = m["value_norm"].notna()
    comparable = ~numeric | (m["unit_norm"] == m["unit_norm_r"])
    direction = np.where(m["indicator"].isin(CEILING_INDICATORS) | (m["qualifier"] == "at_most"),
                         "ceiling", "floor")  # fmt: skip
    out = pd.DataFrame({
        **{c: m[c] for c in on},
        "unit_norm": m["unit_norm"].where(numeric | (m["unit_norm"] != ""), m["unit_norm_r"]),
        "target": m["value_norm"], "target_high": range_high(m), "qualifier": m["qualifier"],
        "text": m["text"], "direction": direction,
        "outcome": m["value_norm_r"].where(comparable),
        "outcome_kind": m["kind_r"].where(comparable), "outcome_docs": m["docs_r"].where(comparable),
        "target_docs": m["docs"], "basis": m["basis"],
        "conflict": m["conflict"] | m["conflict_r"].where(comparable, False).fillna(False),
        **evidence_from(m, "target"), **evidence_from(m, "outcome", "_r", comparable),
    })  # fmt: skip
    out["gap"] = (out["outcome"] - out["target"]).round(10)
    out["met"] = _met(out, tolerance)
    out = out.fillna({"outcome_kind": "", "outcome_docs": "", "unit_norm": ""})
    return finish(out[list(PAIRS.columns)], PAIRS, on)


def _met(pairs: pd.DataFrame, tolerance: float) -> pd.Series:
    ceiling = pairs["direction"] == "ceiling"
    use_high = ceiling & (pairs["qualifier"] == "range")
    threshold = pairs["target_high"].where(use_high, pairs["target"])
    # 1e-9 absorbs float noise (4.5 - 0.1 is not exactly 4.4).
    slack = np.where(pairs["qualifier"] == "about", tolerance, 0.0) + 1e-9
    excess = pairs["outcome"] - threshold
    met = pd.Series(np.where(ceiling, excess <= slack, excess >= -slack), index=pairs.index)
    return met.astype("boolean").mask(excess.isna())

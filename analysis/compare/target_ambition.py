"""A target beside the region's outcome of the year before: how far it reaches."""

from __future__ import annotations

import pandas as pd

from .inputs import check_facts
from .schemas import AMBITION, finish, match_one, outcomes


def target_ambition(facts: pd.DataFrame) -> pd.DataFrame:
    """Each numeric target for year Y against the region's outcome for Y - 1.

    ambition = target - previous_outcome, in percentage points for growth; only targets with an
    outcome of the year before in the same unit are listed (same basis preferred).

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([
    ...     dict(region="青云谱区", indicator="gdp", period=2022, kind="target", value=7.5,
    ...          qualifier="at_least"),
    ...     dict(region="青云谱区", indicator="gdp", period=2021, kind="estimate", value=9,
    ...          qualifier="about")])
    >>> target_ambition(facts(obs))[["period", "target", "previous_outcome", "ambition"]]
       period  target  previous_outcome  ambition
    0    2022     7.5               9.0      -1.5
    """
    f = check_facts(facts)
    targets = f[(f["kind"] == "target") & f["value_norm"].notna()]
    previous = outcomes(f).assign(period=lambda d: d["period"] + 1)
    on = ["region", "indicator", "measure", "period"]
    m = match_one(targets, previous, on=on, how="inner")
    out = pd.DataFrame({
        **{c: m[c] for c in on}, "target": m["value_norm"], "qualifier": m["qualifier"],
        "previous_outcome": m["value_norm_r"], "previous_kind": m["kind_r"],
        "ambition": (m["value_norm"] - m["value_norm_r"]).round(10),
        "unit_norm": m["unit_norm"], "basis": m["basis"], "conflict": m["conflict"] | m["conflict_r"],
    })  # fmt: skip
    return finish(out, AMBITION, on)

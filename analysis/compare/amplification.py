"""A region's target beside the same target of every region above it, up to 全国.

The chain of ancestors is `levels.chains`; gap = the region's target minus the ancestor's, the
measure of "top-down amplification" the research asks about.
"""

from __future__ import annotations

import pandas as pd

from .inputs import check_facts
from .levels import chains, known_levels, region_level
from .schemas import AMPLIFICATION, evidence_from, finish, match_one


def amplification(facts: pd.DataFrame) -> pd.DataFrame:
    """Each numeric target of a region beside the same target of each of its ancestors.

    The ancestors are the region's chain up to 全国 (`levels.ancestors`: the parent the data
    states, else the administrative-division table's): parent (steps 1), grandparent (steps
    2) and on. A row is listed where the ancestor states a number for the same indicator,
    measure and year in the same unit (same basis preferred). gap = target - ancestor_target
    (percentage points for growth): positive where the region aims higher than the level above
    ("top-down amplification"). `parent_region` is the region's parent, whether or not it has
    targets; the evidence of both values is in target_* and ancestor_* (see `target_vs_actual`).

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([
    ...     dict(region="赣县区", parent_region="赣州市", indicator="gdp", period=2021,
    ...          kind="target", value=9, qualifier="about"),
    ...     dict(region="赣州市", indicator="gdp", period=2021, kind="target", value=8.5,
    ...          qualifier="about"),
    ...     dict(region="全国", indicator="gdp", period=2021, kind="target", value=6,
    ...          qualifier="at_least")])
    >>> amplification(facts(obs))[["region", "ancestor", "ancestor_level", "steps", "target",
    ...                            "ancestor_target", "gap"]].values.tolist()
    [['赣县区', '赣州市', 'city', 1, 9.0, 8.5, 0.5], ['赣县区', '全国', 'country', 3, 9.0, 6.0, 3.0], \
['赣州市', '全国', 'country', 2, 8.5, 6.0, 2.5]]
    """
    f = check_facts(facts)
    targets = f[(f["kind"] == "target") & f["value_norm"].notna()]
    links = chains(f, regions=set(targets["region"]))
    parent = dict(links.loc[links["steps"] == 1, ["region", "ancestor"]].itertuples(index=False, name=None))
    links = links[links["ancestor"].isin(set(targets["region"]))]
    left = targets.merge(links, on="region")
    right = targets.drop(columns=["parent_region", "region_level"]).rename(columns={"region": "ancestor"})
    on = ["ancestor", "indicator", "measure", "period"]
    m = match_one(left, right, on=on, how="inner")
    levels = known_levels(f)
    out = pd.DataFrame({
        "region": m["region"], "region_level": [region_level(r, levels) for r in m["region"]],
        "parent_region": [parent.get(r, "") for r in m["region"]],
        "ancestor": m["ancestor"], "ancestor_level": m["ancestor_level"], "steps": m["steps"],
        **{c: m[c] for c in on[1:]}, "target": m["value_norm"], "qualifier": m["qualifier"],
        "ancestor_target": m["value_norm_r"], "ancestor_qualifier": m["qualifier_r"],
        "gap": (m["value_norm"] - m["value_norm_r"]).round(10).where(m["measure"] == "growth"),
        "unit_norm": m["unit_norm"], "basis": m["basis"], "conflict": m["conflict"] | m["conflict_r"],
        "target_docs": m["docs"], "ancestor_docs": m["docs_r"],
        **evidence_from(m, "target"), **evidence_from(m, "ancestor", "_r"),
    })  # fmt: skip
    return finish(out, AMPLIFICATION, ["region", "indicator", "measure", "period", "steps"])

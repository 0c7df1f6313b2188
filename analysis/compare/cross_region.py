"""Many regions side by side: one year's figures as a regions x indicators table."""

from __future__ import annotations

import pandas as pd

from ..observations import INDICATORS, MEASURES, result
from ..units import STANDARD_UNIT
from .inputs import check_choice, check_choices, check_facts
from .schemas import WIDE

# cross_region accepts the kind class "outcome" (actual, else estimate) besides the kinds.
CROSS_KINDS = ("target", "outcome", "actual", "estimate")


def cross_region(facts, period, kind, indicators=None, measure="growth", *, regions=None):
    """A regions x indicators table of one year's figures, in each indicator's standard unit.

    `kind` is target, outcome (actual, else estimate) or exactly actual or estimate. Values are
    value_norm, so 万美元 and 亿美元 sit on one scale; the unit is in the column label
    ("fdi (亿美元)"). Where a region states a figure on several bases, the plain one is shown.

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([
    ...     dict(region=r, indicator=i, period=2022, kind="target", value=v)
    ...     for r, i, v in [("青云谱区", "gdp", 7.5), ("南昌县", "gdp", 7.5), ("西湖区", "gdp", 7),
    ...                     ("南昌县", "rural_income", 8.5)]])
    >>> cross_region(facts(obs), 2022, "target")  # doctest: +NORMALIZE_WHITESPACE
              gdp (%)  rural_income (%)
    region
    南昌县         7.5               8.5
    西湖区         7.0               NaN
    青云谱区        7.5               NaN
    """
    f = check_facts(facts)
    check_choice("measure", measure, MEASURES, where="the measures")
    check_choice("kind", kind, CROSS_KINDS, where="the kinds")
    check_choice("period", period, sorted(set(f["period"])))
    f = f[f["measure"] == measure]
    wanted = check_choices("indicator", indicators, [i for i in INDICATORS if i in set(f["indicator"])])
    rows = check_choices("region", regions, sorted(set(f["region"])))
    kinds = {"target": ["target"], "outcome": ["actual", "estimate"]}.get(kind, [kind])
    chosen = f[f["kind"].isin(kinds) & (f["period"] == period) & f["region"].isin(rows)
               & f["indicator"].isin(wanted) & f["value_norm"].notna()]  # fmt: skip
    if indicators is None:  # only those with a figure; asked-for ones always get a column
        wanted = [i for i in wanted if i in set(chosen["indicator"])]
    # Several bases for one figure: the plain one (basis "") first, then the others by name.
    chosen = chosen.assign(other=chosen["basis"] != "").sort_values(["other", "basis"])
    chosen = chosen.drop_duplicates(["region", "indicator", "unit_norm"]).assign(
        label=lambda d: d["indicator"] + " (" + d["unit_norm"] + ")"
    )
    wide = chosen.pivot(index="region", columns="label", values="value_norm")
    wide = wide.reindex(index=rows if regions is not None else sorted(wide.index),
                        columns=_labels(chosen, f, wanted, measure))  # fmt: skip
    wide.columns.name, wide.index.name = None, "region"
    return result(WIDE, wide.astype("float64"))


def _labels(chosen: pd.DataFrame, f: pd.DataFrame, indicators: list, measure: str) -> list:
    """'<indicator> (<unit_norm>)' per indicator and unit, in the order the indicators came."""
    labels = []
    for indicator in indicators:
        units = sorted(set(chosen.loc[chosen["indicator"] == indicator, "unit_norm"]))
        labels += [f"{indicator} ({u})" for u in units or [_unit(f, indicator, measure)]]
    return labels


def _unit(f: pd.DataFrame, indicator: str, measure: str) -> str:
    units = f.loc[(f["indicator"] == indicator) & (f["unit_norm"] != ""), "unit_norm"]
    return units.iloc[0] if len(units) else ("%" if measure == "growth" else STANDARD_UNIT[indicator])

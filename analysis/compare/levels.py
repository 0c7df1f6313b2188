"""Levels as a chain: each region's ancestors, from its parent up to 全国.

A region's parent is what its reports (or the user's manifest) say where they say it, else the
administrative-division table the project ships (`regions.py`); 全国 is the root above the
provinces (DATA_CONTRACT.md, "National reports"). A name that the table holds more than once
(西湖区 of 南昌市 and of 杭州市) is resolved by its level where the data gives one; where it
cannot be resolved the chain stops there rather than guess. `compare.amplification` sets a
region's targets against those of every ancestor in its chain.
"""

from __future__ import annotations

import pandas as pd

from ..regions import NATION, by_name

# Longer chains than 全国 -> province -> city -> county -> township do not exist: a longer one
# is a loop in what the data says (A's parent B, B's parent A).
_DEEPEST = 6


def known_parents(facts: pd.DataFrame) -> dict[str, str]:
    """Region -> its parent as the data says (the first informative value)."""
    stated = facts.loc[facts["parent_region"] != "", ["region", "parent_region"]]
    return dict(stated.drop_duplicates("region").itertuples(index=False, name=None))


def known_levels(facts: pd.DataFrame) -> dict[str, str]:
    """Region -> its level as the data says (other is no information)."""
    stated = facts.loc[facts["region_level"] != "other", ["region", "region_level"]]
    return dict(stated.drop_duplicates("region").itertuples(index=False, name=None))


def _from_table(name: str, level: str = "") -> tuple[str, str]:
    """(parent, level) of a region from the administrative-division table; ("", "") where the
    name is not there or names several regions the level does not tell apart."""
    found = by_name().get(name, ())
    if level and level != "other":
        found = tuple(r for r in found if r.level == level) or found
    if len({(r.parent, r.level) for r in found}) != 1:
        return "", ""
    return found[0].parent, found[0].level


def region_level(name: str, levels: dict | None = None) -> str:
    """A region's level: what the data says, else the table's, else other.

    >>> region_level("全国"), region_level("江西省"), region_level("赣县区"), region_level("某地")
    ('country', 'province', 'district', 'other')
    """
    if name == NATION:
        return "country"
    return (levels or {}).get(name) or _from_table(name)[1] or "other"


def ancestors(region: str, parents: dict | None = None, levels: dict | None = None) -> tuple[str, ...]:
    """The regions above `region`, nearest first, as far as they are known.

    `parents` and `levels` are what the data says (`known_parents`, `known_levels`); the
    administrative-division table fills in the rest.

    >>> ancestors("赣县区")
    ('赣州市', '江西省', '全国')
    >>> ancestors("西湖区"), ancestors("西湖区", {"西湖区": "南昌市"})
    ((), ('南昌市', '江西省', '全国'))
    >>> ancestors("全国")
    ()
    """
    parents, levels = parents or {}, levels or {}
    chain: list[str] = []
    current = region
    while current != NATION and len(chain) < _DEEPEST:
        parent = parents.get(current) or _from_table(current, levels.get(current, ""))[0]
        if not parent or parent == region or parent in chain:
            break
        chain.append(parent)
        current = parent
    return tuple(chain)


def chains(facts: pd.DataFrame, regions=None) -> pd.DataFrame:
    """Each region of the facts (or of `regions`) with each of its ancestors: columns region,
    ancestor, ancestor_level and steps (1 the parent, 2 the grandparent, ...)."""
    parents, levels = known_parents(facts), known_levels(facts)
    rows = []
    for region in sorted(set(facts["region"]) if regions is None else set(regions)):
        for steps, ancestor in enumerate(ancestors(region, parents, levels), start=1):
            rows.append((region, ancestor, region_level(ancestor, levels), steps))
    return pd.DataFrame(rows, columns=["region", "ancestor", "ancestor_level", "steps"]).astype({"steps": "int64"})

"""What the reports say, over the whole table: coverage, targets met, the gap to the level above
and how targets are worded, each by year or level with the reports behind every number.

Four small tables, one per question a researcher asks of a corpus first, each a tidy frame with
the count of regions, targets and reports behind each row (a share of two targets is not a share
of two hundred):

- `coverage`: how many regions have reports, by report year and level;
- `met_shares`: the share of numeric targets met, by target year and level (`target_vs_actual`);
- `level_gaps`: how far each level's GDP growth target stands above the nearest level above it
  that states one, by year (`amplification`): the top-down amplification of the literature;
- `wording_shares`: how targets are worded, by level: floors (以上, 不低于, and 确保 before the
  figure), soft aims (左右) and the rest (a bare number, a ceiling, a range).
"""

from __future__ import annotations

import re

import pandas as pd

from ..observations import REGION_LEVELS, result
from .amplification import amplification
from .inputs import check_facts, check_observations
from .schemas import BY_YEAR, WORDING, WORDINGS
from .target_vs_actual import target_vs_actual

LEVEL_ORDER = REGION_LEVELS  # the nation first, down to districts
# 确保 (make sure of) before a figure states a floor, whatever follows the number.
_ENSURE = re.compile(r"确保|不低于")
_CLAUSE = re.compile(r"[，,；;。：:]")


def _reports(cells) -> int:
    """How many documents a column of "a.txt; b.txt" cells names."""
    return len({doc for cell in cells for doc in str(cell).split("; ") if doc})


def _ordered(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rank = frame["region_level"].map({level: i for i, level in enumerate(LEVEL_ORDER)})
    order = [*[k for k in keys if k != "region_level"], "_rank"]
    return frame.assign(_rank=rank).sort_values(order, kind="stable").drop(columns="_rank").reset_index(drop=True)


def coverage(observations: pd.DataFrame) -> pd.DataFrame:
    """Regions with reports, by report year and level: value (= regions), targets (the numeric
    targets their reports state), regions and reports.

    >>> from analysis.compare import make_observations
    >>> obs = make_observations([dict(doc=d, region=r, region_level="county", indicator="gdp", period=2022,
    ...                               kind="target", value=v) for d, r, v in [("a", "南昌县", 8), ("b", "进贤县", 7)]])
    >>> coverage(obs)[["year", "region_level", "value", "reports"]].values.tolist()
    [[2022, 'county', 2.0, 2]]
    """
    obs = check_observations(observations)
    rows = []
    for (year, level), group in obs.groupby(["report_year", "region_level"]):
        targets = group[(group["kind"] == "target") & group["value"].notna()]
        rows.append({"year": int(year), "region_level": level, "value": float(group["region"].nunique()),
                     "targets": len(targets), "regions": group["region"].nunique(), "reports": group["doc"].nunique()})  # fmt: skip
    return result(BY_YEAR, _ordered(pd.DataFrame(rows, columns=list(BY_YEAR.columns)), ["year", "region_level"]))


def met_shares(facts: pd.DataFrame, tolerance: float = 0.0) -> pd.DataFrame:
    """The share of numeric targets met (0 to 1), by target year and the level of the region
    that set them, among targets with an outcome (`target_vs_actual`'s rules)."""
    f = check_facts(facts)
    levels = dict(zip(f["region"], f["region_level"]))
    pairs = target_vs_actual(f, tolerance=tolerance)
    pairs = pairs[pairs["met"].notna()].assign(region_level=lambda d: d["region"].map(levels).fillna("other"))
    rows = []
    for (year, level), group in pairs.groupby(["period", "region_level"]):
        rows.append({"year": int(year), "region_level": level, "value": float(group["met"].astype(bool).mean()),
                     "targets": len(group), "regions": group["region"].nunique(),
                     "reports": _reports([*group["target_docs"], *group["outcome_docs"]])})  # fmt: skip
    return result(BY_YEAR, _ordered(pd.DataFrame(rows, columns=list(BY_YEAR.columns)), ["year", "region_level"]))


def level_gaps(facts: pd.DataFrame, indicator: str = "gdp") -> pd.DataFrame:
    """The mean gap (percentage points) of each level's growth target of `indicator` to the
    nearest level above that states one the same year, by year and level: positive where lower
    levels aim higher."""
    table = amplification(check_facts(facts))
    table = table[(table["indicator"] == indicator) & (table["measure"] == "growth") & table["gap"].notna()]
    nearest = table.sort_values("steps", kind="stable").drop_duplicates(["region", "period", "basis"])
    nearest = nearest.drop_duplicates(["region", "period"])
    rows = []
    for (year, level), group in nearest.groupby(["period", "region_level"]):
        rows.append({"year": int(year), "region_level": level, "value": float(group["gap"].mean()),
                     "targets": len(group), "regions": group["region"].nunique(),
                     "reports": _reports([*group["target_docs"], *group["ancestor_docs"]])})  # fmt: skip
    return result(BY_YEAR, _ordered(pd.DataFrame(rows, columns=list(BY_YEAR.columns)), ["year", "region_level"]))


def wording(row) -> str:
    """floor (以上, 不低于, 确保 before the figure), soft (左右) or other, for one numeric target."""
    if row["qualifier"] == "at_least":
        return "floor"
    if row["qualifier"] == "about":
        return "soft"
    text, start = row["source_text"], int(row["mark_start"])
    if start > 0:
        clause = _CLAUSE.split(text[:start])[-1]
        if _ENSURE.search(clause):
            return "floor"
    return "other"


def wording_shares(facts: pd.DataFrame) -> pd.DataFrame:
    """How the numeric targets of each level are worded: the share (0 to 1) of floors, soft
    aims and the rest, with the targets of each wording and the regions and reports stating the
    level's targets (the same on the level's three rows: the base of its shares).

    >>> from analysis.compare import facts, make_observations
    >>> obs = make_observations([dict(region=r, region_level="county", indicator=i, period=2022, kind="target",
    ...                               value=8, qualifier=q, source_text=t) for r, i, q, t in [
    ...     ("南昌县", "gdp", "at_least", "增长8%以上"), ("进贤县", "gdp", "about", "增长8%左右"),
    ...     ("进贤县", "retail_sales", "exact", "确保增长8%")]])
    >>> wording_shares(facts(obs))[["wording", "value", "targets"]].values.tolist()
    [['floor', 0.6666666666666666, 2], ['soft', 0.3333333333333333, 1], ['other', 0.0, 0]]
    """
    f = check_facts(facts)
    targets = f[(f["kind"] == "target") & f["value"].notna()]
    targets = targets.assign(wording=[wording(row) for row in targets.to_dict("records")])
    rows = []
    for level, group in targets.groupby("region_level"):
        regions, reports = group["region"].nunique(), _reports(group["docs"])
        for word in WORDINGS:
            chosen = group[group["wording"] == word]
            rows.append({"region_level": level, "wording": word, "value": len(chosen) / len(group),
                         "targets": len(chosen), "regions": regions, "reports": reports})  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(WORDING.columns))  # rows already by wording within a level
    return result(WORDING, _ordered(frame, []))

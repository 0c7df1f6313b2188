"""Figures joined across reports: facts, targets against outcomes, targets across levels.

The observations table (DATA_CONTRACT.md) has one row per figure per document. Questions about
the reports are joins across documents, so `facts` first reduces it to one row per region,
indicator, period, kind and measure, naming every document that states it and flagging where
documents disagree, with the sentence each figure was read from. The other functions join
facts: a target with the outcome of its year (`target_vs_actual`), with the outcome of the
year before (`target_ambition`), with the same target of every region above it up to 全国
(`amplification`, along the chain of `compare/levels.py`), a region's targets and outcomes year after
year (`over_time`), and many regions side by side (`cross_region`). Nothing here draws;
`labels.py` names things for the figures. `checks` gives each row its reasons to look again,
and `checked` makes the table every command writes: reports read, corrections applied, checks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..observations import COLUMNS, INDICATORS, MEASURES, check, distinct_ids, row_id, validate
from ..units import STANDARD_UNIT, normalise_value
from .evidence import mark_records
from .levels import chains, known_levels, region_level
from .schemas import (
    AMBITION,
    AMPLIFICATION,
    CEILING_INDICATORS,
    EVIDENCE,
    FACT_ORDER,
    FACTS,
    OVER_TIME,
    PAIRS,
    WIDE,
    evidence_from,
    fact_key,
    fact_row,
    finish,
    match_one,
    outcomes,
    plain_basis_first,
    range_high,
    region_info,
    usual_unit,
)


class ParameterError(ValueError):
    """A bad argument: one line naming the parameter, the value and the valid choices."""

    def _render_traceback_(self) -> list[str]:
        # IPython (JupyterLab, papermill) shows these lines instead of a traceback: the line
        # says what to change, and a notebook's reader has no use for the library's frames.
        return [f"ParameterError: {self}"]


# cross_region accepts the kind class "outcome" (actual, else estimate) besides the kinds.
CROSS_KINDS = ("target", "outcome", "actual", "estimate")


def make_observations(rows: list[dict]) -> pd.DataFrame:
    """A validated observations table from short dicts, for examples and tests.

    Each dict needs region, indicator, period and kind, and a value or a text; the other
    contract columns get plain defaults (growth in %, qualifier exact, one document "doc").

    >>> obs = make_observations([dict(region="赣县区", indicator="gdp", period=2020,
    ...                               kind="actual", value=4.4)])
    >>> obs[["region", "indicator", "period", "kind", "value_norm", "unit_norm"]].values.tolist()
    [['赣县区', 'gdp', 2020, 'actual', 4.4, '%']]
    """
    required = ("region", "indicator", "period", "kind")
    table = []
    for row in rows:
        missing = [c for c in required if c not in row]
        if missing:
            raise ParameterError(f"rows: a row lacks {', '.join(missing)}; each needs "
                                 f"{', '.join(required)} and a value or a text")  # fmt: skip
        measure = row.get("measure", "growth")
        unit = row.get("unit", "%" if measure == "growth" else STANDARD_UNIT.get(row["indicator"], ""))
        full = {"doc": "doc", "region_level": "other", "parent_region": "", "report_type": "other",
                "report_year": row["period"] + (row["kind"] != "target"),
                "indicator_text": row["indicator"], "measure": measure, "value": np.nan,
                "unit": unit, "qualifier": "exact", "value_high": np.nan, "basis": "", "text": "",
                "char_start": 0, "page": None, **row}  # fmt: skip
        full["value_norm"], full["unit_norm"] = normalise_value(
            full["indicator"], measure, full["value"], unit
        )
        full.setdefault("source_text", f"{full['indicator_text']} {full['value']}{unit}")
        full.setdefault("char_end", full["char_start"])
        full.setdefault("row_id", row_id(full["doc"], full["char_start"], full["char_end"], full["indicator"],
                                         measure, full["basis"], full["region"]))  # fmt: skip
        full.setdefault("checks", "")
        full.setdefault("review", "")
        table.append({c: full[c] for c in COLUMNS})
    return validate(pd.DataFrame(distinct_ids(table), columns=list(COLUMNS)))


def facts(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per region, indicator, period, kind and measure (and basis), with its documents.

    Targets and outcomes are kept apart. Where an actual and an estimate exist for one year the
    actual is used (`kind` says which) and the estimate is described in `superseded`. Where
    documents disagree on a figure (value, range, qualifier, wording or unit), `conflict` is
    True, the row keeps the figure of the first document (ordered by report_year, then doc id)
    and `conflict_note` lists every variant with its documents: nothing is picked silently.
    The figure's evidence comes with it: `doc` (the document whose figure is kept),
    `source_text` (its sentence) and `mark_start`, `mark_end` (where the figure stands in the
    sentence; -1 where it is not found, see `evidence.mark_records`).

    >>> obs = make_observations([
    ...     dict(doc="gwr", region="青云谱区", indicator="gdp", period=2021, kind="estimate",
    ...          value=9, qualifier="about"),
    ...     dict(doc="plan", region="青云谱区", indicator="gdp", period=2021, kind="estimate",
    ...          value=8.5, qualifier="about"),
    ... ])
    >>> row = facts(obs).iloc[0]
    >>> print(row["kind"], row["value_norm"], row["docs"], row["conflict"], row["conflict_note"])
    estimate 9.0 gwr; plan True 9 about (gwr); 8.5 about (plan)
    """
    obs = _observations(observations).sort_values(["report_year", "doc", "char_start"],
                                                  kind="stable")  # fmt: skip
    records = mark_records(obs.to_dict("records"))
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        groups.setdefault(fact_key(record), []).append(record)
    rows = [fact_row(group) for group in groups.values()]
    frame = pd.DataFrame(rows, columns=list(FACTS.columns))
    level, parent = region_info(records)
    frame["region_level"] = [level.get(region, "other") for region in frame["region"]]
    frame["parent_region"] = [parent.get(region, "") for region in frame["region"]]
    return check(FACTS, frame.sort_values(FACT_ORDER, kind="stable").reset_index(drop=True))


def _observations(frame) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"observations: expected a DataFrame, not {type(frame).__name__}")
    missing = [c for c in COLUMNS if c not in frame]
    if missing:
        raise ParameterError(f"observations: missing columns {', '.join(missing)}; "
                             f"the contract's columns are {', '.join(COLUMNS)}")  # fmt: skip
    try:
        return validate(frame if list(frame.columns) == list(COLUMNS) else frame[list(COLUMNS)])
    except (pa.errors.SchemaError, ValueError, TypeError) as error:
        raise ParameterError(f"observations: {str(error).splitlines()[0]}") from None


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
    f = _facts(facts)
    tolerance = _tolerance(tolerance)
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


def target_ambition(facts: pd.DataFrame) -> pd.DataFrame:
    """Each numeric target for year Y against the region's outcome for Y - 1.

    ambition = target - previous_outcome, in percentage points for growth; only targets with an
    outcome of the year before in the same unit are listed (same basis preferred).

    >>> obs = make_observations([
    ...     dict(region="青云谱区", indicator="gdp", period=2022, kind="target", value=7.5,
    ...          qualifier="at_least"),
    ...     dict(region="青云谱区", indicator="gdp", period=2021, kind="estimate", value=9,
    ...          qualifier="about")])
    >>> target_ambition(facts(obs))[["period", "target", "previous_outcome", "ambition"]]
       period  target  previous_outcome  ambition
    0    2022     7.5               9.0      -1.5
    """
    f = _facts(facts)
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


def amplification(facts: pd.DataFrame) -> pd.DataFrame:
    """Each numeric target of a region beside the same target of each of its ancestors.

    The ancestors are the region's chain up to 全国 (`levels.ancestors`: the parent the data
    states, else the administrative-division table's): parent (steps 1), grandparent (steps
    2) and on. A row is listed where the ancestor states a number for the same indicator,
    measure and year in the same unit (same basis preferred). gap = target - ancestor_target
    (percentage points for growth): positive where the region aims higher than the level above
    ("top-down amplification"). `parent_region` is the region's parent, whether or not it has
    targets; the evidence of both values is in target_* and ancestor_* (see `target_vs_actual`).

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
    f = _facts(facts)
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
        "gap": (m["value_norm"] - m["value_norm_r"]).round(10),
        "unit_norm": m["unit_norm"], "basis": m["basis"], "conflict": m["conflict"] | m["conflict_r"],
        "target_docs": m["docs"], "ancestor_docs": m["docs_r"],
        **evidence_from(m, "target"), **evidence_from(m, "ancestor", "_r"),
    })  # fmt: skip
    return finish(out, AMPLIFICATION, ["region", "indicator", "measure", "period", "steps"])


def over_time(facts: pd.DataFrame, tolerance: float = 0.0) -> pd.DataFrame:
    """Every year with a target or an outcome, one row per region, indicator, measure and year.

    A year with a target is its `target_vs_actual` row (same columns, same rules for `met`):
    the outcome comes from whichever report states it, usually the report of the next year
    (the national report of 2016 states 2015's outcome). A year with an outcome and no target
    has target NaN, target_docs "" and met <NA>; a year with a target and no outcome, outcome
    NaN. Where a year's figure is stated on several bases the plain one is kept (else the first
    by name), and rows in another unit than the indicator's usual one are left out (exports in
    亿美元 beside 亿元), so that each region, indicator and measure is one series.

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
    f = _facts(facts)
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
        **{f"outcome_{c}": found[c] for c in EVIDENCE},
    })  # fmt: skip
    rows = pd.concat([pairs, lonely[list(OVER_TIME.columns)]], ignore_index=True) if len(lonely) else pairs
    return finish(usual_unit(rows), OVER_TIME, on)


def cross_region(facts, period, kind, indicators=None, measure="growth", *, regions=None):
    """A regions x indicators table of one year's figures, in each indicator's standard unit.

    `kind` is target, outcome (actual, else estimate) or exactly actual or estimate. Values are
    value_norm, so 万美元 and 亿美元 sit on one scale; the unit is in the column label
    ("fdi (亿美元)"). Where a region states a figure on several bases, the plain one is shown.

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
    f = _facts(facts)
    _choose("measure", measure, MEASURES, where="the measures")
    _choose("kind", kind, CROSS_KINDS, where="the kinds")
    _choose("period", period, sorted(set(f["period"])))
    f = f[f["measure"] == measure]
    wanted = _choices("indicator", indicators, [i for i in INDICATORS if i in set(f["indicator"])])
    rows = _choices("region", regions, sorted(set(f["region"])))
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
    return check(WIDE, wide.astype("float64"))


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


def select(frame: pd.DataFrame, **values) -> pd.DataFrame:
    """Rows of any table here where each named column has the given value (or one of a list).

    Checks notebook parameters in one call: the columns are filtered in the order given, and a
    value absent from the rows left raises one line listing the values they hold.

    >>> obs = make_observations([dict(region="赣县区", indicator="gdp", period=2020,
    ...                               kind="actual", value=4.4)])
    >>> len(select(facts(obs), region=["赣县区"], period=2020))
    1
    >>> select(facts(obs), region="青山湖区")
    Traceback (most recent call last):
    ...
    analysis.compare.ParameterError: region '青山湖区' not in the data; valid: 赣县区
    """
    for column, wanted in values.items():
        if column not in frame:
            raise ParameterError(f"{column}: not a column; valid: {', '.join(map(str, frame))}")
        wanted = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        _choices(column, wanted, sorted(set(frame[column])))
        frame = frame[frame[column].isin(wanted)]
    return frame


def _choose(name: str, value, valid, where: str = "the data") -> None:
    if isinstance(value, bool) or not any(value == v for v in valid):
        listed = ", ".join(map(str, valid)) or "none"
        raise ParameterError(f"{name} {value!r} {wrong_type(value, valid) or f'not in {where}'}; valid: {listed}")


def wrong_type(value, valid) -> str:
    """What is wrong with a value whose type is not that of the valid ones ("" if nothing is):
    a year given as text ("2020", from -p period '"2020"') is not the year 2020.

    >>> wrong_type("2020", [2020, 2021]), wrong_type(2020, ["2020"]), wrong_type(2019, [2020])
    ('is text, not a number (give it without quotes)', 'is a number, not text (give it in quotes)', '')
    """
    if isinstance(value, bool):
        return "is true or false, not one of the values"
    if isinstance(value, str) and any(str(v) == value for v in valid if not isinstance(v, str)):
        return "is text, not a number (give it without quotes)"
    if not isinstance(value, str) and any(v == str(value) for v in valid if isinstance(v, str)):
        return "is a number, not text (give it in quotes)"
    return ""


def _choices(name: str, values, valid: list) -> list:
    """`values` (one, several or None for all) checked against `valid`."""
    if values is None:
        return list(valid)
    values = [values] if isinstance(values, (str, int, np.integer)) else list(values)
    for value in values:
        _choose(name, value, valid)
    return values


def _facts(frame) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"facts: expected a DataFrame, not {type(frame).__name__}")
    missing = [c for c in FACTS.columns if c not in frame]
    if missing:
        raise ParameterError(f"facts: missing columns {', '.join(missing)}; "
                             "pass the table facts(observations) returns")  # fmt: skip
    try:
        return check(FACTS, frame if list(frame.columns) == list(FACTS.columns) else frame[list(FACTS.columns)])
    except (pa.errors.SchemaError, ValueError, TypeError) as error:
        raise ParameterError(f"facts: {str(error).splitlines()[0]}") from None


def _tolerance(tolerance) -> float:
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float, np.number)) or not (
        0 <= tolerance < float("inf")
    ):
        raise ParameterError(f"tolerance {tolerance!r} not valid; valid: a number >= 0 "
                             "in the unit of the figures (percentage points for growth)")
    return float(tolerance)



"""What every comparison takes, checked: the observations table, the facts table, choices.

Each comparison (facts, target_vs_actual, ...) checks its table and its arguments here
first, so that a wrong table or value raises one ParameterError line naming it and the
valid choices. `make_observations` builds a small table for examples and tests; `select`
filters any table of the comparisons and checks a notebook's parameters in one call.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..observations import COLUMNS, check, distinct_ids, row_id, validate, with_region_codes
from ..shapes import invalid
from ..units import STANDARD_UNIT, normalise_value
from .schemas import FACTS


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
        full["region_code"] = ""  # made from the region below
        table.append({c: full[c] for c in COLUMNS})
    return validate(with_region_codes(pd.DataFrame(distinct_ids(table), columns=list(COLUMNS))))


def check_observations(frame) -> pd.DataFrame:
    """The observations table validated (its contract columns, in order), or one ParameterError line."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"observations: expected a DataFrame, not {type(frame).__name__}")
    if "region_code" not in frame and {"region", "parent_region", "region_level"} <= set(frame.columns):
        frame = with_region_codes(frame)  # a table written before the column existed: it is derived
    missing = [c for c in COLUMNS if c not in frame]
    if missing:
        raise ParameterError(f"observations: missing columns {', '.join(missing)}; "
                             f"the contract's columns are {', '.join(COLUMNS)}")  # fmt: skip
    try:
        return validate(frame if list(frame.columns) == list(COLUMNS) else frame[list(COLUMNS)])
    except Exception as error:
        if not invalid(error):
            raise
        raise ParameterError(f"observations: {str(error).splitlines()[0]}") from None


def check_facts(frame) -> pd.DataFrame:
    """The table `facts` returns, validated, or one ParameterError line."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"facts: expected a DataFrame, not {type(frame).__name__}")
    missing = [c for c in FACTS.columns if c not in frame]
    if missing:
        raise ParameterError(f"facts: missing columns {', '.join(missing)}; "
                             "pass the table facts(observations) returns")  # fmt: skip
    try:
        return check(FACTS, frame if list(frame.columns) == list(FACTS.columns) else frame[list(FACTS.columns)])
    except Exception as error:
        if not invalid(error):
            raise
        raise ParameterError(f"facts: {str(error).splitlines()[0]}") from None


def check_tolerance(tolerance) -> float:
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float, np.number)) or not (
        0 <= tolerance < float("inf")
    ):
        raise ParameterError(f"tolerance {tolerance!r} not valid; valid: a number >= 0 "
                             "in the unit of the figures (percentage points for growth)")
    return float(tolerance)


def check_choice(name: str, value, valid, where: str = "the data") -> None:
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


def check_choices(name: str, values, valid: list) -> list:
    """`values` (one, several or None for all) checked against `valid`."""
    if values is None:
        return list(valid)
    values = [values] if isinstance(values, (str, int, np.integer)) else list(values)
    for value in values:
        check_choice(name, value, valid)
    return values


def select(frame: pd.DataFrame, **values) -> pd.DataFrame:
    """Rows of any table here where each named column has the given value (or one of a list).

    Checks notebook parameters in one call: the columns are filtered in the order given, and a
    value absent from the rows left raises one line listing the values they hold.

    >>> from analysis.compare import facts
    >>> obs = make_observations([dict(region="赣县区", indicator="gdp", period=2020,
    ...                               kind="actual", value=4.4)])
    >>> len(select(facts(obs), region=["赣县区"], period=2020))
    1
    >>> select(facts(obs), region="青山湖区")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: region '青山湖区' not in the data; valid: 赣县区
    """
    for column, wanted in values.items():
        if column not in frame:
            raise ParameterError(f"{column}: not a column; valid: {', '.join(map(str, frame))}")
        wanted = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        check_choices(column, wanted, sorted(set(frame[column])))
        frame = frame[frame[column].isin(wanted)]
    return frame

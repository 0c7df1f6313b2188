"""Shapes and building blocks of the comparison tables (facts.py, target_vs_actual.py, ... use them).

The shapes of every compare function's result (their columns, dtypes and rules: see
`observations.result` for when pandera validates them), and the row-level pieces facts and joins
are made of: describing a figure, grouping documents that agree, and joining each row to one
best partner. Kept apart from the comparisons to keep both readable; nothing here checks
user arguments.
"""

from __future__ import annotations

import pandas as pd

from ..observations import BASES, INDICATORS, KINDS, MEASURES, QUALIFIERS, REGION_LEVELS, result
from ..shapes import Col, Shape, custom, ge, isin, str_length
from ..units import normalise_value

# Lower is better for these: a target for them is a ceiling whatever its wording.
CEILING_INDICATORS = ("registered_unemployment", "surveyed_unemployment", "cpi")
FACT_ORDER = ["region", "indicator", "period", "kind", "measure", "basis"]
FIGURE = ["value", "value_high", "unit", "value_norm", "unit_norm", "qualifier", "text"]


def _text(*rules) -> Col:
    return Col(str, rules)


def _number(nullable: bool = True) -> Col:
    return Col("float64", nullable=nullable)


def _schema(columns: dict, rules=(), unique=None) -> Shape:
    return Shape(columns, rules=rules, unique=unique)


_REGION = _text(str_length(1))
_INDICATOR = _text(isin(INDICATORS))
_MEASURE = _text(isin(MEASURES))
_QUALIFIER = _text(isin(QUALIFIERS))
_YEAR = Col("int64")
# Every joined table ends with the basis of its target and whether any joined fact is a conflict.
_JOINED = {"basis": _text(isin(BASES)), "conflict": Col(bool)}
EVIDENCE = ("doc", "source_text", "mark_start", "mark_end", "page")


def evidence_columns(role: str) -> dict:
    """<role>_doc, <role>_source_text, <role>_mark_start, <role>_mark_end, <role>_page: the
    evidence of one value of a joined table (the fact's doc, source_text, mark_start, mark_end
    and the page of a PDF it stands on); empty text and <NA> offsets where the row has no such
    value."""
    offset = Col("Int64", nullable=True)
    return {f"{role}_doc": _text(), f"{role}_source_text": _text(), f"{role}_mark_start": offset,
            f"{role}_mark_end": offset, f"{role}_page": offset}  # fmt: skip

FACTS = _schema(
    {
        "region": _REGION,
        "region_level": _text(isin(REGION_LEVELS)),
        "parent_region": _text(),
        "indicator": _INDICATOR,
        "period": _YEAR,
        "kind": _text(isin(KINDS)),
        "measure": _MEASURE,
        "basis": _text(isin(BASES)),
        "value": _number(),
        "value_high": _number(),
        "unit": _text(),
        "value_norm": _number(),
        "unit_norm": _text(),
        "qualifier": _QUALIFIER,
        "text": _text(),
        "docs": _text(str_length(1)),
        "n_docs": Col("int64", ge(1)),
        "conflict": Col(bool),
        "conflict_note": _text(),
        "superseded": _text(),
        # The evidence of the figure kept: its document (the first), its sentence and where the
        # figure stands in it (evidence.mark_records; -1 where it is not found).
        "doc": _text(),
        "source_text": _text(),
        "mark_start": Col("int64"),
        "mark_end": Col("int64"),
        "page": Col("Int64", nullable=True),  # of a PDF: where the evidence stands
    },
    rules=[
        custom(lambda df: df["conflict"] == (df["conflict_note"] != ""), "note_iff_conflict"),
        # One target and one outcome per key: an actual and an estimate never both survive.
        custom(lambda df: ~df.assign(kind=df["kind"] == "target").duplicated(FACT_ORDER), "one_fact_per_key"),
    ],
)

PAIRS = _schema(
    {
        "region": _REGION,
        "indicator": _INDICATOR,
        "measure": _MEASURE,
        "period": _YEAR,
        "unit_norm": _text(),
        "target": _number(),
        "target_high": _number(),
        "qualifier": _QUALIFIER,
        "text": _text(),
        "direction": _text(isin(("floor", "ceiling"))),
        "outcome": _number(),
        "outcome_kind": _text(isin(("actual", "estimate", ""))),
        "gap": _number(),
        "met": Col("boolean", nullable=True),
        "target_docs": _text(),
        "outcome_docs": _text(),
        **_JOINED,
        **evidence_columns("target"),
        **evidence_columns("outcome"),
    },
    unique=["region", "indicator", "measure", "period", "basis"],
)

# over_time: the columns of PAIRS, one row per year (with a target, an outcome or both).
OVER_TIME = _schema(dict(PAIRS.columns), unique=["region", "indicator", "measure", "period"])

AMBITION = _schema(
    {
        "region": _REGION,
        "indicator": _INDICATOR,
        "measure": _MEASURE,
        "period": _YEAR,
        "target": _number(nullable=False),
        "qualifier": _QUALIFIER,
        "previous_outcome": _number(nullable=False),
        "previous_kind": _text(isin(("actual", "estimate"))),
        "ambition": _number(nullable=False),
        "unit_norm": _text(),
        **_JOINED,
    },
    unique=["region", "indicator", "measure", "period", "basis"],
)

AMPLIFICATION = _schema(
    {
        "region": _REGION,
        "region_level": _text(isin(REGION_LEVELS)),
        "parent_region": _text(),
        "ancestor": _REGION,
        "ancestor_level": _text(isin(REGION_LEVELS)),
        "steps": Col("int64", ge(1)),
        "indicator": _INDICATOR,
        "measure": _MEASURE,
        "period": _YEAR,
        "target": _number(nullable=False),
        "qualifier": _QUALIFIER,
        "ancestor_target": _number(nullable=False),
        "ancestor_qualifier": _QUALIFIER,
        "gap": _number(),  # empty for amounts: never differenced across levels
        "unit_norm": _text(),
        **_JOINED,
        "target_docs": _text(),
        "ancestor_docs": _text(),
        **evidence_columns("target"),
        **evidence_columns("ancestor"),
    },
    unique=["region", "ancestor", "indicator", "measure", "period", "basis"],
)

# cross_region: regions x "<indicator> (<unit_norm>)".
# The overview's tables (overview.py): a value per year and level, or per level and wording, with
# the targets, regions and reports behind it.
WORDINGS = ("floor", "soft", "other")
_COUNTS = {"targets": Col("int64", ge(0)), "regions": Col("int64", ge(0)),
           "reports": Col("int64", ge(0))}  # fmt: skip
_LEVEL = _text(isin(REGION_LEVELS))
BY_YEAR = _schema({"year": Col("int64"), "region_level": _LEVEL, "value": Col("float64"), **_COUNTS},
                  unique=["year", "region_level"])  # fmt: skip
WORDING = _schema({"region_level": _LEVEL, "wording": _text(isin(WORDINGS)), "value": Col("float64"),
                   **_COUNTS}, unique=["region_level", "wording"])  # fmt: skip

WIDE = Shape({r".+ \(.*\)": Col("float64", nullable=True, regex=True)}, index=(str, "region"), strict=False,
              ordered=False)


def fact_key(record: dict) -> tuple:
    """What one fact is about: targets apart from outcomes (an actual or an estimate)."""
    return (record["region"], record["indicator"], record["period"], record["kind"] == "target",
            record["measure"], record["basis"])  # fmt: skip


def fact_row(group: list[dict]) -> dict:
    """One fact from the observations of one key, in reading order (see compare.facts)."""
    used, set_aside = group, []
    if any(r["kind"] == "actual" for r in group):
        used = [r for r in group if r["kind"] == "actual"]
        set_aside = [r for r in group if r["kind"] == "estimate"]
    found = variants(used)
    docs = sorted({r["doc"] for r in used})
    return {
        **{c: used[0][c] for c in FACT_ORDER + FIGURE},
        "docs": "; ".join(docs),
        "n_docs": len(docs),
        "conflict": len(found) > 1,
        "conflict_note": note(found) if len(found) > 1 else "",
        "superseded": note(variants(set_aside), prefix="estimate "),
        **{c: used[0][c] for c in EVIDENCE},
    }


def variants(records: list[dict]) -> dict[str, list[str]]:
    """Each distinct figure (as described) -> the documents stating it, in reading order."""
    found: dict[str, list[str]] = {}
    for record in records:
        docs = found.setdefault(describe(record), [])
        if record["doc"] not in docs:
            docs.append(record["doc"])
    return found


def note(found: dict[str, list[str]], prefix: str = "") -> str:
    """'9 about (docA); 8.5 about (docB)'."""
    return "; ".join(f"{prefix}{figure} ({', '.join(docs)})" for figure, docs in found.items())


def describe(r: dict) -> str:
    """'9 about', '390 亿元 about', '6-6.5 range', '量稳质升': what a figure says, comparably."""
    if pd.isna(r["value"]):
        return r["text"]
    normalised = not pd.isna(r["value_norm"])
    number = f"{(r['value_norm'] if normalised else r['value']):.10g}"
    if r["qualifier"] == "range":
        high = normalise_value(r["indicator"], r["measure"], r["value_high"], r["unit"])[0]
        number += f"-{(high if normalised else r['value_high']):.10g}"
    unit = r["unit_norm"] if normalised else r["unit"]
    unit = f" {unit}" if r["measure"] == "level" or unit != "%" else ""
    return f"{number}{unit} {r['qualifier']}".rstrip()


def region_info(records: list[dict]) -> tuple[dict, dict]:
    """Region -> its level and its parent: the first informative value any document gives."""
    level: dict[str, str] = {}
    parent: dict[str, str] = {}
    for r in records:
        if r["region_level"] != "other":
            level.setdefault(r["region"], r["region_level"])
        if r["parent_region"]:
            parent.setdefault(r["region"], r["parent_region"])
    return level, parent


def outcomes(f: pd.DataFrame) -> pd.DataFrame:
    """The outcome facts (actual or estimate), with the columns a join needs."""
    keep = ["region", "indicator", "measure", "period", "basis", "unit_norm", "value_norm",
            "qualifier", "kind", "docs", "conflict", *EVIDENCE]  # fmt: skip
    return f.loc[f["kind"] != "target", keep]


def match_one(left, right, on, how, units=True) -> pd.DataFrame:
    """Each left row with one right row: same unit (unless units=False), then same basis first."""
    on = [*on, "unit_norm"] if units else on
    right = right.rename(columns={c: f"{c}_r" for c in right if c not in on})
    m = left.reset_index(drop=True).reset_index(names="_row").merge(right, on=on, how=how)
    if not units:
        m["_other_unit"] = m["unit_norm"] != m["unit_norm_r"]
    else:
        m["unit_norm_r"], m["_other_unit"] = m["unit_norm"], False
    m["_other_basis"] = m["basis"] != m["basis_r"]
    order = ["_row", "_other_unit", "_other_basis", "basis_r"]
    return m.sort_values(order, kind="stable").drop_duplicates("_row").reset_index(drop=True)


def range_high(m: pd.DataFrame) -> pd.Series:
    """The upper end of a range in the standard unit (value_high is as printed)."""
    return pd.Series([normalise_value(i, s, h, u)[0] for i, s, h, u in
                      zip(m["indicator"], m["measure"], m["value_high"], m["unit"])],
                     index=m.index, dtype="float64")  # fmt: skip


def finish(frame: pd.DataFrame, schema: Shape, order: list) -> pd.DataFrame:
    """Columns in the schema's order, rows sorted by `order`, the comparison's result
    (`observations.result`)."""
    frame = frame[list(schema.columns)].sort_values(order, kind="stable").reset_index(drop=True)
    return result(schema, frame)


def evidence_from(m: pd.DataFrame, role: str, suffix: str = "", keep=None) -> dict:
    """The evidence columns of `role` from the joined frame's fact columns (with `suffix`),
    blank where `keep` is False or the join found no fact."""
    keep = pd.Series(True, index=m.index) if keep is None else keep
    doc, text, start, end, page = (m[f"{c}{suffix}"] for c in EVIDENCE)
    return {f"{role}_doc": doc.where(keep).fillna(""), f"{role}_source_text": text.where(keep).fillna(""),
            f"{role}_mark_start": start.where(keep).astype("Int64"),
            f"{role}_mark_end": end.where(keep).astype("Int64"),
            f"{role}_page": page.astype("Int64").where(keep).astype("Int64")}  # fmt: skip


def plain_basis_first(frame: pd.DataFrame, on: list) -> pd.DataFrame:
    """One row per key: the plain basis (""), else the first basis by name."""
    order = frame.assign(_other=frame["basis"] != "").sort_values([*on, "_other", "basis"], kind="stable")
    return order.drop_duplicates(on).drop(columns="_other")


def usual_unit(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the unit most of a series' figures are in (targets in words have none)."""
    series = ["region", "indicator", "measure"]
    stated = rows[rows["unit_norm"] != ""]
    if stated.empty:
        return rows
    counts = stated.groupby([*series, "unit_norm"]).size().rename("n").reset_index()
    usual = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates(series)
    keep = rows.merge(usual.drop(columns="n").rename(columns={"unit_norm": "_usual"}), on=series, how="left")
    return rows[((keep["unit_norm"] == keep["_usual"]) | (keep["unit_norm"] == "")).to_numpy()]

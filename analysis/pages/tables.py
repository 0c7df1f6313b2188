"""What every page shows beside its figures: tables in the contract's words, as HTML.

A page's table goes through `html_table`: ids named in the page's language (gdp ->
地区生产总值), each value's evidence a <details> element, every cell escaped (text from reports
is data, not markup). `figure_name` gives each figure a stable ASCII file name; the helpers
below put rows in the contract's order and check the indicators a notebook asks for.
"""

from __future__ import annotations

import re
import secrets
import warnings
from typing import TYPE_CHECKING

import pandas as pd

from ..compare.evidence import Evidence, evidence_of, table_columns
from ..errors import ParameterError
from ..filenames import figure_name  # noqa: F401 (the notebooks' pages.figure_name)
from ..labels import (
    check_lang,
    column_label,
    indicator_label,
    kind_label,
    level_label,
    qualifier_label,
    region_label,
    report_type_label,
    unit_label,
)
from ..observations import INDICATORS, REGION_LEVELS
from ..regions import REGION_NAME_RULE, is_region_name
from ..units import format_number, format_value

if TYPE_CHECKING:
    from IPython.display import HTML


def as_html(markup: str) -> HTML:
    """Markup a notebook shows as HTML (IPython's display class, imported when a page shows one)."""
    from IPython.display import HTML

    return HTML(markup)


def indicators_asked(indicators, available) -> list[str]:
    """The indicators a notebook asks for ([] for every one `available`), each checked."""
    indicators = [indicators] if isinstance(indicators, str) else list(indicators or [])
    for indicator in indicators:
        if indicator not in INDICATORS:
            raise ParameterError(f"indicator {indicator!r} not in the indicators; valid: {', '.join(INDICATORS)}")
        if indicator not in available:
            raise ParameterError(f"indicator {indicator!r} has no figure here; valid: {', '.join(available)}")
    return indicators or list(available)


def in_order(indicators) -> list[str]:
    """Indicator ids once each, in the contract's order (gdp first)."""
    return sorted(set(indicators), key=INDICATORS.index)


def by_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by region, period and the contract's order of indicators (gdp first)."""
    rank = frame["indicator"].map(INDICATORS.index)
    keys = [c for c in ("region", "period") if c in frame]
    return frame.assign(_rank=rank).sort_values([*keys, "_rank"], kind="stable").drop(columns="_rank")


def growth(frame: pd.DataFrame) -> pd.DataFrame:
    """The growth rows of a table (rates share one scale; amounts do not)."""
    return frame[frame["measure"] == "growth"]


def drawable(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose regions a page can name (`regions.is_region_name`): a page of several
    regions leaves out a region it cannot label, with a warning, rather than fail for all."""
    columns = [c for c in ("region", "parent_region", "ancestor") if c in frame]
    names = {name for c in columns for name in set(frame[c]) if name != ""}
    bad = sorted(name for name in names if not is_region_name(name))
    for name in bad:
        warnings.warn(f"region {name!r} left out: {REGION_NAME_RULE}", stacklevel=2)
    return frame[~frame[columns].isin(bad).any(axis=1)] if bad else frame


def labelled(frame: pd.DataFrame, lang: str = "zh", units: bool = True) -> pd.DataFrame:
    """A copy with regions, indicators, kinds and qualifiers named in `lang`; a column of
    cross_region ("gdp (亿元)") named with its unit, or without it where each value says it
    (`units=False`)."""
    out = frame.copy()
    for column, label in (("region", region_label), ("parent_region", region_label),
                          ("ancestor", region_label), ("indicator", indicator_label), ("kind", kind_label),
                          ("outcome_kind", kind_label), ("qualifier", qualifier_label),
                          ("ancestor_qualifier", qualifier_label), ("region_level", _level),
                          ("ancestor_level", _level), ("report_type", report_type_label)):  # fmt: skip
        if column in out:
            out[column] = [label(v, lang) if isinstance(v, str) and v else v for v in out[column]]
    if "met" in out:
        words = {True: "完成", False: "未完成"} if lang == "zh" else {True: "met", False: "missed"}
        out["met"] = [words[bool(v)] if not pd.isna(v) else "" for v in out["met"]]
    out.columns = [_column_label(c, lang, units) for c in out.columns]
    if out.index.name == "region":
        out.index = [region_label(r, lang) for r in out.index]
        out.index.name = column_label("region", lang)
    return out


def _level(level: str, lang: str) -> str:
    return level_label(level, lang) if level in REGION_LEVELS else level


def _column_label(column, lang: str, units: bool = True):
    """'gdp (亿元)', a column of cross_region, -> '地区生产总值 (亿元)' (or '地区生产总值' without
    `units`); the comparisons' columns named in `lang` (target -> 目标); other columns unchanged."""
    match = re.fullmatch(r"(\w+) \((.*)\)", str(column))
    if not match or match[1] not in INDICATORS:
        return column_label(str(column), lang)
    name = indicator_label(match[1], lang)
    return f"{name} ({unit_label(match[2], lang)})" if units else name


# A value column of the comparisons -> the role of its evidence columns (<role>_source_text, ...).
VALUE_ROLES = {"target": "target", "outcome": "outcome", "ancestor_target": "ancestor"}
# Columns of numbers in the unit of the row (unit_norm), and the columns of their wording.
_WORDING = {"target": "qualifier", "ancestor_target": "ancestor_qualifier"}


def value_labels(frame: pd.DataFrame, column: str, lang: str = "zh") -> list[str]:
    """Each value of `column` as a report writes it, in the row's unit (unit_norm, or the unit in
    a cross_region column's name), with its wording: 7.5%以上, 6%–6.5%, 900万人, 左右 9% in English
    "about 9%"; a gap signed, of growth in 个百分点; "" where there is none."""
    match = re.fullmatch(r"\w+ \((.*)\)", str(column))
    units = [match[1]] * len(frame) if match else list(frame["unit_norm"]) if "unit_norm" in frame else \
        ["%" if m == "growth" else "" for m in frame.get("measure", [""] * len(frame))]  # fmt: skip
    wordings = frame[_WORDING[column]] if column in _WORDING and _WORDING[column] in frame else [""] * len(frame)
    highs = frame["target_high"] if column == "target" and "target_high" in frame else [float("nan")] * len(frame)
    out = []
    for value, unit, wording, high in zip(frame[column], units, wordings, highs):
        if value is None or pd.isna(value):
            out.append("")
        elif column == "gap":
            out.append(format_value(value, "个百分点" if unit == "%" else unit, lang, signed=True))
        elif wording == "range" and not pd.isna(high):
            out.append(f"{format_value(value, unit, lang)}–{format_value(high, unit, lang)}")
        else:
            out.append(worded(format_value(value, unit, lang) if unit else format_number(value, 4), wording, lang))
    return out


def worded(shown: str, wording: str, lang: str) -> str:
    """9%左右, 7.5%以上, 5.5%以内 as the reports write them; about 9%, at least 7.5% in English."""
    if wording not in ("about", "at_least", "at_most"):
        return shown
    return f"{shown}{qualifier_label(wording, 'zh')}" if lang == "zh" else f"{qualifier_label(wording, 'en')} {shown}"


def html_table(frame: pd.DataFrame, lang: str = "zh", columns=None, label: bool = True,
               observations: pd.DataFrame | None = None) -> HTML:  # fmt: skip
    """The frame (or its `columns`) as an HTML table, every cell escaped: report text is
    data, not markup. With `label`, ids and column names are in `lang` (gdp -> 地区生产总值,
    target -> 目标); numbers are written as a reader writes them (`value_labels`).

    Each value of a comparison (target, outcome, ancestor_target) is a <details> element: the
    value as the page writes it, opening on the sentence it was read from with the figure
    marked and the documents (`evidence.Evidence`). With `observations` (the table the page
    read), a figure read from a table row shows the row's cells under what each was read as.
    A column `<role>_evidence` (target_evidence, ...) is the evidence alone, its summary the
    figure as printed."""
    check_lang(lang)
    frame, made = frame.copy(), set()
    cells = table_columns(observations, lang) if observations is not None else {}
    for column, role in VALUE_ROLES.items():
        if column in frame and f"{role}_source_text" in frame and (not columns or column in columns):
            shown_values = value_labels(frame, column, lang)
            found = evidence_of(frame, role, shown_values, cells)
            frame[column] = [e if e is not None else v for e, v in zip(found, shown_values)]
            made.add(column)
    for column in columns or []:
        role = column.removesuffix("_evidence")
        if column not in frame and column != role and f"{role}_source_text" in frame:
            frame[column] = evidence_of(frame, role, columns=cells)
            made.add(column)
    for column in frame.columns:
        if column not in made and pd.api.types.is_float_dtype(frame[column]) and (not columns or column in columns):
            frame[column] = value_labels(frame, column, lang) if column in ("gap", *VALUE_ROLES) or \
                re.fullmatch(r"\w+ \(.*\)", str(column)) else [format_number(v, 4) for v in frame[column]]  # fmt: skip
    frame = frame[list(columns)] if columns else frame
    shown = labelled(frame, lang, units=False) if label else frame  # each value says its unit
    # Evidence is HTML made here from escaped text: each cell is a token while pandas escapes
    # the table, then the token is replaced by the element. The tokens are new on every call,
    # so no report text can stand in for one.
    nonce, pieces = secrets.token_hex(8), {}
    for column in shown.columns:
        if column in made or shown[column].map(lambda v: isinstance(v, Evidence)).any():
            tokens = []
            for value in shown[column]:
                token = f"evidence-{nonce}-{len(pieces)}"
                pieces[token] = value.html(lang) if isinstance(value, Evidence) else ""
                tokens.append(token)
            shown[column] = tokens
    index = shown.index.name is not None
    if index:  # the index's name in the corner of the one header row, not on a row of its own
        shown.columns.name, shown.index.name = shown.index.name, None
    table = shown.to_html(escape=True, na_rep="", index=index, border=0)
    if pieces:
        table = re.sub(rf"evidence-{nonce}-\d+", lambda m: pieces[m[0]], table)
    return as_html(table)

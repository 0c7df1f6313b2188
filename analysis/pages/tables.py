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

from ..compare.evidence import Evidence, evidence_of
from ..errors import ParameterError
from ..filenames import figure_name  # noqa: F401 (the notebooks' pages.figure_name)
from ..labels import (
    check_lang,
    indicator_label,
    kind_label,
    qualifier_label,
    region_label,
    unit_label,
)
from ..observations import INDICATORS
from ..regions import REGION_NAME_RULE, is_region_name

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


def labelled(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A copy with regions, indicators, kinds and qualifiers named in `lang`."""
    out = frame.copy()
    for column, label in (("region", region_label), ("parent_region", region_label),
                          ("ancestor", region_label), ("indicator", indicator_label), ("kind", kind_label),
                          ("outcome_kind", kind_label), ("qualifier", qualifier_label),
                          ("ancestor_qualifier", qualifier_label)):  # fmt: skip
        if column in out:
            out[column] = [label(v, lang) if isinstance(v, str) and v else v for v in out[column]]
    if "met" in out:
        words = {True: "完成", False: "未完成"} if lang == "zh" else {True: "met", False: "missed"}
        out["met"] = [words[bool(v)] if not pd.isna(v) else "" for v in out["met"]]
    out.columns = [_column_label(c, lang) for c in out.columns]
    if out.index.name == "region":
        out.index = [region_label(r, lang) for r in out.index]
        out.index.name = "region"
    return out


def _column_label(column, lang: str):
    """'gdp (亿元)', a column of cross_region, -> '地区生产总值 (亿元)'; other columns unchanged."""
    match = re.fullmatch(r"(\w+) \((.*)\)", str(column))
    if not match or match[1] not in INDICATORS:
        return column
    return f"{indicator_label(match[1], lang)} ({unit_label(match[2], lang)})"


def html_table(frame: pd.DataFrame, lang: str = "zh", columns=None, label: bool = True) -> HTML:
    """The frame (or its `columns`) as an HTML table, every cell escaped: report text is
    data, not markup. With `label`, ids are named in `lang` (gdp -> 地区生产总值).

    A column `<role>_evidence` (target_evidence, outcome_evidence, ancestor_evidence) is made
    from the table's evidence columns of that role: each cell a <details> element naming the
    documents, which opens on the sentence with the figure marked (`evidence.Evidence`)."""
    check_lang(lang)
    frame, made = frame.copy(), set()
    for column in columns or []:
        role = column.removesuffix("_evidence")
        if column not in frame and column != role and f"{role}_source_text" in frame:
            frame[column] = evidence_of(frame, role)
            made.add(column)
    frame = frame[list(columns)] if columns else frame
    shown = labelled(frame, lang) if label else frame
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
    table = shown.to_html(escape=True, na_rep="", index=index, border=0)
    if pieces:
        table = re.sub(rf"evidence-{nonce}-\d+", lambda m: pieces[m[0]], table)
    return as_html(table)

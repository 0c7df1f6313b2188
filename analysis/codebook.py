"""The codebook: the table's columns, indicators and vocabularies, from the library's own definitions.

`python -m analysis codebook` writes it as Markdown or CSV; an Excel output carries it as its
second sheet and a Stata file takes its variable labels from it. It is generated from
observations.py (columns, vocabularies), units.py (standard units), labels.py (Chinese and English
names) and the meanings in analysis/vocab/columns.csv and values.csv, so it cannot drift
from what the extractor writes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import observations
from .labels import _vocab, indicator_label, kind_label, measure_label, qualifier_label
from .units import STANDARD_UNIT

FIELDS = ["section", "name", "type", "zh", "en", "unit", "meaning"]
# Vocabulary -> its values in the schema, in the order the codebook lists them.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "kind": observations.KINDS,
    "measure": observations.MEASURES,
    "qualifier": observations.QUALIFIERS,
    "basis": observations.BASES,
    "region_level": observations.REGION_LEVELS,
    "report_type": observations.REPORT_TYPES,
    "checks": observations.CHECKS,
    "review": observations.REVIEWS,
}
# Names of values in Chinese and English where labels.py has them (figures use the same words).
_LABELS = {"kind": kind_label, "measure": measure_label, "qualifier": qualifier_label}
# The contract's words for the schema's dtypes.
TYPES = {"str": "str", "int64": "int", "float64": "float", "Int64": "int or empty"}
STATA_LABEL_LENGTH = 80  # Stata's limit on a variable label, in characters


def column_meanings() -> dict[str, str]:
    """Column -> what it means, for every column of the schema, in its order."""
    meanings = {row["column"]: row["meaning"] for row in _vocab("columns.csv")}
    if list(meanings) != list(observations.COLUMNS):
        missing = [c for c in observations.COLUMNS if c not in meanings]
        raise ValueError(f"analysis/vocab/columns.csv must list the columns {', '.join(observations.COLUMNS)} "
                         f"in this order; missing: {', '.join(missing) or 'none'}")  # fmt: skip
    return meanings


def value_meanings() -> dict[tuple[str, str], str]:
    """(vocabulary, value) -> what the value means, for every value of each vocabulary."""
    meanings = {(row["field"], row["value"]): row["meaning"] for row in _vocab("values.csv")}
    expected = [(field, value) for field, values in VOCABULARIES.items() for value in values]
    if sorted(meanings) != sorted(expected):
        wrong = sorted(set(meanings) ^ set(expected))
        raise ValueError(f"analysis/vocab/values.csv must give each value of {', '.join(VOCABULARIES)} "
                         f"once; differs at {wrong}")  # fmt: skip
    return meanings


def variable_labels() -> dict[str, str]:
    """Column -> its meaning shortened to a Stata variable label (80 characters at most).

    >>> variable_labels()["indicator_text"]
    'the indicator words exactly as printed (500万元以上固定资产投资)'
    >>> variable_labels()["region"]
    'full Chinese short name of the government the figure belongs to: 青云谱区, 南昌县…'
    """
    return {column: shorten(meaning, STATA_LABEL_LENGTH) for column, meaning in column_meanings().items()}


def shorten(text: str, limit: int) -> str:
    """`text` cut, with an ellipsis, at its last separator outside parentheses that fits `limit`.

    >>> shorten("the number as printed (390, 21775; 下降2.0% is -2.0); NaN for a qualitative target", 40)
    'the number as printed…'
    """
    if len(text) <= limit:
        return text
    cuts = [at for sep in (", ", "; ", " (", " ") for at in _positions(text, sep, limit - 1)
            if text.count("(", 0, at) == text.count(")", 0, at)]  # fmt: skip
    cut = max(cuts, default=0)
    return text[: cut if cut > limit // 4 else limit - 1].rstrip(" ,;") + "…"


def _positions(text: str, sep: str, end: int) -> list[int]:
    found, at = [], text.find(sep)
    while 0 <= at < end:
        found.append(at)
        at = text.find(sep, at + 1)
    return found


def codebook() -> pd.DataFrame:
    """The codebook as one table: a row per column, indicator and vocabulary value.

    `section` is column, indicator or the vocabulary (kind, measure, qualifier, basis,
    region_level, report_type); `name` the column, indicator id or value; `type` a column's
    type; `zh`, `en` the Chinese and English names; `unit` an indicator's standard unit.
    """
    rows = [dict(section="column", name=column, type=TYPES[observations.COLUMNS[column]], meaning=meaning)
            for column, meaning in column_meanings().items()]  # fmt: skip
    rows += [dict(section="indicator", name=indicator, zh=indicator_label(indicator, "zh"),
                  en=indicator_label(indicator, "en"), unit=STANDARD_UNIT[indicator])
             for indicator in observations.INDICATORS]  # fmt: skip
    meanings = value_meanings()
    for field, values in VOCABULARIES.items():
        label = _LABELS.get(field)
        rows += [dict(section=field, name=value, meaning=meanings[field, value],
                      zh=label(value, "zh") if label else "", en=label(value, "en") if label else "")
                 for value in values]  # fmt: skip
    return pd.DataFrame(rows, columns=FIELDS).fillna("")


def to_markdown(book: pd.DataFrame | None = None) -> str:
    """The codebook as a Markdown document: columns, indicators, then each vocabulary."""
    book = codebook() if book is None else book
    parts = [
        "# Codebook: the table of headline figures\n",
        "One row is one figure that one report states about one indicator. The same columns and "
        "values are in every output of `python -m analysis extract` (CSV, Parquet, Stata .dta, "
        "Excel .xlsx). Generated by `python -m analysis codebook` from the library's own "
        "definitions; DATA_CONTRACT.md tells more, with examples.\n",
        "## Columns\n",
        _markdown_table(book[book["section"] == "column"], {"name": "column", "type": "type",
                                                            "meaning": "meaning"}),  # fmt: skip
        "## Indicators (`indicator`)\n",
        "Levels are given in the printed unit (`unit`) and in the indicator's standard unit "
        "(`unit_norm`); a level printed in another currency keeps its currency on the 亿 scale "
        "(exports in 亿美元 stay 亿美元). Growth rates are in %.\n",
        _markdown_table(book[book["section"] == "indicator"], {"name": "indicator", "zh": "中文",
                        "en": "English", "unit": "standard unit"}),  # fmt: skip
    ]
    for field in VOCABULARIES:
        rows = book[book["section"] == field]
        columns = {"name": "value", "zh": "中文", "en": "English", "meaning": "meaning"}
        if not rows["zh"].any():
            columns = {"name": "value", "meaning": "meaning"}
        parts += [f"## `{field}`\n", _markdown_table(rows, columns)]
    return "\n".join(parts)


def _markdown_table(rows: pd.DataFrame, columns: dict[str, str]) -> str:
    lines = ["| " + " | ".join(columns.values()) + " |", "|" + "---|" * len(columns)]
    for row in rows.to_dict("records"):
        cells = [_cell(row[c], c == "name") for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: str, is_name: bool) -> str:
    if is_name:
        return f"`{value}`" if value else "(empty)"
    return str(value).replace("|", "\\|")


def write_codebook(path: str | os.PathLike) -> Path:
    """Write the codebook to a .md or .csv file, atomically (never a half-written file)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".csv"):
        raise ValueError(f"{path}: the codebook must end in .md or .csv")
    content = to_markdown() if suffix == ".md" else codebook().to_csv(index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(content, encoding="utf-8", newline="")
    os.replace(tmp, path)
    return path

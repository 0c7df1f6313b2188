"""A table's shape declared as data: its columns (name, dtype, rules), rules on whole rows, keys
that must be unique. pandera builds its schema from a shape the first time a table is validated.

Every table of the project has a shape: the contract's table (`observations.OBSERVATIONS`) and the
tables the comparisons return (`compare/schemas.py`). Declaring them without pandera keeps pandera
(~0.2 s to import, and its first check loads its data-synthesis module, with hypothesis where that
is installed) out of a process that validates nothing: a page made from a table this project
wrote (see `observations.TableDigest`) reads the column names and dtypes of its shapes only.

>>> shape = Shape({"region": Col(str, (str_length(1),)), "period": Col("int64", (in_range(1949, 2100),))})
>>> list(shape.columns), shape.conforms(shape.validate(__import__("pandas").DataFrame({"region": ["赣县区"], "period": [2020]})))
(['region', 'period'], True)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Rule:
    """One check of pandera's `Check`: a built-in one by its name ("isin", "str_length", "ge",
    "in_range", "str_matches") and arguments, or a function of the column or frame ("custom")."""

    kind: str
    args: tuple = ()
    name: str | None = None
    keywords: tuple = ()  # (name, value) pairs


def isin(values) -> Rule:
    return Rule("isin", (list(values),))


def str_length(min_value: int) -> Rule:
    return Rule("str_length", keywords=(("min_value", min_value),))


def ge(value) -> Rule:
    return Rule("ge", (value,))


def in_range(low, high) -> Rule:
    return Rule("in_range", (low, high))


def str_matches(pattern: str) -> Rule:
    return Rule("str_matches", (pattern,))


def custom(function, name: str) -> Rule:
    """A function of a column (a Series of booleans back) or of the frame."""
    return Rule("custom", (function,), name)


@dataclass(frozen=True)
class Col:
    """A column: its dtype (`str` or a pandas dtype's name), its rules (a Rule or several), whether it may be missing,
    whether its name is a pattern of names (`regex`)."""

    dtype: object
    rules: tuple = ()
    nullable: bool = False
    regex: bool = False


class Shape:
    """A table's columns in order (`columns`: name -> Col), rules on whole rows, unique keys and
    an optional index (dtype, name); `validate` is pandera's (coercing to the dtypes, strict
    about columns and their order), `conforms` a look at names and dtypes only."""

    def __init__(self, columns: dict[str, Col], rules=(), unique=None, index: tuple | None = None,
                 strict: bool = True, ordered: bool = True, coerce: bool = True):  # fmt: skip
        self.columns = columns
        self.rules, self.unique, self.index = tuple(rules), unique, index
        self.strict, self.ordered, self.coerce = strict, ordered, coerce
        self._schema = None

    def schema(self):
        """The pandera DataFrameSchema of this shape, built (and pandera imported) on first use."""
        if self._schema is None:
            import pandera.pandas as pa

            def check(rule: Rule):
                if rule.kind == "custom":
                    return pa.Check(rule.args[0], name=rule.name)
                return getattr(pa.Check, rule.kind)(*rule.args, **dict(rule.keywords))

            columns = {name: pa.Column(col.dtype, [check(r) for r in _listed(col.rules)], nullable=col.nullable,
                                       regex=col.regex) for name, col in self.columns.items()}  # fmt: skip
            index = pa.Index(self.index[0], name=self.index[1]) if self.index else None
            self._schema = pa.DataFrameSchema(columns, checks=[check(r) for r in self.rules], index=index,
                                              unique=self.unique, strict=self.strict, ordered=self.ordered,
                                              coerce=self.coerce)  # fmt: skip
        return self._schema

    def validate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """pandera's validation: the frame coerced to the shape's dtypes, or a SchemaError."""
        return self.schema().validate(frame)

    def cast(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with each named column not of its dtype cast to it, as pandera's coercion
        does (an object column of whole numbers and <NA> to Int64); a ValueError or TypeError
        where a value cannot be."""
        wanted = {name: _TEXT if col.dtype is str else col.dtype for name, col in self.columns.items()
                  if not col.regex and name in frame and not _is(frame[name].dtype, col.dtype)}  # fmt: skip
        return frame.astype(wanted) if wanted else frame

    def conforms(self, frame) -> bool:
        """Whether the frame has the shape's columns, in order, each of its dtype (its values
        unlooked at)."""
        if not isinstance(frame, pd.DataFrame):
            return False
        if any(col.regex for col in self.columns.values()):  # a pattern of names: every column of its dtype
            (col,) = self.columns.values()
            named = frame.index.name == (self.index[1] if self.index else frame.index.name)
            return named and all(_is(dtype, col.dtype) for dtype in frame.dtypes)
        return list(frame.columns) == list(self.columns) and all(
            _is(dtype, col.dtype) for dtype, col in zip(frame.dtypes, self.columns.values())
        )


def _listed(rules) -> tuple:
    return (rules,) if isinstance(rules, Rule) else tuple(rules)


# What pandera coerces a column of `str` to: pandas' own text dtype (object before pandas 3).
_TEXT = pd.Series([""], dtype=str).dtype


def _is(dtype, wanted) -> bool:
    if wanted is str:
        return dtype == _TEXT
    if wanted is bool:
        return str(dtype) == "bool"
    return str(dtype) == str(wanted)


def invalid(error: BaseException) -> bool:
    """Whether an error says a table does not fit its shape: pandera's SchemaError (only raised
    where pandera was loaded to validate), or the ValueError or TypeError of a failed coercion."""
    errors = sys.modules.get("pandera.errors")
    found = (errors.SchemaError, errors.SchemaErrors) if errors else ()
    return isinstance(error, (*found, ValueError, TypeError))

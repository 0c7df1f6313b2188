"""Mentions -> the data contract's tidy DataFrame: columns, schema, atomic writes.

The columns and vocabularies are fixed by DATA_CONTRACT.md; users' scripts
depend on these names, so they live here once and everything else imports them.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path

import pandas as pd

from .regions import region_code
from .shapes import Col, Shape, custom, ge, in_range, isin, str_length, str_matches
from .units import normalise_value

REGION_LEVELS = ("country", "province", "city", "county", "district", "other")
REPORT_TYPES = ("government_work_report", "plan_report", "statistical_bulletin", "other")
KINDS = ("actual", "estimate", "target")
MEASURES = ("growth", "level")
QUALIFIERS = ("about", "at_least", "at_most", "exact", "range", "")
BASES = ("同口径", "省口径", "可比价", "实际", "名义", "")
INDICATORS = (
    "gdp", "fiscal_revenue", "general_budget_revenue", "industrial_value_added",
    "fixed_asset_investment", "retail_sales", "services_revenue", "tertiary_value_added",
    "fdi", "domestic_investment", "exports", "urban_income", "rural_income",
    "resident_income", "new_urban_jobs", "registered_unemployment",
    "surveyed_unemployment", "grain_output", "cpi",
)  # fmt: skip

# Column -> dtype, in the contract's order.
COLUMNS: dict[str, str] = {
    "doc": "str",
    "region": "str",
    "region_level": "str",
    "parent_region": "str",
    "report_type": "str",
    "report_year": "int64",
    "indicator": "str",
    "indicator_text": "str",
    "period": "int64",
    "kind": "str",
    "measure": "str",
    "value": "float64",
    "unit": "str",
    "value_norm": "float64",
    "unit_norm": "str",
    "qualifier": "str",
    "value_high": "float64",
    "basis": "str",
    "text": "str",
    "source_text": "str",
    "char_start": "int64",
    "char_end": "int64",
    "page": "Int64",  # nullable: empty for formats without pages
    "region_code": "str",  # derived from region, parent_region and region_level (with_region_codes)
    "row_id": "str",
    "checks": "str",
    "review": "str",
}
# Reasons to look at a row's evidence again (the `checks` column, ids separated by ";"); each is
# one function of analysis/compare/checks.py and is defined in analysis/vocab/values.csv.
CHECKS = (
    "conflict", "two_values", "period_from_position", "weak_metadata", "region_from_text",
    "implausible", "far_from_ancestor", "part_year", "several_years", "past_target",
    "target_words", "other_scope",
)  # fmt: skip
# What a corrections file did to a row (the `review` column; analysis/reading/corrections.py).
REVIEWS = ("confirmed", "corrected", "added", "")
# What the reading stage knows of a row besides the contract's columns, for the checks: whether
# its sentence (or paragraph) states its period, whether its region was read from the text
# rather than being the report's own, and which of the report's metadata rest on weak evidence.
# Row dicts of `to_rows` carry them; tables do not.
READING_NOTES = ("period_stated", "region_from_text", "weak_metadata")


def _known_checks(checks: pd.Series) -> pd.Series:
    """Each cell empty or ids of CHECKS joined by ";"."""
    cells = checks.reset_index(drop=True)
    ids = cells[cells != ""].str.split(";").explode()
    known = ids.isin(CHECKS).groupby(level=0).all().reindex(range(len(cells)), fill_value=True)
    return pd.Series(known.to_numpy(dtype=bool), index=checks.index)


OBSERVATIONS = Shape(
    {
        "doc": Col(str),
        "region": Col(str),
        "region_level": Col(str, isin(REGION_LEVELS)),
        "parent_region": Col(str),
        "report_type": Col(str, isin(REPORT_TYPES)),
        "report_year": Col("int64", in_range(1949, 2100)),
        "indicator": Col(str, isin(INDICATORS)),
        "indicator_text": Col(str, str_length(1)),
        "period": Col("int64", in_range(1949, 2100)),
        "kind": Col(str, isin(KINDS)),
        "measure": Col(str, isin(MEASURES)),
        "value": Col("float64", nullable=True),
        "unit": Col(str),
        "value_norm": Col("float64", nullable=True),
        "unit_norm": Col(str),
        "qualifier": Col(str, isin(QUALIFIERS)),
        "value_high": Col("float64", nullable=True),
        "basis": Col(str, isin(BASES)),
        "text": Col(str),
        "source_text": Col(str, str_length(1)),
        "char_start": Col("int64", ge(0)),
        "char_end": Col("int64", ge(0)),
        "page": Col("Int64", ge(1), nullable=True),
        "region_code": Col(str, str_matches(r"^(?:\d{6})?$")),
        "row_id": Col(str, str_matches(r"^r[0-9a-f]{12}$")),
        "checks": Col(str, custom(_known_checks, "known_checks")),
        "review": Col(str, isin(REVIEWS)),
    },
    rules=[
        # A row either has a number or is a qualitative target with its words.
        custom(lambda df: df["value"].notna() | (df["text"] != ""), "value_or_text"),
        custom(lambda df: df["char_end"] >= df["char_start"], "span_ordered"),
        custom(lambda df: df["value_high"].isna() | (df["qualifier"] == "range"), "high_only_in_range"),
    ],
)


def empty_table() -> pd.DataFrame:
    """A table with the contract's columns and dtypes and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in COLUMNS.items()})


def to_rows(mentions: list, meta, doc: str) -> list[dict]:
    """One document's mentions as contract rows (plain dicts, not yet validated): each mention a
    `reading.pairing.Mention`, `meta` the document's `reading.metadata.ReportMeta` (not imported:
    the shared modules import no stage).

    A mention may name its own region (a city column of a county's table, a
    list of several cities); otherwise the report's region is used. Each dict also
    carries the READING_NOTES the checks need; tables made of the rows drop them.
    """
    rows = []
    weak = meta.weak_fields
    # (The fields of a row named one by one, in the contract's order: a dict built in one step,
    # not a copy of the mention's fields updated and put in order again, costs a third.)
    weak_own, weak_other = "; ".join(weak), "; ".join(f for f in weak if f != "region")
    for m in mentions:
        value_norm, unit_norm = normalise_value(m.indicator, m.measure, m.value, m.unit)
        region = m.region or meta.region
        same = region == meta.region
        rows.append({
            "doc": doc, "region": region,
            "region_level": meta.region_level if same else (m.region_level or "other"),
            "parent_region": meta.parent_region if same else (m.parent_region or ""),
            "report_type": meta.report_type, "report_year": meta.report_year, "indicator": m.indicator,
            "indicator_text": m.indicator_text, "period": m.period, "kind": m.kind, "measure": m.measure,
            "value": m.value, "unit": m.unit, "value_norm": value_norm, "unit_norm": unit_norm,
            "qualifier": m.qualifier, "value_high": m.value_high, "basis": m.basis, "text": m.text,
            "source_text": m.source_text, "char_start": m.char_start, "char_end": m.char_end,
            "page": None,  # set from the offsets where the file has pages (document.extract_file)
            "region_code": "",  # made by rows_to_table, which every row goes through
            "row_id": "",  # below, once the rows are made
            "checks": "", "review": "",
            "period_stated": m.period_stated, "region_from_text": not same,
            "weak_metadata": weak_own if same else weak_other,
        })  # fmt: skip
    return with_row_ids(rows)


def with_row_ids(rows: list[dict]) -> list[dict]:
    """Row dicts of one document (as `to_rows` makes them) with their `row_id`, made again from
    their fields: also when the document is given another name (two files of one name)."""
    for row in rows:
        region = row["region"] if row.get("region_from_text") else ""
        row["row_id"] = row_id(row["doc"], row["char_start"], row["char_end"], row["indicator"], row["measure"],
                               row["basis"], region)  # fmt: skip
    return distinct_ids(rows)


def row_id(doc: str, char_start: int, char_end: int, indicator: str, measure: str, basis: str = "",
           region: str = "") -> str:
    """A short id of a figure in its report: "r" and 12 hex digits of a hash of the document,
    the evidence span, the indicator, the measure and the basis (a report may state the real
    and the nominal growth of one figure), and the region where a sentence names one other than
    the report's own ("南昌县、进贤县均增长8%": one span, two rows). Never its value, period,
    kind or qualifier: a correction of those keeps the id. The leading letter keeps a
    spreadsheet or a CSV reader from taking an id of digits for a number.

    >>> row_id("nanchangxian.txt", 120, 126, "gdp", "growth")
    'r367f91e2f728'
    """
    key = "\x1f".join(map(str, (doc, int(char_start), int(char_end), indicator, measure, basis, region)))
    return "r" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def distinct_ids(rows: list[dict]) -> list[dict]:
    """Rows of one document whose id fields are all the same (none are known) get ids that also
    count which of them each is, in the order of the rows: ids stay unique within a table."""
    seen: dict[str, int] = {}
    for row in rows:
        first = row["row_id"]
        seen[first] = seen.get(first, 0) + 1
        if seen[first] > 1:
            digest = hashlib.blake2b(f"{first}\x1f{seen[first]}".encode(), digest_size=6).hexdigest()
            row["row_id"] = "r" + digest
    return rows


def rows_to_table(rows: list[dict]) -> pd.DataFrame:
    """Validated contract table of rows from `to_rows` (of one or many documents); each row's
    region_code made again from its region (a correction may have changed it)."""
    if not rows:
        return empty_table()
    # Fresh rows are never a table already passed: checked without being remembered.
    return OBSERVATIONS.validate(with_region_codes(_coerced(pd.DataFrame(rows, columns=list(COLUMNS)))))


def with_region_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `region_code` made from region, parent_region and region_level
    (`regions.region_code`): the column is derived, never read from a report."""
    # (Columns as lists first: a column of text yields its cells one by one much more slowly.)
    columns = (frame[name].tolist() for name in ("region", "parent_region", "region_level"))
    codes = [region_code(r, p, lev) for r, p, lev in zip(*columns)]
    if "region_code" not in frame:  # a table written before the column existed
        frame = frame.copy()
        frame.insert(min(len(frame.columns), list(COLUMNS).index("region_code")), "region_code", "")
    frame["region_code"] = codes
    return frame


def validate(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce to the contract's dtypes and check vocabularies; raises on a bad row.

    A table this function (or `check`) has already passed is returned as it is."""
    if passed(OBSERVATIONS, frame):
        return frame
    return check(OBSERVATIONS, _coerced(frame))


def _coerced(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with missing text as "" (the contract has no missing text), and an empty
    page (a CSV read with keep_default_na=False) as missing."""
    frame = frame.copy()
    for column, dtype in COLUMNS.items():
        if dtype == "str" and column in frame:
            frame[column] = frame[column].fillna("").astype(str)
        elif dtype == "Int64" and column in frame and not pd.api.types.is_numeric_dtype(frame[column]):
            values = frame[column]
            frame[column] = pd.to_numeric(values.where(values.astype(str).str.strip() != ""))
    return frame


# What a schema has passed, by content: a table handed from one function to the next
# (observations -> facts -> pairs) is checked once, not at every step; each check costs ~50 ms
# whatever the size, several per notebook page. Hashing a frame of more than CHECKED_ROWS rows
# costs about as much as checking it, so such frames are always checked.
_PASSED: OrderedDict[tuple, None] = OrderedDict()
CHECKED_ROWS = 50_000
_REMEMBERED = 256


def _fingerprint(shape: Shape, frame) -> tuple | None:
    if not isinstance(frame, pd.DataFrame) or len(frame) > CHECKED_ROWS:
        return None
    try:
        digest = int(pd.util.hash_pandas_object(frame, index=True).sum())
    except TypeError:  # cells a hash cannot take (lists, dicts): checked every time
        return None
    return id(shape), tuple(frame.columns), tuple(map(str, frame.dtypes)), len(frame), digest


def passed(shape: Shape, frame) -> bool:
    """Whether `shape` has passed a frame with exactly these columns, dtypes and values."""
    key = _fingerprint(shape, frame)
    return key is not None and key in _PASSED


def remember(shape: Shape, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, remembered as one `shape` passed: the same content is not checked again."""
    key = _fingerprint(shape, frame)
    if key is not None:
        _PASSED[key] = None
        while len(_PASSED) > _REMEMBERED:
            _PASSED.popitem(last=False)
    return frame


def check(shape: Shape, frame: pd.DataFrame) -> pd.DataFrame:
    """`shape.validate(frame)` (pandera), remembered: the same content passes again for free."""
    if passed(shape, frame):
        return frame
    return remember(shape, shape.validate(frame))


# Whether the tables the comparisons make are validated by pandera too (`result`). Their inputs
# always are (`check`, unless passed before); what they return is made by this project's code
# from those inputs, and the test suite turns this on (tests/conftest.py) so that every result of
# every test is validated, and tests that a result is already what its schema would make of it.
# Off, a page in a fresh kernel does not load pandera for them (~0.3 s).
CHECK_RESULTS = False


def result(shape: Shape, frame: pd.DataFrame) -> pd.DataFrame:
    """A table a comparison made from checked tables: validated where CHECK_RESULTS is on, or
    where its columns are not the shape's; otherwise cast to the shape's dtypes (what pandera's
    coercion does) and remembered as passed, so that the next step taking it does not check it
    either."""
    if not CHECK_RESULTS:
        try:
            cast = shape.cast(frame)  # a column of whole numbers and <NA> made of records: Int64
        except (ValueError, TypeError):
            cast = None  # pandera says which value cannot be
        if shape.conforms(cast):
            return remember(shape, cast)
    return check(shape, frame)


STAMP_KEY = b"analysis.checked"  # the key of a Parquet file's footer holding its TableDigest


class TableDigest:
    """A digest of a contract table this project validated and wrote, taken batch by batch as it
    is written (`reading.corpus.TableWriter` keeps it in a Parquet file's footer, `STAMP_KEY`):
    the column names, dtypes and every value, row by row, and this module's own text (a change
    of the contract's columns, vocabularies or rules makes every earlier stamp stale). A table
    read back whose digest is its file's stamp is what was written and passed: `pages.load` does
    not check it again. A file changed since (a cell, a row, a dtype), or stamped by another
    version of this module, is checked as any other."""

    def __init__(self):
        self._hash = hashlib.blake2b(_contract(), digest_size=16)
        self._head: str | None = None
        self._rows = 0

    def update(self, frame: pd.DataFrame) -> None:
        head = "\x1f".join(f"{c}:{t}" for c, t in zip(frame.columns, frame.dtypes.astype(str)))
        if self._head is None:
            self._head = head
            self._hash.update(head.encode())
        elif head != self._head:
            self._rows = -1  # batches of other dtypes: no stamp
        if self._rows >= 0:
            self._hash.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
            self._rows += len(frame)

    def hexdigest(self) -> str | None:
        """The digest, or None where no row was added (or batches differed in their dtypes)."""
        return self._hash.hexdigest() if self._rows > 0 else None

    @classmethod
    def of(cls, frame: pd.DataFrame) -> str | None:
        digest = cls()
        digest.update(frame)
        return digest.hexdigest()


_CONTRACT: list[bytes] = []


def _contract() -> bytes:
    if not _CONTRACT:
        _CONTRACT.append(hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).digest())
    return _CONTRACT[0]

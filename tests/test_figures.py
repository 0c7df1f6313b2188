"""Sentences -> rows, table-driven from tests/cases/sentences.yaml and negatives.yaml."""

from __future__ import annotations

import math
import re

import pytest
import yaml

import analysis
from analysis.reading.normalise import normalise

from .conftest import CASES, as_report

ROW_FIELDS = ("indicator", "kind", "period", "measure", "value", "unit", "qualifier")
EXTRA_FIELDS = {"basis", "value_high", "text", "region"}
CASE_KEYS = {"id", "sentence", "part", "region", "rows", "xfail"}


def _load(name: str):
    with open(CASES / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _check_case(case: dict, where: str) -> None:
    """A malformed case is an error, never a silently skipped case."""
    unknown = set(case) - CASE_KEYS
    if unknown or "id" not in case or not isinstance(case.get("sentence"), str):
        raise ValueError(f"{where}: case {case.get('id')!r} is malformed (unknown keys {unknown})")
    if case.get("part", "review") not in ("review", "plan"):
        raise ValueError(f"{where}: case {case['id']}: part must be review or plan")
    for row in case.get("rows", []):
        extra = row[7] if len(row) == 8 else {}
        if len(row) not in (7, 8) or not isinstance(extra, dict) or set(extra) - EXTRA_FIELDS:
            raise ValueError(f"{where}: case {case['id']}: bad row {row!r}")


def _cases():
    params = []
    for group, cases in _load("sentences.yaml").items():
        for case in cases:
            _check_case(case, f"sentences.yaml/{group}")
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            params.append(pytest.param(case, id=f"{group}-{case['id']}", marks=marks))
    return params


def _expected(case: dict) -> list[dict]:
    rows = []
    for row in case["rows"]:
        expected = dict(zip(ROW_FIELDS, row[:7]))
        expected["value"] = float(expected["value"])
        expected.update({"basis": "", "value_high": math.nan, "text": "",
                         "region": case.get("region", "青云谱区")})  # fmt: skip
        expected.update(row[7] if len(row) == 8 else {})
        expected["value_high"] = float(expected["value_high"])
        rows.append(expected)
    return rows


def _key(row: dict) -> tuple:
    def number(x):
        return "nan" if isinstance(x, float) and math.isnan(x) else round(float(x), 6)

    return (row["region"], row["indicator"], row["kind"], int(row["period"]), row["measure"],
            number(row["value"]), row["unit"], row["qualifier"], row["basis"],
            number(row["value_high"]), row["text"])  # fmt: skip


def _extract(case: dict):
    text = as_report(case["sentence"], case.get("part", "review"), case.get("region", "青云谱区"))
    return text, analysis.extract(text, doc="case.txt")


@pytest.mark.parametrize("case", _cases())
def test_sentence_yields_rows(case):
    _, table = _extract(case)
    got = sorted(_key(r) for r in table.to_dict("records"))
    assert got == sorted(_key(r) for r in _expected(case))


@pytest.mark.parametrize("case", _cases())
def test_evidence_points_at_the_printed_value(case):
    """char_start/char_end index the text as given: the value is printed there."""
    text, table = _extract(case)
    normalised = normalise(text)
    for row in table.to_dict("records"):
        evidence = normalised[row["char_start"] : row["char_end"]]
        assert evidence, row
        if not math.isnan(row["value"]):
            digits = f"{abs(row['value']):g}".replace(".", "")
            printed = evidence.replace(".", "").replace(" ", "").replace(",", "")
            # the digits as printed, or the figure in Chinese numerals (一百二十亿元, 突破万亿元)
            assert digits[:2] in printed or re.search("[一二两三四五六七八九十百千万]", evidence), (row, evidence)


def _negatives():
    params = []
    for case in _load("negatives.yaml"):
        _check_case(case, "negatives.yaml")
        params.append(pytest.param(case, id=case["id"]))
    return params


@pytest.mark.parametrize("case", _negatives())
def test_sentence_yields_no_row(case):
    _, table = _extract(case)
    assert table.empty, table[["indicator", "value", "unit", "source_text"]].to_string()


def test_malformed_case_is_an_error():
    with pytest.raises(ValueError, match="bad row"):
        _check_case({"id": "x", "sentence": "s", "rows": [["gdp", "actual"]]}, "here")
    with pytest.raises(ValueError, match="malformed"):
        _check_case({"id": "x", "sentense": "typo"}, "here")


# Sentences that name an indicator next to a number and yield no row of it: listed by
# --unparsed, whether the number has a unit the reader does not take or none at all.
UNREAD = [
    pytest.param("地区生产总值比上年多出很多，约8.5%。", True, id="unit_but_no_growth_word"),
    pytest.param("地区生产总值增长8.5个点。", True, id="ge_dian_is_no_unit"),
    pytest.param("城镇居民人均可支配收入比上年提高1.2。", True, id="number_without_unit"),
    pytest.param("地区生产总值增长8%，财政总收入提高3个点。", True, id="one_indicator_read_the_other_not"),
    pytest.param("2021年地区生产总值增长8%。", False, id="read"),
    pytest.param("地区生产总值居全省第3位。", False, id="a_rank_is_no_figure"),
    pytest.param("人均GDP增长8.5个点。", False, id="blocked_indicator"),
]


@pytest.mark.parametrize(("sentence", "listed"), UNREAD)
def test_a_number_next_to_an_indicator_that_yields_no_row_is_listed(sentence, listed):
    from analysis.reading.document import extract_document

    extraction = extract_document(as_report(sentence), "case.txt")
    assert [u.sentence for u in extraction.unparsed] == ([sentence.rstrip("。").replace("，", ",")] if listed else [])

"""Numbers as a reader writes them: one function for axes, labels, summaries and tables."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.units import format_number, format_value, reader_unit

CASES = [
    # value, unit (as the table holds it), lang, as a page prints it
    (900, "万人", "zh", "900万人"),
    (9_000_000, "人", "zh", "900万人"),  # new urban jobs, normalised to 人
    (1_440_000, "人", "zh", "144万人"),
    (8590, "人", "zh", "8,590人"),
    (220_000, "人", "zh", "22万人"),
    (12000, "亿元", "zh", "1.2万亿元"),
    (1.2, "万亿元", "zh", "1.2万亿元"),
    (670.68, "亿元", "zh", "670.68亿元"),
    (0.5, "亿元", "zh", "5,000万元"),  # a small county's figure
    (2.1775, "亿美元", "zh", "2.18亿美元"),
    (21775, "万美元", "zh", "2.18亿美元"),
    (38500, "元", "zh", "38,500元"),
    (13000, "亿斤", "zh", "1.3万亿斤"),
    (7.5, "%", "zh", "7.5%"),
    (-2.0, "%", "zh", "\u22122%"),
    (0.5, "个百分点", "zh", "0.5个百分点"),
    (9_000_000, "人", "en", "9 million persons"),
    (12000, "亿元", "en", "1.2 trillion yuan"),
    (8590, "人", "en", "8,590 persons"),
    (7.5, "%", "en", "7.5%"),
    (math.nan, "亿元", "zh", ""),
]


@pytest.mark.parametrize(("value", "unit", "lang", "printed"), CASES, ids=[c[3] or "missing" for c in CASES])
def test_a_value_reads_as_a_report_prints_it(value, unit, lang, printed):
    assert format_value(value, unit, lang) == printed


@pytest.mark.parametrize(("value", "signed", "printed"), [
    (1.44, True, "+1.44"), (-47.4, False, "\u221247.4"), (0, True, "0"), (1234567.891, False, "1,234,567.89"),
])  # fmt: skip
def test_numbers_are_signed_and_separated(value, signed, printed):
    assert format_number(value, signed=signed) == printed


def test_an_axis_takes_the_unit_of_its_largest_value():
    assert reader_unit(1.1e7, "人") == ("万人", 1e4)
    assert reader_unit(900, "亿元") == ("亿元", 1.0)


@given(st.floats(min_value=-1e16, max_value=1e16, allow_nan=False), st.sampled_from(["人", "万人", "亿元", "元", "%", "亿美元", "亿斤"]),
       st.sampled_from(["zh", "en"]))  # fmt: skip
def test_never_scientific_notation(value, unit, lang):
    printed = format_value(value, unit, lang)
    assert "e+" not in printed and "e-" not in printed and printed

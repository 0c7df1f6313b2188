"""Units as printed -> the indicator's standard unit (DATA_CONTRACT.md, "Canonical indicators")."""

from __future__ import annotations

import math

# Printed unit -> (dimension, factor to the dimension's base).
UNIT_SCALE: dict[str, tuple[str, float]] = {
    "%": ("percent", 1.0),
    "个百分点": ("points", 1.0),
    "元": ("CNY", 1.0),
    "万元": ("CNY", 1e4),
    "亿元": ("CNY", 1e8),
    "万亿元": ("CNY", 1e12),
    "兆元": ("CNY", 1e12),
    "美元": ("USD", 1.0),
    "万美元": ("USD", 1e4),
    "亿美元": ("USD", 1e8),
    "人": ("person", 1.0),
    "万人": ("person", 1e4),
    "斤": ("jin", 1.0),
    "万斤": ("jin", 1e4),
    "亿斤": ("jin", 1e8),
    "万亿斤": ("jin", 1e12),
    "公斤": ("jin", 2.0),  # 1 公斤 = 2 斤
    "万公斤": ("jin", 2e4),
    "亿公斤": ("jin", 2e8),
    "吨": ("jin", 2000.0),  # 1 吨 = 2000 斤
    "万吨": ("jin", 2e7),
    "亿吨": ("jin", 2e11),
}

# Indicator -> standard unit of its levels.
STANDARD_UNIT: dict[str, str] = {
    "gdp": "亿元",
    "fiscal_revenue": "亿元",
    "general_budget_revenue": "亿元",
    "industrial_value_added": "亿元",
    "fixed_asset_investment": "亿元",
    "retail_sales": "亿元",
    "services_revenue": "亿元",
    "tertiary_value_added": "亿元",
    "fdi": "亿美元",
    "domestic_investment": "亿元",
    "exports": "亿元",  # or 亿美元 as printed: currencies are never converted
    "urban_income": "元",
    "rural_income": "元",
    "resident_income": "元",
    "new_urban_jobs": "人",
    "registered_unemployment": "%",
    "surveyed_unemployment": "%",
    "grain_output": "亿斤",
    "cpi": "%",
}


def standard_unit(indicator: str, unit: str) -> str:
    """The unit a level of `indicator` printed in `unit` is normalised to."""
    target = STANDARD_UNIT[indicator]
    dimension = UNIT_SCALE.get(unit, (None, 1))[0]
    if dimension is not None and dimension != UNIT_SCALE[target][0]:
        # Same indicator, other currency (exports in 亿美元, FDI in 亿元): keep the
        # currency and bring it to the 亿 scale rather than convert between currencies.
        return {"USD": "亿美元", "CNY": "亿元"}.get(dimension, unit)
    return target


def normalise_value(indicator: str, measure: str, value: float | None, unit: str) -> tuple[float, str]:
    """(value_norm, unit_norm) for one figure.

    >>> normalise_value("fdi", "level", 21775, "万美元")
    (2.1775, '亿美元')
    >>> normalise_value("gdp", "growth", -2.0, "%")
    (-2.0, '%')
    >>> normalise_value("new_urban_jobs", "level", 22, "万人")
    (220000.0, '人')
    """
    if measure == "growth":
        return (math.nan if value is None else float(value)), "%"
    if value is None or (isinstance(value, float) and math.isnan(value)) or unit not in UNIT_SCALE:
        return math.nan, (standard_unit(indicator, unit) if unit in UNIT_SCALE else unit)
    target = standard_unit(indicator, unit)
    factor = UNIT_SCALE[unit][1] / UNIT_SCALE[target][1]
    return round(float(value) * factor, 10), target


# -- numbers as a reader writes them ------------------------------------------------------------

# A unit is a magnitude word and a counted thing: 万人 is 万 (10^4) of 人. Chinese counts in 万 and
# 亿; a page writes 900万人, 1.2万亿元 and 8,590人 as the reports do, whatever unit the table holds.
_MAGNITUDES = (("万亿", 1e12), ("兆", 1e12), ("亿", 1e8), ("万", 1e4), ("", 1.0))
# Counted things a page may scale (a rate or 个百分点 is never scaled), with the largest magnitude
# written of each (亿人, not 万亿人) and their English names.
_THINGS = {"元": ("万亿", "yuan"), "美元": ("万亿", "USD"), "人": ("亿", "persons"), "斤": ("万亿", "jin"),
           "吨": ("亿", "tonnes"), "公斤": ("亿", "kg")}  # fmt: skip
# From this much up, a count is written in 万 (38,500元 and 8,590人 stay as they are, 22万人 does not).
_WAN_FROM = 1e5
_ENGLISH_MAGNITUDES = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("", 1.0))
MINUS = "\u2212"  # a minus sign, not a hyphen


def split_unit(unit: str) -> tuple[str, float, str] | None:
    """'万人' -> ('万', 1e4, '人'); None for a unit that is not a count (%, 个百分点)."""
    for word, factor in _MAGNITUDES:
        thing = unit[len(word) :] if unit.startswith(word) else None
        if thing in _THINGS:
            return word, factor, thing
    return None


def reader_unit(magnitude: float, unit: str, lang: str = "zh") -> tuple[str, float]:
    """The unit a report would print a figure of about `magnitude` (in `unit`) in, and what to
    divide the figure by for it: (万人, 1) for 900 万人, (万亿元, 1e4) for 12,000 亿元, (人, 1e-4) for
    0.859 万人. In English, yuan, persons, ... with million, billion, trillion.

    >>> reader_unit(9e6, "人"), reader_unit(12000, "亿元"), reader_unit(0.5, "亿元")
    (('万人', 10000.0), ('万亿元', 10000.0), ('万元', 0.0001))
    >>> reader_unit(12000, "亿元", "en"), reader_unit(7.5, "%")
    (('trillion yuan', 10000.0), ('%', 1.0))
    """
    parts = split_unit(unit)
    if parts is None:
        return unit, 1.0
    _, factor, thing = parts
    base = abs(magnitude) * factor
    if lang != "zh":
        word, size = next((w, s) for w, s in _ENGLISH_MAGNITUDES if base >= s or s == 1.0)
        return f"{word} {_THINGS[thing][1]}".strip(), size / factor
    largest = dict(_MAGNITUDES)[_THINGS[thing][0]]
    for word, size in _MAGNITUDES:
        if word == "兆" or size > largest:
            continue
        if base >= (_WAN_FROM if word == "万" else size) or size == 1.0:
            return word + thing, size / factor
    return unit, 1.0  # not reached: the last magnitude always fits


def format_number(value: float, digits: int = 2, signed: bool = False) -> str:
    """A number as a reader writes it: thousands separated, at most `digits` decimals, no
    trailing zeros, a minus sign (−), + in front where `signed`; "" for a missing value.

    >>> format_number(8590), format_number(670.68), format_number(-0.5, signed=True), format_number(2.1775)
    ('8,590', '670.68', '−0.5', '2.18')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{abs(float(value)):,.{digits}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    if text == "0":
        return "0"
    sign = MINUS if value < 0 else ("+" if signed else "")
    return sign + text


def format_value(value: float, unit: str, lang: str = "zh", *, digits: int = 2, signed: bool = False) -> str:
    """A figure in `unit` as a report would print it: in the magnitude a reader writes, never in
    scientific notation; "" for a missing value. The one formatting of numbers for axes, labels,
    summaries and tables.

    >>> format_value(900, "万人"), format_value(9000000, "人"), format_value(12000, "亿元")
    ('900万人', '900万人', '1.2万亿元')
    >>> format_value(8590, "人"), format_value(38500, "元"), format_value(7.5, "%"), format_value(-0.5, "个百分点", signed=True)
    ('8,590人', '38,500元', '7.5%', '−0.5个百分点')
    >>> format_value(1440000, "人", "en"), format_value(0.5, "个百分点", "en")
    ('1.44 million persons', '0.5 percentage points')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    shown, divisor = reader_unit(value, unit, lang)
    number = format_number(value / divisor, digits, signed)
    if lang == "zh" or shown == "%":
        return number + shown
    return f"{number} {'percentage points' if shown == '个百分点' else shown}".strip()

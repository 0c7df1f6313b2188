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

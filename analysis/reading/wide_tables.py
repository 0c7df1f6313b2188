"""Tables laid out one row per line: a column per region, a row per region, cells joined by |.

A statistical yearbook prints its county and city figures side by side; a copy of the page keeps
one line per row, the row's name then a number per region:

    Item 西宁市 海东市 格尔木市 德令哈市
    全市 市辖区 全市 市辖区
    (一)地区生产总值(当年价格)(万元)  Gross Domestic Product (10 000 yuan) 10657811 7750847 3656927 733862 2921071 445842
      第三产业增加值    Tertiary Industry 4977250 4541126 1240639 274384 729185 214522
      地区生产总值增长率 (%)  Growth Rate of GDP (%) 13.5 13.9 15.1 15.2 7.7 10.0

The header names the regions in order; a line under it of 全市/市辖区 gives a region two columns,
the whole region's and its urban districts' (not the region's own figure, skipped). A row is
read only where its numbers are exactly as many as the columns. Its unit is the one its name
gives in brackets, else the one of the block it stands in ((二)财政 (万元)); a rate (%) is a growth.
The year is the one the part of the report reviews: a yearbook of 2015 gives the figures of 2014.

A yearbook or roundup table with a row per region has a header of the quantities (地区 地区生产总值
(亿元) 增长(%) …) and a row per region (南昌市 7203.5 4.1 …); a row of no region (全省) is skipped.

A statistical bulletin's table whose cells a website joined with | has a header of its columns
(指标 | 单位 | 绝对数 | 比上年增长(%)) and a row per quantity (地区生产总值 | 万元 | 6371390 | 3.8):
the row's name is an indicator's (or 第三产业, the tertiary sector's value added), its unit a unit
of that indicator's levels, the level column's number a level, the growth column's a growth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from .. import regions
from .pairing import Mention
from .places import iter_places
from .sections import Outline
from .tokens import find_indicators, level_units

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NUMBERS = re.compile(r"(?:\s+-?\d+(?:\.\d+)?)+\s*$")
_UNIT = re.compile(r"[(（](万元|亿元|元|万人|人|万吨|吨|%)[)）]")
_WHOLE, _URBAN = "全市", "市辖区"
_READ_AHEAD = 80  # lines of a table below its header
# A header names two regions (two of their last characters) and holds no sentence's punctuation
# and no number: cheap looks first, before the pattern of every region's name (slow on long lines).
_MAY_NAME_REGIONS = re.compile(r"[省市区县州旗盟].*[省市区县州旗盟]")
_PROSE = re.compile(r"[。，,；;：:!！?？\d]|.{201}")


@dataclass
class Column:
    region: regions.Region | None  # None: a column that is not a region's own figure (市辖区)


def read_wide_tables(text: str, outline: Outline) -> list[Mention]:
    """The figures of the region-column and the | tables of the normalised text (its spaces part
    the numbers, which the cleaned text would join)."""
    split = text.split("\n")
    lines = list(zip(accumulate((len(line) + 1 for line in split), initial=0), split))
    found: list[Mention] = []
    # (Most lines are prose or blank: a cheap look at each first.)
    for i in [i for i, line in enumerate(split) if line and (_BAR in line or not _PROSE.search(line))]:
        line = split[i]
        if not _PROSE.search(line) and _MAY_NAME_REGIONS.search(line):
            below = next((b for _, b in lines[i + 1 : i + 4] if _WHOLE in b.split()), "")
            columns = _header(line, below, text)
            if columns:
                found += _rows(lines[i + 1 : i + 1 + _READ_AHEAD], columns, outline)
        kinds = _bar_header(line) if _BAR in line else []
        if kinds:
            found += _bar_rows(lines[i + 1 : i + 1 + _READ_AHEAD], kinds, outline)
        if _REGION_HEADER.match(line):
            quantities = _quantity_columns(line)
            if quantities:
                found += _region_rows(lines[i + 1 : i + 1 + _READ_AHEAD], quantities, outline, text)
    return found


# A table with a row per region (地区 地区生产总值(亿元) 增长(%) 一般公共预算收入(亿元)): its header
# begins with the name column's word; a growth column is the growth of the quantity before it.
_REGION_HEADER = re.compile(r"^\s*(?:地\s*区|城\s*市|市\s*县|县\s*区|县\(市、区\)|单\s*位)[\s|]")
_CELL_SPLIT = re.compile(r"\s*\|\s*|\s+")
_GROWTH_CELL = re.compile(r"^(?:比上年)?(?:增长|增速|增幅)(?:\(%\)|%)?$")


def _quantity_columns(line: str) -> list[tuple[str, str, str, str]]:
    """(indicator, measure, unit, words as printed) of each column after the name column; empty
    ones for a column of another quantity; [] for a line that is no such header."""
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c][1:]
    columns: list[tuple[str, str, str, str]] = []
    for cell in cells:
        unit = _UNIT.search(cell)
        name = _UNIT.sub("", cell)
        tokens = find_indicators(name)
        if _GROWTH_CELL.match(cell) and columns and columns[-1][0]:
            columns.append((columns[-1][0], "growth", "%", columns[-1][3]))
        elif len(tokens) == 1 and tokens[0].start == 0 and tokens[0].end == len(name) and not tokens[0].blocked \
                and len(tokens[0].indicators) == 1 and tokens[0].indicators[0] and unit:
            measure = "growth" if unit.group(1) == "%" else "level"
            columns.append((tokens[0].indicators[0], measure, unit.group(1), name))
        else:
            columns.append(("", "", "", ""))
    return columns if any(column[0] for column in columns) else []


def _region_rows(lines, columns, outline: Outline, context: str) -> list[Mention]:
    found = []
    for offset, line in lines:
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
        if not cells:
            continue
        region = regions.lookup(cells[0], context)
        values = cells[1:]
        if region is None or len(values) != len(columns) or not all(_NUMBER.fullmatch(v) for v in values):
            if region is None and len(values) == len(columns):
                continue  # a row of another body (全省, 合计)
            break  # the table ended
        at = offset + line.index(cells[0]) + len(cells[0])
        for (indicator, measure, unit, printed), value in zip(columns, values):
            start = line.index(value, at - offset) + offset
            at = start + len(value)
            if indicator and (measure == "growth" or unit in level_units(indicator)):
                found.append(Mention(indicator, printed, outline.plan_year - 1, "actual", measure, float(value),
                                     unit, "exact", line.strip(), start, at, region=region.name,
                                     region_level=region.level, parent_region=region.parent))  # fmt: skip
    return found


_BAR = "|"
_NAME_HEADER = re.compile(r"^(?:指标|项目|指标名称)$")
_UNIT_HEADER = re.compile(r"^(?:单位|计量单位)$")
_LEVEL_HEADER = re.compile(r"^(?:绝对数|绝对值|总量|数值|本年|全年|(?:19|20)\d{2}年?)$")
_GROWTH_HEADER = re.compile(r"^(?:比上年增长|增长|增速|同比增长|比上年增减)(?:\(%\)|%)?$")
_TERTIARY = "第三产业"


def _cells(line: str) -> list[str]:
    return [re.sub(r"\s+", "", cell) for cell in line.strip().strip(_BAR).split(_BAR)]


def _bar_header(line: str) -> list[str]:
    """The kinds of the columns of a | header (name, unit, level, growth), or [] for another line."""
    if line.count(_BAR) < 2:
        return []
    kinds = []
    for cell in _cells(line):
        kind = ("name" if _NAME_HEADER.match(cell) else "unit" if _UNIT_HEADER.match(cell)
                else "level" if _LEVEL_HEADER.match(cell) else "growth" if _GROWTH_HEADER.match(cell) else "")
        kinds.append(kind)
    if kinds[:1] != ["name"] or not ({"level", "growth"} & set(kinds)) or "" in kinds:
        return []
    return kinds


def _bar_rows(lines, kinds: list[str], outline: Outline) -> list[Mention]:
    found = []
    for offset, line in lines:
        if line.count(_BAR) < len(kinds) - 1:
            break  # the table ended
        cells = _cells(line)[: len(kinds)]
        name = cells[0]
        tokens = find_indicators(name)
        if name == _TERTIARY:
            indicator = "tertiary_value_added"
        elif len(tokens) == 1 and tokens[0].start == 0 and tokens[0].end == len(name) and not tokens[0].blocked \
                and len(tokens[0].indicators) == 1 and tokens[0].indicators[0]:
            indicator = tokens[0].indicators[0]
        else:
            continue
        unit = cells[kinds.index("unit")] if "unit" in kinds else ""
        at = offset
        for kind, cell in zip(kinds, cells):
            if kind not in ("level", "growth") or not re.fullmatch(r"-?\d+(?:\.\d+)?", cell):
                continue
            if kind == "level" and unit not in level_units(indicator):
                continue
            start = line.index(cell, at - offset) + offset
            at = start + len(cell)
            found.append(Mention(indicator, name, outline.plan_year - 1, "actual", kind, float(cell),
                                 unit if kind == "level" else "%", "exact", line.strip(), start, at))  # fmt: skip
    return found


def _header(line: str, below: str, context: str) -> list[Column]:
    """The columns a header line names: two or more regions and nothing else but a word like Item."""
    names = list(iter_places(line))
    gaps = zip([0] + [end for _, end in names], [start for start, _ in names] + [len(line)])
    rest = "".join(line[a:b] for a, b in gaps)  # the line without the names
    if len(names) < 2 or re.search(r"[\u4e00-\u9fff]", re.sub(r"指标|项目|地区|单位", "", rest)) or _NUMBERS.search(line):
        return []
    found = [regions.lookup(line[s:e], context) for s, e in names]
    if not all(found) or len(set(found)) != len(found):
        return []
    pairs = below.split().count(_WHOLE)
    if below.split().count(_URBAN) != pairs:
        return []
    columns = []
    for k, region in enumerate(found):
        columns.append(Column(region))
        if k < pairs:
            columns.append(Column(None))  # the region's urban districts
    return columns


def _rows(lines, columns: list[Column], outline: Outline) -> list[Mention]:
    found, block_unit = [], ""
    period = outline.plan_year - 1
    for offset, line in lines:
        numbers = _NUMBERS.search(line)
        label = line[: numbers.start()] if numbers else line
        unit = _UNIT.search(label)
        if unit and unit.group(1) != "%":
            block_unit = unit.group(1)  # (一)地区生产总值(万元): the unit of the rows under it too
        if numbers is None:
            continue
        values = numbers.group(0).split()
        # (the English name repeats the Chinese one: Growth Rate of GDP)
        tokens = [t for t in find_indicators(label) if not t.blocked]
        if len({t.indicators for t in tokens}) == 1:
            tokens = tokens[:1]
        if len(values) != len(columns) or len(tokens) != 1 or len(tokens[0].indicators) != 1:
            if len(values) != len(columns):
                break  # the table ended
            continue
        indicator = tokens[0].indicators[0]
        row_unit = unit.group(1) if unit else block_unit
        if not indicator or not row_unit:
            continue
        measure = "growth" if row_unit == "%" else "level"
        if measure == "level" and row_unit not in level_units(indicator):
            continue
        at = offset + numbers.start()
        for column, value in zip(columns, values):
            start = line.index(value, at - offset) + offset
            at = start + len(value)
            if column.region is None:
                continue
            region = column.region
            found.append(Mention(indicator, tokens[0].text, period, "actual", measure, float(value), row_unit,
                                 "exact", line.strip(), start, at, region=region.name,
                                 region_level=region.level, parent_region=region.parent))  # fmt: skip
    return found

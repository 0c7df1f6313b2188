"""Appendix tables flattened into lines -> mentions.

Websites publish a report's appendix table ("主要经济指标目标") with every
cell on its own line and empty cells dropped:

    指标名称 / 单位 / 2020 / 2021年计划增长% / 计划 / 增长% / 实际 / 增长% / 赣县区 / 全市
    地区生产总值 / 亿元 / 4.5左右 / 4.4 / 9左右 / 8.5左右
    城镇调查失业率 / % / 5.5左右 / 5.5左右

The header gives the columns: year groups (2020; 2021年计划) and, under them,
kinds (计划, 实际) or regions (赣县区, 全市). A row with fewer values than
columns lost empty cells; its values keep their order and are placed where
they fit best: a value with 左右/以上 is never an outcome, a note saying the
indicator is counted "from 2021" (2021年起) rules out earlier columns, the
values of one region keep one order of magnitude, and otherwise the latest
columns are preferred.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import regions
from ..vocab import LANGUAGE
from .metadata import ReportMeta
from .normalise import Cleaned
from .pairing import QUALITATIVE, Mention
from .sections import Section
from .tokens import UNITS, alternation, any_indicator_positions, find_indicators, level_units

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TARGET_WORDS = re.compile(r"计划|目标|预期")
_ESTIMATE_WORDS = re.compile(r"预计|初步")
_ACTUAL_WORDS = re.compile(r"实际|完成|实绩")
_GROWTH_HEADER = re.compile(r"增长|增速|增幅|%")
_SKIP_HEADER = re.compile(r"^(?:指标(?:名称)?|项目|计算|计量|单位|增长%?|%|\(?%\)?|名称|序号)$")
_SCOPE = {"全市": "city", "全省": "province", "全区": "own", "全县": "own", "本区": "own", "本县": "own"}
_PREFIX_QUALIFIER = LANGUAGE["qualifiers"]["prefix"]
_SUFFIX_QUALIFIER = LANGUAGE["qualifiers"]["suffix"]
# A cell: an optional basis, a qualifier before or after, a number (the % is in the header).
_CELL = re.compile(
    rf"^(?P<basis>同口径|省口径|可比价)?(?P<pre>{alternation(map(re.escape, _PREFIX_QUALIFIER))})?"
    rf"(?P<num>-?\d+(?:\.\d+)?)%?(?P<suf>{alternation(_SUFFIX_QUALIFIER)})?$"
)
_FROM_YEAR = re.compile(r"(\d{4})年起")
LEVEL_TARGET_INDICATORS = ("grain_output", "new_urban_jobs")


@dataclass
class Column:
    period: int
    kind: str
    region: str  # "" for the report's own region
    measure: str = "growth"


def _kind_of(cell: str) -> str:
    """The kind a header cell names: 计划/目标 target, 预计 estimate, 实际/完成 actual."""
    if _ESTIMATE_WORDS.search(cell):
        return "estimate"
    if _TARGET_WORDS.search(cell):
        return "target"
    if _ACTUAL_WORDS.search(cell):
        return "actual"
    return ""


@dataclass
class Cell:
    start: int
    end: int
    text: str
    value: float = math.nan
    qualifier: str = ""
    basis: str = ""
    words: str = ""  # a qualitative cell (量稳质升)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((offset + lead, offset + lead + len(stripped), stripped))
        offset += len(line) + 1
    return out


_ROW_NAME_LENGTH = 40


@lru_cache(maxsize=4096)  # reports repeat their tables' row names (地区生产总值, 一般公共预算收入)
def _row_name(line: str) -> tuple[str, ...] | None:
    """Indicators named by a line that is only an indicator's name (with a note in brackets)."""
    if len(line) > _ROW_NAME_LENGTH or not any_indicator_positions(line):
        return None
    # A note in brackets (不含农户, %), and 增长/增速 after the name of a row of rates.
    bare = re.sub(r"(?:增长|增速|增幅)?(?:\([^)]*\))?$", "", line)
    found = find_indicators(bare)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(bare) and not found[0].blocked:
        return found[0].indicators
    return None


def _cell(start: int, end: int, line: str) -> Cell | None:
    match = _CELL.match(line)
    if match:
        qualifier = _SUFFIX_QUALIFIER.get(match.group("suf") or "") or _PREFIX_QUALIFIER.get(
            match.group("pre") or "", "exact"
        )
        return Cell(start, end, line, float(match.group("num")), qualifier, match.group("basis") or "")
    if QUALITATIVE.fullmatch(line):
        return Cell(start, end, line, words=line)
    return None


def extract_tables(cleaned: Cleaned, sections: list[Section], meta: ReportMeta) -> list[Mention]:
    """Mentions from every flattened indicator table of a document."""
    lines = _lines(cleaned.text)
    mentions: list[Mention] = []
    after = 0  # where the last table read ended
    # (Only a short line names a row: the others, most lines, are passed over in one look.)
    for i in [i for i, (_, _, line) in enumerate(lines) if len(line) <= _ROW_NAME_LENGTH]:
        if i < after or _row_name(lines[i][2]) is None:
            continue
        header_start = _header_start(lines, i)
        title = _title(line for _, _, line in lines[max(0, header_start - 3) : i])
        columns = _columns([line for _, _, line in lines[header_start:i]], meta, title)
        if not columns:
            continue
        end = _table_end(lines, i)
        notes = " ".join(line for _, _, line in lines[end : end + 8])
        for row in _rows(lines[i:end]):
            mentions.extend(_read_row(row, columns, notes, cleaned, meta))
        after = end
    return mentions


def _title(lines) -> str:
    """The table's title: the last line above its first row that names a year, not a date."""
    titles = [line for line in lines if _YEAR.search(line) and not re.search(r"\d月|\d日", line)]
    return titles[-1] if titles else ""


def _header_start(lines, first_row: int) -> int:
    start = first_row
    while start > 0 and first_row - start < 16 and len(lines[start - 1][2]) <= 20:
        start -= 1
    return start


def _table_end(lines, first_row: int) -> int:
    end = first_row
    while end < len(lines):
        line = lines[end][2]
        if line.startswith("注") or len(line) > 30 or re.search(r"[。；;]", line):
            break
        end += 1
    return end


def _columns(header: list[str], meta: ReportMeta, title: str = "") -> list[Column]:
    """Columns from a flattened header: year groups (2020; 2021年计划) and the kinds
    (计划, 实际) or regions (赣县区, 全市) under them. A two-level header lists every
    group before any sub-cell; a one-level header puts each kind after its year. A header
    of regions alone (a yearbook's table, one column per city) takes its year and kind
    from the table's title ("2022年各设区市主要经济指标")."""
    cells: list[tuple[str, object]] = []
    for cell in header:
        if _SKIP_HEADER.match(cell):
            continue
        year = _YEAR.search(cell)
        if year and len(cell) <= 16:
            cells.append(("group", {"period": int(year.group(1)), "kind": _kind_of(cell),
                                    "kinds": [], "regions": []}))  # fmt: skip
        elif len(cell) <= 6 and _kind_of(cell):
            cells.append(("kind", _kind_of(cell)))
        elif cell in _SCOPE or cell == meta.region or cell in regions.by_name():
            cells.append(("region", _column_region(cell, meta)))
    titled = _YEAR.search(title)
    places = sum(what == "region" for what, _ in cells)
    if not any(what == "group" for what, _ in cells) and titled and places >= 2:
        cells.insert(0, ("group", {"period": int(titled.group(1)), "kind": _kind_of(title), "kinds": [],
                                   "regions": []}))  # fmt: skip
    groups = [value for what, value in cells if what == "group"]
    if not groups:
        return []
    if any(what == "region" for what, _ in cells) and not any(what == "kind" or value["kind"] for what, value in cells
                                                              if what != "region"):  # fmt: skip
        for group in groups:
            group["kind"] = "actual"  # a table of regions' figures that names no kind states outcomes
    last_group = max(i for i, (what, _) in enumerate(cells) if what == "group")
    first_sub = min((i for i, (what, _) in enumerate(cells) if what != "group"), default=len(cells))
    if first_sub > last_group:
        _distribute(groups, [c for c in cells if c[0] != "group"])
    else:
        current = None
        for what, value in cells:
            if what == "group":
                current = value
            elif current is not None:
                current["kinds" if what == "kind" else "regions"].append(value)
    measure = "growth" if any(_GROWTH_HEADER.search(cell) for cell in header) else "level"
    columns = []
    for group in groups:
        kinds = group["kinds"] or [group["kind"]]
        for kind in kinds:
            if not kind:
                continue
            for region in group["regions"] or [""]:
                columns.append(Column(group["period"], kind, region, measure))
    return columns


def _distribute(groups: list[dict], subs: list[tuple[str, object]]) -> None:
    """Sub-cells of a two-level header: kinds to the groups that lack one (shared
    evenly, in order), regions to the groups that have one."""
    kindless = [g for g in groups if not g["kind"]]
    kinds = [value for what, value in subs if what == "kind"]
    if kindless and kinds:
        share = max(1, len(kinds) // len(kindless))
        for index, group in enumerate(kindless):
            group["kinds"] = kinds[index * share : (index + 1) * share]
        kindless[-1]["kinds"] += kinds[len(kindless) * share :]
    with_kind = [g for g in groups if g["kind"]]
    for what, value in subs:
        if what == "region" and with_kind:
            with_kind[0]["regions"].append(value)


def _column_region(cell: str, meta: ReportMeta) -> str:
    scope = _SCOPE.get(cell)
    if scope == "own" or cell == meta.region:
        return ""
    if scope == "city" and meta.region_level in ("county", "district"):
        return meta.parent_region
    if scope == "province":
        region = regions.lookup(meta.parent_region) if meta.parent_region else None
        return (region.name if region.level == "province" else region.parent) if region else ""
    return cell if scope is None else ""


def _rows(lines):
    """(name line, unit, cells) per row; a lone 同口径 joins the cell after it."""
    row = None
    for start, end, line in lines:
        names = _row_name(line)
        if names is not None:
            if row:
                yield row
            row = {"names": names, "line": (start, end, line), "unit": "", "cells": [], "basis": ""}
        elif row is None:
            continue
        elif line in UNITS and not row["cells"]:
            row["unit"] = line
        elif line in ("同口径", "省口径", "可比价"):
            row["basis"] = line
        else:
            cell = _cell(start, end, line)
            if cell is not None:
                cell.basis = cell.basis or row["basis"]
                row["basis"] = ""
                row["cells"].append(cell)
    if row:
        yield row


# Ways to place a row's cells among the columns that are tried at most; a row that lost
# so many cells from so wide a header is not read (linear cost on any input).
MAX_PLACEMENTS = 2000


def _placements(cells: list[Cell], columns: list[Column], notes: str, names) -> list[int] | None:
    if math.comb(len(columns), len(cells)) > MAX_PLACEMENTS:
        return None
    counted_from = _counted_from(notes, names)
    best, best_score = None, -math.inf
    for placed in itertools.combinations(range(len(columns)), len(cells)):
        chosen = [columns[p] for p in placed]
        if any(c.kind == "actual" and (cell.qualifier != "exact" or cell.words) for c, cell in zip(chosen, cells)):
            continue
        if counted_from and any(c.period < counted_from for c in chosen):
            continue
        score = sum(2 for c, cell in zip(chosen, cells) if c.kind == "actual")
        by_region: dict[str, list[float]] = {}
        for c, cell in zip(chosen, cells):
            if not cell.words and cell.value:
                by_region.setdefault(c.region, []).append(abs(cell.value))
        score -= sum(3 for v in by_region.values() if len(v) > 1 and max(v) / min(v) > 5)
        score += sum(placed) / 100  # latest columns win a tie
        if score > best_score:
            best, best_score = list(placed), score
    return best


def _counted_from(notes: str, names) -> int:
    """A note saying the indicator is counted from a year ("2021年起…城镇调查失业率")."""
    for sentence in re.split(r"[。;；]|\d\.", notes):
        year = _FROM_YEAR.search(sentence)
        if year and any(ind in [i for t in find_indicators(sentence) for i in t.indicators] for ind in names):
            return int(year.group(1))
    return 0


def _read_row(row, columns: list[Column], notes: str, cleaned: Cleaned, meta: ReportMeta):
    cells = row["cells"]
    if not cells or len(cells) > len(columns) or len(row["names"]) != 1:
        return []
    indicator = row["names"][0]
    placed = list(range(len(cells))) if len(cells) == len(columns) else _placements(
        cells, columns, notes, row["names"]
    )
    if placed is None:
        return []
    # Grain and jobs targets are set as amounts: in a table of growth rates their
    # row, with a unit of amounts, holds levels.
    as_level = indicator in LEVEL_TARGET_INDICATORS and row["unit"] in level_units(indicator)
    level = as_level or (columns[0].measure == "level" and row["unit"] in level_units(indicator))
    if not level and columns[0].measure == "level" and row["unit"] != "%":
        return []  # a level in a unit this indicator is never counted in
    measure = "level" if level else "growth"
    source = " | ".join([row["line"][2], row["unit"], *(c.text for c in cells)]).replace(" |  |", " |")
    mentions = []
    for index, cell in zip(placed, cells):
        column = columns[index]
        region = regions.lookup(column.region) if column.region else None
        start, end = cleaned.span(cell.start, cell.end)
        mentions.append(
            Mention(
                indicator=indicator, indicator_text=row["line"][2], period=column.period,
                kind=column.kind, measure=measure,
                value=cell.value, unit=(row["unit"] if measure == "level" else "%") if not cell.words else "",
                qualifier=cell.qualifier, source_text=source, char_start=start, char_end=end,
                basis=cell.basis, text=cell.words,
                region=region.name if region else "",
                region_level=region.level if region else "",
                parent_region=region.parent if region else "",
            )  # fmt: skip
        )
    return mentions

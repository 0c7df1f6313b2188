"""Chinese and English names of indicators, places and the table's words, for figures.

Every figure and table takes its labels from here, so a name is spelled one way everywhere.
The names are data in analysis/vocab/ (indicator_labels.csv, places_en.csv, term_labels.csv),
each naming its source; English place names are pinyin (pypinyin) with an English word for
the kind of place: 青云谱区 -> Qingyunpu District, 南昌县 -> Nanchang County, 赣州市 -> Ganzhou.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import ParameterError
from .regions import REGION_NAME_RULE, is_region_name

LANGS = ("zh", "en")


@cache
def _vocab(name: str) -> tuple[dict, ...]:
    """The rows of a CSV in analysis/vocab/, skipping its '#' header comment."""
    text = resources.files("analysis").joinpath("vocab", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(csv.DictReader(lines))


def check_lang(lang: str) -> str:
    """`lang` if it is a language of the labels, else a ParameterError naming the valid ones.

    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: lang 'fr' not in the languages; valid: zh, en
    """
    if lang not in LANGS:
        raise ParameterError(f"lang {lang!r} not in the languages; valid: {', '.join(LANGS)}")
    return lang


# The nation's own name for an indicator where it differs from the regions' (DATA_CONTRACT.md,
# "National reports": the State Council's reports say 国内生产总值, not 地区生产总值).
_NATIONAL_NAMES = {"gdp": "国内生产总值"}


def indicator_label(indicator: str, lang: str = "zh", region: str = "") -> str:
    """The name of a canonical indicator; of 全国's, where `region` is 全国 and it differs.

    >>> indicator_label("gdp"), indicator_label("gdp", "en"), indicator_label("gdp", region="全国")
    ('地区生产总值', 'GDP', '国内生产总值')
    """
    check_lang(lang)
    names = {row["indicator"]: row for row in _vocab("indicator_labels.csv")}
    if indicator not in names:
        raise ParameterError(
            f"indicator {indicator!r} not in the indicators; valid: {', '.join(names)}"
        )
    if region == "全国" and lang == "zh" and indicator in _NATIONAL_NAMES:
        return _NATIONAL_NAMES[indicator]
    return names[indicator][lang]


def _term(field: str, value: str, lang: str) -> str:
    check_lang(lang)
    names = {row["value"]: row for row in _vocab("term_labels.csv") if row["field"] == field}
    if value not in names:
        valid = ", ".join(repr(v) if v == "" else v for v in names)
        raise ParameterError(f"{field} {value!r} not in the {field}s; valid: {valid}")
    return names[value][lang]


def kind_label(kind: str, lang: str = "zh") -> str:
    """actual, estimate, target, or outcome (an actual or estimate).

    >>> kind_label("estimate"), kind_label("outcome", "en")
    ('预计', 'outcome')
    """
    return _term("kind", kind, lang)


def qualifier_label(qualifier: str, lang: str = "zh") -> str:
    """about, at_least, at_most, exact, range, or '' for a qualitative target.

    >>> qualifier_label("at_least"), qualifier_label("at_least", "en")
    ('以上', 'at least')
    """
    return _term("qualifier", qualifier, lang)


def measure_label(measure: str, lang: str = "zh") -> str:
    """growth or level.

    >>> measure_label("growth"), measure_label("level", "en")
    ('增速', 'level')
    """
    return _term("measure", measure, lang)


def direction_label(direction: str, lang: str = "zh") -> str:
    """floor or ceiling, as target_vs_actual reads a target.

    >>> direction_label("ceiling"), direction_label("ceiling", "en")
    ('上限', 'ceiling')
    """
    return _term("direction", direction, lang)


def level_label(level: str, lang: str = "zh") -> str:
    """A region_level in words: 地市级 for city, 县级 for county.

    >>> level_label("city"), level_label("district", "en")
    ('地市级', 'district')
    """
    return _term("region_level", level, lang)


def report_type_label(report_type: str, lang: str = "zh") -> str:
    """A report_type in words.

    >>> report_type_label("plan_report"), report_type_label("government_work_report", "en")
    ('计划报告', 'government work report')
    """
    return _term("report_type", report_type, lang)


def column_label(column: str, lang: str = "zh") -> str:
    """The heading of a column of the pages' tables: 目标 for target; a column without one as it is.

    >>> column_label("gap"), column_label("ancestor_target", "en"), column_label("row_id")
    ('差距', 'its target', 'row_id')
    """
    check_lang(lang)
    names = {row["value"]: row[lang] for row in _vocab("term_labels.csv") if row["field"] == "column"}
    return names.get(column, column)


def unit_label(unit: str, lang: str = "zh") -> str:
    """A unit of the contract (unit or unit_norm), for an axis.

    >>> unit_label("亿美元"), unit_label("亿美元", "en")
    ('亿美元', '100m USD')
    """
    return _term("unit", unit, lang)


def region_label(region: str, lang: str = "zh") -> str:
    """A region's name; in English its pinyin and the English word for its kind.

    >>> region_label("青云谱区", "en"), region_label("南昌县", "en"), region_label("赣州市", "en")
    ('Qingyunpu District', 'Nanchang County', 'Ganzhou')
    >>> region_label("江西省", "en"), region_label("赣县区", "en"), region_label("赣县区")
    ('Jiangxi', 'Ganxian District', '赣县区')
    """
    check_lang(lang)
    if not is_region_name(region):
        raise ParameterError(f"region {region!r} is {REGION_NAME_RULE}")
    return region if lang == "zh" else _english(region)


@cache
def _english(region: str) -> str:
    rows = _vocab("places_en.csv")
    names = {row["zh"]: row["en"] for row in rows if row["match"] == "name"}
    if region in names:
        return names[region]
    suffixes = sorted((row for row in rows if row["match"] == "suffix"),
                      key=lambda row: -len(row["zh"]))  # fmt: skip
    for row in suffixes:
        if region.endswith(row["zh"]) and len(region) > len(row["zh"]):
            return " ".join(filter(None, [_pinyin(region[: -len(row["zh"])]), row["en"]]))
    return _pinyin(region)


def ascii_name(text: str) -> str:
    """`text` as one plain ASCII word for a file name: pinyin run together, lower case, any
    other character a hyphen.

    The names of China's administrative divisions are read from vocab/places_pinyin.csv (what
    pypinyin reads for each): loading pypinyin's dictionaries would cost a fresh notebook
    kernel ~0.15 s to name one figure. Other Chinese text is read with pypinyin.

    >>> ascii_name("赣县区"), ascii_name("全国"), ascii_name("Plan report 2022")
    ('ganxianqu', 'quanguo', 'plan-report-2022')
    """
    if not text.isascii():
        known = _places_pinyin().get(text)
        if known is None:
            from pypinyin import lazy_pinyin  # loads large dictionaries: only for names not in the table

            known = "".join(lazy_pinyin(text))
        text = known
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


PLACES_PINYIN = "places_pinyin.csv"


@cache
def _places_pinyin() -> dict[str, str]:
    return {row["name"]: row["pinyin"] for row in _vocab(PLACES_PINYIN)}


def places_pinyin_rows() -> list[tuple[str, str]]:
    """(name, pinyin) of 全国 and every division of the table `regions` reads, as pypinyin reads
    them: the rows of vocab/places_pinyin.csv (`write_places_pinyin` writes them)."""
    from pypinyin import lazy_pinyin

    from .regions import all_regions

    return [(name, "".join(lazy_pinyin(name))) for name in sorted({r.name for r in all_regions()})]


def write_places_pinyin() -> Path:
    """Write vocab/places_pinyin.csv anew: after pypinyin or the division table changes
    (tests/test_labels.py says when)."""
    path = Path(__file__).resolve().parent / "vocab" / PLACES_PINYIN
    head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(head) + "\n")
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["name", "pinyin"])
        out.writerows(places_pinyin_rows())
    return path


def _pinyin(stem: str) -> str:
    """One capitalised word; an apostrophe where a syllable starting a, o or e would run on."""
    from pypinyin import Style, lazy_pinyin  # loads large dictionaries: only for English labels

    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return word[:1].upper() + word[1:]

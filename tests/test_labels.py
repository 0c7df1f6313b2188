"""labels.py: the Chinese and English names figures use, and the vocab files behind them."""

from __future__ import annotations

import csv
import subprocess
import sys
from importlib import resources

import pytest

from analysis import labels
from analysis.compare import ParameterError
from analysis.labels import (
    check_lang,
    direction_label,
    indicator_label,
    kind_label,
    measure_label,
    qualifier_label,
    region_label,
    unit_label,
)
from analysis.observations import INDICATORS, KINDS, MEASURES, QUALIFIERS

# region, English: the seeds' places and their parents, then spelling rules written on purpose.
REGIONS = [
    ("青云谱区", "Qingyunpu District"),
    ("南昌县", "Nanchang County"),
    ("西湖区", "Xihu District"),
    ("赣县区", "Ganxian District"),
    ("赣州市", "Ganzhou"),
    ("南昌市", "Nanchang"),
    ("江西省", "Jiangxi"),
    ("全国", "China"),  # the State Council's level, above the provinces
    ("西安市", "Xi'an"),  # apostrophe before a syllable starting with a, o or e
    ("长安区", "Chang'an District"),
    ("吕梁市", "Lüliang"),
    ("陕西省", "Shaanxi"),  # official spelling, not the pinyin of 山西
    ("内蒙古自治区", "Inner Mongolia"),
    ("都昌县", "Duchang County"),  # pypinyin reads 都 as dou
    ("恩施土家族苗族自治州", "Enshitujiazumiaozu Autonomous Prefecture"),  # no rule for peoples
]


@pytest.mark.parametrize("region, english", REGIONS, ids=[r[0] for r in REGIONS])
def test_region_names_in_english_are_pinyin_with_the_kind_of_place(region, english):
    assert region_label(region, "en") == english
    assert region_label(region, "zh") == region == region_label(region)


# function, value, zh, en
TERMS = [
    (indicator_label, "gdp", "地区生产总值", "GDP"),
    (indicator_label, "fdi", "实际利用外资", "Foreign capital used"),
    (indicator_label, "surveyed_unemployment", "城镇调查失业率", "Surveyed urban unemployment rate"),
    (kind_label, "actual", "实际", "actual"),
    (kind_label, "estimate", "预计", "estimate"),
    (kind_label, "target", "目标", "target"),
    (kind_label, "outcome", "完成", "outcome"),
    (qualifier_label, "about", "左右", "about"),
    (qualifier_label, "at_least", "以上", "at least"),
    (qualifier_label, "at_most", "以内", "at most"),
    (qualifier_label, "", "定性", "qualitative"),
    (measure_label, "growth", "增速", "growth"),
    (measure_label, "level", "总量", "level"),
    (direction_label, "floor", "下限", "floor"),
    (direction_label, "ceiling", "上限", "ceiling"),
    (unit_label, "亿元", "亿元", "100m yuan"),
    (unit_label, "亿美元", "亿美元", "100m USD"),
    (unit_label, "%", "%", "%"),
]  # fmt: skip


@pytest.mark.parametrize("label, value, zh, en", TERMS,
                         ids=[f"{t[0].__name__}-{t[1] or 'qualitative'}" for t in TERMS])
def test_terms_have_a_chinese_and_an_english_name(label, value, zh, en):
    assert (label(value), label(value, "zh"), label(value, "en")) == (zh, zh, en)


# The units DATA_CONTRACT.md lists for the column `unit`.
CONTRACT_UNITS = ["%", "亿元", "万亿元", "兆元", "万元", "元", "万美元", "亿美元", "万人", "人", "亿斤",
                  "个百分点"]  # fmt: skip
# Every value of the contract's vocabularies has both names, so no figure shows a raw id.
VOCABULARIES = [
    (indicator_label, INDICATORS),
    (kind_label, KINDS),
    (qualifier_label, QUALIFIERS),
    (measure_label, MEASURES),
    (unit_label, CONTRACT_UNITS),
]


@pytest.mark.parametrize("label, values", VOCABULARIES, ids=[v[0].__name__ for v in VOCABULARIES])
def test_every_value_of_the_contract_has_both_names(label, values):
    for value in values:
        assert label(value, "zh") and label(value, "en"), value


def test_english_indicator_names_are_distinct():
    names = [indicator_label(i, "en") for i in INDICATORS]
    assert len(set(names)) == len(names)


VOCAB_FILES = ["indicator_labels.csv", "places_en.csv", "places_pinyin.csv", "term_labels.csv"]


@pytest.mark.parametrize("name", VOCAB_FILES)
def test_each_vocab_file_names_its_source_and_is_well_formed(name):
    text = resources.files("analysis").joinpath("vocab", name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Source" in line for line in header), f"{name}: no source in its header comment"
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert all(len(row) == len(rows[0]) for row in rows), f"{name}: ragged rows"
    assert len({tuple(row[:-1]) for row in rows}) == len(rows), f"{name}: a key twice"


def test_the_pinyin_of_places_is_what_pypinyin_reads():
    """vocab/places_pinyin.csv names every division as pypinyin reads it; a new pypinyin or
    division table that reads one otherwise is caught here."""
    table = [(row["name"], row["pinyin"]) for row in labels._vocab(labels.PLACES_PINYIN)]
    read = labels.places_pinyin_rows()
    differ = sorted(set(table) ^ set(read))[:5]
    assert table == read, f"e.g. {differ}: run `python -c 'import analysis.labels as l; l.write_places_pinyin()'`"


@pytest.mark.parametrize("text, name", [
    ("赣县区", "ganxianqu"),
    ("全国", "quanguo"),
    ("成都市", "chengdushi"),  # a phrase: 都 alone reads dou
    ("某某镇", "moumouzhen"),  # not a division in the table: read by pypinyin
    ("Plan report 2022", "plan-report-2022"),
    ("qingyunpu_2022_plan_report", "qingyunpu-2022-plan-report"),
])  # fmt: skip
def test_ascii_names_are_pinyin_run_together(text, name):
    assert labels.ascii_name(text) == name


def test_naming_a_division_does_not_load_pypinyin():
    code = ("import sys; from analysis.labels import ascii_name; "
            "print(ascii_name('赣州市'), 'pypinyin' in sys.modules)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["ganzhoushi", "False"], done.stderr


ERRORS = [
    ("lang", lambda: indicator_label("gdp", "fr"), "lang 'fr' not in the languages; valid: zh, en"),
    ("check_lang", lambda: check_lang("EN"), "lang 'EN' not in the languages; valid: zh, en"),
    ("indicator", lambda: indicator_label("gpd"),
     "indicator 'gpd' not in the indicators; valid: " + ", ".join(INDICATORS)),
    ("kind", lambda: kind_label("plan"),
     "kind 'plan' not in the kinds; valid: actual, estimate, target, outcome"),
    ("qualifier", lambda: qualifier_label("around"),
     "qualifier 'around' not in the qualifiers; valid: about, at_least, at_most, exact, range, ''"),
    ("measure", lambda: measure_label("rate"), "measure 'rate' not in the measures; valid: growth, level"),
    ("region in pinyin", lambda: region_label("Qingyunpu", "en"),
     "region 'Qingyunpu' is not a name in Chinese characters; valid: names such as 青云谱区, 南昌县, "
     "赣州市"),
    ("empty region", lambda: region_label(""),
     "region '' is not a name in Chinese characters; valid: names such as 青云谱区, 南昌县, 赣州市"),
]  # fmt: skip


@pytest.mark.parametrize("call, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_bad_arguments_raise_one_line_listing_the_choices(call, message):
    with pytest.raises(ParameterError) as error:
        call()
    assert str(error.value) == message


def test_check_lang_returns_a_valid_language():
    assert [check_lang(lang) for lang in labels.LANGS] == ["zh", "en"]

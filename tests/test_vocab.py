"""analysis/vocab/language.yaml: the language of the reports, checked as data."""

from __future__ import annotations

import re

import pytest
import yaml

from analysis.table import INDICATORS, QUALIFIERS
from analysis.vocab import LANGUAGE

WORDINGS = [(ind, w) for ind, ws in LANGUAGE["indicators"].items() for w in ws]


def test_every_indicator_of_the_contract_has_a_wording():
    assert set(LANGUAGE["indicators"]) == set(INDICATORS)


@pytest.mark.parametrize(("indicator", "wording"), WORDINGS, ids=[f"{i}-{w['example']}" for i, w in WORDINGS])
def test_each_wording_matches_its_example_and_holds_an_anchor_word(indicator, wording):
    pattern = re.compile(wording["pattern"])
    match = pattern.search(wording["example"])
    assert match, wording
    assert re.search(LANGUAGE["indicator_anchors"], match.group(0)), "the fast first pass would miss it"


@pytest.mark.parametrize("pair", LANGUAGE["indicator_pairs"], ids=lambda p: p["example"])
def test_pair_wordings_match_their_examples(pair):
    assert re.search(pair["pattern"], pair["example"])
    assert set(pair["indicators"]) <= set(INDICATORS)


@pytest.mark.parametrize("key", ["blocked_before", "blocked_after", "glue", "disqualifiers", "growth_words",
                                 "negative_words", "target_cues", "estimate_cues", "qualitative",
                                 "review_headings", "plan_headings", "multi_year_paragraphs",
                                 "indicator_anchors"])  # fmt: skip
def test_every_pattern_compiles(key):
    re.compile(LANGUAGE[key])


def test_qualifiers_map_to_the_contract_vocabulary():
    for position in ("prefix", "suffix"):
        assert set(LANGUAGE["qualifiers"][position].values()) <= set(QUALIFIERS)


def test_a_malformed_vocabulary_fails_loudly(tmp_path):
    broken = tmp_path / "language.yaml"
    broken.write_text("indicators:\n  gdp: [ {pattern: 地区生产总值\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(broken.read_text(encoding="utf-8"))

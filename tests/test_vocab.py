"""analysis/vocab/language.yaml: the language of the reports, checked as data."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from analysis.observations import INDICATORS, QUALIFIERS
from analysis.reading.tokens import find_indicators
from analysis.vocab import LANGUAGE

# The contract's vocabularies (DATA_CONTRACT.md), written out: the test must fail if the code drifts.
CONTRACT_QUALIFIERS = {"about", "at_least", "at_most", "exact", "range"}
CONTRACT_BASES = {"同口径", "省口径", "可比价", "实际", "名义"}


class _StrictLoader(yaml.SafeLoader):
    """yaml.safe_load keeps the last of two equal keys; a second `gdp:` would silently replace the first."""


def _no_duplicate_keys(loader, node, deep=False):
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {duplicates}", node.start_mark)
    return loader.construct_mapping(node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


def problems(language: dict) -> list[str]:
    """Every way `language` breaks the rules the extractor relies on, one line each."""
    found = []

    def compiles(where: str, pattern) -> re.Pattern | None:
        try:
            return re.compile(pattern)
        except (re.error, TypeError) as error:
            found.append(f"{where}: pattern {pattern!r} does not compile ({error})")
            return None

    wordings = language.get("indicators") or {}
    for indicator in sorted(set(INDICATORS) - set(wordings)):
        found.append(f"indicators: {indicator} has no wording")
    for indicator in sorted(set(wordings) - set(INDICATORS)):
        found.append(f"indicators: {indicator} is not an indicator of the contract")
    anchors = compiles("indicator_anchors", language.get("indicator_anchors", ""))
    for indicator, entries in wordings.items():
        for entry in entries or [{}]:
            if "pattern" not in entry or "example" not in entry:
                found.append(f"indicators.{indicator}: {entry} needs a pattern and an example")
                continue
            pattern = compiles(f"indicators.{indicator}", entry["pattern"])
            match = pattern and pattern.search(entry["example"])
            if pattern and not match:
                found.append(f"indicators.{indicator}: {entry['pattern']!r} does not match its example")
            elif match and anchors and not anchors.search(match.group(0)):
                found.append(f"indicators.{indicator}: {match.group(0)!r} holds no anchor word (the first pass misses it)")
    for pair in language.get("indicator_pairs", []):
        pattern = compiles("indicator_pairs", pair.get("pattern"))
        if pattern and not pattern.search(pair.get("example", "")):
            found.append(f"indicator_pairs: {pair.get('pattern')!r} does not match its example")
        if not set(pair.get("indicators", [])) <= set(INDICATORS) or len(pair.get("indicators", [])) != 2:
            found.append(f"indicator_pairs: {pair.get('indicators')} are not two indicators of the contract")
    for entry in language.get("indicator_lists", []):
        pattern = compiles("indicator_lists", entry.get("pattern"))
        if pattern and not pattern.search(entry.get("example", "")):
            found.append(f"indicator_lists: {entry.get('pattern')!r} does not match its example")
        named = [i for i in entry.get("indicators", []) if i is not None]
        if not named or not set(named) <= set(INDICATORS):
            found.append(f"indicator_lists: {entry.get('indicators')} name no indicator of the contract (null: none)")
    for entry in language.get("other_quantities", []):
        pattern = compiles("other_quantities", entry.get("pattern"))
        if pattern and not pattern.search(entry.get("example", "")):
            found.append(f"other_quantities: {entry.get('pattern')!r} does not match its example")
    for key, value in language.items():
        if isinstance(value, str):
            compiles(key, value)
    for position in ("prefix", "suffix"):
        for word, qualifier in (language.get("qualifiers", {}).get(position) or {}).items():
            if qualifier not in CONTRACT_QUALIFIERS:
                found.append(f"qualifiers.{position}: {word} -> {qualifier!r} is not a qualifier of the contract")
    for word, basis in (language.get("bases") or {}).items():
        if basis not in CONTRACT_BASES:
            found.append(f"bases: {word} -> {basis!r} is not a basis of the contract")
    return found


def test_the_vocabulary_breaks_no_rule():
    assert problems(LANGUAGE) == []


def test_the_vocabulary_has_no_duplicate_keys():
    text = resources.files("analysis.vocab").joinpath("language.yaml").read_text(encoding="utf-8")
    assert yaml.load(text, Loader=_StrictLoader) == LANGUAGE


def test_the_contract_qualifiers_are_the_tables_own():
    assert CONTRACT_QUALIFIERS <= set(QUALIFIERS)
    assert set(LANGUAGE["qualifiers"]["prefix"].values()) | set(LANGUAGE["qualifiers"]["suffix"].values()) == {
        "about", "at_least", "at_most"}  # exact and range are read from the numbers, not from words  # fmt: skip


WORDINGS = [(indicator, entry) for indicator, entries in LANGUAGE["indicators"].items() for entry in entries]


@pytest.mark.parametrize(("indicator", "entry"), WORDINGS, ids=[e["example"] for _, e in WORDINGS])
def test_each_wording_is_found_in_its_example(indicator, entry):
    tokens = find_indicators(entry["example"])
    assert [t.indicators for t in tokens if not t.blocked][:1] == [(indicator,)]


@pytest.mark.parametrize("pair", LANGUAGE["indicator_pairs"], ids=lambda p: p["example"])
def test_pair_wordings_name_both_indicators_in_their_example(pair):
    tokens = find_indicators(pair["example"])
    assert [t.indicators for t in tokens] == [tuple(pair["indicators"])]


# DATA_CONTRACT.md, "Canonical indicators": the common wordings, each in a sentence.
CONTRACT_WORDINGS = [
    ("gdp", "地区生产总值"), ("gdp", "生产总值"), ("gdp", "GDP"),
    ("fiscal_revenue", "财政总收入"),
    ("general_budget_revenue", "地方一般公共预算收入"), ("general_budget_revenue", "一般公共预算收入"),
    ("industrial_value_added", "规模以上工业增加值"), ("industrial_value_added", "规上工业增加值"),
    ("fixed_asset_investment", "固定资产投资"), ("fixed_asset_investment", "500万元以上固定资产投资"),
    ("fixed_asset_investment", "全社会固定资产投资"),
    ("retail_sales", "社会消费品零售总额"), ("retail_sales", "全社会消费品零售总额"),
    ("services_revenue", "规上服务业营业收入"), ("services_revenue", "规模以上服务业营业收入"),
    ("tertiary_value_added", "第三产业增加值"), ("tertiary_value_added", "服务业增加值"),
    ("fdi", "实际利用外资"), ("fdi", "实际使用外资"),
    ("domestic_investment", "实际利用内资"), ("domestic_investment", "实际利用省外资金"),
    ("domestic_investment", "实际利用省外2000万元以上项目资金"),
    ("exports", "出口总额"), ("exports", "外贸出口总额"), ("exports", "海关出口值"), ("exports", "出口"),
    ("urban_income", "城镇居民人均可支配收入"), ("rural_income", "农村居民人均可支配收入"),
    ("resident_income", "居民人均可支配收入"),
    ("new_urban_jobs", "新增城镇就业"), ("new_urban_jobs", "城镇新增就业"),
    ("registered_unemployment", "城镇登记失业率"), ("surveyed_unemployment", "城镇调查失业率"),
    ("grain_output", "粮食产量"), ("grain_output", "粮食总产量"),
    ("cpi", "居民消费价格总水平"), ("cpi", "居民消费价格总水平涨幅"),
]  # fmt: skip


@pytest.mark.parametrize(("indicator", "wording"), CONTRACT_WORDINGS, ids=[w for _, w in CONTRACT_WORDINGS])
def test_every_wording_of_the_contract_reads_as_its_indicator(indicator, wording):
    sentence = f"{wording}增长8%"
    tokens = find_indicators(sentence)
    assert [(t.indicators, t.text, t.blocked) for t in tokens] == [((indicator,), wording, False)]


# The vocabulary's own examples of words that make an indicator another quantity.
BLOCKED = ["人均GDP", "研发投入占地区生产总值比重", "区本级一般公共预算收入", "脱贫群众人均可支配收入"]


@pytest.mark.parametrize("phrase", BLOCKED)
def test_words_around_an_indicator_can_make_it_another_quantity(phrase):
    assert [t.text for t in find_indicators(phrase + "增长8%") if not t.blocked] == []


# --- A malformed vocabulary fails loudly ---


def test_broken_yaml_fails_to_load(tmp_path):
    broken = tmp_path / "language.yaml"
    broken.write_text("indicators:\n  gdp: [ {pattern: 地区生产总值, example: 地区生产总值增长9%}\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(broken.read_text(encoding="utf-8"))


def test_a_duplicated_indicator_fails_to_load(tmp_path):
    broken = tmp_path / "language.yaml"
    broken.write_text("indicators:\n  gdp: []\n  gdp: []\n", encoding="utf-8")
    assert yaml.safe_load(broken.read_text(encoding="utf-8")) == {"indicators": {"gdp": []}}  # silently
    with pytest.raises(yaml.constructor.ConstructorError, match=r"duplicate keys \['gdp'\]"):
        yaml.load(broken.read_text(encoding="utf-8"), Loader=_StrictLoader)


def test_a_malformed_copy_is_reported_entry_by_entry(tmp_path):
    text = resources.files("analysis.vocab").joinpath("language.yaml").read_text(encoding="utf-8")
    language = yaml.safe_load(text)
    language["indicators"]["gdp"] = [{"pattern": "地区生产(总值", "example": "地区生产总值增长9%"}]
    language["indicators"]["cpi"] = [{"pattern": "居民消费价格"}]
    language["indicators"]["gdp_per_capita"] = [{"pattern": "人均GDP", "example": "人均GDP10万元"}]
    del language["indicators"]["grain_output"]
    language["qualifiers"]["suffix"]["上下"] = "approximately"
    language["bases"]["现价"] = "现价"
    language["glue"] += "|(未闭合"
    copy = tmp_path / "language.yaml"
    copy.write_text(yaml.safe_dump(language, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert problems(yaml.safe_load(copy.read_text(encoding="utf-8"))) == [
        "indicators: grain_output has no wording",
        "indicators: gdp_per_capita is not an indicator of the contract",
        "indicators.gdp: pattern '地区生产(总值' does not compile (missing ), unterminated subpattern at position 4)",
        "indicators.cpi: {'pattern': '居民消费价格'} needs a pattern and an example",
        "glue: pattern '" + language["glue"] + "' does not compile (missing ), unterminated subpattern at "
        f"position {len(language['glue']) - 4})",
        "qualifiers.suffix: 上下 -> 'approximately' is not a qualifier of the contract",
        "bases: 现价 -> '现价' is not a basis of the contract",
    ]  # fmt: skip


def _every_string(pattern: str, limit: int = 5000) -> set[str]:
    """Every string a wording pattern can match (the patterns are finite: literals,
    alternatives, optional parts, small character classes; look-arounds match nothing).
    Uses the standard library's regular-expression parser, which is private: if a
    Python release changes it, this test says so, and the extractor is unaffected."""
    from re import _constants as c
    from re import _parser as parser

    def strings(items) -> set[str]:
        found = {""}
        for op, av in items:
            if op is c.LITERAL:
                options = {chr(av)}
            elif op is c.BRANCH:
                options = set().union(*(strings(branch) for branch in av[1]))
            elif op is c.SUBPATTERN:
                options = strings(av[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                low, high, body = av
                assert high <= 3, f"unbounded repeat in {pattern!r}"
                inner = strings(body)
                options, layer = set(), {""}
                for count in range(high + 1):
                    if count >= low:
                        options |= layer
                    layer = {a + b for a in layer for b in inner}
            elif op is c.IN:
                options = set()
                for kind, value in av:
                    if kind is c.LITERAL:
                        options.add(chr(value))
                    elif kind is c.RANGE:
                        options.update(map(chr, range(value[0], value[1] + 1)))
                    elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                        options.update("0123456789")
                    else:
                        raise AssertionError(f"class {kind} in {pattern!r}")
            elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                options = {""}
            else:
                raise AssertionError(f"{op} in {pattern!r}")
            found = {a + b for a in found for b in options}
            assert len(found) <= limit, f"{pattern!r} matches too many strings to list"
        return found

    return strings(parser.parse(pattern))


def _wordings() -> list[str]:
    patterns = [entry["pattern"] for entries in LANGUAGE["indicators"].values() for entry in entries]
    return patterns + [entry["pattern"] for key in ("indicator_pairs", "indicator_lists", "other_quantities")
                       for entry in LANGUAGE[key]]


@pytest.mark.parametrize("pattern", _wordings())
def test_every_string_a_wording_matches_holds_an_anchor_word(pattern):
    """The first pass looks for anchor words only: a wording without one is never read."""
    anchors = re.compile(LANGUAGE["indicator_anchors"])
    every = _every_string(pattern)
    # the listing is right (a look-ahead of the wording sees the 增长 that follows it in a report)
    assert every and all(re.fullmatch(f"(?:{pattern})(?:增长)?", s + "增长") for s in every)
    missing = sorted(s for s in every if not anchors.search(s))
    assert not missing, f"no anchor word in {missing[:5]}"


@pytest.mark.parametrize("pattern", _wordings())
def test_every_wording_holds_an_anchor_near_its_start(pattern):
    """find_indicators looks for a wording only within MAX_BEFORE_ANCHOR characters before each
    anchor word: a wording whose first anchor stands further in would never be found."""
    from analysis.reading.tokens import MAX_BEFORE_ANCHOR

    anchors = re.compile(LANGUAGE["indicator_anchors"])
    far = sorted((found.start(), s) for s in _every_string(pattern) if (found := anchors.search(s)))
    assert far[-1][0] <= MAX_BEFORE_ANCHOR, f"{far[-1][1]!r}: first anchor at {far[-1][0]}"


def test_the_first_characters_of_every_wording_are_listed():
    """find_indicators tries a wording only where one of these characters stands."""
    firsts = {s[0] for pattern in _wordings() for s in _every_string(pattern)}
    listed = set(LANGUAGE["indicator_first_characters"])
    assert firsts <= listed, f"add {''.join(sorted(firsts - listed))} to indicator_first_characters"
    assert listed <= firsts, f"no wording begins with {''.join(sorted(listed - firsts))}"

"""Whole short reports -> metadata and rows, table-driven from tests/cases/documents.yaml."""

from __future__ import annotations

import math

import pytest
import yaml

from analysis.reading.document import MetadataError, extract_document

from .conftest import CASES

CASE_KEYS = {"id", "text", "meta", "rows", "refused"}
META_KEYS = {"region", "region_level", "parent_region", "report_type", "report_year", "evidence"}
ROW_FIELDS = ("region", "indicator", "kind", "period", "measure", "value", "unit", "qualifier")


def _check_case(case: dict) -> None:
    """A malformed case is an error, never a silently skipped case."""
    unknown = set(case) - CASE_KEYS
    if unknown or not isinstance(case.get("text"), str) or ("rows" in case) == ("refused" in case):
        raise ValueError(f"documents.yaml: case {case.get('id')!r} is malformed (keys {sorted(case)})")
    if set(case.get("meta", {})) - META_KEYS:
        raise ValueError(f"documents.yaml: case {case['id']}: unknown metadata {sorted(case['meta'])}")
    for row in case.get("rows", []):
        if len(row) not in (8, 9) or (len(row) == 9 and not isinstance(row[8], dict)):
            raise ValueError(f"documents.yaml: case {case['id']}: bad row {row!r}")


def _cases():
    with open(CASES / "documents.yaml", encoding="utf-8") as handle:
        cases = yaml.safe_load(handle)
    for case in cases:
        _check_case(case)
    return [pytest.param(case, id=case["id"]) for case in cases]


def _key(row: dict) -> tuple:
    value = row["value"]
    return (row["region"], row["indicator"], row["kind"], int(row["period"]), row["measure"],
            "nan" if isinstance(value, float) and math.isnan(value) else round(float(value), 6),
            row["unit"], row["qualifier"], row.get("basis", ""), row.get("text", ""))  # fmt: skip


def _expected(case: dict) -> list[tuple]:
    rows = []
    for row in case["rows"]:
        expected = dict(zip(ROW_FIELDS, row[:8]))
        expected.update(row[8] if len(row) == 9 else {})
        rows.append(_key(expected))
    return sorted(rows)


@pytest.mark.parametrize("case", _cases())
def test_document_yields_its_metadata_and_rows(case):
    if "refused" in case:
        with pytest.raises(MetadataError) as refusal:
            extract_document(case["text"], "case.txt")
        assert refusal.value.reason == case["refused"]
        return
    extraction = extract_document(case["text"], "case.txt")
    meta = case.get("meta", {})
    for field, value in meta.items():
        if field != "evidence":
            assert getattr(extraction.meta, field) == value, field
    for field, word in meta.get("evidence", {}).items():
        assert word in extraction.meta.evidence.get(field, ""), (field, extraction.meta.evidence)
    assert sorted(_key(row) for row in extraction.rows) == _expected(case)


def test_a_figure_of_no_named_region_is_reported_not_written():
    text = ("记者梳理发现,2023年合肥地区生产总值增长6.5%。该市规模以上工业增加值增长8%左右。"
            "另一城市地区生产总值增长5%左右。")  # fmt: skip
    extraction = extract_document(text, "news.txt", {"report_year": 2023})
    # 该市 refers back to the city named before; 另一城市 to none the text names
    assert [(row["region"], row["indicator"]) for row in extraction.rows] == [
        ("合肥市", "gdp"), ("合肥市", "industrial_value_added")]
    assert [u.sentence for u in extraction.unparsed] == ["另一城市地区生产总值增长5%左右"]


SEVERAL_CITIES = ("1月9日,武汉市第十五届人民代表大会第二次会议开幕。2023年郑州地区生产总值增长6%左右。"
                  "地区生产总值增长7%左右。\n")


def test_an_empty_manifest_region_reads_each_figure_for_the_region_it_names():
    extraction = extract_document(SEVERAL_CITIES, "news.txt", {"region": "", "report_year": "2023"})
    assert [(row["region"], row["value"]) for row in extraction.rows] == [("郑州市", 6.0)]
    assert [u.sentence for u in extraction.unparsed] == ["地区生产总值增长7%左右"]
    # Without the manifest the text's own government takes the figure that names none.
    extraction = extract_document(SEVERAL_CITIES, "news.txt", {"report_year": "2023"})
    assert [(row["region"], row["value"]) for row in extraction.rows] == [("郑州市", 6.0), ("武汉市", 7.0)]


def test_an_empty_manifest_region_with_no_figure_naming_its_region_is_refused():
    with pytest.raises(MetadataError) as refusal:
        extract_document("地区生产总值增长7%左右。\n", "news.txt", {"region": "", "report_year": "2023"})
    assert refusal.value.reason == ("no figure names its region in a text about several regions; "
                                    "give it in a manifest (--manifest) with a 'file' column")  # fmt: skip


def test_a_chinese_file_name_is_read_as_a_last_resort():
    extraction = extract_document("今年全市地区生产总值增长6%左右。\n", "南宁市2016年政府工作报告.txt")
    assert [(row["region"], row["report_year"], row["period"]) for row in extraction.rows] == [("南宁市", 2016, 2016)]
    assert extraction.meta.weak_fields == ("region", "report_year")


def test_malformed_document_case_is_an_error():
    with pytest.raises(ValueError, match="malformed"):
        _check_case({"id": "x", "text": "t", "rows": [], "refused": "r"})
    with pytest.raises(ValueError, match="bad row"):
        _check_case({"id": "x", "text": "t", "rows": [["南昌县", "gdp"]]})
    with pytest.raises(ValueError, match="unknown metadata"):
        _check_case({"id": "x", "text": "t", "rows": [], "meta": {"year": 2022}})

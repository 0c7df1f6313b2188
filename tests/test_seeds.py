"""Each seed's complete set of headline figures, labelled by reading the text.

The labels live in tests/cases/seeds/<seed>.csv (strict 1: a headline figure
that must be found; 0: one a careful reader may or may not count; q: a target
stated in words). Every strict label must be extracted exactly, and every
extracted row must be one of the labels.
"""

from __future__ import annotations

import math

import pytest

from .conftest import seed_labels, seed_paths

# Labels the extractor misses today, by (seed, evidence): each must still fail.
KNOWN_MISSES = {
    # 粮食 and its amount are split by 种植面积, and the amount is called 总产值.
    ("ganxian_2021_plan_report.txt", "落实粮食种植面积53.69万亩,总产值3.57亿斤"): "总产值 names grain output",
}


def _number(value) -> float | str:
    if value in ("", None) or (isinstance(value, float) and math.isnan(value)):
        return "nan"
    return round(float(value), 6)


def _label_key(label: dict) -> tuple:
    return (label["region"], label["indicator"], int(label["period"]), label["kind"],
            label["measure"], _number(label["value"]), label["unit"] if label["value"] else "",
            label["qualifier"] if label["value"] else "", label["basis"])  # fmt: skip


def _row_key(row: dict) -> tuple:
    return (row["region"], row["indicator"], int(row["period"]), row["kind"], row["measure"],
            _number(row["value"]), row["unit"], row["qualifier"], row["basis"])  # fmt: skip


def _label_params():
    params = []
    for seed in seed_paths():
        for label in seed_labels(seed):
            if label["strict"] == "0":
                continue
            reason = KNOWN_MISSES.get((seed.name, label["evidence"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            ident = f"{seed.stem}-{label['indicator']}-{label['period']}-{label['kind']}-{label['measure']}"
            params.append(pytest.param(seed.name, label, id=ident, marks=marks))
    return params


@pytest.mark.parametrize(("seed", "label"), _label_params())
def test_seed_label_is_extracted(seed_tables, seed, label):
    rows = [_row_key(r) for r in seed_tables[seed].to_dict("records")]
    assert _label_key(label) in rows, label["evidence"]


@pytest.mark.parametrize("seed", [p.name for p in seed_paths()])
def test_seed_yields_no_unlabelled_row(seed_tables, seed):
    from pathlib import Path

    labels = {_label_key(label) for label in seed_labels(Path(seed))}
    extra = [r for r in seed_tables[seed].to_dict("records") if _row_key(r) not in labels]
    assert not extra, "\n".join(f"{_row_key(r)} <- {r['source_text'][:60]}" for r in extra)


@pytest.mark.parametrize("seed", [p.name for p in seed_paths()])
def test_seed_metadata_comes_from_the_text(seed_tables, seed):
    import csv

    from .conftest import SEEDS

    with open(SEEDS / "manifest.csv", encoding="utf-8") as handle:
        known = {row["file"]: row for row in csv.DictReader(handle)}[seed]
    table = seed_tables[seed]
    own = table[table["region"] == known["region"]]
    assert len(own) > 0
    first = own.iloc[0]
    assert (first["region_level"], first["parent_region"], first["report_type"], int(first["report_year"])) == (
        known["region_level"], known["parent_region"], known["report_type"], int(known["report_year"]))

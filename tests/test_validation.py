"""When a table is validated (pandera): where it comes from outside, once.

A table read from a file or handed in by a user is validated; a Parquet file this project wrote
carries a stamp (a digest of what it wrote) and is read back without a check while its rows are
the ones written, and checked as any other once a cell, a row or a dtype has changed. A table a
comparison makes from checked tables is validated where observations.CHECK_RESULTS is on (the
test suite) and only cast to its shape's dtypes in a page kernel: both give the same table.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import analysis.observations
from analysis import compare, pages, write_table
from analysis.compare import ParameterError
from analysis.observations import STAMP_KEY, TableDigest
from tests.conftest import CHAIN, ROOT


@pytest.fixture
def counted_checks(monkeypatch):
    """The columns of every real check (pandera validation) made while a test runs."""
    import pandera.pandas as pa_

    found = []
    validate = pa_.DataFrameSchema.validate

    def counting(schema, frame, *args, **kwargs):
        found.append(list(schema.columns)[0])
        return validate(schema, frame, *args, **kwargs)

    monkeypatch.setattr(pa_.DataFrameSchema, "validate", counting)
    monkeypatch.setattr("analysis.observations._PASSED", type(analysis.observations._PASSED)())  # nothing passed yet
    monkeypatch.setattr("analysis.pages.load._LOADED", {})  # nothing read yet
    return found


COMPARISONS = {
    "facts": lambda obs, f: compare.facts(obs),
    "target_vs_actual": lambda obs, f: compare.target_vs_actual(f),
    "target_ambition": lambda obs, f: compare.target_ambition(f),
    "amplification": lambda obs, f: compare.amplification(f),
    "over_time": lambda obs, f: compare.over_time(f),
    "cross_region": lambda obs, f: compare.cross_region(f, 2021, "target", measure="growth"),
    "coverage": lambda obs, f: compare.coverage(obs),
    "met_shares": lambda obs, f: compare.met_shares(f),
    "level_gaps": lambda obs, f: compare.level_gaps(f),
    "wording_shares": lambda obs, f: compare.wording_shares(f),
}


@pytest.fixture(scope="module")
def tables(observations):
    chain = pages.load_observations(str(CHAIN))
    return {"seeds": (observations, compare.facts(observations)), "chain": (chain, compare.facts(chain))}


@pytest.mark.parametrize("table", ["seeds", "chain"])
@pytest.mark.parametrize("name", list(COMPARISONS))
def test_a_comparison_gives_the_same_table_unchecked_as_validated(tables, table, name, monkeypatch):
    obs, f = tables[table]
    validated = COMPARISONS[name](obs, f)
    monkeypatch.setattr("analysis.observations._PASSED", type(analysis.observations._PASSED)())
    monkeypatch.setattr("analysis.observations.CHECK_RESULTS", False)
    unchecked = COMPARISONS[name](obs, f)
    assert len(validated) > 0
    assert list(unchecked.dtypes.astype(str)) == list(validated.dtypes.astype(str))
    pd.testing.assert_frame_equal(unchecked, validated)


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.drop(columns="reports"), "column 'reports' not in dataframe"),
    (lambda t: t.assign(year=["2020年"]), "Error while coercing 'year' to type int64"),
])  # fmt: skip
def test_a_result_not_of_its_shape_is_validated_unchecked_too(monkeypatch, counted_checks, change, message):
    from analysis.compare.schemas import BY_YEAR

    monkeypatch.setattr("analysis.observations.CHECK_RESULTS", False)
    table = pd.DataFrame({"year": [2020], "region_level": ["county"], "value": [1.0], "targets": [1],
                          "regions": [1], "reports": [1]})  # fmt: skip
    assert analysis.observations.result(BY_YEAR, table) is not None and counted_checks == []  # of its shape
    with pytest.raises(Exception, match=re.escape(message)):
        analysis.observations.result(BY_YEAR, change(table))
    assert counted_checks == ["year"]


def _stamped(observations, tmp_path):
    path = tmp_path / "indicators.parquet"
    write_table(observations, path)
    return path


def test_a_parquet_file_the_project_wrote_is_read_without_a_check(observations, tmp_path, counted_checks,
                                                                  monkeypatch):  # fmt: skip
    path = _stamped(observations, tmp_path)
    assert pq.read_metadata(path).metadata[STAMP_KEY] == TableDigest.of(observations).encode()
    monkeypatch.setattr("analysis.observations._PASSED", type(analysis.observations._PASSED)())  # a fresh kernel
    del counted_checks[:]
    loaded = pages.load_observations(str(path))
    pd.testing.assert_frame_equal(loaded, observations.reset_index(drop=True))
    pages.target_vs_actual_page(loaded, "赣县区", 2020)
    assert "doc" not in counted_checks  # the observations were not checked (their facts were: CHECK_RESULTS)


def _rewritten(path, column: str, change) -> None:
    """The file with one column changed and its footer (the stamp) kept as it was."""
    table = pq.read_table(path)
    values = table.column(column).to_pylist()
    table = table.set_column(table.schema.get_field_index(column), column, pa.array(change(values)))
    footer = {k: v for k, v in pq.read_metadata(path).metadata.items() if k != b"ARROW:schema"}
    pq.write_table(table.replace_schema_metadata(footer), path)
    assert STAMP_KEY in pq.read_metadata(path).metadata


def test_a_stamped_file_changed_since_is_checked_and_its_bad_value_caught(observations, tmp_path, counted_checks):
    path = _stamped(observations, tmp_path)
    _rewritten(path, "kind", lambda kinds: ["plan", *kinds[1:]])
    del counted_checks[:]
    with pytest.raises(ParameterError, match=r"^observations: .*'kind'.*plan"):
        pages.load_observations(str(path))
    assert counted_checks == ["doc"]


@pytest.mark.parametrize("change", [
    pytest.param(lambda values: [values[0] + 1, *values[1:]], id="a_value"),
    pytest.param(lambda values: values[:-1] + [values[-1] * 2], id="the_last_row"),
])  # fmt: skip
def test_a_stamped_file_changed_within_the_rules_is_checked_again(observations, tmp_path, counted_checks, change):
    path = _stamped(observations, tmp_path)
    _rewritten(path, "char_end", change)
    del counted_checks[:]
    pages.load_observations(str(path))
    assert counted_checks == ["doc"]


def test_a_file_another_program_wrote_is_checked(observations, tmp_path, counted_checks):
    path = tmp_path / "by_pandas.parquet"
    observations.to_parquet(path, index=False)
    pages.load_observations(str(path))
    assert counted_checks == ["doc"]


def test_a_page_of_a_file_the_project_wrote_loads_no_pandera(observations, tmp_path):
    """What a fresh kernel does for a page (the notebooks' own calls), in a fresh interpreter."""
    path = _stamped(observations, tmp_path)
    code = ("import sys\nfrom analysis import pages, plot\n"
            f"obs = pages.load_observations({str(path)!r})\n"
            "pairs = pages.target_vs_actual_page(obs, '赣县区', 2020)\n"
            "pages.target_vs_actual_header(obs, pairs, '赣县区', 2020)\n"
            "pages.html_table(pairs, 'zh', columns=pages.PAIR_COLUMNS, observations=obs)\n"
            "view = pages.overview_page(obs, 'zh')\n"
            "pages.over_time_page(obs, '赣县区', 'gdp')\n"
            "pages.cross_district_page(obs, 2022, 'target', parent='南昌市')\n"
            "pages.targets_by_level_page(obs, '赣县区', 2021)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandera', 'hypothesis')))\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr[-2000:]

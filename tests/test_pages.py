"""The library side of the notebooks: parameters checked, tables, names, escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import pages
from analysis.compare import ParameterError


def test_seeds_are_the_default_data(observations):
    loaded = pages.load_observations("")
    assert sorted(set(loaded["doc"])) == sorted(set(observations["doc"]))


def test_observations_round_trip_through_csv_and_parquet(observations, tmp_path):
    observations.to_csv(tmp_path / "o.csv", index=False)
    observations.to_parquet(tmp_path / "o.parquet", index=False)
    for name in ("o.csv", "o.parquet"):
        loaded = pages.load_observations(str(tmp_path / name))
        pd.testing.assert_frame_equal(loaded.reset_index(drop=True), observations.reset_index(drop=True))


def test_bad_data_parameter_names_what_is_valid(tmp_path):
    with pytest.raises(ParameterError) as error:
        pages.load_observations(str(tmp_path / "missing.xlsx"))
    assert str(error.value) == (f"data '{tmp_path / 'missing.xlsx'}' is not a .csv or .parquet file; valid: such "
                                "a file made by `python -m analysis extract`, or '' for the project's seeds")


def test_target_vs_actual_page_of_ganxian_2020(observations):
    pairs = pages.target_vs_actual_page(observations, "赣县区", 2020)
    gdp = pairs[pairs["indicator"] == "gdp"].iloc[0]
    assert (gdp["target"], gdp["qualifier"], gdp["outcome"], bool(gdp["met"])) == (4.5, "about", 4.4, False)
    assert set(pairs["measure"]) == {"growth"}


@pytest.mark.parametrize(("call", "message"), [
    (lambda o: pages.target_vs_actual_page(o, "青山湖区"), "region '青山湖区' not in the data; valid: 赣县区"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2020, ["gpd"]), "indicator 'gpd' not in the indicators"),
    (lambda o: pages.target_vs_actual_page(o, "赣县区", 2020, lang="fr"), "lang 'fr' not in the languages"),
    (lambda o: pages.cross_district_page(o, 2019), "period 2019 not in the data; valid: 2020, 2021, 2022"),
    (lambda o: pages.cross_district_page(o, 2020, "target"), "period 2020 has figures of 1 region(s)"),
    (lambda o: pages.targets_by_level_page(o, 2022), "period 2022 not in the data; valid: 2021"),
])  # fmt: skip
def test_bad_parameters_stop_with_one_line_listing_valid_choices(observations, call, message):
    with pytest.raises(ParameterError) as error:
        call(observations)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_evidence_is_escaped_and_marked():
    out = pages.highlight_evidence("<script>alert(1)</script>增长9%", 25, 29)
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>增长9%</mark>"


def test_tables_escape_report_text():
    frame = pd.DataFrame({"indicator": ["gdp"], "source_text": ["<img src=x onerror=alert(1)>"]})
    html = pages.html_table(frame, "en").data
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<td>GDP</td>" in html


def test_figure_names_are_ascii_and_stable():
    assert pages.figure_name("target_vs_actual", "赣县区", 2020) == "target_vs_actual_ganxianqu_2020"
    assert pages.figure_name("cross_district", 2022, "target", "growth") == "cross_district_2022_target_growth"


def test_walkthrough_follows_one_row_to_its_sentence(observations):
    doc = "qingyunpu_2022_plan_report.txt"
    rows = pages.rows_of_sentence(observations, doc, 2)
    assert "gdp" in set(rows["indicator"])
    html = pages.evidence_html(observations, doc, 2).data
    assert "<mark>390亿元左右</mark>" in html

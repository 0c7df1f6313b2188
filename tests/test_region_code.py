"""region_code: the 6-digit division code of each row's region, in every output."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import read_reports, write_table
from analysis.compare import make_observations
from analysis.pages import load_observations
from analysis.regions import by_name, region_code

from .conftest import SEEDS


@pytest.mark.parametrize(("name", "parent", "level", "code"), [
    ("赣县区", "赣州市", "district", "360704"),
    ("江西省", "全国", "province", "360000"),
    ("赣州市", "江西省", "city", "360700"),
    ("南昌县", "南昌市", "county", "360121"),
    ("北京市", "全国", "province", "110000"),  # a municipality is a province-level region
    ("全国", "", "country", ""),  # the contract does not use 100000
    ("西湖区", "南昌市", "district", "360103"),  # namesakes told apart by their parent
    ("西湖区", "杭州市", "district", "330106"),
    ("西湖区", "", "district", ""),  # two fit, none is chosen
    ("巢湖市", "安徽省", "city", ""),  # a prefecture until 2011: not the county-level city of today
    ("巢湖市", "合肥市", "county", "340181"),
    ("赣县", "赣州市", "county", ""),  # its name before 2016: not in today's table
    ("某开发区", "", "other", ""),
], ids=lambda v: v if isinstance(v, str) and v else None)  # fmt: skip
def test_region_code_from_the_division_table(name, parent, level, code):
    assert region_code(name, parent, level) == code


def test_every_seed_region_of_the_division_table_has_its_code(observations):
    known = observations[observations["region"].isin(by_name()) & (observations["region"] != "全国")]
    assert len(known) and (known["region_code"].str.len() == 6).all()
    assert set(observations.loc[observations["region"] == "全国", "region_code"]) <= {""}
    assert list(observations.columns).index("region_code") == list(observations.columns).index("page") + 1


def test_region_code_stays_text_in_every_output(tmp_path, observations):
    for suffix in ("csv", "parquet", "dta", "xlsx"):
        write_table(observations, tmp_path / f"t.{suffix}")
    csv = load_observations(str(tmp_path / "t.csv"))
    assert csv["region_code"].tolist() == observations["region_code"].tolist()
    assert pd.read_stata(tmp_path / "t.dta")["region_code"].tolist() == observations["region_code"].tolist()
    excel = pd.read_excel(tmp_path / "t.xlsx", sheet_name="indicators", dtype={"region_code": str})
    assert excel["region_code"].fillna("").tolist() == observations["region_code"].tolist()


def test_a_table_written_before_the_column_existed_gets_its_codes(tmp_path, observations):
    observations.drop(columns="region_code").to_csv(tmp_path / "old.csv", index=False)
    assert load_observations(str(tmp_path / "old.csv"))["region_code"].tolist() == observations["region_code"].tolist()


def test_a_corrected_region_gets_its_code(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    name = "ganxian_2021_plan_report.txt"
    (folder / name).write_text((SEEDS / name).read_text(encoding="utf-8"), encoding="utf-8")
    first = read_reports([folder])
    row = first.iloc[0]["row_id"]
    (folder / "corrections.csv").write_text(f"row_id,action,column,value,note\n{row},set,region,章贡区,\n",
                                            encoding="utf-8")  # fmt: skip
    table = read_reports([folder])
    assert table.loc[table["row_id"] == row, "region_code"].item() == "360702"


def test_made_observations_have_codes():
    assert make_observations([dict(region="赣县区", indicator="gdp", period=2020, kind="actual", value=4.4)])[
        "region_code"].item() == "360704"  # fmt: skip

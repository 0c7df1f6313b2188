"""Levels as a chain: a region's ancestors up to 全国, from the data and the division table."""

from __future__ import annotations

import pytest

from analysis import levels

# the chain of ancestors ----------------------------------------------------------------------


@pytest.mark.parametrize(("region", "parents", "chain"), [
    ("泰和县", {}, ("吉安市", "江西省", "全国")),  # the administrative-division table alone
    ("赣县区", {"赣县区": "赣州市"}, ("赣州市", "江西省", "全国")),
    ("江西省", {}, ("全国",)),
    ("全国", {}, ()),  # the root
    ("西湖区", {}, ()),  # 南昌市's and 杭州市's: the table cannot tell, so the chain stops
    ("西湖区", {"西湖区": "南昌市"}, ("南昌市", "江西省", "全国")),  # the data tells
    ("某区", {"某区": "南昌市"}, ("南昌市", "江西省", "全国")),  # not in the table; the data says
    ("某区", {}, ()),
    ("甲区", {"甲区": "乙市", "乙市": "甲区"}, ("乙市",)),  # a loop in what the data says stops
])  # fmt: skip
def test_ancestors_come_from_the_data_then_from_the_division_table(region, parents, chain):
    assert levels.ancestors(region, parents) == chain


def test_the_level_of_an_ancestor_comes_from_the_data_then_the_table():
    assert levels.region_level("吉安市") == "city"
    assert levels.region_level("吉安市", {"吉安市": "other"}) == "other"  # what the data says wins
    assert levels.region_level("全国", {"全国": "other"}) == "country"  # the root is always the country

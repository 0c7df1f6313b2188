"""Shared inputs: the seed reports, their labels, and a way to wrap a sentence into a report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import analysis.observations

# Every table a comparison returns is validated by pandera in every test (a page kernel does not:
# see observations.CHECK_RESULTS); tests/test_compare.py checks that both ways give the same table.
analysis.observations.CHECK_RESULTS = True

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"
# Short reports written for the tests (figures illustrative): 泰和县 -> 吉安市 -> 江西省 -> 全国,
# 2021 and 2022, and 全国 from 2019 to 2023; tests/cases/chain/README.md lists what each states.
CHAIN = CASES / "chain"

# A report of 2022 of 青云谱区: the review covers 2021, the plan 2022.
REVIEW_HEAD = "政府工作报告\n——2022年1月13日在{region}第十七届人民代表大会第二次会议上\n一、2021年工作总结\n"
PLAN_HEAD = "二、2022年主要工作安排\n"


def as_report(sentence: str, part: str = "review", region: str = "青云谱区") -> str:
    """A minimal report of 2022 holding `sentence` in its review or its plan."""
    head = REVIEW_HEAD.format(region=region)
    if part == "plan":
        return head + "全年工作圆满完成。\n" + PLAN_HEAD + sentence + "\n"
    return head + sentence + "\n" + PLAN_HEAD


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed_labels(seed: Path) -> list[dict]:
    """Hand labels of one seed (tests/cases/seeds/<seed>.csv), read by reading the text."""
    with open(CASES / "seeds" / f"{seed.stem}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def seed_tables():
    """Seed file name -> its extracted table (extracted once per test session)."""
    from analysis.reading.document import extract_file

    return {path.name: extract_file(path).table for path in seed_paths()}


@pytest.fixture(scope="session")
def observations():
    """All seeds in one validated table, with the project's manifest."""
    import analysis

    return analysis.read_reports([SEEDS], manifest=SEEDS / "manifest.csv")


@pytest.fixture(scope="session")
def chain_observations():
    """The chain cases in one validated table, read with their manifest."""
    from analysis import pages

    return pages.read_folders([CHAIN])


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Every page of the seeds and the chain cases rendered once per session: (reports
    folder, figures folder, pages, errors). Notebooks run with papermill, as
    `make report REPORTS="seeds tests/cases/chain"` runs them."""
    from analysis import pages as library
    from analysis.pages import render

    folder = tmp_path_factory.mktemp("rendered")
    data = folder / "indicators.parquet"
    observations = library.read_folders([SEEDS, CHAIN])
    observations.to_parquet(data, index=False)
    pages = render.parameter_sets(observations, folders=[SEEDS, CHAIN])
    errors = render.render_all(pages, folder / "reports", data=str(data), figures=folder / "figures")
    return folder / "reports", folder / "figures", pages, errors


# Report text that is markup: a page showing it must display it, never run it.
HOSTILE = ("地区生产总值增长9%左右<script>window.__xss = 1</script>,"
           "社会消费品零售总额增长17%<img src=x onerror=\"window.__xss = 2\">。")


# Markup put before the sentences of 全国's reports: the evidence shown must escape it.
HOSTILE_SENTENCE = "<script>window.__xss = 4</script><b onmouseover=\"window.__xss = 5\">"


@pytest.fixture(scope="session")
def hostile_pages(tmp_path_factory, observations, chain_observations):
    """Pages whose report text and document names hold <script> and <img onerror>: a
    walkthrough of such a report, targets against outcomes from such documents, and the
    over-time and across-levels pages of reports whose sentences hold markup (their evidence)."""
    import pandas as pd

    from analysis.pages import render

    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "hostile_2022_government_work_report.txt"
    report.write_text(as_report(HOSTILE), encoding="utf-8")
    renamed = observations.copy()
    renamed.loc[renamed["region"] == "赣县区", "doc"] = "<script>window.__xss = 3</script>.txt"
    marked = chain_observations.copy()
    national = marked["region"] == "全国"
    marked.loc[national, "source_text"] = HOSTILE_SENTENCE + marked.loc[national, "source_text"]
    data = folder / "hostile.csv"
    pd.concat([renamed, marked], ignore_index=True).to_csv(data, index=False)
    pages = [render.Page("walkthrough", {"doc": str(report), "lang": "en"}),
             render.Page("target_vs_actual", {"region": "赣县区", "period": 2020, "lang": "en"}),
             render.Page("over_time", {"region": "全国", "indicator": "gdp", "measure": "growth", "lang": "en"}),
             render.Page("targets_by_level", {"region": "泰和县", "period": 2022, "lang": "en"})]  # fmt: skip
    errors = render.render_all(pages, folder / "reports", data=str(data), figures=folder / "figures",
                               index=False)  # fmt: skip
    assert errors == []
    return [folder / "reports" / f"{page.name}.html" for page in pages]

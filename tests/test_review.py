"""The review page: every flagged row with its evidence marked and lines that work when pasted."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.compare import ParameterError, make_observations
from analysis.compare.checks import add_checks
from analysis.pages import index_page, review
from analysis.pages.webfont import FAMILY

from .conftest import HOSTILE, SEEDS, as_report

ARTICLE = re.compile(r'<article class="row" id="(r[0-9a-f]{12})" data-checks="([a-z_ ]+)">(.*?)</article>', re.S)


def _review(capsys, *argv) -> tuple[int, str]:
    code = main(["review", *map(str, argv)])
    return code, capsys.readouterr().err


def _extract(capsys, *argv) -> pd.DataFrame:
    assert main(["extract", *map(str, argv), "--no-progress", "--jobs", "1"]) == 0
    capsys.readouterr()


def _lines(page: str) -> list[str]:
    """The ready lines of a page, as a reviewer copies them."""
    return [line for block in re.findall(r'<pre class="lines">(.*?)</pre>', page, re.S)
            for line in html.unescape(block).splitlines()]  # fmt: skip


@pytest.fixture
def folder(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    return reports


def test_the_page_holds_every_flagged_row_with_its_figure_marked(folder, tmp_path, capsys):
    _extract(capsys, folder, "-o", tmp_path / "t.csv")
    table = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    code, err = _review(capsys, folder, "-o", tmp_path / "review.html")
    assert code == 0
    flagged = table[table["checks"] != ""]
    assert err == (f"analysis: {len(flagged)} of {len(table)} rows carry a check, 1 sentence(s) gave no row: "
                   f"{tmp_path / 'review.html'}\n")  # fmt: skip
    articles = {row_id: (checks, body) for row_id, checks, body in
                ARTICLE.findall((tmp_path / "review.html").read_text(encoding="utf-8"))}  # fmt: skip
    assert set(articles) == set(flagged["row_id"])
    for row in flagged.itertuples():
        checks, body = articles[row.row_id]
        assert checks.split() == row.checks.split(";")
        assert body.count("<mark>") >= 1, row.row_id
        assert f"{row.row_id},drop,,," in html.unescape(body)


def test_a_pasted_drop_line_drops_the_row_at_the_next_run(folder, tmp_path, capsys):
    _review(capsys, folder, "-o", tmp_path / "review.html")
    lines = _lines((tmp_path / "review.html").read_text(encoding="utf-8"))
    drop = next(line for line in lines if ",drop," in line)
    (folder / "corrections.csv").write_text("row_id,action,column,value,note\n" + drop + "\n", encoding="utf-8")
    _extract(capsys, folder, "-o", tmp_path / "t.csv")
    assert drop.split(",")[0] not in set(pd.read_csv(tmp_path / "t.csv", keep_default_na=False)["row_id"])


def test_an_unparsed_sentence_gets_an_add_line_that_works_once_filled_in(tmp_path, capsys):
    # A growth in 个点 has no unit the reader takes: the sentence is listed, not read.
    (tmp_path / "points.txt").write_text(as_report("全年地区生产总值增长8.5个点。"), encoding="utf-8")
    _review(capsys, tmp_path, "-o", tmp_path / "review.html")
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert '<article class="unparsed"><h3>No row: points.txt' in page
    add = next(line for line in _lines(page) if ",add," in line)
    filled = add.replace("indicator=?", "indicator=gdp").replace("period=?", "period=2021").replace(
        "kind=?", "kind=actual").replace("measure=?", "measure=growth").replace("value=?", "value=8.5").replace(
        "unit=?", "unit=%")  # fmt: skip
    (tmp_path / "corrections.csv").write_text("row_id,action,column,value,note\n" + filled + "\n", encoding="utf-8")
    _extract(capsys, tmp_path, "-o", tmp_path / "t.csv")
    table = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert table[["indicator", "value", "review"]].values.tolist() == [["gdp", 8.5, "added"]]
    (tmp_path / "corrections.csv").write_text("row_id,action,column,value,note\n" + add + "\n", encoding="utf-8")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "u.csv"), "--no-progress"]) == 2  # ? left in


def test_statements_that_disagree_stand_side_by_side(tmp_path):
    rows = [dict(doc=d, region="泰和县", indicator="gdp", period=2021, kind="actual", value=v,
                 source_text=f"地区生产总值增长{v:g}%", indicator_text="地区生产总值")
            for d, v in (("a.txt", 8.5), ("b.txt", 9.0))]  # fmt: skip
    page = review.review_html(add_checks(make_observations(rows)))
    article = dict((row_id, body) for row_id, _, body in ARTICLE.findall(page))
    assert len(article) == 2
    for body in article.values():
        others = body[body.index('<div class="others">'):]
        assert "增长<mark>8.5%</mark>" in others and "增长<mark>9%</mark>" in others
        assert "a.txt" in others and "b.txt" in others


def test_the_page_says_it_is_in_english_and_each_sentence_that_it_is_chinese(tmp_path):
    rows = [dict(doc=d, region="泰和县", indicator="gdp", period=2021, kind="actual", value=v,
                 source_text=f"地区生产总值增长{v:g}%", indicator_text="地区生产总值")
            for d, v in (("a.txt", 8.5), ("b.txt", 9.0))]  # fmt: skip
    page = review.review_html(add_checks(make_observations(rows)))
    assert page.startswith("<!doctype html>\n<html lang='en'>")
    assert '<blockquote class="evidence" lang="zh">地区生产总值增长<mark>8.5%</mark></blockquote>' in page


def test_a_figure_read_from_a_table_shows_the_year_and_kind_above_each_cell():
    row = "地区生产总值 | 亿元 | 4.5左右 | 9左右"
    rows = [dict(doc="plan.txt", region="泰和县", indicator="gdp", period=p, kind="target", value=v, qualifier="about",
                 source_text=row, indicator_text="地区生产总值") for p, v in ((2020, 4.5), (2021, 9.0))]
    rows.append(dict(doc="news.txt", region="泰和县", indicator="gdp", period=2021, kind="target", value=8.5,
                     qualifier="about", source_text="泰和县地区生产总值预期增长8.5%左右", indicator_text="地区生产总值"))
    page = review.review_html(add_checks(make_observations(rows)))
    assert ("<tr><th></th><th></th><th>2020 target</th><th>2021 target</th></tr>"
            "<tr><td>地区生产总值</td><td>亿元</td><td>4.5左右</td><td><mark>9左右</mark></td></tr>") in page


def test_every_font_the_page_names_falls_back_to_its_embedded_one():
    """Without a system CJK font (a container, a lab PC) a style naming only system fonts shows boxes."""
    rows = [dict(doc=d, region="泰和县", indicator="gdp", period=2021, kind="actual", value=v,
                 source_text=f"地区生产总值增长{v:g}%", indicator_text="地区生产总值")
            for d, v in (("a.txt", 8.5), ("b.txt", 9.0))]  # fmt: skip
    page = review.review_html(add_checks(make_observations(rows)))
    families = re.findall(r"font-family:([^;}]*)", page)
    assert families and all(FAMILY in f or f.strip() == "inherit" for f in families), families


def test_report_text_is_escaped_and_the_page_needs_no_network(tmp_path, capsys):
    (tmp_path / "hostile.txt").write_text(as_report(HOSTILE), encoding="utf-8")
    (tmp_path / "<b onclick=1>odd.txt").write_text(as_report("地区生产总值增长9%左右。"), encoding="utf-8")
    _review(capsys, tmp_path, "-o", tmp_path / "review.html")
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert re.search(r"&lt;script&gt;window.__xss ?= ?1&lt;/script&gt;", page) and "<img" not in page
    assert page.count("<script>") == 1 and "window.__xss" not in page.split("<script>")[1]
    assert "&lt;b onclick=1&gt;odd.txt" in page and "<b onclick" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page) and "<link" not in page
    assert "@media print" in page


@pytest.mark.parametrize(("argv", "message"), [
    (["--check", "hunch"], "check 'hunch' not in the checks; valid: conflict, two_values, period_from_position, "
                           "weak_metadata, region_from_text, implausible, far_from_ancestor, part_year, several_years, "
                           "past_target, target_words, other_scope"),
    (["--doc", "nowhere.txt"], "doc 'nowhere.txt' not in the data; valid: ganxian_2021_plan_report.txt, "
                               "nanchangxian_2022_government_work_report.txt, qingyunpu_2022_government_work_report.txt, "
                               "qingyunpu_2022_plan_report.txt, xihu_2022_government_work_report.txt"),
])  # fmt: skip
def test_a_bad_parameter_is_one_line_and_no_page(tmp_path, capsys, argv, message):
    code, err = _review(capsys, SEEDS, "-o", tmp_path / "review.html", *argv)
    assert (code, err) == (2, f"analysis: {message}\n")
    assert not (tmp_path / "review.html").exists()


def test_a_table_file_shows_its_checks_as_written_and_its_unparsed_csv(tmp_path, capsys):
    _extract(capsys, SEEDS, "-o", tmp_path / "t.parquet", "--unparsed", tmp_path / "unparsed.csv")
    code, err = _review(capsys, tmp_path / "t.parquet", "--unparsed", tmp_path / "unparsed.csv", "-o",
                        tmp_path / "review.html", "--check", "region_from_text")  # fmt: skip
    assert code == 0 and ", 1 sentence(s) gave no row" in err
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    table = pd.read_parquet(tmp_path / "t.parquet")
    shown = {row_id for row_id, _, _ in ARTICLE.findall(page)}
    assert shown == set(table.loc[table["checks"].str.contains("region_from_text"), "row_id"]) != set()
    assert "gave no row" in page and '<article class="unparsed"' not in page  # one check: its rows only


def test_one_report_in_a_notebook_is_the_same_page_without_filters():
    body = review.review_page("", doc="ganxian_2021_plan_report.txt").data
    assert body.count('<section class="report"') == 1 and "<script" not in body and "<select" not in body
    with pytest.raises(ParameterError, match=r"^check 'hunch' not in the checks; valid: conflict, "):
        review.review_page("", check="hunch")


def test_ready_lines_are_csv_a_corrections_file_reads():
    lines = review.correction_lines({"row_id": "r0123456789ab", "value": float("nan"), "text": "量稳质升, 小幅增长"})
    rows = list(csv.reader(io.StringIO(lines)))
    assert rows[2] == ["r0123456789ab", "set", "text", "量稳质升, 小幅增长", ""]
    assert list(csv.reader(io.StringIO(review.add_line("a.txt", 'a "quoted", line'))))[0][3] == (
        'doc=a.txt;indicator=?;period=?;kind=?;measure=?;value=?;unit=?;evidence=a "quoted", line')


def test_the_index_links_the_review_page_first(tmp_path):
    page = index_page.write_index([], tmp_path, review=True).read_text(encoding="utf-8")
    assert page.index('<a href="review.html">') < page.index("</body>")
    assert "review.html" not in index_page.write_index([], tmp_path).read_text(encoding="utf-8")

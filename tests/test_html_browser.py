"""The rendered HTML in a real headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                 if p and Path(p).is_file()), None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _open(browser, path):
    page = browser.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    response = page.goto(path.resolve().as_uri(), wait_until="load")
    return page, response, problems


def test_every_page_loads_cleanly_with_its_images(rendered, browser):
    reports, _, pages, _ = rendered
    for name in ["index", *[p.name for p in pages]]:
        page, response, problems = _open(browser, reports / f"{name}.html")
        assert response.ok and problems == [], (name, problems)
        widths = page.evaluate("[...document.images].map(i => i.complete ? i.naturalWidth : 0)")
        assert all(w > 0 for w in widths), (name, widths)
        if name.startswith(("target_vs_actual", "cross_district", "targets_by_level")):
            assert widths, f"{name}: no chart"
        page.close()


def test_every_link_of_the_index_resolves(rendered, browser):
    reports, _, pages, _ = rendered
    page, _, _ = _open(browser, reports / "index.html")
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert len(links) == len(pages)
    for link in links:
        target = browser.new_page()
        assert target.goto(link).ok, link
        assert target.title() or target.content()
        target.close()


def test_report_text_with_markup_is_shown_not_run(hostile_pages, browser):
    for path in hostile_pages:
        page, response, problems = _open(browser, path)
        assert response.ok and problems == [], (path.name, problems)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # evidence shown
        assert page.evaluate("typeof window.__xss") == "undefined", path.name
        assert "<script>window.__xss" in page.inner_text("body"), path.name
        page.close()


def test_evidence_opens_on_its_sentence_with_the_figure_marked(hostile_pages, browser):
    """The over-time and across-levels pages: every value's sentence is in a closed <details>;
    opened, it shows the sentence as text (markup and all) with the figure in a <mark>."""
    for path in hostile_pages[2:]:
        page, response, problems = _open(browser, path)
        assert response.ok and problems == [], (path.name, problems)
        closed = page.evaluate("[...document.querySelectorAll('details.evidence')].filter(d => !d.open).length")
        assert closed > 0 and page.evaluate("document.querySelectorAll('details.evidence mark').length") == closed
        assert not page.locator("details.evidence blockquote").first.is_visible()  # shown on demand
        page.locator("details.evidence summary").first.click()
        assert page.locator("details.evidence blockquote").first.is_visible()
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        quotes = page.evaluate("[...document.querySelectorAll('details.evidence blockquote')].map(q => "
                               "[q.querySelector('mark').textContent, q.innerText])")  # fmt: skip
        national = [(mark, text) for mark, text in quotes if "<script>window.__xss = 4</script>" in text]
        assert national, path.name
        for mark, text in national:
            assert text.startswith('<script>window.__xss = 4</script><b onmouseover="window.__xss = 5">')
            assert mark in text.split("国内生产总值增长", 1)[1]  # the figure, after its words
        assert page.evaluate("document.querySelectorAll('b[onmouseover], details script').length") == 0
        assert page.evaluate("typeof window.__xss") == "undefined"
        if path.name.startswith("over_time"):
            assert sorted(mark for mark, _ in national) == sorted(
                ["6.6%", "6%-6.5%", "6.1%", "2.3%", "6%以上", "8.1%", "5.5%左右", "3%", "5%左右"])
        page.close()


def test_the_review_page_filters_by_check_and_report_without_a_server(browser, tmp_path, observations):
    from analysis.pages import review

    path = review.write_review(observations, tmp_path / "review.html")
    page, response, problems = _open(browser, path)
    assert response.ok and problems == []
    shown = "[...document.querySelectorAll('article.row')].filter(a => a.offsetParent !== null).length"
    everything = page.evaluate(shown)
    page.select_option("#check", "region_from_text")
    only = page.evaluate(shown)
    assert 0 < only < everything
    assert only == int((observations["checks"].str.contains("region_from_text")).sum())
    page.select_option("#check", "")
    page.select_option("#report", "xihu_2022_government_work_report.txt")
    assert page.evaluate(shown) == int(((observations["doc"] == "xihu_2022_government_work_report.txt")
                                        & (observations["checks"] != "")).sum())  # fmt: skip
    page.close()

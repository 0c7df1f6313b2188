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
    """Every page and the data file are linked, the overview first; each page links back."""
    reports, _, pages, _ = rendered
    page, _, _ = _open(browser, reports / "index.html")
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    shown = [link for link in links if link.endswith(".html")]
    assert len(shown) == len(pages) and shown[0].endswith("/overview.html")
    assert [link.rsplit("/", 1)[1] for link in links if not link.endswith(".html")] == ["indicators.parquet"]
    for link in shown:
        target = browser.new_page()
        assert target.goto(link).ok, link
        assert target.title() not in ("", "Notebook"), link
        assert target.evaluate("document.querySelector('h1').textContent") == target.title(), link
        assert target.evaluate("document.querySelector('header.page-header nav a').getAttribute('href')") == "index.html"
        target.close()


def test_the_filter_box_keeps_the_pages_of_the_words_typed(rendered, browser):
    reports, _, pages, _ = rendered
    page, _, _ = _open(browser, reports / "index.html")
    page.fill("#filter", "ganxianqu 2021")  # pinyin and a year: offline, no network
    visible = page.evaluate("[...document.querySelectorAll('li[data-keys]')].filter(li => !li.hidden)"
                            ".map(li => li.querySelector('a').textContent)")  # fmt: skip
    assert visible == ["赣县区 2021年 目标与上级目标"]
    page.fill("#filter", "")
    assert page.evaluate("[...document.querySelectorAll('li[data-keys]')].filter(li => li.hidden).length") == 0


def _fonts_of(page, selector: str) -> list[tuple[str, bool]]:
    """The fonts Chromium draws the text of the first element matching `selector` with: (name,
    whether the page brought it). (The CSS domain's own loading logs a console line: asked last.)"""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return [(f["familyName"], f["isCustomFont"]) for f in session.send("CSS.getPlatformFontsForNode",
                                                                         {"nodeId": node})["fonts"]]  # fmt: skip


def test_chinese_is_drawn_with_the_font_the_page_carries(rendered, browser):
    """With or without a Chinese font on the machine, the headings, tables and evidence are drawn
    with the subset of Noto Sans CJK the page embeds (no network, no system font needed)."""
    reports, _, _, _ = rendered
    for name, selector in (("index", "h1"), ("target_vs_actual_ganxianqu_2020", "h1"), ("overview", "td"),
                           ("targets_by_level_taihexian-19d95f_2022", "details.evidence blockquote")):  # fmt: skip
        page, _, problems = _open(browser, reports / f"{name}.html")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
        assert problems == [], (name, problems)
        assert _fonts_of(page, selector) == [("Noto Sans CJK SC Regular", True)], name
        page.close()


def test_a_page_prints_on_a4_with_its_evidence_open_and_tables_whole(rendered, browser):
    reports, _, _, _ = rendered
    page, _, _ = _open(browser, reports / "target_vs_actual_ganxianqu_2020.html")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    closed = page.evaluate("[...document.querySelectorAll('details.evidence')].filter(d => !d.open).length")
    marks = page.evaluate("[...document.querySelectorAll('details.evidence mark')]"
                          ".filter(m => m.getBoundingClientRect().height > 0).length")  # fmt: skip
    assert closed == 0 and marks > 10
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right))")
    assert widest <= 794
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_a_page_fits_a_phone_without_losing_its_chart(rendered, browser):
    reports, _, _, _ = rendered
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto((reports / "target_vs_actual_ganxianqu_2020.html").resolve().as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    charts = phone.evaluate("[...document.images].map(i => [i.getBoundingClientRect().width, i.naturalWidth])")
    assert charts and all(0 < width <= 390 for width, natural in charts)


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

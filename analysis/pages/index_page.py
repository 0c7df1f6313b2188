"""reports/index.html: the page a reader lands on.

The overview first, then the rows to look at again, then every page under its kind and, within
a kind, under its region (its name in characters; with its English name on an English index),
each a link named by the page's own title. A filter box (a few lines of inline script, no
network) keeps the pages whose title, region, pinyin or file name hold every word typed. The
head says when the pages were made, from which data, and links the data files and the codebook.
Every name is escaped.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
from pathlib import Path
from urllib.parse import quote

from ..labels import ascii_name, region_label
from ..regions import is_region_name
from ..units import format_number
from .index import KINDS, REPORTS, REVIEW_PAGE, Page, kind_module, write_whole
from .webfont import with_font

_STYLE = """
body{max-width:56rem;margin:1.5rem auto;padding:0 1rem;
 line-height:1.6;color:#222}
h1{font-size:1.6rem;margin:.2rem 0}.made-from{color:#555;font-size:.92em}
h2{margin-top:1.8rem;font-size:1.2rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:1rem 0 .2rem}
h3 .other{color:#666;font-weight:normal}ul{margin:.2rem 0;padding-left:1.2rem}li{margin:.2rem 0}
a{color:#2166ac}.description{color:#666;font-size:.88em}
#filter{font:inherit;width:100%;max-width:28rem;font-size:1rem;padding:.35rem .5rem;margin:.6rem 0;box-sizing:border-box}
.first{background:#f4f8fc;border:1px solid #dbe6f2;padding:.5rem 1rem;border-radius:4px}
@media print{#filter,.filter-note{display:none}}
"""
# Hides what the words typed do not match; a group without a page left is hidden with it.
_SCRIPT = """
const box = document.getElementById("filter");
box.addEventListener("input", () => {
  const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
  document.querySelectorAll("li[data-keys]").forEach(li => {
    li.hidden = !words.every(w => li.dataset.keys.includes(w));
  });
  document.querySelectorAll("section.group, section.kind").forEach(s => {
    s.hidden = !s.querySelector("li[data-keys]:not([hidden])");
  });
});
"""
WORDS = {
    "title": ("政府工作报告：目标与结果", "Targets and outcomes of government reports"),
    "filter": ("筛选：地区、拼音、年份、指标……", "Filter: region, pinyin, year, indicator…"),
    "overview": ("先看这里：全表概览", "Start here: the overview of the whole table"),
    "review": ("需要复核的行", "Rows to look at again"),
    "review_text": ("每一行带检查标记的数据，按报告列出，附原句和可粘贴进 corrections.csv 的行；以及没有读出数据的句子",
                    "every row with a check, report by report, its evidence and the lines to paste into "
                    "corrections.csv; the sentences that gave no row"),
    "no_page": ("没有生成任何页面。", "No page was rendered."),
    "every_region": ("各地区", "Every region"),
    "reports": ("报告", "Reports"),
}


def _word(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "zh" else 1]


def write_index(done: list[tuple[Page, Path]], out_dir: Path = REPORTS, review: bool = False, data: str = "",
                downloads=(), lang: str = "zh") -> Path:  # fmt: skip
    """reports/index.html (`index_html`), written whole or not at all."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_whole(out_dir / "index.html", index_html(done, out_dir, review, data, downloads, lang))


def index_html(done: list[tuple[Page, Path]], out_dir: Path, review: bool = False, data: str = "",
               downloads=(), lang: str = "zh") -> str:  # fmt: skip
    """The index page of the pages rendered (`done`: each page and its HTML file) into `out_dir`;
    `review`: whether reports/review.html was written; `data`: the table the pages read;
    `downloads`: the data files written (.parquet, .csv, .dta, .xlsx), linked with the codebook
    beside them."""
    sections = []
    first = [(page, path) for page, path in done if page.notebook == "overview"]
    if first:
        links = "".join(f'<li data-keys="overview 概览"><a href="{_href(path)}">{html.escape(page.title or page.name)}'
                        f"</a></li>" for page, path in first)  # fmt: skip
        sections.append(f'<section class="kind first"><h2>{_word("overview", lang)}</h2><ul>{links}</ul></section>')
    if review:
        sections.append(f'<section class="kind"><h2>{_word("review", lang)}</h2><ul><li data-keys="review">'
                        f'<a href="{REVIEW_PAGE}">{REVIEW_PAGE}</a>: {_word("review_text", lang)}</li></ul></section>')  # fmt: skip
    for notebook in dict.fromkeys(page.notebook for page, _ in done):
        if notebook == "overview":
            continue
        module = kind_module(notebook) if notebook in KINDS else None
        heading = (getattr(module, "HEADING_ZH", module.HEADING) if lang == "zh" else module.HEADING) if module \
            else notebook  # fmt: skip
        groups: dict[str, list[tuple[Page, Path]]] = {}
        for page, path in done:
            if page.notebook == notebook:
                groups.setdefault(_group(page), []).append((page, path))
        body = "".join(_group_html(name, items, lang, notebook) for name, items in
                       sorted(groups.items(), key=lambda item: (item[0] == "", ascii_name(item[0] or "-"))))  # fmt: skip
        sections.append(f'<section class="kind"><h2>{html.escape(heading)}</h2>{body}</section>')
    body = "\n".join(sections) or f"<p>{_word('no_page', lang)}</p>"
    title = _word("title", lang)
    page = (f"<!doctype html>\n<html lang='{'zh-Hans' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><style>{_STYLE}</style></head>\n<body><h1>{title}</h1>\n"
            f"{_made_from(data, downloads, out_dir, lang)}\n"
            f"<input id='filter' type='search' placeholder='{_word('filter', lang)}' aria-label='{_word('filter', lang)}'>\n"
            f"{body}\n<script>{_SCRIPT}</script>\n</body></html>\n")  # fmt: skip
    return with_font(page)


def _group(page: Page) -> str:
    """The region a page is about (its parent for pages of regions side by side), or ""."""
    parameters = page.parameters
    for key in ("region", "parent"):
        value = parameters.get(key)
        if isinstance(value, str) and is_region_name(value):
            return value
    return ""


def _group_html(name: str, items: list[tuple[Page, Path]], lang: str, notebook: str) -> str:
    other = region_label(name, "en") if name else ""
    if name:
        shown = html.escape(name) + (f' <span class="other">{html.escape(other)}</span>' if lang != "zh" else "")
    else:
        shown = {"cross_district": _word("every_region", lang), "walkthrough": _word("reports", lang)}.get(notebook, "")
    keys = " ".join(filter(None, [name, ascii_name(name) if name else "", other.lower()]))
    rows = "".join(_item(page, path, keys) for page, path in sorted(items, key=lambda item: item[0].title or item[0].name))
    heading = f"<h3>{shown}</h3>" if shown else ""
    return f'<section class="group">{heading}<ul>{rows}</ul></section>'


def _item(page: Page, path: Path, keys: str) -> str:
    title = page.title or page.name
    words = " ".join([keys, title, page.description, page.name]).lower()
    return (f'<li data-keys="{html.escape(words, quote=True)}"><a href="{_href(path)}">{html.escape(title)}</a> '
            f'<span class="description">{html.escape(page.description)}</span></li>')  # fmt: skip


def _href(path: Path) -> str:
    return html.escape(quote(Path(path).name), quote=True)


def _made_from(data: str, downloads, out_dir: Path, lang: str) -> str:
    """When, from which data (its reports and rows), and links to the data files and codebook."""
    today = _dt.date.today().isoformat()
    counts = ""
    if data and Path(data).is_file():
        import pandas as pd

        docs = (pd.read_parquet(data, columns=["doc"]) if data.endswith(".parquet") else
                pd.read_csv(data, usecols=["doc"], keep_default_na=False))["doc"]  # fmt: skip
        counts = (f"（{format_number(docs.nunique())}份报告，{format_number(len(docs))}行）" if lang == "zh" else
                  f" ({format_number(docs.nunique())} reports, {format_number(len(docs))} rows)")  # fmt: skip
    files = [Path(f) for f in dict.fromkeys(Path(f).resolve() for f in [*downloads, *([data] if data else [])])
             if Path(f).is_file()]  # fmt: skip
    codebook = [p for folder in dict.fromkeys(f.parent for f in files) for p in (folder / "codebook.md",) if p.is_file()]
    links = "、".join(f'<a href="{html.escape(quote(os.path.relpath(f.resolve(), Path(out_dir).resolve())), quote=True)}">'
                     f"{html.escape(f.name)}</a>" for f in [*files, *codebook])  # fmt: skip
    source = html.escape(Path(data).name) if data else "seeds/"
    if lang == "zh":
        line = f"生成于{today}；数据：{source}{counts}" + (f"；下载：{links}" if links else "") + "。"
    else:
        line = f"Made on {today} from {source}{counts}" + (f"; download: {links}" if links else "") + "."
    return f'<p class="made-from">{line}</p>'

"""The head of every page: what it shows, in its language, the data it was made from, and the way
back to the index.

A page's notebook shows `PageHeader` right after it has its table: an <h1> naming the page's
subject ("赣县区 2020年 目标与实际", "全国 国内生产总值增速 1993–2025"), a line naming the data (the
file, its reports and rows, the date the page was made) with a link to the index, and an
introduction written from the page's own parameters and figures, never an example of another
region. `render` reads the header's title and language from the notebook it ran (the output's
metadata) for the HTML's <title> and lang, and puts the header first on the page.
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..labels import check_lang
from ..units import format_number

INDEX = "index.html"
# The key of the header's output metadata that `render` looks for.
METADATA_KEY = "page_header"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class PageHeader:
    """A page's head (see the module's words); shown as HTML, its title and language in the
    output's metadata."""

    title: str
    lang: str
    made_from: str
    introduction: str = ""

    def html(self) -> str:
        back = "← 所有页面" if self.lang == "zh" else "← All pages"
        intro = f'<p class="page-intro">{html.escape(self.introduction)}</p>' if self.introduction else ""
        return (f'<header class="page-header" lang="{HTML_LANG[self.lang]}">'
                f'<nav><a href="{INDEX}">{back}</a></nav><h1>{html.escape(self.title)}</h1>'
                f'<p class="made-from">{html.escape(self.made_from)}</p>{intro}</header>')  # fmt: skip

    def _repr_html_(self):
        return self.html(), {METADATA_KEY: {"title": self.title, "lang": HTML_LANG[self.lang]}}


def page_header(title: str, observations: pd.DataFrame, data: str = "", lang: str = "zh",
                introduction: str = "", shown=None) -> PageHeader:  # fmt: skip
    """The header of a page titled `title`, made from `observations` read from `data` (a file, a
    folder of reports, or "" for seeds/); `shown` are the documents the page's values come from
    (counted in the line on the data)."""
    check_lang(lang)
    source = Path(data).name if data else "seeds/"
    reports, rows = observations["doc"].nunique(), len(observations)
    today = _dt.date.today().isoformat()
    docs = sorted({d for cell in (shown if shown is not None else []) for d in str(cell).split("; ") if d})
    if lang == "zh":
        line = f"数据：{source}（{format_number(reports)}份报告，{format_number(rows)}行）；生成于{today}"
        line += f"；本页的数值来自其中{len(docs)}份报告" if docs else ""
    else:
        line = (f"Data: {source} ({format_number(reports)} reports, {format_number(rows)} rows); made on {today}"
                + (f"; this page's values come from {len(docs)} of the reports" if docs else ""))  # fmt: skip
    return PageHeader(title, lang, line + "。" if lang == "zh" else line + ".", introduction)


def documents(table: pd.DataFrame, *roles: str) -> list[str]:
    """The documents of a comparison table's values (<role>_docs of each role), for `shown`."""
    return [cell for role in roles if f"{role}_docs" in table for cell in table[f"{role}_docs"] if cell]


def years(periods) -> str:
    """'1993–2025', '2020', or '' for none: the span of a page's years."""
    periods = sorted({int(p) for p in periods})
    if not periods:
        return ""
    return str(periods[0]) if periods[0] == periods[-1] else f"{periods[0]}–{periods[-1]}"


def listing(names, lang: str) -> str:
    """南昌县、西湖区和青云谱区 / Nanchang County, Xihu District and Qingyunpu District."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    join = ("、", "和") if lang == "zh" else (", ", " and ")
    return join[0].join(names[:-1]) + join[1] + names[-1]

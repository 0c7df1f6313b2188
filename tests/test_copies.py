"""The same report as copies of it arrive: each seed rewritten the ways websites, PDF readers and
Windows archives rewrite reports gives the same figures as the seed itself.

A copy that cannot keep a table (the whole text on one line) may lose the table's figures, never
gain a figure the seed does not state.
"""

from __future__ import annotations

import html
import re

import opencc
import pytest

from analysis.reading.document import extract_document
from analysis.reading.manifest import load_manifest

from .conftest import SEEDS, seed_paths

_TRADITIONAL = opencc.OpenCC("s2t")
_FULL_WIDTH = str.maketrans("0123456789.%,", "０１２３４５６７８９．％，")


def _one_line(text: str) -> str:
    """Every line break removed, as some pages and copy-pastes leave a report."""
    return re.sub(r"\s*\n\s*", "", text)


def _web_page(text: str) -> str:
    """A saved web page: each line a paragraph, laid out on lines of the page's source."""
    body = "".join(f"  <p>{html.escape(line)}</p>\n" if line.strip() else "  <br/>\n" for line in text.split("\n"))
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政府信息公开</title></head>\n"
            f"<body>\n<div class=\"nav\"><a href=\"/\">首页</a> &gt; 政务公开</div>\n{body}</body></html>\n")  # fmt: skip


def _pdf_lines(text: str, width: int = 38) -> str:
    """A PDF copy: lines broken where a page of `width` Chinese characters ends (ASCII half as wide)."""
    out = []
    for line in text.split("\n"):
        current, used = "", 0
        for character in line:
            wide = 1 if character.isascii() else 2
            if used + wide > 2 * width:
                out.append(current)
                current, used = "", 0
            current, used = current + character, used + wide
        out.append(current)
    return "\n".join(out)


COPIES = {
    "windows_line_breaks": lambda t: t.replace("\n", "\r\n"),
    "old_mac_line_breaks": lambda t: t.replace("\n", "\r"),
    "traditional_characters": _TRADITIONAL.convert,
    "full_width_digits": lambda t: t.translate(_FULL_WIDTH),
    "zero_width_space_before_units": lambda t: re.sub(r"(\d)(%|亿元|万元|万人|元)", "\\1\u200b\\2", t),
    "care_of_for_percent": lambda t: t.replace("%", "℅"),
    "spaces_around_numbers": lambda t: re.sub(r"(\d)(%|亿元|万元|万人|个百分点)", r"\1 \2", t),
    "saved_web_page": _web_page,
    "pdf_line_breaks": _pdf_lines,
    "one_line": _one_line,
}
# Copies that cannot keep a flattened table (a cell per line): its figures may go, nothing may come.
TABLE_LOST = {("ganxian_2021_plan_report", "one_line"), ("ganxian_2021_plan_report", "saved_web_page")}


def _figures(text: str, name: str, known: dict) -> set[tuple]:
    rows = extract_document(text, name, known).rows
    return {(r["region"], r["indicator"], r["period"], r["kind"], r["measure"], r["value"], r["unit"], r["qualifier"])
            for r in rows}  # fmt: skip


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, dict, set]]:
    """Each seed's text, its manifest row and the figures read from it as published."""
    manifest = load_manifest(SEEDS / "manifest.csv")
    out = {}
    for path in seed_paths():
        text = path.read_text(encoding="utf-8")
        out[path.stem] = (text, manifest[path.name], _figures(text, path.name, manifest[path.name]))
    return out


@pytest.mark.parametrize("copy", COPIES)
@pytest.mark.parametrize("seed", [p.stem for p in seed_paths()])
def test_a_copy_of_a_seed_gives_the_seeds_figures(seeds, seed, copy):
    text, known, published = seeds[seed]
    figures = _figures(COPIES[copy](text), f"{seed}.txt", known)
    if (seed, copy) in TABLE_LOST:
        assert figures <= published and len(figures) >= len(published) // 2
    else:
        assert figures == published

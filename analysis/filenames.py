"""Stable ASCII file names of pages and figures, from what they show.

Figure and page files are named in ASCII from their parameters (target_vs_actual_ganxianqu_2020);
Chinese names live in the manifest and the labels (STYLE.md, "Naming"). Chinese is written in
pinyin, which two names may share: 西湖区 and 溪湖区 are both xihuqu, 山西省 and 陕西省 shanxisheng.
Such names get a mark made from their characters, so that no two regions write one file, and a
name keeps its file name from run to run whatever other regions a corpus holds.
"""

from __future__ import annotations

import csv
import hashlib
import re
from functools import cache
from importlib import resources

from . import regions
from .labels import ascii_name, check_lang


def figure_name(page: str, *parts, lang: str = "zh") -> str:
    """A stable ASCII file name from what a figure shows: target_vs_actual_ganxianqu_2020
    (and target_vs_actual_ganxianqu_2020_en for English labels).

    Chinese is written in pinyin, which two names may share (西湖区 and 溪湖区 are both xihuqu):
    a name another region of the division table shares its pinyin with, and a name the table
    lacks, get a mark made from their characters, so that no two names give one file.

    >>> figure_name("target_vs_actual", "西湖区", 2022), figure_name("target_vs_actual", "溪湖区", 2022)
    ('target_vs_actual_xihuqu-aef8f5_2022', 'target_vs_actual_xihuqu-320385_2022')
    """
    words = [page] + [_ascii(str(p)) for p in parts if p not in ("", None, 0)]
    return "_".join(words + ([check_lang(lang)] if lang != "zh" else []))


def _ascii(part: str) -> str:
    if re.fullmatch(r"[\x00-\x7f]+", part):
        return re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")
    slug = pinyin_slug(part)
    if part in _homophones() or part not in regions.by_name():
        slug += "-" + hashlib.sha1(part.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return slug


def pinyin_slug(part: str) -> str:
    """A name's pinyin as a file name: 赣县区 -> ganxianqu (labels.ascii_name: the division table's
    names from vocab/places_pinyin.csv, other text with pypinyin)."""
    return ascii_name(part)


@cache
def _homophones() -> frozenset[str]:
    """Names of the division table whose pinyin another of its names shares (vocab/pinyin_homophones.csv)."""
    text = resources.files("analysis").joinpath("vocab", "pinyin_homophones.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return frozenset(row["name"] for row in csv.DictReader(lines))

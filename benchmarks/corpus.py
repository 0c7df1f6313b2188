"""A large synthetic corpus made from the seeds, in a temporary folder (never committed).

Each document is a seed report with its region renamed to another real county or
district (the administrative-division table), every figure jittered, and saved
as UTF-8, GB18030 or a simple saved web page, so that reading, decoding and
extraction all do the work they do on real collections.
"""

from __future__ import annotations

import csv
import html
import os
import random
import re
import shutil
from pathlib import Path

from analysis import regions
from analysis.reading.files import read_text

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
# Figures only: numbers not part of a date, a year or a session ("2022年1月13日", "第十七届").
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|年|月|日|届|次)")
_YEAR = re.compile(r"(?:19|20)\d\d")
# How each document is saved, by its index modulo 8: five UTF-8, two GB18030, one
# web page; any five consecutive documents include all three forms.
FORMS = ("utf-8", "gb18030", "html", "utf-8", "utf-8", "gb18030", "utf-8", "utf-8")
# The title and meeting lines keep their dates; the figures after them change.
_HEADER = 800


def seed_reports() -> list[tuple[Path, str, str, str]]:
    """(path, text, region, parent_region) of every seed named in seeds/manifest.csv."""
    with open(SEEDS / "manifest.csv", encoding="utf-8") as handle:
        known = {row["file"]: row for row in csv.DictReader(handle)}
    return [(path, read_text(path), known[path.name]["region"], known[path.name]["parent_region"])
            for path in sorted(SEEDS.glob("*.txt")) if path.name in known]  # fmt: skip


def _jitter(match: re.Match, rng: random.Random) -> str:
    text = match.group(0)
    if _YEAR.fullmatch(text):  # a year, as in a table's header
        return text
    value = float(text) * rng.uniform(0.8, 1.2)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{value:.{decimals}f}"


def _renamed(text: str, region: str, parent: str, to: regions.Region) -> str:
    text = text.replace(region, to.name)
    return text.replace(parent, to.parent) if parent and to.parent else text


def _check_outside_project(folder: Path) -> None:
    if folder.resolve().is_relative_to(PROJECT):
        raise ValueError(f"{folder}: the benchmark corpus is never written inside the project; "
                         "give a temporary folder")  # fmt: skip


def generate(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` documents into `folder` (outside the project); returns their paths.
    The same `seed` gives the same documents, and a smaller `count` a prefix of them."""
    folder = Path(folder)
    _check_outside_project(folder)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_reports()
    targets = [r for r in regions.all_regions()
               if r.level in ("county", "district") and len(r.name) >= 3 and r.name[-1] in "区县市"]  # fmt: skip
    paths = []
    for index in range(count):
        _, text, region, parent = seeds[index % len(seeds)]
        text = _renamed(text, region, parent, rng.choice(targets))
        text = text[:_HEADER] + _NUMBER.sub(lambda m: _jitter(m, rng), text[_HEADER:])
        paths.append(_save(folder / f"doc{index:06d}", text, FORMS[index % len(FORMS)]))
    return paths


def _save(stem: Path, text: str, form: str) -> Path:
    if form == "html":
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
        path = stem.with_suffix(".html")
        path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                        encoding="utf-8")  # fmt: skip
    else:
        path = stem.with_suffix(".txt")
        path.write_bytes(text.encode(form))
    return path


def subset(paths: list[Path], folder: Path) -> list[Path]:
    """The same files in another folder (hard links where possible): a smaller corpus
    whose documents are exactly the first ones of the larger."""
    folder = Path(folder)
    _check_outside_project(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        target = folder / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
        out.append(target)
    return out

"""A large synthetic corpus made from the seeds, in a temporary folder (never committed).

Each document is a seed report with its region renamed to another real county or
district (the administrative-division table), every number jittered, and saved
as UTF-8, GB18030 or a simple saved web page, so that reading, decoding and
extraction all do the work they do on real collections.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

from analysis import regions
from analysis.read import read_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Figures only: numbers not part of a date, a year or a session ("2022年1月13日", "第十七届").
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|年|月|日|届|次)")


def _jitter(match: re.Match, rng: random.Random) -> str:
    text = match.group(0)
    if re.fullmatch(r"(?:19|20)\d\d", text):  # a year, as in a table's header
        return text
    value = float(text) * rng.uniform(0.8, 1.2)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{value:.{decimals}f}"


def _renamed(text: str, seed_region: str, region: regions.Region) -> str:
    text = text.replace(seed_region, region.name)
    parent = regions.lookup(seed_region)
    if parent is not None and parent.parent and region.parent:
        text = text.replace(parent.parent, region.parent)
    return text


def generate(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` documents into `folder`; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [(p, read_text(p)) for p in sorted(SEEDS.glob("*.txt"))]
    seed_regions = {"qingyunpu": "青云谱区", "xihu": "西湖区", "nanchangxian": "南昌县", "ganxian": "赣县区"}
    targets = [r for r in regions.all_regions()
               if r.level in ("county", "district") and len(r.name) >= 3 and r.name[-1] in "区县市"]
    paths = []
    for index in range(count):
        path, text = seeds[index % len(seeds)]
        region = rng.choice(targets)
        text = _renamed(text, seed_regions[path.stem.split("_")[0]], region)
        # The title and meeting lines keep their dates; the figures after them change.
        text = text[:800] + _NUMBER.sub(lambda m: _jitter(m, rng), text[800:])
        form = index % 8
        if form == 7:
            out = folder / f"doc{index:06d}.html"
            body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
            out.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                           encoding="utf-8")  # fmt: skip
        elif form in (1, 5):
            out = folder / f"doc{index:06d}.txt"
            out.write_bytes(text.encode("gb18030"))
        else:
            out = folder / f"doc{index:06d}.txt"
            out.write_text(text, encoding="utf-8")
        paths.append(out)
    return paths

"""Pages without sentences: a flattened statistics table on one endless line.

Such a page is one "sentence" of any length. The extractor reads long sentences
in windows (analysis/reading/sentences.py, MAX_SENTENCE), so its time grows with the size
of the file, not with its square, and its memory stays bounded. Two sizes of the
same line are timed in this process; the larger is also run as the extract
command, whose peak memory is measured.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from analysis.reading.document import extract_document

from .memory import Run, run_measured

PROJECT = Path(__file__).resolve().parent.parent
HEAD = "政府工作报告\n——2022年1月13日在青云谱区第十七届人民代表大会第二次会议上\n一、2021年工作总结\n"
# One row of a county's indicator table as a website flattens it: names, levels, rates, no punctuation.
ROW = ("地区生产总值 1195.6亿元 8.7% 财政总收入 156.8亿元 11% 地方一般公共预算收入 79.3亿元 12.6% "
       "规上工业增加值 9.6% 固定资产投资 10.3% 社会消费品零售总额 288亿元 17.2% 城镇居民人均可支配收入 "
       "46349元 8.3% 实际利用外资 21775万美元 6.1% ")  # fmt: skip


def long_line(megabytes: float) -> str:
    """A report whose body is one line of about `megabytes` MB (UTF-8)."""
    repeats = int(megabytes * 1e6 / len(ROW.encode("utf-8"))) + 1
    return HEAD + ROW * repeats + "\n"


def seconds_per_mb(megabytes: float, rounds: int = 2) -> float:
    """In-process extraction of a long line of that size, fastest of `rounds`, per MB."""
    text = long_line(megabytes)
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(max(1, rounds)):
        started = time.perf_counter()
        extract_document(text, "long_line.txt")
        best = min(best, time.perf_counter() - started)
    return best / size


def command_on_long_line(megabytes: float) -> Run:
    """`python -m analysis extract` on a long-line file of that size, time and peak memory measured."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long_line.txt"
        path.write_text(long_line(megabytes), encoding="utf-8")
        command = [sys.executable, "-m", "analysis", "extract", str(path), "-o", f"{folder}/rows.csv",
                   "--jobs", "1", "--no-progress"]  # fmt: skip
        return run_measured(command, cwd=PROJECT).check()

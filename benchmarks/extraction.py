"""Extraction throughput against the floor, and peak memory at two corpus sizes."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from analysis.document import extract_document
from analysis.read import read_text

_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


def _megabytes(paths) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def floor_seconds(paths) -> float:
    """Reading and decoding every file plus one bare pass finding every number."""
    started = time.perf_counter()
    for path in paths:
        _NUMBERS.findall(read_text(path))
    return time.perf_counter() - started


def extraction_seconds(paths) -> float:
    """The whole extraction of every file, in this process (one core)."""
    started = time.perf_counter()
    for path in paths:
        extract_document(read_text(path), path.name)
    return time.perf_counter() - started


def throughput(paths) -> dict:
    megabytes = _megabytes(paths)
    floor = floor_seconds(paths)
    extraction = extraction_seconds(paths)
    return {"megabytes": megabytes, "floor_mb_s": megabytes / floor, "extract_mb_s": megabytes / extraction}


def cli_run(folder: Path, jobs: int) -> dict:
    """`python -m analysis extract` on a folder: wall time and the peak memory of the
    whole process tree (the command and its workers), sampled every 20 ms."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "analysis", "extract", str(folder), "-o", f"{out}/o.parquet",
                   "--jobs", str(jobs), "--no-progress"]  # fmt: skip
        started = time.perf_counter()
        process = psutil.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise RuntimeError(f"extraction of {folder} failed with exit status {process.returncode}")
    return {"seconds": seconds, "peak_mb": peak / 1e6}

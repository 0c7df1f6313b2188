"""Extraction throughput against the floor, on the same files in the same run.

The floor is what no extractor can avoid: reading and decoding each file with
`analysis.reading.files.read_text` (HTML reduced to its text) plus one bare regular
expression pass that finds every number.

Two comparisons:

- in this process, one core: `iter_extractions` + `TableWriter` (Parquet), the
  pipeline the command runs, against the floor; both are warmed up first, then
  timed in alternating rounds, and the fastest round of each is kept, so that a
  burst of load from elsewhere on the machine does not decide the ratio;
- as commands, on the large corpus with N workers: `python -m analysis extract`
  against the floor run by N worker processes in a fresh interpreter; both
  include start-up, and MB/s per core is MB/s divided by N.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analysis.reading.corpus import TableWriter, iter_extractions
from analysis.reading.files import ReadError, expand_paths, read_text

from .memory import Run, run_measured

PROJECT = Path(__file__).resolve().parent.parent
_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


def megabytes(paths) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def _floor_one(path: Path) -> int:
    try:
        return len(_NUMBERS.findall(read_text(path)))
    except ReadError:
        return 0


def floor_seconds(paths) -> float:
    """Reading and decoding every file plus one bare pass finding every number."""
    started = time.perf_counter()
    for path in paths:
        _floor_one(path)
    return time.perf_counter() - started


def extraction_seconds(paths, folder: Path) -> float:
    """The whole extraction of every file in this process, rows streamed to Parquet."""
    started = time.perf_counter()
    writer = TableWriter(Path(folder) / "rows.parquet")
    for outcome in iter_extractions(paths, jobs=1):
        if outcome.extraction is not None:
            writer.write(outcome.extraction.rows)
    writer.close()
    return time.perf_counter() - started


def in_process(paths: list[Path], rounds: int = 3) -> dict:
    """MB/s on one core of the extraction and of the floor, fastest of `rounds` each."""
    with tempfile.TemporaryDirectory() as folder:
        warm = paths[:8]  # vocabularies, compiled expressions, lazily built tables
        floor_seconds(warm)
        extraction_seconds(warm, Path(folder))
        floors, extractions = [], []
        for _ in range(max(1, rounds)):
            floors.append(floor_seconds(paths))
            extractions.append(extraction_seconds(paths, Path(folder)))
    size = megabytes(paths)
    return {"megabytes": size, "floor_mb_s": size / min(floors), "extract_mb_s": size / min(extractions)}


def extract_command(folder: Path, jobs: int) -> Run:
    """`python -m analysis extract FOLDER -o out.parquet --jobs N --no-progress`, measured."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "analysis", "extract", str(folder), "-o", f"{out}/rows.parquet",
                   "--jobs", str(jobs), "--no-progress"]  # fmt: skip
        return run_measured(command, cwd=PROJECT).check()


def floor_command(folder: Path, jobs: int) -> Run:
    """The floor as a command: a fresh interpreter whose N worker processes read every file."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-c", "import sys; from benchmarks.extraction import floor_main; floor_main(sys.argv[1:])",
               str(folder), str(jobs)]  # fmt: skip
    return run_measured(command, cwd=PROJECT, env=env).check()


def floor_main(argv: list[str]) -> None:
    folder, jobs = argv[0], int(argv[1])
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        sum(pool.map(_floor_one, expand_paths([folder]), chunksize=8))


_SUMMARY = re.compile(r"(\d+) report\(s\) read, (\d+) could not be read, (\d+) rows")


def summary(run: Run) -> str:
    """From the command's closing line: "M of N (R rows written)"."""
    found = _SUMMARY.findall(run.stderr)
    if not found:
        return ""
    read, failed, rows = map(int, found[-1])
    return f"{failed} of {read + failed} ({rows} rows written)"

"""python -m benchmarks: one run, one table of measured values against their floors.

Every floor is measured in the same run, on the same machine and, for extraction,
on the same files. The table is a report, not a test: the command exits 0 whatever
it finds (a section that fails prints an error row and the others still run).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shlex
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import corpus, extraction, hostile, long_lines, notebooks

HEADER = "| measure | measured | floor | ratio | target | |\n|---|---|---|---|---|---|"


class Table:
    def __init__(self):
        self.rows: list[str] = []
        self.notes: list[str] = []

    def add(self, measure: str, measured, floor="", target: str = "", ok: bool | None = None,
            ratio: float | None = None, digits: int = 2) -> None:  # fmt: skip
        if ratio is None and isinstance(measured, float) and isinstance(floor, float) and floor:
            ratio = measured / floor
        verdict = "info" if ok is None else "pass" if ok else "FAIL"
        self.rows.append(f"| {measure} | {_num(measured, digits)} | {_num(floor, digits)} | "
                         f"{_num(ratio, 2)} | {target} | {verdict} |")  # fmt: skip

    def error(self, section: str, error: BaseException) -> None:
        message = str(error).splitlines()[0] if str(error) else ""
        self.rows.append(f"| {section} | error: {type(error).__name__}: {message[:120]} | | | | error |")
        traceback.print_exc(file=sys.stderr)

    def __str__(self) -> str:
        return "\n".join([HEADER, *self.rows, *(["", *self.notes] if self.notes else [])])


def _num(value, digits: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        return "n/a" if math.isnan(value) else f"{value:.{digits}f}"
    return str(value)


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (0 where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU seconds of this process and of every child it has waited for (commands, kernels, make)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _others_share(busy: float, own: float, wall: float) -> float:
    """The share of the machine's CPU that other processes took during the run."""
    cores = len(os.sched_getaffinity(0))
    others = (_busy_seconds() - busy) - (_own_seconds() - own)
    return max(0.0, others) / (wall * cores) if busy else float("nan")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the large corpus (default 2000)")
    parser.add_argument("--small", type=int, default=500, help="documents in the small corpus (default 500)")
    parser.add_argument("--sample", type=int, default=200,
                        help="documents timed in-process on one core (default 200)")  # fmt: skip
    parser.add_argument(
        "--rounds", type=int, default=3, help="in-process rounds; the fastest counts (default 3)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)"
    )
    parser.add_argument("--notebook-rounds", type=int, default=1,
                        help="runs of each notebook and of the empty one; the fastest counts (default 1)")  # fmt: skip
    parser.add_argument("--skip-notebooks", action="store_true", help="no notebook timings, no make report")
    parser.add_argument("--only-hostile", action="store_true", help="only the rows of hostile input (issue 17)")
    parser.add_argument("--only-notebooks", action="store_true",
                        help="only the notebook rows (and make report, unless --skip-report)")  # fmt: skip
    parser.add_argument("--skip-report", action="store_true",
                        help="no make report (it rewrites data/, reports/ and figures/)")  # fmt: skip
    return parser


def extraction_rows(table: Table, args, large: list[Path], small: list[Path], tmp: Path) -> None:
    sample = large[: args.sample]
    try:
        speed = extraction.in_process(sample, args.rounds)
        ratio = speed["extract_mb_s"] / speed["floor_mb_s"]
        table.add(f"extraction, MB/s on one core, in-process ({len(sample)} docs, {speed['megabytes']:.1f} MB, "
                  f"fastest of {args.rounds})", speed["extract_mb_s"], speed["floor_mb_s"], ">= 0.35",
                  ratio >= 0.35, digits=2)  # fmt: skip
    except Exception as error:
        table.error("extraction in-process", error)
    try:
        size = extraction.megabytes(large)
        floor = extraction.floor_command(tmp / "large", args.jobs)
        run_small = extraction.extract_command(tmp / "small", args.jobs)
        run_large = extraction.extract_command(tmp / "large", args.jobs)
    except Exception as error:
        table.error("extract command", error)
        return
    measured, floor_speed = size / run_large.seconds / args.jobs, size / floor.seconds / args.jobs
    ratio = measured / floor_speed
    table.add(f"extract command, MB/s per core ({len(large)} docs, {size:.0f} MB, --jobs {args.jobs}, "
              "start-up included)", measured, floor_speed, ">= 0.25", ratio >= 0.25)  # fmt: skip
    for name, attribute in (("whole process tree, sampled", "peak_tree_mb"),
                            ("largest single process, exact", "peak_process_mb")):  # fmt: skip
        big, little = getattr(run_large, attribute), getattr(run_small, attribute)
        table.add(f"peak memory, MB, {name} ({len(large)} docs; floor: {len(small)} docs)", big, little,
                  "<= 1.25 (flat)", big / little <= 1.25, digits=0)  # fmt: skip
    if len(large) > len(small):
        growth = (run_large.peak_tree_mb - run_small.peak_tree_mb) / (len(large) - len(small)) * 1000
        table.add("peak memory growth, MB per 1,000 more docs (process tree, two sizes)", growth, digits=1)
    table.add("documents the command could not read (large corpus)", extraction.summary(run_large) or "n/a")
    table.notes.append(f"- extract command: {run_large.seconds:.1f} s for {len(large)} docs; the floor command "
                       f"{floor.seconds:.1f} s on the same files.")  # fmt: skip


def long_line_rows(table: Table, args) -> None:
    try:
        small, large = (long_lines.seconds_per_mb(mb, args.rounds) for mb in (0.25, 1.0))
        table.add("long line (a flattened table, no punctuation), s per MB at 1 MB; floor: at 0.25 MB", large,
                  small, "<= 1.5 (linear)", large / small <= 1.5)  # fmt: skip
        run = long_lines.command_on_long_line(1.0)
        table.add("long line of 1 MB, extract command: peak memory, MB, largest process, exact",
                  run.peak_process_mb, "", "< 400", run.peak_process_mb < 400, digits=0)  # fmt: skip
        table.notes.append(f"- long line of 1 MB: the extract command took {run.seconds:.1f} s.")
    except Exception as error:
        table.error("long line", error)


def hostile_rows(table: Table, args) -> None:
    try:
        page, text = hostile.page_against_text(rounds=args.rounds)
        table.add("saved page of a 25,000-row table, s (read + extract); floor: the same rows as a .txt", page,
                  text, "<= 4 (linear)", page / text <= 4)  # fmt: skip
    except Exception as error:
        table.error("saved page of a long table", error)
    for label, measure, limit_mb in (
        ("a report beside a FIFO, a link to /dev/zero and a 4 GB sparse file", hostile.command_beside_pipe_and_devices,
         600),
        (".docx whose _rels/.rels inflates to 600 MB (refused)", hostile.command_on_inflating_relationships, 500),
    ):  # fmt: skip
        try:
            run = measure()
        except Exception as error:
            table.error(label, error)
            continue
        table.add(f"{label}: extract command, s", run.seconds, "", "< 60", run.seconds < 60, digits=1)
        table.add(f"{label}: peak memory, MB, whole process tree, sampled", run.peak_tree_mb, "", f"< {limit_mb}",
                  run.peak_tree_mb < limit_mb, digits=0)  # fmt: skip


def notebook_rows(table: Table, args) -> None:
    try:
        timed = notebooks.notebook_seconds(args.notebook_rounds)
    except Exception as error:
        table.error("notebooks", error)
        timed = None
    if timed is not None:
        if not timed["pages"]:
            table.add("notebooks", "none in notebooks/ yet")
        for name, page in timed["pages"].items():
            if "error" in page:
                table.add(f"notebook {name}, s per page", page["error"], "", "<= 2", False)
            elif name == "imports only":
                table.add("imports only (every import line of the notebooks), s, fresh kernel", page["fresh"],
                          page["floor"], digits=1)  # fmt: skip
                table.notes.append(f"- imports only: {'; '.join(timed['imports_of'])}")
            else:
                ok = page["kept"] / page["floor"] <= 2
                table.add(f"notebook {name}, s per page as `analysis render` renders it (papermill + HTML, "
                          "kernel kept)", page["kept"], page["floor"], "<= 2", ok, digits=2)  # fmt: skip
                table.add(f"notebook {name}, s, papermill alone in a fresh kernel (imports, fonts and table "
                          "included)", page["fresh"], page["floor"], "<= 2.5", page["fresh"] / page["floor"] <= 2.5,
                          digits=2)  # fmt: skip
                slowest = "; ".join(f"{seconds:.2f} s `{line[:48]}`" for seconds, line in page["cells"])
                table.notes.append(f"- {name} (kernel kept), slowest cells: {slowest}")
        table.add("first page of a render worker (kernel start, imports, fonts, table; papermill + HTML), s",
                  timed["first_page"], digits=2)  # fmt: skip
    if args.skip_report:
        return
    try:
        report = notebooks.make_report()
    except Exception as error:
        table.error("make report", error)
        return
    if "error" in report:
        table.add("make report on the seeds, s", report["error"], "", "< 60", False)
    else:
        table.add(f"make report on the seeds, s ({report['cores']} cores; {report['pages']}; "
                  "extract + render + HTML)", report["seconds"], "", "< 60", report["seconds"] < 60, digits=1)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.jobs = max(1, args.jobs)
    args.small = min(args.small, args.docs)
    started, busy, own = time.perf_counter(), _busy_seconds(), _own_seconds()
    table = Table()
    if args.only_hostile:
        hostile_rows(table, args)
        print(table)
        return 0
    if args.only_notebooks:
        notebook_rows(table, args)
        print(table)
        return 0
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as name:
        tmp = Path(name)
        print(f"generating {args.docs} documents in {tmp} ...", file=sys.stderr)
        large = corpus.generate(tmp / "large", args.docs)
        small = corpus.subset(large[: args.small], tmp / "small")
        extraction_rows(table, args, large, small, tmp)
    long_line_rows(table, args)
    hostile_rows(table, args)
    if not args.skip_notebooks:
        notebook_rows(table, args)
    wall = time.perf_counter() - started
    others = _others_share(busy, own, wall)
    command = " ".join(["python -m benchmarks", *map(shlex.quote, sys.argv[1:] if argv is None else argv)])
    print(f"\n`{command}`: CPython {platform.python_version()}, {len(os.sched_getaffinity(0))} cores, "
          f"{wall:.0f} s; other processes took {others:.0%} of the CPU meanwhile"
          f"{' (timings pessimistic: rerun on a quiet machine)' if others > 0.1 else ''}\n")  # fmt: skip
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

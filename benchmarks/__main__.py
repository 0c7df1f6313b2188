"""python -m benchmarks: one run, one table of measured values against their floors."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from . import corpus, extraction, notebooks


def _row(name, measured, floor, ratio, target, ok) -> str:
    return f"| {name} | {measured} | {floor} | {ratio} | {target} | {'pass' if ok else 'FAIL'} |"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the large corpus")
    parser.add_argument("--small", type=int, default=500, help="documents in the small corpus")
    parser.add_argument("--sample", type=int, default=200, help="documents timed for throughput")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        large = corpus.generate(Path(tmp) / "large", args.docs)
        small_folder = Path(tmp) / "small"
        corpus.generate(small_folder, args.small)
        speed = extraction.throughput(large[: args.sample])
        ratio = speed["extract_mb_s"] / speed["floor_mb_s"]
        rows.append(_row(f"extraction, MB/s per core ({args.sample} docs, {speed['megabytes']:.1f} MB)",
                         f"{speed['extract_mb_s']:.2f}", f"{speed['floor_mb_s']:.2f}", f"{ratio:.3f}",
                         ">= 0.25", ratio >= 0.25))  # fmt: skip
        small = extraction.cli_run(small_folder, args.jobs)
        big = extraction.cli_run(Path(tmp) / "large", args.jobs)
        growth = big["peak_mb"] / small["peak_mb"]
        rows.append(_row(f"peak memory, MB ({args.small} -> {args.docs} docs, --jobs {args.jobs})",
                         f"{big['peak_mb']:.0f}", f"{small['peak_mb']:.0f}", f"{growth:.2f}",
                         "<= 1.25 (flat)", growth <= 1.25))  # fmt: skip
        mb = sum(p.stat().st_size for p in large) / 1e6
        rows.append(_row(f"extract command, MB/s ({args.docs} docs, --jobs {args.jobs})",
                         f"{mb / big['seconds']:.2f}", "", "", "(information)", True))  # fmt: skip
    if not args.skip_notebooks:
        floor, times = notebooks.notebook_seconds()
        for name, seconds in times.items():
            rows.append(_row(f"notebook {name}, s", f"{seconds:.1f}", f"{floor:.1f}", f"{seconds / floor:.2f}",
                             "<= 2", seconds / floor <= 2))  # fmt: skip
        report = notebooks.make_report_seconds()
        rows.append(_row("make report on the seeds, s", f"{report:.1f}", "", "", "< 60", report < 60))
    print("| measure | measured | floor | ratio | target | |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

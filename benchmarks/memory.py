"""Wall time and peak memory of a command, its worker processes included.

Two measures, because each misses something the other sees:

- the whole process tree's resident memory (the command and every worker,
  summed), sampled every 20 ms with psutil; a spike shorter than that can be
  missed, and pages shared between forked workers are counted once per process;
- the exact peak of the largest single process, from the kernel's own
  accounting (wait4's ru_maxrss covers the command and every descendant it
  waited for), never missed but never summed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.02


@dataclass
class Run:
    command: list[str]
    seconds: float
    peak_tree_mb: float  # sum over the process tree, sampled
    peak_process_mb: float  # largest single process, exact
    returncode: int
    stderr: str

    def check(self) -> Run:
        if self.returncode != 0:
            last = self.stderr.strip().splitlines()[-1:] or ["(no message)"]
            raise RuntimeError(f"{' '.join(self.command[:4])} ... exited {self.returncode}: {last[0]}")
        return self


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # a worker that just exited
            pass
    return total


def run_measured(command: list[str], cwd=None, env=None) -> Run:
    """Run `command` to the end in a fresh process; its time and peak memory."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        root, peak = psutil.Process(process.pid), 0
        while True:
            # wait4 rather than poll(): it also returns the child's resource usage.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss(root))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace")
    # ru_maxrss is in kilobytes on Linux.
    return Run(command, seconds, peak / 1e6, usage.ru_maxrss * 1024 / 1e6, process.returncode, stderr)

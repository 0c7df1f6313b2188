"""Render time of each notebook against a papermill run of an empty notebook, and
the whole `make report` on the seeds.

Every notebook in notebooks/ is timed (new ones are picked up as they appear)
with the first parameter set `analysis.pages.index.parameter_sets` gives it, or its
own defaults when it has none, two ways:

- as `analysis render` renders a page: papermill in the worker's kernel, which
  has rendered a page before (imports, fonts and the table loaded), then the
  HTML export; this is the time a page costs in `make report`;
- papermill alone in a fresh kernel: what the first page of a worker, or a user
  running papermill by hand, pays (imports and fonts included).

The floor is a papermill run of an empty notebook in a fresh kernel (the same
kernel, python3, one injected parameter), run just before each measurement so
that both see the same load.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import papermill
from nbformat.v4 import new_code_cell, new_notebook

from analysis import write_table
from analysis.pages import load_observations, render
from analysis.pages.render import Page, PageKernel

PROJECT = Path(__file__).resolve().parent.parent
KERNEL = "python3"
REPORT_CORES = 2  # the target: make report in under a minute on two cores


@contextlib.contextmanager
def _kernel_chatter_hidden():
    """Kernels write start-up warnings to the inherited stderr; hide them while
    timing (a failure still surfaces as papermill's exception)."""
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _execute(source: Path, folder: Path, parameters: dict) -> float:
    started = time.perf_counter()
    papermill.execute_notebook(str(source), str(folder / f"{source.stem}.out.ipynb"), parameters=parameters,
                               cwd=str(render.NOTEBOOKS), progress_bar=False, kernel_name=KERNEL)  # fmt: skip
    return time.perf_counter() - started


def slowest_cells(executed: Path, count: int = 3) -> list[tuple[float, str]]:
    """(seconds, first line) of the slowest code cells of a notebook papermill ran."""
    cells = nbformat.read(executed, as_version=4).cells
    timed = [(cell.metadata.get("papermill", {}).get("duration") or 0.0, cell.source.splitlines()[0] if cell.source else "")
             for cell in cells if cell.cell_type == "code"]  # fmt: skip
    return sorted(timed, reverse=True)[:count]


def _notebook(path: Path, source: str) -> Path:
    notebook = new_notebook(cells=[new_code_cell("# Parameters\nx = 1", metadata={"tags": ["parameters"]})])
    if source:
        notebook.cells.append(new_code_cell(source))
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def import_lines(sources: list[Path]) -> list[str]:
    """Every import statement of the notebooks' code cells, once each, in order."""
    lines = []
    for source in sources:
        for cell in nbformat.read(source, as_version=4).cells:
            if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
                lines += [line for line in cell.source.splitlines() if line.startswith(("import ", "from "))]
    return list(dict.fromkeys(lines))


def _parameters(observations) -> dict[str, dict]:
    first: dict[str, dict] = {}
    for page in render.parameter_sets(observations):
        first.setdefault(page.notebook, page.parameters)
    return first


def _fastest(rounds: int, empty: Path, folder: Path, run) -> tuple[float, float]:
    """(fastest of `rounds` runs of `run`, fastest empty-notebook floor), run in turn."""
    floors, times = [], []
    for _ in range(rounds):
        floors.append(_execute(empty, folder, {"x": 2}))
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times), min(floors)


def notebook_seconds(rounds: int = 1) -> dict:
    """{"imports_of": [...], "pages": {name: {"kept", "fresh", "floor", "cells"} or {"error"}},
    "first_page": seconds}: per notebook, a page rendered in a kept kernel (papermill + HTML)
    and papermill alone in a fresh kernel, each against the empty-notebook floor; "imports
    only" is a notebook of every import line of the others, in a fresh kernel."""
    sources = sorted(render.NOTEBOOKS.glob("*.ipynb"))
    result = {"imports_of": import_lines(sources), "pages": {}, "first_page": float("nan")}
    if not sources:
        return result
    rounds = max(1, rounds)
    with tempfile.TemporaryDirectory() as tmp, _kernel_chatter_hidden(), PageKernel() as kernel:
        folder = Path(tmp)
        observations = load_observations("")
        data = folder / "observations.parquet"
        write_table(observations, data)  # as `analysis render` and `analysis extract` write it: stamped
        first = _parameters(observations)
        empty = _notebook(folder / "empty.ipynb", "")
        _execute(empty, folder, {"x": 2})  # the kernel's own imports come from disk once, for all alike
        pages = {source.stem: Page(source.stem, first.get(source.stem, {})) for source in sources}

        def kept(page: Page) -> None:
            render.render_page(page, folder / "kept", data=str(data), figures=folder / "figures", kernel=kernel)

        for name, page in pages.items():  # the worker's earlier pages: untimed
            started = time.perf_counter()
            try:
                kept(page)
            except render.RenderError as error:
                result["pages"][name] = {"error": f"error: {error}"[:160]}
            if name == sources[0].stem:
                result["first_page"] = time.perf_counter() - started
        for source in sources:
            name = source.stem
            if name in result["pages"]:
                continue
            declared = papermill.inspect_notebook(str(source))
            given = {"data": str(data), "figures": str(folder / "figures"), **pages[name].parameters}
            parameters = {k: v for k, v in given.items() if k in declared}
            try:
                seconds, floor = _fastest(rounds, empty, folder, lambda page=pages[name]: kept(page))
                fresh, fresh_floor = _fastest(rounds, empty, folder,
                                             lambda s=source, p=parameters: _execute(s, folder, p))
            except (render.RenderError, papermill.PapermillExecutionError) as error:
                result["pages"][name] = {"error": f"error: {error}"[:160]}
                continue
            result["pages"][name] = {"kept": seconds, "fresh": fresh, "floor": min(floor, fresh_floor),
                                     "cells": slowest_cells(folder / "kept" / f"{pages[name].name}.ipynb")}  # fmt: skip
        imports_only = _notebook(folder / "imports_only.ipynb", "\n".join(result["imports_of"]))
        seconds, floor = _fastest(rounds, empty, folder, lambda: _execute(imports_only, folder, {"x": 2}))
        result["pages"]["imports only"] = {"fresh": seconds, "floor": floor}
    return result


def _two_cores():
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) > REPORT_CORES:
        os.sched_setaffinity(0, cores[:REPORT_CORES])


def make_report() -> dict:
    """`make report` on the seeds, on at most two cores; the set-up (.venv) is brought up to
    date first, untimed. {"seconds", "cores", "pages"} or {"error"}."""
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=PROJECT, capture_output=True).returncode != 0:
        subprocess.run(["make", ".venv/.installed"], cwd=PROJECT, capture_output=True)
    started = time.perf_counter()
    done = subprocess.run(
        ["make", "report"], cwd=PROJECT, capture_output=True, text=True, preexec_fn=_two_cores
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        return {"error": f"exit {done.returncode}: {last}"[:160]}
    pages = [
        line.removeprefix("analysis: ") for line in done.stderr.splitlines() if "page(s) rendered" in line
    ]
    return {"seconds": seconds, "cores": min(REPORT_CORES, len(os.sched_getaffinity(0))),
            "pages": pages[-1].split(" into ")[0] if pages else ""}  # fmt: skip

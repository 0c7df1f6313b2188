"""Render time of each notebook against a papermill run of an empty notebook."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import papermill
from nbformat.v4 import new_code_cell, new_notebook

from analysis import render
from analysis.pages import load_observations

PROJECT = Path(__file__).resolve().parent.parent


def empty_notebook_seconds(folder: Path) -> float:
    notebook = new_notebook(cells=[new_code_cell("# Parameters\nx = 1", metadata={"tags": ["parameters"]})])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = folder / "empty.ipynb"
    nbformat.write(notebook, source)
    started = time.perf_counter()
    papermill.execute_notebook(str(source), str(folder / "empty.out.ipynb"), parameters={"x": 2},
                               progress_bar=False, kernel_name="python3")  # fmt: skip
    return time.perf_counter() - started


def notebook_seconds() -> tuple[float, dict[str, float]]:
    """(floor, {notebook: seconds}) with the first parameter set of each notebook."""
    observations = load_observations("")
    first = {}
    for page in render.parameter_sets(observations):
        first.setdefault(page.notebook, page)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "observations.parquet"
        observations.to_parquet(data, index=False)
        empty_notebook_seconds(folder)  # warm the kernel's imports once, for both sides alike
        floor = empty_notebook_seconds(folder)
        times = {}
        for name, page in first.items():
            # The same work as the floor: one papermill run (the HTML export is not timed).
            parameters = {**page.parameters, "data": str(data), "figures": str(folder / "figures")}
            started = time.perf_counter()
            papermill.execute_notebook(str(render.NOTEBOOKS / f"{name}.ipynb"), str(folder / f"{name}.ipynb"),
                                       parameters=parameters, cwd=str(render.NOTEBOOKS), progress_bar=False,
                                       kernel_name="python3")  # fmt: skip
            times[name] = time.perf_counter() - started
    return floor, times


def make_report_seconds() -> float:
    """The whole `make report` on the seeds (set-up already done)."""
    started = time.perf_counter()
    subprocess.run(["make", "report"], cwd=PROJECT, check=True, capture_output=True)
    return time.perf_counter() - started

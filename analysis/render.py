"""Notebooks -> HTML reports: papermill runs each parameter set, nbconvert exports it.

    python -m analysis render NOTEBOOK -p region 赣县区 -p period 2020   # one page
    python -m analysis render --all [--data data/indicators.parquet] [--show-code]

Every notebook is run for every parameter set that has data (`parameter_sets`)
into reports/, exported to HTML (code hidden unless --show-code), and linked
from reports/index.html. A notebook that fails is named with its parameters
and papermill's error; the others still render; the command then exits 1.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from . import compare
from .pages import PROJECT, cross_district_periods, figure_name, load_observations

NOTEBOOKS = PROJECT / "notebooks"
REPORTS = PROJECT / "reports"
FIGURES = PROJECT / "figures"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Page:
    """One notebook run: which notebook, with which parameters, described how."""

    notebook: str
    parameters: dict = field(default_factory=dict)
    description: str = ""

    @property
    def name(self) -> str:
        keys = [v for k, v in self.parameters.items() if k not in ("data", "figures", "lang")]
        keys = [Path(v).stem if isinstance(v, str) and v.endswith((".txt", ".html")) else v for v in keys]
        return figure_name(self.notebook, *[v for v in keys if not isinstance(v, list)])


def parameter_sets(observations, lang: str = "zh") -> list[Page]:
    """Every page that has data: each region and year with targets and outcomes,
    each year with two or more regions (targets; outcomes), each year with a
    region's and its parent's targets, and a walkthrough of each report."""
    facts = compare.facts(observations)
    pairs = compare.target_vs_actual(facts)
    pages = []
    met = pairs[pairs["outcome"].notna() & (pairs["measure"] == "growth")]
    for region, period in sorted(set(zip(met["region"], met["period"]))):
        pages.append(Page("target_vs_actual", {"region": region, "period": int(period), "lang": lang},
                          f"{region} {period}: targets against outcomes"))  # fmt: skip
    for kind in ("target", "outcome"):
        for period in cross_district_periods(facts, kind):
            pages.append(Page("cross_district", {"period": period, "kind": kind, "lang": lang},
                              f"{period}: {kind}s of every region side by side"))  # fmt: skip
    amplification = compare.amplification(facts)
    for period in sorted(set(amplification["period"])):
        pages.append(Page("targets_by_level", {"period": int(period), "lang": lang},
                          f"{period}: regions' targets against their parents'"))  # fmt: skip
    for doc in sorted(set(observations["doc"])):
        pages.append(Page("walkthrough", {"doc": doc, "lang": lang}, f"{doc}: from raw text to rows"))
    return pages


class RenderError(Exception):
    """A notebook that failed: one line naming it, its parameters and the error."""


def render_page(page: Page, out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
                figures: Path = FIGURES) -> Path:  # fmt: skip
    """Run one page's notebook with papermill and export it to HTML; returns the HTML path."""
    source = NOTEBOOKS / f"{page.notebook}.ipynb"
    if not source.is_file():
        valid = ", ".join(p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb")))
        raise RenderError(f"notebook {page.notebook!r} not in notebooks/; valid: {valid}")
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / f"{page.name}.ipynb"
    parameters = {**page.parameters, "data": data, "figures": str(figures)}
    try:
        papermill.execute_notebook(str(source), str(executed), parameters=parameters, cwd=str(NOTEBOOKS),
                                   progress_bar=False, kernel_name="python3")  # fmt: skip
    except papermill.PapermillExecutionError as error:
        shown = source.relative_to(PROJECT) if source.is_relative_to(PROJECT) else source
        raise RenderError(f"{shown} {_describe(page.parameters)}: "
                          f"{error.ename}: {error.evalue}") from None  # fmt: skip
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True)  # fmt: skip
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    target = out_dir / f"{page.name}.html"
    tmp = target.with_suffix(".html.part")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, target)
    return target


def _describe(parameters: dict) -> str:
    return "(" + ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in parameters.items()) + ")"


def render_all(pages: list[Page], out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
               jobs: int = 2, figures: Path = FIGURES, index: bool = True) -> list[str]:  # fmt: skip
    """Render every page (in `jobs` threads, each driving its own kernel) and, with
    `index`, write reports/index.html; returns the one-line errors of the pages that failed."""
    # papermill changes the working folder while a notebook runs: paths are made
    # absolute before any thread starts.
    out_dir, figures = Path(out_dir).resolve(), Path(figures).resolve()
    data = str(Path(data).resolve()) if data else ""
    errors, done = [], []

    def run(page: Page):
        try:
            return page, render_page(page, out_dir, show_code, data, figures), None
        except RenderError as error:
            return page, None, str(error)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool, tqdm(
        total=len(pages), desc="render", unit="page", file=sys.stderr
    ) as bar:
        for page, path, error in pool.map(run, pages):
            bar.update(1)
            if error:
                errors.append(error)
                tqdm.write(f"analysis: {error}", file=sys.stderr)
            else:
                done.append((page, path))
    if index:
        write_index(done, out_dir)
    return errors


def write_index(done: list[tuple[Page, Path]], out_dir: Path = REPORTS) -> Path:
    """reports/index.html: a link and a one-line description per page."""
    items = "\n".join(
        f'<li><a href="{html.escape(path.name, quote=True)}">{html.escape(page.name)}</a> — '
        f"{html.escape(page.description)}</li>"
        for page, path in done
    )
    index = out_dir / "index.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    index.write_text(
        "<!doctype html>\n<html lang='zh'><head><meta charset='utf-8'><title>Reports</title></head>\n"
        "<body><h1>Targets and outcomes of local-government reports</h1>\n"
        f"<ul>\n{items}\n</ul>\n</body></html>\n",
        encoding="utf-8",
    )
    return index


def _parse_parameter(value: str):
    """-p values: JSON when it parses (2020, ["gdp"], 0.5), else the plain string (赣县区)."""
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis render", description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", help="a notebook of notebooks/ (name without .ipynb)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    parser.add_argument("--all", action="store_true", help="every notebook for every parameter set with data")
    parser.add_argument("--data", default="", help="observations .csv/.parquet (default: extract seeds/)")
    parser.add_argument("--out", default=str(REPORTS), help="folder for the HTML (default: reports/)")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks at once")
    args = parser.parse_args(argv)
    if args.all == bool(args.notebook):
        parser.error("name one NOTEBOOK or give --all")
    out = Path(args.out)
    try:
        if args.all:
            pages = parameter_sets(load_observations(args.data))
        else:
            name = Path(args.notebook).stem
            pages = [Page(name, {k: _parse_parameter(v) for k, v in args.parameter}, f"{name} page")]
    except compare.ParameterError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return 2
    errors = render_all(pages, out, args.show_code, args.data, args.jobs, index=args.all)
    print(f"analysis: {len(pages) - len(errors)} page(s) rendered into {out}/, {len(errors)} failed",
          file=sys.stderr)  # fmt: skip
    return 1 if errors else 0

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
from .labels import check_lang
from .pages import PROJECT, cross_district_periods, figure_name, find_report, load_observations

NOTEBOOKS = PROJECT / "notebooks"
REPORTS = PROJECT / "reports"
FIGURES = PROJECT / "figures"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Parameters every notebook may take that say where things are, not what the page shows.
PLACES = ("data", "figures")
HEADINGS = {
    "target_vs_actual": "Targets against outcomes",
    "cross_district": "Regions side by side",
    "targets_by_level": "Targets across levels",
    "walkthrough": "From a report to rows (teaching)",
}


@dataclass
class Page:
    """One notebook run: which notebook, with which parameters, described how."""

    notebook: str
    parameters: dict = field(default_factory=dict)
    description: str = ""

    @property
    def name(self) -> str:
        """A stable ASCII name from what the page shows: target_vs_actual_ganxianqu_2020."""
        keys = [v for k, v in self.parameters.items() if k not in (*PLACES, "lang")]
        keys = [Path(v).stem if isinstance(v, str) and v.endswith((".txt", ".html")) else v for v in keys]
        keys = [v for v in keys if not isinstance(v, (list, dict))]
        lang = self.parameters.get("lang", "zh")  # checked by the notebook, not here
        return figure_name(self.notebook, *keys, *([lang] if lang != "zh" else []))


def parameter_sets(observations, lang: str = "zh") -> list[Page]:
    """Every page that has data: each region and year with growth targets and their outcomes,
    each year with figures of two or more regions (targets; outcomes), each year with a
    region's and its parent's targets, and a walkthrough of each report that can be found."""
    check_lang(lang)
    facts = compare.facts(observations)
    pages = []
    pairs = compare.target_vs_actual(facts)
    pairs = pairs[pairs["outcome"].notna() & pairs["target"].notna() & (pairs["measure"] == "growth")]
    for region, period in sorted(set(zip(pairs["region"], pairs["period"]))):
        pages.append(Page("target_vs_actual", {"region": region, "period": int(period), "lang": lang},
                          f"{region}, {period}: growth targets against outcomes, met or missed"))  # fmt: skip
    for kind in ("target", "outcome"):
        for period in cross_district_periods(facts, kind):
            rows = facts[facts["period"] == period]
            rows = rows[(rows["kind"] == "target") == (kind == "target")]
            regions = "、".join(sorted(set(rows["region"])))
            pages.append(Page("cross_district", {"period": period, "kind": kind, "lang": lang},
                              f"{period}: the {kind}s of {regions} side by side"))  # fmt: skip
    amplification = compare.amplification(facts)
    for period in sorted(set(amplification["period"])):
        rows = amplification[amplification["period"] == period]
        pairs_named = "; ".join(sorted({f"{r} against {p}" for r, p in zip(rows["region"], rows["parent_region"])}))
        pages.append(Page("targets_by_level", {"period": int(period), "lang": lang},
                          f"{period}: targets of {pairs_named}"))  # fmt: skip
    for doc in sorted(set(observations["doc"])):
        try:
            find_report(doc)
        except compare.ParameterError:
            continue  # the table names a report this project does not hold: nothing to walk through
        pages.append(Page("walkthrough", {"doc": doc, "lang": lang}, f"{doc}: from the raw text to rows"))
    return pages


class RenderError(Exception):
    """A notebook that failed: one line naming it, its parameters and the error."""


def render_page(page: Page, out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
                figures: Path = FIGURES) -> Path:  # fmt: skip
    """Run one page's notebook with papermill and export it to HTML; returns the HTML path."""
    source = NOTEBOOKS / f"{page.notebook}.ipynb"
    shown = source.relative_to(PROJECT) if source.is_relative_to(PROJECT) else source
    if not source.is_file():
        valid = ", ".join(p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb")))
        raise RenderError(f"notebook {page.notebook!r} not in notebooks/; valid: {valid}")
    declared = papermill.inspect_notebook(str(source))
    unknown = [name for name in page.parameters if name not in declared]
    if unknown:
        raise RenderError(f"{shown} {_describe(page.parameters)}: parameter {unknown[0]!r} not in the "
                          f"notebook; valid: {', '.join(declared)}")  # fmt: skip
    places = {"data": data, "figures": str(figures)}
    parameters = {**{k: v for k, v in places.items() if k in declared}, **page.parameters}
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / f"{page.name}.ipynb"
    try:
        # The kernel's own log (ipykernel's start-up notices) would break into the progress bar.
        papermill.execute_notebook(str(source), str(executed), parameters=parameters, cwd=str(NOTEBOOKS),
                                   progress_bar=False, kernel_name="python3",
                                   extra_arguments=["--IPKernelApp.log_level=CRITICAL"])  # fmt: skip
    except papermill.PapermillExecutionError as error:
        raise RenderError(f"{shown} {_describe(page.parameters)}: {error.ename}: {error.evalue}") from None
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True)  # fmt: skip
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    return _write(out_dir / f"{page.name}.html", body)


def render_notebook(notebook: str, parameters: dict, out_dir: Path = REPORTS, show_code: bool = False,
                    data: str = "", figures: Path = FIGURES) -> Path:  # fmt: skip
    """One notebook with the given parameters -> reports/<name>.html (see render_page)."""
    return render_page(Page(Path(notebook).stem, dict(parameters)), Path(out_dir), show_code, data, figures)


def _write(target: Path, text: str) -> Path:
    """Write a file whole or not at all."""
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def _describe(parameters: dict) -> str:
    return "(" + ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in parameters.items()) + ")"


def render_all(pages: list[Page], out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
               jobs: int = 2, figures: Path = FIGURES, index: bool = True) -> list[str]:  # fmt: skip
    """Render every page (in `jobs` threads, each driving its own kernel) and, with `index`,
    write reports/index.html; returns the one-line errors of the pages that failed."""
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


_STYLE = ("body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;max-width:52rem;margin:2rem auto;"
          "padding:0 1rem;line-height:1.6;color:#222}h2{margin-top:1.6rem;font-size:1.15rem}"
          "li{margin:.25rem 0}a{color:#2166ac}")  # fmt: skip


def write_index(done: list[tuple[Page, Path]], out_dir: Path = REPORTS) -> Path:
    """reports/index.html: the pages under their notebook's heading, each a link and a
    one-line description. Every name and description is escaped."""
    sections = []
    for notebook in dict.fromkeys(page.notebook for page, _ in done):
        items = "\n".join(
            f'<li><a href="{html.escape(path.name, quote=True)}">{html.escape(page.name)}</a>: '
            f"{html.escape(page.description)}</li>"
            for page, path in done if page.notebook == notebook
        )  # fmt: skip
        heading = html.escape(HEADINGS.get(notebook, notebook))
        sections.append(f"<h2>{heading}</h2>\n<ul>\n{items}\n</ul>")
    body = "\n".join(sections) or "<p>No page was rendered.</p>"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _write(out_dir / "index.html", (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Targets and outcomes of local-government reports</title><style>{_STYLE}</style></head>\n"
        "<body><h1>Targets and outcomes of local-government reports</h1>\n"
        "<p>Each page is a notebook of <code>notebooks/</code> run on the extracted table "
        "(<code>make report</code>).</p>\n"
        f"{body}\n</body></html>\n"
    ))  # fmt: skip


def _parse_parameter(value: str):
    """-p values: JSON when it parses (2020, ["gdp"], 0.5), else the plain string (赣县区)."""
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def cli(argv: list[str]) -> int:
    """`python -m analysis render ...` (argv after "render"); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m analysis render", description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", help="a notebook of notebooks/ (its name, with or without .ipynb)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a parameter of the notebook; VALUE is JSON (2020, [\"gdp\"]) or plain text")
    parser.add_argument("--all", action="store_true", help="every notebook for every parameter set with data")
    parser.add_argument("--data", default="", help="observations .csv/.parquet (default: extract seeds/)")
    parser.add_argument("--out", default=str(REPORTS), help="folder for the HTML (default: reports/)")
    parser.add_argument("--figures", default=str(FIGURES), help="folder for PNG and SVG (default: figures/)")
    parser.add_argument("--lang", default="zh", help="language of the labels with --all: zh or en")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks at once")
    args = parser.parse_args(argv)
    if args.all == bool(args.notebook):
        parser.error("name one NOTEBOOK or give --all")
    out = Path(args.out)
    try:
        if args.all:
            pages = parameter_sets(load_observations(args.data), lang=args.lang)
        else:
            name = Path(args.notebook).stem
            parameters = {k: _parse_parameter(v) for k, v in args.parameter}
            pages = [Page(name, parameters, f"{name} {_describe(parameters)}")]
    except compare.ParameterError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return 2
    errors = render_all(pages, out, args.show_code, args.data, args.jobs, Path(args.figures), index=args.all)
    print(f"analysis: {len(pages) - len(errors)} page(s) rendered into {out}/, {len(errors)} failed",
          file=sys.stderr)  # fmt: skip
    return 1 if errors else 0

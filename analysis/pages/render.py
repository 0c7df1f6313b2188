"""Notebooks -> HTML reports: papermill runs each parameter set, nbconvert exports it.

    python -m analysis render NOTEBOOK -p region 赣县区 -p period 2020   # one page
    python -m analysis render --all [--data data/indicators.parquet] [--show-code]
    python -m analysis render --all --reports seeds more/reports [--data data/indicators.parquet]

Every notebook is run for every parameter set that has data (`parameter_sets`)
into reports/, exported to HTML (code hidden unless --show-code), and linked
from reports/index.html. A notebook that fails is named with its parameters
and papermill's error; the others still render; the command then exits 1.
With --reports the table is read from those folders of reports (each with the
manifest.csv inside it, if any) and written to --data (a temporary file if none).

Each of the --jobs workers keeps one kernel for all its pages (`PageKernel`):
imports, fonts and the table are loaded once per worker, not once per page, and
each page still starts from an empty namespace. --fresh-kernels starts a new
kernel for every page instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import papermill
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbconvert import HTMLExporter
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from tqdm import tqdm

from ..errors import ParameterError
from ..reading.outputs import discard, publish, remove_stale_in, temporary
from ..reading.paths import shown
from .index import REPORTS, REVIEW_PAGE, Page, parameter_sets, write_whole
from .index_page import write_index
from .load import PROJECT, load_observations, read_folders_and_unparsed
from .review import write_review
from .webpage import arrange, finish, report_links

NOTEBOOKS = PROJECT / "notebooks"
# A page's PNG and SVG go beside the pages; figures/ holds only the README's, written by
# `make figures` and `make national` (--figures figures), so that no other run changes them.
FIGURES = REPORTS / "figures"
TEMPLATES = Path(__file__).resolve().parent / "templates"


class RenderError(Exception):
    """A notebook that failed: one line naming it, its parameters and the error."""


KERNEL = "python3"
# The kernel's own log (ipykernel's start-up notices) would break into the progress bar.
QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]
# Run in the kernel before a page: the working folder is the notebooks' again, the namespace
# of the page before is emptied and the execution count starts again at 1; imported modules
# stay, which is the point.
FRESH_NAMESPACE = """\
import os as _os, sys as _sys
_os.chdir({folder!r})
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
get_ipython().reset(new_session=True)
"""


class _KeptKernelEngine(NBClientEngine):
    """papermill's nbclient engine on a kernel that outlives the notebook: before the first cell
    the kernel goes back to `kernel_folder` and its namespace is emptied (FRESH_NAMESPACE);
    afterwards only the client's channels are closed."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, km=None,
                                 kernel_folder=".", **_):  # fmt: skip
        client = PapermillNotebookClient(nb_man, km=km, kernel_name=kernel_name, log=logging.getLogger("papermill"),
                                         log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file,
                                         startup_timeout=start_timeout, timeout=execution_timeout)  # fmt: skip

        async def fresh_namespace(notebook):
            reply = await client.kc.execute_interactive(FRESH_NAMESPACE.format(folder=str(kernel_folder)),
                                                        silent=True, store_history=False, timeout=start_timeout)  # fmt: skip
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the kernel could not empty its namespace: {reply['content'].get('evalue')}")

        client.on_notebook_start = fresh_namespace
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()


KEPT_KERNEL_ENGINE = "analysis-kept-kernel"
papermill_engines.register(KEPT_KERNEL_ENGINE, _KeptKernelEngine)


class PageKernel:
    """A kernel that runs page after page in the notebooks' folder, started on first use and
    again if it dies; `fresh` starts one for each page. Owned by one thread: it is started,
    used and shut down there (its sockets belong to that thread's event loop)."""

    def __init__(self, fresh: bool = False):
        self.fresh = fresh
        self.manager: AsyncKernelManager | None = None

    def run(self, source: Path, executed: Path, parameters: dict) -> None:
        if self.manager is None or not run_sync(self.manager.is_alive)():
            self.close()
            manager = AsyncKernelManager(kernel_name=KERNEL)
            run_sync(manager.start_kernel)(cwd=str(NOTEBOOKS), extra_arguments=QUIET_KERNEL)
            self.manager = manager
        try:
            papermill.execute_notebook(str(source), str(executed), parameters=parameters, progress_bar=False,
                                       kernel_name=KERNEL, engine_name=KEPT_KERNEL_ENGINE, km=self.manager,
                                       kernel_folder=NOTEBOOKS, request_save_on_cell_execute=False)  # fmt: skip
        finally:
            if self.fresh:
                self.close()

    def close(self) -> None:
        manager, self.manager = self.manager, None
        if manager is not None:
            try:
                run_sync(manager.shutdown_kernel)(now=True)
            except Exception as error:  # a kernel that is already gone: nothing to stop
                logging.getLogger(__name__).debug("kernel shutdown: %s", error)

    def __enter__(self) -> PageKernel:
        return self

    def __exit__(self, *_) -> None:
        self.close()


def render_page(page: Page, out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
                figures: Path = FIGURES, kernel: PageKernel | None = None,
                sources: dict[str, str] | None = None) -> Path:  # fmt: skip
    """Run one page's notebook with papermill and export it to HTML (`webpage`: its header
    first, its font embedded, the reports it cites linked through `sources`); returns the HTML
    path. `kernel` is the kernel to run it in (default: one started for this page)."""
    source = NOTEBOOKS / f"{page.notebook}.ipynb"
    where = source.relative_to(PROJECT) if source.is_relative_to(PROJECT) else source
    if not source.is_file():
        valid = ", ".join(p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb")))
        raise RenderError(f"notebook {page.notebook!r} not in notebooks/; valid: {valid}")
    declared = papermill.inspect_notebook(str(source))
    unknown = [name for name in page.parameters if name not in declared]
    if unknown:
        raise RenderError(f"{where} {_describe(page.parameters)}: parameter {unknown[0]!r} not in the "
                          f"notebook; valid: {', '.join(declared)}")  # fmt: skip
    places = {"data": data, "figures": str(figures)}
    parameters = {**{k: v for k, v in places.items() if k in declared}, **page.parameters}
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = temporary(out_dir / f"{page.name}.ipynb", ".part.ipynb")  # the notebook once it ran through
    try:
        body, head = _run_and_export(page, source, executed, parameters, kernel, show_code)
    except BaseException:
        discard(executed)  # a failed page leaves no notebook behind
        raise
    publish(executed, out_dir / f"{page.name}.ipynb")
    if head:
        page.title, page.lang = head
    return write_whole(out_dir / f"{page.name}.html", finish(body, sources))


def _run_and_export(page: Page, source: Path, executed: Path, parameters: dict, kernel: PageKernel | None,
                    show_code: bool) -> tuple[str, tuple[str, str] | None]:  # fmt: skip
    """Run the notebook into `executed`, return its HTML and the (title, lang) of its header; a
    RenderError of one line if it fails."""
    where = source.relative_to(PROJECT) if source.is_relative_to(PROJECT) else source
    try:
        if kernel is None:
            with PageKernel(fresh=True) as kernel:
                kernel.run(source, executed, parameters)
        else:
            kernel.run(source, executed, parameters)
    except papermill.PapermillExecutionError as error:
        raise RenderError(f"{where} {_describe(page.parameters)}: {error.ename}: {error.evalue}") from None
    except DeadKernelError:
        raise RenderError(f"{where} {_describe(page.parameters)}: the kernel died (out of memory?)") from None
    notebook = nbformat.read(executed, as_version=4)
    head = arrange(notebook)
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True, language_code=head[1].split("-")[0] if head else "en")  # fmt: skip
    body, _ = exporter.from_notebook_node(notebook)
    if head and head[1] != head[1].split("-")[0]:  # nbconvert takes ISO 639-1 only (zh): the script too (zh-Hans)
        body = body.replace(f'<html lang="{head[1].split("-")[0]}">', f'<html lang="{head[1]}">', 1)
    return body, head


def render_notebook(notebook: str, parameters: dict, out_dir: Path = REPORTS, show_code: bool = False,
                    data: str = "", figures: Path = FIGURES) -> Path:  # fmt: skip
    """One notebook with the given parameters -> reports/<name>.html (see render_page)."""
    return render_page(Page(Path(notebook).stem, dict(parameters)), Path(out_dir), show_code, data, figures)


def _describe(parameters: dict) -> str:
    return "(" + ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in parameters.items()) + ")"


def render_all(pages: list[Page], out_dir: Path = REPORTS, show_code: bool = False, data: str = "",
               jobs: int = 2, figures: Path = FIGURES, index: bool = True,
               fresh_kernels: bool = False, folders=(), downloads=(), lang: str = "zh") -> list[str]:  # fmt: skip
    """Render every page in `jobs` workers, each with its own kernel (a new one per page with
    `fresh_kernels`), and, with `index`, write reports/index.html; returns the one-line
    errors of the pages that failed, in the order of the pages. `folders` are the folders of
    reports the data was read from: the pages link the reports they cite to their files;
    `downloads` the data files the index links, `lang` the index's language."""
    # Kernels run in the notebooks' folder: paths given relative to this one are made absolute.
    out_dir, figures = Path(out_dir).resolve(), Path(figures).resolve()
    remove_stale_in(out_dir)  # what a render killed outright left behind
    data = str(Path(data).resolve()) if data else ""
    sources = report_links(folders, out_dir) if folders else None
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for item in enumerate(pages):
        todo.put(item)
    finished: queue.SimpleQueue = queue.SimpleQueue()

    def work() -> None:
        with PageKernel(fresh=fresh_kernels) as kernel:
            while True:
                try:
                    number, page = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    finished.put((number, render_page(page, out_dir, show_code, data, figures, kernel, sources), None))
                except RenderError as error:
                    finished.put((number, None, str(error)))
                except Exception as error:  # a kernel that cannot start, a disk that is full: named, not fatal
                    message = str(error).splitlines()[0] if str(error) else ""
                    finished.put((number, None, f"{page.notebook} {_describe(page.parameters)}: "
                                                f"{type(error).__name__}: {message}"))  # fmt: skip

    from ..reading.corpus import available_cores  # threads, each with a kernel: no more than the cores

    workers = [threading.Thread(target=work, daemon=True) for _ in range(max(1, min(jobs, len(pages), available_cores())))]
    for worker in workers:
        worker.start()
    results: dict[int, tuple] = {}
    # A bar only on a terminal: in a log its carriage returns would be noise (as for extract).
    with tqdm(total=len(pages), desc="render", unit="page", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        for _ in pages:
            number, path, error = finished.get()
            results[number] = (path, error)
            bar.update(1)
            if error:
                tqdm.write(f"analysis: {shown(error)}", file=sys.stderr)
    for worker in workers:
        worker.join()
    done = [(page, results[n][0]) for n, page in enumerate(pages) if results[n][1] is None]
    if index:
        write_index(done, out_dir, review=(out_dir / REVIEW_PAGE).is_file(), data=data, downloads=downloads, lang=lang)
    return [results[n][1] for n in range(len(pages)) if results[n][1] is not None]


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
    parser.add_argument("--data", action="append", default=[],
                        help="observations .csv/.parquet (default: extract seeds/); with --reports, where the "
                        "table read from them is written (repeat for several files; .dta and .xlsx too)")  # fmt: skip
    parser.add_argument("--reports", nargs="+", metavar="FOLDER",
                        help="folders of reports to read (each with the manifest.csv inside it, if any)")  # fmt: skip
    parser.add_argument("--corrections", help="with --reports: a corrections file applied to the rows (default: "
                        "the corrections.csv inside each folder, where there is one)")  # fmt: skip
    parser.add_argument("--out", default=str(REPORTS), help="folder for the HTML (default: reports/)")
    parser.add_argument("--figures", default=str(FIGURES), help="folder for PNG and SVG (default: reports/figures/; "
                        "figures/ holds the README's, written by make figures and make national)")  # fmt: skip
    parser.add_argument("--lang", default="zh", help="language of the labels with --all: zh or en")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML")
    parser.add_argument("--jobs", default=str(min(2, os.cpu_count() or 1)),
                        help="notebooks at once (never more than the cores or the pages)")  # fmt: skip
    parser.add_argument("--fresh-kernels", action="store_true",
                        help="a new kernel for every page (default: one kernel per job, reused)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.all == bool(args.notebook):
        parser.error("name one NOTEBOOK or give --all")
    if args.corrections and not args.reports:
        parser.error("--corrections applies to the reports read with --reports")
    from ..reading.corpus import worker_count

    try:
        args.jobs = worker_count(args.jobs)
    except ValueError as error:
        print(f"analysis: {shown(error)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    named = bool(args.data)  # data files the user named (not a scratch file) are linked from the index
    with tempfile.TemporaryDirectory(prefix="analysis-render-") as scratch:
        try:
            observations, unparsed = None, None
            data = _data_files(args.data, more=bool(args.reports))  # bad names stop before the folders are read
            if args.reports:
                observations, unparsed = read_report_folders(args.reports, args.corrections)
                data = [str(write_table(observations, path)) for path in data or [Path(scratch) / "indicators.parquet"]]
            args.data = data[0] if data else ""
            if args.all:
                observations = load_observations(args.data) if observations is None else observations
                pages = parameter_sets(observations, lang=args.lang, folders=args.reports or ())
                write_review(observations, out / REVIEW_PAGE, unparsed)
            else:
                name = Path(args.notebook).stem
                parameters = {k: _parse_parameter(v) for k, v in args.parameter}
                pages = [Page(name, parameters, f"{name} {_describe(parameters)}")]
        except (ParameterError, OSError) as error:
            print(f"analysis: {shown(error)}", file=sys.stderr)
            return 2
        errors = render_all(pages, out, args.show_code, args.data, args.jobs, Path(args.figures), index=args.all,
                            fresh_kernels=args.fresh_kernels, folders=args.reports or (), downloads=data if named else (),
                            lang=args.lang)  # fmt: skip
    print(f"analysis: {len(pages) - len(errors)} page(s) rendered into {out}/, {len(errors)} failed",
          file=sys.stderr)  # fmt: skip
    return 1 if errors else 0


def read_report_folders(folders, corrections=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table of every report in the folders (`pages.read_folders`), corrections applied, and
    the sentences that gave no row; each file that could not be read and each correction that
    matched no row named on stderr, and one line of what was read."""
    from ..reading.files import expand_paths

    files = expand_paths(folders) if all(Path(f).is_dir() for f in folders) else []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table, unparsed = read_folders_and_unparsed(folders, jobs=(os.cpu_count() or 1) if len(files) > 40 else 1,
                                                    corrections=corrections)  # fmt: skip
    for warning in caught:
        print(f"analysis: {shown(warning.message)}", file=sys.stderr)
    done = table.attrs["corrections"]
    applied = f", {done['applied']} correction(s) applied, {len(done['unmatched'])} unmatched" if (
        done["applied"] or done["unmatched"]) else ""  # fmt: skip
    print(f"analysis: {table['doc'].nunique()} report(s) read from {', '.join(map(shown, folders))}, "
          f"{len(table.attrs['unreadable'])} could not be read, {len(table)} rows{applied}", file=sys.stderr)  # fmt: skip
    return table, unparsed


def write_table(table, path) -> Path:
    """The table written to `path` (.csv, .parquet, .dta or .xlsx), whole or not at all."""
    from ..reading.corpus import write_table as write

    return write(table, Path(path))


def _data_files(names: list[str], more: bool) -> list[str]:
    """The --data files, the one the pages read first: a .csv or .parquet; with --reports,
    also .dta and .xlsx files the table is written to."""
    first = sorted(names, key=lambda name: Path(name).suffix.lower() not in (".csv", ".parquet"))
    if first:
        _table_file(first[0])
    if len(first) > 1 and not more:
        raise ParameterError(f"data {first[1]!r}: one file is read; several are written only with --reports")
    for name in first[1:]:
        if Path(name).suffix.lower() not in (".csv", ".parquet", ".dta", ".xlsx"):
            raise ParameterError(f"data {name!r} is not a .csv, .parquet, .dta or .xlsx file name")
    return first


def _table_file(path) -> Path:
    if Path(path).suffix.lower() not in (".csv", ".parquet"):
        raise ParameterError(f"data {str(path)!r} is not a .csv or .parquet file name; valid: "
                                     "e.g. data/indicators.parquet")  # fmt: skip
    return Path(path)

"""Command line: a thin wrapper over the library.

    python -m analysis extract PATH... [--manifest M] [--corrections C] -o OUT.csv [-o OUT.parquet|.dta|.xlsx]
                               [--unparsed U.csv] [--jobs N] [--summary | --quiet] [--strict]
    python -m analysis codebook [-o codebook.md|codebook.csv]
    python -m analysis review DATA... -o review.html [--unparsed U.csv] [--corrections C] [--doc D] [--check C]
    python -m analysis render NOTEBOOK -p NAME VALUE ...   (see analysis/pages/render.py)
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from .compare.checked import Gathered, corrections_of, finish, named_manifest
from .errors import Terminated, interruption
from .reading.corpus import (
    TableWriter,
    available_cores,
    held_interrupts,
    interrupt_later,
    iter_extractions,
    worker_count,
)
from .reading.corrections import CorrectionsError
from .reading.manifest import ManifestError, folder_manifests, load_manifest, manifest_files
from .reading.metadata import evidence_strength
from .reading.outputs import OutputError, check_outputs, write_whole
from .reading.paths import list_reports, shown

# Exit statuses of `extract`, for scripts and cron jobs (also in README.md).
EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_REFUSED, EXIT_UNWRITTEN = 0, 1, 2, 3, 4
EXIT_STATUSES = """exit status:
  0    the reports were read and the outputs written (files that could not be read are named
       on stderr, one line each)
  1    no report could be read: the outputs are left as they were
  2    bad arguments, manifest, corrections file or output location (nothing is written)
  3    with --strict: some file could not be read (the others are read and written)
  4    an output could not be written (its format cannot hold the table, or the disk is full):
       it is named on stderr and left as it was; the other outputs are written
  130  interrupted (Ctrl-C; 143 for SIGTERM): the outputs are left as they were"""


def _extract_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("extract", help="read reports into the tidy table", epilog=EXIT_STATUSES,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Read reports (.txt, .html, .pdf, .docx, or folders of them) into "
                                   "the tidy table of headline figures.")  # fmt: skip
    p.add_argument("paths", nargs="+", help="report files, or folders of .txt/.html/.pdf/.docx files")
    p.add_argument("-o", "--output", action="append", required=True,
                   help="output .csv, .parquet, .dta (Stata) or .xlsx (Excel); repeat for several")  # fmt: skip
    p.add_argument("--manifest", help="CSV with a 'file' column and metadata the user knows (default: the "
                   "manifest.csv inside each folder named, where there is one)")  # fmt: skip
    p.add_argument("--corrections", help="CSV of a reviewer's decisions (row_id, action, column, value, note: "
                   "drop, set, confirm, add) applied to the rows (default: the corrections.csv inside each "
                   "folder named, where there is one)")  # fmt: skip
    p.add_argument("--unparsed", help="CSV listing sentences that name an indicator and a number "
                   "but yielded no row")  # fmt: skip
    p.add_argument("--jobs", default=str(available_cores()),
                   help="worker processes (default: all cores; never more than the cores or the files)")  # fmt: skip
    p.add_argument("--csv-escape-formulas", action="store_true",
                   help="put ' before CSV cells that begin with = + - @ (a spreadsheet would run them as formulas; "
                   "OWASP's advice); off by default, so that pandas, R and Stata read every cell as written")  # fmt: skip
    p.add_argument("--summary", action="store_true", help="print rows per report (on stdout)")
    progress = p.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true",
                          help="show the progress bar (default: only when stderr is a terminal)")  # fmt: skip
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="hide the progress bar")
    p.set_defaults(progress=None)
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only errors: no progress bar, no closing count")  # fmt: skip
    p.add_argument("--strict", action="store_true", help="exit 3 if any file could not be read")
    return p


def _codebook_parser(sub) -> None:
    p = sub.add_parser("codebook", help="write the codebook: columns, indicators, vocabularies",
                       description="The table's columns, indicator ids (Chinese and English names, "
                                   "standard units) and vocabularies, from the library's definitions.")  # fmt: skip
    p.add_argument("-o", "--output", help="codebook.md or codebook.csv (default: Markdown on stdout)")


def _review_parser(sub) -> None:
    p = sub.add_parser("review", help="write the review page: the rows to look at again, report by report",
                       description="The rows with checks, report by report, each with its evidence and the lines "
                                   "to paste into corrections.csv; then the sentences that gave no row.")  # fmt: skip
    p.add_argument("data", nargs="+", help="a table made by extract (.csv or .parquet), or folders of reports")
    p.add_argument("-o", "--output", required=True, help="the page to write, e.g. review.html")
    p.add_argument("--unparsed", help="with a table: the CSV its `extract --unparsed` wrote (folders: read anew)")
    p.add_argument("--corrections", help="with folders: a corrections file (default: the corrections.csv inside "
                   "each folder, where there is one)")  # fmt: skip
    p.add_argument("--doc", default="", help="only this report (its file name)")
    p.add_argument("--check", default="", help="only the rows with this check (conflict, implausible, ...)")


def run_review(args) -> int:
    import warnings

    from .errors import ParameterError
    from .pages.review import load_review, write_review

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            table, unparsed = load_review(args.data, args.unparsed, args.corrections)
        for warning in caught:
            _tell(warning.message)
        path = write_review(table, args.output, unparsed, doc=args.doc, check=args.check)
    except (ParameterError, OSError) as error:
        _tell(error)
        return EXIT_USAGE
    flagged = int((table["checks"] != "").sum())
    _tell(f"{flagged} of {len(table)} rows carry a check, {len(unparsed)} sentence(s) gave no row: {path}")
    return EXIT_OK


def run_codebook(args) -> int:
    from .codebook import to_markdown, write_codebook

    if args.output is None:
        sys.stdout.write(to_markdown())
        return EXIT_OK
    try:
        write_codebook(args.output)
    except ValueError as error:
        print(f"analysis: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_extract(args) -> int:
    try:
        jobs = worker_count(args.jobs)
        manifest = load_manifest(args.manifest) if args.manifest else folder_manifests(args.paths)
        corrections = corrections_of(args.paths, args.corrections)
        consulted = manifest_files(args.paths, args.manifest)
        check_outputs(args.output, args.unparsed, consulted)
        writers = _open_writers(args.output, args.csv_escape_formulas)
    except (ManifestError, CorrectionsError, OutputError, ValueError) as error:
        _tell(error)
        return EXIT_USAGE
    listing = list_reports(args.paths)
    for line in listing.problems + listing.notices:
        _tell(line)
    summary = _Summary(args.summary)
    read, failed, started = 0, len(listing.problems), time.perf_counter()
    broken: dict[TableWriter, str] = {}  # outputs that could not be written, and why
    # A bar only where someone watches: on a terminal, or when asked. In a log file its
    # carriage returns would be noise. Messages go through tqdm.write, above the bar.
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and not args.quiet)
    bar = tqdm(total=sum(map(_size, listing.files)), unit="B", unit_scale=True, desc="extract", disable=not show,
               file=sys.stderr)  # fmt: skip
    gathered = Gathered()  # the rows, gathered: the corrections and the checks need the whole table
    try:
        with contextlib.closing(iter_extractions(listing, manifest, jobs)) as outcomes:
            for outcome in outcomes:
                with held_interrupts():  # (a signal stops the run between two reports)
                    bar.update(outcome.size)
                    bar.set_postfix(files=f"{read + failed + 1 - len(listing.problems)}/{len(listing.files)}")
                    gathered.add(outcome)
                    if outcome.extraction is None:
                        failed += 1
                        _tell(named_manifest(outcome.error, outcome.path, consulted, manifest))
                        continue
                    read += 1
                    summary.say(_summary_line(outcome.extraction))
        bar.close()
        table, applied = finish(gathered, corrections)
        _write_rows(writers, broken, table)
    except CorrectionsError as error:  # evidence of an add that is not in its report: nothing is written
        for writer in writers:
            writer.abort()
        _tell(error)
        return EXIT_USAGE
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        bar.close()
        gathered.close()
    for line in applied.unmatched:
        _tell(line)
    rejected = gathered.rejected
    for problem in rejected:
        _tell(problem)
    failed, read = failed + len(rejected), read - len(rejected)
    for line in manifest.unmatched():
        _tell(line)
    if not read:
        for writer in writers:
            writer.abort()
        _tell("no report could be read: the outputs are left as they were")
    else:
        _each_writer(writers, broken, TableWriter.close)
        if args.unparsed:
            _write_unparsed(args.unparsed, gathered.unparsed, args.csv_escape_formulas, broken)
    if corrections:
        summary.say(_corrections_line(applied))
    if not args.quiet:
        counted = f"{_corrections_line(applied)}, " if corrections else ""
        _tell(f"{read} report(s) read, {failed} could not be read, {len(table)} rows, "
              f"{len(gathered.unparsed)} unparsed sentence(s), {counted}{time.perf_counter() - started:.1f}s")  # fmt: skip
    if not read:
        return EXIT_NOTHING_READ
    if broken:
        return EXIT_UNWRITTEN
    return EXIT_REFUSED if args.strict and failed else EXIT_OK


# Rows written to the outputs at a time: each batch is checked and converted on its own.
WRITE_ROWS = 5_000


def _write_rows(writers, broken: dict, table) -> None:
    """The finished table written to every output, a batch of rows at a time (the outputs are
    made visible on close)."""
    for start in range(0, len(table), WRITE_ROWS):
        _each_writer(writers, broken, TableWriter.write, table.iloc[start : start + WRITE_ROWS])


def _corrections_line(applied) -> str:
    return f"{applied.applied} correction(s) applied, {len(applied.unmatched)} unmatched"


def _tell(message) -> None:
    """One line on stderr, above the progress bar; control characters escaped (a newline in a
    file name cannot split the line or forge another)."""
    with held_interrupts():  # (tqdm writes under a lock)
        tqdm.write(f"analysis: {shown(message)}", file=sys.stderr)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _open_writers(outputs, escape_formulas: bool) -> list[TableWriter]:
    """A writer per output; none is left behind (no .part file) if one cannot be opened."""
    writers: list[TableWriter] = []
    try:
        for path in outputs:
            writers.append(TableWriter(path, escape_formulas=escape_formulas))
    except BaseException as error:
        for writer in writers:
            writer.abort()
        if isinstance(error, OSError):
            raise OutputError(f"{shown(path)}: cannot be written ({error.strerror or error})") from None
        raise
    return writers


def _each_writer(writers, broken: dict, action, *args) -> None:
    """`action(writer, *args)` for each output still written; an output that cannot be written (disk
    full; a format that cannot hold the table) is named once and left as it was, and the
    others go on."""
    for writer in writers:
        if writer in broken:
            continue
        try:
            action(writer, *args)
        except (OSError, ValueError) as error:
            broken[writer] = str(error) if isinstance(error, ValueError) else \
                f"{shown(writer.path)}: cannot be written ({error.strerror or error})"  # fmt: skip
            writer.abort()
            _tell(broken[writer])


class _Summary:
    """--summary's lines on stdout. A reader that stops early (`| head`) ends the summary, not
    the run: the outputs are still written."""

    def __init__(self, on: bool):
        self.on = on

    def say(self, line: str) -> None:
        if not self.on:
            return
        try:
            with held_interrupts():  # (tqdm writes under a lock)
                tqdm.write(shown(line), file=sys.stdout)
                sys.stdout.flush()
        except BrokenPipeError:
            self.on = False
            _stdout_to_devnull()
            _tell("--summary: standard output was closed; the outputs are still written")


def _stdout_to_devnull() -> None:
    """What is left in stdout's buffer goes nowhere, instead of failing again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


# Evidence a reader should check before trusting a report's region or year (ReportMeta.weak_fields).
_STRENGTH_NOTES = {"weak": " (weak evidence)", "last resort": " (evidence of last resort)"}


def _summary_line(extraction) -> str:
    """One report's metadata, what decided it, and its rows by kind."""
    meta, rows = extraction.meta, extraction.rows
    kinds = Counter(row["kind"] for row in rows)
    counts = ", ".join(f"{kinds[k]} {k}" for k in ("actual", "estimate", "target"))
    region = meta.region or "regions named in the text"
    said = "; ".join(f"{field.replace('_', ' ')} from {how}{_STRENGTH_NOTES.get(evidence_strength(how), '')}"
                     for field, how in meta.evidence.items())  # fmt: skip
    return (f"{extraction.doc}: {region} ({meta.region_level}, {meta.parent_region or '-'}), "
            f"{meta.report_type} {meta.report_year}: {len(rows)} rows ({counts})"
            + (f" [{said}]" if said else ""))  # fmt: skip


def _write_unparsed(path: str, rows, escape_formulas: bool, broken: dict) -> None:
    from .reading.export import escape_formula

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["doc", "char_start", "char_end", "sentence"])
            out.writerows((escape_formula(row[0]), *row[1:3], escape_formula(row[3])) if escape_formulas else row
                          for row in rows)  # fmt: skip

    try:
        write_whole(Path(path), write)
    except OSError as error:
        broken[path] = f"{shown(path)}: cannot be written ({error.strerror or error})"
        _tell(broken[path])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["render"]:
        from .pages.render import cli  # notebooks and their libraries load only when rendering

        return cli(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0],
                                     epilog="python -m analysis extract --help lists the exit statuses.")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    extract = _extract_parser(sub)
    _codebook_parser(sub)
    _review_parser(sub)
    sub.add_parser("render", help="render notebooks to HTML (python -m analysis render --help)")
    args = parser.parse_args(argv)
    if args.command == "codebook":
        return run_codebook(args)
    if args.command == "review":
        return run_review(args)
    if args.quiet and (args.summary or args.progress):
        extract.error("--quiet prints only errors: it cannot go with --summary or --progress")
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
        sys.stdout.reconfigure(errors="backslashreplace")  # a summary on a stdout that is not UTF-8
    return interruptible(lambda: run_extract(args))


def interruptible(run) -> int:
    """`run()`, where Ctrl-C or SIGTERM end in one line and the exit status 130 (143 for
    SIGTERM), every output left as it was: no traceback from the process or its workers.

    A signal that arrives while the run works with its worker processes is raised once that
    step is done (`corpus.interrupt_later`): raised inside the pool's own locking, it could leave
    a lock held, and the run would hang as it stops its workers."""

    def stop(signum, frame):
        if not interrupt_later(signum):
            raise interruption(signum)

    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        return run()
    except KeyboardInterrupt as interrupt:
        _tell("interrupted: the outputs are left as they were")
        return 128 + (signal.SIGTERM if isinstance(interrupt, Terminated) else signal.SIGINT)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())

"""Command line: a thin wrapper over the library.

    python -m analysis extract PATH... [--manifest M] -o OUT.csv [-o OUT.parquet|.dta|.xlsx]
                               [--unparsed U.csv] [--jobs N] [--summary | --quiet] [--strict]
    python -m analysis codebook [-o codebook.md|codebook.csv]
    python -m analysis render NOTEBOOK -p NAME VALUE ...   (see analysis/pages/render.py)
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from .reading.corpus import ManifestError, TableWriter, folder_manifests, iter_extractions, load_manifest
from .reading.files import expand_paths

# Exit statuses of `extract`, for scripts and cron jobs (also in README.md).
EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3
EXIT_STATUSES = """exit status:
  0  the reports were read and the outputs written (files that could not be read are named
     on stderr, one line each)
  1  no report could be read
  2  bad arguments or manifest (nothing is written), or an output its format cannot hold
     (more rows than an Excel sheet: the other outputs are written)
  3  with --strict: some file could not be read (the others are read and written)"""


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
    p.add_argument("--unparsed", help="CSV listing sentences that name an indicator and a number "
                   "but yielded no row")  # fmt: skip
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: all cores)")  # fmt: skip
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
    writers = []
    try:
        manifest = load_manifest(args.manifest) if args.manifest else folder_manifests(args.paths)
        for path in args.output:
            writers.append(TableWriter(path))
    except (ManifestError, ValueError) as error:
        for writer in writers:
            writer.abort()  # no .part file left behind by the outputs opened before
        print(f"analysis: {error}", file=sys.stderr)
        return EXIT_USAGE
    files = expand_paths(args.paths)
    total = sum(p.stat().st_size for p in files if p.is_file())
    unparsed_rows, read, failed, started = [], 0, 0, time.perf_counter()
    # A bar only where someone watches: on a terminal, or when asked. In a log file its
    # carriage returns would be noise. Messages go through tqdm.write, above the bar.
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and not args.quiet)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="extract", disable=not show, file=sys.stderr)
    try:
        for outcome in iter_extractions(files, manifest, max(1, args.jobs)):
            bar.update(outcome.size)
            bar.set_postfix(files=f"{read + failed + 1}/{len(files)}")
            if outcome.extraction is None:
                failed += 1
                tqdm.write(f"analysis: {outcome.error}", file=sys.stderr)
                continue
            read += 1
            extraction = outcome.extraction
            for writer in writers:
                writer.write(extraction.rows)
            unparsed_rows += [(extraction.doc, u.char_start, u.char_end, u.sentence) for u in extraction.unparsed]
            if args.summary:
                tqdm.write(_summary_line(extraction), file=sys.stdout)
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    finally:
        bar.close()
    unwritable = 0
    for writer in writers:
        try:
            writer.close()
        except ValueError as error:  # a format that cannot hold the table; the others are written
            unwritable += 1
            print(f"analysis: {error}", file=sys.stderr)
    for problem in writers[0].rejected:
        print(f"analysis: {problem}", file=sys.stderr)
    failed += len(writers[0].rejected)
    read -= len(writers[0].rejected)
    if args.unparsed:
        _write_unparsed(args.unparsed, unparsed_rows)
    seconds = time.perf_counter() - started
    if not args.quiet:
        print(f"analysis: {read} report(s) read, {failed} could not be read, {writers[0].rows} rows, "
              f"{len(unparsed_rows)} unparsed sentence(s), {seconds:.1f}s", file=sys.stderr)  # fmt: skip
    if not read:
        return EXIT_NOTHING_READ
    if unwritable:
        return EXIT_USAGE
    return EXIT_REFUSED if args.strict and failed else EXIT_OK


def _summary_line(extraction) -> str:
    """One report's metadata, what decided it, and its rows by kind."""
    meta, rows = extraction.meta, extraction.rows
    kinds = Counter(row["kind"] for row in rows)
    counts = ", ".join(f"{kinds[k]} {k}" for k in ("actual", "estimate", "target"))
    region = meta.region or "regions named in the text"
    said = "; ".join(f"{field.replace('_', ' ')} from {how}" for field, how in meta.evidence.items())
    return (f"{extraction.doc}: {region} ({meta.region_level}, {meta.parent_region or '-'}), "
            f"{meta.report_type} {meta.report_year}: {len(rows)} rows ({counts})"
            + (f" [{said}]" if said else ""))  # fmt: skip


def _write_unparsed(path: str, rows) -> None:
    tmp = Path(path).with_name(f".{Path(path).name}.part")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["doc", "char_start", "char_end", "sentence"])
        out.writerows(rows)
    os.replace(tmp, path)


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
    sub.add_parser("render", help="render notebooks to HTML (python -m analysis render --help)")
    args = parser.parse_args(argv)
    if args.command == "codebook":
        return run_codebook(args)
    if args.quiet and (args.summary or args.progress):
        extract.error("--quiet prints only errors: it cannot go with --summary or --progress")
    return run_extract(args)


if __name__ == "__main__":
    sys.exit(main())

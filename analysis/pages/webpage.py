"""What makes an executed notebook a page a reader can trust, share and cite.

Before the export (`arrange`): the page's header (`header.PageHeader`, shown by the notebook's
first code cell) is moved to the top and its title and language become the HTML's <title> and
lang; the notebook's own title, which names the kind of page, becomes the heading of the
explanation under it. After the export (`finish`): the CJK font the page needs is embedded
(`webfont`), and each report named in the evidence links to its file (a PDF at its page), where
the page was rendered from folders of reports.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import quote

from .header import METADATA_KEY
from .webfont import with_font


def arrange(notebook) -> tuple[str, str] | None:
    """Move the cell showing the page's header to the top of `notebook` (an executed nbformat
    node, changed in place), make the notebook's first heading one level lower and set its
    metadata title; returns (title, lang) of the header, or None where the page shows none."""
    for position, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            found = _header_metadata(output.get("metadata", {}))
            if found:
                notebook.cells.insert(0, notebook.cells.pop(position))
                _lower_first_heading(notebook)
                notebook.metadata["title"] = found["title"]
                return found["title"], found["lang"]
    return None


def _header_metadata(metadata: dict) -> dict | None:
    if METADATA_KEY in metadata:
        return metadata[METADATA_KEY]
    inner = metadata.get("text/html", {})
    return inner.get(METADATA_KEY) if isinstance(inner, dict) else None


def _lower_first_heading(notebook) -> None:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\A(\s*)# ", r"\1## ", cell.source, count=1)
            return


# <cite>name</cite> in an evidence footer, and the page of a PDF after it (", 第3页" / ", p. 3").
_CITED = re.compile(r"<cite>([^<]*)</cite>(, 第(\d+)页|, p\. (\d+))?")


def finish(body: str, sources: dict[str, str] | None = None) -> str:
    """The exported page with its font embedded and each cited report linked to its file:
    `sources` maps a document's name (as the table gives it) to its link from the page."""
    if sources:
        def link(match: re.Match) -> str:
            href = sources.get(html.unescape(match[1]))
            if href is None:
                return match[0]
            page = match[3] or match[4]
            target = html.escape(href + (f"#page={page}" if page else ""), quote=True)
            return f'<a class="report-file" href="{target}">{match[0]}</a>'

        body = _CITED.sub(link, body)
    return with_font(body)


def report_links(folders, out_dir: Path) -> dict[str, str]:
    """Document name -> the path of its file relative to `out_dir`, URL-quoted: what a page in
    `out_dir` links a cited report to. Names are those the table gives (`list_reports`)."""
    from ..reading.paths import list_reports

    listing = list_reports([folder for folder in folders or () if Path(folder).is_dir()])
    out_dir = Path(out_dir).resolve()
    links = {}
    for path in listing.files:
        relative = os.path.relpath(Path(path).resolve(), out_dir)
        links.setdefault(listing.docs[path], quote(os.fsencode(Path(relative).as_posix())))  # bytes: any name
    return links

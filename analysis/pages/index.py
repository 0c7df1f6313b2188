"""The page kinds, every page of a table, and reports/index.html linking them.

A page kind is a notebook, notebooks/<kind>.ipynb, and the module of its page functions,
analysis/pages/<kind>.py, which also says what the index calls the kind (`HEADING`) and which
pages a table has (`parameter_sets`). `KINDS` lists them in the order of the index; adding a
kind is adding its notebook, its module and its name here.
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import compare
from ..filenames import figure_name
from ..labels import check_lang
from ..reading.outputs import write_whole as _write_whole
from ..reading.paths import REPORT_SUFFIXES, decoded_name
from .load import PROJECT
from .tables import drawable

KINDS = ("target_vs_actual", "cross_district", "targets_by_level", "over_time", "walkthrough", "review")
REPORTS = PROJECT / "reports"
REVIEW_PAGE = "review.html"  # every row with a check, report by report (review.py), linked first
# Parameters every notebook may take that say where things are, not what the page shows.
PLACES = ("data", "figures")
WALKED = tuple(s for s in REPORT_SUFFIXES if s != ".doc")  # the reports a walkthrough reads


def kind_module(kind: str):
    """The module of a page kind: analysis/pages/<kind>.py."""
    return importlib.import_module(f"{__package__}.{kind}")


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
        keys = [Path(decoded_name(v)).stem if isinstance(v, str) and v.lower().endswith(WALKED) else v for v in keys]
        keys = [v for v in keys if not isinstance(v, (list, dict))]
        lang = self.parameters.get("lang", "zh")  # checked by the notebook, not here
        return figure_name(self.notebook, *keys, *([lang] if lang != "zh" else []))


def parameter_sets(observations, lang: str = "zh", folders=()) -> list[Page]:
    """Every page that has data, kind by kind (each kind's `parameter_sets` says which: each
    region and year with growth targets and their outcomes, each year and parent region with
    figures of two or more of its regions, ...). `folders` are the folders the table was read
    from, where the walkthrough finds its reports (besides seeds/)."""
    check_lang(lang)
    facts = drawable(compare.facts(observations))  # a region no page can name is left out, named once
    return [Page(kind, parameters, description)
            for kind in KINDS
            for parameters, description in kind_module(kind).parameter_sets(facts, observations, lang, folders)]  # fmt: skip


_STYLE = ("body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;max-width:52rem;margin:2rem auto;"
          "padding:0 1rem;line-height:1.6;color:#222}h2{margin-top:1.6rem;font-size:1.15rem}"
          "li{margin:.25rem 0}a{color:#2166ac}")  # fmt: skip


def write_index(done: list[tuple[Page, Path]], out_dir: Path = REPORTS, review: bool = False) -> Path:
    """reports/index.html: the review page first (with `review`), then the pages under their
    kind's heading, each a link and a one-line description. Every name and description is
    escaped."""
    sections = []
    if review:
        sections.append(f'<h2>Rows to look at again</h2>\n<ul>\n<li><a href="{REVIEW_PAGE}">{REVIEW_PAGE}</a>: every '
                        "row with a check, report by report, its evidence and the lines to paste into "
                        "corrections.csv; the sentences that gave no row</li>\n</ul>")  # fmt: skip
    for notebook in dict.fromkeys(page.notebook for page, _ in done):
        items = "\n".join(
            f'<li><a href="{html.escape(path.name, quote=True)}">{html.escape(page.name)}</a>: '
            f"{html.escape(page.description)}</li>"
            for page, path in done if page.notebook == notebook
        )  # fmt: skip
        heading = html.escape(kind_module(notebook).HEADING if notebook in KINDS else notebook)
        sections.append(f"<h2>{heading}</h2>\n<ul>\n{items}\n</ul>")
    body = "\n".join(sections) or "<p>No page was rendered.</p>"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_whole(out_dir / "index.html", (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Targets and outcomes of local-government reports</title><style>{_STYLE}</style></head>\n"
        "<body><h1>Targets and outcomes of local-government reports</h1>\n"
        "<p>Each page is a notebook of <code>notebooks/</code> run on the extracted table "
        "(<code>make report</code>).</p>\n"
        f"{body}\n</body></html>\n"
    ))  # fmt: skip


def write_whole(target: Path, text: str) -> Path:
    """Write a file whole or not at all (a hidden temporary file, locked, then renamed)."""
    return _write_whole(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))

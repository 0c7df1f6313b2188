"""The page kinds, every page of a table, and reports/index.html linking them.

A page kind is a notebook, notebooks/<kind>.ipynb, and the module of its page functions,
analysis/pages/<kind>.py, which also says what the index calls the kind (`HEADING`) and which
pages a table has (`parameter_sets`). `KINDS` lists them in the order of the index; adding a
kind is adding its notebook, its module and its name here.
"""

from __future__ import annotations

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

KINDS = ("overview", "target_vs_actual", "cross_district", "targets_by_level", "over_time", "walkthrough", "review")
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
    title: str = ""  # the page's own title, once rendered (its header's)
    lang: str = ""  # the language of the page, once rendered (zh-Hans, en)

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


def write_whole(target: Path, text: str) -> Path:
    """Write a file whole or not at all (a hidden temporary file, locked, then renamed)."""
    return _write_whole(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))

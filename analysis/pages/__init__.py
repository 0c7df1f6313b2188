"""The table -> figures and HTML pages: the third stage, after `analysis.reading` and
`analysis.compare`.

A notebook of notebooks/ is prose and one-line calls: `from analysis import pages, plot`, then
`pages.load_observations(data)`, its page function (`pages.target_vs_actual_page(...)`), a
figure (`plot.target_vs_actual_plot(...)`, `plot.save_figure(...)`) and a table
(`pages.html_table(...)`). Every name a notebook calls is re-exported here from:

- `load`: the table a page reads (a file read once per kernel, or folders of reports);
- one module of page functions per page kind, named for its notebook: `overview` (the whole
  table at a glance), `target_vs_actual`,
  `cross_district`, `targets_by_level`, `over_time`, `walkthrough`, `review` (the rows to look
  at again, also written whole as reports/review.html and by `python -m analysis review`);
- `header`: the head of every page (its title in its language, the data it was made from, the
  way back to the index, an introduction written from the page's own figures);
- `tables`: what every page shows beside its figures (`html_table`, `figure_name`);
- `plot` (with `plot_base`, `plot_time`): the figures, imported by `from analysis import plot`
  only, so that a page without figures does not load matplotlib;
- `index` (the page kinds, every page of a table, reports/index.html) and `render`
  (papermill and nbconvert, `python -m analysis render`), used by the command line.

To add a page kind: write notebooks/<kind>.ipynb and analysis/pages/<kind>.py (its page
function, `HEADING` and `parameter_sets`, as in over_time.py), add the kind to `index.KINDS`,
re-export the names its notebook calls below, and test them in tests/test_pages.py.
"""

# `pages.walkthrough` is the function: the module walkthrough.py is first loaded by the last
# line, which then binds the name to what it holds (`analysis.pages.walkthrough` the module is
# still `from analysis.pages.walkthrough import ...`).
from ..compare.evidence import Evidence, evidence_of, highlight_evidence, highlight_spans
from .cross_district import (
    OUTCOME_KINDS,
    cross_district_groups,
    cross_district_header,
    cross_district_page,
    cross_district_periods,
    cross_district_title,
    side_by_side_table,
)
from .header import PageHeader, page_header
from .load import PROJECT, SEEDS, load_observations, read_folders
from .over_time import OVER_TIME_COLUMNS, over_time_header, over_time_page, over_time_sets, over_time_summary
from .overview import Overview, overview_page
from .tables import figure_name, growth, html_table, labelled
from .target_vs_actual import PAIR_COLUMNS, target_vs_actual_header, target_vs_actual_page
from .targets_by_level import (
    CHAIN_COLUMNS,
    CHILDREN_COLUMNS,
    Levels,
    targets_by_level_page,
    targets_by_level_sets,
)
from .walkthrough import Walkthrough, find_report, walkthrough

# The review page's module loads the checks and their vocabulary (YAML, ~0.03 s): on first use.
_REVIEW = ("review_header", "review_page")


def __getattr__(name: str):
    if name in _REVIEW:
        from . import review

        return getattr(review, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_REVIEW})


__all__ = [
    "CHAIN_COLUMNS",
    "CHILDREN_COLUMNS",
    "OUTCOME_KINDS",
    "OVER_TIME_COLUMNS",
    "PAIR_COLUMNS",
    "PROJECT",
    "SEEDS",
    "Evidence",
    "Levels",
    "Overview",
    "PageHeader",
    "Walkthrough",
    "cross_district_groups",
    "cross_district_header",
    "cross_district_page",
    "cross_district_periods",
    "cross_district_title",
    "evidence_of",
    "figure_name",
    "find_report",
    "growth",
    "highlight_evidence",
    "highlight_spans",
    "html_table",
    "labelled",
    "load_observations",
    "overview_page",
    "over_time_header",
    "over_time_page",
    "page_header",
    "over_time_sets",
    "over_time_summary",
    "read_folders",
    "review_header",
    "review_page",
    "side_by_side_table",
    "target_vs_actual_header",
    "target_vs_actual_page",
    "targets_by_level_page",
    "targets_by_level_sets",
    "walkthrough",
]

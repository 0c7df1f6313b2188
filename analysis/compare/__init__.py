"""The table -> facts and comparisons: the second stage, after `analysis.reading`.

Questions about the reports are joins across documents, each in a module named for it:

- `facts`: one row per region, indicator, period, kind and measure, naming every document
  that states it and flagging where documents disagree (every comparison joins facts);
- `target_vs_actual`: a target beside the outcome of its year, the gap and whether it was met;
- `target_ambition`: a target beside the outcome of the year before;
- `amplification`: a target beside the same target of every region above it, up to 全国
  (the chain of ancestors is `levels`);
- `over_time`: a region's targets and outcomes year after year;
- `cross_region`: many regions side by side, one year's figures;
- `overview`: the whole table at a glance: coverage, targets met, the gap to the level above and
  the wording of targets, by year or level, with the reports behind each number.

`inputs` checks the tables and arguments they take (and `select` filters any of their
tables); `schemas` holds the pandera schemas of their results and the row-level pieces they
share; `evidence` finds each figure in its sentence. `checks` gives each row of the table its
reasons to look again (the `checks` column), which need the whole table; `checked` makes the
table every command writes: it has `analysis.reading` read the reports and apply a reviewer's
corrections, then adds the checks. Nothing here draws: the pages stage (`analysis.pages`) does.
"""

# Each name is bound after the module holding it is loaded, so `compare.facts` is the function,
# not the module analysis/compare/facts.py (`from analysis.compare.facts import facts` works as
# well). Keep the order: a module after the modules it imports, which would bind them otherwise.
# isort: off
from ..errors import ParameterError
from .inputs import make_observations, select, wrong_type
from .facts import facts
from .target_vs_actual import target_vs_actual
from .target_ambition import target_ambition
from .amplification import amplification
from .over_time import over_time
from .cross_region import CROSS_KINDS, cross_region
from .overview import coverage, level_gaps, met_shares, wording_shares
# isort: on

__all__ = [
    "CROSS_KINDS",
    "ParameterError",
    "amplification",
    "coverage",
    "cross_region",
    "facts",
    "level_gaps",
    "make_observations",
    "met_shares",
    "over_time",
    "select",
    "target_ambition",
    "target_vs_actual",
    "wording_shares",
    "wrong_type",
]

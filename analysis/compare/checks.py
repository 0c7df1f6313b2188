"""Reasons to look at a row's evidence again: the `checks` column.

Each check is one function of the table, returning for each row whether a careful reader would
open its evidence for that reason; `add_checks` runs them all and writes the ids of those that
hold (in the order of `observations.CHECKS`, separated by ";") into `checks`. A check is computed
from the data, never changes a row, and is defined in the codebook (analysis/vocab/values.csv);
the words and bounds they use are in analysis/vocab/checks.yaml.

Three checks need what only the reading of a report knows (`observations.READING_NOTES`: whether
the sentence states the period, whether the region was read from the text, which metadata rest on
weak evidence). `add_checks` takes them as `notes`, a frame indexed by row_id; a table read back
from a file has no notes, and keeps those three ids as they were written.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..observations import CHECKS, READING_NOTES
from ..vocab import load
from .evidence import locate
from .levels import ancestors, known_levels, known_parents

# A figure: the same region, indicator, year, kind, measure and basis, in the same unit.
FIGURE_KEY = ["region", "indicator", "period", "kind", "measure", "basis", "unit_norm"]
OUTCOME_KINDS = ("actual", "estimate")
# Reading notes of a row the reading stage did not see (a row a corrections file added).
NOTE_DEFAULTS = {"period_stated": True, "region_from_text": False, "weak_metadata": ""}


@lru_cache(maxsize=1)
def knowledge() -> dict:
    """analysis/vocab/checks.yaml, with its word lists compiled."""
    known = load("checks.yaml")
    known["patterns"] = {name: re.compile(words) for name, words in known["words"].items()}
    return known


def add_checks(table: pd.DataFrame, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table with `checks` filled in (a copy); `notes` as the module says."""
    rows = _with_notes(table, notes)
    flags = {name: np.asarray(CHECK_FUNCTIONS[name](rows), dtype=bool) for name in CHECKS}
    out = table.copy()
    out["checks"] = pd.Series(join_ids(flags, len(table)), index=out.index, dtype="str")
    return out


def join_ids(flags: dict[str, np.ndarray], size: int) -> list[str]:
    """Per row, the names whose flag is set, joined by ";" in the order given."""
    names = np.array(list(flags), dtype=object)
    grid = np.column_stack([flags[n] for n in flags]) if flags else np.zeros((size, 0), dtype=bool)
    return [";".join(names[row]) for row in grid]


def _with_notes(table: pd.DataFrame, notes: pd.DataFrame | None) -> pd.DataFrame:
    rows = table.reset_index(drop=True)
    if notes is None:
        return rows
    joined = rows[["row_id"]].join(notes[list(READING_NOTES)], on="row_id")
    for name, default in NOTE_DEFAULTS.items():
        rows[name] = joined[name].where(joined[name].notna(), default).astype(type(default))
    return rows


def _kept(rows: pd.DataFrame, name: str) -> pd.Series:
    """A reading check of a table without notes: as its `checks` column says."""
    return rows["checks"].str.split(";").apply(lambda ids: name in ids)


# -- Across reports -------------------------------------------------------------------------------


def conflict(rows: pd.DataFrame) -> np.ndarray:
    """Another report states a different value for the same region, indicator, period, kind,
    measure and basis (in the same unit; levels agree to the precision they are printed with)."""
    return _flags(rows, _disagreeing(rows, same_report=False)["at"])


def two_values(rows: pd.DataFrame) -> np.ndarray:
    """The same report states two different values for the same figure (as for `conflict`)."""
    return _flags(rows, _disagreeing(rows, same_report=True)["at"])


def disagreements(rows: pd.DataFrame, same_report: bool = False) -> dict[int, list[int]]:
    """Position of each row -> positions of the rows that state a different value for its figure,
    in another report (or, with `same_report`, in the same one)."""
    pairs = _disagreeing(rows, same_report).sort_values(["at", "at_other"])
    return {int(at): others.tolist() for at, others in pairs.groupby("at")["at_other"]}


def _disagreeing(rows: pd.DataFrame, same_report: bool) -> pd.DataFrame:
    """Pairs of positions (at, at_other) of rows that state different values for one figure.
    (Figures and documents are joined by number, not by their words: a corpus has many rows.)"""
    rows = rows.reset_index(drop=True)
    figure = rows.groupby(FIGURE_KEY, sort=False, observed=True, dropna=False).ngroup().to_numpy()
    numeric = rows["value_norm"].notna().to_numpy()
    at = np.flatnonzero(numeric & pd.Series(np.where(numeric, figure, -1)).duplicated(keep=False).to_numpy())
    chosen = rows.loc[at]
    numbers = pd.DataFrame({"figure": figure[at], "doc": pd.factorize(rows["doc"])[0][at],
                            "value": chosen["value_norm"].to_numpy(), "step": printed_step(chosen), "at": at})  # fmt: skip
    pairs = numbers.merge(numbers, on="figure", suffixes=("", "_other"))
    pairs = pairs[(pairs["at"] != pairs["at_other"]) & ((pairs["doc"] == pairs["doc_other"]) == same_report)]
    apart = (pairs["value"] - pairs["value_other"]).abs()
    pairs = pairs[apart > np.maximum(pairs["step"], pairs["step_other"]) / 2
                  + 1e-9 * np.maximum(1.0, pairs["value"].abs())]  # fmt: skip
    return pairs[["at", "at_other"]]


def printed_step(rows: pd.DataFrame) -> np.ndarray:
    """The last printed digit of each level, in the standard unit: 1195.6亿元 -> 0.1, 8.3万亿元
    -> 1000 (亿元); two levels closer than half of the coarser step agree. A growth is compared
    as printed (step 0): 9% and 8.5% are two statements."""
    steps = []
    for value, norm, measure in zip(rows["value"].tolist(), rows["value_norm"].tolist(), rows["measure"].tolist()):
        fraction = f"{abs(value):.10g}".partition(".")[2]
        scale = abs(norm / value) if value else 1.0
        steps.append(10.0 ** -len(fraction) * scale if measure == "level" else 0.0)
    return np.array(steps)


def _flags(rows: pd.DataFrame, positions) -> np.ndarray:
    flags = np.zeros(len(rows), dtype=bool)
    flags[np.asarray(positions, dtype=int)] = True
    return flags


# -- What the reading knows -----------------------------------------------------------------------


def period_from_position(rows: pd.DataFrame) -> pd.Series:
    """No year or time word before the figure in its sentence or its paragraph's head: the
    period comes from the part of the report the sentence stands in."""
    return ~rows["period_stated"] if "period_stated" in rows else _kept(rows, "period_from_position")


def weak_metadata(rows: pd.DataFrame) -> pd.Series:
    """The report's region or year came from weak evidence: the place the text names most, a
    dateline, the file name (`--summary` names the evidence of each report)."""
    return rows["weak_metadata"] != "" if "weak_metadata" in rows else _kept(rows, "weak_metadata")


def region_from_text(rows: pd.DataFrame) -> pd.Series:
    """The figure's region is not the report's own: it was read from the words around the figure
    (a news article on several cities, a city's figures in a county's report)."""
    return rows["region_from_text"] if "region_from_text" in rows else _kept(rows, "region_from_text")


# -- Values against history and the levels above --------------------------------------------------


def implausible(rows: pd.DataFrame) -> np.ndarray:
    """A growth outside what the indicator's history allows (checks.yaml, `history`), or a level
    that disagrees with the same report's growth and last year's level in the data (or, where
    the report gives no growth, a level many times last year's)."""
    return _growth_beyond_history(rows) | _level_against_last_year(rows)


def _growth_beyond_history(rows: pd.DataFrame) -> np.ndarray:
    history = knowledge()["history"]
    target = rows["kind"].to_numpy() == "target"
    bounds = {side: rows["indicator"].map({i: h[side] for i, h in history.items()}).tolist()
              for side in ("outcome", "target")}  # fmt: skip
    low = np.array([t[0] if is_target else o[0] for t, o, is_target in zip(bounds["target"], bounds["outcome"], target)])
    high = np.array([t[1] if is_target else o[1] for t, o, is_target in zip(bounds["target"], bounds["outcome"], target)])
    values = rows["value"].to_numpy(dtype=float)
    tops = rows["value_high"].fillna(rows["value"]).to_numpy(dtype=float)
    growth = (rows["measure"] == "growth").to_numpy() & ~np.isnan(values)
    return growth & ((values < low) | (tops > high))


def _level_against_last_year(rows: pd.DataFrame) -> np.ndarray:
    """Each level beside the outcomes of the year before (same region, indicator and unit, any
    report) and the same report's growth of its year: implausible where no such outcome fits.
    (Rows are joined by number, not by their words: a corpus has many rows.)"""
    history, margin = knowledge()["history"], knowledge()["level_against_growth"]
    rows = rows.reset_index(drop=True)
    series = rows.groupby(["region", "indicator", "unit_norm"], sort=False, observed=True).ngroup().to_numpy()
    statement = rows.groupby(["doc", "region", "indicator", "period", "kind"], sort=False, observed=True).ngroup()
    period = rows["period"].to_numpy()
    value = rows["value_norm"].to_numpy(dtype=float)
    level = (rows["measure"] == "level").to_numpy() & (value > 0)
    growth = (rows["measure"] == "growth").to_numpy() & rows["value"].notna().to_numpy()
    outcome = rows["kind"].isin(OUTCOME_KINDS).to_numpy()
    last = pd.DataFrame({"series": series[level & outcome], "period": period[level & outcome] + 1,
                         "last": value[level & outcome]})  # fmt: skip
    rates = pd.Series(rows["value"].to_numpy()[growth], index=statement[growth]).groupby(level=0).first()
    at = np.flatnonzero(level)
    pairs = pd.DataFrame({"at": at, "series": series[at], "period": period[at], "value": value[at],
                          "rate": statement[at].map(rates).to_numpy(),
                          "most": rows["indicator"].map({i: h["year_ratio"] for i, h in history.items()}).to_numpy()[at]})
    pairs = pairs.merge(last, on=["series", "period"])
    ratio = pairs["value"] / pairs["last"]
    expected = 1 + pairs["rate"] / 100
    fits = np.where(pairs["rate"].isna(), (ratio >= 1 / pairs["most"]) & (ratio <= pairs["most"]),
                    (ratio >= expected - margin["below"]) & (ratio <= expected + margin["above"]))  # fmt: skip
    misfits = pd.Series(fits, index=pairs["at"]).groupby(level=0).any()
    flags = np.zeros(len(rows), dtype=bool)
    flags[misfits.index[~misfits.to_numpy()].to_numpy()] = True
    return flags


def far_from_ancestor(rows: pd.DataFrame) -> np.ndarray:
    """A growth target far from the same target of the nearest region above that states one
    (parent, else grandparent, up to 全国): more than checks.yaml's `points` percentage points
    and more than the ancestor's target apart (9% under a parent's 8% is not; 20% is)."""
    points = knowledge()["far_from_ancestor"]["points"]
    targets = rows[(rows["kind"] == "target") & (rows["measure"] == "growth") & rows["value"].notna()]
    stated: dict[tuple, list[float]] = {}
    for key, value in zip(zip(targets["region"], targets["indicator"], targets["period"]), targets["value"]):
        stated.setdefault(key, []).append(value)
    parents, levels = known_parents(rows), known_levels(rows)
    chains: dict[str, tuple[str, ...]] = {}
    flags = np.zeros(len(rows), dtype=bool)
    for i, region, indicator, period, value in zip(targets.index, targets["region"], targets["indicator"],
                                                   targets["period"], targets["value"]):  # fmt: skip
        if region not in chains:
            chains[region] = ancestors(region, parents, levels)
        above = next((stated[key] for key in ((a, indicator, period) for a in chains[region]) if key in stated), [])
        flags[i] = bool(above) and all(abs(value - a) > max(points, abs(a)) for a in above)
    return flags


def past_target(rows: pd.DataFrame) -> pd.Series:
    """A target for a year before the report's, in a report other than a plan report: a review
    quoting last year's plan (年初确定的主要目标) seldom states a target of its own, where a plan
    report sets each of last year's targets beside its outcome."""
    return (rows["kind"] == "target") & (rows["period"] < rows["report_year"]) & (rows["report_type"] != "plan_report")


# -- Words before the figure in its sentence ------------------------------------------------------


def part_year(rows: pd.DataFrame) -> np.ndarray:
    """Words of part of a year (一季度, 上半年, 前三季度, 1-11月) before the figure in its sentence."""
    return _words_before(rows, "part_year")


def several_years(rows: pd.DataFrame) -> np.ndarray:
    """Words of several years (年均, 累计, 过去五年, 十三五期间) before the figure in its sentence."""
    return _words_before(rows, "several_years")


def target_words(rows: pd.DataFrame) -> np.ndarray:
    """An outcome with words of a target (预期, 目标, 控制在, 力争) before it in its own clause."""
    return _words_before(rows, "target_words", clause=True) & rows["kind"].isin(OUTCOME_KINDS).to_numpy()


def other_scope(rows: pd.DataFrame) -> np.ndarray:
    """Words of another scope than the region's own before the figure in its sentence: a zone or
    park (经开区, 高新区), the government's own budget level (区本级), part of the population, an
    area beyond the region (都市圈)."""
    return _words_before(rows, "other_scope")


_CLAUSE_END = re.compile(r"[,，;；:：。!?！？]")
_LOCATED = ("value", "value_high", "unit", "indicator_text", "text", "source_text")  # what `locate` reads


def _words_before(rows: pd.DataFrame, name: str, clause: bool = False) -> np.ndarray:
    """Whether `name`'s words of checks.yaml stand before each row's figure in its sentence (or
    in the figure's clause). Only rows whose sentence holds the words anywhere (each sentence
    searched once: many rows share one) are looked at where their figure stands (`evidence.locate`)."""
    pattern = knowledge()["patterns"][name]
    holding = {text for text in rows["source_text"].unique() if pattern.search(text)}
    flags = np.zeros(len(rows), dtype=bool)
    candidates = rows.loc[rows["source_text"].isin(holding), list(_LOCATED)]
    for i, row in zip(candidates.index, candidates.to_dict("records")):
        start = locate(row, row["source_text"])[0]
        before = row["source_text"][: start if start >= 0 else len(row["source_text"])]
        if clause:
            cuts = list(_CLAUSE_END.finditer(before))
            before = before[cuts[-1].end() :] if cuts else before
        flags[i] = bool(pattern.search(before))
    return flags


# Check id -> its function, in the order of observations.CHECKS (a test keeps them the same).
CHECK_FUNCTIONS = {
    "conflict": conflict,
    "two_values": two_values,
    "period_from_position": period_from_position,
    "weak_metadata": weak_metadata,
    "region_from_text": region_from_text,
    "implausible": implausible,
    "far_from_ancestor": far_from_ancestor,
    "part_year": part_year,
    "several_years": several_years,
    "past_target": past_target,
    "target_words": target_words,
    "other_scope": other_scope,
}

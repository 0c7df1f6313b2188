"""What each notebook page shows: its parameters checked, its tables, its names.

The notebooks in notebooks/ are prose and one-line calls into this module and
`analysis.plot`; everything they compute is here and tested. Each `*_page`
function checks a notebook's parameters first and raises one ParameterError
line listing the valid choices. Text from reports is data, not markup: it is
escaped before it becomes HTML.
"""

from __future__ import annotations

import html
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from . import compare
from .compare import ParameterError
from .compare.evidence import Evidence, evidence_of, highlight_evidence, highlight_spans  # noqa: F401 (pages' names)
from .filenames import figure_name  # noqa: F401 (the notebooks' pages.figure_name)
from .labels import check_lang, indicator_label, kind_label, qualifier_label, region_label, unit_label
from .load import PROJECT, SEEDS, load_observations, read_folders  # noqa: F401 (pages' names)
from .load import facts_of as _facts
from .observations import INDICATORS
from .regions import REGION_NAME_RULE, is_region_name

OUTCOME_KINDS = ("target", "outcome", "actual", "estimate")


def _indicators(indicators, available) -> list[str]:
    indicators = [indicators] if isinstance(indicators, str) else list(indicators or [])
    for indicator in indicators:
        if indicator not in INDICATORS:
            raise ParameterError(f"indicator {indicator!r} not in the indicators; valid: {', '.join(INDICATORS)}")
        if indicator not in available:
            raise ParameterError(f"indicator {indicator!r} has no figure here; valid: {', '.join(available)}")
    return indicators or list(available)


def _in_order(indicators) -> list[str]:
    return sorted(set(indicators), key=INDICATORS.index)


def _by_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by region, period and the contract's order of indicators (gdp first)."""
    rank = frame["indicator"].map(INDICATORS.index)
    keys = [c for c in ("region", "period") if c in frame]
    return frame.assign(_rank=rank).sort_values([*keys, "_rank"], kind="stable").drop(columns="_rank")


# -- target_vs_actual ---------------------------------------------------------------------------


def target_vs_actual_page(observations, region: str, period: int = 0, indicators=(), lang: str = "zh",
                          tolerance: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """The growth targets of one region that have an outcome (`target_vs_actual`), for one
    target year (0: every year) and the indicators asked (all when none)."""
    check_lang(lang)
    pairs = compare.target_vs_actual(_facts(observations), tolerance=tolerance)
    pairs = pairs[pairs["outcome"].notna() & (pairs["measure"] == "growth")]
    pairs = compare.select(pairs, region=region)
    if period:
        pairs = compare.select(pairs, period=period)
    wanted = _indicators(indicators, _in_order(pairs["indicator"]))
    return _by_indicator(pairs[pairs["indicator"].isin(wanted)]).reset_index(drop=True)


# The columns of target_vs_actual a reader needs beside the chart.
PAIR_COLUMNS = ["indicator", "period", "target", "qualifier", "text", "outcome", "outcome_kind", "gap", "met",
                "target_evidence", "outcome_evidence"]  # fmt: skip


# -- cross_district -----------------------------------------------------------------------------


def cross_district_page(observations, period: int, kind: str = "target", indicators=(), lang: str = "zh",
                        parent: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Regions side by side for one year: (growth rates, levels), two `cross_region` tables.

    `kind` is target or outcome (actual, else estimate); `parent` keeps the regions of one
    parent region (the districts and counties of 南昌市), "" every region. The year must have
    figures of at least two of them. An indicator asked for appears in whichever measure has it.
    """
    check_lang(lang)
    if kind not in OUTCOME_KINDS:
        raise ParameterError(f"kind {kind!r} not in the kinds; valid: {', '.join(OUTCOME_KINDS)}")
    facts = drawable(_facts(observations))
    if parent:
        parents = sorted({p for _, p in cross_district_groups(facts, kind)})
        if parent not in parents:
            raise ParameterError(f"parent {parent!r} has no two regions with {kind} figures; "
                                 f"valid: {', '.join(parents) or 'none'}, or '' for every region")  # fmt: skip
        facts = facts[facts["parent_region"] == parent]
    periods = cross_district_periods(facts, kind)
    if isinstance(period, bool) or period not in periods:
        why = compare.wrong_type(period, periods) or \
            f"has no {kind} figures of two or more regions{f' of {parent}' if parent else ''}"  # fmt: skip
        raise ParameterError(f"period {period!r} {why}; valid: {', '.join(map(str, periods)) or 'none'}")
    chosen = _kind_rows(facts, kind)
    chosen = chosen[chosen["period"] == period]
    wanted = _indicators(indicators, _in_order(chosen["indicator"]))
    tables = []
    for measure in ("growth", "level"):
        have = set(chosen.loc[chosen["measure"] == measure, "indicator"])
        names = [i for i in wanted if i in have]
        tables.append(compare.cross_region(facts, period, kind, names, measure) if names
                      else pd.DataFrame(index=pd.Index([], name="region")))  # fmt: skip
    return tables[0], tables[1]


def drawable(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose regions a page can name (`regions.is_region_name`): a page of several
    regions leaves out a region it cannot label, with a warning, rather than fail for all."""
    columns = [c for c in ("region", "parent_region", "ancestor") if c in frame]
    names = {name for c in columns for name in set(frame[c]) if name != ""}
    bad = sorted(name for name in names if not is_region_name(name))
    for name in bad:
        warnings.warn(f"region {name!r} left out: {REGION_NAME_RULE}", stacklevel=2)
    return frame[~frame[columns].isin(bad).any(axis=1)] if bad else frame


def _kind_rows(facts: pd.DataFrame, kind: str) -> pd.DataFrame:
    kinds = ["actual", "estimate"] if kind == "outcome" else [kind]
    return facts[facts["kind"].isin(kinds) & facts["value_norm"].notna()]


def cross_district_periods(facts: pd.DataFrame, kind: str) -> list[int]:
    """The years with figures of `kind` of two or more regions."""
    counts = _kind_rows(facts, kind).groupby("period")["region"].nunique()
    return sorted(int(p) for p in counts[counts >= 2].index)


def cross_district_groups(facts: pd.DataFrame, kind: str) -> list[tuple[int, str]]:
    """(year, parent region) where two or more regions of that parent have figures of `kind`:
    the pages that compare neighbours (a corpus of every county would make one chart of
    thousands of regions per year, slow to draw and impossible to read)."""
    rows = _kind_rows(facts, kind)
    counts = rows[rows["parent_region"] != ""].groupby(["period", "parent_region"])["region"].nunique()
    return sorted((int(period), parent) for (period, parent), n in counts.items() if n >= 2)


def cross_district_title(period: int, kind: str, measure: str, lang: str = "zh", parent: str = "") -> str:
    """'2022年 增长目标' / 'Growth targets for 2022', preceded by the parent region if any
    ('南昌市 2022年 增长目标' / 'Nanchang: growth targets for 2022')."""
    check_lang(lang)
    what = {("growth", "target"): ("增长目标", "Growth targets for"),
            ("growth", "outcome"): ("实际增长", "Growth achieved in"),
            ("level", "target"): ("总量目标", "Targets for"),
            ("level", "outcome"): ("实际总量", "Amounts achieved in")}  # fmt: skip
    zh, en = what.get((measure, kind), (kind_label(kind, "zh"), kind_label(kind, "en").capitalize() + ","))
    if lang == "zh":
        return f"{parent + ' ' if parent else ''}{period}年 {zh}"
    return f"{region_label(parent, 'en')}: {en[0].lower()}{en[1:]} {period}" if parent else f"{en} {period}"


# -- targets_by_level ---------------------------------------------------------------------------


@dataclass
class Levels:
    """The across-levels page of one region and year (see `targets_by_level_page`).

    `chain`: the region's targets beside each ancestor's (`amplification` rows, nearest
    ancestor first); `children`: the targets of every region whose nearest ancestor with
    targets that year is `ancestor`, beside the ancestor's."""

    region: str
    period: int
    ancestor: str
    lang: str
    chain: pd.DataFrame
    children: pd.DataFrame

    @property
    def path(self) -> list[str]:
        """The region and its ancestors with targets, nearest first: 泰和县, 吉安市, 江西省, 全国."""
        return [self.region, *dict.fromkeys(self.chain.sort_values("steps", kind="stable")["ancestor"])]

    @property
    def chain_title(self) -> str:
        names = " → ".join(region_label(r, self.lang) for r in self.path)
        return f"{names} {self.period}年 增长目标" if self.lang == "zh" else \
            f"{names}: growth targets for {self.period}"  # fmt: skip

    @property
    def children_growth(self) -> pd.DataFrame:
        """The children's growth targets side by side: a `cross_region` table (regions x
        "indicator (%)"); the ancestor's own targets are `reference`."""
        rows = _by_indicator(growth(self.children))
        if rows.empty:
            return pd.DataFrame(index=pd.Index([], name="region"))
        rows = rows.assign(label=rows["indicator"] + " (" + rows["unit_norm"] + ")")
        rows = rows.sort_values(["basis"], kind="stable").drop_duplicates(["region", "label"])
        wide = rows.pivot(index="region", columns="label", values="target")
        wide = wide.reindex(columns=list(dict.fromkeys(_by_indicator(rows)["label"])))
        wide.columns.name = None
        return wide.astype("float64")

    @property
    def reference(self) -> pd.Series:
        """The ancestor's growth target per column of `children_growth`."""
        rows = growth(self.children).assign(label=lambda d: d["indicator"] + " (" + d["unit_norm"] + ")")
        reference = rows.drop_duplicates("label").set_index("label")["ancestor_target"].astype("float64")
        return reference.rename_axis(None)

    @property
    def reference_label(self) -> str:
        """The legend's name of the reference line: 吉安市目标, Ji'an's target."""
        name = region_label(self.ancestor, self.lang)
        return f"{name}目标" if self.lang == "zh" else f"{name}'s target"

    @property
    def children_title(self) -> str:
        name = region_label(self.ancestor, self.lang)
        return f"{name}下一级 {self.period}年 增长目标(虚线为{name}目标)" if self.lang == "zh" else \
            f"Below {name}: growth targets for {self.period} (dashed: {name}'s target)"  # fmt: skip


def targets_by_level_page(observations, region: str, period: int, ancestor: str = "",
                          lang: str = "zh") -> Levels:  # fmt: skip
    """A region's targets of one year along its chain of levels (赣县区 → 赣州市 → 江西省 → 全国,
    as far as the data has targets), and the children of one ancestor side by side: those of
    `ancestor` ("" the nearest ancestor with targets)."""
    check_lang(lang)
    every = compare.amplification(_facts(observations))
    table = compare.select(every, region=region)
    table = compare.select(table, period=period)
    ancestors = list(dict.fromkeys(table.sort_values("steps", kind="stable")["ancestor"]))
    if ancestor and ancestor not in ancestors:
        raise ParameterError(f"ancestor {ancestor!r} has no targets above {region} in {period}; "
                             f"valid: {', '.join(ancestors)}, or '' for the nearest")  # fmt: skip
    ancestor = ancestor or ancestors[0]
    same_year = every[every["period"] == period]
    nearest = same_year.groupby("region")["steps"].transform("min") == same_year["steps"]
    children = drawable(same_year[nearest & (same_year["ancestor"] == ancestor)])
    return Levels(region, int(period), ancestor, lang, _by_indicator(table).reset_index(drop=True),
                  _by_indicator(children).reset_index(drop=True))  # fmt: skip


def targets_by_level_sets(facts: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """(region, year, its ancestors with targets that year) where the region and an ancestor
    both state targets: a page each."""
    table = compare.amplification(facts).sort_values("steps", kind="stable")
    chains: dict[tuple[str, int], list[str]] = {}
    for region, period, ancestor in zip(table["region"], table["period"], table["ancestor"]):
        above = chains.setdefault((region, int(period)), [])
        if ancestor not in above:
            above.append(ancestor)
    return [(region, period, chains[region, period]) for region, period in sorted(chains, key=lambda k: (k[1], k[0]))]


# Columns of the across-levels tables a reader needs.
CHAIN_COLUMNS = ["indicator", "target", "qualifier", "ancestor", "ancestor_level", "ancestor_target",
                 "ancestor_qualifier", "gap", "target_evidence", "ancestor_evidence"]  # fmt: skip
CHILDREN_COLUMNS = ["region", "indicator", "target", "qualifier", "ancestor_target", "gap", "target_evidence"]


# -- over_time ----------------------------------------------------------------------------------


def over_time_page(observations, region: str, indicator: str = "gdp", measure: str = "growth",
                   lang: str = "zh", tolerance: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """One region's record of one indicator over the years (`over_time`): every year with a
    target or an outcome, the target's outcome from whichever report states it."""
    check_lang(lang)
    facts = _facts(observations)
    facts = facts[facts["region"] == region] if region in set(facts["region"]) else facts  # one region's work
    table = compare.select(compare.over_time(facts, tolerance=tolerance), region=region)
    if indicator not in INDICATORS:
        raise ParameterError(f"indicator {indicator!r} not in the indicators; valid: {', '.join(INDICATORS)}")
    available = _in_order(table["indicator"])
    if indicator not in available:
        raise ParameterError(f"indicator {indicator!r} has no target or outcome of {region}; "
                             f"valid: {', '.join(available)}")  # fmt: skip
    table = table[table["indicator"] == indicator]
    if measure not in set(table["measure"]):
        valid = [m for m in ("growth", "level") if m in set(table["measure"])]
        raise ParameterError(f"measure {measure!r} has no figure of {indicator} for {region}; "
                             f"valid: {', '.join(valid)}")  # fmt: skip
    return table[table["measure"] == measure].reset_index(drop=True)


def over_time_sets(facts: pd.DataFrame, years: int = 3) -> list[tuple[str, str, str, str]]:
    """(region, indicator, measure, its first and last year "2019-2023") with a numeric target
    and its outcome in at least `years` years: a page each."""
    table = compare.over_time(facts)
    both = table[table["target"].notna() & table["outcome"].notna()]
    counts = both.groupby(["region", "indicator", "measure"])["period"].nunique()
    keys = sorted((key for key, n in counts.items() if n >= years), key=lambda k: (k[0], INDICATORS.index(k[1]), k[2]))
    spans = table.groupby(["region", "indicator", "measure"])["period"].agg(["min", "max"])
    return [(*key, f"{spans.loc[key, 'min']}-{spans.loc[key, 'max']}") for key in keys]


def over_time_summary(table: pd.DataFrame, lang: str = "zh") -> HTML:
    """One line: the years met out of the years with a target and an outcome, and the mean gap."""
    check_lang(lang)
    both = table[table["target"].notna() & table["outcome"].notna()]
    met = int(both["met"].fillna(False).sum())
    unit = "个百分点" if (table["measure"] == "growth").all() else ""
    unit = unit or (table["unit_norm"].iloc[0] if len(table) else "")
    gap = f"{round(both['gap'].mean(), 2):+.3g}".replace("-", "\u2212") if len(both) else "—"
    if lang == "zh":
        line = f"有目标和结果的{len(both)}年中完成{met}年；平均差距（结果减目标）{gap}{unit}。"
    else:
        words = unit_label(unit, "en") if unit else ""
        line = (f"Met in {met} of the {len(both)} years with a target and an outcome; mean gap "
                f"(outcome minus target) {gap} {words}.")  # fmt: skip
    return HTML(f"<p><strong>{html.escape(line)}</strong></p>")


# Columns of the over-time table a reader needs.
OVER_TIME_COLUMNS = ["period", "target", "target_high", "qualifier", "text", "outcome", "outcome_kind", "gap",
                     "met", "target_evidence", "outcome_evidence"]  # fmt: skip


def growth(frame: pd.DataFrame) -> pd.DataFrame:
    """The growth rows of a table (rates share one scale; amounts do not)."""
    return frame[frame["measure"] == "growth"]


# -- names and tables ---------------------------------------------------------------------------


def labelled(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A copy with regions, indicators, kinds and qualifiers named in `lang`."""
    out = frame.copy()
    for column, label in (("region", region_label), ("parent_region", region_label),
                          ("ancestor", region_label), ("indicator", indicator_label), ("kind", kind_label),
                          ("outcome_kind", kind_label), ("qualifier", qualifier_label),
                          ("ancestor_qualifier", qualifier_label)):  # fmt: skip
        if column in out:
            out[column] = [label(v, lang) if isinstance(v, str) and v else v for v in out[column]]
    if "met" in out:
        words = {True: "完成", False: "未完成"} if lang == "zh" else {True: "met", False: "missed"}
        out["met"] = [words[bool(v)] if not pd.isna(v) else "" for v in out["met"]]
    out.columns = [_column_label(c, lang) for c in out.columns]
    if out.index.name == "region":
        out.index = [region_label(r, lang) for r in out.index]
        out.index.name = "region"
    return out


def _column_label(column, lang: str):
    """'gdp (亿元)', a column of cross_region, -> '地区生产总值 (亿元)'; other columns unchanged."""
    match = re.fullmatch(r"(\w+) \((.*)\)", str(column))
    if not match or match[1] not in INDICATORS:
        return column
    return f"{indicator_label(match[1], lang)} ({unit_label(match[2], lang)})"


def html_table(frame: pd.DataFrame, lang: str = "zh", columns=None, label: bool = True) -> HTML:
    """The frame (or its `columns`) as an HTML table, every cell escaped: report text is
    data, not markup. With `label`, ids are named in `lang` (gdp -> 地区生产总值).

    A column `<role>_evidence` (target_evidence, outcome_evidence, ancestor_evidence) is made
    from the table's evidence columns of that role: each cell a <details> element naming the
    documents, which opens on the sentence with the figure marked (`evidence.Evidence`)."""
    check_lang(lang)
    frame, made = frame.copy(), set()
    for column in columns or []:
        role = column.removesuffix("_evidence")
        if column not in frame and column != role and f"{role}_source_text" in frame:
            frame[column] = evidence_of(frame, role)
            made.add(column)
    frame = frame[list(columns)] if columns else frame
    shown = labelled(frame, lang) if label else frame
    # Evidence is HTML made here from escaped text: each cell is a token while pandas escapes
    # the table, then the token is replaced by the element. The tokens are new on every call,
    # so no report text can stand in for one.
    nonce, pieces = secrets.token_hex(8), {}
    for column in shown.columns:
        if column in made or shown[column].map(lambda v: isinstance(v, Evidence)).any():
            tokens = []
            for value in shown[column]:
                token = f"evidence-{nonce}-{len(pieces)}"
                pieces[token] = value.html(lang) if isinstance(value, Evidence) else ""
                tokens.append(token)
            shown[column] = tokens
    index = shown.index.name is not None
    table = shown.to_html(escape=True, na_rep="", index=index, border=0)
    if pieces:
        table = re.sub(rf"evidence-{nonce}-\d+", lambda m: pieces[m[0]], table)
    return HTML(table)


# -- walkthrough (analysis/walkthrough.py: it reads a report, so it loads the reading chain) -----


def walkthrough(doc: str, row: int = -1, lang: str = "zh"):
    """One report followed from its raw text to its rows: see `analysis.walkthrough.walkthrough`."""
    from .walkthrough import walkthrough as follow

    return follow(doc, row, lang)


def find_report(doc: str) -> Path:
    """A report by its file name in seeds/, or by its path (`analysis.walkthrough.find_report`)."""
    from .walkthrough import find_report as find

    return find(doc)

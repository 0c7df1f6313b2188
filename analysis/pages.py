"""What each notebook page shows: its parameters checked, its tables, its names.

The notebooks in notebooks/ are prose and one-line calls into this module,
`analysis.compare` and `analysis.plot`; everything they compute is here and
tested. Text that comes from reports is escaped before it becomes HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from . import compare
from .compare import ParameterError
from .corpus import read_reports
from .labels import check_lang, indicator_label, kind_label, qualifier_label, region_label
from .normalise import normalise
from .read import read_text
from .table import INDICATORS

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"


def load_observations(data: str = "") -> pd.DataFrame:
    """The observations table: a CSV or Parquet file made by `python -m analysis
    extract`, or, for "", the project's seeds/ read with their manifest."""
    if not data:
        return read_reports([SEEDS], manifest=SEEDS / "manifest.csv")
    path = Path(data)
    if path.suffix.lower() not in (".csv", ".parquet") or not path.is_file():
        raise ParameterError(f"data {data!r} is not a .csv or .parquet file; valid: such a file "
                             "made by `python -m analysis extract`, or '' for the project's seeds")  # fmt: skip
    frame = pd.read_parquet(path) if path.suffix.lower() == ".parquet" else pd.read_csv(
        path, keep_default_na=False, na_values={"value": [""], "value_norm": [""], "value_high": [""]}
    )
    return compare._observations(frame)


def _indicators(indicators, available) -> list[str]:
    indicators = [indicators] if isinstance(indicators, str) else list(indicators or [])
    for indicator in indicators:
        if indicator not in INDICATORS:
            raise ParameterError(f"indicator {indicator!r} not in the indicators; valid: {', '.join(INDICATORS)}")
        if indicator not in available:
            raise ParameterError(f"indicator {indicator!r} has no figure here; valid: {', '.join(available)}")
    return indicators or list(available)


def target_vs_actual_page(observations, region: str, period: int = 0, indicators=(), lang: str = "zh",
                          tolerance: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """The target_vs_actual pairs that have an outcome, of one region (one target
    year, or 0 for all), growth rates only, for the indicators asked (all when none)."""
    check_lang(lang)
    pairs = compare.target_vs_actual(compare.facts(observations), tolerance=tolerance)
    pairs = compare.select(pairs[pairs["outcome"].notna()], region=region)
    if period:
        pairs = compare.select(pairs, period=period)
    pairs = pairs[pairs["measure"] == "growth"]
    wanted = _indicators(indicators, sorted(set(pairs["indicator"]), key=INDICATORS.index))
    return pairs[pairs["indicator"].isin(wanted)].reset_index(drop=True)


def cross_district_page(observations, period: int, kind: str = "target", indicators=(),
                        measure: str = "growth", lang: str = "zh") -> pd.DataFrame:  # fmt: skip
    """Regions side by side for one year (cross_region), with at least two regions."""
    check_lang(lang)
    facts = compare.facts(observations)
    wide = compare.cross_region(facts, period, kind, list(indicators) or None, measure)
    if len(wide) < 2:
        raise ParameterError(f"period {period} has figures of {len(wide)} region(s) for kind {kind!r}; "
                             f"valid periods: {', '.join(map(str, cross_district_periods(facts, kind)))}")
    return wide


def cross_district_periods(facts: pd.DataFrame, kind: str, measure: str = "growth") -> list[int]:
    kinds = ["actual", "estimate"] if kind == "outcome" else [kind]
    chosen = facts[facts["kind"].isin(kinds) & (facts["measure"] == measure) & facts["value_norm"].notna()]
    counts = chosen.groupby("period")["region"].nunique()
    return sorted(int(p) for p in counts[counts >= 2].index)


def targets_by_level_page(observations, period: int, lang: str = "zh") -> pd.DataFrame:
    """Each region's targets against its parent's for one year (amplification)."""
    check_lang(lang)
    table = compare.amplification(compare.facts(observations))
    return compare.select(table, period=period).reset_index(drop=True)


def figure_name(page: str, *parts) -> str:
    """A stable ASCII file name: target_vs_actual_ganxianqu_2020."""
    words = [page] + [_ascii(str(p)) for p in parts if p not in ("", None, 0)]
    return "_".join(words)


def _ascii(part: str) -> str:
    if re.fullmatch(r"[\x00-\x7f]+", part):
        return re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-")
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(part))


def labelled(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A copy with regions, indicators, kinds and qualifiers named in `lang`."""
    out = frame.copy()
    for column, label in (("region", region_label), ("parent_region", region_label),
                          ("indicator", indicator_label), ("kind", kind_label),
                          ("outcome_kind", kind_label), ("qualifier", qualifier_label),
                          ("parent_qualifier", qualifier_label)):  # fmt: skip
        if column in out:
            out[column] = [label(v, lang) if isinstance(v, str) and v else v for v in out[column]]
    return out


# The columns of target_vs_actual a reader needs beside the chart.
PAIR_COLUMNS = ["indicator", "period", "target", "qualifier", "text", "outcome", "outcome_kind", "gap", "met",
                "target_docs", "outcome_docs"]  # fmt: skip


def html_table(frame: pd.DataFrame, lang: str = "zh", columns=None) -> HTML:
    """The frame (or its `columns`) as an HTML table, every cell escaped: report
    text is data, not markup."""
    frame = frame[list(columns)] if columns else frame
    return HTML(labelled(frame, lang).to_html(escape=True, na_rep="", index=False, border=0))


def highlight_evidence(source_text: str, start: int, end: int) -> str:
    """HTML of a sentence with [start, end) marked; everything escaped.

    >>> highlight_evidence("<b>增长9%</b>", 5, 7)
    '&lt;b&gt;增长<mark>9%</mark>&lt;/b&gt;'
    """
    return (html.escape(source_text[:start]) + "<mark>" + html.escape(source_text[start:end])
            + "</mark>" + html.escape(source_text[end:]))  # fmt: skip


def report_text(doc: str) -> str:
    """The normalised text of a seed report (offsets of the table index it)."""
    path = SEEDS / doc
    if not path.is_file():
        valid = ", ".join(p.name for p in sorted(SEEDS.glob("*.txt")))
        raise ParameterError(f"doc {doc!r} not in seeds/; valid: {valid}")
    return normalise(read_text(path))


def evidence_html(observations: pd.DataFrame, doc: str, row: int = 0, context: int = 60) -> HTML:
    """The passage of `doc` around one row's evidence, the evidence marked."""
    rows = compare.select(observations, doc=doc).reset_index(drop=True)
    if not 0 <= row < len(rows):
        raise ParameterError(f"row {row} not in the rows of {doc}; valid: 0 to {len(rows) - 1}")
    text = report_text(doc)
    start, end = int(rows.loc[row, "char_start"]), int(rows.loc[row, "char_end"])
    left = max(0, start - context)
    passage = highlight_evidence(text[left : end + context], start - left, end - left)
    return HTML(f"<blockquote style='line-height:1.8'>{passage.replace(chr(10), '<br>')}</blockquote>")


def rows_of_sentence(observations: pd.DataFrame, doc: str, row: int = 0) -> pd.DataFrame:
    """All rows read from the same sentence (or table row) as row `row` of `doc`."""
    rows = compare.select(observations, doc=doc).reset_index(drop=True)
    sentence = rows.loc[row, "source_text"]
    columns = ["indicator", "indicator_text", "period", "kind", "measure", "value", "unit", "qualifier",
               "basis", "text"]  # fmt: skip
    return rows.loc[rows["source_text"] == sentence, columns].reset_index(drop=True)

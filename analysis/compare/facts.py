"""The observations table -> facts: one row per region, indicator, period, kind and measure.

The observations table (DATA_CONTRACT.md) has one row per figure per document. Questions about
the reports are joins across documents, so `facts` first reduces it to one row per figure,
naming every document that states it and flagging where documents disagree, with the sentence
each figure was read from. Every other comparison joins facts.
"""

from __future__ import annotations

import pandas as pd

from ..observations import result
from .evidence import mark_records
from .inputs import check_observations
from .schemas import FACT_ORDER, FACTS, fact_key, fact_row, region_info


def facts(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per region, indicator, period, kind and measure (and basis), with its documents.

    Targets and outcomes are kept apart. Where an actual and an estimate exist for one year the
    actual is used (`kind` says which) and the estimate is described in `superseded`. Where
    documents disagree on a figure (value, range, qualifier, wording or unit), `conflict` is
    True, the row keeps the figure of the first document (ordered by report_year, then doc id)
    and `conflict_note` lists every variant with its documents: nothing is picked silently.
    The figure's evidence comes with it: `doc` (the document whose figure is kept),
    `source_text` (its sentence) and `mark_start`, `mark_end` (where the figure stands in the
    sentence; -1 where it is not found, see `evidence.mark_records`).

    >>> from analysis.compare import make_observations
    >>> obs = make_observations([
    ...     dict(doc="gwr", region="青云谱区", indicator="gdp", period=2021, kind="estimate",
    ...          value=9, qualifier="about"),
    ...     dict(doc="plan", region="青云谱区", indicator="gdp", period=2021, kind="estimate",
    ...          value=8.5, qualifier="about"),
    ... ])
    >>> row = facts(obs).iloc[0]
    >>> print(row["kind"], row["value_norm"], row["docs"], row["conflict"], row["conflict_note"])
    estimate 9.0 gwr; plan True 9 about (gwr); 8.5 about (plan)
    """
    obs = check_observations(observations).sort_values(["report_year", "doc", "char_start"],
                                                       kind="stable")  # fmt: skip
    records = mark_records(obs.to_dict("records"))
    groups: dict[tuple, list[dict]] = {}
    for record in records:
        groups.setdefault(fact_key(record), []).append(record)
    rows = [fact_row(group) for group in groups.values()]
    frame = pd.DataFrame(rows, columns=list(FACTS.columns))
    level, parent = region_info(records)
    frame["region_level"] = [level.get(region, "other") for region in frame["region"]]
    frame["parent_region"] = [parent.get(region, "") for region in frame["region"]]
    return result(FACTS, frame.sort_values(FACT_ORDER, kind="stable").reset_index(drop=True))

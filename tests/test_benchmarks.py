"""The benchmark's synthetic corpus is real work for the extractor (no timing here)."""

from __future__ import annotations

import analysis
from benchmarks import corpus


def test_generated_documents_are_readable_and_yield_rows(tmp_path):
    paths = corpus.generate(tmp_path, 8)
    assert {p.suffix for p in paths} == {".txt", ".html"}
    table = analysis.read_reports(paths)
    assert table.attrs["unreadable"] == []
    assert set(table["doc"]) == {p.name for p in paths}
    own = table.groupby("doc")["region"].agg(lambda r: r.value_counts().index[0])
    assert own.nunique() == 8  # each document renamed to another place

"""The benchmark's synthetic corpus is real work for the extractor (no timing here)."""

from __future__ import annotations

import pytest

from analysis.reading.corpus import iter_extractions
from analysis.reading.files import read_text
from benchmarks import corpus


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Five documents: one from each seed, saved in each of the three forms."""
    return corpus.generate(tmp_path_factory.mktemp("bench"), 5)


def test_generated_documents_come_in_every_form(generated):
    assert [p.suffix for p in generated] == [".txt", ".txt", ".html", ".txt", ".txt"]
    gb18030 = generated[1].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb18030.decode("utf-8")  # really GB18030, so the reader must detect it
    assert generated[2].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_generated_documents_are_readable_and_renamed(generated):
    seeds = corpus.seed_reports()
    for path, (_, seed_text, seed_region, _) in zip(generated, seeds):
        text = read_text(path)
        assert "<p>" not in text
        assert seed_region not in text
        assert text != seed_text


def test_extraction_yields_rows_for_every_generated_document(generated):
    outcomes = list(iter_extractions(generated))
    assert [o.error for o in outcomes] == [""] * len(generated)
    seed_regions = {region for _, _, region, _ in corpus.seed_reports()}
    for outcome in outcomes:
        assert outcome.extraction.rows, outcome.path.name
        assert outcome.extraction.meta.region not in seed_regions


def test_a_smaller_corpus_is_the_first_documents_of_a_larger(tmp_path):
    large = corpus.generate(tmp_path / "large", 7)
    small = corpus.generate(tmp_path / "small", 3)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:3]]
    linked = corpus.subset(large[:3], tmp_path / "linked")
    assert [p.read_bytes() for p in linked] == [p.read_bytes() for p in small]


def test_the_corpus_is_never_written_inside_the_project():
    with pytest.raises(ValueError, match="never written inside the project"):
        corpus.generate(corpus.PROJECT / "bench_corpus", 1)

"""The codebook lists every column of the schema and every indicator id, with the vocabularies, from
the library's own definitions, and agrees with DATA_CONTRACT.md."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import codebook as cb
from analysis import observations
from analysis.__main__ import main
from analysis.labels import indicator_label
from analysis.units import STANDARD_UNIT

from .conftest import ROOT


def _contract_columns() -> dict[str, tuple[str, str]]:
    """Column -> (type, meaning) as the contract's "Columns" table gives them."""
    text = (ROOT / "DATA_CONTRACT.md").read_text(encoding="utf-8")
    section = text[text.index("## Columns"):text.index("## Canonical indicators")]
    columns = {}
    for names, kind, meaning in re.findall(r"^\| ([a-z_, ]+) \| ([a-z ]+) \| (.+) \|$", section, re.M):
        for name in names.split(", "):
            columns[name] = (kind, meaning)
    del columns["column"]  # the table's header
    return columns


def test_the_codebook_lists_every_column_of_the_schema_in_order():
    book = cb.codebook()
    assert book.loc[book["section"] == "column", "name"].tolist() == list(observations.COLUMNS)
    assert (book.loc[book["section"] == "column", "meaning"] != "").all()


def test_column_meanings_are_the_contracts():
    book = cb.codebook().query("section == 'column'")
    listed = {row["name"]: (row["type"], row["meaning"]) for row in book.to_dict("records")}
    assert listed == _contract_columns()


def test_the_codebook_lists_every_indicator_with_its_names_and_standard_unit():
    book = cb.codebook().query("section == 'indicator'")
    assert book["name"].tolist() == list(observations.INDICATORS)
    for row in book.to_dict("records"):
        assert (row["zh"], row["en"], row["unit"]) == (
            indicator_label(row["name"], "zh"), indicator_label(row["name"], "en"), STANDARD_UNIT[row["name"]])


@pytest.mark.parametrize("field", list(cb.VOCABULARIES))
def test_the_codebook_gives_each_value_of_a_vocabulary_a_meaning(field):
    book = cb.codebook().query("section == @field")
    assert book["name"].tolist() == list(cb.VOCABULARIES[field])
    assert (book["meaning"] != "").all()


def test_a_column_without_a_meaning_is_named(monkeypatch):
    monkeypatch.setattr(observations, "COLUMNS", {**observations.COLUMNS, "note": "str"})
    with pytest.raises(ValueError, match=r"columns\.csv must list the columns .* missing: note$"):
        cb.codebook()


def test_stata_labels_fit_in_80_characters():
    labels = cb.variable_labels()
    assert list(labels) == list(observations.COLUMNS)
    assert all(0 < len(label) <= cb.STATA_LABEL_LENGTH for label in labels.values())
    long = [c for c, meaning in cb.column_meanings().items() if len(meaning) > cb.STATA_LABEL_LENGTH]
    assert long and all(labels[c].endswith("…") and labels[c].count("(") == labels[c].count(")") for c in long)


def test_markdown_names_every_column_and_indicator(capsys):
    assert main(["codebook"]) == 0
    markdown = capsys.readouterr().out
    for name in [*observations.COLUMNS, *observations.INDICATORS, *(v for vs in cb.VOCABULARIES.values() for v in vs if v)]:
        assert f"| `{name}` |" in markdown, name
    assert markdown.count("| (empty) |") == 3  # the qualifier and basis of nothing printed, no review


def test_codebook_files(tmp_path, capsys):
    assert main(["codebook", "-o", str(tmp_path / "codebook.md")]) == 0
    assert (tmp_path / "codebook.md").read_text(encoding="utf-8") == cb.to_markdown()
    assert main(["codebook", "-o", str(tmp_path / "codebook.csv")]) == 0
    written = pd.read_csv(tmp_path / "codebook.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(written, cb.codebook().astype(str))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["codebook.csv", "codebook.md"]
    assert capsys.readouterr() == ("", "")


def test_a_codebook_of_another_format_is_one_line(tmp_path, capsys):
    assert main(["codebook", "-o", str(tmp_path / "codebook.pdf")]) == 2
    assert capsys.readouterr().err == f"analysis: {tmp_path / 'codebook.pdf'}: the codebook must end in .md or .csv\n"
    assert list(tmp_path.iterdir()) == []

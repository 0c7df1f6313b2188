"""Read Chinese local-government reports into one tidy, validated table of headline figures.

The library, by stage:

- `analysis.reading`: report files -> the table (paths, files, word, normalise, metadata,
  sections, tokens, sentences, pairing, appendix_tables, document, manifest, corpus, corrections,
  outputs, export);
- `analysis.observations`: the table itself: the contract's columns, vocabularies, schema;
- `analysis.compare`: comparisons of its figures (facts, targets against outcomes, across
  levels and years), with `compare.schemas`, `compare.levels`, `compare.evidence`; the reasons
  to look at a row again (`compare.checks`) and the checked table every command makes
  (`compare.checked`: read -> corrections -> checks);
- the pages: `pages` and `plot` (what the notebooks call), `load`, `walkthrough`,
  `plot_base`, `plot_time`, `render` (papermill and nbconvert);
- shared words: `units`, `regions`, `labels`, `filenames`, `codebook`, `vocab/`.

>>> import analysis
>>> table = analysis.extract("政府工作报告\\n——2022年2月12日在南昌县第十届人民代表大会第二次会议上\\n"
...                          "2022年工作安排\\n地区生产总值增长7.5%以上。", doc="example.txt")
>>> table[["region", "parent_region", "indicator", "period", "kind", "value", "qualifier"]].values.tolist()
[['南昌县', '南昌市', 'gdp', 2022, 'target', 7.5, 'at_least']]
"""

import importlib

# Name -> the module that defines it. They are imported on first use, so that `from analysis
# import pages, plot` in a notebook does not also load the report-reading chain (~0.15 s).
_EXPORTS = {
    "COLUMNS": "observations",
    "INDICATORS": "observations",
    "OBSERVATIONS": "observations",
    "ReadError": "reading.files",
    "extract": "compare.checked",
    "load_manifest": "reading.corpus",
    "read_reports": "compare.checked",
    "read_text": "reading.files",
    "write_table": "reading.corpus",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})

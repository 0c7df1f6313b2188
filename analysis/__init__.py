"""Read Chinese local-government reports into one tidy, validated table of headline figures.

The library, in three stages, in the order data flows (a stage imports only the stages before
it and the shared modules; tests/test_layout.py keeps it so):

- `analysis.reading`: report files -> the table (paths, files, word, normalise, metadata,
  report_region, report_year, sections, tokens, sentences, pairing, roundups, appendix_tables,
  wide_tables, document, manifest, corpus, corrections, outputs, export);
- `analysis.compare`: the table -> facts and comparisons, a module each (facts,
  target_vs_actual, target_ambition, amplification, over_time, cross_region), with
  `inputs`, `schemas`, `levels`, `evidence`; the reasons to look at a row again (`checks`) and
  the checked table every command makes (`checked`: read -> corrections -> checks);
- `analysis.pages`: the table -> figures and HTML, one module of page functions per notebook
  (target_vs_actual, cross_district, targets_by_level, over_time, walkthrough, review), with
  `load`, `tables`, `plot` (`plot_base`, `plot_time`), `index`, `render` (papermill and
  nbconvert), `templates/`;
- shared by every stage: `observations` (the contract's table: columns, vocabularies,
  schema), `shapes` (tables' shapes, pandera's schemas made of them when validating), `units`,
  `regions`, `labels`, `filenames`, `codebook`, `errors`, `vocab/`;
- `__main__`: the command line, above the stages.

>>> import analysis
>>> table = analysis.extract("政府工作报告\\n——2022年2月12日在南昌县第十届人民代表大会第二次会议上\\n"
...                          "2022年工作安排\\n地区生产总值增长7.5%以上。", doc="example.txt")
>>> table[["region", "parent_region", "indicator", "period", "kind", "value", "qualifier"]].values.tolist()
[['南昌县', '南昌市', 'gdp', 2022, 'target', 7.5, 'at_least']]
"""

import gc
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
# Modules a notebook imports by a short name: `from analysis import pages, plot`.
_MODULES = {"pages": "pages", "plot": "pages.plot"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _MODULES:
        value = _import_for_a_kernel(_MODULES[name])
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    globals()[name] = value
    return value


def _import_for_a_kernel(module: str):
    """A module of the pages stage, imported with the garbage collector paused; what it made is
    then frozen.

    pandas and matplotlib make ~130,000 objects that live as long as the kernel: a
    collection while they load finds next to no garbage, and frozen they are left out of every full
    collection after, and out of the teardown at exit, which cost a fresh kernel's page ~0.3 s
    (papermill and JupyterLab wait for the kernel to end)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(f".{module}", __name__)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_MODULES})

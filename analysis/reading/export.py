"""The table as a Stata .dta or an Excel .xlsx file, for researchers in Stata and journalists in Excel.

Neither format can be appended to as documents are read: `corpus.TableWriter` gathers a run's
validated rows in a Parquet file and hands the finished table to these functions, which write
it to a temporary file that replaces the output in one step. Both carry the codebook: Stata
as variable labels, Excel as a second sheet.
"""

from __future__ import annotations

import os

import pandas as pd
from xlsxwriter.exceptions import XlsxFileError

from ..codebook import codebook, variable_labels
from ..observations import COLUMNS

STATA_DATA_LABEL = "Headline figures of Chinese government reports (python -m analysis)"
STATA_STR_BYTES = 2045  # longer text needs Stata's strL type
EXCEL_ROWS = 1_048_575  # rows of a sheet under its header row
EXCEL_CELL = 32_767  # characters in one cell
EXCEL_WIDTHS = {"region": 10, "indicator": 22, "indicator_text": 24, "text": 20, "source_text": 60}


def write_stata(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """A Stata 14+ file (format 118: UTF-8 text), variable labels from the codebook.

    The source sentence is always a strL; other text becomes one only where it is longer than a
    str2045. Missing numbers (a qualitative target's value, a page where the file has none) are
    Stata's missing value. Variable names are the contract's column names."""
    strl = [column for column, dtype in COLUMNS.items()
            if dtype == "str" and len(frame) and (column == "source_text" or _longest(frame[column]) > STATA_STR_BYTES)]  # fmt: skip
    try:
        frame.to_stata(path, version=118, write_index=False, variable_labels=variable_labels(),
                       convert_strl=strl, data_label=STATA_DATA_LABEL)  # fmt: skip
    except (ValueError, OverflowError) as error:
        raise ValueError(f"cannot be written as a Stata file ({error})") from None


def _longest(texts: pd.Series) -> int:
    return int(texts.str.encode("utf-8").str.len().max())


def write_excel(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """An Excel workbook: the rows on sheet 'indicators' (header frozen, filters on), the
    codebook on sheet 'codebook'. Text is always written as text, never as a formula or link."""
    if len(frame) > EXCEL_ROWS:
        raise ValueError(f"{len(frame):,} rows do not fit on an Excel sheet ({EXCEL_ROWS:,} at most); "
                         "write .csv, .parquet or .dta")  # fmt: skip
    frame = frame.copy()
    for column in (c for c, dtype in COLUMNS.items() if dtype == "str"):
        long = frame[column].str.len() > EXCEL_CELL
        if long.any():  # Excel's limit; a table row of an appendix could be longer
            frame.loc[long, column] = frame.loc[long, column].str.slice(0, EXCEL_CELL - 1) + "…"
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    try:
        _write_sheets(frame, path, options)
    except XlsxFileError as error:  # a file that could not be made (a full disk): an OSError as for the others
        cause = error.args[0] if error.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(error)) from None


def _write_sheets(frame: pd.DataFrame, path, options: dict) -> None:
    with pd.ExcelWriter(path, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        frame.to_excel(writer, sheet_name="indicators", index=False)
        sheet = writer.sheets["indicators"]
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        for index, column in enumerate(frame.columns):
            sheet.set_column(index, index, EXCEL_WIDTHS.get(column, max(8, len(column) + 2)))
        book = codebook()
        book.to_excel(writer, sheet_name="codebook", index=False)
        writer.sheets["codebook"].freeze_panes(1, 0)
        writer.sheets["codebook"].set_column(len(book.columns) - 1, len(book.columns) - 1, 100)


WRITERS = {".dta": write_stata, ".xlsx": write_excel}

# OWASP's advice on CSV injection: a cell a spreadsheet would take for a formula (or for a command,
# through a tab or a carriage return) gets a ' in front, which the spreadsheet shows as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell):
    """A cell as a spreadsheet shows it as text (opt-in: --csv-escape-formulas).

    >>> escape_formula("=SUM(A1:A9).txt"), escape_formula("-2%"), escape_formula("西湖区")
    ("'=SUM(A1:A9).txt", "'-2%", '西湖区')
    """
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with each text cell passed through `escape_formula`; numbers are left as they
    are (a negative value is a number, not a formula)."""
    frame = frame.copy()
    for column in (c for c, dtype in COLUMNS.items() if dtype == "str" and c in frame):
        frame[column] = frame[column].map(escape_formula)
    return frame

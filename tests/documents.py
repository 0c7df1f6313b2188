"""Report files the tests write themselves: PDFs with Chinese text in an embedded CJK font
(fpdf2, with the Noto Sans CJK SC font of the mplfonts package), scanned and encrypted PDFs,
and Word .docx files (python-docx, a writer independent of the reader under test)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def cjk_font() -> Path:
    """Noto Sans CJK SC as installed with mplfonts (found without importing matplotlib)."""
    spec = importlib.util.find_spec("mplfonts")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"


def write_pdf(path: Path, pages: list[list[str]], *, user_password: str | None = None,
              owner_password: str | None = None, width: float | None = None) -> Path:
    """A PDF of `pages`, each a list of lines; `width` (mm) wraps each line into a paragraph
    of that width, as a word processor wraps a long sentence."""  # fmt: skip
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    pdf.add_font("cjk", fname=str(cjk_font()))
    pdf.set_font("cjk", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            if width:
                pdf.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT", h=6)
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is an image (a scan): no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 580, 60), fill="black")  # where a line of text would be
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    pdf.output(str(path))
    return path


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
               merge: tuple[tuple[int, int], tuple[int, int]] | None = None) -> Path:
    """A Word file of `paragraphs`, then `table` (rows of cells); `merge` joins two cells."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(map(len, table)))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        if merge:
            (r1, c1), (r2, c2) = merge
            grid.cell(r1, c1).merge(grid.cell(r2, c2))
    document.save(str(path))
    return path

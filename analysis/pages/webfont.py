"""The CJK font a page carries: a subset of the bundled Noto Sans CJK SC for the characters of the
page, as a web font in the page itself, so that a page reads the same on a machine without a
Chinese font (a container, a JupyterHub, a lab PC) and offline.

The font is the one the figures use (mplfonts' NotoSansCJKsc-Regular.otf, 16 MB, 65,000 glyphs
drawn as cubic curves). Cutting a CFF font to a page's thousand characters takes fontTools about
a second; a TrueType font is cut several times faster. So the characters of GBK (every character
of the reports as read, simplified, 21,000 glyphs with ASCII and punctuation) are converted once
to a TrueType font, kept in the user's cache folder (`cache_folder`), and each page's subset is
cut from it: about 0.3 s and 180 KB (WOFF, zlib) for a page of 1,000 characters. A page with a
character outside GBK that the font has is cut from the whole font instead.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import os
import threading
from functools import lru_cache
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FAMILY = "Noto Sans CJK SC (page)"
# What the base font holds besides GB 2312: ASCII, general punctuation, CJK symbols, full-width forms.
_EXTRA_RANGES = ((0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x2190, 0x2200), (0x2460, 0x2500),
                 (0x25A0, 0x2600), (0x3000, 0x3040), (0xFF00, 0xFFF0))  # fmt: skip
_LOCK = threading.Lock()  # pages are finished in several threads; the base is built once


def cjk_font_path() -> Path:
    """The CJK font file inside the installed mplfonts package (the figures' font too)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package (CJK fonts) is not installed; run `make report`")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE


def base_characters() -> frozenset[str]:
    """Every character of GBK (GB 2312 and the 14,000 characters GBK adds: 勠, 堃) and the ranges above."""
    found = {chr(c) for low, high in _EXTRA_RANGES for c in range(low, high)}
    for first in range(0x81, 0xFF):
        for second in range(0x40, 0xFF):
            try:
                found.add(bytes([first, second]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return frozenset(found)


def cache_folder() -> Path:
    """Where the converted base font is kept: $XDG_CACHE_HOME/analysis (~/.cache/analysis)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "analysis"


@lru_cache(maxsize=1)
def _base_font() -> bytes:
    """The TrueType base font (see the module's words), read from the cache or built and cached."""
    source = cjk_font_path()
    from fontTools import version as fonttools_version

    name = f"{source.stem}-gbk-{source.stat().st_size}-{fonttools_version}.ttf"
    cached = cache_folder() / name
    if cached.is_file():
        return cached.read_bytes()
    data = _truetype(source, "".join(sorted(base_characters())))
    try:  # written whole or not at all; a folder that cannot be written only costs the next run
        cached.parent.mkdir(parents=True, exist_ok=True)
        part = cached.with_name(f".{cached.name}.{os.getpid()}.part")
        part.write_bytes(data)
        part.replace(cached)
    except OSError:
        pass
    return data


def _truetype(source: Path, characters: str) -> bytes:
    """The glyphs of `characters` of a CFF font, converted to TrueType outlines (cu2qu)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(source, lazy=True)
    options = subset.Options(layout_features=[], hinting=False, desubroutinize=True, notdef_outline=True)
    cutter = subset.Subsetter(options)
    cutter.populate(text=characters)
    cutter.subset(font)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_subset(text: str) -> bytes:
    """A WOFF font with the glyphs of every character of `text` that the font has."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    characters = set(text) - {"\n", "\r", "\t"}
    with _LOCK:
        base = _base_font()
    rare = bool((characters - base_characters()) & _whole_font_characters()) if characters - base_characters() else False
    font = TTFont(cjk_font_path(), lazy=True) if rare else TTFont(io.BytesIO(base))
    options = subset.Options(layout_features=[], hinting=False, name_IDs=[1, 2], notdef_outline=True,
                             desubroutinize=True, flavor="woff")  # fmt: skip
    cutter = subset.Subsetter(options)
    cutter.populate(text="".join(sorted(characters)))
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def _whole_font_characters() -> frozenset[str]:
    """Every character outside the base font that the whole font has (𠀀, 〇 of other blocks)."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(c) for c in TTFont(cjk_font_path(), lazy=True).getBestCmap()) - base_characters()


def font_face(text: str) -> str:
    """CSS: an @font-face of the page's font (`font_subset` of `text`) as a data URL, and the
    page's text set in it (before any system font: the same glyphs everywhere)."""
    data = base64.b64encode(font_subset(text)).decode("ascii")
    stack = f"'{FAMILY}', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
    # Code and preformatted text keep a monospaced font for Latin letters; Chinese falls back to the page's.
    mono = f"'DejaVu Sans Mono', Menlo, Consolas, monospace, '{FAMILY}'"
    return (f"@font-face{{font-family:'{FAMILY}';src:url(data:font/woff;base64,{data}) format('woff');"
            "font-display:block}"
            f"body{{--jp-ui-font-family:{stack};--jp-content-font-family:{stack};--jp-code-font-family:{mono};"
            f"font-family:{stack}}}pre,code,kbd,samp,tt{{font-family:{mono}}}"
            "input,select,textarea,button{font-family:inherit}")


def with_font(page: str) -> str:
    """An HTML page with its font embedded (a <style> before </head>), for the characters it holds."""
    style = f"<style>{font_face(page)}</style>"
    at = page.find("</head>")
    return page[:at] + style + page[at:] if at >= 0 else style + page

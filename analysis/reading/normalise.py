"""Traditional -> simplified, full-width -> half-width, scraping debris removed; offsets kept.

Two views of a document:

- `normalise(text)` has exactly the length of `text`, character for
  character, so an offset into it is an offset into the file the user opens.
- `clean(normalised)` drops debris that breaks matching (line breaks inside
  words, spaces inside numbers, pinyin glosses, footnote digits, bookmarks)
  and keeps, for every character it keeps, its offset in the normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import opencc

# Full-width ASCII forms U+FF01..U+FF5E map to U+0021..U+007E one to one.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20})
# Dashes and tildes of ranges (6%－6.5%, 6%～6.5%, 6%—6.5%) read as one hyphen.
_HALF_WIDTH.update({0x2013: 0x2D, 0x2014: 0x2D, 0x2212: 0x2D, 0x301C: 0x7E, 0xFF5E: 0x7E})
# ℅ (care of) stands for % in copies typed with an input method's symbol table.
_HALF_WIDTH.update({0x2105: 0x25})


_HALF_WIDTH_CHARS = {chr(k): chr(v) for k, v in _HALF_WIDTH.items()}
# Replacing each of these characters that the text holds is several times faster than
# str.translate, which looks up every character of the text (none becomes another of them).
_WIDE = re.compile("[" + "".join(re.escape(ch) for ch in _HALF_WIDTH_CHARS) + "]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified with OpenCC, never changing the length.

    >>> to_simplified("地區生產總值增長4.7%")
    '地区生产总值增长4.7%'
    >>> to_simplified("乾安縣若干項目")  # a place name the converter would break is kept
    '乾安县若干项目'
    >>> to_simplified("若干縣區")
    '若干县区'
    """
    converted = _converter().convert(text)
    if len(converted) != len(text):
        # A phrase rule changed the length: convert character by character instead.
        convert = _converter().convert
        converted = "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in text))
    return _place_names_restored(text, converted)


@lru_cache(maxsize=1)
def _misconverted_places() -> dict[str, str]:
    """Official (simplified) place names that the converter changes, by what it makes of them:
    乾安县 -> 干安县, 乾县 -> 干县 (乾 is simplified in these names, not a form of 干)."""
    from .. import regions  # regions reads the division table; imported on first use

    names = {*regions.by_name(), *regions.by_short_name()}
    return {_converter().convert(name): name for name in names if _converter().convert(name) != name}


def _place_names_restored(text: str, converted: str) -> str:
    """`converted` with each place name the converter broke written as the official name, where
    the text has the official name's characters (若干縣 becomes 若干县, not 若乾县)."""
    wrong = _misconverted_places()
    # (A text the converter left as it was, in simplified characters, has nothing to restore.)
    if converted == text or not wrong or not any(name in converted for name in wrong):
        return converted
    pattern = re.compile("|".join(sorted(map(re.escape, wrong), key=len, reverse=True)))
    pieces, at = [], 0
    for match in pattern.finditer(converted):
        start, broken = match.start(), match.group(0)
        official = wrong[broken]
        if all(text[start + i] == ch for i, ch in enumerate(official) if ch != broken[i]):
            pieces += [converted[at:start], official]
            at = match.end()
    return "".join([*pieces, converted[at:]])


# A middle dot between digits is a decimal point in older typesetting (增长14·1％).
# (A pattern for each dot, which comes first in it: the engine skips to one character much
# faster than to one of a class, and most reports print a dot only between words.)
_DOT_DECIMALS = {dot: re.compile(rf"{dot}(?<=\d{dot})(?=\d)") for dot in "·•・"}


def normalise(text: str) -> str:
    """Simplified characters and half-width digits and punctuation, same length.

    >>> normalise("ＧＤＰ增長８．２％")
    'GDP增长8.2%'
    >>> normalise("增长14·1％")
    '增长14.1%'
    """
    half, at = text, 0
    # (Each kind of wide character replaced where it is first found, the search going on from there:
    # one pass along the text, and no list of the thousands of full-width commas of a report.)
    while wide := _WIDE.search(half, at):
        half = half.replace(wide.group(0), _HALF_WIDTH_CHARS[wide.group(0)])
        at = wide.start()
    for dot, decimal in _DOT_DECIMALS.items():
        if dot in half:
            half = decimal.sub(".", half)
    return to_simplified(half)


@dataclass(frozen=True)
class Cleaned:
    """Text for matching, and where each of its characters stands in the normalised text.

    The cleaned text is pieces of the normalised text: piece k begins at `starts[k]` in the
    cleaned text and at `sources[k]` in the normalised one (a table of pieces, not of every
    character: a report has a few hundred pieces and tens of thousands of characters)."""

    text: str
    starts: tuple[int, ...]
    sources: tuple[int, ...]

    def offset(self, index: int) -> int:
        """The offset in the normalised text of the cleaned text's character `index`."""
        piece = bisect_right(self.starts, index) - 1
        return self.sources[piece] + index - self.starts[piece]

    @property
    def origin(self) -> list[int]:
        """Every character's offset in the normalised text."""
        ends = [*self.starts[1:], len(self.text)]
        return [i for k, source in enumerate(self.sources) for i in range(source, source + ends[k] - self.starts[k])]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the normalised text of the cleaned slice [start, end)."""
        if end <= start:
            at = self.offset(start) if start < len(self.text) else self._end()
            return at, at
        return self.offset(start), self.offset(end - 1) + 1

    def _end(self) -> int:
        return self.offset(len(self.text) - 1) + 1 if self.text else 0


_CJK = r"\u3400-\u9fff"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space and joiners, BOM, soft hyphen
# What goes: each pattern marks characters to drop from the matching view (its
# group 1 where it has one: patterns begin with a literal, which is fast).
_DEBRIS = [
    # Pinyin glosses injected after characters: 預(yù)計
    re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"),
    # Word-processor bookmarks and endnotes pasted as text: [bookmark: _GoBack],
    # [endnoteRef:3], and the endnote bodies "[3: .“阳光驿道”：指…]" placed inline.
    re.compile(r"\[(?:bookmark|endnoteRef|footnoteRef):[^\]\n]*\]|\[\d{1,3}: [^\]\n]*\]"),
    # Footnote markers glued after a quoted term: “六稳”1工作, “胡子工程”1;
    re.compile(r"”(\d{1,2})(?![\d.%％年月日个亿万元人])"),
    # A line break between a number and its unit or decimals: 89.9⏎%
    # (not before another digit: cells of a table stand on their own lines; the break comes
    # first in the pattern, which then skips quickly to each break).
    re.compile(r"\n(?<=\d\n)(?=%|\.\d)"),
    # Markup of a web page saved as text (<p cms-style="font-L">, <font …>, </p>).
    re.compile(r"</?(?:p|font|span|div|strong|b|i|em|br|a|img|section|td|tr|th|table|tbody|h[1-6]|li|ul|ol)(?:\s[^<>\n]{0,300})?/?>", re.IGNORECASE),
]
# Invisible characters (zero-width space and joiners, soft hyphen, a BOM inside the text), which
# copies leave between a number and its unit: 30.6\u200b万亿元. (Rare: looked for as plain
# characters first, which is much faster than a character class along the whole text.)
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}][{_INVISIBLE}]*")
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_WITHOUT_INVISIBLE = str.maketrans("", "", _INVISIBLE)


_SENTENCE_ENDS = "。；;：:！!？?"


def _width(line: str) -> int:
    """Display width, counting every non-ASCII character as wide (CJK text)."""
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


def wrapped_breaks(text: str) -> list[int]:
    """Line breaks that a fixed-width page put inside sentences.

    On a page wrapped at a fixed width, most long lines fill that width and do
    not end a sentence; the break after such a line is not a break of the text.
    Reports whose paragraphs are single lines (ending 。) are left alone.
    """
    lines = text.split("\n")
    # (A line of fewer than 18 characters is narrower than 36, less than `full` can be: not measured.)
    widths = [_width(line) if len(line) >= 18 else 0 for line in lines]
    wide = sorted(w for w in widths if w >= 40)
    if len(wide) < 4:
        return []
    full = 0.9 * wide[int(0.9 * (len(wide) - 1))]
    starts = accumulate((len(line) + 1 for line in lines), initial=0)
    near = [(start, line) for start, line, w in zip(starts, lines, widths) if w >= full]
    open_ended = [(start, line) for start, line in near if line[-1] not in _SENTENCE_ENDS]
    if len(open_ended) < 3 or len(open_ended) < 0.5 * len(near) or len(near) < 0.5 * len(wide):
        return []
    following = {start: text[start + len(line) + 1 : start + len(line) + 2] for start, line in open_ended}
    return [start + len(line) for start, line in open_ended if following[start].strip()]


# Words after which a value follows in the same sentence (增长⏎7.6%), and the words with
# which a value's line continues an indicator's line (全年GDP⏎增长5.3%左右).
_OPEN_END = re.compile(r"(?:增长|下降|达到|达|实现|为|约|超过|突破|分别|完成)$")
_CONTINUES = re.compile(r"^(?:分别|同比|比上年|较上年)?(?:增长|下降|增幅|达到|达|实现|为|完成)")
# A percentage in Chinese numerals (百分之五点一), as older and copied reports print them.
_IN_WORDS = "百分之[零〇一二两三四五六七八九十百点]+"
_VALUE_IN = re.compile(rf"\d(?:\.\d+)?\s*(?:%|亿|万|元|人)|{_IN_WORDS}")
_LIST_END = "、,，"
_VALUE_END = re.compile(rf"(?:\d\s*(?:%|亿元|万元|元|万人|人|亿美元|万美元|万吨|吨)|{_IN_WORDS})\s*$")
_LIST_VALUE = re.compile(r"\s*[和及、]\s*(?:\d|百分之)")
_QUALIFIER_AFTER = re.compile(r"\s*(?:左右|以上|以内|以下|上下)")
_UNIT_STARTS = "%.亿万元人斤吨公美个"


# A page's number printed between its lines by a PDF copy: "- 3 -", "第3页 共20页".
_PAGE_MARK = re.compile(r"[ \t]*(?:-+[ \t]*\d{1,4}[ \t]*-+|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)[ \t]*")


def _is_page_mark(line: str) -> bool:
    return len(line) < 30 and ("-" in line or "页" in line) and bool(_PAGE_MARK.fullmatch(line))


def broken_lines(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Line breaks inside a sentence of a PDF or infographic copy, found by what they split,
    and the lines that hold only a page's number (dropped too: they stand inside sentences).

    Kept are breaks after a sentence's end, around blank lines and between the cells of a
    flattened table (a name, its unit, its values each on a line). Dropped are breaks
    after a list's comma (城镇、⏎农村居民…), inside a word or a value (規模以上⏎工業增加值,
    316亿⏎元, 增长⏎7.6%), and between an indicator's line and the line of its value
    (全年GDP⏎增长5.3%左右); a line holding only a page's number between them is skipped.
    """
    breaks: list[int] = []
    marks: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None  # the last line with words, and where it ends
    closed = True  # whether that line ends a sentence (most lines of a report do: 。)
    newlines: list[int] = []  # the breaks since it
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        words = line.rstrip()
        if not words:
            previous, closed, newlines = None, True, []  # a blank line ends a paragraph
        elif _is_page_mark(line) or not words.strip(_INVISIBLE):
            marks.append((start, end))  # a page's number, or a line of invisible characters only
        else:
            if not closed and _continues(text[max(previous[0], previous[1] - 40) : previous[1]], line):
                breaks.extend(newlines)
            previous, newlines = (start, end), []
            closed = words[-1] in _SENTENCE_ENDS or words[-1] in "”\")）"
        if end < len(text):
            newlines.append(end)
    return breaks, marks


def _continues(before: str, line: str) -> bool:
    """Whether `line` continues the sentence that `before` (the end of the line above) leaves open."""
    from .tokens import find_indicators, find_values  # tokens reads the vocabulary

    if _HAS_INVISIBLE.search(before) or _HAS_INVISIBLE.search(line[:40]):  # 增长5.3\u200b%左右 is a value's line
        before, line = before.translate(_WITHOUT_INVISIBLE), line.translate(_WITHOUT_INVISIBLE)
        if not before.strip():
            return False
    last = before.rstrip()[-1]
    if last in _SENTENCE_ENDS or last in "”\")）":
        return False
    if last in _LIST_END:
        return True
    if _VALUE_END.search(before) and (_LIST_VALUE.match(line) or _QUALIFIER_AFTER.match(line)):
        return True  # 分别增长5.1%⏎和15.3%, 增长3.5%⏎左右: a list of values, a value's qualifier goes on
    # Spaces go in the matching view too (316 亿⏎元).
    before = _SPACES.sub("", before)
    after = _SPACES.sub("", line[:16])
    joined, seam = before + after, len(before)
    first = after[:1]
    # (Cheap looks first: which kind of split the two sides can make at all.)
    if first.isdigit() or first in _UNIT_STARTS:
        if _spans(find_values(joined), seam):
            return True
        if first.isdigit() and _OPEN_END.search(before) and find_values(after)[:1] and find_values(after)[0].start == 0:
            return True
    if after.startswith("百分之") and (_OPEN_END.search(before) or before[-1] in "和及"):
        return True  # 增长⏎百分之七点六, 分别增长百分之五点一和⏎百分之十五点三
    if _CJK_CHAR.match(first) and _CJK_CHAR.match(before[-1:]) and _spans(find_indicators(joined), seam):
        return True
    return bool(_CONTINUES.match(after) and _VALUE_IN.search(after) and _ends_with_indicator(before))


def _spans(tokens, seam: int) -> bool:
    return any(t.start < seam < t.end for t in tokens)


def _ends_with_indicator(line: str) -> bool:
    from .tokens import find_indicators

    found = find_indicators(line)
    return bool(found) and found[-1].end == len(line) and not found[-1].blocked


# A run of Latin letters and digits with both in it (4kA). The pattern begins with a character
# class, so the engine skips quickly over the Chinese text to where it can start (3x faster
# than a pattern that may begin empty); the length and the characters on either side are
# checked in Python, on the few runs it finds.
_MIXED_RUN = re.compile(
    r"[A-Za-z0-9](?:(?<=[0-9])[0-9]*+[A-Za-z]|(?<=[A-Za-z])[A-Za-z]*+[0-9])[A-Za-z0-9]*+"
)
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_SPACES = re.compile(r"[ \t]+")
# Spaces alone (no tab in the text): the engine skips to one character much faster than to one of a class.
_BLANKS = re.compile("  *")


def _injected_tokens(text: str) -> list[tuple[int, int]]:
    """Tokens of mixed Latin letters and digits injected between characters (4kA)."""
    return [(m.start(), m.end()) for m in _MIXED_RUN.finditer(text)
            if 2 <= m.end() - m.start() <= 5 and m.start() > 0
            and _CJK_CHAR.match(text, m.start() - 1) and _CJK_CHAR.match(text, m.end())]  # fmt: skip


# A web page's list of links to other articles, copied with the report: a line that names the
# list (相关新闻, 推荐阅读:, 【延伸阅读】) and, to the end of the text, only headlines and a
# footer (short lines that end no sentence; a list followed by prose is not one); or a single
# link to the article before or after (上一篇:…). A headline there states another report's
# figure ("九江市2022年地区生产总值增长4.8%"), which is not this report's.
_LIST_NAMES = ("相关新闻", "相关阅读", "相关链接", "相关文章", "相关报道", "相关推荐", "推荐阅读", "延伸阅读", "热点推荐",
               "热门推荐", "猜你喜欢", "更多阅读")  # fmt: skip
_NEIGHBOUR_NAMES = ("上一篇", "下一篇", "上一条", "下一条")
_LINK_LIST = re.compile(
    rf"^[ \t【\[]*(?:{'|'.join(_LIST_NAMES)})"
    r"[】\]]?[ \t]*[:：]?[ \t]*$\n?(?:^[^\n。！？!?]{0,60}$\n?)*\Z",
    re.MULTILINE,
)
_NEIGHBOUR_LINK = re.compile(rf"^[ \t]*(?:{'|'.join(_NEIGHBOUR_NAMES)})[ \t]*[:：][^\n]*$", re.MULTILINE)


def _links_to_other_pages(text: str) -> list[tuple[int, int]]:
    """Lists of links to other articles and links to the article before or after: dropped."""
    if not any(name in text for name in (*_LIST_NAMES, *_NEIGHBOUR_NAMES)):  # (most reports: one cheap look)
        return []
    return [m.span() for m in _LINK_LIST.finditer(text)] + [m.span() for m in _NEIGHBOUR_LINK.finditer(text)]


def _dropped_spaces(text: str):
    """Spaces and tabs, except between two Latin words."""
    for match in (_SPACES if "\t" in text else _BLANKS).finditer(text):
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        if not (before.isascii() and before.isalpha() and after.isascii() and after.isalpha()):
            yield match.span()


def clean(normalised: str) -> Cleaned:
    """Drop debris from normalised text, keeping offsets.

    >>> c = clean("下降 4. 1%，“六稳”1工作")
    >>> c.text
    '下降4.1%，“六稳”工作'
    >>> normalised = "下降 4. 1%"
    >>> start, end = c.span(2, 6)
    >>> normalised[start:end]
    '4. 1%'
    """
    dropped = [m.span(1 if p.groups else 0) for p in _DEBRIS for m in p.finditer(normalised)]
    if any(c in normalised for c in _INVISIBLE):
        dropped += [m.span() for m in _INVISIBLE_RUN.finditer(normalised)]
    dropped += _injected_tokens(normalised)
    dropped += _links_to_other_pages(normalised)
    dropped += _dropped_spaces(normalised)
    joined, page_numbers = broken_lines(normalised)
    dropped += page_numbers
    dropped += [(p, p + 1) for p in {*wrapped_breaks(normalised), *joined}]
    pieces, starts, sources, at, length = [], [], [], 0, 0
    for start, end in [*sorted(dropped), (len(normalised), len(normalised))]:
        if start > at:
            pieces.append(normalised[at:start])
            starts.append(length)
            sources.append(at)
            length += start - at
        at = max(at, end)
    return Cleaned("".join(pieces), tuple(starts), tuple(sources))

"""Where the sentences of a text are: the few that hold an indicator's words, found from the words.

A report has tens of thousands of sentences, a few hundred with an indicator's words: those are
found from the words (`sentences_holding`). A sentence longer than MAX_SENTENCE (a page that
lost its punctuation) is read in windows that end at a clause's end, else before an indicator.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from .tokens import MAX_BEFORE_ANCHOR, any_indicator_positions, find_indicators

_SENTENCE = re.compile(r"[^。！？!?\n]+")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


# The longest stretch read as one sentence. Report sentences run to a few hundred characters
# (the longest of the seeds, the labelled excerpts and the national reports: 377); a page
# that lost its punctuation (a flattened statistics table on one line) would otherwise be one
# sentence of any length, and reading a sentence costs more than its length. Longer
# sentences are read in windows that end at a clause's end, else before an indicator.
MAX_SENTENCE = 1000
_CLAUSE_END = re.compile(r"[;；,，]")

def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: a sentence ends at 。！？ or a line break; one longer than
    MAX_SENTENCE is cut into windows of at most that length."""
    spans = [match.span() for match in _SENTENCE.finditer(text)]
    if all(end - start <= MAX_SENTENCE for start, end in spans):
        return spans
    return [window for start, end in spans for window in _windows(text, start, end)]


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence as read: itself, or windows of at most MAX_SENTENCE characters."""
    windows = []
    while end - start > MAX_SENTENCE:
        cut = _window_end(text, start, start + MAX_SENTENCE)
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return windows


_DELIMITERS = "。！？!?\n"


def sentence_start(text: str, position: int, low: int = 0) -> int:
    """Where the sentence holding `position` begins, looked for back to `low` (0 if none there)."""
    return max([text.rfind(c, max(0, low), position) for c in _DELIMITERS]) + 1


def sentences_holding(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """The sentences (windows) of `sentences(text)` that hold one of the offsets `hits`, found
    from the hits: a report has tens of thousands of sentences, a few hundred with an indicator."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(hits):
        hit = hits[i]
        low = max(0, hit - MAX_SENTENCE)
        start = sentence_start(text, hit, low)
        if start == 0 and low > 0:  # a sentence longer than a window: its start, once
            start = sentence_start(text, hit)
        found = _SENTENCE_END.search(text, hit)
        end = found.start() if found else len(text)
        for window in _windows(text, start, end):
            if bisect_left(hits, window[0]) < bisect_left(hits, window[1]):
                spans.append(window)
        i = bisect_left(hits, end)
    return spans


def sentences_with(text: str, words: str, ends: str = "。\n") -> list[tuple[int, int]]:
    r"""The sentences (stretches between two of `ends`) that hold one of `words` (plain words
    without an end, "|" between them), each from the end before it, where a pattern may begin
    ((?:^|[。\n])…), to the one after it.

    A pattern every match of which holds one of the words and reads no end but as its first
    character finds in these stretches what it finds in the whole text (`finditer(text, start,
    end)`), but is tried on a few sentences, not at every character: a pattern that cannot begin
    with a plain word ((?:^|[。\n]), \d{4}) is slow to search along a whole report. (Each word
    is looked for on its own: the engine skips to one word much faster than to one of several.)"""
    spans: list[tuple[int, int]] = []
    end, seen = -1, 0
    # Where each end last stood before the words seen so far, and where it next stands after
    # them, carried from one word to the next: a text that lacks one of the ends (a page of one
    # line, a text without 。) is not searched back to its start or on to its end for each word.
    before, after = dict.fromkeys(ends, -1), {c: text.find(c) for c in ends}
    for at in sorted(m.start() for word in words.split("|") for m in _plain(word).finditer(text)):
        if at < end:
            continue  # in the sentence just taken
        for c in ends:
            if (found := text.rfind(c, seen, at)) >= 0:
                before[c] = found
            if 0 <= after[c] < at:
                after[c] = text.find(c, at)
        seen = at
        ahead = [found for found in after.values() if found >= 0]
        end = min(ahead) if ahead else len(text)
        spans.append((max(max(before.values()), 0), end))
    return spans


def in_sentences(pattern: re.Pattern, text: str, words: str, ends: str = "。\n") -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose matches hold one of `words` and read none of
    `ends` but as their first character: tried on the sentences holding the words."""
    for start, end in sentences_with(text, words, ends):
        yield from pattern.finditer(text, start, end)


@lru_cache(maxsize=64)
def _plain(word: str) -> re.Pattern:
    return re.compile(re.escape(word))


def _window_end(text: str, start: int, limit: int) -> int:
    """Where a window of text[start:limit] ends: after its last clause end in the second half,
    else before its last indicator there, else at the limit."""
    middle = (start + limit) // 2
    ends = [m.end() for m in _CLAUSE_END.finditer(text, middle, limit)]
    if ends:
        return ends[-1]
    starts = any_indicator_positions(text[middle:limit])
    if starts:
        # an anchor word stands inside its wording: step back to the wording's start
        found = find_indicators(text, max(start, middle + starts[-1] - MAX_BEFORE_ANCHOR), limit)
        if found and found[-1].start > start:
            return found[-1].start
    return limit

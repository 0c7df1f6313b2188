"""Place names in text: every county, district, city and province of the division table.

A name is found where it begins, leftmost first and the longest name there (西湖区 rather than
西湖), as an alternation of the names sorted longest first would find it. The names are looked up
by their first two characters in a dictionary (every name has two or more): a regular expression
of 3,600 names tries each of them in turn at every character, which made finding places the
costliest step of reading a sentence (a few microseconds a character) and of reading a text on
several regions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import regions


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """The names a text may call a place by (provinces' and cities' short names too; counties'
    and districts' in full: two-character stems such as 西湖 are other words), longest first."""
    names = set(regions.by_short_name())
    names.update(n for n in regions.by_name() if len(n) >= 3)
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


@lru_cache(maxsize=1)
def _names_by_start() -> dict[str, tuple[str, ...]]:
    """The names by their first two characters, longest first."""
    table: dict[str, list[str]] = {}
    for name in place_names():
        table.setdefault(name[:2], []).append(name)
    return {start: tuple(found) for start, found in table.items()}


@lru_cache(maxsize=1)
def _first_characters() -> re.Pattern:
    return re.compile(f"[{re.escape(''.join(sorted({name[0] for name in place_names()})))}]")


def name_at(text: str, at: int, end: int | None = None) -> int:
    """Where the longest place name that begins at `at` (and ends by `end`) ends; 0 for none."""
    end = len(text) if end is None else end
    for name in _names_by_start().get(text[at : at + 2], ()):
        if text.startswith(name, at, end):
            return at + len(name)
    return 0


def iter_places(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each place name in text[start:end], left to right, without overlaps."""
    end = len(text) if end is None else end
    at = start
    for first in _first_characters().finditer(text, start, end):
        if first.start() >= at and (found := name_at(text, first.start(), end)):
            yield first.start(), found
            at = found


def places_in(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The place names in text[start:end], repeats included.

    >>> places_in("南昌县、西湖区、高新区和江西")
    ['南昌县', '西湖区', '江西']
    """
    return [text[s:e] for s, e in iter_places(text, start, end)]


def regions_named_all(text: str) -> list[regions.Region]:
    """Every mention of a place in `text`, repeats included, namesakes told apart by `text`."""
    found = []
    for name in places_in(text):
        region = regions.lookup(name, text)
        if region is not None:
            found.append(region)
    return found


def only_places(text: str, context: str = "") -> tuple[regions.Region, ...]:
    """The places `text` consists of, when it is nothing but place names (进贤县, 于都县兴国县);
    () otherwise.

    >>> [r.name for r in only_places("进贤县安义县", "南昌市")]
    ['进贤县', '安义县']
    >>> only_places("进贤县工业")
    ()
    """
    names = places_in(text)
    if not names or "".join(names) != text:
        return ()
    found = [regions.lookup(name, context) for name in names]
    return tuple(found) if all(found) and len(set(found)) == len(found) else ()


def regions_named(text: str, context: str = "") -> tuple[regions.Region, ...]:
    """Places named in a short stretch of text (the words before an indicator).

    >>> [r.name for r in regions_named("南昌县、西湖区、高新区", "南昌市")]
    ['南昌县', '西湖区']
    """
    found = []
    for name in places_in(text):
        region = regions.lookup(name, context)
        if region is not None and region not in found:
            found.append(region)
    return tuple(found)

"""Patterns the engine can skip through: a look-ahead of the characters a match may begin with.

A pattern that begins with alternatives (年均|累计|\\d+-\\d+月|…) or a group is tried in full at
every character of the text searched: the engine builds its fast first-character test only for a
pattern that begins with a plain character, a class, or alternatives that each begin with a plain
character. `quick` puts a look-ahead of a class of every character a match may begin with in front
of such a pattern ((?=[年累\\d…])(?:…)): at each character that no match begins with, it fails at
once. The class is read from the pattern itself (Python's own parser), so a wording added to the
vocabulary is never missed; where it cannot be read (a match may be empty or begin with any
character), the pattern is compiled as it is. Matches, groups and their numbers are unchanged:
the look-ahead consumes nothing and holds no group.
"""

from __future__ import annotations

import re
import re._constants as C  # the parser's opcodes (Python's own: the project needs 3.11 or later)
import re._parser as P

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


class _Unknown(Exception):
    """A match may begin with any character, or the parsed pattern holds what is not read here."""


def _character(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items) -> list[str]:
    """The members of a character class ([…]) as pieces of a class."""
    pieces = []
    for op, av in items:
        if op is C.LITERAL:
            pieces.append(_character(av))
        elif op is C.RANGE:
            pieces.append(f"{_character(av[0])}-{_character(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            pieces.append(_CATEGORIES[av])
        else:  # a negated class ([^…]), or what the parser writes for a case-insensitive class
            raise _Unknown
    return pieces


def _first(items) -> tuple[list[str], bool]:
    """(pieces of a class of the characters a match of `items` may begin with, whether it may be empty)."""
    pieces: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            return [*pieces, _character(av)], False
        if op is C.IN:
            return [*pieces, *_class_items(av)], False
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: what follows begins the match (a superset is safe)
        if op is C.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unknown  # (?i:…): a class of case-insensitive letters is not read here
            found, empty = _first(av[-1])
        elif op is C.BRANCH:
            found, empty = [], False
            for branch in av[1]:
                more, may_be_empty = _first(branch)
                found += more
                empty = empty or may_be_empty
        elif op in _REPEATS:
            found, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:  # any character (.), a back-reference, a negated literal, a conditional
            raise _Unknown
        pieces += found
        if not empty:
            return pieces, False
    return pieces, True


def first_characters(pattern: str, flags: int = 0) -> str | None:
    r"""A class of every character a match of `pattern` may begin with; None where that cannot
    be read from it (a match may be empty, or begin with any character).

    >>> first_characters(r"年均|累计|\d+-\d+月")
    '[年累\\d]'
    >>> first_characters(r"(?:^|[。,])(\d{4})年")  # ^ consumes nothing: a digit may begin a match
    '[。,\\d]'
    >>> first_characters(r"(?:约)?\d*") is None  # a match may be empty
    True
    """
    try:
        parsed = P.parse(pattern, flags)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None  # case-insensitive letters, a pattern's own comments: not read here
        pieces, empty = _first(parsed)
    except (_Unknown, re.error):
        return None
    if empty or not pieces:
        return None
    return "[" + "".join(dict.fromkeys(pieces)) + "]"


def quick(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, with a look-ahead of the characters a match may begin with in
    front where the engine would otherwise try the whole pattern at every character (the same matches)."""
    compiled = re.compile(pattern, flags)
    first = first_characters(pattern, flags)
    if first is None or _skips_already(pattern, flags):
        return compiled
    return re.compile(f"(?={first})(?:{pattern})", flags)


def _skips_already(pattern: str, flags: int) -> bool:
    """Whether the engine's own first-character test applies: the pattern begins with a plain
    character or a class (within groups), or each of its alternatives with a plain character;
    or it is tried at few places anyway (it begins with ^ or another anchor)."""
    items = P.parse(pattern, flags)
    while True:
        if not items.data:
            return False
        op, av = items.data[0]
        if op is not C.SUBPATTERN:
            break
        items = av[-1]
    if op in (C.LITERAL, C.IN, C.AT):
        return True
    return op is C.BRANCH and all(branch.data and branch.data[0][0] is C.LITERAL for branch in av[1])

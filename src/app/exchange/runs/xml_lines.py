"""Where in an XML file (GPX, TCX) something is: a line and column.

The files are parsed with ElementTree, which keeps no positions. A refusal
is rare, so the position is found then, by a second pass with expat that
stops at the element wanted.
"""

from __future__ import annotations

import contextlib
from xml.etree.ElementTree import ParseError


def local_name(tag: str) -> str:
    """"{namespace}Lap" -> "Lap"."""
    return tag.rpartition("}")[2]


def position_of(data: bytes, name: str, occurrence: int = 0) -> tuple[int, int] | None:
    """The (line, column) where the ``occurrence``-th (from 0) element named
    ``name`` (any namespace) starts, columns from 1; None when there is none."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    seen = 0
    found: list[tuple[int, int]] = []

    class _Found(Exception):
        pass

    def start(tag: str, _attributes: object) -> None:
        nonlocal seen
        if local_name(tag) == name:
            if seen == occurrence:
                found.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))
                raise _Found
            seen += 1

    parser.StartElementHandler = start
    with contextlib.suppress(_Found, xml.parsers.expat.ExpatError):
        parser.Parse(data, True)
    return found[0] if found else None


def syntax_position(error: ParseError) -> tuple[int, int]:
    """ElementTree's (line, column) of a syntax error, columns from 1."""
    line, column = error.position
    return line, column + 1

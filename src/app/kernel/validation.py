"""One toolkit for checking data read from a file: the catalog's and the
programs' TOML, the figure's poses, our own JSON export.

Each of those readers used to carry its own copy of the same checks (is it a
table, an unknown key, a whole number in range but not ``true``, a string of
at most so many characters, one of these words), with the same rules written
four times and drifting apart. Here they are written once:

- ``KeyPath``: where a value sits in the file, shown the way a person finds
  it again: ``weeks[1].sessions[2].reps`` (array items counted from 1).
- ``Invalid``: one refused value, with its path, what is wrong and the file
  it came from: ``programs/nordic.toml: weeks[1].sessions[2].reps: ...``.
- ``Checker``: the typed checks, each raising through ``Checker.error``. A
  reader subclasses it to raise the error type its callers catch
  (``CatalogError`` and ``FigureDataError`` are Invalids; the programs'
  ProgramError and the import's ImportFileError are made in ``error``), to
  say things its own way where its messages have always read differently
  (the class-level templates, all in the translation context "Checker"),
  and to add the checks only it needs.

Hand-written, stdlib only: the catalog is read on the way to the first
screen, and pydantic or msgspec would add their import (tens of
milliseconds) to the start-up they are measured against, for checks this
small. The kernel imports nothing else of the app, so the figure package,
just above it, may use it too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, ClassVar, NoReturn, TypeVar

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

# A sentence ends at ., ! or ? followed by a space: "at most 2 sentences".
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
# What a refused value shows of itself, at most (a whole table would drown the message).
SHOWN_MAX = 40


class KeyPath:
    """Where a value sits: keys and array items (counted from 1, as people count).

    ``KeyPath("weeks") / 1 / "sessions" / 2 / "reps"`` reads
    ``weeks[1].sessions[2].reps``; the empty path (the whole document) reads "".
    Keys are shown as they are, dots and all, as the readers always showed them.
    """

    __slots__ = ("parts",)

    def __init__(self, *parts: str | int) -> None:
        self.parts: tuple[str | int, ...] = parts

    def __truediv__(self, part: str | int) -> KeyPath:
        return KeyPath(*self.parts, part)

    def __str__(self) -> str:
        text = ""
        for part in self.parts:
            if isinstance(part, int):
                text += f"[{part}]"
            else:
                text += f".{part}" if text else part
        return text

    def __repr__(self) -> str:
        return f"KeyPath({str(self)!r})"

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeyPath) and other.parts == self.parts

    def __hash__(self) -> int:
        return hash(self.parts)


ROOT = KeyPath()


class Invalid(ValueError):
    """A refused value: ``at`` (its KeyPath), ``message`` (what is wrong) and
    ``source`` (the file as shown to people, None if there is none)."""

    def __init__(self, at: KeyPath, message: str, source: str | None = None) -> None:
        self.at = at
        self.message = message
        self.source = source
        super().__init__(self.text())

    def text(self) -> str:
        """The whole line, ``source: path: message``; a subclass may say it its way."""
        return ": ".join(p for p in (self.source, str(self.at), self.message) if p)


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------


def is_int(value: Any) -> bool:
    """A whole number; ``true`` is not one, though Python counts it as 1."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """An int or a finite float, not a bool."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and (isinstance(value, int) or math.isfinite(value)))


def show(value: Any) -> str:
    """A value written the way it looks in TOML: ``"text"``, ``true``, ``[1, 2]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {show(v)}" for k, v in value.items()) + "}"
    return str(value)


def show_number(value: float) -> str:
    """A number in a range message: 90, 2.5 (1e+300 for a huge one, not 301 digits)."""
    if isinstance(value, int) or (math.isfinite(value) and abs(value) < 1e9):
        return format_decimal(value, 6)
    return f"{value:g}"


def quoted(choices: Iterable[str]) -> str:
    """``"a", "b", "c"``: the words one may give."""
    return ", ".join(f'"{c}"' for c in choices)


def describe(value: Any) -> str:
    """What was given, for "expected ..., got a string "x"": its kind and value."""
    shown = show(value)
    if len(shown) > SHOWN_MAX:
        shown = shown[:SHOWN_MAX - 3] + "..."
    if isinstance(value, bool):
        kind = translate("Checker", "a boolean {value}")
    elif isinstance(value, int):
        kind = translate("Checker", "an integer {value}")
    elif isinstance(value, float):
        kind = translate("Checker", "a float {value}")
    elif isinstance(value, str):
        kind = translate("Checker", "a string {value}")
    elif isinstance(value, list | tuple):
        kind = translate("Checker", "an array {value}")
    elif isinstance(value, Mapping):
        kind = translate("Checker", "a table {value}")
    else:
        return translate("Checker", "a {type} {value}").format(type=type(value).__name__,
                                                               value=shown)
    return kind.format(value=shown)


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------


class Checker:
    """Typed checks of parsed data; each returns the value checked or raises
    ``self.error(at, message)``.

    The templates below are what a reader may say its own way (marked in the
    context "Checker", translated where used); ``{value}`` is filled by
    ``self.describe(value)``, which a reader that must not repeat the value
    (an import of someone's log) overrides.
    """

    NOT_TABLE: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected a table, got {value}")
    NOT_ARRAY: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected an array, got {value}")
    NOT_TEXT: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected a string, got {value}")
    NOT_BOOLEAN: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected true or false, got {value}")
    NOT_INTEGER: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected a whole number, got {value}")
    INTEGER_RANGE: ClassVar[str] = QT_TRANSLATE_NOOP(
        "Checker", "expected a whole number from {low} to {high}, got {value}")
    NOT_NUMBER: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected a number, got {value}")
    NUMBER_RANGE: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "expected {low} to {high}, got {value}")
    MISSING: ClassVar[str] = QT_TRANSLATE_NOOP("Checker", "missing required key")

    def __init__(self, source: str | None = None) -> None:
        self.source = source

    # -- refusing ------------------------------------------------------------------

    def error(self, at: KeyPath, message: str) -> Exception:
        """The exception a refusal raises; a reader returns its own type."""
        return Invalid(at, message, self.source)

    def fail(self, at: KeyPath, message: str) -> NoReturn:
        raise self.error(at, message)

    def describe(self, value: Any) -> str:
        return describe(value)

    def expected(self, at: KeyPath, template: str, value: Any) -> NoReturn:
        """``template`` (a "Checker" message) with ``{value}`` for what was given."""
        self.fail(at, translate("Checker", template).format(value=self.describe(value)))

    # -- tables --------------------------------------------------------------------

    def table(self, value: Any, at: KeyPath) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.expected(at, self.NOT_TABLE, value)
        return value

    def keys(self, table: Mapping[str, Any], allowed: Sequence[str], required: Iterable[str],
             at: KeyPath) -> None:
        """No key outside ``allowed`` (a typo never passes silently), none of ``required`` missing."""
        for key in table:
            if key not in allowed:
                self.fail(at / str(key), translate("Checker", "unknown key (allowed here: {keys})")
                          .format(keys=", ".join(allowed)))
        for key in required:
            if key not in table:
                self.missing(at / key)

    def missing(self, at: KeyPath) -> NoReturn:
        self.fail(at, translate("Checker", self.MISSING))

    def required(self, table: Mapping[str, Any], key: str, at: KeyPath,
                 check: Callable[[Any, KeyPath], T]) -> T:
        """``table[key]`` checked by ``check``; missing is refused."""
        if key not in table:
            self.missing(at / key)
        return check(table[key], at / key)

    def optional(self, table: Mapping[str, Any], key: str, at: KeyPath,
                 check: Callable[[Any, KeyPath], T], default: T) -> T:
        """``table[key]`` checked by ``check``, or ``default`` when the key is not there."""
        return check(table[key], at / key) if key in table else default

    # -- scalars -------------------------------------------------------------------

    def text(self, value: Any, at: KeyPath, max_len: int, *, allow_empty: bool = False,
             multiline: bool = False, sentences: int | None = None) -> str:
        """One line of at most ``max_len`` characters, not blank, not padded with spaces.

        ``allow_empty``: "" passes (a form's blank field); ``multiline``: line
        breaks pass (a paragraph); ``sentences``: at most that many."""
        if not isinstance(value, str):
            self.expected(at, self.NOT_TEXT, value)
        if allow_empty and value == "":
            return value
        if not value.strip():
            self.fail(at, translate("Checker", "must not be empty"))
        if value != value.strip():
            self.fail(at, translate("Checker", "has leading or trailing spaces"))
        if not multiline and ("\n" in value or "\r" in value):
            self.fail(at, translate("Checker", "must be a single line"))
        if len(value) > max_len:
            self.fail(at, translate("Checker", "too long: %n characters, at most {most}",
                                    n=len(value)).format(most=format_integer(max_len)))
        if sentences is not None:
            count = len(_SENTENCE_SPLIT.split(value))
            if count > sentences:
                self.fail(at, translate("Checker", "at most {most} sentences, got {count}").format(
                    most=format_integer(sentences), count=format_integer(count)))
        return value

    def integer(self, value: Any, at: KeyPath, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` (both allowed); ``true`` is refused."""
        if not is_int(value):
            self.expected(at, self.NOT_INTEGER, value)
        if not low <= value <= high:
            self.fail(at, translate("Checker", self.INTEGER_RANGE).format(
                low=format_integer(low), high=format_integer(high), value=value))
        return int(value)

    def number(self, value: Any, at: KeyPath, low: float, high: float, *,
               not_number: str | None = None, out_of_range: str | None = None) -> float:
        """An int or finite float from ``low`` to ``high`` (both allowed); ``true`` is refused.

        ``not_number`` / ``out_of_range``: "Checker" templates of a unit's own
        ("expected {low} to {high} seconds, got {value}")."""
        if not is_number(value):
            self.expected(at, not_number or self.NOT_NUMBER, value)
        if not low <= value <= high:
            self.fail(at, translate("Checker", out_of_range or self.NUMBER_RANGE).format(
                low=show_number(low), high=show_number(high), value=show_number(value)))
        return float(value)

    def boolean(self, value: Any, at: KeyPath) -> bool:
        if not isinstance(value, bool):
            self.expected(at, self.NOT_BOOLEAN, value)
        return value

    def choice(self, value: Any, at: KeyPath, choices: Sequence[str]) -> str:
        """One of ``choices`` (the values of a vocabulary), given as a string."""
        if not isinstance(value, str):
            self.expected(at, self.NOT_TEXT, value)
        if value not in choices:
            self.fail(at, translate("Checker", "expected one of {choices}, got {value}").format(
                choices=quoted(choices), value=show(value)))
        return value

    def member(self, value: Any, at: KeyPath, vocabulary: type[E]) -> E:
        """The member of an Enum vocabulary whose value is given."""
        return vocabulary(self.choice(value, at, [str(m.value) for m in vocabulary]))

    # -- arrays --------------------------------------------------------------------

    def array(self, value: Any, at: KeyPath, count: tuple[int, int] | None = None) -> list[Any]:
        """A list (``count``: of ``low`` to ``high`` items)."""
        if not isinstance(value, list | tuple):
            self.expected(at, self.NOT_ARRAY, value)
        if count is not None and not count[0] <= len(value) <= count[1]:
            self.fail(at, translate("Checker", "expected {low}-{high} items, got {count}").format(
                low=format_integer(count[0]), high=format_integer(count[1]),
                count=format_integer(len(value))))
        return list(value)

    def tables(self, value: Any, at: KeyPath) -> list[Mapping[str, Any]]:
        """An array of tables (TOML's ``[[name]]``)."""
        items = self.array(value, at)
        for i, item in enumerate(items, 1):
            self.table(item, at / i)
        return items

    def list_of(self, value: Any, at: KeyPath, check: Callable[[Any, KeyPath], T], *,
                count: tuple[int, int] | None = None, unique: bool = False) -> tuple[T, ...]:
        """An array whose every item passes ``check`` (``unique``: no item twice)."""
        items = tuple(check(v, at / i) for i, v in enumerate(self.array(value, at, count), 1))
        if unique:
            self.unique(items, at)
        return items

    def unique(self, items: Sequence[Any], at: KeyPath) -> None:
        """Refuse the first item that repeats an earlier one, at its place."""
        seen: list[Any] = []
        for i, item in enumerate(items, 1):
            if item in seen:
                self.fail(at / i, translate("Checker", "repeats {value}").format(value=show(item)))
            seen.append(item)

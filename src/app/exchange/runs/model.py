"""What a run file reads into, and how a file is refused.

A file's runs are ``RunEntry`` values (app.logbook.runs), the same the log
stores; ``RunFile`` is one file's worth. ``RunFileRefused`` names the file
and where in it the reader stopped (a line and column of a CSV or XML file,
a message index and byte of a FIT file), never a value read from it: the
line is shown in the window and on the terminal, and may end up in a bug
report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.kernel.i18n import format_integer, translate
from app.logbook.runs import RunEntry, RunRefusal, validate_run

# A run file is a few megabytes (a 24-hour FIT recorded every second is
# ~5 MB); a file, or what a .gz unpacks to, beyond this is not a run file.
MAX_RUN_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Where:
    """Where in its file a run was read: a line and column (CSV, XML) or a
    FIT message index and byte offset."""

    line: int | None = None
    column: int | str | None = None
    fit_message: int | None = None
    byte: int | None = None


# Where a run's field (a RunEntry field name: "started_at", "duration_s"...)
# was read; found only when a run is refused (an XML position needs a pass).
PlaceOf = Callable[[str], Where]


def _nowhere(_field: str) -> Where:
    return Where()


def fixed_place(where: Where) -> PlaceOf:
    """The same place for every field of a run (a FIT session message)."""
    def place(_field: str) -> Where:
        return where
    return place


@dataclass(frozen=True)
class RunFile:
    """The runs one file holds, in the file's order. ``skipped``: the
    activities it holds that are not runs (a Garmin CSV or Strava export
    lists rides and walks too), said in the report, never imported."""

    path: Path
    entries: tuple[RunEntry, ...]
    skipped: int = 0
    shown: str = ""  # the name the report uses (a member of a .zip), else path's name
    places: tuple[PlaceOf, ...] = field(default=(), compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.shown or self.path.name

    def place(self, index: int) -> PlaceOf:
        return self.places[index] if index < len(self.places) else _nowhere

    def check(self, now: datetime) -> None:
        """Refuse the whole file when one of its runs cannot be true (a run
        in the future, of more than 48 hours...): RunFileRefused naming the
        file, where the run is in it, and the field, never its value."""
        for index, entry in enumerate(self.entries):
            try:
                validate_run(entry, now)
            except RunRefusal as refusal:
                where = self.place(index)(refusal.field)
                raise RunFileRefused(self.path, str(refusal), line=where.line,
                                     column=where.column, fit_message=where.fit_message,
                                     byte=where.byte, shown=self.shown) from None


class RunFileRefused(ValueError):
    """A file nothing is imported from; ``str()`` is the whole line: the file,
    where, and why. ``where`` is one of line/column, or a FIT message index
    and its byte offset."""

    def __init__(self, path: Path, reason: str, *, line: int | None = None,
                 column: int | str | None = None, fit_message: int | None = None,
                 byte: int | None = None, shown: str = "") -> None:
        name = shown or path.name
        column_text = format_integer(column) if isinstance(column, int) else column
        # One whole template per shape, so that a language can order them its
        # own way; the line/column ones are the set importer's (one translation).
        if line is not None and column is not None:
            text = translate("ImportFileError", "{file}, line {line}, column {column}: {reason}") \
                .format(file=name, line=format_integer(line), column=column_text, reason=reason)
        elif line is not None:
            text = translate("ImportFileError", "{file}, line {line}: {reason}").format(
                file=name, line=format_integer(line), reason=reason)
        elif column is not None:
            text = translate("ImportFileError", "{file}, column {column}: {reason}").format(
                file=name, column=column_text, reason=reason)
        elif fit_message is not None and byte is not None:
            text = translate("RunFileRefused", "{file}, FIT message {index} (byte {byte}): {reason}") \
                .format(file=name, index=format_integer(fit_message),
                        byte=format_integer(byte), reason=reason)
        elif byte is not None:
            text = translate("RunFileRefused", "{file}, byte {byte}: {reason}").format(
                file=name, byte=format_integer(byte), reason=reason)
        else:
            text = translate("ImportFileError", "{file}: {reason}").format(file=name, reason=reason)
        super().__init__(text)
        self.path = path
        self.reason = reason
        self.line = line
        self.column = column
        self.fit_message = fit_message
        self.byte = byte
        self.shown = name


@dataclass(frozen=True)
class Source:
    """A file being read: where it is on disk (``path``: the file, or the
    .zip holding it) and the name a refusal shows."""

    path: Path
    shown: str = ""

    @property
    def name(self) -> str:
        return self.shown or self.path.name

    def refuse(self, reason: str, *, line: int | None = None, column: int | str | None = None,
               fit_message: int | None = None, byte: int | None = None) -> RunFileRefused:
        return RunFileRefused(self.path, reason, line=line, column=column,
                              fit_message=fit_message, byte=byte, shown=self.shown)

    def refuse_at(self, reason: str, where: Where) -> RunFileRefused:
        return self.refuse(reason, line=where.line, column=where.column,
                           fit_message=where.fit_message, byte=where.byte)

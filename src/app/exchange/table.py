"""CSV records with the physical line each one starts on.

A quoted field may hold line breaks (a note typed on two lines), so a
record can span several lines of the file; ``csv.reader.line_num`` is the
line where a record *ends*. The line a record starts on is one after where
the previous one ended, which is what people see in an editor and what our
messages name.

The records are read lazily from the file's lines: one csv reader reads the
header and then the data, so no more than one record is in memory at a time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.exchange.model import ImportFileError
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate


class CellError(Exception):
    """A problem with one value of a row; the reader adds file, line and column."""

    def __init__(self, column: int | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def header_key(name: str) -> str:
    """How a header is compared: case, surrounding and doubled spaces do not count."""
    return " ".join(name.split()).casefold()


@dataclass
class Table:
    """A CSV file's header and the way to its data records."""

    path: Path
    reader: Any  # the csv reader, just after the header record
    delimiter: str
    header: list[str]
    header_line: int

    def __post_init__(self) -> None:
        self.keys: dict[str, int] = {}
        for index, name in enumerate(self.header):
            key = header_key(name)
            if not key:
                continue  # an unnamed trailing column (a spreadsheet's extra comma)
            if key in self.keys:
                raise ImportFileError(
                    self.path, translate("Table", "the column {name} appears twice")
                    .format(name=repr(name.strip())), self.header_line, self.where(index))
            self.keys[key] = index

    def where(self, index: int | None) -> str | None:
        """How a column is named in messages: '7 (Weight (kg))'."""
        if index is None:
            return None
        name = self.header[index].strip() if index < len(self.header) else ""
        number = format_integer(index + 1)
        return f"{number} ({name})" if name else number

    def find(self, *names: str) -> int | None:
        """The index of the first of ``names`` the header has, or None."""
        for name in names:
            index = self.keys.get(header_key(name))
            if index is not None:
                return index
        return None

    def need(self, label: str, *names: str) -> int:
        index = self.find(*names)
        if index is None:
            raise self.no_column(label, names[0])
        return index

    def no_column(self, label: str, name: str) -> ImportFileError:
        """A column the export ``label`` ("Strong (comma export)") must have is missing."""
        return ImportFileError(self.path, translate("Table", "this {label} export has no {column} "
                                                             "column").format(label=label,
                                                                              column=repr(name)),
                               self.header_line)

    def fail(self, line: int, error: CellError) -> ImportFileError:
        return ImportFileError(self.path, error.message, line, self.where(error.column))

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line, fields) for every data record; blank lines are skipped.

        A record with a different number of fields than the header is an
        error: its values would land in the wrong columns. Rows of nothing
        but empty fields (a spreadsheet's trailing rows) are skipped.
        """
        reader = self.reader
        width = len(self.header)
        previous_end = reader.line_num
        while True:
            start = previous_end + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ImportFileError(self.path, translate(
                    "Table", "cannot be read as CSV here ({reason}); is a quote (\") left open?")
                    .format(reason=exc), start) from None
            previous_end = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != width:
                raise ImportFileError(self.path, _wrong_width(self.delimiter).format(
                    fields=format_integer(len(fields)), width=format_integer(width),
                    delimiter=repr(self.delimiter)), start)
            yield start, fields


# Whole sentences per delimiter: "a comma" and "a tab" take different
# articles and cases in other languages.
_WRONG_WIDTH = {
    ",": QT_TRANSLATE_NOOP("table", "this row has {fields} fields but the header has {width}; "
                                    "a value with a comma in it must be in quotes"),
    ";": QT_TRANSLATE_NOOP("table", "this row has {fields} fields but the header has {width}; "
                                    "a value with a semicolon in it must be in quotes"),
    "\t": QT_TRANSLATE_NOOP("table", "this row has {fields} fields but the header has {width}; "
                                     "a value with a tab in it must be in quotes"),
}


def _wrong_width(delimiter: str) -> str:
    """The message for a row of the wrong width, with {fields}, {width} and {delimiter}."""
    if delimiter in _WRONG_WIDTH:
        return translate("table", _WRONG_WIDTH[delimiter])
    return translate("table", "this row has {fields} fields but the header has {width}; "
                              "a value with a {delimiter} in it must be in quotes")


def open_table(path: Path, lines: Iterable[str], delimiter: str) -> Table:
    """Read the header record (the first one that is not blank) from ``lines``."""
    # newline="" semantics come from the lines themselves (TextFile.lines):
    # quoted line breaks stay in their field and \r alone counts as a line end.
    # skipinitialspace: in '"a"; "b"' the space would otherwise make the
    # second quote part of the value (spreadsheets write such files).
    reader = csv.reader(iter(lines), delimiter=delimiter, skipinitialspace=True)
    consumed = 0
    for _ in range(1000):
        try:
            fields = next(reader)
        except (StopIteration, csv.Error):
            break
        line = consumed + 1
        consumed = reader.line_num
        if fields and any(f.strip() for f in fields):
            return Table(path, reader, delimiter, fields, line)
    raise ImportFileError(path, translate("table", "has no header row"))

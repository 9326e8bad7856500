"""Reading the cells of the services' CSV files (Garmin Connect's list of
activities, Strava's activities.csv): numbers as the services write them,
durations, and the header's columns by name."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator

from app.exchange.runs.model import Source
from app.kernel.i18n import translate
from app.logbook.runs import METERS_PER_KM, METERS_PER_MILE

# Meters in a kilometer and in a (statute) mile (the log's own, app.logbook.runs),
# meters in a foot: the units the services write distances and climbs in.
METRES_PER_KM = METERS_PER_KM
METRES_PER_MILE = METERS_PER_MILE
METRES_PER_FOOT = 0.3048

EMPTY = frozenset({"", "--", "-", "n/a"})
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


class CellRefused(ValueError):
    """A cell that cannot be read: the caller adds the line and column."""


def rows(data: bytes, source: Source) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row, the header first; the line is the file's
    line where the row starts."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise source.refuse(translate("runs", "is not a CSV file (not UTF-8 text)"),
                            line=line) from None
    if "\x00" in text:
        raise source.refuse(translate("runs", "is not a CSV file (it holds binary data)"),
                            line=text.count("\n", 0, text.index("\x00")) + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error:
        raise source.refuse(translate("runs", "is not a well-formed CSV file"),
                            line=reader.line_num) from None


def header_unit(name: str) -> tuple[str, str | None]:
    """"Distance (km)" -> ("Distance", "km"); "Distance" -> ("Distance", None)."""
    found = _UNIT.match(name.strip())
    if found:
        return found.group(1).strip(), found.group(2).strip().lower()
    return name.strip(), None


def number(cell: str) -> float | None:
    """A number as the services write it ("10.02", "1,024", "10,5"); None for
    an empty cell or "--". CellRefused for anything else."""
    text = cell.strip().lower()
    if text in EMPTY:
        return None
    unit = cell_unit(text)
    if unit is not None:
        text = text[: -len(unit)].strip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma
    try:
        value = float(text)
    except ValueError:
        raise CellRefused(translate("runs", "is not a number")) from None
    if not math.isfinite(value):
        raise CellRefused(translate("runs", "is not a number"))
    return value


def cell_unit(cell: str) -> str | None:
    """The unit written after a number in the cell itself ("10.2 km")."""
    text = cell.strip().lower()
    for unit in ("km", "mi", "ft", "m"):
        if text.endswith(unit) and text[: -len(unit)].strip()[-1:].isdigit():
            return unit
    return None


def duration(cell: str) -> float | None:
    """"01:02:03", "01:02:03.4", "52:10" or a number of seconds, in seconds."""
    text = cell.strip()
    if text.lower() in EMPTY:
        return None
    parts = text.split(":")
    try:
        if len(parts) == 1:
            value = float(parts[0])
        elif len(parts) in (2, 3):
            numbers = [float(part) for part in parts]
            if any(n < 0 for n in numbers) or any(n >= 60 for n in numbers[1:]):
                raise ValueError
            value = 0.0
            for n in numbers:
                value = value * 60 + n
        else:
            raise ValueError
    except ValueError:
        raise CellRefused(translate("runs", "is not a duration (h:mm:ss)")) from None
    if not math.isfinite(value):
        raise CellRefused(translate("runs", "is not a duration (h:mm:ss)"))
    return value


def column_label(index: int, header: list[str]) -> str:
    """"5 (Distance)": the column's number from 1 and its header, as the set
    importer names CSV columns."""
    return f"{index + 1} ({header[index].strip()})"

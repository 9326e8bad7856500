"""Which export a file is, from its header alone.

Columns are compared by name (case, spaces around them and their order do
not matter), so a file re-saved from a spreadsheet, with its columns
moved, is still recognised. The delimiter is whichever of comma and
semicolon splits the header into a known set of columns.
"""

from __future__ import annotations

import csv
import io

from app.exchange.table import header_key
from app.kernel.i18n import QT_TRANSLATE_NOOP

# What a person can export from each app, for the "we cannot read this" message
# (translated there).
READABLE = (QT_TRANSLATE_NOOP("detect", "Strong (CSV export, either kind)"),
            QT_TRANSLATE_NOOP("detect", "Hevy (CSV export)"),
            QT_TRANSLATE_NOOP("detect", "FitNotes (CSV export)"),
            QT_TRANSLATE_NOOP("detect", "Hamstride (JSON export)"))

_DELIMITERS = (",", ";", "\t")
_STRONG = {"date", "workout name", "exercise name", "set order"}
_HEVY = {"title", "start_time", "exercise_title"}
_FITNOTES = {"date", "exercise"}


def csv_format(first_line: str) -> tuple[str, str] | None:
    """(format, delimiter) for a CSV header line, or None if it is not one we read."""
    for delimiter in _DELIMITERS:
        if delimiter not in first_line:
            continue
        try:
            fields = next(csv.reader(io.StringIO(first_line, newline=""), delimiter=delimiter,
                                     skipinitialspace=True))
        except (csv.Error, StopIteration):
            continue
        kind = _kind({header_key(f) for f in fields})
        if kind is not None:
            return kind, delimiter
    return None


def _kind(keys: set[str]) -> str | None:
    if keys >= _STRONG:
        if "weight unit" in keys:
            return "strong-legacy"
        if "duration (sec)" in keys or "workout #" in keys \
                or any(k.startswith("weight (") for k in keys):
            return "strong"
        return "strong-csv"
    if keys >= _HEVY:
        return "hevy"
    if keys >= _FITNOTES and ("weight" in keys
                              or any(k.startswith("weight (") for k in keys)):
        if "weight" in keys:
            return "fitnotes"
        return "fitnotes-legacy"
    return None


"""``read_import``: any supported export file to an ``ImportedLog``.

The one promise to callers: for any file at all, the result is an
``ImportedLog`` whose every set passes the log form's checks, or an
``ImportFileError`` whose message names the file (and the line and column
where that helps). Nothing else escapes; the fuzz tests hold us to it.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from app.i18n import translate
from app.importing.detect import READABLE, csv_format, first_line
from app.importing.fitnotes import read_fitnotes
from app.importing.hamstride_json import is_hamstride, parse_json, read_hamstride
from app.importing.hevy import read_hevy
from app.importing.model import ImportedLog, ImportFileError
from app.importing.strong import read_strong
from app.importing.table import open_table
from app.importing.text import read_text
from app.importing.values import WEIGHT_UNITS


def read_import(path: Path, *, default_unit: str = "kg", tz: tzinfo | None = None) -> ImportedLog:
    """Read and check an export from Strong, Hevy, FitNotes or Hamstride.

    ``default_unit`` ("kg" or "lb") is the unit of weight columns that do
    not name one (Strong's comma export). ``tz`` is the time zone the file's
    local times are in; None means this machine's. Times come back as
    timezone-aware UTC. Raises ``ImportFileError`` for anything wrong with
    the file; nothing is written anywhere.
    """
    unit = WEIGHT_UNITS.get(default_unit.casefold()) if isinstance(default_unit, str) else None
    if unit is None:
        raise ValueError(f"default_unit must be 'kg' or 'lb', not {default_unit!r}")
    path = Path(path)
    text = read_text(path)

    if text.lstrip().startswith(("{", "[")):
        document = parse_json(path, text)
        if is_hamstride(document):
            return read_hamstride(path, document)
        raise ImportFileError(path, translate(
            "reading", "is JSON, but not a Hamstride export. We read exports from: {formats}")
            .format(formats=_readable()))

    line, header = first_line(text)
    found = csv_format(header)
    if found is None:
        raise ImportFileError(path, translate(
            "reading", "is not an export we can read: its first line is not a header we know. "
            "We read exports from: {formats}").format(formats=_readable()), line)
    kind, delimiter = found
    table = open_table(path, text, delimiter)
    if kind.startswith("strong"):
        return read_strong(table, kind, unit, tz)
    if kind == "hevy":
        return read_hevy(table, tz)
    return read_fitnotes(table, kind, unit, tz)


def _readable() -> str:
    return "; ".join(translate("detect", kind) for kind in READABLE)

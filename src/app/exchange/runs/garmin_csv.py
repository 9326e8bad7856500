"""Garmin Connect's list of activities exported as CSV ("Export CSV" on the
Activities page): one line per activity, every sport; the runs are kept.

The columns are found by their header ("Activity Type", "Date", "Title",
"Distance", "Time" or "Elapsed Time", "Avg HR", "Total Ascent"), in any
order. Garmin writes the start in the athlete's local time, without a zone,
and distances and climbs in the athlete's units without saying which: a
header or a cell that names its unit ("Distance (mi)", "6.2 mi") wins, else
the unit given (the athlete's setting; kilometers by default), and the climb
is in feet when distances are in miles.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from app.exchange.runs.csv_cells import (
    METRES_PER_FOOT,
    METRES_PER_KM,
    METRES_PER_MILE,
    CellRefused,
    cell_unit,
    column_label,
    duration,
    header_unit,
    number,
    rows,
)
from app.exchange.runs.model import PlaceOf, Source, Where
from app.exchange.runs.tags import guess_tag
from app.exchange.values import to_utc
from app.kernel.i18n import translate
from app.logbook.runs import RunEntry, Sport

# Garmin Connect's activity types that are runs (the rest are skipped).
RUN_TYPES = {"running": Sport.RUN, "trail running": Sport.TRAIL_RUN,
             "treadmill running": Sport.TREADMILL, "indoor running": Sport.TREADMILL,
             "track running": Sport.TRACK, "virtual run": Sport.TREADMILL,
             "street running": Sport.RUN, "ultra run": Sport.TRAIL_RUN}

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")


def looks_like_garmin_csv(header: list[str]) -> bool:
    names = {header_unit(cell)[0].lower() for cell in header}
    return {"activity type", "date"} <= names and bool({"time", "elapsed time"} & names)


def read_garmin_csv(data: bytes, source: Source, *, distance_unit: str = "km",
                    tz: tzinfo | None = None) -> tuple[list[tuple[RunEntry, PlaceOf]], int]:
    """The runs of the file and the count of its other activities.
    ``distance_unit`` ("km" or "mi"): the unit of a Distance column that does
    not say its own."""
    found = rows(data, source)
    try:
        header_line, header = next(found)
    except StopIteration:
        raise source.refuse(translate("runs", "is empty"), line=1) from None
    if not looks_like_garmin_csv(header):
        raise source.refuse(translate(
            "runs", "is not a Garmin Connect activities CSV (no Activity Type, Date and Time "
                    "columns)"), line=header_line)
    columns: dict[str, int] = {}
    units: dict[str, str | None] = {}
    for index, cell in enumerate(header):
        name, unit = header_unit(cell)
        columns.setdefault(name.lower(), index)
        units.setdefault(name.lower(), unit)
    time_column = columns.get("elapsed time", columns.get("time"))
    assert time_column is not None
    entries: list[tuple[RunEntry, PlaceOf]] = []
    of_field = {"started_at": columns["date"], "duration_s": time_column,
                "distance_m": columns.get("distance"), "elevation_gain_m": columns.get("total ascent"),
                "average_heart_rate": columns.get("avg hr")}
    skipped = 0
    for line, cells in found:
        if not any(cell.strip() for cell in cells):
            continue
        kind = _cell(cells, columns["activity type"]).strip().lower()
        sport = RUN_TYPES.get(kind)
        if sport is None:
            skipped += 1
            continue
        column = columns["date"]
        try:
            started = to_utc(_date(_cell(cells, column)), tz)
            column = time_column
            seconds = duration(_cell(cells, column))
            if seconds is None and column != columns.get("time", column):
                column = columns["time"]
                seconds = duration(_cell(cells, column))
            if seconds is None:
                raise CellRefused(translate("runs", "the run's time is missing"))
            distance = ascent = heart_rate = None
            if "distance" in columns:
                column = columns["distance"]
                distance = _metres(_cell(cells, column), units["distance"], distance_unit)
            if "total ascent" in columns:
                column = columns["total ascent"]
                ascent = _climb(_cell(cells, column), units["total ascent"], distance_unit)
            if "avg hr" in columns:
                column = columns["avg hr"]
                heart_rate = number(_cell(cells, column))
        except CellRefused as exc:
            raise source.refuse(str(exc), line=line, column=column_label(column, header)) \
                from None
        title = _cell(cells, columns["title"]).strip() if "title" in columns else ""
        entries.append((RunEntry(
            started_at=started, duration_s=seconds, sport=sport, distance_m=distance,
            elevation_gain_m=ascent,
            average_heart_rate=round(heart_rate) if heart_rate is not None else None,
            tag=guess_tag(title, distance, seconds, None), tag_guessed=True,
            source="garmin-csv", title=title), _place(line, of_field, header)))
    return entries, skipped


def _place(line: int, of_field: dict[str, int | None], header: list[str]) -> PlaceOf:
    def place(field: str) -> Where:
        index = of_field.get(field)
        return Where(line=line, column=column_label(index, header) if index is not None else None)
    return place


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _date(cell: str) -> datetime:
    text = cell.strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise CellRefused(translate("runs", "is not a date and time (YYYY-MM-DD hh:mm:ss)"))


def _metres(cell: str, header_unit_name: str | None, default: str) -> float | None:
    value = number(cell)
    if value is None:
        return None
    unit = cell_unit(cell) or header_unit_name or default
    if unit in ("mi", "miles"):
        return value * METRES_PER_MILE
    if unit in ("m", "meters", "metres"):
        return value
    if unit in ("km", "kilometers", "kilometres"):
        return value * METRES_PER_KM
    raise CellRefused(translate("runs", "has a unit that is not km, mi or m"))


def _climb(cell: str, header_unit_name: str | None, distance_unit: str) -> float | None:
    value = number(cell)
    if value is None:
        return None
    unit = cell_unit(cell) or header_unit_name or ("ft" if distance_unit == "mi" else "m")
    if unit in ("ft", "feet"):
        return value * METRES_PER_FOOT
    if unit in ("m", "meters", "metres"):
        return value
    raise CellRefused(translate("runs", "has a unit that is not m or ft"))

"""A Strava bulk export ("Download your data"): its folder, or the .zip as
Strava sends it. activities.csv lists every activity (Activity ID, Activity
Date in UTC, Activity Name, Activity Type, Elapsed Time, Distance, ...,
Filename) and activities/ holds each recorded one's file (.fit.gz, .gpx,
.gpx.gz, .tcx.gz). Runs are matched to their file by the Filename column;
a run typed in on Strava has no file and is read from its line.

Strava writes some columns twice: the first Elapsed Time and Distance in the
athlete's units, the second in seconds and meters; the second is read
where there is one. Each run is a piece of its own (all or nothing per
activity file); the runs without a file are one more piece, activities.csv.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from app.exchange.runs.csv_cells import (
    METRES_PER_KM,
    METRES_PER_MILE,
    CellRefused,
    column_label,
    duration,
    number,
    rows,
)
from app.exchange.runs.model import (
    MAX_RUN_FILE_BYTES,
    PlaceOf,
    RunFile,
    RunFileRefused,
    Source,
    Where,
)
from app.exchange.runs.tags import guess_tag
from app.kernel.i18n import format_integer, translate
from app.logbook.runs import RunEntry, Sport

ACTIVITIES_CSV = "activities.csv"
RUN_TYPES = {"run": Sport.RUN, "trail run": Sport.TRAIL_RUN, "virtual run": Sport.TREADMILL}
_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S",
                 "%b %d, %Y %I:%M:%S %p")

# (the name a refusal shows, a reader of its bytes) for one file of the export
Opener = Callable[[str], bytes]


class _NotInExport(LookupError):
    """A file activities.csv lists that the export does not hold."""


@dataclass(frozen=True)
class StravaPiece:
    """One piece of an export: an activity's file, or the runs typed in."""

    shown: str
    read: Callable[[], RunFile]


def is_strava_export(path: Path) -> bool:
    if path.is_dir():
        return (path / ACTIVITIES_CSV).is_file()
    return path.suffix.lower() == ".zip"


def strava_pieces(path: Path, read_file: Callable[[bytes, Source, str], RunFile],
                  *, distance_unit: str = "km") -> list[StravaPiece]:
    """The pieces of the export at ``path`` (a folder or a .zip), each read
    when called; ``read_file(data, source, title)`` reads one activity file.
    A piece that cannot be read raises RunFileRefused when called."""
    try:
        opener, csv_name, prefix = _open(path)
        try:
            data = opener(csv_name)
        except _NotInExport:
            raise Source(path).refuse(translate("runs", "is not a Strava export (no "
                                                        "activities.csv in it)")) from None
    except RunFileRefused as refused:
        return [StravaPiece(refused.shown, _raise(refused))]
    shown_csv = f"{path.name}/{csv_name}"
    csv_source = Source(path, shown_csv)
    pieces: list[StravaPiece] = []
    typed: list[tuple[int, list[str]]] = []
    skipped = 0
    try:
        header, lines = _table(data, csv_source)
    except RunFileRefused as refused:
        return [StravaPiece(shown_csv, _raise(refused))]
    for line, cells in lines:
        kind = _cell(cells, header, "Activity Type").strip().lower()
        sport = RUN_TYPES.get(kind)
        if sport is None:
            skipped += 1
            continue
        filename = _cell(cells, header, "Filename").strip()
        if not filename:
            typed.append((line, cells))
            continue
        member = str(PurePosixPath(prefix) / filename) if prefix else filename
        shown = f"{path.name}/{member}"
        pieces.append(StravaPiece(shown, _activity(
            path, opener, member, shown, line, cells, header, sport, read_file, shown_csv)))
    def read_typed() -> RunFile:
        found = _typed_runs(typed, header, csv_source, distance_unit)
        return RunFile(path, tuple(entry for entry, _ in found), skipped, shown_csv,
                       tuple(place for _, place in found))

    pieces.append(StravaPiece(shown_csv, read_typed))
    return pieces


def _raise(refused: RunFileRefused) -> Callable[[], RunFile]:
    def read() -> RunFile:
        raise refused
    return read


def _open(path: Path) -> tuple[Opener, str, str]:
    """A reader of the export's files by their path inside it, the path of
    its activities.csv, and the folder that holds it inside a .zip."""
    source = Source(path)
    if path.is_dir():
        def from_folder(member: str) -> bytes:
            target = path / member
            try:
                if target.stat().st_size > MAX_RUN_FILE_BYTES:
                    raise Source(path, f"{path.name}/{member}").refuse(
                        translate("runs", "is too large to be a run file"))
                return target.read_bytes()
            except FileNotFoundError:
                raise _NotInExport(member) from None
            except OSError as exc:
                raise Source(path, f"{path.name}/{member}").refuse(
                    exc.strerror or translate("runs", "cannot be read")) from None
        return from_folder, ACTIVITIES_CSV, ""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise source.refuse(translate("runs", "is not a zip file")) from None
    with archive:
        names = archive.namelist()
    listed = sorted((name for name in names if PurePosixPath(name).name == ACTIVITIES_CSV),
                    key=lambda name: (name.count("/"), name))
    if not listed:
        raise source.refuse(translate("runs", "is not a Strava export (no activities.csv in it)"))
    csv_name = listed[0]
    prefix = str(PurePosixPath(csv_name).parent) if "/" in csv_name else ""

    def from_zip(member: str) -> bytes:
        shown = Source(path, f"{path.name}/{member}")
        try:
            with zipfile.ZipFile(path) as archive:
                try:
                    info = archive.getinfo(member)
                except KeyError:
                    raise _NotInExport(member) from None
                if info.file_size > MAX_RUN_FILE_BYTES:
                    raise shown.refuse(translate("runs", "is too large to be a run file"))
                return archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise shown.refuse(translate("runs", "cannot be unpacked: the zip file is "
                                                 "damaged")) from None
    return from_zip, csv_name, prefix


def _table(data: bytes, source: Source) -> tuple[list[str], list[tuple[int, list[str]]]]:
    found = list(rows(data, source))
    if not found:
        raise source.refuse(translate("runs", "is empty"), line=1)
    header = found[0][1]
    needed = {"Activity Date", "Activity Type", "Elapsed Time", "Filename"}
    if not needed <= {cell.strip() for cell in header}:
        raise source.refuse(translate(
            "runs", "is not Strava's activities.csv (no Activity Date, Activity Type, Elapsed "
                    "Time and Filename columns)"), line=found[0][0])
    return header, [(line, cells) for line, cells in found[1:] if any(c.strip() for c in cells)]


def _index(header: list[str], name: str, last: bool = False) -> int | None:
    places = [i for i, cell in enumerate(header) if cell.strip() == name]
    if not places:
        return None
    return places[-1] if last else places[0]


def _cell(cells: list[str], header: list[str], name: str, last: bool = False) -> str:
    index = _index(header, name, last)
    return cells[index] if index is not None and index < len(cells) else ""


def _activity(path: Path, opener: Opener, member: str, shown: str, line: int, cells: list[str],
              header: list[str], sport: Sport, read_file: Callable[[bytes, Source, str], RunFile],
              shown_csv: str) -> Callable[[], RunFile]:
    def read() -> RunFile:
        try:
            data = opener(member)
        except _NotInExport:
            raise Source(path, shown).refuse(translate(
                "runs", "is listed on line {line} of activities.csv but is not in the export")
                .format(line=format_integer(line))) from None
        title = _cell(cells, header, "Activity Name").strip()
        found = read_file(data, Source(path, shown), title)
        heart_rate = _optional(cells, header, "Average Heart Rate")
        climb = _optional(cells, header, "Elevation Gain")
        entries = []
        for entry in found.entries:
            # The file measured the run; the line adds what the file lacks
            # (Strava computes the heart rate and the climb of some files).
            entries.append(replace(
                entry, source="strava", title=title or entry.title,
                sport=sport if entry.sport == Sport.RUN else entry.sport,
                average_heart_rate=entry.average_heart_rate if entry.average_heart_rate is not None
                else (round(heart_rate) if heart_rate is not None else None),
                elevation_gain_m=entry.elevation_gain_m if entry.elevation_gain_m is not None
                else climb))
        return RunFile(path, tuple(entries), found.skipped, shown, found.places)
    return read


def _optional(cells: list[str], header: list[str], name: str) -> float | None:
    try:
        return number(_cell(cells, header, name))
    except CellRefused:
        return None  # a value only used to fill in what a file lacks


def _date(cell: str) -> datetime:
    text = cell.strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise CellRefused(translate("runs", "is not a date and time (like May 3, 2026, 7:30:00 AM)"))


def _typed_runs(typed: list[tuple[int, list[str]]], header: list[str], source: Source,
                distance_unit: str) -> list[tuple[RunEntry, PlaceOf]]:
    """The runs typed in on Strava (no file): read from their line."""
    entries: list[tuple[RunEntry, PlaceOf]] = []
    of_field = {"started_at": "Activity Date", "duration_s": "Elapsed Time",
                "distance_m": "Distance", "elevation_gain_m": "Elevation Gain",
                "average_heart_rate": "Average Heart Rate"}
    for line, cells in typed:
        name = "Activity Date"
        try:
            started = _date(_cell(cells, header, name))
            name = "Elapsed Time"
            seconds = duration(_cell(cells, header, name, last=True)) \
                or duration(_cell(cells, header, name))
            if seconds is None:
                raise CellRefused(translate("runs", "the run's time is missing"))
            name = "Distance"
            distance = _distance(cells, header, distance_unit)
            name = "Elevation Gain"
            climb = number(_cell(cells, header, name))
            name = "Average Heart Rate"
            heart_rate = number(_cell(cells, header, name))
        except CellRefused as exc:
            index = _index(header, name) or 0
            raise source.refuse(str(exc), line=line, column=column_label(index, header)) from None
        title = _cell(cells, header, "Activity Name").strip()
        kind = RUN_TYPES[_cell(cells, header, "Activity Type").strip().lower()]
        entries.append((RunEntry(
            started_at=started, duration_s=seconds, sport=kind, distance_m=distance,
            elevation_gain_m=climb,
            average_heart_rate=round(heart_rate) if heart_rate is not None else None,
            tag=guess_tag(title, distance, seconds, None), tag_guessed=True, source="strava",
            title=title), _place(line, of_field, header)))
    return entries


def _place(line: int, of_field: dict[str, str], header: list[str]) -> PlaceOf:
    def place(field: str) -> Where:
        index = _index(header, of_field[field]) if field in of_field else None
        return Where(line=line, column=column_label(index, header) if index is not None else None)
    return place


def _distance(cells: list[str], header: list[str], distance_unit: str) -> float | None:
    """The second Distance column (meters) where Strava wrote one, else the
    first in the athlete's unit."""
    first, last = _index(header, "Distance"), _index(header, "Distance", last=True)
    if last is not None and last != first:
        metres = number(_cell(cells, header, "Distance", last=True))
        if metres is not None:
            return metres
    value = number(_cell(cells, header, "Distance"))
    if value is None:
        return None
    return value * (METRES_PER_MILE if distance_unit == "mi" else METRES_PER_KM)

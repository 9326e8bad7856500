"""Run files written as the watches and the services write them, for the tests
(and the benchmark) of the run importers (issue 18).

FIT with fit-tool's FitFileBuilder (what a watch's file holds: file id, a
timer start, records, a lap, a session), GPX with gpxpy (a track with time
stamps, elevations and Garmin's heart-rate extension), TCX and Garmin
Connect's activities CSV written by hand as the vendors write them, and a
Strava bulk export folder (activities.csv plus activities/<id>.<kind>[.gz]).

Every writer takes the run's truth (start, seconds, speed, heart rate...) so
a test can compare what was imported with what was written, field by field.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

Speed = float | Callable[[float], float]  # metres per second, or of the seconds elapsed

# gpxpy measures a short step along a meridian with this many metres a
# degree; points spaced with it measure back exactly.
GPX_METRES_PER_DEGREE = 111_319.49079327358


def _speed_at(speed: Speed, t: float) -> float:
    return speed(t) if callable(speed) else speed


def _distances(seconds: int, speed: Speed, every_s: int) -> list[tuple[int, float]]:
    """(seconds elapsed, metres covered) at each record, the last at ``seconds``."""
    times = [*range(0, seconds, every_s), seconds]
    covered, out, last = 0.0, [], 0
    for t in times:
        covered += _speed_at(speed, last) * (t - last)
        out.append((t, covered))
        last = t
    return out


def _covered_at(points: list[tuple[int, float]], at: float) -> float:
    """The distance covered at ``at`` seconds, between two records by a straight line."""
    for (t0, d0), (t1, d1) in itertools.pairwise(points):
        if t0 <= at <= t1:
            return d0 + (d1 - d0) * (at - t0) / (t1 - t0) if t1 > t0 else d1
    return points[-1][1]


def distance_of(seconds: int, speed: Speed, every_s: int = 1) -> float:
    """The distance the writers put in a run of ``seconds`` at ``speed``."""
    return _distances(seconds, speed, every_s)[-1][1]


def interval_speed(fast: float = 5.0, slow: float = 2.5, period_s: int = 400) -> Speed:
    """Alternating fast and slow stretches of ``period_s`` seconds each, from
    a slow one: a session of intervals with jogged recoveries."""
    return lambda t: fast if int(t // period_s) % 2 else slow


def _gzip_if(path: Path, data: bytes) -> Path:
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path


# -- FIT ---------------------------------------------------------------------

def fit_bytes(start: datetime, seconds: int, metres_per_s: Speed, *,
              heart_rate: int | None = None, sport: str = "running",
              sub_sport: str = "generic", ascent_m: int | None = None,
              every_s: int = 1, session: bool = True) -> bytes:
    """A FIT activity as a watch writes it. ``sport``/``sub_sport`` are the
    FIT profile's names (running, cycling, ...; generic, trail, treadmill,
    track). ``session=False`` leaves the session message out."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import (
        Event,
        EventType,
        FileType,
        Manufacturer,
        Sport,
        SubSport,
    )

    ms = round(start.timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = ms
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    timer = EventMessage()
    timer.event = Event.TIMER
    timer.event_type = EventType.START
    timer.timestamp = ms
    builder.add(timer)
    records = []
    points = _distances(seconds, metres_per_s, every_s)
    for t, covered in points:
        record = RecordMessage()
        record.timestamp = ms + t * 1000
        record.distance = covered
        record.speed = _speed_at(metres_per_s, t)
        record.altitude = 100.0 + (t % 600) / 60
        if heart_rate is not None:
            record.heart_rate = heart_rate
        records.append(record)
    builder.add_all(records)
    total = points[-1][1]
    end_ms = ms + seconds * 1000
    kind, sub = Sport[sport.upper()], SubSport[sub_sport.upper()]
    lap = LapMessage()
    lap.timestamp = end_ms
    lap.start_time = ms
    lap.total_elapsed_time = float(seconds)
    lap.total_timer_time = float(seconds)
    lap.total_distance = total
    lap.sport = kind
    builder.add(lap)
    if session:
        message = SessionMessage()
        message.timestamp = end_ms
        message.start_time = ms
        message.total_elapsed_time = float(seconds)
        message.total_timer_time = float(seconds)
        message.total_distance = total
        message.sport = kind
        message.sub_sport = sub
        if heart_rate is not None:
            message.avg_heart_rate = heart_rate
        if ascent_m is not None:
            message.total_ascent = ascent_m
        builder.add(message)
    activity = ActivityMessage()
    activity.timestamp = end_ms
    activity.total_timer_time = float(seconds)
    activity.num_sessions = 1
    builder.add(activity)
    return bytes(builder.build().to_bytes())


def write_fit_run(path: Path, start: datetime, seconds: int, metres_per_s: Speed, *,
                  heart_rate: int | None = None, sport: str = "running",
                  sub_sport: str = "generic", ascent_m: int | None = None,
                  every_s: int = 1, session: bool = True) -> Path:
    """``fit_bytes`` written to ``path`` (gzip-compressed when it ends in .gz)."""
    return _gzip_if(path, fit_bytes(start, seconds, metres_per_s, heart_rate=heart_rate,
                                    sport=sport, sub_sport=sub_sport, ascent_m=ascent_m,
                                    every_s=every_s, session=session))


def break_crc(path: Path) -> Path:
    """The file's last byte (its CRC's) changed: a FIT damaged on the way."""
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def truncate(path: Path, keep: float = 0.5) -> Path:
    """The file cut after ``keep`` of its bytes, as a copy that stopped midway."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# -- GPX ---------------------------------------------------------------------

GARMIN_TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def gpx_text(start: datetime, seconds: int, metres_per_s: Speed, *, name: str = "",
             activity_type: str | None = "running", heart_rate: int | None = None,
             times: bool = True, climb_every_s: int = 0, every_s: int = 1) -> str:
    """A GPX track northwards from 45 N, 7 E, written with gpxpy.
    ``climb_every_s``: the elevation rises 1 m every that many seconds (0: flat)."""
    import xml.etree.ElementTree as ET

    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.creator = "Garmin Connect"
    gpx.nsmap["gpxtpx"] = GARMIN_TPX
    track = gpxpy.gpx.GPXTrack(name=name or None)
    if activity_type is not None:
        track.type = activity_type  # type: ignore[assignment]  # gpxpy's stub says None
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for t, covered in _distances(seconds, metres_per_s, every_s):
        point = gpxpy.gpx.GPXTrackPoint(
            45.0 + covered / GPX_METRES_PER_DEGREE, 7.0,
            elevation=300.0 + (t // climb_every_s if climb_every_s else 0),
            time=start + timedelta(seconds=t) if times else None)
        if heart_rate is not None:
            extension = ET.Element(f"{{{GARMIN_TPX}}}TrackPointExtension")
            ET.SubElement(extension, f"{{{GARMIN_TPX}}}hr").text = str(heart_rate)
            point.extensions.append(extension)
        segment.points.append(point)
    return gpx.to_xml()


def write_gpx_run(path: Path, start: datetime, seconds: int, metres_per_s: Speed,
                  **options: object) -> Path:
    """``gpx_text`` written to ``path`` (gzip-compressed when it ends in .gz)."""
    return _gzip_if(path, gpx_text(start, seconds, metres_per_s, **options).encode())  # type: ignore[arg-type]


def gpx_length(text: str) -> tuple[float, float | None]:
    """What gpxpy itself measures of a GPX: 2-D length and uphill."""
    import gpxpy

    gpx = gpxpy.parse(text)
    return gpx.length_2d(), gpx.get_uphill_downhill().uphill


# -- TCX ---------------------------------------------------------------------

def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def tcx_text(start: datetime, seconds: int, metres_per_s: Speed, *, sport: str = "Running",
             heart_rate: int | None = None, laps: int = 1, every_s: int = 1,
             notes: str = "") -> str:
    """A TCX activity as Garmin Connect writes it: laps of equal time, each
    with its totals and track points (time, position, altitude, distance,
    heart rate)."""
    points = _distances(seconds, metres_per_s, every_s)
    lap_s = seconds / laps
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/'
             'TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"'
             ' xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"'
             ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"'
             ' xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"'
             ' xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
             ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
             '  <Activities>', f'    <Activity Sport="{sport}">', f'      <Id>{_iso(start)}</Id>']
    for index in range(laps):
        lap_start, lap_end = index * lap_s, (index + 1) * lap_s
        inside = [(t, d) for t, d in points
                  if lap_start <= t < lap_end or (index == laps - 1 and t == seconds)]
        lap_distance = _covered_at(points, lap_end) - _covered_at(points, lap_start)
        parts += [f'      <Lap StartTime="{_iso(start + timedelta(seconds=lap_start))}">',
                  f'        <TotalTimeSeconds>{lap_s:.1f}</TotalTimeSeconds>',
                  f'        <DistanceMeters>{lap_distance:.2f}</DistanceMeters>',
                  '        <Calories>300</Calories>']
        if heart_rate is not None:
            parts += ['        <AverageHeartRateBpm>', f'          <Value>{heart_rate}</Value>',
                      '        </AverageHeartRateBpm>']
        parts += ['        <Intensity>Active</Intensity>',
                  '        <TriggerMethod>Manual</TriggerMethod>', '        <Track>']
        for t, covered in inside:
            parts += ['          <Trackpoint>',
                      f'            <Time>{_iso(start + timedelta(seconds=t))}</Time>',
                      '            <Position>',
                      f'              <LatitudeDegrees>{45.0 + covered / GPX_METRES_PER_DEGREE:.7f}'
                      '</LatitudeDegrees>',
                      '              <LongitudeDegrees>7.0</LongitudeDegrees>',
                      '            </Position>',
                      f'            <AltitudeMeters>{300.0 + (t // 60):.1f}</AltitudeMeters>',
                      f'            <DistanceMeters>{covered:.2f}</DistanceMeters>']
            if heart_rate is not None:
                parts += ['            <HeartRateBpm>', f'              <Value>{heart_rate}</Value>',
                          '            </HeartRateBpm>']
            parts.append('          </Trackpoint>')
        parts += ['        </Track>', '      </Lap>']
    if notes:
        parts.append(f'      <Notes>{notes}</Notes>')
    parts += ['    </Activity>', '  </Activities>', '</TrainingCenterDatabase>', '']
    return "\n".join(parts)


def write_tcx_run(path: Path, start: datetime, seconds: int, metres_per_s: Speed,
                  **options: object) -> Path:
    """``tcx_text`` written to ``path`` (gzip-compressed when it ends in .gz)."""
    return _gzip_if(path, tcx_text(start, seconds, metres_per_s, **options).encode())  # type: ignore[arg-type]


# -- Garmin Connect activities CSV -----------------------------------------

GARMIN_CSV_HEADER = (
    "Activity Type", "Date", "Favorite", "Title", "Distance", "Calories", "Time", "Avg HR",
    "Max HR", "Aerobic TE", "Avg Run Cadence", "Max Run Cadence", "Avg Pace", "Best Pace",
    "Total Ascent", "Total Descent", "Avg Stride Length", "Avg Vertical Ratio",
    "Avg Vertical Oscillation", "Avg Ground Contact Time", "Training Stress Score®",
    "Avg Power", "Max Power", "Grit", "Flow", "Avg. Swolf", "Avg Stroke Rate", "Total Reps",
    "Dive Time", "Min Temp", "Surface Interval", "Decompression", "Best Lap Time",
    "Number of Laps", "Max Temp", "Moving Time", "Elapsed Time", "Min Elevation",
    "Max Elevation")


@dataclass(frozen=True)
class GarminRow:
    """One activity of Garmin Connect's list. ``local`` is the local start
    (Garmin writes it without a zone); distance and ascent are in the
    export's units (km and m, or mi and ft), written as Garmin rounds them."""

    activity_type: str
    local: datetime
    title: str
    distance: str
    elapsed: str  # "01:02:03" or "01:02:03.4"
    avg_hr: str = "--"
    ascent: str = "--"
    time: str = ""  # the timer time; the elapsed one when empty


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def garmin_row(activity_type: str, local: datetime, title: str, distance: float,
               seconds: float, *, avg_hr: int | None = None, ascent: float | None = None) -> GarminRow:
    return GarminRow(activity_type, local, title, f"{distance:.2f}", _clock(seconds),
                     str(avg_hr) if avg_hr is not None else "--",
                     f"{ascent:,.0f}" if ascent is not None else "--")


def write_garmin_csv(path: Path, rows: Sequence[GarminRow],
                     header: Sequence[str] = GARMIN_CSV_HEADER) -> Path:
    """Garmin Connect's "Export CSV" of the activities list: every column
    quoted-when-needed, a comma after each row as Garmin writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        values = {"Activity Type": row.activity_type, "Date": row.local.strftime("%Y-%m-%d %H:%M:%S"),
                  "Favorite": "false", "Title": row.title, "Distance": row.distance,
                  "Calories": "1,024", "Time": row.time or row.elapsed, "Avg HR": row.avg_hr,
                  "Max HR": "--", "Avg Pace": "5:00", "Total Ascent": row.ascent,
                  "Moving Time": row.time or row.elapsed, "Elapsed Time": row.elapsed}
        # A header naming its unit ("Distance (mi)") holds the same value.
        writer.writerow([values.get(column.split(" (")[0], "--") for column in header])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


# -- Strava bulk export -----------------------------------------------------

STRAVA_HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Grade",
    "Average Heart Rate")


class StravaKind:
    FIT_GZ = ".fit.gz"
    GPX = ".gpx"
    GPX_GZ = ".gpx.gz"
    TCX_GZ = ".tcx.gz"
    NONE = ""  # an activity typed by hand on Strava: no file


@dataclass(frozen=True)
class StravaRun:
    """One activity of a Strava export: the truth, and how it is stored."""

    activity_id: int
    start: datetime  # aware
    seconds: int
    metres_per_s: Speed
    name: str = "Morning Run"
    activity_type: str = "Run"
    kind: str = StravaKind.FIT_GZ
    heart_rate: int | None = None
    ascent_m: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"activities/{self.activity_id}{self.kind}" if self.kind else ""

    @property
    def distance_m(self) -> float:
        return distance_of(self.seconds, self.metres_per_s)


def strava_date(moment: datetime) -> str:
    """Strava's "Activity Date": UTC, "May 3, 2026, 7:30:00 AM"."""
    utc = moment.astimezone(UTC)
    return f"{utc:%b} {utc.day}, {utc.year}, {utc.hour % 12 or 12}:{utc:%M:%S} {utc:%p}"


def write_strava_export(folder: Path, runs: Sequence[StravaRun], *, tcx_leading_space: bool = True
                        ) -> Path:
    """A Strava bulk export as Strava's "Download your data" unpacks:
    ``folder/activities.csv`` (with its repeated Elapsed Time and Distance
    columns: first in the athlete's units, then in seconds and metres) and
    ``folder/activities/<id>.<kind>``. Strava's TCX files start with blank
    space before the XML declaration (``tcx_leading_space``), as real ones do."""
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for run in runs:
        distance = run.distance_m
        values = [str(run.activity_id), strava_date(run.start), run.name, run.activity_type, "",
                  str(run.seconds), f"{distance / 1000:.2f}",
                  f"{run.heart_rate:.1f}" if run.heart_rate is not None else "", "", "false", "",
                  "", run.filename, "", "", f"{run.seconds:.1f}", f"{run.seconds:.1f}",
                  f"{distance:.1f}", "", "", f"{run.ascent_m:.1f}" if run.ascent_m is not None else "",
                  "", "", "", "", "",
                  f"{run.heart_rate:.1f}" if run.heart_rate is not None else ""]
        for column, value in run.extra.items():
            values[STRAVA_HEADER.index(column)] = value
        writer.writerow(values)
        if run.kind in (StravaKind.FIT_GZ,):
            write_fit_run(folder / run.filename, run.start, run.seconds, run.metres_per_s,
                          heart_rate=run.heart_rate, ascent_m=run.ascent_m, every_s=5,
                          sport="cycling" if run.activity_type == "Ride" else "running")
        elif run.kind in (StravaKind.GPX, StravaKind.GPX_GZ):
            write_gpx_run(folder / run.filename, run.start, run.seconds, run.metres_per_s,
                          name=run.name, activity_type="9", heart_rate=run.heart_rate,
                          every_s=5)
        elif run.kind == StravaKind.TCX_GZ:
            text = tcx_text(run.start, run.seconds, run.metres_per_s, heart_rate=run.heart_rate,
                            every_s=5)
            path = folder / run.filename
            path.write_bytes(gzip.compress(
                (("          " if tcx_leading_space else "") + text).encode(), mtime=0))
    (folder / "activities.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    """The export as Strava sends it: one .zip of the folder's contents."""
    import zipfile

    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target

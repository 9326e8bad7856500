"""GPX tracks (exported by most watches' apps, Strava and Garmin Connect),
read with gpxpy.

A GPX file has no sport or totals: the run is the track's first and last
time stamps, the distance measured along its points, the climb gpxpy
measures (its smoothing of the elevations), and the mean of Garmin's
heart-rate extension where the points carry it. A track without time
stamps (a route drawn on a map) is refused: it is not a run done.
"""

from __future__ import annotations

import contextlib
import math
from datetime import UTC, datetime
from typing import Any

from app.exchange.runs.model import PlaceOf, Source, Where
from app.exchange.runs.tags import guess_tag, pace_cv
from app.exchange.runs.xml_lines import local_name, position_of, syntax_position
from app.kernel.i18n import translate
from app.logbook.runs import RunEntry, Sport

# What <trk><type> says, as Garmin Connect ("running"), Strava (its activity
# numbers: 9 is a run) and other apps write it. An unknown type is taken
# for a run: the athlete chose to import the file as one.
_RUN_TYPES = {"running": Sport.RUN, "run": Sport.RUN, "9": Sport.RUN,
              "trail_running": Sport.TRAIL_RUN, "trail running": Sport.TRAIL_RUN,
              "treadmill_running": Sport.TREADMILL, "track_running": Sport.TRACK}
_OTHER_TYPES = {"cycling": "cycling", "biking": "cycling", "ride": "cycling", "1": "cycling",
                "road_biking": "cycling", "mountain_biking": "cycling",
                "walking": "walking", "walk": "walking", "10": "walking",
                "hiking": "hiking", "hike": "hiking", "4": "hiking",
                "swimming": "swimming", "open_water_swimming": "swimming"}


def read_gpx(data: bytes, source: Source, title: str = "") -> list[tuple[RunEntry, PlaceOf]]:
    """One run per GPX file: all its tracks' points in time order."""
    import gpxpy
    import gpxpy.geo
    import gpxpy.gpx

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise source.refuse(translate("runs", "is not a GPX file (not UTF-8 text)"),
                            **_line_of_offset(data, exc.start)) from None
    stripped = text.lstrip()
    if stripped != text:  # blank space before the declaration, as Strava's files have
        data = stripped.encode()
    try:
        gpx = gpxpy.parse(stripped)
    except gpxpy.gpx.GPXException:
        raise _syntax_refusal(source, data) from None
    points = [point for track in gpx.tracks for segment in track.segments
              for point in segment.points]
    if not points:
        raise source.refuse(translate("runs", "is not a run: the GPX file holds no track "
                                              "points"), **_where(data, "gpx"))
    timed = [point for point in points if point.time is not None]
    if not timed:
        raise source.refuse(translate("runs", "has no time stamps (a route, not a run done)"),
                            **_where(data, "trkpt"))
    if len(timed) < len(points):
        untimed = next(i for i, point in enumerate(points) if point.time is None)
        raise source.refuse(translate("runs", "a track point has no time stamp"),
                            **_where(data, "trkpt", untimed))
    sport = _sport(gpx, data, source)
    start, end = _aware(timed[0].time), _aware(timed[-1].time)
    duration = (end - start).total_seconds()
    samples: list[tuple[float, float]] = []
    covered = 0.0
    previous = None
    for point in points:
        if previous is not None:
            covered += point.distance_2d(previous) or 0.0
        samples.append((_aware(point.time).timestamp(), covered))
        previous = point
    elevations = [point.elevation for point in points]
    climb = (gpxpy.geo.calculate_uphill_downhill(elevations)[0]
             if any(e is not None for e in elevations) else None)
    heart_rate = _mean_heart_rate(points)
    name = title or (gpx.tracks[0].name if gpx.tracks and gpx.tracks[0].name else "") \
        or (gpx.name or "")
    return [(RunEntry(
        started_at=start, duration_s=duration, sport=sport, distance_m=covered,
        elevation_gain_m=climb, average_heart_rate=heart_rate,
        tag=guess_tag(name or source.name, covered, duration, pace_cv(samples)),
        tag_guessed=True, source="gpx", title=name),
        lambda _field: Where(**_where(data, "trkpt")))]


def _aware(moment: Any) -> datetime:
    assert isinstance(moment, datetime)
    if moment.tzinfo is None:  # GPX times are UTC by the schema; some omit the Z
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _sport(gpx: Any, data: bytes, source: Source) -> Sport:
    for track in gpx.tracks:
        kind = (track.type or "").strip().lower()
        if kind in _OTHER_TYPES:
            raise source.refuse(translate("runs", "holds a {sport} activity, not a run")
                                .format(sport=_OTHER_TYPES[kind]), **_where(data, "type", 0))
        if kind in _RUN_TYPES:
            return _RUN_TYPES[kind]
    return Sport.RUN


def _mean_heart_rate(points: list[Any]) -> int | None:
    """The mean of the points' heart rates (Garmin's TrackPointExtension hr)."""
    total, count = 0.0, 0
    for point in points:
        for extension in point.extensions:
            for element in extension.iter():
                if local_name(element.tag) == "hr" and element.text:
                    try:
                        value = float(element.text)
                    except ValueError:
                        continue
                    if math.isfinite(value):
                        total += value
                        count += 1
    return round(total / count) if count else None


def _where(data: bytes, name: str, occurrence: int = 0) -> dict[str, int]:
    found = position_of(data, name, occurrence)
    return {"line": found[0], "column": found[1]} if found else {"line": 1}


def _line_of_offset(data: bytes, offset: int) -> dict[str, int]:
    line = data.count(b"\n", 0, offset) + 1
    return {"line": line, "column": offset - (data.rfind(b"\n", 0, offset) + 1) + 1}


def _syntax_refusal(source: Source, data: bytes) -> Exception:
    """A file gpxpy cannot read: where the XML breaks (ElementTree's
    position, found again here: gpxpy's error does not keep it), else a
    well-formed file that is not GPX."""
    import xml.etree.ElementTree as ET

    try:
        ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = syntax_position(exc)
        return source.refuse(translate("runs", "is not a GPX file (not well-formed XML)"),
                             line=line, column=column)
    found = _first_bad_value(data)
    if found is not None:
        line, column, reason = found
        return source.refuse(reason, line=line, column=column)
    return source.refuse(translate("runs", "is not a GPX file"), line=1)


def _first_bad_value(data: bytes) -> tuple[int, int, str] | None:
    """Where a well-formed GPX holds a point gpxpy cannot read: a latitude
    or longitude, an elevation or a time that is not one."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    found: list[tuple[int, int, str]] = []
    text: list[str] = []
    opened: list[tuple[str, int, int]] = []

    class _Found(Exception):
        pass

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(tag: str, attributes: dict[str, str]) -> None:
        name = local_name(tag)
        if name in ("trkpt", "rtept", "wpt"):
            for key in ("lat", "lon"):
                try:
                    float(attributes.get(key, ""))
                except ValueError:
                    found.append((*here(), translate("runs", "a point's latitude or longitude "
                                                             "is not a number")))
                    raise _Found from None
        opened.append((name, *here()))
        text.clear()

    def data_of(chunk: str) -> None:
        text.append(chunk)

    def end(tag: str) -> None:
        name, line, column = opened.pop() if opened else (local_name(tag), 1, 1)
        value = "".join(text).strip()
        text.clear()
        if name == "ele":
            try:
                float(value)
            except ValueError:
                found.append((line, column, translate("runs", "an elevation is not a number")))
                raise _Found from None
        elif name == "time":
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                found.append((line, column, translate("runs", "a time stamp is not a date and "
                                                               "time")))
                raise _Found from None

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_of
    with contextlib.suppress(_Found, xml.parsers.expat.ExpatError):
        parser.Parse(data, True)
    return found[0] if found else None

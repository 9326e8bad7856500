"""TCX activities (Garmin Training Center, Garmin Connect's and Strava's
exports), read with the standard library's ElementTree.

A run is an <Activity Sport="Running">: its start is its first lap's
StartTime (else its Id), its elapsed time reaches the last lap's end or
the last track point, its distance is the laps' DistanceMeters, its heart
rate the laps' AverageHeartRateBpm weighted by their time, its climb
measured from the track points' AltitudeMeters as gpxpy measures a GPX's.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from app.exchange.runs.model import PlaceOf, Source, Where
from app.exchange.runs.tags import guess_tag, pace_cv
from app.exchange.runs.xml_lines import local_name, position_of, syntax_position
from app.kernel.i18n import translate
from app.logbook.runs import RunEntry, Sport

_SPORTS = {"running": Sport.RUN}  # TCX's Sport is Running, Biking or Other


def read_tcx(data: bytes, source: Source, title: str = "") -> list[tuple[RunEntry, PlaceOf]]:
    """One run per running Activity of the file."""
    # Strava's TCX files start with blank space before the XML declaration,
    # which XML forbids; it is skipped (and counted in the lines a refusal names).
    stripped = data.lstrip()
    skipped_lines = data[: len(data) - len(stripped)].count(b"\n")
    data = stripped
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = syntax_position(exc)
        raise source.refuse(translate("runs", "is not a TCX file (not well-formed XML)"),
                            line=line + skipped_lines, column=column) from None
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise source.refuse(translate("runs", "is not a TCX file (no TrainingCenterDatabase)"),
                            line=1 + skipped_lines)
    activities = [element for element in root.iter() if local_name(element.tag) == "Activity"]
    if not activities:
        raise source.refuse(translate("runs", "holds no activity"), line=1 + skipped_lines)
    entries: list[tuple[RunEntry, PlaceOf]] = []
    other: tuple[int, str] | None = None
    lap_count = 0
    for index, activity in enumerate(activities):
        laps = _children(activity, "Lap")
        sport = (activity.get("Sport") or "").strip().lower()
        if sport not in _SPORTS:
            other = other or (index, sport)
            lap_count += len(laps)
            continue
        entry = _entry(activity, laps, lap_count, _SPORTS[sport], data, source, title,
                       skipped_lines)
        entries.append((entry, _activity_place(data, index, skipped_lines)))
        lap_count += len(laps)
    if not entries:
        assert other is not None
        index, sport = other
        where_activity = _at(data, "Activity", index, skipped_lines)
        if not sport:
            raise source.refuse(translate("runs", "its activity has no sport: not read as a run"),
                                **where_activity)
        raise source.refuse(translate("runs", "holds a {sport} activity, not a run").format(
            sport="cycling" if sport == "biking" else sport), **where_activity)
    return entries


def _activity_place(data: bytes, index: int, skipped_lines: int) -> PlaceOf:
    def place(_field: str) -> Where:
        return Where(**_at(data, "Activity", index, skipped_lines))
    return place


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if local_name(child.tag) == name]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def _at(data: bytes, name: str, occurrence: int, skipped_lines: int) -> dict[str, int]:
    found = position_of(data, name, occurrence)
    return {"line": found[0] + skipped_lines, "column": found[1]} if found else {"line": 1}


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _float(element: ET.Element | None) -> float | None:
    if element is None or element.text is None:
        return None
    try:
        value = float(element.text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _checked(element: ET.Element | None, data: bytes, lap_index: int, source: Source,
             skipped_lines: int, reason: str) -> float | None:
    """A lap's number: None when the lap has none, refused (at the lap's
    line) when it has one that is not a number: a total missing a lap's
    part would be false."""
    if element is None or element.text is None:
        return None
    value = _float(element)
    if value is None or value < 0:
        raise source.refuse(reason, **_at(data, "Lap", lap_index, skipped_lines))
    return value


def _entry(activity: ET.Element, laps: list[ET.Element], first_lap: int, sport: Sport,
           data: bytes, source: Source, title: str, skipped_lines: int) -> RunEntry:
    import gpxpy.geo

    if not laps:
        raise source.refuse(translate("runs", "the activity has no lap"),
                            **_at(data, "Activity", 0, skipped_lines))
    starts, ends = [], []
    distance = 0.0
    all_distances = True  # a lap without one: the total is not known
    hr_sum, hr_time = 0.0, 0.0
    samples: list[tuple[float, float]] = []
    elevations: list[float | None] = []
    for offset, lap in enumerate(laps):
        where = first_lap + offset
        start = _time(lap.get("StartTime"))
        seconds = _float(_child(lap, "TotalTimeSeconds"))
        if start is None or seconds is None or seconds < 0:
            raise source.refuse(translate("runs", "a lap has no valid StartTime or "
                                                  "TotalTimeSeconds"),
                                **_at(data, "Lap", where, skipped_lines))
        starts.append(start)
        ends.append(start + timedelta(seconds=seconds))
        lap_distance = _checked(_child(lap, "DistanceMeters"), data, where, source,
                                skipped_lines, translate("runs", "a lap's distance is not a "
                                                                 "number"))
        if lap_distance is not None:
            distance += lap_distance
        else:
            all_distances = False
        bpm = _child(lap, "AverageHeartRateBpm")
        value = _checked(_child(bpm, "Value") if bpm is not None else None, data, where,
                         source, skipped_lines,
                         translate("runs", "a lap's heart rate is not a number"))
        if value is not None and seconds > 0:
            hr_sum += value * seconds
            hr_time += seconds
        track = _child(lap, "Track")
        for point in (track if track is not None else ()):
            moment = _time(getattr(_child(point, "Time"), "text", None))
            if moment is None:
                continue
            ends.append(moment)
            covered = _float(_child(point, "DistanceMeters"))
            if covered is not None:
                samples.append((moment.timestamp(), covered))
            altitude = _float(_child(point, "AltitudeMeters"))
            if altitude is not None:
                elevations.append(altitude)
    started = min(starts)
    duration = (max(ends) - started).total_seconds()
    climb = gpxpy.geo.calculate_uphill_downhill(elevations)[0] if elevations else None
    notes = _child(activity, "Notes")
    name = title or (notes.text.strip() if notes is not None and notes.text else "")
    kept_distance = distance if all_distances else None
    return RunEntry(
        started_at=started, duration_s=duration, sport=sport, distance_m=kept_distance,
        elevation_gain_m=climb,
        average_heart_rate=round(hr_sum / hr_time) if hr_time else None,
        tag=guess_tag(name or source.name, kept_distance, duration, pace_cv(samples)),
        tag_guessed=True, source="tcx", title=name)

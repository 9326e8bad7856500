"""The running week's vocabulary: runs done, runs planned, races, body weight.

What the log keeps of a run (issue 18): its start (UTC), duration, distance,
sport, elevation gain, average heart rate where the file had one, and the
athlete's tag (easy, long, quality, race or unknown). The original file is
not kept. What the athlete plans: a run type per weekday and one-off races.

Stdlib only, like app.logbook.entries: storage, the importers, the coaching
rules and the window all use these types, and none of them may need another
to read a run. The stored strings are the enums' values; changing one needs
a migration (tests/logbook/test_runs_vocabulary.py fails if one changes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.kernel.refusal import FieldRefusal


class RunTag(StrEnum):
    """What a run was, as the athlete tags it (guessed at import from the
    file's name and the pace's variation, and always editable). QUALITY is
    tempo runs and intervals: the hard runs the 48-hour rule protects."""

    EASY = "easy"
    LONG = "long"
    QUALITY = "quality"
    RACE = "race"
    UNKNOWN = "unknown"


# The runs that count like a hard strength session for the 48-hour rule on
# the hamstrings (CONTENT.md, "The running week": a hard run counts like a
# strength session), and before which no Nordics or heavy hinges go.
HARD_RUN_TAGS: frozenset[RunTag] = frozenset({RunTag.LONG, RunTag.QUALITY, RunTag.RACE})


class Sport(StrEnum):
    """The kind of activity a file says it holds. Only running kinds are
    imported; the rest are told apart so that a refusal can say what the file
    held instead."""

    RUN = "run"
    TRAIL_RUN = "trail_run"
    TREADMILL = "treadmill"
    TRACK = "track"


class PlannedDay(StrEnum):
    """A weekday of the planned running week (the athlete types it once)."""

    REST = "rest"
    EASY = "easy"
    LONG = "long"
    QUALITY = "quality"
    RACE = "race"


HARD_PLANNED_DAYS: frozenset[PlannedDay] = frozenset(
    {PlannedDay.LONG, PlannedDay.QUALITY, PlannedDay.RACE})

# Limits a run must keep to be stored: a run lasting more than 48 hours or
# starting in the future is a wrong file or a wrong clock (issue 18, bad input).
MAX_RUN_DURATION_S = 48 * 3600
MAX_RUN_DISTANCE_M = 1_000_000.0  # a thousand kilometres, as for a set's distance
MAX_ELEVATION_GAIN_M = 50_000.0
HEART_RATE_RANGE = (20, 250)  # beats per minute a heart-rate strap can report
BODY_WEIGHT_RANGE_KG = (20.0, 400.0)
RACE_NAME_MAX = 80


_FIELD_LABELS = {
    "started_at": QT_TRANSLATE_NOOP("RunRefusal", "start"),
    "duration_s": QT_TRANSLATE_NOOP("RunRefusal", "duration"),
    "distance_m": QT_TRANSLATE_NOOP("RunRefusal", "distance"),
    "elevation_gain_m": QT_TRANSLATE_NOOP("RunRefusal", "elevation gain"),
    "average_heart_rate": QT_TRANSLATE_NOOP("RunRefusal", "average heart rate"),
    "kg": QT_TRANSLATE_NOOP("RunRefusal", "body weight"),
    "name": QT_TRANSLATE_NOOP("RunRefusal", "race name"),
    "weekday": QT_TRANSLATE_NOOP("RunRefusal", "weekday"),
}


# A run's distance is stored in meters; it is shown in kilometers, or in miles
# for an athlete who weighs in pounds (the units setting is the only one the
# app has: lb goes with miles). One definition for the importers, the
# command line, the charts and the pages.
METERS_PER_KM = 1000.0
METERS_PER_MILE = 1609.344  # the international mile


def distance_unit(units: str) -> str:
    """"mi" for the "lb" units setting, else "km"."""
    return "mi" if units == "lb" else "km"


def distance_in(meters: float, units: str) -> float:
    """``meters`` in the athlete's distance unit (see ``distance_unit``)."""
    return meters / (METERS_PER_MILE if units == "lb" else METERS_PER_KM)


class RunRefusal(FieldRefusal):
    """A run (or a planned week, a race, a body weight) that cannot be stored:
    its message names the field, never the value."""

    LABELS = _FIELD_LABELS
    LABEL_CONTEXT = "RunRefusal"


@dataclass(frozen=True)
class RunEntry:
    """A run as read from a file or typed, before it is stored.

    ``source`` says where it came from ("fit", "gpx", "tcx", "strava",
    "garmin-csv", "typed"); ``tag_guessed`` is True while the tag is the
    importer's guess (the athlete's own tag is never overwritten by a guess).
    """

    started_at: datetime  # aware, UTC
    duration_s: float
    sport: Sport = Sport.RUN
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    average_heart_rate: int | None = None
    tag: RunTag = RunTag.UNKNOWN
    tag_guessed: bool = True
    source: str = "typed"
    title: str = ""

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.duration_s)


@dataclass(frozen=True)
class RunRecord:
    """A stored run: the entry and its row id."""

    id: int
    entry: RunEntry

    @property
    def started_at(self) -> datetime:
        return self.entry.started_at

    @property
    def tag(self) -> RunTag:
        return self.entry.tag


@dataclass(frozen=True)
class RaceRecord:
    id: int
    day: date
    name: str


@dataclass(frozen=True)
class BodyWeightRecord:
    id: int
    day: date
    kg: float


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def validate_run(entry: RunEntry, now: datetime) -> None:
    """Refuse a run that cannot be true: no start time zone, a start in the
    future (``now`` is the clock's UTC time), a duration of zero or more than
    48 hours, a negative or absurd distance, climb or heart rate."""
    if entry.started_at.tzinfo is None:
        raise RunRefusal("started_at", translate("runs", "the start time has no time zone"))
    if entry.started_at.astimezone(UTC) > now.astimezone(UTC) + timedelta(minutes=5):
        raise RunRefusal("started_at", translate("runs", "the run starts in the future"))
    if not _finite(entry.duration_s) or entry.duration_s <= 0:
        raise RunRefusal("duration_s", translate("runs", "the duration must be more than zero"))
    if entry.duration_s > MAX_RUN_DURATION_S:
        raise RunRefusal("duration_s", translate("runs", "a run cannot last more than 48 hours"))
    if entry.distance_m is not None and (
            not _finite(entry.distance_m) or not 0 <= entry.distance_m <= MAX_RUN_DISTANCE_M):
        raise RunRefusal("distance_m", translate("runs", "the distance must be between 0 and 1,000 km"))
    if entry.elevation_gain_m is not None and (
            not _finite(entry.elevation_gain_m)
            or not 0 <= entry.elevation_gain_m <= MAX_ELEVATION_GAIN_M):
        raise RunRefusal("elevation_gain_m",
                         translate("runs", "the elevation gain must be between 0 and 50,000 m"))
    low, high = HEART_RATE_RANGE
    if entry.average_heart_rate is not None and not low <= entry.average_heart_rate <= high:
        raise RunRefusal("average_heart_rate",
                         translate("runs", "the average heart rate must be between {low} and {high} bpm")
                         .format(low=low, high=high))


def validate_body_weight(kg: float) -> None:
    low, high = BODY_WEIGHT_RANGE_KG
    if not _finite(kg) or not low <= kg <= high:
        raise RunRefusal("kg", translate("runs", "a body weight must be between {low} and {high} kg")
                        .format(low=f"{low:g}", high=f"{high:g}"))


def validate_race_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise RunRefusal("name", translate("runs", "a race needs a name"))
    if len(name) > RACE_NAME_MAX:
        raise RunRefusal("name", translate("runs", "a race name has at most {count} characters")
                        .format(count=RACE_NAME_MAX))
    return name


def planned_week_of(days: dict[int, PlannedDay]) -> tuple[PlannedDay, ...]:
    """Monday..Sunday (weekday 0..6) as a full week: a day not given is rest."""
    for weekday in days:
        if weekday not in range(7):
            raise RunRefusal("weekday", translate("runs", "a weekday is 0 (Monday) to 6 (Sunday)"))
    return tuple(days.get(weekday, PlannedDay.REST) for weekday in range(7))

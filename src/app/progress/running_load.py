"""Running load beside the strength work: distance, time and quality runs per week.

Weeks are Monday to Sunday in the athlete's time zone, and a run belongs to
the week of its local start date (a Sunday-evening run in New York is
Monday in UTC, yet the athlete ran it on Sunday). A run read from a file
without a distance (a treadmill without a foot pod, a typed run) adds its
time and its count, not a distance: ``runs_without_distance`` says how many
such runs a week holds, so a chart or a sentence never shows a week's
distance as complete when it is not.

The calm note on a sudden rise in distance follows Nielsen et al. 2014
("nielsen2014" in resources/sources.toml): novice runners who raised their
weekly distance by more than 30 % had more distance-related injuries than
those who raised it by less than 10 %. It is information, not a rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from app.kernel.clock import monday_of
from app.kernel.i18n import format_decimal, translate
from app.logbook.runs import RunRecord, RunTag, distance_in, distance_unit

# The runs counted as quality runs: tempo runs and intervals, and races (a
# race is the hardest session of its week; counting it keeps a race week from
# looking easier than it was). Long runs are counted as runs, not as quality.
QUALITY_TAGS: frozenset[RunTag] = frozenset({RunTag.QUALITY, RunTag.RACE})

# Nielsen et al. 2014: more than 30 % over the previous weeks' distance.
DISTANCE_JUMP_PCT = 30
# The weeks this week is compared with (each must hold runs whose distances
# are all known: an empty week or a missing distance would make the average
# too low and the rise look bigger than it was).
JUMP_BASE_WEEKS = 4
# The key of the study in resources/sources.toml, for the note's source line.
DISTANCE_JUMP_SOURCES: tuple[str, ...] = ("nielsen2014",)


@dataclass(frozen=True)
class WeekLoad:
    """One local week (Monday ``monday``) of running: the known distance in
    meters, the time in seconds, the runs and the quality runs among them
    (QUALITY_TAGS), and how many runs had no distance (their time and count
    are in, their distance is not known)."""

    monday: date
    distance_m: float
    duration_s: float
    runs: int
    quality_runs: int
    runs_without_distance: int = 0

    @property
    def distance_complete(self) -> bool:
        """Whether every run of the week has its distance."""
        return self.runs_without_distance == 0


def weekly_load(runs: Sequence[RunRecord], until: date, weeks: int,
                tz: tzinfo | None) -> list[WeekLoad]:
    """The ``weeks`` weeks up to and including the week of ``until``, oldest
    first, weeks without runs included (zeros). ``tz`` is the athlete's zone
    (None: this machine's). Runs outside those weeks are left out."""
    if weeks < 1:
        return []
    last = monday_of(until)
    first = last - timedelta(weeks=weeks - 1)
    totals: dict[date, list[float]] = {}
    for run in runs:
        monday = monday_of(run.started_at.astimezone(tz).date())
        if not first <= monday <= last:
            continue
        week = totals.setdefault(monday, [0.0, 0.0, 0, 0, 0])
        entry = run.entry
        if entry.distance_m is None:
            week[4] += 1
        else:
            week[0] += entry.distance_m
        week[1] += entry.duration_s
        week[2] += 1
        if entry.tag in QUALITY_TAGS:
            week[3] += 1
    loads = []
    for n in range(weeks):
        monday = first + timedelta(weeks=n)
        distance, duration, count, quality, unknown = totals.get(monday, [0.0, 0.0, 0, 0, 0])
        loads.append(WeekLoad(monday, distance, duration, int(count), int(quality), int(unknown)))
    return loads


def distance_jump_pct(loads: Sequence[WeekLoad]) -> float | None:
    """How far the last week's distance is above the average of the
    JUMP_BASE_WEEKS weeks before it, in percent; None when those weeks cannot
    tell (too few, a week without runs, a run without its distance, or no
    distance at all)."""
    if len(loads) < JUMP_BASE_WEEKS + 1:
        return None
    this_week = loads[-1]
    base = loads[-JUMP_BASE_WEEKS - 1:-1]
    if any(week.runs == 0 or not week.distance_complete for week in base):
        return None
    total = sum(week.distance_m for week in base)
    if total <= 0:
        return None
    return (this_week.distance_m * JUMP_BASE_WEEKS - total) / total * 100


def _above_limit(loads: Sequence[WeekLoad]) -> bool:
    """this week > average x (100 + DISTANCE_JUMP_PCT) / 100, kept in products
    so that exactly 30 % is not above it by a rounding error."""
    this_week = loads[-1]
    total = sum(week.distance_m for week in loads[-JUMP_BASE_WEEKS - 1:-1])
    return this_week.distance_m * JUMP_BASE_WEEKS * 100 > total * (100 + DISTANCE_JUMP_PCT)


def distance_jump(loads: Sequence[WeekLoad], units: str = "kg") -> str | None:
    """A calm note when the last week of ``loads`` (this week, as weekly_load
    gives it) ran more than DISTANCE_JUMP_PCT % more distance than the average
    of the JUMP_BASE_WEEKS weeks before it; None otherwise, or when those
    weeks cannot tell (see distance_jump_pct). Its source is
    DISTANCE_JUMP_SOURCES. Distances in kilometers, or miles for the "lb"
    units setting (app.logbook.runs.distance_unit)."""
    rise = distance_jump_pct(loads)
    if rise is None or not _above_limit(loads):
        return None
    average_m = sum(week.distance_m for week in loads[-JUMP_BASE_WEEKS - 1:-1]) / JUMP_BASE_WEEKS
    return translate(
        "running_load",
        "This week's distance, {distance} {unit}, is {percent} % above the average of the four "
        "weeks before ({average} {unit}). Novice runners who raised their weekly distance by more "
        "than {limit} % had more running injuries than those who raised it by less than 10 % "
        "(Nielsen et al. 2014). Worth keeping in mind: information, not a rule or a diagnosis."
    ).format(distance=format_decimal(distance_in(loads[-1].distance_m, units)),
             unit=distance_unit(units), percent=_above(rise),
             average=format_decimal(distance_in(average_m, units)), limit=DISTANCE_JUMP_PCT)


def _above(rise: float) -> str:
    """The rise as few places as show it above the limit: 37 %, and 30.4 %
    rather than a rounded 30 % that would contradict the note."""
    for places in range(3):
        if round(rise, places) > DISTANCE_JUMP_PCT:
            return format_decimal(rise, places)
    return format_decimal(rise, 3)

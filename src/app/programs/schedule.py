"""A program on the calendar: which session falls on which date.

Pure: dates are ``datetime.date`` in the athlete's own time zone, and
"today" is always passed in, so nothing here reads a clock.

The rules:

- Week k of the program is the k-th calendar week (Monday to Sunday)
  counted from the week that holds the start date. Nothing is planned
  before the start date, so the first week may be short.
- A week's N sessions go on the first N of the athlete's chosen weekdays in
  that week. When fewer chosen days are left than the week needs (too few
  days chosen, or a start late in the week), the rest go on the other days
  of that week, each on the free day furthest from the other training days
  (the chosen days of the weeks either side count too), so a rest day falls
  between sessions where the week allows it; only when the week has no
  free day left do two sessions share a day.
- Sessions are numbered through the program (day 1, 2, ...) in date order.
  A repeating program runs its weeks again; a program with a maintenance
  week runs that week for good; any other program ends after its weeks.
- A session done late still counts: the session due is the lowest day
  number not yet done, whatever the date.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.programs.model import Program

# Shown with translate("schedule", WEEKDAY_NAMES[n]).
WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("schedule", "Mon"), QT_TRANSLATE_NOOP("schedule", "Tue"),
                 QT_TRANSLATE_NOOP("schedule", "Wed"), QT_TRANSLATE_NOOP("schedule", "Thu"),
                 QT_TRANSLATE_NOOP("schedule", "Fri"), QT_TRANSLATE_NOOP("schedule", "Sat"),
                 QT_TRANSLATE_NOOP("schedule", "Sun"))
STATUSES = ("done", "missed", "planned", "rest")


@dataclass(frozen=True)
class DayPlace:
    """Where session ``day_number`` sits: program week (from 1), its place in
    that week (from 1) and the week's number of sessions."""

    week: int
    position: int
    count: int
    maintenance: bool = False


@dataclass(frozen=True)
class DueSession:
    day_number: int
    planned_date: date
    overdue_days: int  # 0 when planned for today or later


@dataclass(frozen=True)
class StripDay:
    """One day of the week strip. ``status``: "done" (a session of the program
    was done that day, or every session planned for it was done on another
    day), "missed" (planned, in the past, not done), "planned" (today or
    later), "rest" (nothing planned, nothing done)."""

    date: date
    planned: tuple[int, ...]  # the day numbers planned for this date
    done: tuple[int, ...]  # the day numbers done on this date
    status: str
    today: bool


@dataclass(frozen=True)
class Adherence:
    done: int  # sessions done from the start date up to today
    planned_so_far: int  # sessions planned on a date up to and including today
    ratio: float | None  # done / planned, at most 1; None while nothing was planned yet
    longest_gap_days: int  # the longest gap between two sessions done, or the current one
    current_gap_days: int  # days since the last session done (since the start if none)


# --------------------------------------------------------------------------
# Day numbers and program weeks
# --------------------------------------------------------------------------


def sessions_in_week(program: Program, week: int) -> int:
    """Sessions in program week ``week`` (from 1); 0 once a finite program is over."""
    if week < 1:
        return 0
    planned_weeks = len(program.weeks)
    if week <= planned_weeks:
        return len(program.weeks[week - 1].days)
    if program.maintenance is not None:
        return len(program.maintenance.days)
    if program.repeat:
        return len(program.weeks[(week - 1) % planned_weeks].days)
    return 0


def first_day_of_week(program: Program, week: int) -> int:
    """The day number of the first session of program week ``week``."""
    planned_weeks = len(program.weeks)
    planned = program.planned_sessions
    if week <= planned_weeks:
        return 1 + sum(len(w.days) for w in program.weeks[:week - 1])
    if program.maintenance is not None:
        return planned + 1 + (week - planned_weeks - 1) * len(program.maintenance.days)
    cycles, rest = divmod(week - 1, planned_weeks)
    if not program.repeat:
        return planned + 1  # past the end: the day after the last
    return 1 + cycles * planned + sum(len(w.days) for w in program.weeks[:rest])


def place_of_day(program: Program, day_number: int) -> DayPlace:
    """The program week and place of session ``day_number``; ValueError if a
    finite program has no such session."""
    if day_number < 1:
        raise ValueError(f"day: must be 1 or more, got {day_number}")
    planned = program.planned_sessions
    index = day_number - 1
    if index >= planned:
        if program.maintenance is not None:
            per_week = len(program.maintenance.days)
            extra = index - planned
            return DayPlace(len(program.weeks) + 1 + extra // per_week, extra % per_week + 1,
                            per_week, maintenance=True)
        if not program.repeat:
            raise ValueError(f"day: {program.name} has {planned} sessions, not {day_number}")
    cycle, index = divmod(index, planned)
    for week in program.weeks:
        if index < len(week.days):
            return DayPlace(cycle * len(program.weeks) + week.number, index + 1, len(week.days))
        index -= len(week.days)
    raise AssertionError("unreachable: index within the planned sessions")


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _check_weekdays(weekdays: Iterable[int]) -> tuple[int, ...]:
    days = tuple(sorted(set(weekdays)))
    if any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ValueError(f"weekdays: must be 0 (Monday) to 6 (Sunday), got {weekdays!r}")
    return days


def _week_dates(monday: date, start: date, weekdays: tuple[int, ...], count: int) -> list[date]:
    """The dates of a week's ``count`` sessions, in order (see the module's rules)."""
    available = [d for d in (monday + timedelta(days=i) for i in range(7)) if d >= start]
    chosen = [d for d in available if d.weekday() in weekdays]
    if count <= len(chosen):
        return chosen[:count]
    used = list(chosen)
    # The training days of the weeks either side, so an extra session does not
    # land next to them either (Sunday before the next week's Monday).
    neighbours = [monday + timedelta(days=wd + shift) for wd in weekdays for shift in (-7, 7)]
    free = [d for d in available if d not in chosen]
    while len(used) < count and free:
        anchors = used + neighbours
        best = max(free, key=lambda d: (min((abs((d - a).days) for a in anchors), default=7),
                                        -d.toordinal()))
        used.append(best)
        free.remove(best)
    # No free day left in this week (a start on its last days): double up,
    # earliest days first.
    ordered = sorted(used) if used else available
    i = 0
    while len(used) < count:
        used.append(ordered[i % len(ordered)])
        i += 1
    return sorted(used)


def _dates_of_week(program: Program, start: date, weekdays: tuple[int, ...],
                   week: int) -> list[tuple[int, date]]:
    count = sessions_in_week(program, week)
    if count == 0:
        return []
    monday = _monday(start) + timedelta(weeks=week - 1)
    first = first_day_of_week(program, week)
    return [(first + i, d) for i, d in enumerate(_week_dates(monday, start, weekdays, count))]


def planned_dates(program: Program, start: date, weekdays: Sequence[int],
                  until: date) -> list[tuple[int, date]]:
    """(day number, date) of every session planned from ``start`` to ``until``
    (both included), in order."""
    days = _check_weekdays(weekdays)
    out: list[tuple[int, date]] = []
    week = 1
    while _monday(start) + timedelta(weeks=week - 1) <= until:
        placed = _dates_of_week(program, start, days, week)
        if not placed:
            break  # a finite program is over
        out.extend((n, d) for n, d in placed if d <= until)
        week += 1
    return out


def date_of_day(program: Program, start: date, weekdays: Sequence[int], day_number: int) -> date:
    """The planned date of session ``day_number``."""
    place = place_of_day(program, day_number)
    placed = _dates_of_week(program, start, _check_weekdays(weekdays), place.week)
    return placed[place.position - 1][1]


def check_weekdays(program: Program, weekdays: Sequence[int]) -> str | None:
    """A warning when the chosen days cannot hold the program's busiest week."""
    days = _check_weekdays(weekdays)
    if not days:
        return translate("schedule", "Choose at least one training day.")
    weeks = list(program.weeks) + ([program.maintenance] if program.maintenance else [])
    most = max(len(w.days) for w in weeks)
    if len(days) < most:
        # No plural marks: a week that cannot fit holds at least 2 sessions.
        return translate("schedule", "{program} has weeks of %n session(s): choose at least %n day(s) "
                         "(until then, the extra sessions go on other days of those weeks).",
                         n=most).format(program=program.name)
    return None


# --------------------------------------------------------------------------
# Progress through the program
# --------------------------------------------------------------------------


def next_due(program: Program, start: date, weekdays: Sequence[int], done_days: Iterable[int],
             today: date) -> DueSession | None:
    """The lowest session not done yet, with its planned date; None once a
    finite program is finished."""
    done = set(done_days)
    day = 1
    while day in done:
        day += 1
    if not program.open_ended and day > program.planned_sessions:
        return None
    planned = date_of_day(program, start, weekdays, day)
    return DueSession(day, planned, max(0, (today - planned).days))


def week_strip(program: Program, start: date, weekdays: Sequence[int],
               done: Mapping[date, Sequence[int]], today: date) -> list[StripDay]:
    """Monday to Sunday of today's week: what was planned and done each day."""
    days = _check_weekdays(weekdays)
    monday = _monday(today)
    week = (monday - _monday(start)).days // 7 + 1
    planned: dict[date, list[int]] = {}
    if week >= 1:
        for number, day in _dates_of_week(program, start, days, week):
            planned.setdefault(day, []).append(number)
    done_anywhere = {n for numbers in done.values() for n in numbers}
    strip = []
    for i in range(7):
        day = monday + timedelta(days=i)
        here = tuple(planned.get(day, ()))
        done_here = tuple(done.get(day, ()))
        if done_here or (here and all(n in done_anywhere for n in here)):
            status = "done"
        elif here:
            status = "missed" if day < today else "planned"
        else:
            status = "rest"
        strip.append(StripDay(day, here, done_here, status, day == today))
    return strip


def adherence(program: Program, start: date, weekdays: Sequence[int], done_dates: Iterable[date],
              today: date) -> Adherence:
    """How well the program is being kept up. Sessions dated before the start
    (an earlier go at the same program) or after today are not counted."""
    dates = sorted(d for d in done_dates if start <= d <= today)
    planned = len(planned_dates(program, start, weekdays, today))
    ratio = min(1.0, len(dates) / planned) if planned else None
    current = (today - dates[-1]).days if dates else max(0, (today - start).days)
    gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
    return Adherence(done=len(dates), planned_so_far=planned, ratio=ratio,
                     longest_gap_days=max([*gaps, current]), current_gap_days=current)

"""The running week as the Week page, Today and `hamstride week` show it.

Reads the log (the runs done, the planned running week, the races, the
program followed and its sessions done) and hands it to the scheduler
(app.coaching.running_week), which places the program's sessions around the
runs. With no program followed the week still shows the runs and the 48-hour
windows, and places nothing.

The program's days are its schedule's (app.coaching.schedule.planned_dates
on the athlete's weekdays): the number of sessions a week wants is the
number planned in it, and each starts on its planned day. A session holds
heavy work when one of its exercises is Nordics or a heavy hinge
(app.coaching.recovery.heavy_slugs), as the 48-hour rule counts it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from app.coaching.running_week import (
    DAYS_WITHOUT_NORDICS_AFTER_RACE,
    RACE_WEEK_DAYS,
    ProgramSession,
    WeekPlan,
    place_weeks,
)
from app.kernel.clock import monday_of
from app.kernel.i18n import translate

if TYPE_CHECKING:
    from pathlib import Path

    from app.catalog.model import Catalog
    from app.coaching.model import Program
    from app.exchange.calendar_out import CalendarEvent
    from app.logbook.entries import EnrolmentRecord
    from app.logbook.runs import RaceRecord
    from app.storage.queries import LogReader

MAX_WEEKS = 52  # a calendar export of a year at most


class Programs(Protocol):
    """Where the followed program is found (app.coaching.book.ProgramBook)."""

    def get(self, slug: str) -> Program | None: ...


@dataclass(frozen=True)
class ProgramFollowed:
    """The program the week places, from the enrolment (or the restart Today
    applied: ``start`` and ``first_day`` are then the restart's)."""

    program: Program
    enrolment: EnrolmentRecord
    start: date
    first_day: int


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    """The local midnight starting ``day`` (tz None: the system's zone)."""
    plain = datetime.combine(day, time())
    return plain.replace(tzinfo=tz) if tz is not None else plain.astimezone()


def build_week(reader: LogReader, catalog: Catalog, programs: Programs | None, today: date,
               tz: tzinfo | None = None) -> WeekPlan:
    """This week (Monday to Sunday of ``today``): runs, windows, strength."""
    return build_weeks(reader, catalog, programs, today, tz, weeks=1)[0]


def build_weeks(reader: LogReader, catalog: Catalog, programs: Programs | None, today: date,
                tz: tzinfo | None = None, *, weeks: int = 1,
                first_monday: date | None = None) -> list[WeekPlan]:
    """``weeks`` weeks from ``first_monday`` (default: this week's Monday)."""
    followed = None
    enrolment = reader.active_enrolment()
    if enrolment is not None and programs is not None:
        program = programs.get(enrolment.program_slug)
        if program is not None:
            followed = ProgramFollowed(program, enrolment, enrolment.start_date,
                                       enrolment.first_day)
    return weeks_for(reader, catalog, followed, today, tz, weeks=weeks, first_monday=first_monday)


def weeks_for(reader: LogReader, catalog: Catalog, followed: ProgramFollowed | None, today: date,
              tz: tzinfo | None = None, *, weeks: int = 1,
              first_monday: date | None = None) -> list[WeekPlan]:
    """The weeks placed for ``followed`` (None: no program, nothing placed)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks: must be 1 to {MAX_WEEKS}, got {weeks}")
    first = monday_of(first_monday or today)
    end = first + timedelta(weeks=weeks)
    # The days around the range count too: a hard run the day before its
    # Monday, a race up to two days before, one in the week after it.
    runs = reader.runs_between(_midnight(first - timedelta(days=DAYS_WITHOUT_NORDICS_AFTER_RACE), tz),
                               _midnight(end + timedelta(days=1), tz))
    races = reader.races(since=first - timedelta(days=DAYS_WITHOUT_NORDICS_AFTER_RACE))
    planned = reader.planned_week()
    if followed is None:
        plans = place_weeks(first, weeks, planned, races, runs, (), 0, False, today, tz=tz)
        note = translate("week", "No program followed: the week shows your runs and the 48-hour "
                         "windows. Follow a program (Programs page) to have its sessions placed "
                         "around them.")
        return [dataclasses.replace(p, note=f"{p.note} {note}" if p.note else note) for p in plans]
    sessions, done_days, heavy_done, labels = _program_days(reader, catalog, followed, first, end,
                                                            today, tz)
    wanted = [sum(1 for s in sessions if first + timedelta(weeks=i) <= s.day
                  < first + timedelta(weeks=i + 1)) for i in range(weeks)]
    return place_weeks(first, weeks, planned, races, runs, done_days, wanted,
                       any(s.heavy for s in sessions), today, program_sessions=sessions,
                       heavy_done_days=heavy_done, done_labels=labels, tz=tz)


def _program_days(reader: LogReader, catalog: Catalog, followed: ProgramFollowed, first: date,
                  end: date, today: date, tz: tzinfo | None,
                  ) -> tuple[list[ProgramSession], set[date], set[date], dict[date, str]]:
    """The program's sessions planned from ``first`` to ``end`` (excluded), and
    the days its sessions were done (those with heavy work; their names).

    The planned days from ``today`` on hold the sessions still to do, in
    order: a session missed is due first (as Today has it), so the days
    ahead carry it and those after it, not the numbers the calendar first
    gave them."""
    from app.coaching import schedule
    from app.coaching.planning import day_label
    from app.coaching.recovery import heavy_slugs

    program, weekdays = followed.program, tuple(followed.enrolment.weekdays)
    heavy = heavy_slugs(catalog, reader.custom_exercises())

    def is_heavy(day_number: int) -> bool:
        try:
            _week, day = program.day(day_number)
        except ValueError:  # a day the program no longer has (edited since)
            return False
        return any(dose.slug in heavy for dose in day.exercises)

    records = [r for r in reader.program_sessions(program.slug, since=followed.start)
               if r.started_at.astimezone(tz).date() >= followed.start]
    done_numbers = {r.program_day for r in records if r.program_day}
    ahead = _numbers_not_done(program, followed.first_day, done_numbers)
    sessions = []
    if weekdays and end > followed.start:
        for number, day in schedule.planned_dates(program, followed.start, weekdays,
                                                  end - timedelta(days=1), followed.first_day):
            if day >= today:
                number = next(ahead, 0)
                if number == 0:  # a finite program ends
                    break
            if day >= first:
                sessions.append(ProgramSession(number, day, is_heavy(number),
                                               day_label(program, number, weekdays)))
    done_days: set[date] = set()
    heavy_done: set[date] = set()
    labels: dict[date, str] = {}
    for record in records:
        local = record.started_at.astimezone(tz).date()
        if not first - timedelta(days=1) <= local < end:
            continue
        done_days.add(local)
        if record.program_day and is_heavy(record.program_day):
            heavy_done.add(local)
        labels[local] = (day_label(program, record.program_day, weekdays)
                         if record.program_day else record.title)
    return sessions, done_days, heavy_done, labels


def _numbers_not_done(program: Program, first_day: int, done: set[int]) -> Iterator[int]:
    """The program's session numbers from ``first_day`` not done, in order;
    ends with a finite program."""
    number = first_day
    while program.open_ended or number <= program.planned_sessions:
        if number not in done:
            yield number
        number += 1


def race_of_week(races: Sequence[RaceRecord], day: date) -> RaceRecord | None:
    """The dated race whose week (the RACE_WEEK_DAYS up to it) holds ``day``."""
    return next((r for r in sorted(races, key=lambda r: r.day)
                 if 0 <= (r.day - day).days < RACE_WEEK_DAYS), None)


# -- the calendar out -------------------------------------------------------------


def calendar_events(weeks: Sequence[WeekPlan], uid_key: str) -> list[CalendarEvent]:
    """The events of the planned weeks: each strength session placed (its
    name, why it sits there, a rule bent), and each planned run and race
    (runs and sessions done are not a plan). ``uid_key`` names the program
    followed (its enrolment's uid): a session keeps its UID when it moves
    to another day, so the calendar moves it too."""
    from app.exchange.calendar_out import CalendarEvent, uid_of

    events: list[CalendarEvent] = []
    for week in weeks:
        bent: dict[date, list[str]] = {}
        for rule in week.bent:
            bent.setdefault(rule.day, []).append(rule.why)
        for day in week.days:
            for index, run in enumerate(day.runs):
                if not run.planned or run.done is not None:
                    continue
                if run.race is not None:
                    events.append(CalendarEvent(
                        uid_of("race", run.race.id),
                        translate("week", "Race: {name}").format(name=run.race.name),
                        translate("week", "A race in your running week (Hamstride)."),
                        day.day, transparent=True))
                    continue
                events.append(CalendarEvent(
                    uid_of("run", day.day.isoformat(), index), _run_summary(str(run.kind)),
                    translate("week", "Planned in your running week (Hamstride)."), day.day,
                    transparent=True))
            strength = day.strength
            if strength is None or not strength.placed:
                continue
            name = strength.label or translate("week", "hamstring session")
            summary = translate("week", "Strength: {name}").format(name=name)
            if strength.half_volume:
                summary = translate("week", "Strength: {name} (race week: half the sets)").format(
                    name=name)
            lines = [day.reason] if day.reason else []
            lines += [translate("week", "Rule bent: {why}.").format(why=why)
                      for why in bent.get(day.day, [])]
            uid = (uid_of("strength", uid_key, strength.program_day)
                   if strength.program_day is not None
                   else uid_of("strength", uid_key, day.day.isoformat()))
            events.append(CalendarEvent(uid, summary, "\n".join(lines), day.day,
                                        start=strength.not_before,
                                        category=translate("week", "Hamstring strength")))
    return events


def _run_summary(kind: str) -> str:
    words = {"easy": translate("week", "Easy run"), "long": translate("week", "Long run"),
             "quality": translate("week", "Quality run (tempo or intervals)"),
             "race": translate("week", "Race")}
    return words.get(kind, translate("week", "Run"))


def export_plan(reader: LogReader, catalog: Catalog, programs: Programs | None, today: date,
                tz: tzinfo | None, weeks: int, destination: Path, now: datetime) -> list[WeekPlan]:
    """`hamstride plan --ics` and the Week page's export: ``weeks`` weeks from
    this one, written to ``destination`` (app.exchange.calendar_out); returns
    the weeks written. A program followed keys its sessions' UIDs by its
    enrolment, so a second export updates the first."""
    from app.exchange.calendar_out import export_calendar

    plans = build_weeks(reader, catalog, programs, today, tz, weeks=weeks)
    enrolment = reader.active_enrolment()
    key = enrolment.uid if enrolment is not None else "no-program"
    export_calendar(calendar_events(plans, key), destination, now,
                    translate("week", "Hamstride: strength around the runs"))
    return plans

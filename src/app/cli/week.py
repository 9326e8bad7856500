"""`hamstride week` and `hamstride plan --ics`: the running week with the
strength placed around it, the planned running week and races, and the
planned weeks out as a calendar file (issue 18, points 2, 4 and 8).

    hamstride week [--json]                      this week: runs, windows, strength and why
    hamstride week plan mon=easy tue=quality thu=quality sun=long
    hamstride week race add 2027-04-18 "City Marathon"
    hamstride week race remove ID
    hamstride plan --ics FILE [--weeks N]

The command line is English by design; the reasons are the scheduler's,
the same words the window shows. Light at the top like every command
module: what a command needs is imported when it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.cli import common
from app.cli.common import EXIT_OK, UserError, counted, open_log, print_json

if TYPE_CHECKING:
    from app.coaching.running_week import BentRule, WeekDay, WeekPlan
    from app.kernel.paths import AppPaths
    from app.logbook.runs import PlannedDay, RaceRecord

DEFAULT_ICS_WEEKS = 4
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_KINDS = ("rest", "easy", "long", "quality", "race")


def add_commands(commands: Any) -> None:
    """The parsers of `week` and `plan` (app.cli.main's subparsers)."""
    week = commands.add_parser(
        "week", help="this week: your runs, the 48-hour windows and the strength placed "
                     "around them, with why",
        description="This week, Monday to Sunday: the runs done and planned, the days before a "
                    "hard run that keep no Nordics or heavy hinges, and your program's "
                    "sessions placed around the runs, each with the rule that put it there "
                    "(coaching convention). 'week plan' types your running week, 'week race' "
                    "adds or removes a race.")
    week.add_argument("--json", action="store_true", help="print as JSON")
    actions = week.add_subparsers(dest="week_action", metavar="ACTION")
    plan = actions.add_parser(
        "plan", help="your planned running week: mon=easy tue=quality thu=quality sun=long",
        description="Set the run of each weekday: DAY=KIND, DAY one of mon..sun, KIND one of "
                    "rest, easy, long, quality (tempo or intervals), race. A day not given is "
                    "rest; the whole week is replaced.")
    plan.add_argument("days", nargs="+", metavar="DAY=KIND")
    race = actions.add_parser("race", help="add or remove a race with a date")
    race_actions = race.add_subparsers(dest="race_action", metavar="ACTION", required=True)
    add = race_actions.add_parser("add", help="a race on a day: week race add 2027-04-18 "
                                              "\"City Marathon\"")
    add.add_argument("day", metavar="YYYY-MM-DD", type=_day)
    add.add_argument("name", metavar="NAME")
    remove = race_actions.add_parser("remove", help="remove a race by its id (see 'hamstride "
                                                    "week')")
    remove.add_argument("race_id", metavar="ID", type=_race_id)

    out = commands.add_parser(
        "plan", help="the planned strength days and runs as a calendar file (.ics)",
        description="Write the strength sessions placed around your runs, with why each sits "
                    "on its day, and the planned runs and races, as an iCalendar file for your "
                    "own calendar. Export again to update it: the events keep their ids.")
    out.add_argument("--ics", required=True, metavar="FILE", type=Path,
                     help="the calendar file to write (replaced if it is a file)")
    out.add_argument("--weeks", type=_weeks, default=DEFAULT_ICS_WEEKS, metavar="N",
                     help=f"this week and the next, N in all (default {DEFAULT_ICS_WEEKS}, "
                          "at most 52)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD, like 2027-04-18") from None


def _race_id(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 2**62:
        raise argparse.ArgumentTypeError("expected a race id, a whole number (see 'hamstride "
                                         "week')")
    return int(text)


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 52:
        raise argparse.ArgumentTypeError("expected a number of weeks from 1 to 52")
    return int(text)


def _day_text(day: date) -> str:
    """"Mon 12 Apr 2027", as `hamstride today` writes a day: the same in every locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _zone(now: datetime) -> tzinfo | None:
    """The zone days are counted in: a real zone (a test pins one) as it is;
    common.now()'s fixed offset knows no summer time, so None (the machine's
    own rules for each run's date)."""
    return now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None


def parse_planned_week(items: Sequence[str]) -> tuple[PlannedDay, ...]:
    """``["mon=easy", "tue=quality"]`` as a planned week (a day not given:
    rest); UserError naming the item that cannot be read."""
    from app.logbook.runs import PlannedDay, planned_week_of

    days: dict[int, PlannedDay] = {}
    for item in items:
        name, sep, kind = item.strip().lower().partition("=")
        shown = item if len(item) <= 24 else item[:24] + "..."
        weekday = next((i for i, full in enumerate(_FULL_NAMES)
                        if len(name) >= 3 and full.startswith(name)), None)
        if not sep or weekday is None:
            raise UserError(f"week plan: {shown!r} is not DAY=KIND, like tue=quality (DAY: "
                            f"{', '.join(_DAY_NAMES)}); nothing was written")
        if kind not in _KINDS:
            raise UserError(f"week plan: {shown!r}: the kind is one of {', '.join(_KINDS)}; "
                            "nothing was written")
        if weekday in days:
            raise UserError(f"week plan: {_WEEKDAYS[weekday]} is given twice; nothing was written")
        days[weekday] = PlannedDay(kind)
    return planned_week_of(days)


def run_week(args: argparse.Namespace, paths: AppPaths) -> int:
    action = getattr(args, "week_action", None)
    if action == "plan":
        return _set_plan(args, paths)
    if action == "race":
        return _race(args, paths)
    from app.cli.programs import program_book
    from app.usecases.week import build_week

    now = common.now()
    reader = open_log(paths, only_reads=True)
    try:
        book, _problems = program_book(reader)
        week = build_week(reader, book.catalog, book, now.date(), _zone(now))
        planned = reader.planned_week()
        races = reader.races(since=now.date())
        citations = {key: source.citation for key, source in book.catalog.sources.items()}
    finally:
        reader.close()
    if args.json:
        print_json({**week_json(week, citations), "today": now.date().isoformat(),
                    "planned_week": {name: str(kind) for name, kind in zip(_DAY_NAMES, planned,
                                                                           strict=True)},
                    "races": [race_json(r) for r in races]})
        return EXIT_OK
    for line in week_lines(week, now.date()):
        print(line)
    print("Planned week: " + " ".join(f"{name}={kind}" for name, kind
                                      in zip(_DAY_NAMES, planned, strict=True)))
    if races:
        print("Races ahead:")
        for race in races:
            print(f"  #{race.id} {_day_text(race.day)}: {race.name}")
    return EXIT_OK


def _set_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.logbook.runs import RunRefusal
    from app.storage.store import Store

    planned = parse_planned_week(args.days)
    open_log(paths, for_writing=True).close()
    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        store.set_planned_week(planned)
    except RunRefusal as exc:
        raise UserError(f"week plan: {exc.message} (nothing was written)") from None
    finally:
        store.close()
    print("Planned week: " + " ".join(f"{name}={kind}" for name, kind
                                      in zip(_DAY_NAMES, planned, strict=True)))
    return EXIT_OK


def _race(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.logbook.runs import RunRefusal
    from app.storage.store import Store

    open_log(paths, for_writing=True).close()
    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        if args.race_action == "add":
            try:
                race = store.add_race(args.day, args.name)
            except RunRefusal as exc:
                raise UserError(f"week race add: {exc.message} (nothing was written)") from None
            print(f"Race #{race.id} added: {race.name} on {_day_text(race.day)}.")
        else:
            try:
                store.delete_race(args.race_id)
            except LookupError:
                raise UserError(f"week race remove: there is no race #{args.race_id} (see "
                                "'hamstride week')") from None
            print(f"Race #{args.race_id} removed.")
    finally:
        store.close()
    return EXIT_OK


def run_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """`hamstride plan --ics FILE [--weeks N]`."""
    from app.cli.programs import program_book
    from app.kernel.atomic import check_target
    from app.usecases.week import export_plan

    output: Path = args.ics
    try:  # a folder, device or pipe is refused before the log is read (as export -o)
        check_target(output)
    except OSError as exc:  # also a name too long for the file system
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    if not output.parent.is_dir():
        raise UserError(f"the folder {output.parent} does not exist")
    now = common.now()
    reader = open_log(paths, only_reads=True)
    try:
        book, _problems = program_book(reader)
        try:
            weeks = export_plan(reader, book.catalog, book, now.date(), _zone(now), args.weeks,
                                output, now)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        reader.close()
    sessions = sum(1 for w in weeks for d in w.days if d.strength is not None and d.strength.placed)
    runs = sum(1 for w in weeks for d in w.days for r in d.runs if r.planned and r.done is None)
    print(f"Wrote {counted(sessions, 'strength session')} and {counted(runs, 'planned run')} "
          f"({counted(args.weeks, 'week')} from {_day_text(weeks[0].monday)}) to {output}")
    return EXIT_OK


# -- what is printed ----------------------------------------------------------------


def _run_words(day: WeekDay) -> str:
    words = []
    for run in day.runs:
        kind = str(run.kind)
        if run.race is not None:
            words.append(f"race: {run.race.name} (#{run.race.id})")
        elif run.done is not None:
            distance = ("" if run.done.entry.distance_m is None
                        else f", {run.done.entry.distance_m / 1000:.1f} km")
            words.append(f"{kind} run done ({round(run.done.entry.duration_s / 60)} min"
                         f"{distance})")
        else:
            words.append(f"{kind} run planned" if kind != "race" else "race planned")
    return "; ".join(words) or "no run"


def week_lines(week: WeekPlan, today: date | None) -> list[str]:
    lines = [f"Week of {_day_text(week.monday)}" + (" (race week)" if week.race_week else "")]
    for day in week.days:
        marker = "  <- today" if day.day == today else ""
        window = " · no heavy work (48 h before a hard run)" if day.in_window else ""
        lines.append(f"  {_day_text(day.day)}: {_run_words(day)}{window}{marker}")
        strength = day.strength
        if strength is not None:
            what = "done" if strength.done else "placed"
            kind = "heavy" if strength.heavy else "light"
            extra = ", half the sets" if strength.half_volume else ""
            name = f"{strength.label}: " if strength.label else ""
            lines.append(f"    strength {what} ({name}{kind}{extra})")
        if day.reason and not (strength is not None and strength.done):
            rule = f" [{day.placed_by}]" if day.placed_by is not None else ""
            lines.append(f"    why: {day.reason}{rule}")
    for bent in week.bent:
        lines.append(f"Rule bent on {_day_text(bent.day)} [{bent.rule}]: {bent.why}. "
                     + (f"Next best day: {_day_text(bent.next_best)}."
                        if bent.next_best else "No day in the next two weeks keeps it."))
    if week.note:
        lines.append(f"Note: {week.note}")
    return lines


def race_json(race: RaceRecord) -> dict[str, object]:
    return {"id": race.id, "day": race.day.isoformat(), "name": race.name}


def day_json(day: WeekDay, citations: Mapping[str, str]) -> dict[str, object]:
    """One day of the running week as JSON: the runs, the 48-hour window, the
    strength and the rule (its stable value) with the reason in words."""
    strength = day.strength
    return {
        "date": day.day.isoformat(),
        "runs": [{"kind": str(run.kind), "planned": run.planned,
                  "done": None if run.done is None else {
                      "id": run.done.id,
                      "started_at": run.done.started_at.isoformat().replace("+00:00", "Z"),
                      "duration_s": run.done.entry.duration_s,
                      "distance_m": run.done.entry.distance_m},
                  "race": None if run.race is None else race_json(run.race)}
                 for run in day.runs],
        "in_window": day.in_window,
        "strength": None if strength is None else {
            "done": strength.done, "placed": strength.placed, "heavy": strength.heavy,
            "half_volume": strength.half_volume, "after_run": strength.after_run,
            "program_day": strength.program_day, "label": strength.label,
            "not_before": None if strength.not_before is None
            else strength.not_before.isoformat(),
            "moved_from": None if strength.moved_from is None
            else strength.moved_from.isoformat()},
        "placed_by": None if day.placed_by is None else str(day.placed_by),
        "reason": day.reason,
        "sources": [{"id": key, "citation": citations.get(key, key)} for key in day.sources],
    }


def bent_json(bent: BentRule) -> dict[str, object]:
    return {"rule": str(bent.rule), "day": bent.day.isoformat(), "why": bent.why,
            "next_best": None if bent.next_best is None else bent.next_best.isoformat()}


def week_json(week: WeekPlan, citations: Mapping[str, str]) -> dict[str, Any]:
    return {"monday": week.monday.isoformat(), "race_week": week.race_week, "note": week.note,
            "days": [day_json(d, citations) for d in week.days],
            "bent": [bent_json(b) for b in week.bent]}

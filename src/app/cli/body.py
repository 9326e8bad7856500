"""`hamstride weight`, `hamstride load` and `hamstride sides`: the body weight
log, the weekly running load beside the strength work, and left against
right, as text or JSON (issue 18, points 5 to 7).

The command line is English by design; the notes are app.progress's, the
same words the window shows. Light at the top like every command module:
what a command needs is imported when it runs.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.cli import common
from app.cli.common import EXIT_OK, UserError, counted, open_log, print_json

if TYPE_CHECKING:
    from app.kernel.paths import AppPaths
    from app.progress.running_load import WeekLoad
    from app.progress.sides import SideBalance

# `hamstride load` shows this many weeks unless --weeks says otherwise: two
# months, the four weeks the distance note compares with and some before.
DEFAULT_LOAD_WEEKS = 8


def add_commands(commands: Any) -> None:
    """The parsers of `weight`, `load` and `sides` (app.cli.main's subparsers)."""
    weight = commands.add_parser(
        "weight", help="your body weight log and its trend; 'weight add' logs one",
        description="List the body weights you logged and how they changed over the last four "
                    "weeks, or log one with 'hamstride weight add 72.5 [--unit lb] [--date D]' "
                    "(one a day: a second one on a day replaces the first).")
    weight.add_argument("--json", action="store_true", help="print as JSON (kilograms)")
    # Its parser_class is weight's own (app.cli.main's one-line errors).
    actions = weight.add_subparsers(dest="weight_action", metavar="ACTION")
    add = actions.add_parser("add", help="log your body weight for a day")
    add.add_argument("value", metavar="WEIGHT", help="the weight, like 72.5")
    add.add_argument("--unit", choices=("kg", "lb"),
                     help="the unit of WEIGHT (default: your units setting)")
    add.add_argument("--date", metavar="YYYY-MM-DD", type=_day,
                     help="the day it was taken (default: today)")

    load = commands.add_parser(
        "load", help="your running per week: distance, time, runs and quality runs",
        description="Weekly running load from the runs you imported: distance, time, runs "
                    "and quality runs (tempo, intervals, races), Monday to Sunday. A run "
                    "without a distance adds its time only, and the week says so. A calm note "
                    "when this week's distance is more than 30 % above the four weeks before.")
    load.add_argument("--json", action="store_true", help="print as JSON")
    load.add_argument("--weeks", type=_weeks, default=DEFAULT_LOAD_WEEKS, metavar="N",
                      help=f"the last N weeks, this one included (default {DEFAULT_LOAD_WEEKS})")

    sides = commands.add_parser(
        "sides", help="left against right for your one-side exercises, session by session",
        description="Per session and one-side exercise: left against right (reps x load, or "
                    "reps, or hold seconds) and how far apart, with a calm note when one side "
                    "stays more than 15 % behind for three sessions running. Information, "
                    "not a verdict on injury risk.")
    sides.add_argument("--json", action="store_true", help="print as JSON")


MAX_WEEKS = 520  # ten years of weeks is more than any chart or table needs


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"expected a number of weeks from 1 to {MAX_WEEKS}")
    return int(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a date as YYYY-MM-DD, like 2026-03-02") from None


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_text(day: date) -> str:
    """"Mon 2 Mar 2026", as `hamstride today` writes a day: the same in every locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _zone(now: datetime) -> tzinfo | None:
    """The zone weeks and days are counted in. common.now() is this machine's
    local time with a fixed offset, which knows nothing of summer time: None
    has Python apply the machine's own rules to each run's date instead. A
    real zone (a test pins one) is used as it is."""
    return now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None


# -- weight -----------------------------------------------------------------------------


def run_weight(args: argparse.Namespace, paths: AppPaths) -> int:
    if getattr(args, "weight_action", None) == "add":
        return _add_weight(args, paths)
    from app.logbook.settings import load_settings
    from app.progress.body import weight_trend

    reader = open_log(paths, only_reads=True)
    try:
        records = reader.body_weights()
        unit = load_settings(reader.get_setting).units
    finally:
        reader.close()
    trend = weight_trend(records)
    if args.json:
        print_json({
            "weights": [{"id": r.id, "day": r.day.isoformat(), "kg": r.kg} for r in records],
            "trend": None if trend is None else {
                "latest": {"day": trend.latest.day.isoformat(), "kg": trend.latest.kg},
                "earlier": None if trend.earlier is None else {
                    "day": trend.earlier.day.isoformat(), "kg": trend.earlier.kg},
                "change_kg": trend.change_kg}})
        return EXIT_OK
    if not records:
        print("No body weight logged yet: log one with 'hamstride weight add 72.5' "
              "(add --unit lb for pounds).")
        return EXIT_OK
    from app.progress.body import weight_words

    for record in records:
        print(f"{_day_text(record.day)}  {weight_words(record.kg, unit)}")
    assert trend is not None
    line = f"Latest: {weight_words(trend.latest.kg, unit)} on {_day_text(trend.latest.day)}"
    if trend.earlier is not None and trend.change_kg is not None:
        change = weight_words(abs(trend.change_kg), unit)
        sign = "+" if trend.change_kg > 0 else "-" if trend.change_kg < 0 else "±"
        line += (f"; {sign}{change} since {_day_text(trend.earlier.day)} "
                 f"({weight_words(trend.earlier.kg, unit)})")
    print(line + ".")
    return EXIT_OK


def _add_weight(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import SystemClock
    from app.kernel.i18n import parse_decimal
    from app.logbook.runs import RunRefusal, validate_body_weight
    from app.progress.body import body_weight_kg, weight_words
    from app.storage.store import Store

    try:
        value = parse_decimal(args.value)
    except ValueError:
        raise UserError("weight add: the weight must be a number, like 72.5 "
                        "(nothing was written)") from None
    today = common.now().date()
    day = args.date or today
    if day > today:
        raise UserError("weight add: the date is in the future (nothing was written)")
    reader = open_log(paths, for_writing=True)
    try:
        unit = args.unit or reader.get_setting("units", "kg")
        unit = unit if unit in ("kg", "lb") else "kg"
        replaced = next((r for r in reader.body_weights() if r.day == day), None)
    finally:
        reader.close()
    kg = body_weight_kg(value, unit)
    try:
        validate_body_weight(kg)  # said before the store is opened
    except RunRefusal as exc:
        raise UserError(f"weight add: {exc.message} (nothing was written)") from None
    store = Store(paths.database, paths.backups_dir, SystemClock(), paths.pictures_dir)
    try:
        record = store.set_body_weight(day, kg)
    except RunRefusal as exc:
        raise UserError(f"weight add: {exc.message} (nothing was written)") from None
    finally:
        store.close()
    said = f"Body weight on {_day_text(record.day)}: {weight_words(record.kg, unit)}"
    if replaced is not None:
        said += f" (replaces {weight_words(replaced.kg, unit)})"
    print(said + ".")
    return EXIT_OK


# -- running load -----------------------------------------------------------------------


def run_load(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.kernel.clock import monday_of
    from app.logbook.settings import load_settings
    from app.progress.running_load import (
        DISTANCE_JUMP_SOURCES,
        JUMP_BASE_WEEKS,
        distance_jump,
        distance_jump_pct,
        weekly_load,
    )

    now = common.now()
    tz = _zone(now)
    today = now.date()
    # The note always compares with the four weeks before, however few are shown.
    weeks = max(args.weeks, JUMP_BASE_WEEKS + 1)
    first = monday_of(today) - timedelta(weeks=weeks - 1)
    start = _midnight(first, tz)
    end = _midnight(monday_of(today) + timedelta(weeks=1), tz)
    reader = open_log(paths, only_reads=True)
    try:
        runs = reader.runs_between(start, end)
        units = load_settings(reader.get_setting).units  # lb goes with miles
    finally:
        reader.close()
    loads = weekly_load(runs, today, weeks, tz)
    note = distance_jump(loads, units)
    rise = distance_jump_pct(loads) if note is not None else None
    shown = loads[-args.weeks:]
    sources = _citations(DISTANCE_JUMP_SOURCES) if note is not None else []
    if args.json:
        print_json({"weeks": [_week_json(w) for w in shown], "note": note, "rise_pct": rise,
                    "sources": sources})
        return EXIT_OK
    if not runs:
        print("No runs in these weeks: import your runs with 'hamstride runs import PATH...'.")
        return EXIT_OK
    for week in shown:
        print(_week_line(week, units))
    if note is not None:
        print()
        print(note)
        for source in sources:
            print(f"  Source: {source['citation']}")
    return EXIT_OK


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    """The local midnight that starts ``day`` (None: this machine's zone)."""
    return datetime.combine(day, time(), tz) if tz is not None \
        else datetime.combine(day, time()).astimezone()


def _week_json(week: WeekLoad) -> dict[str, Any]:
    return {"monday": week.monday.isoformat(), "distance_m": week.distance_m,
            "duration_s": week.duration_s, "runs": week.runs, "quality_runs": week.quality_runs,
            "runs_without_distance": week.runs_without_distance}


def _week_line(week: WeekLoad, units: str = "kg") -> str:
    from app.logbook.runs import distance_in, distance_unit

    hours, rest = divmod(round(week.duration_s / 60), 60)
    distance = f"{distance_in(week.distance_m, units):.1f} {distance_unit(units)}"
    line = (f"Week of {_day_text(week.monday)}: {distance}, "
            f"{hours}:{rest:02d} h, {counted(week.runs, 'run')}, {week.quality_runs} quality")
    if week.runs_without_distance:
        line += (f" ({counted(week.runs_without_distance, 'run')} without a distance: "
                 "the distance is at least this)")
    return line


def _citations(keys: tuple[str, ...]) -> list[dict[str, str]]:
    from app.catalog.loader import load_sources
    from app.kernel.resources import resources_dir

    sources = load_sources(resources_dir(), [])
    return [{"id": key, "citation": sources[key].citation if key in sources else key}
            for key in keys]


# -- left and right ---------------------------------------------------------------------


def run_sides(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.catalog import load_catalog
    from app.cli.programs import ExerciseNames
    from app.kernel.resources import resources_dir
    from app.progress.sides import SIDE_NOTE_SOURCES, side_balances, side_note

    tz = _zone(common.now())
    reader = open_log(paths, only_reads=True)
    try:
        balances = side_balances(reader, tz=tz)
        names = ExerciseNames(load_catalog(resources_dir()).catalog, reader.custom_exercises())
    finally:
        reader.close()
    note = side_note(balances, names)
    sources = [{"id": key, "citation": names.citation(key)} for key in SIDE_NOTE_SOURCES] \
        if note is not None else []
    if args.json:
        print_json({"balances": [_balance_json(b) for b in balances], "note": note,
                    "sources": sources})
        return EXIT_OK
    if not balances:
        print("No one-side sets with both sides logged yet: a single-leg exercise logged "
              "left and right shows here.")
        return EXIT_OK
    by_exercise: dict[str, list[SideBalance]] = {}
    for balance in balances:
        by_exercise.setdefault(balance.exercise_slug, []).append(balance)
    for slug, own in by_exercise.items():
        print(names.get(slug, slug))
        for balance in own:
            print(f"  {_balance_line(balance)}")
    if note is not None:
        print()
        print(note)
        for source in sources:
            print(f"  Source: {source['citation']}")
    return EXIT_OK


_MEASURE_WORDS = {"kg": "reps x kg", "reps": "reps", "s": "seconds"}


def _balance_json(balance: SideBalance) -> dict[str, Any]:
    return {"session_id": balance.session_id, "day": balance.day.isoformat(),
            "exercise": balance.exercise_slug, "left": balance.left, "right": balance.right,
            "measure": balance.measure.value, "difference_pct": balance.difference_pct,
            "weaker": None if balance.weaker is None else balance.weaker.value}


def _balance_line(balance: SideBalance) -> str:
    line = (f"{_day_text(balance.day)}: left {balance.left:g}, right {balance.right:g} "
            f"({_MEASURE_WORDS[balance.measure.value]})")
    if balance.weaker is None:
        return line + ", even"
    return line + f", {balance.weaker.value} {balance.difference_pct:.0f} % behind"

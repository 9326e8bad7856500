"""`hamstride today`: the program followed as the Today page has it (the
session due, this week, how it is going), as text or JSON.

The command line is English by design: weekdays are app.coaching.schedule's
names as written (untranslated), months this module's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from app.cli import common
from app.cli.common import EXIT_OK, UserError, counted, open_log, print_json
from app.cli.programs import ExerciseNames, dose_lines, dose_text, program_book
from app.coaching.schedule import WEEKDAY_NAMES

if TYPE_CHECKING:
    from app.coaching.book import ProgramBook
    from app.coaching.model import Program
    from app.coaching.planning import Target
    from app.coaching.schedule import Adherence, StripDay
    from app.kernel.paths import AppPaths
    from app.logbook.entries import EnrolmentRecord
    from app.session.plan import SessionPlan
    from app.storage.queries import LogReader
    from app.usecases.today import TodayView

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day_text(day: date) -> str:
    """"Mon 19 Jan 2026": the same in every locale."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def run_today(args: argparse.Namespace, paths: AppPaths) -> int:
    from app.coaching.schedule import check_weekdays

    reader = open_log(paths, only_reads=True)
    try:
        enrolment = reader.active_enrolment()
        if enrolment is None:
            if args.json:
                print_json({"program": None})
            else:
                print("You are not following a program: choose one on the Programs page of the "
                      "window (Ctrl+3), or see 'hamstride programs'.")
            return EXIT_OK
        book, problems = program_book(reader)
        for problem in problems:
            print(f"hamstride: skipped: {problem}", file=sys.stderr)
        program = book.get(enrolment.program_slug)
        if program is None:
            raise UserError(f"the program you follow, {enrolment.program_slug!r}, is no longer "
                            "available; choose another on the Programs page")
        view = today_view(paths, reader, book, program, enrolment)
        plan = view.plan(book.catalog, reader.custom_exercises()) if view.due is not None else None
        names = ExerciseNames(book.catalog, reader.custom_exercises())
    finally:
        reader.close()
    warning = check_weekdays(program, enrolment.weekdays)
    citations = {key: source.citation for key, source in book.catalog.sources.items()}
    if args.json:
        print_json(_today_json(view, plan, warning, citations))
    else:
        for line in _today_lines(view, warning, names, citations):
            print(line)
    return EXIT_OK


def today_view(paths: AppPaths, reader: LogReader, book: ProgramBook, program: Program,
                enrolment: EnrolmentRecord) -> TodayView:
    from app.logbook.settings import load_settings
    from app.storage.coaching_queries import CoachingReader
    from app.usecases.today import build_today

    now = common.now()
    coaching = CoachingReader(paths.database)
    try:
        return build_today(program, enrolment, reader, coaching, book.catalog,
                           load_settings(reader.get_setting), now, now.tzinfo)
    finally:
        coaching.close()


def _today_lines(view: TodayView, warning: str | None, names: ExerciseNames,
                 citations: Mapping[str, str]) -> list[str]:
    program, enrolment, due = view.program, view.enrolment, view.due
    days = ", ".join(WEEKDAY_NAMES[d] for d in sorted(enrolment.weekdays))
    lines = [f"Following: {program.name} ({program.slug}), since "
             f"{_day_text(enrolment.start_date)}, on {days}"]
    if warning:
        lines.append(f"  Note: {warning}")
    if due is None:
        lines.append("Finished: every session is done. Choose what comes next on the Programs "
                     "page.")
        if view.too_soon is not None:
            lines.append(f"Wait: {view.too_soon.title}. {view.too_soon.text}")
    else:
        late = f", {counted(due.overdue_days, 'day')} overdue" if due.overdue_days else ""
        lines.append(f"Due: day {due.day_number} · {view.label} · planned for "
                     f"{_day_text(due.planned_date)}{late}")
        _week, day = program.day(due.day_number)
        warm_up = program.warm_up if day.warm_up is None else day.warm_up
        cool_down = program.cool_down if day.cool_down is None else day.cool_down
        if warm_up:
            lines.append("  Warm-up")
            lines.extend(dose_lines(warm_up, names, "    "))
        lines.append("  Main")
        for dose, line in zip(day.exercises, view.lines, strict=True):
            # What will run (the view's targets: the first Nordics are 2 × 5), not the table's dose.
            lines.append(f"    {line.name}: {dose_text(dose, names, line.dose)}")
            if line.advice:
                lines.append(f"      suggested: {line.advice}")
            if dose.note:
                lines.append(f"      {dose.note}")
        if cool_down:
            lines.append("  Cool-down")
            lines.extend(dose_lines(cool_down, names, "    "))
        start = f"hamstride session --program {program.slug} --day {due.day_number}"
        if view.too_soon is not None:
            # The wait comes first; a start command under it would contradict it.
            lines.append(f"Wait: {view.too_soon.title}. {view.too_soon.text}")
            lines.append(f"  To start anyway: {start} --anyway")
        else:
            lines.append(f"  Start it: {start}")
    for notice in view.notices:
        lines.append(f"Notice: {notice.title}. {notice.text}")
        if notice.sources:  # as the Today page ends each notice: its sources by title
            lines.append("  Sources: " + "; ".join(citations.get(key, key)
                                                   for key in notice.sources))
    lines.append("This week:")
    lines.extend(strip_line(day_) for day_ in view.strip)
    lines.append(adherence_line(view.adherence))
    if view.week is not None:
        from app.cli.week import week_lines

        lines.append("Around your runs (see 'hamstride week'):")
        today = next((d.date for d in view.strip if d.today), None)
        lines.extend("  " + line for line in week_lines(view.week, today)[1:])
    return lines


def strip_line(day: StripDay) -> str:
    """"  Mon 19 Jan 2026: missed (day 4)", "...: done (days 3, 4)"."""
    numbers = day.done or day.planned
    listed = ", ".join(str(n) for n in numbers)
    what = day.status + (f" ({'day' if len(numbers) == 1 else 'days'} {listed})" if numbers else "")
    marker = "  <- today" if day.today else ""
    return f"  {_day_text(day.date)}: {what}{marker}"


def adherence_line(a: Adherence) -> str:
    """The sessions done of those planned so far; the noun takes its number
    from the total ("1 of 3 planned sessions", "0 of 1 planned session")."""
    if not a.planned_so_far:
        return "So far: nothing was planned yet."
    planned = counted(a.planned_so_far, "planned session")
    if not a.done:
        return f"So far: none of {planned} done yet"
    ratio = f" ({round((a.ratio or 0) * 100)}%)"
    return (f"So far: {a.done} of {planned} done{ratio}; longest gap "
            f"{counted(a.longest_gap_days, 'day')}, {counted(a.current_gap_days, 'day')} since "
            f"the last session")


def _today_json(view: TodayView, plan: SessionPlan | None, warning: str | None,
                citations: Mapping[str, str]) -> dict[str, object]:
    from app.cli.week import bent_json, day_json, race_json

    program, enrolment, due, a = view.program, view.enrolment, view.due, view.adherence
    restart = view.restart
    running: dict[date, dict[str, object]] = {}
    if view.week is not None:
        for week_day in view.week.days:
            shown = day_json(week_day, citations)
            del shown["date"]
            running[week_day.day] = shown
    return {
        "program": {"slug": program.slug, "name": program.name, "custom": program.custom},
        "start_date": enrolment.start_date.isoformat(),
        "weekdays": list(enrolment.weekdays),
        "warning": warning,
        "due": None if due is None else {
            "day": due.day_number, "label": view.label,
            "planned_date": due.planned_date.isoformat(), "overdue_days": due.overdue_days,
            "exercises": [{"slug": line.slug, "name": line.name, "dose": line.dose,
                           "suggestion": line.advice,
                           "target": _target_json(view.targets.get(line.slug))}
                          for line in view.lines],
            "plan": None if plan is None else plan.to_dict(),
        },
        "too_soon": None if view.too_soon is None else {"title": view.too_soon.title,
                                                        "text": view.too_soon.text},
        # Applied: the due session, label and week are the restart's already.
        "restart": None if restart is None else {
            "start_date": restart.start_date.isoformat(), "first_day": restart.first_day,
            "week": restart.week, "from_day": restart.from_day, "gap_days": restart.gap_days},
        "notices": [{"kind": n.kind, "title": n.title, "text": n.text,
                     "sources": [{"id": key, "citation": citations.get(key, key)}
                                 for key in n.sources]} for n in view.notices],
        # The program's strip, each day with its running week (issue 18): the
        # runs, the 48-hour window, the strength placed and the rule (its
        # stable value) with the reason in words; empty without running.
        "week": [{"date": d.date.isoformat(), "planned": list(d.planned), "done": list(d.done),
                  "status": d.status, "today": d.today, **running.get(d.date, _NO_RUNNING)}
                 for d in view.strip],
        "week_bent": [] if view.week is None else [bent_json(b) for b in view.week.bent],
        "week_note": None if view.week is None else view.week.note,
        "race_week": None if view.race is None else {"race": race_json(view.race),
                                                     "sets": "halved"},
        "adherence": {"done": a.done, "planned_so_far": a.planned_so_far, "ratio": a.ratio,
                      "longest_gap_days": a.longest_gap_days,
                      "current_gap_days": a.current_gap_days},
    }


# A day of the strip when the athlete has no runs, planned runs or races.
_NO_RUNNING: dict[str, object] = {"runs": [], "in_window": False, "strength": None,
                                  "placed_by": None, "reason": "", "sources": []}


def _target_json(target: Target | None) -> dict[str, object] | None:
    """What the progression rule set for the session (None: the program's dose as it is)."""
    if target is None:
        return None
    return {"sets": target.sets, "reps": None if target.reps is None else list(target.reps),
            "load_kg": target.load_kg, "lowering_s": target.lowering_s, "reason": target.reason}

"""A program in words: the doses and the week-by-week structure (no Qt)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from app.formatting import format_number
from app.programs.model import ExerciseDose, Program, ProgramWeek

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEVEL_WORDS = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}


def seconds_words(seconds: float) -> str:
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        return f"{whole // 60} min"
    if whole > 60:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{format_number(seconds)} s"


def dose_words(dose: ExerciseDose) -> str:
    """"3 × 8-10", "3 sets: 12, 10, 8", "5 × 10 s hold", "1 × 5 min"."""
    if dose.kind == "reps":
        if dose.reps_per_set:
            text = f"{dose.sets} sets: " + ", ".join(str(n) for n in dose.reps_per_set)
        elif dose.reps is not None:
            low, high = dose.reps
            text = f"{dose.sets} × {low}" if low == high else f"{dose.sets} × {low}-{high}"
        else:
            text = f"{dose.sets} sets"
    elif dose.kind == "hold":
        holds = f"{dose.holds} × " if dose.holds and dose.holds > 1 else ""
        text = f"{dose.sets} × {holds}{seconds_words(dose.hold_s or 0)} hold"
    else:
        text = f"{dose.sets} × {seconds_words(dose.duration_s or 0)}"
    extras = []
    if dose.tempo:
        extras.append(f"tempo {dose.tempo}")
    if dose.rest_s:
        extras.append(f"rest {seconds_words(dose.rest_s)}")
    if dose.drop_set:
        extras.append("last set a drop set")
    if dose.superset:
        extras.append(f"superset {dose.superset}")
    return text + (f" ({', '.join(extras)})" if extras else "")


def _doses_html(doses: tuple[ExerciseDose, ...], name_of: Callable[[str], str]) -> str:
    rows = []
    for dose in doses:
        note = f"<br><i>{html.escape(dose.note)}</i>" if dose.note else ""
        rows.append(f"<li><b>{html.escape(name_of(dose.slug))}</b>: "
                    f"{html.escape(dose_words(dose))}{note}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def _week_html(title: str, week: ProgramWeek, name_of: Callable[[str], str]) -> str:
    parts = [f"<h3>{html.escape(title)}</h3>"]
    for day in week.days:
        parts.append(f"<p><b>{html.escape(day.name)}</b></p>")
        parts.append(_doses_html(day.exercises, name_of))
    return "".join(parts)


def program_html(program: Program, name_of: Callable[[str], str],
                 sources: Mapping[str, str]) -> str:
    """The whole program for the detail pane: what, why, and every session."""
    parts = [f"<h2>{html.escape(program.name)}</h2>",
             f"<p><b>{LEVEL_WORDS.get(program.level, program.level)}</b> · "
             f"{html.escape(frequency_words(program))}</p>",
             f"<p>{html.escape(program.description)}</p>"]
    if program.notes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in program.notes) + "</ul>")
    if program.warm_up:
        parts.append("<h3>Warm-up</h3>" + _doses_html(program.warm_up, name_of))
    if len(program.weeks) == 1 and program.repeat:
        parts.append(_week_html("Every week", program.weeks[0], name_of))
    else:
        for week in program.weeks:
            parts.append(_week_html(f"Week {week.number}", week, name_of))
    if program.maintenance is not None:
        parts.append(_week_html("Then every week (maintenance)", program.maintenance, name_of))
    if program.cool_down:
        parts.append("<h3>Cool-down</h3>" + _doses_html(program.cool_down, name_of))
    if program.sources:
        parts.append("<h3>Sources</h3><ul>" + "".join(
            f"<li>{html.escape(sources.get(s, s))}</li>" for s in program.sources) + "</ul>")
    return "".join(parts)


def frequency_words(program: Program) -> str:
    if not program.open_ended:
        weeks = len(program.weeks)
        return f"{program.planned_sessions} sessions over {weeks} week{'s' if weeks != 1 else ''}"
    low, high = program.sessions_per_week
    per_week = f"{low}-{high}" if low != high else str(low)
    if program.maintenance is not None:
        return (f"{program.planned_sessions} sessions over {len(program.weeks)} weeks, "
                f"then {len(program.maintenance.days)} a week")
    return f"{per_week} sessions a week, ongoing"

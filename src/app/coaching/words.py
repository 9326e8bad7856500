"""A program in words: the doses and the week-by-week structure (no Qt)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from app.catalog.vocabulary import DoseKind, Level
from app.coaching.model import ExerciseDose, Program, ProgramWeek
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.logbook.formatting import format_number, two_digits

# Read at import time, before a translator is installed: shown through
# weekday_name() and level_word() (translate("words", ...)). The one place
# level words are defined: the library, the program editor and the custom
# exercise dialog show levels through level_word().
WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("words", "Monday"), QT_TRANSLATE_NOOP("words", "Tuesday"),
                 QT_TRANSLATE_NOOP("words", "Wednesday"), QT_TRANSLATE_NOOP("words", "Thursday"),
                 QT_TRANSLATE_NOOP("words", "Friday"), QT_TRANSLATE_NOOP("words", "Saturday"),
                 QT_TRANSLATE_NOOP("words", "Sunday"))
LEVEL_WORDS: dict[str, str] = {Level.BEGINNER: QT_TRANSLATE_NOOP("words", "Beginner"),
                               Level.INTERMEDIATE: QT_TRANSLATE_NOOP("words", "Intermediate"),
                               Level.ADVANCED: QT_TRANSLATE_NOOP("words", "Advanced")}


def weekday_name(number: int) -> str:
    """Monday (0) to Sunday (6) in the athlete's language."""
    return translate("words", WEEKDAY_NAMES[number])


def level_word(level: str) -> str:
    """A program's or an exercise's level in the athlete's language (an
    unknown level as it is)."""
    return translate("words", LEVEL_WORDS[level]) if level in LEVEL_WORDS else level


def seconds_words(seconds: float) -> str:
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        return translate("words", "{minutes} min").format(minutes=format_integer(whole // 60))
    if whole > 60:
        return translate("words", "{minutes} min {seconds} s").format(
            minutes=format_integer(whole // 60), seconds=two_digits(whole % 60))
    return translate("words", "{seconds} s").format(seconds=format_number(seconds))


def span_words(low: int, high: int) -> str:
    """"8-10", or "8" for a range of one number."""
    if low == high:
        return format_integer(low)
    return translate("words", "{low}-{high}", "a range: 8-10 reps, 2-3 sessions").format(
        low=format_integer(low), high=format_integer(high))


def dose_words(dose: ExerciseDose) -> str:
    """"3 × 8-10", "3 sets: 12, 10, 8", "5 × 10 s hold", "1 × 5 min"."""
    sets = format_integer(dose.sets)
    if dose.kind == DoseKind.REPS:
        if dose.reps_per_set:
            text = translate("words", "%n set(s): {reps}", n=dose.sets).format(
                reps=", ".join(format_integer(n) for n in dose.reps_per_set))
        elif dose.reps is not None:
            text = translate("words", "{sets} × {reps}", "sets × reps").format(
                sets=sets, reps=span_words(*dose.reps))
        else:
            text = translate("words", "%n sets", n=dose.sets)
    elif dose.kind == DoseKind.HOLD:
        hold = seconds_words(dose.hold_s or 0)
        if dose.holds and dose.holds > 1:
            text = translate("words", "{sets} × {holds} × {hold} hold").format(
                sets=sets, holds=format_integer(dose.holds), hold=hold)
        else:
            text = translate("words", "{sets} × {hold} hold").format(sets=sets, hold=hold)
    else:
        text = translate("words", "{sets} × {duration}", "sets × time").format(
            sets=sets, duration=seconds_words(dose.duration_s or 0))
    extras = []
    if dose.tempo:
        extras.append(translate("words", "tempo {tempo}").format(tempo=dose.tempo))
    if dose.rest_s:
        extras.append(translate("words", "rest {time}").format(time=seconds_words(dose.rest_s)))
    if dose.drop_set:
        extras.append(translate("words", "last set a drop set"))
    if dose.superset:
        extras.append(translate("words", "superset {label}").format(label=dose.superset))
    return text + (f" ({', '.join(extras)})" if extras else "")


def _doses_html(doses: tuple[ExerciseDose, ...], name_of: Callable[[str], str]) -> str:
    rows = []
    for dose in doses:
        note = f"<br><i>{html.escape(dose.note)}</i>" if dose.note else ""
        rows.append(f"<li><b>{html.escape(name_of(dose.slug))}</b>: "
                    f"{html.escape(dose_words(dose))}{note}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def _heading_html(title: str) -> str:
    return f"<h3>{html.escape(title)}</h3>"


def _week_html(title: str, week: ProgramWeek, name_of: Callable[[str], str]) -> str:
    parts = [_heading_html(title)]
    for day in week.days:
        parts.append(f"<p><b>{html.escape(day.name)}</b></p>")
        parts.append(_doses_html(day.exercises, name_of))
    return "".join(parts)


def program_html(program: Program, name_of: Callable[[str], str],
                 sources: Mapping[str, str]) -> str:
    """The whole program for the detail pane: what, why, and every session."""
    parts = [f"<h2>{html.escape(program.name)}</h2>",
             f"<p><b>{html.escape(level_word(program.level))}</b> · "
             f"{html.escape(frequency_words(program))}</p>",
             f"<p>{html.escape(program.description)}</p>"]
    if program.notes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in program.notes) + "</ul>")
    if program.warm_up:
        parts.append(_heading_html(translate("words", "Warm-up"))
                     + _doses_html(program.warm_up, name_of))
    if len(program.weeks) == 1 and program.repeat:
        parts.append(_week_html(translate("words", "Every week"), program.weeks[0], name_of))
    else:
        for week in program.weeks:
            title = translate("words", "Week {number}").format(number=format_integer(week.number))
            parts.append(_week_html(title, week, name_of))
    if program.maintenance is not None:
        parts.append(_week_html(translate("words", "Then every week (maintenance)"),
                                program.maintenance, name_of))
    if program.cool_down:
        parts.append(_heading_html(translate("words", "Cool-down"))
                     + _doses_html(program.cool_down, name_of))
    if program.sources:
        parts.append(_heading_html(translate("words", "Sources")) + "<ul>" + "".join(
            f"<li>{html.escape(sources.get(s, s))}</li>" for s in program.sources) + "</ul>")
    return "".join(parts)


def frequency_words(program: Program) -> str:
    if not program.open_ended:
        return translate("words", "{sessions} sessions over %n week(s)", n=len(program.weeks)).format(
            sessions=format_integer(program.planned_sessions))
    if program.maintenance is not None:
        return translate("words", "{sessions} sessions over {weeks} weeks, then {per_week} a week").format(
            sessions=format_integer(program.planned_sessions),
            weeks=format_integer(len(program.weeks)),
            per_week=format_integer(len(program.maintenance.days)))
    low, high = program.sessions_per_week
    return translate("words", "{per_week} sessions a week, ongoing").format(
        per_week=span_words(low, high))

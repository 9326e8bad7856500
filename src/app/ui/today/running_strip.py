"""Today's week strip once the athlete runs (issue 18): each day's runs, the
strength the running week placed there and how, and the 48-hour window
before a hard run. A module of its own so that the first screen of an
athlete who does not run (most first starts) never loads it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from app.coaching.running_week import WeekDay
    from app.coaching.schedule import StripDay

# A run in the strip, by its kind's value (app.logbook.runs.RunTag and
# PlannedDay share them).
RUN_WORDS = {"easy": QT_TRANSLATE_NOOP("TodayPage", "easy run"),
             "long": QT_TRANSLATE_NOOP("TodayPage", "long run"),
             "quality": QT_TRANSLATE_NOOP("TodayPage", "quality run"),
             "race": QT_TRANSLATE_NOOP("TodayPage", "race"),
             "unknown": QT_TRANSLATE_NOOP("TodayPage", "run")}


def running_words(day: WeekDay, weekday_name: Callable[[int], str]) -> list[str]:
    """A day of the running week in Today's strip, a few words a line: its
    runs, the strength placed there and how, the 48-hour window (plain
    text: the strip escapes it into its markup). ``weekday_name``: the
    strip's own short names ("Mon" for 0), which this module does not import
    (the page imports it)."""
    lines = []
    for run in day.runs:
        kind = translate("TodayPage", RUN_WORDS.get(str(run.kind), RUN_WORDS["unknown"]))
        if run.race is not None:
            kind = translate("TodayPage", "race: {name}").format(name=run.race.name)
        lines.append(translate("TodayPage", "✓ {run}", "a run done").format(run=kind)
                     if run.done is not None else kind)
    strength = day.strength
    if strength is not None and strength.placed:
        # The day's status already says a session is planned: here, how.
        parts = []
        if strength.after_run:
            parts.append(translate("TodayPage", "after the run"))
        if strength.half_volume:
            parts.append(translate("TodayPage", "half volume"))
        if strength.moved_from is not None:
            parts.append(translate("TodayPage", "moved from {weekday}").format(
                weekday=weekday_name(strength.moved_from.weekday())))
        if parts:
            lines.append(" · ".join(parts))
    if day.in_window:
        lines.append(translate("TodayPage", "no heavy work (48 h)"))
    return lines


def placed_strip(strip: tuple[StripDay, ...],
                 running: Mapping[date, WeekDay]) -> tuple[StripDay, ...]:
    """The strip with the days still to come as the running week placed the
    program's sessions (a session moved away from a hard run is planned on
    the day it moved to, not on its old one); days past and sessions done
    stay as they were."""
    first = next((day.date for day in strip if day.today), None)
    shown = []
    for day in strip:
        week_day = running.get(day.date)
        if week_day is None or first is None or day.date < first or day.status == "done":
            shown.append(day)
            continue
        strength = week_day.strength
        if strength is not None and strength.placed:
            numbers = (strength.program_day,) if strength.program_day else ()
            shown.append(dataclasses.replace(day, planned=numbers, status="planned"))
        else:
            shown.append(dataclasses.replace(day, planned=(), status="rest"))
    return tuple(shown)


def markup_lines(lines: list[str]) -> str:
    """``lines`` as markup, each on a line of its own (a race's name may hold a "<")."""
    if not lines:
        return ""
    return "".join(f"<br>{escape(line)}" for line in lines)

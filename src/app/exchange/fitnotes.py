"""FitNotes' CSV export.

* ``fitnotes``: Date, Exercise, Category, Weight, Weight Unit, Reps,
  Distance, Distance Unit, Time (and sometimes Comment).
* ``fitnotes-legacy``: "Weight (kgs)" or "Weight (lbs)" instead of Weight
  and Weight Unit, and an optional Comment column.

FitNotes keeps a day, not a workout: every row of one date is one session.
It writes no time of day, so the session starts at 12:00 local time on that
date (noon keeps it on the right day in any time zone the athlete travels
to) and has no end. Its title is the categories trained, e.g. "Legs".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo

from app.exchange.building import (
    SessionBuilder,
    SessionPool,
    SetValues,
    clean_text,
    distance_note,
    no_sets,
    one_line,
)
from app.exchange.model import ImportedSession, ReadSummary
from app.exchange.table import CellError, Table
from app.exchange.values import (
    REPS,
    THE_DISTANCE,
    THE_TIME,
    THE_WEIGHT,
    distance_factor,
    duration_clock,
    local_date,
    number,
    to_utc,
    weight_unit,
    whole,
)
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_time, translate

# Translated where read (the app's name alone is not a word to translate).
LABELS = {"fitnotes": "FitNotes",
          "fitnotes-legacy": QT_TRANSLATE_NOOP("fitnotes", "FitNotes (older export)")}
NOON = time(12, 0)
DEFAULT_TITLE = QT_TRANSLATE_NOOP("fitnotes", "FitNotes workout")

_WEIGHT_WITH_UNIT = re.compile(r"weight \((kgs?|lbs?)\)")


def legacy_weight_column(table: Table) -> tuple[int, str] | None:
    """The "Weight (kgs)" / "Weight (lbs)" column and its unit, if the header has one."""
    for key, index in table.keys.items():
        m = _WEIGHT_WITH_UNIT.fullmatch(key)
        if m:
            return index, "lb" if m.group(1).startswith("lb") else "kg"
    return None


def label_of(variant: str) -> str:
    return translate("fitnotes", LABELS[variant])


def read_fitnotes(table: Table, variant: str, default_unit: str, tz: tzinfo | None,
                  summary: ReadSummary) -> Iterator[ImportedSession]:
    """The file's workouts as they are read; ``summary`` gets the rest at the end."""
    label = label_of(variant)
    default_title = translate("fitnotes", DEFAULT_TITLE)
    i_date = table.need(label, "Date")
    i_exercise = table.need(label, "Exercise")
    i_category = table.find("Category")
    i_reps = table.find("Reps")
    i_distance = table.find("Distance")
    i_distance_unit = table.find("Distance Unit")
    i_time = table.find("Time")
    i_comment = table.find("Comment", "Comments", "Notes")
    i_weight_unit: int | None = None
    legacy = legacy_weight_column(table)
    if legacy is not None:
        i_weight, fixed_unit = legacy
    else:
        i_weight = table.need(label, "Weight")
        i_weight_unit = table.find("Weight Unit")
        fixed_unit = default_unit
    columns = {"exercise": i_exercise, "reps": i_reps, "load": i_weight,
               "load unit": i_weight_unit or i_weight, "duration": i_time,
               "distance": i_distance, "notes": i_comment}

    pool = SessionPool()
    categories: dict[str, list[str]] = {}
    days: dict[str, date] = {}
    rows = with_distance = 0
    for line, fields in table.records():
        rows += 1
        try:
            date_text = fields[i_date]
            day = days.get(date_text)
            if day is None:
                day = days[date_text] = local_date(date_text, i_date)
            key = day.isoformat()
            session = pool.get(key)
            if session is None:
                started = to_utc(datetime.combine(day, NOON), tz)
                session = SessionBuilder(key, started, default_title, line)
                # The title is the categories trained, kept up to date as they come.
                if categories.setdefault(key, []):
                    session.title = ", ".join(categories[key])
                pool.add(session)
            if i_category is not None:
                category = one_line(fields[i_category])
                if category and category not in categories[key]:
                    categories[key].append(category)
                    session.title = ", ".join(categories[key])

            values = SetValues(exercise=one_line(fields[i_exercise]), line=line)
            if i_reps is not None:
                values.reps = whole(fields[i_reps], i_reps, REPS)
            load = number(fields[i_weight], i_weight, THE_WEIGHT)
            if load:  # FitNotes writes 0.0 for a bodyweight set
                values.load = load
                values.load_unit = fixed_unit if i_weight_unit is None else \
                    weight_unit(fields[i_weight_unit], i_weight_unit, default_unit)
            if i_distance is not None:
                distance = number(fields[i_distance], i_distance, THE_DISTANCE)
                if distance:
                    if i_distance_unit is None or not fields[i_distance_unit].strip():
                        # FitNotes always writes one; guessing km or miles could be 60% off.
                        raise CellError(i_distance if i_distance_unit is None else i_distance_unit,
                                        translate("fitnotes", "the distance has no unit"))
                    values.distance_m = distance * distance_factor(fields[i_distance_unit],
                                                                   i_distance_unit)
                    with_distance += 1
            if i_time is not None:
                values.duration_s = duration_clock(fields[i_time], i_time, THE_TIME) or None
            if values.reps == 0 and (values.duration_s or values.distance_m):
                values.reps = None  # a timed or distance set, not a set of zero reps
            if i_comment is not None:
                values.notes = clean_text(fields[i_comment])
            session.add(values, columns)
            pool.added(session)
        except CellError as exc:
            raise table.fail(line, exc) from None
        yield from pool.ready()

    yield from pool.finish()
    if not pool.handed_on:
        raise no_sets(table.path, rows)
    # Any day will do: only the time of day is shown (and the clock is not read here).
    noon = format_time(datetime.combine(date(2000, 1, 3), NOON))
    notes = [translate("fitnotes", "FitNotes saves no time of day: each day's workout is placed "
                                   "at {noon}").format(noon=noon)]
    if with_distance:
        notes.append(distance_note(with_distance))
    summary.rows, summary.notes = rows, tuple(notes)

"""Strong's CSV exports, in the three shapes the app has written over the years.

* ``strong``: the current export. Semicolons, every field quoted, units in
  the headers ("Weight (kg)", "Distance (meters)"), "Duration (sec)".
  "Rest Timer" rows hold the rest after a set in "Seconds".
* ``strong-csv``: the comma export. "Weight" and "Distance" say no unit:
  weights are in the unit the caller gives (the one the athlete used in
  Strong); distances are read as metres, like the current export's.
  "Duration" is written "1h 15m"; dates may be 12-hour with AM/PM.
* ``strong-legacy``: the comma export with "Weight Unit" and "Distance Unit"
  columns.

A workout is the rows with the same Date and Workout Name; its key is the
local start and the name, which all three shapes write the same way, so
re-importing a newer export of the same workouts adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, tzinfo

from app.exchange.building import (
    FAILURE_NOTE,
    SessionBuilder,
    SessionPool,
    SetValues,
    check_rest,
    clean_text,
    distance_note,
    join_notes,
    no_sets,
    one_line,
)
from app.exchange.model import ImportedSession, ReadSummary
from app.exchange.table import CellError, Table
from app.exchange.values import (
    REPS,
    RPE,
    THE_DISTANCE,
    THE_DURATION,
    THE_REST_TIME,
    THE_SECONDS,
    THE_WEIGHT,
    distance_factor,
    duration_words,
    key_time,
    local_datetime,
    number,
    show,
    to_utc,
    weight_unit,
    whole,
)
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.logbook.entries import SetType

# Translated where read (the app's name alone is not a word to translate).
LABELS = {
    "strong": "Strong",
    "strong-csv": QT_TRANSLATE_NOOP("strong", "Strong (comma export)"),
    "strong-legacy": QT_TRANSLATE_NOOP("strong", "Strong (older export with unit columns)"),
}

_UNIT_IN_HEADER = re.compile(r"\s*\(([^()]*)\)\s*$")


def label_of(variant: str) -> str:
    return translate("strong", LABELS[variant])


def read_strong(table: Table, variant: str, default_unit: str, tz: tzinfo | None,
                summary: ReadSummary) -> Iterator[ImportedSession]:
    """The file's workouts as they are read; ``summary`` gets the rest at the end."""
    label = label_of(variant)
    default_title = translate("strong", "Strong workout")
    i_date = table.need(label, "Date")
    i_name = table.need(label, "Workout Name")
    i_exercise = table.need(label, "Exercise Name")
    i_order = table.need(label, "Set Order")
    i_reps = table.need(label, "Reps")
    i_rpe = table.find("RPE")
    i_seconds = table.find("Seconds")
    i_notes = table.find("Notes")
    i_workout_notes = table.find("Workout Notes")
    i_weight_unit = table.find("Weight Unit") if variant == "strong-legacy" else None
    i_distance_unit = table.find("Distance Unit") if variant == "strong-legacy" else None
    decimal_comma = table.delimiter == ";"  # European exports: "62,5"
    failure_note = translate("building", FAILURE_NOTE)

    i_weight, header_weight_unit = _weight_column(table, label, default_unit)
    i_distance, header_metres = _distance_column(table)
    i_duration_s = table.find("Duration (sec)")
    i_duration_words = None if i_duration_s is not None else table.find("Duration",
                                                                          "Workout Duration")
    columns = {"exercise": i_exercise, "set number": i_order, "set type": i_order,
               "reps": i_reps, "load": i_weight, "load unit": i_weight_unit or i_weight,
               "duration": i_seconds, "RPE": i_rpe, "distance": i_distance, "notes": i_notes}

    pool = SessionPool()
    times: dict[str, tuple[datetime, str]] = {}  # as written -> (local time, its key)
    durations: dict[str, float | None] = {}  # as written -> seconds
    rows = rest_kept = rest_orphan = with_distance = endless = 0
    any_weight = False
    for line, fields in table.records():
        rows += 1
        try:
            date_text = fields[i_date]
            known = times.get(date_text)
            if known is None:
                parsed = local_datetime(date_text, i_date)
                known = times[date_text] = (parsed, key_time(parsed))
            local, when = known
            title = one_line(fields[i_name])
            key = f"{when}|{title}"
            seconds = _duration(fields, i_duration_s, i_duration_words, durations, decimal_comma)
            session = pool.get(key)
            if session is None:
                again = pool.was_handed_on(key)
                session = SessionBuilder(key, to_utc(local, tz), title or default_title, line)
                pool.add(session)
                if not session.end_after(seconds) and not again:
                    endless += 1
            if i_workout_notes is not None and not session.notes:
                session.notes = clean_text(fields[i_workout_notes])

            exercise = one_line(fields[i_exercise])
            order = fields[i_order].strip()
            seconds_text = fields[i_seconds] if i_seconds is not None else ""
            if order.casefold() == "rest timer":
                rest = number(seconds_text, i_seconds or i_order, THE_REST_TIME,
                              decimal_comma=decimal_comma)
                if rest is not None and session.rest_after_last(
                        exercise, check_rest(rest, i_seconds)):
                    rest_kept += 1
                else:
                    rest_orphan += 1
                continue

            set_type, failure = _set_order(order, i_order)
            values = SetValues(exercise=exercise, line=line)
            values.set_type = set_type
            values.reps = whole(fields[i_reps], i_reps, REPS, decimal_comma=decimal_comma)
            load = number(fields[i_weight], i_weight, THE_WEIGHT, decimal_comma=decimal_comma)
            if load:  # Strong writes 0 for a bodyweight set: no load, not a zero load
                values.load = load
                values.load_unit = header_weight_unit if i_weight_unit is None else \
                    weight_unit(fields[i_weight_unit], i_weight_unit, default_unit)
                any_weight = True
            if i_distance is not None:
                distance = number(fields[i_distance], i_distance, THE_DISTANCE,
                                  decimal_comma=decimal_comma)
                if distance:
                    factor = header_metres if i_distance_unit is None else \
                        distance_factor(fields[i_distance_unit], i_distance_unit)
                    values.distance_m = distance * factor
                    with_distance += 1
            if i_seconds is not None:
                values.duration_s = number(seconds_text, i_seconds, THE_SECONDS,
                                           decimal_comma=decimal_comma) or None
            if values.reps == 0 and (values.duration_s or values.distance_m):
                values.reps = None  # a timed or distance set, not a set of zero reps
            if i_rpe is not None:
                values.rpe = number(fields[i_rpe], i_rpe, RPE, decimal_comma=decimal_comma) or None
            note = fields[i_notes] if i_notes is not None else ""
            values.notes = join_notes(note, failure_note if failure else "")
            session.add(values, columns)
            pool.added(session)
        except CellError as exc:
            raise table.fail(line, exc) from None
        yield from pool.ready()

    yield from pool.finish()
    if not pool.handed_on:
        raise no_sets(table.path, rows)
    notes = []
    if rest_kept:
        notes.append(translate("strong", "%n rest-timer row(s) kept as rest times", n=rest_kept))
    if rest_orphan == 1:
        # English says "it" or "them": two messages, each with every plural form a language has.
        notes.append(translate("strong", "%n rest-timer row skipped: no set of that exercise "
                                         "before it", n=rest_orphan))
    elif rest_orphan:
        notes.append(translate("strong", "%n rest-timer rows skipped: no set of that exercise "
                                         "before them", n=rest_orphan))
    if with_distance:
        notes.append(distance_note(with_distance))
    if variant == "strong-csv":
        if any_weight:
            notes.append(translate("strong", "weights read as {unit} (this export does not say)")
                         .format(unit=default_unit))
        if with_distance:
            notes.append(translate("strong", "distances read as meters (this export does not say)"))
    if endless:
        notes.append(translate("strong", "%n workout(s) longer than 7 days imported without an "
                                         "end time", n=endless))
    summary.rows, summary.notes = rows, tuple(notes)


def _duration(fields: list[str], i_seconds: int | None, i_words: int | None,
              known: dict[str, float | None], decimal_comma: bool) -> float | None:
    """The workout's duration in seconds, checked on every row (each repeats it)."""
    index = i_seconds if i_seconds is not None else i_words
    if index is None:
        return None
    text = fields[index]
    if text in known:
        return known[text]
    if i_seconds is not None:
        seconds = number(text, i_seconds, THE_DURATION, decimal_comma=decimal_comma)
        if seconds is not None and seconds < 0:
            raise CellError(i_seconds, translate("strong", "the duration cannot be negative"))
    else:
        seconds = duration_words(text, index, THE_DURATION)
    known[text] = seconds
    return seconds


def _set_order(order: str, column: int) -> tuple[SetType, bool]:
    """(set type, to failure) from Strong's Set Order: a number, W, D or F."""
    if not order or order.isdigit():
        return SetType.WORKING, False
    kind = order.casefold()
    if kind in ("w", "warmup", "warm-up", "warm up"):
        return SetType.WARMUP, False
    if kind in ("d", "drop", "dropset", "drop set"):
        return SetType.DROP, False
    if kind in ("f", "failure"):
        return SetType.WORKING, True
    raise CellError(column, translate("strong", "the set order {value} is not a number, W (warm-up), "
                                                "D (drop set), F (failure) or Rest Timer")
                    .format(value=show(order)))


def _header_unit(table: Table, word: str) -> tuple[int | None, str | None]:
    """The column called ``word`` or ``word (unit)``, and the unit its header names."""
    plain = table.find(word)
    if plain is not None:
        return plain, None
    prefix = word.casefold()
    for key, index in table.keys.items():
        if key.startswith(prefix):
            m = _UNIT_IN_HEADER.fullmatch(key[len(prefix):])
            if m:
                return index, m.group(1)
    return None, None


def _weight_column(table: Table, label: str, default_unit: str) -> tuple[int, str]:
    index, unit = _header_unit(table, "Weight")
    if index is None:
        raise table.no_column(label, "Weight")
    if unit is None:
        return index, default_unit
    try:
        return index, weight_unit(unit, index, default_unit)
    except CellError as exc:
        raise table.fail(table.header_line, exc) from None


def _distance_column(table: Table) -> tuple[int | None, float]:
    index, unit = _header_unit(table, "Distance")
    if index is None or unit is None:
        return index, 1.0  # no unit said: metres, as the current export writes them
    try:
        return index, distance_factor(unit, index)
    except CellError as exc:
        raise table.fail(table.header_line, exc) from None

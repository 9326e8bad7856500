"""Hevy's CSV export: one row per set, the workout repeated on every row.

Columns: title, start_time, end_time, description, exercise_title,
superset_id, exercise_notes, set_index, set_type, weight_kg (or
weight_lbs), reps, distance_km (or distance_miles), duration_seconds, rpe.
Times are local, written "21 Nov 2026, 18:05".

A workout is the rows with the same title and start time. Hevy repeats an
exercise's notes on each of its rows; they are kept once, on the first set
of that exercise (again only if a later block of it has different notes),
so they are not shown eight times in History.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo

from app.exchange.building import (
    FAILURE_NOTE,
    SessionBuilder,
    SessionPool,
    SetValues,
    clean_text,
    distance_note,
    join_notes,
    no_sets,
    one_line,
)
from app.exchange.model import ImportedSession, ImportFileError, ReadSummary
from app.exchange.table import CellError, Table
from app.exchange.values import (
    REPS,
    RPE,
    THE_DISTANCE,
    THE_DURATION,
    THE_END_TIME,
    THE_SET_INDEX,
    THE_START_TIME,
    THE_WEIGHT,
    key_time,
    local_datetime,
    number,
    show,
    to_utc,
    whole,
)
from app.kernel.i18n import translate
from app.logbook.entries import SetType

LABEL = "Hevy"  # the app's name: not translated

# Hevy's set_type column (both spellings of a warm-up are read): (set type, to failure).
_SET_TYPES = {"": (SetType.WORKING, False), "normal": (SetType.WORKING, False),
              "warmup": (SetType.WARMUP, False), "warm-up": (SetType.WARMUP, False),
              "dropset": (SetType.DROP, False), "drop": (SetType.DROP, False),
              "failure": (SetType.WORKING, True)}


def read_hevy(table: Table, tz: tzinfo | None, summary: ReadSummary) -> Iterator[ImportedSession]:
    """The file's workouts as they are read; ``summary`` gets the rest at the end."""
    i_title = table.need(LABEL, "title")
    i_start = table.need(LABEL, "start_time")
    i_end = table.find("end_time")
    i_description = table.find("description")
    i_exercise = table.need(LABEL, "exercise_title")
    i_superset = table.find("superset_id")
    i_exercise_notes = table.find("exercise_notes")
    i_index = table.find("set_index")
    i_type = table.find("set_type")
    i_reps = table.find("reps")
    i_duration = table.find("duration_seconds")
    i_rpe = table.find("rpe")
    i_weight = table.find("weight_kg", "weight_lbs")
    if i_weight is None:
        raise ImportFileError(table.path, translate(
            "hevy", "this Hevy export has no 'weight_kg' or 'weight_lbs' column"), table.header_line)
    unit = "lb" if table.find("weight_kg") is None else "kg"
    i_distance = table.find("distance_km", "distance_miles")
    metres_per = 1609.344 if table.find("distance_km") is None else 1000.0
    columns = {"exercise": i_exercise, "set type": i_type, "reps": i_reps, "load": i_weight,
               "duration": i_duration, "RPE": i_rpe, "distance": i_distance,
               "notes": i_exercise_notes}
    default_title = translate("hevy", "Hevy workout")
    failure_note = translate("building", FAILURE_NOTE)

    pool = SessionPool()
    exercise_notes: dict[str, dict[str, str]] = {}  # session key -> exercise -> notes kept
    times: dict[str, tuple[datetime, str]] = {}  # as written -> (local time, its key)
    supersets: set[tuple[str, str]] = set()
    rows = with_distance = no_end = 0
    for line, fields in table.records():
        rows += 1
        try:
            start_text = fields[i_start]
            known = times.get(start_text)
            if known is None:
                parsed = local_datetime(start_text, i_start, THE_START_TIME)
                known = times[start_text] = (parsed, key_time(parsed))
            local, when = known
            title = one_line(fields[i_title])
            key = f"{when}|{title}"
            end_local = None
            if i_end is not None and fields[i_end].strip():
                # Checked on every row: each repeats the workout's end.
                end_text = fields[i_end]
                known = times.get(end_text)
                if known is None:
                    parsed = local_datetime(end_text, i_end, THE_END_TIME)
                    known = times[end_text] = (parsed, key_time(parsed))
                end_local = known[0]
            session = pool.get(key)
            if session is None:
                again = pool.was_handed_on(key)
                session = SessionBuilder(key, to_utc(local, tz), title or default_title, line)
                pool.add(session)
                exercise_notes.setdefault(key, {})
                if end_local is not None and not again:
                    end = to_utc(end_local, tz)
                    if session.started_at <= end and session.end_after(
                            (end - session.started_at).total_seconds()):
                        session.ended_at = end
                    else:
                        no_end += 1
                if i_description is not None and not again:
                    session.notes = clean_text(fields[i_description])

            exercise = one_line(fields[i_exercise])
            if i_superset is not None and fields[i_superset].strip():
                supersets.add((key, fields[i_superset].strip()))
            if i_index is not None:
                index = whole(fields[i_index], i_index, THE_SET_INDEX)
                if index is not None and index < 0:
                    raise CellError(i_index, translate("hevy", "the set index cannot be negative"))
            kind = fields[i_type].strip().casefold() if i_type is not None else ""
            if kind not in _SET_TYPES:
                raise CellError(i_type, translate("hevy", "the set type {value} is not normal, "
                                                          "warmup, dropset or failure")
                                .format(value=show(kind)))
            set_type, failure = _SET_TYPES[kind]

            values = SetValues(exercise=exercise, line=line, set_type=set_type)
            if i_reps is not None:
                values.reps = whole(fields[i_reps], i_reps, REPS)
            load = number(fields[i_weight], i_weight, THE_WEIGHT)
            if load:  # 0 or empty: a bodyweight set
                values.load, values.load_unit = load, unit
            if i_distance is not None:
                distance = number(fields[i_distance], i_distance, THE_DISTANCE)
                if distance:
                    values.distance_m = distance * metres_per
                    with_distance += 1
            if i_duration is not None:
                values.duration_s = number(fields[i_duration], i_duration, THE_DURATION) or None
            if values.reps == 0 and (values.duration_s or values.distance_m):
                values.reps = None  # a timed or distance set, not a set of zero reps
            if i_rpe is not None:
                values.rpe = number(fields[i_rpe], i_rpe, RPE) or None
            note = ""
            if i_exercise_notes is not None:
                text = clean_text(fields[i_exercise_notes])
                kept = exercise_notes[key]
                if text and kept.get(exercise) != text:
                    note = kept[exercise] = text
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
    if with_distance:
        notes.append(distance_note(with_distance))
    if supersets:
        notes.append(translate("hevy", "%n superset(s): their sets are kept, the grouping is not",
                               n=len(supersets)))
    if no_end:
        notes.append(translate("hevy", "%n workout(s) with an end time before its start or over "
                                       "7 days later imported without an end time", n=no_end))
    summary.rows, summary.notes = rows, tuple(notes)

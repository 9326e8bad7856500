"""Between the tables and the log's records, both ways, in one place.

Every reader (``LogReader``, ``CoachingReader``, the progress queries) and
every writer (the aggregates behind ``Store``, the import) turns rows into
``SessionRecord``, ``LoggedSetRecord``, ``EnrolmentRecord``,
``BodyNoteRecord`` and the running week's ``RunRecord``, ``RaceRecord`` and
``BodyWeightRecord`` here, so a column added to a table is mapped once.

A row comes two ways: from plain SQL (times as the stored text) or as an
ORM object (times already aware datetimes). Both go through the same
builders; only the time conversion differs. This module needs sqlite3 and
the log's vocabulary only, never SQLAlchemy: the first screen reads through
it before SQLAlchemy is imported (start-up time).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.logbook.entries import (
    BodyNoteRecord,
    EnrolmentRecord,
    LoggedSetRecord,
    SessionRecord,
    SetEntry,
    held_from_db,
    held_to_db,
)
from app.storage.timestamps import from_db_time

# The running week's records are imported where a row is mapped: the first
# screen of an athlete who does not run never needs them (~3 ms to import).
if TYPE_CHECKING:
    from app.logbook.runs import BodyWeightRecord, RaceRecord, RunEntry, RunRecord

# The columns each record is read from, in the order the builders take them.
SESSION_FIELDS = ("id", "uid", "athlete_id", "started_at", "ended_at", "program_slug",
                  "program_day", "title", "notes", "readiness", "source")
SET_FIELDS = ("id", "uid", "session_id", "exercise_slug", "set_number", "side", "reps", "load_kg",
              "load_unit", "duration_s", "rpe", "tempo", "descent_s", "set_type", "notes",
              "logged_at", "distance_m", "rest_s", "rir", "descent_held")
ENROLMENT_FIELDS = ("id", "uid", "program_slug", "start_date", "weekdays", "created_at",
                    "ended_at", "first_day")
BODY_NOTE_FIELDS = ("id", "uid", "noted_at", "soreness", "run_pain", "words")
RUN_FIELDS = ("id", "started_at", "duration_s", "sport", "distance_m", "elevation_gain_m",
              "average_heart_rate", "tag", "tag_guessed", "source", "title")
RACE_FIELDS = ("id", "day", "name")
BODY_WEIGHT_FIELDS = ("id", "day", "kg")

# For SQL: a session row (aliased ``s``) is followed by its totals (the set
# count and reps x kg of its sets, aliased ``l``), as the History list shows them.
SESSION_COLUMNS = ", ".join(f"s.{name}" for name in SESSION_FIELDS)
SESSION_TOTALS = "count(l.id), coalesce(sum(coalesce(l.reps * max(l.load_kg, 0.0), 0.0)), 0.0)"
SET_COLUMNS = ", ".join(SET_FIELDS)
ENROLMENT_COLUMNS = ", ".join(ENROLMENT_FIELDS)
BODY_NOTE_COLUMNS = ", ".join(BODY_NOTE_FIELDS)
RUN_COLUMNS = ", ".join(RUN_FIELDS)
RACE_COLUMNS = ", ".join(RACE_FIELDS)
BODY_WEIGHT_COLUMNS = ", ".join(BODY_WEIGHT_FIELDS)


def _as_is(moment: datetime) -> datetime:
    return moment


# -- rows to records ------------------------------------------------------------


def session_record(row: Sequence[Any]) -> SessionRecord:
    """A SQL row of SESSION_COLUMNS then SESSION_TOTALS."""
    return _session_record(row, from_db_time)


def session_record_of(row: Any, set_count: int, volume_kg: float) -> SessionRecord:
    """An ORM ``WorkoutSession`` with the totals the caller counted."""
    return _session_record((*(getattr(row, name) for name in SESSION_FIELDS), set_count, volume_kg),
                           _as_is)


def _session_record(row: Sequence[Any], time: Callable[[Any], datetime]) -> SessionRecord:
    (id_, uid, athlete_id, started, ended, program, day, title, notes, readiness, source,
     set_count, volume) = row
    return SessionRecord(
        id=id_, uid=uid, athlete_id=athlete_id, started_at=time(started),
        ended_at=None if ended is None else time(ended), program_slug=program,
        program_day=day, title=title, notes=notes,
        readiness=None if readiness is None else json.loads(readiness),
        set_count=set_count, volume_kg=float(volume), source=source,
    )


def set_record(row: Sequence[Any]) -> LoggedSetRecord:
    """A SQL row of SET_COLUMNS."""
    return _set_record(row, from_db_time)


def set_record_of(row: Any) -> LoggedSetRecord:
    """An ORM ``LoggedSet``."""
    return _set_record(tuple(getattr(row, name) for name in SET_FIELDS), _as_is)


def _set_record(row: Sequence[Any], time: Callable[[Any], datetime]) -> LoggedSetRecord:
    (id_, uid, session_id, slug, number, side, reps, load_kg, unit, duration, rpe, tempo,
     descent, set_type, notes, logged_at, distance, rest, rir, held) = row
    return LoggedSetRecord(
        id=id_, uid=uid, session_id=session_id, exercise_slug=slug, set_number=number, side=side,
        reps=reps, load_kg=load_kg, load_unit=unit, duration_s=duration, rpe=rpe, tempo=tempo,
        descent_s=None if descent is None else tuple(json.loads(descent)), set_type=set_type,
        notes=notes, logged_at=time(logged_at), distance_m=distance, rest_s=rest,
        rir=rir, descent_held=held_from_db(held),
    )


def enrolment_record(row: Sequence[Any]) -> EnrolmentRecord:
    """A SQL row of ENROLMENT_COLUMNS."""
    return _enrolment_record(row, from_db_time)


def enrolment_record_of(row: Any) -> EnrolmentRecord:
    """An ORM ``Enrolment``."""
    return _enrolment_record(tuple(getattr(row, name) for name in ENROLMENT_FIELDS), _as_is)


def _enrolment_record(row: Sequence[Any], time: Callable[[Any], datetime]) -> EnrolmentRecord:
    id_, uid, slug, start, weekdays, created, ended, first_day = row
    return EnrolmentRecord(id=id_, uid=uid, program_slug=slug, start_date=date.fromisoformat(start),
                           weekdays=tuple(json.loads(weekdays)), created_at=time(created),
                           ended_at=None if ended is None else time(ended), first_day=first_day)


def body_note_record(row: Sequence[Any]) -> BodyNoteRecord:
    """A SQL row of BODY_NOTE_COLUMNS."""
    return _body_note_record(row, from_db_time)


def body_note_record_of(row: Any) -> BodyNoteRecord:
    """An ORM ``BodyNote``."""
    return _body_note_record(tuple(getattr(row, name) for name in BODY_NOTE_FIELDS), _as_is)


def _body_note_record(row: Sequence[Any], time: Callable[[Any], datetime]) -> BodyNoteRecord:
    id_, uid, noted, soreness, run_pain, words = row
    return BodyNoteRecord(id=id_, uid=uid, noted_at=time(noted), soreness=soreness,
                          run_pain=run_pain, words=words)


def run_record(row: Sequence[Any]) -> RunRecord:
    """A SQL row of RUN_COLUMNS."""
    return _run_record(row, from_db_time)


def run_record_of(row: Any) -> RunRecord:
    """An ORM ``Run``."""
    return _run_record(tuple(getattr(row, name) for name in RUN_FIELDS), _as_is)


def _run_record(row: Sequence[Any], time: Callable[[Any], datetime]) -> RunRecord:
    from app.logbook.runs import RunEntry, RunRecord, RunTag, Sport

    (id_, started, duration, sport, distance, climb, heart_rate, tag, guessed, source,
     title) = row
    return RunRecord(id=id_, entry=RunEntry(
        started_at=time(started), duration_s=float(duration), sport=Sport(sport),
        distance_m=None if distance is None else float(distance),
        elevation_gain_m=None if climb is None else float(climb),
        average_heart_rate=heart_rate, tag=RunTag(tag), tag_guessed=bool(guessed),
        source=source, title=title))


def race_record(row: Sequence[Any]) -> RaceRecord:
    """A row of RACE_COLUMNS (SQL or ORM: the day is stored as text both ways)."""
    from app.logbook.runs import RaceRecord

    id_, day, name = row
    return RaceRecord(id=id_, day=date.fromisoformat(day), name=name)


def body_weight_record(row: Sequence[Any]) -> BodyWeightRecord:
    """A row of BODY_WEIGHT_COLUMNS (SQL or ORM)."""
    from app.logbook.runs import BodyWeightRecord

    id_, day, kg = row
    return BodyWeightRecord(id=id_, day=date.fromisoformat(day), kg=float(kg))


def measured_descents(text: str) -> list[float]:
    """A ``descent_s`` value read leniently, for the progress views: anything
    but a JSON list of numbers (another tool's writing) reads as no descents
    rather than stopping a chart. (Records read strictly: the app wrote them.)"""
    try:
        value = json.loads(text)
    except ValueError:
        return []
    if not isinstance(value, list):
        return []
    numbers = [v for v in value if isinstance(v, int | float) and not isinstance(v, bool)]
    return [float(v) for v in numbers] if len(numbers) == len(value) else []


# -- records to rows ------------------------------------------------------------


def descent_to_db(descents: Sequence[float] | None) -> str | None:
    """The ``descent_s`` column's value: a JSON list, NULL when not measured."""
    return None if descents is None else json.dumps(list(descents))


def readiness_to_db(readiness: dict[str, Any] | None) -> str | None:
    return None if readiness is None else json.dumps(readiness, sort_keys=True)


def set_values(record: LoggedSetRecord) -> dict[str, Any]:
    """A set's columns (but its id) as the ORM writes them."""
    return {
        "uid": record.uid, "session_id": record.session_id,
        "exercise_slug": record.exercise_slug, "set_number": record.set_number,
        "side": record.side, "reps": record.reps, "load_kg": record.load_kg,
        "load_unit": record.load_unit, "duration_s": record.duration_s, "rpe": record.rpe,
        "tempo": record.tempo, "descent_s": descent_to_db(record.descent_s),
        "set_type": record.set_type, "notes": record.notes, "logged_at": record.logged_at,
        "distance_m": record.distance_m, "rest_s": record.rest_s,
        "rir": record.rir, "descent_held": held_to_db(record.descent_held),
    }


def run_values(entry: RunEntry) -> dict[str, Any]:
    """A run's columns (but its id and athlete) as the ORM writes them: what
    the entry did not give stays None (NULL), never a 0."""
    from app.logbook.runs import RunTag, Sport

    return {
        "started_at": entry.started_at, "duration_s": float(entry.duration_s),
        "sport": Sport(entry.sport).value, "distance_m": entry.distance_m,
        "elevation_gain_m": entry.elevation_gain_m,
        "average_heart_rate": entry.average_heart_rate, "tag": RunTag(entry.tag).value,
        "tag_guessed": bool(entry.tag_guessed), "source": entry.source, "title": entry.title,
    }


def entry_record(entry: SetEntry, session_id: int, logged_at: datetime, uid: str,
                 set_id: int = 0) -> LoggedSetRecord:
    """The set ``entry`` as a record (id 0 before the database gives it one).
    Every field the entry shares with a stored set is carried by name, so a
    field added to both is written here too."""
    shared = {f.name: getattr(entry, f.name) for f in dataclasses.fields(LoggedSetRecord)
              if f.name not in ("id", "uid", "session_id", "logged_at") and hasattr(entry, f.name)}
    return LoggedSetRecord(id=set_id, uid=uid, session_id=session_id, logged_at=logged_at,
                           **shared)

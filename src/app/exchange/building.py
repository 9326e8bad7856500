"""Turning checked row values into sets and sessions, the same way for every CSV app.

Every set goes through ``SetEntry`` (the checks the log form uses), so an
import can never hold a set the athlete could not have typed; its message
is moved to the column the value came from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.exchange.model import ImportedSession, ImportedSet, ImportFileError
from app.exchange.table import CellError
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate
from app.logbook.entries import (
    MAX_DISTANCE_M,
    MAX_LOAD_KG,
    MAX_REST_S,
    InvalidEntryError,
    SetEntry,
    SetType,
    from_kg,
    to_kg,
)

# A workout longer than this is an app left running, not a workout: it is
# imported without an end time rather than refused.
MAX_WORKOUT_S = 7 * 24 * 3600

# How much of a file is kept while it is read (see SessionPool): a few
# workouts, so the memory of an import does not grow with the file.
MAX_OPEN_SESSIONS = 64
MAX_OPEN_SETS = 20_000

# Added to the notes of a set another app marks as taken to failure.
FAILURE_NOTE = QT_TRANSLATE_NOOP("building", "to failure")


@dataclasses.dataclass
class SetValues:
    """One set as read from a row, before checks. ``load`` is in ``load_unit``."""

    exercise: str
    line: int
    reps: int | None = None
    load: float | None = None
    load_unit: str = "kg"
    duration_s: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    set_type: str = SetType.WORKING
    notes: str = ""


class SessionBuilder:
    """Collects one workout's sets in file order and numbers them per exercise."""

    def __init__(self, key: str, started_at: datetime, title: str, line: int) -> None:
        self.key = key
        self.started_at = started_at
        self.ended_at: datetime | None = None
        self.title = title
        self.notes = ""
        self.line = line
        # Field values of each set; the frozen sets are made once, in build(),
        # so a rest time arriving on a later row costs no copy.
        self.sets: list[dict[str, Any]] = []
        self._count: dict[str, int] = {}
        self._last: dict[str, int] = {}  # exercise -> index in sets of its latest set

    def add(self, values: SetValues, columns: Mapping[str, int | None]) -> None:
        number = self._count.get(values.exercise, 0) + 1
        made = checked_set(values, number, columns)
        self._count[values.exercise] = number
        self._last[values.exercise] = len(self.sets)
        self.sets.append(made)

    def rest_after_last(self, exercise: str, rest_s: float) -> bool:
        """Give the latest set of ``exercise`` a rest time; False if it has no set yet."""
        index = self._last.get(exercise)
        if index is None:
            return False
        self.sets[index]["rest_s"] = rest_s
        return True

    def end_after(self, seconds: float | None) -> bool:
        """Set the end from a duration; False when the duration is implausibly long."""
        if seconds is None:
            return True
        if seconds > MAX_WORKOUT_S:
            return False
        self.ended_at = self.started_at + timedelta(seconds=seconds)
        return True

    def build(self, continued: bool = False) -> ImportedSession:
        return ImportedSession(key=self.key, started_at=self.started_at, ended_at=self.ended_at,
                               title=self.title, notes=self.notes,
                               sets=tuple(ImportedSet(**fields) for fields in self.sets),
                               line=self.line, continued=continued)


class SessionPool:
    """The workouts being read, each kept until it can be handed on.

    Every app writes a workout's rows together, so a workout is complete once
    rows of others follow; the pool keeps the latest ``MAX_OPEN_SESSIONS``
    (and at most ``MAX_OPEN_SETS`` sets in all) and hands on the oldest beyond
    that, so reading a file of any length holds a few workouts at a time.
    A workout met again after it was handed on (a file sorted by hand) is
    not lost or split into two sessions: it goes on as a further part of
    the same key, its sets numbered on (``ImportedSession.continued``), and
    the writer adds that part to the session already written.
    """

    def __init__(self) -> None:
        self.open: dict[str, SessionBuilder] = {}
        self._numbers: dict[str, dict[str, int]] = {}  # handed-on key -> exercise -> sets
        self._open_sets = 0
        self._ready: list[ImportedSession] = []
        self.handed_on = 0  # workouts (or parts) handed on so far: none means no set was read

    def get(self, key: str) -> SessionBuilder | None:
        return self.open.get(key)

    def was_handed_on(self, key: str) -> bool:
        return key in self._numbers

    def add(self, builder: SessionBuilder) -> None:
        counts = self._numbers.get(builder.key)
        if counts is not None:
            builder._count = dict(counts)
        self.open[builder.key] = builder
        while len(self.open) > MAX_OPEN_SESSIONS:
            self._hand_on(next(iter(self.open)))

    def added(self, builder: SessionBuilder) -> None:
        """Call after a set was added to ``builder``."""
        self._open_sets += 1
        while self._open_sets >= MAX_OPEN_SETS:
            oldest = next(iter(self.open))
            if oldest == builder.key:  # one workout alone is over the limit: hand on its part
                self._hand_on(oldest, keep_open=True)
                break
            self._hand_on(oldest)

    def _hand_on(self, key: str, keep_open: bool = False) -> None:
        builder = self.open[key] if keep_open else self.open.pop(key)
        continued = key in self._numbers
        self._numbers[key] = dict(builder._count)
        self._open_sets -= len(builder.sets)
        if builder.sets:
            self._ready.append(builder.build(continued))
        if keep_open:
            builder.sets = []
            builder._last = {}  # a rest time cannot reach a set handed on

    def ready(self) -> Iterator[ImportedSession]:
        """The workouts handed on since the last call."""
        while self._ready:
            self.handed_on += 1
            yield self._ready.pop(0)

    def finish(self) -> Iterator[ImportedSession]:
        """Hand on every workout still open (at the end of the file)."""
        for key in list(self.open):
            self._hand_on(key)
        yield from self.ready()


def checked_set(values: SetValues, set_number: int,
                columns: Mapping[str, int | None]) -> dict[str, Any]:
    """Check ``values`` (as the log form would); the fields of an ImportedSet.

    ``columns`` maps a SetEntry field name ("reps", "load", "RPE",
    "duration", "distance", "exercise", "notes", "set type") to the column
    it came from, so a message points at the right cell.
    """
    exercise = values.exercise.strip()
    if not exercise:
        raise CellError(columns.get("exercise"), translate("building", "the exercise name is missing"))
    if values.load is not None:
        unit = values.load_unit  # a unit symbol, the same in every language
        if values.load < 0:
            # Other apps have no band assistance; a negative weight is a typo.
            raise CellError(columns.get("load"), translate(
                "building", "a negative weight ({weight} {unit}) cannot be imported")
                .format(weight=format_decimal(values.load, 3), unit=unit))
        if to_kg(values.load, unit) > MAX_LOAD_KG:
            raise CellError(columns.get("load"), translate(
                "building", "a weight of {weight} {unit} is above the limit of {limit} {unit}")
                .format(weight=format_decimal(values.load, 3), unit=unit,
                        limit=format_decimal(from_kg(MAX_LOAD_KG, unit), 2)))
    if values.reps is not None and values.reps < 0:
        raise CellError(columns.get("reps"), translate("building", "reps cannot be negative ({reps})")
                        .format(reps=format_integer(values.reps)))
    if values.rpe is not None and not 1 <= values.rpe <= 10:
        raise CellError(columns.get("RPE"), translate("building", "RPE must be between 1 and 10, "
                                                                  "not {rpe}")
                        .format(rpe=format_decimal(values.rpe, 2)))
    if values.distance_m is not None and not 0 <= values.distance_m <= MAX_DISTANCE_M:
        raise CellError(columns.get("distance"), translate(
            "building", "the distance must be between 0 and {limit} km")
            .format(limit=format_decimal(MAX_DISTANCE_M / 1000, 0)))
    try:
        SetEntry(exercise_slug=exercise, set_number=set_number, reps=values.reps,
                 load=values.load, load_unit=values.load_unit, duration_s=values.duration_s,
                 rpe=values.rpe, set_type=values.set_type, notes=values.notes,
                 distance_m=values.distance_m)
    except InvalidEntryError as exc:
        # The entry's message follows its field ("must be at most 1000"); a
        # language that wants "reps: must be ..." says so in its template.
        raise CellError(columns.get(exc.field), translate(
            "building", "{field} {problem}", "a value of a set and what is wrong with it, "
            "like: reps must be at most 1000").format(field=exc.label, problem=exc.message)) \
            from None
    return {
        "exercise": exercise, "set_number": set_number, "reps": values.reps,
        "load_kg": None if values.load is None else to_kg(values.load, values.load_unit),
        "load_unit": values.load_unit, "duration_s": values.duration_s,
        "distance_m": values.distance_m, "rpe": values.rpe, "set_type": values.set_type,
        "notes": values.notes, "line": values.line}


def check_rest(seconds: float, column: int | None) -> float:
    if not 0 <= seconds <= MAX_REST_S:
        raise CellError(column, translate("building", "a rest of {seconds} seconds is outside "
                                                      "0-{limit}")
                        .format(seconds=format_decimal(seconds, 2), limit=format_integer(MAX_REST_S)))
    return seconds


def clean_text(text: str) -> str:
    """Free text as stored: one kind of line end (a file saved on Windows
    has \r\n inside quoted notes) and no spaces around it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def one_line(text: str) -> str:
    """A title: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def join_notes(*parts: str) -> str:
    return "; ".join(p for p in (clean_text(part) for part in parts) if p)


def no_sets(path: Path, rows: int) -> ImportFileError:
    """A CSV export with no set in it (``rows``: its data rows)."""
    if rows:
        return ImportFileError(path, translate("building", "has no sets"))
    return ImportFileError(path, translate("building", "has no sets (only a header row)"))


def distance_note(count: int) -> str:
    """The note on what an import holds, for sets with a distance."""
    return translate("building", "%n set(s) with distance", n=count)

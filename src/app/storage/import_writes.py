"""The writes of one import, in one transaction: storage's side of an import.

The import writer (the exchange layer's writer module) decides what an
import adds (it knows the files and the plan); this module only writes, so
storage needs nothing of the import formats. Everything goes into one
IMMEDIATE transaction: the import is written whole or not at all, and
pictures copied for its exercises are removed again when it fails.

Sessions and sets are written through the driver, a batch per statement (a
million sets through the ORM's statement building took 12 s more); the
values are those the ORM would bind, in the order of ``SESSION_COLUMNS`` and
``SET_COLUMNS``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from bisect import bisect_left, insort
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.logbook.custom_exercises import MAX_NAME, slugify
from app.logbook.runs import PlannedDay, RunEntry
from app.storage.coaching_records import BodyNoteKey, body_note_keys
from app.storage.custom_exercises import CustomExercises, custom_slugs, free_slug, pictures_in_use
from app.storage.models import (
    BodyNote,
    BodyWeight,
    CustomExerciseRow,
    CustomStepRow,
    PlannedRunDay,
    Race,
    Run,
)
from app.storage.queries import ImportLookup
from app.storage.rows import SESSION_FIELDS, SET_FIELDS, run_values
from app.storage.running import RUN_SAME_START_S, same_run
from app.storage.settings import add_setting_if_absent, put_setting
from app.storage.unit_of_work import LogDatabase

# A session is inserted with its id (given here: see next_session_id), a set without.
SESSION_COLUMNS = SESSION_FIELDS
SET_COLUMNS = tuple(name for name in SET_FIELDS if name != "id")


def _insert(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


_INSERT_SESSION_SQL = _insert("workout_session", SESSION_COLUMNS)
_INSERT_SET_SQL = _insert("logged_set", SET_COLUMNS)
# A big import touches every index of logged_set on each insert: with
# SQLite's 2 MB page cache a million sets took twice as long.
_IMPORT_CACHE_KIB = -64 * 1024  # negative: in KiB (64 MB), as PRAGMA cache_size takes it
_DEFAULT_CACHE_KIB = -2000  # SQLite's default


class LogRuleError(ValueError):
    """The database refused a write: it breaks ``rule`` (a constraint's name,
    in the database's own words). Nothing of the transaction was written."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


@contextlib.contextmanager
def import_transaction(db: LogDatabase, customs: CustomExercises) -> Iterator[ImportWrites]:
    """One import's writes: committed when the block ends, else none of them
    (LogRuleError for a constraint the data breaks)."""
    writes: ImportWrites | None = None
    written = False
    try:
        with db.writing() as session:
            writes = ImportWrites(session, db, customs)
            yield writes
        written = True
    except IntegrityError as exc:
        raise LogRuleError(str(exc.orig)) from exc
    finally:
        if not written and writes is not None:
            for path in writes.copied:
                path.unlink(missing_ok=True)


class ImportWrites:
    """What an import may write, inside its transaction."""

    def __init__(self, session: Session, db: LogDatabase, customs: CustomExercises) -> None:
        self._session = session
        self._customs = customs
        self.athlete_id = db.athlete_id
        self.now = db.now()
        self._execute = session.connection().exec_driver_sql
        # Sees the sessions this transaction has just added.
        self.lookup = ImportLookup(self._execute)
        self.copied: list[Path] = []  # pictures copied for imported exercises
        self._claimed: set[str] | None = None  # picture files some exercise shows
        self._note_uids: set[str] | None = None

    # -- custom exercises -----------------------------------------------------

    def custom_slugs(self) -> set[str]:
        return custom_slugs(self._session)

    def add_custom_exercise(self, *, slug: str, name: str, equipment: Sequence[str],
                            one_side: str, category: str, level: str | None, notes: str,
                            based_on: str | None,
                            steps: Sequence[tuple[str, str | None]]) -> None:
        """An exercise of our own JSON, with its steps (text, picture file name):
        a picture another exercise shows is copied (CustomExercises.imported_picture)."""
        if self._claimed is None:
            self._claimed = pictures_in_use(self._session)
        row = CustomExerciseRow(
            slug=slug, name=name, equipment=_json_list(equipment), one_side=one_side,
            category=category, level=level, notes=notes, based_on=based_on,
            created_at=self.now, updated_at=self.now)
        for position, (text, picture) in enumerate(steps, start=1):
            kept = self._customs.imported_picture(picture, self._claimed, self.copied)
            row.steps.append(CustomStepRow(position=position, text=text, picture=kept))
        self._session.add(row)

    def add_named_exercise(self, name: str, notes: str, step: str) -> str:
        """A bare bodyweight strength exercise called ``name`` (cut to fit), with
        one step of text; returns its slug (made from the name, first free)."""
        row = CustomExerciseRow(
            slug=free_slug(self._session, slugify(name)), name=name[:MAX_NAME].strip(),
            equipment=_json_list(["bodyweight"]),
            one_side="no", category="strength", level=None, notes=notes, based_on=None,
            created_at=self.now, updated_at=self.now)
        row.steps.append(CustomStepRow(position=1, text=step))
        self._session.add(row)
        self._session.flush()
        return row.slug

    # -- sessions and sets ----------------------------------------------------

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Around the inserts of sessions and sets: a bigger page cache for SQLite."""
        self._execute(f"PRAGMA cache_size = {_IMPORT_CACHE_KIB}")
        yield
        self._execute(f"PRAGMA cache_size = {_DEFAULT_CACHE_KIB}")

    def next_session_id(self) -> int:
        """The id the next session added takes. Ids are given here, so a batch's
        sessions go in with one statement, as its sets do: a statement each took
        7 s of a million-row import (each one waits its turn for the interpreter
        behind the reading thread). The transaction began IMMEDIATE: no one else
        adds a session."""
        return int(self._execute("SELECT COALESCE(MAX(id), 0) FROM workout_session")
                   .scalar_one()) + 1

    def insert_sessions(self, session_rows: Sequence[Sequence[Any]]) -> None:
        """Rows of SESSION_COLUMNS' values."""
        self._execute(_INSERT_SESSION_SQL, [tuple(row) for row in session_rows])

    def insert_sets(self, set_rows: list[tuple[Any, ...]]) -> None:
        """Rows of SET_COLUMNS' values."""
        self._execute(_INSERT_SET_SQL, set_rows)

    def retitle(self, session_id: int, title: str) -> None:
        self._execute("UPDATE workout_session SET title = ? WHERE id = ?", (title, session_id))

    # -- quick notes and settings ---------------------------------------------

    def body_note_keys(self) -> set[BodyNoteKey]:
        return body_note_keys(self._session, self.athlete_id)

    def add_body_note(self, uid: str, noted_at: datetime, soreness: int | None,
                      run_pain: str | None, words: str) -> None:
        """A quick note keeping its ``uid`` unless a note of the log has it
        (an export edited by hand): then it gets a new one."""
        if self._note_uids is None:
            self._note_uids = set(self._session.scalars(select(BodyNote.uid)))
        row = BodyNote(athlete_id=self.athlete_id, noted_at=noted_at, soreness=soreness,
                       run_pain=run_pain, words=words)
        if uid not in self._note_uids:
            row.uid = uid
            self._note_uids.add(uid)
        self._session.add(row)

    # -- the running week ------------------------------------------------------

    def add_runs(self, entries: Sequence[RunEntry]) -> list[RunEntry]:
        """Add the runs the log has not got; return those it had.

        A run is already in the log when a stored run (or one added before
        it here) starts within RUN_SAME_START_S of it (``same_run``, the rule
        of RunningRecords.add_runs): the stored run and its tag stay as they
        are. The caller has validated the entries."""
        if not entries:
            return []
        starts_utc = [entry.started_at.astimezone(UTC) for entry in entries]
        margin = timedelta(seconds=RUN_SAME_START_S)
        starts = sorted(self._session.scalars(select(Run.started_at).where(
            Run.athlete_id == self.athlete_id, Run.started_at >= min(starts_utc) - margin,
            Run.started_at <= max(starts_utc) + margin)))
        already = []
        for entry, start in zip(entries, starts_utc, strict=True):
            i = bisect_left(starts, start)
            if any(same_run(starts[j], start) for j in (i - 1, i) if 0 <= j < len(starts)):
                already.append(entry)
                continue
            insort(starts, start)
            self._session.add(Run(athlete_id=self.athlete_id, **run_values(
                dataclasses.replace(entry, started_at=start))))
        self._session.flush()
        return already

    def planned_week(self) -> tuple[PlannedDay, ...]:
        """The log's planned week, Monday first (all rest when never set)."""
        kinds = dict(self._session.execute(select(PlannedRunDay.weekday, PlannedRunDay.kind)
                                           .where(PlannedRunDay.athlete_id == self.athlete_id))
                     .tuples().all())
        return tuple(PlannedDay(kinds.get(weekday, PlannedDay.REST)) for weekday in range(7))

    def set_planned_week(self, days: Sequence[PlannedDay]) -> None:
        """Seven days, Monday first (validated by the caller)."""
        self._session.execute(delete(PlannedRunDay)
                              .where(PlannedRunDay.athlete_id == self.athlete_id))
        self._session.execute(insert(PlannedRunDay), [
            {"athlete_id": self.athlete_id, "weekday": weekday, "kind": PlannedDay(kind).value}
            for weekday, kind in enumerate(days)])

    def race_keys(self) -> set[tuple[date, str]]:
        """(day, name) of every race in the log."""
        return {(date.fromisoformat(day), name) for day, name in self._session.execute(
            select(Race.day, Race.name).where(Race.athlete_id == self.athlete_id)).tuples()}

    def add_race(self, day: date, name: str) -> None:
        self._session.add(Race(athlete_id=self.athlete_id, day=day.isoformat(), name=name))

    def body_weight_days(self) -> set[date]:
        """The days the log has a body weight for (one a day)."""
        return {date.fromisoformat(day) for day in self._session.scalars(
            select(BodyWeight.day).where(BodyWeight.athlete_id == self.athlete_id))}

    def add_body_weight(self, day: date, kg: float) -> None:
        self._session.add(BodyWeight(athlete_id=self.athlete_id, day=day.isoformat(),
                                     kg=float(kg)))

    def add_setting_if_absent(self, key: str, value: Any) -> bool:
        return add_setting_if_absent(self._session, key, value, self.now)

    def put_setting(self, key: str, value: Any) -> None:
        put_setting(self._session, key, value, self.now)


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values))

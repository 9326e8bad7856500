"""Writing to the log: the storage API's unit-of-work side.

Each public method is one unit of work in one short ORM transaction
(``with Session.begin()``). Writes return only after SQLite has committed
with synchronous=FULL, so what a method reports as saved is on disk.
Reads are delegated to ``LogReader`` (plain SQL), so there is one
implementation of each query whether or not the ORM is loaded.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, SystemClock
from app.custom_exercises import (
    CustomExercise,
    CustomExerciseError,
    StepInput,
    check_picture,
    slugify,
    validate_fields,
)
from app.paths import AppPaths
from app.storage import backup as backups
from app.storage.database import OpenReport, apply_pragmas, open_database
from app.storage.entries import LoggedSetRecord, SessionRecord, SetEntry
from app.storage.migrations import MIGRATIONS, Migration
from app.storage.models import (
    CustomExerciseRow,
    CustomStepRow,
    LoggedSet,
    Setting,
    WorkoutSession,
    new_uid,
)
from app.storage.queries import LogReader

log = logging.getLogger(__name__)

_INSERT_SET = insert(LoggedSet)


class UnknownSessionError(LookupError):
    pass


class Store:
    def __init__(self, db_path: Path, backups_dir: Path, clock: Clock,
                 pictures_dir: Path | None = None) -> None:
        """Wrap a database that ``open_database`` has already checked and migrated."""
        self.db_path = db_path
        self.backups_dir = backups_dir
        self.pictures_dir = pictures_dir or db_path.parent / "pictures"
        self._clock = clock
        self._engine = create_app_engine(db_path)
        self._read = sessionmaker(self._engine, expire_on_commit=False)
        self._write_engine = self._engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)
        self.reader = LogReader(db_path, self.pictures_dir)
        self.athlete_id: int = self.reader.athlete_id

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock | None = None,
             migrations: Sequence[Migration] = MIGRATIONS) -> tuple[Store, OpenReport]:
        """Open (creating, repairing or migrating as needed) the database in ``paths``."""
        clock = clock or SystemClock()
        report = open_database(paths.database, paths.backups_dir, paths.damaged_dir,
                               clock.now(), migrations)
        return cls(paths.database, paths.backups_dir, clock, paths.pictures_dir), report

    def close(self) -> None:
        self.reader.close()
        self._engine.dispose()

    # -- sessions -------------------------------------------------------

    def start_session(self, *, title: str = "", program_slug: str | None = None,
                      program_day: int | None = None, notes: str = "",
                      readiness: dict[str, Any] | None = None,
                      started_at: datetime | None = None) -> SessionRecord:
        with self._write.begin() as session:
            row = WorkoutSession(
                athlete_id=self.athlete_id,
                started_at=started_at or self._clock.now(),
                program_slug=program_slug,
                program_day=program_day,
                title=title,
                notes=notes,
                readiness=None if readiness is None else json.dumps(readiness, sort_keys=True),
            )
            session.add(row)
            session.flush()
            return _session_record(row, 0, 0.0)

    def end_session(self, session_id: int, ended_at: datetime | None = None,
                    notes: str | None = None) -> None:
        with self._write.begin() as session:
            row = self._get_session(session, session_id)
            row.ended_at = ended_at or self._clock.now()
            if notes is not None:
                row.notes = notes

    def delete_session(self, session_id: int) -> None:
        with self._write.begin() as session:
            session.delete(self._get_session(session, session_id))

    @staticmethod
    def _get_session(session: Session, session_id: int) -> WorkoutSession:
        row = session.get(WorkoutSession, session_id)
        if row is None:
            raise UnknownSessionError(f"no workout session with id {session_id}")
        return row

    # -- sets -----------------------------------------------------------

    def log_set(self, session_id: int, entry: SetEntry) -> LoggedSetRecord:
        """Store one set. When this returns, the set is committed to disk.

        The hot path, measured against a bare sqlite3 insert: a Core insert
        into the declarative table, in one short write transaction, costs
        about half of an ORM unit of work (identity map, flush, events) and
        stores exactly the same row.
        """
        uid, logged_at = new_uid(), self._clock.now()
        values: dict[str, Any] = {
            "uid": uid,
            "session_id": session_id,
            "exercise_slug": entry.exercise_slug,
            "set_number": entry.set_number,
            "side": entry.side,
            "reps": entry.reps,
            "load_kg": entry.load_kg,
            "load_unit": entry.load_unit,
            "duration_s": entry.duration_s,
            "rpe": entry.rpe,
            "tempo": entry.tempo,
            "descent_s": None if entry.descent_s is None else json.dumps(list(entry.descent_s)),
            "set_type": entry.set_type,
            "notes": entry.notes,
            "logged_at": logged_at,
        }
        try:
            with self._write_engine.begin() as connection:
                result = connection.execute(_INSERT_SET, values)
                set_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        except IntegrityError as exc:
            # The only constraint the validators cannot see is the session link.
            if not self._session_exists(session_id):
                raise UnknownSessionError(f"no workout session with id {session_id}") from exc
            raise
        return LoggedSetRecord(
            id=set_id, uid=uid, session_id=session_id,
            exercise_slug=entry.exercise_slug, set_number=entry.set_number, side=entry.side,
            reps=entry.reps, load_kg=entry.load_kg, load_unit=entry.load_unit,
            duration_s=entry.duration_s, rpe=entry.rpe, tempo=entry.tempo,
            descent_s=entry.descent_s, set_type=entry.set_type, notes=entry.notes,
            logged_at=logged_at,
        )

    def _session_exists(self, session_id: int) -> bool:
        with self._read.begin() as session:
            return session.get(WorkoutSession, session_id) is not None

    def delete_set(self, set_id: int) -> None:
        with self._write.begin() as session:
            row = session.get(LoggedSet, set_id)
            if row is None:
                raise LookupError(f"no logged set with id {set_id}")
            session.delete(row)

    def sets_of_session(self, session_id: int) -> list[LoggedSetRecord]:
        return self.reader.sets_of_session(session_id)

    def list_sessions(self, limit: int | None = None) -> list[SessionRecord]:
        return self.reader.list_sessions(limit)

    def count_sessions(self) -> int:
        return self.reader.count_sessions()

    def count_sets(self) -> int:
        return self.reader.count_sets()

    # -- settings -------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.reader.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, sort_keys=True)
        with self._write.begin() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=encoded, updated_at=self._clock.now()))
            else:
                row.value = encoded
                row.updated_at = self._clock.now()

    def all_settings(self) -> dict[str, Any]:
        return self.reader.all_settings()

    # -- custom exercises -------------------------------------------------

    def custom_exercises(self) -> list[CustomExercise]:
        return self.reader.custom_exercises()

    def save_custom_exercise(self, *, slug: str | None, name: str, equipment: Sequence[str],
                             one_side: str, category: str, level: str | None,
                             steps: Sequence[StepInput], notes: str = "",
                             based_on: str | None = None) -> CustomExercise:
        """Add (``slug`` None) or replace a custom exercise; all or nothing.

        Newly chosen pictures are checked and copied into the pictures folder
        first; if anything then fails, the copies are removed again, and the
        database is untouched. Pictures the exercise no longer uses are
        deleted only after the commit.
        """
        name = name.strip()
        validate_fields(name, tuple(equipment), one_side, category, level,
                        tuple(step.text for step in steps))
        copied: list[Path] = []
        owned = self._pictures_of(slug) if slug is not None else set()
        try:
            stored = [self._store_picture(step.picture, number, owned, copied)
                      for number, step in enumerate(steps, start=1)]
            now = self._clock.now()
            with self._write.begin() as session:
                if slug is None:
                    row = CustomExerciseRow(slug=self._free_slug(session, slugify(name)),
                                            created_at=now)
                    session.add(row)
                    old_pictures: set[str] = set()
                else:
                    found = session.scalar(select(CustomExerciseRow)
                                           .where(CustomExerciseRow.slug == slug))
                    if found is None:
                        raise LookupError(f"no custom exercise {slug!r}")
                    row = found
                    old_pictures = {s.picture for s in row.steps if s.picture}
                    row.steps.clear()
                    session.flush()  # the old steps go before the new take their positions
                row.name, row.equipment = name, json.dumps(list(equipment))
                row.one_side, row.category, row.level = one_side, category, level
                row.notes, row.based_on, row.updated_at = notes, based_on, now
                row.steps.extend(CustomStepRow(position=n, text=step.text.strip(), picture=picture)
                                 for n, (step, picture) in enumerate(zip(steps, stored, strict=True),
                                                                     start=1))
                saved_slug = row.slug
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
        self._remove_pictures(old_pictures - {p for p in stored if p})
        return next(e for e in self.reader.custom_exercises() if e.slug == saved_slug)

    def delete_custom_exercise(self, slug: str) -> None:
        with self._write.begin() as session:
            row = session.scalar(select(CustomExerciseRow).where(CustomExerciseRow.slug == slug))
            if row is None:
                raise LookupError(f"no custom exercise {slug!r}")
            pictures = {s.picture for s in row.steps if s.picture}
            session.delete(row)
        self._remove_pictures(pictures)

    @staticmethod
    def _free_slug(session: Session, wanted: str) -> str:
        taken = set(session.scalars(select(CustomExerciseRow.slug)
                                    .where(CustomExerciseRow.slug.like(f"{wanted}%"))))
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    def _pictures_of(self, slug: str) -> set[str]:
        exercise = next((e for e in self.reader.custom_exercises() if e.slug == slug), None)
        return {s.picture.name for s in exercise.steps if s.picture} if exercise else set()

    def _store_picture(self, picture: Path | None, number: int, owned: set[str],
                       copied: list[Path]) -> str | None:
        """The file name in the pictures folder for this step's picture.

        A picture this exercise already has is kept; any other file (even
        another exercise's copy, when duplicating) is copied, so deleting one
        exercise never takes a picture away from another."""
        if picture is None:
            return None
        if picture.parent == self.pictures_dir and picture.name in owned:
            return picture.name
        try:
            kind = check_picture(picture)
        except CustomExerciseError as exc:
            raise CustomExerciseError(f"step {number} picture", exc.message) from exc
        self.pictures_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.pictures_dir / f"{uuid.uuid4().hex}.{kind}"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        copied.append(target)
        with os.fdopen(fd, "wb") as out, picture.open("rb") as source:
            shutil.copyfileobj(source, out)
            out.flush()
            os.fsync(out.fileno())
        return target.name

    def _remove_pictures(self, names: set[str]) -> None:
        for name in names:
            (self.pictures_dir / name).unlink(missing_ok=True)

    # -- backups --------------------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        path = backups.backup_file(self.db_path, self.backups_dir, self._clock.now(), reason)
        log.info("backup written to %s", path)
        return path


def _session_record(row: WorkoutSession, set_count: int, volume_kg: float) -> SessionRecord:
    return SessionRecord(
        id=row.id, uid=row.uid, athlete_id=row.athlete_id, started_at=row.started_at,
        ended_at=row.ended_at, program_slug=row.program_slug, program_day=row.program_day,
        title=row.title, notes=row.notes,
        readiness=None if row.readiness is None else json.loads(row.readiness),
        set_count=set_count, volume_kg=volume_kg,
    )


def create_app_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _on_engine_connect)
    event.listen(engine, "begin", _on_engine_begin)
    return engine


def _on_engine_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let the "begin" event issue BEGIN itself: pysqlite's implicit
    # transactions skip DDL and cannot do BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    apply_pragmas(dbapi_connection)


def _on_engine_begin(conn: Connection) -> None:
    # A write transaction takes the write lock up front (IMMEDIATE), so it
    # waits on busy_timeout instead of failing midway when another process
    # writes; reads stay DEFERRED and never block anyone.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")

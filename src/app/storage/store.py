"""The storage API the rest of the app talks to.

Each public method is one unit of work in one short transaction. Writes
return only after SQLite has committed with synchronous=FULL, so what a
method reports as saved is on disk.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, SystemClock
from app.paths import AppPaths
from app.storage import backup as backups
from app.storage.database import OpenReport, open_engine
from app.storage.entries import LoggedSetRecord, SessionRecord, SetEntry
from app.storage.migrations import MIGRATIONS, Migration
from app.storage.models import Athlete, LoggedSet, Setting, WorkoutSession

log = logging.getLogger(__name__)

DEFAULT_ATHLETE_NAME = "Me"


class UnknownSessionError(LookupError):
    pass


class Store:
    def __init__(self, engine: Engine, db_path: Path, backups_dir: Path, clock: Clock) -> None:
        self._engine = engine
        self.db_path = db_path
        self.backups_dir = backups_dir
        self._clock = clock
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(sqlite_begin="IMMEDIATE"),
                                   expire_on_commit=False)
        self.athlete_id = self._ensure_default_athlete()

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock | None = None,
             migrations: Sequence[Migration] = MIGRATIONS) -> tuple[Store, OpenReport]:
        """Open (creating, repairing or migrating as needed) the database in ``paths``."""
        clock = clock or SystemClock()
        engine, report = open_engine(paths.database, paths.backups_dir, paths.damaged_dir,
                                     clock.now(), migrations)
        return cls(engine, paths.database, paths.backups_dir, clock), report

    def close(self) -> None:
        self._engine.dispose()

    # -- athletes -------------------------------------------------------

    def _ensure_default_athlete(self) -> int:
        with self._write.begin() as session:
            athlete_id = session.scalar(select(Athlete.id).order_by(Athlete.id).limit(1))
            if athlete_id is None:
                athlete = Athlete(name=DEFAULT_ATHLETE_NAME, created_at=self._clock.now())
                session.add(athlete)
                session.flush()
                athlete_id = athlete.id
            return athlete_id

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
        """Store one set. When this returns, the set is committed to disk."""
        row = LoggedSet(
            session_id=session_id,
            exercise_slug=entry.exercise_slug,
            set_number=entry.set_number,
            side=entry.side,
            reps=entry.reps,
            load_kg=entry.load_kg,
            load_unit=entry.load_unit,
            duration_s=entry.duration_s,
            rpe=entry.rpe,
            tempo=entry.tempo,
            descent_s=None if entry.descent_s is None else json.dumps(list(entry.descent_s)),
            set_type=entry.set_type,
            notes=entry.notes,
            logged_at=self._clock.now(),
        )
        try:
            with self._write.begin() as session:
                session.add(row)
                session.flush()
                return _set_record(row)
        except IntegrityError as exc:
            # The only constraint the validators cannot see is the session link.
            if not self._session_exists(session_id):
                raise UnknownSessionError(f"no workout session with id {session_id}") from exc
            raise

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
        with self._read.begin() as session:
            rows = session.scalars(
                select(LoggedSet).where(LoggedSet.session_id == session_id)
                .order_by(LoggedSet.id))
            return [_set_record(row) for row in rows]

    def list_sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Sessions, newest first, with their set count and volume (reps x kg)."""
        volume = func.coalesce(func.sum(
            case((LoggedSet.reps.is_not(None) & LoggedSet.load_kg.is_not(None),
                  LoggedSet.reps * LoggedSet.load_kg), else_=0.0)), 0.0)
        query = (
            select(WorkoutSession, func.count(LoggedSet.id), volume)
            .outerjoin(LoggedSet, LoggedSet.session_id == WorkoutSession.id)
            .where(WorkoutSession.athlete_id == self.athlete_id)
            .group_by(WorkoutSession.id)
            .order_by(WorkoutSession.started_at.desc(), WorkoutSession.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read.begin() as session:
            return [_session_record(row, count, float(vol))
                    for row, count, vol in session.execute(query)]

    def count_sessions(self) -> int:
        with self._read.begin() as session:
            return session.scalar(select(func.count(WorkoutSession.id))
                                  .where(WorkoutSession.athlete_id == self.athlete_id)) or 0

    def count_sets(self) -> int:
        with self._read.begin() as session:
            return session.scalar(select(func.count(LoggedSet.id))) or 0

    # -- settings -------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._read.begin() as session:
            row = session.get(Setting, key)
            return default if row is None else json.loads(row.value)

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
        with self._read.begin() as session:
            return {row.key: json.loads(row.value)
                    for row in session.scalars(select(Setting).order_by(Setting.key))}

    # -- backups --------------------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        path = backups.backup_file(self.db_path, self.backups_dir, self._clock.now(), reason)
        log.info("backup written to %s", path)
        return path


def _set_record(row: LoggedSet) -> LoggedSetRecord:
    return LoggedSetRecord(
        id=row.id, uid=row.uid, session_id=row.session_id, exercise_slug=row.exercise_slug,
        set_number=row.set_number, side=row.side, reps=row.reps, load_kg=row.load_kg,
        load_unit=row.load_unit, duration_s=row.duration_s, rpe=row.rpe, tempo=row.tempo,
        descent_s=None if row.descent_s is None else tuple(json.loads(row.descent_s)),
        set_type=row.set_type, notes=row.notes, logged_at=row.logged_at,
    )


def _session_record(row: WorkoutSession, set_count: int, volume_kg: float) -> SessionRecord:
    return SessionRecord(
        id=row.id, uid=row.uid, athlete_id=row.athlete_id, started_at=row.started_at,
        ended_at=row.ended_at, program_slug=row.program_slug, program_day=row.program_day,
        title=row.title, notes=row.notes,
        readiness=None if row.readiness is None else json.loads(row.readiness),
        set_count=set_count, volume_kg=volume_kg,
    )

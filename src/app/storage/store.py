"""The log, opened: the composition root of the storage aggregates.

``Store`` opens the database and builds one of each aggregate on a shared
``LogDatabase`` (one engine, one clock, one plain-SQL reader):

- ``log``: workout sessions and their sets (app.storage.training_log);
- ``settings``: the settings' values (app.storage.settings);
- ``custom``: the athlete's own exercises and their pictures
  (app.storage.custom_exercises);
- ``coaching``: programs followed, the athlete's programs and quick notes
  (app.storage.coaching_records);
- ``backups``: the day's backup, the athlete's own, restoring one
  (app.storage.log_backups).
- ``running``: runs, the planned running week, races and body weight
  (app.storage.running).

Its methods hand each call to the aggregate that owns it, so callers keep
one object to write the log through. Each write is one short unit of work
(``with db.writing()``), returning only after SQLite has committed with
synchronous=FULL, so what a method reports as saved is on disk. Reads go to
``LogReader`` (plain SQL), one implementation of each query whether or not
the ORM is loaded. Imports are written by the exchange layer's writer through
``import_writes``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.kernel.clock import Clock, SystemClock
from app.kernel.paths import AppPaths
from app.logbook.custom_exercises import CustomExercise, StepInput
from app.logbook.entries import (
    BodyNoteRecord,
    EnrolmentRecord,
    LoggedSetRecord,
    SessionRecord,
    SetEntry,
)
from app.logbook.runs import (
    BodyWeightRecord,
    PlannedDay,
    RaceRecord,
    RunEntry,
    RunRecord,
    RunTag,
)
from app.storage.backup import BackupKind
from app.storage.coaching_records import CoachingRecords
from app.storage.custom_exercises import CustomExercises
from app.storage.database import OpenReport, open_database
from app.storage.import_writes import ImportWrites, import_transaction
from app.storage.log_backups import LogBackups, RestoreResult
from app.storage.migrations import MIGRATIONS, Migration
from app.storage.queries import LogReader
from app.storage.running import RunningRecords, RunsAdded
from app.storage.settings import StoredSettings
from app.storage.training_log import TrainingLog
from app.storage.unit_of_work import LogDatabase


class Store:
    def __init__(self, db_path: Path, backups_dir: Path, clock: Clock,
                 pictures_dir: Path | None = None) -> None:
        """Wrap a database that ``open_database`` has already checked and migrated."""
        self.db_path = db_path
        self.backups_dir = backups_dir
        self.pictures_dir = pictures_dir or db_path.parent / "pictures"
        self.reader = LogReader(db_path, self.pictures_dir)
        self.db = LogDatabase(db_path, clock, self.reader)
        self.backups = LogBackups(self.db, backups_dir)
        self.log = TrainingLog(self.db, self.backups.daily_backup)
        self.settings = StoredSettings(self.db)
        self.custom = CustomExercises(self.db, self.pictures_dir)
        self.coaching = CoachingRecords(self.db)
        self.running = RunningRecords(self.db)

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
        self.db.dispose()

    @property
    def athlete_id(self) -> int:
        return self.db.athlete_id

    def import_writes(self) -> AbstractContextManager[ImportWrites]:
        """One import's transaction (for the import writer): all of it or nothing."""
        return import_transaction(self.db, self.custom)

    # -- the training log ---------------------------------------------------

    def start_session(self, *, title: str = "", program_slug: str | None = None,
                      program_day: int | None = None, notes: str = "",
                      readiness: dict[str, Any] | None = None,
                      started_at: datetime | None = None,
                      source: str | None = None) -> SessionRecord:
        return self.log.start_session(title=title, program_slug=program_slug,
                                      program_day=program_day, notes=notes, readiness=readiness,
                                      started_at=started_at, source=source)

    def end_session(self, session_id: int, ended_at: datetime | None = None,
                    notes: str | None = None) -> None:
        self.log.end_session(session_id, ended_at, notes)

    def finish_session(self, session_id: int, ended_at: datetime | None = None) -> bool:
        return self.log.finish_session(session_id, ended_at)

    def discard_empty_sessions(self, keep: int | None = None) -> int:
        return self.log.discard_empty_sessions(keep)

    def delete_session(self, session_id: int) -> tuple[SessionRecord, list[LoggedSetRecord]]:
        return self.log.delete_session(session_id)

    def restore_session(self, record: SessionRecord, sets: Sequence[LoggedSetRecord]) -> None:
        self.log.restore_session(record, sets)

    def log_set(self, session_id: int, entry: SetEntry, *, uid: str | None = None,
                logged_at: datetime | None = None) -> LoggedSetRecord:
        return self.log.log_set(session_id, entry, uid=uid, logged_at=logged_at)

    def delete_set(self, set_id: int) -> LoggedSetRecord:
        return self.log.delete_set(set_id)

    def restore_set(self, record: LoggedSetRecord) -> None:
        self.log.restore_set(record)

    def update_set(self, set_id: int, entry: SetEntry) -> tuple[LoggedSetRecord, LoggedSetRecord]:
        return self.log.update_set(set_id, entry)

    def replace_set(self, record: LoggedSetRecord) -> None:
        self.log.replace_set(record)

    def add_session(self, started_at: datetime, ended_at: datetime | None, title: str,
                    sets: Sequence[SetEntry]) -> tuple[SessionRecord, list[LoggedSetRecord]]:
        return self.log.add_session(started_at, ended_at, title, sets)

    def add_set(self, session_id: int, entry: SetEntry) -> LoggedSetRecord:
        return self.log.add_set(session_id, entry)

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
        self.settings.set_setting(key, value)

    def all_settings(self) -> dict[str, Any]:
        return self.reader.all_settings()

    # -- custom exercises -------------------------------------------------

    def custom_exercises(self) -> list[CustomExercise]:
        return self.reader.custom_exercises()

    def save_custom_exercise(self, *, slug: str | None, name: str, equipment: Sequence[str],
                             one_side: str, category: str, level: str | None,
                             steps: Sequence[StepInput], notes: str = "",
                             based_on: str | None = None) -> CustomExercise:
        return self.custom.save_custom_exercise(
            slug=slug, name=name, equipment=equipment, one_side=one_side, category=category,
            level=level, steps=steps, notes=notes, based_on=based_on)

    def delete_custom_exercise(self, slug: str) -> None:
        self.custom.delete_custom_exercise(slug)

    # -- coaching records ---------------------------------------------------

    def enrol(self, program_slug: str, start_date: date,
              weekdays: Sequence[int], first_day: int = 1) -> EnrolmentRecord:
        return self.coaching.enrol(program_slug, start_date, weekdays, first_day)

    def restart_enrolment(self, program_slug: str, start_date: date,
                          first_day: int) -> EnrolmentRecord:
        return self.coaching.restart_enrolment(program_slug, start_date, first_day)

    def end_enrolment(self) -> None:
        self.coaching.end_enrolment()

    def add_body_note(self, *, soreness: int | None = None, run_pain: str | None = None,
                      words: str = "") -> BodyNoteRecord:
        return self.coaching.add_body_note(soreness=soreness, run_pain=run_pain, words=words)

    def save_user_program(self, slug: str | None, name: str,
                          definition: Mapping[str, Any]) -> str:
        return self.coaching.save_user_program(slug, name, definition)

    def delete_user_program(self, slug: str) -> None:
        self.coaching.delete_user_program(slug)

    # -- the running week -------------------------------------------------

    def add_runs(self, entries: Sequence[RunEntry]) -> RunsAdded:
        return self.running.add_runs(entries)

    def set_run_tag(self, run_id: int, tag: RunTag) -> RunRecord:
        return self.running.set_run_tag(run_id, tag)

    def delete_run(self, run_id: int) -> RunRecord:
        return self.running.delete_run(run_id)

    def restore_run(self, record: RunRecord) -> None:
        self.running.restore_run(record)

    def set_planned_week(self, days: Sequence[PlannedDay]) -> None:
        self.running.set_planned_week(days)

    def add_race(self, day: date, name: str) -> RaceRecord:
        return self.running.add_race(day, name)

    def delete_race(self, race_id: int) -> None:
        self.running.delete_race(race_id)

    def set_body_weight(self, day: date, kg: float) -> BodyWeightRecord:
        return self.running.set_body_weight(day, kg)

    def delete_body_weight(self, record_id: int) -> None:
        self.running.delete_body_weight(record_id)

    # -- backups --------------------------------------------------------

    def daily_backup(self) -> Path | None:
        return self.backups.daily_backup()

    def backup(self, kind: BackupKind = BackupKind.MANUAL) -> Path:
        return self.backups.backup(kind)

    def restore_backup(self, backup_path: Path,
                       on_wait: Callable[[], None] | None = None) -> RestoreResult:
        return self.backups.restore_backup(backup_path, on_wait)

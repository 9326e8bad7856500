"""Writing to the log: the storage API's unit-of-work side.

Each public method is one unit of work in one short ORM transaction
(``with Session.begin()``). Writes return only after SQLite has committed
with synchronous=FULL, so what a method reports as saved is on disk.
Reads are delegated to ``LogReader`` (plain SQL), so there is one
implementation of each query whether or not the ORM is loaded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.exchange.model import ImportedLog, ImportedSet
from app.exchange.plan import (
    IMPORT_NAMES_SETTING,
    GrownSession,
    ImportPlan,
    NoteKey,
    Tally,
    batches,
    decide,
    new_body_notes,
)
from app.exchange.reading import prefetched, sessions_of
from app.kernel.clock import Clock, SystemClock
from app.kernel.i18n import format_integer, translate
from app.kernel.paths import AppPaths
from app.logbook.custom_exercises import (
    MAX_NAME,
    CustomExercise,
    CustomExerciseError,
    StepInput,
    check_picture,
    is_picture_file_name,
    slugify,
    step_picture_error,
    validate_fields,
)
from app.logbook.entries import (
    BodyNoteRecord,
    EnrolmentRecord,
    InvalidEntryError,
    LoggedSetRecord,
    SessionRecord,
    SetEntry,
    held_from_db,
    held_to_db,
    validate_body_note,
    validate_enrolment,
)
from app.storage import backup as backups
from app.storage.database import APPLICATION_ID, OpenReport, apply_pragmas, connect, open_database
from app.storage.migrations import MIGRATIONS, Migration
from app.storage.models import (
    BodyNote,
    CustomExerciseRow,
    CustomStepRow,
    Enrolment,
    LoggedSet,
    Setting,
    UserProgram,
    WorkoutSession,
    new_uid,
)
from app.storage.queries import ImportLookup, LogReader
from app.storage.timestamps import to_db_time
from app.storage.write_lock import hold_write_lock

log = logging.getLogger(__name__)

_INSERT_SET = insert(LoggedSet)


class UnknownSessionError(LookupError):
    def __init__(self, session_id: int) -> None:
        super().__init__(translate("UnknownSessionError", "no workout session with id {id}")
                         .format(id=format_integer(session_id)))
        self.session_id = session_id


class ImportWriteError(ValueError):
    """An import the database refused; nothing of it was written."""


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    safety_backup: Path
    migrated_from: int | None


@dataclass
class ImportResult:
    sessions_added: int = 0
    sets_added: int = 0
    skipped_sessions: int = 0
    exercises_created: list[str] = field(default_factory=list)
    backup: Path | None = None
    # Of sets_added, those added to sessions already in the log (a workout
    # that gained sets since the last import), and those sessions.
    sets_added_to_existing: int = 0
    grown_sessions: int = 0
    grown: list[GrownSession] = field(default_factory=list)  # the first few, set by set
    skipped_sets: int = 0
    tally: Tally = field(default_factory=Tally)
    log: ImportedLog | None = None  # what the file held, when it was read as it was written
    body_notes_added: int = 0  # quick notes (our own JSON) the log had not got


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
                      started_at: datetime | None = None,
                      source: str | None = None) -> SessionRecord:
        if source is None:  # a session being trained, not one being imported
            self.daily_backup()
        with self._write.begin() as session:
            row = WorkoutSession(
                athlete_id=self.athlete_id,
                started_at=started_at or self._clock.now(),
                program_slug=program_slug,
                program_day=program_day,
                title=title,
                notes=notes,
                readiness=None if readiness is None else json.dumps(readiness, sort_keys=True),
                source=source,
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

    def finish_session(self, session_id: int, ended_at: datetime | None = None) -> bool:
        """End a session that was trained here; True when it is kept.

        A session that ends without a single set is not kept: its row goes,
        so it never shows in History nor counts as a program session done."""
        with self._write.begin() as session:
            row = self._get_session(session, session_id)
            last_set = session.scalar(select(LoggedSet.logged_at)
                                      .where(LoggedSet.session_id == session_id)
                                      .order_by(LoggedSet.logged_at.desc()).limit(1))
            if last_set is None:
                session.delete(row)
                return False
            # An end before the start or the last set (a session resumed from a
            # file an older version saved, the wall clock set back since) cannot
            # be true: the latest moment the log knows the session ran to is the
            # truest end there is (the database refuses one before the start).
            row.ended_at = max(ended_at or self._clock.now(), row.started_at, last_set)
            return True

    def discard_empty_sessions(self, keep: int | None = None) -> int:
        """Delete the sessions trained here that never ended and hold no set
        (all but ``keep``); returns how many. Called when a new session starts
        or a resume is declined: only one session runs at a time, so any other
        unfinished one was abandoned (a crash before its first set)."""
        with self._write.begin() as session:
            abandoned = session.scalars(
                select(WorkoutSession).where(
                    WorkoutSession.athlete_id == self.athlete_id,
                    WorkoutSession.ended_at.is_(None), WorkoutSession.source.is_(None),
                    WorkoutSession.id.is_not(keep),
                    ~select(LoggedSet.id).where(LoggedSet.session_id == WorkoutSession.id)
                    .exists())).all()
            for row in abandoned:
                session.delete(row)
            return len(abandoned)

    def delete_session(self, session_id: int) -> tuple[SessionRecord, list[LoggedSetRecord]]:
        """Delete a session and its sets; returns what was deleted, for an undo."""
        with self._write.begin() as session:
            row = self._get_session(session, session_id)
            # Read inside the write transaction: what is returned is exactly what goes.
            sets = [_set_record(s) for s in row.sets]
            record = _session_record(row, len(sets), _volume(sets))
            session.delete(row)
        return record, sets

    def restore_session(self, record: SessionRecord, sets: Sequence[LoggedSetRecord]) -> None:
        """Put back a deleted session with its sets, ids and uids as they were (undo)."""
        with self._write.begin() as session:
            session.add(WorkoutSession(
                id=record.id, uid=record.uid, athlete_id=record.athlete_id,
                started_at=record.started_at, ended_at=record.ended_at,
                program_slug=record.program_slug, program_day=record.program_day,
                title=record.title, notes=record.notes,
                readiness=None if record.readiness is None
                else json.dumps(record.readiness, sort_keys=True),
                source=record.source))
            session.flush()
            session.add_all(_set_row(s) for s in sets)

    @staticmethod
    def _get_session(session: Session, session_id: int) -> WorkoutSession:
        row = session.get(WorkoutSession, session_id)
        if row is None:
            raise UnknownSessionError(session_id)
        return row

    # -- sets -----------------------------------------------------------

    def log_set(self, session_id: int, entry: SetEntry, *, uid: str | None = None,
                logged_at: datetime | None = None) -> LoggedSetRecord:
        """Store one set. When this returns, the set is committed to disk.

        ``uid`` is the set's identity when the caller made one (a session
        makes it when the set finishes): a set with that uid already stored is
        the same set written again (a retry, a resume after a kill), so it is
        returned as stored and nothing is written. ``logged_at``: when the set
        was done, by the session's clock; else now.

        The hot path, measured against a bare sqlite3 insert: a Core insert
        into the declarative table, in one short write transaction, costs
        about half of an ORM unit of work (identity map, flush, events) and
        stores exactly the same row.
        """
        uid = uid or new_uid()
        logged_at = logged_at or self._clock.now()
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
            "distance_m": entry.distance_m,
            "rest_s": entry.rest_s,
            "rir": entry.rir,
            "descent_held": held_to_db(entry.descent_held),
        }
        try:
            with self._write_engine.begin() as connection:
                result = connection.execute(_INSERT_SET, values)
                set_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        except IntegrityError as exc:
            # The constraints the validators cannot see: the set's identity
            # (the UNIQUE uid: this set is stored already, and stays as it
            # was) and the session link. (A plain insert, not ON CONFLICT DO
            # NOTHING: SQLAlchemy caches its compiled form, half the time of
            # the hot path; a set written twice is rare.)
            with self._read.begin() as session:
                stored = session.scalars(select(LoggedSet).where(LoggedSet.uid == uid)).first()
                if stored is not None:
                    return _set_record(stored)
            if not self._session_exists(session_id):
                raise UnknownSessionError(session_id) from exc
            raise
        return LoggedSetRecord(
            id=set_id, uid=uid, session_id=session_id,
            exercise_slug=entry.exercise_slug, set_number=entry.set_number, side=entry.side,
            reps=entry.reps, load_kg=entry.load_kg, load_unit=entry.load_unit,
            duration_s=entry.duration_s, rpe=entry.rpe, tempo=entry.tempo,
            descent_s=entry.descent_s, set_type=entry.set_type, notes=entry.notes,
            logged_at=logged_at, distance_m=entry.distance_m, rest_s=entry.rest_s,
            rir=entry.rir, descent_held=entry.descent_held,
        )

    def _session_exists(self, session_id: int) -> bool:
        with self._read.begin() as session:
            return session.get(WorkoutSession, session_id) is not None

    def delete_set(self, set_id: int) -> LoggedSetRecord:
        """Delete one set; returns it as it was, for an undo."""
        with self._write.begin() as session:
            row = self._get_set(session, set_id)
            record = _set_record(row)
            session.delete(row)
        return record

    def restore_set(self, record: LoggedSetRecord) -> None:
        """Put back a deleted set with its id, uid and times (undo)."""
        with self._write.begin() as session:
            if session.get(WorkoutSession, record.session_id) is None:
                raise UnknownSessionError(record.session_id)
            session.add(_set_row(record))

    def update_set(self, set_id: int, entry: SetEntry) -> tuple[LoggedSetRecord, LoggedSetRecord]:
        """Correct a logged set; returns (before, after). Its identity and
        logging time stay: a correction is not a new set."""
        with self._write.begin() as session:
            row = self._get_set(session, set_id)
            before = _set_record(row)
            row.exercise_slug, row.set_number, row.side = (entry.exercise_slug, entry.set_number,
                                                           entry.side)
            row.reps, row.load_kg, row.load_unit = entry.reps, entry.load_kg, entry.load_unit
            row.duration_s, row.rpe, row.tempo = entry.duration_s, entry.rpe, entry.tempo
            row.descent_s = None if entry.descent_s is None else json.dumps(list(entry.descent_s))
            row.set_type, row.notes = entry.set_type, entry.notes
            row.distance_m, row.rest_s = entry.distance_m, entry.rest_s
            row.rir, row.descent_held = entry.rir, held_to_db(entry.descent_held)
            session.flush()
            after = _set_record(row)
        return before, after

    def replace_set(self, record: LoggedSetRecord) -> None:
        """Write every value of ``record`` back over the set with its id (undo of an edit)."""
        with self._write.begin() as session:
            row = self._get_set(session, record.id)
            for column, value in _set_values(record).items():
                setattr(row, column, value)

    # -- sessions and sets entered by hand (History) --------------------------

    def add_session(self, started_at: datetime, ended_at: datetime | None, title: str,
                    sets: Sequence[SetEntry]) -> tuple[SessionRecord, list[LoggedSetRecord]]:
        """A past session entered by hand, with its sets, in one transaction.

        Refused (InvalidEntryError naming the field): no set (an empty session
        is never kept), a start later than now, an end before the start or
        later than now. Each set's logging time is the session's start, as for
        an imported session: the log does not know when each set was done, and
        records and charts must place the sets at their session, not at the
        moment they were typed in."""
        check_session_times(started_at, ended_at, self._clock.now())
        if not sets:
            raise InvalidEntryError("sets", translate("Store", "add at least one set"),
                                    translate("Store", "sets"))
        with self._write.begin() as session:
            row = WorkoutSession(athlete_id=self.athlete_id, started_at=started_at,
                                 ended_at=ended_at, title=title.strip(), notes="")
            session.add(row)
            session.flush()
            rows = [LoggedSet(**_set_values(_entry_record(entry, row.id, started_at)))
                    for entry in sets]
            session.add_all(rows)
            session.flush()
            records = [_set_record(r) for r in rows]
            return _session_record(row, len(records), _volume(records)), records

    def add_set(self, session_id: int, entry: SetEntry) -> LoggedSetRecord:
        """Add a forgotten set to a logged session. It takes the time of the
        session's last set (or its start): the set belongs to that session's
        place on every timeline, not to the moment it was typed in."""
        with self._write.begin() as session:
            parent = self._get_session(session, session_id)
            last = session.scalar(select(LoggedSet.logged_at)
                                  .where(LoggedSet.session_id == session_id)
                                  .order_by(LoggedSet.logged_at.desc()).limit(1))
            row = LoggedSet(**_set_values(_entry_record(entry, session_id,
                                                        last or parent.started_at)))
            session.add(row)
            session.flush()
            return _set_record(row)

    @staticmethod
    def _get_set(session: Session, set_id: int) -> LoggedSet:
        row = session.get(LoggedSet, set_id)
        if row is None:
            raise LookupError(translate("Store", "no logged set with id {id}")
                              .format(id=format_integer(set_id)))
        return row

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
                        raise _no_custom_exercise(slug)
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
                raise _no_custom_exercise(slug)
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
            raise step_picture_error(number, exc.message) from exc
        self.pictures_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.pictures_dir / f"{uuid.uuid4().hex}.{kind}"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        copied.append(target)
        with os.fdopen(fd, "wb") as out, picture.open("rb") as source:
            shutil.copyfileobj(source, out)
            out.flush()
            os.fsync(out.fileno())
        return target.name

    def _imported_picture(self, name: str | None, claimed: set[str],
                          copied: list[Path]) -> str | None:
        """A picture travels only by name: kept where the file is here, as this
        exercise's own. A file another exercise has (or an earlier one of this
        import) is copied, never shared: deleting one exercise must never take
        another's picture (a crafted file once made one point at another's)."""
        if name is None or not is_picture_file_name(name) or not (self.pictures_dir / name).is_file():
            return None
        if name in claimed:
            try:
                copy = self._store_picture(self.pictures_dir / name, 1, set(), copied)
            except CustomExerciseError:  # not a picture after all: the step goes without
                return None
            if copy is None:
                return None
            name = copy
        claimed.add(name)
        return name

    def _remove_pictures(self, names: set[str]) -> None:
        """Delete the pictures an exercise let go of, but never one another
        exercise still shows (a log a crafted import left sharing a file)."""
        if not names:
            return
        with self._write.begin() as session:
            in_use = _pictures_in_use(session)
        for name in names - in_use:
            (self.pictures_dir / name).unlink(missing_ok=True)

    # -- programs --------------------------------------------------------

    def enrol(self, program_slug: str, start_date: date,
              weekdays: Sequence[int], first_day: int = 1) -> EnrolmentRecord:
        """Follow ``program_slug`` from ``start_date`` on ``weekdays`` (0 = Monday),
        beginning at its session ``first_day`` (a restart after a layoff begins
        part-way through); the program followed until now, if any, ends in the
        same transaction."""
        days = tuple(sorted(weekdays))
        validate_enrolment(program_slug, start_date, days, first_day)
        now = self._clock.now()
        with self._write.begin() as session:
            for row in session.scalars(select(Enrolment).where(Enrolment.ended_at.is_(None))):
                row.ended_at = now
            session.flush()  # the old one ends before the new one takes its place
            row = Enrolment(athlete_id=self.athlete_id, program_slug=program_slug,
                            start_date=start_date.isoformat(), weekdays=json.dumps(list(days)),
                            created_at=now, first_day=first_day)
            session.add(row)
            session.flush()
            return _enrolment_record(row)

    def restart_enrolment(self, program_slug: str, start_date: date,
                          first_day: int) -> EnrolmentRecord:
        """The restart after a layoff (app.usecases.today.Restart): the program followed
        begins again on ``start_date`` at its session ``first_day``, on the same
        weekdays, as a new enrolment (the old one ends; its sessions stay in the
        log). Done again for the same day and session it changes nothing, so
        starting the restarted session twice stores one restart. LookupError
        when ``program_slug`` is not the program followed (it changed meanwhile)."""
        active = self.reader.active_enrolment()
        if active is None or active.program_slug != program_slug:
            raise LookupError(f"not following {program_slug!r}: nothing to restart")
        if active.start_date == start_date and active.first_day == first_day:
            return active
        return self.enrol(program_slug, start_date, active.weekdays, first_day)

    # -- quick notes -------------------------------------------------------

    def add_body_note(self, *, soreness: int | None = None, run_pain: str | None = None,
                      words: str = "") -> BodyNoteRecord:
        """A quick note on how the body feels, now. What the athlete left out
        is stored as NULL, never as a 0; a note with nothing in it is refused."""
        words = validate_body_note(soreness, run_pain, words)
        with self._write.begin() as session:
            row = BodyNote(athlete_id=self.athlete_id, noted_at=self._clock.now(),
                           soreness=soreness, run_pain=None if run_pain is None else str(run_pain),
                           words=words)
            session.add(row)
            session.flush()
            return BodyNoteRecord(id=row.id, uid=row.uid, noted_at=row.noted_at,
                                  soreness=row.soreness, run_pain=row.run_pain, words=row.words)

    def end_enrolment(self) -> None:
        """Stop following the current program (its sessions stay in the log)."""
        with self._write.begin() as session:
            for row in session.scalars(select(Enrolment).where(Enrolment.ended_at.is_(None))):
                row.ended_at = self._clock.now()

    def save_user_program(self, slug: str | None, name: str,
                          definition: Mapping[str, Any]) -> str:
        """Add (``slug`` None) or replace one of the athlete's programs; returns its
        slug. ``definition`` must already be checked by the program loader."""
        name = name.strip()
        if not name:
            raise InvalidEntryError("name", translate("Store", "give the program a name"))
        encoded = json.dumps(definition, sort_keys=True)
        now = self._clock.now()
        with self._write.begin() as session:
            if slug is None:
                base = "my-" + (slugify(name).removeprefix("custom-") or "program")
                taken = set(session.scalars(select(UserProgram.slug)
                                            .where(UserProgram.slug.like(f"{base}%"))))
                slug, n = base, 2
                while slug in taken:
                    slug, n = f"{base}-{n}", n + 1
                session.add(UserProgram(slug=slug, name=name, definition=encoded, created_at=now,
                                        updated_at=now))
            else:
                row = session.scalar(select(UserProgram).where(UserProgram.slug == slug))
                if row is None:
                    raise _no_program(slug)
                row.name, row.definition, row.updated_at = name, encoded, now
        return slug

    def delete_user_program(self, slug: str) -> None:
        with self._write.begin() as session:
            row = session.scalar(select(UserProgram).where(UserProgram.slug == slug))
            if row is None:
                raise _no_program(slug)
            session.delete(row)

    # -- imports ----------------------------------------------------------

    def apply_import(self, plan: ImportPlan, remember: Mapping[str, str] | None = None, *,
                     lock_held: bool = False,
                     on_wait: Callable[[], None] | None = None) -> ImportResult:
        """Write ``plan`` in one transaction: everything or, on any error, nothing.

        A backup is made first (when there is something to add). Exercise
        names mapped to None become custom exercises; ``remember`` (normalised
        source name -> slug) is merged into the names the next import matches.

        Every import runs under the log's write lock (app.storage.write_lock),
        the window's and the command line's alike, so two take turns, and
        everything is matched again against the log as it is once the lock is
        held: a plan made before another import wrote the same file finds its
        sessions, custom exercises and settings there (issue 15 point 13: the
        window's import wrote them again, UNIQUE constraint failed). The lock
        may be waited for: call this off the UI thread. ``lock_held``: the
        caller holds it already (a process taking it twice waits for itself);
        ``on_wait`` is told once when another process holds it.
        """
        with contextlib.nullcontext() if lock_held else hold_write_lock(self.db_path, on_wait):
            return self._apply_import(plan, remember)

    def _apply_import(self, plan: ImportPlan,
                      remember: Mapping[str, str] | None) -> ImportResult:
        result = ImportResult(skipped_sessions=plan.skipped_sessions)
        if plan.body_notes is None and plan.log.body_notes:
            # The file's quick notes, compared with the log before deciding on a
            # backup: the same export imported again adds nothing, not even one.
            with self._read() as reading:
                plan = dataclasses.replace(plan, body_notes=new_body_notes(
                    plan.log.body_notes, _body_note_keys(reading, self.athlete_id)))
        if plan.is_empty and not remember:
            return result
        if not plan.is_empty:
            result.backup = self.backup(backups.BackupKind.BEFORE_IMPORT)
        now = self._clock.now()
        source = None if plan.log.family == "hamstride" else plan.log.family
        # Written into the log in the athlete's language: from then on they are their notes.
        made_by_import = translate("Store", "Added by an import from {source}.").format(
            source=plan.log.label)
        imported_step = translate("Store", "Imported exercise: edit it to add your own steps.")
        copied: list[Path] = []  # pictures copied for an imported exercise, removed on failure
        written = False
        try:
            with self._write.begin() as session:
                connection = session.connection()
                slug_of = plan.slug_of()
                created: dict[str, str] = {}

                def slug_for(name: str) -> str:
                    """The slug a set of ``name`` is written with: a custom exercise
                    is made for a name mapped to none, when its first set is added."""
                    slug = slug_of(name)
                    if slug is not None:
                        return slug
                    if name not in created:
                        row = CustomExerciseRow(
                            slug=self._free_slug(session, slugify(name)),
                            name=name[:MAX_NAME].strip(),
                            equipment=json.dumps(["bodyweight"]), one_side="no",
                            category="strength", level=None, notes=made_by_import,
                            based_on=None, created_at=now, updated_at=now)
                        row.steps.append(CustomStepRow(position=1, text=imported_step))
                        session.add(row)
                        session.flush()
                        created[name] = row.slug
                        result.exercises_created.append(name)
                    return created[name]
                claimed = _pictures_in_use(session) if plan.custom_exercises else set()
                there = set(session.scalars(select(CustomExerciseRow.slug))) \
                    if plan.custom_exercises else set()
                for exercise in plan.custom_exercises:
                    if exercise.slug in there:  # imported since the plan was made
                        continue
                    row = CustomExerciseRow(
                        slug=exercise.slug, name=exercise.name,
                        equipment=json.dumps(list(exercise.equipment)), one_side=exercise.one_side,
                        category=exercise.category, level=exercise.level, notes=exercise.notes,
                        based_on=exercise.based_on, created_at=now, updated_at=now)
                    for position, (text, picture) in enumerate(exercise.steps, start=1):
                        kept = self._imported_picture(picture, claimed, copied)
                        row.steps.append(CustomStepRow(position=position, text=text, picture=kept))
                    session.add(row)
                    result.exercises_created.append(exercise.name)
                # The file is read again, a batch of sessions at a time, each decided
                # against the log as it now is (issue 15: a million rows held at once
                # took 980 MB); the one transaction keeps the import all or nothing.
                execute = connection.exec_driver_sql
                # A big import touches every index of logged_set on each insert: with
                # SQLite's 2 MB page cache a million sets took twice as long.
                execute(f"PRAGMA cache_size = {_IMPORT_CACHE_KIB}")
                lookup = ImportLookup(execute)
                added: dict[str, int | None] = {}
                tally = result.tally
                # Ids are given here, so a batch's sessions go in with one statement,
                # as its sets do: a statement each took 7 s of a million-row import
                # (each one waits its turn for the interpreter behind the reading
                # thread). The transaction began IMMEDIATE: no one else adds a session.
                next_id = int(execute("SELECT COALESCE(MAX(id), 0) FROM workout_session")
                              .scalar_one()) + 1

                def read(log: ImportedLog) -> None:
                    result.log = log

                for batch in prefetched(batches(sessions_of(plan.log, read))):
                    sessions: dict[int, list[Any]] = {}
                    rows: list[tuple[Any, ...]] = []
                    for decision in decide(batch, plan.log, slug_of, lookup, added):
                        tally.count(decision)
                        imported = decision.session
                        target = decision.target
                        if target is None and decision.session.continued:
                            target = added.get(decision.uid)
                        if target is None:
                            target, next_id = next_id, next_id + 1
                            sessions[target] = [
                                target, decision.uid, self.athlete_id,
                                _db_time(imported.started_at), _db_time(imported.ended_at),
                                imported.program_slug, imported.program_day, imported.title,
                                imported.notes, None if imported.readiness is None
                                else json.dumps(imported.readiness, sort_keys=True),
                                imported.source if source is None else source]
                            added[decision.uid] = target
                        elif decision.new and imported.continued:
                            # FitNotes titles a day by the categories trained: a later
                            # part of the day may bring one more.
                            if target in sessions:
                                sessions[target][_TITLE] = imported.title
                            else:
                                execute("UPDATE workout_session SET title = ? WHERE id = ?",
                                        (imported.title, target))
                        started = _db_time(imported.started_at)
                        rows.extend(_imported_set_row(s, uid, target, started, slug_for(s.exercise))
                                    for s, uid in decision.sets)
                    if sessions:
                        execute(_INSERT_SESSION_SQL, [tuple(row) for row in sessions.values()])
                    if rows:
                        execute(_INSERT_SET_SQL, rows)
                execute("PRAGMA cache_size = -2000")  # SQLite's default again
                result.sessions_added = tally.new_sessions
                result.sets_added = tally.sets_added
                result.sets_added_to_existing = tally.grown_sets
                result.grown_sessions = tally.grown_sessions
                result.grown = list(tally.grown)
                result.skipped_sessions = tally.skipped_sessions
                result.skipped_sets = tally.skipped_sets
                if plan.body_notes:
                    # Decided again in the transaction (a plan may be older than the log).
                    fresh = new_body_notes(plan.body_notes,
                                           _body_note_keys(session, self.athlete_id))
                    uids = set(session.scalars(select(BodyNote.uid)))
                    for note in fresh:
                        note_row = BodyNote(athlete_id=self.athlete_id, noted_at=note.noted_at,
                                            soreness=note.soreness, run_pain=note.run_pain,
                                            words=note.words)
                        if note.uid not in uids:  # else a new one (an export edited by hand)
                            note_row.uid = note.uid
                            uids.add(note.uid)
                        session.add(note_row)
                    result.body_notes_added = len(fresh)
                for key, value in plan.settings.items():
                    if session.get(Setting, key) is not None:  # set since the plan was made
                        continue
                    session.add(Setting(key=key, value=json.dumps(value, sort_keys=True),
                                        updated_at=now))
                if remember:
                    known = self.reader.get_setting(IMPORT_NAMES_SETTING, {})
                    known = dict(known) if isinstance(known, dict) else {}
                    known.update(remember)
                    names_row = session.get(Setting, IMPORT_NAMES_SETTING)
                    encoded = json.dumps(known, sort_keys=True)
                    if names_row is None:
                        session.add(Setting(key=IMPORT_NAMES_SETTING, value=encoded, updated_at=now))
                    else:
                        names_row.value, names_row.updated_at = encoded, now
            written = True
        except IntegrityError as exc:
            # The rule is the database's own words (a constraint's name).
            raise ImportWriteError(translate("Store", "{file}: nothing was imported: the data "
                                                      "breaks a rule of the log ({rule})")
                                   .format(file=plan.log.path.name, rule=exc.orig)) from exc
        finally:
            if not written:
                for path in copied:
                    path.unlink(missing_ok=True)
        return result

    # -- backups --------------------------------------------------------

    def daily_backup(self) -> Path | None:
        """The day's backup, at its first session; None when there is one already.

        A failed backup is logged and does not stop the session: training
        must go on, and the next session tries again."""
        if not backups.daily_backup_due(self.backups_dir, self._clock.now()):
            return None
        try:
            return self.backup(backups.BackupKind.DAILY)
        except (OSError, sqlite3.Error) as exc:
            log.warning("daily backup failed: %s", exc)
            return None

    def restore_backup(self, backup_path: Path,
                       on_wait: Callable[[], None] | None = None) -> RestoreResult:
        """Make the log what ``backup_path`` holds, after backing up the log as it is.

        The backup is checked first (a Hamstride database, sound, not from a
        newer version); if it is older, it is migrated once restored. The
        copy and its upgrade run under the log's write lock, as an import
        does: a command-line import between the two would otherwise write
        into a log about to be migrated, or be overwritten by the copy.
        ``on_wait`` is told when another process holds the lock.
        """
        backups.check_backup(backup_path, MIGRATIONS[-1].version, APPLICATION_ID)
        with hold_write_lock(self.db_path, on_wait):
            safety = self.backup(backups.BackupKind.BEFORE_RESTORE)
            self._engine.dispose()  # no pooled connection keeps a read snapshot of the old log
            connection = connect(self.db_path)
            try:
                backups.copy_into(backup_path, connection)
            finally:
                connection.close()
            report = open_database(self.db_path, self.backups_dir,
                                   self.db_path.parent / "damaged", self._clock.now(),
                                   lock_held=True)
        self.athlete_id = self.reader.athlete_id = self.reader.first_athlete()
        log.info("restored %s (safety copy %s)", backup_path, safety)
        return RestoreResult(restored=backup_path, safety_backup=safety,
                             migrated_from=report.migrated_from)

    def backup(self, kind: backups.BackupKind = backups.BackupKind.MANUAL) -> Path:
        path = backups.backup_file(self.db_path, self.backups_dir, self._clock.now(), kind)
        log.info("backup written to %s", path)
        return path


def _body_note_keys(session: Session, athlete_id: int) -> set[NoteKey]:
    """What the athlete's quick notes say, each with its time (ImportedBodyNote.key)."""
    return {(noted_at, soreness, run_pain, words) for noted_at, soreness, run_pain, words
            in session.execute(select(BodyNote.noted_at, BodyNote.soreness, BodyNote.run_pain,
                                      BodyNote.words).where(BodyNote.athlete_id == athlete_id))}


def _pictures_in_use(session: Session) -> set[str]:
    """The picture files the custom exercises' steps show."""
    return {name for name in session.scalars(select(CustomStepRow.picture)) if name}


def _no_custom_exercise(slug: str) -> LookupError:
    return LookupError(translate("store", "no custom exercise {slug}").format(slug=repr(slug)))


def _no_program(slug: str) -> LookupError:
    return LookupError(translate("store", "no program of yours called {slug}").format(slug=repr(slug)))


def _session_record(row: WorkoutSession, set_count: int, volume_kg: float) -> SessionRecord:
    return SessionRecord(
        id=row.id, uid=row.uid, athlete_id=row.athlete_id, started_at=row.started_at,
        ended_at=row.ended_at, program_slug=row.program_slug, program_day=row.program_day,
        title=row.title, notes=row.notes,
        readiness=None if row.readiness is None else json.loads(row.readiness),
        set_count=set_count, volume_kg=volume_kg, source=row.source,
    )


def _enrolment_record(row: Enrolment) -> EnrolmentRecord:
    return EnrolmentRecord(
        id=row.id, uid=row.uid, program_slug=row.program_slug,
        start_date=date.fromisoformat(row.start_date), weekdays=tuple(json.loads(row.weekdays)),
        created_at=row.created_at, ended_at=row.ended_at, first_day=row.first_day)


# An import writes through the driver (a million sets through the ORM's
# statement building took 12 s more); the values are those the ORM would bind.
_IMPORT_CACHE_KIB = -64 * 1024  # negative: in KiB (64 MB), as PRAGMA cache_size takes it
_INSERT_SESSION_SQL = (
    "INSERT INTO workout_session (id, uid, athlete_id, started_at, ended_at, program_slug, "
    "program_day, title, notes, readiness, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_TITLE = 7  # the title's place in those values
_INSERT_SET_SQL = (
    "INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, reps, load_kg, "
    "load_unit, duration_s, rpe, tempo, descent_s, set_type, notes, logged_at, distance_m, "
    "rest_s, rir, descent_held) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _db_time(moment: datetime | None) -> str | None:
    return None if moment is None else to_db_time(moment)


def _imported_set_row(s: ImportedSet, uid: str, session_id: int, started_at: str | None,
                      slug: str) -> tuple[Any, ...]:
    return (
        uid, session_id, slug, s.set_number, s.side, s.reps, s.load_kg, s.load_unit,
        s.duration_s, s.rpe, s.tempo,
        None if s.descent_s is None else json.dumps(list(s.descent_s)),
        s.set_type, s.notes,
        # Other apps do not say when each set was done; the session's start
        # keeps the sets in their session's place on any timeline.
        started_at if s.logged_at is None else _db_time(s.logged_at),
        s.distance_m, s.rest_s, s.rir, held_to_db(s.descent_held))


def check_session_times(started_at: datetime, ended_at: datetime | None, now: datetime) -> None:
    """A session entered by hand happened: it starts and ends no later than
    now, and ends no earlier than it starts."""
    if started_at.tzinfo is None or (ended_at is not None and ended_at.tzinfo is None):
        raise ValueError("session times must be aware datetimes")
    if started_at > now:
        raise InvalidEntryError("start", translate("Store", "is later than now"),
                                translate("Store", "start"))
    if ended_at is not None and ended_at < started_at:
        raise InvalidEntryError("duration", translate("Store", "cannot be negative"))
    if ended_at is not None and ended_at > now:
        raise InvalidEntryError("duration", translate("Store", "would end the session later "
                                                               "than now"))


def _entry_record(entry: SetEntry, session_id: int, logged_at: datetime) -> LoggedSetRecord:
    """The set ``entry`` as a record to insert (id 0: the database gives it one).
    Every field the entry shares with a stored set is carried by name, so a
    field added to both is written here too."""
    shared = {f.name: getattr(entry, f.name) for f in dataclasses.fields(LoggedSetRecord)
              if f.name not in ("id", "uid", "session_id", "logged_at") and hasattr(entry, f.name)}
    return LoggedSetRecord(id=0, uid=new_uid(), session_id=session_id, logged_at=logged_at,
                           **shared)


def _set_values(record: LoggedSetRecord) -> dict[str, Any]:
    return {
        "uid": record.uid, "session_id": record.session_id,
        "exercise_slug": record.exercise_slug, "set_number": record.set_number,
        "side": record.side, "reps": record.reps, "load_kg": record.load_kg,
        "load_unit": record.load_unit, "duration_s": record.duration_s, "rpe": record.rpe,
        "tempo": record.tempo,
        "descent_s": None if record.descent_s is None else json.dumps(list(record.descent_s)),
        "set_type": record.set_type, "notes": record.notes, "logged_at": record.logged_at,
        "distance_m": record.distance_m, "rest_s": record.rest_s,
        "rir": record.rir, "descent_held": held_to_db(record.descent_held),
    }


def _set_row(record: LoggedSetRecord) -> LoggedSet:
    return LoggedSet(id=record.id, **_set_values(record))


def _set_record(row: LoggedSet) -> LoggedSetRecord:
    return LoggedSetRecord(
        id=row.id, uid=row.uid, session_id=row.session_id, exercise_slug=row.exercise_slug,
        set_number=row.set_number, side=row.side, reps=row.reps, load_kg=row.load_kg,
        load_unit=row.load_unit, duration_s=row.duration_s, rpe=row.rpe, tempo=row.tempo,
        descent_s=None if row.descent_s is None else tuple(json.loads(row.descent_s)),
        set_type=row.set_type, notes=row.notes, logged_at=row.logged_at,
        distance_m=row.distance_m, rest_s=row.rest_s,
        rir=row.rir, descent_held=held_from_db(row.descent_held),
    )


def _volume(sets: Sequence[LoggedSetRecord]) -> float:
    """Reps x kg, as the History list sums it (assistance counts as nothing)."""
    return sum((s.reps or 0) * max(s.load_kg or 0.0, 0.0) for s in sets)


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

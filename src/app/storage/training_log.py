"""The training log aggregate: workout sessions and their sets.

Starting, ending, finishing and discarding sessions; logging a set as it is
done; deleting and restoring (undo), correcting, and entering past sessions
and forgotten sets by hand. Each method is one short unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.kernel.i18n import format_integer, translate
from app.logbook.entries import (
    InvalidEntryError,
    LoggedSetRecord,
    SessionRecord,
    SetEntry,
    held_to_db,
)
from app.storage import rows
from app.storage.models import LoggedSet, WorkoutSession, new_uid
from app.storage.unit_of_work import LogDatabase

_INSERT_SET = insert(LoggedSet)


class UnknownSessionError(LookupError):
    def __init__(self, session_id: int) -> None:
        super().__init__(translate("UnknownSessionError", "no workout session with id {id}")
                         .format(id=format_integer(session_id)))
        self.session_id = session_id


class TrainingLog:
    def __init__(self, db: LogDatabase, daily_backup: Callable[[], object]) -> None:
        """``daily_backup`` runs before a session trained here starts (the day's first)."""
        self._db = db
        self._daily_backup = daily_backup

    # -- sessions -------------------------------------------------------

    def start_session(self, *, title: str = "", program_slug: str | None = None,
                      program_day: int | None = None, notes: str = "",
                      readiness: dict[str, Any] | None = None,
                      started_at: datetime | None = None,
                      source: str | None = None) -> SessionRecord:
        if source is None:  # a session being trained, not one being imported
            self._daily_backup()
        with self._db.writing() as session:
            row = WorkoutSession(
                athlete_id=self._db.athlete_id,
                started_at=started_at or self._db.now(),
                program_slug=program_slug,
                program_day=program_day,
                title=title,
                notes=notes,
                readiness=rows.readiness_to_db(readiness),
                source=source,
            )
            session.add(row)
            session.flush()
            return rows.session_record_of(row, 0, 0.0)

    def end_session(self, session_id: int, ended_at: datetime | None = None,
                    notes: str | None = None) -> None:
        with self._db.writing() as session:
            row = _get_session(session, session_id)
            row.ended_at = ended_at or self._db.now()
            if notes is not None:
                row.notes = notes

    def finish_session(self, session_id: int, ended_at: datetime | None = None) -> bool:
        """End a session that was trained here; True when it is kept.

        A session that ends without a single set is not kept: its row goes,
        so it never shows in History nor counts as a program session done."""
        with self._db.writing() as session:
            row = _get_session(session, session_id)
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
            row.ended_at = max(ended_at or self._db.now(), row.started_at, last_set)
            return True

    def discard_empty_sessions(self, keep: int | None = None) -> int:
        """Delete the sessions trained here that never ended and hold no set
        (all but ``keep``); returns how many. Called when a new session starts
        or a resume is declined: only one session runs at a time, so any other
        unfinished one was abandoned (a crash before its first set)."""
        with self._db.writing() as session:
            abandoned = session.scalars(
                select(WorkoutSession).where(
                    WorkoutSession.athlete_id == self._db.athlete_id,
                    WorkoutSession.ended_at.is_(None), WorkoutSession.source.is_(None),
                    WorkoutSession.id.is_not(keep),
                    ~select(LoggedSet.id).where(LoggedSet.session_id == WorkoutSession.id)
                    .exists())).all()
            for row in abandoned:
                session.delete(row)
            return len(abandoned)

    def delete_session(self, session_id: int) -> tuple[SessionRecord, list[LoggedSetRecord]]:
        """Delete a session and its sets; returns what was deleted, for an undo."""
        with self._db.writing() as session:
            row = _get_session(session, session_id)
            # Read inside the write transaction: what is returned is exactly what goes.
            sets = [rows.set_record_of(s) for s in row.sets]
            record = rows.session_record_of(row, len(sets), _volume(sets))
            session.delete(row)
        return record, sets

    def restore_session(self, record: SessionRecord, sets: Sequence[LoggedSetRecord]) -> None:
        """Put back a deleted session with its sets, ids and uids as they were (undo)."""
        with self._db.writing() as session:
            session.add(WorkoutSession(
                id=record.id, uid=record.uid, athlete_id=record.athlete_id,
                started_at=record.started_at, ended_at=record.ended_at,
                program_slug=record.program_slug, program_day=record.program_day,
                title=record.title, notes=record.notes,
                readiness=rows.readiness_to_db(record.readiness), source=record.source))
            session.flush()
            session.add_all(_set_row(s) for s in sets)

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
        stores exactly the same row. (Its values are spelt out rather than
        built by rows.entry_record: walking the dataclass fields costs more
        than the insert's own Python.)
        """
        uid = uid or new_uid()
        logged_at = logged_at or self._db.now()
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
            "descent_s": rows.descent_to_db(entry.descent_s),
            "set_type": entry.set_type,
            "notes": entry.notes,
            "logged_at": logged_at,
            "distance_m": entry.distance_m,
            "rest_s": entry.rest_s,
            "rir": entry.rir,
            "descent_held": held_to_db(entry.descent_held),
        }
        try:
            with self._db.write_connection() as connection:
                result = connection.execute(_INSERT_SET, values)
                set_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        except IntegrityError as exc:
            # The constraints the validators cannot see: the set's identity
            # (the UNIQUE uid: this set is stored already, and stays as it
            # was) and the session link. (A plain insert, not ON CONFLICT DO
            # NOTHING: SQLAlchemy caches its compiled form, half the time of
            # the hot path; a set written twice is rare.)
            with self._db.reading() as session:
                stored = session.scalars(select(LoggedSet).where(LoggedSet.uid == uid)).first()
                if stored is not None:
                    return rows.set_record_of(stored)
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
        with self._db.reading() as session:
            return session.get(WorkoutSession, session_id) is not None

    def delete_set(self, set_id: int) -> LoggedSetRecord:
        """Delete one set; returns it as it was, for an undo."""
        with self._db.writing() as session:
            row = _get_set(session, set_id)
            record = rows.set_record_of(row)
            session.delete(row)
        return record

    def restore_set(self, record: LoggedSetRecord) -> None:
        """Put back a deleted set with its id, uid and times (undo)."""
        with self._db.writing() as session:
            if session.get(WorkoutSession, record.session_id) is None:
                raise UnknownSessionError(record.session_id)
            session.add(_set_row(record))

    def update_set(self, set_id: int, entry: SetEntry) -> tuple[LoggedSetRecord, LoggedSetRecord]:
        """Correct a logged set; returns (before, after). Its identity and
        logging time stay: a correction is not a new set."""
        with self._db.writing() as session:
            row = _get_set(session, set_id)
            before = rows.set_record_of(row)
            row.exercise_slug, row.set_number, row.side = (entry.exercise_slug, entry.set_number,
                                                           entry.side)
            row.reps, row.load_kg, row.load_unit = entry.reps, entry.load_kg, entry.load_unit
            row.duration_s, row.rpe, row.tempo = entry.duration_s, entry.rpe, entry.tempo
            row.descent_s = rows.descent_to_db(entry.descent_s)
            row.set_type, row.notes = entry.set_type, entry.notes
            row.distance_m, row.rest_s = entry.distance_m, entry.rest_s
            row.rir, row.descent_held = entry.rir, held_to_db(entry.descent_held)
            session.flush()
            after = rows.set_record_of(row)
        return before, after

    def replace_set(self, record: LoggedSetRecord) -> None:
        """Write every value of ``record`` back over the set with its id (undo of an edit)."""
        with self._db.writing() as session:
            row = _get_set(session, record.id)
            for column, value in rows.set_values(record).items():
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
        check_session_times(started_at, ended_at, self._db.now())
        if not sets:
            raise InvalidEntryError("sets", translate("Store", "add at least one set"),
                                    translate("Store", "sets"))
        with self._db.writing() as session:
            row = WorkoutSession(athlete_id=self._db.athlete_id, started_at=started_at,
                                 ended_at=ended_at, title=title.strip(), notes="")
            session.add(row)
            session.flush()
            added = [LoggedSet(**rows.set_values(rows.entry_record(entry, row.id, started_at,
                                                                   new_uid())))
                     for entry in sets]
            session.add_all(added)
            session.flush()
            records = [rows.set_record_of(r) for r in added]
            return rows.session_record_of(row, len(records), _volume(records)), records

    def add_set(self, session_id: int, entry: SetEntry) -> LoggedSetRecord:
        """Add a forgotten set to a logged session. It takes the time of the
        session's last set (or its start): the set belongs to that session's
        place on every timeline, not to the moment it was typed in."""
        with self._db.writing() as session:
            parent = _get_session(session, session_id)
            last = session.scalar(select(LoggedSet.logged_at)
                                  .where(LoggedSet.session_id == session_id)
                                  .order_by(LoggedSet.logged_at.desc()).limit(1))
            row = LoggedSet(**rows.set_values(rows.entry_record(
                entry, session_id, last or parent.started_at, new_uid())))
            session.add(row)
            session.flush()
            return rows.set_record_of(row)


def _get_session(session: Session, session_id: int) -> WorkoutSession:
    row = session.get(WorkoutSession, session_id)
    if row is None:
        raise UnknownSessionError(session_id)
    return row


def _get_set(session: Session, set_id: int) -> LoggedSet:
    row = session.get(LoggedSet, set_id)
    if row is None:
        raise LookupError(translate("Store", "no logged set with id {id}")
                          .format(id=format_integer(set_id)))
    return row


def _set_row(record: LoggedSetRecord) -> LoggedSet:
    return LoggedSet(id=record.id, **rows.set_values(record))


def _volume(sets: Sequence[LoggedSetRecord]) -> float:
    """Reps x kg, as the History list sums it (assistance counts as nothing)."""
    return sum((s.reps or 0) * max(s.load_kg or 0.0, 0.0) for s in sets)


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

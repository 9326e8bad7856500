"""Reading what the coaching rules need from the log, with plain SQL.

The progression, readiness and watch rules (app.coaching) are pure; this
module fetches their input: an exercise's sets in its last few sessions,
the last few hamstring sessions, when hamstring work last ended and the last
session of a program. Like ``LogReader`` it needs only sqlite3 and its own
read-only connection, and every call reads a handful of rows through an
index, so it stays fast on a ten-year log.

"Most recent" means by session start (then id), as the History list orders
sessions. Finding the sessions is the costly part: walking every session
newest first and asking whether it holds the exercise is quick when the
exercise is common but reads the whole log for one done once, years ago
(or never). So the walk goes the other way, down the exercise's own index
(exercise_slug, logged_at) newest first, and stops as soon as no unseen
session could be newer than the ones found: a set is never logged before
its session starts (imports stamp sets with the session start unless the
file says otherwise), so once the sets walked were logged before the start of
the n-th newest session found, every session still unseen started earlier.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.logbook.entries import BodyNoteRecord, LoggedSetRecord, SessionRecord
from app.storage.database import connect
from app.storage.rows import (
    BODY_NOTE_COLUMNS,
    SESSION_COLUMNS,
    SESSION_TOTALS,
    SET_COLUMNS,
    body_note_record,
    session_record,
    set_record,
)
from app.storage.timestamps import from_db_time, to_db_time

if TYPE_CHECKING:
    from app.logbook.runs import RunRecord


class CoachingReader:
    """Read-only queries for the coaching rules. Each call is its own short
    read, so it sees every set committed before it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection = connect(db_path, read_only=True)
        self.athlete_id = int(self._connection.execute("SELECT min(id) FROM athlete").fetchone()[0])

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> CoachingReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- queries ------------------------------------------------------------

    def recent_sets(self, slug: str, sessions: int = 3, *,
                    exclude_session: int | None = None) -> list[list[LoggedSetRecord]]:
        """The exercise's working and drop sets in its ``sessions`` most recent
        sessions, newest session first, each session's sets in the order
        they were logged. Warm-ups are left out, and a session where the
        exercise was only warmed up does not count. ``exclude_session``
        leaves one out (the session being trained)."""
        found = self._latest_sessions([slug], sessions, exclude_session)
        return [self._sets(session_id, [slug]) for session_id in found]

    def recent_hamstring_sessions(self, hamstring_slugs: Iterable[str], count: int = 3, *,
                                  exclude_session: int | None = None,
                                  ) -> list[tuple[SessionRecord, list[LoggedSetRecord]]]:
        """The ``count`` most recent sessions with working or drop sets of any
        of ``hamstring_slugs``, newest first, each with those sets (warm-ups
        and other exercises left out) in the order they were logged. The
        session records carry the whole session's set count and volume."""
        slugs = list(dict.fromkeys(hamstring_slugs))
        found = self._latest_sessions(slugs, count, exclude_session)
        records = self._session_records(found)
        return [(records[session_id], self._sets(session_id, slugs)) for session_id in found]

    def last_hamstring_end(self, hamstring_slugs: Iterable[str], *,
                           exclude_session: int | None = None) -> datetime | None:
        """When the most recent session with hamstring work ended: its
        ``ended_at``, or when its last set was logged if it was never ended
        (the app closed mid-session). None when there is none."""
        found = self._latest_sessions(list(dict.fromkeys(hamstring_slugs)), 1, exclude_session)
        if not found:
            return None
        ended, last_set = self._connection.execute(
            "SELECT s.ended_at, (SELECT max(l.logged_at) FROM logged_set l WHERE l.session_id = s.id) "
            "FROM workout_session s WHERE s.id = ?", found).fetchone()
        moment = ended if ended is not None else last_set
        return None if moment is None else from_db_time(moment)

    def last_program_session(self, program_slug: str) -> SessionRecord | None:
        """The most recent session logged for ``program_slug`` with at least
        one set (with its set count), or None: a session started and left
        empty is not a program session done."""
        row = self._connection.execute(
            f"SELECT {SESSION_COLUMNS}, {SESSION_TOTALS} FROM (SELECT * FROM workout_session w "
            "WHERE athlete_id = ? AND program_slug = ? "
            "AND EXISTS (SELECT 1 FROM logged_set e WHERE e.session_id = w.id) "
            "ORDER BY started_at DESC, id DESC LIMIT 1) s "
            "LEFT JOIN logged_set l ON l.session_id = s.id GROUP BY s.id",
            (self.athlete_id, program_slug)).fetchone()
        return None if row is None else session_record(row)

    def session(self, session_id: int) -> SessionRecord | None:
        """One session with its totals (the readiness answers it was started
        with, for the Nordic rule), or None when it is not this athlete's."""
        record = self._session_records([session_id]).get(session_id)
        return record if record is not None and record.athlete_id == self.athlete_id else None

    def runs_between(self, start: datetime, end: datetime) -> list[RunRecord]:
        """Runs with ``start <= started_at < end``, oldest first: a hard run
        counts like a heavy session for the 48-hour rule and the readiness check."""
        from app.storage import run_queries

        return run_queries.runs_between(self._connection, self.athlete_id, start, end)

    def body_notes(self, since: datetime, limit: int = 50) -> list[BodyNoteRecord]:
        """The quick notes taken at ``since`` or later, newest first (at most
        ``limit``: the watch reads a few weeks, not a diary)."""
        rows = self._connection.execute(
            f"SELECT {BODY_NOTE_COLUMNS} FROM body_note "
            "WHERE athlete_id = ? AND noted_at >= ? ORDER BY noted_at DESC, id DESC LIMIT ?",
            (self.athlete_id, to_db_time(since), limit))
        return [body_note_record(row) for row in rows]

    # -- pieces ---------------------------------------------------------------

    def _latest_sessions(self, slugs: list[str], count: int,
                         exclude_session: int | None) -> list[int]:
        """Ids of the ``count`` newest sessions (by start, then id) holding a
        working or drop set of any of ``slugs``, newest first."""
        if count < 1:
            return []
        starts: dict[int, tuple[datetime, int]] = {}
        for slug in slugs:
            starts.update(self._latest_for(slug, count, exclude_session))
        ranked = sorted(starts.values(), reverse=True)[:count]
        return [session_id for _, session_id in ranked]

    def _latest_for(self, slug: str, count: int,
                    exclude_session: int | None) -> dict[int, tuple[datetime, int]]:
        found: dict[int, tuple[datetime, int]] = {}
        bound: datetime | None = None  # the start of the count-th newest session so far
        # Newest first straight off the (exercise_slug, logged_at) index; the
        # rowid breaks ties in the index order, so there is no sort. Warm-ups
        # are skipped inside SQLite: an exercise only ever warmed up with
        # (leg swings) would otherwise send every one of its rows to Python.
        rows = self._connection.execute(
            "SELECT session_id, logged_at FROM logged_set WHERE exercise_slug = ? "
            "AND set_type != 'warmup' ORDER BY logged_at DESC, id DESC", (slug,))
        try:
            for session_id, logged_at in rows:
                if bound is not None and from_db_time(logged_at) < bound:
                    break  # every session not seen yet started before the ones found
                if session_id in found or session_id == exclude_session:
                    continue
                started = self._started(session_id)
                if started is None:
                    continue  # another athlete's session
                found[session_id] = (started, session_id)
                if len(found) >= count:
                    bound = sorted(found.values(), reverse=True)[count - 1][0]
        finally:
            rows.close()
        return found

    def _started(self, session_id: int) -> datetime | None:
        row = self._connection.execute(
            "SELECT started_at FROM workout_session WHERE id = ? AND athlete_id = ?",
            (session_id, self.athlete_id)).fetchone()
        return None if row is None else from_db_time(row[0])

    def _sets(self, session_id: int, slugs: list[str]) -> list[LoggedSetRecord]:
        marks = ",".join("?" * len(slugs))
        # The unary + keeps SQLite on the session index (a session's ~20 sets):
        # left to itself it picks the exercise index for a single slug and
        # reads every set of that exercise ever logged (~18 ms on 100k sets).
        rows = self._connection.execute(
            f"SELECT {SET_COLUMNS} FROM logged_set WHERE session_id = ? "
            f"AND +exercise_slug IN ({marks}) AND set_type != 'warmup' ORDER BY logged_at, id",
            (session_id, *slugs))
        return [set_record(row) for row in rows]

    def _session_records(self, session_ids: list[int]) -> dict[int, SessionRecord]:
        if not session_ids:
            return {}
        marks = ",".join("?" * len(session_ids))
        params: list[Any] = list(session_ids)
        rows = self._connection.execute(
            f"SELECT {SESSION_COLUMNS}, {SESSION_TOTALS} FROM workout_session s "
            f"LEFT JOIN logged_set l ON l.session_id = s.id WHERE s.id IN ({marks}) GROUP BY s.id",
            params)
        return {record.id: record for record in map(session_record, rows)}

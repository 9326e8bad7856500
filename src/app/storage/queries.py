"""Reading the log with plain SQL.

The screens that open first (Today, History, the status bar) read through
this module, which needs only the sqlite3 module: the window can show the
athlete's log without paying for SQLAlchemy's import (~0.3 s, ~30 MB). It is
also the fast path for large logs, where building ORM objects per row would
cost more than the query. Writes go through ``Store`` and its ORM sessions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.logbook.entries import (
    EnrolmentRecord,
    LastTime,
    LoggedSetRecord,
    SessionRecord,
)
from app.storage.database import connect
from app.storage.rows import (
    ENROLMENT_COLUMNS,
    SESSION_COLUMNS,
    SESSION_TOTALS,
    SET_COLUMNS,
    enrolment_record,
    session_record,
    set_record,
)
from app.storage.timestamps import from_db_time, to_db_time

if TYPE_CHECKING:
    from app.logbook.custom_exercises import CustomExercise, CustomStep
    from app.logbook.runs import BodyWeightRecord, PlannedDay, RaceRecord, RunRecord


class LogReader:
    """Read-only queries. Each call is its own short read transaction, so it
    always sees every set committed before it, from this process or another."""

    def __init__(self, db_path: Path, pictures_dir: Path | None = None) -> None:
        self.db_path = db_path
        self.pictures_dir = pictures_dir or db_path.parent / "pictures"
        self._connection = connect(db_path, read_only=True)
        self.athlete_id = self.first_athlete()

    def first_athlete(self) -> int:
        return int(self._scalar("SELECT min(id) FROM athlete"))

    def close(self) -> None:
        self._connection.close()

    def _scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self._connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def count_sessions(self) -> int:
        return int(self._scalar("SELECT count(*) FROM workout_session WHERE athlete_id = ?",
                                (self.athlete_id,)))

    def count_sets(self) -> int:
        return int(self._scalar("SELECT count(*) FROM logged_set"))

    def list_sessions(self, limit: int | None = None,
                      before: tuple[datetime, int] | None = None) -> list[SessionRecord]:
        """Sessions, newest first, with their set count and volume (reps x kg).

        ``limit`` and ``before`` (the (started_at, id) of the last session of
        the previous page) read a long log a page at a time: the sessions are
        picked through the (athlete, started_at) index first, and only their
        sets are summed, so a page costs the same on a ten-year log as on a
        new one."""
        where = "athlete_id = ?"
        params: list[Any] = [self.athlete_id]
        if before is not None:
            where += " AND (started_at < ? OR (started_at = ? AND id < ?))"
            started = to_db_time(before[0])
            params += [started, started, before[1]]
        page = f"SELECT * FROM workout_session WHERE {where} ORDER BY started_at DESC, id DESC"
        if limit is not None:
            page += " LIMIT ?"
            params.append(limit)
        sql = (f"SELECT {SESSION_COLUMNS}, {SESSION_TOTALS} "
               f"FROM ({page}) s LEFT JOIN logged_set l ON l.session_id = s.id "
               "GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC")
        return [session_record(row) for row in self._connection.execute(sql, params)]

    def get_session(self, session_id: int) -> SessionRecord | None:
        row = self._connection.execute(
            f"SELECT {SESSION_COLUMNS}, {SESSION_TOTALS} "
            "FROM workout_session s LEFT JOIN logged_set l ON l.session_id = s.id "
            "WHERE s.id = ? GROUP BY s.id", (session_id,)).fetchone()
        return None if row is None else session_record(row)

    def sets_of_session(self, session_id: int) -> list[LoggedSetRecord]:
        rows = self._connection.execute(
            f"SELECT {SET_COLUMNS} FROM logged_set WHERE session_id = ? ORDER BY id", (session_id,))
        return [set_record(row) for row in rows]

    def exercise_set_counts(self) -> dict[str, int]:
        """Logged sets per exercise slug (read from the exercise index alone)."""
        return dict(self._connection.execute(
            "SELECT exercise_slug, count(*) FROM logged_set GROUP BY exercise_slug"))

    def sets_of_exercise(self, slug: str, limit: int | None = None,
                         before: tuple[datetime, int] | None = None) -> list[LoggedSetRecord]:
        """An exercise's sets, newest first, a page at a time like ``list_sessions``."""
        where = "exercise_slug = ?"
        params: list[Any] = [slug]
        if before is not None:
            logged = to_db_time(before[0])
            where += " AND (logged_at < ? OR (logged_at = ? AND id < ?))"
            params += [logged, logged, before[1]]
        sql = f"SELECT {SET_COLUMNS} FROM logged_set WHERE {where} ORDER BY logged_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [set_record(row) for row in self._connection.execute(sql, params)]

    def last_loads(self, slugs: list[str]) -> dict[str, float]:
        """The load of each exercise's most recent working set, where it had one."""
        loads = {}
        for slug in dict.fromkeys(slugs):
            load = self._scalar(
                "SELECT load_kg FROM logged_set WHERE exercise_slug = ? AND set_type = 'working' "
                "ORDER BY logged_at DESC, id DESC LIMIT 1", (slug,))
            if load is not None:
                loads[slug] = float(load)
        return loads

    def last_time(self, exercise_slug: str, *,
                  exclude_session_id: int | None = None) -> LastTime | None:
        """The exercise's working sets in its most recent session (by start,
        then id) other than ``exclude_session_id`` (the one being trained), or
        None when no other session has a working set of it.

        The exercise's sets are read newest first off the (exercise, logged_at)
        index, and reading stops once a set was logged before the start of the
        newest session found: a set is never logged before its session starts,
        so every session not seen yet started earlier. A few index entries on a
        100,000-set log, whatever the exercise."""
        found: tuple[datetime, int] | None = None
        rows = self._connection.execute(
            "SELECT session_id, logged_at FROM logged_set WHERE exercise_slug = ? "
            # (no tie-break on id: it would take SQLite off the index, and
            # sessions are compared by their start below anyway)
            "AND set_type = 'working' ORDER BY logged_at DESC", (exercise_slug,))
        try:
            seen: set[int] = set()
            for session_id, logged_at in rows:
                if found is not None and from_db_time(logged_at) < found[0]:
                    break
                if session_id == exclude_session_id or session_id in seen:
                    continue
                seen.add(session_id)
                started = self._scalar("SELECT started_at FROM workout_session "
                                       "WHERE id = ? AND athlete_id = ?",
                                       (session_id, self.athlete_id))
                if started is None:
                    continue  # another athlete's session
                candidate = (from_db_time(started), session_id)
                if found is None or candidate > found:
                    found = candidate
        finally:
            rows.close()
        if found is None:
            return None
        started_at, session_id = found
        # The unary + keeps SQLite on the session index (a session's ~20
        # sets), not on every set of the exercise ever logged.
        sets = self._connection.execute(
            f"SELECT {SET_COLUMNS} FROM logged_set WHERE session_id = ? AND +exercise_slug = ? "
            "AND set_type = 'working' ORDER BY logged_at, id", (session_id, exercise_slug))
        return LastTime(started_at=started_at, session_id=session_id,
                        sets=tuple(set_record(row) for row in sets))

    def session_starts(self, session_ids: list[int]) -> dict[int, datetime]:
        if not session_ids:
            return {}
        marks = ",".join("?" * len(session_ids))
        return {id_: from_db_time(started) for id_, started in self._connection.execute(
            f"SELECT id, started_at FROM workout_session WHERE id IN ({marks})", session_ids)}

    def session_uids(self) -> set[str]:
        """Every session's uid: an import skips the sessions already here."""
        return {uid for (uid,) in self._connection.execute("SELECT uid FROM workout_session")}

    def import_lookup(self) -> ImportLookup:
        """What an import's preview asks of the log, a batch of sessions at a time."""
        return ImportLookup(self._connection.execute)

    def custom_slugs(self) -> set[str]:
        return {slug for (slug,) in self._connection.execute("SELECT slug FROM custom_exercise")}

    def custom_exercises(self) -> list[CustomExercise]:
        """The athlete's own exercises, by name, with their steps."""
        # Imported here: it loads the catalog's model (~10 ms), which the
        # first screen, read through this module, does not need.
        from app.logbook.custom_exercises import CustomExercise, CustomStep

        steps: dict[int, list[CustomStep]] = {}
        for exercise_id, text, picture in self._connection.execute(
                "SELECT exercise_id, text, picture FROM custom_step ORDER BY exercise_id, position"):
            steps.setdefault(exercise_id, []).append(
                CustomStep(text, None if picture is None else self.pictures_dir / picture))
        rows = self._connection.execute(
            "SELECT id, slug, name, equipment, one_side, category, level, notes, based_on "
            "FROM custom_exercise ORDER BY name COLLATE NOCASE, id")
        return [
            CustomExercise(slug=slug, name=name, equipment=tuple(json.loads(equipment)),
                           one_side=one_side, category=category, level=level,
                           steps=tuple(steps.get(id_, ())), notes=notes, based_on=based_on)
            for id_, slug, name, equipment, one_side, category, level, notes, based_on in rows
        ]

    # -- programs ----------------------------------------------------------

    def active_enrolment(self) -> EnrolmentRecord | None:
        row = self._connection.execute(
            f"SELECT {ENROLMENT_COLUMNS} FROM enrolment WHERE athlete_id = ? AND ended_at IS NULL",
            (self.athlete_id,)).fetchone()
        return None if row is None else enrolment_record(row)

    def user_programs(self) -> list[tuple[str, str, dict[str, Any]]]:
        """The athlete's own programs: (slug, name, definition), by name."""
        return [(slug, name, json.loads(definition)) for slug, name, definition in
                self._connection.execute("SELECT slug, name, definition FROM user_program "
                                         "ORDER BY name COLLATE NOCASE, id")]

    def program_sessions(self, program_slug: str, since: date | None = None) -> list[SessionRecord]:
        """The sessions logged for a program, oldest first (with set counts);
        with ``since``, only those that may have started on that local day
        or later (from a day before it in UTC: the caller, who knows the
        time zone, keeps those of the right days).

        Only sessions with at least one set: one ended (or cut off) before its
        first set is not a program session done. With ``since`` the sessions
        are read off the (athlete, start) index from that day on: Today's
        question (this enrolment's sessions) reads the weeks since the
        enrolment began, not every session of a ten-year log."""
        where = "athlete_id = ? AND program_slug = ?"
        params: list[Any] = [self.athlete_id, program_slug]
        if since is not None:
            where += " AND started_at >= ?"
            params.append(to_db_time(datetime(since.year, since.month, since.day, tzinfo=UTC)
                                     - timedelta(days=1)))
        rows = self._connection.execute(
            f"SELECT {SESSION_COLUMNS}, {SESSION_TOTALS} "
            f"FROM (SELECT * FROM workout_session WHERE {where}) s "
            "JOIN logged_set l ON l.session_id = s.id "
            "GROUP BY s.id ORDER BY s.started_at, s.id", params)
        return [session_record(row) for row in rows]

    # -- the running week (SQL in app.storage.run_queries) --------------------
    # Each method imports it: the window's first screen of an athlete who does
    # not run never needs it (nor the running vocabulary, ~3 ms to import).

    def runs_between(self, start: datetime, end: datetime) -> list[RunRecord]:
        """Runs with ``start <= started_at < end``, oldest first."""
        from app.storage import run_queries

        return run_queries.runs_between(self._connection, self.athlete_id, start, end)

    def list_runs(self, limit: int | None = None,
                  before: tuple[datetime, int] | None = None) -> list[RunRecord]:
        """Runs, newest first, a page at a time as ``list_sessions`` reads them."""
        from app.storage import run_queries

        return run_queries.list_runs(self._connection, self.athlete_id, limit, before)

    def count_runs(self) -> int:
        from app.storage import run_queries

        return run_queries.count_runs(self._connection, self.athlete_id)

    def planned_week(self) -> tuple[PlannedDay, ...]:
        """Monday..Sunday; all rest if never planned."""
        from app.storage import run_queries

        return run_queries.planned_week(self._connection, self.athlete_id)

    def has_running(self) -> bool:
        """Any run, any planned day that is not rest, or any race."""
        from app.storage import run_queries

        return run_queries.has_running(self._connection, self.athlete_id)

    def races(self, since: date | None = None) -> list[RaceRecord]:
        """Races by day, from ``since`` on (inclusive) when given."""
        from app.storage import run_queries

        return run_queries.races(self._connection, self.athlete_id, since)

    def body_weights(self) -> list[BodyWeightRecord]:
        """The body weight log, oldest day first."""
        from app.storage import run_queries

        return run_queries.body_weights(self._connection, self.athlete_id)

    def body_weight_on(self, day: date) -> float | None:
        """The body weight of ``day``, or the latest before it; None if none yet."""
        from app.storage import run_queries

        return run_queries.body_weight_on(self._connection, self.athlete_id, day)

    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self._scalar("SELECT value FROM setting WHERE key = ?", (key,))
        return default if value is None else json.loads(value)

    def all_settings(self) -> dict[str, Any]:
        rows = self._connection.execute("SELECT key, value FROM setting ORDER BY key")
        return {key: json.loads(value) for key, value in rows}


class ImportLookup:
    """The sessions and set identities an import meets in the log (importing.plan.LogLookup).

    ``execute`` runs SQL with positional parameters: a sqlite3 connection's
    (the preview) or the import transaction's (the write, which so sees the
    sessions it has just added)."""

    _CHUNK = 500  # parameters in one statement, well under SQLite's limit

    def __init__(self, execute: Callable[[str, Sequence[Any]], Iterable[Sequence[Any]]]) -> None:
        self._execute = execute

    def sessions(self, uids: Sequence[str]) -> dict[str, tuple[int, set[tuple[str, int, str]] | None]]:
        """uid -> (session id, the (exercise, set number, side) of each of its sets)."""
        found: dict[str, tuple[int, set[tuple[str, int, str]] | None]] = {}
        for start in range(0, len(uids), self._CHUNK):
            chunk = tuple(uids[start:start + self._CHUNK])
            marks = ", ".join("?" * len(chunk))
            for session_id, uid in list(self._execute(
                    f"SELECT id, uid FROM workout_session WHERE uid IN ({marks})", chunk)):
                keys = {(slug, number, side) for slug, number, side in self._execute(
                    "SELECT exercise_slug, set_number, side FROM logged_set WHERE session_id = ?",
                    (session_id,))}
                found[uid] = (session_id, keys)
        return found

    def taken(self, set_uids: Sequence[str]) -> set[str]:
        """Those of ``set_uids`` that a set of the log has."""
        taken: set[str] = set()
        for start in range(0, len(set_uids), self._CHUNK):
            chunk = tuple(set_uids[start:start + self._CHUNK])
            marks = ", ".join("?" * len(chunk))
            taken.update(uid for (uid,) in self._execute(
                f"SELECT uid FROM logged_set WHERE uid IN ({marks})", chunk))
        return taken

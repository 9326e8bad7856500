"""The running week's reads, in plain SQL (schema v11).

``LogReader``'s run, planned-week, race and body-weight methods call these
with its read-only sqlite3 connection and the athlete, so queries.py stays
small and Today can show the week before SQLAlchemy is imported. Like the
rest of the reader, each call is its own short read.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Any

from app.logbook.runs import BodyWeightRecord, PlannedDay, RaceRecord, RunRecord
from app.storage.rows import (
    BODY_WEIGHT_COLUMNS,
    RACE_COLUMNS,
    RUN_COLUMNS,
    body_weight_record,
    race_record,
    run_record,
)
from app.storage.timestamps import to_db_time


def runs_between(connection: sqlite3.Connection, athlete_id: int, start: datetime,
                 end: datetime) -> list[RunRecord]:
    """The runs with ``start <= started_at < end`` (aware datetimes), oldest
    first, read off the (athlete, started_at) index."""
    rows = connection.execute(
        f"SELECT {RUN_COLUMNS} FROM run WHERE athlete_id = ? AND started_at >= ? "
        "AND started_at < ? ORDER BY started_at, id",
        (athlete_id, to_db_time(start), to_db_time(end)))
    return [run_record(row) for row in rows]


def list_runs(connection: sqlite3.Connection, athlete_id: int, limit: int | None = None,
              before: tuple[datetime, int] | None = None) -> list[RunRecord]:
    """The runs, newest first; the ``limit`` newest when given, older than
    ``before`` (the (started_at, id) of the last run of the previous page)
    when given: a page costs the same whatever number of runs came before
    it (the (athlete, started_at) index), as for the sessions."""
    where = "athlete_id = ?"
    params: list[Any] = [athlete_id]
    if before is not None:
        where += " AND (started_at < ? OR (started_at = ? AND id < ?))"
        started = to_db_time(before[0])
        params += [started, started, before[1]]
    sql = f"SELECT {RUN_COLUMNS} FROM run WHERE {where} ORDER BY started_at DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [run_record(row) for row in connection.execute(sql, params)]


def count_runs(connection: sqlite3.Connection, athlete_id: int) -> int:
    return int(connection.execute("SELECT count(*) FROM run WHERE athlete_id = ?",
                                  (athlete_id,)).fetchone()[0])


def planned_week(connection: sqlite3.Connection, athlete_id: int) -> tuple[PlannedDay, ...]:
    """Monday..Sunday; a day never planned is rest (all rest if never set)."""
    planned = {weekday: PlannedDay(kind) for weekday, kind in connection.execute(
        "SELECT weekday, kind FROM planned_run_day WHERE athlete_id = ?", (athlete_id,))}
    return tuple(planned.get(weekday, PlannedDay.REST) for weekday in range(7))


def has_running(connection: sqlite3.Connection, athlete_id: int) -> bool:
    """Whether the athlete runs, as far as the log knows: a run, a planned day
    that is not rest, or a race (Today shows the week only then)."""
    return bool(connection.execute(
        "SELECT EXISTS (SELECT 1 FROM run WHERE athlete_id = ?) "
        "OR EXISTS (SELECT 1 FROM planned_run_day WHERE athlete_id = ? AND kind != ?) "
        "OR EXISTS (SELECT 1 FROM race WHERE athlete_id = ?)",
        (athlete_id, athlete_id, PlannedDay.REST.value, athlete_id)).fetchone()[0])


def races(connection: sqlite3.Connection, athlete_id: int,
          since: date | None = None) -> list[RaceRecord]:
    """The races, by day (then as added); from ``since`` on (inclusive) when given."""
    sql = f"SELECT {RACE_COLUMNS} FROM race WHERE athlete_id = ?"
    params: list[Any] = [athlete_id]
    if since is not None:
        sql += " AND day >= ?"
        params.append(since.isoformat())
    return [race_record(row) for row in connection.execute(sql + " ORDER BY day, id", params)]


def body_weights(connection: sqlite3.Connection, athlete_id: int) -> list[BodyWeightRecord]:
    """The body weight log, oldest day first (one value per day)."""
    return [body_weight_record(row) for row in connection.execute(
        f"SELECT {BODY_WEIGHT_COLUMNS} FROM body_weight WHERE athlete_id = ? ORDER BY day",
        (athlete_id,))]


def body_weight_on(connection: sqlite3.Connection, athlete_id: int, day: date) -> float | None:
    """The body weight logged on ``day`` or, failing that, the latest before it;
    None when none was logged by then (never a guess)."""
    row = connection.execute(
        "SELECT kg FROM body_weight WHERE athlete_id = ? AND day <= ? ORDER BY day DESC LIMIT 1",
        (athlete_id, day.isoformat())).fetchone()
    return None if row is None else float(row[0])

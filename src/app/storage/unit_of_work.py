"""One open log's ORM side: the short transactions every aggregate writes in.

``Store`` builds one ``LogDatabase`` and hands it to each aggregate (the
training log, settings, custom exercises, coaching records, backups) and to
the import writer (the exchange layer), so they share one engine, one
clock and one plain-SQL reader. Each write is one unit of work:
``with db.writing() as session:`` commits on leaving the block (with
synchronous=FULL, so what it wrote is on disk) or rolls everything back.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from app.kernel.clock import Clock
from app.storage.database import apply_pragmas
from app.storage.queries import LogReader


class LogDatabase:
    def __init__(self, db_path: Path, clock: Clock, reader: LogReader) -> None:
        self.db_path = db_path
        self.clock = clock
        self.reader = reader
        self.engine = create_app_engine(db_path)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def athlete_id(self) -> int:
        """Whose log it is (the reader's: a restored backup may name another)."""
        return self.reader.athlete_id

    def now(self) -> datetime:
        return self.clock.now()

    def writing(self) -> AbstractContextManager[Session]:
        """One write transaction (BEGIN IMMEDIATE): committed on leaving, or nothing."""
        return self._write.begin()

    def reading(self) -> AbstractContextManager[Session]:
        return self._read.begin()

    def write_connection(self) -> AbstractContextManager[Connection]:
        """A Core write transaction, for the hot path that needs no unit of work."""
        return self._write_engine.begin()

    def dispose(self) -> None:
        """Close the pooled connections (no read snapshot of the log outlives this)."""
        self.engine.dispose()


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

"""Tools for the tests that compare a big log with a small one: count the
SQLite work a process does, put a prepared log in a data folder, and damage
one index page of a log (the tables still read; the whole-file check fails).
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.kernel.paths import AppPaths

STEPS_PER_TICK = 100  # SQLite virtual-machine instructions per progress-handler call


@dataclass
class SqliteWork:
    """Every SQLite connection the process makes, counted while ``counting``:
    virtual-machine instructions (in ticks of STEPS_PER_TICK) and statements.
    ``every_statement`` keeps them all, counting or not: a worker thread may
    run one between the moment counting stops and the moment a test would
    start it again."""

    counting: bool = True
    ticks: int = 0
    statements: list[str] = field(default_factory=list)
    every_statement: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def steps(self) -> int:
        return self.ticks * STEPS_PER_TICK

    def tick(self) -> int:
        if self.counting:
            self.ticks += 1
        return 0  # go on

    def trace(self, sql: str) -> None:
        with self.lock:
            self.every_statement.append(sql)
            if self.counting:
                self.statements.append(sql)


def count_sqlite(patch: pytest.MonkeyPatch) -> SqliteWork:
    """From now on (until ``patch`` is undone), every connection made (the
    loader's, the readers', the integrity check's, SQLAlchemy's) reports to
    the returned SqliteWork."""
    work = SqliteWork()
    real_connect = sqlite3.connect

    def counted_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        connection.set_progress_handler(lambda: work.tick(), STEPS_PER_TICK)
        connection.set_trace_callback(lambda sql: work.trace(sql))
        return connection

    patch.setattr(sqlite3, "connect", counted_connect)
    return work


def install(log: Path, paths: AppPaths) -> None:
    """A copy of a prepared log as the data folder's own (0600, as the app makes it)."""
    shutil.copyfile(log, paths.database)
    paths.database.chmod(0o600)


def trash_index_page(db: Path, index: str) -> bytes:
    """Overwrite ``index``'s root page; the file's new bytes."""
    connection = sqlite3.connect(db)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (index,)).fetchone()[0]
    finally:
        connection.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start + 8: start + page_size] = b"\xa5" * (page_size - 8)
    db.write_bytes(bytes(data))
    return bytes(data)


def build_logs(tmp_path_factory: pytest.TempPathFactory, sizes: Iterable[int],
               make: Callable[[Path, int], None]) -> dict[int, Path]:
    """A prepared log of each size (sets), made by ``make(path, sets)``, for a module."""
    made = {}
    for sets in sizes:
        path = tmp_path_factory.mktemp(f"log{sets}") / "hamstride.db"
        make(path, sets)
        made[sets] = path
    return made

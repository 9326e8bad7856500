"""Opening the database safely: check it, move a damaged one aside, refuse a
newer one, back it up and migrate an older one.

All of it uses the plain sqlite3 module, not SQLAlchemy: importing SQLAlchemy
costs ~0.3 s and ~30 MB, so the window can show the log without it and the
ORM is loaded only when something is written. The checks run on a read-only
connection so that a database we refuse is never written to, not even by a
WAL checkpoint.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.i18n import format_integer, translate
from app.storage.backup import backup_file
from app.storage.migrations import MIGRATIONS, Migration, pending
from app.storage.timestamps import file_stamp, first_free, to_db_time

log = logging.getLogger(__name__)

# "HSTR" in the header marks the file as ours, so a foreign SQLite database
# that happens to sit at our path is moved aside rather than migrated.
APPLICATION_ID = 0x48535452
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_ATHLETE_NAME = "Me"
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


class DatabaseError(Exception):
    """A database problem the user must be told about; the message says what to do."""


class NewerSchemaError(DatabaseError):
    """The file was written by a newer Hamstride. Nothing has been written to it."""


class _Damaged(Exception):
    """Internal: the file cannot be used as it is and must be moved aside."""


@dataclass
class OpenReport:
    """What happened while opening, for the UI to tell the user."""

    created: bool = False
    migrated_from: int | None = None
    backup: Path | None = None
    moved_aside: Path | None = None
    problem: str | None = None
    notices: list[str] = field(default_factory=list)


def open_database(db_path: Path, backups_dir: Path, damaged_dir: Path, now: datetime,
                  migrations: Sequence[Migration] = MIGRATIONS,
                  check_later: bool = False) -> OpenReport:
    """Make ``db_path`` a sound database of the newest schema, or raise DatabaseError.

    ``check_later``: the whole-file integrity check (~9 s on a 1,000,000-set
    log) is left to the caller when the log needs nothing written, which
    then runs ``IntegrityCheck`` once the log is shown (the window does:
    its first screen must not wait for a read of every page). The header,
    the schema and the athlete are still checked here. A log that check
    found damaged is checked in full again at its next opening, before use,
    and so moved aside as any damaged log is.
    """
    report = OpenReport()
    target = migrations[-1].version
    version = 0
    marked = damage_mark(db_path).exists()
    try:
        full_check = marked or not check_later
        version = _inspect(db_path, target, full_check)
        if not full_check and version < target:
            version = _inspect(db_path, target)  # in full before it is written to
        elif marked:  # checked in full again and sound (restored meanwhile)
            _forget_damage(db_path)
    except _Damaged as exc:
        report.problem = str(exc)
        report.moved_aside = _move_aside(db_path, damaged_dir, now)
        report.notices.append(translate(
            "database", "The database could not be read ({reason}). It was moved, unchanged, to "
            "{path}. Hamstride started a new, empty database.")
            .format(reason=exc, path=report.moved_aside))
        log.error("damaged database moved to %s: %s", report.moved_aside, exc)
        _forget_damage(db_path)
        version = 0

    if version == 0:
        _create_private_file(db_path)
        report.created = True
    todo = pending(version, migrations)
    if todo and version > 0:
        report.backup = backup_file(db_path, backups_dir, now, reason=f"before-v{target}")
        report.migrated_from = version
        log.info("backed up %s to %s before migrating v%d -> v%d",
                 db_path, report.backup, version, target)
    _migrate(db_path, todo, now)
    return report


def connect(db_path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's pragmas, in autocommit mode
    (transactions are begun explicitly, never implicitly by the driver)."""
    if read_only:
        # timeout= is the busy timeout; nothing else applies to a reader.
        return sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    connection = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                                 check_same_thread=False)
    apply_pragmas(connection)
    return connection


def apply_pragmas(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    # FULL: in WAL mode this fsyncs the log at every commit, so a set is on
    # disk when log_set returns even if power is cut right after (~1 ms).
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def _inspect(db_path: Path, target: int, full_check: bool = True) -> int:
    """Return the file's schema version, after checking it is a sound Hamstride database.
    Without ``full_check`` the pages are not all read (see open_database)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return 0
    # The reasons SQLite gives are in its words, in English.
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _Damaged(translate("database", "it is not an SQLite database"))
    try:
        connection = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True,
                                     timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(translate("database", "cannot open {path}: {reason}")
                            .format(path=db_path, reason=exc)) from exc
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if version > target:
            raise NewerSchemaError(translate(
                "database", "{path} was written by a newer Hamstride (database schema {version}; "
                "this version knows up to {newest}). Nothing was changed: install the newer "
                "Hamstride to use it.")
                .format(path=db_path, version=format_integer(version), newest=format_integer(target)))
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or version):
            raise _Damaged(translate("database", "it is an SQLite database, but not one of "
                                                 "Hamstride's"))
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")] \
            if full_check else ["ok"]
        if result != ["ok"]:
            raise _Damaged(_check_failed(result))
        return int(version)
    except sqlite3.DatabaseError as exc:
        # Only "this is not a database" and "this database is corrupt" justify
        # moving the file aside. Anything else (locked, no permission, disk
        # error) says nothing about the file, which is left where it is.
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise _Damaged(str(exc)) from exc
        raise DatabaseError(translate("database", "cannot read {path}: {reason}")
                            .format(path=db_path, reason=exc)) from exc
    finally:
        connection.close()


def _check_failed(result: list[str]) -> str:
    return translate("database", "the integrity check failed: {problems}").format(
        problems="; ".join(result[:3]))


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the file is damaged (not locked, busy, full...)."""
    return isinstance(exc, sqlite3.DatabaseError) and \
        getattr(exc, "sqlite_errorcode", 0) & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)


def mark_damaged(db_path: Path) -> None:
    """Have the next opening check ``db_path`` in full first (and so move it aside)."""
    try:
        _create_private_file(damage_mark(db_path))
    except OSError as exc:
        log.warning("cannot mark the log for a check at the next start: %s", exc.strerror)


def damage_mark(db_path: Path) -> Path:
    """Left beside the log by an IntegrityCheck that found it damaged: the
    next opening checks it in full first (and so moves it aside)."""
    return Path(f"{db_path}-damaged")


def _forget_damage(db_path: Path) -> None:
    try:
        damage_mark(db_path).unlink(missing_ok=True)
    except OSError as exc:  # a read-only disk: the next opening checks in full again
        log.warning("cannot remove %s: %s", damage_mark(db_path).name, exc.strerror)


class IntegrityCheck:
    """SQLite's integrity check of the whole log, on its own read-only
    connection, for a log opened with ``check_later``: it reads every page
    (seconds on a big log), so it runs in a worker thread while the athlete
    uses the window, and ``interrupt`` (from any thread) stops it at once
    when the app closes."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, isolation_level=None,
                                           timeout=BUSY_TIMEOUT_MS / 1000,
                                           check_same_thread=False)

    def run(self) -> str | None:
        """None when the log is sound (or the check was interrupted or could
        not finish: nothing is known then); else what is wrong, for the
        athlete, after leaving the damage mark for the next opening."""
        try:
            result = [row[0] for row in self._connection.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                log.info("integrity check not finished: %s", exc)
                return None
            result = [str(exc)]
        finally:
            self._connection.close()
        if result == ["ok"]:
            return None
        problem = _check_failed(result)
        log.error("the log failed its integrity check: %s", problem)
        mark_damaged(self.db_path)
        return problem

    def interrupt(self) -> None:
        with contextlib.suppress(sqlite3.ProgrammingError):  # finished and closed already
            self._connection.interrupt()


def _move_aside(db_path: Path, damaged_dir: Path, now: datetime) -> Path:
    """Move the file and its WAL companions, byte for byte, out of the way."""
    damaged_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = file_stamp(now)
    destination = first_free(lambda n: damaged_dir / (
        f"{db_path.stem}-{stamp}{f'-{n}' if n else ''}{db_path.suffix}"))
    for extra in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{extra}")
        if source.exists():
            os.replace(source, Path(f"{destination}{extra}"))
    return destination


def _create_private_file(db_path: Path) -> None:
    # SQLite would create the file 0644; a training log is nobody else's business.
    fd = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)


def _migrate(db_path: Path, todo: Sequence[Migration], now: datetime) -> None:
    connection = connect(db_path)
    try:
        for migration in todo:
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in migration.statements:
                    connection.execute(statement)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {migration.version}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            log.info("database migrated to v%d: %s", migration.version, migration.description)
        _ensure_default_athlete(connection, now)
    finally:
        connection.close()


def _ensure_default_athlete(connection: sqlite3.Connection, now: datetime) -> None:
    """One default athlete now; the schema allows several later."""
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO athlete (name, created_at) SELECT ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM athlete)", (DEFAULT_ATHLETE_NAME, to_db_time(now)))
    connection.execute("COMMIT")

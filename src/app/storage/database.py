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
import errno
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.kernel.i18n import format_integer, translate
from app.kernel.paths import LinkedFileError, refuse_links
from app.storage.backup import BackupKind, backup_file
from app.storage.errors import explain
from app.storage.migrations import MIGRATIONS, Migration, pending
from app.storage.timestamps import file_stamp, first_free, to_db_time
from app.storage.write_lock import WRITE_LOCK_SUFFIX, hold_write_lock

log = logging.getLogger(__name__)

# "HSTR" in the header marks the file as ours, so a foreign SQLite database
# that happens to sit at our path is moved aside rather than migrated.
APPLICATION_ID = 0x48535452
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_ATHLETE_NAME = "Me"
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
# The files beside the log named after it, each refused as a link.
_OWN_SIDES = ("", "-wal", "-shm", "-journal", WRITE_LOCK_SUFFIX)


class DatabaseError(Exception):
    """A database problem the user must be told about; the message says what to do."""


class NewerSchemaError(DatabaseError):
    """The file was written by a newer Hamstride. Nothing has been written to it."""


class ReadOnlyLogError(DatabaseError):
    """The log must be written before it can be used (created, repaired or
    upgraded) and the file or its disk is read-only. Nothing was changed."""


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
    read_only: bool = False  # the log can be read but not written (the file or its disk)


def open_database(db_path: Path, backups_dir: Path, damaged_dir: Path, now: datetime,
                  migrations: Sequence[Migration] = MIGRATIONS,
                  on_wait: Callable[[], None] | None = None,
                  check_later: bool = False, lock_held: bool = False) -> OpenReport:
    """Make ``db_path`` a sound database of the newest schema, or raise DatabaseError.

    ``check_later``: the whole-file integrity check (~9 s on a 1,000,000-set
    log) is left to the caller when the log needs nothing written, which
    then runs ``IntegrityCheck`` once the log is shown (the window does:
    its first screen must not wait for a read of every page). The header,
    the schema and the athlete are still checked here. A log that check
    found damaged is checked in full again at its next opening, before use,
    and so moved aside as any damaged log is.

    A log that is already sound and of the newest schema is only read: it
    opens on a read-only file or disk. Anything that writes (creating,
    moving a damaged file aside, upgrading) runs under the log's write lock,
    and looks at the file again once it holds it: another process may have
    done it meanwhile (two commands on a new data dir, the window and a
    command on an older log). ``on_wait`` is told when that lock is busy;
    ``lock_held``: the caller holds it already (a lock file taken twice by
    one process would wait for itself)."""
    target = migrations[-1].version
    try:  # SQLite would open, create or write each of them through a link
        refuse_links(db_path.parent, tuple(db_path.name + side for side in _OWN_SIDES))
    except LinkedFileError as exc:
        raise DatabaseError(str(exc)) from exc
    marked = damage_mark(db_path).exists()
    try:
        if _inspect(db_path, target, full_check=marked or not check_later) == _READY:
            if marked:  # checked in full again and sound (restored meanwhile)
                _forget_damage(db_path)
            return OpenReport(read_only=not can_write(db_path))
    except _Damaged:
        pass  # moved aside below, under the lock
    if not can_write(db_path):
        raise ReadOnlyLogError(_read_only_reason(db_path, target))
    try:
        with contextlib.nullcontext() if lock_held else hold_write_lock(db_path, on_wait):
            return _set_up(db_path, backups_dir, damaged_dir, now, migrations)
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRNOS:
            raise ReadOnlyLogError(_read_only_reason(db_path, target)) from exc
        raise
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == SQLITE_READONLY:
            raise ReadOnlyLogError(_read_only_reason(db_path, target)) from exc
        raise


def _set_up(db_path: Path, backups_dir: Path, damaged_dir: Path, now: datetime,
            migrations: Sequence[Migration]) -> OpenReport:
    """Create, repair or upgrade the log; the caller holds the write lock."""
    report = OpenReport()
    target = migrations[-1].version
    version = 0
    try:
        version = _version(_inspect(db_path, target), target)
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
        report.backup = backup_file(db_path, backups_dir, now, BackupKind.BEFORE_UPGRADE,
                                    upgrade_to=target)
        report.migrated_from = version
        log.info("backed up %s to %s before migrating v%d -> v%d",
                 db_path, report.backup, version, target)
    migrate(db_path, todo, now)
    return report


# What _inspect returns for a sound log of the newest schema with its
# athlete: nothing to write.
_READY = -1
SQLITE_READONLY = 8
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


def _version(inspected: int, target: int) -> int:
    return target if inspected == _READY else inspected


def can_write(db_path: Path) -> bool:
    """Whether this process may write the log and create files beside it (its
    WAL, the write lock). A read-only file or disk says so here, before any
    backup or half-done step."""
    if db_path.exists():
        try:
            os.close(os.open(db_path, os.O_RDWR))
        except OSError as exc:
            if exc.errno in _READ_ONLY_ERRNOS:
                return False
            raise
    return os.access(db_path.parent, os.W_OK)


def _read_only_reason(db_path: Path, target: int) -> str:
    version = 0
    with contextlib.suppress(_Damaged, DatabaseError):
        version = _version(_inspect(db_path, target), target)
    if 0 < version < target:
        return translate(
            "database", "{path} is from an older Hamstride (database schema {version}) and needs "
            "an upgrade to schema {newest} before this version can use it, but it is read-only "
            "(the file or its disk). Nothing was changed: make it writable, then try again.").format(
                path=db_path, version=format_integer(version), newest=format_integer(target))
    return translate(
        "database", "the training log {path} cannot be set up: it is read-only (the file or its "
        "disk). Nothing was changed: make it writable, then try again.").format(path=db_path)


def _reader_uri(db_path: Path) -> str:
    """The URI a reader opens ``db_path`` by. On a disk nothing can write
    (a read-only mount) a WAL log without its index file cannot be opened
    the usual way, since SQLite would have to create the index; as nobody
    can change the file there, it is read as it stands (immutable)."""
    uri = f"{db_path.as_uri()}?mode=ro"
    if not os.access(db_path.parent, os.W_OK) and not Path(f"{db_path}-shm").exists():
        uri += "&immutable=1"
    return uri


def connect(db_path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's pragmas, in autocommit mode
    (transactions are begun explicitly, never implicitly by the driver)."""
    if read_only:
        # timeout= is the busy timeout; nothing else applies to a reader.
        return sqlite3.connect(_reader_uri(db_path), uri=True, isolation_level=None,
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
    """Return the file's schema version, after checking it is a sound Hamstride
    database; ``_READY`` when it is of ``target`` and has its athlete.
    Without ``full_check`` the pages are not all read (see open_database)."""
    if db_path.is_dir():  # not ours to move: a folder may hold anything
        raise DatabaseError(translate(
            "database", "{path} is a folder, not Hamstride's database file. Nothing was changed: "
            "move or rename the folder, then try again.").format(path=db_path))
    if not db_path.exists() or db_path.stat().st_size == 0:
        return 0
    # The reasons SQLite gives are in its words, in English.
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _Damaged(translate("database", "it is not an SQLite database"))
    try:
        connection = sqlite3.connect(_reader_uri(db_path), uri=True,
                                     timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(translate("database", "cannot open {path}: {reason}")
                            .format(path=db_path, reason=explain(exc, db_path) or exc)) from exc
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
        if version == target and connection.execute(
                "SELECT EXISTS (SELECT 1 FROM athlete)").fetchone()[0]:
            return _READY
        return int(version)
    except sqlite3.DatabaseError as exc:
        # Only "this is not a database" and "this database is corrupt" justify
        # moving the file aside. Anything else (locked, no permission, disk
        # error) says nothing about the file, which is left where it is.
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise _Damaged(str(exc)) from exc
        raise DatabaseError(translate("database", "cannot read {path}: {reason}")
                            .format(path=db_path, reason=explain(exc, db_path) or exc)) from exc
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
        self._connection = sqlite3.connect(_reader_uri(db_path), uri=True, isolation_level=None,
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
    if damaged_dir.exists() and not damaged_dir.is_dir():
        raise DatabaseError(translate(
            "database", "{path} cannot be read and cannot be moved aside: {folder} is a file, not "
            "a folder. Nothing was changed: move or rename that file, then try again.")
            .format(path=db_path, folder=damaged_dir))
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


def migrate(db_path: Path, todo: Sequence[Migration], now: datetime) -> None:
    """Run the steps ``todo`` in order, each in its own exclusive transaction
    (open_database takes the write lock and a backup first)."""
    connection = connect(db_path)
    try:
        for migration in todo:
            # EXCLUSIVE, and the version read again inside: a process that
            # does not take the write lock (an older Hamstride) and got
            # here first has done this step, which is then skipped instead
            # of failing half-way ("table athlete already exists").
            connection.execute("BEGIN EXCLUSIVE")
            try:
                if connection.execute("PRAGMA user_version").fetchone()[0] >= migration.version:
                    connection.execute("COMMIT")
                    continue
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

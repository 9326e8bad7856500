"""Backups through SQLite's online backup API.

The backup API copies a consistent snapshot even while the app is writing,
which a plain file copy of a WAL database cannot promise.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from pathlib import Path

from app.kernel.atomic import fsync_dir, fsync_file
from app.kernel.i18n import format_integer, translate
from app.storage.timestamps import file_stamp

if sys.platform != "win32":
    import fcntl

KEEP_BACKUPS = 10  # of each kind
KEEP_PER_UPGRADE_VERSION = 1  # before-upgrade copies, per schema version
_PREFIX = "hamstride-"
PARTIAL_SUFFIX = ".partial"
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")  # files SQLite keeps beside a database


class BackupKind(StrEnum):
    """Why a backup was made. Each kind rotates on its own (see prune): one
    kind made over and over, such as a before-upgrade copy at every start of
    a log that cannot be upgraded, must never push out the others."""

    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_IMPORT = "before-import"
    BEFORE_RESTORE = "before-restore"
    BEFORE_UPGRADE = "before-upgrade"  # named "before-v<N>" by the schema version it was for


_UPGRADE_TOKEN = re.compile(r"^before-v(\d+)$")


def _token(kind: BackupKind, upgrade_to: int | None) -> str:
    """The kind as the file name spells it."""
    if (kind is BackupKind.BEFORE_UPGRADE) != (upgrade_to is not None):
        raise ValueError("a before-upgrade backup, and only one, names its schema version")
    return f"before-v{upgrade_to}" if upgrade_to is not None else kind.value


def _parse_token(token: str) -> tuple[BackupKind, int | None] | None:
    upgrade = _UPGRADE_TOKEN.match(token)
    if upgrade is not None:
        return BackupKind.BEFORE_UPGRADE, int(upgrade.group(1))
    if token == BackupKind.BEFORE_UPGRADE.value:
        return None  # never a file name: the version is always in it
    try:
        return BackupKind(token), None
    except ValueError:
        return None


def backup_file(db_path: Path, backups_dir: Path, now: datetime, kind: BackupKind,
                keep: int = KEEP_BACKUPS, *, upgrade_to: int | None = None) -> Path:
    """Copy ``db_path`` to a new file in ``backups_dir`` and prune old backups.

    ``upgrade_to``, the schema version, goes with BEFORE_UPGRADE and only
    with it. ``keep`` backups of each kind are kept; of before-upgrade copies,
    the newest per schema version.

    The copy is written under a ``.partial`` name and renamed only when it is
    whole and on disk, so a crash or a kill part-way leaves no half backup
    among the real ones (the leftover is removed by the next backup). The
    copy is switched out of WAL mode: one self-contained file, which opening
    it to check or restore does not add -wal and -shm files to.
    """
    token = _token(kind, upgrade_to)
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_partial_backups(backups_dir)
    destination, partial, fd = _reserve(backups_dir, now, token)
    try:
        source = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        finally:
            source.close()
        fsync_file(partial)
        os.replace(partial, destination)
        fsync_dir(backups_dir)
    except BaseException:
        _remove_with_side_files(partial)
        raise
    finally:
        if fd is not None:
            os.close(fd)  # lets go of the partial's lock
    prune(backups_dir, keep)
    return destination


def _reserve(backups_dir: Path, now: datetime, token: str) -> tuple[Path, Path, int | None]:
    """A name no other backup has or is being written under, even by another
    process in the same second (the window's daily backup and a command's):
    the partial file is created exclusively, and held locked while it is
    written so that another process's remove_partial_backups leaves it be."""
    stamp = file_stamp(now)
    n = 0
    while True:
        destination = backups_dir / f"{_PREFIX}{stamp}-{n:02d}-{token}.db"
        partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
        n += 1
        if destination.exists():
            continue
        try:
            fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another backup is being written under it
            continue
        if destination.exists():  # published by another between the two looks
            os.close(fd)
            partial.unlink(missing_ok=True)
            continue
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            os.close(fd)
            return destination, partial, None
        fcntl.flock(fd, fcntl.LOCK_EX)  # a new file of ours: never waits
        return destination, partial, fd


def remove_partial_backups(backups_dir: Path) -> None:
    """Backups a crash or a kill interrupted (never listed, never restored);
    one another process is writing now is left alone."""
    for leftover in backups_dir.glob(f"{_PREFIX}*.db{PARTIAL_SUFFIX}*"):
        partial = Path(str(leftover).partition(PARTIAL_SUFFIX)[0] + PARTIAL_SUFFIX)
        if _being_written(partial):
            continue
        try:
            leftover.unlink(missing_ok=True)
        except PermissionError:  # Windows: open in the process writing it
            continue


def _being_written(partial: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover - see _reserve
        return False
    try:
        fd = os.open(partial, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also lets go of the lock just taken
    return False


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_SUFFIXES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, newest first (names sort by time)."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob(f"{_PREFIX}*.db"), reverse=True)


def prune(backups_dir: Path, keep: int) -> None:
    """Keep the newest ``keep`` backups of each kind, and the newest
    before-upgrade copy of each schema version.

    One rotation for all once let eleven failed upgrades delete every daily,
    manual and before-import backup. A failed upgrade leaves the log as it
    was, so its newest copy is as good as the earlier ones. A file whose kind
    is not known here (another version's) is never removed.
    """
    seen: dict[tuple[BackupKind, int | None], int] = {}
    for backup in list_backups(backups_dir):  # newest first
        parsed = _parse_token(backup_reason(backup))
        if parsed is None:
            continue
        limit = KEEP_PER_UPGRADE_VERSION if parsed[0] is BackupKind.BEFORE_UPGRADE else keep
        seen[parsed] = seen.get(parsed, 0) + 1
        if seen[parsed] > limit:
            _remove_with_side_files(backup)


_NAME = re.compile(rf"^{_PREFIX}(\d{{8}}T\d{{6}}Z)-\d+-([a-z0-9-]+)\.db$")


class BackupError(Exception):
    """A backup that cannot be restored; the message says why. Nothing was changed."""


def backup_time(path: Path) -> datetime | None:
    """When a backup was made (UTC), read from its name; None for other files."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def backup_reason(path: Path) -> str:
    """The kind as the file name spells it ("daily", "before-v7"); "" for other files."""
    match = _NAME.match(path.name)
    return match.group(2) if match else ""


def backup_kind(path: Path) -> BackupKind | None:
    """The kind of a backup, read from its name; None for other files."""
    parsed = _parse_token(backup_reason(path))
    return None if parsed is None else parsed[0]


def upgrade_version(path: Path) -> int | None:
    """The schema version a before-upgrade copy was made for; None otherwise."""
    parsed = _parse_token(backup_reason(path))
    return None if parsed is None else parsed[1]


def daily_backup_due(backups_dir: Path, now: datetime, tz: tzinfo | None = None) -> bool:
    """True when no daily backup was made on ``now``'s local day yet."""
    today = _local_day(now, tz)
    return not any(backup_kind(p) is BackupKind.DAILY and (made := backup_time(p)) is not None
                   and _local_day(made, tz) == today for p in list_backups(backups_dir))


def _local_day(moment: datetime, tz: tzinfo | None) -> date:
    return moment.astimezone(tz).date()


def check_backup(path: Path, newest_version: int, application_id: int) -> int:
    """Check that ``path`` is a sound Hamstride database this version can open;
    returns its schema version, or raises BackupError saying what is wrong.
    (SQLite's own reasons are in its words, in English.)"""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(translate("backup", "{file} cannot be opened: {reason}")
                          .format(file=path.name, reason=exc)) from exc
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if int(connection.execute("PRAGMA application_id").fetchone()[0]) != application_id:
            raise BackupError(translate("backup", "{file} is not a Hamstride database")
                              .format(file=path.name))
        if version > newest_version:
            raise BackupError(translate("backup", "{file} was written by a newer Hamstride (schema "
                                                  "{version}; this version knows up to {newest})")
                              .format(file=path.name, version=format_integer(version),
                                      newest=format_integer(newest_version)))
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(translate("backup", "{file} fails the integrity check: {reason}")
                              .format(file=path.name, reason=result[0]))
        return version
    except sqlite3.DatabaseError as exc:
        raise BackupError(translate("backup", "{file} is not a readable database: {reason}")
                          .format(file=path.name, reason=exc)) from exc
    finally:
        connection.close()


def copy_into(source_path: Path, target: sqlite3.Connection) -> None:
    """Replace the content of ``target``'s database with ``source_path``'s,
    through the backup API: one write transaction on the target, so other
    connections see the old content or the new, never a mix."""
    source = sqlite3.connect(f"{source_path.as_uri()}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()



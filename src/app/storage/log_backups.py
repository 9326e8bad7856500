"""The backups of an open log: the day's, the athlete's own, and restoring one.

The files themselves (naming, copying, pruning, checking) are
``app.storage.backup``'s; this is the open log's side: when a backup is due,
and making the log what a backup holds under the log's write lock.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.storage import backup as backups
from app.storage.database import APPLICATION_ID, connect, open_database
from app.storage.migrations import MIGRATIONS
from app.storage.unit_of_work import LogDatabase
from app.storage.write_lock import hold_write_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    safety_backup: Path
    migrated_from: int | None


class LogBackups:
    def __init__(self, db: LogDatabase, backups_dir: Path) -> None:
        self._db = db
        self.backups_dir = backups_dir

    def daily_backup(self) -> Path | None:
        """The day's backup, at its first session; None when there is one already.

        A failed backup is logged and does not stop the session: training
        must go on, and the next session tries again."""
        if not backups.daily_backup_due(self.backups_dir, self._db.now()):
            return None
        try:
            return self.backup(backups.BackupKind.DAILY)
        except (OSError, sqlite3.Error) as exc:
            log.warning("daily backup failed: %s", exc)
            return None

    def backup(self, kind: backups.BackupKind = backups.BackupKind.MANUAL) -> Path:
        path = backups.backup_file(self._db.db_path, self.backups_dir, self._db.now(), kind)
        log.info("backup written to %s", path)
        return path

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
        db_path = self._db.db_path
        backups.check_backup(backup_path, MIGRATIONS[-1].version, APPLICATION_ID)
        with hold_write_lock(db_path, on_wait):
            safety = self.backup(backups.BackupKind.BEFORE_RESTORE)
            self._db.dispose()  # no pooled connection keeps a read snapshot of the old log
            connection = connect(db_path)
            try:
                backups.copy_into(backup_path, connection)
            finally:
                connection.close()
            report = open_database(db_path, self.backups_dir, db_path.parent / "damaged",
                                   self._db.now(), lock_held=True)
        reader = self._db.reader
        reader.athlete_id = reader.first_athlete()
        log.info("restored %s (safety copy %s)", backup_path, safety)
        return RestoreResult(restored=backup_path, safety_backup=safety,
                             migrated_from=report.migrated_from)

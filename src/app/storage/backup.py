"""Backups through SQLite's online backup API.

The backup API copies a consistent snapshot even while the app is writing,
which a plain file copy of a WAL database cannot promise.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from app.storage.timestamps import file_stamp, first_free

KEEP_BACKUPS = 10
_PREFIX = "hamstride-"


def backup_file(db_path: Path, backups_dir: Path, now: datetime, reason: str,
                keep: int = KEEP_BACKUPS) -> Path:
    """Copy ``db_path`` to a new file in ``backups_dir`` and prune old backups."""
    backups_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    destination = _new_backup_path(backups_dir, now, reason)
    fd = os.open(destination, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        source = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(destination)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    prune(backups_dir, keep)
    return destination


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, newest first (names sort by time)."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob(f"{_PREFIX}*.db"), reverse=True)


def prune(backups_dir: Path, keep: int) -> None:
    for old in list_backups(backups_dir)[keep:]:
        old.unlink(missing_ok=True)


def _new_backup_path(backups_dir: Path, now: datetime, reason: str) -> Path:
    stamp = file_stamp(now)
    return first_free(lambda n: backups_dir / f"{_PREFIX}{stamp}-{n:02d}-{reason}.db")

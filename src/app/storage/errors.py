"""What a failed write means for the athlete, in words they can act on.

SQLite reports a full disk, a lock held by another program or a read-only
file as "(sqlite3.OperationalError) database or disk is full [SQL: ...]".
The window shows the reason next to the set that could not be saved, so it
must say what happened and what to do, not which statement failed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from app.kernel.i18n import translate


class StorageProblem(Exception):
    """A write failed for a reason outside the app (disk, lock, permissions).

    ``str()`` is the sentence for the athlete; ``__cause__`` keeps the
    original error for the log.
    """


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``exc`` (SQLAlchemy wraps it as ``.orig``)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        if isinstance(orig, sqlite3.Error):
            return orig
        current = current.__cause__ or current.__context__
    return None


def explain(exc: BaseException, where: Path | None = None) -> str | None:
    """A sentence for a disk, lock or permission failure; None for anything else.
    ``where``: a file on the disk concerned. SQLite reports a full disk met
    while it makes a WAL log's index as a disk I/O error; with ``where`` a
    disk with no room left is then called full."""
    error = _sqlite_error(exc)
    text = str(error if error is not None else exc).lower()
    if where is not None and "disk i/o error" in text and _no_room(where):
        return _full()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text \
            or "database or disk is full" in text:
        return _full()
    if (isinstance(exc, OSError) and exc.errno == errno.EROFS) or "readonly" in text \
            or "read-only" in text:
        return translate("StorageProblem", "the training log cannot be written: the disk or "
                         "the file is read-only")
    if isinstance(exc, OSError) and exc.errno == errno.EIO:
        return _io_error()
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM):
        return translate("StorageProblem", "permission denied: Hamstride may not write there. "
                         "Check the folder's owner and permissions, then try again")
    if error is None:
        return None
    if "locked" in text or "busy" in text:
        return translate("StorageProblem", "the training log is in use by another program. "
                         "Close it, then try again")
    if "disk i/o error" in text:
        return _io_error()
    if "unable to open database file" in text:
        return translate("StorageProblem", "the training log could not be opened: its folder "
                         "or disk is missing or may not be used. Check it, then try again")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return translate("StorageProblem", "the training log file is damaged. Restart "
                         "Hamstride: it keeps the damaged file aside and offers your backups")
    return None


def _no_room(where: Path) -> bool:
    if not hasattr(os, "statvfs"):  # Windows names a full disk as such
        return False
    folder = where if where.is_dir() else where.parent
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def _full() -> str:
    return translate("StorageProblem", "the disk is full. Free some space, then try again")


def _io_error() -> str:
    return translate("StorageProblem", "the disk could not be read or written (a disk I/O "
                     "error). Check the drive, then try again")


def as_problem(exc: Exception) -> Exception:
    """``exc`` itself, or a StorageProblem with the sentence when one applies."""
    sentence = explain(exc)
    if sentence is None:
        return exc
    problem = StorageProblem(sentence)
    problem.__cause__ = exc
    return problem

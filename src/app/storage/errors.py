"""What a failed write means for the athlete, in words they can act on.

SQLite reports a full disk, a lock held by another program or a read-only
file as "(sqlite3.OperationalError) database or disk is full [SQL: ...]".
The window shows the reason next to the set that could not be saved, so it
must say what happened and what to do, not which statement failed.
"""

from __future__ import annotations

import errno
import sqlite3

from app.i18n import translate


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


def explain(exc: BaseException) -> str | None:
    """A sentence for a disk, lock or permission failure; None for anything else."""
    error = _sqlite_error(exc)
    text = str(error if error is not None else exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text \
            or "database or disk is full" in text:
        return translate("StorageProblem", "the disk is full. Free some space, then try again")
    if (isinstance(exc, OSError) and exc.errno == errno.EROFS) or "readonly" in text \
            or "read-only" in text:
        return translate("StorageProblem", "the training log cannot be written: the disk or "
                         "the file is read-only")
    if error is None:
        return None
    if "locked" in text or "busy" in text:
        return translate("StorageProblem", "the training log is in use by another program. "
                         "Close it, then try again")
    if "disk i/o error" in text:
        return translate("StorageProblem", "the disk could not be written (a disk I/O error). "
                         "Check the drive, then try again")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return translate("StorageProblem", "the training log file is damaged. Restart "
                         "Hamstride: it keeps the damaged file aside and offers your backups")
    return None


def as_problem(exc: Exception) -> Exception:
    """``exc`` itself, or a StorageProblem with the sentence when one applies."""
    sentence = explain(exc)
    if sentence is None:
        return exc
    problem = StorageProblem(sentence)
    problem.__cause__ = exc
    return problem

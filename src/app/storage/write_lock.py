"""One writer at a time for the things SQLite's own locking does not cover.

A transaction keeps two processes from writing the same rows, but not from
both deciding, before either has started, that the log needs creating or
upgrading, or that an import's sessions are new, or from both writing a
backup under the same name. Those steps run under this lock: an OS advisory
lock on a file beside the database, which the kernel drops when the holder
dies, however it dies (no stale lock ever locks the athlete out).

A process that finds the lock held waits for it: the holder is another
Hamstride creating, upgrading or importing, which ends. ``on_wait`` is told
once, so that a command can say what it is waiting for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.kernel.atomic import open_private

WRITE_LOCK_SUFFIX = ".write-lock"


def write_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + WRITE_LOCK_SUFFIX)


@contextmanager
def hold_write_lock(db_path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the log's write lock for the ``with`` block, waiting for it if
    another process has it. OSError when the lock file cannot be opened
    (a read-only folder: nothing can be written there anyway); never through
    a symbolic link (app.kernel.atomic.SymlinkRefusedError)."""
    fd = open_private(write_lock_path(db_path), os.O_RDWR | os.O_CREAT)
    try:
        if not _try_lock(fd):
            if on_wait is not None:
                on_wait()
            _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(fd: int) -> None:
        while True:  # LK_LOCK gives up after ten tries of a second each
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

"""One running Hamstride per data directory.

An OS advisory lock on a file in the data dir: the kernel drops it when the
process dies, however it dies, so a crash or SIGKILL never leaves a stale
lock behind that would lock the athlete out of their own data.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from app.atomic import SymlinkRefusedError, open_private
from app.i18n import translate


class AlreadyRunningError(Exception):
    """Another process holds the lock for this data dir."""


class LockFileError(Exception):
    """The lock file cannot be used (a symbolic link, a folder, a disk that
    refuses to make it); the message says why, in one line."""


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            # Never through a symbolic link: a planted one would have its
            # target truncated (open_private refuses it, and makes the file 0600).
            fd = open_private(self.path, os.O_RDWR | os.O_CREAT)
        except OSError as exc:
            reason = str(exc) if isinstance(exc, SymlinkRefusedError) else translate(
                "InstanceLock", "the lock file {file} cannot be opened: {reason}").format(
                file=self.path, reason=exc.strerror or exc)
            raise LockFileError(reason) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunningError(
                translate("InstanceLock", "Hamstride is already running with the data in {folder}")
                .format(folder=self.path.parent)) from exc
        # Record who holds it, for someone looking at the file by hand. The
        # lock itself is the kernel's and needs no disk space, so a full disk
        # (ENOSPC) or a quota must not stop the start: the id is a courtesy.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

"""One running Hamstride per data directory.

An OS advisory lock on a file in the data dir: the kernel drops it when the
process dies, however it dies, so a crash or SIGKILL never leaves a stale
lock behind that would lock the athlete out of their own data.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from app.kernel.atomic import SymlinkRefusedError, open_private
from app.kernel.i18n import translate

log = logging.getLogger(__name__)

# What a folder that cannot be written answers when the lock file is made there.
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


class AlreadyRunningError(Exception):
    """Another process holds the lock for this data dir."""


class LockFileError(Exception):
    """The lock file cannot be used (a symbolic link, a folder, a disk that
    refuses to make it); the message says why, in one line."""


class ReadOnlyLockFileError(LockFileError):
    """The lock file cannot be made or written: its folder (or disk) is read-only."""


class InstanceLock:
    def __init__(self, path: Path, *, read_only: bool = False,
                 folder: Path | None = None) -> None:
        """``read_only``: lock the file as it is, opened for reading (a flock
        needs no write), neither creating it nor writing the process id.
        ``folder``: the data folder the lock stands for, when the file is
        elsewhere (the runtime dir)."""
        self.path = path
        self.folder = folder or path.parent
        self._read_only = read_only
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            # Never through a symbolic link: a planted one would have its
            # target truncated (open_private refuses it, and makes the file 0600).
            fd = open_private(self.path, os.O_RDONLY if self._read_only
                              else os.O_RDWR | os.O_CREAT)
        except OSError as exc:
            reason = str(exc) if isinstance(exc, SymlinkRefusedError) else translate(
                "InstanceLock", "the lock file {file} cannot be opened: {reason}").format(
                file=self.path, reason=exc.strerror or exc)
            if exc.errno in _READ_ONLY_ERRNOS and not isinstance(exc, SymlinkRefusedError):
                raise ReadOnlyLockFileError(reason) from exc
            raise LockFileError(reason) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunningError(
                translate("InstanceLock", "Hamstride is already running with the data in {folder}")
                .format(folder=self.folder)) from exc
        # Record who holds it, for someone looking at the file by hand. The
        # lock itself is the kernel's and needs no disk space, so a full disk
        # (ENOSPC) or a quota must not stop the start: the id is a courtesy.
        if not self._read_only:
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


def acquire_instance_lock(path: Path) -> InstanceLock | None:
    """The one-window lock of the data folder that holds ``path``, acquired
    (AlreadyRunningError when another window has it, LockFileError when it
    cannot be used).

    A folder that cannot be written (a read-only disk: issue 15 point 12,
    the window refused to start there though the log can be read) cannot
    make the lock file. The file already there is locked as it is, opened
    for reading, so every window on that folder still meets the same lock;
    without one, a lock named after the folder is made in the user's
    runtime dir (XDG_RUNTIME_DIR: private, and gone at log-out). With
    neither, the window opens without the lock (None; the reason is
    logged): nothing can be written to that folder, so two windows cannot
    overwrite each other's work there."""
    lock = InstanceLock(path)
    try:
        lock.acquire()
        return lock
    except ReadOnlyLockFileError as exc:
        refused: LockFileError = exc
    if path.is_file() and not path.is_symlink():
        lock = InstanceLock(path, read_only=True)
        lock.acquire()
        return lock
    runtime = runtime_lock_path(path.parent)
    if runtime is not None:
        try:
            runtime.parent.mkdir(mode=0o700, exist_ok=True)
            lock = InstanceLock(runtime, folder=path.parent)
            lock.acquire()
            return lock
        except (OSError, LockFileError) as exc:
            refused = LockFileError(str(exc))
    log.warning("opened without the one-window lock (%s): the folder cannot be written", refused)
    return None


RUNTIME_DIR_ENV = "XDG_RUNTIME_DIR"


def runtime_lock_path(data_dir: Path) -> Path | None:
    """Where a read-only data folder's lock is kept: the user's runtime dir,
    a file named after the folder's real path (two names for one folder, one
    lock). None where there is no runtime dir (not Linux, or not a session)."""
    runtime = os.environ.get(RUNTIME_DIR_ENV)
    if not runtime or not Path(runtime).is_dir():
        return None
    # Imported here: hashlib loads OpenSSL (~3 MB, ~3 ms), and only a window
    # on a read-only folder needs this name; every start imports this module.
    import hashlib

    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:32]
    return Path(runtime) / "hamstride" / f"{digest}.lock"


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

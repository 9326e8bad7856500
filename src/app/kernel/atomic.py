"""Write a file so that readers see either the old content or the new, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.kernel.i18n import translate


class NotARegularFileError(OSError):
    """The target exists and is a folder, a device, a pipe or a socket (or a
    link to one): writing "over" it would replace a device node or feed a
    pipe, so it is refused and left as it was."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, translate(
            "atomic", "it exists and is not a regular file (a folder, a device or a pipe); "
                      "give the name of a file"), str(path))

    def __str__(self) -> str:  # one clear line wherever it is shown, without the errno
        return str(self.strerror)


class SymlinkRefusedError(OSError):
    """A file the app keeps in its data folder is a symbolic link: writing
    through it would truncate or append to whatever it points at (a planted
    ``hamstride.lock`` link once truncated its target to the process id)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, translate(
            "atomic", "{file} is a symbolic link; Hamstride writes its own files only, never "
                      "through a link: remove it and start again").format(file=path), str(path))

    def __str__(self) -> str:  # one clear line wherever it is shown, without the errno
        return str(self.strerror)


PRIVATE_MODE = 0o600  # every file the app writes: the log holds personal data
# Not on Windows, where there are no symbolic links for a user to plant this way.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` for a file of the app's own: never through a symbolic link
    (SymlinkRefusedError), created 0600, and an older file made 0600 again."""
    path = Path(path)
    try:
        fd = os.open(path, flags | _NOFOLLOW, PRIVATE_MODE)
    except OSError as exc:
        if path.is_symlink():  # ELOOP on Linux, EMLINK on FreeBSD: ask the file itself
            raise SymlinkRefusedError(path) from exc
        raise
    _make_private(fd)
    return fd


def prepare_private_file(path: Path) -> None:
    """For a file another library writes (Qt's settings): refuse a symbolic
    link, and create it 0600 (or make it 0600), which the library keeps when
    it rewrites the file. Any other failure is left to the writer to report."""
    try:
        os.close(open_private(path, os.O_RDONLY | os.O_CREAT))
    except SymlinkRefusedError:
        raise
    except OSError:
        pass  # a read-only or full disk: the writer says so, or keeps it in memory


def _make_private(fd: int) -> None:
    if hasattr(os, "fchmod"):  # not on Windows before Python 3.13: no such modes there
        with contextlib.suppress(OSError):  # a file we may read but not change (not ours)
            os.fchmod(fd, PRIVATE_MODE)


def check_target(path: Path) -> None:
    """Raise NotARegularFileError when ``path`` exists and is not a regular
    file (following a link: a link to a file is written as the file was);
    other OSErrors (a name too long, a folder that is not there) as they come."""
    try:
        mode = Path(path).stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotARegularFileError(Path(path))


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    The file is created 0600 (mkstemp's mode): exports hold personal data.
    On any error the temporary file is removed and ``path`` is left untouched.
    A ``path`` that exists and is not a regular file is refused first
    (check_target): the rename would replace a device node or a pipe.
    """
    path = Path(path)
    directory = path.parent
    check_target(path)
    fd, tmp_name = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=_TEMPORARY_SUFFIX,
                                    dir=directory)
    tmp = Path(tmp_name)
    try:
        binary = "b" in mode
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(directory)


_TEMPORARY_SUFFIX = ".tmp"


# Bytes of the target's name kept in the temporary's: the dot, the random
# part and the suffix must fit with it in NAME_MAX (255 bytes), or a long
# name the file system takes would be refused for its temporary's sake.
_NAME_BYTES_KEPT = 200


def _temporary_prefix(path: Path) -> str:
    name = path.name
    while len(os.fsencode(name)) > _NAME_BYTES_KEPT:  # whole characters, never half of one
        name = name[:-1]
    return f".{name}."


def remove_leftovers(path: Path) -> int:
    """Remove the temporary files that writes of ``path`` left when the
    process was killed between creating and renaming them; returns how many."""
    path = Path(path)
    removed = 0
    for leftover in path.parent.glob(f"{_temporary_prefix(path)}*{_TEMPORARY_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed


def fsync_file(path: Path) -> None:
    """Put a finished file's bytes on disk (before it is renamed into place)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename itself durable (POSIX only; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fsync_file(directory)

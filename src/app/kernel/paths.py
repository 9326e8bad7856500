"""Where Hamstride keeps its files.

By default the database and backups live in platformdirs' user data dir and
the logs in its user log dir, both for the app name "Hamstride". An explicit
``--data-dir`` (or ``HAMSTRIDE_DATA_DIR``) moves everything, logs included,
under that one directory so a whole data set can be copied or thrown away as
a unit (tests rely on this to stay inside ``tmp_path``).
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app import APP_NAME
from app.kernel.i18n import translate

DATA_DIR_ENV = "HAMSTRIDE_DATA_DIR"
DATABASE_NAME = "hamstride.db"
LOG_FILE_NAME = "hamstride.log"

log = logging.getLogger(__name__)


class DataDirError(Exception):
    """The data directory cannot be created or written. The message names it."""


class ReadOnlyDataDirError(DataDirError):
    """The data directory is there but read-only (the folder or its disk)."""


class LinkedFileError(DataDirError):
    """A symbolic link where the data directory keeps a file of its own."""


# Where the data folder keeps a file: the log and SQLite's side files (SQLite
# opens and writes each through a link: a planted hamstride.db link had the
# athlete's sets read from, or a new log made at, its target), the write lock
# (app.storage.write_lock), the instance lock and the saved session
# (app.session.saved.SAVED_SESSION_FILE; tests check the two agree).
OWN_DATA_FILES = (DATABASE_NAME, f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm",
                  f"{DATABASE_NAME}-journal", f"{DATABASE_NAME}.write-lock", "hamstride.lock",
                  "session-in-progress.json")


def refuse_links(directory: Path, names: tuple[str, ...] = OWN_DATA_FILES) -> None:
    """LinkedFileError, in one line, if any of ``names`` in ``directory`` is a
    symbolic link (a dangling one too): the app's files are never opened
    through a link, and a link is not removed for the athlete either."""
    for name in names:
        if (directory / name).is_symlink():
            raise LinkedFileError(translate(
                "paths", "{path} is a symbolic link where Hamstride keeps a file of its own; "
                         "it never opens one through a link: remove it and start again")
                .format(path=directory / name))


# What a refused write says about the folder rather than about the app.
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def damaged_dir(self) -> Path:
        """Where unreadable databases are moved aside, intact, for later rescue."""
        return self.data_dir / "damaged"

    @property
    def pictures_dir(self) -> Path:
        """Copies of the pictures the athlete chose for custom exercise steps."""
        return self.data_dir / "pictures"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "hamstride.lock"

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILE_NAME


def resolve_paths(data_dir: str | os.PathLike[str] | None = None,
                  environ: dict[str, str] | None = None) -> AppPaths:
    """Pick the directories: explicit argument, then environment, then platform default."""
    env = os.environ if environ is None else environ
    chosen = data_dir if data_dir is not None else env.get(DATA_DIR_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=root, log_dir=root / "logs")
    import platformdirs  # imported here: only the default location needs it

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def prepare_dirs(paths: AppPaths, *, read_only_ok: bool = False) -> bool:
    """Create the data and log dirs (0700: training logs are personal) and prove
    they are writable, so a bad location fails now with its name rather than
    later inside SQLite with a vaguer one.

    With ``read_only_ok`` (the commands that only read the log) an existing
    data dir that is read-only is accepted: the result is then False, and the
    log dir is not required either. Returns whether the data dir is writable."""
    try:
        _make_private_dir(paths.data_dir)
        _check_writable(paths.data_dir)
    except ReadOnlyDataDirError:
        if not (read_only_ok and paths.data_dir.is_dir()):
            raise
        refuse_links(paths.data_dir)
        return False
    refuse_links(paths.data_dir)
    if read_only_ok:
        try:
            _make_private_dir(paths.log_dir)
            _check_writable(paths.log_dir)
        except DataDirError as exc:  # the command runs without its log file
            log.info("no log file: %s", exc)
        return True
    _make_private_dir(paths.log_dir)
    _check_writable(paths.log_dir)
    return True


def _make_private_dir(directory: Path) -> None:
    if directory.is_dir():
        _tighten(directory)
        return
    if directory.exists():
        raise DataDirError(translate("paths", "{path} exists but is not a directory")
                           .format(path=directory))
    try:
        directory.mkdir(mode=0o700, parents=True)
        # mkdir's mode is filtered by the umask; set it exactly.
        directory.chmod(0o700)
    except OSError as exc:
        if exc.errno == errno.EROFS:
            raise _read_only(directory) from exc
        # The reason is the system's own words (strerror).
        raise DataDirError(translate("paths", "cannot create the data directory {path}: {reason}")
                           .format(path=directory, reason=exc.strerror or exc)) from exc


# What shows a folder is Hamstride's own (and so safe to make private).
_OWN_FILES = (DATABASE_NAME, LOG_FILE_NAME)


def _tighten(directory: Path) -> None:
    """Make an existing data or log folder 0700 again (a copy, a sync tool or
    a restore may have opened it up), but only when it is ours: empty or
    holding our database or log. ``--data-dir ~`` must not lock the home."""
    try:
        status = directory.stat()
        mode = stat.S_IMODE(status.st_mode)
        if not mode & 0o077 or status.st_uid != os.getuid():
            return
        if any(directory.iterdir()) and not any((directory / n).exists() for n in _OWN_FILES):
            return
        directory.chmod(0o700)
        log.info("made %s private (it was %o)", directory, mode)
    except OSError as exc:  # read-only disk, not ours: the writability check speaks
        log.warning("could not make %s private: %s", directory, exc)


def _check_writable(directory: Path) -> None:
    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRNOS:
            raise _read_only(directory) from exc
        raise DataDirError(translate("paths", "cannot write in {path}: {reason}")
                           .format(path=directory, reason=exc.strerror or exc)) from exc


def _read_only(directory: Path) -> ReadOnlyDataDirError:
    return ReadOnlyDataDirError(translate(
        "paths", "{path} is read-only (the folder or its disk): nothing can be written there")
        .format(path=directory))

"""Opening the training log for the window: the storage layer's imports,
opening (creating or upgrading) the database, the log file, and the session
a crash may have left. No Qt: the window's database loader runs it in a
worker thread and hands the outcome to the UI thread.

The whole-file integrity check is not done here: it grows with the log,
and runs once the log is shown (``app.storage.database.IntegrityCheck``).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app import APP_NAME, __version__
from app.kernel.clock import Clock
from app.kernel.i18n import translate
from app.kernel.paths import AppPaths

if TYPE_CHECKING:
    from app.session.saved import SavedSession
    from app.storage.database import OpenReport
    from app.storage.queries import LogReader

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedLog:
    """The log open for reading, what opening it did, and a session to resume."""

    reader: LogReader
    report: OpenReport
    saved: SavedSession | None


@dataclass(frozen=True)
class LogRefused:
    """The log could not be opened: what to tell the athlete (never SQLite's
    own text, which may hold a statement or a logged value)."""

    message: str


def open_log(paths: AppPaths, clock: Clock) -> OpenedLog | LogRefused:
    """Set up the log file, open the training log (creating or upgrading it;
    its whole-file check is left for later) and read the session a crash
    may have left."""
    if os.access(paths.log_dir, os.W_OK):
        from app.kernel.logs import configure_logging

        configure_logging(paths.log_file)
    # Else (a read-only data folder holding the log dir) there is no log
    # file: warnings and errors go to stderr only, as logging does unset.
    log.info("%s %s starting on %s", APP_NAME, __version__, paths.data_dir)
    try:
        from app.storage.database import DatabaseError, open_database
        from app.storage.queries import LogReader
    except Exception as exc:  # a broken installation
        log.exception("cannot load the storage layer")
        return LogRefused(translate("DatabaseLoader", "The storage layer could not be loaded: "
                                    "{error}").format(error=exc))
    try:
        report = open_database(paths.database, paths.backups_dir, paths.damaged_dir,
                               clock.now(), check_later=True)
        reader = LogReader(paths.database)
    except DatabaseError as exc:
        log.error("database refused: %s", exc)
        return LogRefused(str(exc))
    except Exception as exc:
        # The reason in words (a full disk, a lock, permissions), never
        # SQLite's or SQLAlchemy's text: that may hold a statement.
        log.exception("cannot open the database")
        from app.storage.errors import explain

        reason = explain(exc) or translate("DatabaseLoader", "the details for a bug report "
                                           "are in {log}").format(log=paths.log_file)
        return LogRefused(translate("DatabaseLoader", "The database {path} could not be opened: "
                                    "{error}").format(path=paths.database, error=reason))
    from app.kernel.atomic import remove_leftovers
    from app.session.saved import SAVED_SESSION_FILE, load_saved_session

    saved_path = paths.data_dir / SAVED_SESSION_FILE
    if remove_leftovers(saved_path):  # a kill between writing and renaming it
        log.info("removed unfinished copies of %s", saved_path.name)
    return OpenedLog(reader, report, load_saved_session(saved_path))

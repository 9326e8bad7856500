"""Opens the database off the UI thread, after the first paint.

The start-up integrity check grows with the log, and a migration may have to
run first. Doing that in a worker thread lets the window paint and answer the
keyboard at once; the result comes back as a queued signal. The worker also
does the imports only it needs (the storage layer, the rotating log file)
so that the UI thread never pays for them. Only the plain sqlite3 layer is
used: the ORM is not needed to show the log.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app import APP_NAME, __version__
from app.kernel.clock import Clock
from app.kernel.i18n import translate
from app.kernel.paths import AppPaths

if TYPE_CHECKING:
    from app.storage.database import IntegrityCheck
    from app.storage.queries import LogReader

log = logging.getLogger(__name__)


class DatabaseLoader(QObject):
    opened = Signal(object, object, object)  # LogReader, OpenReport, SavedSession | None
    failed = Signal(str)  # a message for the user
    damaged = Signal(str)  # what the integrity check run after opening found wrong

    def __init__(self, paths: AppPaths, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._thread: threading.Thread | None = None
        self._check_thread: threading.Thread | None = None
        self._check: IntegrityCheck | None = None
        # Run in the worker once the log is open, before it is handed over:
        # what the first screen needs besides the log, parsed off the UI thread.
        self.warm: Callable[[LogReader], object] | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._open, name="database-open", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the worker is done (used when quitting mid-open); an
        integrity check still running is stopped, not waited for."""
        if self._thread is not None:
            self._thread.join()
        if self._check is not None:
            self._check.interrupt()
        if self._check_thread is not None:
            self._check_thread.join()

    @property
    def check_thread(self) -> threading.Thread | None:
        """The integrity check's worker, once ``check_integrity`` started it."""
        return self._check_thread

    def check_integrity(self) -> None:
        """Read the whole log for damage in a worker thread, once the log is
        shown (it was opened without that check: seconds on a big log);
        ``damaged`` tells what was found."""
        from app.storage.database import IntegrityCheck

        try:
            self._check = IntegrityCheck(self._paths.database)
        except Exception as exc:  # the log was readable a moment ago: nothing is known
            log.warning("cannot start the integrity check: %s", exc)
            return
        self._check_thread = threading.Thread(target=self._run_check, name="database-check",
                                              daemon=True)
        self._check_thread.start()

    def _run_check(self) -> None:
        assert self._check is not None
        problem = self._check.run()
        if problem is not None:
            self.damaged.emit(problem)

    def _open(self) -> None:
        # Runs in the worker thread; the signals are delivered to the UI thread.
        paths = self._paths
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
            self.failed.emit(translate("DatabaseLoader", "The storage layer could not be loaded: "
                                       "{error}").format(error=exc))
            return
        try:
            report = open_database(paths.database, paths.backups_dir, paths.damaged_dir,
                                   self._clock.now(), check_later=True)
            reader = LogReader(paths.database)
        except DatabaseError as exc:
            log.error("database refused: %s", exc)
            self.failed.emit(str(exc))
            return
        except Exception as exc:
            # The reason in words (a full disk, a lock, permissions), never
            # SQLite's or SQLAlchemy's text: that may hold a statement.
            log.exception("cannot open the database")
            from app.storage.errors import explain

            reason = explain(exc) or translate("DatabaseLoader", "the details for a bug report "
                                               "are in {log}").format(log=paths.log_file)
            self.failed.emit(translate("DatabaseLoader", "The database {path} could not be opened: "
                                       "{error}").format(path=paths.database, error=reason))
            return
        # A session cut off by a crash is read here too: reading it needs the
        # session package (~40 ms of imports), which the UI thread is spared.
        from app.kernel.atomic import remove_leftovers
        from app.ui.session.saved import SAVED_SESSION_FILE, load_saved_session

        saved_path = paths.data_dir / SAVED_SESSION_FILE
        if remove_leftovers(saved_path):  # a kill between writing and renaming it
            log.info("removed unfinished copies of %s", saved_path.name)
        saved = load_saved_session(saved_path)
        if self.warm is not None:
            try:
                self.warm(reader)
            except Exception:  # the UI thread loads it again, and says what is wrong
                log.exception("cannot prepare the first screen")
        self.opened.emit(reader, report, saved)

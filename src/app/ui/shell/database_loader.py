"""Opens the database off the UI thread and hands it to the window.

A migration may have to run first, and the whole-file integrity check grows
with the log. The opening itself is app.usecases.log_opening's (Qt-free);
this loader runs it in a worker thread once the window is painted, warms
what the first screen needs, and brings the result to the UI thread as a
queued signal, so the window paints and answers the keyboard at once.
(Opening the log while Qt builds the window was measured: both threads
need the interpreter, and the window came later, the log no sooner.) The
worker also does the imports only it needs (the storage layer, the rotating
log file), so that the UI thread never pays for them. Only the plain
sqlite3 layer is used: the ORM is not needed to show the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.kernel.clock import Clock
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
        # (Imported here, in the worker: the UI thread's start does not need it.)
        from app.usecases.log_opening import LogRefused, open_log

        outcome = open_log(self._paths, self._clock)
        if isinstance(outcome, LogRefused):
            self.failed.emit(outcome.message)
            return
        if self.warm is not None:
            try:
                self.warm(outcome.reader)
            except Exception:  # the UI thread loads it again, and says what is wrong
                log.exception("cannot prepare the first screen")
        self.opened.emit(outcome.reader, outcome.report, outcome.saved)

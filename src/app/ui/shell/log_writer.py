"""Writes to the log off the UI thread, one job at a time, in order.

The ORM Store (and with it SQLAlchemy, ~0.3 s to import) is created in the
worker on the first write, so the window opens without it and never freezes
while it loads. Jobs are callables taking the Store; their results and
errors come back to the UI thread as signals carrying the job's number.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.kernel.clock import Clock
from app.kernel.paths import AppPaths

if TYPE_CHECKING:
    from app.storage.store import Store

log = logging.getLogger(__name__)

Job = Callable[["Store"], Any]


class LogWriter(QObject):
    job_finished = Signal(int, object)  # job number, the job's return value
    job_failed = Signal(int, object)  # job number, the exception (its str() is for the user)

    def __init__(self, paths: AppPaths, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._jobs: queue.Queue[tuple[int, Job] | None] = queue.Queue()
        self._next_number = 0
        self._thread: threading.Thread | None = None
        self._store: Store | None = None

    def submit(self, job: Job) -> int:
        """Queue ``job``; returns its number, which the signals carry back."""
        self._next_number += 1
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="log-writer", daemon=True)
            self._thread.start()
        self._jobs.put((self._next_number, job))
        return self._next_number

    def close(self) -> None:
        """Finish the queued jobs, then release the database."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                break
            number, job = item
            try:
                store = self._open_store()
                result = job(store)
            except Exception as exc:
                log.warning("write job %d failed: %s", number, exc,
                            exc_info=not isinstance(exc, ValueError))
                # A full disk or a lock held elsewhere reaches the athlete as
                # what to do about it, not as SQLite's words. (Imported here, in
                # the writer's thread: it loads sqlite3, which the first screen
                # does not need.)
                from app.storage.errors import as_problem

                self.job_failed.emit(number, as_problem(exc))
            else:
                self.job_finished.emit(number, result)
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open_store(self) -> Store:
        if self._store is None:
            from app.storage.store import Store

            self._store = Store(self._paths.database, self._paths.backups_dir, self._clock,
                                self._paths.pictures_dir)
        return self._store

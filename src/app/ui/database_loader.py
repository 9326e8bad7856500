"""Opens the database off the UI thread.

Importing SQLAlchemy alone takes ~0.3 s, and a start-up integrity check
grows with the log. Doing both in a worker thread lets the window paint and
answer the keyboard at once; the result comes back as a queued signal.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.clock import Clock
from app.paths import AppPaths

if TYPE_CHECKING:
    from app.storage.store import Store

log = logging.getLogger(__name__)


class DatabaseLoader(QObject):
    opened = Signal(object, object)  # Store, OpenReport
    failed = Signal(str)  # a message for the user

    def __init__(self, paths: AppPaths, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._open, name="database-open", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Block until the worker is done (used when quitting mid-open)."""
        if self._thread is not None:
            self._thread.join()

    def _open(self) -> None:
        # Runs in the worker thread; the signals are delivered to the UI thread.
        try:
            from app.storage.database import DatabaseError
            from app.storage.store import Store
        except Exception as exc:  # a broken install
            log.exception("cannot load the storage layer")
            self.failed.emit(f"The storage layer could not be loaded: {exc}")
            return
        try:
            store: Store
            store, report = Store.open(self._paths, self._clock)
        except DatabaseError as exc:
            log.error("database refused: %s", exc)
            self.failed.emit(str(exc))
            return
        except Exception as exc:
            log.exception("cannot open the database")
            self.failed.emit(f"The database {self._paths.database} could not be opened: {exc}")
            return
        self.opened.emit(store, report)

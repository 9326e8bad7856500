"""Which records a session beat, looked up off the UI thread.

Working the records out reads the whole log the first time (then the reader
keeps them until the log changes), so it runs on a thread of its own. Only
the latest request matters: moving through the session list with the arrow
keys asks again and again, and the answers for sessions already left behind
are never computed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.progress.records import PersonalRecord

log = logging.getLogger(__name__)


class RecordsLookup(QObject):
    found = Signal(int, object)  # session id, list[PersonalRecord] it beat

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._wanted: int | None = None
        self._closing = False
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def ask(self, session_id: int) -> None:
        with self._wake:
            self._wanted = session_id
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="records-lookup",
                                                daemon=True)
                self._thread.start()
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closing = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        from app.progress.queries import ProgressReader

        reader = ProgressReader(self._db_path)
        try:
            while True:
                with self._wake:
                    while self._wanted is None and not self._closing:
                        self._wake.wait()
                    if self._closing:
                        return
                    session_id, self._wanted = self._wanted, None
                assert session_id is not None
                self._answer(session_id, reader.records_broken_in)
        finally:
            reader.close()

    def _answer(self, session_id: int,
                lookup: Callable[[int], list[PersonalRecord]]) -> None:
        try:
            records = lookup(session_id)
        except Exception:  # a record line is a nicety: never let it take the page down
            log.exception("records of session %d could not be worked out", session_id)
            return
        self.found.emit(session_id, records)

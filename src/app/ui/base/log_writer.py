"""Writes to the log off the UI thread, one job at a time, in order.

The ORM Store (and with it SQLAlchemy, ~0.3 s to import) is created in the
worker on the first write, so the window opens without it and never freezes
while it loads. Jobs are callables taking the Store. ``submit`` returns a
WriteJob: its result (``done``) or its problem (``failed``) comes back on
the UI thread to the caller that asked, and to nobody else, so no part of
the app has to sort out which answer is its own.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.kernel.clock import Clock
from app.kernel.paths import AppPaths

if TYPE_CHECKING:
    from app.storage.store import Store

log = logging.getLogger(__name__)

Job = Callable[["Store"], Any]


def _nothing(_store: Store) -> None:
    """after_queued's job."""


class WriteJob(QObject):
    """One job queued on the LogWriter, as its caller sees it.

    ``done`` carries the job's return value, ``failed`` what went wrong (a
    StorageProblem, or the job's own exception: its str() is for the
    athlete). Either is emitted once, on the UI thread, and not at all when
    the job's receiver (the QObject that asked) has been deleted meanwhile:
    a closed dialog's or page's slot is never called. The worker thread never
    holds a WriteJob (only its number), so one is only ever deleted on the
    UI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, number: int, receiver: QObject | None) -> None:
        super().__init__()
        self.number = number  # in submission order: jobs run and answer in this order
        self._receiver = receiver

    def wanted(self) -> bool:
        """Its answer still has somewhere to go (no receiver, or one not deleted)."""
        return self._receiver is None or shiboken6.isValid(self._receiver)


class LogWriter(QObject):
    # Private: from the worker thread to this object on the UI thread (a
    # queued connection), which hands the outcome to its own WriteJob.
    _ended = Signal(int, object, bool)  # job number, result or problem, succeeded

    def __init__(self, paths: AppPaths, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._jobs: queue.Queue[tuple[int, Job] | None] = queue.Queue()
        self._next_number = 0
        # Jobs queued or running whose answer has not been delivered yet.
        self._waiting: dict[int, WriteJob] = {}
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._ended.connect(self._on_ended)

    def submit(self, job: Job, on_done: Callable[[Any], object] | None = None,
               on_failed: Callable[[Any], object] | None = None, *,
               receiver: QObject | None = None) -> WriteJob:
        """Queue ``job``; ``on_done(result)`` or ``on_failed(problem)`` is
        called on the UI thread once it has run, after every job queued
        before it has answered. ``receiver`` is the QObject the callbacks
        belong to (by default the one ``on_done`` or ``on_failed`` is a
        method of): once it is deleted, neither is called."""
        self._next_number += 1
        if receiver is None:
            receiver = next((owner for owner in (getattr(on_done, "__self__", None),
                                                 getattr(on_failed, "__self__", None))
                             if isinstance(owner, QObject)), None)
        write = WriteJob(self._next_number, receiver)
        if on_done is not None:
            write.done.connect(on_done)
        if on_failed is not None:
            write.failed.connect(on_failed)
        self._waiting[write.number] = write
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="log-writer", daemon=True)
            self._thread.start()
        self._jobs.put((write.number, job))
        return write

    def after_queued(self) -> WriteJob:
        """A job that does nothing (and opens no Store): its ``done`` comes
        once every job queued before it has run and answered its caller.
        What a caller that must see every write landed waits for (tests, the
        benchmarks' drivers)."""
        return self.submit(_nothing)

    def forget_answers(self) -> None:
        """Drop the answers of every job not delivered yet: the jobs still
        run, but nobody hears of them, as when the process is killed while
        they are in flight (the kill tests)."""
        self._waiting.clear()

    def close(self) -> None:
        """Finish the queued jobs, then release the database."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def _on_ended(self, number: int, outcome: object, succeeded: bool) -> None:
        write = self._waiting.pop(number, None)
        if write is None or not write.wanted():
            return
        if succeeded:
            write.done.emit(outcome)
        else:
            write.failed.emit(outcome)

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                break
            number, job = item
            try:
                result = None if job is _nothing else job(self._open_store())
            except Exception as exc:
                log.warning("write job %d failed: %s", number, exc,
                            exc_info=not isinstance(exc, ValueError))
                # A full disk or a lock held elsewhere reaches the athlete as
                # what to do about it, not as SQLite's words. (Imported here, in
                # the writer's thread: it loads sqlite3, which the first screen
                # does not need.)
                from app.storage.errors import as_problem

                self._ended.emit(number, as_problem(exc), False)
            else:
                self._ended.emit(number, result, True)
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open_store(self) -> Store:
        if self._store is None:
            from app.storage.store import Store

            self._store = Store(self._paths.database, self._paths.backups_dir, self._clock,
                                self._paths.pictures_dir)
        return self._store

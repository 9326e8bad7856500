"""Run a slow, self-contained job (a backup, an export) off the UI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class BackgroundJob(QObject):
    """One job in a worker thread; ``finished`` or ``failed`` arrives on the UI thread.

    The job is only ever deleted on the UI thread. Its thread holds it (the
    thread's target is its ``_run``) until the thread's last bytecodes, after
    the signal is sent: an owner that lets go of the job as the signal
    arrives (the figure preparer's jobs have no parent) would otherwise leave
    that last reference to the worker, and the QObject would be deleted there,
    racing the UI thread (the family of faults app.ui.shell.main_thread_gc is about).
    So the UI thread keeps a reference of its own from ``start`` until the
    thread has ended."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._thread = threading.Thread(target=self._run, name="background-job", daemon=True)
        self._kept: BackgroundJob | None = None  # from start until the thread has ended
        self.finished.connect(self._on_ended)
        self.failed.connect(self._on_ended)

    def start(self) -> None:
        self._kept = self   # this thread's own reference, until the worker has let go
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            log.exception("background job failed")
            self.failed.emit(str(exc))
            return
        self.finished.emit(result)

    def _on_ended(self, _outcome: object) -> None:
        # Not from here: letting go may delete the job, which must then be neither
        # the sender nor the receiver of what is running (and the owner's slots,
        # queued after this one, still have to arrive).
        QTimer.singleShot(0, lambda: _let_go_once_ended(self))


def _let_go_once_ended(job: BackgroundJob) -> None:
    """Drop the job's own reference once its thread has ended; until then look
    again each time the event loop comes back (only the thread's last bytecodes
    are left to run)."""
    if job._thread.is_alive():
        QTimer.singleShot(0, lambda: _let_go_once_ended(job))
        return
    job._kept = None


class LatestRead(QObject):
    """Reads of one kind (the records, a chart's points) in worker threads,
    the newest winning: a read's result is shown only if no read of the same
    kind started after it, so a slow old read never paints over a newer one.
    For what looks at every set of a big log (up to a second on 1,000,000
    sets) while the window answers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[BackgroundJob] = []
        self._latest = 0
        # Reads whose answer has not reached the UI thread yet: a thread can
        # end before its queued answer is delivered, and a caller asking
        # running() in between took the read as done and its request was lost.
        self._unanswered: set[int] = set()

    def run(self, work: Callable[[], Any], show: Callable[[Any], None],
            failed: Callable[[str], None] | None = None) -> None:
        """Run ``work`` in a worker thread; ``show`` its result on the UI
        thread unless a newer read was started meanwhile."""
        self._latest += 1
        number = self._latest

        def shown(result: object) -> None:
            self._unanswered.discard(number)
            if number == self._latest:
                show(result)

        def gave_up(message: str) -> None:
            self._unanswered.discard(number)
            if failed is not None:
                failed(message)

        job = BackgroundJob(work, self)
        job.finished.connect(shown)
        job.failed.connect(gave_up)
        self._unanswered.add(number)
        self._jobs = [j for j in self._jobs if j.is_running()] + [job]
        job.start()

    def running(self) -> bool:
        """A read is under way: its thread runs, or its answer is on its way."""
        return bool(self._unanswered) or any(job.is_running() for job in self._jobs)

    def wait(self) -> None:
        """Let the reads still running end (the window is closing)."""
        for job in self._jobs:
            job.wait()

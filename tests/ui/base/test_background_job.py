"""BackgroundJob: a job's QObject is deleted on the UI thread, never in its
worker, whoever lets go of it last.

The figure preparer's jobs have no parent: the preparer drops its job as the
job's ``finished`` arrives, while the job's thread still holds it (the
thread's target is the job's ``_run``) for its last bytecodes. When the UI
thread got there first, the worker dropped the last reference and the QObject
was deleted in the worker thread, racing the UI thread: three times in an
ordinary run of the suite's first files (gdb, a breakpoint on
QObject::~QObject off the main thread), the same family of fault as the one
app.ui.shell.main_thread_gc ends (objects destroyed off the UI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.base import background
from app.ui.base.background import BackgroundJob

WAIT_MS = 20000


def _job_whose_thread_lets_go_last(work: object, owner: Callable[..., None],
                                   owner_let_go: threading.Event,
                                   deleted_in: list[str]) -> BackgroundJob:
    """A job whose worker, inside its signal (once the owner's slot is queued),
    waits until the owner has let go of the job on the UI thread, so that the
    worker's own reference is the last one: what was left to chance before
    (it happened whenever the UI thread answered first)."""
    job = BackgroundJob(work)  # type: ignore[arg-type]

    def hold_the_worker(*_outcome: object) -> None:
        owner_let_go.wait(WAIT_MS / 1000)

    for signal in (job.finished, job.failed):
        signal.connect(owner)  # queued to this thread
        signal.connect(hold_the_worker, Qt.ConnectionType.DirectConnection)  # after it
    job.destroyed.connect(lambda: deleted_in.append(threading.current_thread().name),
                          Qt.ConnectionType.DirectConnection)
    return job


def test_a_job_its_owner_lets_go_of_as_it_finishes_is_deleted_on_the_ui_thread(
        qtbot: QtBot) -> None:
    owner_let_go = threading.Event()
    deleted_in: list[str] = []
    results: list[object] = []
    owner: list[BackgroundJob] = []

    def on_finished(result: object) -> None:  # as FigurePreparer's job-finished slot does
        results.append(result)
        owner.clear()
        owner_let_go.set()

    job = _job_whose_thread_lets_go_last(lambda: "placed", on_finished, owner_let_go, deleted_in)
    owner.append(job)
    job.start()
    del job
    qtbot.waitUntil(lambda: bool(deleted_in), timeout=WAIT_MS)
    assert results == ["placed"]  # the owner's slot still came
    assert deleted_in == [threading.main_thread().name]


def test_a_failed_job_its_owner_lets_go_of_is_deleted_on_the_ui_thread(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not logged here: the test's captured log record would hold the traceback,
    # and with it the job, until the test ends.
    monkeypatch.setattr(background.log, "disabled", True)
    owner_let_go = threading.Event()
    deleted_in: list[str] = []
    failures: list[str] = []
    owner: list[BackgroundJob] = []

    def broken() -> None:
        raise OSError("disk I/O error")

    def on_failed(message: str) -> None:
        failures.append(message)
        owner.clear()
        owner_let_go.set()

    job = _job_whose_thread_lets_go_last(broken, on_failed, owner_let_go, deleted_in)
    owner.append(job)
    job.start()
    del job
    qtbot.waitUntil(lambda: bool(deleted_in), timeout=WAIT_MS)
    assert failures == ["disk I/O error"]
    assert deleted_in == [threading.main_thread().name]


def test_a_job_with_a_parent_is_still_deleted_with_its_parent(qtbot: QtBot) -> None:
    """The UI thread's own reference ends with the thread: it does not keep a
    parented job (nor its wrapper) beyond its parent."""
    from PySide6.QtCore import QObject

    parent = QObject()
    deleted: list[bool] = []
    results: list[object] = []
    job = BackgroundJob(lambda: 42, parent)
    job.finished.connect(results.append)
    job.destroyed.connect(lambda: deleted.append(True), Qt.ConnectionType.DirectConnection)
    job.start()
    job.wait()
    qtbot.waitUntil(lambda: results == [42], timeout=WAIT_MS)
    del job
    parent.deleteLater()
    qtbot.waitUntil(lambda: deleted == [True], timeout=WAIT_MS)

"""The log writer: each job's answer goes to the caller that asked, on the
UI thread, in the order the jobs were queued; never to a deleted receiver."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.errors import StorageProblem
from app.ui.base.log_writer import LogWriter
from helpers.writes import wait_for_writes


@pytest.fixture
def writer(store: object, paths: AppPaths, clock: FakeClock) -> Iterator[LogWriter]:
    log_writer = LogWriter(paths, clock)
    yield log_writer
    log_writer.close()


class _Asker(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[str, object, bool]] = []

    def done(self, result: object) -> None:
        self.heard.append(("done", result, threading.current_thread() is threading.main_thread()))

    def failed(self, error: object) -> None:
        self.heard.append(("failed", error, threading.current_thread() is threading.main_thread()))


def test_each_answer_goes_to_its_own_caller_on_the_ui_thread(qtbot: QtBot,
                                                            writer: LogWriter) -> None:
    first, second = _Asker(), _Asker()
    ran: list[bool] = []

    def job(_store: object) -> int:
        ran.append(threading.current_thread() is threading.main_thread())
        return 1

    writer.submit(job, first.done, first.failed)
    writer.submit(lambda _store: 2, second.done, second.failed)
    wait_for_writes(qtbot, writer)
    assert ran == [False]   # the job ran in the writer's thread...
    assert first.heard == [("done", 1, True)]   # ...its answer came on the UI thread, to it alone
    assert second.heard == [("done", 2, True)]


def test_a_failure_reaches_only_its_caller_in_the_users_words(qtbot: QtBot,
                                                              writer: LogWriter) -> None:
    asker, bystander = _Asker(), _Asker()

    def refused(_store: object) -> None:
        raise ValueError("no such set")

    def locked(_store: object) -> None:
        import sqlite3
        raise sqlite3.OperationalError("database is locked")

    writer.submit(refused, asker.done, asker.failed)
    writer.submit(locked, asker.done, asker.failed)
    writer.submit(lambda _store: None, bystander.done, bystander.failed)
    wait_for_writes(qtbot, writer)
    assert [(kind, str(error)) for kind, error, _ui in asker.heard[:1]] == [
        ("failed", "no such set")]
    assert asker.heard[1][0] == "failed" and isinstance(asker.heard[1][1], StorageProblem)
    assert bystander.heard == [("done", None, True)]


def test_answers_arrive_in_the_order_the_jobs_were_queued(qtbot: QtBot,
                                                          writer: LogWriter) -> None:
    heard: list[int] = []

    def answering(n: int) -> Callable[[object], int]:
        return lambda _store: n

    jobs = [writer.submit(answering(n), heard.append) for n in range(5)]
    assert [job.number for job in jobs] == sorted(job.number for job in jobs)
    wait_for_writes(qtbot, writer)
    assert heard == [0, 1, 2, 3, 4]


def test_a_deleted_receiver_is_never_called(qtbot: QtBot, writer: LogWriter) -> None:
    asker = _Asker()
    heard: list[object] = []
    held = threading.Event()
    writer.submit(lambda _store: held.wait(20))   # the writer is busy: nothing answered yet
    writer.submit(lambda _store: "kept", asker.done, asker.failed)
    writer.submit(lambda _store: "lambda's", heard.append, receiver=asker)
    asker.deleteLater()
    qtbot.waitUntil(lambda: not _alive(asker))
    held.set()
    wait_for_writes(qtbot, writer)
    assert heard == []


def test_forgotten_answers_are_not_delivered_but_the_jobs_still_run(
        qtbot: QtBot, writer: LogWriter) -> None:
    heard: list[object] = []
    ran = threading.Event()
    held = threading.Event()
    writer.submit(lambda _store: held.wait(20))
    writer.submit(lambda _store: ran.set(), heard.append)
    writer.forget_answers()
    held.set()
    wait_for_writes(qtbot, writer)
    assert ran.is_set() and heard == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)

"""LatestRead: reads in worker threads where the newest wins (the Records
tab, the Exercises list, the charts on a big log)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.ui.base.background import LatestRead


def test_an_older_read_that_ends_last_is_not_shown(qtbot: QtBot) -> None:
    reads = LatestRead()
    shown: list[str] = []
    old_may_end = threading.Event()

    def old() -> str:
        old_may_end.wait(20)
        return "old"

    reads.run(old, shown.append)
    reads.run(lambda: "new", shown.append)
    qtbot.waitUntil(lambda: shown == ["new"], timeout=20000)
    old_may_end.set()
    qtbot.waitUntil(lambda: not reads.running(), timeout=20000)
    reads.wait()
    QCoreApplication.processEvents()  # the old read's result, queued to this thread, arrives
    assert shown == ["new"]


def test_a_failed_read_is_told(qtbot: QtBot) -> None:
    reads = LatestRead()
    failures: list[str] = []

    def broken() -> None:
        raise OSError("disk I/O error")

    reads.run(broken, lambda _result: None, failures.append)
    qtbot.waitUntil(lambda: failures == ["disk I/O error"], timeout=20000)


def test_a_read_whose_thread_ended_is_running_until_its_answer_arrives() -> None:
    """The thread can end before its queued answer reaches the UI thread. A
    caller asking in between (History's show_exercise while the exercise
    list is read) must still see the read as under way, or its request is
    lost when the answer lands: the flaky 'nordic-hamstring-curl' ==
    'glute-bridge' in tests/reliability/test_big_log_pages.py."""
    reads = LatestRead()
    shown: list[str] = []
    reads.run(lambda: "list", shown.append)
    reads.wait()  # the thread has ended; no event processed: the answer is queued
    assert not shown
    assert reads.running()
    for _ in range(100):
        QCoreApplication.processEvents()
        if shown:
            break
    assert shown == ["list"]
    assert not reads.running()


def test_a_failed_read_is_no_longer_running_once_told() -> None:
    reads = LatestRead()

    def broken() -> None:
        raise OSError("disk I/O error")

    reads.run(broken, lambda _result: None)  # no failure callback: still accounted for
    reads.wait()
    assert reads.running()
    for _ in range(100):
        QCoreApplication.processEvents()
        if not reads.running():
            break
    assert not reads.running()

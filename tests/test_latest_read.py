"""LatestRead: reads in worker threads where the newest wins (the Records
tab, the Exercises list, the charts on a big log)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.ui.background import LatestRead


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

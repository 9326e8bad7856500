"""The window started for a test (themes, language)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
)
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.ui.base.alerts import RecordingAlerts
from app.ui.look import style
from app.ui.shell.application import GuiSession


def started_window(qtbot: QtBot, qapp: QApplication, paths: AppPaths, clock: FakeClock) -> GuiSession:
    """The window as the app starts it: the start-up look first (the other
    tests run without one), then the log, which applies the stored look."""
    style.apply_style(qapp)
    session = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(session.window)
    with qtbot.waitSignal(session.window.log_ready, timeout=20000):
        session.start()
    return session

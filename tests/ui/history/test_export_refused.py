"""Issue 15 points 9 and 14, in the window: an export to a target that is
not a regular file, or whose name is too long, is one clear message (the
command line's and the file writer's side: tests/usecases/test_export_target.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from helpers.export_targets import log_one_session, named_pipe


@pytest.fixture
def logged(paths: AppPaths, clock: FakeClock) -> AppPaths:
    return log_one_session(paths, clock)


@pytest.mark.parametrize("kind", ["pipe", "name too long"])
def test_the_window_explains_a_refused_export_in_one_message(
        qtbot: object, logged: AppPaths, clock: FakeClock, tmp_path: Path, kind: str) -> None:
    from PySide6.QtCore import Qt
    from pytestqt.qtbot import QtBot

    from app.ui.base.alerts import RecordingAlerts
    from app.ui.shell.application import GuiSession

    assert isinstance(qtbot, QtBot)
    target = named_pipe(tmp_path) if kind == "pipe" else tmp_path / ("a" * 300 + ".csv")
    alerts = RecordingAlerts()
    gui = GuiSession(logged, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    qtbot.keyClick(gui.window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    controller = gui.window.history
    assert controller is not None
    controller.choose_export_file = lambda fmt: target
    with qtbot.waitSignal(controller.status_changed, timeout=20000,
                          check_params_cb=lambda text: text == "Export failed"):
        qtbot.keyClick(gui.window.history_page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    kind_shown, _title, text = alerts.shown[-1]
    assert kind_shown == "error"
    assert "Errno" not in text and "Traceback" not in text and "\n" not in text.strip()
    assert ("not a regular file" if kind == "pipe" else "too long") in text
    if kind == "pipe":
        assert stat.S_ISFIFO(target.stat().st_mode)

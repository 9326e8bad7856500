"""The first-run welcome: units, training days and a program; skippable, shown
once on a new log, and opened again from the Help menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.queries import LogReader
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow


def _start(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> MainWindow:
    gui = GuiSession(paths, RecordingAlerts(), clock, welcome=True)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    return gui.window


def _read(paths: AppPaths) -> tuple[object, object, object]:
    reader = LogReader(paths.database)
    try:
        enrolment = reader.active_enrolment()
        return (reader.get_setting("units"), reader.get_setting("welcome_seen"),
                None if enrolment is None else (enrolment.program_slug, enrolment.weekdays))
    finally:
        reader.close()


def test_the_welcome_keeps_units_days_and_starts_a_program(qtbot: QtBot, paths: AppPaths,
                                                           clock: FakeClock) -> None:
    window = _start(qtbot, paths, clock)
    dialog = window.welcome_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.lb_button.setChecked(True)
    for number, box in enumerate(dialog.day_boxes):
        box.setChecked(number in (1, 3))
    dialog.program_buttons["nordic-programme"].setChecked(True)
    # Waiting on the log itself, not on the writer's signal: two jobs finish
    # back to back, and a signal wait that ended on the first must not get
    # the second.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _read(paths)[1] is True and _read(paths)[2] is not None,
                    timeout=20000)
    assert _read(paths) == ("lb", True, ("nordic-programme", (1, 3)))
    qtbot.waitUntil(lambda: window.today_page.due_panel is not None, timeout=20000)
    assert "Nordic program" in window.today_page.program_label.text()


def test_skipping_changes_nothing_and_it_is_not_offered_again(qtbot: QtBot, paths: AppPaths,
                                                              clock: FakeClock) -> None:
    window = _start(qtbot, paths, clock)
    dialog = window.welcome_dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _read(paths)[1] is True, timeout=20000)
    assert _read(paths) == (None, True, None)
    window.close()
    again = _start(qtbot, paths, clock)
    assert again.welcome_dialog is None
    again.welcome_action.trigger()  # Help > Welcome
    assert again.welcome_dialog is not None and again.welcome_dialog.isVisible()
    again.welcome_dialog.reject()


def test_a_program_needs_a_training_day(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    window = _start(qtbot, paths, clock)
    dialog = window.welcome_dialog
    assert dialog is not None
    for box in dialog.day_boxes:
        box.setChecked(False)
    dialog.program_buttons["sample-session"].setChecked(True)
    dialog.done_button.click()
    assert dialog.isVisible() and "training day" in dialog.problem.text()
    dialog.reject()


def test_a_window_closed_as_soon_as_the_log_is_ready_offers_nothing(qtbot: QtBot, paths: AppPaths,
                                                                    clock: FakeClock) -> None:
    """The start-up probe (benchmarks, the bundle check) closes the window on
    log_ready; the welcome must not then read the closed log."""
    gui = GuiSession(paths, RecordingAlerts(), clock, welcome=True)
    qtbot.addWidget(gui.window)
    gui.window.log_ready.connect(gui.window.close)
    with qtbot.waitSignal(gui.window.closed, timeout=20000):
        gui.start()
    assert gui.window.welcome_dialog is None

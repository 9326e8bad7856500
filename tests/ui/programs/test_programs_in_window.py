"""Programs and Today in the window: follow a program, see what is due, the
48-hour warning, the readiness check, and every built-in program followed from
Today through a whole session to its log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.session.events import State
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow

BUILT_IN = ("advanced", "beginner-bodyweight", "heavy-gym", "nordic-programme", "runners-drill",
            "sample-session")
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def _window(qtbot: QtBot, paths: AppPaths, clock: FakeClock, alerts: RecordingAlerts) -> MainWindow:
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    return gui.window


def _refocus(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _follow(qtbot: QtBot, window: MainWindow, slug: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.programs_page
    page.select(slug)
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    controller = window.programs
    assert controller is not None and controller.follow_dialog is not None
    dialog = controller.follow_dialog
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    _refocus(qtbot, window)


def test_the_built_in_programs_are_listed_with_their_text(qtbot: QtBot, paths: AppPaths,
                                                         clock: FakeClock) -> None:
    window = _window(qtbot, paths, clock, RecordingAlerts())
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.programs_page
    slugs = [page.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(page.list.count())]
    assert sorted(s for s in slugs if s) == sorted(BUILT_IN)
    page.select("nordic-programme")
    text = page.detail.toPlainText()
    assert "Week 10" in text and "3 sets: 12, 10, 8" in text and "maintenance" in text
    assert "Petersen" in text  # its sources are shown
    assert not page.edit_button.isEnabled()  # built-ins are read-only: duplicate them


def test_following_a_program_puts_its_first_session_on_today(qtbot: QtBot, paths: AppPaths,
                                                            clock: FakeClock) -> None:
    window = _window(qtbot, paths, clock, RecordingAlerts())
    _follow(qtbot, window, "nordic-programme")
    reader = LogReader(paths.database)
    try:
        enrolment = reader.active_enrolment()
    finally:
        reader.close()
    assert enrolment is not None and enrolment.program_slug == "nordic-programme"
    assert enrolment.weekdays == (0, 2, 4)  # room for its 3-session weeks, a rest day between
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = window.today_page
    assert today.stack.currentWidget() is today.due_panel
    assert today.program_label.text() == "Nordic program · Week 1 · session 1 of 1"
    assert "You follow" in window.programs_page.following_label.text()


def test_too_soon_after_the_last_hamstring_session_asks_first(qtbot: QtBot, paths: AppPaths,
                                                              clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date(), [0, 2, 4])
    session = store.start_session(title="Yesterday")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(session.id)
    store.close()
    clock.advance(20 * 3600)
    alerts = RecordingAlerts(confirm_answer=False)
    window = _window(qtbot, paths, clock, alerts)
    today = window.today_page
    assert today.notices_box.count() >= 1
    qtbot.keyClick(today, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    kind, _title, text = alerts.shown[-1]
    assert kind == "confirm" and "48" in text
    assert window.readiness_dialog is None  # not overridden


def test_red_flags_make_stop_the_default(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date(), [0, 2, 4])
    store.close()
    window = _window(qtbot, paths, clock, RecordingAlerts())
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None
    assert dialog.guidance is not None and dialog.guidance.level == "go"
    dialog.numb.setChecked(True)
    assert dialog.guidance.level == "stop"
    assert "not a diagnosis" in dialog.disclaimer.text()
    assert "clinician" in dialog.guidance_title.text() and "doctor" in dialog.guidance_text.text()
    assert dialog.start_button.text() == "S&tart anyway" and dialog.skip_button.isDefault()
    dialog.numb.setChecked(False)
    dialog.soreness.setValue(6)
    assert dialog.guidance.level == "easy" and dialog.lighter.isChecked()
    dialog.soreness.setValue(7)  # from 7: rest first, and the lighter box does not apply
    assert dialog.guidance.level == "rest" and not dialog.lighter.isEnabled()
    assert dialog.skip_button.isDefault() and dialog.skip_button.text() == "Rest to&day"


def _run_whole_session(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    host = window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    engine = controller.engine
    qtbot.waitUntil(lambda: controller.session_id is not None, timeout=20000)
    for _ in range(2000):
        state = engine.state
        if state is State.SUMMARY:
            break
        if state is State.READY:
            qtbot.keyClick(host.screen, Qt.Key.Key_Space)
        elif state is State.SET_RUNNING:
            clock.advance(3)
            controller.tick()
            if engine.state is State.SET_RUNNING and "finish_set" in engine.allowed():
                qtbot.keyClick(host.screen, Qt.Key.Key_Space)
        elif state is State.SET_DONE:
            with qtbot.waitSignal(controller.set_logged, timeout=20000):
                qtbot.keyClick(host.screen, Qt.Key.Key_Return)
        elif state in (State.RESTING, State.SWITCHING_SIDE):
            clock.advance(400)
            controller.tick()
    assert engine.state is State.SUMMARY
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
@pytest.mark.parametrize("slug", BUILT_IN)
def test_each_built_in_program_runs_from_today_to_the_log(qtbot: QtBot, paths: AppPaths,
                                                         clock: FakeClock, slug: str) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol(slug, clock.now().astimezone().date() - timedelta(days=1), [0, 1, 2, 3, 4, 5, 6])
    store.close()
    window = _window(qtbot, paths, clock, RecordingAlerts())
    view = window.today.view  # type: ignore[union-attr]
    assert view is not None and view.due is not None and view.due.day_number == 1
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = window.readiness_dialog
    assert dialog is not None
    dialog.soreness.setValue(2)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    _run_whole_session(qtbot, window, clock)
    reader = LogReader(paths.database)
    try:
        [session] = reader.list_sessions()
        sets = reader.sets_of_session(session.id)
        planned = sum(i.sets * len(i.side_order) for i in view.plan(window.catalog()).items)
    finally:
        reader.close()
    assert (session.program_slug, session.program_day) == (slug, 1)
    assert session.readiness is not None and session.readiness["soreness"] == 2
    assert len(sets) == planned
    # Today moves on to the next session.
    assert window.today.view is not None and window.today.view.due.day_number == 2  # type: ignore[union-attr]

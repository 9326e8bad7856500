"""The main window, offscreen: navigation, shortcuts, empty states, the
database arriving after the first paint, and problems told to the user."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.backup import list_backups
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.crash import CrashReporter
from app.ui.shell.main_window import MainWindow
from helpers.writes import wait_for_writes


@pytest.fixture
def alerts() -> RecordingAlerts:
    return RecordingAlerts()


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, alerts: RecordingAlerts) -> MainWindow:
    win = MainWindow(paths, alerts, FakeClock())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def gui(qtbot: QtBot, paths: AppPaths, alerts: RecordingAlerts, clock: FakeClock) -> GuiSession:
    session = GuiSession(paths, alerts, clock)
    qtbot.addWidget(session.window)
    with qtbot.waitSignal(session.window.log_ready, timeout=20000):
        session.start()
    return session


def test_pages_are_reached_with_ctrl_number(qtbot: QtBot, window: MainWindow) -> None:
    titles = []
    for number in range(1, 6):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        titles.append(window.current_page().title)
    assert titles == ["Today", "Library", "Programs", "History", "Settings"]
    assert window.windowTitle() == "Settings – Hamstride"


def test_navigation_list_moves_with_arrow_keys(qtbot: QtBot, window: MainWindow) -> None:
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page().title == "Programs"


def test_f11_toggles_full_screen(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert window.full_screen_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not window.full_screen_action.isChecked()


def test_ctrl_q_quits(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_geometry_is_remembered(qtbot: QtBot, paths: AppPaths, alerts: RecordingAlerts) -> None:
    first = MainWindow(paths, alerts, FakeClock())
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)  # the offscreen screen is 800x600
    first.close()
    second = MainWindow(paths, alerts, FakeClock())
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 540)
    assert (paths.data_dir / "window.ini").exists()


def test_every_empty_page_says_what_will_appear(window: MainWindow) -> None:
    page = window.today_page
    assert page.empty_state.title_label.text()
    assert len(page.empty_state.text_label.text()) > 60
    assert "not following a program" in window.programs_page.following_label.text()
    assert window.history_page.stack.currentWidget() is window.history_page.empty_state
    assert "Opening" in window.store_status.text()


def test_window_opens_the_database_after_showing(gui: GuiSession, paths: AppPaths) -> None:
    window = gui.window
    assert window.reader is not None
    assert paths.database.exists()
    assert window.store_status.text() == f"0 sessions logged · data in {paths.data_dir}"
    assert window.backup_action.isEnabled()


def test_history_lists_logged_sessions(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                       alerts: RecordingAlerts) -> None:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Nordic day")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=6))
    clock.advance(900)
    store.end_session(session.id)
    store.close()
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    page = gui.window.history_page
    assert page.stack.currentWidget() is page.tabs
    model = page.sessions_model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in (1, 2, 3)] == ["Nordic day", "15 min", "1"]
    # The newest session is open in the detail, with its set.
    assert "Nordic day" in page.detail_heading.text()
    assert page.session_sets_model.rowCount() == 1
    assert "Last session" in gui.window.today_page.last_session.text()


def test_library_lists_the_catalog(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    library = window.library_page
    assert window.current_page() is library
    assert library.list_view.shown_count() == 19
    assert library.list_view.count_label.text() == "19 of 19 exercises"
    assert "nordic-hamstring-curl" in library.list_view.shown_slugs()
    assert not library.problems.isVisible()


def test_backup_from_the_keyboard(qtbot: QtBot, gui: GuiSession, paths: AppPaths) -> None:
    window = gui.window
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Backup written" in window.statusBar().currentMessage(), timeout=10000)
    [backup] = list_backups(paths.backups_dir)
    item = window.settings_page.backup_list.item(0)
    assert "made by you" in item.text() and item.toolTip() == str(backup)


def test_a_newer_database_is_refused_with_a_message(qtbot: QtBot, paths: AppPaths,
                                                    clock: FakeClock, alerts: RecordingAlerts) -> None:
    store, _ = Store.open(paths, clock)
    store.close()
    connection = sqlite3.connect(paths.database)
    connection.execute("PRAGMA user_version = 42")
    connection.close()
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.closed, timeout=20000):
        gui.start()
    assert gui.exit_code == 1
    [(kind, _title, text)] = alerts.shown
    assert kind == "error" and "newer Hamstride" in text and "Nothing was changed" in text


def test_a_damaged_database_is_reported_and_a_fresh_one_used(qtbot: QtBot, paths: AppPaths,
                                                             clock: FakeClock,
                                                             alerts: RecordingAlerts) -> None:
    paths.database.write_bytes(b"not a database" * 50)
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    [(kind, _title, text)] = alerts.shown
    assert kind == "warning" and str(paths.damaged_dir) in text
    assert gui.exit_code == 0


def test_uncaught_exception_is_logged_and_shown(tmp_path: Path, alerts: RecordingAlerts,
                                                caplog: pytest.LogCaptureFixture) -> None:
    reporter = CrashReporter(alerts, tmp_path / "hamstride.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        reporter.handle(RuntimeError, exc, exc.__traceback__)
    [(kind, _title, text)] = alerts.shown
    assert kind == "error" and "RuntimeError: boom" in text and "hamstride.log" in text
    assert "uncaught exception" in caplog.text and "boom" in caplog.text


def test_every_control_has_a_name_a_tooltip_and_actions_have_shortcuts(gui: GuiSession) -> None:
    window = gui.window
    for action in window.actions():
        assert action.shortcut().toString(), action.text()
        assert action.toolTip(), action.text()
    focusable = [w for w in window.findChildren(QWidget)
                 if isinstance(w, QAbstractButton | QListWidget | QTableWidget | QLineEdit)
                 and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert focusable
    for widget in focusable:
        assert widget.accessibleName(), widget
        assert widget.toolTip(), widget.accessibleName()


def test_the_window_writes_its_log_file(gui: GuiSession, paths: AppPaths) -> None:
    import logging

    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "starting on" in paths.log_file.read_text()


@pytest.mark.parametrize(("environ", "expected"), [
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
    ({"DISPLAY": ":0"}, True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ({}, False),
])
def test_dialogs_only_when_there_is_a_display(environ: dict[str, str], expected: bool) -> None:
    import sys

    from app.ui.shell.startup_errors import has_display

    if sys.platform.startswith("linux"):
        assert has_display(environ) is expected


def test_session_settings_are_stored_and_shown_again(qtbot: QtBot, gui: GuiSession,
                                                     paths: AppPaths) -> None:
    from app.logbook.settings import load_settings
    from app.storage.queries import LogReader

    window = gui.window
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.settings_page
    assert page.lowering_spin.value() == 5 and page.space_too.isChecked()
    page.lowering_spin.setValue(7)
    page.units_box.setCurrentIndex(page.units_box.findData("lb"))
    page.break_point_edit.setKeySequence("PgDown")
    page.space_too.setChecked(False)
    wait_for_writes(qtbot, window.writer)
    reader = LogReader(paths.database)
    settings = load_settings(reader.get_setting)
    reader.close()
    assert (settings.lowering_s, settings.units, settings.break_point_keys) == (7, "lb", ("PgDown",))
    page.show_settings(settings)
    assert page.break_point_keys() == ["PgDown"]


def test_a_status_message_keeps_the_logs_status_hidden_until_it_goes(
        open_window: Callable[[], GuiSession], qtbot: QtBot) -> None:
    """Changing the text size while 'Log upgraded…' showed drew the log's
    status under it in a real window (text on text; seen with snap at 200%).
    QStatusBar hides its normal widgets for a message only implicitly, which
    re-showing a parent undoes; the window hides the status itself."""
    from PySide6.QtCore import Qt

    window = open_window().window
    window.show()
    qtbot.waitExposed(window)
    status = window.store_status
    qtbot.waitUntil(lambda: "logged" in status.text(), timeout=20000)
    window.statusBar().showMessage("Log upgraded from version 7")
    assert status.isHidden()
    assert status.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
    window.statusBar().clearMessage()
    assert status.isVisible()


def test_each_page_is_built_by_its_builder_when_first_shown(qtbot: QtBot, window: MainWindow) -> None:
    from app.ui.shell.main_window import HISTORY

    assert window.stack.count() == 1 and window.history is None   # only Today, at start
    history = window.page(HISTORY)
    assert window.stack.count() == 2 and window.history is not None
    assert window.page(HISTORY) is history and window.history_page is history
    assert history.title == "History" and window.current_page() is window.today_page


def test_the_run_shares_one_context_built_at_start(gui: GuiSession, clock: FakeClock) -> None:
    """The window, its pages and the sessions read the same catalog, log and clocks."""
    window = gui.window
    context = gui.context
    assert window.context is context and context.reader is window.reader is not None
    assert window.clock is context.clock is clock and window.session_clock is clock
    assert window.catalog() is context.catalog()
    window.show_page(1)
    assert window.library_page.catalog is context.catalog()   # loaded once, shared
    assert window.program_book() is context.program_book()
    assert window.program_book().catalog is context.catalog()

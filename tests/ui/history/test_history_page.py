"""History in the window: sessions a page at a time, the detail, corrections
with messages next to the field, undo, and exports and imports through the
page (file dialogs answered by the tests' seams)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.logbook.entries import SetEntry
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.history.models import PAGE_SIZE
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow

RDL = "romanian-deadlift"


def _log_sessions(paths: AppPaths, clock: FakeClock, count: int) -> None:
    store, _ = Store.open(paths, clock)
    for n in range(count):
        session = store.start_session(title=f"Session {n + 1}", source="strong")
        for number, load in enumerate((60, 70, 80), start=1):
            store.log_set(session.id, SetEntry(RDL, number, reps=8, load=load, rpe=7))
        clock.advance(1800)
        store.end_session(session.id)
        clock.advance(2 * 86400)
    store.close()


@pytest.fixture
def alerts() -> RecordingAlerts:
    return RecordingAlerts()


def _window(qtbot: QtBot, paths: AppPaths, clock: FakeClock, alerts: RecordingAlerts) -> MainWindow:
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    qtbot.keyClick(gui.window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    return gui.window


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, clock: FakeClock, alerts: RecordingAlerts) -> MainWindow:
    _log_sessions(paths, clock, 3)
    return _window(qtbot, paths, clock, alerts)


def _sets(paths: AppPaths) -> list[tuple[int | None, float | None]]:
    reader = LogReader(paths.database)
    try:
        return [(s.reps, s.load_kg) for r in reader.list_sessions()
                for s in reader.sets_of_session(r.id)]
    finally:
        reader.close()


def _wait_change(qtbot: QtBot, window: MainWindow) -> None:
    assert window.history is not None
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):
        pass


def _refocus(qtbot: QtBot, window: MainWindow) -> None:
    # No window manager offscreen gives activation back when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_long_log_is_read_a_page_at_a_time(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                               alerts: RecordingAlerts) -> None:
    _log_sessions(paths, clock, PAGE_SIZE + 30)
    window = _window(qtbot, paths, clock, alerts)
    model = window.history_page.sessions_model
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, 1).data() == f"Session {PAGE_SIZE + 30} (from Strong)"
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE + 30
    assert model.index(PAGE_SIZE + 29, 1).data() == "Session 1 (from Strong)"
    assert not model.canFetchMore()


def test_the_detail_lists_the_sessions_sets_in_the_users_units(qtbot: QtBot, window: MainWindow,
                                                                paths: AppPaths) -> None:
    page = window.history_page
    assert "Session 3" in page.detail_heading.text()
    sets = page.session_sets_model
    assert sets.rowCount() == 3
    columns = sets.COLUMNS
    assert sets.index(2, columns.index("Load")).data() == "80 kg"
    assert sets.index(0, columns.index("Exercise")).data() == "Romanian deadlift"
    page.sessions_view.setFocus()
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_Down)
    assert "Session 2" in page.detail_heading.text()


def test_a_set_is_corrected_with_checks_next_to_each_field_then_undone(
        qtbot: QtBot, window: MainWindow, paths: AppPaths) -> None:
    page = window.history_page
    before = _sets(paths)
    page.sets_view.setFocus()
    qtbot.keyClick(page.sets_view, Qt.Key.Key_F2)
    dialog = window.history.set_dialog  # type: ignore[union-attr]
    assert dialog is not None and dialog.isVisible()
    for field, edit, text, words in (
            ("reps", dialog.reps_edit, "ten", "whole number"),
            ("reps", dialog.reps_edit, "-3", "negative"),
            ("RPE", dialog.rpe_edit, "11", "between 1 and 10"),
            ("load", dialog.load_edit, "600", "between -500 and 500"),
            ("load", dialog.load_edit, "6o", "number")):
        original = edit.text()
        edit.setText(text)
        dialog.buttons.accepted.emit()
        message = dialog.messages[field]
        assert message.isVisibleTo(dialog) and words in message.text(), (text, message.text())
        assert edit.text() == text  # what was typed stays, to be fixed
        edit.setText(original)
    assert _sets(paths) == before  # nothing was written
    dialog.reps_edit.setText("6")
    dialog.load_edit.setText("85")
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert _sets(paths)[0] == (6, 85.0)
    assert "Changed Romanian deadlift set 1" in page.change_label.text()
    _refocus(qtbot, window)
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _sets(paths) == before
    assert not page.undo_button.isEnabled()


def test_an_unchanged_field_keeps_its_exact_value(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                                  alerts: RecordingAlerts) -> None:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Precise")
    store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=41.25, descent_s=(4.537, 3.912)))
    store.end_session(session.id)
    store.close()
    window = _window(qtbot, paths, clock, alerts)
    page = window.history_page
    page.sets_view.setFocus()
    qtbot.keyClick(page.sets_view, Qt.Key.Key_Return)
    dialog = window.history.set_dialog  # type: ignore[union-attr]
    assert dialog is not None
    dialog.notes_edit.setText("felt easy")
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        dialog.buttons.accepted.emit()
    reader = LogReader(paths.database)
    try:
        (stored,) = reader.sets_of_session(reader.list_sessions()[0].id)
    finally:
        reader.close()
    assert (stored.load_kg, stored.descent_s, stored.notes) == (41.25, (4.537, 3.912), "felt easy")


def test_delete_a_set_and_a_session_then_undo_each(qtbot: QtBot, window: MainWindow,
                                                   paths: AppPaths, alerts: RecordingAlerts) -> None:
    page = window.history_page
    before = _sets(paths)
    page.sets_view.setFocus()
    page.sets_view.selectRow(1)
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(page.sets_view, Qt.Key.Key_Delete)
    assert len(_sets(paths)) == len(before) - 1
    assert page.session_sets_model.rowCount() == 2
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        page.undo_button.click()
    assert _sets(paths) == before

    page.sessions_view.setFocus()
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(page.sessions_view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    kind, _title, text = alerts.shown[-1]
    assert kind == "confirm" and "Delete “Session 3”" in text
    assert page.sessions_model.rowCount() == 2
    with qtbot.waitSignal(window.history.log_changed, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.sessions_model.rowCount() == 3
    assert _sets(paths) == before


def test_the_exercises_tab_lists_every_set_of_an_exercise(qtbot: QtBot, window: MainWindow) -> None:
    page = window.history_page
    qtbot.keyClick(page, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: page.exercise_combo.count() > 0, timeout=20000)  # read off the UI thread
    assert page.exercise_combo.currentText() == "Romanian deadlift (9 sets)"
    model = page.exercise_sets_model
    assert model.rowCount() == 9
    assert model.index(0, 0).data()  # the date of each set's session


def test_export_then_import_into_another_log_round_trips(qtbot: QtBot, window: MainWindow,
                                                         paths: AppPaths, tmp_path: Path,
                                                         clock: FakeClock) -> None:
    from app.usecases.export import export_data

    controller = window.history
    assert controller is not None
    target = tmp_path / "log.json"
    controller.choose_export_file = lambda fmt: target
    with qtbot.waitSignal(controller.status_changed, timeout=20000,
                          check_params_cb=lambda text: text.startswith("Exported")):
        qtbot.keyClick(window.history_page, Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    data = json.loads(target.read_text())
    assert len(data["sessions"]) == 3

    other = resolve_paths(tmp_path / "other")
    prepare_dirs(other)
    alerts = RecordingAlerts()
    window.close()
    second = _window(qtbot, other, clock, alerts)
    controller = second.history
    assert controller is not None
    controller.choose_import_file = lambda: target
    second.history_page.import_button.click()
    qtbot.waitUntil(lambda: controller.import_dialog is not None, timeout=20000)
    dialog = controller.import_dialog
    assert dialog is not None
    assert "3 new sessions with 9 sets" in dialog.summary.text()
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        dialog.import_button.click()
    assert second.history_page.sessions_model.rowCount() == 3
    reader = LogReader(other.database)
    try:
        copied = export_data(reader)
    finally:
        reader.close()
    original = json.loads(target.read_text())
    assert copied["sessions"] == original["sessions"]

    # The same file again adds nothing.
    _refocus(qtbot, second)
    second.history_page.import_button.click()
    qtbot.waitUntil(lambda: controller.import_dialog is not None, timeout=20000)
    again = controller.import_dialog
    assert again is not None and not again.import_button.isEnabled()
    assert "already in your log" in again.status.text()
    again.reject()


def test_a_file_that_cannot_be_imported_is_explained(qtbot: QtBot, window: MainWindow,
                                                     tmp_path: Path, alerts: RecordingAlerts,
                                                     paths: AppPaths) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("hello,world\n1,2\n")
    before = _sets(paths)
    controller = window.history
    assert controller is not None
    controller.choose_import_file = lambda: bad
    window.history_page.import_button.click()
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _, _ in alerts.shown), timeout=20000)
    _kind, title, text = alerts.shown[-1]
    assert title == "Cannot import this file" and "notes.csv" in text
    assert "Nothing was imported" in text
    assert _sets(paths) == before


def test_names_left_over_are_mapped_by_the_user_and_remembered(
        qtbot: QtBot, window: MainWindow, paths: AppPaths) -> None:
    from app.exchange import normalise_name
    from app.exchange.plan import IMPORT_NAMES_SETTING

    controller = window.history
    assert controller is not None
    source = Path(__file__).parents[2] / "fixtures" / "imports" / "hevy_lbs.csv"
    controller.choose_import_file = lambda: source
    window.history_page.import_button.click()
    qtbot.waitUntil(lambda: controller.import_dialog is not None, timeout=20000)
    dialog = controller.import_dialog
    assert dialog is not None
    treadmill = dialog.combos["Treadmill"]
    assert treadmill.currentText() == "New custom exercise"
    assert dialog.combos["Stiff Leg Deadlift (Barbell)"].currentData() == "stiff-leg-deadlift"
    treadmill.setCurrentIndex(treadmill.findData("light-jog"))
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        dialog.import_button.click()
    reader = LogReader(paths.database)
    try:
        slugs = {s.exercise_slug for r in reader.list_sessions() for s in reader.sets_of_session(r.id)}
        customs = {e.name for e in reader.custom_exercises()}
        remembered = reader.get_setting(IMPORT_NAMES_SETTING)
    finally:
        reader.close()
    assert "light-jog" in slugs and "Treadmill" not in customs
    assert "Squat (Barbell)" in customs  # left unmapped: a new exercise of the athlete's own
    assert remembered == {normalise_name("Treadmill"): "light-jog"}


def test_the_detail_names_the_records_a_session_beat(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                                      alerts: RecordingAlerts) -> None:
    store, _ = Store.open(paths, clock)
    for title, load in (("Light", 60), ("Heavier", 70)):
        session = store.start_session(title=title)
        store.log_set(session.id, SetEntry(RDL, 1, reps=8, load=load))
        store.end_session(session.id)
        clock.advance(3 * 86400)
    store.close()
    window = _window(qtbot, paths, clock, alerts)
    page = window.history_page
    assert "Heavier" in page.detail_heading.text()
    qtbot.waitUntil(lambda: page.detail_records.isVisibleTo(page), timeout=20000)
    assert "Romanian deadlift: heaviest for 8 reps, 70 kg (was 60 kg)" in page.detail_records.text()
    page.sessions_view.setFocus()
    lookup = window.history.records_lookup  # type: ignore[union-attr]
    with qtbot.waitSignal(lookup.found, timeout=20000):
        qtbot.keyClick(page.sessions_view, Qt.Key.Key_Down)  # the first session beat nothing
    assert "Light" in page.detail_heading.text()
    assert not page.detail_records.isVisibleTo(page)


def test_records_and_progress_tabs_open_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    page = window.history_page
    controller = window.history
    assert controller is not None
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    view = controller.records_view
    assert view is not None and view.isVisibleTo(page)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)  # read off the UI thread
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    charts = controller.progress_view
    assert charts is not None
    qtbot.waitUntil(lambda: charts.isVisible(), timeout=20000)
    charts.show_chart("top_sets", RDL)
    qtbot.waitUntil(lambda: not charts.is_empty, timeout=20000)  # read off the UI thread


IMPORTS = Path(__file__).parents[2] / "fixtures" / "imports"


@pytest.mark.parametrize("name", sorted(p.name for p in IMPORTS.iterdir()))
def test_every_example_export_imports_through_the_window(qtbot: QtBot, paths: AppPaths,
                                                        clock: FakeClock, alerts: RecordingAlerts,
                                                        name: str) -> None:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir
    from app.usecases.import_flow import read_and_plan

    window = _window(qtbot, paths, clock, alerts)
    reader = LogReader(paths.database)
    try:
        _log, _mapping, expected = read_and_plan(IMPORTS / name, load_catalog(resources_dir()).catalog,
                                                 reader)
    finally:
        reader.close()
    controller = window.history
    assert controller is not None
    controller.choose_import_file = lambda: IMPORTS / name
    qtbot.keyClick(window.history_page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.import_dialog is not None, timeout=20000)
    dialog = controller.import_dialog
    assert dialog is not None
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert window.history_page.sessions_model.rowCount() == len(expected.sessions)
    assert f"with {expected.set_count} sets" in window.history_page.change_label.text()


def test_saving_a_chart_says_where_it_went_or_why_not(qtbot: QtBot, window: MainWindow,
                                                      alerts: RecordingAlerts, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.history.history_page import PROGRESS_TAB

    window.show_page(3)
    page = window.history_page
    page.tabs.setCurrentIndex(PROGRESS_TAB)
    controller = window.history
    assert controller is not None
    qtbot.waitUntil(lambda: controller.progress_view is not None, timeout=20000)
    view = controller.progress_view
    assert view is not None
    qtbot.waitUntil(lambda: not view.is_empty, timeout=20000)
    monkeypatch.setattr(view, "ask_png_path", lambda: tmp_path / "chart.png")
    with qtbot.waitSignal(controller.status_changed, timeout=5000) as said:
        view.save_button.click()
    assert (tmp_path / "chart.png").exists() and str(tmp_path / "chart.png") in said.args[0]
    monkeypatch.setattr(view, "ask_png_path", lambda: tmp_path / "missing" / "chart.png")
    view.save_button.click()
    assert alerts.shown[-1][:2] == ("error", "Chart not saved")

"""The routine and program editor: every value checked by the program loader,
the problem shown where it is, and the athlete's programs added, changed,
duplicated and deleted through the Programs page."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidget, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.queries import LogReader
from app.ui.base.alerts import RecordingAlerts
from app.ui.programs.editor import (
    COL_DOSE,
    COL_EXERCISE,
    COL_SUPERSET,
    DoseTextError,
    dose_text,
    parse_dose_text,
)
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> MainWindow:
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    qtbot.keyClick(gui.window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    return gui.window


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    # A window manager activates a dialog it opens; offscreen there is none.
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _stored(paths: AppPaths) -> list[tuple[str, str, dict[str, Any]]]:
    reader = LogReader(paths.database)
    try:
        return reader.user_programs()
    finally:
        reader.close()


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item


@pytest.mark.parametrize("text, keys", [
    ("8-10", {"reps": [8, 10]}), ("10", {"reps": [10, 10]}),
    ("12, 10, 8", {"reps_per_set": [12, 10, 8]}), ("30 s", {"hold_s": 30.0, "holds": 1}),
    ("5 x 10 s", {"hold_s": 10.0, "holds": 5}), ("5 min", {"duration_s": 300.0}),
])
def test_reps_or_time_read_both_ways(text: str, keys: dict[str, Any]) -> None:
    assert parse_dose_text(text) == keys
    assert parse_dose_text(dose_text(keys)) == keys


@pytest.mark.parametrize("text", ["", "ten", "8 to 10", "-3", "5 x", "s"])
def test_reps_or_time_that_cannot_be_read_say_how_to_write_them(text: str) -> None:
    with pytest.raises(DoseTextError, match="8-10"):
        parse_dose_text(text)


def test_a_routine_is_made_with_a_superset_and_every_value_checked(qtbot: QtBot, window: MainWindow,
                                                                   paths: AppPaths) -> None:
    page = window.programs_page
    qtbot.keyClick(page.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    controller = window.programs
    assert controller is not None and controller.editor is not None
    editor = controller.editor
    _activate(qtbot, editor)
    editor.name_edit.setText("Tuesday quickie")
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    table = editor.table
    assert table.rowCount() == 2
    for row, slug in enumerate(("glute-bridge", "stability-ball-hamstring-curl")):
        combo = table.cellWidget(row, COL_EXERCISE)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(slug))
        _cell(table, row, COL_SUPERSET).setText("a")
    _cell(table, 1, COL_DOSE).setText("lots")
    editor.buttons.accepted.emit()
    assert "8-10" in editor.problem.text() and _stored(paths) == []
    assert "8-10" in _cell(table, 1, COL_DOSE).toolTip()
    _cell(table, 1, COL_DOSE).setText("12-10")  # a range that runs backwards
    editor.buttons.accepted.emit()
    assert "Not saved" in editor.problem.text() and _stored(paths) == []
    assert (table.currentRow(), table.currentColumn()) == (1, COL_DOSE)  # where the problem is
    assert _cell(table, 1, COL_DOSE).toolTip()  # the words are on the cell itself
    _cell(table, 1, COL_DOSE).setText("10-12")
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        editor.buttons.accepted.emit()
    [(slug, name, definition)] = _stored(paths)
    assert (slug, name) == ("my-tuesday-quickie", "Tuesday quickie")
    exercises = definition["weeks"][0]["sessions"][0]["exercises"]
    assert [e["superset"] for e in exercises] == ["A", "A"]
    assert exercises[1]["reps"] == [10, 12]
    assert page.selected_slug() == "my-tuesday-quickie" and page.edit_button.isEnabled()


def test_a_built_in_program_is_duplicated_whole_then_deleted(qtbot: QtBot, window: MainWindow,
                                                           paths: AppPaths) -> None:
    page = window.programs_page
    page.select("nordic-programme")
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    controller = window.programs
    assert controller is not None and controller.editor is not None
    editor = controller.editor
    _activate(qtbot, editor)
    assert editor.session_list.count() == 27
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    book = window.program_book()
    [own] = book.own()
    assert own.name == "Nordic program (my version)"
    assert own.planned_sessions == 27 and own.maintenance is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.list.setFocus()
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert _stored(paths) == []

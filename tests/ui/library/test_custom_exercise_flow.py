"""Custom exercises through the main window: keys in the Library, the form,
the background writer, and the list refreshed from the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.queries import LogReader
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow

NORDIC = "nordic-hamstring-curl"


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> MainWindow:
    gui = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    qtbot.keyClick(gui.window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    return gui.window


def _saved(qtbot: QtBot, window: MainWindow) -> None:
    controller = window.custom_exercises
    assert controller is not None and controller.dialog is not None
    dialog = controller.dialog
    with qtbot.waitSignal(controller.changed, timeout=20000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    # A window manager gives activation back to the main window when a dialog
    # closes; the offscreen platform has none, and window shortcuts need it.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _custom_names(paths: AppPaths) -> list[str]:
    reader = LogReader(paths.database)
    try:
        return [e.name for e in reader.custom_exercises()]
    finally:
        reader.close()


def test_add_from_the_keyboard(qtbot: QtBot, window: MainWindow, paths: AppPaths) -> None:
    page = window.library_page
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.custom_exercises.dialog  # type: ignore[union-attr]
    assert dialog is not None and dialog.isVisible()
    dialog.name_edit.setText("Towel slide curl")
    dialog.equipment_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.steps[0].text_edit.setText("Lie on your back with heels on a towel and slide them in.")
    _saved(qtbot, window)
    assert _custom_names(paths) == ["Towel slide curl"]
    assert page.lookup("custom-towel-slide-curl") is not None  # the list was refreshed
    assert "Saved Towel slide curl" in window.statusBar().currentMessage()


def test_duplicate_a_built_in_then_edit_then_delete(qtbot: QtBot, window: MainWindow,
                                                   paths: AppPaths) -> None:
    page = window.library_page
    page.list_view.select_slug(NORDIC)
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = window.custom_exercises.dialog  # type: ignore[union-attr]
    assert dialog is not None
    form = dialog.form()
    assert form.slug is None and form.based_on == NORDIC
    assert form.name == "Nordic hamstring curl (my version)"
    assert len(form.steps) == len(page.catalog.get(NORDIC).steps)  # type: ignore[union-attr]
    _saved(qtbot, window)
    slug = "custom-nordic-hamstring-curl-my-version"

    page.list_view.select_slug(slug)
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.custom_exercises.dialog  # type: ignore[union-attr]
    assert dialog is not None and dialog.form().slug == slug
    dialog.name_edit.setText("Band Nordic")
    _saved(qtbot, window)
    assert _custom_names(paths) == ["Band Nordic"]

    page.list_view.select_slug(slug)
    page.list_view.list.setFocus()  # Delete acts on the list only when it has the focus
    with qtbot.waitSignal(window.custom_exercises.changed, timeout=20000):  # type: ignore[union-attr]
        qtbot.keyClick(page.list_view.list, Qt.Key.Key_Delete)
    assert _custom_names(paths) == []
    assert page.lookup(slug) is None


def test_a_refused_picture_keeps_the_form_open_with_the_message(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    qtbot.keyClick(window.library_page.list_view.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.custom_exercises.dialog  # type: ignore[union-attr]
    assert dialog is not None
    dialog.name_edit.setText("Photo curl")
    dialog.equipment_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.steps[0].text_edit.setText("Curl.")
    vanished = tmp_path / "gone.png"
    vanished.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    dialog.choose_picture_file = lambda: vanished
    dialog.steps[0].picture_button.click()
    vanished.write_text("replaced by something that is not a picture")  # changed before saving
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.steps[0].error.isVisible(), timeout=20000)
    assert "not a picture" in dialog.steps[0].error.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()

"""A keyboard-only athlete: Ctrl+1..6 put the keys inside each page (never
left on the navigation or a hidden page), and the Programs page opens with a
program chosen, so its buttons (Follow, Duplicate...) work at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.shell.application import GuiSession


def _window(open_window: Callable[[], GuiSession], qtbot: QtBot) -> GuiSession:
    gui = open_window()
    gui.window.show()
    qtbot.waitExposed(gui.window)
    return gui


def test_each_page_shortcut_puts_the_keys_in_the_page(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = _window(open_window, qtbot).window
    window.activateWindow()
    for number in (1, 2, 3, 4, 5, 6, 2, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"),
                       Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        focused = QApplication.focusWidget()
        assert focused is not None, page.title
        assert focused is not window.navigation, page.title
        assert page.isAncestorOf(focused), (page.title, type(focused).__name__)
        assert focused.isVisible() and focused.isEnabled(), page.title


def test_the_programs_page_opens_with_a_program_chosen(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = _window(open_window, qtbot).window
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.programs_page
    qtbot.waitUntil(lambda: page.list.count() > 1, timeout=20000)
    assert page.selected_slug() is not None       # not the "BUILT IN" heading
    assert page.follow_button.isEnabled()
    assert page.detail.toPlainText().strip() != ""  # and it is described

"""The mouse wheel scrolls Settings instead of changing the field under the
pointer; a chosen theme stays shown while it is being written; every
setting shows its value."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.look import wheel_guard
from app.ui.shell.main_window import SETTINGS
from helpers.coaching_log import answer_readiness

pytestmark = pytest.mark.usefixtures("look_restored")  # the theme test changes the look

WHEEL_STEP = 120  # one notch of a mouse wheel, in eighths of a degree


def turn_wheel(widget: QWidget, notches: int) -> None:
    """``notches`` turns of the wheel (up: positive) with the pointer over ``widget``."""
    inside = QPoint(widget.width() // 2, widget.height() // 2)
    event = QWheelEvent(QPointF(inside), QPointF(widget.mapToGlobal(inside)), QPoint(0, 0),
                        QPoint(0, WHEEL_STEP * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _settings_window(open_window: Any, qtbot: QtBot) -> Any:
    gui = open_window()
    window = gui.window
    window.resize(1280, 600)  # shorter than the page: it scrolls
    window.open_page(SETTINGS)
    page = window.settings_page
    qtbot.waitUntil(lambda: page.lowering_spin.isVisible())
    return window, page


def test_the_wheel_over_an_unfocused_spin_box_scrolls_the_page_and_keeps_the_value(
        open_window: Any, qtbot: QtBot) -> None:
    _window, page = _settings_window(open_window, qtbot)
    page.open_button.setFocus()   # the keys elsewhere (Ctrl+5 put them in the theme's box)
    qtbot.waitUntil(page.open_button.hasFocus)
    spin = page.lowering_spin
    assert spin.value() == 5 and not spin.hasFocus()
    assert page.scroll_area is not None
    bar = page.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    with qtbot.assertNotEmitted(page.setting_changed):
        turn_wheel(spin, -3)   # down: the lowering target would go to 2 s
        turn_wheel(page.text_size_box, -1)
        turn_wheel(page.theme_box, -1)
        turn_wheel(page.volume_slider, 2)
    assert spin.value() == 5
    assert page.text_size_box.currentData() == 100
    assert page.volume_slider.value() == 80
    assert bar.value() > 0   # the turns scrolled the page instead


def test_a_focused_spin_box_still_takes_the_wheel(open_window: Any, qtbot: QtBot) -> None:
    _window, page = _settings_window(open_window, qtbot)
    spin = page.lowering_spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    with qtbot.waitSignal(page.setting_changed) as changed:
        turn_wheel(spin, 1)
    assert spin.value() == 6 and changed.args == ["lowering_s", 6]


def test_the_guard_is_installed_once_for_the_application(open_window: Any, qtbot: QtBot,
                                                        qapp: QApplication) -> None:
    open_window()
    open_window()
    guards = qapp.findChildren(wheel_guard.WheelGuard)
    assert len(guards) == 1 and wheel_guard.install(qapp) is guards[0]
    scroll_bar = QWidget()
    qtbot.addWidget(scroll_bar)
    assert not wheel_guard.guarded(scroll_bar)


def test_settings_shows_the_new_theme_while_it_is_being_written(open_window: Any,
                                                               qtbot: QtBot) -> None:
    """The new theme redraws every page at once; the log still held the old
    one then, and Settings went back to showing it."""
    window, page = _settings_window(open_window, qtbot)
    page.show_settings(page.settings)
    assert page.theme_box.currentData() == "system"
    held = threading.Event()
    window.writer.submit(lambda _store: held.wait(20))   # the writer is busy: nothing written yet
    try:
        page.theme_box.setCurrentIndex(page.theme_box.findData("dark"))
        assert page.theme_box.currentData() == "dark"
        window.refresh_log_views()   # any refresh before the write lands
        assert page.theme_box.currentData() == "dark"
    finally:
        held.set()
    qtbot.waitUntil(lambda: window.reader.get_setting("theme") == "dark", timeout=20000)
    window.refresh_log_views()
    assert page.theme_box.currentData() == "dark" and page.unsaved == {}


def test_the_volume_shows_its_value(open_window: Any, qtbot: QtBot) -> None:
    _window, page = _settings_window(open_window, qtbot)
    assert page.volume_value.text() == "80%"
    page.volume_slider.setValue(35)
    assert page.volume_value.text() == "35%"


MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_session_screens_drop_down_is_guarded_and_the_application_is_not_watched(
        open_window: Any, qtbot: QtBot, qapp: QApplication) -> None:
    """The guard watches the controls, never every event of the application
    (that cost start-up ~27 ms and ~3 MB)."""
    from PySide6.QtWidgets import QComboBox

    gui = open_window()
    window = gui.window
    assert window.start_exercise("romanian-deadlift")
    answer_readiness(qtbot, window)
    qtbot.waitUntil(lambda: window.session is not None)
    combos = window.session.screen.findChildren(QComboBox)
    assert combos and all(c.property(wheel_guard.GUARDED_PROPERTY) for c in combos)
    guard = wheel_guard.install(qapp)
    # An application-wide filter would see this event; a control's filter does not.
    seen: list[int] = []
    original = guard.eventFilter

    def counting(watched: QObject, event: QEvent) -> bool:
        seen.append(1)
        return original(watched, event)

    # The instance's own filter for this one event (deleted below): mypy refuses
    # assigning to a method, which is the point here.
    guard.eventFilter = counting  # type: ignore[method-assign]
    try:
        QApplication.sendEvent(qapp, QEvent(QEvent.Type.User))
    finally:
        del guard.eventFilter
    assert seen == []

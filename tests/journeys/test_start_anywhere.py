"""Starting a workout from anywhere in the window: a Library exercise with
Ctrl+Enter (list and detail view) or its Start button, and Today's Free
session, offered with and without a program."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.store import Store
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import LIBRARY, TODAY
from helpers.coaching_log import answer_readiness

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
REST_S = 75  # the athlete's rest in Settings: not any exercise's own


def _with_rest(paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.set_setting("rest_s", REST_S)
    store.close()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_ctrl_enter_in_the_library_list_starts_the_exercise_with_its_dose_and_my_rest(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    _with_rest(paths, clock)
    window = open_window().window
    window.open_page(LIBRARY)
    page = window.library_page
    page.list_view.select_slug("romanian-deadlift")
    assert page.catalog is window.catalog()     # one catalog for the window, loaded once
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    answer_readiness(qtbot, window)   # every start asks first (issue 16 point 1)
    host = window.session
    assert host is not None and host.controller is not None
    assert window.modes.currentWidget() is host.screen
    [item] = host.controller.engine.plan.items
    prescription = window.catalog().get("romanian-deadlift").prescription
    assert item.slug == "romanian-deadlift"
    assert (item.sets, item.reps) == (prescription.sets, prescription.reps)
    assert prescription.rest_s != REST_S and item.rest_s == REST_S
    assert not window.builder_action.isEnabled()   # no builder behind a running session


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_the_start_button_on_an_open_exercise_starts_it(qtbot: QtBot, paths: AppPaths,
                                                      open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.open_page(LIBRARY)
    page = window.library_page
    assert page.open_exercise("glute-bridge")
    assert page.detail.start_button.isVisible() and page.detail.start_button.isEnabled()
    assert "Ctrl+Enter" in page.detail.start_button.toolTip()
    qtbot.mouseClick(page.detail.start_button, Qt.MouseButton.LeftButton)
    answer_readiness(qtbot, window)
    host = window.session
    assert host is not None and host.controller is not None
    assert [i.slug for i in host.controller.engine.plan.items] == ["glute-bridge"]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_ctrl_enter_on_an_open_exercise_starts_it(qtbot: QtBot, paths: AppPaths,
                                                 open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.open_page(LIBRARY)
    page = window.library_page
    page.open_exercise("nordic-hamstring-curl")
    qtbot.keyClick(page.detail.next_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    answer_readiness(qtbot, window)
    host = window.session
    assert host is not None and host.controller is not None
    assert host.controller.engine.current_item.slug == "nordic-hamstring-curl"


def test_today_offers_a_free_session_without_a_program(qtbot: QtBot,
                                                       open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.open_page(TODAY)
    today = window.today_page
    assert today.stack.currentWidget() is today.empty_state
    assert today.free_button.isVisible() and today.free_button.parent() is today.empty_state
    assert "Ctrl+Shift+N" in today.free_button.toolTip()
    # Side by side under the words, not pushed to the far ends of the row.
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: today.choose_button.geometry().right() > 0)
    choose, free = today.choose_button.geometry(), today.free_button.geometry()
    assert choose.top() == free.top() and 0 < free.left() - choose.right() <= 24
    qtbot.mouseClick(today.free_button, Qt.MouseButton.LeftButton)
    assert window.session_builder is not None and window.session_builder.isVisible()


def test_today_offers_a_free_session_beside_the_one_due(qtbot: QtBot, paths: AppPaths,
                                                        clock: FakeClock,
                                                        open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date() - timedelta(days=1), [0, 2, 4])
    store.close()
    window = open_window().window
    window.open_page(TODAY)
    today = window.today_page
    assert today.stack.currentWidget() is today.due_panel
    assert today.free_button.isVisible() and today.start_button.isVisible()
    assert today.free_button.parent() is today.due_panel
    assert today.start_row.indexOf(today.free_button) == today.start_row.indexOf(today.start_button) + 1
    today.free_button.click()
    assert window.session_builder is not None


def test_ctrl_shift_n_opens_the_builder_from_any_page(qtbot: QtBot,
                                                      open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    window.open_page(4)  # Settings
    assert window.builder_action.shortcuts()[0].toString() == "Ctrl+Shift+N"
    window.builder_action.trigger()
    assert window.session_builder is not None
    window.session_builder.reject()
    assert window.session_builder is None


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_an_exercise_of_my_own_starts_with_the_editors_default_dose(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    from app.logbook.custom_exercises import StepInput

    store, _ = Store.open(paths, clock)
    mine = store.save_custom_exercise(slug=None, name="Sled pull", equipment=["bodyweight"],
                                      one_side="no", category="strength", level=None,
                                      steps=[StepInput("Lean in and pull.")])
    store.close()
    window = open_window().window
    window.open_page(LIBRARY)
    page = window.library_page
    assert window.start_exercise("no-such-exercise") is False and window.session is None
    page.list_view.select_slug(mine.slug)
    qtbot.keyClick(page.list_view.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    answer_readiness(qtbot, window)   # every start asks first (issue 16 point 1)
    host = window.session
    assert host is not None and host.controller is not None
    [item] = host.controller.engine.plan.items
    assert (item.slug, item.sets, item.reps) == (mine.slug, 3, (8, 12))
    assert window.start_exercise("glute-bridge") is False and window.session is host  # one at a time

"""Every control a person can reach has an accessible name and a tooltip:
every page, every History tab, and the dialogs a keyboard user opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.ui.shell.application import GuiSession
from app.ui.shell.pages import PAGE_TITLES
from helpers.accessibility import unnamed


def test_every_control_is_named_and_explained(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                                              open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date() - timedelta(days=1), [0, 2, 4])
    session = store.start_session(title="Gym", program_slug="sample-session", program_day=1)
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(session.id)
    store.close()
    clock.advance(3 * 86400)
    window = open_window().window
    for row in range(len(PAGE_TITLES)):
        window.show_page(row)
    history = window.history_page
    for tab in range(history.tabs.count()):
        history.tabs.setCurrentIndex(tab)
    problems = unnamed(window)
    assert problems == [], '\n'.join(problems)

    # Every page was shown above, so each page's controller is there.
    history_control, programs, today = window.history, window.programs, window.today
    assert history_control is not None and programs is not None and today is not None
    dialogs: list[QWidget | None] = []
    history.tabs.setCurrentIndex(0)
    history.edit_button.click()
    dialogs.append(history_control.set_dialog)
    window.programs_page.select("nordic-programme")
    qtbot.keyClick(window.programs_page.list, Qt.Key.Key_Return)
    dialogs.append(programs.follow_dialog)
    assert programs.follow_dialog is not None
    programs.follow_dialog.reject()
    window.programs_page.new_button.click()
    dialogs.append(programs.editor)
    assert programs.editor is not None
    programs.editor.add_exercise_button.click()
    window.today_page.start_button.click()
    dialogs.append(window.readiness_dialog)
    assert window.readiness_dialog is not None
    window.readiness_dialog.reject()
    window.today_page.note_button.click()
    dialogs.append(today.note_dialog)
    window.welcome_action.trigger()
    dialogs.append(window.welcome_dialog)
    week = window.week
    assert week is not None
    window.week_page.plan_button.click()
    dialogs.append(week.plan_dialog)
    window.week_page.races_button.click()
    dialogs.append(week.races_dialog)
    assert all(d is not None for d in dialogs), dialogs
    for dialog in dialogs:
        assert dialog is not None
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.close()
    assert QApplication.instance() is not None

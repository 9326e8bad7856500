"""Journey 3, offscreen on a fake clock: a new athlete follows the Nordic
program from the window and opens Today every day for two weeks.

Mon/Wed/Fri are the training days (the follow dialog's default for a
three-a-week program); the program's first week has one session and its
second two, so they fall on Monday 5, Monday 12 and Wednesday 14 January.
Each of those days the session due is started from Today with the keyboard
and logged; on the last one an empty session (started, then ended without a
set) comes first and must not count. Every day Today is checked:
the session due, the week strip's words for each day, and how the program is
going; the week strip's days must not be drawn on top of each other.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.session.events import State
from app.storage.queries import LogReader
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow
from helpers.coaching_log import (
    close_window,
    next_step_as_planned,
    on_the_session_screen,
    refocus,
    window_opened,
)

MONDAY = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)
TRAINING_DAYS = (date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 14))
DAYS = 14
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


def _open(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> GuiSession:
    # Every question the window asks on the way is answered yes.
    return window_opened(qtbot, paths, clock, RecordingAlerts(confirm_answer=True))


def _follow_the_nordic_program(qtbot: QtBot, window: MainWindow) -> None:
    if window.welcome_dialog is not None:
        qtbot.keyClick(window.welcome_dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.welcome_dialog is None)
        refocus(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.programs_page
    page.select("nordic-programme")
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    controller = window.programs
    assert controller is not None and controller.follow_dialog is not None
    with qtbot.waitSignal(controller.log_changed, timeout=20000):
        qtbot.keyClick(controller.follow_dialog, Qt.Key.Key_Return)
    refocus(qtbot, window)


def _start_from_today(qtbot: QtBot, window: MainWindow) -> None:
    refocus(qtbot, window)   # after the last session's screen, as a window manager does
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window.today_page, Qt.Key.Key_Return, CTRL)
    dialog = window.readiness_dialog   # every start asks (issue 16 point 1)
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)   # no soreness: start
    qtbot.waitUntil(lambda: window.session is not None and window.session.controller is not None,
                    timeout=20000)


def _run_the_session(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    """Sets of reps quick-logged as planned (Enter before the set); timed ones
    (the warm-up jog) run on the clock and are saved from the log sheet;
    every rest runs out."""
    host = window.session
    assert host is not None and host.controller is not None
    controller, engine = host.controller, host.controller.engine
    quick_logged = 0
    for _ in range(2000):
        state = engine.state
        if state is State.SUMMARY:
            break
        if state is State.READY and "quick_log" in engine.allowed():
            quick_logged += 1
        next_step_as_planned(qtbot, window, clock)
    assert quick_logged > 0   # the Nordic sets: one key each
    assert engine.state is State.SUMMARY
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    on_the_session_screen(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)


def _end_without_a_set(qtbot: QtBot, window: MainWindow) -> None:
    on_the_session_screen(qtbot, window, Qt.Key.Key_Escape)   # pause
    on_the_session_screen(qtbot, window, Qt.Key.Key_E)        # end the session
    host = window.session
    controller = None if host is None else host.controller
    if controller is not None:
        qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
        if window.session is not None:
            on_the_session_screen(qtbot, window, Qt.Key.Key_Return)   # close the summary
    qtbot.waitUntil(lambda: window.session is None, timeout=20000)


def _strip_words(window: MainWindow) -> dict[date, str]:
    view = window.today.view  # type: ignore[union-attr]
    assert view is not None
    return {day.date: day.status for day in view.strip}


def _visible_strip_labels(window: MainWindow) -> list[QLabel]:
    box = window.today_page.strip_box
    labels: list[QLabel] = []
    for n in range(box.count()):
        item = box.itemAt(n)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel) and widget.isVisible():   # the strip holds only its day labels
            labels.append(widget)
    return labels


def _assert_strip_days_apart(window: MainWindow) -> None:
    """The week strip's seven days side by side or on rows, never on top of
    each other or of the program title (the fault found in issue 14)."""
    QApplication.processEvents()   # the layout requests a showing page posts, as the loop runs them
    days = _visible_strip_labels(window)
    assert len(days) == 7
    page = window.today_page
    title = page.program_label.geometry()
    rects = [day.geometry() for day in days]
    for n, rect in enumerate(rects):
        assert not rect.isEmpty()
        for other in rects[n + 1:]:
            assert not rect.intersects(other), (rect, other)
    strip_top = min(day.mapTo(page, day.rect().topLeft()).y() for day in days)
    assert page.program_label.mapTo(page, title.bottomLeft()).y() <= strip_top + title.y()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_two_weeks_of_the_nordic_program_from_today(qtbot: QtBot, paths: AppPaths,
                                                 clock: FakeClock) -> None:
    gui = _open(qtbot, paths, clock)
    _follow_the_nordic_program(qtbot, gui.window)
    days = [MONDAY.date() + timedelta(days=n) for n in range(DAYS)]
    done_days: list[date] = []
    for offset, day in enumerate(days):
        if offset:
            close_window(qtbot, gui)
            clock.advance((datetime.combine(day, MONDAY.timetz()) - clock.now()).total_seconds())
            gui = _open(qtbot, paths, clock)
        window = gui.window
        qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
        today = window.today
        assert today is not None and today.view is not None
        view = today.view
        assert window.today_page.stack.currentWidget() is window.today_page.due_panel
        _assert_strip_days_apart(window)
        words = _strip_words(window)
        monday = day - timedelta(days=day.weekday())
        assert list(words) == [monday + timedelta(days=n) for n in range(7)]
        for earlier in (d for d in words if d < day):
            assert words[earlier] == ("done" if earlier in done_days else "rest"), earlier
        assert view.due is not None
        assert view.due.day_number == len(done_days) + 1
        assert view.adherence.done == len(done_days)
        if day in TRAINING_DAYS:
            assert words[day] == "planned"
            assert view.due.planned_date == day and view.due.overdue_days == 0   # due today
            if day == TRAINING_DAYS[-1]:
                _start_from_today(qtbot, window)
                _end_without_a_set(qtbot, window)
                now = window.today
                assert now is not None and now.view is not None and now.view.due is not None
                assert now.view.due.day_number == len(done_days) + 1  # not counted
            _start_from_today(qtbot, window)
            _run_the_session(qtbot, window, clock)
            done_days.append(day)
            now = window.today
            after = None if now is None else now.view
            assert after is not None and after.adherence.done == len(done_days)
            assert {d.date: d.status for d in after.strip}[day] == "done"
        else:
            assert words[day] == "rest"
            assert view.due.planned_date > day   # the next training day, not today
    close_window(qtbot, gui)
    reader = LogReader(paths.database)
    try:
        sessions = reader.list_sessions()
        sets = [reader.sets_of_session(s.id) for s in sessions]
    finally:
        reader.close()
    assert len(sessions) == 3   # the empty session was not kept
    assert sorted(s.program_day or 0 for s in sessions) == [1, 2, 3]   # none is missing (0)
    assert all(sets_of_one for sets_of_one in sets)
    assert sorted(s.started_at.date() for s in sessions) == done_days

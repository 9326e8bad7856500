"""The calendar of training days: local days, shades with a mark and words for
each day, the keyboard, and Enter opening the day's sessions in History."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.progress.calendar import (
    LEVEL_FROM_SETS,
    CalendarSession,
    TrainingDay,
    training_days,
    year_range,
)
from app.progress.queries import ProgressReader
from app.storage.store import Store
from app.ui.history.calendar_view import (
    ARRANGEMENTS,
    BLOCK_COLUMNS,
    BLOCK_ROWS,
    CalendarView,
    arrange,
    day_description,
)
from app.ui.history.history_page import CALENDAR_TAB, SESSIONS_TAB
from app.ui.shell.application import GuiSession

TODAY = date(2026, 3, 18)


def _at_local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time as the UTC moment the log stores."""
    return datetime(year, month, day, hour, minute).astimezone().astimezone(UTC)


def _session(id_: int, moment: datetime, sets: int, title: str = "") -> CalendarSession:
    return CalendarSession(id_, moment, title, sets)


# -- pure parts ------------------------------------------------------------------------------


def test_days_are_the_athletes_local_days_of_the_year() -> None:
    sessions = [_session(1, _at_local(2026, 1, 1, 23, 30), 4),
                _session(2, _at_local(2026, 1, 1, 7), 3, "Morning"),
                _session(3, _at_local(2025, 12, 31, 23, 59), 5),
                _session(4, _at_local(2027, 1, 1, 0, 1), 5)]
    days = training_days(sessions, 2026)
    assert list(days) == [date(2026, 1, 1)]
    first = days[date(2026, 1, 1)]
    assert first.session_ids == (2, 1)  # in the order they started
    assert first.sets == 7
    start, end = year_range(2026)
    assert all(start <= s.started_at < end for s in sessions[:2])


def test_the_shade_grows_with_the_sets_of_the_day() -> None:
    assert LEVEL_FROM_SETS == (1, 6, 13, 21)
    def level(sets: int) -> int:
        return TrainingDay(TODAY, (_session(1, datetime(2026, 3, 18, tzinfo=UTC), sets),)).level
    assert [level(n) for n in (1, 5, 6, 12, 13, 20, 21, 60)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_every_day_is_said_in_words() -> None:
    found = TrainingDay(TODAY, (_session(1, datetime(2026, 3, 18, 8, tzinfo=UTC), 1, "Gym"),
                                _session(2, datetime(2026, 3, 18, 18, tzinfo=UTC), 11)))
    assert day_description(TODAY, found, TODAY) == "Wed 18 Mar 2026: 2 sessions, 12 sets (Gym)"
    assert day_description(date(2026, 3, 17), None, TODAY) == "Tue 17 Mar 2026: no session"
    assert day_description(date(2026, 3, 19), None, TODAY) == "Thu 19 Mar 2026: still to come"


@pytest.mark.parametrize(("width", "height"), [(1000, 400), (600, 700), (300, 1100), (2000, 180)])
def test_the_months_take_the_arrangement_with_the_biggest_days(width: int, height: int) -> None:
    shown = arrange(width, height)
    assert (shown.columns, shown.rows) in ARRANGEMENTS or shown.cell == 11
    if shown.cell > 11:
        assert shown.width <= width and shown.height <= height
    for columns, rows in ARRANGEMENTS:
        other = min(width // (columns * (BLOCK_COLUMNS + 1) - 1),
                    height // (rows * (BLOCK_ROWS + 1) - 1))
        assert other <= shown.cell
    assert (arrange(1000, 400).columns, arrange(1000, 400).cell) == (6, 21)


# -- the widget ------------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot) -> CalendarView:
    shown = CalendarView(TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 520)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _days() -> dict[date, TrainingDay]:
    sessions = [_session(7, _at_local(2026, 3, 2, 18), 14, "Gym"),
                _session(8, _at_local(2026, 3, 16, 7), 3)]
    return training_days(sessions, 2026)


@pytest.mark.parametrize("size", [(1000, 520), (420, 1100)])
def test_each_day_has_its_own_square(qtbot: QtBot, view: CalendarView,
                                     size: tuple[int, int]) -> None:
    view.resize(*size)
    grid = view.grid
    day = date(2026, 1, 1)
    seen = set()
    while day.year == 2026:
        rect = grid.cell_rect(day)
        assert grid.rect().contains(rect), day
        assert grid.day_at(rect.center()) == day
        seen.add((rect.x(), rect.y()))
        day += timedelta(days=1)
    assert len(seen) == 365


def test_the_keys_move_a_day_a_week_a_year_and_home(qtbot: QtBot, view: CalendarView) -> None:
    grid = view.grid
    view.set_days(2026, _days())
    grid.setFocus()
    moves = [(Qt.Key.Key_Right, date(2026, 3, 19)), (Qt.Key.Key_Left, date(2026, 3, 18)),
             (Qt.Key.Key_Up, date(2026, 3, 11)), (Qt.Key.Key_Down, date(2026, 3, 18)),
             (Qt.Key.Key_Home, TODAY)]
    for key, expected in moves:
        qtbot.keyClick(grid, key)
        assert view.current == expected
    with qtbot.waitSignal(view.year_wanted) as wanted:
        qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert wanted.args == [2025] and view.current == date(2025, 3, 18)
    assert "Reading 2025" in view.day_label.text()
    view.set_days(2026, _days())  # an answer for a year no longer shown is dropped
    assert view.loaded_year is None
    view.set_days(2025, {})
    assert view.day_label.text() == "Tue 18 Mar 2025: no session"
    with qtbot.waitSignal(view.year_wanted):
        qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert view.current == TODAY


def test_the_day_under_the_keys_is_described_and_enter_opens_it(qtbot: QtBot,
                                                               view: CalendarView) -> None:
    grid = view.grid
    view.set_days(2026, _days())
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert view.current == date(2026, 3, 16)
    assert grid.accessibleDescription() == "Mon 16 Mar 2026: 1 session, 3 sets"
    assert view.day_label.text() == grid.accessibleDescription()
    assert grid.accessibleName() == "Training days of 2026"
    with qtbot.waitSignal(view.day_activated) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened.args[0].session_ids == (8,)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    with qtbot.waitSignal(view.empty_day_activated) as empty:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert empty.args == [date(2026, 3, 17)]


def test_a_training_day_is_filled_and_marked_not_only_colored(qtbot: QtBot,
                                                              view: CalendarView) -> None:
    view.set_days(2026, _days())
    grid = view.grid
    image = grid.grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel(point: QPoint) -> QColor:
        return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))

    trained, rested = grid.cell_rect(date(2026, 3, 2)), grid.cell_rect(date(2026, 3, 3))
    inside = QPoint(3, trained.height() - 4)
    assert pixel(trained.topLeft() + inside) != pixel(rested.topLeft() + inside)
    # The corner mark is drawn in the text color: the shape says "trained" too.
    corner = QPoint(trained.width() - 4, 3)
    assert pixel(trained.topLeft() + corner) == grid.palette().text().color()
    assert pixel(rested.topLeft() + corner) != grid.palette().text().color()


# -- the query and the window ---------------------------------------------------------------------------


def _log(paths: AppPaths, clock: FakeClock) -> tuple[int, int]:
    store, _ = Store.open(paths, clock)
    try:
        trained = store.start_session(title="Gym")
        store.log_set(trained.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        store.end_session(trained.id)
        clock.advance(86400)
        empty = store.start_session(title="Nothing done")  # an old empty session
        store.end_session(empty.id)
        clock.advance(86400)
        return trained.id, empty.id
    finally:
        store.close()


def test_only_sessions_with_sets_are_training(paths: AppPaths, clock: FakeClock) -> None:
    trained, _empty = _log(paths, clock)
    reader = ProgressReader(paths.database)
    try:
        found = reader.calendar_sessions(*year_range(clock.now().astimezone().year))
        assert [(s.id, s.title, s.sets) for s in found] == [(trained, "Gym", 1)]
        assert reader.calendar_sessions(*year_range(2020)) == []
    finally:
        reader.close()


def test_ctrl_l_shows_the_calendar_and_enter_opens_the_days_session(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    trained, _empty = _log(paths, clock)
    window = open_window().window
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.history_page
    page.sessions_view.setFocus()
    qtbot.keyClick(page.sessions_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == CALENDAR_TAB
    view = page.calendar_view()
    assert view is not None and view.grid.hasFocus()
    assert "Alt+L or Ctrl+L calendar" in page.tabs.toolTip()
    assert page.tabs.tabText(CALENDAR_TAB) == "Ca&lendar"
    today = clock.now().astimezone().date()
    assert view.current == today
    qtbot.waitUntil(lambda: view.loaded_year == today.year)
    for _ in range(2):
        qtbot.keyClick(view.grid, Qt.Key.Key_Left)
    trained_day = view.current
    assert ": 1 session, 1 set" in view.grid.accessibleDescription()
    qtbot.keyClick(view.grid, Qt.Key.Key_Right)
    assert ": no session" in view.grid.accessibleDescription()  # the empty session is no training
    qtbot.keyClick(view.grid, Qt.Key.Key_Left)
    assert view.current == trained_day
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    assert page.tabs.currentIndex() == SESSIONS_TAB
    assert page.selected_session is not None and page.selected_session.id == trained
    assert page.sessions_view.hasFocus()


def test_enter_opens_a_day_older_than_the_first_page_of_the_list(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    from app.ui.history.models import PAGE_SIZE

    store, _ = Store.open(paths, clock)
    try:
        first = store.start_session(title="The first", source="strong")
        store.log_set(first.id, SetEntry("glute-bridge", 1, reps=12))
        for n in range(PAGE_SIZE + 5):
            clock.advance(86400)
            later = store.start_session(title=f"Later {n}", source="strong")
            store.log_set(later.id, SetEntry("glute-bridge", 1, reps=12))
    finally:
        store.close()
    window = open_window().window
    window.show_page(3)
    page = window.history_page
    assert page.sessions_model.rowCount() == PAGE_SIZE  # the first page only
    page.show_calendar()
    view = page.calendar_view()
    assert view is not None
    day = first.started_at.astimezone().date()
    view.grid.move_to(day)
    qtbot.waitUntil(lambda: view.loaded_year == day.year)
    qtbot.keyClick(view.grid, Qt.Key.Key_Return)
    assert page.tabs.currentIndex() == SESSIONS_TAB
    assert page.selected_session is not None and page.selected_session.id == first.id

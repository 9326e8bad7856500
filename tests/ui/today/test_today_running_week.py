"""Today's week strip with the running week: once the athlete runs (or plans
runs, or a race), each day also says its runs, the strength placed around
them and the 48-hour window before a hard run, in the same seven boxes (no
second strip); without running the strip is as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.runs import PlannedDay, RunEntry, RunTag
from app.storage.store import Store
from app.ui.shell.application import GuiSession
from app.ui.today.today_page import TodayPage

MONDAY = date(2026, 3, 2)


def _local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone().astimezone(UTC)


def _plain(label: QLabel) -> list[str]:
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText().splitlines()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(_local(MONDAY + timedelta(days=1), 12))   # Tuesday noon


def _today(qtbot: QtBot, open_window: Callable[[], GuiSession]) -> TodayPage:
    window = open_window().window
    page = window.today_page
    assert page.due_panel is not None
    return page


def test_the_strip_shows_the_runs_the_placed_strength_and_the_windows(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", MONDAY - timedelta(days=7), [0, 2, 4])
    store.set_planned_week([PlannedDay.EASY, PlannedDay.REST, PlannedDay.REST, PlannedDay.LONG,
                            PlannedDay.REST, PlannedDay.REST, PlannedDay.REST])
    store.add_runs([RunEntry(_local(MONDAY, 7), 40 * 60, distance_m=7000, tag=RunTag.EASY,
                             tag_guessed=False, source="gpx")])
    store.add_race(MONDAY + timedelta(days=5), "Park <5K>")
    store.close()
    window = open_window().window
    today = window.today
    assert today is not None and today.view is not None and today.view.week is not None
    week = today.view.week
    page = window.today_page
    labels = page.strip_labels
    assert len(labels) == 7                                   # the one strip, extended
    monday, wednesday, thursday, saturday = (_plain(labels[i]) for i in (0, 2, 3, 5))
    assert "✓ easy run" in monday
    assert "long run" in thursday
    assert "no heavy work (48 h)" in wednesday                 # the day before the long run
    assert week.days[2].in_window and not week.days[0].in_window
    assert "race: Park <5K>" in saturday                      # its name, escaped, shown whole
    # From today on, a session is planned where the week placed it (the
    # program's Wednesday session moved away from the long run's window).
    placed = {i: d.strength for i, d in enumerate(week.days)
              if d.strength is not None and d.strength.placed}
    assert placed, "the program's sessions are placed this week"
    assert 2 not in placed and _plain(labels[2])[1] == "rest"
    for index, strength in placed.items():
        lines = _plain(labels[index])
        assert lines[1] == f"planned · day {strength.program_day}", lines
        if strength.moved_from is not None:
            assert any(f"moved from {strength.moved_from.strftime('%a')}" in line
                       for line in lines), lines
        if strength.half_volume:          # the race on Saturday: this is its week
            assert any("half volume" in line for line in lines), lines
    # A screen reader hears the same.
    assert "no heavy work (48 h)" in labels[2].accessibleName()
    # The taller strip scrolls with the page at the standard text size too.
    assert page.scroll_area is not None and page.scroll_area.widget() is page.content


def test_without_running_the_strip_is_as_it_was(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    store, _ = Store.open(paths, clock)
    store.enrol("sample-session", clock.now().astimezone().date() - timedelta(days=3), [0, 2, 4])
    store.close()
    page = _today(qtbot, open_window)
    assert page.scroll_area is None      # the first screen as it was
    for label in page.strip_labels:
        assert len(_plain(label)) == 2, _plain(label)   # the day, and its status
        assert "run" not in label.text() and "48 h" not in label.text()

"""The Week page in the window, on a real log: a week with runs done and
planned, strength done and placed by the scheduler, the 48-hour windows and
a rule bent; Ctrl+6 and the keys between weeks; the planned week and races
saved through the window's writer, and the page shown again from the log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.i18n import format_date
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.logbook.runs import PlannedDay, RunEntry, RunTag
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import WEEK, MainWindow
from app.ui.week.planned_week_dialog import CHOICES
from app.ui.week.week_page import WeekPage, window_words
from helpers.writes import wait_for_writes

MONDAY = date(2026, 3, 2)
WEDNESDAY = MONDAY + timedelta(days=2)
SUNDAY = MONDAY + timedelta(days=6)
# A dense running week: every heavy day the program wants is in a window or
# beside a hard run, so the scheduler moves the sessions and bends one rule.
PLANNED = (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.LONG, PlannedDay.EASY,
           PlannedDay.QUALITY, PlannedDay.LONG)


def _local(day: date, hour: int) -> datetime:
    """``hour`` o'clock of ``day`` on this machine, in UTC (what is stored)."""
    return datetime(day.year, day.month, day.day, hour).astimezone().astimezone(UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(_local(MONDAY, 18))


@pytest.fixture
def log(paths: AppPaths, clock: FakeClock) -> Iterator[Store]:
    """Monday: an easy run and a strength session of the sample session.
    Tuesday: a quality run. Opened on Wednesday morning."""
    store, _ = Store.open(paths, clock)
    try:
        store.enrol("sample-session", MONDAY - timedelta(days=7), [0, 2, 4])
        store.set_planned_week(PLANNED)
        session = store.start_session(title="Gym", program_slug="sample-session", program_day=4)
        store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        clock.advance(1800)
        store.end_session(session.id)
        clock.advance((_local(WEDNESDAY, 8) - clock.now()).total_seconds())
        store.add_runs([
            RunEntry(_local(MONDAY, 7), 45 * 60, distance_m=8000, tag=RunTag.EASY,
                     tag_guessed=False, source="fit"),
            RunEntry(_local(MONDAY + timedelta(days=1), 7), 50 * 60, distance_m=10000,
                     tag=RunTag.QUALITY, tag_guessed=False, source="fit")])
        yield store
    finally:
        store.close()


def _week_window(qtbot: QtBot, open_window: Callable[[], GuiSession]) -> MainWindow:
    window = open_window().window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    return window


def _page(window: MainWindow) -> WeekPage:
    page = window.current_page()
    assert isinstance(page, WeekPage)
    return page


@pytest.mark.usefixtures("log")
def test_ctrl_6_shows_this_week_as_the_scheduler_placed_it(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = _week_window(qtbot, open_window)
    page = _page(window)
    assert window.current_page() is window.page(WEEK)
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)   # the keys are in the page
    controller = window.week
    assert controller is not None and controller.plan is not None
    plan = controller.plan
    assert plan.monday == MONDAY and page.stack.currentWidget() is page.week_panel
    lines = [box.lines for box in page.day_boxes]
    assert lines[0][0] == "✓ Easy run · 8 km · 45 min"
    assert lines[0][1].startswith("✓ Strength: ")              # done on Monday evening
    assert lines[1] == ["✓ Quality run · 10 km · 50 min"]
    assert lines[2] == [window_words()]          # Wednesday: Thursday's long run follows
    assert lines[3][0] == "Long run: planned"
    assert lines[3][1].startswith("Strength: ") and "after the run" in lines[3][1] \
        and "moved from Wednesday" in lines[3][1]
    assert "(today)" in page.day_boxes[2].text()
    # Each placement says why, in the day's tooltip.
    assert page.day_boxes[3].toolTip() == plan.days[3].reason != ""
    # The rule bent, on a calm line with the next best day.
    assert plan.bent, "the scenario should bend a rule"
    bent = plan.bent[0]
    line = next(note for note in page.notes if note.startswith("Rule bent on"))
    assert format_date(bent.day) in line
    assert bent.next_best is None or f"Next best day: {format_date(bent.next_best)}." in line


@pytest.mark.usefixtures("log")
def test_the_keys_move_between_weeks_and_back(
        qtbot: QtBot, open_window: Callable[[], GuiSession]) -> None:
    window = _week_window(qtbot, open_window)
    page, controller = _page(window), window.week
    assert controller is not None
    assert not page.this_week_button.isEnabled()        # already this week
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert controller.plan is not None and controller.plan.monday == MONDAY - timedelta(weeks=1)
    assert format_date(MONDAY - timedelta(weeks=1)) in page.range_label.text()
    assert page.day_boxes[0].lines[0] == "Easy run: planned, not logged"
    qtbot.keyClick(page.plan_button, Qt.Key.Key_PageDown)
    qtbot.keyClick(page.plan_button, Qt.Key.Key_PageDown)
    assert controller.plan.monday == MONDAY + timedelta(weeks=1)
    assert page.this_week_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert controller.plan.monday == MONDAY + timedelta(weeks=2)
    page.plan_button.setFocus()
    qtbot.keyClick(page.plan_button, Qt.Key.Key_Home)
    assert controller.plan.monday == MONDAY and controller.offset == 0
    assert "(this week)" in page.range_label.text()


@pytest.mark.usefixtures("log")
def test_the_planned_week_is_saved_and_the_week_shown_again(
        qtbot: QtBot, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    window = _week_window(qtbot, open_window)
    page, controller = _page(window), window.week
    assert controller is not None
    page.plan_button.click()
    dialog = controller.plan_dialog
    assert dialog is not None and dialog.days() == PLANNED   # opens on the stored week
    # Saturday's quality run becomes a rest day.
    dialog.day_boxes[5].setCurrentIndex(CHOICES.index(PlannedDay.REST))
    dialog.save_button.click()
    wait_for_writes(qtbot, window.writer)
    qtbot.waitUntil(lambda: controller.plan_dialog is None)
    reader = LogReader(paths.database)
    try:
        assert reader.planned_week()[5] is PlannedDay.REST
    finally:
        reader.close()
    qtbot.waitUntil(lambda: "Quality run: planned" not in page.day_boxes[5].lines)
    assert window.statusBar().currentMessage() == "Your running week is saved"


@pytest.mark.usefixtures("log")
def test_a_race_is_added_and_removed_and_the_week_follows(
        qtbot: QtBot, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    window = _week_window(qtbot, open_window)
    page, controller = _page(window), window.week
    assert controller is not None
    page.races_button.click()
    dialog = controller.races_dialog
    assert dialog is not None and dialog.list.count() == 0
    dialog.date_edit.setDate(QDate(SUNDAY.year, SUNDAY.month, SUNDAY.day))
    dialog.name_edit.setText("Spring 10K")
    dialog.add_button.click()
    wait_for_writes(qtbot, window.writer)
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert dialog.name_edit.text() == ""                      # ready for another
    assert page.day_boxes[6].lines[0] == "Race: Spring 10K: planned"
    assert "race week" in page.range_label.text()
    dialog.list.setCurrentRow(0)
    dialog.remove_button.click()
    wait_for_writes(qtbot, window.writer)
    qtbot.waitUntil(lambda: dialog.list.count() == 0)
    assert page.day_boxes[6].lines[0] == "Long run: planned"
    reader = LogReader(paths.database)
    try:
        assert reader.races() == []
    finally:
        reader.close()
    dialog.reject()
    assert controller.races_dialog is None


def test_an_empty_log_says_what_to_do_and_a_planned_week_fills_it(
        qtbot: QtBot, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    window = _week_window(qtbot, open_window)
    page, controller = _page(window), window.week
    assert controller is not None
    assert page.stack.currentWidget() is page.empty_state
    assert not page.export_button.isEnabled() and not page.previous_button.isEnabled()
    page.plan_button.click()
    dialog = controller.plan_dialog
    assert dialog is not None and dialog.days() == (PlannedDay.REST,) * 7
    dialog.day_boxes[3].setCurrentIndex(CHOICES.index(PlannedDay.LONG))
    dialog.save_button.click()
    wait_for_writes(qtbot, window.writer)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.week_panel)
    monday = window.clock.now().astimezone().date()
    monday -= timedelta(days=monday.weekday())
    assert controller.plan is not None and controller.plan.monday == monday
    assert page.day_boxes[3].lines[0].startswith("Long run: planned")
    assert page.day_boxes[2].lines == [window_words()]
    assert page.export_button.isEnabled()


@pytest.mark.usefixtures("log")
def test_export_calendar_writes_the_placed_sessions_and_the_runs(
        qtbot: QtBot, tmp_path: Path, open_window: Callable[..., GuiSession]) -> None:
    alerts = RecordingAlerts()
    window = open_window(alerts).window
    window.show_page(WEEK)
    page, controller = _page(window), window.week
    assert controller is not None
    target = tmp_path / "week.ics"
    controller.choose_calendar_file = lambda: target
    page.export_button.click()
    qtbot.waitUntil(lambda: "are in" in window.statusBar().currentMessage(), timeout=20000)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "SUMMARY:Strength: " in text and "SUMMARY:Long run" in text
    # A place that cannot be written: said, with the system's reason, nothing else.
    controller.choose_calendar_file = lambda: tmp_path
    page.export_button.click()
    qtbot.waitUntil(lambda: bool(alerts.shown), timeout=20000)
    kind, title, _text = alerts.shown[0]
    assert (kind, title) == ("error", "Export failed")
    # Nothing chosen in the file dialog: nothing written.
    controller.choose_calendar_file = lambda: None
    page.export_button.click()
    assert len(alerts.shown) == 1

"""History's Runs tab (issue 18 point 5): the runs newest first from a model
read a page at a time, each column in words, the tag changed with the
drop-down (the athlete's tag replaces the guess) and a run deleted with
Delete, both taken back with Undo; a log of runs alone opens the tabs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.i18n import format_datetime
from app.kernel.paths import AppPaths
from app.logbook.runs import RunEntry, RunRecord, RunTag, Sport
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.history_page import RUNS_TAB
from app.ui.history.runs_view import MAX_REFUSAL_ROWS, PAGE_SIZE, RunsModel, RunsView, pace_text
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow
from helpers.accessibility import unnamed

START = datetime(2025, 12, 1, 7, 0, tzinfo=UTC)


def _run(days: float, *, distance_m: float | None = 10_000.0, duration_s: float = 3000.0,
         tag: RunTag = RunTag.EASY, guessed: bool = True, hr: int | None = 150,
         sport: Sport = Sport.RUN, source: str = "fit") -> RunEntry:
    return RunEntry(START + timedelta(days=days), duration_s, sport, distance_m, 40.0, hr, tag,
                    guessed, source, "Morning Run")


def _log_runs(paths: AppPaths, clock: FakeClock, entries: list[RunEntry],
              units: str | None = None) -> None:
    store, _ = Store.open(paths, clock)
    try:
        store.add_runs(entries)
        if units is not None:
            store.set_setting("units", units)
    finally:
        store.close()


def _stored(paths: AppPaths) -> list[RunRecord]:
    reader = LogReader(paths.database)
    try:
        return reader.list_runs()
    finally:
        reader.close()


def _runs_view(gui: GuiSession) -> RunsView:
    window = gui.window
    window.show_page(3)  # History
    window.history_page.show_runs()
    assert window.history is not None and window.history.runs_view is not None
    return window.history.runs_view


def _changed(qtbot: QtBot, window: MainWindow) -> Any:
    """A block whose request writes: it ends once the write is stored and shown."""
    assert window.history is not None
    return qtbot.waitSignal(window.history.log_changed, timeout=20000)


def _refocus(qtbot: QtBot, window: MainWindow) -> None:
    # Keys reach a shortcut only in the active window (offscreen has no window manager).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _cells(view: RunsView, row: int) -> list[str]:
    model = view.model
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def test_the_runs_are_listed_newest_first_with_each_column_in_words(
        paths: AppPaths, clock: FakeClock, open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [
        _run(0),
        _run(2, distance_m=21_097.5, duration_s=6330.0, tag=RunTag.LONG, guessed=False,
             source="strava"),
        _run(4, distance_m=None, hr=None, sport=Sport.TREADMILL, tag=RunTag.UNKNOWN,
             source="gpx"),
    ])
    view = _runs_view(open_window())
    assert view.stack.currentWidget() is view.table
    assert view.model.rowCount() == 3
    days = [view.model.record(row).started_at for row in range(3)]
    assert days == sorted(days, reverse=True)
    newest, long_run, oldest = (_cells(view, row) for row in range(3))
    # No distance, no heart rate: empty cells, not zeros.
    assert newest[1:] == ["Treadmill", "Not tagged", "", "50:00", "", "", "GPX"]
    # The athlete's own tag has no "guessed"; a pace per km, to the second.
    assert long_run[1:] == ["Run", "Long", "21.1", "1:45:30", "5:00 /km", "150", "Strava"]
    assert oldest[2:] == ["Easy (guessed)", "10", "50:00", "5:00 /km", "150", "FIT"]
    header = view.model.headerData(RunsModel.DISTANCE, Qt.Orientation.Horizontal)
    assert header == "km"
    assert view.model.headerData(RunsModel.DISTANCE, Qt.Orientation.Horizontal,
                                 Qt.ItemDataRole.ToolTipRole) == "Distance, in km"
    # A word cut short in a narrow column is whole in its cell's tooltip.
    tip = view.model.data(view.model.index(1, RunsModel.SOURCE), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Named “Morning Run” in its file\n")
    tip = view.model.data(view.model.index(2, RunsModel.TAG), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Easy (guessed)\nCtrl+T")
    # The selected run's tag is the drop-down's.
    assert view.selected_run is not None and view.selected_run.entry.sport is Sport.TREADMILL
    assert view.tag_combo.currentData() == RunTag.UNKNOWN


def test_an_athlete_in_pounds_reads_miles(paths: AppPaths, clock: FakeClock,
                                          open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [_run(0, distance_m=1609.344 * 5, duration_s=5 * 480.0)], units="lb")
    view = _runs_view(open_window())
    assert _cells(view, 0)[RunsModel.DISTANCE] == "5"
    assert _cells(view, 0)[RunsModel.PACE] == "8:00 /mi"
    assert view.model.headerData(RunsModel.DISTANCE, Qt.Orientation.Horizontal) == "mi"


def test_pace_is_left_out_without_a_distance() -> None:
    assert pace_text(None, 3000.0, "kg") == ""
    assert pace_text(0.0, 3000.0, "kg") == ""
    assert pace_text(400.0, 80.0, "kg") == "3:20 /km"


def test_thousands_of_runs_are_read_a_page_at_a_time(
        paths: AppPaths, clock: FakeClock, open_window: Callable[[], GuiSession]) -> None:
    count = PAGE_SIZE * 2 + 17
    _log_runs(paths, clock, [_run(-n * 0.5) for n in range(count)])
    view = _runs_view(open_window())
    model = view.model
    assert model.rowCount() == PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == count and not model.canFetchMore()
    starts = [model.record(row).started_at for row in range(count)]
    assert starts == sorted(starts, reverse=True) and len(set(starts)) == count


def test_the_tag_replaces_the_guess_and_undo_puts_it_back(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [_run(0), _run(1, tag=RunTag.LONG)])
    gui = open_window()
    window = gui.window
    view = _runs_view(gui)
    view.select_row(1)  # the older run, guessed easy
    chosen = view.selected_run
    assert chosen is not None and chosen.entry.tag_guessed
    index = view.tag_combo.findData(RunTag.QUALITY)
    view.tag_combo.setCurrentIndex(index)
    with _changed(qtbot, window):
        view.tag_combo.activated.emit(index)
    stored = {r.id: r.entry for r in _stored(paths)}[chosen.id]
    assert (stored.tag, stored.tag_guessed) == (RunTag.QUALITY, False)
    # Shown again with the same run selected, its tag the athlete's own.
    assert view.selected_run is not None and view.selected_run.id == chosen.id
    assert _cells(view, view.table.currentIndex().row())[RunsModel.TAG] == "Tempo or intervals"
    assert window.history_page.change_label.text() == (
        f"Tagged the run of {format_datetime(chosen.started_at.astimezone())}: Tempo or intervals"
        " · Ctrl+Z to undo")

    _refocus(qtbot, window)
    view.table.setFocus()
    with _changed(qtbot, window):
        qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {r.id: r.entry.tag for r in _stored(paths)}[chosen.id] is RunTag.EASY


def test_delete_removes_the_run_and_undo_brings_it_back_whole(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock,
        open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [_run(0), _run(1)])
    gui = open_window()
    window = gui.window
    view = _runs_view(gui)
    before = _stored(paths)
    view.select_row(0)
    _refocus(qtbot, window)
    window.history_page.show_runs()  # Ctrl+Shift+R: the keys go to the runs
    assert view.table.hasFocus()
    with _changed(qtbot, window):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [r.id for r in _stored(paths)] == [before[1].id]
    assert window.history_page.change_label.text().startswith(
        f"Deleted the run of {format_datetime(before[0].started_at.astimezone())} · Ctrl+Z")
    assert view.model.rowCount() == 1

    with _changed(qtbot, window):
        window.history_page.undo_button.click()
    assert _stored(paths) == before
    assert view.model.rowCount() == 2


def test_runs_alone_open_the_tabs_and_an_empty_log_offers_to_import_them(
        paths: AppPaths, clock: FakeClock, open_window: Callable[[], GuiSession]) -> None:
    gui = open_window()
    page = gui.window.history_page
    gui.window.show_page(3)
    assert page.stack.currentWidget() is page.empty_state
    assert page.empty_runs_button.isVisibleTo(page) and "Ctrl+Shift+I" in page.empty_runs_button.toolTip()
    gui.window.close()

    _log_runs(paths, clock, [_run(0)])
    other = open_window()
    page = other.window.history_page
    other.window.show_page(3)
    assert page.stack.currentWidget() is page.tabs
    page.show_runs()
    assert page.tabs.currentIndex() == RUNS_TAB


def test_every_control_of_the_tab_is_named_and_explained_with_its_keys(
        paths: AppPaths, clock: FakeClock, open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [_run(0)])
    view = _runs_view(open_window())
    view.show_import_started(2)  # the progress row and its cancel, too
    view.show_import_ended("done", ["a.fit, line 3: not a run"])
    assert unnamed(view) == []
    assert "Ctrl+Shift+I" in view.import_files_button.toolTip()
    assert "Ctrl+Shift+F" in view.import_folder_button.toolTip()
    assert "Ctrl+T" in view.tag_combo.toolTip()
    assert "Delete" in view.delete_button.toolTip()
    assert view.refusals_list.count() == 1 and view.refusals_list.isVisibleTo(view)


def test_the_refused_files_list_is_as_tall_as_its_lines_up_to_a_few(
        paths: AppPaths, clock: FakeClock, open_window: Callable[[], GuiSession]) -> None:
    _log_runs(paths, clock, [_run(0)])
    view = _runs_view(open_window())

    def height(count: int) -> int:
        view.show_import_ended("done", [f"f{n}.fit, byte 0: not a FIT file" for n in range(count)])
        return view.refusals_list.height()

    one, most, many = height(1), height(MAX_REFUSAL_ROWS), height(MAX_REFUSAL_ROWS + 6)
    assert one < most == many
    view.show_import_ended("done", [])
    assert view.refusals_list.isHidden()


@pytest.mark.usefixtures("look_restored")
def test_the_empty_history_offers_runs_too_and_fits_at_twice_the_text_size(
        qapp: QApplication, open_window: Callable[[], GuiSession]) -> None:
    from helpers.layout_check import layout_problems

    window = open_window().window
    page = window.history_page
    window.apply_look(theme="light", text_scale=200)
    size = QSize(1280, 720)
    window.resize(size)
    window.show_page(3)
    for _ in range(6):
        QApplication.processEvents()
    assert page.stack.currentWidget() is page.empty_state
    # Under the other two offers (three in a row were wider than the page).
    assert page.empty_runs_button.y() > page.empty_import_button.y()
    assert [str(p) for p in layout_problems(window, size, size - QSize(32, 64))] == []

"""Pages that read every set do it off the UI thread (issue 15, point 15).

On a 1,000,000-set log the Records tab (~0.5 s) and the Exercises tab's
list with its set counts (~0.4 s) stopped the window while they read; they
are read in a worker thread on their own connection and shown when read.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.paths import AppPaths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from big_log import make_big_log

SETS = 2_000


def test_the_records_tab_reads_the_log_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records look at every set (~0.5 s on a 1,000,000-set log): the tab
    opens at once and fills when they are read, the window answering meanwhile."""
    from app.storage.progress_queries import ProgressReader
    from app.ui.main_window import HISTORY
    from app.ui.pages.history_page import RECORDS_TAB

    read_on: list[threading.Thread] = []
    records = ProgressReader.records

    def recorded(self: ProgressReader) -> Any:
        read_on.append(threading.current_thread())
        return records(self)

    monkeypatch.setattr(ProgressReader, "records", recorded)
    make_big_log(paths.database, SETS)
    gui = open_window()
    try:
        window = gui.window
        window.show_page(HISTORY)
        window.history_page.tabs.setCurrentIndex(RECORDS_TAB)
        view = window.history.records_view
        assert view is not None
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
        assert read_on and threading.main_thread() not in read_on
        assert not view.showing_empty_state
    finally:
        gui.window.close()


def test_the_exercises_tab_counts_the_sets_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of exercises with their set counts reads every set (~0.4 s on
    a 1,000,000-set log): it is read in a worker thread, and show_exercise
    asked meanwhile still opens the exercise once the list is there."""
    from app.storage.queries import LogReader
    from app.ui.main_window import HISTORY

    read_on: list[threading.Thread] = []
    counts = LogReader.exercise_set_counts

    def recorded(self: LogReader) -> dict[str, int]:
        read_on.append(threading.current_thread())
        return counts(self)

    monkeypatch.setattr(LogReader, "exercise_set_counts", recorded)
    make_big_log(paths.database, SETS)
    gui = open_window()
    try:
        gui.window.show_page(HISTORY)
        page = gui.window.history_page
        page.show_exercise("glute-bridge")
        qtbot.waitUntil(lambda: page.exercise_combo.count() > 0, timeout=20000)
        assert read_on and threading.main_thread() not in read_on
        assert page.exercise_combo.currentData() == "glute-bridge"
        assert page.exercise_sets_model.rowCount() > 0
    finally:
        gui.window.close()


def test_the_progress_charts_read_the_log_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """What can be charted (~0.4 s on a 1,000,000-set log) and each chart's
    points (up to ~1 s) are read in a worker thread; the chart is drawn when read."""
    from app.storage.progress_queries import ProgressReader
    from app.ui.main_window import HISTORY
    from app.ui.pages.history_page import PROGRESS_TAB

    read_on: list[tuple[str, threading.Thread]] = []
    for name in ("exercise_stats", "sessions_per_week", "top_sets"):
        original = getattr(ProgressReader, name)

        def recorded(self: ProgressReader, *args: Any, _name: str = name,
                     _original: Any = original, **kwargs: Any) -> Any:
            read_on.append((_name, threading.current_thread()))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(ProgressReader, name, recorded)
    make_big_log(paths.database, SETS)
    gui = open_window()
    try:
        window = gui.window
        window.show_page(HISTORY)
        window.history_page.tabs.setCurrentIndex(PROGRESS_TAB)
        qtbot.waitUntil(lambda: window.history.progress_view is not None, timeout=20000)
        view = window.history.progress_view
        qtbot.waitUntil(lambda: not view.is_empty, timeout=20000)  # the first chart, drawn
        view.show_chart("top_sets", "romanian-deadlift")
        qtbot.waitUntil(lambda: any(name == "top_sets" for name, _ in read_on), timeout=20000)
        qtbot.waitUntil(lambda: view.chart.title().endswith("Romanian deadlift"), timeout=20000)
        assert not view.is_empty
        assert {name for name, _ in read_on} == {"exercise_stats", "sessions_per_week", "top_sets"}
        assert all(thread is not threading.main_thread() for _, thread in read_on)
    finally:
        gui.window.close()

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

from app.kernel.paths import AppPaths

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import make_big_log

SETS = 2_000


def _threads_of(monkeypatch: pytest.MonkeyPatch, cls: type,
                *names: str) -> list[tuple[str, threading.Thread]]:
    """From now on, which thread runs each of ``cls``'s methods ``names``:
    (name, thread) per call."""
    read_on: list[tuple[str, threading.Thread]] = []
    for name in names:
        original = getattr(cls, name)

        def recorded(self: object, *args: Any, _name: str = name,
                     _original: Any = original, **kwargs: Any) -> Any:
            read_on.append((_name, threading.current_thread()))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, recorded)
    return read_on


def test_the_records_tab_reads_the_log_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records look at every set (~0.5 s on a 1,000,000-set log): the tab
    opens at once and fills when they are read, the window answering meanwhile."""
    from app.progress.queries import ProgressReader
    from app.ui.history.history_page import RECORDS_TAB
    from app.ui.shell.main_window import HISTORY

    calls = _threads_of(monkeypatch, ProgressReader, "records")
    make_big_log(paths.database, SETS)
    gui = open_window()
    try:
        window = gui.window
        window.show_page(HISTORY)
        window.history_page.tabs.setCurrentIndex(RECORDS_TAB)
        view = window.history.records_view
        assert view is not None
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
        assert calls and threading.main_thread() not in [thread for _, thread in calls]
        assert not view.showing_empty_state
    finally:
        gui.window.close()


def test_the_exercises_tab_counts_the_sets_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of exercises with their set counts reads every set (~0.4 s on
    a 1,000,000-set log): it is read in a worker thread, and show_exercise
    asked meanwhile still opens the exercise once the list is there."""
    from app.storage.queries import LogReader
    from app.ui.shell.main_window import HISTORY

    calls = _threads_of(monkeypatch, LogReader, "exercise_set_counts")
    make_big_log(paths.database, SETS)
    gui = open_window()
    try:
        gui.window.show_page(HISTORY)
        page = gui.window.history_page
        page.show_exercise("glute-bridge")
        qtbot.waitUntil(lambda: page.exercise_combo.count() > 0, timeout=20000)
        assert calls and threading.main_thread() not in [thread for _, thread in calls]
        assert page.exercise_combo.currentData() == "glute-bridge"
        assert page.exercise_sets_model.rowCount() > 0
    finally:
        gui.window.close()


def test_the_progress_charts_read_the_log_off_the_ui_thread(
        qtbot: Any, paths: AppPaths, open_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """What can be charted (~0.4 s on a 1,000,000-set log) and each chart's
    points (up to ~1 s) are read in a worker thread; the chart is drawn when read."""
    from app.progress.queries import ProgressReader
    from app.ui.history.history_page import PROGRESS_TAB
    from app.ui.shell.main_window import HISTORY

    read_on = _threads_of(monkeypatch, ProgressReader, "exercise_stats", "sessions_per_week",
                          "top_sets")
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

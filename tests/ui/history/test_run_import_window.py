"""Importing runs from the window (issue 18 point 1): the files chosen
through the seam, read in the background with a progress bar, then a
summary (added, already in the log, each refused file's line) and the runs
in the Runs tab; a cancel stops between files and says what was kept."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.runs import RunEntry, RunTag
from app.storage.queries import LogReader
from app.storage.store import Store
from app.ui.history.run_import import RunImportJob, RunImportOutcome
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import MainWindow
from helpers.run_files import StravaKind, StravaRun, break_crc, write_fit_run, write_strava_export

START = datetime(2025, 12, 1, 6, 30, tzinfo=UTC)


def _window(open_window: Callable[[], GuiSession]) -> MainWindow:
    window = open_window().window
    window.show_page(3)  # History
    return window


def _runs(paths: AppPaths) -> list[Any]:
    reader = LogReader(paths.database)
    try:
        return reader.list_runs()
    finally:
        reader.close()


def _import(qtbot: QtBot, window: MainWindow, sources: list[Path], folder: bool = False
            ) -> list[tuple[int, int]]:
    """Import ``sources`` as the athlete would (the file dialog answered by the
    seam); the progress seen, once the summary is shown."""
    history = window.history
    assert history is not None
    asked: list[bool] = []

    def choose(want_folder: bool) -> list[Path]:
        asked.append(want_folder)
        return sources

    history.choose_run_sources = choose
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(history.log_changed, timeout=60000):
        window.history_page.import_runs_requested.emit(folder)
        assert history.run_import is not None and asked == [folder]
        history.run_import.progress.connect(lambda done, total: seen.append((done, total)))
        view = history.runs_view
        assert view is not None and view.importing and view.progress_box.isVisibleTo(view)
        assert not view.import_files_button.isEnabled()
        # Busy (no count yet) while the chosen files and folders are listed.
        assert view.progress_bar.maximum() == 0
        assert view.progress_label.text() == (
            "Looking through 1 chosen item…" if len(sources) == 1 else
            f"Looking through {len(sources)} chosen items…")
    assert history.run_import is None
    return seen


def test_a_strava_export_and_a_fit_folder_import_in_the_background_with_a_summary(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    strava = write_strava_export(tmp_path / "strava", [
        StravaRun(101, START, 1800, 3.0, kind=StravaKind.FIT_GZ, heart_rate=150),
        StravaRun(102, START + timedelta(days=2), 2400, 3.2, kind=StravaKind.GPX,
                  name="Tempo Tuesday"),
        StravaRun(103, START + timedelta(days=3), 3600, 6.0, activity_type="Ride",
                  kind=StravaKind.NONE),
    ])
    watch = tmp_path / "watch"
    watch.mkdir()
    write_fit_run(watch / "a.fit", START + timedelta(days=5), 1500, 3.1)
    # The same run as Strava's first, from the watch: one run whatever file it came from.
    write_fit_run(watch / "b.fit", START + timedelta(seconds=30), 1800, 3.0)
    window = _window(open_window)
    seen = _import(qtbot, window, [strava, watch])

    assert len(_runs(paths)) == 3
    history = window.history
    assert history is not None and history.runs_view is not None
    view = history.runs_view
    assert window.history_page.tabs.currentWidget() is window.history_page.runs_holder
    assert view.model.rowCount() == 3 and not view.importing
    summary = view.summary_label.text()
    assert "3 runs added" in summary and "1 already in the log" in summary
    assert "1 non-running workout left out" in summary
    assert view.refusals_list.isHidden()
    assert seen and seen[-1][0] == seen[-1][1] and seen == sorted(seen)
    assert view.import_files_button.isEnabled()
    assert summary in window.history_page.change_label.text()

    # Again: nothing new.
    _import(qtbot, window, [strava])
    assert len(_runs(paths)) == 3
    assert "0 runs added" in view.summary_label.text()


def test_a_refused_file_is_named_with_where_and_why_and_the_others_are_imported(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    good = write_fit_run(tmp_path / "good.fit", START, 1800, 3.0)
    bad = break_crc(write_fit_run(tmp_path / "damaged.fit", START + timedelta(days=1), 1800, 3.0))
    window = _window(open_window)
    _import(qtbot, window, [good, bad])
    assert len(_runs(paths)) == 1
    history = window.history
    assert history is not None and history.runs_view is not None
    view = history.runs_view
    assert "1 file not imported" in view.summary_label.text()
    assert view.refusals_list.count() == 1 and view.refusals_list.isVisibleTo(view)
    line = view.refusals_list.item(0).text()
    assert line.startswith("damaged.fit") and good.name not in line


def test_the_folder_button_asks_for_a_folder(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    watch = tmp_path / "watch"
    watch.mkdir()
    write_fit_run(watch / "a.fit", START, 1800, 3.0)
    window = _window(open_window)
    _import(qtbot, window, [watch], folder=True)
    assert len(_runs(paths)) == 1


class _Paused:
    """import_runs standing in for the use case: writes one file's run, says
    so, waits for the test to cancel, then reports the next file (where the
    job's progress callback stops it)."""

    def __init__(self) -> None:
        self.go_on = threading.Event()

    def __call__(self, paths: Sequence[Path], store: Store, *, dry_run: bool,
                 progress: Callable[[int, int], None], **_options: Any) -> Any:
        store.add_runs([RunEntry(START, 1800.0, tag=RunTag.EASY)])
        progress(1, 4)
        self.go_on.wait(20)
        progress(2, 4)
        raise AssertionError("the cancel did not stop the import")


def test_cancel_stops_between_files_and_says_how_many_runs_were_kept(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession],
        monkeypatch: pytest.MonkeyPatch) -> None:
    paused = _Paused()
    monkeypatch.setattr("app.usecases.run_import.import_runs", paused)
    window = _window(open_window)
    history = window.history
    assert history is not None
    history.import_runs_in_process = False  # the stand-in lives in this process
    history.choose_run_sources = lambda _folder: [tmp_path / "a.fit", tmp_path / "b.fit"]
    window.history_page.import_runs_requested.emit(False)
    view = history.runs_view
    assert view is not None
    qtbot.waitUntil(lambda: view.progress_bar.value() == 1, timeout=20000)
    assert view.progress_bar.maximum() == 4
    assert view.progress_label.text() == "Reading file 2 of 2…"
    with qtbot.waitSignal(history.log_changed, timeout=20000):
        view.cancel_button.click()
        assert not view.cancel_button.isEnabled()
        assert view.progress_label.text() == "Stopping after this file…"
        paused.go_on.set()
    assert view.summary_label.text().startswith("Import stopped; run added before it stopped: 1.")
    assert len(_runs(paths)) == 1 and not view.importing


@pytest.mark.parametrize("in_process", [True, False])
def test_a_job_cancelled_before_it_reads_writes_nothing(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, clock: FakeClock, in_process: bool) -> None:
    Store.open(paths, clock)[0].close()
    path = write_fit_run(tmp_path / "a.fit", START, 1800, 3.0)
    job = RunImportJob([path], paths, clock, in_process=in_process)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=20000) as finished:
        job.start()
    outcome = finished.args[0]
    assert isinstance(outcome, RunImportOutcome)
    assert (outcome.cancelled, outcome.report, outcome.runs_added) == (True, None, 0)
    assert _runs(paths) == []
    job.wait()


def test_the_window_imports_in_a_process_of_its_own(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The use case made to fail in this process: the import still works, so it ran elsewhere.
    def here(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("imported in the window's process")

    monkeypatch.setattr("app.usecases.run_import.import_runs", here)
    window = _window(open_window)
    _import(qtbot, window, [write_fit_run(tmp_path / "a.fit", START, 1800, 3.0)])
    assert len(_runs(paths)) == 1
    assert window.history is not None and window.history.runs_view is not None
    assert "1 run added" in window.history.runs_view.summary_label.text()


def test_an_import_that_fails_is_said_and_the_window_goes_on(
        qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: Callable[[], GuiSession],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("No space left on device")

    monkeypatch.setattr("app.usecases.run_import.import_runs", full)
    window = _window(open_window)
    history = window.history
    assert history is not None
    history.import_runs_in_process = False
    _import(qtbot, window, [tmp_path / "a.fit"])
    assert history.runs_view is not None and not history.runs_view.importing
    assert history.runs_view.summary_label.text() == (
        "The import stopped: No space left on device. The files read before it stopped are in "
        "the log.")
    assert history.runs_view.import_files_button.isEnabled()

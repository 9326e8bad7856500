"""Importing run files from the window: in the background, with a progress
bar and a cancel.

A folder of a few years' runs is hundreds of files at about a tenth of a
second each, decoded in Python. In a thread of the window's process that
decoding would hold the interpreter's lock most of the time, and every
piece of the window written in Python (a layout, a model, an event filter)
would wait for it at each frame: frames of 40-80 ms were measured. So the
import runs in a process of its own (spawned: no copy of the window's
threads), on a Store of its own (the log writer stays free for a session
the athlete may be logging meanwhile; SQLite orders the two writers), and
tells the window how far it is through a pipe that a thread of the window
waits on. A frozen build (PyInstaller) cannot spawn the app's modules
without its own start-up support: there, and for tests that stand in for
the use case, the same work runs in a thread.

The use case commits file by file (all or nothing per file), so a cancel
stops between files and what was read before stays in the log: the summary
then counts the runs the log gained, read from the log itself, rather than
guess.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.base.background import BackgroundJob

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from app.kernel.clock import Clock
    from app.kernel.paths import AppPaths
    from app.usecases.run_import import RunImportReport

# Where the import runs unless told otherwise (see the module's docstring).
IMPORT_IN_PROCESS = not getattr(sys, "frozen", False)
CANCEL = "cancel"  # what the window sends the import's process to stop it
# How much the import process gives way to others (POSIX nice: 0 normal, 19 least).
BACKGROUND_NICENESS = 10


class RunImportCancelled(Exception):
    """Raised from the progress callback once the athlete has asked to stop:
    the use case lets it through between files."""


@dataclass(frozen=True)
class RunImportOutcome:
    """What the job hands back: the use case's report, or (cancelled) only
    how many runs the log gained before the import stopped."""

    report: RunImportReport | None
    cancelled: bool
    runs_added: int


def import_with_progress(sources: Sequence[Path], paths: AppPaths, clock: Clock,
                         distance_unit: str, tell: Callable[[int, int], None],
                         cancelled: Callable[[], bool]) -> RunImportOutcome:
    """The import itself, wherever it runs: ``tell(done, total)`` when the
    count moves, and a stop at the next file once ``cancelled()``."""
    from app.storage.store import Store
    from app.usecases.run_import import import_runs

    store = Store(paths.database, paths.backups_dir, clock, paths.pictures_dir)
    last = [-1]

    def progress(done: int, total: int) -> None:
        if cancelled():
            raise RunImportCancelled
        if done != last[0]:  # only a change: the window redraws once per step
            last[0] = done
            tell(done, total)

    try:
        before = store.reader.count_runs()
        try:
            report = import_runs(sources, store, dry_run=False, progress=progress,
                                 distance_unit=distance_unit)
        except RunImportCancelled:
            return RunImportOutcome(None, True, store.reader.count_runs() - before)
        return RunImportOutcome(report, False, store.reader.count_runs() - before)
    finally:
        store.close()


def _import_in_child(sources: Sequence[Path], paths: AppPaths, clock: Clock, distance_unit: str,
                     connection: Connection) -> None:
    """The spawned process's work: what happens goes back through ``connection``,
    and a cancel comes through it ("cancel")."""
    stop = [False]

    def cancelled() -> bool:
        while not stop[0] and connection.poll():
            stop[0] = connection.recv() == CANCEL
        return stop[0]

    if hasattr(os, "nice"):
        # Background work: the window (and a session being logged) comes first
        # for the processor; on two busy cores this kept frames under 16 ms.
        os.nice(BACKGROUND_NICENESS)
    try:
        outcome = import_with_progress(sources, paths, clock, distance_unit,
                                       lambda done, total: connection.send(("progress", done, total)),
                                       cancelled)
    except Exception as exc:
        connection.send(("failed", str(exc)))
    else:
        connection.send(("finished", outcome))
    finally:
        connection.close()


class RunImportJob(QObject):
    """One import of ``sources`` (files, folders, zips). ``progress(done,
    total)`` as files are read and written, and ``finished(RunImportOutcome)``
    or ``failed(message)``, arrive on the UI thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # RunImportOutcome
    failed = Signal(str)

    def __init__(self, sources: Sequence[Path], paths: AppPaths, clock: Clock,
                 parent: QObject | None = None, *, distance_unit: str = "km",
                 in_process: bool = IMPORT_IN_PROCESS) -> None:
        super().__init__(parent)
        self.sources = tuple(sources)
        self._paths = paths
        self._clock = clock
        # A Garmin Connect CSV's distances are in the athlete's unit when it does not say.
        self.distance_unit = distance_unit
        self.in_process = in_process
        self._spawn = multiprocessing.get_context("spawn")
        self._cancel = threading.Event()
        # The pipe to the import's process while it runs (a cancel goes through it).
        self._pipe: Connection | None = None
        self._pipe_lock = threading.Lock()
        self._job = BackgroundJob(self._in_process if in_process else self._here, self)
        self._job.finished.connect(self.finished)
        self._job.failed.connect(self.failed)

    def start(self) -> None:
        self._job.start()

    def cancel(self) -> None:
        """Stop after the file being read (its runs are kept or not, whole)."""
        self._cancel.set()
        with self._pipe_lock:
            if self._pipe is not None:
                # OSError: the process has just ended, nothing is left to stop.
                with contextlib.suppress(OSError):
                    self._pipe.send(CANCEL)

    @property
    def cancelling(self) -> bool:
        return bool(self._cancel.is_set())

    def is_running(self) -> bool:
        return self._job.is_running()

    def wait(self) -> None:
        self._job.wait()

    # -- the worker thread's side ------------------------------------------------------

    def _here(self) -> RunImportOutcome:
        return import_with_progress(self.sources, self._paths, self._clock, self.distance_unit,
                                    self.progress.emit, self._cancel.is_set)

    def _in_process(self) -> RunImportOutcome:
        """Start the process and pass on what it says until it ends (this
        thread waits in the pipe, holding no lock the window needs)."""
        mine, theirs = self._spawn.Pipe()
        process = self._spawn.Process(
            target=_import_in_child, name="hamstride-run-import", daemon=True,
            args=(self.sources, self._paths, self._clock, self.distance_unit, theirs))
        process.start()
        theirs.close()  # the child's end: once the child is gone, recv() ends
        with self._pipe_lock:
            self._pipe = mine
            if self._cancel.is_set():  # asked before the process was there
                mine.send(CANCEL)
        try:
            while True:
                try:
                    message = mine.recv()
                except EOFError:
                    raise RuntimeError(translate("run_import", "the import stopped before "
                                                 "it said how far it got")) from None
                if message[0] == "progress":
                    self.progress.emit(message[1], message[2])
                elif message[0] == "finished":
                    outcome: RunImportOutcome = message[1]
                    return outcome
                else:
                    raise RuntimeError(message[1])
        finally:
            with self._pipe_lock:
                self._pipe = None
                mine.close()
            process.join()


# -- the summary --------------------------------------------------------------------------


def import_summary(outcome: RunImportOutcome) -> tuple[str, list[str]]:
    """The summary line, and one line per file refused (its name, where in it
    and why: the use case's own words)."""
    report = outcome.report
    if outcome.cancelled or report is None:
        return translate("run_import", "Import stopped; run(s) added before it stopped: %n. "
                         "Import the same files again to add the rest (runs already in the log "
                         "are skipped).", n=outcome.runs_added), []
    parts = [translate("run_import", "%n run(s) added", n=report.added)]
    if report.already:
        parts.append(translate("run_import", "%n already in the log", n=report.already))
    if report.skipped:
        parts.append(translate("run_import", "%n non-running workout(s) left out",
                               n=report.skipped))
    if report.refused:
        parts.append(translate("run_import", "%n file(s) not imported", n=len(report.refused)))
    files = translate("run_import", "%n file(s)", n=len(report.pieces))
    return translate("run_import", "Runs imported from {files}: {parts}").format(
        files=files, parts="; ".join(parts)), list(report.refused)


# -- choosing what to import ----------------------------------------------------------------

RUN_FILES_FILTER = QT_TRANSLATE_NOOP(
    "run_import", "Run files and exports (*.fit *.FIT *.gpx *.GPX *.tcx *.TCX *.gz *.csv *.zip);;"
    "All files (*)")


def ask_run_sources(parent: QWidget, folder: bool) -> list[Path]:
    """The files (or the one folder) the athlete picks; empty when cancelled."""
    if folder:
        name = QFileDialog.getExistingDirectory(
            parent, translate("run_import", "Import the runs of a folder"), str(Path.home()))
        return [Path(name)] if name else []
    names, _filter = QFileDialog.getOpenFileNames(
        parent, translate("run_import", "Import runs from files"), str(Path.home()),
        translate("run_import", RUN_FILES_FILTER))
    return [Path(name) for name in names]

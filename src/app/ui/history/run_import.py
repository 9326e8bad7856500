"""Importing run files from the window: in the background, with a progress
bar and a cancel.

A folder of a few years' runs is hundreds of files at about a tenth of a
second each, so the import runs in a worker thread on a Store of its own
(the log writer's worker stays free for the session the athlete may be
logging meanwhile; SQLite orders the two writers). The use case commits
file by file (all or nothing per file), so a cancel stops between files and
what was read before stays in the log: the summary then counts the runs the
log gained, read from the log itself, rather than guess.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.base.background import BackgroundJob

if TYPE_CHECKING:
    from app.kernel.clock import Clock
    from app.kernel.paths import AppPaths
    from app.usecases.run_import import RunImportReport


class RunImportCancelled(Exception):
    """Raised in the worker, from the progress callback, once the athlete has
    asked to stop: the use case lets it through between files."""


@dataclass(frozen=True)
class RunImportOutcome:
    """What the job hands back: the use case's report, or (cancelled) only
    how many runs the log gained before the import stopped."""

    report: RunImportReport | None
    cancelled: bool
    runs_added: int


class RunImportJob(QObject):
    """One import of ``sources`` (files, folders, zips). ``progress(done,
    total)`` as files are read and ``finished(RunImportOutcome)`` or
    ``failed(message)`` arrive on the UI thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # RunImportOutcome
    failed = Signal(str)

    def __init__(self, sources: Sequence[Path], paths: AppPaths, clock: Clock,
                 parent: QObject | None = None, *, distance_unit: str = "km") -> None:
        super().__init__(parent)
        self.sources = tuple(sources)
        # A Garmin Connect CSV's distances are in the athlete's unit when it does not say.
        self.distance_unit = distance_unit
        self._paths = paths
        self._clock = clock
        self._cancel = threading.Event()
        self._last_done = -1
        self._job = BackgroundJob(self._work, self)
        self._job.finished.connect(self.finished)
        self._job.failed.connect(self.failed)

    def start(self) -> None:
        self._job.start()

    def cancel(self) -> None:
        """Stop after the file being read (its runs are kept or not, whole)."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._job.is_running()

    def wait(self) -> None:
        self._job.wait()

    # -- the worker's side ---------------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise RunImportCancelled
        # Only a change is sent: the window redraws once per file, not per call.
        if done != self._last_done:
            self._last_done = done
            self.progress.emit(done, total)

    def _work(self) -> RunImportOutcome:
        # Here, in the worker: the Store brings SQLAlchemy, and the importers
        # their file libraries; the window never waits for either.
        from app.storage.store import Store
        from app.usecases.run_import import import_runs

        store = Store(self._paths.database, self._paths.backups_dir, self._clock,
                      self._paths.pictures_dir)
        try:
            before = store.reader.count_runs()
            try:
                report = import_runs(self.sources, store, dry_run=False, progress=self._on_progress,
                                     distance_unit=self.distance_unit)
            except RunImportCancelled:
                return RunImportOutcome(None, True, store.reader.count_runs() - before)
            return RunImportOutcome(report, False, store.reader.count_runs() - before)
        finally:
            store.close()


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
        parts.append(translate("run_import", "%n file(s) not imported:", n=len(report.refused)))
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

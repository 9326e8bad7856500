"""Backing the log up (File > Back up now, Settings) and restoring a backup
(Settings): the copy is written off the UI thread, the restore goes through
the log writer like every other write, and the window is told what came of
each in its status bar or an alert."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.kernel.i18n import translate
from app.ui.base.alerts import Alerts
from app.ui.base.background import BackgroundJob
from app.ui.base.log_writer import LogWriter
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from pathlib import Path


class Backups(QObject):
    status = Signal(str, int)  # a line for the status bar and how long it shows (ms; 0: until cleared)
    status_cleared = Signal()
    written = Signal()         # a new backup is in the backups folder
    restored = Signal()        # the log is now what a backup held

    def __init__(self, context: AppContext, writer: LogWriter, alerts: Alerts,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._writer = writer
        self._alerts = alerts
        self._jobs: list[BackgroundJob] = []

    def back_up(self) -> None:
        """A manual backup now (one at a time; not before the log is open)."""
        if self._context.reader is None or any(job.is_running() for job in self._jobs):
            return
        from app.storage.backup import BackupKind, backup_file

        self.status.emit(translate("MainWindow", "Backing up…"), 0)
        paths = self._context.paths
        source, destination, now = paths.database, paths.backups_dir, self._context.clock.now()
        job = BackgroundJob(lambda: backup_file(source, destination, now, BackupKind.MANUAL), self)
        job.finished.connect(self._on_backup_job_finished)
        job.failed.connect(self._on_backup_job_failed)
        self._jobs.append(job)
        job.start()

    def _on_backup_job_finished(self, path: object) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        self.status.emit(translate("MainWindow", "Backup written to {path}").format(path=path),
                         10000)
        self.written.emit()

    def _on_backup_job_failed(self, message: str) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        self.status_cleared.emit()
        self._alerts.error(translate("MainWindow", "Backup failed"),
                           translate("MainWindow", "The backup could not be written: {error}")
                           .format(error=message))

    def restore(self, path: Path, session_running: bool) -> None:
        """Make the log what the backup at ``path`` holds, once the athlete
        confirms (the log as it is now is backed up first)."""
        from app.ui.settings.settings_page import describe_backup

        title = translate("MainWindow", "Restore a backup")
        if session_running:
            self._alerts.warning(title, translate("MainWindow", "Finish the session first: a "
                                                  "restore would take its sets away while it runs."))
            return
        if not self._alerts.confirm(
                title,
                translate("MainWindow", "Make your log what this backup holds?\n\n{backup}\n\n"
                          "Your log as it is now is backed up first; restore that copy to go "
                          "back.").format(backup=describe_backup(path)),
                translate("MainWindow", "Restore")):
            return
        self.status.emit(translate("MainWindow", "Restoring…"), 0)
        self._writer.submit(lambda store: store.restore_backup(path), self._on_restored,
                            self._on_not_restored)

    def _on_restored(self, result: object) -> None:
        reader = self._context.reader
        if reader is not None:
            reader.athlete_id = reader.first_athlete()
        self.restored.emit()  # the window applies the backup's look and reads the log again
        self.status.emit(
            translate("MainWindow", "Backup restored; your log as it was is saved as {backup}")
            .format(backup=getattr(result, "safety_backup", "")), 15000)

    def _on_not_restored(self, error: object) -> None:
        self.status_cleared.emit()
        self._alerts.error(translate("MainWindow", "Restore failed"),
                           translate("MainWindow", "Nothing was changed: {error}").format(error=error))

    def wait(self) -> None:
        """Let a backup under way finish (the window is closing): never cut one off halfway."""
        for job in self._jobs:
            job.wait()

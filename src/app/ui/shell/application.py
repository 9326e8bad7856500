"""Starting the window: lock the data dir, paint first, open the database after."""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__
from app.kernel.clock import Clock, SystemClock
from app.kernel.i18n import translate
from app.kernel.instance_lock import AlreadyRunningError, LockFileError, acquire_instance_lock
from app.kernel.paths import AppPaths
from app.ui.base.alerts import Alerts, MessageBoxAlerts
from app.ui.look.style import QT_STYLE_ARGUMENTS, apply_style
from app.ui.shell.crash import CrashReporter
from app.ui.shell.database_loader import DatabaseLoader
from app.ui.shell.language import Language
from app.ui.shell.main_thread_gc import MainThreadGarbageCollector
from app.ui.shell.main_window import MainWindow
from app.ui.shell.startup_errors import has_display, show_startup_error
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from app.session.saved import SavedSession
    from app.storage.database import OpenReport
    from app.storage.queries import LogReader
    from app.usecases.session_request import SessionRequest

log = logging.getLogger(__name__)

# Set by benchmarks/bench.py: print when the window is shown and idle, then
# when the database is open, and quit. Lets start-up be timed from outside.
STARTUP_PROBE_ENV = "HAMSTRIDE_STARTUP_PROBE"


class GuiSession:
    """Ties the window to the database loader for one run of the app."""

    def __init__(self, paths: AppPaths, alerts: Alerts | None = None,
                 clock: Clock | None = None, request: SessionRequest | None = None,
                 time_scale: float = 1.0, welcome: bool = False) -> None:
        self.paths = paths
        self._alerts = alerts or MessageBoxAlerts()
        clock = clock or SystemClock()
        # What the run shares, built once and handed to the window and its pages.
        self.context = AppContext(paths, clock)
        if time_scale != 1.0:  # HAMSTRIDE_TIME_SCALE: demonstrations and end-to-end tests
            from app.session.timing import ScaledClock

            self.context.scaled_clock = ScaledClock(clock, time_scale)
        self.window = MainWindow(paths, self._alerts, clock, context=self.context)
        self._request = request
        # The first-run welcome, on a new log (not when a session was asked for).
        self.window.offer_welcome = welcome and request is None
        self.exit_code = 0
        self._reopened = False  # after damage met on the first screen (once)
        self.loader = DatabaseLoader(paths, clock, self.window)
        self.loader.opened.connect(self._on_loader_opened)
        self.loader.failed.connect(self._on_loader_failed)
        self.loader.damaged.connect(self._on_loader_damaged)
        self.loader.warm = self.window.warm_first_screen
        self.window.closed.connect(self.loader.wait)

    @property
    def alerts(self) -> Alerts:
        """Where this run's warnings and errors go (a RecordingAlerts in tests)."""
        return self._alerts

    def start(self) -> None:
        self.window.show()
        # Paint first; the database opens once the event loop is running.
        QTimer.singleShot(0, self.loader.start)

    def _on_loader_opened(self, reader: LogReader, report: OpenReport,
                          saved: SavedSession | None) -> None:
        if not self.window.isVisible():  # closed while opening: let go of the file
            reader.close()
            return
        try:
            self.window.attach_log(reader, report)
        except Exception as exc:
            # The log opens without its whole-file check (it runs once the log
            # is shown); damage met by the first screen's reads is handled as
            # that check would have: the log is opened again, checked in full
            # first, and so moved aside (the athlete is told) for a new one.
            # (sqlite3 is not imported here: ~7 ms before the window shows.)
            from app.storage.database import is_damage, mark_damaged

            if not is_damage(exc) or self._reopened:
                raise
            log.error("the log is damaged: %s", exc)
            self._reopened = True
            self.window.detach_log()
            mark_damaged(self.paths.database)
            self.loader.start()
            return
        if report.read_only:
            # Said once, before anything is tried: every write would fail.
            self._alerts.warning(
                translate("GuiSession", "Your training log is read-only"),
                translate("GuiSession", "{path} can be read but not written (the file or its "
                          "disk is read-only): you can look through your log and export it, but "
                          "nothing new can be saved. Make it writable, then start {app} again.")
                .format(path=self.paths.database, app=APP_NAME))
        if self.window.isVisible():  # (a listener to log_ready may have closed it)
            self.loader.check_integrity()  # the whole file, now that the log is shown
        if self._request is not None:
            plan = self._request.plan
            program = getattr(self._request, "program_slug", None)
            if program is not None and plan.program_slug is None:
                plan = dataclasses.replace(plan, program_slug=program,
                                           program_day=getattr(self._request, "program_day", None))
            if getattr(self._request, "checks_done", False):
                self.window.start_session(plan, self.context.session_clock,
                                          keep_tempo=self._request.keep_tempo)
            else:
                # The command line did not make the start checks (an interrupted
                # session was waiting): the window's own start path offers it
                # first and, declined, asks the 48-hour question and the
                # readiness check, so the asked-for session never starts unchecked.
                self.window.begin_session(
                    plan, targets_applied=getattr(self._request, "targets_applied", False))
        elif saved is not None:
            self.window.offer_resume(saved, self.context.session_clock)

    def _on_loader_damaged(self, problem: str) -> None:
        self._alerts.warning(
            translate("GuiSession", "Your training log is damaged"),
            translate("GuiSession", "A check of {path} found damage ({problem}). Some of your log "
                      "may be missing or wrong here. Close {app} and start it again: it moves the "
                      "damaged file, unchanged, to {damaged} and starts a new log; Settings can "
                      "then restore one of your backups.")
            .format(path=self.paths.database, problem=problem, app=APP_NAME,
                    damaged=self.paths.damaged_dir))

    def _on_loader_failed(self, message: str) -> None:
        self.exit_code = 1
        self._alerts.error(translate("GuiSession", "{app} cannot open your training log")
                           .format(app=APP_NAME), message)
        self.window.close()


def run_gui(paths: AppPaths, request: SessionRequest | None = None,
            time_scale: float = 1.0) -> int:
    try:
        # On a read-only data folder the lock is kept elsewhere, or not at all
        # (acquire_instance_lock): the window opens there to read the log.
        lock = acquire_instance_lock(paths.lock_file)
    except AlreadyRunningError as exc:
        print(f"hamstride: {exc}", file=sys.stderr)  # the command line's words stay English
        show_startup_error(
            translate("application", "{error}. Switch to its window instead.").format(error=exc),
            translate("application", "{app} is already open").format(app=APP_NAME))
        return 1
    except LockFileError as exc:  # a planted link, a folder: one line, and the dialog
        print(f"hamstride: {exc}", file=sys.stderr)
        show_startup_error(str(exc))
        return 1
    try:
        if not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
            print("hamstride: no display found (DISPLAY or WAYLAND_DISPLAY is not set). "
                  "The subcommands work without one: see 'hamstride --help'.", file=sys.stderr)
            return 1
        return run_event_loop(paths, request, time_scale)
    finally:
        if lock is not None:
            lock.release()


def run_event_loop(paths: AppPaths, request: SessionRequest | None, time_scale: float) -> int:
    """The application and its window, until they close: what ``run_gui`` runs once
    the lock is held (a module function, so a test can stand in for the window)."""
    QGuiApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setApplicationVersion(__version__)
    # The .desktop file's name (packaging/): Wayland matches the window to its icon by it.
    QGuiApplication.setDesktopFileName("io.github.hamstride.Hamstride")
    app = QApplication(sys.argv[:1] + QT_STYLE_ARGUMENTS)
    # The athlete's language and number formats, before any window text is
    # made; for this run only (GuiSession alone, as tests build it, stays in
    # English with C-locale numbers).
    language = Language()
    language.install()
    apply_style(app)
    # Before any worker thread starts: garbage holding Qt objects must only
    # ever be collected on this thread (see main_thread_gc).
    collector = MainThreadGarbageCollector(app)
    session = GuiSession(paths, request=request, time_scale=time_scale, welcome=True)
    crash_reporter = CrashReporter(MessageBoxAlerts(), paths.log_file)
    crash_reporter.install()
    if os.environ.get(STARTUP_PROBE_ENV):
        _install_startup_probe(session)
    session.start()
    code = app.exec()
    crash_reporter.uninstall()
    collector.stop()
    language.uninstall()
    return session.exit_code or code


def _install_startup_probe(session: GuiSession) -> None:
    def report(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    # A zero-timeout timer fires once the event loop has handled what was
    # pending, i.e. the window is shown and the loop is idle.
    QTimer.singleShot(0, lambda: report("window-idle"))
    def on_log_ready() -> None:
        report("database-ready")
        session.window.close()

    session.window.log_ready.connect(on_log_ready)

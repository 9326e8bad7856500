"""Uncaught exceptions in the GUI: logged with their traceback, shown in a dialog.

Without this, an exception raised in a slot is printed to a terminal nobody
reads, and the athlete never learns that something went wrong.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from app.kernel.i18n import translate
from app.ui.base.alerts import Alerts

log = logging.getLogger("app.crash")


class CrashReporter:
    def __init__(self, alerts: Alerts, log_file: Path) -> None:
        self._alerts = alerts
        self._log_file = log_file
        self._showing = False
        self.reported: list[BaseException] = []

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self.reported.append(exc)
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            self._alerts.error(
                translate("CrashReporter", "Something went wrong"),
                translate("CrashReporter", "{error}\n\nYour logged sets are safe in the database. "
                          "The details were written to {log_file}; please include that file if "
                          "you report the problem.").format(error=f"{exc_type.__name__}: {exc}",
                                                            log_file=self._log_file))
        finally:
            self._showing = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        # A dialog can only be shown from the UI thread; log it from here.
        log.critical("uncaught exception in thread %s",
                args.thread.name if args.thread else "?",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

"""Logging to a rotating file in the log dir.

The log is where a crash report ends up, and it never grows without bound
on a small laptop disk. The command line sets it up first thing; the window
sets it up in its start-up worker thread, so a record from the first few
milliseconds of a GUI start goes only to stderr.

The rotation is done here rather than by logging.handlers.RotatingFileHandler:
that module brings socket, pickle and selectors along (about 1.7 MB of memory
and 15 ms at every start, for handlers the app never uses), and rotating by
size is a few lines on top of logging.FileHandler.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from pathlib import Path

from app.kernel.atomic import SymlinkRefusedError, open_private

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


HANDLER_NAME = "hamstride-log-file"


class RotatingLogFile(logging.FileHandler):
    """``hamstride.log``, renamed to ``.1`` ... ``.N`` (oldest dropped) when a
    record would take it past ``max_bytes``."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES,
                 backup_count: int = BACKUP_COUNT) -> None:
        super().__init__(path, mode="a", encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        self._refused = False  # the log file is a symbolic link: nothing is written
        self._write_failed = False  # said once that the log cannot be written

    def emit(self, record: logging.LogRecord) -> None:
        if self._refused:
            return
        try:
            if self._too_big(record):
                self._rotate()
            if self.stream is None:
                self.stream = self._open()
        except SymlinkRefusedError as exc:
            # Never append through a planted link; say so once, in one line, and
            # carry on without a log (logging must never stop the app).
            self._refused = True
            sys.stderr.write(f"hamstride: {exc}\n")
            return
        except Exception:  # logging must never break the app: report as logging does
            self.handleError(record)
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A full disk (or any failure to write) is said once, in one line:
        logging's own report is a traceback per record on stderr. Each later
        record still tries, so the log carries on once there is room."""
        failure = sys.exc_info()[1]
        if not isinstance(failure, OSError):
            super().handleError(record)
            return
        if self.stream is not None:
            with contextlib.suppress(OSError):  # drop what the disk did not take
                self.stream.close()
            self.stream = None
        if not self._write_failed:
            self._write_failed = True
            sys.stderr.write(f"hamstride: cannot write the log {self.baseFilename}: "
                             f"{failure.strerror or failure}\n")

    def _open(self) -> io.TextIOWrapper:
        """The log, opened without following a symbolic link and kept 0600
        (it holds what the athlete logged); an older 0644 log is made 0600."""
        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def _too_big(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0 or not Path(self.baseFilename).exists():
            return False
        if self.stream is None:
            self.stream = self._open()
        written = self.stream.tell()
        return written > 0 and written + len(self.format(record)) + 1 > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # reopened by the next emit
        base = Path(self.baseFilename)
        for number in range(self.backup_count - 1, 0, -1):
            older = base.with_name(f"{base.name}.{number}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{number + 1}"))
        if self.backup_count > 0:
            base.replace(base.with_name(f"{base.name}.1"))
        else:
            base.unlink()


def configure_logging(log_file: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the app's log to ``log_file``, replacing a file set up earlier
    (a second window or test in the same process must not log twice)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler = RotatingLogFile(log_file)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(level)
    root.addHandler(handler)
    return handler

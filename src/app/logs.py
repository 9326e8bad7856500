"""Logging to a rotating file in the log dir.

The log is where a crash report ends up, and it never grows without bound
on a small laptop disk. The command line sets it up first thing; the window
sets it up in its start-up worker thread (logging.handlers alone costs
~15 ms of imports), so a record from the first few milliseconds of a GUI
start goes only to stderr.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


HANDLER_NAME = "hamstride-log-file"


def configure_logging(log_file: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the app's log to ``log_file``, replacing a file set up earlier
    (a second window or test in the same process must not log twice)."""
    import logging.handlers

    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.setLevel(level)
    root.addHandler(handler)
    return handler

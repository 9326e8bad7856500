"""What every command of the `hamstride` command line shares: the exit
statuses, the one-line error, opening the log, its write lock, JSON output,
English counts and the current time.

Light on purpose (the window's start imports it through app.cli.main): the
log, the clock and the lock are imported when a command asks for them.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.kernel.paths import AppPaths
    from app.storage.queries import LogReader

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


def open_log(paths: AppPaths, for_writing: bool = False, lock_held: bool = False,
             only_reads: bool = False) -> LogReader:
    """Check (and if needed migrate) the database, then open it for reading.
    ``for_writing``: the command will write the log, so a read-only log is
    refused now, before anything (a backup) is done for the write.
    ``lock_held``: the command holds the log's write lock already.
    ``only_reads``: the command writes nothing (history, today, programs,
    export): a sound log of the newest schema is opened without SQLite's
    whole-file check, a read of every page (~8 s on a 1,000,000-set log,
    for five sessions of history). A damaged page the command meets is
    then one line (app.cli.main), and the next opening checks the whole file.
    Creating, upgrading, or a log marked damaged are still checked first.

    Plain sqlite3 only: the commands that read the log start without
    SQLAlchemy's import cost."""
    from app.kernel.clock import SystemClock
    from app.storage.database import DatabaseError, open_database
    from app.storage.queries import LogReader

    try:
        report = open_database(paths.database, paths.backups_dir, paths.damaged_dir,
                               SystemClock().now(), on_wait=say_waiting, lock_held=lock_held,
                               check_later=only_reads and not for_writing)
        reader = LogReader(paths.database)
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    if for_writing and report.read_only:
        reader.close()
        raise UserError(f"{paths.database} is read-only (the file or its disk): nothing was "
                        "written")
    for notice in report.notices:
        print(f"hamstride: {notice}", file=sys.stderr)
    return reader


def write_lock(paths: AppPaths) -> contextlib.AbstractContextManager[None]:
    """The log's write lock (app.storage.write_lock), saying on stderr when it
    waits for another Hamstride that holds it."""
    from app.storage.write_lock import hold_write_lock

    return hold_write_lock(paths.database, say_waiting)


def say_waiting() -> None:
    print("hamstride: waiting for another Hamstride to finish writing the log...",
          file=sys.stderr, flush=True)


def print_json(data: object) -> None:
    import json

    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def counted(count: int, one: str, many: str | None = None) -> str:
    """"1 day", "2 days", "0 days": the command line is English by design,
    so English plurals (``many`` when adding an s is not it)."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def now() -> datetime:
    """The current time, local. The one place the commands read it, so a test
    pins it here (app.cli.today and app.cli.session call it through this
    module, which a replaced ``now`` reaches)."""
    from app.kernel.clock import SystemClock

    return SystemClock().now().astimezone()

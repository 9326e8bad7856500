"""One logged session written as a FIT strength-training activity (issue 19,
point 8), atomically as every export is: a reader never sees half a file and
a target that exists and is not a regular file is refused (atomic_write)."""

from __future__ import annotations

from pathlib import Path

from app.exchange.fit_out import session_fit
from app.kernel.atomic import atomic_write
from app.storage.queries import LogReader


class UnknownSessionError(LookupError):
    """No session has that id in the log."""


def export_session_fit(log: LogReader, session_id: int, destination: Path) -> int:
    """Write the session ``session_id`` as FIT to ``destination``; return its
    number of sets. UnknownSessionError when the log has no such session."""
    record = log.get_session(session_id)
    if record is None:
        raise UnknownSessionError(session_id)
    sets = log.sets_of_session(session_id)
    data = session_fit(record, sets)
    with atomic_write(destination, mode="wb") as handle:
        handle.write(data)
    return len(sets)

"""What the export-target tests share: a log with one session, and a named
pipe to export into (a target that is not a regular file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry


def log_one_session(paths: AppPaths, clock: FakeClock) -> AppPaths:
    """A log holding one finished session of one set."""
    from app.storage.store import Store

    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Tuesday gym")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(session.id)
    store.close()
    return paths


def named_pipe(tmp_path: Path) -> Path:
    """A named pipe in ``tmp_path`` (the test skips where there are none)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo

"""An import is one transaction: if anything fails part-way through writing
it - the disk, the database, a bug - the log is exactly as it was.

Hypothesis picks the file (every example export) and the statement at which
the database fails; whatever the point, nothing of the import is left.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note
from hypothesis import strategies as st
from sqlalchemy import event

from app.catalog import load_catalog_strict
from app.exchange.writer import apply_import
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.usecases.import_flow import read_and_plan

IMPORTS = Path(__file__).parents[1] / "fixtures" / "imports"
FILES = sorted(p.name for p in IMPORTS.iterdir())
CATALOG = load_catalog_strict(resources_dir())
TABLES = ("workout_session", "logged_set", "custom_exercise", "custom_step", "setting")


class DiskFailed(sqlite3.OperationalError):
    pass


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(db)
    try:
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in TABLES}
    finally:
        connection.close()


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), fail_at=st.integers(min_value=1, max_value=30))
def test_a_failure_at_any_statement_leaves_the_log_as_it_was(
        tmp_path_factory: pytest.TempPathFactory, name: str, fail_at: int) -> None:
    folder = tmp_path_factory.mktemp("log")
    paths = AppPaths(folder, folder / "logs")
    clock = FakeClock()
    store, _ = Store.open(paths, clock)
    try:
        session = store.start_session(title="Already there")
        store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        store.end_session(session.id)
        _log, _mapping, plan = read_and_plan(IMPORTS / name, CATALOG, store.reader)
        before = _snapshot(paths.database)
        statements = 0

        def fail_once_counted(*_args: Any) -> None:
            nonlocal statements
            statements += 1
            if statements == fail_at:
                raise DiskFailed("disk I/O error")

        engine = store.db.engine  # the one engine the writes go through
        event.listen(engine, "before_cursor_execute", fail_once_counted)
        try:
            apply_import(store, plan)
        except Exception:  # any failure must leave nothing behind
            note("failed part-way")
            assert _snapshot(paths.database) == before
        else:
            note("completed")
            assert statements < fail_at  # the import was shorter than the failure point
            assert _snapshot(paths.database) != before or plan.is_empty
        finally:
            event.remove(engine, "before_cursor_execute", fail_once_counted)
    finally:
        store.close()

"""The quick notes (schema v9) in the window's import: its preview compares
the file's notes with the log, and its summary counts them (the export and
the command line's side: tests/usecases/test_export_notes.py)."""

from __future__ import annotations

from pathlib import Path

from app.exchange.writer import apply_import
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.storage.store import Store
from app.usecases.export import export_json
from helpers.body_notes import week_with_notes


def test_the_windows_preview_says_nothing_to_add_for_notes_already_in_the_log(
        store: Store, clock: FakeClock, paths: AppPaths, tmp_path: Path) -> None:
    """The window's import (app.usecases.import_flow.read_and_plan) compares the file's
    notes with the log before the write: an export imported back into the log
    it came from has nothing to add (its Import button stays off), while a
    fresh data dir gets every note; the summary after a write counts them."""
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir
    from app.storage.queries import LogReader
    from app.ui.history.controller import import_summary
    from app.usecases.import_flow import read_and_plan

    week_with_notes(store, clock)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    catalog = load_catalog(resources_dir()).catalog
    reader = LogReader(paths.database)
    try:
        _log, _mapping, plan = read_and_plan(exported, catalog, reader)
    finally:
        reader.close()
    assert plan.body_notes == ()
    assert plan.is_empty

    fresh = resolve_paths(tmp_path / "fresh")
    prepare_dirs(fresh)
    other, _report = Store.open(fresh, clock)
    try:
        reader = LogReader(fresh.database)
        try:
            _log, _mapping, plan = read_and_plan(exported, catalog, reader)
        finally:
            reader.close()
        assert plan.body_notes is not None and len(plan.body_notes) == 4
        result = apply_import(other, plan)
    finally:
        other.close()
    assert result.body_notes_added == 4
    assert "4 quick notes" in import_summary(exported, result)

"""Re-importing an export whose workout gained sets (issue 15, point 3), in
the window: the import dialog shows the grown sets and the summary after
the write counts them (the import itself: tests/exchange/test_reimport_grown.py)."""

from __future__ import annotations

from pathlib import Path

from app.kernel.paths import AppPaths
from helpers.grown_exports import IMPORTS, without_two_sets


def test_the_window_shows_the_grown_sets_before_and_after(qtbot: object, tmp_path: Path) -> None:
    from app.catalog import load_catalog_strict
    from app.exchange.writer import apply_import
    from app.kernel.clock import FakeClock
    from app.kernel.resources import resources_dir
    from app.storage.store import Store
    from app.ui.history.controller import import_summary
    from app.ui.history.import_dialog import ImportDialog
    from app.usecases.import_flow import read_and_plan

    catalog = load_catalog_strict(resources_dir())
    folder = tmp_path / "data"
    folder.mkdir()
    store, _ = Store.open(AppPaths(folder, folder / "logs"), FakeClock())
    try:
        apply_import(store, read_and_plan(without_two_sets("fitnotes.csv", tmp_path), catalog,
                                         store.reader)[2])
        _log, _mapping, plan = read_and_plan(IMPORTS / "fitnotes.csv", catalog, store.reader)
        dialog = ImportDialog(plan, [(e.slug, e.name) for e in catalog.exercises])
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        shown = dialog.summary.text()
        assert "Would add 2 sets to sessions already in the log:" in shown
        assert shown.count(" set ") >= 2 and dialog.import_button.isEnabled()
        result = apply_import(store, plan.with_mapping(dialog.mapping()))
    finally:
        store.close()
    assert (result.sessions_added, result.sets_added_to_existing, result.grown_sessions) == (0, 2, 1)
    assert import_summary(IMPORTS / "fitnotes.csv", result).startswith(
        "Imported from fitnotes.csv; 2 sets added to sessions already in the log")

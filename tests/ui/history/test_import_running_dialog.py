"""The running week in the window's import dialog (issue 18): a Hamstride
export whose sessions are all in the log but which carries runs can still be
imported, and the dialog says what the file holds (the write and its
counts: tests/exchange/test_json_running.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.usecases.export import export_data

RUN = {"started_at": "2025-11-03T06:30:00Z", "duration_s": 1800.0, "sport": "run",
       "distance_m": None, "elevation_gain_m": None, "average_heart_rate": None, "tag": "easy",
       "tag_guessed": False, "source": "fit", "title": ""}


def _dialog(qtbot: QtBot, paths: AppPaths, path: Path) -> Any:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir
    from app.storage.queries import LogReader
    from app.ui.history.import_dialog import ImportDialog
    from app.usecases.import_flow import read_and_plan

    reader = LogReader(paths.database)
    try:
        _log, _mapping, plan = read_and_plan(path, load_catalog(resources_dir()).catalog, reader)
    finally:
        reader.close()
    dialog = ImportDialog(plan, [])
    qtbot.addWidget(dialog)
    return dialog


def test_a_file_whose_news_is_its_runs_can_be_imported(
        qtbot: QtBot, store: Store, paths: AppPaths, tmp_path: Path) -> None:
    session = store.start_session(title="Nordics")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, load=0.0))
    store.end_session(session.id)
    document = export_data(store.reader)
    sessions_only = tmp_path / "sessions.json"
    sessions_only.write_text(json.dumps(document), encoding="utf-8")
    document["runs"] = [RUN]
    with_runs = tmp_path / "runs.json"
    with_runs.write_text(json.dumps(document), encoding="utf-8")

    nothing = _dialog(qtbot, paths, sessions_only)
    assert not nothing.import_button.isEnabled()
    assert "Nothing to add" in nothing.status.text()

    runs = _dialog(qtbot, paths, with_runs)
    assert runs.plan.is_empty  # its one session is in the log already
    assert runs.import_button.isEnabled()
    assert "1 run" in runs.summary.text()
    assert runs.status.text() == ""


def test_the_summary_after_the_import_counts_the_runs(
        store: Store, paths: AppPaths, tmp_path: Path) -> None:
    """The window's line after the write says what the running week brought,
    and a file whose only news is a run does not say '0 sessions'."""
    from app.catalog import load_catalog
    from app.exchange.writer import apply_import
    from app.kernel.resources import resources_dir
    from app.storage.queries import LogReader
    from app.ui.history.controller import import_summary
    from app.usecases.import_flow import read_and_plan

    document = export_data(store.reader)
    document["runs"] = [RUN]
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    reader = LogReader(paths.database)
    try:
        _log, _mapping, plan = read_and_plan(path, load_catalog(resources_dir()).catalog, reader)
    finally:
        reader.close()
    result = apply_import(store, plan)
    assert import_summary(path, result) == "Imported from runs.json; 1 run added"
    again = apply_import(store, plan)
    assert import_summary(path, again) == "Imported from runs.json; 1 run already in the log"

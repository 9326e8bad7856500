"""Schema v7's two set fields, reps in reserve and descents held to the floor:
checked on the way in, stored, corrected, undone, exported and imported back
exactly."""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.exchange import ImportFileError, read_import
from app.exchange.plan import prepare_import
from app.exchange.writer import apply_import
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.logbook.entries import MAX_RIR, InvalidEntryError, SetEntry
from app.storage.store import Store
from app.usecases.export import CSV_COLUMNS, export_csv, export_data, export_json

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.parametrize("rir", [0, MAX_RIR, None])
def test_rir_from_0_to_10_is_accepted(rir: int | None) -> None:
    assert SetEntry("romanian-deadlift", 1, reps=8, rir=rir).rir == rir


@pytest.mark.parametrize("rir", [-1, MAX_RIR + 1, 2.5, True, "2"])
def test_rir_outside_0_to_10_or_not_whole_is_refused(rir: Any) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        SetEntry("romanian-deadlift", 1, reps=8, rir=rir)
    assert refused.value.field == "RIR"
    assert "from 0 to 10" in refused.value.message


def test_held_descents_need_one_flag_per_descent() -> None:
    entry = SetEntry("nordic-hamstring-curl", 1, reps=2, descent_s=(5.0, 3.2),
                     descent_held=(True, False))
    assert entry.descent_held == (True, False)
    for held, descents in [((True,), (5.0, 3.2)), ((True, False, False), (5.0, 3.2)),
                           ((True,), None)]:
        with pytest.raises(InvalidEntryError) as refused:
            SetEntry("nordic-hamstring-curl", 1, reps=2, descent_s=descents, descent_held=held)
        assert refused.value.field == "descent held"
        assert "one mark per descent" in refused.value.message
    for held_value in ((1, 0), [True, False], ("yes", "no")):
        with pytest.raises(InvalidEntryError, match="true or false"):
            SetEntry("nordic-hamstring-curl", 1, reps=2, descent_s=(5.0, 3.2),
                     descent_held=held_value)  # type: ignore[arg-type]


def _nordic(number: int = 1) -> SetEntry:
    return SetEntry("nordic-hamstring-curl", number, reps=3, rir=1, descent_s=(5.0, 4.25, 2.5),
                    descent_held=(True, False, False), tempo="5-0-1-0")


def test_stored_corrected_and_undone_with_both_fields(store: Store) -> None:
    session = store.start_session(title="Nordics")
    logged = store.log_set(session.id, _nordic())
    assert store.sets_of_session(session.id) == [logged]
    assert (logged.rir, logged.descent_held) == (1, (True, False, False))

    corrected = SetEntry("nordic-hamstring-curl", 1, reps=2, rir=3, descent_s=(5.0, 4.0),
                         descent_held=(False, True))
    before, after = store.update_set(logged.id, corrected)
    assert before == logged
    assert (after.rir, after.descent_held, after.descent_s) == (3, (False, True), (5.0, 4.0))
    assert store.sets_of_session(session.id) == [after]
    store.replace_set(before)  # undo of the edit
    assert store.sets_of_session(session.id) == [logged]

    deleted = store.delete_set(logged.id)
    store.restore_set(deleted)  # undo of the deletion
    assert store.sets_of_session(session.id) == [logged]
    record, sets = store.delete_session(session.id)
    store.restore_session(record, sets)
    assert store.sets_of_session(session.id) == [logged]


def test_a_set_without_them_stores_null(store: Store, paths: AppPaths) -> None:
    session = store.start_session()
    logged = store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    assert (logged.rir, logged.descent_held) == (None, ())
    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("SELECT rir, descent_held FROM logged_set WHERE id = ?",
                                  (logged.id,)).fetchone() == (None, None)
    finally:
        connection.close()


def test_csv_has_rir_and_held_columns_documented_in_the_readme(store: Store,
                                                              tmp_path: Path) -> None:
    session = store.start_session(title="Nordics")
    store.log_set(session.id, _nordic())
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    target = tmp_path / "log.csv"
    assert export_csv(store.reader, target) == 2
    with target.open(newline="") as handle:
        nordic, deadlift = list(csv.DictReader(handle))
    assert (nordic["rir"], nordic["descent_held"], nordic["descent_s"]) == ("1", "1;0;0",
                                                                            "5;4.25;2.5")
    assert (deadlift["rir"], deadlift["descent_held"]) == ("", "")
    names = [name for name, _ in CSV_COLUMNS]
    assert names[-2:] == ["rir", "descent_held"]
    readme = README.read_text(encoding="utf-8")
    assert "| rir |" in readme and "descent_held" in readme


def test_json_export_imports_back_exactly_into_an_empty_log(store: Store, tmp_path: Path) -> None:
    session = store.start_session(title="Nordics")
    store.log_set(session.id, _nordic())
    store.log_set(session.id, _nordic(2))
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60, rir=0))
    store.end_session(session.id)
    exported = tmp_path / "log.json"
    export_json(store.reader, exported)
    sets_in_file = json.loads(exported.read_text())["sessions"][0]["sets"]
    assert [s["rir"] for s in sets_in_file] == [1, 1, 0]
    assert [s["descent_held"] for s in sets_in_file] == [[True, False, False]] * 2 + [None]

    other = resolve_paths(tmp_path / "other")
    prepare_dirs(other)
    fresh, _ = Store.open(other, FakeClock())
    try:
        log = read_import(exported)
        apply_import(fresh, prepare_import(log, {}, fresh.reader.session_uids()))
        [copy] = fresh.list_sessions()
        assert fresh.sets_of_session(copy.id) == [
            _same_ids(s, fresh) for s in store.sets_of_session(session.id)]
    finally:
        fresh.close()


def _same_ids(record: Any, fresh: Store) -> Any:
    """The set as the fresh log holds it: everything equal but the row ids."""
    [mine] = [s for s in fresh.sets_of_session(fresh.list_sessions()[0].id) if s.uid == record.uid]
    return dataclasses.replace(record, id=mine.id, session_id=mine.session_id)


def test_json_import_refuses_held_flags_that_are_not_booleans(tmp_path: Path,
                                                              store: Store) -> None:
    session = store.start_session()
    store.log_set(session.id, _nordic())
    document = export_data(store.reader)
    document["sessions"][0]["sets"][0]["descent_held"] = [1, 0, 0]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFileError) as refused:
        read_import(path)
    assert refused.value.column == "sessions[1].sets[1].descent_held[1]"
    document["sessions"][0]["sets"][0]["descent_held"] = [True]
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFileError) as refused:
        read_import(path)
    assert refused.value.column == "sessions[1].sets[1].descent_held"
    document["sessions"][0]["sets"][0]["descent_held"] = [True, False, False]
    document["sessions"][0]["sets"][0]["rir"] = 11
    path.write_text(json.dumps(document))
    with pytest.raises(ImportFileError) as refused:
        read_import(path)
    assert refused.value.column == "sessions[1].sets[1].rir"


def test_a_set_being_written_when_the_app_stopped_keeps_both_fields() -> None:
    from app.session.saved import entry_from_dict, entry_to_dict

    entry = _nordic()
    assert entry_from_dict(json.loads(json.dumps(entry_to_dict(entry)))) == entry
    older = entry_to_dict(SetEntry("romanian-deadlift", 1, reps=8))
    del older["rir"], older["descent_held"]  # saved by the app before schema v7
    assert entry_from_dict(older) == SetEntry("romanian-deadlift", 1, reps=8)


def test_the_settings_page_chooses_rpe_or_rir_and_the_barbell(qtbot: Any, paths: AppPaths) -> None:
    from PySide6.QtCore import Qt

    from app.logbook.settings import EffortScale, Settings
    from app.ui.settings.settings_page import SettingsPage

    page = SettingsPage(paths)
    qtbot.addWidget(page)
    page.show_settings(Settings(units="kg", effort_scale=EffortScale.RIR, bar_kg=15.0))
    assert page.effort_box.currentData() == "rir"     # what is stored shows
    assert (page.bar_spin.value(), page.bar_spin.suffix()) == (15.0, " kg")
    assert page.plates_edit.text() == "25, 20, 15, 10, 5, 2.5, 1.25"
    changes: list[tuple[str, object]] = []
    page.setting_changed.connect(lambda key, value: changes.append((key, value)))
    page.effort_box.setCurrentIndex(page.effort_box.findData(EffortScale.RPE))
    page.plates_edit.setText("20, ten")
    page.plates_edit.setFocus()
    qtbot.keyClick(page.plates_edit, Qt.Key.Key_Return)
    assert "must be numbers separated by commas" in page.plates_problem.text()
    assert not page.plates_problem.isHidden() and page.plates_edit.text() == "20, ten"  # kept
    page.plates_edit.setText("20, 10, 5")
    qtbot.keyClick(page.plates_edit, Qt.Key.Key_Return)
    assert page.plates_problem.isHidden()
    page.units_box.setCurrentIndex(page.units_box.findData("lb"))
    assert (page.bar_spin.value(), page.bar_spin.suffix()) == (45.0, " lb")
    assert page.plates_edit.text() == "45, 35, 25, 10, 5, 2.5"
    page.bar_spin.setValue(35.0)
    assert changes == [("effort_scale", "rpe"), ("plates_kg", [20.0, 10.0, 5.0]),
                       ("units", "lb"), ("bar_lb", 35.0)]

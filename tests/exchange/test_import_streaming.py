"""Imports are read in pieces (issue 15, points 4 and 15).

The JSON export of a 100,000-set log (about 53 MB) was refused by the 50 MB
limit; a million-row FitNotes file took 980 MB. Now a file is read a piece
at a time, so its size costs time, not memory, and the app's own export of a
big log imports back exactly.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import app.exchange.hamstride_json as hamstride_json
import app.exchange.text as text_module
from app.catalog import load_catalog_strict
from app.exchange import ImportFileError, building
from app.exchange.writer import apply_import
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.storage.queries import LogReader
from app.storage.store import Store
from app.usecases.export import export_json
from app.usecases.import_flow import read_and_plan

CATALOG = load_catalog_strict(resources_dir())
OLD_LIMIT = 50 * 1024 * 1024


def _paths(folder: Path) -> AppPaths:
    folder.mkdir(parents=True)
    return AppPaths(folder, folder / "logs")


def _own_export(path: Path, sessions: int, sets_per_session: int,
                notes: str = "steady, good depth") -> int:
    """A file as app/usecases/export.py writes it (indent=2), made fast; its number of sets."""
    start = datetime(2016, 1, 4, 17, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n  "format": "hamstride-export",\n  "format_version": 1,\n'
                  '  "app_version": "0.4.0",\n  "sessions": [\n')
        for n in range(sessions):
            began = start + timedelta(hours=n)
            session = {
                "uid": f"5e55{n:032d}", "started_at": began.isoformat().replace("+00:00", "Z"),
                "ended_at": None, "title": f"Session {n}", "program": None, "program_day": None,
                "notes": "", "readiness": None, "source": None,
                "sets": [{"uid": f"5e7{n:020d}{k:013d}", "exercise": "romanian-deadlift",
                          "set_number": k + 1, "side": "both", "set_type": "working",
                          "reps": 8, "load_kg": 60.0 + k, "load_unit": "kg", "duration_s": None,
                          "rpe": 7.5, "tempo": "3-1-1-0", "descent_s": None,
                          "notes": notes, "logged_at":
                          (began + timedelta(minutes=k)).isoformat().replace("+00:00", "Z"),
                          "distance_m": None, "rest_s": 120.0, "rir": 2, "descent_held": None}
                         for k in range(sets_per_session)]}
            text = json.dumps(session, indent=2, ensure_ascii=False)
            out.write("    " + text.replace("\n", "\n    ") + (",\n" if n < sessions - 1 else "\n"))
        out.write('  ],\n  "custom_exercises": [],\n  "settings": {"units": "kg"}\n}\n')
    return sessions * sets_per_session


def test_an_own_export_over_the_old_50_mb_limit_imports_back(tmp_path: Path) -> None:
    big = tmp_path / "hamstride-log.json"
    # Over the old limit with fewer sets than the 100,000 (long notes), to be quick.
    notes = "Slow lowering, hips square, felt the left side more; " * 9
    sets = _own_export(big, 1_250, 40, notes)
    assert big.stat().st_size > OLD_LIMIT
    paths = _paths(tmp_path / "data")
    store, _ = Store.open(paths, FakeClock())
    try:
        log, _mapping, plan = read_and_plan(big, CATALOG, store.reader)
        assert log.streamed and log.sessions == ()  # counted, not kept
        assert (plan.new_session_count, plan.set_count) == (1_250, sets)
        result = apply_import(store, plan)
        assert (result.sessions_added, result.sets_added) == (1_250, sets)
    finally:
        store.close()
    reader = LogReader(paths.database)
    try:
        assert (reader.count_sessions(), reader.count_sets()) == (1_250, sets)
        newest = reader.list_sessions(limit=1)[0]
        assert newest.uid == f"5e55{1_249:032d}" and newest.title == "Session 1249"
        last = reader.sets_of_session(newest.id)[-1]
        assert (last.uid, last.set_number, last.load_kg, last.rpe, last.rir, last.rest_s,
                last.notes) == (f"5e7{1_249:020d}{39:013d}", 40, 99.0, 7.5, 2, 120.0,
                                notes)
    finally:
        reader.close()


def test_the_export_of_a_log_imports_back_exactly_read_in_tiny_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pieces of 1 KB and a pool of 2 workouts: every boundary a big file meets
    # (a value cut between two pieces, workouts handed on) is met here.
    monkeypatch.setattr(text_module, "CHUNK_BYTES", 1024)
    monkeypatch.setattr(building, "MAX_OPEN_SESSIONS", 2)
    monkeypatch.setattr(hamstride_json, "MAX_VALUE_CHARS", 64 * 1024)
    source = tmp_path / "one.json"
    _own_export(source, 30, 7)
    paths = _paths(tmp_path / "a")
    store, _ = Store.open(paths, FakeClock())
    try:
        apply_import(store, read_and_plan(source, CATALOG, store.reader)[2])
    finally:
        store.close()
    exported = tmp_path / "two.json"
    reader = LogReader(paths.database)
    try:
        export_json(reader, exported)
    finally:
        reader.close()
    again = _paths(tmp_path / "b")
    store, _ = Store.open(again, FakeClock())
    try:
        apply_import(store, read_and_plan(exported, CATALOG, store.reader)[2])
    finally:
        store.close()
    one, two = LogReader(paths.database), LogReader(again.database)
    try:
        def sets(reader: LogReader) -> list[tuple[object, ...]]:
            return [(r.uid, s.uid, s.set_number, s.load_kg, s.logged_at, s.notes)
                    for r in reader.list_sessions() for s in reader.sets_of_session(r.id)]
        assert len(sets(one)) == 210
        assert sets(two) == sets(one)
    finally:
        one.close()
        two.close()


def test_a_value_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hamstride_json, "MAX_VALUE_CHARS", 4096)
    path = tmp_path / "big.json"
    _own_export(path, 2, 40)  # each session is over 4 KB
    paths = _paths(tmp_path / "d")
    store, _ = Store.open(paths, FakeClock())
    try:
        with pytest.raises(Exception, match="one value in it is over 0 MB"):
            read_and_plan(path, CATALOG, store.reader)
    finally:
        store.close()


def test_a_workout_scattered_through_the_file_is_one_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # With room for one open workout, day 1's rows after day 2's make a
    # further part of day 1: it must land in day 1's session, numbered on.
    monkeypatch.setattr(building, "MAX_OPEN_SESSIONS", 1)
    path = tmp_path / "fitnotes.csv"
    path.write_text("Date,Exercise,Category,Weight,Weight Unit,Reps\n"
                    "2026-11-02,Romanian Deadlift,Legs,60.0,kgs,8\n"
                    "2026-11-03,Romanian Deadlift,Legs,62.5,kgs,8\n"
                    "2026-11-02,Romanian Deadlift,Abs,65.0,kgs,6\n", encoding="utf-8")
    paths = _paths(tmp_path / "d")
    store, _ = Store.open(paths, FakeClock())
    try:
        log, _mapping, plan = read_and_plan(path, CATALOG, store.reader)
        assert (log.session_count, plan.new_session_count, plan.set_count) == (2, 2, 3)
        apply_import(store, plan)
    finally:
        store.close()
    reader = LogReader(paths.database)
    try:
        sessions = sorted(reader.list_sessions(), key=lambda r: r.started_at)
        assert [r.title for r in sessions] == ["Legs, Abs", "Legs"]
        assert [(s.set_number, s.load_kg) for s in reader.sets_of_session(sessions[0].id)] == \
            [(1, 60.0), (2, 65.0)]
    finally:
        reader.close()


def test_a_workout_bigger_than_the_pool_goes_on_in_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A single day of more sets than the pool keeps is handed on in parts as
    # it is read (memory stays bounded), and is still one session numbered 1-12.
    monkeypatch.setattr(building, "MAX_OPEN_SETS", 5)
    path = tmp_path / "fitnotes.csv"
    path.write_text("Date,Exercise,Category,Weight,Weight Unit,Reps\n"
                    + "".join(f"2026-11-02,Romanian Deadlift,Legs,{60 + k}.0,kgs,8\n"
                              for k in range(12)), encoding="utf-8")
    from app.exchange.reading import ImportStream

    with ImportStream(path) as stream:
        parts = [len(s.sets) for s in stream.sessions()]
    assert max(parts) <= 5 and sum(parts) == 12 and len(parts) > 1
    paths = _paths(tmp_path / "d")
    store, _ = Store.open(paths, FakeClock())
    try:
        apply_import(store, read_and_plan(path, CATALOG, store.reader)[2])
    finally:
        store.close()
    reader = LogReader(paths.database)
    try:
        [session] = reader.list_sessions()
        assert [(s.set_number, s.load_kg) for s in reader.sets_of_session(session.id)] == \
            [(k + 1, 60.0 + k) for k in range(12)]
    finally:
        reader.close()


@pytest.mark.parametrize(("sets", "kept"), [(10_000, True), (10_001, False)])
def test_the_preview_keeps_the_sessions_of_a_small_file_only(tmp_path: Path, sets: int,
                                                            kept: bool) -> None:
    # A small file's preview keeps its new sessions (ImportPlan.sessions); from
    # import_flow.KEEP_SETS sets on, only their counts.
    path = tmp_path / "fitnotes.csv"
    path.write_text("Date,Exercise,Category,Weight,Weight Unit,Reps\n" + "".join(
        f"{2000 + k // 5000}-{1 + k // 500 % 10:02d}-{1 + k // 25 % 20:02d},"
        f"Romanian Deadlift,Legs,60.0,kgs,8\n" for k in range(sets)), encoding="utf-8")
    paths = _paths(tmp_path / "d")
    store, _ = Store.open(paths, FakeClock())
    try:
        _log, _mapping, plan = read_and_plan(path, CATALOG, store.reader)
    finally:
        store.close()
    assert plan.set_count == sets
    assert sum(len(p.session.sets) for p in plan.sessions) == (sets if kept else 0)


def test_a_file_changed_between_the_preview_and_the_import_writes_nothing(tmp_path: Path) -> None:
    # The write reads the file again: what it writes must be what was shown.
    path = tmp_path / "fitnotes.csv"
    rows = "Date,Exercise,Category,Weight,Weight Unit,Reps\n2026-11-02,Romanian Deadlift,Legs,60.0,kgs,8\n"
    path.write_text(rows, encoding="utf-8")
    paths = _paths(tmp_path / "d")
    store, _ = Store.open(paths, FakeClock())
    try:
        plan = read_and_plan(path, CATALOG, store.reader)[2]
        path.write_text(rows.replace("60.0", "600.0").replace("Legs,600", "Legs,100"),
                        encoding="utf-8")
        with pytest.raises(ImportFileError, match=r"fitnotes\.csv: changed after it was read"):
            apply_import(store, plan)
        assert (store.reader.count_sessions(), store.reader.count_sets()) == (0, 0)
    finally:
        store.close()

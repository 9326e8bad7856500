"""The log's vocabularies for a set: sides and set types. Their values are
what logged_set stores (and its CHECK constraints allow), what exports write
and imports read: changing one is a schema change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.exchange import read_import
from app.logbook.entries import SET_TYPES, SIDES, InvalidEntryError, SetEntry, SetType, Side
from app.storage.migrations import MIGRATIONS


def test_stored_values() -> None:
    assert [side.value for side in Side] == ["left", "right", "both"]
    assert [kind.value for kind in SetType] == ["warmup", "working", "drop"]
    assert SIDES == ("left", "right", "both") and SET_TYPES == ("warmup", "working", "drop")


def test_a_set_entry_defaults_to_a_working_set_on_both_sides() -> None:
    entry = SetEntry(exercise_slug="glute-bridge", set_number=1, reps=10)
    assert entry.side is Side.BOTH and entry.set_type is SetType.WORKING


def test_warm_up_has_one_spelling_in_the_log() -> None:
    with pytest.raises(InvalidEntryError) as refused:
        SetEntry(exercise_slug="leg-swings", set_number=1, set_type="warm-up")
    assert refused.value.field == "set type"
    # The database refuses the other spelling too: no stored row can hold it.
    db = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        for statement in migration.statements:
            db.execute(statement)
    db.execute("INSERT INTO athlete VALUES (1, 'A', '2026-01-05 10:00:00')")
    db.execute("INSERT INTO workout_session (id, uid, athlete_id, started_at, title, notes) "
               "VALUES (1, 's', 1, '2026-01-05 10:00:00', 't', '')")
    insert = ("INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, load_unit, "
              "set_type, notes, logged_at) VALUES (?, 1, 'leg-swings', 1, 'both', 'kg', ?, '', "
              "'2026-01-05 10:01:00')")
    db.execute(insert, ("a", SetType.WARMUP))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(insert, ("b", "warm-up"))


HEVY_HEAD = ('"title","start_time","end_time","description","exercise_title","superset_id",'
             '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
             '"duration_seconds","rpe"\n')


def test_hevy_reads_both_spellings_of_a_warm_up(tmp_path: Path) -> None:
    rows = "".join(f'"A","3 Nov 2026, 07:30","3 Nov 2026, 08:22","","Leg Swings",,"",{n},"{kind}",,10,,,\n'
                   for n, kind in enumerate(("warmup", "warm-up", "normal", "dropset")))
    path = tmp_path / "hevy.csv"
    path.write_text(HEVY_HEAD + rows, encoding="utf-8", newline="")
    log = read_import(path, tz=None)
    assert [s.set_type for s in log.sessions[0].sets] == [SetType.WARMUP, SetType.WARMUP,
                                                         SetType.WORKING, SetType.DROP]

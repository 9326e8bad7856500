"""Correcting the log: edit, delete and undo, each one durable unit of work."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.storage.training_log import UnknownSessionError


def _session_with_sets(store: Store, clock: FakeClock) -> tuple[int, list[int]]:
    session = store.start_session(title="Gym")
    ids = []
    for number, load in enumerate((60, 70, 80), start=1):
        clock.advance(120)
        ids.append(store.log_set(session.id, SetEntry("romanian-deadlift", number, reps=8,
                                                      load=load, rpe=7)).id)
    store.end_session(session.id)
    return session.id, ids


def test_an_edit_changes_the_values_and_keeps_identity_and_time(store: Store, clock: FakeClock) -> None:
    session_id, ids = _session_with_sets(store, clock)
    before_rows = store.sets_of_session(session_id)
    clock.advance(3600)
    before, after = store.update_set(ids[1], SetEntry("romanian-deadlift", 2, reps=6, load=155,
                                                      load_unit="lb", rpe=9, notes="grip"))
    assert before == before_rows[1]
    stored = store.sets_of_session(session_id)[1]
    assert stored == after
    assert (stored.uid, stored.logged_at, stored.id) == (before.uid, before.logged_at, before.id)
    assert (stored.reps, stored.load_entered, stored.load_unit, stored.rpe, stored.notes) == \
        (6, 155, "lb", 9, "grip")


def test_replacing_a_set_undoes_an_edit_exactly(store: Store, clock: FakeClock) -> None:
    session_id, ids = _session_with_sets(store, clock)
    original = store.sets_of_session(session_id)
    before, _ = store.update_set(ids[0], SetEntry("glute-bridge", 4, side="left", reps=15))
    store.replace_set(before)
    assert store.sets_of_session(session_id) == original


def test_a_deleted_set_comes_back_with_its_id_and_uid(store: Store, clock: FakeClock) -> None:
    session_id, ids = _session_with_sets(store, clock)
    original = store.sets_of_session(session_id)
    deleted = store.delete_set(ids[1])
    assert [s.id for s in store.sets_of_session(session_id)] == [ids[0], ids[2]]
    store.restore_set(deleted)
    assert store.sets_of_session(session_id) == original


def test_a_deleted_session_comes_back_whole(store: Store, clock: FakeClock) -> None:
    session_id, _ = _session_with_sets(store, clock)
    listed = store.list_sessions()
    sets = store.sets_of_session(session_id)
    record, deleted_sets = store.delete_session(session_id)
    assert store.list_sessions() == [] and store.count_sets() == 0
    assert deleted_sets == sets and record == listed[0]
    store.restore_session(record, deleted_sets)
    assert store.list_sessions() == listed
    assert store.sets_of_session(session_id) == sets


def test_a_set_cannot_come_back_into_a_session_that_is_gone(store: Store, clock: FakeClock) -> None:
    session_id, ids = _session_with_sets(store, clock)
    deleted = store.delete_set(ids[0])
    store.delete_session(session_id)
    with pytest.raises(UnknownSessionError):
        store.restore_set(deleted)


def test_editing_or_deleting_a_missing_set_says_so(store: Store) -> None:
    with pytest.raises(LookupError):
        store.update_set(999, SetEntry("glute-bridge", 1, reps=10))
    with pytest.raises(LookupError):
        store.delete_set(999)


def test_a_correction_is_on_disk_when_it_returns(store: Store, clock: FakeClock, paths: AppPaths) -> None:
    _session_id, ids = _session_with_sets(store, clock)
    store.update_set(ids[2], SetEntry("romanian-deadlift", 3, reps=5, load=90))
    # A separate connection (another process would see the same) reads the new value.
    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("SELECT reps, load_kg FROM logged_set WHERE id = ?",
                                  (ids[2],)).fetchone() == (5, 90.0)
    finally:
        connection.close()


def test_distance_and_rest_are_stored_and_checked(store: Store) -> None:
    session = store.start_session(title="Sled")
    record = store.log_set(session.id, SetEntry("custom-sled", 1, distance_m=20, rest_s=90))
    assert store.sets_of_session(session.id) == [record]
    assert (record.distance_m, record.rest_s) == (20, 90)
    entry = SetEntry("custom-sled", 1)
    for field, value in (("distance_m", -1), ("rest_s", -5), ("distance_m", 2e6)):
        changes: dict[str, Any] = {field: value}
        with pytest.raises(ValueError, match=r"^(distance|rest):"):
            dataclasses.replace(entry, **changes)

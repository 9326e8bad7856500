"""Schema v6: each set's longest and mean descent, kept by SQLite triggers
beside the JSON list, and the descent records found through them.

The summaries only point at the sets that can hold a record; the records
themselves are decided from the lists, so a summary a hair off (SQLite adding
in another order or precision than Python) changes no record."""

from __future__ import annotations

import math
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.progress.queries import ProgressReader
from app.progress.records import (
    BEST_MEAN_DESCENT,
    LONGEST_DESCENT,
    RecordBook,
    find_records,
    records_set_in,
)
from app.storage.store import Store
from app.storage.timestamps import to_db_time
from helpers.log_rows import descents_by_rule, every_set

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAVED_VERSIONS = sorted(FIXTURES.glob("schema_v*.db"), key=lambda p: int(p.stem.split("_v")[1]))
NORDIC = "nordic-hamstring-curl"
TRIGGERS = ("logged_set_descent_summary_on_insert", "logged_set_descent_summary_on_update")


def _summaries_match_their_lists(db: Path) -> None:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT id, descent_s, descent_max_s, descent_mean_s FROM logged_set").fetchall()
    finally:
        connection.close()
    assert rows
    for set_id, text, longest, mean in rows:
        numbers = descents_by_rule(text)
        if numbers is None:
            assert (longest, mean) == (None, None), (set_id, text)
        else:
            assert longest == max(numbers), (set_id, text)
            assert math.isclose(mean, sum(numbers) / len(numbers), rel_tol=1e-12), (set_id, text)


@pytest.mark.parametrize("fixture", SAVED_VERSIONS, ids=lambda p: p.stem)
def test_an_upgraded_database_has_every_sets_summary(fixture: Path, paths: AppPaths,
                                                     clock: FakeClock) -> None:
    shutil.copyfile(fixture, paths.database)
    store, _ = Store.open(paths, clock)
    store.close()
    _summaries_match_their_lists(paths.database)
    connection = sqlite3.connect(paths.database)
    try:
        with_descents = connection.execute(
            "SELECT count(*) FROM logged_set WHERE descent_max_s IS NOT NULL").fetchone()[0]
    finally:
        connection.close()
    assert with_descents >= 1       # every saved version holds a Nordic session


def test_sqlite_keeps_the_summaries_whoever_writes(store: Store, paths: AppPaths,
                                                   clock: FakeClock) -> None:
    session = store.start_session(title="Nordics")
    logged = store.log_set(session.id, SetEntry(NORDIC, 1, reps=3, descent_s=(4.0, 3.5, 3.0)))
    plain = store.log_set(session.id, SetEntry(NORDIC, 2, reps=2))
    before, _ = store.update_set(logged.id, SetEntry(NORDIC, 1, reps=2, descent_s=(6.0, 5.0)))
    store.update_set(plain.id, SetEntry(NORDIC, 2, reps=1, descent_s=(2.5,)))
    removed = store.delete_set(logged.id)
    store.restore_set(removed)
    store.replace_set(before)                       # undo of the first edit
    store.end_session(session.id)

    connection = sqlite3.connect(paths.database, isolation_level=None)
    try:
        # Another tool, with recursive triggers on: the triggers still stop.
        connection.execute("PRAGMA recursive_triggers = ON")
        at = to_db_time(clock.now())
        for text in ("[5, 4.5]", "[]", '[9, "x"]', "[[9]]", "[true]", '"fast"', "7", "[1e400]"):
            connection.execute(
                "INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, "
                "load_unit, set_type, descent_s, notes, logged_at, descent_max_s) "
                "VALUES (lower(hex(randomblob(16))), ?, ?, 1, 'both', 'kg', 'working', ?, '', ?, 99)",
                (session.id, NORDIC, text, at))
        connection.execute("UPDATE logged_set SET descent_s = '[3, 3.25]' WHERE id = ?", (plain.id,))
        connection.execute("UPDATE logged_set SET descent_max_s = 1, descent_mean_s = 1")
    finally:
        connection.close()
    _summaries_match_their_lists(paths.database)
    with sqlite3.connect(paths.database) as connection:
        assert connection.execute("SELECT descent_max_s, descent_mean_s FROM logged_set "
                                  "WHERE id = ?", (logged.id,)).fetchone() == (4.0, 3.5)


@pytest.fixture
def hair_off(store: Store, paths: AppPaths, clock: FakeClock) -> list[int]:
    """Three Nordic sessions; the summaries then nudged by a hair against the
    lists, the triggers first dropped so they stay nudged. Returns the
    sessions' ids."""
    sessions = []
    lists: tuple[list[tuple[float, ...]], ...] = (
        [(5.0, 4.0, 3.0), (4.0, 4.0, 4.0)],       # both mean 4.0; longest 5.0
        [(5.0, 3.0, 4.0), (3.0, 5.0, 4.0)],       # ties with the first: not records
        [(4.5, 4.0), (6.0, 2.0)])                 # mean 4.25 then longest 6.0
    for day, sets in enumerate(lists):
        session = store.start_session(title="Nordics", started_at=clock.now())
        for number, descents in enumerate(sets, start=1):
            clock.advance(60)
            store.log_set(session.id, SetEntry(NORDIC, number, reps=len(descents),
                                               descent_s=descents))
        store.end_session(session.id, clock.now())
        sessions.append(session.id)
        clock.advance(2 * 86400 + day)
    with sqlite3.connect(paths.database) as connection:
        for trigger in TRIGGERS:
            connection.execute(f"DROP TRIGGER {trigger}")
        # Later ties look a hair better, the first holders a hair worse.
        connection.execute("UPDATE logged_set SET descent_max_s = descent_max_s * (1 + 1e-13), "
                           "descent_mean_s = descent_mean_s * (1 + 1e-13) WHERE session_id != ?",
                           (sessions[0],))
        connection.execute("UPDATE logged_set SET descent_max_s = descent_max_s * (1 - 1e-13), "
                           "descent_mean_s = descent_mean_s * (1 - 1e-13) WHERE session_id = ?",
                           (sessions[0],))
    return sessions


def test_records_are_decided_by_the_lists_not_the_summaries(hair_off: list[int],
                                                           paths: AppPaths) -> None:
    reader = ProgressReader(paths.database)
    try:
        records = reader.records()
        assert records == find_records(every_set(paths.database))
        found = {r.key: r for r in records}
        longest = found[(LONGEST_DESCENT, NORDIC, None)]
        mean = found[(BEST_MEAN_DESCENT, NORDIC, None)]
        assert (longest.value, longest.previous, longest.session_id) == (6.0, 5.0, hair_off[2])
        assert (mean.value, mean.previous, mean.session_id) == (4.25, 4.0, hair_off[2])
        # The second session tied the first's bests: it broke nothing.
        assert reader.records_broken_in(hair_off[1]) == []
        sets = every_set(paths.database)
        for session_id in hair_off:
            book = RecordBook()
            started = min(s.logged_at for s in sets if s.session_id == session_id)
            for s in sorted(sets, key=lambda s: (s.logged_at, s.set_id)):
                if s.logged_at < started:
                    book.offer(s)
            expected = records_set_in([s for s in sets if s.session_id == session_id],
                                      {r.key: r.value for r in book.records()})
            assert reader.records_broken_in(session_id) == expected, session_id
    finally:
        reader.close()


def test_the_first_of_equal_bests_holds_the_record_even_a_hair_below(
        hair_off: list[int], paths: AppPaths) -> None:
    with sqlite3.connect(paths.database) as connection:
        connection.execute("DELETE FROM logged_set WHERE session_id = ?", (hair_off[2],))
    reader = ProgressReader(paths.database)
    try:
        found = {r.key: r for r in reader.records()}
    finally:
        reader.close()
    for kind, value in ((LONGEST_DESCENT, 5.0), (BEST_MEAN_DESCENT, 4.0)):
        record = found[(kind, NORDIC, None)]
        assert (record.value, record.session_id, record.previous) == (value, hair_off[0], None)


def test_a_set_logged_later_the_same_day_is_seen(store: Store, paths: AppPaths,
                                                 clock: FakeClock) -> None:
    session = store.start_session(title="Nordics", started_at=clock.now())
    store.log_set(session.id, SetEntry(NORDIC, 1, reps=2, descent_s=(3.0, 3.0)))
    reader = ProgressReader(paths.database)
    try:
        assert {r.key: r.value for r in reader.records()}[(LONGEST_DESCENT, NORDIC, None)] == 3.0
        clock.advance(timedelta(minutes=3).total_seconds())
        store.log_set(session.id, SetEntry(NORDIC, 2, reps=2, descent_s=(3.5, 7.25)))
        found = {r.key: r for r in reader.records()}
    finally:
        reader.close()
    assert found[(LONGEST_DESCENT, NORDIC, None)].value == 7.25
    assert found[(LONGEST_DESCENT, NORDIC, None)].previous == 3.0
    assert found[(BEST_MEAN_DESCENT, NORDIC, None)].value == 5.375

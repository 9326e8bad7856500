"""Following a program and keeping the athlete's own programs: stored, checked,
one followed at a time."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import InvalidEntryError, SetEntry
from app.storage.store import Store

DEFINITION = {"name": "Mine", "weeks": [{"number": 1, "sessions": []}]}


def test_enrolling_replaces_the_program_followed_until_now(store: Store, clock: FakeClock) -> None:
    assert store.reader.active_enrolment() is None
    first = store.enrol("sample-session", date(2026, 1, 5), [3, 0])
    assert first.weekdays == (0, 3) and first.start_date == date(2026, 1, 5)
    clock.advance(86400)
    second = store.enrol("nordic-programme", date(2026, 1, 12), [0, 2, 4])
    active = store.reader.active_enrolment()
    assert active is not None and active.id == second.id and active.program_slug == "nordic-programme"
    store.end_enrolment()
    assert store.reader.active_enrolment() is None


@pytest.mark.parametrize("slug, weekdays, field", [
    ("", [0], "program"), ("x", [], "weekdays"), ("x", [7], "weekdays"), ("x", [1, 1], "weekdays"),
])
def test_an_enrolment_that_makes_no_sense_is_refused(store: Store, slug: str, weekdays: list[int],
                                                      field: str) -> None:
    with pytest.raises(InvalidEntryError) as caught:
        store.enrol(slug, date(2026, 1, 5), weekdays)
    assert caught.value.field == field
    assert store.reader.active_enrolment() is None


def test_the_database_allows_only_one_program_followed(store: Store, paths: AppPaths) -> None:
    store.enrol("sample-session", date(2026, 1, 5), [0])
    connection = sqlite3.connect(paths.database)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO enrolment (uid, athlete_id, program_slug, start_date, weekdays, "
                "created_at) VALUES ('x', 1, 'other', '2026-01-05', '[0]', '2026-01-05 00:00:00')")
    finally:
        connection.close()


def test_own_programs_are_added_replaced_and_deleted(store: Store) -> None:
    slug = store.save_user_program(None, "Tuesday quickie", DEFINITION)
    assert slug == "my-tuesday-quickie"
    assert store.save_user_program(None, "Tuesday quickie", DEFINITION) == "my-tuesday-quickie-2"
    store.save_user_program(slug, "Tuesday long", {**DEFINITION, "name": "Tuesday long"})
    assert [(s, n) for s, n, _ in store.reader.user_programs()] == [
        ("my-tuesday-quickie", "Tuesday long"), ("my-tuesday-quickie-2", "Tuesday quickie")]
    store.delete_user_program("my-tuesday-quickie-2")
    assert len(store.reader.user_programs()) == 1
    with pytest.raises(LookupError):
        store.delete_user_program("my-nothing")
    with pytest.raises(InvalidEntryError):
        store.save_user_program(None, "   ", DEFINITION)


def test_a_programs_sessions_are_listed_oldest_first(store: Store, clock: FakeClock) -> None:
    for day in (1, 2):
        session = store.start_session(title=f"Day {day}", program_slug="nordic-programme",
                                      program_day=day)
        store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5))
        store.end_session(session.id)
        clock.advance(2 * 86400)
    store.start_session(title="Other")
    # Issue 14: a program session with no set is not one done.
    store.start_session(title="Day 3", program_slug="nordic-programme", program_day=3)
    assert [s.program_day for s in store.reader.program_sessions("nordic-programme")] == [1, 2]

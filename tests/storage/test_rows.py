"""Rows to records in one place (app.storage.rows, issue 17 point 1): a set,
a session, an enrolment and a quick note read the same through plain SQL
(LogReader, CoachingReader) as through the ORM (what a write returns)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry
from app.storage import rows
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store


def test_a_set_and_its_session_read_the_same_both_ways(store: Store, clock: FakeClock) -> None:
    session = store.start_session(title="Nordics", program_slug="nordic-basics", program_day=2,
                                  readiness={"soreness": 2, "slept_well": True})
    entry = SetEntry("nordic-curl", 1, reps=3, load=-10.0, descent_s=(4.5, 3.25, 2.0),
                     descent_held=(True, False, False), rir=2, rpe=8.5, notes="felt strong")
    logged = store.log_set(session.id, entry)
    clock.advance(60)
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    clock.advance(60)
    store.end_session(session.id)
    [read_set, _second] = store.reader.sets_of_session(session.id)
    read_session = store.reader.get_session(session.id)
    assert read_set == logged  # SQL reads what the hot path returned
    # The ORM's records of the same rows, as a delete returns them for an undo.
    deleted_session, deleted_sets = store.delete_session(session.id)
    assert deleted_sets[0] == read_set
    assert deleted_session == read_session
    assert read_set.descent_s == (4.5, 3.25, 2.0) and read_set.descent_held == (True, False, False)
    assert read_session is not None and read_session.readiness == {"soreness": 2, "slept_well": True}
    assert read_session.volume_kg == 8 * 60  # assistance counts as nothing
    store.restore_session(deleted_session, deleted_sets)
    assert store.reader.sets_of_session(session.id) == deleted_sets


def test_an_enrolment_and_a_note_read_the_same_both_ways(store: Store, clock: FakeClock) -> None:
    enrolled = store.enrol("nordic-basics", date(2026, 3, 2), [4, 0], first_day=3)
    assert store.reader.active_enrolment() == enrolled
    assert enrolled.weekdays == (0, 4) and enrolled.first_day == 3 and enrolled.ended_at is None
    note = store.add_body_note(soreness=4, run_pain="mild", words="a twinge")
    with CoachingReader(store.db_path) as coaching:
        [read] = coaching.body_notes(clock.now() - timedelta(days=1))
    assert read == note


def test_the_columns_match_the_record_fields() -> None:
    """A column added to a table and its record is mapped in both directions
    (rows.set_values writes every field the record has, but its id)."""
    from dataclasses import fields

    from app.logbook.entries import LoggedSetRecord

    assert tuple(f.name for f in fields(LoggedSetRecord)) == rows.SET_FIELDS
    record = rows.entry_record(SetEntry("glute-bridge", 2, reps=12), 7,
                               datetime(2026, 1, 1, tzinfo=UTC), "uid-1")
    assert set(rows.set_values(record)) == set(rows.SET_FIELDS) - {"id"}


def test_progress_reads_a_foreign_descent_as_none() -> None:
    assert rows.measured_descents("[4.5, 3]") == [4.5, 3.0]
    assert rows.measured_descents("[4.5, true]") == []
    assert rows.measured_descents("{\"a\": 1}") == []
    assert rows.measured_descents("not json") == []

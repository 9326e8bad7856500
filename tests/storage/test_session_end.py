"""A session's stored end is never before its start nor its last set (issue 15
point 5's leftover): a session resumed from a file an older version saved,
with the wall clock set back since, asked to end before it began, and the
database's rule (ended_at >= started_at) came up as a raw IntegrityError."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry
from app.storage.store import Store

SET_AFTER_START = timedelta(minutes=7)
CLOCK_SET_BACK = timedelta(hours=1)


def _session_with_a_set(store: Store, clock: FakeClock) -> tuple[int, datetime, datetime]:
    started = clock.now()
    session = store.start_session(title="Resumed", started_at=started)
    last = started + SET_AFTER_START
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5), logged_at=last)
    return session.id, started, last


def test_an_end_before_the_start_is_stored_as_the_last_set(store: Store, clock: FakeClock) -> None:
    session_id, started, last = _session_with_a_set(store, clock)
    assert store.finish_session(session_id, ended_at=started - CLOCK_SET_BACK) is True
    record = store.list_sessions()[0]
    assert record.id == session_id
    assert record.ended_at == last          # the latest moment the log knows it ran to
    assert record.ended_at is not None and record.ended_at >= record.started_at


def test_an_end_between_the_start_and_the_last_set_is_the_last_set(
        store: Store, clock: FakeClock) -> None:
    session_id, started, last = _session_with_a_set(store, clock)
    store.finish_session(session_id, ended_at=started + SET_AFTER_START / 2)
    assert store.list_sessions()[0].ended_at == last


def test_a_later_end_is_stored_as_given(store: Store, clock: FakeClock) -> None:
    session_id, _started, last = _session_with_a_set(store, clock)
    end = last + timedelta(minutes=3)
    store.finish_session(session_id, ended_at=end)
    assert store.list_sessions()[0].ended_at == end

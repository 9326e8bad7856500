"""A week of the log with quick notes, for the export and import tests."""

from __future__ import annotations

from datetime import timedelta

from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry
from app.storage.store import Store


def week_with_notes(store: Store, clock: FakeClock) -> None:
    """A week as an athlete logs it: a Nordic session on Monday, then quick
    notes on the days between, each saying only what the athlete gave."""
    session = store.start_session(title="Nordics", readiness={"soreness": 2})
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, load=0.0,
                                       descent_s=(4.5, 4.0)))
    clock.advance(20 * 60)
    store.end_session(session.id)
    clock.advance(timedelta(hours=16, microseconds=250_000).total_seconds())
    store.add_body_note(soreness=4)  # Tuesday morning: sore, nothing else said
    clock.advance(timedelta(days=1).total_seconds())
    store.add_body_note(run_pain="mild", words="  tight on the easy run  ")  # soreness not given
    clock.advance(timedelta(days=1).total_seconds())
    store.add_body_note(words="slept badly")
    clock.advance(timedelta(days=1).total_seconds())
    store.add_body_note(soreness=0, run_pain="none")  # a 0 the athlete gave is kept as 0

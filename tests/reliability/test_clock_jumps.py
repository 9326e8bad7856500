"""The wall clock jumping (a time-zone trip, daylight saving, NTP, a user
fixing the date) changes no running timer: timers count on the monotonic
clock. What is stored is UTC; what is shown is local time."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.logbook.formatting import format_when
from app.session.engine import SessionEngine
from app.session.events import Phase, State
from app.session.plan import PlanItem, SessionPlan
from app.session.tempo import Tempo
from app.storage.store import Store

HOUR = 3600.0


def _nordic() -> PlanItem:
    return PlanItem(slug="nordic-hamstring-curl", name="Nordic hamstring curl", kind=DoseKind.REPS,
                    sets=2, rest_s=120, reps=(5, 5), tempo=Tempo(5, 0, 3, 0), eccentric_cue=True)


def _rdl() -> PlanItem:
    return PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind=DoseKind.REPS, sets=3,
                    rest_s=120, reps=(8, 10), target_load_kg=60)


@pytest.mark.parametrize("jump", [HOUR, -HOUR, 24 * HOUR, -24 * HOUR])
def test_a_running_set_and_a_rest_ignore_the_wall_clock(clock: FakeClock, jump: float) -> None:
    engine = SessionEngine(SessionPlan.of(main=[_rdl()]), clock)
    engine.start_set()
    clock.advance(20)
    clock.jump_wall(jump)
    engine.tick()
    assert engine.view().elapsed_s == pytest.approx(20)
    engine.finish_set()
    engine.confirm_set(engine.entry_for_set())
    assert engine.state is State.RESTING
    clock.advance(30)
    clock.jump_wall(jump)
    engine.tick()
    view = engine.view()
    assert view.remaining_s == pytest.approx(90)
    assert engine.state is State.RESTING  # a jump forward does not end the rest


@pytest.mark.parametrize("jump", [HOUR, -HOUR])
def test_the_nordic_lowering_count_ignores_the_wall_clock(clock: FakeClock, jump: float) -> None:
    engine = SessionEngine(SessionPlan.of(main=[_nordic()]), clock)
    engine.start_set()
    while engine.view().phase is not Phase.LOWERING:
        clock.advance(0.5)
        engine.tick()
    before = engine.view().remaining_s
    clock.jump_wall(jump)
    engine.tick()
    assert engine.view().phase is Phase.LOWERING
    assert engine.view().remaining_s == pytest.approx(before)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stored_times_are_utc_and_shown_in_local_time(paths: AppPaths, new_york: None) -> None:
    clock = FakeClock(datetime(2026, 7, 1, 22, 15, tzinfo=UTC))  # 18:15 in New York (EDT)
    store, _ = Store.open(paths, clock)
    try:
        session = store.start_session(title="Evening")
        record = store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        clock.jump_wall(-HOUR)  # the laptop's clock is set back an hour mid-session
        store.log_set(session.id, SetEntry("romanian-deadlift", 2, reps=8, load=60))
        [started] = store.list_sessions()
    finally:
        store.close()
    connection = sqlite3.connect(paths.database)
    try:
        stored = connection.execute("SELECT started_at FROM workout_session").fetchone()[0]
        logged = [row[0] for row in connection.execute(
            "SELECT logged_at FROM logged_set ORDER BY set_number")]
    finally:
        connection.close()
    assert str(stored).startswith("2026-07-01 22:15")  # UTC in the file
    assert str(logged[0]).startswith("2026-07-01 22:15")
    assert str(logged[1]).startswith("2026-07-01 21:15")  # the wall clock, as told
    assert record.logged_at.utcoffset() is not None  # read back as aware times
    assert format_when(started.started_at) == "Wed 01 Jul 2026 18:15"


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="CLOCK_BOOTTIME is Linux's")
def test_the_real_clock_counts_the_time_the_laptop_slept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Session times are the start plus this clock's seconds: it must be the
    clock that goes on while the lid is closed (CLOCK_BOOTTIME), not
    CLOCK_MONOTONIC, which stops (the two agree on a machine that never
    slept, so the clock asked for is what is checked)."""
    from app.kernel.clock import SystemClock

    asked: list[int] = []

    def clock_gettime(clock_id: int) -> float:
        asked.append(clock_id)
        return 4242.5

    monkeypatch.setattr(time, "clock_gettime", clock_gettime)
    assert SystemClock().monotonic() == 4242.5
    assert asked == [time.CLOCK_BOOTTIME]

"""Left against right per session and one-side exercise, and the calm note when
the same side stays behind (issue 18, point 7)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry, Side
from app.progress.series import SideTotals
from app.progress.sides import (
    SIDE_NOTE_SOURCES,
    SideBalance,
    SideMeasure,
    balances_of,
    difference_pct,
    side_balance,
    side_balances,
    side_note,
)
from app.storage.store import Store

DAY = date(2026, 3, 2)
SLDL = "single-leg-deadlift"
BRIDGE = "single-leg-glute-bridge"


def loaded(reps: int, kg: float, sets: int = 1) -> SideTotals:
    return SideTotals(sets=sets, loaded_sets=sets, load_x_reps=reps * kg * sets, reps=reps * sets,
                      rep_sets=sets)


def test_loaded_sets_compare_reps_times_load() -> None:
    balance = side_balance(7, DAY, SLDL, loaded(8, 20), loaded(10, 20))
    assert balance == SideBalance(7, DAY, SLDL, 160.0, 200.0, 20.0, Side.LEFT, SideMeasure.LOAD)


def test_unloaded_sets_compare_reps_and_holds_compare_seconds() -> None:
    reps = side_balance(1, DAY, BRIDGE, SideTotals(1, 0, 0.0, 15, 1), SideTotals(1, 0, 0.0, 12, 1))
    assert reps is not None
    assert (reps.left, reps.right, reps.measure, reps.weaker) == (15.0, 12.0, SideMeasure.REPS,
                                                                  Side.RIGHT)
    assert reps.difference_pct == 20.0
    holds = side_balance(1, DAY, "side-plank", SideTotals(2, seconds=60.0),
                         SideTotals(2, seconds=60.0))
    assert holds is not None
    assert (holds.measure, holds.difference_pct, holds.weaker) == (SideMeasure.SECONDS, 0.0, None)


def test_difference_is_of_the_stronger_side() -> None:
    assert difference_pct(85.0, 100.0) == 15.0
    assert difference_pct(100.0, 85.0) == 15.0
    assert difference_pct(0.0, 0.0) == 0.0


def test_a_session_with_one_side_only_gives_no_balance() -> None:
    assert side_balance(1, DAY, SLDL, loaded(8, 20), SideTotals()) is None
    started = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    rows = [(1, started, SLDL, "left", loaded(8, 20)), (1, started, SLDL, "right", loaded(8, 20)),
            (1, started, BRIDGE, "left", loaded(8, 10))]
    (balance,) = balances_of(rows, ZoneInfo("Europe/Berlin"))
    assert balance.exercise_slug == SLDL
    assert balance.day == date(2026, 3, 3)        # the local day of the session


def _sessions(*pcts: tuple[float, Side]) -> list[SideBalance]:
    found = []
    for n, (pct, weaker) in enumerate(pcts):
        strong, weak = 100.0, 100.0 - pct
        left, right = (weak, strong) if weaker is Side.LEFT else (strong, weak)
        found.append(SideBalance(n, DAY + timedelta(days=n), SLDL, left, right,
                                 difference_pct(left, right), weaker))
    return found


def test_exactly_fifteen_percent_three_times_is_no_note() -> None:
    assert side_note(_sessions((15, Side.LEFT), (15, Side.LEFT), (15, Side.LEFT))) is None


def test_just_above_fifteen_percent_three_sessions_running_is_a_note() -> None:
    note = side_note(_sessions((15.1, Side.LEFT), (20, Side.LEFT), (16, Side.LEFT)),
                     {SLDL: "Single-leg deadlift"})
    assert note is not None
    assert note.startswith("Single-leg deadlift: your left side was more than 15 % behind the "
                           "right in each of the last 3 sessions (15.1 %, 20 %, 16 %).")
    assert "Bourne et al. 2015" in note and "Opar et al. 2015" in note
    assert "disagree" in note and "not a verdict" in note
    assert SIDE_NOTE_SOURCES == ("bourne2015", "opar2015")


def test_two_sessions_are_not_enough_and_only_the_last_three_count() -> None:
    assert side_note(_sessions((20, Side.RIGHT), (20, Side.RIGHT))) is None
    note = side_note(_sessions((20, Side.RIGHT), (20, Side.RIGHT), (20, Side.RIGHT)))
    assert note is not None and "your right side" in note and note.startswith(SLDL)
    # Three behind long ago, then an even session: nothing to say now.
    assert side_note(_sessions((20, Side.RIGHT), (20, Side.RIGHT), (20, Side.RIGHT),
                               (5, Side.RIGHT))) is None


def test_the_same_side_must_be_behind_each_time() -> None:
    assert side_note(_sessions((20, Side.LEFT), (20, Side.RIGHT), (20, Side.LEFT))) is None


def test_balances_from_the_log(store: Store, clock: FakeClock) -> None:
    for right_reps in (10, 9, 6):
        session = store.start_session(title="Single-leg work")
        for entry in (SetEntry(SLDL, 1, side="left", reps=10, load=20),
                      SetEntry(SLDL, 1, side="right", reps=right_reps, load=20),
                      SetEntry(SLDL, 2, side="right", reps=5, load=20, set_type="warmup"),
                      SetEntry("romanian-deadlift", 1, reps=8, load=60)):
            clock.advance(60)
            store.log_set(session.id, entry)
        store.end_session(session.id)
        clock.advance(7 * 86400)
    balances = side_balances(store.reader, tz=UTC)
    assert [(b.exercise_slug, b.left, b.right, b.weaker) for b in balances] == [
        (SLDL, 200.0, 200.0, None), (SLDL, 200.0, 180.0, Side.RIGHT),
        (SLDL, 200.0, 120.0, Side.RIGHT)]           # warm-ups and two-leg lifts left out
    assert [round(b.difference_pct) for b in balances] == [0, 10, 40]
    last_day = balances[-1].day
    assert [b.day for b in side_balances(store.reader, since=last_day, tz=UTC)] == [last_day]
    assert side_note(balances) is None              # one session behind by more than 15 %

"""Snapshot and restore: after a crash the session carries on where it was."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.session.engine import SNAPSHOT_VERSION, SessionEngine
from app.session.events import CueDue, CueKind, Event, Phase, SetCompleted, State
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan
from app.session.tempo import Tempo


def nordic_plan() -> SessionPlan:
    return SessionPlan.of(main=[
        PlanItem(slug=NORDIC_SLUG, name="Nordic hamstring curl", kind=DoseKind.REPS, sets=2, rest_s=90,
                 reps=(5, 5), tempo=Tempo(5, 0, 3, 0)),
        PlanItem(slug="single-leg-cable-curl", name="Single-leg cable curl", kind=DoseKind.REPS, sets=2,
                 rest_s=60, reps=(8, 10), sides="left-right"),
    ], cool_down=[
        PlanItem(slug="standing-hamstring-stretch", name="Stretch", kind=DoseKind.HOLD, sets=1, rest_s=0,
                 hold_s=10, holds=6, relax_s=5, sides="left-right"),
    ])


def saved(engine: SessionEngine) -> dict[str, Any]:
    """The snapshot as it comes back from a JSON file."""
    text = json.dumps(engine.snapshot())
    data: dict[str, Any] = json.loads(text)
    return data


def advance(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.1) -> None:
    """Tick every ``step`` for ``seconds``, ending exactly ``seconds`` later
    (steps of 0.1 s do not add up exactly in binary floating point)."""
    end = clock.monotonic() + seconds
    for _ in range(round(seconds / step) - 1):
        clock.advance(step)
        engine.tick()
    clock.advance(max(0.0, end - clock.monotonic()))
    engine.tick()


def after_crash(snapshot: dict[str, Any], **kwargs: Any) -> tuple[SessionEngine, FakeClock, list[Event]]:
    """Restore in a 'new process': another clock whose monotonic origin differs."""
    clock = FakeClock(monotonic=50_000.0)
    engine = SessionEngine.restore(snapshot, nordic_plan(), clock, **kwargs)
    events: list[Event] = []
    engine.subscribe(events.append)
    return engine, clock, events


def test_restore_mid_rest_keeps_the_remaining_time(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 60)
    engine.confirm_set(engine.entry_for_set())
    advance(engine, clock, 30)
    snapshot = saved(engine)
    assert snapshot["state"] == "resting" and snapshot["segment"]["remaining_s"] == pytest.approx(60)

    restored, new_clock, events = after_crash(snapshot)
    start = new_clock.monotonic()
    assert restored.state is State.RESTING and not restored.paused
    assert restored.view().remaining_s == pytest.approx(60)
    assert restored.view().progress[0].logged == 1
    assert restored.next_due() == pytest.approx(start + 57)
    advance(restored, new_clock, 60)
    cues = [e for e in events if isinstance(e, CueDue)]
    assert [(c.kind, c.count) for c in cues] == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1),
                                                 (CueKind.GO, None)]
    assert [c.due_at - start for c in cues] == pytest.approx([57, 58, 59, 60])
    assert restored.state is State.READY and restored.position == (0, 2, "both")
    assert "undo_confirm" in restored.allowed()      # the last set can still be reopened


def test_restore_mid_lowering_keeps_descents_and_the_lowering_clock(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 12 + 3 + 2)        # rep 2, 2 s into the lowering
    assert engine.phase is Phase.LOWERING and engine.rep == 2
    snapshot = saved(engine)

    restored, new_clock, events = after_crash(snapshot)
    assert (restored.state, restored.phase, restored.rep) == (State.SET_RUNNING, Phase.LOWERING, 2)
    assert restored.view().remaining_s == pytest.approx(3)
    assert restored.view().descents_s == (5.0,)
    assert restored.view().elapsed_s == pytest.approx(17)
    new_clock.advance(1.6)
    restored.tick()
    assert [(e.kind, e.count) for e in events if isinstance(e, CueDue)] == [(CueKind.TICK, 3)]
    assert restored.mark_break_point() == pytest.approx(3.6)   # 2 s before the crash + 1.6 after
    advance(restored, new_clock, 1 + 3 + 3 * 12)
    (done,) = [e for e in events if isinstance(e, SetCompleted)]
    assert done.descents_s == (5.0, 3.6, 5.0, 5.0, 5.0)


def test_restore_a_paused_session_stays_paused_unless_told(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 4)
    engine.pause()
    snapshot = saved(engine)
    restored, new_clock, _ = after_crash(snapshot)
    assert restored.paused and restored.next_due() is None
    new_clock.advance(100)
    assert restored.view().remaining_s == pytest.approx(4)
    restored.resume()
    assert restored.view().remaining_s == pytest.approx(4)
    running, _, _ = after_crash(snapshot, paused=False)
    assert not running.paused and running.next_due() is not None


def test_a_screen_may_restore_paused(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 4)
    restored, new_clock, _ = after_crash(saved(engine), paused=True)
    assert restored.paused
    new_clock.advance(30)
    restored.tick()
    assert restored.view().remaining_s == pytest.approx(4) and restored.view().elapsed_s == pytest.approx(4)


def test_restore_mid_switch_and_mid_hold(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.next_exercise()
    engine.start_set()
    clock.advance(20)
    engine.finish_set()
    engine.confirm_set()
    advance(engine, clock, 2)
    restored, new_clock, _ = after_crash(saved(engine))
    assert restored.state is State.SWITCHING_SIDE and restored.position == (1, 1, "right")
    assert restored.view().remaining_s == pytest.approx(3)
    advance(restored, new_clock, 3)
    assert restored.state is State.SET_RUNNING and restored.view().side == "right"

    restored.next_exercise()
    restored.start_set()
    advance(restored, new_clock, 10 + 5 + 10 + 5 + 2)     # third hold, 2 s in
    again, newer_clock, _ = after_crash(saved(restored))
    view = again.view()
    assert (view.phase, view.rep, view.rep_count) == (Phase.HOLD, 3, 6)
    assert view.remaining_s == pytest.approx(8)
    advance(again, newer_clock, 8 + 3 * 15)
    assert again.state is State.SET_DONE
    assert again.entry_for_set().reps == 6


def test_restore_the_log_sheet_and_the_summary(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 60)
    assert engine.state is State.SET_DONE
    restored, _, _ = after_crash(saved(engine))
    assert restored.state is State.SET_DONE
    assert restored.entry_for_set() == engine.entry_for_set()
    engine.end()
    finished, _, _ = after_crash(saved(engine))
    assert finished.state is State.SUMMARY and not finished.paused and finished.allowed() == frozenset()


def test_a_mark_overdue_when_saved_is_played_after_restore(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    advance(engine, clock, 60)
    engine.confirm_set()
    clock.advance(95)                          # the rest ended, but nobody ticked before the crash
    restored, _, events = after_crash(saved(engine))
    restored.tick()
    kinds = [e.kind for e in events if isinstance(e, CueDue)]
    assert kinds == [CueKind.BEEP, CueKind.BEEP, CueKind.BEEP, CueKind.GO]
    assert restored.state is State.READY


def test_restore_round_trips_in_every_state(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    snapshots: list[dict[str, Any]] = []
    engine.subscribe(lambda event: snapshots.append(saved(engine)))
    for _ in range(2000):
        if engine.state is State.SUMMARY:
            break
        if engine.state is State.READY:
            engine.start_set()
        elif engine.state is State.SET_DONE:
            engine.confirm_set()
        elif engine.next_due() is None:
            clock.advance(20)
            engine.finish_set()
        else:
            advance(engine, clock, 0.5)
    assert engine.state is State.SUMMARY
    assert {s["state"] for s in snapshots} == {state.value for state in State}
    for snapshot in snapshots:
        same_clock = FakeClock(monotonic=7.0)
        restored = SessionEngine.restore(snapshot, nordic_plan(), same_clock)
        assert json.loads(json.dumps(restored.snapshot())) == snapshot


def test_restore_refuses_another_plan_or_a_damaged_snapshot(clock: FakeClock) -> None:
    engine = SessionEngine(nordic_plan(), clock)
    engine.start_set()
    good = saved(engine)
    other = SessionPlan.of(main=[nordic_plan().items[0]])
    with pytest.raises(ValueError, match="another plan"):
        SessionEngine.restore(good, other, clock)
    damaged: list[dict[str, Any]] = [
        {**good, "version": SNAPSHOT_VERSION + 1},
        {k: v for k, v in good.items() if k != "segment"},
        {**good, "state": "dancing"},
        {**good, "position": {"item": 9, "set": 1, "side": "both", "rep": 1}},
        {**good, "position": {"item": 0, "set": 1, "side": "left", "rep": 1}},
        {**good, "segment": None},
        {**good, "segment": {**good["segment"], "remaining_s": -4}},
        {**good, "segment": {**good["segment"], "next_mark": 99}},
        {**good, "settings": {"switch_side_s": -5, "get_ready_s": 3, "catch_s": 1}},
        {**good, "logged": [[0, 0, "both"]]},
        {**good, "state": "resting"},
        {**good, "state": "set_done"},
    ]
    for snapshot in damaged:
        with pytest.raises(ValueError):
            SessionEngine.restore(snapshot, nordic_plan(), clock)

"""Property tests: whenever the consumer happens to tick, the engine emits the
same cues at the same due moments, each once and in order; and any sequence of
allowed actions leaves it consistent and restorable."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.session.engine import SessionEngine
from app.session.events import CueDue, Event, State
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan
from app.session.tempo import Tempo

PLAN = SessionPlan.of(
    warm_up=[PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=20,
                      duration_s=12)],
    main=[PlanItem(slug=NORDIC_SLUG, name="Nordic hamstring curl", kind=DoseKind.REPS, sets=2, rest_s=30,
                   reps=(3, 3), tempo=Tempo(4, 0, 2, 0), lowering_s=4.5),
          PlanItem(slug="single-leg-cable-curl", name="Single-leg cable curl", kind=DoseKind.REPS, sets=1,
                   rest_s=15, reps=(8, 10), sides="left-right")],
    cool_down=[PlanItem(slug="standing-hamstring-stretch", name="Stretch", kind=DoseKind.HOLD, sets=1,
                        rest_s=0, hold_s=6, holds=3, relax_s=4, sides="left-right")],
)

Cue = tuple[str, int | None, float]   # kind, count, due_at relative to the segment's start


def run_session(tick_gaps: list[float] | None) -> tuple[list[list[Cue]], list[tuple[float, float]]]:
    """Run PLAN to the end. Between actions the consumer ticks after each gap of
    ``tick_gaps`` (cycled), or exactly at next_due() when None. Returns the cues
    grouped by the action that preceded them (relative to that action's time,
    rounded to absorb float noise), and (due_at, emitted_at) of every cue."""
    clock = FakeClock()
    engine = SessionEngine(PLAN, clock)
    groups: list[list[Cue]] = [[]]
    timing: list[tuple[float, float]] = []
    action_at = [clock.monotonic()]

    def on_event(event: Event) -> None:
        if isinstance(event, CueDue):
            groups[-1].append((event.kind.value, event.count, round(event.due_at - action_at[0], 6)))
            timing.append((event.due_at, clock.monotonic()))

    engine.subscribe(on_event)
    gap_index = 0
    for _ in range(20_000):
        state = engine.state
        if state is State.SUMMARY:
            return groups, timing
        plain_set = state is State.SET_RUNNING and engine.next_due() is None
        if state in (State.READY, State.SET_DONE) or plain_set:
            groups.append([])
            action_at[0] = clock.monotonic()
            if state is State.READY:
                engine.start_set()
            elif state is State.SET_DONE:
                engine.confirm_set()
            else:
                engine.finish_set()
            continue
        if tick_gaps is None:
            due = engine.next_due()
            assert due is not None
            clock.advance(max(0.0, due - clock.monotonic()))
        else:
            clock.advance(tick_gaps[gap_index % len(tick_gaps)])
            gap_index += 1
        engine.tick()
    raise AssertionError("the session never ended")


REFERENCE = run_session(None)[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.05, max_value=12.0), min_size=1, max_size=30))
def test_cues_do_not_depend_on_when_the_consumer_ticks(tick_gaps: list[float]) -> None:
    groups, timing = run_session(tick_gaps)
    # The same cues, each exactly once, at the same moments relative to the action that began them.
    assert groups == REFERENCE
    due = [d for d, _emitted in timing]
    assert due == sorted(due)                              # in order
    assert all(emitted >= d - 1e-9 for d, emitted in timing)   # never early


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_allowed_actions_keep_the_engine_consistent(data: st.DataObject) -> None:
    clock = FakeClock()
    engine = SessionEngine(PLAN, clock)
    cue_due: list[float] = []
    engine.subscribe(lambda e: cue_due.append(e.due_at) if isinstance(e, CueDue) else None)
    for _ in range(40):
        actions = sorted(engine.allowed() | {"wait"})
        action = data.draw(st.sampled_from(actions))
        if action == "wait":
            clock.advance(data.draw(st.floats(min_value=0.0, max_value=40.0)))
            engine.tick()
        elif action == "adjust_rest":
            engine.adjust_rest(data.draw(st.sampled_from([-15, 15])))
        else:
            getattr(engine, action)()

        view = engine.view()
        assert view.state is engine.state
        if view.remaining_s is not None:
            assert 0 <= view.remaining_s <= (view.timer_total_s or 0) + 1e-9
        assert (engine.next_due() is None) == (engine.paused or view.remaining_s is None)
        snapshot = json.loads(json.dumps(engine.snapshot()))
        restored = SessionEngine.restore(snapshot, PLAN, clock)
        assert json.loads(json.dumps(restored.snapshot())) == snapshot
        if engine.state is State.SUMMARY:
            break
    # Adjusting, skipping, jumping or undoing never makes a cue due before one already played.
    assert cue_due == sorted(cue_due)

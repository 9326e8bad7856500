"""The session engine, driven by a FakeClock: every state, transition and cue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.kernel.resources import resources_dir
from app.logbook.entries import InvalidEntryError, SetEntry
from app.session.engine import SessionEngine, TransitionError
from app.session.events import (
    BreakPointMarked,
    CueDue,
    CueKind,
    Event,
    ExerciseChanged,
    Paused,
    Phase,
    RestAdjusted,
    RestStarted,
    Resumed,
    SessionFinished,
    SetCompleted,
    SetDiscarded,
    SetReopened,
    SideSwitched,
    State,
    StateChanged,
)
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan, item_from_exercise
from app.session.tempo import Tempo
from app.session.timing import ScaledClock
from helpers.engine import REP_S, Recorder, engine_for, nordic, run_for

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------






def poll_for(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.1) -> None:
    """Let ``seconds`` pass, ticking every ``step`` (as a 10 Hz repaint would) and
    ending exactly ``seconds`` later (0.1 s steps do not add up exactly in floats)."""
    end = clock.monotonic() + seconds
    for _ in range(round(seconds / step) - 1):
        clock.advance(step)
        engine.tick()
    clock.advance(max(0.0, end - clock.monotonic()))
    engine.tick()




def cable_curl(sets: int = 2) -> PlanItem:
    return PlanItem(slug="single-leg-cable-curl", name="Single-leg cable curl", kind=DoseKind.REPS, sets=sets,
                    rest_s=90, reps=(8, 10), sides="left-right", per_side=True, target_load_kg=15)


def stretch() -> PlanItem:
    return PlanItem(slug="standing-hamstring-stretch", name="Standing hamstring stretch", kind=DoseKind.HOLD,
                    sets=1, rest_s=0, hold_s=10, holds=6, relax_s=5, sides="left-right", per_side=True)


def jog() -> PlanItem:
    return PlanItem(slug="light-jog", name="Light jog", kind=DoseKind.DURATION, sets=1, rest_s=0,
                    duration_s=300)


def rdl(sets: int = 3, rest_s: float = 120) -> PlanItem:
    return PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind=DoseKind.REPS, sets=sets,
                    rest_s=rest_s, reps=(8, 10), target_load_kg=60)




def log_and_confirm(engine: SessionEngine, log: list[SetEntry] | None = None, **changes: Any) -> SetEntry:
    entry = engine.entry_for_set(**changes)
    if log is not None:
        log.append(entry)
    return engine.confirm_set(entry)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


# --------------------------------------------------------------------------
# The start
# --------------------------------------------------------------------------


def test_a_new_engine_is_ready_for_the_first_set(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, nordic())
    assert engine.state is State.READY and engine.phase is None and not engine.paused
    assert engine.position == (0, 1, "both")
    # Issue 14: a set of reps may also be logged at once, as planned (quick log).
    assert engine.allowed() == {"start_set", "quick_log", "pause", "end"}
    assert engine.next_due() is None
    view = engine.view()
    assert (view.item.name, view.set_number, view.set_count, view.side) == ("Nordic hamstring curl", 1, 2,
                                                                              "both")
    assert view.remaining_s is None and view.elapsed_s is None and view.rep is None
    assert view.next_up is not None and view.next_up.set_number == 2 and not view.next_up.new_exercise
    engine.tick()
    assert recorder.events == []


@pytest.mark.parametrize("action", [
    lambda e: e.finish_set(), lambda e: e.confirm_set(), lambda e: e.adjust_rest(15),
    lambda e: e.skip_rest(), lambda e: e.resume(), lambda e: e.discard_set(),
    lambda e: e.undo_confirm(), lambda e: e.next_exercise(), lambda e: e.previous_exercise(),
])
def test_actions_that_do_not_fit_the_state_are_refused(
        clock: FakeClock, action: Callable[[SessionEngine], object]) -> None:
    engine, recorder = engine_for(clock, nordic())
    with pytest.raises(TransitionError, match="while ready"):
        action(engine)
    assert engine.state is State.READY and recorder.events == []


def test_entry_for_set_needs_a_finished_set(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, nordic())
    with pytest.raises(TransitionError):
        engine.entry_for_set()


def test_engine_settings_are_checked(clock: FakeClock) -> None:
    plan = SessionPlan.of(main=[nordic()])
    with pytest.raises(ValueError, match="switch_side_s"):
        SessionEngine(plan, clock, switch_side_s=-1)
    with pytest.raises(ValueError, match="get_ready_s"):
        SessionEngine(plan, clock, get_ready_s=60)
    with pytest.raises(ValueError, match="catch_s"):
        SessionEngine(plan, clock, catch_s=True)


# --------------------------------------------------------------------------
# The eccentric-tempo cue: a whole 2-set Nordic session
# --------------------------------------------------------------------------



def test_a_whole_two_set_nordic_session(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, nordic())
    t0 = clock.monotonic()
    logged: list[SetEntry] = []

    engine.start_set()
    assert engine.state is State.SET_RUNNING and engine.phase is Phase.GET_READY
    # Rep 1 runs by itself: count-in, lowering with ticks, catch, return.
    run_for(engine, clock, REP_S)
    assert recorder.phases()[:5] == [(Phase.GET_READY, 1), (Phase.LOWERING, 1), (Phase.CATCH, 1),
                                     (Phase.RETURN, 1), (Phase.GET_READY, 2)]
    rep1 = [(c.kind, c.count, c.due_at - t0) for c in recorder.of(CueDue)]
    assert rep1 == [
        (CueKind.BEEP, 3, 0), (CueKind.BEEP, 2, 1), (CueKind.BEEP, 1, 2), (CueKind.GO, None, 3),
        (CueKind.TICK, 1, 4), (CueKind.TICK, 2, 5), (CueKind.TICK, 3, 6), (CueKind.TICK, 4, 7),
        (CueKind.CATCH, None, 8),
        (CueKind.BEEP, 3, 12),        # rep 2's count-in has begun
    ]
    assert engine.rep == 2

    # Rep 2: control is lost 2.4 s into the lowering.
    run_for(engine, clock, 3 + 2.4)
    assert engine.phase is Phase.LOWERING
    assert engine.mark_break_point() == pytest.approx(2.4)
    assert engine.phase is Phase.CATCH
    assert recorder.of(BreakPointMarked) == [BreakPointMarked(2, 2.4)]
    assert recorder.of(CueDue)[-1].kind is CueKind.CATCH
    assert recorder.of(CueDue)[-1].due_at == pytest.approx(clock.monotonic())
    assert engine.view().descents_s == (5.0, 2.4)
    run_for(engine, clock, 1 + 3)

    # Reps 3-5, with a break point on rep 4 at 3.7 s; a press outside a lowering is ignored.
    run_for(engine, clock, REP_S)
    run_for(engine, clock, 3 + 3.7)
    assert engine.mark_break_point() == pytest.approx(3.7)
    assert engine.mark_break_point() is None          # already in the catch
    run_for(engine, clock, 1 + 3)
    assert engine.rep == 5
    run_for(engine, clock, REP_S)

    # The set ends by itself after the fifth return.
    assert engine.state is State.SET_DONE
    (done,) = recorder.of(SetCompleted)
    assert (done.exercise_slug, done.set_number, done.side, done.reps) == (NORDIC_SLUG, 1, "both", 5)
    assert done.descents_s == (5.0, 2.4, 5.0, 3.7, 5.0)
    assert done.descent_mean_s == pytest.approx(4.22)
    assert done.duration_s == pytest.approx(5 * REP_S - (5 - 2.4) - (5 - 3.7))
    assert done.tempo == "5-0-3-0" and done.set_type == "working"
    assert recorder.of(CueDue)[-1].kind is CueKind.DONE
    assert engine.view().last_set == done

    # Log sheet -> the rest starts by itself with the item's 90 s.
    entry = log_and_confirm(engine, logged, rpe=8)
    assert (entry.reps, entry.descent_s, entry.tempo, entry.rpe) == (5, (5.0, 2.4, 5.0, 3.7, 5.0),
                                                                     "5-0-3-0", 8)
    assert engine.state is State.RESTING
    (rest,) = recorder.of(RestStarted)
    assert rest.rest_s == 90 and rest.ends_at == pytest.approx(clock.monotonic() + 90)
    recorder.clear()
    run_for(engine, clock, 90)
    assert recorder.cues() == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1), (CueKind.GO, None)]
    assert engine.state is State.READY and engine.position == (0, 2, "both")

    # Set 2, with no presses: every rep stores the full 5 s.
    engine.start_set()
    run_for(engine, clock, 5 * REP_S)
    assert engine.state is State.SET_DONE
    assert recorder.of(SetCompleted)[-1].descents_s == (5.0,) * 5
    log_and_confirm(engine, logged)
    assert engine.state is State.SUMMARY
    (finished,) = recorder.of(SessionFinished)
    assert (finished.sets_logged, finished.sets_planned, finished.ended_early) == (2, 2, False)
    assert [e.set_number for e in logged] == [1, 2]
    assert engine.allowed() == {"undo_confirm"}


def test_ticks_follow_the_lowering_seconds(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, nordic(reps=1, lowering_s=8), get_ready_s=0, catch_s=0)
    engine.start_set()
    assert engine.phase is Phase.LOWERING          # no count-in
    run_for(engine, clock, 8)
    assert recorder.cues() == [*((CueKind.TICK, k) for k in range(1, 8)), (CueKind.CATCH, None)]
    assert engine.phase is Phase.RETURN            # no catch phase either


def test_the_cue_can_run_on_any_item_with_a_tempo(clock: FakeClock) -> None:
    item = PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind=DoseKind.REPS, sets=1, rest_s=0,
                    reps=(2, 3), tempo=Tempo(3, 1, 1, 0), eccentric_cue=True)
    engine, recorder = engine_for(clock, item)
    engine.start_set()
    run_for(engine, clock, 3 * (3 + 3 + 1 + 1))
    assert engine.state is State.SET_DONE
    assert recorder.of(SetCompleted)[0].descents_s == (3.0, 3.0, 3.0)


def test_a_tempo_item_without_the_cue_is_a_plain_set(clock: FakeClock) -> None:
    item = PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind=DoseKind.REPS, sets=1, rest_s=0,
                    reps=(8, 10), tempo=Tempo(3, 1, 1, 0))
    engine, recorder = engine_for(clock, item)
    engine.start_set()
    assert engine.phase is Phase.WORK and engine.next_due() is None
    poll_for(engine, clock, 40)
    assert engine.state is State.SET_RUNNING and recorder.cues() == []
    engine.finish_set()
    done = recorder.of(SetCompleted)[0]
    assert done.descents_s == () and done.descent_mean_s is None and done.reps == 10
    assert engine.entry_for_set().descent_s is None


def test_finishing_a_cued_set_early_counts_the_reps_with_a_descent(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, nordic())
    engine.start_set()
    run_for(engine, clock, REP_S * 2 + 3 + 2)     # two reps done, third lowering under way
    assert engine.phase is Phase.LOWERING
    assert "mark_break_point" in engine.allowed()
    engine.finish_set()
    done = recorder.of(SetCompleted)[0]
    assert done.reps == 2 and done.descents_s == (5.0, 5.0)
    assert engine.mark_break_point() is None


def test_the_view_during_a_cued_rep(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, nordic())
    engine.start_set()
    poll_for(engine, clock, REP_S + 3 + 2)        # rep 2, 2 s into the lowering
    view = engine.view()
    assert (view.state, view.phase, view.rep, view.rep_count) == (State.SET_RUNNING, Phase.LOWERING, 2, 5)
    assert view.remaining_s == pytest.approx(3)
    assert view.timer_total_s == 5
    assert view.timer_fraction == pytest.approx(0.6)
    assert view.elapsed_s == pytest.approx(REP_S + 5)
    assert engine.next_due() == pytest.approx(clock.monotonic() + 1)   # the third tick


# --------------------------------------------------------------------------
# Rest
# --------------------------------------------------------------------------


def rest_after_first_set(clock: FakeClock, item: PlanItem | None = None) -> tuple[SessionEngine, Recorder]:
    engine, recorder = engine_for(clock, item or rdl())
    engine.start_set()
    clock.advance(30)
    engine.finish_set()
    log_and_confirm(engine)
    recorder.clear()
    return engine, recorder


def test_rest_starts_on_confirm_with_the_items_rest(clock: FakeClock) -> None:
    engine, _ = rest_after_first_set(clock)
    assert engine.state is State.RESTING
    view = engine.view()
    assert view.remaining_s == 120 and view.timer_total_s == 120
    assert view.next_up is not None and view.next_up.set_number == 2
    assert engine.next_due() == pytest.approx(clock.monotonic() + 117)   # the 3 s beep
    assert engine.allowed() == {"adjust_rest", "skip_rest", "pause", "end", "undo_confirm"}


def test_rest_plus_and_minus_fifteen_seconds(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    clock.advance(20)
    assert engine.adjust_rest(15) == pytest.approx(115)
    assert engine.adjust_rest(-15) == pytest.approx(100)
    assert engine.adjust_rest(-15) == pytest.approx(85)
    assert [round(e.remaining_s) for e in recorder.of(RestAdjusted)] == [115, 100, 85]
    assert recorder.of(RestAdjusted)[-1].ends_at == pytest.approx(clock.monotonic() + 85)
    run_for(engine, clock, 84.9)
    assert engine.state is State.RESTING
    run_for(engine, clock, 0.1)
    assert engine.state is State.READY


def test_rest_cannot_go_below_zero_and_ends_at_zero(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    clock.advance(110)
    engine.tick()
    assert recorder.cues() == []
    assert engine.adjust_rest(-15) == 0
    # The count-in beeps were skipped (their moments had passed); "go" sounds now.
    assert recorder.cues() == [(CueKind.GO, None)]
    assert recorder.of(CueDue)[0].due_at == pytest.approx(clock.monotonic())
    assert engine.state is State.READY


def test_adding_time_late_in_the_rest_rearms_the_beeps(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    run_for(engine, clock, 118)                     # beeps at 3 and 2 s left have sounded
    assert recorder.cues() == [(CueKind.BEEP, 3), (CueKind.BEEP, 2)]
    engine.adjust_rest(15)                          # 17 s left
    recorder.clear()
    run_for(engine, clock, 17)
    assert recorder.cues() == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1), (CueKind.GO, None)]


def test_skip_rest(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    clock.advance(10)
    engine.skip_rest()
    assert engine.state is State.READY and engine.position == (0, 2, "both")
    assert recorder.cues() == []
    assert engine.next_due() is None


def test_no_rest_when_the_item_has_none(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl(rest_s=0))
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.state is State.READY and engine.position == (0, 2, "both")
    assert recorder.of(RestStarted) == []


def test_rest_between_exercises_shows_the_next_exercise(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl(sets=1), nordic())
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.state is State.RESTING
    assert recorder.of(RestStarted)[0].next_item_index == 1
    view = engine.view()
    assert view.item.name == "Romanian deadlift"          # the set just done ...
    assert view.next_up is not None and view.next_up.new_exercise   # ... and what follows
    assert view.next_up.item.slug == NORDIC_SLUG and view.next_up.set_number == 1
    run_for(engine, clock, 120)
    assert recorder.of(ExerciseChanged) == [ExerciseChanged(1, NORDIC_SLUG, "Nordic hamstring curl", 1)]
    assert engine.state is State.READY and engine.position == (1, 1, "both")


# --------------------------------------------------------------------------
# The log sheet
# --------------------------------------------------------------------------


def test_entry_for_set_fills_in_what_the_engine_knows(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, cable_curl())
    engine.start_set()
    engine.finish_set()
    entry = engine.entry_for_set()
    assert entry == SetEntry(exercise_slug="single-leg-cable-curl", set_number=1, side="left", reps=10,
                             load=15.0, load_unit="kg")
    changed = engine.entry_for_set(reps=9, load=35, load_unit="lb", rpe=7.5, notes="grip slipped")
    assert (changed.reps, changed.load, changed.load_unit, changed.rpe) == (9, 35, "lb", 7.5)
    assert engine.state is State.SET_DONE         # drafting changes nothing


def test_entry_for_set_refuses_bad_values_by_field(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl())
    engine.start_set()
    engine.finish_set()
    with pytest.raises(InvalidEntryError) as raised:
        engine.entry_for_set(reps=-1)
    assert raised.value.field == "reps"
    with pytest.raises(ValueError, match="side"):
        engine.entry_for_set(side="left")


def test_confirm_refuses_an_entry_for_another_set(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl())
    engine.start_set()
    engine.finish_set()
    other = SetEntry(exercise_slug="romanian-deadlift", set_number=2)
    with pytest.raises(ValueError, match="not the finished set"):
        engine.confirm_set(other)
    with pytest.raises(TypeError):
        engine.confirm_set(engine.entry_for_set(), reps=3)
    assert engine.state is State.SET_DONE


def test_confirm_with_changes_makes_the_entry(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl())
    engine.start_set()
    engine.finish_set()
    entry = engine.confirm_set(reps=8, load=62.5)
    assert (entry.reps, entry.load, entry.set_number) == (8, 62.5, 1)
    assert engine.state is State.RESTING


def test_discard_set_redoes_it(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl())
    engine.start_set()
    engine.finish_set()
    engine.discard_set()
    assert engine.state is State.READY and engine.position == (0, 1, "both")
    assert isinstance(recorder.events[-2], SetDiscarded)
    assert engine.view().progress[0].logged == 0


def test_undo_confirm_reopens_the_log_sheet(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    clock.advance(5)
    engine.undo_confirm()
    assert engine.state is State.SET_DONE and engine.next_due() is None
    (reopened,) = recorder.of(SetReopened)
    assert reopened.completed.set_number == 1
    assert engine.view().progress[0].logged == 0
    log_and_confirm(engine, reps=9)
    assert engine.state is State.RESTING and engine.view().remaining_s == 120


def test_undo_after_the_last_set_leaves_the_summary(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl(sets=1))
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.state is State.SUMMARY
    engine.undo_confirm()
    assert engine.state is State.SET_DONE
    log_and_confirm(engine)
    assert engine.state is State.SUMMARY


def test_undo_after_moving_on_goes_back_to_the_exercise(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl(sets=1), nordic())
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    run_for(engine, clock, 120)
    assert engine.position == (1, 1, "both")
    recorder.clear()
    engine.undo_confirm()
    assert engine.position == (0, 1, "both") and engine.state is State.SET_DONE
    assert recorder.of(ExerciseChanged) == [ExerciseChanged(0, "romanian-deadlift", "Romanian deadlift", 1)]


def test_undo_is_gone_once_the_next_set_starts(clock: FakeClock) -> None:
    engine, _ = rest_after_first_set(clock)
    engine.skip_rest()
    assert "undo_confirm" in engine.allowed()
    engine.start_set()
    assert "undo_confirm" not in engine.allowed()
    with pytest.raises(TransitionError):
        engine.undo_confirm()


# --------------------------------------------------------------------------
# One side at a time
# --------------------------------------------------------------------------


def test_a_one_side_item_runs_left_then_right_with_a_switch(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, cable_curl())
    logged: list[SetEntry] = []
    engine.start_set()
    assert engine.view().side == "left"
    clock.advance(25)
    engine.finish_set()
    log_and_confirm(engine, logged)

    assert engine.state is State.SWITCHING_SIDE
    assert recorder.of(SideSwitched) == [SideSwitched("right", 1, 5.0)]
    assert engine.position == (0, 1, "right") and engine.view().remaining_s == 5
    assert recorder.of(RestStarted) == []
    recorder.clear()
    run_for(engine, clock, 5)
    assert [(c.kind, c.count, round(c.due_at - clock.monotonic(), 6)) for c in recorder.of(CueDue)] == [
        (CueKind.BEEP, 3, -3), (CueKind.BEEP, 2, -2), (CueKind.BEEP, 1, -1), (CueKind.GO, None, 0)]
    # The right side starts by itself when the switch count ends.
    assert engine.state is State.SET_RUNNING and engine.view().side == "right"
    clock.advance(25)
    engine.finish_set()
    log_and_confirm(engine, logged)
    assert engine.state is State.RESTING                       # rest after both sides
    run_for(engine, clock, 90)
    assert engine.position == (0, 2, "left")
    assert [(e.set_number, e.side) for e in logged] == [(1, "left"), (1, "right")]


def test_the_switch_count_can_be_skipped_or_set(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, cable_curl(), switch_side_s=8)
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.view().remaining_s == 8
    assert "skip_rest" in engine.allowed()
    engine.skip_rest()
    assert engine.state is State.SET_RUNNING and engine.position == (0, 1, "right")


def test_without_a_switch_count_the_other_side_starts_at_once(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, cable_curl(), switch_side_s=0)
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.state is State.SET_RUNNING and engine.position == (0, 1, "right")
    assert recorder.of(SideSwitched)[0].switch_s == 0


# --------------------------------------------------------------------------
# Holds and timed efforts
# --------------------------------------------------------------------------

STRETCH_S = 6 * 10 + 5 * 5


def test_a_stretch_holds_and_relaxes_counting_holds(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, stretch())
    engine.start_set()
    assert engine.phase is Phase.HOLD and engine.view().rep == 1 and engine.view().rep_count == 6
    run_for(engine, clock, STRETCH_S)
    assert recorder.phases() == [(Phase.HOLD, 1), *[step for n in range(2, 7)
                                                    for step in ((Phase.RELAX, n - 1), (Phase.HOLD, n))]]
    relax_and_go = [(CueKind.RELAX, None), (CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1),
                    (CueKind.GO, None)]
    assert recorder.cues() == relax_and_go * 5 + [(CueKind.DONE, None)]
    assert engine.state is State.SET_DONE
    done = recorder.of(SetCompleted)[0]
    assert (done.reps, done.held_s, done.duration_s, done.side) == (6, 60, STRETCH_S, "left")
    entry = log_and_confirm(engine)
    assert (entry.reps, entry.duration_s) == (6, 60)
    assert engine.state is State.SWITCHING_SIDE
    run_for(engine, clock, 5 + STRETCH_S)
    assert engine.state is State.SET_DONE and engine.position == (0, 1, "right")
    log_and_confirm(engine)
    assert engine.state is State.SUMMARY


def test_a_stretch_stopped_mid_hold(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, stretch())
    engine.start_set()
    run_for(engine, clock, 10 + 5 + 4)
    engine.finish_set()
    done = recorder.of(SetCompleted)[0]
    assert (done.reps, done.held_s) == (1, 14)


def test_holds_without_relax_follow_each_other(clock: FakeClock) -> None:
    item = PlanItem(slug="glute-bridge", name="Glute bridge hold", kind=DoseKind.HOLD, sets=1, rest_s=0,
                    hold_s=20, holds=3)
    engine, recorder = engine_for(clock, item)
    engine.start_set()
    run_for(engine, clock, 60)
    assert recorder.phases() == [(Phase.HOLD, 1), (Phase.HOLD, 2), (Phase.HOLD, 3)]
    assert recorder.cues() == [(CueKind.GO, None), (CueKind.GO, None), (CueKind.DONE, None)]
    assert recorder.of(SetCompleted)[0].reps == 3


def test_a_light_jog_counts_down_five_minutes(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(warm_up=[jog()]), clock)
    recorder = Recorder(engine)
    engine.start_set()
    assert engine.phase is Phase.WORK
    assert engine.view().remaining_s == 300 and engine.view().rep is None
    poll_for(engine, clock, 150)
    assert engine.view().remaining_s == pytest.approx(150)
    poll_for(engine, clock, 150)
    assert recorder.cues() == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1), (CueKind.DONE, None)]
    assert engine.state is State.SET_DONE
    entry = log_and_confirm(engine)
    assert entry.duration_s == pytest.approx(300) and entry.reps is None and entry.set_type == "warmup"
    assert engine.state is State.SUMMARY


# --------------------------------------------------------------------------
# Pause
# --------------------------------------------------------------------------


def test_pause_freezes_the_rest(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    clock.advance(60)
    engine.pause()
    assert engine.paused and engine.state is State.RESTING
    assert engine.allowed() == {"resume", "end"}
    assert engine.next_due() is None
    clock.advance(600)
    engine.tick()
    assert engine.view().remaining_s == pytest.approx(60) and engine.view().paused
    assert recorder.cues() == []
    with pytest.raises(TransitionError, match="paused"):
        engine.skip_rest()
    engine.resume()
    assert engine.next_due() == pytest.approx(clock.monotonic() + 57)
    run_for(engine, clock, 60)
    assert engine.state is State.READY
    assert [type(e) for e in recorder.events[:2]] == [Paused, Resumed]


def test_pause_freezes_the_lowering_and_its_descent(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, nordic())
    engine.start_set()
    run_for(engine, clock, 3 + 2)
    engine.pause()
    clock.advance(30)
    engine.tick()
    assert engine.mark_break_point() is None      # not while paused
    engine.resume()
    clock.advance(1.5)
    assert engine.mark_break_point() == pytest.approx(3.5)
    assert engine.view().elapsed_s == pytest.approx(3 + 3.5)


def test_pause_in_a_plain_set_stops_its_stopwatch(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl())
    engine.start_set()
    clock.advance(10)
    engine.pause()
    clock.advance(50)
    engine.resume()
    clock.advance(5)
    engine.finish_set()
    assert recorder.of(SetCompleted)[0].duration_s == pytest.approx(15)


def test_pause_on_the_log_sheet_keeps_the_set_as_it_was(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl())
    engine.start_set()
    clock.advance(10)
    engine.finish_set()
    engine.pause()
    clock.advance(50)
    engine.resume()
    assert engine.state is State.SET_DONE
    assert engine.entry_for_set().reps == 10


def test_end_from_pause_goes_to_the_summary(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock)
    engine.pause()
    engine.end()
    assert engine.state is State.SUMMARY and not engine.paused
    (finished,) = recorder.of(SessionFinished)
    assert (finished.sets_logged, finished.sets_planned, finished.ended_early) == (1, 3, True)
    assert finished.unlogged is None
    assert engine.allowed() == frozenset()
    assert engine.next_due() is None


def test_end_from_the_log_sheet_hands_over_the_unlogged_set(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl())
    engine.start_set()
    engine.finish_set()
    engine.end()
    (finished,) = recorder.of(SessionFinished)
    assert finished.unlogged is not None and finished.unlogged.set_number == 1
    assert finished.sets_logged == 0


# --------------------------------------------------------------------------
# A stalled consumer
# --------------------------------------------------------------------------


def test_a_stalled_consumer_causes_no_drift_in_the_rest(clock: FakeClock) -> None:
    engine, recorder = rest_after_first_set(clock, rdl(rest_s=90))
    start = clock.monotonic()
    deadline = start + 90
    poll_for(engine, clock, 80)
    clock.advance(7.3)                       # the event loop stalls
    engine.tick()
    assert engine.view().remaining_s == pytest.approx(deadline - clock.monotonic(), abs=1e-9)
    assert [(c.kind, c.due_at) for c in recorder.of(CueDue)] == [(CueKind.BEEP, pytest.approx(start + 87))]
    clock.advance(7.3)                       # and again, past the end
    engine.tick()
    cues = recorder.of(CueDue)
    assert [(c.kind, c.count) for c in cues] == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1),
                                                 (CueKind.GO, None)]
    assert [c.due_at - start for c in cues] == pytest.approx([87, 88, 89, 90])
    assert engine.state is State.READY


def test_a_stalled_consumer_causes_no_drift_in_a_cued_set(clock: FakeClock) -> None:
    """Phases that ended during the stall are replayed at their true moments,
    so the phase under way when the consumer wakes ends exactly on time."""
    engine, recorder = engine_for(clock, nordic())
    start = clock.monotonic()
    engine.start_set()
    clock.advance(7.3)
    engine.tick()
    assert engine.phase is Phase.LOWERING
    assert engine.view().remaining_s == pytest.approx(start + 8 - clock.monotonic(), abs=1e-9)
    cues = recorder.of(CueDue)
    assert [(c.kind, c.count) for c in cues] == [
        (CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1), (CueKind.GO, None),
        (CueKind.TICK, 1), (CueKind.TICK, 2), (CueKind.TICK, 3), (CueKind.TICK, 4)]
    assert [c.due_at - start for c in cues] == pytest.approx([0, 1, 2, 3, 4, 5, 6, 7])
    # A stall across several whole reps: the set still ends on the second.
    clock.advance(4 * REP_S + 7.3)
    engine.tick()
    assert engine.state is State.SET_DONE
    done = recorder.of(SetCompleted)[0]
    assert done.duration_s == pytest.approx(5 * REP_S)
    assert done.descents_s == (5.0,) * 5
    due = [c.due_at for c in recorder.of(CueDue)]
    assert due == sorted(due) and len(due) == 5 * 9 + 1


def test_a_break_point_press_after_a_stall_comes_too_late(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, nordic())
    engine.start_set()
    clock.advance(3 + 5 + 0.5)     # the lowering ended while nobody looked
    assert engine.mark_break_point() is None
    assert engine.view().descents_s == (5.0,)


# --------------------------------------------------------------------------
# Moving between exercises
# --------------------------------------------------------------------------


def test_next_and_previous_exercise(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl(), nordic(), cable_curl())
    assert "previous_exercise" not in engine.allowed()
    engine.start_set()
    engine.next_exercise()                              # drops the running set
    assert engine.state is State.READY and engine.position == (1, 1, "both")
    assert recorder.of(ExerciseChanged)[-1].exercise_slug == NORDIC_SLUG
    engine.next_exercise()
    assert engine.position == (2, 1, "left")
    assert "next_exercise" not in engine.allowed()
    with pytest.raises(TransitionError):
        engine.next_exercise()
    engine.previous_exercise()
    engine.previous_exercise()
    assert engine.position == (0, 1, "both") and engine.view().progress[0].logged == 0


def test_going_back_resumes_at_the_first_set_not_logged(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl(), nordic())
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    engine.next_exercise()                                # from the rest
    assert engine.position == (1, 1, "both") and engine.next_due() is None
    engine.previous_exercise()
    assert engine.position == (0, 2, "both")


def test_going_back_to_a_finished_exercise_adds_an_extra_set(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl(sets=1, rest_s=0), nordic())
    engine.start_set()
    engine.finish_set()
    log_and_confirm(engine)
    assert engine.position == (1, 1, "both")
    engine.previous_exercise()
    assert engine.position == (0, 2, "both")
    assert engine.view().set_number == 2 and engine.view().set_count == 1
    engine.start_set()
    engine.finish_set()
    assert engine.entry_for_set().set_number == 2
    log_and_confirm(engine)
    assert engine.position == (1, 1, "both")


def test_skipped_exercises_are_not_revisited_at_the_end(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl(sets=1), nordic(sets=1))
    engine.next_exercise()
    engine.start_set()
    run_for(engine, clock, 5 * REP_S)
    log_and_confirm(engine)
    assert engine.state is State.SUMMARY
    finished = recorder.of(SessionFinished)[0]
    assert (finished.sets_logged, finished.sets_planned, finished.ended_early) == (1, 2, False)


def test_no_moving_away_from_an_open_log_sheet(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, rdl(), nordic())
    engine.start_set()
    engine.finish_set()
    assert "next_exercise" not in engine.allowed()
    with pytest.raises(TransitionError):
        engine.next_exercise()


# --------------------------------------------------------------------------
# A mixed session from start to summary
# --------------------------------------------------------------------------


class FakeStore:
    """Records logged entries and what the engine had announced when each was written."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.entries: list[SetEntry] = []
        self.rests_started_before: list[int] = []

    def log_set(self, entry: SetEntry) -> None:
        self.entries.append(entry)
        self.rests_started_before.append(len(self.recorder.of(RestStarted)))


def drive_to_summary(engine: SessionEngine, clock: FakeClock, store: FakeStore,
                     plain_set_s: float = 40) -> None:
    """Do what an athlete at the keyboard does until the summary."""
    for _ in range(1000):
        state = engine.state
        if state is State.SUMMARY:
            return
        if state is State.READY:
            engine.start_set()
        elif state is State.SET_DONE:
            entry = engine.entry_for_set()
            store.log_set(entry)                # written first ...
            engine.confirm_set(entry)           # ... then the rest starts
        elif engine.next_due() is None:         # a plain set: the athlete presses Space when done
            clock.advance(plain_set_s)
            engine.finish_set()
        else:                                   # wait for what is due next
            due = engine.next_due()
            assert due is not None
            clock.advance(max(0.0, due - clock.monotonic()))
            engine.tick()
    raise AssertionError("the session never ended")


def test_a_mixed_session_from_start_to_summary(clock: FakeClock, catalog: Catalog) -> None:
    plan = SessionPlan.of(
        "Mixed",
        warm_up=[item_from_exercise(catalog.get("light-jog")), item_from_exercise(catalog.get("leg-swings"))],
        main=[item_from_exercise(catalog.get("single-leg-deadlift")),
              item_from_exercise(catalog.get("stiff-leg-deadlift"), target_load_kg=100),
              item_from_exercise(catalog.get(NORDIC_SLUG))],
        cool_down=[item_from_exercise(catalog.get("standing-hamstring-stretch"))],
    )
    engine = SessionEngine(plan, clock)
    recorder = Recorder(engine)
    store = FakeStore(recorder)
    drive_to_summary(engine, clock, store)

    expected = [("light-jog", 1, "both"), ("leg-swings", 1, "left"), ("leg-swings", 1, "right"),
                ("single-leg-deadlift", 1, "left"), ("single-leg-deadlift", 1, "right"),
                ("single-leg-deadlift", 2, "left"), ("single-leg-deadlift", 2, "right"),
                ("stiff-leg-deadlift", 1, "both"), ("stiff-leg-deadlift", 2, "both"),
                ("stiff-leg-deadlift", 3, "both"),
                (NORDIC_SLUG, 1, "both"), (NORDIC_SLUG, 2, "both"),
                ("standing-hamstring-stretch", 1, "left"), ("standing-hamstring-stretch", 1, "right")]
    assert [(e.exercise_slug, e.set_number, e.side) for e in store.entries] == expected
    assert [e.set_type for e in store.entries[:3]] == ["warmup"] * 3
    assert all(e.set_type == "working" for e in store.entries[3:])
    assert {e.load for e in store.entries if e.exercise_slug == "stiff-leg-deadlift"} == {100.0}
    assert store.entries[0].duration_s == pytest.approx(300)
    assert store.entries[-1].reps == 6 and store.entries[-1].duration_s == 60
    assert all(e.descent_s == (5.0,) * 5 for e in store.entries if e.exercise_slug == NORDIC_SLUG)

    # Every set was written before the rest that follows it began.
    rests = recorder.of(RestStarted)
    assert [r.rest_s for r in rests] == [60, 60, 180, 180, 180, 90, 90]
    assert store.rests_started_before == [0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 7]
    assert len(recorder.of(SideSwitched)) == 4      # leg swings, 2 x single-leg deadlift, stretch
    assert [e.exercise_slug for e in recorder.of(ExerciseChanged)] == [
        "leg-swings", "single-leg-deadlift", "stiff-leg-deadlift", NORDIC_SLUG, "standing-hamstring-stretch"]
    (finished,) = recorder.of(SessionFinished)
    assert (finished.sets_logged, finished.sets_planned, finished.ended_early) == (14, 14, False)
    assert engine.view().sets_logged == engine.view().sets_planned == 14
    assert recorder.states()[-1] is State.SUMMARY


# --------------------------------------------------------------------------
# Time scale
# --------------------------------------------------------------------------


def test_a_nordic_set_and_its_rest_at_ten_times_speed(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[nordic()]), ScaledClock(clock, 10))
    recorder = Recorder(engine)
    engine.start_set()
    poll_for(engine, clock, 5 * REP_S / 10, step=0.01)
    assert engine.state is State.SET_DONE
    assert recorder.of(SetCompleted)[0].duration_s == pytest.approx(5 * REP_S, abs=0.2)
    log_and_confirm(engine)
    poll_for(engine, clock, 8.9, step=0.01)
    assert engine.state is State.RESTING
    poll_for(engine, clock, 0.11, step=0.01)
    assert engine.state is State.READY
    assert recorder.cues()[-4:] == [(CueKind.BEEP, 3), (CueKind.BEEP, 2), (CueKind.BEEP, 1),
                                    (CueKind.GO, None)]


# --------------------------------------------------------------------------
# Listeners
# --------------------------------------------------------------------------


def test_a_broken_listener_does_not_starve_the_others(clock: FakeClock) -> None:
    engine, recorder = engine_for(clock, rdl())

    def broken(event: Event) -> None:
        raise RuntimeError("listener bug")

    engine.subscribe(broken)
    later = Recorder(engine)
    with pytest.raises(RuntimeError, match="listener bug"):
        engine.start_set()
    assert engine.state is State.SET_RUNNING
    assert later.states() == [State.SET_RUNNING] and recorder.states() == [State.SET_RUNNING]


def test_a_listener_may_call_the_engine_back(clock: FakeClock) -> None:
    """E.g. a screen that confirms at once: its events follow the current ones, in order."""
    engine, recorder = engine_for(clock, rdl())

    def confirm_at_once(event: Event) -> None:
        if isinstance(event, StateChanged) and event.state is State.SET_DONE:
            engine.confirm_set()

    engine.subscribe(confirm_at_once)
    engine.start_set()
    engine.finish_set()
    assert engine.state is State.RESTING
    assert recorder.states() == [State.SET_RUNNING, State.SET_DONE, State.RESTING]


def test_unsubscribe(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[rdl()]), clock)
    seen: list[Event] = []
    unsubscribe = engine.subscribe(seen.append)
    engine.start_set()
    unsubscribe()
    unsubscribe()
    engine.finish_set()
    assert len(seen) == 2


def test_each_set_runs_its_own_rep_target_and_the_last_can_be_a_drop_set(clock: FakeClock) -> None:
    """The Nordic program's 12, 10, 8 (here 3, 2, 1), and a drop set to finish."""
    engine, recorder = engine_for(clock, nordic(sets=3, reps=3, reps_per_set=(3, 2, 1),
                                                drop_last=True))
    done: list[SetCompleted] = []
    for _ in range(3):
        engine.start_set()
        while engine.state is State.SET_RUNNING:
            run_for(engine, clock, REP_S)
        done.append(recorder.of(SetCompleted)[-1])
        engine.confirm_set()
        if engine.state is State.RESTING:
            engine.skip_rest()
    assert [(d.set_number, d.reps, d.set_type) for d in done] == \
        [(1, 3, "working"), (2, 2, "working"), (3, 1, "drop")]


def test_per_set_targets_are_checked() -> None:
    with pytest.raises(ValueError, match="reps_per_set"):
        nordic(reps_per_set=(12, 0))
    with pytest.raises(ValueError, match="reps_per_set"):
        PlanItem(slug="x", name="X", kind=DoseKind.HOLD, sets=1, rest_s=0, hold_s=10, holds=1,
                 reps_per_set=(5,))

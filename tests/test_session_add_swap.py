"""Adding an exercise during a session (A) and swapping the one at hand (W):
every logged set keeps its place, the saved session resumes with the new
plan, and in the window both go through a small Library picker."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.clock import FakeClock
from app.paths import AppPaths
from app.session.engine import SessionEngine, TransitionError
from app.session.events import ExerciseChanged, State
from app.session.plan import PlanItem, SessionPlan
from app.ui.alerts import RecordingAlerts
from app.ui.application import GuiSession
from app.ui.session.saved import load_saved_session
from app.ui.session_host import saved_session_path

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def bridge(sets: int = 2, rest_s: float = 60) -> PlanItem:
    return PlanItem(slug="glute-bridge", name="Glute bridge", kind="reps", sets=sets, rest_s=rest_s,
                    reps=(10, 10))


def deadlift() -> PlanItem:
    return PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind="reps", sets=3, rest_s=90,
                    reps=(8, 8), target_load_kg=60)


def curl() -> PlanItem:
    return PlanItem(slug="single-leg-cable-curl", name="Single-leg cable curl", kind="reps", sets=2,
                    rest_s=60, reps=(10, 10), sides="left-right")


def swing() -> PlanItem:
    return PlanItem(slug="leg-swings", name="Leg swings", kind="reps", sets=1, rest_s=0, reps=(10, 10))


def log_one(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_set()
    clock.advance(20)
    engine.finish_set()
    engine.confirm_set(engine.entry_for_set())


def restored(engine: SessionEngine) -> SessionEngine:
    """Through JSON, as the saved-session file keeps it, on another clock."""
    plan = SessionPlan.from_dict(json.loads(json.dumps(engine.plan.to_dict())))
    snapshot: dict[str, Any] = json.loads(json.dumps(engine.snapshot()))
    return SessionEngine.restore(snapshot, plan, FakeClock(monotonic=9_000.0))


def test_an_added_exercise_comes_after_the_one_at_hand_and_logged_sets_stay(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[bridge(), deadlift()]), clock)
    log_one(engine, clock)                      # bridge set 1: resting before set 2
    assert engine.state is State.RESTING
    index = engine.add_item(curl())
    assert index == 1
    assert [i.slug for i in engine.plan.items] == ["glute-bridge", "single-leg-cable-curl",
                                                   "romanian-deadlift"]
    assert engine.view().progress[0].logged == 1
    assert engine.snapshot()["logged"] == [[0, 1, "both"]]
    engine.skip_rest()
    log_one(engine, clock)                      # bridge set 2: the rest leads to the added curl
    assert engine.view().next_up is not None
    assert engine.view().next_up.item.slug == "single-leg-cable-curl"
    assert [p.logged for p in engine.view().progress] == [2, 0, 0]


def test_adding_while_resting_toward_the_next_exercise_makes_the_rest_lead_to_the_new_one(
        clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[bridge(sets=1), deadlift()]), clock)
    log_one(engine, clock)
    assert engine.view().next_up is not None and engine.view().next_up.item.slug == "romanian-deadlift"
    engine.add_item(curl())
    assert engine.view().next_up is not None
    assert engine.view().next_up.item.slug == "single-leg-cable-curl"
    engine.skip_rest()
    assert engine.state is State.READY and engine.position == (1, 1, "left")


def test_work_added_during_the_warm_up_starts_the_main_block_and_is_not_a_warm_up_set(
        clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(warm_up=[swing()], main=[deadlift()]), clock)
    engine.add_item(bridge(), block="main")
    assert [(b.name, [i.slug for i in b.items]) for b in engine.plan.blocks] == [
        ("warm-up", ["leg-swings"]), ("main", ["glute-bridge", "romanian-deadlift"])]
    warm = SessionEngine(SessionPlan.of(warm_up=[swing()]), clock)
    warm.add_item(bridge(), block="main")
    assert [b.name for b in warm.plan.blocks] == ["warm-up", "main"]
    log_one(warm, clock)                        # the swing (no rest) leads straight to the bridge
    assert warm.current_item.slug == "glute-bridge"
    warm.start_set()
    clock.advance(10)
    warm.finish_set()
    assert warm.entry_for_set().set_type == "working"


def test_swapping_an_exercise_with_nothing_logged_replaces_it_in_place(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[deadlift(), bridge()]), clock)
    events: list[object] = []
    engine.subscribe(events.append)
    index = engine.swap_current(curl())
    assert index == 0
    assert [i.slug for i in engine.plan.items] == ["single-leg-cable-curl", "glute-bridge"]
    assert engine.position == (0, 1, "left")    # the new exercise's own sides
    assert any(isinstance(e, ExerciseChanged) and e.exercise_slug == "single-leg-cable-curl" for e in events)


def test_swapping_after_sets_were_logged_keeps_them_and_goes_on_with_the_new_one(
        clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[deadlift(), bridge()]), clock)
    log_one(engine, clock)
    engine.skip_rest()
    log_one(engine, clock)                      # two of three deadlift sets, resting
    index = engine.swap_current(curl())
    assert index == 1
    items = engine.plan.items
    assert [i.slug for i in items] == ["romanian-deadlift", "single-leg-cable-curl", "glute-bridge"]
    assert items[0].sets == 2                   # what was done of it
    assert engine.snapshot()["logged"] == [[0, 1, "both"], [0, 2, "both"]]
    assert engine.view().next_up is not None
    assert engine.view().next_up.item.slug == "single-leg-cable-curl"
    engine.skip_rest()
    assert engine.position == (1, 1, "left")
    again = restored(engine)
    assert [i.slug for i in again.plan.items] == [i.slug for i in items]
    assert again.position == (1, 1, "left") and [p.logged for p in again.view().progress] == [2, 0, 0]


def test_an_undo_after_an_add_reopens_the_right_set(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[bridge(), deadlift()]), clock)
    log_one(engine, clock)
    engine.add_item(swing())
    engine.undo_confirm()
    assert engine.state is State.SET_DONE and engine.position == (0, 1, "both")
    assert engine.entry_for_set().exercise_slug == "glute-bridge"


def test_the_plan_cannot_change_during_a_set_or_paused(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[bridge()]), clock)
    engine.start_set()
    assert not engine.can_change_plan()
    with pytest.raises(TransitionError):
        engine.add_item(deadlift())
    engine.finish_set()
    with pytest.raises(TransitionError):
        engine.swap_current(deadlift())
    engine.confirm_set(engine.entry_for_set())
    engine.pause()
    with pytest.raises(TransitionError):
        engine.add_item(deadlift())
    engine.resume()
    assert engine.can_change_plan()
    assert [i.slug for i in engine.plan.items] == ["glute-bridge"]


def test_a_snapshot_after_an_add_resumes_with_the_added_exercise(clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[deadlift(), bridge()]), clock)
    log_one(engine, clock)
    engine.add_item(curl())
    again = restored(engine)
    assert [i.slug for i in again.plan.items] == ["romanian-deadlift", "single-leg-cable-curl",
                                                  "glute-bridge"]
    assert again.state is State.RESTING
    assert again.snapshot()["logged"] == [[0, 1, "both"]]
    with pytest.raises(ValueError, match="another plan"):   # the old plan no longer fits
        SessionEngine.restore(engine.snapshot(), SessionPlan.of(main=[deadlift(), bridge()]), clock)

"""Adding an exercise during a session (A) and swapping the one at hand (W):
every logged set keeps its place, the saved session resumes with the new
plan, and in the window both go through a small Library picker."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.session.engine import SessionEngine, TransitionError
from app.session.events import ExerciseChanged, State
from app.session.plan import PlanItem, SessionPlan
from app.session.saved import load_saved_session
from app.ui.base.alerts import RecordingAlerts
from app.ui.session.keys import KEY_HELP
from app.ui.session.session_host import saved_session_path
from app.ui.shell.application import GuiSession
from helpers.coaching_log import answer_readiness

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


def bridge(sets: int = 2, rest_s: float = 60) -> PlanItem:
    return PlanItem(slug="glute-bridge", name="Glute bridge", kind=DoseKind.REPS, sets=sets, rest_s=rest_s,
                    reps=(10, 10))


def deadlift() -> PlanItem:
    return PlanItem(slug="romanian-deadlift", name="Romanian deadlift", kind=DoseKind.REPS, sets=3, rest_s=90,
                    reps=(8, 8), target_load_kg=60)


def curl() -> PlanItem:
    return PlanItem(slug="single-leg-cable-curl", name="Single-leg cable curl", kind=DoseKind.REPS, sets=2,
                    rest_s=60, reps=(10, 10), sides="left-right")


def swing() -> PlanItem:
    return PlanItem(slug="leg-swings", name="Leg swings", kind=DoseKind.REPS, sets=1, rest_s=0, reps=(10, 10))


def next_slug(engine: SessionEngine) -> str | None:
    """The exercise of what comes next (None: nothing)."""
    up = engine.view().next_up
    return None if up is None else up.item.slug


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
    assert next_slug(engine) == "single-leg-cable-curl"
    assert [p.logged for p in engine.view().progress] == [2, 0, 0]


def test_adding_while_resting_toward_the_next_exercise_makes_the_rest_lead_to_the_new_one(
        clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(main=[bridge(sets=1), deadlift()]), clock)
    log_one(engine, clock)
    assert next_slug(engine) == "romanian-deadlift"
    engine.add_item(curl())
    assert next_slug(engine) == "single-leg-cable-curl"
    engine.skip_rest()
    assert engine.state is State.READY and engine.position == (1, 1, "left")


def test_work_added_during_the_warm_up_starts_the_main_block_and_is_not_a_warm_up_set(
        clock: FakeClock) -> None:
    engine = SessionEngine(SessionPlan.of(warm_up=[swing()], main=[deadlift()]), clock)
    engine.add_item(bridge(), block="main")
    assert [(b.name, [i.slug for i in b.items]) for b in engine.plan.blocks] == [
        ("warmup", ["leg-swings"]), ("main", ["glute-bridge", "romanian-deadlift"])]
    warm = SessionEngine(SessionPlan.of(warm_up=[swing()]), clock)
    warm.add_item(bridge(), block="main")
    assert [b.name for b in warm.plan.blocks] == ["warmup", "main"]
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
    assert next_slug(engine) == "single-leg-cable-curl"
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


# -- in the window: A and W open the Library picker ---------------------------------------------


def _log_a_set(qtbot: QtBot, host: object, clock: FakeClock) -> None:
    controller = host.controller  # type: ignore[attr-defined]
    screen = host.screen  # type: ignore[attr-defined]
    qtbot.keyClick(screen, Qt.Key.Key_Space)     # start the set
    clock.advance(20)
    qtbot.keyClick(screen, Qt.Key.Key_Space)     # finish it
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(screen.sheet.reps_edit, Qt.Key.Key_Return)


def _pick(qtbot: QtBot, host: object, key: Qt.Key, typed: str) -> None:
    qtbot.keyClick(host.screen, key)  # type: ignore[attr-defined]
    picker = host.picker  # type: ignore[attr-defined]
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.picker.search, typed)
    qtbot.keyClick(picker.picker.search, Qt.Key.Key_Return)
    assert host.picker is None  # type: ignore[attr-defined]


def _sets_in_log(paths: AppPaths, clock: FakeClock) -> list[tuple[str, int]]:
    from app.storage.store import Store

    store, _ = Store.open(paths, clock)
    try:
        [session] = store.list_sessions()
        return [(s.exercise_slug, s.set_number) for s in store.sets_of_session(session.id)]
    finally:
        store.close()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_add_and_swap_in_the_window_keep_every_set_and_resume_with_the_new_plan(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    first = GuiSession(paths, RecordingAlerts(), clock)
    qtbot.addWidget(first.window)
    with qtbot.waitSignal(first.window.log_ready, timeout=20000):
        first.start()
    window = first.window
    assert window.start_exercise("romanian-deadlift")
    answer_readiness(qtbot, window)
    host = window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    qtbot.waitUntil(lambda: controller.session_id is not None, timeout=20000)
    _log_a_set(qtbot, host, clock)               # set 1 of 3 is on disk; resting
    assert controller.engine.state is State.RESTING

    _pick(qtbot, host, Qt.Key.Key_A, "glute bridge")
    assert [i.slug for i in controller.engine.plan.items] == ["romanian-deadlift", "glute-bridge"]
    added = controller.engine.plan.items[1]
    assert added.sets == window.catalog().get("glute-bridge").prescription.sets   # its usual dose

    _pick(qtbot, host, Qt.Key.Key_W, "nordic")   # the deadlift's next sets: Nordics instead
    assert [i.slug for i in controller.engine.plan.items] == [
        "romanian-deadlift", "nordic-hamstring-curl", "glute-bridge"]
    assert controller.engine.plan.items[0].sets == 1    # the one set done stays, as done
    view = controller.engine.view()
    assert view.next_up is not None and view.next_up.item.slug == "nordic-hamstring-curl"
    assert {"A", "W"} <= {key for key, _what in KEY_HELP}   # both on the ? sheet

    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    saved = load_saved_session(saved_session_path(paths))
    assert saved is not None
    assert [i.slug for i in saved.plan.items] == ["romanian-deadlift", "nordic-hamstring-curl",
                                                  "glute-bridge"]
    assert saved.snapshot["logged"] == [[0, 1, "both"]]
    assert _sets_in_log(paths, clock) == [("romanian-deadlift", 1)]
    window.close()                               # "the battery dies"

    second = GuiSession(paths, RecordingAlerts(confirm_answer=True), clock)
    qtbot.addWidget(second.window)
    with qtbot.waitSignal(second.window.log_ready, timeout=20000):
        second.start()
    resumed = second.window.session
    assert resumed is not None and resumed.controller is not None
    engine = resumed.controller.engine
    assert [i.slug for i in engine.plan.items] == ["romanian-deadlift", "nordic-hamstring-curl",
                                                   "glute-bridge"]
    if engine.paused:
        qtbot.keyClick(resumed.screen, Qt.Key.Key_Escape)   # resume
    if engine.state is State.RESTING:
        qtbot.keyClick(resumed.screen, Qt.Key.Key_S)        # skip the rest
    assert engine.state is State.READY and engine.current_item.slug == "nordic-hamstring-curl"
    qtbot.waitUntil(lambda: not resumed.controller.writes_pending, timeout=20000)  # type: ignore[union-attr]
    engine.start_set()
    clock.advance(120)                           # the cued Nordic reps run out by themselves
    resumed.controller.tick()
    assert engine.state is State.SET_DONE
    with qtbot.waitSignal(resumed.controller.set_logged, timeout=20000):
        qtbot.keyClick(resumed.screen.sheet.reps_edit, Qt.Key.Key_Return)
    assert _sets_in_log(paths, clock) == [("romanian-deadlift", 1), ("nordic-hamstring-curl", 1)]


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_and_w_do_nothing_during_a_set(qtbot: QtBot, clock: FakeClock,
                                         open_window: Callable[[], GuiSession]) -> None:
    window = open_window().window
    assert window.start_exercise("glute-bridge")
    answer_readiness(qtbot, window)
    host = window.session
    assert host is not None and host.controller is not None
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)     # a set is running
    qtbot.keyClick(host.screen, Qt.Key.Key_A)
    qtbot.keyClick(host.screen, Qt.Key.Key_W)
    assert host.picker is None
    assert [i.slug for i in host.controller.engine.plan.items] == ["glute-bridge"]

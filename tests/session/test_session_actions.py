"""The engine's Action vocabulary: allowed() answers in members, and each
member's value is the name of the engine method that does it (the session
screen's action table calls them by it)."""

from __future__ import annotations

import inspect

from app.kernel.clock import FakeClock
from app.session.engine import SessionEngine
from app.session.events import Action, State
from helpers.engine import engine_for, nordic


def test_stored_values() -> None:
    assert [action.value for action in Action] == [
        "start_set", "quick_log", "finish_set", "mark_break_point", "confirm_set", "discard_set",
        "adjust_rest", "skip_rest", "next_exercise", "previous_exercise", "pause", "resume", "end",
        "undo_confirm"]


def test_each_action_names_an_engine_method() -> None:
    for action in Action:
        assert inspect.isfunction(getattr(SessionEngine, action.value)), action


def test_allowed_answers_in_members(clock: FakeClock) -> None:
    engine, _ = engine_for(clock, nordic())
    allowed = engine.allowed()
    assert allowed == {Action.START_SET, Action.QUICK_LOG, Action.PAUSE, Action.END}
    assert all(type(action) is Action for action in allowed)
    engine.pause()
    assert engine.allowed() == {Action.RESUME, Action.END}
    engine.resume()
    engine.start_set()
    assert engine.state is State.SET_RUNNING and Action.FINISH_SET in engine.allowed()

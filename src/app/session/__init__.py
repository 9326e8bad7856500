"""The guided session, without Qt: plan, timers, tempo maths and the engine.

    plan = plan_from_exercise(catalog.get("nordic-hamstring-curl"))
    engine = SessionEngine(plan, clock)
    engine.subscribe(print)
    engine.start_set()
    engine.tick()          # often, or at engine.next_due()

The names below load on first use (as in ``app.figure``): importing one
module of the package, say ``app.session.events`` to read a saved session's
state, must not pay for the whole engine (~30 ms at start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.session.engine import REST_STEP_S, SessionEngine, TransitionError
    from app.session.events import (
        BreakPointMarked,
        CueDue,
        CueKind,
        Event,
        ExerciseChanged,
        Paused,
        Phase,
        PhaseChanged,
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
    from app.session.plan import (
        PlanBlock,
        PlanItem,
        SessionPlan,
        item_from_exercise,
        plan_from_exercise,
    )
    from app.session.tempo import Tempo, descent_stats, parse_tempo
    from app.session.timing import Countdown, ScaledClock, Stopwatch, parse_time_scale
    from app.session.view import ItemProgress, NextUp, SessionView

_EXPORTS = {
    "BreakPointMarked": "app.session.events",
    "Countdown": "app.session.timing",
    "CueDue": "app.session.events",
    "CueKind": "app.session.events",
    "Event": "app.session.events",
    "ExerciseChanged": "app.session.events",
    "ItemProgress": "app.session.view",
    "NextUp": "app.session.view",
    "Paused": "app.session.events",
    "Phase": "app.session.events",
    "PhaseChanged": "app.session.events",
    "PlanBlock": "app.session.plan",
    "PlanItem": "app.session.plan",
    "REST_STEP_S": "app.session.engine",
    "RestAdjusted": "app.session.events",
    "RestStarted": "app.session.events",
    "Resumed": "app.session.events",
    "ScaledClock": "app.session.timing",
    "SessionEngine": "app.session.engine",
    "SessionFinished": "app.session.events",
    "SessionPlan": "app.session.plan",
    "SessionView": "app.session.view",
    "SetCompleted": "app.session.events",
    "SetDiscarded": "app.session.events",
    "SetReopened": "app.session.events",
    "SideSwitched": "app.session.events",
    "State": "app.session.events",
    "StateChanged": "app.session.events",
    "Stopwatch": "app.session.timing",
    "Tempo": "app.session.tempo",
    "TransitionError": "app.session.engine",
    "descent_stats": "app.session.tempo",
    "item_from_exercise": "app.session.plan",
    "parse_tempo": "app.session.tempo",
    "parse_time_scale": "app.session.timing",
    "plan_from_exercise": "app.session.plan",
}

__all__ = [
    "REST_STEP_S",
    "BreakPointMarked",
    "Countdown",
    "CueDue",
    "CueKind",
    "Event",
    "ExerciseChanged",
    "ItemProgress",
    "NextUp",
    "Paused",
    "Phase",
    "PhaseChanged",
    "PlanBlock",
    "PlanItem",
    "RestAdjusted",
    "RestStarted",
    "Resumed",
    "ScaledClock",
    "SessionEngine",
    "SessionFinished",
    "SessionPlan",
    "SessionView",
    "SetCompleted",
    "SetDiscarded",
    "SetReopened",
    "SideSwitched",
    "State",
    "StateChanged",
    "Stopwatch",
    "Tempo",
    "TransitionError",
    "descent_stats",
    "item_from_exercise",
    "parse_tempo",
    "parse_time_scale",
    "plan_from_exercise",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'app.session' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

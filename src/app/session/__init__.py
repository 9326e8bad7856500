"""The guided session, without Qt: plan, timers, tempo maths and the engine.

    plan = plan_from_exercise(catalog.get("nordic-hamstring-curl"))
    engine = SessionEngine(plan, clock)
    engine.subscribe(print)
    engine.start_set()
    engine.tick()          # often, or at engine.next_due()
"""

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

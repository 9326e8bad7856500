"""An engine on a fake clock, a Nordic plan item and a way to run time forward."""

from __future__ import annotations

from typing import Any, TypeVar

from app.kernel.clock import FakeClock
from app.session.engine import SessionEngine
from app.session.events import (
    CueDue,
    CueKind,
    Event,
    Phase,
    PhaseChanged,
    State,
    StateChanged,
)
from app.session.plan import NORDIC_SLUG, PlanItem, SessionPlan
from app.session.tempo import Tempo

E = TypeVar("E")


class Recorder:
    """Keeps every event an engine sends."""

    def __init__(self, engine: SessionEngine) -> None:
        self.events: list[Event] = []
        engine.subscribe(self.events.append)

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    def cues(self) -> list[tuple[CueKind, int | None]]:
        return [(c.kind, c.count) for c in self.of(CueDue)]

    def states(self) -> list[State]:
        return [e.state for e in self.of(StateChanged)]

    def phases(self) -> list[tuple[Phase, int | None]]:
        return [(e.phase, e.rep) for e in self.of(PhaseChanged)]

    def clear(self) -> None:
        self.events.clear()


def run_for(engine: SessionEngine, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` pass, ticking exactly when something is due (as a screen's
    single-shot timer would), then at the end."""
    end = clock.monotonic() + seconds
    while True:
        due = engine.next_due()
        if due is None or due > end:
            break
        clock.advance(max(0.0, due - clock.monotonic()))
        engine.tick()
    clock.advance(max(0.0, end - clock.monotonic()))
    engine.tick()


def nordic(sets: int = 2, reps: int = 5, **changes: Any) -> PlanItem:
    values: dict[str, Any] = {"slug": NORDIC_SLUG, "name": "Nordic hamstring curl", "kind": "reps",
                              "sets": sets, "rest_s": 90, "reps": (reps, reps), "tempo": Tempo(5, 0, 3, 0)}
    values.update(changes)
    return PlanItem(**values)


def engine_for(clock: FakeClock, *main: PlanItem, **kwargs: Any) -> tuple[SessionEngine, Recorder]:
    engine = SessionEngine(SessionPlan.of(main=list(main)), clock, **kwargs)
    return engine, Recorder(engine)


REP_S = 3 + 5 + 1 + 3   # get-ready, lowering, catch, return

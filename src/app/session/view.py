"""What the session screen shows at one moment, as immutable data.

The engine builds a ``SessionView`` on request (``engine.view()``); the screen
draws it and keeps nothing of its own, so a repaint can never disagree with
the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.session.events import Phase, SetCompleted, State
from app.session.plan import PlanItem


@dataclass(frozen=True)
class NextUp:
    """The set that follows the one on screen (for "next up" and the rest screen)."""

    item_index: int
    item: PlanItem
    block: str
    set_number: int
    side: str
    new_exercise: bool   # a different exercise from the one on screen
    load: tuple[float | None, str]   # the load to lift: engine.load_to_lift


@dataclass(frozen=True)
class ItemProgress:
    """Set-sides logged and planned for one item (for the session's progress strip)."""

    name: str
    block: str
    logged: int
    planned: int


@dataclass(frozen=True)
class SessionView:
    state: State
    paused: bool
    phase: Phase | None

    # Which exercise and set. During a rest these still describe the set just
    # done; ``next_up`` says where the rest leads.
    item_index: int
    item_count: int
    item: PlanItem
    block: str
    set_number: int
    set_count: int
    side: str

    # The dose, for the target line (the rest is on ``item``).
    target_reps: tuple[int, int] | None
    target_load_kg: float | None
    hold_s: float | None
    # The load to lift for this set, (value, unit as entered): the previous
    # set of the exercise this session, else the same set last time, else the
    # target (engine.load_to_lift). The log sheet offers the same.
    load: tuple[float | None, str]

    # The big number. ``remaining_s``: seconds left of whatever counts down now
    # (rest, switch, a phase of a cued rep, a hold, a timed effort).
    # ``elapsed_s``: how long the running set has been going (pauses left out);
    # a plain set has only this one.
    remaining_s: float | None
    elapsed_s: float | None
    timer_total_s: float | None   # the countdown's full length, to draw it draining

    # Cued reps or holds: rep x of y (None for other sets).
    rep: int | None
    rep_count: int | None
    descents_s: tuple[float, ...]

    next_up: NextUp | None
    last_set: SetCompleted | None   # on the log sheet in SET_DONE; the latest set otherwise
    progress: tuple[ItemProgress, ...]

    @property
    def timer_fraction(self) -> float | None:
        """How much of the running countdown is left, 1.0 -> 0.0 (for an arc or bar)."""
        if self.remaining_s is None or not self.timer_total_s:
            return None
        return max(0.0, min(1.0, self.remaining_s / self.timer_total_s))

    @property
    def sets_logged(self) -> int:
        return sum(p.logged for p in self.progress)

    @property
    def sets_planned(self) -> int:
        return sum(p.planned for p in self.progress)

"""States, phases and the events a session engine sends to its listeners.

Every event is a frozen dataclass named for something that has happened
(past tense), except ``CueDue``: a cue is something the listener should do
(play a sound, flash) and carries the moment it was due, so the lag between
that and the moment it is played can be measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class State(StrEnum):
    READY = "ready"                    # before a set: waiting for start_set()
    SET_RUNNING = "set_running"        # a set is under way (see Phase)
    SET_DONE = "set_done"              # the log sheet is open: waiting for confirm_set()
    RESTING = "resting"                # rest countdown after a confirmed set
    SWITCHING_SIDE = "switching_side"  # short countdown between left and right
    SUMMARY = "summary"                # the session is over


class Phase(StrEnum):
    """What a running set is doing now."""

    GET_READY = "get_ready"  # cued rep: count-in before lowering
    LOWERING = "lowering"    # cued rep: the slow eccentric, ticking every second
    CATCH = "catch"          # cued rep: control is lost or the floor is reached
    RETURN = "return"        # cued rep: back up to the start
    HOLD = "hold"            # hold item: holding the stretch or position
    RELAX = "relax"          # hold item: between two holds
    WORK = "work"            # plain reps (stopwatch) or a timed effort (countdown)


class Action(StrEnum):
    """What the engine accepts at a given moment (``SessionEngine.allowed()``):
    each value is the name of the engine method that does it, so a key or a
    button is offered only when its method would be accepted."""

    START_SET = "start_set"
    QUICK_LOG = "quick_log"                  # log a set of reps as planned, untimed
    FINISH_SET = "finish_set"
    MARK_BREAK_POINT = "mark_break_point"    # during the lowering of a cued rep
    CONFIRM_SET = "confirm_set"
    DISCARD_SET = "discard_set"
    ADJUST_REST = "adjust_rest"
    SKIP_REST = "skip_rest"                  # also ends a side switch
    NEXT_EXERCISE = "next_exercise"
    PREVIOUS_EXERCISE = "previous_exercise"
    PAUSE = "pause"
    RESUME = "resume"
    END = "end"
    UNDO_CONFIRM = "undo_confirm"            # reopen the last logged set


class CueKind(StrEnum):
    TICK = "tick"      # each whole second of a lowering phase
    CATCH = "catch"    # end of lowering, or the break point
    BEEP = "beep"      # 3, 2 and 1 s before a countdown ends (rest, switch, get-ready, relax, timed effort)
    GO = "go"          # the end of rest, switch, get-ready or relax: start moving
    RELAX = "relax"    # a hold is over and a relax follows
    DONE = "done"      # a set ended by itself (its time or its reps ran out)


@dataclass(frozen=True)
class SetCompleted:
    """A finished set, as the log sheet should show it before the athlete edits it.

    ``reps`` is the count of cued reps, of complete holds, or (for plain reps,
    which the engine cannot count) the top of the target. ``duration_s`` is the
    time the set ran, pauses left out; ``held_s`` is the time spent holding.
    """

    item_index: int
    exercise_slug: str
    set_number: int
    side: str
    kind: str
    reps: int | None
    descents_s: tuple[float, ...]
    descent_mean_s: float | None
    duration_s: float
    held_s: float | None
    target_load_kg: float | None
    tempo: str | None
    set_type: str
    # False for a set logged at once from the set screen (quick log): no
    # timer ran, so duration_s means nothing and is never stored.
    timed: bool = True
    # One flag per descent: True = lowered to the floor without a break-point
    # press (the value is the target, reached: a lower bound, not a
    # measurement). Empty when not known (a set saved before they were kept).
    descents_held: tuple[bool, ...] = ()
    # The set's identity, made once when it finished and kept (in the saved
    # session too) until it is stored: its row takes it as its uid, so writing
    # the set again (a retry, a resume after a kill) never stores it twice.
    # Empty only in a set saved before identities were kept. Not compared:
    # two events for the same set as done are equal whatever their identity.
    uid: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_index": self.item_index, "exercise_slug": self.exercise_slug,
            "set_number": self.set_number, "side": self.side, "kind": self.kind,
            "reps": self.reps, "descents_s": list(self.descents_s),
            "descent_mean_s": self.descent_mean_s, "duration_s": self.duration_s,
            "held_s": self.held_s, "target_load_kg": self.target_load_kg, "tempo": self.tempo,
            "set_type": self.set_type, "timed": self.timed,
            "descents_held": list(self.descents_held), "uid": self.uid,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SetCompleted:
        values = dict(data)
        values["descents_s"] = tuple(float(d) for d in values["descents_s"])
        values["descents_held"] = tuple(bool(h) for h in values.get("descents_held", ()))
        return cls(**values)


@dataclass(frozen=True)
class StateChanged:
    state: State
    previous: State


@dataclass(frozen=True)
class PhaseChanged:
    """A running set entered ``phase``; ``rep`` of ``rep_count`` counts reps of a
    cued set or holds of a hold set (both None for a plain or timed set)."""

    phase: Phase
    rep: int | None
    rep_count: int | None


@dataclass(frozen=True)
class CueDue:
    """Play a cue. ``due_at`` is the monotonic moment it was due; ``count`` is
    the tick's second (1, 2, ...) or the beep's seconds left (3, 2, 1)."""

    kind: CueKind
    due_at: float
    count: int | None = None


@dataclass(frozen=True)
class BreakPointMarked:
    """The athlete lost control of the lowering after ``descent_s`` seconds."""

    rep: int
    descent_s: float


@dataclass(frozen=True)
class RestStarted:
    rest_s: float
    ends_at: float
    next_item_index: int


@dataclass(frozen=True)
class RestAdjusted:
    remaining_s: float
    ends_at: float


@dataclass(frozen=True)
class SideSwitched:
    """Now the ``side`` side; the set starts by itself after ``switch_s`` seconds."""

    side: str
    set_number: int
    switch_s: float


@dataclass(frozen=True)
class ExerciseChanged:
    item_index: int
    exercise_slug: str
    name: str
    set_number: int


@dataclass(frozen=True)
class SetReopened:
    """undo_confirm(): the last confirmed set is back on the log sheet. The
    listener should remove the row it logged for it."""

    completed: SetCompleted


@dataclass(frozen=True)
class SetDiscarded:
    """The finished set was thrown away without logging; it will be done again."""

    completed: SetCompleted


@dataclass(frozen=True)
class Paused:
    pass


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class SessionFinished:
    """The session is over. ``unlogged`` is a finished set whose log sheet was
    never confirmed (the session was ended from the sheet), so the listener can
    still offer to keep it."""

    sets_logged: int
    sets_planned: int
    ended_early: bool
    duration_s: float
    unlogged: SetCompleted | None = None


Event = (StateChanged | PhaseChanged | CueDue | BreakPointMarked | SetCompleted | RestStarted
         | RestAdjusted | SideSwitched | ExerciseChanged | SetReopened | SetDiscarded | Paused
         | Resumed | SessionFinished)

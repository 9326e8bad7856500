"""What the session screen says, as plain functions of the engine's view (no Qt).

Kept apart from the widgets so the wording can be tested without a screen,
and so the screen, the summary and the log sheet say things the same way.
"""

from __future__ import annotations

import math

from app.formatting import format_duration, format_number
from app.session.events import Phase, State
from app.session.plan import PlanItem
from app.session.view import SessionView
from app.storage.entries import from_kg

SEPARATOR = " · "

LOAD_STEP = {"kg": 2.5, "lb": 5.0}
"""What Shift+Up / Shift+Down add to or take from the load, per unit."""

PHASE_WORDS: dict[Phase, str] = {
    Phase.GET_READY: "GET READY",
    Phase.LOWERING: "LOWER",
    Phase.CATCH: "CATCH",
    Phase.RETURN: "BACK UP",
    Phase.HOLD: "HOLD",
    Phase.RELAX: "RELAX",
    Phase.WORK: "GO",
}

SIDE_WORDS = {"left": "LEFT LEG", "right": "RIGHT LEG", "both": ""}


def countdown_text(seconds: float) -> str:
    """Seconds left as the big number: "5", "45", "1:30". Rounded up, so the
    number shown is never less than what is left and "0" is never shown while
    anything is left."""
    whole = max(0, math.ceil(seconds - 1e-6))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}" if minutes else str(secs)


def stopwatch_text(seconds: float) -> str:
    """Elapsed time of a plain set: "0:07", "1:42" (rounded down, like a stopwatch)."""
    whole = max(0, math.floor(seconds + 1e-6))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def load_text(load: float | None, unit: str) -> str:
    """A load as typed, in ``unit``: "40 kg", "band −10 kg", "" for none."""
    if load is None:
        return ""
    if load < 0:
        return f"band −{format_number(-load)} {unit}"
    return f"{format_number(load)} {unit}"


def load_in_unit(load_kg: float | None, unit: str) -> float | None:
    """A stored load in kg, shown in ``unit`` to the nearest 0.5 (a plate step never finer)."""
    if load_kg is None:
        return None
    return round(from_kg(load_kg, unit) * 2) / 2


def reps_text(reps: tuple[int, int]) -> str:
    low, high = reps
    if low == high:
        return "1 rep" if low == 1 else f"{low} reps"
    return f"{low}–{high} reps"


def dose_text(item: PlanItem, set_number: int | None = None) -> str:
    """One set's target without the load: "5 reps", "6 × 10 s holds", "5 min".
    With ``set_number``, a set with its own target (12, 10, 8) shows that one."""
    if item.kind == "reps" and item.reps_per_set and set_number is not None:
        target = item.reps_for_set(set_number) or 0
        return reps_text((target, target))
    if item.kind == "reps" and item.reps is not None:
        return reps_text(item.reps)
    if item.kind == "hold":
        holds = item.holds or 1
        hold = format_duration(item.hold_s or 0)
        return f"{hold} hold" if holds == 1 else f"{holds} × {hold} holds"
    return format_duration(item.duration_s or 0)


def target_text(item: PlanItem, unit: str, set_number: int | None = None) -> str:
    """The target line: "5 reps · 40 kg", "8–10 reps", "6 × 10 s holds"."""
    parts = [dose_text(item, set_number)]
    load = load_text(load_in_unit(item.target_load_kg, unit), unit)
    if load:
        parts.append(load)
    return SEPARATOR.join(parts)


def set_text(view: SessionView) -> str:
    """ "SET 2 OF 3"; an extra set past the plan says so."""
    if view.set_number > view.set_count:
        return f"EXTRA SET {view.set_number}"
    return f"SET {view.set_number} OF {view.set_count}"


def rep_text(view: SessionView) -> str:
    """ "REP 2 OF 5" for cued reps, "HOLD 3 OF 6" for holds, "" otherwise."""
    if view.rep is None or view.rep_count is None:
        return ""
    word = "HOLD" if view.item.kind == "hold" else "REP"
    return f"{word} {view.rep} OF {view.rep_count}"


def block_text(block: str) -> str:
    return {"warm-up": "Warm-up", "cool-down": "Cool-down"}.get(block, "")


def next_up_text(view: SessionView, unit: str) -> str:
    """What the rest leads to: "Nordic hamstring curl · set 2 of 2 · 5 reps"."""
    nxt = view.next_up
    if nxt is None:
        return "Last set done"
    parts = [nxt.item.name]
    if nxt.set_number <= nxt.item.sets:
        parts.append(f"set {nxt.set_number} of {nxt.item.sets}")
    if nxt.side != "both":
        parts.append(f"{nxt.side} leg")
    parts.append(target_text(nxt.item, unit, nxt.set_number))
    return SEPARATOR.join(parts)


def headline(view: SessionView) -> str:
    """The word above the big number: what is happening now."""
    if view.paused:
        return "PAUSED"
    if view.state is State.READY:
        return "SPACE TO START"
    if view.state is State.RESTING:
        return "REST"
    if view.state is State.SWITCHING_SIDE:
        side = SIDE_WORDS.get(view.side, "").split(" ")[0]
        return f"SWITCH TO {side}" if side else "SWITCH SIDES"
    if view.state is State.SET_RUNNING and view.phase is not None:
        if view.phase is Phase.WORK and view.item.kind == "duration":
            return "GO"
        if view.phase is Phase.WORK:
            return "SET RUNNING"
        return PHASE_WORDS[view.phase]
    if view.state is State.SET_DONE:
        return "LOG THE SET"
    return "DONE"


def big_text(view: SessionView) -> str:
    """The big readout: time left (or, for a plain set, time gone), or a word
    when the moment is a word ("CATCH", "READY")."""
    if view.state is State.SET_RUNNING and view.phase is Phase.CATCH:
        return "CATCH"
    if view.state is State.READY:
        return "READY"
    if view.remaining_s is not None:
        return countdown_text(view.remaining_s)
    if view.elapsed_s is not None:
        return stopwatch_text(view.elapsed_s)
    return ""


def descents_text(descents: tuple[float, ...] | list[float]) -> str:
    """ "5.0 · 4.2 · 3.8 s" (one figure per rep)."""
    if not descents:
        return ""
    return SEPARATOR.join(f"{d:.1f}" for d in descents) + " s"


def mean(values: tuple[float, ...] | list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None

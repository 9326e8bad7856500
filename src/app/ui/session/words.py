"""What the session screen says, as plain functions of the engine's view (no Qt).

Kept apart from the widgets so the wording can be tested without a screen,
and so the screen, the summary and the log sheet say things the same way.
Words are in the athlete's language (app.kernel.i18n), numbers in their locale; the
big countdown and stopwatch read like a clock ("1:30") in every language.
"""

from __future__ import annotations

import math

from app.catalog.vocabulary import DoseKind
from app.kernel.i18n import QT_TRANSLATE_NOOP, decimal_point, format_decimal, format_integer, translate
from app.logbook.entries import Side, from_kg, to_kg
from app.logbook.formatting import format_duration
from app.session.events import Phase, State
from app.session.plan import Block, PlanItem
from app.session.view import SessionView

SEPARATOR = " · "

LOAD_STEP = {"kg": 2.5, "lb": 5.0}
"""What Shift+Up / Shift+Down add to or take from the load, per unit."""

# Marked here (read at import time), translated where shown.
PHASE_WORDS: dict[Phase, str] = {
    Phase.GET_READY: QT_TRANSLATE_NOOP("session_words", "GET READY"),
    Phase.LOWERING: QT_TRANSLATE_NOOP("session_words", "LOWER"),
    Phase.CATCH: QT_TRANSLATE_NOOP("session_words", "CATCH"),
    Phase.RETURN: QT_TRANSLATE_NOOP("session_words", "BACK UP"),
    Phase.HOLD: QT_TRANSLATE_NOOP("session_words", "HOLD"),
    Phase.RELAX: QT_TRANSLATE_NOOP("session_words", "RELAX"),
    Phase.WORK: QT_TRANSLATE_NOOP("session_words", "GO"),
}

SIDE_WORDS: dict[str, str] = {Side.LEFT: QT_TRANSLATE_NOOP("session_words", "LEFT LEG"),
                              Side.RIGHT: QT_TRANSLATE_NOOP("session_words", "RIGHT LEG"),
                              Side.BOTH: ""}


def side_words(side: str) -> str:
    """ "LEFT LEG", "RIGHT LEG"; "" for both sides at once."""
    words = SIDE_WORDS.get(side, "")
    return translate("session_words", words) if words else ""


def one_decimal(value: float) -> str:
    """A measured time with its one decimal always shown ("5.0": a full
    descent reads as measured, not as a round number), in the locale."""
    return f"{value:.1f}".replace(".", decimal_point())


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
        return translate("session_words", "band −{load} {unit}").format(
            load=format_decimal(-load, 1), unit=unit)
    return f"{format_decimal(load, 1)} {unit}"


def load_in_unit(load_kg: float | None, unit: str) -> float | None:
    """A stored load in kg, shown in ``unit`` to the nearest 0.5 (a plate step never finer)."""
    if load_kg is None:
        return None
    return round(from_kg(load_kg, unit) * 2) / 2


def reps_text(reps: tuple[int, int]) -> str:
    low, high = reps
    if low == high:
        return translate("session_words", "%n rep(s)", None, low)
    return translate("session_words", "{low}–{high} reps").format(
        low=format_integer(low), high=format_integer(high))


def dose_text(item: PlanItem, set_number: int | None = None) -> str:
    """One set's target without the load: "5 reps", "6 × 10 s holds", "5 min".
    With ``set_number``, a set with its own target (12, 10, 8) shows that one."""
    if item.kind == DoseKind.REPS and item.reps_per_set and set_number is not None:
        target = item.reps_for_set(set_number) or 0
        return reps_text((target, target))
    if item.kind == DoseKind.REPS and item.reps is not None:
        return reps_text(item.reps)
    if item.kind == DoseKind.HOLD:
        holds = item.holds or 1
        hold = format_duration(item.hold_s or 0)
        if holds == 1:
            return translate("session_words", "{time} hold").format(time=hold)
        return translate("session_words", "%n × {time} holds", None, holds).format(time=hold)
    return format_duration(item.duration_s or 0)


def load_to_show(load: tuple[float | None, str], unit: str) -> float | None:
    """The engine's load to lift (value, unit as entered) in the athlete's
    ``unit``: as entered when the units agree, else converted to the nearest 0.5."""
    value, entered = load
    if value is None or entered == unit:
        return value
    return load_in_unit(to_kg(value, entered), unit)


def target_text(item: PlanItem, unit: str, set_number: int | None = None,
                load: tuple[float | None, str] | None = None) -> str:
    """The target line: "5 reps · 40 kg", "8–10 reps", "6 × 10 s holds".
    ``load``: the engine's load to lift for this set (else the plan's target)."""
    parts = [dose_text(item, set_number)]
    shown = load_to_show(load, unit) if load is not None else load_in_unit(item.target_load_kg, unit)
    load_words = load_text(shown, unit)
    if load_words:
        parts.append(load_words)
    return SEPARATOR.join(parts)


def set_text(view: SessionView) -> str:
    """ "SET 2 OF 3"; an extra set past the plan says so."""
    if view.set_number > view.set_count:
        return translate("session_words", "EXTRA SET {number}").format(
            number=format_integer(view.set_number))
    return translate("session_words", "SET {number} OF {count}").format(
        number=format_integer(view.set_number), count=format_integer(view.set_count))


def rep_text(view: SessionView) -> str:
    """ "REP 2 OF 5" for cued reps, "HOLD 3 OF 6" for holds, "" otherwise."""
    if view.rep is None or view.rep_count is None:
        return ""
    if view.item.kind == DoseKind.HOLD:
        text = translate("session_words", "HOLD {number} OF {count}")
    else:
        text = translate("session_words", "REP {number} OF {count}")
    return text.format(number=format_integer(view.rep), count=format_integer(view.rep_count))


def block_text(block: str) -> str:
    if block == Block.WARM_UP:
        return translate("session_words", "Warm-up")
    if block == Block.COOL_DOWN:
        return translate("session_words", "Cool-down")
    return ""


def next_up_text(view: SessionView, unit: str) -> str:
    """What the rest leads to: "Nordic hamstring curl · set 2 of 2 · 5 reps"."""
    nxt = view.next_up
    if nxt is None:
        return translate("session_words", "Last set done")
    parts = [nxt.item.name]
    if nxt.set_number <= nxt.item.sets:
        parts.append(set_of_text(nxt.set_number, nxt.item.sets))
    if nxt.side == Side.LEFT:
        parts.append(translate("session_words", "left leg"))
    elif nxt.side == Side.RIGHT:
        parts.append(translate("session_words", "right leg"))
    parts.append(target_text(nxt.item, unit, nxt.set_number, nxt.load))
    return SEPARATOR.join(parts)


def set_of_text(number: int, count: int) -> str:
    """ "set 2 of 3", in a line of the rest's and the side switch's."""
    return translate("session_words", "set {number} of {count}").format(
        number=format_integer(number), count=format_integer(count))


def headline(view: SessionView) -> str:
    """The word above the big number: what is happening now."""
    if view.paused:
        return paused_text()
    if view.state is State.READY:
        return translate("session_words", "SPACE TO START")
    if view.state is State.RESTING:
        return translate("session_words", "REST")
    if view.state is State.SWITCHING_SIDE:
        if view.side == Side.LEFT:
            return translate("session_words", "SWITCH TO LEFT")
        if view.side == Side.RIGHT:
            return translate("session_words", "SWITCH TO RIGHT")
        return translate("session_words", "SWITCH SIDES")
    if view.state is State.SET_RUNNING and view.phase is not None:
        if view.phase is Phase.WORK and view.item.kind == DoseKind.DURATION:
            return translate("session_words", PHASE_WORDS[Phase.WORK])
        if view.phase is Phase.WORK:
            return translate("session_words", "SET RUNNING")
        return translate("session_words", PHASE_WORDS[view.phase])
    if view.state is State.SET_DONE:
        return translate("session_words", "LOG THE SET")
    return translate("session_words", "DONE")


def paused_text() -> str:
    return translate("session_words", "PAUSED")


def big_text(view: SessionView) -> str:
    """The big readout: time left (or, for a plain set, time gone), or a word
    when the moment is a word ("CATCH", "READY")."""
    if view.state is State.SET_RUNNING and view.phase is Phase.CATCH:
        return translate("session_words", PHASE_WORDS[Phase.CATCH])
    if view.state is State.READY:
        return translate("session_words", "READY")
    if view.remaining_s is not None:
        return countdown_text(view.remaining_s)
    if view.elapsed_s is not None:
        return stopwatch_text(view.elapsed_s)
    return ""


def mean(values: tuple[float, ...] | list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None

"""Tempo arithmetic: "5-0-3-0" strings, the phases of one cued rep, and
statistics of the controlled-descent seconds a set produced."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from app.kernel.i18n import format_integer, translate
from app.session.events import Phase

TEMPO_MAX_S = 10
"""Each tempo figure is 0-10 s: the same limit the log sheet's validator uses."""

_TEMPO_TEXT = re.compile(r"^\s*(\d{1,2})-(\d{1,2})-(\d{1,2})-(\d{1,2})\s*$")

class Tempo(NamedTuple):
    """Seconds of each part of a rep: lower, pause at the bottom, lift, pause at the top."""

    lower_s: int
    bottom_pause_s: int
    lift_s: int
    top_pause_s: int

    @property
    def text(self) -> str:
        """The usual "L-P-U-P" notation, as logged with a set."""
        return "-".join(str(part) for part in self)


def parse_tempo(text: str) -> Tempo:
    """``"5-0-3-0"`` -> Tempo(5, 0, 3, 0); ValueError when it is not four figures 0-10."""
    match = _TEMPO_TEXT.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(translate("tempo", "tempo must be four whole seconds separated by '-', "
                                            "lower-pause-lift-pause, like 5-0-3-0; got {value}")
                         .format(value=repr(text)))
    parts = [int(group) for group in match.groups()]
    if any(part > TEMPO_MAX_S for part in parts):
        raise ValueError(translate("tempo", "each tempo figure must be 0-{limit} seconds, got {value}")
                         .format(limit=format_integer(TEMPO_MAX_S), value=repr(text)))
    return Tempo(*parts)


def rep_phases(lowering_s: float, return_s: float, *, get_ready_s: float,
               catch_s: float) -> tuple[tuple[Phase, float], ...]:
    """The phases of one cued rep with their seconds, in order. A phase of zero
    seconds is left out: it would flash by too fast to see."""
    phases = ((Phase.GET_READY, get_ready_s), (Phase.LOWERING, lowering_s), (Phase.CATCH, catch_s),
              (Phase.RETURN, return_s))
    return tuple((name, float(seconds)) for name, seconds in phases if seconds > 0)


def lowering_tick_offsets(lowering_s: float) -> tuple[int, ...]:
    """Seconds after the lowering starts at which a tick sounds: every whole
    second before the end (the end itself gets the "catch" signal instead)."""
    return tuple(range(1, math.ceil(lowering_s)))


@dataclass(frozen=True)
class DescentStats:
    """Controlled-descent seconds of one set's reps."""

    count: int
    mean_s: float
    shortest_s: float
    longest_s: float


def descent_stats(descents_s: Iterable[float]) -> DescentStats | None:
    """Mean, shortest and longest descent; None for a set without any."""
    values = [float(d) for d in descents_s]
    if not values:
        return None
    return DescentStats(count=len(values), mean_s=math.fsum(values) / len(values),
                        shortest_s=min(values), longest_s=max(values))


def mean_descent(descents_s: Iterable[float]) -> float | None:
    stats = descent_stats(descents_s)
    return None if stats is None else stats.mean_s

"""Plates per side of a barbell: which plates make a load, pure arithmetic.

The log sheet shows them beside the load of a barbell lift, so nobody does
sums between sets. The bar and the plates at hand come from Settings, in
the unit the athlete loads in (kg plates in a kg gym, lb plates in an lb
one): no conversion, so 20 kg is 20 kg and 45 lb is 45 lb exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_PLATES_PER_SIDE = 20  # more is not a barbell load: the sheet says nothing
_EPSILON = 1e-6


@dataclass(frozen=True)
class PlateLoad:
    """The plates for one side, heaviest first, and what they come to.

    ``total`` is the bar plus both sides: equal to the load asked for when
    ``exact``; otherwise the nearest load below it that the plates make."""

    per_side: tuple[float, ...]
    total: float
    exact: bool


def plates_per_side(load: float, bar: float, plates: Sequence[float]) -> PlateLoad | None:
    """The fewest plates per side (heaviest first, as many of each as needed)
    that load ``bar`` to ``load``, or to the nearest load below it they can
    make. None when ``load`` is less than the bar, or would take more than
    MAX_PLATES_PER_SIDE plates a side.

    Greedy, heaviest first: with plate sets whose sizes each divide the next
    (25/20/15/10/5/2.5/1.25 kg, 45/35/25/10/5/2.5 lb, with 15 and 35 the only
    exceptions) it is what a lifter would load."""
    if load < bar - _EPSILON:
        return None
    sizes = sorted({p for p in plates if p > 0}, reverse=True)
    left = (load - bar) / 2
    chosen: list[float] = []
    for size in sizes:
        while left >= size - _EPSILON:
            chosen.append(size)
            left -= size
            if len(chosen) > MAX_PLATES_PER_SIDE:
                return None
    exact = left < _EPSILON
    total = bar + 2 * sum(chosen)
    return PlateLoad(per_side=tuple(chosen), total=round(total, 6), exact=exact)

"""Body weight: the athlete's log of it, its trend, and loads relative to it.

The log keeps kilograms, one weight a day (a second entry on a day replaces
the first: Store.set_body_weight). A weight typed in pounds is converted
with the one pound of app.logbook.entries (KG_PER_LB), as loads are.

A load relative to body weight is what a Nordic's band assistance or an
added weight means for this athlete: 20 kg of assistance is a lot for a
60 kg runner and less for a 90 kg one. The weight used is the latest logged
on or before the day of the set (LogReader.body_weight_on, or
body_weight_on below over records already read); without one, nothing is
shown rather than a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.kernel.i18n import format_decimal, format_integer, translate
from app.logbook.entries import from_kg, to_kg
from app.logbook.runs import BodyWeightRecord

# The trend compares the latest weight with the one about four weeks before
# it: day-to-day weight swings by a kilogram or more with water and food, so
# a shorter span would show noise as a trend.
TREND_DAYS = 28


def body_weight_kg(value: float, unit: str) -> float:
    """A body weight typed in ``unit`` ("kg" or "lb") in kilograms."""
    return to_kg(value, unit)


def body_weight_on(records: Sequence[BodyWeightRecord], day: date) -> float | None:
    """The latest weight (kg) logged on or before ``day`` among ``records``
    (ascending by day, as LogReader.body_weights gives them); None before the first."""
    at = bisect_right([record.day for record in records], day)
    return records[at - 1].kg if at else None


@dataclass(frozen=True)
class WeightTrend:
    """The latest weight, and how it changed since the weight logged about
    TREND_DAYS before it (``earlier``: the latest on or before that day;
    None when the log does not go back so far)."""

    latest: BodyWeightRecord
    earlier: BodyWeightRecord | None

    @property
    def change_kg(self) -> float | None:
        return None if self.earlier is None else self.latest.kg - self.earlier.kg


def weight_trend(records: Sequence[BodyWeightRecord]) -> WeightTrend | None:
    """The trend of ``records`` (ascending by day); None for an empty log."""
    if not records:
        return None
    latest = records[-1]
    before = latest.day - timedelta(days=TREND_DAYS)
    at = bisect_right([record.day for record in records], before)
    return WeightTrend(latest, records[at - 1] if at else None)


def relative_load(load_kg: float, body_kg: float | None) -> float | None:
    """``load_kg`` as a percentage of body weight: 20 kg at 80 kg is 25.0.
    A band's assistance (a negative load) gives a negative percentage. None
    without a body weight (nothing is guessed)."""
    if body_kg is None or body_kg <= 0:
        return None
    return load_kg / body_kg * 100


def relative_load_words(load_kg: float, body_kg: float | None) -> str | None:
    """A load relative to body weight in words, for a set's line, the session
    summary or the log sheet: "27 % of body weight" for an added load,
    "assistance: 25 % of body weight" for a band's help. None without a body
    weight or without a load (a bodyweight set says nothing more)."""
    percent = relative_load(load_kg, body_kg)
    # Under half a percent rounds to 0 %: no load worth a word.
    if percent is None or round(abs(percent)) == 0:
        return None
    shown = format_integer(round(abs(percent)))
    if percent < 0:
        return translate("body_weight", "assistance: {percent} % of body weight").format(
            percent=shown)
    return translate("body_weight", "{percent} % of body weight").format(percent=shown)


def weight_words(kg: float, unit: str) -> str:
    """A body weight in the athlete's unit: "72.5 kg", "159.8 lb"."""
    if unit == "lb":
        return translate("body_weight", "{weight} lb").format(
            weight=format_decimal(from_kg(kg, "lb")))
    return translate("body_weight", "{weight} kg").format(weight=format_decimal(kg))

"""The athlete's settings: names, defaults and the checks on each value.

Stored as JSON values in the database's setting table. A value that fails
its check (edited by hand, or from an older version) falls back to the
default with a log line, so a bad setting can never stop a session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from app.kernel.i18n import format_decimal, format_integer, translate

log = logging.getLogger(__name__)

LOWERING_RANGE = (2, 10)
RETURN_RANGE = (1, 10)
LOAD_STEP_RANGE = {"load_step_kg": (0.25, 20.0), "load_step_lb": (0.5, 45.0)}
# Keys a USB foot switch or a presentation clicker typically sends.
SUGGESTED_BREAK_POINT_KEYS = ("B", "Space", "PgDown", "PgUp", "Right", "Return")
# "system" follows the desktop's light or dark choice, and changes with it.
THEMES = ("system", "light", "dark", "high-contrast")
# Whole percent of the standard text size, in steps of 10: finer steps are
# hard to tell apart, and every step must be checked to fit on a small screen.
TEXT_SCALE_RANGE = (100, 200)
TEXT_SCALE_STEP = 10
REST_RANGE = (0, 600)  # 0: each exercise's own rest
REST_STEP = 15


class EffortScale(StrEnum):
    """Which effort rating the log sheet asks: rate of perceived exertion
    (1-10) or reps in reserve (0-10). Both are stored; the sheet asks one to
    stay quick. The values are what the setting table holds ("rpe", "rir"):
    a str enum, so a stored value reads back as before and JSON writes it as is."""

    RPE = "rpe"
    RIR = "rir"


BAR_RANGE = {"bar_kg": (0.0, 50.0), "bar_lb": (0.0, 110.0)}
PLATE_RANGE = {"plates_kg": (0.25, 50.0), "plates_lb": (0.5, 100.0)}
MAX_PLATE_SIZES = 12


class SettingError(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Settings:
    units: str = "kg"
    break_point_keys: tuple[str, ...] = ("B", "Space")
    lowering_s: int = 5
    return_s: int = 3
    sounds: bool = True
    volume: float = 0.8
    spoken_counts: bool = False
    # The smallest load jump the athlete's gym allows (plates, dumbbell steps):
    # progression suggestions are rounded to it.
    load_step_kg: float = 2.5
    load_step_lb: float = 5.0
    theme: str = "system"
    text_scale: int = 100  # percent of the standard text size
    # Rest between sets for sessions not taken from a program (a program's
    # rests are part of what it prescribes); 0: each exercise's own rest.
    rest_s: int = 0
    effort_scale: EffortScale = EffortScale.RPE  # what the log sheet asks
    # The bar and the plate sizes at hand (pairs of each), per unit: the log
    # sheet shows the plates per side for a barbell lift's load.
    bar_kg: float = 20.0
    bar_lb: float = 45.0
    plates_kg: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
    plates_lb: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)

    def bar(self, units: str | None = None) -> float:
        return self.bar_lb if (units or self.units) == "lb" else self.bar_kg

    def plates(self, units: str | None = None) -> tuple[float, ...]:
        return self.plates_lb if (units or self.units) == "lb" else self.plates_kg

    def load_step(self, units: str | None = None) -> float:
        """The load step in ``units`` (default: the athlete's units)."""
        return self.load_step_lb if (units or self.units) == "lb" else self.load_step_kg


def _whole(key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingError(key, translate("settings", "must be a whole number from {low} to {high}, "
                                          "got {value}").format(
            low=format_integer(low), high=format_integer(high), value=repr(value)))
    return value


def _stepped(key: str, value: Any, bounds: tuple[int, int], step: int) -> int:
    whole = _whole(key, value, *bounds)
    if whole % step:
        raise SettingError(key, translate("settings", "must be a multiple of {step}, got {value}")
                           .format(step=format_integer(step), value=repr(value)))
    return whole


def check(key: str, value: Any) -> Any:
    """The value to store for ``key``, or SettingError with a reason."""
    if key == "units":
        if value not in ("kg", "lb"):
            raise SettingError(key, translate("settings", "must be kg or lb"))
        return value
    if key == "break_point_keys":
        if (not isinstance(value, list | tuple) or not value
                or not all(isinstance(k, str) and k.strip() for k in value)):
            raise SettingError(key, translate("settings", "must be a list of one or more key names"))
        return tuple(value)
    if key == "lowering_s":
        return _whole(key, value, *LOWERING_RANGE)
    if key == "return_s":
        return _whole(key, value, *RETURN_RANGE)
    if key in ("sounds", "spoken_counts"):
        if not isinstance(value, bool):
            raise SettingError(key, translate("settings", "must be true or false"))
        return value
    if key == "volume":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise SettingError(key, translate("settings", "must be between 0 and 1"))
        return float(value)
    if key in ("load_step_kg", "load_step_lb"):
        low, high = LOAD_STEP_RANGE[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise SettingError(key, translate("settings", "must be a number from {low} to {high}").format(
                low=format_decimal(low, 2), high=format_decimal(high, 2)))
        return float(value)
    if key == "theme":
        if value not in THEMES:
            # The themes' stored names: what a hand-edited value has to be.
            raise SettingError(key, translate("settings", "must be one of {choices}").format(
                choices=", ".join(THEMES)))
        return value
    if key == "rest_s":
        return _stepped(key, value, REST_RANGE, REST_STEP)
    if key == "text_scale":
        return _stepped(key, value, TEXT_SCALE_RANGE, TEXT_SCALE_STEP)
    if key == "effort_scale":
        if not isinstance(value, str) or value not in tuple(EffortScale):
            raise SettingError(key, translate("settings", "must be one of {choices}").format(
                choices=", ".join(EffortScale)))
        return EffortScale(value)
    if key in BAR_RANGE:
        low, high = BAR_RANGE[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise SettingError(key, translate("settings", "must be a number from {low} to {high}").format(
                low=format_decimal(low, 2), high=format_decimal(high, 2)))
        return float(value)
    if key in PLATE_RANGE:
        low, high = PLATE_RANGE[key]
        if (not isinstance(value, list | tuple) or not 1 <= len(value) <= MAX_PLATE_SIZES
                or any(isinstance(v, bool) or not isinstance(v, int | float) or not low <= v <= high
                       for v in value)):
            raise SettingError(key, translate(
                "settings", "must be 1 to {count} plate sizes, each from {low} to {high}").format(
                count=format_integer(MAX_PLATE_SIZES), low=format_decimal(low, 2),
                high=format_decimal(high, 2)))
        return tuple(sorted({float(v) for v in value}, reverse=True))
    raise SettingError(key, translate("settings", "is not a setting"))


def load_settings(get: Callable[[str, Any], Any]) -> Settings:
    """Read every setting through ``get(key, default)`` (e.g. LogReader.get_setting)."""
    values: dict[str, Any] = {}
    for field in fields(Settings):
        raw = get(field.name, None)
        if raw is None:
            continue
        try:
            values[field.name] = check(field.name, raw)
        except SettingError as exc:
            log.warning("setting ignored, using the default: %s", exc)
    return Settings(**values)


def stored_value(key: str, value: Any) -> Any:
    """The JSON form of a checked value (tuples become lists, an enum its
    stored string)."""
    checked = check(key, value)
    if isinstance(checked, StrEnum):
        return checked.value
    return list(checked) if isinstance(checked, tuple) else checked

"""Countdowns and stopwatches that never drift.

A timer here stores a point on the monotonic clock (a countdown's deadline, a
stopwatch's start) and works out what remains or what has passed by reading
the clock when asked. Nothing counts ticks, so a consumer that stalls for
seconds (a busy event loop, a slow repaint) reads the right figure as soon as
it looks again.

Every method that reads or changes a timer takes an optional ``at``: the
monotonic moment to act at. The session engine uses it to replay, in order
and at their true times, transitions that fell due while nobody was looking;
callers that just want "now" leave it out.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from app.kernel.clock import Clock
from app.kernel.i18n import translate

TIME_SCALE_ENV = "HAMSTRIDE_TIME_SCALE"


def _seconds(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number of seconds, got {value!r}")
    return float(value)


class Countdown:
    """Counts ``duration_s`` down to zero; can be paused, resumed and adjusted.

    While running it keeps only a deadline; while paused (or before it is
    started) it keeps the seconds that were left.
    """

    def __init__(self, clock: Clock, duration_s: float) -> None:
        duration = _seconds("duration", duration_s)
        if duration < 0:
            raise ValueError(f"duration cannot be negative, got {duration_s!r}")
        self._clock = clock
        self._duration = duration          # grows and shrinks with adjust()
        self._left = duration              # meaningful only while not running
        self._deadline: float | None = None
        self._started = False

    @classmethod
    def resumed(cls, clock: Clock, duration_s: float, remaining_s: float, *,
                running: bool, at: float | None = None) -> Countdown:
        """A countdown restored from saved figures: started, ``remaining_s`` left,
        running from ``at`` (default now) or paused."""
        countdown = cls(clock, duration_s)
        left = _seconds("remaining", remaining_s)
        # A hair over the duration is float rounding (a segment started a
        # rounding error "after" now); more than that is a damaged record.
        if not 0 <= left <= countdown._duration + 1e-6:
            raise ValueError(f"remaining must be between 0 and the duration, got {remaining_s!r}")
        countdown._left = min(left, countdown._duration)
        countdown._started = True
        if running:
            countdown._deadline = countdown._at(at) + left
        return countdown

    def _at(self, at: float | None) -> float:
        return self._clock.monotonic() if at is None else at

    # -- state -------------------------------------------------------------

    @property
    def duration(self) -> float:
        """Total seconds, including every adjustment so far."""
        return self._duration

    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        """Started and not paused (it may already have reached zero)."""
        return self._deadline is not None

    @property
    def paused(self) -> bool:
        return self._started and self._deadline is None

    @property
    def deadline(self) -> float | None:
        """The monotonic moment it reaches zero, while running; None otherwise."""
        return self._deadline

    @property
    def done(self) -> bool:
        return self.remaining() <= 0

    def remaining(self, at: float | None = None) -> float:
        """Seconds left, never below zero."""
        if self._deadline is None:
            return self._left
        return min(self._duration, max(0.0, self._deadline - self._at(at)))

    def elapsed(self, at: float | None = None) -> float:
        """Seconds counted so far (paused time excluded)."""
        return self._duration - self.remaining(at)

    # -- changes -----------------------------------------------------------

    def start(self, at: float | None = None) -> None:
        if self._started:
            raise RuntimeError("countdown already started")
        self._started = True
        self._deadline = self._at(at) + self._left

    def pause(self, at: float | None = None) -> None:
        if self._deadline is None:
            return
        self._left = self.remaining(at)
        self._deadline = None

    def resume(self, at: float | None = None) -> None:
        if not self._started:
            raise RuntimeError("countdown not started")
        if self._deadline is None:
            self._deadline = self._at(at) + self._left

    def adjust(self, delta_s: float, at: float | None = None) -> float:
        """Add (or, negative, take away) seconds; the remainder never goes below
        zero. Returns the seconds now left."""
        delta = _seconds("adjustment", delta_s)
        before = self.remaining(at)
        after = max(0.0, before + delta)
        self._duration += after - before
        if self._deadline is None:
            self._left = after
        else:
            self._deadline = self._at(at) + after
        return after


class Stopwatch:
    """Counts up from zero; can be paused and resumed."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._banked = 0.0                 # seconds from runs that have ended
        self._run_start: float | None = None
        self._started = False

    @classmethod
    def resumed(cls, clock: Clock, elapsed_s: float, *, running: bool,
                at: float | None = None) -> Stopwatch:
        """A stopwatch restored from saved figures, already showing ``elapsed_s``."""
        watch = cls(clock)
        banked = _seconds("elapsed", elapsed_s)
        if banked < 0:
            raise ValueError(f"elapsed cannot be negative, got {elapsed_s!r}")
        watch._banked = banked
        watch._started = True
        if running:
            watch._run_start = watch._at(at)
        return watch

    def _at(self, at: float | None) -> float:
        return self._clock.monotonic() if at is None else at

    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        return self._run_start is not None

    def elapsed(self, at: float | None = None) -> float:
        if self._run_start is None:
            return self._banked
        return self._banked + max(0.0, self._at(at) - self._run_start)

    def start(self, at: float | None = None) -> None:
        if self._started:
            raise RuntimeError("stopwatch already started")
        self._started = True
        self._run_start = self._at(at)

    def pause(self, at: float | None = None) -> None:
        if self._run_start is None:
            return
        self._banked = self.elapsed(at)
        self._run_start = None

    def resume(self, at: float | None = None) -> None:
        if not self._started:
            raise RuntimeError("stopwatch not started")
        if self._run_start is None:
            self._run_start = self._at(at)


class WallAnchor:
    """A session's wall-clock times, read from the monotonic clock.

    The wall clock is read once, when the anchor is made; every later time is
    that moment plus the monotonic seconds since. So a clock set back an hour
    (or on a day) during a session moves nothing stored: the end is never
    before the start, and a two-minute session lasts two minutes. After a
    restart (a new process, a new monotonic origin) the wall clock is read
    again, but never taken earlier than ``at_least`` (the time the session
    was last saved at): a session's times only move forward.
    """

    def __init__(self, clock: Clock, at_least: datetime | None = None) -> None:
        self._clock = clock
        self._origin = clock.monotonic()
        wall = clock.now()
        self._wall = wall if at_least is None or wall >= at_least else at_least

    def now(self) -> datetime:
        elapsed = max(0.0, self._clock.monotonic() - self._origin)
        # A ScaledClock (a demonstration) runs fast: what is stored keeps real time.
        to_base = getattr(self._clock, "to_base_seconds", None)
        if callable(to_base):
            elapsed = float(to_base(elapsed))
        return self._wall + timedelta(seconds=elapsed)


class ScaledClock:
    """A clock whose monotonic time runs ``scale`` times faster than ``base``'s,
    counted from the moment it is made (for demonstrations and end-to-end
    tests). The wall clock is passed through unchanged: what gets stored keeps
    real timestamps."""

    def __init__(self, base: Clock, scale: float) -> None:
        self._scale = check_time_scale(scale)
        self._base = base
        self._origin = base.monotonic()

    @property
    def scale(self) -> float:
        return self._scale

    def monotonic(self) -> float:
        return self._origin + (self._base.monotonic() - self._origin) * self._scale

    def now(self) -> datetime:
        return self._base.now()

    def to_base_seconds(self, seconds: float) -> float:
        """How long ``seconds`` of this clock take on the base clock (to arm a
        real timer for a moment given in scaled time)."""
        return seconds / self._scale


def check_time_scale(scale: float) -> float:
    if isinstance(scale, bool) or not isinstance(scale, int | float) \
            or not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"time scale must be a number greater than 0, got {scale!r}")
    return float(scale)


def parse_time_scale(text: str) -> float:
    """The value of HAMSTRIDE_TIME_SCALE as a number; ValueError naming the
    variable when it is not a positive number."""
    try:
        return check_time_scale(float(text))
    except ValueError:
        raise ValueError(translate("timing", "{variable} must be a number greater than 0, got {value}")
                         .format(variable=TIME_SCALE_ENV, value=repr(text))) from None

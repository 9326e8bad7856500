"""Time, injected.

Everything that needs the time takes a ``Clock``. The real one reads the
monotonic clock (for durations and deadlines: it never jumps when the wall
clock is changed) and the UTC wall clock (for what is stored). Tests and
benchmarks use ``FakeClock`` and advance it by hand instead of sleeping.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that only moves forward; only differences mean anything."""

    def now(self) -> datetime:
        """The current time as an aware UTC datetime."""


# Linux's CLOCK_MONOTONIC stops while the laptop sleeps; CLOCK_BOOTTIME is as
# steady (the wall clock being set moves neither) and counts the sleep too.
# A session's stored times are its start plus this clock's seconds
# (session.timing.WallAnchor), so a lid closed for an hour mid-session must
# count that hour, and a rest that ran out during it has run out.
MONOTONIC_CLOCK_ID: int | None = getattr(time, "CLOCK_BOOTTIME", None)


class SystemClock:
    def monotonic(self) -> float:
        if MONOTONIC_CLOCK_ID is not None:
            return time.clock_gettime(MONOTONIC_CLOCK_ID)
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None, monotonic: float = 1000.0) -> None:
        self._wall = start or datetime(2026, 1, 5, 17, 30, tzinfo=UTC)
        if self._wall.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._mono = monotonic

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward; use jump_wall() to fake a clock change")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock, as when the user or NTP changes it."""
        self._wall += timedelta(seconds=seconds)


def monday_of(day: date) -> date:
    """The Monday that starts ``day``'s week (weeks run Monday to Sunday, as
    the week strip, the Week page, the running load and the calendar count them)."""
    return day - timedelta(days=day.weekday())

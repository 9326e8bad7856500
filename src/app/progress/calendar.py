"""Training days for the History calendar: which local days had sessions.

Pure Python. Sessions are stored in UTC; a day is the athlete's own calendar
day, so a session at 23:30 local time belongs to that evening whatever the
UTC date says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

# Sets in a day from which each shade of the calendar starts: a short
# mobility day, a usual session, a long one, a double day.
LEVEL_FROM_SETS = (1, 6, 13, 21)


@dataclass(frozen=True)
class CalendarSession:
    """One logged session with at least one set, as the calendar needs it."""

    id: int
    started_at: datetime  # aware, UTC
    title: str
    sets: int


@dataclass(frozen=True)
class TrainingDay:
    day: date
    sessions: tuple[CalendarSession, ...]  # in the order they started

    @property
    def sets(self) -> int:
        return sum(s.sets for s in self.sessions)

    @property
    def session_ids(self) -> tuple[int, ...]:
        return tuple(s.id for s in self.sessions)

    @property
    def level(self) -> int:
        """0 (no set) to len(LEVEL_FROM_SETS): how much was done that day."""
        return sum(1 for start in LEVEL_FROM_SETS if self.sets >= start)


def year_range(year: int) -> tuple[datetime, datetime]:
    """UTC bounds that hold every session of the local ``year``, with a day
    to spare at each end for any time zone (``training_days`` drops the rest)."""
    first = datetime.combine(date(year, 1, 1), time(), tzinfo=UTC) - timedelta(days=1)
    last = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=UTC) + timedelta(days=1)
    return first, last


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def training_days(sessions: Iterable[CalendarSession], year: int) -> dict[date, TrainingDay]:
    """The local days of ``year`` that had sessions, each with its sessions."""
    by_day: dict[date, list[CalendarSession]] = {}
    for session in sessions:
        day = local_day(session.started_at)
        if day.year == year:
            by_day.setdefault(day, []).append(session)
    return {day: TrainingDay(day, tuple(sorted(found, key=lambda s: (s.started_at, s.id))))
            for day, found in by_day.items()}

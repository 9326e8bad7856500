"""Events out as an iCalendar file (issue 18, point 8: the planned week).

What goes in is decided above (app.usecases.week.calendar_events: the
strength days the scheduler placed and the planned runs and races they were
placed around); this module only writes events: all-day, or timed when
``start`` is given. The caller gives each event a UID that stays the same
across exports, so importing the file again (or a calendar subscribed to it)
updates its events instead of adding copies. ``DTSTAMP`` is the export's
time, as RFC 5545 asks.

icalendar is imported when a file is written, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.kernel.atomic import atomic_write

PRODID = "-//Hamstride//The running week//EN"
UID_DOMAIN = "hamstride.local"


@dataclass(frozen=True)
class CalendarEvent:
    """One event: all-day on ``day``, or from ``start`` for ``minutes``.
    ``transparent``: shown as free time (a planned run is the athlete's
    plan, not an appointment)."""

    uid: str
    summary: str
    description: str
    day: date
    start: datetime | None = None
    minutes: int = 60
    transparent: bool = False
    category: str | None = None


def uid_of(*parts: object) -> str:
    """A UID from stable parts ("strength", enrolment uid, session number)."""
    return "-".join(str(p) for p in parts) + f"@{UID_DOMAIN}"


def calendar_bytes(events: Sequence[CalendarEvent], now: datetime, name: str) -> bytes:
    """The iCalendar text of ``events`` (one per UID: the first kept), the
    calendar called ``name``; ``now`` is every event's DTSTAMP."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = now.astimezone(UTC)
    seen: set[str] = set()
    for item in events:
        if item.uid in seen:  # a calendar given two would keep either
            continue
        seen.add(item.uid)
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        if item.start is not None:
            event.add("dtstart", item.start)
            event.add("dtend", item.start + timedelta(minutes=item.minutes))
        else:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.transparent:
            event.add("transp", "TRANSPARENT")
        if item.category:
            event.add("categories", [item.category])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def export_calendar(events: Sequence[CalendarEvent], destination: Path, now: datetime,
                    name: str) -> None:
    """Write the calendar to ``destination`` atomically: a reader never sees
    half a file, and a target that exists and is not a regular file (a
    folder, a device, a pipe) is refused (app.kernel.atomic.check_target)."""
    data = calendar_bytes(events, now, name)
    with atomic_write(destination, mode="wb") as handle:
        handle.write(data)

"""Calendar weeks (app.kernel.clock.monday_of): the one Monday every week
count uses (the week strip, the Week page, the running load, the calendar)."""

from __future__ import annotations

from datetime import date

from app.kernel.clock import monday_of


def test_a_week_starts_on_monday() -> None:
    assert monday_of(date(2026, 12, 8)) == date(2026, 12, 7)   # a Tuesday
    assert monday_of(date(2026, 12, 7)) == date(2026, 12, 7)   # a Monday is its own
    assert monday_of(date(2026, 12, 13)) == date(2026, 12, 7)  # a Sunday ends the week

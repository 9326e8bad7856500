"""app.exchange.calendar_out: events written as iCalendar, read back with
the same library a calendar app would use."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from app.exchange.calendar_out import CalendarEvent, calendar_bytes, export_calendar, uid_of
from app.kernel.atomic import NotARegularFileError

NOW = datetime(2027, 4, 12, 6, 30, tzinfo=UTC)


def _read(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_all_day_and_timed_events_with_their_words_and_stamp() -> None:
    events = [
        CalendarEvent(uid_of("strength", "e1", 3), "Strength: Week 1 · session 2 of 2",
                      "After the quality run, ideally 6 hours or more later.\nRule bent: x.",
                      date(2027, 4, 14), category="Hamstring strength"),
        CalendarEvent(uid_of("strength", "e1", 4), "Strength: Week 2", "From 14:00.",
                      date(2027, 4, 15), start=datetime(2027, 4, 15, 14, tzinfo=UTC), minutes=60),
        CalendarEvent(uid_of("run", "2027-04-16", 0), "Quality run", "Planned.",
                      date(2027, 4, 16), transparent=True),
    ]
    data = calendar_bytes(events, NOW, "Hamstride: strength around the runs")
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "Hamstride: strength around the runs"
    assert str(calendar["prodid"]) == "-//Hamstride//The running week//EN"
    whole, timed, run = _read(data)
    assert str(whole["uid"]) == "strength-e1-3@hamstride.local"
    assert whole.decoded("dtstart") == date(2027, 4, 14)
    assert whole.decoded("dtend") == date(2027, 4, 15)
    assert str(whole["description"]).endswith("Rule bent: x.")
    assert whole.decoded("dtstamp") == NOW
    assert timed.decoded("dtstart") == datetime(2027, 4, 15, 14, tzinfo=UTC)
    assert timed.decoded("dtend") == datetime(2027, 4, 15, 15, tzinfo=UTC)
    assert str(run["transp"]) == "TRANSPARENT" and "transp" not in whole


def test_one_event_per_uid() -> None:
    twice = [CalendarEvent("a@x", "first", "", date(2027, 4, 14)),
             CalendarEvent("a@x", "second", "", date(2027, 4, 15))]
    (only,) = _read(calendar_bytes(twice, NOW, "c"))
    assert str(only["summary"]) == "first"


def test_the_file_is_written_private_and_a_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    export_calendar([CalendarEvent("a@x", "s", "", date(2027, 4, 14))], target, NOW, "c")
    assert len(_read(target.read_bytes())) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(NotARegularFileError):
        export_calendar([], folder, NOW, "c")
    assert folder.is_dir() and not list(folder.iterdir())

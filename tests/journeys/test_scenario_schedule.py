"""Scenarios a coach can read: an athlete follows a program from a start date
on the days they chose, trains day by day on a fake clock, and each test reads
what Today says: the session due, its week label and the week strip
(Monday to Sunday: which session is planned or done on each day).

The rules (see app.coaching.schedule): program week k is the k-th block of 7
days from the start date; never two sessions on one day; consecutive days only
when the athlete chose both; a 2-3 a week program runs 3 a week on 3 days.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.coaching.schedule import check_weekdays
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.usecases.today import TodayView
from helpers.coaching_log import (
    FRI,
    MON,
    SAT,
    SHORT,
    SUN,
    THU,
    WED,
    evening,
    go_to,
    today,
    training_log,
    week,
)

log = training_log  # the fixture: the athlete's log, on this file's clock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(evening(date(2026, 1, 4)))  # Sunday 4 January 2026, 6 pm


def follow(log: Store, slug: str, start: date, days: tuple[int, ...], first_day: int = 1) -> None:
    log.enrol(slug, start, days, first_day=first_day)


def train(log: Store, clock: FakeClock, view: TodayView) -> None:
    """Do the session Today says is due, now (one set logged)."""
    assert view.due is not None
    session = log.start_session(title=view.program.name, program_slug=view.program.slug,
                                program_day=view.due.day_number)
    log.log_set(session.id, SetEntry(view.lines[0].slug, 1, reps=5))
    clock.advance(30 * 60)
    log.end_session(session.id)


def due_line(view: TodayView) -> str:
    """"day 4 · Week 2 · session 1 of 3 · planned Mon 12"."""
    assert view.due is not None
    planned = view.due.planned_date
    return (f"day {view.due.day_number} · {view.label} · planned "
            f"{SHORT[planned.weekday()]} {planned.day}")


def test_a_sunday_start_puts_the_first_three_sessions_on_three_days(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Sunday 4 January: the athlete follows Heavy gym on Monday, Wednesday and
    Friday. Nothing is due that Sunday; the first week runs Sunday to
    Saturday, so sessions 1, 2 and 3 fall on Monday, Wednesday and Friday, one
    a day, three a week because three days were chosen."""
    follow(log, "heavy-gym", date(2026, 1, 4), (MON, WED, FRI))
    view = today(paths, clock)
    assert due_line(view) == "day 1 · Week 1 · session 1 of 3 · planned Mon 5"
    assert view.due is not None and view.due.overdue_days == 0
    assert week(view)[-1] == "Sun 4: rest"
    go_to(clock, date(2026, 1, 5))
    view = today(paths, clock)
    assert week(view) == ["Mon 5: day 1 planned", "Tue 6: rest", "Wed 7: day 2 planned",
                          "Thu 8: rest", "Fri 9: day 3 planned", "Sat 10: rest", "Sun 11: rest"]


def test_three_chosen_days_keep_a_two_to_three_a_week_program_at_three(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Monday 5 January: Heavy gym on Monday, Wednesday and Friday. The athlete
    trains on each of the three days; the next Monday Today says week 2 has
    begun, session 1 of 3, and the strip plans Monday, Wednesday and Friday
    again: the program advises 2-3 a week and the athlete chose 3."""
    follow(log, "heavy-gym", date(2026, 1, 5), (MON, WED, FRI))
    for day in (date(2026, 1, 5), date(2026, 1, 7), date(2026, 1, 9)):
        go_to(clock, day)
        train(log, clock, today(paths, clock))
    go_to(clock, date(2026, 1, 11))
    assert week(today(paths, clock)) == [
        "Mon 5: day 1 done", "Tue 6: rest", "Wed 7: day 2 done", "Thu 8: rest",
        "Fri 9: day 3 done", "Sat 10: rest", "Sun 11: rest"]
    go_to(clock, date(2026, 1, 12))
    view = today(paths, clock)
    assert due_line(view) == "day 4 · Week 2 · session 1 of 3 · planned Mon 12"
    assert week(view) == ["Mon 12: day 4 planned", "Tue 13: rest", "Wed 14: day 5 planned",
                          "Thu 15: rest", "Fri 16: day 6 planned", "Sat 17: rest", "Sun 18: rest"]
    # Monday's session 4 is not missed while Monday lasts: 3 of 3 so far.
    assert view.adherence.done == 3 and view.adherence.planned_so_far == 3


def test_two_chosen_days_keep_it_at_two(paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """The same program on Monday and Thursday: two a week, with two rest days
    after Monday and three after Thursday."""
    follow(log, "heavy-gym", date(2026, 1, 5), (MON, THU))
    go_to(clock, date(2026, 1, 12))
    view = today(paths, clock)
    assert due_line(view) == "day 1 · Week 1 · session 1 of 2 · planned Mon 5"
    assert week(view) == ["Mon 12: day 3 planned", "Tue 13: rest", "Wed 14: rest",
                          "Thu 15: day 4 planned", "Fri 16: rest", "Sat 17: rest", "Sun 18: rest"]


def test_a_wednesday_start_counts_weeks_from_the_start(paths: AppPaths, clock: FakeClock,
                                                      log: Store) -> None:
    """Wednesday 7 January: the Nordic program on Monday, Wednesday and Friday.
    Week 1 (one session) is that Wednesday; week 1 lasts until Tuesday, so the
    Monday after is a rest day and week 2's two sessions come on Wednesday
    and Friday, the Today strip and the due line agreeing."""
    go_to(clock, date(2026, 1, 7))
    follow(log, "nordic-programme", date(2026, 1, 7), (MON, WED, FRI))
    view = today(paths, clock)
    assert due_line(view) == "day 1 · Week 1 · session 1 of 1 · planned Wed 7"
    assert week(view)[:3] == ["Mon 5: rest", "Tue 6: rest", "Wed 7: day 1 planned"]
    train(log, clock, view)
    go_to(clock, date(2026, 1, 12))
    view = today(paths, clock)
    assert due_line(view) == "day 2 · Week 2 · session 1 of 2 · planned Wed 14"
    assert week(view) == ["Mon 12: rest", "Tue 13: rest", "Wed 14: day 2 planned", "Thu 15: rest",
                          "Fri 16: day 3 planned", "Sat 17: rest", "Sun 18: rest"]


def test_one_chosen_day_adds_days_with_a_rest_day_around_them(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Monday only, on the Nordic program: week 3 needs three sessions, so the
    plan adds Thursday and Saturday (a rest day before and after each), never
    a day next to another session; Today's note says to choose three days."""
    follow(log, "nordic-programme", date(2026, 1, 5), (MON,))
    go_to(clock, date(2026, 1, 19))  # week 3
    view = today(paths, clock)
    assert week(view) == ["Mon 19: day 4 planned", "Tue 20: rest", "Wed 21: rest",
                          "Thu 22: day 5 planned", "Fri 23: rest", "Sat 24: day 6 planned",
                          "Sun 25: rest"]
    note = check_weekdays(view.program, (MON,))
    assert note is not None and note.startswith("Nordic program has weeks of 3 sessions: "
                                                "choose at least 3 days.")


def test_back_to_back_only_on_days_the_athlete_chose_and_was_told_about(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """Saturday, Sunday and Wednesday on the Nordic program: in week 3 the
    sessions fall on Saturday and Sunday, back to back because the athlete
    chose both, and the note says so with the articles' rest-day rule."""
    follow(log, "nordic-programme", date(2026, 1, 3), (WED, SAT, SUN))
    go_to(clock, date(2026, 1, 19))  # week 3 runs Saturday 17 to Friday 23
    view = today(paths, clock)
    assert week(view) == ["Mon 19: rest", "Tue 20: rest", "Wed 21: day 6 planned", "Thu 22: rest",
                          "Fri 23: rest", "Sat 24: day 7 planned", "Sun 25: day 8 planned"]
    note = check_weekdays(view.program, (WED, SAT, SUN))
    assert note is not None and note.startswith("Back to back: Saturday and Sunday.")
    assert "rest day between hamstring sessions" in note


def test_a_restart_begins_at_the_restart_weeks_first_session(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """After a layoff the athlete restarts the Nordic program at week 3
    (session 4) on Wednesday 4 March, Monday, Wednesday and Friday. Sessions 1
    to 3 count as done; Today says session 4, Week 3 · session 1 of 3, is due
    that Wednesday, and the strip plans 4 on Wednesday and 5 on Friday."""
    go_to(clock, date(2026, 3, 4))
    follow(log, "nordic-programme", date(2026, 3, 4), (MON, WED, FRI), first_day=4)
    view = today(paths, clock)
    assert due_line(view) == "day 4 · Week 3 · session 1 of 3 · planned Wed 4"
    assert week(view) == ["Mon 2: rest", "Tue 3: rest", "Wed 4: day 4 planned", "Thu 5: rest",
                          "Fri 6: day 5 planned", "Sat 7: rest", "Sun 8: rest"]
    # The restart's first session is today's: not counted until it is done.
    assert view.adherence.planned_so_far == 0 and view.adherence.ratio is None
    train(log, clock, view)
    go_to(clock, date(2026, 3, 9))
    view = today(paths, clock)
    assert due_line(view) == "day 5 · Week 3 · session 2 of 3 · planned Fri 6"
    assert view.due is not None and view.due.overdue_days == 3


def test_the_week_strip_never_shows_two_sessions_on_a_day(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """A Saturday start of the Nordic program on Saturday and Sunday only:
    every week's sessions (up to three) fall on separate days for ten weeks."""
    follow(log, "nordic-programme", date(2026, 1, 10), (SAT, SUN))
    for days in range(0, 70, 7):
        go_to(clock, date(2026, 1, 10) + timedelta(days=days))
        strip = today(paths, clock).strip
        assert all(len(day.planned) <= 1 for day in strip), week(today(paths, clock))

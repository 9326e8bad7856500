"""A program on the calendar, with fixed dates: week placement, the session due,
the week strip and adherence."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.loader import load_programs_strict, program_from_dict, programs_dir
from app.coaching.model import Program
from app.coaching.schedule import (
    Adherence,
    DueSession,
    adherence,
    check_weekdays,
    date_of_day,
    first_day_of_week,
    next_due,
    place_of_day,
    planned_dates,
    sessions_in_week,
    week_strip,
)
from app.kernel.resources import resources_dir

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture(scope="module")
def builtin(catalog: Catalog) -> dict[str, Program]:
    return {p.slug: p for p in load_programs_strict(programs_dir(resources_dir()), catalog)}


@pytest.fixture(scope="module")
def nordic(builtin: dict[str, Program]) -> Program:
    return builtin["nordic-programme"]


def make(catalog: Catalog, per_week: list[int], **extra: Any) -> Program:
    """A program whose week k has per_week[k-1] one-exercise sessions."""
    session = {"exercises": [{"exercise": "glute-bridge", "sets": 2, "reps": [10, 12],
                              "rest_s": 60}]}
    data = {"slug": "t", "name": "Test", "summary": "s", "description": "d", "level": "beginner",
            "sources": ["article-improve-running"],
            "weeks": [{"number": i, "sessions": [session] * n} for i, n in enumerate(per_week, 1)],
            **extra}
    return program_from_dict(data, "t.toml", catalog)


def _dates(pairs: list[tuple[int, date]]) -> list[date]:
    return [d for _n, d in pairs]


# --------------------------------------------------------------------------
# Placement
# --------------------------------------------------------------------------


def test_the_nordic_programme_on_monday_wednesday_friday(nordic: Program) -> None:
    start = date(2026, 1, 5)  # a Monday
    placed = planned_dates(nordic, start, (MON, WED, FRI), date(2026, 3, 15))
    assert [n for n, _ in placed] == list(range(1, 28))
    assert _dates(placed)[:6] == [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 14),
                                  date(2026, 1, 19), date(2026, 1, 21), date(2026, 1, 23)]
    assert placed[-1] == (27, date(2026, 3, 13))  # the Friday of week 10
    # Then once a week, on the first chosen day.
    assert date_of_day(nordic, start, (MON, WED, FRI), 28) == date(2026, 3, 16)
    assert date_of_day(nordic, start, (MON, WED, FRI), 29) == date(2026, 3, 23)
    more = planned_dates(nordic, start, (MON, WED, FRI), date(2026, 4, 5))
    assert more[27:] == [(28, date(2026, 3, 16)), (29, date(2026, 3, 23)), (30, date(2026, 3, 30))]


def test_a_start_mid_week_plans_nothing_before_it(nordic: Program) -> None:
    # Issue 16 changed this: program week k is the k-th block of 7 days from
    # the start date (before, the calendar week holding the start date).
    days = (MON, WED, FRI)
    # Wednesday start: week 1 is Wednesday 7 to Tuesday 13, week 2 from Wednesday 14.
    assert planned_dates(nordic, date(2026, 1, 7), days, date(2026, 1, 18)) == [
        (1, date(2026, 1, 7)), (2, date(2026, 1, 14)), (3, date(2026, 1, 16))]
    # Thursday start: the Friday.
    assert planned_dates(nordic, date(2026, 1, 8), days, date(2026, 1, 11)) == [(1, date(2026, 1, 9))]
    # Saturday start: the first chosen day of its 7 days, Monday; nothing on
    # a day the athlete did not choose.
    assert planned_dates(nordic, date(2026, 1, 10), days, date(2026, 1, 11)) == []
    assert planned_dates(nordic, date(2026, 1, 10), days, date(2026, 1, 23)) == [
        (1, date(2026, 1, 12)), (2, date(2026, 1, 19)), (3, date(2026, 1, 21))]
    for start in (date(2026, 1, 6) + timedelta(days=i) for i in range(7)):
        assert all(d >= start for d in _dates(planned_dates(nordic, start, days, date(2026, 4, 1))))


def test_fewer_weekdays_than_sessions_spreads_the_extra_ones(nordic: Program) -> None:
    start = date(2026, 1, 5)
    placed = dict(planned_dates(nordic, start, (MON,), date(2026, 2, 1)))
    assert [placed[n] for n in (2, 3)] == [date(2026, 1, 12), date(2026, 1, 15)]  # Mon, Thu
    assert [placed[n] for n in (4, 5, 6)] == [date(2026, 1, 19), date(2026, 1, 22),
                                              date(2026, 1, 24)]  # Mon, Thu, Sat: a day between
    two = dict(planned_dates(nordic, start, (MON, THU), date(2026, 2, 1)))
    assert [two[n] for n in (4, 5, 6)] == [date(2026, 1, 19), date(2026, 1, 22), date(2026, 1, 24)]
    assert check_weekdays(nordic, (MON,)) == (
        "Nordic program has weeks of 3 sessions: choose at least 3 days. Until then, the extra "
        "sessions go on other days, each with a rest day before and after it; a week with no "
        "such day left takes longer.")
    assert check_weekdays(nordic, (MON, WED, FRI)) is None
    assert check_weekdays(nordic, ()) == "Choose at least one training day."


def test_a_late_start_never_doubles_up(catalog: Catalog) -> None:
    # Issue 16 changed this: a Sunday start used to put the first week's three
    # sessions on that Sunday; week 1 is now the 7 days from the start date.
    program = make(catalog, [3, 3])
    placed = planned_dates(program, date(2026, 1, 11), (MON, WED, FRI), date(2026, 1, 24))
    assert placed == [(1, date(2026, 1, 12)), (2, date(2026, 1, 14)), (3, date(2026, 1, 16)),
                      (4, date(2026, 1, 19)), (5, date(2026, 1, 21)), (6, date(2026, 1, 23))]
    # Saturday start: the same days, one session each.
    placed = planned_dates(program, date(2026, 1, 10), (MON, WED, FRI), date(2026, 1, 17))
    assert _dates(placed) == [date(2026, 1, 12), date(2026, 1, 14), date(2026, 1, 16)]
    # No days chosen at all: still placed, a rest day around each (Mon, Thu, Sat).
    placed = planned_dates(program, date(2026, 1, 5), (), date(2026, 1, 11))
    assert _dates(placed) == [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 10)]


def test_across_the_year_end(catalog: Catalog) -> None:
    program = make(catalog, [2], repeat=True)
    start = date(2025, 12, 31)  # a Wednesday; its week runs Mon 29 Dec to Sun 4 Jan
    # Issue 16 changed this: week 1 is Wednesday 31 December to Tuesday 6
    # January (it was the calendar week, which put session 2 on a Saturday
    # the athlete had not chosen).
    placed = planned_dates(program, start, (MON, THU), date(2026, 1, 11))
    assert placed == [(1, date(2026, 1, 1)), (2, date(2026, 1, 5)), (3, date(2026, 1, 8))]
    due = next_due(program, start, (MON, THU), {1}, date(2026, 1, 6))
    assert due == DueSession(2, date(2026, 1, 5), 1)


def test_a_week_with_a_clock_change_is_seven_days_like_any_other(catalog: Catalog) -> None:
    program = make(catalog, [4], repeat=True)
    start = date(2026, 3, 23)  # clocks change in Europe on Sunday 29 March 2026
    placed = planned_dates(program, start, (MON, WED, FRI, SUN), date(2026, 4, 5))
    assert _dates(placed) == [date(2026, 3, 23), date(2026, 3, 25), date(2026, 3, 27),
                              date(2026, 3, 29), date(2026, 3, 30), date(2026, 4, 1),
                              date(2026, 4, 3), date(2026, 4, 5)]
    result = adherence(program, start, (MON, WED, FRI, SUN), [date(2026, 3, 27), date(2026, 4, 1)],
                       date(2026, 4, 2))
    assert result.longest_gap_days == 5 and result.current_gap_days == 1


def test_a_finite_program_ends(catalog: Catalog) -> None:
    program = make(catalog, [1, 2])
    start = date(2026, 1, 5)
    assert planned_dates(program, start, (TUE, FRI), date(2026, 12, 31)) == [
        (1, date(2026, 1, 6)), (2, date(2026, 1, 13)), (3, date(2026, 1, 16))]
    assert sessions_in_week(program, 3) == 0
    assert next_due(program, start, (TUE, FRI), {1, 2, 3}, date(2026, 2, 1)) is None
    assert next_due(program, start, (TUE, FRI), {1, 3}, date(2026, 2, 1)) == DueSession(
        2, date(2026, 1, 13), 19)
    with pytest.raises(ValueError, match="3 sessions, not 4"):
        place_of_day(program, 4)


def test_a_repeating_program_runs_its_weeks_again(builtin: dict[str, Program]) -> None:
    program = builtin["advanced"]  # one week of two sessions, A and B
    start = date(2026, 2, 2)
    placed = planned_dates(program, start, (TUE, FRI), date(2026, 3, 1))
    assert [n for n, _ in placed] == list(range(1, 9))
    assert _dates(placed)[-2:] == [date(2026, 2, 24), date(2026, 2, 27)]
    assert [program.day(n)[1].name for n, _ in placed[:4]] == ["Session A", "Session B"] * 2
    assert place_of_day(program, 7).week == 4


def test_day_numbers_weeks_and_program_days_agree(builtin: dict[str, Program],
                                                  catalog: Catalog) -> None:
    for program in [*builtin.values(), make(catalog, [1, 3, 2], repeat=True)]:
        days = range(1, (program.planned_sessions * 3 if program.open_ended
                         else program.planned_sessions) + 1)
        for n in days:
            place = place_of_day(program, n)
            week, day = program.day(n)
            assert first_day_of_week(program, place.week) + place.position - 1 == n
            assert sessions_in_week(program, place.week) == place.count == len(week.days)
            assert week.days[place.position - 1] is day
        placed = planned_dates(program, date(2026, 1, 7), (MON, THU), date(2026, 9, 1))
        assert [n for n, _ in placed] == list(range(1, len(placed) + 1))
        assert _dates(placed) == sorted(_dates(placed))


def test_weekdays_out_of_range_are_refused(nordic: Program) -> None:
    with pytest.raises(ValueError, match="weekdays"):
        planned_dates(nordic, date(2026, 1, 5), (7,), date(2026, 2, 1))


# --------------------------------------------------------------------------
# The session due
# --------------------------------------------------------------------------


def test_the_session_due_is_the_lowest_not_done(nordic: Program) -> None:
    start, days = date(2026, 1, 5), (MON, WED, FRI)
    assert next_due(nordic, start, days, set(), date(2026, 1, 1)) == DueSession(1, start, 0)
    assert next_due(nordic, start, days, set(), date(2026, 1, 8)) == DueSession(1, start, 3)
    # Done late still counts: day 3 was skipped, 4 was done; 3 is due, with its own date.
    assert next_due(nordic, start, days, {1, 2, 4}, date(2026, 1, 20)) == DueSession(
        3, date(2026, 1, 14), 6)
    # After the 27 planned sessions: maintenance, for good.
    due = next_due(nordic, start, days, set(range(1, 28)), date(2026, 3, 20))
    assert due == DueSession(28, date(2026, 3, 16), 4)


# --------------------------------------------------------------------------
# The week strip
# --------------------------------------------------------------------------


def test_the_week_strip(nordic: Program) -> None:
    start, days = date(2026, 1, 5), (MON, WED, FRI)
    today = date(2026, 1, 21)  # Wednesday of week 3 (days 4, 5, 6)
    done = {date(2026, 1, 5): [1], date(2026, 1, 12): [2], date(2026, 1, 15): [3],
            date(2026, 1, 20): [4]}
    strip = week_strip(nordic, start, days, done, today)
    assert [s.date for s in strip] == [date(2026, 1, 19) + timedelta(days=i) for i in range(7)]
    assert [(s.planned, s.done, s.status) for s in strip] == [
        ((4,), (), "done"),      # Monday's session, done on Tuesday
        ((), (4,), "done"),      # Tuesday: the session moved here
        ((5,), (), "planned"),   # today
        ((), (), "rest"),
        ((6,), (), "planned"),
        ((), (), "rest"),
        ((), (), "rest"),
    ]
    assert [s.today for s in strip] == [False, False, True, False, False, False, False]
    # A week later, with nothing done: the past session is missed.
    strip = week_strip(nordic, start, days, done, date(2026, 1, 28))
    assert [s.status for s in strip if s.planned] == ["missed", "planned", "planned"]


def test_the_week_strip_before_the_start_and_after_the_end(catalog: Catalog) -> None:
    program = make(catalog, [1])
    before = week_strip(program, date(2026, 1, 14), (MON,), {}, date(2026, 1, 7))
    assert all(s.status == "rest" and not s.planned for s in before)
    after = week_strip(program, date(2026, 1, 5), (MON,), {date(2026, 1, 20): [1]},
                       date(2026, 1, 21))
    assert [s.status for s in after] == ["rest", "done", "rest", "rest", "rest", "rest", "rest"]


# --------------------------------------------------------------------------
# Adherence
# --------------------------------------------------------------------------


def test_adherence(nordic: Program) -> None:
    start, days = date(2026, 1, 5), (MON, WED, FRI)
    done = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 14), date(2026, 2, 2)]
    result = adherence(nordic, start, days, done, date(2026, 2, 6))
    # Planned before Friday 6 Feb: 1 + 2 + 3 + 3 + 2 = 11; Friday's own session
    # is not missed while Friday lasts.
    assert result == Adherence(done=4, planned_so_far=11, ratio=4 / 11, longest_gap_days=19,
                               current_gap_days=4)
    # Done today, today's session counts: 5 of 12.
    done_today = adherence(nordic, start, days, [*done, date(2026, 2, 6)], date(2026, 2, 6))
    assert (done_today.done, done_today.planned_so_far) == (5, 12)
    # The day after, a session planned and not done is missed: 4 of 12.
    assert adherence(nordic, start, days, done, date(2026, 2, 7)).planned_so_far == 12
    # The current gap counts once it is the longest.
    assert adherence(nordic, start, days, done, date(2026, 3, 2)).longest_gap_days == 28


def test_adherence_at_the_edges(nordic: Program) -> None:
    start, days = date(2026, 1, 5), (MON, WED, FRI)
    assert adherence(nordic, start, days, [], date(2026, 1, 1)) == Adherence(0, 0, None, 0, 0)
    assert adherence(nordic, start, days, [], date(2026, 1, 9)) == Adherence(0, 1, 0.0, 4, 4)
    # Sessions before the start (an earlier go) and extra ones do not push past 100%.
    extra = [date(2025, 12, 1), date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)]
    result = adherence(nordic, start, days, extra, date(2026, 1, 9))
    assert result.done == 3 and result.ratio == 1.0 and result.longest_gap_days == 2

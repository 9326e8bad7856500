"""The scheduler's rules, checked over every case: every built-in program (and
a few made-up shapes) x every start weekday x every set of chosen training
days (127 of them), for 20 weeks.

- never two sessions on one day;
- never on consecutive days unless the athlete chose both weekdays, and
  then ``check_weekdays`` names those days;
- a Sunday start puts sessions 1-3 on three different days;
- a program that advises 2-3 a week runs 3 a week on 3 chosen days (2 on 2);
- the Nordic programme keeps its published weekly counts (1, 2, 3 ... 3, then 1);
- an enrolment that begins at a later session (``first_day``) follows the same rules.
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from app.catalog import Catalog, load_catalog_strict
from app.coaching.loader import load_programs_strict, program_from_dict, programs_dir
from app.coaching.model import Program
from app.coaching.planning import day_label
from app.coaching.schedule import (
    DueSession,
    adherence,
    back_to_back,
    check_weekdays,
    date_of_day,
    first_day_of_week,
    frequency_note,
    next_due,
    place_of_day,
    planned_dates,
    training_weekdays,
    week_strip,
    weekly_rate,
)
from app.coaching.words import weekday_name
from app.kernel.resources import resources_dir

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FIRST_MONDAY = date(2026, 1, 5)
STARTS = tuple(FIRST_MONDAY + timedelta(days=i) for i in range(7))  # Monday to Sunday
SUBSETS = tuple(tuple(c) for r in range(1, 8) for c in itertools.combinations(range(7), r))
WEEKS = 20
Placed = list[tuple[int, date]]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def make(catalog: Catalog, slug: str, per_week: list[int], **extra: Any) -> Program:
    """A program whose week k has per_week[k-1] one-exercise sessions."""
    session = {"exercises": [{"exercise": "glute-bridge", "sets": 2, "reps": [10, 12],
                              "rest_s": 60}]}
    data = {"slug": slug, "name": slug, "summary": "s", "description": "d",
            "level": "beginner", "sources": ["article-improve-running"],
            "weeks": [{"number": i, "sessions": [session] * n} for i, n in enumerate(per_week, 1)],
            **extra}
    return program_from_dict(data, f"{slug}.toml", catalog)


@pytest.fixture(scope="module")
def programs(catalog: Catalog) -> dict[str, Program]:
    built_in = {p.slug: p for p in load_programs_strict(programs_dir(resources_dir()), catalog)}
    made = [make(catalog, "three-then-three", [3, 3]),
            make(catalog, "mixed-repeat", [1, 3, 2], repeat=True),
            make(catalog, "four-a-week", [4], repeat=True, sessions_per_week=[4, 4])]
    return built_in | {p.slug: p for p in made}


@pytest.fixture(scope="module")
def plans(programs: dict[str, Program]) -> dict[tuple[str, date, tuple[int, ...]], Placed]:
    """Every program x start x chosen days: the sessions of its first 20 weeks."""
    return {(slug, start, days): planned_dates(program, start, days,
                                               start + timedelta(weeks=WEEKS))
            for slug, program in programs.items() for start in STARTS for days in SUBSETS}


def _consecutive(placed: Placed) -> list[tuple[date, date]]:
    dates = [d for _n, d in placed]
    return [(a, b) for a, b in itertools.pairwise(dates) if (b - a).days == 1]


def test_every_case_is_covered(plans: dict[tuple[str, date, tuple[int, ...]], Placed]) -> None:
    assert len(SUBSETS) == 127 and len(STARTS) == 7 and {s.weekday() for s in STARTS} == set(range(7))
    assert len(plans) == 9 * 7 * 127
    assert all(placed for placed in plans.values())


def test_never_two_sessions_on_one_day(plans: dict[tuple[str, date, tuple[int, ...]],
                                                  Placed]) -> None:
    for key, placed in plans.items():
        doubled = [d for d, n in Counter(d for _n, d in placed).items() if n > 1]
        assert not doubled, (key, doubled)


def test_sessions_in_order_and_never_before_the_start(
        plans: dict[tuple[str, date, tuple[int, ...]], Placed]) -> None:
    for (slug, start, days), placed in plans.items():
        assert [n for n, _d in placed] == list(range(1, len(placed) + 1)), (slug, start, days)
        dates = [d for _n, d in placed]
        assert dates == sorted(dates) and dates[0] >= start, (slug, start, days)


def test_consecutive_days_only_on_two_chosen_days(
        plans: dict[tuple[str, date, tuple[int, ...]], Placed]) -> None:
    seen = 0
    for (slug, start, days), placed in plans.items():
        for a, b in _consecutive(placed):
            assert a.weekday() in days and b.weekday() in days, (slug, start, days, a, b)
            seen += 1
    assert seen  # the chosen back-to-back days are used (Mon-Tue-Wed for three a week)


def test_chosen_back_to_back_days_are_named(
        programs: dict[str, Program], plans: dict[tuple[str, date, tuple[int, ...]],
                                                  Placed]) -> None:
    for (slug, _start, days), placed in plans.items():
        pairs = _consecutive(placed)
        if not pairs:
            continue
        warning = check_weekdays(programs[slug], days)
        assert warning is not None and "Back to back" in warning, (slug, days)
        assert "rest day" in warning and "Upgrade your running" in warning
        assert "ACSM" in warning
        for a, b in pairs:
            assert weekday_name(a.weekday()) in warning and weekday_name(b.weekday()) in warning


def test_the_runs_of_back_to_back_days_wrap_round_the_week() -> None:
    assert back_to_back((MON, WED, FRI)) == []
    assert back_to_back((MON, SUN)) == [(SUN, MON)]
    assert back_to_back((MON, TUE, SAT, SUN)) == [(SAT, SUN, MON, TUE)]
    assert back_to_back((MON, TUE, THU, FRI)) == [(MON, TUE), (THU, FRI)]
    assert back_to_back(range(7)) == [tuple(range(7))]


def test_sunday_and_monday_are_back_to_back_and_said_calmly(programs: dict[str, Program]) -> None:
    warning = check_weekdays(programs["nordic-programme"], (MON, WED, SUN))
    assert warning == (
        "Back to back: Sunday and Monday. Sessions on these days come without a rest day between "
        "them. The articles advise a rest day between hamstring sessions (\u201cUpgrade your "
        "running: Hamstring exercises for runners\u201d; \u201cImprove Running Performance: "
        "Hamstring Training Benefits & Techniques\u201d), and the ACSM position stand (2009) "
        "about 48 hours before the same muscles work hard again. Keep these days if they suit "
        "your week; the plan puts no other sessions on consecutive days.")
    assert check_weekdays(programs["nordic-programme"], (MON, WED, FRI)) is None
    assert "Monday, Tuesday and Wednesday" in (
        check_weekdays(programs["heavy-gym"], (MON, TUE, WED)) or "")


def test_a_sunday_start_puts_sessions_one_to_three_on_three_days(
        plans: dict[tuple[str, date, tuple[int, ...]], Placed]) -> None:
    sunday = STARTS[-1]
    assert sunday.weekday() == SUN
    for (slug, start, days), placed in plans.items():
        if start != sunday or len(placed) < 3:
            continue
        first_three = [d for n, d in placed if n <= 3]
        assert len(set(first_three)) == 3, (slug, days, first_three)


def _per_block(placed: Placed, start: date, blocks: int) -> list[int]:
    """Sessions in each 7 days from the start date."""
    counts = Counter((d - start).days // 7 for _n, d in placed)
    return [counts[b] for b in range(blocks)]


def test_two_to_three_a_week_programs_run_at_the_days_chosen(
        programs: dict[str, Program], plans: dict[tuple[str, date, tuple[int, ...]],
                                                  Placed]) -> None:
    ranged = ("heavy-gym", "runners-drill", "sample-session")
    assert all(programs[slug].sessions_per_week == (2, 3) for slug in ranged)
    for (slug, start, days), placed in plans.items():
        if slug not in ranged:
            continue
        wanted = 3 if len(days) >= 3 else 2
        assert _per_block(placed, start, WEEKS) == [wanted] * WEEKS, (slug, start, days)
        assert weekly_rate(programs[slug], days) == (3 if wanted == 3 else None)
    # The programs that say 2 a week stay at 2, whatever the days.
    for slug in ("advanced", "beginner-bodyweight"):
        for start in STARTS:
            assert _per_block(plans[slug, start, (MON, WED, FRI)], start, WEEKS) == [2] * WEEKS


def test_three_a_week_is_counted_in_weeks_of_three(programs: dict[str, Program]) -> None:
    heavy = programs["heavy-gym"]
    three, two = (MON, WED, FRI), (MON, THU)
    assert [day_label(heavy, n, three) for n in (1, 3, 4, 6)] == [
        "Week 1 · session 1 of 3", "Week 1 · session 3 of 3", "Week 2 · session 1 of 3",
        "Week 2 · session 3 of 3"]
    assert day_label(heavy, 4, two) == "Week 2 · session 2 of 2" == day_label(heavy, 4)
    # The sessions themselves keep the program's order: 1, 2, 1, 2 ...
    assert [heavy.day(n)[1].name for n in range(1, 5)] == ["Session 1", "Session 2"] * 2
    drill = programs["runners-drill"]  # 8 planned sessions, then maintenance
    assert day_label(drill, 8, three) == "Week 3 · session 2 of 3"
    assert day_label(drill, 9, three) == "Maintenance · week 3 · session 3 of 3"
    assert place_of_day(drill, 10, three).week == 4 and first_day_of_week(drill, 4, three) == 10


def test_the_follow_dialog_words_for_three_a_week(programs: dict[str, Program]) -> None:
    heavy = programs["heavy-gym"]
    assert frequency_note(heavy, (MON, WED, FRI)) == (
        "Heavy gym advises 2-3 sessions a week: with these days you do 3 a week, and Today "
        "counts its weeks that way (\u201cWeek 2 · session 3 of 3\u201d). Choose 2 days to do 2 "
        "a week.")
    assert frequency_note(heavy, (MON, THU)) == (
        "Heavy gym advises 2-3 sessions a week: with these days you do 2 a week. Choose 3 days "
        "to do 3 a week.")
    assert frequency_note(programs["nordic-programme"], (MON, WED, FRI)) is None
    assert frequency_note(programs["advanced"], (MON, WED, FRI)) is None


def test_the_nordic_programme_keeps_its_published_weekly_counts(
        plans: dict[tuple[str, date, tuple[int, ...]], Placed]) -> None:
    published = [1, 2, 3, 3, 3, 3, 3, 3, 3, 3] + [1] * (WEEKS - 10)
    for (slug, start, days), placed in plans.items():
        if slug == "nordic-programme":
            assert _per_block(placed, start, WEEKS) == published, (start, days)


def test_a_week_with_no_room_takes_longer_rather_than_run_days_together(
        programs: dict[str, Program]) -> None:
    four = programs["four-a-week"]
    # Monday only: Thursday and Saturday can be added with a rest day around
    # them, a fourth cannot, so each week of 4 takes two blocks of 7 days.
    assert training_weekdays((MON,), 4) == (MON, THU, SAT)
    placed = planned_dates(four, FIRST_MONDAY, (MON,), FIRST_MONDAY + timedelta(days=27))
    assert [d for _n, d in placed] == [date(2026, 1, 5), date(2026, 1, 8), date(2026, 1, 10),
                                       date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 22),
                                       date(2026, 1, 24), date(2026, 1, 26)]
    assert [place_of_day(four, n).week for n, _d in placed] == [1, 1, 1, 1, 2, 2, 2, 2]


@pytest.mark.parametrize("first_day", [1, 2, 4, 7, 13, 28])
def test_a_later_first_session_follows_the_same_rules(programs: dict[str, Program],
                                                      first_day: int) -> None:
    nordic = programs["nordic-programme"]
    for start in STARTS:
        for days in SUBSETS:
            placed = planned_dates(nordic, start, days, start + timedelta(weeks=8), first_day)
            numbers = [n for n, _d in placed]
            assert numbers == list(range(first_day, first_day + len(numbers)))
            dates = [d for _n, d in placed]
            assert dates[0] >= start and len(set(dates)) == len(dates)
            assert all(a.weekday() in days and b.weekday() in days
                       for a, b in _consecutive(placed))
            # Session first_day is the first planned, and the one due at the start.
            due = next_due(nordic, start, days, set(), start, first_day)
            assert due == DueSession(first_day, dates[0], 0)


def test_a_restart_at_week_three_plans_the_rest_of_that_week_first(
        programs: dict[str, Program]) -> None:
    nordic = programs["nordic-programme"]
    week_three = first_day_of_week(nordic, 3)
    assert week_three == 4
    start = date(2026, 3, 4)  # a Wednesday
    placed = planned_dates(nordic, start, (MON, WED, FRI), date(2026, 3, 17), week_three)
    assert placed == [(4, date(2026, 3, 4)), (5, date(2026, 3, 6)), (6, date(2026, 3, 9)),
                      (7, date(2026, 3, 11)), (8, date(2026, 3, 13)), (9, date(2026, 3, 16))]
    # Earlier sessions count as done; a session done since keeps counting.
    assert next_due(nordic, start, (MON, WED, FRI), {4}, date(2026, 3, 6), week_three) == \
        DueSession(5, date(2026, 3, 6), 0)
    with pytest.raises(ValueError, match="first_day"):
        planned_dates(nordic, start, (MON,), date(2026, 3, 17), 0)
    finite = programs["three-then-three"]
    with pytest.raises(ValueError, match="first_day"):
        planned_dates(finite, start, (MON,), date(2026, 3, 17), 7)


def test_the_strip_the_due_date_and_adherence_agree_with_the_plan(
        programs: dict[str, Program], plans: dict[tuple[str, date, tuple[int, ...]],
                                                  Placed]) -> None:
    """Today's strip, due date and planned count work a date's week out
    directly; they must say what walking the whole plan says (a Monday,
    Thursday and Sunday start: the work out does not depend on the weekday)."""
    for (slug, start, days), placed in plans.items():
        if start.weekday() not in (MON, THU, SUN):
            continue
        program = programs[slug]
        when = dict(placed)
        for n in list(when)[::7]:
            assert date_of_day(program, start, days, n) == when[n], (slug, start, days, n)
        for offset in (-1, 10, 61, 125):  # the strip's Sunday within the 20 weeks
            today = start + timedelta(days=offset)
            # Nothing was done, so today's own session is not counted yet.
            so_far = [n for n, d in placed if d < today]
            assert adherence(program, start, days, [], today).planned_so_far == len(so_far)
            strip = week_strip(program, start, days, {}, today)
            assert [(s.date, s.planned) for s in strip if s.planned] == [
                (d, (n,)) for n, d in placed if strip[0].date <= d <= strip[-1].date]

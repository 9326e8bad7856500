"""app.coaching.running_week's mechanics: the days of a week, never two
sessions on one day, the local day of a run, the weeks placed in a row.
The rules themselves, one scenario each: tests/journeys/test_scenario_running_week.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.coaching.running_week import (
    ProgramSession,
    RunOnDay,
    RunRule,
    day_of,
    place_week,
    place_weeks,
)
from app.logbook.runs import PlannedDay, RaceRecord, RunEntry, RunRecord, RunTag

P = PlannedDay
MONDAY = date(2027, 3, 1)
REST = (P.REST,) * 7
RUNNER = (P.EASY, P.QUALITY, P.REST, P.QUALITY, P.REST, P.EASY, P.LONG)


def _run(start: datetime, tag: RunTag) -> RunRecord:
    return RunRecord(7, RunEntry(started_at=start, duration_s=3600.0, tag=tag))


def test_the_week_holds_seven_days_from_monday_with_planned_runs_and_windows() -> None:
    plan = place_week(MONDAY, RUNNER, [], [], [], 0, True, MONDAY)
    assert plan.monday == MONDAY and [d.day for d in plan.days] == [
        MONDAY + timedelta(days=i) for i in range(7)]
    assert [[str(r.kind) for r in d.runs] for d in plan.days] == [
        ["easy"], ["quality"], [], ["quality"], [], ["easy"], ["long"]]
    assert all(r.planned and r.done is None for d in plan.days for r in d.runs)
    # No program: the windows show, nothing is placed.
    assert [d.in_window for d in plan.days] == [True, False, True, False, False, True, False]
    assert all(d.strength is None for d in plan.days)
    assert plan.bent == () and not plan.race_week


def test_no_two_sessions_on_one_day_and_the_days_left_are_used_once() -> None:
    done = {MONDAY + timedelta(days=2)}
    plan = place_week(MONDAY, REST, [], [], done, 7, False, MONDAY)
    strength = [d for d in plan.days if d.strength is not None]
    assert len(strength) == 7 and len({d.day for d in strength}) == 7
    assert plan.days[2].strength is not None and plan.days[2].strength.done
    assert sum(1 for d in strength if d.strength and d.strength.placed) == 6


def test_a_run_belongs_to_its_local_day_and_replaces_the_planned_one() -> None:
    """23:30 UTC on Tuesday is Wednesday in a UTC+2 zone; Tuesday keeps its
    planned quality run, Wednesday shows the easy run done."""
    plus_two = timezone(timedelta(hours=2))
    run = _run(datetime(2027, 3, 2, 23, 30, tzinfo=UTC), RunTag.EASY)
    plan = place_week(MONDAY, RUNNER, [], [run], [], 0, True, MONDAY, tz=plus_two)
    assert plan.days[2].runs == (RunOnDay(RunTag.EASY, run, planned=False),)
    assert plan.days[1].runs == (RunOnDay(P.QUALITY, None, planned=True),)
    # The same run in UTC replaces Tuesday's planned quality run: no window on Monday.
    in_utc = place_week(MONDAY, RUNNER, [], [run], [], 0, True, MONDAY, tz=UTC)
    assert in_utc.days[1].runs == (RunOnDay(RunTag.EASY, run, planned=False),)
    assert not in_utc.days[0].in_window


def test_a_dated_race_replaces_the_planned_run_of_its_day() -> None:
    race = RaceRecord(3, MONDAY + timedelta(days=6), "Spring 10K")
    plan = place_week(MONDAY, RUNNER, [race], [], [], 0, True, MONDAY)
    (sunday_run,) = plan.days[6].runs
    assert sunday_run.kind is P.RACE and sunday_run.race == race and sunday_run.hard
    assert plan.race_week and plan.note is not None and "Spring 10K" in plan.note


def test_sessions_done_early_leave_the_last_program_days_to_place() -> None:
    """Mon/Wed/Fri, sessions 1 and 2 both done by Tuesday: the session left,
    the third, goes on Friday, the last day the program has this week. From
    today on, the program's days hold the sessions still to do in order (as
    app.usecases.week gives them: Wednesday 3, Friday 4)."""
    sessions = [ProgramSession(n, MONDAY + timedelta(days=o), False, f"day {n}")
                for n, o in ((1, 0), (3, 2), (4, 4))]
    done = {MONDAY, MONDAY + timedelta(days=1)}
    plan = place_week(MONDAY, REST, [], [], done, 3, False, MONDAY + timedelta(days=1),
                      program_sessions=sessions, done_labels={MONDAY: "day 1"})
    placed = [d for d in plan.days if d.strength is not None and d.strength.placed]
    assert [(d.day, d.strength.program_day, d.strength.label) for d in placed  # type: ignore[union-attr]
            ] == [(MONDAY + timedelta(days=4), 3, "day 3")]
    assert plan.days[0].strength is not None and plan.days[0].strength.label == "day 1"
    assert placed[0].reason == "Your program's day: no run asks to move it."


def test_the_weeks_in_a_row_know_the_heavy_session_placed_the_week_before() -> None:
    """A heavy session on Sunday; the next week's Tuesday session sits in the
    window before Wednesday's intervals. Moved, it goes to Wednesday after
    the run rather than to Monday, next to Sunday's heavy session; placed
    alone, without last week, Monday was as good."""
    week = (P.REST, P.REST, P.QUALITY, P.REST, P.REST, P.REST, P.REST)
    sessions = [ProgramSession(1, MONDAY + timedelta(days=6), True),
                ProgramSession(2, MONDAY + timedelta(days=8), True)]
    weeks = place_weeks(MONDAY, 2, week, [], [], [], 1, True, MONDAY, program_sessions=sessions)
    assert weeks[0].days[6].strength is not None
    second = weeks[1]
    assert [d.day for d in second.days if d.strength] == [MONDAY + timedelta(days=9)]
    assert second.days[2].strength is not None
    assert second.days[2].strength.moved_from == MONDAY + timedelta(days=8)
    alone = place_week(MONDAY + timedelta(weeks=1), week, [], [], [], 1, True, MONDAY,
                       program_sessions=sessions)
    assert [d.day for d in alone.days if d.strength] == [MONDAY + timedelta(days=7)]
    assert day_of(second, MONDAY + timedelta(days=9)) is second.days[2]
    assert day_of(second, MONDAY) is None


def test_a_day_that_would_bend_two_rules_is_left_free_for_one_that_bends_one() -> None:
    """Intervals every other day, it is Saturday: Saturday sits between two
    of them (two rules), Sunday after its run only before Monday's (one)."""
    week = (P.QUALITY, P.REST, P.QUALITY, P.REST, P.QUALITY, P.REST, P.QUALITY)
    today = MONDAY + timedelta(days=5)
    plan = place_week(MONDAY, week, [], [], [], 1, True, today,
                      program_sessions=[ProgramSession(1, today, True)])
    saturday = plan.days[5]
    assert saturday.strength is None and saturday.placed_by is RunRule.NO_HEAVY_BEFORE_HARD_RUN
    assert plan.days[6].strength is not None  # Sunday, after its run: one rule bent
    (bent,) = plan.bent
    assert bent.rule is RunRule.NO_HEAVY_BEFORE_HARD_RUN and bent.day == MONDAY + timedelta(days=6)
    # Monday is the day after its intervals, Tuesday the day before the next:
    # Wednesday, after its run.
    assert bent.next_best == MONDAY + timedelta(days=9)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: place_weeks(MONDAY + timedelta(days=1), 1, REST, [], [], [], 1, True, MONDAY),
     "Monday"),
    (lambda: place_weeks(MONDAY, 0, REST, [], [], [], 1, True, MONDAY), "weeks"),
    (lambda: place_weeks(MONDAY, 2, REST, [], [], [], [1], True, MONDAY), "sessions_wanted"),
    (lambda: place_week(MONDAY, REST[:6], [], [], [], 1, True, MONDAY), "7 days"),
])
def test_wrong_arguments_are_refused(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]

"""The running week, told as a coach tells it (issue 18 point 4): a running
week in, the strength days placed around it out, one scenario per rule.

Each test fails if its rule's constant changes: the 48 hours before a hard
run (the day before, by calendar days), 6 hours after the run, the last
Nordics 4 days before a race, half the volume in race week, 2 days without
Nordics after a race, and a hard run counting like a heavy session."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.coaching.running_week import (
    ProgramSession,
    RunRule,
    WeekPlan,
    place_week,
    race_week_sets,
)
from app.logbook.runs import PlannedDay, RaceRecord, RunEntry, RunRecord, RunTag

P = PlannedDay
MONDAY = date(2027, 4, 12)  # a Monday; the race of these scenarios is on Sunday 18 April
RACE = RaceRecord(1, date(2027, 4, 18), "City Marathon")
NO_RUNS = (P.REST,) * 7


def _day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def _week(**days: PlannedDay) -> tuple[PlannedDay, ...]:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return tuple(days.get(name, P.REST) for name in names)


def _heavy(*offsets: int) -> list[ProgramSession]:
    return [ProgramSession(i + 1, _day(o), True, f"session {i + 1}") for i, o in enumerate(offsets)]


def _strength_days(plan: WeekPlan) -> list[date]:
    return [d.day for d in plan.days if d.strength is not None and d.strength.placed]


def _run(day: date, hour: int, tag: RunTag, minutes: int = 60) -> RunRecord:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return RunRecord(1, RunEntry(started_at=start, duration_s=minutes * 60.0, tag=tag,
                                 tag_guessed=False, distance_m=10_000.0))


def test_no_heavy_work_the_day_before_a_quality_run_but_two_days_before_is_fine() -> None:
    """Thursday's intervals: Nordics on Wednesday move (48 h before, by calendar
    days: the day before); on Tuesday they stay, a full day before the run."""
    runs = _week(thu=P.QUALITY)
    plan = place_week(MONDAY, runs, [], [], [], 1, True, MONDAY, program_sessions=_heavy(2))
    wednesday = plan.days[2]
    assert wednesday.in_window and wednesday.strength is None
    assert wednesday.placed_by is RunRule.NO_HEAVY_BEFORE_HARD_RUN
    assert "48 hours" in wednesday.reason and "coaching convention" in wednesday.reason
    assert "moved to Tuesday" in wednesday.reason
    # The nearest day that keeps the rule (Tuesday and Thursday, after the run,
    # are as near: the earlier is taken).
    assert _strength_days(plan) == [_day(1)]
    assert plan.days[1].strength is not None and plan.days[1].strength.moved_from == _day(2)
    assert plan.days[1].placed_by is RunRule.NO_HEAVY_BEFORE_HARD_RUN
    assert plan.days[1].reason.startswith("Moved from Wednesday: Thursday's quality run follows")

    stays = place_week(MONDAY, runs, [], [], [], 1, True, MONDAY, program_sessions=_heavy(1))
    assert not stays.days[1].in_window
    assert _strength_days(stays) == [_day(1)] and stays.days[1].placed_by is None
    assert not stays.bent


def test_on_a_quality_day_strength_comes_six_hours_after_the_run() -> None:
    """Intervals done this morning, 07:00 to 08:00: the session planned today
    stays today, after the run, from 14:00."""
    tuesday = _day(1)
    done = [_run(tuesday, 7, RunTag.QUALITY)]
    plan = place_week(MONDAY, NO_RUNS, [], done, [], 1, True, tuesday,
                      program_sessions=_heavy(1), tz=UTC)
    day = plan.days[1]
    assert day.strength is not None and day.strength.after_run
    assert day.strength.not_before == datetime(2027, 4, 13, 14, tzinfo=UTC)
    assert day.placed_by is RunRule.AFTER_THE_RUN
    assert "14:00" in day.reason and "6 hours" in day.reason
    assert [str(r.kind) for r in day.runs] == ["quality"] and day.runs[0].done is done[0]


def test_race_week_keeps_the_last_nordics_four_days_before_the_race() -> None:
    """Race on Sunday: Nordics on Thursday (3 days before) move to Wednesday
    (4 days before), the last day that keeps the rule."""
    plan = place_week(MONDAY, NO_RUNS, [RACE], [], [], 1, True, MONDAY,
                      program_sessions=_heavy(3))
    assert _strength_days(plan) == [_day(2)]
    thursday = plan.days[3]
    assert thursday.strength is None and thursday.placed_by is RunRule.RACE_WEEK_LAST_NORDIC
    assert "City Marathon" in thursday.reason and "4 days" in thursday.reason
    assert plan.days[2].placed_by is RunRule.RACE_WEEK_LAST_NORDIC
    assert plan.race_week and plan.note is not None and "Wed 14 Apr 2027" in plan.note
    # Wednesday itself is within the rule: a session planned there stays.
    kept = place_week(MONDAY, NO_RUNS, [RACE], [], [], 1, True, MONDAY,
                      program_sessions=_heavy(2))
    assert _strength_days(kept) == [_day(2)] and not kept.bent


def test_race_week_halves_the_volume_in_the_seven_days_up_to_the_race() -> None:
    """Monday 12 April is in the race's week (6 days before): half the sets.
    The Sunday before (7 days before) is not."""
    plan = place_week(MONDAY, NO_RUNS, [RACE], [], [], 1, False, MONDAY,
                      program_sessions=[ProgramSession(1, MONDAY, False, "light")])
    monday = plan.days[0]
    assert monday.strength is not None and monday.strength.half_volume
    assert monday.placed_by is RunRule.RACE_WEEK_HALF_VOLUME and "half the sets" in monday.reason
    week_before = place_week(MONDAY - timedelta(weeks=1), NO_RUNS, [RACE], [], [], 1, False,
                             MONDAY - timedelta(weeks=1),
                             program_sessions=[ProgramSession(1, _day(-1), False, "light")])
    sunday = week_before.days[6]
    assert sunday.strength is not None and not sunday.strength.half_volume
    assert sunday.placed_by is None
    assert [race_week_sets(n) for n in (1, 2, 3, 4, 6)] == [1, 1, 2, 2, 3]


def test_two_days_without_nordics_after_a_race() -> None:
    """Race on Sunday: Nordics planned on Tuesday (2 days after) move to
    Wednesday (3 days after); Monday is kept free as well."""
    next_monday = MONDAY + timedelta(weeks=1)
    plan = place_week(next_monday, NO_RUNS, [RACE], [], [], 1, True, next_monday,
                      program_sessions=[ProgramSession(1, next_monday + timedelta(days=1), True)])
    assert _strength_days(plan) == [next_monday + timedelta(days=2)]
    for index in (0, 1):
        assert plan.days[index].placed_by is RunRule.NO_NORDICS_AFTER_RACE
        assert "City Marathon" in plan.days[index].reason
    assert plan.days[2].placed_by is RunRule.NO_NORDICS_AFTER_RACE


def test_a_hard_run_counts_like_a_heavy_session_for_the_48_hour_rule() -> None:
    """A long run done on Monday; it is Tuesday: heavy work today waits a
    day (a full rest day after a hard run); light work today is not moved."""
    done = [_run(MONDAY, 8, RunTag.LONG, minutes=120)]
    heavy = place_week(MONDAY, NO_RUNS, [], done, [], 1, True, _day(1),
                       program_sessions=_heavy(1), tz=UTC)
    assert _strength_days(heavy) == [_day(2)]
    assert heavy.days[1].placed_by is RunRule.HARD_RUN_COUNTS
    assert "Monday's long run" in heavy.days[1].reason
    light = place_week(MONDAY, NO_RUNS, [], done, [], 1, False, _day(1),
                       program_sessions=[ProgramSession(1, _day(1), False, "bridges")], tz=UTC)
    assert _strength_days(light) == [_day(1)] and light.days[1].placed_by is None


def test_a_week_with_no_good_day_left_bends_one_rule_and_offers_the_next_best_day() -> None:
    """It is Sunday, the week's last session is due today, and Monday's
    intervals follow: no other day is left. The session stays, the rule it
    bends is named with why, and the next day that keeps it is offered."""
    sunday = _day(6)
    plan = place_week(MONDAY, _week(mon=P.QUALITY), [], [], [], 1, True, sunday,
                      program_sessions=_heavy(6))
    assert _strength_days(plan) == [sunday]
    (bent,) = plan.bent
    assert bent.rule is RunRule.NO_HEAVY_BEFORE_HARD_RUN and bent.day == sunday
    assert "Monday's quality run" in bent.why
    assert bent.next_best == sunday + timedelta(days=1)  # Monday, after its run
    assert plan.days[6].placed_by is RunRule.NO_HEAVY_BEFORE_HARD_RUN
    assert plan.note is not None and "Sunday" in plan.note


def test_the_runners_week_puts_strength_on_the_hard_days_after_the_runs() -> None:
    """Easy Monday, intervals Tuesday and Thursday, long run Sunday, and a
    Monday/Wednesday/Friday program: every program day is in a window or the
    day after a hard run, so the sessions go after the three hard runs."""
    runs = _week(mon=P.EASY, tue=P.QUALITY, thu=P.QUALITY, sun=P.LONG)
    plan = place_week(MONDAY, runs, [], [], [], 3, True, MONDAY,
                      program_sessions=_heavy(0, 2, 4))
    assert _strength_days(plan) == [_day(1), _day(3), _day(6)]
    assert [d.in_window for d in plan.days] == [True, False, True, False, False, True, False]
    assert all(plan.days[i].strength.after_run for i in (1, 3, 6))  # type: ignore[union-attr]
    assert not plan.bent

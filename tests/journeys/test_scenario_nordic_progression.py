"""Scenarios a coach can read: Nordic progression (issue 16 point 7).

An athlete trains Nordic curls day by day on a fake clock; each test reads
what Today suggests for the next session. The rules (app.coaching.progression):

* the first Nordics ever, in any program, are the Nordic program's first
  week, 2 x 5, whatever the program asks (Petersen et al. 2011: the
  soreness of the first sessions is large and peaks 2-3 days later);
* the lowering target rises by a second only after a session where every
  prescribed rep was done and lowered with control for at least the target,
  and the soreness was low (below 5 of 10, readiness.EASY_SORENESS);
* a session with reps missed repeats the target.
"""

from __future__ import annotations

from datetime import date

from app.coaching.progression import (
    FIRST_NORDIC_REPS,
    FIRST_NORDIC_SETS,
    LOWERING_STEP_S,
    NORDIC_RISE_SORENESS,
)
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.store import Store
from helpers.coaching_log import (
    FIRST_MONDAY,
    FRI,
    MON,
    NORDIC,
    THU,
    WED,
    catalog,
    go_to,
    monday_evening,
    nordic_line,
    today,
    train,
    training_log,
)

START = FIRST_MONDAY  # a Monday
# The fixtures: the clock at 6 pm on Monday 5 January, the athlete's log on it.
clock, log = monday_evening, training_log


def _nordic_item(view: object) -> tuple[int, tuple[int, int] | None, float]:
    plan = view.plan(catalog())  # type: ignore[attr-defined]
    (item,) = [i for b in plan.blocks for i in b.items if i.slug == NORDIC]
    return item.sets, item.reps, item.lowering_s


def test_first_nordics_in_the_advanced_program_are_2_x_5(paths: AppPaths, clock: FakeClock,
                                                         log: Store) -> None:
    """Monday 5 January: an athlete who has never done a Nordic curl follows
    the Advanced program, whose session A asks 3 x 5-8 Nordics. Today
    offers the Nordic program's first week instead, 2 sets of 5, says why
    (with Petersen 2011), and the session it starts runs 2 x 5."""
    log.enrol("advanced", START, (MON, THU))
    view = today(paths, clock)
    dose, advice = nordic_line(view)
    assert (FIRST_NORDIC_SETS, FIRST_NORDIC_REPS) == (2, 5)
    assert dose.startswith("2 × 5")
    assert "first week of the Nordic program" in advice and "Petersen et al. 2011" in advice
    sets, reps, _lowering = _nordic_item(view)
    assert (sets, reps) == (2, (5, 5))


def test_after_the_first_nordics_the_program_dose_returns(paths: AppPaths, clock: FakeClock,
                                                           log: Store) -> None:
    """The athlete does those 2 x 5 on Monday with soreness 2; on Thursday
    (session B, no Nordics) and the Monday after, Today offers session A's own
    3 x 5-8: the first exposure is done."""
    log.enrol("advanced", START, (MON, THU))
    train(log, clock, today(paths, clock), soreness=2)
    go_to(clock, date(2026, 1, 8))
    train(log, clock, today(paths, clock), soreness=2)
    go_to(clock, date(2026, 1, 12))
    dose, _advice = nordic_line(today(paths, clock))
    assert dose.startswith("3 × 5-8")


def test_a_week_done_with_control_and_low_soreness_raises_the_lowering_target(
        paths: AppPaths, clock: FakeClock, log: Store) -> None:
    """The Nordic program, Monday, Wednesday and Friday. Week 1 (2 x 5): every
    rep lowered for 5.5 s against the 5 s target, soreness 4 before it. The
    next session (week 2, 2 x 6) aims for 6 s."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    train(log, clock, today(paths, clock), soreness=NORDIC_RISE_SORENESS - 1, lowering_s=5.5)
    go_to(clock, date(2026, 1, 12))
    view = today(paths, clock)
    dose, advice = nordic_line(view)
    assert dose.startswith("2 × 6")
    assert "with low soreness: aim for 6 s" in advice
    assert _nordic_item(view)[2] == 5.0 + LOWERING_STEP_S == 6.0


def test_soreness_of_5_keeps_the_lowering_target(paths: AppPaths, clock: FakeClock,
                                                  log: Store) -> None:
    """The same week 1, every rep controlled, but the athlete came in with
    soreness 5 of 10 (it changes how they move): the target stays at 5 s."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    train(log, clock, today(paths, clock), soreness=NORDIC_RISE_SORENESS, lowering_s=5.5)
    go_to(clock, date(2026, 1, 12))
    view = today(paths, clock)
    _dose, advice = nordic_line(view)
    assert "soreness was 5 of 10: keep the target" in advice
    assert _nordic_item(view)[2] == 5.0


def test_soreness_noted_after_the_session_keeps_the_target(paths: AppPaths, clock: FakeClock,
                                                           log: Store) -> None:
    """Week 1 went well (soreness 1 before it), but two days later the
    athlete notes soreness 6 on the quick note: Nordic soreness peaks 2-3
    days after. The next session keeps the 5 s target."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    train(log, clock, today(paths, clock), soreness=1, lowering_s=5.5)
    go_to(clock, date(2026, 1, 7))
    log.add_body_note(soreness=6)
    go_to(clock, date(2026, 1, 12))
    _dose, advice = nordic_line(today(paths, clock))
    assert "soreness was 6 of 10" in advice


def test_a_session_with_reps_missed_repeats_the_target(paths: AppPaths, clock: FakeClock,
                                                        log: Store) -> None:
    """Week 1 done in full; week 2's first session (2 x 6) done in full; its
    second stops at 6 and 4 reps. Every rep done was lowered for 6 s, yet the
    next session (week 3) repeats the 5 s target: reps were missed."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    train(log, clock, today(paths, clock), soreness=1, lowering_s=6.0)
    go_to(clock, date(2026, 1, 12))
    train(log, clock, today(paths, clock), soreness=1, lowering_s=6.0)
    go_to(clock, date(2026, 1, 14))
    train(log, clock, today(paths, clock), soreness=1, lowering_s=6.0, nordic_reps=(6, 4))
    go_to(clock, date(2026, 1, 19))
    view = today(paths, clock)
    _dose, advice = nordic_line(view)
    assert advice.startswith("10 of 12 prescribed reps were done last time: repeat the 5 s target")
    assert _nordic_item(view)[2] == 5.0


def test_reps_lowered_faster_than_the_target_keep_it(paths: AppPaths, clock: FakeClock,
                                                     log: Store) -> None:
    """Week 1's reps were all done but lowered for 4.5 s, short of the 5 s
    target (the break point came early): the target stays."""
    log.enrol("nordic-programme", START, (MON, WED, FRI))
    train(log, clock, today(paths, clock), soreness=1, lowering_s=4.5)
    go_to(clock, date(2026, 1, 12))
    _dose, advice = nordic_line(today(paths, clock))
    assert advice.startswith("0 of 10 reps were lowered for 5 s or longer")

"""The watch notices (app.programs.watch): a slump while sore and a gap in the
Nordic program (the 48-hour rule: tests/test_coaching_recovery.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest

from app.programs.readiness import ReadinessAnswers
from app.programs.watch import (
    HIGH_SORENESS,
    NORDIC_MAX_GAP_DAYS,
    Notice,
    nordic_gap_notice,
    slump_notice,
)
from app.storage.entries import LoggedSetRecord, SessionRecord, to_kg

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"
BRIDGE = "glute-bridge"
START = datetime(2026, 1, 5, 18, tzinfo=UTC)
_ids = count(1)


def logged(slug: str, reps: int | None, load: float | None = None, *, unit: str = "kg",
           set_type: str = "working", descent: tuple[float, ...] | None = None) -> LoggedSetRecord:
    n = next(_ids)
    return LoggedSetRecord(
        id=n, uid=f"set-{n}", session_id=0, exercise_slug=slug, set_number=1, side="both",
        reps=reps, load_kg=None if load is None else to_kg(load, unit), load_unit=unit,
        duration_s=None, rpe=None, tempo=None, descent_s=descent, set_type=set_type, notes="",
        logged_at=START)


def session(soreness: int | None, *sets: LoggedSetRecord,
            days_ago: int = 0) -> tuple[SessionRecord, list[LoggedSetRecord]]:
    n = next(_ids)
    readiness: dict[str, Any] | None = None
    if soreness is not None:
        readiness = ReadinessAnswers(soreness=soreness, pain="none", sharp_pain=False,
                                     numbness=False).to_dict()
    record = SessionRecord(
        id=n, uid=f"session-{n}", athlete_id=1, started_at=START - timedelta(days=days_ago),
        ended_at=None, program_slug=None, program_day=None, title="Hamstrings", notes="",
        readiness=readiness, set_count=len(sets), volume_kg=0.0)
    return record, list(sets)


def rdl(load: float, *reps: int, unit: str = "kg") -> list[LoggedSetRecord]:
    return [logged(RDL, r, load, unit=unit) for r in reps]


def three(soreness: tuple[int | None, int | None, int | None],
          sets: tuple[list[LoggedSetRecord], ...]) -> list[tuple[SessionRecord, list[LoggedSetRecord]]]:
    """Three sessions given oldest first (as people read them), returned newest first."""
    oldest_first = [session(s, *x, days_ago=4 - 2 * i)
                    for i, (s, x) in enumerate(zip(soreness, sets, strict=True))]
    return oldest_first[::-1]


FALLING_LOAD = (rdl(80, 8, 8, 8), rdl(77.5, 8, 8, 8), rdl(75, 8, 8, 7))
STEADY = (rdl(80, 8, 8, 8), rdl(80, 9, 8, 8), rdl(82.5, 8, 8, 8))


# -- slump while sore ----------------------------------------------------------------


def test_a_falling_top_load_while_sore_suggests_a_lighter_week() -> None:
    notice = slump_notice(three((6, 7, 7), FALLING_LOAD))
    assert notice is not None
    assert notice.kind == "lighter-week"
    assert notice.numbers == ("Romanian deadlift top set: 80 → 77.5 → 75 kg", "soreness 6, 7, 7 of 10")
    assert "lighter week" in notice.text.lower()
    assert "!" not in notice.title + notice.text  # calm, not alarmist
    assert notice.sources == ("articles",)


def test_fewer_reps_at_the_same_load_is_a_slump() -> None:
    notice = slump_notice(three((5, 6, 6), (rdl(80, 10, 10, 10), rdl(80, 10, 9, 9), rdl(80, 9, 8, 8))))
    assert notice is not None
    assert notice.numbers[0] == "Romanian deadlift at 80 kg: 10 → 9.3 → 8.3 reps a set"


def test_a_falling_lowering_time_is_a_slump() -> None:
    sets = tuple([logged(NORDIC, 3, descent=d)] for d in ((5.2, 5.3, 5.1), (5.0, 4.9, 4.8), (4.6, 4.5, 4.4)))
    notice = slump_notice(three((7, 7, 8), sets), names={NORDIC: "Nordic curl"})
    assert notice is not None
    assert notice.numbers == ("Nordic curl mean lowering: 5.2 → 4.9 → 4.5 s", "soreness 7, 7, 8 of 10")


def test_lowering_times_within_timing_noise_are_not_a_slump() -> None:
    sets = tuple([logged(NORDIC, 2, descent=d)] for d in ((5.0, 5.0), (4.95, 4.95), (4.9, 4.9)))
    assert slump_notice(three((7, 7, 8), sets)) is None


def test_falling_bodyweight_reps_are_a_slump() -> None:
    sets = tuple([logged(BRIDGE, r), logged(BRIDGE, r)] for r in (15, 13, 12))
    notice = slump_notice(three((6, 6, 6), sets))
    assert notice is not None
    assert notice.numbers[0] == "Glute bridge: 15 → 13 → 12 reps a set"


def test_lighter_and_fewer_reps_shows_both() -> None:
    sets = (rdl(80, 8, 8), rdl(80, 7, 7), rdl(77.5, 6, 6))
    notice = slump_notice(three((6, 6, 6), sets))
    assert notice is not None
    assert notice.numbers[0] == "Romanian deadlift top set: 80 kg × 8 → 80 kg × 7 → 77.5 kg × 6"


def test_loads_show_in_the_athletes_units() -> None:
    sets = (rdl(180, 8, unit="lb"), rdl(175, 8, unit="lb"), rdl(170, 8, unit="lb"))
    notice = slump_notice(three((6, 6, 6), sets), units="lb")
    assert notice is not None
    assert notice.numbers[0] == "Romanian deadlift top set: 180 → 175 → 170 lb"


def test_high_soreness_without_a_slump_is_no_notice() -> None:
    assert slump_notice(three((8, 8, 9), STEADY)) is None


def test_a_slump_without_soreness_is_no_notice() -> None:
    assert slump_notice(three((2, 3, 1), FALLING_LOAD)) is None
    assert slump_notice(three((None, None, None), FALLING_LOAD)) is None


@pytest.mark.parametrize(("soreness", "expected"), [
    ((HIGH_SORENESS, HIGH_SORENESS, HIGH_SORENESS), True),      # all three
    ((1, HIGH_SORENESS, HIGH_SORENESS + 2), True),              # the most recent two
    ((HIGH_SORENESS, 2, HIGH_SORENESS), False),                 # the one before last is fine
    ((HIGH_SORENESS, HIGH_SORENESS, HIGH_SORENESS - 1), False),  # fine today
    ((6, None, 6), False),                                      # not asked: not guessed
])
def test_soreness_must_be_high_in_the_two_most_recent_sessions(
        soreness: tuple[int | None, int | None, int | None], expected: bool) -> None:
    notice = slump_notice(three(soreness, FALLING_LOAD))
    assert (notice is not None) == expected
    if notice is not None:
        shown = ", ".join("–" if s is None else str(s) for s in soreness)
        assert notice.numbers[-1] == f"soreness {shown} of 10"


def test_one_worse_session_is_a_bad_day_not_a_slump() -> None:
    assert slump_notice(three((6, 7, 7), (rdl(80, 8, 8), rdl(80, 8, 8), rdl(77.5, 8, 8)))) is None
    assert slump_notice(three((6, 7, 7), (rdl(80, 8, 8), rdl(77.5, 8, 8), rdl(77.5, 8, 8)))) is None


def test_a_lighter_load_for_more_reps_is_a_change_of_plan() -> None:
    sets = (rdl(80, 6, 6), rdl(75, 8, 8), rdl(70, 10, 10))
    assert slump_notice(three((6, 7, 7), sets)) is None


def test_only_exercises_done_in_all_three_sessions_count() -> None:
    sets = ([*rdl(80, 8), logged(BRIDGE, 15)], [*rdl(80, 8)], [*rdl(80, 8), logged(BRIDGE, 10)])
    assert slump_notice(three((6, 7, 7), sets)) is None


def test_warm_ups_do_not_set_the_top_load() -> None:
    sets = tuple([logged(RDL, 5, 100, set_type="warmup"), *rdl(80, 8)] for _ in range(3))
    assert slump_notice(three((6, 7, 7), sets)) is None
    falling = tuple([logged(RDL, 5, 40, set_type="warmup"), *rdl(w, 8)] for w in (80, 77.5, 75))
    notice = slump_notice(three((6, 7, 7), falling))
    assert notice is not None and notice.numbers[0].endswith("80 → 77.5 → 75 kg")


def test_fewer_than_three_sessions_is_no_notice() -> None:
    assert slump_notice(three((6, 7, 7), FALLING_LOAD)[:2]) is None
    assert slump_notice([]) is None


def test_only_the_three_most_recent_sessions_are_read() -> None:
    sessions = [*three((6, 7, 7), FALLING_LOAD), session(9, *rdl(200, 8), days_ago=30)]
    assert slump_notice(sessions) is not None


def test_every_slumping_exercise_is_listed() -> None:
    sets = tuple([*rdl(w, 8), logged(BRIDGE, r)] for w, r in ((80, 15), (77.5, 14), (75, 12)))
    notice = slump_notice(three((6, 7, 7), sets))
    assert notice is not None
    assert notice.numbers == ("Romanian deadlift top set: 80 → 77.5 → 75 kg",
                              "Glute bridge: 15 → 14 → 12 reps a set", "soreness 6, 7, 7 of 10")


def test_slump_notice_refuses_unknown_units() -> None:
    with pytest.raises(ValueError, match="units"):
        slump_notice([], units="stone")


# -- Nordic gap -------------------------------------------------------------------


LAST = date(2026, 3, 2)


def test_exactly_three_weeks_is_still_within_the_programme() -> None:
    assert NORDIC_MAX_GAP_DAYS == 21
    assert nordic_gap_notice(LAST, 6, LAST + timedelta(days=21)) is None
    assert nordic_gap_notice(LAST, 6, LAST + timedelta(days=3)) is None
    assert nordic_gap_notice(None, 6, LAST) is None


def test_22_days_suggests_an_earlier_week() -> None:
    notice = nordic_gap_notice(LAST, 6, LAST + timedelta(days=22))
    assert isinstance(notice, Notice)
    assert notice.kind == "nordic-gap"
    # 3 whole weeks missed, back by half rounded up: 2 weeks.
    assert notice.restart_week == 4
    assert "Restart at week 4 (2 back from week 6)" in notice.text
    assert "22 days ago" in notice.text
    assert "about 3 weeks apart" in notice.text
    assert "ripley2021" in notice.sources
    assert notice.numbers == ("days since the last session: 22", "weeks missed: 3", "restart week: 4")


@pytest.mark.parametrize(("week", "days", "restart"), [
    (6, 28, 4),    # 4 weeks missed: back 2
    (6, 35, 3),    # 5 weeks: back 3
    (10, 70, 5),   # 10 weeks: back 5
    (3, 60, 1),    # never below week 1
    (1, 40, 1),
    (11, 22, 9),   # from the maintenance week
])
def test_the_restart_week_goes_back_half_the_weeks_missed(week: int, days: int, restart: int) -> None:
    notice = nordic_gap_notice(LAST, week, LAST + timedelta(days=days))
    assert notice is not None and notice.restart_week == restart
    if restart == 1:
        assert "Restart from week 1" in notice.text


def test_a_bad_current_week_is_refused() -> None:
    for week in (0, -1, True, 2.0):
        with pytest.raises(ValueError, match="current week"):
            nordic_gap_notice(LAST, week, LAST)  # type: ignore[arg-type]

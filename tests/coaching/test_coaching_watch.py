"""The watch notices (app.coaching.watch): the signs of overtraining (nagging
soreness, a slump, pain in training or running; each a sign on its own since
issue 16, where a slump counted only while sore) and a gap in a program with
Nordics (the 48-hour rule: tests/coaching/test_coaching_recovery.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest

from app.coaching.readiness import PainLevel, ReadinessAnswers
from app.coaching.watch import (
    HIGH_SORENESS,
    NAGGING_READINGS,
    NAGGING_SPAN_DAYS,
    NORDIC_MAX_GAP_DAYS,
    PAIN_DAYS,
    WATCH_DAYS,
    Notice,
    NoticeKind,
    Sign,
    nordic_gap_notice,
    overtraining_notice,
    restart_week,
)
from app.logbook.entries import BodyNoteRecord, LoggedSetRecord, SessionRecord, to_kg

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
        readiness = ReadinessAnswers(soreness=soreness, pain=PainLevel.NONE, sharp_pain=False,
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


# -- signs of overtraining (article-improve-running) ----------------------------------

TODAY = START.date()


def watch(sessions: list[tuple[SessionRecord, list[LoggedSetRecord]]],
          notes: tuple[BodyNoteRecord, ...] = (), **kw: Any) -> Notice | None:
    return overtraining_notice(sessions, notes, TODAY, tz=UTC, **kw)


def slump_lines(notice: Notice | None) -> tuple[str, ...]:
    """The notice's lines about performance (not soreness or pain)."""
    assert notice is not None
    return tuple(n for n in notice.numbers if not n.startswith(("soreness", "pain")))


def note(days_ago: int, soreness: int | None = None, run_pain: str | None = None) -> BodyNoteRecord:
    n = next(_ids)
    return BodyNoteRecord(id=n, uid=f"note-{n}", noted_at=START - timedelta(days=days_ago, hours=1),
                          soreness=soreness, run_pain=run_pain, words="")


def test_a_falling_top_load_while_sore_is_two_signs_in_one_calm_notice() -> None:
    notice = watch(three((6, 7, 7), FALLING_LOAD))
    assert notice is not None
    assert notice.kind == NoticeKind.EASE_OFF == "ease-off"
    assert notice.signs == (Sign.NAGGING_SORENESS, Sign.SLUMP)
    assert notice.numbers[0].startswith("soreness 6, 7, 7 of 10 at your last 3 readings")
    assert slump_lines(notice) == ("Romanian deadlift top set: 80 → 77.5 → 75 kg",)
    assert "soreness that has not gone away and a dip in performance" in notice.text
    assert "lighter loads" in notice.text and "one session fewer this week" in notice.text
    assert "!" not in notice.title + notice.text  # calm, not alarmist
    assert "not a diagnosis" in notice.text
    assert notice.sources == ("article-improve-running",)


def test_fewer_reps_at_the_same_load_is_a_slump() -> None:
    notice = watch(three((5, 6, 6), (rdl(80, 10, 10, 10), rdl(80, 10, 9, 9), rdl(80, 9, 8, 8))))
    assert slump_lines(notice) == ("Romanian deadlift at 80 kg: 10 → 9.3 → 8.3 reps a set",)


def test_a_falling_lowering_time_is_a_slump() -> None:
    sets = tuple([logged(NORDIC, 3, descent=d)] for d in ((5.2, 5.3, 5.1), (5.0, 4.9, 4.8), (4.6, 4.5, 4.4)))
    notice = watch(three((None, None, None), sets), names={NORDIC: "Nordic curl"})
    assert notice is not None and notice.signs == (Sign.SLUMP,)
    assert notice.numbers == ("Nordic curl mean lowering: 5.2 → 4.9 → 4.5 s",)


def test_lowering_times_within_timing_noise_are_not_a_slump() -> None:
    sets = tuple([logged(NORDIC, 2, descent=d)] for d in ((5.0, 5.0), (4.95, 4.95), (4.9, 4.9)))
    assert watch(three((2, 2, 3), sets)) is None


def test_falling_bodyweight_reps_are_a_slump() -> None:
    sets = tuple([logged(BRIDGE, r), logged(BRIDGE, r)] for r in (15, 13, 12))
    assert slump_lines(watch(three((6, 6, 6), sets))) == ("Glute bridge: 15 → 13 → 12 reps a set",)


def test_lighter_and_fewer_reps_shows_both() -> None:
    sets = (rdl(80, 8, 8), rdl(80, 7, 7), rdl(77.5, 6, 6))
    assert slump_lines(watch(three((6, 6, 6), sets))) == (
        "Romanian deadlift top set: 80 kg × 8 → 80 kg × 7 → 77.5 kg × 6",)


def test_loads_show_in_the_athletes_units() -> None:
    sets = (rdl(180, 8, unit="lb"), rdl(175, 8, unit="lb"), rdl(170, 8, unit="lb"))
    assert slump_lines(watch(three((6, 6, 6), sets), units="lb")) == (
        "Romanian deadlift top set: 180 → 175 → 170 lb",)


def test_high_soreness_without_a_slump_is_a_sign_on_its_own() -> None:
    notice = watch(three((8, 8, 9), STEADY))
    assert notice is not None and notice.signs == (Sign.NAGGING_SORENESS,)


def test_a_slump_without_soreness_is_a_sign_on_its_own() -> None:
    for soreness in ((2, 3, 1), (None, None, None)):
        notice = watch(three(soreness, FALLING_LOAD))
        assert notice is not None and notice.signs == (Sign.SLUMP,)
        assert notice.numbers == ("Romanian deadlift top set: 80 → 77.5 → 75 kg",)


@pytest.mark.parametrize(("soreness", "expected"), [
    ((HIGH_SORENESS, HIGH_SORENESS, HIGH_SORENESS), True),      # all three readings
    ((HIGH_SORENESS - 1, HIGH_SORENESS, HIGH_SORENESS + 2), False),  # it was fine three back
    ((HIGH_SORENESS, 2, HIGH_SORENESS), False),                 # it went away between
    ((HIGH_SORENESS, HIGH_SORENESS, HIGH_SORENESS - 1), False),  # fine today
    ((6, None, 6), False),                                      # not asked: not guessed
])
def test_nagging_soreness_is_high_at_three_readings_running(
        soreness: tuple[int | None, int | None, int | None], expected: bool) -> None:
    notice = watch(three(soreness, STEADY))
    assert (notice is not None) == expected
    if notice is not None:
        assert notice.signs == (Sign.NAGGING_SORENESS,) and NAGGING_READINGS == 3


def test_three_sore_days_after_one_session_are_the_normal_kind() -> None:
    """Soreness peaks 2-3 days after a hard session: three sore days in a row
    (readings 2 days apart at most) is not soreness that does not go away."""
    assert NAGGING_SPAN_DAYS == 3
    sessions = [session(7, *rdl(80, 8), days_ago=3)]
    assert watch(sessions, (note(1, 6), note(2, 7))) is None
    # A reading 3 days after the first, still high: it has not gone away.
    notice = watch(sessions, (note(0, 6), note(1, 7)))
    assert notice is not None and notice.signs == (Sign.NAGGING_SORENESS,)


def test_quick_notes_count_as_soreness_readings_one_a_day() -> None:
    # Three notes on one day are one reading: that day's highest.
    assert watch([], (note(0, 6), note(0, 6), note(0, 8))) is None
    notice = watch([], (note(0, 6), note(2, 5), note(4, 8)))
    assert notice is not None and notice.numbers[0].startswith("soreness 8, 5, 6 of 10")


def test_pain_in_a_run_is_a_sign_on_its_own_and_says_when_to_see_someone() -> None:
    notice = watch([], (note(1, run_pain="mild"),))
    assert notice is not None and notice.signs == (Sign.PAIN,)
    assert notice.numbers[0].startswith("pain in training or running: mild")
    assert "physiotherapist" in notice.text and "physio-pain-rule" in notice.sources
    assert "not a diagnosis" in notice.text


def test_pain_that_settled_or_is_old_is_no_sign() -> None:
    assert PAIN_DAYS == 7
    assert watch([], (note(0, run_pain="none"), note(2, run_pain="more"))) is None
    assert watch([], (note(PAIN_DAYS + 1, run_pain="more"),)) is None
    assert watch([], (note(PAIN_DAYS, run_pain="mild"),)) is not None


def test_pain_answered_in_the_readiness_check_counts() -> None:
    record, sets = session(2, *rdl(80, 8))
    readiness = ReadinessAnswers(soreness=2, pain=PainLevel.NONE, sharp_pain=False,
                                 numbness=False, run_pain=PainLevel.MILD).to_dict()
    notice = watch([(replace(record, readiness=readiness), sets)])
    assert notice is not None and notice.signs == (Sign.PAIN,)


def test_every_sign_at_once_is_still_one_notice_listing_all_three() -> None:
    # The run after the last session hurt (that session's readiness said no pain).
    after_run = replace(note(0, run_pain="mild"), noted_at=START + timedelta(hours=2))
    notice = watch(three((6, 7, 7), FALLING_LOAD), (after_run,))
    assert notice is not None
    assert notice.signs == (Sign.NAGGING_SORENESS, Sign.SLUMP, Sign.PAIN)
    assert ("soreness that has not gone away, a dip in performance and pain in training or "
            "running") in notice.text


def test_signs_older_than_the_watch_are_not_todays() -> None:
    old = [(replace(r, started_at=r.started_at - timedelta(days=WATCH_DAYS + 5)), sets)
           for r, sets in three((6, 7, 7), FALLING_LOAD)]
    assert watch(old) is None


def test_one_worse_session_is_a_bad_day_not_a_slump() -> None:
    assert watch(three((2, 3, 3), (rdl(80, 8, 8), rdl(80, 8, 8), rdl(77.5, 8, 8)))) is None
    assert watch(three((2, 3, 3), (rdl(80, 8, 8), rdl(77.5, 8, 8), rdl(77.5, 8, 8)))) is None


def test_a_lighter_load_for_more_reps_is_a_change_of_plan() -> None:
    sets = (rdl(80, 6, 6), rdl(75, 8, 8), rdl(70, 10, 10))
    assert watch(three((2, 3, 3), sets)) is None


def test_only_exercises_done_in_all_three_sessions_count() -> None:
    sets = ([*rdl(80, 8), logged(BRIDGE, 15)], [*rdl(80, 8)], [*rdl(80, 8), logged(BRIDGE, 10)])
    assert watch(three((2, 3, 3), sets)) is None


def test_warm_ups_do_not_set_the_top_load() -> None:
    sets = tuple([logged(RDL, 5, 100, set_type="warmup"), *rdl(80, 8)] for _ in range(3))
    assert watch(three((2, 3, 3), sets)) is None
    falling = tuple([logged(RDL, 5, 40, set_type="warmup"), *rdl(w, 8)] for w in (80, 77.5, 75))
    assert slump_lines(watch(three((2, 3, 3), falling)))[0].endswith("80 → 77.5 → 75 kg")


def test_fewer_than_three_sessions_is_no_slump() -> None:
    assert watch(three((2, 3, 3), FALLING_LOAD)[:2]) is None
    assert watch([]) is None


def test_only_the_three_most_recent_sessions_are_read() -> None:
    sessions = [*three((2, 3, 3), FALLING_LOAD), session(2, *rdl(200, 8), days_ago=30)]
    assert watch(sessions) is not None


def test_every_slumping_exercise_is_listed() -> None:
    sets = tuple([*rdl(w, 8), logged(BRIDGE, r)] for w, r in ((80, 15), (77.5, 14), (75, 12)))
    assert slump_lines(watch(three((6, 7, 7), sets))) == (
        "Romanian deadlift top set: 80 → 77.5 → 75 kg", "Glute bridge: 15 → 14 → 12 reps a set")


def test_the_watch_refuses_unknown_units() -> None:
    with pytest.raises(ValueError, match="units"):
        watch([], units="stone")


# -- Nordic gap -------------------------------------------------------------------


LAST = date(2026, 3, 2)


def test_exactly_three_weeks_is_still_within_the_programme() -> None:
    assert NORDIC_MAX_GAP_DAYS == 21
    assert nordic_gap_notice(LAST, 6, LAST + timedelta(days=21)) is None
    assert nordic_gap_notice(LAST, 6, LAST + timedelta(days=3)) is None
    assert nordic_gap_notice(None, 6, LAST) is None


def test_22_days_restarts_at_an_earlier_week() -> None:
    notice = nordic_gap_notice(LAST, 6, LAST + timedelta(days=22))
    assert isinstance(notice, Notice)
    assert notice.kind == "nordic-gap"
    # 3 whole weeks missed, back by half rounded up: 2 weeks.
    assert notice.restart_week == 4 == restart_week(22, 6)
    assert "goes back to week 4 - 2 back from week 6" in notice.text
    assert "keep your place" in notice.text
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
    if restart == week == 1:
        assert "starts again from the first session of week 1" in notice.text


def test_a_bad_current_week_is_refused() -> None:
    for week in (0, -1, True, 2.0):
        with pytest.raises(ValueError, match="current week"):
            nordic_gap_notice(LAST, week, LAST)  # type: ignore[arg-type]

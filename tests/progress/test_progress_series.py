"""Chart series rules (app.progress.series): local weeks, per-session values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.progress.records import epley_1rm
from app.progress.series import (
    HAMSTRING_SESSIONS_TARGET_PER_WEEK,
    MEASURE_LOAD,
    MEASURE_REPS,
    MEASURE_SECONDS,
    SideTotals,
    WeekCount,
    WeekVolume,
    asymmetry_pct,
    descent_points,
    local_week_start,
    sessions_per_week,
    set_descent,
    side_point,
    top_set_point,
    volume_per_week,
    week_range,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def test_the_target_is_two_to_three_sessions_a_week() -> None:
    assert HAMSTRING_SESSIONS_TARGET_PER_WEEK == (2, 3)


# -- local weeks ------------------------------------------------------------------------


def test_a_monday_evening_in_new_york_belongs_to_that_monday_though_utc_says_tuesday() -> None:
    monday_evening = datetime(2025, 3, 3, 20, 30, tzinfo=NEW_YORK)   # Tue 01:30 UTC
    assert monday_evening.astimezone(UTC).weekday() == 1
    assert local_week_start(monday_evening.astimezone(UTC), NEW_YORK) == date(2025, 3, 3)


def test_a_sunday_evening_in_utc_is_already_the_next_week_in_tokyo() -> None:
    sunday = datetime(2025, 3, 9, 20, 0, tzinfo=UTC)                   # Mon 05:00 in Tokyo
    assert local_week_start(sunday, UTC) == date(2025, 3, 3)
    assert local_week_start(sunday, TOKYO) == date(2025, 3, 10)


def test_iso_weeks_cross_the_year_boundary() -> None:
    # 30 Dec 2024 is the Monday of ISO week 1 of 2025.
    assert local_week_start(datetime(2025, 1, 2, 12, tzinfo=UTC), UTC) == date(2024, 12, 30)
    assert local_week_start(datetime(2024, 12, 29, 12, tzinfo=UTC), UTC) == date(2024, 12, 23)
    weeks = sessions_per_week([datetime(2024, 12, 27, 18, tzinfo=UTC),
                               datetime(2025, 1, 1, 18, tzinfo=UTC),
                               datetime(2025, 1, 4, 18, tzinfo=UTC)], tz=UTC)
    assert weeks == [WeekCount(date(2024, 12, 23), 1), WeekCount(date(2024, 12, 30), 2)]


def test_weeks_around_a_clock_change_follow_local_time() -> None:
    # London went to summer time at 01:00 UTC on Sunday 31 March 2024.
    sunday_late = datetime(2024, 3, 31, 22, 30, tzinfo=UTC)    # 23:30 BST, still Sunday
    monday_early = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)   # 00:30 BST, Monday
    assert local_week_start(sunday_late, LONDON) == date(2024, 3, 25)
    assert local_week_start(monday_early, LONDON) == date(2024, 4, 1)
    assert local_week_start(monday_early, UTC) == date(2024, 3, 25)
    # And back to winter time on Sunday 27 October 2024.
    assert local_week_start(datetime(2024, 10, 27, 23, 30, tzinfo=UTC), LONDON) == date(2024, 10, 21)


def test_no_timezone_means_this_machines_zone() -> None:
    moment = datetime(2025, 3, 9, 23, 30, tzinfo=UTC)
    local = moment.astimezone().date()
    assert local_week_start(moment) == local - timedelta(days=local.weekday())


def test_week_range_lists_every_monday() -> None:
    assert week_range(date(2025, 3, 3), date(2025, 3, 17)) == [
        date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]


# -- sessions and volume per week -------------------------------------------------------------


def test_weeks_without_sessions_are_there_with_zero() -> None:
    weeks = sessions_per_week([T0, T0 + timedelta(days=1), T0 + timedelta(weeks=3)], tz=UTC)
    assert [(w.week_start, w.sessions) for w in weeks] == [
        (date(2025, 3, 3), 2), (date(2025, 3, 10), 0), (date(2025, 3, 17), 0), (date(2025, 3, 24), 1)]


def test_only_the_last_weeks_when_asked() -> None:
    starts = [T0 + timedelta(weeks=n) for n in range(10)]
    weeks = sessions_per_week(starts, weeks=4, tz=UTC)
    assert [w.week_start for w in weeks] == [date(2025, 3, 3) + timedelta(weeks=n) for n in range(6, 10)]
    assert sessions_per_week(starts, weeks=0, tz=UTC) == []


def test_the_last_weeks_start_no_earlier_than_the_data() -> None:
    assert len(sessions_per_week([T0], weeks=52, tz=UTC)) == 1


def test_no_sessions_no_weeks() -> None:
    assert sessions_per_week([], tz=UTC) == []
    assert volume_per_week([], tz=UTC) == []


def test_volume_adds_up_sessions_of_the_same_week() -> None:
    weeks = volume_per_week([(T0, 6, 1000.0), (T0 + timedelta(days=2), 4, 500.0),
                             (T0 + timedelta(weeks=2), 3, 0.0)], tz=UTC)
    assert weeks == [WeekVolume(date(2025, 3, 3), 10, 1500.0), WeekVolume(date(2025, 3, 10), 0, 0.0),
                     WeekVolume(date(2025, 3, 17), 3, 0.0)]


# -- top sets ------------------------------------------------------------------------------


def test_the_top_set_is_the_heaviest_and_at_that_load_the_most_reps() -> None:
    point = top_set_point(1, T0, [(80.0, 8), (85.0, 5), (85.0, 6), (60.0, 12)])
    assert point is not None
    assert (point.top_load_kg, point.top_reps) == (85.0, 6)


def test_the_best_estimate_may_come_from_another_set() -> None:
    point = top_set_point(1, T0, [(100.0, 1), (80.0, 12)])
    assert point is not None
    assert point.top_load_kg == 100.0
    assert point.best_e1rm_kg == epley_1rm(80.0, 12)


def test_a_session_without_loaded_sets_has_no_top_set() -> None:
    assert top_set_point(1, T0, [(None, 10), (-10.0, 5), (0.0, 8), (50.0, None)]) is None


# -- descents -----------------------------------------------------------------------------


def test_set_descent_sums_counts_and_finds_the_longest() -> None:
    assert set_descent([5.0, 4.0, 3.0]) == (12.0, 3, 5.0)
    assert set_descent([]) == (0.0, 0, 0.0)


def test_the_session_mean_is_over_every_rep_not_over_set_means() -> None:
    points = descent_points([(1, *set_descent([6.0, 6.0, 6.0, 6.0])), (1, *set_descent([2.0]))],
                            lambda _session: T0)
    assert len(points) == 1
    assert points[0].mean_s == pytest.approx(26 / 5)
    assert (points[0].longest_s, points[0].reps) == (6.0, 5)


def test_descent_points_come_in_session_order_and_skip_empty_sets() -> None:
    starts = {1: T0 + timedelta(days=2), 2: T0, 3: T0 + timedelta(days=1)}
    points = descent_points([(1, 10.0, 2, 6.0), (2, 8.0, 2, 4.5), (3, 0.0, 0, 0.0)], starts.__getitem__)
    assert [p.session_id for p in points] == [2, 1]
    assert [p.started_at for p in points] == [T0, T0 + timedelta(days=2)]


# -- left and right --------------------------------------------------------------------------


@pytest.mark.parametrize(("left", "right", "expected"), [
    (100.0, 80.0, 20.0), (80.0, 100.0, 20.0), (50.0, 50.0, 0.0), (0.0, 0.0, 0.0),
    (None, 40.0, None), (40.0, None, None)])
def test_asymmetry_is_the_gap_over_the_stronger_side(left: float | None, right: float | None,
                                                     expected: float | None) -> None:
    assert asymmetry_pct(left, right) == expected


def test_loaded_sides_compare_reps_times_load() -> None:
    point = side_point(1, T0, SideTotals(sets=3, loaded_sets=3, load_x_reps=720.0, reps=24, rep_sets=3),
                       SideTotals(sets=3, loaded_sets=3, load_x_reps=648.0, reps=24, rep_sets=3))
    assert point is not None
    assert (point.measure, point.left, point.right) == (MEASURE_LOAD, 720.0, 648.0)
    assert point.asymmetry_pct == pytest.approx(10.0)


def test_bodyweight_sides_compare_reps_and_holds_compare_seconds() -> None:
    reps = side_point(1, T0, SideTotals(sets=2, reps=20, rep_sets=2), SideTotals(sets=2, reps=16, rep_sets=2))
    holds = side_point(1, T0, SideTotals(sets=1, seconds=45.0), SideTotals(sets=1, seconds=30.0))
    assert reps is not None and holds is not None
    assert (reps.measure, reps.left, reps.right, reps.asymmetry_pct) == (MEASURE_REPS, 20.0, 16.0, 20.0)
    assert (holds.measure, holds.left, holds.right) == (MEASURE_SECONDS, 45.0, 30.0)


def test_one_side_missing_has_totals_but_no_asymmetry() -> None:
    point = side_point(1, T0, SideTotals(sets=2, reps=20, rep_sets=2), None)
    assert point is not None
    assert (point.left, point.right, point.asymmetry_pct) == (20.0, None, None)
    assert side_point(1, T0, None, SideTotals()) is None


def test_both_sides_are_measured_alike_even_if_only_one_was_loaded() -> None:
    point = side_point(1, T0, SideTotals(sets=1, loaded_sets=1, load_x_reps=200.0, reps=10, rep_sets=1),
                       SideTotals(sets=1, reps=10, rep_sets=1))
    assert point is not None
    assert (point.measure, point.left, point.right, point.asymmetry_pct) == (MEASURE_LOAD, 200.0, 0.0,
                                                                             100.0)

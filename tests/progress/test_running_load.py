"""Weekly running load and the calm note on a sudden rise in distance (issue 18, point 5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.logbook.runs import RunEntry, RunRecord, RunTag
from app.progress.running_load import (
    DISTANCE_JUMP_SOURCES,
    WeekLoad,
    distance_jump,
    distance_jump_pct,
    weekly_load,
)

NEW_YORK = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)  # a Monday


def run(when: datetime, km: float | None = 10.0, minutes: float = 50.0,
        tag: RunTag = RunTag.EASY, id_: int = 1) -> RunRecord:
    return RunRecord(id_, RunEntry(started_at=when.astimezone(UTC), duration_s=minutes * 60,
                                   distance_m=None if km is None else km * 1000, tag=tag))


def at(day: date, hour: int = 7, tz: ZoneInfo = NEW_YORK) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def test_weeks_are_local_mondays_to_sundays_oldest_first_with_empty_weeks() -> None:
    runs = [run(at(MONDAY)), run(at(MONDAY + timedelta(days=2)), km=5, minutes=30),
            run(at(MONDAY - timedelta(weeks=2)), km=8)]
    loads = weekly_load(runs, until=MONDAY + timedelta(days=6), weeks=3, tz=NEW_YORK)
    assert [w.monday for w in loads] == [MONDAY - timedelta(weeks=2), MONDAY - timedelta(weeks=1),
                                         MONDAY]
    assert loads[0] == WeekLoad(MONDAY - timedelta(weeks=2), 8000.0, 3000.0, 1, 0, 0)
    assert loads[1] == WeekLoad(MONDAY - timedelta(weeks=1), 0.0, 0.0, 0, 0, 0)
    assert loads[2] == WeekLoad(MONDAY, 15000.0, 80 * 60.0, 2, 0, 0)


def test_a_sunday_evening_run_is_in_sundays_week_though_monday_in_utc() -> None:
    sunday_evening = at(MONDAY - timedelta(days=1), hour=21)  # 02:00 UTC on Monday
    assert sunday_evening.astimezone(UTC).date() == MONDAY
    loads = weekly_load([run(sunday_evening)], until=MONDAY, weeks=2, tz=NEW_YORK)
    assert [w.runs for w in loads] == [1, 0]
    # In UTC the same run is Monday's.
    assert [w.runs for w in weekly_load([run(sunday_evening)], MONDAY, 2, UTC)] == [0, 1]


def test_runs_outside_the_weeks_are_left_out() -> None:
    runs = [run(at(MONDAY + timedelta(weeks=1))), run(at(MONDAY - timedelta(weeks=1)))]
    loads = weekly_load(runs, until=MONDAY, weeks=1, tz=NEW_YORK)
    assert loads == [WeekLoad(MONDAY, 0.0, 0.0, 0, 0, 0)]
    assert weekly_load(runs, until=MONDAY, weeks=0, tz=NEW_YORK) == []


def test_a_run_without_distance_adds_its_time_and_is_counted_as_such() -> None:
    runs = [run(at(MONDAY), km=10, minutes=50), run(at(MONDAY, 18), km=None, minutes=40)]
    (week,) = weekly_load(runs, until=MONDAY, weeks=1, tz=NEW_YORK)
    assert week.distance_m == 10000.0
    assert week.duration_s == 90 * 60.0
    assert week.runs == 2
    assert week.runs_without_distance == 1
    assert not week.distance_complete


def test_quality_runs_count_quality_and_race_tags_only() -> None:
    tags = [RunTag.QUALITY, RunTag.RACE, RunTag.LONG, RunTag.EASY, RunTag.UNKNOWN]
    runs = [run(at(MONDAY + timedelta(days=n)), tag=tag) for n, tag in enumerate(tags)]
    (week,) = weekly_load(runs, until=MONDAY, weeks=1, tz=NEW_YORK)
    assert week.runs == 5
    assert week.quality_runs == 2


def _weeks(*km: float, without_distance: int = 0) -> list[WeekLoad]:
    return [WeekLoad(MONDAY + timedelta(weeks=n), d * 1000, d * 360, 3, 1,
                     without_distance if n == 0 else 0)
            for n, d in enumerate(km)]


def test_exactly_thirty_percent_over_the_four_weeks_average_is_no_note() -> None:
    loads = _weeks(20, 20, 20, 20, 26)
    assert distance_jump_pct(loads) == 30.0
    assert distance_jump(loads) is None


def test_just_above_thirty_percent_is_a_calm_note_citing_nielsen() -> None:
    loads = _weeks(20, 20, 20, 20, 26.02)  # 30.1 %
    note = distance_jump(loads)
    assert note is not None
    assert "26 km" in note and "20 km" in note
    assert "30.1 %" in note          # never rounded down to the limit it is above
    assert "Nielsen et al. 2014" in note
    assert "not a rule" in note
    assert DISTANCE_JUMP_SOURCES == ("nielsen2014",)


def test_the_average_is_of_the_four_weeks_before_this_one() -> None:
    # Week 0 (far higher) is not one of the four before this week.
    assert distance_jump(_weeks(99, 10, 20, 30, 40, 32.6)) is not None   # avg 25, +30.4 %
    assert distance_jump(_weeks(99, 10, 20, 30, 40, 32.5)) is None       # avg 25, +30 %
    assert round(distance_jump_pct(_weeks(99, 10, 20, 30, 40, 50)) or 0) == 100


def test_no_note_without_four_full_weeks_before() -> None:
    assert distance_jump(_weeks(20, 20, 20, 40)) is None            # only three before
    empty = _weeks(20, 20, 20, 20, 40)
    empty[1] = WeekLoad(empty[1].monday, 0.0, 0.0, 0, 0, 0)         # a week without runs
    assert distance_jump(empty) is None
    # A run without its distance four weeks ago: that week's distance is not known.
    assert distance_jump(_weeks(20, 20, 20, 20, 40, without_distance=1)) is None
    assert distance_jump(_weeks(20, 20, 20, 20, 40)) is not None


def test_from_runs_to_the_note() -> None:
    runs = [run(at(MONDAY + timedelta(weeks=w, days=d)), km=5, id_=w * 10 + d)
            for w in range(4) for d in (0, 2, 4, 6)]                        # 20 km a week
    runs += [run(at(MONDAY + timedelta(weeks=4, days=d)), km=9, id_=50 + d) for d in (0, 2, 4)]
    loads = weekly_load(runs, until=MONDAY + timedelta(weeks=4, days=5), weeks=5, tz=NEW_YORK)
    assert [w.distance_m for w in loads] == [20000.0] * 4 + [27000.0]
    assert distance_jump(loads) is not None


def test_the_note_says_miles_to_an_athlete_who_counts_in_pounds() -> None:
    """The chart and the runs table show miles with the "lb" units setting:
    so does the note (it said km whatever the setting)."""
    loads = _weeks(16.09344, 16.09344, 16.09344, 16.09344, 24.14016)  # 10 mi a week, then 15
    note = distance_jump(loads, "lb")
    assert note is not None and "15 mi" in note and "(10 mi)" in note and "km" not in note
    assert "24.1 km" in (distance_jump(loads) or "")

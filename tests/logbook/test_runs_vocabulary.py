"""The running week's vocabulary (app.logbook.runs): the enums' values are
what the run, planned_run_day tables store (and their CHECKs allow), so
changing one is a schema change; the validators' limits, exactly at their
edges; and refusals that name the field, never the value."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.logbook.runs import (
    BODY_WEIGHT_RANGE_KG,
    HARD_PLANNED_DAYS,
    HARD_RUN_TAGS,
    HEART_RATE_RANGE,
    MAX_RUN_DURATION_S,
    RACE_NAME_MAX,
    PlannedDay,
    RunEntry,
    RunRefusal,
    RunTag,
    Sport,
    planned_week_of,
    validate_body_weight,
    validate_race_name,
    validate_run,
)
from app.storage.migrations import MIGRATIONS

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DAYS_AGO = NOW - timedelta(days=3)


def _refused(entry: RunEntry) -> RunRefusal:
    with pytest.raises(RunRefusal) as refused:
        validate_run(entry, NOW)
    return refused.value


# -- stored values ----------------------------------------------------------------


def test_run_tags_stored_values() -> None:
    assert [tag.value for tag in RunTag] == ["easy", "long", "quality", "race", "unknown"]
    assert {RunTag.LONG, RunTag.QUALITY, RunTag.RACE} == HARD_RUN_TAGS


def test_sports_stored_values() -> None:
    assert [sport.value for sport in Sport] == ["run", "trail_run", "treadmill", "track"]


def test_planned_days_stored_values() -> None:
    assert [day.value for day in PlannedDay] == ["rest", "easy", "long", "quality", "race"]
    assert {PlannedDay.LONG, PlannedDay.QUALITY, PlannedDay.RACE} == HARD_PLANNED_DAYS


def _database() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        for statement in migration.statements:
            db.execute(statement)
    db.execute("INSERT INTO athlete VALUES (1, 'A', '2026-01-05 10:00:00')")
    return db


def test_the_database_stores_each_value_and_nothing_else() -> None:
    db = _database()
    insert = ("INSERT INTO run (athlete_id, started_at, duration_s, sport, tag, tag_guessed, "
              "source, title) VALUES (1, '2026-03-01 07:00:00.000000', 1800, ?, ?, 0, 'typed', '')")
    for sport in Sport:
        for tag in RunTag:
            db.execute(insert, (sport.value, tag.value))
    for weekday, kind in enumerate(PlannedDay):
        db.execute("INSERT INTO planned_run_day VALUES (1, ?, ?)", (weekday, kind.value))
    for bad_sport, bad_tag in (("cycling", "easy"), ("run", "tempo"), ("Run", "easy")):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(insert, (bad_sport, bad_tag))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO planned_run_day VALUES (1, 6, 'intervals')")


# -- validate_run: the limits, at their edges ------------------------------------


def test_a_run_of_exactly_48_hours_is_accepted_and_one_second_more_is_not() -> None:
    assert MAX_RUN_DURATION_S == 48 * 3600
    validate_run(RunEntry(DAYS_AGO, 48 * 3600), NOW)
    refused = _refused(RunEntry(DAYS_AGO, 48 * 3600 + 1))
    assert refused.field == "duration_s"
    assert "172801" not in str(refused)


def test_a_run_must_last_some_time() -> None:
    for duration in (0, -60, math.nan, math.inf):
        assert _refused(RunEntry(DAYS_AGO, duration)).field == "duration_s"


def test_a_run_may_start_up_to_five_minutes_ahead_of_the_clock_and_no_later() -> None:
    """A watch's clock a little ahead of the computer's is no wrong file;
    a run starting later than that is."""
    validate_run(RunEntry(NOW + timedelta(minutes=5), 600), NOW)
    just_after = NOW + timedelta(minutes=5, microseconds=1)
    refused = _refused(RunEntry(just_after, 600))
    assert refused.field == "started_at"
    for shown in (just_after.isoformat(), "12:05", "2026-03-02"):
        assert shown not in str(refused)
    # The same instant in another time zone is the same start.
    paris = NOW.astimezone(timezone(timedelta(hours=1)))
    validate_run(RunEntry(paris + timedelta(minutes=5), 600), NOW)
    assert _refused(RunEntry(paris + timedelta(minutes=5, microseconds=1), 600)).field \
        == "started_at"


def test_a_start_without_a_time_zone_is_refused() -> None:
    assert _refused(RunEntry(datetime(2026, 3, 1, 7, 0), 600)).field == "started_at"


def test_heart_rate_edges() -> None:
    assert HEART_RATE_RANGE == (20, 250)
    for rate in (20, 250, None):
        validate_run(RunEntry(DAYS_AGO, 600, average_heart_rate=rate), NOW)
    for rate in (19, 251, 0, -72):
        refused = _refused(RunEntry(DAYS_AGO, 600, average_heart_rate=rate))
        assert refused.field == "average_heart_rate"
        if rate != 0:  # (a 0 is in "250": the message gives the limits)
            assert str(rate) not in str(refused)


def test_distance_and_climb_limits() -> None:
    validate_run(RunEntry(DAYS_AGO, 600, distance_m=0.0, elevation_gain_m=0.0), NOW)
    validate_run(RunEntry(DAYS_AGO, 600, distance_m=1_000_000.0, elevation_gain_m=50_000.0), NOW)
    for distance in (-1.5, 1_000_000.5, math.nan):
        refused = _refused(RunEntry(DAYS_AGO, 600, distance_m=distance))
        assert refused.field == "distance_m" and str(distance) not in str(refused)
    for climb in (-3.25, 50_000.5, math.inf):
        refused = _refused(RunEntry(DAYS_AGO, 600, elevation_gain_m=climb))
        assert refused.field == "elevation_gain_m" and str(climb) not in str(refused)


def test_body_weight_edges() -> None:
    assert BODY_WEIGHT_RANGE_KG == (20.0, 400.0)
    for kg in (20.0, 400.0, 72.5):
        validate_body_weight(kg)
    for kg in (19.99, 400.01, 0.0, -70.0, math.nan, math.inf):
        with pytest.raises(RunRefusal) as refused:
            validate_body_weight(kg)
        assert refused.value.field == "kg"
        assert str(kg) not in str(refused.value)


def test_race_names() -> None:
    assert validate_race_name("  City   half\tmarathon ") == "City half marathon"
    assert validate_race_name("x" * RACE_NAME_MAX) == "x" * RACE_NAME_MAX
    too_long = "My very own race " * 5
    for name in ("", "   ", too_long.strip()[:RACE_NAME_MAX] + "y"):
        with pytest.raises(RunRefusal) as refused:
            validate_race_name(name)
        assert refused.value.field == "name"
        if name.strip():
            assert name not in str(refused.value) and "My very" not in str(refused.value)


def test_a_planned_week_is_seven_days_a_day_not_given_being_rest() -> None:
    assert planned_week_of({1: PlannedDay.QUALITY, 5: PlannedDay.LONG}) == (
        PlannedDay.REST, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.REST, PlannedDay.REST,
        PlannedDay.LONG, PlannedDay.REST)
    assert planned_week_of({}) == (PlannedDay.REST,) * 7
    for weekday in (-1, 7):
        with pytest.raises(RunRefusal) as refused:
            planned_week_of({weekday: PlannedDay.EASY})
        assert refused.value.field == "weekday"


def test_an_entry_knows_when_it_ended_and_defaults_to_a_guessed_unknown_run() -> None:
    entry = RunEntry(DAYS_AGO, 3725.5)
    assert entry.ended_at == DAYS_AGO + timedelta(seconds=3725.5)
    assert (entry.sport, entry.tag, entry.tag_guessed) == (Sport.RUN, RunTag.UNKNOWN, True)
    # Nothing the file did not give is made up: no distance, climb or heart rate.
    assert (entry.distance_m, entry.elevation_gain_m, entry.average_heart_rate) == (None, None, None)


def test_a_distance_is_shown_in_km_or_in_miles_with_pounds() -> None:
    """One definition of the distance units (issue 18): the importers, the
    command line, the charts and the pages read them from here."""
    from app.logbook.runs import METERS_PER_KM, METERS_PER_MILE, distance_in, distance_unit

    assert (METERS_PER_KM, METERS_PER_MILE) == (1000.0, 1609.344)
    assert distance_in(16_093.44, "lb") == pytest.approx(10.0) and distance_unit("lb") == "mi"
    assert distance_in(16_093.44, "kg") == pytest.approx(16.09344) and distance_unit("kg") == "km"

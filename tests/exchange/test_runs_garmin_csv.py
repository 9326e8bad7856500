"""Garmin Connect's activities CSV read into runs (issue 18): columns found by
their header, local times, km or mi, m or ft, other sports skipped, and a
refusal naming the line and column, never the value."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.exchange.runs import RunFileRefused, read_runs
from app.logbook.runs import RunTag, Sport
from helpers.run_files import GARMIN_CSV_HEADER, GarminRow, garmin_row, write_garmin_csv

PARIS = ZoneInfo("Europe/Paris")


def test_every_field_of_every_run(tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "Activities.csv", [
        garmin_row("Running", datetime(2025, 7, 6, 8, 5, 30), "Sunday long run", 24.3, 8130,
                   avg_hr=142, ascent=1240),
        garmin_row("Cycling", datetime(2025, 7, 5, 9, 0), "Ride", 60.0, 7200, avg_hr=120),
        garmin_row("Trail Running", datetime(2025, 7, 3, 18, 0), "Hills", 9.5, 3900),
        garmin_row("Treadmill Running", datetime(2025, 1, 3, 18, 0), "Run", 5.0, 1500,
                   avg_hr=150),
        garmin_row("Strength Training", datetime(2025, 7, 2, 18, 0), "Gym", 0, 2700),
    ])
    found = read_runs(path, tz=PARIS)
    assert found.skipped == 2
    long, hills, treadmill = found.entries
    assert long.started_at == datetime(2025, 7, 6, 6, 5, 30, tzinfo=UTC)  # summer time: UTC+2
    assert long.duration_s == 8130.0
    assert long.distance_m == 24300.0
    assert long.elevation_gain_m == 1240.0  # "1,240" as Garmin writes it
    assert long.average_heart_rate == 142
    assert long.sport is Sport.RUN
    assert long.tag is RunTag.LONG and long.tag_guessed
    assert long.title == "Sunday long run"
    assert long.source == "garmin-csv"
    assert hills.sport is Sport.TRAIL_RUN
    assert hills.average_heart_rate is None and hills.elevation_gain_m is None
    assert hills.tag is RunTag.QUALITY  # "Hills"
    assert treadmill.started_at == datetime(2025, 1, 3, 17, 0, tzinfo=UTC)  # winter: UTC+1
    assert treadmill.sport is Sport.TREADMILL
    assert treadmill.tag is RunTag.UNKNOWN  # no word, no pace, 25 minutes


def test_kilometers_are_a_thousand_meters(tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "a.csv", [
        garmin_row("Running", datetime(2025, 7, 6, 8, 0), "Run", 10.0, 3000)])
    assert read_runs(path, distance_unit="km", tz=PARIS).entries[0].distance_m == 10_000.0


def test_miles_are_1609_344_meters_and_the_climb_is_in_feet(tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "a.csv", [
        garmin_row("Running", datetime(2025, 7, 6, 8, 0), "Run", 6.25, 3000, ascent=1000)])
    (entry,) = read_runs(path, distance_unit="mi", tz=PARIS).entries
    assert entry.distance_m == pytest.approx(6.25 * 1609.344, abs=1e-9)
    assert entry.distance_m == pytest.approx(10_058.4, abs=1e-9)
    assert entry.elevation_gain_m == pytest.approx(304.8, abs=1e-9)  # 1,000 ft


def test_a_header_that_names_its_unit_wins(tmp_path: Path) -> None:
    header = tuple("Distance (mi)" if c == "Distance" else "Total Ascent (m)"
                   if c == "Total Ascent" else c for c in GARMIN_CSV_HEADER)
    rows = [garmin_row("Running", datetime(2025, 7, 6, 8, 0), "Run", 2.0, 1000, ascent=12)]
    (entry,) = read_runs(write_garmin_csv(tmp_path / "a.csv", rows, header), distance_unit="km",
                         tz=PARIS).entries
    assert entry.distance_m == pytest.approx(2 * 1609.344)
    assert entry.elevation_gain_m == 12.0


def test_time_without_elapsed_time_and_fractions(tmp_path: Path) -> None:
    header = tuple(c for c in GARMIN_CSV_HEADER if c != "Elapsed Time")
    row = GarminRow("Running", datetime(2025, 7, 6, 8, 0), "Run", "5.00", "00:25:30.5")
    (entry,) = read_runs(write_garmin_csv(tmp_path / "a.csv", [row], header), tz=PARIS).entries
    assert entry.duration_s == 1530.5


def test_a_bad_cell_refuses_the_file_with_line_and_column(tmp_path: Path) -> None:
    good = garmin_row("Running", datetime(2025, 7, 6, 8, 0), "Run", 5.0, 1500)
    bad = GarminRow("Running", datetime(2025, 7, 7, 8, 0), "Run", "5.0.1", "00:25:00")
    path = write_garmin_csv(tmp_path / "a.csv", [good, bad])
    column = GARMIN_CSV_HEADER.index("Distance") + 1
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path, tz=PARIS)
    assert str(refused.value) == f"a.csv, line 3, column {column} (Distance): is not a number"
    assert "5.0.1" not in str(refused.value)


def test_a_bad_time_is_refused(tmp_path: Path) -> None:
    bad = GarminRow("Running", datetime(2025, 7, 7, 8, 0), "Run", "5.0", "00:75:00")
    path = write_garmin_csv(tmp_path / "a.csv", [bad])
    column = GARMIN_CSV_HEADER.index("Elapsed Time") + 1
    with pytest.raises(RunFileRefused, match=rf"line 2, column {column} \(Elapsed Time\): is "
                                              r"not a duration"):
        read_runs(path, tz=PARIS)


def test_a_run_in_the_future_names_its_line_and_date_column(tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "a.csv", [
        garmin_row("Running", datetime(2025, 7, 6, 8, 0), "Run", 5.0, 1500),
        garmin_row("Running", datetime(2031, 7, 6, 8, 0), "Run", 5.0, 1500)])
    found = read_runs(path, tz=PARIS)
    with pytest.raises(RunFileRefused) as refused:
        found.check(datetime(2026, 1, 5, tzinfo=UTC))
    assert str(refused.value) == ("a.csv, line 3, column 2 (Date): start: the run starts in "
                                  "the future")


def test_another_csv_is_refused_at_its_header(tmp_path: Path) -> None:
    path = tmp_path / "strong.csv"
    path.write_text("Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n")
    with pytest.raises(RunFileRefused, match=r"^strong\.csv, line 1: is not a Garmin Connect "
                                              "activities CSV"):
        read_runs(path)


def test_only_other_sports_is_refused(tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "a.csv", [
        garmin_row("Cycling", datetime(2025, 7, 6, 8, 0), "Ride", 50.0, 6000)])
    with pytest.raises(RunFileRefused, match="holds no runs"):
        read_runs(path)


def test_binary_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x0e\x10\x00\x00\xff\xfe.FIT")
    with pytest.raises(RunFileRefused, match=r"^a\.csv, line 1: is not a CSV file"):
        read_runs(path)

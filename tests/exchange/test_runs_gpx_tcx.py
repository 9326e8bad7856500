"""GPX (gpxpy) and TCX (as Garmin Connect writes it) read into runs: every
kept field, and refusals with a line and column."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.exchange.runs import RunFileRefused, read_runs
from app.logbook.runs import RunTag, Sport
from helpers.run_files import (
    distance_of,
    gpx_length,
    gpx_text,
    interval_speed,
    tcx_text,
    write_gpx_run,
    write_tcx_run,
)

START = datetime(2025, 10, 12, 6, 45, tzinfo=UTC)


def test_gpx_keeps_every_field(tmp_path: Path) -> None:
    text = gpx_text(START, 3600, 2.9, name="Evening tempo", heart_rate=148, climb_every_s=40,
                    every_s=5)
    path = tmp_path / "evening.gpx"
    path.write_text(text)
    (entry,) = read_runs(path).entries
    length, uphill = gpx_length(text)
    assert entry.started_at == START
    assert entry.duration_s == 3600.0
    assert entry.distance_m == pytest.approx(length, rel=1e-9)
    assert entry.distance_m == pytest.approx(distance_of(3600, 2.9, 5), abs=0.01)
    assert entry.elevation_gain_m == pytest.approx(uphill)
    assert entry.elevation_gain_m == pytest.approx(90.0)  # a meter every 40 s for an hour
    assert entry.average_heart_rate == 148
    assert entry.sport is Sport.RUN
    assert entry.source == "gpx"
    assert entry.title == "Evening tempo"
    assert entry.tag is RunTag.QUALITY and entry.tag_guessed


def test_gpx_gz_and_no_heart_rate(tmp_path: Path) -> None:
    path = write_gpx_run(tmp_path / "a.gpx.gz", START, 1800, 3.0, every_s=10)
    (entry,) = read_runs(path).entries
    assert entry.average_heart_rate is None
    assert entry.tag is RunTag.EASY  # even pace, no word


def test_gpx_intervals_are_quality(tmp_path: Path) -> None:
    path = write_gpx_run(tmp_path / "a.gpx", START, 3200, interval_speed(), every_s=5)
    assert read_runs(path).entries[0].tag is RunTag.QUALITY


def test_gpx_without_time_stamps_is_refused_at_its_first_point(tmp_path: Path) -> None:
    path = write_gpx_run(tmp_path / "route.gpx", START, 600, 3.0, times=False, every_s=60)
    lines = path.read_text().splitlines()
    first = next(i for i, line in enumerate(lines, start=1) if "<trkpt" in line)
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    assert refused.value.line == first
    assert str(refused.value).startswith(f"route.gpx, line {first}, column ")
    assert str(refused.value).endswith("has no time stamps (a route, not a run done)")


def test_gpx_of_a_ride_is_refused(tmp_path: Path) -> None:
    path = write_gpx_run(tmp_path / "ride.gpx", START, 600, 8.0, activity_type="cycling",
                         every_s=60)
    with pytest.raises(RunFileRefused, match=r"line \d+, column \d+: holds a cycling activity"):
        read_runs(path)


def test_gpx_that_is_not_xml_is_refused_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.gpx"
    text = gpx_text(START, 600, 3.0, every_s=60)
    path.write_text(text[: len(text) // 2])
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    assert refused.value.line is not None and refused.value.line > 1
    assert refused.value.column is not None
    assert "is not a GPX file" in str(refused.value)


def test_a_fit_named_gpx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.gpx"
    path.write_bytes(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT\xff\xfe\x00\x00")
    with pytest.raises(RunFileRefused, match=r"^a\.gpx, line 1, column \d+: is not a GPX file"):
        read_runs(path)


def test_tcx_keeps_every_field(tmp_path: Path) -> None:
    path = write_tcx_run(tmp_path / "a.tcx", START, 3000, 3.2, heart_rate=139, laps=5,
                         every_s=5)
    (entry,) = read_runs(path).entries
    assert entry.started_at == START
    assert entry.duration_s == 3000.0
    assert entry.distance_m == pytest.approx(distance_of(3000, 3.2, 5), abs=0.05)
    assert entry.average_heart_rate == 139
    assert entry.elevation_gain_m == pytest.approx(50.0)  # a meter a minute, 300 m to 350 m
    assert entry.sport is Sport.RUN
    assert entry.source == "tcx"
    assert entry.title == ""
    assert entry.tag is RunTag.EASY


def test_tcx_heart_rate_is_weighted_by_lap_time(tmp_path: Path) -> None:
    text = tcx_text(START, 1200, 3.0, heart_rate=140, laps=2, every_s=60)
    # the second lap at 170 (laps of equal time: the mean is 155)
    first = text.index("<Value>140</Value>", text.index("<Lap", text.index("<Lap") + 1))
    text = text[:first] + "<Value>170</Value>" + text[first + len("<Value>140</Value>"):]
    path = tmp_path / "a.tcx"
    path.write_text(text)
    assert read_runs(path).entries[0].average_heart_rate == 155


def test_tcx_with_leading_blank_space_as_strava_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "a.tcx.gz"
    path.write_bytes(gzip.compress(b"          " + tcx_text(START, 600, 3.0, every_s=60).encode()))
    assert read_runs(path).entries[0].started_at == START


def test_tcx_of_another_sport_is_refused_at_its_activity(tmp_path: Path) -> None:
    path = write_tcx_run(tmp_path / "bike.tcx", START, 600, 8.0, sport="Biking", every_s=60)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), start=1)
                if "<Activity " in text)
    with pytest.raises(RunFileRefused, match=rf"^bike\.tcx, line {line}, column \d+: holds a "
                                              "cycling activity, not a run$"):
        read_runs(path)


def test_tcx_lap_without_time_is_refused_at_the_lap(tmp_path: Path) -> None:
    text = tcx_text(START, 1200, 3.0, laps=2, every_s=60)
    second = text.index("<TotalTimeSeconds>", text.index("<Lap", text.index("<Lap") + 1))
    text = text[:second] + "<TotalTimeSeconds>soon" + text[second + len("<TotalTimeSeconds>600.0"):]
    path = tmp_path / "a.tcx"
    path.write_text(text)
    line = [i for i, t in enumerate(text.splitlines(), start=1) if "<Lap " in t][1]
    with pytest.raises(RunFileRefused, match=rf"line {line}, column \d+: a lap has no valid"):
        read_runs(path)


def test_truncated_tcx_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write_tcx_run(tmp_path / "cut.tcx", START, 1200, 3.0, every_s=30)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    assert "not well-formed XML" in str(refused.value)
    assert refused.value.line == path.read_bytes().count(b"\n") + 1


def test_a_gpx_named_tcx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.tcx"
    path.write_text(gpx_text(START, 600, 3.0, every_s=60))
    with pytest.raises(RunFileRefused, match=r"^a\.tcx, line 1: is not a TCX file"):
        read_runs(path)


def _line_of(text: str, needle: str, occurrence: int = 0) -> int:
    return [i for i, line in enumerate(text.splitlines(), start=1) if needle in line][occurrence]


def test_gpx_point_that_is_not_a_number_is_refused_at_its_line(tmp_path: Path) -> None:
    text = gpx_text(START, 600, 3.0, every_s=60)
    second = text.index('lat="', text.index('lat="') + 1)
    text = text[:second] + 'lat="north' + text[second + len('lat="'):]
    path = tmp_path / "a.gpx"
    path.write_text(text)
    line = _line_of(text, "<trkpt", 1)
    with pytest.raises(RunFileRefused, match=rf"^a\.gpx, line {line}, column \d+: a point's "
                                              "latitude or longitude is not a number$"):
        read_runs(path)
    path.write_text(gpx_text(START, 600, 3.0, every_s=60).replace("<ele>300", "<ele>high", 1))
    with pytest.raises(RunFileRefused, match=r"line \d+, column \d+: an elevation is not a "
                                              "number$"):
        read_runs(path)


def test_tcx_lap_distance_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    text = tcx_text(START, 1200, 3.0, laps=2, every_s=60)
    lap = text.index("<Lap", text.index("<Lap") + 1)
    at = text.index("<DistanceMeters>", lap) + len("<DistanceMeters>")
    text = text[:at] + "far" + text[at:]
    path = tmp_path / "a.tcx"
    path.write_text(text)
    line = _line_of(text, "<Lap ", 1)
    with pytest.raises(RunFileRefused, match=rf"^a\.tcx, line {line}, column \d+: a lap's "
                                              "distance is not a number$"):
        read_runs(path)


def test_tcx_lap_without_distance_leaves_the_total_unknown(tmp_path: Path) -> None:
    text = tcx_text(START, 1200, 3.0, laps=2, every_s=60)
    lap = text.index("<Lap", text.index("<Lap") + 1)
    start = text.index("<DistanceMeters>", lap)
    end = text.index("</DistanceMeters>", start) + len("</DistanceMeters>")
    path = tmp_path / "a.tcx"
    path.write_text(text[:start] + text[end:])
    assert read_runs(path).entries[0].distance_m is None  # half a total would be false


def test_tcx_activity_without_sport_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.tcx"
    path.write_text(tcx_text(START, 600, 3.0, every_s=60).replace(' Sport="Running"', ""))
    with pytest.raises(RunFileRefused, match=r"^a\.tcx, line 4, column \d+: its activity has "
                                              "no sport"):
        read_runs(path)

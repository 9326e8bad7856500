"""FIT files read into runs (issue 18): every kept field, the sub-sports,
and every refusal (another sport, a bad CRC, a file cut short, a file that
is not FIT, no session) naming the file and a FIT message or byte."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.exchange.runs import RunFileRefused, read_runs
from app.logbook.runs import RunTag, Sport
from helpers.run_files import (
    break_crc,
    distance_of,
    gpx_text,
    interval_speed,
    truncate,
    write_fit_run,
)

START = datetime(2025, 11, 2, 7, 30, 15, tzinfo=UTC)


def test_a_run_keeps_every_field(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "morning.fit", START, 2700, 3.1, heart_rate=151,
                         ascent_m=87, every_s=5)
    found = read_runs(path)
    assert found.path == path and found.skipped == 0
    (entry,) = found.entries
    assert entry.started_at == START
    assert entry.started_at.tzinfo is not None
    assert entry.duration_s == 2700.0
    assert entry.distance_m == pytest.approx(round(distance_of(2700, 3.1, 5), 2), abs=0.005)
    assert entry.elevation_gain_m == 87.0
    assert entry.average_heart_rate == 151
    assert entry.sport is Sport.RUN
    assert entry.source == "fit"
    assert entry.title == ""
    assert entry.tag is RunTag.EASY and entry.tag_guessed  # an even pace, 45 minutes


def test_no_heart_rate_or_climb_stays_empty(tmp_path: Path) -> None:
    (entry,) = read_runs(write_fit_run(tmp_path / "a.fit", START, 1200, 3.0, every_s=10)).entries
    assert entry.average_heart_rate is None
    assert entry.elevation_gain_m is None


@pytest.mark.parametrize(("sub_sport", "sport"), [
    ("trail", Sport.TRAIL_RUN), ("treadmill", Sport.TREADMILL), ("track", Sport.TRACK),
    ("generic", Sport.RUN), ("street", Sport.RUN)])
def test_sub_sports(tmp_path: Path, sub_sport: str, sport: Sport) -> None:
    path = write_fit_run(tmp_path / "a.fit", START, 600, 3.0, sub_sport=sub_sport, every_s=30)
    assert read_runs(path).entries[0].sport is sport


def test_gz_is_read_as_the_file_inside(tmp_path: Path) -> None:
    plain = write_fit_run(tmp_path / "a.fit", START, 1800, 3.0, heart_rate=140, every_s=10)
    packed = tmp_path / "b.fit.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert read_runs(packed).entries == read_runs(plain).entries


def test_intervals_are_guessed_quality_from_the_pace(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "a.fit", START, 3000, interval_speed(), every_s=5)
    assert read_runs(path).entries[0].tag is RunTag.QUALITY


def test_the_file_name_says_the_tag(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "sunday-long-run.fit", START, 1800, 3.0, every_s=10)
    assert read_runs(path).entries[0].tag is RunTag.LONG


def test_another_sport_is_refused_with_its_message(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "ride.fit", START, 1800, 8.0, sport="cycling", every_s=10)
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    text = str(refused.value)
    assert text.startswith("ride.fit, FIT message ")
    assert "(byte " in text
    assert text.endswith("holds a cycling activity, not a run")
    assert refused.value.fit_message is not None and refused.value.fit_message > 0


def test_a_bad_crc_is_refused(tmp_path: Path) -> None:
    path = break_crc(write_fit_run(tmp_path / "bad.fit", START, 1800, 3.0, every_s=10))
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    assert "fails its CRC check" in str(refused.value)
    assert refused.value.byte is not None and refused.value.fit_message is not None
    assert str(refused.value).startswith("bad.fit, FIT message ")


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.99])
def test_a_file_cut_short_is_refused(tmp_path: Path, keep: float) -> None:
    path = truncate(write_fit_run(tmp_path / "cut.fit", START, 1800, 3.0, every_s=10), keep)
    with pytest.raises(RunFileRefused) as refused:
        read_runs(path)
    assert "cut short" in str(refused.value)
    assert refused.value.byte == path.stat().st_size


def test_a_file_that_is_not_fit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "track.fit"
    path.write_text(gpx_text(START, 600, 3.0, every_s=60))
    with pytest.raises(RunFileRefused, match=r"^track\.fit, FIT message 0 \(byte 0\): is not a "
                                              r"FIT file"):
        read_runs(path)


def test_a_gz_that_is_not_gzip_is_refused(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "a.fit", START, 600, 3.0, every_s=60)
    shutil.copy(path, tmp_path / "a.fit.gz")
    with pytest.raises(RunFileRefused, match="is not gzip-compressed"):
        read_runs(tmp_path / "a.fit.gz")


def test_a_cut_gz_is_refused(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "a.fit.gz", START, 1800, 3.0, every_s=5)
    truncate(path, 0.6)
    with pytest.raises(RunFileRefused, match="damaged or cut short"):
        read_runs(path)


def test_no_session_is_refused(tmp_path: Path) -> None:
    path = write_fit_run(tmp_path / "a.fit", START, 600, 3.0, every_s=60, session=False)
    with pytest.raises(RunFileRefused, match="holds no session message"):
        read_runs(path)


def test_a_run_in_the_future_or_too_long_is_refused_by_check(tmp_path: Path) -> None:
    now = START + timedelta(hours=2)
    future = read_runs(write_fit_run(tmp_path / "f.fit", now + timedelta(days=1), 600, 3.0,
                                     every_s=60))
    with pytest.raises(RunFileRefused) as refused:
        future.check(now)
    assert str(refused.value).startswith("f.fit, FIT message ")
    assert str(refused.value).endswith("start: the run starts in the future")
    # 48 hours is the limit: 48 h is kept, 48 h and a second is not
    kept = read_runs(write_fit_run(tmp_path / "k.fit", START - timedelta(days=3), 48 * 3600,
                                   1.0, every_s=3600))
    kept.check(now)
    long = read_runs(write_fit_run(tmp_path / "l.fit", START - timedelta(days=3),
                                   48 * 3600 + 1, 1.0, every_s=3600))
    with pytest.raises(RunFileRefused, match="a run cannot last more than 48 hours"):
        long.check(now)


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run.txt"
    path.write_text("a run")
    with pytest.raises(RunFileRefused, match=r"^run\.txt: is not a run file"):
        read_runs(path)

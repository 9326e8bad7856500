"""Runs from files into the log (issue 18, point 1): a Garmin FIT folder and
a Strava export folder import exactly, field by field; all or nothing per
file; a run is one run whatever file it came from; --dry-run writes nothing;
a guess never replaces the athlete's tag; the originals are not copied."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.logbook.runs import RunEntry, RunTag, Sport
from app.usecases.run_import import import_runs
from helpers.run_files import (
    StravaKind,
    StravaRun,
    break_crc,
    distance_of,
    gpx_length,
    interval_speed,
    truncate,
    write_fit_run,
    write_gpx_run,
    write_strava_export,
)

# The test clock (FakeClock) reads 2026-01-05 17:30 UTC; 2025-12-01 is a Monday.
MONDAY = datetime(2025, 12, 1, tzinfo=UTC)


def _stored(store: Any) -> list[RunEntry]:
    return [record.entry for record in reversed(store.reader.list_runs())]


def _same(got: RunEntry, want: RunEntry) -> None:
    """Every kept field; distances to the FIT file's centimeter."""
    assert got.started_at == want.started_at
    assert got.duration_s == want.duration_s
    assert got.sport is want.sport
    if want.distance_m is None:
        assert got.distance_m is None
    else:
        assert got.distance_m == pytest.approx(want.distance_m, abs=0.006)
    assert got.elevation_gain_m == (None if want.elevation_gain_m is None
                                    else pytest.approx(want.elevation_gain_m, abs=1e-6))
    assert got.average_heart_rate == want.average_heart_rate
    assert got.tag is want.tag
    assert got.tag_guessed is want.tag_guessed
    assert got.source == want.source
    assert got.title == want.title


def _garmin_folder(folder: Path) -> list[RunEntry]:
    """A watch's folder of FIT files, and the runs they are."""
    folder.mkdir()
    (folder / "2025").mkdir()
    at = MONDAY.replace(hour=6, minute=30)
    write_fit_run(folder / "2025" / "A1.fit", at, 2700, 3.1, heart_rate=151, ascent_m=87,
                  every_s=5)
    write_fit_run(folder / "B2.fit", at + timedelta(days=2, hours=11), 3000, interval_speed(),
                  heart_rate=163, every_s=5)
    write_fit_run(folder / "C3.fit", at + timedelta(days=5, hours=2), 4800, 2.9, heart_rate=140,
                  ascent_m=120, sub_sport="trail", every_s=5)
    write_fit_run(folder / "D4.fit", at + timedelta(days=8), 5400, 3.0, sub_sport="treadmill",
                  every_s=5)
    write_fit_run(folder / "E5-easy.fit.gz", at + timedelta(days=10), 1800, 2.8, heart_rate=135,
                  every_s=5)
    (folder / "settings.json").write_text("{}")  # not a run file: not read
    return [
        RunEntry(at, 2700.0, Sport.RUN, round(distance_of(2700, 3.1, 5), 2), 87.0, 151,
                 RunTag.EASY, True, "fit", ""),
        RunEntry(at + timedelta(days=2, hours=11), 3000.0, Sport.RUN,
                 round(distance_of(3000, interval_speed(), 5), 2), None, 163, RunTag.QUALITY,
                 True, "fit", ""),
        # the longest of the week's three runs
        RunEntry(at + timedelta(days=5, hours=2), 4800.0, Sport.TRAIL_RUN,
                 round(distance_of(4800, 2.9, 5), 2), 120.0, 140, RunTag.LONG, True, "fit", ""),
        # 90 minutes
        RunEntry(at + timedelta(days=8), 5400.0, Sport.TREADMILL,
                 round(distance_of(5400, 3.0, 5), 2), None, None, RunTag.LONG, True, "fit", ""),
        RunEntry(at + timedelta(days=10), 1800.0, Sport.RUN, round(distance_of(1800, 2.8, 5), 2),
                 None, 135, RunTag.EASY, True, "fit", ""),
    ]


def test_a_garmin_fit_folder_imports_exactly(tmp_path: Path, store: Any) -> None:
    expected = _garmin_folder(tmp_path / "GARMIN")
    steps: list[tuple[int, int]] = []
    report = import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=False,
                         progress=lambda done, total: steps.append((done, total)))
    assert report.added == 5 and report.already == 0 and report.refused == ()
    stored = _stored(store)
    assert len(stored) == len(expected)
    for got, want in zip(stored, expected, strict=True):
        _same(got, want)
    assert steps == [(i, 10) for i in range(11)]
    # every run file of the folder and its subfolders, by path; settings.json is not one
    assert [p.shown for p in report.pieces] == ["A1.fit", "B2.fit", "C3.fit", "D4.fit",
                                                "E5-easy.fit.gz"]


def _strava_runs() -> list[StravaRun]:
    at = MONDAY.replace(hour=6)
    return [
        StravaRun(101, at, 1800, 3.0, kind=StravaKind.FIT_GZ, heart_rate=150, ascent_m=20),
        StravaRun(102, at + timedelta(days=1), 2400, 3.1, name="Track intervals",
                  kind=StravaKind.GPX),
        StravaRun(103, at + timedelta(days=2), 1500, 2.8, kind=StravaKind.TCX_GZ,
                  heart_rate=141),
        StravaRun(104, at + timedelta(days=3), 3600, 2.9, name="Easy with friends",
                  kind=StravaKind.NONE, heart_rate=133, ascent_m=45),
        StravaRun(105, at + timedelta(days=4), 5400, 7.5, name="Ride", activity_type="Ride",
                  kind=StravaKind.FIT_GZ),
        StravaRun(106, at + timedelta(days=5), 1200, 2.7, activity_type="Trail Run",
                  kind=StravaKind.GPX_GZ, name="Parkrun"),
    ]


def test_a_strava_export_folder_imports_exactly(tmp_path: Path, store: Any) -> None:
    folder = write_strava_export(tmp_path / "export_9", _strava_runs())
    gpx_102 = gpx_length((folder / "activities" / "102.gpx").read_text())
    gpx_106 = gpx_length(gzip.decompress((folder / "activities" / "106.gpx.gz").read_bytes())
                         .decode())
    at = MONDAY.replace(hour=6)
    expected = [
        RunEntry(at, 1800.0, Sport.RUN, 5400.0, 20.0, 150, RunTag.EASY, True, "strava",
                 "Morning Run"),
        RunEntry(at + timedelta(days=1), 2400.0, Sport.RUN, gpx_102[0], gpx_102[1], None,
                 RunTag.QUALITY, True, "strava", "Track intervals"),
        # TCX: the laps' distance, the climb from the points (300 m + a meter a minute)
        RunEntry(at + timedelta(days=2), 1500.0, Sport.RUN, 4200.0, 25.0, 141, RunTag.EASY,
                 True, "strava", "Morning Run"),
        # typed in on Strava: from its line (the meters column)
        RunEntry(at + timedelta(days=3), 3600.0, Sport.RUN, 10440.0, 45.0, 133, RunTag.EASY,
                 True, "strava", "Easy with friends"),
        RunEntry(at + timedelta(days=5), 1200.0, Sport.TRAIL_RUN, gpx_106[0], gpx_106[1], None,
                 RunTag.RACE, True, "strava", "Parkrun"),
    ]
    report = import_runs([folder], store, tz=UTC, dry_run=False)
    assert report.refused == ()
    assert report.added == 5 and report.skipped == 1  # the ride
    stored = _stored(store)
    assert len(stored) == len(expected)
    for got, want in zip(stored, expected, strict=True):
        _same(got, want)


def test_importing_again_adds_nothing(tmp_path: Path, store: Any) -> None:
    _garmin_folder(tmp_path / "GARMIN")
    import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=False)
    again = import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=False)
    assert (again.added, again.already) == (0, 5)
    assert store.reader.count_runs() == 5


def test_a_run_is_one_run_whatever_file_it_came_from(tmp_path: Path, store: Any) -> None:
    at = MONDAY.replace(hour=7)
    fit = write_fit_run(tmp_path / "watch.fit", at, 1800, 3.0, every_s=10)
    # the same run from Strava's GPX: its first point 100 s later (the GPS fix)
    gpx = write_gpx_run(tmp_path / "strava.gpx", at + timedelta(seconds=100), 1700, 3.0,
                        every_s=10)
    other = write_gpx_run(tmp_path / "evening.gpx", at + timedelta(seconds=121), 600, 3.0,
                          every_s=10)
    report = import_runs([fit, gpx, other], store, dry_run=False)
    assert [(len(p.added), len(p.already)) for p in report.pieces] == [(1, 0), (0, 1), (1, 0)]
    assert store.reader.count_runs() == 2


def test_the_same_run_twice_in_one_dry_run_counts_once(tmp_path: Path, store: Any) -> None:
    at = MONDAY.replace(hour=7)
    fit = write_fit_run(tmp_path / "watch.fit", at, 1800, 3.0, every_s=10)
    gpx = write_gpx_run(tmp_path / "strava.gpx", at + timedelta(seconds=30), 1800, 3.0,
                        every_s=10)
    report = import_runs([fit, gpx], store, dry_run=True)
    assert (report.added, report.already) == (1, 1)


def test_a_dry_run_writes_nothing_and_says_what_it_would_add(tmp_path: Path, store: Any) -> None:
    expected = _garmin_folder(tmp_path / "GARMIN")
    report = import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=True)
    assert report.dry_run and report.added == 5 and report.records == ()
    assert store.reader.count_runs() == 0
    would = sorted((e for p in report.pieces for e in p.added), key=lambda e: e.started_at)
    for got, want in zip(would, expected, strict=True):
        _same(got, want)
    import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=False)
    assert import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=True).already == 5


def test_bad_files_are_refused_alone(tmp_path: Path, store: Any) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    at = MONDAY.replace(hour=7)
    write_fit_run(folder / "a-good.fit", at, 1800, 3.0, every_s=10)
    break_crc(write_fit_run(folder / "b-crc.fit", at + timedelta(days=1), 1800, 3.0, every_s=10))
    truncate(write_fit_run(folder / "c-cut.fit", at + timedelta(days=2), 1800, 3.0, every_s=10))
    # starts after the test clock's now (2026-01-05 17:30 UTC)
    write_fit_run(folder / "d-future.fit", datetime(2026, 1, 6, 7, tzinfo=UTC), 1800, 3.0,
                  every_s=10)
    write_fit_run(folder / "e-long.fit", at + timedelta(days=3), 48 * 3600 + 60, 1.0,
                  every_s=600)
    (folder / "f-not.gpx").write_bytes((folder / "a-good.fit").read_bytes())
    write_gpx_run(folder / "g-route.gpx", at + timedelta(days=5), 600, 3.0, times=False,
                  every_s=60)
    write_gpx_run(folder / "h-good.gpx", at + timedelta(days=6), 1200, 3.0, every_s=10)
    report = import_runs([folder], store, tz=UTC, dry_run=False)
    refused = {p.shown: p.refused for p in report.pieces if p.refused}
    assert sorted(refused) == ["b-crc.fit", "c-cut.fit", "d-future.fit", "e-long.fit",
                               "f-not.gpx", "g-route.gpx"]
    assert "fails its CRC check" in str(refused["b-crc.fit"])
    assert "cut short" in str(refused["c-cut.fit"])
    assert str(refused["d-future.fit"]).startswith("d-future.fit, FIT message ")
    assert str(refused["d-future.fit"]).endswith("the run starts in the future")
    assert str(refused["e-long.fit"]).endswith("a run cannot last more than 48 hours")
    assert str(refused["f-not.gpx"]).startswith("f-not.gpx, line 1")
    assert str(refused["g-route.gpx"]).endswith("has no time stamps (a route, not a run done)")
    assert [e.started_at for e in _stored(store)] == [at, at + timedelta(days=6)]


def test_a_guess_never_replaces_the_athletes_tag(tmp_path: Path, store: Any) -> None:
    path = write_fit_run(tmp_path / "tempo.fit", MONDAY.replace(hour=7), 1800, 3.0, every_s=10)
    (record,) = import_runs([path], store, dry_run=False).records
    assert record.entry.tag is RunTag.QUALITY and record.entry.tag_guessed
    store.set_run_tag(record.id, RunTag.EASY)
    shutil.copy(path, tmp_path / "race.fit")
    report = import_runs([tmp_path / "race.fit"], store, dry_run=False)
    assert report.already == 1
    (kept,) = store.reader.list_runs()
    assert kept.entry.tag is RunTag.EASY and not kept.entry.tag_guessed


def test_the_original_files_are_not_copied(tmp_path: Path, store: Any, paths: Any) -> None:
    _garmin_folder(tmp_path / "GARMIN")
    before = {p for p in paths.data_dir.rglob("*") if p.is_file()}
    import_runs([tmp_path / "GARMIN"], store, tz=UTC, dry_run=False)
    added = {p for p in paths.data_dir.rglob("*") if p.is_file()} - before
    fit_bytes = {p.read_bytes() for p in (tmp_path / "GARMIN").rglob("*.fit")}
    for path in paths.data_dir.rglob("*"):
        if path.is_file():
            assert not path.name.lower().endswith((".fit", ".fit.gz", ".gpx", ".tcx"))
            assert path.read_bytes() not in fit_bytes
    assert {p.name for p in added} <= {"hamstride.db-wal", "hamstride.db-shm"}, added


def test_a_missing_path_is_refused(tmp_path: Path, store: Any) -> None:
    report = import_runs([tmp_path / "nowhere.fit"], store, dry_run=False)
    assert report.refused == ("nowhere.fit: does not exist",)

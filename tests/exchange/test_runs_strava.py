"""A Strava bulk export read piece by piece (issue 18): activity files
matched by activities.csv's Filename, typed-in runs from their line, other
sports skipped, a bad or missing file refused alone; the .zip as the folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.exchange.runs import RunFile, RunFileRefused, run_pieces
from app.logbook.runs import RunTag, Sport
from helpers.run_files import (
    StravaKind,
    StravaRun,
    break_crc,
    strava_date,
    write_strava_export,
    zip_folder,
)

START = datetime(2025, 9, 1, 6, 0, tzinfo=UTC)


def _runs() -> list[StravaRun]:
    return [
        StravaRun(101, START, 1800, 3.0, kind=StravaKind.FIT_GZ, heart_rate=150, ascent_m=20),
        StravaRun(102, START + timedelta(days=1), 2400, 3.1, name="Track intervals",
                  kind=StravaKind.GPX),
        StravaRun(103, START + timedelta(days=2), 1500, 2.8, kind=StravaKind.TCX_GZ,
                  heart_rate=141),
        StravaRun(104, START + timedelta(days=3), 3600, 2.9, name="Easy with friends",
                  kind=StravaKind.NONE, heart_rate=133, ascent_m=45),
        StravaRun(105, START + timedelta(days=4), 5400, 7.5, activity_type="Ride",
                  kind=StravaKind.FIT_GZ),
        StravaRun(106, START + timedelta(days=5), 1200, 2.7, activity_type="Trail Run",
                  kind=StravaKind.GPX_GZ, name="Parkrun"),
    ]


def _read(path: Path) -> dict[str, RunFile | RunFileRefused]:
    out: dict[str, RunFile | RunFileRefused] = {}
    for piece in run_pieces(path):
        try:
            out[piece.shown] = piece.read()
        except RunFileRefused as refused:
            out[piece.shown] = refused
    return out


def test_strava_date_is_read_as_strava_writes_it() -> None:
    assert strava_date(datetime(2025, 9, 1, 13, 5, 7, tzinfo=UTC)) == "Sep 1, 2025, 1:05:07 PM"


@pytest.mark.parametrize("zipped", [False, True])
def test_each_piece_of_an_export(tmp_path: Path, zipped: bool) -> None:
    folder = write_strava_export(tmp_path / "export_1234", _runs())
    path = zip_folder(folder, tmp_path / "export_1234.zip") if zipped else folder
    name = path.name
    found = _read(path)
    assert list(found) == [f"{name}/activities/101.fit.gz", f"{name}/activities/102.gpx",
                           f"{name}/activities/103.tcx.gz", f"{name}/activities/106.gpx.gz",
                           f"{name}/activities.csv"]
    pieces = {shown: piece for shown, piece in found.items() if isinstance(piece, RunFile)}
    assert len(pieces) == 5
    (fit,) = pieces[f"{name}/activities/101.fit.gz"].entries
    assert (fit.started_at, fit.duration_s, fit.average_heart_rate, fit.elevation_gain_m,
            fit.source, fit.title) == (START, 1800.0, 150, 20.0, "strava", "Morning Run")
    (gpx,) = pieces[f"{name}/activities/102.gpx"].entries
    assert gpx.tag is RunTag.QUALITY and gpx.title == "Track intervals"
    (trail,) = pieces[f"{name}/activities/106.gpx.gz"].entries
    assert trail.sport is Sport.TRAIL_RUN and trail.tag is RunTag.RACE
    typed = pieces[f"{name}/activities.csv"]
    assert typed.skipped == 1  # the ride
    (by_hand,) = typed.entries
    assert by_hand.started_at == START + timedelta(days=3)
    assert by_hand.duration_s == 3600.0
    assert by_hand.distance_m == pytest.approx(3600 * 2.9, abs=0.05)  # the meters column
    assert by_hand.elevation_gain_m == 45.0 and by_hand.average_heart_rate == 133
    assert by_hand.tag is RunTag.EASY and by_hand.source == "strava"


def test_a_damaged_file_is_refused_alone(tmp_path: Path) -> None:
    folder = write_strava_export(tmp_path / "export", _runs())
    import gzip

    damaged = folder / "activities" / "101.fit.gz"
    inner = tmp_path / "101.fit"
    inner.write_bytes(gzip.decompress(damaged.read_bytes()))
    damaged.write_bytes(gzip.compress(break_crc(inner).read_bytes()))
    (folder / "activities" / "103.tcx.gz").unlink()
    found = _read(folder)
    refused = [piece for piece in found.values() if isinstance(piece, RunFileRefused)]
    assert [str(r).split(",")[0].split(":")[0] for r in refused] == [
        "export/activities/101.fit.gz", "export/activities/103.tcx.gz"]
    assert "fails its CRC check" in str(refused[0])
    assert str(refused[1]) == ("export/activities/103.tcx.gz: is listed on line 4 of "
                               "activities.csv but is not in the export")
    assert sum(isinstance(piece, RunFile) for piece in found.values()) == 3


def test_a_bad_typed_run_refuses_the_csv_piece_with_line_and_column(tmp_path: Path) -> None:
    runs = _runs()
    runs[3] = StravaRun(104, START, 3600, 2.9, kind=StravaKind.NONE,
                        extra={"Activity Date": "someday"})
    folder = write_strava_export(tmp_path / "export", runs)
    found = _read(folder)
    refused = found["export/activities.csv"]
    assert isinstance(refused, RunFileRefused)
    assert str(refused) == ("export/activities.csv, line 5, column 2 (Activity Date): is not a "
                            "date and time (like May 3, 2026, 7:30:00 AM)")
    assert isinstance(found["export/activities/101.fit.gz"], RunFile)


def test_a_zip_without_activities_csv_is_refused(tmp_path: Path) -> None:
    folder = write_strava_export(tmp_path / "export", _runs()[:1])
    (folder / "activities.csv").unlink()
    path = zip_folder(folder, tmp_path / "export.zip")
    (piece,) = run_pieces(path)
    with pytest.raises(RunFileRefused, match=r"^export\.zip: is not a Strava export"):
        piece.read()


def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_text("not a zip")
    (piece,) = run_pieces(path)
    with pytest.raises(RunFileRefused, match=r"^export\.zip: is not a zip file"):
        piece.read()


def test_activities_csv_that_is_not_stravas(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "activities.csv").write_text("Date,Title\n2025-01-01,Run\n")
    (piece,) = run_pieces(tmp_path / "export")
    with pytest.raises(RunFileRefused, match=r"^export/activities\.csv, line 1: is not "
                                              "Strava's activities.csv"):
        piece.read()

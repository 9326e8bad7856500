"""`hamstride runs`, `runs import` and `runs tag` (issue 18, point 1)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.kernel.paths import AppPaths
from helpers.cli_run import run
from helpers.run_files import break_crc, garmin_row, write_fit_run, write_garmin_csv

NOON = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)  # the same day in every zone near UTC


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "watch"
    folder.mkdir()
    write_fit_run(folder / "a.fit", NOON, 3000, 10000 / 3000, heart_rate=151, ascent_m=40,
                  every_s=10)
    write_fit_run(folder / "b.fit", NOON + timedelta(days=2), 1800, 3.0, every_s=10)
    write_fit_run(folder / "c-tempo.fit.gz", NOON + timedelta(days=4), 2400, 3.2, every_s=10)
    return folder


def test_import_a_folder_then_list(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                   tmp_path: Path) -> None:
    data = str(paths.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "runs", "import", str(_folder(tmp_path)))
    assert code == 0, err
    assert out == "Added 3 runs.\n"
    # the folder's progress, on stderr: a line at each tenth when not a terminal
    assert err.splitlines() == [f"hamstride: importing runs {p}%" for p in
                                (0, 10, 30, 50, 60, 80, 100)]
    code, out, err = run(capsys, "--data-dir", data, "runs", "--json")
    assert code == 0, err
    runs = json.loads(out)
    assert [r["started_at"] for r in runs] == [
        (NOON + timedelta(days=4)).isoformat(), (NOON + timedelta(days=2)).isoformat(),
        NOON.isoformat()]
    first = runs[2]
    assert first["duration_s"] == 3000.0
    assert first["distance_m"] == pytest.approx(10000.0, abs=0.01)
    assert (first["elevation_gain_m"], first["average_heart_rate"], first["sport"],
            first["tag"], first["tag_guessed"], first["source"], first["title"]) == (
        40.0, 151, "run", "long", True, "fit", "")  # the longest of the week's three
    assert runs[0]["tag"] == "quality"  # "tempo" in the file's name
    code, out, _ = run(capsys, "--data-dir", data, "runs")
    line = out.splitlines()[-1]
    assert "2025-06-02" in line
    for part in ("10.00 km", "0:50:00", "5:00 /km", "151 bpm", "long (guessed)"):
        assert part in line
    code, out, _ = run(capsys, "--data-dir", data, "runs", "--limit", "1")
    assert len(out.splitlines()) == 1 and "quality" in out
    code, out, _ = run(capsys, "--data-dir", data, "runs", "import", str(tmp_path / "watch"))
    assert (code, out) == (0, "Added 0 runs; 3 runs already in the log.\n")


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                tmp_path: Path) -> None:
    data = str(paths.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "runs", "import", "--dry-run",
                         str(_folder(tmp_path)))
    assert code == 0, err
    lines = out.splitlines()
    assert [line.startswith("would add: ") for line in lines] == [True] * 3 + [False] * 2
    assert lines[-2:] == ["Would add 3 runs.", "Dry run: nothing was written."]
    assert json.loads(run(capsys, "--data-dir", data, "runs", "--json")[1]) == []


def test_a_refused_file_is_one_line_and_the_others_are_imported(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    break_crc(folder / "b.fit")
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "runs", "import",
                         str(folder))
    assert code == 1
    refusals = [line for line in err.splitlines() if "nothing imported" in line]
    assert len(refusals) == 1
    assert refusals[0].startswith("hamstride: b.fit, FIT message ")
    assert refusals[0].endswith(": fails its CRC check: the file is damaged (nothing imported "
                                "from it)")
    assert out == "Added 2 runs; 1 file refused.\n"
    assert "Traceback" not in err


def test_tag_a_run(capsys: pytest.CaptureFixture[str], paths: AppPaths, tmp_path: Path) -> None:
    data = str(paths.data_dir)
    run(capsys, "--data-dir", data, "runs", "import", str(_folder(tmp_path)))
    oldest = json.loads(run(capsys, "--data-dir", data, "runs", "--json")[1])[-1]["id"]
    code, out, err = run(capsys, "--data-dir", data, "runs", "tag", str(oldest), "intervals")
    assert code == 0, err
    assert "quality" in out and "(guessed)" not in out
    stored = json.loads(run(capsys, "--data-dir", data, "runs", "--json")[1])[-1]
    assert (stored["tag"], stored["tag_guessed"]) == ("quality", False)
    code, _, err = run(capsys, "--data-dir", data, "runs", "tag", "999", "easy")
    assert code == 1 and err == "hamstride: runs tag: no run with id 999\n"
    code, _, err = run(capsys, "--data-dir", data, "runs", "tag", str(oldest), "fast")
    assert code == 2 and "invalid choice" in err


def test_a_garmin_csv_in_miles(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                               tmp_path: Path) -> None:
    path = write_garmin_csv(tmp_path / "Activities.csv", [
        garmin_row("Running", datetime(2025, 6, 2, 12, 0), "Lunch", 5.0, 2400),
        garmin_row("Cycling", datetime(2025, 6, 3, 12, 0), "Ride", 20.0, 3600)])
    data = str(paths.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "runs", "import", str(path), "--unit", "mi")
    assert code == 0, err
    assert out == "Added 1 run; skipped 1 activity that is not a run.\n"
    (stored,) = json.loads(run(capsys, "--data-dir", data, "runs", "--json")[1])
    assert stored["distance_m"] == pytest.approx(5 * 1609.344)


def test_no_runs_yet(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "runs")
    assert code == 0
    assert out == "No runs in the log yet. Add them with 'hamstride runs import PATH'.\n"


def test_a_missing_file(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                        tmp_path: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "runs", "import",
                         str(tmp_path / "none.gpx"))
    assert code == 1
    assert err == "hamstride: none.gpx: does not exist (nothing imported from it)\n"
    assert out == "Added 0 runs; 1 file refused.\n"


def test_a_run_in_miles() -> None:
    from app.cli.runs import describe_run
    from app.logbook.runs import RunEntry, RunTag

    entry = RunEntry(NOON, 720.0, distance_m=1609.344 * 1.5, average_heart_rate=140,
                     tag=RunTag.EASY, tag_guessed=False, title="Lunch")
    line = describe_run(entry, "mi")
    assert "1.50 mi  0:12:00  8:00 /mi" in line
    assert line.endswith("140 bpm  easy  Lunch")
    assert "2.41 km" in describe_run(entry, "km")

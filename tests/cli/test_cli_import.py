"""`hamstride import`: every format through the command line, all or nothing,
idempotent, and --dry-run writing nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app.kernel.paths import AppPaths
from app.storage.backup import backup_reason, list_backups
from app.storage.queries import LogReader
from helpers.cli_run import run

IMPORTS = Path(__file__).parents[1] / "fixtures" / "imports"
FILES = sorted(p.name for p in IMPORTS.iterdir())


def _counts(paths: AppPaths) -> tuple[int, int, int]:
    reader = LogReader(paths.database)
    try:
        return reader.count_sessions(), reader.count_sets(), len(reader.custom_exercises())
    finally:
        reader.close()


def _digest(paths: AppPaths) -> str:
    return hashlib.sha256(paths.database.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", FILES)
def test_each_format_imports_once(capsys: pytest.CaptureFixture[str], paths: AppPaths, name: str) -> None:
    data = str(paths.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "import", str(IMPORTS / name), "--dry-run")
    assert code == 0, err
    assert "Dry run: nothing was written." in out
    assert _counts(paths) == (0, 0, 0)
    assert list_backups(paths.backups_dir) == []
    would = next(line for line in out.splitlines() if line.startswith("Would add"))

    code, out, err = run(capsys, "--data-dir", data, "import", str(IMPORTS / name))
    assert code == 0, err
    sessions, sets, _ = _counts(paths)
    assert sessions > 0 and sets > 0
    assert f"Added {sessions} session" in out and f"with {sets} sets" in out
    assert would.startswith(f"Would add {sessions} sessions with {sets} sets")
    assert [backup_reason(p) for p in list_backups(paths.backups_dir)] == ["before-import"]

    before = _digest(paths)
    code, out, err = run(capsys, "--data-dir", data, "import", str(IMPORTS / name))
    assert code == 0, err
    assert "Nothing new" in out
    assert _counts(paths)[:2] == (sessions, sets)
    assert _digest(paths) == before


def test_the_variants_of_one_app_do_not_duplicate_a_workout(capsys: pytest.CaptureFixture[str],
                                                            paths: AppPaths) -> None:
    data = str(paths.data_dir)
    run(capsys, "--data-dir", data, "import", str(IMPORTS / "strong.csv"))
    sessions = _counts(paths)[0]
    code, out, _ = run(capsys, "--data-dir", data, "import", str(IMPORTS / "strong_comma_24h.csv"))
    assert code == 0
    assert "already in the log" in out
    assert _counts(paths)[0] == sessions


def test_exercise_names_are_matched_and_the_rest_become_custom_exercises(
        capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "import",
                       str(IMPORTS / "strong_legacy_lbs.csv"))
    assert code == 0
    reader = LogReader(paths.database)
    try:
        slugs = {s.exercise_slug for r in reader.list_sessions() for s in reader.sets_of_session(r.id)}
        customs = {e.name for e in reader.custom_exercises()}
    finally:
        reader.close()
    assert {"romanian-deadlift", "nordic-hamstring-curl", "good-morning"} <= slugs
    assert "Bench Press (Barbell)" in customs
    assert "New custom exercises:" in out


def test_a_bad_row_writes_nothing_and_names_line_and_column(capsys: pytest.CaptureFixture[str],
                                                          paths: AppPaths, tmp_path: Path) -> None:
    lines = (IMPORTS / "strong.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[5].split(";")
    fields[6] = '"-20"'  # Weight (kg)
    lines[5] = ";".join(fields)
    bad = tmp_path / "strong_bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(paths.data_dir), "import", str(bad))
    assert code == 1
    assert "strong_bad.csv" in err and "line 6" in err and "column 7" in err
    assert "nothing was imported" in err
    assert _counts(paths) == (0, 0, 0)


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"Date,Exercise,Whatever\n2026-01-01,Squat,1\n", "not an export we can read"),
    (b"\xff\xfeD\x00a\x00t\x00e\x00", "not an export we can read"),
    (b"Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"
     b"2026-01-01,Caf\xe9 curl,Legs,10,kgs,8,,,\n", "UTF-8"),
])
def test_files_that_are_not_exports_get_a_clear_message(capsys: pytest.CaptureFixture[str],
                                                        paths: AppPaths, tmp_path: Path,
                                                        content: bytes, words: str) -> None:
    bad = tmp_path / "input.csv"
    bad.write_bytes(content)
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("hamstride: input.csv") and words in err
    assert _counts(paths) == (0, 0, 0)


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                    tmp_path: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(paths.data_dir), "import", str(tmp_path / "no.csv"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "no.csv" in err


def test_our_json_export_round_trips_through_the_command_line(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for name in ("strong.csv", "hevy_lbs.csv", "hamstride.json"):
        assert run(capsys, "--data-dir", str(first), "import", str(IMPORTS / name))[0] == 0
    exported = tmp_path / "log.json"
    assert run(capsys, "--data-dir", str(first), "export", "--format", "json", "-o", str(exported))[0] == 0
    assert run(capsys, "--data-dir", str(second), "import", str(exported))[0] == 0
    again = tmp_path / "again.json"
    assert run(capsys, "--data-dir", str(second), "export", "--format", "json", "-o", str(again))[0] == 0
    one, two = json.loads(exported.read_text()), json.loads(again.read_text())
    assert two["sessions"] == one["sessions"]
    assert two["settings"] == one["settings"]
    assert [e["slug"] for e in two["custom_exercises"]] == [e["slug"] for e in one["custom_exercises"]]

"""The command line: works without a display, one clear line for mistakes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app import __version__
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.store import Store
from helpers.cli_run import run


@pytest.fixture
def logged(paths: AppPaths, clock: FakeClock) -> AppPaths:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Tuesday gym")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5, descent_s=(5.0, 4.0),
                                       notes="=HYPERLINK(\"http://x\")"))
    clock.advance(1200)
    store.end_session(session.id)
    store.close()
    return paths


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"Hamstride {__version__}"


def test_exercises_lists_the_catalog(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "exercises")
    assert code == 0 and err == ""
    assert "Nordic hamstring curl" in out and "Romanian deadlift" in out
    assert len(out.strip().splitlines()) == 19


def test_exercises_json_has_steps_and_prescriptions(capsys: pytest.CaptureFixture[str],
                                                   paths: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "exercises", "--json")
    data = json.loads(out)
    assert code == 0
    exercises = data["exercises"]
    assert len(exercises) == 19
    nordic = next(e for e in exercises if e["slug"] == "nordic-hamstring-curl")
    assert nordic["steps"] and nordic["prescription"]["sets"] >= 1 and nordic["sources"]


def test_history_when_empty(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert code == 0 and "No sessions logged yet" in out


def test_history_text_and_json(capsys: pytest.CaptureFixture[str], logged: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(logged.data_dir), "history")
    assert code == 0
    assert "Tuesday gym" in out and "2 sets" in out and "20 min" in out
    assert out.startswith("#1 · ")  # the id `export --format fit --session ID` takes
    assert "romanian-deadlift set 1, 8 reps, 60 kg" in out
    code, out, _ = run(capsys, "--data-dir", str(logged.data_dir), "history", "--json")
    sessions = json.loads(out)
    assert code == 0 and len(sessions) == 1
    assert [s["exercise"] for s in sessions[0]["sets"]] == ["romanian-deadlift", "nordic-hamstring-curl"]
    assert sessions[0]["sets"][1]["descent_s"] == [5.0, 4.0]


def test_environment_variable_picks_the_data_dir(capsys: pytest.CaptureFixture[str], logged: AppPaths,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRIDE_DATA_DIR", str(logged.data_dir))
    code, out, _ = run(capsys, "history")
    assert code == 0 and "Tuesday gym" in out


def test_export_csv_neutralises_formulas(capsys: pytest.CaptureFixture[str], logged: AppPaths,
                                         tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    code, out, _ = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "csv",
                       "-o", str(target))
    assert code == 0 and "Exported 2 sets" in out
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert rows[1]["notes"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["load_kg"] == "60" and rows[1]["descent_s"] == "5;4"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_export_json(capsys: pytest.CaptureFixture[str], logged: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "log.json"
    code, _, _ = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "json",
                     "-o", str(target))
    data = json.loads(target.read_text())
    assert code == 0 and data["format"] == "hamstride-export"
    assert data["sessions"][0]["sets"][1]["notes"] == "=HYPERLINK(\"http://x\")"  # JSON keeps it raw


def test_export_into_a_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str],
                                                  logged: AppPaths, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(logged.data_dir), "export", "--format", "csv",
                         "-o", str(tmp_path / "nope" / "log.csv"))
    assert code == 1 and out == ""
    assert err.strip() == f"hamstride: the folder {tmp_path / 'nope'} does not exist"


def test_backup_on_demand(capsys: pytest.CaptureFixture[str], logged: AppPaths) -> None:
    code, out, _ = run(capsys, "--data-dir", str(logged.data_dir), "backup")
    assert code == 0
    path = Path(out.strip().removeprefix("Backup written to "))
    assert path.parent == logged.backups_dir and path.stat().st_size > 0


@pytest.mark.parametrize("argv", [
    ("frobnicate",),
    ("export", "--format", "xml", "-o", "x"),
    ("export", "--format", "csv"),
    ("history", "--limit", "zero"),
    ("history", "--limit", "0"),
])
def test_user_mistakes_are_one_line_on_stderr(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                                              argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("hamstride")
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_unusable_data_dir_names_it_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", "/proc/self/hamstride", "history")
    assert code == 1
    assert err.startswith("hamstride: cannot create the data directory /proc/self/hamstride")
    assert len(err.strip().splitlines()) == 1


def test_a_newer_database_is_one_line_not_a_traceback(capsys: pytest.CaptureFixture[str],
                                                      logged: AppPaths) -> None:
    import sqlite3

    connection = sqlite3.connect(logged.database)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    code, _, err = run(capsys, "--data-dir", str(logged.data_dir), "history")
    assert code == 1 and "newer Hamstride" in err and len(err.strip().splitlines()) == 1


def test_python_dash_m_app_is_the_same_command(tmp_path: Path) -> None:
    env = {**os.environ, "HAMSTRIDE_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                            text=True, env=env, check=True)
    assert result.stdout.strip() == f"Hamstride {__version__}"


def test_commands_log_to_a_file_in_the_log_dir(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    import logging

    code, _, _ = run(capsys, "--data-dir", str(paths.data_dir), "history")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert code == 0
    assert "database migrated to v1" in paths.log_file.read_text()


@pytest.mark.parametrize(("argv", "env", "message"), [
    (("--exercise", "moonwalk"), {}, "--exercise: no exercise 'moonwalk'"),
    (("--exercise", "nordic-hamstring-curl", "--reps", "lots"), {}, "--reps:"),
    (("--exercise", "nordic-hamstring-curl", "--sets", "0"), {}, "--sets:"),
    (("--exercise", "nordic-hamstring-curl", "--tempo", "5-0-3"), {}, "--tempo:"),
    (("--exercise", "standing-hamstring-stretch", "--reps", "8"), {}, "--reps"),
    (("--exercise", "nordic-hamstring-curl"), {"HAMSTRIDE_TIME_SCALE": "0"}, "HAMSTRIDE_TIME_SCALE"),
    (("--exercise", "nordic-hamstring-curl"), {"HAMSTRIDE_TIME_SCALE": "fast"}, "HAMSTRIDE_TIME_SCALE"),
])
def test_session_quick_start_checks_its_options_before_any_window(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        argv: tuple[str, ...], env: dict[str, str], message: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "session", *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"hamstride: {message}") and len(err.strip().splitlines()) == 1


def test_session_reps_and_hold_are_exclusive(capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    code, _, err = run(capsys, "--data-dir", str(paths.data_dir), "session", "--exercise",
                       "nordic-hamstring-curl", "--reps", "5", "--hold", "10")
    assert code == 2 and "not allowed with" in err and len(err.strip().splitlines()) == 1


def test_session_request_builds_the_plan() -> None:
    import argparse

    from app.cli.session import session_request

    args = argparse.Namespace(exercise="nordic-hamstring-curl", sets="2", reps="6", hold=None,
                              tempo="6-0-3-0")
    request = session_request(args, environ={"HAMSTRIDE_TIME_SCALE": "10"})
    [item] = request.plan.items
    assert item.sets == 2 and item.eccentric_cue and request.time_scale == 10


def test_a_mixed_session_groups_warm_up_main_work_and_cool_down() -> None:
    import argparse

    from app.cli.session import session_request

    args = argparse.Namespace(
        exercise=["standing-hamstring-stretch", "leg-swings", "single-leg-deadlift",
                  "romanian-deadlift", "light-jog"], sets=None, reps=None, hold=None, tempo=None)
    plan = session_request(args, environ={}).plan
    assert [b.name for b in plan.blocks] == ["warmup", "main", "cool-down"]
    assert [i.slug for i in plan.items] == ["leg-swings", "light-jog", "single-leg-deadlift",
                                            "romanian-deadlift", "standing-hamstring-stretch"]
    assert plan.title == "Single-leg deadlift + Romanian deadlift"


def test_dose_options_apply_to_a_single_exercise_only(capsys: pytest.CaptureFixture[str],
                                                     paths: AppPaths) -> None:
    code, _, err = run(capsys, "--data-dir", str(paths.data_dir), "session", "--exercise",
                       "glute-bridge", "--exercise", "romanian-deadlift", "--sets", "2")
    assert code == 1 and err.startswith("hamstride: --sets: applies to a single --exercise")


def test_a_closed_pipe_is_not_an_error(logged: AppPaths) -> None:
    """`hamstride history | head -1` must end quietly when head stops reading."""
    env = {**os.environ, "HAMSTRIDE_DATA_DIR": str(logged.data_dir)}
    with subprocess.Popen([sys.executable, "-m", "app", "exercises", "--json"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()  # like head: read a little, then go away
        errors = child.stderr.read().decode()
        code = child.wait(timeout=60)
    assert code == 0 and errors == ""


@pytest.mark.parametrize("argv", [
    [], ["--data-dir", "/tmp/x"], ["--data-dir=/tmp/x"], ["--data", "/tmp/x"],
    ["exercises"], ["--data-dir", "/tmp/x", "history", "--limit", "3"], ["exercises", "--json"],
    ["session", "--exercise", "nordic-hamstring-curl", "--sets", "3"],
    ["--help"], ["-h"], ["history", "-h"], ["--version"], ["--data-dir"], ["--json"],
    ["nonsense"], ["--data-dir", "/tmp/x", "--data-dir", "/tmp/y"],
])
def test_the_window_shortcut_reads_every_command_line_as_the_whole_parser(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """parse_arguments skips building the subcommands for the window's own
    options; whatever the line, it must answer exactly as build_parser does."""
    from app.cli.main import build_parser, parse_arguments

    def answer(parse: Any) -> tuple[object, str, str]:
        try:
            result: object = vars(parse())
        except SystemExit as exit_:
            result = ("exit", exit_.code)
        out, err = capsys.readouterr()
        return result, out, err

    assert answer(lambda: parse_arguments(argv)) == answer(lambda: build_parser().parse_args(argv))


# -- odd inputs and odd data dirs: one clear line each (issue 15 point 14) --

def test_a_limit_past_any_log_is_refused_in_one_line(capsys: pytest.CaptureFixture[str],
                                                     paths: AppPaths) -> None:
    from app.cli.main import MAX_COUNT

    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit",
                         str(10**23))
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert f"expected a number from 1 to {MAX_COUNT:,}" in line and len(line) < 200
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit",
                          str(MAX_COUNT + 1))
    assert code == 2 and "expected a number from 1" in err
    code, out, _err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit",
                          str(MAX_COUNT))
    assert code == 0 and "No sessions logged yet" in out
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "history", "--limit", "9" * 5000)
    [line] = err.splitlines()
    assert code == 2 and len(line) < 200


def test_a_folder_where_the_database_goes_is_one_line_and_left_alone(
        capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    paths.database.mkdir()
    (paths.database / "keep.txt").write_text("mine", encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert code == 1
    [line] = err.splitlines()
    assert line == (f"hamstride: {paths.database} is a folder, not Hamstride's database file. "
                    "Nothing was changed: move or rename the folder, then try again.")
    assert (paths.database / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_file_where_damaged_logs_go_is_one_line_and_nothing_moves(
        capsys: pytest.CaptureFixture[str], paths: AppPaths) -> None:
    paths.database.write_bytes(b"not a database at all")
    paths.damaged_dir.write_text("someone's file", encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith(f"hamstride: {paths.database} cannot be read and cannot be moved aside")
    assert f"{paths.damaged_dir} is a file" in line
    assert paths.database.read_bytes() == b"not a database at all"
    assert paths.damaged_dir.read_text(encoding="utf-8") == "someone's file"


@pytest.mark.parametrize(("key", "value"), [
    ("load_kg", "1e308"), ("rpe", "1e308"), ("rest_s", "1e308"), ("reps", "1e308"),
    ("set_number", "1e308"), ("descent_s", "[1e308]"), ("reps", "2.5")])
def test_a_json_number_out_of_every_range_says_so(capsys: pytest.CaptureFixture[str],
                                                  paths: AppPaths, tmp_path: Path,
                                                  key: str, value: str) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "imports" / "hamstride.json"
    data = json.loads(fixture.read_text(encoding="utf-8"))
    data["sessions"][0]["sets"][0][key] = f"@{key}@"
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(data).replace(f'"@{key}@"', value), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "import", str(crafted),
                          "--dry-run")
    assert code == 1
    [line] = err.splitlines()
    assert "not a number" not in line                  # it was a number: "must be a number, not a number"
    expected = "without decimals" if value == "2.5" else "is far too large"
    assert f"sets[1].{key}" in line and expected in line, line


# -- Ctrl+C (issue 15) ----------------------------------------------------------

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command Ctrl+C stopped


def test_ctrl_c_while_a_command_waits_for_the_log_is_one_line_and_130(paths: AppPaths) -> None:
    """A real process and a real SIGINT: `hamstride backup` waits for the
    write lock this test holds, and Ctrl+C stops it with one line, not
    Python's traceback."""
    import signal

    from app.storage.database import open_database
    from app.storage.write_lock import hold_write_lock

    open_database(paths.database, paths.backups_dir, paths.damaged_dir, FakeClock().now())
    env = {**os.environ, "HAMSTRIDE_DATA_DIR": str(paths.data_dir)}
    with hold_write_lock(paths.database), subprocess.Popen(
            [sys.executable, "-m", "app", "backup"], env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stderr is not None
        waiting = child.stderr.readline()   # it is now blocked on the lock
        child.send_signal(signal.SIGINT)
        rest = child.stderr.read()
        code = child.wait(timeout=60)
    assert waiting.startswith("hamstride: waiting for another Hamstride")
    assert rest == "hamstride: interrupted\n"
    assert code == EXIT_INTERRUPTED
    # No backup, not even a partial one.
    assert not [p for p in paths.data_dir.rglob("*") if p.is_file() and "backups" in p.parts]


def test_ctrl_c_during_an_import_writes_nothing_of_it(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C after the import has written its first sessions, inside its
    transaction: the log is as it was, and the command says one line."""
    import sqlite3

    import app.exchange.writer as writer_module

    real_batches = writer_module.batches

    def interrupted_after_one(*args: Any, **kwargs: Any) -> Any:
        yield from list(real_batches(*args, **kwargs))[:1]
        raise KeyboardInterrupt

    monkeypatch.setattr(writer_module, "batches", interrupted_after_one)
    source = Path(__file__).parents[1] / "fixtures" / "imports" / "fitnotes.csv"
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "import", str(source))
    assert (code, err) == (EXIT_INTERRUPTED, "hamstride: interrupted\n")
    assert "Added" not in out
    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("SELECT count(*) FROM workout_session").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM logged_set").fetchone()[0] == 0
    finally:
        connection.close()


def test_ctrl_c_in_any_command_is_one_line(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.cli.history

    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(app.cli.history, "run_history", interrupted)
    code, out, err = run(capsys, "--data-dir", str(paths.data_dir), "history")
    assert (code, out, err) == (EXIT_INTERRUPTED, "", "hamstride: interrupted\n")


def test_every_command_of_the_parser_runs_a_function_of_its_own_module() -> None:
    """The dispatch table names each command's module and function as text
    (imported when the command runs): a command the parser offers without a
    row there, or a row naming nothing, would fail only when typed."""
    import argparse

    from app.cli.main import COMMANDS, build_parser, command

    # argparse lists its subcommands only through private names (kept in test_tests_tree.py).
    [subcommands] = [action for action in build_parser()._actions
                     if isinstance(action, argparse._SubParsersAction)]
    assert set(subcommands.choices) == set(COMMANDS)
    for name, (module, function) in COMMANDS.items():
        run = command(name)
        assert callable(run) and (run.__module__, run.__name__) == (module, function)
        assert module.startswith("app.cli.")

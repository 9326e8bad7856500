"""Faults from outside the app, made for real where this machine allows it:
a full disk (a small tmpfs), a read-only disk (the tmpfs remounted
read-only), the database locked by another process. Each gets a clear
message, nothing already logged is lost, and a set that could not be
written stays on the log sheet until Enter writes it.

Corrupt and newer databases, a damaged resource file and an unwritable data
dir at start-up are covered where those parts are tested (see RELIABILITY.md).
Mounting needs root and a kernel that lets this container mount tmpfs: the
tests that need it skip otherwise.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.catalog import load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.session.events import State
from app.session.plan import plan_from_exercise
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from helpers.tmpfs import mounted_tmpfs

MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "3m") as mount_point:
        yield mount_point


def _paths_on(disk: Path) -> AppPaths:
    paths = AppPaths(disk / "data", disk / "data" / "logs")
    prepare_dirs(paths)
    return paths


def _fill(disk: Path) -> Path:
    """Take every free byte of the tmpfs, as a full disk would."""
    filler = disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def _open_session(qtbot: QtBot, open_window: Callable[..., GuiSession], paths: AppPaths,
                  clock: FakeClock, alerts: RecordingAlerts) -> GuiSession:
    gui = open_window(alerts, paths)
    catalog = load_catalog_strict(resources_dir())
    gui.window.start_session(plan_from_exercise(catalog.get("romanian-deadlift"), sets=3, reps=8),
                             clock)
    host = gui.window.session
    assert host is not None and host.controller is not None
    qtbot.waitUntil(lambda: host.controller.session_id is not None, timeout=20000)  # type: ignore[union-attr]
    return gui


def _do_a_set(qtbot: QtBot, gui: GuiSession, clock: FakeClock) -> None:
    host = gui.window.session
    assert host is not None
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)   # start
    clock.advance(25)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)   # finish: the log sheet opens


def _stored_sets(paths: AppPaths) -> int:
    connection = sqlite3.connect(f"{paths.database.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(connection.execute("SELECT count(*) FROM logged_set").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_full_disk_keeps_the_set_on_screen_until_it_can_be_written(
        qtbot: QtBot, small_disk: Path, clock: FakeClock,
        open_window: Callable[..., GuiSession]) -> None:
    paths = _paths_on(small_disk)
    alerts = RecordingAlerts()
    gui = _open_session(qtbot, open_window, paths, clock, alerts)
    host = gui.window.session
    assert host is not None
    controller = host.controller
    assert controller is not None
    _do_a_set(qtbot, gui, clock)
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    clock.advance(200)
    controller.tick()
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)  # after the rest: start the second set
    clock.advance(25)
    qtbot.keyClick(host.screen, Qt.Key.Key_Space)
    assert controller.engine.state is State.SET_DONE

    filler = _fill(small_disk)
    sheet = host.screen.sheet
    sheet.reps_edit.setText("7")  # the athlete's own change must survive the failure
    qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Not saved" in sheet.status.text(), timeout=20000)
    assert "the disk is full. Free some space, then try again" in sheet.status.text()
    assert "sqlite" not in sheet.status.text().lower()
    assert controller.engine.state is State.SET_DONE       # still on the log sheet
    assert sheet.reps_edit.text() == "7"

    filler.unlink()                                          # space again
    with qtbot.waitSignal(controller.set_logged, timeout=20000) as logged:
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)       # Enter tries again
    assert logged.args[0].reps == 7
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    assert _stored_sets(paths) == 2


def _hold_write_lock(database: str, ready: multiprocessing.synchronize.Event,
                     release: multiprocessing.synchronize.Event) -> None:
    connection = sqlite3.connect(database, timeout=0)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE setting SET key = key")
    ready.set()
    release.wait(60)
    connection.rollback()
    connection.close()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_a_database_locked_by_another_process_keeps_the_set_to_retry(
        qtbot: QtBot, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        open_window: Callable[..., GuiSession]) -> None:
    monkeypatch.setattr("app.storage.database.BUSY_TIMEOUT_MS", 300)  # do not wait 5 s here
    alerts = RecordingAlerts()
    gui = _open_session(qtbot, open_window, paths, clock, alerts)
    host = gui.window.session
    assert host is not None and host.controller is not None
    controller = host.controller
    _do_a_set(qtbot, gui, clock)

    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_write_lock, args=(str(paths.database), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)
        sheet = host.screen.sheet
        qtbot.waitUntil(lambda: "Not saved" in sheet.status.text(), timeout=30000)
        assert "in use by another program" in sheet.status.text()
        assert "sqlite" not in sheet.status.text().lower()
        assert controller.engine.state is State.SET_DONE
    finally:
        release.set()
        holder.join(30)
    with qtbot.waitSignal(controller.set_logged, timeout=20000):
        qtbot.keyClick(host.screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    assert _stored_sets(paths) == 1


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_read_only_disk_is_a_clear_message_and_the_log_is_untouched(
        small_disk: Path, clock: FakeClock) -> None:
    paths = _paths_on(small_disk)
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Before")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(session.id)
    store.close()
    before = _digest(paths.data_dir)
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)],
                             capture_output=True, text=True)
    if remount.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {remount.stderr.strip()}")
    # Reading needs no write (issue 15 point 12): history works; a backup,
    # which would write, says the log is read-only in one line.
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(paths.data_dir),
                           "history"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Before" in done.stdout and done.stderr == ""
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(paths.data_dir),
                           "backup"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert str(paths.data_dir) in message and "read-only" in message.lower()
    assert "Traceback" not in message and len(message.splitlines()) == 1
    assert _digest(paths.data_dir) == before


def test_storage_failures_are_put_in_words() -> None:
    import errno

    from sqlalchemy.exc import OperationalError

    from app.storage.errors import StorageProblem, as_problem, explain

    def wrapped(message: str) -> OperationalError:
        return OperationalError("INSERT INTO logged_set ...", {}, sqlite3.OperationalError(message))

    assert "disk is full" in (explain(wrapped("database or disk is full")) or "")
    assert "another program" in (explain(wrapped("database is locked")) or "")
    assert "read-only" in (explain(wrapped("attempt to write a readonly database")) or "")
    assert "damaged" in (explain(wrapped("database disk image is malformed")) or "")
    assert "disk is full" in (explain(OSError(errno.ENOSPC, "No space left on device")) or "")
    problem = as_problem(wrapped("database or disk is full"))
    assert isinstance(problem, StorageProblem) and isinstance(problem.__cause__, OperationalError)
    other = ValueError("reps: must be 0-200")
    assert as_problem(other) is other  # the app's own refusals keep their words


# -- the command line: every failure one line, no logged value, no SQL (issue 15 point 11) --

FITNOTES = Path(__file__).parents[1] / "fixtures" / "imports" / "fitnotes.csv"
A_LOGGED_VALUE = "Felt-it-in-my-left-hamstring-142.5"


def _cli_in_process(capsys: pytest.CaptureFixture[str], paths: AppPaths,
                    *argv: str) -> tuple[int, str]:
    from app.cli.main import main

    code = main(["--data-dir", str(paths.data_dir), *argv])
    return code, capsys.readouterr().err


def _one_clean_line(err: str) -> str:
    [line] = err.splitlines()
    assert line.startswith("hamstride: ")
    for leaked in (A_LOGGED_VALUE, "142.5", "INSERT", "SELECT", "[SQL", "parameters",
                   "sqlite", "Traceback", "unexpected error"):
        assert leaked not in line, line
    assert len(line) < 300
    return line


def _statement_failure(message: str) -> Exception:
    """What SQLAlchemy raises when SQLite refuses a write: the statement and
    every value it carried (the athlete's sets and notes) in its text."""
    from sqlalchemy.exc import OperationalError

    values = [(f"uid-{n}", 1, "romanian-deadlift", n, "both", 8, 142.5, "kg", A_LOGGED_VALUE)
              for n in range(40)]
    return OperationalError("INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, "
                            "side, reps, load_kg, load_unit, notes) VALUES (?, ?, ?, ?, ?, ?, ?, "
                            "?, ?)", values, sqlite3.OperationalError(message))


@pytest.mark.parametrize(("failure", "words"), [
    ("database or disk is full", "the disk is full"),
    ("disk I/O error", "a disk I/O error"),
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "in use by another program"),
])
def test_an_import_that_sqlite_refuses_is_one_line_in_words(
        capsys: pytest.CaptureFixture[str], paths: AppPaths, monkeypatch: pytest.MonkeyPatch,
        failure: str, words: str) -> None:
    import app.exchange.writer as writer_module

    def refused(*_args: object, **_kwargs: object) -> None:
        raise _statement_failure(failure)

    monkeypatch.setattr(writer_module, "apply_import", refused)
    code, err = _cli_in_process(capsys, paths, "import", str(FITNOTES))
    assert code == 1
    assert words in _one_clean_line(err)


def test_history_on_a_failing_disk_is_one_line(capsys: pytest.CaptureFixture[str],
                                                paths: AppPaths,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from app.storage.queries import LogReader

    def failing(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(LogReader, "list_sessions", failing)
    code, err = _cli_in_process(capsys, paths, "history")
    assert code == 1
    assert "disk I/O error" in _one_clean_line(err)


def test_a_backup_sqlite_cannot_finish_is_one_line(capsys: pytest.CaptureFixture[str],
                                                   paths: AppPaths,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("app.storage.backup.backup_file", full)
    code, err = _cli_in_process(capsys, paths, "backup")
    assert code == 1
    assert "the disk is full" in _one_clean_line(err)


def test_a_failure_nobody_foresaw_names_the_command_not_the_exception(
        capsys: pytest.CaptureFixture[str], paths: AppPaths,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.storage.queries import LogReader

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"set 3: {A_LOGGED_VALUE}, 142.5 kg")

    monkeypatch.setattr(LogReader, "list_sessions", broken)
    code, err = _cli_in_process(capsys, paths, "history")
    assert code == 1
    line = _one_clean_line(err)
    assert line == (f"hamstride: history could not finish; the details for a bug report are "
                    f"in {paths.log_file}")


def _cli(paths: AppPaths, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(paths.data_dir), *argv],
                          capture_output=True, text=True, timeout=120)


def test_a_full_disk_gives_each_command_one_clear_line_or_none(small_disk: Path,
                                                                clock: FakeClock) -> None:
    paths = _paths_on(small_disk)
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Before")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60,
                                       notes=A_LOGGED_VALUE))
    store.end_session(session.id)
    store.close()
    filler = _fill(small_disk)

    # Reading writes nothing to the log (nor to the log file), but SQLite
    # needs room for the index of a WAL log that no one has open.
    history = _cli(paths, "history")
    if history.returncode == 0:
        assert "Before" in history.stdout and history.stderr == ""
    else:
        assert "the disk is full" in _one_clean_line(history.stderr) or \
            "disk I/O error" in _one_clean_line(history.stderr)
    for command in (["backup"], ["import", str(FITNOTES)]):
        done = _cli(paths, *command)
        assert done.returncode == 1, command
        assert "the disk is full" in _one_clean_line(done.stderr), command
    filler.unlink()
    assert _stored_sets(paths) == 1           # the log as it was, whole

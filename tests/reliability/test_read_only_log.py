"""A read-only training log (issue 15 point 12): a file the athlete may not
write (0444) or a disk mounted read-only. Opening writes nothing when no
upgrade is needed, so reading and exporting work; writing says, in one line,
that the log is read-only, and nothing is lost. An upgrade a read-only log
needs is refused with its reason, before any backup is made.

The read-only disk is a tmpfs remounted read-only (root only; skipped
elsewhere); a 0444 file is read-only only for someone other than root (skipped
as root, where the kernel lets the write through)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs
from app.logbook.entries import SetEntry
from app.storage import database
from app.storage.database import ReadOnlyLogError, open_database
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from helpers.run_files import write_gpx_run
from helpers.tmpfs import mounted_tmpfs

FITNOTES = Path(__file__).parents[1] / "fixtures" / "imports" / "fitnotes.csv"


def _log_with_a_session(paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    session = store.start_session(title="Before")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    store.end_session(session.id)
    store.close()


def _checkpoint(db: Path) -> None:
    """Fold the WAL into the file and remove it, as a clean shutdown leaves it."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.close()


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *argv],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_opening_an_up_to_date_log_never_opens_it_for_writing(
        paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    _log_with_a_session(paths, clock)
    _checkpoint(paths.database)
    before = paths.database.read_bytes()
    writers: list[Path] = []
    real_connect = database.connect

    def watched(db_path: Path, read_only: bool = False) -> sqlite3.Connection:
        if not read_only:
            writers.append(db_path)
        return real_connect(db_path, read_only)

    monkeypatch.setattr(database, "connect", watched)
    report = open_database(paths.database, paths.backups_dir, paths.damaged_dir, clock.now())
    assert writers == []
    assert report.migrated_from is None and not report.created
    assert paths.database.read_bytes() == before


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "8m") as mount_point:
        yield mount_point


def _read_only(disk: Path) -> None:
    done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")


def _paths_on(disk: Path) -> AppPaths:
    paths = AppPaths(disk / "data", disk / "data" / "logs")
    prepare_dirs(paths)
    return paths


@pytest.mark.parametrize("clean", [True, False], ids=["checkpointed", "with-wal"])
def test_a_log_on_a_read_only_disk_is_read_and_exported_and_refuses_writes_in_one_line(
        disk: Path, clock: FakeClock, tmp_path: Path, clean: bool) -> None:
    paths = _paths_on(disk)
    _log_with_a_session(paths, clock)
    if clean:
        _checkpoint(paths.database)
    export = FITNOTES
    run_file = write_gpx_run(tmp_path / "run.gpx", datetime(2026, 1, 3, 8, tzinfo=UTC), 1800, 3.0)
    _read_only(disk)
    before = _digest(paths.data_dir)

    for command in (["history"], ["history", "--json"], ["today"], ["programs"],
                    # The running week's readers (issue 18).
                    ["runs"], ["runs", "--json"], ["week"], ["weight"], ["load"], ["sides"]):
        done = _cli(paths.data_dir, *command)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stderr == "", command
    assert "Before" in _cli(paths.data_dir, "history").stdout
    out = tmp_path / "log.json"
    done = _cli(paths.data_dir, "export", "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert '"romanian-deadlift"' in out.read_text(encoding="utf-8")

    for command in (["backup"], ["import", str(export)],
                    ["runs", "import", str(run_file)], ["runs", "tag", "1", "easy"],
                    ["week", "plan", "mon=easy"], ["week", "race", "add", "2026-03-01", "Race"],
                    ["weight", "add", "70"]):
        done = _cli(paths.data_dir, *command)
        assert done.returncode == 1, command
        assert len(done.stderr.splitlines()) == 1, (command, done.stderr)
        [line] = done.stderr.splitlines()
        assert line.startswith("hamstride: ") and "read-only" in line, line
        assert "Traceback" not in done.stderr and "sqlite" not in line.lower()
    assert _digest(paths.data_dir) == before


def test_an_upgrade_a_read_only_log_needs_is_refused_with_its_reason_and_no_backup(
        disk: Path, clock: FakeClock) -> None:
    paths = _paths_on(disk)
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "schema_v5.db", paths.database)
    _read_only(disk)
    before = _digest(paths.data_dir)
    with pytest.raises(ReadOnlyLogError) as refused:
        open_database(paths.database, paths.backups_dir, paths.damaged_dir, clock.now())
    assert "read-only" in str(refused.value) and "upgrade" in str(refused.value)
    done = _cli(paths.data_dir, "history")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("hamstride: ") and "upgrade" in line and "read-only" in line
    assert _digest(paths.data_dir) == before


NOBODY = 65534


@pytest.fixture
def unprivileged() -> Iterator[tuple[Path, list[str]]]:
    """A folder and a command prefix to run the app as someone a 0444 file
    stops: the test's own user, or, for root (whom no mode stops), nobody
    through setpriv, in a folder under /tmp that nobody can reach."""
    if os.geteuid() != 0:
        folder = Path(tempfile.mkdtemp(prefix="hamstride-ro-"))
        prefix: list[str] = []
    else:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root writes a 0444 file all the same, and setpriv is missing")
        folder = Path(tempfile.mkdtemp(prefix="hamstride-ro-", dir="/tmp"))
        folder.chmod(0o755)
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    try:
        yield folder, prefix
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_file_is_read_and_a_write_says_read_only(
        unprivileged: tuple[Path, list[str]], clock: FakeClock) -> None:
    folder, prefix = unprivileged
    paths = AppPaths(folder / "data", folder / "data" / "logs")
    prepare_dirs(paths)
    _log_with_a_session(paths, clock)
    _checkpoint(paths.database)
    if prefix:
        for path in (folder / "data", *(folder / "data").rglob("*")):
            os.chown(path, NOBODY, NOBODY)
    paths.database.chmod(0o444)
    before = paths.database.read_bytes()

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, sys.executable, "-m", "app", "--data-dir",
                               str(paths.data_dir), *argv], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "HOME": str(folder)})

    done = cli("history")
    assert done.returncode == 0 and "Before" in done.stdout, done.stderr
    assert done.stderr == ""
    done = cli("import", str(FITNOTES))
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line == f"hamstride: {paths.database} is read-only (the file or its disk): nothing " \
                   "was written"
    assert paths.database.read_bytes() == before
    assert not list(paths.backups_dir.glob("*before-import*"))   # refused before its backup


def test_the_window_says_once_that_a_read_only_log_can_be_read_but_not_written(
        paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        open_window: Callable[..., GuiSession]) -> None:
    _log_with_a_session(paths, clock)
    # As a 0444 file reads for anyone but root: the window cannot write it.
    monkeypatch.setattr(database, "can_write", lambda _path: False)
    alerts = RecordingAlerts()
    gui = open_window(alerts)
    warnings = [(title, text) for kind, title, text in alerts.shown if kind == "warning"]
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Your training log is read-only"
    assert str(paths.database) in text and "nothing new can be saved" in text
    assert gui.window.history_page.sessions_model.rowCount() == 1   # the log is shown


# -- the window on a read-only disk (issue 15 point 12) ---------------------------


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's runtime dir (XDG_RUNTIME_DIR), where the window keeps its
    one-window lock when the data folder cannot hold one."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.mark.parametrize("lock_file_there", [False, True], ids=["no-lock-file", "lock-file"])
def test_the_window_starts_on_a_read_only_disk_and_keeps_one_window_to_it(
        disk: Path, clock: FakeClock, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], lock_file_there: bool) -> None:
    """It refused to start (one line and a dialog) though a read-only log can
    be read; a 0444 file on a writable disk opened with a warning. The
    instance lock cannot be made in the folder: the lock file a window left
    there is locked as it is, else a lock is kept in the runtime dir; either
    way a second window on the same folder is still refused."""
    from app.cli.main import main
    from app.ui.shell import application, startup_errors

    paths = _paths_on(disk)
    _log_with_a_session(paths, clock)
    _checkpoint(paths.database)
    if lock_file_there:
        paths.lock_file.write_text("1\n")
    _read_only(disk)
    before = _digest(paths.data_dir)
    shown: list[str] = []
    monkeypatch.setattr(startup_errors, "show_startup_error",
                        lambda message, title=None: shown.append(message))
    monkeypatch.setattr(application, "show_startup_error",
                        lambda message, title=None: shown.append(message))
    second: list[int] = []

    def event_loop(on: AppPaths, *_args: object) -> int:
        second.append(application.run_gui(on))   # a second window on the same folder
        return 0

    monkeypatch.setattr(application, "run_event_loop", event_loop)
    assert main(["--data-dir", str(paths.data_dir)]) == 0
    assert second == [1] and len(shown) == 1 and "already running" in shown[0]
    assert "read-only" not in capsys.readouterr().err
    assert _digest(paths.data_dir) == before
    in_runtime_dir = [p.suffix for p in runtime_dir.rglob("*") if p.is_file()]
    assert in_runtime_dir == ([] if lock_file_there else [".lock"])


def test_the_window_on_a_read_only_disk_shows_and_exports_the_log_and_starts_no_session(
        disk: Path, clock: FakeClock, tmp_path: Path, qtbot: object,
        open_window: Callable[..., GuiSession]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir
    from app.session.plan import plan_from_exercise

    paths = _paths_on(disk)
    _log_with_a_session(paths, clock)
    _checkpoint(paths.database)
    _read_only(disk)
    before = _digest(paths.data_dir)
    alerts = RecordingAlerts()
    gui = open_window(alerts, paths)
    window = gui.window
    warnings = [title for kind, title, _text in alerts.shown if kind == "warning"]
    assert warnings == ["Your training log is read-only"]
    assert window.history_page.sessions_model.rowCount() == 1

    controller = window.history
    assert controller is not None
    window.show_page(3)   # History: its Records and Progress tabs read the log as ever
    page = window.history_page
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    records = controller.records_view
    assert records is not None
    qtbot.waitUntil(lambda: records.model.rowCount() > 0, timeout=20000)  # type: ignore[attr-defined]
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    charts = controller.progress_view
    assert charts is not None
    charts.show_chart("top_sets", "romanian-deadlift")
    qtbot.waitUntil(lambda: not charts.is_empty, timeout=20000)  # type: ignore[attr-defined]
    target = tmp_path / "log.json"
    controller.choose_export_file = lambda fmt: target
    with qtbot.waitSignal(controller.status_changed, timeout=20000,  # type: ignore[attr-defined]
                          check_params_cb=lambda text: text.startswith("Exported")):
        controller.start_export("json", target)
    assert '"romanian-deadlift"' in target.read_text(encoding="utf-8")

    alerts.shown.clear()
    catalog = load_catalog_strict(resources_dir())
    window.start_session(plan_from_exercise(catalog.get("nordic-hamstring-curl")),
                         window.session_clock)
    QApplication.processEvents()
    assert window.session is None                       # no sets that could not be saved
    [(kind, title, text)] = alerts.shown
    assert kind == "warning" and title == "Your training log is read-only"
    assert "cannot be saved" in text
    window.close()
    assert _digest(paths.data_dir) == before


def test_a_read_only_log_offers_no_welcome_whose_choices_could_not_be_kept(
        qtbot: object, paths: AppPaths, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty log the window cannot write: the first-run welcome would
    take units, days and a program, and keep none of them."""
    Store.open(paths, clock)[0].close()   # a new, empty log
    monkeypatch.setattr(database, "can_write", lambda _path: False)
    alerts = RecordingAlerts()
    gui = GuiSession(paths, alerts, clock, welcome=True)
    qtbot.addWidget(gui.window)  # type: ignore[attr-defined]
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):  # type: ignore[attr-defined]
        gui.start()
    assert gui.window.welcome_dialog is None
    assert [title for _kind, title, _text in alerts.shown] == ["Your training log is read-only"]
    gui.window.close()

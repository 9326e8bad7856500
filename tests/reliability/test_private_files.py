"""Issue 15 points 8 and 11 (the window's start): the files the app keeps in
its data folder are its own.

A planted ``hamstride.lock`` symbolic link truncated its target to the
process id, a ``hamstride.log`` link got the log appended, and window.ini
took a link's target over; the log and window.ini were 0644. Now every such
file is opened without following a link (a link is refused with one clear
line) and is 0600. On a full disk, writing the process id into the lock
raised ENOSPC and no window appeared: the lock is the kernel's, the id a
courtesy, so a full disk no longer stops the start.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from app.kernel.atomic import PRIVATE_MODE
from app.kernel.instance_lock import AlreadyRunningError, InstanceLock, LockFileError
from app.kernel.logs import RotatingLogFile
from app.kernel.paths import AppPaths

VICTIM_TEXT = "the athlete's own file\n"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links and modes are POSIX's")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _plant(link: Path, tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM_TEXT)
    victim.chmod(0o644)
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    return victim


@pytest.fixture
def loose_umask() -> object:
    """The usual desktop umask, under which a plain open() makes 0644 files."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(
        paths: AppPaths, tmp_path: Path) -> None:
    victim = _plant(paths.lock_file, tmp_path)
    with pytest.raises(LockFileError) as refused:
        InstanceLock(paths.lock_file).acquire()
    assert victim.read_text() == VICTIM_TEXT and _mode(victim) == 0o644
    message = str(refused.value)
    assert "symbolic link" in message and "\n" not in message and "Errno" not in message


def test_the_lock_file_is_private_even_when_it_was_not(paths: AppPaths, loose_umask: object) -> None:
    paths.lock_file.write_text("123\n")
    paths.lock_file.chmod(0o644)
    with InstanceLock(paths.lock_file):
        assert _mode(paths.lock_file) == PRIVATE_MODE


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", no_space)
    monkeypatch.setattr(os, "ftruncate", no_space)


def test_a_full_disk_does_not_stop_the_lock(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flock is what keeps a second Hamstride out; the process id written
    into the file is for a person looking at it, and needs disk space."""
    paths.lock_file.unlink(missing_ok=True)
    with monkeypatch.context() as patched:
        _full_disk(patched)
        first = InstanceLock(paths.lock_file)
        first.acquire()
    try:
        with pytest.raises(AlreadyRunningError):
            InstanceLock(paths.lock_file).acquire()
    finally:
        first.release()
    with InstanceLock(paths.lock_file):  # released: the next start gets it
        pass


def test_the_window_start_says_one_thing_when_the_lock_is_a_link(
        paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.ui.shell import application

    victim = _plant(paths.lock_file, tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(application, "show_startup_error",
                        lambda message, title=None: shown.append(message))
    monkeypatch.setattr(application, "run_event_loop",
                        lambda *args: pytest.fail("the window must not open"))
    assert application.run_gui(paths) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hamstride: ") and "symbolic link" in err
    assert len(shown) == 1 and "symbolic link" in shown[0]
    assert victim.read_text() == VICTIM_TEXT


def test_the_window_starts_on_a_full_disk(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.shell import application

    opened: list[AppPaths] = []

    def run_event_loop(on: AppPaths, *_args: object) -> int:
        opened.append(on)
        return 0

    monkeypatch.setattr(application, "show_startup_error",
                        lambda message, title=None: pytest.fail(message))
    monkeypatch.setattr(application, "run_event_loop", run_event_loop)
    with monkeypatch.context() as patched:
        _full_disk(patched)
        assert application.run_gui(paths) == 0
    assert opened == [paths]


def _log_once(path: Path) -> RotatingLogFile:
    handler = RotatingLogFile(path, max_bytes=200, backup_count=2)
    logger = logging.getLogger(f"test-private-{id(handler)}")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(3):
            logger.warning("record %d %s", number, "x" * 60)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return handler


def test_a_log_file_that_is_a_link_gets_nothing(paths: AppPaths, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    victim = _plant(paths.log_file, tmp_path)
    _log_once(paths.log_file)
    assert victim.read_text() == VICTIM_TEXT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "symbolic link" in err and "Traceback" not in err


def test_the_log_and_its_rotated_files_are_private(paths: AppPaths, loose_umask: object) -> None:
    paths.log_file.write_text("an old log, made before\n")
    paths.log_file.chmod(0o644)
    for _ in range(10):
        _log_once(paths.log_file)
    logs = sorted(paths.log_dir.glob("hamstride.log*"))
    assert len(logs) == 3
    assert {log.name: _mode(log) for log in logs} == {log.name: PRIVATE_MODE for log in logs}


def _window_ini(paths: AppPaths) -> Path:
    return paths.data_dir / "window.ini"


def test_window_ini_is_private(open_window: Callable[..., object], paths: AppPaths,
                               loose_umask: object) -> None:
    gui = open_window()
    gui.window.close()  # type: ignore[attr-defined]
    assert "geometry" in _window_ini(paths).read_text()
    assert _mode(_window_ini(paths)) == PRIVATE_MODE


def test_window_ini_that_is_a_link_is_not_written_through(
        open_window: Callable[..., object], paths: AppPaths, tmp_path: Path) -> None:
    victim = _plant(_window_ini(paths), tmp_path)
    gui = open_window()
    gui.window.close()  # type: ignore[attr-defined]
    assert victim.read_text() == VICTIM_TEXT and _window_ini(paths).is_symlink()


def test_every_file_the_window_leaves_in_the_data_folder_is_private(
        open_window: Callable[..., object], paths: AppPaths, loose_umask: object) -> None:
    """Under the usual 022 umask: the database and its side files, the log,
    window.ini, whatever a start and a close write."""
    gui = open_window()
    logging.getLogger("test").warning("a record in the log")
    gui.window.close()  # type: ignore[attr-defined]
    files = [p for p in paths.data_dir.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"hamstride.db", "hamstride.log", "window.ini"} <= names  # the lock: run_gui, above
    assert {str(p.relative_to(paths.data_dir)): _mode(p) for p in files} == {
        str(p.relative_to(paths.data_dir)): PRIVATE_MODE for p in files}


def test_rendered_step_pictures_are_private_and_never_replace_a_pipe(
        qapp: object, tmp_path: Path, loose_umask: object) -> None:
    from app.catalog import load_catalog_strict
    from app.kernel.atomic import NotARegularFileError
    from app.kernel.resources import resources_dir
    from app.ui.look.figure_painter import FigureTheme, write_step_images

    exercise = load_catalog_strict(resources_dir()).exercises[0]
    out = tmp_path / "steps"
    out.mkdir()
    count = write_step_images([exercise], out, (64, 48), FigureTheme.DARK)
    drawn = sorted(out.iterdir())
    assert count == len(exercise.steps) == len(drawn)
    assert {p.name: _mode(p) for p in drawn} == {p.name: PRIVATE_MODE for p in drawn}
    pipe = out / f"{exercise.slug}-1.png"
    pipe.unlink()
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file") as refused:
        write_step_images([exercise], out, (64, 48), FigureTheme.DARK)
    assert isinstance(refused.value.__cause__, NotARegularFileError)
    assert str(refused.value).startswith(f"cannot write {pipe}: ")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


# -- a link where the data folder keeps a file (issue 15 point 8) -----------------

# Where a file is expected: the log, SQLite's side files, the write lock and
# the saved session. SQLite opened hamstride.db through a link (and would
# create, write or truncate its -wal, -shm or -journal the same way).
LINKED_FILES = ("hamstride.db", "hamstride.db-wal", "hamstride.db-shm", "hamstride.db-journal",
                "hamstride.db.write-lock", "session-in-progress.json")


def _logged(paths: AppPaths) -> None:
    from app.kernel.clock import FakeClock
    from app.storage.store import Store

    store, _report = Store.open(paths, FakeClock())
    store.close()


@pytest.mark.parametrize("name", LINKED_FILES)
def test_a_command_refuses_a_link_where_the_data_folder_keeps_a_file(
        paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    from app.cli.main import main

    _logged(paths)
    link = paths.data_dir / name
    if name == "hamstride.db":   # a sound log elsewhere: SQLite read it through the link
        victim = tmp_path / "elsewhere.db"
        paths.database.rename(victim)
        link.symlink_to(victim)
        before = victim.read_bytes()
    else:
        victim = _plant(link, tmp_path)
        before = victim.read_bytes()
    assert main(["--data-dir", str(paths.data_dir), "history"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hamstride: ")
    assert name in err and "symbolic link" in err
    assert victim.read_bytes() == before and link.is_symlink()


def test_a_dangling_link_at_the_log_is_refused_and_nothing_is_made_at_its_target(
        paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    target = tmp_path / "made-through-the-link.db"
    paths.database.symlink_to(target)
    assert main(["--data-dir", str(paths.data_dir), "history"]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert not target.exists()


def test_the_window_says_once_that_the_log_is_a_link(
        paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main
    from app.ui.shell import application, startup_errors

    _logged(paths)
    victim = tmp_path / "elsewhere.db"
    paths.database.rename(victim)
    paths.database.symlink_to(victim)
    shown: list[str] = []
    monkeypatch.setattr(startup_errors, "show_startup_error",
                        lambda message, title=None: shown.append(message))
    monkeypatch.setattr(application, "run_event_loop",
                        lambda *args: pytest.fail("the window must not open"))
    assert main(["--data-dir", str(paths.data_dir)]) == 1
    assert len(shown) == 1 and "symbolic link" in shown[0]
    assert capsys.readouterr().err.count("\n") == 1


def test_the_saved_session_file_name_is_among_those_checked() -> None:
    from app.kernel.paths import OWN_DATA_FILES
    from app.session.saved import SAVED_SESSION_FILE
    from app.storage.write_lock import write_lock_path

    assert set(LINKED_FILES) <= set(OWN_DATA_FILES)
    assert SAVED_SESSION_FILE in OWN_DATA_FILES
    assert write_lock_path(Path("hamstride.db")).name in OWN_DATA_FILES


@pytest.mark.parametrize("side", ["", "-wal", "-shm", "-journal", ".write-lock"])
def test_opening_the_log_refuses_a_link_at_it_or_beside_it(
        paths: AppPaths, tmp_path: Path, side: str) -> None:
    """The storage layer's own check (a Store opened without the command line's)."""
    from app.kernel.clock import FakeClock
    from app.storage.database import DatabaseError, open_database

    _logged(paths)
    link = Path(f"{paths.database}{side}")
    if side:
        victim = _plant(link, tmp_path)
    else:
        victim = tmp_path / "elsewhere.db"
        paths.database.rename(victim)
        link.symlink_to(victim)
    before = victim.read_bytes()
    with pytest.raises(DatabaseError, match="symbolic link"):
        open_database(paths.database, paths.backups_dir, paths.damaged_dir, FakeClock().now())
    assert victim.read_bytes() == before

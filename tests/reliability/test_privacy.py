"""Privacy: the app talks to no network, and its files are the athlete's alone.

A whole session in the real window (offscreen, driven by the keyboard
through benchmarks/session_driver.py) runs in a child process watched two
ways: a Python audit hook that records every socket the interpreter makes,
and strace, which sees the sockets Qt and its plugins make natively.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.kernel.atomic import atomic_write
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs
from app.logbook.entries import SetEntry
from app.storage.backup import BackupKind
from app.storage.queries import LogReader
from app.storage.store import Store
from app.usecases.export import export_csv, export_json
from helpers.qt_optional import missing_package

ROOT = Path(__file__).resolve().parents[2]
NETWORK_FAMILIES = ("AF_INET", "AF_INET6", "AF_PACKET", "AF_NETLINK")

# The child: an audit hook first, then a session of 12 sets through the window.
CHILD = r"""
import json, socket, sys
events = []
def hook(event, args):
    if event.startswith("socket."):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from session_driver import SessionDriver
driver = SessionDriver(Path(sys.argv[2]), seed=3, set_seconds=(5, 10), rest_steps=(2, 5))
driver.open()
while len(driver.confirmed) < 12:
    driver.step()
driver.wait_until(lambda: not driver.controller().writes_pending)
driver.close()
print(json.dumps({"sets": len(driver.confirmed), "socket_events": events}))
"""


def _run_session(tmp_path: Path, wrapper: list[str]) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([*wrapper, sys.executable, "-c", CHILD, str(ROOT / "benchmarks"),
                           str(tmp_path / "data")],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_whole_session_makes_no_socket_in_python(tmp_path: Path) -> None:
    result = _run_session(tmp_path, [])
    assert result["sets"] == 12
    assert result["socket_events"] == []


def test_a_whole_session_opens_no_network_connection(tmp_path: Path) -> None:
    """Native code included: Qt plugins may talk to the sound server over a
    local (AF_UNIX) socket, but nothing may reach for the network."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip(missing_package("strace"))
    trace = tmp_path / "trace.txt"
    try:
        result = _run_session(tmp_path, [strace, "-f", "-qq", "-e",
                                         "trace=socket,connect,bind,sendto,sendmsg",
                                         "-o", str(trace)])
    except subprocess.CalledProcessError as error:
        if "ptrace" in (error.stderr or "") or "Operation not permitted" in (error.stderr or ""):
            pytest.skip(f"strace cannot trace here: {error.stderr.strip()[:200]}")
        raise
    assert result["sets"] == 12
    calls = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    assert any("socket(" in line or "connect(" in line for line in calls) or calls == []
    network = [line for line in calls if any(family in line for family in NETWORK_FAMILIES)]
    assert network == []


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_dir_is_private_and_so_are_the_files_in_it(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "data" / "logs")
    prepare_dirs(paths)
    clock = FakeClock()
    store, _ = Store.open(paths, clock)
    try:
        session = store.start_session(title="Gym")
        store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        backup = store.backup(BackupKind.MANUAL)
    finally:
        store.close()
    assert _mode(paths.data_dir) == 0o700
    assert _mode(paths.backups_dir) == 0o700
    assert _mode(paths.database) == 0o600
    assert _mode(backup) == 0o600
    for side_file in paths.data_dir.glob("hamstride.db-*"):
        assert _mode(side_file) == 0o600, side_file


def test_a_data_dir_made_readable_by_others_is_made_private_again(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "data" / "logs")
    paths.data_dir.mkdir(mode=0o755)
    paths.data_dir.chmod(0o755)  # the umask may have hidden the group bits
    prepare_dirs(paths)
    assert _mode(paths.data_dir) == 0o700


def test_exports_are_private_and_atomic(tmp_path: Path, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    try:
        session = store.start_session(title="Gym")
        store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        store.end_session(session.id)
    finally:
        store.close()
    csv_file, json_file = tmp_path / "log.csv", tmp_path / "log.json"
    reader = LogReader(paths.database)
    try:
        export_csv(reader, csv_file)
        export_json(reader, json_file)
    finally:
        reader.close()
    assert _mode(csv_file) == 0o600 and _mode(json_file) == 0o600
    before = csv_file.read_bytes()

    # A failure half-way leaves the old file whole and no temporary behind.
    with pytest.raises(RuntimeError), atomic_write(csv_file) as handle:
        handle.write("half a file")
        raise RuntimeError("disk gone")
    assert csv_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_folder_that_is_not_ours_keeps_its_permissions(tmp_path: Path) -> None:
    """--data-dir ~ must not lock the athlete out of their own home folder."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    home.chmod(0o755)
    prepare_dirs(AppPaths(home, home / "logs"))
    assert _mode(home) == 0o755
    assert _mode(home / "logs") == 0o700  # what Hamstride made is private


def test_every_file_the_command_line_writes_is_private(tmp_path: Path, paths: AppPaths,
                                                       clock: FakeClock) -> None:
    """Issue 15 point 8: under the usual 022 umask, the log, the backups, the
    exports and the pictures are 0600 (the log was 0644)."""
    from app.cli.main import main
    from app.logbook.custom_exercises import StepInput

    store, _ = Store.open(paths, clock)
    try:
        session = store.start_session(title="Gym")
        store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
        store.end_session(session.id)
        picture = tmp_path / "step.png"
        picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        store.save_custom_exercise(slug=None, name="Towel curl", equipment=["bodyweight"],
                                   one_side="no", category="strength", level=None,
                                   steps=[StepInput("Slide.", picture)])
    finally:
        store.close()
    old_umask = os.umask(0o022)
    try:
        exports = tmp_path / "exports"
        exports.mkdir()
        for argv in (["backup"], ["export", "--format", "csv", "-o", str(exports / "log.csv")],
                     ["export", "--format", "json", "-o", str(exports / "log.json")]):
            assert main(["--data-dir", str(paths.data_dir), *argv]) == 0
        logging.getLogger("app.test").warning("a record in the command line's log")
    finally:
        os.umask(old_umask)
    written = [p for p in (*paths.data_dir.rglob("*"), *exports.iterdir()) if p.is_file()]
    names = {p.name for p in written}
    assert {"hamstride.db", "hamstride.log", "log.csv", "log.json"} <= names
    assert any(p.parent == paths.backups_dir for p in written)
    assert any(p.parent == paths.pictures_dir for p in written)
    assert {str(p): _mode(p) for p in written} == {str(p): 0o600 for p in written}

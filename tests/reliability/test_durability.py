"""A logged set is on disk when log_set returns: SIGKILL right after cannot lose it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.kernel.instance_lock import AlreadyRunningError, InstanceLock

CHILD = textwrap.dedent("""
    import sys
    from app.kernel.paths import prepare_dirs, resolve_paths
    from app.logbook.entries import SetEntry
    from app.storage.store import Store

    paths = resolve_paths(sys.argv[1])
    prepare_dirs(paths)
    store, _ = Store.open(paths)
    session = store.start_session(title="kill test")
    for number in range(1, 4):
        logged = store.log_set(session.id, SetEntry("nordic-hamstring-curl", number, reps=5,
                                                    descent_s=(4.0, 4.5, 5.0, 3.5, 3.0)))
        print(f"logged {logged.id} {logged.uid}", flush=True)
        sys.stdin.readline()   # wait here until the parent says go on (or kills us)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_after", [1, 3])
def test_set_survives_sigkill_right_after_log_set_returns(tmp_path: Path, kill_after: int) -> None:
    data = tmp_path / "data"
    confirmed = []
    with subprocess.Popen([sys.executable, "-c", CHILD, str(data)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as child:
        assert child.stdin is not None and child.stdout is not None
        for n in range(kill_after):
            line = child.stdout.readline().split()
            assert line[0] == "logged", line
            confirmed.append((int(line[1]), line[2]))
            if n + 1 < kill_after:
                child.stdin.write("\n")
                child.stdin.flush()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL

    # Read the file as the next start would, WAL and all.
    connection = sqlite3.connect(data / "hamstride.db")
    rows = connection.execute("SELECT id, uid, reps, descent_s FROM logged_set ORDER BY id").fetchall()
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert [(row[0], row[1]) for row in rows] == confirmed
    assert all(row[2] == 5 and row[3] == "[4.0, 4.5, 5.0, 3.5, 3.0]" for row in rows)


def test_instance_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path / "hamstride.lock")
    first.acquire()
    with pytest.raises(AlreadyRunningError, match=str(tmp_path)):
        InstanceLock(tmp_path / "hamstride.lock").acquire()
    first.release()
    with InstanceLock(tmp_path / "hamstride.lock"):
        pass


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from app.kernel.instance_lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]) / "hamstride.lock")
    lock.acquire()
    print("locked", flush=True)
    sys.stdin.readline()
""")


def test_second_launch_says_so_in_one_line_and_touches_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            before = _files(data)
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
            second = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data)],
                                    capture_output=True, text=True, env=env, timeout=60)
            after = _files(data)
        finally:
            holder.kill()
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert lines == [f"hamstride: Hamstride is already running with the data in {data}"]
    assert before == after == ["hamstride.lock"]
    assert not (data / "hamstride.db").exists()


def _files(directory: Path) -> list[str]:
    """Everything in the data dir but the log folder (a launch may log that it was refused)."""
    return sorted(p.name for p in directory.rglob("*") if "logs" not in p.relative_to(directory).parts)

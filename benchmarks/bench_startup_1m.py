"""Start-up on a 1,000,000-set log, for benchmarks/bench.py: ``startup_1m_figures()``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup_1m.py [--runs N]

The log is benchmarks/big_log.py's, one million sets (~46,000 sessions),
and the athlete follows the Nordic program (an enrolment, its last sessions
logged as program days), so that Today's first screen does its real work:
the session due, its progression from the last sessions, the week strip,
the 48-hour and slump watches. Building it takes a minute: it is kept in
the temp dir (``hamstride-bench/``) under a name that changes with the
schema and with big_log.py, and copied into a fresh data dir for each run
of the suite, so the app opens a copy and never the cached file itself.

The app is started the way people start it and the way bench.py's
startup_figures() does (the installed ``hamstride`` script, ``--data-dir``,
HAMSTRIDE_STARTUP_PROBE=1), alternating with the bare-window floor
(benchmarks/bare_window.py) because this machine's speed drifts.

startup_ratio_1m  median time from process start to "window shown, event loop idle"
                  (the probe's "window-idle") with the 1M log, over the same
                  median for the bare QMainWindow script
startup_1m_app_ms, startup_1m_floor_ms   those two medians
log_ready_ms_1m   median time from process start (just before the process is
                  spawned) until the log's first data is on the first screen:
                  the probe's "database-ready" line, printed when the window
                  emits MainWindow.log_ready, i.e. once the database is open
                  and checked for what must be checked before use, the reader
                  attached and Today (and the status bar's session count)
                  filled from the log. It includes the process start-up and
                  imports, as the athlete waits for them too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from bench import Figure, _timed_start, figure  # noqa: E402
from big_log import follow_program, make_big_log  # noqa: E402

SETS = 1_000_000
STARTUP_RUNS = 15          # each of app and floor (every app start reads a 1M-set log)
PROGRAM = "nordic-programme"
PROGRAM_SESSIONS = 6       # the log's last sessions, logged as the program's days 1-6
PROGRAM_WEEKS = 3          # the enrolment started this long before the log ends
CACHE_DIR = Path(tempfile.gettempdir()) / "hamstride-bench"


def _cache_key() -> str:
    """Changes when the log big_log.py writes or the schema it is written in does."""
    digest = hashlib.sha256()
    for part in (ROOT / "benchmarks" / "big_log.py", ROOT / "src" / "app" / "storage" / "migrations.py"):
        digest.update(part.read_bytes())
    digest.update(f"{PROGRAM} {PROGRAM_SESSIONS} {PROGRAM_WEEKS}".encode())  # what follow_program adds
    return digest.hexdigest()[:12]


def cached_big_log(sets: int = SETS) -> Path:
    """The path of a ``sets``-set log that follows PROGRAM, built once per key."""
    CACHE_DIR.mkdir(mode=0o700, exist_ok=True)
    cached = CACHE_DIR / f"startup-{sets}-{_cache_key()}.db"
    if cached.exists():
        return cached
    for stale in CACHE_DIR.glob(f"startup-{sets}-*.db*"):  # an older schema's: ~470 MB each
        stale.unlink()
    with tempfile.TemporaryDirectory(dir=CACHE_DIR) as tmp:
        building = Path(tmp) / "hamstride.db"
        make_big_log(building, sets)
        follow_program(building, PROGRAM, PROGRAM_SESSIONS, PROGRAM_WEEKS)
        for extra in ("-wal", "-shm"):  # checkpointed and closed: nothing left in them
            Path(f"{building}{extra}").unlink(missing_ok=True)
        os.replace(building, cached)  # whole or not at all, should the build be stopped
    return cached


def _check_log(db: Path) -> int:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM logged_set").fetchone()[0])
    finally:
        connection.close()


def startup_1m_figures(runs: int = STARTUP_RUNS) -> list[Figure]:
    import compileall

    compileall.compile_dir(ROOT / "src", quiet=1)  # as startup_figures: no compiling at start
    env = {**os.environ, "HAMSTRIDE_STARTUP_PROBE": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    source = cached_big_log()
    with tempfile.TemporaryDirectory() as data:
        shutil.copyfile(source, Path(data) / "hamstride.db")
        (Path(data) / "hamstride.db").chmod(0o600)
        launcher = Path(sys.executable).with_name("hamstride")
        app = [sys.executable, str(launcher), "--data-dir", data]
        floor = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
        _timed_start(app, env)  # the first start: a new data dir (logs, window.ini), a cold file
        app_runs, floor_runs = [], []
        for _ in range(runs):
            floor_runs.append(_timed_start(floor, env))
            app_runs.append(_timed_start(app, env))
        sets = _check_log(Path(data) / "hamstride.db")
    if sets < SETS:
        raise RuntimeError(f"the benchmark's log holds {sets} sets, not {SETS}")
    app_idle = statistics.median(r[0] for r in app_runs)
    floor_idle = statistics.median(r[0] for r in floor_runs)
    ready = [r[1] for r in app_runs if r[1] is not None]
    if len(ready) != len(app_runs):
        raise RuntimeError("the app did not report its log ready at every start")
    return [
        figure("startup_ratio_1m", app_idle / floor_idle, "x", "<= 1.5"),
        figure("startup_1m_app_ms", app_idle * 1000, "ms"),
        figure("startup_1m_floor_ms", floor_idle * 1000, "ms"),
        figure("log_ready_ms_1m", statistics.median(ready) * 1000, "ms", "<= 500"),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=STARTUP_RUNS, help="starts of each")
    for f in startup_1m_figures(parser.parse_args().runs):
        print(f"{f.name:<24} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} "
              f"{'yes' if f.ok else 'NO'}")

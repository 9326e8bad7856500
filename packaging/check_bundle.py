"""Check a built Hamstride bundle: it starts, creates its log and quits cleanly.

    python packaging/check_bundle.py dist/hamstride/hamstride [--timeout 60]

Runs the built program the way a first start goes, but offscreen, on a new
temporary data dir, with the start-up probe on (HAMSTRIDE_STARTUP_PROBE=1:
the app prints "window-idle" once its window is shown, "database-ready" once
the log is open, and then closes its window itself). Then checks:

- it exited by itself, with status 0, within the timeout;
- it printed the probe's two lines, in that order;
- hamstride.db exists in the data dir and is a sound SQLite database
  (PRAGMA integrity_check says ok, PRAGMA user_version > 0: migrated);
- its log file records no crash;
- `hamstride exercises` lists the exercise library: the bundled resources
  are found (the source tree is out of reach: other working dir, no
  HAMSTRIDE_RESOURCES).

Prints each check; exit status 0 when all pass, 1 otherwise. Standard
library only, so any Python can run it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

DATABASE_NAME = "hamstride.db"
LOG_NAME = Path("logs") / "hamstride.log"
PROBE_LINES = ["window-idle", "database-ready"]
CRASH_MARKERS = ("CRITICAL", "Traceback")
# Variables that would point the program at the source tree or at someone's
# real data instead of what the bundle and the temp dir hold.
CLEARED = ("HAMSTRIDE_RESOURCES", "HAMSTRIDE_DATA_DIR", "PYTHONPATH", "PYTHONHOME")


class Checks:
    def __init__(self) -> None:
        self.failed = 0

    def report(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'ok  ' if ok else 'FAIL'} {what}{f': {detail}' if detail else ''}", flush=True)
        self.failed += not ok
        return ok


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HAMSTRIDE_STARTUP_PROBE"] = "1"
    return env


def run(command: list[str], cwd: Path, timeout: float) -> tuple[int | None, str, str]:
    """Exit status (None after a timeout: the process is killed), stdout, stderr."""
    with subprocess.Popen(command, cwd=cwd, env=environment(), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            return None, out, err
        return process.returncode, out, err


def check_database(checks: Checks, database: Path) -> None:
    if not checks.report(database.is_file(), f"{DATABASE_NAME} created in the data dir", str(database)):
        return
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        checks.report(False, "the database opens", str(exc))
        return
    checks.report(integrity == "ok", "PRAGMA integrity_check", integrity)
    checks.report(version > 0, "PRAGMA user_version > 0 (schema migrated)", str(version))


def check_start(checks: Checks, program: Path, timeout: float, work: Path) -> None:
    data = work / "data"
    print(f"starting {program} offscreen, data dir {data}, timeout {timeout:g} s", flush=True)
    status, out, err = run([str(program), "--data-dir", str(data)], work, timeout)
    if not checks.report(status is not None, f"it quit by itself within {timeout:g} s"):
        print(f"stdout:\n{out}\nstderr:\n{err}", flush=True)
    elif not checks.report(status == 0, "exit status 0", str(status)):
        print(f"stderr:\n{err}", flush=True)
    probe = [line for line in out.splitlines() if line in PROBE_LINES]
    checks.report(probe == PROBE_LINES, "the probe printed " + " then ".join(PROBE_LINES),
                  f"got {probe}")
    check_database(checks, data / DATABASE_NAME)
    log = data / LOG_NAME
    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    crashed = [marker for marker in CRASH_MARKERS if marker in text]
    if not checks.report(log.is_file() and not crashed, "its log file records no crash",
                         f"{log} has {', '.join(crashed)}" if crashed else str(log)):
        print("end of the log:\n" + "\n".join(text.splitlines()[-20:]), flush=True)


def check_resources(checks: Checks, program: Path, timeout: float, work: Path) -> None:
    status, out, err = run([str(program), "--data-dir", str(work / "data"), "exercises"], work, timeout)
    listed = [line for line in out.splitlines() if line.strip()]
    checks.report(status == 0 and len(listed) >= 5,
                  "`hamstride exercises` lists the bundled library",
                  f"{len(listed)} exercises" if status == 0 else f"status {status}: {err.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", type=Path, help="the built program, e.g. dist/hamstride/hamstride")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait (default 60)")
    args = parser.parse_args(argv)
    program = args.program.resolve()
    checks = Checks()
    if not checks.report(program.is_file() and os.access(program, os.X_OK),
                         "the program exists and is executable", str(program)):
        return 1
    with tempfile.TemporaryDirectory(prefix="hamstride-bundle-check-") as tmp:
        work = Path(tmp)
        check_start(checks, program, args.timeout, work)
        check_resources(checks, program, args.timeout, work)
    print("all checks passed" if not checks.failed else f"{checks.failed} check(s) failed", flush=True)
    return 0 if not checks.failed else 1


if __name__ == "__main__":
    sys.exit(main())

"""Kill test: a logged set is a kept set, whatever happens to the process.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/kill_test.py [--runs 50] [--seed 1]

A child process runs the real window (offscreen) on one data dir and works
through a session the way an athlete does, with the keyboard: start a set,
finish it, confirm the log sheet, rest; now and then it backs the log up
(File > Back up now) or imports a Strong export through the same writer
thread the import dialog uses. It prints what it is doing ("PHASE set",
"PHASE logging"...) and every set the app confirmed as written.

The parent kills the child with SIGKILL at a random moment of a chosen
phase (set, logging, rest, backup, import: the 50 runs are spread over the
five), then checks the data dir as the next start would find it:

- PRAGMA integrity_check is "ok" and foreign keys hold;
- every set confirmed before the kill is in the database;
- an import is all there or not there at all;
- every file in backups/ is a whole, readable database;
- the session in progress is offered for resume - checked twice: its saved
  file loads, and the next child (the next start of the real app) reports
  that it was asked "resume?" and resumed.

The data dir is kept across the runs, so each start also carries everything
the earlier kills left behind. Prints the figures; ``kill_test_figures()``
gives them to bench.py (kill_test_runs, kill_test_lost_sets...).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PHASES = ("set", "logging", "rest", "backup", "import")
# How long after a phase is announced the kill may land (s): about the
# phase's length here, so kills fall at its start, middle and end.
KILL_WINDOW_S = {"set": 0.05, "logging": 0.01, "rest": 0.05, "backup": 0.15, "import": 0.6}
CHILD_TIMEOUT_S = 90.0
IMPORT_SESSIONS = 120   # sessions in each generated Strong file (about 1,000 rows)
SEED_SETS = 20_000      # a log with history, so backups and imports take a while


# --------------------------------------------------------------------------
# The child: the real window, driven by the keyboard.
# --------------------------------------------------------------------------

def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def strong_export(path: Path, run: int, sessions: int = IMPORT_SESSIONS) -> int:
    """A Strong CSV whose sessions are unique to ``run``: the same days for
    every file, each file at a minute of the day of its own (``run`` < 1440)."""
    start = datetime(2001, 1, 1) + timedelta(minutes=run)
    rows = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            "Notes,Workout Notes,RPE"]
    for n in range(sessions):
        when = (start + timedelta(days=2 * n)).strftime("%Y-%m-%d %H:%M:%S")
        for exercise, load in (("Romanian Deadlift (Barbell)", 60), ("Lying Leg Curl (Machine)", 30)):
            for order in range(1, 5):
                rows.append(f"{when},Run {run} day {n},50m,{exercise},{order},{load + order},8,0,0,,,")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return sessions


def _write_import(driver: Any, plan: Any) -> None:
    """Store.apply_import on the window's writer thread, waited for."""
    writer = driver.window.writer
    outcome: list[object] = []

    def finished(number: int, result: object) -> None:
        if number == job:
            outcome.append(result)

    writer.job_finished.connect(finished)
    writer.job_failed.connect(finished)
    job = writer.submit(lambda store: store.apply_import(plan))
    try:
        driver.wait_until(lambda: outcome, timeout=60)
    finally:
        writer.job_finished.disconnect(finished)
        writer.job_failed.disconnect(finished)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]


def child(data_dir: Path, seed: int, run: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from session_driver import SessionDriver

    from app.import_flow import read_and_plan
    from app.session.events import State
    from app.storage.queries import LogReader

    driver = SessionDriver(data_dir, seed, say=_say)
    window = driver.window
    resumed = driver.open()
    _say(f"READY offered={int(resumed)} resumed={int(resumed)}")
    imports = 0
    while True:
        if driver.controller().engine.state is not State.READY or driver.controller().engine.paused:
            driver.step()
            continue
        roll = driver.rng.random()
        if roll < 0.2:
            _say("PHASE backup")
            # File > Back up now; the window says when the copy is written.
            window.statusBar().clearMessage()
            window.backup_action.trigger()
            driver.wait_until(
                lambda: window.statusBar().currentMessage().startswith("Backup written"))
            _say("BACKUP_DONE")
        elif roll < 0.35 and imports < 19:  # each file at a minute of its own: run * 20 + n
            # An import, through the writer thread the import dialog uses.
            imports += 1
            export = data_dir / f"import-{run}-{imports}.csv"
            number = run * 20 + imports
            count = strong_export(export, number)
            reader = LogReader(driver.paths.database)
            try:
                _log, _mapping, plan = read_and_plan(export, driver.catalog, reader)
            finally:
                reader.close()
            _say(f"IMPORT_START {number} {count}")
            _say("PHASE import")
            _write_import(driver, plan)
            _say(f"IMPORT_DONE {export.name}")
            export.unlink()
        else:
            driver.step()


# --------------------------------------------------------------------------
# The parent: kill, then check what the next start finds.
# --------------------------------------------------------------------------

@dataclass
class Totals:
    runs: int = 0
    confirmed: int = 0
    lost: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    partial_imports: list[str] = field(default_factory=list)
    bad_backups: list[str] = field(default_factory=list)
    resume_missing: list[str] = field(default_factory=list)
    resume_not_offered: list[str] = field(default_factory=list)
    child_failures: list[str] = field(default_factory=list)
    kills_by_phase: dict[str, int] = field(default_factory=dict)
    imports_cut: int = 0        # kills that landed before the import's commit (nothing there)


def _reader_thread(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)


def _check_database(db: Path) -> tuple[str, set[str]]:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        uids = {row[0] for row in connection.execute("SELECT uid FROM logged_set")}
    finally:
        connection.close()
    return (integrity if not foreign else f"foreign keys: {foreign[:3]}"), uids


def _imported_sessions(db: Path, run_label: str) -> int:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM workout_session WHERE title LIKE ?",
                                      (f"{run_label} day %",)).fetchone()[0])
    finally:
        connection.close()


def _backups_whole(backups: Path) -> list[str]:
    bad = []
    for path in sorted(backups.glob("*.db")) if backups.is_dir() else []:
        try:
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                result = connection.execute("PRAGMA integrity_check").fetchone()[0]
                connection.execute("SELECT count(*) FROM logged_set").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            result = str(error)
        if result != "ok":
            bad.append(f"{path.name}: {result}")
    return bad


def _seed_log(data_dir: Path) -> None:
    """A data dir with a long history, opened (and migrated) once by the app."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from big_log import make_big_log

    from app.clock import SystemClock
    from app.paths import AppPaths
    from app.storage.store import Store

    data_dir.mkdir(parents=True, exist_ok=True)
    make_big_log(data_dir / "hamstride.db", sets=SEED_SETS)
    store, _report = Store.open(AppPaths(data_dir, data_dir / "logs"), SystemClock())
    store.close()


def run_kill_test(runs: int = 50, seed: int = 1, data_dir: Path | None = None,
                  verbose: bool = True, phases: tuple[str, ...] = PHASES) -> Totals:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hamstride-kill-") as scratch:
        # The children's stderr: beside a kept data dir, so it can be read after.
        logs = Path(scratch) if data_dir is None else data_dir.parent / f"{data_dir.name}-stderr"
        logs.mkdir(parents=True, exist_ok=True)
        data = data_dir or Path(scratch) / "data"
        if not (data / "hamstride.db").exists():
            _seed_log(data)
        from app.paths import DATABASE_NAME
        from app.ui.session.saved import SAVED_SESSION_FILE, load_saved_session

        db = data / DATABASE_NAME
        totals = Totals()
        confirmed: set[str] = set()
        expect_resume = False
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        for run in range(runs):
            phase = phases[run % len(phases)]
            occurrence = rng.randint(1, 3)
            delay = rng.uniform(0, KILL_WINDOW_S[phase])
            errors = logs / f"child-{run}.err"
            with open(errors, "w", encoding="utf-8") as stderr:
                process = subprocess.Popen(
                    [sys.executable, __file__, "--child", str(data), "--seed",
                     str(seed * 1000 + run), "--run", str(run)],
                    stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
            lines: queue.Queue[str | None] = queue.Queue()
            threading.Thread(target=_reader_thread, args=(process.stdout, lines), daemon=True).start()
            seen = 0
            killed_in = None
            import_label = None
            in_session = False
            deadline = time.monotonic() + CHILD_TIMEOUT_S
            while killed_in is None:
                try:
                    line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
                except queue.Empty:
                    line = None
                if line is None:
                    said = [line for line in errors.read_text(encoding="utf-8").splitlines()
                            if "propagateSizeHints" not in line]
                    totals.child_failures.append(f"run {run}: child ended or hung before "
                                                 f"the {phase} phase (exit {process.poll()}): "
                                                 + " | ".join(said[-3:]))
                    break
                if line.startswith("READY"):
                    offered = "offered=1" in line and "resumed=1" in line
                    if expect_resume and not offered:
                        totals.resume_not_offered.append(f"run {run}: {line}")
                    in_session = True
                elif line.startswith("CONFIRMED "):
                    confirmed.add(line.split()[1])
                elif line.startswith("IMPORT_START "):
                    _, started, rows = line.split()
                    import_label = (int(started), int(rows))
                elif line.startswith("IMPORT_DONE"):
                    import_label = None
                elif line == f"PHASE {phase}":
                    seen += 1
                    if seen == occurrence:
                        time.sleep(delay)
                        process.send_signal(signal.SIGKILL)
                        killed_in = phase
            if process.poll() is None:
                process.kill()
            process.wait()
            # What arrived before the kill is confirmed too.
            while True:
                try:
                    line = lines.get(timeout=2)
                except queue.Empty:
                    break
                if line is None:
                    break
                if line.startswith("CONFIRMED "):
                    confirmed.add(line.split()[1])
                elif line.startswith("IMPORT_DONE"):
                    import_label = None
            totals.runs += 1
            if killed_in is None:
                expect_resume = False
                continue
            totals.kills_by_phase[killed_in] = totals.kills_by_phase.get(killed_in, 0) + 1
            integrity, stored = _check_database(db)
            if integrity != "ok":
                totals.integrity_failures.append(f"run {run} ({phase}): {integrity}")
            lost = sorted(confirmed - stored)
            totals.lost.extend(f"run {run} ({phase}): {uid}" for uid in lost)
            if import_label is not None:
                number, count = import_label
                found = _imported_sessions(db, f"Run {number}")  # strong_export's titles
                if found not in (0, count):
                    totals.partial_imports.append(f"run {run}: {found} of {count} sessions")
                totals.imports_cut += found == 0
            totals.bad_backups.extend(f"run {run}: {b}" for b in _backups_whole(data / "backups"))
            if in_session and load_saved_session(data / SAVED_SESSION_FILE) is None:
                totals.resume_missing.append(f"run {run} ({phase})")
            expect_resume = in_session
            if verbose:
                print(f"run {run + 1:2d}/{runs}: killed while {phase:<7} "
                      f"{len(confirmed):4d} sets confirmed so far, lost {len(lost)}, "
                      f"integrity {integrity}", flush=True)
        totals.confirmed = len(confirmed)
        return totals


def kill_test_figures(runs: int = 50, seed: int = 1) -> list[Any]:
    """For bench.py: every count of a failure must be 0."""
    from bench import figure

    result = summary(run_kill_test(runs, seed, verbose=False))
    for problem in result["problems"]:
        print(f"kill test: {problem}", file=sys.stderr)
    figures = [figure("kill_test_runs", result["kill_test_runs"], "runs", f">= {runs}"),
               figure("kill_test_confirmed_sets", result["kill_test_confirmed_sets"], "sets"),
               figure("kill_test_imports_cut", result["kill_test_imports_cut"], "runs")]
    figures += [figure(name, result[name], "", "<= 0") for name in (
        "kill_test_lost_sets", "kill_test_integrity_failures", "kill_test_partial_imports",
        "kill_test_bad_backups", "kill_test_resume_missed", "kill_test_child_failures")]
    return figures


def summary(totals: Totals) -> dict[str, Any]:
    return {
        "kill_test_runs": totals.runs,
        "kill_test_lost_sets": len(totals.lost),
        "kill_test_confirmed_sets": totals.confirmed,
        "kill_test_integrity_failures": len(totals.integrity_failures),
        "kill_test_partial_imports": len(totals.partial_imports),
        "kill_test_bad_backups": len(totals.bad_backups),
        "kill_test_resume_missed": len(totals.resume_missing) + len(totals.resume_not_offered),
        "kill_test_child_failures": len(totals.child_failures),
        "kills_by_phase": totals.kills_by_phase,
        "kill_test_imports_cut": totals.imports_cut,
        "problems": (totals.lost + totals.integrity_failures + totals.partial_imports
                     + totals.bad_backups + totals.resume_missing + totals.resume_not_offered
                     + totals.child_failures),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="keep the data dir here (for a look after)")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="kill only in these phases (comma-separated)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.seed, args.run)
    result = summary(run_kill_test(args.runs, args.seed, args.data_dir,
                                  phases=tuple(args.phases.split(","))))
    print(json.dumps(result, indent=1))
    return 0 if not result["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())

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
five). In two runs of three the starts that carry on are killed again, once
or twice (a double or a triple interruption): while starting (perhaps before
the window is up), just after resuming, or as soon as the resumed session is
saved showing the set on the log sheet (issue 15: the set was then stored
twice). After every kill it checks the data dir as the next start would find it:

- PRAGMA integrity_check is "ok" and foreign keys hold;
- every set confirmed before the kill is in the database, and none is there
  twice (each set the driver's plan holds is logged at most once);
- an import is all there or not there at all;
- every file in backups/ is a whole, readable database;
- the session in progress is offered for resume - checked twice: its saved
  file loads, and the next child (the next start of the real app) reports
  that it was asked "resume?" and resumed.

The data dir is kept across the runs, so each start also carries everything
the earlier kills left behind. Prints the figures; ``kill_test_figures()``
gives them to bench.py (kill_test_runs, kill_test_lost_sets,
kill_test_duplicate_sets, kill_test_rekills...).
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
KILL_WINDOW_S = {"set": 0.05, "logging": 0.04, "rest": 0.05, "backup": 0.15, "import": 0.6}
# A start carrying on after a kill is killed again (a double or triple
# interruption) at one of these points, within this many seconds: while it
# starts (from the process's birth: before or after its window is up), just
# after it resumed, or as soon as it saved the resumed session showing the set
# on the log sheet (waiting at most this long for that).
REKILL_POINTS = ("start", "resumed", "saved_done")
REKILL_WINDOW_S = {"start": 2.5, "resumed": 0.05, "saved_done": 3.0}
DRIVEN_TITLE = "Driven session"   # session_driver's plan: each of its sets is planned once
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
    """app.exchange.writer.apply_import on the window's writer thread, waited for."""
    from app.exchange.writer import apply_import

    writer = driver.window.writer
    outcome: list[object] = []
    writer.submit(lambda store: apply_import(store, plan), outcome.append, outcome.append)
    driver.wait_until(lambda: outcome, timeout=60)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]


def child(data_dir: Path, seed: int, run: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from session_driver import SessionDriver

    from app.session.events import State
    from app.storage.queries import LogReader
    from app.usecases.import_flow import read_and_plan

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
    rekills: int = 0            # further kills of the starts carrying on after a run's kill
    duplicates: int = 0         # sets stored more than once (duplicate_sets)


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

    from app.kernel.clock import SystemClock
    from app.kernel.paths import AppPaths
    from app.storage.store import Store

    data_dir.mkdir(parents=True, exist_ok=True)
    make_big_log(data_dir / "hamstride.db", sets=SEED_SETS)
    store, _report = Store.open(AppPaths(data_dir, data_dir / "logs"), SystemClock())
    store.close()


@dataclass
class _Child:
    """What one start of the app said before it was killed (or ended)."""

    killed_in: str | None = None
    ready: bool = False          # it said READY: the window was up and a session running
    offered: bool = False        # ... having been asked "resume?" and resumed
    import_label: tuple[int, int] | None = None
    failure: str | None = None


def _shows_set_done(path: Path, before: str | None) -> bool:
    """The saved session was written again (not the file as it was at the
    start) and shows a set on the log sheet."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return False
    if text == before:
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and (data.get("snapshot") or {}).get("state") == "set_done"


def _run_child(data: Path, logs: Path, seed: int, run: int, label: str, rule: tuple[str, int, float],
               confirmed: set[str], env: dict[str, str], saved_path: Path) -> _Child:
    """Start the app on ``data`` and kill it by ``rule``: (phase, occurrence,
    delay) for a phase the child announces; ("start", 1, delay) at ``delay``
    seconds after the process starts (it may not have a window yet);
    ("resumed", 1, delay) at ``delay`` after it said READY; ("saved_done", 1,
    delay) as soon as the saved session is written again showing a set on
    the log sheet (at most ``delay`` after READY, then anyway)."""
    phase, occurrence, delay = rule
    errors = logs / f"child-{label}.err"
    before = saved_path.read_text(encoding="utf-8") if saved_path.exists() else None
    with open(errors, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(data), "--seed", str(seed), "--run", str(run)],
            stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    spawned = time.monotonic()
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_reader_thread, args=(process.stdout, lines), daemon=True).start()
    child = _Child()
    seen = 0
    ready_at: float | None = None
    deadline = spawned + CHILD_TIMEOUT_S
    # The re-kill points are watched closely (a millisecond), the phases by their lines.
    poll = 0.001 if phase in REKILL_POINTS else None

    def kill() -> None:
        process.send_signal(signal.SIGKILL)
        child.killed_in = phase

    while child.killed_in is None:
        now = time.monotonic()
        if phase == "start" and now - spawned >= delay:
            kill()
            break
        if phase == "resumed" and ready_at is not None and now - ready_at >= delay:
            kill()
            break
        if phase == "saved_done" and ready_at is not None and \
                (_shows_set_done(saved_path, before) or now - ready_at >= delay):
            kill()
            break
        if phase == "saved_done" and _shows_set_done(saved_path, before):
            kill()   # written before the child even said READY
            break
        try:
            line = lines.get(timeout=poll if poll is not None else max(0.1, deadline - now))
        except queue.Empty:
            if poll is not None and now < deadline:
                continue
            line = None
        if line is None:
            said = [text for text in errors.read_text(encoding="utf-8").splitlines()
                    if "propagateSizeHints" not in text]
            child.failure = (f"run {label}: child ended or hung before the {phase} kill "
                             f"(exit {process.poll()}): " + " | ".join(said[-3:]))
            break
        if line.startswith("READY"):
            child.ready = True
            child.offered = "offered=1" in line and "resumed=1" in line
            ready_at = time.monotonic()
        elif line.startswith("CONFIRMED "):
            confirmed.add(line.split()[1])
        elif line.startswith("IMPORT_START "):
            _, started, rows = line.split()
            child.import_label = (int(started), int(rows))
        elif line.startswith("IMPORT_DONE"):
            child.import_label = None
        elif line == f"PHASE {phase}":
            seen += 1
            if seen == occurrence:
                time.sleep(delay)
                kill()
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
            child.import_label = None
    return child


def _rekill_rule(rng: random.Random, saved_path: Path) -> tuple[str, int, float]:
    """Where to interrupt a start that is carrying on after a kill: while it
    starts (perhaps before its window), just after it resumed, or as soon as
    it saves the resumed session showing the set on the log sheet."""
    points = ["start", "resumed"]
    if _shows_set_done(saved_path, None):
        points += ["saved_done", "saved_done"]   # the case issue 15 found: weighed double
    point = rng.choice(points)
    return point, 1, rng.uniform(0, REKILL_WINDOW_S[point])


def duplicate_sets(db: Path) -> int:
    """Sets stored more than once: in the sessions the driver trained, each
    (exercise, set number, side) is one planned set, logged at most once."""
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM logged_set "
            "JOIN workout_session ON workout_session.id = logged_set.session_id "
            "WHERE workout_session.source IS NULL AND workout_session.title = ? "
            "GROUP BY session_id, exercise_slug, set_number, side)",
            (DRIVEN_TITLE,)).fetchone()[0])
    finally:
        connection.close()


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
        from app.kernel.paths import DATABASE_NAME
        from app.session.saved import SAVED_SESSION_FILE, load_saved_session

        db = data / DATABASE_NAME
        saved_path = data / SAVED_SESSION_FILE
        totals = Totals()
        confirmed: set[str] = set()
        expect_resume = False
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        for run in range(runs):
            phase = phases[run % len(phases)]
            # The run's kill, then (in two runs of three) one or two more while
            # the next starts carry on: a double or a triple interruption.
            rules = [(phase, rng.randint(1, 3), rng.uniform(0, KILL_WINDOW_S[phase]))]
            extra = rng.choice((0, 1, 2))
            totals.runs += 1
            for attempt in range(1 + extra):
                if attempt > 0:
                    rules.append(_rekill_rule(rng, saved_path))
                rule = rules[-1]
                label = f"{run}" if attempt == 0 else f"{run}.{attempt}"
                child = _run_child(data, logs, seed * 1000 + run, run, label, rule, confirmed,
                                   env, saved_path)
                if child.failure is not None:
                    totals.child_failures.append(child.failure)
                if child.ready and expect_resume and not child.offered:
                    totals.resume_not_offered.append(f"run {label}: not offered")
                if child.killed_in is None:
                    expect_resume = False
                    break
                if attempt > 0:
                    totals.rekills += 1
                totals.kills_by_phase[child.killed_in] = \
                    totals.kills_by_phase.get(child.killed_in, 0) + 1
                integrity, stored = _check_database(db)
                if integrity != "ok":
                    totals.integrity_failures.append(f"run {label} ({rule[0]}): {integrity}")
                lost = sorted(confirmed - stored)
                totals.lost.extend(f"run {label} ({rule[0]}): {uid}" for uid in lost)
                if child.import_label is not None:
                    number, count = child.import_label
                    found = _imported_sessions(db, f"Run {number}")  # strong_export's titles
                    if found not in (0, count):
                        totals.partial_imports.append(f"run {label}: {found} of {count} sessions")
                    totals.imports_cut += found == 0
                totals.bad_backups.extend(f"run {label}: {b}" for b in _backups_whole(data / "backups"))
                # Killed before its window was up, a start leaves the session as it was.
                in_session = child.ready or expect_resume
                if in_session and load_saved_session(saved_path) is None:
                    totals.resume_missing.append(f"run {label} ({rule[0]})")
                expect_resume = in_session
                if verbose:
                    print(f"run {label:>5}/{runs}: killed {'while' if attempt == 0 else 'again,'} "
                          f"{child.killed_in:<10} {len(confirmed):4d} sets confirmed so far, "
                          f"lost {len(lost)}, duplicated {duplicate_sets(db)}, "
                          f"integrity {integrity}", flush=True)
        totals.confirmed = len(confirmed)
        totals.duplicates = duplicate_sets(db)
        return totals


def kill_test_figures(runs: int = 50, seed: int = 1) -> list[Any]:
    """For bench.py: every count of a failure must be 0."""
    from bench import figure

    result = summary(run_kill_test(runs, seed, verbose=False))
    for problem in result["problems"]:
        print(f"kill test: {problem}", file=sys.stderr)
    figures = [figure("kill_test_runs", result["kill_test_runs"], "runs", f">= {runs}"),
               figure("kill_test_confirmed_sets", result["kill_test_confirmed_sets"], "sets"),
               figure("kill_test_imports_cut", result["kill_test_imports_cut"], "runs"),
               figure("kill_test_rekills", result["kill_test_rekills"], "kills")]
    figures += [figure(name, result[name], "", "<= 0") for name in (
        "kill_test_lost_sets", "kill_test_duplicate_sets", "kill_test_integrity_failures",
        "kill_test_partial_imports",
        "kill_test_bad_backups", "kill_test_resume_missed", "kill_test_child_failures")]
    return figures


def summary(totals: Totals) -> dict[str, Any]:
    return {
        "kill_test_runs": totals.runs,
        "kill_test_lost_sets": len(totals.lost),
        "kill_test_duplicate_sets": totals.duplicates,
        "kill_test_rekills": totals.rekills,
        "kill_test_confirmed_sets": totals.confirmed,
        "kill_test_integrity_failures": len(totals.integrity_failures),
        "kill_test_partial_imports": len(totals.partial_imports),
        "kill_test_bad_backups": len(totals.bad_backups),
        "kill_test_resume_missed": len(totals.resume_missing) + len(totals.resume_not_offered),
        "kill_test_child_failures": len(totals.child_failures),
        "kills_by_phase": totals.kills_by_phase,
        "kill_test_imports_cut": totals.imports_cut,
        "problems": (totals.lost + [f"{totals.duplicates} set(s) stored more than once"]
                     * bool(totals.duplicates) + totals.integrity_failures + totals.partial_imports
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

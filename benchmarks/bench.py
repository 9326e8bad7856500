"""Hamstride's benchmark figures: prints a table, writes benchmarks/results.json.

    make bench          (or: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench.py)
    .venv/bin/python benchmarks/bench.py --only kill_test   (one suite, merged into results.json)

Each figure is compared with its floor measured in the same run on the same
machine (a bare PySide6 window, a raw sqlite3 insert), because this machine's
speed drifts a lot from minute to minute; ratios stay meaningful when the
absolute numbers do not. Runs alternate app and floor for the same reason.

Figures (see the issues for their targets):
  startup_ratio   median time from process start to "window shown, event loop idle",
                  app / bare QMainWindow script started the same way
  startup_log_ready_ratio  median time from process start to the first screen showing the
                  log's data (Today filled from the log: the window's log_ready), against the
                  same bare window's "shown, event loop idle"
  rss_ratio       peak RSS of the started app (log open) / the bare window
  log_set_p99_ms  p99 of 500 sets logged through Store.log_set
  log_set_ratio   median Store.log_set / median raw sqlite3 insert+commit, same pragmas
  catalog_load_ms median time to load and validate the whole exercise catalog
  render_step_ms  median time to draw one step picture at 800x600 with the real painter
  (and the suites in bench_cues.py, bench_session_screen.py, bench_everyday.py,
  bench_history.py, bench_progress.py, bench_week.py, bench_run_import.py,
  bench_run_import_window.py, soak.py and kill_test.py: see their headers)
"""

from __future__ import annotations

import compileall
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
RELIABILITY = ROOT / "RELIABILITY.md"
# The figures RELIABILITY.md quotes (the kill test, the soak, logging a set, a
# million-row import and starting on a million-set log).
RELIABILITY_PREFIXES = ("kill_test_", "soak_", "log_set_", "import_1m_", "startup_ratio_1m",
                        "log_ready_ms_1m")
FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"
STARTUP_RUNS = 25         # each of app and floor: the median of 15 still swung by 0.1
LOG_SET_RUNS = 500


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str | None  # e.g. "<= 1.5"; None for a figure shown for context only
    ok: bool


def check(value: float, target: str | None) -> bool:
    if target is None:
        return True
    op, bound = target.split()
    compare: dict[str, Callable[[float, float], bool]] = {
        "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}
    return compare[op](value, float(bound))


@functools.cache
def qt_app() -> Any:
    """The one QApplication of a benchmark run, made the first time a suite
    needs Qt. A QApplication (not a QGuiApplication) so that suites with
    widgets can run after suites without; cached, so it stays alive."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.look.style import QT_STYLE_ARGUMENTS, apply_style

    existing = QApplication.instance()
    if existing is not None:
        return existing
    app = QApplication(["hamstride-bench", *QT_STYLE_ARGUMENTS])
    apply_style(app)
    return app


def figure(name: str, value: float, unit: str, target: str | None = None) -> Figure:
    return Figure(name, round(value, 3), unit, target, check(value, target))


# -- start-up ---------------------------------------------------------------

def _timed_start(command: list[str], env: dict[str, str]) -> tuple[float, float | None, float]:
    """Seconds to "window-idle", to "database-ready" (app only), and peak RSS in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env, cwd=ROOT)
    idle = ready = None
    assert process.stdout is not None
    for line in process.stdout:
        now = time.perf_counter() - started
        if line.startswith("window-idle"):
            idle = now
        elif line.startswith("database-ready"):
            ready = now
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    if idle is None or status != 0:
        raise RuntimeError(f"{command} did not report a shown window (status {status})")
    return idle, ready, usage.ru_maxrss / 1024  # Linux reports KiB


def startup_figures() -> list[Figure]:
    # An installed package has its bytecode compiled; so must the source tree
    # here (PYTHONDONTWRITEBYTECODE may be set), or the app would pay for
    # compiling itself at every start and the floor would not.
    compileall.compile_dir(ROOT / "src", quiet=1)
    env = {**os.environ, "HAMSTRIDE_STARTUP_PROBE": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        # The installed `hamstride` script, run by the same interpreter as the
        # floor's script: how people start it, and the same way as the floor.
        launcher = Path(sys.executable).with_name("hamstride")
        app = [sys.executable, str(launcher), "--data-dir", data]
        floor = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
        _timed_start(app, env)  # first start creates the database: not a typical start
        app_runs, floor_runs = [], []
        for _ in range(STARTUP_RUNS):
            floor_runs.append(_timed_start(floor, env))
            app_runs.append(_timed_start(app, env))
    app_idle = statistics.median(r[0] for r in app_runs)
    floor_idle = statistics.median(r[0] for r in floor_runs)
    log_ready = statistics.median(r[1] for r in app_runs if r[1] is not None)
    app_rss = max(r[2] for r in app_runs)
    floor_rss = max(r[2] for r in floor_runs)
    return [
        figure("startup_ratio", app_idle / floor_idle, "x", "<= 1.5"),
        figure("startup_app_ms", app_idle * 1000, "ms"),
        figure("startup_floor_ms", floor_idle * 1000, "ms"),
        figure("startup_log_ready_ms", log_ready * 1000, "ms"),
        figure("startup_log_ready_ratio", log_ready / floor_idle, "x", "<= 1.6"),
        figure("rss_ratio", app_rss / floor_rss, "x", "<= 1.5"),
        figure("rss_app_mb", app_rss, "MB"),
        figure("rss_floor_mb", floor_rss, "MB"),
    ]


# -- logging a set ----------------------------------------------------------

def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def log_set_figures() -> list[Figure]:
    from app.kernel.clock import SystemClock
    from app.kernel.paths import prepare_dirs, resolve_paths
    from app.logbook.entries import SetEntry
    from app.storage.database import connect, open_database
    from app.storage.store import Store
    from app.storage.timestamps import to_db_time

    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(Path(tmp) / "app")
        prepare_dirs(paths)
        store, _ = Store.open(paths, SystemClock())
        session = store.start_session(title="benchmark")
        app_times = []
        for number in range(1, LOG_SET_RUNS + 1):
            entry = SetEntry("nordic-hamstring-curl", number, reps=6, rpe=8, tempo="5-0-3-0",
                             descent_s=(5.0, 4.8, 4.5, 4.1, 3.9, 3.2))
            started = time.perf_counter()
            store.log_set(session.id, entry)
            app_times.append(time.perf_counter() - started)
        store.close()

        # The floor: the same row into the same schema, same pragmas, plain sqlite3.
        raw_db = Path(tmp) / "raw.db"
        open_database(raw_db, Path(tmp) / "b", Path(tmp) / "d", SystemClock().now())
        connection = connect(raw_db)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO workout_session (uid, athlete_id, started_at, title, notes) "
                           "VALUES ('s', 1, ?, '', '')", (to_db_time(SystemClock().now()),))
        connection.execute("COMMIT")
        raw_times = []
        for number in range(1, LOG_SET_RUNS + 1):
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, reps, "
                "load_kg, load_unit, duration_s, rpe, tempo, descent_s, set_type, notes, logged_at) "
                "VALUES (?, 1, 'nordic-hamstring-curl', ?, 'both', 6, NULL, 'kg', NULL, 8, "
                "'5-0-3-0', '[5.0, 4.8, 4.5, 4.1, 3.9, 3.2]', 'working', '', ?)",
                (f"raw-{number}", number, to_db_time(SystemClock().now())))
            connection.execute("COMMIT")
            raw_times.append(time.perf_counter() - started)
        connection.close()
    return [
        figure("log_set_p99_ms", _percentile(app_times, 0.99) * 1000, "ms", "< 10"),
        figure("log_set_median_ms", statistics.median(app_times) * 1000, "ms"),
        figure("log_set_raw_median_ms", statistics.median(raw_times) * 1000, "ms"),
        figure("log_set_ratio", statistics.median(app_times) / statistics.median(raw_times), "x",
               "<= 3"),
    ]


# -- catalog ------------------------------------------------------------------

def catalog_figures() -> list[Figure]:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir

    times = []
    for _ in range(30):
        started = time.perf_counter()
        result = load_catalog(resources_dir())
        times.append(time.perf_counter() - started)
        assert not result.problems, result.problems
    return [figure("catalog_load_ms", statistics.median(times) * 1000, "ms", "<= 50")]


# -- step pictures ------------------------------------------------------------

RENDER_ROUNDS = 3


def figure_figures() -> list[Figure]:
    """Every step of every exercise drawn RENDER_ROUNDS times into an 800x600 image.

    The first round pays for placing each pose (then cached per exercise, as
    in the app); the median is a typical redraw of a step picture.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir
    from app.ui.look.figure_painter import FigureTheme, paint_step

    qt_app()
    catalog = load_catalog_strict(resources_dir())
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, 800, 600)
    times = []
    for _ in range(RENDER_ROUNDS):
        for exercise in catalog.exercises:
            for index in range(len(exercise.steps)):
                started = time.perf_counter()
                painter = QPainter(image)
                paint_step(painter, rect, exercise, index, FigureTheme.DARK)
                painter.end()
                times.append(time.perf_counter() - started)
    # The first picture of an exercise (its poses placed off the UI thread)
    # is render_step_first_ms in bench_everyday.py.
    return [figure("render_step_ms", statistics.median(times) * 1000, "ms", "<= 8")]


def _session_suites() -> list[Callable[[], list[Figure]]]:
    # Kept in their own modules (they need a Qt event loop); they build
    # their records with figure() from this module.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_cues import cue_figures
    from bench_everyday import everyday_figures
    from bench_history import history_figures
    from bench_import_1m import import_1m_figures
    from bench_progress import progress_figures
    from bench_run_import import run_import_figures
    from bench_run_import_window import run_import_window_figures
    from bench_session_screen import session_screen_figures
    from bench_startup_1m import startup_1m_figures
    from bench_week import week_plan_figures
    from kill_test import kill_test_figures
    from soak import soak_figures

    return [cue_figures, session_screen_figures, everyday_figures, history_figures,
            progress_figures, startup_1m_figures, import_1m_figures, soak_figures,
            kill_test_figures, week_plan_figures, run_import_figures, run_import_window_figures]


SUITES: list[Callable[[], list[Figure]]] = [startup_figures, log_set_figures, catalog_figures,
                                           figure_figures]


def reliability_table(figures: list[Figure]) -> str:
    rows = ["| Figure | Value | Target | Met |", "|---|---|---|---|"]
    for f in figures:
        if f.name.startswith(RELIABILITY_PREFIXES):
            value = f"{f.value:g}" if float(f.value).is_integer() else f"{f.value:.3f}"
            rows.append(f"| `{f.name}` | {value} {f.unit} | {f.target or ''} | "
                        f"{'yes' if f.ok else 'NO'} |")
    return "\n".join(rows)


def write_reliability_figures(figures: list[Figure]) -> None:
    """Put the latest figures between the markers of RELIABILITY.md."""
    text = RELIABILITY.read_text(encoding="utf-8")
    head, _, rest = text.partition(FIGURES_START)
    _, _, tail = rest.partition(FIGURES_END)
    RELIABILITY.write_text(f"{head}{FIGURES_START}\n{reliability_table(figures)}\n"
                           f"{FIGURES_END}{tail}", encoding="utf-8")


def _suite_name(suite: Callable[[], list[Figure]]) -> str:
    return suite.__name__.removesuffix("_figures")


def merged_figures(previous: list[Figure], fresh: list[Figure]) -> list[Figure]:
    """The last full run's figures with those just measured put in their place
    (new ones at the end), so one suite can be run again on its own."""
    by_name = {f.name: f for f in fresh}
    merged = [by_name.pop(f.name, f) for f in previous]
    return merged + [f for f in fresh if f.name in by_name]


def _previous_figures() -> list[Figure]:
    try:
        return [Figure(**row) for row in json.loads(RESULTS.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return []


def main(argv: list[str] | None = None) -> int:
    import argparse

    suites = SUITES + _session_suites()  # imported late: they import this module
    parser = argparse.ArgumentParser(description="Hamstride's benchmark figures")
    parser.add_argument("--only", metavar="SUITE", action="append",
                        choices=[_suite_name(s) for s in suites],
                        help="run this suite only (repeatable) and merge its figures into "
                             "the last results.json")
    args = parser.parse_args(argv)
    chosen = [s for s in suites if args.only is None or _suite_name(s) in args.only]
    figures: list[Figure] = []
    for suite in chosen:
        figures.extend(suite())
    if args.only:
        print("this run:")
        for f in figures:
            print(f"  {f.name:<24} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} "
                  f"{'yes' if f.ok else 'NO'}")
        figures = merged_figures(_previous_figures(), figures)
    print(f"{'figure':<24} {'value':>10} {'unit':<4} {'target':<9} ok")
    for f in figures:
        print(f"{f.name:<24} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} "
              f"{'yes' if f.ok else 'NO'}")
    RESULTS.write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    write_reliability_figures(figures)
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())

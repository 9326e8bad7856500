"""History figures on a ten-year log, for benchmarks/bench.py: ``history_figures()``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_history.py

history_open_ms_100k   median time to build the History page on a 100,000-set log,
                       read it (newest page of sessions, the newest session's sets,
                       the exercise list and its newest sets) and paint it
log_set_p99_ms_100k    p99 of 500 sets logged through Store.log_set into that log
log_set_100k_ratio     median log_set on the 100k log / median on an empty log,
                       measured alternately (the issue: "as long as on an empty database")
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from bench import Figure, _percentile, figure, qt_app  # noqa: E402
from big_log import make_big_log  # noqa: E402

OPEN_RUNS = 15
LOG_SET_RUNS = 500


def _history_open_times(db: Path) -> list[float]:
    from app.catalog import load_catalog
    from app.kernel.resources import resources_dir
    from app.storage.queries import LogReader
    from app.ui.history.history_page import HistoryPage

    app = qt_app()
    catalog = load_catalog(resources_dir()).catalog
    names = {e.slug: e.name for e in catalog.exercises}
    reader = LogReader(db)
    times = []
    try:
        for _ in range(OPEN_RUNS):
            started = time.perf_counter()
            page = HistoryPage()
            page.name_of = lambda slug: names.get(slug, slug)
            page.resize(1366, 768)
            page.show_log(reader)
            page.show()
            app.processEvents()
            times.append(time.perf_counter() - started)
            page.close()
            page.deleteLater()
            app.processEvents()
    finally:
        reader.close()
    return times


def _log_set_times(db: Path, backups: Path, rounds: int) -> list[float]:
    from app.kernel.clock import SystemClock
    from app.logbook.entries import SetEntry
    from app.storage.store import Store

    store = Store(db, backups, SystemClock())
    try:
        session = store.start_session(title="benchmark", source="bench")  # no daily backup
        times = []
        for number in range(1, rounds + 1):
            entry = SetEntry("nordic-hamstring-curl", number, reps=6, rpe=8, tempo="5-0-3-0",
                             descent_s=(5.0, 4.8, 4.5, 4.1, 3.9, 3.2))
            started = time.perf_counter()
            store.log_set(session.id, entry)
            times.append(time.perf_counter() - started)
    finally:
        store.close()
    return times


def history_figures() -> list[Figure]:
    from app.kernel.clock import SystemClock
    from app.storage.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        big, empty = Path(tmp) / "big.db", Path(tmp) / "empty.db"
        make_big_log(big, 100_000)
        open_database(big, Path(tmp) / "b", Path(tmp) / "d", SystemClock().now())  # to the newest schema
        open_database(empty, Path(tmp) / "b", Path(tmp) / "d", SystemClock().now())
        open_times = _history_open_times(big)
        # Alternate big and empty in rounds: the machine's speed drifts.
        big_times: list[float] = []
        empty_times: list[float] = []
        for _ in range(5):
            big_times += _log_set_times(big, Path(tmp) / "b", LOG_SET_RUNS // 5)
            empty_times += _log_set_times(empty, Path(tmp) / "b", LOG_SET_RUNS // 5)
    return [
        figure("history_open_ms_100k", statistics.median(open_times) * 1000, "ms", "<= 150"),
        figure("log_set_p99_ms_100k", _percentile(big_times, 0.99) * 1000, "ms", "< 10"),
        figure("log_set_100k_ratio", statistics.median(big_times) / statistics.median(empty_times),
               "x", "<= 1.5"),
    ]


if __name__ == "__main__":
    for f in history_figures():
        print(f"{f.name:<24} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} "
              f"{'yes' if f.ok else 'NO'}")

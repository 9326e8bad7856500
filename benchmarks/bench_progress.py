"""Progress figures on a 100,000-set log, for benchmarks/bench.py: ``progress_figures()``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_progress.py

chart_open_ms_100k        median time to create a ProgressView, load it from a new
                          ProgressReader, show the top-set chart of the Romanian
                          deadlift (default period, the last year) and paint it
records_ms_100k           median time for ProgressReader.records() on a new reader
                          (nothing cached) plus RecordsView.show_records, painted
context only:
records_query_ms_100k     median ProgressReader.records() alone, new reader
series_slowest_ms_100k    the slowest of the chart series (median of each), new reader
chart_open_all_time_ms_100k   chart_open_ms_100k with every session of ten years drawn

Every run opens a new reader: the first look at the page is what is measured,
not the cache that makes the second look free.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from big_log import make_big_log  # noqa: E402

if TYPE_CHECKING:
    from bench import Figure

RUNS = 9
SETS = 100_000
RDL = "romanian-deadlift"
SLDL = "single-leg-deadlift"


def progress_figures() -> list[Figure]:
    # Imported here, as in bench_cues: bench.py imports this module.
    from bench import figure

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "log.db"
        make_big_log(db, sets=SETS)
        chart_ms = _chart_open_ms(db, all_time=False)
        all_time_ms = _chart_open_ms(db, all_time=True)
        records_ms, query_ms = _records_ms(db)
        series_ms = _slowest_series_ms(db)
    return [
        figure("chart_open_ms_100k", chart_ms, "ms", "<= 150"),
        figure("records_ms_100k", records_ms, "ms", "<= 150"),
        figure("records_query_ms_100k", query_ms, "ms"),
        figure("series_slowest_ms_100k", series_ms, "ms"),
        figure("chart_open_all_time_ms_100k", all_time_ms, "ms"),
    ]


def _app() -> object:
    from bench import qt_app  # shared with the other suites of a run

    return qt_app()


def _catalog() -> tuple[list[tuple[str, str]], list[str]]:
    from app.catalog import load_catalog_strict
    from app.kernel.resources import resources_dir

    exercises = load_catalog_strict(resources_dir()).exercises
    return ([(e.slug, e.name) for e in exercises],
            [e.slug for e in exercises if e.category == "strength"])


def _chart_open_ms(db: Path, all_time: bool) -> float:
    from PySide6.QtWidgets import QApplication

    from app.progress.queries import ProgressReader
    from app.ui.history.charts_view import ProgressView

    _app()
    names, hamstrings = _catalog()
    times = []
    for _ in range(RUNS + 1):                     # the first run pays for imports and fonts
        started = time.perf_counter()
        reader = ProgressReader(db)
        view = ProgressView()
        view.resize(1366, 700)
        if all_time:
            view.set_period(None)
        view.load(reader, names, hamstrings, "kg")
        view.show_chart("top_sets", RDL)
        view.show()
        view.chart_view.viewport().repaint()
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
        assert not view.is_empty and len(view.readouts) > 10
        view.close()
        view.deleteLater()
        QApplication.processEvents()
        reader.close()
    return statistics.median(times[1:]) * 1000


def _records_ms(db: Path) -> tuple[float, float]:
    """(records() + RecordsView painted, records() alone), medians in ms."""
    from PySide6.QtWidgets import QApplication

    from app.progress.queries import ProgressReader
    from app.ui.history.records_view import RecordsView

    _app()
    names = dict(_catalog()[0])
    shown, queried = [], []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        reader = ProgressReader(db)
        records = reader.records()
        read = time.perf_counter()
        view = RecordsView()
        view.resize(1100, 600)
        view.show_records(records, lambda slug: names.get(slug, slug), "kg")
        view.show()
        view.table.viewport().repaint()
        QApplication.processEvents()
        done = time.perf_counter()
        shown.append(done - started)
        queried.append(read - started)
        assert len(records) > 20
        view.close()
        view.deleteLater()
        QApplication.processEvents()
        reader.close()
    return statistics.median(shown[1:]) * 1000, statistics.median(queried[1:]) * 1000


def _slowest_series_ms(db: Path) -> float:
    from app.progress.queries import ProgressReader

    _, hamstrings = _catalog()
    series: dict[str, Callable[[ProgressReader], object]] = {
        "sessions_per_week": lambda r: r.sessions_per_week(hamstrings),
        "top_sets": lambda r: r.top_sets(RDL),
        "nordic_descent": lambda r: r.nordic_descent(),
        "asymmetry": lambda r: r.asymmetry(SLDL),
        "weekly_volume": lambda r: r.weekly_volume(hamstrings),
    }
    medians = {}
    for name, read in series.items():
        times = []
        for _ in range(RUNS):
            reader = ProgressReader(db)
            started = time.perf_counter()
            read(reader)
            times.append(time.perf_counter() - started)
            reader.close()
        medians[name] = statistics.median(times) * 1000
    return max(medians.values())


def main() -> int:
    figures = progress_figures()
    print(f"{'figure':<28} {'value':>10} {'unit':<4} {'target':<9} ok")
    for f in figures:
        print(f"{f.name:<28} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} {'yes' if f.ok else 'NO'}")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())

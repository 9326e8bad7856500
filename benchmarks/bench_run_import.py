"""Run import figures, for benchmarks/bench.py: ``run_import_figures()``.

    .venv/bin/python benchmarks/bench_run_import.py

run_import_fit_per_s      1-hour runs recorded every second (FIT files as a watch
                          writes them, ~50 kB each), imported per second by
                          app.usecases.run_import.import_runs into a fresh log:
                          read, CRC-checked, decoded, tagged and written, one unit
                          of work per file (the median of ROUNDS imports of FILES
                          files). The window's frame time while it runs in the
                          background is measured by the window's own suite.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

if TYPE_CHECKING:
    from bench import Figure

FILES = 12
ROUNDS = 5
HOUR_S = 3600


def write_hour_runs(folder: Path, count: int = FILES) -> list[Path]:
    """``count`` 1-hour, 1 Hz FIT runs a day apart (fit-tool, as tests/helpers
    write them), with heart rate and climb, in ``folder``."""
    from helpers.run_files import write_fit_run

    first = datetime(2025, 3, 3, 6, 30, tzinfo=UTC)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_fit_run(folder / f"run-{i:02d}.fit", first + timedelta(days=i), HOUR_S,
                          lambda t: 3.0 + 0.3 * ((t // 300) % 2), heart_rate=150, ascent_m=60)
            for i in range(count)]


def import_rate(folder: Path, rounds: int = ROUNDS) -> float:
    """Files imported per second, the median of ``rounds`` imports into new logs."""
    from app.kernel.clock import SystemClock
    from app.kernel.paths import prepare_dirs, resolve_paths
    from app.storage.store import Store
    from app.usecases.run_import import import_runs

    rates = []
    for index in range(rounds + 1):  # the first pays for the decoders' imports
        with tempfile.TemporaryDirectory() as tmp:
            paths = resolve_paths(Path(tmp) / "data")
            prepare_dirs(paths)
            store, _report = Store.open(paths, SystemClock())
            try:
                started = time.perf_counter()
                report = import_runs([folder], store, dry_run=False)
                elapsed = time.perf_counter() - started
            finally:
                store.close()
            files = len(report.pieces)
            assert report.added == files and not report.refused, report.refused
            if index:
                rates.append(files / elapsed)
    return statistics.median(rates)


def run_import_figures() -> list[Figure]:
    # Imported here, as in the other suites: bench.py imports this module.
    from bench import figure

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "runs"
        write_hour_runs(folder)
        rate = import_rate(folder)
    return [figure("run_import_fit_per_s", rate, "/s", ">= 10")]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    for f in run_import_figures():
        print(f"{f.name:<24} {f.value:>10.3f} {f.unit:<4} {f.target or '':<9} "
              f"{'yes' if f.ok else 'NO'}")

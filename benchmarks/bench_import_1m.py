"""Importing a 1,000,000-row FitNotes export, for benchmarks/bench.py: ``import_1m_figures()``.

    .venv/bin/python benchmarks/bench_import_1m.py

import_1m_rows_s    seconds for `hamstride import FILE` of a generated 1,000,000-row
                    FitNotes CSV into a new log (read, check, match, plan, write)
import_1m_peak_mb   the peak resident memory of that import (the child's own VmHWM
                    on Linux: its ru_maxrss also counts the parent's peak, inherited
                    through fork and exec, which inside bench.py is the 1M start-up
                    suite's hundreds of MB)

The import runs in a child process through ``app.cli.main.main`` (the command line's
own path), so the figure is what an athlete waits for, and its memory is that
process's alone. The file is what FitNotes writes: one row per set, sorted by
day, 50 sets a day (8 exercises) for 20,000 days (1971-2026).
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from bench import Figure, figure  # noqa: E402

ROWS = 1_000_000
SETS_PER_DAY = 50
FIRST_DAY = date(1971, 6, 1)
EXERCISES = (("Romanian Deadlift", "Legs", 60.0), ("Nordic Hamstring Curl", "Legs", 0.0),
             ("Glute Bridge", "Legs", 40.0), ("Lying Leg Curl", "Legs", 30.0),
             ("Good Morning", "Legs", 40.0), ("Back Squat", "Legs", 80.0),
             ("Plank", "Abs", 0.0), ("Hip Thrust", "Legs", 70.0))
HEADER = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"


def write_fitnotes(path: Path, rows: int = ROWS, seed: int = 1) -> None:
    """A FitNotes export of ``rows`` sets, ``SETS_PER_DAY`` a day from ``FIRST_DAY``."""
    rng = random.Random(seed)
    per_exercise = -(-SETS_PER_DAY // len(EXERCISES))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        written = 0
        day = FIRST_DAY
        while written < rows:
            stamp = day.isoformat()
            lines = []
            for name, category, load in EXERCISES:
                for _ in range(per_exercise):
                    if written + len(lines) >= rows or len(lines) >= SETS_PER_DAY:
                        break
                    if name == "Plank":
                        lines.append(f"{stamp},{name},{category},0.0,,0,,,0:01:{rng.randint(0, 59):02d},\n")
                    else:
                        weight = load + 2.5 * rng.randint(-4, 4) if load else 0.0
                        comment = "felt good" if rng.random() < 0.02 else ""
                        lines.append(f"{stamp},{name},{category},{weight:.1f},kgs,"
                                     f"{rng.randint(5, 12)},,,,{comment}\n")
            out.writelines(lines)
            written += len(lines)
            day += timedelta(days=1)


def _child(csv_path: str, data_dir: str) -> None:
    """Run in the child: the import as `hamstride import` runs it, then report."""
    from app.cli.main import main

    started = time.perf_counter()
    status = main(["--data-dir", data_dir, "import", csv_path])
    elapsed = time.perf_counter() - started
    print(f"RESULT {status} {elapsed:.3f} {_own_peak_kb() / 1024:.1f}", flush=True)


def _own_peak_kb() -> float:
    """This process's own peak resident memory in KiB. Linux's VmHWM is the
    high-water mark of this program's memory; ru_maxrss is not: a child
    started by fork and exec keeps the parent's peak in it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def run_import(rows: int = ROWS) -> tuple[float, float, str]:
    """(seconds, peak MB, the command's own output) of one import of a generated file."""
    with tempfile.TemporaryDirectory(prefix="hamstride-import-1m-") as tmp:
        csv_path = Path(tmp) / "FitNotes_Export.csv"
        write_fitnotes(csv_path, rows)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(csv_path), str(Path(tmp) / "data")],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800, check=False)
        result = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not result or result[-1].split()[1] != "0":
            raise RuntimeError(f"the import failed:\n{done.stdout}\n{done.stderr}")
        _, _status, seconds, peak = result[-1].split()
        output = "\n".join(line for line in done.stdout.splitlines()
                           if not line.startswith("RESULT "))
        return float(seconds), float(peak), output


def import_1m_figures() -> list[Figure]:
    seconds, peak, _output = run_import()
    return [figure("import_1m_rows_s", seconds, "s", "<= 60"),
            figure("import_1m_peak_mb", peak, "MB", "<= 250")]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
        seconds, peak, output = run_import(rows)
        print(output)
        print(f"import_1m_rows_s   {seconds:.1f} s (<= 60)")
        print(f"import_1m_peak_mb  {peak:.0f} MB (<= 250)")

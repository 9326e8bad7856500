"""Soak: a 3-hour session at full speed, 500 sets, in the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/soak.py [--sets 500]

The session runs on a FakeClock moved forward by hand (sets of 8-14 s,
rests looked at a few times and then skipped), so three hours of training
take a minute or two. Measured in a child process of its own:

  soak_rss_growth_mb  resident memory at the end minus after the first 50
                      sets (the app warmed up: fonts, figures, the writer)
  soak_drift_ms       the largest difference seen between a clock on screen
                      (the rest's countdown, the set's elapsed time) and the
                      time that passed on the clock
  soak_hours          the training time simulated
  soak_sets           sets confirmed as written
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Figure, figure

WARM_UP_SETS = 50


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(sets: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from session_driver import SessionDriver

    with tempfile.TemporaryDirectory(prefix="hamstride-soak-") as scratch:
        driver = SessionDriver(Path(scratch), seed=7, set_seconds=(8, 14), rest_steps=(3, 8),
                               planned_sets=sets + 40)
        driver.open()
        started = driver.clock.monotonic()
        warm_rss = None
        while len(driver.confirmed) < sets:
            driver.step()
            if warm_rss is None and len(driver.confirmed) >= WARM_UP_SETS:
                gc.collect()
                warm_rss = _rss_mb()
        driver.wait_until(lambda: not driver.controller().writes_pending)
        gc.collect()
        driver.qt_app.processEvents()
        end_rss = _rss_mb()
        hours = (driver.clock.monotonic() - started) / 3600
        result = {"sets": len(driver.confirmed), "hours": hours,
                  "rss_growth_mb": end_rss - (warm_rss or end_rss),
                  "drift_ms": max(driver.timer_errors, default=0.0) * 1000,
                  "looks": len(driver.timer_errors), "sessions": driver.sessions_finished}
        driver.close()
    return result


def soak_figures(sets: int = 500) -> list[Figure]:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run([sys.executable, __file__, "--measure", "--sets", str(sets)],
                          capture_output=True, text=True, env=env, check=True)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        figure("soak_rss_growth_mb", measured["rss_growth_mb"], "MB", "< 20"),
        figure("soak_drift_ms", measured["drift_ms"], "ms", "<= 1"),
        figure("soak_hours", measured["hours"], "h", ">= 3"),
        figure("soak_sets", measured["sets"], "sets", ">= 500"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=500)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.sets)))
        return 0
    for item in soak_figures(args.sets):
        print(f"{item.name:22s} {item.value:10.3f} {item.unit:5s} {item.target or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

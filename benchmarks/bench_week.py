"""The running week's scheduler, for benchmarks/bench.py: ``week_plan_figures()``.

    .venv/bin/python benchmarks/bench_week.py

week_plan_ms   median time to place a month (5 weeks) of a 3-a-week program with heavy work
               around 5 runs a week (easy, quality, easy, quality, long; the first weeks'
               runs done and imported, the rest planned) and a race in the fourth week:
               app.coaching.running_week.place_weeks, as the Week page, Today and
               `hamstride plan --ics` call it
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

if TYPE_CHECKING:
    from bench import Figure

RUNS = 51
WEEKS = 5
FIRST_MONDAY = date(2027, 3, 22)


def week_plan_figures() -> list[Figure]:
    from bench import figure

    from app.coaching.running_week import ProgramSession, place_weeks
    from app.logbook.runs import PlannedDay, RaceRecord, RunEntry, RunRecord, RunTag

    planned = (PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST, PlannedDay.QUALITY,
               PlannedDay.EASY, PlannedDay.REST, PlannedDay.LONG)
    today = FIRST_MONDAY + timedelta(days=16)
    tags = {0: RunTag.EASY, 1: RunTag.QUALITY, 3: RunTag.QUALITY, 4: RunTag.EASY, 6: RunTag.LONG}
    done: list[RunRecord] = []
    for offset in range(-2, (today - FIRST_MONDAY).days):
        day = FIRST_MONDAY + timedelta(days=offset)
        if day.weekday() in tags:
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
            done.append(RunRecord(len(done) + 1, RunEntry(
                started_at=start, duration_s=3600.0, distance_m=10_000.0,
                tag=tags[day.weekday()], tag_guessed=False)))
    sessions = [ProgramSession(n + 1, FIRST_MONDAY + timedelta(weeks=w, days=d), True,
                               f"Week {w + 1} · session {i + 1} of 3")
                for n, (w, i, d) in enumerate((w, i, d) for w in range(WEEKS)
                                              for i, d in enumerate((0, 2, 4)))]
    strength_done = {FIRST_MONDAY + timedelta(days=d) for d in (1, 3, 6, 8, 10, 13)}
    race = RaceRecord(1, FIRST_MONDAY + timedelta(weeks=3, days=6), "City Marathon")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        weeks = place_weeks(FIRST_MONDAY, WEEKS, planned, [race], done, strength_done, 3, True,
                            today, program_sessions=sessions, heavy_done_days=strength_done,
                            tz=UTC)
        times.append(time.perf_counter() - started)
        assert len(weeks) == WEEKS
    return [figure("week_plan_ms", statistics.median(times) * 1000, "ms", "<= 20")]


if __name__ == "__main__":
    for item in week_plan_figures():
        print(f"{item.name}: {item.value} {item.unit} (target {item.target}, "
              f"{'met' if item.ok else 'NOT met'})")

"""A big, realistic training log for benchmarks and tests: ``make_big_log()``.

    python benchmarks/big_log.py OUT.db [--sets N] [--seed S]

The log is what a committed runner who logs every set would build: about
three hamstring sessions a week (some weeks more, some none, now and then a
few weeks off), each with 3-6 exercises of several sets, warm-ups included.
Loads creep up slowly towards a plateau, with deloads; one stretch of the log
is entered in pounds; one-side exercises are logged per side with the right
side a little weaker; Nordics carry the controlled descent of every rep.

The same ``seed`` and ``sets`` always give the same file (ids, uids, times),
so a test can compare query results with a computation over the same rows.
Sessions go back in time from ``LOG_ENDS`` at that weekly rhythm, but never
further than ``MAX_YEARS``: a few thousand sets make about half a year of
three sessions a week. 100,000 sets (about 4,600 sessions of ~22 sets) would
take 30 years at that rhythm, so they are squeezed into ten years at about
nine sessions a week: more than anyone trains, which makes it a stress test
of the per-session and per-week work too.

Only the columns of schema v1 are written, in a few big transactions of plain
sqlite3 inserts: 100,000 sets take a couple of seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sqlite3
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT / "src"))

from app.logbook.entries import KG_PER_LB  # noqa: E402
from app.storage.database import connect, open_database  # noqa: E402

LOG_ENDS = datetime(2026, 1, 5, tzinfo=UTC)   # a Monday; the last week of the log ends here
ROWS_PER_TRANSACTION = 25_000

# How many sessions a week, and how often: mean about 2.9.
WEEKLY_SESSIONS = (0, 1, 2, 3, 4, 5)
WEEKLY_WEIGHTS = (4, 8, 20, 38, 22, 8)
BREAK_CHANCE = 0.03          # per week: holiday, illness or a niggle...
BREAK_WEEKS = (1, 5)         # ...lasting this many weeks
MAX_YEARS = 10

# (slug, chance to be in a session). Every session has at least three.
EXERCISE_CHANCES = (
    ("leg-swings", 0.45),
    ("nordic-hamstring-curl", 0.80),
    ("romanian-deadlift", 0.65),
    ("stiff-leg-deadlift", 0.25),
    ("single-leg-deadlift", 0.50),
    ("single-leg-cable-curl", 0.45),
    ("glute-bridge", 0.50),
    ("machine-leg-curl", 0.20),
    ("standing-hamstring-stretch", 0.35),
)
TITLES = ("Hamstrings", "Strength A", "Strength B", "Nordics and hinges", "Gym after run")

# Loads (kg) at the start and at the plateau of the log.
LOAD_RANGE_KG = {
    "romanian-deadlift": (40.0, 125.0),
    "stiff-leg-deadlift": (35.0, 105.0),
    "single-leg-deadlift": (8.0, 32.0),
    "single-leg-cable-curl": (5.0, 22.5),
    "machine-leg-curl": (25.0, 60.0),
}
RIGHT_SIDE_WEAKER = 0.92     # the right leg lifts about 8 % less


@dataclass
class _Set:
    slug: str
    side: str = "both"
    reps: int | None = None
    load_kg: float | None = None
    unit: str = "kg"
    duration_s: float | None = None
    rpe: float | None = None
    descent_s: list[float] | None = None
    set_type: str = "working"


@dataclass
class _Session:
    sets: list[_Set] = field(default_factory=list)
    title: str = ""


class _Athlete:
    """Decides what each session holds, given how far into the log it is."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def session(self, career: float, pounds: bool) -> _Session:
        rng = self.rng
        chosen = [slug for slug, chance in EXERCISE_CHANCES if rng.random() < chance]
        spare = [slug for slug, _ in EXERCISE_CHANCES if slug not in chosen]
        rng.shuffle(spare)
        while len(chosen) < 3:
            chosen.append(spare.pop())
        chosen = chosen[:6]
        session = _Session(title=rng.choice(TITLES))
        for slug in chosen:
            session.sets.extend(self._exercise(slug, career, pounds))
        return session

    def _load(self, slug: str, career: float, pounds: bool) -> tuple[float, str]:
        """This session's working load: a slow saturating climb, noise, deloads;
        rounded to the plates of the unit it is entered in."""
        start, plateau = LOAD_RANGE_KG[slug]
        climb = 1 - math.exp(-4.0 * career)
        kg = start + (plateau - start) * climb
        kg *= self.rng.uniform(0.93, 1.04)
        if self.rng.random() < 0.06:
            kg *= 0.8  # a deload day
        if pounds:
            return max(5.0, round(kg / KG_PER_LB / 5) * 5), "lb"
        return max(2.5, round(kg / 2.5) * 2.5), "kg"

    def _exercise(self, slug: str, career: float, pounds: bool) -> Iterator[_Set]:
        rng = self.rng
        if slug == "leg-swings":
            for _ in range(rng.randint(1, 2)):
                for side in ("left", "right"):
                    yield _Set(slug, side, reps=rng.randint(10, 15), set_type="warmup")
        elif slug == "nordic-hamstring-curl":
            yield from self._nordic(career)
        elif slug in ("romanian-deadlift", "stiff-leg-deadlift", "machine-leg-curl"):
            entered, unit = self._load(slug, career, pounds)
            to_kg = KG_PER_LB if unit == "lb" else 1.0
            for fraction in (0.4, 0.6, 0.8)[: rng.randint(1, 3)]:
                step = 5 if unit == "lb" else 2.5
                warm = max(step, round(entered * fraction / step) * step)
                yield _Set(slug, reps=8, load_kg=warm * to_kg, unit=unit, set_type="warmup")
            reps = rng.choice((5, 6, 8, 8, 10))
            for _ in range(rng.randint(3, 5)):
                yield _Set(slug, reps=max(1, reps - rng.choice((0, 0, 0, 1, 2))),
                           load_kg=entered * to_kg, unit=unit, rpe=rng.choice((7, 7.5, 8, 8.5, 9)))
            if rng.random() < 0.15:
                step = 5 if unit == "lb" else 2.5
                dropped = round(entered * 0.7 / step) * step
                yield _Set(slug, reps=rng.randint(10, 12), load_kg=dropped * to_kg, unit=unit,
                           rpe=9.5, set_type="drop")
        elif slug in ("single-leg-deadlift", "single-leg-cable-curl"):
            entered, unit = self._load(slug, career, pounds)
            to_kg = KG_PER_LB if unit == "lb" else 1.0
            reps = rng.randint(6, 10) if slug == "single-leg-deadlift" else rng.randint(8, 12)
            for _ in range(rng.randint(3, 4)):
                yield _Set(slug, "left", reps=reps, load_kg=entered * to_kg, unit=unit, rpe=8)
                right_reps = reps if rng.random() < 0.5 else max(1, round(reps * RIGHT_SIDE_WEAKER))
                right_load = entered if rng.random() < 0.7 else entered * RIGHT_SIDE_WEAKER
                yield _Set(slug, "right", reps=right_reps, load_kg=right_load * to_kg, unit=unit,
                           rpe=8.5)
        elif slug == "glute-bridge":
            for _ in range(rng.randint(3, 4)):
                yield _Set(slug, reps=rng.randint(12, 20), rpe=7)
        elif slug == "standing-hamstring-stretch":
            for _ in range(rng.randint(1, 2)):
                for side in ("left", "right"):
                    yield _Set(slug, side, duration_s=float(rng.choice((30, 30, 45, 60))))
        else:  # pragma: no cover - every slug above is handled
            raise ValueError(slug)

    def _nordic(self, career: float) -> Iterator[_Set]:
        """3-12 reps a set, each lowered under control for 2-8 s: longer as the
        athlete gets stronger, shorter as the set goes on. Early on a band
        helps (negative load); late in the log a plate is held now and then."""
        rng = self.rng
        best = 2.8 + 4.4 * (1 - math.exp(-3.0 * career))
        if rng.random() < 0.5:
            yield _Set("nordic-hamstring-curl", reps=3, set_type="warmup",
                       descent_s=[round(rng.uniform(2.0, 3.0), 1) for _ in range(3)])
        for _ in range(rng.randint(3, 5)):
            reps = rng.randint(3, 12)
            descents = []
            for rep in range(reps):
                seconds = best * rng.uniform(0.85, 1.08) - 0.25 * rep
                descents.append(round(min(8.0, max(2.0, seconds)), 1))
            load = None
            if career < 0.15 and rng.random() < 0.6:
                load = -rng.choice((10.0, 15.0, 20.0))
            elif career > 0.6 and rng.random() < 0.1:
                load = rng.choice((2.5, 5.0))
            yield _Set("nordic-hamstring-curl", reps=reps, load_kg=load, descent_s=descents,
                       rpe=rng.choice((8, 8.5, 9, 9.5)))


def _session_times(count: int, rng: random.Random) -> list[datetime]:
    """``count`` session start times, oldest first, ending in the week before LOG_ENDS."""
    mean_per_week = sum(n * w for n, w in zip(WEEKLY_SESSIONS, WEEKLY_WEIGHTS, strict=True)) \
        / sum(WEEKLY_WEIGHTS) * (1 - BREAK_CHANCE * sum(BREAK_WEEKS) / 2)
    # Above one session per week of MAX_YEARS, weeks hold proportionally more.
    crowding = max(1.0, count / (mean_per_week * 52.18 * MAX_YEARS))
    starts: list[datetime] = []
    week = LOG_ENDS - timedelta(days=7)
    break_left = 0
    while len(starts) < count:
        if break_left:
            break_left -= 1
        elif rng.random() < BREAK_CHANCE:
            break_left = rng.randint(*BREAK_WEEKS) - 1
        else:
            n = round(rng.choices(WEEKLY_SESSIONS, WEEKLY_WEIGHTS)[0] * crowding)
            # Mostly evenings after work (times are UTC); a crowded week has a
            # morning session too on some days.
            slots = rng.sample(range(14 if n > 7 else 7), min(n, 14))
            week_starts = sorted(
                (week + timedelta(days=slot % 7, hours=(17, 6)[slot // 7] + rng.randint(0, 2),
                                  minutes=rng.randrange(60))
                 for slot in slots), reverse=True)
            for started in week_starts:
                starts.append(started)
                if len(starts) == count:
                    break
        week -= timedelta(days=7)
    starts.reverse()
    return starts


def _stamp(moment: datetime) -> str:
    # The database's time format (see app.storage.timestamps), written directly:
    # strftime per row would be a good part of the build time.
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


def make_big_log(db_path: Path, sets: int = 100_000, seed: int = 1) -> None:
    """Create ``db_path`` (which must not exist) holding ``sets`` logged sets."""
    if db_path.exists():
        raise FileExistsError(f"{db_path} exists; make_big_log writes a new file")
    rng = random.Random(seed)
    open_database(db_path, db_path.parent / "backups", db_path.parent / "damaged", LOG_ENDS)

    # What each session holds first, then when: the length of the log follows
    # from the number of sets at about three sessions a week.
    athlete = _Athlete(rng)
    planned: list[_Session] = []
    total = 0
    pounds_from, pounds_to = 0.45, 0.6   # this stretch of the log is entered in lb
    while total < sets:
        career = total / sets   # how far into the log, 0 to 1
        session = athlete.session(career, pounds_from <= career < pounds_to)
        session.sets = session.sets[: sets - total]
        planned.append(session)
        total += len(session.sets)
    starts = _session_times(len(planned), rng)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    session_rows = []
    set_rows = []
    for session_id, (session, started) in enumerate(zip(planned, starts, strict=True), start=1):
        moment = started
        numbers: dict[str, int] = {}
        for s in session.sets:
            moment += timedelta(seconds=rng.randint(60, 200))
            numbers[s.slug] = numbers.get(s.slug, 0) + (0 if s.side == "right" else 1)
            set_rows.append((
                uid(), session_id, s.slug, numbers[s.slug], s.side, s.reps, s.load_kg, s.unit,
                s.duration_s, s.rpe, None if s.descent_s is None else json.dumps(s.descent_s),
                s.set_type, "", _stamp(moment)))
        ended = moment + timedelta(minutes=rng.randint(2, 10))
        session_rows.append((session_id, uid(), _stamp(started), _stamp(ended), session.title))

    connection = connect(db_path)
    try:
        _insert(connection,
                "INSERT INTO workout_session (id, uid, athlete_id, started_at, ended_at, title, notes) "
                "VALUES (?, ?, 1, ?, ?, ?, '')", session_rows)
        _insert(connection,
                "INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, reps, "
                "load_kg, load_unit, duration_s, rpe, descent_s, set_type, notes, logged_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", set_rows)
        connection.execute("PRAGMA optimize")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def follow_program(db_path: Path, program: str, sessions: int, weeks: int) -> None:
    """Make the log's athlete follow ``program`` (an enrolment from ``weeks``
    before LOG_ENDS, Monday, Wednesday and Friday) with the log's last
    ``sessions`` sessions as its days 1, 2, ...; and mark the first-run
    welcome seen, as a long log's athlete has. Today then does its real work."""
    start = (LOG_ENDS - timedelta(weeks=weeks)).date()
    stamp = f"{start} 08:00:00.000000"
    connection = connect(db_path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO enrolment (uid, athlete_id, program_slug, start_date, weekdays, "
            "created_at) VALUES (?, 1, ?, ?, '[0, 2, 4]', ?)",
            (f"enrolment-{program}", program, start.isoformat(), stamp))
        last = [id_ for (id_,) in connection.execute(
            "SELECT id FROM workout_session ORDER BY started_at DESC, id DESC LIMIT ?", (sessions,))]
        for day, session_id in enumerate(reversed(last), start=1):
            connection.execute("UPDATE workout_session SET program_slug = ?, program_day = ? "
                               "WHERE id = ?", (program, day, session_id))
        connection.execute("INSERT INTO setting (key, value, updated_at) "
                           "VALUES ('welcome_seen', 'true', ?)", (stamp,))
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    for first in range(0, len(rows), ROWS_PER_TRANSACTION):
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(sql, rows[first:first + ROWS_PER_TRANSACTION])
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a big, realistic Hamstride log.")
    parser.add_argument("out", type=Path, help="the database file to create")
    parser.add_argument("--sets", type=int, default=100_000, help="number of logged sets")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same log)")
    args = parser.parse_args(argv)
    make_big_log(args.out, args.sets, args.seed)
    connection = connect(args.out, read_only=True)
    try:
        first, last, sessions = connection.execute(
            "SELECT min(started_at), max(started_at), count(*) FROM workout_session").fetchone()
    finally:
        connection.close()
    print(f"wrote {args.out}: {args.sets} sets in {sessions} sessions, {first[:10]} to {last[:10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

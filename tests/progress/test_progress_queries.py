"""ProgressReader against real databases: a small log written through Store,
odd rows written with plain SQL, and a generated log checked against a
brute-force computation over every row."""

from __future__ import annotations

import math
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import KG_PER_LB, SetEntry
from app.progress import queries as progress_queries
from app.progress.queries import ProgressReader
from app.progress.records import (
    BEST_MEAN_DESCENT,
    E1RM,
    HEAVIEST,
    LONGEST_DESCENT,
    MOST_REPS,
    PersonalRecord,
    RecordBook,
    SetFacts,
    epley_1rm,
    find_records,
    records_set_in,
)
from app.progress.series import WeekCount, asymmetry_pct
from app.storage.database import open_database
from app.storage.store import Store
from app.storage.timestamps import from_db_time, to_db_time

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import make_big_log

from helpers.log_rows import every_set

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"
BRIDGE = "glute-bridge"
SLDL = "single-leg-deadlift"
SWINGS = "leg-swings"
STRETCH = "standing-hamstring-stretch"
HAMSTRINGS = (RDL, NORDIC, BRIDGE, SLDL, "stiff-leg-deadlift", "single-leg-cable-curl",
              "machine-leg-curl")
NEW_YORK = ZoneInfo("America/New_York")


def same_rows(found: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> bool:
    """Equal row by row, numbers to 1e-9 relative (sums in another order)."""
    def same(a: Any, b: Any) -> bool:
        if isinstance(a, float) or isinstance(b, float):
            return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)
        return bool(a == b)
    return len(found) == len(expected) and all(
        len(f) == len(e) and all(map(same, f, e)) for f, e in zip(found, expected, strict=True))


def by_key(records: list[PersonalRecord]) -> dict[tuple[str, str, int | None], PersonalRecord]:
    return {r.key: r for r in records}


# -- a small log, written the way the app writes it ----------------------------------------------


class Log:
    """Sessions logged through Store on a fake clock, a minute between sets."""

    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.store, self.clock = store, clock
        self.sessions: list[int] = []

    def session(self, *entries: SetEntry, title: str = "Hamstrings") -> int:
        record = self.store.start_session(title=title, started_at=self.clock.now())
        for entry in entries:
            self.clock.advance(60)
            self.store.log_set(record.id, entry)
        self.store.end_session(record.id, self.clock.now())
        self.sessions.append(record.id)
        return record.id

    def days_later(self, days: float) -> None:
        self.clock.advance(days * 86400)


def rdl(number: int, load: float, reps: int = 8, **more: Any) -> SetEntry:
    return SetEntry(RDL, number, reps=reps, load=load, **more)


def nordic(number: int, *descents: float, **more: Any) -> SetEntry:
    return SetEntry(NORDIC, number, reps=len(descents), descent_s=descents, **more)


@pytest.fixture
def log(store: Store, clock: FakeClock) -> Log:
    """Mon 5 Jan 2026, Wed 7 Jan, Mon 12 Jan: hamstring sessions; Mon 26 Jan: warm-ups only."""
    written = Log(store, clock)
    written.session(rdl(1, 60, set_type="warmup"), rdl(2, 80), rdl(3, 80), nordic(1, 4.0, 3.5, 3.0),
                    SetEntry(BRIDGE, 1, reps=15))
    written.days_later(2)
    written.session(rdl(1, 82.5), rdl(2, 82.5), nordic(1, 5.0, 4.0, 4.0, 3.0),
                    SetEntry(SLDL, 1, side="left", reps=8, load=24),
                    SetEntry(SLDL, 1, side="right", reps=8, load=22))
    written.days_later(5)
    written.session(rdl(1, 120, set_type="warmup"), rdl(2, 185, load_unit="lb"),
                    nordic(1, 4.5, 4.5, 4.4, 4.2, 4.0, load=-10),
                    SetEntry(BRIDGE, 1, reps=20),
                    SetEntry(SLDL, 1, side="left", reps=8, load=24),
                    SetEntry(SLDL, 1, side="right", reps=7, load=24))
    written.days_later(14)
    written.session(SetEntry(SWINGS, 1, side="left", reps=10, set_type="warmup"),
                    SetEntry(STRETCH, 1, side="left", duration_s=30), title="Mobility")
    return written


@pytest.fixture
def reader(paths: AppPaths) -> Iterator[ProgressReader]:
    opened = ProgressReader(paths.database)
    yield opened
    opened.close()


def test_the_current_records_of_a_small_log(log: Log, reader: ProgressReader) -> None:
    records = by_key(reader.records())
    heaviest = records[(HEAVIEST, RDL, 8)]
    assert heaviest.value == pytest.approx(185 * KG_PER_LB)
    assert (heaviest.previous, heaviest.load_unit, heaviest.session_id) == (82.5, "lb", log.sessions[2])
    assert records[(E1RM, RDL, None)].previous == epley_1rm(82.5, 8)
    bridge = records[(MOST_REPS, BRIDGE, None)]
    assert (bridge.value, bridge.previous) == (20, 15)
    longest = records[(LONGEST_DESCENT, NORDIC, None)]
    assert (longest.value, longest.previous, longest.session_id) == (5.0, 4.0, log.sessions[1])
    mean = records[(BEST_MEAN_DESCENT, NORDIC, None)]
    assert (mean.value, mean.previous) == (pytest.approx(21.6 / 5), 4.0)
    sldl = records[(HEAVIEST, SLDL, 8)]
    assert (sldl.value, sldl.side, sldl.session_id) == (24.0, "left", log.sessions[1])
    assert (HEAVIEST, NORDIC, 5) not in records          # band-assisted: no load to compare
    assert not any(r.exercise_slug == SWINGS for r in records.values())   # warm-ups only


def test_records_equal_a_set_by_set_computation(log: Log, reader: ProgressReader,
                                                paths: AppPaths) -> None:
    assert reader.records() == find_records(every_set(paths.database))


def test_the_records_a_session_set_against_what_came_before(log: Log, reader: ProgressReader) -> None:
    second = by_key(reader.records_broken_in(log.sessions[1]))
    assert (second[(HEAVIEST, RDL, 8)].value, second[(HEAVIEST, RDL, 8)].previous) == (82.5, 80.0)
    assert second[(LONGEST_DESCENT, NORDIC, None)].previous == 4.0
    assert second[(MOST_REPS, NORDIC, None)].previous == 3
    assert second[(HEAVIEST, SLDL, 8)].previous is None      # first time: a record, nothing before
    assert (MOST_REPS, RDL, None) not in second               # 8 reps again: a tie
    assert all(r.session_id == log.sessions[1] for r in second.values())


def test_the_first_session_sets_every_record_and_the_last_none(log: Log, reader: ProgressReader) -> None:
    first = reader.records_broken_in(log.sessions[0])
    assert first and all(r.previous is None for r in first)
    assert reader.records_broken_in(log.sessions[3]) == []
    assert reader.records_broken_in(9999) == []


def test_a_session_is_compared_only_with_what_was_logged_before_it(log: Log, reader: ProgressReader) -> None:
    # The third session's RDL beats the second, not itself or anything later.
    third = by_key(reader.records_broken_in(log.sessions[2]))
    assert third[(HEAVIEST, RDL, 8)].previous == 82.5
    assert (HEAVIEST, RDL, 8) in by_key(reader.records_broken_in(log.sessions[1]))


def test_records_see_a_set_logged_after_the_first_read(log: Log, reader: ProgressReader) -> None:
    assert by_key(reader.records())[(HEAVIEST, RDL, 8)].value == pytest.approx(185 * KG_PER_LB)
    log.days_later(1)
    log.session(rdl(1, 90))
    heaviest = by_key(reader.records())[(HEAVIEST, RDL, 8)]
    assert (heaviest.value, heaviest.session_id) == (90.0, log.sessions[-1])


def test_exercises_logged_counts_working_sets_most_used_first(log: Log, reader: ProgressReader) -> None:
    assert reader.exercises_logged() == [(RDL, 5), (SLDL, 4), (NORDIC, 3), (BRIDGE, 2), (STRETCH, 1)]
    stats = {s.slug: s for s in reader.exercise_stats()}
    assert (stats[RDL].loaded_sets, stats[SLDL].sided_sets, stats[NORDIC].descent_sets) == (5, 4, 3)
    assert stats[NORDIC].loaded_sets == 0


def test_sessions_per_week_counts_hamstring_sessions(log: Log, reader: ProgressReader) -> None:
    assert reader.sessions_per_week(HAMSTRINGS, tz=UTC) == [
        WeekCount(date(2026, 1, 5), 2), WeekCount(date(2026, 1, 12), 1)]
    assert reader.sessions_per_week(HAMSTRINGS, weeks=1, tz=UTC) == [WeekCount(date(2026, 1, 12), 1)]
    # Only the mobility session has a stretch, a working set; its leg swings are warm-ups.
    assert reader.sessions_per_week([STRETCH], tz=UTC) == [WeekCount(date(2026, 1, 26), 1)]
    assert reader.sessions_per_week([SWINGS], tz=UTC) == []
    assert reader.sessions_per_week([], tz=UTC) == []


def test_sessions_per_week_in_local_time(store: Store, clock: FakeClock, reader: ProgressReader) -> None:
    # Monday 5 Jan 2026 at 19:30 in New York is Tuesday 00:30 UTC; Sunday 23:00
    # in New York is Monday 04:00 UTC, the next week in UTC.
    for local in (datetime(2026, 1, 5, 19, 30, tzinfo=NEW_YORK),
                  datetime(2026, 1, 11, 23, 0, tzinfo=NEW_YORK)):
        session = store.start_session(started_at=local.astimezone(UTC))
        store.log_set(session.id, rdl(1, 80))
    assert reader.sessions_per_week(HAMSTRINGS, tz=NEW_YORK) == [WeekCount(date(2026, 1, 5), 2)]
    assert reader.sessions_per_week(HAMSTRINGS, tz=UTC) == [
        WeekCount(date(2026, 1, 5), 1), WeekCount(date(2026, 1, 12), 1)]


def test_weekly_volume_counts_sets_and_tonnage(log: Log, reader: ProgressReader) -> None:
    weeks = reader.weekly_volume(HAMSTRINGS, tz=UTC)
    assert [w.week_start for w in weeks] == [date(2026, 1, 5), date(2026, 1, 12)]
    first, second = weeks
    # Week 1: RDL 80x8 twice, 82.5x8 twice, SLDL 24x8 + 22x8; Nordics and the bridge add sets only.
    assert first.working_sets == 9
    assert first.tonnage_kg == pytest.approx(2 * 640 + 2 * 660 + 192 + 176)
    # Week 2: the band-assisted Nordic adds no tonnage; the warm-up counts for nothing.
    assert second.working_sets == 5
    assert second.tonnage_kg == pytest.approx(8 * 185 * KG_PER_LB + 192 + 168)


def test_top_sets_per_session(log: Log, reader: ProgressReader) -> None:
    points = reader.top_sets(RDL)
    assert [p.session_id for p in points] == log.sessions[:3]
    assert [(p.top_load_kg, p.top_reps) for p in points] == [
        (80.0, 8), (82.5, 8), (pytest.approx(185 * KG_PER_LB), 8)]
    assert points[0].best_e1rm_kg == epley_1rm(80, 8)
    assert reader.top_sets(NORDIC) == []      # never loaded
    assert reader.top_sets("no-such-exercise") == []


def test_nordic_descent_per_session(log: Log, reader: ProgressReader) -> None:
    points = reader.nordic_descent()
    assert [p.session_id for p in points] == log.sessions[:3]
    assert [p.mean_s for p in points] == pytest.approx([3.5, 4.0, 4.32])
    assert [p.longest_s for p in points] == [4.0, 5.0, 4.5]
    assert [p.reps for p in points] == [3, 4, 5]


def test_asymmetry_per_session(log: Log, reader: ProgressReader) -> None:
    points = reader.asymmetry(SLDL)
    assert [(p.left, p.right, p.measure) for p in points] == [(192.0, 176.0, "kg"), (192.0, 168.0, "kg")]
    assert [p.asymmetry_pct for p in points] == pytest.approx([100 * 16 / 192, 12.5])
    assert reader.asymmetry(RDL) == []       # both sides at once: nothing to compare


def test_an_empty_log_has_no_records_and_no_series(store: Store, reader: ProgressReader) -> None:
    assert reader.records() == []
    assert reader.exercises_logged() == []
    assert reader.sessions_per_week(HAMSTRINGS) == []
    assert reader.weekly_volume(HAMSTRINGS) == []
    assert reader.top_sets(RDL) == []
    assert reader.nordic_descent() == []
    assert reader.asymmetry(SLDL) == []


def test_a_failure_in_the_worker_thread_reaches_the_caller(log: Log, reader: ProgressReader,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> list[object]:
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(progress_queries, "read_only_rows", broken)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        reader.records()
    monkeypatch.undo()
    assert reader.records()           # nothing half-built was kept


# -- odd rows, written directly -------------------------------------------------------------------


def _insert_sets(db: Path, rows: list[tuple[Any, ...]]) -> None:
    """Rows of (session, slug, side, reps, load_kg, unit, set_type, descent_s text, logged_at)."""
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO logged_set (uid, session_id, exercise_slug, set_number, side, reps, load_kg, "
            "load_unit, set_type, descent_s, notes, logged_at) "
            "VALUES (lower(hex(randomblob(16))), ?, ?, 1, ?, ?, ?, ?, ?, ?, '', ?)", rows)
    connection.close()


@pytest.fixture
def odd_db(tmp_path: Path) -> Path:
    db = tmp_path / "odd.db"
    start = datetime(2025, 6, 2, 18, tzinfo=UTC)
    open_database(db, tmp_path / "backups", tmp_path / "damaged", start)
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "INSERT INTO workout_session (id, uid, athlete_id, started_at, title, notes) "
            "VALUES (?, ?, 1, ?, '', '')",
            [(n, f"s{n}", to_db_time(start + timedelta(days=n))) for n in range(1, 5)])
    connection.close()
    moment = to_db_time(start + timedelta(days=2, minutes=5))
    _insert_sets(db, [
        # Imported late: logged on day 3, stored before day 1's sets.
        (3, RDL, "both", 5, 100.0, "kg", "working", None, to_db_time(start + timedelta(days=3))),
        (1, RDL, "both", 5, 90.0, "kg", "working", None, to_db_time(start + timedelta(days=1))),
        # Two sets in the same microsecond: the lower id holds the record.
        (2, RDL, "both", 5, 95.0, "kg", "working", None, moment),
        (2, RDL, "both", 5, 95.0, "kg", "drop", None, moment),
        (2, RDL, "both", 6, 92.5, "kg", "working", None, moment),
        # Descent lists the app would never write.
        *[(1, NORDIC, "both", 3, None, "kg", "working", text,
           to_db_time(start + timedelta(days=1, minutes=n)))
          for n, text in enumerate(("[]", '"fast"', "[[9, 9]]", '[9, "x"]', "[4, 3.5]"))],
        (2, NORDIC, "both", None, None, "kg", "working", "[ 4.5 , 5 ]",
         to_db_time(start + timedelta(days=2))),
        (4, NORDIC, "both", 2, None, "kg", "warmup", "[30, 30]", to_db_time(start + timedelta(days=4))),
    ])
    return db


def test_odd_rows_give_the_same_records_as_the_rules(odd_db: Path) -> None:
    reader = ProgressReader(odd_db)
    try:
        records = reader.records()
        assert records == find_records(every_set(odd_db))
        found = by_key(records)
        assert found[(HEAVIEST, RDL, 5)].value == 100.0
        assert found[(HEAVIEST, RDL, 5)].previous == 95.0
        e1rm = found[(E1RM, RDL, None)]
        assert (e1rm.value, e1rm.previous) == (epley_1rm(100.0, 5), epley_1rm(92.5, 6))
        assert found[(LONGEST_DESCENT, NORDIC, None)].value == 5.0
        assert found[(LONGEST_DESCENT, NORDIC, None)].previous == 4.0
        assert [p.longest_s for p in reader.nordic_descent()] == [4.0, 5.0]
    finally:
        reader.close()


def test_a_tie_in_the_same_microsecond_goes_to_the_lower_id(tmp_path: Path) -> None:
    db = tmp_path / "tie.db"
    start = datetime(2025, 6, 2, 18, tzinfo=UTC)
    open_database(db, tmp_path / "backups", tmp_path / "damaged", start)
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO workout_session (id, uid, athlete_id, started_at, title, notes) "
                           "VALUES (1, 's1', 1, ?, '', '')", (to_db_time(start),))
    moment = to_db_time(start + timedelta(minutes=1))
    _insert_sets(db, [(1, RDL, "both", 5, 60.0, "kg", "working", None, moment),
                      (1, RDL, "both", 5, 70.0, "kg", "working", None, moment),
                      (1, RDL, "both", 5, 70.0, "kg", "working", None, moment)])
    reader = ProgressReader(db)
    try:
        heaviest = by_key(reader.records())[(HEAVIEST, RDL, 5)]
        assert (heaviest.set_id, heaviest.previous) == (2, 60.0)
        assert reader.records() == find_records(every_set(db))
    finally:
        reader.close()


# -- a generated log against brute force ---------------------------------------------------------------


def session_starts(db: Path) -> dict[int, datetime]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute("SELECT id, started_at FROM workout_session")
        return {session: from_db_time(started) for session, started in rows}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("big") / "log.db"
    make_big_log(db, sets=3000, seed=7)
    return db


@pytest.fixture(scope="module")
def big(big_db: Path) -> Iterator[ProgressReader]:
    opened = ProgressReader(big_db)
    yield opened
    opened.close()


def test_the_generated_log_is_deterministic_and_realistic(big_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    make_big_log(again, sets=3000, seed=7)
    sets = every_set(big_db)
    assert [(s.exercise_slug, s.load_kg, s.reps, s.logged_at) for s in every_set(again)] == [
        (s.exercise_slug, s.load_kg, s.reps, s.logged_at) for s in sets]
    assert len(sets) == 3000
    assert {s.set_type for s in sets} == {"warmup", "working", "drop"}
    assert {s.side for s in sets} == {"both", "left", "right"}
    assert any(s.load_unit == "lb" for s in sets)
    nordics = [s for s in sets if s.exercise_slug == NORDIC and s.set_type != "warmup"]
    assert all(3 <= len(s.descent_s or ()) <= 12 for s in nordics)
    assert all(2.0 <= d <= 8.0 for s in nordics for d in s.descent_s or ())
    assert all(s.load_kg is None for s in sets if s.exercise_slug == BRIDGE)
    with pytest.raises(FileExistsError):
        make_big_log(big_db, sets=10)


def test_generated_log_records_equal_brute_force(big: ProgressReader, big_db: Path) -> None:
    assert big.records() == find_records(every_set(big_db))


def test_generated_log_session_records_equal_brute_force(big: ProgressReader, big_db: Path) -> None:
    sets = every_set(big_db)
    starts = session_starts(big_db)
    for session_id in sorted(starts)[::9]:
        book = RecordBook()
        for s in sorted(sets, key=lambda s: (s.logged_at, s.set_id)):
            if s.logged_at < starts[session_id]:
                book.offer(s)
        before = {r.key: r.value for r in book.records()}
        expected = records_set_in([s for s in sets if s.session_id == session_id], before)
        assert big.records_broken_in(session_id) == expected, session_id


def test_generated_log_series_equal_brute_force(big: ProgressReader, big_db: Path) -> None:
    sets = [s for s in every_set(big_db) if s.set_type != "warmup"]
    starts = session_starts(big_db)
    with sqlite3.connect(big_db) as connection:
        durations = dict(connection.execute("SELECT id, duration_s FROM logged_set"))

    def per_session(slug: str) -> dict[int, list[SetFacts]]:
        grouped: dict[int, list[SetFacts]] = {}
        for s in sets:
            if s.exercise_slug == slug:
                grouped.setdefault(s.session_id, []).append(s)
        return dict(sorted(grouped.items(), key=lambda item: (starts[item[0]], item[0])))

    # Top sets: heaviest load, most reps at it, best Epley, loaded sets only.
    expected_top = []
    for session, group in per_session(RDL).items():
        loaded = [(s.load_kg, s.reps) for s in group if s.load_kg and s.load_kg > 0 and s.reps]
        if loaded:
            expected_top.append((session, *max(loaded),
                                 max(epley_1rm(load, reps) or 0 for load, reps in loaded)))
    assert same_rows([(p.session_id, p.top_load_kg, p.top_reps, p.best_e1rm_kg)
                      for p in big.top_sets(RDL)], expected_top)
    # A period: the sessions that started in the weeks before the last one.
    every = big.top_sets(RDL)
    for period in (1, 4, 52, 1000):
        since = every[-1].started_at - timedelta(weeks=period)
        assert big.top_sets(RDL, period) == [p for p in every if p.started_at > since], period
    assert big.top_sets(BRIDGE, 52) == [] and big.top_sets("no-such-exercise", 4) == []

    # Nordic descent: mean over every rep, longest rep.
    expected_descent = []
    for session, group in per_session(NORDIC).items():
        reps = [d for s in group for d in s.descent_s or ()]
        if reps:
            expected_descent.append((session, sum(reps) / len(reps), max(reps), len(reps)))
    assert same_rows([(p.session_id, p.mean_s, p.longest_s, p.reps) for p in big.nordic_descent()],
                     expected_descent)
    every_descent = big.nordic_descent()
    for period in (1, 4, 52, 1000):
        since = every_descent[-1].started_at - timedelta(weeks=period)
        assert big.nordic_descent(weeks=period) == [p for p in every_descent if p.started_at > since]
    assert big.nordic_descent(BRIDGE, weeks=4) == []

    # Left against right: reps x load (every single-leg deadlift set is loaded).
    expected_sides = []
    for session, group in per_session(SLDL).items():
        left = sum((s.reps or 0) * (s.load_kg or 0) for s in group if s.side == "left")
        right = sum((s.reps or 0) * (s.load_kg or 0) for s in group if s.side == "right")
        expected_sides.append((session, left, right, asymmetry_pct(left, right)))
    assert same_rows([(p.session_id, p.left, p.right, p.asymmetry_pct) for p in big.asymmetry(SLDL)],
                     expected_sides)

    # Stretches are timed: seconds per side.
    stretch = big.asymmetry(STRETCH)
    assert stretch and all(p.measure == "s" for p in stretch)
    first = next(iter(per_session(STRETCH).items()))
    assert stretch[0].left == sum(durations[s.set_id] or 0 for s in first[1] if s.side == "left")

    # Sessions and volume per local week, in a zone where weeks start at a
    # different moment than in UTC.
    hamstring = [s for s in sets if s.exercise_slug in HAMSTRINGS]
    weeks: dict[date, set[int]] = {}
    tonnage: dict[date, float] = {}
    counts: dict[date, int] = {}
    for s in hamstring:
        local = starts[s.session_id].astimezone(NEW_YORK).date()
        week = local - timedelta(days=local.weekday())
        weeks.setdefault(week, set()).add(s.session_id)
        counts[week] = counts.get(week, 0) + 1
        tonnage[week] = tonnage.get(week, 0.0) + (s.reps or 0) * max(s.load_kg or 0.0, 0.0)
    series = big.sessions_per_week(HAMSTRINGS, tz=NEW_YORK)
    assert series[0].week_start == min(weeks) and series[-1].week_start == max(weeks)
    assert all((b.week_start - a.week_start).days == 7 for a, b in pairwise(series))
    assert {w.week_start: w.sessions for w in series if w.sessions} == {
        week: len(ids) for week, ids in weeks.items()}
    volume = big.weekly_volume(HAMSTRINGS, tz=NEW_YORK)
    assert [w.week_start for w in volume] == [w.week_start for w in series]
    assert same_rows([(w.week_start, w.working_sets, w.tonnage_kg) for w in volume if w.working_sets],
                     [(week, counts[week], tonnage[week]) for week in sorted(counts)])
    assert big.sessions_per_week(HAMSTRINGS, weeks=8, tz=NEW_YORK) == series[-8:]


def test_every_exercise_with_counted_sets_is_listed(big: ProgressReader, big_db: Path) -> None:
    counts: dict[str, int] = {}
    for s in every_set(big_db):
        if s.set_type != "warmup":
            counts[s.exercise_slug] = counts.get(s.exercise_slug, 0) + 1
    assert dict(big.exercises_logged()) == counts
    assert [n for _, n in big.exercises_logged()] == sorted(counts.values(), reverse=True)

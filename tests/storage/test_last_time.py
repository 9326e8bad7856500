"""Last time: an exercise's working sets in its most recent other session,
read fast on a big log, and the line the session screen shows for them."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.logbook.entries import LastTime, LoggedSetRecord, SetEntry
from app.logbook.formatting import days_ago, last_time_text, sets_text
from app.storage.database import connect
from app.storage.queries import LogReader
from app.storage.store import Store
from app.storage.timestamps import from_db_time

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import make_big_log

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"


def train(store: Store, clock: FakeClock, sets: Sequence[SetEntry], *,
          started_at: datetime | None = None) -> int:
    record = store.start_session(title="Hamstrings", started_at=started_at or clock.now())
    for entry in sets:
        clock.advance(90)
        store.log_set(record.id, entry)
    store.end_session(record.id, ended_at=max(clock.now(), record.started_at))
    clock.advance(2 * 86400)
    return record.id


def rdl(n: int, reps: int, load: float, set_type: str = "working") -> SetEntry:
    return SetEntry(RDL, n, reps=reps, load=load, set_type=set_type)


def test_nothing_before_the_first_session(store: Store, clock: FakeClock) -> None:
    assert store.reader.last_time(RDL) is None
    only_warm = train(store, clock, [rdl(1, 10, 20, "warmup")])
    assert store.reader.last_time(RDL) is None  # only warmed up: no working set to show
    first = train(store, clock, [rdl(1, 8, 60)])
    assert store.reader.last_time(RDL, exclude_session_id=first) is None
    assert only_warm != first


def test_the_working_sets_of_the_most_recent_other_session(store: Store, clock: FakeClock) -> None:
    older = train(store, clock, [rdl(1, 8, 55), rdl(2, 8, 55)])
    newer = train(store, clock, [rdl(1, 10, 20, "warmup"), rdl(1, 8, 60), SetEntry(NORDIC, 1, reps=5),
                                 rdl(2, 8, 60), rdl(3, 6, 60), rdl(4, 10, 40, "drop")])
    started = store.reader.get_session(newer).started_at  # type: ignore[union-attr]
    last = store.reader.last_time(RDL)
    assert last is not None
    assert (last.session_id, last.started_at) == (newer, started)
    assert [(s.set_number, s.reps, s.load_kg) for s in last.sets] == [(1, 8, 60), (2, 8, 60),
                                                                      (3, 6, 60)]
    assert all(s.set_type == "working" and s.exercise_slug == RDL for s in last.sets)
    # The session being trained is left out: the one before it is "last time".
    current = store.start_session(title="Now")
    store.log_set(current.id, SetEntry(RDL, 1, reps=8, load=62.5))
    assert store.reader.last_time(RDL, exclude_session_id=current.id) == last
    before = store.reader.last_time(RDL, exclude_session_id=newer)
    assert before is not None and before.session_id == current.id
    assert store.reader.last_time(NORDIC, exclude_session_id=newer) is None
    assert older != newer


def test_the_session_that_started_last_wins_whatever_the_logging_times(store: Store,
                                                                      clock: FakeClock) -> None:
    # A session typed in afterwards (or imported) has sets logged at its start;
    # a later session is still the one to show.
    early = clock.now()
    clock.advance(10 * 86400)
    recent = train(store, clock, [rdl(1, 5, 100)])
    train(store, clock, [rdl(1, 5, 80)], started_at=early)
    last = store.reader.last_time(RDL)
    assert last is not None and last.session_id == recent and last.sets[0].load_kg == 100


# -- a big log -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("last-time") / "big.db"
    make_big_log(path, 100_000)
    return path


def brute_last_time(db: Path, slug: str, exclude: int | None) -> tuple[int, list[int]] | None:
    connection = sqlite3.connect(db)
    try:
        sessions = {id_: from_db_time(started) for id_, started in
                    connection.execute("SELECT id, started_at FROM workout_session")}
        sets = connection.execute("SELECT id, session_id, logged_at FROM logged_set WHERE "
                                  "exercise_slug = ? AND set_type = 'working'", (slug,)).fetchall()
    finally:
        connection.close()
    holding = {session for _, session, _ in sets if session != exclude}
    if not holding:
        return None
    newest = max(holding, key=lambda s: (sessions[s], s))
    return newest, [id_ for _, id_ in sorted((logged, id_) for id_, session, logged in sets
                                              if session == newest)]


def test_a_100k_set_log_matches_brute_force_and_reads_its_index(big_log: Path) -> None:
    reader = LogReader(big_log)
    # A read-only connection as LogReader opens one: the test's own SQL (the
    # exercises to try, the query plan) does not go through the reader.
    connection = connect(big_log, read_only=True)
    try:
        slugs = [slug for (slug,) in connection.execute(
            "SELECT DISTINCT exercise_slug FROM logged_set")]
        assert len(slugs) > 5
        for slug in (*slugs, "never-done"):
            last = reader.last_time(slug)
            expected = brute_last_time(big_log, slug, None)
            assert (None if last is None else (last.session_id, [s.id for s in last.sets])) \
                == expected, slug
            if last is not None:
                other = reader.last_time(slug, exclude_session_id=last.session_id)
                expected = brute_last_time(big_log, slug, last.session_id)
                assert (None if other is None else (other.session_id, [s.id for s in other.sets])) \
                    == expected, slug
        # Newest first off the partial index of working sets: no sort, and
        # nothing at all for an exercise only ever warmed up with.
        plan = " ".join(row[3] for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT session_id, logged_at FROM logged_set "
            "WHERE exercise_slug = ? AND set_type = 'working' ORDER BY logged_at DESC", (NORDIC,)))
        assert "USING INDEX ix_logged_set_working_logged" in plan and "TEMP B-TREE" not in plan
    finally:
        connection.close()
        reader.close()


# -- the words ---------------------------------------------------------------------


NOW = datetime(2026, 12, 7, 18, 0, tzinfo=UTC)


def _set(n: int, reps: int | None = None, load_kg: float | None = None, *, unit: str = "kg",
         duration: float | None = None, side: str = "both") -> LoggedSetRecord:
    return LoggedSetRecord(id=n, uid=f"u{n}{side}", session_id=1, exercise_slug=RDL, set_number=n,
                           side=side, reps=reps, load_kg=load_kg, load_unit=unit,
                           duration_s=duration, rpe=None, tempo=None, descent_s=None,
                           set_type="working", notes="", logged_at=NOW)


def _last(*sets: LoggedSetRecord, days: int = 5) -> LastTime:
    return LastTime(started_at=NOW - timedelta(days=days), session_id=1, sets=sets)


def test_last_time_reads_sets_reps_load_and_days() -> None:
    assert last_time_text(_last(_set(1, 8, 60), _set(2, 8, 60), _set(3, 8, 60)), NOW, "kg", UTC) \
        == "last time: 3 x 8 @ 60 kg, 5 days ago"
    assert last_time_text(_last(_set(1, 8, 60), _set(2, 8, 60), _set(3, 6, 60), days=1), NOW,
                          "kg", UTC) == "last time: 8, 8, 6 @ 60 kg, yesterday"
    assert last_time_text(_last(_set(1, 12), _set(2, 12), days=0), NOW, "kg", UTC) \
        == "last time: 2 x 12, today"
    assert last_time_text(_last(_set(1, duration=30), _set(2, duration=30), _set(3, duration=30)),
                          NOW, "kg", UTC) == "last time: 3 x 30 s, 5 days ago"


def test_loads_follow_the_athletes_units_and_bands_say_so() -> None:
    # 60 kg shown in lb; a set entered in lb comes back exactly.
    assert sets_text((_set(1, 8, 60), _set(2, 8, 60)), "lb") == "2 x 8 @ 132.3 lb"
    pounds = 135 * 0.45359237
    assert sets_text((_set(1, 5, pounds, unit="lb"),), "lb") == "1 x 5 @ 135 lb"
    assert sets_text((_set(1, 8, 60), _set(2, 8, 65)), "kg") == "8 @ 60 kg, 8 @ 65 kg"
    assert sets_text((_set(1, 5, -10), _set(2, 5, -10)), "kg") == "2 x 5, band assist 10 kg"
    assert sets_text((_set(1, 30, 0.0),), "kg") == "1 x 30"
    assert sets_text((_set(1, duration=30), _set(2, duration=25)), "kg") == "30, 25 s"


def test_a_set_done_on_each_side_counts_once() -> None:
    sided = (_set(1, 10, 8, side="left"), _set(1, 10, 8, side="right"),
             _set(2, 10, 8, side="left"), _set(2, 10, 8, side="right"))
    assert sets_text(sided, "kg") == "2 x 10 @ 8 kg"


@pytest.mark.parametrize(("then", "words"), [
    (datetime(2026, 12, 7, 0, 1, tzinfo=UTC), "today"),
    (datetime(2026, 12, 6, 23, 59, tzinfo=UTC), "yesterday"),  # two minutes, but another day
    (datetime(2026, 12, 5, 18, 0, tzinfo=UTC), "2 days ago"),
    (datetime(2025, 12, 7, 18, 0, tzinfo=UTC), "365 days ago"),
])
def test_days_are_calendar_days(then: datetime, words: str) -> None:
    assert days_ago(then, NOW, UTC) == words

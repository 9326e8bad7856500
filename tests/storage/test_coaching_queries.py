"""CoachingReader against real databases: a small log written through Store,
and a generated 100,000-set log checked against a brute-force reading of
every row (with the time of each query printed)."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SessionRecord, SetEntry
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store
from app.storage.timestamps import from_db_time

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from big_log import make_big_log

RDL = "romanian-deadlift"
NORDIC = "nordic-hamstring-curl"
BRIDGE = "glute-bridge"
SWINGS = "leg-swings"
JOG = "light-jog"
HAMSTRINGS = (RDL, NORDIC, BRIDGE, "single-leg-deadlift", "stiff-leg-deadlift",
              "single-leg-cable-curl", "machine-leg-curl")


def rdl(n: int, reps: int, load: float, set_type: str = "working") -> SetEntry:
    return SetEntry(RDL, n, reps=reps, load=load, set_type=set_type)


def train(store: Store, clock: FakeClock, sets: Sequence[SetEntry], *, title: str = "Hamstrings",
          readiness: dict[str, Any] | None = None, program: str | None = None, end: bool = True,
          started_at: datetime | None = None, rest_days: float = 2) -> SessionRecord:
    """A session as the app writes it: started, a set every 90 s, ended;
    then the clock moves on ``rest_days``."""
    record = store.start_session(title=title, started_at=started_at or clock.now(),
                                 readiness=readiness, program_slug=program)
    for entry in sets:
        clock.advance(90)
        store.log_set(record.id, entry)
    if end:
        clock.advance(300)
        store.end_session(record.id)
    clock.advance(rest_days * 86400)
    return record


@pytest.fixture
def reader(store: Store, paths: AppPaths) -> Iterator[CoachingReader]:
    opened = CoachingReader(paths.database)
    yield opened
    opened.close()


def shape(found: list[list[Any]]) -> list[list[tuple[str, int, int | None, float | None]]]:
    return [[(s.set_type, s.set_number, s.reps, s.load_kg) for s in sets] for sets in found]


# -- recent_sets ----------------------------------------------------------------------


def test_recent_sets_newest_session_first_without_warm_ups(store: Store, clock: FakeClock,
                                                          reader: CoachingReader) -> None:
    first = train(store, clock, [rdl(1, 10, 70), rdl(2, 10, 70)])
    second = train(store, clock, [rdl(1, 8, 40, "warmup"), rdl(2, 10, 75), rdl(3, 9, 75),
                                  rdl(4, 12, 50, "drop")])
    train(store, clock, [SetEntry(BRIDGE, 1, reps=15)])  # no RDL here
    third = train(store, clock, [rdl(1, 8, 40, "warmup"), rdl(2, 8, 80), rdl(3, 8, 80)])
    train(store, clock, [rdl(1, 8, 40, "warmup")])  # warmed up only: not a session of it

    found = reader.recent_sets(RDL)
    assert [sets[0].session_id for sets in found] == [third.id, second.id, first.id]
    assert shape(found) == [
        [("working", 2, 8, 80.0), ("working", 3, 8, 80.0)],
        [("working", 2, 10, 75.0), ("working", 3, 9, 75.0), ("drop", 4, 12, 50.0)],
        [("working", 1, 10, 70.0), ("working", 2, 10, 70.0)],
    ]
    assert all(s.exercise_slug == RDL for sets in found for s in sets)
    assert shape(reader.recent_sets(RDL, sessions=1)) == shape(found[:1])
    assert reader.recent_sets(RDL, sessions=0) == []
    assert reader.recent_sets("good-morning") == []


def test_recent_sets_can_leave_out_the_session_being_trained(store: Store, clock: FakeClock,
                                                             reader: CoachingReader) -> None:
    done = train(store, clock, [rdl(1, 10, 70)])
    now = train(store, clock, [rdl(1, 10, 72.5)], end=False)
    assert [sets[0].session_id for sets in reader.recent_sets(RDL)] == [now.id, done.id]
    assert [sets[0].session_id for sets in reader.recent_sets(RDL, exclude_session=now.id)] \
        == [done.id]


def test_recent_means_by_session_start_even_when_sets_were_logged_later(
        store: Store, clock: FakeClock, reader: CoachingReader) -> None:
    """A session entered afterwards (started earlier, its sets logged later)
    is older than the one trained in between."""
    day = clock.now()
    trained = train(store, clock, [rdl(1, 10, 80)], rest_days=1)
    late = train(store, clock, [rdl(1, 10, 60)], started_at=day - timedelta(days=1))
    assert [sets[0].session_id for sets in reader.recent_sets(RDL, sessions=1)] == [trained.id]
    assert [sets[0].session_id for sets in reader.recent_sets(RDL)] == [trained.id, late.id]


def test_sessions_starting_together_go_by_id(store: Store, clock: FakeClock,
                                             reader: CoachingReader) -> None:
    moment = clock.now()
    first = train(store, clock, [rdl(1, 10, 80)], started_at=moment, rest_days=0)
    second = train(store, clock, [rdl(1, 10, 80)], started_at=moment, rest_days=0)
    assert [sets[0].session_id for sets in reader.recent_sets(RDL)] == [second.id, first.id]


# -- hamstring sessions --------------------------------------------------------------


def test_recent_hamstring_sessions_with_their_readiness_and_hamstring_sets(
        store: Store, clock: FakeClock, reader: CoachingReader) -> None:
    sore = {"version": 1, "soreness": 6, "pain": "none", "sharp_pain": False, "numbness": False,
            "can_walk": True}
    old = train(store, clock, [rdl(1, 10, 70)])
    middle = train(store, clock, [SetEntry(NORDIC, 1, reps=5, descent_s=(4.0, 4.5, 4.1, 3.9, 3.5))],
                   readiness=sore)
    train(store, clock, [SetEntry(JOG, 1, duration_s=600.0, set_type="warmup")], title="Run")
    newest = train(store, clock, [SetEntry(SWINGS, 1, reps=10, set_type="warmup"),
                                  SetEntry(JOG, 2, duration_s=300.0, set_type="warmup"),
                                  rdl(1, 8, 40, "warmup"), rdl(2, 8, 80),
                                  SetEntry(BRIDGE, 1, reps=15)], readiness=sore)

    found = reader.recent_hamstring_sessions(HAMSTRINGS, count=2)
    assert [record.id for record, _ in found] == [newest.id, middle.id]
    record, sets = found[0]
    assert record.readiness == sore
    assert record.set_count == 5  # the whole session
    assert record.volume_kg == pytest.approx(8 * 40 + 8 * 80)
    assert record.ended_at is not None
    assert [(s.exercise_slug, s.set_type) for s in sets] == [(RDL, "working"), (BRIDGE, "working")]
    assert found[1][1][0].descent_s == (4.0, 4.5, 4.1, 3.9, 3.5)
    assert [r.id for r, _ in reader.recent_hamstring_sessions(HAMSTRINGS)] == \
        [newest.id, middle.id, old.id]
    assert [r.id for r, _ in reader.recent_hamstring_sessions(HAMSTRINGS, exclude_session=newest.id)] \
        == [middle.id, old.id]
    assert reader.recent_hamstring_sessions(["good-morning"]) == []
    assert reader.recent_hamstring_sessions([]) == []


def test_last_hamstring_end(store: Store, clock: FakeClock, reader: CoachingReader) -> None:
    assert reader.last_hamstring_end(HAMSTRINGS) is None
    train(store, clock, [rdl(1, 10, 70)], rest_days=0)
    ended = clock.now()  # end_session stamps the clock's time
    clock.advance(86400)
    assert reader.last_hamstring_end(HAMSTRINGS) == ended
    # A run afterwards is not hamstring work.
    train(store, clock, [SetEntry(JOG, 1, duration_s=900.0)], title="Run")
    assert reader.last_hamstring_end(HAMSTRINGS) == ended


def test_a_session_never_ended_ends_at_its_last_set(store: Store, clock: FakeClock,
                                                    reader: CoachingReader) -> None:
    record = train(store, clock, [rdl(1, 10, 70), SetEntry(JOG, 1, duration_s=300.0)], end=False,
                   rest_days=0)
    last = reader.recent_hamstring_sessions(HAMSTRINGS)[0][0]
    assert last.id == record.id and last.ended_at is None
    assert reader.last_hamstring_end(HAMSTRINGS) == clock.now()  # the jog, logged last
    assert reader.last_hamstring_end(HAMSTRINGS, exclude_session=record.id) is None


# -- last program session --------------------------------------------------------------


def test_last_program_session(store: Store, clock: FakeClock, reader: CoachingReader) -> None:
    assert reader.last_program_session("nordic-programme") is None
    train(store, clock, [SetEntry(NORDIC, 1, reps=5)], program="nordic-programme")
    last = train(store, clock, [SetEntry(NORDIC, 1, reps=6), SetEntry(NORDIC, 2, reps=6)],
                 program="nordic-programme")
    train(store, clock, [rdl(1, 10, 70)], program="strength-basics")
    train(store, clock, [rdl(1, 10, 70)])
    found = reader.last_program_session("nordic-programme")
    assert found is not None
    assert (found.id, found.program_slug, found.set_count) == (last.id, "nordic-programme", 2)
    # Issue 14: a session started and left empty is not a program session done.
    train(store, clock, [], program="nordic-programme", end=False)
    found = reader.last_program_session("nordic-programme")
    assert found is not None and (found.id, found.set_count) == (last.id, 2)


def test_the_reader_sees_sets_committed_after_it_opened(store: Store, clock: FakeClock,
                                                        reader: CoachingReader) -> None:
    assert reader.recent_sets(RDL) == []
    train(store, clock, [rdl(1, 10, 70)])
    assert len(reader.recent_sets(RDL)) == 1


# -- a big generated log, against brute force --------------------------------------------


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("coaching") / "big.db"
    make_big_log(path, 100_000)
    return path


class BruteForce:
    """Every row read into Python; the answers worked out the obvious way."""

    def __init__(self, path: Path) -> None:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            self.sessions = {id_: (from_db_time(started), id_, None if ended is None
                                   else from_db_time(ended), program)
                             for id_, started, ended, program in connection.execute(
                                 "SELECT id, started_at, ended_at, program_slug FROM workout_session")}
            self.sets = [(id_, session, slug, set_type, from_db_time(logged))
                         for id_, session, slug, set_type, logged in connection.execute(
                             "SELECT id, session_id, exercise_slug, set_type, logged_at FROM logged_set")]
        finally:
            connection.close()

    def newest(self, slugs: Sequence[str], count: int) -> list[int]:
        holding = {session for _, session, slug, set_type, _ in self.sets
                   if slug in slugs and set_type != "warmup"}
        ranked = sorted((self.sessions[s][:2] for s in holding), reverse=True)
        return [id_ for _, id_ in ranked[:count]]

    def set_ids(self, session: int, slugs: Sequence[str]) -> list[int]:
        rows = sorted((logged, id_) for id_, s, slug, set_type, logged in self.sets
                      if s == session and slug in slugs and set_type != "warmup")
        return [id_ for _, id_ in rows]


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    call()  # the first call pays for opening pages; the app's calls come warm
    started = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - started) * 1000


def test_a_100k_set_log_matches_brute_force(big_log: Path) -> None:
    brute = BruteForce(big_log)
    reader = CoachingReader(big_log)
    timings: dict[str, float] = {}
    try:
        for slug in (*HAMSTRINGS, SWINGS, "standing-hamstring-stretch", "good-morning"):
            found, timings[f"recent_sets({slug})"] = timed(partial(reader.recent_sets, slug))
            expected = brute.newest([slug], 3)
            assert [sets[0].session_id for sets in found] == expected, slug
            assert [[s.id for s in sets] for sets in found] == \
                [brute.set_ids(session, [slug]) for session in expected]
        found5, timings["recent_sets(RDL, 5)"] = timed(lambda: reader.recent_sets(RDL, 5))
        assert [sets[0].session_id for sets in found5] == brute.newest([RDL], 5)

        sessions, timings["recent_hamstring_sessions"] = timed(
            lambda: reader.recent_hamstring_sessions(HAMSTRINGS))
        expected = brute.newest(HAMSTRINGS, 3)
        assert [record.id for record, _ in sessions] == expected
        assert [[s.id for s in sets] for _, sets in sessions] == \
            [brute.set_ids(session, HAMSTRINGS) for session in expected]

        rare = ("machine-leg-curl", "stiff-leg-deadlift")
        rare_sessions, timings["recent_hamstring_sessions(rare)"] = timed(
            lambda: reader.recent_hamstring_sessions(rare, count=10))
        assert [record.id for record, _ in rare_sessions] == brute.newest(rare, 10)

        end, timings["last_hamstring_end"] = timed(lambda: reader.last_hamstring_end(HAMSTRINGS))
        assert end == brute.sessions[expected[0]][2]

        last, timings["last_program_session"] = timed(lambda: reader.last_program_session("none"))
        assert last is None
    finally:
        reader.close()
    print("\nCoachingReader on a 100,000-set log (warm, ms):")
    for name, ms in timings.items():
        print(f"  {name:45s} {ms:6.2f}")

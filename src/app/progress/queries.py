"""Reading progress from the log with plain SQL: personal records and chart series.

Like ``LogReader`` this needs only sqlite3, and it is built for big logs
(100,000 sets is ten years of a keen athlete): SQLite aggregates per group
(one row per exercise, rep count and load, or per session) and Python only
finishes the few hundred or thousand rows that come back.

Records are found from one aggregate: for every (exercise, reps, load) the
moment it was first lifted. The best load, estimate or rep count, when it
was first reached and what the best was before then all follow from those
rows, exactly as ``app.progress.records.RecordBook`` would decide them set
by set; the sets behind the records are then read one by one through the
index. Descent records start from each set's longest and mean descent,
which SQLite keeps beside the list (schema v6) in a small index: they find
the few sets that can hold a record, whose lists are then read and decide
exactly as the rules do (SQLite's sums may differ from Python's in the last
bit).

What is built from the whole log is kept until the database changes
(``PRAGMA data_version`` tells when another connection has committed).
"""

# One module because every query here shares one read-only connection and the
# same aggregate-then-finish approach; records and chart series read the same
# summaries, and splitting them would duplicate the row handling.

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import partial
from itertools import accumulate
from math import isfinite
from pathlib import Path
from typing import Any, TypeVar

from app.logbook.entries import held_from_db
from app.progress.calendar import CalendarSession
from app.progress.records import (
    BEST_MEAN_DESCENT,
    E1RM,
    HEAVIEST,
    LONGEST_DESCENT,
    MOST_REPS,
    PersonalRecord,
    RecordKey,
    SetFacts,
    epley_1rm,
    make_record,
    records_set_in,
    set_values,
    sort_records,
)
from app.progress.series import (
    NORDIC_SLUG,
    DescentPoint,
    SidePoint,
    SideTotals,
    TopSetPoint,
    WeekCount,
    WeekVolume,
    descent_points,
    held_descents,
    side_point,
    top_set_point,
    volume_per_week,
)
from app.progress.series import sessions_per_week as count_sessions_per_week
from app.storage.database import connect
from app.storage.rows import measured_descents
from app.storage.timestamps import from_db_time, to_db_time

_T = TypeVar("_T")

COUNTED = "set_type IN ('working', 'drop')"   # warm-ups never count
CACHE_KIB = 16 * 1024
_FACT_COLUMNS = ("id, session_id, exercise_slug, side, reps, load_kg, load_unit, set_type, "
                 "descent_s, descent_held, logged_at")


@dataclass(frozen=True)
class ExerciseStats:
    """How much of one exercise the log holds (warm-ups not counted)."""

    slug: str
    working_sets: int
    loaded_sets: int     # load above 0 and at least one rep: a top set and a 1RM to chart
    sided_sets: int      # logged per side: left against right to chart
    descent_sets: int    # with descent times (a list of numbers)


# Read from ix_logged_set_counted alone (schema v6), named: without
# statistics SQLite might read the table through another index.
_EXERCISE_STATS = (
    "SELECT exercise_slug, count(*), count(CASE WHEN load_kg > 0 AND reps >= 1 THEN 1 END), "
    "count(CASE WHEN side != 'both' THEN 1 END), count(descent_max_s) "
    f"FROM logged_set INDEXED BY ix_logged_set_counted WHERE {COUNTED} GROUP BY exercise_slug")


@dataclass
class _Timeline:
    """When each of one record's candidate values first appeared, with the best
    so far at each moment: enough to say what the record was at any moment."""

    times: list[str]       # database time text, ascending
    bests: list[float]

    @classmethod
    def of_points(cls, points: list[tuple[str, float]]) -> _Timeline:
        points.sort()
        return cls([p[0] for p in points], list(accumulate((p[1] for p in points), max)))

    @property
    def best(self) -> float:
        return self.bests[-1]

    def first_best(self) -> int:
        """Index of the first point that reached the best value."""
        return bisect_left(self.bests, self.best)

    def best_before(self, moment: str) -> float | None:
        """The best among values first seen strictly before ``moment``."""
        n = bisect_left(self.times, moment)
        return self.bests[n - 1] if n else None


@dataclass
class _RecordData:
    by_time: dict[RecordKey, _Timeline]    # heaviest, e1rm, most_reps
    descents: list[RecordKey]              # read set by set (see _descent_holder)


class ProgressReader:
    """Read-only progress queries. Each call sees every set committed before it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection = connect(db_path, read_only=True)
        # Room for the record aggregate to sort a 100,000-set log in memory in
        # one pass (the default 2 MB makes it sort in pieces and merge: 15 % slower).
        self._connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._cache: dict[str, Any] = {}
        self._cache_version: int | None = None

    def close(self) -> None:
        self._connection.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        return self._connection.execute(sql, tuple(params)).fetchall()

    def _cached(self, name: str, build: Callable[[], _T]) -> _T:
        version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        if version != self._cache_version:
            self._cache.clear()
            self._cache_version = version
        if name not in self._cache:
            if self._connection.in_transaction:   # built as part of something bigger
                built = self._cache[name] = build()
                return built
            # One read transaction: the parts of what is built agree with each other.
            self._connection.execute("BEGIN")
            try:
                self._cache[name] = build()
            finally:
                self._connection.execute("COMMIT")
        result: _T = self._cache[name]
        return result

    # -- training days (the History calendar) -------------------------------------

    def calendar_sessions(self, start: datetime, end: datetime) -> list[CalendarSession]:
        """Sessions with at least one set that started in [start, end), oldest
        first: the session index picks the range, and only their sets are counted."""
        rows = self._rows(
            "SELECT s.id, s.started_at, s.title, count(l.id) FROM workout_session s "
            "JOIN logged_set l ON l.session_id = s.id "
            "WHERE s.athlete_id = (SELECT min(id) FROM athlete) "
            "AND s.started_at >= ? AND s.started_at < ? "
            "GROUP BY s.id ORDER BY s.started_at, s.id", (to_db_time(start), to_db_time(end)))
        return [CalendarSession(id_, from_db_time(started), title, sets)
                for id_, started, title, sets in rows]

    # -- exercises --------------------------------------------------------------

    def exercise_stats(self) -> list[ExerciseStats]:
        """Every exercise with counted sets, most used first."""
        return self._cached("exercise_stats", self._build_exercise_stats)

    def _build_exercise_stats(self) -> list[ExerciseStats]:
        stats = [ExerciseStats(*row) for row in self._rows(_EXERCISE_STATS)]
        return sorted(stats, key=lambda s: (-s.working_sets, s.slug))

    def exercises_logged(self) -> list[tuple[str, int]]:
        """(slug, working set count), most used first."""
        return [(s.slug, s.working_sets) for s in self.exercise_stats()]

    # -- records ------------------------------------------------------------------

    def records(self) -> list[PersonalRecord]:
        """The current record of every kind for every exercise (and rep count)."""
        return self._cached("records", self._build_records)

    def records_broken_in(self, session_id: int) -> list[PersonalRecord]:
        """The records session ``session_id`` set, each against the best logged
        before the session started (``previous``)."""
        row = self._connection.execute("SELECT started_at FROM workout_session WHERE id = ?",
                                       (session_id,)).fetchone()
        if row is None:
            return []
        started = row[0]
        facts = [_facts(r) for r in self._rows(
            f"SELECT {_FACT_COLUMNS} FROM logged_set WHERE session_id = ? AND {COUNTED}",
            (session_id,))]
        if not facts:
            return []
        data = self._record_data()
        bests: dict[RecordKey, float | None] = {}
        for s in facts:
            for key, _ in set_values(s):
                if key in bests:
                    continue
                if key in data.by_time:
                    bests[key] = data.by_time[key].best_before(started)
                elif key in data.descents:
                    # (started, 0): every set logged before the session began.
                    held = self._descent_holder(key, before=(started, 0))
                    bests[key] = None if held is None else held[1]
        return records_set_in(facts, {key: best for key, best in bests.items() if best is not None})

    def _record_data(self) -> _RecordData:
        return self._cached("record_data", self._build_record_data)

    def _build_record_data(self) -> _RecordData:
        # The loads aggregate is all SQLite, which lets go of the GIL: it runs
        # in a worker thread on a connection of its own while this thread
        # asks which exercises have descents.
        loads = _InThread(partial(read_only_rows, self.db_path, _FIRST_LIFTS))
        descents: list[RecordKey] = [(kind, slug, None)
                                     for (slug,) in self._rows(_DESCENT_EXERCISES)
                                     for kind in _DESCENT_COLUMNS]
        points: dict[RecordKey, list[tuple[str, float]]] = {}
        for slug, reps, load, first in loads.result():
            points.setdefault((MOST_REPS, slug, None), []).append((first, float(reps)))
            e1rm = None if load is None else epley_1rm(load, reps)
            if e1rm is not None:
                points.setdefault((HEAVIEST, slug, reps), []).append((first, load))
                points.setdefault((E1RM, slug, None), []).append((first, e1rm))
        by_time = {key: _Timeline.of_points(p) for key, p in points.items()}
        return _RecordData(by_time, descents)

    def _build_records(self) -> list[PersonalRecord]:
        data = self._record_data()
        found = []
        for key, timeline in data.by_time.items():
            found.append(self._holder_by_time(key, timeline))
        for key in data.descents:
            held = self._descent_holder(key)
            if held is None:             # pragma: no cover - summaries agree with their lists
                continue
            holder, value, position = held
            before = self._descent_holder(key, before=position)
            found.append(make_record(key, value, holder, None if before is None else before[1]))
        return sort_records(found)

    def _descent_holder(self, key: RecordKey, before: tuple[str, int] | None = None
                        ) -> tuple[SetFacts, float, tuple[str, int]] | None:
        """The first set to hold the best value of the descent record ``key``
        (among the sets before ``before``, a (logged_at text, id) position,
        when given), the value as the rules compute it from the set's list, and
        the set's position; None for no such set.

        SQLite's summaries are within a hair of those values, so only the sets
        whose summary is that close to the best summary can hold the best:
        the index finds them, and their lists decide, in the order records
        are decided in."""
        kind, slug, _ = key
        column, index = _DESCENT_COLUMNS[kind]
        table = f"logged_set INDEXED BY {index}"
        where = f"exercise_slug = ? AND descent_max_s IS NOT NULL AND {COUNTED}"
        params: list[Any] = [slug]
        if before is not None:
            where += " AND (logged_at, id) < (?, ?)"
            params += before
        # Down the index from the best: the first entry that qualifies.
        top = self._rows(f"SELECT {column} FROM {table} WHERE {where} ORDER BY {column} DESC "
                         "LIMIT 1", params)
        if not top:
            return None
        best: tuple[SetFacts, float, tuple[str, int]] | None = None
        for row in self._rows(f"SELECT {_FACT_COLUMNS} FROM {table} WHERE {where} "
                              f"AND {column} >= ? ORDER BY logged_at, id",
                              [*params, _just_below(top[0][0])]):
            s = _facts(row)
            value = dict(set_values(s)).get(key)
            if value is not None and (best is None or value > best[1]):
                logged_at = row[-1]          # as stored: _FACT_COLUMNS end with it
                best = (s, value, (logged_at, s.set_id))
        return best

    def _holder_by_time(self, key: RecordKey, timeline: _Timeline) -> PersonalRecord:
        """The first set that reached the best: among the sets logged at the moment
        the best first appeared, in id order; what it beat is the best before
        that moment or, rarer, from a set logged in the same microsecond."""
        kind, slug, _ = key
        moment = timeline.times[timeline.first_best()]
        previous = timeline.best_before(moment)
        for row in self._rows(f"SELECT {_FACT_COLUMNS} FROM logged_set "
                              f"WHERE exercise_slug = ? AND logged_at = ? AND {COUNTED} ORDER BY id",
                              (slug, moment)):
            s = _facts(row)
            value = dict(set_values(s)).get(key)
            if value is None:
                continue
            if value >= timeline.best:
                return make_record(key, value, s, previous)
            previous = value if previous is None else max(previous, value)
        raise LookupError(f"no set holds the {kind} record of {slug}")  # pragma: no cover

    # -- series -------------------------------------------------------------------

    def _session_starts(self) -> dict[int, str]:
        return self._cached("session_starts", lambda: dict(self._rows(
            "SELECT id, started_at FROM workout_session")))

    def _hamstring_session_rows(self, slugs: Collection[str]) -> list[tuple[int, str]]:
        """(id, started_at) of the sessions with a counted set of one of ``slugs``.

        Asked per session, through the (session_id, set_number) index: EXISTS
        stops at the first matching set, so this reads a few sets per session
        instead of every set of the log."""
        marks = ", ".join("?" * len(slugs))
        return self._rows(
            "SELECT s.id, s.started_at FROM workout_session s WHERE EXISTS ("
            "SELECT 1 FROM logged_set l WHERE l.session_id = s.id "
            f"AND l.exercise_slug IN ({marks}) AND l.{COUNTED})", slugs)

    def sessions_per_week(self, hamstring_slugs: Collection[str], weeks: int | None = None,
                          tz: tzinfo | None = None) -> list[WeekCount]:
        """Sessions with hamstring work per local ISO week, weeks without any
        included, from the first such week to the last (or the last ``weeks``).
        ``tz`` is the athlete's zone; None is this machine's."""
        if not hamstring_slugs:
            return []
        rows = self._hamstring_session_rows(list(hamstring_slugs))
        return count_sessions_per_week((from_db_time(started) for _, started in rows), weeks, tz)

    def weekly_volume(self, hamstring_slugs: Collection[str], weeks: int | None = None,
                      tz: tzinfo | None = None) -> list[WeekVolume]:
        """Counted sets and tonnage (sum of reps x load above 0, kg) of hamstring
        exercises per local ISO week, weeks without any included."""
        if not hamstring_slugs:
            return []
        slugs = list(hamstring_slugs)
        marks = ", ".join("?" * len(slugs))
        # Grouped by session over a plain scan: the table is stored in the order
        # sets were logged, so the grouping has little to reorder.
        rows = self._rows(
            "SELECT session_id, count(*), total(reps * max(load_kg, 0.0)) "
            f"FROM logged_set NOT INDEXED WHERE exercise_slug IN ({marks}) AND {COUNTED} "
            "GROUP BY session_id", slugs)
        starts = self._session_starts()
        return volume_per_week(((from_db_time(starts[session]), count, kg)
                                for session, count, kg in rows), weeks, tz)

    def top_sets(self, slug: str, weeks: int | None = None) -> list[TopSetPoint]:
        """Per session of ``slug``: its heaviest set (load, reps) and best estimated
        1RM; with ``weeks``, only the sessions that started in the ``weeks``
        weeks before the last one (as a chart of that period shows them)."""
        # ix_logged_set_loaded (schema v6) holds exactly these sets, grouped as
        # read here: named, or SQLite may read each set's row instead.
        table = "logged_set INDEXED BY ix_logged_set_loaded"
        loaded = f"exercise_slug = ? AND {COUNTED} AND load_kg > 0 AND reps >= 1"
        params: list[Any] = [slug]
        if weeks is not None:
            # Every loaded set gives its session a point.
            since = self._period_start(f"SELECT session_id FROM {table} WHERE {loaded}", slug, weeks)
            if since is None:
                return []
            loaded += _STARTED_SINCE
            params.append(since)
        by_session: dict[int, list[tuple[float, int]]] = {}
        # The most reps at each load is all a session's top set and best
        # estimate need: Epley grows with reps at a given load.
        for session, load, reps in self._rows(
                f"SELECT session_id, load_kg, max(reps) FROM {table} WHERE {loaded} "
                "GROUP BY session_id, load_kg", params):
            by_session.setdefault(session, []).append((load, reps))
        points = [top_set_point(session, started, sets)
                  for session, started, sets in self._in_session_order(by_session)]
        return [p for p in points if p is not None]

    def nordic_descent(self, slug: str = NORDIC_SLUG, weeks: int | None = None) -> list[DescentPoint]:
        """Per Nordic session: mean controlled descent over every rep of its
        counted sets, and its longest rep; ``weeks`` as for top_sets.

        From each set's summary (schema v6), its mean times its reps for the
        session's total: SQLite reads the sets' lists in C instead of Python
        parsing ten years of them (a third of the time)."""
        with_descents = f"exercise_slug = ? AND descent_max_s IS NOT NULL AND {COUNTED}"
        params: list[Any] = [slug]
        if weeks is not None:
            since = self._period_start(f"SELECT session_id FROM logged_set WHERE {with_descents}",
                                       slug, weeks)
            if since is None:
                return []
            with_descents += _STARTED_SINCE
            params.append(since)
        starts = self._session_starts()
        # Only the few sets with a rep held to the floor are read whole.
        held = [(session, *held_descents(measured_descents(descent), held_from_db(flags)))
                for session, descent, flags in self._rows(
                    f"SELECT session_id, descent_s, descent_held FROM logged_set WHERE {with_descents}"
                    " AND descent_held LIKE '%true%'", params)]
        return descent_points(self._rows(
            "SELECT session_id, total(descent_mean_s * json_array_length(descent_s)), "
            "total(json_array_length(descent_s)), max(descent_max_s) "
            f"FROM logged_set WHERE {with_descents} GROUP BY session_id", params),
            lambda session: from_db_time(starts[session]), held)

    def _period_start(self, sessions: str, slug: str, weeks: int) -> str | None:
        """The start of a chart's period (database time text): ``weeks`` weeks
        before the last of ``sessions``, a query of the session ids of ``slug``
        that give the chart its points. Charts then read only that period's
        sessions (see _STARTED_SINCE) instead of ten years; None when there is
        no such session at all."""
        last = self._rows(f"SELECT max(started_at) FROM workout_session WHERE id IN ({sessions})",
                          (slug,))[0][0]
        return None if last is None else to_db_time(from_db_time(last) - timedelta(weeks=weeks))

    def asymmetry(self, slug: str) -> list[SidePoint]:
        """Per session of a one-side exercise: left and right totals and how far apart."""
        sides: dict[int, dict[str, SideTotals]] = {}
        for session, side, sets, loaded, load_x_reps, reps, rep_sets, seconds in self._rows(
                "SELECT session_id, side, count(*), total(load_kg > 0 AND reps >= 1), "
                "total(CASE WHEN load_kg > 0 THEN reps * load_kg END), total(reps), "
                "total(reps IS NOT NULL), total(duration_s) FROM logged_set "
                f"WHERE exercise_slug = ? AND {COUNTED} AND side IN ('left', 'right') "
                "GROUP BY session_id, side", (slug,)):
            sides.setdefault(session, {})[side] = SideTotals(
                sets, int(loaded), load_x_reps, int(reps), int(rep_sets), seconds)
        points = [side_point(session, started, both.get("left"), both.get("right"))
                  for session, started, both in self._in_session_order(sides)]
        return [p for p in points if p is not None]

    def _in_session_order(self, by_session: dict[int, _T]) -> list[tuple[int, datetime, _T]]:
        starts = self._session_starts()
        ordered = sorted(by_session, key=lambda session: (starts[session], session))
        return [(session, from_db_time(starts[session]), by_session[session]) for session in ordered]


# Every (exercise, reps, load) once, with the moment it was first lifted: a
# thousand-odd rows for 100,000 sets, enough to follow the heaviest, e1rm and
# most-reps records through time. A plain scan: through the (exercise_slug,
# logged_at) index, reading each set's row costs more than the sorting saved.
# SQLite reads it through ix_logged_set_first_lift (schema v5), which holds
# these rows only, already in this order.
_FIRST_LIFTS = ("SELECT exercise_slug, reps, load_kg, min(logged_at) FROM logged_set "
                f"WHERE {COUNTED} AND reps >= 1 GROUP BY exercise_slug, reps, load_kg")

# A chart's sets in its period: add to its conditions with _period_start's value.
_STARTED_SINCE = " AND session_id IN (SELECT id FROM workout_session WHERE started_at > ?)"
# How far SQLite's summary of a set may be from the value the rules compute
# from its list (a few units in the last place of a double), with room to spare.
_SUMMARY_HAIR = 1e-9
# The summary each descent record is found by and its index (schema v6),
# named in the queries: with no statistics to go by, SQLite may take the
# (exercise_slug, logged_at) index instead and read every Nordic set's row.
_DESCENT_COLUMNS = {LONGEST_DESCENT: ("descent_max_s", "ix_logged_set_longest_descent"),
                    BEST_MEAN_DESCENT: ("descent_mean_s", "ix_logged_set_mean_descent")}
_DESCENT_EXERCISES = ("SELECT DISTINCT exercise_slug FROM logged_set "
                      "INDEXED BY ix_logged_set_longest_descent "
                      f"WHERE descent_max_s IS NOT NULL AND {COUNTED}")


def _just_below(value: float) -> float:
    """The lowest summary that may stand for an exact ``value`` or more."""
    return value - _SUMMARY_HAIR * max(1.0, abs(value)) if isfinite(value) else value


class _InThread:
    """Runs ``work`` in a thread at once; ``result()`` waits for it and returns
    what it returned, or raises what it raised."""

    def __init__(self, work: Callable[[], _T]) -> None:
        self._work = work
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="progress-query", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def read_only_rows(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """``sql``'s rows through a connection of its own (one per thread): what the
    worker threads read with (a test stands in for it to fail one)."""
    connection = connect(db_path, read_only=True)
    try:
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _facts(row: tuple[Any, ...]) -> SetFacts:
    set_id, session_id, slug, side, reps, load_kg, unit, set_type, descent, held, logged_at = row
    descents = None if descent is None else tuple(measured_descents(descent)) or None
    flags = held_from_db(held)
    return SetFacts(set_id=set_id, session_id=session_id, exercise_slug=slug, side=side, reps=reps,
                    load_kg=load_kg, load_unit=unit, set_type=set_type, descent_s=descents,
                    logged_at=from_db_time(logged_at),
                    descent_held=flags if len(flags) == len(descents or ()) else ())


"""The series the progress charts draw, and the pure rules that shape them.

``app.progress.queries`` aggregates per set and per session in SQL;
what is left for Python (local weeks, per-session maxima, left and right
totals) lives here, so it can be tested without a database.

Weeks are ISO weeks (Monday to Sunday) in the athlete's *local* time: a
session on Monday evening in New York is already Tuesday in UTC but belongs
to Monday's week. Sessions are placed by their start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from app.progress.records import epley_1rm

# The runner-focused training guidance the catalog follows ("article-improve-running"
# and "article-upgrade-running" in resources/sources.toml): hamstring work 2-3 times a week, which also leaves
# the ~48 h between hard sessions of the same muscles that "acsm2009" asks
# for. The sessions-per-week chart draws this band: (at least, at most).
HAMSTRING_SESSIONS_TARGET_PER_WEEK = (2, 3)

NORDIC_SLUG = "nordic-hamstring-curl"

# What a side's total is measured in, from the best information the sets carry.
MEASURE_LOAD = "kg"       # reps x load, when the sets are loaded
MEASURE_REPS = "reps"     # reps, for bodyweight sets
MEASURE_SECONDS = "s"     # duration, for holds and timed work


@dataclass(frozen=True)
class WeekCount:
    """Sessions with hamstring work in one local ISO week."""

    week_start: date      # the Monday
    sessions: int


@dataclass(frozen=True)
class WeekVolume:
    """Hamstring work in one local ISO week: sets (warm-ups excluded) and
    tonnage, the sum of reps x load over loaded sets, in kg."""

    week_start: date
    working_sets: int
    tonnage_kg: float


@dataclass(frozen=True)
class TopSetPoint:
    """One session of one exercise: its heaviest set and best estimated 1RM."""

    session_id: int
    started_at: datetime
    top_load_kg: float
    top_reps: int
    best_e1rm_kg: float


@dataclass(frozen=True)
class DescentPoint:
    """One Nordic session: mean controlled descent over every rep of every
    counted set, and the longest single rep. Reps lowered to the floor without
    a break point count as their target, a lower bound: ``held_reps`` says how
    many there were (the mean is then "at least"), ``longest_held`` whether
    the longest is one of them."""

    session_id: int
    started_at: datetime
    mean_s: float
    longest_s: float
    reps: int
    held_reps: int = 0
    longest_held: bool = False


@dataclass(frozen=True)
class SidePoint:
    """One session of a one-side exercise: each side's total in ``measure``
    and how far apart they are, |L - R| / max(L, R) x 100 (None when a side
    is missing)."""

    session_id: int
    started_at: datetime
    left: float | None
    right: float | None
    measure: str
    asymmetry_pct: float | None


# -- weeks ------------------------------------------------------------------------


def local_week_start(moment: datetime, tz: tzinfo | None = None) -> date:
    """The Monday of ``moment``'s ISO week in ``tz`` (None: this machine's zone)."""
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def week_range(first: date, last: date) -> list[date]:
    """Every Monday from ``first`` to ``last`` inclusive (both Mondays)."""
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def _window(weeks_with_data: Iterable[date], weeks: int | None) -> list[date]:
    """Consecutive weeks from the first with data to the last (no holes), or
    only the last ``weeks`` of them."""
    present = sorted(set(weeks_with_data))
    if not present or (weeks is not None and weeks < 1):
        return []
    last = present[-1]
    first = present[0] if weeks is None else max(present[0], last - timedelta(weeks=weeks - 1))
    return week_range(first, last)


def sessions_per_week(session_starts: Iterable[datetime], weeks: int | None = None,
                      tz: tzinfo | None = None) -> list[WeekCount]:
    """How many sessions started in each local week, zero weeks included."""
    counts: dict[date, int] = {}
    for started in session_starts:
        week = local_week_start(started, tz)
        counts[week] = counts.get(week, 0) + 1
    return [WeekCount(week, counts.get(week, 0)) for week in _window(counts, weeks)]


def volume_per_week(sessions: Iterable[tuple[datetime, int, float]], weeks: int | None = None,
                    tz: tzinfo | None = None) -> list[WeekVolume]:
    """Sum (session start, sets, tonnage kg) per local week, zero weeks included."""
    sets: dict[date, int] = {}
    tonnage: dict[date, float] = {}
    for started, count, kg in sessions:
        week = local_week_start(started, tz)
        sets[week] = sets.get(week, 0) + count
        tonnage[week] = tonnage.get(week, 0.0) + kg
    return [WeekVolume(week, sets.get(week, 0), tonnage.get(week, 0.0))
            for week in _window(sets, weeks)]


# -- per session --------------------------------------------------------------------


def top_set_point(session_id: int, started_at: datetime,
                  sets: Iterable[tuple[float | None, int | None]]) -> TopSetPoint | None:
    """The session's top set from its counted sets' (load kg, reps): the heaviest
    load, and at that load the most reps; with the best Epley estimate over all
    of them. None when no set was loaded."""
    top: tuple[float, int] | None = None
    best_e1rm = 0.0
    for load, reps in sets:
        if load is None or reps is None:
            continue
        e1rm = epley_1rm(load, reps)
        if e1rm is None:
            continue
        best_e1rm = max(best_e1rm, e1rm)
        if top is None or (load, reps) > top:
            top = (load, reps)
    if top is None:
        return None
    return TopSetPoint(session_id, started_at, top[0], top[1], best_e1rm)


def set_descent(per_rep: Sequence[float]) -> tuple[float, int, float]:
    """A set's descent times as (total seconds, reps, longest rep)."""
    return (float(sum(per_rep)), len(per_rep), float(max(per_rep))) if per_rep else (0.0, 0, 0.0)


def held_descents(per_rep: Sequence[float], held: Sequence[bool]) -> tuple[int, float | None]:
    """A set's reps held to the floor: how many, and the longest of them."""
    kept = [value for value, flag in zip(per_rep, held, strict=False) if flag]
    return len(kept), (max(kept) if kept else None)


def descent_points(sets: Iterable[tuple[int, float, int, float]],
                   started_at: Callable[[int], datetime],
                   held: Iterable[tuple[int, int, float | None]] = ()) -> list[DescentPoint]:
    """Per session, from its sets' (session id, total seconds, reps, longest rep)
    (see ``set_descent``): the mean over every rep, not the mean of set means,
    so a set of 8 reps counts for more than a set of 2; and the longest rep.
    ``held`` gives the sets with reps held to the floor as (session id, held
    reps, longest held; see ``held_descents``). In the order the sessions started."""
    held_by_session: dict[int, tuple[int, float]] = {}
    for session, held_count, held_top in held:
        if held_count and held_top is not None:
            counted, best = held_by_session.get(session, (0, held_top))
            held_by_session[session] = (counted + held_count, max(best, held_top))
    sums: dict[int, list[float]] = {}
    for session, seconds, count, top in sets:
        if count <= 0:
            continue
        so_far = sums.get(session)
        if so_far is None:
            sums[session] = [seconds, count, top]
        else:
            so_far[0] += seconds
            so_far[1] += count
            if top > so_far[2]:
                so_far[2] = top
    points = []
    for session, (total, reps, longest) in sums.items():
        held_reps, top_held = held_by_session.get(session, (0, None))
        points.append(DescentPoint(session, started_at(session), total / reps, longest, int(reps),
                                   held_reps=held_reps,
                                   longest_held=top_held is not None and top_held >= longest))
    points.sort(key=lambda p: (p.started_at, p.session_id))
    return points


def asymmetry_pct(left: float | None, right: float | None) -> float | None:
    """|L - R| / max(L, R) x 100; 0 when both are 0; None when a side is missing."""
    if left is None or right is None:
        return None
    bigger = max(left, right)
    if bigger <= 0:
        return 0.0
    return abs(left - right) / bigger * 100


@dataclass(frozen=True)
class SideTotals:
    """One side's sets in a session, summed three ways; ``sets`` counts them."""

    sets: int = 0
    loaded_sets: int = 0
    load_x_reps: float = 0.0
    reps: int = 0
    rep_sets: int = 0
    seconds: float = 0.0


def side_measure(totals: Iterable[SideTotals]) -> str:
    """The best measure every side of the session can be compared in: reps x load
    if any set was loaded, else reps if any set counted reps, else seconds."""
    totals = list(totals)
    if any(t.loaded_sets for t in totals):
        return MEASURE_LOAD
    if any(t.rep_sets for t in totals):
        return MEASURE_REPS
    return MEASURE_SECONDS


def side_value(totals: SideTotals, measure: str) -> float:
    if measure == MEASURE_LOAD:
        return totals.load_x_reps
    if measure == MEASURE_REPS:
        return float(totals.reps)
    return totals.seconds


def side_point(session_id: int, started_at: datetime, left: SideTotals | None,
               right: SideTotals | None) -> SidePoint | None:
    """Left against right for one session; None when neither side was logged."""
    present = [t for t in (left, right) if t is not None and t.sets]
    if not present:
        return None
    measure = side_measure(present)
    left_value = side_value(left, measure) if left is not None and left.sets else None
    right_value = side_value(right, measure) if right is not None and right.sets else None
    return SidePoint(session_id, started_at, left_value, right_value, measure,
                     asymmetry_pct(left_value, right_value))

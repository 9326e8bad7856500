"""The one query left against right needs: per session and one-side
exercise, each side's counted sets summed the ways a side can be measured.

Plain SQL like app.progress.queries (whose read_only_rows it reads through):
SQLite groups the sets, and app.progress.sides compares the few rows that
come back. Warm-ups are left out, as everywhere in progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.progress.queries import COUNTED, read_only_rows
from app.progress.series import SideTotals
from app.storage.timestamps import from_db_time, to_db_time

_SIDE_TOTALS = (
    "SELECT l.session_id, s.started_at, l.exercise_slug, l.side, count(*), "
    "total(l.load_kg > 0 AND l.reps >= 1), total(CASE WHEN l.load_kg > 0 THEN l.reps * l.load_kg END), "
    "total(l.reps), total(l.reps IS NOT NULL), total(l.duration_s) "
    "FROM logged_set l JOIN workout_session s ON s.id = l.session_id "
    "WHERE s.athlete_id = (SELECT min(id) FROM athlete) AND s.started_at >= ? "
    f"AND l.{COUNTED} AND l.side IN ('left', 'right') "
    "GROUP BY l.session_id, l.exercise_slug, l.side")


@dataclass(frozen=True)
class SideRow:
    """One side of one exercise in one session, summed (see SideTotals)."""

    session_id: int
    started_at: datetime
    exercise_slug: str
    side: str            # "left" or "right", as logged_set.side stores it
    totals: SideTotals


def side_totals(db_path: Path, since: datetime | None = None) -> list[SideRow]:
    """Every session's one-side sets (sessions that started at ``since`` or
    later, when given), summed per exercise and side, through a read-only
    connection of its own (safe in a worker thread)."""
    start = "" if since is None else to_db_time(since)
    return [SideRow(session, from_db_time(started), slug, side,
                    SideTotals(sets, int(loaded), load_x_reps, int(reps), int(rep_sets), seconds))
            for session, started, slug, side, sets, loaded, load_x_reps, reps, rep_sets, seconds
            in read_only_rows(db_path, _SIDE_TOTALS, (start,))]

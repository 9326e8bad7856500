"""Reading a log's sets straight from the file, the way the record rules see
them: for tests that check the progress queries against a computation of
their own over every row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.progress.records import SetFacts
from app.storage.timestamps import from_db_time


def descents_by_rule(text: str | None) -> tuple[float, ...] | None:
    """The rule the reader follows: a non-empty list of numbers, else nothing."""
    if text is None:
        return None
    value = json.loads(text)
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    return tuple(float(v) for v in value)


def every_set(db: Path) -> list[SetFacts]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT id, session_id, exercise_slug, side, reps, load_kg, load_unit, set_type, "
            "descent_s, logged_at FROM logged_set").fetchall()
    finally:
        connection.close()
    return [SetFacts(set_id=i, session_id=session, exercise_slug=slug, side=side, reps=reps,
                     load_kg=load, load_unit=unit, set_type=kind,
                     descent_s=descents_by_rule(descent), logged_at=from_db_time(logged_at))
            for i, session, slug, side, reps, load, unit, kind, descent, logged_at in rows]

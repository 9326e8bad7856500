"""The quick notes (schema v9) travel with the JSON export to a new laptop.

An athlete notes how the hamstrings feel on rest days too (soreness 0-10,
pain during or after a run, a few words); the overtraining watch reads those
notes. The JSON export carries them (format version 2) and an import puts
them back exactly: what was left out stays left out, the same file imported
twice adds nothing, an export made before the notes still imports, and a
note with a bad value is refused with its place in the file and nothing is
written. The CSV stays a table of sets: the notes are not in it.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.exchange import ImportFileError, read_import
from app.exchange.hamstride_json import FORMAT_VERSION
from app.exchange.plan import prepare_import
from app.exchange.writer import ImportResult, apply_import
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.logbook.entries import MAX_NOTE_WORDS
from app.storage.coaching_queries import CoachingReader
from app.storage.store import Store
from app.usecases.export import CSV_COLUMNS, EXPORT_FORMAT_VERSION, export_csv, export_data, export_json
from helpers.body_notes import week_with_notes
from helpers.cli_run import run

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
EVERY_NOTE = datetime(1971, 1, 1, tzinfo=UTC)


def _notes(store: Store) -> list[tuple[Any, ...]]:
    """Every quick note of the log, oldest first, as it is stored (uid, time, values)."""
    with CoachingReader(store.db_path) as reader:
        return [(n.uid, n.noted_at, n.soreness, n.run_pain, n.words)
                for n in reversed(reader.body_notes(EVERY_NOTE, limit=1000))]


@pytest.fixture
def other_laptop(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """An empty data folder, as on the new laptop."""
    paths = resolve_paths(tmp_path / "new-laptop")
    prepare_dirs(paths)
    opened, _report = Store.open(paths, clock)
    yield opened
    opened.close()


def _import(store: Store, path: Path) -> ImportResult:
    return apply_import(store, prepare_import(read_import(path), {}, store.reader.session_uids()))


def test_notes_round_trip_through_the_json_export_into_an_empty_log(
        store: Store, clock: FakeClock, other_laptop: Store, tmp_path: Path) -> None:
    """The week's notes, exported on the old laptop and imported on the new one,
    are the same notes: same time to the microsecond, same values, and the
    soreness the athlete did not give is still not given (NULL, not 0)."""
    week_with_notes(store, clock)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format_version"] == EXPORT_FORMAT_VERSION == FORMAT_VERSION == 3
    assert document["body_notes"][1] == {
        "uid": _notes(store)[1][0], "noted_at": "2026-01-07T09:50:00.250000Z",
        "soreness": None, "run_pain": "mild", "words": "tight on the easy run"}

    result = _import(other_laptop, exported)
    assert (result.sessions_added, result.sets_added, result.body_notes_added) == (1, 1, 4)
    assert _notes(other_laptop) == _notes(store)
    assert [n[2:4] for n in _notes(other_laptop)] == [
        (4, None), (None, "mild"), (None, None), (0, "none")]
    database = sqlite3.connect(other_laptop.db_path)
    try:
        assert database.execute("SELECT count(*) FROM body_note WHERE soreness IS NULL")\
            .fetchone() == (2,)
    finally:
        database.close()
    again = export_data(other_laptop.reader)
    original = export_data(store.reader)
    assert again["body_notes"] == original["body_notes"]
    assert again["sessions"] == original["sessions"]


def test_importing_the_same_export_again_adds_nothing(
        store: Store, clock: FakeClock, other_laptop: Store, tmp_path: Path) -> None:
    """The athlete imports the export twice (the second time by mistake): no
    note is doubled, and with nothing new there is no backup to write."""
    week_with_notes(store, clock)
    exported = tmp_path / "export.json"
    export_json(store.reader, exported)
    _import(other_laptop, exported)
    before = _notes(other_laptop)

    second = _import(other_laptop, exported)
    assert (second.sessions_added, second.sets_added, second.body_notes_added) == (0, 0, 0)
    assert second.backup is None
    assert _notes(other_laptop) == before

    # A note taken since on the new laptop stays, and the old ones are still not doubled.
    clock.advance(3600)
    other_laptop.add_body_note(soreness=6)
    third = _import(other_laptop, exported)
    assert third.body_notes_added == 0
    assert len(_notes(other_laptop)) == len(before) + 1


def test_a_note_is_the_same_note_by_its_time_and_what_it_says(
        store: Store, clock: FakeClock, tmp_path: Path) -> None:
    """A file edited by hand: a note with a uid the log has for another note
    is a new note (kept, with a uid of its own); a note whose time and
    content are in the log already is not added, whatever its uid."""
    store.add_body_note(soreness=3, words="calves")
    [(uid, noted_at, *_)] = _notes(store)
    document = export_data(store.reader)
    document["body_notes"] = [
        {"uid": uid, "noted_at": "2026-01-06T08:00:00Z", "soreness": 5, "run_pain": None,
         "words": ""},
        {"uid": "another-uid", "noted_at": noted_at.isoformat(), "soreness": 3,
         "run_pain": None, "words": "calves"},
    ]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    assert _import(store, path).body_notes_added == 1
    notes = _notes(store)
    assert [(n[1], n[2]) for n in notes] == [
        (noted_at, 3), (datetime(2026, 1, 6, 8, tzinfo=UTC), 5)]
    assert notes[1][0] not in (uid, "another-uid")
    assert _import(store, path).body_notes_added == 0


def test_an_export_from_before_the_notes_still_imports(store: Store) -> None:
    """An export of format version 1 (no "body_notes" at all) reads as before
    and adds no note."""
    log = read_import(FIXTURES / "hamstride.json")
    assert json.loads((FIXTURES / "hamstride.json").read_text())["format_version"] == 1
    assert log.body_notes == ()
    result = apply_import(store, prepare_import(log, {}))
    assert (result.sessions_added, result.body_notes_added) == (2, 0)
    assert _notes(store) == []


def test_a_newer_export_than_this_app_reads_is_refused(tmp_path: Path) -> None:
    document = json.loads((FIXTURES / "hamstride.json").read_text())
    document["format_version"] = FORMAT_VERSION + 1
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportFileError, match="from a newer Hamstride"):
        read_import(path)


def _with_notes(*notes: dict[str, Any]) -> dict[str, Any]:
    document = json.loads((FIXTURES / "hamstride.json").read_text())
    document["format_version"] = 2
    document["body_notes"] = [{"uid": f"note-{n}", "noted_at": "2026-11-03T07:30:00Z",
                               "soreness": None, "run_pain": None, "words": "", **note}
                              for n, note in enumerate(notes, start=1)]
    return document


GOOD = {"soreness": 3}


@pytest.mark.parametrize(("bad", "where", "words"), [
    ({"soreness": 11}, "body_notes[2].soreness", "must be a whole number from 0 to 10"),
    ({"soreness": -1}, "body_notes[2].soreness", "must be a whole number from 0 to 10"),
    ({"soreness": 6.5}, "body_notes[2].soreness", "must be a whole number, without decimals"),
    ({"soreness": "7"}, "body_notes[2].soreness", "must be a whole number, not text"),
    ({"soreness": True}, "body_notes[2].soreness", "must be a whole number, not true/false"),
    ({"run_pain": "severe"}, "body_notes[2].run_pain", "must be none, mild or more"),
    ({"run_pain": 2}, "body_notes[2].run_pain", "must be text, not a number"),
    ({"words": "x" * (MAX_NOTE_WORDS + 1)}, "body_notes[2].words", "keep it to 500 characters"),
    ({}, "body_notes[2].words", "give the soreness, the run pain or a few words"),
    ({"soreness": 2, "noted_at": None}, "body_notes[2].noted_at", "is missing"),
    ({"soreness": 2, "noted_at": "2026-11-03T07:30:00"}, "body_notes[2].noted_at",
     "has no time zone"),
    ({"soreness": 2, "uid": "note-1"}, "body_notes[2].uid", "'note-1' appears twice"),
])
def test_a_bad_note_is_refused_with_its_place_and_nothing_is_written(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: dict[str, Any], where: str,
        words: str) -> None:
    """A note of the file that the note form would refuse is refused by its
    path in the file (its value not repeated: it is the athlete's health),
    and the import writes nothing at all, not even the sessions before it."""
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_with_notes(GOOD, bad)), encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        read_import(path)
    assert str(raised.value).startswith(f"export.json, column {where}: {words}")
    for value in bad.values():
        if value not in (None, "note-1", "2026-11-03T07:30:00") and not isinstance(value, bool):
            assert str(value) not in str(raised.value).removeprefix(f"export.json, column {where}")

    data = tmp_path / "data"
    code, _out, err = run(capsys, "--data-dir", str(data), "import", str(path))
    assert code != 0
    assert where in err and "nothing was imported" in err
    code, out, _err = run(capsys, "--data-dir", str(data), "history")
    assert code == 0 and "No sessions logged yet" in out


def test_the_preview_counts_the_notes_and_says_which_are_new(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_with_notes(GOOD, {"run_pain": "more", "words": "knee"})),
                    encoding="utf-8")
    log = read_import(path)
    assert "2 quick notes" in log.notes
    first, _second = log.body_notes
    plan = prepare_import(log, {}, existing_body_notes={first.key})
    assert plan.body_notes == log.body_notes[1:]
    assert "Would add 1 quick note." in plan.describe()
    known = prepare_import(log, {}, existing_body_notes={n.key for n in log.body_notes})
    assert known.body_notes == ()
    assert "  2 quick notes" in known.describe()  # what the file holds
    assert not any(line.startswith("Would add") and "quick note" in line
                   for line in known.describe())
    # Not compared with the log (the command line's plan): the write decides.
    assert prepare_import(log, {}).body_notes is None
    assert ("Would add the file's quick notes that are not in the log yet (2 in the file)."
            in prepare_import(log, {}).describe())


def _exported_by_the_command_line(capsys: pytest.CaptureFixture[str], store: Store,
                                  clock: FakeClock, paths: AppPaths, tmp_path: Path) -> Path:
    """A week with notes, then `hamstride export --format json` on the old laptop."""
    week_with_notes(store, clock)
    exported = tmp_path / "export.json"
    code, _out, err = run(capsys, "--data-dir", str(paths.data_dir), "export", "--format", "json",
                          "-o", str(exported))
    assert code == 0, err
    return exported


def test_the_command_line_round_trip_keeps_the_notes(
        capsys: pytest.CaptureFixture[str], store: Store, clock: FakeClock, paths: AppPaths,
        tmp_path: Path) -> None:
    """`hamstride export --format json` on the old laptop, `hamstride import` on the
    new one: the notes are there; the second import adds nothing."""
    exported = _exported_by_the_command_line(capsys, store, clock, paths, tmp_path)
    fresh = tmp_path / "fresh"
    for _ in range(2):
        code, _out, err = run(capsys, "--data-dir", str(fresh), "import", str(exported))
        assert code == 0, err
    database = sqlite3.connect(resolve_paths(fresh).database)
    try:
        rows = database.execute("SELECT uid, soreness, run_pain, words FROM body_note "
                                "ORDER BY noted_at").fetchall()
    finally:
        database.close()
    assert rows == [(n[0], *n[2:]) for n in _notes(store)]


def test_the_csv_stays_a_table_of_sets(store: Store, clock: FakeClock, tmp_path: Path) -> None:
    """The notes are not sets: the CSV keeps its columns and one row per set,
    and no note's words appear in it (the JSON export carries them)."""
    week_with_notes(store, clock)
    path = tmp_path / "log.csv"
    assert export_csv(store.reader, path) == 1
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [name for name, _ in CSV_COLUMNS]
    assert len(rows) == 2
    text = path.read_text(encoding="utf-8")
    assert "slept badly" not in text and "easy run" not in text


def test_the_command_line_says_it_added_notes_when_only_notes_were_new(
        capsys: pytest.CaptureFixture[str], store: Store, clock: FakeClock, paths: AppPaths,
        tmp_path: Path) -> None:
    """A log whose sessions are already on the new laptop but whose notes are
    not: the import adds the notes and says so, not "Nothing new"; the second
    time it does say nothing was new."""
    exported = _exported_by_the_command_line(capsys, store, clock, paths, tmp_path)
    fresh = tmp_path / "fresh"
    without_notes = json.loads(exported.read_text(encoding="utf-8"))
    notes = len(without_notes.pop("body_notes"))
    sessions_only = tmp_path / "sessions.json"
    sessions_only.write_text(json.dumps(without_notes), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(fresh), "import", str(sessions_only))
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", str(fresh), "import", str(exported))
    assert code == 0, err
    assert f"Added {notes} quick notes." in out and "Nothing new" not in out
    code, out, err = run(capsys, "--data-dir", str(fresh), "import", str(exported))
    assert code == 0 and "Nothing new" in out and "quick note" not in out

"""Schema versions: fresh databases, upgrades from every released version,
backups before migrating, rollback on failure, refusal of newer files, and
damaged files moved aside intact."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from app.catalog.vocabulary import Category
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.logbook.entries import SetEntry
from app.logbook.runs import PlannedDay, RunEntry, RunTag, Sport
from app.storage.backup import list_backups
from app.storage.database import DatabaseError, NewerSchemaError
from app.storage.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, pending
from app.storage.models import Base
from app.storage.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAVED_VERSIONS = sorted(FIXTURES.glob("schema_v*.db"), key=lambda p: int(p.stem.split("_v")[1]))

NEXT = SCHEMA_VERSION + 1
NEXT_TEST_STEP = Migration(NEXT, "test: heart rate per set",
                           ("ALTER TABLE logged_set ADD COLUMN heart_rate INTEGER",))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dump(path: Path) -> list[str]:
    """The database's content as SQL: equal for a file and its backup copy."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def _schema(engine_url: str) -> dict[str, object]:
    engine = create_engine(engine_url)
    inspector = inspect(engine)
    schema: dict[str, object] = {}
    for table in sorted(inspector.get_table_names()):
        schema[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
            "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                           f["options"].get("ondelete")) for f in inspector.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(table)),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
            "checks": sorted((c["name"], " ".join(c["sqltext"].split()))
                             for c in inspector.get_check_constraints(table)),
        }
    engine.dispose()
    return schema


def _install(fixture: Path, paths: AppPaths) -> Path:
    shutil.copyfile(fixture, paths.database)
    return paths.database


def test_migrations_build_exactly_the_schema_the_models_describe(tmp_path: Path, paths: AppPaths,
                                                                 clock: FakeClock) -> None:
    store, report = Store.open(paths, clock)
    store.close()
    assert report.created
    reference = tmp_path / "models.db"
    engine = create_engine(f"sqlite:///{reference}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert _schema(f"sqlite:///{paths.database}") == _schema(f"sqlite:///{reference}")


def test_a_fixture_is_saved_for_every_schema_version() -> None:
    saved = [int(p.stem.split("_v")[1]) for p in SAVED_VERSIONS]
    assert saved == list(range(1, SCHEMA_VERSION + 1)), (
        "save the released schema with tests/fixtures/make_schema_fixture.py")


@pytest.mark.parametrize("fixture", SAVED_VERSIONS, ids=lambda p: p.stem)
def test_upgrade_from_each_saved_version_keeps_every_row(fixture: Path, paths: AppPaths,
                                                         clock: FakeClock) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text())
    original = _dump(fixture)
    _install(fixture, paths)
    store, report = Store.open(paths, clock)
    try:
        assert _user_version(paths.database) == SCHEMA_VERSION
        assert store.count_sessions() == expected["sessions"]
        assert store.count_sets() == expected["sets"]
        assert store.all_settings() == expected["settings"]
        assert len(store.custom_exercises()) == expected.get("custom_exercises", 0)
        for record in store.list_sessions():
            store.sets_of_session(record.id)  # every row still reads back
    finally:
        store.close()
    if expected["schema_version"] < SCHEMA_VERSION:
        assert report.migrated_from == expected["schema_version"]
        assert report.backup is not None and _dump(report.backup) == original
    else:
        assert report.migrated_from is None and report.backup is None


def test_older_database_is_backed_up_then_migrated(paths: AppPaths, clock: FakeClock) -> None:
    db = _install(SAVED_VERSIONS[-1], paths)
    before = sqlite3.connect(db).execute("SELECT count(*) FROM logged_set").fetchone()[0]
    store, report = Store.open(paths, clock, migrations=(*MIGRATIONS, NEXT_TEST_STEP))
    store.close()
    assert report.migrated_from == SCHEMA_VERSION
    assert report.backup is not None and report.backup.parent == paths.backups_dir
    assert _user_version(report.backup) == SCHEMA_VERSION  # the backup is the database as it was
    assert sqlite3.connect(report.backup).execute("SELECT count(*) FROM logged_set").fetchone()[0] \
        == before
    assert _user_version(db) == NEXT
    columns = [row[1] for row in sqlite3.connect(db).execute("PRAGMA table_info(logged_set)")]
    assert "heart_rate" in columns


def test_a_failing_migration_leaves_the_previous_version_intact(paths: AppPaths,
                                                                clock: FakeClock) -> None:
    db = _install(SAVED_VERSIONS[-1], paths)
    broken = Migration(NEXT, "test: breaks halfway",
                       ("ALTER TABLE logged_set ADD COLUMN heart_rate INTEGER", "THIS IS NOT SQL"))
    with pytest.raises(sqlite3.OperationalError):
        Store.open(paths, clock, migrations=(*MIGRATIONS, broken))
    assert _user_version(db) == SCHEMA_VERSION
    columns = [row[1] for row in sqlite3.connect(db).execute("PRAGMA table_info(logged_set)")]
    assert "heart_rate" not in columns  # the first statement was rolled back too
    assert len(list_backups(paths.backups_dir)) == 1  # and the backup is there to fall back on


def test_migrations_must_be_numbered_without_gaps() -> None:
    with pytest.raises(ValueError, match="without gaps"):
        pending(0, (*MIGRATIONS, Migration(NEXT + 1, "skips one", ())))
    assert [m.version for m in pending(0)] == list(range(1, SCHEMA_VERSION + 1))
    assert pending(SCHEMA_VERSION) == []


def test_a_newer_database_is_refused_and_not_written(paths: AppPaths, clock: FakeClock) -> None:
    db = _install(SAVED_VERSIONS[-1], paths)
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    digest, mtime = _digest(db), db.stat().st_mtime_ns
    with pytest.raises(NewerSchemaError, match="newer Hamstride") as caught:
        Store.open(paths, clock)
    assert f"schema {SCHEMA_VERSION + 5}" in str(caught.value)
    assert _digest(db) == digest and db.stat().st_mtime_ns == mtime
    assert not paths.backups_dir.exists() and not paths.damaged_dir.exists()


def _assert_moved_aside(paths: AppPaths, clock: FakeClock, original: bytes, reason: str) -> None:
    store, report = Store.open(paths, clock)
    try:
        assert report.moved_aside is not None
        assert report.moved_aside.parent == paths.damaged_dir
        assert report.moved_aside.read_bytes() == original  # intact, byte for byte
        assert reason in (report.problem or "")
        assert str(report.moved_aside) in report.notices[0]
        assert store.count_sessions() == 0  # a fresh database took its place
        assert _user_version(paths.database) == SCHEMA_VERSION
    finally:
        store.close()


def test_a_file_that_is_not_sqlite_is_moved_aside(paths: AppPaths, clock: FakeClock) -> None:
    original = b"these are my notes, not a database\n" * 20
    paths.database.write_bytes(original)
    _assert_moved_aside(paths, clock, original, "not an SQLite database")


def test_a_database_failing_the_integrity_check_is_moved_aside(paths: AppPaths,
                                                               clock: FakeClock) -> None:
    db = _install(SAVED_VERSIONS[-1], paths)
    connection = sqlite3.connect(db)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                              "'ix_logged_set_exercise_logged'").fetchone()[0]
    connection.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start + 8: start + page_size] = b"\xa5" * (page_size - 8)  # trash the index page
    db.write_bytes(bytes(data))
    _assert_moved_aside(paths, clock, bytes(data), "")


def test_a_foreign_sqlite_database_is_moved_aside(tmp_path: Path, paths: AppPaths,
                                                  clock: FakeClock) -> None:
    connection = sqlite3.connect(paths.database)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    _assert_moved_aside(paths, clock, paths.database.read_bytes(), "not one of Hamstride's")


def test_the_wal_companions_move_with_a_damaged_database(paths: AppPaths, clock: FakeClock) -> None:
    paths.database.write_bytes(b"garbage" * 100)
    Path(f"{paths.database}-wal").write_bytes(b"wal bytes")
    store, report = Store.open(paths, clock)
    store.close()
    assert report.moved_aside is not None
    assert Path(f"{report.moved_aside}-wal").read_bytes() == b"wal bytes"


def test_a_locked_or_unreadable_database_is_not_moved(paths: AppPaths, clock: FakeClock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Only corruption justifies moving the file; other errors leave it alone."""
    db = _install(SAVED_VERSIONS[-1], paths)
    digest = _digest(db)
    real_connect = sqlite3.connect

    class Refusing:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.inner = real_connect(*args, **kwargs)

        def execute(self, sql: str) -> object:
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorcode = 5
            raise error

        def close(self) -> None:
            self.inner.close()

    monkeypatch.setattr("app.storage.database.sqlite3.connect", Refusing)
    with pytest.raises(DatabaseError, match="locked"):
        Store.open(paths, clock)
    assert _digest(db) == digest
    assert not paths.damaged_dir.exists()


def test_v6_to_v7_adds_rir_and_held_descents_and_keeps_the_descent_summaries(
        paths: AppPaths, clock: FakeClock) -> None:
    _install(FIXTURES / "schema_v6.db", paths)
    store, report = Store.open(paths, clock)
    try:
        assert report.migrated_from == 6 and _user_version(paths.database) >= 7
        nordic = [s for r in store.list_sessions() for s in store.sets_of_session(r.id)
                  if s.descent_s]
        # Sets logged before v7 say nothing about effort in reserve or holds: not known.
        assert nordic and all(s.rir is None and s.descent_held == () for s in nordic)
        session = store.start_session(title="after the upgrade")
        logged = store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=3, rir=2,
                                                    descent_s=(5.0, 3.5, 2.0),
                                                    descent_held=(True, False, False)))
        (back,) = [s for s in store.sets_of_session(session.id)]
        assert back == logged and back.rir == 2 and back.descent_held == (True, False, False)
    finally:
        store.close()
    connection = sqlite3.connect(paths.database)
    try:
        # The v6 triggers still keep each set's longest and mean descent beside its list.
        assert connection.execute("SELECT descent_max_s, descent_mean_s, descent_held FROM "
                                  "logged_set WHERE id = ?", (logged.id,)).fetchone() \
            == (5.0, 3.5, "[true, false, false]")
        connection.execute("UPDATE logged_set SET descent_s = '[6.0, 2.0]', "
                           "descent_held = '[false, false]' WHERE id = ?", (logged.id,))
        assert connection.execute("SELECT descent_max_s, descent_mean_s FROM logged_set "
                                  "WHERE id = ?", (logged.id,)).fetchone() == (6.0, 4.0)
        # The database refuses what the validators refuse, as the last line of defence.
        for bad in ("rir = 11", "rir = -1", "descent_held = 'not json'"):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(f"UPDATE logged_set SET {bad} WHERE id = ?", (logged.id,))
        connection.execute("UPDATE logged_set SET rir = 10 WHERE id = ?", (logged.id,))
        connection.execute("UPDATE logged_set SET rir = 0 WHERE id = ?", (logged.id,))
    finally:
        connection.close()


def test_a_step_another_process_did_meanwhile_is_skipped_not_run_twice(
        paths: AppPaths, clock: FakeClock) -> None:
    """A process that saw an older log, then lost the race to one that does
    not take the write lock (an older Hamstride): each step reads the
    version again inside its exclusive transaction (issue 15 point 13)."""
    from app.storage import database

    store, _ = Store.open(paths, clock)          # "the other process" did every step
    store.close()
    database.migrate(paths.database, MIGRATIONS, clock.now())   # our stale view: all pending
    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT count(*) FROM athlete").fetchone()[0] == 1
    finally:
        connection.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    finally:
        connection.close()


def test_v7_to_v8_keeps_every_row_and_finds_a_programs_sessions_by_index(
        paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.storage.coaching_queries import CoachingReader

    before = _rows(FIXTURES / "schema_v7.db")
    _install(FIXTURES / "schema_v7.db", paths)
    # Up to v8 only: this test is about that step (v9 adds a column, see below).
    store, report = Store.open(paths, clock, migrations=MIGRATIONS[:8])
    store.close()
    assert report.migrated_from == 7 and _user_version(paths.database) == 8
    assert report.backup is not None and _rows(report.backup) == before
    assert _rows(paths.database) == before  # every row of every table, unchanged
    connection = sqlite3.connect(paths.database)
    try:
        (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                    "name = 'ix_workout_session_program'").fetchone()
        assert " ".join(sql.split()) == (
            "CREATE INDEX ix_workout_session_program ON workout_session "
            "(athlete_id, program_slug, started_at) WHERE program_slug IS NOT NULL")
    finally:
        connection.close()
    # The program's last session (Today, at every start) is read off it,
    # newest first without sorting: with none yet it no longer walks every session.
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    with CoachingReader(paths.database) as reader:
        last = reader.last_program_session("nordic-programme")
        statements.clear()
        assert reader.last_program_session("a-program-just-begun") is None
    monkeypatch.undo()
    assert last is not None and last.program_slug == "nordic-programme"
    (query,) = statements
    connection = sqlite3.connect(paths.database)
    try:
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {query}")]
    finally:
        connection.close()
    assert any("INDEX ix_workout_session_program (athlete_id=? AND program_slug=?)" in row
               for row in plan), plan
    assert not any("ix_workout_session_athlete_started" in row for row in plan), plan


def test_v8_to_v9_begins_every_enrolment_at_day_1_and_adds_quick_notes(
        paths: AppPaths, clock: FakeClock) -> None:
    """Schema v9: an enrolment's first session (a restart after a layoff
    begins part-way through) and the quick notes on how the body feels."""
    from app.storage.coaching_queries import CoachingReader

    before = _rows(FIXTURES / "schema_v8.db")
    _install(FIXTURES / "schema_v8.db", paths)
    # Up to v9 only: this test is about that step (v10 makes the custom tables again).
    store, report = Store.open(paths, clock, migrations=MIGRATIONS[:9])
    try:
        assert report.migrated_from == 8 and _user_version(paths.database) == 9
        after = _rows(paths.database)
        # Every enrolment made before began at the program's first session...
        assert after.pop("enrolment") == [(*row, 1) for row in before.pop("enrolment")]
        assert after.pop("body_note") == []
        assert after == before  # ...and every other row is as it was
        enrolment = store.reader.active_enrolment()
        assert enrolment is not None and enrolment.first_day == 1
        restarted = store.restart_enrolment(enrolment.program_slug, date(2026, 4, 6), 10)
        assert (restarted.start_date, restarted.first_day, restarted.weekdays) == (
            date(2026, 4, 6), 10, enrolment.weekdays)
        # Starting the restarted session twice stores one restart.
        assert store.restart_enrolment(enrolment.program_slug, date(2026, 4, 6), 10) == restarted
        note = store.add_body_note(run_pain="mild", words="  calf tight on the hills ")
        assert (note.soreness, note.run_pain, note.words) == (None, "mild", "calf tight on the hills")
        for bad in ({}, {"soreness": 11}, {"soreness": -1}, {"run_pain": "a lot"},
                    {"words": "   "}, {"soreness": True}):
            with pytest.raises(ValueError):
                store.add_body_note(**bad)
    finally:
        store.close()
    with CoachingReader(paths.database) as reader:
        assert reader.body_notes(clock.now()) == [note]
    connection = sqlite3.connect(paths.database)
    try:
        # Nothing false is stored: the soreness not given is NULL, not 0.
        assert connection.execute("SELECT soreness, run_pain FROM body_note").fetchall() == [
            (None, "mild")]
        # The database refuses what the validators refuse, as the last line of defence.
        for statement in ("UPDATE enrolment SET first_day = 0",
                          "UPDATE body_note SET soreness = 11",
                          "UPDATE body_note SET run_pain = 'severe'",
                          "UPDATE body_note SET run_pain = NULL, words = ' '"):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(statement)
    finally:
        connection.close()


def test_the_saved_v9_log_reads_its_restart_and_its_notes(paths: AppPaths,
                                                           clock: FakeClock) -> None:
    from app.storage.coaching_queries import CoachingReader

    expected = json.loads((FIXTURES / "schema_v9.json").read_text())
    _install(FIXTURES / "schema_v9.db", paths)
    store, _ = Store.open(paths, clock)
    try:
        enrolment = store.reader.active_enrolment()
        assert enrolment is not None
        assert (enrolment.start_date, enrolment.first_day) == (date(2026, 3, 9),
                                                               expected["first_day"])
    finally:
        store.close()
    with CoachingReader(paths.database) as reader:
        notes = reader.body_notes(datetime(2026, 3, 1, tzinfo=UTC))
    assert [(n.soreness, n.run_pain, n.words) for n in notes] == [
        (None, "none", ""), (6, "mild", "tight after the hills")]


def _add_old_warm_up(db: Path) -> None:
    """A v9 log's own warm-up, stored as v9 spelled it ("warm-up"), with two steps."""
    connection = sqlite3.connect(db)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            cursor = connection.execute(
                "INSERT INTO custom_exercise (uid, slug, name, equipment, one_side, category, "
                "level, notes, based_on, created_at, updated_at) VALUES ('w-1', "
                "'custom-hip-circles', 'Hip circles', '[\"bodyweight\"]', 'yes', 'warm-up', "
                "'beginner', 'slowly', 'leg-swings', '2026-03-05 08:00:00.000000', "
                "'2026-03-06 08:00:00.000000')")
            connection.executemany(
                "INSERT INTO custom_step (exercise_id, position, text, picture) VALUES (?, ?, ?, ?)",
                [(cursor.lastrowid, 1, "Stand tall.", None),
                 (cursor.lastrowid, 2, "Circle the knee.", "0123456789abcdef0123456789abcdef.png")])
    finally:
        connection.close()


def test_v9_to_v10_spells_a_warm_up_once_and_keeps_every_row(
        tmp_path: Path, paths: AppPaths, clock: FakeClock) -> None:
    """Schema v10: a warm-up exercise's category is stored as "warmup", the
    spelling of a warm-up set's type, instead of "warm-up" (issue 17)."""
    old = tmp_path / "v9.db"
    shutil.copyfile(FIXTURES / "schema_v9.db", old)
    _add_old_warm_up(old)
    before = _rows(old)
    assert [row[6] for row in before["custom_exercise"]] == ["strength", "warm-up"]
    _install(old, paths)
    # Up to v10 only: this test is about that step (v11 adds the running week's tables).
    store, report = Store.open(paths, clock, migrations=MIGRATIONS[:10])
    try:
        assert report.migrated_from == 9 and _user_version(paths.database) == 10
        assert report.backup is not None and _rows(report.backup) == before  # backed up first
        after = _rows(paths.database)
        # The category is the one change, on the one row that said "warm-up"...
        assert after.pop("custom_exercise") == [
            (*row[:6], "warmup" if row[6] == "warm-up" else row[6], *row[7:])
            for row in before.pop("custom_exercise")]
        assert after == before  # ...every other row of every table, steps and ids too, as it was
        own = {e.slug: e for e in store.custom_exercises()}
        assert own["custom-hip-circles"].category == Category.WARM_UP == "warmup"
        assert [step.text for step in own["custom-hip-circles"].steps] == ["Stand tall.",
                                                                          "Circle the knee."]
        assert own["custom-sliding-leg-curl"].category == "strength"
    finally:
        store.close()
    # The tables made again are the ones a new log has (constraints, keys, indexes).
    fresh = resolve_paths(tmp_path / "fresh")
    prepare_dirs(fresh)
    Store.open(fresh, clock, migrations=MIGRATIONS[:10])[0].close()
    assert _schema(f"sqlite:///{paths.database}") == _schema(f"sqlite:///{fresh.database}")
    connection = sqlite3.connect(paths.database)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError):  # the old spelling can no longer be stored
            connection.execute("UPDATE custom_exercise SET category = 'warm-up'")
        with connection:  # an exercise's steps still go with it
            connection.execute("DELETE FROM custom_exercise WHERE slug = 'custom-hip-circles'")
        assert connection.execute("SELECT count(*) FROM custom_step").fetchone()[0] == 2
    finally:
        connection.close()


def test_the_saved_v10_log_reads_its_own_warm_up(paths: AppPaths, clock: FakeClock) -> None:
    expected = json.loads((FIXTURES / "schema_v10.json").read_text())
    _install(FIXTURES / "schema_v10.db", paths)
    store, report = Store.open(paths, clock)
    try:
        assert report.migrated_from == 10  # (was: None, before schema v11)
        own = {e.name: e.category for e in store.custom_exercises()}
        assert len(own) == expected["custom_exercises"]
        assert own == {"Sliding leg curl": "strength", "Hip circles": "warmup"}
    finally:
        store.close()


def test_a_log_of_the_schema_after_v11_is_refused(paths: AppPaths, clock: FakeClock) -> None:
    db = _install(FIXTURES / "schema_v11.db", paths)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version = 12")
    connection.close()
    digest = _digest(db)
    with pytest.raises(NewerSchemaError, match="schema 12"):
        Store.open(paths, clock)
    assert _digest(db) == digest


_RUNNING_TABLES = ("run", "planned_run_day", "race", "body_weight")


def test_v10_to_v11_keeps_every_row_and_adds_the_running_week(
        tmp_path: Path, paths: AppPaths, clock: FakeClock) -> None:
    """Schema v11 (issue 18): runs, the planned running week, races and body
    weight, in new tables; nothing else changes."""
    before = _rows(FIXTURES / "schema_v10.db")
    _install(FIXTURES / "schema_v10.db", paths)
    store, report = Store.open(paths, clock)
    try:
        assert report.migrated_from == 10 and _user_version(paths.database) == 11 == SCHEMA_VERSION
        assert report.backup is not None and _rows(report.backup) == before  # backed up first
        after = _rows(paths.database)
        assert {table: after.pop(table) for table in _RUNNING_TABLES} == {
            table: [] for table in _RUNNING_TABLES}
        assert after == before  # every row of every other table, ids and all, as it was
        assert not store.reader.has_running()
        assert store.reader.planned_week() == (PlannedDay.REST,) * 7
    finally:
        store.close()
    # The new tables are the ones a new log has (constraints, keys, indexes).
    fresh = resolve_paths(tmp_path / "fresh")
    prepare_dirs(fresh)
    Store.open(fresh, clock)[0].close()
    assert _schema(f"sqlite:///{paths.database}") == _schema(f"sqlite:///{fresh.database}")
    connection = sqlite3.connect(paths.database)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        (plan,) = [row[3] for row in connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM run WHERE athlete_id = 1 AND started_at >= 'a' "
            "AND started_at < 'b'")]
        assert "ix_run_athlete_started" in plan
        with connection:
            connection.execute(
                "INSERT INTO run (athlete_id, started_at, duration_s, sport, tag, tag_guessed, "
                "source, title) VALUES (1, '2026-03-01 07:00:00.000000', 1800, 'run', 'easy', 1, "
                "'typed', '')")
            connection.execute("INSERT INTO body_weight (athlete_id, day, kg) "
                               "VALUES (1, '2026-03-01', 70)")
        # The database refuses what the vocabulary's validators refuse, as the last line of defence.
        for statement in ("UPDATE run SET duration_s = 0", "UPDATE run SET duration_s = 172800.5",
                          "UPDATE run SET sport = 'cycling'", "UPDATE run SET tag = 'tempo'",
                          "UPDATE run SET average_heart_rate = 19",
                          "UPDATE run SET average_heart_rate = 251",
                          "UPDATE run SET distance_m = -1", "UPDATE run SET elevation_gain_m = 50001",
                          "UPDATE run SET tag_guessed = 2", "UPDATE run SET athlete_id = 99",
                          "INSERT INTO planned_run_day VALUES (1, 7, 'easy')",
                          "INSERT INTO planned_run_day VALUES (1, 0, 'tempo')",
                          "INSERT INTO race (athlete_id, day, name) VALUES (1, '2026-13-01', 'X')",
                          "INSERT INTO race (athlete_id, day, name) VALUES (1, '2026-04-01', ' ')",
                          "UPDATE body_weight SET kg = 19.9", "UPDATE body_weight SET kg = 400.1",
                          "INSERT INTO body_weight (athlete_id, day, kg) VALUES (1, '2026-03-01', 71)"):
            with pytest.raises(sqlite3.IntegrityError, match="constraint failed"):
                connection.execute(statement)
                pytest.fail(statement)
        for statement in ("UPDATE run SET duration_s = 172800", "UPDATE run SET average_heart_rate = 20",
                          "UPDATE run SET average_heart_rate = 250",
                          "UPDATE body_weight SET kg = 20", "UPDATE body_weight SET kg = 400"):
            connection.execute(statement)  # the limits themselves are allowed
        with connection:  # an athlete's running week goes with the athlete
            connection.execute("DELETE FROM athlete")
        assert [connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("run", "body_weight")] == [0, 0]
    finally:
        connection.close()


def test_the_saved_v11_log_reads_its_running_week(paths: AppPaths, clock: FakeClock) -> None:
    expected = json.loads((FIXTURES / "schema_v11.json").read_text())
    _install(FIXTURES / "schema_v11.db", paths)
    store, report = Store.open(paths, clock)
    try:
        assert report.migrated_from is None and report.backup is None
        reader = store.reader
        assert reader.count_runs() == expected["runs"] == 2
        watch, typed = reader.runs_between(datetime(2026, 3, 1, tzinfo=UTC),
                                           datetime(2026, 3, 4, tzinfo=UTC))
        assert watch.entry == RunEntry(datetime(2026, 3, 1, 7, 30, tzinfo=UTC), 3725.0,
                                       Sport.TRAIL_RUN, distance_m=10230.5, elevation_gain_m=85.0,
                                       average_heart_rate=152, tag=RunTag.EASY, tag_guessed=True,
                                       source="fit", title="Morning run")
        # What the athlete did not give is still not there (never a 0).
        assert (typed.entry.distance_m, typed.entry.elevation_gain_m,
                typed.entry.average_heart_rate) == (None, None, None)
        assert (typed.tag, typed.entry.tag_guessed) == (RunTag.QUALITY, False)
        assert [day.value for day in reader.planned_week()] == expected["planned_week"]
        assert [(r.day, r.name) for r in reader.races()] == [(date(2026, 4, 12),
                                                             "City half marathon")]
        assert [(w.day, w.kg) for w in reader.body_weights()] == [(date(2026, 3, 2), 72.5)]
        assert len(reader.races()) == expected["races"]
        assert len(reader.body_weights()) == expected["body_weights"]
        assert reader.has_running()
    finally:
        store.close()

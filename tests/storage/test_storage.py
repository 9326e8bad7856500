"""The storage API: what goes in comes back, nonsense is refused, both by the
validators (with words) and by the database itself (CHECK constraints)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import InvalidEntryError, SetEntry
from app.storage.store import Store
from app.storage.training_log import UnknownSessionError


def test_logged_set_round_trips_with_every_field(store: Store, clock: FakeClock) -> None:
    session = store.start_session(title="Nordics", program_slug="nordic-programme", program_day=3,
                                  readiness={"soreness": 2, "pain": "none"})
    clock.advance(60)
    entry = SetEntry("nordic-hamstring-curl", 1, side="both", reps=6, load=None, rpe=8.5,
                     tempo="5-0-3-0", descent_s=(5.0, 4.6, 3.9), set_type="working", notes="good")
    logged = store.log_set(session.id, entry)
    [back] = store.sets_of_session(session.id)
    assert back == logged
    assert back.descent_s == (5.0, 4.6, 3.9)
    assert back.rpe == 8.5 and back.tempo == "5-0-3-0" and back.notes == "good"
    assert back.logged_at == clock.now()
    [record] = store.list_sessions()
    assert record.readiness == {"soreness": 2, "pain": "none"}
    assert record.program_slug == "nordic-programme" and record.program_day == 3


def test_load_is_stored_in_kg_and_shown_in_the_unit_entered(store: Store) -> None:
    session = store.start_session()
    logged = store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=135,
                                                load_unit="lb"))
    assert logged.load_kg == pytest.approx(61.235, abs=0.001)
    assert logged.load_unit == "lb"
    assert logged.load_entered == 135
    band = store.log_set(session.id, SetEntry("nordic-hamstring-curl", 2, reps=5, load=-15))
    assert band.load_kg == -15


def test_times_are_stored_as_utc_and_come_back_aware(store: Store) -> None:
    local = datetime(2026, 6, 1, 19, 0, tzinfo=timezone(timedelta(hours=2)))
    session = store.start_session(started_at=local)
    [record] = store.list_sessions()
    assert record.id == session.id
    assert record.started_at == datetime(2026, 6, 1, 17, 0, tzinfo=UTC)
    assert record.started_at.tzinfo == UTC
    raw = sqlite3.connect(store.db_path).execute("SELECT started_at FROM workout_session").fetchone()
    assert raw[0].startswith("2026-06-01 17:00:00")


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        store.start_session(started_at=datetime(2026, 6, 1, 19, 0))


def test_session_summary_counts_sets_and_volume(store: Store, clock: FakeClock) -> None:
    session = store.start_session()
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=10, load=60))
    store.log_set(session.id, SetEntry("romanian-deadlift", 2, reps=8, load=70))
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=5))
    clock.advance(1800)
    store.end_session(session.id)
    [record] = store.list_sessions()
    assert record.set_count == 3
    assert record.volume_kg == pytest.approx(10 * 60 + 8 * 70)
    assert record.duration_s == 1800
    assert store.count_sessions() == 1 and store.count_sets() == 3


def test_sessions_are_listed_newest_first(store: Store, clock: FakeClock) -> None:
    first = store.start_session(title="first")
    clock.advance(86400)
    second = store.start_session(title="second")
    assert [r.id for r in store.list_sessions()] == [second.id, first.id]
    assert [r.id for r in store.list_sessions(limit=1)] == [second.id]


def test_deleting_a_session_deletes_its_sets(store: Store) -> None:
    session = store.start_session()
    store.log_set(session.id, SetEntry("glute-bridge", 1, reps=12))
    store.delete_session(session.id)
    assert store.count_sets() == 0


def test_a_set_for_an_unknown_session_is_refused(store: Store) -> None:
    with pytest.raises(UnknownSessionError):
        store.log_set(999, SetEntry("glute-bridge", 1, reps=12))
    assert store.count_sets() == 0


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"reps": -1}, "reps"),
    ({"reps": 2.5}, "reps"),
    ({"rpe": 11}, "RPE"),
    ({"rpe": 0.5}, "RPE"),
    ({"load": 501}, "load"),
    ({"load": 1200, "load_unit": "lb"}, "load"),
    ({"load": float("nan")}, "load"),
    ({"load": "ten"}, "load"),
    ({"side": "middle"}, "side"),
    ({"set_type": "amrap"}, "set type"),
    ({"load_unit": "stone"}, "load unit"),
    ({"tempo": "5-0-3"}, "tempo"),
    ({"tempo": "X-0-1-0"}, "tempo"),
    ({"descent_s": (5.0, -1.0)}, "descent of rep 2"),
    ({"duration_s": -3}, "duration"),
    ({"set_number": 0}, "set number"),
])
def test_validators_name_the_field(kwargs: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"exercise_slug": "glute-bridge", "set_number": 1, "reps": 10}
    values.update(kwargs)
    with pytest.raises(InvalidEntryError) as caught:
        SetEntry(**values)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(field)


@pytest.mark.parametrize("column_sql", [
    "reps = -1", "rpe = 11", "rpe = 0", "side = 'middle'", "set_type = 'amrap'",
    "load_kg = 900", "load_unit = 'st'", "descent_s = 'not json'", "set_number = 0",
])
def test_the_database_itself_refuses_nonsense(store: Store, column_sql: str) -> None:
    """The CHECK constraints hold even for writers that skip the validators."""
    session = store.start_session()
    logged = store.log_set(session.id, SetEntry("glute-bridge", 1, reps=12))
    connection = sqlite3.connect(store.db_path)
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(f"UPDATE logged_set SET {column_sql} WHERE id = ?", (logged.id,))
    connection.close()


def test_foreign_keys_are_enforced(store: Store) -> None:
    from app.storage.models import LoggedSet

    with pytest.raises(IntegrityError), store.db.writing() as session:
        session.add(LoggedSet(session_id=12345, exercise_slug="x", set_number=1, side="both",
                              load_unit="kg", set_type="working", notes="",
                              logged_at=datetime(2026, 1, 1, tzinfo=UTC)))


def test_connection_pragmas(store: Store) -> None:
    with store.db.engine.connect() as connection:
        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000


def test_settings_round_trip_json(store: Store, clock: FakeClock) -> None:
    assert store.get_setting("units", "kg") == "kg"
    store.set_setting("units", "lb")
    store.set_setting("rest", {"nordic": 90, "heavy": [120, 180]})
    store.set_setting("units", "kg")
    assert store.get_setting("units") == "kg"
    assert store.all_settings() == {"rest": {"heavy": [120, 180], "nordic": 90}, "units": "kg"}


def test_one_default_athlete_is_made_once(paths: AppPaths, clock: FakeClock) -> None:
    first, _ = Store.open(paths, clock)
    athlete = first.athlete_id
    first.close()
    again, _ = Store.open(paths, clock)
    assert again.athlete_id == athlete
    count = sqlite3.connect(paths.database).execute("SELECT count(*) FROM athlete").fetchone()[0]
    again.close()
    assert count == 1


def test_database_and_backups_are_private(store: Store) -> None:
    import stat

    backup = store.backup()
    assert stat.S_IMODE(store.db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_last_loads_come_from_the_latest_working_set(store: Store, clock: FakeClock) -> None:
    from app.logbook.entries import SetEntry

    session = store.start_session(title="Gym")
    store.log_set(session.id, SetEntry("romanian-deadlift", 1, reps=8, load=60))
    clock.advance(60)
    store.log_set(session.id, SetEntry("romanian-deadlift", 2, reps=8, load=70))
    clock.advance(60)
    store.log_set(session.id, SetEntry("romanian-deadlift", 3, reps=12, load=40, set_type="warmup"))
    store.log_set(session.id, SetEntry("glute-bridge", 1, reps=12))
    assert store.reader.last_loads(["romanian-deadlift", "glute-bridge", "jump-squat"]) == \
        {"romanian-deadlift": 70.0}

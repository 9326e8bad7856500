"""Daily backups at the first session of a day, and restoring a backup."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.backup import (
    BackupError,
    BackupKind,
    backup_reason,
    backup_time,
    daily_backup_due,
    list_backups,
)
from app.storage.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_the_first_session_of_a_day_makes_one_daily_backup(store: Store, clock: FakeClock,
                                                            paths: AppPaths) -> None:
    first = store.start_session(title="Morning")
    store.log_set(first.id, SetEntry("glute-bridge", 1, reps=12))
    clock.advance(3 * 3600)
    store.start_session(title="Evening")
    daily = [p for p in list_backups(paths.backups_dir) if backup_reason(p) == "daily"]
    assert len(daily) == 1
    made = backup_time(daily[0])
    assert made is not None and made.date() == clock.now().date()
    clock.advance(24 * 3600)
    store.start_session(title="Next day")
    assert len([p for p in list_backups(paths.backups_dir) if backup_reason(p) == "daily"]) == 2


def test_the_daily_backup_follows_the_local_day(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    backups = tmp_path / "b"
    backups.mkdir()
    # Made at 23:30 UTC on the 1st: in Oslo (UTC+1 in winter) that is already the 2nd.
    (backups / "hamstride-20261201T233000Z-00-daily.db").touch()
    oslo = ZoneInfo("Europe/Oslo")
    assert not daily_backup_due(backups, datetime(2026, 12, 2, 10, 0, tzinfo=UTC), oslo)
    assert daily_backup_due(backups, datetime(2026, 12, 2, 10, 0, tzinfo=UTC), UTC)


def test_an_imported_session_makes_no_daily_backup(store: Store, paths: AppPaths) -> None:
    store.start_session(title="From Strong", source="strong")
    assert list_backups(paths.backups_dir) == []


def test_restoring_brings_back_the_backup_and_keeps_the_log_as_it_was(store: Store, clock: FakeClock,
                                                                      paths: AppPaths) -> None:
    kept = store.start_session(title="Kept")
    store.log_set(kept.id, SetEntry("glute-bridge", 1, reps=12))
    backup = store.backup(BackupKind.MANUAL)
    clock.advance(600)
    later = store.start_session(title="After the backup", source="strong")
    store.log_set(later.id, SetEntry("glute-bridge", 1, reps=15))
    result = store.restore_backup(backup)
    assert [s.title for s in store.list_sessions()] == ["Kept"]
    assert store.count_sets() == 1
    # The log as it was before the restore is itself a backup.
    assert backup_reason(result.safety_backup) == "before-restore"
    connection = sqlite3.connect(result.safety_backup)
    try:
        titles = {t for (t,) in connection.execute("SELECT title FROM workout_session")}
    finally:
        connection.close()
    assert titles == {"Kept", "After the backup"}
    # The store goes on working on the restored log.
    store.log_set(kept.id, SetEntry("glute-bridge", 2, reps=12))
    assert store.count_sets() == 2


def test_a_restore_waits_for_another_writer_and_leaves_the_log_alone_meanwhile(
        store: Store, clock: FakeClock, paths: AppPaths) -> None:
    """A command-line import holds the write lock: the window's restore waits
    for it (told through on_wait) and copies nothing until it is released."""
    import threading

    from app.storage.write_lock import hold_write_lock

    kept = store.start_session(title="Kept")
    store.log_set(kept.id, SetEntry("glute-bridge", 1, reps=12))
    backup = store.backup(BackupKind.MANUAL)
    clock.advance(600)
    store.start_session(title="After the backup", source="strong")
    waiting = threading.Event()
    done: list[object] = []
    with hold_write_lock(paths.database):
        restore = threading.Thread(
            target=lambda: done.append(store.restore_backup(backup, on_wait=waiting.set)))
        restore.start()
        assert waiting.wait(30)
        assert done == []
        assert not [p for p in list_backups(paths.backups_dir)
                    if backup_reason(p) == "before-restore"]
        assert sorted(s.title for s in store.list_sessions()) == ["After the backup", "Kept"]
    restore.join(30)
    assert len(done) == 1
    assert [s.title for s in store.list_sessions()] == ["Kept"]


def test_an_older_backup_is_migrated_when_restored(store: Store, tmp_path: Path) -> None:
    old = tmp_path / "hamstride-20260302T170000Z-00-manual.db"
    shutil.copyfile(FIXTURES / "schema_v1.db", old)
    result = store.restore_backup(old)
    assert result.migrated_from == 1
    assert [s.title for s in store.list_sessions()][-1] == "Nordic week 3"
    session = store.start_session(title="After restore")
    store.log_set(session.id, SetEntry("custom-sled", 1, distance_m=20))


@pytest.mark.parametrize("content", [b"", b"not a database at all", None])
def test_a_file_that_is_not_a_sound_backup_is_refused_and_nothing_changes(
        store: Store, tmp_path: Path, paths: AppPaths, content: bytes | None) -> None:
    session = store.start_session(title="Mine", source="strong")
    store.log_set(session.id, SetEntry("glute-bridge", 1, reps=12))
    bad = tmp_path / "bad.db"
    if content is None:  # an SQLite database, but not Hamstride's
        connection = sqlite3.connect(bad)
        connection.execute("CREATE TABLE t (x)")
        connection.close()
    else:
        bad.write_bytes(content)
    with pytest.raises(BackupError):
        store.restore_backup(bad)
    assert [s.title for s in store.list_sessions()] == ["Mine"]
    assert list_backups(paths.backups_dir) == []


def test_a_backup_from_a_newer_version_is_refused(store: Store, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    shutil.copyfile(FIXTURES / "schema_v3.db", newer)
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(BackupError, match="newer"):
        store.restore_backup(newer)

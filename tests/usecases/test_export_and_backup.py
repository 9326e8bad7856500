from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.kernel.atomic import atomic_write
from app.kernel.clock import FakeClock
from app.logbook.entries import SetEntry
from app.storage.backup import KEEP_BACKUPS, BackupKind, backup_file, backup_kind, list_backups
from app.storage.store import Store
from app.usecases.export import CSV_COLUMNS, csv_rows, export_csv, neutralise


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+2", "'=1+2"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("fine", "fine"), ("", ""), ("a=b", "a=b"),
])
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_header_is_the_documented_columns(store: Store) -> None:
    header = next(csv_rows([]))
    assert header == [name for name, _ in CSV_COLUMNS]


def test_negative_load_stays_a_number(store: Store, tmp_path: Path) -> None:
    session = store.start_session(title="-bad title")
    store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=4, load=-10))
    target = tmp_path / "out.csv"
    export_csv(store.reader, target)
    text = target.read_text()
    assert ",-10," in text and "'-bad title" in text


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no temporary file left behind


def test_backups_are_consistent_copies_and_only_ten_are_kept(store: Store, clock: FakeClock) -> None:
    session = store.start_session()
    store.log_set(session.id, SetEntry("glute-bridge", 1, reps=12))
    made = []
    for _ in range(KEEP_BACKUPS + 3):
        made.append(store.backup())
        clock.advance(60)
    kept = [p for p in list_backups(store.backups_dir) if backup_kind(p) is BackupKind.MANUAL]
    assert kept == sorted(made[-KEEP_BACKUPS:], reverse=True)
    # The session's daily backup is another kind: the manual ones never push it out.
    assert [backup_kind(p) for p in list_backups(store.backups_dir)].count(BackupKind.DAILY) == 1
    copy = sqlite3.connect(kept[0])
    assert copy.execute("SELECT count(*) FROM logged_set").fetchone()[0] == 1
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_two_backups_in_the_same_second_do_not_collide(store: Store, clock: FakeClock) -> None:
    first = backup_file(store.db_path, store.backups_dir, clock.now(), BackupKind.MANUAL)
    second = backup_file(store.db_path, store.backups_dir, clock.now() + timedelta(0), BackupKind.MANUAL)
    assert first != second and first.exists() and second.exists()

"""What a SIGKILL can leave behind (found by benchmarks/kill_test.py), and how
the next start deals with it: half-written backups are never listed and are
removed, backups open without growing -wal/-shm files, and temporary copies
of the saved session are cleared."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from app.kernel.atomic import remove_leftovers
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.session.saved import SAVED_SESSION_FILE
from app.storage.backup import BackupKind, backup_file, list_backups, prune
from app.storage.store import Store
from app.ui.shell.application import GuiSession

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


def _database(paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    store.close()


def test_a_backup_cut_short_is_never_listed_and_is_cleared(paths: AppPaths, clock: FakeClock) -> None:
    _database(paths, clock)
    paths.backups_dir.mkdir(exist_ok=True)
    # What a kill during the copy leaves: the partial file and its journal.
    cut = paths.backups_dir / "hamstride-20261122T055900Z-00-manual.db.partial"
    cut.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    Path(f"{cut}-journal").write_bytes(b"\0" * 512)
    assert list_backups(paths.backups_dir) == []
    made = backup_file(paths.database, paths.backups_dir, NOW, BackupKind.MANUAL)
    assert list_backups(paths.backups_dir) == [made]
    assert sorted(p.name for p in paths.backups_dir.iterdir()) == [made.name]


def test_a_backup_is_one_self_contained_file(paths: AppPaths, clock: FakeClock) -> None:
    _database(paths, clock)
    made = backup_file(paths.database, paths.backups_dir, NOW, BackupKind.MANUAL)
    connection = sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
    assert sorted(p.name for p in paths.backups_dir.iterdir()) == [made.name]


def test_pruning_takes_a_backups_side_files_with_it(paths: AppPaths, clock: FakeClock) -> None:
    _database(paths, clock)
    old = backup_file(paths.database, paths.backups_dir, NOW, BackupKind.MANUAL)
    for suffix in ("-wal", "-shm"):  # what an older, WAL-mode backup could have
        Path(f"{old}{suffix}").write_bytes(b"")
    new = backup_file(paths.database, paths.backups_dir, NOW.replace(hour=7), BackupKind.MANUAL)
    prune(paths.backups_dir, keep=1)
    assert sorted(p.name for p in paths.backups_dir.iterdir()) == [new.name]


def test_unfinished_copies_of_the_saved_session_are_removed_at_start(
        paths: AppPaths, open_window: Callable[[], GuiSession]) -> None:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    leftover = paths.data_dir / f".{SAVED_SESSION_FILE}.k1ll3d.tmp"
    leftover.write_text("{ half")
    unrelated = paths.data_dir / "notes.tmp"
    unrelated.write_text("not ours")
    open_window()
    assert not leftover.exists() and unrelated.exists()


def test_remove_leftovers_counts_what_it_removed(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    for name in (".export.csv.a1.tmp", ".export.csv.b2.tmp"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".other.csv.c3.tmp").write_text("x")
    assert remove_leftovers(target) == 2
    assert [p.name for p in tmp_path.iterdir()] == [".other.csv.c3.tmp"]

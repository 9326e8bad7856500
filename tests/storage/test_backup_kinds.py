"""Issue 15 point 2: the kinds of backup are kept apart.

Repeated failed upgrades (a read-only database started 11 times) filled the
one 10-backup rotation with before-upgrade copies and deleted every daily,
manual and before-import backup. Now each kind rotates on its own, and of
the before-upgrade copies the newest per schema version is kept: they can
never push out another kind, nor one another's versions.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.backup import (
    KEEP_BACKUPS,
    BackupKind,
    backup_file,
    backup_kind,
    backup_reason,
    list_backups,
    upgrade_version,
)
from app.storage.store import Store

START = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@pytest.fixture
def database(paths: AppPaths, clock: FakeClock) -> Path:
    store, _ = Store.open(paths, clock)
    store.close()
    return paths.database


def _kinds(backups_dir: Path) -> list[str]:
    return [backup_reason(p) for p in list_backups(backups_dir)]


def test_failed_upgrades_never_push_out_the_other_kinds(database: Path, paths: AppPaths) -> None:
    moment = START
    kept = {}
    for kind in (BackupKind.DAILY, BackupKind.MANUAL, BackupKind.BEFORE_IMPORT,
                 BackupKind.BEFORE_RESTORE):
        kept[kind] = backup_file(database, paths.backups_dir, moment, kind)
        moment += timedelta(minutes=1)
    older_version = backup_file(database, paths.backups_dir, moment, BackupKind.BEFORE_UPGRADE,
                                upgrade_to=6)
    attempts = []
    for _ in range(KEEP_BACKUPS + 1):  # the read-only log started 11 times
        moment += timedelta(minutes=1)
        attempts.append(backup_file(database, paths.backups_dir, moment,
                                    BackupKind.BEFORE_UPGRADE, upgrade_to=7))
    left = list_backups(paths.backups_dir)
    assert all(path in left for path in kept.values())
    assert older_version in left  # another version's copy stays too
    assert [p for p in left if upgrade_version(p) == 7] == [attempts[-1]]  # the newest alone
    assert sorted(_kinds(paths.backups_dir)) == sorted(
        ["daily", "manual", "before-import", "before-restore", "before-v6", "before-v7"])


def test_each_kind_keeps_its_own_newest(database: Path, paths: AppPaths) -> None:
    moment = START
    made: dict[BackupKind, list[Path]] = {BackupKind.DAILY: [], BackupKind.MANUAL: []}
    for _ in range(KEEP_BACKUPS + 3):
        for kind, paths_made in made.items():
            paths_made.append(backup_file(database, paths.backups_dir, moment, kind))
            moment += timedelta(minutes=1)
    left = list_backups(paths.backups_dir)
    assert len(left) == 2 * KEEP_BACKUPS
    for kind, paths_made in made.items():
        assert [p for p in left if backup_kind(p) is kind] == paths_made[::-1][:KEEP_BACKUPS]


def test_a_backup_of_an_unknown_kind_is_left_alone(database: Path, paths: AppPaths) -> None:
    """A file another version named differently is neither pruned with one
    kind nor able to push one out."""
    paths.backups_dir.mkdir(exist_ok=True)
    stranger = paths.backups_dir / "hamstride-20200101T000000Z-00-before-cleanup.db"
    stranger.write_bytes(b"")
    for n in range(KEEP_BACKUPS + 2):
        backup_file(database, paths.backups_dir, START + timedelta(minutes=n), BackupKind.MANUAL)
    assert stranger.exists() and backup_kind(stranger) is None
    assert len(list_backups(paths.backups_dir)) == KEEP_BACKUPS + 1


@pytest.mark.parametrize(("name", "kind", "version"), [
    ("hamstride-20261122T060000Z-00-daily.db", BackupKind.DAILY, None),
    ("hamstride-20261122T060000Z-01-manual.db", BackupKind.MANUAL, None),
    ("hamstride-20261122T060000Z-00-before-import.db", BackupKind.BEFORE_IMPORT, None),
    ("hamstride-20261122T060000Z-00-before-restore.db", BackupKind.BEFORE_RESTORE, None),
    ("hamstride-20261122T060000Z-00-before-v7.db", BackupKind.BEFORE_UPGRADE, 7),
    ("hamstride-20261122T060000Z-00-before-v12.db", BackupKind.BEFORE_UPGRADE, 12),
    ("hamstride-20261122T060000Z-00-before-vx.db", None, None),
    ("notes.db", None, None),
])
def test_the_kind_is_read_from_the_name(name: str, kind: BackupKind | None,
                                        version: int | None) -> None:
    assert backup_kind(Path(name)) is kind
    assert upgrade_version(Path(name)) == version


def test_a_kind_needs_its_version_and_only_it_does(database: Path, paths: AppPaths) -> None:
    with pytest.raises(ValueError):
        backup_file(database, paths.backups_dir, START, BackupKind.BEFORE_UPGRADE)
    with pytest.raises(ValueError):
        backup_file(database, paths.backups_dir, START, BackupKind.MANUAL, upgrade_to=7)
    assert list_backups(paths.backups_dir) == []

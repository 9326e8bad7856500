"""Issue 15 point 2, on the Settings page: each kind of backup is named in
words (the kinds are kept apart in tests/storage/test_backup_kinds.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.storage.backup import KEEP_BACKUPS, BackupKind, backup_file
from app.storage.store import Store

START = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@pytest.fixture
def database(paths: AppPaths, clock: FakeClock) -> Path:
    store, _ = Store.open(paths, clock)
    store.close()
    return paths.database


def test_the_settings_list_shows_every_kind(qtbot: object, database: Path,
                                            paths: AppPaths) -> None:
    from pytestqt.qtbot import QtBot

    from app.ui.settings.settings_page import SettingsPage

    assert isinstance(qtbot, QtBot)
    moment = START
    for kind in (BackupKind.DAILY, BackupKind.MANUAL, BackupKind.BEFORE_IMPORT,
                 BackupKind.BEFORE_RESTORE):
        backup_file(database, paths.backups_dir, moment, kind)
        moment += timedelta(minutes=1)
    for _ in range(KEEP_BACKUPS + 1):
        backup_file(database, paths.backups_dir, moment, BackupKind.BEFORE_UPGRADE, upgrade_to=7)
        moment += timedelta(minutes=1)
    page = SettingsPage(paths)
    qtbot.addWidget(page)
    page.refresh_backups()
    shown = [page.backup_list.item(row).text() for row in range(page.backup_list.count())]
    assert len(shown) == 5
    for words in ("made by you", "daily", "before an import", "before a restore",
                  "before the upgrade to log version 7"):
        assert sum(words in line for line in shown) == 1, (words, shown)


def test_settings_names_every_kind_in_words_with_the_upgrade_s_version(
        database: Path, paths: AppPaths) -> None:
    from app.ui.settings.settings_page import describe_backup

    made = {kind: backup_file(database, paths.backups_dir, START + timedelta(minutes=i), kind,
                              upgrade_to=9 if kind is BackupKind.BEFORE_UPGRADE else None)
            for i, kind in enumerate(BackupKind)}
    words = {kind: describe_backup(path).split(" · ")[1] for kind, path in made.items()}
    assert words == {BackupKind.MANUAL: "made by you",
                     BackupKind.DAILY: "daily, before the day's first session",
                     BackupKind.BEFORE_IMPORT: "before an import",
                     BackupKind.BEFORE_RESTORE: "before a restore",
                     BackupKind.BEFORE_UPGRADE: "before the upgrade to log version 9"}

"""Restoring a backup from Settings: listed with when and why, confirmed,
the log as it was kept as a backup, and every page showing the restored log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.logbook.entries import SetEntry
from app.storage.backup import BackupKind, backup_reason, list_backups
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.shell.application import GuiSession
from helpers.writes import wait_for_writes


def test_restore_a_backup_from_settings(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    store, _ = Store.open(paths, clock)
    kept = store.start_session(title="Before the backup", source="strong")
    store.log_set(kept.id, SetEntry("glute-bridge", 1, reps=12))
    store.backup(BackupKind.MANUAL)
    clock.advance(3600)
    later = store.start_session(title="After the backup", source="strong")
    store.log_set(later.id, SetEntry("glute-bridge", 1, reps=15))
    store.close()

    alerts = RecordingAlerts()
    gui = GuiSession(paths, alerts, clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    window = gui.window
    assert window.history_page.sessions_model.rowCount() == 2
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.settings_page
    assert page.backup_list.count() == 1
    assert "made by you" in page.backup_list.item(0).text()
    assert not page.restore_button.isEnabled()
    page.backup_list.setFocus()
    page.backup_list.setCurrentRow(0)
    assert page.restore_button.isEnabled()
    qtbot.keyClick(page.backup_list, Qt.Key.Key_Return)
    wait_for_writes(qtbot, window.writer)
    kind, title, _text = alerts.shown[-1]
    assert (kind, title) == ("confirm", "Restore a backup")
    qtbot.waitUntil(lambda: window.history_page.sessions_model.rowCount() == 1, timeout=20000)
    assert window.history_page.sessions_model.index(0, 1).data().startswith("Before the backup")
    reasons = sorted(backup_reason(p) for p in list_backups(paths.backups_dir))
    assert reasons == ["before-restore", "manual"]
    assert page.backup_list.count() == 2

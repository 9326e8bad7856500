"""Settings: for now, where the data lives and its backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.paths import AppPaths
from app.storage.backup import list_backups
from app.ui.pages.page import Page

if TYPE_CHECKING:
    from app.storage.queries import LogReader


class SettingsPage(Page):
    backup_requested = Signal()

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__("Settings", parent)
        self._paths = paths

        data_box = QGroupBox("Your data", self)
        form = QFormLayout(data_box)
        self.data_dir_label = _path_label(paths.data_dir, "Data folder", data_box)
        self.open_button = QPushButton("&Open data folder", data_box)
        self.open_button.setToolTip("Open the folder with the database, backups and logs "
                                    "in your file manager")
        self.open_button.setAccessibleName("Open data folder")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.data_dir_label, 1)
        row.addWidget(self.open_button)
        form.addRow("Data folder:", row)
        form.addRow("Logs:", _path_label(paths.log_dir, "Log folder", data_box))
        self.body.addWidget(data_box)

        backup_box = QGroupBox("Backups", self)
        backup_layout = QVBoxLayout(backup_box)
        self.backup_button = QPushButton("&Back up now", backup_box)
        self.backup_button.setToolTip("Write a copy of the database into the backups folder "
                                      "(the last 10 are kept) (Ctrl+B)")
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.setEnabled(False)
        self.backup_button.clicked.connect(self.backup_requested)
        button_row = QHBoxLayout()
        button_row.addWidget(self.backup_button)
        button_row.addWidget(_path_label(paths.backups_dir, "Backups folder", backup_box), 1)
        self.backup_list = QListWidget(backup_box)
        self.backup_list.setAccessibleName("Backups, newest first")
        self.backup_list.setToolTip("Backups in the backups folder, newest first")
        self.backup_list.setMaximumHeight(180)
        backup_layout.addLayout(button_row)
        backup_layout.addWidget(self.backup_list)
        self.body.addWidget(backup_box)
        self.body.addStretch(1)
        self.refresh_backups()

    def show_log(self, reader: LogReader) -> None:
        self.backup_button.setEnabled(True)
        self.refresh_backups()

    def refresh_backups(self) -> None:
        self.backup_list.clear()
        backups = list_backups(self._paths.backups_dir)
        for path in backups:
            self.backup_list.addItem(path.name)
        if not backups:
            self.backup_list.addItem("No backups yet: use Back up now (Ctrl+B).")

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._paths.data_dir)))


def _path_label(path: Path, name: str, parent: QWidget) -> QLabel:
    label = QLabel(str(path), parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setAccessibleName(name)
    label.setToolTip(f"{name}: {path}")
    label.setWordWrap(True)
    return label

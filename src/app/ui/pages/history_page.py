"""History: every logged session, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.formatting import format_duration, format_number, format_when, session_title
from app.ui.pages.page import EmptyState, Page

if TYPE_CHECKING:
    from app.storage.entries import SessionRecord
    from app.storage.queries import LogReader

COLUMNS = ("Date", "Session", "Sets", "Duration", "Volume (kg)")


class HistoryPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.stack = QStackedWidget(self)
        self.empty_state = EmptyState(
            "No sessions logged yet",
            "Each set you log during a session is saved here at once, with its reps, load "
            "and times. Start a session from the Today page; it will be listed here, "
            "newest first.",
            self,
        )
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Logged sessions")
        self.table.setToolTip("Your logged sessions, newest first")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.table)
        self.body.addWidget(self.stack, 1)

    def show_log(self, reader: LogReader) -> None:
        self.show_sessions(reader.list_sessions())

    def show_sessions(self, sessions: list[SessionRecord]) -> None:
        self.table.setRowCount(len(sessions))
        for row, record in enumerate(sessions):
            cells = (
                format_when(record.started_at),
                session_title(record),
                str(record.set_count),
                format_duration(record.duration_s) if record.duration_s is not None else "",
                format_number(record.volume_kg) if record.volume_kg else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.stack.setCurrentWidget(self.table if sessions else self.empty_state)

"""Today: what is due now. Until a program is followed, it says how to get one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.pages.page import EmptyState, Page

if TYPE_CHECKING:
    from app.storage.queries import LogReader


class TodayPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Today", parent)
        self.empty_state = EmptyState(
            "Nothing planned for today",
            "When you follow a training program, the session due today appears here with "
            "its exercises and a button to start it. Programs are on the Programs page "
            "(Ctrl+3).",
            self,
        )
        self.last_session = QLabel(self)
        self.last_session.setAccessibleName("Last logged session")
        self.last_session.setWordWrap(True)
        self.last_session.hide()
        self.body.addWidget(self.last_session)
        self.body.addWidget(self.empty_state, 1)

    def show_log(self, reader: LogReader) -> None:
        from app.formatting import session_heading

        latest = reader.list_sessions(limit=1)
        if latest:
            self.last_session.setText(f"Last session: {session_heading(latest[0])}")
            self.last_session.show()
        else:
            self.last_session.hide()

"""Programs: the training plans to follow."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.pages.page import EmptyState, Page


class ProgramsPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Programs", parent)
        self.empty_state = EmptyState(
            "No program followed yet",
            "Training plans are listed here: the sample hamstring session, beginner and "
            "advanced blocks, and the 10-week Nordic programme, each with its weeks and "
            "sessions. Choose one and its sessions appear on the Today page.",
            self,
        )
        self.body.addWidget(self.empty_state, 1)

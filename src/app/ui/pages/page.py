"""What every page shares: a heading above its content, and an empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.style import SPACING, heading_font


class Page(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 1.5, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        self.heading = QLabel(title, self)
        self.heading.setObjectName("pageHeading")
        self.heading.setFont(heading_font(self.heading.font()))
        self.heading.setAccessibleName(f"{title} heading")
        layout.addWidget(self.heading)
        self.body = layout


class EmptyState(QWidget):
    """Says what will appear in this place and how to get it."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(SPACING // 2)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setFont(heading_font(self.title_label.font(), 1.4))
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setFixedWidth(520)
        layout.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)

    def add_button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("primaryButton")
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", ""))
        self.layout().addWidget(button)
        self.layout().setAlignment(button, Qt.AlignmentFlag.AlignHCenter)
        return button

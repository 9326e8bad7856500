"""What every page shares: a heading above its content, and an empty state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.ui.style import SPACING, heading_font

if TYPE_CHECKING:
    from app.storage.queries import LogReader


class Page(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING * 2, SPACING * 3 // 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        self.heading = QLabel(title, self)
        self.heading.setObjectName("pageHeading")
        self.heading.setFont(heading_font(self.heading.font()))
        self.heading.setAccessibleName(f"{title} heading")
        layout.addWidget(self.heading)
        self.body = layout

    def show_log(self, reader: LogReader) -> None:
        """Show what the log holds; pages that read it override this."""

    def focus_target(self) -> QWidget | None:
        """Where the keyboard goes when the page is opened by its shortcut
        (None: it stays where it is)."""
        return None


EMPTY_STATE_TEXT_WIDTH = 540


class EmptyState(QWidget):
    """Says what will appear in this place and how to get it.

    Centred with stretches, and the text centred by the style sheet, rather
    than with Qt.AlignmentFlag: the first use of the Qt namespace costs
    ~30 ms, and the Today page's empty state is on the first screen.
    """

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING // 2)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setFont(heading_font(self.title_label.font(), 1.4))
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("emptyStateText")
        self.text_label.setWordWrap(True)
        # Up to a comfortable line length, narrower when the window is.
        self.text_label.setMaximumWidth(EMPTY_STATE_TEXT_WIDTH)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addStretch(1)
        layout.addLayout(_centred(self.title_label))
        layout.addLayout(_centred(self.text_label))
        self._button_row = QHBoxLayout()
        layout.addLayout(self._button_row)
        layout.addStretch(1)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)

    def add_button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("primaryButton")
        button.setToolTip(tooltip)
        button.setAccessibleName(text.replace("&", ""))
        self._button_row.addStretch(1)
        self._button_row.addWidget(button)
        self._button_row.addStretch(1)
        return button


def _centred(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget, 10)
    row.addStretch(1)
    return row

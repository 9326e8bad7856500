"""What every page shares: a heading above its content, and an empty state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import translate
from app.ui.look.style import SPACING, heading_font, text_scale

if TYPE_CHECKING:
    from app.storage.queries import LogReader


class Page(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None, *,
                 scrolls: bool = False) -> None:
        super().__init__(parent)
        self.title = title
        self._scrolls = scrolls  # a long page (a form): scrolls at every text size
        self.setAccessibleName(title)
        # The heading and body sit in one content widget, so that at a large
        # text size it can move into a scroll area whole (see fit_text_size).
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self.content = QWidget(self)
        self._outer.addWidget(self.content)
        self.scroll_area: QScrollArea | None = None
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(SPACING * 2, SPACING * 3 // 2, SPACING * 2, SPACING)
        layout.setSpacing(SPACING)
        self.heading = QLabel(title, self.content)
        self.heading.setObjectName("pageHeading")
        self.heading.setFont(heading_font(self.heading.font()))
        self.heading.setAccessibleName(translate("Page", "{title} heading").format(title=title))
        layout.addWidget(self.heading)
        self.body = layout
        self.fit_text_size()

    def fit_text_size(self) -> None:
        """Above the standard text size a page may no longer fit a small
        screen: its content then scrolls instead of being squeezed or cut.
        (At the standard size only a page made to scroll does: the first
        screen stays as cheap as it was.)"""
        if self.scroll_area is not None or (text_scale() <= 100 and not self._scrolls):
            return
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QFrame

        area = QScrollArea(self)
        area.setObjectName("pageScrollArea")
        area.setAccessibleName(translate("Page", "{title} page").format(title=self.title))
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own on the Tab chain
        area.setWidgetResizable(True)  # as wide and tall as the page, or scroll when it cannot be
        area.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self._outer.removeWidget(self.content)
        area.setWidget(self.content)
        self._outer.addWidget(area)
        self.scroll_area = area

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
        # A long title wraps at a large text size rather than widen the page.
        self.title_label.setWordWrap(True)
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
        row = self._button_row
        if row.count() == 0:
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
        else:
            # Beside the buttons already there, the row still centred (a
            # stretch each side of every button pushed two far apart).
            row.insertWidget(row.count() - 1, button)
        return button


def _centred(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget, 10)
    row.addStretch(1)
    return row

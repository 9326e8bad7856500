"""What covers the whole session screen for a moment: the pause (resume or
end) and the list of keys. Neither takes the keyboard focus: the screen
keeps it and decides what each key means while they are shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.kernel.i18n import translate
from app.ui.look.style import COVERS, LAYERED_PROPERTY
from app.ui.session import theme
from app.ui.session.keys import KEY_HELP
from app.ui.session.words import paused_text


class _Overlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        # A style sheet background on a plain QWidget needs this attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Its background (theme.GymLook.overlay) is opaque: nothing under it
        # shows through (the big "READY" once read through "PAUSED" as "PAUSEDDY").
        self.setProperty(LAYERED_PROPERTY, COVERS)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()


class PauseOverlay(_Overlay):
    def __init__(self, parent: QWidget, on_resume: Callable[[], None],
                 on_end: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("PauseOverlay", "Paused"))
        self.title = QLabel(paused_text())
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet(f"color: {theme.PAUSED};")
        self.resume_button = self._button(
            translate("PauseOverlay", "Esc  Resume"), translate("PauseOverlay", "Resume"),
            translate("PauseOverlay", "Carry on where you stopped (Esc, Space or Enter)"), on_resume)
        self.resume_button.setProperty("primary", True)
        self.end_button = self._button(
            translate("PauseOverlay", "E  End session"), translate("PauseOverlay", "End session"),
            translate("PauseOverlay", "Finish the session now and see the summary (E)"), on_end)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.resume_button)
        row.addWidget(self.end_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addStretch(1)

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def set_scale(self, height: int) -> None:
        self.title.setFont(theme.font(theme.pixels(height, theme.BIG), bold=True))
        buttons = theme.font(theme.pixels(height, theme.INFO), bold=True)
        for button in (self.resume_button, self.end_button):
            button.setFont(buttons)
            button.setMinimumHeight(round(buttons.pixelSize() * 1.8))
        layout = self.layout()
        if layout is not None:
            layout.setSpacing(theme.pixels(height, theme.MARGIN * 2))


# The list of keys: lines a row takes on average (a long one wraps), and a
# line's height in type sizes (with the grid's spacing).
ROW_LINES = 1.3
LINE_HEIGHT = 1.45


class ShortcutSheet(_Overlay):
    """Every key of the session, from ``KEY_HELP``."""

    def __init__(self, parent: QWidget, break_point_keys: tuple[str, ...] = ("B",)) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("ShortcutSheet", "Keys"))
        self.title = QLabel(translate("ShortcutSheet", "KEYS"))
        self.closing = QLabel(translate("ShortcutSheet", "? or Esc to close"))
        self.closing.setProperty("role", "dim")
        grid = QGridLayout()
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, (keys, what) in enumerate(KEY_HELP):
            # "B" stands for the break point keys: the athlete's choice.
            shown = " / ".join(break_point_keys) if keys == "B" else translate("session_keys", keys)
            key_label = QLabel(shown)
            key_label.setStyleSheet(f"color: {theme.LOWER};")
            what_label = QLabel(translate("session_keys", what))
            what_label.setWordWrap(True)
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what_label, row, 1)
            self.rows.append((key_label, what_label))
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.closing)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addStretch(1)

    def texts(self) -> list[tuple[str, str]]:
        return [(keys.text(), what.text()) for keys, what in self.rows]

    def set_scale(self, height: int) -> None:
        self.title.setFont(theme.font(theme.pixels(height, theme.NAME), bold=True))
        self.closing.setFont(theme.font(theme.pixels(height, theme.SMALL)))
        # Read up close, but still from a step away; every row must fit the
        # height (a row may take two lines), so many rows make the type smaller.
        margin = theme.pixels(height, theme.MARGIN * 1.5)
        title_h = round(theme.pixels(height, theme.NAME) * 1.4)
        room = height - 2 * margin - title_h
        lines = len(self.rows) * ROW_LINES
        size = max(8, min(theme.pixels(height, 0.031), int(room / lines / LINE_HEIGHT)))
        for keys, what in self.rows:
            keys.setFont(theme.font(size, bold=True))
            what.setFont(theme.font(size))
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin * 2, margin, margin * 2, margin)

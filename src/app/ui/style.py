"""The look, in one place: palette, type scale and spacing.

A deliberately small first version: later work (themes, text size) grows
this module rather than scattering colours through the widgets.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f7d6d"  # a calm green-teal: hamstring highlight and primary buttons
SIDEBAR_BG = "#1f2a30"
SIDEBAR_TEXT = "#e6eef0"
SIDEBAR_SELECTED = "#2f7d6d"

BASE_POINT_SIZE = 11
HEADING_SCALE = 2.0
SPACING = 16
NAVIGATION_ITEM_HEIGHT = 48
NAVIGATION_SCALE = 1.25

STYLESHEET = f"""
QListWidget#navigation {{
    background: {SIDEBAR_BG};
    color: {SIDEBAR_TEXT};
    border: none;
    padding-top: 12px;
    outline: none;
}}
QListWidget#navigation::item {{
    padding-left: 18px;
    border-left: 4px solid transparent;
}}
QListWidget#navigation::item:selected {{
    background: {SIDEBAR_SELECTED};
    color: white;
    border-left: 4px solid white;
}}
QLabel#pageHeading {{
    font-weight: 600;
}}
QLabel#emptyStateTitle {{
    font-weight: 600;
    qproperty-alignment: AlignCenter;
}}
QLabel#emptyStateText {{
    qproperty-alignment: AlignCenter;
}}
QPushButton#primaryButton {{
    background: {ACCENT};
    color: white;
    border: none;
    border-radius: 4px;
    padding: 8px 18px;
}}
QPushButton#primaryButton:focus {{
    outline: 2px solid black;
    border: 2px solid white;
}}
"""


# Fusion draws the same on every platform and follows the palette (native
# Windows styles ignore it). It is chosen with the "-style" argument rather
# than app.setStyle("Fusion"), whose overloads make PySide build a dozen
# QStyle enum types (~10 ms at start-up).
QT_STYLE_ARGUMENTS = ["-style", "Fusion"]


def apply_style(app: QApplication) -> None:
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)


def heading_font(base: QFont, scale: float = HEADING_SCALE) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    return font

"""The accessibility walk's check: controls without an accessible name or tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QKeySequenceEdit,
    QLineEdit,
    QMenuBar,
    QScrollBar,
    QTabBar,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
            QAbstractSlider, QKeySequenceEdit)


def qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a combo's popup list, a spin box's
    editor, a table's corner button, a line edit's clear button, scroll bars)."""
    parent = widget.parent()
    return (isinstance(widget, (QScrollBar, QHeaderView))
            or isinstance(parent, (QAbstractSpinBox, QComboBox, QKeySequenceEdit, QLineEdit,
                                   QMenuBar, QTabBar, QAbstractItemView))
            or widget.objectName().startswith("qt_")
            or widget.window().inherits("QComboBoxPrivateContainer"))


def unnamed(root: QWidget) -> list[str]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # widgets on their way out
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or qt_internal(widget):
            continue
        if not widget.accessibleName() or not widget.toolTip():
            text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r} "
                            f"name={widget.accessibleName()!r} tip={widget.toolTip()[:20]!r}")
    return problems

"""The mouse wheel scrolls the page, not the field under the pointer.

Qt's spin boxes, drop-downs and sliders take every wheel turn that passes
over them, focused or not: scrolling down Settings once changed the Nordic
lowering target from 5 s to 2 s. One event filter on the application (a
WheelGuard, installed once per run by ``install``) lets such a control take
the wheel only while it has the keyboard focus (clicked or tabbed into);
otherwise the turn goes on to what holds it, the page's scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARD_NAME = "wheelGuard"
WHEEL = QEvent.Type.Wheel  # looked up once: the filter sees every event of the application


def guarded(widget: QObject) -> bool:
    """Whether a wheel turn over ``widget`` would change a value it holds
    (scroll bars scroll: they are what the wheel is for)."""
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider)) \
        and not isinstance(widget, QScrollBar)


class WheelGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(GUARD_NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != WHEEL or not guarded(watched):
            return False
        assert isinstance(watched, QWidget) and isinstance(event, QWheelEvent)
        if watched.hasFocus():
            return False  # chosen: the wheel changes its value, as Qt does
        # On up the parents, as Qt passes an unwanted turn on, until one (the
        # page's scroll area) takes it. (Qt would not pass this copy on by
        # itself: it only passes on the turns that come from the device.)
        point = event.position().toPoint()
        widget: QWidget = watched
        while not widget.isWindow():
            parent = widget.parentWidget()
            if parent is None:
                break
            point = widget.mapToParent(point)
            widget = parent
            passed = QWheelEvent(QPointF(point), event.globalPosition(), event.pixelDelta(),
                                 event.angleDelta(), event.buttons(), event.modifiers(),
                                 event.phase(), event.inverted(), event.source())
            QCoreApplication.sendEvent(widget, passed)
            if passed.isAccepted():
                break
        return True


def install(app: QApplication) -> WheelGuard:
    """The application's guard, made and installed the first time (later
    calls return the same one)."""
    guard = app.findChild(WheelGuard, GUARD_NAME)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard

"""The mouse wheel scrolls the page, not the field under the pointer.

Qt's spin boxes, drop-downs and sliders take every wheel turn that passes
over them, focused or not: scrolling down Settings once changed the Nordic
lowering target from 5 s to 2 s. A WheelGuard lets such a control take the
wheel only while it has the keyboard focus (clicked or tabbed into);
otherwise the turn goes on to what holds it, the page's scroll area.

The guard watches the guarded controls themselves (``protect``, called on
each page, dialog and the session screen once built), not the whole
application: a Python filter on the application is called for every event
there is, and it cost start-up ~27 ms and ~3 MB (the wrappers for every
kind of event).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
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
GUARDED_PROPERTY = "wheelGuarded"  # set on each control the guard watches (tests read it)
WHEEL = QEvent.Type.Wheel  # looked up once: the filter sees every event of the controls it watches


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
    """The application's guard, made the first time (later calls return the
    same one). It watches nothing until ``protect`` gives it controls."""
    guard = app.findChild(WheelGuard, GUARD_NAME)
    if guard is None:
        guard = WheelGuard(app)
    return guard


def protect(root: QWidget) -> None:
    """Guard ``root`` and every value control inside it (again after rows
    with new controls are added: a control already guarded is left as it is)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    guard = install(app)
    # Asked by type, so only the controls get Python wrappers (a page holds
    # hundreds of labels and frames: wrapping them all cost memory at start).
    controls: list[QWidget] = [root] if guarded(root) else []
    for kind in (QAbstractSpinBox, QComboBox, QAbstractSlider):
        controls.extend(root.findChildren(kind))
    for widget in controls:
        if guarded(widget) and not widget.property(GUARDED_PROPERTY):
            # Strong, not wheel, focus: a turn over it must not first give it
            # the keys (and so the right to change its value).
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)
            widget.setProperty(GUARDED_PROPERTY, True)

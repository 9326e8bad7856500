"""A geometry check of a shown window: what a user would see as broken.

``layout_problems(root, screen)`` walks every visible widget under ``root``
and reports

- *overlap*: two visible sibling widgets whose rectangles share more than
  ``OVERLAP_TOLERANCE_PX`` in both directions (a widget marked as laid over
  its siblings on purpose, app.ui.look.style.LAYERED_PROPERTY, is allowed to;
  one that COVERS a sibling whole must paint an opaque background, or what
  is under it shows through);
- *cut*: a label, button or field given less room than its text needs (a
  wrapping label: narrower than its longest word or shorter than its lines;
  a label marked ELIDES_PROPERTY elides by design and is checked for
  height only), or a drop-down whose open list cuts its last item;
- *outside*: a widget reaching past its parent (the content of a scroll
  area's viewport scrolls by design, but only up and down), or the window
  larger than ``screen``;
- *sideways*: a scroll area whose content is wider than its viewport, so
  that the page scrolls sideways (or, with the bar turned off, cuts its
  right-hand side): what lies past the right edge is out of sight whatever
  the geometry of the widgets inside says.

Geometry only, no pixels: the whole matrix of sizes, text sizes and themes
stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument, QTextOption
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QScrollArea,
    QTableView,
    QWidget,
)

from app.ui.look.style import COVERS, ELIDES_PROPERTY, LAYERED_PROPERTY
from app.ui.session.widgets import TextLine

# Styles overlap a tab bar and its pane, or a frame and its neighbour, by an
# edge's width on purpose; more than this is a real overlap.
OVERLAP_TOLERANCE_PX = 2
# Rounding of text metrics against layout sizes.
CUT_TOLERANCE_PX = 1


@dataclass(frozen=True)
class Problem:
    kind: str      # "overlap", "cut", "outside" or "sideways"
    where: str     # the widget, as a path of class and object names
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.detail}"


def describe(widget: QWidget) -> str:
    """``MainWindow > QStackedWidget > TodayPage > QLabel#stripDay 'Mon 5'``."""
    parts = []
    current: QWidget | None = widget
    while current is not None:
        name = type(current).__name__
        if current.objectName():
            name += f"#{current.objectName()}"
        parts.append(name)
        if current.isWindow():
            break
        current = current.parentWidget()
    text = _text_of(widget)
    shown = f" {text[:40]!r}" if text else ""
    return " > ".join(reversed(parts[:4])) + shown


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, TextLine):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.accessibleName()


def _visible_children(widget: QWidget) -> list[QWidget]:
    return [child for child in widget.children()
            if isinstance(child, QWidget) and not child.isWindow() and child.isVisible()
            and child.width() > 0 and child.height() > 0]


def _is_scrolled_content(parent: QWidget) -> bool:
    """A scroll area's viewport: what is inside scrolls, and may be larger."""
    area = parent.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _layered(widget: QWidget) -> object:
    return widget.property(LAYERED_PROPERTY)


def _opaque(widget: QWidget) -> bool:
    """Whether it fills its background in an opaque colour (a style sheet's
    background is in its palette too)."""
    fills = widget.autoFillBackground() or \
        widget.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    return fills and widget.palette().color(widget.backgroundRole()).alpha() == 255


def layout_problems(root: QWidget, screen: QSize | None = None,
                    room: QSize | None = None) -> list[Problem]:
    """Everything wrong with ``root`` as it is shown now (see the module);
    with ``room`` (the screen less a window's frame and a panel), also a
    window that cannot be made that small."""
    problems: list[Problem] = []
    if screen is not None and (root.width() > screen.width() or root.height() > screen.height()):
        problems.append(Problem("outside", describe(root),
                                f"{root.width()}x{root.height()} does not fit a "
                                f"{screen.width()}x{screen.height()} screen"))
    least = root.minimumSizeHint().expandedTo(root.minimumSize())
    if room is not None and (least.width() > room.width() or least.height() > room.height()):
        problems.append(Problem("outside", describe(root),
                                f"cannot be made smaller than {least.width()}x{least.height()}, "
                                f"the room is {room.width()}x{room.height()}"))
    _walk(root, problems)
    return problems


def _walk(widget: QWidget, problems: list[Problem]) -> None:
    children = _visible_children(widget)
    scrolled = _is_scrolled_content(widget)
    if isinstance(widget, QAbstractScrollArea):
        _check_sideways(widget, problems)
    for index, child in enumerate(children):
        _check_text(child, problems)
        if not scrolled:
            _check_inside(widget, child, problems)
        for other in children[index + 1:]:
            _check_overlap(child, other, problems)
        _walk(child, problems)


def _check_inside(parent: QWidget, child: QWidget, problems: list[Problem]) -> None:
    room = parent.rect().adjusted(-OVERLAP_TOLERANCE_PX, -OVERLAP_TOLERANCE_PX,
                                  OVERLAP_TOLERANCE_PX, OVERLAP_TOLERANCE_PX)
    if not room.contains(child.geometry()):
        g = child.geometry()
        problems.append(Problem("outside", describe(child),
                                f"at {g.x()},{g.y()} {g.width()}x{g.height()}, "
                                f"past its parent's {parent.width()}x{parent.height()}"))


def _check_sideways(area: QAbstractScrollArea, problems: list[Problem]) -> None:
    """Content scrolls up and down, never sideways: a form, a page or a
    list wider than its viewport hides its right-hand side (its buttons, the
    end of its lines) behind a scroll bar nobody looks for, or behind
    nothing at all when the bar is off."""
    viewport = area.viewport()
    content = area.widget() if isinstance(area, QScrollArea) else None
    if content is not None and content.isVisible():
        wide = content.width()
    elif isinstance(area, QAbstractItemView) \
            and area.horizontalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem:
        # Its range counts columns, not pixels: any range is a column out of sight.
        if area.horizontalScrollBar().maximum() > 0:
            header = area.horizontalHeader() if isinstance(area, QTableView) else None
            wide = header.length() if header is not None else viewport.width() + 1 + CUT_TOLERANCE_PX
        else:
            wide = viewport.width()
    else:   # a list or text scrolled by pixels: its own range
        wide = viewport.width() + area.horizontalScrollBar().maximum()
    if wide > viewport.width() + CUT_TOLERANCE_PX:
        problems.append(Problem("sideways", describe(area),
                                f"its content is {wide} px wide in a {viewport.width()} px "
                                f"viewport: it scrolls sideways"))


def _check_overlap(a: QWidget, b: QWidget, problems: list[Problem]) -> None:
    shared: QRect = a.geometry().intersected(b.geometry())
    if shared.width() <= OVERLAP_TOLERANCE_PX or shared.height() <= OVERLAP_TOLERANCE_PX:
        return
    for top, under in ((a, b), (b, a)):
        if _layered(top):
            # Laid over on purpose; covering the other whole, it must hide it.
            if _layered(top) == COVERS and shared == under.geometry() and not _opaque(top):
                problems.append(Problem("overlap", describe(top),
                                        f"covers {describe(under)} but lets it show through"))
            return
    problems.append(Problem("overlap", describe(a),
                            f"overlaps {describe(b)} by {shared.width()}x{shared.height()}"))


def _check_text(widget: QWidget, problems: list[Problem]) -> None:
    if isinstance(widget, QLabel):
        _check_label(widget, problems)
    elif isinstance(widget, TextLine):
        needed = QFontMetrics(widget.font()).height()
        if widget.text() and needed > widget.height() + CUT_TOLERANCE_PX:
            problems.append(Problem("cut", describe(widget),
                                    f"text {needed} px tall in {widget.height()} px"))
    elif isinstance(widget, (QAbstractButton, QComboBox, QAbstractSpinBox)):
        _check_field(widget, problems)


def _check_field(widget: QWidget, problems: list[Problem]) -> None:
    needed = widget.minimumSizeHint()
    if isinstance(widget, QAbstractButton) and not widget.text():
        return  # an icon-only button
    if needed.width() > widget.width() + CUT_TOLERANCE_PX \
            or needed.height() > widget.height() + CUT_TOLERANCE_PX:
        problems.append(Problem("cut", describe(widget),
                                f"needs {needed.width()}x{needed.height()}, "
                                f"has {widget.width()}x{widget.height()}"))
    if isinstance(widget, QComboBox):
        _check_popup(widget, problems)


def _check_popup(box: QComboBox, problems: list[Problem]) -> None:
    """The open list shows every item whole when they are no more than it
    means to show (``maxVisibleItems``); more, it scrolls by design."""
    if box.count() == 0:
        return
    box.showPopup()
    try:
        view = box.view()
        last = view.visualRect(box.model().index(box.count() - 1, box.modelColumn()))
        viewport = view.viewport().rect()
        if box.count() <= box.maxVisibleItems() and (
                view.verticalScrollBar().maximum() > 0
                or last.bottom() > viewport.bottom() + CUT_TOLERANCE_PX):
            problems.append(Problem("cut", describe(box),
                                    f"its open list cuts its last item ({box.count()} items, "
                                    f"the last one's bottom at {last.bottom()} in "
                                    f"{viewport.height()} px)"))
    finally:
        box.hidePopup()


def _check_label(label: QLabel, problems: list[Problem]) -> None:
    text = label.text()
    if not text:
        return
    margins = label.contentsMargins()
    frame_w = margins.left() + margins.right() + 2 * label.margin() + \
        (label.indent() if label.indent() > 0 else 0)
    if label.wordWrap():
        longest = _longest_word(label) + frame_w
        if longest > label.width() + CUT_TOLERANCE_PX and not label.property(ELIDES_PROPERTY):
            problems.append(Problem("cut", describe(label),
                                    f"its longest word needs {longest} px, has {label.width()}"))
        needed_h = label.heightForWidth(label.width())
        if needed_h > label.height() + CUT_TOLERANCE_PX:
            problems.append(Problem("cut", describe(label),
                                    f"its lines need {needed_h} px, has {label.height()}"))
        return
    needed = label.sizeHint()
    if needed.width() > label.width() + CUT_TOLERANCE_PX and not label.property(ELIDES_PROPERTY):
        problems.append(Problem("cut", describe(label),
                                f"needs {needed.width()} px wide, has {label.width()}"))
    if needed.height() > label.height() + CUT_TOLERANCE_PX:
        problems.append(Problem("cut", describe(label),
                                f"needs {needed.height()} px tall, has {label.height()}"))


def _longest_word(label: QLabel) -> int:
    """The width of the label's widest word: where a wrapping label can no
    longer break its text."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)   # as QLabel wraps: only between words
    document.setDefaultTextOption(option)
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))
    if rich:
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    document.setTextWidth(1)
    return round(document.idealWidth())

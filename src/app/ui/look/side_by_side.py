"""A row that wraps into more lines, down to a column, when the width runs out.

QHBoxLayout keeps its widgets side by side whatever the width: at a large
text size or in a narrow window their minimum widths add up to more than
the window, and the page then scrolls sideways (its right-hand side out of
sight) or squeezes a column of big text to a word a line. ``SideBySide``
puts its widgets in a row while the width gives every one of them at least
its minimum width; when it does not, the widgets that fit share a line and
the next go under them (one a line, at the narrowest), so that its own
minimum width is only that of its widest widget. On a line the width is
shared by stretch, each widget getting at least its minimum.

Its height follows its width (heightForWidth), as a wrapping label's does,
so that the layouts and scroll areas around it give it the height of the
arrangement it takes at the width they give it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget, QWidgetItem


class SideBySide(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretches: list[int] = []
        # id(item) -> the width it wants beside others (add_widget's row_width).
        self._row_widths: dict[int, Callable[[], int]] = {}

    # -- filling -----------------------------------------------------------

    def add_widget(self, widget: QWidget, stretch: int = 0,
                   row_width: Callable[[], int] | None = None) -> None:
        """In a row, ``widget`` takes a share of the width by ``stretch`` (as
        in QHBoxLayout), never less than its minimum width; 0: its minimum.
        ``row_width``: the width it needs to share a line with others, when
        more than its minimum (a heading that should not wrap beside
        buttons); alone on a line it makes do with the line."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        self._stretches.append(stretch)
        if row_width is not None:
            self._row_widths[id(item)] = row_width
        self.invalidate()

    def add_row(self, widgets: Sequence[QWidget], stretch: int = 0,
                spacing: int | None = None) -> QWidget:
        """``widgets`` kept together on one line (a pair of buttons), as one
        widget of this layout; ``spacing`` between them (None: the style's)."""
        box = QWidget(self.parentWidget())
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        if spacing is not None:
            row.setSpacing(spacing)
        for widget in widgets:
            row.addWidget(widget)
        self.add_widget(box, stretch)
        return box

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretches.append(0)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        del self._stretches[index]
        item = self._items.pop(index)
        self._row_widths.pop(id(item), None)
        self.invalidate()
        return item

    # -- sizes -------------------------------------------------------------

    def is_row_at(self, width: int) -> bool:
        """Whether the widgets stand side by side at ``width`` (the
        layout's whole width, margins included)."""
        shown = self._shown()
        if not shown:
            return True
        needed = sum(self._wanted(item) for item, _ in shown) + self.spacing() * (len(shown) - 1)
        return len(shown) == 1 or needed <= width - self._margin_width()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def minimumSize(self) -> QSize:
        """As narrow as the widest widget (the column); as short as the row."""
        shown = self._shown()
        width = max((item.minimumSize().width() for item, _ in shown), default=0)
        height = max((item.minimumSize().height() for item, _ in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(item.sizeHint().width() for item, _ in shown) \
            + self.spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item, _ in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # -- arranging ---------------------------------------------------------

    def _shown(self) -> list[tuple[QLayoutItem, int]]:
        return [(item, stretch) for item, stretch in zip(self._items, self._stretches, strict=True)
                if not item.isEmpty()]

    def _wanted(self, item: QLayoutItem) -> int:
        """The width ``item`` needs beside others on a line."""
        row_width = self._row_widths.get(id(item))
        least = item.minimumSize().width()
        return max(least, row_width()) if row_width is not None else least

    def _margin_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right()

    def _lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The widgets in lines of ``width``: each line takes the next ones
        while their minimum widths fit (one a line when none fit together)."""
        lines: list[list[tuple[QLayoutItem, int]]] = []
        line: list[tuple[QLayoutItem, int]] = []
        used = 0
        for item, stretch in self._shown():
            needed = self._wanted(item)
            if line and used + self.spacing() + needed > width:
                lines.append(line)
                line, used = [], 0
            used += needed + (self.spacing() if line else 0)
            line.append((item, stretch))
        if line:
            lines.append(line)
        return lines

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the widgets in ``rect`` (when ``move``); the height they take."""
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        spacing = self.spacing()
        placed: list[tuple[list[tuple[QLayoutItem, int]], list[int], int]] = []
        for line in self._lines(inner.width()):
            # Alone on its line a widget makes do with the line (its own
            # minimum permitting); beside others it has what it wants.
            room = inner.width() - spacing * (len(line) - 1)
            least = [self._wanted(item) if len(line) > 1
                     else max(item.minimumSize().width(), min(self._wanted(item), room))
                     for item, _ in line]
            widths = _shares(room, [(width, stretch)
                                    for width, (_, stretch) in zip(least, line, strict=True)])
            height = max(_height(item, width) for (item, _), width in zip(line, widths, strict=True))
            placed.append((line, widths, height))
        if not placed:
            return margins.top() + margins.bottom()
        total = sum(height for _, _, height in placed) + spacing * (len(placed) - 1)
        if move:
            # What the lines do not need goes to the last one (below its
            # content, a column's own stretch keeps that at the top).
            spare = max(0, inner.height() - total)
            y = inner.y()
            for index, (line, widths, height) in enumerate(placed):
                if index == len(placed) - 1:
                    height += spare
                x = inner.x()
                for (item, _), width in zip(line, widths, strict=True):
                    item.setGeometry(QRect(x, y, width, height))
                    x += width + spacing
                y += height + spacing
        return total + margins.top() + margins.bottom()


def _height(item: QLayoutItem, width: int) -> int:
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return max(item.sizeHint().height(), item.minimumSize().height())


def _shares(room: int, wants: list[tuple[int, int]]) -> list[int]:
    """``room`` split by stretch, each share at least its minimum: a share
    that would fall short keeps its minimum and the rest is split again
    among the others (as QBoxLayout does)."""
    widths: list[int | None] = [None] * len(wants)
    while True:
        open_ = [i for i, width in enumerate(widths) if width is None]
        left = room - sum(width for width in widths if width is not None)
        stretch = sum(wants[i][1] for i in open_)
        short = [i for i in open_
                 if stretch == 0 or left * wants[i][1] // stretch < wants[i][0]]
        if not short or len(short) == len(open_):
            break
        for i in short:
            widths[i] = wants[i][0]
    if stretch == 0:
        return [width if width is not None else wants[i][0] for i, width in enumerate(widths)]
    shares = [width if width is not None else max(wants[i][0], left * wants[i][1] // stretch)
              for i, width in enumerate(widths)]
    # What integer division left over goes to the last stretching widget.
    spare = room - sum(shares)
    if spare > 0:
        last = max(i for i in open_ if wants[i][1] > 0)
        shares[last] += spare
    return shares

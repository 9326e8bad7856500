"""The calendar of training days: a year of small month grids, shaded by work.

A day with sessions is a filled square with a mark in its corner (the shape
says it, not only the color), and every day has a description in words: the
grid's accessible description follows the day the keyboard is on, the line
under the grid says the same, and a tooltip says it for the day under the
mouse. Keys: arrows move a day (Up and Down a week), Page Up and Page Down a
year, Home goes to today, Enter opens the day's sessions.

The view only shows and asks: ``year_wanted`` asks for a year's days, which
come back through ``set_days``; ``day_activated`` carries the day chosen.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import format_date, format_integer, translate
from app.progress.calendar import LEVEL_FROM_SETS, TrainingDay

# Month grids side by side x rows of them: whichever gives the biggest days.
ARRANGEMENTS = ((12, 1), (6, 2), (4, 3), (3, 4), (2, 6))
BLOCK_COLUMNS = 7          # a week across
BLOCK_ROWS = 8             # the month's name, the weekday letters, up to six weeks
PREFERRED_CELL = 18
MINIMUM_CELL = 11
LARGEST_CELL = 34
NUMBERS_FROM_CELL = 15     # below this a day's number does not fit its square
MAX_TITLES = 3             # session titles named in a day's description


@dataclass(frozen=True)
class Arrangement:
    columns: int  # month grids across
    rows: int
    cell: int     # pixels per day

    @property
    def width(self) -> int:
        return self.cell * (self.columns * (BLOCK_COLUMNS + 1) - 1)

    @property
    def height(self) -> int:
        return self.cell * (self.rows * (BLOCK_ROWS + 1) - 1)


def arrange(width: int, height: int) -> Arrangement:
    """The arrangement of the twelve months with the biggest days that fit."""
    best = Arrangement(6, 2, MINIMUM_CELL)
    for columns, rows in ARRANGEMENTS:
        across = width // (columns * (BLOCK_COLUMNS + 1) - 1)
        down = height // (rows * (BLOCK_ROWS + 1) - 1)
        cell = min(across, down)
        if cell > best.cell:
            best = Arrangement(columns, rows, cell)
    return best


def first_weekday() -> int:
    """The first day of the week in the athlete's locale, 0 = Monday (Python's way)."""
    from PySide6.QtCore import QLocale

    return QLocale().firstDayOfWeek().value - 1


def day_description(day: date, found: TrainingDay | None, today: date) -> str:
    """One day in words: what the grid's accessible description and tooltip say."""
    when = format_date(day)
    if found is None:
        if day > today:
            return translate("CalendarView", "{day}: still to come").format(day=when)
        return translate("CalendarView", "{day}: no session").format(day=when)
    sessions = translate("CalendarView", "%n session(s)", n=len(found.sessions))
    sets = translate("CalendarView", "%n set(s)", n=found.sets)
    titles = [s.title for s in found.sessions if s.title][:MAX_TITLES]
    if titles:
        return translate("CalendarView", "{day}: {sessions}, {sets} ({titles})").format(
            day=when, sessions=sessions, sets=sets, titles=", ".join(titles))
    return translate("CalendarView", "{day}: {sessions}, {sets}").format(
        day=when, sessions=sessions, sets=sets)


class YearGrid(QWidget):
    """The painted year: the part the keyboard moves in."""

    current_changed = Signal(object)  # date
    activated = Signal(object)  # date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.current = today
        self.days: dict[date, TrainingDay] = {}
        self._week_start = first_weekday()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- geometry ------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        shown = Arrangement(6, 2, PREFERRED_CELL)
        return QSize(shown.width, shown.height)

    def minimumSizeHint(self) -> QSize:
        least = Arrangement(6, 2, MINIMUM_CELL)
        return QSize(least.width, least.height)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # As tall as the widest arrangement needs at this width (days no
        # bigger than LARGEST_CELL): the words under the grid stay next to it.
        cell = max(min(width // (6 * (BLOCK_COLUMNS + 1) - 1), LARGEST_CELL), MINIMUM_CELL)
        return Arrangement(6, 2, cell).height

    def arrangement(self) -> Arrangement:
        return arrange(self.width(), self.height())

    def _origin(self, shown: Arrangement) -> QPoint:
        return QPoint(max((self.width() - shown.width) // 2, 0), 0)

    def _column_of(self, day: date) -> int:
        return (day.weekday() - self._week_start) % 7

    def _block(self, shown: Arrangement, month: int) -> QPoint:
        origin = self._origin(shown)
        column, row = divmod(month - 1, shown.columns)[::-1]
        return QPoint(origin.x() + column * (BLOCK_COLUMNS + 1) * shown.cell,
                      origin.y() + row * (BLOCK_ROWS + 1) * shown.cell)

    def cell_rect(self, day: date, shown: Arrangement | None = None) -> QRect:
        shown = shown or self.arrangement()
        block = self._block(shown, day.month)
        offset = self._column_of(day.replace(day=1))
        week, column = divmod(offset + day.day - 1, 7)
        return QRect(block.x() + column * shown.cell, block.y() + (2 + week) * shown.cell,
                     shown.cell, shown.cell)

    def day_at(self, point: QPoint) -> date | None:
        shown = self.arrangement()
        for month in range(1, 13):
            block = self._block(shown, month)
            x, y = point.x() - block.x(), point.y() - block.y()
            if not (0 <= x < BLOCK_COLUMNS * shown.cell and 2 * shown.cell <= y
                    < BLOCK_ROWS * shown.cell):
                continue
            first = date(self.current.year, month, 1)
            number = (y // shown.cell - 2) * 7 + x // shown.cell - self._column_of(first) + 1
            if 1 <= number <= calendar.monthrange(first.year, month)[1]:
                return first.replace(day=number)
            return None
        return None

    # -- moving ----------------------------------------------------------------------

    def move_to(self, day: date) -> None:
        if day == self.current:
            return
        self.current = day
        self.update()
        self.current_changed.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.move_to(self.current + timedelta(days=steps[Qt.Key(key)]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.move_to(_same_day_in(self.current.year + (1 if key == Qt.Key.Key_PageDown else -1),
                                      self.current))
        elif key == Qt.Key.Key_Home:
            self.move_to(self.today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.move_to(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.activated.emit(day)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is not None:
                QToolTip.showText(event.globalPos(),
                                  day_description(day, self.days.get(day), self.today), self)
                return True
        return super().event(event)

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        from PySide6.QtCore import QLocale

        shown = self.arrangement()
        cell = shown.cell
        palette = self.palette()
        text, mid = palette.text().color(), palette.mid().color()
        highlight, on_highlight = palette.highlight().color(), palette.highlightedText().color()
        faded = QColor(text)
        faded.setAlphaF(0.4)
        locale = QLocale()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPixelSize(max(int(cell * 0.55), 7))
        painter.setFont(small)
        year = self.current.year
        for month in range(1, 13):
            block = self._block(shown, month)
            painter.setPen(text)
            painter.drawText(QRect(block.x(), block.y(), BLOCK_COLUMNS * cell, cell),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             locale.standaloneMonthName(month, QLocale.FormatType.LongFormat))
            for column in range(7):
                weekday = (self._week_start + column) % 7 + 1  # Qt: 1 = Monday
                painter.setPen(faded)
                painter.drawText(QRect(block.x() + column * cell, block.y() + cell, cell, cell),
                                 Qt.AlignmentFlag.AlignCenter,
                                 locale.standaloneDayName(weekday, QLocale.FormatType.NarrowFormat))
            for number in range(1, calendar.monthrange(year, month)[1] + 1):
                day = date(year, month, number)
                self._paint_day(painter, day, self.cell_rect(day, shown),
                                (text, mid, highlight, on_highlight, faded))
        painter.end()

    def _paint_day(self, painter: QPainter, day: date, rect: QRect,
                   colors: tuple[QColor, QColor, QColor, QColor, QColor]) -> None:
        text, mid, highlight, on_highlight, faded = colors
        square = rect.adjusted(1, 1, -1, -1)
        found = self.days.get(day)
        number_color = faded if day > self.today else text
        if found is not None:
            shade = QColor(highlight)
            shade.setAlphaF(0.35 + 0.65 * found.level / len(LEVEL_FROM_SETS))
            painter.fillRect(square, shade)
            # The corner mark: a day with sessions reads as one without its color.
            corner = max(square.width() // 3, 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(text)
            painter.drawPolygon([square.topRight() + QPoint(1, 0),
                                 square.topRight() + QPoint(1 - corner, 0),
                                 square.topRight() + QPoint(1, corner)])
            number_color = on_highlight if found.level >= 2 else text
        elif day <= self.today:
            painter.setPen(QPen(mid, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(square.adjusted(0, 0, -1, -1))
        if rect.width() >= NUMBERS_FROM_CELL:
            font = QFont(painter.font())
            font.setBold(day == self.today)
            font.setUnderline(day == self.today)
            painter.setFont(font)
            painter.setPen(number_color)
            painter.drawText(square, Qt.AlignmentFlag.AlignCenter, format_integer(day.day))
        if day == self.current:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(text, 2 if self.hasFocus() else 1)
            if not self.hasFocus():
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))


def _same_day_in(year: int, day: date) -> date:
    """``day`` in ``year`` (29 February becomes the 28th)."""
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


class CalendarView(QWidget):
    """The year grid with its year, its buttons and the chosen day in words."""

    year_wanted = Signal(int)  # the days of this year are needed: answer with set_days
    day_activated = Signal(object)  # TrainingDay: Enter on a day with sessions
    empty_day_activated = Signal(object)  # date: Enter on a day without

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("CalendarView", "Calendar of training days"))
        self.grid = YearGrid(today, self)
        self.loaded_year: int | None = None
        self.year_label = QLabel(self)
        self.year_label.setObjectName("sectionHeading")
        self.year_label.setAccessibleName(translate("CalendarView", "Year shown"))
        self.previous_button = QPushButton(translate("CalendarView", "Previous year"), self)
        self.previous_button.setAccessibleName(translate("CalendarView", "Previous year"))
        self.previous_button.setToolTip(translate("CalendarView", "Show the year before "
                                                  "(Page Up in the calendar)"))
        self.next_button = QPushButton(translate("CalendarView", "Next year"), self)
        self.next_button.setAccessibleName(translate("CalendarView", "Next year"))
        self.next_button.setToolTip(translate("CalendarView", "Show the year after "
                                              "(Page Down in the calendar)"))
        self.today_button = QPushButton(translate("CalendarView", "Today"), self)
        self.today_button.setAccessibleName(translate("CalendarView", "Today"))
        self.today_button.setToolTip(translate("CalendarView", "Go to today (Home in the calendar)"))
        for button in (self.previous_button, self.next_button, self.today_button):
            # The buttons move the grid; the keyboard stays in it.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.grid.setToolTip(translate("CalendarView", "Arrows: a day (Up and Down: a week) · "
                                       "Page Up / Page Down: a year · Home: today · Enter: that "
                                       "day's sessions"))
        self.day_label = QLabel(self)
        self.day_label.setWordWrap(True)
        self.day_label.setAccessibleName(translate("CalendarView", "Chosen day"))
        self.legend = QLabel(translate("CalendarView", "A filled square with a corner mark is a "
                                       "day with sessions; the darker, the more sets."), self)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(translate("CalendarView", "How to read the calendar"))

        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.year_label)
        top.addWidget(self.next_button)
        top.addStretch(1)
        top.addWidget(self.today_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        layout.addWidget(self.day_label)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.setFocusProxy(self.grid)

        self.previous_button.clicked.connect(lambda: self._on_year_button(-1))
        self.next_button.clicked.connect(lambda: self._on_year_button(1))
        self.today_button.clicked.connect(lambda: self.grid.move_to(self.grid.today))
        self.grid.current_changed.connect(self._on_grid_current_changed)
        self.grid.activated.connect(self._on_grid_activated)
        self._show_current()

    @property
    def current(self) -> date:
        return self.grid.current

    def set_today(self, today: date) -> None:
        self.grid.today = today
        self.grid.update()

    def set_days(self, year: int, days: dict[date, TrainingDay]) -> None:
        """The training days of ``year`` (ignored when another year is shown by now)."""
        if year != self.grid.current.year:
            return
        self.loaded_year = year
        self.grid.days = dict(days)
        self.grid.update()
        self._show_current()

    def reload(self) -> None:
        """Ask again for the year shown (the log has changed)."""
        self.year_wanted.emit(self.grid.current.year)

    def description(self, day: date) -> str:
        return day_description(day, self.grid.days.get(day) if day.year == self.loaded_year
                               else None, self.grid.today)

    def _show_current(self) -> None:
        day = self.grid.current
        self.year_label.setText(format_integer(day.year))
        text = self.description(day) if self.loaded_year == day.year else \
            translate("CalendarView", "Reading {year}…").format(year=format_integer(day.year))
        self.day_label.setText(text)
        self.grid.setAccessibleName(translate("CalendarView", "Training days of {year}").format(
            year=format_integer(day.year)))
        self.grid.setAccessibleDescription(text)

    def _on_year_button(self, step: int) -> None:
        self.grid.move_to(_same_day_in(self.grid.current.year + step, self.grid.current))

    def _on_grid_current_changed(self, day: date) -> None:
        if day.year != self.loaded_year:
            self.grid.days = {}
            self.loaded_year = None
            self.year_wanted.emit(day.year)
        self._show_current()

    def _on_grid_activated(self, day: date) -> None:
        found = self.grid.days.get(day) if day.year == self.loaded_year else None
        if found is not None:
            self.day_activated.emit(found)
        else:
            self.empty_day_activated.emit(day)

"""The personal records table: exercise, record, value, date, what it beat.

A model/view pair rather than a QTableWidget: the model hands Qt strings only
for the rows on screen, and sorting goes through a proxy on plain numbers
(value, time), so hundreds of records sort and show at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_datetime, translate
from app.logbook.entries import Side
from app.progress.records import (
    RECORD_KINDS,
    PersonalRecord,
    describe_record,
    format_record_values,
    record_title,
)
from app.ui.look.page import EmptyState

COLUMNS = (QT_TRANSLATE_NOOP("RecordsModel", "Exercise"), QT_TRANSLATE_NOOP("RecordsModel", "Record"),
           QT_TRANSLATE_NOOP("RecordsModel", "Value"), QT_TRANSLATE_NOOP("RecordsModel", "Date"),
           QT_TRANSLATE_NOOP("RecordsModel", "Previous"))
EXERCISE, RECORD, VALUE, DATE, PREVIOUS = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PREVIOUS = "—"
WIDTH_SAMPLE_ROWS = 60

_Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    """One row per record; the texts are made once, when the records arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[PersonalRecord] = []
        self._rows: list[tuple[str, ...]] = []
        self._keys: list[tuple[Any, ...]] = []
        self._tips: list[str] = []
        self._by_role: dict[int, Callable[[int, int], Any]] = {
            Qt.ItemDataRole.DisplayRole: self._display,
            SORT_ROLE: self._sort_key,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.AccessibleTextRole: self._accessible,
            Qt.ItemDataRole.TextAlignmentRole: self._alignment,
        }

    def set_records(self, records: list[PersonalRecord], name_of: Callable[[str], str],
                    units: str) -> None:
        order = {kind: n for n, kind in enumerate(RECORD_KINDS)}
        self.beginResetModel()
        self._records = list(records)
        self._rows, self._keys, self._tips = [], [], []
        for r in self._records:
            name = name_of(r.exercise_slug)
            title = record_title(r)
            title = title[:1].upper() + title[1:]
            if r.side == Side.LEFT:
                title = translate("RecordsModel", "{record}, left").format(record=title)
            elif r.side == Side.RIGHT:
                title = translate("RecordsModel", "{record}, right").format(record=title)
            value, previous = format_record_values(r, units)
            when = format_datetime(r.achieved_at.astimezone())
            self._rows.append((name, title, value, when, previous or NO_PREVIOUS))
            self._keys.append((name.casefold(), (order[r.kind], r.reps or 0), r.value,
                               r.achieved_at.timestamp(),
                               float("-inf") if r.previous is None else r.previous))
            self._tips.append(translate("RecordsModel", "{record}. Set on {date}.").format(
                record=describe_record(r, units, name_of), date=when))
        self.endResetModel()

    def texts(self, rows: int) -> list[tuple[str, ...]]:
        """The shown texts of the first ``rows`` rows."""
        return self._rows[:rows]

    def record(self, row: int) -> PersonalRecord:
        return self._records[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell; the ones not served leave at once.
        column = self._by_role.get(role)
        if column is None or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        return column(row, index.column())

    def _display(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def _sort_key(self, row: int, column: int) -> Any:
        return self._keys[row][column]

    def _tooltip(self, row: int, _column: int) -> str:
        return self._tips[row]

    def _accessible(self, row: int, column: int) -> str:
        text = self._rows[row][column]
        return translate("RecordsModel", "none, the first record") if text == NO_PREVIOUS else text

    @staticmethod
    def _alignment(_row: int, column: int) -> int | None:
        if column in (VALUE, PREVIOUS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("RecordsModel", COLUMNS[section])
        return super().headerData(section, orientation, role)


class _SortKeys(QSortFilterProxyModel):
    """Sorts on the model's SORT_ROLE values, whose types differ per column."""

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        return bool(a < b)


class RecordsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("RecordsView", "Personal records"))
        self.model = RecordsModel(self)
        self.proxy = _SortKeys(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(translate("RecordsView", "Personal records"))
        self.table.setAccessibleDescription(translate(
            "RecordsView", "One row per record: exercise, record, value, date and the value it beat"))
        self.table.setToolTip(
            translate("RecordsView", "Your personal records. Click a column heading to sort by it."))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EXERCISE, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Widths from the first rows, once per show_records (see _fit_columns):
        # measuring every row at every layout would grow with the records.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RECORD, QHeaderView.ResizeMode.Stretch)
        header.setToolTip(translate("RecordsView", "Click a heading to sort by that column; click "
                                    "again to reverse"))
        self.empty_state = EmptyState(
            translate("RecordsView", "No records yet"),
            translate("RecordsView", "Your heaviest lifts, best estimated one-rep maxes, most reps "
                      "and longest Nordic descents show here once you have logged working sets."),
            self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_records(self, records: list[PersonalRecord], name_of: Callable[[str], str],
                     units: str) -> None:
        self.model.set_records(records, name_of, units)
        if records:
            self._fit_columns()
        self.stack.setCurrentWidget(self.table if records else self.empty_state)

    def _fit_columns(self) -> None:
        """Widths from the texts of the first rows, measured here: Qt's own
        resizeColumnsToContents asks the model (through the proxy) thousands
        of times for the same answer."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        padding = 3 * metrics.averageCharWidth() + 2 * self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin)
        sample = self.model.texts(WIDTH_SAMPLE_ROWS)
        for column, name in enumerate(COLUMNS):
            if column == RECORD:   # takes the width left over
                continue
            title = translate("RecordsModel", name)
            widest = max(metrics.horizontalAdvance(text) for text in [title, *(r[column] for r in sample)])
            header.resizeSection(column, widest + padding)

    @property
    def showing_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty_state

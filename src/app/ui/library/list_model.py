"""The library list: a model of every entry, a proxy that filters and orders
it, and a delegate that draws each row as name, details and a "Custom" tag."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.kernel.i18n import translate
from app.ui.library.entries import LibraryEntry, LibraryFilter
from app.ui.library.words import SEPARATOR, equipment_text, label

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SLUG_ROLE = Qt.ItemDataRole.UserRole + 2
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def custom_tag() -> str:
    """The tag on the athlete's own exercises, in the list and on their page."""
    return translate("list_model", "Custom", "tag: an exercise the athlete added")


def details_line(entry: LibraryEntry) -> str:
    """ "Strength · Advanced · Mat or pad, ..." (a custom exercise may have no level)."""
    parts = [label(entry.category)]
    if entry.level is not None:
        parts.append(label(entry.level))
    parts.append(equipment_text(entry.equipment))
    return SEPARATOR.join(parts)


def summary_line(entry: LibraryEntry) -> str:
    item = entry.item
    if entry.is_custom:
        notes: str = getattr(item, "notes", "")
        return notes.splitlines()[0] if notes.strip() else translate("list_model", "Your own exercise")
    return str(getattr(item, "why", ""))


class ExerciseListModel(QAbstractListModel):
    """Every library entry, in no particular order (the proxy orders them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] = []

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    @property
    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> LibraryEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary_line(entry)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if entry.is_custom:
                return translate("ExerciseListModel", "{name}, custom exercise. {details}").format(
                    name=entry.name, details=details_line(entry))
            return translate("ExerciseListModel", "{name}. {details}").format(
                name=entry.name, details=details_line(entry))
        if role == ENTRY_ROLE:
            return entry
        if role == SLUG_ROLE:
            return entry.slug
        if role == DETAILS_ROLE:
            return details_line(entry)
        return None


class ExerciseFilterProxy(QSortFilterProxyModel):
    """Lets through what the ``LibraryFilter`` accepts, name matches first,
    then by name: the order Catalog.search gives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = LibraryFilter()
        self.setDynamicSortFilter(True)

    @property
    def library_filter(self) -> LibraryFilter:
        return self._filter

    def set_library_filter(self, library_filter: LibraryFilter) -> None:
        if library_filter == self._filter:
            return
        self._filter = library_filter
        # The order depends on the text too (name matches first), so both the
        # filter and the sort are redone, not just the filter.
        self.invalidate()

    def _entry(self, index: _Index) -> LibraryEntry:
        entry = self.sourceModel().data(index, ENTRY_ROLE)
        assert isinstance(entry, LibraryEntry)
        return entry

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._filter.accepts(self._entry(index))

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = self._entry(left), self._entry(right)
        rank = self._filter.rank
        return (rank(a), a.name.casefold(), a.slug) < (rank(b), b.name.casefold(), b.slug)


class ExerciseItemDelegate(QStyledItemDelegate):
    """Two lines a row: the name (large) with a boxed "Custom" tag when it is
    the athlete's own, then category, level and equipment.

    The selected row also gets a dark bar on its left edge, so the selection
    is not told by colour alone.
    """

    PADDING = 10
    BAR_WIDTH = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        name_font = QFont(base)
        name_font.setPointSizeF(base.pointSizeF() * 1.25)
        name_font.setWeight(QFont.Weight.DemiBold)
        tag_font = QFont(base)
        tag_font.setPointSizeF(base.pointSizeF() * 0.95)
        tag_font.setWeight(QFont.Weight.DemiBold)
        return name_font, QFont(base), tag_font

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        name_font, details_font, _ = self._fonts(option.font)
        height = (QFontMetrics(name_font).height() + QFontMetrics(details_font).height()
                  + self.PADDING * 2 + 4)
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        # The style draws the background, selection and focus frame; the text is ours.
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        group = (QPalette.ColorGroup.Active
                 if opt.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = palette.color(group, text_role)
        name_font, details_font, tag_font = self._fonts(opt.font)
        name_metrics = QFontMetrics(name_font)
        details_metrics = QFontMetrics(details_font)

        painter.save()
        if selected:
            # In the plain text colour: it stands out from the list's background
            # beside it as well as from the highlight, with no colour vision needed.
            painter.fillRect(QRect(rect.left(), rect.top(), self.BAR_WIDTH, rect.height()),
                             palette.color(group, QPalette.ColorRole.Text))
        left = rect.left() + self.PADDING + self.BAR_WIDTH
        right = rect.right() - self.PADDING
        top = rect.top() + self.PADDING

        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, LibraryEntry) and entry.is_custom:
            tag = custom_tag()
            tag_metrics = QFontMetrics(tag_font)
            tag_width = tag_metrics.horizontalAdvance(tag) + 12
            tag_rect = QRect(right - tag_width, top + (name_metrics.height() - tag_metrics.height()) // 2
                             - 2, tag_width, tag_metrics.height() + 4)
            painter.setPen(QPen(text_colour, 1.5))
            painter.setFont(tag_font)
            painter.drawRoundedRect(tag_rect, 4, 4)
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)
            right = tag_rect.left() - self.PADDING

        painter.setPen(text_colour)
        painter.setFont(name_font)
        name = name_metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, right - left)
        painter.drawText(left, top + name_metrics.ascent(), name)

        painter.setFont(details_font)
        details = details_metrics.elidedText(str(index.data(DETAILS_ROLE)),
                                             Qt.TextElideMode.ElideRight,
                                             rect.right() - self.PADDING - left)
        painter.drawText(left, top + name_metrics.height() + 4 + details_metrics.ascent(), details)
        painter.restore()

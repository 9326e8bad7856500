"""Finding an exercise of the Library by typing: the free session builder's
list of exercises, and the small dialog a session opens to add one (A) or
swap the one at hand (W).

Typing narrows the list (name, alias, equipment, muscle, as the Library's
search does); Down goes into the list; Enter picks the exercise selected,
or the first one shown when the keyboard is still in the search field.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import Exercise
from app.kernel.i18n import translate
from app.logbook.custom_exercises import CustomExercise
from app.ui.library.entries import LibraryEntry, LibraryFilter

SLUG_ROLE = Qt.ItemDataRole.UserRole


class ExercisePicker(QWidget):
    """A search field over a list of exercises; ``picked(slug)`` on Enter
    or a double click."""

    picked = Signal(str)

    def __init__(self, exercises: Iterable[Exercise | CustomExercise],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = sorted((LibraryEntry.of(e) for e in exercises),
                               key=lambda entry: entry.name.casefold())
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("ExercisePicker", "Type to find an exercise"))
        self.search.setAccessibleName(translate("ExercisePicker", "Find an exercise"))
        self.search.setToolTip(translate("ExercisePicker", "Type a name, alias, equipment or muscle; "
                                         "Down goes to the list, Enter picks (Alt+F)"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("ExercisePicker", "Exercises found"))
        self.list.setToolTip(translate("ExercisePicker", "Enter picks the selected exercise"))
        # A long name wraps at the list's width rather than scroll sideways.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        caption = QLabel(translate("ExercisePicker", "&Find"), self)
        caption.setBuddy(self.search)
        self.empty = QLabel(translate("ExercisePicker", "No exercise matches what you typed."), self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)   # Enter picks, and goes no further (no dialog button)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self._fill("")

    def slugs_shown(self) -> list[str]:
        return [str(self.list.item(row).data(SLUG_ROLE)) for row in range(self.list.count())]

    def current_slug(self) -> str:
        item = self.list.currentItem()
        return "" if item is None else str(item.data(SLUG_ROLE))

    def pick_current(self) -> bool:
        """Pick the selected exercise (the first shown when none is); False when the list is empty."""
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        slug = self.current_slug()
        if slug:
            self.picked.emit(slug)
        return bool(slug)

    def _fill(self, text: str) -> None:
        wanted = LibraryFilter(text=text)
        shown = sorted((entry for entry in self._entries if wanted.accepts(entry)),
                       key=wanted.rank)  # stable: by name within each rank
        self.list.clear()
        for entry in shown:
            item = QListWidgetItem(entry.name)
            item.setData(SLUG_ROLE, entry.slug)
            item.setToolTip(entry.name)
            self.list.addItem(item)
        if shown:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not shown)

    def _on_search_text_changed(self, text: str) -> None:
        self._fill(text)

    def _on_list_item_double_clicked(self, _item: QListWidgetItem) -> None:
        self.pick_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.search, self.list) and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.pick_current()
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) \
                    and self.list.count():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                row = self.list.currentRow()
                step = 1 if key == Qt.Key.Key_Down else -1
                self.list.setCurrentRow(min(max(row + step, 0), self.list.count() - 1))
                return True
        return super().eventFilter(watched, event)


class ExercisePickerDialog(QDialog):
    """The session's small Library: one exercise to add or to swap in."""

    def __init__(self, title: str, exercises: Iterable[Exercise | CustomExercise],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.resize(480, 520)
        self.chosen: str | None = None
        self.picker = ExercisePicker(exercises, self)
        self.picker.picked.connect(self._on_picker_picked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(translate("ExercisePickerDialog", "Cancel"))
        cancel.setToolTip(translate("ExercisePickerDialog", "Back to the session, nothing changed (Esc)"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)
        self.picker.search.setFocus()

    def _on_picker_picked(self, slug: str) -> None:
        self.chosen = slug
        self.accept()

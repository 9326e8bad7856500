"""The exercise list with its search field and filters.

Typing filters at once; Up and Down move through the list even while the
search field has the focus, and Enter opens the exercise, so finding one is
type, arrow, Enter. Esc clears the search (and, once it is empty, the filters).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import CATEGORIES, FILTER_GROUPS, LEVELS
from app.catalog.vocabulary import Category
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.ui.library.entries import LibraryEntry, LibraryFilter
from app.ui.library.list_model import (
    ENTRY_ROLE,
    SLUG_ROLE,
    ExerciseFilterProxy,
    ExerciseItemDelegate,
    ExerciseListModel,
)
from app.ui.library.words import group_label, label
from app.ui.look.page import EmptyState
from app.ui.look.style import SPACING, heading_font

FILTER_PANEL_WIDTH = 250
# Keys the search field passes on to the list: it has no use for them itself.
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
# Equipment check boxes, each with its own Alt+letter (none taken by the
# menus), and what each shows. Marked here, translated where shown.
_GROUP_MNEMONICS = {
    "bodyweight only": QT_TRANSLATE_NOOP("ExerciseListView", "&Bodyweight only"),
    "dumbbells": QT_TRANSLATE_NOOP("ExerciseListView", "D&umbbells"),
    "barbell": QT_TRANSLATE_NOOP("ExerciseListView", "B&arbell"),
    "kettlebell": QT_TRANSLATE_NOOP("ExerciseListView", "&Kettlebell"),
    "ball": QT_TRANSLATE_NOOP("ExerciseListView", "Ba&ll"),
    "machine/cable": QT_TRANSLATE_NOOP("ExerciseListView", "&Machine or cable"),
}
_GROUP_TIPS = {
    "bodyweight only": QT_TRANSLATE_NOOP(
        "ExerciseListView", "Show exercises that need nothing but your body, a mat, a bench or a wall"),
    "dumbbells": QT_TRANSLATE_NOOP("ExerciseListView", "Show exercises done with: dumbbells"),
    "barbell": QT_TRANSLATE_NOOP("ExerciseListView", "Show exercises done with: barbell"),
    "kettlebell": QT_TRANSLATE_NOOP("ExerciseListView", "Show exercises done with: kettlebell"),
    "ball": QT_TRANSLATE_NOOP("ExerciseListView", "Show exercises done with: ball"),
    "machine/cable": QT_TRANSLATE_NOOP("ExerciseListView", "Show exercises done with: machine or cable"),
}


def _mnemonic_key(text: str) -> str:
    position = text.find("&")
    return f"Alt+{text[position + 1].upper()}" if position >= 0 else ""


class ExerciseListView(QWidget):
    """Search, filters, a count, and the list (or, when nothing matches, what to do)."""

    current_changed = Signal(str)  # slug of the selected entry, "" for none
    exercise_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ExerciseListModel(self)
        # Set when damaged files left exercises out: the advice then says so.
        self.catalog_incomplete = False
        self.proxy = ExerciseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING * 3 // 2)
        # In a scroll area so a short window (or a long notice above) never
        # pushes the window's minimum height past the screen.
        filters = QScrollArea(self)
        panel = self._build_filters()
        filters.setWidget(panel)
        filters.setWidgetResizable(True)
        filters.setFrameShape(QFrame.Shape.NoFrame)
        filters.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        filters.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.filters = filters
        self._fit_filters()
        # Refitted whenever the panel's content changes size (the text size).
        panel.installEventFilter(self)
        layout.addWidget(filters)
        layout.addLayout(self._build_results(), 1)

        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.list.activated.connect(self._on_list_activated)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self.empty_clear_button.clicked.connect(self._on_empty_clear_button_clicked)

        # Esc with the focus anywhere in the window, while the list shows.
        self.escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape_shortcut.activated.connect(self._on_escape_shortcut_activated)
        self._update_count()

    # -- building ---------------------------------------------------------

    def _build_filters(self) -> QWidget:
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        # Room on the right for the scroll bar, when there is one.
        column.setContentsMargins(0, 0, SPACING // 2, 0)
        column.setSpacing(SPACING // 2)

        self.search = QLineEdit(panel)
        self.search.setPlaceholderText(translate("ExerciseListView", "Search  ( / )"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(translate("ExerciseListView", "Search exercises"))
        self.search.setToolTip(translate(
            "ExerciseListView", "Search by name, other name, equipment or muscle (/ or Ctrl+F); "
                                "Up and Down pick, Enter opens, Esc clears"))
        search_font = self.search.font()
        search_font.setPointSizeF(search_font.pointSizeF() * 1.2)
        self.search.setFont(search_font)
        self.search.setMinimumHeight(40)
        column.addWidget(self.search)
        column.addSpacing(SPACING // 2)

        equipment_title = QLabel(translate("ExerciseListView", "Equipment at hand"), panel)
        equipment_title.setFont(heading_font(equipment_title.font(), 1.1))
        column.addWidget(equipment_title)
        self.group_boxes: dict[str, QCheckBox] = {}
        for group in FILTER_GROUPS:
            name = group_label(group)
            text = translate("ExerciseListView", _GROUP_MNEMONICS[group]) \
                if group in _GROUP_MNEMONICS else name
            box = QCheckBox(text, panel)
            box.setAccessibleName(translate("ExerciseListView", "Equipment: {name}").format(name=name))
            key = _mnemonic_key(text)  # the translation's own Alt+letter
            tip = translate("ExerciseListView", _GROUP_TIPS[group]) if group in _GROUP_TIPS else name
            box.setToolTip(f"{tip} ({key})" if key else tip)
            box.toggled.connect(self._on_group_box_toggled)
            column.addWidget(box)
            self.group_boxes[group] = box
        column.addSpacing(SPACING // 2)

        self.level_box = QComboBox(panel)
        self.level_box.addItem(translate("ExerciseListView", "Any level"), None)
        for level in LEVELS:
            self.level_box.addItem(label(level), level)
        self.level_box.setAccessibleName(translate("ExerciseListView", "Level"))
        self.level_box.setToolTip(translate("ExerciseListView", "Show only one level (Alt+E)"))
        self.level_box.currentIndexChanged.connect(self._on_level_box_current_index_changed)
        self.category_box = QComboBox(panel)
        self.category_box.addItem(translate("ExerciseListView", "Any category"), None)
        for category in CATEGORIES:
            text = (translate("ExerciseListView", "Mobility and cool-down") if category == Category.MOBILITY
                    else label(category))
            self.category_box.addItem(text, category)
        self.category_box.setAccessibleName(translate("ExerciseListView", "Category"))
        self.category_box.setToolTip(translate("ExerciseListView",
                                               "Show only warm-up, strength or mobility work (Alt+C)"))
        self.category_box.currentIndexChanged.connect(self._on_category_box_current_index_changed)
        for text, combo in ((translate("ExerciseListView", "L&evel"), self.level_box),
                            (translate("ExerciseListView", "&Category"), self.category_box)):
            caption = QLabel(text, panel)
            caption.setFont(heading_font(caption.font(), 1.1))
            caption.setBuddy(combo)
            column.addWidget(caption)
            column.addWidget(combo)
        column.addSpacing(SPACING // 2)

        self.clear_filters_button = QPushButton(
            translate("ExerciseListView", "Clea&r search and filters"), panel)
        self.clear_filters_button.setAccessibleName(
            translate("ExerciseListView", "Clear search and filters"))
        self.clear_filters_button.setToolTip(
            translate("ExerciseListView", "Show every exercise again (Alt+R)"))
        column.addWidget(self.clear_filters_button)
        column.addStretch(1)
        return panel

    def _build_results(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(SPACING // 2)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(translate("ExerciseListView", "Exercises shown"))
        column.addWidget(self.count_label)

        self.stack = QStackedWidget(self)
        self.list = QListView(self.stack)
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(ExerciseItemDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName(translate("ExerciseListView", "Exercises"))
        self.list.setToolTip(translate("ExerciseListView",
                                       "Up and Down to pick, Enter to open (Ctrl+D duplicate, "
                                       "Ctrl+E edit and Delete for your own exercises)"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty_state = EmptyState(translate("ExerciseListView", "No exercise matches"), "",
                                      self.stack)
        self.empty_clear_button = self.empty_state.add_button(
            translate("ExerciseListView", "Clear search and filters"),
            translate("ExerciseListView", "Show every exercise again (Alt+R)"))
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty_state)
        column.addWidget(self.stack, 1)
        return column

    # -- contents and filter ----------------------------------------------

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Replace the whole list; the selected exercise stays selected if it is still there."""
        slug = self.current_slug()
        self.model.set_entries(entries)
        if slug:
            self.select_slug(slug)
        self._ensure_current()
        self._update_count()

    def library_filter(self) -> LibraryFilter:
        return self.proxy.library_filter

    def _apply_filter(self) -> None:
        groups = frozenset(g for g, box in self.group_boxes.items() if box.isChecked())
        self.proxy.set_library_filter(LibraryFilter(
            text=self.search.text(),
            groups=groups,
            level=self.level_box.currentData(),
            category=self.category_box.currentData(),
        ))
        self._ensure_current()
        self._update_count()

    def clear_filters(self) -> None:
        """Every filter off, and the search text too."""
        # One filter pass at the end, not one per box.
        for widget in (*self.group_boxes.values(), self.level_box, self.category_box, self.search):
            widget.blockSignals(True)
        for box in self.group_boxes.values():
            box.setChecked(False)
        self.level_box.setCurrentIndex(0)
        self.category_box.setCurrentIndex(0)
        self.search.clear()
        for widget in (*self.group_boxes.values(), self.level_box, self.category_box, self.search):
            widget.blockSignals(False)
        self._apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def total_count(self) -> int:
        return self.model.rowCount()

    def shown_count(self) -> int:
        return self.proxy.rowCount()

    def shown_slugs(self) -> list[str]:
        return [self.proxy.index(row, 0).data(SLUG_ROLE) for row in range(self.proxy.rowCount())]

    def current_slug(self) -> str:
        index = self.list.currentIndex()
        slug = index.data(SLUG_ROLE) if index.isValid() else None
        return slug if isinstance(slug, str) else ""

    def current_entry(self) -> LibraryEntry | None:
        index = self.list.currentIndex()
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        return entry if isinstance(entry, LibraryEntry) else None

    def select_slug(self, slug: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(SLUG_ROLE) == slug:
                self._select(index)
                return True
        return False

    def _select(self, index: QModelIndex) -> None:
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Current)
        self.list.selectionModel().setCurrentIndex(index, flags)
        self.list.scrollTo(index)

    def _ensure_current(self) -> None:
        # Something is always selected when anything shows, so Enter right
        # after typing opens the best match.
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self._select(self.proxy.index(0, 0))

    def _update_count(self) -> None:
        shown, total = self.shown_count(), self.total_count()
        self.count_label.setText(translate("ExerciseListView", "{shown} of %n exercise(s)", None, total)
                                 .format(shown=format_integer(shown)))
        if shown:
            self.stack.setCurrentWidget(self.list)
            return
        if total:
            title, text = translate("ExerciseListView", "No exercise matches"), self._widen_advice()
        else:
            title = translate("ExerciseListView", "No exercises to show")
            text = translate("ExerciseListView",
                             "The exercise files could not be read; the notice above names each "
                             "one and what is wrong with it. Exercises of your own can still be "
                             "added (Ctrl+N).")
        self.empty_clear_button.setVisible(bool(total))
        self.empty_state.title_label.setText(title)
        self.empty_state.setAccessibleName(title)
        self.empty_state.text_label.setText(text)
        self.empty_state.setAccessibleDescription(self.empty_state.text_label.text())
        if self.list.hasFocus():
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stack.setCurrentWidget(self.empty_state)

    def _widen_advice(self) -> str:
        """What to change to see exercises again.

        Each filter that is on is tried alone without it; the changes that
        would bring exercises back are named with how many, so the athlete
        knows which one to undo. If no single change helps, all are named.
        """
        f = self.proxy.library_filter
        changes = []
        if f.groups:
            changes.append((translate("ExerciseListView", "untick the equipment boxes"),
                            replace(f, groups=frozenset())))
        if f.level is not None:
            changes.append((translate("ExerciseListView", "set Level to Any level"),
                            replace(f, level=None)))
        if f.category is not None:
            changes.append((translate("ExerciseListView", "set Category to Any category"),
                            replace(f, category=None)))
        if f.words:
            changes.append((translate("ExerciseListView",
                                      "check the spelling or clear the search (Esc)"),
                            replace(f, text="")))
        entries = self.model.entries
        helping = []
        for advice, wider in changes:
            count = sum(1 for entry in entries if wider.accepts(entry))
            if count:
                helping.append(translate("ExerciseListView", "{advice}: %n exercise(s)", None, count)
                               .format(advice=advice))
        steps = helping or [advice for advice, _wider in changes]
        filtered = bool(f.groups or f.level or f.category)
        if f.words and filtered:
            nothing = translate("ExerciseListView", "Nothing matches “{text}” with these filters")
        elif f.words:
            nothing = translate("ExerciseListView", "Nothing matches “{text}”")
        else:
            nothing = translate("ExerciseListView", "Nothing fits these filters")
        either = translate("ExerciseListView", "; or ", "between two ways to see more exercises")
        text = translate("ExerciseListView",
                         "{nothing}. To see more: {changes}. Or clear everything at once with "
                         "the button below (Alt+R).").format(
            nothing=nothing.format(text=f.text.strip()), changes=either.join(steps))
        if self.catalog_incomplete:
            text += " " + translate("ExerciseListView", "Some exercises are missing: their files "
                                                        "could not be read (see above).")
        return text

    # -- slots ------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self._apply_filter()
        # New words, new best match: it is the one Enter opens. (A filter box
        # ticked keeps the selection when it still shows.)
        if self.proxy.rowCount():
            self._select(self.proxy.index(0, 0))

    def _on_group_box_toggled(self, _checked: bool) -> None:
        self._apply_filter()

    def _on_level_box_current_index_changed(self, _index: int) -> None:
        self._apply_filter()

    def _on_category_box_current_index_changed(self, _index: int) -> None:
        self._apply_filter()

    def _on_clear_filters_button_clicked(self) -> None:
        self.clear_filters()

    def _on_empty_clear_button_clicked(self) -> None:
        self.clear_filters()
        self.focus_search()

    def _on_search_return_pressed(self) -> None:
        slug = self.current_slug()
        if slug:
            self.exercise_activated.emit(slug)

    def _on_list_activated(self, index: QModelIndex) -> None:
        slug = index.data(SLUG_ROLE)
        if isinstance(slug, str):
            self.exercise_activated.emit(slug)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        slug = current.data(SLUG_ROLE) if current.isValid() else ""
        self.current_changed.emit(slug if isinstance(slug, str) else "")

    def _on_escape_shortcut_activated(self) -> None:
        if self.search.text():
            self.search.clear()
        elif not self.proxy.library_filter.is_empty:
            self.clear_filters()

    # -- keys -------------------------------------------------------------

    def _fit_filters(self) -> None:
        """The filter panel's width: FILTER_PANEL_WIDTH, or what its widest
        control needs at the text size (with the bar off, a wider drop-down
        or button was cut at the panel's right edge), and the scroll bar."""
        panel = self.filters.widget()
        needed = panel.minimumSizeHint().width() if panel is not None else 0
        width = max(FILTER_PANEL_WIDTH, needed) + self.filters.verticalScrollBar().sizeHint().width()
        if self.filters.width() != width or self.filters.minimumWidth() != width:
            self.filters.setFixedWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.filters.widget():
            self._fit_filters()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and event.key() in _LIST_KEYS:
                QApplication.sendEvent(self.list, QKeyEvent(event.type(), event.key(),
                                                            event.modifiers()))
                return True
            if watched is self.list and self._is_typing(event):
                # Letters typed in the list go to the search field: the list's own
                # type-ahead would only jump to a name's first letters.
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        text = event.text()
        other = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                      | Qt.KeyboardModifier.KeypadModifier)
        return (bool(text) and text.isprintable() and not text.isspace()
                and other == Qt.KeyboardModifier.NoModifier)

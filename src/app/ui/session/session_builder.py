"""The free session builder (Today's "Free session", Ctrl+Shift+N anywhere).

Exercises are found in the Library by typing and added to a list; each row
has its sets, reps (or seconds) and a load; Ctrl+Up / Ctrl+Down reorder,
Ctrl+Delete removes, Ctrl+Enter starts. The list itself is
``app.coaching.session_builder.SessionDraft``: every value typed goes through it, and
a refused one stays in its cell, marked, with the reason next to the table,
until it is put right (nothing typed is thrown away). "Save as program day"
keeps the list as a program of the athlete's own, checked by the same loader
as the program editor's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import Catalog
from app.catalog.vocabulary import DoseKind
from app.coaching.model import ProgramError
from app.coaching.session_builder import (
    BuilderError,
    BuilderField,
    SessionDraft,
    field_label,
    row_for,
)
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, parse_decimal, translate
from app.logbook.custom_exercises import CustomExercise
from app.logbook.entries import from_kg, to_kg
from app.ui.look.style import colour
from app.ui.look.wheel_guard import protect
from app.ui.session.picker import ExercisePicker

COLUMNS = (QT_TRANSLATE_NOOP("SessionBuilder", "Exercise"), QT_TRANSLATE_NOOP("SessionBuilder", "Sets"),
           QT_TRANSLATE_NOOP("SessionBuilder", "Reps or seconds"),
           QT_TRANSLATE_NOOP("SessionBuilder", "Load ({unit})"))
COL_EXERCISE, COL_SETS, COL_AMOUNT, COL_LOAD = range(len(COLUMNS))
TIP_ROLE = Qt.ItemDataRole.UserRole  # a cell's own tooltip, back once its value is put right
_FIELD_OF_COLUMN = {COL_SETS: BuilderField.SETS, COL_AMOUNT: BuilderField.AMOUNT,
                    COL_LOAD: BuilderField.LOAD}


def _shortcut(text: str, keys: str) -> str:
    return f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"


class SessionBuilderDialog(QDialog):
    """``start_requested(plan)`` with the SessionPlan to run;
    ``save_requested(name, definition)`` with a checked program definition
    (call ``show_saved`` or ``show_save_failed`` when the write is done)."""

    start_requested = Signal(object)
    save_requested = Signal(str, object)

    def __init__(self, catalog: Catalog, custom: Sequence[CustomExercise], units: str,
                 check: Callable[[dict[str, Any]], None], parent: QWidget | None = None) -> None:
        """``check`` raises ProgramError for a program definition the loader refuses."""
        super().__init__(parent)
        title = translate("SessionBuilder", "Free session")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.resize(1000, 600)
        self.draft = SessionDraft()
        self._catalog = catalog
        self._custom = list(custom)
        self._units = units
        self._check = check
        self._filling = False
        # Per row: text typed into a cell that was refused, kept as typed, with
        # the reason (column -> (text, reason)).
        self._typed: list[dict[int, tuple[str, str]]] = []

        self.picker = ExercisePicker([*catalog.exercises, *self._custom], self)
        self.picker.picked.connect(self._on_picker_picked)
        self.add_button = self._button(translate("SessionBuilder", "&Add to session"),
                                       translate("SessionBuilder", "Add to session"),
                                       _shortcut(translate("SessionBuilder", "Add the exercise "
                                                           "selected on the left (Enter there)"),
                                                 "Alt+A"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        left = QVBoxLayout()
        left.addWidget(self.picker, 1)
        left.addWidget(self.add_button)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([
            translate("SessionBuilder", c).format(unit=units) for c in COLUMNS])
        self.table.setAccessibleName(translate("SessionBuilder", "Exercises of the session"))
        self.table.setToolTip(translate(
            "SessionBuilder", "Type to change a value: sets, reps like 8 or 8-12 (seconds for a "
            "hold or a timed exercise), a load (empty: last time's). Ctrl+Up / Ctrl+Down move a "
            "row, Ctrl+Delete removes it"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: the arrows move inside
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_EXERCISE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_SETS, COL_AMOUNT, COL_LOAD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_table_item_changed)
        caption = QLabel(translate("SessionBuilder", "Sess&ion"), self)
        caption.setBuddy(self.table)

        self.remove_button = self._button(translate("SessionBuilder", "Re&move"),
                                          translate("SessionBuilder", "Remove exercise"),
                                          _shortcut(translate("SessionBuilder", "Take the selected "
                                                              "exercise out of the session"),
                                                    "Ctrl+Delete"))
        self.up_button = self._button(translate("SessionBuilder", "&Up"),
                                      translate("SessionBuilder", "Move up"),
                                      _shortcut(translate("SessionBuilder", "Do the selected "
                                                          "exercise earlier"), "Ctrl+Up"))
        self.down_button = self._button(translate("SessionBuilder", "&Down"),
                                        translate("SessionBuilder", "Move down"),
                                        _shortcut(translate("SessionBuilder", "Do the selected "
                                                            "exercise later"), "Ctrl+Down"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button.clicked.connect(self._on_down_button_clicked)
        row_buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        for keys, slot in (("Ctrl+Up", self._on_up_button_clicked),
                           ("Ctrl+Down", self._on_down_button_clicked),
                           ("Ctrl+Delete", self._on_remove_button_clicked)):
            action = QAction(self.table)
            action.setShortcuts([QKeySequence(keys)])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(translate("SessionBuilder", "Problem"))
        self.problem.setStyleSheet(f"color: {colour('danger')};")
        self.why_label = QLabel(self)
        self.why_label.setWordWrap(True)
        self.why_label.setAccessibleName(translate("SessionBuilder", "Why the session cannot start"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("SessionBuilder", "Saved"))

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(translate("SessionBuilder", "Program name"))
        self.name_edit.setToolTip(translate("SessionBuilder", "The name the program gets when you "
                                            "save the session as a program day (Alt+N)"))
        self.name_edit.setPlaceholderText(translate("SessionBuilder", "Name, to save it as a program"))
        name_label = QLabel(translate("SessionBuilder", "&Name"), self)
        name_label.setBuddy(self.name_edit)
        self.save_button = self._button(translate("SessionBuilder", "Sa&ve as program day"),
                                        translate("SessionBuilder", "Save as program day"),
                                        _shortcut(translate("SessionBuilder", "Keep this session as "
                                                            "a program of your own (loads are not "
                                                            "kept: each time starts from last "
                                                            "time's)"), "Ctrl+S"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        save_row = QHBoxLayout()
        save_row.addWidget(name_label)
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(self.save_button)

        self.start_button = self._button(translate("SessionBuilder", "S&tart"),
                                         translate("SessionBuilder", "Start session"), "")
        self.start_button.setObjectName("primaryButton")
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(translate("SessionBuilder", "Close"))
        close.setToolTip(translate("SessionBuilder", "Close without starting (Esc)"))
        close.setAutoDefault(False)  # Enter belongs to the field it is typed in
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        for keys, slot in (("Ctrl+Return", self._on_start_button_clicked),
                           ("Ctrl+Enter", self._on_start_button_clicked),
                           ("Ctrl+S", self._on_save_button_clicked)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(keys)])
            action.triggered.connect(slot)
            self.addAction(action)

        right = QVBoxLayout()
        right.addWidget(caption)
        right.addWidget(self.table, 1)
        right.addLayout(row_buttons)
        right.addWidget(self.problem)
        right.addWidget(self.why_label)
        right.addWidget(self.status)
        right.addLayout(save_row)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        for first, second in ((self.picker.search, self.picker.list), (self.picker.list, self.add_button),
                              (self.add_button, self.table), (self.table, self.up_button),
                              (self.up_button, self.down_button), (self.down_button, self.remove_button),
                              (self.remove_button, self.name_edit), (self.name_edit, self.save_button),
                              (self.save_button, self.start_button)):
            QWidget.setTabOrder(first, second)
        self._update_buttons()
        self.picker.search.setFocus()
        protect(self)  # the wheel scrolls, not the field under the pointer

    def _button(self, text: str, name: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(tooltip)
        button.setAutoDefault(False)  # Enter in the search field picks; it never starts or saves
        return button

    # -- the list --------------------------------------------------------------------

    def add_exercise(self, slug: str) -> bool:
        """Add an exercise of the Library (or of the athlete's own) with its usual dose."""
        exercise: Any = next((c for c in self._custom if c.slug == slug), None)
        if exercise is None and slug in self._catalog:
            exercise = self._catalog.get(slug)
        if exercise is None:
            return False
        try:
            index = self.draft.add(row_for(exercise))
        except BuilderError as exc:
            self.problem.setText(str(exc))
            return False
        self._typed.append({})
        self._fill_table()
        self.table.setCurrentCell(index, COL_SETS)
        return True

    def _fill_table(self) -> None:
        self._filling = True
        self.table.setRowCount(len(self.draft))
        for row, entry in enumerate(self.draft.rows):
            name = QTableWidgetItem(entry.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setToolTip(entry.name)
            self.table.setItem(row, COL_EXERCISE, name)
            load = "" if entry.load_kg is None else format_decimal(from_kg(entry.load_kg, self._units), 2)
            amount_tip = {DoseKind.REPS: translate("SessionBuilder", "Reps per set: 8, or a range 8-12"),
                          DoseKind.HOLD: translate("SessionBuilder", "Seconds of each hold"),
                          DoseKind.DURATION: translate("SessionBuilder", "Seconds of work per set")}
            for column, text, tip in (
                    (COL_SETS, format_integer(entry.dose.sets),
                     translate("SessionBuilder", "Sets (per side for a one-side exercise)")),
                    (COL_AMOUNT, entry.amount_text(), amount_tip[entry.kind]),
                    (COL_LOAD, load, translate("SessionBuilder", "Load in {unit}; empty: last time's; "
                                               "negative: band assistance").format(unit=self._units))):
                typed = self._typed[row].get(column)
                item = QTableWidgetItem(text if typed is None else typed[0])
                item.setData(TIP_ROLE, tip)
                item.setToolTip(tip if typed is None else typed[1])
                self.table.setItem(row, column, item)
        self._filling = False
        self._show_marks()
        self._update_buttons()

    def _selected_row(self) -> int:
        return self.table.currentRow()

    def _on_picker_picked(self, slug: str) -> None:
        if self.add_exercise(slug) and self.picker.search.hasFocus():
            # Typed, Enter, added: the field is ready for the next name
            # (otherwise the next letters run on after the last search).
            self.picker.search.clear()

    def _on_add_button_clicked(self) -> None:
        self.picker.pick_current()

    def _on_remove_button_clicked(self) -> None:
        row = self._selected_row()
        if not 0 <= row < len(self.draft):
            return
        column = max(self.table.currentColumn(), 0)
        self.draft.remove(row)
        del self._typed[row]
        self._fill_table()
        if len(self.draft):
            self.table.setCurrentCell(min(row, len(self.draft) - 1), column)
        else:
            self.picker.search.setFocus()

    def _move(self, step: int) -> None:
        row = self._selected_row()
        if not 0 <= row < len(self.draft):
            return
        column = max(self.table.currentColumn(), 0)
        target = self.draft.move(row, step)
        self._typed.insert(target, self._typed.pop(row))
        self._fill_table()
        self.table.setCurrentCell(target, column)
        self.table.setFocus()

    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    def _on_down_button_clicked(self) -> None:
        self._move(1)

    # -- values ------------------------------------------------------------------------

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        text = item.text()
        try:
            if column == COL_SETS:
                try:
                    sets = int(text.strip())
                except ValueError:
                    sets = 0
                self.draft.set_sets(row, sets)
            elif column == COL_AMOUNT:
                self.draft.set_amount(row, text)
            elif column == COL_LOAD:
                self.draft.set_load(row, self._load_kg(row, text))
            else:
                return
        except BuilderError as exc:
            self._typed[row][column] = (text, exc.message)
            item.setToolTip(exc.message)
        else:
            self._typed[row].pop(column, None)
            item.setToolTip(str(item.data(TIP_ROLE) or ""))
        self._show_marks()
        self._update_buttons()

    def _load_kg(self, row: int, text: str) -> float | None:
        if not text.strip():
            return None
        try:
            return to_kg(parse_decimal(text), self._units)
        except ValueError:
            raise BuilderError(BuilderField.LOAD, translate("SessionBuilder", "type a number, like "
                                                            "60 or 62.5"), row) from None

    def problems(self) -> list[str]:
        """What is refused in the table, one sentence per cell, top to bottom."""
        found = []
        for row, typed in enumerate(self._typed):
            for column in sorted(typed):
                reason = typed[column][1]
                label = field_label(_FIELD_OF_COLUMN[column])
                found.append(translate("SessionBuilder", "Row {row}, {field}: {problem}").format(
                    row=format_integer(row + 1), field=label, problem=reason))
        return found

    def _show_marks(self) -> None:
        self._filling = True
        for row, typed in enumerate(self._typed):
            for column in (COL_SETS, COL_AMOUNT, COL_LOAD):
                item = self.table.item(row, column)
                if item is None:
                    continue
                if column in typed:
                    item.setBackground(QColor(colour("danger_tint")))
                else:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
        self._filling = False
        self.problem.setText("\n".join(self.problems()))

    def _refusal(self) -> str | None:
        """Why neither start nor save can go ahead now, or None."""
        why = self.draft.why_not_start()
        if why is not None:
            return why
        if any(self._typed):
            return translate("SessionBuilder", "Put right the values marked in the list first")
        return None

    def _update_buttons(self) -> None:
        why = self._refusal()
        self.start_button.setEnabled(why is None)
        self.save_button.setEnabled(why is None)
        start_tip = translate("SessionBuilder", "Start this session now")
        if why is not None:
            start_tip = translate("SessionBuilder", "{why}. {what}").format(why=why, what=start_tip)
        self.start_button.setToolTip(_shortcut(start_tip, "Ctrl+Enter"))
        self.why_label.setText(why or "")
        has_rows = len(self.draft) > 0
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has_rows)
        if not self.name_edit.text() and has_rows:
            self.name_edit.setPlaceholderText(self.draft.default_title())

    # -- start and save -----------------------------------------------------------------

    def _commit_typing(self) -> None:
        """A value still being typed in the list counts (Ctrl+Enter straight
        from a cell): its editor loses the focus, and the delegate commits it."""
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.table and self.table.isAncestorOf(focus):
            self.table.setFocus()

    def _on_start_button_clicked(self) -> None:
        self._commit_typing()
        if self._refusal() is not None:
            self.why_label.setText(self._refusal() or "")
            return
        try:
            plan = self.draft.plan(self._catalog, self._custom)
        except (BuilderError, ValueError) as exc:
            self.problem.setText(str(exc))
            return
        self.start_requested.emit(plan)

    def _on_save_button_clicked(self) -> None:
        self._commit_typing()
        why = self._refusal()
        if why is not None:
            self.why_label.setText(why)
            return
        name = self.name_edit.text().strip() or self.draft.default_title()
        try:
            definition = self.draft.program_definition(name)
            self._check(definition)
        except (BuilderError, ProgramError) as exc:
            self.problem.setText(translate("SessionBuilder", "Not saved: {problem}").format(
                problem=str(exc)))
            return
        self.save_button.setEnabled(False)
        self.status.setText(translate("SessionBuilder", "Saving…"))
        self.save_requested.emit(name, definition)

    def show_saved(self, name: str) -> None:
        self.status.setText(translate("SessionBuilder", "Saved as the program “{name}” (Programs, "
                                       "Ctrl+3)").format(name=name))
        self._update_buttons()

    def show_save_failed(self, message: str) -> None:
        self.status.clear()
        self.problem.setText(translate("SessionBuilder", "Not saved: {problem}. Your list is still "
                                       "here; try again.").format(problem=message))
        self._update_buttons()


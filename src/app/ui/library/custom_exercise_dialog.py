"""The form for adding, editing or duplicating a custom exercise.

The dialog checks what it can at once (the same validators as the store)
and shows each problem next to its field. Saving is asked for with
``save_requested``; the owner writes it off the UI thread and answers with
``saved()`` or ``show_error()``, so the form stays open, with everything
typed, until the exercise is really stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import CATEGORIES, EQUIPMENT, LEVELS, ONE_SIDE
from app.catalog.vocabulary import Category
from app.coaching.words import level_word
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_integer, translate
from app.logbook.custom_exercises import (
    MAX_STEPS,
    CustomExercise,
    CustomExerciseError,
    StepInput,
    check_picture,
    validate_fields,
)
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect

# The stored values in the athlete's words (translated where shown).
ONE_SIDE_LABELS = {"no": QT_TRANSLATE_NOOP("CustomExerciseDialog", "No: both sides together"),
                   "yes": QT_TRANSLATE_NOOP("CustomExerciseDialog", "Yes: left, then right"),
                   "alternating": QT_TRANSLATE_NOOP("CustomExerciseDialog", "Alternating sides")}
CATEGORY_LABELS: dict[str, str] = {
    Category.WARM_UP: QT_TRANSLATE_NOOP("CustomExerciseDialog", "Warm-up"),
    Category.STRENGTH: QT_TRANSLATE_NOOP("CustomExerciseDialog", "Strength"),
    Category.MOBILITY: QT_TRANSLATE_NOOP("CustomExerciseDialog", "Mobility / cool-down")}
# The validators name a field by a key ("one side", "picture"...); a problem
# that has no place of its own in the form is shown with the field's name.
FIELD_LABELS = {"one side": QT_TRANSLATE_NOOP("CustomExerciseDialog", "one side"),
                "category": QT_TRANSLATE_NOOP("CustomExerciseDialog", "category"),
                "level": QT_TRANSLATE_NOOP("CustomExerciseDialog", "level"),
                "picture": QT_TRANSLATE_NOOP("CustomExerciseDialog", "picture"),
                "saving": QT_TRANSLATE_NOOP("CustomExerciseDialog", "saving")}


@dataclass(frozen=True)
class CustomExerciseForm:
    """What the form holds, ready for Store.save_custom_exercise."""

    slug: str | None
    name: str
    equipment: tuple[str, ...]
    one_side: str
    category: str
    level: str | None
    steps: tuple[StepInput, ...]
    notes: str
    based_on: str | None


def _error_label(parent: QWidget, accessible_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    label.hide()
    return label


class StepEditor(QWidget):
    """One step: its text, an optional picture, and a remove button."""

    removed = Signal(object)  # self
    picture_asked = Signal(object)  # self

    def __init__(self, number: int, step: StepInput, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture: Path | None = step.picture
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.number_label = QLabel(self)
        self.text_edit = QLineEdit(step.text, self)
        self.text_edit.setPlaceholderText(
            translate("StepEditor", "What to do in this step, in a sentence or two"))
        self.picture_button = QPushButton(self)
        self.picture_button.clicked.connect(lambda: self.picture_asked.emit(self))
        self.clear_picture_button = QPushButton(translate("StepEditor", "No picture"), self)
        self.clear_picture_button.clicked.connect(self._on_clear_picture_button_clicked)
        self.remove_button = QPushButton(translate("StepEditor", "Remove"), self)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        for widget in (self.number_label, self.text_edit, self.picture_button,
                       self.clear_picture_button, self.remove_button):
            row.addWidget(widget, 1 if widget is self.text_edit else 0)
        layout.addLayout(row)
        self.error = _error_label(self, translate("StepEditor", "Step problem"))
        layout.addWidget(self.error)
        self.set_number(number)
        self._show_picture()

    def set_number(self, number: int) -> None:
        self.number = number
        shown = format_integer(number)
        self.number_label.setText(translate("StepEditor", "Step {number}").format(number=shown))
        self.text_edit.setAccessibleName(
            translate("StepEditor", "Step {number} text").format(number=shown))
        self.text_edit.setToolTip(
            translate("StepEditor", "What to do in step {number}").format(number=shown))
        self.picture_button.setAccessibleName(
            translate("StepEditor", "Choose a picture for step {number}").format(number=shown))
        self.picture_button.setToolTip(translate(
            "StepEditor", "Choose a picture file for step {number} (PNG, JPEG, GIF, BMP or WebP; "
            "20 MB at most)").format(number=shown))
        self.clear_picture_button.setAccessibleName(
            translate("StepEditor", "No picture for step {number}").format(number=shown))
        self.clear_picture_button.setToolTip(
            translate("StepEditor", "Show step {number} without a picture").format(number=shown))
        self.remove_button.setAccessibleName(
            translate("StepEditor", "Remove step {number}").format(number=shown))
        self.remove_button.setToolTip(
            translate("StepEditor", "Remove step {number}").format(number=shown))

    def set_picture(self, path: Path | None) -> None:
        self.picture = path
        self._show_picture()

    def _show_picture(self) -> None:
        self.picture_button.setText(
            translate("StepEditor", "Picture: {file}").format(file=self.picture.name)
            if self.picture else translate("StepEditor", "Picture…"))
        self.clear_picture_button.setEnabled(self.picture is not None)

    def _on_clear_picture_button_clicked(self) -> None:
        self.set_picture(None)

    def step(self) -> StepInput:
        return StepInput(self.text_edit.text().strip(), self.picture)


class CustomExerciseDialog(QDialog):
    save_requested = Signal(object)  # CustomExerciseForm

    def __init__(self, title: str, exercise: CustomExercise | None = None, *,
                 as_copy: bool = False, parent: QWidget | None = None) -> None:
        """``exercise`` fills the form; ``as_copy`` saves it as a new exercise
        (a duplicate) instead of replacing the one it came from."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(720)
        self._slug = exercise.slug if exercise is not None and not as_copy else None
        self._based_on = exercise.based_on if exercise is not None else None
        # A seam for tests: the real one asks with a file dialog.
        self.choose_picture_file: Callable[[], Path | None] = self._ask_for_picture_file
        self.steps: list[StepEditor] = []

        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(translate("CustomExerciseDialog", "Name"))
        self.name_edit.setToolTip(translate(
            "CustomExerciseDialog", "The exercise's name, as you want to see it in the library"))
        self.name_error = _error_label(self, translate("CustomExerciseDialog", "Name problem"))
        form.addRow(translate("CustomExerciseDialog", "&Name:"), self.name_edit)
        form.addRow("", self.name_error)

        self.equipment_list = QListWidget(self)
        self.equipment_list.setAccessibleName(translate("CustomExerciseDialog", "Equipment"))
        self.equipment_list.setToolTip(translate(
            "CustomExerciseDialog", "Tick what the exercise needs (Space ticks the current one)"))
        self.equipment_list.setMaximumHeight(150)
        # A long name wraps at the list's width rather than scroll sideways.
        self.equipment_list.setWordWrap(True)
        self.equipment_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.equipment_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for equipment in EQUIPMENT.values():  # the catalog's names: content, not translated
            item = QListWidgetItem(equipment.name, self.equipment_list)
            item.setData(Qt.ItemDataRole.UserRole, equipment.id)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.equipment_error = _error_label(
            self, translate("CustomExerciseDialog", "Equipment problem"))
        form.addRow(translate("CustomExerciseDialog", "&Equipment:"), self.equipment_list)
        form.addRow("", self.equipment_error)

        self.one_side_box = self._combo(
            translate("CustomExerciseDialog", "One side at a time"),
            translate("CustomExerciseDialog", "Whether the exercise works one side at a time"),
            [(translate("CustomExerciseDialog", ONE_SIDE_LABELS[v]), v) for v in ONE_SIDE])
        form.addRow(translate("CustomExerciseDialog", "&One side:"), self.one_side_box)
        self.category_box = self._combo(
            translate("CustomExerciseDialog", "Category"),
            translate("CustomExerciseDialog", "Warm-up, strength, or mobility and cool-down"),
            [(translate("CustomExerciseDialog", CATEGORY_LABELS[v]), v) for v in CATEGORIES])
        # Not &C: the Cancel button takes that letter where the desktop gives it one (GNOME).
        form.addRow(translate("CustomExerciseDialog", "Cate&gory:"), self.category_box)
        self.level_box = self._combo(
            translate("CustomExerciseDialog", "Level"),
            translate("CustomExerciseDialog", "How hard it is (optional)"),
            [(translate("CustomExerciseDialog", "Not set", "level: none chosen"), None)]
            + [(level_word(v), v) for v in LEVELS])
        form.addRow(translate("CustomExerciseDialog", "&Level:"), self.level_box)

        self.steps_box = QVBoxLayout()
        self.steps_box.addStretch(1)  # steps stack from the top; new ones go above this
        steps_widget = QWidget(self)
        steps_widget.setLayout(self.steps_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(steps_widget)
        scroll.setMinimumHeight(180)
        self.steps_error = _error_label(self, translate("CustomExerciseDialog", "Steps problem"))
        self.add_step_button = QPushButton(translate("CustomExerciseDialog", "&Add step"), self)
        self.add_step_button.setAccessibleName(translate("CustomExerciseDialog", "Add step"))
        self.add_step_button.setToolTip(translate(
            "CustomExerciseDialog", "Add a step at the end (Ctrl+Return); up to {count}").format(
                count=format_integer(MAX_STEPS)))
        self.add_step_button.clicked.connect(self._on_add_step_button_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_add_step_button_clicked)

        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName(translate("CustomExerciseDialog", "Notes"))
        self.notes_edit.setToolTip(
            translate("CustomExerciseDialog", "Anything else worth remembering (optional)"))
        self.notes_edit.setMaximumHeight(70)
        form.addRow(translate("CustomExerciseDialog", "No&tes:"), self.notes_edit)

        self.save_error = _error_label(self, translate("CustomExerciseDialog", "Saving problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(translate("CustomExerciseDialog", "Save"))
        self.save_button.setToolTip(
            translate("CustomExerciseDialog", "Check and save the exercise (Enter)"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(translate("CustomExerciseDialog", "Cancel"))
        cancel.setToolTip(translate("CustomExerciseDialog", "Close without saving (Esc)"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(translate("CustomExerciseDialog", "Steps:"), self))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.steps_error)
        layout.addWidget(self.add_step_button)
        layout.addWidget(self.save_error)
        layout.addWidget(buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer

        self._fill(exercise)

    def _combo(self, name: str, tip: str, choices: list[tuple[str, str | None]]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setToolTip(tip)
        for label, value in choices:
            box.addItem(label, value)
        return box

    def _fill(self, exercise: CustomExercise | None) -> None:
        if exercise is None:
            # Most exercises added here are strength work for the hamstrings.
            self.category_box.setCurrentIndex(self.category_box.findData("strength"))
            self.add_step(StepInput(""))
            return
        self.name_edit.setText(exercise.name)
        for row in range(self.equipment_list.count()):
            item = self.equipment_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in exercise.equipment
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for box, value in ((self.one_side_box, exercise.one_side),
                           (self.category_box, exercise.category), (self.level_box, exercise.level)):
            box.setCurrentIndex(max(0, box.findData(value)))
        self.notes_edit.setPlainText(exercise.notes)
        for step in exercise.steps:
            self.add_step(StepInput(step.text, step.picture))
        if not exercise.steps:
            self.add_step(StepInput(""))

    # -- steps --------------------------------------------------------------

    def add_step(self, step: StepInput) -> StepEditor | None:
        if len(self.steps) >= MAX_STEPS:
            self._show(self.steps_error, translate("CustomExerciseDialog", "At most %n step(s).",
                                                   n=MAX_STEPS))
            return None
        editor = StepEditor(len(self.steps) + 1, step, self)
        editor.removed.connect(self._on_step_editor_removed)
        editor.picture_asked.connect(self._on_step_editor_picture_asked)
        self.steps.append(editor)
        self.steps_box.insertWidget(self.steps_box.count() - 1, editor)
        return editor

    def _on_add_step_button_clicked(self) -> None:
        editor = self.add_step(StepInput(""))
        if editor is not None:
            editor.text_edit.setFocus()

    def _on_step_editor_removed(self, editor: StepEditor) -> None:
        self.steps.remove(editor)
        editor.deleteLater()
        for number, remaining in enumerate(self.steps, start=1):
            remaining.set_number(number)

    def _on_step_editor_picture_asked(self, editor: StepEditor) -> None:
        path = self.choose_picture_file()
        if path is None:
            return
        try:
            check_picture(path)
        except CustomExerciseError as exc:
            self._show(editor.error, exc.message)
            return
        editor.error.hide()
        editor.set_picture(path)

    def _ask_for_picture_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, translate("CustomExerciseDialog", "Choose a picture"), "",
            # The patterns in brackets stay as they are: only the word before them is translated.
            translate("CustomExerciseDialog", "Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
        return Path(name) if name else None

    # -- saving -------------------------------------------------------------

    def form(self) -> CustomExerciseForm:
        items = [self.equipment_list.item(row) for row in range(self.equipment_list.count())]
        equipment = tuple(item.data(Qt.ItemDataRole.UserRole) for item in items
                          if item.checkState() == Qt.CheckState.Checked)
        return CustomExerciseForm(
            slug=self._slug, name=self.name_edit.text().strip(), equipment=equipment,
            one_side=self.one_side_box.currentData(), category=self.category_box.currentData(),
            level=self.level_box.currentData(), steps=tuple(e.step() for e in self.steps),
            notes=self.notes_edit.toPlainText().strip(), based_on=self._based_on)

    def _on_buttons_accepted(self) -> None:
        form = self.form()
        self._clear_errors()
        try:
            validate_fields(form.name, form.equipment, form.one_side, form.category, form.level,
                            tuple(s.text for s in form.steps))
        except CustomExerciseError as exc:
            self.show_error(exc.field, exc.message)
            return
        self.save_button.setEnabled(False)
        self.save_requested.emit(form)

    def saved(self) -> None:
        self.accept()

    def show_error(self, field: str, message: str) -> None:
        """Put ``message`` next to ``field`` (as named by the validators) and focus it."""
        self.save_button.setEnabled(True)
        targets: dict[str, tuple[QLabel, QWidget]] = {
            "name": (self.name_error, self.name_edit),
            "equipment": (self.equipment_error, self.equipment_list),
            "steps": (self.steps_error, self.add_step_button),
        }
        if field.startswith("step "):
            number = int(field.split()[1])
            if 1 <= number <= len(self.steps):
                editor = self.steps[number - 1]
                targets[field] = (editor.error, editor.text_edit)
        label, widget = targets.get(field, (self.save_error, self.save_button))
        if field not in targets:
            name = FIELD_LABELS.get(field)
            message = translate("CustomExerciseDialog", "{field}: {problem}").format(
                field=translate("CustomExerciseDialog", name) if name else field, problem=message)
        self._show(label, message)
        widget.setFocus()

    def _show(self, label: QLabel, message: str) -> None:
        # A sign as well as the colour: the message must not rely on colour alone.
        label.setText(translate("CustomExerciseDialog", "⚠ {problem}").format(problem=message))
        label.show()

    def _clear_errors(self) -> None:
        for label in (self.name_error, self.equipment_error, self.steps_error, self.save_error,
                      *(e.error for e in self.steps)):
            label.hide()

"""Correcting one logged set: every field checked, each problem said next to it.

The dialog only reads and checks; saving is the controller's job (off the
UI thread). A refused value leaves everything typed as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import format_decimal, format_integer, parse_decimal, translate
from app.storage.entries import SET_TYPES, SIDES, InvalidEntryError, LoggedSetRecord, SetEntry
from app.ui.history.models import set_type_word, side_word

# The field named by a problem with one rep's descent ("descent of rep 2"), here
# and in app.storage.entries: a key, not words shown.
DESCENT_OF_REP = "descent of rep"
LOAD_UNITS = ("kg", "lb")
# Which message line shows a validator's complaint about a field.
_FIELD_ROW = {"exercise": "exercise", "set number": "set", "side": "side", "reps": "reps",
              "load": "load", "load unit": "load", "duration": "time", "RPE": "RPE",
              "set type": "type", "notes": "notes", "descent": "descent"}


def parse_number(field: str, text: str, whole: bool = False) -> float | int | None:
    """A typed number (the locale's decimal mark or a dot), or None when
    empty; words, not a traceback, for anything else."""
    text = text.strip()
    if not text:
        return None
    try:
        value: float | None = parse_decimal(text)
    except ValueError:
        value = None
    if whole and (value is None or not value.is_integer()):
        raise InvalidEntryError(field, translate(
            "set_dialog", "must be a whole number, not “{text}”").format(text=text))
    if value is None:
        raise InvalidEntryError(field, translate(
            "set_dialog", "must be a number, not “{text}”").format(text=text))
    return int(value) if whole else value


def parse_seconds(text: str) -> float | None:
    """Seconds as "90", "1:30" or "1:02:30"."""
    text = text.strip()
    if not text:
        return None
    parts = text.split(":")
    problem = translate("set_dialog", "must be seconds or m:ss, not “{text}”").format(text=text)
    try:
        numbers = [parse_decimal(p) for p in parts]
    except ValueError:
        raise InvalidEntryError("duration", problem) from None
    if len(numbers) > 3 or any(n < 0 for n in numbers):
        raise InvalidEntryError("duration", problem)
    total = 0.0
    for number in numbers:
        total = total * 60 + number
    return total


def seconds_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = round(seconds)
    if abs(seconds - whole) > 1e-6 or whole < 60:
        return format_decimal(seconds, 1)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


class SetEditDialog(QDialog):
    save_requested = Signal(object)  # the checked SetEntry

    def __init__(self, record: LoggedSetRecord, choices: Sequence[tuple[str, str]], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.setMinimumWidth(480)
        self.messages: dict[str, QLabel] = {}

        self.exercise_combo = QComboBox(self)
        known = dict(choices)
        if record.exercise_slug not in known:  # a set of an exercise since deleted keeps its slug
            known[record.exercise_slug] = record.exercise_slug
        for slug, name in sorted(known.items(), key=lambda pair: pair[1].casefold()):
            self.exercise_combo.addItem(name, slug)
        self.exercise_combo.setCurrentIndex(self.exercise_combo.findData(record.exercise_slug))
        self.set_spin = QSpinBox(self)
        self.set_spin.setRange(1, 99)
        self.set_spin.setValue(record.set_number)
        self.side_combo = QComboBox(self)
        for side in SIDES:
            self.side_combo.addItem(side_word(side), side)
        self.side_combo.setCurrentIndex(self.side_combo.findData(record.side))
        self.type_combo = QComboBox(self)
        for code in SET_TYPES:
            self.type_combo.addItem(set_type_word(code), code)
        self.type_combo.setCurrentIndex(self.type_combo.findData(record.set_type))
        self.reps_edit = QLineEdit("" if record.reps is None else format_integer(record.reps), self)
        load = record.load_entered
        # Numbers in the locale's way (82,5 in German): parse_number reads them back.
        self.load_edit = QLineEdit("" if load is None else format_decimal(load, 1), self)
        self.load_edit.setPlaceholderText(translate("SetEditDialog", "none", "no load"))
        self.unit_combo = QComboBox(self)
        for unit in LOAD_UNITS:  # the symbols shown are also the stored values
            self.unit_combo.addItem(unit, userData=unit)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(record.load_unit))
        self.time_edit = QLineEdit(seconds_text(record.duration_s), self)
        self.time_edit.setPlaceholderText(translate("SetEditDialog", "seconds or m:ss"))
        self.rpe_edit = QLineEdit("" if record.rpe is None else format_decimal(record.rpe, 1), self)
        self.rpe_edit.setPlaceholderText(translate("SetEditDialog", "1-10, optional"))
        self.descent_edit = QLineEdit(
            "; ".join(format_decimal(x, 1) for x in record.descent_s) if record.descent_s else "",
            self)
        self.descent_edit.setPlaceholderText(
            translate("SetEditDialog", "seconds per rep, e.g. {example}").format(
                example="; ".join(format_decimal(x, 1) for x in (4.5, 4.1, 3.8))))
        self.notes_edit = QLineEdit(record.notes, self)
        self._shown = {edit: edit.text() for edit in (self.load_edit, self.rpe_edit, self.time_edit,
                                                      self.descent_edit)}

        form = QFormLayout()
        load_row = QHBoxLayout()
        load_row.addWidget(self.load_edit, 1)
        load_row.addWidget(self.unit_combo)
        rows: list[tuple[str, str, QWidget | QHBoxLayout, str]] = [
            ("exercise", translate("SetEditDialog", "E&xercise"), self.exercise_combo,
             translate("SetEditDialog", "The exercise this set belongs to")),
            ("set", translate("SetEditDialog", "&Set number"), self.set_spin,
             translate("SetEditDialog", "The set's number within its exercise")),
            ("side", translate("SetEditDialog", "Si&de"), self.side_combo,
             translate("SetEditDialog", "Both sides, or the left or right one")),
            ("type", translate("SetEditDialog", "&Type", "the kind of set"), self.type_combo,
             translate("SetEditDialog", "Warm-up, working or drop set")),
            ("reps", translate("SetEditDialog", "&Reps"), self.reps_edit,
             translate("SetEditDialog", "Repetitions done, empty for none")),
            ("load", translate("SetEditDialog", "&Load", "the weight lifted"), load_row,
             translate("SetEditDialog", "Load in the unit chosen beside it; empty for none, "
                       "negative for band assistance")),
            ("time", translate("SetEditDialog", "T&ime"), self.time_edit,
             translate("SetEditDialog", "How long the set or hold lasted: seconds or m:ss")),
            ("RPE", translate("SetEditDialog", "R&PE"), self.rpe_edit,
             translate("SetEditDialog", "Rate of perceived exertion, 1 (easy) to 10 (maximal)")),
            ("descent", translate("SetEditDialog", "Des&cent"), self.descent_edit,
             translate("SetEditDialog", "Controlled-descent seconds of each rep, separated by "
                       "semicolons")),
            ("notes", translate("SetEditDialog", "&Notes"), self.notes_edit,
             translate("SetEditDialog", "Anything to remember about this set")),
        ]
        for key, label_text, field, tip in rows:
            label = QLabel(label_text, self)
            widget = field if isinstance(field, QWidget) else self.load_edit
            label.setBuddy(widget)
            widget.setAccessibleName(label_text.replace("&", ""))
            widget.setToolTip(tip)
            form.addRow(label, field)
            message = QLabel(self)
            message.setObjectName("fieldProblem")
            message.setProperty("role", "error")
            message.setWordWrap(True)
            message.setAccessibleName(translate("SetEditDialog", "Problem with {field}").format(
                field=label_text.replace("&", "")))
            message.hide()
            form.addRow("", message)
            self.messages[key] = message
        self.unit_combo.setAccessibleName(translate("SetEditDialog", "Load unit"))
        self.unit_combo.setToolTip(translate("SetEditDialog",
                                             "The unit of the load: kilograms or pounds"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(translate("SetEditDialog", "Save the corrected set (Enter)"))
        save.setAccessibleName(translate("SetEditDialog", "Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(translate("SetEditDialog", "Close without changing the set (Esc)"))
        cancel.setAccessibleName(translate("SetEditDialog", "Cancel"))
        self.status = QLabel(self)
        self.status.setAccessibleName(translate("SetEditDialog", "Saving status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.reps_edit.setFocus()

    # -- reading ------------------------------------------------------------

    def entry(self) -> SetEntry:
        """The set as typed, checked; raises InvalidEntryError naming the field.

        A field left as it was shown keeps the stored value exactly: the
        text is rounded for reading, and saving it back must not change a
        value the athlete did not touch."""
        r = self.record
        reps = parse_number("reps", self.reps_edit.text(), whole=True)
        if self._untouched(self.load_edit) and self.unit_combo.currentData() == r.load_unit:
            load = r.load_entered
        else:
            load = parse_number("load", self.load_edit.text())
        rpe = r.rpe if self._untouched(self.rpe_edit) else parse_number("RPE", self.rpe_edit.text())
        duration = (r.duration_s if self._untouched(self.time_edit)
                    else parse_seconds(self.time_edit.text()))
        if self._untouched(self.descent_edit):
            descents = r.descent_s
        else:
            parts = [p for p in self.descent_edit.text().split(";") if p.strip()]
            descents = tuple(float(parse_number(f"{DESCENT_OF_REP} {n}", part) or 0.0)
                             for n, part in enumerate(parts, start=1)) or None
        return SetEntry(
            exercise_slug=self.exercise_combo.currentData(), set_number=self.set_spin.value(),
            side=self.side_combo.currentData(), reps=int(reps) if reps is not None else None,
            load=load, load_unit=self.unit_combo.currentData(), duration_s=duration, rpe=rpe,
            tempo=r.tempo, descent_s=descents, set_type=self.type_combo.currentData(),
            notes=self.notes_edit.text().strip(), distance_m=r.distance_m, rest_s=r.rest_s)

    def _untouched(self, edit: QLineEdit) -> bool:
        return edit.text() == self._shown[edit]

    def unchanged(self, entry: SetEntry) -> bool:
        r = self.record
        current = SetEntry(r.exercise_slug, r.set_number, r.side, r.reps, r.load_entered,
                           r.load_unit, r.duration_s, r.rpe, r.tempo, r.descent_s, r.set_type,
                           r.notes, r.distance_m, r.rest_s)
        return dataclasses.astuple(current) == dataclasses.astuple(entry)

    # -- showing problems ----------------------------------------------------

    def show_problem(self, field: str, message: str) -> None:
        if field.startswith(DESCENT_OF_REP):  # which rep is part of the message
            rep = field[len(DESCENT_OF_REP):].strip()
            field, message = "descent", translate(
                "SetEditDialog", "rep {rep} {problem}",
                "{problem} says what is wrong, e.g. 'must be a number'").format(rep=rep,
                                                                              problem=message)
        label = self.messages.get(_FIELD_ROW.get(field, ""))
        if label is None:
            self.status.setText(message)
            return
        label.setText(message[:1].upper() + message[1:] + ".")
        label.show()

    def clear_problems(self) -> None:
        for label in self.messages.values():
            label.hide()
            label.clear()
        self.status.clear()

    def show_save_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(translate("SetEditDialog", "Not saved: {error}. Your changes are still "
                                      "here; try again.").format(error=message))

    def _on_buttons_accepted(self) -> None:
        self.clear_problems()
        try:
            entry = self.entry()
        except InvalidEntryError as exc:
            self.show_problem(exc.field, exc.message)
            return
        if self.unchanged(entry):
            self.reject()
            return
        self.buttons.setEnabled(False)
        self.status.setText(translate("SetEditDialog", "Saving…"))
        self.save_requested.emit(entry)

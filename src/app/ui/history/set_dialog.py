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

from app.kernel.i18n import format_decimal, format_integer, parse_decimal, translate
from app.logbook.entries import (
    HELD_MARK,
    MAX_RIR,
    SET_TYPES,
    SIDES,
    InvalidEntryError,
    LoggedSetRecord,
    SetEntry,
    SetType,
    Side,
    check_descents_fit_reps,
    held_or_unknown,
)
from app.ui.history.models import set_type_word, side_word
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect

# The field named by a problem with one rep's descent ("descent of rep 2"), here
# and in app.logbook.entries: a key, not words shown.
DESCENT_OF_REP = "descent of rep"
# Written after a descent time: that rep was lowered all the way to the floor
# without a break point, so the time is the target reached, not a measurement.
LOAD_UNITS = ("kg", "lb")
# Which message line shows a validator's complaint about a field.
_FIELD_ROW = {"exercise": "exercise", "set number": "set", "side": "side", "reps": "reps",
              "load": "load", "load unit": "load", "duration": "time", "RPE": "RPE",
              "RIR": "RIR",
              "set type": "type", "notes": "notes", "descent": "descent",
              "descent held": "descent"}


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


def descents_text(descents: tuple[float, ...] | None, held: tuple[bool, ...] = ()) -> str:
    """A set's descents as the dialog shows them: "4.5; 5+" (the + marks a rep
    lowered to the floor without a break point, so 5 is a lower bound)."""
    if not descents:
        return ""
    marks = held_or_unknown(descents, held)
    return "; ".join(format_decimal(x, 1) + (HELD_MARK if mark else "")
                     for x, mark in zip(descents, marks, strict=True))


def parse_descents(text: str, flags_known: bool = False
                   ) -> tuple[tuple[float, ...] | None, tuple[bool, ...]]:
    """Typed descents and which were held to the floor ("5+").

    Without any + the flags stay unknown (empty), unless ``flags_known``: the
    set came with them (a set logged in a session), so every rep not marked
    was a measured break point, as it was before the correction."""
    values: list[float] = []
    held: list[bool] = []
    for n, part in enumerate((p.strip() for p in text.split(";") if p.strip()), start=1):
        mark = part.endswith(HELD_MARK)
        number = parse_number(f"{DESCENT_OF_REP} {n}", part.removesuffix(HELD_MARK))
        values.append(float(number or 0.0))
        held.append(mark)
    if not values:
        return None, ()
    return tuple(values), tuple(held) if flags_known or any(held) else ()


class SetFields(QWidget):
    """The fields of one set, each checked, each problem said next to it.

    Shared by the correction dialog, the new-set dialog and the past-session
    dialog: one copy of the fields, their parsing and their messages. With a
    ``record`` the fields show it, and a field left as shown keeps its stored
    value exactly; without one they start empty (or at the given defaults).
    """

    def __init__(self, choices: Sequence[tuple[str, str]], record: LoggedSetRecord | None = None,
                 *, exercise: str | None = None, set_number: int = 1, load_unit: str = "kg",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.messages: dict[str, QLabel] = {}

        self.exercise_combo = QComboBox(self)
        known = dict(choices)
        current = record.exercise_slug if record is not None else exercise
        if current is not None and current not in known:  # a set of an exercise since deleted keeps its slug
            known[current] = current
        for slug, name in sorted(known.items(), key=lambda pair: pair[1].casefold()):
            self.exercise_combo.addItem(name, slug)
        self.exercise_combo.setCurrentIndex(
            max(self.exercise_combo.findData(current), 0) if current is not None else 0)
        self.set_spin = QSpinBox(self)
        self.set_spin.setRange(1, 99)
        self.set_spin.setValue(record.set_number if record is not None else set_number)
        self.side_combo = QComboBox(self)
        for side in SIDES:
            self.side_combo.addItem(side_word(side), side)
        self.side_combo.setCurrentIndex(self.side_combo.findData(
            record.side if record is not None else Side.BOTH.value))
        self.type_combo = QComboBox(self)
        for code in SET_TYPES:
            self.type_combo.addItem(set_type_word(code), code)
        self.type_combo.setCurrentIndex(self.type_combo.findData(
            record.set_type if record is not None else SetType.WORKING.value))
        reps = record.reps if record is not None else None
        self.reps_edit = QLineEdit("" if reps is None else format_integer(reps), self)
        load = record.load_entered if record is not None else None
        # Numbers in the locale's way (82,5 in German): parse_number reads them back.
        self.load_edit = QLineEdit("" if load is None else format_decimal(load, 1), self)
        self.load_edit.setPlaceholderText(translate("SetEditDialog", "none", "no load"))
        self.unit_combo = QComboBox(self)
        for unit in LOAD_UNITS:  # the symbols shown are also the stored values
            self.unit_combo.addItem(unit, userData=unit)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(
            record.load_unit if record is not None else load_unit), 0))
        self.time_edit = QLineEdit(seconds_text(record.duration_s if record is not None else None),
                                   self)
        self.time_edit.setPlaceholderText(translate("SetEditDialog", "seconds or m:ss"))
        rpe = record.rpe if record is not None else None
        self.rpe_edit = QLineEdit("" if rpe is None else format_decimal(rpe, 1), self)
        self.rpe_edit.setPlaceholderText(translate("SetEditDialog", "1-10, optional"))
        # Reps in reserve, beside RPE: the log sheet asks one or the other
        # (Settings), and a correction may need either.
        rir = record.rir if record is not None else None
        self.rir_edit = QLineEdit("" if rir is None else format_integer(rir), self)
        self.rir_edit.setPlaceholderText(translate("SetEditDialog", "0-{most}, optional").format(
            most=format_integer(MAX_RIR)))
        self.descent_edit = QLineEdit(
            descents_text(record.descent_s, record.descent_held) if record is not None else "",
            self)
        self.descent_edit.setPlaceholderText(
            translate("SetEditDialog", "seconds per rep, e.g. {example}").format(
                example=descents_text((4.5, 4.1, 5.0), (False, False, True))))
        self.notes_edit = QLineEdit(record.notes if record is not None else "", self)
        self._shown = {edit: edit.text() for edit in (self.load_edit, self.rpe_edit, self.time_edit,
                                                      self.descent_edit)}

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
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
            # "Set duration", not "Time": Alt+I is RIR's, and the past-session
            # dialog around these fields has its own "Duration" and "Start time".
            ("time", translate("SetEditDialog", "Set d&uration"), self.time_edit,
             translate("SetEditDialog", "How long the set or hold lasted: seconds or m:ss")),
            ("RPE", translate("SetEditDialog", "R&PE"), self.rpe_edit,
             translate("SetEditDialog", "Rate of perceived exertion, 1 (easy) to 10 (maximal)")),
            ("RIR", translate("SetEditDialog", "R&IR", "reps in reserve"), self.rir_edit,
             translate("SetEditDialog", "Reps in reserve: how many more reps you could have "
                       "done, 0 to {most}; empty for not rated").format(
                 most=format_integer(MAX_RIR))),
            ("descent", translate("SetEditDialog", "Des&cent"), self.descent_edit,
             translate("SetEditDialog", "Controlled-descent seconds of each rep, separated by "
                       "semicolons; a + after a time marks a rep lowered all the way to the "
                       "floor (that time is the target, reached)")),
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

    # -- reading ------------------------------------------------------------

    def entry(self) -> SetEntry:
        """The set as typed, checked; raises InvalidEntryError naming the field.

        A field left as it was shown keeps the stored value exactly: the
        text is rounded for reading, and saving it back must not change a
        value the athlete did not touch."""
        r = self.record
        reps = parse_number("reps", self.reps_edit.text(), whole=True)
        if r is not None and self._untouched(self.load_edit) \
                and self.unit_combo.currentData() == r.load_unit:
            load = r.load_entered
        else:
            load = parse_number("load", self.load_edit.text())
        if r is not None and self._untouched(self.rpe_edit):
            rpe = r.rpe
        else:
            rpe = parse_number("RPE", self.rpe_edit.text())
        # A whole number, then SetEntry's own check (0 to MAX_RIR), as on the log sheet.
        rir = parse_number("RIR", self.rir_edit.text(), whole=True)
        if r is not None and self._untouched(self.time_edit):
            duration = r.duration_s
        else:
            duration = parse_seconds(self.time_edit.text())
        if r is not None and self._untouched(self.descent_edit):
            descents, held = r.descent_s, r.descent_held
        else:
            descents, held = parse_descents(self.descent_edit.text(),
                                            flags_known=r is not None and bool(r.descent_held))
        if not (r is not None and self._untouched(self.descent_edit)) \
                or (reps is not None and reps != r.reps):
            check_descents_fit_reps(int(reps) if reps is not None else None, descents)
        if r is None and reps is None and load is None and duration is None and not descents:
            # A new set with nothing done in it would be a set the athlete never did.
            raise InvalidEntryError("reps", translate("SetEditDialog", "give the reps, the time "
                                                      "or the load of this set"))
        return SetEntry(
            exercise_slug=self.exercise_combo.currentData(), set_number=self.set_spin.value(),
            side=self.side_combo.currentData(), reps=int(reps) if reps is not None else None,
            load=load, load_unit=self.unit_combo.currentData(), duration_s=duration, rpe=rpe,
            tempo=r.tempo if r is not None else None, descent_s=descents,
            set_type=self.type_combo.currentData(), notes=self.notes_edit.text().strip(),
            distance_m=r.distance_m if r is not None else None,
            rest_s=r.rest_s if r is not None else None,
            rir=int(rir) if rir is not None else None, descent_held=held)

    def _untouched(self, edit: QLineEdit) -> bool:
        return edit.text() == self._shown[edit]

    def unchanged(self, entry: SetEntry) -> bool:
        """True when ``entry`` is the record as stored (nothing to save)."""
        r = self.record
        if r is None:
            return False
        current = SetEntry(r.exercise_slug, r.set_number, r.side, r.reps, r.load_entered,
                           r.load_unit, r.duration_s, r.rpe, r.tempo, r.descent_s, r.set_type,
                           r.notes, r.distance_m, r.rest_s, r.rir, r.descent_held)
        return dataclasses.astuple(current) == dataclasses.astuple(entry)

    # -- showing problems ----------------------------------------------------

    def show_problem(self, field: str, message: str) -> bool:
        """Say ``message`` next to ``field``; False when no field of the set is
        meant (the caller says it elsewhere)."""
        if field.startswith(DESCENT_OF_REP):  # which rep is part of the message
            rep = field[len(DESCENT_OF_REP):].strip()
            field, message = "descent", translate(
                "SetEditDialog", "rep {rep} {problem}",
                "{problem} says what is wrong, e.g. 'must be a number'").format(rep=rep,
                                                                              problem=message)
        label = self.messages.get(_FIELD_ROW.get(field, ""))
        if label is None:
            return False
        label.setText(message[:1].upper() + message[1:] + ".")
        label.show()
        return True

    def clear_problems(self) -> None:
        for label in self.messages.values():
            label.hide()
            label.clear()


class SetEditDialog(QDialog):
    """Correct a logged set (``record``) or, without one, add a new set."""

    save_requested = Signal(object)  # the checked SetEntry

    def __init__(self, record: LoggedSetRecord | None, choices: Sequence[tuple[str, str]],
                 title: str, parent: QWidget | None = None, *, exercise: str | None = None,
                 set_number: int = 1, load_unit: str = "kg") -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.setMinimumWidth(480)
        self.fields = SetFields(choices, record, exercise=exercise, set_number=set_number,
                                load_unit=load_unit, parent=self)
        fields = self.fields
        # The fields by their old names: the dialog's callers and tests reach them here.
        self.messages = fields.messages
        self.exercise_combo, self.set_spin = fields.exercise_combo, fields.set_spin
        self.side_combo, self.type_combo = fields.side_combo, fields.type_combo
        self.reps_edit, self.load_edit, self.unit_combo = (fields.reps_edit, fields.load_edit,
                                                           fields.unit_combo)
        self.time_edit, self.rpe_edit = fields.time_edit, fields.rpe_edit
        self.rir_edit = fields.rir_edit
        self.descent_edit, self.notes_edit = fields.descent_edit, fields.notes_edit

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(translate("SetEditDialog", "Save the corrected set (Enter)")
                        if record is not None else
                        translate("SetEditDialog", "Add this set to the session (Enter)"))
        save.setAccessibleName(translate("SetEditDialog", "Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(translate("SetEditDialog", "Close without changing the set (Esc)")
                          if record is not None else
                          translate("SetEditDialog", "Close without adding a set (Esc)"))
        cancel.setAccessibleName(translate("SetEditDialog", "Cancel"))
        self.status = QLabel(self)
        self.status.setAccessibleName(translate("SetEditDialog", "Saving status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer
        self.reps_edit.setFocus()

    def entry(self) -> SetEntry:
        return self.fields.entry()

    def unchanged(self, entry: SetEntry) -> bool:
        return self.fields.unchanged(entry)

    # -- showing problems ----------------------------------------------------

    def show_problem(self, field: str, message: str) -> None:
        if not self.fields.show_problem(field, message):
            self.status.setText(message)

    def clear_problems(self) -> None:
        self.fields.clear_problems()
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

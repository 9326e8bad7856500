"""The log sheet: what the athlete checks (and rarely changes) after each set.

Prefilled from the engine (reps done; the load of the previous set, or of
the same set last time, or the target), so one press saves it: Enter, Space
or the foot switch's key. For a loaded exercise the load has the focus, so
typed digits replace it; Tab moves between the fields. Up/Down change the
reps and Shift+Up/Down the load wherever the focus is. A value the entry's
validators refuse is reported next to its field and everything typed stays
as it was. "Last time" is shown over the fields, and for a barbell lift the
plates per side under the load.
"""

# One module because the log sheet is one form: its fields, their keys
# (Up/Down, Shift+Up/Down), prefill and refusals next to each field work on
# one entry and must agree about which field has the focus.

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.catalog.vocabulary import DoseKind
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, parse_decimal, translate
from app.logbook.entries import (
    SET_TYPES,
    InvalidEntryError,
    SetEntry,
    SetType,
    check_typed_load,
    fit_descents_to_reps,
    from_kg,
)
from app.logbook.formatting import descent_times_text, format_duration, with_load_unit
from app.logbook.plates import plates_per_side
from app.logbook.settings import EffortScale
from app.session.events import SetCompleted
from app.ui.session import theme
from app.ui.session.words import LOAD_STEP, mean, one_decimal, stopwatch_text

# Marked here (read at import time), translated where shown.
SET_TYPE_WORDS: dict[str, str] = {SetType.WARMUP: QT_TRANSLATE_NOOP("LogSheet", "Warm-up"),
                                  SetType.WORKING: QT_TRANSLATE_NOOP("LogSheet", "Working"),
                                  SetType.DROP: QT_TRANSLATE_NOOP("LogSheet", "Drop set")}

# Which message line a validator's field name reports on (others: the sheet's own).
_FIELD_OF = {"reps": "reps", "load": "load", "load unit": "load", "RPE": "RPE", "RIR": "RPE",
             "set type": "set type", "notes": "notes", "descent": "descent",
             "descent held": "descent"}
# A validator's field name as the athlete reads it, at the start of its message.
_FIELD_NAMES = {"reps": QT_TRANSLATE_NOOP("LogSheet", "Reps"),
                "load": QT_TRANSLATE_NOOP("LogSheet", "Load"),
                "load unit": QT_TRANSLATE_NOOP("LogSheet", "Load unit"),
                "RPE": QT_TRANSLATE_NOOP("LogSheet", "RPE"),
                "RIR": QT_TRANSLATE_NOOP("LogSheet", "RIR"),
                "set type": QT_TRANSLATE_NOOP("LogSheet", "Set type"),
                "notes": QT_TRANSLATE_NOOP("LogSheet", "Notes"),
                "descent": QT_TRANSLATE_NOOP("LogSheet", "Descents")}
# Each message line's accessible name, for the field it reports on.
_PROBLEM_NAMES = {"reps": QT_TRANSLATE_NOOP("LogSheet", "Problem with reps"),
                  "load": QT_TRANSLATE_NOOP("LogSheet", "Problem with load"),
                  "RPE": QT_TRANSLATE_NOOP("LogSheet", "Problem with RPE"),
                  "set type": QT_TRANSLATE_NOOP("LogSheet", "Problem with set type"),
                  "notes": QT_TRANSLATE_NOOP("LogSheet", "Problem with notes"),
                  "descent": QT_TRANSLATE_NOOP("LogSheet", "Problem with the descents"),
                  "sheet": QT_TRANSLATE_NOOP("LogSheet", "Problem")}


def _int(value: Any) -> int:
    return int(getattr(value, "value", value))


def plates_text(load: float, bar: float, plates: tuple[float, ...], units: str) -> str:
    """"Per side: 20 + 10 + 2.5" for ``load`` on ``bar`` (all in ``units``)."""
    found = plates_per_side(load, bar, plates)
    if found is None:
        if load < bar:
            return translate("LogSheet", "Lighter than the bar ({bar})").format(
                bar=with_load_unit(format_decimal(bar, 2), units))
        return ""
    if not found.per_side:
        words = translate("LogSheet", "The bar alone")
    else:
        words = translate("LogSheet", "Per side: {plates}").format(
            plates=" + ".join(format_decimal(p, 2) for p in found.per_side))
    if not found.exact:
        words = translate("LogSheet", "{plates} (makes {total}: no plates for the rest)").format(
            plates=words, total=with_load_unit(format_decimal(found.total, 2), units))
    return words


def _set_property(widget: QWidget, name: str, value: object) -> None:
    """A property the style sheet looks at (the red border of a refused field,
    the red of a failed save): the widget is re-polished only when it changes."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class LogSheet(QWidget):
    confirm_requested = Signal()
    discard_requested = Signal()
    pause_requested = Signal()
    help_requested = Signal()

    def __init__(self, units: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPage")
        self._units = units
        self._saving = False
        self._completed: SetCompleted | None = None
        self._effort = EffortScale.RPE   # which rating the third field asks (Settings)
        # Keys that save the set besides Enter: Space and the foot switch's
        # (the break point keys), as (key, modifiers) pairs.
        self._confirm_keys: set[tuple[int, int]] = {(_int(Qt.Key.Key_Space), 0)}
        self._barbell = False   # the set on the sheet is of a barbell lift
        self.opening_field: QLineEdit | None = None   # where the keys went when it opened
        self._bar: float | None = None   # the bar, in the sheet's unit
        self._plates: tuple[float, ...] = ()

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setAccessibleName(translate("LogSheet", "Log sheet"))
        self.last_time = QLabel()
        self.last_time.setAccessibleName(translate("LogSheet", "Last time"))
        self.last_time.setWordWrap(True)
        self.plates_line = QLabel()
        self.plates_line.setProperty("role", "dim")
        self.plates_line.setAccessibleName(translate("LogSheet", "Plates per side"))
        self.plates_line.setWordWrap(True)

        self.reps_edit = self._line_edit(
            translate("LogSheet", "Reps"),
            translate("LogSheet", "Reps done (Up / Down: one more / one fewer)"))
        self.load_edit = self._line_edit(
            translate("LogSheet", "Load"),
            translate("LogSheet", "Load in {unit}, empty for none, negative for band help "
                                  "(Shift+Up / Shift+Down: {step} {unit} more / less)").format(
                unit=units, step=format_decimal(LOAD_STEP[units], 1)))
        self.rpe_edit = self._line_edit(
            translate("LogSheet", "RPE"), translate("LogSheet", "How hard, 1-10 (optional; Tab to get here)"))
        self.rpe_edit.setPlaceholderText(translate("LogSheet", "1-10"))
        self.load_edit.textChanged.connect(self._on_load_edit_text_changed)
        self.reps_edit.textChanged.connect(self._on_reps_edit_text_changed)
        self.type_combo = QComboBox()
        for code in SET_TYPES:
            self.type_combo.addItem(translate("LogSheet", SET_TYPE_WORDS[code]), code)
        self.type_combo.setAccessibleName(translate("LogSheet", "Set type"))
        self.type_combo.setToolTip(translate(
            "LogSheet", "Warm-up, working or drop set (Left / Right to change; Tab to get here)"))
        self.notes_edit = self._line_edit(
            translate("LogSheet", "Notes"),
            translate("LogSheet", "Anything to remember about this set (Tab to get here)"))
        self.notes_edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.load_edit.setPlaceholderText("–")
        self.notes_edit.setPlaceholderText(translate("LogSheet", "notes"))
        for widget in (self.reps_edit, self.load_edit, self.rpe_edit, self.type_combo, self.notes_edit):
            widget.installEventFilter(self)
        self.installEventFilter(self)

        self.unit_label = QLabel(units)
        self.reps_keys = self._dim("↑ ↓")
        self.load_keys = self._dim(translate("LogSheet", "Shift ↑ ↓"))
        self.reps_caption = self._dim(translate("LogSheet", "REPS"))
        self.load_caption = self._dim(translate("LogSheet", "LOAD"))
        self.rpe_caption = self._dim(translate("LogSheet", "RPE"))
        self.type_caption = self._dim(translate("LogSheet", "SET TYPE"))
        self.notes_caption = self._dim(translate("LogSheet", "NOTES"))
        self.detail = QLabel()
        self.detail.setAccessibleName(translate("LogSheet", "This set"))
        self.detail.setWordWrap(True)
        self.messages: dict[str, QLabel] = {}
        for field, name in _PROBLEM_NAMES.items():
            label = QLabel()
            label.setProperty("role", "error")
            label.setWordWrap(True)
            label.setAccessibleName(translate("LogSheet", name))
            label.hide()
            self.messages[field] = label
        self.status = QLabel()
        self.status.setAccessibleName(translate("LogSheet", "Saving status"))
        self.status.setWordWrap(True)

        big = QGridLayout()
        big.addWidget(self.reps_caption, 0, 0)
        big.addWidget(self.load_caption, 0, 2)
        reps_row = QHBoxLayout()
        reps_row.addWidget(self.reps_edit)
        reps_row.addSpacing(12)
        reps_row.addWidget(self.reps_keys)
        load_row = QHBoxLayout()
        load_row.addWidget(self.load_edit)
        load_row.addWidget(self.unit_label)
        load_row.addSpacing(12)
        load_row.addWidget(self.load_keys)
        big.addLayout(reps_row, 1, 0)
        big.addLayout(load_row, 1, 2)
        big.addWidget(self.messages["reps"], 2, 0)
        big.addWidget(self.messages["load"], 2, 2)
        big.addWidget(self.plates_line, 3, 2)
        big.setColumnStretch(1, 1)
        big.setColumnStretch(3, 2)

        small = QGridLayout()
        small.addWidget(self.rpe_caption, 0, 0)
        small.addWidget(self.type_caption, 0, 1)
        small.addWidget(self.notes_caption, 0, 2)
        small.addWidget(self.rpe_edit, 1, 0)
        small.addWidget(self.type_combo, 1, 1)
        small.addWidget(self.notes_edit, 1, 2)
        # Under the row, as wide as the row: a narrow column would cut the words.
        for row, field in enumerate(("RPE", "set type", "notes"), start=2):
            small.addWidget(self.messages[field], row, 0, 1, 3)
        small.setColumnStretch(2, 1)


        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.last_time)
        layout.addLayout(big)
        layout.addWidget(self.detail)
        layout.addWidget(self.messages["descent"])
        layout.addLayout(small)
        layout.addWidget(self.messages["sheet"])
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setTabOrder(self.reps_edit, self.load_edit)
        self.setTabOrder(self.load_edit, self.rpe_edit)
        self.setTabOrder(self.rpe_edit, self.type_combo)
        self.setTabOrder(self.type_combo, self.notes_edit)

    def _line_edit(self, name: str, tip: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return edit

    @staticmethod
    def _dim(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "dim")
        return label

    # -- filling and reading ---------------------------------------------

    @property
    def units(self) -> str:
        return self._units

    @property
    def completed(self) -> SetCompleted | None:
        return self._completed

    @property
    def saving(self) -> bool:
        return self._saving

    @property
    def effort_scale(self) -> EffortScale:
        return self._effort

    def set_effort_scale(self, scale: EffortScale) -> None:
        """Ask RPE (1-10) or reps in reserve (0-10) in the third field."""
        self._effort = EffortScale(scale)
        if self._effort is EffortScale.RIR:
            self.rpe_edit.setAccessibleName(translate("LogSheet", "RIR"))
            self.rpe_edit.setToolTip(translate(
                "LogSheet", "Reps in reserve: how many more you could have done, 0-10 (optional; "
                            "Tab to get here)"))
            self.rpe_edit.setPlaceholderText(translate("LogSheet", "0-10"))
            self.rpe_caption.setText(translate("LogSheet", "RIR"))
        else:
            self.rpe_edit.setAccessibleName(translate("LogSheet", "RPE"))
            self.rpe_edit.setToolTip(translate("LogSheet", "How hard, 1-10 (optional; Tab to get here)"))
            self.rpe_edit.setPlaceholderText(translate("LogSheet", "1-10"))
            self.rpe_caption.setText(translate("LogSheet", "RPE"))

    def set_confirm_keys(self, chords: set[tuple[int, int]]) -> None:
        """Keys (key, modifiers) that save the set as well as Enter: Space and
        the foot switch's. In the notes field only Enter saves (it takes text)."""
        self._confirm_keys = set(chords) | {(_int(Qt.Key.Key_Space), 0)}

    def set_plates(self, bar: float, plates: tuple[float, ...]) -> None:
        """The bar and plate sizes at hand, in the sheet's unit (Settings)."""
        self._bar, self._plates = bar, tuple(plates)

    def open(self, entry: SetEntry, completed: SetCompleted, title: str, *,
             last_time: str = "", loaded: bool = False, barbell: bool = False) -> None:
        """Show ``entry`` (the engine's or, after an undo, the one saved
        before). ``loaded``: the load field takes the focus (typed digits
        replace it); ``barbell``: the plates per side are shown for the load."""
        self._completed = completed
        self._barbell = barbell
        self.title.setText(title)
        self.last_time.setText(last_time)
        self.last_time.setVisible(bool(last_time))
        self.reps_edit.setText("" if entry.reps is None else format_integer(entry.reps))
        load = entry.load
        if load is not None and entry.load_unit != self._units:
            load = round(from_kg(entry.load_kg or 0.0, self._units) * 2) / 2
        self.load_edit.setText("" if load is None else format_decimal(load, 1))
        effort = entry.rir if self._effort is EffortScale.RIR else entry.rpe
        self.rpe_edit.setText("" if effort is None else format_decimal(effort, 1))
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(entry.set_type)))
        self.notes_edit.setText(entry.notes)
        self.detail.setText(self._detail_text(completed, entry.reps))
        self.clear_errors()
        self.set_saving(False)
        _set_property(self.status, "role", "")
        self.status.setText("")
        self._show_plates()
        first = self.load_edit if loaded else self.reps_edit
        self.opening_field = first
        first.setFocus()
        first.selectAll()

    def _on_reps_edit_text_changed(self, _text: str) -> None:
        # The descents follow the reps: fewer reps keep the first reps'
        # descents, as the engine logs them (entry_for_set).
        if self._completed is not None and self._completed.descents_s:
            try:
                reps = self._whole("reps", self.reps_edit.text())
            except InvalidEntryError:
                return
            self.detail.setText(self._detail_text(self._completed, reps))

    @staticmethod
    def _detail_text(done: SetCompleted, reps: int | None = None) -> str:
        if not done.timed:
            return translate("LogSheet", "Logged at once, as planned: no set timer ran")
        kept, held = fit_descents_to_reps(reps, done.descents_s or None, done.descents_held)
        if kept:
            # "5.0+": lowered to the floor without a break point (the target, at least).
            descents = descent_times_text(kept, held)
            average = mean(kept)
            if average is None:
                return translate("LogSheet", "Descent  {descents}").format(descents=descents)
            if any(held):
                return translate("LogSheet", "Descent  {descents} · mean at least {mean} s "
                                 "(+: to the floor)").format(descents=descents,
                                                             mean=one_decimal(average))
            return translate("LogSheet", "Descent  {descents} · mean {mean} s").format(
                descents=descents, mean=one_decimal(average))
        if done.kind == DoseKind.HOLD and done.held_s is not None:
            holds = done.reps or 0
            return translate("LogSheet", "Held {time} in %n holds", None, holds).format(
                time=format_duration(done.held_s))
        return translate("LogSheet", "Time {time}").format(time=stopwatch_text(done.duration_s))

    def changes(self) -> dict[str, Any]:
        """The sheet's values as SetEntry fields; InvalidEntryError (naming the
        field) for one that is not a number at all."""
        load = self._number("load", self.load_edit.text())
        check_typed_load(load, self._units)   # the sheet's own bounds, clearer than the log's
        values: dict[str, Any] = {
            "reps": self._whole("reps", self.reps_edit.text()),
            "load": load,
            "load_unit": self._units,
            "set_type": self.type_combo.currentData(),
            "notes": self.notes_edit.text().strip(),
        }
        if self._effort is EffortScale.RIR:
            values["rir"] = self._whole("RIR", self.rpe_edit.text())
        else:
            values["rpe"] = self._number("RPE", self.rpe_edit.text())
        return values

    @staticmethod
    def _whole(field: str, text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise InvalidEntryError(field, translate("LogSheet", "must be a whole number, got {text}")
                                    .format(text=repr(text))) from None

    @staticmethod
    def _number(field: str, text: str) -> float | None:
        """A number as typed: the locale's decimal mark or a dot."""
        text = text.strip()
        if not text:
            return None
        try:
            return parse_decimal(text)
        except ValueError:
            raise InvalidEntryError(field, translate("LogSheet", "must be a number, got {text}")
                                    .format(text=repr(text))) from None

    def _on_load_edit_text_changed(self, _text: str) -> None:
        self._show_plates()

    def _show_plates(self) -> None:
        """Under a barbell lift's load: the plates per side that make it."""
        text = ""
        if self._barbell and self._bar is not None and self._plates:
            try:
                load = self._number("load", self.load_edit.text())
            except InvalidEntryError:
                load = None
            if load is not None and load > 0:
                text = plates_text(load, self._bar, self._plates, self._units)
        self.plates_line.setText(text)
        self.plates_line.setVisible(bool(text))

    # -- changing ---------------------------------------------------------

    def adjust_reps(self, delta: int) -> None:
        try:
            reps = self._whole("reps", self.reps_edit.text()) or 0
        except InvalidEntryError:
            reps = 0
        self.reps_edit.setText(format_integer(max(0, reps + delta)))
        self._clear("reps")

    def adjust_load(self, steps: int) -> None:
        try:
            load = self._number("load", self.load_edit.text()) or 0.0
        except InvalidEntryError:
            load = 0.0
        self.load_edit.setText(format_decimal(load + steps * LOAD_STEP[self._units], 1))
        self._clear("load")

    # -- messages -----------------------------------------------------------

    def show_error(self, field: str, message: str) -> None:
        """A refused value: the message goes next to its field, which gets the focus."""
        where = _FIELD_OF.get(field, "sheet")
        label = self.messages[where]
        name = (translate("LogSheet", _FIELD_NAMES[field]) if field in _FIELD_NAMES
                else field[:1].upper() + field[1:])
        label.setText(translate("LogSheet", "{field}: {message}").format(field=name, message=message))
        label.show()
        widget = self._field_widget(where)
        if widget is not None:
            _set_property(widget, "invalid", True)
            widget.setFocus()

    def _field_widget(self, where: str) -> QWidget | None:
        return {"reps": self.reps_edit, "load": self.load_edit, "RPE": self.rpe_edit,
                "set type": self.type_combo, "notes": self.notes_edit}.get(where)

    def _clear(self, where: str) -> None:
        self.messages[where].setText("")
        self.messages[where].hide()   # no empty line kept open under the fields
        widget = self._field_widget(where)
        if widget is not None:
            _set_property(widget, "invalid", False)

    def clear_errors(self) -> None:
        for where in self.messages:
            self._clear(where)

    def set_saving(self, saving: bool) -> None:
        self._saving = saving
        if saving:
            _set_property(self.status, "role", "")
            self.status.setText(translate("LogSheet", "Saving…"))

    def show_write_error(self, message: str) -> None:
        """The set could not be written: it stays here; Enter tries again."""
        self.set_saving(False)
        _set_property(self.status, "role", "error")
        self.status.setText(translate("LogSheet", "Not saved: {reason}. Nothing is lost: press Enter "
                                                  "to try again.").format(reason=message))

    # -- size ---------------------------------------------------------------

    def set_scale(self, height: int) -> None:
        """Type for a screen ``height`` pixels tall: the reps and load are read
        from across the room, the rest up close."""
        big = theme.font(theme.pixels(height, 0.11), bold=True)
        info = theme.font(theme.pixels(height, theme.INFO), bold=True)
        small = theme.font(theme.pixels(height, theme.SMALL))
        caption = theme.font(theme.pixels(height, theme.SMALL), bold=True)
        self.title.setFont(theme.font(theme.pixels(height, theme.NAME), bold=True))
        for edit in (self.reps_edit, self.load_edit):
            edit.setFont(big)
            edit.setFixedHeight(round(big.pixelSize() * 1.35))
            edit.setFixedWidth(round(big.pixelSize() * 2.6))
        self.unit_label.setFont(info)
        for label in (self.reps_keys, self.load_keys, self.reps_caption, self.load_caption,
                      self.rpe_caption, self.type_caption, self.notes_caption):
            label.setFont(caption)
        # Last time and the plates are read from the bench like the load they
        # are about, not up close: the detail's size, not the small print.
        for label in (self.detail, self.last_time, self.plates_line):
            label.setFont(info)
        for widget in (self.rpe_edit, self.type_combo, self.notes_edit):
            widget.setFont(small)
        for widget in (self.rpe_edit, self.type_combo, self.notes_edit):
            widget.setFixedHeight(round(small.pixelSize() * 1.6))
        self.rpe_edit.setFixedWidth(round(small.pixelSize() * 4))
        for label in self.messages.values():
            label.setFont(small)
        self.status.setFont(info)

    # -- keys ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        return self.handle_key(watched, event)

    def handle_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Apply a key pressed on ``watched`` (one of the sheet's fields); True if used."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        shift = mods == Qt.KeyboardModifier.ShiftModifier
        keys = Qt.Key
        if key in (keys.Key_Up, keys.Key_Down) and (plain or shift):
            step = 1 if key == keys.Key_Up else -1
            if shift:
                self.adjust_load(step)
            else:
                self.adjust_reps(step)
            return True
        if key in (keys.Key_Return, keys.Key_Enter) and plain:
            self.confirm_requested.emit()
            return True
        # Space and the foot switch save too, except where they are typing
        # (the notes) or choosing (Left / Right on the set type).
        held = Qt.KeyboardModifier
        chord = (_int(key), _int(mods) & (_int(held.ControlModifier) | _int(held.AltModifier)
                                          | _int(held.MetaModifier)))
        if chord in self._confirm_keys and watched is not self.notes_edit \
                and not (watched is self.type_combo and key in (keys.Key_Left, keys.Key_Right)):
            self.confirm_requested.emit()
            return True
        if key == keys.Key_Escape:
            self.pause_requested.emit()
            return True
        if key == keys.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            self.discard_requested.emit()
            return True
        if watched is self.type_combo and key in (keys.Key_Left, keys.Key_Right) and plain:
            count = self.type_combo.count()
            step = 1 if key == keys.Key_Right else -1
            self.type_combo.setCurrentIndex((self.type_combo.currentIndex() + step) % count)
            self._clear("set type")
            return True
        if event.text() == "?" and watched is not self.notes_edit:
            self.help_requested.emit()
            return True
        # Typing into a refused field takes its complaint away.
        for edit, field in ((self.reps_edit, "reps"), (self.load_edit, "load"), (self.rpe_edit, "RPE")):
            if watched is edit:
                self._clear(field)
        return False

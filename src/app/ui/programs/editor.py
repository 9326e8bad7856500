"""The routine and program editor: sessions, and in each the exercises with their dose.

A routine is a program of one session that repeats; a program has several
sessions, in weeks. The editor keeps the definition in the same shape the
program files use and checks it with the same loader, so the athlete's own
programs obey the same rules as the built-in ones. A refused value is shown
next to its field (the session, row and column are selected), and nothing
is saved until everything checks out.
"""

# One module because the editor is one dialog: the sessions list, the dose
# table and the field-by-field refusals act on one definition and one
# selection (session, row, column) that every part must keep in step.

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalog.vocabulary import Level
from app.coaching.model import PROGRESSIONS, ProgramError
from app.coaching.words import level_word
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, parse_decimal, translate
from app.ui.look.style import colour, fit_to_screen
from app.ui.look.wheel_guard import protect

COLUMNS = (QT_TRANSLATE_NOOP("ProgramEditor", "Exercise"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Sets"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Reps or time"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Rest (s)"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Tempo"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Superset"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Drop set"),
           QT_TRANSLATE_NOOP("ProgramEditor", "Progression"))
COL_EXERCISE, COL_SETS, COL_DOSE, COL_REST, COL_TEMPO, COL_SUPERSET, COL_DROP, COL_PROGRESSION = \
    range(len(COLUMNS))
# Which column a loader complaint about a dose key belongs to.
_COLUMN_OF_KEY = {"exercise": COL_EXERCISE, "sets": COL_SETS, "reps": COL_DOSE,
                  "reps_per_set": COL_DOSE, "hold_s": COL_DOSE, "holds": COL_DOSE,
                  "duration_s": COL_DOSE, "rest_s": COL_REST, "tempo": COL_TEMPO,
                  "superset": COL_SUPERSET, "drop_set": COL_DROP, "progression": COL_PROGRESSION}
PROGRESSION_WORDS = {"double": QT_TRANSLATE_NOOP("ProgramEditor", "Double progression"),
                     "nordic": QT_TRANSLATE_NOOP("ProgramEditor", "Nordic program"),
                     "load-each-set": QT_TRANSLATE_NOOP("ProgramEditor", "Load each set")}
_WHERE = re.compile(r"weeks\[(\d+)\]\.sessions\[(\d+)\](?:\.exercises\[(\d+)\](?:\.(\w+))?)?")

# A hold or a time as the table shows it, one template each, so that a language
# can word its units its own way. Typed text is read in the athlete's language
# and in English (whose patterns below also take "sec", "seconds", "minutes").
HOLDS_TEXT = QT_TRANSLATE_NOOP("ProgramEditor", "{holds} x {seconds} s")
HOLD_TEXT = QT_TRANSLATE_NOOP("ProgramEditor", "{seconds} s")
SECONDS_TEXT = QT_TRANSLATE_NOOP("ProgramEditor", "{seconds} s hold")
MINUTES_TEXT = QT_TRANSLATE_NOOP("ProgramEditor", "{minutes} min")
_TIME_TEMPLATES = (HOLDS_TEXT, HOLD_TEXT, SECONDS_TEXT, MINUTES_TEXT)
_NUMBER = r"\d+(?:[.,]\d+)?"  # a dot or the locale's decimal comma (parse_decimal decides)
_ENGLISH_HOLD = re.compile(rf"(?:(?P<holds>\d+)\s*x\s*)?(?P<seconds>{_NUMBER})\s*s(?:ec(?:onds?)?)?"
                           r"(?:\s*hold)?")
_ENGLISH_MINUTES = re.compile(rf"(?P<minutes>{_NUMBER})\s*min(?:utes?)?")


class DoseTextError(ValueError):
    pass


def _progression_words(code: str) -> str:
    if code == "none":  # said apart from the others: "None" alone is too short to translate blind
        return translate("ProgramEditor", "None", "progression: the load is not moved on")
    words = PROGRESSION_WORDS.get(code)
    return translate("ProgramEditor", words) if words else code


class _CellProblem(ProgramError):
    """A cell the editor itself cannot read, with where it is."""

    def __init__(self, session: int, row: int, column: int, message: str) -> None:
        super().__init__(translate("ProgramEditor", "session {session}, exercise {exercise}").format(
            session=format_integer(session + 1), exercise=format_integer(row + 1)), message)
        self.session, self.row, self.column = session, row, column


def dose_text(dose: dict[str, Any]) -> str:
    """A dose's reps or time as typed in the table: "8-10", "12, 10, 8", "30 s", "5 min"."""
    if dose.get("reps_per_set"):
        return ", ".join(format_integer(n) for n in dose["reps_per_set"])
    if dose.get("reps"):
        low, high = dose["reps"]
        return format_integer(low) if low == high else f"{format_integer(low)}-{format_integer(high)}"
    if dose.get("hold_s") is not None:
        holds = dose.get("holds") or 1
        seconds = format_decimal(dose["hold_s"], 2)
        if holds > 1:
            return translate("ProgramEditor", HOLDS_TEXT).format(holds=format_integer(holds),
                                                                 seconds=seconds)
        return translate("ProgramEditor", HOLD_TEXT).format(seconds=seconds)
    if dose.get("duration_s") is not None:
        duration = float(dose["duration_s"])
        if duration >= 60 and duration % 60 == 0:
            return translate("ProgramEditor", MINUTES_TEXT).format(
                minutes=format_integer(round(duration / 60)))
        return translate("ProgramEditor", SECONDS_TEXT).format(seconds=format_decimal(duration, 2))
    return ""


def _template_pattern(template: str) -> re.Pattern[str]:
    """A translated hold or time template as a pattern: its values read back, spaces optional."""
    pattern = re.escape(template.casefold()).replace(r"\ ", r"\s*")
    return re.compile(re.sub(r"\\\{(\w+)\\\}", lambda name: f"(?P<{name[1]}>{_NUMBER})", pattern))


def _time_dose(cleaned: str) -> dict[str, Any] | None:
    """The dose keys of a hold or a time, typed in the athlete's language or in English."""
    patterns = [_template_pattern(translated) for template in _TIME_TEMPLATES
                if (translated := translate("ProgramEditor", template)) != template]
    for pattern in (*patterns, _ENGLISH_HOLD, _ENGLISH_MINUTES):
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        values = match.groupdict()
        try:
            if values.get("minutes") is not None:
                return {"duration_s": parse_decimal(values["minutes"]) * 60}
            if values.get("seconds") is not None:
                return {"hold_s": parse_decimal(values["seconds"]),
                        "holds": int(values.get("holds") or 1)}
        except ValueError:  # a decimal comma where the locale has none
            return None
    return None


def parse_dose_text(text: str) -> dict[str, Any]:
    """The dose keys for what was typed; DoseTextError with a hint otherwise."""
    cleaned = text.strip().casefold()
    if match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", cleaned):
        return {"reps": [int(match[1]), int(match[2])]}
    if match := re.fullmatch(r"\d+", cleaned):
        return {"reps": [int(cleaned), int(cleaned)]}
    if re.fullmatch(r"\d+(\s*,\s*\d+)+", cleaned):
        return {"reps_per_set": [int(n) for n in cleaned.split(",")]}
    if (keys := _time_dose(cleaned)) is not None:
        return keys
    raise DoseTextError(translate(
        "ProgramEditor", "type reps like 8-10 or 10, reps per set like 12, 10, 8, a hold like "
        "30 s or 5 x 10 s, or a time like 5 min"))


class ProgramEditor(QDialog):
    save_requested = Signal(object, str, object)  # slug or None, name, definition dict

    def __init__(self, title: str, definition: dict[str, Any], slug: str | None,
                 exercises: Sequence[tuple[str, str]],
                 check: Callable[[dict[str, Any]], None], parent: QWidget | None = None) -> None:
        """``definition`` is a program in the file shape (a copy is edited);
        ``slug`` None makes a new program; ``check`` raises ProgramError for
        a definition the loader refuses."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.slug = slug
        self._check = check
        self._exercises = sorted(exercises, key=lambda pair: pair[1].casefold())
        self._definition = copy.deepcopy(definition)
        # Sessions flattened across weeks: (week number, session dict).
        self._sessions: list[tuple[int, dict[str, Any]]] = [
            (int(w.get("number", n)), s) for n, w in enumerate(self._definition.get("weeks", []), 1)
            for s in w.get("sessions", [])]
        self._current = -1
        self._marked: list[tuple[int, int]] = []

        self.name_edit = QLineEdit(str(self._definition.get("name", "")), self)
        self.summary_edit = QLineEdit(str(self._definition.get("summary", "")), self)
        self.level_combo = QComboBox(self)
        for level in Level:
            self.level_combo.addItem(level_word(level), level.value)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(
            self._definition.get("level", Level.BEGINNER.value))))
        self.repeat_box = QCheckBox(translate("ProgramEditor", "The sessions &repeat every week"),
                                    self)
        self.repeat_box.setChecked(bool(self._definition.get("repeat", True)))
        form = QFormLayout()
        for label, widget, tip in (
                (translate("ProgramEditor", "&Name"), self.name_edit,
                 translate("ProgramEditor", "What the program is called (required)")),
                (translate("ProgramEditor", "S&ummary"), self.summary_edit,
                 translate("ProgramEditor", "One line shown in the list of programs")),
                (translate("ProgramEditor", "&Level"), self.level_combo,
                 translate("ProgramEditor", "Who it suits"))):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            widget.setToolTip(tip)
            form.addRow(caption, widget)
        form.addRow("", self.repeat_box)
        self.repeat_box.setAccessibleName(translate("ProgramEditor", "The sessions repeat every week"))
        self.repeat_box.setToolTip(translate("ProgramEditor", "On: the weeks run again and again. "
                                             "Off: the program ends after its last week"))

        # -- sessions ----------------------------------------------------------------
        self.session_list = QListWidget(self)
        self.session_list.setAccessibleName(translate("ProgramEditor", "Sessions"))
        self.session_list.setToolTip(translate("ProgramEditor", "The sessions in order, week by week"))
        self.session_list.currentRowChanged.connect(self._on_session_list_current_row_changed)
        self.session_name = QLineEdit(self)
        self.session_name.setAccessibleName(translate("ProgramEditor", "Session name"))
        self.session_name.setToolTip(translate("ProgramEditor", "The session's name, e.g. Session A"))
        self.session_name.textEdited.connect(self._on_session_name_text_edited)
        self.week_spin = QSpinBox(self)
        self.week_spin.setRange(1, 104)
        self.week_spin.setAccessibleName(translate("ProgramEditor", "Week"))
        self.week_spin.setToolTip(translate("ProgramEditor", "The week this session belongs to"))
        self.week_spin.valueChanged.connect(self._on_week_spin_value_changed)
        session_buttons = QGridLayout()
        # Alt letters: none twice in the dialog, and not S or C, which the desktop
        # may give the Save and Cancel buttons (GNOME does).
        self.add_session_button = self._button(translate("ProgramEditor", "Add s&ession"),
                                               translate("ProgramEditor", "Add a session after this one"))
        self.copy_session_button = self._button(translate("ProgramEditor", "Cop&y session"),
                                                translate("ProgramEditor", "Duplicate this session"))
        self.remove_session_button = self._button(translate("ProgramEditor", "Remove session"),
                                                  translate("ProgramEditor", "Remove this session"))
        self.session_up_button = self._button(translate("ProgramEditor", "Session up"),
                                              translate("ProgramEditor", "Move this session earlier"))
        self.session_down_button = self._button(translate("ProgramEditor", "Session down"),
                                                translate("ProgramEditor", "Move this session later"))
        for n, button in enumerate((self.add_session_button, self.copy_session_button,
                                    self.remove_session_button, self.session_up_button,
                                    self.session_down_button)):
            session_buttons.addWidget(button, n // 2, n % 2)
        self.add_session_button.clicked.connect(self._on_add_session_button_clicked)
        self.copy_session_button.clicked.connect(self._on_copy_session_button_clicked)
        self.remove_session_button.clicked.connect(self._on_remove_session_button_clicked)
        self.session_up_button.clicked.connect(lambda: self._move_session(-1))
        self.session_down_button.clicked.connect(lambda: self._move_session(1))
        session_form = QFormLayout()
        name_label = QLabel(translate("ProgramEditor", "Session na&me"), self)
        name_label.setBuddy(self.session_name)
        week_label = QLabel(translate("ProgramEditor", "&Week"), self)
        week_label.setBuddy(self.week_spin)
        session_form.addRow(name_label, self.session_name)
        session_form.addRow(week_label, self.week_spin)
        left = QVBoxLayout()
        sessions_caption = QLabel(translate("ProgramEditor", "Sess&ions"), self)
        sessions_caption.setBuddy(self.session_list)
        left.addWidget(sessions_caption)
        left.addWidget(self.session_list, 1)
        left.addLayout(session_form)
        left.addLayout(session_buttons)

        # -- exercises -----------------------------------------------------------------
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([translate("ProgramEditor", c) for c in COLUMNS])
        self.table.setAccessibleName(translate("ProgramEditor", "Exercises of the session"))
        self.table.setToolTip(translate(
            "ProgramEditor", "Reps or time: 8-10, 10, 12, 10, 8 (per set), 30 s or 5 x 10 s "
            "(holds), 5 min. Two neighbors with the same superset letter are done alternately. "
            "F2 edits a cell"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # Rows as tall as their fields (a spin box at a large text size).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        # Every column with fields as wide as they need, the exercise names too
        # (stretched, that column was squeezed under its drop-downs' names);
        # the typed dose takes what is left, and a narrow window scrolls the
        # table sideways.
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DOSE, QHeaderView.ResizeMode.Stretch)
        exercise_buttons = QHBoxLayout()
        self.add_exercise_button = self._button(
            translate("ProgramEditor", "&Add exercise"),
            translate("ProgramEditor", "Add an exercise to this session (Ctrl+Shift+A)"))
        self.remove_exercise_button = self._button(
            translate("ProgramEditor", "Remo&ve exercise"),
            translate("ProgramEditor", "Remove the selected exercise (Ctrl+Delete)"))
        self.exercise_up_button = self._button(
            translate("ProgramEditor", "Move u&p"),
            translate("ProgramEditor", "Move the selected exercise earlier (Ctrl+Up)"))
        self.exercise_down_button = self._button(
            translate("ProgramEditor", "Move d&own"),
            translate("ProgramEditor", "Move the selected exercise later (Ctrl+Down)"))
        for button in (self.add_exercise_button, self.remove_exercise_button,
                       self.exercise_up_button, self.exercise_down_button):
            exercise_buttons.addWidget(button)
        exercise_buttons.addStretch(1)
        self.add_exercise_button.clicked.connect(self._on_add_exercise_button_clicked)
        self.remove_exercise_button.clicked.connect(self._on_remove_exercise_button_clicked)
        self.exercise_up_button.clicked.connect(lambda: self._move_exercise(-1))
        self.exercise_down_button.clicked.connect(lambda: self._move_exercise(1))
        for keys, button in (("Ctrl+Shift+A", self.add_exercise_button),
                             ("Ctrl+Delete", self.remove_exercise_button),
                             ("Ctrl+Up", self.exercise_up_button),
                             ("Ctrl+Down", self.exercise_down_button)):
            act = QAction(self)
            act.setShortcuts([QKeySequence(keys)])
            act.triggered.connect(button.click)
            self.addAction(act)
        right = QVBoxLayout()
        exercises_caption = QLabel(translate("ProgramEditor", "E&xercises of the session"), self)
        exercises_caption.setBuddy(self.table)
        right.addWidget(exercises_caption)
        right.addWidget(self.table, 1)
        right.addLayout(exercise_buttons)

        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(right, 4)

        self.problem = QLabel(self)
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(translate("ProgramEditor", "Problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(translate("ProgramEditor", "Check and save the program (Ctrl+S)"))
        save.setAccessibleName(translate("ProgramEditor", "Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(translate("ProgramEditor", "Close without saving (Esc)"))
        cancel.setAccessibleName(translate("ProgramEditor", "Cancel"))
        save_action = QAction(self)
        save_action.setShortcuts([QKeySequence("Ctrl+S")])
        save_action.triggered.connect(self._on_buttons_accepted)
        self.addAction(save_action)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(middle, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        # Scrolls rather than squeezes on a small screen; 1100x640 where there is room.
        fit_to_screen(self, (1100, 640))
        protect(self)  # the wheel scrolls, not the field under the pointer

        if not self._sessions:
            self._sessions.append((1, {"name": self._new_session_name(0), "exercises": []}))
        self._fill_session_list()
        self.session_list.setCurrentRow(0)
        self.name_edit.setFocus()

    @staticmethod
    def _new_session_name(number: int) -> str:
        """"Session A" for the first: a suggestion the athlete keeps or
        changes, so in their language (it is stored as it reads)."""
        letter = chr(ord("A") + number % 26)
        return translate("ProgramEditor", "Session {letter}").format(letter=letter)

    @staticmethod
    def _session_name(name: str) -> str:
        return name or translate("ProgramEditor", "Session", "a session without a name")

    def _session_item(self, week: int, name: str) -> str:
        return translate("ProgramEditor", "Week {week} · {session}").format(
            week=format_integer(week), session=self._session_name(name))

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        return button

    # -- sessions --------------------------------------------------------------------

    def _fill_session_list(self) -> None:
        row = self.session_list.currentRow()
        self.session_list.blockSignals(True)
        self.session_list.clear()
        for week, session in self._sessions:
            self.session_list.addItem(self._session_item(week, session.get("name") or ""))
        self.session_list.blockSignals(False)
        if 0 <= row < self.session_list.count():
            self.session_list.setCurrentRow(row)
        self.remove_session_button.setEnabled(len(self._sessions) > 1)

    def _on_session_list_current_row_changed(self, row: int) -> None:
        self._store_table()
        self._current = row
        if row < 0:
            return
        week, session = self._sessions[row]
        self.session_name.setText(str(session.get("name", "")))
        self.week_spin.blockSignals(True)
        self.week_spin.setValue(week)
        self.week_spin.blockSignals(False)
        self._load_table(session.get("exercises", []))

    def _on_session_name_text_edited(self, text: str) -> None:
        if self._current >= 0:
            self._sessions[self._current][1]["name"] = text
            self.session_list.item(self._current).setText(
                self._session_item(self._sessions[self._current][0], text))

    def _on_week_spin_value_changed(self, value: int) -> None:
        if self._current >= 0:
            _week, session = self._sessions[self._current]
            self._sessions[self._current] = (value, session)
            self._fill_session_list()

    def _on_add_session_button_clicked(self) -> None:
        self._store_table()
        week = self._sessions[self._current][0] if self._current >= 0 else 1
        name = self._new_session_name(len(self._sessions))
        self._sessions.insert(self._current + 1, (week, {"name": name, "exercises": []}))
        self._fill_session_list()
        self.session_list.setCurrentRow(self._current + 1)
        self.session_name.setFocus()
        self.session_name.selectAll()

    def _on_copy_session_button_clicked(self) -> None:
        self._store_table()
        week, session = self._sessions[self._current]
        twin = copy.deepcopy(session)
        twin["name"] = translate("ProgramEditor", "{name} (copy)").format(
            name=self._session_name(session.get("name") or ""))
        self._sessions.insert(self._current + 1, (week, twin))
        self._fill_session_list()
        self.session_list.setCurrentRow(self._current + 1)

    def _on_remove_session_button_clicked(self) -> None:
        if len(self._sessions) <= 1:
            return
        row = self._current
        self._current = -1  # nothing to store from a session that goes
        del self._sessions[row]
        self._fill_session_list()
        self.session_list.setCurrentRow(min(row, len(self._sessions) - 1))

    def _move_session(self, step: int) -> None:
        row = self._current
        target = row + step
        if not 0 <= target < len(self._sessions):
            return
        self._store_table()
        self._sessions[row], self._sessions[target] = self._sessions[target], self._sessions[row]
        self._fill_session_list()
        self.session_list.setCurrentRow(target)

    # -- exercises --------------------------------------------------------------------

    def _load_table(self, doses: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for dose in doses:
            self._add_row(dose)

    def _add_row(self, dose: dict[str, Any], at: int | None = None) -> int:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        exercise = QComboBox(self.table)
        for slug, name in self._exercises:
            exercise.addItem(name, slug)
        wanted = dose.get("exercise")
        if wanted and exercise.findData(wanted) < 0:
            exercise.addItem(str(wanted), wanted)  # keeps an exercise deleted since: the check says so
        exercise.setCurrentIndex(max(0, exercise.findData(wanted)))
        exercise.setAccessibleName(translate("ProgramEditor", "Exercise"))
        exercise.setToolTip(translate("ProgramEditor", "Which exercise: the library's or one of your own"))
        self.table.setCellWidget(row, COL_EXERCISE, exercise)
        sets = QSpinBox(self.table)
        sets.setRange(1, 20)
        sets.setValue(int(dose.get("sets", 3)))
        sets.setAccessibleName(translate("ProgramEditor", "Sets"))
        sets.setToolTip(translate("ProgramEditor", "How many sets (per side for one-side exercises)"))
        self.table.setCellWidget(row, COL_SETS, sets)
        typed = dose.get("reps_text")  # text not yet readable, kept as typed
        dose_item = QTableWidgetItem(typed if typed is not None else dose_text(dose) or "8-12")
        self.table.setItem(row, COL_DOSE, dose_item)
        rest = QSpinBox(self.table)
        rest.setRange(0, 1800)
        rest.setSingleStep(15)
        rest.setValue(int(float(dose.get("rest_s", 90))))
        rest.setAccessibleName(translate("ProgramEditor", "Rest in seconds"))
        rest.setToolTip(translate("ProgramEditor",
                                  "Rest after each set (after each pair in a superset), in seconds"))
        self.table.setCellWidget(row, COL_REST, rest)
        self.table.setItem(row, COL_TEMPO, QTableWidgetItem(str(dose.get("tempo") or "")))
        self.table.setItem(row, COL_SUPERSET, QTableWidgetItem(str(dose.get("superset") or "")))
        drop = QCheckBox(self.table)
        drop.setChecked(bool(dose.get("drop_set")))
        drop.setAccessibleName(translate("ProgramEditor", "Last set a drop set"))
        drop.setToolTip(translate("ProgramEditor",
                                  "Finish with a drop set: the last set at a lighter load, to failure"))
        self.table.setCellWidget(row, COL_DROP, drop)
        progression = QComboBox(self.table)
        for code in PROGRESSIONS:
            progression.addItem(_progression_words(code), code)
        progression.setCurrentIndex(max(0, progression.findData(dose.get("progression", "none"))))
        progression.setAccessibleName(translate("ProgramEditor", "Progression"))
        progression.setToolTip(translate("ProgramEditor", "How the suggestions move it on: double "
                                         "progression adds load once every set reaches the top of "
                                         "the range"))
        self.table.setCellWidget(row, COL_PROGRESSION, progression)
        # Kept as they were: keys this table does not show.
        kept = {k: v for k, v in dose.items() if k == "note"}
        dose_item.setData(Qt.ItemDataRole.UserRole, kept)
        protect(self.table)  # the row's spin boxes and drop-downs: the wheel scrolls the list
        return row

    def _row_dose(self, row: int) -> dict[str, Any]:
        def widget(column: int) -> Any:
            return self.table.cellWidget(row, column)

        def text(column: int) -> str:
            item = self.table.item(row, column)
            return "" if item is None else item.text().strip()

        dose: dict[str, Any] = {"exercise": widget(COL_EXERCISE).currentData(),
                                "sets": widget(COL_SETS).value()}
        try:
            dose.update(parse_dose_text(text(COL_DOSE)))
        except DoseTextError as exc:
            where = translate("ProgramEditor", "row {row}: reps or time").format(
                row=format_integer(row + 1))
            raise ProgramError(where, str(exc)) from exc
        dose["rest_s"] = widget(COL_REST).value()
        if text(COL_TEMPO):
            dose["tempo"] = text(COL_TEMPO)
        if text(COL_SUPERSET):
            dose["superset"] = text(COL_SUPERSET).upper()
        if widget(COL_DROP).isChecked():
            dose["drop_set"] = True
        progression = widget(COL_PROGRESSION).currentData()
        if progression != "none":
            dose["progression"] = progression
        item = self.table.item(row, COL_DOSE)
        kept = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        dose.update(kept or {})
        return dose

    def _store_table(self) -> None:
        """Keep what the table shows in its session (before showing another)."""
        if not 0 <= self._current < len(self._sessions):
            return
        doses = []
        for row in range(self.table.rowCount()):
            try:
                doses.append(self._row_dose(row))
            except ProgramError:
                # Typed text the editor cannot read yet stays as typed: checked on save.
                doses.append({**self._row_dose_loose(row)})
        self._sessions[self._current][1]["exercises"] = doses

    def _row_dose_loose(self, row: int) -> dict[str, Any]:
        item = self.table.item(row, COL_DOSE)
        cell: Any = self.table.cellWidget  # the cells' own widget types
        return {"exercise": cell(row, COL_EXERCISE).currentData(),
                "sets": cell(row, COL_SETS).value(),
                "reps_text": "" if item is None else item.text(),
                "rest_s": cell(row, COL_REST).value()}

    def _on_add_exercise_button_clicked(self) -> None:
        row = self.table.currentRow()
        new = self._add_row({"exercise": self._exercises[0][0] if self._exercises else "",
                             "sets": 3, "reps": [8, 12], "rest_s": 90},
                            at=row + 1 if row >= 0 else None)
        self.table.setCurrentCell(new, COL_EXERCISE)
        self.table.cellWidget(new, COL_EXERCISE).setFocus()

    def _on_remove_exercise_button_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _move_exercise(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self._store_table()
        doses = self._sessions[self._current][1]["exercises"]
        doses[row], doses[target] = doses[target], doses[row]
        self._load_table(doses)
        self.table.setCurrentCell(target, COL_EXERCISE)

    # -- saving ----------------------------------------------------------------------

    def definition(self) -> dict[str, Any]:
        """The program as edited, in the file shape; ProgramError for a cell that
        cannot be read (the loader checks the rest)."""
        self._store_table()
        data = copy.deepcopy(self._definition)
        data["name"] = self.name_edit.text().strip()
        data["summary"] = self.summary_edit.text().strip()
        data["level"] = self.level_combo.currentData()
        data["repeat"] = self.repeat_box.isChecked()
        weeks: dict[int, list[dict[str, Any]]] = {}
        for number, (week, session) in enumerate(self._sessions):
            for row, dose in enumerate(session.get("exercises", [])):
                if "reps_text" in dose:
                    try:
                        parse_dose_text(dose["reps_text"])
                    except DoseTextError as exc:
                        raise _CellProblem(number, row, COL_DOSE, str(exc)) from exc
            weeks.setdefault(week, []).append(session)
        data["weeks"] = [{"number": week, "sessions": sessions}
                         for week, sessions in sorted(weeks.items())]
        return data

    def _on_buttons_accepted(self) -> None:
        self.problem.clear()
        self._clear_marks()
        try:
            data = self.definition()
            if not data["name"]:
                raise ProgramError("name", translate("ProgramEditor", "give the program a name"))
            self._check(data)
        except ProgramError as exc:
            self.show_problem(exc)
            return
        self.buttons.setEnabled(False)
        self.problem.setText(translate("ProgramEditor", "Saving…"))
        self.save_requested.emit(self.slug, data["name"], data)

    def show_problem(self, exc: ProgramError) -> None:
        """Say what is wrong, and put the keyboard where it is."""
        where = exc.where
        if where == "name":  # the form's own key for the name field, said in words here
            where = translate("ProgramEditor", "name", "the program's name field")
        self.problem.setText(translate("ProgramEditor", "Not saved: {problem}. ({where})").format(
            problem=exc.message, where=where))
        if isinstance(exc, _CellProblem):
            self.session_list.setCurrentRow(exc.session)
            self._mark_cell(exc.row, exc.column, exc.message)
            return
        if exc.where == "name":
            self.name_edit.setFocus()
            return
        match = _WHERE.search(exc.where)
        if match is None:
            return
        week_index, session_index = int(match[1]), int(match[2])
        weeks = sorted({week for week, _ in self._sessions})
        if not 1 <= week_index <= len(weeks):
            return
        in_week = [n for n, (week, _) in enumerate(self._sessions) if week == weeks[week_index - 1]]
        if not 1 <= session_index <= len(in_week):
            return
        self.session_list.setCurrentRow(in_week[session_index - 1])
        if match[3]:
            row = int(match[3]) - 1
            column = _COLUMN_OF_KEY.get(match[4] or "exercise", COL_EXERCISE)
            if 0 <= row < self.table.rowCount():
                self._mark_cell(row, column, exc.message)

    def _mark_cell(self, row: int, column: int, message: str) -> None:
        """Put the problem on the cell itself: outlined, with the words as its tip."""
        self.table.setCurrentCell(row, column)
        cell = self.table.cellWidget(row, column)
        if cell is not None:
            cell.setStyleSheet(f"border: 2px solid {colour('danger')};")
            cell.setToolTip(message)
            cell.setFocus()
        else:
            item = self.table.item(row, column)
            if item is not None:
                item.setBackground(QColor(colour("danger_tint")))
                item.setToolTip(message)
            self.table.setFocus()
        self._marked.append((row, column))

    def _clear_marks(self) -> None:
        for row, column in self._marked:
            if row >= self.table.rowCount():
                continue
            cell = self.table.cellWidget(row, column)
            if cell is not None:
                cell.setStyleSheet("")
                cell.setToolTip("")
            item = self.table.item(row, column)
            if item is not None:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                item.setToolTip("")
        self._marked.clear()

    def show_save_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText(translate(
            "ProgramEditor", "Not saved: {problem}. Your changes are still here; try again.").format(
                problem=message))

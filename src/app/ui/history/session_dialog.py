"""Adding a past session by hand: when it was, then its sets one by one.

The sets are typed in the same fields as a correction (``SetFields``: one
copy of the fields, their checks and their messages). Enter adds the set in
the fields to the list and keeps its values for the next one, with the set
number moved on; Ctrl+S saves the session. The dialog only reads and checks:
the controller saves (off the UI thread), and the Store's own refusals
(a start later than now, no set) come back next to their field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTime, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import format_decimal, format_integer, translate
from app.logbook.entries import InvalidEntryError, SetEntry
from app.ui.history.set_dialog import SetFields, descents_text, parse_number, seconds_text
from app.ui.look.wheel_guard import protect

# Start times are offered on the quarter hour: nobody remembers the minute.
DEFAULT_MINUTE_STEP = 15
MAX_DURATION_MIN = 6 * 60  # as a set's longest duration: more is a typo


@dataclass(frozen=True)
class PastSession:
    """A session as typed in the dialog, checked, ready for Store.add_session."""

    started_at: datetime  # aware, UTC
    ended_at: datetime | None
    title: str
    sets: tuple[SetEntry, ...]


def local_start(day: date, at: time) -> datetime:
    """A day and a clock time in the athlete's time zone, as a UTC moment."""
    return datetime.combine(day, at).astimezone().astimezone(UTC)


def default_start(now: datetime) -> datetime:
    """The local time now, down to the quarter hour (naive, local)."""
    local = now.astimezone().replace(second=0, microsecond=0, tzinfo=None)
    return local - timedelta(minutes=local.minute % DEFAULT_MINUTE_STEP)


class AddSessionDialog(QDialog):
    save_requested = Signal(object)  # PastSession

    def __init__(self, choices: Sequence[tuple[str, str]], now: datetime, units: str,
                 day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = translate("AddSessionDialog", "Add a past session")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self._names = dict(choices)
        self.sets: list[SetEntry] = []
        self.messages: dict[str, QLabel] = {}

        start = default_start(now)
        today = start.date()
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        # The weekday with the date: "the Tuesday session" is how it is remembered.
        self.date_edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.LongFormat))
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        chosen = day if day is not None and day <= today else today
        self.date_edit.setDate(QDate(chosen.year, chosen.month, chosen.day))
        self.time_edit = QTimeEdit(self)
        self.time_edit.setTime(QTime(start.hour, start.minute))
        self.duration_edit = QLineEdit(self)
        self.duration_edit.setPlaceholderText(translate("AddSessionDialog", "minutes, optional"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(translate("AddSessionDialog", "Workout"))
        when = QFormLayout()
        rows: list[tuple[str, str, QWidget, str]] = [
            ("day", translate("AddSessionDialog", "Da&y"), self.date_edit,
             translate("AddSessionDialog", "The day of the session (Alt+Down: a calendar)")),
            ("start", translate("AddSessionDialog", "Start ti&me"), self.time_edit,
             translate("AddSessionDialog", "When the session started, your local time")),
            ("duration", translate("AddSessionDialog", "Durati&on"), self.duration_edit,
             translate("AddSessionDialog", "How long it lasted in minutes; empty when you do "
                       "not know")),
            ("title", translate("AddSessionDialog", "Titl&e"), self.title_edit,
             translate("AddSessionDialog", "A name for the session; empty for “Workout”")),
        ]
        for key, label_text, field, tip in rows:
            self._add_row(when, key, label_text, field, tip)

        self.fields = SetFields(choices, exercise=None, set_number=1, load_unit=units, parent=self)
        self.add_button = QPushButton(translate("AddSessionDialog", "&Add set"), self)
        self.add_button.setToolTip(translate("AddSessionDialog", "Add the set in the fields to the "
                                             "session's list; its values stay for the next one "
                                             "(Enter)"))
        self.add_button.setAccessibleName(translate("AddSessionDialog", "Add set"))
        self.add_button.setDefault(True)
        set_box = QGroupBox(translate("AddSessionDialog", "A set"), self)
        set_layout = QVBoxLayout(set_box)
        set_layout.addWidget(self.fields)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        set_layout.addLayout(add_row)

        self.set_list = QListWidget(self)
        self.set_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.set_list.setMinimumHeight(96)
        self.set_list.setWordWrap(True)  # a long exercise name wraps, never cut
        self.set_list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 34)
        list_label = QLabel(translate("AddSessionDialog", "Sets so &far"), self)
        list_label.setBuddy(self.set_list)
        self.set_list.setAccessibleName(translate("AddSessionDialog", "Sets so far"))
        self.set_list.setToolTip(translate("AddSessionDialog", "The sets the session will hold, "
                                           "in order; Delete removes the selected one"))
        self.remove_button = QPushButton(translate("AddSessionDialog", "Remo&ve set"), self)
        self.remove_button.setToolTip(translate("AddSessionDialog", "Take the selected set off "
                                                "the list (Delete)"))
        self.remove_button.setAccessibleName(translate("AddSessionDialog", "Remove set"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        sets_message = self._message(translate("AddSessionDialog", "Sets so far"))
        self.messages["sets"] = sets_message

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        # No mnemonic: the set's fields take the letters; Ctrl+S saves, as in the program editor.
        self.save_button.setText(translate("AddSessionDialog", "Save session"))
        self.save_button.setToolTip(translate("AddSessionDialog", "Save the session with its sets "
                                              "(Ctrl+S)"))
        self.save_button.setAccessibleName(translate("AddSessionDialog", "Save session"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(translate("AddSessionDialog", "Close without adding the session (Esc)"))
        cancel.setAccessibleName(translate("AddSessionDialog", "Cancel"))
        for button in (self.save_button, cancel):
            button.setAutoDefault(False)  # Enter adds a set; only Ctrl+S or a click saves
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self._on_buttons_accepted)
        self.remove_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.set_list)
        self.remove_shortcut.activated.connect(self._on_remove_button_clicked)
        self.status = QLabel(self)
        self.status.setAccessibleName(translate("AddSessionDialog", "Saving status"))
        self.status.setWordWrap(True)

        # The session and the set on the left, the sets so far on the right;
        # in a scroll area, so a large text size on a small screen scrolls
        # instead of cutting the dialog off.
        body = QWidget(self)
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addLayout(when)
        left.addWidget(set_box)
        left.addStretch(1)
        right = QVBoxLayout()
        list_row = QHBoxLayout()
        list_row.addWidget(list_label)
        list_row.addStretch(1)
        list_row.addWidget(self.remove_button)
        right.addLayout(list_row)
        right.addWidget(self.set_list, 1)
        right.addWidget(sets_message)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("dialogScrollArea")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fit_screen(body)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.set_list.currentRowChanged.connect(self._on_set_list_current_row_changed)
        self.fields.exercise_combo.currentIndexChanged.connect(
            self._on_exercise_combo_current_index_changed)
        self.fields.exercise_combo.setFocus()
        protect(self)  # the wheel scrolls, not the field under the pointer

    # -- building ----------------------------------------------------------------

    def _fit_screen(self, body: QWidget) -> None:
        """Open as big as the contents want, but within the screen."""
        wanted = body.sizeHint() + QSize(40, 120)  # margins, the status and the buttons
        screen = self.screen() if self.screen() is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() * 0.9 if screen is not None else wanted
        self.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))

    def _message(self, field_name: str) -> QLabel:
        message = QLabel(self)
        message.setObjectName("fieldProblem")
        message.setProperty("role", "error")
        message.setWordWrap(True)
        message.setAccessibleName(translate("SetEditDialog", "Problem with {field}").format(
            field=field_name))
        message.hide()
        return message

    def _add_row(self, form: QFormLayout, key: str, label_text: str, field: QWidget,
                 tip: str) -> None:
        label = QLabel(label_text, self)
        label.setBuddy(field)
        field.setAccessibleName(label_text.replace("&", ""))
        field.setToolTip(tip)
        form.addRow(label, field)
        message = self._message(label_text.replace("&", ""))
        form.addRow("", message)
        self.messages[key] = message

    # -- the list of sets --------------------------------------------------------

    def next_set_number(self, slug: str) -> int:
        return sum(1 for s in self.sets if s.exercise_slug == slug) + 1

    def set_line(self, entry: SetEntry) -> str:
        parts = []
        if entry.reps is not None:
            parts.append(translate("AddSessionDialog", "%n rep(s)", n=entry.reps))
        if entry.load is not None:
            parts.append(f"{format_decimal(entry.load, 1)} {entry.load_unit}")
        if entry.duration_s is not None:
            parts.append(seconds_text(entry.duration_s))
        if entry.descent_s:
            parts.append(translate("AddSessionDialog", "descents {times}").format(
                times=descents_text(entry.descent_s, entry.descent_held)))
        return translate("AddSessionDialog", "{exercise}, set {number}: {what}").format(
            exercise=self._names.get(entry.exercise_slug, entry.exercise_slug),
            number=format_integer(entry.set_number), what=", ".join(parts) or "-")

    def _on_add_button_clicked(self) -> None:
        self.clear_problems()
        try:
            entry = self.fields.entry()
        except InvalidEntryError as exc:
            self.show_problem(exc.field, exc.message)
            return
        self.sets.append(entry)
        self.set_list.addItem(self.set_line(entry))
        self.fields.set_spin.setValue(self.next_set_number(entry.exercise_slug))

    def _on_remove_button_clicked(self) -> None:
        row = self.set_list.currentRow()
        if row < 0:
            return
        del self.sets[row]
        self.set_list.takeItem(row)
        slug = self.fields.exercise_combo.currentData()
        self.fields.set_spin.setValue(self.next_set_number(slug))

    def _on_set_list_current_row_changed(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)

    def _on_exercise_combo_current_index_changed(self, _index: int) -> None:
        self.fields.set_spin.setValue(self.next_set_number(self.fields.exercise_combo.currentData()))

    # -- reading -----------------------------------------------------------------

    def past_session(self) -> PastSession:
        """The session as typed; raises InvalidEntryError naming the field."""
        qdate, qtime = self.date_edit.date(), self.time_edit.time()
        started = local_start(date(qdate.year(), qdate.month(), qdate.day()),
                              time(qtime.hour(), qtime.minute()))
        minutes = parse_number("duration", self.duration_edit.text())
        if minutes is not None and not 0 <= minutes <= MAX_DURATION_MIN:
            raise InvalidEntryError("duration", translate(
                "AddSessionDialog", "must be between 0 and {limit} minutes").format(
                limit=format_integer(MAX_DURATION_MIN)))
        ended = None if minutes is None else started + timedelta(minutes=minutes)
        return PastSession(started, ended, self.title_edit.text().strip(), tuple(self.sets))

    # -- showing problems --------------------------------------------------------

    def show_problem(self, field: str, message: str) -> None:
        own = self.messages.get({"start": "start", "day": "day", "duration": "duration",
                                 "title": "title", "sets": "sets"}.get(field, ""))
        text = message[:1].upper() + message[1:] + "."
        if own is not None:
            own.setText(text)
            own.show()
        elif not self.fields.show_problem(field, message):
            self.status.setText(text)

    def clear_problems(self) -> None:
        for label in self.messages.values():
            label.hide()
            label.clear()
        self.fields.clear_problems()
        self.status.clear()

    def show_save_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(translate("AddSessionDialog", "Not saved: {error}. Everything you "
                                      "typed is still here; try again.").format(error=message))

    def _on_buttons_accepted(self) -> None:
        if not self.buttons.isEnabled():
            return  # saving already
        self.clear_problems()
        try:
            session = self.past_session()
        except InvalidEntryError as exc:
            self.show_problem(exc.field, exc.message)
            return
        if not session.sets:
            self.show_problem("sets", translate("AddSessionDialog", "add at least one set: "
                                                "fill in the set above and press Enter"))
            self.fields.reps_edit.setFocus()
            return
        self.buttons.setEnabled(False)
        self.status.setText(translate("AddSessionDialog", "Saving…"))
        self.save_requested.emit(session)

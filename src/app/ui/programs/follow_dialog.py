"""Following a program: from which day, and on which weekdays."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.coaching.model import Program
from app.coaching.words import frequency_words
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect

# The training days' names in the window (the welcome's too), Monday first.
WEEKDAY_NAMES = (QT_TRANSLATE_NOOP("follow_dialog", "Monday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Tuesday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Wednesday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Thursday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Friday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Saturday"),
                 QT_TRANSLATE_NOOP("follow_dialog", "Sunday"))
# Monday, Wednesday, Friday: a rest day between sessions, as the articles advise.
DEFAULT_DAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4)}


def weekday_name(number: int) -> str:
    """The day's name in the athlete's language, 0 for Monday."""
    return translate("follow_dialog", WEEKDAY_NAMES[number])


def default_weekdays(program: Program) -> tuple[int, ...]:
    """As many days as the program's busiest week holds: a 2-3 a week
    program whose weeks hold 2 gets 2 days, so a third session a week is
    the athlete's choice (the dialog says what 3 days change)."""
    most = max((len(w.days) for w in program.weeks), default=1)
    return DEFAULT_DAYS.get(min(max(most, 1), 3), (0, 2, 4))


class FollowDialog(QDialog):
    follow_requested = Signal(str, object, object)  # program slug, start date, weekdays tuple

    def __init__(self, program: Program, today: date, weekdays: tuple[int, ...] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.program = program
        title = translate("FollowDialog", "Follow {program}").format(program=program.name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        intro = QLabel(translate("FollowDialog", "<b>{program}</b>: {frequency}.").format(
            program=program.name, frequency=frequency_words(program)), self)
        intro.setWordWrap(True)
        self.start_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit.setAccessibleName(translate("FollowDialog", "Start date"))
        self.start_edit.setToolTip(translate("FollowDialog", "The day the program starts; its "
                                             "first session is due then or on the next training day"))
        start_label = QLabel(translate("FollowDialog", "&Start on"), self)
        start_label.setBuddy(self.start_edit)
        days = QWidget(self)
        grid = QGridLayout(days)
        grid.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: list[QCheckBox] = []
        chosen = weekdays or default_weekdays(program)
        for number in range(len(WEEKDAY_NAMES)):
            name = weekday_name(number)
            box = QCheckBox(name, days)
            box.setChecked(number in chosen)
            box.setAccessibleName(translate("FollowDialog", "Train on {day}").format(day=name))
            box.setToolTip(translate("FollowDialog", "Plan sessions on {day}s",
                                     "{day} is a weekday's name (Monday); the s makes it every "
                                     "Monday").format(day=name))
            box.toggled.connect(self._on_day_box_toggled)
            grid.addWidget(box, number // 4, number % 4)
            self.day_boxes.append(box)
        days_label = QLabel(translate("FollowDialog", "Training &days"), self)
        days_label.setBuddy(self.day_boxes[0])
        form = QFormLayout()
        form.addRow(start_label, self.start_edit)
        form.addRow(days_label, days)
        self.warning = QLabel(self)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)  # paragraphs end in line breaks
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(translate("FollowDialog", "About the days chosen"))
        self.buttons = QDialogButtonBox(self)
        self.follow_button = self.buttons.addButton(translate("FollowDialog", "&Follow"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.follow_button.setDefault(True)
        self.follow_button.setAccessibleName(translate("FollowDialog", "Follow"))
        self.follow_button.setToolTip(translate("FollowDialog", "Follow this program from the start "
                                                "date (Enter); Today then shows the session due"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(translate("FollowDialog", "Cancel"))
        cancel.setToolTip(translate("FollowDialog", "Close without changing anything (Esc)"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer
        self._on_day_box_toggled()

    def weekdays(self) -> tuple[int, ...]:
        return tuple(n for n, box in enumerate(self.day_boxes) if box.isChecked())

    def start_date(self) -> date:
        value = self.start_edit.date()
        return date(value.year(), value.month(), value.day())

    def _on_day_box_toggled(self, _checked: bool = False) -> None:
        from app.coaching.schedule import check_weekdays, frequency_note

        days = self.weekdays()
        if not days:
            self.warning.setText(translate("FollowDialog", "Choose at least one training day."))
        else:
            # How many sessions a week these days give (a 2-3 a week program),
            # then what to know about them: too few, or back to back.
            notes = (frequency_note(self.program, days), check_weekdays(self.program, days))
            self.warning.setText("\n\n".join(note for note in notes if note))
        self.follow_button.setEnabled(bool(days))

    def _on_buttons_accepted(self) -> None:
        if self.weekdays():
            self.follow_requested.emit(self.program.slug, self.start_date(), self.weekdays())

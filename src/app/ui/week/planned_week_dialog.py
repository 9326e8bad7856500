"""The planned running week: a run kind for each weekday, typed once.

For athletes without run files (issue 18, point 2): what they usually run on
each day of the week. The scheduler places strength around it, as around
runs done. Saved whole (seven days, Monday first) through the window's
writer; a failed write is said in the dialog, which stays open with the
choices made.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.logbook.runs import PlannedDay
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect
from app.ui.week.words import planned_day_choice, weekday_name

# Each weekday's label with its Alt letter, and that key for the tooltip: no
# letter twice in the dialog (Save has S; the two T and S days take others).
DAY_LABELS = (
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "&Monday"), "Alt+M"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "&Tuesday"), "Alt+T"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "&Wednesday"), "Alt+W"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "T&hursday"), "Alt+H"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "&Friday"), "Alt+F"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "S&aturday"), "Alt+A"),
    (QT_TRANSLATE_NOOP("PlannedWeekDialog", "S&unday"), "Alt+U"),
)
# The choices in each box, in this order (rest first: a day not planned).
CHOICES = (PlannedDay.REST, PlannedDay.EASY, PlannedDay.LONG, PlannedDay.QUALITY, PlannedDay.RACE)


class PlannedWeekDialog(QDialog):
    save_requested = Signal(object)  # tuple[PlannedDay, ...], Monday first

    def __init__(self, days: Sequence[PlannedDay], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = translate("PlannedWeekDialog", "Plan my running week")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        intro = QLabel(translate(
            "PlannedWeekDialog", "What you usually run on each day of the week. Strength is "
            "placed around it: no Nordics or heavy hinges in the 48 hours before a quality run, "
            "a long run or a race, and on a quality day after the run. Runs you import count "
            "too; one-off races are under Races."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.day_boxes: list[QComboBox] = []
        for number, (label_text, key) in enumerate(DAY_LABELS):
            box = QComboBox(self)
            for kind in CHOICES:
                box.addItem(planned_day_choice(kind), kind.value)
            chosen = days[number] if number < len(days) else PlannedDay.REST
            box.setCurrentIndex(CHOICES.index(chosen))
            name = weekday_name(number)
            box.setAccessibleName(translate("PlannedWeekDialog", "Run on {day}").format(day=name))
            box.setToolTip(translate("PlannedWeekDialog", "What you run on {day}s ({key})",
                                     "{day} is a weekday's name (Monday); the s makes it every "
                                     "Monday").format(day=name, key=key))
            label = QLabel(translate("PlannedWeekDialog", label_text), self)
            label.setBuddy(box)
            form.addRow(label, box)
            self.day_boxes.append(box)
        self.error = QLabel(self)
        self.error.setObjectName("fieldProblem")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(translate("PlannedWeekDialog", "Why the week was not saved"))
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(translate("PlannedWeekDialog", "&Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(translate("PlannedWeekDialog", "Save the planned week"))
        self.save_button.setToolTip(translate(
            "PlannedWeekDialog", "Keep this week; the Week page places strength around it "
                                 "(Ctrl+S or Enter)"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(translate("PlannedWeekDialog", "Cancel"))
        cancel.setToolTip(translate("PlannedWeekDialog", "Close without changing anything (Esc)"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        save_key = QShortcut(QKeySequence("Ctrl+S"), self)
        save_key.activated.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the box under the pointer

    def days(self) -> tuple[PlannedDay, ...]:
        """The week as chosen, Monday first."""
        return tuple(PlannedDay(box.currentData()) for box in self.day_boxes)

    def show_error(self, message: str) -> None:
        """The week was not saved: why, above the buttons (the choices stay)."""
        self.error.setText(translate("PlannedWeekDialog", "Not saved: {error}").format(
            error=message))
        self.error.show()
        self.save_button.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        if not self.save_button.isEnabled():
            return  # already on its way to the log
        self.error.hide()
        self.save_button.setEnabled(False)
        self.save_requested.emit(self.days())

"""Races: one-off days the week is built around (race week: the last Nordic
session 4 days before, volume halved; no Nordics for 2 days after).

A list of the races kept, a date and a name to add one, and Remove. Each
change is one write through the window's writer (WeekController); the list
is shown again from the log once it is stored. A name that cannot be kept is
refused next to the name field, and what was typed stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import format_date, translate
from app.kernel.refusal import FieldRefusal
from app.logbook.runs import RACE_NAME_MAX, RaceRecord, validate_race_name
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect

RACE_ID_ROLE = Qt.ItemDataRole.UserRole


def race_words(race: RaceRecord) -> str:
    return translate("RacesDialog", "{date} · {name}").format(date=format_date(race.day),
                                                              name=race.name)


class RacesDialog(QDialog):
    add_requested = Signal(object, str)  # the race's date, its name (checked)
    remove_requested = Signal(int)       # the race's id

    def __init__(self, races: Sequence[RaceRecord], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = translate("RacesDialog", "Races")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        intro = QLabel(translate(
            "RacesDialog", "A race changes the weeks around it: the last Nordic session at "
            "least 4 days before, strength volume halved in race week, and no Nordics for 2 days "
            "after."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("RacesDialog", "Your races"))
        self.list.setToolTip(translate("RacesDialog", "The races you entered, by date; Delete "
                                       "removes the one chosen (Alt+L to come here)"))
        list_label = QLabel(translate("RacesDialog", "Your &list of races"), self)
        list_label.setBuddy(self.list)
        self.empty_label = QLabel(translate("RacesDialog", "No race yet: add one below."), self)
        self.empty_label.setProperty("tone", "muted")
        self.empty_label.setWordWrap(True)
        self.remove_button = QPushButton(translate("RacesDialog", "&Remove"), self)
        self.remove_button.setAccessibleName(translate("RacesDialog", "Remove the race chosen"))
        self.remove_button.setToolTip(translate("RacesDialog", "Remove the race chosen in the "
                                                "list (Alt+R, or Delete in the list)"))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self._on_remove_button_clicked)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)

        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(translate("RacesDialog", "Race date"))
        self.date_edit.setToolTip(translate("RacesDialog", "The day of the race (Alt+D)"))
        date_label = QLabel(translate("RacesDialog", "&Date"), self)
        date_label.setBuddy(self.date_edit)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(RACE_NAME_MAX)
        self.name_edit.setAccessibleName(translate("RacesDialog", "Race name"))
        self.name_edit.setToolTip(translate("RacesDialog", "What the race is called, e.g. City "
                                            "10K (Alt+N; Enter adds it)"))
        self.name_edit.setPlaceholderText(translate("RacesDialog", "e.g. City 10K"))
        self.name_edit.returnPressed.connect(self._on_add_button_clicked)
        name_label = QLabel(translate("RacesDialog", "&Name"), self)
        name_label.setBuddy(self.name_edit)
        self.add_button = QPushButton(translate("RacesDialog", "&Add race"), self)
        self.add_button.setAccessibleName(translate("RacesDialog", "Add the race"))
        self.add_button.setToolTip(translate("RacesDialog", "Keep this race; the Week page "
                                             "plans around it (Alt+A)"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(translate("RacesDialog", "Why the race was not kept"))
        self.problem.hide()

        add_grid = QGridLayout()
        add_grid.addWidget(date_label, 0, 0)
        add_grid.addWidget(self.date_edit, 0, 1)
        add_grid.addWidget(name_label, 1, 0)
        add_grid.addWidget(self.name_edit, 1, 1)
        add_grid.addWidget(self.problem, 2, 1)
        add_grid.setColumnStretch(1, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        close = self.buttons.addButton(translate("RacesDialog", "&Close"),
                                       QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName(translate("RacesDialog", "Close"))
        close.setToolTip(translate("RacesDialog", "Close; the races are kept as you add them "
                                   "(Esc)"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(remove_row)
        layout.addSpacing(8)
        layout.addLayout(add_grid)
        layout.addLayout(add_row)
        layout.addWidget(self.buttons)
        self.show_races(races)
        fit_to_screen(self)
        protect(self)
        self.name_edit.setFocus()

    def show_races(self, races: Sequence[RaceRecord]) -> None:
        """The races kept, by date (after each change, as the log holds them)."""
        self.list.clear()
        for race in sorted(races, key=lambda r: (r.day, r.id)):
            item = QListWidgetItem(race_words(race))
            item.setData(RACE_ID_ROLE, race.id)
            self.list.addItem(item)
        self.empty_label.setVisible(not races)
        self.list.setVisible(bool(races))
        self._on_list_current_row_changed(self.list.currentRow())

    def race_added(self) -> None:
        """The race typed is stored: the fields are ready for another."""
        self.name_edit.clear()
        self.problem.hide()
        self.add_button.setEnabled(True)

    def show_problem(self, message: str) -> None:
        """Why the race was not kept, next to its name; what was typed stays."""
        self.problem.setText(message)
        self.problem.show()
        self.add_button.setEnabled(True)

    def chosen_date(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def _on_add_button_clicked(self) -> None:
        if not self.add_button.isEnabled():
            return  # already on its way to the log
        try:
            name = validate_race_name(self.name_edit.text())
        except FieldRefusal as exc:
            self.show_problem(exc.message)
            self.name_edit.setFocus()
            return
        self.problem.hide()
        self.add_button.setEnabled(False)
        self.add_requested.emit(self.chosen_date(), name)

    def _on_remove_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is None or not self.remove_button.isEnabled():
            return
        self.remove_requested.emit(int(item.data(RACE_ID_ROLE)))

    def _on_list_current_row_changed(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)

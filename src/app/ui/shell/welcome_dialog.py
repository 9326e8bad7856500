"""The first-run welcome: units, the usual training days, and a program to start.

Shown once, on a new log; it can be skipped, and opened again from the Help
menu. Nothing is stored until the athlete presses Done. It also offers the
"Why hamstrings" page (Alt+W), in a dialog of its own over the welcome, so
reading it loses none of the choices made.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.coaching.model import Program
from app.coaching.words import frequency_words
from app.kernel.i18n import translate
from app.ui.look.style import fit_to_screen
from app.ui.programs.follow_dialog import WEEKDAY_NAMES, weekday_name

if TYPE_CHECKING:
    from app.ui.library.why_view import WhyDialog

NO_PROGRAM = ""


class WelcomeDialog(QDialog):
    # units, weekdays (tuple of 0 = Monday ...), the program slug to follow ("" for none)
    done_requested = Signal(str, object, str)

    def __init__(self, programs: Sequence[Program], units: str = "kg",
                 weekdays: Sequence[int] = (0, 2, 4), parent: QWidget | None = None,
                 resources: Path | None = None) -> None:
        """``resources``: where the "Why hamstrings" page is read (the app's by default)."""
        super().__init__(parent)
        self._resources = resources
        self.why_dialog: WhyDialog | None = None
        self.setWindowTitle(translate("WelcomeDialog", "Welcome to Hamstride"))
        self.setAccessibleName(translate("WelcomeDialog", "Welcome"))
        self.setModal(True)
        self.setMinimumWidth(560)
        intro = QLabel(translate(
            "WelcomeDialog", "<b>Welcome.</b> Hamstride guides your hamstring sessions step by step, "
            "times your sets, rests and Nordic lowering, and keeps every set in a log on this "
            "computer. Three quick choices to start; all of them can be changed later."), self)
        intro.setWordWrap(True)
        self.why_button = QPushButton(translate("WelcomeDialog", "&Why train hamstrings?"), self)
        self.why_button.setAccessibleName(translate("WelcomeDialog", "Why train hamstrings"))
        self.why_button.setToolTip(translate(
            "WelcomeDialog", "What the hamstrings are, why runners train them, and the sources "
                             "(Alt+W; later: Library, Ctrl+H)"))
        self.why_button.setAutoDefault(False)  # Enter stays with Done
        self.why_button.clicked.connect(self._on_why_button_clicked)
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_button)
        why_row.addStretch(1)

        units_box = QGroupBox(translate("WelcomeDialog", "Units for loads"), self)
        units_row = QHBoxLayout(units_box)
        self.kg_button = QRadioButton(translate("WelcomeDialog", "&Kilograms (kg)"), units_box)
        self.lb_button = QRadioButton(translate("WelcomeDialog", "&Pounds (lb)"), units_box)
        for button, tip in (
                (self.kg_button, translate("WelcomeDialog", "Enter and show loads in kilograms")),
                (self.lb_button, translate("WelcomeDialog", "Enter and show loads in pounds"))):
            button.setAccessibleName(button.text().replace("&", ""))
            button.setToolTip(tip)
            units_row.addWidget(button)
        units_row.addStretch(1)
        (self.lb_button if units == "lb" else self.kg_button).setChecked(True)

        days_box = QGroupBox(translate("WelcomeDialog", "Your usual training days"), self)
        days_grid = QGridLayout(days_box)
        self.day_boxes: list[QCheckBox] = []
        for number in range(len(WEEKDAY_NAMES)):
            name = weekday_name(number)
            box = QCheckBox(name, days_box)
            box.setChecked(number in weekdays)
            box.setAccessibleName(translate("WelcomeDialog", "Train on {day}").format(day=name))
            box.setToolTip(translate(
                "WelcomeDialog", "You usually train on {day}s; a program's sessions go on these days",
                "{day} is a weekday's name (Monday); the s makes it every Monday").format(day=name))
            days_grid.addWidget(box, number // 4, number % 4)
            self.day_boxes.append(box)
        days_hint = QLabel(translate("WelcomeDialog", "Hamstring work suits 2-3 days a week with a "
                                     "rest day between."), days_box)
        days_hint.setWordWrap(True)
        days_grid.addWidget(days_hint, 2, 0, 1, 4)

        program_box = QGroupBox(translate("WelcomeDialog", "A program to follow"), self)
        program_layout = QVBoxLayout(program_box)
        self.program_group = QButtonGroup(self)
        self.program_buttons: dict[str, QRadioButton] = {}
        none = QRadioButton(translate("WelcomeDialog", "&Not now: I will look at the programs later"),
                            program_box)
        none.setAccessibleName(translate("WelcomeDialog", "No program for now"))
        none.setToolTip(translate("WelcomeDialog", "Start without a program; the Programs page "
                                  "(Ctrl+3) lists them all"))
        self.program_group.addButton(none)
        program_layout.addWidget(none)
        self.program_buttons[NO_PROGRAM] = none
        for program in programs:
            # Name and rhythm on the line (a radio button cannot wrap); the summary as its tip.
            button = QRadioButton(f"{program.name} · {frequency_words(program)}", program_box)
            button.setAccessibleName(program.name)
            button.setToolTip(translate("WelcomeDialog", "{summary} Starts today.").format(
                summary=program.summary))
            self.program_group.addButton(button)
            program_layout.addWidget(button)
            self.program_buttons[program.slug] = button
        none.setChecked(True)

        self.buttons = QDialogButtonBox(self)
        self.done_button = self.buttons.addButton(translate("WelcomeDialog", "&Done"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setDefault(True)
        self.done_button.setAccessibleName(translate("WelcomeDialog", "Done"))
        self.done_button.setToolTip(translate("WelcomeDialog", "Keep these choices (Enter)"))
        skip = self.buttons.addButton(translate("WelcomeDialog", "&Skip"),
                                      QDialogButtonBox.ButtonRole.RejectRole)
        skip.setAccessibleName(translate("WelcomeDialog", "Skip"))
        skip.setToolTip(translate("WelcomeDialog", "Close without changing anything (Esc); "
                                  "Help > Welcome opens this again"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setAccessibleName(translate("WelcomeDialog", "Problem"))
        self.problem.setWordWrap(True)
        self.problem.hide()  # shown with its text: empty, it only took room from the choices

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(why_row)
        layout.addWidget(units_box)
        layout.addWidget(days_box)
        layout.addWidget(program_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        self.kg_button.setFocus()

    def show_why(self) -> None:
        """The "Why hamstrings" page over the welcome; closing it comes back here."""
        if self.why_dialog is None:
            # Imported when asked for: the welcome opens at the first start,
            # and the page's reader (the guide's TOML) is not needed until then.
            from app.ui.library.why_view import WhyDialog

            self.why_dialog = WhyDialog(self._resources, self)
            self.why_dialog.finished.connect(self._on_why_dialog_finished)
        self.why_dialog.open()

    def _on_why_button_clicked(self) -> None:
        self.show_why()

    def _on_why_dialog_finished(self, _result: int) -> None:
        self.why_button.setFocus()

    def units(self) -> str:
        return "lb" if self.lb_button.isChecked() else "kg"

    def weekdays(self) -> tuple[int, ...]:
        return tuple(n for n, box in enumerate(self.day_boxes) if box.isChecked())

    def program(self) -> str:
        return next((slug for slug, button in self.program_buttons.items() if button.isChecked()),
                    NO_PROGRAM)

    def _on_buttons_accepted(self) -> None:
        if self.program() and not self.weekdays():
            self.problem.setText(
                translate("WelcomeDialog", "Choose at least one training day for the program."))
            self.problem.show()
            self.day_boxes[0].setFocus()
            return
        self.done_requested.emit(self.units(), self.weekdays(), self.program())
        self.accept()

"""The quick note on any day (Today, Ctrl+N): how sore the hamstrings are,
whether a run hurt, and a few words, for the overtraining watch
(app.coaching.watch.overtraining_notice).

Every answer may be left out, and what is left out is stored as not given,
never as a 0: the soreness starts at "not given" and the run pain at "Not
asked". A note with nothing in it is refused next to the words, and the
dialog stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.logbook.entries import MAX_NOTE_WORDS, PAIN_LEVELS, InvalidEntryError, validate_body_note
from app.ui.look.wheel_guard import protect

NOT_GIVEN = -1  # the soreness box's value for "not given" (shown as words)
# Pain during or after a run: the value stored (None: not given), the
# button's text, its accessible name and its Alt key (for the tooltip).
RUN_PAIN_CHOICES = (
    (None, QT_TRANSLATE_NOOP("BodyNoteDialog", "Not &given"),
     QT_TRANSLATE_NOOP("BodyNoteDialog", "Pain during or after a run: not given"), "Alt+G"),
    ("none", QT_TRANSLATE_NOOP("BodyNoteDialog", "N&one"),
     QT_TRANSLATE_NOOP("BodyNoteDialog", "Pain during or after a run: none"), "Alt+O"),
    ("mild", QT_TRANSLATE_NOOP("BodyNoteDialog", "&Mild: up to about 3-4 out of 10"),
     QT_TRANSLATE_NOOP("BodyNoteDialog", "Pain during or after a run: mild, up to about 3-4 "
                                         "out of 10"), "Alt+M"),
    ("more", QT_TRANSLATE_NOOP("BodyNoteDialog", "Mo&re than that"),
     QT_TRANSLATE_NOOP("BodyNoteDialog", "Pain during or after a run: more than that"), "Alt+R"),
)


class BodyNoteDialog(QDialog):
    # soreness (int or None), run pain ("none", "mild", "more" or None), the words
    save_requested = Signal(object, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("BodyNoteDialog", "Quick note"))
        self.setAccessibleName(translate("BodyNoteDialog", "Quick note on how you feel"))
        self.setModal(True)
        self.setMinimumWidth(460)
        intro = QLabel(translate("BodyNoteDialog", "How do your hamstrings feel today? Give what "
                                 "you like; what you leave out is kept as not given. Soreness "
                                 "that stays, or pain in training or running, is a sign to ease "
                                 "off, and Today will say so."), self)
        intro.setWordWrap(True)

        self.soreness = QSpinBox(self)
        self.soreness.setRange(NOT_GIVEN, 10)
        self.soreness.setValue(NOT_GIVEN)
        self.soreness.setSpecialValueText(translate("BodyNoteDialog", "not given"))
        self.soreness.setAccessibleName(translate("BodyNoteDialog", "Hamstring soreness, 0 to 10, "
                                                  "or not given"))
        self.soreness.setToolTip(translate(
            "BodyNoteDialog", "0: none · 5: it changes how you move · 10: as sore as it gets; "
            "below 0: not given (Alt+S, then Up/Down)"))
        protect(self.soreness)
        soreness_label = QLabel(translate("BodyNoteDialog", "Hamstring &soreness (0-10)"), self)
        soreness_label.setBuddy(self.soreness)

        run_box = QWidget(self)
        run_layout = QVBoxLayout(run_box)
        run_layout.setContentsMargins(0, 0, 0, 0)
        self.run_pain_group = QButtonGroup(self)
        self.run_pain_buttons: dict[str | None, QRadioButton] = {}
        for value, text, name, key in RUN_PAIN_CHOICES:
            button = QRadioButton(translate("BodyNoteDialog", text), run_box)
            button.setAccessibleName(translate("BodyNoteDialog", name))
            button.setToolTip(translate("BodyNoteDialog", "How much your last run hurt, during it "
                                        "or in the hours after ({key})").format(key=key))
            self.run_pain_group.addButton(button)
            run_layout.addWidget(button)
            self.run_pain_buttons[value] = button
        self.run_pain_buttons[None].setChecked(True)

        self.words = QLineEdit(self)
        self.words.setMaxLength(MAX_NOTE_WORDS)
        self.words.setAccessibleName(translate("BodyNoteDialog", "Words, optional"))
        self.words.setToolTip(translate("BodyNoteDialog", "Anything worth remembering: where it "
                                        "hurt, what you did (Alt+W)"))
        words_label = QLabel(translate("BodyNoteDialog", "&Words (optional)"), self)
        words_label.setBuddy(self.words)
        # A refusal is said next to the field it is about; what was typed stays.
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("fieldError")
        self.error.setAccessibleName(translate("BodyNoteDialog", "What needs changing"))
        self.error.hide()
        words_box = QVBoxLayout()
        words_box.addWidget(self.words)
        words_box.addWidget(self.error)

        form = QFormLayout()
        form.addRow(soreness_label, self.soreness)
        form.addRow(QLabel(translate("BodyNoteDialog", "Pain during or after a run"), self),
                    run_box)
        form.addRow(words_label, words_box)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(translate("BodyNoteDialog", "Sav&e note"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(translate("BodyNoteDialog", "Save note"))
        self.save_button.setToolTip(translate("BodyNoteDialog", "Keep this note (Ctrl+S or Enter)"))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(translate("BodyNoteDialog", "Cancel"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(translate("BodyNoteDialog", "Cancel"))
        self.cancel_button.setToolTip(translate("BodyNoteDialog", "Close without a note (Esc)"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self._on_buttons_accepted)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.soreness.setFocus()

    def answers(self) -> tuple[int | None, str | None, str]:
        """Soreness, run pain and words as they stand (None: not given)."""
        soreness = None if self.soreness.value() == NOT_GIVEN else self.soreness.value()
        run_pain = next((value for value, button in self.run_pain_buttons.items()
                         if button.isChecked()), None)
        return soreness, run_pain, self.words.text()

    def show_error(self, message: str) -> None:
        """Say what is wrong next to the words; the dialog keeps what was typed."""
        self.error.setText(message)
        self.error.show()
        self.save_button.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        soreness, run_pain, words = self.answers()
        try:
            validate_body_note(soreness, run_pain, words)
        except InvalidEntryError as exc:
            self.show_error(str(exc))
            return
        assert run_pain is None or run_pain in PAIN_LEVELS
        self.error.hide()
        self.save_button.setEnabled(False)  # one note per press, while it is stored
        self.save_requested.emit(soreness, run_pain, words)

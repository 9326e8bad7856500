"""The readiness check before a session: four questions, and guidance that follows them.

The guidance (app.programs.readiness) updates as the athlete answers. The
answers are stored with the session. It is guidance, never a diagnosis, and
the dialog says so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.programs.readiness import Guidance, ReadinessAnswers, assess
from app.ui.style import colour, fit_to_screen
from app.ui.wheel_guard import protect

LEVEL_COLOURS = {"go": "success", "easy": "warning", "stop": "danger"}  # theme tokens
LEVEL_WORDS = {"go": QT_TRANSLATE_NOOP("ReadinessDialog", "Go ahead"),
               "easy": QT_TRANSLATE_NOOP("ReadinessDialog", "Take it easy"),
               "stop": QT_TRANSLATE_NOOP("ReadinessDialog", "Stop")}
# The answer stored, the button's text and its accessible name.
PAIN_CHOICES = (
    ("none", QT_TRANSLATE_NOOP("ReadinessDialog", "&None"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain when walking or running: None")),
    ("mild", QT_TRANSLATE_NOOP("ReadinessDialog", "&Mild: up to about 3-4 out of 10"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain when walking or running: Mild: up to about 3-4 "
                                          "out of 10")),
    ("more", QT_TRANSLATE_NOOP("ReadinessDialog", "M&ore than that"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain when walking or running: More than that")))


class ReadinessDialog(QDialog):
    # answers as stored (a dict), and whether to make the session lighter
    start_requested = Signal(object, bool)

    def __init__(self, session_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ReadinessDialog", "Before you start"))
        self.setAccessibleName(translate("ReadinessDialog", "Readiness check"))
        self.setModal(True)
        self.setMinimumWidth(520)
        intro = QLabel(translate("ReadinessDialog", "A quick check before <b>{session}</b>. Your "
                                 "answers are kept with the session.").format(session=session_title),
                       self)
        intro.setWordWrap(True)

        self.soreness = QSpinBox(self)
        self.soreness.setRange(0, 10)
        self.soreness.setAccessibleName(translate("ReadinessDialog", "Hamstring soreness, 0 to 10"))
        self.soreness.setToolTip(translate(
            "ReadinessDialog", "0: none at all · 10: the worst you can imagine (Up/Down to change)"))
        soreness_label = QLabel(translate("ReadinessDialog", "Hamstring &soreness (0-10)"), self)
        soreness_label.setBuddy(self.soreness)

        pain_box = QWidget(self)
        pain_layout = QVBoxLayout(pain_box)
        pain_layout.setContentsMargins(0, 0, 0, 0)
        self.pain_group = QButtonGroup(self)
        self.pain_buttons: dict[str, QRadioButton] = {}
        for code, text, name in PAIN_CHOICES:
            button = QRadioButton(translate("ReadinessDialog", text), pain_box)
            button.setAccessibleName(translate("ReadinessDialog", name))
            button.setToolTip(translate("ReadinessDialog", "How much it hurts when you walk or run"))
            self.pain_group.addButton(button)
            pain_layout.addWidget(button)
            self.pain_buttons[code] = button
        self.pain_buttons["none"].setChecked(True)

        self.sharp = QCheckBox(translate("ReadinessDialog", "S&harp, electric or radiating pain"),
                               self)
        self.sharp.setAccessibleName(translate("ReadinessDialog", "Sharp, electric or radiating pain"))
        self.sharp.setToolTip(translate("ReadinessDialog",
                                        "Pain that stabs, shoots or spreads down the leg"))
        self.numb = QCheckBox(translate("ReadinessDialog", "N&umbness or tingling"), self)
        self.numb.setAccessibleName(translate("ReadinessDialog", "Numbness or tingling"))
        self.numb.setToolTip(translate("ReadinessDialog",
                                       "Pins and needles or a dead feeling in the leg"))
        self.walk = QCheckBox(translate("ReadinessDialog",
                                        "I can &walk a few steps without real pain"), self)
        self.walk.setChecked(True)
        self.walk.setAccessibleName(translate("ReadinessDialog",
                                              "Can walk a few steps without real pain"))
        self.walk.setToolTip(translate("ReadinessDialog", "Untick if walking a few steps hurts a lot"))

        form = QFormLayout()
        form.addRow(soreness_label, self.soreness)
        form.addRow(QLabel(translate("ReadinessDialog", "Pain when walking or running"), self),
                    pain_box)
        form.addRow("", self.sharp)
        form.addRow("", self.numb)
        form.addRow("", self.walk)

        self.guidance_frame = QFrame(self)
        self.guidance_frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(self.guidance_frame)
        self.level_label = QLabel(self.guidance_frame)
        self.level_label.setAccessibleName(translate("ReadinessDialog", "Guidance"))
        self.guidance_title = QLabel(self.guidance_frame)
        self.guidance_title.setWordWrap(True)
        self.guidance_text = QLabel(self.guidance_frame)
        self.guidance_text.setWordWrap(True)
        self.guidance_text.setAccessibleName(translate("ReadinessDialog", "What the guidance says"))
        head = QHBoxLayout()
        head.addWidget(self.level_label)
        head.addWidget(self.guidance_title, 1)
        frame_layout.addLayout(head)
        frame_layout.addWidget(self.guidance_text)
        disclaimer = QLabel(translate("ReadinessDialog", "This is general guidance from training "
                                      "and physiotherapy rules of thumb, not a diagnosis. If in "
                                      "doubt, ask a clinician."), self)
        self.disclaimer = disclaimer
        disclaimer.setWordWrap(True)
        disclaimer.setAccessibleName(translate("ReadinessDialog", "Not a diagnosis"))

        self.lighter = QCheckBox(translate(
            "ReadinessDialog", "Make this session &lighter (one set fewer, 20% less load)"), self)
        self.lighter.setAccessibleName(translate("ReadinessDialog", "Make this session lighter"))
        self.lighter.setToolTip(translate(
            "ReadinessDialog", "Fewer sets and less load for today, as the guidance suggests"))

        self.buttons = QDialogButtonBox(self)
        # Alt letters: S is soreness's, so Start has T; Not today has D.
        self.start_button = self.buttons.addButton(translate("ReadinessDialog", "S&tart session"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName(translate("ReadinessDialog", "Start session"))
        self.skip_button = self.buttons.addButton(translate("ReadinessDialog", "Not to&day"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName(translate("ReadinessDialog", "Not today"))
        self.skip_button.setToolTip(translate("ReadinessDialog", "Close without starting (Esc)"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.guidance_frame)
        layout.addWidget(disclaimer)
        layout.addWidget(self.lighter)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer

        self.soreness.valueChanged.connect(self._on_answer_changed)
        self.pain_group.buttonToggled.connect(self._on_answer_changed)
        for box in (self.sharp, self.numb, self.walk):
            box.toggled.connect(self._on_answer_changed)
        self.guidance: Guidance | None = None
        self._on_answer_changed()
        self.soreness.setFocus()
        self.soreness.selectAll()

    def answers(self) -> ReadinessAnswers:
        pain = next(code for code, button in self.pain_buttons.items() if button.isChecked())
        return ReadinessAnswers(soreness=self.soreness.value(), pain=pain,
                                sharp_pain=self.sharp.isChecked(), numbness=self.numb.isChecked(),
                                can_walk=self.walk.isChecked())

    def _on_answer_changed(self, *_args: Any) -> None:
        guidance = assess(self.answers())
        changed = self.guidance is None or guidance.level != self.guidance.level
        self.guidance = guidance
        tone = colour(LEVEL_COLOURS.get(guidance.level, "muted"))
        # The level is said in words and marked by colour, never by colour alone.
        words = LEVEL_WORDS.get(guidance.level)
        level = translate("ReadinessDialog", words) if words else ""
        badge = (f"<span style='color:{colour('background')}; background:{tone}; "
                 f"padding:2px 6px;'>&nbsp;{level}&nbsp;</span>")  # markup: the words are in level
        self.level_label.setText(badge)
        self.guidance_title.setText(f"<b>{guidance.title}</b>")
        self.guidance_text.setText(guidance.text)
        if changed:
            self.lighter.setChecked(guidance.level == "easy")
        if guidance.level == "stop":
            self.start_button.setText(translate("ReadinessDialog", "S&tart anyway"))
            self.start_button.setToolTip(translate(
                "ReadinessDialog", "The guidance is to stop and see a clinician; start only if "
                "you are sure"))
            self.skip_button.setDefault(True)
        else:
            self.start_button.setText(translate("ReadinessDialog", "S&tart session"))
            self.start_button.setToolTip(translate("ReadinessDialog", "Start the session (Enter)"))
            self.start_button.setDefault(True)

    def _on_buttons_accepted(self) -> None:
        answers = self.answers().to_dict()
        if self.guidance is not None:
            answers["guidance"] = self.guidance.level
        self.start_requested.emit(answers, self.lighter.isChecked())
        self.accept()

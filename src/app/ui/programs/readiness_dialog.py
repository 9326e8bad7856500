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

from app.programs.readiness import Guidance, ReadinessAnswers, assess
from app.ui.style import colour

LEVEL_COLOURS = {"go": "success", "easy": "warning", "stop": "danger"}  # theme tokens
LEVEL_WORDS = {"go": "Go ahead", "easy": "Take it easy", "stop": "Stop"}
PAIN_CHOICES = (("none", "&None"), ("mild", "&Mild: up to about 3-4 out of 10"),
                ("more", "M&ore than that"))


class ReadinessDialog(QDialog):
    # answers as stored (a dict), and whether to make the session lighter
    start_requested = Signal(object, bool)

    def __init__(self, session_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you start")
        self.setAccessibleName("Readiness check")
        self.setModal(True)
        self.setMinimumWidth(520)
        intro = QLabel(f"A quick check before <b>{session_title}</b>. Your answers are kept with "
                       "the session.", self)
        intro.setWordWrap(True)

        self.soreness = QSpinBox(self)
        self.soreness.setRange(0, 10)
        self.soreness.setAccessibleName("Hamstring soreness, 0 to 10")
        self.soreness.setToolTip("0: none at all · 10: the worst you can imagine (Up/Down to change)")
        soreness_label = QLabel("Hamstring &soreness (0-10)", self)
        soreness_label.setBuddy(self.soreness)

        pain_box = QWidget(self)
        pain_layout = QVBoxLayout(pain_box)
        pain_layout.setContentsMargins(0, 0, 0, 0)
        self.pain_group = QButtonGroup(self)
        self.pain_buttons: dict[str, QRadioButton] = {}
        for code, text in PAIN_CHOICES:
            button = QRadioButton(text, pain_box)
            button.setAccessibleName(f"Pain when walking or running: {text.replace('&', '')}")
            button.setToolTip("How much it hurts when you walk or run")
            self.pain_group.addButton(button)
            pain_layout.addWidget(button)
            self.pain_buttons[code] = button
        self.pain_buttons["none"].setChecked(True)

        self.sharp = QCheckBox("S&harp, electric or radiating pain", self)
        self.sharp.setAccessibleName("Sharp, electric or radiating pain")
        self.sharp.setToolTip("Pain that stabs, shoots or spreads down the leg")
        self.numb = QCheckBox("N&umbness or tingling", self)
        self.numb.setAccessibleName("Numbness or tingling")
        self.numb.setToolTip("Pins and needles or a dead feeling in the leg")
        self.walk = QCheckBox("I can &walk a few steps without real pain", self)
        self.walk.setChecked(True)
        self.walk.setAccessibleName("Can walk a few steps without real pain")
        self.walk.setToolTip("Untick if walking a few steps hurts a lot")

        form = QFormLayout()
        form.addRow(soreness_label, self.soreness)
        form.addRow(QLabel("Pain when walking or running", self), pain_box)
        form.addRow("", self.sharp)
        form.addRow("", self.numb)
        form.addRow("", self.walk)

        self.guidance_frame = QFrame(self)
        self.guidance_frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(self.guidance_frame)
        self.level_label = QLabel(self.guidance_frame)
        self.level_label.setAccessibleName("Guidance")
        self.guidance_title = QLabel(self.guidance_frame)
        self.guidance_title.setWordWrap(True)
        self.guidance_text = QLabel(self.guidance_frame)
        self.guidance_text.setWordWrap(True)
        self.guidance_text.setAccessibleName("What the guidance says")
        head = QHBoxLayout()
        head.addWidget(self.level_label)
        head.addWidget(self.guidance_title, 1)
        frame_layout.addLayout(head)
        frame_layout.addWidget(self.guidance_text)
        disclaimer = QLabel("This is general guidance from training and physiotherapy rules of "
                            "thumb, not a diagnosis. If in doubt, ask a clinician.", self)
        self.disclaimer = disclaimer
        disclaimer.setWordWrap(True)
        disclaimer.setAccessibleName("Not a diagnosis")

        self.lighter = QCheckBox("Make this session &lighter (one set fewer, 20% less load)", self)
        self.lighter.setAccessibleName("Make this session lighter")
        self.lighter.setToolTip("Fewer sets and less load for today, as the guidance suggests")

        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("S&tart session",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName("Start session")
        self.skip_button = self.buttons.addButton("Not &today",
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName("Not today")
        self.skip_button.setToolTip("Close without starting (Esc)")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.guidance_frame)
        layout.addWidget(disclaimer)
        layout.addWidget(self.lighter)
        layout.addWidget(self.buttons)

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
        self.level_label.setText(f"<span style='color:{colour('background')}; background:{tone}; "
                                 f"padding:2px 6px;'>&nbsp;{LEVEL_WORDS.get(guidance.level, '')}"
                                 "&nbsp;</span>")
        self.guidance_title.setText(f"<b>{guidance.title}</b>")
        self.guidance_text.setText(guidance.text)
        if changed:
            self.lighter.setChecked(guidance.level == "easy")
        if guidance.level == "stop":
            self.start_button.setText("S&tart anyway")
            self.start_button.setToolTip("The guidance is to stop and see a clinician; start only "
                                         "if you are sure")
            self.skip_button.setDefault(True)
        else:
            self.start_button.setText("S&tart session")
            self.start_button.setToolTip("Start the session (Enter)")
            self.start_button.setDefault(True)

    def _on_buttons_accepted(self) -> None:
        answers = self.answers().to_dict()
        if self.guidance is not None:
            answers["guidance"] = self.guidance.level
        self.start_requested.emit(answers, self.lighter.isChecked())
        self.accept()

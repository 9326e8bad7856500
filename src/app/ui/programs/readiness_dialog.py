"""The readiness check before a session: a few questions, and guidance that follows them.

The guidance (app.coaching.readiness) updates as the athlete answers, and so
does what starting would run (app.usecases.session_start): after a red flag or
soreness from 7, "Start anyway" runs the session without its heavy work, and
the dialog says which exercises are left out. The answers are stored with
the session. It is guidance, never a diagnosis, and the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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

from app.coaching.readiness import Guidance, GuidanceLevel, PainLevel, ReadinessAnswers, assess
from app.kernel.i18n import QT_TRANSLATE_NOOP, translate
from app.ui.look.style import colour, fit_to_screen
from app.ui.look.wheel_guard import protect

if TYPE_CHECKING:
    from app.usecases.session_start import SessionToRun

LEVEL_COLOURS = {"go": "success", "easy": "warning", "rest": "warning",
                 "stop": "danger"}  # theme tokens
LEVEL_WORDS = {"go": QT_TRANSLATE_NOOP("ReadinessDialog", "Go ahead"),
               "easy": QT_TRANSLATE_NOOP("ReadinessDialog", "Take it easy"),
               "rest": QT_TRANSLATE_NOOP("ReadinessDialog", "Rest"),
               "stop": QT_TRANSLATE_NOOP("ReadinessDialog", "Stop")}
# Pain during or after a run: the answer, the button's text and its accessible name.
RUN_PAIN_CHOICES = (
    (PainLevel.NONE, QT_TRANSLATE_NOOP("ReadinessDialog", "Non&e"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain during or after a run: None")),
    (PainLevel.MILD, QT_TRANSLATE_NOOP("ReadinessDialog", "M&ild: up to about 3-4 out of 10"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain during or after a run: Mild: up to about 3-4 "
                                          "out of 10")),
    (PainLevel.MORE, QT_TRANSLATE_NOOP("ReadinessDialog", "Mo&re than that"),
     QT_TRANSLATE_NOOP("ReadinessDialog", "Pain during or after a run: More than that")))
RUN_PAIN_KEYS = {PainLevel.NONE: "Alt+E", PainLevel.MILD: "Alt+I", PainLevel.MORE: "Alt+R"}
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
    # the answers (ReadinessAnswers), and whether the athlete chose the lighter session
    start_requested = Signal(object, bool)

    def __init__(self, session_title: str, parent: QWidget | None = None, *,
                 preview: Callable[[ReadinessAnswers, bool], SessionToRun] | None = None,
                 hard_run: str | None = None) -> None:
        """``preview`` says what starting with these answers would run
        (app.usecases.session_start.session_to_run); without it the dialog only asks.
        ``hard_run``: the tag of a hard run done today or yesterday, which the
        guidance weighs as the start will (StartCheck.hard_run)."""
        super().__init__(parent)
        self._preview = preview
        self._hard_run = hard_run
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

        run_box = QWidget(self)
        run_layout = QVBoxLayout(run_box)
        # A gap above and below: the two sets of None / Mild / More read as
        # one list of six without it (seen with snap).
        gap = self.fontMetrics().height() // 2
        run_layout.setContentsMargins(0, gap, 0, gap)
        self.run_pain_group = QButtonGroup(self)
        self.run_pain_buttons: dict[PainLevel, QRadioButton] = {}
        for level, text, name in RUN_PAIN_CHOICES:
            button = QRadioButton(translate("ReadinessDialog", text), run_box)
            button.setAccessibleName(translate("ReadinessDialog", name))
            button.setToolTip(translate("ReadinessDialog", "How much your last run hurt, during "
                                        "it or in the hours after ({key})").format(
                key=RUN_PAIN_KEYS[level]))
            self.run_pain_group.addButton(button)
            run_layout.addWidget(button)
            self.run_pain_buttons[level] = button
        self.run_pain_buttons[PainLevel.NONE].setChecked(True)

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
        # A question too long to sit beside its answers goes above them: at a
        # large text size the row was wider than the screen and scrolled sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(soreness_label, self.soreness)
        form.addRow(QLabel(translate("ReadinessDialog", "Pain when walking or running"), self),
                    pain_box)
        form.addRow(QLabel(translate("ReadinessDialog", "Pain during or after your last run"),
                           self), run_box)
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

        # What starting runs, when it is not the session as planned.
        self.consequence = QLabel(self)
        self.consequence.setWordWrap(True)
        self.consequence.setAccessibleName(translate("ReadinessDialog", "What starting runs"))
        self.consequence.hide()

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
        layout.addWidget(self.consequence)
        layout.addWidget(self.lighter)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer

        self.soreness.valueChanged.connect(self._on_answer_changed)
        self.pain_group.buttonToggled.connect(self._on_answer_changed)
        self.run_pain_group.buttonToggled.connect(self._on_answer_changed)
        self.lighter.toggled.connect(self._on_lighter_toggled)
        for box in (self.sharp, self.numb, self.walk):
            box.toggled.connect(self._on_answer_changed)
        self.guidance: Guidance | None = None
        self.to_run: SessionToRun | None = None
        self._on_answer_changed()
        self.soreness.setFocus()
        self.soreness.selectAll()

    def answers(self) -> ReadinessAnswers:
        pain = next(code for code, button in self.pain_buttons.items() if button.isChecked())
        run_pain = next(level for level, button in self.run_pain_buttons.items()
                        if button.isChecked())
        return ReadinessAnswers(soreness=self.soreness.value(), pain=PainLevel(pain),
                                sharp_pain=self.sharp.isChecked(), numbness=self.numb.isChecked(),
                                can_walk=self.walk.isChecked(), run_pain=run_pain)

    def _on_answer_changed(self, *_args: Any) -> None:
        guidance = assess(self.answers(), hard_run=self._hard_run)
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
        held_back = guidance.holds_back_heavy_work
        if changed:
            self.lighter.setChecked(guidance.level is GuidanceLevel.EASY)
        # After a red flag or high soreness the choice is not "lighter" but
        # no heavy work at all (app.usecases.session_start): the box does not apply.
        self.lighter.setEnabled(not held_back)
        if held_back:
            self.start_button.setText(translate("ReadinessDialog", "S&tart anyway"))
            self.start_button.setToolTip(translate(
                "ReadinessDialog", "Start without the heavy work, although the guidance is not to "
                "train today (Alt+T)"))
            self.skip_button.setDefault(True)
        else:
            self.start_button.setText(translate("ReadinessDialog", "S&tart session"))
            self.start_button.setToolTip(translate("ReadinessDialog", "Start the session (Enter)"))
            self.start_button.setDefault(True)
        if guidance.level is GuidanceLevel.REST:
            self.skip_button.setText(translate("ReadinessDialog", "Rest to&day"))
            self.skip_button.setToolTip(translate(
                "ReadinessDialog", "Close without starting: rest, or swim or cycle instead (Esc)"))
        else:
            self.skip_button.setText(translate("ReadinessDialog", "Not to&day"))
            self.skip_button.setToolTip(translate("ReadinessDialog",
                                                  "Close without starting (Esc)"))
        self._show_consequence()

    def _on_lighter_toggled(self, _checked: bool) -> None:
        self._show_consequence()

    def _show_consequence(self) -> None:
        """What starting with these answers would run, when it is not the
        session as planned; Start is off when nothing of it would be left."""
        self.to_run = None if self._preview is None else self._preview(
            self.answers(), self.lighter.isChecked() and self.lighter.isEnabled())
        note = "" if self.to_run is None else self.to_run.note
        self.consequence.setText(note)
        self.consequence.setVisible(bool(note))
        self.start_button.setEnabled(self.to_run is None or self.to_run.plan is not None)

    def _on_buttons_accepted(self) -> None:
        if not self.start_button.isEnabled():
            return  # nothing of the session would be left: said in the dialog
        self.start_requested.emit(self.answers(),
                                  self.lighter.isChecked() and self.lighter.isEnabled())
        self.accept()

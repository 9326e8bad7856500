"""The import dialog: what a file holds, and where its exercise names go.

Names matched to the library are shown for checking; the rest are left to
the athlete, each with a choice of a library or custom exercise, or "new
custom exercise" (the default). Nothing is written until Import is pressed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.exchange.plan import ImportPlan
from app.kernel.i18n import translate
from app.ui.look.style import fit_to_screen
from app.ui.look.wheel_guard import protect

NEW_CUSTOM = ""  # the combo's data for "make it a custom exercise"


class ImportDialog(QDialog):
    import_confirmed = Signal(object)  # dict: source name -> slug or None

    def __init__(self, plan: ImportPlan, choices: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(translate("ImportDialog", "Import {file}").format(file=plan.log.path.name))
        self.setAccessibleName(translate("ImportDialog", "Import"))
        self.setModal(True)
        self.resize(640, 520)
        names = dict(choices)
        self._names = names
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(translate("ImportDialog", "What the file holds"))
        self.summary.setText("\n".join(plan.describe(names)[:1] + self._counts()))
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)

        mapped = plan.exercise_of
        used = plan.tally.used  # the names of the sets the import adds
        if mapped and used:
            hint = QLabel(translate("ImportDialog", "Check where each exercise of the file goes. "
                                    "Names left as “New custom exercise” are added to your "
                                    "library."), self)
            hint.setWordWrap(True)
            layout.addWidget(hint)
            form_widget = QWidget(self)
            form = QFormLayout(form_widget)
            ordered = sorted((n for n in mapped if n in used),
                             key=lambda n: (mapped[n] is not None, n.casefold()))
            for name in ordered:
                combo = QComboBox(form_widget)
                combo.addItem(translate("ImportDialog", "New custom exercise"), NEW_CUSTOM)
                for slug, label in sorted(choices, key=lambda pair: pair[1].casefold()):
                    combo.addItem(label, slug)
                current = mapped[name]
                combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
                combo.setAccessibleName(
                    translate("ImportDialog", "Exercise for {name}").format(name=name))
                combo.setToolTip(
                    translate("ImportDialog", "Which exercise “{name}” in the file is").format(name=name))
                label_widget = QLabel(name, form_widget)
                label_widget.setBuddy(combo)
                form.addRow(label_widget, combo)
                self.combos[name] = combo
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(form_widget)
            scroll.setAccessibleName(translate("ImportDialog", "Exercise names"))
            layout.addWidget(scroll, 1)
        else:
            layout.addStretch(1)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(translate("ImportDialog", "Import status"))
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(translate("ImportDialog", "&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setToolTip(translate("ImportDialog", "Add these sessions to your log "
                                                "(Enter); a backup is written first"))
        self.import_button.setAccessibleName(translate("ImportDialog", "Import"))
        self.import_button.setDefault(True)
        # The running week of our own JSON is not in the plan's counts: the
        # write finds which of its runs, races and weights are new.
        empty = plan.is_empty and not plan.log.running
        self.import_button.setEnabled(not empty)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(translate("ImportDialog", "Close without importing anything (Esc)"))
        cancel.setAccessibleName(translate("ImportDialog", "Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self)  # scrolls rather than squeezes on a small screen
        protect(self)  # the wheel scrolls, not the field under the pointer
        if empty:
            self.status.setText(translate("ImportDialog", "Nothing to add: every session in this "
                                          "file is already in your log."))

    def _counts(self) -> list[str]:
        plan = self.plan
        lines = []
        if plan.new_session_count:
            # One count per message: the sets are a counted phrase of their own.
            sets = translate("ImportDialog", "%n set(s)", n=plan.tally.new_sets)
            lines.append(translate("ImportDialog", "%n new session(s) with {sets}.",
                                   n=plan.new_session_count).format(sets=sets))
        # A workout that gained sets since the last import: its new sets, one by one.
        lines.extend(plan.tally.grown_lines(lambda name: self._names.get(name, name), would=True))
        if plan.skipped_sessions:
            lines.append(translate("ImportDialog", "%n session(s) are already in your log and "
                                   "will be skipped.", n=plan.skipped_sessions))
        lines.extend(plan.log.notes)
        return lines

    def mapping(self) -> dict[str, str | None]:
        chosen: dict[str, str | None] = dict(self.plan.exercise_of)
        for name, combo in self.combos.items():
            chosen[name] = combo.currentData() or None
        return chosen

    def show_failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(
            translate("ImportDialog", "Nothing was imported: {error}").format(error=message))

    def _on_buttons_accepted(self) -> None:
        self.buttons.setEnabled(False)
        self.status.setText(translate("ImportDialog", "Importing…"))
        self.import_confirmed.emit(self.mapping())


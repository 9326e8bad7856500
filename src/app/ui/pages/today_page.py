"""Today: the session due, with its content and a start button, this week at a
glance, and how the program is going. Until a program is followed, it says
how to get one.

This page is on the first screen, so it is built from plain widgets and
fills itself only when the log is open (TodayController.show_log).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.pages.page import EmptyState, Page
from app.ui.style import colour, heading_font

if TYPE_CHECKING:
    from app.programs.schedule import StripDay
    from app.storage.queries import LogReader
    from app.today import TodayView

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Each state is said in words; the colour only repeats it.
STRIP_STYLE = {"done": ("✓ done", "success"), "missed": ("missed", "warning"),
               "planned": ("planned", "accent_text"), "rest": ("rest", "muted")}  # theme tokens


class TodayPage(Page):
    start_requested = Signal()
    programs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Today", parent)
        self.empty_state = EmptyState(
            "Nothing planned for today",
            "When you follow a training program, the session due today appears here with "
            "its exercises and a button to start it. Programs are on the Programs page "
            "(Ctrl+3).",
            self,
        )
        self.choose_button = self.empty_state.add_button(
            "&Choose a program", "Open the Programs page to pick a training plan (Ctrl+3)")
        self.choose_button.clicked.connect(self.programs_requested)
        self.last_session = QLabel(self)
        self.last_session.setAccessibleName("Last logged session")
        self.last_session.setWordWrap(True)
        self.last_session.hide()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.due_panel: QWidget | None = None  # built the first time a program is followed
        self.body.addWidget(self.last_session)
        self.body.addWidget(self.stack, 1)

    def show_log(self, reader: LogReader) -> None:
        from app.formatting import session_heading

        latest = reader.list_sessions(limit=1)
        if latest:
            self.last_session.setText(f"Last session: {session_heading(latest[0])}")
            self.last_session.show()
        else:
            self.last_session.hide()

    def focus_target(self) -> QWidget | None:
        if self.due_panel is not None and self.stack.currentWidget() is self.due_panel \
                and self.start_button.isEnabled():
            return self.start_button
        return self.choose_button

    # -- the program's session -------------------------------------------------------

    def _build_due_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.program_label = QLabel(panel)
        self.program_label.setAccessibleName("Program and session due")
        self.program_label.setWordWrap(True)
        self.program_label.setFont(heading_font(self.program_label.font(), 1.35))
        self.due_label = QLabel(panel)
        self.due_label.setAccessibleName("When it is due")
        self.notices_box = QVBoxLayout()
        self.lines_box = QGridLayout()
        self.lines_box.setHorizontalSpacing(24)
        self.start_button = QPushButton("&Start session", panel)
        self.start_button.setObjectName("primaryButton")
        self.start_button.setAccessibleName("Start session")
        self.start_button.setToolTip("A short readiness check, then the session (Ctrl+Enter)")
        self.start_button.clicked.connect(self.start_requested)
        start_action = QAction(self)
        start_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        start_action.triggered.connect(self._on_start_action_triggered)
        self.addAction(start_action)
        self.strip_box = QHBoxLayout()
        self.strip_labels: list[QLabel] = []
        for name in WEEKDAYS:
            label = QLabel(panel)
            label.setObjectName("stripDay")
            label.setAccessibleName(name)
            label.setMinimumWidth(96)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            self.strip_box.addWidget(label)
            self.strip_labels.append(label)
        self.strip_box.addStretch(1)
        self.adherence_label = QLabel(panel)
        self.adherence_label.setAccessibleName("Adherence")
        self.adherence_label.setWordWrap(True)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        layout.addWidget(self.program_label)
        layout.addWidget(self.due_label)
        layout.addLayout(self.notices_box)
        layout.addSpacing(8)
        layout.addLayout(self.lines_box)
        layout.addSpacing(8)
        layout.addLayout(start_row)
        layout.addStretch(1)
        week = QLabel("<b>This week</b>", panel)
        layout.addWidget(week)
        layout.addLayout(self.strip_box)
        layout.addWidget(self.adherence_label)
        self.stack.addWidget(panel)
        return panel

    def show_nothing_followed(self) -> None:
        self.stack.setCurrentWidget(self.empty_state)

    def show_today(self, view: TodayView, when: str) -> None:
        if self.due_panel is None:
            self.due_panel = self._build_due_panel()
        self.stack.setCurrentWidget(self.due_panel)
        self.program_label.setText(f"{view.program.name} · {view.label}")
        self.due_label.setText(when)
        self._clear(self.notices_box)
        for notice in ((view.too_soon,) if view.too_soon else ()) + view.notices:
            label = QLabel(f"<b>{notice.title}</b><br>{notice.text}"
                           + ("<br>" + " · ".join(notice.numbers) if notice.numbers else ""))
            label.setObjectName("notice")
            label.setWordWrap(True)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setAccessibleName(notice.title)
            self.notices_box.addWidget(label)
        self._clear(self.lines_box)
        for row, line in enumerate(view.lines):
            name = QLabel(f"<b>{line.name}</b>")
            dose = QLabel(line.dose)
            advice = QLabel(line.advice)
            advice.setWordWrap(True)
            advice.setObjectName("advice")
            for column, label in enumerate((name, dose, advice)):
                label.setAccessibleName(f"{line.name}: {label.text()}" if column else line.name)
                self.lines_box.addWidget(label, row, column)
        self.lines_box.setColumnStretch(2, 1)
        self.start_button.setEnabled(view.due is not None)
        self._show_strip(view.strip)
        a = view.adherence
        share = f" ({a.ratio:.0%})" if a.ratio is not None else ""
        self.adherence_label.setText(
            f"Done {a.done} of {a.planned_so_far} planned sessions so far{share} · "
            f"longest gap {a.longest_gap_days} day{'s' if a.longest_gap_days != 1 else ''}")

    def _show_strip(self, strip: tuple[StripDay, ...]) -> None:
        for label, day in zip(self.strip_labels, strip, strict=False):
            words, token = STRIP_STYLE.get(day.status, (day.status, "muted"))
            if day.status == "done" and not day.done:
                words = "✓ done another day"  # the session planned here was done early or late
            numbers = day.done or day.planned
            sessions = "".join(f" · day {n}" for n in numbers)
            today = " (today)" if day.today else ""
            label.setText(f"<b>{WEEKDAYS[day.date.weekday()]} {day.date.day}{today}</b><br>"
                          f"<span style='color:{colour(token)}'>{words}</span>{sessions}")
            label.setAccessibleName(f"{day.date:%A %d %B}{today}: {words}{sessions}")
            # Today's box stands out by its frame as well as by the word.
            label.setLineWidth(2 if day.today else 1)

    @staticmethod
    def _clear(layout: QVBoxLayout | QGridLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _on_start_action_triggered(self) -> None:
        if self.due_panel is not None and self.start_button.isEnabled() \
                and self.stack.currentWidget() is self.due_panel:
            self.start_requested.emit()

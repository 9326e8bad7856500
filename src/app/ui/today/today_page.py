"""Today: the session due, with its content and a start button, this week at a
glance, and how the program is going. Until a program is followed, it says
how to get one.

This page is on the first screen, so it is built from plain widgets and
fills itself only when the log is open (TodayController.show_log).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.kernel.i18n import QT_TRANSLATE_NOOP, format_date, format_integer, translate
from app.ui.look.page import EmptyState, Page
from app.ui.look.style import colour, heading_font

if TYPE_CHECKING:

    from PySide6.QtCore import QObject
    from PySide6.QtGui import QResizeEvent  # an annotation only: the class costs 4 ms to load

    from app.coaching.running_week import WeekPlan
    from app.coaching.schedule import StripDay
    from app.storage.queries import LogReader
    from app.usecases.today import TodayView

WEEKDAYS = (QT_TRANSLATE_NOOP("today_page", "Mon"), QT_TRANSLATE_NOOP("today_page", "Tue"),
            QT_TRANSLATE_NOOP("today_page", "Wed"), QT_TRANSLATE_NOOP("today_page", "Thu"),
            QT_TRANSLATE_NOOP("today_page", "Fri"), QT_TRANSLATE_NOOP("today_page", "Sat"),
            QT_TRANSLATE_NOOP("today_page", "Sun"))
# Each state is said in words (status_words); the colour only repeats it.
STRIP_COLOURS = {"done": "success", "missed": "warning", "planned": "accent_text",
                 "rest": "muted"}  # theme tokens
# Air around a day's text in its box, in the font's average character widths.
STRIP_PADDING = 2
def _holder(layout: QLayout | None, widget: QWidget) -> tuple[QBoxLayout, int] | None:
    """The box layout (at any depth) holding ``widget``, and its place in it."""
    if layout is None:
        return None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget and isinstance(layout, QBoxLayout):
            return layout, index
        found = _holder(item.layout(), widget)
        if found is not None:
            return found
    return None


def short_weekday_name(number: int) -> str:
    """"Mon" for 0, in the athlete's language."""
    return translate("today_page", WEEKDAYS[number])


def status_words(day: StripDay) -> str:
    if day.status == "done":
        if not day.done:  # the session planned here was done early or late
            return translate("today_page", "✓ done another day")
        return translate("today_page", "✓ done")
    if day.status == "missed":
        return translate("today_page", "missed", "a planned session that was not done")
    if day.status == "planned":
        return translate("today_page", "planned", "a session planned for that day")
    if day.status == "rest":
        return translate("today_page", "rest", "a rest day: no session planned")
    return day.status


class TodayPage(Page):
    start_requested = Signal()
    programs_requested = Signal()
    free_requested = Signal()  # the free session builder
    note_requested = Signal()  # the quick note on how the body feels
    keep_place_requested = Signal()  # decline the restart after a layoff

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("TodayPage", "Today"), parent)
        self.empty_state = EmptyState(
            translate("TodayPage", "Nothing planned for today"),
            translate("TodayPage", "When you follow a training program, the session due today "
                      "appears here with its exercises and a button to start it. Programs are on "
                      "the Programs page (Ctrl+3)."),
            self,
        )
        self.choose_button = self.empty_state.add_button(
            translate("TodayPage", "&Choose a program"),
            translate("TodayPage", "Open the Programs page to pick a training plan (Ctrl+3)"))
        self.choose_button.clicked.connect(self.programs_requested)
        # One button, beside whatever the page offers: "Choose a program" until
        # one is followed, then the session due (see _place_free_button).
        self.free_button = self.empty_state.add_button(
            translate("TodayPage", "F&ree session"),
            translate("TodayPage", "Pick any exercises from the Library and start them, "
                      "with or without a program (Ctrl+Shift+N)"))
        self.free_button.setObjectName("")
        self.free_button.clicked.connect(self.free_requested)
        self._free_home = _holder(self.empty_state.layout(), self.free_button)
        self.last_session = QLabel(self)
        self.last_session.setAccessibleName(translate("TodayPage", "Last logged session"))
        self.last_session.setWordWrap(True)
        self.last_session.hide()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.due_panel: QWidget | None = None  # built the first time a program is followed
        # The quick note is there on any day, with or without a program.
        self.note_button = QPushButton(translate("TodayPage", "Quick &note"), self)
        self.note_button.setAccessibleName(translate("TodayPage", "Quick note on how you feel"))
        self.note_button.setToolTip(translate(
            "TodayPage", "Note your hamstring soreness and any pain during or after a run, on any "
                         "day; Today watches them for signs to ease off (Ctrl+N)"))
        self.note_button.clicked.connect(self.note_requested)
        note_action = QAction(self)
        # setShortcuts([...]): setShortcut(...) makes PySide build the whole Qt
        # namespace (~50 ms and ~1 MB of this first screen, see MainWindow._action).
        note_action.setShortcuts([QKeySequence("Ctrl+N")])
        note_action.triggered.connect(self.note_requested)
        self.addAction(note_action)
        top = QHBoxLayout()
        top.addWidget(self.last_session, 1000)
        # A spacer takes the room when the last-session line is hidden (the
        # button stretched across the page on a first day); beside the line
        # it gets almost none. Not an alignment flag: the first Qt enum used
        # loads Qt's whole namespace (~20 ms of the start-up, issue 16).
        top.addStretch(1)
        top.addWidget(self.note_button)
        self.body.addLayout(top)
        self.body.addWidget(self.stack, 1)

    def show_log(self, reader: LogReader) -> None:
        from app.logbook.formatting import session_heading

        latest = reader.list_sessions(limit=1)
        if latest:
            self.last_session.setText(translate("TodayPage", "Last session: {session}").format(
                session=session_heading(latest[0])))
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
        self.program_label.setAccessibleName(translate("TodayPage", "Program and session due"))
        self.program_label.setWordWrap(True)
        self.program_label.setFont(heading_font(self.program_label.font(), 1.35))
        self.due_label = QLabel(panel)
        self.due_label.setWordWrap(True)
        self.due_label.setAccessibleName(translate("TodayPage", "When it is due"))
        self.notices_box = QVBoxLayout()
        # Shown with the restart after a layoff: the athlete may keep their place.
        self.keep_place_button = QPushButton(translate("TodayPage", "&Keep my place"), panel)
        self.keep_place_button.setAccessibleName(translate("TodayPage", "Keep my place"))
        self.keep_place_button.setToolTip(translate(
            "TodayPage", "Carry on where you were instead of going back; Today will not ask "
                         "again about this break (Alt+K)"))
        self.keep_place_button.clicked.connect(self.keep_place_requested)
        self.keep_place_button.hide()
        self.lines_box = QGridLayout()
        self.lines_box.setHorizontalSpacing(24)
        self.start_button = QPushButton(translate("TodayPage", "&Start session"), panel)
        self.start_button.setObjectName("primaryButton")
        self.start_button.setAccessibleName(translate("TodayPage", "Start session"))
        self.start_button.setToolTip(
            translate("TodayPage", "A short readiness check, then the session (Ctrl+Enter)"))
        self.start_button.clicked.connect(self.start_requested)
        start_action = QAction(self)
        start_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        start_action.triggered.connect(self._on_start_action_triggered)
        self.addAction(start_action)
        # A grid, not a row: when seven days do not fit side by side (a big
        # text size on a small screen) they go on as many rows as they need.
        self.strip_box = QGridLayout()
        self._strip_columns = 0
        self.strip_labels: list[QLabel] = []
        for number in range(len(WEEKDAYS)):
            label = QLabel(panel)
            label.setObjectName("stripDay")
            label.setAccessibleName(short_weekday_name(number))
            label.setFrameShape(QFrame.Shape.StyledPanel)
            # The seven days share the width and wrap their words: at a large
            # text size the week still fits a laptop screen without scrolling.
            label.setWordWrap(True)
            self.strip_labels.append(label)
        self.adherence_label = QLabel(panel)
        self.adherence_label.setAccessibleName(translate("TodayPage", "Adherence"))
        self.adherence_label.setWordWrap(True)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        self.start_row = start_row  # the free session's button goes beside Start
        layout.addWidget(self.program_label)
        layout.addWidget(self.due_label)
        layout.addLayout(self.notices_box)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_place_button)
        keep_row.addStretch(1)
        layout.addLayout(keep_row)
        layout.addSpacing(8)
        layout.addLayout(self.lines_box)
        layout.addSpacing(8)
        layout.addLayout(start_row)
        layout.addStretch(1)
        week = QLabel(translate("TodayPage", "<b>This week</b>"), panel)
        layout.addWidget(week)
        layout.addLayout(self.strip_box)
        layout.addWidget(self.adherence_label)
        self.stack.addWidget(panel)
        return panel

    def show_nothing_followed(self) -> None:
        self.stack.setCurrentWidget(self.empty_state)
        if self.free_button.parentWidget() is not self.empty_state and self._free_home is not None:
            self._place_free_button(*self._free_home)

    def _place_free_button(self, row: QBoxLayout, index: int) -> None:
        """Move the one Free session button into ``row`` (one button: one Alt letter)."""
        # Taken out of its parent first: its old layout forgets it (ChildRemoved).
        self.free_button.setParent(None)
        row.insertWidget(index, self.free_button)
        self.free_button.show()

    def show_today(self, view: TodayView, when: str,
                   citations: Mapping[str, str] | None = None) -> None:
        """``citations``: source id -> citation (resources/sources.toml), so each
        notice names where its facts come from."""
        if self.due_panel is None:
            self.due_panel = self._build_due_panel()
        self.stack.setCurrentWidget(self.due_panel)
        if self.free_button.parentWidget() is not self.due_panel:
            self._place_free_button(self.start_row, 1)
        self.program_label.setText(f"{view.program.name} · {view.label}")
        self.due_label.setText(when)
        self._clear(self.notices_box)
        for notice in ((view.too_soon,) if view.too_soon else ()) + view.notices:
            # Markup around words translated where the notice is made (app.coaching.watch).
            markup = f"<b>{notice.title}</b><br>{notice.text}" + (
                "<br>" + " · ".join(notice.numbers) if notice.numbers else "")
            cited = [citations[s] for s in notice.sources if citations and s in citations]
            if cited:
                markup += "<br><i>" + translate("TodayPage", "Source: {sources}").format(
                    sources="; ".join(cited)) + "</i>"
            label = QLabel(markup)
            label.setObjectName("notice")
            label.setWordWrap(True)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setAccessibleName(notice.title)
            self.notices_box.addWidget(label)
        self.keep_place_button.setVisible(view.restart is not None)
        self._clear(self.lines_box)
        for row, line in enumerate(view.lines):
            name = QLabel(f"<b>{line.name}</b>")
            dose = QLabel(line.dose)
            advice = QLabel(line.advice)
            advice.setWordWrap(True)
            advice.setObjectName("advice")
            # The dose is short ("3 × 12-15 (rest 1 min)"): unwrapped it keeps
            # its width; wrapped, the grid squeezed it onto two lines beside an
            # empty advice column.
            name.setWordWrap(True)
            for column, label in enumerate((name, dose, advice)):
                label.setAccessibleName(f"{line.name}: {label.text()}" if column else line.name)
            # The advice goes under the dose, the whole width beside the name:
            # in a third column it was squeezed to a few words a line at 200 %
            # (seen with snap at 1280x720: ten lines for the first Nordics).
            self.lines_box.addWidget(name, 2 * row, 0)
            self.lines_box.addWidget(dose, 2 * row, 1)
            if line.advice:
                self.lines_box.addWidget(advice, 2 * row + 1, 1)
            else:
                advice.deleteLater()
        self.lines_box.setColumnStretch(1, 1)
        self.start_button.setEnabled(view.due is not None)
        if view.week is not None and self.scroll_area is None:
            # The running week makes the strip taller (and a hard run brings
            # its notice): the page then scrolls rather than squeezes, at the
            # standard text size too. Only then: the first screen of an
            # athlete without runs stays without a scroll area.
            self._scrolls = True
            self.fit_text_size()
        self._show_strip(view.strip, view.week)
        self.adherence_label.setText(self._adherence_words(view))

    @staticmethod
    def _adherence_words(view: TodayView) -> str:
        a = view.adherence
        if not a.planned_so_far and not a.done:
            # A first day: "done 0 of 0" says nothing; today's session is not missed yet.
            return translate("TodayPage", "Nothing was planned before today yet.")
        if a.ratio is not None:
            done = translate("TodayPage", "Done {done} of %n planned session(s) so far ({percent}%)",
                             n=a.planned_so_far).format(done=format_integer(a.done),
                                                        percent=format_integer(round(a.ratio * 100)))
        else:
            done = translate("TodayPage", "Done {done} of %n planned session(s) so far",
                             n=a.planned_so_far).format(done=format_integer(a.done))
        gap = translate("TodayPage", "longest gap %n day(s)", n=a.longest_gap_days)
        return f"{done} · {gap}"

    def _show_strip(self, strip: tuple[StripDay, ...], week: WeekPlan | None = None) -> None:
        """``week``: the running week (None until the athlete runs or plans
        runs): each day then also says its runs, the strength placed around
        them and the 48-hour window before a hard run (the Week page, Ctrl+6,
        says why)."""
        running = {d.day: d for d in week.days} if week is not None else {}
        if running:
            # Imported only with a running week: the first screen does without it.
            from app.ui.today.running_strip import markup_lines, placed_strip, running_words

            strip = placed_strip(strip, running)
        for label, day in zip(self.strip_labels, strip, strict=False):
            words = status_words(day)
            token = STRIP_COLOURS.get(day.status, "muted")
            sessions = "".join(
                " · " + translate("TodayPage", "day {number}", "a session's day in the program")
                .format(number=format_integer(n)) for n in day.done or day.planned)
            week_day = running.get(day.date)
            runs = running_words(week_day, short_weekday_name) if week_day is not None else []
            weekday, number = short_weekday_name(day.date.weekday()), format_integer(day.date.day)
            if day.today:
                heading = translate("TodayPage", "{weekday} {day} (today)").format(
                    weekday=weekday, day=number)
                name = translate("TodayPage", "{date} (today): {status}{sessions}")
            else:
                heading = translate("TodayPage", "{weekday} {day}").format(weekday=weekday, day=number)
                name = translate("TodayPage", "{date}: {status}{sessions}")
            markup = (f"<b>{heading}</b><br>"
                      f"<span style='color:{colour(token)}'>{words}</span>{sessions}"
                      + (markup_lines(runs) if runs else ""))
            label.setText(markup)
            label.setAccessibleName(name.format(date=format_date(day.date), status=words,
                                                sessions=sessions) + "".join(
                                                    f"; {line}" for line in runs))
            # Today's box stands out by its frame as well as by the word.
            label.setLineWidth(2 if day.today else 1)
        self._fit_strip()

    def _fit_strip(self) -> None:
        """Every day's box at least as wide as the longest word in it (in the
        labels' own font, bold for the heading), plus padding: words wrap,
        but no word is ever cut."""
        label = self.strip_labels[0]
        bold = QFont(label.font())
        bold.setBold(True)
        metrics = (QFontMetrics(bold), label.fontMetrics())
        widest = max(metric.horizontalAdvance(word)
                     for strip_label in self.strip_labels
                     for metric in metrics
                     for word in QTextDocumentFragment.fromHtml(strip_label.text())
                     .toPlainText().split())
        padding = label.fontMetrics().averageCharWidth() * STRIP_PADDING + 2 * label.frameWidth()
        for strip_label in self.strip_labels:
            strip_label.setMinimumWidth(widest + padding)
        self._arrange_strip()

    def _arrange_strip(self) -> None:
        """As many days on a row as the visible width holds (seven when it can)."""
        if self.due_panel is None:
            return
        # The width on screen: the scroll area's (a large text size), or the
        # page's own; the week gets all of it but the page's margins. (Without
        # a scroll area the days were never placed, and all seven sat on top
        # of each other over the program's name.)
        visible = self.scroll_area.viewport().width() if self.scroll_area is not None \
            else self.width()
        margins = self.body.contentsMargins()
        available = visible - margins.left() - margins.right()
        cell = self.strip_labels[0].minimumWidth() + max(0, self.strip_box.horizontalSpacing())
        days = len(self.strip_labels)
        fit = max(1, min(days, available // max(1, cell)))
        rows = -(-days // fit)
        columns = -(-days // rows)  # balanced rows: 4 and 3, not 6 and 1
        if columns == self._strip_columns:
            return
        self._strip_columns = columns
        for label in self.strip_labels:
            self.strip_box.removeWidget(label)
        for index, label in enumerate(self.strip_labels):
            self.strip_box.addWidget(label, index // columns, index % columns)
        for column in range(len(self.strip_labels)):
            self.strip_box.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_strip()

    def fit_text_size(self) -> None:
        super().fit_text_size()
        # The week follows its scroll area's width too: a page resized while
        # hidden gets its own resize before its scroll area's on being shown,
        # and then measured the old, wider viewport (seven days in a row at
        # 200 % on a 1280 screen, the page scrolling sideways).
        if self.scroll_area is not None:
            self.scroll_area.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.scroll_area is not None \
                and watched is self.scroll_area.viewport() \
                and getattr(self, "due_panel", None) is not None:
            # Once the scroll area has placed its viewport and content: moving
            # the days now, in the middle of that, left a stale content width.
            # Imported here: the page is on the first screen, and the name
            # Qt at module level cost ~14 ms of every start (shiboken loads it).
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self._arrange_strip)
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The text size setting changes the font while the page is shown.
        if event.type() == QEvent.Type.FontChange and self.due_panel is not None:
            self._fit_strip()

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

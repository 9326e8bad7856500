"""The Week page: the seven days of a week with the runs done and planned,
the strength sessions done and placed around them, the 48-hour windows
before hard runs, and a calm line for each rule the placement had to bend.

The page shows a WeekPlan (app.coaching.running_week) that its controller
builds; it computes nothing itself. Every state is said in words: a day in
a 48-hour window is shaded and says so, so the shading only repeats it.

The days sit side by side when seven columns fit the page's width, each at
least as wide as its longest word; otherwise one under the other (a large
text size on a small screen). The page scrolls up and down, never sideways.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QTextDocument, QTextOption
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

from app.kernel.clock import monday_of
from app.kernel.i18n import format_date, format_time, translate
from app.logbook.runs import PlannedDay, RunTag
from app.ui.look.page import EmptyState, Page
from app.ui.look.style import colour
from app.ui.week.words import (
    day_heading,
    distance_words,
    kind_words,
    run_duration_words,
    week_range_words,
    weekday_name,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from app.coaching.running_week import BentRule, RunOnDay, StrengthOnDay, WeekDay, WeekPlan
    from app.logbook.runs import RaceRecord

DAYS = 7
# Air around a day's text in its box, in the font's average character widths.
DAY_PADDING_CHARS = 2
DAY_PADDING_PX = 6  # the style sheet's padding inside a day's frame
ENTRY_GAP_PX = 4  # between a day's runs, its strength and its window


def _words_width(label: QLabel) -> int:
    """The width of the widest word of ``label``'s text, as a wrapping label
    lays it out: the narrowest the label can be without cutting a word."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    document.setHtml(label.text())
    document.setTextWidth(1)
    return round(document.idealWidth())


def run_line(run: RunOnDay, day: date, today: date, race_names: Sequence[str],
             units: str) -> str:
    """One run of a day, in words: "✓ Long run · 18.2 km · 1 h 45 min", or
    "Quality run: planned"; a race by its name."""
    names = [run.race.name] if run.race is not None else list(race_names)
    is_race = run.kind in (PlannedDay.RACE, RunTag.RACE)
    kind = kind_words(run.kind)
    if is_race and names:
        kind = translate("WeekPage", "Race: {name}").format(name=", ".join(names))
    if run.done is not None:
        entry = run.done.entry
        parts = [kind]
        if entry.distance_m is not None:
            parts.append(distance_words(entry.distance_m, units))
        parts.append(run_duration_words(entry.duration_s))
        return translate("WeekPage", "✓ {run}", "a run done").format(run=" · ".join(parts))
    if day < today:
        return translate("WeekPage", "{run}: planned, not logged").format(run=kind)
    return translate("WeekPage", "{run}: planned").format(run=kind)


def strength_line(strength: StrengthOnDay) -> str:
    """The day's strength session in words, with how it is placed."""
    label = strength.label or translate("WeekPage", "session")
    if strength.done:
        return translate("WeekPage", "✓ Strength: {session}").format(session=label)
    parts = [translate("WeekPage", "Strength: {session}").format(session=label)]
    if not strength.heavy:
        parts.append(translate("WeekPage", "light", "a strength session without Nordics or "
                                                    "heavy hinges"))
    if strength.after_run:
        if strength.not_before is not None:
            parts.append(translate("WeekPage", "after the run, from {time}").format(
                time=format_time(strength.not_before)))
        else:
            parts.append(translate("WeekPage", "after the run"))
    if strength.half_volume:
        parts.append(translate("WeekPage", "half volume"))
    if strength.moved_from is not None:
        parts.append(translate("WeekPage", "moved from {weekday}").format(
            weekday=weekday_name(strength.moved_from.weekday())))
    return " · ".join(parts)


# A number and the word after it ("7 km", "40 min", "Week 2"): a narrow day
# wrapped between them ("7" at a line's end, "km" on the next), seen with snap.
_NUMBER_AND_WORD = re.compile(r"(\d) (?=[^\W\d])")


def with_units_kept(words: str) -> str:
    """``words`` with a no-break space between each number and the word after it."""
    return _NUMBER_AND_WORD.sub("\\1\u00a0", words)


def reason_words(day: WeekDay, today: date) -> str:
    """Why a day holds (or does not hold) strength: "Thu 10: After the quality run, ..."."""
    return translate("WeekPage", "{day}: {reason}").format(
        day=day_heading(day.day, today), reason=day.reason)


def window_words() -> str:
    return translate("WeekPage", "48 h before a hard run: no heavy work")


def bent_words(bent: BentRule) -> str:
    """A rule the week could not keep: which day, why, and the next best day."""
    if bent.next_best is not None:
        return translate("WeekPage", "Rule bent on {day}: {why}. Next best day: {next}.").format(
            day=format_date(bent.day), why=bent.why.rstrip("."), next=format_date(bent.next_best))
    return translate("WeekPage", "Rule bent on {day}: {why}. No day in the next two weeks "
                                 "keeps it.").format(day=format_date(bent.day),
                                                     why=bent.why.rstrip("."))


class DayBox(QLabel):
    """One day: its date, runs and strength, and the 48-hour window it is in."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("weekDay")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.in_window = False
        self.is_today = False
        self.lines: list[str] = []  # the day's lines as plain words (tests read them)

    def show_day(self, day: WeekDay, today: date, races: Sequence[RaceRecord],
                 units: str) -> None:
        names = [race.name for race in races]
        lines: list[tuple[str, str | None]] = []  # (words, colour token or None)
        for run in day.runs:
            lines.append((run_line(run, day.day, today, names, units),
                          "success" if run.done is not None else None))
        if not day.runs and names:
            lines.append((translate("WeekPage", "Race: {name}").format(name=", ".join(names)), None))
        if day.strength is not None and (day.strength.done or day.strength.placed):
            lines.append((strength_line(day.strength),
                          "success" if day.strength.done else "accent_text"))
        if day.in_window:
            lines.append((window_words(), "warning"))
        if not lines:
            lines.append((translate("WeekPage", "Rest"), "muted"))
        heading = day_heading(day.day, today)
        self.lines = [words for words, _token in lines]
        # A little air between a day's entries: wrapped, they would run together.
        body = "".join(
            f"<div style='margin-top:{ENTRY_GAP_PX}px; color:{colour(token)}'>"
            f"{html.escape(with_units_kept(words))}</div>" if token
            else f"<div style='margin-top:{ENTRY_GAP_PX}px'>"
                 f"{html.escape(with_units_kept(words))}</div>"
            for words, token in lines)
        markup = f"<b>{html.escape(heading)}</b>{body}"  # words translated above
        self.setText(markup)
        name = translate("WeekPage", "{date}: {lines}").format(
            date=format_date(day.day), lines="; ".join(self.lines))
        self.setAccessibleName(name)
        self.setToolTip(day.reason)
        self.setAccessibleDescription(day.reason)  # why, for a screen reader too
        self.in_window = day.in_window
        self.is_today = day.day == today
        self.dress()

    def dress(self) -> None:
        """The frame in the theme's colours: today's thicker, a 48-hour
        window's shaded and dashed (its word says it too)."""
        width = 2 if self.is_today else 1
        edge = colour("accent") if self.is_today else colour("border")
        if self.in_window:
            sheet = (f"QLabel#weekDay {{ background-color: {colour('surface_alt')}; "
                     f"border: {width}px dashed {edge}; padding: {DAY_PADDING_PX}px; }}")
        else:
            sheet = (f"QLabel#weekDay {{ border: {width}px solid {edge}; "
                     f"padding: {DAY_PADDING_PX}px; }}")
        self.setStyleSheet(sheet)


class WeekPage(Page):
    previous_requested = Signal()
    next_requested = Signal()
    this_week_requested = Signal()
    plan_requested = Signal()
    races_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        # Scrolls at every text size: seven days one under the other are tall.
        super().__init__(translate("WeekPage", "Week"), parent, scrolls=True)
        self.previous_button = self._button(
            translate("WeekPage", "‹ Previous week"), translate("WeekPage", "Previous week"),
            translate("WeekPage", "The week before (Alt+Left or Page Up)"), self.previous_requested)
        self.this_week_button = self._button(
            translate("WeekPage", "&This week"), translate("WeekPage", "This week"),
            translate("WeekPage", "Back to the week of today (Alt+T or Home)"),
            self.this_week_requested)
        self.next_button = self._button(
            translate("WeekPage", "Next week ›"), translate("WeekPage", "Next week"),
            translate("WeekPage", "The week after (Alt+Right or Page Down)"), self.next_requested)
        self.range_label = QLabel(self)
        self.range_label.setWordWrap(True)
        self.range_label.setAccessibleName(translate("WeekPage", "The week shown"))
        self.plan_button = self._button(
            translate("WeekPage", "&Plan my running week…"),
            translate("WeekPage", "Plan my running week"),
            translate("WeekPage", "Choose what you run on each weekday; strength is placed "
                                  "around it (Alt+P)"), self.plan_requested)
        self.plan_button.setObjectName("primaryButton")
        self.races_button = self._button(
            translate("WeekPage", "&Races…"), translate("WeekPage", "Races"),
            translate("WeekPage", "Add or remove the races the weeks are planned around "
                                  "(Alt+R)"), self.races_requested)
        self.export_button = self._button(
            translate("WeekPage", "E&xport calendar…"), translate("WeekPage", "Export calendar"),
            translate("WeekPage", "Save the planned strength days and runs as an iCalendar "
                                  "file for your own calendar (Alt+X)"), self.export_requested)
        self._keys(("Alt+Left", "PgUp"), self.previous_requested,
                   Qt.ShortcutContext.WindowShortcut)
        self._keys(("Alt+Right", "PgDown"), self.next_requested, Qt.ShortcutContext.WindowShortcut)
        self._keys(("Home",), self.this_week_requested,
                   Qt.ShortcutContext.WidgetWithChildrenShortcut)

        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.this_week_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.range_label, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.plan_button)
        actions.addWidget(self.races_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        self.body.addLayout(navigation)
        self.body.addLayout(actions)

        self.empty_state = EmptyState(
            translate("WeekPage", "No running week yet"),
            translate("WeekPage", "Plan your running week (Plan my running week, Alt+P) or "
                                  "import your runs (History → Runs). Strength is then placed "
                                  "around your runs: never heavy in the 48 hours before a "
                                  "quality run, a long run or a race."), self)
        self.week_panel = QWidget(self)
        panel = QVBoxLayout(self.week_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        self.days_grid = QGridLayout()
        self.day_boxes = [DayBox(self.week_panel) for _ in range(DAYS)]
        self._columns = 0
        panel.addLayout(self.days_grid)
        self.lines_box = QVBoxLayout()  # the race week, the calm note, each rule bent
        panel.addLayout(self.lines_box)
        panel.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.week_panel)
        self.body.addWidget(self.stack, 1)
        self.plan: WeekPlan | None = None
        self.notes: list[str] = []  # the calm lines under the days, as plain words
        self.reasons: list[str] = []  # then why each day holds what it holds, and the sources
        self._arrange()
        if self.scroll_area is not None:
            # The days follow the scroll area's width (see TodayPage.fit_text_size).
            self.scroll_area.viewport().installEventFilter(self)

    # -- building ---------------------------------------------------------------------

    def _button(self, text: str, name: str, tip: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.clicked.connect(signal)
        return button

    def _keys(self, keys: tuple[str, ...], signal: SignalInstance,
              context: Qt.ShortcutContext) -> None:
        action = QAction(self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(context)
        action.triggered.connect(signal)
        self.addAction(action)

    # -- what is shown ----------------------------------------------------------------

    def focus_target(self) -> QWidget | None:
        return self.plan_button

    def show_nothing(self, today: date) -> None:
        """No run, no planned week, no race: what to do first."""
        self.plan = None
        self.range_label.setText(week_range_words(monday_of(today)))
        self.stack.setCurrentWidget(self.empty_state)
        self.export_button.setEnabled(False)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.this_week_button.setEnabled(False)

    def show_week(self, plan: WeekPlan, today: date,
                  races: Mapping[date, Sequence[RaceRecord]] | None = None,
                  units: str = "kg", citations: Mapping[str, str] | None = None) -> None:
        """``races``: the races kept, by day (their names are shown on the day);
        ``citations``: source id -> citation (resources/sources.toml), so the
        reasons under the days name where they come from."""
        self.plan = plan
        races = races or {}
        this_week = plan.monday == monday_of(today)
        words = week_range_words(plan.monday)
        if this_week:
            words = translate("WeekPage", "{range} (this week)").format(range=words)
        if plan.race_week:
            words = translate("WeekPage", "{range} · race week").format(range=words)
        self.range_label.setText(f"<b>{html.escape(words)}</b>")
        for box, day in zip(self.day_boxes, plan.days, strict=True):
            box.show_day(day, today, races.get(day.day, ()), units)
        self._show_notes(plan, today, citations or {})
        self.stack.setCurrentWidget(self.week_panel)
        for button in (self.export_button, self.previous_button, self.next_button):
            button.setEnabled(True)
        self.this_week_button.setEnabled(not this_week)
        self._fit_days()

    def _show_notes(self, plan: WeekPlan, today: date, citations: Mapping[str, str]) -> None:
        while self.lines_box.count():
            item = self.lines_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        notes = []
        if plan.note:  # the race week, rules bent, a session with no day left
            notes.append(plan.note)
        notes.extend(bent_words(bent) for bent in plan.bent)
        self.notes = notes
        # Why each day holds what it holds, on the page and not only in a
        # tooltip: the rules are the point of the page, and each is cited.
        reasons = [reason_words(day, today) for day in plan.days if day.reason]
        sources = dict.fromkeys(source for day in plan.days if day.reason
                                for source in day.sources if source in citations)
        if sources:
            reasons.append(translate("WeekPage", "Sources: {sources}").format(
                sources="; ".join(citations[source] for source in sources)))
        self.reasons = reasons
        for words in notes + reasons:
            label = QLabel(words, self.week_panel)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setObjectName("weekNote" if words in notes else "weekReason")
            label.setAccessibleName(words)
            self.lines_box.addWidget(label)

    # -- the days' arrangement ----------------------------------------------------------

    def _fit_days(self) -> None:
        """Every day at least as wide as its longest word plus its padding."""
        padding = self.day_boxes[0].fontMetrics().averageCharWidth() * DAY_PADDING_CHARS \
            + 2 * (DAY_PADDING_PX + 2)
        widest = max(_words_width(box) for box in self.day_boxes) + padding
        for box in self.day_boxes:
            box.setMinimumWidth(widest)
        self._columns = 0  # arrange again, with the new least width
        self._arrange()

    def _available_width(self) -> int:
        visible = self.scroll_area.viewport().width() if self.scroll_area is not None \
            else self.width()
        margins = self.body.contentsMargins()
        return visible - margins.left() - margins.right()

    def _arrange(self) -> None:
        """Seven columns when they fit, else one day under the other."""
        spacing = max(0, self.days_grid.horizontalSpacing())
        least = self.day_boxes[0].minimumWidth()
        columns = DAYS if DAYS * least + (DAYS - 1) * spacing <= self._available_width() else 1
        if columns == self._columns:
            return
        self._columns = columns
        for box in self.day_boxes:
            self.days_grid.removeWidget(box)
        for index, box in enumerate(self.day_boxes):
            self.days_grid.addWidget(box, index // columns, index % columns)
        for column in range(DAYS):
            self.days_grid.setColumnStretch(column, 1 if column < columns else 0)

    @property
    def columns(self) -> int:
        """How many days sit side by side (7, or 1 when they do not fit)."""
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.scroll_area is not None \
                and watched is self.scroll_area.viewport():
            # Once the scroll area has placed its viewport (see TodayPage.eventFilter).
            QTimer.singleShot(0, self, self._arrange)
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The text size setting changes the font while the page is shown (the
        # theme's colours come with the log read again: Pages.show_log).
        if event.type() == QEvent.Type.FontChange and self.plan is not None:
            self._fit_days()


"""The session screen ("gym mode"): what the athlete reads from 2-3 m away.

It draws an engine's ``SessionView`` and keeps nothing of its own about the
session, so a repaint can never disagree with the engine. Keys and button
clicks become *actions* (``action_requested``, names in ``keys``) that the
controller applies to the engine; only what is purely on screen (the log
sheet's fields, the list of keys) is handled here.

Layout, for a 1366x768 laptop seen from across the gym: the exercise, set and
side along the top; the picture, a tall bar draining toward the floor and the
big number (over a fifth of the height) in the middle; the session strip and
the keys of the moment along the bottom. Every size is a fraction of the
height, so F11 full screen just makes everything bigger.
"""

# One module because gym mode is one screen drawn from one SessionView: the
# big target, the timers, the tempo cue, the keys sheet and the layouts for
# each screen size change together (the log sheet, overlays and widgets are
# in their own modules already).

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog.vocabulary import DoseKind
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_decimal, format_integer, translate
from app.logbook.entries import LOAD_UNITS, SetEntry
from app.session.events import Phase, SetCompleted, State
from app.session.view import SessionView
from app.ui.look import style
from app.ui.look.figure_painter import FigureTheme
from app.ui.session import keys, theme, words
from app.ui.session.figure import SessionFigureView, frames_to_warm, shot_for
from app.ui.session.log_sheet import LogSheet
from app.ui.session.overlays import PauseOverlay, ShortcutSheet
from app.ui.session.summary import SessionSummary
from app.ui.session.widgets import DrainBar, FlashOverlay, ProgressStrip, SideBadge, TextLine

if TYPE_CHECKING:
    from app.catalog import Catalog, Exercise


# The buttons along the bottom: (id, key as shown, label, accessible name,
# tooltip, action). The primary button's label and action change with the
# moment (see _primary); "help" has no action: the screen shows the keys itself.
# Marked for translation here, translated as the buttons are made; the key
# names in the context of the list of keys (session_keys), which names them too.
_BUTTONS: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("primary", QT_TRANSLATE_NOOP("session_keys", "Space"), QT_TRANSLATE_NOOP("SessionScreen", "Start set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Start set"), QT_TRANSLATE_NOOP("SessionScreen", "Start the set"),
     keys.PRIMARY),
    ("break", "B", QT_TRANSLATE_NOOP("SessionScreen", "Break point"),
     QT_TRANSLATE_NOOP("SessionScreen", "Break point"),
     QT_TRANSLATE_NOOP("SessionScreen", "Mark the moment you lost control of the lowering"),
     keys.BREAK_POINT),
    ("confirm", QT_TRANSLATE_NOOP("session_keys", "Enter"), QT_TRANSLATE_NOOP("SessionScreen", "Save set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Save set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Save this set; the rest starts when it is on disk"),
     keys.CONFIRM),
    ("discard", QT_TRANSLATE_NOOP("session_keys", "Ctrl+D"), QT_TRANSLATE_NOOP("SessionScreen", "Don't log"),
     QT_TRANSLATE_NOOP("SessionScreen", "Don't log this set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Do not log this set: do it again"), keys.DISCARD),
    ("shorter", "−", QT_TRANSLATE_NOOP("SessionScreen", "15 s"),
     QT_TRANSLATE_NOOP("SessionScreen", "Rest 15 s shorter"),
     QT_TRANSLATE_NOOP("SessionScreen", "Rest 15 s shorter"), keys.REST_SHORTER),
    ("longer", "+", QT_TRANSLATE_NOOP("SessionScreen", "15 s"),
     QT_TRANSLATE_NOOP("SessionScreen", "Rest 15 s longer"),
     QT_TRANSLATE_NOOP("SessionScreen", "Rest 15 s longer"), keys.REST_LONGER),
    ("skip", "S", QT_TRANSLATE_NOOP("SessionScreen", "Skip rest"),
     QT_TRANSLATE_NOOP("SessionScreen", "Skip rest"),
     QT_TRANSLATE_NOOP("SessionScreen", "End the rest now"), keys.SKIP_REST),
    ("previous", "P", QT_TRANSLATE_NOOP("SessionScreen", "Previous"),
     QT_TRANSLATE_NOOP("SessionScreen", "Previous exercise"),
     QT_TRANSLATE_NOOP("SessionScreen", "Go to the previous exercise"), keys.PREVIOUS_EXERCISE),
    ("next", "N", QT_TRANSLATE_NOOP("SessionScreen", "Next"),
     QT_TRANSLATE_NOOP("SessionScreen", "Next exercise"),
     QT_TRANSLATE_NOOP("SessionScreen", "Go to the next exercise"), keys.NEXT_EXERCISE),
    ("undo", QT_TRANSLATE_NOOP("session_keys", "Ctrl+Z"), QT_TRANSLATE_NOOP("SessionScreen", "Undo set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Undo last set"),
     QT_TRANSLATE_NOOP("SessionScreen", "Undo the last logged set: it comes back on the log sheet"),
     keys.UNDO),
    ("pause", QT_TRANSLATE_NOOP("session_keys", "Esc"), QT_TRANSLATE_NOOP("SessionScreen", "Pause"),
     QT_TRANSLATE_NOOP("SessionScreen", "Pause"),
     QT_TRANSLATE_NOOP("SessionScreen", "Pause the session (resume, or end it)"), keys.PAUSE),
    ("close", QT_TRANSLATE_NOOP("session_keys", "Enter"), QT_TRANSLATE_NOOP("SessionScreen", "Close"),
     QT_TRANSLATE_NOOP("SessionScreen", "Close summary"),
     QT_TRANSLATE_NOOP("SessionScreen", "Close the summary (Enter or Esc)"), keys.CLOSE_SUMMARY),
    ("help", "?", QT_TRANSLATE_NOOP("SessionScreen", "Keys"), QT_TRANSLATE_NOOP("SessionScreen", "Keys"),
     QT_TRANSLATE_NOOP("SessionScreen", "Show every key"), None),
)
_PROMINENT = ("primary", "break", "confirm", "close")
# Equipment that puts a load on the sheet: for these the load field has the keys.
LOADED_EQUIPMENT = frozenset({"barbell", "dumbbells", "kettlebell", "leg-curl-machine",
                              "cable-machine"})


def _key_of(name: str) -> tuple[int, int]:
    """A key name ("B", "Space", "PgDown", "F5") as (key, Ctrl/Alt/Meta modifiers)."""
    sequence = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)
    # PySide's stubs lack QKeySequence.__getitem__ (operator[]), which it has.
    combination = sequence[0] if sequence.count() == 1 else None  # type: ignore[index]
    if combination is None or combination.key() == Qt.Key.Key_unknown:
        raise ValueError(f"break point key: {name!r} is not a key name Qt knows (like B, Space, PgDown)")
    return _int(combination.key()), _chord(combination.keyboardModifiers())


def _int(value: Any) -> int:
    return int(getattr(value, "value", value))


def _chord(modifiers: Any) -> int:
    """Only Ctrl, Alt and Meta: Shift (capitals) and the keypad flag never change a key's meaning here."""
    mods = Qt.KeyboardModifier
    return _int(modifiers) & (_int(mods.ControlModifier) | _int(mods.AltModifier) | _int(mods.MetaModifier))


# The summary's type is taken down in steps of this share of its size, at
# most this many times, until its lines fit the page.
SUMMARY_FIT_STEP = 0.05
SUMMARY_FIT_STEPS = 8


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPage")
        self.title = QLabel()
        self.title.setAccessibleName(translate("SummaryPage", "Summary"))
        self.title.setStyleSheet(f"color: {theme.DONE};")
        self.totals = QLabel()
        self.totals.setAccessibleName(translate("SummaryPage", "Sets and time"))
        self.note = QLabel()
        self.note.setProperty("role", "dim")
        self.note.setWordWrap(True)
        self.lines: list[QLabel] = []
        self._lines_box = QVBoxLayout()
        self._height = 768
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addLayout(self._lines_box)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_summary(self, summary: SessionSummary) -> None:
        self.title.setText(summary.heading)
        self.totals.setText(summary.totals_text)
        for label in self.lines:
            self._lines_box.removeWidget(label)   # out of the measure at once (see _fit)
            label.deleteLater()
        self.lines = []
        for line in summary.lines:
            label = QLabel(line.text())
            label.setWordWrap(True)
            label.setAccessibleName(line.name)
            self._lines_box.addWidget(label)
            self.lines.append(label)
        for text in summary.records:
            label = QLabel(words.SEPARATOR.join((translate("SummaryPage", "NEW RECORD"), text)))
            label.setWordWrap(True)
            label.setProperty("role", "record")
            label.setAccessibleName(translate("SummaryPage", "New personal record"))
            self._lines_box.addWidget(label)
            self.lines.append(label)
        for label in self.lines:
            label.ensurePolished()   # the style sheet first: the type set after it stays
            label.setVisible(True)   # now, not later: _fit measures the lines shown
        self.note.setText(translate("SummaryPage", "The set on the log sheet was not saved.")
                          if summary.unlogged else "")
        self.note.setVisible(bool(self.note.text()))   # empty, it took a line's room
        self.set_scale(self._height)

    def texts(self) -> list[str]:
        return [label.text() for label in self.lines]

    def set_scale(self, height: int) -> None:
        self._height = height
        self._fit()

    def _fit(self) -> None:
        """Type for the height asked for, taken down step by step while the
        lines would not fit the page (many exercises, a large text size)."""
        layout = self.layout()
        for step in range(SUMMARY_FIT_STEPS + 1):
            height = round(self._height * (1 - step * SUMMARY_FIT_STEP))
            self.title.setFont(theme.font(theme.pixels(height, 0.12), bold=True))
            self.totals.setFont(theme.font(theme.pixels(height, theme.INFO), bold=True))
            # Many exercises still fit: the lines shrink a little past five.
            share = theme.NEXT if len(self.lines) <= 5 else theme.SMALL
            for label in self.lines:
                label.setFont(theme.font(theme.pixels(height, share)))
            self.note.setFont(theme.font(theme.pixels(height, theme.SMALL)))
            if layout is None or self.height() <= 0 or self._needed_height() <= self.height():
                break

    def _needed_height(self) -> int:
        """The height the page's lines take at its width, with their type now."""
        layout = self.layout()
        assert layout is not None
        shown = [w for w in (self.title, self.totals, *self.lines, self.note) if not w.isHidden()]
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        return sum(w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
                   for w in shown) + layout.spacing() * max(0, len(shown) - 1) \
            + margins.top() + margins.bottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class SessionScreen(QWidget):
    """Gym mode. ``render(view)`` (or ``show_view``) after every engine tick.

    ``catalog`` gives the pictures (an exercise it does not know is shown
    without one); ``units`` is "kg" or "lb" for loads; ``break_point_keys``
    are the key names that mark the break point during the lowering (a USB
    foot switch or a presentation clicker sends one of these).
    ``high_contrast`` gives the maximum-contrast look (``theme.MAXIMUM``);
    by default the screen has it when the app's theme is high contrast.
    """

    action_requested = Signal(str)

    def __init__(self, catalog: Catalog | None = None, *, units: str = "kg",
                 break_point_keys: Sequence[str] = keys.DEFAULT_BREAK_POINT_KEYS,
                 high_contrast: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if units not in LOAD_UNITS:
            raise ValueError(f"units: must be kg or lb, got {units!r}")
        if not break_point_keys:
            raise ValueError("break point keys: give at least one key")
        self._catalog = catalog
        self._units = units
        self._break_key_names = tuple(break_point_keys)
        self._break_keys = {_key_of(name) for name in break_point_keys}
        self._space = _int(Qt.Key.Key_Space)
        self._view: SessionView | None = None
        self._allowed: frozenset[str] | None = None
        self._found: dict[str, Exercise | None] = {}
        self._warm_lists: dict[tuple[str, bool], list[tuple[int, float | None]]] = {}
        self._scaled_for = 0
        self._scaled_text = 0      # the app's text size the type was last sized for
        self._live_rows: tuple[int, ...] = ()
        self._figure_share = theme.FIGURE_SHARES[0]
        self._column_sizes: dict[TextLine, tuple[int, bool, int]] = {}
        self._hints_fitted: tuple[object, ...] = ()
        self._buttons_shown: tuple[str, ...] = ()
        self._button_keys: dict[str, str] = {}   # each button's key, as shown
        self._title = translate("SessionScreen", "Session")
        self._sheet_focus: QWidget | None = None   # the sheet's field to give the keys back to
        if high_contrast is None:
            self.look = theme.look_for(style.current())
        else:
            self.look = theme.MAXIMUM if high_contrast else theme.STANDARD

        self.setObjectName("sessionScreen")
        self.setAccessibleName(translate("SessionScreen", "Session"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Dark whatever the app's own look: the palette for the window's
        # background when the screen is a window, the style sheet (which needs
        # this attribute on a plain QWidget) when it sits inside the main window.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setPalette(theme.palette(self.palette(), self.look))

        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        look = self.look
        self.name_line = TextLine(translate("SessionScreen", "Exercise"), self, align=left)
        self.set_line = TextLine(translate("SessionScreen", "Set", "noun: one set of reps"), self,
                                 align=right)
        self.side_badge = SideBadge(self, look=look)
        self.block_line = TextLine(translate("SessionScreen", "Where in the session"), self, align=left)
        self.block_line.set_colour(look.text_dim)
        self.notice_line = TextLine(translate("SessionScreen", "Notice"), self, align=right)
        self.notice_line.set_colour(theme.ERROR)

        self.pages = QStackedWidget(self)
        self.live = QWidget()
        self.live.setObjectName("sessionPage")
        self.figure = SessionFigureView(self.live)
        self.figure.set_theme(FigureTheme.DARK)
        self.next_caption = TextLine(translate("SessionScreen", "Next up"), self.live,
                                     align=left | Qt.AlignmentFlag.AlignTop)
        self.next_caption.set_colour(theme.REST)
        self.next_caption.setProperty(style.LAYERED_PROPERTY, style.SEE_THROUGH)  # over the picture
        self.bar = DrainBar(self.live, look=look)
        self.headline = TextLine(translate("SessionScreen", "What now"), self.live)
        self.big = TextLine(translate("SessionScreen", "Time left"), self.live)
        self.rep_line = TextLine(translate("SessionScreen", "Rep", "noun: one repetition"), self.live)
        # Up to three lines: the rest's "set 2 of 3 · 8–10 reps · 72.5 kg" on two
        # was cut to "7…" on a laptop, and the load is what must go on the bar.
        self.target_line = TextLine(translate("SessionScreen", "Target"), self.live, max_lines=3)
        # "last time: 3 x 8 @ 60 kg, 5 days ago", above the target (issue 14).
        self.last_line = TextLine(translate("SessionScreen", "Last time"), self.live, max_lines=3)
        self._last_times: dict[str, str] = {}
        # The lines read from a bench as well as the big word (the target, and
        # "last time"): sized at least half its height (theme.TARGET_OF_BIG)
        # and laid out under it; a line added here gets the same.
        self.target_lines: list[TextLine] = [self.last_line, self.target_line]
        self.detail_line = TextLine(translate("SessionScreen", "Detail"), self.live)
        self.detail_line.set_colour(look.text_dim)
        self.sheet = LogSheet(units)
        self.sheet.set_confirm_keys(self._break_keys)   # the foot switch saves the set too
        self.sheet.confirm_requested.connect(self._on_sheet_confirm_requested)
        self.sheet.discard_requested.connect(self._on_sheet_discard_requested)
        self.sheet.pause_requested.connect(self._on_sheet_pause_requested)
        self.sheet.help_requested.connect(self._on_sheet_help_requested)
        self.summary_page = SummaryPage()
        for page in (self.live, self.sheet, self.summary_page):
            self.pages.addWidget(page)

        self.strip = ProgressStrip(self, look=look)
        self.strip_line = TextLine(translate("SessionScreen", "Sets logged"), self, align=right)
        self.hints = QWidget(self)
        row = QHBoxLayout(self.hints)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for ident, key_name, label, name, tip, action in _BUTTONS:
            # The break point keys are the athlete's choice, shown as chosen.
            key = (" / ".join(self._break_key_names) if ident == "break"
                   else translate("session_keys", key_name))
            self._button_keys[ident] = key
            button = QPushButton(f"{key}  {translate('SessionScreen', label)}", self.hints)
            button.setAccessibleName(translate("SessionScreen", name))
            button.setToolTip(f"{translate('SessionScreen', tip)} ({key})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("action", action)
            button.clicked.connect(self._on_button_clicked)
            button.hide()
            row.addWidget(button)
            self.buttons[ident] = button
        for ident in _PROMINENT:
            self.buttons[ident].setProperty("primary", True)
        row.addStretch(1)

        self.pause_overlay = PauseOverlay(self, self._on_pause_overlay_resume_clicked,
                                          self._on_pause_overlay_end_clicked)
        self.help_overlay = ShortcutSheet(self, self._break_key_names)
        self.flash_overlay = FlashOverlay(self, look=look)
        self._apply_scale(768)

    # ======================================================================
    # Reading
    # ======================================================================

    @property
    def units(self) -> str:
        return self._units

    @property
    def break_point_keys(self) -> tuple[str, ...]:
        return self._break_key_names

    @property
    def view(self) -> SessionView | None:
        return self._view

    def big_font_px(self) -> int:
        return self.big.font().pixelSize()

    def visible_buttons(self) -> list[str]:
        return list(self._buttons_shown)

    def _find(self, slug: str) -> Exercise | None:
        if slug not in self._found:
            exercise = None
            if self._catalog is not None and slug in self._catalog:
                exercise = self._catalog.get(slug)
            self._found[slug] = exercise
        return self._found[slug]

    # ======================================================================
    # Drawing the session
    # ======================================================================

    def render(self, *args: Any, **kwargs: Any) -> None:
        """``render(view[, allowed])`` shows a SessionView (see ``show_view``);
        anything else is QWidget.render (drawing the widget into a device)."""
        if args and isinstance(args[0], SessionView):
            self.show_view(*args, **kwargs)
        else:
            super().render(*args, **kwargs)

    def show_view(self, view: SessionView, allowed: frozenset[str] | None = None) -> None:
        """Show ``view``; ``allowed`` (the engine's ``allowed()``) hides the
        buttons of what cannot be done now."""
        self._view = view
        if allowed is not None:
            self._allowed = allowed
        self._show_header(view)
        state = view.state
        page: QWidget = self.live
        if state is State.SUMMARY:
            page = self.summary_page
        elif state is State.SET_DONE:
            page = self.sheet
        if self.pages.currentWidget() is not page:
            self.pages.setCurrentWidget(page)
        if page is self.live:
            self._show_live(view)
        self.strip.set_progress(view.progress, view.item_index)
        planned = view.sets_planned   # a plain name: lupdate skips a count given as an expression
        self.strip_line.set_text(translate("SessionScreen", "{logged} of %n set(s)", None, planned)
                                 .format(logged=format_integer(view.sets_logged)))
        self._show_buttons(view)
        if view.paused and not self.pause_overlay.isVisible():
            self.pause_overlay.cover()
            if self.help_overlay.isVisible():
                self.help_overlay.raise_()
        elif not view.paused and self.pause_overlay.isVisible():
            self.pause_overlay.hide()
        self._sync_focus()

    def _sync_focus(self) -> None:
        """Who gets the keys. While an overlay covers the screen, the screen
        does (its keys apply, and nothing is typed into the sheet behind it);
        on the log sheet, the sheet's field; otherwise the screen."""
        focus = self.window().focusWidget()
        in_sheet = focus is not None and self.sheet.isAncestorOf(focus)
        covered = self.help_overlay.isVisible() or self.pause_overlay.isVisible()
        on_sheet = self.pages.currentWidget() is self.sheet
        if covered or not on_sheet:
            # Anything of ours but the screen itself (a field of the sheet, or
            # nothing when the sheet's field was hidden) hands the keys over.
            if focus is not self and (focus is None or self.isAncestorOf(focus) or not focus.isVisible()):
                self._sheet_focus = focus if in_sheet and on_sheet else None
                self.setFocus()
        elif not in_sheet:
            target = self._sheet_focus or self.sheet.opening_field or self.sheet.reps_edit
            self._sheet_focus = None
            target.setFocus()

    def _show_header(self, view: SessionView) -> None:
        if view.state is State.SUMMARY:   # the whole session, not its last set
            name, set_text, side, place = self._title, "", "", ""
        else:
            name, set_text = view.item.name, words.set_text(view)
            side = words.side_words(view.side)
            block = words.block_text(view.block)
            number, count = format_integer(view.item_index + 1), format_integer(view.item_count)
            if block:
                place = translate("SessionScreen", "{block} · exercise {number} of {count}").format(
                    block=block, number=number, count=count)
            else:
                place = translate("SessionScreen", "Exercise {number} of {count}").format(
                    number=number, count=count)
        self.name_line.set_text(name)
        header_changed = self.set_line.text() != set_text or self.side_badge.text() != side
        self.set_line.set_text(set_text)
        self.side_badge.set_side(view.side, side)
        self.block_line.set_text(place)
        if header_changed:
            self._layout_header()

    def _show_live(self, view: SessionView) -> None:
        state, phase = view.state, view.phase
        colour = theme.READY
        if view.paused:
            colour = theme.PAUSED
        elif state is State.SET_RUNNING and phase is not None:
            colour = theme.PHASE_COLOURS[phase]
        elif state is State.RESTING:
            colour = theme.REST
        elif state is State.SWITCHING_SIDE:
            colour = theme.SWITCH
        self.headline.set_text(words.headline(view))
        self.headline.set_colour(colour)
        self.big.set_text(words.big_text(view))
        self.big.set_colour(colour)

        item = view.item
        self.last_line.set_text(self._last_times.get(item.slug, "")
                                if state in (State.READY, State.SET_RUNNING) else "")
        if state is State.RESTING:
            nxt = view.next_up
            self.rep_line.set_text(nxt.item.name if nxt is not None else "")
            self.target_line.set_text(words.next_up_text(view, self._units).partition(
                words.SEPARATOR)[2] if nxt is not None else "")
            self.next_caption.set_text(translate("SessionScreen", "NEXT UP"))
            self.detail_line.set_text("")
        elif state is State.SWITCHING_SIDE:   # the engine already stands on the other side's set
            self.rep_line.set_text(item.name)
            self.target_line.set_text(words.SEPARATOR.join(
                (words.set_of_text(view.set_number, view.set_count),
                 words.target_text(item, self._units, view.set_number, view.load))))
            side = words.side_words(view.side) or translate("SessionScreen", "OTHER SIDE")
            self.next_caption.set_text(translate("SessionScreen", "NEXT: {side}").format(side=side))
            self.detail_line.set_text("")
        else:
            self.next_caption.set_text("")
            self.rep_line.set_text(words.rep_text(view))
            self.target_line.set_text(translate("SessionScreen", "TARGET {target}").format(
                target=words.target_text(item, self._units, view.set_number, view.load)))
            self.detail_line.set_text(self._detail(view))
        self.rep_line.set_colour(colour if state is State.SET_RUNNING else theme.TEXT)
        self._relayout_live()

        fraction = view.timer_fraction
        if fraction is None or state is State.READY:
            self.bar.set_level(None, colour)
        elif phase is Phase.RETURN and state is State.SET_RUNNING:
            self.bar.set_level(1.0 - fraction, colour)   # on the way back up the bar rises
        else:
            seconds = view.timer_total_s if phase is Phase.LOWERING else None
            self.bar.set_level(fraction, colour, seconds)
        self.figure.show_shot(shot_for(view, self._find))

    def _detail(self, view: SessionView) -> str:
        item = view.item
        if view.state is State.READY:
            tempo = (translate("SessionScreen", "tempo {tempo}").format(tempo=item.tempo_text)
                     if item.tempo_text else "")
            cue = (translate("SessionScreen", "lowering {seconds} s").format(
                seconds=format_decimal(item.lowering_s, 1)) if item.eccentric_cue else "")
            return words.SEPARATOR.join(part for part in (tempo, cue) if part)
        if view.state is not State.SET_RUNNING:
            return ""
        if view.phase is Phase.LOWERING:
            either = translate("SessionScreen", " or ", "between break point keys: B or Space")
            return translate("SessionScreen", "{keys} when you lose control").format(
                keys=either.join(self._break_key_names))
        if view.phase is Phase.CATCH and view.descents_s:
            descent = view.descents_s[-1]
            if descent >= item.lowering_s - 0.05:
                text = translate("SessionScreen", "Full descent: {seconds} s")
            else:
                text = translate("SessionScreen", "Break point: {seconds} s")
            return text.format(seconds=words.one_decimal(descent))
        if view.phase is Phase.GET_READY and view.rep == 1:
            return ""
        if view.phase is Phase.WORK and item.kind == DoseKind.REPS:
            return translate("SessionScreen", "Space when the set is done")
        return ""

    def _show_buttons(self, view: SessionView) -> None:
        allowed = self._allowed
        state = view.state

        def can(action: str) -> bool:
            return allowed is None or action in allowed

        shown: list[str] = []
        if view.paused:
            shown = ["help"]
        elif state is State.SUMMARY:
            shown = ["close"] + (["undo"] if can("undo_confirm") and allowed is not None else [])
        elif state is State.SET_DONE:
            shown = ["confirm", "discard", "pause", "help"]
        elif state is State.SET_RUNNING and view.item.eccentric_cue:
            # The reps run by themselves; Space (when it is a break key) ends
            # the set only before a rep starts, so say so only then.
            shown = ["break"] if view.phase is Phase.LOWERING else []
            if view.phase is Phase.GET_READY or self._space not in {key for key, _m in self._break_keys}:
                shown.append("primary")
            shown += ["pause", "help"]
        else:
            shown = ["primary"]
            if state is State.RESTING:
                shown += ["shorter", "longer", "skip"]
            if state is State.READY:
                shown += [name for name, action in (("previous", "previous_exercise"),
                                                    ("next", "next_exercise")) if can(action)]
            if state in (State.READY, State.RESTING) and allowed is not None and "undo_confirm" in allowed:
                shown.append("undo")
            shown += ["pause", "help"]
        label, action = self._primary(view)
        primary = self.buttons["primary"]
        primary.setProperty("action", action)
        key = self._button_keys["primary"]
        text = f"{key}  {label}"
        if primary.text() != text:
            primary.setText(text)
            primary.setAccessibleName(label)
            primary.setToolTip(f"{label} ({key})")
        if tuple(shown) != self._buttons_shown:
            self._buttons_shown = tuple(shown)
            for ident, button in self.buttons.items():
                button.setVisible(ident in shown)
            self._fit_hints()

    @staticmethod
    def _primary(view: SessionView) -> tuple[str, str]:
        if view.state is State.SET_RUNNING:
            if view.item.eccentric_cue:
                return translate("SessionScreen", "End set"), keys.FINISH_SET
            return translate("SessionScreen", "Finish set"), keys.FINISH_SET
        if view.state in (State.RESTING, State.SWITCHING_SIDE):
            return translate("SessionScreen", "Start now"), keys.PRIMARY
        return translate("SessionScreen", "Start set"), keys.PRIMARY

    # ======================================================================
    # The log sheet, the summary and the rest of what the controller asks for
    # ======================================================================

    def set_last_times(self, texts: Mapping[str, str]) -> None:
        """"last time: ..." per exercise slug, shown above the target on the
        set screen and on the log sheet (more may come as exercises are added)."""
        self._last_times.update(texts)
        if self._view is not None and self.pages.currentWidget() is self.live:
            self._show_live(self._view)

    def last_time_of(self, slug: str) -> str:
        return self._last_times.get(slug, "")

    def open_log_sheet(self, entry: SetEntry, completed: SetCompleted) -> None:
        title = translate("SessionScreen", "LOG SET {number}").format(
            number=format_integer(completed.set_number))
        side = words.side_words(completed.side)
        exercise = self._find(completed.exercise_slug)
        equipment = exercise.equipment if exercise is not None else ()
        # Loaded: a load is offered, or the exercise is done with weights; its
        # load field then takes the keys (typed digits replace the load).
        loaded = bool(entry.load) or bool(set(equipment) & LOADED_EQUIPMENT)
        self.sheet.open(entry, completed, words.SEPARATOR.join((title, side)) if side else title,
                        last_time=self.last_time_of(completed.exercise_slug), loaded=loaded,
                        barbell=bool(equipment) and equipment[0] == "barbell")
        self.pages.setCurrentWidget(self.sheet)
        self._sheet_focus = None
        self._sync_focus()

    def show_summary(self, summary: SessionSummary) -> None:
        self._title = summary.title
        if self._view is not None and self._view.state is State.SUMMARY:
            self.name_line.set_text(summary.title)
        self.summary_page.show_summary(summary)
        self.summary_page.set_scale(round((self._scaled_for or self.height()) * self.text_factor()))

    def flash(self, text: str) -> None:
        """A short full-screen flash: the visual cue when no sound can be played."""
        self.flash_overlay.flash(text)

    def show_notice(self, text: str) -> None:
        """A line for something the athlete should know (a save that failed)."""
        self.notice_line.set_text(text)

    def toggle_help(self) -> None:
        if self.help_overlay.isVisible():
            self.help_overlay.hide()
        else:
            self.help_overlay.cover()
        self._sync_focus()

    def warm_figure(self) -> bool:
        """Draw one more frame of the pictures the coming set will show (call it
        when nothing is due for a while). False when there is nothing left to draw."""
        view = self._view
        if view is None or view.state is State.SUMMARY:
            return False
        item = view.item
        if view.state in (State.RESTING, State.SWITCHING_SIDE) and view.next_up is not None:
            item = view.next_up.item
        exercise = self._find(item.slug)
        if exercise is None:
            return False
        key = (item.slug, bool(item.eccentric_cue))
        if key not in self._warm_lists:
            self._warm_lists[key] = frames_to_warm(exercise, bool(item.eccentric_cue))
        return self.figure.warm(exercise, self._warm_lists[key])

    # ======================================================================
    # Keys
    # ======================================================================

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._action_for(event)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        if action:
            self.action_requested.emit(action)

    def _action_for(self, event: QKeyEvent) -> str | None:
        """The action a key asks for now; "" for a key handled here; None for
        a key the screen does not use."""
        key = event.key()
        k = Qt.Key
        mods = _chord(event.modifiers())
        ctrl = _int(Qt.KeyboardModifier.ControlModifier)
        text = event.text()
        if self.help_overlay.isVisible():
            if key == k.Key_Escape or text == "?":
                self.toggle_help()
            return ""   # the list of keys is up: no key acts behind it
        if text == "?" or key == k.Key_Question:
            self.toggle_help()
            return ""
        view = self._view
        if view is None:
            return None
        if view.paused:
            if key in (k.Key_Escape, k.Key_Space, k.Key_Return, k.Key_Enter):
                return keys.RESUME
            if key == k.Key_E and not mods:
                return keys.END_SESSION
            return ""
        if view.state is State.SUMMARY:
            if key in (k.Key_Return, k.Key_Enter, k.Key_Escape):
                return keys.CLOSE_SUMMARY
            if key == k.Key_Z and mods == ctrl:
                return keys.UNDO
            return None
        if key == k.Key_Z and mods == ctrl:
            return keys.UNDO
        if key == k.Key_Escape:
            return keys.PAUSE
        if (_int(key), mods) in self._break_keys and view.state is State.SET_RUNNING \
                and view.item.eccentric_cue:
            return keys.PRIMARY_OR_BREAK if _int(key) == self._space else keys.BREAK_POINT
        if mods:
            return None
        if view.state is State.READY and key in (k.Key_Return, k.Key_Enter):
            return keys.QUICK_LOG   # the set done as planned, logged at once
        if view.state is State.SET_DONE:
            # Reached only when the focus is on the screen, not in the sheet.
            if key in (k.Key_Return, k.Key_Enter):
                return keys.CONFIRM
            if key in (k.Key_Up, k.Key_Down):
                self.sheet.handle_key(self.sheet, event)
                return ""
            return None
        simple = {
            k.Key_Space: keys.PRIMARY, k.Key_Plus: keys.REST_LONGER, k.Key_Equal: keys.REST_LONGER,
            k.Key_Minus: keys.REST_SHORTER, k.Key_S: keys.SKIP_REST, k.Key_N: keys.NEXT_EXERCISE,
            k.Key_P: keys.PREVIOUS_EXERCISE,
            k.Key_A: keys.ADD_EXERCISE, k.Key_W: keys.SWAP_EXERCISE,
        }
        for candidate, action in simple.items():
            if key == candidate:
                return action
        if text == "+":
            return keys.REST_LONGER
        if text == "-":
            return keys.REST_SHORTER
        return None

    def _on_button_clicked(self) -> None:
        button = self.sender()
        if not isinstance(button, QPushButton):
            return
        action = button.property("action")
        if action:
            self.action_requested.emit(str(action))
        else:
            self.toggle_help()

    def _on_sheet_confirm_requested(self) -> None:
        self.action_requested.emit(keys.CONFIRM)

    def _on_sheet_discard_requested(self) -> None:
        self.action_requested.emit(keys.DISCARD)

    def _on_sheet_pause_requested(self) -> None:
        view = self._view
        self.action_requested.emit(keys.RESUME if view is not None and view.paused else keys.PAUSE)

    def _on_sheet_help_requested(self) -> None:
        self.toggle_help()

    def _on_pause_overlay_resume_clicked(self) -> None:
        self.action_requested.emit(keys.RESUME)

    def _on_pause_overlay_end_clicked(self) -> None:
        self.action_requested.emit(keys.END_SESSION)

    # ======================================================================
    # Size
    # ======================================================================

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._view is None or self._view.state is not State.SET_DONE:
            self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale(self.height())
        self._layout()

    def text_factor(self) -> float:
        """How much the app's text size enlarges this screen's type now."""
        return theme.text_factor(self._scaled_text or style.text_scale())

    def _apply_scale(self, height: int) -> None:
        """Type sizes for a screen ``height`` pixels tall at the app's text
        size (only when either changes)."""
        text_scale = style.text_scale()
        if (height, text_scale) == (self._scaled_for, self._scaled_text) or height < 50:
            return
        self._scaled_for, self._scaled_text = height, text_scale
        grow = theme.text_factor(text_scale)

        def px(_height: int, share: float) -> int:   # a share of the height, at the text size
            return theme.pixels(height, share * grow)

        self.setStyleSheet(theme.style_sheet(height, self.look))
        # The header is large already (over twice the app's text at 200 %): it
        # keeps its size, and leaves the height to the big word and the target.
        name = theme.pixels(height, theme.NAME)
        self.name_line.set_size(name, bold=True, floor_px=theme.pixels(height, theme.NAME * 0.7))
        self.set_line.set_size(name, bold=True)
        self.side_badge.set_size(name, bold=True)
        self.block_line.set_size(px(height, theme.SMALL))
        self.notice_line.set_size(px(height, theme.SMALL), bold=True, floor_px=px(height, 0.025))
        # The column beside the picture: (size, bold, floor) of each line, set
        # by _layout_live, which may take them down toward their floors when
        # its lines do not fit the height.
        big = theme.pixels(height, theme.BIG)
        # The target is never shrunk below half the big word: on two lines, or cut, rather.
        target = max(round(big * theme.TARGET_OF_BIG), px(height, theme.INFO))
        self._column_sizes = {
            self.headline: (px(height, theme.HEADLINE), True, px(height, theme.HEADLINE * 0.6)),
            self.big: (big, True, theme.pixels(height, theme.BIG_FLOOR)),
            self.rep_line: (px(height, theme.INFO), True, px(height, theme.INFO * 0.7)),
            self.detail_line: (px(height, theme.NEXT), False, px(height, theme.NEXT * 0.7)),
            **{line: (target, True, target) for line in self.target_lines},
        }
        for line, (size, bold, floor) in self._column_sizes.items():
            line.set_size(size, bold=bold, floor_px=floor)
        self.next_caption.set_size(px(height, theme.INFO), bold=True)
        self.strip_line.set_size(px(height, theme.SMALL), bold=True)
        hint = theme.font(px(height, theme.HINT), bold=True)
        for button in self.buttons.values():
            button.setFont(hint)
        for ident in _PROMINENT:   # the key of the moment stands out
            self.buttons[ident].setFont(theme.font(px(height, theme.HINT * 1.25), bold=True))
        layout = self.hints.layout()
        if layout is not None:
            layout.setSpacing(px(height, 0.012))
        grown = round(height * grow)   # the summary and the pause size from a height
        # The sheet's fields fill the page already, and the page is shorter
        # under a larger header and buttons: sized for a somewhat shorter screen.
        self.sheet.set_scale(round(height / math.sqrt(grow)))
        self.summary_page.set_scale(grown)
        self.pause_overlay.set_scale(grown)
        self.help_overlay.set_scale(height)   # every key must fit the screen: sized to the rows
        self._hints_fitted = ()

    def _layout_header(self) -> None:
        width, height = self.width(), max(self.height(), 50)
        margin = theme.pixels(height, theme.MARGIN)
        header_h = self.set_line.line_height()
        x = width - margin
        badge_w = self.side_badge.wanted_width()
        if badge_w:
            x -= badge_w
            self.side_badge.setGeometry(x, margin, badge_w, header_h)
            x -= margin
        set_w = round(self.set_line.fontMetrics().horizontalAdvance(self.set_line.text())) + margin
        x -= set_w
        self.set_line.setGeometry(x, margin, set_w, header_h)
        self.name_line.setGeometry(margin, margin, max(10, x - 2 * margin), header_h)

    def _layout(self) -> None:
        width, height = self.width(), max(self.height(), 50)
        margin = theme.pixels(height, theme.MARGIN)
        self._layout_header()
        y = margin + self.set_line.line_height()
        line_h = self.block_line.line_height()
        self.block_line.setGeometry(margin, y, (width - 2 * margin) // 2, line_h)
        self.notice_line.setGeometry(width // 2, y, width // 2 - margin, line_h)
        top = y + line_h + margin // 2

        # The buttons as tall as their text needs (twice the key of the moment's type).
        hints_h = max([round(self.buttons[ident].font().pixelSize() * 2.0) for ident in _PROMINENT]
                      + [button.minimumSizeHint().height() for button in self.buttons.values()])
        hints_y = height - margin - hints_h
        for button in self.buttons.values():
            button.setFixedHeight(hints_h)
        self.hints.setGeometry(margin, hints_y, width - 2 * margin, hints_h)
        self._fit_hints()
        strip_h = max(8, theme.pixels(height, 0.026))
        strip_line_h = self.strip_line.line_height()
        strip_y = hints_y - margin - max(strip_h, strip_line_h)
        label_w = round(width * 0.17)
        self.strip.setGeometry(margin, strip_y + (strip_line_h - strip_h) // 2 if strip_line_h > strip_h
                               else strip_y, width - 3 * margin - label_w, strip_h)
        self.strip_line.setGeometry(width - margin - label_w, strip_y, label_w, strip_line_h)
        bottom = strip_y - margin
        self.pages.setGeometry(margin, top, width - 2 * margin, max(10, bottom - top))
        self._live_rows = ()
        self._layout_live()
        for overlay in (self.pause_overlay, self.help_overlay, self.flash_overlay):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    def _live_column(self) -> tuple[int, int]:
        """Where the column of type beside the picture starts, and its width."""
        width, height = self.pages.width(), self.pages.height()
        margin = theme.pixels(self._scaled_for or self.height(), theme.MARGIN)
        figure_w = round(min(height * 4 / 3, width * self._figure_share))
        bar_w = theme.pixels(self._scaled_for or self.height(), 0.1)
        x = figure_w + margin + bar_w + round(margin * 1.5)
        return x, max(10, width - x)

    def _live_row_heights(self, width: int) -> list[tuple[TextLine, int]]:
        """Each line of the column with the height its text needs now (an
        empty line takes none, so the others get its room)."""
        rows = [(self.headline, self.headline.line_height()), (self.big, self.big.line_height())]
        rows.append((self.rep_line, self.rep_line.line_height() if self.rep_line.text() else 0))
        rows += [(line, line.line_height(line.lines_wanted(width)) if line.text() else 0)
                 for line in self.target_lines]
        rows.append((self.detail_line,
                     self.detail_line.line_height() if self.detail_line.text() else 0))
        return rows

    def _fit_column(self, width: int, height: int) -> list[tuple[TextLine, int]]:
        """The column's lines at their own sizes, or, when they do not fit
        ``height`` (a large text size, a long target on two lines), all taken
        down together toward their floors: never the big word below a fifth
        of the screen, nor the target below half the big word."""
        for line, (size, bold, floor) in self._column_sizes.items():
            line.set_size(size, bold=bold, floor_px=floor)
        rows = self._live_row_heights(width)
        for _attempt in range(4):
            total = sum(h for _line, h in rows)
            if total <= height:
                break
            ratio = height / total
            for line, (_size, bold, floor) in self._column_sizes.items():
                smaller = max(floor, int(line.size_px() * ratio))
                line.set_size(smaller, bold=bold, floor_px=min(floor, smaller))
            rows = self._live_row_heights(width)
        if sum(h for _line, h in rows) > height:
            # Still too tall: the detail goes (the buttons say the same keys).
            rows = [(line, 0 if line is self.detail_line else h) for line, h in rows]
        last_resort = theme.pixels(self._scaled_for or self.height(), theme.BIG_LAST_RESORT)
        while sum(h for _line, h in rows) > height and self.big.size_px() > last_resort:
            # Only then (the target and "last time" on two lines each, at a
            # large text size on a laptop) the big word goes below its floor,
            # and the target lines with it: still half its height.
            big = max(last_resort, self.big.size_px() - 2)
            self.big.set_size(big, bold=True, floor_px=big)
            target = round(big * theme.TARGET_OF_BIG)
            for line in self.target_lines:
                line.set_size(target, bold=True, floor_px=target)
            rows = [(line, 0 if line is self.detail_line else h)
                    for line, h in self._live_row_heights(width)]
        return rows

    def _relayout_live(self) -> None:
        """Lay the column out again when its lines need other heights (a
        text that came, went or now takes two lines)."""
        _x, width = self._live_column()
        if tuple(h for _line, h in self._live_row_heights(width)) != self._live_rows:
            self._layout_live()
        self._fit_hints()

    def _fit_hints(self) -> None:
        """The buttons along the bottom in one row: their type taken down a
        little when the ones shown now (many, at a large text size) would not
        fit the width."""
        shown = tuple(b for b in self.buttons.values() if not b.isHidden())
        key = (shown, self.hints.width(), self._scaled_for, self._scaled_text)
        if key == self._hints_fitted or not shown:
            return
        self._hints_fitted = key
        height = self._scaled_for or self.height()
        layout = self.hints.layout()
        spacing = layout.spacing() if layout is not None else 0
        grow = self.text_factor()
        floor = theme.pixels(height, theme.HINT * 0.75)
        size = theme.pixels(height, theme.HINT * grow)
        while True:
            for ident, button in self.buttons.items():
                scale = 1.25 if ident in _PROMINENT else 1.0
                button.setFont(theme.font(round(size * scale), bold=True))
            wanted = sum(b.minimumSizeHint().width() for b in shown) + spacing * (len(shown) - 1)
            if wanted <= self.hints.width() or size <= floor:
                break
            size = max(floor, size - 1)
        if layout is not None:   # placed now: a later font change must not leave them where they were
            layout.setGeometry(self.hints.rect())

    def _layout_live(self) -> None:
        width, height = self.pages.width(), self.pages.height()
        screen_h = self._scaled_for or max(self.height(), 50)
        margin = theme.pixels(screen_h, theme.MARGIN)
        # The picture as wide as it may be while the column beside it holds
        # its lines at their own sizes; narrower (down to the last share)
        # when a long "last time" or target needs the width.
        for share in theme.FIGURE_SHARES:
            self._figure_share = share
            for line, (size, bold, floor) in self._column_sizes.items():
                line.set_size(size, bold=bold, floor_px=floor)
            _x, column_w = self._live_column()
            if sum(h for _line, h in self._live_row_heights(column_w)) <= height:
                break
        figure_w = round(min(height * 4 / 3, width * self._figure_share))
        self.figure.setGeometry(0, 0, figure_w, height)
        self.next_caption.setGeometry(0, 0, figure_w, self.next_caption.line_height())
        self.next_caption.raise_()
        bar_w = theme.pixels(screen_h, 0.1)
        bar_x = figure_w + margin
        self.bar.setGeometry(bar_x, 0, bar_w, height)
        x, w = self._live_column()
        rows = self._fit_column(w, height)
        self._live_rows = tuple(h for _line, h in rows)
        spare = max(0, height - sum(self._live_rows))
        gap = spare // (len(rows) + 1)
        y = gap
        for line, h in rows:
            line.setGeometry(x, y, w, h)
            line.setVisible(h > 0)
            y += h + gap // 2 if line is self.headline else h + gap

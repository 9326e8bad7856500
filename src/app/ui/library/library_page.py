"""Library: every exercise Hamstride can coach, and the athlete's own.

Three views in one page: the list (search, equipment / level / category
filters), on Enter one exercise step by step with its picture, and on
Ctrl+H the "Why hamstrings" page (what they are, why runners train them,
with its sources). Esc goes back. The catalog is read the first time the page is shown, not at
start-up; a damaged exercise file is named in a notice and the rest shows.

For the custom-exercise work: ``set_custom_exercises`` merges the athlete's
exercises into the list, and the page only *asks* for changes through
``add_requested``, ``edit_requested``, ``duplicate_requested`` and
``delete_requested``; it keeps no storage of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.catalog.model import Exercise
from app.kernel.clock import Clock, SystemClock
from app.kernel.i18n import translate
from app.kernel.resources import resources_dir as default_resources_dir
from app.logbook.custom_exercises import CustomExercise
from app.ui.library.detail_view import ExerciseDetailView
from app.ui.library.entries import LibraryEntry
from app.ui.library.list_view import ExerciseListView
from app.ui.library.why_view import WhyView
from app.ui.look.figure_painter import FigureTheme
from app.ui.look.page import Page
from app.ui.look.side_by_side import SideBySide
from app.ui.look.style import SPACING

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.catalog import Catalog
    from app.catalog.loader import LoadResult

NOTICE_LINES = 4
NOTICE_STYLESHEET = """
QFrame#libraryNotice {
    border: 2px solid #b7791f;
    border-radius: 4px;
    padding: 4px;
}
"""


class LibraryPage(Page):
    add_requested = Signal()
    edit_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    exercise_opened = Signal(str)
    start_requested = Signal(str)  # a session of this exercise, with its usual dose

    def __init__(self, parent: QWidget | None = None, *, resources_dir: Path | None = None,
                 clock: Clock | None = None, load: Callable[[], LoadResult] | None = None) -> None:
        """``load`` gives the catalog (the window's, loaded once); without it
        the page reads ``resources_dir`` itself."""
        super().__init__(translate("LibraryPage", "Library"), parent)
        self._resources_dir = resources_dir
        self._load = load
        self.catalog: Catalog | None = None
        self.load_problems: tuple[str, ...] = ()
        self._catalog_entries: list[LibraryEntry] = []
        self._custom: dict[str, CustomExercise] = {}
        self._custom_order: list[CustomExercise] = []

        self._build_header()
        self.problems = self._build_notice()
        self.body.addWidget(self.problems)

        self.stack = QStackedWidget(self)
        self.list_view = ExerciseListView(self.stack)
        self.detail = ExerciseDetailView(clock or SystemClock(), self.stack)
        self.why_view = WhyView(self.stack)
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.detail)
        self.stack.addWidget(self.why_view)
        self._show_view(self.list_view)
        self.body.addWidget(self.stack, 1)

        self._build_actions()
        self.list_view.exercise_activated.connect(self._on_list_view_exercise_activated)
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.detail.variation_activated.connect(self._on_detail_variation_activated)
        self.detail.back_button.clicked.connect(self._on_back_button_clicked)
        self.why_view.back_requested.connect(self._on_why_view_back_requested)
        self.why_button.clicked.connect(self.why_action.trigger)
        self.add_button.clicked.connect(self.add_action.trigger)
        self.start_button.clicked.connect(self.start_action.trigger)
        self.detail.start_button.clicked.connect(self.start_action.trigger)
        self.detail.duplicate_button.clicked.connect(self.duplicate_action.trigger)
        self.detail.edit_button.clicked.connect(self.edit_action.trigger)
        self.detail.delete_button.clicked.connect(self.delete_action.trigger)
        self._set_tab_order()
        self._update_theme()
        self._update_actions()

    # -- building ---------------------------------------------------------

    def _build_header(self) -> None:
        # The page heading shares its row with "Add exercise"; the row is
        # hidden on an exercise's own view, which has its name as heading.
        # The buttons go under the heading when the row has no room for them
        # (a large text size): past the page's right edge it scrolled sideways.
        self.header = QWidget(self)
        header = SideBySide(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(SPACING)
        heading_box = QWidget(self.header)
        row = QHBoxLayout(heading_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.body.removeWidget(self.heading)
        self.heading.setParent(heading_box)
        row.addWidget(self.heading)
        # Next to the heading: the first thing a new athlete may want to read.
        self.why_button = QPushButton(translate("LibraryPage", "Why hamstrings?"), self.header)
        self.why_button.setAccessibleName(translate("LibraryPage", "Why hamstrings"))
        self.why_button.setToolTip(translate("LibraryPage", "What the hamstrings are, why runners "
                                             "train them, and the sources (Ctrl+H)"))
        row.addWidget(self.why_button)
        row.addStretch(1)
        header.add_widget(heading_box, 1)
        buttons_box = QWidget(self.header)
        row = QHBoxLayout(buttons_box)
        row.setContentsMargins(0, 0, 0, 0)
        header.add_widget(buttons_box)
        # No Alt letter: the exercise's own view has the same button (Ctrl+Enter on both).
        self.start_button = QPushButton(translate("LibraryPage", "Start session"), self.header)
        self.start_button.setAccessibleName(translate("LibraryPage", "Start a session of this exercise"))
        self.start_button.setToolTip(translate("LibraryPage", "A session of the selected exercise "
                                               "with its usual dose, your rest from Settings "
                                               "(Ctrl+Enter)"))
        row.addWidget(self.start_button)
        self.add_button = QPushButton(translate("LibraryPage", "Add exercise"), self.header)
        self.add_button.setObjectName("primaryButton")
        self.add_button.setAccessibleName(translate("LibraryPage", "Add exercise"))
        self.add_button.setToolTip(translate("LibraryPage", "Add an exercise of your own (Ctrl+N)"))
        row.addWidget(self.add_button)
        row.addStretch(1)  # under the heading: at the left, at their own width
        self.body.insertWidget(0, self.header)

    def _build_notice(self) -> QFrame:
        notice = QFrame(self)
        notice.setObjectName("libraryNotice")
        notice.setStyleSheet(NOTICE_STYLESHEET)
        notice.setAccessibleName(translate("LibraryPage", "Catalog problems"))
        layout = QVBoxLayout(notice)
        layout.setContentsMargins(SPACING // 2, SPACING // 4, SPACING // 2, SPACING // 4)
        self.problems_title = QLabel(notice)
        self.problems_title.setWordWrap(True)
        font = self.problems_title.font()
        font.setBold(True)
        self.problems_title.setFont(font)
        # Read-only text, a few lines high: however many files are damaged,
        # the list below keeps its room; the arrows scroll it, the mouse copies.
        self.problems_text = QPlainTextEdit(notice)
        self.problems_text.setReadOnly(True)
        self.problems_text.setFrameShape(QFrame.Shape.NoFrame)
        self.problems_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems_text.setAccessibleName(translate("LibraryPage", "Catalog problems"))
        self.problems_text.setToolTip(translate("LibraryPage",
                                                "Each damaged exercise file and what is wrong in it; "
                                                "fix the file or reinstall Hamstride"))
        self.problems_text.setTabChangesFocus(True)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_text)
        notice.hide()
        return notice

    def _build_actions(self) -> None:
        window = Qt.ShortcutContext.WindowShortcut
        self.add_action = self._action(
            translate("LibraryPage", "&Add exercise…"), ["Ctrl+N"],
            translate("LibraryPage", "Add an exercise of your own"),
            translate("LibraryPage", "Add an exercise of your own (Ctrl+N)"),
            self._on_add_action_triggered, window)
        self.duplicate_action = self._action(
            translate("LibraryPage", "&Duplicate…"), ["Ctrl+D"],
            translate("LibraryPage", "Make your own copy of this exercise to change"),
            translate("LibraryPage", "Make your own copy of this exercise to change (Ctrl+D)"),
            self._on_duplicate_action_triggered, window)
        self.edit_action = self._action(
            translate("LibraryPage", "&Edit…"), ["Ctrl+E"],
            translate("LibraryPage", "Change this exercise of yours"),
            translate("LibraryPage", "Change this exercise of yours (Ctrl+E)"),
            self._on_edit_action_triggered, window)
        self.start_action = self._action(
            translate("LibraryPage", "&Start session"), ["Ctrl+Return", "Ctrl+Enter"],
            translate("LibraryPage", "A session of this exercise with its usual dose"),
            translate("LibraryPage", "A session of this exercise with its usual dose (Ctrl+Enter)"),
            self._on_start_action_triggered, window)
        self.why_action = self._action(
            translate("LibraryPage", "&Why hamstrings"), ["Ctrl+H"],
            translate("LibraryPage", "What the hamstrings are and why runners train them"),
            translate("LibraryPage", "What the hamstrings are, why runners train them, and the "
                                     "sources (Ctrl+H)"),
            self._on_why_action_triggered, window)
        self.search_action = self._action(
            translate("LibraryPage", "&Find"), ["/", "Ctrl+F"],
            translate("LibraryPage", "Search the exercises"),
            translate("LibraryPage", "Search the exercises (/ or Ctrl+F)"),
            self._on_search_action_triggered, window)
        # Delete only with the list focused: elsewhere the key edits text.
        self.delete_action = self._action(
            translate("LibraryPage", "De&lete…"), ["Delete"],
            translate("LibraryPage", "Delete this exercise of yours"),
            translate("LibraryPage", "Delete this exercise of yours (Delete)"),
            self._on_delete_action_triggered, Qt.ShortcutContext.WidgetShortcut, self.list_view.list)
        for action in (self.duplicate_action, self.edit_action, self.add_action):
            self.list_view.list.addAction(action)
        self.back_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        self.back_shortcut.setContext(window)
        self.back_shortcut.activated.connect(self._on_back_shortcut_activated)

    def _action(self, text: str, keys: list[str], tip: str, tooltip: str, slot: object,
                context: Qt.ShortcutContext, owner: QWidget | None = None) -> QAction:
        """``tip`` for the status bar, ``tooltip``: the same with its keys."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(context)
        action.setToolTip(tooltip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        (owner or self).addAction(action)
        return action

    def _set_tab_order(self) -> None:
        lv = self.list_view
        chain: list[QWidget] = [self.why_button, self.start_button, self.add_button,
                                self.problems_text, lv.search,
                                *lv.group_boxes.values(), lv.level_box, lv.category_box,
                                lv.clear_filters_button, lv.list, lv.empty_clear_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the catalog and custom exercises -----------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Loaded on first view, not at start-up: nothing on the first screen needs it.
        if self.catalog is None:
            self.load_catalog()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.detail.stop()  # no animating while nobody looks
        super().hideEvent(event)

    def load_catalog(self) -> None:
        from app.catalog import load_catalog

        result = self._load() if self._load is not None else \
            load_catalog(self._resources_dir or default_resources_dir())
        self.catalog = result.catalog
        self.load_problems = result.problems
        count = len(result.problems)
        # Two messages, both counted: English says "that exercise" for one
        # file and "those" for more, which its plural marks cannot; each
        # language gets its own plural forms of both.
        if count == 1:
            title = translate("LibraryPage", "⚠ Problem: %n exercise file could not be read, so that "
                                             "exercise is left out.", None, count)
        else:
            title = translate("LibraryPage", "⚠ Problem: %n exercise files could not be read, so "
                                             "those exercises are left out.", None, count)
        self.problems_title.setText(title)
        self.problems_text.setPlainText("\n".join(f"•  {problem}" for problem in result.problems))
        # As many lines as problems (one may wrap), up to a few; beyond, it scrolls.
        lines = min(NOTICE_LINES, max(2, count))
        margins = self.problems_text.contentsMargins()
        self.problems_text.setFixedHeight(
            self.problems_text.fontMetrics().lineSpacing() * lines
            + 2 * round(self.problems_text.document().documentMargin())
            + margins.top() + margins.bottom())
        self.list_view.catalog_incomplete = bool(result.problems)
        self.problems.setVisible(bool(result.problems) and not self.is_detail_shown)
        self._catalog_entries = [LibraryEntry.of(e) for e in result.catalog.exercises]
        self._refresh_entries()

    def set_custom_exercises(self, exercises: list[CustomExercise]) -> None:
        """Show the athlete's own exercises in the list, marked "Custom".

        May be called before the page is first shown; they join the catalog
        when it loads. An open custom exercise is refreshed, or closed if it
        is gone.
        """
        self._custom_order = list(exercises)
        self._custom = {e.slug: e for e in exercises}
        if self.catalog is not None:
            self._refresh_entries()
        shown = self.detail.exercise
        if self.is_detail_shown and isinstance(shown, CustomExercise):
            replacement = self._custom.get(shown.slug)
            if replacement is None:
                self.show_list()
            else:
                self.detail.show_exercise(replacement, self.catalog, self.detail.step_index)
        self._update_actions()

    def _refresh_entries(self) -> None:
        known = {entry.slug for entry in self._catalog_entries}
        custom = [LibraryEntry.of(e) for e in self._custom_order if e.slug not in known]
        self.list_view.set_entries(self._catalog_entries + custom)
        self._update_actions()

    def lookup(self, slug: str) -> Exercise | CustomExercise | None:
        if self.catalog is not None and slug in self.catalog:
            return self.catalog.get(slug)
        return self._custom.get(slug)

    def focus_target(self) -> QWidget | None:
        """The exercise list (arrows, Enter opens one; / jumps to the search),
        or the open exercise's Next button."""
        if self.is_detail_shown:
            return self.detail.next_button if self.detail.next_button.isEnabled() \
                else self.detail.back_button
        if self.is_why_shown:
            return self.why_view.text
        return self.list_view.list

    # -- switching views --------------------------------------------------

    @property
    def is_detail_shown(self) -> bool:
        return self.stack.currentWidget() is self.detail

    def _show_view(self, view: QWidget) -> None:
        """Show one of the three views. A stack is as wide as its widest view,
        shown or not: at a large text size the list's filters would make the
        "Why hamstrings" page scroll sideways, its lines cut at the edge. The
        hidden views' sizes are ignored, so the shown one alone sets the width."""
        for widget in (self.list_view, self.detail, self.why_view):
            policy = QSizePolicy.Policy.Preferred if widget is view else QSizePolicy.Policy.Ignored
            widget.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(view)

    @property
    def is_why_shown(self) -> bool:
        return self.stack.currentWidget() is self.why_view

    def current_slug(self) -> str:
        """The exercise open in the detail view, else the one selected in the
        list; none while the "Why hamstrings" page shows."""
        exercise = self.detail.exercise
        if self.is_detail_shown and exercise is not None:
            return exercise.slug
        if self.is_why_shown:
            return ""
        return self.list_view.current_slug()

    def show_why(self) -> None:
        """The "Why hamstrings" page (read the first time it is shown)."""
        self.detail.stop()
        self.why_view.load(self._resources_dir)
        self._show_view(self.why_view)
        self.header.hide()
        self.problems.hide()
        self.why_view.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def open_exercise(self, slug: str) -> bool:
        """Show one exercise step by step; False if there is none with this slug."""
        if self.catalog is None:
            self.load_catalog()
        exercise = self.lookup(slug)
        if exercise is None:
            return False
        self.list_view.select_slug(slug)  # Esc comes back to it, when the filter shows it
        self.detail.show_exercise(exercise, self.catalog)
        self._show_view(self.detail)
        self.header.hide()
        self.problems.hide()
        focus = self.detail.next_button if self.detail.next_button.isEnabled() else self.detail.back_button
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()
        self.exercise_opened.emit(slug)
        return True

    def show_list(self) -> None:
        slug = self.detail.exercise.slug \
            if self.is_detail_shown and self.detail.exercise is not None else ""
        self.detail.stop()
        self._show_view(self.list_view)
        self.header.show()
        self.problems.setVisible(bool(self.load_problems))
        if slug:
            self.list_view.select_slug(slug)
        if self.list_view.shown_count():
            self.list_view.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.list_view.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def _update_actions(self) -> None:
        exercise = self.lookup(self.current_slug()) if self.current_slug() else None
        custom = isinstance(exercise, CustomExercise)
        self.duplicate_action.setEnabled(exercise is not None)
        self.edit_action.setEnabled(custom)
        self.delete_action.setEnabled(custom)
        self.start_action.setEnabled(exercise is not None)
        self.start_button.setEnabled(exercise is not None)
        self.detail.start_button.setEnabled(exercise is not None)

    # -- theme ------------------------------------------------------------

    def _update_theme(self) -> None:
        window = self.palette().color(QPalette.ColorRole.Window)
        self.detail.set_theme(FigureTheme.DARK if window.lightness() < 128 else FigureTheme.LIGHT)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._update_theme()
        super().changeEvent(event)

    # -- slots ------------------------------------------------------------

    def _on_list_view_exercise_activated(self, slug: str) -> None:
        self.open_exercise(slug)

    def _on_list_view_current_changed(self, slug: str) -> None:
        self._update_actions()
        # The athlete is looking at this one: place its poses now, in the
        # background, so Enter opens a picture rather than a placeholder.
        exercise = self.lookup(slug)
        if isinstance(exercise, Exercise):
            self.detail.figure.prepare_ahead([exercise])

    def _on_detail_variation_activated(self, slug: str) -> None:
        self.open_exercise(slug)

    def _on_back_button_clicked(self) -> None:
        self.show_list()

    def _on_back_shortcut_activated(self) -> None:
        self.show_list()

    def _on_why_action_triggered(self) -> None:
        self.show_why()

    def _on_why_view_back_requested(self) -> None:
        self.show_list()

    def _on_search_action_triggered(self) -> None:
        if self.is_detail_shown or self.is_why_shown:
            self.show_list()
        self.list_view.focus_search()

    def _on_start_action_triggered(self) -> None:
        slug = self.current_slug()
        if slug and self.lookup(slug) is not None:
            self.start_requested.emit(slug)

    def _on_add_action_triggered(self) -> None:
        self.add_requested.emit()

    def _on_duplicate_action_triggered(self) -> None:
        slug = self.current_slug()
        if self.lookup(slug) is not None:
            self.duplicate_requested.emit(slug)

    def _on_edit_action_triggered(self) -> None:
        slug = self.current_slug()
        if isinstance(self.lookup(slug), CustomExercise):
            self.edit_requested.emit(slug)

    def _on_delete_action_triggered(self) -> None:
        slug = self.current_slug()
        if isinstance(self.lookup(slug), CustomExercise):
            self.delete_requested.emit(slug)

"""The window's pages and the controllers behind them.

One builder per page (PAGE_BUILDERS' order is the navigation's): a page is
built, with its controller, the first time it is shown, from what the run's
AppContext holds, so start-up pays only for Today. What a page asks of the
rest of the window (a session, another page, a line in the status bar) comes
out as this object's signals, which the window connects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.kernel.i18n import QT_TRANSLATE_NOOP
from app.ui.base.alerts import Alerts
from app.ui.base.log_writer import LogWriter
from app.ui.look.page import Page
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from app.storage.queries import LogReader
    from app.ui.history.controller import HistoryController
    from app.ui.library.custom_exercise_controller import CustomExerciseController
    from app.ui.programs.controller import ProgramsController
    from app.ui.today.controller import TodayController
    from app.ui.week.controller import WeekController

TODAY, LIBRARY, PROGRAMS, HISTORY, SETTINGS, WEEK = range(6)
PAGE_TITLES = (QT_TRANSLATE_NOOP("MainWindow", "Today"), QT_TRANSLATE_NOOP("MainWindow", "Library"),
               QT_TRANSLATE_NOOP("MainWindow", "Programs"), QT_TRANSLATE_NOOP("MainWindow", "History"),
               QT_TRANSLATE_NOOP("MainWindow", "Settings"), QT_TRANSLATE_NOOP("MainWindow", "Week"))
# The navigation's icons (today.svg...), named after the untranslated titles.
PAGE_ICONS = tuple(title.lower() for title in PAGE_TITLES)


class Pages(QObject):
    status = Signal(str, int)         # a line for the status bar, and for how long (ms)
    status_cleared = Signal()
    log_changed = Signal()            # a page wrote to the log: every page reads it again
    programs_wanted = Signal()        # Today's "Programs": show that page
    free_session_wanted = Signal()    # Today's "Free session": the session builder
    exercise_wanted = Signal(str)     # the Library's Start: a session of this exercise
    program_session_wanted = Signal(object)  # Today's Start: this SessionPlan, targets applied
    backup_wanted = Signal()          # Settings: back up now
    restore_wanted = Signal(object)   # Settings: restore the backup at this Path
    setting_changed = Signal(str, object)  # Settings: a setting's new value

    def __init__(self, context: AppContext, writer: LogWriter, alerts: Alerts,
                 stack: QStackedWidget, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._writer = writer
        self._alerts = alerts
        self._stack = stack
        self._parent_widget = parent_widget
        self._pages: dict[int, Page] = {}
        self._builders: dict[int, Callable[[], Page]] = {
            TODAY: self._build_today, LIBRARY: self._build_library,
            PROGRAMS: self._build_programs, HISTORY: self._build_history,
            SETTINGS: self._build_settings, WEEK: self._build_week}
        self.today: TodayController | None = None
        self.custom_exercises: CustomExerciseController | None = None
        self.programs: ProgramsController | None = None
        self.history: HistoryController | None = None
        self.week: WeekController | None = None

    def built(self, row: int) -> bool:
        return row in self._pages

    def page(self, row: int) -> Page:
        """The page at ``row``, built now if it has not been shown yet."""
        page = self._pages.get(row)
        if page is None:
            # Each builder imports its page's modules: loaded when first shown.
            page = self._builders[row]()
            if row != TODAY:
                # The wheel scrolls the page, not the field under the pointer.
                # Today holds no such field, and the guard's Qt classes cost
                # start-up ~1.6 MB (the layout test checks every page's fields).
                from app.ui.look.wheel_guard import protect

                protect(page)
            self._pages[row] = page
            self._stack.addWidget(page)
            if self._context.reader is not None:
                page.show_log(self._context.reader)
        return page

    def show_log(self, reader: LogReader, *, again: bool = False) -> None:
        """Every page built, and its controller, shows the log (``again``:
        read once more after a write)."""
        if self.history is not None:  # its names first: the History page reads them
            self.history.show_log(reader)
        for page in self._pages.values():
            page.show_log(reader)
        if self.custom_exercises is not None:
            if again:
                self.custom_exercises.refresh()
            else:
                self.custom_exercises.show_log(reader)
        if self.programs is not None:
            self.programs.show_log(reader)
        if self.today is not None:
            self.today.show_log(reader)
        if self.week is not None:
            self.week.show_log(reader)

    # -- the builders ---------------------------------------------------------------

    def _build_today(self) -> Page:
        from app.ui.today.controller import TodayController
        from app.ui.today.today_page import TodayPage

        context = self._context
        today = TodayPage()
        self.today = TodayController(today, context.program_book, self._alerts, context.clock,
                                     context.paths.database, self.program_session_wanted.emit,
                                     self._parent_widget, writer=self._writer)
        today.programs_requested.connect(self.programs_wanted)
        today.free_requested.connect(self.free_session_wanted)
        return today

    def _build_library(self) -> Page:
        from app.ui.library.custom_exercise_controller import CustomExerciseController
        from app.ui.library.library_page import LibraryPage
        from app.ui.shell.session_starts import WARM_SESSION_MS, warm_sessions

        # The run's catalog: loaded once, and already there when a session starts.
        library = LibraryPage(load=self._context.catalog_result)
        library.start_requested.connect(self.exercise_wanted)
        # The athlete is choosing: load the session's code now, not on Ctrl+Enter.
        QTimer.singleShot(WARM_SESSION_MS, warm_sessions)
        self.custom_exercises = CustomExerciseController(library, self._writer, self._alerts,
                                                         self._parent_widget)
        self.custom_exercises.changed.connect(self._on_custom_exercises_changed)
        if self._context.reader is not None:
            self.custom_exercises.show_log(self._context.reader)
        return library

    def _build_programs(self) -> Page:
        from app.ui.programs.controller import ProgramsController
        from app.ui.programs.programs_page import ProgramsPage

        programs = ProgramsPage()
        self.programs = ProgramsController(programs, self._context.program_book, self._writer,
                                           self._alerts, self._context.clock, self._parent_widget)
        self.programs.log_changed.connect(self.log_changed)
        self.programs.status_changed.connect(self._on_page_status_changed)
        if self._context.reader is not None:
            self.programs.show_log(self._context.reader)
        return programs

    def _build_history(self) -> Page:
        from app.ui.history.controller import HistoryController
        from app.ui.history.history_page import HistoryPage

        context = self._context
        history = HistoryPage()
        self.history = HistoryController(history, self._writer, self._alerts, context.paths,
                                         context.catalog, self._parent_widget, clock=context.clock)
        self.history.log_changed.connect(self.log_changed)
        self.history.status_changed.connect(self._on_page_status_changed)
        if context.reader is not None:
            self.history.show_log(context.reader)
        return history

    def _build_settings(self) -> Page:
        from app.ui.desktop.speech import SpokenCounts
        from app.ui.settings.settings_page import SettingsPage

        settings = SettingsPage(self._context.paths)
        settings.backup_requested.connect(self.backup_wanted)
        settings.restore_requested.connect(self.restore_wanted)
        settings.setting_changed.connect(self.setting_changed)
        # Only lists the installed engines (no engine is started): cheap and safe.
        speech = SpokenCounts(parent=settings)
        settings.set_spoken_counts_available(speech.available, speech.reason)
        return settings

    def _build_week(self) -> Page:
        from app.ui.week.controller import WeekController
        from app.ui.week.week_page import WeekPage

        context = self._context
        week = WeekPage()
        self.week = WeekController(week, context.program_book, self._writer, self._alerts,
                                   context.clock, context.paths.database, self._parent_widget)
        self.week.log_changed.connect(self.log_changed)
        self.week.status_changed.connect(self._on_page_status_changed)
        if context.reader is not None:
            self.week.show_log(context.reader)
        return week

    def _on_page_status_changed(self, message: str) -> None:
        if message:
            self.status.emit(message, 10000)
        else:
            self.status_cleared.emit()

    def _on_custom_exercises_changed(self, message: str) -> None:
        self.status.emit(message, 8000)

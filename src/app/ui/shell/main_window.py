"""The main window: navigation on the left, the chosen page on the right.

The window is the frame (navigation, menus, the status bar, gym mode) and
the composition root: it holds the run's AppContext and hands the rest to
its parts: pages (one builder per page, each page built when first shown),
session_starts (every way into a session), welcome_flow, backups (back up
and restore) and settings_writes (a changed setting, the theme and text
size), the last four imported when first needed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME
from app.kernel.atomic import SymlinkRefusedError, prepare_private_file
from app.kernel.clock import Clock
from app.kernel.i18n import translate
from app.kernel.paths import AppPaths
from app.ui.base.alerts import Alerts
from app.ui.base.log_writer import LogWriter
from app.ui.look.app_icon import app_icon
from app.ui.look.page import Page
from app.ui.look.style import NAVIGATION_ITEM_HEIGHT, NAVIGATION_SCALE, heading_font
from app.ui.shell.pages import (
    HISTORY,
    LIBRARY,
    PAGE_ICONS,
    PAGE_TITLES,
    PROGRAMS,
    SETTINGS,
    TODAY,
    WEEK,
    Pages,
)
from app.usecases.context import AppContext

if TYPE_CHECKING:
    from pathlib import Path

    from app.catalog.loader import LoadResult
    from app.catalog.model import Catalog
    from app.coaching.book import ProgramBook
    from app.session.plan import SessionPlan
    from app.session.saved import SavedSession
    from app.storage.database import OpenReport
    from app.storage.queries import LogReader
    from app.ui.history.controller import HistoryController
    from app.ui.history.history_page import HistoryPage
    from app.ui.library.custom_exercise_controller import CustomExerciseController
    from app.ui.library.library_page import LibraryPage
    from app.ui.programs.controller import ProgramsController
    from app.ui.programs.programs_page import ProgramsPage
    from app.ui.programs.readiness_dialog import ReadinessDialog
    from app.ui.session.session_builder import SessionBuilderDialog
    from app.ui.session.session_host import SessionHost
    from app.ui.settings.settings_page import SettingsPage
    from app.ui.shell.backups import Backups
    from app.ui.shell.session_starts import SessionStarts
    from app.ui.shell.settings_writes import SettingsWrites
    from app.ui.shell.welcome_dialog import WelcomeDialog
    from app.ui.shell.welcome_flow import WelcomeFlow
    from app.ui.today.controller import TodayController
    from app.ui.today.today_page import TodayPage
    from app.ui.week.controller import WeekController
    from app.ui.week.week_page import WeekPage

log = logging.getLogger(__name__)

# One module because the window's public face is one object: tests, GuiSession
# and the benchmarks' drivers reach the app through MainWindow (window.session,
# start_session, history_page...), so each part's entry points stay here as
# one-line delegations beside the frame they act on (navigation, menus, the
# status bar, gym mode). The parts themselves are their own modules (above).


def _window_settings(path: Path) -> QSettings | None:
    """The window's size and place, kept 0600 like every file of the app's.
    Qt writes through a symbolic link: a planted window.ini link is refused
    (the window then opens at its first-start size and remembers nothing)."""
    try:
        prepare_private_file(path)
    except SymlinkRefusedError as exc:
        log.warning("%s", exc)
        return None
    return QSettings(str(path), QSettings.Format.IniFormat)

NAVIGATION_WIDTH = 220
DEFAULT_SIZE = QSize(1280, 800)
FIRST_WINDOW_SHARE = 0.9    # of the screen's room, each way, on a first start...
SMALL_SCREEN_SHARE = 0.95   # ...or DEFAULT_SIZE, up to this share of a small screen


class MainWindow(QMainWindow):
    log_ready = Signal()
    closed = Signal()

    def __init__(self, paths: AppPaths, alerts: Alerts, clock: Clock,
                 parent: QWidget | None = None, *, context: AppContext | None = None) -> None:
        super().__init__(parent)
        # What the run shares (the catalog, the open log, the clocks): the
        # application builds it; a window built alone (tests) makes its own.
        self.context = context if context is not None else AppContext(paths, clock)
        self._paths = paths
        self._alerts = alerts
        self._clock = clock
        # Writes go through one background writer; its thread starts on first use.
        self.writer = LogWriter(paths, clock, self)
        self.offer_welcome = False  # the app's entry point turns it on; tests open it themselves
        # The window's parts that are not its frame, each made when first needed.
        self._starts: SessionStarts | None = None
        self._welcome: WelcomeFlow | None = None
        self._backups: Backups | None = None
        self._settings_writes: SettingsWrites | None = None
        # Window state lives beside the data, not in ~/.config, so a data dir
        # (and every test's tmp dir) is self-contained.
        self._window_settings = _window_settings(paths.data_dir / "window.ini")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())  # PNG file names only: cheap at start-up
        self.setAccessibleName(translate("MainWindow", "{app} main window").format(app=APP_NAME))

        # Pages are built the first time they are shown: start-up pays only
        # for the first screen.
        self.stack = QStackedWidget()
        self.pages = Pages(self.context, self.writer, alerts, self.stack, self)
        self.pages.status.connect(self._on_pages_status)
        self.pages.status_cleared.connect(self.statusBar().clearMessage)
        self.pages.log_changed.connect(self.refresh_log_views)
        self.pages.programs_wanted.connect(self._on_pages_programs_wanted)
        self.pages.free_session_wanted.connect(self.open_session_builder)
        self.pages.exercise_wanted.connect(self.start_exercise)
        self.pages.program_session_wanted.connect(self._start_program_session)
        self.pages.backup_wanted.connect(self._on_backup_action_triggered)
        self.pages.restore_wanted.connect(self._on_pages_restore_wanted)
        self.pages.setting_changed.connect(self._on_pages_setting_changed)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(translate("MainWindow", "Navigation"))
        self.navigation.setToolTip(translate("MainWindow", "Go to a page (Ctrl+1 to Ctrl+6)"))
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        nav_font = heading_font(self.navigation.font(), NAVIGATION_SCALE)
        nav_font.setWeight(nav_font.Weight.Normal)
        self.navigation.setFont(nav_font)
        for number, title in enumerate(self.page_titles(), start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} ({shortcut_text(f'Ctrl+{number}')})")
            item.setSizeHint(QSize(NAVIGATION_WIDTH, NAVIGATION_ITEM_HEIGHT))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)

        self.pages_area = QWidget()
        layout = QHBoxLayout(self.pages_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        # Two modes: the pages, or a running session filling the window.
        self.modes = QStackedWidget()
        self.modes.addWidget(self.pages_area)
        self.setCentralWidget(self.modes)

        self.store_status = QLabel(translate("MainWindow", "Opening your training log…"))
        self.store_status.setAccessibleName(translate("MainWindow", "Training log status"))
        self.statusBar().addWidget(self.store_status, 1)
        # A message takes the log's status's place. QStatusBar hides its normal
        # widgets for a message only as it is shown, and a change of text size
        # then showed the status again under the message (text on text).
        self.statusBar().messageChanged.connect(
            lambda message: self.store_status.setVisible(not message))
        self.statusBar().setAccessibleName(translate("MainWindow", "Status bar"))

        self._build_actions()
        self.navigation.setCurrentRow(0)
        self._restore_geometry()

    # -- actions and menus ----------------------------------------------

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        self.builder_action = self._action(
            translate("MainWindow", "&New free session…"), "Ctrl+Shift+N",
            translate("MainWindow", "Pick exercises from the Library and start them"),
            self.open_session_builder)
        file_menu.addAction(self.builder_action)
        self.backup_action = self._action(
            translate("MainWindow", "&Back up now"), "Ctrl+B",
            translate("MainWindow", "Write a copy of the database into the backups folder"),
            self._on_backup_action_triggered)
        self.backup_action.setEnabled(False)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        self.quit_action = self._action(translate("MainWindow", "&Quit"), "Ctrl+Q",
                                        translate("MainWindow", "Close {app}").format(app=APP_NAME),
                                        self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        self.page_actions: list[QAction] = []
        for number, title in enumerate(self.page_titles(), start=1):
            action = self._action(f"&{number} {title}", f"Ctrl+{number}",
                                  translate("MainWindow", "Show the {page} page").format(page=title),
                                  lambda _checked=False, row=number - 1: self.open_page(row))
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.full_screen_action = self._action(
            translate("MainWindow", "&Full screen"), "F11",
            translate("MainWindow", "Fill the screen (F11 again to leave)"), self.toggle_full_screen)
        self.full_screen_action.setCheckable(True)
        view_menu.addAction(self.full_screen_action)

        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        self.about_action = self._action(
            translate("MainWindow", "&About {app}").format(app=APP_NAME), "F1",
            translate("MainWindow", "Version and where your data lives"), self._show_about)
        help_menu.addAction(self.about_action)
        self.welcome_action = self._action(
            translate("MainWindow", "&Welcome…"), "Ctrl+Shift+W",
            translate("MainWindow", "Choose units, training days and a program"), self.show_welcome)
        help_menu.addAction(self.welcome_action)

    def _action(self, text: str, shortcut: str, tip: str, slot: object) -> QAction:
        action = QAction(text, self)
        # setShortcuts([...]), not setShortcut(...): the latter's overloads
        # make PySide build the whole Qt namespace (~50 ms at start-up).
        action.setShortcuts([QKeySequence(shortcut)])
        action.setToolTip(f"{tip} ({shortcut_text(shortcut)})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden (full screen)
        return action

    # -- navigation -------------------------------------------------------

    @staticmethod
    def page_titles() -> list[str]:
        """The pages' names in the athlete's language, in navigation order."""
        return [translate("MainWindow", title) for title in PAGE_TITLES]

    def show_page(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def open_page(self, row: int) -> None:
        """Show a page from its shortcut, with the keyboard in its content."""
        self.show_page(row)
        target = self.current_page().focus_target()
        if target is not None:
            target.setFocus()

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def page(self, row: int) -> Page:
        """The page at ``row``, built now if it has not been shown yet."""
        return self.pages.page(row)

    @property
    def today(self) -> TodayController | None:
        return self.pages.today

    @property
    def custom_exercises(self) -> CustomExerciseController | None:
        return self.pages.custom_exercises

    @property
    def programs(self) -> ProgramsController | None:
        return self.pages.programs

    @property
    def history(self) -> HistoryController | None:
        return self.pages.history

    @property
    def week(self) -> WeekController | None:
        return self.pages.week

    @property
    def today_page(self) -> TodayPage:
        return self.page(TODAY)  # type: ignore[return-value]

    @property
    def library_page(self) -> LibraryPage:
        return self.page(LIBRARY)  # type: ignore[return-value]

    @property
    def programs_page(self) -> ProgramsPage:
        return self.page(PROGRAMS)  # type: ignore[return-value]

    @property
    def history_page(self) -> HistoryPage:
        return self.page(HISTORY)  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self.page(SETTINGS)  # type: ignore[return-value]

    @property
    def week_page(self) -> WeekPage:
        return self.page(WEEK)  # type: ignore[return-value]

    def _on_navigation_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentWidget(self.page(row))
            self.setWindowTitle(translate("MainWindow", "{page} – {app}").format(
                page=translate("MainWindow", PAGE_TITLES[row]), app=APP_NAME))

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    # -- the database -----------------------------------------------------

    @property
    def reader(self) -> LogReader | None:
        return self.context.reader

    @property
    def clock(self) -> Clock:
        """The clock the window's pages read the time from (a FakeClock in tests)."""
        return self._clock

    @property
    def log_read_only(self) -> bool:
        """The log can be read but not written (attach_log)."""
        return self.context.log_read_only

    @property
    def session_clock(self) -> Clock:
        """The clock sessions run on (GuiSession sets a scaled one for demonstrations)."""
        return self.context.session_clock

    @session_clock.setter
    def session_clock(self, clock: Clock) -> None:
        self.context.scaled_clock = clock

    def attach_log(self, reader: LogReader, report: OpenReport) -> None:
        self.context.reader = reader
        # The athlete's theme and text size, before the pages read the log
        # (so nothing is drawn twice) and before anything may close it.
        self._setting_writes().apply_stored_look(self.context.settings())
        self.context.log_read_only = report.read_only
        for notice in report.notices:
            self._alerts.warning(translate("MainWindow", "Your training log"), notice)
        if report.migrated_from is not None:
            self.statusBar().showMessage(
                translate("MainWindow", "Log upgraded from version {version}; the old one was "
                          "saved as {backup}").format(version=report.migrated_from,
                                                      backup=report.backup), 15000)
        self.backup_action.setEnabled(True)
        self.pages.show_log(reader)
        self._update_log_status()
        # Decided before log_ready: a listener may close the window (and the log) at once.
        welcome = False
        if self.offer_welcome:
            from app.ui.shell.welcome_flow import welcome_is_due

            welcome = welcome_is_due(reader, report)
        self.log_ready.emit()
        if welcome and self.reader is not None:
            self.show_welcome()

    def detach_log(self) -> None:
        """Let go of the log (found damaged while shown: it is checked, set
        aside and a new one attached); pages keep what they show until then."""
        if self.today is not None:
            self.today.close()  # its own reader of the file
        if self.context.reader is not None:
            self.context.reader.close()
            self.context.reader = None
        self.backup_action.setEnabled(False)

    def refresh_log_views(self) -> None:
        """Every page that shows the log reads it again (after a write elsewhere)."""
        if self.reader is not None:
            self.pages.show_log(self.reader, again=True)
            self._update_log_status()

    def _update_log_status(self) -> None:
        if self.reader is None:
            return
        self.store_status.setText(
            translate("MainWindow", "%n session(s) logged · data in {folder}",
                      n=self.reader.count_sessions()).format(folder=self._paths.data_dir))

    def catalog(self) -> Catalog:
        """The exercise library (the run's, loaded the first time it is asked for)."""
        return self.context.catalog()

    def catalog_result(self) -> LoadResult:
        """The exercise library with what could not be read (the run's)."""
        return self.context.catalog_result()

    def program_book(self) -> ProgramBook:
        """Every program, built in and the athlete's own (the run's)."""
        return self.context.program_book()

    def warm_first_screen(self, reader: LogReader) -> None:
        """Parse the library and the built-in programs (~80 ms of TOML) that
        Today needs with the log, and import its rules (~30 ms). The database
        loader calls this from its worker thread, so that the UI thread does
        not stop for them. Today needs them only for a program followed: an
        athlete who follows none is spared the work and its memory (~2 MB)."""
        from app.ui.today.controller import import_today_rules

        if reader.active_enrolment() is None:
            return
        self.context.program_book().built_in()
        import_today_rules()

    # -- the welcome --------------------------------------------------------

    @property
    def welcome_dialog(self) -> WelcomeDialog | None:
        """The welcome open now, if any."""
        return None if self._welcome is None else self._welcome.dialog

    @welcome_dialog.setter
    def welcome_dialog(self, dialog: WelcomeDialog | None) -> None:
        # None lets go of the one open, so that show_welcome makes a new one
        # (the layout tests show it again at each size).
        if self._welcome is not None:
            self._welcome.dialog = dialog

    def show_welcome(self) -> None:
        """The welcome: units, training days, a program (Help > Welcome)."""
        if self.reader is None or self.session is not None:
            return
        if self._welcome is None:
            from app.ui.shell.welcome_flow import WelcomeFlow

            self._welcome = WelcomeFlow(self.context, self.writer, self)
            self._welcome.kept.connect(self._on_welcome_kept)
        self._welcome.show()

    def _on_welcome_kept(self) -> None:
        self.refresh_log_views()
        self.statusBar().showMessage(
            translate("MainWindow", "Your choices are kept; Help > Welcome changes them"), 8000)

    # -- sessions: started by session_starts, framed here -----------------------------------

    def _session_starts(self) -> SessionStarts:
        if self._starts is None:
            from app.ui.shell.session_starts import SessionStarts

            self._starts = SessionStarts(self.context, self.writer, self._alerts, self)
            self._starts.entered.connect(self._on_session_starts_entered)
            self._starts.named.connect(self._on_session_starts_named)
            self._starts.ended.connect(self._on_session_starts_ended)
            self._starts.setting_raised.connect(self._on_session_starts_setting_raised)
            self._starts.program_saved.connect(self._on_session_starts_program_saved)
        return self._starts

    @property
    def session(self) -> SessionHost | None:
        """The session running in the window, if any."""
        return None if self._starts is None else self._starts.session

    @property
    def session_builder(self) -> SessionBuilderDialog | None:
        return None if self._starts is None else self._starts.session_builder

    @property
    def readiness_dialog(self) -> ReadinessDialog | None:
        """The readiness check open before a session, if any."""
        return None if self._starts is None else self._starts.readiness_dialog

    def start_session(self, plan: SessionPlan, clock: Clock, keep_tempo: bool = False) -> None:
        """Gym mode, running ``plan`` (SessionStarts.start_session)."""
        self._session_starts().start_session(plan, clock, keep_tempo)

    def begin_session(self, plan: SessionPlan, *, targets_applied: bool = False) -> bool:
        """A new session through every start check (SessionStarts.begin_session)."""
        return self._session_starts().begin_session(plan, targets_applied=targets_applied)

    def offer_resume(self, saved: SavedSession, clock: Clock) -> bool:
        """Offer to carry on a session that was cut off (SessionStarts.offer_resume)."""
        return self._session_starts().offer_resume(saved, clock)

    def start_exercise(self, slug: str) -> bool:
        """A session of one Library exercise (SessionStarts.start_exercise)."""
        return self._session_starts().start_exercise(slug)

    def open_session_builder(self) -> None:
        """The free session builder (Today's Free session, Ctrl+Shift+N)."""
        self._session_starts().open_session_builder()

    def _start_program_session(self, plan: SessionPlan) -> None:
        self.begin_session(plan, targets_applied=True)  # Today's plan carries its targets

    def _on_session_starts_entered(self, host: SessionHost) -> None:
        self.modes.addWidget(host.screen)
        self.modes.setCurrentWidget(host.screen)
        for action in (*self.page_actions, self.builder_action):
            action.setEnabled(False)  # page keys would leave the session behind the screen
        # Gym mode gets the whole window: the menu and status bars (taller at a
        # large text size) would take its height. Their keys still work (_action).
        self.menuBar().hide()
        self.statusBar().hide()
        self.setWindowTitle(translate("MainWindow", "Session – {app}").format(app=APP_NAME))

    def _on_session_starts_named(self, title: str) -> None:
        """The window's title names the session: a session changed by the
        readiness check says so there too ("... (no heavy work)")."""
        self.setWindowTitle(translate("MainWindow", "Session – {session} – {app}").format(
            session=title, app=APP_NAME))

    def _on_session_starts_ended(self, host: SessionHost) -> None:
        self.modes.setCurrentWidget(self.pages_area)
        self.modes.removeWidget(host.screen)
        host.screen.deleteLater()
        host.deleteLater()
        for action in (*self.page_actions, self.builder_action):
            action.setEnabled(True)
        self.menuBar().show()
        self.statusBar().show()
        self.refresh_log_views()
        self.show_page(HISTORY)
        kept = host.controller is None or host.controller.session_id is not None
        if host.controller is not None and host.controller.finish_failed:
            # Its end could not be stored: never say it was saved. The saved
            # session is kept, so nothing is lost.
            self.statusBar().showMessage(translate(
                "MainWindow", "The session could not be saved in your history; the next start "
                "offers to resume it"), 8000)
            return
        self.statusBar().showMessage(
            translate("MainWindow", "Session saved in your history") if kept else
            translate("MainWindow", "Nothing was logged, so the session was not kept"), 8000)

    def _on_session_starts_setting_raised(self, key: str, value: object) -> None:
        # As the Settings page writes a change, and shown there as one until the log holds it.
        if self.pages.built(SETTINGS):
            self.settings_page.setting_changed.emit(key, value)
        else:
            self._on_pages_setting_changed(key, value)

    def _on_session_starts_program_saved(self, name: str) -> None:
        self.refresh_log_views()  # the Programs page lists it
        self.statusBar().showMessage(translate("MainWindow", "Saved {program}").format(program=name),
                                     8000)

    # -- backups and settings -------------------------------------------------------

    def _backup_flow(self) -> Backups:
        if self._backups is None:
            from app.ui.shell.backups import Backups

            self._backups = Backups(self.context, self.writer, self._alerts, self)
            self._backups.status.connect(self._on_pages_status)
            self._backups.status_cleared.connect(self.statusBar().clearMessage)
            self._backups.written.connect(self._on_backups_written)
            self._backups.restored.connect(self._on_backups_restored)
        return self._backups

    def _on_backup_action_triggered(self) -> None:
        self._backup_flow().back_up()

    def _on_pages_restore_wanted(self, path: Path) -> None:
        self._backup_flow().restore(path, session_running=self.session is not None)

    def _on_backups_written(self) -> None:
        if self.pages.built(SETTINGS):  # only the list of backups changed
            self.settings_page.refresh_backups()

    def _on_backups_restored(self) -> None:
        if self.reader is not None:
            # The backup's settings came with it: its look takes effect now,
            # as a changed setting does (the rest is read as the pages refresh).
            self._setting_writes().apply_stored_look(self.context.settings())
        self.refresh_log_views()

    def _setting_writes(self) -> SettingsWrites:
        if self._settings_writes is None:
            from app.ui.shell.settings_writes import SettingsWrites

            self._settings_writes = SettingsWrites(self.writer, self)
            self._settings_writes.refused.connect(self._on_settings_writes_refused)
            self._settings_writes.look_applied.connect(self._on_settings_writes_look_applied)
            self._settings_writes.look_changed.connect(self.refresh_log_views)
        return self._settings_writes

    def _on_pages_setting_changed(self, key: str, value: object) -> None:
        self._setting_writes().change(key, value)

    def apply_look(self, theme: str | None = None, text_scale: int | None = None) -> None:
        """Theme and text size, on the whole app at once (no restart), as Settings
        changes them; None keeps the current one."""
        self._setting_writes().apply_look(theme, text_scale)

    def _on_settings_writes_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_settings_writes_look_applied(self) -> None:
        from app.ui.look.theme_switch import dress_navigation

        dress_navigation(self.navigation, NAVIGATION_WIDTH, PAGE_ICONS)

    # -- what the pages report --------------------------------------------------------

    def _on_pages_programs_wanted(self) -> None:
        self.open_page(PROGRAMS)

    def _on_pages_status(self, message: str, timeout_ms: int) -> None:
        """A line for the status bar (from a page or a backup), for ``timeout_ms``."""
        self.statusBar().showMessage(message, timeout_ms)

    # -- about and geometry ---------------------------------------------

    def _show_about(self) -> None:
        # Built on first use, not at start-up; kept as self.about_dialog so
        # F1 again brings back the same window and tests can reach it.
        # open(), not exec(): nothing blocks, offscreen tests included.
        from app.ui.shell.about_dialog import AboutDialog

        if getattr(self, "about_dialog", None) is None:
            self.about_dialog = AboutDialog(self._paths, self.catalog().sources, self)
        self.about_dialog.open()

    def _restore_geometry(self) -> None:
        settings = self._window_settings
        geometry = None if settings is None else settings.value("geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            return
        # First start: most of the screen (gym mode is read from 2-3 m), and
        # never past it on a small gym laptop.
        screen = self.screen().availableGeometry()
        self.resize(first_window_size(screen.size()))
        self.move(screen.center() - self.rect().center())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._starts is not None:
            self._starts.stop()  # a session's saved state stays: the next start offers to resume
        if self._window_settings is not None:
            self._window_settings.setValue("geometry", self.saveGeometry())
            self._window_settings.sync()
        if self._backups is not None:
            self._backups.wait()  # never cut a backup off halfway
        if self.history is not None:
            self.history.wait()  # nor an export
        if self.week is not None:
            self.week.wait()  # nor a calendar file
        if self.today is not None:
            self.today.close()
        self.writer.close()  # nor a write
        if self.context.reader is not None:
            self.context.reader.close()
            self.context.reader = None
        self.closed.emit()
        super().closeEvent(event)


def first_window_size(available: QSize) -> QSize:
    """The window's size on a first start, for a screen with ``available``
    room: FIRST_WINDOW_SHARE of it each way (1728x972 on a 1920x1080 screen),
    or DEFAULT_SIZE where that is larger, within SMALL_SCREEN_SHARE of the room."""
    share = QSize(round(available.width() * FIRST_WINDOW_SHARE),
                  round(available.height() * FIRST_WINDOW_SHARE))
    return share.expandedTo(DEFAULT_SIZE).boundedTo(
        QSize(round(available.width() * SMALL_SCREEN_SHARE),
              round(available.height() * SMALL_SCREEN_SHARE)))


def shortcut_text(keys: str) -> str:
    """A shortcut as the platform and the athlete's language write it
    (Qt's own translations: "Strg+B" in German, "⌘B" on a Mac)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)

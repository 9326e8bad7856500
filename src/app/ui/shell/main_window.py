"""The main window: navigation on the left, the chosen page on the right."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer, Signal
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
from app.kernel.i18n import QT_TRANSLATE_NOOP, format_datetime, translate
from app.kernel.paths import AppPaths
from app.ui.look.app_icon import app_icon
from app.ui.look.style import NAVIGATION_ITEM_HEIGHT, NAVIGATION_SCALE, heading_font
from app.ui.shell.alerts import Alerts
from app.ui.shell.background import BackgroundJob
from app.ui.shell.log_writer import LogWriter
from app.ui.shell.page import Page

if TYPE_CHECKING:
    from pathlib import Path

    from app.catalog.loader import LoadResult
    from app.catalog.model import Catalog
    from app.coaching.book import ProgramBook
    from app.logbook.settings import Settings
    from app.session.plan import SessionPlan
    from app.storage.database import OpenReport
    from app.storage.queries import LogReader
    from app.storage.store import Store
    from app.ui.history.controller import HistoryController
    from app.ui.history.history_page import HistoryPage
    from app.ui.library.custom_exercise_controller import CustomExerciseController
    from app.ui.library.library_page import LibraryPage
    from app.ui.programs.controller import ProgramsController
    from app.ui.programs.programs_page import ProgramsPage
    from app.ui.programs.readiness_dialog import ReadinessDialog
    from app.ui.session.saved import SavedSession
    from app.ui.session.session_builder import SessionBuilderDialog
    from app.ui.session.session_host import SessionHost
    from app.ui.session.start_flow import StartFlow
    from app.ui.settings.settings_page import SettingsPage
    from app.ui.shell.welcome_dialog import WelcomeDialog
    from app.ui.today.controller import TodayController
    from app.ui.today.today_page import TodayPage

log = logging.getLogger(__name__)


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
WELCOME_SETTING = "welcome_seen"
TRAINING_DAYS_SETTING = "training_weekdays"  # the welcome's days: the default when following
DEFAULT_SIZE = QSize(1280, 800)
FIRST_WINDOW_SHARE = 0.9    # of the screen's room, each way, on a first start...
SMALL_SCREEN_SHARE = 0.95   # ...or DEFAULT_SIZE, up to this share of a small screen
WARM_SESSION_MS = 300
"""After the Library or the builder first shows: time to paint it before the
session's code is loaded in the background of the athlete's choosing."""
TODAY, LIBRARY, PROGRAMS, HISTORY, SETTINGS = range(5)
PAGE_TITLES = (QT_TRANSLATE_NOOP("MainWindow", "Today"), QT_TRANSLATE_NOOP("MainWindow", "Library"),
               QT_TRANSLATE_NOOP("MainWindow", "Programs"), QT_TRANSLATE_NOOP("MainWindow", "History"),
               QT_TRANSLATE_NOOP("MainWindow", "Settings"))
# The navigation's icons (today.svg...), named after the untranslated titles.
PAGE_ICONS = tuple(title.lower() for title in PAGE_TITLES)


class MainWindow(QMainWindow):
    log_ready = Signal()
    closed = Signal()

    def __init__(self, paths: AppPaths, alerts: Alerts, clock: Clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._alerts = alerts
        self._clock = clock
        self._reader: LogReader | None = None
        self.log_read_only = False  # the log can be read but not written (attach_log)
        self._jobs: list[BackgroundJob] = []
        # Writes go through one background writer; its thread starts on first use.
        self.writer = LogWriter(paths, clock, self)
        self.offer_welcome = False  # the app's entry point turns it on; tests open it themselves
        self.welcome_dialog: WelcomeDialog | None = None
        self.custom_exercises: CustomExerciseController | None = None
        self.history: HistoryController | None = None
        self.programs: ProgramsController | None = None
        self.today: TodayController | None = None
        self.session_clock: Clock = clock  # GuiSession sets a scaled one for demonstrations
        self._starts: StartFlow | None = None  # the 48-hour question and readiness check (begin_session)
        self._catalog: LoadResult | None = None
        self.session_builder: SessionBuilderDialog | None = None
        self._program_book: ProgramBook | None = None
        # The two above may be loaded by the database loader's worker thread
        # (warm_first_screen) while a page asks for them.
        self._first_loads = threading.RLock()
        self._look_followed = False  # connected to the theme switch (once the log is open)
        # Window state lives beside the data, not in ~/.config, so a data dir
        # (and every test's tmp dir) is self-contained.
        self._window_settings = _window_settings(paths.data_dir / "window.ini")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())  # PNG file names only: cheap at start-up
        self.setAccessibleName(translate("MainWindow", "{app} main window").format(app=APP_NAME))

        # Pages are built the first time they are shown: start-up pays only
        # for the first screen.
        self._pages: dict[int, Page] = {}
        self.stack = QStackedWidget()

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(translate("MainWindow", "Navigation"))
        self.navigation.setToolTip(translate("MainWindow", "Go to a page (Ctrl+1 to Ctrl+5)"))
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
        self.session: SessionHost | None = None

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
            self._on_settings_page_backup_requested)
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
        page = self._pages.get(row)
        if page is None:
            page = self._build_page(row)
            if row != TODAY:
                # The wheel scrolls the page, not the field under the pointer.
                # Today holds no such field, and the guard's Qt classes cost
                # start-up ~1.6 MB (the layout test checks every page's fields).
                from app.ui.look.wheel_guard import protect

                protect(page)
            self._pages[row] = page
            self.stack.addWidget(page)
            if self._reader is not None:
                page.show_log(self._reader)
        return page

    def _build_page(self, row: int) -> Page:
        # Imported here: a page's module is loaded only when it is first shown.
        if row == TODAY:
            from app.ui.today.controller import TodayController
            from app.ui.today.today_page import TodayPage

            today = TodayPage()
            self.today = TodayController(today, self.program_book, self._alerts, self._clock,
                                         self._paths.database, self._start_program_session, self)
            today.programs_requested.connect(self._on_today_page_programs_requested)
            today.free_requested.connect(self.open_session_builder)
            return today
        if row == LIBRARY:
            from app.ui.library.custom_exercise_controller import CustomExerciseController
            from app.ui.library.library_page import LibraryPage

            # The window's catalog: loaded once, and already there when a session starts.
            library = LibraryPage(load=self.catalog_result)
            library.start_requested.connect(self.start_exercise)
            # The athlete is choosing: load the session's code now, not on Ctrl+Enter.
            QTimer.singleShot(WARM_SESSION_MS, self._warm_sessions)
            self.custom_exercises = CustomExerciseController(library, self.writer, self._alerts, self)
            self.custom_exercises.changed.connect(self._on_custom_exercises_changed)
            if self._reader is not None:
                self.custom_exercises.show_log(self._reader)
            return library
        if row == PROGRAMS:
            from app.ui.programs.controller import ProgramsController
            from app.ui.programs.programs_page import ProgramsPage

            programs = ProgramsPage()
            self.programs = ProgramsController(programs, self.program_book, self.writer,
                                               self._alerts, self._clock, self)
            self.programs.log_changed.connect(self._on_programs_log_changed)
            self.programs.status_changed.connect(self._on_programs_status_changed)
            if self._reader is not None:
                self.programs.show_log(self._reader)
            return programs
        if row == HISTORY:
            from app.ui.history.controller import HistoryController
            from app.ui.history.history_page import HistoryPage

            history = HistoryPage()
            self.history = HistoryController(history, self.writer, self._alerts, self._paths,
                                             self.catalog, self, clock=self._clock)
            self.history.log_changed.connect(self._on_history_log_changed)
            self.history.status_changed.connect(self._on_history_status_changed)
            if self._reader is not None:
                self.history.show_log(self._reader)
            return history
        from app.ui.settings.settings_page import SettingsPage
        settings = SettingsPage(self._paths)
        settings.backup_requested.connect(self._on_settings_page_backup_requested)
        settings.restore_requested.connect(self._on_settings_page_restore_requested)
        settings.setting_changed.connect(self._on_settings_page_setting_changed)
        from app.ui.desktop.speech import SpokenCounts

        # Only lists the installed engines (no engine is started): cheap and safe.
        speech = SpokenCounts(parent=settings)
        settings.set_spoken_counts_available(speech.available, speech.reason)
        return settings

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
        return self._reader

    @property
    def clock(self) -> Clock:
        """The clock the window's pages read the time from (a FakeClock in tests)."""
        return self._clock

    def attach_log(self, reader: LogReader, report: OpenReport) -> None:
        # The athlete's theme and text size, before the pages read the log
        # (so nothing is drawn twice) and before anything may close it.
        self._apply_stored_look(reader)
        self._reader = reader
        self.log_read_only = report.read_only
        for notice in report.notices:
            self._alerts.warning(translate("MainWindow", "Your training log"), notice)
        if report.migrated_from is not None:
            self.statusBar().showMessage(
                translate("MainWindow", "Log upgraded from version {version}; the old one was "
                          "saved as {backup}").format(version=report.migrated_from,
                                                      backup=report.backup), 15000)
        self.backup_action.setEnabled(True)
        if self.history is not None:  # its names first: the History page reads them
            self.history.show_log(reader)
        for page in self._pages.values():
            page.show_log(reader)
        if self.custom_exercises is not None:
            self.custom_exercises.show_log(reader)
        if self.programs is not None:
            self.programs.show_log(reader)
        if self.today is not None:
            self.today.show_log(reader)
        self._update_log_status()
        # Decided before log_ready: a listener may close the window (and the log) at once.
        # Not on a read-only log: none of the welcome's choices could be kept.
        welcome = (self.offer_welcome and not report.read_only
                   and reader.get_setting(WELCOME_SETTING) is None
                   and reader.count_sessions() == 0 and reader.active_enrolment() is None)
        self.log_ready.emit()
        if welcome and self._reader is not None:
            self.show_welcome()

    def detach_log(self) -> None:
        """Let go of the log (found damaged while shown: it is checked, set
        aside and a new one attached); pages keep what they show until then."""
        if self.today is not None:
            self.today.close()  # its own reader of the file
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self.backup_action.setEnabled(False)

    # -- first run ----------------------------------------------------------

    def show_welcome(self) -> None:
        """The welcome: units, training days, a program (Help > Welcome)."""
        if self._reader is None or self.session is not None or self.welcome_dialog is not None:
            return
        from app.logbook.settings import load_settings
        from app.ui.shell.welcome_dialog import WelcomeDialog

        settings = load_settings(self._reader.get_setting)
        days = self._reader.get_setting(TRAINING_DAYS_SETTING, [0, 2, 4])
        dialog = WelcomeDialog(self.program_book().built_in(), settings.units,
                               tuple(days) if isinstance(days, list) else (0, 2, 4), self)
        self.welcome_dialog = dialog
        dialog.done_requested.connect(self._on_welcome_dialog_done_requested)
        dialog.finished.connect(self._on_welcome_dialog_finished)
        dialog.open()

    def _on_welcome_dialog_finished(self, _result: int) -> None:
        self.welcome_dialog = None
        # Seen, whether kept or skipped: it is not offered again by itself.
        self.writer.submit(lambda store: store.set_setting(WELCOME_SETTING, True))

    def _on_welcome_dialog_done_requested(self, units: str, weekdays: tuple[int, ...],
                                          program: str) -> None:
        from app.logbook.settings import stored_value

        today = self._clock.now().astimezone().date()

        def keep(store: Store) -> None:
            store.set_setting("units", stored_value("units", units))
            store.set_setting(TRAINING_DAYS_SETTING, list(weekdays))
            if program:
                store.enrol(program, today, weekdays)

        self.writer.submit(keep, self._on_welcome_kept)

    def _on_welcome_kept(self, _result: object) -> None:
        self.refresh_log_views()
        self.statusBar().showMessage(
            translate("MainWindow", "Your choices are kept; Help > Welcome changes them"), 8000)

    # -- sessions ---------------------------------------------------------

    def start_session(self, plan: SessionPlan, clock: Clock, keep_tempo: bool = False) -> None:
        """Switch to gym mode and run ``plan`` (after the log is open).

        A session cut off by a crash is offered first, on every path that
        starts one (the command line, the Library, Today, the builder): the
        new session's saved state would overwrite it, so it goes only when
        the athlete declines; Resume carries on the old one instead."""
        if self.log_read_only:
            # Said before the athlete does sets that could not be saved (issue 15 point 12).
            self._alerts.warning(
                translate("MainWindow", "Your training log is read-only"),
                translate("MainWindow", "{path} can be read but not written, so the sets of a "
                          "session cannot be saved: no session was started. Make it writable, "
                          "then start {app} again.").format(path=self._paths.database,
                                                            app=APP_NAME))
            return
        if self.session is None and self._reader is not None:
            saved = self._saved_session()
            if saved is not None and self.offer_resume(saved, clock):
                return
            self._keep_unreadable_saved_session()
        self._raise_lowering_target(plan)
        host = self._new_session_host(clock)
        self._name_session(plan.title)
        host.start(self._prepared(plan, keep_tempo))

    def _raise_lowering_target(self, plan: SessionPlan) -> None:
        """The Nordic lowering target this session was coached to, kept as
        the athlete's setting when it is above it (app.usecases.session_start.
        raised_lowering_s; never lowered): written as the Settings page writes
        a change, and shown there as one until the log holds it."""
        from app.usecases.session_start import raised_lowering_s

        raised = raised_lowering_s(plan, host_settings(self._reader))
        if raised is None or self._reader is None:
            return
        if SETTINGS in self._pages:
            self.settings_page.setting_changed.emit("lowering_s", raised)
        else:
            self._on_settings_page_setting_changed("lowering_s", raised)

    def begin_session(self, plan: SessionPlan, *, targets_applied: bool = False) -> bool:
        """Every path in the window into a new session (Today, the Library,
        the builder) goes through here, so none skips a safety rule: a
        session cut off by a crash is offered first (resumed, it is not
        asked again); then the 48-hour question, the readiness check and
        the session it leaves to run, with the progression targets
        (app.usecases.session_start; ``targets_applied``: Today's plan has them).
        False when no session can start now."""
        if self.log_read_only:
            self.start_session(plan, self.session_clock)  # says why nothing starts
            return False
        if self._reader is None or self.session is not None:
            return False
        saved = self._saved_session()
        if saved is not None and self.offer_resume(saved, self.session_clock):
            return True
        self._keep_unreadable_saved_session()
        if self._starts is None:
            from app.ui.session.start_flow import StartFlow

            self._starts = StartFlow(self._alerts, self, self._paths.database,
                                     self._run_checked_session)
        reader = self._reader
        self._starts.begin(plan, self.catalog(), reader.custom_exercises(), host_settings(reader),
                           self._clock.now(), targets_applied=targets_applied)
        return True

    @property
    def readiness_dialog(self) -> ReadinessDialog | None:
        """The readiness check open before a session, if any."""
        return None if self._starts is None else self._starts.readiness_dialog

    def _run_checked_session(self, plan: SessionPlan) -> None:
        if self.session is None:
            self.start_session(plan, self.session_clock)

    def _saved_session(self) -> SavedSession | None:
        """The session a crash left to resume, read from the data dir now."""
        from app.ui.session.saved import SAVED_SESSION_FILE, load_saved_session

        return load_saved_session(self._paths.data_dir / SAVED_SESSION_FILE)

    def _keep_unreadable_saved_session(self) -> None:
        """A saved session that cannot be read (damaged, or from another
        version) is moved to the damaged folder, not overwritten by the new
        session's: it may still be rescued by hand."""
        from app.storage.timestamps import file_stamp, first_free
        from app.ui.session.saved import SAVED_SESSION_FILE

        path = self._paths.data_dir / SAVED_SESSION_FILE
        if not path.exists():
            return
        stamp = file_stamp(self._clock.now())
        try:
            self._paths.damaged_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            aside = first_free(lambda n: self._paths.damaged_dir / (
                f"{path.stem}-{stamp}{f'-{n}' if n else ''}{path.suffix}"))
            path.replace(aside)
            log.warning("an unreadable saved session was moved to %s", aside)
        except OSError as exc:  # the new session's own save will say if the folder is unwritable
            log.warning("could not move the unreadable saved session aside: %s", exc)

    def _prepared(self, plan: SessionPlan, keep_tempo: bool = False) -> SessionPlan:
        """``plan`` as a session runs it: last time's loads, the athlete's settings
        (also for an exercise added during the session)."""
        from app.session.plan import with_last_loads
        from app.ui.session.session_host import apply_settings

        if self._reader is not None:
            plan = with_last_loads(plan, self._reader.last_loads([i.slug for i in plan.items]))
        return apply_settings(plan, host_settings(self._reader), keep_tempo)

    def start_exercise(self, slug: str) -> bool:
        """A session of one Library exercise with its usual dose, the rest
        from Settings: the plan ``hamstride session --exercise SLUG`` runs
        (an exercise of the athlete's own gets the builder's default dose),
        through the checks of ``begin_session``. False when there is no such
        exercise or a session cannot start now."""
        from app.coaching.session_builder import plan_for_slug

        if self._reader is None or self.session is not None:
            return False
        plan = plan_for_slug(slug, self.catalog(), self._reader.custom_exercises())
        if plan is None:
            return False
        return self.begin_session(plan)

    @staticmethod
    def _warm_sessions() -> None:
        """Load the session screen's code (about 40 ms, more with no bytecode
        cached) ahead of a start, so Ctrl+Enter shows the session at once."""
        import app.ui.session.session_host  # noqa: F401

    def open_session_builder(self) -> None:
        """The free session builder (Today's Free session, Ctrl+Shift+N)."""
        if self._reader is None or self.session is not None:
            return
        QTimer.singleShot(WARM_SESSION_MS, self._warm_sessions)
        if self.session_builder is not None:
            self.session_builder.raise_()
            self.session_builder.activateWindow()
            return
        from app.coaching.loader import program_check
        from app.logbook.settings import load_settings
        from app.ui.session.session_builder import SessionBuilderDialog

        catalog = self.catalog()
        custom = self._reader.custom_exercises()
        check = program_check(catalog, [e.slug for e in custom],
                              translate("MainWindow", "your program"))
        units = load_settings(self._reader.get_setting).units
        dialog = SessionBuilderDialog(catalog, custom, units, check, self)
        self.session_builder = dialog
        dialog.start_requested.connect(self._on_session_builder_start_requested)
        dialog.save_requested.connect(self._on_session_builder_save_requested)
        dialog.finished.connect(self._on_session_builder_finished)
        dialog.open()

    def _on_session_builder_start_requested(self, plan: SessionPlan) -> None:
        dialog = self.session_builder
        if dialog is not None:
            dialog.accept()
        self.begin_session(plan)

    def _on_session_builder_save_requested(self, name: str, definition: dict[str, object]) -> None:
        stored = {k: v for k, v in definition.items() if k not in ("slug", "name")}
        self.writer.submit(lambda store: store.save_user_program(None, name, stored),
                           lambda _result: self._on_builder_program_saved(name),
                           self._on_builder_program_not_saved, receiver=self)

    def _on_builder_program_not_saved(self, error: object) -> None:
        if self.session_builder is not None:
            self.session_builder.show_save_failed(str(error))

    def _on_builder_program_saved(self, name: str) -> None:
        self.refresh_log_views()  # the Programs page lists it
        if self.session_builder is not None:
            self.session_builder.show_saved(name)
        self.statusBar().showMessage(translate("MainWindow", "Saved {program}").format(program=name),
                                     8000)

    def _on_session_builder_finished(self, _result: int) -> None:
        self.session_builder = None

    def offer_resume(self, saved: SavedSession, clock: Clock) -> bool:
        """A session was cut off (a crash, a kill, a flat battery): offer to carry on."""
        if self.log_read_only:  # its sets could not be saved: kept for when the log can be
            return False
        path = saved.path
        if saved.saved_at is not None:
            question = translate(
                "MainWindow", "“{title}” was interrupted ({when}). Every set you confirmed is "
                "saved. Carry on exactly where you were?").format(
                    title=saved.plan.title, when=format_datetime(saved.saved_at.astimezone()))
        else:
            question = translate(
                "MainWindow", "“{title}” was interrupted (earlier). Every set you confirmed is "
                "saved. Carry on exactly where you were?").format(title=saved.plan.title)
        # Resume is the default: Enter keeps where the athlete was (it was
        # Cancel, and Enter threw the saved position away).
        if not self._alerts.confirm(translate("MainWindow", "Resume your session?"), question,
                                    translate("MainWindow", "Resume"), action_is_default=True):
            path.unlink(missing_ok=True)  # the sets stay in the log; only the position goes
            # A session cut off before its first set is not kept (issue 14).
            self.writer.submit(lambda store: store.discard_empty_sessions())
            return False
        host = self._new_session_host(clock)
        self._name_session(saved.plan.title)
        host.resume(saved)
        return True

    def _new_session_host(self, clock: Clock) -> SessionHost:
        from app.ui.session.session_host import SessionHost

        if self._reader is None:
            raise RuntimeError("the log is not open yet")
        if self.session is not None:
            raise RuntimeError("a session is already running")
        catalog = self.catalog()  # loaded once for the window: a start pays nothing for it
        reader = self._reader
        host = SessionHost(self._paths, catalog, host_settings(reader), clock, self.writer, self,
                           custom_exercises=reader.custom_exercises, prepare=self._prepared)
        host.ended.connect(self._on_session_ended)
        from app.ui.look.wheel_guard import protect

        protect(host.screen)  # the log sheet's set type
        self.session = host
        self.modes.addWidget(host.screen)
        self.modes.setCurrentWidget(host.screen)
        for action in (*self.page_actions, self.builder_action):
            action.setEnabled(False)  # page keys would leave the session behind the screen
        # Gym mode gets the whole window: the menu and status bars (taller at a
        # large text size) would take its height. Their keys still work (_action).
        self.menuBar().hide()
        self.statusBar().hide()
        self.setWindowTitle(translate("MainWindow", "Session – {app}").format(app=APP_NAME))
        return host

    def _name_session(self, title: str) -> None:
        """The window's title names the session: a session changed by the
        readiness check says so there too ("... (no heavy work)")."""
        self.setWindowTitle(translate("MainWindow", "Session – {session} – {app}").format(
            session=title, app=APP_NAME))

    def _on_session_ended(self) -> None:
        host = self.session
        if host is None:
            return
        self.session = None
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

    def _update_log_status(self) -> None:
        if self._reader is None:
            return
        self.store_status.setText(
            translate("MainWindow", "%n session(s) logged · data in {folder}",
                      n=self._reader.count_sessions()).format(folder=self._paths.data_dir))

    def _on_settings_page_backup_requested(self) -> None:
        if self._reader is None or any(job.is_running() for job in self._jobs):
            return
        from app.storage.backup import BackupKind, backup_file

        self.statusBar().showMessage(translate("MainWindow", "Backing up…"))
        source, destination, now = self._paths.database, self._paths.backups_dir, self._clock.now()
        job = BackgroundJob(lambda: backup_file(source, destination, now, BackupKind.MANUAL), self)
        job.finished.connect(self._on_backup_job_finished)
        job.failed.connect(self._on_backup_job_failed)
        self._jobs.append(job)
        job.start()

    def _on_settings_page_restore_requested(self, path: Path) -> None:
        from app.ui.settings.settings_page import describe_backup

        title = translate("MainWindow", "Restore a backup")
        if self.session is not None:
            self._alerts.warning(title, translate("MainWindow", "Finish the session first: a "
                                                  "restore would take its sets away while it runs."))
            return
        if not self._alerts.confirm(
                title,
                translate("MainWindow", "Make your log what this backup holds?\n\n{backup}\n\n"
                          "Your log as it is now is backed up first; restore that copy to go "
                          "back.").format(backup=describe_backup(path)),
                translate("MainWindow", "Restore")):
            return
        self.statusBar().showMessage(translate("MainWindow", "Restoring…"))
        self.writer.submit(lambda store: store.restore_backup(path), self._on_backup_restored,
                           self._on_backup_not_restored)

    def _on_backup_restored(self, result: object) -> None:
        if self._reader is not None:
            self._reader.athlete_id = self._reader.first_athlete()
            # The backup's settings came with it: its look takes effect now,
            # as a changed setting does (the rest is read as the pages refresh).
            self._apply_stored_look(self._reader)
        self.refresh_log_views()
        self.statusBar().showMessage(
            translate("MainWindow", "Backup restored; your log as it was is saved as {backup}")
            .format(backup=getattr(result, "safety_backup", "")), 15000)

    def _on_backup_not_restored(self, error: object) -> None:
        self.statusBar().clearMessage()
        self._alerts.error(translate("MainWindow", "Restore failed"),
                           translate("MainWindow", "Nothing was changed: {error}").format(error=error))

    def _on_settings_page_setting_changed(self, key: str, value: object) -> None:
        from app.logbook.settings import SettingError, stored_value

        try:
            stored = stored_value(key, value)
        except SettingError as exc:  # the widgets' ranges should make this impossible
            self.statusBar().showMessage(
                translate("MainWindow", "Not saved: {error}").format(error=exc), 8000)
            return
        self.writer.submit(lambda store: store.set_setting(key, stored))
        if key in ("theme", "text_scale"):
            self.apply_look(**{key: stored})

    def _apply_stored_look(self, reader: LogReader) -> None:
        """The theme and text size the log holds, on screen."""
        from app.logbook.settings import load_settings

        look = load_settings(reader.get_setting)
        self.apply_look(theme=look.theme, text_scale=look.text_scale)

    def apply_look(self, theme: str | None = None, text_scale: int | None = None) -> None:
        """Theme and text size, on the whole app at once (no restart), as Settings
        changes them; None keeps the current one."""
        from app.ui.look.theme_switch import dress_navigation, look_switch

        switch = look_switch()
        if not self._look_followed:  # also when the desktop's colour scheme changes
            self._look_followed = True
            switch.changed.connect(self._on_look_switch_changed)
        switch.apply(theme, text_scale)
        dress_navigation(self.navigation, NAVIGATION_WIDTH, PAGE_ICONS)

    def _on_look_switch_changed(self) -> None:
        from app.ui.look.theme_switch import dress_navigation

        dress_navigation(self.navigation, NAVIGATION_WIDTH, PAGE_ICONS)
        self.refresh_log_views()  # text coloured from the theme's tokens is drawn again

    def catalog(self) -> Catalog:
        """The exercise library, loaded the first time a page needs names."""
        return self.catalog_result().catalog

    def catalog_result(self) -> LoadResult:
        """The exercise library with what could not be read (the Library says so),
        loaded once for the window: every page and session shares it."""
        with self._first_loads:
            if self._catalog is None:
                from app.catalog import load_catalog
                from app.kernel.resources import resources_dir

                self._catalog = load_catalog(resources_dir())
            return self._catalog

    def program_book(self) -> ProgramBook:
        """Every program (built in and the athlete's own), loaded when first needed."""
        with self._first_loads:
            if self._program_book is None:
                from app.coaching.book import ProgramBook

                self._program_book = ProgramBook(self.catalog())
            return self._program_book

    def warm_first_screen(self, reader: LogReader) -> None:
        """Parse the library and the built-in programs (~80 ms of TOML) that
        Today needs with the log, and import its rules (~30 ms). The database
        loader calls this from its worker thread, so that the UI thread does
        not stop for them. Today needs them only for a program followed: an
        athlete who follows none is spared the work and its memory (~2 MB)."""
        from app.ui.today.controller import import_today_rules

        if reader.active_enrolment() is None:
            return
        self.program_book().built_in()
        import_today_rules()

    def refresh_log_views(self) -> None:
        """Every page that shows the log reads it again (after a write elsewhere)."""
        if self._reader is None:
            return
        if self.history is not None:  # its names first: the History page reads them
            self.history.show_log(self._reader)
        for page in self._pages.values():
            page.show_log(self._reader)
        if self.custom_exercises is not None:
            self.custom_exercises.refresh()
        if self.programs is not None:
            self.programs.show_log(self._reader)
        if self.today is not None:
            self.today.show_log(self._reader)
        self._update_log_status()

    def _on_history_log_changed(self) -> None:
        self.refresh_log_views()

    def _start_program_session(self, plan: SessionPlan) -> None:
        self.begin_session(plan, targets_applied=True)  # Today's plan carries its targets

    def _on_today_page_programs_requested(self) -> None:
        self.open_page(PROGRAMS)

    def _on_programs_log_changed(self) -> None:
        self.refresh_log_views()

    def _on_programs_status_changed(self, message: str) -> None:
        self._on_history_status_changed(message)

    def _on_history_status_changed(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 10000)
        else:
            self.statusBar().clearMessage()

    def _on_custom_exercises_changed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_backup_job_finished(self, path: object) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        self.statusBar().showMessage(
            translate("MainWindow", "Backup written to {path}").format(path=path), 10000)
        if SETTINGS in self._pages:  # only the list of backups changed
            self.settings_page.refresh_backups()

    def _on_backup_job_failed(self, message: str) -> None:
        self._jobs = [job for job in self._jobs if job.is_running()]
        self.statusBar().clearMessage()
        self._alerts.error(translate("MainWindow", "Backup failed"),
                           translate("MainWindow", "The backup could not be written: {error}")
                           .format(error=message))

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
        if self.session is not None:
            self.session.stop()  # its saved state stays: the next start offers to resume
        if self._window_settings is not None:
            self._window_settings.setValue("geometry", self.saveGeometry())
            self._window_settings.sync()
        for job in self._jobs:
            job.wait()  # never cut a backup off halfway
        if self.history is not None:
            self.history.wait()  # nor an export
        if self.today is not None:
            self.today.close()
        self.writer.close()  # nor a write
        if self._reader is not None:
            self._reader.close()
            self._reader = None
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


def host_settings(reader: LogReader | None) -> Settings:
    from app.logbook.settings import Settings, load_settings

    return load_settings(reader.get_setting) if reader is not None else Settings()

"""Layout that cannot overlap: every page, tab, dialog and session phase, at
three screen sizes, three text sizes and three themes, checked by geometry
(tests/helpers/layout_check.py): no two visible siblings overlap, no text is cut,
nothing reaches past the window, nothing scrolls sideways, and the window
fits the screen.

One window serves the whole module (opening one per case would take
minutes); the cases are ordered so the look changes only when it must, and
each case's id names what failed: ``dark-150-1280x720-today``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths, prepare_dirs, resolve_paths
from app.logbook.entries import SetEntry
from app.session import SessionPlan, State, item_from_exercise
from app.storage.store import Store
from app.ui.base.alerts import RecordingAlerts
from app.ui.look import style
from app.ui.shell.application import GuiSession
from app.ui.shell.main_window import HISTORY, LIBRARY, PROGRAMS, SETTINGS, TODAY, WEEK, MainWindow
from helpers.layout_check import Problem, describe, layout_problems
from helpers.look import restored_look

SIZES = (QSize(1280, 720), QSize(1366, 768), QSize(1920, 1080))
SCALES = (100, 150, 200)
THEMES = ("light", "dark", "high-contrast")
IMPORT_FILE = Path(__file__).parents[2] / "fixtures" / "imports" / "strong.csv"
# QtMultimedia describes the missing audio server on first use: not our warnings.
MULTIMEDIA_NOISE = (r"^Couldn't (load|resolve) ", r"^PulseAudioService: ",
                    r"^QSoundEffect: playback of this format is not supported")
# Opening a drop-down's list (the checker does) asks the offscreen platform
# for what only a real one does.
POPUP_NOISE = (r"^This plugin does not support raise\(\)$",
               r"^This plugin does not support grabbing the (keyboard|mouse)$")
pytestmark = pytest.mark.qt_log_ignore(*POPUP_NOISE)


def _size_id(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


# -- the checker itself -----------------------------------------------------------------


def test_the_checker_reports_overlap_cut_text_and_a_widget_past_its_window(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 200)
    first = QLabel("first", root)
    first.setGeometry(10, 10, 100, 30)
    second = QLabel("second", root)
    second.setGeometry(60, 20, 100, 30)          # 50x20 over the first
    cut = QLabel("a label far too long for its box", root)
    cut.setGeometry(10, 100, 40, 30)
    wrapped = QLabel("Unbreakablewordthatcannotwrap here", root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(200, 60, 60, 80)
    past = QLabel("past", root)
    past.setGeometry(350, 150, 100, 30)          # 50 px past the right edge
    root.show()
    qtbot.waitExposed(root)
    problems = layout_problems(root, QSize(300, 200))
    kinds = {(p.kind, p.where) for p in problems}
    assert ("overlap", describe(first)) in kinds
    assert ("cut", describe(cut)) in kinds
    assert ("cut", describe(wrapped)) in kinds
    assert ("outside", describe(past)) in kinds
    assert ("outside", describe(root)) in kinds   # 400 px wide on a 300 px screen
    assert all(isinstance(p, Problem) and str(p) for p in problems)


def test_the_checker_passes_a_clean_layout_and_allows_an_edge_of_overlap(qtbot: QtBot) -> None:
    from helpers.layout_check import OVERLAP_TOLERANCE_PX

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 200)
    first = QLabel("first", root)
    first.setGeometry(10, 10, 100, 30)
    touching = QLabel("second", root)
    # Sharing exactly the tolerance is an edge drawn twice, not an overlap...
    touching.setGeometry(110 - OVERLAP_TOLERANCE_PX, 10, 100, 30)
    root.show()
    qtbot.waitExposed(root)
    assert layout_problems(root, QSize(400, 200)) == []
    # ...one pixel more is.
    touching.move(touching.x() - 1, 10)
    assert [p.kind for p in layout_problems(root, QSize(400, 200))] == ["overlap"]


def test_the_checker_reports_content_wider_than_its_scroll_area(qtbot: QtBot) -> None:
    """What the geometry of the widgets inside cannot show: a page whose
    content is wider than its viewport scrolls sideways (the Library's
    exercise at 200 %), with its bar or, turned off, without."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QTableWidget

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 300)
    area = QScrollArea(root)
    area.setWidgetResizable(True)
    area.setGeometry(0, 0, 400, 150)
    content = QWidget()
    row = QHBoxLayout(content)
    for text in ("A long first button", "A second one", "Start session"):
        row.addWidget(QPushButton(text, content))
    content.setMinimumWidth(600)                 # wider than the page
    area.setWidget(content)
    table = QTableWidget(3, 8, root)
    table.setGeometry(0, 160, 400, 140)
    root.show()
    qtbot.waitExposed(root)
    found = {(p.kind, p.where) for p in layout_problems(root)}
    assert ("sideways", describe(area)) in found
    assert ("sideways", describe(table)) in found   # eight 100-px columns in 400 px
    content.setMinimumWidth(0)
    table.setColumnCount(2)
    QApplication.processEvents()
    assert [p for p in layout_problems(root) if p.kind == "sideways"] == []
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content.setMinimumWidth(600)                 # no bar: its right side is simply cut
    QApplication.processEvents()
    assert [p.where for p in layout_problems(root) if p.kind == "sideways"] == [describe(area)]


def test_a_layer_over_a_sibling_must_hide_it(qtbot: QtBot) -> None:
    from app.ui.look.style import COVERS, LAYERED_PROPERTY

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 200)
    under = QLabel("READY", root)
    under.setGeometry(0, 0, 400, 200)
    layer = QWidget(root)
    layer.setProperty(LAYERED_PROPERTY, COVERS)
    layer.setGeometry(root.rect())
    root.show()
    qtbot.waitExposed(root)
    assert [p.kind for p in layout_problems(root)] == ["overlap"]   # READY shows through
    palette = layer.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    layer.setPalette(palette)
    layer.setAutoFillBackground(True)
    assert layout_problems(root) == []


def test_a_drop_down_that_cuts_its_last_item_is_reported(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox

    root = QWidget()
    qtbot.addWidget(root)
    box = QComboBox(root)
    box.addItems(["one", "two", "three"])
    box.setGeometry(QRect(10, 10, 200, 30))
    root.resize(300, 100)
    root.show()
    qtbot.waitExposed(root)
    assert layout_problems(root) == []
    box.view().setFixedHeight(box.view().sizeHintForRow(0) * 2)   # room for two of three
    box.setMaxVisibleItems(3)
    problems = [p for p in layout_problems(root) if "last item" in p.detail]
    assert problems, "a list too short for its items was not reported"


@pytest.mark.usefixtures("look_restored")
def test_the_settings_drop_downs_show_their_last_item(open_window: Any,
                                                      qapp: QApplication) -> None:
    """As first opened (the window fits this test screen, so its lists open
    where a desktop's would): Fusion's own list, placed over the box, came a
    few px short under the style sheet and hid "High contrast" under a
    scroll arrow."""
    _as_the_app_starts(qapp)
    window = open_window().window
    window.open_page(SETTINGS)
    _settle()
    page = window.settings_page
    boxes = [page.theme_box, page.text_size_box, page.units_box]
    for box in boxes:
        assert box.count() <= box.maxVisibleItems()   # every choice in sight at once
    problems = [p for p in layout_problems(window) if "last item" in p.detail]
    assert problems == []


def _as_the_app_starts(qapp: QApplication) -> None:
    """The app's own font and look (app.ui.look.style.apply_style at start-up):
    without it a test's application keeps Qt's smaller default font, and
    every size measured is too small."""
    style.apply_look(qapp, style.LIGHT, 100)


@pytest.mark.usefixtures("look_restored")
def test_progress_fits_a_1280_px_screen(open_window: Any, qtbot: QtBot, store: Any,
                                        qapp: QApplication) -> None:
    """Its row of drop-downs, each as wide as its longest entry, made the
    window wider than a 1280-px screen."""
    _as_the_app_starts(qapp)
    session = store.start_session(title="Logged")
    store.log_set(session.id, SetEntry("single-leg-cable-curl", 1, reps=8, load=10))
    store.end_session(session.id)
    window = open_window().window
    window.open_page(HISTORY)
    window.history_page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: window.history is not None and window.history.progress_view is not None)
    _settle()
    view = window.history.progress_view
    assert view is not None and view.isVisible()
    assert window.minimumSizeHint().width() <= 1280 - FRAME.width()


# -- the one window ---------------------------------------------------------------------


def _wait(predicate: Callable[[], bool], timeout_ms: int = 20000) -> None:
    """Run the event loop until ``predicate`` holds (the writer's thread,
    background reads); fails after ``timeout_ms``."""
    remaining = timeout_ms
    while not predicate():
        assert remaining > 0, "timed out waiting for the window"
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()
        remaining -= 10


# Rounds of posted events: a layout that resizes a picture that resizes the
# layout again (the Library's step) takes a few.
SETTLE_ROUNDS = 6


def _settle() -> None:
    """Posted layout requests, deferred work and deletions, done (as the
    event loop does them before the next paint)."""
    for _ in range(SETTLE_ROUNDS):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _fill_log(paths: AppPaths, clock: FakeClock) -> None:
    """A program followed (Today's due session and week), and sessions with
    loads and Nordic descents (History's tabs and charts)."""
    store, _ = Store.open(paths, clock)
    try:
        start = clock.now().astimezone().date()
        for n in range(4):
            session = store.start_session(title=f"Session {n + 1}")
            for number, load in enumerate((60, 70, 80), start=1):
                store.log_set(session.id, SetEntry("romanian-deadlift", number, reps=8, load=load,
                                                   rpe=7))
            store.log_set(session.id, SetEntry("nordic-hamstring-curl", 1, reps=3,
                                               descent_s=(4.0 + n / 2, 3.5, 3.0)))
            clock.advance(1800)
            store.end_session(session.id)
            clock.advance(2 * 86400)
        store.enrol("sample-session", start, [0, 2, 4])
        _fill_running(store, clock)
    finally:
        store.close()


def _fill_running(store: Store, clock: FakeClock) -> None:
    """A running week (the Week page and Today's strip): a planned week, runs
    done in the days before, and a race ahead, so the week has windows, moved
    and placed sessions and a race week."""
    from app.logbook.runs import PlannedDay, RunEntry, RunTag

    store.set_planned_week([PlannedDay.EASY, PlannedDay.QUALITY, PlannedDay.REST,
                            PlannedDay.LONG, PlannedDay.EASY, PlannedDay.QUALITY,
                            PlannedDay.LONG])
    now = clock.now()
    store.add_runs([RunEntry(now - timedelta(days=back, hours=10), minutes * 60,
                             distance_m=km * 1000, tag=tag, tag_guessed=False, source="fit")
                    for back, minutes, km, tag in ((3, 45, 8.0, RunTag.EASY),
                                                   (2, 52, 10.4, RunTag.QUALITY),
                                                   (1, 95, 18.2, RunTag.LONG))])
    store.add_race(now.astimezone().date() + timedelta(days=5), "Spring half marathon")


@dataclass
class Harness:
    window: MainWindow
    clock: FakeClock
    size: QSize | None = None
    look: tuple[str, int] | None = None

    def dress(self, theme: str, scale: int) -> None:
        """The look, through the app's own switch (as Settings changes it)."""
        if self.look != (theme, scale):
            self.look = (theme, scale)
            self.window.apply_look(theme=theme, text_scale=scale)
            _settle()

    def fit(self, size: QSize) -> None:
        """The window as large as a maximised window on a ``size`` screen."""
        self.size = size
        self.window.resize(size)
        _settle()


@pytest.fixture(scope="module")
def harness(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    paths = resolve_paths(tmp_path_factory.mktemp("layout") / "data")
    prepare_dirs(paths)
    clock = FakeClock()
    _fill_log(paths, clock)
    with restored_look(qapp):
        _as_the_app_starts(qapp)
        gui = GuiSession(paths, RecordingAlerts(), clock)
        ready: list[bool] = []
        gui.window.log_ready.connect(lambda: ready.append(True))
        gui.start()
        _wait(lambda: bool(ready))
        yield Harness(gui.window, clock)
        if gui.window.session is not None:
            gui.window.session.stop()
        gui.window.close()


# A window on a desktop gets the screen less its frame and a panel: it must
# be able to shrink to that (Progress once could not be narrower than 1250 px).
FRAME = QSize(32, 64)


# Found when the check for sideways scrolling came in (a page or list wider
# than its viewport: the Library's exercise at 200 % hid "Start session" and
# most of its step that way, and no check saw it), and not fixed yet: each is
# a layout of its own to redo. (surface, the widget as described) -> why.
# (A dialog's room here is the offscreen screen, 800x800, whatever the size.)
# Only a "sideways" problem of that very widget on that surface is left out;
# everything else about it is still checked, and every other widget is.
KNOWN_SIDEWAYS: dict[tuple[str, str], str] = {
    ("history-sessions", "QStackedWidget#qt_tabwidget_stackedwidget > QSplitter > QWidget > "
                         "QTableView 'Sets of the session'"):
        "11 columns; from 150 % they are wider than the page",
    ("history-exercises", "QTabWidget > QStackedWidget#qt_tabwidget_stackedwidget > QWidget > "
                          "QTableView 'Sets of the exercise'"):
        "12 columns; from 150 % they are wider than the page",
    ("history-records", "QWidget > RecordsView > QStackedWidget > QTableView 'Personal records'"):
        "its columns at a large text size",
    ("readiness-check", "ReadinessDialog > QScrollArea#dialogScrollArea"):
        "at 200 % on the offscreen 800-px screen: its longest check box, 850 px (a question "
        "goes above its answers when the row does not fit, so 150 % fits)",
    ("past-session", "AddSessionDialog > QScrollArea#dialogScrollArea"):
        "its row of set fields, from 150 %",
    ("follow-a-program", "FollowDialog > QScrollArea#dialogScrollArea"):
        "seven weekday boxes in one row at 200 %",
    ("welcome", "WelcomeDialog > QScrollArea#dialogScrollArea"):
        "its rows at 200 %",
    ("program-editor", "ProgramEditor > QScrollArea#dialogScrollArea"):
        "its session table and fields",
    ("program-editor", "QScrollArea#dialogScrollArea > QWidget#qt_scrollarea_viewport > "
                       "QWidget#dialogContent > QTableWidget 'Exercises of the session'"):
        "the session's table has more columns than the dialog's width, at every text size",
    ("import", "QScrollArea#dialogScrollArea > QWidget#qt_scrollarea_viewport > "
               "QWidget#dialogContent > QScrollArea 'Exercise names'"):
        "the name-matching rows at 200 %",
    ("custom-exercise", "QScrollArea#dialogScrollArea > QWidget#qt_scrollarea_viewport > "
                        "QWidget#dialogContent > QScrollArea"):
        "the steps' rows at 200 % in high contrast",
    ("session-builder", "SessionBuilderDialog > QTableWidget 'Exercises of the session'"):
        "the session's table at 200 % in high contrast",
}


# Known sideways problems that only begin at a text size: below it they are
# problems again (the readiness check fits at 150 % since its questions wrap).
KNOWN_FROM_SCALE: dict[tuple[str, str], int] = {
    ("readiness-check", "ReadinessDialog > QScrollArea#dialogScrollArea"): 200,
}


def _known(what: str, problem: Problem, scale: int) -> bool:
    key = (what, problem.where)
    return problem.kind == "sideways" and key in KNOWN_SIDEWAYS \
        and scale >= KNOWN_FROM_SCALE.get(key, 0)


def _problems(root: QWidget, what: str, harness: Harness) -> list[str]:
    assert harness.size is not None and harness.look is not None
    theme, scale = harness.look
    return [f"{what} @ {_size_id(harness.size)}, {scale}%, {theme}: {problem}"
            for problem in layout_problems(root, harness.size, harness.size - FRAME)
            if not _known(what, problem, scale)]


# -- pages --------------------------------------------------------------------------------


def _page(row: int) -> Callable[[MainWindow], None]:
    def show(window: MainWindow) -> None:
        window.show_page(row)
    return show


def _library_detail(window: MainWindow) -> None:
    window.show_page(LIBRARY)
    assert window.library_page.open_exercise("nordic-hamstring-curl")


def _library_list(window: MainWindow) -> None:
    window.show_page(LIBRARY)
    window.library_page.show_list()


def _history_tab(index: int) -> Callable[[MainWindow], None]:
    def show(window: MainWindow) -> None:
        window.show_page(HISTORY)
        window.history_page.tabs.setCurrentIndex(index)
        if index == 0:
            window.history_page.select_session_row(0)
    return show


def _history_chart(key: str) -> Callable[[MainWindow], None]:
    """A Progress chart of issue 18 (running load, body weight with its form,
    left/right balance), drawn."""
    def show(window: MainWindow) -> None:
        _history_tab(3)(window)
        assert window.history is not None and window.history.progress_view is not None
        view = window.history.progress_view
        view.show_chart(key)
        view.wait_for_reads()  # read in a worker thread; drawn once its answer is delivered
        _settle()
    return show


PAGES: dict[str, Callable[[MainWindow], None]] = {
    "today": _page(TODAY),
    "library": _library_list,
    "library-detail": _library_detail,
    "programs": _page(PROGRAMS),
    "history-sessions": _history_tab(0),
    "history-exercises": _history_tab(1),
    "history-records": _history_tab(2),
    "history-progress": _history_tab(3),
    "history-calendar": _history_tab(4),
    "history-runs": _history_tab(5),
    "progress-running-load": _history_chart("running_load"),
    "progress-body-weight": _history_chart("body_weight"),
    "progress-sides": _history_chart("side_balance"),
    "settings": _page(SETTINGS),
    "week": _page(WEEK),
}


# -- dialogs ------------------------------------------------------------------------------


def _welcome(window: MainWindow) -> QDialog:
    window.welcome_dialog = None
    window.show_welcome()
    assert window.welcome_dialog is not None
    return window.welcome_dialog


def _about(window: MainWindow) -> QDialog:
    window.about_action.trigger()
    return window.about_dialog


def _follow(window: MainWindow) -> QDialog:
    page = window.programs_page
    controller = window.programs
    assert controller is not None
    page.follow_requested.emit("beginner-bodyweight")
    assert controller.follow_dialog is not None
    return controller.follow_dialog


def _readiness(window: MainWindow) -> QDialog:
    from app.ui.programs.readiness_dialog import ReadinessDialog

    return ReadinessDialog("Sample session · Week 1, session 1", window)


def _import(window: MainWindow) -> QDialog:
    window.page(HISTORY)
    controller = window.history
    assert controller is not None
    controller.import_dialog = None
    controller.start_import(IMPORT_FILE)
    _wait(lambda: controller.import_dialog is not None)
    assert controller.import_dialog is not None
    return controller.import_dialog


def _set_correction(window: MainWindow) -> QDialog:
    page = window.history_page
    controller, reader = window.history, window.reader
    assert controller is not None and reader is not None
    session = reader.list_sessions(limit=1)[0]
    record = reader.sets_of_session(session.id)[0]
    page.edit_set_requested.emit(record)
    assert controller.set_dialog is not None
    return controller.set_dialog


def _program_editor(window: MainWindow) -> QDialog:
    page = window.programs_page
    controller = window.programs
    assert controller is not None
    page.duplicate_requested.emit("advanced")
    assert controller.editor is not None
    return controller.editor


def _custom_exercise(window: MainWindow) -> QDialog:
    page = window.library_page
    controller = window.custom_exercises
    assert controller is not None
    page.add_requested.emit()
    assert controller.dialog is not None
    return controller.dialog


def _past_session(window: MainWindow) -> QDialog:
    from app.ui.history.session_dialog import AddSessionDialog

    window.page(HISTORY)
    controller = window.history
    assert controller is not None
    return AddSessionDialog(controller.exercise_choices(), window.clock.now(), "kg",
                            parent=window)


def _exercise_picker(window: MainWindow) -> QDialog:
    from app.ui.session.picker import ExercisePickerDialog

    return ExercisePickerDialog("Add an exercise", window.catalog().exercises, window)


def _session_builder(window: MainWindow) -> QDialog:
    from app.ui.session import session_builder

    return session_builder.SessionBuilderDialog(window.catalog(), [], "kg", lambda _data: None,
                                                parent=window)


def _planned_week(window: MainWindow) -> QDialog:
    window.page(WEEK)
    controller = window.week
    assert controller is not None
    window.week_page.plan_requested.emit()
    assert controller.plan_dialog is not None
    return controller.plan_dialog


def _races(window: MainWindow) -> QDialog:
    window.page(WEEK)
    controller = window.week
    assert controller is not None
    window.week_page.races_requested.emit()
    assert controller.races_dialog is not None
    return controller.races_dialog


DIALOGS: dict[str, Callable[[MainWindow], QDialog]] = {
    "welcome": _welcome,
    "about": _about,
    "follow-a-program": _follow,
    "readiness-check": _readiness,
    "import": _import,
    "set-correction": _set_correction,
    "program-editor": _program_editor,
    "custom-exercise": _custom_exercise,
    "past-session": _past_session,
    "exercise-picker": _exercise_picker,
    "planned-week": _planned_week,
    "races": _races,
}
if (Path(__file__).parents[3] / "src" / "app" / "ui" / "session" / "session_builder.py").exists():
    DIALOGS["session-builder"] = _session_builder


# -- the matrix ---------------------------------------------------------------------------


def _cases(names: list[str]) -> list[Any]:
    """Every (theme, text size, screen size, name), the look changing least often."""
    return [pytest.param(theme, scale, size, name,
                         id=f"{theme}-{scale}-{_size_id(size)}-{name}")
            for theme in THEMES for scale in SCALES for size in SIZES for name in names]


def test_every_history_tab_is_walked(harness: Harness) -> None:
    tabs = harness.window.history_page.tabs
    assert len([name for name in PAGES if name.startswith("history-")]) == tabs.count()


@pytest.mark.parametrize(("theme", "scale", "size", "page"), _cases(list(PAGES)))
def test_pages_fit(harness: Harness, qtbot: QtBot, theme: str, scale: int, size: QSize,
                   page: str) -> None:
    window = harness.window
    if window.session is not None:
        pytest.fail("a session was left running")
    harness.dress(theme, scale)
    harness.fit(size)
    PAGES[page](window)
    _settle()
    problems = _problems(window, page, harness)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("theme", "scale", "size", "dialog"), _cases(list(DIALOGS)))
def test_dialogs_fit(harness: Harness, qtbot: QtBot, theme: str, scale: int, size: QSize,
                     dialog: str) -> None:
    window = harness.window
    harness.dress(theme, scale)
    harness.fit(size)
    opened = DIALOGS[dialog](window)
    try:
        opened.show()
        _settle()
        problems = _problems(opened, dialog, harness)
        assert not problems, "\n".join(problems)
    finally:
        opened.done(0)
        opened.deleteLater()
        if getattr(window, "about_dialog", None) is opened:
            window.about_dialog = None  # type: ignore[assignment]  # F1 builds a new one
        _settle()


# -- the session -------------------------------------------------------------------------


def _session_plan(window: MainWindow) -> SessionPlan:
    catalog = window.catalog()
    one_side = item_from_exercise(catalog.get("single-leg-deadlift"), sets=2, target_load_kg=16)
    nordic = item_from_exercise(catalog.get("nordic-hamstring-curl"), sets=1)
    return SessionPlan.of("Layout session", main=[one_side, nordic])


class SessionWalk:
    """One session in the window, stepped by its keys and the fake clock."""

    def __init__(self, harness: Harness, qtbot: QtBot) -> None:
        self.window = harness.window
        self.clock = harness.clock
        self.qtbot = qtbot
        self.window.start_session(_session_plan(self.window), self.clock)
        host = self.window.session
        assert host is not None and host.controller is not None
        self.screen = host.screen
        self.controller = host.controller
        _wait(lambda: self.controller.session_id is not None)

    def key(self, key: Qt.Key | str) -> None:
        target = QApplication.focusWidget()
        if target is None or not (target is self.screen or self.screen.isAncestorOf(target)):
            target = self.screen
        self.qtbot.keyClick(target, key)
        _settle()

    def run(self, seconds: float) -> None:
        end = self.clock.monotonic() + seconds
        while True:
            due = self.controller.engine.next_due()
            if due is None or due > end:
                break
            self.clock.advance(max(0.0, due - self.clock.monotonic()))
            self.controller.tick()
        self.clock.advance(max(0.0, end - self.clock.monotonic()))
        self.controller.tick()
        _settle()

    def save(self) -> None:
        with self.qtbot.waitSignal(self.controller.set_logged, timeout=20000):
            self.key(Qt.Key.Key_Return)
        _wait(lambda: not self.controller.writes_pending)
        _settle()

    @property
    def state(self) -> State:
        return self.controller.engine.state


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE, *POPUP_NOISE)
@pytest.mark.parametrize(("theme", "scale", "size"),
                         [pytest.param(t, s, z, id=f"{t}-{s}-{_size_id(z)}")
                          for t in THEMES for s in SCALES for z in SIZES])
def test_session_phases_fit(harness: Harness, qtbot: QtBot, theme: str, scale: int,
                            size: QSize) -> None:
    """Every phase of gym mode: ready, a set running, the log sheet, the side
    switch, the rest, the pause, the list of keys, a Nordic's lowering and
    the summary."""
    harness.dress(theme, scale)
    harness.fit(size)
    walk = SessionWalk(harness, qtbot)
    found: list[str] = []

    def check(phase: str) -> None:
        found.extend(_problems(harness.window, f"session: {phase}", harness))

    try:
        check("ready")
        walk.key(Qt.Key.Key_Space)
        walk.run(12)
        assert walk.state is State.SET_RUNNING
        check("set running")
        walk.key(Qt.Key.Key_Space)
        assert walk.state is State.SET_DONE
        check("log sheet")
        walk.save()
        assert walk.state is State.SWITCHING_SIDE
        check("side switch")
        walk.run(5)
        walk.key(Qt.Key.Key_Space)
        walk.save()
        assert walk.state is State.RESTING
        check("rest")
        walk.key(Qt.Key.Key_Escape)
        assert walk.controller.engine.paused
        check("pause")
        walk.key(Qt.Key.Key_Escape)
        walk.key("?")
        assert walk.screen.help_overlay.isVisible()
        check("keys sheet")
        walk.key("?")
        walk.key(Qt.Key.Key_S)
        walk.key(Qt.Key.Key_N)
        walk.key(Qt.Key.Key_Space)
        walk.run(3.5)
        assert walk.controller.engine.phase is not None
        assert walk.controller.engine.phase.value == "lowering"
        check("Nordic lowering")
        walk.key(Qt.Key.Key_Escape)
        walk.key(Qt.Key.Key_E)
        assert walk.state is State.SUMMARY
        _wait(lambda: not walk.controller.writes_pending)
        _settle()
        check("summary")
    finally:
        if harness.window.session is not None:
            walk.key(Qt.Key.Key_Escape) if walk.state is not State.SUMMARY else None
            if walk.state is not State.SUMMARY:
                walk.key(Qt.Key.Key_E)
            _wait(lambda: not walk.controller.writes_pending)
            walk.key(Qt.Key.Key_Return)
            _wait(lambda: harness.window.session is None)
    assert not found, "\n".join(found)


# -- the wheel guard reaches every value control -------------------------------------------


def _unguarded(root: QWidget) -> list[str]:
    from app.ui.look.wheel_guard import GUARDED_PROPERTY, guarded

    return [f"{type(w).__name__} {w.accessibleName() or w.objectName()!r}"
            for w in (root, *root.findChildren(QWidget))
            if guarded(w) and w.isVisibleTo(root) and not w.property(GUARDED_PROPERTY)]


@pytest.mark.parametrize("surface", [*PAGES, *DIALOGS])
def test_every_spin_box_drop_down_and_slider_is_guarded(harness: Harness, surface: str) -> None:
    """The wheel guard watches the controls it is given (wheel_guard.protect),
    not every event of the application: each page and dialog must give it all
    of theirs, or the wheel over one changes its value again."""
    window = harness.window
    harness.dress("light", 100)
    harness.fit(SIZES[0])
    if surface in PAGES:
        PAGES[surface](window)
        _settle()
        assert not _unguarded(window), surface
        return
    opened = DIALOGS[surface](window)
    try:
        opened.show()
        _settle()
        assert not _unguarded(opened), surface
    finally:
        opened.done(0)
        opened.deleteLater()
        if getattr(window, "about_dialog", None) is opened:
            window.about_dialog = None  # type: ignore[assignment]
        _settle()

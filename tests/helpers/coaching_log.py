"""The shared steps of the coaching scenarios (tests/journeys/test_scenario_*.py and
the tests that start sessions the way an athlete does): a training log
written day by day on a fake clock, then what Today, the start path, the
command line or the window says about it.

Dates are read in UTC; the athlete trains at 6 pm. Two ways to write the log:
``go_to`` a day and ``train`` the session Today says is due, as planned; or
keep a ``Diary`` and note what was ``trained`` on which ``day``.

Fixtures are imported by name and given the name the tests ask for, e.g.
``clock, log = monday_evening, training_log`` (tests/conftest.py's ``clock``
is then this module's for that test file only).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import pytest

import app.cli.common
import app.cli.main
from app.catalog import Catalog, load_catalog_strict
from app.coaching.book import ProgramBook
from app.coaching.readiness import PainLevel, ReadinessAnswers
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.logbook.settings import load_settings
from app.session.events import State
from app.session.plan import SessionPlan
from app.storage.coaching_queries import CoachingReader
from app.storage.queries import LogReader
from app.storage.store import Store
from app.usecases.session_start import StartCheck, check_start
from app.usecases.today import TodayView, build_today

if TYPE_CHECKING:
    # Qt only where a step drives the window: the scenarios of Today's rules
    # alone do not load it.
    from PySide6.QtCore import Qt
    from pytestqt.qtbot import QtBot

    from app.ui.base.alerts import Alerts
    from app.ui.shell.application import GuiSession
    from app.ui.shell.main_window import MainWindow

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EVENING = 18
# Monday 5 January 2026: the first day of every scenario's program.
FIRST_MONDAY = date(2026, 1, 5)
NORDIC = "nordic-hamstring-curl"
RDL = "romanian-deadlift"


# -- the days -------------------------------------------------------------------------


def day(offset: int) -> date:
    """The day ``offset`` days after the first Monday (0 = Mon 5 Jan 2026)."""
    return FIRST_MONDAY + timedelta(days=offset)


def evening(when: date) -> datetime:
    return datetime(when.year, when.month, when.day, EVENING, tzinfo=UTC)


def go_to(clock: FakeClock, when: date) -> None:
    """The evening of ``when``."""
    clock.advance((evening(when) - clock.now()).total_seconds())


# -- fixtures (import them, then name them as the tests ask) ----------------------------


@pytest.fixture
def monday_evening() -> FakeClock:
    """The clock at 6 pm on the first Monday, the day the program starts."""
    return FakeClock(evening(FIRST_MONDAY))


@pytest.fixture
def training_log(store: Store) -> Store:
    """The athlete's log, open on the test's clock (tests/conftest.py's store)."""
    return store


@pytest.fixture
def open_diary(paths: AppPaths, clock: FakeClock) -> Iterator[Diary]:
    """The athlete's Diary, open for the test."""
    opened = Diary(paths, clock)
    yield opened
    opened.close()


# -- writing the log --------------------------------------------------------------------


def answers(soreness: int, pain: str = "none", run_pain: str | None = "none") -> dict[str, object]:
    """The readiness check as stored with a session: nothing alarming but the
    soreness (0-10), leg pain and run pain given."""
    return ReadinessAnswers(soreness=soreness, pain=PainLevel(pain), sharp_pain=False,
                            numbness=False,
                            run_pain=None if run_pain is None else PainLevel(run_pain)).to_dict()


def train(log: Store, clock: FakeClock, view: TodayView, *, soreness: int | None = 2,
          nordic_reps: Sequence[int] | None = None, lowering_s: float = 5.5,
          loads: dict[str, float] | None = None) -> None:
    """Do the session Today says is due, now, as Today planned it: every set
    of the main work at its target reps, Nordics lowered for ``lowering_s``
    each rep (``nordic_reps``: the reps of each Nordic set instead), loaded
    exercises at ``loads`` (kg) or bodyweight. ``soreness`` is the readiness
    answer (None: not asked)."""
    assert view.due is not None
    plan = view.plan(catalog())
    session = log.start_session(title=plan.title, program_slug=plan.program_slug,
                                program_day=plan.program_day,
                                readiness=None if soreness is None else answers(soreness))
    main = next(block for block in plan.blocks if block.name == "main")
    for item in main.items:
        if item.kind != "reps" or item.reps is None:
            continue
        per_set = (list(nordic_reps) if item.slug == NORDIC and nordic_reps is not None else
                   [item.reps_per_set[min(n, len(item.reps_per_set) - 1)] if item.reps_per_set
                    else item.reps[0] for n in range(item.sets)])
        for number, reps in enumerate(per_set, start=1):
            clock.advance(120)
            descents = (lowering_s,) * reps if item.slug == NORDIC else None
            log.log_set(session.id, SetEntry(item.slug, number, reps=reps,
                                             load=(loads or {}).get(item.slug),
                                             descent_s=descents))
    clock.advance(20 * 60)
    log.end_session(session.id)


class Diary:
    """The athlete's log, written as the days go by (the clock moves with it)."""

    def __init__(self, paths: AppPaths, clock: FakeClock) -> None:
        self.paths = paths
        self.clock = clock
        self.store, _ = Store.open(paths, clock)

    def close(self) -> None:
        self.store.close()

    def at(self, when: date, hour: int = 18, minute: int = 0) -> datetime:
        """Move the clock to ``when`` at ``hour``:``minute`` (UTC)."""
        moment = datetime.combine(when, time(hour, minute), tzinfo=UTC)
        if moment > self.clock.now():
            self.clock.advance((moment - self.clock.now()).total_seconds())
        return self.clock.now()

    def follow(self, program: str, start: date, weekdays: Sequence[int]) -> None:
        self.store.enrol(program, start, list(weekdays))

    def trained(self, when: date, *slugs: str, hour: int = 18, minutes: int = 45,
                program: str | None = None, program_day: int | None = None,
                soreness: int | None = None, reps: int = 8, load: float | None = None,
                sets: int = 3) -> None:
        """A session on ``when`` from ``hour``: ``sets`` sets of each exercise."""
        self.at(when, hour)
        readiness = None if soreness is None else ReadinessAnswers(
            soreness, PainLevel.NONE, False, False, True, PainLevel.NONE).to_dict()
        session = self.store.start_session(title="Session", program_slug=program,
                                           program_day=program_day, readiness=readiness)
        for slug in slugs:
            for number in range(1, sets + 1):
                self.store.log_set(session.id, SetEntry(slug, number, reps=reps, load=load))
        self.clock.advance(minutes * 60)
        self.store.end_session(session.id)


# -- what Today and the start path say --------------------------------------------------


def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def today_view(paths: AppPaths, now: datetime) -> TodayView:
    """What Today shows at ``now`` for the program followed (as the Today page
    and `hamstride today` build it), calendar days in UTC."""
    reader = LogReader(paths.database)
    try:
        enrolment = reader.active_enrolment()
        assert enrolment is not None, "the log follows no program"
        book = ProgramBook(catalog())
        book.set_own(reader.user_programs(), reader.custom_slugs())
        program = book.get(enrolment.program_slug)
        assert program is not None
        with CoachingReader(paths.database) as coaching:
            return build_today(program, enrolment, reader, coaching, book.catalog,
                               load_settings(reader.get_setting), now, UTC)
    finally:
        reader.close()


def today(paths: AppPaths, clock: FakeClock) -> TodayView:
    """What Today shows now."""
    return today_view(paths, clock.now())


def week(view: TodayView) -> list[str]:
    """The strip as a coach reads it: "Mon 5: day 1 planned", "Tue 6: rest"."""
    out = []
    for strip_day in view.strip:
        numbers = strip_day.done or strip_day.planned
        what = (f"day {', '.join(str(n) for n in numbers)} {strip_day.status}" if numbers
                else strip_day.status)
        out.append(f"{SHORT[strip_day.date.weekday()]} {strip_day.date.day}: {what}")
    return out


def nordic_line(view: TodayView) -> tuple[str, str]:
    """The Nordic line of Today: its dose and the suggestion's reason."""
    (line,) = [line for line in view.lines if line.slug == NORDIC]
    return line.dose, line.advice


def start_check(paths: AppPaths, plan: SessionPlan, now: datetime, *,
                targets_applied: bool = False) -> StartCheck:
    """What the start path (app.usecases.session_start) makes of ``plan`` at ``now``."""
    reader = LogReader(paths.database)
    try:
        with CoachingReader(paths.database) as coaching:
            return check_start(plan, coaching, catalog(), reader.custom_exercises(),
                               load_settings(reader.get_setting), now, UTC,
                               targets_applied=targets_applied)
    finally:
        reader.close()


def lowering_setting(paths: AppPaths) -> int:
    """The athlete's Nordic lowering setting (seconds), as stored."""
    reader = LogReader(paths.database)
    try:
        return load_settings(reader.get_setting).lowering_s
    finally:
        reader.close()


# -- the command line -------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    """Standard input that says it is a terminal, with the lines typed."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))

    def isatty(self) -> bool:
        return True


class NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


def run_session_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                        paths: AppPaths, now: datetime, *argv: str,
                        typed: Iterable[str] | None = None) -> tuple[int, str, str, Any]:
    """`hamstride session ARGV` at ``now``: its exit status, what it printed,
    and the request it would open the window with (None: no window).
    ``typed``: stdin is a terminal and these are the lines typed; else stdin
    is not a terminal."""
    opened: list[Any] = []

    def window(_paths: AppPaths, request: Any = None, time_scale: float = 1.0) -> int:
        opened.append(request)
        return 0

    import app.ui.shell.application

    monkeypatch.setattr(app.ui.shell.application, "run_gui", window)
    monkeypatch.setattr(app.cli.common, "now", lambda: now)
    monkeypatch.setattr("sys.stdin", NotATerminal() if typed is None else FakeTerminal(typed))
    try:
        code = app.cli.main.main(["--data-dir", str(paths.data_dir), "session", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err, opened[0] if opened else None


def run_today_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                      paths: AppPaths, now: datetime) -> list[str]:
    monkeypatch.setattr(app.cli.common, "now", lambda: now)
    code = app.cli.main.main(["--data-dir", str(paths.data_dir), "today"])
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    return out.splitlines()


NO_COMPLAINTS = "soreness=1,pain=none,sharp=no,numbness=no,walk=yes,run-pain=none"


# -- the window -------------------------------------------------------------------------


def window_opened(qtbot: QtBot, paths: AppPaths, clock: FakeClock,
                  alerts: Alerts | None = None) -> GuiSession:
    """The app's window on the athlete's log, shown once the log is open,
    and holding the keys."""
    from app.ui.base.alerts import RecordingAlerts
    from app.ui.shell.application import GuiSession

    gui = GuiSession(paths, alerts or RecordingAlerts(), clock)
    qtbot.addWidget(gui.window)
    with qtbot.waitSignal(gui.window.log_ready, timeout=20000):
        gui.start()
    gui.window.show()
    qtbot.waitExposed(gui.window)
    refocus(qtbot, gui.window)
    return gui


def refocus(qtbot: QtBot, window: MainWindow) -> None:
    # Offscreen has no window manager to give the window the keys back.
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def close_window(qtbot: QtBot, gui: GuiSession) -> None:
    gui.window.close()
    qtbot.waitUntil(lambda: not gui.window.isVisible())


def on_the_session_screen(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Press ``key`` on the session screen: on the control that holds the
    focus inside it, else on the screen itself."""
    from PySide6.QtWidgets import QApplication

    host = window.session
    assert host is not None
    target = QApplication.focusWidget()
    qtbot.keyClick(target if target is not None and host.screen.isAncestorOf(target)
                   else host.screen, key)


def next_step_as_planned(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    """One step of the session on the screen, done as planned with the keys:
    a set of reps quick-logged (Enter before the set) where it can be, else
    started (Space); a running set runs on the clock, 5 s at a time, and is
    finished (Space) once it may be; a done set is saved from the log sheet
    (Enter); a rest or a side switch runs out, 30 s at a time."""
    from PySide6.QtCore import Qt

    host = window.session
    assert host is not None and host.controller is not None
    controller, engine = host.controller, host.controller.engine
    state = engine.state
    if state is State.READY and "quick_log" in engine.allowed():
        with qtbot.waitSignal(controller.set_logged, timeout=20000):
            on_the_session_screen(qtbot, window, Qt.Key.Key_Return)
    elif state is State.READY:
        on_the_session_screen(qtbot, window, Qt.Key.Key_Space)
    elif state is State.SET_RUNNING:
        clock.advance(5)
        controller.tick()
        if engine.state is State.SET_RUNNING and "finish_set" in engine.allowed():
            on_the_session_screen(qtbot, window, Qt.Key.Key_Space)
    elif state is State.SET_DONE:
        with qtbot.waitSignal(controller.set_logged, timeout=20000):
            on_the_session_screen(qtbot, window, Qt.Key.Key_Return)
    elif state in (State.RESTING, State.SWITCHING_SIDE):
        clock.advance(30)
        controller.tick()


def answer_readiness(qtbot: QtBot, window: MainWindow) -> None:
    """Start from the open readiness check with its default answers (Enter):
    the check every session start asks in the window (issue 16 point 1)."""
    from PySide6.QtCore import Qt

    dialog = window.readiness_dialog
    assert dialog is not None, "no readiness check was asked"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert window.readiness_dialog is None

"""One press per set (issue 14, point 2): the log sheet pre-filled (reps done;
load from the previous set, else the same set last time, else the target),
saved by Enter, Space or the foot switch; quick log from the set screen;
"last time" above the target; the load field first for a loaded exercise;
plates per side; bad loads refused next to the field; RIR instead of RPE."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import (
    MAX_ASSIST_KG,
    MAX_LOAD_KG,
    InvalidEntryError,
    SetEntry,
    check_typed_load,
)
from app.logbook.settings import EffortScale
from app.session import SessionPlan, State, item_from_exercise
from app.session.engine import SessionEngine, TransitionError
from app.storage.store import Store
from app.ui.base.log_writer import LogWriter
from app.ui.session.controller import SessionController
from app.ui.session.log_sheet import plates_text
from app.ui.session.screen import SessionScreen

K = Qt.Key
RDL = "romanian-deadlift"
BRIDGE = "glute-bridge"
NORDIC = "nordic-hamstring-curl"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


def plan(catalog: Catalog, *items: tuple[str, float | None]) -> SessionPlan:
    return SessionPlan.of("Test session", main=[
        item_from_exercise(catalog.get(slug), target_load_kg=load) for slug, load in items])


# -- the engine's pre-fill -----------------------------------------------------------


def _finish(engine: SessionEngine, clock: FakeClock) -> None:
    engine.start_set()
    clock.advance(30)
    engine.finish_set()


def test_the_load_comes_from_the_previous_set_then_last_time_then_the_target(
        catalog: Catalog, clock: FakeClock) -> None:
    engine = SessionEngine(plan(catalog, (RDL, 50.0), (BRIDGE, None)), clock)
    # Last time: 60 kg for set 1, 62.5 kg for set 2 (entered in kg).
    engine.remember_last_time(RDL, [(1, "both", 60.0, "kg"), (2, "both", 62.5, "kg")])
    _finish(engine, clock)
    first = engine.entry_for_set()
    assert (first.load, first.load_unit) == (60.0, "kg")       # same set number last time
    engine.confirm_set(engine.entry_for_set(load=65.0))
    engine.skip_rest()
    _finish(engine, clock)
    assert engine.entry_for_set().load == 65.0                # the previous set, not last time
    engine.confirm_set(engine.entry_for_set(load=None))       # the athlete cleared it
    engine.skip_rest()
    _finish(engine, clock)
    assert engine.entry_for_set().load is None                # kept as the athlete left it


def test_the_view_shows_before_each_set_the_load_its_sheet_will_offer(
        catalog: Catalog, clock: FakeClock) -> None:
    engine = SessionEngine(plan(catalog, (RDL, 50.0)), clock)
    assert engine.view().load == (50.0, "kg")                 # nothing else known: the target
    engine.remember_last_time(RDL, [(1, "both", 60.0, "kg"), (2, "both", 62.5, "kg")])
    assert engine.view().load == (60.0, "kg")                 # set 1 last time
    _finish(engine, clock)
    assert engine.view().load == (engine.entry_for_set().load, "kg")
    engine.confirm_set(engine.entry_for_set(load=135.0, load_unit="lb"))
    nxt = engine.view().next_up                               # resting: set 2 comes next
    assert nxt is not None and nxt.set_number == 2 and nxt.load == (135.0, "lb")
    engine.skip_rest()
    assert engine.view().load == (135.0, "lb")                # the previous set, as entered


def test_without_last_time_the_target_and_other_exercises_keep_their_own(
        catalog: Catalog, clock: FakeClock) -> None:
    engine = SessionEngine(plan(catalog, (RDL, 50.0), (BRIDGE, 20.0)), clock)
    _finish(engine, clock)
    assert (engine.entry_for_set().load, engine.entry_for_set().load_unit) == (50.0, "kg")
    engine.confirm_set(engine.entry_for_set(load=70.0))
    engine.next_exercise()
    _finish(engine, clock)
    assert engine.entry_for_set().load == 20.0   # the bridge's own target, not the deadlift's
    # A set number last time did not reach falls back to the target; so does a
    # set last time done without a load.
    engine2 = SessionEngine(plan(catalog, (RDL, 50.0)), clock)
    engine2.remember_last_time(RDL, [(1, "both", None, "kg")])
    _finish(engine2, clock)
    assert engine2.entry_for_set().load == 50.0


def test_last_time_in_pounds_comes_back_in_pounds(catalog: Catalog, clock: FakeClock) -> None:
    engine = SessionEngine(plan(catalog, (RDL, None)), clock)
    engine.remember_last_time(RDL, [(1, "both", 135.0, "lb")])
    _finish(engine, clock)
    entry = engine.entry_for_set()
    assert (entry.load, entry.load_unit) == (135.0, "lb")


def test_the_session_loads_survive_a_restore(catalog: Catalog, clock: FakeClock) -> None:
    the_plan = plan(catalog, (RDL, 50.0))
    engine = SessionEngine(the_plan, clock)
    _finish(engine, clock)
    engine.confirm_set(engine.entry_for_set(load=72.5))
    restored = SessionEngine.restore(engine.snapshot(), the_plan, clock)
    restored.skip_rest()
    _finish(restored, clock)
    assert restored.entry_for_set().load == 72.5


def test_quick_log_takes_a_set_of_reps_straight_to_the_sheet_untimed(
        catalog: Catalog, clock: FakeClock) -> None:
    engine = SessionEngine(plan(catalog, (NORDIC, None), ("standing-hamstring-stretch", None)),
                           clock)
    assert "quick_log" in engine.allowed()
    engine.quick_log()
    assert engine.state is State.SET_DONE
    done = engine.view().last_set
    assert done is not None and not done.timed
    entry = engine.entry_for_set()
    target = engine.current_item.reps_for_set(1)
    # As planned: the target reps; nothing measured is claimed (no time, no descents).
    assert (entry.reps, entry.duration_s, entry.descent_s) == (target, None, None)
    engine.confirm_set(entry)
    engine.next_exercise()
    assert engine.current_item.kind == "hold" and "quick_log" not in engine.allowed()
    with pytest.raises(TransitionError):
        engine.quick_log()   # a hold is its time: it has to be held


# -- typed loads ------------------------------------------------------------------


@pytest.mark.parametrize(("load", "unit"), [
    (MAX_LOAD_KG, "kg"), (0.0, "kg"), (-MAX_ASSIST_KG, "kg"), (1102.31, "lb"), (-220.46, "lb"),
    (None, "kg")])
def test_typed_loads_within_the_bounds_pass(load: float | None, unit: str) -> None:
    check_typed_load(load, unit)


@pytest.mark.parametrize(("load", "unit", "words"), [
    (500.01, "kg", "must be at most 500 kg"),
    (1102.32, "lb", "must be at most 1102.31 lb"),
    (-100.01, "kg", "band assistance (a negative load) must be at most 100 kg"),
    (-220.47, "lb", "band assistance (a negative load) must be at most 220.46 lb"),
])
def test_typed_loads_beyond_the_bounds_are_refused(load: float, unit: str, words: str) -> None:
    with pytest.raises(InvalidEntryError) as refused:
        check_typed_load(load, unit)
    assert refused.value.field == "load" and refused.value.message == words


def test_plates_per_side_in_words() -> None:
    assert plates_text(100, 20, (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25), "kg") == \
        "Per side: 25 + 15"
    assert plates_text(20, 20, (25.0,), "kg") == "The bar alone"
    assert plates_text(137, 45, (45.0, 25.0, 10.0, 5.0, 2.5), "lb") == \
        "Per side: 45 (makes 135 lb: no plates for the rest)"
    assert plates_text(10, 20, (25.0,), "kg") == "Lighter than the bar (20 kg)"


# -- on screen ------------------------------------------------------------------------


def focused(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


class _Silent(QObject):
    def play(self, kind: str, count: int | None) -> None:
        pass


@pytest.fixture
def writer(store: Store, paths: AppPaths, clock: FakeClock) -> Iterator[LogWriter]:
    log_writer = LogWriter(paths, clock)
    yield log_writer
    log_writer.close()


class Gym:
    def __init__(self, qtbot: QtBot, controller: SessionController) -> None:
        self.qtbot, self.controller, self.screen = qtbot, controller, controller.screen
        self.sheet = controller.screen.sheet

    def key(self, key: Any, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.screen
        assert target is self.screen or self.screen.isAncestorOf(target)
        self.qtbot.keyClick(target, key, modifiers)

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.controller.writes_pending, timeout=20000)

    def logged(self, key: Any) -> Any:
        with self.qtbot.waitSignal(self.controller.set_logged, timeout=20000) as logged:
            self.key(key)
        self.settle()
        return logged.args[0]


@pytest.fixture
def make(qtbot: QtBot, catalog: Catalog, clock: FakeClock, writer: LogWriter,
         paths: AppPaths) -> Iterator[Any]:
    made: list[SessionController] = []

    def build(the_plan: SessionPlan, *, units: str = "kg",
              break_point_keys: tuple[str, ...] = ("B", "Space")) -> Gym:
        screen = SessionScreen(catalog, units=units, break_point_keys=list(break_point_keys))
        qtbot.addWidget(screen)
        screen.resize(1366, 768)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitActive(screen)
        screen.sheet.set_plates(20.0 if units == "kg" else 45.0,
                                (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25) if units == "kg"
                                else (45.0, 35.0, 25.0, 10.0, 5.0, 2.5))
        controller = SessionController(the_plan, screen, clock=clock, writer=writer,
                                       cue_player=_Silent(),
                                       save_path=paths.data_dir / "session-in-progress.json")
        made.append(controller)
        controller.start()
        gym = Gym(qtbot, controller)
        gym.settle()
        return gym

    yield build
    for controller in made:
        controller.stop()


def _last_week(store: Store, clock: FakeClock) -> None:
    earlier = store.start_session(title="Last week")
    for n in (1, 2, 3):
        store.log_set(earlier.id, SetEntry(RDL, n, reps=8, load=60))
    store.end_session(earlier.id)
    clock.advance(timedelta(days=5).total_seconds())


def test_last_time_is_shown_above_the_target_and_on_the_sheet(make: Any, catalog: Catalog,
                                                              store: Store,
                                                              clock: FakeClock) -> None:
    _last_week(store, clock)
    gym = make(plan(catalog, (RDL, 50.0)))
    screen = gym.screen
    gym.qtbot.waitUntil(lambda: screen.last_line.text() != "", timeout=20000)
    assert screen.last_line.text() == "last time: 3 x 8 @ 60 kg, 5 days ago"
    assert screen.last_line.isVisible()
    assert screen.last_line.geometry().bottom() <= screen.target_line.geometry().top()  # above
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    assert gym.sheet.last_time.text() == "last time: 3 x 8 @ 60 kg, 5 days ago"
    assert gym.sheet.load_edit.text() == "60"   # the same set last time, over the target's 50


def test_typed_digits_go_to_the_load_and_space_saves(make: Any, catalog: Catalog,
                                                     store: Store) -> None:
    gym = make(plan(catalog, (RDL, 60.0)))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    assert gym.sheet.plates_line.text() == "Per side: 20"
    for digit in "70":
        gym.key(digit)
    assert gym.sheet.load_edit.text() == "70" and gym.sheet.plates_line.text() == \
        "Per side: 25"
    record = gym.logged(K.Key_Space)
    assert (record.reps, record.load_kg) == (10, 70.0)
    assert gym.controller.engine.state is State.RESTING
    # The next set starts from that load: one press saves it.
    gym.key(K.Key_Space)                      # start now
    gym.key(K.Key_Space)                      # finish
    assert gym.sheet.load_edit.text() == "70"
    record = gym.logged(K.Key_Return)
    assert record.load_kg == 70.0 and record.set_number == 2


def test_the_foot_switch_key_saves_but_not_while_typing_notes(make: Any, catalog: Catalog) -> None:
    gym = make(plan(catalog, (BRIDGE, None)), break_point_keys=("PgDown",))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    sheet = gym.sheet
    assert focused(sheet.reps_edit)   # bodyweight: the reps first
    sheet.notes_edit.setFocus()
    gym.key(K.Key_Space)
    assert sheet.notes_edit.text() == " " and gym.controller.engine.state is State.SET_DONE
    sheet.reps_edit.setFocus()
    record = gym.logged(K.Key_PageDown)
    assert record.exercise_slug == BRIDGE


def test_enter_before_the_set_logs_it_at_once(make: Any, catalog: Catalog, store: Store) -> None:
    gym = make(plan(catalog, (RDL, 60.0)))
    assert gym.controller.engine.state is State.READY
    record = gym.logged(K.Key_Return)        # one press
    assert (record.set_number, record.reps, record.load_kg, record.duration_s) == (1, 10, 60.0,
                                                                                   None)
    assert gym.controller.engine.state is State.RESTING
    session_id = gym.controller.session_id
    assert session_id is not None
    [stored] = store.sets_of_session(session_id)
    assert stored.duration_s is None and stored.rpe is None


@pytest.mark.parametrize(("typed", "words"), [
    ("heavy", "Load: must be a number, got 'heavy'"),
    ("500.01", "Load: must be at most 500 kg"),
    ("-100.5", "Load: band assistance (a negative load) must be at most 100 kg"),
])
def test_a_bad_load_is_refused_next_to_it_and_the_set_stays(make: Any, catalog: Catalog,
                                                            typed: str, words: str) -> None:
    gym = make(plan(catalog, (RDL, 60.0)))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.sheet.load_edit.setText(typed)
    gym.key(K.Key_Return)
    assert gym.controller.engine.state is State.SET_DONE
    assert gym.sheet.messages["load"].text() == words and gym.sheet.messages["load"].isVisible()
    assert gym.sheet.load_edit.text() == typed
    assert focused(gym.sheet.load_edit)
    gym.sheet.load_edit.setText("500")      # the bound itself is fine
    record = gym.logged(K.Key_Return)
    assert record.load_kg == 500.0


def test_rir_is_asked_instead_of_rpe_when_settings_say_so(make: Any, catalog: Catalog) -> None:
    gym = make(plan(catalog, (BRIDGE, None)))
    gym.sheet.set_effort_scale(EffortScale.RIR)
    assert gym.sheet.effort_scale is EffortScale.RIR
    assert gym.sheet.rpe_caption.text() == "RIR" and gym.sheet.rpe_edit.accessibleName() == "RIR"
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.sheet.rpe_edit.setText("11")
    gym.key(K.Key_Return)
    assert gym.sheet.messages["RPE"].text() == "RIR: must be a whole number from 0 to 10, got 11"
    gym.sheet.rpe_edit.setText("2")
    record = gym.logged(K.Key_Return)
    assert (record.rir, record.rpe) == (2, None)


def test_a_quick_log_that_cannot_be_saved_stays_on_the_sheet(make: Any, catalog: Catalog,
                                                             store: Store,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real_log_set = Store.log_set
    failures = [OSError("disk I/O error")]

    def flaky_log_set(self: Store, session_id: int, entry: SetEntry, **identity: Any) -> Any:
        if failures:
            raise failures.pop()
        return real_log_set(self, session_id, entry, **identity)

    monkeypatch.setattr(Store, "log_set", flaky_log_set)
    gym = make(plan(catalog, (RDL, 60.0)))
    gym.key(K.Key_Return)                     # quick log
    gym.settle()
    sheet = gym.sheet
    assert gym.controller.engine.state is State.SET_DONE and sheet.isVisible()
    assert sheet.status.text().startswith("Not saved: disk I/O error.")
    assert sheet.detail.text() == "Logged at once, as planned: no set timer ran"
    assert (sheet.reps_edit.text(), sheet.load_edit.text()) == ("10", "60")
    assert store.count_sets() == 0
    record = gym.logged(K.Key_Return)         # Enter tries again
    assert (record.reps, record.load_kg, record.duration_s) == (10, 60.0, None)


def test_set_one_is_offered_last_times_first_working_set_not_its_warm_up_number(
        make: Any, catalog: Catalog, store: Store, clock: FakeClock) -> None:
    # As an imported Strong session: a warm-up is set 1, the working sets 2-4.
    earlier = store.start_session(title="Imported")
    store.log_set(earlier.id, SetEntry(RDL, 1, reps=10, load=40, set_type="warmup"))
    for number, load in ((2, 70.0), (3, 70.0), (4, 72.5)):
        store.log_set(earlier.id, SetEntry(RDL, number, reps=8, load=load))
    store.end_session(earlier.id)
    clock.advance(timedelta(days=2).total_seconds())
    gym = make(plan(catalog, (RDL, 50.0)))
    gym.qtbot.waitUntil(lambda: gym.screen.last_line.text() != "", timeout=20000)
    # The set screen's target says the load the sheet will offer, not the plan's 50.
    assert gym.screen.target_line.text() == "TARGET 8–10 reps · 70 kg"
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    assert gym.sheet.load_edit.text() == "70"   # the first working set, not the warm-up's 40
    gym.sheet.load_edit.setText("75")
    gym.logged(K.Key_Return)
    # The rest leads to set 2 at the load just lifted, as its sheet will offer.
    assert gym.screen.target_line.text().endswith("set 2 of 3 · 8–10 reps · 75 kg")

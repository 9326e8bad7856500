"""The session screen and its controller, offscreen, on a fake clock.

Time only moves when a test advances the clock and calls the controller's
tick (as its timers would); nothing sleeps. Sets go through a real LogWriter
into a real database in the test's own data folder.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.catalog import Catalog, load_catalog_strict
from app.catalog.vocabulary import DoseKind
from app.kernel.clock import FakeClock
from app.kernel.paths import AppPaths
from app.kernel.resources import resources_dir
from app.logbook.entries import SetEntry
from app.session import Phase, SessionPlan, State, item_from_exercise
from app.session.saved import load_saved_session, session_payload, write_saved_session
from app.session.timing import ScaledClock
from app.ui.base.log_writer import LogWriter
from app.ui.session import theme
from app.ui.session.controller import SessionController
from app.ui.session.figure import lowering_steps
from app.ui.session.screen import SessionScreen

NORDIC = "nordic-hamstring-curl"
WIDTH, HEIGHT = 1366, 768
K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


# --------------------------------------------------------------------------
# Harness
# --------------------------------------------------------------------------


class FakeCuePlayer(QObject):
    """Records the cues; can ask for a flash like the real player without sound."""

    flash_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.played: list[tuple[str, int | None]] = []

    def play(self, kind: str, count: int | None) -> None:
        self.played.append((kind, count))


class Gym:
    """One session on screen: the controller, its screen, the clock and the keys."""

    def __init__(self, qtbot: QtBot, controller: SessionController, clock: FakeClock,
                 player: FakeCuePlayer) -> None:
        self.qtbot = qtbot
        self.controller = controller
        self.screen = controller.screen
        self.clock = clock
        self.player = player

    @property
    def engine(self) -> Any:
        return self.controller.engine

    def run(self, seconds: float) -> None:
        """Let ``seconds`` pass, ticking when something is due (as the precise
        timer does), then at the end (as the repaint timer does)."""
        end = self.clock.monotonic() + seconds
        while True:
            due = self.engine.next_due()
            if due is None or due > end:
                break
            self.clock.advance(max(0.0, due - self.clock.monotonic()))
            self.controller.tick()
        self.clock.advance(max(0.0, end - self.clock.monotonic()))
        self.controller.tick()

    def key(self, key: Qt.Key | str, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        """A key press, where the keyboard focus is (the screen or a field of the sheet)."""
        target = QApplication.focusWidget() or self.screen
        assert target is self.screen or self.screen.isAncestorOf(target)
        self.qtbot.keyClick(target, key, modifiers)

    def settle(self) -> None:
        """Wait for the writer to finish this session's writes (sets, saved state)."""
        self.qtbot.waitUntil(lambda: not self.controller.writes_pending, timeout=20000)

    def save_set(self) -> None:
        with self.qtbot.waitSignal(self.controller.set_logged, timeout=20000):
            self.key(K.Key_Return)
        self.settle()

    def texts(self) -> dict[str, str]:
        s = self.screen
        return {"name": s.name_line.text(), "set": s.set_line.text(), "side": s.side_badge.text(),
                "headline": s.headline.text(), "big": s.big.text(), "rep": s.rep_line.text(),
                "target": s.target_line.text(), "detail": s.detail_line.text(),
                "caption": s.next_caption.text(), "strip": s.strip_line.text()}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog_strict(resources_dir())


@pytest.fixture
def writer(store: object, paths: AppPaths, clock: FakeClock) -> Iterator[LogWriter]:
    # ``store`` opened (created and migrated) the database first, as the app does.
    log_writer = LogWriter(paths, clock)
    yield log_writer
    log_writer.close()


@pytest.fixture
def make(qtbot: QtBot, catalog: Catalog, clock: FakeClock, writer: LogWriter,
         paths: AppPaths) -> Iterator[Any]:
    made: list[SessionController] = []

    def build(plan: SessionPlan, *, units: str = "kg", break_point_keys: tuple[str, ...] = ("B", "Space"),
              start: bool = True, session_clock: Any = None) -> Gym:
        screen = SessionScreen(catalog, units=units, break_point_keys=list(break_point_keys))
        qtbot.addWidget(screen)
        screen.resize(WIDTH, HEIGHT)
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()
        qtbot.waitActive(screen)
        player = FakeCuePlayer()
        controller = SessionController(plan, screen, clock=session_clock or clock, writer=writer,
                                       cue_player=player,
                                       save_path=paths.data_dir / "session-in-progress.json")
        made.append(controller)
        gym = Gym(qtbot, controller, clock, player)
        if start:
            controller.start()
            gym.settle()
        return gym

    yield build
    for controller in made:
        controller.stop()


def has_focus(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def plan_of(catalog: Catalog, *slugs: str, **loads: float) -> SessionPlan:
    """A plan of catalog exercises in their blocks (``loads``: slug with _ -> kg)."""
    from app.session.plan import block_for

    blocks: dict[str, list[Any]] = {}
    for slug in slugs:
        exercise = catalog.get(slug)
        item = item_from_exercise(exercise, target_load_kg=loads.get(slug.replace("-", "_")))
        blocks.setdefault(block_for(exercise).replace("-", "_"), []).append(item)
    return SessionPlan.of("Test session", **blocks)


def through_nordic_set(gym: Gym, breaks: dict[int, tuple[float, Qt.Key]] | None = None) -> None:
    """Run a whole cued Nordic set; ``breaks``: rep -> (seconds into the lowering, key)."""
    breaks = breaks or {}
    gym.key(K.Key_Space)
    for rep in range(1, 6):
        gym.run(3.0)                            # get ready
        assert gym.engine.phase is Phase.LOWERING and gym.engine.rep == rep
        if rep in breaks:
            seconds, key = breaks[rep]
            gym.run(seconds)
            gym.key(key)
        else:
            gym.run(5.0)
        assert gym.engine.phase is Phase.CATCH
        gym.run(1.0)
        gym.run(3.0)                            # back up
    assert gym.engine.state is State.SET_DONE


# --------------------------------------------------------------------------
# Every state, with the right words
# --------------------------------------------------------------------------


def test_ready_shows_the_exercise_the_set_and_the_target(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", NORDIC, romanian_deadlift=60))
    t = gym.texts()
    assert t["name"] == "Romanian deadlift"
    assert t["set"] == "SET 1 OF 3"
    assert t["side"] == ""                       # both legs: no side badge
    assert (t["headline"], t["big"]) == ("SPACE TO START", "READY")
    assert t["target"] == "TARGET 8–10 reps · 60 kg"
    assert t["strip"] == "0 of 5 sets"
    assert gym.screen.figure.isVisible() and gym.screen.figure.step_index == 0
    assert gym.screen.visible_buttons() == ["primary", "next", "pause", "help"]
    assert gym.screen.buttons["primary"].text() == "Space  Start set"


def test_the_target_load_follows_the_units(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60), units="lb")
    assert gym.texts()["target"] == "TARGET 8–10 reps · 132.5 lb"


def test_a_plain_set_counts_up_and_space_finishes_it(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60))
    gym.key(K.Key_Space)
    assert gym.engine.state is State.SET_RUNNING
    assert (gym.texts()["headline"], gym.texts()["big"]) == ("SET RUNNING", "0:00")
    gym.run(17.4)
    assert gym.texts()["big"] == "0:17"
    assert gym.texts()["detail"] == "Space when the set is done"
    assert gym.screen.buttons["primary"].text() == "Space  Finish set"
    gym.key(K.Key_Space)
    assert gym.engine.state is State.SET_DONE
    sheet = gym.screen.sheet
    assert gym.screen.pages.currentWidget() is sheet and sheet.isVisible()
    assert (sheet.reps_edit.text(), sheet.load_edit.text(), sheet.unit_label.text()) == ("10", "60", "kg")
    assert sheet.detail.text() == "Time 0:17"
    # Issue 14: a loaded exercise opens on its load (typed digits replace it).
    assert has_focus(sheet.load_edit) and sheet.load_edit.selectedText() == "60"
    assert gym.screen.visible_buttons() == ["confirm", "discard", "pause", "help"]


def test_the_nordic_phases_get_ready_lower_catch_and_back_up(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    screen = gym.screen
    gym.key(K.Key_Space)
    t = gym.texts()
    assert (t["headline"], t["big"], t["rep"]) == ("GET READY", "3", "REP 1 OF 5")
    assert gym.player.played == [("beep", 3)]
    assert screen.figure.step_index == 0 and screen.figure.progress is None
    assert screen.visible_buttons() == ["primary", "pause", "help"]   # Space ends the set only now
    assert screen.buttons["primary"].text() == "Space  End set"

    gym.run(3.0)
    assert gym.player.played[-1] == ("go", None)
    t = gym.texts()
    assert (t["headline"], t["big"]) == ("LOWER", "5")
    assert t["detail"] == "B or Space when you lose control"
    assert screen.bar.fraction == pytest.approx(1.0)
    assert screen.headline.colour() == QColor(theme.LOWER)
    assert screen.visible_buttons() == ["break", "pause", "help"]

    gym.run(2.5)
    assert gym.texts()["big"] == "3"
    assert screen.bar.fraction == pytest.approx(0.5)       # the bar has drained halfway
    chain = lowering_steps(catalog.get(NORDIC))
    assert chain == (0, 1, 2)                              # upright, leaning, low
    assert (screen.figure.step_index, screen.figure.progress) == (1, 0.0)   # halfway down
    assert [p for p in gym.player.played if p[0] == "tick"] == [("tick", 1), ("tick", 2)]
    gym.run(1.25)
    assert screen.figure.step_index == 1 and screen.figure.progress == pytest.approx(0.5)

    gym.run(1.25)
    t = gym.texts()
    assert (t["headline"], t["big"]) == ("CATCH", "CATCH")
    assert t["detail"] == "Full descent: 5.0 s"
    assert gym.player.played[-1] == ("catch", None)
    assert screen.figure.step_index == 3 and screen.figure.progress is None   # hands on the floor

    gym.run(1.0)
    t = gym.texts()
    assert (t["headline"], t["big"]) == ("BACK UP", "3")
    assert screen.bar.fraction == pytest.approx(0.0)      # on the way up the bar rises
    gym.run(1.5)
    assert screen.bar.fraction == pytest.approx(0.5)
    gym.run(1.5)
    assert (gym.texts()["headline"], gym.texts()["rep"]) == ("GET READY", "REP 2 OF 5")


def test_holds_count_holds_and_relax(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "standing-hamstring-stretch"))
    assert gym.texts()["side"] == "LEFT LEG"
    gym.key(K.Key_Space)
    t = gym.texts()
    assert (t["headline"], t["big"], t["rep"]) == ("HOLD", "10", "HOLD 1 OF 6")
    assert t["target"] == "TARGET 6 × 10 s holds"
    gym.run(10.0)
    assert (gym.texts()["headline"], gym.texts()["big"]) == ("RELAX", "5")
    assert gym.player.played[-1] == ("relax", None)
    gym.run(5.0)
    assert gym.texts()["rep"] == "HOLD 2 OF 6"


def test_a_timed_effort_counts_down_and_ends_by_itself(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "light-jog"))
    assert gym.texts()["target"] == "TARGET 5 min"
    gym.key(K.Key_Space)
    assert (gym.texts()["headline"], gym.texts()["big"]) == ("GO", "5:00")
    gym.run(61)
    assert gym.texts()["big"] == "3:59"
    gym.run(239)
    assert gym.engine.state is State.SET_DONE
    assert gym.player.played[-1] == ("done", None)
    assert gym.screen.sheet.reps_edit.text() == ""
    assert gym.screen.sheet.detail.text() == "Time 5:00"


def test_the_log_sheet_shows_each_descent_and_their_mean(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    through_nordic_set(gym, {1: (2.0, K.Key_B), 3: (3.5, K.Key_B)})
    sheet = gym.screen.sheet
    assert sheet.reps_edit.text() == "5"
    assert sheet.load_edit.text() == ""
    # Issue 14: a rep lowered to the floor without a press is its target, marked +.
    assert sheet.detail.text() == ("Descent  2.0 · 5.0+ · 3.5 · 5.0+ · 5.0+ s · mean at least "
                                   "4.1 s (+: to the floor)")
    assert sheet.title.text() == "LOG SET 1"


def test_resting_shows_the_time_left_and_what_comes_next(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", NORDIC, romanian_deadlift=60))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.save_set()
    assert gym.engine.state is State.RESTING
    t = gym.texts()
    assert (t["headline"], t["big"], t["caption"]) == ("REST", "2:00", "NEXT UP")
    assert (t["rep"], t["target"]) == ("Romanian deadlift", "set 2 of 3 · 8–10 reps · 60 kg")
    assert t["strip"] == "1 of 5 sets"
    assert gym.screen.visible_buttons() == ["primary", "shorter", "longer", "skip", "undo", "pause", "help"]
    gym.key("+")
    assert gym.texts()["big"] == "2:15"
    gym.key("-")
    gym.key("-")
    assert gym.texts()["big"] == "1:45"
    # The last set of this exercise rests before the next one: its first picture.
    for _ in range(2):
        gym.key(K.Key_S)
        gym.key(K.Key_Space)
        gym.key(K.Key_Space)
        gym.save_set()
    t = gym.texts()
    assert (t["rep"], t["target"]) == ("Nordic hamstring curl", "set 1 of 2 · 5 reps")
    figure = gym.screen.figure
    assert figure.exercise is catalog.get(NORDIC) and figure.step_index == 0
    gym.key(K.Key_S)
    assert gym.engine.state is State.READY and gym.texts()["name"] == "Nordic hamstring curl"


def test_space_during_a_rest_starts_the_next_set_at_once(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift"))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.save_set()
    gym.run(30)
    gym.key(K.Key_Space)
    assert gym.engine.state is State.SET_RUNNING and gym.texts()["set"] == "SET 2 OF 3"


def test_one_side_then_a_switch_side_count_then_the_other(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "single-leg-deadlift", single_leg_deadlift=16))
    assert (gym.texts()["side"], gym.screen.side_badge.side) == ("LEFT LEG", "left")
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.save_set()
    t = gym.texts()
    assert gym.engine.state is State.SWITCHING_SIDE
    assert (t["headline"], t["big"], t["side"], t["caption"]) == ("SWITCH TO RIGHT", "5", "RIGHT LEG",
                                                                  "NEXT: RIGHT LEG")
    assert (t["rep"], t["target"]) == ("Single-leg deadlift", "set 1 of 2 · 10–15 reps · 16 kg")
    assert gym.screen.figure.exercise is catalog.get("single-leg-deadlift")
    gym.run(5.0)
    assert gym.engine.state is State.SET_RUNNING and gym.texts()["side"] == "RIGHT LEG"
    assert [kind for kind, _ in gym.player.played[-4:]] == ["beep", "beep", "beep", "go"]


def test_esc_pauses_and_the_overlay_resumes_or_ends(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift"))
    gym.key(K.Key_Space)
    gym.run(5)
    gym.key(K.Key_Escape)
    overlay = gym.screen.pause_overlay
    assert gym.engine.paused and overlay.isVisible() and overlay.title.text() == "PAUSED"
    assert gym.texts()["headline"] == "PAUSED"
    gym.run(60)
    assert gym.texts()["big"] == "0:05"                     # frozen while paused
    gym.key(K.Key_Escape)
    assert not gym.engine.paused and not overlay.isVisible()
    gym.run(2)
    assert gym.texts()["big"] == "0:07"
    gym.key(K.Key_Escape)
    gym.key(K.Key_E)
    assert gym.engine.state is State.SUMMARY and not overlay.isVisible()
    assert gym.screen.summary_page.title.text() == "SESSION ENDED"


def test_the_summary_lists_every_exercise_and_enter_closes_it(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", NORDIC, romanian_deadlift=60))
    gym.key(K.Key_Space)
    gym.run(40)
    gym.key(K.Key_Space)
    gym.key(K.Key_Up, SHIFT)
    gym.save_set()
    gym.key(K.Key_N)
    through_nordic_set(gym, {2: (3.0, K.Key_B)})
    gym.save_set()
    gym.key(K.Key_Escape)
    gym.key(K.Key_E)
    gym.settle()
    page = gym.screen.summary_page
    assert gym.screen.pages.currentWidget() is page
    assert page.title.text() == "SESSION ENDED"
    assert page.totals.text().startswith("2 of 5 sets logged · ")
    # Issue 14: sets x reps x load, volume, the Nordic's best and mean descent, last time.
    assert page.texts() == ["Romanian deadlift: 1 x 10 @ 62.5 kg · 1 of 3 sets · volume 625 kg"
                            "\nfirst time",
                            "Nordic hamstring curl: 1 x 5 · 1 of 2 sets · best descent 5.0 s+ (to the "
                            "floor) · mean at least 4.6 s\nfirst time"]
    assert gym.texts()["name"] == "Test session" and gym.texts()["set"] == ""
    assert gym.screen.visible_buttons() == ["close"]
    with gym.qtbot.waitSignal(gym.controller.finished, timeout=1000):
        gym.key(K.Key_Return)
    assert not gym.controller.frame_timer.isActive()


# --------------------------------------------------------------------------
# The log sheet: keys, validation, the write
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("units", "load", "step_up", "step_down"), [
    ("kg", "60", "62.5", "57.5"), ("lb", "132.5", "137.5", "127.5")])
def test_up_down_change_reps_and_shift_changes_the_load(make: Any, catalog: Catalog, units: str,
                                                        load: str, step_up: str, step_down: str) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60), units=units)
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    sheet = gym.screen.sheet
    assert sheet.load_edit.text() == load
    gym.key(K.Key_Up)
    assert sheet.reps_edit.text() == "11"
    gym.key(K.Key_Down)
    gym.key(K.Key_Down)
    assert sheet.reps_edit.text() == "9"
    gym.key(K.Key_Up, SHIFT)
    assert sheet.load_edit.text() == step_up
    gym.key(K.Key_Down, SHIFT)
    gym.key(K.Key_Down, SHIFT)
    assert sheet.load_edit.text() == step_down
    # The same keys work from any field of the sheet (issue 14: the sheet of a
    # loaded exercise opens on the load, so one Tab reaches the RPE).
    assert has_focus(sheet.load_edit)
    gym.key(K.Key_Tab)
    assert has_focus(sheet.rpe_edit)
    gym.key("8")
    gym.key(K.Key_Up)
    assert (sheet.reps_edit.text(), sheet.rpe_edit.text()) == ("10", "8")
    gym.key(K.Key_Tab)
    gym.key(K.Key_Left)
    assert sheet.type_combo.currentData() == "warmup"
    gym.key(K.Key_Tab)
    gym.qtbot.keyClicks(sheet.notes_edit, "grip gave out")
    with gym.qtbot.waitSignal(gym.controller.set_logged, timeout=20000) as logged:
        gym.key(K.Key_Return)
    record = logged.args[0]
    assert (record.reps, record.load_unit, record.load_entered, record.rpe, record.set_type, record.notes) \
        == (10, units, float(step_down), 8.0, "warmup", "grip gave out")


def test_a_refused_value_is_shown_next_to_its_field_and_nothing_is_lost(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    sheet = gym.screen.sheet
    sheet.rpe_edit.setText("11")
    sheet.notes_edit.setText("felt strong")
    gym.key(K.Key_Return)
    assert gym.engine.state is State.SET_DONE
    assert sheet.messages["RPE"].text() == "RPE: must be between 1 and 10, got 11"
    assert sheet.messages["RPE"].isVisible()
    assert sheet.rpe_edit.property("invalid") is True
    assert has_focus(sheet.rpe_edit)
    assert (sheet.reps_edit.text(), sheet.load_edit.text(), sheet.notes_edit.text()) == ("10", "60",
                                                                                         "felt strong")
    sheet.rpe_edit.setText("8")
    sheet.reps_edit.setText("ten")
    gym.key(K.Key_Return)
    assert sheet.messages["RPE"].text() == ""
    assert sheet.messages["reps"].text() == "Reps: must be a whole number, got 'ten'"
    sheet.reps_edit.setText("9")
    sheet.load_edit.setText("900")
    gym.key(K.Key_Return)
    # Issue 14: the reason names the bound that was passed.
    assert sheet.messages["load"].text() == "Load: must be at most 500 kg"
    assert has_focus(sheet.load_edit) and sheet.load_edit.text() == "900"
    sheet.load_edit.setText("65")
    gym.save_set()
    assert gym.engine.state is State.RESTING
    assert gym.controller.engine.view().last_set is not None


def test_a_failed_write_keeps_the_sheet_and_enter_tries_again(make: Any, catalog: Catalog,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              store: Any) -> None:
    from app.storage.store import Store

    real_log_set = Store.log_set
    failures = [OSError("disk I/O error")]

    def flaky_log_set(self: Store, session_id: int, entry: SetEntry, **identity: Any) -> Any:
        if failures:
            raise failures.pop()
        return real_log_set(self, session_id, entry, **identity)

    monkeypatch.setattr(Store, "log_set", flaky_log_set)
    gym = make(plan_of(catalog, NORDIC))
    through_nordic_set(gym, {1: (2.0, K.Key_B)})
    sheet = gym.screen.sheet
    gym.key(K.Key_Up)          # 6 reps: an edit that must survive the failure
    gym.key(K.Key_Return)
    assert sheet.status.text() == "Saving…"
    gym.settle()
    assert gym.engine.state is State.SET_DONE and sheet.isVisible()
    assert sheet.status.text() == "Not saved: disk I/O error. Nothing is lost: press Enter to try again."
    assert sheet.reps_edit.text() == "6"
    assert store.count_sets() == 0
    gym.save_set()
    assert gym.engine.state is State.RESTING
    sets = store.sets_of_session(gym.controller.session_id)
    assert [(s.reps, s.descent_s) for s in sets] == [(6, (2.0, 5.0, 5.0, 5.0, 5.0))]


def test_overlays_over_the_sheet_take_the_keys_and_give_them_back(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift"))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    sheet = gym.screen.sheet
    assert has_focus(sheet.load_edit)   # issue 14: a barbell lift's sheet opens on its load
    gym.key("?")
    assert gym.screen.help_overlay.isVisible() and has_focus(gym.screen)
    gym.key(K.Key_Escape)                      # closes the list; does not pause
    assert not gym.screen.help_overlay.isVisible() and not gym.engine.paused
    assert has_focus(sheet.load_edit)
    gym.key(K.Key_Escape)
    assert gym.engine.paused and has_focus(gym.screen)
    gym.key(K.Key_Escape)
    assert not gym.engine.paused and has_focus(sheet.load_edit)
    gym.key(K.Key_Escape)
    gym.key(K.Key_E)                           # ends the session; nothing typed into the sheet
    assert gym.engine.state is State.SUMMARY
    assert sheet.load_edit.text() == ""
    assert gym.screen.summary_page.note.text() == "The set on the log sheet was not saved."


def test_keys_wait_while_the_set_is_being_written(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift"))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    with gym.qtbot.waitSignal(gym.controller.set_logged, timeout=20000):
        gym.key(K.Key_Return)
        gym.key(K.Key_Return)        # a second Enter before the write is back: not logged twice
        gym.key(K.Key_Escape)
    gym.settle()
    assert gym.engine.state is State.RESTING and not gym.engine.paused
    assert gym.engine.view().sets_logged == 1


# --------------------------------------------------------------------------
# The rest of the keys
# --------------------------------------------------------------------------


def test_n_and_p_move_between_exercises(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", NORDIC, "glute-bridge"))
    gym.key(K.Key_N)
    assert gym.texts()["name"] == "Nordic hamstring curl"
    gym.key(K.Key_N)
    assert gym.texts()["name"] == "Glute bridge"
    assert "next" not in gym.screen.visible_buttons()
    gym.key(K.Key_P)
    gym.key(K.Key_P)
    assert gym.texts()["name"] == "Romanian deadlift"
    assert "previous" not in gym.screen.visible_buttons()


def test_ctrl_z_undoes_the_last_set_and_removes_it_from_the_log(make: Any, catalog: Catalog,
                                                                store: Any) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.key(K.Key_Down)
    gym.save_set()
    assert store.count_sets() == 1
    with gym.qtbot.waitSignal(gym.controller.set_undone, timeout=20000) as undone:
        gym.key(K.Key_Z, CTRL)
    gym.settle()
    assert undone.args[0].reps == 9
    assert store.count_sets() == 0
    assert gym.engine.state is State.SET_DONE
    assert gym.screen.sheet.reps_edit.text() == "9"       # as saved, not the engine's 10
    gym.key(K.Key_Up)
    gym.save_set()
    assert [s.reps for s in store.sets_of_session(gym.controller.session_id)] == [10]


def test_ctrl_d_throws_the_set_away(make: Any, catalog: Catalog, store: Any) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift"))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.key(K.Key_D, CTRL)
    assert gym.engine.state is State.READY and gym.texts()["set"] == "SET 1 OF 3"
    assert has_focus(gym.screen)
    gym.settle()
    assert store.count_sets() == 0


def test_question_mark_shows_every_key(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC), break_point_keys=("B", "PgDown", "Space"))
    sheet = gym.screen.help_overlay
    gym.key("?")
    assert sheet.isVisible()
    listed = dict(sheet.texts())
    for shown in ("Space", "B / PgDown / Space", "Enter", "Up / Down", "Shift+Up / Shift+Down", "+ / -",
                  "S", "N / P", "Esc", "E", "Ctrl+Z", "?", "F11", "Ctrl+D"):
        assert shown in listed
    gym.key(K.Key_Space)                  # no key acts behind the list
    assert gym.engine.state is State.READY
    gym.key(K.Key_Escape)
    assert not sheet.isVisible() and not gym.engine.paused
    gym.key(K.Key_Question)
    gym.key("?")
    assert not sheet.isVisible()


def test_a_configured_key_marks_the_break_point(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC), break_point_keys=("PgDown",))
    gym.key(K.Key_Space)
    gym.run(3.0)
    gym.run(1.5)
    gym.key(K.Key_B)                                  # not a break key here: nothing
    assert gym.engine.phase is Phase.LOWERING
    gym.key(K.Key_PageDown)
    assert gym.engine.phase is Phase.CATCH and gym.texts()["detail"] == "Break point: 1.5 s"
    gym.run(1.0)
    gym.run(3.0)
    gym.run(1.0)
    gym.key(K.Key_Space)                              # Space is no break key: it ends the set
    assert gym.engine.state is State.SET_DONE


def test_a_late_space_after_the_lowering_does_not_end_the_set(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    gym.key(K.Key_Space)
    gym.run(3.0)
    gym.run(5.0)
    assert gym.engine.phase is Phase.CATCH
    gym.key(K.Key_Space)                 # meant for the lowering, a moment too late
    gym.key(K.Key_B)
    assert gym.engine.phase is Phase.CATCH and gym.engine.view().descents_s == (5.0,)
    gym.run(1.5)
    gym.key(K.Key_Space)
    assert gym.engine.phase is Phase.RETURN
    gym.run(2.5)
    gym.key(K.Key_Space)                 # before a rep starts, Space ends the set
    assert gym.engine.state is State.SET_DONE
    assert gym.screen.sheet.reps_edit.text() == "1"


def test_every_control_has_a_name_and_a_tooltip_with_its_key(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    screen = gym.screen
    controls: list[QWidget] = [*screen.findChildren(QPushButton)]
    sheet = screen.sheet
    controls += [sheet.reps_edit, sheet.load_edit, sheet.rpe_edit, sheet.type_combo, sheet.notes_edit]
    key_words = ("Space", "Enter", "Esc", "Ctrl+", "Up", "Down", "Tab", "Left", "(B", "(+)", "(−)",
                 "(S)", "(N)", "(P)", "(E)", "(?)", "B / Space")
    for control in controls:
        assert control.accessibleName(), control
        tip = control.toolTip()
        assert any(word in tip for word in key_words), (control.accessibleName(), tip)
    assert screen.accessibleName() == "Session"
    assert screen.big.accessibleName() and screen.bar.accessibleName() and screen.strip.accessibleName()


# --------------------------------------------------------------------------
# A whole Nordic session, and what the database holds
# --------------------------------------------------------------------------


def test_a_whole_nordic_session_with_break_points_by_b_and_by_space(make: Any, catalog: Catalog,
                                                                    store: Any) -> None:
    gym = make(plan_of(catalog, NORDIC))
    through_nordic_set(gym, {2: (4.2, K.Key_B), 4: (3.1, K.Key_Space)})
    gym.save_set()
    assert gym.engine.state is State.RESTING
    gym.run(90)
    assert gym.engine.state is State.READY and gym.texts()["set"] == "SET 2 OF 2"
    through_nordic_set(gym, {1: (2.4, K.Key_Space), 5: (1.8, K.Key_B)})
    gym.key(K.Key_Down)
    gym.save_set()
    assert gym.engine.state is State.SUMMARY
    gym.settle()
    sets = store.sets_of_session(gym.controller.session_id)
    assert [(s.set_number, s.reps, s.tempo, s.descent_s) for s in sets] == [
        (1, 5, "5-0-3-0", (5.0, 4.2, 5.0, 3.1, 5.0)),
        # Issue 14: one rep fewer on the sheet keeps the descents of the reps done.
        (2, 4, "5-0-3-0", (2.4, 5.0, 5.0, 5.0)),
    ]
    assert [s.descent_held for s in sets] == [(True, False, True, False, True),
                                              (False, True, True, True)]
    session = store.list_sessions()[0]
    assert session.title == "Test session" and session.ended_at is not None
    assert gym.screen.summary_page.texts() == [
        "Nordic hamstring curl: 5, 4 · 2 of 2 sets · best descent 5.0 s+ (to the floor) · mean "
        "at least 4.4 s\nfirst time"]  # issue 14: the summary's new line; the fifth rep taken off
    assert gym.screen.summary_page.title.text() == "SESSION DONE"
    assert not gym.controller.save_path.exists()


def test_a_whole_mixed_session_from_the_keyboard_alone(make: Any, catalog: Catalog, store: Any) -> None:
    """Warm-up jog, a one-side exercise, a heavy lift and a stretch, start to finish."""
    gym = make(plan_of(catalog, "light-jog", "single-leg-deadlift", "romanian-deadlift",
                       "standing-hamstring-stretch", romanian_deadlift=80))
    seen: list[tuple[str, str, str]] = []
    for _ in range(200):
        state = gym.engine.state
        if state is State.SUMMARY:
            break
        seen.append((state.value, gym.texts()["name"], gym.texts()["side"]))
        if state is State.READY:
            gym.key(K.Key_Space)
        elif state is State.SET_RUNNING:
            if gym.engine.current_item.kind == "reps":
                gym.run(25)
                gym.key(K.Key_Space)
            else:
                gym.run(10)            # timed sets end by themselves
        elif state is State.SET_DONE:
            gym.save_set()
        elif state is State.RESTING:
            gym.run(30)
            gym.key(K.Key_S)
        elif state is State.SWITCHING_SIDE:
            gym.run(5)
    assert gym.engine.state is State.SUMMARY
    gym.settle()
    sets = store.sets_of_session(gym.controller.session_id)
    assert [(s.exercise_slug, s.set_number, s.side) for s in sets] == [
        ("light-jog", 1, "both"),
        ("single-leg-deadlift", 1, "left"), ("single-leg-deadlift", 1, "right"),
        ("single-leg-deadlift", 2, "left"), ("single-leg-deadlift", 2, "right"),
        ("romanian-deadlift", 1, "both"), ("romanian-deadlift", 2, "both"), ("romanian-deadlift", 3, "both"),
        ("standing-hamstring-stretch", 1, "left"), ("standing-hamstring-stretch", 1, "right"),
    ]
    jog, *_, rdl3, stretch_left, _stretch_right = sets
    assert (jog.set_type, jog.duration_s) == ("warmup", 300.0)
    assert (rdl3.reps, rdl3.load_kg) == (10, 80.0)
    assert (stretch_left.reps, stretch_left.duration_s) == (6, 60.0)
    assert ("switching_side", "Single-leg deadlift", "RIGHT LEG") in seen
    assert gym.screen.summary_page.title.text() == "SESSION DONE"


# --------------------------------------------------------------------------
# The session in progress, saved as it goes
# --------------------------------------------------------------------------


def test_the_session_in_progress_is_saved_on_every_change_and_resumes(make: Any, catalog: Catalog,
                                                                      qtbot: QtBot, writer: LogWriter,
                                                                      clock: FakeClock, store: Any) -> None:
    gym = make(plan_of(catalog, NORDIC))
    path = gym.controller.save_path
    saved = load_saved_session(path)
    assert saved is not None and saved.state is State.READY and saved.session_id == gym.controller.session_id
    raw = json.loads(path.read_text())
    assert set(raw) >= {"plan", "snapshot", "session_id", "saved_at"}

    through_nordic_set(gym, {1: (2.5, K.Key_B)})
    gym.save_set()
    gym.run(40)
    gym.key(K.Key_Plus)                 # a change: saved with 65 s left
    gym.settle()
    saved = load_saved_session(path)
    assert saved is not None and saved.state is State.RESTING
    assert saved.describe() == "Nordic hamstring curl, resting before set 2 of 2, 1 of 2 sets logged"

    # The program dies here; the next start carries on from the file.
    gym.controller.stop()
    gym.screen.close()
    clock.advance(600)
    screen = SessionScreen(catalog)
    qtbot.addWidget(screen)
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitActive(screen)
    player = FakeCuePlayer()
    controller = SessionController.resume(path, screen, clock=clock, writer=writer, cue_player=player)
    controller.start()
    again = Gym(qtbot, controller, clock, player)
    again.settle()
    assert controller.session_id == gym.controller.session_id
    assert controller.engine.state is State.RESTING and controller.engine.paused
    assert screen.pause_overlay.isVisible()
    assert again.texts()["big"] == "1:05"
    again.key(K.Key_Escape)
    again.run(65)
    assert controller.engine.state is State.READY and again.texts()["set"] == "SET 2 OF 2"
    through_nordic_set(again)
    again.save_set()
    assert controller.engine.state is State.SUMMARY
    again.settle()
    assert not path.exists()
    assert [s.descent_s for s in store.sets_of_session(controller.session_id)] == [
        (2.5, 5.0, 5.0, 5.0, 5.0), (5.0, 5.0, 5.0, 5.0, 5.0)]
    assert again.screen.summary_page.texts() == [  # issue 14: the summary's new line
        "Nordic hamstring curl: 2 x 5 · 2 of 2 sets · best descent 5.0 s+ (to the floor) · mean "
        "at least 4.8 s\nfirst time"]
    controller.stop()


@pytest.mark.parametrize("stored", [True, False])
def test_a_set_interrupted_while_being_written_is_never_lost_nor_doubled(
        make: Any, catalog: Catalog, qtbot: QtBot, writer: LogWriter, clock: FakeClock, store: Any,
        paths: AppPaths, stored: bool) -> None:
    gym = make(plan_of(catalog, "romanian-deadlift", romanian_deadlift=60))
    gym.key(K.Key_Space)
    gym.key(K.Key_Space)
    gym.key(K.Key_Up)
    gym.settle()
    engine = gym.engine
    entry = engine.entry_for_set(reps=11, load=60.0)
    session_id = gym.controller.session_id
    # What the file holds just before the write; then the program dies,
    # before (stored=False) or after (stored=True) the database commits.
    path = gym.controller.save_path
    write_saved_session(path, session_payload(engine.plan, engine.snapshot(), session_id=session_id,
                                              saved_at=clock.now(), writing=entry))
    if stored:   # as the app writes it: under the set's identity
        store.log_set(session_id, entry, uid=engine.pending_uid)
    gym.controller.stop()
    gym.screen.close()

    screen = SessionScreen(catalog)
    qtbot.addWidget(screen)
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    player = FakeCuePlayer()
    controller = SessionController.resume(path, screen, clock=clock, writer=writer, cue_player=player)
    controller.start()
    qtbot.waitUntil(lambda: not controller.writes_pending, timeout=20000)
    if stored:
        assert controller.engine.state is State.RESTING
    else:
        assert controller.engine.state is State.SET_DONE
        assert screen.sheet.reps_edit.text() == "11"
    assert store.count_sets() == (1 if stored else 0)
    controller.stop()


def test_a_damaged_saved_session_is_refused_with_a_reason(tmp_path: Path, catalog: Catalog,
                                                          clock: FakeClock,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "session-in-progress.json"
    assert load_saved_session(path) is None            # no file: nothing to say
    path.write_text("{not json")
    with caplog.at_level(logging.WARNING):
        assert load_saved_session(path) is None
    assert "damaged" in caplog.text
    from app.session import SessionEngine

    plan = plan_of(catalog, NORDIC)
    other = plan_of(catalog, "romanian-deadlift")
    snapshot = SessionEngine(other, clock).snapshot()
    write_saved_session(path, session_payload(plan, snapshot, session_id=1, saved_at=clock.now()))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert load_saved_session(path) is None
    assert "another plan" in caplog.text
    with pytest.raises(ValueError, match="no session to resume"):
        SessionController.resume(path, SessionScreen(catalog), clock=clock, writer=None,  # type: ignore[arg-type]
                                 cue_player=FakeCuePlayer())


# --------------------------------------------------------------------------
# Time and type
# --------------------------------------------------------------------------


def test_the_big_number_is_at_least_a_fifth_of_the_screen_height(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    screen = gym.screen
    assert (screen.width(), screen.height()) == (WIDTH, HEIGHT)
    seen = []
    for step in (lambda: None, lambda: gym.key(K.Key_Space), lambda: gym.run(3.0), lambda: gym.run(5.0)):
        step()
        seen.append(screen.big.text())
        assert screen.big_font_px() >= HEIGHT / 5, screen.big.text()
        assert screen.big.font().pixelSize() == screen.big_font_px()
        assert screen.big.height() >= screen.big_font_px()        # room for it, not clipped
    assert seen == ["READY", "3", "5", "CATCH"]
    # A narrower window shrinks a long word, but never below a fifth.
    screen.resize(900, HEIGHT)
    assert screen.big_font_px() >= HEIGHT / 5


def test_a_stalled_event_loop_causes_no_drift(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    through_nordic_set(gym)
    gym.save_set()
    assert gym.texts()["big"] == "1:30"
    gym.clock.advance(7.0)            # nothing ran for 7 s: no repaint, no timer
    gym.controller.tick()
    assert gym.texts()["big"] == "1:23"
    beeps = [c for c in gym.player.played if c[0] == "beep"]
    gym.clock.advance(83.0)           # a longer stall, across the end of the rest
    gym.controller.tick()
    assert gym.engine.state is State.READY
    assert [c for c in gym.player.played if c[0] == "beep"][len(beeps):] == [("beep", 3), ("beep", 2),
                                                                             ("beep", 1)]


def test_the_precise_timer_is_armed_for_the_next_cue(make: Any, catalog: Catalog,
                                                     clock: FakeClock) -> None:
    gym = make(plan_of(catalog, NORDIC))
    timer = gym.controller.cue_timer
    assert not timer.isActive()                       # nothing due while ready
    assert timer.timerType() is Qt.TimerType.PreciseTimer and timer.isSingleShot()
    gym.key(K.Key_Space)                              # get ready: the "2" beep is 1 s away
    assert timer.isActive() and timer.interval() == 1000
    gym.clock.advance(0.3)
    gym.controller.tick()
    assert timer.interval() == 700
    gym.key(K.Key_Escape)
    assert not timer.isActive()                       # paused: nothing is due


def test_a_scaled_clock_arms_the_timer_in_real_milliseconds(make: Any, catalog: Catalog,
                                                            clock: FakeClock) -> None:
    gym = make(plan_of(catalog, NORDIC), session_clock=ScaledClock(clock, 10))
    gym.key(K.Key_Space)
    assert gym.controller.cue_timer.interval() == 100


def test_a_player_without_sound_makes_the_screen_flash(make: Any, catalog: Catalog) -> None:
    gym = make(plan_of(catalog, NORDIC))
    gym.player.flash_requested.emit("catch")
    flash = gym.screen.flash_overlay
    assert flash.isVisible() and flash.text() == "catch"
    assert flash.geometry() == gym.screen.rect()


def test_a_broken_cue_player_does_not_stop_the_session(make: Any, catalog: Catalog,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    gym = make(plan_of(catalog, NORDIC))

    def broken(kind: str, count: int | None) -> None:
        raise RuntimeError("no audio")

    gym.player.play = broken
    with caplog.at_level(logging.ERROR):
        gym.key(K.Key_Space)
        gym.run(4.0)
    assert gym.engine.phase is Phase.LOWERING
    assert caplog.text.count("cue player failed") == 1


def test_the_dark_theme_is_the_screens_own(make: Any, catalog: Catalog) -> None:
    before = QApplication.palette().color(QPalette.ColorRole.Window)
    gym = make(plan_of(catalog, NORDIC))
    assert gym.screen.palette().color(QPalette.ColorRole.Window) == QColor(theme.BACKGROUND)
    assert gym.screen.big.colour() == QColor(theme.READY)
    assert QApplication.palette().color(QPalette.ColorRole.Window) == before
    assert "QPushButton" not in QApplication.instance().styleSheet()  # type: ignore[union-attr]


def test_the_screen_stays_dark_inside_the_main_window(qtbot: QtBot, catalog: Catalog) -> None:
    from PySide6.QtWidgets import QMainWindow

    from app.ui.look.style import LIGHT, style_sheet

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    app.setStyleSheet(style_sheet(LIGHT))    # the app's own light look, as at run time
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        window.menuBar().addMenu("&File")
        screen = SessionScreen(catalog)
        window.setCentralWidget(screen)
        window.resize(WIDTH, HEIGHT)
        window.show()
        qtbot.waitExposed(window)
        # The window's picture: grabbing the screen alone would paint its background anyway.
        image = window.grab().toImage()
        where = screen.mapTo(window, QPoint(3, screen.height() // 2))
        assert image.pixelColor(where) == QColor(theme.BACKGROUND)
    finally:
        app.setStyleSheet(before)


def test_render_draws_a_view_and_still_renders_into_an_image(make: Any, catalog: Catalog) -> None:
    from PySide6.QtGui import QImage

    gym = make(plan_of(catalog, NORDIC))
    gym.screen.render(gym.engine.view(), gym.engine.allowed())
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("red"))
    gym.screen.render(image)
    assert image.pixelColor(2, 2) == QColor(theme.BACKGROUND)


def test_unknown_break_point_key_names_are_refused(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="not a key name"):
        SessionScreen(catalog, break_point_keys=["Bogus"])
    with pytest.raises(ValueError, match="units"):
        SessionScreen(catalog, units="stone")


def test_a_set_with_its_own_target_shows_that_target() -> None:
    from app.session.plan import PlanItem
    from app.ui.session import words

    item = PlanItem(NORDIC, "Nordic hamstring curl", DoseKind.REPS, 3, 60, reps=(8, 12),
                    reps_per_set=(12, 10, 8))
    assert [words.target_text(item, "kg", n) for n in (1, 2, 3)] == ["12 reps", "10 reps", "8 reps"]
    assert words.target_text(item, "kg") == "8–12 reps"


# --------------------------------------------------------------------------
# The controller's action table (issue 17): every action the screen sends is
# known, and one the engine does not allow now does nothing
# --------------------------------------------------------------------------


def test_every_action_of_the_keys_is_known_to_the_controller(
        make: Any, catalog: Catalog, caplog: pytest.LogCaptureFixture) -> None:
    from app.ui.session import keys

    gym = make(plan_of(catalog, "glute-bridge", "romanian-deadlift"))
    with caplog.at_level(logging.DEBUG, logger="app.ui.session.controller"):
        for action in keys.ACTIONS:
            gym.screen.action_requested.emit(action)
            gym.settle()
        assert not [r for r in caplog.records if "unknown session action" in r.getMessage()]
        gym.screen.action_requested.emit("jump")
    assert [r.getMessage() for r in caplog.records
            if "unknown session action" in r.getMessage()] == ["unknown session action 'jump'"]


def test_an_action_the_engine_does_not_allow_now_does_nothing(
        make: Any, catalog: Catalog, caplog: pytest.LogCaptureFixture) -> None:
    from app.ui.session import keys

    gym = make(plan_of(catalog, "glute-bridge", "romanian-deadlift"))
    assert gym.engine.state is State.READY
    with caplog.at_level(logging.DEBUG, logger="app.ui.session.controller"):
        # Not resting: the rest keys and the resume key are declared as needing
        # the engine's leave, so they are dropped without asking it.
        for action in (keys.SKIP_REST, keys.REST_LONGER, keys.RESUME, keys.PREVIOUS_EXERCISE):
            gym.screen.action_requested.emit(action)
    assert gym.engine.state is State.READY and not gym.engine.paused
    assert gym.engine.position[0] == 0
    # Nothing was refused by the engine (TransitionError) either. Only the
    # controller's own records: the storage worker's daily backup may log at
    # any moment of the test (a race seen in full runs).
    assert not [r for r in caplog.records if r.name == "app.ui.session.controller"]
    gym.screen.action_requested.emit(keys.NEXT_EXERCISE)
    assert gym.engine.position[0] == 1
